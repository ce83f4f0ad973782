/* pleat-cif-writer.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * PDBx/mmCIF with ModelCIF (mmcif_ma.dic) records, laid out as the AlphaFold DB and
 * ModelArchive files are. Tests validate the output against mmcif_pdbx.dic and mmcif_ma.dic
 * with gemmi and read it back with gemmi, Biopython and PyMOL (tests/check-result-files.py).
 */
#define G_LOG_DOMAIN "pleat-engine"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "pleat-error.h"
#include "pleat-fasta.h"
#include "pleat-residues.h"
#include "pleat-result-writer.h"
#include "pleat-writer-private.h"

/* The dictionary versions the output is validated against (Debian's libcifpp-data). */
#define PDBX_DICT_VERSION "5.362"
#define MA_DICT_VERSION   "1.4.2"

/* Metric ids in ma_qa_metric. */
enum
{
  METRIC_PLDDT_GLOBAL = 1,
  METRIC_PLDDT_LOCAL,
  METRIC_PTM,
  METRIC_PAE,
  METRIC_IPTM,
};

typedef struct
{
  const char *id;
  const char *name;
} ChemCompName;

static const ChemCompName chem_comp_names[] = {
  { "ALA", "ALANINE" }, { "ARG", "ARGININE" }, { "ASN", "ASPARAGINE" },
  { "ASP", "ASPARTIC ACID" }, { "CYS", "CYSTEINE" }, { "GLN", "GLUTAMINE" },
  { "GLU", "GLUTAMIC ACID" }, { "GLY", "GLYCINE" }, { "HIS", "HISTIDINE" },
  { "ILE", "ISOLEUCINE" }, { "LEU", "LEUCINE" }, { "LYS", "LYSINE" },
  { "MET", "METHIONINE" }, { "PHE", "PHENYLALANINE" }, { "PRO", "PROLINE" },
  { "SER", "SERINE" }, { "THR", "THREONINE" }, { "TRP", "TRYPTOPHAN" },
  { "TYR", "TYROSINE" }, { "VAL", "VALINE" }, { "UNK", "UNKNOWN" },
  { "SEC", "SELENOCYSTEINE" }, { "PYL", "PYRROLYSINE" }, { "MSE", "SELENOMETHIONINE" },
};

typedef struct
{
  /* Borrowed */
  PleatStructure         *structure;
  const PleatResultInfo  *info;
  const PleatChain       *chains;
  const PleatResidue     *residues;
  const PleatAtom        *atoms;
  guint                   n_chains;
  guint                   n_residues;
  guint                   n_atoms;
  /* Owned */
  guint                  *chain_entity;   /* (n_chains) 1-based entity id */
  guint                  *entity_chain;   /* (n_entities) first chain of each entity */
  guint                  *residue_num;    /* (n_residues) 1-based label_seq_id */
  guint                   n_entities;
  gboolean                is_complex;
  GString                *out;
} CifWriter;

static void
cif_writer_clear (CifWriter *w)
{
  g_clear_pointer (&w->chain_entity, g_free);
  g_clear_pointer (&w->entity_chain, g_free);
  g_clear_pointer (&w->residue_num, g_free);
  if (w->out != NULL)
    g_string_free (w->out, TRUE);
  w->out = NULL;
}

static void
put (CifWriter  *w,
     const char *text)
{
  g_string_append (w->out, text);
}

static void
put_value (CifWriter  *w,
           const char *value)
{
  _pleat_append_cif_value (w->out, value);
}

static void
put_uint (CifWriter *w,
          guint      value)
{
  g_string_append_printf (w->out, "%u", value);
}

static void
put_int (CifWriter *w,
         gint       value)
{
  g_string_append_printf (w->out, "%d", value);
}

static void
put_fixed (CifWriter *w,
           double     value,
           guint      decimals)
{
  _pleat_append_fixed (w->out, value, decimals);
}

/* Starts a loop with the given item names of @category. */
static void
put_loop (CifWriter          *w,
          const char         *category,
          const char * const *items)
{
  put (w, "#\nloop_\n");
  for (guint i = 0; items[i] != NULL; i++)
    g_string_append_printf (w->out, "_%s.%s\n", category, items[i]);
}

