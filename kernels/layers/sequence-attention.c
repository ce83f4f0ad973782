/* sequence-attention.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Gated self-attention over the sequence with a per-head bias read from the pair
 * representation (ESMFold's PairToSequence feeding its gated Attention). The bias is built band
 * by band from the pair tensor straight into the head-major (n_heads, n, n) layout the
 * attention layer reads, so the pair tensor is only read and never copied whole.
 */
#include "pair-layers-private.h"

#include <math.h>

size_t
pleat_layer_seq_attention_scratch_size (const PleatSeqAttentionWeights *w,
                                        size_t                          n_res,
                                        size_t                          chunk,
                                        int                             n_threads)
{
  size_t n = n_res;
  size_t rows = _pleat_chunk_rows (chunk, n);
  PleatAttention a = { 0 };

  a.n_batch = 1;
  a.n_heads = w->n_heads;
  a.n_q = n;
  a.n_k = n;
  a.head_dim = w->head_dim;
  return _pleat_scratch_bytes (w->n_heads * n * n)         /* bias */
         + _pleat_scratch_bytes (rows * n * w->d_pair)     /* normalised band of z */
         + _pleat_scratch_bytes (n * w->d_seq)             /* LN (s) */
         + _pleat_scratch_bytes (n * 3 * w->d_seq)         /* q, k, v */
         + 2 * _pleat_scratch_bytes (n * w->d_seq)         /* gate, attention output */
         + pleat_layer_attention_scratch_size (&a, n_threads);
}

void
pleat_layer_seq_attention (const PleatLayerCtx            *ctx,
                           const PleatSeqAttentionWeights *w,
                           float                          *s,
                           const float                    *z,
                           size_t                          n_res,
                           size_t                          chunk,
                           void                           *scratch)
{
  const size_t n = n_res;
  const size_t dp = w->d_pair;
  const size_t ds = w->d_seq;
  const size_t nh = w->n_heads;
  const size_t band = _pleat_chunk_rows (chunk, n);
  PleatScratchCursor cursor = { scratch, 0 };
  float *bias = _pleat_scratch_take (&cursor, nh * n * n);    /* (heads, n, n) */
  float *zn = _pleat_scratch_take (&cursor, band * n * dp);
  float *y = _pleat_scratch_take (&cursor, n * ds);
  float *qkv = _pleat_scratch_take (&cursor, n * 3 * ds);
  float *g = _pleat_scratch_take (&cursor, n * ds);
  float *o = _pleat_scratch_take (&cursor, n * ds);
  void *attn_scratch = cursor.base + cursor.used;
  size_t stride_token = 3 * ds;
  PleatAttention a = { 0 };

  if (n == 0)
    return;

  /* bias[h, i, j] = bias_lin (LN (z[i, j]))[h]. */
  _pleat_pair_bias (ctx, z, n, dp, false, band, w->ln_pair_weight, w->ln_pair_bias, w->eps,
                    w->pair_bias_weight, nh, zn, bias);

  pleat_layer_layer_norm (ctx, s, ds, w->ln_seq_weight, w->ln_seq_bias, w->eps, y, ds, n, ds);
  pleat_layer_linear (ctx, y, ds, w->proj_weight, NULL, qkv, stride_token, n, ds, 3 * ds, false);
  pleat_layer_linear (ctx, y, ds, w->g_weight, w->g_bias, g, ds, n, ds, ds, false);

  /* q, k and v of head h sit side by side in the fused projection (the reference views it as
   * (n, heads, 3 * head_dim) and chunks the last dimension). */
  a.n_batch = 1;
  a.n_heads = nh;
  a.n_q = n;
  a.n_k = n;
  a.head_dim = w->head_dim;
  a.scale = (float) (1.0 / sqrt ((double) w->head_dim));
  a.q = (PleatHeads) { qkv, 0, stride_token, 3 * w->head_dim };
  a.k = (PleatHeads) { qkv + w->head_dim, 0, stride_token, 3 * w->head_dim };
  a.v = (PleatHeads) { qkv + 2 * w->head_dim, 0, stride_token, 3 * w->head_dim };
  a.gate = (PleatHeads) { g, 0, ds, w->head_dim };
  a.out = o;
  a.out_stride_batch = 0;
  a.out_stride_token = ds;
  a.out_stride_head = w->head_dim;
  a.bias = bias;
  a.bias_stride_batch = 0;
  a.bias_stride_head = n * n;
  a.bias_stride_q = n;
  pleat_layer_attention (ctx, &a, attn_scratch);

  /* s = s + o_lin (o), the residual fused into the linear. */
  pleat_layer_linear (ctx, o, ds, w->o_weight, w->o_bias, s, ds, n, ds, ds, true);
}
