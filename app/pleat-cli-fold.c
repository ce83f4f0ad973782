/* pleat-cli-fold.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pleat-cli"

#include "config.h"

#include <glib-unix.h>
#include <math.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "pleat-cli-batch.h"
#include "pleat-cli-fold.h"
#include "pleat-compute.h"
#include "pleat-engine.h"
#include "pleat-model-cache.h"
#include "pleat-model-loader.h"
#include "pleat-weights-digest.h"

typedef struct
{
  /* Borrowed */
  const PleatCliOptions *options;
  PleatCliProgress      *progress;

  /* Owned */
  PleatCliBatch         *batch;
  GMainLoop             *loop;
  PleatEngine           *engine;
  GCancellable          *cancellable;
  PleatJob              *job;
  char                  *model_dir;
  char                  *weights_file;
  char                  *weights_sha256;

  guint                  next;          /* index into batch->todo */
  guint                  n_folded;
  guint                  n_failed;
  gboolean               interrupted;
  int                    status;
} Run;

static void start_next (Run *run);

static gboolean
interrupt_cb (gpointer user_data)
{
  Run *run = user_data;

  if (!run->interrupted)
    {
      run->interrupted = TRUE;
      pleat_cli_progress_print_error (run->progress,
                                      _("Interrupted: stopping after the current block…"));
      g_cancellable_cancel (run->cancellable);
    }
  return G_SOURCE_CONTINUE;
}

static void
finish (Run *run,
        int  status)
{
  run->status = status;
  g_main_loop_quit (run->loop);
}

static void
job_progress_cb (PleatJob   *job,
                 GParamSpec *pspec,
                 gpointer    user_data)
{
  Run *run = user_data;
  PleatProgress progress;

  pleat_job_get_progress (job, &progress);
  pleat_cli_progress_update (run->progress, &progress, pleat_job_get_elapsed (job),
                             g_get_monotonic_time () / (double) G_USEC_PER_SEC);
}

static PleatResultInfo *
result_info_new (Run                    *run,
                 const PleatCliRecord   *item,
                 const PleatFoldRequest *request,
                 double                  seconds)
{
  PleatResultInfo *info =
    pleat_result_info_new_for_fold (request, pleat_engine_get_model_name (run->engine),
                                    run->model_dir, run->weights_file, run->weights_sha256,
                                    seconds);

  if (item->record->description[0] != '\0')
    info->description = g_strdup (item->record->description);
  return info;
}

static char *
describe_outputs (const PleatCliOptions *options,
                  const char            *stem)
{
  static const struct { PleatResultFormat format; const char *suffix; } outputs[] = {
    { PLEAT_RESULT_FORMAT_CIF, ".cif" },
    { PLEAT_RESULT_FORMAT_PDB, ".pdb" },
    { PLEAT_RESULT_FORMAT_PAE, "_pae.json" },
    { PLEAT_RESULT_FORMAT_CONFIDENCE, "_confidence.json" },
  };
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (outputs); i++)
    if (options->formats & outputs[i].format)
      g_string_append_printf (text, "%s%s%s", text->len > 0 ? ", " : "", stem,
                              outputs[i].suffix);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