static void
put_pair (CifWriter  *w,
          const char *tag,
          const char *value)
{
  g_string_append_printf (w->out, "%-32s ", tag);
  put_value (w, value);
  put (w, "\n");
}

/* Chains with the same residue names form one entity, numbered in order of appearance. */
static void
find_entities (CifWriter *w)
{
  g_autoptr(GHashTable) by_sequence = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                             g_free, NULL);

  w->chain_entity = g_new0 (guint, w->n_chains);
  w->entity_chain = g_new0 (guint, w->n_chains);
  for (guint c = 0; c < w->n_chains; c++)
    {
      const PleatChain *chain = &w->chains[c];
      g_autoptr(GString) key = g_string_new (NULL);
      gpointer entity;

      for (guint r = 0; r < chain->n_residues; r++)
        {
          g_string_append (key, w->residues[chain->first_residue + r].name);
          g_string_append_c (key, ' ');
        }
      if (g_hash_table_lookup_extended (by_sequence, key->str, NULL, &entity))
        {
          w->chain_entity[c] = GPOINTER_TO_UINT (entity);
          continue;
        }
      w->entity_chain[w->n_entities++] = c;
      w->chain_entity[c] = w->n_entities;
      g_hash_table_insert (by_sequence, g_string_free (g_steal_pointer (&key), FALSE),
                           GUINT_TO_POINTER (w->n_entities));
    }
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static const char *
chem_comp_name (const char *id)
{
  for (guint i = 0; i < G_N_ELEMENTS (chem_comp_names); i++)
    if (strcmp (chem_comp_names[i].id, id) == 0)
      return chem_comp_names[i].name;
  return NULL;
}

static void
write_header (CifWriter *w)
{
  g_autofree char *block = pleat_sequence_id_to_file_stem (w->info->id, NULL);
  g_autofree char *title = NULL;
  static const char * const audit[] = { "dict_name", "dict_version", "dict_location", NULL };

  g_string_append_printf (w->out, "data_%s\n#\n", block);
  put_pair (w, "_entry.id", block);
  put_loop (w, "audit_conform", audit);
  put (w, "mmcif_pdbx.dic " PDBX_DICT_VERSION
          " https://mmcif.wwpdb.org/dictionaries/ascii/mmcif_pdbx_v50.dic\n");
  put (w, "mmcif_ma.dic " MA_DICT_VERSION
          " https://github.com/ihmwg/ModelCIF/raw/master/dist/mmcif_ma.dic\n");

  if (w->info->description != NULL && w->info->description[0] != '\0')
    title = g_strdup_printf ("%s prediction of %s (%s)", w->info->model_name, w->info->id,
                             w->info->description);
  else
    title = g_strdup_printf ("%s prediction of %s", w->info->model_name, w->info->id);
  put (w, "#\n");
  put_pair (w, "_struct.entry_id", block);
  put_pair (w, "_struct.title", title);
  put_pair (w, "_struct.pdbx_model_type_details", "computed model, not an experimental structure");
}

