/* pleat-fasta.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One pass over the lines. The reader keeps the record being built and checks each character
 * where it stands, so every error can name its line and column.
 */
#define G_LOG_DOMAIN "pleat-engine"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "pleat-error.h"
#include "pleat-fasta.h"
#include "pleat-residues.h"

/* A record longer than this cannot be folded anywhere and would overflow guint products. */
#define MAX_RECORD_RESIDUES (1u << 30)

typedef enum
{
  MODE_UNDECIDED,
  MODE_FASTA,
  MODE_RAW,
} InputMode;

typedef struct
{
  /* Owned */
  char       *id;
  char       *description;
  GPtrArray  *chains;        /* of char *, finished chains */
  GString    *chain;         /* the chain being read */
  /* The record */
  guint       line;          /* header line, or first sequence line */
  guint       n_residues;
  /* A '*' waiting for the end of its chain */
  gboolean    pending_stop;
  guint       stop_line;
  guint       stop_column;
  /* The last ':' (for an empty last chain) */
  guint       colon_line;
  guint       colon_column;
} RecordBuilder;

typedef struct
{
  const char *default_id;
  InputMode   mode;
  gboolean    in_record;
  gboolean    allow_comments;
  RecordBuilder record;
  /* Skipping the lines of a rejected record, up to the next header. */
  gboolean    skipping;
  /* Owned */
  GHashTable *ids;           /* id -> GUINT_TO_POINTER (header line) */
  GPtrArray  *records;       /* of PleatSequenceRecord */
  /* Borrowed (nullable): where a lenient parse puts the errors of rejected records. */
  GPtrArray  *record_errors; /* of GError */
} Reader;

static gboolean
record_error (GError     **error,
              const char  *id,
              guint        line,
              guint        column,
              const char  *format,
              ...) G_GNUC_PRINTF (5, 6);

static gboolean
record_error (GError     **error,
              const char  *id,
              guint        line,
              guint        column,
              const char  *format,
              ...)
{
  g_autofree char *what = NULL;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);

  if (column > 0)
    g_set_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_INVALID_SEQUENCE,
                 _("Record “%s”, line %u, column %u: %s"), id, line, column, what);
  else
    g_set_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_INVALID_SEQUENCE,
                 _("Record “%s”, line %u: %s"), id, line, what);
  return FALSE;
}

void
pleat_sequence_record_free (PleatSequenceRecord *record)
{
  if (record == NULL)
    return;
  g_free (record->id);
  g_free (record->description);
  g_strfreev (record->chains);
  for (guint i = 0; i < record->n_chains; i++)
    g_free (record->aatype[i]);
  g_free (record->aatype);
  g_free (record);
}

char *
pleat_sequence_record_dup_sequence (const PleatSequenceRecord *record)
{
  g_return_val_if_fail (record != NULL, NULL);
  return g_strjoinv (":", record->chains);
}

static void
builder_clear (RecordBuilder *b)
{
  g_clear_pointer (&b->id, g_free);
  g_clear_pointer (&b->description, g_free);
  g_clear_pointer (&b->chains, g_ptr_array_unref);
  if (b->chain != NULL)
    g_string_free (b->chain, TRUE);
  memset (b, 0, sizeof *b);
}

static void
builder_begin (RecordBuilder *b,
               const char    *id,
               const char    *description,
               guint          line)
{
  builder_clear (b);
  b->id = g_strdup (id);
  b->description = g_strdup (description != NULL ? description : "");
  b->chains = g_ptr_array_new_with_free_func (g_free);
  b->chain = g_string_new (NULL);
  b->line = line;
}

static gboolean
builder_end_chain (RecordBuilder  *b,
                   guint           line,
                   guint           column,
                   GError        **error)
{
  if (b->chain->len == 0)
    return record_error (error, b->id, line, column,
                         _("empty chain: ‘:’ must separate two non-empty chains"));
  g_ptr_array_add (b->chains, g_string_free (g_steal_pointer (&b->chain), FALSE));
  b->chain = g_string_new (NULL);
  b->pending_stop = FALSE;
  return TRUE;
}

static void
describe_byte (const char *line,
               gsize       length,
               gsize       at,
               char       *out,
               gsize       out_size)
{
  guchar c = (guchar) line[at];

  if (c >= 0x20 && c < 0x7f)
    g_snprintf (out, out_size, "‘%c’", c);
  else if (c >= 0x80)
    {
      gunichar u = g_utf8_get_char_validated (line + at, (gssize) (length - at));

      if (u != (gunichar) -1 && u != (gunichar) -2)
        g_snprintf (out, out_size, "U+%04X", u);
      else
        g_snprintf (out, out_size, "byte 0x%02X", c);
    }
  else
    g_snprintf (out, out_size, "control character 0x%02X", c);
}

