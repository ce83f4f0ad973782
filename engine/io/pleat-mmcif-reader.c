/* pleat-mmcif-reader.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A streaming reader: the tokenizer feeds rows of each loop (or the one row of a non-loop
 * category) to a handler as soon as they are complete, so _atom_site rows become atom records
 * without a document tree in between.
 */
#define G_LOG_DOMAIN "pleat-engine"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "pleat-cif-tokenizer-private.h"
#include "pleat-error.h"
#include "pleat-mmcif-reader.h"
#include "pleat-structure-builder-private.h"

#define CANCEL_CHECK_ROWS 8192

enum
{
  COL_GROUP_PDB,
  COL_TYPE_SYMBOL,
  COL_LABEL_ATOM_ID,
  COL_AUTH_ATOM_ID,
  COL_LABEL_ALT_ID,
  COL_LABEL_COMP_ID,
  COL_AUTH_COMP_ID,
  COL_LABEL_ASYM_ID,
  COL_AUTH_ASYM_ID,
  COL_LABEL_ENTITY_ID,
  COL_LABEL_SEQ_ID,
  COL_AUTH_SEQ_ID,
  COL_INS_CODE,
  COL_X,
  COL_Y,
  COL_Z,
  COL_OCCUPANCY,
  COL_B_ISO,
  COL_MODEL_NUM,
  N_ATOM_COLS
};

static const char * const atom_col_names[N_ATOM_COLS] = {
  "group_pdb", "type_symbol", "label_atom_id", "auth_atom_id", "label_alt_id",
  "label_comp_id", "auth_comp_id", "label_asym_id", "auth_asym_id", "label_entity_id",
  "label_seq_id", "auth_seq_id", "pdbx_pdb_ins_code", "cartn_x", "cartn_y", "cartn_z",
  "occupancy", "b_iso_or_equiv", "pdbx_pdb_model_num",
};

typedef struct
{
  char  *id;
  char  *type;
  char  *mode;
  char  *name;
} Metric;

typedef struct
{
  gint   model;
  gint   seq_id_1;
  gint   seq_id_2;
  float  value;
  char   asym_id_1[8];
  char   asym_id_2[8];
  char   metric[16];
} QaRow;

typedef struct
{
  char        category[64];
  GPtrArray  *items;       /* of char *, lower case */
  GArray     *values;      /* of PleatCifToken: the current row */
  guint       line;        /* of loop_ or of the first tag */
  gboolean    is_loop;
} Table;

typedef struct
{
  PleatStructureBuilder *builder;
  GCancellable          *cancellable;
  gint                   atom_col[N_ATOM_COLS];
  guint                  n_rows;
  gint                   first_model;
  gboolean               several_models;
  GPtrArray             *metrics;    /* of Metric */
  GArray                *local;      /* of QaRow */
  GArray                *pairwise;   /* of QaRow */
  GArray                *global;     /* of QaRow, value in value */
} Reader;

static void
metric_free (gpointer data)
{
  Metric *m = data;

  g_free (m->id);
  g_free (m->type);
  g_free (m->mode);
  g_free (m->name);
  g_free (m);
}

/* Copies a token's text, NUL-terminated and truncated to the buffer. */
static const char *
token_copy (const PleatCifToken *token,
            char                *buffer,
            gsize                size)
{
  gsize n;

  if (token == NULL || pleat_cif_token_is_null (token))
    {
      buffer[0] = '\0';
      return buffer;
    }
  n = MIN (token->length, size - 1);
  memcpy (buffer, token->text, n);
  buffer[n] = '\0';
  return buffer;
}

static char *
token_dup (const PleatCifToken *token)
{
  if (token == NULL || pleat_cif_token_is_null (token))
    return NULL;
  return g_strndup (token->text, token->length);
}

