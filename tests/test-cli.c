/* test-cli.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * pleat-cli's option parsing and progress output, without a model.
 */
#include "config.h"

#include <stdio.h>

#include "pleat-cli-options.h"
#include "pleat-cli-progress.h"

static PleatCliOptions *
parse (GError     **error,
       const char  *first,
       ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new_with_free_func (g_free);
  PleatCliOptions *options = NULL;
  g_auto(GStrv) argv = NULL;
  va_list ap;

  g_ptr_array_add (args, g_strdup ("pleat-cli-fold"));
  va_start (ap, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, g_strdup (arg));
  va_end (ap);
  g_ptr_array_add (args, NULL);
  argv = (char **) g_ptr_array_steal (args, NULL);

  if (!pleat_cli_options_parse (&argv, &options, error))
    return NULL;
  return options;
}

static void
test_options_defaults (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PleatCliOptions) o = parse (&error, "-m", "esmfold_v1", "-o", "out", "a.fasta",
                                        "-", NULL);

  g_assert_no_error (error);
  g_assert_cmpstr (o->model, ==, "esmfold_v1");
  g_assert_cmpstr (o->output_dir, ==, "out");
  g_assert_cmpuint (g_strv_length (o->inputs), ==, 2);
  g_assert_cmpstr (o->inputs[1], ==, "-");
  g_assert_cmpint (o->recycles, ==, -1);
  g_assert_cmpuint (o->chunk_size, ==, 0);
  g_assert_cmpuint (o->formats, ==, PLEAT_RESULT_FORMAT_ALL);
  g_assert_false (o->overwrite);
  g_assert_cmpuint (o->shard_count, ==, 1);
  g_assert_cmpint (o->verbosity, ==, 0);
  g_assert_true (pleat_cli_options_in_shard (o, 7));
}

static void
test_options_values (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PleatCliOptions) o = parse (&error, "-m", "m", "-o", "o", "--recycles", "0",
                                        "--chunk-size", "64", "--threads", "2",
                                        "--max-length", "400", "--format", "pdb, pae",
                                        "--overwrite", "--shard", "1/3", "-q", "in.fa", NULL);

  g_assert_no_error (error);
  g_assert_cmpint (o->recycles, ==, 0);
  g_assert_cmpuint (o->chunk_size, ==, 64);
  g_assert_cmpuint (o->threads, ==, 2);
  g_assert_cmpuint (o->max_length, ==, 400);
  g_assert_cmpuint (o->formats, ==, PLEAT_RESULT_FORMAT_PDB | PLEAT_RESULT_FORMAT_PAE);
  g_assert_true (o->overwrite);
  g_assert_cmpint (o->verbosity, ==, -1);
  /* Records 1, 4, 7… of 0-based input order. */
  g_assert_false (pleat_cli_options_in_shard (o, 0));
  g_assert_true (pleat_cli_options_in_shard (o, 1));
  g_assert_false (pleat_cli_options_in_shard (o, 2));
  g_assert_true (pleat_cli_options_in_shard (o, 4));
}

static void
test_options_auto_chunk (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PleatCliOptions) o = parse (&error, "-m", "m", "-o", "o", "--chunk-size", "auto",
                                        "x.fa", NULL);

  g_assert_no_error (error);
  g_assert_cmpuint (o->chunk_size, ==, 0);
}

static void
assert_rejected (const char *needle,
                 ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) argv = NULL;
  PleatCliOptions *options = NULL;
  va_list ap;

  g_ptr_array_add (args, g_strdup ("pleat-cli-fold"));
  va_start (ap, needle);
  for (const char *arg = va_arg (ap, const char *); arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, g_strdup (arg));
  va_end (ap);
  g_ptr_array_add (args, NULL);
  argv = (char **) g_ptr_array_steal (args, NULL);

  g_assert_false (pleat_cli_options_parse (&argv, &options, &error));
  g_assert_null (options);
  g_assert_nonnull (error);
  if (strstr (error->message, needle) == NULL)
    g_error ("“%s” does not mention “%s”", error->message, needle);
}

