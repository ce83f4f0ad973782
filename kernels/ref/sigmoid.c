/* sigmoid.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Sigmoid, and sigmoid gating (a * sigmoid (b)) as the attention and triangle-multiplication
 * gates use it.
 */
#include "pleat-kernels.h"

#include <math.h>

static inline float
sigmoid (float x)
{
  return 1.0f / (1.0f + expf (-x));
}

void
pleat_kern_sigmoid_f32_ref (const float *x,
                            float       *y,
                            size_t       n)
{
  for (size_t i = 0; i < n; i++)
    y[i] = sigmoid (x[i]);
}

void
pleat_kern_gate_sigmoid_f32_ref (const float *a,
                                 const float *b,
                                 float       *y,
                                 size_t       n)
{
  for (size_t i = 0; i < n; i++)
    y[i] = a[i] * sigmoid (b[i]);
}