static gboolean
token_float (const PleatCifToken *token,
             const char          *what,
             float               *value,
             GError             **error)
{
  char buffer[64];
  char *tail = NULL;
  double v;

  token_copy (token, buffer, sizeof buffer);
  v = g_ascii_strtod (buffer, &tail);
  /* Finite also in single precision: "1e46" is a double but an infinite float. */
  if (buffer[0] == '\0' || tail == NULL || *tail != '\0' || !isfinite ((float) v))
    {
      g_set_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_INVALID_FILE,
                   _("Line %u: invalid %s “%s”"), token->line, what, buffer);
      return FALSE;
    }
  *value = (float) v;
  return TRUE;
}

static gboolean
token_int (const PleatCifToken *token,
           const char          *what,
           gint                *value,
           GError             **error)
{
  char buffer[32];
  char *tail = NULL;
  gint64 v;

  token_copy (token, buffer, sizeof buffer);
  v = g_ascii_strtoll (buffer, &tail, 10);
  if (buffer[0] == '\0' || tail == NULL || *tail != '\0' || v < G_MININT || v > G_MAXINT)
    {
      g_set_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_INVALID_FILE,
                   _("Line %u: invalid %s “%s”"), token->line, what, buffer);
      return FALSE;
    }
  *value = (gint) v;
  return TRUE;
}

static const PleatCifToken *
column (const Table *table,
        const char  *item)
{
  for (guint i = 0; i < table->items->len; i++)
    if (strcmp (g_ptr_array_index (table->items, i), item) == 0)
      return &g_array_index (table->values, PleatCifToken, i);
  return NULL;
}

static gboolean
mentions_predictor (const char *text)
{
  static const char * const words[] = {
    "alphafold", "colabfold", "esmfold", "openfold", "boltz", "chai", "pleat", "rosettafold",
  };
  g_autofree char *lower = NULL;

  if (text == NULL)
    return FALSE;
  lower = g_ascii_strdown (text, -1);
  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    if (strstr (lower, words[i]) != NULL)
      return TRUE;
  return FALSE;
}

static gboolean
begin_atom_site (Reader       *reader,
                 const Table  *table,
                 GError      **error)
{
  for (guint c = 0; c < N_ATOM_COLS; c++)
    {
      reader->atom_col[c] = -1;
      for (guint i = 0; i < table->items->len; i++)
        if (strcmp (g_ptr_array_index (table->items, i), atom_col_names[c]) == 0)
          reader->atom_col[c] = (gint) i;
    }
  if (reader->atom_col[COL_X] < 0 || reader->atom_col[COL_Y] < 0 || reader->atom_col[COL_Z] < 0
      || (reader->atom_col[COL_LABEL_ATOM_ID] < 0 && reader->atom_col[COL_AUTH_ATOM_ID] < 0)
      || (reader->atom_col[COL_LABEL_COMP_ID] < 0 && reader->atom_col[COL_AUTH_COMP_ID] < 0)
      || (reader->atom_col[COL_LABEL_ASYM_ID] < 0 && reader->atom_col[COL_AUTH_ASYM_ID] < 0)
      || (reader->atom_col[COL_LABEL_SEQ_ID] < 0 && reader->atom_col[COL_AUTH_SEQ_ID] < 0))
    {
      g_set_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_INVALID_FILE,
                   _("Line %u: _atom_site lacks coordinates, atom, residue or chain columns"),
                   table->line);
      return FALSE;
    }
  return TRUE;
}

static const PleatCifToken *
atom_value (Reader      *reader,
            const Table *table,
            guint        col,
            guint        fallback)
{
  gint i = reader->atom_col[col];
  const PleatCifToken *token;

  if (i < 0 && fallback < N_ATOM_COLS)
    i = reader->atom_col[fallback];
  if (i < 0)
    return NULL;
  token = &g_array_index (table->values, PleatCifToken, i);
  if (pleat_cif_token_is_null (token) && fallback < N_ATOM_COLS && reader->atom_col[fallback] >= 0)
    token = &g_array_index (table->values, PleatCifToken, reader->atom_col[fallback]);
  return pleat_cif_token_is_null (token) ? NULL : token;
}

