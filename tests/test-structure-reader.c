/* test-structure-reader.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The mmCIF and PDB readers on one fixture per producer convention (tests/fixtures/structures/,
 * rebuilt by make-fixtures.py), the fair-esm outputs in ../shared, hand-written edge cases and
 * malformed input.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "pleat-error.h"
#include "pleat-pae-json.h"
#include "pleat-structure-reader.h"

/* The pLDDT pattern make-fixtures.py writes for chain A. */
static const float fixture_plddt[12] = {
  95.5f, 90.0f, 85.2f, 70.0f, 65.3f, 50.0f, 45.1f, 30.2f, 91.0f, 72.4f, 55.5f, 20.0f,
};

static GPtrArray *
load_fixture (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "structures", name,
                                                 NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  GPtrArray *structures = pleat_structure_load (file, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (structures);
  return structures;
}

static GPtrArray *
read_string (const char           *text,
             PleatStructureFormat  format,
             GError              **error)
{
  return pleat_structure_read_data (text, strlen (text), format, "test", NULL, error);
}

static guint
count_polymer (PleatStructure *s)
{
  guint n, count = 0;
  const PleatResidue *r = pleat_structure_get_residues (s, &n);

  for (guint i = 0; i < n; i++)
    count += !r[i].hetatm;
  return count;
}

static void
assert_fixture_plddt (PleatStructure *s,
                      float           tolerance)
{
  const PleatResidue *r = pleat_structure_get_residues (s, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (fixture_plddt); i++)
    g_assert_cmpfloat_with_epsilon (r[i].plddt, fixture_plddt[i], tolerance);
}

static void
test_afdb_mmcif (void)
{
  g_autoptr(GPtrArray) structures = load_fixture ("AF-TEST-F1-model_v4.cif");
  PleatStructure *s;
  const float *pae;
  guint n = 0;
  float max_pae = 0;
  g_autofree char *seq = NULL;

  g_assert_cmpuint (structures->len, ==, 1);
  s = g_ptr_array_index (structures, 0);
  g_assert_cmpuint (pleat_structure_get_n_chains (s), ==, 1);
  g_assert_cmpuint (pleat_structure_get_n_residues (s), ==, 12);
  g_assert_cmpint (pleat_structure_get_plddt_source (s), ==, PLEAT_PLDDT_SOURCE_MODELCIF);
  assert_fixture_plddt (s, 1e-4f);
  g_assert_cmpfloat_with_epsilon (pleat_structure_get_mean_plddt (s), 64.18, 0.01);
  seq = pleat_structure_dup_chain_sequence (s, 0);
  g_assert_cmpstr (seq, ==, "PQITLWQRPLVT");
  g_assert_cmpstr (pleat_structure_get_title (s), ==, "AF-TEST-F1-model_v4");

  /* The PAE JSON beside it (AlphaFold DB v2+ layout) is attached. */
  pae = pleat_structure_get_pae (s, &n, &max_pae);
  g_assert_nonnull (pae);
  g_assert_cmpuint (n, ==, 12);
  g_assert_cmpfloat (max_pae, ==, 31.75f);
  g_assert_cmpfloat (pae[0 * 12 + 5], ==, 10.0f);   /* |0 - 5| * 2 + 0 % 3 */
  g_assert_cmpfloat (pae[4 * 12 + 1], ==, 7.0f);    /* |4 - 1| * 2 + 4 % 3: rows are aligned */
  g_assert_true (pleat_structure_has_secondary_structure (s));
}

static void
test_afdb_pdb (void)
{
  g_autoptr(GPtrArray) structures = load_fixture ("AF-TEST-F1-model_v4.pdb");
  PleatStructure *s = g_ptr_array_index (structures, 0);

  g_assert_cmpuint (structures->len, ==, 1);
  g_assert_cmpint (pleat_structure_get_plddt_source (s), ==, PLEAT_PLDDT_SOURCE_B_FACTOR_100);
  assert_fixture_plddt (s, 1e-4f);
  /* The same PAE file serves the PDB download. */
  g_assert_nonnull (pleat_structure_get_pae (s, NULL, NULL));
}

static void
test_colabfold (void)
{
  g_autoptr(GPtrArray) structures =
    load_fixture ("colabfold_unrelaxed_rank_001_alphafold2_multimer_v3_model_1_seed_000.pdb");
  PleatStructure *s = g_ptr_array_index (structures, 0);
  const PleatChain *chains;
  const float *pae;
  guint n_chains, n = 0;

  g_assert_cmpuint (structures->len, ==, 1);
  chains = pleat_structure_get_chains (s, &n_chains);
  g_assert_cmpuint (n_chains, ==, 2);
  g_assert_cmpstr (chains[0].auth_id, ==, "A");
  g_assert_cmpstr (chains[1].auth_id, ==, "B");
  g_assert_cmpuint (chains[1].n_residues, ==, 8);
  /* No header at all: the predicted-model signature decides, on the 0-100 scale. */
  g_assert_cmpint (pleat_structure_get_plddt_source (s), ==, PLEAT_PLDDT_SOURCE_B_FACTOR_100);
  assert_fixture_plddt (s, 1e-4f);
  /* The scores JSON: "pae" with pTM and ipTM. */
  pae = pleat_structure_get_pae (s, &n, NULL);
  g_assert_nonnull (pae);
  g_assert_cmpuint (n, ==, 20);
  g_assert_cmpfloat (pae[1], ==, 2.25f);
  g_assert_cmpfloat_with_epsilon (pleat_structure_get_ptm (s), 0.71, 1e-9);
  g_assert_cmpfloat_with_epsilon (pleat_structure_get_iptm (s), 0.64, 1e-9);
}

static void
test_esmfold_hf (void)
{
  g_autoptr(GPtrArray) structures = load_fixture ("esmfold-hf.pdb");
  PleatStructure *s = g_ptr_array_index (structures, 0);

  /* transformers writes pLDDT on 0-1 with two decimals: detected and scaled to 0-100. */
  g_assert_cmpint (pleat_structure_get_plddt_source (s), ==, PLEAT_PLDDT_SOURCE_B_FACTOR_1);
  assert_fixture_plddt (s, 0.51f);
  g_assert_cmpuint (pleat_structure_get_n_residues (s), ==, 12);
}

static void
test_esmfold_fair_esm (void)
{
  const char *dir = g_getenv ("PLEAT_SHARED_FIXTURES");
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GPtrArray) structures = NULL;
  g_autoptr(GError) error = NULL;
  PleatStructure *s;
  const PleatChain *chains;
  const PleatResidue *residues;
  const PleatAtom *atoms;
  guint n_chains;

  g_assert_nonnull (dir);
  path = g_build_filename (dir, "esmfold_v1", "tiny-a", "case_a_dimer.pdb", NULL);
  file = g_file_new_for_path (path);
  structures = pleat_structure_load (file, NULL, &error);
  g_assert_no_error (error);
  s = g_ptr_array_index (structures, 0);
  chains = pleat_structure_get_chains (s, &n_chains);
  residues = pleat_structure_get_residues (s, NULL);
  atoms = pleat_structure_get_atoms (s, NULL);

  /* fair-esm: PARENT records, TER per chain, the chain-B numbering carries the linker gap. */
  g_assert_cmpuint (n_chains, ==, 2);
  g_assert_cmpuint (chains[0].n_residues, ==, 11);
  g_assert_cmpint (residues[chains[1].first_residue].seq_id, ==, 549);
  g_assert_cmpint (pleat_structure_get_plddt_source (s), ==, PLEAT_PLDDT_SOURCE_B_FACTOR_100);
  /* Per-atom pLDDT is kept per atom; the residue value is their mean. */
  g_assert_cmpfloat_with_epsilon (atoms[0].plddt, 54.36, 1e-4);
  g_assert_cmpfloat_with_epsilon (atoms[1].plddt, 59.03, 1e-4);
  g_assert_cmpfloat (residues[0].plddt, >, 40.0f);
  g_assert_cmpfloat (residues[0].plddt, <, 70.0f);
}

