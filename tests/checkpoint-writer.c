/* checkpoint-writer.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Writes zips and pickles byte by byte for the malformed-checkpoint tests (test-zip.c,
 * test-torch-checkpoint.c), and the checks they share.
 */
#include "config.h"

#include <string.h>

#include "checkpoint-writer.h"
#include "pleat-error.h"
#include "pleat-weights.h"

/* ---- A zip writer, torch's layout: stored entries, ZIP64 end records. ---- */

void
put_le (GByteArray *b,
        guint64     v,
        guint       n)
{
  for (guint i = 0; i < n; i++)
    {
      guint8 byte = (v >> (8 * i)) & 0xff;

      g_byte_array_append (b, &byte, 1);
    }
}

void
patch_le (GByteArray *b,
          gsize       offset,
          guint64     v,
          guint       n)
{
  g_assert_cmpuint (offset + n, <=, b->len);
  for (guint i = 0; i < n; i++)
    b->data[offset + i] = (v >> (8 * i)) & 0xff;
}

/* With sentinels, every size and offset goes to ZIP64 extra fields, as in files > 4 GiB. */
void
zip_build (const ZipEntry *entries,
           guint           n,
           gboolean        sentinels,
           Zip            *zip)
{
  GByteArray *b = g_byte_array_new ();
  gsize cd_size;

  g_assert_cmpuint (n, <=, G_N_ELEMENTS (zip->local));
  for (guint i = 0; i < n; i++)
    {
      gsize name_len = strlen (entries[i].name);

      zip->local[i] = b->len;
      put_le (b, 0x04034b50, 4);
      put_le (b, 45, 2);
      put_le (b, entries[i].flags, 2);
      put_le (b, entries[i].method, 2);
      put_le (b, 0, 4);                                     /* time, date */
      put_le (b, 0x12345678, 4);                            /* crc, not checked */
      put_le (b, sentinels ? 0xffffffff : entries[i].len, 4);
      put_le (b, sentinels ? 0xffffffff : entries[i].len, 4);
      put_le (b, name_len, 2);
      put_le (b, sentinels ? 20 : 0, 2);
      g_byte_array_append (b, (const guint8 *) entries[i].name, name_len);
      if (sentinels)
        {
          put_le (b, 1, 2);
          put_le (b, 16, 2);
          put_le (b, entries[i].len, 8);
          put_le (b, entries[i].len, 8);
        }
      g_byte_array_append (b, entries[i].data, entries[i].len);
    }
  zip->cd_offset = b->len;
  for (guint i = 0; i < n; i++)
    {
      gsize name_len = strlen (entries[i].name);

      zip->central[i] = b->len;
      put_le (b, 0x02014b50, 4);
      put_le (b, 45, 2);
      put_le (b, 45, 2);
      put_le (b, entries[i].flags, 2);
      put_le (b, entries[i].method, 2);
      put_le (b, 0, 4);
      put_le (b, 0x12345678, 4);
      put_le (b, sentinels ? 0xffffffff : entries[i].len, 4);
      put_le (b, sentinels ? 0xffffffff : entries[i].len, 4);
      put_le (b, name_len, 2);
      put_le (b, sentinels ? 28 : 0, 2);
      put_le (b, 0, 2);                                     /* comment */
      put_le (b, 0, 2);                                     /* disk */
      put_le (b, 0, 2);
      put_le (b, 0, 4);
      put_le (b, sentinels ? 0xffffffff : zip->local[i], 4);
      g_byte_array_append (b, (const guint8 *) entries[i].name, name_len);
      if (sentinels)
        {
          put_le (b, 1, 2);
          put_le (b, 24, 2);
          put_le (b, entries[i].len, 8);
          put_le (b, entries[i].len, 8);
          put_le (b, zip->local[i], 8);
        }
    }
  cd_size = b->len - zip->cd_offset;

  zip->zip64_eocd = b->len;
  put_le (b, 0x06064b50, 4);
  put_le (b, 44, 8);
  put_le (b, 45, 2);
  put_le (b, 45, 2);
  put_le (b, 0, 4);
  put_le (b, 0, 4);
  put_le (b, n, 8);
  put_le (b, n, 8);
  put_le (b, cd_size, 8);
  put_le (b, zip->cd_offset, 8);
  put_le (b, 0x07064b50, 4);                                /* locator */
  put_le (b, 0, 4);
  put_le (b, zip->zip64_eocd, 8);
  put_le (b, 1, 4);

  zip->eocd = b->len;
  put_le (b, 0x06054b50, 4);
  put_le (b, 0, 2);
  put_le (b, 0, 2);
  put_le (b, sentinels ? 0xffff : n, 2);
  put_le (b, sentinels ? 0xffff : n, 2);
  put_le (b, sentinels ? 0xffffffff : cd_size, 4);
  put_le (b, sentinels ? 0xffffffff : zip->cd_offset, 4);
  put_le (b, 0, 2);
  zip->bytes = b;
}

GBytes *
zip_steal_bytes (Zip *zip)
{
  return g_byte_array_free_to_bytes (g_steal_pointer (&zip->bytes));
}

/* ---- A pickle writer. ---- */

void
pk_op (GByteArray *p,
       guint8      op)
{
  g_byte_array_append (p, &op, 1);
}

