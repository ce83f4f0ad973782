/* pleat-rigid.h
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Rigid-body transforms as OpenFold's Rotation/Rigid (openfold/utils/rigid_utils.py) use them
 * in the structure module: quaternions (w, x, y, z), row-major rotation matrices, composition,
 * inversion and application to points.
 *
 * Precision follows the reference: OpenFold forces every stored rotation and translation to
 * float32 ("Force full-precision" in the Rotation/Rigid constructors), even in a float64 run,
 * while the arithmetic between two stored values happens in the wider type of the operands.
 * So these types store float, and each function computes in double and rounds once, where the
 * reference constructs its new Rotation/Rigid. Point results are double because the reference
 * keeps them in the activations' precision.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A frame in quaternion form: the structure module's backbone frames while it iterates. */
typedef struct
{
  float q[4];                  /* unit quaternion (w, x, y, z) */
  float t[3];                  /* translation */
} PleatQuatRigid;

/* A frame in matrix form: x_global = r x_local + t. */
typedef struct
{
  float r[3][3];               /* rotation, row-major */
  float t[3];                  /* translation */
} PleatRigid;

/* The rotation matrix of a quaternion, by OpenFold's quat_to_rot (no normalisation). */
void     pleat_quat_to_rot               (const float           q[4],
                                          float                 r[3][3]);
/* Hamilton product a * b. */
void     pleat_quat_multiply             (const double          a[4],
                                          const double          b[4],
                                          double                out[4]);

void     pleat_quat_rigid_identity       (PleatQuatRigid       *self);
/* Rigid.compose_q_update_vec: update = (b, c, d, tx, ty, tz) from the backbone-update linear.
 * q' = normalise(q + q * (0, b, c, d)), t' = t + R(q) (tx, ty, tz) with the old rotation. */
void     pleat_quat_rigid_compose_update (PleatQuatRigid       *self,
                                          const float           update[6]);
/* The matrix form with the translation multiplied by scale (Rigid.scale_translation). */
void     pleat_quat_rigid_to_rigid       (const PleatQuatRigid *self,
                                          double                scale,
                                          PleatRigid           *out);

void     pleat_rigid_identity            (PleatRigid           *self);
/* out = a o b: (R_a R_b, R_a t_b + t_a) (Rigid.compose). out may alias a or b. */
void     pleat_rigid_compose             (const PleatRigid     *a,
                                          const PleatRigid     *b,
                                          PleatRigid           *out);
/* The inverse frame (R^T, -R^T t). out may alias self. */
void     pleat_rigid_invert              (const PleatRigid     *self,
                                          PleatRigid           *out);
/* out = R p + t. */
void     pleat_rigid_apply               (const PleatRigid     *self,
                                          const double          p[3],
                                          double                out[3]);
/* out = R^T (p - t). */
void     pleat_rigid_invert_apply        (const PleatRigid     *self,
                                          const double          p[3],
                                          double                out[3]);
/* Homogeneous 4x4, row-major, last row (0, 0, 0, 1) (Rigid.to_tensor_4x4 / from_tensor_4x4). */
void     pleat_rigid_to_4x4              (const PleatRigid     *self,
                                          float                 m[4][4]);
void     pleat_rigid_from_4x4            (const float           m[4][4],
                                          PleatRigid           *out);

G_END_DECLS
