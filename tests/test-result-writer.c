/* test-result-writer.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The result writers' own rules: PDB columns, limits, JSON shapes, errors, atomic files and the
 * weights digest. Reading the files with gemmi, Biopython and PyMOL is check-result-files.py.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "pleat-error.h"
#include "pleat-result-writer.h"
#include "pleat-test-structures.h"

#define HELIX "MKTAYIAKQRQISFVKSHFSRQLEERLGLIXVQ"

static char **
split_lines (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  guint n = g_strv_length (lines);

  /* The file ends with a newline: drop the empty string after it. */
  g_assert_cmpuint (n, >, 0);
  g_assert_cmpstr (lines[n - 1], ==, "");
  g_free (lines[n - 1]);
  lines[n - 1] = NULL;
  return g_steal_pointer (&lines);
}

/* Every ATOM line equals the same record printed by the C library in the C locale (the
 * format of openfold's to_pdb and of the PDB specification). */
static void
test_pdb_columns (void)
{
  g_autoptr(PleatStructure) s = pleat_test_structure_new_complex ("MKTAYIAKQRQ", "GSHMLEDPVAGKL");
  g_autoptr(PleatResultInfo) info = pleat_test_result_info_new ("dimer");
  g_autoptr(GError) error = NULL;
  g_autofree char *pdb = pleat_structure_to_pdb (s, info, &error);
  g_auto(GStrv) lines = NULL;
  const PleatAtom *atoms;
  const PleatResidue *residues;
  const PleatChain *chains;
  guint n_atoms, atom = 0, serial = 1, n_ter = 0;

  g_assert_no_error (error);
  lines = split_lines (pdb);
  atoms = pleat_structure_get_atoms (s, &n_atoms);
  residues = pleat_structure_get_residues (s, NULL);
  chains = pleat_structure_get_chains (s, NULL);

  g_assert_true (g_str_has_prefix (lines[0], "TITLE     ESMFold v1 PREDICTION OF dimer"));
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];

      g_assert_cmpuint (strlen (line), ==, 80);
      if (g_str_has_prefix (line, "ATOM  "))
        {
          const PleatAtom *a = &atoms[atom];
          const PleatResidue *r = &residues[a->residue];
          char name[5], expected[100];

          g_snprintf (name, sizeof name, strlen (a->name) < 4 ? " %-3s" : "%-4s", a->name);
          g_snprintf (expected, sizeof expected,
                      "ATOM  %5u %-4s %3s %c%4d    %8.3f%8.3f%8.3f%6.2f%6.2f          %2s  ",
                      serial, name, r->name, chains[r->chain].auth_id[0], r->seq_id,
                      a->x, a->y, a->z, a->occupancy, a->plddt, a->element);
          g_assert_cmpstr (line, ==, expected);
          atom++;
          serial++;
        }
      else if (g_str_has_prefix (line, "TER   "))
        {
          /* TER follows the last residue of each chain and takes the next serial. */
          const PleatResidue *last = &residues[atoms[atom - 1].residue];
          char expected[100];

          g_snprintf (expected, sizeof expected, "TER   %5u      %3s %c%4d%-54s", serial,
                      last->name, chains[last->chain].auth_id[0], last->seq_id, "");
          g_assert_cmpstr (line, ==, expected);
          g_assert_cmpuint (last->seq_id, ==, chains[last->chain].n_residues);
          serial++;
          n_ter++;
        }
    }
  g_assert_cmpuint (atom, ==, n_atoms);
  g_assert_cmpuint (n_ter, ==, 2);
  g_assert_true (g_str_has_prefix (lines[g_strv_length (lines) - 1], "END "));
  /* Chain B restarts its numbering at 1. */
  g_assert_nonnull (strstr (pdb, " GLY B   1 "));
}

