/* pleat-engine.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pleat-engine"

#include "config.h"

#include <glib/gi18n.h>

#include "pleat-engine.h"
#include "pleat-error.h"

typedef enum
{
  COMMAND_LOAD_MODEL,
  COMMAND_PREDICT,
  COMMAND_SHUTDOWN,
} CommandType;

/* A command owns its task until the DONE event hands it back to the caller's context; the
 * task holds a reference on the engine, so the engine outlives every command in flight. */
typedef struct
{
  CommandType   type;
  GTask        *task;
  /* Cancelled by the caller's cancellable or by a shutdown; the model only sees this one. */
  GCancellable *cancellable;
  GCancellable *caller_cancellable;
  gulong        caller_handler;
  char         *path;       /* LOAD_MODEL */
  PleatJob     *job;        /* PREDICT; its request is read-only on the engine thread */
  PleatEngine  *engine;     /* borrowed */
} Command;

typedef enum
{
  EVENT_STARTED,
  EVENT_PROGRESS,
  EVENT_PREVIEW,
  EVENT_DONE,
} EventType;

typedef struct
{
  EventType       type;
  Command        *command;    /* EVENT_DONE owns it; the others borrow it */
  PleatProgress   progress;
  PleatStructure *structure;  /* PREVIEW, DONE on success */
  char           *model_name; /* DONE of LOAD_MODEL */
  char          **weights_files; /* DONE of LOAD_MODEL */
  GError         *error;      /* DONE on failure */
} Event;

struct _PleatEngine
{
  GObject             parent_instance;

  /* Owned */
  GMainContext       *context;        /* the caller's, where events are delivered */
  GThread            *thread;
  GAsyncQueue        *commands;       /* of Command, popped by the engine thread */
  GAsyncQueue        *events;         /* of Event, drained on context */
  char               *model_name;
  char              **weights_files;
  gpointer            loader_data;
  GDestroyNotify      loader_data_destroy;

  /* Engine thread only. */
  PleatModel         *model;

  GMutex              mutex;
  Command            *current;        /* Protected by mutex: the command being run. */

  PleatModelLoadFunc  loader;
  guint               next_job_id;
  gint                drain_pending;  /* atomic */
  gint                shutting_down;  /* atomic */
};

G_DEFINE_FINAL_TYPE (PleatEngine, pleat_engine, G_TYPE_OBJECT)

static void
command_free (Command *command)
{
  if (command->caller_handler != 0)
    g_cancellable_disconnect (command->caller_cancellable, command->caller_handler);
  g_clear_object (&command->caller_cancellable);
  g_clear_object (&command->cancellable);
  g_clear_object (&command->task);
  g_clear_object (&command->job);
  g_free (command->path);
  g_free (command);
}

static void
event_free (Event *event)
{
  if (event->type == EVENT_DONE)
    command_free (event->command);
  g_clear_object (&event->structure);
  g_clear_error (&event->error);
  g_free (event->model_name);
  g_strfreev (event->weights_files);
  g_free (event);
}

/* Main context only. */
static void
dispatch_event (PleatEngine *self,
                Event       *event)
{
  Command *command = event->command;

  switch (event->type)
    {
    case EVENT_STARTED:
      _pleat_job_start (command->job);
      break;

    case EVENT_PROGRESS:
      _pleat_job_update (command->job, &event->progress);
      break;

    case EVENT_PREVIEW:
      _pleat_job_set_preview (command->job, event->structure);
      break;

    case EVENT_DONE:
      if (command->type == COMMAND_LOAD_MODEL)
        {
          if (event->error == NULL)
            {
              g_free (self->model_name);
              self->model_name = g_steal_pointer (&event->model_name);
              g_strfreev (self->weights_files);
              self->weights_files = g_steal_pointer (&event->weights_files);
              g_task_return_boolean (command->task, TRUE);
            }
          else
            g_task_return_error (command->task, g_steal_pointer (&event->error));
          break;
        }
      _pleat_job_finish (command->job, event->structure, event->error);
      if (event->error == NULL)
        g_task_return_pointer (command->task, g_steal_pointer (&event->structure),
                               g_object_unref);
      else
        g_task_return_error (command->task, g_steal_pointer (&event->error));
      break;

    default:
      g_assert_not_reached ();
    }
}

static gboolean
later_progress_in_batch (GPtrArray *batch,
                         guint      index)
{
  Event *event = g_ptr_array_index (batch, index);

  for (guint i = index + 1; i < batch->len; i++)
    {
      Event *later = g_ptr_array_index (batch, i);

      if (later->command == event->command && later->type == EVENT_PROGRESS)
        return TRUE;
    }
  return FALSE;
}

