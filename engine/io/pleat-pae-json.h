/* pleat-pae-json.h
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Predicted aligned error in the JSON layouts predictors write: AlphaFold DB v2+
 * ([{"predicted_aligned_error": [[...]], "max_predicted_aligned_error": 31.75}]), AlphaFold DB
 * v1 ([{"residue1": [...], "residue2": [...], "distance": [...]}], flattened and 1-based),
 * ColabFold (the same keys in an object, or the scores file with "pae", "max_pae", "ptm",
 * "iptm") and AlphaFold 3 full data ("pae"). Rows are the aligned residue, columns the scored
 * residue, as in all of these.
 */
#pragma once

#include <gio/gio.h>

#include "pleat-structure.h"

G_BEGIN_DECLS

/* On success *pae is an n x n row-major matrix (transfer full); ptm and iptm are NAN when the
 * file has none. */
gboolean pleat_pae_json_parse  (const char      *data,
                                gsize            length,
                                guint           *n,
                                float          **pae,
                                float           *max_pae,
                                double          *ptm,
                                double          *iptm,
                                GError         **error);
/* The global scores of a confidence JSON without a matrix (Boltz confidence_*.json, our
 * _confidence.json): "ptm" and "iptm", NAN when absent. FALSE when the file is no JSON object. */
gboolean pleat_scores_json_parse (const char      *data,
                                  gsize            length,
                                  double          *ptm,
                                  double          *iptm,
                                  GError         **error);
/* Parses and attaches the matrix (and pTM/ipTM when present) to a structure; the matrix must
 * have one row per polymer residue. */
gboolean pleat_structure_attach_pae_json (PleatStructure  *structure,
                                          const char      *data,
                                          gsize            length,
                                          GError         **error);

G_END_DECLS
