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
 * gate, and adds the result to its own rows. Updating in place is safe: a band reads only its
 * own rows of Z', which no earlier band has written, and far was taken before any write.
 */
#include "pair-layers-private.h"

/* Buffers per band of `rows` oriented rows (n positions each). */
static size_t
band_bytes (const PleatTriangleMulWeights *w,
            size_t                         n,
            size_t                         rows,
            bool                           columns)
{
  size_t m = rows * n;
  size_t bytes = 0;

  if (columns)
    bytes += _pleat_scratch_bytes (m * w->d_pair);  /* gathered rows */
  bytes += _pleat_scratch_bytes (m * w->d_pair);    /* zn */
  bytes += 2 * _pleat_scratch_bytes (m * w->d_hidden); /* projection, its gate / xᵀ, LN */
  bytes += 2 * _pleat_scratch_bytes (m * w->d_hidden); /* near channel-major, x */
  bytes += 2 * _pleat_scratch_bytes (m * w->d_pair);   /* update, output gate */
  return bytes;
}

size_t
pleat_layer_triangle_mul_scratch_size (const PleatTriangleMulWeights *w,
                                       size_t                         n_res,
                                       size_t                         chunk)
{
  size_t rows = _pleat_chunk_rows (chunk, n_res);

  return _pleat_scratch_bytes (w->d_hidden * n_res * n_res) + band_bytes (w, n_res, rows, true);
}

/* proj = sigmoid (g_lin (zn)) * p_lin (zn): (m, d_hidden). gate is scratch of the same size. */
static void
gated_projection (const PleatLayerCtx *ctx,
                  const float         *zn,
                  size_t               m,
                  size_t               d_pair,
                  size_t               d_hidden,
                  const float         *p_weight,
                  const float         *p_bias,
                  const float         *g_weight,
                  const float         *g_bias,
                  float               *proj,
                  float               *gate)
{
  pleat_layer_linear (ctx, zn, d_pair, p_weight, p_bias, proj, d_hidden, m, d_pair, d_hidden,
                      false);
  pleat_layer_linear (ctx, zn, d_pair, g_weight, g_bias, gate, d_hidden, m, d_pair, d_hidden,
                      false);
  pleat_layer_binary (ctx, ctx->k->gate_sigmoid, proj, gate, proj, m * d_hidden);
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
  const bool columns = !outgoing;
  PleatScratchCursor cursor = { scratch, 0 };
  float *far = _pleat_scratch_take (&cursor, dh * n * n);      /* (dh, n, n) */
  float *gathered = columns ? _pleat_scratch_take (&cursor, band * n * dp) : NULL;
  float *zn = _pleat_scratch_take (&cursor, band * n * dp);    /* (m, dp) */
  float *proj = _pleat_scratch_take (&cursor, band * n * dh);  /* (m, dh) */
  float *tmp = _pleat_scratch_take (&cursor, band * n * dh);   /* (m, dh) */
  float *near = _pleat_scratch_take (&cursor, band * n * dh);  /* (dh, rows, n) */
  float *x = _pleat_scratch_take (&cursor, band * n * dh);     /* (dh, rows, n) */
  float *update = _pleat_scratch_take (&cursor, band * n * dp); /* (m, dp) */
  float *out_gate = _pleat_scratch_take (&cursor, band * n * dp); /* (m, dp) */
  const float *far_p_w = outgoing ? w->b_p_weight : w->a_p_weight;
  const float *far_p_b = outgoing ? w->b_p_bias : w->a_p_bias;
  const float *far_g_w = outgoing ? w->b_g_weight : w->a_g_weight;
  const float *far_g_b = outgoing ? w->b_g_bias : w->a_g_bias;
  const float *near_p_w = outgoing ? w->a_p_weight : w->b_p_weight;
  const float *near_p_b = outgoing ? w->a_p_bias : w->b_p_bias;
  const float *near_g_w = outgoing ? w->a_g_weight : w->b_g_weight;
  const float *near_g_b = outgoing ? w->a_g_bias : w->b_g_bias;

  if (n == 0)
    return;

  /* far[c, j, k] for every row j: each band transposed into channel-major place. */
  for (size_t r0 = 0; r0 < n; r0 += band)
    {
      size_t r1 = r0 + band < n ? r0 + band : n;
      size_t m = (r1 - r0) * n;
      const float *rows = _pleat_pair_rows (ctx, z, n, dp, columns, r0, r1, gathered);

      pleat_layer_layer_norm (ctx, rows, dp, w->ln_in_weight, w->ln_in_bias, w->eps,
                              zn, dp, m, dp);
      gated_projection (ctx, zn, m, dp, dh, far_p_w, far_p_b, far_g_w, far_g_b, proj, tmp);
      _pleat_pair_transpose (ctx, proj, dh, far + r0 * n, n * n, m, dh);
    }

  for (size_t r0 = 0; r0 < n; r0 += band)
    {
      size_t r1 = r0 + band < n ? r0 + band : n;
      size_t rows_n = r1 - r0;
      size_t m = rows_n * n;
      const float *rows = _pleat_pair_rows (ctx, z, n, dp, columns, r0, r1, gathered);

      pleat_layer_layer_norm (ctx, rows, dp, w->ln_in_weight, w->ln_in_bias, w->eps,
                              zn, dp, m, dp);
      gated_projection (ctx, zn, m, dp, dh, near_p_w, near_p_b, near_g_w, near_g_b, proj, tmp);
      _pleat_pair_transpose (ctx, proj, dh, near, m, m, dh);

      /* x[c] (rows, n) = near[c] (rows, n) · far[c]ᵀ (n, n), one GEMM per channel. */
      pleat_layer_matmul_batched (ctx, dh, false, true, rows_n, n, n, 1.0f,
                                  near, n, m, far, n, n * n, 0.0f, x, n, m);

      /* Back to (m, dh), then LayerNorm and the output linear. */
      _pleat_pair_transpose (ctx, x, m, tmp, dh, dh, m);
      pleat_layer_layer_norm (ctx, tmp, dh, w->ln_out_weight, w->ln_out_bias, w->eps,
                              proj, dh, m, dh);
      pleat_layer_linear (ctx, proj, dh, w->z_weight, w->z_bias, update, dp, m, dh, dp, false);
      pleat_layer_linear (ctx, zn, dp, w->g_weight, w->g_bias, out_gate, dp, m, dp, dp, false);
      pleat_layer_binary (ctx, ctx->k->gate_sigmoid, update, out_gate, update, m * dp);

      _pleat_pair_add_rows (ctx, update, z, n, dp, columns, r0, r1);
    }
}