static void
write_software (CifWriter *w)
{
  static const char * const software[] = {
    "pdbx_ordinal", "name", "classification", "version", "type", "description", NULL
  };
  static const char * const group[] = {
    "ordinal_id", "group_id", "software_id", "parameter_group_id", NULL
  };
  static const char * const parameter[] = {
    "parameter_id", "group_id", "name", "value", "data_type", NULL
  };
  const PleatResultInfo *info = w->info;
  guint id = 1;

  put_loop (w, "software", software);
  put (w, "1 ");
  put_value (w, info->software_name);
  put (w, " 'model building' ");
  put_value (w, info->software_version);
  put (w, " program ");
  put_value (w, "structure prediction on a workstation");
  put (w, "\n2 ");
  put_value (w, info->model_name);
  put (w, " 'model building' ? package ");
  put_value (w, info->model_source);
  put (w, "\n");

  put_loop (w, "ma_software_group", group);
  put (w, "1 1 1 1\n2 1 2 1\n");

  /* The options the model ran with, then the weights it ran on. */
  put_loop (w, "ma_software_parameter", parameter);
  for (guint i = 0; i < info->options->len; i++, id++)
    {
      const PleatResultOption *option = g_ptr_array_index (info->options, i);
      char number[G_ASCII_DTOSTR_BUF_SIZE];

      g_string_append_printf (w->out, "%u 1 ", id);
      put_value (w, option->name);
      put (w, " ");
      switch (option->type)
        {
        case PLEAT_RESULT_OPTION_INTEGER:
          g_string_append_printf (w->out, "%" G_GINT64_FORMAT " integer\n", option->integer);
          break;
        case PLEAT_RESULT_OPTION_FLOAT:
          put (w, g_ascii_formatd (number, sizeof number, "%.6g", option->number));
          put (w, " float\n");
          break;
        case PLEAT_RESULT_OPTION_BOOLEAN:
          put (w, option->boolean ? "true boolean\n" : "false boolean\n");
          break;
        case PLEAT_RESULT_OPTION_STRING:
          put_value (w, option->string);
          put (w, " string\n");
          break;
        default:
          g_assert_not_reached ();
        }
    }
  g_string_append_printf (w->out, "%u 1 weights_file ", id++);
  put_value (w, info->weights_file);
  put (w, " string\n");
  g_string_append_printf (w->out, "%u 1 weights_sha256 ", id++);
  put_value (w, info->weights_sha256);
  put (w, " string\n");
}

static void
write_chem_comp (CifWriter *w)
{
  static const char * const items[] = { "id", "type", "mon_nstd_flag", "name", NULL };
  g_autoptr(GPtrArray) seen = g_ptr_array_new ();

  for (guint r = 0; r < w->n_residues; r++)
    {
      const char *name = w->residues[r].name;
      gboolean found = FALSE;

      for (guint i = 0; i < seen->len && !found; i++)
        found = strcmp (g_ptr_array_index (seen, i), name) == 0;
      if (!found)
        g_ptr_array_add (seen, (gpointer) name);
    }
  g_ptr_array_sort (seen, compare_strings);

  put_loop (w, "chem_comp", items);
  for (guint i = 0; i < seen->len; i++)
    {
      const char *id = g_ptr_array_index (seen, i);
      gboolean standard = pleat_residue_is_standard (pleat_residue_one_letter (id)) &&
                          strcmp (id, pleat_residue_three_letter (pleat_residue_one_letter (id))) == 0;

      put_value (w, id);
      put (w, strcmp (id, "GLY") == 0 ? " 'peptide linking' " : " 'L-peptide linking' ");
      put (w, standard ? "y " : "n ");
      put_value (w, chem_comp_name (id));
      put (w, "\n");
    }
}

static void
write_atom_types (CifWriter *w)
{
  static const char * const items[] = { "symbol", NULL };
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);

  for (guint a = 0; a < w->n_atoms; a++)
    {
      g_autofree char *symbol = g_ascii_strup (w->atoms[a].element, -1);
      gboolean found = FALSE;

      for (guint i = 0; i < seen->len && !found; i++)
        found = strcmp (g_ptr_array_index (seen, i), symbol) == 0;
      if (!found)
        g_ptr_array_add (seen, g_steal_pointer (&symbol));
    }
  g_ptr_array_sort (seen, compare_strings);
  put_loop (w, "atom_type", items);
  for (guint i = 0; i < seen->len; i++)
    {
      put_value (w, g_ptr_array_index (seen, i));
      put (w, "\n");
    }
}

static char *
dup_one_letter_sequence (CifWriter *w,
                         guint      chain)
{
  const PleatChain *c = &w->chains[chain];
  GString *seq = g_string_sized_new (c->n_residues + c->n_residues / 80 + 1);

  for (guint r = 0; r < c->n_residues; r++)
    {
      if (r > 0 && r % 80 == 0)
        g_string_append_c (seq, '\n');
      g_string_append_c (seq, w->residues[c->first_residue + r].one_letter);
    }
  return g_string_free (seq, FALSE);
}

