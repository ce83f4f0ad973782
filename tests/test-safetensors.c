/* test-safetensors.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Malformed safetensors files and sharded indexes: each gives a clear GError naming the file
 * and, where there is one, the tensor; nothing crashes (this suite also runs under
 * ASan/UBSan).
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "pleat-error.h"
#include "pleat-safetensors.h"
#include "pleat-weights.h"

/* A safetensors file: the 8-byte length, the header text, then data_len bytes of data. */
static GBytes *
make_file (const char *header,
           guint64     header_len,
           gsize       data_len)
{
  gsize text_len = strlen (header);
  gsize size = 8 + text_len + data_len;
  guint8 *data = g_malloc (size);

  for (guint i = 0; i < 8; i++)
    data[i] = (header_len >> (8 * i)) & 0xff;
  memcpy (data + 8, header, text_len);
  for (gsize i = 0; i < data_len; i++)
    data[8 + text_len + i] = (guint8) (i * 7 + 1);
  return g_bytes_new_take (data, size);
}

static GBytes *
make (const char *header,
      gsize       data_len)
{
  return make_file (header, strlen (header), data_len);
}

/* The file must be refused with code, and the message must name the file and contain
 * needle (nullable). */
static void
assert_refused (GBytes     *bytes,
                int         code,
                const char *needle)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PleatSafetensors) st = NULL;
  g_autoptr(PleatWeights) w = NULL;

  st = pleat_safetensors_new_from_bytes (bytes, "bad.safetensors", &error);
  g_assert_null (st);
  g_assert_error (error, PLEAT_ENGINE_ERROR, code);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "bad.safetensors"));
  if (needle != NULL && strstr (error->message, needle) == NULL)
    g_error ("“%s” is not in the message “%s”", needle, error->message);
  g_clear_error (&error);

  /* The weights store refuses it the same way. */
  w = pleat_weights_new_from_bytes (bytes, "bad.safetensors", NULL, &error);
  g_assert_null (w);
  g_assert_error (error, PLEAT_ENGINE_ERROR, code);
}

static void
assert_invalid (const char *header,
                gsize       data_len,
                const char *needle)
{
  g_autoptr(GBytes) bytes = make (header, data_len);

  assert_refused (bytes, PLEAT_ENGINE_ERROR_INVALID_FILE, needle);
}

static void
test_safetensors_valid (void)
{
  g_autoptr(GBytes) bytes = make ("{\"__metadata__\":{\"format\":\"pt\"},"
                                  "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[6,14]},"
                                  "\"a\":{\"dtype\":\"F16\",\"shape\":[3],\"data_offsets\":[0,6]},"
                                  "\"z\":{\"dtype\":\"I8\",\"shape\":[0,5],\"data_offsets\":[14,14]}}"
                                  "    ", 14);
  g_autoptr(GError) error = NULL;
  g_autoptr(PleatSafetensors) st = NULL;
  const PleatTensorView *view;

  st = pleat_safetensors_new_from_bytes (bytes, "ok.safetensors", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pleat_safetensors_get_n_tensors (st), ==, 3);
  g_assert_cmpstr (pleat_safetensors_get_metadata (st, "format"), ==, "pt");
  g_assert_null (pleat_safetensors_get_metadata (st, "missing"));
  /* In file order. */
  g_assert_cmpstr (pleat_safetensors_get_tensor (st, 0)->name, ==, "a");
  g_assert_cmpstr (pleat_safetensors_get_tensor (st, 1)->name, ==, "b");
  view = pleat_safetensors_lookup (st, "b");
  g_assert_nonnull (view);
  g_assert_cmpint (view->dtype, ==, PLEAT_DTYPE_F32);
  g_assert_cmpuint (view->n_dims, ==, 1);
  g_assert_cmpint (view->shape[0], ==, 2);
  g_assert_true (view->data == (const guint8 *) g_bytes_get_data (bytes, NULL) +
                 g_bytes_get_size (bytes) - 8);
  g_assert_null (pleat_safetensors_lookup (st, "__metadata__"));
}

