/* relu.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * ReLU: max (x, 0).
 */
#include "pleat-kernels.h"

void
pleat_kern_relu_f32_ref (const float *x,
                         float       *y,
                         size_t       n)
{
  for (size_t i = 0; i < n; i++)
    y[i] = x[i] > 0.0f ? x[i] : 0.0f;
}
