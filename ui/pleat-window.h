/* pleat-window.h
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define PLEAT_TYPE_WINDOW (pleat_window_get_type ())

G_DECLARE_FINAL_TYPE (PleatWindow, pleat_window, PLEAT, WINDOW, GtkApplicationWindow)

PleatWindow *pleat_window_new            (GtkApplication *application);
/* Where the app looks for models, and whether one is there: the welcome page tells a user
 * without a model how to get one. */
void         pleat_window_set_model_info (PleatWindow    *self,
                                          const char     *model_name,
                                          const char     *models_dir);

G_END_DECLS
