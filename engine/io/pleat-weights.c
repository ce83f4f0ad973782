/* pleat-weights.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pleat-engine"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "pleat-error.h"
#include "pleat-safetensors.h"
#include "pleat-safetensors-private.h"
#include "pleat-tensor-convert.h"
#include "pleat-torch-checkpoint.h"
#include "pleat-weights.h"

/* Loaded tensors are aligned for the widest vector loads the kernels use. */
#define TENSOR_ALIGNMENT 64

/* Tensors from this size on are aligned to and advised as transparent huge pages: loading
 * then takes one page fault per 2 MiB instead of one per 4 KiB (most of the load time of a
 * big checkpoint that is in the page cache), and the kernels miss the TLB less. */
#define HUGE_PAGE_SIZE (2u * 1024u * 1024u)

/* Index files are small; a bigger one is not an index. */
#define MAX_INDEX_SIZE (64u * 1024u * 1024u)

/* One weights file and the reader that owns its tensor views. */
typedef struct
{
  char           *display_name;
  char           *basename;
  gboolean        mapped;        /* bytes are our own read-only mmap: pages may be dropped */
  gpointer        reader;
  GDestroyNotify  reader_free;
} Source;

typedef struct
{
  PleatTensorInfo        info;
  Source                *source;
  const PleatTensorView *view;                      /* (nullable) NULL after release */
  gboolean               used;
  gpointer               loaded[PLEAT_DTYPE_N_TYPES];
} Entry;

struct _PleatWeights
{
  gatomicrefcount   ref_count;
  GMutex            mutex;

  /* Owned */
  char             *path;
  GPtrArray        *sources;     /* Source */
  GHashTable       *entries;     /* name (owned by the entry) -> Entry */
  PleatConvertFuncs funcs;

  /* Called with mutex held. */
  guint64           loaded_size;
};

static void
source_free (Source *source)
{
  if (source->reader != NULL && source->reader_free != NULL)
    source->reader_free (source->reader);
  g_free (source->display_name);
  g_free (source->basename);
  g_free (source);
}

static void
entry_free (Entry *entry)
{
  for (guint i = 0; i < PLEAT_DTYPE_N_TYPES; i++)
    free (entry->loaded[i]);
  g_free ((char *) entry->info.name);
  g_free (entry);
}

static PleatWeights *
pleat_weights_new (const char         *path,
                   const PleatKernels *kernels)
{
  PleatWeights *self = g_new0 (PleatWeights, 1);

  g_atomic_ref_count_init (&self->ref_count);
  g_mutex_init (&self->mutex);
  self->path = g_strdup (path);
  self->sources = g_ptr_array_new_with_free_func ((GDestroyNotify) source_free);
  self->entries = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                         (GDestroyNotify) entry_free);
  pleat_convert_funcs_init (&self->funcs, kernels);
  return self;
}

PleatWeights *
pleat_weights_ref (PleatWeights *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
pleat_weights_unref (PleatWeights *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_hash_table_unref (self->entries);
  g_ptr_array_unref (self->sources);
  g_mutex_clear (&self->mutex);
  g_free (self->path);
  g_free (self);
}

/* Registers the views of a reader; the store takes the reader. */
static gboolean
add_source (PleatWeights           *self,
            const char             *display_name,
            gboolean                mapped,
            gpointer                reader,
            GDestroyNotify          reader_free,
            const PleatTensorView * (*get_view) (gpointer reader, guint index),
            guint                   n_views,
            GError                **error)
{
  Source *source = g_new0 (Source, 1);

  source->display_name = g_strdup (display_name);
  source->basename = g_path_get_basename (display_name);
  source->mapped = mapped;
  source->reader = reader;
  source->reader_free = reader_free;
  g_ptr_array_add (self->sources, source);

  for (guint i = 0; i < n_views; i++)
    {
      const PleatTensorView *view = get_view (reader, i);
      Entry *entry, *other;

      other = g_hash_table_lookup (self->entries, view->name);
      if (other != NULL)
        {
          g_set_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_INVALID_FILE,
                       _("Tensor “%s” is stored twice, in %s and in %s"),
                       view->name, other->source->display_name, display_name);
          return FALSE;
        }
      entry = g_new0 (Entry, 1);
      entry->info.name = g_strdup (view->name);
      entry->info.file = source->display_name;
      entry->info.dtype = view->dtype;
      entry->info.n_dims = view->n_dims;
      memcpy (entry->info.shape, view->shape, sizeof view->shape);
      entry->info.n_elements = pleat_tensor_view_get_n_elements (view);
      entry->source = source;
      entry->view = view;
      g_hash_table_insert (self->entries, (gpointer) entry->info.name, entry);
    }
  return TRUE;
}

