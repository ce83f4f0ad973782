/* pleat-safetensors.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pleat-engine"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "pleat-error.h"
#include "pleat-safetensors.h"
#include "pleat-safetensors-private.h"

/* Real headers nest three deep ({"name": {"shape": [..]}}); anything deeper is refused before
 * json-glib, whose parser recurses, ever sees it. */
#define MAX_JSON_DEPTH 8

struct _PleatSafetensors
{
  gatomicrefcount  ref_count;

  /* Owned */
  GBytes          *bytes;
  char            *display_name;
  PleatTensorView *tensors;        /* (n_tensors), sorted by data offset */
  char           **names;          /* (n_tensors), what tensors[i].name points to */
  guint            n_tensors;
  GHashTable      *by_name;        /* name -> index + 1 */
  GHashTable      *metadata;       /* key -> value */
};

typedef struct
{
  guint64 begin;
  guint64 end;
  guint   index;
} Range;

static int
compare_ranges (gconstpointer a,
                gconstpointer b)
{
  const Range *ra = a;
  const Range *rb = b;

  if (ra->begin != rb->begin)
    return ra->begin < rb->begin ? -1 : 1;
  if (ra->end != rb->end)
    return ra->end < rb->end ? -1 : 1;
  return 0;
}

static void
pleat_safetensors_free (PleatSafetensors *self)
{
  g_clear_pointer (&self->bytes, g_bytes_unref);
  g_clear_pointer (&self->by_name, g_hash_table_unref);
  g_clear_pointer (&self->metadata, g_hash_table_unref);
  g_clear_pointer (&self->names, g_strfreev);
  g_free (self->tensors);
  g_free (self->display_name);
  g_free (self);
}

PleatSafetensors *
pleat_safetensors_ref (PleatSafetensors *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
pleat_safetensors_unref (PleatSafetensors *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    pleat_safetensors_free (self);
}

#define set_invalid(error, self, ...) \
  pleat_set_invalid_file_error ((error), (self)->display_name, _("safetensors file"), \
                                __VA_ARGS__)

gboolean
_pleat_json_check_depth (const char *text,
                         gsize       len,
                         guint       max_depth)
{
  gboolean in_string = FALSE;
  guint depth = 0;

  for (gsize i = 0; i < len; i++)
    {
      char c = text[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        in_string = TRUE;
      else if (c == '{' || c == '[')
        {
          if (++depth > max_depth)
            return FALSE;
        }
      else if ((c == '}' || c == ']') && depth > 0)
        depth--;
    }
  return TRUE;
}

/* A JSON integer in [0, G_MAXINT64]; json-glib reads larger numbers as doubles. */
static gboolean
get_non_negative_int (JsonNode *node,
                      gint64   *value)
{
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;
  *value = json_node_get_int (node);
  return *value >= 0;
}

static gboolean
parse_metadata (PleatSafetensors  *self,
                JsonNode          *node,
                GError           **error)
{
  JsonObject *object;
  g_autoptr(GList) members = NULL;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      set_invalid (error, self, _("“__metadata__” is not an object"));
      return FALSE;
    }
  object = json_node_get_object (node);
  members = json_object_get_members (object);
  for (const GList *l = members; l != NULL; l = l->next)
    {
      JsonNode *value = json_object_get_member (object, l->data);

      if (!JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_STRING)
        {
          set_invalid (error, self, _("metadata “%s” is not a string"), (const char *) l->data);
          return FALSE;
        }
      g_hash_table_insert (self->metadata, g_strdup (l->data),
                           g_strdup (json_node_get_string (value)));
    }
  return TRUE;
}

/* Known safetensors dtypes that we cannot convert: a clear "unsupported" rather than
 * "invalid". */
static const char * const unsupported_dtypes[] = {
  "U16", "U32", "U64", "F8_E4M3", "F8_E5M2", "F8_E4M3FNUZ", "F8_E5M2FNUZ", "F6_E2M3",
  "F6_E3M2", "F4", "F8_E8M0", "C64", NULL,
};

static gboolean
parse_tensor (PleatSafetensors  *self,
              const char        *name,
              JsonNode          *node,
              guint64            data_len,
              PleatTensorView   *view,
              Range             *range,
              GError           **error)
{
  JsonObject *object;
  JsonNode *member;
  JsonArray *array;
  const char *dtype_name;
  guint64 n_elements, n_bytes;
  gint64 begin, end;
  guint n_dims;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      set_invalid (error, self, _("tensor “%s”: the entry is not an object"), name);
      return FALSE;
    }
  object = json_node_get_object (node);

  member = json_object_get_member (object, "dtype");
  if (member == NULL || !JSON_NODE_HOLDS_VALUE (member) ||
      json_node_get_value_type (member) != G_TYPE_STRING)
    {
      set_invalid (error, self, _("tensor “%s”: no “dtype” string"), name);
      return FALSE;
    }
  dtype_name = json_node_get_string (member);
  if (!pleat_dtype_parse (dtype_name, &view->dtype))
    {
      if (g_strv_contains (unsupported_dtypes, dtype_name))
        g_set_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_UNSUPPORTED,
                     _("%s: tensor “%s”: dtype %s is not supported"),
                     self->display_name, name, dtype_name);
      else
        set_invalid (error, self, _("tensor “%s”: unknown dtype “%s”"), name, dtype_name);
      return FALSE;
    }

  member = json_object_get_member (object, "shape");
  if (member == NULL || !JSON_NODE_HOLDS_ARRAY (member))
    {
      set_invalid (error, self, _("tensor “%s”: no “shape” array"), name);
      return FALSE;
    }
  array = json_node_get_array (member);
  n_dims = json_array_get_length (array);
  if (n_dims > PLEAT_TENSOR_MAX_DIMS)
    {
      g_set_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_UNSUPPORTED,
                   _("%s: tensor “%s” has %u dimensions, more than the %u supported"),
                   self->display_name, name, n_dims, PLEAT_TENSOR_MAX_DIMS);
      return FALSE;
    }
  view->n_dims = n_dims;
  for (guint i = 0; i < n_dims; i++)
    {
      if (!get_non_negative_int (json_array_get_element (array, i), &view->shape[i]))
        {
          set_invalid (error, self,
                       _("tensor “%s”: dimension %u of the shape is not a non-negative integer"),
                       name, i);
          return FALSE;
        }
    }
  if (!pleat_shape_get_n_elements (view->shape, n_dims, &n_elements) ||
      !g_uint64_checked_mul (&n_bytes, n_elements, pleat_dtype_get_size (view->dtype)))
    {
      set_invalid (error, self, _("tensor “%s”: the size of the shape overflows"), name);
      return FALSE;
    }
  /* Row-major strides; they cannot overflow since the element count did not. */
  for (gint64 i = n_dims, stride = 1; i-- > 0;)
    {
      view->strides[i] = stride;
      stride *= view->shape[i];
    }

  member = json_object_get_member (object, "data_offsets");
  if (member == NULL || !JSON_NODE_HOLDS_ARRAY (member) ||
      json_array_get_length (json_node_get_array (member)) != 2)
    {
      set_invalid (error, self, _("tensor “%s”: no “data_offsets” pair"), name);
      return FALSE;
    }
  array = json_node_get_array (member);
  if (!get_non_negative_int (json_array_get_element (array, 0), &begin) ||
      !get_non_negative_int (json_array_get_element (array, 1), &end))
    {
      set_invalid (error, self, _("tensor “%s”: the data offsets are not non-negative integers"),
                   name);
      return FALSE;
    }
  if (begin > end || (guint64) end > data_len)
    {
      set_invalid (error, self,
                   _("tensor “%s”: data offsets [%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT
                     "] lie outside the %" G_GUINT64_FORMAT " bytes of data"),
                   name, begin, end, data_len);
      return FALSE;
    }
  if ((guint64) (end - begin) != n_bytes)
    {
      g_autofree char *shape = pleat_shape_to_string (view->shape, n_dims);

      set_invalid (error, self,
                   _("tensor “%s”: %s × %s takes %" G_GUINT64_FORMAT " bytes but its data "
                     "offsets span %" G_GINT64_FORMAT),
                   name, pleat_dtype_get_name (view->dtype), shape, n_bytes, end - begin);
      return FALSE;
    }
  range->begin = begin;
  range->end = end;
  return TRUE;
}

