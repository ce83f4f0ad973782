/* softmax-body.h
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Row softmax with additive bias and mask (see PleatKernSoftmaxFunc), written once in the
 * vocabulary of simd-<isa>.h: the attention inner loop's exp-bound part. Three passes over a
 * row that stays in L1: logits + bias + mask and their max; exp and the sum; the scaling.
 */

/* The logits of one vector of the row: x + bias, + mask_bias where masked. */
static inline vfloat
logits (vfloat         v,
        const float   *bias,
        const uint8_t *mask,
        vfloat         mask_bias,
        size_t         n)   /* lanes valid, <= VLEN */
{
  if (bias != NULL)
    v = v_add (v, n == VLEN ? v_load (bias) : v_load_tail (bias, n, 0.0f));
  if (mask != NULL)
    v = v_select (v_mask_is_zero (mask, n), v, v_add (v, mask_bias));
  return v;
}

void
PLEAT_SIMD_FN (softmax) (float         *x,
                         size_t         ld_x,
                         const float   *bias,
                         size_t         ld_bias,
                         const uint8_t *mask,
                         size_t         ld_mask,
                         float          mask_bias,
                         size_t         n_rows,
                         size_t         n_cols)
{
  const vfloat mb = v_set1 (mask_bias);
  const float neg_inf = -__builtin_inff ();

  for (size_t r = 0; r < n_rows; r++)
    {
      float *xr = x + r * ld_x;
      const float *br = bias != NULL ? bias + r * ld_bias : NULL;
      const uint8_t *mr = mask != NULL ? mask + r * ld_mask : NULL;
      vfloat vmax = v_set1 (neg_inf), vsum = v_set1 (0.0f), vmx, scale;
      size_t c = 0;
      float max;

      if (br == NULL && mr == NULL)   /* plain logits: the max is all this pass needs */
        {
          vfloat m1 = vmax;

          for (; c + 2 * VLEN <= n_cols; c += 2 * VLEN)
            {
              vmax = v_max (vmax, v_load (xr + c));
              m1 = v_max (m1, v_load (xr + c + VLEN));
            }
          vmax = v_max (vmax, m1);
        }
      for (; c + VLEN <= n_cols; c += VLEN)
        {
          vfloat v = logits (v_load (xr + c), br != NULL ? br + c : NULL,
                             mr != NULL ? mr + c : NULL, mb, VLEN);

          v_store (xr + c, v);
          vmax = v_max (vmax, v);
        }
      if (c < n_cols)
        {
          size_t n = n_cols - c;
          /* Lanes past the row read -inf and stay -inf, so they never win the max. */
          vfloat v = logits (v_load_tail (xr + c, n, neg_inf), br != NULL ? br + c : NULL,
                             mr != NULL ? mr + c : NULL, mb, n);

          v_store_tail (xr + c, v, n);
          vmax = v_max (vmax, v);
        }
      max = v_hmax (vmax);

      if (max == neg_inf)   /* every logit -inf: a fully masked row */
        {
          for (c = 0; c + VLEN <= n_cols; c += VLEN)
            v_store (xr + c, v_set1 (0.0f));
          if (c < n_cols)
            v_store_tail (xr + c, v_set1 (0.0f), n_cols - c);
          continue;
        }

      vmx = v_set1 (max);
      for (c = 0; c + 2 * VLEN <= n_cols; c += 2 * VLEN)
        {
          vfloat e0 = v_exp (v_sub (v_load (xr + c), vmx));
          vfloat e1 = v_exp (v_sub (v_load (xr + c + VLEN), vmx));

          v_store (xr + c, e0);
          v_store (xr + c + VLEN, e1);
          vsum = v_add (vsum, v_add (e0, e1));
        }
      for (; c + VLEN <= n_cols; c += VLEN)
        {
          vfloat e = v_exp (v_sub (v_load (xr + c), vmx));

          v_store (xr + c, e);
          vsum = v_add (vsum, e);
        }
      if (c < n_cols)
        {
          size_t n = n_cols - c;
          /* Missing lanes read -inf, whose exp is exactly 0. */
          vfloat e = v_exp (v_sub (v_load_tail (xr + c, n, neg_inf), vmx));

          v_store_tail (xr + c, e, n);
          vsum = v_add (vsum, e);
        }

      scale = v_set1 (1.0f / v_hsum (vsum));
      for (c = 0; c + VLEN <= n_cols; c += VLEN)
        v_store (xr + c, v_mul (v_load (xr + c), scale));
      if (c < n_cols)
        v_store_tail (xr + c, v_mul (v_load_tail (xr + c, n_cols - c, 0.0f), scale),
                      n_cols - c);
    }
}
