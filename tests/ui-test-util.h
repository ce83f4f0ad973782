/* ui-test-util.h
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Helpers for the widget tests: the app's stylesheet, a bounded main loop, rendering a widget
 * to pixels as the window's renderer draws it, and structures to show.
 */
#pragma once

#include <gtk/gtk.h>

#include "pleat-structure.h"
#include "pleat-test-ui.h"   /* pleat_test_wait_until (), pleat_test_spin () */

G_BEGIN_DECLS

/* gtk_test_init(), the UI resources and the app's style.css on the default display. */
void            ui_test_init               (int           *argc,
                                            char        ***argv);
/* Iterates the default main context until cond (data) or the timeout; returns cond's value. */
/* A window with the widget as its only child, presented, mapped and drawn once. */
GtkWindow      *ui_test_window_new         (GtkWidget     *child,
                                            int            width,
                                            int            height);
/* The widget rendered by its window's renderer (transfer full). */
GdkTexture     *ui_test_render_widget      (GtkWidget     *widget);
/* The pixel at x, y as 8-bit R, G, B, A (unpremultiplied for opaque pixels). */
void            ui_test_texture_pixel      (GdkTexture    *texture,
                                            int            x,
                                            int            y,
                                            guint8         rgba[4]);
/* Saves to $PLEAT_TEST_OUTDIR/name (the build's tests folder) and returns the path. */
char           *ui_test_save_png           (GdkTexture    *texture,
                                            const char    *name);
/* A chain-per-entry structure of CA-only residues; plddt (n_total, may be NULL) per residue. */
PleatStructure *ui_test_structure_new      (const char   *const *chain_sequences,
                                            const int           *first_numbers,
                                            const float         *plddt);
/* The ESMFold dimer of the shared fixtures (11 + 11 residues), or NULL when the fixtures are
 * not there. */
PleatStructure *ui_test_load_dimer         (void);

G_END_DECLS