static gboolean
drain_cb (gpointer user_data)
{
  PleatEngine *self = user_data;
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func ((GDestroyNotify) event_free);
  Event *event;

  /* Clear the flag before popping: an event pushed after this point schedules a new drain. */
  g_atomic_int_set (&self->drain_pending, 0);
  while ((event = g_async_queue_try_pop (self->events)) != NULL)
    g_ptr_array_add (batch, event);

  /* Only the newest progress of a job matters: views bind to the job's properties. */
  for (guint i = 0; i < batch->len; i++)
    {
      event = g_ptr_array_index (batch, i);
      if (event->type == EVENT_PROGRESS && later_progress_in_batch (batch, i))
        continue;
      dispatch_event (self, event);
    }
  return G_SOURCE_REMOVE;
}

/* Engine thread. */
static void
push_event (PleatEngine *self,
            Event       *event)
{
  g_async_queue_push (self->events, event);
  if (g_atomic_int_compare_and_exchange (&self->drain_pending, 0, 1))
    g_main_context_invoke_full (self->context, G_PRIORITY_DEFAULT_IDLE, drain_cb,
                                g_object_ref (self), g_object_unref);
}

static Event *
event_new (EventType  type,
           Command   *command)
{
  Event *event = g_new0 (Event, 1);

  event->type = type;
  event->command = command;
  return event;
}

/* Engine thread. */
static void
progress_cb (const PleatProgress *progress,
             gpointer             user_data)
{
  Command *command = user_data;
  Event *event = event_new (EVENT_PROGRESS, command);

  event->progress = *progress;
  push_event (command->engine, event);
}

/* Engine thread. */
static void
preview_cb (PleatStructure *preview,
            guint           pass,
            gpointer        user_data)
{
  Command *command = user_data;
  Event *event = event_new (EVENT_PREVIEW, command);

  event->structure = g_object_ref (preview);
  push_event (command->engine, event);
}

/* Engine thread. */
static void
run_load_model (PleatEngine *self,
                Command     *command,
                Event       *done)
{
  GCancellable *cancellable = command->cancellable;
  g_autoptr(PleatModel) model = NULL;

  if (g_cancellable_set_error_if_cancelled (cancellable, &done->error))
    return;
  model = self->loader (command->path, self->loader_data, cancellable, &done->error);
  if (model == NULL)
    return;
  g_set_object (&self->model, model);
  done->model_name = g_strdup (pleat_model_get_name (model));
  done->weights_files = pleat_model_dup_weights_files (model);
}

/* Engine thread. */
static void
run_predict (PleatEngine *self,
             Command     *command,
             Event       *done)
{
  GCancellable *cancellable = command->cancellable;

  if (g_cancellable_set_error_if_cancelled (cancellable, &done->error))
    return;
  if (self->model == NULL)
    {
      g_set_error_literal (&done->error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_FAILED,
                           _("No model is loaded"));
      return;
    }
  push_event (self, event_new (EVENT_STARTED, command));
  done->structure = pleat_model_fold (self->model, pleat_job_get_request (command->job),
                                      progress_cb, preview_cb, command,
                                      cancellable, &done->error);
  g_assert ((done->structure == NULL) != (done->error == NULL));
}

static gpointer
engine_thread_func (gpointer user_data)
{
  PleatEngine *self = user_data;

  for (;;)
    {
      Command *command = g_async_queue_pop (self->commands);
      Event *done;

      if (command->type == COMMAND_SHUTDOWN)
        {
          command_free (command);
          break;
        }

      g_mutex_lock (&self->mutex);
      self->current = command;
      if (g_atomic_int_get (&self->shutting_down))
        g_cancellable_cancel (command->cancellable);
      g_mutex_unlock (&self->mutex);

      done = event_new (EVENT_DONE, command);
      if (command->type == COMMAND_LOAD_MODEL)
        run_load_model (self, command, done);
      else
        run_predict (self, command, done);

      g_mutex_lock (&self->mutex);
      self->current = NULL;
      g_mutex_unlock (&self->mutex);
      push_event (self, done);
    }

  g_clear_object (&self->model);
  return NULL;
}

static void
pleat_engine_dispose (GObject *object)
{
  pleat_engine_shutdown (PLEAT_ENGINE (object));

  G_OBJECT_CLASS (pleat_engine_parent_class)->dispose (object);
}

static void
pleat_engine_finalize (GObject *object)
{
  PleatEngine *self = (PleatEngine *) object;

  g_clear_pointer (&self->commands, g_async_queue_unref);
  g_clear_pointer (&self->events, g_async_queue_unref);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_pointer (&self->model_name, g_free);
  g_clear_pointer (&self->weights_files, g_strfreev);
  g_mutex_clear (&self->mutex);
  if (self->loader_data_destroy != NULL)
    self->loader_data_destroy (self->loader_data);

  G_OBJECT_CLASS (pleat_engine_parent_class)->finalize (object);
}

