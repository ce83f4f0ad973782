/* test-engine.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The engine thread and its queues, driven with a test-double model whose fold takes a known
 * number of blocks, so that ordering, coalescing, cancellation and shutdown can be asserted.
 */
#include "config.h"

#include "pleat-engine.h"
#include "pleat-error.h"

/* ------------------------------------------------------------------ a test-double model */

#define FAKE_PASSES 3
#define FAKE_BLOCKS 8

struct _FakeModel
{
  GObject  parent_instance;
  guint    block_usec;   /* time one block takes */
  GThread *fold_thread;  /* the thread fold ran on, to check it is the engine's */
};

#define FAKE_TYPE_MODEL (fake_model_get_type ())
G_DECLARE_FINAL_TYPE (FakeModel, fake_model, FAKE, MODEL, GObject)

static void fake_model_iface_init (PleatModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (FakeModel, fake_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (PLEAT_TYPE_MODEL, fake_model_iface_init))

static const char *
fake_model_get_name (PleatModel *model)
{
  return "fake";
}

static PleatStructure *
fake_model_fold (PleatModel              *model,
                 const PleatFoldRequest  *request,
                 PleatProgressFunc        progress,
                 PleatPreviewFunc         preview,
                 gpointer                 user_data,
                 GCancellable            *cancellable,
                 GError                 **error)
{
  FakeModel *self = FAKE_MODEL (model);
  g_autoptr(PleatStructure) structure = NULL;

  self->fold_thread = g_thread_self ();
  if (strchr (request->chains[0], 'Z') != NULL)
    {
      g_set_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_INVALID_SEQUENCE, "bad %s",
                   request->id);
      return NULL;
    }

  for (guint pass = 1; pass <= FAKE_PASSES; pass++)
    {
      g_autoptr(PleatStructure) snapshot = pleat_structure_new ();

      for (guint block = 1; block <= FAKE_BLOCKS; block++)
        {
          PleatProgress p = {
            .stage = PLEAT_STAGE_TRUNK, .pass = pass, .n_passes = FAKE_PASSES,
            .block = block, .n_blocks = FAKE_BLOCKS,
            .fraction = ((pass - 1) * FAKE_BLOCKS + block) / (double) (FAKE_PASSES * FAKE_BLOCKS + 1),
          };

          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            return NULL;
          g_usleep (self->block_usec);
          progress (&p, user_data);
        }
      pleat_structure_set_title (snapshot, request->id);
      preview (snapshot, pass, user_data);
    }

  structure = pleat_structure_new ();
  pleat_structure_set_title (structure, request->id);
  pleat_structure_add_chain (structure, "A", "A");
  for (const char *c = request->chains[0]; *c != '\0'; c++)
    pleat_structure_add_residue (structure, "GLY", (gint) (c - request->chains[0]) + 1, '\0');
  return g_steal_pointer (&structure);
}

static void
fake_model_iface_init (PleatModelInterface *iface)
{
  iface->get_name = fake_model_get_name;
  iface->fold = fake_model_fold;
}

static void
fake_model_class_init (FakeModelClass *klass)
{
}

static void
fake_model_init (FakeModel *self)
{
}

typedef struct
{
  guint      block_usec;
  FakeModel *last_model;  /* borrowed, engine thread writes it before the load completes */
} LoaderData;

static PleatModel *
fake_loader (const char    *path,
             gpointer       user_data,
             GCancellable  *cancellable,
             GError       **error)
{
  LoaderData *data = user_data;
  FakeModel *model;

  if (g_str_equal (path, "missing"))
    {
      g_set_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_INVALID_FILE, "no model at %s",
                   path);
      return NULL;
    }
  model = g_object_new (FAKE_TYPE_MODEL, NULL);
  model->block_usec = data->block_usec;
  data->last_model = model;
  return PLEAT_MODEL (model);
}

/* ------------------------------------------------------------------ fixture */

