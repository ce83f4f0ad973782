/* rows.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Row-wise and element-wise layers split across the caller's threads: LayerNorm, RMSNorm,
 * softmax, activations, element-wise products, transposes and rotary embedding. All
 * memory-bound, so the pieces are sized by bytes touched rather than by FLOPs.
 */
#include "pleat-layers.h"

/* About 64 KiB of floats per piece: enough to hide the fork/join cost (a few microseconds). */
#define MIN_FLOATS_PER_PIECE 16384

static size_t
rows_grain (size_t d)
{
  size_t g = MIN_FLOATS_PER_PIECE / (d > 0 ? d : 1);

  return g > 0 ? g : 1;
}

typedef struct
{
  const PleatKernels *k;
  const float        *x;
  size_t              ld_x;
  const float        *gamma;
  const float        *beta;
  float               eps;
  float              *y;
  size_t              ld_y;
  size_t              d;
} NormJob;

static void
layer_norm_cb (void   *data,
               size_t  begin,
               size_t  end,
               int     ith)
{
  const NormJob *j = data;

  j->k->layer_norm (j->x + begin * j->ld_x, j->ld_x, j->gamma, j->beta, j->eps,
                    j->y + begin * j->ld_y, j->ld_y, end - begin, j->d);
}

void
pleat_layer_layer_norm (const PleatLayerCtx *ctx,
                        const float         *x,
                        size_t               ld_x,
                        const float         *gamma,
                        const float         *beta,
                        float                eps,
                        float               *y,
                        size_t               ld_y,
                        size_t               n_rows,
                        size_t               d)
{
  NormJob job = { ctx->k, x, ld_x, gamma, beta, eps, y, ld_y, d };

  ctx->par.parallel_for (ctx->par.pool, n_rows, rows_grain (d), layer_norm_cb, &job);
}

static void
rms_norm_cb (void   *data,
             size_t  begin,
             size_t  end,
             int     ith)
{
  const NormJob *j = data;

  j->k->rms_norm (j->x + begin * j->ld_x, j->ld_x, j->gamma, j->eps,
                  j->y + begin * j->ld_y, j->ld_y, end - begin, j->d);
}

void
pleat_layer_rms_norm (const PleatLayerCtx *ctx,
                      const float         *x,
                      size_t               ld_x,
                      const float         *gamma,
                      float                eps,
                      float               *y,
                      size_t               ld_y,
                      size_t               n_rows,
                      size_t               d)
{
  NormJob job = { ctx->k, x, ld_x, gamma, NULL, eps, y, ld_y, d };

  ctx->par.parallel_for (ctx->par.pool, n_rows, rows_grain (d), rms_norm_cb, &job);
}

typedef struct
{
  const PleatKernels *k;
  float              *x;
  size_t              ld_x;
  const float        *bias;
  size_t              ld_bias;
  const uint8_t      *mask;
  size_t              ld_mask;
  float               mask_bias;
  size_t              n_cols;
} SoftmaxJob;

static void
softmax_cb (void   *data,
            size_t  begin,
            size_t  end,
            int     ith)
{
  const SoftmaxJob *j = data;

  j->k->softmax (j->x + begin * j->ld_x, j->ld_x,
                 j->bias != NULL ? j->bias + begin * j->ld_bias : NULL, j->ld_bias,
                 j->mask != NULL ? j->mask + begin * j->ld_mask : NULL, j->ld_mask,
                 j->mask_bias, end - begin, j->n_cols);
}

void
pleat_layer_softmax (const PleatLayerCtx *ctx,
                     float               *x,
                     size_t               ld_x,
                     const float         *bias,
                     size_t               ld_bias,
                     const uint8_t       *mask,
                     size_t               ld_mask,
                     float                mask_bias,
                     size_t               n_rows,
                     size_t               n_cols)
{
  SoftmaxJob job = { ctx->k, x, ld_x, bias, ld_bias, mask, ld_mask, mask_bias, n_cols };

  ctx->par.parallel_for (ctx->par.pool, n_rows, rows_grain (n_cols), softmax_cb, &job);
}

typedef struct
{
  PleatKernUnaryFunc  unary;
  PleatKernBinaryFunc binary;
  const float        *a;
  const float        *b;
  float              *y;
} MapJob;

static void
unary_cb (void   *data,
          size_t  begin,
          size_t  end,
          int     ith)
{
  const MapJob *j = data;

  j->unary (j->a + begin, j->y + begin, end - begin);
}

