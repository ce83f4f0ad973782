/* pleat-fasta.h
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Sequence input: FASTA files and raw sequences, turned into records the engine folds.
 *
 * Rules (each is tested in tests/test-fasta.c):
 * - Records start at a '>' header. The id is the header's first word (leading blanks are
 *   skipped, as Biopython does), the description the rest of the line. An empty id, an empty
 *   record and a repeated id are errors.
 * - Lines may end in LF, CRLF or a lone CR. Blank lines are skipped, and so are comment lines
 *   whose first non-blank character is ';'. Blanks (space, tab) inside sequence lines are
 *   ignored, so wrapped and spaced sequences read as one.
 * - Input with no header at all is one raw sequence, wrapped over any number of lines, with
 *   the caller's default id. Sequence lines before the first header of a FASTA file are an
 *   error.
 * - ':' separates the chains of a complex inside one record; an empty chain ("AAA::BBB", a
 *   leading or trailing ':') is an error.
 * - Letters are accepted in either case and stored upper case. The 20 standard amino acids
 *   map to their AlphaFold residue type; every other letter (X and the ambiguous or rare codes
 *   B, Z, J, U, O) maps to X (20), exactly as ESMFold's tokenisers do (openfold
 *   residue_constants.sequence_to_onehot with restype_order_with_x and map_unknown_to_x in
 *   transformers; restype_order_with_x.get(aa, X) in fair-esm). The record keeps the letter
 *   the user typed, for display.
 * - A '*' is accepted only as the last character of a chain (a translated stop codon) and
 *   is dropped. Anywhere else it is an error, as are digits, gaps ('-', '.'), other
 *   punctuation, control characters and non-ASCII text in a sequence line.
 * Every error is PLEAT_ENGINE_ERROR_INVALID_SEQUENCE and names the record id, the line and,
 * for a bad character, the column (1-based, in bytes).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  char    *id;           /* the header's first word, or the default id of a raw sequence */
  char    *description;  /* the rest of the header, "" when none */
  guint    n_chains;
  char   **chains;       /* (n_chains) NULL-terminated upper-case one-letter strings, as typed */
  guint8 **aatype;       /* (n_chains) per chain, strlen (chains[i]) AlphaFold residue types:
                          * ARNDCQEGHILKMFPSTWYV = 0-19, X = 20 */
  guint    n_residues;   /* over all chains */
  guint    line;         /* 1-based line of the header (of the first residue for raw input) */
} PleatSequenceRecord;

/* One sequence (chains separated by ':') under the same rules, for a sequence typed in the
 * app. Errors name @id and the column within @sequence (line 1 unless it spans lines). */
PleatSequenceRecord *pleat_sequence_record_new          (const char                 *id,
                                                         const char                 *description,
                                                         const char                 *sequence,
                                                         GError                    **error);
void                 pleat_sequence_record_free         (PleatSequenceRecord        *record);
/* The chains joined by ':', the form the reference's infer() takes. */
char                *pleat_sequence_record_dup_sequence (const PleatSequenceRecord  *record);

/* Parses FASTA or a raw sequence. @default_id names a raw sequence ("sequence" when NULL).
 * Returns (transfer full) (element-type PleatSequenceRecord): at least one record. */
GPtrArray           *pleat_fasta_parse                  (const char                 *data,
                                                         gsize                       length,
                                                         const char                 *default_id,
                                                         GError                    **error);
/* The same, but a bad record does not spoil the others (a batch keeps its valid records):
 * each rejected record's error goes to @record_errors (transfer full, element-type GError,
 * in input order) and parsing goes on at the next header. @error is set only for faults of the
 * input as a whole (nothing in it; raw sequence lines before a header). Returns (transfer full)
 * the valid records, possibly none when every record was rejected. */
GPtrArray           *pleat_fasta_parse_lenient          (const char                 *data,
                                                         gsize                       length,
                                                         const char                 *default_id,
                                                         GPtrArray                 **record_errors,
                                                         GError                    **error);
/* Reads @path; a raw sequence is named after the file (its base name without extension).
 * Errors are prefixed with @path. */
GPtrArray           *pleat_fasta_parse_file             (const char                 *path,
                                                         GError                    **error);

/* A file name stem for outputs named after @id: only ASCII letters, digits, '_', '-' and '.';
 * any run of other bytes (including '/', '|', blanks, control and non-ASCII bytes) becomes
 * one '_'; no leading '.' or '-'; at most PLEAT_FILE_STEM_MAX bytes; "sequence" when nothing
 * is left. With @taken (a set of stems already handed out, compared without case so that
 * case-insensitive file systems cannot merge two outputs), a clash gets "_2", "_3", ... and
 * the result is added to @taken. The same ids in the same order always give the same
 * stems, so a re-run finds the outputs of the first. Returns (transfer full). */
#define PLEAT_FILE_STEM_MAX 100
char                *pleat_sequence_id_to_file_stem     (const char                 *id,
                                                         GHashTable                 *taken);
/* A set for @taken: g_str_hash/g_str_equal keys, owned. */
GHashTable          *pleat_file_stem_set_new            (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PleatSequenceRecord, pleat_sequence_record_free)

G_END_DECLS