static void
write_entities (CifWriter *w)
{
  static const char * const entity[] = {
    "id", "type", "src_method", "pdbx_description", "pdbx_number_of_molecules", NULL
  };
  static const char * const poly[] = {
    "entity_id", "type", "nstd_linkage", "nstd_monomer", "pdbx_seq_one_letter_code",
    "pdbx_seq_one_letter_code_can", "pdbx_strand_id", NULL
  };
  static const char * const poly_seq[] = { "entity_id", "num", "mon_id", "hetero", NULL };
  static const char * const asym[] = { "id", "entity_id", "details", NULL };
  static const char * const target[] = { "entity_id", "data_id", "origin", NULL };
  static const char * const instance[] = { "asym_id", "entity_id", "details", NULL };

  put_loop (w, "entity", entity);
  for (guint e = 0; e < w->n_entities; e++)
    {
      guint copies = 0;

      for (guint c = 0; c < w->n_chains; c++)
        copies += w->chain_entity[c] == e + 1;
      g_string_append_printf (w->out, "%u polymer man ", e + 1);
      put_value (w, w->info->description != NULL && w->info->description[0] != '\0'
                    ? w->info->description : w->info->id);
      g_string_append_printf (w->out, " %u\n", copies);
    }

  put_loop (w, "entity_poly", poly);
  for (guint e = 0; e < w->n_entities; e++)
    {
      g_autofree char *seq = dup_one_letter_sequence (w, w->entity_chain[e]);
      g_autoptr(GString) strands = g_string_new (NULL);

      for (guint c = 0; c < w->n_chains; c++)
        if (w->chain_entity[c] == e + 1)
          {
            if (strands->len > 0)
              g_string_append_c (strands, ',');
            g_string_append (strands, w->chains[c].auth_id);
          }
      g_string_append_printf (w->out, "%u polypeptide(L) no no", e + 1);
      /* Text fields always, so that long sequences wrap as PDB files do. */
      g_string_append_printf (w->out, "\n;%s\n;\n;%s\n;\n", seq, seq);
      put_value (w, strands->str);
      put (w, "\n");
    }

  put_loop (w, "entity_poly_seq", poly_seq);
  for (guint e = 0; e < w->n_entities; e++)
    {
      const PleatChain *chain = &w->chains[w->entity_chain[e]];

      for (guint r = 0; r < chain->n_residues; r++)
        g_string_append_printf (w->out, "%u %u %s n\n", e + 1, r + 1,
                                w->residues[chain->first_residue + r].name);
    }

  put_loop (w, "struct_asym", asym);
  for (guint c = 0; c < w->n_chains; c++)
    {
      put_value (w, w->chains[c].id);
      g_string_append_printf (w->out, " %u ?\n", w->chain_entity[c]);
    }

  put (w, "#\nloop_\n_pdbx_poly_seq_scheme.asym_id\n_pdbx_poly_seq_scheme.entity_id\n"
          "_pdbx_poly_seq_scheme.seq_id\n_pdbx_poly_seq_scheme.mon_id\n"
          "_pdbx_poly_seq_scheme.ndb_seq_num\n_pdbx_poly_seq_scheme.pdb_seq_num\n"
          "_pdbx_poly_seq_scheme.auth_seq_num\n_pdbx_poly_seq_scheme.pdb_mon_id\n"
          "_pdbx_poly_seq_scheme.auth_mon_id\n_pdbx_poly_seq_scheme.pdb_strand_id\n"
          "_pdbx_poly_seq_scheme.pdb_ins_code\n_pdbx_poly_seq_scheme.hetero\n");
  for (guint c = 0; c < w->n_chains; c++)
    for (guint r = 0; r < w->chains[c].n_residues; r++)
      {
        const PleatResidue *res = &w->residues[w->chains[c].first_residue + r];
        char ins[2] = { res->ins_code, '\0' };

        put_value (w, w->chains[c].id);
        g_string_append_printf (w->out, " %u %u %s %u %d %d %s %s ", w->chain_entity[c], r + 1,
                                res->name, r + 1, res->seq_id, res->seq_id, res->name, res->name);
        put_value (w, w->chains[c].auth_id);
        put (w, " ");
        put (w, res->ins_code != '\0' ? ins : ".");
        put (w, " n\n");
      }

  /* ModelCIF: the target sequences (data 1) and the model (data 2). */
  put (w, "#\nloop_\n_ma_data.id\n_ma_data.name\n_ma_data.content_type\n"
          "1 'Target sequences' target\n2 Model 'model coordinates'\n");
  put (w, "#\nloop_\n_ma_data_group.ordinal_id\n_ma_data_group.group_id\n"
          "_ma_data_group.data_id\n1 1 1\n2 2 2\n");
  put_loop (w, "ma_target_entity", target);
  for (guint e = 0; e < w->n_entities; e++)
    g_string_append_printf (w->out, "%u 1 designed\n", e + 1);
  put_loop (w, "ma_target_entity_instance", instance);
  for (guint c = 0; c < w->n_chains; c++)
    {
      put_value (w, w->chains[c].id);
      g_string_append_printf (w->out, " %u .\n", w->chain_entity[c]);
    }
}

