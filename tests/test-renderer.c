/* test-renderer.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The GL renderer on an EGL surfaceless context with no display: impostor spheres and
 * cylinders, the mesh, depth from the fragment shaders, highlights, offscreen export with a
 * transparent background, tiling and GLES, all checked on the pixels.
 */
#include "config.h"

#include <epoxy/gl.h>
#include <math.h>
#include <string.h>

#include <cglm/cglm.h>

#include "pleat-camera.h"
#include "pleat-render-enums.h"
#include "pleat-renderer.h"
#include "pleat-scene.h"
#include "pleat-test-gl.h"
#include "pleat-test-backbone.h"

#define WIDTH  320
#define HEIGHT 240

static const guint8 very_high[4] = { 0x00, 0x53, 0xd6, 0xff };
static const guint8 confident[4] = { 0x65, 0xcb, 0xf3, 0xff };
static const guint8 low[4] = { 0xff, 0xdb, 0x13, 0xff };
static const guint8 very_low[4] = { 0xff, 0x7d, 0x45, 0xff };

static void
params_init (PleatRenderParams *params,
             int                width,
             int                height,
             float              alpha)
{
  mat4 view;
  mat4 projection;

  memset (params, 0, sizeof *params);
  glm_lookat ((vec3) { 0, 0, 60 }, (vec3) { 0, 0, 0 }, (vec3) { 0, 1, 0 }, view);
  glm_perspective (glm_rad (30.0f), (float) width / height, 30.0f, 90.0f, projection);
  memcpy (params->view, view, sizeof view);
  memcpy (params->projection, projection, sizeof projection);
  params->width = width;
  params->height = height;
  params->background[0] = 0.1f;
  params->background[1] = 0.1f;
  params->background[2] = 0.15f;
  params->background[3] = alpha;
}

static void
sphere_init (PleatSphereInstance *sphere,
             float                x,
             float                y,
             float                z,
             float                radius,
             const guint8         color[4],
             guint32              pick_id)
{
  sphere->center[0] = x;
  sphere->center[1] = y;
  sphere->center[2] = z;
  sphere->radius = radius;
  memcpy (sphere->color, color, 4);
  sphere->pick_id = pick_id;
}

/* A 4 x 3 block of spheres on each side: the left very high, the right very low. */
static void
upload_two_halves (PleatRenderer *renderer)
{
  PleatSphereInstance spheres[24];
  guint n = 0;

  for (int side = 0; side < 2; side++)
    for (int i = 0; i < 4; i++)
      for (int j = 0; j < 3; j++)
        {
          float x = (side == 0 ? -11.0f : 2.0f) + 3.0f * i;

          sphere_init (&spheres[n], x, -3.0f + 3.0f * j, 0.0f, 1.6f,
                       side == 0 ? very_high : very_low, n);
          n++;
        }
  pleat_renderer_set_spheres (renderer, spheres, n);
}

static GBytes *
render (PleatRenderer           *renderer,
        const PleatRenderParams *params,
        guint                    supersample)
{
  g_autoptr(GError) error = NULL;
  GBytes *image = pleat_renderer_render_image (renderer, params, supersample, &error);

  g_assert_no_error (error);
  g_assert_nonnull (image);
  g_assert_cmpuint (g_bytes_get_size (image), ==, (gsize) params->width * params->height * 4);
  return image;
}

static const guint8 *
pixel (GBytes *image,
       int     width,
       int     x,
       int     y)
{
  return (const guint8 *) g_bytes_get_data (image, NULL) + ((gsize) y * width + x) * 4;
}

static void
save_if_asked (GBytes     *image,
               int         width,
               int         height,
               const char *name)
{
  const char *outdir = g_getenv ("PLEAT_TEST_OUTDIR");
  g_autofree char *path = NULL;
  g_autoptr(GString) ppm = NULL;
  const guint8 *data = g_bytes_get_data (image, NULL);

  if (outdir == NULL)
    return;

  /* A PPM needs no image library; the alpha channel is dropped. */
  ppm = g_string_new (NULL);
  g_string_append_printf (ppm, "P6\n%d %d\n255\n", width, height);
  for (gsize i = 0; i < (gsize) width * height; i++)
    g_string_append_len (ppm, (const char *) data + i * 4, 3);
  path = g_build_filename (outdir, name, NULL);
  g_assert_true (g_file_set_contents (path, ppm->str, (gssize) ppm->len, NULL));
}