typedef struct
{
  GMainContext *context;   /* private: events must arrive here, not on the global default */
  LoaderData    loader;
  PleatEngine  *engine;
  GThread      *main_thread;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->context = g_main_context_new ();
  g_main_context_push_thread_default (f->context);
  f->loader.block_usec = GPOINTER_TO_UINT (data);
  f->engine = pleat_engine_new (fake_loader, &f->loader, NULL);
  f->main_thread = g_thread_self ();
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  pleat_engine_shutdown (f->engine);
  /* Deliver what the shutdown answered, then the engine must go away. */
  while (g_main_context_iteration (f->context, FALSE))
    ;
  g_assert_finalize_object (g_steal_pointer (&f->engine));
  g_main_context_pop_thread_default (f->context);
  g_main_context_unref (f->context);
}

static void
store_result_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static GAsyncResult *
wait_for_result (Fixture       *f,
                 GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (f->context, TRUE);
  return *slot;
}

static void
load_model (Fixture *f)
{
  GAsyncResult *result = NULL;
  g_autoptr(GError) error = NULL;

  pleat_engine_load_model_async (f->engine, "fake-model", NULL, store_result_cb, &result);
  wait_for_result (f, &result);
  g_assert_true (pleat_engine_load_model_finish (f->engine, result, &error));
  g_assert_no_error (error);
  g_object_unref (result);
  g_assert_cmpstr (pleat_engine_get_model_name (f->engine), ==, "fake");
}

static PleatFoldRequest *
request_new (const char *id,
             const char *sequence)
{
  const char *chains[] = { sequence, NULL };

  return pleat_fold_request_new (id, chains);
}

typedef struct
{
  guint     n_fraction;
  double    last_fraction;
  gboolean  monotonic;
  guint     n_structure;
  GThread  *thread;
} Notifications;

static void
fraction_notify_cb (PleatJob   *job,
                    GParamSpec *pspec,
                    gpointer    user_data)
{
  Notifications *n = user_data;
  double fraction = pleat_job_get_fraction (job);

  n->n_fraction++;
  if (fraction < n->last_fraction)
    n->monotonic = FALSE;
  n->last_fraction = fraction;
  n->thread = g_thread_self ();
}

static void
structure_notify_cb (PleatJob   *job,
                     GParamSpec *pspec,
                     gpointer    user_data)
{
  ((Notifications *) user_data)->n_structure++;
}

/* ------------------------------------------------------------------ tests */

static void
test_engine_predict (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(PleatFoldRequest) request = request_new ("seq1", "MKTAYIAK");
  g_autoptr(PleatJob) job = NULL;
  g_autoptr(PleatStructure) structure = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *result = NULL;
  Notifications n = { .monotonic = TRUE };

  load_model (f);
  job = pleat_engine_predict_async (f->engine, request, NULL, store_result_cb, &result);
  g_assert_cmpint (pleat_job_get_state (job), ==, PLEAT_JOB_STATE_QUEUED);
  g_signal_connect (job, "notify::fraction", G_CALLBACK (fraction_notify_cb), &n);
  g_signal_connect (job, "notify::structure", G_CALLBACK (structure_notify_cb), &n);

  wait_for_result (f, &result);
  structure = pleat_engine_predict_finish (f->engine, result, &error);
  g_object_unref (result);
  g_assert_no_error (error);
  g_assert_nonnull (structure);
  g_assert_cmpuint (pleat_structure_get_n_residues (structure), ==, 8);

  /* The job reached its end state before the result was handed over. */
  g_assert_cmpint (pleat_job_get_state (job), ==, PLEAT_JOB_STATE_SUCCEEDED);
  g_assert_cmpfloat (pleat_job_get_fraction (job), ==, 1.0);
  g_assert_true (pleat_job_get_structure (job) == structure);
  g_assert_cmpint (pleat_job_get_stage (job), ==, PLEAT_STAGE_DONE);
  g_assert_cmpfloat (pleat_job_get_elapsed (job), >, 0.0);

  /* Property changes came on this thread, in order, and never more than one per event. */
  g_assert_true (n.monotonic);
  g_assert_cmpuint (n.n_fraction, >=, 1);
  g_assert_cmpuint (n.n_fraction, <=, FAKE_PASSES * FAKE_BLOCKS + 1);
  g_assert_true (n.thread == f->main_thread);
  /* Previews of every pass (possibly some coalesced by a slow drain) plus the result. */
  g_assert_cmpuint (n.n_structure, >=, 2);
  g_assert_cmpuint (n.n_structure, <=, FAKE_PASSES + 1);
  g_assert_true (f->loader.last_model->fold_thread != f->main_thread);
}

