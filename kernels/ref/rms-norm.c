/* rms-norm.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RMSNorm: y = x / sqrt(mean(x²) + eps) * gamma.
 */
#include "pleat-kernels.h"

#include <math.h>

void
pleat_kern_rms_norm_f32_ref (const float *x,
                             size_t       ld_x,
                             const float *gamma,
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
      double ms = 0.0;
      float rrms;

      for (size_t c = 0; c < d; c++)
        ms += (double) xr[c] * xr[c];
      ms /= (double) d;
      rrms = (float) (1.0 / sqrt (ms + eps));

      for (size_t c = 0; c < d; c++)
        yr[c] = gamma != NULL ? xr[c] * rrms * gamma[c] : xr[c] * rrms;
    }
}
