/* test-esmfold-heads.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The confidence formulas on hand-made logits, against closed forms: PAE bin centres, pTM as
 * OpenFold's compute_tm, ipTM as AlphaFold-Multimer's predicted_tm_score(interface=True) with
 * the linker weighted out; and the conversion to PleatStructure (chains, numbering, entities,
 * linker removal, atom order and elements).
 */
#include "config.h"

#include <math.h>

#include "pleat-compute.h"
#include "pleat-esmfold-heads.h"
#include "pleat-esmfold-structure.h"
#include "pleat-residue-constants.h"

#define NB PLEAT_ESMFOLD_DISTOGRAM_BINS

static double
d0 (double n)
{
  return 1.24 * cbrt (MAX (n, 19.0) - 15.0) - 1.8;
}

static double
tm_of_bin (guint b,
           double n)
{
  double c = 0.25 + 0.5 * b, d = d0 (n);

  return 1.0 / (1.0 + c * c / (d * d));
}

/* Logits putting (practically) all probability on one bin per pair. */
static float *
one_hot_logits (guint  n,
                guint (*bin_of) (guint i, guint j, gpointer data),
                gpointer data)
{
  float *logits = g_new0 (float, (gsize) n * n * NB);

  for (guint i = 0; i < n; i++)
    for (guint j = 0; j < n; j++)
      logits[((gsize) i * n + j) * NB + bin_of (i, j, data)] = 60.0f;
  return logits;
}

static guint
constant_bin (guint    i,
              guint    j,
              gpointer data)
{
  return GPOINTER_TO_UINT (data);
}

static const guint chains_2x[] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1 };

/* Within a chain bin 2 (1.25 A), across chains bin 40 (20.25 A), but from residue 3 of chain 0
 * to chain 1 bin 10 (5.25 A): residue 3 is the best-aligned for the interface. */
static guint
interface_bin (guint    i,
               guint    j,
               gpointer data)
{
  const guint *chain = data;

  if (chain[i] == chain[j])
    return 2;
  return i == 3 ? 10 : 40;
}

static void
test_pae_ptm_closed_form (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PleatCompute) compute = pleat_compute_new (2, &error);
  const PleatLayerCtx *ctx = pleat_compute_get_layer_ctx (compute);
  guint n = 25;
  g_autofree float *logits = one_hot_logits (n, constant_bin, GUINT_TO_POINTER (7));
  g_autofree float *pae = g_new (float, n * n);
  double ptm, iptm;

  g_assert_no_error (error);
  pleat_esmfold_aligned_error_from_logits (ctx, logits, n, NULL, NULL, pae, &ptm, &iptm);
  for (guint i = 0; i < n * n; i++)
    g_assert_cmpfloat_with_epsilon (pae[i], 0.25 + 0.5 * 7, 1e-5);
  /* compute_tm: Σ_j term / (1e-8 + n), every row the same. */
  g_assert_cmpfloat_with_epsilon (ptm, tm_of_bin (7, n) * n / (1e-8 + n), 1e-6);
  g_assert_true (isnan (iptm));

  /* The last bin's centre is the maximum PAE. */
  g_free (logits);
  logits = one_hot_logits (n, constant_bin, GUINT_TO_POINTER (NB - 1));
  pleat_esmfold_aligned_error_from_logits (ctx, logits, n, NULL, NULL, pae, &ptm, NULL);
  g_assert_cmpfloat_with_epsilon (pae[0], PLEAT_ESMFOLD_MAX_PAE, 1e-5);

  /* Short chains: d0 uses at least 19 residues (no negative d0). */
  g_free (logits);
  logits = one_hot_logits (5, constant_bin, GUINT_TO_POINTER (0));
  pleat_esmfold_aligned_error_from_logits (ctx, logits, 5, NULL, NULL, pae, &ptm, NULL);
  g_assert_cmpfloat_with_epsilon (ptm, tm_of_bin (0, 19) * 5 / (1e-8 + 5), 1e-6);
}