/* Feeds one sequence line (without its end of line) to the record. */
static gboolean
builder_feed (RecordBuilder  *b,
              const char     *line,
              gsize           length,
              guint           line_no,
              GError        **error)
{
  for (gsize i = 0; i < length; i++)
    {
      char c = line[i];
      guint column = (guint) i + 1;

      if (c == ' ' || c == '\t' || c == '\v' || c == '\f' || c == '\r')
        continue;

      if (g_ascii_isalpha (c))
        {
          if (b->pending_stop)
            return record_error (error, b->id, b->stop_line, b->stop_column,
                                 _("‘*’ (a stop codon) may only end a chain"));
          if (b->n_residues >= MAX_RECORD_RESIDUES)
            return record_error (error, b->id, line_no, column,
                                 _("the record is longer than %u residues"),
                                 MAX_RECORD_RESIDUES);
          g_string_append_c (b->chain, g_ascii_toupper (c));
          b->n_residues++;
        }
      else if (c == ':')
        {
          if (!builder_end_chain (b, line_no, column, error))
            return FALSE;
          b->colon_line = line_no;
          b->colon_column = column;
        }
      else if (c == '*')
        {
          if (b->pending_stop)
            return record_error (error, b->id, line_no, column,
                                 _("‘*’ (a stop codon) may only end a chain"));
          b->pending_stop = TRUE;
          b->stop_line = line_no;
          b->stop_column = column;
        }
      else
        {
          char what[40];

          describe_byte (line, length, i, what, sizeof what);
          if (c == '-' || c == '.')
            return record_error (error, b->id, line_no, column,
                                 _("%s is an alignment gap, not a residue; remove gaps "
                                   "before folding"), what);
          return record_error (error, b->id, line_no, column,
                               _("%s is not an amino-acid letter"), what);
        }
    }
  return TRUE;
}

static PleatSequenceRecord *
builder_finish (RecordBuilder  *b,
                GError        **error)
{
  PleatSequenceRecord *record;

  if (b->chain->len == 0)
    {
      if (b->chains->len == 0)
        {
          record_error (error, b->id, b->line, 0, _("the record has no sequence"));
          return NULL;
        }
      record_error (error, b->id, b->colon_line, b->colon_column,
                    _("empty chain: the record ends with ‘:’"));
      return NULL;
    }
  g_ptr_array_add (b->chains, g_string_free (g_steal_pointer (&b->chain), FALSE));
  g_ptr_array_add (b->chains, NULL);

  record = g_new0 (PleatSequenceRecord, 1);
  record->id = g_steal_pointer (&b->id);
  record->description = g_steal_pointer (&b->description);
  record->n_chains = b->chains->len - 1;
  record->chains = (char **) g_ptr_array_free (g_steal_pointer (&b->chains), FALSE);
  record->aatype = g_new0 (guint8 *, record->n_chains);
  for (guint i = 0; i < record->n_chains; i++)
    {
      gsize n = strlen (record->chains[i]);

      record->aatype[i] = g_new (guint8, n);
      for (gsize j = 0; j < n; j++)
        record->aatype[i][j] = pleat_residue_aatype (record->chains[i][j]);
    }
  record->n_residues = b->n_residues;
  record->line = b->line;
  builder_clear (b);
  return record;
}

static gboolean
reader_finish_record (Reader  *reader,
                      GError **error)
{
  PleatSequenceRecord *record;

  if (!reader->in_record)
    return TRUE;
  reader->in_record = FALSE;
  record = builder_finish (&reader->record, error);
  if (record == NULL)
    return FALSE;
  g_ptr_array_add (reader->records, record);
  return TRUE;
}

/* After a record-level error: a strict parse stops; a lenient one keeps the error, drops the
 * record and skips its lines up to the next header. Errors of the input as a whole (raw
 * sequence lines before a header) always stop. */
static gboolean
reader_reject_record (Reader  *reader,
                      GError  *record_error,
                      GError **error)
{
  if (reader->record_errors == NULL || reader->mode != MODE_FASTA)
    {
      g_propagate_error (error, record_error);
      return FALSE;
    }
  g_ptr_array_add (reader->record_errors, record_error);
  builder_clear (&reader->record);
  reader->in_record = FALSE;
  reader->skipping = TRUE;
  return TRUE;
}

static gboolean
is_blank (char c)
{
  return c == ' ' || c == '\t' || c == '\v' || c == '\f' || c == '\r';
}

