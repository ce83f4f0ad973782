/* pair-layers-common.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the pair layers do to pieces of an oriented pair tensor in the same way: the residual
 * update, and the attention bias taken from the normalised pair tensor.
 */
#include "pair-layers-private.h"

void
_pleat_pair_piece_add (const PleatKernels    *k,
                       const PleatPairPieces *p,
                       size_t                 r,
                       size_t                 j0,
                       size_t                 count,
                       const float           *update)
{
  size_t ld;
  float *dst = _pleat_pair_at (p, r, j0, &ld);

  if (!p->columns)
    k->add (dst, update, dst, count * p->d);
  else
    for (size_t i = 0; i < count; i++)
      k->add (dst + i * ld, update + i * p->d, dst + i * ld, p->d);
}

typedef struct
{
  const PleatKernels *k;
  PleatPairPieces     pieces;
  const float        *ln_weight, *ln_bias;
  float               eps;
  const float        *weight;
  size_t              n_heads;
  float              *zn, *bias;
} BiasJob;

static void
bias_cb (void   *data,
         size_t  begin,
         size_t  end,
         int     ith)
{
  const BiasJob *job = data;
  size_t n = job->pieces.n, d = job->pieces.d;

  for (size_t item = begin; item < end; item++)
    {
      size_t r, cnt, p0;
      size_t j0 = _pleat_pair_piece (&job->pieces, item, &r, &cnt, &p0);
      float *zn = job->zn + p0 * d;

      _pleat_pair_piece_layer_norm (job->k, &job->pieces, r, j0, cnt, job->ln_weight,
                                    job->ln_bias, job->eps, zn);
      job->k->matmul (false, true, job->n_heads, cnt, d, 1.0f, job->weight, d, zn, d, 0.0f,
                      job->bias + (job->pieces.r0 + r) * n + j0, n * n);
    }
}

void
_pleat_pair_bias (const PleatLayerCtx *ctx,
                  const float         *z,
                  size_t               n,
                  size_t               d,
                  bool                 columns,
                  size_t               band,
                  const float         *ln_weight,
                  const float         *ln_bias,
                  float                eps,
                  const float         *weight,
                  size_t               n_heads,
                  float               *zn,
                  float               *bias)
{
  /* The pieces' z is writable for _pleat_pair_piece_add(); this pass only reads it. */
  BiasJob job = { ctx->k, _pleat_pair_pieces ((float *) z, n, d, columns), ln_weight, ln_bias,
                  eps, weight, n_heads, zn, bias };

  for (size_t r0 = 0; r0 < n; r0 += band)
    {
      size_t rows_n = r0 + band < n ? band : n - r0;

      job.pieces.r0 = r0;
      ctx->par.parallel_for (ctx->par.pool, rows_n * job.pieces.pieces_per_row, 1, bias_cb,
                             &job);
    }
}