static void
test_boltz (void)
{
  g_autoptr(GPtrArray) structures = load_fixture ("boltz_model_0.cif");
  PleatStructure *s = g_ptr_array_index (structures, 0);
  const PleatResidue *residues;
  const PleatChain *chains;
  guint n_residues, n_chains;

  residues = pleat_structure_get_residues (s, &n_residues);
  chains = pleat_structure_get_chains (s, &n_chains);
  g_assert_cmpuint (n_chains, ==, 2);
  g_assert_cmpuint (n_residues, ==, 13);
  g_assert_cmpint (pleat_structure_get_plddt_source (s), ==, PLEAT_PLDDT_SOURCE_MODELCIF);
  assert_fixture_plddt (s, 1e-3f);
  /* The ligand is a HETATM non-polymer with its own local pLDDT (written with seq id 1). */
  g_assert_true (residues[12].hetatm);
  g_assert_cmpstr (residues[12].name, ==, "478");
  g_assert_cmpint (residues[12].label_seq_id, ==, 0);
  g_assert_cmpfloat_with_epsilon (residues[12].plddt, 42.5, 1e-4);
  g_assert_cmpstr (chains[1].id, ==, "B");
  g_assert_cmpuint (count_polymer (s), ==, 12);
  /* pTM and ipTM from confidence_boltz_model_0.json (the keys of Boltz's docs). */
  g_assert_cmpfloat_with_epsilon (pleat_structure_get_ptm (s), 0.7712, 1e-9);
  g_assert_cmpfloat_with_epsilon (pleat_structure_get_iptm (s), 0.6543, 1e-9);
}