static void
test_options_errors (void)
{
  assert_rejected ("-m MODEL", "-o", "o", "x.fa", NULL);
  assert_rejected ("-o OUTDIR", "-m", "m", "x.fa", NULL);
  assert_rejected ("No input", "-m", "m", "-o", "o", NULL);
  assert_rejected ("--recycles", "-m", "m", "-o", "o", "--recycles", "-1", "x.fa", NULL);
  assert_rejected ("--chunk-size", "-m", "m", "-o", "o", "--chunk-size", "0", "x.fa", NULL);
  assert_rejected ("--threads", "-m", "m", "-o", "o", "--threads", "two", "x.fa", NULL);
  assert_rejected ("xyz", "-m", "m", "-o", "o", "--format", "cif,xyz", "x.fa", NULL);
  assert_rejected ("--shard", "-m", "m", "-o", "o", "--shard", "3/3", "x.fa", NULL);
  assert_rejected ("--shard", "-m", "m", "-o", "o", "--shard", "1/0", "x.fa", NULL);
  assert_rejected ("--shard", "-m", "m", "-o", "o", "--shard", "1", "x.fa", NULL);
  assert_rejected ("-q and -v", "-m", "m", "-o", "o", "-q", "-v", "x.fa", NULL);
}

static void
test_format_duration (void)
{
  struct { double s; const char *text; } cases[] = {
    { 0, "0 s" }, { 42.4, "42 s" }, { 59.6, "1:00" }, { 185, "3:05" }, { 3723, "1:02:03" },
    { -5, "0 s" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = pleat_cli_format_duration (cases[i].s);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

static char *
run_progress (gboolean is_terminal,
              gint     verbosity)
{
  char *buffer = NULL;
  size_t size = 0;
  FILE *stream = open_memstream (&buffer, &size);
  PleatCliProgress *progress = pleat_cli_progress_new (stream, is_terminal, verbosity);
  double now = 0.0;

  pleat_cli_progress_begin_record (progress, 1, 3, "seq2", 120);
  for (guint pass = 1; pass <= 2; pass++)
    for (guint block = 1; block <= 4; block++)
      {
        PleatProgress p = { .stage = PLEAT_STAGE_TRUNK, .pass = pass, .n_passes = 2,
                            .block = block, .n_blocks = 4, .fraction = (pass * 4 + block) / 12.0 };

        now += 0.05;  /* four updates per refresh interval */
        pleat_cli_progress_update (progress, &p, now, now);
      }
  pleat_cli_progress_print (progress, "seq2: done");
  pleat_cli_progress_print_error (progress, "seq3: failed");
  pleat_cli_progress_free (progress);
  fclose (stream);
  return buffer;
}

static guint
count (const char *haystack,
       const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

static void
test_progress_plain (void)
{
  g_autofree char *normal = run_progress (FALSE, 0);
  g_autofree char *verbose = run_progress (FALSE, 1);
  g_autofree char *quiet = run_progress (FALSE, -1);

  /* One line per pass, never a carriage return in a log. */
  g_assert_cmpuint (count (normal, "\n"), ==, 2 + 2);
  g_assert_null (strchr (normal, '\r'));
  g_assert_nonnull (strstr (normal, "[2/3] seq2 (120 aa): trunk pass 1/2, block 1/4"));
  g_assert_nonnull (strstr (normal, "trunk pass 2/2, block 1/4"));
  g_assert_nonnull (strstr (normal, "left"));
  /* -v: every block. */
  g_assert_cmpuint (count (verbose, "trunk pass"), ==, 8);
  /* -q: the error only. */
  g_assert_cmpstr (quiet, ==, "seq3: failed\n");
}

static void
test_progress_terminal (void)
{
  g_autofree char *out = run_progress (TRUE, 0);

  /* The live line is throttled: 8 updates at 0.05 s steps give 2 refreshes. */
  g_assert_cmpuint (count (out, "trunk pass"), ==, 2);
  /* A kept line first erases the live one. */
  g_assert_nonnull (strstr (out, "\r\033[Kseq2: done\n"));
  g_assert_nonnull (strstr (out, "seq3: failed\n"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/pleat/cli/Options/defaults", test_options_defaults);
  g_test_add_func ("/pleat/cli/Options/values", test_options_values);
  g_test_add_func ("/pleat/cli/Options/auto-chunk", test_options_auto_chunk);
  g_test_add_func ("/pleat/cli/Options/errors", test_options_errors);
  g_test_add_func ("/pleat/cli/Progress/duration", test_format_duration);
  g_test_add_func ("/pleat/cli/Progress/plain", test_progress_plain);
  g_test_add_func ("/pleat/cli/Progress/terminal", test_progress_terminal);

  return g_test_run ();
}
