/* pleat-pae-view-private.h
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The PAE view's instance, shared by its input code (pleat-pae-view.c) and its drawing
 * (pleat-pae-view-draw.c), and the entry points its event controllers call, so that tests can
 * drive it at known cells.
 */
#pragma once

#include "pleat-canvas.h"
#include "pleat-pae-image.h"
#include "pleat-pae-view.h"

G_BEGIN_DECLS

/* Margins around the square map, in pixels: axis titles, ticks, chain labels, colour bar. */
#define PAE_MARGIN_LEFT    74
#define PAE_MARGIN_TOP     22
#define PAE_MARGIN_BOTTOM  44
#define PAE_MARGIN_RIGHT   78
#define PAE_MIN_SPAN       4.0
/* Maps up to this many cells (about 10 ms of colouring) are built on the main thread. */
#define PAE_SYNC_CELLS     (1000u * 1000u)

typedef struct
{
  double x, y, size;   /* the map, in canvas coordinates; size in pixels */
} PaeLayout;

typedef struct
{
  guint first;         /* PAE index */
  guint n;
  guint structure_chain;
} PaeChain;

struct _PleatPaeView
{
  GtkWidget       parent_instance;

  /* Template widgets */
  GtkStack       *stack;
  GtkLabel       *empty_title;
  GtkLabel       *empty_description;
  PleatCanvas    *canvas;
  GtkLabel       *readout;
  GtkWidget      *reset_zoom_button;

  /* Owned */
  PleatStructure *structure;
  PleatSelection *selection;
  PleatPaeImage  *image;           /* NULL while built in a thread */
  GCancellable   *image_cancellable;
  GdkTexture     *texture;         /* the map as last drawn */
  char           *hover_text;
  guint          *index_residue;   /* PAE index -> residue index */
  int            *residue_index;   /* residue index -> PAE index, or -1 */
  GArray         *chains;          /* of PaeChain */
  GArray         *selected_runs;   /* of guint pairs [first, last] of PAE indices */
  guint8         *highlight;       /* (n) selected PAE indices, or NULL when none */
  guint           n;               /* PAE size; 0 without a map */
  guint           n_residues;
  gboolean        runs_valid;

  /* What texture shows: view, size in device pixels, selection. */
  double          texture_x, texture_y, texture_span;
  int             texture_pixels;
  guint           selection_serial, texture_serial;

  /* The visible part, in cells: columns [view_x, view_x + view_span), rows likewise. */
  double          view_x, view_y, view_span;
  gboolean        zoomed;
  double          pointer_x, pointer_y;

  int             hover_row, hover_column;   /* under the pointer, or -1 */
  int             cursor_row, cursor_column; /* keyboard cell, or -1 */
  int             other_hover;               /* PAE index hovered in another view, or -1 */

  /* The box of the last drag, in cells, shown until the selection changes elsewhere. */
  gboolean        box_visible;
  guint           box_row0, box_row1, box_column0, box_column1;

  /* A drag in progress */
  gboolean        selecting;
  gboolean        panning;
  gboolean        drag_adds;
  int             drag_row, drag_column;
  double          pan_start_x, pan_start_y;
  double          pan_view_x, pan_view_y;
  gboolean        committing;
};

/* pleat-pae-view.c */
/* Shows columns and rows [x, x + span) and [y, y + span), clamped to the map. */
void      _pleat_pae_view_set_view      (PleatPaeView  *self,
                                         double         x,
                                         double         y,
                                         double         span);
/* The cell under the pointer or the cursor, or -1, -1; sets the selection's hover. */
void      _pleat_pae_view_set_hover_cell (PleatPaeView *self,
                                          int           row,
                                          int           column);
/* Selects the residues of rows [row0, row1] and columns [column0, column1]; add keeps what is
 * selected. */
void      _pleat_pae_view_select_box    (PleatPaeView  *self,
                                         guint          row0,
                                         guint          row1,
                                         guint          column0,
                                         guint          column1,
                                         gboolean       add);

/* pleat-pae-view-input.c */
void      _pleat_pae_view_class_bind_input (GtkWidgetClass *widget_class);

/* pleat-pae-view-draw.c */
void      _pleat_pae_view_draw          (PleatCanvas   *canvas,
                                         GtkSnapshot   *snapshot,
                                         int            width,
                                         int            height,
                                         gpointer       user_data);

/* Geometry, in the canvas's coordinates. */
PaeLayout _pleat_pae_view_layout        (PleatPaeView  *self);
gboolean  _pleat_pae_view_cell_at       (PleatPaeView  *self,
                                         double         x,
                                         double         y,
                                         int           *row,
                                         int           *column);
/* The centre of a cell; FALSE when it is out of view. */
gboolean  _pleat_pae_view_cell_center   (PleatPaeView  *self,
                                         guint          row,
                                         guint          column,
                                         double        *x,
                                         double        *y);
PleatCanvas *_pleat_pae_view_get_canvas (PleatPaeView  *self);
/* The last map texture drawn (transfer none), or NULL. */
GdkTexture *_pleat_pae_view_get_texture (PleatPaeView  *self);

/* What the event controllers do. */
void      _pleat_pae_view_motion        (PleatPaeView   *self,
                                         double          x,
                                         double          y);
void      _pleat_pae_view_leave         (PleatPaeView   *self);
void      _pleat_pae_view_drag_begin    (PleatPaeView   *self,
                                         guint           button,
                                         double          x,
                                         double          y,
                                         GdkModifierType state);
void      _pleat_pae_view_drag_update   (PleatPaeView   *self,
                                         double          x,
                                         double          y);
void      _pleat_pae_view_drag_end      (PleatPaeView   *self,
                                         double          x,
                                         double          y);
/* Magnifies by factor (> 1 zooms in) keeping the cell under x, y in place. */
void      _pleat_pae_view_zoom          (PleatPaeView   *self,
                                         double          factor,
                                         double          x,
                                         double          y);
gboolean  _pleat_pae_view_key_pressed   (PleatPaeView   *self,
                                         guint           keyval,
                                         GdkModifierType state);

G_END_DECLS
