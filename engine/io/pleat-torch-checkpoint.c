/* pleat-torch-checkpoint.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pleat-engine"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pleat-error.h"
#include "pleat-torch-checkpoint.h"
#include "pleat-torch-checkpoint-private.h"
#include "pleat-unpickler.h"
#include "pleat-zip.h"

struct _PleatTorchCheckpoint
{
  gatomicrefcount  ref_count;

  /* Owned */
  PleatZip        *zip;          /* (nullable) NULL for a bare pickle */
  char            *display_name;
  char            *prefix;       /* the archive folder: "archive", "pytorch_model" */
  PleatTensorView *tensors;      /* (n_tensors) */
  char           **names;        /* (n_tensors), what tensors[i].name points to */
  guint            n_tensors;
  GHashTable      *by_name;      /* name -> index + 1 */
};

static void
pleat_torch_checkpoint_free (PleatTorchCheckpoint *self)
{
  g_clear_pointer (&self->zip, pleat_zip_unref);
  g_clear_pointer (&self->by_name, g_hash_table_unref);
  g_clear_pointer (&self->names, g_strfreev);
  g_free (self->tensors);
  g_free (self->prefix);
  g_free (self->display_name);
  g_free (self);
}

PleatTorchCheckpoint *
pleat_torch_checkpoint_ref (PleatTorchCheckpoint *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
pleat_torch_checkpoint_unref (PleatTorchCheckpoint *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    pleat_torch_checkpoint_free (self);
}

static PleatTorchCheckpoint *
checkpoint_new (const char *display_name)
{
  PleatTorchCheckpoint *self = g_new0 (PleatTorchCheckpoint, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->display_name = g_strdup (display_name);
  self->by_name = g_hash_table_new (g_str_hash, g_str_equal);
  return self;
}

#define fail(self, error, ...) \
  pleat_set_invalid_file_error ((error), (self)->display_name, _("PyTorch checkpoint"), \
                                __VA_ARGS__)

/* The view of one tensor: its storage's bytes must be exactly what the storage record
 * declares, and every element the sizes and strides reach must lie inside them. */
static gboolean
make_view (PleatTorchCheckpoint   *self,
           const char             *name,
           const PleatPickleValue *tensor,
           PleatTorchStorageFunc   storage_func,
           gpointer                user_data,
           PleatTensorView        *view,
           GError                **error)
{
  g_autoptr(GError) local_error = NULL;
  const PleatPickleValue *storage = tensor->tensor.storage;
  gsize elsize = pleat_dtype_get_size (storage->storage.dtype);
  const guint8 *bytes;
  gsize n_bytes;
  guint64 expected, n_elements, n_span, end;


  bytes = storage_func (storage->storage.key, storage->storage.dtype, storage->storage.numel,
                        &n_bytes, user_data, &local_error);
  if (bytes == NULL)
    return fail (self, error, _("tensor “%s”: %s"), name, local_error->message);
  if (!g_uint64_checked_mul (&expected, (guint64) storage->storage.numel, elsize) ||
      expected != n_bytes)
    return fail (self, error, _("tensor “%s”: storage %s holds %" G_GSIZE_FORMAT " bytes, not "
                                "the %" G_GINT64_FORMAT " elements of %" G_GSIZE_FORMAT
                                " bytes it declares"),
                 name, storage->storage.key, n_bytes, storage->storage.numel, elsize);
  if (!pleat_shape_get_n_elements (tensor->tensor.shape, tensor->tensor.n_dims, &n_elements) ||
      !pleat_layout_get_span (tensor->tensor.shape, tensor->tensor.strides,
                              tensor->tensor.n_dims, &n_span) ||
      !g_uint64_checked_add (&end, (guint64) tensor->tensor.offset, n_span) ||
      tensor->tensor.offset > storage->storage.numel || end > (guint64) storage->storage.numel)
    {
      g_autofree char *shape = pleat_shape_to_string (tensor->tensor.shape,
                                                      tensor->tensor.n_dims);
      g_autofree char *strides = pleat_shape_to_string (tensor->tensor.strides,
                                                        tensor->tensor.n_dims);

      return fail (self, error, _("tensor “%s” (size %s, stride %s, offset %" G_GINT64_FORMAT
                                  ") reaches outside its storage of %" G_GINT64_FORMAT
                                  " elements"),
                   name, shape, strides, tensor->tensor.offset, storage->storage.numel);
    }

  view->name = name;
  view->dtype = storage->storage.dtype;
  view->n_dims = tensor->tensor.n_dims;
  memcpy (view->shape, tensor->tensor.shape, sizeof view->shape);
  memcpy (view->strides, tensor->tensor.strides, sizeof view->strides);
  view->data = bytes + (gsize) tensor->tensor.offset * elsize;
  return TRUE;
}

static gboolean
read_state_dict (PleatTorchCheckpoint   *self,
                 const guint8           *pickle,
                 gsize                   len,
                 PleatTorchStorageFunc   storage_func,
                 gpointer                user_data,
                 GError                **error)
{
  g_autoptr(PleatPickleValue) root = NULL;
  guint n;

  root = pleat_unpickle (pickle, len, self->display_name, error);
  if (root == NULL)
    return FALSE;
  if (root->type != PLEAT_PICKLE_DICT)
    {
      g_set_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_UNSUPPORTED,
                   _("%s does not hold a state dict (a dict of tensors)"), self->display_name);
      return FALSE;
    }
  n = root->dict.n_items;
  self->tensors = g_new0 (PleatTensorView, MAX (n, 1));
  self->names = g_new0 (char *, n + 1);
  for (guint i = 0; i < n; i++)
    {
      const PleatPickleValue *key = root->dict.keys[i];
      const PleatPickleValue *value = root->dict.values[i];
      const char *name;

      if (key->type != PLEAT_PICKLE_STRING)
        return fail (self, error, _("a state dict key is not a string"));
      name = self->names[i] = g_strdup (key->string.text);
      self->n_tensors = i + 1;
      if (value->type != PLEAT_PICKLE_TENSOR)
        {
          g_set_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_UNSUPPORTED,
                       _("%s: “%s” is not a tensor; only state dicts of tensors are read"),
                       self->display_name, name);
          return FALSE;
        }
      if (!g_hash_table_insert (self->by_name, (gpointer) name, GUINT_TO_POINTER (i + 1)))
        return fail (self, error, _("tensor “%s” appears twice"), name);
      if (!make_view (self, name, value, storage_func, user_data, &self->tensors[i], error))
        return FALSE;
    }
  return TRUE;
}

