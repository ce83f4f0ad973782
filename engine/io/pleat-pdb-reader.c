/* pleat-pdb-reader.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pleat-engine"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "pleat-error.h"
#include "pleat-pdb-reader.h"
#include "pleat-structure-builder-private.h"

/* Check for cancellation every this many lines: often enough for a responsive Cancel button,
 * rarely enough to cost nothing. */
#define CANCEL_CHECK_LINES 8192

typedef struct
{
  const char *text;     /* the line, without its terminator */
  gsize       length;
  guint       number;   /* 1-based */
} Line;

/* Copies columns [begin, end) (0-based) of a line, trimmed, into buffer. */
static const char *
field (const Line *line,
       gsize       begin,
       gsize       end,
       char       *buffer,
       gsize       size)
{
  gsize n = 0;

  if (begin < line->length)
    {
      const char *p = line->text + begin;
      gsize len = MIN (end, line->length) - begin;

      while (len > 0 && *p == ' ')
        p++, len--;
      while (len > 0 && p[len - 1] == ' ')
        len--;
      n = MIN (len, size - 1);
      memcpy (buffer, p, n);
    }
  buffer[n] = '\0';
  return buffer;
}

static gboolean
parse_float (const Line  *line,
             gsize        begin,
             gsize        end,
             const char  *what,
             gboolean     required,
             float       *value,
             GError     **error)
{
  char buffer[32];
  char *tail = NULL;
  double v;

  field (line, begin, end, buffer, sizeof buffer);
  if (buffer[0] == '\0' && !required)
    return TRUE;
  v = g_ascii_strtod (buffer, &tail);
  /* Finite also in single precision: "1e46" is a double but an infinite float. */
  if (buffer[0] == '\0' || tail == NULL || *tail != '\0' || !isfinite ((float) v))
    {
      g_set_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_INVALID_FILE,
                   _("Line %u: invalid %s “%s”"), line->number, what, buffer);
      return FALSE;
    }
  *value = (float) v;
  return TRUE;
}

/* Residue numbers above 9999 are written in hybrid-36 ("A000" = 10000) by most writers. */
static gboolean
parse_seq_id (const Line  *line,
              gint        *value,
              GError     **error)
{
  char buffer[8];
  char *tail = NULL;
  gint64 v;

  field (line, 22, 26, buffer, sizeof buffer);
  v = g_ascii_strtoll (buffer, &tail, 10);
  if (buffer[0] != '\0' && tail != NULL && *tail == '\0')
    {
      *value = (gint) v;
      return TRUE;
    }
  if (strlen (buffer) == 4 && g_ascii_isupper (buffer[0]))
    {
      gint64 n = 0;
      gboolean ok = TRUE;

      for (guint i = 0; i < 4 && ok; i++)
        {
          char c = buffer[i];

          if (g_ascii_isdigit (c))
            n = n * 36 + (c - '0');
          else if (g_ascii_isupper (c))
            n = n * 36 + (c - 'A' + 10);
          else
            ok = FALSE;
        }
      if (ok)
        {
          *value = (gint) (n - 10 * 36 * 36 * 36 + 10000);
          return TRUE;
        }
    }
  g_set_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_INVALID_FILE,
               _("Line %u: invalid residue number “%s”"), line->number, buffer);
  return FALSE;
}

static gboolean
parse_atom (const Line       *line,
            gint              model,
            PleatAtomRecord  *r,
            GError          **error)
{
  char padded[8];
  char buffer[8];

  memset (r, 0, sizeof *r);
  if (line->length < 54)
    {
      g_set_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_INVALID_FILE,
                   _("Line %u: atom record too short for coordinates"), line->number);
      return FALSE;
    }
  r->hetatm = line->text[0] == 'H';
  r->model = model;
  r->line = line->number;
  r->occupancy = 1.0f;
  r->b_factor = NAN;

  memcpy (padded, line->text + 12, 4);
  padded[4] = '\0';
  field (line, 12, 16, r->atom_name, sizeof r->atom_name);
  r->alt_loc = line->text[16] == ' ' ? '\0' : line->text[16];
  field (line, 17, 21, r->res_name, sizeof r->res_name);
  r->auth_asym_id[0] = line->text[21] == ' ' ? '\0' : line->text[21];
  g_strlcpy (r->label_asym_id, r->auth_asym_id, sizeof r->label_asym_id);
  r->ins_code = line->text[26] == ' ' ? '\0' : line->text[26];
  if (r->atom_name[0] == '\0' || r->res_name[0] == '\0')
    {
      g_set_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_INVALID_FILE,
                   _("Line %u: atom record without an atom or residue name"), line->number);
      return FALSE;
    }
  if (!parse_seq_id (line, &r->auth_seq_id, error)
      || !parse_float (line, 30, 38, _("x coordinate"), TRUE, &r->x, error)
      || !parse_float (line, 38, 46, _("y coordinate"), TRUE, &r->y, error)
      || !parse_float (line, 46, 54, _("z coordinate"), TRUE, &r->z, error)
      || !parse_float (line, 54, 60, _("occupancy"), FALSE, &r->occupancy, error)
      || !parse_float (line, 60, 66, _("B-factor"), FALSE, &r->b_factor, error))
    return FALSE;

  field (line, 76, 78, buffer, sizeof buffer);
  if (g_ascii_isalpha (buffer[0]) && (buffer[1] == '\0' || g_ascii_isalpha (buffer[1])))
    {
      r->element[0] = g_ascii_toupper (buffer[0]);
      r->element[1] = g_ascii_toupper (buffer[1]);
    }
  else
    pleat_guess_element (padded, r->hetatm, r->element);
  return TRUE;
}

