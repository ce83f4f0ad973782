/* test-structure-roundtrip.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Our own result files read back by our readers: what the writers (engine/io/pleat-*-writer.c)
 * put into mmCIF/ModelCIF, PDB and PAE JSON comes out the same.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "pleat-pae-json.h"
#include "pleat-result-writer.h"
#include "pleat-structure-reader.h"
#include "pleat-test-structures.h"

static void
assert_same_structure (PleatStructure *a,
                       PleatStructure *b,
                       float           coordinate_tolerance,
                       float           plddt_tolerance)
{
  guint n_chains_a, n_chains_b, n_res_a, n_res_b, n_atoms_a, n_atoms_b;
  const PleatChain *ca = pleat_structure_get_chains (a, &n_chains_a);
  const PleatChain *cb = pleat_structure_get_chains (b, &n_chains_b);
  const PleatResidue *ra = pleat_structure_get_residues (a, &n_res_a);
  const PleatResidue *rb = pleat_structure_get_residues (b, &n_res_b);
  const PleatAtom *aa = pleat_structure_get_atoms (a, &n_atoms_a);
  const PleatAtom *ab = pleat_structure_get_atoms (b, &n_atoms_b);

  g_assert_cmpuint (n_chains_a, ==, n_chains_b);
  g_assert_cmpuint (n_res_a, ==, n_res_b);
  g_assert_cmpuint (n_atoms_a, ==, n_atoms_b);
  for (guint c = 0; c < n_chains_a; c++)
    {
      g_assert_cmpstr (ca[c].auth_id, ==, cb[c].auth_id);
      g_assert_cmpuint (ca[c].n_residues, ==, cb[c].n_residues);
    }
  for (guint r = 0; r < n_res_a; r++)
    {
      g_assert_cmpstr (ra[r].name, ==, rb[r].name);
      g_assert_cmpint (ra[r].seq_id, ==, rb[r].seq_id);
      g_assert_false (rb[r].hetatm);
      g_assert_cmpfloat_with_epsilon (ra[r].plddt, rb[r].plddt, plddt_tolerance);
    }
  for (guint i = 0; i < n_atoms_a; i++)
    {
      g_assert_cmpstr (aa[i].name, ==, ab[i].name);
      g_assert_cmpstr (aa[i].element, ==, ab[i].element);
      g_assert_cmpfloat_with_epsilon (aa[i].x, ab[i].x, coordinate_tolerance);
      g_assert_cmpfloat_with_epsilon (aa[i].y, ab[i].y, coordinate_tolerance);
      g_assert_cmpfloat_with_epsilon (aa[i].z, ab[i].z, coordinate_tolerance);
      g_assert_cmpfloat_with_epsilon (aa[i].plddt, ab[i].plddt, plddt_tolerance);
    }
}

static void
assert_same_pae (PleatStructure *a,
                 PleatStructure *b)
{
  guint n_a, n_b;
  float max_a, max_b;
  const float *pa = pleat_structure_get_pae (a, &n_a, &max_a);
  const float *pb = pleat_structure_get_pae (b, &n_b, &max_b);

  g_assert_nonnull (pb);
  g_assert_cmpuint (n_a, ==, n_b);
  g_assert_cmpfloat (max_b, >=, 31.75f);
  for (gsize i = 0; i < (gsize) n_a * n_a; i++)
    g_assert_cmpfloat_with_epsilon (pa[i], pb[i], 0.006f);
}

static void
test_mmcif (void)
{
  g_autoptr(PleatStructure) original = pleat_test_structure_new_complex ("MKTAYIAKQRG", "GSHMLE");
  g_autoptr(PleatResultInfo) info = pleat_test_result_info_new ("complex");
  g_autoptr(GError) error = NULL;
  g_autofree char *text = pleat_structure_to_mmcif (original, info, &error);
  g_autoptr(GPtrArray) read = NULL;
  PleatStructure *copy;

  g_assert_no_error (error);
  read = pleat_structure_read_data (text, strlen (text), PLEAT_STRUCTURE_FORMAT_MMCIF, "complex",
                                    NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (read->len, ==, 1);
  copy = g_ptr_array_index (read, 0);
  /* ModelCIF: local pLDDT per residue, per-atom pLDDT from B_iso, PAE and pTM/ipTM inline. */
  g_assert_cmpint (pleat_structure_get_plddt_source (copy), ==, PLEAT_PLDDT_SOURCE_MODELCIF);
  assert_same_structure (original, copy, 0.0006f, 0.006f);
  assert_same_pae (original, copy);
  g_assert_cmpfloat_with_epsilon (pleat_structure_get_ptm (copy), 0.8123, 1e-4);
  g_assert_cmpfloat_with_epsilon (pleat_structure_get_iptm (copy), 0.6346, 1e-4);
  g_assert_cmpfloat_with_epsilon (pleat_structure_get_mean_plddt (copy),
                                  pleat_structure_get_mean_plddt (original), 0.006);
}

static void
test_pdb_and_pae_json (void)
{
  g_autoptr(PleatStructure) original = pleat_test_structure_new_complex ("MKTAYIAKQRG", "GSHMLE");
  g_autoptr(PleatResultInfo) info = pleat_test_result_info_new ("complex");
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("pleat-roundtrip-XXXXXX", &error);
  g_autofree char *pdb_path = NULL;
  g_autoptr(GFile) pdb_file = NULL;
  g_autoptr(GPtrArray) read = NULL;
  PleatStructure *copy;

  g_assert_no_error (error);
  g_assert_true (pleat_result_write (original, info, dir, "complex", PLEAT_RESULT_FORMAT_ALL,
                                     &error));
  g_assert_no_error (error);

  /* The PDB keeps pLDDT in B (0-100); the PAE comes from complex_pae.json beside it. */
  pdb_path = pleat_result_dup_path (dir, "complex", PLEAT_RESULT_FORMAT_PDB);
  pdb_file = g_file_new_for_path (pdb_path);
  read = pleat_structure_load (pdb_file, NULL, &error);
  g_assert_no_error (error);
  copy = g_ptr_array_index (read, 0);
  g_assert_cmpint (pleat_structure_get_plddt_source (copy), ==, PLEAT_PLDDT_SOURCE_B_FACTOR_100);
  assert_same_structure (original, copy, 0.0006f, 0.006f);
  assert_same_pae (original, copy);
  g_assert_true (pleat_structure_has_secondary_structure (copy));
  g_clear_pointer (&read, g_ptr_array_unref);

  /* The files of a folder are what a user opens: clean up all of them. */
  for (PleatResultFormat f = PLEAT_RESULT_FORMAT_CIF; f <= PLEAT_RESULT_FORMAT_CONFIDENCE; f <<= 1)
    {
      g_autofree char *path = pleat_result_dup_path (dir, "complex", f);

      g_assert_cmpint (g_remove (path), ==, 0);
    }
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/pleat/engine/StructureRoundTrip/mmcif", test_mmcif);
  g_test_add_func ("/pleat/engine/StructureRoundTrip/pdb-and-pae-json", test_pdb_and_pae_json);

  return g_test_run ();
}