PleatTorchCheckpoint *
_pleat_torch_checkpoint_new_from_pickle (const guint8          *pickle,
                                         gsize                  len,
                                         const char            *display_name,
                                         PleatTorchStorageFunc  storage_func,
                                         gpointer               user_data,
                                         GError               **error)
{
  PleatTorchCheckpoint *self;

  g_return_val_if_fail (pickle != NULL || len == 0, NULL);
  g_return_val_if_fail (display_name != NULL, NULL);
  g_return_val_if_fail (storage_func != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = checkpoint_new (display_name);
  if (!read_state_dict (self, pickle, len, storage_func, user_data, error))
    {
      pleat_torch_checkpoint_free (self);
      return NULL;
    }
  return self;
}

static const guint8 *
zip_storage (const char  *key,
             PleatDType   dtype,
             gint64       numel,
             gsize       *n_bytes,
             gpointer     user_data,
             GError     **error)
{
  PleatTorchCheckpoint *self = user_data;
  g_autofree char *entry_name = NULL;
  const PleatZipEntry *entry;

  /* Plain messages: the caller adds the file and the tensor. */
  if (*key == '\0' || strchr (key, '/') != NULL)
    {
      g_set_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_INVALID_FILE,
                   _("storage key “%s” is not a record name"), key);
      return NULL;
    }
  entry_name = g_strconcat (self->prefix, "/data/", key, NULL);
  entry = pleat_zip_lookup (self->zip, entry_name);
  if (entry == NULL)
    {
      g_set_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_INVALID_FILE,
                   _("storage record %s is missing"), entry_name);
      return NULL;
    }
  if (entry->size > G_MAXSIZE)
    {
      g_set_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_INVALID_FILE,
                   _("storage record %s is too large"), entry_name);
      return NULL;
    }
  *n_bytes = entry->size;
  return entry->data;
}

PleatTorchCheckpoint *
pleat_torch_checkpoint_new_from_bytes (GBytes      *bytes,
                                       const char  *display_name,
                                       GError     **error)
{
  g_autoptr(PleatTorchCheckpoint) self = NULL;
  g_autofree char *pickle_name = NULL;
  g_autofree char *byteorder_name = NULL;
  const PleatZipEntry *first, *pickle, *byteorder;
  const char *slash;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (display_name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = checkpoint_new (display_name);
  self->zip = pleat_zip_new_from_bytes (bytes, display_name, error);
  if (self->zip == NULL)
    return NULL;

  /* As torch's PyTorchStreamReader: the first record's folder names the archive. */
  if (pleat_zip_get_n_entries (self->zip) == 0)
    {
      fail (self, error, _("the archive is empty"));
      return NULL;
    }
  first = pleat_zip_get_entry (self->zip, 0);
  slash = strchr (first->name, '/');
  if (slash == NULL || slash == first->name)
    {
      fail (self, error, _("the first record “%s” is not inside an archive folder"),
            first->name);
      return NULL;
    }
  self->prefix = g_strndup (first->name, slash - first->name);
  pickle_name = g_strconcat (self->prefix, "/data.pkl", NULL);
  pickle = pleat_zip_lookup (self->zip, pickle_name);
  if (pickle == NULL)
    {
      fail (self, error, _("no %s record"), pickle_name);
      return NULL;
    }
  byteorder_name = g_strconcat (self->prefix, "/byteorder", NULL);
  byteorder = pleat_zip_lookup (self->zip, byteorder_name);
  if (byteorder != NULL &&
      (byteorder->size != strlen ("little") || memcmp (byteorder->data, "little", 6) != 0))
    {
      g_set_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_UNSUPPORTED,
                   _("%s was written on a big-endian machine, which is not supported"),
                   display_name);
      return NULL;
    }
  if (!read_state_dict (self, pickle->data, pickle->size, zip_storage, self, error))
    return NULL;
  return g_steal_pointer (&self);
}

PleatTorchCheckpoint *
pleat_torch_checkpoint_open (const char  *path,
                             GError     **error)
{
  g_autoptr(GMappedFile) file = NULL;
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  file = g_mapped_file_new (path, FALSE, error);
  if (file == NULL)
    return NULL;
  bytes = g_mapped_file_get_bytes (file);
  return pleat_torch_checkpoint_new_from_bytes (bytes, path, error);
}

guint
pleat_torch_checkpoint_get_n_tensors (PleatTorchCheckpoint *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_tensors;
}

const PleatTensorView *
pleat_torch_checkpoint_get_tensor (PleatTorchCheckpoint *self,
                                   guint                 index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->n_tensors, NULL);

  return &self->tensors[index];
}

const PleatTensorView *
pleat_torch_checkpoint_lookup (PleatTorchCheckpoint *self,
                               const char           *name)
{
  guint index;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  index = GPOINTER_TO_UINT (g_hash_table_lookup (self->by_name, name));
  return index > 0 ? &self->tensors[index - 1] : NULL;
}
