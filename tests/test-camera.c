/* test-camera.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "pleat-camera.h"

static void
setup (PleatCamera *camera,
       gboolean     orthographic)
{
  const float center[3] = { 10.0f, -5.0f, 3.0f };

  pleat_camera_init (camera);
  pleat_camera_set_viewport (camera, 800, 600);
  pleat_camera_fit (camera, center, 25.0f);
  camera->orthographic = orthographic;
  pleat_camera_arcball (camera, 400, 300, 470, 260);
}

static void
test_unproject_round_trip (gconstpointer data)
{
  PleatCamera camera;
  static const float pixels[][2] = { { 400, 300 }, { 0, 0 }, { 799, 599 }, { 123.5f, 456.25f } };

  setup (&camera, GPOINTER_TO_INT (data));
  for (guint i = 0; i < G_N_ELEMENTS (pixels); i++)
    {
      float origin[3], direction[3];

      pleat_camera_unproject (&camera, pixels[i][0], pixels[i][1], origin, direction);
      g_assert_cmpfloat_with_epsilon (sqrtf (direction[0] * direction[0]
                                             + direction[1] * direction[1]
                                             + direction[2] * direction[2]), 1.0f, 1e-5f);
      /* Every point of the ray lands on the same pixel. */
      for (float t = 0.0f; t < 60.0f; t += 15.0f)
        {
          float p[3] = { origin[0] + t * direction[0], origin[1] + t * direction[1],
                         origin[2] + t * direction[2] };
          float x, y;

          g_assert_true (pleat_camera_project (&camera, p, &x, &y));
          g_assert_cmpfloat_with_epsilon (x, pixels[i][0], 0.02f);
          g_assert_cmpfloat_with_epsilon (y, pixels[i][1], 0.02f);
        }
    }
}

static void
test_fit (void)
{
  PleatCamera camera;
  float view[16], x, y, eye[3];

  setup (&camera, FALSE);
  /* The pivot is the bounds' centre, in the middle of the viewport, distance away. */
  g_assert_true (pleat_camera_project (&camera, camera.pivot, &x, &y));
  g_assert_cmpfloat_with_epsilon (x, 400.0f, 1e-3f);
  g_assert_cmpfloat_with_epsilon (y, 300.0f, 1e-3f);
  pleat_camera_get_view (&camera, view);
  {
    const float *p = camera.pivot;
    float vz = view[2] * p[0] + view[6] * p[1] + view[10] * p[2] + view[14];

    g_assert_cmpfloat_with_epsilon (vz, -camera.distance, 1e-3f);
  }
  pleat_camera_get_eye (&camera, eye);
  g_assert_cmpfloat_with_epsilon (sqrtf ((eye[0] - 10) * (eye[0] - 10) + (eye[1] + 5) * (eye[1] + 5)
                                         + (eye[2] - 3) * (eye[2] - 3)), camera.distance, 1e-3f);

  /* The whole sphere is in view: sample its rim in view-aligned directions. */
  for (guint i = 0; i < 64; i++)
    {
      float angle = 2.0f * (float) G_PI * (float) i / 64.0f;
      float origin[3], direction[3];
      float up[3], right[3], p[3];

      /* View-space axes in model space: rows of the view rotation. */
      for (guint k = 0; k < 3; k++)
        {
          right[k] = view[4 * k + 0];
          up[k] = view[4 * k + 1];
        }
      for (guint k = 0; k < 3; k++)
        p[k] = camera.pivot[k] + 25.0f * (cosf (angle) * right[k] + sinf (angle) * up[k]);
      g_assert_true (pleat_camera_project (&camera, p, &x, &y));
      g_assert_cmpfloat (x, >=, 0.0f);
      g_assert_cmpfloat (x, <=, 800.0f);
      g_assert_cmpfloat (y, >=, 0.0f);
      g_assert_cmpfloat (y, <=, 600.0f);
      (void) origin;
      (void) direction;
    }
}

static float
quaternion_norm (const PleatCamera *camera)
{
  const float *q = camera->rotation;

  return sqrtf (q[0] * q[0] + q[1] * q[1] + q[2] * q[2] + q[3] * q[3]);
}

static void
test_arcball (void)
{
  PleatCamera camera;
  float norm;

  pleat_camera_init (&camera);
  pleat_camera_set_viewport (&camera, 600, 600);
  pleat_camera_arcball (&camera, 300, 300, 360, 300);
  norm = quaternion_norm (&camera);
  g_assert_cmpfloat_with_epsilon (norm, 1.0f, 1e-6f);
  /* A horizontal drag turns about the view's y axis only. */
  g_assert_cmpfloat_with_epsilon (camera.rotation[0], 0.0f, 1e-6f);
  g_assert_cmpfloat (fabsf (camera.rotation[1]), >, 0.05f);
  g_assert_cmpfloat_with_epsilon (camera.rotation[2], 0.0f, 1e-6f);
  /* Dragging back undoes it. */
  pleat_camera_arcball (&camera, 360, 300, 300, 300);
  g_assert_cmpfloat_with_epsilon (camera.rotation[1], 0.0f, 1e-5f);
  g_assert_cmpfloat_with_epsilon (fabsf (camera.rotation[3]), 1.0f, 1e-5f);
  /* Many small drags stay a rotation. */
  for (guint i = 0; i < 1000; i++)
    pleat_camera_arcball (&camera, 300, 300, 303, 301);
  norm = quaternion_norm (&camera);
  g_assert_cmpfloat_with_epsilon (norm, 1.0f, 1e-5f);
  pleat_camera_reset_rotation (&camera);
  g_assert_cmpfloat (camera.rotation[3], ==, 1.0f);
}

