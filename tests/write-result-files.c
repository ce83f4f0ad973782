/* write-result-files.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Writes the result files of the test structures into DIR together with expected.json, the
 * numbers they were written from (full precision). tests/check-result-files.py runs this and
 * reads the files back with gemmi, Biopython and PyMOL.
 *
 * Usage: write-result-files DIR
 */
#include "config.h"

#include <json-glib/json-glib.h>

#include "pleat-fasta.h"
#include "pleat-result-writer.h"
#include "pleat-test-structures.h"

static void
add_structure (JsonBuilder    *b,
               PleatStructure *s,
               const char     *id,
               const char     *stem)
{
  const PleatChain *chains;
  const PleatResidue *residues;
  const PleatAtom *atoms;
  const float *pae;
  guint n_chains, n_pae;
  float max_pae;

  chains = pleat_structure_get_chains (s, &n_chains);
  residues = pleat_structure_get_residues (s, NULL);
  atoms = pleat_structure_get_atoms (s, NULL);
  pae = pleat_structure_get_pae (s, &n_pae, &max_pae);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_string_value (b, id);
  json_builder_set_member_name (b, "stem");
  json_builder_add_string_value (b, stem);
  json_builder_set_member_name (b, "mean_plddt");
  json_builder_add_double_value (b, pleat_structure_get_mean_plddt (s));
  json_builder_set_member_name (b, "ptm");
  json_builder_add_double_value (b, pleat_structure_get_ptm (s));
  json_builder_set_member_name (b, "iptm");
  if (n_chains > 1)
    json_builder_add_double_value (b, pleat_structure_get_iptm (s));
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "max_pae");
  json_builder_add_double_value (b, max_pae);
  json_builder_set_member_name (b, "pae");
  json_builder_begin_array (b);
  for (guint i = 0; i < n_pae; i++)
    {
      json_builder_begin_array (b);
      for (guint j = 0; j < n_pae; j++)
        json_builder_add_double_value (b, pae[(gsize) i * n_pae + j]);
      json_builder_end_array (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "chains");
  json_builder_begin_array (b);
  for (guint c = 0; c < n_chains; c++)
    {
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_string_value (b, chains[c].auth_id);
      json_builder_set_member_name (b, "residues");
      json_builder_begin_array (b);
      for (guint r = 0; r < chains[c].n_residues; r++)
        {
          const PleatResidue *res = &residues[chains[c].first_residue + r];

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "name");
          json_builder_add_string_value (b, res->name);
          json_builder_set_member_name (b, "seq_id");
          json_builder_add_int_value (b, res->seq_id);
          json_builder_set_member_name (b, "plddt");
          json_builder_add_double_value (b, res->plddt);
          json_builder_set_member_name (b, "atoms");
          json_builder_begin_array (b);
          for (guint a = 0; a < res->n_atoms; a++)
            {
              const PleatAtom *atom = &atoms[res->first_atom + a];

              json_builder_begin_object (b);
              json_builder_set_member_name (b, "name");
              json_builder_add_string_value (b, atom->name);
              json_builder_set_member_name (b, "element");
              json_builder_add_string_value (b, atom->element);
              json_builder_set_member_name (b, "xyz");
              json_builder_begin_array (b);
              json_builder_add_double_value (b, atom->x);
              json_builder_add_double_value (b, atom->y);
              json_builder_add_double_value (b, atom->z);
              json_builder_end_array (b);
              json_builder_set_member_name (b, "plddt");
              json_builder_add_double_value (b, atom->plddt);
              json_builder_end_object (b);
            }
          json_builder_end_array (b);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GHashTable) stems = pleat_file_stem_set_new ();
  g_autofree char *expected = NULL;
  struct
  {
    const char     *id;
    PleatStructure *structure;
  } cases[] = {
    /* 33 residues with a glycine and an unknown residue (backbone only). */
    { "sp|P00001|HELIX test", pleat_test_structure_new_helix ("MKTAYIAKQRQISFVKSHFSRQLEERLGLIXVQ") },
    { "dimer", pleat_test_structure_new_complex ("MKTAYIAKQRQ", "GSHMLEDPVAGKL") },
  };

  if (argc != 2)
    {
      g_printerr ("Usage: %s DIR\n", argv[0]);
      return 2;
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "cases");
  json_builder_begin_array (builder);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(PleatStructure) s = cases[i].structure;
      g_autoptr(PleatResultInfo) info = pleat_test_result_info_new (cases[i].id);
      g_autofree char *stem = pleat_sequence_id_to_file_stem (cases[i].id, stems);

      if (!pleat_result_write (s, info, argv[1], stem, PLEAT_RESULT_FORMAT_ALL, &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      add_structure (builder, s, cases[i].id, stem);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  expected = g_build_filename (argv[1], "expected.json", NULL);
  if (!json_generator_to_file (generator, expected, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  return 0;
}
