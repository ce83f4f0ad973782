/* fuzz-fasta.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libFuzzer target: the FASTA / raw sequence parser, then the file-name stems of the ids it
 * accepts. Checks the invariants the engine relies on: every accepted record has at least one
 * non-empty chain of upper-case letters, residue types in 0..20 that match the letters, a
 * residue count that adds up, and ids unique within the input; every stem is a safe name.
 *
 * Seeds: corpus/fasta/. Its entry in tests/fuzz/meson.build (the fuzzing infrastructure of
 * wp/weights) is 'fasta': [files('fuzz-fasta.c'), [engine_dep]].
 */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "pleat-fasta.h"
#include "pleat-residues.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static void
check_stem (const char *stem)
{
  gsize n = strlen (stem);

  g_assert (n > 0 && n <= PLEAT_FILE_STEM_MAX);
  g_assert (stem[0] != '.' && stem[0] != '-');
  for (gsize i = 0; i < n; i++)
    g_assert (g_ascii_isalnum (stem[i]) || stem[i] == '_' || stem[i] == '-' || stem[i] == '.');
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) stems = pleat_file_stem_set_new ();
  g_autoptr(GError) error = NULL;

  records = pleat_fasta_parse ((const char *) data, size, "fuzz", &error);
  if (records == NULL)
    {
      g_assert (error != NULL);
      return 0;
    }
  g_assert (error == NULL && records->len > 0);

  for (guint i = 0; i < records->len; i++)
    {
      const PleatSequenceRecord *r = g_ptr_array_index (records, i);
      g_autofree char *joined = pleat_sequence_record_dup_sequence (r);
      g_autofree char *stem = pleat_sequence_id_to_file_stem (r->id, stems);
      guint total = 0;

      g_assert (r->id[0] != '\0' && g_utf8_validate (r->id, -1, NULL));
      g_assert (g_utf8_validate (r->description, -1, NULL));
      gboolean new_id = g_hash_table_add (ids, r->id);

      g_assert (new_id);
      g_assert (r->n_chains > 0 && r->chains[r->n_chains] == NULL);
      for (guint c = 0; c < r->n_chains; c++)
        {
          gsize n = strlen (r->chains[c]);

          g_assert (n > 0);
          for (gsize k = 0; k < n; k++)
            {
              g_assert (g_ascii_isupper (r->chains[c][k]));
              g_assert (r->aatype[c][k] <= PLEAT_RESIDUE_AATYPE_X);
              g_assert (r->aatype[c][k] == pleat_residue_aatype (r->chains[c][k]));
            }
          total += n;
        }
      g_assert (total == r->n_residues);
      g_assert (strlen (joined) == r->n_residues + r->n_chains - 1);
      check_stem (stem);
    }
  return 0;
}
