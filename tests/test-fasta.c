/* test-fasta.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One test per rule of engine/io/pleat-fasta.h.
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "pleat-error.h"
#include "pleat-fasta.h"
#include "pleat-residues.h"

static GPtrArray *
parse_ok (const char *text)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *records = pleat_fasta_parse (text, strlen (text), NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (records);
  return records;
}

static const PleatSequenceRecord *
record_at (GPtrArray *records,
           guint      i)
{
  g_assert_cmpuint (i, <, records->len);
  return g_ptr_array_index (records, i);
}

/* Asserts that @text is rejected with a message that contains every one of @needles. */
static void
assert_rejected (const char *text,
                 gsize       length,
                 ...)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = pleat_fasta_parse (text, length, NULL, &error);
  va_list args;
  const char *needle;

  g_assert_null (records);
  g_assert_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_INVALID_SEQUENCE);
  va_start (args, length);
  while ((needle = va_arg (args, const char *)) != NULL)
    if (strstr (error->message, needle) == NULL)
      g_error ("“%s” does not mention “%s”", error->message, needle);
  va_end (args);
}

#define REJECT(text, ...) assert_rejected (text, strlen (text), __VA_ARGS__, NULL)

static void
test_fasta_many_records_wrapped (void)
{
  g_autoptr(GPtrArray) records = parse_ok (">sp|P69905|HBA_HUMAN Hemoglobin subunit alpha OS=Homo sapiens\n"
                                           "MVLSPADKTNVKAAWGKVGAHAGEYGAEALERMFLSFPTTKTYFPHF\n"
                                           "DLSHGSAQVKGHGKK\n"
                                           ">second\n"
                                           "ACDE\n"
                                           "FGH\n"
                                           "\n"
                                           ">third\tdescription with\ttabs  \n"
                                           "W\n");
  const PleatSequenceRecord *r;

  g_assert_cmpuint (records->len, ==, 3);
  r = record_at (records, 0);
  g_assert_cmpstr (r->id, ==, "sp|P69905|HBA_HUMAN");
  g_assert_cmpstr (r->description, ==, "Hemoglobin subunit alpha OS=Homo sapiens");
  g_assert_cmpuint (r->n_chains, ==, 1);
  g_assert_cmpstr (r->chains[0], ==, "MVLSPADKTNVKAAWGKVGAHAGEYGAEALERMFLSFPTTKTYFPHFDLSHGSAQVKGHGKK");
  g_assert_null (r->chains[1]);
  g_assert_cmpuint (r->n_residues, ==, 62);
  g_assert_cmpuint (r->line, ==, 1);

  r = record_at (records, 1);
  g_assert_cmpstr (r->id, ==, "second");
  g_assert_cmpstr (r->description, ==, "");
  g_assert_cmpstr (r->chains[0], ==, "ACDEFGH");
  g_assert_cmpuint (r->line, ==, 4);

  r = record_at (records, 2);
  g_assert_cmpstr (r->id, ==, "third");
  g_assert_cmpstr (r->description, ==, "description with\ttabs");
  g_assert_cmpstr (r->chains[0], ==, "W");
  g_assert_cmpuint (r->line, ==, 8);
}

static void
test_fasta_comments_blank_lines_crlf (void)
{
  g_autoptr(GPtrArray) crlf = parse_ok ("; a comment before anything\r\n"
                                        "\r\n"
                                        ">a  first\r\n"
                                        "MKT\r\n"
                                        "  ; an indented comment inside a record\r\n"
                                        "AYI AKQ\r\n"
                                        "\r\n"
                                        ">b\r\n"
                                        "GG\r\n");
  g_autoptr(GPtrArray) cr = parse_ok (">a\rMK\rTA\r>b\rGG");
  g_autoptr(GPtrArray) no_final_newline = parse_ok (">a\nMKT");

  g_assert_cmpuint (crlf->len, ==, 2);
  g_assert_cmpstr (record_at (crlf, 0)->id, ==, "a");
  g_assert_cmpstr (record_at (crlf, 0)->description, ==, "first");
  g_assert_cmpstr (record_at (crlf, 0)->chains[0], ==, "MKTAYIAKQ");
  g_assert_cmpstr (record_at (crlf, 1)->chains[0], ==, "GG");
  g_assert_cmpuint (record_at (crlf, 1)->line, ==, 8);

  g_assert_cmpuint (cr->len, ==, 2);
  g_assert_cmpstr (record_at (cr, 0)->chains[0], ==, "MKTA");
  g_assert_cmpuint (record_at (cr, 1)->line, ==, 4);

  g_assert_cmpstr (record_at (no_final_newline, 0)->chains[0], ==, "MKT");
}

