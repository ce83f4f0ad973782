/* activation-avx512.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GELU, SiLU, sigmoid, sigmoid gating and SwiGLU for AVX-512F: activation-body.h in the
 * vocabulary of simd-avx512.h.
 */
#include <math.h>

#include "simd-avx512.h"

#include "activation-body.h"
