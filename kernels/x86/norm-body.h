/* norm-body.h
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * LayerNorm and RMSNorm over rows, written once in the vocabulary of simd-<isa>.h and
 * compiled by norm-<isa>.c. Two passes for the variance (see layer_norm), several
 * accumulators to hide the add latency.
 */

static inline float
row_sum (const float *x,
         size_t       d)
{
  vfloat a0 = v_set1 (0.0f), a1 = a0, a2 = a0, a3 = a0;
  size_t c = 0;

  for (; c + 4 * VLEN <= d; c += 4 * VLEN)
    {
      a0 = v_add (a0, v_load (x + c));
      a1 = v_add (a1, v_load (x + c + VLEN));
      a2 = v_add (a2, v_load (x + c + 2 * VLEN));
      a3 = v_add (a3, v_load (x + c + 3 * VLEN));
    }
  for (; c + VLEN <= d; c += VLEN)
    a0 = v_add (a0, v_load (x + c));
  if (c < d)
    a1 = v_add (a1, v_load_tail (x + c, d - c, 0.0f));
  return v_hsum (v_add (v_add (a0, a1), v_add (a2, a3)));
}

/* Σ (x - center)², and Σ (x - center) in *sum_dev. */
static inline float
row_sum_sq (const float *x,
            size_t       d,
            float        center,
            float       *sum_dev)
{
  vfloat m = v_set1 (center);
  vfloat a0 = v_set1 (0.0f), a1 = a0, s0 = a0, s1 = a0;
  size_t c = 0;

  for (; c + 2 * VLEN <= d; c += 2 * VLEN)
    {
      vfloat t0 = v_sub (v_load (x + c), m);
      vfloat t1 = v_sub (v_load (x + c + VLEN), m);

      s0 = v_add (s0, t0);
      s1 = v_add (s1, t1);
      a0 = v_fmadd (t0, t0, a0);
      a1 = v_fmadd (t1, t1, a1);
    }
  for (; c + VLEN <= d; c += VLEN)
    {
      vfloat t = v_sub (v_load (x + c), m);

      s0 = v_add (s0, t);
      a0 = v_fmadd (t, t, a0);
    }
  if (c < d)
    {
      /* Fill the missing lanes with center itself so that they add 0. */
      vfloat t = v_sub (v_load_tail (x + c, d - c, center), m);

      s1 = v_add (s1, t);
      a1 = v_fmadd (t, t, a1);
    }
  *sum_dev = v_hsum (v_add (s0, s1));
  return v_hsum (v_add (a0, a1));
}

/* y = ((x - center) - correction) * scale * gamma + beta, gamma and beta optional. */
static inline void
row_normalize (const float *x,
               float       *y,
               size_t       d,
               float        center,
               float        correction,
               float        scale,
               const float *gamma,
               const float *beta)
{
  vfloat m = v_set1 (center), k = v_set1 (correction), s = v_set1 (scale);
  size_t c = 0;

  for (; c + VLEN <= d; c += VLEN)
    {
      vfloat v = v_mul (v_sub (v_sub (v_load (x + c), m), k), s);

      if (gamma != NULL)
        v = v_mul (v, v_load (gamma + c));
      if (beta != NULL)
        v = v_add (v, v_load (beta + c));
      v_store (y + c, v);
    }
  if (c < d)
    {
      size_t n = d - c;
      vfloat v = v_mul (v_sub (v_sub (v_load_tail (x + c, n, 0.0f), m), k), s);

      if (gamma != NULL)
        v = v_mul (v, v_load_tail (gamma + c, n, 0.0f));
      if (beta != NULL)
        v = v_add (v, v_load_tail (beta + c, n, 0.0f));
      v_store_tail (y + c, v, n);
    }
}

void
PLEAT_SIMD_FN (layer_norm) (const float *x,
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
      float mean = row_sum (xr, d) / (float) d;
      float sum_dev;
      float sum_sq = row_sum_sq (xr, d, mean, &sum_dev);
      /* The corrected two-pass algorithm: the rounding error of the float mean comes back as
       * Σ (x - mean) and is taken out of the variance, and out of x - mean as a second,
       * small term (the mean as a float pair), so that rows whose mean is large next to
       * their spread stay as accurate as the double reference. */
      float var = (sum_sq - sum_dev * sum_dev / (float) d) / (float) d;

      row_normalize (xr, y + r * ld_y, d, mean, sum_dev / (float) d,
                     1.0f / sqrtf (var + eps), gamma, beta);
    }
}

void
PLEAT_SIMD_FN (rms_norm) (const float *x,
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
      float unused;
      float ms = row_sum_sq (xr, d, 0.0f, &unused) / (float) d;

      row_normalize (xr, y + r * ld_y, d, 0.0f, 0.0f, 1.0f / sqrtf (ms + eps), gamma, NULL);
    }
}
