/* pleat-cli-batch.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pleat-cli"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>

#include "pleat-cli-batch.h"
#include "pleat-error.h"
#include "pleat-result-writer.h"

static void
cli_record_free (PleatCliRecord *r)
{
  pleat_sequence_record_free (r->record);
  g_free (r->stem);
  g_free (r->source);
  g_free (r);
}

void
pleat_cli_batch_free (PleatCliBatch *batch)
{
  if (batch == NULL)
    return;
  g_ptr_array_unref (batch->todo);
  g_ptr_array_unref (batch->done);
  g_ptr_array_unref (batch->refused);
  g_free (batch);
}

static GBytes *
read_stream (FILE    *stream,
             GError **error)
{
  g_autoptr(GByteArray) data = g_byte_array_new ();
  guint8 buffer[65536];
  size_t n;

  while ((n = fread (buffer, 1, sizeof buffer, stream)) > 0)
    g_byte_array_append (data, buffer, (guint) n);
  if (ferror (stream))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("cannot read standard input: %s"),
                   g_strerror (errno));
      return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&data));
}

/* The default id of a raw sequence in a file: its base name without extension. */
static char *
dup_default_id (const char *input)
{
  char *base;
  char *dot;

  if (g_str_equal (input, "-"))
    return g_strdup ("stdin");
  base = g_path_get_basename (input);
  dot = strrchr (base, '.');
  if (dot != NULL && dot != base)
    *dot = '\0';
  return base;
}

static void
add_refused (PleatCliBatch *batch,
             GError        *error)
{
  g_ptr_array_add (batch->refused, error);
}

PleatCliBatch *
pleat_cli_batch_new (const PleatCliOptions *options,
                     FILE                  *stdin_stream)
{
  g_autoptr(PleatCliBatch) batch = g_new0 (PleatCliBatch, 1);
  g_autoptr(GHashTable) stems = pleat_file_stem_set_new ();
  gboolean stdin_read = FALSE;

  g_return_val_if_fail (options != NULL, NULL);

  batch->todo = g_ptr_array_new_with_free_func ((GDestroyNotify) cli_record_free);
  batch->done = g_ptr_array_new_with_free_func ((GDestroyNotify) cli_record_free);
  batch->refused = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);

  for (guint i = 0; options->inputs[i] != NULL; i++)
    {
      const char *input = options->inputs[i];
      const char *source = g_str_equal (input, "-") ? _("standard input") : input;
      g_autofree char *default_id = dup_default_id (input);
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GPtrArray) records = NULL;
      g_autoptr(GPtrArray) record_errors = NULL;
      g_autofree PleatSequenceRecord **items = NULL;
      GError *error = NULL;
      gconstpointer data;
      gsize length, n_items;

      if (g_str_equal (input, "-"))
        {
          if (stdin_read)
            continue;
          stdin_read = TRUE;
          bytes = read_stream (stdin_stream, &error);
        }
      else
        {
          g_autoptr(GMappedFile) file = g_mapped_file_new (input, FALSE, &error);

          if (file != NULL)
            bytes = g_mapped_file_get_bytes (file);
        }
      if (bytes == NULL)
        {
          add_refused (batch, error);
          continue;
        }

      data = g_bytes_get_data (bytes, &length);
      records = pleat_fasta_parse_lenient (data, length, default_id, &record_errors, &error);
      if (records == NULL)
        {
          g_prefix_error (&error, "%s: ", source);
          add_refused (batch, error);
          continue;
        }
      for (guint e = 0; e < record_errors->len; e++)
        {
          GError *record_error = g_error_copy (g_ptr_array_index (record_errors, e));

          g_prefix_error (&record_error, "%s: ", source);
          add_refused (batch, record_error);
        }

      items = (PleatSequenceRecord **) g_ptr_array_steal (records, &n_items);
      for (gsize r = 0; r < n_items; r++)
        {
          PleatCliRecord *item = g_new0 (PleatCliRecord, 1);

          item->record = items[r];
          item->index = batch->n_records++;
          item->source = g_strdup (source);
          /* Stems over every record in input order, before sharding: each shard of a job
           * array, and every re-run, names a record the same way. */
          item->stem = pleat_sequence_id_to_file_stem (item->record->id, stems);

          if (!pleat_cli_options_in_shard (options, item->index))
            cli_record_free (item);
          else if (options->max_length > 0 && item->record->n_residues > options->max_length)
            {
              add_refused (batch, g_error_new (PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_TOO_LONG,
                                               _("%s: record “%s” has %u residues, more than "
                                                 "--max-length %u"),
                                               source, item->record->id,
                                               item->record->n_residues, options->max_length));
              cli_record_free (item);
            }
          else if (!options->overwrite &&
                   pleat_result_exists (options->output_dir, item->stem, options->formats))
            g_ptr_array_add (batch->done, item);
          else
            g_ptr_array_add (batch->todo, item);
        }
    }
  return g_steal_pointer (&batch);
}
