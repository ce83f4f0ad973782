/* pleat-window-private.h
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What pleat-window.c shares with the files that implement its other concerns.
 */
#pragma once

#include "pleat-structure-page.h"
#include "pleat-window.h"

G_BEGIN_DECLS

/* pleat-window-save.c: the "win.save-results" action. */
void                _pleat_window_save_results_action (GtkWidget   *widget,
                                                       const char  *action_name,
                                                       GVariant    *parameter);
/* The page of the current tab, or NULL. */
PleatStructurePage *_pleat_window_get_current_page    (PleatWindow *self);

G_END_DECLS
