/* pleat-camera.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cglm's SIMD paths want 16-byte aligned matrices and quaternions: the struct fields are plain
 * arrays, so every function copies into aligned locals first.
 */
#define G_LOG_DOMAIN "pleat-ui"

#include "config.h"

#include <cglm/cglm.h>
#include <math.h>
#include <string.h>

#include "pleat-camera.h"

#define MIN_DISTANCE 2.0f

void
pleat_camera_init (PleatCamera *self)
{
  g_return_if_fail (self != NULL);

  memset (self, 0, sizeof *self);
  self->rotation[3] = 1.0f;
  self->distance = 50.0f;
  self->radius = 20.0f;
  self->fov_y = glm_rad (30.0f);
  self->width = 1;
  self->height = 1;
}

void
pleat_camera_set_viewport (PleatCamera *self,
                           int          width,
                           int          height)
{
  g_return_if_fail (self != NULL);

  self->width = MAX (width, 1);
  self->height = MAX (height, 1);
}

void
pleat_camera_fit (PleatCamera *self,
                  const float  center[3],
                  float        radius)
{
  float aspect = (float) self->width / (float) self->height;
  float half = self->fov_y * 0.5f;
  /* The narrower of the two fields of view must hold the sphere. */
  float half_narrow = aspect < 1.0f ? atanf (tanf (half) * aspect) : half;

  g_return_if_fail (self != NULL);

  radius = MAX (radius, 1.0f);
  memcpy (self->pivot, center, sizeof self->pivot);
  self->radius = radius;
  self->distance = MAX (radius / sinf (half_narrow), MIN_DISTANCE);
}

void
pleat_camera_center_on (PleatCamera *self,
                        const float  point[3])
{
  g_return_if_fail (self != NULL);
  memcpy (self->pivot, point, sizeof self->pivot);
}

void
pleat_camera_reset_rotation (PleatCamera *self)
{
  g_return_if_fail (self != NULL);

  self->rotation[0] = self->rotation[1] = self->rotation[2] = 0.0f;
  self->rotation[3] = 1.0f;
}

/* A pixel on the virtual trackball: inside the ball on its sphere, outside on its rim. */
static void
trackball_point (const PleatCamera *self,
                 float              x,
                 float              y,
                 vec3               p)
{
  float size = (float) MIN (self->width, self->height);
  float r2;

  p[0] = (2.0f * x - (float) self->width) / size;
  p[1] = ((float) self->height - 2.0f * y) / size;
  r2 = p[0] * p[0] + p[1] * p[1];
  if (r2 <= 1.0f)
    p[2] = sqrtf (1.0f - r2);
  else
    {
      float r = sqrtf (r2);

      p[0] /= r;
      p[1] /= r;
      p[2] = 0.0f;
    }
}

static void
apply_view_rotation (PleatCamera *self,
                     versor       delta)
{
  versor q, result;

  glm_vec4_ucopy (self->rotation, q);
  glm_quat_mul (delta, q, result);
  glm_quat_normalize (result);
  glm_vec4_ucopy (result, self->rotation);
}

void
pleat_camera_arcball (PleatCamera *self,
                      float        x0,
                      float        y0,
                      float        x1,
                      float        y1)
{
  vec3 p0, p1, axis;
  versor delta;
  float angle;

  g_return_if_fail (self != NULL);

  trackball_point (self, x0, y0, p0);
  trackball_point (self, x1, y1, p1);
  glm_vec3_cross (p0, p1, axis);
  if (glm_vec3_norm (axis) < 1e-7f)
    return;
  glm_vec3_normalize (axis);
  angle = acosf (CLAMP (glm_vec3_dot (p0, p1), -1.0f, 1.0f));
  glm_quatv (delta, angle, axis);
  apply_view_rotation (self, delta);
}

void
pleat_camera_roll (PleatCamera *self,
                   float        angle)
{
  vec3 z = { 0.0f, 0.0f, 1.0f };
  versor delta;

  g_return_if_fail (self != NULL);

  glm_quatv (delta, angle, z);
  apply_view_rotation (self, delta);
}

/* Angstrom per pixel in the plane of the pivot. */
static float
units_per_pixel (const PleatCamera *self)
{
  return 2.0f * self->distance * tanf (self->fov_y * 0.5f) / (float) self->height;
}

void
pleat_camera_pan (PleatCamera *self,
                  float        dx,
                  float        dy)
{
  float u = units_per_pixel (self);
  vec3 v = { -dx * u, dy * u, 0.0f };
  versor q, inverse;

  g_return_if_fail (self != NULL);

  /* A view-space offset of the pivot, turned back into model space. */
  glm_vec4_ucopy (self->rotation, q);
  glm_quat_inv (q, inverse);
  glm_quat_rotatev (inverse, v, v);
  for (guint k = 0; k < 3; k++)
    self->pivot[k] += v[k];
}

