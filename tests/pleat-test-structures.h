/* pleat-test-structures.h
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Structures built in code for the writer tests: ideal alpha-helices with backbone and CB
 * atoms, per-atom pLDDT that varies along the chain, an asymmetric PAE matrix and pTM/ipTM.
 */
#pragma once

#include "pleat-result-info.h"
#include "pleat-structure.h"

G_BEGIN_DECLS

/* One chain "A" of @sequence (one-letter codes), numbered from 1. */
PleatStructure  *pleat_test_structure_new_helix   (const char *sequence);
/* Chains "A" and "B" (helices, B shifted by 12 A), each numbered from 1, with ipTM. */
PleatStructure  *pleat_test_structure_new_complex (const char *sequence_a,
                                                   const char *sequence_b);
PleatResultInfo *pleat_test_result_info_new       (const char *id);

G_END_DECLS
