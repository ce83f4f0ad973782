/* test-rigid.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Quaternion and rigid-frame algebra against closed forms: rotations are orthonormal, the
 * quaternion update composes like the Hamilton product, inverse and composition undo each
 * other.
 */
#include "config.h"

#include <math.h>

#include "pleat-rigid.h"

static void
assert_rot_close (const float a[3][3],
                  const float b[3][3],
                  double      tol)
{
  for (guint i = 0; i < 3; i++)
    for (guint j = 0; j < 3; j++)
      g_assert_cmpfloat_with_epsilon (a[i][j], b[i][j], tol);
}

static void
random_quat (GRand *rand,
             float  q[4])
{
  double n = 0;
  double v[4];

  for (guint i = 0; i < 4; i++)
    {
      v[i] = g_rand_double_range (rand, -1, 1);
      n += v[i] * v[i];
    }
  n = sqrt (n);
  for (guint i = 0; i < 4; i++)
    q[i] = (float) (v[i] / n);
}

static void
random_rigid (GRand      *rand,
              PleatRigid *r)
{
  float q[4];

  random_quat (rand, q);
  pleat_quat_to_rot (q, r->r);
  for (guint i = 0; i < 3; i++)
    r->t[i] = (float) g_rand_double_range (rand, -20, 20);
}

static void
test_quat_to_rot (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  /* 90 degrees about z: (cos 45, 0, 0, sin 45). */
  const float qz[4] = { (float) G_SQRT2 / 2, 0, 0, (float) G_SQRT2 / 2 };
  const float rz[3][3] = { { 0, -1, 0 }, { 1, 0, 0 }, { 0, 0, 1 } };
  float r[3][3];

  pleat_quat_to_rot (qz, r);
  assert_rot_close (r, rz, 1e-6);

  for (guint n = 0; n < 100; n++)
    {
      float q[4];
      double det;

      random_quat (rand, q);
      pleat_quat_to_rot (q, r);
      for (guint i = 0; i < 3; i++)
        for (guint j = 0; j < 3; j++)
          {
            double dot = 0;

            for (guint k = 0; k < 3; k++)
              dot += (double) r[k][i] * r[k][j];
            g_assert_cmpfloat_with_epsilon (dot, i == j ? 1.0 : 0.0, 1e-6);
          }
      det = r[0][0] * (r[1][1] * r[2][2] - r[1][2] * r[2][1])
            - r[0][1] * (r[1][0] * r[2][2] - r[1][2] * r[2][0])
            + r[0][2] * (r[1][0] * r[2][1] - r[1][1] * r[2][0]);
      g_assert_cmpfloat_with_epsilon (det, 1.0, 1e-6);
    }
}

static void
test_compose_update (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);
  PleatQuatRigid f;
  const float none[6] = { 0, 0, 0, 0, 0, 0 };

  pleat_quat_rigid_identity (&f);
  pleat_quat_rigid_compose_update (&f, none);
  g_assert_cmpfloat (f.q[0], ==, 1.0f);
  g_assert_cmpfloat (f.q[1], ==, 0.0f);
  g_assert_cmpfloat (f.t[2], ==, 0.0f);

  /* From identity the new quaternion is (1, b, c, d) normalised and the translation is the
   * update itself. */
  {
    const float u[6] = { 0.3f, -0.2f, 0.5f, 1.0f, 2.0f, -3.0f };
    double n = sqrt (1 + 0.09 + 0.04 + 0.25);

    pleat_quat_rigid_compose_update (&f, u);
    g_assert_cmpfloat_with_epsilon (f.q[0], 1 / n, 1e-7);
    g_assert_cmpfloat_with_epsilon (f.q[1], 0.3 / n, 1e-7);
    g_assert_cmpfloat_with_epsilon (f.q[2], -0.2 / n, 1e-7);
    g_assert_cmpfloat_with_epsilon (f.q[3], 0.5 / n, 1e-7);
    g_assert_cmpfloat (f.t[0], ==, 1.0f);
    g_assert_cmpfloat (f.t[1], ==, 2.0f);
    g_assert_cmpfloat (f.t[2], ==, -3.0f);
  }

  /* In general: q' = q (1, b, c, d) / |.|, t' = t + R(q) u_t, and the matrix form agrees with
   * composing the two frames. */
  for (guint n = 0; n < 50; n++)
    {
      PleatQuatRigid g;
      PleatRigid before, step, composed, after;
      float u[6], qs[4];
      double norm;

      random_quat (rand, g.q);
      for (guint i = 0; i < 3; i++)
        g.t[i] = (float) g_rand_double_range (rand, -5, 5);
      for (guint i = 0; i < 6; i++)
        u[i] = (float) g_rand_double_range (rand, -1, 1);

      pleat_quat_rigid_to_rigid (&g, 1.0, &before);
      norm = sqrt (1.0 + (double) u[0] * u[0] + (double) u[1] * u[1] + (double) u[2] * u[2]);
      qs[0] = (float) (1 / norm);
      for (guint i = 0; i < 3; i++)
        qs[i + 1] = (float) (u[i] / norm);
      pleat_quat_to_rot (qs, step.r);
      for (guint i = 0; i < 3; i++)
        step.t[i] = u[3 + i];
      pleat_rigid_compose (&before, &step, &composed);

      pleat_quat_rigid_compose_update (&g, u);
      g_assert_cmpfloat_with_epsilon (g.q[0] * g.q[0] + g.q[1] * g.q[1] + g.q[2] * g.q[2]
                                      + g.q[3] * g.q[3], 1.0, 1e-6);
      pleat_quat_rigid_to_rigid (&g, 1.0, &after);
      assert_rot_close (after.r, composed.r, 1e-6);
      for (guint i = 0; i < 3; i++)
        g_assert_cmpfloat_with_epsilon (after.t[i], composed.t[i], 1e-5);

      /* Scaling only touches the translation. */
      pleat_quat_rigid_to_rigid (&g, 10.0, &after);
      assert_rot_close (after.r, composed.r, 1e-6);
      for (guint i = 0; i < 3; i++)
        g_assert_cmpfloat_with_epsilon (after.t[i], 10 * composed.t[i], 1e-4);
    }
}

