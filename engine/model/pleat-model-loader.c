/* pleat-model-loader.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pleat-engine"

#include "config.h"

#include <glib/gi18n.h>

#include "pleat-error.h"
#include "pleat-esmfold.h"
#include "pleat-model-config.h"
#include "pleat-model-loader.h"

PleatModel *
pleat_model_load (const char    *path,
                  PleatCompute  *compute,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_autofree char *config_path = NULL;
  g_autoptr(PleatEsmConfig) config = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  config_path = g_build_filename (path, "config.json", NULL);
  config = pleat_esm_config_new_from_file (config_path, error);
  if (config == NULL)
    return NULL;

  if (g_strcmp0 (config->model_type, "esm") != 0 || !config->is_folding_model)
    {
      g_set_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_UNSUPPORTED,
                   _("%s describes a “%s” model that does not fold structures; Pleat folds "
                     "with ESMFold (facebook/esmfold_v1)"),
                   config_path, config->model_type != NULL ? config->model_type : "?");
      return NULL;
    }
  return PLEAT_MODEL (pleat_esmfold_new (path, compute, cancellable, error));
}

/* Engine thread. */
PleatModel *
pleat_model_load_func (const char    *path,
                       gpointer       compute,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_return_val_if_fail (compute == NULL || PLEAT_IS_COMPUTE (compute), NULL);

  return pleat_model_load (path, compute, cancellable, error);
}
