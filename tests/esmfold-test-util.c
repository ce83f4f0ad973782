/* esmfold-test-util.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pleat-test"

#include "config.h"

#include <json-glib/json-glib.h>
#include <math.h>

#include "esmfold-test-util.h"

struct _EsmFixture
{
  char         *label;
  JsonParser   *parser;
  JsonObject   *index;      /* borrowed from parser */
  JsonObject   *aliases;    /* borrowed, nullable */
  PleatWeights *tensors;
};

const char *
esm_fixture_set_name (EsmFixtureSet set)
{
  return set == ESM_FIXTURE_HF ? "hf" : "fair-esm";
}

char *
esm_fixture_set_dir (EsmFixtureSet set)
{
  const char *shared;

  if (set == ESM_FIXTURE_HF)
    return g_test_build_filename (G_TEST_DIST, "fixtures", "esmfold", NULL);

  /* tests/meson.build always sets it; CI has ../shared beside the checkout. */
  shared = g_getenv ("PLEAT_SHARED_FIXTURES");
  g_assert_nonnull (shared);
  return g_build_filename (shared, "esmfold_v1", "tiny-a", NULL);
}

char *
esm_fixture_set_weights_path (EsmFixtureSet set)
{
  g_autofree char *dir = esm_fixture_set_dir (set);

  if (set == ESM_FIXTURE_HF)
    return g_build_filename (dir, "tiny-b", "model.safetensors", NULL);
  return g_build_filename (dir, "weights.safetensors", NULL);
}

char *
esm_fixture_set_config_path (EsmFixtureSet set)
{
  g_autofree char *dir = esm_fixture_set_dir (set);

  if (set == ESM_FIXTURE_HF)
    return g_build_filename (dir, "tiny-b", "config.json", NULL);
  return g_build_filename (dir, "config.json", NULL);
}

PleatEsmConfig *
esm_fixture_set_load_config (EsmFixtureSet set)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = esm_fixture_set_config_path (set);
  PleatEsmConfig *config = pleat_esm_config_new_from_file (path, &error);

  g_assert_no_error (error);
  return config;
}

PleatWeights *
esm_fixture_set_open_weights (EsmFixtureSet set)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = esm_fixture_set_weights_path (set);
  PleatWeights *weights = pleat_weights_open (path, NULL, &error);

  g_assert_no_error (error);
  return weights;
}

static EsmFixture *
fixture_open_run (EsmFixtureSet  set,
                  const char    *case_name,
                  const char    *run)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = esm_fixture_set_dir (set);
  g_autofree char *json_name = g_strdup_printf ("case_%s.json", case_name);
  g_autofree char *st_name = g_strdup_printf ("case_%s_%s.safetensors", case_name, run);
  g_autofree char *json_path = g_build_filename (dir, json_name, NULL);
  g_autofree char *st_path = g_build_filename (dir, st_name, NULL);
  EsmFixture *f = g_new0 (EsmFixture, 1);

  if (g_str_equal (run, "f64"))
    f->label = g_strdup_printf ("%s/%s", esm_fixture_set_name (set), case_name);
  else
    f->label = g_strdup_printf ("%s/%s(%s)", esm_fixture_set_name (set), case_name, run);
  f->parser = json_parser_new ();
  json_parser_load_from_file (f->parser, json_path, &error);
  g_assert_no_error (error);
  f->index = json_node_get_object (json_parser_get_root (f->parser));
  if (json_object_has_member (f->index, "aliases"))
    f->aliases = json_object_get_object_member (f->index, "aliases");
  f->tensors = pleat_weights_open (st_path, NULL, &error);
  g_assert_no_error (error);
  return f;
}

EsmFixture *
esm_fixture_open (EsmFixtureSet  set,
                  const char    *case_name)
{
  return fixture_open_run (set, case_name, "f64");
}

EsmFixture *
esm_fixture_open_f32 (EsmFixtureSet  set,
                      const char    *case_name)
{
  return fixture_open_run (set, case_name, "f32");
}