static void
test_pdb_limits (void)
{
  g_autoptr(PleatResultInfo) info = pleat_test_result_info_new ("x");
  g_autoptr(GError) error = NULL;
  g_autoptr(PleatStructure) s = pleat_structure_new ();
  char *pdb;

  pleat_structure_add_chain (s, "AB", "AB");
  pleat_structure_add_residue (s, "ALA", 1, '\0');
  pleat_structure_add_atom (s, "CA", "C", 0, 0, 0);
  pdb = pleat_structure_to_pdb (s, info, &error);
  g_assert_null (pdb);
  g_assert_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_UNSUPPORTED);
  g_assert_nonnull (strstr (error->message, "mmCIF"));
  g_clear_error (&error);
  g_clear_object (&s);

  s = pleat_structure_new ();
  pleat_structure_add_chain (s, "A", "A");
  pleat_structure_add_residue (s, "ALA", 1, '\0');
  pleat_structure_add_atom (s, "CA", "C", 10000.0f, 0, 0);
  pdb = pleat_structure_to_pdb (s, info, &error);
  g_assert_null (pdb);
  g_assert_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_UNSUPPORTED);
  g_clear_error (&error);

  /* Negative coordinates that just fit, and a HETATM. */
  pleat_structure_get_last_atom (s)->x = -999.99f;
  pleat_structure_add_residue (s, "HOH", 2, '\0');
  pleat_structure_get_last_residue (s)->hetatm = TRUE;
  pleat_structure_add_atom (s, "O", "O", 1, 2, 3);
  pdb = pleat_structure_to_pdb (s, info, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (pdb, "ATOM      1  CA  ALA A   1    -999.990   0.000"));
  g_assert_nonnull (strstr (pdb, "HETATM    2  O   HOH A   2       1.000   2.000   3.000"));
  g_free (pdb);

  /* mmCIF refuses hetero groups for now rather than writing them wrong. */
  g_assert_null (pleat_structure_to_mmcif (s, info, &error));
  g_assert_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_UNSUPPORTED);
}

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static void
test_pae_json (void)
{
  g_autoptr(PleatStructure) s = pleat_test_structure_new_helix (HELIX);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = pleat_structure_to_pae_json (s, &error);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(PleatStructure) empty = pleat_structure_new ();
  JsonObject *object;
  JsonArray *rows;
  const float *pae;
  guint n;

  g_assert_no_error (error);
  root = parse_json (text);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (root)), ==, 1);
  object = json_array_get_object_element (json_node_get_array (root), 0);
  g_assert_cmpfloat (json_object_get_double_member (object, "max_predicted_aligned_error"), ==, 31.75);
  rows = json_object_get_array_member (object, "predicted_aligned_error");
  pae = pleat_structure_get_pae (s, &n, NULL);
  g_assert_cmpuint (n, ==, strlen (HELIX));
  g_assert_cmpuint (json_array_get_length (rows), ==, n);
  for (guint i = 0; i < n; i++)
    {
      JsonArray *row = json_array_get_array_element (rows, i);

      g_assert_cmpuint (json_array_get_length (row), ==, n);
      for (guint j = 0; j < n; j++)
        {
          /* Rows are the aligned residue: the matrix is not transposed. */
          g_assert_cmpfloat_with_epsilon (json_array_get_double_element (row, j),
                                          pae[i * n + j], 0.005 + 1e-6);
        }
    }

  g_assert_null (pleat_structure_to_pae_json (empty, &error));
  g_assert_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_UNSUPPORTED);
}

