/* pleat-fold-controller.h
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Point-and-click folding: wires a window's fold panel to one PleatEngine. The first installed
 * model (pleat_model_cache_list_models()) loads in the background as soon as the controller
 * exists; the panel shows its status. Fold queues one prediction per record, each shown live in
 * its own tab (every trunk pass's frame, then the result with its pLDDT track and PAE map), and
 * writes every finished prediction into its own folder under $PLEAT_RESULTS_DIR, else
 * $XDG_DATA_HOME/pleat/results/ (pleat_fold_controller_dup_results_dir()). Cancel stops the
 * folds of that Fold press; failures show in the window's banner.
 */
#pragma once

#include <gtk/gtk.h>

#include "pleat-window.h"

G_BEGIN_DECLS

#define PLEAT_TYPE_FOLD_CONTROLLER (pleat_fold_controller_get_type ())

G_DECLARE_FINAL_TYPE (PleatFoldController, pleat_fold_controller, PLEAT, FOLD_CONTROLLER,
                      GObject)

/* Tells the window which model there is and starts loading it. The controller forgets the
 * window when it is destroyed. */
PleatFoldController *pleat_fold_controller_new              (PleatWindow          *window);
/* Where each Fold press gets its folder of results. (transfer full) */
char                *pleat_fold_controller_dup_results_dir  (void);
/* Cancels every fold, joins the engine thread, then waits on the main context for the answers
 * and for result files being written, so that none is lost. Later calls do nothing; dispose
 * does it too. */
void                 pleat_fold_controller_shutdown         (PleatFoldController  *self);

G_END_DECLS
