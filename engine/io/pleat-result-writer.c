/* pleat-result-writer.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pleat-engine"

#include "config.h"

#include <string.h>

#include "pleat-result-writer.h"
#include "pleat-writer-private.h"

static const struct
{
  PleatResultFormat format;
  const char       *suffix;
} formats_table[] = {
  { PLEAT_RESULT_FORMAT_CIF, ".cif" },
  { PLEAT_RESULT_FORMAT_PDB, ".pdb" },
  { PLEAT_RESULT_FORMAT_PAE, "_pae.json" },
  { PLEAT_RESULT_FORMAT_CONFIDENCE, "_confidence.json" },
};

char *
pleat_result_dup_path (const char        *dir,
                       const char        *stem,
                       PleatResultFormat  format)
{
  g_return_val_if_fail (dir != NULL && stem != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (formats_table); i++)
    if (formats_table[i].format == format)
      {
        g_autofree char *name = g_strconcat (stem, formats_table[i].suffix, NULL);

        return g_build_filename (dir, name, NULL);
      }
  g_return_val_if_reached (NULL);
}

gboolean
pleat_result_exists (const char        *dir,
                     const char        *stem,
                     PleatResultFormat  formats)
{
  g_return_val_if_fail (dir != NULL && stem != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (formats_table); i++)
    if (formats & formats_table[i].format)
      {
        g_autofree char *path = pleat_result_dup_path (dir, stem, formats_table[i].format);

        if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
          return FALSE;
      }
  return TRUE;
}

gboolean
pleat_result_write (PleatStructure         *structure,
                    const PleatResultInfo  *info,
                    const char             *dir,
                    const char             *stem,
                    PleatResultFormat       formats,
                    GError                **error)
{
  g_return_val_if_fail (PLEAT_IS_STRUCTURE (structure), FALSE);
  g_return_val_if_fail (info != NULL && dir != NULL && stem != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* The confidence file goes last: readers that watch for it see a complete set. */
  for (guint i = 0; i < G_N_ELEMENTS (formats_table); i++)
    {
      PleatResultFormat format = formats_table[i].format;
      g_autofree char *path = NULL;
      g_autofree char *contents = NULL;

      if (!(formats & format))
        continue;
      path = pleat_result_dup_path (dir, stem, format);
      switch (format)
        {
        case PLEAT_RESULT_FORMAT_CIF:
          contents = pleat_structure_to_mmcif (structure, info, error);
          break;
        case PLEAT_RESULT_FORMAT_PDB:
          contents = pleat_structure_to_pdb (structure, info, error);
          break;
        case PLEAT_RESULT_FORMAT_PAE:
          contents = pleat_structure_to_pae_json (structure, error);
          break;
        case PLEAT_RESULT_FORMAT_CONFIDENCE:
          contents = pleat_structure_to_confidence_json (structure, info, error);
          break;
        case PLEAT_RESULT_FORMAT_ALL:
        default:
          g_assert_not_reached ();
        }
      if (contents == NULL)
        {
          g_prefix_error (error, "%s: ", path);
          return FALSE;
        }
      if (!_pleat_write_file (path, contents, strlen (contents), error))
        return FALSE;
    }
  return TRUE;
}

typedef struct
{
  PleatStructure    *structure;
  PleatResultInfo   *info;
  char              *dir;
  char              *stem;
  PleatResultFormat  formats;
} WriteData;

static void
write_data_free (WriteData *data)
{
  g_object_unref (data->structure);
  pleat_result_info_free (data->info);
  g_free (data->dir);
  g_free (data->stem);
  g_free (data);
}

/* A worker thread. */
static void
write_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  WriteData *data = task_data;
  GError *error = NULL;

  if (!g_cancellable_set_error_if_cancelled (cancellable, &error) &&
      pleat_result_write (data->structure, data->info, data->dir, data->stem, data->formats,
                          &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
pleat_result_write_async (PleatStructure      *structure,
                          PleatResultInfo     *info,
                          const char          *dir,
                          const char          *stem,
                          PleatResultFormat    formats,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  WriteData *data;

  g_return_if_fail (PLEAT_IS_STRUCTURE (structure));
  g_return_if_fail (info != NULL && dir != NULL && stem != NULL);

  data = g_new0 (WriteData, 1);
  data->structure = g_object_ref (structure);
  data->info = info;
  data->dir = g_strdup (dir);
  data->stem = g_strdup (stem);
  data->formats = formats;
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, pleat_result_write_async);
  g_task_set_task_data (task, data, (GDestroyNotify) write_data_free);
  g_task_run_in_thread (task, write_thread);
}

gboolean
pleat_result_write_finish (GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
pleat_result_copy (const char         *dir,
                   const char         *stem,
                   const char         *dest_dir,
                   PleatResultFormat   formats,
                   GCancellable       *cancellable,
                   GError            **error)
{
  g_return_val_if_fail (dir != NULL && stem != NULL && dest_dir != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (formats_table); i++)
    {
      PleatResultFormat format = formats_table[i].format;
      g_autofree char *from = NULL;
      g_autofree char *to = NULL;
      g_autofree char *contents = NULL;
      gsize length;

      if (!(formats & format))
        continue;
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      from = pleat_result_dup_path (dir, stem, format);
      to = pleat_result_dup_path (dest_dir, stem, format);
      /* Read and written whole rather than with g_file_copy(): the temporary file and rename
       * keep a half-copied file from ever carrying the final name. */
      if (!g_file_get_contents (from, &contents, &length, error) ||
          !_pleat_write_file (to, contents, length, error))
        return FALSE;
    }
  return TRUE;
}

typedef struct
{
  char              *dir;
  char              *stem;
  char              *dest_dir;
  PleatResultFormat  formats;
} CopyData;

static void
copy_data_free (CopyData *data)
{
  g_free (data->dir);
  g_free (data->stem);
  g_free (data->dest_dir);
  g_free (data);
}

/* A worker thread. */
static void
copy_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  CopyData *data = task_data;
  GError *error = NULL;

  if (pleat_result_copy (data->dir, data->stem, data->dest_dir, data->formats, cancellable,
                         &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
pleat_result_copy_async (const char          *dir,
                         const char          *stem,
                         const char          *dest_dir,
                         PleatResultFormat    formats,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  CopyData *data;

  g_return_if_fail (dir != NULL && stem != NULL && dest_dir != NULL);

  data = g_new0 (CopyData, 1);
  data->dir = g_strdup (dir);
  data->stem = g_strdup (stem);
  data->dest_dir = g_strdup (dest_dir);
  data->formats = formats;
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, pleat_result_copy_async);
  g_task_set_task_data (task, data, (GDestroyNotify) copy_data_free);
  g_task_run_in_thread (task, copy_thread);
}

gboolean
pleat_result_copy_finish (GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == pleat_result_copy_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