static void
test_fasta_raw_sequence (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = parse_ok ("\n  mktayiakqr\nQISFVK\n");
  g_autoptr(GPtrArray) named = pleat_fasta_parse ("MK:GS", 5, "query", &error);

  g_assert_cmpuint (records->len, ==, 1);
  g_assert_cmpstr (record_at (records, 0)->id, ==, "sequence");
  g_assert_cmpstr (record_at (records, 0)->chains[0], ==, "MKTAYIAKQRQISFVK");
  g_assert_cmpuint (record_at (records, 0)->line, ==, 2);

  g_assert_no_error (error);
  g_assert_cmpstr (record_at (named, 0)->id, ==, "query");
  g_assert_cmpuint (record_at (named, 0)->n_chains, ==, 2);

  /* Sequence lines before the first header are not a raw sequence but a broken file. */
  REJECT ("MKT\n>a\nGG\n", "Line 1", "line 2", "header");
}

static void
test_fasta_chains (void)
{
  g_autoptr(GPtrArray) records = parse_ok (">dimer\nMKTAYIAKQRQ:GSHML\nEDPVAG\n>trimer\nAA:\nCC:DD\n");
  const PleatSequenceRecord *r = record_at (records, 0);
  g_autofree char *joined = pleat_sequence_record_dup_sequence (r);

  g_assert_cmpuint (r->n_chains, ==, 2);
  g_assert_cmpstr (r->chains[0], ==, "MKTAYIAKQRQ");
  g_assert_cmpstr (r->chains[1], ==, "GSHMLEDPVAG");
  g_assert_null (r->chains[2]);
  g_assert_cmpuint (r->n_residues, ==, 22);
  g_assert_cmpstr (joined, ==, "MKTAYIAKQRQ:GSHMLEDPVAG");

  r = record_at (records, 1);
  g_assert_cmpuint (r->n_chains, ==, 3);
  g_assert_cmpstr (r->chains[2], ==, "DD");

  REJECT (">x\nAAA::BBB\n", "“x”", "line 2, column 5", "empty chain");
  REJECT (">x\n:AAA\n", "“x”", "line 2, column 1", "empty chain");
  REJECT (">x\nAAA:\n\n>y\nGG\n", "“x”", "line 2, column 4", "ends with");
  REJECT (">x\nAAA:\n  :BBB\n", "“x”", "line 3, column 3", "empty chain");
}

static void
test_fasta_lowercase_and_aatype (void)
{
  /* Every letter of the alphabet, in lower case, and the AlphaFold order. */
  g_autoptr(GPtrArray) records = parse_ok (">all\nabcdefghijklmnopqrstuvwxyz\n>order\nARNDCQEGHILKMFPSTWYV\n");
  const PleatSequenceRecord *all = record_at (records, 0);
  const PleatSequenceRecord *order = record_at (records, 1);
  const char *alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  const char *af2 = "ARNDCQEGHILKMFPSTWYV";

  g_assert_cmpstr (all->chains[0], ==, alphabet);
  for (guint i = 0; i < 26; i++)
    {
      const char *in_af2 = strchr (af2, alphabet[i]);
      guint expected = in_af2 != NULL ? (guint) (in_af2 - af2) : 20;

      g_assert_cmpuint (all->aatype[0][i], ==, expected);
    }
  /* The non-standard letters are all X for the model but stay visible to the user. */
  for (const char *p = "BJOUXZ"; *p != '\0'; p++)
    {
      g_assert_cmpuint (pleat_residue_aatype (*p), ==, PLEAT_RESIDUE_AATYPE_X);
      g_assert_nonnull (strchr (all->chains[0], *p));
    }
  for (guint i = 0; i < 20; i++)
    g_assert_cmpuint (order->aatype[0][i], ==, i);
  g_assert_cmpuint (pleat_residue_aatype ('w'), ==, 17);
  g_assert_cmpuint (pleat_residue_aatype ('1'), ==, 20);
}