static gboolean
reader_header (Reader      *reader,
               const char  *text,
               gsize        length,
               guint        line_no,
               GError     **error)
{
  g_autofree char *id = NULL;
  g_autofree char *description = NULL;
  gsize i = 0, id_end;
  gpointer first_line;

  if (memchr (text, '\0', length) != NULL)
    {
      g_set_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_INVALID_SEQUENCE,
                   _("Line %u: the header contains a NUL byte"), line_no);
      return FALSE;
    }
  while (length > 0 && is_blank (text[length - 1]))
    length--;
  while (i < length && is_blank (text[i]))
    i++;
  id_end = i;
  while (id_end < length && !is_blank (text[id_end]))
    id_end++;
  if (id_end == i)
    {
      g_set_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_INVALID_SEQUENCE,
                   _("Line %u: the header has no id after ‘>’"), line_no);
      return FALSE;
    }
  id = g_utf8_make_valid (text + i, (gssize) (id_end - i));
  i = id_end;
  while (i < length && is_blank (text[i]))
    i++;
  description = g_utf8_make_valid (text + i, (gssize) (length - i));

  if (g_hash_table_lookup_extended (reader->ids, id, NULL, &first_line))
    return record_error (error, id, line_no, 0,
                         _("the id is already used by the record at line %u"),
                         GPOINTER_TO_UINT (first_line));
  g_hash_table_insert (reader->ids, g_strdup (id), GUINT_TO_POINTER (line_no));

  builder_begin (&reader->record, id, description, line_no);
  reader->in_record = TRUE;
  return TRUE;
}

static gboolean
reader_line (Reader      *reader,
             const char  *line,
             gsize        length,
             guint        line_no,
             GError     **error)
{
  gsize first = 0;

  while (first < length && is_blank (line[first]))
    first++;
  if (first == length)
    return TRUE;
  if (reader->allow_comments && line[first] == ';')
    return TRUE;

  if (line[first] == '>' && reader->allow_comments)
    {
      if (reader->mode == MODE_RAW)
        {
          g_set_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_INVALID_SEQUENCE,
                       _("Line %u: sequence lines come before the first ‘>’ header "
                         "(line %u)"), reader->record.line, line_no);
          return FALSE;
        }
      GError *local_error = NULL;

      reader->mode = MODE_FASTA;
      if (!reader_finish_record (reader, &local_error) &&
          !reader_reject_record (reader, local_error, error))
        return FALSE;
      /* A new header ends whatever was skipped. */
      reader->skipping = FALSE;
      local_error = NULL;
      if (!reader_header (reader, line + first + 1, length - first - 1, line_no, &local_error))
        return reader_reject_record (reader, local_error, error);
      return TRUE;
    }

  if (reader->skipping)
    return TRUE;

  if (reader->mode == MODE_UNDECIDED)
    {
      reader->mode = MODE_RAW;
      builder_begin (&reader->record, reader->default_id, "", line_no);
      reader->in_record = TRUE;
    }
  if (!reader->in_record)
    {
      /* Only after a rejected header: its lines belong to no record. */
      return TRUE;
    }
  {
    GError *local_error = NULL;

    if (!builder_feed (&reader->record, line, length, line_no, &local_error))
      return reader_reject_record (reader, local_error, error);
  }
  return TRUE;
}

static gboolean
reader_run (Reader      *reader,
            const char  *data,
            gsize        length,
            GError     **error)
{
  gsize pos = 0;
  guint line_no = 0;

  while (pos < length)
    {
      gsize end = pos;

      while (end < length && data[end] != '\n' && data[end] != '\r')
        end++;
      line_no++;
      if (!reader_line (reader, data + pos, end - pos, line_no, error))
        return FALSE;
      /* LF, CRLF and a lone CR all end a line. */
      if (end < length && data[end] == '\r' && end + 1 < length && data[end + 1] == '\n')
        end++;
      pos = end + 1;
    }
  {
    GError *local_error = NULL;

    if (!reader_finish_record (reader, &local_error))
      return reader_reject_record (reader, local_error, error);
  }
  return TRUE;
}

static void
reader_init (Reader     *reader,
             const char *default_id)
{
  memset (reader, 0, sizeof *reader);
  reader->default_id = default_id != NULL && default_id[0] != '\0' ? default_id : "sequence";
  reader->allow_comments = TRUE;
  reader->ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  reader->records = g_ptr_array_new_with_free_func ((GDestroyNotify) pleat_sequence_record_free);
}

static void
reader_clear (Reader *reader)
{
  builder_clear (&reader->record);
  g_clear_pointer (&reader->ids, g_hash_table_unref);
  g_clear_pointer (&reader->records, g_ptr_array_unref);
}

