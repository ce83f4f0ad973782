/* bench-viewer.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The structure viewer's benchmark: load time, geometry build time and frame time for one
 * structure file (the meson benchmark uses ~10,000 residues tiled from 1TII), per
 * representation, on whatever GL the machine has (llvmpipe here). Two modes:
 *
 *   bench-viewer --gtk FILE   the real PleatStructureView in a window (run under Xvfb): load
 *                             and build on their worker threads while a 2 ms timer measures
 *                             how long the UI thread ever went without running (the longest
 *                             stall), then frames per second while the view turns every frame.
 *   bench-viewer --egl FILE   the renderer alone on an EGL surfaceless context: scene build,
 *                             upload, and draw time per frame (glFinish) at 1280 x 800.
 *
 * Timings are printed, never asserted: this is a benchmark, not a test.
 */
#include "config.h"

#include <epoxy/gl.h>
#include <math.h>
#include <string.h>
#include <time.h>

#include "pleat-camera.h"
#include "pleat-renderer.h"
#include "pleat-scene.h"
#include "pleat-structure-reader.h"
#include "pleat-structure-view.h"
#include "pleat-test-gl.h"
#include "pleat-ui.h"

#define FRAME_WIDTH  1280
#define FRAME_HEIGHT 800

static const char *const representation_names[] = {
  "cartoon", "trace", "ball-and-stick", "spacefill",
};

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

/* CPU time of the whole process (llvmpipe's threads included): what a frame costs, even on a
 * machine busy with other work, where wall time only says how long it waited. */
static double
cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
median (GArray *values)
{
  g_array_sort (values, compare_doubles);
  return values->len > 0 ? g_array_index (values, double, values->len / 2) : NAN;
}

/* The UI thread's longest absence: a short timer should fire every 2 ms. */
typedef struct
{
  double last;
  double longest;
} StallMonitor;

static gboolean
stall_tick_cb (gpointer data)
{
  StallMonitor *monitor = data;
  double t = now_ms ();

  monitor->longest = MAX (monitor->longest, t - monitor->last);
  monitor->last = t;
  return G_SOURCE_CONTINUE;
}

static void
stall_reset (StallMonitor *monitor)
{
  monitor->last = now_ms ();
  monitor->longest = 0;
}

static void
load_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  GPtrArray **out = data;
  g_autoptr(GError) error = NULL;

  *out = pleat_structure_load_finish (result, &error);
  if (*out == NULL)
    g_error ("load failed: %s", error->message);
}

static PleatStructure *
load (GFile  *file,
      double *ms)
{
  g_autoptr(GPtrArray) structures = NULL;
  double t = now_ms ();

  pleat_structure_load_async (file, NULL, load_done_cb, &structures);
  while (structures == NULL)
    g_main_context_iteration (NULL, TRUE);
  *ms = now_ms () - t;
  return g_object_ref (g_ptr_array_index (structures, 0));
}

typedef struct
{
  PleatStructureView *view;
  guint               frames;
  double              first;
  double              last;
} FrameCounter;

static gboolean
turn_tick_cb (GtkWidget     *widget,
              GdkFrameClock *clock,
              gpointer       data)
{
  /* Turning is what users do most: an arcball step per frame, as a drag gives. */
  pleat_structure_view_turn (PLEAT_STRUCTURE_VIEW (widget), 6.0, 0.0);
  return G_SOURCE_CONTINUE;
}

static gboolean
render_count_cb (GtkGLArea    *area,
                 GdkGLContext *context,
                 FrameCounter *counter)
{
  double t = now_ms ();

  if (counter->frames == 0)
    counter->first = t;
  counter->last = t;
  counter->frames++;
  return FALSE;
}

