/* pleat-fold-controller.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pleat"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "pleat-engine.h"
#include "pleat-fasta.h"
#include "pleat-fold-controller.h"
#include "pleat-model-cache.h"
#include "pleat-model-loader.h"
#include "pleat-result-writer.h"
#include "pleat-structure-page.h"
#include "pleat-weights-digest.h"

/* The folds of one Fold press: cancelled together, saved into one folder. */
typedef struct
{
  gatomicrefcount  ref_count;
  GCancellable    *cancellable;
  char            *dir;         /* created when the batch starts */
  guint            n_saved;
} Batch;

/* One record of a batch, from the request until its files are written. */
typedef struct
{
  PleatFoldController *controller;  /* borrowed: shutdown waits for every item */
  Batch               *batch;
  PleatJob            *job;
  char                *stem;
  PleatStructurePage  *page;        /* weak: the user may close the tab */
  gboolean             page_opened;
} Item;

struct _PleatFoldController
{
  GObject          parent_instance;

  /* Borrowed: cleared when the window is destroyed. */
  PleatWindow     *window;
  PleatFoldPanel  *panel;

  /* Owned */
  GMainContext    *context;         /* where the engine answers */
  PleatEngine     *engine;          /* NULL without a model */
  GCancellable    *cancellable;     /* model loading and the weights digest */
  char            *model_dir;
  char            *weights_file;
  char            *weights_sha256;
  GQueue           items;           /* of Item, in the engine's order */

  guint            n_pending;       /* loads, digests and writes not answered yet */
  gboolean         shut_down;
};

G_DEFINE_FINAL_TYPE (PleatFoldController, pleat_fold_controller, G_TYPE_OBJECT)

static Batch *
batch_ref (Batch *batch)
{
  g_atomic_ref_count_inc (&batch->ref_count);
  return batch;
}

static void
batch_unref (Batch *batch)
{
  if (!g_atomic_ref_count_dec (&batch->ref_count))
    return;
  /* A batch cancelled or failed before anything was saved leaves no empty folder behind. */
  if (batch->n_saved == 0)
    g_rmdir (batch->dir);
  g_object_unref (batch->cancellable);
  g_free (batch->dir);
  g_free (batch);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Batch, batch_unref)

char *
pleat_fold_controller_dup_results_dir (void)
{
  const char *override = g_getenv ("PLEAT_RESULTS_DIR");

  if (override != NULL && override[0] != '\0')
    return g_strdup (override);
  return g_build_filename (g_get_user_data_dir (), "pleat", "results", NULL);
}

/* RESULTS/2026-12-07_14-30-12_ubiquitin, or with -2, -3… when a folder of that name exists:
 * two Fold presses within a second never share one. */
static Batch *
batch_new (const char  *first_stem,
           GError     **error)
{
  g_autofree char *root = pleat_fold_controller_dup_results_dir ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y-%m-%d_%H-%M-%S");
  g_autofree char *base = g_strdup_printf ("%s_%s", stamp, first_stem);
  g_autofree char *dir = NULL;
  Batch *batch;
  int saved_errno = 0;

  if (g_mkdir_with_parents (root, 0755) != 0)
    saved_errno = errno;
  for (guint n = 1; saved_errno == 0; n++)
    {
      g_autofree char *name = n == 1 ? g_strdup (base) : g_strdup_printf ("%s-%u", base, n);

      g_free (dir);
      dir = g_build_filename (root, name, NULL);
      if (g_mkdir (dir, 0755) == 0)
        break;
      if (errno != EEXIST)
        saved_errno = errno;
    }
  if (saved_errno != 0)
    {
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("Cannot create a results folder in %s: %s"), root,
                   g_strerror (saved_errno));
      return NULL;
    }

  batch = g_new0 (Batch, 1);
  g_atomic_ref_count_init (&batch->ref_count);
  batch->cancellable = g_cancellable_new ();
  batch->dir = g_steal_pointer (&dir);
  return batch;
}