static void
test_confidence_json (void)
{
  g_autoptr(PleatStructure) helix = pleat_test_structure_new_helix (HELIX);
  g_autoptr(PleatStructure) dimer = pleat_test_structure_new_complex ("MKTAYIAKQRQ", "GSHMLEDPVAGKL");
  g_autoptr(PleatResultInfo) info = pleat_test_result_info_new ("dimer");
  g_autoptr(GError) error = NULL;
  g_autofree char *helix_text = pleat_structure_to_confidence_json (helix, info, &error);
  g_autofree char *dimer_text = pleat_structure_to_confidence_json (dimer, info, &error);
  g_autoptr(JsonNode) helix_root = parse_json (helix_text);
  g_autoptr(JsonNode) dimer_root = parse_json (dimer_text);
  JsonObject *h = json_node_get_object (helix_root);
  JsonObject *d = json_node_get_object (dimer_root);
  JsonObject *options = json_object_get_object_member (d, "options");
  JsonArray *chains = json_object_get_array_member (d, "chains");
  JsonArray *plddt = json_object_get_array_member (d, "plddt");
  const PleatResidue *residues = pleat_structure_get_residues (dimer, NULL);

  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (d, "model"), ==, "ESMFold v1");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (d, "weights"),
                                                  "file"), ==, "pytorch_model.bin");
  g_assert_cmpint (json_object_get_int_member (options, "num_recycles"), ==, 3);
  g_assert_cmpfloat (json_object_get_double_member (options, "lm_dropout"), ==, 0.25);
  g_assert_false (json_object_get_boolean_member (options, "fp16_esm"));
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (d, "mean_plddt"),
                                  pleat_structure_get_mean_plddt (dimer), 0.005 + 1e-9);
  g_assert_cmpfloat (json_object_get_double_member (d, "ptm"), ==, 0.8123);
  g_assert_cmpfloat (json_object_get_double_member (d, "iptm"), ==, 0.6346);
  g_assert_false (json_object_has_member (h, "iptm"));   /* one chain: no ipTM */
  g_assert_cmpfloat (json_object_get_double_member (d, "seconds"), ==, 12.5);

  g_assert_cmpuint (json_array_get_length (chains), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (chains, 1), "id"),
                   ==, "B");
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (chains, 1),
                                               "residues"), ==, 13);
  g_assert_cmpuint (json_array_get_length (plddt), ==, 24);
  for (guint r = 0; r < 24; r++)
    g_assert_cmpfloat_with_epsilon (json_array_get_double_element (plddt, r), residues[r].plddt,
                                    0.005 + 1e-6);
}

static guint
count_substrings (const char *text,
                  const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (text, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

static void
test_cif_records (void)
{
  g_autoptr(PleatStructure) helix = pleat_test_structure_new_helix (HELIX);
  g_autoptr(PleatStructure) dimer = pleat_test_structure_new_complex ("MKTAYIAKQRQ", "MKTAYIAKQRQ");
  g_autoptr(PleatResultInfo) info = pleat_test_result_info_new ("sp|P1|x y");
  g_autoptr(GError) error = NULL;
  g_autofree char *h = pleat_structure_to_mmcif (helix, info, &error);
  g_autofree char *d = pleat_structure_to_mmcif (dimer, info, &error);
  float *bad_pae;

  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (h, "data_sp_P1_x_y\n"));
  g_assert_nonnull (strstr (h, "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"));
  g_assert_nonnull (strstr (h, "num_recycles 3 integer"));
  /* A monomer has pLDDT and pTM but no ipTM; a complex has all three. */
  g_assert_null (strstr (h, "ipTM global"));
  g_assert_nonnull (strstr (d, "5 ipTM 'Interface predicted TM-score' ipTM global 1"));
  g_assert_nonnull (strstr (d, "3 1 5 0.6346"));
  /* One PAE row per residue pair. */
  g_assert_cmpuint (count_substrings (h, " 4 ") >= 33 * 33, ==, TRUE);
  /* Two identical chains are one entity with two molecules. */
  g_assert_nonnull (strstr (d, "1 polymer man 'test structure built in code' 2"));
  g_assert_null (strstr (d, "\n2 polymer"));
  g_assert_nonnull (strstr (d, "\nA,B\n"));

  /* A PAE matrix that does not cover the residues is refused. */
  bad_pae = g_new0 (float, 4);
  pleat_structure_take_pae (helix, 2, bad_pae, 31.75f);
  g_assert_null (pleat_structure_to_mmcif (helix, info, &error));
  g_assert_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_FAILED);
}

