/* test-model-cache.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "pleat-error.h"
#include "pleat-model-cache.h"

static void
make_model (const char *dir)
{
  g_autofree char *config = g_build_filename (dir, "config.json", NULL);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  g_assert_true (g_file_set_contents (config, "{}", -1, NULL));
}

static void
write_file (const char *path,
            const char *contents)
{
  g_autofree char *dir = g_path_get_dirname (path);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
}

static void
test_model_cache_empty (void)
{
  g_auto(GStrv) models = pleat_model_cache_list_models ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = pleat_model_cache_dup_dir ();

  g_assert_cmpuint (g_strv_length (models), ==, 0);
  g_assert_true (g_str_has_prefix (dir, g_get_user_data_dir ()));
  g_assert_null (pleat_model_cache_resolve ("esmfold_v1", &error));
  g_assert_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_INVALID_FILE);
  /* The message says where we looked. */
  g_assert_nonnull (strstr (error->message, dir));
}

static void
test_model_cache_own_and_hub (void)
{
  g_autofree char *root = pleat_model_cache_dup_dir ();
  g_autofree char *hub = pleat_model_cache_dup_hub_dir ();
  g_autofree char *own = g_build_filename (root, "esmfold_v1", NULL);
  g_autofree char *not_model = g_build_filename (root, "partial", NULL);
  g_autofree char *repo = g_build_filename (hub, "models--facebook--esmfold_v1", NULL);
  g_autofree char *old = g_build_filename (repo, "snapshots", "aaaa", NULL);
  g_autofree char *current = g_build_filename (repo, "snapshots", "bbbb", NULL);
  g_autofree char *ref = g_build_filename (repo, "refs", "main", NULL);
  g_autofree char *incomplete = g_build_filename (hub, "models--x--y", "snapshots", "c", NULL);
  g_auto(GStrv) models = NULL;
  g_autofree char *resolved_own = NULL;
  g_autofree char *resolved_hub = NULL;
  g_autofree char *resolved_path = NULL;
  g_autoptr(GError) error = NULL;

  make_model (own);
  g_assert_cmpint (g_mkdir_with_parents (not_model, 0755), ==, 0);
  make_model (old);
  make_model (current);
  write_file (ref, "bbbb\n");
  g_assert_cmpint (g_mkdir_with_parents (incomplete, 0755), ==, 0);

  models = pleat_model_cache_list_models ();
  g_assert_cmpuint (g_strv_length (models), ==, 2);
  g_assert_cmpstr (models[0], ==, "esmfold_v1");
  g_assert_cmpstr (models[1], ==, "facebook/esmfold_v1");

  resolved_own = pleat_model_cache_resolve ("esmfold_v1", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (resolved_own, ==, own);
  /* refs/main picks the current snapshot, not any complete one. */
  resolved_hub = pleat_model_cache_resolve ("facebook/esmfold_v1", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (resolved_hub, ==, current);
  resolved_path = pleat_model_cache_resolve (old, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (resolved_path, ==, old);

  g_assert_null (pleat_model_cache_resolve (not_model, &error));
  g_assert_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_INVALID_FILE);
  g_assert_nonnull (strstr (error->message, "config.json"));
  g_clear_error (&error);
  g_assert_null (pleat_model_cache_resolve ("x/y", &error));
  g_clear_error (&error);
  g_assert_null (pleat_model_cache_resolve ("../esmfold_v1", &error));
  g_clear_error (&error);

  /* Without refs/main, any complete snapshot. */
  g_assert_cmpint (g_remove (ref), ==, 0);
  g_clear_pointer (&resolved_hub, g_free);
  resolved_hub = pleat_model_cache_resolve ("facebook/esmfold_v1", &error);
  g_assert_no_error (error);
  g_assert_true (g_str_equal (resolved_hub, current) || g_str_equal (resolved_hub, old));
}

static void
test_model_cache_env (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *hub = NULL;

  g_setenv ("PLEAT_MODELS_DIR", "/opt/pleat-models", TRUE);
  g_setenv ("HF_HOME", "/opt/hf", TRUE);
  dir = pleat_model_cache_dup_dir ();
  hub = pleat_model_cache_dup_hub_dir ();
  g_assert_cmpstr (dir, ==, "/opt/pleat-models");
  g_assert_cmpstr (hub, ==, "/opt/hf/hub");
  g_clear_pointer (&hub, g_free);
  g_setenv ("HF_HUB_CACHE", "/srv/hub", TRUE);
  hub = pleat_model_cache_dup_hub_dir ();
  g_assert_cmpstr (hub, ==, "/srv/hub");
  g_unsetenv ("PLEAT_MODELS_DIR");
  g_unsetenv ("HF_HOME");
  g_unsetenv ("HF_HUB_CACHE");
}

int
main (int   argc,
      char *argv[])
{
  g_unsetenv ("PLEAT_MODELS_DIR");
  g_unsetenv ("HF_HOME");
  g_unsetenv ("HF_HUB_CACHE");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/pleat/engine/ModelCache/empty", test_model_cache_empty);
  g_test_add_func ("/pleat/engine/ModelCache/own-and-hub", test_model_cache_own_and_hub);
  g_test_add_func ("/pleat/engine/ModelCache/env", test_model_cache_env);

  return g_test_run ();
}