void
pleat_camera_zoom (PleatCamera *self,
                   float        factor)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (factor > 0.0f);

  self->distance = CLAMP (self->distance / factor, MIN_DISTANCE,
                          MAX (self->radius * 50.0f, 100.0f));
}

static void
view_matrix (const PleatCamera *self,
             mat4               view)
{
  versor q;
  mat4 rotation;
  vec3 eye_offset = { 0.0f, 0.0f, -self->distance };
  vec3 minus_pivot = { -self->pivot[0], -self->pivot[1], -self->pivot[2] };

  glm_vec4_ucopy ((float *) self->rotation, q);
  glm_quat_mat4 (q, rotation);
  glm_translate_make (view, eye_offset);
  glm_mat4_mul (view, rotation, view);
  glm_translate (view, minus_pivot);
}

void
pleat_camera_get_near_far (const PleatCamera *self,
                           float             *near_plane,
                           float             *far_plane)
{
  /* Tight planes keep depth precision; the margin covers van der Waals spheres at the rim. */
  float margin = self->radius * 1.2f + 5.0f;

  *near_plane = MAX (self->distance - margin, MAX (self->distance * 0.01f, 0.1f));
  *far_plane = self->distance + margin;
}

static void
projection_matrix (const PleatCamera *self,
                   mat4               projection)
{
  float aspect = (float) self->width / (float) self->height;
  float near_plane, far_plane;

  pleat_camera_get_near_far (self, &near_plane, &far_plane);
  if (self->orthographic)
    {
      float half_h = self->distance * tanf (self->fov_y * 0.5f);
      float half_w = half_h * aspect;

      glm_ortho (-half_w, half_w, -half_h, half_h, near_plane, far_plane, projection);
    }
  else
    glm_perspective (self->fov_y, aspect, near_plane, far_plane, projection);
}

void
pleat_camera_get_view (const PleatCamera *self,
                       float              view[16])
{
  mat4 m;

  g_return_if_fail (self != NULL);
  view_matrix (self, m);
  memcpy (view, m, sizeof m);
}

void
pleat_camera_get_projection (const PleatCamera *self,
                             float              projection[16])
{
  mat4 m;

  g_return_if_fail (self != NULL);
  projection_matrix (self, m);
  memcpy (projection, m, sizeof m);
}

void
pleat_camera_get_eye (const PleatCamera *self,
                      float              eye[3])
{
  versor q, inverse;
  vec3 v = { 0.0f, 0.0f, self->distance };

  g_return_if_fail (self != NULL);

  glm_vec4_ucopy ((float *) self->rotation, q);
  glm_quat_inv (q, inverse);
  glm_quat_rotatev (inverse, v, v);
  for (guint k = 0; k < 3; k++)
    eye[k] = self->pivot[k] + v[k];
}

void
pleat_camera_unproject (const PleatCamera *self,
                        float              x,
                        float              y,
                        float              origin[3],
                        float              direction[3])
{
  mat4 view, projection, inverse;
  vec4 near_ndc, far_ndc, near_world, far_world;
  vec3 d;

  g_return_if_fail (self != NULL);

  view_matrix (self, view);
  projection_matrix (self, projection);
  glm_mat4_mul (projection, view, inverse);
  glm_mat4_inv (inverse, inverse);

  near_ndc[0] = far_ndc[0] = 2.0f * x / (float) self->width - 1.0f;
  near_ndc[1] = far_ndc[1] = 1.0f - 2.0f * y / (float) self->height;
  near_ndc[2] = -1.0f;
  far_ndc[2] = 1.0f;
  near_ndc[3] = far_ndc[3] = 1.0f;
  glm_mat4_mulv (inverse, near_ndc, near_world);
  glm_mat4_mulv (inverse, far_ndc, far_world);
  for (guint k = 0; k < 3; k++)
    {
      origin[k] = near_world[k] / near_world[3];
      d[k] = far_world[k] / far_world[3] - origin[k];
    }
  glm_vec3_normalize (d);
  memcpy (direction, d, sizeof d);
}

gboolean
pleat_camera_project (const PleatCamera *self,
                      const float        point[3],
                      float             *x,
                      float             *y)
{
  mat4 view, projection, m;
  vec4 p = { point[0], point[1], point[2], 1.0f }, clip;

  g_return_val_if_fail (self != NULL, FALSE);

  view_matrix (self, view);
  projection_matrix (self, projection);
  glm_mat4_mul (projection, view, m);
  glm_mat4_mulv (m, p, clip);
  if (clip[3] <= 0.0f)
    return FALSE;
  *x = (clip[0] / clip[3] + 1.0f) * 0.5f * (float) self->width;
  *y = (1.0f - clip[1] / clip[3]) * 0.5f * (float) self->height;
  return TRUE;
}
