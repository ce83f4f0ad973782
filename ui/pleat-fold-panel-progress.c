/* pleat-fold-panel-progress.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The progress area: follows a PleatJob's properties (which the engine changes on this
 * thread), and a once-a-second timeout for the clock that runs only while the job does.
 */
#define G_LOG_DOMAIN "pleat-ui"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "pleat-fold-panel-private.h"

gboolean
_pleat_fold_panel_job_is_active (PleatFoldPanel *self)
{
  return self->job != NULL && pleat_job_is_active (self->job);
}

static char *
format_duration (double seconds)
{
  guint total = (guint) MAX (0, floor (seconds + 0.5));

  if (total >= 3600)
    return g_strdup_printf ("%u:%02u:%02u", total / 3600, total / 60 % 60, total % 60);
  return g_strdup_printf ("%u:%02u", total / 60, total % 60);
}

void
_pleat_fold_panel_tick (PleatFoldPanel *self)
{
  g_autofree char *elapsed = NULL;
  g_autofree char *text = NULL;
  double eta;

  if (self->job == NULL || pleat_job_get_state (self->job) != PLEAT_JOB_STATE_RUNNING)
    {
      gtk_label_set_text (self->job_time_label, "");
      gtk_widget_set_visible (GTK_WIDGET (self->job_time_label), FALSE);
      return;
    }
  elapsed = format_duration (pleat_job_get_elapsed (self->job));
  eta = pleat_job_get_eta (self->job);
  if (eta >= 0)
    {
      g_autofree char *left = format_duration (eta);

      /* Translators: time spent and the estimate of the time left, e.g.
       * "Elapsed 0:42 · about 1:10 left". */
      text = g_strdup_printf (_("Elapsed %s · about %s left"), elapsed, left);
    }
  else
    /* Translators: time spent while there is no estimate yet. */
    text = g_strdup_printf (_("Elapsed %s · estimating the time left"), elapsed);
  gtk_label_set_text (self->job_time_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->job_time_label), TRUE);
}

static gboolean
tick_cb (gpointer data)
{
  _pleat_fold_panel_tick (PLEAT_FOLD_PANEL (data));
  return G_SOURCE_CONTINUE;
}

static void
fraction_changed_cb (PleatFoldPanel *self)
{
  double fraction = pleat_job_get_fraction (self->job);
  g_autofree char *percent = g_strdup_printf ("%.0f %%", floor (fraction * 100));

  gtk_progress_bar_set_fraction (self->progress_bar, fraction);
  gtk_progress_bar_set_text (self->progress_bar, percent);
  /* A new fraction changes the estimate: show it now rather than up to a second later. */
  _pleat_fold_panel_tick (self);
}

static void
message_changed_cb (PleatFoldPanel *self)
{
  const char *message = pleat_job_get_message (self->job);

  gtk_label_set_text (self->job_message_label, message != NULL ? message : "");
}

static char *
describe_result (PleatJob *job)
{
  PleatStructure *structure = pleat_job_get_structure (job);
  g_autofree char *took = format_duration (pleat_job_get_elapsed (job));
  GString *text = g_string_new (NULL);

  /* Translators: a fold finished; %s is the time it took, e.g. "Done in 1:23". */
  g_string_append_printf (text, _("Done in %s"), took);
  if (structure != NULL)
    {
      double mean_plddt = pleat_structure_get_mean_plddt (structure);
      double ptm = pleat_structure_get_ptm (structure);
      double iptm = pleat_structure_get_iptm (structure);

      if (!isnan (mean_plddt))
        g_string_append_printf (text, _(" · mean pLDDT %.1f"), mean_plddt);
      if (!isnan (ptm))
        g_string_append_printf (text, _(" · pTM %.2f"), ptm);
      if (!isnan (iptm))
        g_string_append_printf (text, _(" · ipTM %.2f"), iptm);
    }
  return g_string_free (text, FALSE);
}

static void
state_changed_cb (PleatFoldPanel *self)
{
  PleatJobState state = pleat_job_get_state (self->job);
  g_autofree char *result = NULL;
  g_autofree char *took = NULL;
  const GError *error;

  if (_pleat_fold_panel_job_is_active (self))
    {
      if (self->tick_id == 0)
        self->tick_id = g_timeout_add_seconds_full (G_PRIORITY_DEFAULT, 1, tick_cb, self, NULL);
    }
  else
    g_clear_handle_id (&self->tick_id, g_source_remove);

  gtk_widget_remove_css_class (GTK_WIDGET (self->job_result_label), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->job_result_label), "success");
  switch (state)
    {
    case PLEAT_JOB_STATE_QUEUED:
    case PLEAT_JOB_STATE_RUNNING:
      break;
    case PLEAT_JOB_STATE_SUCCEEDED:
      result = describe_result (self->job);
      gtk_widget_add_css_class (GTK_WIDGET (self->job_result_label), "success");
      break;
    case PLEAT_JOB_STATE_FAILED:
      error = pleat_job_get_error (self->job);
      /* Translators: the fold failed; %s is the error message. */
      result = g_strdup_printf (_("Failed: %s"),
                                error != NULL ? error->message : _("unknown error"));
      gtk_widget_add_css_class (GTK_WIDGET (self->job_result_label), "error");
      break;
    case PLEAT_JOB_STATE_CANCELLED:
      took = format_duration (pleat_job_get_elapsed (self->job));
      /* Translators: %s is the time the fold ran before it was cancelled. */
      result = g_strdup_printf (_("Cancelled after %s"), took);
      break;
    default:
      g_assert_not_reached ();
    }
  gtk_label_set_text (self->job_result_label, result != NULL ? result : "");
  gtk_widget_set_visible (GTK_WIDGET (self->job_result_label), result != NULL);
  /* Once the job ends the message ("Done", the error) repeats the result line. */
  gtk_widget_set_visible (GTK_WIDGET (self->job_message_label),
                          _pleat_fold_panel_job_is_active (self));
  _pleat_fold_panel_tick (self);
  _pleat_fold_panel_update_actions (self);
}

void
_pleat_fold_panel_bind_job (PleatFoldPanel *self,
                            PleatJob       *job)
{
  g_assert (self->job == NULL);

  self->job = g_object_ref (job);
  g_signal_connect_object (job, "notify::fraction", G_CALLBACK (fraction_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (job, "notify::message", G_CALLBACK (message_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (job, "notify::state", G_CALLBACK (state_changed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_set_visible (self->progress_box, TRUE);
  fraction_changed_cb (self);
  message_changed_cb (self);
  state_changed_cb (self);
}

void
_pleat_fold_panel_unbind_job (PleatFoldPanel *self)
{
  g_clear_handle_id (&self->tick_id, g_source_remove);
  if (self->job != NULL)
    g_signal_handlers_disconnect_by_data (self->job, self);
  g_clear_object (&self->job);
  if (self->progress_box != NULL)
    gtk_widget_set_visible (self->progress_box, FALSE);
}
