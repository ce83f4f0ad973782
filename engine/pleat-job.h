/* pleat-job.h
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The progress of one fold, as properties views bind to. Every property changes on the thread
 * that created the engine (the UI thread), never on the engine thread.
 */
#pragma once

#include <glib-object.h>

#include "pleat-model.h"

G_BEGIN_DECLS

typedef enum
{
  PLEAT_JOB_STATE_QUEUED,
  PLEAT_JOB_STATE_RUNNING,
  PLEAT_JOB_STATE_SUCCEEDED,
  PLEAT_JOB_STATE_FAILED,
  PLEAT_JOB_STATE_CANCELLED,
} PleatJobState;

#define PLEAT_TYPE_JOB (pleat_job_get_type ())

G_DECLARE_FINAL_TYPE (PleatJob, pleat_job, PLEAT, JOB, GObject)

PleatJob               *pleat_job_new             (guint                   id,
                                                   const PleatFoldRequest *request);
guint                   pleat_job_get_id          (PleatJob               *self);
const PleatFoldRequest *pleat_job_get_request     (PleatJob               *self);
PleatJobState           pleat_job_get_state       (PleatJob               *self);
/* TRUE while queued or running: the job has no outcome yet. */
gboolean                pleat_job_is_active       (PleatJob               *self);
PleatStage              pleat_job_get_stage       (PleatJob               *self);
double                  pleat_job_get_fraction    (PleatJob               *self);
/* The latest progress: stage, pass and block, fraction. */
void                    pleat_job_get_progress    (PleatJob               *self,
                                                   PleatProgress          *progress);
/* "Trunk pass 2 of 4, block 13 of 48", translated. */
const char             *pleat_job_get_message     (PleatJob               *self);
double                  pleat_job_get_elapsed     (PleatJob               *self);
/* Seconds left, estimated from the fraction done; negative while unknown. */
double                  pleat_job_get_eta         (PleatJob               *self);
/* (transfer none) (nullable): the structure after the latest trunk pass, then the result. */
PleatStructure         *pleat_job_get_structure   (PleatJob               *self);
/* (transfer none) (nullable) */
const GError           *pleat_job_get_error       (PleatJob               *self);

/* Called by the engine on the job's thread. */
void                    _pleat_job_start          (PleatJob               *self);
void                    _pleat_job_update         (PleatJob               *self,
                                                   const PleatProgress    *progress);
void                    _pleat_job_set_preview    (PleatJob               *self,
                                                   PleatStructure         *preview);
void                    _pleat_job_finish         (PleatJob               *self,
                                                   PleatStructure         *result,
                                                   const GError           *error);

const char             *pleat_stage_to_string     (PleatStage              stage);

G_END_DECLS
