/* linear.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Linear layers and matrix products split across the caller's threads. Each piece is one
 * OpenBLAS call running single-threaded on its thread (see PleatCompute for why OpenBLAS's
 * own threads are off).
 */
#include <assert.h>

#include "pleat-layers.h"

/* Rows per piece below which a piece is not worth a thread: small enough that L = 64 pair
 * tensors (4096 rows) still split, large enough that OpenBLAS's packing amortises. */
#define LINEAR_MIN_ROWS 64
/* Output columns per piece when splitting columns instead (the language model's few rows). */
#define LINEAR_MIN_COLS 64
/* A weight up to this size stays in a core's L2 while a piece streams its rows through it. */
#define LINEAR_CACHED_WEIGHT_BYTES (512 * 1024)
/* Rows per thread from which a large weight, read once per piece, is reused enough. */
#define LINEAR_ROWS_PER_WEIGHT_READ 512

/* Weight rows widened per tile: about this much float32. Every tile is one sgemm that packs
 * all of x again, which for the language model's few rows costs about as much as widening the
 * tile: tiles of 512 KiB ran the ESM-2 3B linears 15-35% slower than float32 weights, tiles of
 * 2-4 MiB 0-10% (tests/bench-kernels.c). The scratch is one tile per thread. */
#define LINEAR_TILE_BYTES (4 * 1024 * 1024)
/* Fewer rows make sgemm's n too narrow to run at speed; more only grow the scratch. */
#define LINEAR_MIN_TILE_ROWS 32
#define LINEAR_MAX_TILE_ROWS 512

typedef struct
{
  const PleatKernels *k;
  const float        *x;
  size_t              ld_x;
  PleatLayerWeight    weight;
  const float        *bias;
  float              *y;
  size_t              ld_y;
  size_t              n_rows;
  size_t              n_in;
  size_t              n_out;
  bool                accumulate;
  /* 16-bit weights only: */
  PleatKernConvertFunc widen;
  char               *scratch;          /* n_threads tiles of tile_bytes */
  size_t              tile_bytes;
  size_t              tile_rows;
} LinearJob;

static size_t
linear_tile_rows (size_t n_in)
{
  size_t rows = LINEAR_TILE_BYTES / (sizeof (float) * (n_in > 0 ? n_in : 1));

  rows = rows / 16 * 16;
  if (rows < LINEAR_MIN_TILE_ROWS)
    rows = LINEAR_MIN_TILE_ROWS;
  if (rows > LINEAR_MAX_TILE_ROWS)
    rows = LINEAR_MAX_TILE_ROWS;
  return rows;
}

/* One thread's tile, rounded up to 64 bytes so that every tile is aligned like the first. */
static size_t
linear_tile_bytes (size_t n_in)
{
  size_t bytes = linear_tile_rows (n_in) * n_in * sizeof (float);

  return (bytes + 63) / 64 * 64;
}

/* The largest tile of any n_in up to this one: a tile holds at most LINEAR_TILE_BYTES unless
 * it is clamped to LINEAR_MIN_TILE_ROWS rows. (A tile's size is not monotonic in n_in: 400
 * rows of 2560 are more than 96 rows of 10240.) */
static size_t
linear_max_tile_bytes (size_t n_in)
{
  size_t bytes = (size_t) LINEAR_MIN_TILE_ROWS * n_in * sizeof (float);

  if (bytes < LINEAR_TILE_BYTES)
    bytes = LINEAR_TILE_BYTES;
  return (bytes + 63) / 64 * 64;
}

size_t
pleat_layer_linear_scratch_size (PleatWeightFormat format,
                                 size_t            n_in,
                                 int               n_threads)
{
  if (format == PLEAT_WEIGHT_F32)
    return 0;
  return (size_t) (n_threads > 0 ? n_threads : 1) * linear_max_tile_bytes (n_in);
}

/* Rows [row0, row1) of y, output columns [col0, col1): the piece of work both splits hand
 * out. A float32 weight is used in place; a 16-bit one is widened tile by tile into this
 * thread's scratch, each tile used for all the piece's rows before the next is made. */