static int
run_gtk (GFile *file)
{
  g_autoptr(PleatStructure) structure = NULL;
  StallMonitor monitor = { 0, 0 };
  FrameCounter counter = { 0 };
  GtkWindow *window;
  PleatStructureView *view;
  double load_ms;
  guint stall_source;

  pleat_ui_init ();
  window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (window, FRAME_WIDTH, FRAME_HEIGHT);
  view = PLEAT_STRUCTURE_VIEW (pleat_structure_view_new ());
  counter.view = view;
  g_signal_connect (view, "render", G_CALLBACK (render_count_cb), &counter);
  gtk_window_set_child (window, GTK_WIDGET (view));
  gtk_window_present (window);
  while (counter.frames == 0)
    g_main_context_iteration (NULL, TRUE);

  stall_source = g_timeout_add (2, stall_tick_cb, &monitor);
  stall_reset (&monitor);
  structure = load (file, &load_ms);
  g_print ("load (read, parse, secondary structure; worker thread): %.0f ms, %u residues, "
           "%u atoms; longest UI stall %.1f ms\n",
           load_ms, pleat_structure_get_n_residues (structure),
           pleat_structure_get_n_atoms (structure), monitor.longest);

  for (guint r = 0; r < G_N_ELEMENTS (representation_names); r++)
    {
      double t = now_ms ();
      double build_ms;
      double build_stall;
      double first_frame;
      double cpu;
      guint tick;

      pleat_structure_view_set_representation (view, r);
      if (r == 0)
        pleat_structure_view_set_structure (view, structure);
      stall_reset (&monitor);
      while (pleat_structure_view_get_busy (view) || pleat_structure_view_get_scene (view) == NULL)
        g_main_context_iteration (NULL, TRUE);
      build_ms = now_ms () - t;
      build_stall = monitor.longest;

      t = now_ms ();
      counter.frames = 0;
      while (counter.frames == 0)
        g_main_context_iteration (NULL, TRUE);
      while (g_main_context_iteration (NULL, FALSE))
        ;
      first_frame = now_ms () - t;
      g_print ("%-15s build (worker) %5.0f ms, longest UI stall meanwhile %5.1f ms; "
               "upload + first frame %5.0f ms", representation_names[r], build_ms, build_stall,
               first_frame);

      /* Turn the view every frame for three seconds. */
      counter.frames = 0;
      tick = gtk_widget_add_tick_callback (GTK_WIDGET (view), turn_tick_cb, NULL, NULL);
      t = now_ms ();
      cpu = cpu_ms ();
      while (now_ms () - t < 3000)
        g_main_context_iteration (NULL, TRUE);
      cpu = cpu_ms () - cpu;
      gtk_widget_remove_tick_callback (GTK_WIDGET (view), tick);
      g_print ("; turning: %.1f frames/s (%.1f ms, %.1f ms CPU per frame)\n",
               (counter.frames - 1) * 1000.0 / (counter.last - counter.first),
               (counter.last - counter.first) / MAX (counter.frames - 1, 1),
               cpu / MAX (counter.frames, 1));

      /* Let the view settle at rest quality before the next representation. */
      t = now_ms ();
      while (now_ms () - t < 500)
        g_main_context_iteration (NULL, TRUE);
    }

  g_source_remove (stall_source);
  gtk_window_destroy (window);
  return 0;
}