static void
show_error (PleatFoldController *self,
            const char          *message)
{
  if (self->window != NULL)
    pleat_window_show_error (self->window, message);
  else
    g_debug ("%s", message);
}

/* Items */

static void
item_free (Item *item)
{
  g_signal_handlers_disconnect_by_data (item->job, item);
  g_clear_weak_pointer (&item->page);
  g_clear_pointer (&item->batch, batch_unref);
  g_clear_object (&item->job);
  g_free (item->stem);
  g_free (item);
}

/* The panel shows the job running now, else the next one queued, else the last one shown
 * (its outcome). Jobs of a cancelled batch are skipped: they only wait to be answered. */
static void
show_next_job (PleatFoldController *self)
{
  PleatJob *shown;

  if (self->panel == NULL)
    return;
  shown = pleat_fold_panel_get_job (self->panel);
  if (shown != NULL && pleat_job_is_active (shown))
    return;
  for (GList *l = self->items.head; l != NULL; l = l->next)
    {
      Item *item = l->data;

      if (pleat_job_is_active (item->job) && !g_cancellable_is_cancelled (item->batch->cancellable))
        {
          pleat_fold_panel_set_job (self->panel, item->job);
          return;
        }
    }
}

/* Each trunk pass's frame, then the result, lands in the record's tab: opened with the first
 * frame, then updated in place so that the camera stays where the user put it. */
static void
job_structure_cb (PleatJob   *job,
                  GParamSpec *pspec,
                  Item       *item)
{
  PleatFoldController *self = item->controller;
  PleatStructure *structure = pleat_job_get_structure (job);
  PleatStructureView *view;

  if (structure == NULL || self->window == NULL)
    return;
  if (item->page != NULL)
    {
      pleat_structure_page_set_structure (item->page, structure);
      return;
    }
  /* A tab the user closed stays closed; the files are still saved. */
  if (item->page_opened)
    return;
  item->page_opened = TRUE;
  view = pleat_window_add_structure (self->window, structure, NULL);
  g_set_weak_pointer (&item->page,
                      PLEAT_STRUCTURE_PAGE (gtk_widget_get_ancestor (GTK_WIDGET (view),
                                                                      PLEAT_TYPE_STRUCTURE_PAGE)));
}

static void
saved_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  Item *item = user_data;
  PleatFoldController *self = item->controller;
  g_autoptr(GError) error = NULL;

  self->n_pending--;
  if (pleat_result_write_finish (result, &error))
    {
      g_autoptr(GFile) dir = g_file_new_for_path (item->batch->dir);

      item->batch->n_saved++;
      if (item->page != NULL)
        pleat_structure_page_set_results (item->page, dir, item->stem);
    }
  else
    {
      g_autofree char *message = g_strdup_printf (_("Could not save “%s”: %s"),
                                                  pleat_job_get_request (item->job)->id,
                                                  error->message);

      show_error (self, message);
    }
  item_free (item);
}

static void
save_result (Item           *item,
             PleatStructure *structure)
{
  PleatFoldController *self = item->controller;
  PleatResultInfo *info =
    pleat_result_info_new_for_fold (pleat_job_get_request (item->job),
                                    pleat_engine_get_model_name (self->engine), self->model_dir,
                                    self->weights_file, self->weights_sha256,
                                    pleat_job_get_elapsed (item->job));

  self->n_pending++;
  pleat_result_write_async (structure, info, item->batch->dir, item->stem,
                            PLEAT_RESULT_FORMAT_ALL, NULL, saved_cb, item);
}

