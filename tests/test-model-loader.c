/* test-model-loader.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Choosing the model from a folder, and the weights digest results name.
 */
#include "config.h"

#include <glib/gstdio.h>

#include "pleat-error.h"
#include "pleat-model-loader.h"
#include "pleat-weights-digest.h"

static char *
write_temp (const char *name,
            const char *contents)
{
  char *path = g_build_filename (g_get_tmp_dir (), name, NULL);

  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  return path;
}

static void
test_digest_single_and_cache (void)
{
  g_autofree char *path = write_temp ("weights.bin", "hello weights\n");
  g_autofree char *expected = g_compute_checksum_for_string (G_CHECKSUM_SHA256,
                                                             "hello weights\n", -1);
  g_autofree char *cache_path = g_build_filename (g_get_user_cache_dir (), "pleat",
                                                  "weights-digests.ini", NULL);
  g_autofree char *canonical = g_canonicalize_filename (path, NULL);
  g_autoptr(GKeyFile) cache = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  const char *files[] = { path, NULL };
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *third = NULL;
  g_autofree char *cached = NULL;
  const char *planted = "0000000000000000000000000000000000000000000000000000000000000000";

  first = pleat_weights_digest_compute (files, NULL, &error);
  g_assert_no_error (error);
  /* What sha256sum prints for the file. */
  g_assert_cmpstr (first, ==, expected);

  /* The digest was kept: plant another value under the same stamp, and it is what comes
   * back, proving the file was not read again. */
  g_assert_true (g_key_file_load_from_file (cache, cache_path, G_KEY_FILE_NONE, NULL));
  cached = g_key_file_get_string (cache, canonical, "sha256", NULL);
  g_assert_cmpstr (cached, ==, expected);
  g_key_file_set_string (cache, canonical, "sha256", planted);
  g_assert_true (g_key_file_save_to_file (cache, cache_path, NULL));
  second = pleat_weights_digest_compute (files, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (second, ==, planted);

  /* A changed file (other size) is hashed again. */
  g_assert_true (g_file_set_contents (path, "other weights, longer\n", -1, NULL));
  third = pleat_weights_digest_compute (files, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (third, !=, planted);
  g_assert_cmpstr (third, !=, expected);
}

static void
test_digest_shards (void)
{
  g_autofree char *a = write_temp ("model-00001-of-00002.safetensors", "shard one");
  g_autofree char *b = write_temp ("model-00002-of-00002.safetensors", "shard two");
  g_autofree char *da = g_compute_checksum_for_string (G_CHECKSUM_SHA256, "shard one", -1);
  g_autofree char *db = g_compute_checksum_for_string (G_CHECKSUM_SHA256, "shard two", -1);
  g_autofree char *lines = g_strdup_printf ("%s  model-00001-of-00002.safetensors\n"
                                            "%s  model-00002-of-00002.safetensors\n", da, db);
  g_autofree char *expected = g_compute_checksum_for_string (G_CHECKSUM_SHA256, lines, -1);
  g_autofree char *digest = NULL;
  g_autoptr(GError) error = NULL;
  const char *files[] = { a, b, NULL };
  const char *missing[] = { a, "/nonexistent/model.safetensors", NULL };

  digest = pleat_weights_digest_compute (files, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (digest, ==, expected);

  g_assert_null (pleat_weights_digest_compute (missing, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

static void
test_loader_esmfold (void)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "fixtures", "esmfold", "tiny-b",
                                                NULL);
  g_autoptr(PleatCompute) compute = NULL;
  g_autoptr(PleatModel) model = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) files = NULL;

  compute = pleat_compute_new (1, &error);
  g_assert_no_error (error);
  model = pleat_model_load (dir, compute, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (model);
  g_assert_nonnull (pleat_model_get_name (model));
  files = pleat_model_dup_weights_files (model);
  g_assert_cmpuint (g_strv_length (files), ==, 1);
  g_assert_true (g_str_has_prefix (files[0], dir));
}

static void
test_loader_not_a_folding_model (void)
{
  g_autofree char *dir = g_build_filename (g_get_tmp_dir (), "bert", NULL);
  g_autofree char *config = g_build_filename (dir, "config.json", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  g_assert_true (g_file_set_contents (config, "{\"model_type\": \"bert\"}", -1, NULL));
  g_assert_null (pleat_model_load (dir, NULL, NULL, &error));
  g_assert_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_UNSUPPORTED);
  g_assert_nonnull (strstr (error->message, "bert"));
  g_clear_error (&error);

  /* An ESM language model without the folding head. */
  g_assert_true (g_file_set_contents (config, "{\"model_type\": \"esm\"}", -1, NULL));
  g_assert_null (pleat_model_load (dir, NULL, NULL, &error));
  g_assert_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_UNSUPPORTED);
  g_clear_error (&error);

  g_assert_null (pleat_model_load ("/nonexistent", NULL, NULL, &error));
  g_assert_nonnull (error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/pleat/engine/WeightsDigest/single-and-cache", test_digest_single_and_cache);
  g_test_add_func ("/pleat/engine/WeightsDigest/shards", test_digest_shards);
  g_test_add_func ("/pleat/engine/ModelLoader/esmfold", test_loader_esmfold);
  g_test_add_func ("/pleat/engine/ModelLoader/not-a-folding-model",
                   test_loader_not_a_folding_model);

  return g_test_run ();
}