static void
test_engine_progress_message (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(PleatFoldRequest) request = request_new ("seq1", "MKT");
  g_autoptr(PleatJob) job = NULL;
  g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func (g_free);
  GAsyncResult *result = NULL;
  gboolean seen_trunk = FALSE;

  load_model (f);
  job = pleat_engine_predict_async (f->engine, request, NULL, store_result_cb, &result);
  while (result == NULL)
    {
      g_main_context_iteration (f->context, TRUE);
      if (pleat_job_get_stage (job) == PLEAT_STAGE_TRUNK)
        {
          const char *message = pleat_job_get_message (job);

          seen_trunk = TRUE;
          g_assert_nonnull (strstr (message, "pass"));
          g_assert_nonnull (strstr (message, "of 3"));
          g_assert_nonnull (strstr (message, "of 8"));
        }
    }
  g_object_unref (result);
  g_assert_true (seen_trunk);
}

static void
test_engine_no_model (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(PleatFoldRequest) request = request_new ("seq1", "MKT");
  g_autoptr(PleatJob) job = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *result = NULL;

  job = pleat_engine_predict_async (f->engine, request, NULL, store_result_cb, &result);
  wait_for_result (f, &result);
  g_assert_null (pleat_engine_predict_finish (f->engine, result, &error));
  g_object_unref (result);
  g_assert_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_FAILED);
  g_assert_cmpint (pleat_job_get_state (job), ==, PLEAT_JOB_STATE_FAILED);
  g_assert_cmpstr (pleat_job_get_message (job), ==, error->message);
}

static void
test_engine_load_failure (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GAsyncResult *result = NULL;

  pleat_engine_load_model_async (f->engine, "missing", NULL, store_result_cb, &result);
  wait_for_result (f, &result);
  g_assert_false (pleat_engine_load_model_finish (f->engine, result, &error));
  g_object_unref (result);
  g_assert_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_INVALID_FILE);
  g_assert_null (pleat_engine_get_model_name (f->engine));
}

static void
test_engine_fold_error (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(PleatFoldRequest) bad = request_new ("bad", "MZK");
  g_autoptr(PleatFoldRequest) good = request_new ("good", "MK");
  g_autoptr(PleatJob) bad_job = NULL;
  g_autoptr(PleatJob) good_job = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PleatStructure) structure = NULL;
  GAsyncResult *bad_result = NULL;
  GAsyncResult *good_result = NULL;

  load_model (f);
  bad_job = pleat_engine_predict_async (f->engine, bad, NULL, store_result_cb, &bad_result);
  good_job = pleat_engine_predict_async (f->engine, good, NULL, store_result_cb, &good_result);
  wait_for_result (f, &good_result);
  /* Commands run in order: the failed one was answered first, and did not stop the next. */
  g_assert_nonnull (bad_result);
  g_assert_null (pleat_engine_predict_finish (f->engine, bad_result, &error));
  g_assert_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_INVALID_SEQUENCE);
  structure = pleat_engine_predict_finish (f->engine, good_result, NULL);
  g_assert_nonnull (structure);
  g_assert_cmpstr (pleat_structure_get_title (structure), ==, "good");
  g_assert_cmpuint (pleat_job_get_id (good_job), >, pleat_job_get_id (bad_job));
  g_object_unref (bad_result);
  g_object_unref (good_result);
}

