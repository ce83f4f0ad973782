/* softmax.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Softmax over rows with an optional additive bias and key mask. Masked logits get mask_bias
 * added, as openfold adds inf * (mask - 1); a row whose logits are all -inf (mask_bias =
 * -INFINITY, every key masked) becomes zeros instead of the NaN torch would give.
 */
#include "pleat-kernels.h"

#include <math.h>

void
pleat_kern_softmax_f32_ref (float         *x,
                            size_t         ld_x,
                            const float   *bias,
                            size_t         ld_bias,
                            const uint8_t *mask,
                            size_t         ld_mask,
                            float          mask_bias,
                            size_t         n_rows,
                            size_t         n_cols)
{
  for (size_t r = 0; r < n_rows; r++)
    {
      float *xr = x + r * ld_x;
      float max = -INFINITY;
      double sum = 0.0;
      float inv;

      for (size_t c = 0; c < n_cols; c++)
        {
          float v = xr[c];

          if (bias != NULL)
            v += bias[r * ld_bias + c];
          if (mask != NULL && mask[r * ld_mask + c] == 0)
            v += mask_bias;
          xr[c] = v;
          if (v > max)
            max = v;
        }

      if (max == -INFINITY)
        {
          for (size_t c = 0; c < n_cols; c++)
            xr[c] = 0.0f;
          continue;
        }

      for (size_t c = 0; c < n_cols; c++)
        {
          xr[c] = expf (xr[c] - max);
          sum += xr[c];
        }
      inv = (float) (1.0 / sum);
      for (size_t c = 0; c < n_cols; c++)
        xr[c] *= inv;
    }
}
