/* simd-math.h
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * exp, erf and sigmoid in the vector vocabulary of simd-<isa>.h (included at its end): the
 * transcendental functions of softmax, GELU, SiLU and the gates, written once for every ISA.
 */
#pragma once

/* exp (x) to about 1 ulp (Cephes expf): x = n ln2 + r with |r| <= ln2 / 2, exp (r) by a
 * degree-7 polynomial, 2^n by exponent bits. Exact 0 below ln (FLT_MIN) (softmax's masked
 * logits, -inf included) and +inf above ln (FLT_MAX), as expf gives. */
static inline vfloat
v_exp (vfloat x)
{
  const vfloat lo = v_set1 (-87.33654475f);   /* ln (FLT_MIN) */
  const vfloat hi = v_set1 (88.3762626647949f);  /* rounds n to 127 at most */
  vfloat xc = v_min (v_max (x, lo), hi);
  vfloat n = v_round (v_mul (xc, v_set1 (1.44269504088896341f)));
  vfloat r, p;

  /* r = x - n ln2, with ln2 split in two so that the product is exact. */
  r = v_fnmadd (n, v_set1 (0.693359375f), xc);
  r = v_fnmadd (n, v_set1 (-2.12194440e-4f), r);

  p = v_set1 (1.9875691500e-4f);
  p = v_fmadd (p, r, v_set1 (1.3981999507e-3f));
  p = v_fmadd (p, r, v_set1 (8.3334519073e-3f));
  p = v_fmadd (p, r, v_set1 (4.1665795894e-2f));
  p = v_fmadd (p, r, v_set1 (1.6666665459e-1f));
  p = v_fmadd (p, r, v_set1 (5.0000001201e-1f));
  p = v_fmadd (p, v_mul (r, r), v_add (r, v_set1 (1.0f)));
  p = v_mul (p, v_exp2_int (n));

  p = v_select (v_less (x, lo), p, v_set1 (0.0f));
  return v_select (v_greater (x, v_set1 (88.72283906f)), p, v_set1 (__builtin_inff ()));
}

/* erf (x) to about 4e-7 absolute: the rational approximation x · P(x²) / Q(x²) on [-4, 4]
 * that Eigen and XLA use (erf (±4) rounds to ±1 in float). */
static inline vfloat
v_erf (vfloat x)
{
  vfloat xc = v_min (v_max (x, v_set1 (-4.0f)), v_set1 (4.0f));
  vfloat x2 = v_mul (xc, xc);
  vfloat p, q;

  p = v_set1 (-2.72614225801306e-10f);
  p = v_fmadd (p, x2, v_set1 (2.77068142495902e-08f));
  p = v_fmadd (p, x2, v_set1 (-2.10102402082508e-06f));
  p = v_fmadd (p, x2, v_set1 (-5.69250639462346e-05f));
  p = v_fmadd (p, x2, v_set1 (-7.34990630326855e-04f));
  p = v_fmadd (p, x2, v_set1 (-2.95459980854025e-03f));
  p = v_fmadd (p, x2, v_set1 (-1.60960333262415e-02f));
  p = v_mul (p, xc);

  q = v_set1 (-1.45660718464996e-05f);
  q = v_fmadd (q, x2, v_set1 (-2.13374055278905e-04f));
  q = v_fmadd (q, x2, v_set1 (-1.68282697438203e-03f));
  q = v_fmadd (q, x2, v_set1 (-7.37332916720468e-03f));
  q = v_fmadd (q, x2, v_set1 (-1.42647390514189e-02f));

  return v_div (p, q);
}

/* 1 / (1 + exp (-x)), with an exact division as the reference. */
static inline vfloat
v_sigmoid (vfloat x)
{
  vfloat e = v_exp (v_sub (v_set1 (0.0f), x));

  return v_div (v_set1 (1.0f), v_add (v_set1 (1.0f), e));
}
