/* pleat-structure-page.h
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One open structure in the window: the 3D view with its overlays (what the pointer is over,
 * the legend of the color scheme, a spinner while geometry is built), and for a structure with
 * confidences the pLDDT track under it and the PAE map beside it, all sharing the view's
 * selection. A file with several models (an NMR ensemble, a predictor's samples) gets a model
 * selector over the view. A fold's page is updated in place as its frames arrive, and knows
 * where the result files were saved.
 */
#pragma once

#include <gtk/gtk.h>

#include "pleat-legend.h"
#include "pleat-pae-view.h"
#include "pleat-plddt-track.h"
#include "pleat-structure-view.h"

G_BEGIN_DECLS

#define PLEAT_TYPE_STRUCTURE_PAGE (pleat_structure_page_get_type ())

G_DECLARE_FINAL_TYPE (PleatStructurePage, pleat_structure_page, PLEAT, STRUCTURE_PAGE, GtkWidget)

/* file: where the structure came from, or NULL (a fresh prediction). */
GtkWidget          *pleat_structure_page_new       (PleatStructure     *structure,
                                                    GFile              *file);
/* Every model of a file (element-type PleatStructure), the first shown: a model selector
 * switches between them when there are several, and the title says how many. */
GtkWidget          *pleat_structure_page_new_for_models (GPtrArray     *models,
                                                         GFile         *file);
PleatStructureView *pleat_structure_page_get_view  (PleatStructurePage *self);
PleatLegend        *pleat_structure_page_get_legend (PleatStructurePage *self);
GFile              *pleat_structure_page_get_file  (PleatStructurePage *self);
/* The tab title: the structure's title, else the file name. */
const char         *pleat_structure_page_get_title (PleatStructurePage *self);
PleatPlddtTrack    *pleat_structure_page_get_plddt_track (PleatStructurePage *self);
PleatPaeView       *pleat_structure_page_get_pae_view (PleatStructurePage *self);

/* (transfer none) */
PleatStructure     *pleat_structure_page_get_structure (PleatStructurePage *self);
/* Shows structure in place of the current model, in every view, without moving the camera:
 * the next frame of a fold. */
void                pleat_structure_page_set_structure (PleatStructurePage *self,
                                                        PleatStructure     *structure);

/* The model shown, from 0 (the "model" property), and how many the page holds. Switching keeps
 * the camera, so that models can be compared by eye. */
guint               pleat_structure_page_get_model     (PleatStructurePage *self);
void                pleat_structure_page_set_model     (PleatStructurePage *self,
                                                        guint               model);
guint               pleat_structure_page_get_n_models  (PleatStructurePage *self);
/* (transfer none) */
PleatStructure     *pleat_structure_page_get_nth_model (PleatStructurePage *self,
                                                        guint               model);

/* The folder the structure's result files were written to (pleat_result_write()) and their
 * stem, or NULL: what "Save As" copies. */
GFile              *pleat_structure_page_get_results_dir  (PleatStructurePage *self);
const char         *pleat_structure_page_get_results_stem (PleatStructurePage *self);
void                pleat_structure_page_set_results      (PleatStructurePage *self,
                                                           GFile              *dir,
                                                           const char         *stem);

G_END_DECLS
