/* test-structure.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "pleat-residues.h"
#include "pleat-structure.h"

static PleatStructure *
build_dipeptide (void)
{
  PleatStructure *s = pleat_structure_new ();

  pleat_structure_add_chain (s, "A", "A");
  pleat_structure_add_residue (s, "MET", 1, '\0');
  pleat_structure_add_atom (s, "N", "N", 0, 0, 0);
  pleat_structure_get_last_atom (s)->plddt = 80.0f;
  pleat_structure_add_atom (s, "CA", "C", 1.46f, 0, 0);
  pleat_structure_get_last_atom (s)->plddt = 90.0f;
  pleat_structure_add_residue (s, "GLY", 2, ' ');
  pleat_structure_add_atom (s, "CA", "C", 3.8f, 0, 0);
  pleat_structure_add_chain (s, "B", "C");
  pleat_structure_add_residue (s, "MSE", 10, 'A');
  pleat_structure_add_atom (s, "SE", "SE", 0, 5, 0);
  pleat_structure_get_last_atom (s)->plddt = 50.0f;
  return s;
}

static void
test_structure_build (void)
{
  g_autoptr(PleatStructure) s = build_dipeptide ();
  const PleatChain *chains;
  const PleatResidue *residues;
  const PleatAtom *atoms;
  guint n_chains, n_residues, n_atoms;
  g_autofree char *seq_a = NULL;
  g_autofree char *seq_b = NULL;

  chains = pleat_structure_get_chains (s, &n_chains);
  residues = pleat_structure_get_residues (s, &n_residues);
  atoms = pleat_structure_get_atoms (s, &n_atoms);
  g_assert_cmpuint (n_chains, ==, 2);
  g_assert_cmpuint (n_residues, ==, 3);
  g_assert_cmpuint (n_atoms, ==, 4);

  g_assert_cmpstr (chains[1].id, ==, "B");
  g_assert_cmpstr (chains[1].auth_id, ==, "C");
  g_assert_cmpuint (chains[0].first_residue, ==, 0);
  g_assert_cmpuint (chains[0].n_residues, ==, 2);
  g_assert_cmpuint (chains[1].first_residue, ==, 2);

  g_assert_cmpint (residues[1].one_letter, ==, 'G');
  g_assert_cmpint (residues[1].ins_code, ==, '\0');   /* a blank insertion code is none */
  g_assert_cmpint (residues[2].ins_code, ==, 'A');
  g_assert_cmpint (residues[2].one_letter, ==, 'M');  /* selenomethionine reads as M */
  g_assert_cmpuint (residues[0].first_atom, ==, 0);
  g_assert_cmpuint (residues[0].n_atoms, ==, 2);
  g_assert_cmpuint (residues[1].first_atom, ==, 2);
  g_assert_cmpuint (atoms[3].residue, ==, 2);
  g_assert_cmpfloat (atoms[1].occupancy, ==, 1.0f);

  seq_a = pleat_structure_dup_chain_sequence (s, 0);
  seq_b = pleat_structure_dup_chain_sequence (s, 1);
  g_assert_cmpstr (seq_a, ==, "MG");
  g_assert_cmpstr (seq_b, ==, "M");

  g_assert_cmpint (pleat_structure_find_atom (s, 0, "CA"), ==, 1);
  g_assert_cmpint (pleat_structure_find_atom (s, 1, "CB"), ==, -1);

  g_assert_finalize_object (g_steal_pointer (&s));
}

static void
test_structure_plddt (void)
{
  g_autoptr(PleatStructure) s = build_dipeptide ();
  const PleatResidue *residues;

  g_assert_false (pleat_structure_has_plddt (s));
  pleat_structure_compute_residue_plddt (s);
  residues = pleat_structure_get_residues (s, NULL);
  g_assert_cmpfloat_with_epsilon (residues[0].plddt, 85.0, 1e-5);
  g_assert_true (isnan (residues[1].plddt));  /* no atom with a pLDDT */
  g_assert_cmpfloat_with_epsilon (residues[2].plddt, 50.0, 1e-5);
  g_assert_true (pleat_structure_has_plddt (s));

  g_assert_true (isnan (pleat_structure_get_ptm (s)));
  pleat_structure_set_ptm (s, 0.5);
  g_assert_cmpfloat (pleat_structure_get_ptm (s), ==, 0.5);
}

static void
notify_count_cb (GObject    *object,
                 GParamSpec *pspec,
                 gpointer    user_data)
{
  (*(guint *) user_data)++;
}

static void
test_structure_notify (void)
{
  g_autoptr(PleatStructure) s = pleat_structure_new ();
  guint n_notify = 0;

  g_signal_connect (s, "notify", G_CALLBACK (notify_count_cb), &n_notify);
  pleat_structure_set_iptm (s, NAN);   /* unchanged: still unknown */
  g_assert_cmpuint (n_notify, ==, 0);
  pleat_structure_set_iptm (s, 0.25);
  pleat_structure_set_iptm (s, 0.25);
  g_assert_cmpuint (n_notify, ==, 1);
  pleat_structure_set_title (s, "fold");
  pleat_structure_set_title (s, "fold");
  g_assert_cmpuint (n_notify, ==, 2);
  g_assert_cmpstr (pleat_structure_get_title (s), ==, "fold");
}

static void
test_structure_pae (void)
{
  g_autoptr(PleatStructure) s = pleat_structure_new ();
  float *pae = g_new0 (float, 4);
  const float *got;
  guint n = 0;
  float max_pae = 0;

  g_assert_null (pleat_structure_get_pae (s, &n, NULL));
  g_assert_cmpuint (n, ==, 0);
  pae[1] = 3.5f;
  pleat_structure_take_pae (s, 2, pae, 31.75f);
  got = pleat_structure_get_pae (s, &n, &max_pae);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpfloat (got[1], ==, 3.5f);
  g_assert_cmpfloat (max_pae, ==, 31.75f);
}

static void
test_residue_names (void)
{
  g_assert_cmpint (pleat_residue_one_letter ("TRP"), ==, 'W');
  g_assert_cmpint (pleat_residue_one_letter ("trp"), ==, 'W');
  g_assert_cmpint (pleat_residue_one_letter ("HOH"), ==, 'X');
  g_assert_cmpstr (pleat_residue_three_letter ('y'), ==, "TYR");
  g_assert_cmpstr (pleat_residue_three_letter ('B'), ==, "UNK");
  g_assert_cmpstr (pleat_residue_three_letter ('U'), ==, "SEC");
  g_assert_true (pleat_residue_is_standard ('V'));
  g_assert_false (pleat_residue_is_standard ('X'));
  g_assert_false (pleat_residue_is_standard ('U'));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/pleat/engine/Structure/build", test_structure_build);
  g_test_add_func ("/pleat/engine/Structure/plddt", test_structure_plddt);
  g_test_add_func ("/pleat/engine/Structure/notify", test_structure_notify);
  g_test_add_func ("/pleat/engine/Structure/pae", test_structure_pae);
  g_test_add_func ("/pleat/engine/Residues/names", test_residue_names);

  return g_test_run ();
}
