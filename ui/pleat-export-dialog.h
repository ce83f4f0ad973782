/* pleat-export-dialog.h
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Exporting a structure view as a PNG image: the size in pixels, whether the background is
 * transparent, then a file chooser. Rendering goes through an offscreen framebuffer, so the
 * size is independent of the window's.
 */
#pragma once

#include <gtk/gtk.h>

#include "pleat-structure-view.h"

G_BEGIN_DECLS

#define PLEAT_TYPE_EXPORT_DIALOG (pleat_export_dialog_get_type ())

G_DECLARE_FINAL_TYPE (PleatExportDialog, pleat_export_dialog, PLEAT, EXPORT_DIALOG, GtkWindow)

/* title: used for the proposed file name. */
PleatExportDialog *pleat_export_dialog_new            (GtkWindow          *parent,
                                                       PleatStructureView *view,
                                                       const char         *title);
/* Renders and writes the image to file without asking for one; emits ::exported and closes
 * the dialog on success, shows the error in the dialog otherwise. */
void               pleat_export_dialog_export_to_file (PleatExportDialog  *self,
                                                       GFile              *file);

G_END_DECLS
