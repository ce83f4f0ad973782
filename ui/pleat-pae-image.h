/* pleat-pae-image.h
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The pixels of a PAE heat map. The matrix is coloured once (ChimeraX's paegreen, as the 3D
 * view colours PAE) into an n x n RGB image plus a pyramid of 2x2-averaged reductions; a view
 * of any region at any on-screen size is then resampled from the nearest level: the nearest
 * cell per pixel when zoomed in, so that cells stay crisp squares, and the mean of the cells a
 * pixel covers when zoomed out, so that a 5,000-residue map does not alias. Each view costs in
 * proportion to the pixels on screen, not to the matrix. GTK 4.8 has no nearest-neighbour
 * texture filter (gtk_snapshot_append_scaled_texture is 4.10), hence the resampling here and
 * a texture drawn at one texel per device pixel. No widgets; safe to build on a worker thread.
 */
#pragma once

#include <gdk/gdk.h>

G_BEGIN_DECLS

typedef struct _PleatPaeImage PleatPaeImage;

/* Colours an n x n matrix (row-major, Angstrom); copies what it needs. */
PleatPaeImage *pleat_pae_image_new      (const float    *pae,
                                         guint           n);
void           pleat_pae_image_free     (PleatPaeImage  *image);
guint          pleat_pae_image_get_size (PleatPaeImage  *image);
/* The colour of one cell as drawn at full resolution. */
void           pleat_pae_image_get_cell (PleatPaeImage  *image,
                                         guint           row,
                                         guint           column,
                                         guint8          rgb[3]);
/* The region of columns [x, x + span_x) and rows [y, y + span_y), in cells (fractions
 * allowed), resampled to width x height pixels. With highlight (n flags, nullable), cells
 * whose row and column are both unflagged are drawn in grey (the luma of their colour), so
 * that the flagged residues' rows and columns stand out with their values intact.
 * (transfer full) */
GdkTexture    *pleat_pae_image_render   (PleatPaeImage  *image,
                                         double          x,
                                         double          y,
                                         double          span_x,
                                         double          span_y,
                                         int             width,
                                         int             height,
                                         const guint8   *highlight);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PleatPaeImage, pleat_pae_image_free)

G_END_DECLS