static void
pleat_engine_class_init (PleatEngineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pleat_engine_dispose;
  object_class->finalize = pleat_engine_finalize;
}

static void
pleat_engine_init (PleatEngine *self)
{
  self->commands = g_async_queue_new ();
  self->events = g_async_queue_new_full ((GDestroyNotify) event_free);
  self->next_job_id = 1;
  g_mutex_init (&self->mutex);
}

PleatEngine *
pleat_engine_new (PleatModelLoadFunc loader,
                  gpointer           loader_data,
                  GDestroyNotify     loader_data_destroy)
{
  PleatEngine *self;

  g_return_val_if_fail (loader != NULL, NULL);

  self = g_object_new (PLEAT_TYPE_ENGINE, NULL);
  self->loader = loader;
  self->loader_data = loader_data;
  self->loader_data_destroy = loader_data_destroy;
  self->context = g_main_context_ref_thread_default ();
  self->thread = g_thread_new ("pleat-engine", engine_thread_func, self);
  return self;
}

static void
caller_cancelled_cb (GCancellable *caller_cancellable,
                     gpointer      user_data)
{
  g_cancellable_cancel (G_CANCELLABLE (user_data));
}

static Command *
command_new (PleatEngine         *self,
             CommandType          type,
             GCancellable        *cancellable,
             GAsyncReadyCallback  callback,
             gpointer             user_data,
             gpointer             source_tag)
{
  Command *command = g_new0 (Command, 1);

  command->type = type;
  command->engine = self;
  command->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (command->task, source_tag);
  command->cancellable = g_cancellable_new ();
  if (cancellable != NULL)
    {
      command->caller_cancellable = g_object_ref (cancellable);
      /* Runs at once when already cancelled. */
      command->caller_handler = g_cancellable_connect (cancellable,
                                                       G_CALLBACK (caller_cancelled_cb),
                                                       g_object_ref (command->cancellable),
                                                       g_object_unref);
    }
  return command;
}

void
pleat_engine_load_model_async (PleatEngine         *self,
                               const char          *path,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  Command *command;

  g_return_if_fail (PLEAT_IS_ENGINE (self));
  g_return_if_fail (path != NULL);
  g_return_if_fail (self->thread != NULL);

  command = command_new (self, COMMAND_LOAD_MODEL, cancellable, callback, user_data,
                         pleat_engine_load_model_async);
  command->path = g_strdup (path);
  g_async_queue_push (self->commands, command);
}

gboolean
pleat_engine_load_model_finish (PleatEngine   *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (PLEAT_IS_ENGINE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

const char *
pleat_engine_get_model_name (PleatEngine *self)
{
  g_return_val_if_fail (PLEAT_IS_ENGINE (self), NULL);
  return self->model_name;
}

char **
pleat_engine_dup_weights_files (PleatEngine *self)
{
  g_return_val_if_fail (PLEAT_IS_ENGINE (self), NULL);

  if (self->weights_files == NULL)
    return g_new0 (char *, 1);
  return g_strdupv (self->weights_files);
}

PleatJob *
pleat_engine_predict_async (PleatEngine            *self,
                            const PleatFoldRequest *request,
                            GCancellable           *cancellable,
                            GAsyncReadyCallback     callback,
                            gpointer                user_data)
{
  Command *command;

  g_return_val_if_fail (PLEAT_IS_ENGINE (self), NULL);
  g_return_val_if_fail (request != NULL, NULL);
  g_return_val_if_fail (self->thread != NULL, NULL);

  command = command_new (self, COMMAND_PREDICT, cancellable, callback, user_data,
                         pleat_engine_predict_async);
  command->job = pleat_job_new (self->next_job_id++, request);
  g_async_queue_push (self->commands, command);
  return g_object_ref (command->job);
}

PleatStructure *
pleat_engine_predict_finish (PleatEngine   *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (PLEAT_IS_ENGINE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
pleat_engine_shutdown (PleatEngine *self)
{
  Command *shutdown;

  g_return_if_fail (PLEAT_IS_ENGINE (self));

  if (self->thread == NULL)
    return;

  /* Cancel what runs and, through the flag, everything still queued: each command is then
   * answered as cancelled before the thread meets SHUTDOWN. (From dispose nothing is queued:
   * commands hold tasks and tasks hold the engine.) */
  g_atomic_int_set (&self->shutting_down, 1);
  g_mutex_lock (&self->mutex);
  if (self->current != NULL)
    g_cancellable_cancel (self->current->cancellable);
  g_mutex_unlock (&self->mutex);

  shutdown = g_new0 (Command, 1);
  shutdown->type = COMMAND_SHUTDOWN;
  g_async_queue_push (self->commands, shutdown);
  g_thread_join (g_steal_pointer (&self->thread));
}
