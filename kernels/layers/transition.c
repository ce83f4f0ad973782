/* transition.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The residual transition MLP, x = x + Linear (act (Linear (LayerNorm (x)))), over the rows of
 * a sequence or pair tensor in bands, so the 4x-wide hidden layer of a pair tensor never exists
 * in full.
 */
#include "pair-layers-private.h"

/* Rows per band at most, whatever memory allows: the hidden layer of a band (rows x d_hidden,
 * 4 MiB at d_hidden = 512) then stays in the last-level cache between the two linears, while
 * each thread's share of rows is still a well-shaped GEMM. Measured on the pair transition at
 * L = 128 (16384 rows, 2 threads): 256 rows 31-43 GFLOP/s, 1024-4096 rows 50-63, all 16384
 * rows at once 37-50. */
#define TRANSITION_MAX_ROWS 2048

static size_t
band_rows (size_t chunk_rows,
           size_t n_rows)
{
  size_t rows = _pleat_chunk_rows (chunk_rows, n_rows);

  return rows < TRANSITION_MAX_ROWS ? rows : TRANSITION_MAX_ROWS;
}

size_t
pleat_layer_transition_scratch_size (const PleatTransitionWeights *w,
                                     size_t                        n_rows,
                                     size_t                        chunk_rows)
{
  size_t rows = band_rows (chunk_rows, n_rows);

  return _pleat_scratch_bytes (rows * w->d) + _pleat_scratch_bytes (rows * w->d_hidden);
}

void
pleat_layer_transition (const PleatLayerCtx          *ctx,
                        const PleatTransitionWeights *w,
                        float                        *x,
                        size_t                        n_rows,
                        size_t                        chunk_rows,
                        void                         *scratch)
{
  const size_t band = band_rows (chunk_rows, n_rows);
  PleatScratchCursor cursor = { scratch, 0 };
  float *normed = _pleat_scratch_take (&cursor, band * w->d);
  float *hidden = _pleat_scratch_take (&cursor, band * w->d_hidden);
  PleatKernUnaryFunc act = w->activation == PLEAT_ACTIVATION_GELU ? ctx->k->gelu : ctx->k->relu;

  for (size_t r0 = 0; r0 < n_rows; r0 += band)
    {
      size_t m = r0 + band < n_rows ? band : n_rows - r0;
      float *rows = x + r0 * w->d;

      pleat_layer_layer_norm (ctx, rows, w->d, w->ln_weight, w->ln_bias, w->eps,
                              normed, w->d, m, w->d);
      pleat_layer_linear (ctx, normed, w->d, w->w1, w->b1, hidden, w->d_hidden, m, w->d,
                          w->d_hidden, false);
      pleat_layer_unary (ctx, act, hidden, hidden, m * w->d_hidden);
      /* The residual add fused into the second linear. */
      pleat_layer_linear (ctx, hidden, w->d_hidden, w->w2, w->b2, rows, w->d, m, w->d_hidden,
                          w->d, true);
    }
}