void
pk_str (GByteArray *p,
        const char *s)
{
  pk_op (p, 'X');
  put_le (p, strlen (s), 4);
  g_byte_array_append (p, (const guint8 *) s, strlen (s));
}

void
pk_int (GByteArray *p,
        gint32      v)
{
  pk_op (p, 'J');
  put_le (p, (guint32) v, 4);
}

void
pk_global (GByteArray *p,
           const char *module,
           const char *name)
{
  pk_op (p, 'c');
  g_byte_array_append (p, (const guint8 *) module, strlen (module));
  pk_op (p, '\n');
  g_byte_array_append (p, (const guint8 *) name, strlen (name));
  pk_op (p, '\n');
}

void
pk_int_tuple (GByteArray   *p,
              const gint32 *v,
              guint         n)
{
  pk_op (p, '(');
  for (guint i = 0; i < n; i++)
    pk_int (p, v[i]);
  pk_op (p, 't');
}

void
pk_ordered_dict (GByteArray *p)
{
  pk_global (p, "collections", "OrderedDict");
  pk_op (p, ')');
  pk_op (p, 'R');
}

/* _rebuild_tensor_v2 (storage, offset, size, stride, False, OrderedDict ()) */
void
pk_tensor (GByteArray   *p,
           const char   *storage_type,
           const char   *key,
           gint32        numel,
           gint32        offset,
           const gint32 *shape,
           const gint32 *strides,
           guint         n_dims)
{
  pk_global (p, "torch._utils", "_rebuild_tensor_v2");
  pk_op (p, '(');
  pk_op (p, '(');
  pk_str (p, "storage");
  pk_global (p, "torch", storage_type);
  pk_str (p, key);
  pk_str (p, "cpu");
  pk_int (p, numel);
  pk_op (p, 't');
  pk_op (p, 'Q');
  pk_int (p, offset);
  pk_int_tuple (p, shape, n_dims);
  pk_int_tuple (p, strides, n_dims);
  pk_op (p, 0x89);
  pk_ordered_dict (p);
  pk_op (p, 't');
  pk_op (p, 'R');
}

GByteArray *
pk_begin (void)
{
  GByteArray *p = g_byte_array_new ();

  pk_op (p, 0x80);
  pk_op (p, 2);
  return p;
}

/* {"w": a (2, 2) float tensor on storage "0" of 4 elements, laid out as given}. */
GByteArray *
pk_state_dict (gint32        numel,
               gint32        offset,
               const gint32 *shape,
               const gint32 *strides,
               guint         n_dims)
{
  GByteArray *p = pk_begin ();

  pk_ordered_dict (p);
  pk_op (p, '(');
  pk_str (p, "w");
  pk_tensor (p, "FloatStorage", "0", numel, offset, shape, strides, n_dims);
  pk_op (p, 'u');
  pk_op (p, '.');
  return p;
}

const float storage_values[4] = { 1.0f, -2.0f, 3.5f, 0.25f };

/* The pickle as archive/data.pkl beside archive/data/0 (storage_values). */
GBytes *
checkpoint_with (GByteArray *pickle)
{
  Zip zip;
  ZipEntry entries[] = {
    { "archive/data.pkl", pickle->data, pickle->len, 0, 0 },
    { "archive/data/0", storage_values, sizeof storage_values, 0, 0 },
    { "archive/version", "3\n", 2, 0, 0 },
  };

  zip_build (entries, G_N_ELEMENTS (entries), FALSE, &zip);
  g_byte_array_unref (pickle);
  return zip_steal_bytes (&zip);
}

/* Opens bytes with the weights store; returns the error (transfer full), or NULL when the
 * file loads, in which case every tensor is also read. */
GError *
load (GBytes *bytes)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PleatWeights) w = pleat_weights_new_from_bytes (bytes, "test.pt", NULL, &error);
  g_auto(GStrv) names = NULL;

  if (w == NULL)
    {
      g_assert_nonnull (error);
      g_test_message ("%s", error->message);
      return g_steal_pointer (&error);
    }
  names = pleat_weights_dup_names (w);
  for (guint i = 0; names[i] != NULL; i++)
    {
      PleatTensorInfo info;

      g_assert_true (pleat_weights_lookup (w, names[i], &info));
      if (pleat_dtype_is_float (info.dtype))
        g_assert_nonnull (pleat_weights_get_f32 (w, names[i], info.shape, info.n_dims, &error));
      else
        g_assert_nonnull (pleat_weights_get_i64 (w, names[i], info.shape, info.n_dims, &error));
      g_assert_no_error (error);
    }
  return NULL;
}

void
assert_refused (GBytes     *bytes,
                int         code,
                const char *needle)
{
  g_autoptr(GError) error = load (bytes);

  g_assert_nonnull (error);
  g_assert_error (error, PLEAT_ENGINE_ERROR, code);
  g_assert_nonnull (strstr (error->message, "test.pt"));
  if (needle != NULL && strstr (error->message, needle) == NULL)
    g_error ("“%s” is not in the message “%s”", needle, error->message);
}

void
assert_pickle_refused (GByteArray *pickle,
                       int         code,
                       const char *needle)
{
  g_autoptr(GBytes) bytes = checkpoint_with (pickle);

  assert_refused (bytes, code, needle);
}