static void
test_safetensors_short (void)
{
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);
  g_autoptr(GBytes) three = g_bytes_new_static ("abc", 3);

  assert_refused (empty, PLEAT_ENGINE_ERROR_INVALID_FILE, "too short");
  assert_refused (three, PLEAT_ENGINE_ERROR_INVALID_FILE, "too short");
}

static void
test_safetensors_header_length (void)
{
  g_autoptr(GBytes) huge = make_file ("{}", G_GUINT64_CONSTANT (1) << 40, 0);
  g_autoptr(GBytes) max = make_file ("{}", G_MAXUINT64, 0);
  g_autoptr(GBytes) past = make_file ("{}", 100, 0);
  g_autoptr(GBytes) limit = make_file ("{}", PLEAT_SAFETENSORS_MAX_HEADER_SIZE + 1ull, 0);

  assert_refused (huge, PLEAT_ENGINE_ERROR_INVALID_FILE, "above");
  assert_refused (max, PLEAT_ENGINE_ERROR_INVALID_FILE, "above");
  assert_refused (limit, PLEAT_ENGINE_ERROR_INVALID_FILE, "above");
  assert_refused (past, PLEAT_ENGINE_ERROR_INVALID_FILE, "past the end");
}

static void
test_safetensors_bad_json (void)
{
  g_autofree char *deep = NULL;
  GString *nested = g_string_new ("{\"a\":");

  assert_invalid ("[1, 2]", 0, "not a JSON object");
  assert_invalid ("{\"a\": ", 0, "not valid JSON");
  assert_invalid ("{\"a\": \xff}", 0, "UTF-8");
  assert_invalid ("{\"a\": 1}", 0, "“a”");
  assert_invalid ("{\"__metadata__\": [1]}", 0, "__metadata__");
  assert_invalid ("{\"__metadata__\": {\"k\": 3}}", 0, "“k”");
  /* With a NUL byte inside the header. */
  {
    g_autoptr(GBytes) nul = make_file ("{\"a\"\0:1}", 8, 0);

    assert_refused (nul, PLEAT_ENGINE_ERROR_INVALID_FILE, NULL);
  }
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (nested, '[');
  deep = g_string_free (nested, FALSE);
  assert_invalid (deep, 0, "deeper");
}

static void
test_safetensors_bad_fields (void)
{
  assert_invalid ("{\"t\":{\"shape\":[1],\"data_offsets\":[0,4]}}", 4, "“t”: no “dtype”");
  assert_invalid ("{\"t\":{\"dtype\":\"Q7\",\"shape\":[1],\"data_offsets\":[0,4]}}", 4,
                  "unknown dtype");
  assert_invalid ("{\"t\":{\"dtype\":\"F32\",\"data_offsets\":[0,4]}}", 4, "no “shape”");
  assert_invalid ("{\"t\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,4]}}", 4,
                  "dimension 0");
  assert_invalid ("{\"t\":{\"dtype\":\"F32\",\"shape\":[1.5],\"data_offsets\":[0,4]}}", 4,
                  "dimension 0");
  assert_invalid ("{\"t\":{\"dtype\":\"F32\",\"shape\":[\"1\"],\"data_offsets\":[0,4]}}", 4,
                  "dimension 0");
  assert_invalid ("{\"t\":{\"dtype\":\"F32\",\"shape\":[1, 99999999999999999999],"
                  "\"data_offsets\":[0,4]}}", 4, "dimension 1");
  assert_invalid ("{\"t\":{\"dtype\":\"F32\",\"shape\":[4611686018427387904,4],"
                  "\"data_offsets\":[0,4]}}", 4, "overflows");
  assert_invalid ("{\"t\":{\"dtype\":\"F64\",\"shape\":[2305843009213693952],"
                  "\"data_offsets\":[0,4]}}", 4, "overflows");
  assert_invalid ("{\"t\":{\"dtype\":\"F32\",\"shape\":[1]}}", 4, "data_offsets");
  assert_invalid ("{\"t\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0]}}", 4,
                  "data_offsets");
  assert_invalid ("{\"t\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4,8]}}", 8,
                  "data_offsets");
  assert_invalid ("{\"t\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[-4,0]}}", 4,
                  "non-negative");
  assert_invalid ("{\"t\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,0]}}", 4,
                  "outside");
  assert_invalid ("{\"t\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,8]}}", 4,
                  "outside");
}

