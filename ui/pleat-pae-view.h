/* pleat-pae-view.h
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The predicted aligned error of a structure as a heat map, the way AlphaFold DB, Mol* and
 * ChimeraX draw it: columns are the scored residue (x, "Scored residue"), rows the aligned
 * residue (y, "Aligned residue"), dark green at 0 Angstrom to white at 30 and above, with a
 * colour bar, chain dividers and labels. Hovering reads out both residues and the error and
 * sets the shared selection's hover (to the scored residue); dragging a box selects the
 * residues of its rows and its columns (shift or control adds); selected residues' rows and
 * columns are highlighted. The wheel zooms around the pointer, a middle or right drag pans,
 * double-click or Home resets. Arrow keys move a cell cursor, Enter selects its two residues.
 * Shows "No PAE in this file" for a structure without one.
 */
#pragma once

#include <gtk/gtk.h>

#include "pleat-selection.h"
#include "pleat-structure.h"

G_BEGIN_DECLS

#define PLEAT_TYPE_PAE_VIEW (pleat_pae_view_get_type ())

G_DECLARE_FINAL_TYPE (PleatPaeView, pleat_pae_view, PLEAT, PAE_VIEW, GtkWidget)

GtkWidget      *pleat_pae_view_new           (void);

/* (nullable) (transfer none) */
PleatStructure *pleat_pae_view_get_structure (PleatPaeView   *self);
void            pleat_pae_view_set_structure (PleatPaeView   *self,
                                              PleatStructure *structure);
/* Never NULL: setting NULL gives the view a private selection. (transfer none) */
PleatSelection *pleat_pae_view_get_selection (PleatPaeView   *self);
void            pleat_pae_view_set_selection (PleatPaeView   *self,
                                              PleatSelection *selection);
/* "Aligned A MET 1 · Scored B GLY 549 · PAE 12.3 Å" for the cell under the pointer or the
 * cursor, or NULL. */
const char     *pleat_pae_view_get_hover_text (PleatPaeView  *self);
/* TRUE while a part of the map is magnified. */
gboolean        pleat_pae_view_get_zoomed    (PleatPaeView   *self);
void            pleat_pae_view_reset_zoom    (PleatPaeView   *self);

G_END_DECLS
