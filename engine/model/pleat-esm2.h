/* pleat-esm2.h
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The ESM-2 protein language model as ESMFold v1 runs it (transformers' EsmModel under
 * EsmForProteinFolding.esm, fair-esm's esm.pretrained ESM2): token embeddings with ESM-2's
 * token-dropout rescaling (x 0.88 at inference, since no token is masked), pre-LayerNorm
 * layers with rotary self-attention (q scaled before the rotation, inv_freq from the
 * checkpoint) and an erf-GELU feed-forward, and the final LayerNorm.
 *
 * The linear weights (q, k, v, o, fc1, fc2: all but 0.1% of the parameters) stay in the
 * checkpoint's dtype when that is float16 or bfloat16, as on the Hub, and are widened to
 * float32 tile by tile as each linear runs: the same values in half the memory (7 GB less for
 * ESM-2 3B). PLEAT_STEM_PRECISION=f32 widens them at load instead, for comparisons.
 *
 * ESMFold combines every hidden state h_0 .. h_nl (h_nl after the final LayerNorm) with learned
 * softmax weights; pleat_esm2_run() accumulates that sum on the fly instead of keeping nl + 1
 * copies.
 */
#pragma once

#include <gio/gio.h>

#include "pleat-layers.h"
#include "pleat-model-config.h"
#include "pleat-weights.h"

G_BEGIN_DECLS

typedef struct _PleatEsm2 PleatEsm2;

/* Called with hidden state index (0 = embeddings, nl = after the final LayerNorm),
 * (n_tokens, d_model), valid during the call only. Also called once with index
 * PLEAT_ESM2_RAW_LAST_LAYER for the last layer's output before the final LayerNorm, which is in
 * no hidden state (the reference's hooks see it). */
#define PLEAT_ESM2_RAW_LAST_LAYER G_MAXUINT

typedef void (*PleatEsm2HiddenFunc) (guint        index,
                                     const float *hidden,
                                     gpointer     user_data);

/* Reads the language model under prefix (HF names: "esm."). Errors: MISSING_TENSOR,
 * SHAPE_MISMATCH, UNSUPPORTED (not a rotary, post-embedding-LayerNorm-free ESM-2). */
PleatEsm2 *pleat_esm2_new_from_weights (const PleatEsmConfig  *config,
                                        PleatWeights          *weights,
                                        const char            *prefix,
                                        GError               **error);
void       pleat_esm2_free             (PleatEsm2             *self);
guint      pleat_esm2_get_n_layers     (PleatEsm2             *self);
guint      pleat_esm2_get_d_model      (PleatEsm2             *self);

/* Bytes of scratch pleat_esm2_run() needs (64-byte aligned) for n_tokens on n_threads. */
guint64    pleat_esm2_get_scratch_size (const PleatEsmConfig  *config,
                                        guint                  n_tokens,
                                        int                    n_threads);

/* Runs the model on tokens (n_tokens ESM-2 ids, <cls> and <eos> included). When combined is
 * not NULL it receives sum_l weights[l] * h_l over rows 1 .. n_tokens - 2 (the residues),
 * (n_tokens - 2, d_model), with weights (n_layers + 1). hidden_func (nullable) sees every
 * hidden state. Checks cancellable between layers (G_IO_ERROR_CANCELLED). Errors:
 * PLEAT_ENGINE_ERROR_INVALID_SEQUENCE for a token outside the vocabulary. */
gboolean   pleat_esm2_run              (PleatEsm2             *self,
                                        const PleatLayerCtx   *ctx,
                                        const gint64          *tokens,
                                        guint                  n_tokens,
                                        const float           *weights,
                                        float                 *combined,
                                        PleatEsm2HiddenFunc    hidden_func,
                                        gpointer               user_data,
                                        gpointer               scratch,
                                        GCancellable          *cancellable,
                                        GError               **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PleatEsm2, pleat_esm2_free)

G_END_DECLS
