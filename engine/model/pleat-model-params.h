/* pleat-model-params.h
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Fetching a model's parameters from the weights store by module name, with the shape the
 * configuration implies: "prefix" + "name" + ".weight" / ".bias", as PyTorch names them.
 * Every getter fails with the store's error (missing tensor, wrong shape) and leaves the
 * pointers owned by the store.
 */
#pragma once

#include <gio/gio.h>

#include "pleat-layers.h"
#include "pleat-weights.h"

G_BEGIN_DECLS

typedef struct
{
  const float *weight;   /* (n_out, n_in) */
  const float *bias;     /* (n_out), NULL for a Linear without bias */
} PleatLinearParams;

typedef struct
{
  const float *weight;   /* (d) */
  const float *bias;     /* (d) */
} PleatNormParams;

/* A Linear whose weight may stay in the checkpoint's 16-bit dtype (the bias is float32). */
typedef struct
{
  PleatLayerWeight weight;  /* (n_out, n_in) */
  const float     *bias;    /* (n_out), NULL for a Linear without bias */
} PleatTypedLinearParams;

/* prefix + name + ".weight" (n_out, n_in) and, when has_bias, ".bias" (n_out). */
gboolean     pleat_model_params_get_linear (PleatWeights      *weights,
                                            const char        *prefix,
                                            const char        *name,
                                            gint64             n_out,
                                            gint64             n_in,
                                            gboolean           has_bias,
                                            PleatLinearParams *out,
                                            GError           **error);
/* The same, with the weight kept as stored when keep_half and the file has it in float16
 * or bfloat16 (see pleat_weights_get_compact()), float32 otherwise. */
gboolean     pleat_model_params_get_typed_linear (PleatWeights           *weights,
                                                  const char             *prefix,
                                                  const char             *name,
                                                  gint64                  n_out,
                                                  gint64                  n_in,
                                                  gboolean                has_bias,
                                                  gboolean                keep_half,
                                                  PleatTypedLinearParams *out,
                                                  GError                **error);
/* A LayerNorm: prefix + name + ".weight" and ".bias", both (d). */
gboolean     pleat_model_params_get_norm   (PleatWeights      *weights,
                                            const char        *prefix,
                                            const char        *name,
                                            gint64             d,
                                            PleatNormParams   *out,
                                            GError           **error);
/* Any float tensor prefix + name with this shape. */
const float *pleat_model_params_get        (PleatWeights      *weights,
                                            const char        *prefix,
                                            const char        *name,
                                            const gint64      *shape,
                                            guint              n_dims,
                                            GError           **error);

G_END_DECLS
