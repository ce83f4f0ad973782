/* transpose.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Matrix transpose into a separate buffer, in cache-sized tiles so that neither side is walked
 * with a large stride for long.
 */
#include "pleat-kernels.h"

#define TILE 32

void
pleat_kern_transpose_f32_ref (const float *src,
                              size_t       ld_src,
                              float       *dst,
                              size_t       ld_dst,
                              size_t       n_rows,
                              size_t       n_cols)
{
  for (size_t r0 = 0; r0 < n_rows; r0 += TILE)
    for (size_t c0 = 0; c0 < n_cols; c0 += TILE)
      {
        size_t r1 = r0 + TILE < n_rows ? r0 + TILE : n_rows;
        size_t c1 = c0 + TILE < n_cols ? c0 + TILE : n_cols;

        for (size_t r = r0; r < r1; r++)
          for (size_t c = c0; c < c1; c++)
            dst[c * ld_dst + r] = src[r * ld_src + c];
      }
}
