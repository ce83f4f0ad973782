/* softmax-avx2.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Row softmax with bias and mask for AVX2 + FMA: softmax-body.h in the vocabulary of simd-avx2.h.
 */
#include <math.h>

#include "simd-avx2.h"

#include "softmax-body.h"