static const PleatTensorView *
get_safetensors_view (gpointer reader,
                      guint    index)
{
  return pleat_safetensors_get_tensor (reader, index);
}

static const PleatTensorView *
get_torch_view (gpointer reader,
                guint    index)
{
  return pleat_torch_checkpoint_get_tensor (reader, index);
}

static gboolean
add_bytes (PleatWeights  *self,
           GBytes        *bytes,
           const char    *display_name,
           gboolean       mapped,
           GError       **error)
{
  PleatSafetensors *st;
  const guint8 *data;
  gsize size;

  data = g_bytes_get_data (bytes, &size);
  if (size >= 4 && data[0] == 'P' && data[1] == 'K' &&
      ((data[2] == 3 && data[3] == 4) || (data[2] == 5 && data[3] == 6)))
    {
      PleatTorchCheckpoint *ckpt = pleat_torch_checkpoint_new_from_bytes (bytes, display_name,
                                                                          error);

      if (ckpt == NULL)
        return FALSE;
      return add_source (self, display_name, mapped, ckpt,
                         (GDestroyNotify) pleat_torch_checkpoint_unref, get_torch_view,
                         pleat_torch_checkpoint_get_n_tensors (ckpt), error);
    }
  if (size >= 2 && data[0] == 0x80 && data[1] <= 5)
    {
      g_set_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_UNSUPPORTED,
                   _("%s is a PyTorch checkpoint in the legacy format of PyTorch before 1.6; "
                     "load it and save it again with a recent torch.save"), display_name);
      return FALSE;
    }

  st = pleat_safetensors_new_from_bytes (bytes, display_name, error);
  if (st == NULL)
    return FALSE;
  return add_source (self, display_name, mapped, st, (GDestroyNotify) pleat_safetensors_unref,
                     get_safetensors_view, pleat_safetensors_get_n_tensors (st), error);
}

static gboolean
add_file (PleatWeights  *self,
          const char    *path,
          GError       **error)
{
  g_autoptr(GMappedFile) file = NULL;
  g_autoptr(GBytes) bytes = NULL;

  file = g_mapped_file_new (path, FALSE, error);
  if (file == NULL)
    return FALSE;
  bytes = g_mapped_file_get_bytes (file);
  /* The mapping may be empty (an empty file): then nothing is ever dropped from it. */
  return add_bytes (self, bytes, path, g_mapped_file_get_length (file) > 0, error);
}

/* A Hugging Face sharded set: {"metadata": {...}, "weight_map": {tensor: shard file}}. Every
 * shard is opened; every tensor the map names must be in the shard it names. */
static gboolean
add_index (PleatWeights  *self,
           const char    *path,
           GError       **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GHashTable) opened = NULL;
  g_autoptr(GList) members = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *text = NULL;
  JsonObject *map;
  JsonNode *root, *node;
  gsize len;

  if (!g_file_get_contents (path, &text, &len, error))
    return FALSE;
  if (len > MAX_INDEX_SIZE || !g_utf8_validate_len (text, len, NULL) ||
      !_pleat_json_check_depth (text, len, 8))
    {
      g_set_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_INVALID_FILE,
                   _("%s is not a sharded checkpoint index"), path);
      return FALSE;
    }
  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, text, len, &local_error))
    {
      g_set_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_INVALID_FILE,
                   _("%s is not valid JSON: %s"), path, local_error->message);
      return FALSE;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root) ||
      (node = json_object_get_member (json_node_get_object (root), "weight_map")) == NULL ||
      !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_INVALID_FILE,
                   _("%s has no “weight_map” object"), path);
      return FALSE;
    }
  map = json_node_get_object (node);
  members = json_object_get_members (map);
  dir = g_path_get_dirname (path);
  opened = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  /* Open the shards in the order they first appear. */
  for (const GList *l = members; l != NULL; l = l->next)
    {
      JsonNode *value = json_object_get_member (map, l->data);
      const char *file;
      g_autofree char *shard_path = NULL;

      if (!JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_STRING)
        {
          g_set_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_INVALID_FILE,
                       _("%s: the shard of tensor “%s” is not a file name"),
                       path, (const char *) l->data);
          return FALSE;
        }
      file = json_node_get_string (value);
      /* Shards sit beside the index: a path elsewhere is refused, not followed. */
      if (*file == '\0' || strchr (file, '/') != NULL || g_str_equal (file, ".") ||
          g_str_equal (file, ".."))
        {
          g_set_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_INVALID_FILE,
                       _("%s: the shard “%s” of tensor “%s” is not a file beside the index"),
                       path, file, (const char *) l->data);
          return FALSE;
        }
      if (g_hash_table_contains (opened, file))
        continue;
      g_hash_table_add (opened, g_strdup (file));
      shard_path = g_build_filename (dir, file, NULL);
      if (!add_file (self, shard_path, error))
        return FALSE;
    }

  for (const GList *l = members; l != NULL; l = l->next)
    {
      const char *file = json_object_get_string_member (map, l->data);
      Entry *entry = g_hash_table_lookup (self->entries, l->data);

      if (entry == NULL || !g_str_equal (entry->source->basename, file))
        {
          g_set_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_INVALID_FILE,
                       _("%s: tensor “%s” is not in its shard %s"),
                       path, (const char *) l->data, file);
          return FALSE;
        }
    }
  return TRUE;
}

