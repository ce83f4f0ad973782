/* pleat-camera.h
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The viewer's camera, pure math on cglm: the model turns about a pivot (arcball with a
 * quaternion, so rotations never drift into a skew), the eye sits at a distance from the pivot
 * on +z of the view space, and pan moves the pivot in the view plane. Matrices come out
 * column-major, ready for glUniformMatrix4fv. Pixels have their origin at the top left, y down,
 * as GTK delivers them. A plain struct embedded in the view: no GObject, no GL.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  float    rotation[4];     /* unit quaternion (x, y, z, w): model space -> view orientation */
  float    pivot[3];        /* model-space point at the centre of the view */
  float    distance;        /* eye to pivot, Angstrom */
  float    radius;          /* radius of what is shown around the pivot, for the clip planes */
  float    fov_y;           /* vertical field of view, radians */
  int      width;           /* viewport, pixels */
  int      height;
  gboolean orthographic;
} PleatCamera;

void     pleat_camera_init            (PleatCamera *self);
void     pleat_camera_set_viewport    (PleatCamera *self,
                                       int          width,
                                       int          height);
/* Shows a bounding sphere whole (pleat_scene_get_bounds()), keeping the rotation. */
void     pleat_camera_fit             (PleatCamera *self,
                                       const float  center[3],
                                       float        radius);
/* Moves the pivot to a model-space point (center on selection), keeping distance and rotation. */
void     pleat_camera_center_on       (PleatCamera *self,
                                       const float  point[3]);
void     pleat_camera_reset_rotation  (PleatCamera *self);
/* A drag from (x0, y0) to (x1, y1) in pixels on a virtual trackball (Shoemake's arcball). */
void     pleat_camera_arcball         (PleatCamera *self,
                                       float        x0,
                                       float        y0,
                                       float        x1,
                                       float        y1);
/* Rotates about the view's z axis (two-finger twist), radians. */
void     pleat_camera_roll            (PleatCamera *self,
                                       float        angle);
/* Moves the scene with the pointer by (dx, dy) pixels: the pivot plane follows exactly. */
void     pleat_camera_pan             (PleatCamera *self,
                                       float        dx,
                                       float        dy);
/* factor > 1 zooms in (the eye moves closer), clamped to a sensible range. */
void     pleat_camera_zoom            (PleatCamera *self,
                                       float        factor);

void     pleat_camera_get_view        (const PleatCamera *self,
                                       float              view[16]);
void     pleat_camera_get_projection  (const PleatCamera *self,
                                       float              projection[16]);
void     pleat_camera_get_near_far    (const PleatCamera *self,
                                       float             *near_plane,
                                       float             *far_plane);
/* The eye position in model space. */
void     pleat_camera_get_eye         (const PleatCamera *self,
                                       float              eye[3]);
/* The ray through a pixel, in model space: origin on the near plane, unit direction. */
void     pleat_camera_unproject       (const PleatCamera *self,
                                       float              x,
                                       float              y,
                                       float              origin[3],
                                       float              direction[3]);
/* Where a model-space point lands in pixels; FALSE when behind the eye. */
gboolean pleat_camera_project         (const PleatCamera *self,
                                       const float        point[3],
                                       float             *x,
                                       float             *y);

G_END_DECLS
