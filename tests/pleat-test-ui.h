/* pleat-test-ui.h
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Helpers for widget tests under Xvfb: waiting on the main loop, in-process screenshots, and
 * real pointer and keyboard input through the XTEST extension, so that events travel the
 * same path as a person's (X server, GDK, event controllers).
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef gboolean (*PleatTestCondition) (gpointer data);

/* Iterates the default main context until cond (data) holds; FALSE on timeout. */
gboolean  pleat_test_wait_until     (PleatTestCondition  cond,
                                     gpointer            data,
                                     guint               timeout_ms);
/* Iterates the default main context for about ms milliseconds. */
void      pleat_test_spin           (guint               ms);

/* Renders a widget's window through its own renderer. Returns RGBA bytes (straight alpha,
 * rows top to bottom, stride width * 4) of the whole window and the widget's rectangle in it. */
GBytes   *pleat_test_snapshot       (GtkWidget          *widget,
                                     int                *window_width,
                                     int                *window_height,
                                     graphene_rect_t    *widget_bounds);
/* Saves RGBA bytes as PNG into $PLEAT_TEST_OUTDIR, when set. */
void      pleat_test_save_png       (GBytes             *rgba,
                                     int                 width,
                                     int                 height,
                                     const char         *name);

/* Moves the pointer to (x, y) in widget coordinates, through the X server. */
void      pleat_test_pointer_move   (GtkWidget          *widget,
                                     double              x,
                                     double              y);
void      pleat_test_pointer_button (GtkWidget          *widget,
                                     guint               button,
                                     gboolean            press);
/* Presses or releases a key by keysym (e.g. GDK_KEY_Shift_L). */
void      pleat_test_key            (GtkWidget          *widget,
                                     guint               keyval,
                                     gboolean            press);
/* A press and release at (x, y), then the main loop until GTK has handled both. */
void      pleat_test_click          (GtkWidget          *widget,
                                     guint               button,
                                     double              x,
                                     double              y);

/* TRUE when a visible GtkLabel below root shows text containing needle. */
gboolean  pleat_test_label_shown    (GtkWidget          *root,
                                     const char         *needle);

/* Runs body (data) inside g_application_run (app), as the application runs for a user (startup,
 * activate when asked, the main loop); then closes every window and quits, whatever the body
 * left running. Asserts the run exits with 0. */
void      pleat_test_run_in_app     (GtkApplication     *app,
                                     gboolean            activate,
                                     void              (*body) (gpointer data),
                                     gpointer            data);

G_END_DECLS