/* Weights files of a model folder, in order of preference. */
static const char * const folder_candidates[] = {
  "model.safetensors",
  "model.safetensors.index.json",
  "pytorch_model.bin",
  "pytorch_model.bin.index.json",
};

static gboolean
add_path (PleatWeights  *self,
          const char    *path,
          GError       **error)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      for (guint i = 0; i < G_N_ELEMENTS (folder_candidates); i++)
        {
          g_autofree char *candidate = g_build_filename (path, folder_candidates[i], NULL);

          if (g_file_test (candidate, G_FILE_TEST_EXISTS))
            return add_path (self, candidate, error);
        }
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("The model folder %s has no weights: it needs a model.safetensors, "
                     "a model.safetensors.index.json or a pytorch_model.bin"), path);
      return FALSE;
    }
  if (g_str_has_suffix (path, ".index.json"))
    return add_index (self, path, error);
  return add_file (self, path, error);
}

PleatWeights *
pleat_weights_open (const char          *path,
                    const PleatKernels  *kernels,
                    GError             **error)
{
  g_autoptr(PleatWeights) self = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = pleat_weights_new (path, kernels);
  if (!add_path (self, path, error))
    return NULL;
  return g_steal_pointer (&self);
}

PleatWeights *
pleat_weights_new_from_bytes (GBytes              *bytes,
                              const char          *display_name,
                              const PleatKernels  *kernels,
                              GError             **error)
{
  g_autoptr(PleatWeights) self = NULL;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (display_name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = pleat_weights_new (display_name, kernels);
  if (!add_bytes (self, bytes, display_name, FALSE, error))
    return NULL;
  return g_steal_pointer (&self);
}

const char *
pleat_weights_get_path (PleatWeights *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->path;
}

char **
pleat_weights_dup_files (PleatWeights *self)
{
  GStrvBuilder *builder;
  char **files;

  g_return_val_if_fail (self != NULL, NULL);

  builder = g_strv_builder_new ();
  for (guint i = 0; i < self->sources->len; i++)
    {
      const Source *source = g_ptr_array_index (self->sources, i);

      if (source->mapped)
        g_strv_builder_add (builder, source->display_name);
    }
  files = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return files;
}

guint
pleat_weights_get_n_tensors (PleatWeights *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return g_hash_table_size (self->entries);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Called with self->mutex held when only_unused. */
static char **
dup_names (PleatWeights *self,
           gboolean      only_unused)
{
  GPtrArray *names = g_ptr_array_new ();
  GHashTableIter iter;
  Entry *entry;

  g_hash_table_iter_init (&iter, self->entries);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &entry))
    {
      if (!only_unused || !entry->used)
        g_ptr_array_add (names, g_strdup (entry->info.name));
    }
  g_ptr_array_sort (names, compare_strings);
  g_ptr_array_add (names, NULL);
  return (char **) g_ptr_array_free (names, FALSE);
}

char **
pleat_weights_dup_names (PleatWeights *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return dup_names (self, FALSE);
}

char **
pleat_weights_dup_unused_names (PleatWeights *self)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  locker = g_mutex_locker_new (&self->mutex);
  return dup_names (self, TRUE);
}

gboolean
pleat_weights_contains (PleatWeights *self,
                        const char   *name)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  return g_hash_table_contains (self->entries, name);
}