static void
test_edge_mmcif (void)
{
  g_autoptr(GPtrArray) structures = load_fixture ("edge.cif");
  PleatStructure *s = g_ptr_array_index (structures, 0);
  const PleatChain *chains;
  const PleatResidue *residues;
  const PleatAtom *atoms;
  guint n_chains, n_residues;
  gint cb;

  /* Two models, each a structure. */
  g_assert_cmpuint (structures->len, ==, 2);
  g_assert_cmpuint (pleat_structure_get_n_atoms (g_ptr_array_index (structures, 1)), ==, 2);
  g_assert_cmpstr (pleat_structure_get_title (g_ptr_array_index (structures, 1)), ==,
                   "edge (model 2)");

  chains = pleat_structure_get_chains (s, &n_chains);
  residues = pleat_structure_get_residues (s, &n_residues);
  atoms = pleat_structure_get_atoms (s, NULL);
  g_assert_cmpuint (n_chains, ==, 3);          /* polymer, ligand and water asym units */
  g_assert_cmpstr (chains[0].id, ==, "A");
  g_assert_cmpstr (chains[0].auth_id, ==, "H");
  g_assert_cmpstr (chains[2].id, ==, "C");
  g_assert_cmpuint (n_residues, ==, 5);

  /* Insertion codes: 10 and 10A are two residues. */
  g_assert_cmpint (residues[0].seq_id, ==, 10);
  g_assert_cmpint (residues[0].ins_code, ==, '\0');
  g_assert_cmpint (residues[1].seq_id, ==, 10);
  g_assert_cmpint (residues[1].ins_code, ==, 'A');
  g_assert_cmpint (residues[1].label_seq_id, ==, 2);

  /* Alternate locations: conformer B (occupancy 0.6) kept whole, A dropped. */
  g_assert_cmpuint (residues[1].n_atoms, ==, 6);
  cb = pleat_structure_find_atom (s, 1, "CB");
  g_assert_cmpint (cb, >=, 0);
  g_assert_cmpint (atoms[cb].alt_loc, ==, 'B');
  g_assert_cmpfloat_with_epsilon (atoms[cb].x, 5.1, 1e-5);
  g_assert_cmpint (atoms[pleat_structure_find_atom (s, 1, "OG")].alt_loc, ==, 'B');

  /* Quoted atom names with primes; ligand and water are HETATM non-polymers. */
  g_assert_true (residues[3].hetatm);
  g_assert_cmpint (pleat_structure_find_atom (s, 3, "O5'"), >=, 0);
  g_assert_true (residues[4].hetatm);
  g_assert_cmpstr (residues[4].name, ==, "HOH");
  g_assert_cmpuint (count_polymer (s), ==, 3);

  /* An NMR method: B-factors are not pLDDT. */
  g_assert_cmpint (pleat_structure_get_plddt_source (s), ==, PLEAT_PLDDT_SOURCE_NONE);
  g_assert_false (pleat_structure_has_plddt (s));
}