static void
predict_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Item *item = user_data;
  PleatFoldController *self = item->controller;
  g_autoptr(PleatStructure) structure = NULL;
  g_autoptr(GError) error = NULL;

  g_queue_remove (&self->items, item);
  structure = pleat_engine_predict_finish (PLEAT_ENGINE (source), result, &error);
  if (structure != NULL)
    /* The item lives on until its files are written. */
    save_result (item, structure);
  else
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *message = g_strdup_printf (_("Could not fold “%s”: %s"),
                                                      pleat_job_get_request (item->job)->id,
                                                      error->message);

          show_error (self, message);
        }
      item_free (item);
    }
  show_next_job (self);
}

/* Panel */

static void
fold_requested_cb (PleatFoldPanel      *panel,
                   GPtrArray           *requests,
                   PleatFoldController *self)
{
  g_autoptr(GHashTable) stems = pleat_file_stem_set_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(Batch) batch = NULL;
  g_autofree char *first_stem = NULL;

  g_assert (requests->len > 0);
  if (self->engine == NULL || self->shut_down)
    return;

  first_stem = pleat_sequence_id_to_file_stem (
    ((PleatFoldRequest *) g_ptr_array_index (requests, 0))->id, NULL);
  batch = batch_new (first_stem, &error);
  if (batch == NULL)
    {
      show_error (self, error->message);
      return;
    }

  /* The engine folds one request after the other: queue them all at once. */
  for (guint i = 0; i < requests->len; i++)
    {
      const PleatFoldRequest *request = g_ptr_array_index (requests, i);
      Item *item = g_new0 (Item, 1);

      item->controller = self;
      item->batch = batch_ref (batch);
      item->stem = pleat_sequence_id_to_file_stem (request->id, stems);
      item->job = pleat_engine_predict_async (self->engine, request, batch->cancellable,
                                              predict_cb, item);
      g_signal_connect (item->job, "notify::structure", G_CALLBACK (job_structure_cb), item);
      g_queue_push_tail (&self->items, item);
    }
  show_next_job (self);
}

/* Cancel stops the whole Fold press the shown job belongs to, not only the record running. */
static void
cancel_requested_cb (PleatFoldPanel      *panel,
                     PleatFoldController *self)
{
  PleatJob *shown = pleat_fold_panel_get_job (panel);

  for (GList *l = self->items.head; l != NULL; l = l->next)
    {
      Item *item = l->data;

      if (item->job == shown)
        {
          g_cancellable_cancel (item->batch->cancellable);
          return;
        }
    }
}

/* Model */

static void
digest_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  PleatFoldController *self = user_data;
  g_autoptr(GError) error = NULL;

  self->n_pending--;
  self->weights_sha256 = pleat_weights_digest_compute_finish (result, &error);
  /* Provenance only: results are still saved, without the digest. */
  if (self->weights_sha256 == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("No digest of %s: %s", self->weights_file, error->message);
}

static void
load_model_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  PleatFoldController *self = user_data;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) files = NULL;

  self->n_pending--;
  if (!pleat_engine_load_model_finish (self->engine, result, &error))
    {
      if (self->panel != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          pleat_fold_panel_set_model_message (self->panel, error->message);
          pleat_fold_panel_set_model_status (self->panel, PLEAT_MODEL_STATUS_FAILED);
        }
      return;
    }
  if (self->panel != NULL)
    pleat_fold_panel_set_model_status (self->panel, PLEAT_MODEL_STATUS_READY);

  /* The digest names the first file; a sharded set's digest covers every shard. */
  files = pleat_engine_dup_weights_files (self->engine);
  if (files[0] == NULL || self->shut_down)
    return;
  self->weights_file = g_strdup (files[0]);
  self->n_pending++;
  pleat_weights_digest_compute_async ((const char *const *) files, self->cancellable, digest_cb,
                                      self);
}

