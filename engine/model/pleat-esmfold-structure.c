/* pleat-esmfold-structure.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pleat-engine"

#include "config.h"

#include <math.h>
#include <string.h>

#include "pleat-esmfold-structure.h"
#include "pleat-residue-constants.h"

void
pleat_esmfold_atom37_exists (const guint8 *aatype,
                             const guint8 *linker,
                             guint         n_res,
                             guint8       *exists)
{
  g_return_if_fail (aatype != NULL && exists != NULL);

  for (guint i = 0; i < n_res; i++)
    {
      gboolean keep = linker == NULL || !linker[i];

      g_return_if_fail (aatype[i] < PLEAT_RC_N_RESTYPES);
      for (guint a = 0; a < PLEAT_RC_N_ATOM37; a++)
        exists[i * PLEAT_RC_N_ATOM37 + a] = keep && pleat_rc_atom37_mask[aatype[i]][a];
    }
}

void
pleat_esmfold_atom14_to_atom37 (const guint8 *aatype,
                                const guint8 *exists,
                                const float  *atom14,
                                guint         n_res,
                                float        *atom37)
{
  g_return_if_fail (aatype != NULL && exists != NULL && atom14 != NULL && atom37 != NULL);

  for (gsize i = 0; i < n_res; i++)
    for (guint a = 0; a < PLEAT_RC_N_ATOM37; a++)
      {
        gsize slot = pleat_rc_atom37_to_atom14[aatype[i]][a];
        gboolean on = exists[i * PLEAT_RC_N_ATOM37 + a];

        for (guint x = 0; x < 3; x++)
          atom37[(i * PLEAT_RC_N_ATOM37 + a) * 3 + x] =
            on ? atom14[(i * PLEAT_RC_N_ATOM14 + slot) * 3 + x] : 0.0f;
      }
}

double
pleat_esmfold_mean_plddt (const float  *plddt,
                          const guint8 *exists,
                          guint         n_res)
{
  double sum = 0;
  gsize n = 0;

  g_return_val_if_fail (plddt != NULL && exists != NULL, NAN);

  for (gsize i = 0; i < (gsize) n_res * PLEAT_RC_N_ATOM37; i++)
    if (exists[i])
      {
        sum += plddt[i];
        n++;
      }
  return n > 0 ? sum / n : NAN;
}

/* "A".."Z", then "AA", "AB", ...: the letters OpenFold's writer uses for the first 26. */
static void
chain_name (guint k,
            char  name[8])
{
  if (k < 26)
    {
      name[0] = 'A' + k;
      name[1] = '\0';
    }
  else
    {
      k -= 26;
      name[0] = 'A' + (k / 26) % 26;
      name[1] = 'A' + k % 26;
      name[2] = '\0';
    }
}

PleatStructure *
pleat_esmfold_build_structure (const PleatEsmFoldStructureInput *in)
{
  g_autoptr(PleatStructure) structure = NULL;
  g_autofree guint8 *exists = NULL;
  g_autofree guint *residue_pos = NULL;
  g_autoptr(GHashTable) entities = NULL;
  GString *sequence = NULL;
  guint n = 0, chain = G_MAXUINT, seq_id = 0;

  g_return_val_if_fail (in != NULL, NULL);
  g_return_val_if_fail (in->aatype != NULL && in->positions != NULL, NULL);

  exists = g_new (guint8, (gsize) in->n_res * PLEAT_RC_N_ATOM37);
  pleat_esmfold_atom37_exists (in->aatype, in->linker, in->n_res, exists);
  residue_pos = g_new (guint, MAX (in->n_res, 1));
  entities = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  structure = pleat_structure_new ();

  for (guint i = 0; i < in->n_res; i++)
    {
      guint aa = in->aatype[i];
      guint k = in->chain_index != NULL ? in->chain_index[i] : 0;
      const float *pos14 = in->positions + (gsize) i * PLEAT_RC_N_ATOM14 * 3;

      if (in->linker != NULL && in->linker[i])
        continue;

      if (k != chain)
        {
          char name[8];

          if (sequence != NULL)
            {
              PleatChain *c = pleat_structure_get_last_chain (structure);
              gpointer id = g_hash_table_lookup (entities, sequence->str);

              if (id == NULL)
                {
                  id = GUINT_TO_POINTER (g_hash_table_size (entities) + 1);
                  g_hash_table_insert (entities, g_string_free (sequence, FALSE), id);
                }
              else
                g_string_free (sequence, TRUE);
              c->entity_id = GPOINTER_TO_UINT (id);
            }
          sequence = g_string_new (NULL);
          chain_name (k, name);
          pleat_structure_add_chain (structure, name, name);
          chain = k;
          seq_id = 0;
        }

      seq_id++;
      g_string_append_c (sequence, pleat_rc_restypes[aa]);
      pleat_structure_add_residue (structure, pleat_rc_restype_names[aa], (gint) seq_id, '\0');
      pleat_structure_get_last_residue (structure)->label_seq_id = (gint) seq_id;
      residue_pos[n++] = i;

      /* atom37 order, which is also the order OpenFold's to_pdb() writes a residue in. */
      for (guint a = 0; a < PLEAT_RC_N_ATOM37; a++)
        {
          const float *p;
          PleatAtom *atom;

          if (!exists[(gsize) i * PLEAT_RC_N_ATOM37 + a])
            continue;
          p = pos14 + pleat_rc_atom37_to_atom14[aa][a] * 3;
          pleat_structure_add_atom (structure, pleat_rc_atom_types[a], pleat_rc_atom_elements[a],
                                    p[0], p[1], p[2]);
          atom = pleat_structure_get_last_atom (structure);
          if (in->plddt != NULL)
            {
              atom->plddt = in->plddt[(gsize) i * PLEAT_RC_N_ATOM37 + a];
              atom->b_factor = atom->plddt;
            }
        }
    }

  if (sequence != NULL)
    {
      PleatChain *c = pleat_structure_get_last_chain (structure);
      gpointer id = g_hash_table_lookup (entities, sequence->str);

      if (id == NULL)
        id = GUINT_TO_POINTER (g_hash_table_size (entities) + 1);
      g_string_free (sequence, TRUE);
      c->entity_id = GPOINTER_TO_UINT (id);
    }

  if (in->plddt != NULL)
    {
      pleat_structure_compute_residue_plddt (structure);
      pleat_structure_set_mean_plddt (structure,
                                      pleat_esmfold_mean_plddt (in->plddt, exists, in->n_res));
    }

  if (in->pae != NULL && n > 0)
    {
      float *pae = g_new (float, (gsize) n * n);

      for (guint r = 0; r < n; r++)
        for (guint c = 0; c < n; c++)
          pae[(gsize) r * n + c] = in->pae[(gsize) residue_pos[r] * in->n_res + residue_pos[c]];
      pleat_structure_take_pae (structure, n, pae, in->max_pae);
    }

  pleat_structure_set_ptm (structure, in->ptm);
  pleat_structure_set_iptm (structure, in->iptm);
  return g_steal_pointer (&structure);
}