void
esm_fixture_free (EsmFixture *f)
{
  if (f == NULL)
    return;
  g_clear_pointer (&f->tensors, pleat_weights_unref);
  g_clear_object (&f->parser);
  g_free (f->label);
  g_free (f);
}

const char *
esm_fixture_get_label (EsmFixture *f)
{
  return f->label;
}

const char *
esm_fixture_get_sequence (EsmFixture *f)
{
  return json_object_get_string_member (f->index, "sequence");
}

guint
esm_fixture_get_n_passes (EsmFixture *f)
{
  JsonObject *options = json_object_get_object_member (f->index, "options");

  return (guint) json_object_get_int_member (options, "trunk_passes");
}

static const char *
resolve (EsmFixture *f,
         const char *name)
{
  if (f->aliases != NULL && json_object_has_member (f->aliases, name))
    return json_object_get_string_member (f->aliases, name);
  return name;
}

gboolean
esm_fixture_has (EsmFixture *f,
                 const char *name)
{
  return pleat_weights_contains (f->tensors, resolve (f, name));
}

double *
esm_fixture_dup (EsmFixture *f,
                 const char *name,
                 gsize      *n)
{
  g_autoptr(GError) error = NULL;
  PleatTensorInfo info;
  double *data = pleat_weights_dup_f64 (f->tensors, resolve (f, name), &info, &error);

  if (data == NULL)
    g_error ("%s: %s: %s", f->label, name, error->message);
  if (n != NULL)
    *n = info.n_elements;
  return data;
}

float *
esm_fixture_dup_f32 (EsmFixture *f,
                     const char *name,
                     gsize      *n)
{
  gsize count;
  g_autofree double *data = esm_fixture_dup (f, name, &count);
  float *out = g_new (float, MAX (count, 1));

  for (gsize i = 0; i < count; i++)
    out[i] = (float) data[i];
  if (n != NULL)
    *n = count;
  return out;
}

gint64 *
esm_fixture_dup_i64 (EsmFixture *f,
                     const char *name,
                     gsize      *n)
{
  g_autoptr(GError) error = NULL;
  PleatTensorInfo info;
  gint64 *data = pleat_weights_dup_i64 (f->tensors, resolve (f, name), &info, &error);

  if (data == NULL)
    g_error ("%s: %s: %s", f->label, name, error->message);
  if (n != NULL)
    *n = info.n_elements;
  return data;
}

double
esm_pearson (const double *got,
             const double *want,
             gsize         n)
{
  double mg = 0.0, mw = 0.0, sgg = 0.0, sww = 0.0, sgw = 0.0;

  for (gsize i = 0; i < n; i++)
    {
      mg += got[i];
      mw += want[i];
    }
  mg /= (double) n;
  mw /= (double) n;
  for (gsize i = 0; i < n; i++)
    {
      double dg = got[i] - mg;
      double dw = want[i] - mw;

      sgg += dg * dg;
      sww += dw * dw;
      sgw += dg * dw;
    }
  if (sww == 0.0)
    return sgg == 0.0 ? 1.0 : 0.0;
  return sgw / sqrt (sgg * sww);
}

double
esm_max_abs (const double *got,
             const double *want,
             gsize         n)
{
  double m = 0.0;

  for (gsize i = 0; i < n; i++)
    {
      double d = fabs (got[i] - want[i]);

      /* NaN anywhere must fail every tolerance. */
      if (isnan (d))
        return INFINITY;
      m = MAX (m, d);
    }
  return m;
}

void
esm_assert_parity (const char   *label,
                   const char   *tensor,
                   const double *got,
                   const double *want,
                   gsize         n,
                   double        max_abs_tol)
{
  double r = esm_pearson (got, want, n);
  double m = esm_max_abs (got, want, n);

  g_test_message ("parity %s %s pearson=%.9f max_abs=%.3g tol=%.3g n=%" G_GSIZE_FORMAT,
                  label, tensor, r, m, max_abs_tol, n);
  if (!(r > 0.9999) || !(m <= max_abs_tol))
    g_error ("%s %s: pearson %.9f (need > 0.9999), max |diff| %.4g (tolerance %.4g)",
             label, tensor, r, m, max_abs_tol);
}

