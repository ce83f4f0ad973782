/* triangle-multiplication.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Triangle multiplicative update, outgoing and incoming, in place and in row bands.
 *
 * Both variants are one computation on an oriented view Z' of the pair tensor: Z' = z for
 * outgoing, Z' = zᵀ for incoming (its rows are z's columns). With a "near" projection taken from
 * the row being updated and a "far" projection from every row,
 *   x'[i, j] = Σ_k near (Z'[i, k]) · far (Z'[j, k])
 * is the update of Z'[i, j]: outgoing has near = a, far = b (x[i, j] = Σ_k a[i, k] b[j, k]);
 * incoming has near = b, far = a, since in z's coordinates Σ_k a[k, i] b[k, j] is exactly that
 * sum at Z'[j, i].
 *
 * So the far projection is computed once for all rows (one pair-sized buffer, channel-major so
 * that each channel is an n × n matrix), and then each band of rows computes its near
 * projection, the per-channel products (a batched GEMM), LayerNorm, the output linear and the
 * gate, and adds the result to its own rows. Around the batched GEMM the work goes in pieces
 * (see PleatPairPieces); the projections come out of their GEMMs channel-major, so only x is
 * ever transposed, a piece at a time, in cache. Updating in place is safe: a band reads only its
 * own rows of Z', which no earlier band has written, and far was taken before any write.
 */
#include "pair-layers-private.h"

/* Buffers per band of `rows` oriented rows (n positions each). */
static size_t
band_bytes (const PleatTriangleMulWeights *w,
            size_t                         n,
            size_t                         rows)
{
  size_t m = rows * n;

  return _pleat_scratch_bytes (m * w->d_pair)             /* zn */
         + 2 * _pleat_scratch_bytes (m * w->d_hidden)     /* projection gate / xᵀ, LN (x) */
         + 2 * _pleat_scratch_bytes (m * w->d_hidden)     /* near, x (channel-major) */
         + 2 * _pleat_scratch_bytes (m * w->d_pair);      /* update, output gate */
}

size_t
pleat_layer_triangle_mul_scratch_size (const PleatTriangleMulWeights *w,
                                       size_t                         n_res,
                                       size_t                         chunk)
{
  size_t rows = _pleat_chunk_rows (chunk, n_res);

  return _pleat_scratch_bytes (w->d_hidden * n_res * n_res) + band_bytes (w, n_res, rows);
}

typedef struct
{
  const PleatKernels            *k;
  const PleatTriangleMulWeights *w;
  PleatPairPieces                pieces;
  float                         *zn;              /* (m, d_pair) */
  float                         *tmp;             /* (m, d_hidden) */
  /* The projection step: */
  const float                   *p_weight, *p_bias, *g_weight, *g_bias;
  float                         *proj;            /* (d_hidden, ld_proj), channel-major */
  size_t                         ld_proj;
  /* The output step: */
  float                         *x;               /* (d_hidden, ld_x), channel-major */
  size_t                         ld_x;
  float                         *xn;              /* (m, d_hidden) */
  float                         *update;          /* (m, d_pair) */
  float                         *out_gate;        /* (m, d_pair) */
  bool                           normalised;      /* zn already holds this band's LN_in (Z') */
} PieceJob;

/* A loop of its own, so that the compiler vectorises it (no aliasing to rule out). */
static void
fill (float  *restrict dst,
      float           value,
      size_t          n)
{
  for (size_t i = 0; i < n; i++)
    dst[i] = value;
}

/* zn = LN_in (Z') over the piece, and proj[:, p] = sigmoid (g_lin (zn)) * p_lin (zn),
 * channel-major: with the weight as the GEMM's left operand the product comes out transposed,
 * so no transpose pass is needed. The biases are written first and accumulated onto. */
static void
project_cb (void   *data,
            size_t  begin,
            size_t  end,
            int     ith)
{
  const PieceJob *job = data;
  const PleatKernels *k = job->k;
  const PleatTriangleMulWeights *w = job->w;
  size_t dp = w->d_pair, dh = w->d_hidden;

  for (size_t item = begin; item < end; item++)
    {
      size_t r, cnt, p0;
      size_t j0 = _pleat_pair_piece (&job->pieces, item, &r, &cnt, &p0);
      float *zn = job->zn + p0 * dp;
      float *proj = job->proj + p0;
      float *gate = job->tmp + p0 * dh;     /* (dh, cnt) */

      if (!job->normalised)
        _pleat_pair_piece_layer_norm (k, &job->pieces, r, j0, cnt, w->ln_in_weight,
                                      w->ln_in_bias, w->eps, zn);
      for (size_t c = 0; c < dh; c++)
        fill (proj + c * job->ld_proj, job->p_bias[c], cnt);
      for (size_t c = 0; c < dh; c++)
        fill (gate + c * cnt, job->g_bias[c], cnt);
      k->matmul (false, true, dh, cnt, dp, 1.0f, job->p_weight, dp, zn, dp, 1.0f,
                 proj, job->ld_proj);
      k->matmul (false, true, dh, cnt, dp, 1.0f, job->g_weight, dp, zn, dp, 1.0f, gate, cnt);
      for (size_t c = 0; c < dh; c++)
        k->gate_sigmoid (proj + c * job->ld_proj, gate + c * cnt, proj + c * job->ld_proj, cnt);
    }
}

