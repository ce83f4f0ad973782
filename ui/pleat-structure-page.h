/* pleat-structure-page.h
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One open structure in the window: the 3D view with its overlays (what the pointer is over,
 * the legend of the color scheme, a spinner while geometry is built).
 */
#pragma once

#include <gtk/gtk.h>

#include "pleat-legend.h"
#include "pleat-structure-view.h"

G_BEGIN_DECLS

#define PLEAT_TYPE_STRUCTURE_PAGE (pleat_structure_page_get_type ())

G_DECLARE_FINAL_TYPE (PleatStructurePage, pleat_structure_page, PLEAT, STRUCTURE_PAGE, GtkWidget)

/* file: where the structure came from, or NULL (a fresh prediction). */
GtkWidget          *pleat_structure_page_new       (PleatStructure     *structure,
                                                    GFile              *file);
PleatStructureView *pleat_structure_page_get_view  (PleatStructurePage *self);
PleatLegend        *pleat_structure_page_get_legend (PleatStructurePage *self);
GFile              *pleat_structure_page_get_file  (PleatStructurePage *self);
/* The tab title: the structure's title, else the file name. */
const char         *pleat_structure_page_get_title (PleatStructurePage *self);

G_END_DECLS
