/* layers-private.h
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What every layer composite in kernels/layers/ shares.
 */
#pragma once

#include <stddef.h>

/* About 64 KiB of floats per piece of parallel work: enough to hide the fork/join cost (a
 * few microseconds) of memory-bound pieces. */
#define PLEAT_LAYER_MIN_FLOATS_PER_PIECE 16384

/* The smallest number of items (rows, positions) worth one piece, for items of this many
 * floats. */
static inline size_t
_pleat_layer_grain (size_t floats_per_item)
{
  size_t g = PLEAT_LAYER_MIN_FLOATS_PER_PIECE / (floats_per_item > 0 ? floats_per_item : 1);

  return g > 0 ? g : 1;
}
