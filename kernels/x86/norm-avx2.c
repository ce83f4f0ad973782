/* norm-avx2.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * LayerNorm and RMSNorm for AVX2 + FMA: norm-body.h in the vocabulary of simd-avx2.h.
 */
#include <math.h>

#include "simd-avx2.h"

#include "norm-body.h"