static void
test_fasta_stop_codon (void)
{
  g_autoptr(GPtrArray) records = parse_ok (">a\nMKT*\n>b\nMK*:GS*\n>c\nMKT\n*\n");

  g_assert_cmpstr (record_at (records, 0)->chains[0], ==, "MKT");
  g_assert_cmpuint (record_at (records, 0)->n_residues, ==, 3);
  g_assert_cmpstr (record_at (records, 1)->chains[0], ==, "MK");
  g_assert_cmpstr (record_at (records, 1)->chains[1], ==, "GS");
  g_assert_cmpstr (record_at (records, 2)->chains[0], ==, "MKT");

  REJECT (">a\nMK*T\n", "“a”", "line 2, column 3", "stop");
  REJECT (">a\nMKT**\n", "“a”", "line 2, column 5", "stop");
  REJECT (">a\nMKT*\nAA\n", "“a”", "line 2, column 4", "stop");
  REJECT (">a\n*\n", "“a”", "line 1", "no sequence");
  REJECT (">a\nAA:*\n", "“a”", "empty chain");
}

static void
test_fasta_bad_characters (void)
{
  REJECT (">seq1 desc\nMKTAYIAKQR\nQIS1FVK\n", "“seq1”", "line 3, column 4", "‘1’",
          "not an amino-acid letter");
  REJECT (">g\nMKT-AYI\n", "“g”", "line 2, column 4", "gap");
  REJECT (">g\nMKT.AYI\n", "“g”", "line 2, column 4", "gap");
  REJECT (">p\nMK#T\n", "“p”", "column 3", "‘#’");
  REJECT (">u\nMKÅT\n", "“u”", "column 3", "U+00C5");
  REJECT (">b\nMK\xff\n", "“b”", "column 3", "byte 0xFF");
  REJECT (">c\nMK\x01T\n", "“c”", "column 3", "control character 0x01");
  REJECT ("MKT1\n", "“sequence”", "line 1, column 4");
  {
    static const char nul_in_sequence[] = ">n\nMK\0T\n";
    static const char nul_in_header[] = ">n\0x\nMKT\n";

    assert_rejected (nul_in_sequence, sizeof nul_in_sequence - 1, "“n”", "column 3", NULL);
    assert_rejected (nul_in_header, sizeof nul_in_header - 1, "Line 1", "NUL", NULL);
  }
}

static void
test_fasta_empty_and_duplicates (void)
{
  REJECT ("", "No sequence");
  REJECT ("\n\n; only a comment\n", "No sequence");
  REJECT (">empty\n>full\nMKT\n", "“empty”", "line 1", "no sequence");
  REJECT (">full\nMKT\n>empty\n", "“empty”", "line 3", "no sequence");
  REJECT (">\nMKT\n", "Line 1", "no id");
  REJECT (">   \nMKT\n", "Line 1", "no id");
  REJECT (">a x\nMK\n>b\nGG\n>a y\nTT\n", "“a”", "line 5", "line 1");
}

static void
test_fasta_record_new (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PleatSequenceRecord) record = pleat_sequence_record_new ("typed", "from the editor",
                                                                     "mktayiak:xbzuoj*", &error);

  g_assert_no_error (error);
  g_assert_cmpstr (record->id, ==, "typed");
  g_assert_cmpstr (record->description, ==, "from the editor");
  g_assert_cmpuint (record->n_chains, ==, 2);
  g_assert_cmpstr (record->chains[1], ==, "XBZUOJ");
  for (guint i = 0; i < 6; i++)
    g_assert_cmpuint (record->aatype[1][i], ==, 20);
  g_clear_pointer (&record, pleat_sequence_record_free);

  /* In a typed sequence, '>' and ';' are characters like any other. */
  record = pleat_sequence_record_new ("typed", NULL, "MKT>AA", &error);
  g_assert_null (record);
  g_assert_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_INVALID_SEQUENCE);
  g_assert_nonnull (strstr (error->message, "column 4"));
  g_clear_error (&error);

  record = pleat_sequence_record_new ("typed", NULL, "  ", &error);
  g_assert_null (record);
  g_assert_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_INVALID_SEQUENCE);
}