static void
test_edge_pdb (void)
{
  g_autoptr(GPtrArray) structures = load_fixture ("edge.pdb");
  PleatStructure *s = g_ptr_array_index (structures, 0);
  const PleatChain *chains;
  const PleatResidue *residues;
  const PleatAtom *atoms;
  guint n_chains, n_residues;

  g_assert_cmpuint (structures->len, ==, 2);
  chains = pleat_structure_get_chains (s, &n_chains);
  residues = pleat_structure_get_residues (s, &n_residues);
  atoms = pleat_structure_get_atoms (s, NULL);

  /* TER splits the polymer from the hetero groups that share its chain letter. */
  g_assert_cmpuint (n_chains, ==, 2);
  g_assert_cmpstr (chains[0].auth_id, ==, "H");
  g_assert_cmpstr (chains[1].auth_id, ==, "H");
  g_assert_cmpstr (chains[0].id, !=, chains[1].id);
  g_assert_cmpuint (n_residues, ==, 6);
  g_assert_cmpint (residues[1].ins_code, ==, 'A');
  g_assert_cmpuint (residues[1].n_atoms, ==, 6);
  g_assert_cmpfloat_with_epsilon (atoms[pleat_structure_find_atom (s, 1, "CB")].x, 5.1, 1e-5);

  /* MSE is a HETATM in the polymer; ZN keeps its two-letter element. */
  g_assert_false (residues[2].hetatm);
  g_assert_cmpint (residues[2].one_letter, ==, 'M');
  g_assert_cmpint (residues[2].label_seq_id, ==, 3);
  g_assert_cmpstr (atoms[pleat_structure_find_atom (s, 2, "SE")].element, ==, "SE");
  g_assert_true (residues[4].hetatm);
  g_assert_cmpstr (atoms[pleat_structure_find_atom (s, 4, "ZN")].element, ==, "ZN");
  g_assert_cmpstr (residues[5].name, ==, "HOH");

  /* X-RAY DIFFRACTION: B-factors stay B-factors. */
  g_assert_cmpint (pleat_structure_get_plddt_source (s), ==, PLEAT_PLDDT_SOURCE_NONE);
  /* The user may still say otherwise. */
  pleat_structure_set_plddt_from_b_factor (s, 100.0f);
  g_assert_cmpfloat_with_epsilon (pleat_structure_get_residues (s, NULL)[0].plddt, 10.0, 1e-5);
}

static void
test_crystal (void)
{
  /* Real deposited structures reduced to coordinates (no EXPDTA): waters, altlocs or partial
   * occupancies break the predicted-model signature. */
  const char *names[] = { "dssp/1hpv.pdb.gz", "dssp/1tii.pdb.gz" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(GPtrArray) structures = load_fixture (names[i]);

      g_assert_cmpint (pleat_structure_get_plddt_source (g_ptr_array_index (structures, 0)), ==,
                       PLEAT_PLDDT_SOURCE_NONE);
    }
}