static PleatRenderer *
renderer_new (gboolean use_es)
{
  g_autoptr(GError) error = NULL;
  PleatRenderer *renderer;

  pleat_test_gl_make_current (use_es);
  renderer = pleat_renderer_new (use_es, &error);
  g_assert_no_error (error);
  g_assert_nonnull (renderer);
  return renderer;
}

static void
test_renderer_sphere_bands (void)
{
  g_autoptr(PleatRenderer) renderer = renderer_new (FALSE);
  g_autoptr(GBytes) image = NULL;
  PleatRenderParams params;
  guint left[PLEAT_TEST_N_BANDS];
  guint right[PLEAT_TEST_N_BANDS];

  upload_two_halves (renderer);
  params_init (&params, WIDTH, HEIGHT, 1.0f);
  image = render (renderer, &params, 1);
  save_if_asked (image, WIDTH, HEIGHT, "renderer-bands.ppm");

  pleat_test_count_bands (g_bytes_get_data (image, NULL), WIDTH * 4, 0, 0, WIDTH / 2, HEIGHT,
                          left);
  pleat_test_count_bands (g_bytes_get_data (image, NULL), WIDTH * 4, WIDTH / 2, 0, WIDTH / 2,
                          HEIGHT, right);
  g_test_message ("left: very high %u, very low %u; right: very high %u, very low %u",
                  left[PLEAT_TEST_BAND_VERY_HIGH], left[PLEAT_TEST_BAND_VERY_LOW],
                  right[PLEAT_TEST_BAND_VERY_HIGH], right[PLEAT_TEST_BAND_VERY_LOW]);

  /* Each 4 x 3 block covers roughly a sixth of its half. */
  g_assert_cmpuint (left[PLEAT_TEST_BAND_VERY_HIGH], >, 2500);
  g_assert_cmpuint (left[PLEAT_TEST_BAND_VERY_LOW], ==, 0);
  g_assert_cmpuint (right[PLEAT_TEST_BAND_VERY_LOW], >, 2500);
  g_assert_cmpuint (right[PLEAT_TEST_BAND_VERY_HIGH], ==, 0);

  /* The corner is background, opaque. */
  g_assert_cmpuint (pixel (image, WIDTH, 0, 0)[0], ==, 26);
  g_assert_cmpuint (pixel (image, WIDTH, 0, 0)[2], ==, 38);
  g_assert_cmpuint (pixel (image, WIDTH, 0, 0)[3], ==, 255);
}

static void
test_renderer_deterministic (void)
{
  g_autoptr(PleatRenderer) renderer = renderer_new (FALSE);
  g_autoptr(GBytes) first = NULL;
  g_autoptr(GBytes) second = NULL;
  PleatRenderParams params;

  upload_two_halves (renderer);
  params_init (&params, WIDTH, HEIGHT, 1.0f);
  first = render (renderer, &params, 1);
  second = render (renderer, &params, 1);
  g_assert_true (g_bytes_equal (first, second));

  /* Turning the scene half a turn about y swaps the sides. */
  glm_rotate ((vec4 *) params.view, GLM_PIf, (vec3) { 0, 1, 0 });
  g_clear_pointer (&second, g_bytes_unref);
  second = render (renderer, &params, 1);
  g_assert_false (g_bytes_equal (first, second));
  g_assert_cmpint (pleat_test_classify_band (pixel (second, WIDTH, 100, HEIGHT / 2)), ==,
                   PLEAT_TEST_BAND_VERY_LOW);
}

