/* pleat-job.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pleat-engine"

#include "config.h"

#include <glib/gi18n.h>

#include "pleat-job.h"

struct _PleatJob
{
  GObject           parent_instance;

  /* Owned */
  PleatFoldRequest *request;
  PleatStructure   *structure;
  GError           *error;
  GTimer           *timer;
  char             *message;

  guint             id;
  PleatJobState     state;
  PleatProgress     progress;
};

G_DEFINE_FINAL_TYPE (PleatJob, pleat_job, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STATE,
  PROP_STAGE,
  PROP_FRACTION,
  PROP_MESSAGE,
  PROP_STRUCTURE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
pleat_job_finalize (GObject *object)
{
  PleatJob *self = (PleatJob *) object;

  g_clear_pointer (&self->request, pleat_fold_request_free);
  g_clear_object (&self->structure);
  g_clear_error (&self->error);
  g_clear_pointer (&self->timer, g_timer_destroy);
  g_clear_pointer (&self->message, g_free);

  G_OBJECT_CLASS (pleat_job_parent_class)->finalize (object);
}

static void
pleat_job_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  PleatJob *self = PLEAT_JOB (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_int (value, self->state);
      break;
    case PROP_STAGE:
      g_value_set_int (value, self->progress.stage);
      break;
    case PROP_FRACTION:
      g_value_set_double (value, self->progress.fraction);
      break;
    case PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;
    case PROP_STRUCTURE:
      g_value_set_object (value, self->structure);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pleat_job_class_init (PleatJobClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pleat_job_finalize;
  object_class->get_property = pleat_job_get_property;

  properties[PROP_STATE] =
    g_param_spec_int ("state", NULL, NULL,
                      PLEAT_JOB_STATE_QUEUED, PLEAT_JOB_STATE_CANCELLED, PLEAT_JOB_STATE_QUEUED,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STAGE] =
    g_param_spec_int ("stage", NULL, NULL,
                      PLEAT_STAGE_QUEUED, PLEAT_STAGE_DONE, PLEAT_STAGE_QUEUED,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FRACTION] =
    g_param_spec_double ("fraction", NULL, NULL, 0.0, 1.0, 0.0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MESSAGE] =
    g_param_spec_string ("message", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STRUCTURE] =
    g_param_spec_object ("structure", NULL, NULL, PLEAT_TYPE_STRUCTURE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pleat_job_init (PleatJob *self)
{
  self->state = PLEAT_JOB_STATE_QUEUED;
  self->message = g_strdup (_("Waiting"));
}

PleatJob *
pleat_job_new (guint                   id,
               const PleatFoldRequest *request)
{
  PleatJob *self;

  g_return_val_if_fail (request != NULL, NULL);

  self = g_object_new (PLEAT_TYPE_JOB, NULL);
  self->id = id;
  self->request = pleat_fold_request_copy (request);
  return self;
}

guint
pleat_job_get_id (PleatJob *self)
{
  g_return_val_if_fail (PLEAT_IS_JOB (self), 0);
  return self->id;
}

const PleatFoldRequest *
pleat_job_get_request (PleatJob *self)
{
  g_return_val_if_fail (PLEAT_IS_JOB (self), NULL);
  return self->request;
}

PleatJobState
pleat_job_get_state (PleatJob *self)
{
  g_return_val_if_fail (PLEAT_IS_JOB (self), PLEAT_JOB_STATE_QUEUED);
  return self->state;
}

gboolean
pleat_job_is_active (PleatJob *self)
{
  g_return_val_if_fail (PLEAT_IS_JOB (self), FALSE);
  return self->state == PLEAT_JOB_STATE_QUEUED || self->state == PLEAT_JOB_STATE_RUNNING;
}

PleatStage
pleat_job_get_stage (PleatJob *self)
{
  g_return_val_if_fail (PLEAT_IS_JOB (self), PLEAT_STAGE_QUEUED);
  return self->progress.stage;
}

double
pleat_job_get_fraction (PleatJob *self)
{
  g_return_val_if_fail (PLEAT_IS_JOB (self), 0.0);
  return self->progress.fraction;
}

void
pleat_job_get_progress (PleatJob      *self,
                        PleatProgress *progress)
{
  g_return_if_fail (PLEAT_IS_JOB (self));
  g_return_if_fail (progress != NULL);

  *progress = self->progress;
}

const char *
pleat_job_get_message (PleatJob *self)
{
  g_return_val_if_fail (PLEAT_IS_JOB (self), NULL);
  return self->message;
}

double
pleat_job_get_elapsed (PleatJob *self)
{
  g_return_val_if_fail (PLEAT_IS_JOB (self), 0.0);
  return self->timer != NULL ? g_timer_elapsed (self->timer, NULL) : 0.0;
}

double
pleat_job_get_eta (PleatJob *self)
{
  double fraction;

  g_return_val_if_fail (PLEAT_IS_JOB (self), -1.0);

  fraction = self->progress.fraction;
  if (self->state != PLEAT_JOB_STATE_RUNNING || fraction < 0.02)
    return -1.0;
  return pleat_job_get_elapsed (self) * (1.0 - fraction) / fraction;
}

PleatStructure *
pleat_job_get_structure (PleatJob *self)
{
  g_return_val_if_fail (PLEAT_IS_JOB (self), NULL);
  return self->structure;
}

const GError *
pleat_job_get_error (PleatJob *self)
{
  g_return_val_if_fail (PLEAT_IS_JOB (self), NULL);
  return self->error;
}

const char *
pleat_stage_to_string (PleatStage stage)
{
  switch (stage)
    {
    case PLEAT_STAGE_QUEUED:
      return _("Waiting");
    case PLEAT_STAGE_LOADING:
      return _("Loading the model");
    case PLEAT_STAGE_LANGUAGE_MODEL:
      return _("Language model");
    case PLEAT_STAGE_TRUNK:
      return _("Folding trunk");
    case PLEAT_STAGE_STRUCTURE_MODULE:
      return _("Structure module");
    case PLEAT_STAGE_DONE:
      return _("Done");
    default:
      g_assert_not_reached ();
    }
}

static void
set_state (PleatJob      *self,
           PleatJobState  state)
{
  if (self->state == state)
    return;
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
set_message (PleatJob *self,
             char     *message)
{
  if (g_strcmp0 (self->message, message) == 0)
    {
      g_free (message);
      return;
    }
  g_free (self->message);
  self->message = message;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MESSAGE]);
}

void
_pleat_job_start (PleatJob *self)
{
  g_return_if_fail (PLEAT_IS_JOB (self));

  self->timer = g_timer_new ();
  set_state (self, PLEAT_JOB_STATE_RUNNING);
}

void
_pleat_job_update (PleatJob            *self,
                   const PleatProgress *progress)
{
  PleatProgress old;

  g_return_if_fail (PLEAT_IS_JOB (self));
  g_return_if_fail (progress != NULL);

  old = self->progress;
  self->progress = *progress;
  if (old.stage != progress->stage)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STAGE]);
  if (old.fraction != progress->fraction)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRACTION]);

  if (progress->stage == PLEAT_STAGE_TRUNK && progress->n_passes > 0)
    /* Translators: progress of a fold, e.g. "Folding trunk: pass 2 of 4, block 13 of 48". */
    set_message (self, g_strdup_printf (_("%s: pass %u of %u, block %u of %u"),
                                         pleat_stage_to_string (progress->stage),
                                         progress->pass, progress->n_passes,
                                         progress->block, progress->n_blocks));
  else
    set_message (self, g_strdup (pleat_stage_to_string (progress->stage)));
}

void
_pleat_job_set_preview (PleatJob       *self,
                        PleatStructure *preview)
{
  g_return_if_fail (PLEAT_IS_JOB (self));

  if (g_set_object (&self->structure, preview))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STRUCTURE]);
}

void
_pleat_job_finish (PleatJob       *self,
                   PleatStructure *result,
                   const GError   *error)
{
  g_return_if_fail (PLEAT_IS_JOB (self));
  g_return_if_fail ((result == NULL) != (error == NULL));

  if (self->timer != NULL)
    g_timer_stop (self->timer);

  if (error != NULL)
    {
      g_clear_error (&self->error);
      self->error = g_error_copy (error);
      set_message (self, g_strdup (error->message));
      set_state (self, g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
                         ? PLEAT_JOB_STATE_CANCELLED : PLEAT_JOB_STATE_FAILED);
      return;
    }

  _pleat_job_set_preview (self, result);
  _pleat_job_update (self, &(PleatProgress) { .stage = PLEAT_STAGE_DONE, .fraction = 1.0 });
  set_state (self, PLEAT_JOB_STATE_SUCCEEDED);
}
