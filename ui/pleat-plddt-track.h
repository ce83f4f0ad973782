/* pleat-plddt-track.h
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The sequence of a structure with its per-residue confidence, as AlphaFold DB and Mol* show
 * it: chain labels and boundaries, residue numbers every ten, the one-letter sequence coloured
 * by the pLDDT bands, and a bar plot of pLDDT 0-100 with the 50/70/90 band edges as guides.
 * Scrolls horizontally. Shares a PleatSelection with the other views: hovering a residue sets
 * the selection's hover; click, drag and shift-drag select residues; residues selected or
 * hovered elsewhere are highlighted. Arrow keys move a cursor residue, shift extends, space
 * selects, Escape clears. Only polymer residues are shown (no ligands, no water).
 */
#pragma once

#include <gtk/gtk.h>

#include "pleat-selection.h"
#include "pleat-structure.h"

G_BEGIN_DECLS

#define PLEAT_TYPE_PLDDT_TRACK (pleat_plddt_track_get_type ())

G_DECLARE_FINAL_TYPE (PleatPlddtTrack, pleat_plddt_track, PLEAT, PLDDT_TRACK, GtkWidget)

GtkWidget      *pleat_plddt_track_new                (void);

/* (nullable) (transfer none) */
PleatStructure *pleat_plddt_track_get_structure      (PleatPlddtTrack *self);
void            pleat_plddt_track_set_structure      (PleatPlddtTrack *self,
                                                      PleatStructure  *structure);
/* The selection shown and edited (transfer none); setting NULL gives the track a private
 * one, so it is never NULL. */
PleatSelection *pleat_plddt_track_get_selection      (PleatPlddtTrack *self);
void            pleat_plddt_track_set_selection      (PleatPlddtTrack *self,
                                                      PleatSelection  *selection);
/* The keyboard cursor: a residue index of the structure, or -1. Setting it scrolls it into
 * view and makes it the selection's hover residue. */
int             pleat_plddt_track_get_cursor_residue (PleatPlddtTrack *self);
void            pleat_plddt_track_set_cursor_residue (PleatPlddtTrack *self,
                                                      int              residue);
/* What the read-out line says about the hovered residue, "Chain A · MET 1 · pLDDT 59.0", or
 * NULL when no residue of this structure is hovered in any view. */
const char     *pleat_plddt_track_get_hover_text     (PleatPlddtTrack *self);

G_END_DECLS
