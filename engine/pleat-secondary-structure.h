/* pleat-secondary-structure.h
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DSSP secondary structure from backbone geometry (Kabsch & Sander 1983, with the conventions of
 * DSSP 4 / mkdssp): electrostatic hydrogen-bond energies with the amide H placed along the
 * previous C=O, n-turns, minimal helices H (4-turn), G (3-turn) and I (5-turn, preferred over
 * H as in DSSP >= 2.1), bridges, ladders with bulges, strands E and isolated bridges B, turns T
 * and bends S. The polyproline helix of DSSP 4 is not assigned (it only relabels loops).
 */
#pragma once

#include "pleat-structure.h"

G_BEGIN_DECLS

/* Fills ss[0 .. n_residues) with one DSSP code per residue: 'H', 'G', 'I', 'E', 'B', 'T', 'S'
 * or ' ' (loop). Non-polymer residues and residues without N, CA, C and O get ' '. Pure: reads
 * the structure only, so it may run on any thread. */
void pleat_secondary_structure_compute (PleatStructure *structure,
                                        char           *ss);
/* Computes and stores the codes in the residues' ss fields. */
void pleat_secondary_structure_assign  (PleatStructure *structure);

G_END_DECLS
