/* pleat-window.h
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The main window: the fold panel in a side pane (F9 hides it); beside it a welcome page until
 * something is open, then a viewer page with a toolbar (representation, color scheme, fit,
 * save, export) and one tab per open structure. Errors show in a banner at the top. Files
 * dropped onto the window are opened through the application.
 */
#pragma once

#include <gtk/gtk.h>

#include "pleat-fold-panel.h"
#include "pleat-structure-view.h"

G_BEGIN_DECLS

#define PLEAT_TYPE_WINDOW (pleat_window_get_type ())

G_DECLARE_FINAL_TYPE (PleatWindow, pleat_window, PLEAT, WINDOW, GtkApplicationWindow)

PleatWindow        *pleat_window_new               (GtkApplication *application);
/* Where the app looks for models, and whether one is there: the welcome page tells a user
 * without a model how to get one. */
void                pleat_window_set_model_info    (PleatWindow    *self,
                                                    const char     *model_name,
                                                    const char     *models_dir);

/* Opens a tab showing the structure and switches to it; file may be NULL. Returns the tab's
 * view (transfer none). */
PleatStructureView *pleat_window_add_structure     (PleatWindow    *self,
                                                    PleatStructure *structure,
                                                    GFile          *file);
/* Opens a tab for every model of a file (element-type PleatStructure), showing the first, with
 * a model selector when there are several. Returns the tab's view (transfer none). */
PleatStructureView *pleat_window_add_models        (PleatWindow    *self,
                                                    GPtrArray      *models,
                                                    GFile          *file);
/* The fold panel in the side pane (transfer none): the app wires it to the engine. */
PleatFoldPanel     *pleat_window_get_fold_panel    (PleatWindow    *self);

/* Copies the result files of the current tab's prediction into folder: what "Save As…" does
 * once a folder is chosen. Fails when the tab has none. */
void                pleat_window_save_results_async  (PleatWindow         *self,
                                                      GFile               *folder,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
gboolean            pleat_window_save_results_finish (PleatWindow         *self,
                                                      GAsyncResult        *result,
                                                      GError             **error);

/* The view of the current tab, or NULL. */
PleatStructureView *pleat_window_get_current_view  (PleatWindow    *self);
guint               pleat_window_get_n_structures  (PleatWindow    *self);

/* Shows message in the error banner until dismissed. */
void                pleat_window_show_error        (PleatWindow    *self,
                                                    const char     *message);
/* The message shown in the banner, or NULL when none is. */
const char         *pleat_window_get_error         (PleatWindow    *self);

/* A spinner in the header bar while files are being opened; calls nest. */
void                pleat_window_begin_loading     (PleatWindow    *self);
void                pleat_window_end_loading       (PleatWindow    *self);
gboolean            pleat_window_get_loading       (PleatWindow    *self);

G_END_DECLS
