/* pleat-model-cache.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pleat-engine"

#include "config.h"

#include <glib/gi18n.h>

#include "pleat-error.h"
#include "pleat-model-cache.h"

/* The hub cache names a repository "models--OWNER--NAME". */
#define HUB_PREFIX "models--"

char *
pleat_model_cache_dup_dir (void)
{
  const char *override = g_getenv ("PLEAT_MODELS_DIR");

  if (override != NULL && override[0] != '\0')
    return g_strdup (override);
  return g_build_filename (g_get_user_data_dir (), "pleat", "models", NULL);
}

char *
pleat_model_cache_dup_hub_dir (void)
{
  const char *hub_cache = g_getenv ("HF_HUB_CACHE");
  const char *hf_home = g_getenv ("HF_HOME");

  if (hub_cache != NULL && hub_cache[0] != '\0')
    return g_strdup (hub_cache);
  if (hf_home != NULL && hf_home[0] != '\0')
    return g_build_filename (hf_home, "hub", NULL);
  return g_build_filename (g_get_user_cache_dir (), "huggingface", "hub", NULL);
}

static gboolean
is_model_dir (const char *dir)
{
  g_autofree char *config = g_build_filename (dir, "config.json", NULL);

  return g_file_test (config, G_FILE_TEST_IS_REGULAR);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char *const *) a, *(const char *const *) b);
}

/* The snapshot folder of a hub repository folder: the one refs/main points at, else any
 * complete snapshot (a download with --revision leaves no refs/main). */
static char *
find_hub_snapshot (const char *repo_dir)
{
  g_autofree char *ref_path = g_build_filename (repo_dir, "refs", "main", NULL);
  g_autofree char *snapshots = g_build_filename (repo_dir, "snapshots", NULL);
  g_autofree char *ref = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (g_file_get_contents (ref_path, &ref, NULL, NULL))
    {
      g_autofree char *snapshot = g_build_filename (snapshots, g_strstrip (ref), NULL);

      if (strchr (ref, G_DIR_SEPARATOR) == NULL && is_model_dir (snapshot))
        return g_steal_pointer (&snapshot);
    }

  dir = g_dir_open (snapshots, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *snapshot = g_build_filename (snapshots, name, NULL);

      if (is_model_dir (snapshot))
        return g_steal_pointer (&snapshot);
    }
  return NULL;
}

static void
list_own_models (GPtrArray *names)
{
  g_autofree char *root = pleat_model_cache_dup_dir ();
  g_autoptr(GDir) dir = g_dir_open (root, 0, NULL);
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (root, name, NULL);

      if (is_model_dir (path))
        g_ptr_array_add (found, g_strdup (name));
    }
  g_ptr_array_sort (found, compare_strings);
  g_ptr_array_extend_and_steal (names, g_steal_pointer (&found));
}

static void
list_hub_models (GPtrArray *names)
{
  g_autofree char *root = pleat_model_cache_dup_hub_dir ();
  g_autoptr(GDir) dir = g_dir_open (root, 0, NULL);
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      g_autofree char *snapshot = NULL;
      g_auto(GStrv) parts = NULL;

      if (!g_str_has_prefix (name, HUB_PREFIX))
        continue;
      path = g_build_filename (root, name, NULL);
      snapshot = find_hub_snapshot (path);
      parts = g_strsplit (name + strlen (HUB_PREFIX), "--", 2);
      if (snapshot != NULL && g_strv_length (parts) == 2)
        g_ptr_array_add (found, g_strdup_printf ("%s/%s", parts[0], parts[1]));
    }
  g_ptr_array_sort (found, compare_strings);
  g_ptr_array_extend_and_steal (names, g_steal_pointer (&found));
}

char **
pleat_model_cache_list_models (void)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  list_own_models (names);
  list_hub_models (names);
  g_ptr_array_add (names, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&names), FALSE);
}

static char *
resolve_hub_id (const char *repo_id)
{
  g_auto(GStrv) parts = g_strsplit (repo_id, "/", -1);
  g_autofree char *root = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *repo_dir = NULL;

  if (g_strv_length (parts) != 2 || parts[0][0] == '\0' || parts[1][0] == '\0' ||
      g_str_equal (parts[0], "..") || g_str_equal (parts[1], ".."))
    return NULL;
  root = pleat_model_cache_dup_hub_dir ();
  folder = g_strdup_printf (HUB_PREFIX "%s--%s", parts[0], parts[1]);
  repo_dir = g_build_filename (root, folder, NULL);
  return find_hub_snapshot (repo_dir);
}

char *
pleat_model_cache_resolve (const char  *name_or_path,
                           GError     **error)
{
  g_autofree char *root = NULL;
  g_autofree char *hub = NULL;
  char *found;

  g_return_val_if_fail (name_or_path != NULL, NULL);

  if (g_file_test (name_or_path, G_FILE_TEST_IS_DIR))
    {
      if (is_model_dir (name_or_path))
        return g_strdup (name_or_path);
      g_set_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_INVALID_FILE,
                   _("%s is not a model folder: it has no config.json"), name_or_path);
      return NULL;
    }

  root = pleat_model_cache_dup_dir ();
  if (strchr (name_or_path, G_DIR_SEPARATOR) == NULL && !g_str_equal (name_or_path, "..") &&
      !g_str_equal (name_or_path, "."))
    {
      g_autofree char *cached = g_build_filename (root, name_or_path, NULL);

      if (is_model_dir (cached))
        return g_steal_pointer (&cached);
    }

  found = resolve_hub_id (name_or_path);
  if (found != NULL)
    return found;

  hub = pleat_model_cache_dup_hub_dir ();
  g_set_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_INVALID_FILE,
               _("No model “%s”: not a folder, not installed in %s, not in the Hugging Face "
                 "cache %s"),
               name_or_path, root, hub);
  return NULL;
}
