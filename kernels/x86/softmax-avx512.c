/* softmax-avx512.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Row softmax with bias and mask for AVX-512F: softmax-body.h in the vocabulary of simd-avx512.h.
 */
#include <math.h>

#include "simd-avx512.h"

#include "softmax-body.h"