static void
test_fasta_parse_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("pleat-fasta-XXXXXX", &error);
  g_autofree char *raw = g_build_filename (dir, "my_protein.fasta", NULL);
  g_autofree char *bad = g_build_filename (dir, "bad.fa", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing.fa", NULL);
  g_autoptr(GPtrArray) records = NULL;

  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (raw, "MKTAYIAKQR\n", -1, NULL));
  g_assert_true (g_file_set_contents (bad, ">x\nMK9\n", -1, NULL));

  records = pleat_fasta_parse_file (raw, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (record_at (records, 0)->id, ==, "my_protein");

  g_assert_null (pleat_fasta_parse_file (bad, &error));
  g_assert_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_INVALID_SEQUENCE);
  g_assert_true (g_str_has_prefix (error->message, bad));
  g_assert_nonnull (strstr (error->message, "column 3"));
  g_clear_error (&error);

  g_assert_null (pleat_fasta_parse_file (missing, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);

  g_unlink (raw);
  g_unlink (bad);
  g_rmdir (dir);
}

static void
test_fasta_file_stem (void)
{
  g_autoptr(GHashTable) taken = pleat_file_stem_set_new ();
  g_autofree char *long_id = g_strnfill (300, 'a');
  struct { const char *id; const char *stem; } cases[] = {
    { "sp|P69905|HBA_HUMAN", "sp_P69905_HBA_HUMAN" },
    { "../../etc/passwd", "_.._etc_passwd" },
    { ".hidden", "hidden" },
    { "-rf", "rf" },
    { "a b\tc", "a_b_c" },
    { "Ünïcode name", "_n_code_name" },
    { "...", "sequence" },
    { "", "sequence" },
    { "name.", "name" },
    { "7XYZ_1 chain", "7XYZ_1_chain" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *stem = pleat_sequence_id_to_file_stem (cases[i].id, NULL);

      g_assert_cmpstr (stem, ==, cases[i].stem);
    }

  {
    g_autofree char *stem = pleat_sequence_id_to_file_stem (long_id, NULL);

    g_assert_cmpuint (strlen (stem), ==, PLEAT_FILE_STEM_MAX);
  }

  /* Unique, without case, and stable in input order. */
  {
    g_autofree char *a = pleat_sequence_id_to_file_stem ("query/1", taken);
    g_autofree char *b = pleat_sequence_id_to_file_stem ("query|1", taken);
    g_autofree char *c = pleat_sequence_id_to_file_stem ("QUERY_1", taken);
    g_autofree char *d = pleat_sequence_id_to_file_stem ("query_1_2", taken);
    g_autofree char *e = pleat_sequence_id_to_file_stem (long_id, taken);
    g_autofree char *f = pleat_sequence_id_to_file_stem (long_id, taken);

    g_assert_cmpstr (a, ==, "query_1");
    g_assert_cmpstr (b, ==, "query_1_2");
    g_assert_cmpstr (c, ==, "QUERY_1_3");
    g_assert_cmpstr (d, ==, "query_1_2_2");
    g_assert_cmpuint (strlen (e), ==, PLEAT_FILE_STEM_MAX);
    g_assert_cmpuint (strlen (f), ==, PLEAT_FILE_STEM_MAX);
    g_assert_true (g_str_has_suffix (f, "_2"));
    g_assert_cmpuint (g_hash_table_size (taken), ==, 6);
  }
}

static void
test_fasta_lenient (void)
{
  const char *input =
    ">good1\nMKTAY\n"
    ">bad1 digit\nMK3AY\nMKTAY\n"
    ">\nMKT\n"
    ">good2\nAC:DE\n"
    ">good1\nMMM\n"
    ">empty\n"
    ">good3\nWWW*\n";
  g_autoptr(GPtrArray) errors = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;
  const PleatSequenceRecord *r;
  const GError *e;

  records = pleat_fasta_parse_lenient (input, strlen (input), NULL, &errors, &error);
  g_assert_no_error (error);
  g_assert_nonnull (records);
  /* The good records, in order, and every bad one named. */
  g_assert_cmpuint (records->len, ==, 3);
  r = g_ptr_array_index (records, 0);
  g_assert_cmpstr (r->id, ==, "good1");
  r = g_ptr_array_index (records, 1);
  g_assert_cmpstr (r->id, ==, "good2");
  g_assert_cmpuint (r->n_chains, ==, 2);
  r = g_ptr_array_index (records, 2);
  g_assert_cmpstr (r->id, ==, "good3");
  g_assert_cmpstr (r->chains[0], ==, "WWW");

  g_assert_cmpuint (errors->len, ==, 4);
  e = g_ptr_array_index (errors, 0);
  g_assert_error (e, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_INVALID_SEQUENCE);
  g_assert_nonnull (strstr (e->message, "bad1"));
  g_assert_nonnull (strstr (e->message, "line 4, column 3"));
  e = g_ptr_array_index (errors, 1);
  g_assert_nonnull (strstr (e->message, "Line 6"));
  e = g_ptr_array_index (errors, 2);
  g_assert_nonnull (strstr (e->message, "already used"));
  e = g_ptr_array_index (errors, 3);
  g_assert_nonnull (strstr (e->message, "empty"));

  /* The strict parse stops at the first bad record. */
  g_assert_null (pleat_fasta_parse (input, strlen (input), NULL, &error));
  g_assert_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_INVALID_SEQUENCE);
  g_assert_nonnull (strstr (error->message, "bad1"));
}