/* z[piece] += z_lin (LN_out (x)) * sigmoid (g_lin (zn)), x taken back to position-major. */
static void
output_cb (void   *data,
           size_t  begin,
           size_t  end,
           int     ith)
{
  const PieceJob *job = data;
  const PleatKernels *k = job->k;
  const PleatTriangleMulWeights *w = job->w;
  size_t dp = w->d_pair, dh = w->d_hidden;

  for (size_t item = begin; item < end; item++)
    {
      size_t r, cnt, p0;
      size_t j0 = _pleat_pair_piece (&job->pieces, item, &r, &cnt, &p0);
      float *xt = job->tmp + p0 * dh;
      float *xn = job->xn + p0 * dh;
      float *update = job->update + p0 * dp;
      float *out_gate = job->out_gate + p0 * dp;

      k->transpose (job->x + p0, job->ld_x, xt, dh, dh, cnt);
      k->layer_norm (xt, dh, w->ln_out_weight, w->ln_out_bias, w->eps, xn, dh, cnt, dh);
      k->linear (xn, dh, w->z_weight, w->z_bias, update, dp, cnt, dh, dp, false);
      k->linear (job->zn + p0 * dp, dp, w->g_weight, w->g_bias, out_gate, dp, cnt, dp, dp,
                 false);
      k->gate_sigmoid (update, out_gate, update, cnt * dp);
      _pleat_pair_piece_add (k, &job->pieces, r, j0, cnt, update);
    }
}

void
pleat_layer_triangle_mul (const PleatLayerCtx           *ctx,
                          const PleatTriangleMulWeights *w,
                          bool                           outgoing,
                          float                         *z,
                          size_t                         n_res,
                          size_t                         chunk,
                          void                          *scratch)
{
  const size_t n = n_res;
  const size_t dp = w->d_pair;
  const size_t dh = w->d_hidden;
  const size_t band = _pleat_chunk_rows (chunk, n);
  PleatScratchCursor cursor = { scratch, 0 };
  float *far = _pleat_scratch_take (&cursor, dh * n * n);      /* (dh, n, n) */
  PieceJob job = { 0 };
  float *near;

  if (n == 0)
    return;

  job.k = ctx->k;
  job.w = w;
  job.pieces = _pleat_pair_pieces (z, n, dp, !outgoing);
  job.zn = _pleat_scratch_take (&cursor, band * n * dp);       /* (m, dp) */
  job.tmp = _pleat_scratch_take (&cursor, band * n * dh);      /* (m, dh) */
  job.xn = _pleat_scratch_take (&cursor, band * n * dh);       /* (m, dh) */
  near = _pleat_scratch_take (&cursor, band * n * dh);         /* (dh, rows, n) */
  job.x = _pleat_scratch_take (&cursor, band * n * dh);        /* (dh, rows, n) */
  job.update = _pleat_scratch_take (&cursor, band * n * dp);   /* (m, dp) */
  job.out_gate = _pleat_scratch_take (&cursor, band * n * dp); /* (m, dp) */

  /* far[c, j, k] for every row j, before any row is written. */
  job.p_weight = outgoing ? w->b_p_weight : w->a_p_weight;
  job.p_bias = outgoing ? w->b_p_bias : w->a_p_bias;
  job.g_weight = outgoing ? w->b_g_weight : w->a_g_weight;
  job.g_bias = outgoing ? w->b_g_bias : w->a_g_bias;
  job.ld_proj = n * n;
  for (size_t r0 = 0; r0 < n; r0 += band)
    {
      size_t rows_n = r0 + band < n ? band : n - r0;

      job.pieces.r0 = r0;
      job.proj = far + r0 * n;
      ctx->par.parallel_for (ctx->par.pool, rows_n * job.pieces.pieces_per_row, 1, project_cb,
                             &job);
    }

  job.p_weight = outgoing ? w->a_p_weight : w->b_p_weight;
  job.p_bias = outgoing ? w->a_p_bias : w->b_p_bias;
  job.g_weight = outgoing ? w->a_g_weight : w->b_g_weight;
  job.g_bias = outgoing ? w->a_g_bias : w->b_g_bias;
  job.proj = near;
  for (size_t r0 = 0; r0 < n; r0 += band)
    {
      size_t rows_n = r0 + band < n ? band : n - r0;
      size_t m = rows_n * n;

      job.pieces.r0 = r0;
      job.ld_proj = m;
      job.ld_x = m;
      /* One band: the far pass has just normalised all of it (z is unchanged since). */
      job.normalised = band == n;
      ctx->par.parallel_for (ctx->par.pool, rows_n * job.pieces.pieces_per_row, 1, project_cb,
                             &job);

      /* x[c] (rows, n) = near[c] (rows, n) · far[c]ᵀ (n, n), one GEMM per channel. */
      pleat_layer_matmul_batched (ctx, dh, false, true, rows_n, n, n, 1.0f,
                                  near, n, m, far, n, n * n, 0.0f, job.x, n, m);

      ctx->par.parallel_for (ctx->par.pool, rows_n * job.pieces.pieces_per_row, 1, output_cb,
                             &job);
    }
}
