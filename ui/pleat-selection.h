/* pleat-selection.h
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The residues the user has selected, per structure, shared by every view of the same
 * structures (3D viewer, sequence track, PAE map): each view changes it and follows its
 * "changed" signal. Also the residue under the pointer ("hover-changed"), so that hovering in
 * one view can highlight in the others. Main thread only; no widgets.
 */
#pragma once

#include <glib-object.h>

#include "pleat-structure.h"

G_BEGIN_DECLS

#define PLEAT_TYPE_SELECTION (pleat_selection_get_type ())

G_DECLARE_FINAL_TYPE (PleatSelection, pleat_selection, PLEAT, SELECTION, GObject)

PleatSelection *pleat_selection_new              (void);

gboolean        pleat_selection_contains         (PleatSelection  *self,
                                                  PleatStructure  *structure,
                                                  guint            residue);
gboolean        pleat_selection_is_empty         (PleatSelection  *self);
/* Number of selected residues of one structure, or of all when structure is NULL. */
guint           pleat_selection_get_n_selected   (PleatSelection  *self,
                                                  PleatStructure  *structure);
/* The selected residue indices of a structure in increasing order (transfer full), or NULL
 * when none; n_residues receives the count. */
guint          *pleat_selection_dup_residues     (PleatSelection  *self,
                                                  PleatStructure  *structure,
                                                  guint           *n_residues);
/* The structures with a selection (transfer container). */
GPtrArray      *pleat_selection_dup_structures   (PleatSelection  *self);

/* Each of these emits "changed" once, and only when the selection changes. */
void            pleat_selection_clear            (PleatSelection  *self);
void            pleat_selection_select           (PleatSelection  *self,
                                                  PleatStructure  *structure,
                                                  guint            residue);
void            pleat_selection_unselect         (PleatSelection  *self,
                                                  PleatStructure  *structure,
                                                  guint            residue);
void            pleat_selection_toggle           (PleatSelection  *self,
                                                  PleatStructure  *structure,
                                                  guint            residue);
/* Selects residues first..last (inclusive) in addition to what is selected. */
void            pleat_selection_select_range     (PleatSelection  *self,
                                                  PleatStructure  *structure,
                                                  guint            first,
                                                  guint            last);
/* Replaces the whole selection with these residues of one structure (a click without
 * modifiers). */
void            pleat_selection_set_residues     (PleatSelection  *self,
                                                  PleatStructure  *structure,
                                                  const guint     *residues,
                                                  guint            n_residues);

/* The residue under the pointer in any view; structure NULL for none. Emits "hover-changed". */
void            pleat_selection_set_hover        (PleatSelection  *self,
                                                  PleatStructure  *structure,
                                                  guint            residue);
PleatStructure *pleat_selection_get_hover        (PleatSelection  *self,
                                                  guint           *residue);

G_END_DECLS