void
esm_assert_parity_f32 (const char   *label,
                       const char   *tensor,
                       const float  *got,
                       const double *want,
                       gsize         n,
                       double        max_abs_tol)
{
  g_autofree double *g = g_new (double, MAX (n, 1));

  for (gsize i = 0; i < n; i++)
    g[i] = got[i];
  esm_assert_parity (label, tensor, g, want, n, max_abs_tol);
}

/* Largest eigenvalue of a symmetric 4 x 4 matrix by Jacobi rotations. */
static double
max_eigenvalue_4 (double m[4][4])
{
  for (int sweep = 0; sweep < 100; sweep++)
    {
      double off = 0.0;

      for (int p = 0; p < 4; p++)
        for (int q = p + 1; q < 4; q++)
          off += m[p][q] * m[p][q];
      if (off < 1e-30)
        break;
      for (int p = 0; p < 4; p++)
        for (int q = p + 1; q < 4; q++)
          {
            double theta, t, c, s;

            if (fabs (m[p][q]) < 1e-300)
              continue;
            theta = (m[q][q] - m[p][p]) / (2.0 * m[p][q]);
            t = (theta >= 0 ? 1.0 : -1.0) / (fabs (theta) + sqrt (theta * theta + 1.0));
            c = 1.0 / sqrt (t * t + 1.0);
            s = t * c;
            for (int k = 0; k < 4; k++)
              {
                double mkp = m[k][p], mkq = m[k][q];

                m[k][p] = c * mkp - s * mkq;
                m[k][q] = s * mkp + c * mkq;
              }
            for (int k = 0; k < 4; k++)
              {
                double mpk = m[p][k], mqk = m[q][k];

                m[p][k] = c * mpk - s * mqk;
                m[q][k] = s * mpk + c * mqk;
              }
          }
    }
  return MAX (MAX (m[0][0], m[1][1]), MAX (m[2][2], m[3][3]));
}

double
esm_superposed_rmsd (const double *a,
                     const double *b,
                     gsize         n)
{
  double ca[3] = { 0 }, cb[3] = { 0 }, r[3][3] = { { 0 } }, ga = 0.0, gb = 0.0;
  double m[4][4];
  double lambda;

  for (gsize i = 0; i < n; i++)
    for (int x = 0; x < 3; x++)
      {
        ca[x] += a[3 * i + x] / (double) n;
        cb[x] += b[3 * i + x] / (double) n;
      }
  for (gsize i = 0; i < n; i++)
    for (int x = 0; x < 3; x++)
      {
        double ax = a[3 * i + x] - ca[x];

        ga += ax * ax;
        gb += (b[3 * i + x] - cb[x]) * (b[3 * i + x] - cb[x]);
        for (int y = 0; y < 3; y++)
          r[x][y] += ax * (b[3 * i + y] - cb[y]);
      }

  /* Horn (1987): the best rotation's quaternion is the top eigenvector of this matrix. */
  m[0][0] = r[0][0] + r[1][1] + r[2][2];
  m[0][1] = m[1][0] = r[1][2] - r[2][1];
  m[0][2] = m[2][0] = r[2][0] - r[0][2];
  m[0][3] = m[3][0] = r[0][1] - r[1][0];
  m[1][1] = r[0][0] - r[1][1] - r[2][2];
  m[1][2] = m[2][1] = r[0][1] + r[1][0];
  m[1][3] = m[3][1] = r[0][2] + r[2][0];
  m[2][2] = -r[0][0] + r[1][1] - r[2][2];
  m[2][3] = m[3][2] = r[1][2] + r[2][1];
  m[3][3] = -r[0][0] - r[1][1] + r[2][2];
  lambda = max_eigenvalue_4 (m);
  return sqrt (MAX (0.0, (ga + gb - 2.0 * lambda) / (double) n));
}

PleatCompute *
esm_test_compute_new (void)
{
  g_autoptr(GError) error = NULL;
  PleatCompute *compute = pleat_compute_new (2, &error);

  g_assert_no_error (error);
  return compute;
}
