/* pleat-model.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pleat-engine"

#include "config.h"

#include "pleat-model.h"

G_DEFINE_INTERFACE (PleatModel, pleat_model, G_TYPE_OBJECT)

static void
pleat_model_default_init (PleatModelInterface *iface)
{
}

const char *
pleat_model_get_name (PleatModel *self)
{
  g_return_val_if_fail (PLEAT_IS_MODEL (self), NULL);

  return PLEAT_MODEL_GET_IFACE (self)->get_name (self);
}

char **
pleat_model_dup_weights_files (PleatModel *self)
{
  PleatModelInterface *iface;

  g_return_val_if_fail (PLEAT_IS_MODEL (self), NULL);

  iface = PLEAT_MODEL_GET_IFACE (self);
  if (iface->dup_weights_files == NULL)
    return g_new0 (char *, 1);
  return iface->dup_weights_files (self);
}

PleatStructure *
pleat_model_fold (PleatModel              *self,
                  const PleatFoldRequest  *request,
                  PleatProgressFunc        progress,
                  PleatPreviewFunc         preview,
                  gpointer                 user_data,
                  GCancellable            *cancellable,
                  GError                 **error)
{
  g_return_val_if_fail (PLEAT_IS_MODEL (self), NULL);
  g_return_val_if_fail (request != NULL, NULL);
  g_return_val_if_fail (request->chains != NULL && request->chains[0] != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return PLEAT_MODEL_GET_IFACE (self)->fold (self, request, progress, preview, user_data,
                                             cancellable, error);
}

PleatFoldRequest *
pleat_fold_request_new (const char        *id,
                        const char *const *chains)
{
  PleatFoldRequest *request;

  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (chains != NULL && chains[0] != NULL, NULL);

  request = g_new0 (PleatFoldRequest, 1);
  request->id = g_strdup (id);
  request->chains = g_strdupv ((char **) chains);
  return request;
}

PleatFoldRequest *
pleat_fold_request_copy (const PleatFoldRequest *request)
{
  PleatFoldRequest *copy;

  g_return_val_if_fail (request != NULL, NULL);

  copy = g_memdup2 (request, sizeof *request);
  copy->id = g_strdup (request->id);
  copy->chains = g_strdupv (request->chains);
  return copy;
}

void
pleat_fold_request_free (PleatFoldRequest *request)
{
  if (request == NULL)
    return;
  g_free (request->id);
  g_strfreev (request->chains);
  g_free (request);
}

guint
pleat_fold_request_get_length (const PleatFoldRequest *request)
{
  guint length = 0;

  g_return_val_if_fail (request != NULL, 0);

  for (guint i = 0; request->chains[i] != NULL; i++)
    length += strlen (request->chains[i]);
  return length;
}