static void
test_compose_invert_apply (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (3);

  for (guint n = 0; n < 50; n++)
    {
      PleatRigid a, b, ab, inv, id;
      float m[4][4];
      double p[3], pa[3], pb[3], pab[3], back[3];

      random_rigid (rand, &a);
      random_rigid (rand, &b);
      for (guint i = 0; i < 3; i++)
        p[i] = g_rand_double_range (rand, -10, 10);

      /* (a o b) p = a (b p) */
      pleat_rigid_compose (&a, &b, &ab);
      pleat_rigid_apply (&b, p, pb);
      pleat_rigid_apply (&a, pb, pa);
      pleat_rigid_apply (&ab, p, pab);
      for (guint i = 0; i < 3; i++)
        g_assert_cmpfloat_with_epsilon (pab[i], pa[i], 1e-4);

      pleat_rigid_invert_apply (&a, pa, back);
      for (guint i = 0; i < 3; i++)
        g_assert_cmpfloat_with_epsilon (back[i], pb[i], 1e-4);

      pleat_rigid_invert (&a, &inv);
      pleat_rigid_compose (&a, &inv, &id);
      for (guint i = 0; i < 3; i++)
        {
          for (guint j = 0; j < 3; j++)
            g_assert_cmpfloat_with_epsilon (id.r[i][j], i == j ? 1.0 : 0.0, 1e-6);
          g_assert_cmpfloat_with_epsilon (id.t[i], 0.0, 1e-5);
        }

      /* Aliasing the output with an input is allowed. */
      pleat_rigid_compose (&a, &b, &a);
      for (guint i = 0; i < 3; i++)
        g_assert_cmpfloat (a.t[i], ==, ab.t[i]);

      pleat_rigid_to_4x4 (&ab, m);
      g_assert_cmpfloat (m[3][3], ==, 1.0f);
      g_assert_cmpfloat (m[3][0], ==, 0.0f);
      g_assert_cmpfloat (m[1][3], ==, ab.t[1]);
      pleat_rigid_from_4x4 (m, &b);
      g_assert_cmpmem (&b, sizeof b, &ab, sizeof ab);
    }

  {
    PleatRigid id;
    double p[3] = { 1, 2, 3 }, out[3];

    pleat_rigid_identity (&id);
    pleat_rigid_apply (&id, p, out);
    g_assert_cmpmem (p, sizeof p, out, sizeof out);
  }
}

static void
test_quat_multiply (void)
{
  const double i[4] = { 0, 1, 0, 0 }, j[4] = { 0, 0, 1, 0 };
  double k[4];

  /* i j = k, j i = -k */
  pleat_quat_multiply (i, j, k);
  g_assert_cmpfloat (k[0], ==, 0);
  g_assert_cmpfloat (k[3], ==, 1);
  pleat_quat_multiply (j, i, k);
  g_assert_cmpfloat (k[3], ==, -1);
  pleat_quat_multiply (i, i, k);
  g_assert_cmpfloat (k[0], ==, -1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/pleat/model/Rigid/quat-to-rot", test_quat_to_rot);
  g_test_add_func ("/pleat/model/Rigid/quat-multiply", test_quat_multiply);
  g_test_add_func ("/pleat/model/Rigid/compose-update", test_compose_update);
  g_test_add_func ("/pleat/model/Rigid/compose-invert-apply", test_compose_invert_apply);

  return g_test_run ();
}