predict_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Run *run = user_data;
  const PleatCliRecord *item = g_ptr_array_index (run->batch->todo, run->next - 1);
  g_autoptr(PleatStructure) structure = NULL;
  g_autoptr(PleatResultInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *elapsed = NULL;
  g_autofree char *outputs = NULL;
  double seconds = pleat_job_get_elapsed (run->job);
  g_autoptr(PleatJob) job = g_steal_pointer (&run->job);

  g_signal_handlers_disconnect_by_data (job, run);

  structure = pleat_engine_predict_finish (run->engine, result, &error);
  if (structure == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          pleat_cli_progress_print_error (run->progress,
                                          _("Interrupted during “%s”: finished records are "
                                            "kept; run the same command again to go on."),
                                          item->record->id);
          finish (run, PLEAT_CLI_EXIT_INTERRUPTED);
          return;
        }
      pleat_cli_progress_print_error (run->progress, _("error: %s: %s"), item->record->id,
                                      error->message);
      run->n_failed++;
      start_next (run);
      return;
    }

  info = result_info_new (run, item, pleat_job_get_request (job), seconds);
  if (!pleat_result_write (structure, info, run->options->output_dir, item->stem,
                           run->options->formats, &error))
    {
      pleat_cli_progress_print_error (run->progress, _("error: %s: %s"), item->record->id,
                                      error->message);
      run->n_failed++;
      start_next (run);
      return;
    }

  run->n_folded++;
  elapsed = pleat_cli_format_duration (seconds);
  outputs = describe_outputs (run->options, item->stem);
  if (isnan (pleat_structure_get_iptm (structure)))
    pleat_cli_progress_print (run->progress,
                              _("%s: %u residues, mean pLDDT %.1f, pTM %.3f, %s → %s"),
                              item->record->id, item->record->n_residues,
                              pleat_structure_get_mean_plddt (structure),
                              pleat_structure_get_ptm (structure), elapsed, outputs);
  else
    pleat_cli_progress_print (run->progress,
                              _("%s: %u residues in %u chains, mean pLDDT %.1f, pTM %.3f, "
                                "ipTM %.3f, %s → %s"),
                              item->record->id, item->record->n_residues,
                              item->record->n_chains,
                              pleat_structure_get_mean_plddt (structure),
                              pleat_structure_get_ptm (structure),
                              pleat_structure_get_iptm (structure), elapsed, outputs);
  start_next (run);
}

static void
start_next (Run *run)
{
  const PleatCliRecord *item;
  g_autoptr(PleatFoldRequest) request = NULL;

  if (run->interrupted)
    {
      finish (run, PLEAT_CLI_EXIT_INTERRUPTED);
      return;
    }
  if (run->next >= run->batch->todo->len)
    {
      finish (run, run->n_failed > 0 ? PLEAT_CLI_EXIT_FAILED : PLEAT_CLI_EXIT_OK);
      return;
    }

  item = g_ptr_array_index (run->batch->todo, run->next++);
  request = pleat_fold_request_new (item->record->id,
                                    (const char *const *) item->record->chains);
  request->n_passes = run->options->recycles >= 0 ? run->options->recycles + 1 : 0;
  request->chunk_size = run->options->chunk_size;
  request->memory_budget = run->options->memory_limit;

  pleat_cli_progress_begin_record (run->progress, run->next - 1, run->batch->todo->len,
                                   item->record->id, item->record->n_residues);
  run->job = pleat_engine_predict_async (run->engine, request, run->cancellable, predict_cb,
                                         run);
  g_signal_connect (run->job, "notify::fraction", G_CALLBACK (job_progress_cb), run);
  g_signal_connect (run->job, "notify::stage", G_CALLBACK (job_progress_cb), run);
}

static void
digest_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Run *run = user_data;
  g_autoptr(GError) error = NULL;

  run->weights_sha256 = pleat_weights_digest_compute_finish (result, &error);
  if (run->weights_sha256 == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          finish (run, PLEAT_CLI_EXIT_INTERRUPTED);
          return;
        }
      /* Provenance is worth a warning, not the batch. */
      pleat_cli_progress_print_error (run->progress,
                                      _("warning: cannot compute the weights digest: %s"),
                                      error->message);
    }
  start_next (run);
}

static void
load_model_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  Run *run = user_data;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) files = NULL;

  if (!pleat_engine_load_model_finish (run->engine, result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        finish (run, PLEAT_CLI_EXIT_INTERRUPTED);
      else
        {
          pleat_cli_progress_print_error (run->progress, _("error: cannot load the model: %s"),
                                          error->message);
          finish (run, PLEAT_CLI_EXIT_FAILED);
        }
      return;
    }
  pleat_cli_progress_print (run->progress, _("Loaded %s from %s"),
                            pleat_engine_get_model_name (run->engine), run->model_dir);

  files = pleat_engine_dup_weights_files (run->engine);
  if (files[0] == NULL)
    {
      start_next (run);
      return;
    }
  /* The digest names the first file; a sharded set's digest covers every shard. */
  run->weights_file = g_strdup (files[0]);
  pleat_weights_digest_compute_async ((const char *const *) files, run->cancellable, digest_cb,
                                      run);
}

