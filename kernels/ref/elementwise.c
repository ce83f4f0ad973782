/* elementwise.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Element-wise arithmetic: add, mul, scale, axpy (residual add) and bias rows. These are
 * memory-bound; the compiler's vectorisation of these loops is all they need.
 */
#include "pleat-kernels.h"

void
pleat_kern_add_f32_ref (const float *a,
                        const float *b,
                        float       *y,
                        size_t       n)
{
  for (size_t i = 0; i < n; i++)
    y[i] = a[i] + b[i];
}

void
pleat_kern_mul_f32_ref (const float *a,
                        const float *b,
                        float       *y,
                        size_t       n)
{
  for (size_t i = 0; i < n; i++)
    y[i] = a[i] * b[i];
}

void
pleat_kern_scale_f32_ref (const float *x,
                          float        alpha,
                          float       *y,
                          size_t       n)
{
  for (size_t i = 0; i < n; i++)
    y[i] = alpha * x[i];
}

void
pleat_kern_axpy_f32_ref (float        alpha,
                         const float *x,
                         float       *y,
                         size_t       n)
{
  for (size_t i = 0; i < n; i++)
    y[i] += alpha * x[i];
}

void
pleat_kern_add_bias_f32_ref (float       *x,
                             size_t       ld_x,
                             const float *bias,
                             size_t       n_rows,
                             size_t       d)
{
  for (size_t r = 0; r < n_rows; r++)
    for (size_t c = 0; c < d; c++)
      x[r * ld_x + c] += bias[c];
}
