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

/* The pair tensor seen as oriented rows: orientation "rows" reads row r of z, "columns" reads
 * column r (z transposed, for the incoming / ending-node variants). Row r, position j, channel
 * c is z[(r * n + j) * d + c] or z[(j * n + r) * d + c].
 *
 * A band of oriented rows is worked on in pieces: runs of positions of one oriented row, each
 * put through all of a layer's steps while it is in cache (a few hundred KiB) instead of
 * streaming band-sized buffers through memory once per step. A piece's positions are
 * consecutive rows of a strided matrix in either orientation, so z is read and updated in
 * place, never gathered. Piece item covers oriented row r0 + r, positions [j0, j0 + count),
 * which are band positions [r * n + j0, r * n + j0 + count). */
#define PLEAT_PAIR_PIECE_POSITIONS 256

typedef struct
{
  float  *z;
  size_t  n;
  size_t  d;
  bool    columns;
  size_t  r0;                /* the band's first oriented row */
  size_t  piece;             /* positions per piece */
  size_t  pieces_per_row;
} PleatPairPieces;

static inline PleatPairPieces
_pleat_pair_pieces (float  *z,
                    size_t  n,
                    size_t  d,
                    bool    columns)
{
  PleatPairPieces p = { z, n, d, columns, 0, 0, 0 };

  /* Rows split into equal pieces, so that no piece is a short remainder. */
  p.pieces_per_row = (n + PLEAT_PAIR_PIECE_POSITIONS - 1) / PLEAT_PAIR_PIECE_POSITIONS;
  p.piece = p.pieces_per_row > 0 ? (n + p.pieces_per_row - 1) / p.pieces_per_row : 0;
  return p;
}

/* Piece item of the band: sets its oriented row r (band-relative), position count and its
 * first band position; returns its first position j0. */
static inline size_t
_pleat_pair_piece (const PleatPairPieces *p,
                   size_t                 item,
                   size_t                *r,
                   size_t                *count,
                   size_t                *band_pos)
{
  size_t j0 = (item % p->pieces_per_row) * p->piece;

  *r = item / p->pieces_per_row;
  *count = p->n - j0 < p->piece ? p->n - j0 : p->piece;
  *band_pos = *r * p->n + j0;
  return j0;
}

/* Z'[r0 + r, j] in z; *ld: the floats from one position to the next. */
static inline float *
_pleat_pair_at (const PleatPairPieces *p,
                size_t                 r,
                size_t                 j,
                size_t                *ld)
{
  size_t row = p->r0 + r;

  *ld = p->columns ? p->n * p->d : p->d;
  return p->z + (p->columns ? j * p->n + row : row * p->n + j) * p->d;
}

/* dst[i] = LN (Z'[r0 + r, j0 + i]) for i < count: a piece normalised from z in place, in
 * either orientation. */
static inline void
_pleat_pair_piece_layer_norm (const PleatKernels    *k,
                              const PleatPairPieces *p,
                              size_t                 r,
                              size_t                 j0,
                              size_t                 count,
                              const float           *ln_weight,
                              const float           *ln_bias,
                              float                  eps,
                              float                 *dst)    /* (count, d) */
{
  size_t ld;
  const float *src = _pleat_pair_at (p, r, j0, &ld);

  k->layer_norm (src, ld, ln_weight, ln_bias, eps, dst, p->d, count, p->d);
}

/* Z'[r0 + r, j0 + i] += update[i] for i < count: the reference's residual z = z + update,
 * in its operand order. */
void _pleat_pair_piece_add (const PleatKernels    *k,
                            const PleatPairPieces *p,
                            size_t                 r,
                            size_t                 j0,
                            size_t                 count,
                            const float           *update);  /* (count, d) */

/* bias[h, i, j] = weight (LN (Z'[i, j]))[h] for every oriented row i and position j, head-major
 * (n_heads, n, n) as pleat_layer_attention() reads it, straight from the GEMM (the weight as
 * its left operand: no transpose pass). Works in bands of `band` oriented rows and pieces;
 * zn: scratch of (band · n, d) floats, which with one band (band == n) holds LN (Z') of every
 * position afterwards. z is only read. */
void _pleat_pair_bias (const PleatLayerCtx *ctx,
                       const float         *z,
                       size_t               n,
                       size_t               d,
                       bool                 columns,
                       size_t               band,
                       const float         *ln_weight,
                       const float         *ln_bias,
                       float                eps,
                       const float         *weight,    /* (n_heads, d) */
                       size_t               n_heads,
                       float               *zn,
                       float               *bias);     /* (n_heads, n, n) */
