/* silu.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * SiLU (x * sigmoid (x)) and SwiGLU (silu (gate) * value), ESMFold2's transition activation.
 */
#include "pleat-kernels.h"

#include <math.h>

static inline float
silu (float x)
{
  return x / (1.0f + expf (-x));
}

void
pleat_kern_silu_f32_ref (const float *x,
                         float       *y,
                         size_t       n)
{
  for (size_t i = 0; i < n; i++)
    y[i] = silu (x[i]);
}

void
pleat_kern_swiglu_f32_ref (const float *a,
                           const float *b,
                           float       *y,
                           size_t       n)
{
  for (size_t i = 0; i < n; i++)
    y[i] = silu (a[i]) * b[i];
}