static void
test_signature (void)
{
  /* The same atoms with a constant B (NMR files often have 0.00) are no pLDDT either. */
  const char *flat =
    "ATOM      1  N   GLY A   1       0.000   0.000   0.000  1.00  0.00           N\n"
    "ATOM      2  CA  GLY A   1       1.458   0.000   0.000  1.00  0.00           C\n";
  const char *varied =
    "ATOM      1  N   GLY A   1       0.000   0.000   0.000  1.00  0.50           N\n"
    "ATOM      2  CA  GLY A   1       1.458   0.000   0.000  1.00  0.70           C\n";
  const char *too_large =
    "ATOM      1  N   GLY A   1       0.000   0.000   0.000  1.00 50.00           N\n"
    "ATOM      2  CA  GLY A   1       1.458   0.000   0.000  1.00 120.0           C\n";
  g_autoptr(GPtrArray) a = read_string (flat, PLEAT_STRUCTURE_FORMAT_PDB, NULL);
  g_autoptr(GPtrArray) b = read_string (varied, PLEAT_STRUCTURE_FORMAT_PDB, NULL);
  g_autoptr(GPtrArray) c = read_string (too_large, PLEAT_STRUCTURE_FORMAT_PDB, NULL);

  g_assert_cmpint (pleat_structure_get_plddt_source (g_ptr_array_index (a, 0)), ==,
                   PLEAT_PLDDT_SOURCE_NONE);
  g_assert_cmpint (pleat_structure_get_plddt_source (g_ptr_array_index (b, 0)), ==,
                   PLEAT_PLDDT_SOURCE_B_FACTOR_1);
  g_assert_cmpfloat_with_epsilon (pleat_structure_get_residues (g_ptr_array_index (b, 0),
                                                                NULL)[0].plddt, 60.0, 1e-4);
  g_assert_cmpint (pleat_structure_get_plddt_source (g_ptr_array_index (c, 0)), ==,
                   PLEAT_PLDDT_SOURCE_NONE);
}

static void
test_pae_v1 (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "structures",
                                                 "afdb-v1-pae.json", NULL);
  g_autofree char *data = NULL;
  g_autofree float *pae = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;
  guint n = 0;
  float max_pae;
  double ptm, iptm;

  g_assert_true (g_file_get_contents (path, &data, &length, NULL));
  g_assert_true (pleat_pae_json_parse (data, length, &n, &pae, &max_pae, &ptm, &iptm, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 12);
  g_assert_cmpfloat (pae[4 * 12 + 1], ==, 7.0f);
  g_assert_cmpfloat (pae[1 * 12 + 4], ==, 7.0f);
  g_assert_cmpfloat (pae[2 * 12 + 0], ==, 6.0f);
  g_assert_true (isnan (ptm));

  g_assert_false (pleat_pae_json_parse ("{\"pae\": [[1, 2], [3]]}", 22, &n, &pae, &max_pae,
                                        &ptm, &iptm, &error));
  g_assert_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_INVALID_FILE);
}

typedef struct
{
  const char           *text;
  PleatStructureFormat  format;
  const char           *message;   /* a substring the error must contain */
} Malformed;

/* Found by fuzz-pdb: when no conformer's occupancy beat the starting mark (negative in a
 * damaged file) every atom was dropped and the builder asserted. One conformer is kept, the
 * better one. */
static void
test_damaged_occupancy (void)
{
  static const char text[] =
    "ATOM      1  N  ASER A   1       0.000   0.000   0.000 -1.00  0.00\n"
    "ATOM      2  CA ASER A   1       1.458   0.000   0.000 -1.00  0.00\n"
    "ATOM      3  N  BSER A   1       0.100   0.000   0.000 -2.00  0.00\n"
    "ATOM      4  CA BSER A   1       1.500   0.000   0.000 -2.00  0.00\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) structures = read_string (text, PLEAT_STRUCTURE_FORMAT_PDB, &error);
  PleatStructure *s;
  const PleatAtom *atoms;
  guint n_residues, n_atoms;

  g_assert_no_error (error);
  g_assert_cmpuint (structures->len, ==, 1);
  s = g_ptr_array_index (structures, 0);
  pleat_structure_get_residues (s, &n_residues);
  atoms = pleat_structure_get_atoms (s, &n_atoms);
  g_assert_cmpuint (n_residues, ==, 1);
  g_assert_cmpuint (n_atoms, ==, 2);
  g_assert_cmpint (atoms[0].alt_loc, ==, 'A');
  g_assert_cmpint (atoms[1].alt_loc, ==, 'A');
}