/* The reference implementation's rule: sorted by offset, the tensors tile the data section
 * exactly, with no overlap, no hole and nothing after the last one. */
static gboolean
check_tiling (PleatSafetensors  *self,
              Range             *ranges,
              guint              n_ranges,
              guint64            data_len,
              GError           **error)
{
  guint64 expected = 0;

  /* A header without tensors has no ranges to sort (ranges is then NULL, which qsort must not
   * get); its data section must be empty. */
  if (n_ranges > 0)
    qsort (ranges, n_ranges, sizeof *ranges, compare_ranges);
  for (guint i = 0; i < n_ranges; i++)
    {
      const char *name = self->names[ranges[i].index];

      if (ranges[i].begin < expected)
        {
          set_invalid (error, self, _("tensors “%s” and “%s” overlap"),
                       self->names[ranges[i - 1].index], name);
          return FALSE;
        }
      if (ranges[i].begin > expected)
        {
          set_invalid (error, self,
                       _("%" G_GUINT64_FORMAT " bytes before tensor “%s” belong to no tensor"),
                       ranges[i].begin - expected, name);
          return FALSE;
        }
      expected = ranges[i].end;
    }
  if (expected != data_len)
    {
      set_invalid (error, self,
                   _("%" G_GUINT64_FORMAT " bytes after the last tensor belong to no tensor"),
                   data_len - expected);
      return FALSE;
    }
  return TRUE;
}

