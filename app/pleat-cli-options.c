/* pleat-cli-options.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pleat-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "pleat-cli-options.h"

static gboolean
parse_uint (const char  *option,
            const char  *value,
            guint        min,
            guint       *out,
            GError     **error)
{
  guint64 parsed;

  if (!g_ascii_string_to_unsigned (value, 10, min, G_MAXINT, &parsed, NULL))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("%s expects a whole number of at least %u, not “%s”"), option, min, value);
      return FALSE;
    }
  *out = (guint) parsed;
  return TRUE;
}

static gboolean
parse_formats (const char          *value,
               PleatResultFormat   *formats,
               GError             **error)
{
  g_auto(GStrv) names = g_strsplit (value, ",", -1);

  *formats = 0;
  for (guint i = 0; names[i] != NULL; i++)
    {
      const char *name = g_strstrip (names[i]);

      if (g_str_equal (name, "cif") || g_str_equal (name, "mmcif"))
        *formats |= PLEAT_RESULT_FORMAT_CIF;
      else if (g_str_equal (name, "pdb"))
        *formats |= PLEAT_RESULT_FORMAT_PDB;
      else if (g_str_equal (name, "pae"))
        *formats |= PLEAT_RESULT_FORMAT_PAE;
      else if (g_str_equal (name, "json"))
        *formats |= PLEAT_RESULT_FORMAT_CONFIDENCE;
      else
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("--format: unknown format “%s” (use cif, pdb, pae, json)"), name);
          return FALSE;
        }
    }
  if (*formats == 0)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           _("--format: name at least one of cif, pdb, pae, json"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
parse_shard (const char       *value,
             PleatCliOptions  *options,
             GError          **error)
{
  g_auto(GStrv) parts = g_strsplit (value, "/", -1);
  guint64 index, count;

  if (g_strv_length (parts) != 2 ||
      !g_ascii_string_to_unsigned (parts[1], 10, 1, G_MAXINT, &count, NULL) ||
      !g_ascii_string_to_unsigned (parts[0], 10, 0, count - 1, &index, NULL))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--shard expects I/N with 0 ≤ I < N, e.g. 0/4, not “%s”"), value);
      return FALSE;
    }
  options->shard_index = (guint) index;
  options->shard_count = (guint) count;
  return TRUE;
}

gboolean
pleat_cli_options_parse (char           ***argv,
                         PleatCliOptions **out,
                         GError          **error)
{
  g_autoptr(PleatCliOptions) options = g_new0 (PleatCliOptions, 1);
  g_autoptr(GOptionContext) context = NULL;
  g_autofree char *recycles = NULL;
  g_autofree char *chunk_size = NULL;
  g_autofree char *threads = NULL;
  g_autofree char *max_length = NULL;
  g_autofree char *formats = NULL;
  g_autofree char *shard = NULL;
  g_auto(GStrv) args = NULL;
  gboolean quiet = FALSE;
  gboolean verbose = FALSE;
  const GOptionEntry entries[] = {
    { "model", 'm', 0, G_OPTION_ARG_FILENAME, &options->model,
      N_("Model folder, or the name of an installed model"), N_("MODEL") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &options->output_dir,
      N_("Folder for the results (created if missing)"), N_("OUTDIR") },
    { "recycles", 0, 0, G_OPTION_ARG_STRING, &recycles,
      N_("Recycles: N+1 trunk passes (default: the model's, 3 for ESMFold = 4 passes)"),
      N_("N") },
    { "chunk-size", 0, 0, G_OPTION_ARG_STRING, &chunk_size,
      N_("Pair-stack chunk size, or auto to fit the memory (default: auto)"),
      N_("N|auto") },
    { "threads", 0, 0, G_OPTION_ARG_STRING, &threads,
      N_("Worker threads (default: all cores)"), N_("N") },
    { "max-length", 0, 0, G_OPTION_ARG_STRING, &max_length,
      N_("Refuse records longer than N residues"), N_("N") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &formats,
      N_("Outputs to write, comma-separated: cif, pdb, pae, json (default: all)"),
      N_("LIST") },
    { "overwrite", 0, 0, G_OPTION_ARG_NONE, &options->overwrite,
      N_("Fold records again even when their outputs exist (default: skip them)"), NULL },
    { "shard", 0, 0, G_OPTION_ARG_STRING, &shard,
      N_("Fold only records I, I+N, I+2N, … (0-based, for cluster job arrays)"),
      N_("I/N") },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet, N_("Print only errors"), NULL },
    { "verbose", 'v', 0, G_OPTION_ARG_NONE, &verbose, N_("Print every stage"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &args, NULL, N_("INPUT…") },
    { NULL }
  };

  g_return_val_if_fail (out != NULL && *out == NULL, FALSE);

  options->recycles = -1;
  options->formats = PLEAT_RESULT_FORMAT_ALL;
  options->shard_count = 1;

  context = g_option_context_new (_("INPUT… — fold the records of FASTA files (“-” reads "
                                    "standard input)"));
  g_option_context_set_summary (context,
                                _("Chains of one complex are separated by “:” in a record.\n"
                                  "Writes ID.cif, ID.pdb, ID_pae.json and ID_confidence.json "
                                  "per record."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_help_enabled (context, TRUE);
  if (!g_option_context_parse_strv (context, argv, error))
    return FALSE;

  if (options->model == NULL)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                           _("No model: pass -m MODEL (a folder or an installed model name)"));
      return FALSE;
    }
  if (options->output_dir == NULL)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                           _("No output folder: pass -o OUTDIR"));
      return FALSE;
    }
  if (args == NULL || args[0] == NULL)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                           _("No input: name FASTA files, or “-” for standard input"));
      return FALSE;
    }
  options->inputs = g_steal_pointer (&args);

  if (recycles != NULL)
    {
      guint value;

      if (!parse_uint ("--recycles", recycles, 0, &value, error))
        return FALSE;
      options->recycles = (gint) value;
    }
  if (chunk_size != NULL && !g_str_equal (chunk_size, "auto") &&
      !parse_uint ("--chunk-size", chunk_size, 1, &options->chunk_size, error))
    return FALSE;
  if (threads != NULL && !parse_uint ("--threads", threads, 1, &options->threads, error))
    return FALSE;
  if (max_length != NULL &&
      !parse_uint ("--max-length", max_length, 1, &options->max_length, error))
    return FALSE;
  if (formats != NULL && !parse_formats (formats, &options->formats, error))
    return FALSE;
  if (shard != NULL && !parse_shard (shard, options, error))
    return FALSE;
  if (quiet && verbose)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                           _("-q and -v contradict each other"));
      return FALSE;
    }
  options->verbosity = quiet ? -1 : verbose ? 1 : 0;

  *out = g_steal_pointer (&options);
  return TRUE;
}

void
pleat_cli_options_free (PleatCliOptions *options)
{
  if (options == NULL)
    return;
  g_free (options->model);
  g_free (options->output_dir);
  g_strfreev (options->inputs);
  g_free (options);
}

gboolean
pleat_cli_options_in_shard (const PleatCliOptions *options,
                            guint                  record_index)
{
  g_return_val_if_fail (options != NULL, FALSE);

  return record_index % options->shard_count == options->shard_index;
}