static void
test_fasta_lenient_all_bad (void)
{
  g_autoptr(GPtrArray) errors = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;

  records = pleat_fasta_parse_lenient (">a\n12\n", 7, NULL, &errors, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, 0);
  g_assert_cmpuint (errors->len, ==, 1);
  g_clear_pointer (&records, g_ptr_array_unref);
  g_clear_pointer (&errors, g_ptr_array_unref);

  /* Faults of the whole input stay errors of the input. */
  records = pleat_fasta_parse_lenient ("", 0, NULL, &errors, &error);
  g_assert_null (records);
  g_assert_null (errors);
  g_assert_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_INVALID_SEQUENCE);
  g_clear_error (&error);
  records = pleat_fasta_parse_lenient ("MKT\n>a\nMK\n", 11, NULL, &errors, &error);
  g_assert_null (records);
  g_assert_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_INVALID_SEQUENCE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/pleat/io/Fasta/many-records-wrapped", test_fasta_many_records_wrapped);
  g_test_add_func ("/pleat/io/Fasta/comments-blank-lines-crlf", test_fasta_comments_blank_lines_crlf);
  g_test_add_func ("/pleat/io/Fasta/raw-sequence", test_fasta_raw_sequence);
  g_test_add_func ("/pleat/io/Fasta/chains", test_fasta_chains);
  g_test_add_func ("/pleat/io/Fasta/lowercase-and-aatype", test_fasta_lowercase_and_aatype);
  g_test_add_func ("/pleat/io/Fasta/stop-codon", test_fasta_stop_codon);
  g_test_add_func ("/pleat/io/Fasta/bad-characters", test_fasta_bad_characters);
  g_test_add_func ("/pleat/io/Fasta/empty-and-duplicates", test_fasta_empty_and_duplicates);
  g_test_add_func ("/pleat/io/Fasta/record-new", test_fasta_record_new);
  g_test_add_func ("/pleat/io/Fasta/parse-file", test_fasta_parse_file);
  g_test_add_func ("/pleat/io/Fasta/file-stem", test_fasta_file_stem);
  g_test_add_func ("/pleat/io/Fasta/lenient", test_fasta_lenient);
  g_test_add_func ("/pleat/io/Fasta/lenient-all-bad", test_fasta_lenient_all_bad);

  return g_test_run ();
}