static void
test_renderer_transparent (void)
{
  g_autoptr(PleatRenderer) renderer = renderer_new (FALSE);
  g_autoptr(GBytes) image = NULL;
  PleatRenderParams params;
  PleatSphereInstance sphere;
  const guint8 *center;
  const guint8 *corner;
  guint partial = 0;

  sphere_init (&sphere, 0, 0, 0, 6.0f, confident, 1);
  pleat_renderer_set_spheres (renderer, &sphere, 1);
  params_init (&params, WIDTH, HEIGHT, 0.0f);
  image = render (renderer, &params, 2);

  corner = pixel (image, WIDTH, 3, 3);
  center = pixel (image, WIDTH, WIDTH / 2, HEIGHT / 2);
  g_assert_cmpuint (corner[3], ==, 0);
  g_assert_cmpuint (center[3], ==, 255);
  g_assert_cmpint (pleat_test_classify_band (center), ==, PLEAT_TEST_BAND_CONFIDENT);

  /* Supersampling gives the silhouette partial alpha, with the color of the sphere rather
   * than one darkened by the transparent black background. */
  for (int y = 0; y < HEIGHT; y++)
    for (int x = 0; x < WIDTH; x++)
      {
        const guint8 *p = pixel (image, WIDTH, x, y);

        if (p[3] > 0 && p[3] < 255)
          {
            partial++;
            g_assert_cmpuint (MAX (p[0], MAX (p[1], p[2])), >, 60);
          }
      }
  g_test_message ("%u partially covered pixels", partial);
  g_assert_cmpuint (partial, >=, 20);
}

static void
test_renderer_depth (void)
{
  g_autoptr(PleatRenderer) renderer = renderer_new (FALSE);
  g_autoptr(GBytes) image = NULL;
  PleatRenderParams params;
  PleatSphereInstance spheres[2];

  /* The near sphere comes first, so only the depth written by the fragment shader keeps the
   * far one from painting over it. The far one is larger and shows around it. */
  sphere_init (&spheres[0], 0, 0, 8, 3.0f, low, 1);
  sphere_init (&spheres[1], 0, 0, -8, 8.0f, very_high, 2);
  pleat_renderer_set_spheres (renderer, spheres, 2);
  params_init (&params, WIDTH, HEIGHT, 1.0f);
  image = render (renderer, &params, 1);
  save_if_asked (image, WIDTH, HEIGHT, "renderer-depth.ppm");

  g_assert_cmpint (pleat_test_classify_band (pixel (image, WIDTH, WIDTH / 2, HEIGHT / 2)), ==,
                   PLEAT_TEST_BAND_LOW);
  g_assert_cmpint (pleat_test_classify_band (pixel (image, WIDTH, WIDTH / 2 + 35, HEIGHT / 2)),
                   ==, PLEAT_TEST_BAND_VERY_HIGH);
}