static void
cancel_on_trunk_cb (PleatJob   *job,
                    GParamSpec *pspec,
                    gpointer    user_data)
{
  if (pleat_job_get_fraction (job) > 0.2)
    g_cancellable_cancel (G_CANCELLABLE (user_data));
}

static void
test_engine_cancel (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(PleatFoldRequest) request = request_new ("seq1", "MKTAYIAK");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(PleatJob) job = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *result = NULL;

  load_model (f);
  job = pleat_engine_predict_async (f->engine, request, cancellable, store_result_cb, &result);
  g_signal_connect (job, "notify::fraction", G_CALLBACK (cancel_on_trunk_cb), cancellable);
  wait_for_result (f, &result);
  g_assert_null (pleat_engine_predict_finish (f->engine, result, &error));
  g_object_unref (result);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (pleat_job_get_state (job), ==, PLEAT_JOB_STATE_CANCELLED);
  g_assert_cmpfloat (pleat_job_get_fraction (job), <, 1.0);
}

static void
test_engine_cancel_queued (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(PleatFoldRequest) request = request_new ("seq1", "MK");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(PleatJob) job = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *result = NULL;

  load_model (f);
  g_cancellable_cancel (cancellable);
  job = pleat_engine_predict_async (f->engine, request, cancellable, store_result_cb, &result);
  wait_for_result (f, &result);
  g_assert_null (pleat_engine_predict_finish (f->engine, result, &error));
  g_object_unref (result);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  /* Never started. */
  g_assert_cmpfloat (pleat_job_get_elapsed (job), ==, 0.0);
}

static void
test_engine_shutdown_with_queue (Fixture       *f,
                                 gconstpointer  data)
{
  GAsyncResult *results[3] = { NULL, NULL, NULL };
  PleatJob *jobs[3];

  load_model (f);
  for (guint i = 0; i < G_N_ELEMENTS (jobs); i++)
    {
      g_autoptr(PleatFoldRequest) request = request_new ("seq", "MKTAYIAK");

      jobs[i] = pleat_engine_predict_async (f->engine, request, NULL, store_result_cb,
                                            &results[i]);
    }
  /* Joins the thread: whatever ran was cancelled between blocks, the rest never started. */
  pleat_engine_shutdown (f->engine);
  pleat_engine_shutdown (f->engine);
  for (guint i = 0; i < G_N_ELEMENTS (jobs); i++)
    {
      g_autoptr(GError) error = NULL;

      wait_for_result (f, &results[i]);
      g_assert_null (pleat_engine_predict_finish (f->engine, results[i], &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_assert_cmpint (pleat_job_get_state (jobs[i]), ==, PLEAT_JOB_STATE_CANCELLED);
      g_object_unref (results[i]);
      g_object_unref (jobs[i]);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, usec, func) \
  g_test_add (path, Fixture, GUINT_TO_POINTER (usec), fixture_setup, func, fixture_teardown)
  ADD ("/pleat/engine/Engine/predict", 200, test_engine_predict);
  ADD ("/pleat/engine/Engine/progress-message", 200, test_engine_progress_message);
  ADD ("/pleat/engine/Engine/no-model", 0, test_engine_no_model);
  ADD ("/pleat/engine/Engine/load-failure", 0, test_engine_load_failure);
  ADD ("/pleat/engine/Engine/fold-error", 0, test_engine_fold_error);
  ADD ("/pleat/engine/Engine/cancel", 2000, test_engine_cancel);
  ADD ("/pleat/engine/Engine/cancel-queued", 0, test_engine_cancel_queued);
  ADD ("/pleat/engine/Engine/shutdown-with-queue", 20000, test_engine_shutdown_with_queue);
#undef ADD

  return g_test_run ();
}