static gboolean
has_prefix (const Line *line,
            const char *record)
{
  gsize n = strlen (record);

  return line->length >= n && memcmp (line->text, record, n) == 0;
}

static gboolean
mentions_predictor (const Line *line)
{
  static const char * const words[] = {
    "ALPHAFOLD", "COLABFOLD", "ESMFOLD", "OPENFOLD", "BOLTZ", "CHAI", "PLEAT", "PLDDT",
    "PREDICTED", "PREDICTION",
  };
  g_autofree char *upper = g_ascii_strup (line->text, (gssize) line->length);

  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    if (strstr (upper, words[i]) != NULL)
      return TRUE;
  return FALSE;
}

static void
classify_header (PleatStructureBuilder *builder,
                 const Line            *line)
{
  if (has_prefix (line, "EXPDTA"))
    {
      g_autofree char *upper = g_ascii_strup (line->text, (gssize) line->length);

      if (strstr (upper, "THEORETICAL") != NULL || strstr (upper, "PREDICT") != NULL)
        pleat_structure_builder_set_kind (builder, PLEAT_MODEL_KIND_PREDICTED);
      else
        pleat_structure_builder_set_kind (builder, PLEAT_MODEL_KIND_EXPERIMENTAL);
    }
  else if (has_prefix (line, "REMARK   2 RESOLUTION.")
           && g_strstr_len (line->text, (gssize) line->length, "ANGSTROM") != NULL)
    pleat_structure_builder_set_kind (builder, PLEAT_MODEL_KIND_EXPERIMENTAL);
  else if (has_prefix (line, "PARENT"))
    /* Written by the OpenFold/AlphaFold PDB writer that ESMFold and OpenFold use. */
    pleat_structure_builder_set_kind (builder, PLEAT_MODEL_KIND_PREDICTED);
  else if ((has_prefix (line, "TITLE") || has_prefix (line, "HEADER")
            || has_prefix (line, "REMARK") || has_prefix (line, "COMPND"))
           && mentions_predictor (line))
    pleat_structure_builder_set_kind (builder, PLEAT_MODEL_KIND_PREDICTED);
}

GPtrArray *
pleat_pdb_read (const char    *data,
                gsize          length,
                const char    *title,
                GCancellable  *cancellable,
                GError       **error)
{
  g_autoptr(PleatStructureBuilder) builder = pleat_structure_builder_new (title);
  const char *p = data;
  const char *end = data + length;
  gint model = 1;
  gboolean in_model = FALSE;
  gboolean atoms_since_ter = FALSE;
  Line line = { NULL, 0, 0 };

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  while (p < end)
    {
      const char *eol = p;
      PleatAtomRecord record;

      while (eol < end && *eol != '\n' && *eol != '\r')
        eol++;
      line.text = p;
      line.length = (gsize) (eol - p);
      line.number++;
      p = eol;
      if (p < end && *p == '\r')
        p++;
      if (p < end && *p == '\n')
        p++;

      if (memchr (line.text, '\0', line.length) != NULL)
        {
          g_set_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_INVALID_FILE,
                       _("Line %u: binary data in a PDB file"), line.number);
          return NULL;
        }
      if (line.number % CANCEL_CHECK_LINES == 0
          && g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;

      if (has_prefix (&line, "ATOM  ") || has_prefix (&line, "HETATM"))
        {
          if (!parse_atom (&line, model, &record, error))
            return NULL;
          pleat_structure_builder_add_atom (builder, &record);
          atoms_since_ter = TRUE;
        }
      else if (has_prefix (&line, "MODEL"))
        {
          char buffer[16];
          char *tail = NULL;
          gint64 n;

          if (in_model)
            {
              g_set_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_INVALID_FILE,
                           _("Line %u: MODEL inside another model (ENDMDL missing)"),
                           line.number);
              return NULL;
            }
          field (&line, 6, 20, buffer, sizeof buffer);
          n = g_ascii_strtoll (buffer, &tail, 10);
          if (buffer[0] != '\0' && (tail == NULL || *tail != '\0'))
            {
              g_set_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_INVALID_FILE,
                           _("Line %u: invalid model number “%s”"), line.number, buffer);
              return NULL;
            }
          model = buffer[0] != '\0' ? (gint) n : model + 1;
          in_model = TRUE;
          pleat_structure_builder_end_chain (builder);
        }
      else if (has_prefix (&line, "ENDMDL"))
        {
          in_model = FALSE;
          atoms_since_ter = FALSE;
          pleat_structure_builder_end_chain (builder);
        }
      else if (has_prefix (&line, "TER"))
        {
          if (atoms_since_ter)
            pleat_structure_builder_end_chain (builder);
          atoms_since_ter = FALSE;
        }
      else if (has_prefix (&line, "END") && !has_prefix (&line, "ENDMDL"))
        break;
      else
        classify_header (builder, &line);
    }

  if (pleat_structure_builder_get_n_atoms (builder) == 0)
    {
      g_set_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_INVALID_FILE,
                   _("Line %u: no ATOM or HETATM records in the file"), line.number);
      return NULL;
    }
  return pleat_structure_builder_finish (builder, error);
}