static void
test_renderer_cylinders (void)
{
  g_autoptr(PleatRenderer) renderer = renderer_new (FALSE);
  g_autoptr(GBytes) image = NULL;
  PleatRenderParams params;
  PleatCylinderInstance cylinders[2] = {
    {
      .a = { -12, 3, 0 }, .b = { 12, 3, 0 }, .radius = 2.0f, .pick_id = 1,
      .color_a = { 0x00, 0x53, 0xd6, 0xff }, .color_b = { 0xff, 0x7d, 0x45, 0xff },
    },
    {
      /* Pointing at the eye: only its cap shows, a disk. */
      .a = { 0, -6, -10 }, .b = { 0, -6, 10 }, .radius = 2.5f, .pick_id = 2,
      .color_a = { 0xff, 0xdb, 0x13, 0xff }, .color_b = { 0x65, 0xcb, 0xf3, 0xff },
    },
  };
  guint left[PLEAT_TEST_N_BANDS];
  guint right[PLEAT_TEST_N_BANDS];
  const guint8 *data;

  pleat_renderer_set_cylinders (renderer, cylinders, 2);
  params_init (&params, WIDTH, HEIGHT, 1.0f);
  image = render (renderer, &params, 1);
  save_if_asked (image, WIDTH, HEIGHT, "renderer-cylinders.ppm");
  data = g_bytes_get_data (image, NULL);

  /* The upper cylinder: color a on the left half, color b on the right. */
  pleat_test_count_bands (data, WIDTH * 4, 0, 0, WIDTH / 2, HEIGHT / 2, left);
  pleat_test_count_bands (data, WIDTH * 4, WIDTH / 2, 0, WIDTH / 2, HEIGHT / 2, right);
  g_assert_cmpuint (left[PLEAT_TEST_BAND_VERY_HIGH], >, 400);
  g_assert_cmpuint (left[PLEAT_TEST_BAND_VERY_LOW], ==, 0);
  g_assert_cmpuint (right[PLEAT_TEST_BAND_VERY_LOW], >, 400);
  g_assert_cmpuint (right[PLEAT_TEST_BAND_VERY_HIGH], ==, 0);

  /* The lower one: mostly the cap at b, which faces the eye and has b's color; seen from
   * above its axis, a sliver of side shows a's color behind it. */
  pleat_test_count_bands (data, WIDTH * 4, 0, HEIGHT / 2, WIDTH, HEIGHT / 2, left);
  g_assert_cmpuint (left[PLEAT_TEST_BAND_CONFIDENT], >, 300);
  g_assert_cmpuint (left[PLEAT_TEST_BAND_CONFIDENT], >, 5 * left[PLEAT_TEST_BAND_LOW]);
  g_assert_cmpuint (left[PLEAT_TEST_BAND_LOW], >, 0);
}

static void
test_renderer_mesh (void)
{
  g_autoptr(PleatRenderer) renderer = renderer_new (FALSE);
  g_autoptr(GBytes) image = NULL;
  PleatRenderParams params;
  PleatMeshVertex vertices[4];
  const guint32 indices[6] = { 0, 1, 2, 2, 1, 3 };
  guint counts[PLEAT_TEST_N_BANDS];

  /* A square facing the eye, wound clockwise: the mesh is lit from both sides. */
  for (guint i = 0; i < 4; i++)
    {
      vertices[i] = (PleatMeshVertex) {
        .position = { i % 2 ? 6.0f : -6.0f, i / 2 ? -6.0f : 6.0f, 0 },
        .normal = { 0, 0, -1 },
        .pick_id = 7,
      };
      memcpy (vertices[i].color, low, 4);
    }
  pleat_renderer_set_mesh (renderer, vertices, 4, indices, 6);
  params_init (&params, WIDTH, HEIGHT, 1.0f);
  image = render (renderer, &params, 1);

  pleat_test_count_bands (g_bytes_get_data (image, NULL), WIDTH * 4, 0, 0, WIDTH, HEIGHT,
                          counts);
  g_assert_cmpuint (counts[PLEAT_TEST_BAND_LOW], >, 3000);
  g_assert_cmpint (pleat_test_classify_band (pixel (image, WIDTH, WIDTH / 2, HEIGHT / 2)), ==,
                   PLEAT_TEST_BAND_LOW);
}

static guint
highlight_first_cb (guint32  pick_id,
                    gpointer user_data)
{
  return pick_id == GPOINTER_TO_UINT (user_data) ? PLEAT_HIGHLIGHT_SELECTED : 0;
}

