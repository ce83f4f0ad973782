/* pleat-test-backbone.h
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Backbones built in code for viewer tests, with ideal backbone geometry so that secondary
 * structure assignment and cartoons treat them like real proteins.
 */
#pragma once

#include "pleat-structure.h"

G_BEGIN_DECLS

/* One chain "A" of n_residues alanines (N, CA, C, O, CB) as an ideal alpha helix
 * (phi -57, psi -47) when helix is TRUE, else as an extended strand (phi -120, psi 130).
 * Residues [0, n_residues / 2) get pLDDT plddt_first on every atom, the rest plddt_second. */
PleatStructure *pleat_test_structure_backbone (guint    n_residues,
                                               gboolean helix,
                                               float    plddt_first,
                                               float    plddt_second);

G_END_DECLS
