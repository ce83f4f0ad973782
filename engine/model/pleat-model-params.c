/* pleat-model-params.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pleat-engine"

#include "config.h"

#include "pleat-model-params.h"

const float *
pleat_model_params_get (PleatWeights  *weights,
                        const char    *prefix,
                        const char    *name,
                        const gint64  *shape,
                        guint          n_dims,
                        GError       **error)
{
  g_autofree char *full = g_strconcat (prefix, name, NULL);

  return pleat_weights_get_f32 (weights, full, shape, n_dims, error);
}

/* prefix + name + ".bias", (n_out). */
static const float *
get_bias (PleatWeights  *weights,
          const char    *prefix,
          const char    *name,
          gint64         n_out,
          GError       **error)
{
  g_autofree char *b = g_strconcat (prefix, name, ".bias", NULL);

  return pleat_weights_get_f32 (weights, b, PLEAT_SHAPE (n_out), error);
}

gboolean
pleat_model_params_get_linear (PleatWeights       *weights,
                               const char         *prefix,
                               const char         *name,
                               gint64              n_out,
                               gint64              n_in,
                               gboolean            has_bias,
                               PleatLinearParams  *out,
                               GError            **error)
{
  g_autofree char *w = g_strconcat (prefix, name, ".weight", NULL);

  out->bias = NULL;
  out->weight = pleat_weights_get_f32 (weights, w, PLEAT_SHAPE (n_out, n_in), error);
  if (out->weight == NULL)
    return FALSE;
  if (!has_bias)
    return TRUE;
  out->bias = get_bias (weights, prefix, name, n_out, error);
  return out->bias != NULL;
}

gboolean
pleat_model_params_get_typed_linear (PleatWeights            *weights,
                                     const char              *prefix,
                                     const char              *name,
                                     gint64                   n_out,
                                     gint64                   n_in,
                                     gboolean                 has_bias,
                                     gboolean                 keep_half,
                                     PleatTypedLinearParams  *out,
                                     GError                 **error)
{
  g_autofree char *w = g_strconcat (prefix, name, ".weight", NULL);
  PleatDType dtype = PLEAT_DTYPE_F32;

  out->bias = NULL;
  out->weight.data = keep_half
    ? pleat_weights_get_compact (weights, w, PLEAT_SHAPE (n_out, n_in), &dtype, error)
    : pleat_weights_get_f32 (weights, w, PLEAT_SHAPE (n_out, n_in), error);
  if (out->weight.data == NULL)
    return FALSE;
  out->weight.format = dtype == PLEAT_DTYPE_F16 ? PLEAT_WEIGHT_F16
                       : dtype == PLEAT_DTYPE_BF16 ? PLEAT_WEIGHT_BF16 : PLEAT_WEIGHT_F32;
  if (!has_bias)
    return TRUE;
  out->bias = get_bias (weights, prefix, name, n_out, error);
  return out->bias != NULL;
}

gboolean
pleat_model_params_get_norm (PleatWeights     *weights,
                             const char       *prefix,
                             const char       *name,
                             gint64            d,
                             PleatNormParams  *out,
                             GError          **error)
{
  g_autofree char *w = g_strconcat (prefix, name, ".weight", NULL);
  g_autofree char *b = g_strconcat (prefix, name, ".bias", NULL);

  out->weight = pleat_weights_get_f32 (weights, w, PLEAT_SHAPE (d), error);
  if (out->weight == NULL)
    return FALSE;
  out->bias = pleat_weights_get_f32 (weights, b, PLEAT_SHAPE (d), error);
  return out->bias != NULL;
}
