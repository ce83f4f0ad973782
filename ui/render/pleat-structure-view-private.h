/* pleat-structure-view-private.h
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared between pleat-structure-view.c (GL, properties, geometry builds) and
 * pleat-structure-view-input.c (gestures, picking, hover, selection).
 */
#pragma once

#include "pleat-camera.h"
#include "pleat-renderer.h"
#include "pleat-selection.h"
#include "pleat-structure-view.h"

G_BEGIN_DECLS

/* Above this cost of a frame, hovering updates the label but does not redraw to highlight. */
#define HOVER_REDRAW_FRAME_MS 60.0

struct _PleatStructureView
{
  GtkGLArea            parent_instance;

  /* Owned */
  PleatStructure      *structure;
  PleatScene          *scene;            /* the one shown; the UI thread alone touches it */
  PleatScene          *lod_scene;        /* its trace, drawn while turning, or NULL */
  GCancellable        *build_cancellable;
  PleatRenderer       *renderer;         /* GL: between realize and unrealize */
  PleatRenderer       *lod_renderer;     /* GL: created with the first LOD scene */
  PleatSelection      *selection;        /* shared with other views of the structure */
  guint8              *selected_mask;    /* (n_residues) snapshot for the highlight pass */
  char                *hover_text;
  gulong               selection_changed_id;
  gulong               hover_changed_id;

  PleatCamera          camera;

  PleatRepresentation  representation;
  PleatColorScheme     color_scheme;
  guint                build_serial;     /* which build is the newest */
  gint                 hover_residue;    /* -1 when none */
  gint                 pae_residue;      /* PAE coloring reference; -1 when none */
  guint                hover_source;     /* idle that picks under the pointer */
  double               pointer_x;
  double               pointer_y;
  gboolean             pointer_inside;

  /* Drag state */
  double               drag_last_x;
  double               drag_last_y;
  gboolean             drag_pan;
  gboolean             drag_moved;
  double               zoom_last_scale;

  /* Adaptive resolution */
  double               frame_ms;         /* cost of a full-resolution frame; 0 unknown */
  double               half_frame_ms;    /* and of a half-resolution one */
  gint64               last_interaction; /* monotonic time of the last camera change */
  guint                settle_source;    /* redraws at rest quality once input stops */

  guint                rest_antialiased : 1;
  guint                use_es : 1;
  guint                busy : 1;
  guint                needs_upload : 1;
  guint                needs_highlight : 1;
  guint                needs_fit : 1;
};

void     _pleat_structure_view_init_input      (PleatStructureView *self);
void     _pleat_structure_view_dispose_input   (PleatStructureView *self);
/* Called after a new scene was installed: the old pick is stale. */
void     _pleat_structure_view_update_hover    (PleatStructureView *self);
/* Sets the residue under the pointer in the shared selection (-1: none). */
void     _pleat_structure_view_set_hover       (PleatStructureView *self,
                                                gint                residue);
/* Follows the shared hover: updates hover-text and the highlight. */
void     _pleat_structure_view_show_hover      (PleatStructureView *self,
                                                gint                residue);
/* A click on a residue: selects it (or toggles it when extending); -1 clears. */
void     _pleat_structure_view_click_residue   (PleatStructureView *self,
                                                gint                residue,
                                                gboolean            extend);
void     _pleat_structure_view_notify_hover_text (PleatStructureView *self);
void     _pleat_structure_view_selection_changed (PleatStructureView *self);
/* The camera moved because of input: draw fast now, at full quality once it stops. */
void     _pleat_structure_view_interacted      (PleatStructureView *self);
/* Recomputes highlight flags at the next frame and redraws. */
void     _pleat_structure_view_queue_highlight (PleatStructureView *self);

G_END_DECLS
