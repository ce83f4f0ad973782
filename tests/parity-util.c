/* parity-util.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdarg.h>

#include "parity-util.h"

char *
parity_shared_fixture_path (const char *first_element,
                            ...)
{
  const char *root = g_getenv ("PLEAT_SHARED_FIXTURES");
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  const char *e;
  va_list args;
  char *path;

  if (root == NULL || !g_file_test (root, G_FILE_TEST_IS_DIR))
    g_error ("PLEAT_SHARED_FIXTURES (%s) is not a directory: the shared fair-esm fixtures must sit "
             "beside the checkout in ../shared", root != NULL ? root : "unset");

  g_ptr_array_add (parts, (gpointer) root);
  va_start (args, first_element);
  for (e = first_element; e != NULL; e = va_arg (args, const char *))
    g_ptr_array_add (parts, (gpointer) e);
  va_end (args);
  g_ptr_array_add (parts, NULL);
  path = g_build_filenamev ((char **) parts->pdata);
  return path;
}

PleatWeights *
parity_open (const char *path)
{
  g_autoptr(GError) error = NULL;
  PleatWeights *w = pleat_weights_open (path, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (w);
  return w;
}

gboolean
parity_has (PleatWeights *fixture,
            const char   *name)
{
  return pleat_weights_contains (fixture, name);
}

double *
parity_dup_f64 (PleatWeights    *fixture,
                const char      *name,
                gsize           *n_elements,
                PleatTensorInfo *info)
{
  g_autoptr(GError) error = NULL;
  PleatTensorInfo local;
  double *data;

  data = pleat_weights_dup_f64 (fixture, name, &local, &error);
  if (error != NULL)
    g_error ("fixture tensor %s: %s", name, error->message);
  if (n_elements != NULL)
    *n_elements = local.n_elements;
  if (info != NULL)
    *info = local;
  return data;
}

float *
parity_dup_f32 (PleatWeights *fixture,
                const char   *name,
                gsize        *n_elements)
{
  gsize n;
  g_autofree double *d = parity_dup_f64 (fixture, name, &n, NULL);
  float *f = g_new (float, MAX (n, 1));

  for (gsize i = 0; i < n; i++)
    f[i] = (float) d[i];
  if (n_elements != NULL)
    *n_elements = n;
  return f;
}

ParityStats
parity_compare (const float  *ours,
                const double *ref,
                gsize         n)
{
  ParityStats s = { 0 };
  double mo = 0, mr = 0, soo = 0, srr = 0, sor = 0;

  s.n = n;
  for (gsize i = 0; i < n; i++)
    {
      double d = fabs (ours[i] - ref[i]);

      /* NaN anywhere must fail, so it becomes an infinite error. */
      if (isnan (d))
        d = INFINITY;
      s.max_abs = MAX (s.max_abs, d);
      s.ref_absmax = MAX (s.ref_absmax, fabs (ref[i]));
      mo += ours[i];
      mr += ref[i];
    }
  if (n == 0)
    return s;
  mo /= n;
  mr /= n;
  for (gsize i = 0; i < n; i++)
    {
      double a = ours[i] - mo, b = ref[i] - mr;

      soo += a * a;
      srr += b * b;
      sor += a * b;
    }
  s.pearson = srr > 0 && soo > 0 ? sor / sqrt (soo * srr) : (srr == 0 && soo == 0 ? 1.0 : 0.0);
  return s;
}

ParityStats
parity_check (const char   *what,
              const float  *ours,
              const double *ref,
              gsize         n,
              double        tolerance)
{
  ParityStats s = parity_compare (ours, ref, n);

  g_test_message ("%-44s pearson %.9f  max_abs %.3e  (tol %.1e, ref absmax %.3g, n %" G_GSIZE_FORMAT
                  ")", what, s.pearson, s.max_abs, tolerance, s.ref_absmax, s.n);
  /* Keep going after a failure, so that one run shows every tensor's numbers. */
  if (!(s.pearson > 0.9999))
    g_test_fail_printf ("%s: Pearson %.9f <= 0.9999", what, s.pearson);
  if (!(s.max_abs <= tolerance))
    g_test_fail_printf ("%s: max abs error %.3e above the tolerance %.1e", what, s.max_abs,
                        tolerance);
  return s;
}
