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
 * (n_batch = rows, the bias shared by all of them) and its update added to its own rows. The
 * steps before and after the attention go in pieces of positions (see PleatPairPieces), which
 * read and update z in place in either orientation. As in the triangle multiplication, a band
 * reads only its own rows, which no earlier band wrote.
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
  PleatAttention a = band_attention (w, n, rows, NULL, NULL, NULL, NULL, NULL);

  return _pleat_scratch_bytes (w->n_heads * n * n)      /* triangle bias */
         + _pleat_scratch_bytes (m * w->d_pair)         /* zn */
         + 5 * _pleat_scratch_bytes (m * hd)            /* q, k, v, gate, out */
         + _pleat_scratch_bytes (m * w->d_pair)         /* update */
         + pleat_layer_attention_scratch_size (&a, n_threads);
}

typedef struct
{
  const PleatKernels                  *k;
  const PleatTriangleAttentionWeights *w;
  PleatPairPieces                      pieces;
  float                               *zn;      /* (m, d_pair) */
  float                               *bias;    /* (n_heads, n, n) */
  float                               *q, *kk, *v, *g, *o;   /* (m, hd) */
  float                               *update;  /* (m, d_pair) */
  bool                                 normalised;   /* zn already holds this band's LN (Z') */
} PieceJob;

/* zn = LN (Z') over a piece (unless already there); its first band position in *p0 and its
 * size in *cnt. */
static void
normalise_piece (const PieceJob *job,
                 size_t          item,
                 size_t         *r,
                 size_t         *cnt,
                 size_t         *p0)
{
  const PleatTriangleAttentionWeights *w = job->w;
  size_t j0 = _pleat_pair_piece (&job->pieces, item, r, cnt, p0);

  if (!job->normalised)
    _pleat_pair_piece_layer_norm (job->k, &job->pieces, *r, j0, *cnt, w->ln_weight, w->ln_bias,
                                  w->eps, job->zn + *p0 * w->d_pair);
}

static void
project_cb (void   *data,
            size_t  begin,
            size_t  end,
            int     ith)
{
  const PieceJob *job = data;
  const PleatKernels *k = job->k;
  const PleatTriangleAttentionWeights *w = job->w;
  size_t dp = w->d_pair, hd = w->n_heads * w->head_dim;

  for (size_t item = begin; item < end; item++)
    {
      size_t r, cnt, p0;
      const float *zn;

      normalise_piece (job, item, &r, &cnt, &p0);
      zn = job->zn + p0 * dp;
      k->linear (zn, dp, w->q_weight, NULL, job->q + p0 * hd, hd, cnt, dp, hd, false);
      k->linear (zn, dp, w->k_weight, NULL, job->kk + p0 * hd, hd, cnt, dp, hd, false);
      k->linear (zn, dp, w->v_weight, NULL, job->v + p0 * hd, hd, cnt, dp, hd, false);
      k->linear (zn, dp, w->g_weight, w->g_bias, job->g + p0 * hd, hd, cnt, dp, hd, false);
    }
}

/* Z'[piece] += o_lin (sigmoid (g) * o). The gate is applied here, over the whole piece at
 * once, rather than by the attention a head's few values at a time. */
static void
output_cb (void   *data,
           size_t  begin,
           size_t  end,
           int     ith)
{
  const PieceJob *job = data;
  const PleatTriangleAttentionWeights *w = job->w;
  size_t dp = w->d_pair, hd = w->n_heads * w->head_dim;

  for (size_t item = begin; item < end; item++)
    {
      size_t r, cnt, p0;
      size_t j0 = _pleat_pair_piece (&job->pieces, item, &r, &cnt, &p0);
      float *update = job->update + p0 * dp;
      float *o = job->o + p0 * hd;

      job->k->gate_sigmoid (o, job->g + p0 * hd, o, cnt * hd);
      job->k->linear (o, hd, w->o_weight, w->o_bias, update, dp, cnt, hd, dp, false);
      _pleat_pair_piece_add (job->k, &job->pieces, r, j0, cnt, update);
    }
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
  PleatScratchCursor cursor = { scratch, 0 };
  PieceJob job = { ctx->k, w, _pleat_pair_pieces (z, n, dp, !starting), NULL };
  void *attn_scratch;

  if (n == 0)
    return;

  job.bias = _pleat_scratch_take (&cursor, w->n_heads * n * n);
  job.zn = _pleat_scratch_take (&cursor, band * n * dp);
  job.q = _pleat_scratch_take (&cursor, band * n * hd);
  job.kk = _pleat_scratch_take (&cursor, band * n * hd);
  job.v = _pleat_scratch_take (&cursor, band * n * hd);
  job.g = _pleat_scratch_take (&cursor, band * n * hd);
  job.o = _pleat_scratch_take (&cursor, band * n * hd);
  job.update = _pleat_scratch_take (&cursor, band * n * dp);
  attn_scratch = cursor.base + cursor.used;

  /* bias[h, j, k] = bias_lin (LN (Z'[j, k]))[h] for every row, before any is written. */
  _pleat_pair_bias (ctx, z, n, dp, !starting, band, w->ln_weight, w->ln_bias, w->eps,
                    w->bias_weight, w->n_heads, job.zn, job.bias);

  for (size_t r0 = 0; r0 < n; r0 += band)
    {
      size_t rows_n = r0 + band < n ? band : n - r0;
      size_t n_pieces = rows_n * job.pieces.pieces_per_row;
      PleatAttention a = band_attention (w, n, rows_n, job.q, job.kk, job.v, job.o, job.bias);

      job.pieces.r0 = r0;
      /* One band: the bias pass has just normalised all of it (z is unchanged since). */
      job.normalised = band == n;
      ctx->par.parallel_for (ctx->par.pool, n_pieces, 1, project_cb, &job);
      pleat_layer_attention (ctx, &a, attn_scratch);
      ctx->par.parallel_for (ctx->par.pool, n_pieces, 1, output_cb, &job);
    }
}