static void
test_iptm_closed_form (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PleatCompute) compute = pleat_compute_new (1, &error);
  const PleatLayerCtx *ctx = pleat_compute_get_layer_ctx (compute);
  guint n = G_N_ELEMENTS (chains_2x);
  g_autofree float *logits = one_hot_logits (n, interface_bin, (gpointer) chains_2x);
  g_autofree float *pae = g_new (float, n * n);
  guint8 linker[G_N_ELEMENTS (chains_2x)] = { 0 };
  double ptm, iptm, expect_ptm;

  g_assert_no_error (error);
  pleat_esmfold_aligned_error_from_logits (ctx, logits, n, chains_2x, NULL, pae, &ptm, &iptm);

  /* ipTM: row 3 scores tm(bin 10) on its 10 partners; d0 from all 20 residues. */
  g_assert_cmpfloat_with_epsilon (iptm, tm_of_bin (10, n) * 10 / (1e-8 + 10), 1e-6);
  /* pTM: row 3 again is best: 10 pairs at bin 2 and 10 at bin 10, over 20. */
  expect_ptm = (10 * tm_of_bin (2, n) + 10 * tm_of_bin (10, n)) / (1e-8 + n);
  g_assert_cmpfloat_with_epsilon (ptm, expect_ptm, 1e-6);
  g_assert_cmpfloat_with_epsilon (pae[3 * n + 15], 5.25, 1e-5);
  g_assert_cmpfloat_with_epsilon (pae[15 * n + 3], 20.25, 1e-5);

  /* Linker positions (the last 5 of chain 0 here) leave ipTM's pairs and its d0, not pTM. */
  for (guint i = 5; i < 10; i++)
    linker[i] = 1;
  pleat_esmfold_aligned_error_from_logits (ctx, logits, n, chains_2x, linker, pae, &ptm, &iptm);
  g_assert_cmpfloat_with_epsilon (iptm, tm_of_bin (10, 15) * 10 / (1e-8 + 10), 1e-6);
  g_assert_cmpfloat_with_epsilon (ptm, expect_ptm, 1e-6);

  /* One chain: no interface. */
  {
    static const guint one[G_N_ELEMENTS (chains_2x)] = { 0 };

    pleat_esmfold_aligned_error_from_logits (ctx, logits, n, one, NULL, pae, &ptm, &iptm);
    g_assert_true (isnan (iptm));
  }
}

/* A fake atom14 array where every coordinate encodes (residue, slot, axis). */
static float *
coded_positions (guint n)
{
  float *p = g_new (float, (gsize) n * 14 * 3);

  for (guint i = 0; i < n; i++)
    for (guint s = 0; s < 14; s++)
      for (guint x = 0; x < 3; x++)
        p[((gsize) i * 14 + s) * 3 + x] = i * 100.0f + s + x * 0.25f;
  return p;
}

