/* pleat-spatial-grid.h
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A uniform grid over points (atoms, C-alpha positions, sphere centres) for neighbour searches
 * in O(n): secondary-structure hydrogen bonds, covalent bonds from distances and picking. Built
 * once with a counting sort; read-only afterwards, so several threads may query it.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  float   origin[3];     /* minimum corner */
  float   cell;          /* edge length of a cubic cell, Angstrom */
  guint   dims[3];
  guint  *cell_start;    /* (dims[0] * dims[1] * dims[2] + 1): items of cell c are
                          * items[cell_start[c] .. cell_start[c + 1]) */
  guint  *items;         /* (n): point indices sorted by cell */
  guint   n;
} PleatSpatialGrid;

/* positions: n points, the i-th at (const float *) ((const char *) positions + i * stride).
 * The cell grows beyond cell_size when the box would need too many cells. */
PleatSpatialGrid *pleat_spatial_grid_new       (const float       *positions,
                                                gsize              stride,
                                                guint              n,
                                                float              cell_size);
void              pleat_spatial_grid_free      (PleatSpatialGrid  *self);

/* Clamped cell coordinates of a point. */
void              pleat_spatial_grid_cell_of   (const PleatSpatialGrid *self,
                                                const float        point[3],
                                                gint               cell[3]);
/* Appends to out (of guint) every point within radius of point, in increasing index order when
 * sorted is TRUE. Returns the number appended. */
guint             pleat_spatial_grid_query     (const PleatSpatialGrid *self,
                                                const float       *positions,
                                                gsize              stride,
                                                const float        point[3],
                                                float              radius,
                                                gboolean           sorted,
                                                GArray            *out);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PleatSpatialGrid, pleat_spatial_grid_free)

G_END_DECLS
