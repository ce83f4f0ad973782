/* pleat-rigid.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pleat-engine"

#include "config.h"

#include <math.h>

#include "pleat-rigid.h"

void
pleat_quat_to_rot (const float q[4],
                   float       r[3][3])
{
  double a = q[0], b = q[1], c = q[2], d = q[3];

  /* OpenFold's _QTR_MAT written out. */
  r[0][0] = (float) (a * a + b * b - c * c - d * d);
  r[0][1] = (float) (2 * (b * c - a * d));
  r[0][2] = (float) (2 * (b * d + a * c));
  r[1][0] = (float) (2 * (b * c + a * d));
  r[1][1] = (float) (a * a - b * b + c * c - d * d);
  r[1][2] = (float) (2 * (c * d - a * b));
  r[2][0] = (float) (2 * (b * d - a * c));
  r[2][1] = (float) (2 * (c * d + a * b));
  r[2][2] = (float) (a * a - b * b - c * c + d * d);
}

void
pleat_quat_multiply (const double a[4],
                     const double b[4],
                     double       out[4])
{
  double w = a[0] * b[0] - a[1] * b[1] - a[2] * b[2] - a[3] * b[3];
  double x = a[0] * b[1] + a[1] * b[0] + a[2] * b[3] - a[3] * b[2];
  double y = a[0] * b[2] - a[1] * b[3] + a[2] * b[0] + a[3] * b[1];
  double z = a[0] * b[3] + a[1] * b[2] - a[2] * b[1] + a[3] * b[0];

  out[0] = w;
  out[1] = x;
  out[2] = y;
  out[3] = z;
}

void
pleat_quat_rigid_identity (PleatQuatRigid *self)
{
  self->q[0] = 1.0f;
  self->q[1] = self->q[2] = self->q[3] = 0.0f;
  self->t[0] = self->t[1] = self->t[2] = 0.0f;
}

void
pleat_quat_rigid_compose_update (PleatQuatRigid *self,
                                 const float     update[6])
{
  double q[4] = { self->q[0], self->q[1], self->q[2], self->q[3] };
  double v[4] = { 0.0, update[0], update[1], update[2] };
  double qv[4];
  float nq[4];
  double norm;
  float r[3][3];

  /* The translation moves along the frame's old rotation. */
  pleat_quat_to_rot (self->q, r);
  for (guint i = 0; i < 3; i++)
    {
      double dt = (double) r[i][0] * update[3] + (double) r[i][1] * update[4]
                  + (double) r[i][2] * update[5];

      self->t[i] = (float) (self->t[i] + dt);
    }

  /* Rotation(quats=...) first stores the sum as float32, then normalises it. */
  pleat_quat_multiply (q, v, qv);
  for (guint i = 0; i < 4; i++)
    nq[i] = (float) (q[i] + qv[i]);
  norm = sqrt ((double) nq[0] * nq[0] + (double) nq[1] * nq[1] + (double) nq[2] * nq[2]
               + (double) nq[3] * nq[3]);
  for (guint i = 0; i < 4; i++)
    self->q[i] = (float) (nq[i] / norm);
}

void
pleat_quat_rigid_to_rigid (const PleatQuatRigid *self,
                           double                scale,
                           PleatRigid           *out)
{
  pleat_quat_to_rot (self->q, out->r);
  for (guint i = 0; i < 3; i++)
    out->t[i] = (float) (self->t[i] * scale);
}

void
pleat_rigid_identity (PleatRigid *self)
{
  for (guint i = 0; i < 3; i++)
    {
      for (guint j = 0; j < 3; j++)
        self->r[i][j] = i == j ? 1.0f : 0.0f;
      self->t[i] = 0.0f;
    }
}

void
pleat_rigid_compose (const PleatRigid *a,
                     const PleatRigid *b,
                     PleatRigid       *out)
{
  PleatRigid tmp;

  for (guint i = 0; i < 3; i++)
    {
      for (guint j = 0; j < 3; j++)
        tmp.r[i][j] = (float) ((double) a->r[i][0] * b->r[0][j] + (double) a->r[i][1] * b->r[1][j]
                               + (double) a->r[i][2] * b->r[2][j]);
      tmp.t[i] = (float) ((double) a->r[i][0] * b->t[0] + (double) a->r[i][1] * b->t[1]
                          + (double) a->r[i][2] * b->t[2] + a->t[i]);
    }
  *out = tmp;
}

void
pleat_rigid_invert (const PleatRigid *self,
                    PleatRigid       *out)
{
  PleatRigid tmp;

  for (guint i = 0; i < 3; i++)
    for (guint j = 0; j < 3; j++)
      tmp.r[i][j] = self->r[j][i];
  for (guint i = 0; i < 3; i++)
    tmp.t[i] = (float) -((double) tmp.r[i][0] * self->t[0] + (double) tmp.r[i][1] * self->t[1]
                         + (double) tmp.r[i][2] * self->t[2]);
  *out = tmp;
}

void
pleat_rigid_apply (const PleatRigid *self,
                   const double      p[3],
                   double            out[3])
{
  double x = p[0], y = p[1], z = p[2];

  for (guint i = 0; i < 3; i++)
    out[i] = self->r[i][0] * x + self->r[i][1] * y + self->r[i][2] * z + self->t[i];
}

void
pleat_rigid_invert_apply (const PleatRigid *self,
                          const double      p[3],
                          double            out[3])
{
  double x = p[0] - self->t[0], y = p[1] - self->t[1], z = p[2] - self->t[2];

  for (guint i = 0; i < 3; i++)
    out[i] = self->r[0][i] * x + self->r[1][i] * y + self->r[2][i] * z;
}

void
pleat_rigid_to_4x4 (const PleatRigid *self,
                    float             m[4][4])
{
  for (guint i = 0; i < 3; i++)
    {
      for (guint j = 0; j < 3; j++)
        m[i][j] = self->r[i][j];
      m[i][3] = self->t[i];
      m[3][i] = 0.0f;
    }
  m[3][3] = 1.0f;
}

void
pleat_rigid_from_4x4 (const float  m[4][4],
                      PleatRigid  *out)
{
  for (guint i = 0; i < 3; i++)
    {
      for (guint j = 0; j < 3; j++)
        out->r[i][j] = m[i][j];
      out->t[i] = m[i][3];
    }
}
