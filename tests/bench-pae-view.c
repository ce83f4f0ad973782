/* bench-pae-view.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * How responsive the PAE map stays on a large complex: `meson test --benchmark pae-view`
 * (or run it under tests/xvfb-wrapper.sh with the size as argument, default 5000). Prints
 * the one-off cost of a new matrix and the per-frame costs of hovering, zooming and
 * selecting, each the median of several runs.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "pleat-pae-view-private.h"
#include "ui-test-util.h"

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (double *values,
        guint   n)
{
  qsort (values, n, sizeof (double), compare_doubles);
  return values[n / 2];
}

/* One frame of the map as the window's renderer draws it: our snapshot (CPU), then GSK's
 * render (llvmpipe under Xvfb, a GPU in real use). Returns the total; *draw_ms the first part. */
static double
frame_ms (GtkWidget *canvas,
          double    *draw_ms)
{
  int width = gtk_widget_get_width (canvas), height = gtk_widget_get_height (canvas);
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (canvas));
  gint64 start = g_get_monotonic_time (), drawn;
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  GskRenderNode *node;
  GdkTexture *texture;

  _pleat_pae_view_draw (PLEAT_CANVAS (canvas), snapshot, width, height,
                        gtk_widget_get_ancestor (canvas, PLEAT_TYPE_PAE_VIEW));
  node = gtk_snapshot_free_to_node (snapshot);
  drawn = g_get_monotonic_time ();
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  gsk_render_node_unref (node);
  g_object_unref (texture);
  if (draw_ms != NULL)
    *draw_ms = (drawn - start) / 1000.0;
  return (g_get_monotonic_time () - start) / 1000.0;
}

static gboolean
map_shown (gpointer view)
{
  return g_strcmp0 (gtk_stack_get_visible_child_name (PLEAT_PAE_VIEW (view)->stack), "map") == 0;
}

int
main (int   argc,
      char *argv[])
{
  guint n = argc > 1 ? (guint) atoi (argv[1]) : 5000;
  g_autofree char *sequence = NULL;
  const char *chains[] = { NULL, NULL, NULL };
  const int numbers[] = { 1, 1 };
  g_autoptr(PleatStructure) structure = NULL;
  g_autoptr(PleatPaeImage) image = NULL;
  float *pae;
  PleatPaeView *view;
  GtkWindow *window;
  GtkWidget *canvas;
  PaeLayout layout;
  double times[9], draws[9];
  gint64 start;

  ui_test_init (&argc, &argv);
  g_assert_cmpuint (n, >=, 10);

  /* Two chains, domain-like blocks and noise, so that no level of the pyramid is flat. */
  sequence = g_malloc (n + 1);
  for (guint i = 0; i < n; i++)
    sequence[i] = "ACDEFGHIKLMNPQRSTVWY"[i % 20];
  sequence[n] = '\0';
  chains[0] = g_strndup (sequence, n / 2);
  chains[1] = sequence + n / 2;
  structure = ui_test_structure_new (chains, numbers, NULL);
  g_free ((char *) chains[0]);
  pae = g_new (float, (gsize) n * n);
  for (guint i = 0; i < n; i++)
    for (guint j = 0; j < n; j++)
      pae[(gsize) i * n + j] = (i / 700 == j / 700 ? 2.0f : 18.0f)
                               + 8.0f * (float) ((i * 7919u + j * 104729u) % 100) / 100.0f;
  pleat_structure_take_pae (structure, n, pae, 31.75f);

  printf ("PAE map %u x %u (%.0f M cells)\n", n, n, (double) n * n / 1e6);

  /* Colouring and the pyramid: once per matrix. */
  for (guint r = 0; r < 3; r++)
    {
      g_clear_pointer (&image, pleat_pae_image_free);
      start = g_get_monotonic_time ();
      image = pleat_pae_image_new (pleat_structure_get_pae (structure, NULL, NULL), n);
      times[r] = (g_get_monotonic_time () - start) / 1000.0;
    }
  printf ("  colour + pyramid, once per matrix:       %8.1f ms\n", median (times, 3));

  /* Resampling to a 700 x 700 texture: once per view change. */
  {
    static const struct { const char *what; double span; } views[] = {
      { "whole map", 0 }, { "1/10 of it", 0.1 }, { "40 cells", -40 }, { "4 cells", -4 },
    };
    g_autofree guint8 *flags = g_new0 (guint8, n);

    for (guint i = n / 3; i < n / 3 + 50; i++)
      flags[i] = 1;
    for (guint v = 0; v < G_N_ELEMENTS (views); v++)
      {
        double span = views[v].span == 0 ? n : views[v].span > 0 ? views[v].span * n
                                                                 : -views[v].span;

        for (guint r = 0; r < 9; r++)
          {
            GdkTexture *texture;

            start = g_get_monotonic_time ();
            texture = pleat_pae_image_render (image, n / 4.0, n / 4.0, span, span, 700, 700,
                                              r % 2 ? flags : NULL);
            times[r] = (g_get_monotonic_time () - start) / 1000.0;
            g_object_unref (texture);
          }
        printf ("  resample to 700 x 700, %-12s      %8.2f ms\n", views[v].what,
                median (times, 9));
      }
  }

  /* The widget: a new structure, then frames. */
  view = PLEAT_PAE_VIEW (pleat_pae_view_new ());
  window = ui_test_window_new (GTK_WIDGET (view), 900, 800);
  canvas = GTK_WIDGET (_pleat_pae_view_get_canvas (view));
  start = g_get_monotonic_time ();
  pleat_pae_view_set_structure (view, structure);
  printf ("  pleat_pae_view_set_structure() returns:  %8.1f ms\n",
          (g_get_monotonic_time () - start) / 1000.0);
  g_assert_true (pleat_test_wait_until (map_shown, view, 10000));
  printf ("  ... and the map is shown after:          %8.1f ms\n",
          (g_get_monotonic_time () - start) / 1000.0);
  pleat_test_spin (100);
  layout = _pleat_pae_view_layout (view);
  printf ("  map on screen: %.0f x %.0f px\n", layout.size, layout.size);

  printf ("  frames (median of 9): snapshot by the view + render by GSK = total\n");
  frame_ms (canvas, NULL);
  for (guint r = 0; r < 9; r++)
    {
      double x = layout.x + layout.size * (0.1 + 0.08 * r), y = layout.y + layout.size * 0.5;

      _pleat_pae_view_motion (view, x, y);
      times[r] = frame_ms (canvas, &draws[r]);
    }
  printf ("  after a hover (texture reused):   %6.2f ms + GSK = %6.2f ms\n",
          median (draws, 9), median (times, 9));

  for (guint r = 0; r < 9; r++)
    {
      _pleat_pae_view_zoom (view, r % 2 ? 0.8 : 1.25, layout.x + layout.size / 3,
                            layout.y + layout.size / 3);
      times[r] = frame_ms (canvas, &draws[r]);
    }
  printf ("  after a zoom step (new texture):  %6.2f ms + GSK = %6.2f ms\n",
          median (draws, 9), median (times, 9));

  pleat_pae_view_reset_zoom (view);
  for (guint r = 0; r < 9; r++)
    {
      guint first = (n / 10 * r) % (n - n / 20);

      pleat_selection_select_range (pleat_pae_view_get_selection (view), structure,
                                    first, first + n / 25);
      times[r] = frame_ms (canvas, &draws[r]);
    }
  printf ("  after a selection change:         %6.2f ms + GSK = %6.2f ms\n",
          median (draws, 9), median (times, 9));

  gtk_window_destroy (window);
  pleat_test_spin (20);
  return 0;
}