GPtrArray *
pleat_fasta_parse (const char  *data,
                   gsize        length,
                   const char  *default_id,
                   GError     **error)
{
  Reader reader;
  GPtrArray *records = NULL;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  reader_init (&reader, default_id);
  if (reader_run (&reader, data, length, error))
    {
      if (reader.records->len == 0)
        g_set_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_INVALID_SEQUENCE,
                     _("No sequence found"));
      else
        records = g_steal_pointer (&reader.records);
    }
  reader_clear (&reader);
  return records;
}

GPtrArray *
pleat_fasta_parse_lenient (const char  *data,
                           gsize        length,
                           const char  *default_id,
                           GPtrArray  **record_errors,
                           GError     **error)
{
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  Reader reader;
  GPtrArray *records = NULL;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (record_errors != NULL && *record_errors == NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  reader_init (&reader, default_id);
  reader.record_errors = errors;
  if (reader_run (&reader, data, length, error))
    {
      if (reader.records->len == 0 && errors->len == 0)
        g_set_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_INVALID_SEQUENCE,
                     _("No sequence found"));
      else
        {
          records = g_steal_pointer (&reader.records);
          *record_errors = g_steal_pointer (&errors);
        }
    }
  reader_clear (&reader);
  return records;
}

GPtrArray *
pleat_fasta_parse_file (const char  *path,
                        GError     **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *base = NULL;
  char *dot;
  gsize length;
  GPtrArray *records;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!g_file_get_contents (path, &contents, &length, error))
    return NULL;
  base = g_path_get_basename (path);
  dot = strrchr (base, '.');
  if (dot != NULL && dot != base)
    *dot = '\0';
  records = pleat_fasta_parse (contents, length, base, error);
  if (records == NULL)
    g_prefix_error (error, "%s: ", path);
  return records;
}

PleatSequenceRecord *
pleat_sequence_record_new (const char  *id,
                           const char  *description,
                           const char  *sequence,
                           GError     **error)
{
  Reader reader;
  PleatSequenceRecord *record = NULL;

  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (sequence != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* The same reader, fixed to one raw record in which '>' and ';' are plain bad characters. */
  reader_init (&reader, id);
  reader.allow_comments = FALSE;
  reader.mode = MODE_RAW;
  builder_begin (&reader.record, id, description, 1);
  reader.in_record = TRUE;
  if (reader_run (&reader, sequence, strlen (sequence), error))
    record = g_ptr_array_steal_index (reader.records, 0);
  reader_clear (&reader);
  return record;
}

GHashTable *
pleat_file_stem_set_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

static gboolean
is_stem_char (char c)
{
  return g_ascii_isalnum (c) || c == '_' || c == '-' || c == '.';
}

char *
pleat_sequence_id_to_file_stem (const char *id,
                                GHashTable *taken)
{
  g_autoptr(GString) stem = g_string_new (NULL);
  g_autofree char *folded = NULL;
  char *result;
  gboolean replaced = FALSE;

  g_return_val_if_fail (id != NULL, NULL);

  for (const char *p = id; *p != '\0'; p++)
    {
      if (is_stem_char (*p))
        {
          g_string_append_c (stem, *p);
          replaced = FALSE;
        }
      else if (!replaced)
        {
          g_string_append_c (stem, '_');
          replaced = TRUE;
        }
    }
  /* A leading '.' hides the file, a leading '-' reads as an option to other tools. */
  while (stem->len > 0 && (stem->str[0] == '.' || stem->str[0] == '-'))
    g_string_erase (stem, 0, 1);
  if (stem->len > PLEAT_FILE_STEM_MAX)
    g_string_truncate (stem, PLEAT_FILE_STEM_MAX);
  /* Trailing dots would run into the extension ("name..cif"). */
  while (stem->len > 0 && stem->str[stem->len - 1] == '.')
    g_string_truncate (stem, stem->len - 1);
  if (stem->len == 0)
    g_string_assign (stem, "sequence");

  if (taken == NULL)
    return g_string_free (g_steal_pointer (&stem), FALSE);

  result = g_strdup (stem->str);
  folded = g_ascii_strdown (result, -1);
  for (guint n = 2; g_hash_table_contains (taken, folded); n++)
    {
      char suffix[16];
      gsize keep;

      g_snprintf (suffix, sizeof suffix, "_%u", n);
      keep = MIN (stem->len, PLEAT_FILE_STEM_MAX - strlen (suffix));
      g_free (result);
      result = g_strdup_printf ("%.*s%s", (int) keep, stem->str, suffix);
      g_free (folded);
      folded = g_ascii_strdown (result, -1);
    }
  g_hash_table_add (taken, g_steal_pointer (&folded));
  return result;
}
