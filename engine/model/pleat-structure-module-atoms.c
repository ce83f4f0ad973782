/* pleat-structure-module-atoms.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * From a backbone frame and seven torsion angles to the eight rigid-group frames and the
 * atom14 coordinates of one residue: OpenFold's torsion_angles_to_frames and
 * frames_and_literature_positions_to_atom14_pos (openfold/utils/feats.py), residue by residue.
 */
#define G_LOG_DOMAIN "pleat-engine"

#include "config.h"

#include "pleat-residue-constants.h"
#include "pleat-structure-module-private.h"

void
pleat_structure_module_residue_atoms (const PleatRigid *backbone,
                         const float      *angles,
                         guint             aatype,
                         PleatRigid       *groups,
                         float            *positions)
{
  PleatRigid to_backbone[PLEAT_SM_N_GROUPS];

  g_assert (aatype < PLEAT_RC_N_RESTYPES);

  for (guint g = 0; g < PLEAT_SM_N_GROUPS; g++)
    {
      PleatRigid def, torsion;
      /* The backbone group gets the identity rotation (sin 0, cos 1); group g > 0 gets
       * torsion g - 1 (pre-omega, phi, psi, chi1..4). */
      float sin_a = g == 0 ? 0.0f : angles[(g - 1) * 2 + 0];
      float cos_a = g == 0 ? 1.0f : angles[(g - 1) * 2 + 1];

      pleat_rigid_from_4x4 (pleat_rc_default_frames[aatype][g], &def);

      /* A rotation about x: [[1, 0, 0], [0, cos, -sin], [0, sin, cos]], no translation. */
      pleat_rigid_identity (&torsion);
      torsion.r[1][1] = cos_a;
      torsion.r[1][2] = -sin_a;
      torsion.r[2][1] = sin_a;
      torsion.r[2][2] = cos_a;
      pleat_rigid_compose (&def, &torsion, &to_backbone[g]);
    }

  /* chi2..4 frames are defined relative to the previous chi frame: chain them to the backbone. */
  for (guint g = 5; g < PLEAT_SM_N_GROUPS; g++)
    pleat_rigid_compose (&to_backbone[g - 1], &to_backbone[g], &to_backbone[g]);

  for (guint g = 0; g < PLEAT_SM_N_GROUPS; g++)
    pleat_rigid_compose (backbone, &to_backbone[g], &groups[g]);

  for (guint a = 0; a < PLEAT_SM_N_ATOM14; a++)
    {
      const float *lit = pleat_rc_atom14_group_positions[aatype][a];
      double p[3] = { lit[0], lit[1], lit[2] };
      double out[3];

      /* Absent atoms: the reference multiplies by the atom mask, giving exact zeros. */
      if (!pleat_rc_atom14_mask[aatype][a])
        {
          positions[a * 3 + 0] = positions[a * 3 + 1] = positions[a * 3 + 2] = 0.0f;
          continue;
        }
      pleat_rigid_apply (&groups[pleat_rc_atom14_to_group[aatype][a]], p, out);
      for (guint x = 0; x < 3; x++)
        positions[a * 3 + x] = (float) out[x];
    }
}
