/* pleat-plddt-track-private.h
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The track's instance, shared by its input code (pleat-plddt-track.c) and its drawing
 * (pleat-plddt-track-draw.c), and the coordinate mapping and input entry points that the
 * event controllers call, so that tests can drive the track at known positions.
 */
#pragma once

#include "pleat-canvas.h"
#include "pleat-plddt-track.h"

G_BEGIN_DECLS

/* Canvas layout, in pixels from the top. */
#define TRACK_CHAIN_Y      2
#define TRACK_NUMBER_Y     18
#define TRACK_SEQUENCE_Y   34
#define TRACK_SEQUENCE_H   18
#define TRACK_PLOT_Y       64
#define TRACK_PLOT_H       100   /* one pixel per pLDDT unit */
#define TRACK_HEIGHT       (TRACK_PLOT_Y + TRACK_PLOT_H + 16)
/* The fixed axis on the left that does not scroll. */
#define TRACK_GUTTER       30
#define TRACK_PAD          6

typedef struct
{
  guint first;        /* first position */
  guint n;            /* positions */
  guint structure_chain;
} TrackChain;

struct _PleatPlddtTrack
{
  GtkWidget       parent_instance;

  /* Template widgets */
  GtkScrolledWindow *scroller;
  PleatCanvas       *canvas;
  GtkLabel          *readout;

  /* Owned */
  PleatStructure *structure;
  PleatSelection *selection;
  char           *hover_text;
  /* Positions: the polymer residues drawn, left to right. */
  guint          *residues;        /* position -> residue index */
  guint          *position_chain;  /* position -> index into chains */
  int            *position_of;     /* residue index -> position, or -1 */
  GArray         *chains;          /* of TrackChain */
  guint           n_positions;
  guint           n_residues;      /* of the structure, for position_of */

  int             cursor;          /* residue index or -1 */
  int             hover;           /* residue index or -1, from the selection */
  int             anchor;          /* residue where the last selection started, or -1 */
  /* A drag: the residue it started on and how it combines with the selection. */
  double          drag_x;
  int             drag_anchor;
  gboolean        drag_adds;
  gboolean        dragging;

  /* Metrics, from the font */
  int             cell;            /* width of one residue */
  int             chain_gap;
};

/* pleat-plddt-track-draw.c */
void     _pleat_plddt_track_draw            (PleatCanvas     *canvas,
                                             GtkSnapshot     *snapshot,
                                             int              width,
                                             int              height,
                                             gpointer         user_data);
void     _pleat_plddt_track_update_metrics  (PleatPlddtTrack *self);

/* Coordinates are the canvas's (what its event controllers report). */
double   _pleat_plddt_track_position_x      (PleatPlddtTrack *self,
                                             guint            position);
int      _pleat_plddt_track_residue_at      (PleatPlddtTrack *self,
                                             double           x,
                                             double           y);
/* The centre of a residue's sequence cell; FALSE when the residue is not drawn. */
gboolean _pleat_plddt_track_residue_center  (PleatPlddtTrack *self,
                                             guint            residue,
                                             double          *x,
                                             double          *y);
PleatCanvas *_pleat_plddt_track_get_canvas  (PleatPlddtTrack *self);

/* What the event controllers do. */
void     _pleat_plddt_track_motion          (PleatPlddtTrack *self,
                                             double           x,
                                             double           y);
void     _pleat_plddt_track_leave           (PleatPlddtTrack *self);
void     _pleat_plddt_track_drag_begin      (PleatPlddtTrack *self,
                                             double           x,
                                             double           y,
                                             GdkModifierType  state);
void     _pleat_plddt_track_drag_update     (PleatPlddtTrack *self,
                                             double           x,
                                             double           y);
void     _pleat_plddt_track_drag_end        (PleatPlddtTrack *self);
gboolean _pleat_plddt_track_key_pressed     (PleatPlddtTrack *self,
                                             guint            keyval,
                                             GdkModifierType  state);

G_END_DECLS
