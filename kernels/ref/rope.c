/* rope.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Rotary position embedding in the rotate_half convention of ESM-2 (HF RotaryEmbedding and
 * apply_rotary_pos_emb): tables in float32 as HF builds them, then the rotation in place.
 */
#include "pleat-kernels.h"

#include <math.h>

void
pleat_kern_rope_tables_f32_ref (const float *inv_freq,
                                size_t       half_dim,
                                size_t       pos0,
                                size_t       n_pos,
                                float       *cos_out,
                                float       *sin_out)
{
  for (size_t p = 0; p < n_pos; p++)
    for (size_t j = 0; j < half_dim; j++)
      {
        /* torch.outer (t, inv_freq) in float32: one rounded product, then cos/sin of it. */
        float angle = (float) (pos0 + p) * inv_freq[j];

        cos_out[p * half_dim + j] = cosf (angle);
        sin_out[p * half_dim + j] = sinf (angle);
      }
}

void
pleat_kern_rope_apply_f32_ref (float       *x,
                               size_t       ld_token,
                               size_t       ld_head,
                               size_t       n_tokens,
                               size_t       n_heads,
                               const float *cos,
                               const float *sin,
                               size_t       half_dim)
{
  for (size_t t = 0; t < n_tokens; t++)
    for (size_t h = 0; h < n_heads; h++)
      {
        float *x1 = x + t * ld_token + h * ld_head;
        float *x2 = x1 + half_dim;
        const float *ct = cos + t * half_dim;
        const float *st = sin + t * half_dim;

        for (size_t j = 0; j < half_dim; j++)
          {
            float a = x1[j];
            float b = x2[j];

            x1[j] = a * ct[j] - b * st[j];
            x2[j] = b * ct[j] + a * st[j];
          }
      }
}