static void
load_model (PleatFoldController *self)
{
  g_autofree char *models_dir = pleat_model_cache_dup_dir ();
  g_auto(GStrv) models = pleat_model_cache_list_models ();
  g_autoptr(GError) error = NULL;

  pleat_window_set_model_info (self->window, models[0], models_dir);
  pleat_fold_panel_set_model_name (self->panel, models[0]);
  if (models[0] == NULL)
    {
      pleat_fold_panel_set_model_status (self->panel, PLEAT_MODEL_STATUS_NONE);
      return;
    }

  self->model_dir = pleat_model_cache_resolve (models[0], &error);
  if (self->model_dir == NULL)
    {
      pleat_fold_panel_set_model_message (self->panel, error->message);
      pleat_fold_panel_set_model_status (self->panel, PLEAT_MODEL_STATUS_FAILED);
      return;
    }

  /* No PleatCompute: the model runs on every core. */
  self->engine = pleat_engine_new (pleat_model_load_func, NULL, NULL);
  pleat_fold_panel_set_model_status (self->panel, PLEAT_MODEL_STATUS_LOADING);
  self->n_pending++;
  pleat_engine_load_model_async (self->engine, self->model_dir, self->cancellable,
                                 load_model_cb, self);
}

/* Window */

static void
forget_window (PleatFoldController *self)
{
  if (self->panel != NULL)
    g_signal_handlers_disconnect_by_data (self->panel, self);
  if (self->window != NULL)
    g_signal_handlers_disconnect_by_data (self->window, self);
  self->panel = NULL;
  self->window = NULL;
}

static void
window_destroy_cb (PleatWindow         *window,
                   PleatFoldController *self)
{
  forget_window (self);
}

void
pleat_fold_controller_shutdown (PleatFoldController *self)
{
  g_return_if_fail (PLEAT_IS_FOLD_CONTROLLER (self));

  if (self->shut_down)
    return;
  self->shut_down = TRUE;

  g_cancellable_cancel (self->cancellable);
  for (GList *l = self->items.head; l != NULL; l = l->next)
    g_cancellable_cancel (((Item *) l->data)->batch->cancellable);
  /* Joins the thread once the fold running stops at its next block; every command is then
   * answered, and the answers wait on our context. */
  if (self->engine != NULL)
    pleat_engine_shutdown (self->engine);
  while (self->n_pending > 0 || !g_queue_is_empty (&self->items))
    g_main_context_iteration (self->context, TRUE);
  forget_window (self);
}

static void
pleat_fold_controller_dispose (GObject *object)
{
  PleatFoldController *self = (PleatFoldController *) object;

  pleat_fold_controller_shutdown (self);
  g_clear_object (&self->engine);

  G_OBJECT_CLASS (pleat_fold_controller_parent_class)->dispose (object);
}

static void
pleat_fold_controller_finalize (GObject *object)
{
  PleatFoldController *self = (PleatFoldController *) object;

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_free (self->model_dir);
  g_free (self->weights_file);
  g_free (self->weights_sha256);

  G_OBJECT_CLASS (pleat_fold_controller_parent_class)->finalize (object);
}

static void
pleat_fold_controller_class_init (PleatFoldControllerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pleat_fold_controller_dispose;
  object_class->finalize = pleat_fold_controller_finalize;
}

static void
pleat_fold_controller_init (PleatFoldController *self)
{
  self->context = g_main_context_ref_thread_default ();
  self->cancellable = g_cancellable_new ();
  g_queue_init (&self->items);
}

PleatFoldController *
pleat_fold_controller_new (PleatWindow *window)
{
  PleatFoldController *self;

  g_return_val_if_fail (PLEAT_IS_WINDOW (window), NULL);

  self = g_object_new (PLEAT_TYPE_FOLD_CONTROLLER, NULL);
  self->window = window;
  self->panel = pleat_window_get_fold_panel (window);
  g_signal_connect (window, "destroy", G_CALLBACK (window_destroy_cb), self);
  g_signal_connect (self->panel, "fold-requested", G_CALLBACK (fold_requested_cb), self);
  g_signal_connect (self->panel, "cancel-requested", G_CALLBACK (cancel_requested_cb), self);
  load_model (self);
  return self;
}