static void
test_pan_zoom (void)
{
  PleatCamera camera;
  float pivot[3], x0, y0, x1, y1, distance;

  setup (&camera, FALSE);
  pivot[0] = camera.pivot[0];
  pivot[1] = camera.pivot[1];
  pivot[2] = camera.pivot[2];
  g_assert_true (pleat_camera_project (&camera, pivot, &x0, &y0));
  /* The point under the pointer follows it exactly in the pivot plane. */
  pleat_camera_pan (&camera, 37.0f, -21.0f);
  g_assert_true (pleat_camera_project (&camera, pivot, &x1, &y1));
  g_assert_cmpfloat_with_epsilon (x1 - x0, 37.0f, 1e-2f);
  g_assert_cmpfloat_with_epsilon (y1 - y0, -21.0f, 1e-2f);

  distance = camera.distance;
  pleat_camera_zoom (&camera, 2.0f);
  g_assert_cmpfloat_with_epsilon (camera.distance, distance / 2.0f, 1e-4f);
  for (guint i = 0; i < 100; i++)
    pleat_camera_zoom (&camera, 2.0f);
  g_assert_cmpfloat (camera.distance, >=, 2.0f);       /* never through the pivot */
  for (guint i = 0; i < 100; i++)
    pleat_camera_zoom (&camera, 0.5f);
  g_assert_cmpfloat (camera.distance, <=, 25.0f * 50.0f);

  {
    const float point[3] = { 1.0f, 2.0f, 3.0f };
    float x, y;

    pleat_camera_center_on (&camera, point);
    g_assert_true (pleat_camera_project (&camera, point, &x, &y));
    g_assert_cmpfloat_with_epsilon (x, 400.0f, 1e-3f);
    g_assert_cmpfloat_with_epsilon (y, 300.0f, 1e-3f);
  }
}

static void
test_orthographic (void)
{
  PleatCamera camera;
  float o1[3], d1[3], o2[3], d2[3];

  setup (&camera, TRUE);
  pleat_camera_unproject (&camera, 10, 20, o1, d1);
  pleat_camera_unproject (&camera, 700, 500, o2, d2);
  for (guint k = 0; k < 3; k++)
    g_assert_cmpfloat_with_epsilon (d1[k], d2[k], 1e-5f);   /* parallel rays */
}

static void
test_unaligned (void)
{
  /* The view embeds the camera at whatever offset its struct gives: cglm's aligned SIMD loads
   * must never touch the camera's fields directly. */
  struct
  {
    float       pad;
    PleatCamera camera;
  } *holder = g_malloc0 (sizeof *holder + 16);
  PleatCamera *camera = &holder->camera;
  float view[16], eye[3];
  const float center[3] = { 1, 2, 3 };

  g_assert_cmpuint (((guintptr) camera->rotation) % 16, !=, 0);
  pleat_camera_init (camera);
  pleat_camera_set_viewport (camera, 300, 200);
  pleat_camera_fit (camera, center, 10.0f);
  pleat_camera_arcball (camera, 150, 100, 180, 120);
  pleat_camera_pan (camera, 5, 5);
  pleat_camera_get_view (camera, view);
  pleat_camera_get_eye (camera, eye);
  g_assert_cmpfloat (view[15], ==, 1.0f);
  g_free (holder);
}

static void
test_near_far (void)
{
  PleatCamera camera;
  float near_plane, far_plane;

  setup (&camera, FALSE);
  pleat_camera_get_near_far (&camera, &near_plane, &far_plane);
  g_assert_cmpfloat (near_plane, >, 0.0f);
  g_assert_cmpfloat (near_plane, <, camera.distance - 25.0f);
  g_assert_cmpfloat (far_plane, >, camera.distance + 25.0f);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_data_func ("/pleat/ui/Camera/unproject/perspective", GINT_TO_POINTER (FALSE),
                        test_unproject_round_trip);
  g_test_add_data_func ("/pleat/ui/Camera/unproject/orthographic", GINT_TO_POINTER (TRUE),
                        test_unproject_round_trip);
  g_test_add_func ("/pleat/ui/Camera/fit", test_fit);
  g_test_add_func ("/pleat/ui/Camera/arcball", test_arcball);
  g_test_add_func ("/pleat/ui/Camera/pan-zoom", test_pan_zoom);
  g_test_add_func ("/pleat/ui/Camera/orthographic", test_orthographic);
  g_test_add_func ("/pleat/ui/Camera/near-far", test_near_far);
  g_test_add_func ("/pleat/ui/Camera/unaligned", test_unaligned);

  return g_test_run ();
}