static void
test_renderer_highlight (void)
{
  g_autoptr(PleatRenderer) renderer = renderer_new (FALSE);
  g_autoptr(GBytes) plain = NULL;
  g_autoptr(GBytes) selected = NULL;
  g_autoptr(GBytes) cleared = NULL;
  PleatRenderParams params;
  PleatSphereInstance spheres[2];

  sphere_init (&spheres[0], -8, 0, 0, 4.0f, very_high, 10);
  sphere_init (&spheres[1], 8, 0, 0, 4.0f, very_high, 11);
  pleat_renderer_set_spheres (renderer, spheres, 2);
  params_init (&params, WIDTH, HEIGHT, 1.0f);
  plain = render (renderer, &params, 1);

  pleat_renderer_update_highlight (renderer, highlight_first_cb, GUINT_TO_POINTER (10));
  selected = render (renderer, &params, 1);
  /* The selected sphere (left) changes color, the other one does not. */
  g_assert_cmpint (pleat_test_classify_band (pixel (selected, WIDTH, 98, HEIGHT / 2)), ==,
                   PLEAT_TEST_BAND_NONE);
  g_assert_cmpint (pleat_test_classify_band (pixel (selected, WIDTH, 222, HEIGHT / 2)), ==,
                   PLEAT_TEST_BAND_VERY_HIGH);
  g_assert_cmpmem (pixel (plain, WIDTH, 222, HEIGHT / 2), 4,
                   pixel (selected, WIDTH, 222, HEIGHT / 2), 4);

  pleat_renderer_update_highlight (renderer, NULL, NULL);
  cleared = render (renderer, &params, 1);
  g_assert_true (g_bytes_equal (plain, cleared));
}

static void
test_renderer_gles (void)
{
  g_autoptr(GBytes) desktop = NULL;
  g_autoptr(GBytes) es = NULL;
  PleatRenderParams params;
  gsize size;
  const guint8 *a;
  const guint8 *b;
  guint differ = 0;

  params_init (&params, WIDTH, HEIGHT, 1.0f);
  {
    g_autoptr(PleatRenderer) renderer = renderer_new (FALSE);

    upload_two_halves (renderer);
    desktop = render (renderer, &params, 1);
  }
  {
    g_autoptr(PleatRenderer) renderer = renderer_new (TRUE);

    upload_two_halves (renderer);
    es = render (renderer, &params, 1);
  }
  pleat_test_gl_make_current (FALSE);

  /* The same shaders under "#version 300 es" draw the same picture. */
  a = g_bytes_get_data (desktop, &size);
  b = g_bytes_get_data (es, NULL);
  for (gsize i = 0; i < size; i++)
    if (ABS ((int) a[i] - (int) b[i]) > 2)
      differ++;
  g_assert_cmpuint (differ, <, size / 1000);
}

static void
test_renderer_tiled (void)
{
  g_autoptr(PleatRenderer) renderer = renderer_new (FALSE);
  g_autoptr(GBytes) direct = NULL;
  g_autoptr(GBytes) tiled = NULL;
  PleatRenderParams params;
  const int width = 1100;
  const int height = 300;
  const guint8 *a;
  const guint8 *b;
  gsize size;
  guint64 total = 0;
  guint far_off = 0;

  upload_two_halves (renderer);
  params_init (&params, width, height, 1.0f);
  direct = render (renderer, &params, 1);
  /* 3 x 3 supersampling needs 3300 x 900 pixels: two tiles side by side. */
  tiled = render (renderer, &params, 3);
  save_if_asked (tiled, width, height, "renderer-tiled.ppm");

  a = g_bytes_get_data (direct, &size);
  b = g_bytes_get_data (tiled, NULL);
  for (gsize i = 0; i < size; i++)
    {
      guint diff = ABS ((int) a[i] - (int) b[i]);

      total += diff;
      if (diff > 60)
        far_off++;
    }
  /* Only silhouette pixels differ (antialiased); a seam or a misplaced tile would not. */
  g_test_message ("mean difference %.3f, %u channels far off", (double) total / size, far_off);
  g_assert_cmpfloat ((double) total / size, <, 1.0);
  g_assert_cmpuint (far_off, <, size / 200);
}

/* Draws with pleat_renderer_draw_scaled() into a framebuffer of our own and reads it back,
 * top row first like render_image(). */