static void
test_malformed (void)
{
  static const Malformed cases[] = {
    { "HEADER    X\nATOM      1  N   GLY A   1       0.000   0.000   0.000  1.00  0.00\n"
      "ATOM      2  CA  GLY A   1       1.4x8   0.000   0.000  1.00  0.00\n",
      PLEAT_STRUCTURE_FORMAT_PDB, "Line 3: invalid x coordinate" },
    { "ATOM      1  N   GLY A   1       0.000   0.000\n", PLEAT_STRUCTURE_FORMAT_PDB,
      "Line 1: atom record too short" },
    { "ATOM      1  N   GLY A   1       0.000   0.000   0.000  1.00  0.00\nATOM      2  CA  GLY A"
      "  1x      1.458   0.000   0.000  1.00  0.00\n", PLEAT_STRUCTURE_FORMAT_PDB,
      "Line 2: invalid residue number" },
    { "HEADER\nREMARK nothing here\n", PLEAT_STRUCTURE_FORMAT_PDB, "no ATOM or HETATM" },
    /* Found by fuzz-pdb: finite as a double, infinite as a float. */
    { "ATOM      1  N   GLY A   1      11.e46   0.000   0.000  1.00  0.00\n",
      PLEAT_STRUCTURE_FORMAT_PDB, "Line 1: invalid x coordinate “11.e46”" },
    { "", PLEAT_STRUCTURE_FORMAT_UNKNOWN, "Line 1: neither an mmCIF nor a PDB file" },
    { "data_x\n_entry.id x\n_struct.title 'not closed\n", PLEAT_STRUCTURE_FORMAT_MMCIF,
      "Line 3: quoted string not closed" },
    { "data_x\n_entry.id x\n_struct.title\n;text\nwithout end\n", PLEAT_STRUCTURE_FORMAT_MMCIF,
      "Line 4: text field not closed" },
    { "_entry.id x\n", PLEAT_STRUCTURE_FORMAT_MMCIF, "Line 1: not an mmCIF file" },
    { "data_x\n_entry.id\n_struct.title t\n", PLEAT_STRUCTURE_FORMAT_MMCIF,
      "Line 2: tag “_entry.id” has no value" },
    { "data_x\nloop_\n_cat.id\n_cat.value\n1 2.0\n3\n#\n_entry.id x\n",
      PLEAT_STRUCTURE_FORMAT_MMCIF, "Line 8: the loop of “cat” that starts on line 2" },
    { "data_x\nloop_\n_atom_site.group_PDB\n_atom_site.label_atom_id\n_atom_site.label_comp_id\n"
      "_atom_site.label_asym_id\n_atom_site.label_seq_id\n_atom_site.Cartn_x\n"
      "_atom_site.Cartn_y\n_atom_site.Cartn_z\nATOM N GLY A 1 0 0 0\nATOM CA GLY A 1 1.5 0 0\n"
      "ATOM C GLY A 1\n2.0 abc 0\n", PLEAT_STRUCTURE_FORMAT_MMCIF,
      "Line 14: invalid y coordinate “abc”" },
    { "data_x\nloop_\n_atom_site.id\n_atom_site.Cartn_x\n1 2.0\n", PLEAT_STRUCTURE_FORMAT_MMCIF,
      "Line 2: _atom_site lacks" },
    { "data_x\n_entry.id x\n", PLEAT_STRUCTURE_FORMAT_MMCIF, "no _atom_site rows" },
    { "data_x\nloop_\n_a.b\n_c.d\n1 2\n", PLEAT_STRUCTURE_FORMAT_MMCIF,
      "Line 4: tag of category “c” in a loop of “a”" },
    { "data_x\n_entry.id x\nstray\n", PLEAT_STRUCTURE_FORMAT_MMCIF,
      "Line 3: value “stray” without a tag" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) structures = read_string (cases[i].text, cases[i].format, &error);

      g_test_message ("case %u: %s", i, error != NULL ? error->message : "(no error)");
      g_assert_null (structures);
      g_assert_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_INVALID_FILE);
      g_assert_nonnull (strstr (error->message, cases[i].message));
    }

  {
    /* Binary data. */
    static const char binary[] = "data_x\n_entry.id x\n\0\0\0";
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) structures =
      pleat_structure_read_data (binary, sizeof binary, PLEAT_STRUCTURE_FORMAT_MMCIF, "b", NULL,
                                 &error);

    g_assert_null (structures);
    g_assert_nonnull (strstr (error->message, "Line 3: binary data"));
  }
}

