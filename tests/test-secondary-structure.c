/* test-secondary-structure.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DSSP assignment against mkdssp 4.2 on real structures (tests/fixtures/structures/dssp/, made by
 * make-dssp-expected.sh): 1TII (mixed alpha/beta, six chains), 1HPV (beta, dimer) and IL-2
 * (alpha, with hydrogens).
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "pleat-secondary-structure.h"
#include "pleat-structure-reader.h"

static void
test_against_mkdssp (gconstpointer data)
{
  const char *name = data;
  g_autofree char *pdb_name = g_strconcat (name, ".pdb.gz", NULL);
  g_autofree char *tsv_name = g_strconcat (name, ".dssp.tsv", NULL);
  g_autofree char *pdb = g_test_build_filename (G_TEST_DIST, "fixtures", "structures", "dssp",
                                                pdb_name, NULL);
  g_autofree char *tsv = g_test_build_filename (G_TEST_DIST, "fixtures", "structures", "dssp",
                                                tsv_name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (pdb);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) structures = pleat_structure_load (file, NULL, &error);
  g_autofree char *expected = NULL;
  g_auto(GStrv) lines = NULL;
  PleatStructure *s;
  const PleatResidue *residues;
  const PleatChain *chains;
  guint n_residues, total = 0, agree = 0, helix_strand = 0, helix_strand_agree = 0;
  guint next = 0;

  g_assert_no_error (error);
  s = g_ptr_array_index (structures, 0);
  residues = pleat_structure_get_residues (s, &n_residues);
  chains = pleat_structure_get_chains (s, NULL);
  g_assert_true (g_file_get_contents (tsv, &expected, NULL, NULL));
  lines = g_strsplit (expected, "\n", -1);

  for (guint l = 0; lines[l] != NULL && lines[l][0] != '\0'; l++)
    {
      g_auto(GStrv) f = g_strsplit (lines[l], "\t", 4);
      gint seq = atoi (f[1]);
      char ins = f[2][0] == '.' ? '\0' : f[2][0];
      char want = f[3][0] == '-' ? ' ' : f[3][0];
      gboolean found = FALSE;

      /* Residues come in file order in both: search forward from the last match. */
      for (guint k = 0; k < n_residues && !found; k++)
        {
          guint i = (next + k) % n_residues;

          if (!residues[i].hetatm && residues[i].seq_id == seq && residues[i].ins_code == ins
              && strcmp (chains[residues[i].chain].auth_id, f[0]) == 0)
            {
              found = TRUE;
              next = i + 1;
              total++;
              agree += residues[i].ss == want;
              if (want == 'H' || want == 'E')
                {
                  helix_strand++;
                  helix_strand_agree += residues[i].ss == want;
                }
            }
        }
      g_assert_true (found);
    }

  g_test_message ("%s: %u of %u residues agree with mkdssp (%.2f%%); H/E %u of %u", name, agree,
                  total, 100.0 * agree / total, helix_strand_agree, helix_strand);
  g_assert_cmpuint (total, >, 100);
  g_assert_cmpfloat (100.0 * agree / total, >=, 95.0);
  /* Clear cases, helix and strand cores, must match exactly. */
  g_assert_cmpuint (helix_strand_agree, ==, helix_strand);
}

static void
test_degenerate (void)
{
  g_autoptr(PleatStructure) s = pleat_structure_new ();
  char ss[3];

  /* No backbone at all, and a lone residue: loops, no crash. */
  pleat_structure_add_chain (s, "A", "A");
  pleat_structure_add_residue (s, "GLY", 1, '\0');
  pleat_structure_add_atom (s, "CA", "C", 0, 0, 0);
  pleat_structure_add_residue (s, "GLY", 2, '\0');
  pleat_structure_add_atom (s, "N", "N", 3, 0, 0);
  pleat_structure_add_atom (s, "CA", "C", 3.8f, 0, 0);
  pleat_structure_add_atom (s, "C", "C", 4.5f, 1, 0);
  pleat_structure_add_atom (s, "O", "O", 4.5f, 2.2f, 0);
  pleat_structure_add_residue (s, "HOH", 3, '\0');
  pleat_structure_get_last_residue (s)->hetatm = TRUE;
  pleat_structure_add_atom (s, "O", "O", 9, 9, 9);
  pleat_secondary_structure_compute (s, ss);
  g_assert_cmpmem (ss, 3, "   ", 3);
  g_assert_false (pleat_structure_has_secondary_structure (s));
  pleat_secondary_structure_assign (s);
  g_assert_true (pleat_structure_has_secondary_structure (s));
  g_assert_cmpint (pleat_structure_get_residues (s, NULL)[1].ss, ==, ' ');
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_data_func ("/pleat/engine/SecondaryStructure/1tii", "1tii", test_against_mkdssp);
  g_test_add_data_func ("/pleat/engine/SecondaryStructure/1hpv", "1hpv", test_against_mkdssp);
  g_test_add_data_func ("/pleat/engine/SecondaryStructure/il2", "il2", test_against_mkdssp);
  g_test_add_func ("/pleat/engine/SecondaryStructure/degenerate", test_degenerate);

  return g_test_run ();
}