static gboolean
handle_atom_site (Reader       *reader,
                  const Table  *table,
                  GError      **error)
{
  PleatAtomRecord r = { 0 };
  const PleatCifToken *t;
  char buffer[16];

  r.line = g_array_index (table->values, PleatCifToken, 0).line;
  t = atom_value (reader, table, COL_GROUP_PDB, N_ATOM_COLS);
  r.hetatm = t != NULL && t->length == 6 && g_ascii_strncasecmp (t->text, "HETATM", 6) == 0;

  token_copy (atom_value (reader, table, COL_LABEL_ATOM_ID, COL_AUTH_ATOM_ID),
              r.atom_name, sizeof r.atom_name);
  token_copy (atom_value (reader, table, COL_LABEL_COMP_ID, COL_AUTH_COMP_ID),
              r.res_name, sizeof r.res_name);
  token_copy (atom_value (reader, table, COL_LABEL_ASYM_ID, COL_AUTH_ASYM_ID),
              r.label_asym_id, sizeof r.label_asym_id);
  token_copy (atom_value (reader, table, COL_AUTH_ASYM_ID, COL_LABEL_ASYM_ID),
              r.auth_asym_id, sizeof r.auth_asym_id);
  if (r.atom_name[0] == '\0' || r.res_name[0] == '\0')
    {
      g_set_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_INVALID_FILE,
                   _("Line %u: atom without an atom or residue name"), r.line);
      return FALSE;
    }

  t = atom_value (reader, table, COL_TYPE_SYMBOL, N_ATOM_COLS);
  if (t != NULL && t->length <= 3 && g_ascii_isalpha (t->text[0]))
    {
      for (gsize i = 0; i < t->length; i++)
        r.element[i] = g_ascii_toupper (t->text[i]);
    }
  else
    {
      char padded[8];

      g_snprintf (padded, sizeof padded, " %-3.3s", r.atom_name);
      pleat_guess_element (padded, r.hetatm, r.element);
    }

  t = atom_value (reader, table, COL_LABEL_ALT_ID, N_ATOM_COLS);
  r.alt_loc = t != NULL ? t->text[0] : '\0';
  t = atom_value (reader, table, COL_INS_CODE, N_ATOM_COLS);
  r.ins_code = t != NULL ? t->text[0] : '\0';

  r.has_label_seq = reader->atom_col[COL_LABEL_SEQ_ID] >= 0;
  t = atom_value (reader, table, COL_LABEL_SEQ_ID, N_ATOM_COLS);
  if (t != NULL && !token_int (t, _("label_seq_id"), &r.label_seq_id, error))
    return FALSE;
  t = atom_value (reader, table, COL_AUTH_SEQ_ID, COL_LABEL_SEQ_ID);
  if (t != NULL && !token_int (t, _("residue number"), &r.auth_seq_id, error))
    return FALSE;
  t = atom_value (reader, table, COL_LABEL_ENTITY_ID, N_ATOM_COLS);
  if (t != NULL)
    r.entity_id = (guint) g_ascii_strtoull (token_copy (t, buffer, sizeof buffer), NULL, 10);

  if (!token_float (&g_array_index (table->values, PleatCifToken, reader->atom_col[COL_X]),
                    _("x coordinate"), &r.x, error)
      || !token_float (&g_array_index (table->values, PleatCifToken, reader->atom_col[COL_Y]),
                       _("y coordinate"), &r.y, error)
      || !token_float (&g_array_index (table->values, PleatCifToken, reader->atom_col[COL_Z]),
                       _("z coordinate"), &r.z, error))
    return FALSE;
  r.occupancy = 1.0f;
  t = atom_value (reader, table, COL_OCCUPANCY, N_ATOM_COLS);
  if (t != NULL && !token_float (t, _("occupancy"), &r.occupancy, error))
    return FALSE;
  r.b_factor = NAN;
  t = atom_value (reader, table, COL_B_ISO, N_ATOM_COLS);
  if (t != NULL && !token_float (t, _("B-factor"), &r.b_factor, error))
    return FALSE;
  r.model = 1;
  t = atom_value (reader, table, COL_MODEL_NUM, N_ATOM_COLS);
  if (t != NULL && !token_int (t, _("model number"), &r.model, error))
    return FALSE;

  if (reader->n_rows == 0)
    reader->first_model = r.model;
  else if (r.model != reader->first_model)
    reader->several_models = TRUE;
  reader->n_rows++;
  pleat_structure_builder_add_atom (reader->builder, &r);
  return TRUE;
}