static void
write_protocol (CifWriter *w)
{
  g_autoptr(GString) details = g_string_new (NULL);
  g_autofree char *group_name = g_strdup_printf ("%s prediction", w->info->model_name);

  g_string_append_printf (details, "%s, run by %s %s", w->info->model_name,
                          w->info->software_name, w->info->software_version);
  if (w->info->weights_file != NULL)
    g_string_append_printf (details, " with weights %s", w->info->weights_file);

  put (w, "#\nloop_\n_ma_protocol_step.ordinal_id\n_ma_protocol_step.protocol_id\n"
          "_ma_protocol_step.step_id\n_ma_protocol_step.method_type\n"
          "_ma_protocol_step.step_name\n_ma_protocol_step.details\n"
          "_ma_protocol_step.software_group_id\n_ma_protocol_step.input_data_group_id\n"
          "_ma_protocol_step.output_data_group_id\n");
  put (w, "1 1 1 modeling ");
  put_value (w, group_name);
  put (w, " ");
  put_value (w, details->str);
  put (w, " 1 1 2\n");

  put (w, "#\nloop_\n_ma_model_list.ordinal_id\n_ma_model_list.model_id\n"
          "_ma_model_list.model_group_id\n_ma_model_list.model_name\n"
          "_ma_model_list.model_group_name\n_ma_model_list.model_type\n"
          "_ma_model_list.data_id\n");
  put (w, "1 1 1 'Top ranked model' ");
  put_value (w, group_name);
  put (w, " 'Ab initio model' 2\n");
}

static void
write_atoms (CifWriter *w)
{
  static const char * const items[] = {
    "group_PDB", "id", "type_symbol", "label_atom_id", "label_alt_id", "label_comp_id",
    "label_asym_id", "label_entity_id", "label_seq_id", "pdbx_PDB_ins_code", "Cartn_x",
    "Cartn_y", "Cartn_z", "occupancy", "B_iso_or_equiv", "pdbx_formal_charge", "auth_seq_id",
    "auth_comp_id", "auth_asym_id", "auth_atom_id", "pdbx_PDB_model_num", NULL
  };

  put_loop (w, "atom_site", items);
  for (guint a = 0; a < w->n_atoms; a++)
    {
      const PleatAtom *atom = &w->atoms[a];
      const PleatResidue *res = &w->residues[atom->residue];
      const PleatChain *chain = &w->chains[res->chain];
      g_autofree char *symbol = g_ascii_strup (atom->element, -1);
      char alt[2] = { atom->alt_loc, '\0' };
      char ins[2] = { res->ins_code, '\0' };

      g_string_append_printf (w->out, "ATOM %u ", a + 1);
      put_value (w, symbol);
      put (w, " ");
      put_value (w, atom->name);
      put (w, " ");
      put (w, atom->alt_loc != '\0' ? alt : ".");
      put (w, " ");
      put_value (w, res->name);
      put (w, " ");
      put_value (w, chain->id);
      g_string_append_printf (w->out, " %u %u ", w->chain_entity[res->chain],
                              w->residue_num[atom->residue]);
      put (w, res->ins_code != '\0' ? ins : "?");
      put (w, " ");
      put_fixed (w, atom->x, 3);
      put (w, " ");
      put_fixed (w, atom->y, 3);
      put (w, " ");
      put_fixed (w, atom->z, 3);
      put (w, " ");
      put_fixed (w, atom->occupancy, 2);
      put (w, " ");
      put_fixed (w, _pleat_atom_b_value (atom), 2);
      put (w, " ? ");
      put_int (w, res->seq_id);
      put (w, " ");
      put_value (w, res->name);
      put (w, " ");
      put_value (w, chain->auth_id);
      put (w, " ");
      put_value (w, atom->name);
      put (w, " 1\n");
    }
}

