/* pleat-test-ui.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <gdk/x11/gdkx.h>
#include <X11/extensions/XTest.h>

#include "pleat-test-ui.h"

gboolean
pleat_test_wait_until (PleatTestCondition cond,
                       gpointer           data,
                       guint              timeout_ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  while (!cond (data))
    {
      if (g_get_monotonic_time () > end)
        return FALSE;
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
  return TRUE;
}

void
pleat_test_spin (guint ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) ms * 1000;

  while (g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
}

GBytes *
pleat_test_snapshot (GtkWidget       *widget,
                     int             *window_width,
                     int             *window_height,
                     graphene_rect_t *widget_bounds)
{
  GtkWidget *window = GTK_WIDGET (gtk_widget_get_root (widget));
  int width = gtk_widget_get_width (window);
  int height = gtk_widget_get_height (window);
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (window);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  guint8 *pixels;
  int tex_width;
  int tex_height;

  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  tex_width = gdk_texture_get_width (texture);
  tex_height = gdk_texture_get_height (texture);
  g_assert_cmpint (tex_width, ==, width);
  g_assert_cmpint (tex_height, ==, height);

  /* Downloads are premultiplied B, G, R, A bytes on little-endian machines. */
  pixels = g_malloc ((gsize) width * height * 4);
  gdk_texture_download (texture, pixels, (gsize) width * 4);
  for (gsize i = 0; i < (gsize) width * height; i++)
    {
      guint8 *p = pixels + i * 4;
      guint8 b = p[0];
      guint8 r = p[2];
      guint8 a = p[3];

      p[0] = a ? MIN (255, r * 255 / a) : 0;
      p[1] = a ? MIN (255, p[1] * 255 / a) : 0;
      p[2] = a ? MIN (255, b * 255 / a) : 0;
    }

  if (widget_bounds != NULL)
    g_assert_true (gtk_widget_compute_bounds (widget, window, widget_bounds));
  *window_width = width;
  *window_height = height;
  return g_bytes_new_take (pixels, (gsize) width * height * 4);
}

void
pleat_test_save_png (GBytes     *rgba,
                     int         width,
                     int         height,
                     const char *name)
{
  const char *outdir = g_getenv ("PLEAT_TEST_OUTDIR");
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;

  if (outdir == NULL)
    return;
  texture = gdk_memory_texture_new (width, height, GDK_MEMORY_R8G8B8A8, rgba, (gsize) width * 4);
  path = g_build_filename (outdir, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

static Display *
x_display (GtkWidget *widget)
{
  GdkDisplay *display = gtk_widget_get_display (widget);

  g_assert_true (GDK_IS_X11_DISPLAY (display));
  return gdk_x11_display_get_xdisplay (display);
}

/* Widget coordinates to root window coordinates. */
static void
to_root (GtkWidget *widget,
         double     x,
         double     y,
         int       *root_x,
         int       *root_y)
{
  GtkNative *native = gtk_widget_get_native (widget);
  GdkSurface *surface = gtk_native_get_surface (native);
  Display *dpy = x_display (widget);
  graphene_point_t point;
  double surface_x;
  double surface_y;
  Window child;

  g_assert_true (gtk_widget_compute_point (widget, GTK_WIDGET (native),
                                           &GRAPHENE_POINT_INIT (x, y), &point));
  /* The native's origin sits inside its surface by the client-side decoration margin. */
  gtk_native_get_surface_transform (native, &surface_x, &surface_y);
  XTranslateCoordinates (dpy, gdk_x11_surface_get_xid (surface), DefaultRootWindow (dpy),
                         (int) (point.x + surface_x + 0.5), (int) (point.y + surface_y + 0.5),
                         root_x, root_y, &child);
}

void
pleat_test_pointer_move (GtkWidget *widget,
                         double     x,
                         double     y)
{
  Display *dpy = x_display (widget);
  int root_x;
  int root_y;

  to_root (widget, x, y, &root_x, &root_y);
  XTestFakeMotionEvent (dpy, -1, root_x, root_y, CurrentTime);
  XFlush (dpy);
  pleat_test_spin (30);
}

void
pleat_test_pointer_button (GtkWidget *widget,
                           guint      button,
                           gboolean   press)
{
  Display *dpy = x_display (widget);

  XTestFakeButtonEvent (dpy, button, press, CurrentTime);
  XFlush (dpy);
  pleat_test_spin (30);
}

void
pleat_test_key (GtkWidget *widget,
                guint      keyval,
                gboolean   press)
{
  Display *dpy = x_display (widget);
  KeyCode code = XKeysymToKeycode (dpy, keyval);

  g_assert_cmpuint (code, !=, 0);
  XTestFakeKeyEvent (dpy, code, press, CurrentTime);
  XFlush (dpy);
  pleat_test_spin (30);
}

void
pleat_test_click (GtkWidget *widget,
                  guint      button,
                  double     x,
                  double     y)
{
  pleat_test_pointer_move (widget, x, y);
  pleat_test_pointer_button (widget, button, TRUE);
  pleat_test_pointer_button (widget, button, FALSE);
}

gboolean
pleat_test_label_shown (GtkWidget  *root,
                        const char *needle)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child) && gtk_widget_is_visible (child) &&
          strstr (gtk_label_get_label (GTK_LABEL (child)), needle) != NULL)
        return TRUE;
      if (pleat_test_label_shown (child, needle))
        return TRUE;
    }
  return FALSE;
}

typedef struct
{
  GtkApplication *app;
  gboolean        activate;
  void          (*body) (gpointer data);
  gpointer        data;
} RunInApp;

static gboolean
run_in_app_cb (gpointer user_data)
{
  RunInApp *run = user_data;
  GList *windows;

  if (run->activate)
    g_application_activate (G_APPLICATION (run->app));
  run->body (run->data);

  while ((windows = gtk_application_get_windows (run->app)) != NULL)
    gtk_window_destroy (windows->data);
  pleat_test_spin (50);
  g_application_quit (G_APPLICATION (run->app));
  return G_SOURCE_REMOVE;
}

void
pleat_test_run_in_app (GtkApplication *app,
                       gboolean        activate,
                       void          (*body) (gpointer data),
                       gpointer        data)
{
  RunInApp run = { app, activate, body, data };
  char *argv[] = { (char *) g_get_prgname (), NULL };

  g_idle_add (run_in_app_cb, &run);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), 1, argv), ==, 0);
}
