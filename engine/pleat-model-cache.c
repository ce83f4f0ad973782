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

char *
pleat_model_cache_dup_dir (void)
{
  const char *override = g_getenv ("PLEAT_MODELS_DIR");

  if (override != NULL && override[0] != '\0')
    return g_strdup (override);
  return g_build_filename (g_get_user_data_dir (), "pleat", "models", NULL);
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

char **
pleat_model_cache_list_models (void)
{
  g_autofree char *root = pleat_model_cache_dup_dir ();
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) dir = g_dir_open (root, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (root, name, NULL);

      if (is_model_dir (path))
        g_ptr_array_add (names, g_strdup (name));
    }
  g_ptr_array_sort (names, compare_strings);
  g_ptr_array_add (names, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&names), FALSE);
}

char *
pleat_model_cache_resolve (const char  *name_or_path,
                           GError     **error)
{
  g_autofree char *root = NULL;
  g_autofree char *cached = NULL;

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
  cached = g_build_filename (root, name_or_path, NULL);
  if (strchr (name_or_path, G_DIR_SEPARATOR) == NULL && is_model_dir (cached))
    return g_steal_pointer (&cached);

  g_set_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_INVALID_FILE,
               _("No model “%s”: neither a folder nor a model installed in %s"),
               name_or_path, root);
  return NULL;
}