static void
put_residue_label (CifWriter *w,
                   guint      residue)
{
  const PleatResidue *res = &w->residues[residue];

  put_value (w, w->chains[res->chain].id);
  put (w, " ");
  put_uint (w, w->residue_num[residue]);
  put (w, " ");
  put_value (w, res->name);
}

static void
write_quality (CifWriter *w)
{
  static const char * const local[] = {
    "ordinal_id", "model_id", "label_asym_id", "label_seq_id", "label_comp_id", "metric_id",
    "metric_value", NULL
  };
  static const char * const pairwise[] = {
    "ordinal_id", "model_id", "label_asym_id_1", "label_seq_id_1", "label_comp_id_1",
    "label_asym_id_2", "label_seq_id_2", "label_comp_id_2", "metric_id", "metric_value", NULL
  };
  double global_plddt = _pleat_global_plddt (w->structure);
  double ptm = pleat_structure_get_ptm (w->structure);
  double iptm = pleat_structure_get_iptm (w->structure);
  gboolean has_plddt = !isnan (global_plddt);
  gboolean has_iptm = w->is_complex && !isnan (iptm);
  guint n_pae;
  float max_pae;
  const float *pae = pleat_structure_get_pae (w->structure, &n_pae, &max_pae);
  guint ordinal = 1;

  if (!has_plddt && isnan (ptm) && pae == NULL)
    return;

  put (w, "#\nloop_\n_ma_qa_metric.id\n_ma_qa_metric.name\n_ma_qa_metric.description\n"
          "_ma_qa_metric.type\n_ma_qa_metric.mode\n_ma_qa_metric.software_group_id\n");
  if (has_plddt)
    {
      g_string_append_printf (w->out, "%d pLDDT 'Predicted lDDT, mean over all atoms' pLDDT "
                              "global 1\n", METRIC_PLDDT_GLOBAL);
      g_string_append_printf (w->out, "%d pLDDT 'Predicted lDDT, mean over the residue's "
                              "atoms' pLDDT local 1\n", METRIC_PLDDT_LOCAL);
    }
  if (!isnan (ptm))
    g_string_append_printf (w->out, "%d pTM 'Predicted TM-score' pTM global 1\n", METRIC_PTM);
  if (pae != NULL)
    g_string_append_printf (w->out, "%d PAE 'Predicted aligned error (Angstrom) of residue 2 "
                            "when aligned on residue 1' PAE local-pairwise 1\n", METRIC_PAE);
  if (has_iptm)
    g_string_append_printf (w->out, "%d ipTM 'Interface predicted TM-score' ipTM global 1\n",
                            METRIC_IPTM);

  put (w, "#\nloop_\n_ma_qa_metric_global.ordinal_id\n_ma_qa_metric_global.model_id\n"
          "_ma_qa_metric_global.metric_id\n_ma_qa_metric_global.metric_value\n");
  if (has_plddt)
    {
      g_string_append_printf (w->out, "%u 1 %d ", ordinal++, METRIC_PLDDT_GLOBAL);
      put_fixed (w, global_plddt, 2);
      put (w, "\n");
    }
  if (!isnan (ptm))
    {
      g_string_append_printf (w->out, "%u 1 %d ", ordinal++, METRIC_PTM);
      put_fixed (w, ptm, 4);
      put (w, "\n");
    }
  if (has_iptm)
    {
      g_string_append_printf (w->out, "%u 1 %d ", ordinal++, METRIC_IPTM);
      put_fixed (w, iptm, 4);
      put (w, "\n");
    }

  if (has_plddt)
    {
      put_loop (w, "ma_qa_metric_local", local);
      for (guint r = 0; r < w->n_residues; r++)
        {
          g_string_append_printf (w->out, "%u 1 ", r + 1);
          put_residue_label (w, r);
          g_string_append_printf (w->out, " %d ", METRIC_PLDDT_LOCAL);
          put_fixed (w, _pleat_residue_plddt (w->structure, r), 2);
          put (w, "\n");
        }
    }

  if (pae != NULL)
    {
      ordinal = 1;
      put_loop (w, "ma_qa_metric_local_pairwise", pairwise);
      for (guint i = 0; i < n_pae; i++)
        for (guint j = 0; j < n_pae; j++)
          {
            g_string_append_printf (w->out, "%u 1 ", ordinal++);
            put_residue_label (w, i);
            put (w, " ");
            put_residue_label (w, j);
            g_string_append_printf (w->out, " %d ", METRIC_PAE);
            put_fixed (w, pae[(gsize) i * n_pae + j], 2);
            put (w, "\n");
          }
    }
}