gboolean
pleat_weights_lookup (PleatWeights    *self,
                      const char      *name,
                      PleatTensorInfo *info)
{
  Entry *entry;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (info != NULL, FALSE);

  entry = g_hash_table_lookup (self->entries, name);
  if (entry == NULL)
    return FALSE;
  *info = entry->info;
  return TRUE;
}

/* Called with self->mutex held. Finds the tensor, marks it asked for and checks that it can
 * be read as dtype. */
static Entry *
find_entry (PleatWeights  *self,
            const char    *name,
            PleatDType     dtype,
            GError       **error)
{
  Entry *entry = g_hash_table_lookup (self->entries, name);

  if (entry == NULL)
    {
      g_set_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_MISSING_TENSOR,
                   _("The weights in %s have no tensor “%s”"), self->path, name);
      return NULL;
    }
  entry->used = TRUE;
  if (!pleat_dtype_converts_to (entry->info.dtype, dtype))
    {
      g_set_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_UNSUPPORTED,
                   _("Tensor “%s” in %s is %s and cannot be read as %s"), name,
                   entry->info.file, pleat_dtype_get_name (entry->info.dtype),
                   pleat_dtype_get_name (dtype));
      return NULL;
    }
  return entry;
}

/* Called with self->mutex held. */
static gboolean
check_readable (PleatWeights  *self,
                Entry         *entry,
                GError       **error)
{
  if (entry->view != NULL)
    return TRUE;
  g_set_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_FAILED,
               _("Tensor “%s” was asked for after the weights files were released"),
               entry->info.name);
  return FALSE;
}

/* Tells the kernel it may drop the file pages a loaded tensor came from: the converted copy
 * is what stays resident. Only for our own read-only mappings, where a later read simply
 * faults the pages in again. */
static void
drop_source_pages (const Entry *entry)
{
#ifdef MADV_DONTNEED
  const PleatTensorView *view = entry->view;
  guint64 n_span;
  guintptr page, begin, end;

  if (!entry->source->mapped ||
      !pleat_layout_get_span (view->shape, view->strides, view->n_dims, &n_span))
    return;
  page = (guintptr) sysconf (_SC_PAGESIZE);
  begin = ((guintptr) view->data + page - 1) / page * page;
  end = ((guintptr) view->data + n_span * pleat_dtype_get_size (view->dtype)) / page * page;
  if (begin < end)
    madvise ((void *) begin, end - begin, MADV_DONTNEED);
#endif
}

/* An aligned buffer of n_bytes (at least one alignment unit), or NULL. Freed with free(). */
static void *
alloc_tensor (gsize n_bytes)
{
  void *buffer = NULL;
  gsize alignment = n_bytes >= HUGE_PAGE_SIZE ? HUGE_PAGE_SIZE : TENSOR_ALIGNMENT;

  if (posix_memalign (&buffer, alignment, MAX (n_bytes, alignment)) != 0)
    return NULL;
#ifdef MADV_HUGEPAGE
  if (alignment == HUGE_PAGE_SIZE)
    madvise (buffer, n_bytes / HUGE_PAGE_SIZE * HUGE_PAGE_SIZE, MADV_HUGEPAGE);
#endif
  return buffer;
}

gconstpointer
pleat_weights_get (PleatWeights  *self,
                   const char    *name,
                   PleatDType     dtype,
                   const gint64  *shape,
                   guint          n_dims,
                   GError       **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  Entry *entry;
  gboolean match;
  gsize n_bytes;
  void *buffer = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (dtype < PLEAT_DTYPE_N_TYPES, NULL);
  g_return_val_if_fail (n_dims == 0 || shape != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  locker = g_mutex_locker_new (&self->mutex);
  entry = find_entry (self, name, dtype, error);
  if (entry == NULL)
    return NULL;

  match = n_dims == entry->info.n_dims;
  for (guint i = 0; match && i < n_dims; i++)
    match = shape[i] == PLEAT_ANY_DIM || shape[i] == entry->info.shape[i];
  if (!match)
    {
      g_autofree char *expected = pleat_shape_to_string (shape, n_dims);
      g_autofree char *actual = pleat_shape_to_string (entry->info.shape, entry->info.n_dims);

      g_set_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_SHAPE_MISMATCH,
                   _("Tensor “%s” in %s has shape %s; the model expects %s"),
                   name, entry->info.file, actual, expected);
      return NULL;
    }

  if (entry->loaded[dtype] != NULL)
    return entry->loaded[dtype];
  if (!check_readable (self, entry, error))
    return NULL;

  /* The element count was checked against the file size, so this cannot overflow. */
  n_bytes = (gsize) entry->info.n_elements * pleat_dtype_get_size (dtype);
  buffer = alloc_tensor (n_bytes);
  if (buffer == NULL)
    {
      g_autofree char *size = g_format_size (n_bytes);

      g_set_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_OUT_OF_MEMORY,
                   _("Not enough memory to load tensor “%s” (%s)"), name, size);
      return NULL;
    }
  pleat_tensor_view_convert (entry->view, dtype, buffer, &self->funcs);
  drop_source_pages (entry);
  entry->loaded[dtype] = buffer;
  self->loaded_size += n_bytes;
  return buffer;
}

