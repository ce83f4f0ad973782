/* triangle-attention.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Triangle attention around the starting node (rows of z) and the ending node (the same on
 * zᵀ, i.e. columns), in place and in row bands.
 *
 * The triangle bias b[h, j, k] is taken from every position of the normalised pair tensor
 * first (n_heads · n² floats, head-major as pleat_layer_attention() wants it). Then each band of
 * oriented rows is normalised again, projected to q, k, v and the gate, attended row by row
 * (n_batch = rows, the bias shared by all of them) and its update added to its own rows. As in
 * the triangle multiplication, a band reads only its own rows, which no earlier band wrote.
 * The reference's chunk_size splits the same rows, so memory is bounded the same way: the
 * attention logits never exceed one query tile per thread.
 */
#include "pair-layers-private.h"

#include <math.h>

static PleatAttention
band_attention (const PleatTriangleAttentionWeights *w,
                size_t                               n,
                size_t                               rows,
                const float                         *q,
                const float                         *k,
                const float                         *v,
                const float                         *g,
                float                               *out,
                const float                         *bias)
{
  size_t hd = w->n_heads * w->head_dim;
  PleatHeads heads = { NULL, n * hd, hd, w->head_dim };
  PleatAttention a = { 0 };

  a.n_batch = rows;
  a.n_heads = w->n_heads;
  a.n_q = n;
  a.n_k = n;
  a.head_dim = w->head_dim;
  a.scale = (float) (1.0 / sqrt ((double) w->head_dim));
  a.q = heads;
  a.q.data = q;
  a.k = heads;
  a.k.data = k;
  a.v = heads;
  a.v.data = v;
  a.gate = heads;
  a.gate.data = g;
  a.out = out;
  a.out_stride_batch = n * hd;
  a.out_stride_token = hd;
  a.out_stride_head = w->head_dim;
  a.bias = bias;
  a.bias_stride_batch = 0;
  a.bias_stride_head = n * n;
  a.bias_stride_q = n;
  return a;
}

size_t
pleat_layer_triangle_attention_scratch_size (const PleatTriangleAttentionWeights *w,
                                             size_t                               n_res,
                                             size_t                               chunk,
                                             int                                  n_threads)
{
  size_t n = n_res;
  size_t rows = _pleat_chunk_rows (chunk, n);
  size_t m = rows * n;
  size_t hd = w->n_heads * w->head_dim;
  PleatAttention a = band_attention (w, n, rows, NULL, NULL, NULL, NULL, NULL, NULL);

  return _pleat_scratch_bytes (w->n_heads * n * n)      /* triangle bias */
         + 2 * _pleat_scratch_bytes (m * w->d_pair)     /* gathered rows, zn */
         + 5 * _pleat_scratch_bytes (m * hd)            /* q, k, v, gate, out */
         + _pleat_scratch_bytes (m * w->d_pair)         /* update */
         + pleat_layer_attention_scratch_size (&a, n_threads);
}

void
pleat_layer_triangle_attention (const PleatLayerCtx                 *ctx,
                                const PleatTriangleAttentionWeights *w,
                                bool                                 starting,
                                float                               *z,
                                size_t                               n_res,
                                size_t                               chunk,
                                void                                *scratch)
{
  const size_t n = n_res;
  const size_t dp = w->d_pair;
  const size_t hd = w->n_heads * w->head_dim;
  const size_t band = _pleat_chunk_rows (chunk, n);
  const bool columns = !starting;
  PleatScratchCursor cursor = { scratch, 0 };
  float *bias = _pleat_scratch_take (&cursor, w->n_heads * n * n); /* (heads, n, n) */
  float *gathered = _pleat_scratch_take (&cursor, band * n * dp);
  float *zn = _pleat_scratch_take (&cursor, band * n * dp);
  float *q = _pleat_scratch_take (&cursor, band * n * hd);
  float *k = _pleat_scratch_take (&cursor, band * n * hd);
  float *v = _pleat_scratch_take (&cursor, band * n * hd);
  float *g = _pleat_scratch_take (&cursor, band * n * hd);
  float *o = _pleat_scratch_take (&cursor, band * n * hd);
  float *update = _pleat_scratch_take (&cursor, band * n * dp);
  void *attn_scratch = cursor.base + cursor.used;

  if (n == 0)
    return;

  /* bias[h, j, k] = bias_lin (LN (Z'[j, k]))[h], band by band. */
  for (size_t r0 = 0; r0 < n; r0 += band)
    {
      size_t r1 = r0 + band < n ? r0 + band : n;
      size_t m = (r1 - r0) * n;
      const float *rows = _pleat_pair_rows (ctx, z, n, dp, columns, r0, r1, gathered);

      pleat_layer_layer_norm (ctx, rows, dp, w->ln_weight, w->ln_bias, w->eps, zn, dp, m, dp);
      pleat_layer_linear (ctx, zn, dp, w->bias_weight, NULL, q, w->n_heads, m, dp, w->n_heads,
                          false);
      _pleat_pair_transpose (ctx, q, w->n_heads, bias + r0 * n, n * n, m, w->n_heads);
    }

  for (size_t r0 = 0; r0 < n; r0 += band)
    {
      size_t r1 = r0 + band < n ? r0 + band : n;
      size_t m = (r1 - r0) * n;
      const float *rows = _pleat_pair_rows (ctx, z, n, dp, columns, r0, r1, gathered);
      PleatAttention a;

      pleat_layer_layer_norm (ctx, rows, dp, w->ln_weight, w->ln_bias, w->eps, zn, dp, m, dp);
      pleat_layer_linear (ctx, zn, dp, w->q_weight, NULL, q, hd, m, dp, hd, false);
      pleat_layer_linear (ctx, zn, dp, w->k_weight, NULL, k, hd, m, dp, hd, false);
      pleat_layer_linear (ctx, zn, dp, w->v_weight, NULL, v, hd, m, dp, hd, false);
      pleat_layer_linear (ctx, zn, dp, w->g_weight, w->g_bias, g, hd, m, dp, hd, false);

      a = band_attention (w, n, r1 - r0, q, k, v, g, o, bias);
      pleat_layer_attention (ctx, &a, attn_scratch);

      pleat_layer_linear (ctx, o, hd, w->o_weight, w->o_bias, update, dp, m, hd, dp, false);
      _pleat_pair_add_rows (ctx, update, z, n, dp, columns, r0, r1);
    }
}
