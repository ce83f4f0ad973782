/* ui-test-util.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#if defined(__SANITIZE_ADDRESS__)
#include <dlfcn.h>
#endif

#include "pleat-residues.h"
#include "pleat-structure-reader.h"
#include "pleat-ui.h"
#include "pleat-test-ui.h"
#include "ui-test-util.h"

void
ui_test_init (int    *argc,
              char ***argv)
{
  g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

#if defined(__SANITIZE_ADDRESS__)
  /* Keep Mesa's driver mapped so that LeakSanitizer can name (and suppress) its one-off
   * allocations after GLX unloads it at exit. */
  dlopen ("/usr/lib/x86_64-linux-gnu/dri/swrast_dri.so", RTLD_LAZY | RTLD_NODELETE);
#endif
  gtk_test_init (argc, argv, NULL);
  pleat_ui_init ();
  /* What GtkApplication's resource-base-path does for the app. */
  gtk_css_provider_load_from_resource (css, PLEAT_RESOURCE_PREFIX "/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

static gboolean
is_mapped (gpointer widget)
{
  return gtk_widget_get_mapped (widget);
}

GtkWindow *
ui_test_window_new (GtkWidget *child,
                    int        width,
                    int        height)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());

  gtk_window_set_default_size (window, width, height);
  gtk_window_set_child (window, child);
  gtk_window_present (window);
  g_assert_true (pleat_test_wait_until (is_mapped, child, 5000));
  /* Let layout and the first frame happen. */
  pleat_test_spin (100);
  return window;
}

static void
after_paint_cb (GdkFrameClock *clock,
                gboolean      *done)
{
  *done = TRUE;
}

static gboolean
is_true (gpointer data)
{
  return *(gboolean *) data;
}

static void
wait_for_paint (GtkWidget *widget)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  gboolean done = FALSE;
  gulong handler;

  g_assert_nonnull (clock);
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &done);
  gdk_frame_clock_request_phase (clock, GDK_FRAME_CLOCK_PHASE_PAINT);
  g_assert_true (pleat_test_wait_until (is_true, &done, 5000));
  g_signal_handler_disconnect (clock, handler);
}

GdkTexture *
ui_test_render_widget (GtkWidget *widget)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot;
  int width, height;
  GskRenderNode *node;
  GskRenderer *renderer;
  GdkTexture *texture;

  /* The paintable shows the widget's last frame: let a new one be painted first. Two frame
   * cycles: on X11 the first can be one whose drawing was already done (observed: one cycle
   * missed a queued redraw about half the time, two never did). The size is read after, as
   * layout may have changed. */
  wait_for_paint (widget);
  wait_for_paint (widget);
  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  g_assert_cmpint (width, >, 0);
  g_assert_cmpint (height, >, 0);
  snapshot = gtk_snapshot_new ();
  /* An opaque window-coloured backdrop, as the widget appears in its window. */
  gtk_snapshot_append_color (snapshot, &(GdkRGBA) { 0.98f, 0.98f, 0.98f, 1 },
                             &GRAPHENE_RECT_INIT (0, 0, width, height));
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  gsk_render_node_unref (node);
  return texture;
}

void
ui_test_texture_pixel (GdkTexture *texture,
                       int         x,
                       int         y,
                       guint8      rgba[4])
{
  int width = gdk_texture_get_width (texture);
  int height = gdk_texture_get_height (texture);
  g_autofree guint8 *pixels = NULL;
  const guint8 *p;

  g_assert_cmpint (x, >=, 0);
  g_assert_cmpint (y, >=, 0);
  g_assert_cmpint (x, <, width);
  g_assert_cmpint (y, <, height);
  pixels = g_malloc ((gsize) width * height * 4);
  gdk_texture_download (texture, pixels, (gsize) width * 4);
  /* CAIRO_FORMAT_ARGB32: B, G, R, A in memory on little-endian machines. */
  p = pixels + ((gsize) y * width + x) * 4;
  rgba[0] = p[2];
  rgba[1] = p[1];
  rgba[2] = p[0];
  rgba[3] = p[3];
}

char *
ui_test_save_png (GdkTexture *texture,
                  const char *name)
{
  const char *dir = g_getenv ("PLEAT_TEST_OUTDIR");
  char *path = g_build_filename (dir != NULL ? dir : g_get_tmp_dir (), name, NULL);

  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
  return path;
}

PleatStructure *
ui_test_structure_new (const char *const *chain_sequences,
                       const int         *first_numbers,
                       const float       *plddt)
{
  PleatStructure *structure = pleat_structure_new ();
  guint k = 0;

  for (guint c = 0; chain_sequences[c] != NULL; c++)
    {
      char id[2] = { (char) ('A' + c), '\0' };

      pleat_structure_add_chain (structure, id, id);
      for (guint i = 0; chain_sequences[c][i] != '\0'; i++, k++)
        {
          pleat_structure_add_residue (structure,
                                       pleat_residue_three_letter (chain_sequences[c][i]),
                                       first_numbers[c] + (int) i, '\0');
          pleat_structure_add_atom (structure, "CA", "C", (float) k * 3.8f, 0, 0);
          if (plddt != NULL)
            pleat_structure_get_last_residue (structure)->plddt = plddt[k];
        }
    }
  return structure;
}

PleatStructure *
ui_test_load_dimer (void)
{
  const char *shared = g_getenv ("PLEAT_SHARED_FIXTURES");
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GPtrArray) models = NULL;
  g_autoptr(GError) error = NULL;

  if (shared == NULL)
    return NULL;
  path = g_build_filename (shared, "esmfold_v1", "tiny-a", "case_a_dimer.pdb", NULL);
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return NULL;
  file = g_file_new_for_path (path);
  models = pleat_structure_load (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (models->len, >=, 1);
  return g_object_ref (g_ptr_array_index (models, 0));
}