const float *
pleat_weights_get_f32 (PleatWeights  *self,
                       const char    *name,
                       const gint64  *shape,
                       guint          n_dims,
                       GError       **error)
{
  return pleat_weights_get (self, name, PLEAT_DTYPE_F32, shape, n_dims, error);
}

const gint64 *
pleat_weights_get_i64 (PleatWeights  *self,
                       const char    *name,
                       const gint64  *shape,
                       guint          n_dims,
                       GError       **error)
{
  return pleat_weights_get (self, name, PLEAT_DTYPE_I64, shape, n_dims, error);
}

gconstpointer
pleat_weights_get_compact (PleatWeights  *self,
                           const char    *name,
                           const gint64  *shape,
                           guint          n_dims,
                           PleatDType    *dtype,
                           GError       **error)
{
  PleatTensorInfo info;
  PleatDType want = PLEAT_DTYPE_F32;
  gconstpointer data;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (dtype != NULL, NULL);

  /* The stored dtype never changes, so looking it up before the locked get is safe; a missing
   * tensor is left to pleat_weights_get() to report. */
  if (pleat_weights_lookup (self, name, &info))
    {
      if (info.dtype == PLEAT_DTYPE_F16 || info.dtype == PLEAT_DTYPE_BF16)
        want = info.dtype;
      else if (!pleat_dtype_is_float (info.dtype))
        want = PLEAT_DTYPE_F16;   /* refused by pleat_weights_get(), with the usual message */
    }
  data = pleat_weights_get (self, name, want, shape, n_dims, error);
  if (data != NULL)
    *dtype = want;
  return data;
}

static gpointer
dup_as (PleatWeights     *self,
        const char       *name,
        PleatDType        dtype,
        PleatTensorInfo  *info,
        GError          **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  Entry *entry;
  gpointer buffer;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  locker = g_mutex_locker_new (&self->mutex);
  entry = find_entry (self, name, dtype, error);
  if (entry == NULL || !check_readable (self, entry, error))
    return NULL;
  buffer = g_malloc_n (MAX (entry->info.n_elements, 1), pleat_dtype_get_size (dtype));
  pleat_tensor_view_convert (entry->view, dtype, buffer, &self->funcs);
  if (info != NULL)
    *info = entry->info;
  return buffer;
}

double *
pleat_weights_dup_f64 (PleatWeights     *self,
                       const char       *name,
                       PleatTensorInfo  *info,
                       GError          **error)
{
  return dup_as (self, name, PLEAT_DTYPE_F64, info, error);
}

gint64 *
pleat_weights_dup_i64 (PleatWeights     *self,
                       const char       *name,
                       PleatTensorInfo  *info,
                       GError          **error)
{
  return dup_as (self, name, PLEAT_DTYPE_I64, info, error);
}

guint64
pleat_weights_get_loaded_size (PleatWeights *self)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_val_if_fail (self != NULL, 0);

  locker = g_mutex_locker_new (&self->mutex);
  return self->loaded_size;
}

void
pleat_weights_release_files (PleatWeights *self)
{
  g_autoptr(GMutexLocker) locker = NULL;
  GHashTableIter iter;
  Entry *entry;

  g_return_if_fail (self != NULL);

  locker = g_mutex_locker_new (&self->mutex);
  g_hash_table_iter_init (&iter, self->entries);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &entry))
    entry->view = NULL;
  /* The readers own the mappings; the sources keep their names for messages. */
  for (guint i = 0; i < self->sources->len; i++)
    {
      Source *source = g_ptr_array_index (self->sources, i);

      if (source->reader_free != NULL)
        g_clear_pointer (&source->reader, source->reader_free);
    }
}
