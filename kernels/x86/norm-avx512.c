/* norm-avx512.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * LayerNorm and RMSNorm for AVX-512F: norm-body.h in the vocabulary of simd-avx512.h.
 */
#include <math.h>

#include "simd-avx512.h"

#include "norm-body.h"