static gboolean
handle_qa_row (Reader       *reader,
               const Table  *table,
               GArray       *rows,
               gboolean      pairwise,
               GError      **error)
{
  QaRow row = { 0 };
  const PleatCifToken *t;

  t = column (table, "model_id");
  row.model = 0;
  if (t != NULL && !pleat_cif_token_is_null (t) && !token_int (t, "model_id", &row.model, error))
    return FALSE;
  token_copy (column (table, "metric_id"), row.metric, sizeof row.metric);
  t = column (table, "metric_value");
  if (t == NULL || !token_float (t, _("metric value"), &row.value, error))
    {
      if (t == NULL)
        g_set_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_INVALID_FILE,
                     _("Line %u: _%s without metric_value"), table->line, table->category);
      return FALSE;
    }
  if (rows == reader->global)
    {
      g_array_append_val (rows, row);
      return TRUE;
    }
  token_copy (column (table, pairwise ? "label_asym_id_1" : "label_asym_id"),
              row.asym_id_1, sizeof row.asym_id_1);
  t = column (table, pairwise ? "label_seq_id_1" : "label_seq_id");
  if (t != NULL && !pleat_cif_token_is_null (t) && !token_int (t, "label_seq_id", &row.seq_id_1,
                                                               error))
    return FALSE;
  if (pairwise)
    {
      token_copy (column (table, "label_asym_id_2"), row.asym_id_2, sizeof row.asym_id_2);
      t = column (table, "label_seq_id_2");
      if (t != NULL && !pleat_cif_token_is_null (t)
          && !token_int (t, "label_seq_id", &row.seq_id_2, error))
        return FALSE;
    }
  g_array_append_val (rows, row);
  return TRUE;
}

static gboolean
handle_row (Reader       *reader,
            const Table  *table,
            gboolean      first_row,
            GError      **error)
{
  const char *category = table->category;

  if (strcmp (category, "atom_site") == 0)
    {
      if (first_row && !begin_atom_site (reader, table, error))
        return FALSE;
      if (reader->n_rows % CANCEL_CHECK_ROWS == 0
          && g_cancellable_set_error_if_cancelled (reader->cancellable, error))
        return FALSE;
      return handle_atom_site (reader, table, error);
    }

  if (g_str_has_prefix (category, "ma_"))
    pleat_structure_builder_set_kind (reader->builder, PLEAT_MODEL_KIND_PREDICTED);

  if (strcmp (category, "ma_qa_metric") == 0)
    {
      Metric *m = g_new0 (Metric, 1);

      m->id = token_dup (column (table, "id"));
      m->type = token_dup (column (table, "type"));
      m->mode = token_dup (column (table, "mode"));
      m->name = token_dup (column (table, "name"));
      g_ptr_array_add (reader->metrics, m);
    }
  else if (strcmp (category, "ma_qa_metric_local") == 0)
    return handle_qa_row (reader, table, reader->local, FALSE, error);
  else if (strcmp (category, "ma_qa_metric_local_pairwise") == 0)
    return handle_qa_row (reader, table, reader->pairwise, TRUE, error);
  else if (strcmp (category, "ma_qa_metric_global") == 0)
    return handle_qa_row (reader, table, reader->global, FALSE, error);
  else if (strcmp (category, "exptl") == 0)
    {
      g_autofree char *method = token_dup (column (table, "method"));

      if (method != NULL)
        {
          g_autofree char *upper = g_ascii_strup (method, -1);

          if (strstr (upper, "THEORETICAL") != NULL || strstr (upper, "PREDICT") != NULL)
            pleat_structure_builder_set_kind (reader->builder, PLEAT_MODEL_KIND_PREDICTED);
          else
            pleat_structure_builder_set_kind (reader->builder, PLEAT_MODEL_KIND_EXPERIMENTAL);
        }
    }
  else if (strcmp (category, "refine") == 0 || strcmp (category, "reflns") == 0
           || strcmp (category, "em_3d_reconstruction") == 0
           || strcmp (category, "pdbx_nmr_ensemble") == 0)
    pleat_structure_builder_set_kind (reader->builder, PLEAT_MODEL_KIND_EXPERIMENTAL);
  else if (strcmp (category, "software") == 0 || strcmp (category, "struct") == 0)
    {
      g_autofree char *text = token_dup (column (table, strcmp (category, "struct") == 0
                                                        ? "title" : "name"));

      if (mentions_predictor (text))
        pleat_structure_builder_set_kind (reader->builder, PLEAT_MODEL_KIND_PREDICTED);
    }
  return TRUE;
}