static void
test_safetensors_unsupported (void)
{
  g_autoptr(GBytes) f8 = make ("{\"t\":{\"dtype\":\"F8_E4M3\",\"shape\":[4],"
                               "\"data_offsets\":[0,4]}}", 4);
  g_autoptr(GBytes) dims = make ("{\"t\":{\"dtype\":\"U8\",\"shape\":[1,1,1,1,1,1,1,1,1],"
                                 "\"data_offsets\":[0,1]}}", 1);

  assert_refused (f8, PLEAT_ENGINE_ERROR_UNSUPPORTED, "F8_E4M3");
  assert_refused (dims, PLEAT_ENGINE_ERROR_UNSUPPORTED, "9 dimensions");
}

static void
test_safetensors_size_mismatch (void)
{
  /* dtype x shape != byte length, both ways. */
  assert_invalid ("{\"t\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[0,20]}}", 20,
                  "24 bytes");
  assert_invalid ("{\"t\":{\"dtype\":\"BF16\",\"shape\":[2],\"data_offsets\":[0,8]}}", 8,
                  "“t”: BF16");
}

static void
test_safetensors_tiling (void)
{
  assert_invalid ("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                  "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}", 12,
                  "“a” and “b” overlap");
  /* The same range twice (what a duplicated name can leave behind). */
  assert_invalid ("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                  "\"b\":{\"dtype\":\"I64\",\"shape\":[1],\"data_offsets\":[0,8]}}", 8,
                  "overlap");
  assert_invalid ("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
                  "\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,12]}}", 12,
                  "before tensor “b”");
  assert_invalid ("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", 8,
                  "before tensor “a”");
  assert_invalid ("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", 9,
                  "after the last tensor");
  /* Found by fuzz-safetensors: no tensor at all, yet data (UBSan: qsort of no ranges). */
  assert_invalid ("{}", 1, "1 bytes after the last tensor");
  assert_invalid ("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
                  "\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", 8, NULL);
}

/* Every proper prefix of a real file is refused. */
static void
test_safetensors_truncated (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "checkpoints",
                                                 "hf-safetensors", "model.safetensors", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize len;

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  for (gsize cut = 0; cut < len; cut += (cut < 600 ? 1 : 97))
    {
      g_autoptr(GBytes) bytes = g_bytes_new (contents, cut);

      assert_refused (bytes, PLEAT_ENGINE_ERROR_INVALID_FILE, NULL);
    }
}

/* The same through a file on disk: the message names the path. */
static void
test_safetensors_truncated_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("pleat-st-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autoptr(GBytes) bytes = make ("{\"t\":{\"dtype\":\"F32\",\"shape\":[4],"
                                  "\"data_offsets\":[0,16]}}", 10);
  g_autoptr(PleatWeights) w = NULL;

  g_assert_no_error (error);
  path = g_build_filename (dir, "model.safetensors", NULL);
  g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);
  w = pleat_weights_open (dir, NULL, &error);
  g_assert_null (w);
  g_assert_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_INVALID_FILE);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_nonnull (strstr (error->message, "“t”"));
  g_unlink (path);
  g_rmdir (dir);
}

static void
write_file (const char *dir,
            const char *name,
            const char *contents,
            gssize      len)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, name, NULL);

  g_file_set_contents (path, contents, len, &error);
  g_assert_no_error (error);
}

