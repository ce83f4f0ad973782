/* pair-layers-private.h
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the pair layers share inside kernels/layers/: carving caller scratch into aligned
 * buffers, and reading or updating a band of rows of a pair tensor in either orientation.
 */
#pragma once

#include "pleat-pair-layers.h"

#define PLEAT_SCRATCH_ALIGN 64

/* Bytes a buffer of n floats takes in scratch, rounded up to keep the next one aligned. */
static inline size_t
_pleat_scratch_bytes (size_t n_floats)
{
  size_t bytes = n_floats * sizeof (float);

  return (bytes + PLEAT_SCRATCH_ALIGN - 1) / PLEAT_SCRATCH_ALIGN * PLEAT_SCRATCH_ALIGN;
}

/* A bump allocator over caller scratch: buffers are taken in order and never returned. */
typedef struct
{
  char  *base;
  size_t used;
} PleatScratchCursor;

static inline float *
_pleat_scratch_take (PleatScratchCursor *cursor,
                     size_t              n_floats)
{
  float *p = (float *) (void *) (cursor->base + cursor->used);

  cursor->used += _pleat_scratch_bytes (n_floats);
  return p;
}

/* Rows [0, n) per chunk: 0 means everything in one chunk. */
static inline size_t
_pleat_chunk_rows (size_t chunk,
                   size_t n)
{
  return chunk == 0 || chunk > n ? n : chunk;
}

/* dst (n_cols, ld_dst) = src (n_rows, ld_src) transposed, split across threads. */
void   _pleat_pair_transpose     (const PleatLayerCtx *ctx,
                                  const float         *src,
                                  size_t               ld_src,
                                  float               *dst,
                                  size_t               ld_dst,
                                  size_t               n_rows,
                                  size_t               n_cols);

/* The pair tensor seen as oriented rows: orientation "rows" reads row r of z, "columns" reads
 * column r (z transposed, for the incoming / ending-node variants). Row r, position j, channel
 * c is z[(r * n + j) * d + c] or z[(j * n + r) * d + c].
 *
 * Returns rows [r0, r1) as a contiguous ((r1 - r0) * n, d) block: z itself for rows, else a
 * copy gathered into buf. */
const float *_pleat_pair_rows    (const PleatLayerCtx *ctx,
                                  const float         *z,
                                  size_t               n,
                                  size_t               d,
                                  bool                 columns,
                                  size_t               r0,
                                  size_t               r1,
                                  float               *buf);
/* Adds a contiguous ((r1 - r0) * n, d) block to rows [r0, r1) of z in the same orientation. */
void         _pleat_pair_add_rows (const PleatLayerCtx *ctx,
                                   const float         *update,
                                   float               *z,
                                   size_t               n,
                                   size_t               d,
                                   bool                 columns,
                                   size_t               r0,
                                   size_t               r1);