static GBytes *
render_scaled (PleatRenderer           *renderer,
               const PleatRenderParams *params,
               float                    scale)
{
  g_autoptr(GError) error = NULL;
  g_autofree guint8 *flipped = g_malloc ((gsize) params->width * params->height * 4);
  guint8 *pixels = g_malloc ((gsize) params->width * params->height * 4);
  GLuint fbo;
  GLuint renderbuffers[2];
  gsize stride = (gsize) params->width * 4;

  glGenFramebuffers (1, &fbo);
  glGenRenderbuffers (2, renderbuffers);
  glBindRenderbuffer (GL_RENDERBUFFER, renderbuffers[0]);
  glRenderbufferStorage (GL_RENDERBUFFER, GL_RGBA8, params->width, params->height);
  glBindRenderbuffer (GL_RENDERBUFFER, renderbuffers[1]);
  glRenderbufferStorage (GL_RENDERBUFFER, GL_DEPTH_COMPONENT24, params->width, params->height);
  glBindFramebuffer (GL_FRAMEBUFFER, fbo);
  glFramebufferRenderbuffer (GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER,
                             renderbuffers[0]);
  glFramebufferRenderbuffer (GL_FRAMEBUFFER, GL_DEPTH_ATTACHMENT, GL_RENDERBUFFER,
                             renderbuffers[1]);
  g_assert_cmpint (glCheckFramebufferStatus (GL_FRAMEBUFFER), ==, GL_FRAMEBUFFER_COMPLETE);

  g_assert_true (pleat_renderer_draw_scaled (renderer, params, scale, &error));
  g_assert_no_error (error);
  /* It draws into the framebuffer that was bound, and leaves it bound. */
  {
    GLint bound = 0;

    glGetIntegerv (GL_DRAW_FRAMEBUFFER_BINDING, &bound);
    g_assert_cmpint (bound, ==, (GLint) fbo);
  }
  glReadPixels (0, 0, params->width, params->height, GL_RGBA, GL_UNSIGNED_BYTE, flipped);
  for (int y = 0; y < params->height; y++)
    memcpy (pixels + y * stride, flipped + (params->height - 1 - y) * stride, stride);

  glBindFramebuffer (GL_FRAMEBUFFER, 0);
  glDeleteFramebuffers (1, &fbo);
  glDeleteRenderbuffers (2, renderbuffers);
  return g_bytes_new_take (pixels, (gsize) params->width * params->height * 4);
}

static void
test_renderer_scaled (void)
{
  g_autoptr(PleatRenderer) renderer = renderer_new (FALSE);
  g_autoptr(GBytes) supersampled = NULL;
  g_autoptr(GBytes) scaled_up = NULL;
  g_autoptr(GBytes) reference = NULL;
  g_autoptr(GBytes) half = NULL;
  PleatRenderParams params;
  guint left[PLEAT_TEST_N_BANDS];
  guint right[PLEAT_TEST_N_BANDS];
  const guint8 *a;
  const guint8 *b;
  gsize size;
  guint far_off = 0;

  upload_two_halves (renderer);
  params_init (&params, WIDTH, HEIGHT, 1.0f);

  /* At scale 2 the frame is antialiased exactly like a 2 x 2 supersampled export. */
  supersampled = render_scaled (renderer, &params, 2.0f);
  reference = render (renderer, &params, 2);
  a = g_bytes_get_data (supersampled, &size);
  b = g_bytes_get_data (reference, NULL);
  for (gsize i = 0; i < size; i++)
    if (ABS ((int) a[i] - (int) b[i]) > 2)
      far_off++;
  g_assert_cmpuint (far_off, ==, 0);

  /* At scale 1 it is the plain frame. */
  scaled_up = render_scaled (renderer, &params, 1.0f);
  g_clear_pointer (&reference, g_bytes_unref);
  reference = render (renderer, &params, 1);
  g_assert_true (g_bytes_equal (scaled_up, reference));

  /* At scale 0.5 a quarter of the pixels are drawn and stretched: coarser, same picture. */
  half = render_scaled (renderer, &params, 0.5f);
  save_if_asked (half, WIDTH, HEIGHT, "renderer-half.ppm");
  pleat_test_count_bands (g_bytes_get_data (half, NULL), WIDTH * 4, 0, 0, WIDTH / 2, HEIGHT,
                          left);
  pleat_test_count_bands (g_bytes_get_data (half, NULL), WIDTH * 4, WIDTH / 2, 0, WIDTH / 2,
                          HEIGHT, right);
  g_assert_cmpuint (left[PLEAT_TEST_BAND_VERY_HIGH], >, 2500);
  g_assert_cmpuint (left[PLEAT_TEST_BAND_VERY_LOW], ==, 0);
  g_assert_cmpuint (right[PLEAT_TEST_BAND_VERY_LOW], >, 2500);
  g_assert_cmpuint (right[PLEAT_TEST_BAND_VERY_HIGH], ==, 0);
}

