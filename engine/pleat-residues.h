/* pleat-residues.h
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Residue names shared by the sequence parser, structure files and the models: the 20 standard
 * amino acids, the unknown residue X/UNK and the ambiguous IUPAC codes.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* One-letter code for a residue name ("ALA" -> 'A'). Modified residues that structure files
 * commonly carry map to their parent (MSE -> 'M'); anything else is 'X'. */
char        pleat_residue_one_letter   (const char *three_letter);
/* Three-letter code for a one-letter code (case-insensitive): "ALA" for 'A', "UNK" otherwise
 * (including the ambiguous B, Z, J and X; U is "SEC" and O is "PYL"). */
const char *pleat_residue_three_letter (char        one_letter);
/* TRUE for the 20 standard amino acids (upper case). */
gboolean    pleat_residue_is_standard  (char        one_letter);
/* AlphaFold/OpenFold residue type of a one-letter code (case-insensitive): 0-19 in the order
 * ARNDCQEGHILKMFPSTWYV, and 20 (X) for anything else, as residue_constants.restype_order_with_x
 * with map_unknown_to_x maps it. */
#define PLEAT_RESIDUE_AATYPE_X 20
guint8      pleat_residue_aatype       (char        one_letter);

G_END_DECLS
