/* pleat-writer-private.h
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Helpers shared by the result writers in engine/io/. Numbers go through g_ascii_formatd, never
 * a bare printf %f, so the output does not depend on the process locale (the app calls
 * setlocale, and a German locale would write "1,5").
 */
#pragma once

#include <glib.h>

#include "pleat-structure.h"

G_BEGIN_DECLS

/* @value rounded to @decimals (at most 6) places, '-' for negatives, "?" for NAN. */
void     _pleat_append_fixed        (GString        *out,
                                     double          value,
                                     guint           decimals);
/* @value right-aligned in @width columns (for PDB records). */
void     _pleat_append_fixed_width  (GString        *out,
                                     double          value,
                                     guint           decimals,
                                     guint           width);
/* A CIF value: bare when it can be, quoted otherwise; "?" for NULL, "." for "". */
void     _pleat_append_cif_value    (GString        *out,
                                     const char     *value);
/* A JSON string literal. @value must be UTF-8. */
void     _pleat_append_json_string  (GString        *out,
                                     const char     *value);
/* Writes @contents to @path through a temporary file and a rename, so a crash never leaves
 * half a file; errors name @path. */
gboolean _pleat_write_file          (const char     *path,
                                     const char     *contents,
                                     gsize           length,
                                     GError        **error);
/* Per-atom pLDDT (0-100) where known, else the atom's B-factor: what B columns hold. */
float    _pleat_atom_b_value        (const PleatAtom *atom);
/* The residue's pLDDT, or the mean of its atoms' pLDDT when the residue has none. */
double   _pleat_residue_plddt       (PleatStructure *structure,
                                     guint           residue);
/* Mean per-atom pLDDT over atoms [first, first + n), NAN when none has one. */
double   _pleat_mean_atom_plddt     (PleatStructure *structure,
                                     guint           first,
                                     guint           n);
/* The structure's mean pLDDT, or the mean over all atoms when it is not set. */
double   _pleat_global_plddt        (PleatStructure *structure);

G_END_DECLS
