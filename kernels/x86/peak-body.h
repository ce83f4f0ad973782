/* peak-body.h
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A throughput probe for the benchmark: independent FMA chains, enough of them (12) to cover
 * FMA latency × FMA ports on every x86 core we target, so that the FLOP/s it reaches is the
 * core's fp32 peak for the ISA at the clock it actually runs.
 */

uint64_t
PLEAT_SIMD_FN (fma_probe) (uint64_t  n_iter,
                           float    *sink)
{
  /* Twelve named accumulators rather than an array, which the compiler may keep in memory. */
  const vfloat b = v_set1 (0.999999f), c = v_set1 (1e-6f);
  vfloat a0 = v_set1 (0.0f), a1 = v_set1 (1.0f), a2 = v_set1 (2.0f), a3 = v_set1 (3.0f);
  vfloat a4 = v_set1 (4.0f), a5 = v_set1 (5.0f), a6 = v_set1 (6.0f), a7 = v_set1 (7.0f);
  vfloat a8 = v_set1 (8.0f), a9 = v_set1 (9.0f), a10 = v_set1 (10.0f), a11 = v_set1 (11.0f);

  for (uint64_t it = 0; it < n_iter; it++)
    {
      a0 = v_fmadd (a0, b, c);
      a1 = v_fmadd (a1, b, c);
      a2 = v_fmadd (a2, b, c);
      a3 = v_fmadd (a3, b, c);
      a4 = v_fmadd (a4, b, c);
      a5 = v_fmadd (a5, b, c);
      a6 = v_fmadd (a6, b, c);
      a7 = v_fmadd (a7, b, c);
      a8 = v_fmadd (a8, b, c);
      a9 = v_fmadd (a9, b, c);
      a10 = v_fmadd (a10, b, c);
      a11 = v_fmadd (a11, b, c);
    }

  /* Publish the result so that the loop cannot be optimised away. */
  *sink = v_hsum (v_add (v_add (v_add (a0, a1), v_add (a2, a3)),
                         v_add (v_add (v_add (a4, a5), v_add (a6, a7)),
                                v_add (v_add (a8, a9), v_add (a10, a11)))));

  return n_iter * 12 * VLEN * 2;
}
