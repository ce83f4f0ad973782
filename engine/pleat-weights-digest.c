/* pleat-weights-digest.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pleat-engine"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "pleat-result-info.h"
#include "pleat-weights-digest.h"

static char *
dup_cache_path (void)
{
  return g_build_filename (g_get_user_cache_dir (), "pleat", "weights-digests.ini", NULL);
}

/* The identity of a file's current content as far as the file system tells: size and
 * modification time to the microsecond. */
static char *
dup_file_stamp (const char    *path,
                GCancellable  *cancellable,
                GError       **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInfo) info = NULL;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE ","
                            G_FILE_ATTRIBUTE_TIME_MODIFIED ","
                            G_FILE_ATTRIBUTE_TIME_MODIFIED_USEC,
                            G_FILE_QUERY_INFO_NONE, cancellable, error);
  if (info == NULL)
    return NULL;
  return g_strdup_printf ("%" G_GINT64_FORMAT ":%" G_GUINT64_FORMAT ".%06u",
                          g_file_info_get_size (info),
                          g_file_info_get_attribute_uint64 (info,
                                                            G_FILE_ATTRIBUTE_TIME_MODIFIED),
                          g_file_info_get_attribute_uint32 (info,
                                                            G_FILE_ATTRIBUTE_TIME_MODIFIED_USEC));
}

static char *
file_digest (GKeyFile      *cache,
             gboolean      *cache_changed,
             const char    *path,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autofree char *absolute = g_canonicalize_filename (path, NULL);
  g_autofree char *stamp = NULL;
  g_autofree char *cached_stamp = NULL;
  char *digest;

  stamp = dup_file_stamp (absolute, cancellable, error);
  if (stamp == NULL)
    return NULL;
  cached_stamp = g_key_file_get_string (cache, absolute, "stamp", NULL);
  if (g_strcmp0 (cached_stamp, stamp) == 0)
    {
      digest = g_key_file_get_string (cache, absolute, "sha256", NULL);
      if (digest != NULL && strlen (digest) == 64)
        return digest;
      g_free (digest);
    }

  digest = pleat_file_compute_sha256 (absolute, cancellable, error);
  if (digest == NULL)
    return NULL;
  g_key_file_set_string (cache, absolute, "stamp", stamp);
  g_key_file_set_string (cache, absolute, "sha256", digest);
  *cache_changed = TRUE;
  return digest;
}

char *
pleat_weights_digest_compute (const char *const  *files,
                              GCancellable       *cancellable,
                              GError            **error)
{
  g_autoptr(GKeyFile) cache = g_key_file_new ();
  g_autofree char *cache_path = dup_cache_path ();
  g_autoptr(GString) lines = g_string_new (NULL);
  g_autofree char *single = NULL;
  gboolean cache_changed = FALSE;
  guint n_files;

  g_return_val_if_fail (files != NULL && files[0] != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* A missing or damaged cache only costs time. */
  g_key_file_load_from_file (cache, cache_path, G_KEY_FILE_NONE, NULL);

  n_files = g_strv_length ((char **) files);
  for (guint i = 0; i < n_files; i++)
    {
      g_autofree char *digest = file_digest (cache, &cache_changed, files[i], cancellable,
                                             error);
      g_autofree char *base = NULL;

      if (digest == NULL)
        return NULL;
      base = g_path_get_basename (files[i]);
      g_string_append_printf (lines, "%s  %s\n", digest, base);
      if (n_files == 1)
        single = g_steal_pointer (&digest);
    }

  if (cache_changed)
    {
      g_autofree char *dir = g_path_get_dirname (cache_path);
      g_autoptr(GError) save_error = NULL;

      if (g_mkdir_with_parents (dir, 0755) != 0 ||
          !g_key_file_save_to_file (cache, cache_path, &save_error))
        g_debug ("Could not keep weights digests in %s: %s", cache_path,
                 save_error != NULL ? save_error->message : g_strerror (errno));
    }

  if (single != NULL)
    return g_steal_pointer (&single);
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, lines->str, lines->len);
}

/* A worker thread. */
static void
digest_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  GError *error = NULL;
  char *digest = pleat_weights_digest_compute (task_data, cancellable, &error);

  if (digest == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, digest, g_free);
}

void
pleat_weights_digest_compute_async (const char *const   *files,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (files != NULL && files[0] != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, pleat_weights_digest_compute_async);
  g_task_set_task_data (task, g_strdupv ((char **) files), (GDestroyNotify) g_strfreev);
  g_task_run_in_thread (task, digest_thread);
}

char *
pleat_weights_digest_compute_finish (GAsyncResult  *result,
                                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