static void
test_write_files (void)
{
  g_autoptr(PleatStructure) s = pleat_test_structure_new_complex ("MKTAYIAKQRQ", "GSHMLEDPVAGKL");
  g_autoptr(PleatResultInfo) info = pleat_test_result_info_new ("dimer");
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("pleat-results-XXXXXX", &error);
  g_autofree char *blocker = g_build_filename (dir, "not-a-dir", NULL);
  g_autofree char *below = g_build_filename (blocker, "out", NULL);
  g_autofree char *cif = NULL;
  g_autoptr(GDir) listing = NULL;
  const char *name;
  guint n_files = 0;

  g_assert_no_error (error);
  g_assert_false (pleat_result_exists (dir, "dimer", PLEAT_RESULT_FORMAT_ALL));
  g_assert_true (pleat_result_write (s, info, dir, "dimer", PLEAT_RESULT_FORMAT_CIF, &error));
  g_assert_no_error (error);
  g_assert_true (pleat_result_exists (dir, "dimer", PLEAT_RESULT_FORMAT_CIF));
  g_assert_false (pleat_result_exists (dir, "dimer", PLEAT_RESULT_FORMAT_ALL));
  g_assert_true (pleat_result_write (s, info, dir, "dimer", PLEAT_RESULT_FORMAT_ALL, &error));
  g_assert_no_error (error);
  g_assert_true (pleat_result_exists (dir, "dimer", PLEAT_RESULT_FORMAT_ALL));

  /* Exactly the four files: no temporary file is left behind. */
  listing = g_dir_open (dir, 0, NULL);
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_assert_true (strcmp (name, "dimer.cif") == 0 || strcmp (name, "dimer.pdb") == 0 ||
                     strcmp (name, "dimer_pae.json") == 0 ||
                     strcmp (name, "dimer_confidence.json") == 0);
      n_files++;
    }
  g_assert_cmpuint (n_files, ==, 4);
  cif = pleat_result_dup_path (dir, "dimer", PLEAT_RESULT_FORMAT_CIF);
  g_assert_true (g_str_has_suffix (cif, G_DIR_SEPARATOR_S "dimer.cif"));

  /* An output folder that cannot exist (a file is in the way; root ignores permissions). */
  g_assert_true (g_file_set_contents (blocker, "", 0, NULL));
  g_assert_false (pleat_result_write (s, info, below, "dimer", PLEAT_RESULT_FORMAT_ALL, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOTDIR);
  g_assert_nonnull (strstr (error->message, below));
  g_assert_nonnull (strstr (error->message, "dimer.cif"));

  for (const char *f = "dimer.cif\0dimer.pdb\0dimer_pae.json\0dimer_confidence.json\0not-a-dir\0";
       *f != '\0'; f += strlen (f) + 1)
    {
      g_autofree char *path = g_build_filename (dir, f, NULL);

      g_assert_cmpint (g_unlink (path), ==, 0);
    }
  g_rmdir (dir);
}