/* Fails early, before minutes of model loading, when nothing could be written. */
static gboolean
check_output_dir (const char  *dir,
                  GError     **error)
{
  g_autofree char *probe = NULL;
  int fd;

  if (g_mkdir_with_parents (dir, 0755) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("cannot create the output folder %s: %s"), dir, g_strerror (saved_errno));
      return FALSE;
    }
  probe = g_build_filename (dir, ".pleat-write-test-XXXXXX", NULL);
  fd = g_mkstemp (probe);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("cannot write in the output folder %s: %s"), dir,
                   g_strerror (saved_errno));
      return FALSE;
    }
  close (fd);
  g_unlink (probe);
  return TRUE;
}

int
pleat_cli_fold (const PleatCliOptions *options,
                PleatCliProgress      *progress,
                FILE                  *stdin_stream)
{
  g_autoptr(PleatCompute) compute = NULL;
  g_autoptr(GError) error = NULL;
  Run run = { .options = options, .progress = progress };
  guint sigint, sigterm;

  g_return_val_if_fail (options != NULL, PLEAT_CLI_EXIT_USAGE);
  g_return_val_if_fail (progress != NULL, PLEAT_CLI_EXIT_USAGE);

  run.model_dir = pleat_model_cache_resolve (options->model, &error);
  if (run.model_dir == NULL)
    {
      pleat_cli_progress_print_error (progress, _("error: %s"), error->message);
      return PLEAT_CLI_EXIT_FAILED;
    }
  if (!check_output_dir (options->output_dir, &error))
    {
      pleat_cli_progress_print_error (progress, _("error: %s"), error->message);
      g_free (run.model_dir);
      return PLEAT_CLI_EXIT_FAILED;
    }

  run.batch = pleat_cli_batch_new (options, stdin_stream);
  for (guint i = 0; i < run.batch->refused->len; i++)
    {
      const GError *refused = g_ptr_array_index (run.batch->refused, i);

      pleat_cli_progress_print_error (progress, _("error: %s"), refused->message);
    }
  run.n_failed = run.batch->refused->len;
  if (run.batch->done->len > 0)
    pleat_cli_progress_print (progress,
                              g_dngettext (NULL, "Skipping %u record whose outputs exist "
                                           "(--overwrite folds it again)",
                                           "Skipping %u records whose outputs exist "
                                           "(--overwrite folds them again)",
                                           run.batch->done->len),
                              run.batch->done->len);

  if (run.batch->todo->len > 0)
    {
      compute = pleat_compute_new (options->threads, &error);
      if (compute == NULL)
        {
          pleat_cli_progress_print_error (progress, _("error: %s"), error->message);
          run.status = PLEAT_CLI_EXIT_FAILED;
          goto out;
        }

      run.loop = g_main_loop_new (NULL, FALSE);
      run.cancellable = g_cancellable_new ();
      run.engine = pleat_engine_new (pleat_model_load_func, g_object_ref (compute),
                                     g_object_unref);
      sigint = g_unix_signal_add (SIGINT, interrupt_cb, &run);
      sigterm = g_unix_signal_add (SIGTERM, interrupt_cb, &run);

      pleat_cli_progress_print (progress, _("Loading the model from %s…"), run.model_dir);
      pleat_engine_load_model_async (run.engine, run.model_dir, run.cancellable,
                                     load_model_cb, &run);
      g_main_loop_run (run.loop);

      g_source_remove (sigint);
      g_source_remove (sigterm);
      pleat_engine_shutdown (run.engine);
    }
  else
    run.status = run.n_failed > 0 ? PLEAT_CLI_EXIT_FAILED : PLEAT_CLI_EXIT_OK;

  pleat_cli_progress_print (progress, _("Folded %u, already done %u, failed %u."),
                            run.n_folded, run.batch->done->len, run.n_failed);

out:
  g_clear_object (&run.engine);
  g_clear_object (&run.cancellable);
  g_clear_pointer (&run.loop, g_main_loop_unref);
  g_clear_pointer (&run.batch, pleat_cli_batch_free);
  g_free (run.model_dir);
  g_free (run.weights_file);
  g_free (run.weights_sha256);
  return run.status;
}