static const Metric *
find_metric (Reader     *reader,
             const char *id)
{
  for (guint i = 0; i < reader->metrics->len; i++)
    {
      const Metric *m = g_ptr_array_index (reader->metrics, i);

      if (g_strcmp0 (m->id, id) == 0)
        return m;
    }
  return NULL;
}

static gboolean
metric_is (const Metric *m,
           const char   *what)
{
  gsize n = strlen (what);

  return (m->type != NULL && g_ascii_strncasecmp (m->type, what, n) == 0)
         || (m->name != NULL && g_ascii_strncasecmp (m->name, what, n) == 0);
}

/* Hands the ModelCIF QA rows to the builder once every metric's type is known. */
static void
finish_qa (Reader *reader)
{
  gboolean known = reader->metrics->len > 0;

  for (guint i = 0; i < reader->local->len; i++)
    {
      QaRow *row = &g_array_index (reader->local, QaRow, i);
      const Metric *m = find_metric (reader, row->metric);
      float scale = 1.0f;

      if (known && (m == NULL || !metric_is (m, "plddt")))
        continue;
      /* ModelCIF has a separate type for pLDDT on the 0-1 scale. */
      if (m != NULL && m->type != NULL && strstr (m->type, "[0,1]") != NULL)
        scale = 100.0f;
      pleat_structure_builder_add_local_plddt (reader->builder,
                                               reader->several_models ? row->model : 0,
                                               row->asym_id_1, row->seq_id_1, row->value * scale);
    }
  for (guint i = 0; i < reader->pairwise->len; i++)
    {
      QaRow *row = &g_array_index (reader->pairwise, QaRow, i);
      const Metric *m = find_metric (reader, row->metric);

      if (known && (m == NULL || !metric_is (m, "pae")))
        continue;
      pleat_structure_builder_add_pae (reader->builder, reader->several_models ? row->model : 0,
                                       row->asym_id_1, row->seq_id_1,
                                       row->asym_id_2, row->seq_id_2, row->value);
    }
  for (guint i = 0; i < reader->global->len; i++)
    {
      QaRow *row = &g_array_index (reader->global, QaRow, i);
      const Metric *m = find_metric (reader, row->metric);

      if (m == NULL)
        continue;
      if (metric_is (m, "plddt"))
        pleat_structure_builder_set_global_plddt (reader->builder,
                                                  strstr (m->type != NULL ? m->type : "", "[0,1]")
                                                  ? row->value * 100.0 : row->value);
      else if (metric_is (m, "iptm"))
        pleat_structure_builder_set_ptm (reader->builder, NAN, row->value);
    }
  /* pTM after ipTM so that the setter sees both. */
  for (guint i = 0; i < reader->global->len; i++)
    {
      QaRow *row = &g_array_index (reader->global, QaRow, i);
      const Metric *m = find_metric (reader, row->metric);

      if (m != NULL && metric_is (m, "ptm"))
        {
          double iptm = NAN;

          for (guint k = 0; k < reader->global->len; k++)
            {
              const Metric *mk = find_metric (reader,
                                              g_array_index (reader->global, QaRow, k).metric);
              if (mk != NULL && metric_is (mk, "iptm"))
                iptm = g_array_index (reader->global, QaRow, k).value;
            }
          pleat_structure_builder_set_ptm (reader->builder, row->value, iptm);
        }
    }
}