static void
assert_index_refused (const char *dir,
                      const char *index,
                      GQuark      domain,
                      int         code,
                      const char *needle)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PleatWeights) w = NULL;

  write_file (dir, "model.safetensors.index.json", index, -1);
  w = pleat_weights_open (dir, NULL, &error);
  g_assert_null (w);
  g_assert_error (error, domain, code);
  g_test_message ("%s", error->message);
  if (needle != NULL)
    g_assert_nonnull (strstr (error->message, needle));
}

static void
test_safetensors_bad_index (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("pleat-index-XXXXXX", &error);
  g_autoptr(GBytes) shard = make ("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],"
                                  "\"data_offsets\":[0,4]}}", 4);
  const char *names[] = { "model.safetensors.index.json", "s1.safetensors", "s2.safetensors" };

  g_assert_no_error (error);
  write_file (dir, "s1.safetensors", g_bytes_get_data (shard, NULL), g_bytes_get_size (shard));
  write_file (dir, "s2.safetensors", g_bytes_get_data (shard, NULL), g_bytes_get_size (shard));

  assert_index_refused (dir, "{\"weight_map\": {\"a\": \"s1.safetensors\"",
                        PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_INVALID_FILE, "JSON");
  assert_index_refused (dir, "{\"metadata\": {}}",
                        PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_INVALID_FILE, "weight_map");
  assert_index_refused (dir, "{\"weight_map\": {\"a\": 3}}",
                        PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_INVALID_FILE, "“a”");
  /* Shards must sit beside the index: no path traversal. */
  assert_index_refused (dir, "{\"weight_map\": {\"a\": \"../s1.safetensors\"}}",
                        PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_INVALID_FILE, "beside");
  assert_index_refused (dir, "{\"weight_map\": {\"a\": \"/etc/passwd\"}}",
                        PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_INVALID_FILE, "beside");
  assert_index_refused (dir, "{\"weight_map\": {\"a\": \"missing.safetensors\"}}",
                        G_FILE_ERROR, G_FILE_ERROR_NOENT, "missing.safetensors");
  /* A tensor the index places in a shard that lacks it. */
  assert_index_refused (dir, "{\"weight_map\": {\"a\": \"s1.safetensors\", "
                        "\"b\": \"s1.safetensors\"}}",
                        PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_INVALID_FILE, "“b”");
  /* Two shards holding the same name. */
  assert_index_refused (dir, "{\"weight_map\": {\"a\": \"s1.safetensors\", "
                        "\"x\": \"s2.safetensors\"}}",
                        PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_INVALID_FILE, "twice");

  /* And a good one. */
  {
    g_autoptr(PleatWeights) w = NULL;

    write_file (dir, "model.safetensors.index.json",
                "{\"metadata\": {\"total_size\": 4}, \"weight_map\": {\"a\": \"s1.safetensors\"}}",
                -1);
    w = pleat_weights_open (dir, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (pleat_weights_get_n_tensors (w), ==, 1);
  }

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (dir, names[i], NULL);

      g_unlink (path);
    }
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/pleat/engine/Safetensors/valid", test_safetensors_valid);
  g_test_add_func ("/pleat/engine/Safetensors/short", test_safetensors_short);
  g_test_add_func ("/pleat/engine/Safetensors/header-length", test_safetensors_header_length);
  g_test_add_func ("/pleat/engine/Safetensors/bad-json", test_safetensors_bad_json);
  g_test_add_func ("/pleat/engine/Safetensors/bad-fields", test_safetensors_bad_fields);
  g_test_add_func ("/pleat/engine/Safetensors/unsupported", test_safetensors_unsupported);
  g_test_add_func ("/pleat/engine/Safetensors/size-mismatch", test_safetensors_size_mismatch);
  g_test_add_func ("/pleat/engine/Safetensors/tiling", test_safetensors_tiling);
  g_test_add_func ("/pleat/engine/Safetensors/truncated", test_safetensors_truncated);
  g_test_add_func ("/pleat/engine/Safetensors/truncated-file", test_safetensors_truncated_file);
  g_test_add_func ("/pleat/engine/Safetensors/bad-index", test_safetensors_bad_index);

  return g_test_run ();
}
