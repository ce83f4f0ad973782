/* bench-scene.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Load and scene-build times for a large structure: 1TII (712 residues) tiled 15 times on a
 * grid into one 10,680-residue, 82,000-atom model, written as mmCIF text, then parsed, given
 * secondary structure, built in every representation and picked. A benchmark, not a test:
 * `meson test --benchmark` or run it directly. Usage: bench-scene [COPIES]
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pleat-scene.h"
#include "pleat-secondary-structure.h"
#include "pleat-structure-reader.h"

static double
now_ms (void)
{
  return (double) g_get_monotonic_time () / 1000.0;
}

static char *
tiled_mmcif (PleatStructure *s,
             guint           copies,
             guint          *n_residues_out)
{
  GString *out = g_string_new ("data_tiled\nloop_\n_atom_site.group_PDB\n_atom_site.id\n"
                               "_atom_site.type_symbol\n_atom_site.label_atom_id\n"
                               "_atom_site.label_comp_id\n_atom_site.label_asym_id\n"
                               "_atom_site.label_seq_id\n_atom_site.auth_seq_id\n"
                               "_atom_site.auth_asym_id\n_atom_site.Cartn_x\n_atom_site.Cartn_y\n"
                               "_atom_site.Cartn_z\n_atom_site.occupancy\n"
                               "_atom_site.B_iso_or_equiv\n");
  guint n_chains, n_residues = 0, serial = 0;
  const PleatChain *chains = pleat_structure_get_chains (s, &n_chains);
  const PleatResidue *residues = pleat_structure_get_residues (s, NULL);
  const PleatAtom *atoms = pleat_structure_get_atoms (s, NULL);
  guint side = 1;

  while (side * side * side < copies)
    side++;
  for (guint copy = 0; copy < copies; copy++)
    {
      float dx = 80.0f * (float) (copy % side);
      float dy = 80.0f * (float) ((copy / side) % side);
      float dz = 80.0f * (float) (copy / (side * side));

      for (guint c = 0; c < n_chains; c++)
        {
          char asym[8];

          g_snprintf (asym, sizeof asym, "%c%u", 'A' + (char) c, copy);
          for (guint r = 0; r < chains[c].n_residues; r++)
            {
              const PleatResidue *res = &residues[chains[c].first_residue + r];

              if (res->hetatm)
                continue;
              n_residues++;
              for (guint a = 0; a < res->n_atoms; a++)
                {
                  const PleatAtom *atom = &atoms[res->first_atom + a];

                  /* pLDDT-like values so the pLDDT scheme has something to colour. */
                  g_string_append_printf (out,
                                          "ATOM %u %s %s %s %s %d %d %s %.3f %.3f %.3f 1 %.2f\n",
                                          ++serial, atom->element, atom->name, res->name, asym,
                                          res->label_seq_id, res->seq_id, asym, atom->x + dx,
                                          atom->y + dy, atom->z + dz,
                                          50.0 + 45.0 * ((r * 7 + copy) % 10) / 10.0);
                }
            }
        }
    }
  *n_residues_out = n_residues;
  return g_string_free (out, FALSE);
}

int
main (int   argc,
      char *argv[])
{
  guint copies = argc > 1 ? (guint) atoi (argv[1]) : 15;
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GPtrArray) source = NULL;
  g_autoptr(GPtrArray) tiled = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PleatScene) scene = pleat_scene_new ();
  g_autofree char *text = NULL;
  static const char * const names[] = { "cartoon", "trace", "ball-and-stick", "spacefill" };
  PleatStructure *big;
  guint n_residues;
  double t0, t1;

  path = g_build_filename (g_getenv ("G_TEST_SRCDIR") != NULL ? g_getenv ("G_TEST_SRCDIR")
                                                              : SOURCE_TESTS_DIR,
                           "fixtures", "structures", "dssp", "1tii.pdb.gz", NULL);
  file = g_file_new_for_path (path);
  source = pleat_structure_load (file, NULL, &error);
  if (source == NULL)
    g_error ("%s", error->message);
  text = tiled_mmcif (g_ptr_array_index (source, 0), copies, &n_residues);

  t0 = now_ms ();
  tiled = pleat_structure_read_data (text, strlen (text), PLEAT_STRUCTURE_FORMAT_MMCIF, "tiled",
                                     NULL, &error);
  t1 = now_ms ();
  if (tiled == NULL)
    g_error ("%s", error->message);
  big = g_ptr_array_index (tiled, 0);
  printf ("structure: %u residues, %u atoms, %u chains, %.1f MB of mmCIF\n", n_residues,
          pleat_structure_get_n_atoms (big), pleat_structure_get_n_chains (big),
          strlen (text) / 1e6);
  printf ("parse mmCIF:          %8.1f ms\n", t1 - t0);

  t0 = now_ms ();
  pleat_secondary_structure_assign (big);
  printf ("secondary structure:  %8.1f ms\n", now_ms () - t0);

  pleat_scene_add_structure (scene, big);
  for (guint r = 0; r < G_N_ELEMENTS (names); r++)
    {
      guint n_spheres, n_cylinders, n_vertices, n_indices;
      const guint32 *indices;
      double best = G_MAXDOUBLE;

      /* Best of three: the machine is shared. */
      for (guint run = 0; run < 3; run++)
        {
          pleat_scene_set_representation (scene, (PleatRepresentation) r);
          pleat_scene_set_color_scheme (scene, run % 2 ? PLEAT_COLOR_SCHEME_PLDDT
                                                       : PLEAT_COLOR_SCHEME_CHAIN);
          t0 = now_ms ();
          pleat_scene_build (scene);
          best = MIN (best, now_ms () - t0);
        }
      pleat_scene_get_spheres (scene, &n_spheres);
      pleat_scene_get_cylinders (scene, &n_cylinders);
      pleat_scene_get_mesh (scene, &n_vertices, &indices, &n_indices);
      printf ("build %-15s %8.1f ms  (%u spheres, %u cylinders, %u vertices, %u triangles)\n",
              names[r], best, n_spheres, n_cylinders, n_vertices, n_indices / 3);
    }

  {
    float center[3], radius;
    g_autoptr(GRand) rand = g_rand_new_with_seed (1);
    guint hits = 0, n = 2000;

    pleat_scene_set_representation (scene, PLEAT_REPRESENTATION_SPACEFILL);
    pleat_scene_build (scene);
    pleat_scene_get_bounds (scene, center, &radius);
    t0 = now_ms ();
    for (guint i = 0; i < n; i++)
      {
        float origin[3] = { center[0] + (float) g_rand_double_range (rand, -radius, radius),
                            center[1] + (float) g_rand_double_range (rand, -radius, radius),
                            center[2] + 2 * radius };
        float direction[3] = { 0, 0, -1 };

        hits += pleat_scene_pick (scene, origin, direction, NULL, NULL);
      }
    printf ("pick (spacefill):     %8.3f ms per ray (%u of %u rays hit)\n",
            (now_ms () - t0) / n, hits, n);
  }
  return 0;
}
