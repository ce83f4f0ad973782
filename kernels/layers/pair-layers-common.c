/* pair-layers-common.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The residual update of a piece of an oriented pair tensor.
 */
#include "pair-layers-private.h"

void
_pleat_pair_piece_add (const PleatKernels    *k,
                       const PleatPairPieces *p,
                       size_t                 r,
                       size_t                 j0,
                       size_t                 count,
                       const float           *update)
{
  size_t ld;
  float *dst = _pleat_pair_at (p, r, j0, &ld);

  if (!p->columns)
    k->add (dst, update, dst, count * p->d);
  else
    for (size_t i = 0; i < count; i++)
      k->add (dst + i * ld, update + i * p->d, dst + i * ld, p->d);
}