static void
table_reset (Table                *table,
             const PleatCifToken  *tag,
             gboolean              is_loop,
             guint                 line)
{
  g_ptr_array_set_size (table->items, 0);
  g_array_set_size (table->values, 0);
  table->category[0] = '\0';
  table->is_loop = is_loop;
  table->line = tag != NULL ? tag->line : line;
}

/* Splits "_category.item" into the table's category (checked or set) and a lower-case item. */
static gboolean
table_add_tag (Table                *table,
               const PleatCifToken  *tag,
               GError              **error)
{
  const char *dot = memchr (tag->text, '.', tag->length);
  gsize category_length = dot != NULL ? (gsize) (dot - tag->text) - 1 : tag->length - 1;
  char category[64];
  char *item;

  category_length = MIN (category_length, sizeof category - 1);
  for (gsize i = 0; i < category_length; i++)
    category[i] = g_ascii_tolower (tag->text[1 + i]);
  category[category_length] = '\0';
  item = dot != NULL ? g_ascii_strdown (dot + 1, (gssize) (tag->length - (gsize) (dot - tag->text)
                                                            - 1))
                     : g_strdup ("");

  if (table->items->len == 0)
    g_strlcpy (table->category, category, sizeof table->category);
  else if (strcmp (table->category, category) != 0)
    {
      g_free (item);
      g_set_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_INVALID_FILE,
                   _("Line %u: tag of category “%s” in a loop of “%s”"), tag->line, category,
                   table->category);
      return FALSE;
    }
  g_ptr_array_add (table->items, item);
  return TRUE;
}

static gboolean
flush_items (Reader  *reader,
             Table   *table,
             GError **error)
{
  gboolean ok = TRUE;

  if (!table->is_loop && table->items->len > 0)
    ok = handle_row (reader, table, TRUE, error);
  table_reset (table, NULL, FALSE, 0);
  return ok;
}