static void
test_build_structure (void)
{
  /* Two copies of "GAX" joined by a 2-residue linker: G A X G G | G A X. */
  static const char seq[] = "GAXGGGAX";
  const guint chain_index[] = { 0, 0, 0, 0, 0, 1, 1, 1 };
  const guint8 linker[] = { 0, 0, 0, 1, 1, 0, 0, 0 };
  guint n = 8;
  guint8 aatype[8];
  g_autofree float *positions = coded_positions (n);
  g_autofree float *plddt = g_new (float, n * 37);
  g_autofree float *pae = g_new (float, n * n);
  g_autoptr(PleatStructure) s = NULL;
  const PleatChain *chains;
  const PleatResidue *residues;
  const PleatAtom *atoms;
  const float *kept;
  guint n_chains, n_residues, n_atoms, n_pae;
  float max_pae;
  g_autofree char *seq_a = NULL;

  for (guint i = 0; i < n; i++)
    aatype[i] = pleat_rc_restype_from_letter (seq[i]);
  for (guint i = 0; i < n * 37; i++)
    plddt[i] = (float) (i % 97);
  for (guint i = 0; i < n; i++)
    for (guint j = 0; j < n; j++)
      pae[i * n + j] = i * 10 + j;

  {
    PleatEsmFoldStructureInput in = {
      .n_res = n, .aatype = aatype, .chain_index = chain_index, .linker = linker,
      .positions = positions, .plddt = plddt, .pae = pae, .max_pae = 31.75f,
      .ptm = 0.5, .iptm = 0.25,
    };

    s = pleat_esmfold_build_structure (&in);
  }

  chains = pleat_structure_get_chains (s, &n_chains);
  residues = pleat_structure_get_residues (s, &n_residues);
  atoms = pleat_structure_get_atoms (s, &n_atoms);
  g_assert_cmpuint (n_chains, ==, 2);
  g_assert_cmpstr (chains[0].id, ==, "A");
  g_assert_cmpstr (chains[1].auth_id, ==, "B");
  /* Same sequence, same entity. */
  g_assert_cmpuint (chains[0].entity_id, ==, 1);
  g_assert_cmpuint (chains[1].entity_id, ==, 1);
  g_assert_cmpuint (n_residues, ==, 6);
  g_assert_cmpuint (chains[1].first_residue, ==, 3);
  g_assert_cmpstr (residues[2].name, ==, "UNK");
  g_assert_cmpint (residues[3].seq_id, ==, 1);
  g_assert_cmpint (residues[5].seq_id, ==, 3);
  g_assert_cmpint (residues[4].label_seq_id, ==, 2);
  seq_a = pleat_structure_dup_chain_sequence (s, 0);
  g_assert_cmpstr (seq_a, ==, "GAX");

  /* GLY: N CA C O; ALA: N CA C CB O (atom37 order); UNK: nothing. */
  g_assert_cmpuint (residues[0].n_atoms, ==, 4);
  g_assert_cmpuint (residues[1].n_atoms, ==, 5);
  g_assert_cmpuint (residues[2].n_atoms, ==, 0);
  g_assert_cmpuint (n_atoms, ==, 18);
  g_assert_cmpstr (atoms[4].name, ==, "N");
  g_assert_cmpstr (atoms[7].name, ==, "CB");
  g_assert_cmpstr (atoms[8].name, ==, "O");
  g_assert_cmpstr (atoms[8].element, ==, "O");
  g_assert_cmpstr (atoms[7].element, ==, "C");
  /* ALA's CB is atom14 slot 4, O slot 3; the input residue is 1. */
  g_assert_cmpfloat (atoms[7].x, ==, 104.0f);
  g_assert_cmpfloat (atoms[8].y, ==, 103.25f);
  /* Chain B's glycine is input position 5, after the linker. */
  g_assert_cmpfloat (atoms[9].x, ==, 500.0f);
  /* B-factor = per-atom pLDDT of that atom37 slot. */
  g_assert_cmpfloat (atoms[7].b_factor, ==, plddt[1 * 37 + PLEAT_RC_ATOM_CB]);
  g_assert_cmpfloat (atoms[7].plddt, ==, atoms[7].b_factor);
  g_assert_cmpfloat_with_epsilon (residues[0].plddt,
                                  (plddt[0] + plddt[1] + plddt[2] + plddt[4]) / 4.0, 1e-5);
  g_assert_true (isnan (residues[2].plddt));

  /* The PAE keeps residues 0 1 2 5 6 7. */
  kept = pleat_structure_get_pae (s, &n_pae, &max_pae);
  g_assert_cmpuint (n_pae, ==, 6);
  g_assert_cmpfloat (max_pae, ==, 31.75f);
  g_assert_cmpfloat (kept[0 * 6 + 3], ==, 5.0f);
  g_assert_cmpfloat (kept[3 * 6 + 2], ==, 52.0f);
  g_assert_cmpfloat (kept[5 * 6 + 5], ==, 77.0f);

  g_assert_cmpfloat (pleat_structure_get_ptm (s), ==, 0.5);
  g_assert_cmpfloat (pleat_structure_get_iptm (s), ==, 0.25);
  g_assert_true (pleat_structure_has_plddt (s));
}

static void
test_atom37 (void)
{
  const guint8 aatype[] = { 17, 20, 7 };     /* TRP, UNK, GLY */
  const guint8 linker[] = { 0, 0, 1 };
  g_autofree float *positions = coded_positions (3);
  guint8 exists[3 * 37];
  float atom37[3 * 37 * 3];
  float plddt[3 * 37];

  pleat_esmfold_atom37_exists (aatype, linker, 3, exists);
  for (guint a = 0; a < 37; a++)
    {
      g_assert_cmpint (exists[a], ==, pleat_rc_atom37_mask[17][a]);
      g_assert_cmpint (exists[37 + a], ==, 0);
      g_assert_cmpint (exists[74 + a], ==, 0);
    }
  pleat_esmfold_atom14_to_atom37 (aatype, exists, positions, 3, atom37);
  /* TRP CH2 is atom37 28 and atom14 slot 13. */
  g_assert_cmpfloat (atom37[28 * 3 + 2], ==, 13.5f);
  g_assert_cmpfloat (atom37[(74 + 1) * 3], ==, 0.0f);

  for (guint i = 0; i < 3 * 37; i++)
    plddt[i] = i < 37 ? 80.0f : 10.0f;
  g_assert_cmpfloat_with_epsilon (pleat_esmfold_mean_plddt (plddt, exists, 3), 80.0, 1e-9);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/pleat/model/EsmFoldHeads/pae-ptm", test_pae_ptm_closed_form);
  g_test_add_func ("/pleat/model/EsmFoldHeads/iptm", test_iptm_closed_form);
  g_test_add_func ("/pleat/model/EsmFoldStructure/build", test_build_structure);
  g_test_add_func ("/pleat/model/EsmFoldStructure/atom37", test_atom37);

  return g_test_run ();
}