char *
pleat_structure_to_mmcif (PleatStructure         *structure,
                          const PleatResultInfo  *info,
                          GError                **error)
{
  CifWriter w = { 0 };
  guint n_pae;

  g_return_val_if_fail (PLEAT_IS_STRUCTURE (structure), NULL);
  g_return_val_if_fail (info != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  w.structure = structure;
  w.info = info;
  w.chains = pleat_structure_get_chains (structure, &w.n_chains);
  w.residues = pleat_structure_get_residues (structure, &w.n_residues);
  w.atoms = pleat_structure_get_atoms (structure, &w.n_atoms);
  w.is_complex = w.n_chains > 1;

  if (w.n_atoms == 0)
    {
      g_set_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_FAILED,
                   _("The structure has no atoms to write"));
      return NULL;
    }
  for (guint r = 0; r < w.n_residues; r++)
    if (w.residues[r].hetatm)
      {
        g_set_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_UNSUPPORTED,
                     _("Hetero groups (%s) cannot be written as mmCIF yet"),
                     w.residues[r].name);
        return NULL;
      }
  pleat_structure_get_pae (structure, &n_pae, NULL);
  if (pleat_structure_get_pae (structure, NULL, NULL) != NULL && n_pae != w.n_residues)
    {
      g_set_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_FAILED,
                   _("The PAE matrix covers %u residues but the structure has %u"),
                   n_pae, w.n_residues);
      return NULL;
    }

  w.residue_num = g_new (guint, MAX (w.n_residues, 1));
  for (guint c = 0; c < w.n_chains; c++)
    for (guint r = 0; r < w.chains[c].n_residues; r++)
      w.residue_num[w.chains[c].first_residue + r] = r + 1;
  find_entities (&w);

  /* About 80 bytes per atom and 40 per PAE entry. */
  w.out = g_string_sized_new (4096 + (gsize) w.n_atoms * 96 + (gsize) n_pae * n_pae * 48);
  write_header (&w);
  write_software (&w);
  /* No chem_comp_atom (nor chem_comp_bond), as in AlphaFold DB files: with chem_comp_atom
   * present, PyMOL ignores its built-in residue dictionary and tries to download one. */
  write_chem_comp (&w);
  write_atom_types (&w);
  write_entities (&w);
  write_protocol (&w);
  write_atoms (&w);
  write_quality (&w);
  put (&w, "#\n");

  {
    char *result = g_string_free (g_steal_pointer (&w.out), FALSE);

    cif_writer_clear (&w);
    return result;
  }
}