static gboolean
parse (Reader      *reader,
       const char  *data,
       gsize        length,
       GError     **error)
{
  PleatCifTokenizer tokenizer;
  PleatCifToken token;
  Table table = { { 0 }, g_ptr_array_new_with_free_func (g_free),
                  g_array_new (FALSE, FALSE, sizeof (PleatCifToken)), 0, FALSE };
  gboolean seen_data = FALSE;
  gboolean ok = FALSE;
  guint loop_values = 0;
  gboolean loop_header = FALSE;

  pleat_cif_tokenizer_init (&tokenizer, data, length);
  for (;;)
    {
      if (!pleat_cif_tokenizer_next (&tokenizer, &token, error))
        goto out;

      if (!seen_data)
        {
          if (token.type == PLEAT_CIF_TOKEN_DATA)
            {
              seen_data = TRUE;
              continue;
            }
          g_set_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_INVALID_FILE,
                       _("Line %u: not an mmCIF file: expected “data_” first"), token.line);
          goto out;
        }

      if (table.is_loop && token.type == PLEAT_CIF_TOKEN_VALUE)
        {
          if (table.items->len == 0)
            {
              g_set_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_INVALID_FILE,
                           _("Line %u: loop_ without tags"), token.line);
              goto out;
            }
          loop_header = FALSE;
          g_array_append_val (table.values, token);
          if (table.values->len == table.items->len)
            {
              if (!handle_row (reader, &table, loop_values == 0, error))
                goto out;
              loop_values++;
              g_array_set_size (table.values, 0);
            }
          continue;
        }
      if (table.is_loop && token.type == PLEAT_CIF_TOKEN_TAG && loop_header)
        {
          if (!table_add_tag (&table, &token, error))
            goto out;
          continue;
        }
      if (table.is_loop)
        {
          /* The loop ends here: it must hold whole rows and at least a header. */
          if (table.values->len != 0)
            {
              g_set_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_INVALID_FILE,
                           _("Line %u: the loop of “%s” that starts on line %u has %u values "
                             "left over for its %u columns"),
                           token.line, table.category, table.line, table.values->len,
                           table.items->len);
              goto out;
            }
          if (loop_header)
            {
              g_set_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_INVALID_FILE,
                           _("Line %u: loop_ without values"), token.line);
              goto out;
            }
          table_reset (&table, NULL, FALSE, 0);
        }

      switch (token.type)
        {
        case PLEAT_CIF_TOKEN_EOF:
          if (!flush_items (reader, &table, error))
            goto out;
          ok = TRUE;
          goto out;

        case PLEAT_CIF_TOKEN_DATA:
          /* Only the first data block: mmCIF files have one. */
          if (!flush_items (reader, &table, error))
            goto out;
          ok = TRUE;
          goto out;

        case PLEAT_CIF_TOKEN_LOOP:
          if (!flush_items (reader, &table, error))
            goto out;
          table_reset (&table, NULL, TRUE, token.line);
          loop_header = TRUE;
          loop_values = 0;
          break;

        case PLEAT_CIF_TOKEN_TAG:
          {
            PleatCifToken value;
            const char *dot = memchr (token.text, '.', token.length);
            gsize cat_len = dot != NULL ? (gsize) (dot - token.text) : token.length;

            /* A non-loop item: a new category flushes the previous one. */
            if (table.items->len > 0
                && (strlen (table.category) != cat_len - 1
                    || g_ascii_strncasecmp (table.category, token.text + 1, cat_len - 1) != 0))
              {
                if (!flush_items (reader, &table, error))
                  goto out;
              }
            if (table.items->len == 0)
              table_reset (&table, &token, FALSE, token.line);
            if (!table_add_tag (&table, &token, error))
              goto out;
            if (!pleat_cif_tokenizer_next (&tokenizer, &value, error))
              goto out;
            if (value.type != PLEAT_CIF_TOKEN_VALUE)
              {
                g_set_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_INVALID_FILE,
                             _("Line %u: tag “%.*s” has no value"), token.line,
                             (int) MIN (token.length, 80), token.text);
                goto out;
              }
            g_array_append_val (table.values, value);
          }
          break;

        case PLEAT_CIF_TOKEN_VALUE:
          g_set_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_INVALID_FILE,
                       _("Line %u: value “%.*s” without a tag"), token.line,
                       (int) MIN (token.length, 40), token.text);
          goto out;

        case PLEAT_CIF_TOKEN_SAVE:
        case PLEAT_CIF_TOKEN_GLOBAL:
        default:
          /* Save frames belong to dictionaries, not to structure files: skip the keyword. */
          if (!flush_items (reader, &table, error))
            goto out;
          break;
        }
    }

out:
  g_ptr_array_unref (table.items);
  g_array_unref (table.values);
  return ok;
}

GPtrArray *
pleat_mmcif_read (const char    *data,
                  gsize          length,
                  const char    *title,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_autoptr(PleatStructureBuilder) builder = pleat_structure_builder_new (title);
  Reader reader = { 0 };
  GPtrArray *result = NULL;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (memchr (data, '\0', length) != NULL)
    {
      const char *nul = memchr (data, '\0', length);
      guint line = 1;

      for (const char *p = data; p < nul; p++)
        line += *p == '\n';
      g_set_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_INVALID_FILE,
                   _("Line %u: binary data in an mmCIF file"), line);
      return NULL;
    }

  reader.builder = builder;
  reader.cancellable = cancellable;
  reader.metrics = g_ptr_array_new_with_free_func (metric_free);
  reader.local = g_array_new (FALSE, FALSE, sizeof (QaRow));
  reader.pairwise = g_array_new (FALSE, FALSE, sizeof (QaRow));
  reader.global = g_array_new (FALSE, FALSE, sizeof (QaRow));

  if (parse (&reader, data, length, error))
    {
      if (reader.n_rows == 0)
        g_set_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_INVALID_FILE,
                     _("The mmCIF file has no _atom_site rows"));
      else
        {
          finish_qa (&reader);
          result = pleat_structure_builder_finish (builder, error);
        }
    }

  g_ptr_array_unref (reader.metrics);
  g_array_unref (reader.local);
  g_array_unref (reader.pairwise);
  g_array_unref (reader.global);
  return result;
}