static void
linear_block (const LinearJob *j,
              size_t           row0,
              size_t           row1,
              size_t           col0,
              size_t           col1,
              int              ith)
{
  const float *x = j->x + row0 * j->ld_x;
  float *y = j->y + row0 * j->ld_y;
  float *tile;

  if (j->weight.format == PLEAT_WEIGHT_F32)
    {
      const float *w = j->weight.data;

      j->k->linear (x, j->ld_x, w + col0 * j->n_in, j->bias != NULL ? j->bias + col0 : NULL,
                    y + col0, j->ld_y, row1 - row0, j->n_in, col1 - col0, j->accumulate);
      return;
    }

  tile = (float *) (void *) (j->scratch + (size_t) ith * j->tile_bytes);
  for (size_t c = col0; c < col1; c += j->tile_rows)
    {
      size_t n = col1 - c < j->tile_rows ? col1 - c : j->tile_rows;

      j->widen ((const uint16_t *) j->weight.data + c * j->n_in, tile, n * j->n_in);
      j->k->linear (x, j->ld_x, tile, j->bias != NULL ? j->bias + c : NULL, y + c, j->ld_y,
                    row1 - row0, j->n_in, n, j->accumulate);
    }
}

static void
linear_rows_cb (void   *data,
                size_t  begin,
                size_t  end,
                int     ith)
{
  const LinearJob *j = data;

  linear_block (j, begin, end, 0, j->n_out, ith);
}

static void
linear_cols_cb (void   *data,
                size_t  begin,
                size_t  end,
                int     ith)
{
  const LinearJob *j = data;

  /* Output columns [begin, end) use weight rows [begin, end): a contiguous slice. */
  linear_block (j, 0, j->n_rows, begin, end, ith);
}

void
pleat_layer_linear_typed (const PleatLayerCtx *ctx,
                          const float         *x,
                          size_t               ld_x,
                          PleatLayerWeight     weight,
                          const float         *bias,
                          float               *y,
                          size_t               ld_y,
                          size_t               n_rows,
                          size_t               n_in,
                          size_t               n_out,
                          bool                 accumulate,
                          void                *scratch)
{
  LinearJob job = { ctx->k, x, ld_x, weight, bias, y, ld_y, n_rows, n_in, n_out, accumulate,
                    NULL, scratch, linear_tile_bytes (n_in), linear_tile_rows (n_in) };
  size_t n_threads = ctx->par.n_threads > 0 ? (size_t) ctx->par.n_threads : 1;

  if (n_rows == 0 || n_out == 0)
    return;
  if (weight.format != PLEAT_WEIGHT_F32)
    {
      assert (scratch != NULL);
      job.widen = weight.format == PLEAT_WEIGHT_F16 ? ctx->k->convert_f16_f32
                                                    : ctx->k->convert_bf16_f32;
    }

  /* Splitting rows makes every piece read (and OpenBLAS pack, and a 16-bit weight widen) all
   * of weight. That is free for the pair linears, whose weights sit in L2, and cheap when
   * each piece has many rows; but for the language model's few rows and 10–100 MB weights it
   * would multiply the weight traffic, so there each thread takes its own slice of weight
   * (output columns) instead. The float32 size decides for every format: it is what the
   * pieces multiply with. */
  if (n_in * n_out * sizeof (float) <= LINEAR_CACHED_WEIGHT_BYTES
      || n_rows >= n_threads * LINEAR_ROWS_PER_WEIGHT_READ || n_out < 2 * LINEAR_MIN_COLS)
    ctx->par.parallel_for (ctx->par.pool, n_rows, LINEAR_MIN_ROWS, linear_rows_cb, &job);
  else
    {
      /* Two slices of weight per thread: each piece repacks x, so few wide pieces, but two
       * so that a thread delayed by other work can be helped. */
      size_t grain = (n_out + 2 * n_threads - 1) / (2 * n_threads);

      grain = (grain + LINEAR_MIN_COLS - 1) / LINEAR_MIN_COLS * LINEAR_MIN_COLS;
      ctx->par.parallel_for (ctx->par.pool, n_out, grain, linear_cols_cb, &job);
    }
}

