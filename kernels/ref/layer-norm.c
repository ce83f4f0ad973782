/* layer-norm.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * LayerNorm over the last dimension, as torch.nn.functional.layer_norm computes it: biased
 * variance, eps inside the square root. Sums in double so that this stays the ground truth.
 */
#include "pleat-kernels.h"

#include <math.h>

void
pleat_kern_layer_norm_f32_ref (const float *x,
                               size_t       ld_x,
                               const float *gamma,
                               const float *beta,
                               float        eps,
                               float       *y,
                               size_t       ld_y,
                               size_t       n_rows,
                               size_t       d)
{
  for (size_t r = 0; r < n_rows; r++)
    {
      const float *xr = x + r * ld_x;
      float *yr = y + r * ld_y;
      double mean = 0.0;
      double var = 0.0;
      float rstd;

      for (size_t c = 0; c < d; c++)
        mean += xr[c];
      mean /= (double) d;
      for (size_t c = 0; c < d; c++)
        var += ((double) xr[c] - mean) * ((double) xr[c] - mean);
      var /= (double) d;
      rstd = (float) (1.0 / sqrt (var + eps));

      for (size_t c = 0; c < d; c++)
        {
          float v = ((float) (xr[c] - mean)) * rstd;

          if (gamma != NULL)
            v *= gamma[c];
          if (beta != NULL)
            v += beta[c];
          yr[c] = v;
        }
    }
}