static void
test_renderer_too_large (void)
{
  g_autoptr(PleatRenderer) renderer = renderer_new (FALSE);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) image = NULL;
  PleatRenderParams params;

  params_init (&params, 20000, 100, 1.0f);
  image = pleat_renderer_render_image (renderer, &params, 1, &error);
  g_assert_error (error, PLEAT_RENDERER_ERROR, PLEAT_RENDERER_ERROR_TOO_LARGE);
  g_assert_null (image);
}

/* Centroid of the pixels of one band, in image coordinates; FALSE when there are none. */
static gboolean
band_centroid (GBytes        *image,
               int            width,
               int            height,
               PleatTestBand  band,
               double        *x,
               double        *y,
               guint         *count)
{
  const guint8 *data = g_bytes_get_data (image, NULL);
  double sx = 0;
  double sy = 0;
  guint n = 0;

  for (int row = 0; row < height; row++)
    for (int col = 0; col < width; col++)
      if (pleat_test_classify_band (data + ((gsize) row * width + col) * 4) == band)
        {
          sx += col;
          sy += row;
          n++;
        }
  *count = n;
  if (n == 0)
    return FALSE;
  *x = sx / n;
  *y = sy / n;
  return TRUE;
}

/* A 40-residue helix whose first half has pLDDT 95 and second half 40, through the real
 * scene (geometry and pLDDT band colors) and camera: the very high color must show where the
 * first half projects, the very low color where the second does. */
