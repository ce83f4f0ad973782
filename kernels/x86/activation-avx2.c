/* activation-avx2.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GELU, SiLU, sigmoid, sigmoid gating and SwiGLU for AVX2 + FMA: activation-body.h in the
 * vocabulary of simd-avx2.h.
 */
#include <math.h>

#include "simd-avx2.h"

#include "activation-body.h"
