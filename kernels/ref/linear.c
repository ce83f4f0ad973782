/* linear.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * nn.Linear as plain loops: y = x · Wᵀ + b with W stored (n_out, n_in), the PyTorch layout.
 */
#include "pleat-kernels.h"

void
pleat_kern_linear_f32_ref (const float *x,
                           size_t       ld_x,
                           const float *weight,
                           const float *bias,
                           float       *y,
                           size_t       ld_y,
                           size_t       n_rows,
                           size_t       n_in,
                           size_t       n_out,
                           bool         accumulate)
{
  for (size_t r = 0; r < n_rows; r++)
    for (size_t o = 0; o < n_out; o++)
      {
        double acc = bias != NULL ? bias[o] : 0.0;

        for (size_t i = 0; i < n_in; i++)
          acc += (double) x[r * ld_x + i] * weight[o * n_in + i];
        if (accumulate)
          acc += y[r * ld_y + o];
        y[r * ld_y + o] = (float) acc;
      }
}
