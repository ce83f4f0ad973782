/* pair-layers-common.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Transposes and oriented row bands of pair tensors, split across the caller's threads. These
 * only move memory; the pair layers call them around their GEMMs.
 */
#include "pair-layers-private.h"

#include <string.h>

/* About 64 KiB of floats per piece, as rows.c sizes memory-bound pieces. */
#define MIN_FLOATS_PER_PIECE 16384

static size_t
grain_for (size_t floats_per_item)
{
  size_t g = MIN_FLOATS_PER_PIECE / (floats_per_item > 0 ? floats_per_item : 1);

  return g > 0 ? g : 1;
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
_pleat_pair_transpose (const PleatLayerCtx *ctx,
                       const float         *src,
                       size_t               ld_src,
                       float               *dst,
                       size_t               ld_dst,
                       size_t               n_rows,
                       size_t               n_cols)
{
  TransposeJob job = { ctx->k, src, ld_src, dst, ld_dst, n_cols };

  if (n_rows == 0 || n_cols == 0)
    return;
  ctx->par.parallel_for (ctx->par.pool, n_rows, grain_for (n_cols), transpose_cb, &job);
}

typedef struct
{
  const PleatKernels *k;
  const float        *src;
  float              *dst;
  float              *z;
  size_t              n;
  size_t              d;
  size_t              r0;
  size_t              n_rows;
} BandJob;

/* Item j: position j of every row in the band, i.e. row j of z, columns [r0, r0 + n_rows). */
static void
gather_cb (void   *data,
           size_t  begin,
           size_t  end,
           int     ith)
{
  const BandJob *b = data;

  for (size_t j = begin; j < end; j++)
    for (size_t r = 0; r < b->n_rows; r++)
      memcpy (b->dst + (r * b->n + j) * b->d, b->z + (j * b->n + b->r0 + r) * b->d,
              b->d * sizeof (float));
}

static void
scatter_add_cb (void   *data,
                size_t  begin,
                size_t  end,
                int     ith)
{
  const BandJob *b = data;

  for (size_t j = begin; j < end; j++)
    for (size_t r = 0; r < b->n_rows; r++)
      b->k->add (b->z + (j * b->n + b->r0 + r) * b->d, b->src + (r * b->n + j) * b->d,
                 b->z + (j * b->n + b->r0 + r) * b->d, b->d);
}

const float *
_pleat_pair_rows (const PleatLayerCtx *ctx,
                  const float         *z,
                  size_t               n,
                  size_t               d,
                  bool                 columns,
                  size_t               r0,
                  size_t               r1,
                  float               *buf)
{
  BandJob job = { ctx->k, NULL, buf, (float *) z, n, d, r0, r1 - r0 };

  if (!columns)
    return z + r0 * n * d;
  ctx->par.parallel_for (ctx->par.pool, n, grain_for ((r1 - r0) * d), gather_cb, &job);
  return buf;
}

void
_pleat_pair_add_rows (const PleatLayerCtx *ctx,
                      const float         *update,
                      float               *z,
                      size_t               n,
                      size_t               d,
                      bool                 columns,
                      size_t               r0,
                      size_t               r1)
{
  BandJob job = { ctx->k, update, NULL, z, n, d, r0, r1 - r0 };

  if (!columns)
    {
      float *rows = z + r0 * n * d;

      /* z = z + update, the reference's residual add, in its operand order. */
      pleat_layer_binary (ctx, ctx->k->add, rows, update, rows, (r1 - r0) * n * d);
      return;
    }
  ctx->par.parallel_for (ctx->par.pool, n, grain_for ((r1 - r0) * d), scatter_add_cb, &job);
}
