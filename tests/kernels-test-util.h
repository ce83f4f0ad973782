/* kernels-test-util.h
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Helpers shared by the kernel tests: deterministic random tensors, the normalised error
 * measure, and the list of kernel variants to test on this machine.
 */
#pragma once

#include <glib.h>
#include <math.h>
#include <string.h>

#include "pleat-kernels.h"

/* A tensor of n floats uniform in [-range, range], from a fixed seed so failures reproduce. */
/* Not inlined: GCC's value-range analysis of inlined size arithmetic raises spurious
 * -Walloc-size-larger-than warnings. */
G_GNUC_NO_INLINE static float *
test_random_floats (GRand  *rand,
                    size_t  n,
                    double  range)
{
  float *v = g_new (float, n > 0 ? n : 1);

  for (size_t i = 0; i < n; i++)
    v[i] = (float) g_rand_double_range (rand, -range, range);
  return v;
}

/* A copy of n floats. */
G_GNUC_NO_INLINE static float *
test_copy_floats (const float *src,
                  size_t       n)
{
  float *v = g_new (float, n > 0 ? n : 1);

  memcpy (v, src, n * sizeof (float));
  return v;
}

/* The error of got against want: max over elements of |got - want| / max (1, |want|) —
 * absolute for values up to one, relative for larger ones. Any NaN or infinity in got where
 * want is finite is an infinite error. */
static inline double
test_max_error (const float *got,
                const float *want,
                size_t       n)
{
  double max_err = 0.0;

  for (size_t i = 0; i < n; i++)
    {
      double err;

      if (isfinite (want[i]) && !isfinite (got[i]))
        return INFINITY;
      if (!isfinite (want[i]))
        {
          if (got[i] != want[i] && !(isnan (got[i]) && isnan (want[i])))
            return INFINITY;
          continue;
        }
      err = fabs ((double) got[i] - want[i]) / MAX (1.0, fabs (want[i]));
      if (err > max_err)
        max_err = err;
    }
  return max_err;
}

/* PLEAT_TEST_ERRORS=1 prints every error measured, to see how close to its tolerance an op is. */
#define test_assert_close(got, want, n, tol, what) \
  G_STMT_START { \
    double _err = test_max_error ((got), (want), (n)); \
    if (g_getenv ("PLEAT_TEST_ERRORS") != NULL) \
      g_printerr ("error %s %g\n", (what), _err); \
    if (!(_err <= (tol))) \
      g_error ("%s: normalised error %.3g above tolerance %.3g (%s:%d)", (what), _err, \
               (double) (tol), __FILE__, __LINE__); \
  } G_STMT_END

/* The variants this machine supports; when PLEAT_KERNELS is set (CI runs the suite once per
 * variant) only that one, which must then be supported. */
static inline GArray *
test_kernel_variants (void)
{
  GArray *isas = g_array_new (FALSE, FALSE, sizeof (PleatKernelsIsa));
  const char *forced = g_getenv ("PLEAT_KERNELS");
  PleatCpuFeatures features;

  pleat_cpu_features_detect (&features);

  if (forced != NULL && forced[0] != '\0')
    {
      PleatKernelsIsa isa;

      if (!pleat_kernels_isa_parse (forced, &isa))
        g_error ("PLEAT_KERNELS=%s is not a kernel variant", forced);
      if (!pleat_kernels_isa_supported (isa, &features))
        g_error ("PLEAT_KERNELS=%s is not supported on this machine", forced);
      g_array_append_val (isas, isa);
      return isas;
    }

  for (int i = PLEAT_KERNELS_ISA_REF; i <= PLEAT_KERNELS_ISA_NEON; i++)
    {
      PleatKernelsIsa isa = (PleatKernelsIsa) i;

      if (pleat_kernels_isa_supported (isa, &features))
        g_array_append_val (isas, isa);
    }
  return isas;
}
