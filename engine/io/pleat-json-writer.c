/* pleat-json-writer.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The PAE and confidence JSON files. They are written by hand rather than with
 * JsonGenerator so that numbers carry a fixed number of decimals (JsonGenerator prints
 * doubles with 17 significant digits: 85.129999999999995).
 */
#define G_LOG_DOMAIN "pleat-engine"

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "pleat-error.h"
#include "pleat-result-writer.h"
#include "pleat-writer-private.h"

/* pLDDT values carry 2 decimals, pTM and ipTM 4, PAE 2. */
#define PLDDT_DECIMALS 2
#define TM_DECIMALS    4
#define PAE_DECIMALS   2

static void
append_number_or_null (GString *out,
                       double   value,
                       guint    decimals)
{
  if (isfinite (value))
    _pleat_append_fixed (out, value, decimals);
  else
    g_string_append (out, "null");
}

char *
pleat_structure_to_pae_json (PleatStructure  *structure,
                             GError         **error)
{
  g_autoptr(GString) out = NULL;
  const float *pae;
  float max_pae;
  guint n;

  g_return_val_if_fail (PLEAT_IS_STRUCTURE (structure), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  pae = pleat_structure_get_pae (structure, &n, &max_pae);
  if (pae == NULL || n == 0)
    {
      g_set_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_UNSUPPORTED,
                   _("The structure has no predicted aligned error to write"));
      return NULL;
    }

  /* One row per line keeps the file greppable and diffable; AFDB's is one line. */
  out = g_string_sized_new (64 + (gsize) n * n * 6);
  g_string_append (out, "[{\"predicted_aligned_error\": [\n");
  for (guint i = 0; i < n; i++)
    {
      g_string_append_c (out, '[');
      for (guint j = 0; j < n; j++)
        {
          if (j > 0)
            g_string_append_c (out, ',');
          append_number_or_null (out, pae[(gsize) i * n + j], PAE_DECIMALS);
        }
      g_string_append (out, i + 1 < n ? "],\n" : "]\n");
    }
  g_string_append (out, "], \"max_predicted_aligned_error\": ");
  append_number_or_null (out, max_pae, PAE_DECIMALS);
  g_string_append (out, "}]\n");
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
append_key (GString    *out,
            const char *indent,
            const char *key)
{
  g_string_append (out, indent);
  _pleat_append_json_string (out, key);
  g_string_append (out, ": ");
}

static void
append_string_member (GString    *out,
                      const char *indent,
                      const char *key,
                      const char *value)
{
  append_key (out, indent, key);
  if (value != NULL)
    _pleat_append_json_string (out, value);
  else
    g_string_append (out, "null");
  g_string_append (out, ",\n");
}

static void
append_options (GString               *out,
                const PleatResultInfo *info)
{
  append_key (out, "  ", "options");
  g_string_append (out, "{");
  for (guint i = 0; i < info->options->len; i++)
    {
      const PleatResultOption *option = g_ptr_array_index (info->options, i);
      char number[G_ASCII_DTOSTR_BUF_SIZE];

      g_string_append (out, i > 0 ? ",\n    " : "\n    ");
      _pleat_append_json_string (out, option->name);
      g_string_append (out, ": ");
      switch (option->type)
        {
        case PLEAT_RESULT_OPTION_INTEGER:
          g_string_append_printf (out, "%" G_GINT64_FORMAT, option->integer);
          break;
        case PLEAT_RESULT_OPTION_FLOAT:
          g_string_append (out, g_ascii_dtostr (number, sizeof number, option->number));
          break;
        case PLEAT_RESULT_OPTION_BOOLEAN:
          g_string_append (out, option->boolean ? "true" : "false");
          break;
        case PLEAT_RESULT_OPTION_STRING:
          _pleat_append_json_string (out, option->string);
          break;
        default:
          g_assert_not_reached ();
        }
    }
  g_string_append (out, info->options->len > 0 ? "\n  },\n" : "},\n");
}

char *
pleat_structure_to_confidence_json (PleatStructure         *structure,
                                    const PleatResultInfo  *info,
                                    GError                **error)
{
  g_autoptr(GString) out = g_string_new ("{\n");
  const PleatChain *chains;
  guint n_chains, n_residues;
  double iptm;

  g_return_val_if_fail (PLEAT_IS_STRUCTURE (structure), NULL);
  g_return_val_if_fail (info != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  chains = pleat_structure_get_chains (structure, &n_chains);
  n_residues = pleat_structure_get_n_residues (structure);

  append_string_member (out, "  ", "id", info->id);
  append_string_member (out, "  ", "model", info->model_name);
  append_string_member (out, "  ", "model_source", info->model_source);
  append_key (out, "  ", "weights");
  g_string_append (out, "{\n");
  append_string_member (out, "    ", "file", info->weights_file);
  append_key (out, "    ", "sha256");
  if (info->weights_sha256 != NULL)
    _pleat_append_json_string (out, info->weights_sha256);
  else
    g_string_append (out, "null");
  g_string_append (out, "\n  },\n");
  append_key (out, "  ", "software");
  g_string_append (out, "{");
  _pleat_append_json_string (out, "name");
  g_string_append (out, ": ");
  _pleat_append_json_string (out, info->software_name);
  g_string_append (out, ", ");
  _pleat_append_json_string (out, "version");
  g_string_append (out, ": ");
  _pleat_append_json_string (out, info->software_version);
  g_string_append (out, "},\n");
  append_options (out, info);

  append_key (out, "  ", "mean_plddt");
  append_number_or_null (out, _pleat_global_plddt (structure), PLDDT_DECIMALS);
  g_string_append (out, ",\n");
  append_key (out, "  ", "ptm");
  append_number_or_null (out, pleat_structure_get_ptm (structure), TM_DECIMALS);
  g_string_append (out, ",\n");
  iptm = pleat_structure_get_iptm (structure);
  if (n_chains > 1 && !isnan (iptm))
    {
      append_key (out, "  ", "iptm");
      append_number_or_null (out, iptm, TM_DECIMALS);
      g_string_append (out, ",\n");
    }

  append_key (out, "  ", "chains");
  g_string_append (out, "[");
  for (guint c = 0; c < n_chains; c++)
    {
      const PleatChain *chain = &chains[c];
      const PleatResidue *first;
      guint n_atoms = 0;

      first = &pleat_structure_get_residues (structure, NULL)[chain->first_residue];
      for (guint r = 0; r < chain->n_residues; r++)
        n_atoms += first[r].n_atoms;
      g_string_append (out, c > 0 ? ",\n    {" : "\n    {");
      _pleat_append_json_string (out, "id");
      g_string_append (out, ": ");
      _pleat_append_json_string (out, chain->auth_id);
      g_string_append_printf (out, ", \"residues\": %u, \"mean_plddt\": ", chain->n_residues);
      /* The mean over the chain's atoms, as mean_plddt is over all atoms. */
      append_number_or_null (out, _pleat_mean_atom_plddt (structure,
                                                           chain->n_residues > 0 ? first->first_atom : 0,
                                                           n_atoms), PLDDT_DECIMALS);
      g_string_append (out, "}");
    }
  g_string_append (out, n_chains > 0 ? "\n  ],\n" : "],\n");

  append_key (out, "  ", "plddt");
  g_string_append (out, "[");
  for (guint r = 0; r < n_residues; r++)
    {
      if (r > 0)
        g_string_append (out, ", ");
      append_number_or_null (out, _pleat_residue_plddt (structure, r), PLDDT_DECIMALS);
    }
  g_string_append (out, "],\n");

  append_key (out, "  ", "seconds");
  append_number_or_null (out, info->seconds, 3);
  g_string_append (out, "\n}\n");
  return g_string_free (g_steal_pointer (&out), FALSE);
}