static void
store_result_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* Runs the default main context until the callback has stored its result. */
static GAsyncResult *
wait_for_result (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

static void
remove_files (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_assert_cmpint (g_unlink (path), ==, 0);
    }
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* The app saves on a worker thread, then Save As copies the same bytes elsewhere, on a
 * worker thread as well. */
static void
test_write_async_and_copy (void)
{
  g_autoptr(PleatStructure) s = pleat_test_structure_new_helix ("MKTAYIAKQRQISFVKSHFSRQ");
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("pleat-results-XXXXXX", &error);
  g_autofree char *dest = g_dir_make_tmp ("pleat-copy-XXXXXX", &error);
  g_autofree char *missing = g_build_filename (dir, "missing", NULL);
  g_autoptr(GCancellable) cancelled = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;

  g_assert_no_error (error);
  pleat_result_write_async (s, pleat_test_result_info_new ("helix"), dir, "helix",
                            PLEAT_RESULT_FORMAT_ALL, NULL, store_result_cb, &result);
  g_assert_true (pleat_result_write_finish (wait_for_result (&result), &error));
  g_assert_no_error (error);
  g_assert_true (pleat_result_exists (dir, "helix", PLEAT_RESULT_FORMAT_ALL));

  /* A cancelled copy writes nothing. */
  g_cancellable_cancel (cancelled);
  g_clear_object (&result);
  pleat_result_copy_async (dir, "helix", dest, PLEAT_RESULT_FORMAT_ALL, cancelled,
                           store_result_cb, &result);
  g_assert_false (pleat_result_copy_finish (wait_for_result (&result), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  for (PleatResultFormat f = PLEAT_RESULT_FORMAT_CIF; f <= PLEAT_RESULT_FORMAT_CONFIDENCE; f <<= 1)
    g_assert_false (pleat_result_exists (dest, "helix", f));

  g_clear_object (&result);
  pleat_result_copy_async (dir, "helix", dest, PLEAT_RESULT_FORMAT_ALL, NULL, store_result_cb,
                           &result);
  g_assert_true (pleat_result_copy_finish (wait_for_result (&result), &error));
  g_assert_no_error (error);
  for (PleatResultFormat f = PLEAT_RESULT_FORMAT_CIF; f <= PLEAT_RESULT_FORMAT_CONFIDENCE; f <<= 1)
    {
      g_autofree char *from = pleat_result_dup_path (dir, "helix", f);
      g_autofree char *to = pleat_result_dup_path (dest, "helix", f);
      g_autofree char *original = NULL;
      g_autofree char *copy = NULL;

      g_assert_true (g_file_get_contents (from, &original, NULL, NULL));
      g_assert_true (g_file_get_contents (to, &copy, NULL, NULL));
      g_assert_cmpstr (original, ==, copy);
    }

  /* Nothing to copy from: the error names the file, from the thread as from the call. */
  g_clear_object (&result);
  pleat_result_copy_async (missing, "helix", dest, PLEAT_RESULT_FORMAT_PDB, NULL,
                           store_result_cb, &result);
  g_assert_false (pleat_result_copy_finish (wait_for_result (&result), &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_assert_nonnull (strstr (error->message, "helix.pdb"));
  g_clear_error (&error);
  g_assert_false (pleat_result_copy (missing, "helix", dest, PLEAT_RESULT_FORMAT_PDB, NULL,
                                     &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);

  remove_files (dir);
  remove_files (dest);
}

static void
test_sha256 (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("pleat-sha-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "weights.bin", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing.bin", NULL);
  g_autofree char *digest = NULL;
  g_autofree char *big = g_malloc (3 << 20);

  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (path, "abc", 3, NULL));
  digest = pleat_file_compute_sha256 (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (digest, ==, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  g_clear_pointer (&digest, g_free);

  /* Several read blocks: the digest of the whole file, not of the last block. */
  memset (big, 'a', 3 << 20);
  g_assert_true (g_file_set_contents (path, big, (3 << 20) + 0, NULL));
  digest = pleat_file_compute_sha256 (path, NULL, &error);
  g_assert_no_error (error);
  {
    g_autofree char *expected = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (guchar *) big,
                                                             3 << 20);
    g_assert_cmpstr (digest, ==, expected);
  }

  g_assert_null (pleat_file_compute_sha256 (missing, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_true (g_str_has_prefix (error->message, missing));

  g_unlink (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/pleat/io/ResultWriter/pdb-columns", test_pdb_columns);
  g_test_add_func ("/pleat/io/ResultWriter/pdb-limits", test_pdb_limits);
  g_test_add_func ("/pleat/io/ResultWriter/pae-json", test_pae_json);
  g_test_add_func ("/pleat/io/ResultWriter/confidence-json", test_confidence_json);
  g_test_add_func ("/pleat/io/ResultWriter/cif-records", test_cif_records);
  g_test_add_func ("/pleat/io/ResultWriter/write-files", test_write_files);
  g_test_add_func ("/pleat/io/ResultWriter/write-async-and-copy", test_write_async_and_copy);
  g_test_add_func ("/pleat/io/ResultWriter/sha256", test_sha256);

  return g_test_run ();
}
