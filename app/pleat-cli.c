/* pleat-cli.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * pleat-cli: the headless front end for batch work, sharing the engine with the app.
 */
#define G_LOG_DOMAIN "pleat-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <unistd.h>

#include "pleat-cli-fold.h"
#include "pleat-model-cache.h"

static void
print_usage (FILE *stream)
{
  fprintf (stream, "%s",
           _("Usage:\n"
             "  pleat-cli fold -m MODEL -o OUTDIR [OPTION…] INPUT…   fold FASTA records\n"
             "  pleat-cli models                                    list installed models\n"
             "  pleat-cli --version\n"
             "\n"
             "Run “pleat-cli fold --help” for the options of fold.\n"));
}

static int
list_models (void)
{
  g_auto(GStrv) models = pleat_model_cache_list_models ();
  g_autofree char *dir = pleat_model_cache_dup_dir ();
  g_autofree char *hub = pleat_model_cache_dup_hub_dir ();

  for (guint i = 0; models[i] != NULL; i++)
    {
      g_autofree char *path = pleat_model_cache_resolve (models[i], NULL);

      printf ("%s\t%s\n", models[i], path != NULL ? path : "");
    }
  if (models[0] == NULL)
    fprintf (stderr, _("No model installed in %s or in the Hugging Face cache %s.\n"
                       "Get one with: huggingface-cli download facebook/esmfold_v1 "
                       "config.json pytorch_model.bin\n"), dir, hub);
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  g_auto(GStrv) args = NULL;
  g_autoptr(PleatCliOptions) options = NULL;
  g_autoptr(PleatCliProgress) progress = NULL;
  g_autoptr(GError) error = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  /* Numbers in files must not follow the locale; messages may. */
  setlocale (LC_NUMERIC, "C");

  if (argc < 2 || g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h"))
    {
      print_usage (argc < 2 ? stderr : stdout);
      return argc < 2 ? PLEAT_CLI_EXIT_USAGE : PLEAT_CLI_EXIT_OK;
    }
  if (g_str_equal (argv[1], "--version"))
    {
      printf ("pleat-cli %s\n", PACKAGE_VERSION);
      return PLEAT_CLI_EXIT_OK;
    }
  if (g_str_equal (argv[1], "models"))
    return list_models ();
  if (!g_str_equal (argv[1], "fold"))
    {
      fprintf (stderr, _("pleat-cli: unknown command “%s”\n"), argv[1]);
      print_usage (stderr);
      return PLEAT_CLI_EXIT_USAGE;
    }

  /* "pleat-cli fold …" parses as a program "fold" with its own options. */
  args = g_strdupv (argv + 1);
  if (!pleat_cli_options_parse (&args, &options, &error))
    {
      fprintf (stderr, "pleat-cli fold: %s\n", error->message);
      fprintf (stderr, "%s", _("Run “pleat-cli fold --help” for the options.\n"));
      return PLEAT_CLI_EXIT_USAGE;
    }

  /* Progress goes to stderr, so that stdout stays free for pipes. */
  progress = pleat_cli_progress_new (stderr, isatty (STDERR_FILENO), options->verbosity);
  return pleat_cli_fold (options, progress, stdin);
}