void
pleat_layer_linear (const PleatLayerCtx *ctx,
                    const float         *x,
                    size_t               ld_x,
                    const float         *weight,
                    const float         *bias,
                    float               *y,
                    size_t               ld_y,
                    size_t               n_rows,
                    size_t               n_in,
                    size_t               n_out,
                    bool                 accumulate)
{
  PleatLayerWeight w = { weight, PLEAT_WEIGHT_F32 };

  pleat_layer_linear_typed (ctx, x, ld_x, w, bias, y, ld_y, n_rows, n_in, n_out, accumulate,
                            NULL);
}

typedef struct
{
  const PleatKernels *k;
  size_t              n_batch;
  bool                trans_a;
  bool                trans_b;
  size_t              m;
  size_t              n;
  size_t              k_dim;
  float               alpha;
  const float        *a;
  size_t              lda;
  size_t              stride_a;
  const float        *b;
  size_t              ldb;
  size_t              stride_b;
  float               beta;
  float              *c;
  size_t              ldc;
  size_t              stride_c;
  size_t              m_pieces;  /* pieces each problem's rows are split into */
} MatmulJob;

static void
matmul_cb (void   *data,
           size_t  begin,
           size_t  end,
           int     ith)
{
  const MatmulJob *j = data;

  for (size_t unit = begin; unit < end; unit++)
    {
      size_t problem = unit / j->m_pieces;
      size_t piece = unit % j->m_pieces;
      size_t row0 = j->m * piece / j->m_pieces;
      size_t row1 = j->m * (piece + 1) / j->m_pieces;
      /* Row i of op(a) is row i of a, or column i when a is transposed. */
      const float *a = j->a + problem * j->stride_a + (j->trans_a ? row0 : row0 * j->lda);

      if (row1 > row0)
        j->k->matmul (j->trans_a, j->trans_b, row1 - row0, j->n, j->k_dim, j->alpha,
                      a, j->lda, j->b + problem * j->stride_b, j->ldb, j->beta,
                      j->c + problem * j->stride_c + row0 * j->ldc, j->ldc);
    }
}

void
pleat_layer_matmul_batched (const PleatLayerCtx *ctx,
                            size_t               n_batch,
                            bool                 trans_a,
                            bool                 trans_b,
                            size_t               m,
                            size_t               n,
                            size_t               k,
                            float                alpha,
                            const float         *a,
                            size_t               lda,
                            size_t               stride_a,
                            const float         *b,
                            size_t               ldb,
                            size_t               stride_b,
                            float                beta,
                            float               *c,
                            size_t               ldc,
                            size_t               stride_c)
{
  MatmulJob job = { ctx->k, n_batch, trans_a, trans_b, m, n, k, alpha, a, lda, stride_a,
                    b, ldb, stride_b, beta, c, ldc, stride_c, 1 };
  size_t n_threads = ctx->par.n_threads > 0 ? (size_t) ctx->par.n_threads : 1;

  if (n_batch == 0 || m == 0 || n == 0)
    return;

  /* Enough problems for every thread: one problem per unit keeps each GEMM whole. Otherwise
   * split each problem's rows so that every thread gets about two pieces. */
  if (n_batch < 2 * n_threads)
    {
      size_t want = (2 * n_threads + n_batch - 1) / n_batch;
      size_t max_pieces = (m + LINEAR_MIN_ROWS / 2 - 1) / (LINEAR_MIN_ROWS / 2);

      job.m_pieces = want < max_pieces ? want : max_pieces;
      if (job.m_pieces == 0)
        job.m_pieces = 1;
    }

  ctx->par.parallel_for (ctx->par.pool, n_batch * job.m_pieces, 1, matmul_cb, &job);
}

void
pleat_layer_matmul (const PleatLayerCtx *ctx,
                    bool                 trans_a,
                    bool                 trans_b,
                    size_t               m,
                    size_t               n,
                    size_t               k,
                    float                alpha,
                    const float         *a,
                    size_t               lda,
                    const float         *b,
                    size_t               ldb,
                    float                beta,
                    float               *c,
                    size_t               ldc)
{
  pleat_layer_matmul_batched (ctx, 1, trans_a, trans_b, m, n, k, alpha, a, lda, 0,
                              b, ldb, 0, beta, c, ldc, 0);
}
