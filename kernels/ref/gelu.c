/* gelu.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GELU in the exact erf form ESM-2 uses (torch.nn.functional.gelu, approximate='none'):
 * x * 0.5 * (1 + erf (x / sqrt (2))).
 */
#include "pleat-kernels.h"

#include <math.h>

void
pleat_kern_gelu_f32_ref (const float *x,
                         float       *y,
                         size_t       n)
{
  for (size_t i = 0; i < n; i++)
    y[i] = x[i] * 0.5f * (1.0f + erff (x[i] * (float) M_SQRT1_2));
}
