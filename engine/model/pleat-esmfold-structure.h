/* pleat-esmfold-structure.h
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * From ESMFold's outputs to a PleatStructure: atom14 -> atom37 as OpenFold's atom14_to_atom37,
 * the atoms of each residue in the order OpenFold's PDB writer (protein.to_pdb, which
 * fair-esm's output_to_pdb uses) emits them, B-factors = per-atom pLDDT, the poly-G linker of a
 * complex removed from coordinates, pLDDT and PAE, chains A, B, ... numbered from 1 each.
 */
#pragma once

#include <glib.h>

#include "pleat-structure.h"

G_BEGIN_DECLS

/* Everything describes the model's input of n_res positions, linker included. */
typedef struct
{
  guint         n_res;
  const guint8 *aatype;           /* (n_res) AF2 residue types 0..20 */
  const guint  *chain_index;      /* (n_res) chain k of each position, the linker after chain k
                                   * counting as k; NULL for one chain */
  const guint8 *linker;           /* (n_res) 1 on linker positions; NULL when there is none */
  const float  *positions;        /* (n_res, 14, 3) atom14 of the last structure-module block */
  const float  *plddt;            /* (n_res, 37) per-atom pLDDT 0-100, or NULL */
  const float  *pae;              /* (n_res, n_res) Angstrom, or NULL */
  float         max_pae;          /* the last PAE bin's centre (31.75) */
  double        ptm;              /* NAN when unknown */
  double        iptm;             /* NAN for one chain */
} PleatEsmFoldStructureInput;

/* OpenFold's atom37_atom_exists as fair-esm's infer() leaves it: the residue type's atoms,
 * none on linker positions. exists: (n_res, 37). linker nullable. */
void            pleat_esmfold_atom37_exists    (const guint8                     *aatype,
                                                const guint8                     *linker,
                                                guint                             n_res,
                                                guint8                           *exists);
/* atom14_to_atom37: atom37 (n_res, 37, 3) from atom14 (n_res, 14, 3), 0 where the atom does
 * not exist (exists as from pleat_esmfold_atom37_exists()). */
void            pleat_esmfold_atom14_to_atom37 (const guint8                     *aatype,
                                                const guint8                     *exists,
                                                const float                      *atom14,
                                                guint                             n_res,
                                                float                            *atom37);
/* fair-esm infer()'s mean_plddt: the mean of the per-atom pLDDT over every existing atom.
 * plddt (n_res, 37), exists (n_res, 37). */
double          pleat_esmfold_mean_plddt       (const float                      *plddt,
                                                const guint8                     *exists,
                                                guint                             n_res);

/* (transfer full) The structure. Residue pLDDT is the mean over the residue's atoms; the
 * structure's mean pLDDT is pleat_esmfold_mean_plddt(); the PAE is the residue-by-residue
 * block without linker rows and columns. */
PleatStructure *pleat_esmfold_build_structure  (const PleatEsmFoldStructureInput *input);

G_END_DECLS
