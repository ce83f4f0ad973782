/* pleat-structure-view.h
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The 3D structure viewer: a GtkGLArea that shows structures through PleatScene (geometry,
 * built in a worker thread), PleatCamera (arcball) and PleatRenderer (GL). Left drag rotates,
 * middle or right drag (or shift + left) pans, scrolling and pinching zoom; hovering names the
 * residue under the pointer (hover-text), clicking selects residues (shift or ctrl extends),
 * double-clicking centers on the selection.
 */
#pragma once

#include <gtk/gtk.h>

#include "pleat-render-enums.h"
#include "pleat-scene.h"
#include "pleat-selection.h"
#include "pleat-structure.h"

G_BEGIN_DECLS

#define PLEAT_TYPE_STRUCTURE_VIEW (pleat_structure_view_get_type ())

G_DECLARE_FINAL_TYPE (PleatStructureView, pleat_structure_view, PLEAT, STRUCTURE_VIEW, GtkGLArea)

GtkWidget           *pleat_structure_view_new                (void);

PleatStructure      *pleat_structure_view_get_structure      (PleatStructureView   *self);
void                 pleat_structure_view_set_structure      (PleatStructureView   *self,
                                                              PleatStructure       *structure);
/* Shows structure instead of the one shown, keeping the camera where the user left it (the
 * next frame of a fold in progress); the first structure is fitted as set_structure() does. */
void                 pleat_structure_view_replace_structure  (PleatStructureView   *self,
                                                              PleatStructure       *structure);
PleatRepresentation  pleat_structure_view_get_representation (PleatStructureView   *self);
void                 pleat_structure_view_set_representation (PleatStructureView   *self,
                                                              PleatRepresentation   representation);
PleatColorScheme     pleat_structure_view_get_color_scheme   (PleatStructureView   *self);
void                 pleat_structure_view_set_color_scheme   (PleatStructureView   *self,
                                                              PleatColorScheme      scheme);
/* What the pointer is over: "Chain A · LYS 42 · pLDDT 87.3", or NULL. */
const char          *pleat_structure_view_get_hover_text     (PleatStructureView   *self);
/* TRUE while geometry is being built in the background. */
gboolean             pleat_structure_view_get_busy           (PleatStructureView   *self);
/* The scene shown now (built), or NULL before the first build finished. */
PleatScene          *pleat_structure_view_get_scene          (PleatStructureView   *self);

void                 pleat_structure_view_fit                (PleatStructureView   *self);
void                 pleat_structure_view_reset              (PleatStructureView   *self);
void                 pleat_structure_view_center_on_selection (PleatStructureView  *self);
/* Turns the structure as a drag by (dx, dy) pixels from the center of the view would. */
void                 pleat_structure_view_turn               (PleatStructureView   *self,
                                                              double                dx,
                                                              double                dy);

/* The selection this view shows and edits; shared with other views of the same structures
 * (sequence track, PAE map). Setting NULL gives the view a private one. */
PleatSelection      *pleat_structure_view_get_selection      (PleatStructureView   *self);
void                 pleat_structure_view_set_selection      (PleatStructureView   *self,
                                                              PleatSelection       *selection);
/* Residue selection of the structure shown, as residue indices. */
void                 pleat_structure_view_select_residue     (PleatStructureView   *self,
                                                              guint                 residue,
                                                              gboolean              extend);
void                 pleat_structure_view_clear_selection    (PleatStructureView   *self);
gboolean             pleat_structure_view_is_residue_selected (PleatStructureView  *self,
                                                              guint                 residue);
guint                pleat_structure_view_get_n_selected     (PleatStructureView   *self);

/* Where an atom of the structure appears, in widget coordinates; FALSE when behind the eye
 * or before the first build. */
gboolean             pleat_structure_view_project_atom       (PleatStructureView   *self,
                                                              guint                 atom,
                                                              double               *x,
                                                              double               *y);

/* Renders the current view at width x height pixels (offscreen, supersampled) into a
 * texture; transparent drops the background. Needs the widget realized. */
GdkTexture          *pleat_structure_view_render_texture     (PleatStructureView   *self,
                                                              int                   width,
                                                              int                   height,
                                                              gboolean              transparent,
                                                              GError              **error);
/* The same, encoded as PNG and written to file in a worker thread. */
void                 pleat_structure_view_export_png_async   (PleatStructureView   *self,
                                                              GFile                *file,
                                                              int                   width,
                                                              int                   height,
                                                              gboolean              transparent,
                                                              GCancellable         *cancellable,
                                                              GAsyncReadyCallback   callback,
                                                              gpointer              user_data);
gboolean             pleat_structure_view_export_png_finish  (PleatStructureView   *self,
                                                              GAsyncResult         *result,
                                                              GError              **error);

G_END_DECLS