static void
test_format_guess (void)
{
  g_assert_cmpint (pleat_structure_format_guess ("x.CIF.gz", NULL, 0), ==,
                   PLEAT_STRUCTURE_FORMAT_MMCIF);
  g_assert_cmpint (pleat_structure_format_guess ("x.ent", NULL, 0), ==,
                   PLEAT_STRUCTURE_FORMAT_PDB);
  g_assert_cmpint (pleat_structure_format_guess ("x.txt", "# c\n data_1", 11), ==,
                   PLEAT_STRUCTURE_FORMAT_MMCIF);
  g_assert_cmpint (pleat_structure_format_guess (NULL, "PARENT N/A\n", 11), ==,
                   PLEAT_STRUCTURE_FORMAT_PDB);
  g_assert_cmpint (pleat_structure_format_guess (NULL, "hello", 5), ==,
                   PLEAT_STRUCTURE_FORMAT_UNKNOWN);
}

static void
load_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static void
test_async (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "structures",
                                                 "dssp", "1tii.pdb.gz", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) missing = g_file_new_for_path ("/nonexistent/x.cif");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) structures = NULL;
  g_autoptr(GError) error = NULL;

  pleat_structure_load_async (file, NULL, load_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  structures = pleat_structure_load_finish (result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pleat_structure_get_n_chains (g_ptr_array_index (structures, 0)), >=, 6);
  g_clear_object (&result);

  pleat_structure_load_async (missing, NULL, load_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_null (pleat_structure_load_finish (result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_clear_object (&result);

  g_cancellable_cancel (cancellable);
  pleat_structure_load_async (file, cancellable, load_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_null (pleat_structure_load_finish (result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/pleat/engine/StructureReader/afdb-mmcif", test_afdb_mmcif);
  g_test_add_func ("/pleat/engine/StructureReader/afdb-pdb", test_afdb_pdb);
  g_test_add_func ("/pleat/engine/StructureReader/colabfold", test_colabfold);
  g_test_add_func ("/pleat/engine/StructureReader/esmfold-hf", test_esmfold_hf);
  g_test_add_func ("/pleat/engine/StructureReader/esmfold-fair-esm", test_esmfold_fair_esm);
  g_test_add_func ("/pleat/engine/StructureReader/boltz", test_boltz);
  g_test_add_func ("/pleat/engine/StructureReader/edge-mmcif", test_edge_mmcif);
  g_test_add_func ("/pleat/engine/StructureReader/edge-pdb", test_edge_pdb);
  g_test_add_func ("/pleat/engine/StructureReader/crystal", test_crystal);
  g_test_add_func ("/pleat/engine/StructureReader/signature", test_signature);
  g_test_add_func ("/pleat/engine/StructureReader/pae-v1", test_pae_v1);
  g_test_add_func ("/pleat/engine/StructureReader/damaged-occupancy", test_damaged_occupancy);
  g_test_add_func ("/pleat/engine/StructureReader/malformed", test_malformed);
  g_test_add_func ("/pleat/engine/StructureReader/format-guess", test_format_guess);
  g_test_add_func ("/pleat/engine/StructureReader/async", test_async);

  return g_test_run ();
}