static void
binary_cb (void   *data,
           size_t  begin,
           size_t  end,
           int     ith)
{
  const MapJob *j = data;

  j->binary (j->a + begin, j->b + begin, j->y + begin, end - begin);
}

void
pleat_layer_unary (const PleatLayerCtx *ctx,
                   PleatKernUnaryFunc   fn,
                   const float         *x,
                   float               *y,
                   size_t               n)
{
  MapJob job = { fn, NULL, x, NULL, y };

  ctx->par.parallel_for (ctx->par.pool, n, MIN_FLOATS_PER_PIECE, unary_cb, &job);
}

void
pleat_layer_binary (const PleatLayerCtx *ctx,
                    PleatKernBinaryFunc  fn,
                    const float         *a,
                    const float         *b,
                    float               *y,
                    size_t               n)
{
  MapJob job = { NULL, fn, a, b, y };

  ctx->par.parallel_for (ctx->par.pool, n, MIN_FLOATS_PER_PIECE, binary_cb, &job);
}

typedef struct
{
  PleatKernBinaryFunc fn;
  const float        *a;
  size_t              ld_a;
  const float        *b;
  size_t              ld_b;
  float              *y;
  size_t              ld_y;
  size_t              d;
} BinaryRowsJob;

static void
binary_rows_cb (void   *data,
                size_t  begin,
                size_t  end,
                int     ith)
{
  const BinaryRowsJob *j = data;

  for (size_t r = begin; r < end; r++)
    j->fn (j->a + r * j->ld_a, j->b + r * j->ld_b, j->y + r * j->ld_y, j->d);
}

void
pleat_layer_binary_rows (const PleatLayerCtx *ctx,
                         PleatKernBinaryFunc  fn,
                         const float         *a,
                         size_t               ld_a,
                         const float         *b,
                         size_t               ld_b,
                         float               *y,
                         size_t               ld_y,
                         size_t               n_rows,
                         size_t               d)
{
  BinaryRowsJob job = { fn, a, ld_a, b, ld_b, y, ld_y, d };

  ctx->par.parallel_for (ctx->par.pool, n_rows, rows_grain (d), binary_rows_cb, &job);
}

typedef struct
{
  const PleatKernels *k;
  float              *x;
  size_t              ld_token;
  size_t              ld_head;
  size_t              n_heads;
  const float        *cos;
  const float        *sin;
  size_t              half_dim;
} RopeJob;

static void
rope_cb (void   *data,
         size_t  begin,
         size_t  end,
         int     ith)
{
  const RopeJob *j = data;

  j->k->rope_apply (j->x + begin * j->ld_token, j->ld_token, j->ld_head, end - begin,
                    j->n_heads, j->cos + begin * j->half_dim, j->sin + begin * j->half_dim,
                    j->half_dim);
}

void
pleat_layer_rope_apply (const PleatLayerCtx *ctx,
                        float               *x,
                        size_t               ld_token,
                        size_t               ld_head,
                        size_t               n_tokens,
                        size_t               n_heads,
                        const float         *cos,
                        const float         *sin,
                        size_t               half_dim)
{
  RopeJob job = { ctx->k, x, ld_token, ld_head, n_heads, cos, sin, half_dim };

  ctx->par.parallel_for (ctx->par.pool, n_tokens, rows_grain (2 * half_dim * n_heads),
                         rope_cb, &job);
}

typedef struct
{
  const PleatKernels *k;
  const float        *src;
  size_t              ld_src;
  float              *dst;
  size_t              ld_dst;
  size_t              n_cols;
} TransposeJob;

static void
transpose_cb (void   *data,
              size_t  begin,
              size_t  end,
              int     ith)
{
  const TransposeJob *j = data;

  /* Source rows [begin, end) become destination columns [begin, end). */
  j->k->transpose (j->src + begin * j->ld_src, j->ld_src, j->dst + begin, j->ld_dst,
                   end - begin, j->n_cols);
}

void
pleat_layer_transpose (const PleatLayerCtx *ctx,
                       const float         *src,
                       size_t               ld_src,
                       float               *dst,
                       size_t               ld_dst,
                       size_t               n_rows,
                       size_t               n_cols)
{
  TransposeJob job = { ctx->k, src, ld_src, dst, ld_dst, n_cols };

  if (n_cols == 0)
    return;
  ctx->par.parallel_for (ctx->par.pool, n_rows, rows_grain (n_cols), transpose_cb, &job);
}
