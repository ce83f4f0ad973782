/* pleat-colors.h
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The confidence colours of the 3D viewer, for the other views (sequence track, PAE map), so
 * that every view draws a value in the same colour: AlphaFold DB's pLDDT bands with Mol*'s band
 * edges, and ChimeraX's "paegreen" PAE ramp. The tables live in pleat-scene-colors.c.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* > 90 #0053D6, 70 < x <= 90 #65CBF3, 50 < x <= 70 #FFDB13, <= 50 #FF7D45; NAN or negative
 * (no score) #AAAAAA. rgba[3] is 255. */
void pleat_color_plddt_band (float  plddt,
                             guint8 rgba[4]);
/* Dark green (#1E461E) at 0 Angstrom to white at PLEAT_COLOR_PAE_MAX and above. */
void pleat_color_pae        (float  pae,
                             guint8 rgba[4]);

#define PLEAT_COLOR_PAE_MAX 30.0f

/* Selected residues, in every view: the 3D view's selection tint (its renderer's
 * u_select_color, 1.0 0.15 0.85), a colour no colour scheme uses. 0xRRGGBB. */
#define PLEAT_COLOR_SELECTION 0xFF26D9

G_END_DECLS