static gboolean
parse_header (PleatSafetensors  *self,
              GError           **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GList) members = NULL;
  g_autofree Range *ranges = NULL;
  g_autofree PleatTensorView *views = NULL;
  const guint8 *data;
  const char *header;
  JsonObject *root;
  JsonNode *node;
  gsize size;
  guint64 header_len, data_len;
  guint n_tensors = 0;

  data = g_bytes_get_data (self->bytes, &size);
  if (size < 8)
    {
      set_invalid (error, self, _("the file is %" G_GSIZE_FORMAT " bytes long, too short for "
                                  "a header"), size);
      return FALSE;
    }
  header_len = 0;
  for (guint i = 0; i < 8; i++)
    header_len |= (guint64) data[i] << (8 * i);
  if (header_len > PLEAT_SAFETENSORS_MAX_HEADER_SIZE)
    {
      set_invalid (error, self, _("the header length %" G_GUINT64_FORMAT " is above the "
                                  "%u bytes allowed"), header_len,
                   PLEAT_SAFETENSORS_MAX_HEADER_SIZE);
      return FALSE;
    }
  if (header_len > size - 8)
    {
      set_invalid (error, self, _("the header length %" G_GUINT64_FORMAT " runs past the end "
                                  "of the %" G_GSIZE_FORMAT "-byte file (truncated?)"),
                   header_len, size);
      return FALSE;
    }
  header = (const char *) data + 8;
  data_len = size - 8 - header_len;
  if (header_len < 2 || header[0] != '{')
    {
      set_invalid (error, self, _("the header is not a JSON object"));
      return FALSE;
    }
  if (!g_utf8_validate_len (header, header_len, NULL))
    {
      set_invalid (error, self, _("the header is not UTF-8 text"));
      return FALSE;
    }
  if (!_pleat_json_check_depth (header, header_len, MAX_JSON_DEPTH))
    {
      set_invalid (error, self, _("the header nests deeper than %d levels"), MAX_JSON_DEPTH);
      return FALSE;
    }

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, header, header_len, &local_error))
    {
      set_invalid (error, self, _("the header is not valid JSON: %s"), local_error->message);
      return FALSE;
    }
  node = json_parser_get_root (parser);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      set_invalid (error, self, _("the header is not a JSON object"));
      return FALSE;
    }
  root = json_node_get_object (node);
  members = json_object_get_members (root);
  n_tensors = g_list_length (members);
  views = g_new0 (PleatTensorView, n_tensors);
  ranges = g_new0 (Range, n_tensors);
  self->names = g_new0 (char *, n_tensors + 1);
  n_tensors = 0;

  for (const GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;
      JsonNode *member = json_object_get_member (root, name);

      if (g_str_equal (name, "__metadata__"))
        {
          if (!parse_metadata (self, member, error))
            return FALSE;
          continue;
        }
      /* Recorded before parsing so that the array is freed whatever happens. */
      self->names[n_tensors] = g_strdup (name);
      self->n_tensors = n_tensors + 1;
      ranges[n_tensors].index = n_tensors;
      if (!parse_tensor (self, name, member, data_len, &views[n_tensors], &ranges[n_tensors],
                         error))
        return FALSE;
      n_tensors++;
    }
  if (!check_tiling (self, ranges, n_tensors, data_len, error))
    return FALSE;

  /* Hand the views out in file order: sequential reads of a big file. */
  self->tensors = g_new0 (PleatTensorView, MAX (n_tensors, 1));
  for (guint i = 0; i < n_tensors; i++)
    {
      PleatTensorView *view = &self->tensors[i];

      *view = views[ranges[i].index];
      view->name = self->names[ranges[i].index];
      view->data = data + 8 + header_len + ranges[i].begin;
      g_hash_table_insert (self->by_name, (gpointer) view->name, GUINT_TO_POINTER (i + 1));
    }
  return TRUE;
}

PleatSafetensors *
pleat_safetensors_new_from_bytes (GBytes      *bytes,
                                  const char  *display_name,
                                  GError     **error)
{
  PleatSafetensors *self;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (display_name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_new0 (PleatSafetensors, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->bytes = g_bytes_ref (bytes);
  self->display_name = g_strdup (display_name);
  self->by_name = g_hash_table_new (g_str_hash, g_str_equal);
  self->metadata = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  if (!parse_header (self, error))
    {
      pleat_safetensors_free (self);
      return NULL;
    }
  return self;
}

PleatSafetensors *
pleat_safetensors_open (const char  *path,
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
  return pleat_safetensors_new_from_bytes (bytes, path, error);
}

const char *
pleat_safetensors_get_display_name (PleatSafetensors *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->display_name;
}

GBytes *
pleat_safetensors_get_bytes (PleatSafetensors *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->bytes;
}

guint
pleat_safetensors_get_n_tensors (PleatSafetensors *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_tensors;
}

const PleatTensorView *
pleat_safetensors_get_tensor (PleatSafetensors *self,
                              guint             index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->n_tensors, NULL);

  return &self->tensors[index];
}

const PleatTensorView *
pleat_safetensors_lookup (PleatSafetensors *self,
                          const char       *name)
{
  guint index;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  index = GPOINTER_TO_UINT (g_hash_table_lookup (self->by_name, name));
  return index > 0 ? &self->tensors[index - 1] : NULL;
}

const char *
pleat_safetensors_get_metadata (PleatSafetensors *self,
                                const char       *key)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (key != NULL, NULL);

  return g_hash_table_lookup (self->metadata, key);
}
