/* pleat-fold-panel-private.h
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The fold panel's instance, shared by the form (pleat-fold-panel.c) and the progress area
 * (pleat-fold-panel-progress.c); tests read the template widgets to see what a user sees.
 */
#pragma once

#include "pleat-fold-panel.h"

G_BEGIN_DECLS

struct _PleatFoldPanel
{
  GtkWidget       parent_instance;

  /* Template widgets */
  GtkWidget      *model_spinner;
  GtkImage       *model_icon;
  GtkLabel       *model_label;
  GtkLabel       *model_hint;
  GtkTextView    *text_view;
  GtkTextBuffer  *buffer;
  GtkTextTag     *sequence_tag;
  GtkTextTag     *error_tag;
  GtkWidget      *placeholder;
  GtkLabel       *error_label;
  GtkLabel       *summary_label;
  GtkSpinButton  *passes_spin;
  GtkLabel       *passes_note;
  GtkDropDown    *chunk_dropdown;
  GtkWidget      *progress_box;
  GtkProgressBar *progress_bar;
  GtkLabel       *job_message_label;
  GtkLabel       *job_time_label;
  GtkLabel       *job_result_label;

  /* Owned */
  PleatJob       *job;
  char           *model_name;
  char           *model_message;
  GPtrArray      *records;         /* of PleatSequenceRecord, NULL when not valid */
  guint           tick_id;         /* once a second while the job runs */

  PleatModelStatus model_status;
  gboolean         setting_text;
  gboolean         can_fold;        /* as last notified; _pleat_fold_panel_update_actions() */
};

/* pleat-fold-panel-progress.c */
/* TRUE while the job shown is queued or running. */
gboolean _pleat_fold_panel_job_is_active (PleatFoldPanel *self);
void _pleat_fold_panel_bind_job     (PleatFoldPanel *self,
                                     PleatJob       *job);
void _pleat_fold_panel_unbind_job   (PleatFoldPanel *self);
/* What the once-a-second timeout does: elapsed time and estimate. */
void _pleat_fold_panel_tick         (PleatFoldPanel *self);

/* pleat-fold-panel.c */
/* Recomputes can-fold (notifying when it changed) and the actions' enabled states; called
 * when the text, the model status, the job or the job's state changes. */
void _pleat_fold_panel_update_actions (PleatFoldPanel *self);

G_END_DECLS