static int
run_egl (GFile *file)
{
  g_autoptr(PleatStructure) structure = NULL;
  g_autoptr(PleatRenderer) renderer = NULL;
  g_autoptr(GError) error = NULL;
  GLuint fbo;
  GLuint renderbuffers[2];
  double load_ms;

  structure = load (file, &load_ms);
  g_print ("load (read, parse, secondary structure): %.0f ms, %u residues, %u atoms\n",
           load_ms, pleat_structure_get_n_residues (structure),
           pleat_structure_get_n_atoms (structure));

  pleat_test_gl_make_current (FALSE);
  g_print ("GL: %s, %s\n", glGetString (GL_VERSION), glGetString (GL_RENDERER));
  renderer = pleat_renderer_new (FALSE, &error);
  g_assert_no_error (error);

  glGenFramebuffers (1, &fbo);
  glGenRenderbuffers (2, renderbuffers);
  glBindRenderbuffer (GL_RENDERBUFFER, renderbuffers[0]);
  glRenderbufferStorage (GL_RENDERBUFFER, GL_RGBA8, FRAME_WIDTH, FRAME_HEIGHT);
  glBindRenderbuffer (GL_RENDERBUFFER, renderbuffers[1]);
  glRenderbufferStorage (GL_RENDERBUFFER, GL_DEPTH_COMPONENT24, FRAME_WIDTH, FRAME_HEIGHT);
  glBindFramebuffer (GL_FRAMEBUFFER, fbo);
  glFramebufferRenderbuffer (GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER,
                             renderbuffers[0]);
  glFramebufferRenderbuffer (GL_FRAMEBUFFER, GL_DEPTH_ATTACHMENT, GL_RENDERBUFFER,
                             renderbuffers[1]);
  g_assert_cmpint (glCheckFramebufferStatus (GL_FRAMEBUFFER), ==, GL_FRAMEBUFFER_COMPLETE);

  for (guint r = 0; r < G_N_ELEMENTS (representation_names); r++)
    {
      g_autoptr(PleatScene) scene = pleat_scene_new ();
      g_autoptr(GArray) frames = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr(GArray) cpu_frames = g_array_new (FALSE, FALSE, sizeof (double));
      PleatRenderParams params = { 0 };
      PleatCamera camera;
      const guint32 *indices;
      float center[3];
      float radius;
      guint n_spheres;
      guint n_cylinders;
      guint n_vertices;
      guint n_indices;
      double build_ms;
      double upload_ms;
      double t;

      pleat_scene_add_structure (scene, structure);
      pleat_scene_set_representation (scene, r);
      t = now_ms ();
      pleat_scene_build (scene);
      build_ms = now_ms () - t;
      pleat_scene_get_spheres (scene, &n_spheres);
      pleat_scene_get_cylinders (scene, &n_cylinders);
      pleat_scene_get_mesh (scene, &n_vertices, &indices, &n_indices);

      t = now_ms ();
      pleat_renderer_upload_scene (renderer, scene);
      glFinish ();
      upload_ms = now_ms () - t;

      pleat_camera_init (&camera);
      pleat_camera_set_viewport (&camera, FRAME_WIDTH, FRAME_HEIGHT);
      pleat_scene_get_bounds (scene, center, &radius);
      pleat_camera_fit (&camera, center, radius);
      params.width = FRAME_WIDTH;
      params.height = FRAME_HEIGHT;
      params.background[0] = params.background[1] = params.background[2] = 0.98f;
      params.background[3] = 1.0f;
      params.outline = 0.45f;

      for (int i = 0; i < 21; i++)
        {
          pleat_camera_arcball (&camera, FRAME_WIDTH / 2.0f, FRAME_HEIGHT / 2.0f,
                                FRAME_WIDTH / 2.0f + 10.0f, FRAME_HEIGHT / 2.0f);
          pleat_camera_get_view (&camera, params.view);
          pleat_camera_get_projection (&camera, params.projection);
          double cpu = cpu_ms ();

          t = now_ms ();
          if (!pleat_renderer_draw (renderer, &params, &error))
            g_error ("%s", error->message);
          glFinish ();
          /* The first frame compiles shader variants; leave it out. */
          if (i > 0)
            {
              g_array_append_val (frames, (double) { now_ms () - t });
              g_array_append_val (cpu_frames, (double) { cpu_ms () - cpu });
            }
        }

      g_print ("%-15s build %6.0f ms (%u spheres, %u cylinders, %u triangles), upload %5.1f ms, "
               "draw %6.1f ms per frame, %6.1f ms CPU (medians of %u at %d x %d)\n",
               representation_names[r], build_ms, n_spheres, n_cylinders, n_indices / 3,
               upload_ms, median (frames), median (cpu_frames), frames->len, FRAME_WIDTH,
               FRAME_HEIGHT);
    }

  glBindFramebuffer (GL_FRAMEBUFFER, 0);
  glDeleteFramebuffers (1, &fbo);
  glDeleteRenderbuffers (2, renderbuffers);
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GFile) file = NULL;

  if (argc != 3 || (strcmp (argv[1], "--gtk") != 0 && strcmp (argv[1], "--egl") != 0))
    {
      g_printerr ("usage: %s --gtk|--egl FILE\n", argv[0]);
      return 2;
    }
  file = g_file_new_for_commandline_arg (argv[2]);
  if (strcmp (argv[1], "--gtk") == 0)
    {
      gtk_init ();
      return run_gtk (file);
    }
  return run_egl (file);
}
