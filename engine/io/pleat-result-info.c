/* pleat-result-info.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pleat-engine"

#include "config.h"

#include <math.h>

#include "pleat-result-info.h"

static void
option_free (gpointer data)
{
  PleatResultOption *option = data;

  g_free (option->name);
  g_free (option->string);
  g_free (option);
}

PleatResultInfo *
pleat_result_info_new (const char *id,
                       const char *model_name)
{
  PleatResultInfo *info;

  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (model_name != NULL, NULL);

  info = g_new0 (PleatResultInfo, 1);
  info->id = g_strdup (id);
  info->model_name = g_strdup (model_name);
  info->software_name = g_strdup ("Pleat");
  info->software_version = g_strdup (PACKAGE_VERSION);
  info->seconds = NAN;
  info->options = g_ptr_array_new_with_free_func (option_free);
  return info;
}

void
pleat_result_info_free (PleatResultInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->id);
  g_free (info->description);
  g_free (info->model_name);
  g_free (info->model_source);
  g_free (info->weights_file);
  g_free (info->weights_sha256);
  g_free (info->software_name);
  g_free (info->software_version);
  g_ptr_array_unref (info->options);
  g_free (info);
}

static PleatResultOption *
add_option (PleatResultInfo       *info,
            const char            *name,
            PleatResultOptionType  type)
{
  PleatResultOption *option = g_new0 (PleatResultOption, 1);

  option->name = g_strdup (name);
  option->type = type;
  g_ptr_array_add (info->options, option);
  return option;
}

void
pleat_result_info_add_integer (PleatResultInfo *info,
                               const char      *name,
                               gint64           value)
{
  g_return_if_fail (info != NULL && name != NULL);
  add_option (info, name, PLEAT_RESULT_OPTION_INTEGER)->integer = value;
}

void
pleat_result_info_add_float (PleatResultInfo *info,
                             const char      *name,
                             double           value)
{
  g_return_if_fail (info != NULL && name != NULL);
  g_return_if_fail (isfinite (value));
  add_option (info, name, PLEAT_RESULT_OPTION_FLOAT)->number = value;
}

void
pleat_result_info_add_boolean (PleatResultInfo *info,
                               const char      *name,
                               gboolean         value)
{
  g_return_if_fail (info != NULL && name != NULL);
  add_option (info, name, PLEAT_RESULT_OPTION_BOOLEAN)->boolean = !!value;
}

void
pleat_result_info_add_string (PleatResultInfo *info,
                              const char      *name,
                              const char      *value)
{
  g_return_if_fail (info != NULL && name != NULL && value != NULL);
  add_option (info, name, PLEAT_RESULT_OPTION_STRING)->string = g_strdup (value);
}

void
pleat_result_info_set_weights (PleatResultInfo *info,
                               const char      *path,
                               const char      *sha256)
{
  g_return_if_fail (info != NULL);

  g_clear_pointer (&info->weights_file, g_free);
  if (path != NULL)
    info->weights_file = g_path_get_basename (path);
  g_free (info->weights_sha256);
  info->weights_sha256 = g_strdup (sha256);
}

PleatResultInfo *
pleat_result_info_new_for_fold (const PleatFoldRequest *request,
                                const char             *model_name,
                                const char             *model_source,
                                const char             *weights_path,
                                const char             *weights_sha256,
                                double                  seconds)
{
  PleatResultInfo *info;

  g_return_val_if_fail (request != NULL, NULL);

  info = pleat_result_info_new (request->id, model_name);
  info->model_source = g_strdup (model_source);
  pleat_result_info_set_weights (info, weights_path, weights_sha256);
  info->seconds = seconds;
  if (request->n_passes > 0)
    {
      pleat_result_info_add_integer (info, "recycles", request->n_passes - 1);
      pleat_result_info_add_integer (info, "trunk_passes", request->n_passes);
    }
  else
    pleat_result_info_add_string (info, "recycles", "model default");
  if (request->chunk_size > 0)
    pleat_result_info_add_integer (info, "chunk_size", request->chunk_size);
  else
    pleat_result_info_add_string (info, "chunk_size", "auto");
  return info;
}

char *
pleat_file_compute_sha256 (const char    *path,
                           GCancellable  *cancellable,
                           GError       **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GChecksum) checksum = NULL;
  g_autofree guchar *buffer = NULL;
  const gsize block = 1 << 20;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  file = g_file_new_for_path (path);
  stream = g_file_read (file, cancellable, error);
  if (stream == NULL)
    {
      g_prefix_error (error, "%s: ", path);
      return NULL;
    }
  checksum = g_checksum_new (G_CHECKSUM_SHA256);
  buffer = g_malloc (block);
  for (;;)
    {
      gssize n = g_input_stream_read (G_INPUT_STREAM (stream), buffer, block, cancellable, error);

      if (n < 0)
        {
          g_prefix_error (error, "%s: ", path);
          return NULL;
        }
      if (n == 0)
        break;
      g_checksum_update (checksum, buffer, n);
    }
  return g_strdup (g_checksum_get_string (checksum));
}