static void
test_renderer_scene_halves (gconstpointer data)
{
  PleatRepresentation representation = GPOINTER_TO_INT (data);
  g_autoptr(PleatStructure) structure = pleat_test_structure_backbone (40, TRUE, 95.0f, 40.0f);
  g_autoptr(PleatScene) scene = pleat_scene_new ();
  g_autoptr(PleatRenderer) renderer = renderer_new (FALSE);
  g_autoptr(GBytes) image = NULL;
  g_autoptr(GBytes) again = NULL;
  PleatRenderParams params;
  PleatCamera camera;
  const PleatAtom *atoms;
  float center[3];
  float radius;
  double expected[2][2] = { { 0, 0 }, { 0, 0 } };
  const int width = 400;
  const int height = 300;

  pleat_scene_add_structure (scene, structure);
  pleat_scene_set_representation (scene, representation);
  pleat_scene_set_color_scheme (scene, PLEAT_COLOR_SCHEME_PLDDT);
  g_assert_true (pleat_scene_build (scene));
  pleat_renderer_upload_scene (renderer, scene);

  /* Look across the helix: its axis runs from the first residue to the last. */
  pleat_camera_init (&camera);
  pleat_camera_set_viewport (&camera, width, height);
  pleat_scene_get_bounds (scene, center, &radius);
  pleat_camera_fit (&camera, center, radius);

  memset (&params, 0, sizeof params);
  pleat_camera_get_view (&camera, params.view);
  pleat_camera_get_projection (&camera, params.projection);
  params.width = width;
  params.height = height;
  params.background[0] = params.background[1] = params.background[2] = 1.0f;
  params.background[3] = 1.0f;
  params.outline = 0.4f;
  image = render (renderer, &params, 1);
  {
    g_autofree char *name = g_strdup_printf ("renderer-scene-%d.ppm", representation);

    save_if_asked (image, width, height, name);
  }

  /* Where each half's C-alpha atoms land on screen. */
  atoms = pleat_structure_get_atoms (structure, NULL);
  for (guint r = 0; r < 40; r++)
    {
      gint ca = pleat_structure_find_atom (structure, r, "CA");
      float point[3] = { atoms[ca].x, atoms[ca].y, atoms[ca].z };
      float x = 0;
      float y = 0;

      g_assert_true (pleat_camera_project (&camera, point, &x, &y));
      expected[r / 20][0] += x / 20.0;
      expected[r / 20][1] += y / 20.0;
    }

  for (int half = 0; half < 2; half++)
    {
      PleatTestBand band = half == 0 ? PLEAT_TEST_BAND_VERY_HIGH : PLEAT_TEST_BAND_VERY_LOW;
      double x = 0;
      double y = 0;
      guint count;

      g_assert_true (band_centroid (image, width, height, band, &x, &y, &count));
      g_test_message ("half %d: %u pixels around (%.0f, %.0f), C-alpha atoms around (%.0f, %.0f)",
                      half, count, x, y, expected[half][0], expected[half][1]);
      g_assert_cmpuint (count, >, 300);
      /* Both halves are about 30 A long: their pixels center near their atoms, far from the
       * other half's. */
      g_assert_cmpfloat (hypot (x - expected[half][0], y - expected[half][1]), <, 30.0);
      g_assert_cmpfloat (hypot (x - expected[1 - half][0], y - expected[1 - half][1]), >, 40.0);
    }
  {
    guint counts[PLEAT_TEST_N_BANDS];

    pleat_test_count_bands (g_bytes_get_data (image, NULL), width * 4, 0, 0, width, height,
                            counts);
    g_assert_cmpuint (counts[PLEAT_TEST_BAND_CONFIDENT] + counts[PLEAT_TEST_BAND_LOW], <,
                      (counts[PLEAT_TEST_BAND_VERY_HIGH] + counts[PLEAT_TEST_BAND_VERY_LOW]) / 20);
  }

  again = render (renderer, &params, 1);
  g_assert_true (g_bytes_equal (image, again));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/pleat/ui/Renderer/sphere-bands", test_renderer_sphere_bands);
  g_test_add_func ("/pleat/ui/Renderer/deterministic", test_renderer_deterministic);
  g_test_add_func ("/pleat/ui/Renderer/transparent", test_renderer_transparent);
  g_test_add_func ("/pleat/ui/Renderer/depth", test_renderer_depth);
  g_test_add_func ("/pleat/ui/Renderer/cylinders", test_renderer_cylinders);
  g_test_add_func ("/pleat/ui/Renderer/mesh", test_renderer_mesh);
  g_test_add_func ("/pleat/ui/Renderer/highlight", test_renderer_highlight);
  g_test_add_func ("/pleat/ui/Renderer/gles", test_renderer_gles);
  g_test_add_func ("/pleat/ui/Renderer/tiled", test_renderer_tiled);
  g_test_add_func ("/pleat/ui/Renderer/too-large", test_renderer_too_large);
  g_test_add_func ("/pleat/ui/Renderer/scaled", test_renderer_scaled);
  g_test_add_data_func ("/pleat/ui/Renderer/scene-halves/cartoon",
                        GINT_TO_POINTER (PLEAT_REPRESENTATION_CARTOON),
                        test_renderer_scene_halves);
  g_test_add_data_func ("/pleat/ui/Renderer/scene-halves/trace",
                        GINT_TO_POINTER (PLEAT_REPRESENTATION_TRACE),
                        test_renderer_scene_halves);
  g_test_add_data_func ("/pleat/ui/Renderer/scene-halves/ball-and-stick",
                        GINT_TO_POINTER (PLEAT_REPRESENTATION_BALL_AND_STICK),
                        test_renderer_scene_halves);
  g_test_add_data_func ("/pleat/ui/Renderer/scene-halves/spacefill",
                        GINT_TO_POINTER (PLEAT_REPRESENTATION_SPACEFILL),
                        test_renderer_scene_halves);

  return g_test_run ();
}
