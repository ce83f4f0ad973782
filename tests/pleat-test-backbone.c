/* pleat-test-backbone.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "pleat-test-backbone.h"

typedef struct
{
  double x, y, z;
} Vec;

static Vec
vec_sub (Vec a,
         Vec b)
{
  return (Vec) { a.x - b.x, a.y - b.y, a.z - b.z };
}

static Vec
vec_cross (Vec a,
           Vec b)
{
  return (Vec) { a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x };
}

static Vec
vec_unit (Vec a)
{
  double n = sqrt (a.x * a.x + a.y * a.y + a.z * a.z);

  return (Vec) { a.x / n, a.y / n, a.z / n };
}

/* NeRF: the atom d bonded to c at distance length, with angle b-c-d and torsion a-b-c-d
 * (degrees). */
static Vec
place (Vec    a,
       Vec    b,
       Vec    c,
       double length,
       double angle,
       double torsion)
{
  double theta = angle * G_PI / 180.0;
  double phi = torsion * G_PI / 180.0;
  Vec bc = vec_unit (vec_sub (c, b));
  Vec n = vec_unit (vec_cross (vec_sub (b, a), bc));
  Vec m = vec_cross (n, bc);
  double dx = -length * cos (theta);
  double dy = length * sin (theta) * cos (phi);
  double dz = length * sin (theta) * sin (phi);

  return (Vec) {
    c.x + dx * bc.x + dy * m.x + dz * n.x,
    c.y + dx * bc.y + dy * m.y + dz * n.y,
    c.z + dx * bc.z + dy * m.z + dz * n.z,
  };
}

static void
add_atom (PleatStructure *structure,
          const char     *name,
          const char     *element,
          Vec             p,
          float           plddt)
{
  PleatAtom *atom;

  pleat_structure_add_atom (structure, name, element, p.x, p.y, p.z);
  atom = pleat_structure_get_last_atom (structure);
  atom->plddt = plddt;
  atom->b_factor = plddt;
}

PleatStructure *
pleat_test_structure_backbone (guint    n_residues,
                               gboolean helix,
                               float    plddt_first,
                               float    plddt_second)
{
  PleatStructure *structure = pleat_structure_new ();
  double phi = helix ? -57.0 : -120.0;
  double psi = helix ? -47.0 : 130.0;
  Vec n_atom = { 0, 0, 0 };
  Vec ca = { 1.458, 0, 0 };
  Vec c = { 1.458 + 1.525 * cos (G_PI - 111.2 * G_PI / 180.0),
            1.525 * sin (G_PI - 111.2 * G_PI / 180.0), 0 };

  pleat_structure_set_title (structure, helix ? "test helix" : "test strand");
  pleat_structure_add_chain (structure, "A", "A");

  for (guint i = 0; i < n_residues; i++)
    {
      float plddt = i < n_residues / 2 ? plddt_first : plddt_second;
      Vec next_n = place (n_atom, ca, c, 1.329, 116.2, psi);
      Vec o = place (next_n, ca, c, 1.231, 120.5, 180.0);
      /* CB from the ideal L-amino-acid geometry. */
      Vec cb = place (c, n_atom, ca, 1.530, 110.5, -122.6);

      pleat_structure_add_residue (structure, "ALA", (gint) i + 1, '\0');
      pleat_structure_get_last_residue (structure)->label_seq_id = (gint) i + 1;
      add_atom (structure, "N", "N", n_atom, plddt);
      add_atom (structure, "CA", "C", ca, plddt);
      add_atom (structure, "C", "C", c, plddt);
      add_atom (structure, "O", "O", o, plddt);
      add_atom (structure, "CB", "C", cb, plddt);

      {
        Vec next_ca = place (ca, c, next_n, 1.458, 121.7, 180.0);
        Vec next_c = place (c, next_n, next_ca, 1.525, 111.2, phi);

        n_atom = next_n;
        ca = next_ca;
        c = next_c;
      }
    }

  pleat_structure_compute_residue_plddt (structure);
  return structure;
}
