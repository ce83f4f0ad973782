/* pleat-npz.h
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * NumPy .npz archives (np.savez, np.savez_compressed: a zip of .npy files, stored or deflated)
 * and the confidences Boltz writes in them beside each model: pae_NAME.npz ("pae", tokens x
 * tokens, Angstrom) and plddt_NAME.npz ("plddt", per token on 0-1) for NAME.cif. Boltz has one
 * token per standard residue and one per heavy atom of a ligand or other non-polymer group;
 * the polymer residues' rows are what the structure keeps.
 */
#pragma once

#include <gio/gio.h>

#include "pleat-structure.h"

G_BEGIN_DECLS

/* Reads array key (without ".npy") of an .npz as contiguous row-major float32 (transfer full),
 * its shape in shape (PLEAT_TENSOR_MAX_DIMS) and *n_dims. display_name names the file in
 * errors. */
float    *pleat_npz_read_floats            (GBytes          *npz,
                                            const char      *display_name,
                                            const char      *key,
                                            gint64          *shape,
                                            guint           *n_dims,
                                            GError         **error);

/* Attaches a Boltz pae_*.npz matrix: one row per polymer residue, or one per Boltz token. */
gboolean  pleat_structure_attach_pae_npz   (PleatStructure  *structure,
                                            GBytes          *npz,
                                            const char      *display_name,
                                            GError         **error);
/* Sets per-residue and per-atom pLDDT from a Boltz plddt_*.npz (0-1, one value per token), for
 * a structure whose file carries none. */
gboolean  pleat_structure_attach_plddt_npz (PleatStructure  *structure,
                                            GBytes          *npz,
                                            const char      *display_name,
                                            GError         **error);

G_END_DECLS
