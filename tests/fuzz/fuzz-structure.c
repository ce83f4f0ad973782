/* fuzz-structure.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libFuzzer target for one structure reader, chosen at build time by FUZZ_STRUCTURE_FORMAT
 * (fuzz-mmcif: the mmCIF tokenizer and reader, ModelCIF QA tables included; fuzz-pdb: the PDB
 * reader), then what the viewer does next with a structure it accepted: secondary structure.
 * A structure that parsed must be internally consistent.
 */
#include "config.h"

#include <math.h>
#include <stdint.h>

#include "pleat-secondary-structure.h"
#include "pleat-structure-reader.h"

#ifndef FUZZ_STRUCTURE_FORMAT
#error "FUZZ_STRUCTURE_FORMAT must name a PleatStructureFormat"
#endif

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) structures =
    pleat_structure_read_data ((const char *) data, size, FUZZ_STRUCTURE_FORMAT,
                               "fuzz", NULL, &error);

  if (structures == NULL)
    {
      g_assert (error != NULL && error->message != NULL);
      return 0;
    }
  g_assert (structures->len > 0);
  for (guint s = 0; s < structures->len; s++)
    {
      PleatStructure *structure = g_ptr_array_index (structures, s);
      guint n_chains, n_residues, n_atoms, n_pae, atoms_seen = 0;
      const PleatChain *chains = pleat_structure_get_chains (structure, &n_chains);
      const PleatResidue *residues = pleat_structure_get_residues (structure, &n_residues);
      const PleatAtom *atoms = pleat_structure_get_atoms (structure, &n_atoms);
      const float *pae = pleat_structure_get_pae (structure, &n_pae, NULL);

      for (guint c = 0; c < n_chains; c++)
        g_assert (chains[c].first_residue + chains[c].n_residues <= n_residues);
      for (guint r = 0; r < n_residues; r++)
        {
          g_assert (residues[r].chain < n_chains);
          g_assert (residues[r].first_atom == atoms_seen);
          atoms_seen += residues[r].n_atoms;
          g_assert (isnan (residues[r].plddt) || isfinite (residues[r].plddt));
        }
      g_assert (atoms_seen == n_atoms);
      for (guint a = 0; a < n_atoms; a++)
        g_assert (atoms[a].residue < n_residues && isfinite (atoms[a].x));
      if (pae != NULL)
        g_assert (n_pae > 0 && n_pae <= n_residues && isfinite (pae[(gsize) n_pae * n_pae - 1]));
      pleat_secondary_structure_assign (structure);
    }
  return 0;
}
