/* test-fold-panel.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "pleat-error.h"
#include "pleat-fold-panel-private.h"
#include "ui-test-util.h"

typedef struct
{
  PleatFoldPanel *panel;
  GtkWindow      *window;
  GPtrArray      *requests;    /* the last "fold-requested" */
  guint           n_fold_requested;
  guint           n_cancel_requested;
} Fixture;

static void
fold_requested_cb (PleatFoldPanel *panel,
                   GPtrArray      *requests,
                   Fixture        *f)
{
  f->n_fold_requested++;
  g_clear_pointer (&f->requests, g_ptr_array_unref);
  f->requests = g_ptr_array_ref (requests);
}

static void
cancel_requested_cb (PleatFoldPanel *panel,
                     Fixture        *f)
{
  f->n_cancel_requested++;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->panel = PLEAT_FOLD_PANEL (pleat_fold_panel_new ());
  g_signal_connect (f->panel, "fold-requested", G_CALLBACK (fold_requested_cb), f);
  g_signal_connect (f->panel, "cancel-requested", G_CALLBACK (cancel_requested_cb), f);
  gtk_widget_set_margin_start (GTK_WIDGET (f->panel), 18);
  gtk_widget_set_margin_end (GTK_WIDGET (f->panel), 18);
  gtk_widget_set_margin_top (GTK_WIDGET (f->panel), 18);
  gtk_widget_set_margin_bottom (GTK_WIDGET (f->panel), 18);
  f->window = ui_test_window_new (GTK_WIDGET (f->panel), 560, 620);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (f->window);
  pleat_test_spin (20);
  g_clear_pointer (&f->requests, g_ptr_array_unref);
}

static gboolean
has_error_tag (PleatFoldPanel *panel,
               int             line,
               int             character)
{
  GtkTextIter iter;

  gtk_text_buffer_get_iter_at_line_offset (panel->buffer, &iter, line, character);
  return gtk_text_iter_has_tag (&iter, panel->error_tag);
}

/* The characters of the buffer that carry the error tag, as "line:offset" items. */
static char *
tagged_characters (PleatFoldPanel *panel)
{
  GString *out = g_string_new (NULL);
  GtkTextIter iter;

  gtk_text_buffer_get_start_iter (panel->buffer, &iter);
  do
    if (gtk_text_iter_has_tag (&iter, panel->error_tag))
      g_string_append_printf (out, "%s%d:%d", out->len > 0 ? " " : "",
                              gtk_text_iter_get_line (&iter),
                              gtk_text_iter_get_line_offset (&iter));
  while (gtk_text_iter_forward_char (&iter));
  return g_string_free (out, FALSE);
}

static void
assert_invalid (Fixture    *f,
                const char *text,
                const char *message,
                const char *tagged)
{
  g_autofree char *got = NULL;

  pleat_fold_panel_set_text (f->panel, text);
  g_assert_false (pleat_fold_panel_get_valid (f->panel));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (f->panel->error_label)));
  g_assert_cmpstr (gtk_label_get_text (f->panel->error_label), ==, message);
  got = tagged_characters (f->panel);
  g_assert_cmpstr (got, ==, tagged);
  g_assert_null (pleat_fold_panel_dup_requests (f->panel));
}

static void
test_properties (void)
{
  PleatFoldPanel *panel = PLEAT_FOLD_PANEL (g_object_ref_sink (pleat_fold_panel_new ()));
  PleatModelStatus status;
  guint chunk;
  int passes;

  g_object_get (panel, "n-passes", &passes, "chunk-size", &chunk, "model-status", &status,
                NULL);
  g_assert_cmpint (passes, ==, 4);
  g_assert_cmpuint (chunk, ==, 0);
  g_assert_cmpint (status, ==, PLEAT_MODEL_STATUS_NONE);
  g_assert_false (pleat_fold_panel_get_valid (panel));
  g_assert_false (pleat_fold_panel_get_can_fold (panel));
  g_assert_null (pleat_fold_panel_get_job (panel));
  g_assert_cmpstr (gtk_label_get_text (panel->passes_note), ==,
                   "= 3 recycles, the ESMFold default");

  /* Passes and their note. */
  g_object_set (panel, "n-passes", 1, NULL);
  g_assert_cmpstr (gtk_label_get_text (panel->passes_note), ==, "= no recycling");
  pleat_fold_panel_set_n_passes (panel, 2);
  g_assert_cmpstr (gtk_label_get_text (panel->passes_note), ==, "= 1 recycle");
  pleat_fold_panel_set_n_passes (panel, 12);
  g_assert_cmpint (pleat_fold_panel_get_n_passes (panel), ==, 12);
  g_assert_cmpstr (gtk_label_get_text (panel->passes_note), ==, "= 11 recycles");

  /* Chunk sizes round down to a listed one. */
  pleat_fold_panel_set_chunk_size (panel, 128);
  g_assert_cmpuint (pleat_fold_panel_get_chunk_size (panel), ==, 128);
  g_object_set (panel, "chunk-size", 100, NULL);
  g_assert_cmpuint (pleat_fold_panel_get_chunk_size (panel), ==, 64);
  pleat_fold_panel_set_chunk_size (panel, 3);
  g_assert_cmpuint (pleat_fold_panel_get_chunk_size (panel), ==, 4);
  pleat_fold_panel_set_chunk_size (panel, 0);
  g_assert_cmpuint (pleat_fold_panel_get_chunk_size (panel), ==, 0);

  /* can-fold needs a valid text and a ready model. */
  g_object_set (panel, "text", "MKTAYIAKQR", NULL);
  g_assert_true (pleat_fold_panel_get_valid (panel));
  g_assert_false (pleat_fold_panel_get_can_fold (panel));
  pleat_fold_panel_set_model_status (panel, PLEAT_MODEL_STATUS_READY);
  g_assert_true (pleat_fold_panel_get_can_fold (panel));
  pleat_fold_panel_set_text (panel, "MKT?");
  g_assert_false (pleat_fold_panel_get_can_fold (panel));
  {
    g_autofree char *text = NULL;

    g_object_get (panel, "text", &text, NULL);
    g_assert_cmpstr (text, ==, "MKT?");
  }

  g_assert_finalize_object (panel);
}

static void
count_cb (GObject    *object,
          GParamSpec *pspec,
          guint      *count)
{
  (*count)++;
}

static void
test_notifications (void)
{
  PleatFoldPanel *panel = PLEAT_FOLD_PANEL (g_object_ref_sink (pleat_fold_panel_new ()));
  guint valid = 0, can_fold = 0, text = 0, passes = 0, chunk = 0, status = 0;

  g_signal_connect (panel, "notify::valid", G_CALLBACK (count_cb), &valid);
  g_signal_connect (panel, "notify::can-fold", G_CALLBACK (count_cb), &can_fold);
  g_signal_connect (panel, "notify::text", G_CALLBACK (count_cb), &text);
  g_signal_connect (panel, "notify::n-passes", G_CALLBACK (count_cb), &passes);
  g_signal_connect (panel, "notify::chunk-size", G_CALLBACK (count_cb), &chunk);
  g_signal_connect (panel, "notify::model-status", G_CALLBACK (count_cb), &status);

  pleat_fold_panel_set_text (panel, "MKT");
  pleat_fold_panel_set_text (panel, "MKT");          /* no change, no notify */
  g_assert_cmpuint (text, ==, 1);
  g_assert_cmpuint (valid, ==, 1);
  g_assert_cmpuint (can_fold, ==, 0);
  pleat_fold_panel_set_model_status (panel, PLEAT_MODEL_STATUS_READY);
  pleat_fold_panel_set_model_status (panel, PLEAT_MODEL_STATUS_READY);
  g_assert_cmpuint (status, ==, 1);
  g_assert_cmpuint (can_fold, ==, 1);
  pleat_fold_panel_set_text (panel, "MKTX");          /* still valid */
  g_assert_cmpuint (valid, ==, 1);
  g_assert_cmpuint (can_fold, ==, 1);
  pleat_fold_panel_set_text (panel, "MK-T");
  g_assert_cmpuint (valid, ==, 2);
  g_assert_cmpuint (can_fold, ==, 2);
  pleat_fold_panel_set_n_passes (panel, 6);
  pleat_fold_panel_set_n_passes (panel, 6);
  g_assert_cmpuint (passes, ==, 1);
  pleat_fold_panel_set_chunk_size (panel, 32);
  pleat_fold_panel_set_chunk_size (panel, 32);
  g_assert_cmpuint (chunk, ==, 1);

  g_assert_finalize_object (panel);
}

/* Bad input: the message names record, line and column, and the character is marked. */
static void
test_validation (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *tagged = NULL;

  /* Nothing typed: no error, just a hint. */
  g_assert_false (pleat_fold_panel_get_valid (f->panel));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (f->panel->error_label)));
  g_assert_true (gtk_widget_get_visible (f->panel->placeholder));
  g_assert_cmpstr (gtk_label_get_text (f->panel->summary_label), ==,
                   "Paste a sequence or FASTA records");

  assert_invalid (f, "MKT1AYIAK",
                  "Record “sequence”, line 1, column 4: ‘1’ is not an amino-acid letter", "0:3");
  g_assert_false (gtk_widget_get_visible (f->panel->placeholder));
  gtk_test_accessible_assert_state (GTK_WIDGET (f->panel->text_view),
                                    GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE);
  assert_invalid (f, ">first protein\nMKTAYIAKQR\nQIS-FVK\n",
                  "Record “first”, line 3, column 4: ‘-’ is an alignment gap, not a residue; "
                  "remove gaps before folding", "2:3");
  /* Columns are bytes; the mark lands on the character, after a two-byte one. */
  assert_invalid (f, ">u\nMÅKT\n",
                  "Record “u”, line 2, column 2: U+00C5 is not an amino-acid letter", "1:1");
  assert_invalid (f, ">a\nMKT\n>a\nGG\n",
                  "Record “a”, line 3: the id is already used by the record at line 1",
                  "2:0 2:1");
  assert_invalid (f, "MKT::AAA", "Record “sequence”, line 1, column 5: empty chain: ‘:’ must "
                  "separate two non-empty chains", "0:4");

  /* Fixed: valid, nothing marked, the summary counts. */
  pleat_fold_panel_set_text (f->panel, "MKTAYIAKQR:GSHM");
  g_assert_true (pleat_fold_panel_get_valid (f->panel));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (f->panel->error_label)));
  tagged = tagged_characters (f->panel);
  g_assert_cmpstr (tagged, ==, "");
  g_assert_false (has_error_tag (f->panel, 0, 4));
  g_assert_cmpstr (gtk_label_get_text (f->panel->summary_label), ==, "2 chains, 14 residues");
  gtk_test_accessible_assert_state (GTK_WIDGET (f->panel->text_view),
                                    GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_FALSE);

  pleat_fold_panel_set_text (f->panel, ">a\nMK\n>b\nAA:GG\n; comment\n>c\nW\n");
  g_assert_cmpstr (gtk_label_get_text (f->panel->summary_label), ==,
                   "3 sequences: 4 chains, 7 residues");
  pleat_fold_panel_set_text (f->panel, "m k t\n");
  g_assert_cmpstr (gtk_label_get_text (f->panel->summary_label), ==, "1 chain, 3 residues");
}

static GtkWidget *
find_button (GtkWidget  *root,
             const char *label)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_BUTTON (child)
          && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (child)), label) == 0)
        return child;
      if ((found = find_button (child, label)) != NULL)
        return found;
    }
  return NULL;
}

static void
test_fold_requested (Fixture       *f,
                     gconstpointer  data)
{
  GtkWidget *fold_button = find_button (GTK_WIDGET (f->panel), "_Fold");
  GtkWidget *cancel_button = find_button (GTK_WIDGET (f->panel), "_Cancel");
  const PleatFoldRequest *request;

  /* The buttons follow the actions: Fold needs valid text and a model, Cancel a job. */
  g_assert_nonnull (fold_button);
  g_assert_nonnull (cancel_button);
  g_assert_false (gtk_widget_get_sensitive (fold_button));
  g_assert_false (gtk_widget_get_sensitive (cancel_button));
  pleat_fold_panel_set_model_status (f->panel, PLEAT_MODEL_STATUS_READY);
  g_assert_false (gtk_widget_get_sensitive (fold_button));
  pleat_fold_panel_set_text (f->panel, "MKT");
  g_assert_true (gtk_widget_get_sensitive (fold_button));
  pleat_fold_panel_set_model_status (f->panel, PLEAT_MODEL_STATUS_LOADING);
  g_assert_false (gtk_widget_get_sensitive (fold_button));
  pleat_fold_panel_set_model_status (f->panel, PLEAT_MODEL_STATUS_NONE);

  pleat_fold_panel_set_text (f->panel, ">dimer two chains\nMKTAYIAKQR:GSHM\n>mono\nACDEF\n");
  pleat_fold_panel_set_n_passes (f->panel, 2);
  pleat_fold_panel_set_chunk_size (f->panel, 64);

  /* No model: the Fold action is disabled and asks for nothing. */
  gtk_widget_activate_action (GTK_WIDGET (f->panel), "fold-panel.fold", NULL);
  g_assert_cmpuint (f->n_fold_requested, ==, 0);

  pleat_fold_panel_set_model_status (f->panel, PLEAT_MODEL_STATUS_READY);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->panel), "fold-panel.fold", NULL));
  g_assert_cmpuint (f->n_fold_requested, ==, 1);
  g_assert_cmpuint (f->requests->len, ==, 2);

  request = g_ptr_array_index (f->requests, 0);
  g_assert_cmpstr (request->id, ==, "dimer");
  g_assert_cmpuint (g_strv_length (request->chains), ==, 2);
  g_assert_cmpstr (request->chains[0], ==, "MKTAYIAKQR");
  g_assert_cmpstr (request->chains[1], ==, "GSHM");
  g_assert_cmpint (request->n_passes, ==, 2);
  g_assert_cmpuint (request->chunk_size, ==, 64);
  request = g_ptr_array_index (f->requests, 1);
  g_assert_cmpstr (request->id, ==, "mono");
  g_assert_cmpstr (request->chains[0], ==, "ACDEF");
  g_assert_null (request->chains[1]);

  /* A raw sequence is one request named "sequence". */
  pleat_fold_panel_set_text (f->panel, "acdef");
  gtk_widget_activate_action (GTK_WIDGET (f->panel), "fold-panel.fold", NULL);
  g_assert_cmpuint (f->n_fold_requested, ==, 2);
  g_assert_cmpuint (f->requests->len, ==, 1);
  request = g_ptr_array_index (f->requests, 0);
  g_assert_cmpstr (request->id, ==, "sequence");
  g_assert_cmpstr (request->chains[0], ==, "ACDEF");

  /* Invalid again: nothing. */
  pleat_fold_panel_set_text (f->panel, "AC1");
  gtk_widget_activate_action (GTK_WIDGET (f->panel), "fold-panel.fold", NULL);
  g_assert_cmpuint (f->n_fold_requested, ==, 2);
}

static void
test_examples (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->panel), "fold-panel.load-example",
                                             "s", "insulin"));
  text = pleat_fold_panel_dup_text (f->panel);
  g_assert_nonnull (strstr (text, "GIVEQCCTSICSLYQLENYCN"));
  g_assert_true (pleat_fold_panel_get_valid (f->panel));
  g_assert_cmpstr (gtk_label_get_text (f->panel->summary_label), ==, "2 chains, 51 residues");

  g_assert_true (pleat_fold_panel_load_example (f->panel, "ubiquitin", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (gtk_label_get_text (f->panel->summary_label), ==, "1 chain, 76 residues");
  g_assert_true (pleat_fold_panel_load_example (f->panel, "fast-folders", &error));
  g_assert_cmpstr (gtk_label_get_text (f->panel->summary_label), ==,
                   "2 sequences: 2 chains, 55 residues");

  g_assert_false (pleat_fold_panel_load_example (f->panel, "no-such-example", &error));
  g_assert_error (error, G_RESOURCE_ERROR, G_RESOURCE_ERROR_NOT_FOUND);
  /* The text is untouched by a failed load. */
  g_assert_cmpstr (gtk_label_get_text (f->panel->summary_label), ==,
                   "2 sequences: 2 chains, 55 residues");
}

static void
test_model_status (Fixture       *f,
                   gconstpointer  data)
{
  g_assert_cmpstr (gtk_label_get_text (f->panel->model_label), ==, "No model installed");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (f->panel->model_hint)));
  g_assert_cmpstr (gtk_label_get_text (f->panel->model_hint), ==,
                   "Download the esmfold_v1 weights to fold sequences.");
  pleat_fold_panel_set_model_message (f->panel, "huggingface-cli download facebook/esmfold_v1");
  g_assert_cmpstr (gtk_label_get_text (f->panel->model_hint), ==,
                   "huggingface-cli download facebook/esmfold_v1");

  g_object_set (f->panel, "model-status", PLEAT_MODEL_STATUS_LOADING, "model-name", "esmfold_v1",
                NULL);
  g_assert_cmpstr (gtk_label_get_text (f->panel->model_label), ==, "Loading esmfold_v1…");
  g_assert_true (gtk_widget_get_visible (f->panel->model_spinner));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (f->panel->model_hint)));

  pleat_fold_panel_set_model_status (f->panel, PLEAT_MODEL_STATUS_READY);
  g_assert_cmpstr (gtk_label_get_text (f->panel->model_label), ==, "Ready: esmfold_v1");
  g_assert_false (gtk_widget_get_visible (f->panel->model_spinner));

  pleat_fold_panel_set_model_message (f->panel, "config.json: missing key “esmfold_config”");
  pleat_fold_panel_set_model_status (f->panel, PLEAT_MODEL_STATUS_FAILED);
  g_assert_cmpstr (gtk_label_get_text (f->panel->model_label), ==,
                   "The model could not be loaded");
  g_assert_cmpstr (gtk_label_get_text (f->panel->model_hint), ==,
                   "config.json: missing key “esmfold_config”");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (f->panel->model_label), "error"));
  g_assert_cmpstr (pleat_fold_panel_get_model_name (f->panel), ==, "esmfold_v1");
  g_assert_cmpstr (pleat_fold_panel_get_model_message (f->panel), ==,
                   "config.json: missing key “esmfold_config”");
}

static PleatJob *
new_job (void)
{
  const char *chains[] = { "MKTAYIAKQR", "GSHM", NULL };
  g_autoptr(PleatFoldRequest) request = pleat_fold_request_new ("dimer", chains);

  return pleat_job_new (7, request);
}

/* The clock moved past 0:00 (to 0:01, or later on a loaded machine). */
static gboolean
elapsed_moved (gpointer data)
{
  PleatFoldPanel *panel = data;
  const char *text = gtk_label_get_text (panel->job_time_label);

  return g_str_has_prefix (text, "Elapsed 0:0") && !g_str_has_prefix (text, "Elapsed 0:00");
}

/* The progress area follows a job driven the way the engine drives it. */
static void
test_job_progress (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(PleatJob) job = new_job ();
  g_autoptr(PleatStructure) result = pleat_structure_new ();

  g_assert_false (gtk_widget_get_visible (f->panel->progress_box));
  pleat_fold_panel_set_job (f->panel, job);
  g_assert_true (pleat_fold_panel_get_job (f->panel) == job);
  g_assert_true (gtk_widget_get_visible (f->panel->progress_box));
  g_assert_cmpstr (gtk_label_get_text (f->panel->job_message_label), ==, "Waiting");
  g_assert_cmpfloat (gtk_progress_bar_get_fraction (f->panel->progress_bar), ==, 0.0);
  /* Queued: Cancel is possible, the clock not shown yet. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->panel), "fold-panel.cancel", NULL));
  g_assert_cmpuint (f->n_cancel_requested, ==, 1);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (f->panel->job_time_label)));

  _pleat_job_start (job);
  _pleat_job_update (job, &(PleatProgress) { .stage = PLEAT_STAGE_LANGUAGE_MODEL,
                                             .fraction = 0.01 });
  g_assert_cmpstr (gtk_label_get_text (f->panel->job_message_label), ==, "Language model");
  g_assert_true (g_str_has_prefix (gtk_label_get_text (f->panel->job_time_label),
                                   "Elapsed 0:0"));
  g_assert_true (g_str_has_suffix (gtk_label_get_text (f->panel->job_time_label),
                                   " · estimating the time left"));
  g_assert_cmpuint (f->panel->tick_id, !=, 0);

  _pleat_job_update (job, &(PleatProgress) { .stage = PLEAT_STAGE_TRUNK, .pass = 2,
                                             .n_passes = 4, .block = 13, .n_blocks = 48,
                                             .fraction = 0.5 });
  g_assert_cmpfloat (gtk_progress_bar_get_fraction (f->panel->progress_bar), ==, 0.5);
  g_assert_cmpstr (gtk_progress_bar_get_text (f->panel->progress_bar), ==, "50 %");
  g_assert_cmpstr (gtk_label_get_text (f->panel->job_message_label), ==,
                   "Folding trunk: pass 2 of 4, block 13 of 48");
  g_assert_true (g_str_has_prefix (gtk_label_get_text (f->panel->job_time_label),
                                   "Elapsed 0:0"));
  g_assert_nonnull (strstr (gtk_label_get_text (f->panel->job_time_label), " · about "));
  g_assert_true (g_str_has_suffix (gtk_label_get_text (f->panel->job_time_label), " left"));

  /* The clock runs by itself once a second. */
  g_assert_true (pleat_test_wait_until (elapsed_moved, f->panel, 5000));

  /* Done: the confidences, the clock stopped, Cancel off. */
  pleat_structure_set_mean_plddt (result, 87.24);
  pleat_structure_set_ptm (result, 0.811);
  pleat_structure_set_iptm (result, 0.742);
  _pleat_job_finish (job, result, NULL);
  g_assert_cmpuint (f->panel->tick_id, ==, 0);
  g_assert_cmpfloat (gtk_progress_bar_get_fraction (f->panel->progress_bar), ==, 1.0);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (f->panel->job_result_label)));
  /* About a second, give or take the timeout's coalescing on a loaded machine. */
  g_assert_true (g_str_has_prefix (gtk_label_get_text (f->panel->job_result_label),
                                   "Done in 0:0"));
  g_assert_true (g_str_has_suffix (gtk_label_get_text (f->panel->job_result_label),
                                   " · mean pLDDT 87.2 · pTM 0.81 · ipTM 0.74"));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (f->panel->job_time_label)));
  gtk_widget_activate_action (GTK_WIDGET (f->panel), "fold-panel.cancel", NULL);
  g_assert_cmpuint (f->n_cancel_requested, ==, 1);

  pleat_fold_panel_set_job (f->panel, NULL);
  g_assert_false (gtk_widget_get_visible (f->panel->progress_box));
}

static void
test_job_failed_and_cancelled (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(PleatJob) failed = new_job ();
  g_autoptr(PleatJob) cancelled = new_job ();
  g_autoptr(GError) oom = g_error_new_literal (PLEAT_ENGINE_ERROR,
                                               PLEAT_ENGINE_ERROR_OUT_OF_MEMORY,
                                               "4,000 residues need 61 GB; 24 GB are free");
  g_autoptr(GError) cancel = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                                  "Operation was cancelled");

  pleat_fold_panel_set_job (f->panel, failed);
  _pleat_job_start (failed);
  _pleat_job_finish (failed, NULL, oom);
  g_assert_cmpstr (gtk_label_get_text (f->panel->job_result_label), ==,
                   "Failed: 4,000 residues need 61 GB; 24 GB are free");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (f->panel->job_result_label), "error"));
  g_assert_cmpuint (f->panel->tick_id, ==, 0);

  /* Another job replaces the first; the old one no longer reaches the panel. */
  pleat_fold_panel_set_job (f->panel, cancelled);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (f->panel->job_result_label)));
  _pleat_job_start (cancelled);
  _pleat_job_update (cancelled, &(PleatProgress) { .stage = PLEAT_STAGE_TRUNK, .pass = 1,
                                                   .n_passes = 4, .block = 3, .n_blocks = 48,
                                                   .fraction = 0.1 });
  _pleat_job_update (failed, &(PleatProgress) { .stage = PLEAT_STAGE_DONE, .fraction = 0.9 });
  g_assert_cmpfloat (gtk_progress_bar_get_fraction (f->panel->progress_bar), ==, 0.1);
  _pleat_job_finish (cancelled, NULL, cancel);
  g_assert_true (g_str_has_prefix (gtk_label_get_text (f->panel->job_result_label),
                                   "Cancelled after 0:0"));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (f->panel->job_result_label), "error"));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (f->panel->job_message_label)));
}

/* While the job shown is queued or running, Fold is off (a second press would only queue
 * another fold behind it); it comes back however the job ends. */
static void
test_fold_waits_for_job (Fixture       *f,
                         gconstpointer  data)
{
  GtkWidget *fold_button = find_button (GTK_WIDGET (f->panel), "_Fold");
  g_autoptr(PleatJob) succeeded = new_job ();
  g_autoptr(PleatJob) failed = new_job ();
  g_autoptr(PleatJob) cancelled = new_job ();
  g_autoptr(PleatStructure) result = pleat_structure_new ();
  g_autoptr(GError) oom = g_error_new_literal (PLEAT_ENGINE_ERROR,
                                               PLEAT_ENGINE_ERROR_OUT_OF_MEMORY, "no memory");
  g_autoptr(GError) cancel = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                                  "Operation was cancelled");
  guint can_fold = 0;

  g_signal_connect (f->panel, "notify::can-fold", G_CALLBACK (count_cb), &can_fold);
  pleat_fold_panel_set_model_status (f->panel, PLEAT_MODEL_STATUS_READY);
  pleat_fold_panel_set_text (f->panel, "MKTAYIAKQR");
  g_assert_true (pleat_fold_panel_get_can_fold (f->panel));
  g_assert_true (gtk_widget_get_sensitive (fold_button));
  g_assert_cmpuint (can_fold, ==, 1);

  /* Queued, then running: off, with one notification. */
  pleat_fold_panel_set_job (f->panel, succeeded);
  g_assert_false (pleat_fold_panel_get_can_fold (f->panel));
  g_assert_false (gtk_widget_get_sensitive (fold_button));
  g_assert_cmpuint (can_fold, ==, 2);
  _pleat_job_start (succeeded);
  g_assert_false (pleat_fold_panel_get_can_fold (f->panel));
  g_assert_cmpuint (can_fold, ==, 2);
  /* The action itself is off too, so a shortcut cannot fold again. */
  gtk_widget_activate_action (GTK_WIDGET (f->panel), "fold-panel.fold", NULL);
  g_assert_cmpuint (f->n_fold_requested, ==, 0);
  /* Editing the text while it runs leaves Fold off. */
  pleat_fold_panel_set_text (f->panel, "MKTAYIAKQRG");
  g_assert_false (pleat_fold_panel_get_can_fold (f->panel));

  _pleat_job_finish (succeeded, result, NULL);
  g_assert_true (pleat_fold_panel_get_can_fold (f->panel));
  g_assert_true (gtk_widget_get_sensitive (fold_button));
  g_assert_cmpuint (can_fold, ==, 3);

  /* Failed and cancelled jobs give Fold back as well. */
  pleat_fold_panel_set_job (f->panel, failed);
  g_assert_false (gtk_widget_get_sensitive (fold_button));
  _pleat_job_start (failed);
  _pleat_job_finish (failed, NULL, oom);
  g_assert_true (gtk_widget_get_sensitive (fold_button));
  pleat_fold_panel_set_job (f->panel, cancelled);
  g_assert_false (pleat_fold_panel_get_can_fold (f->panel));
  _pleat_job_finish (cancelled, NULL, cancel);
  g_assert_true (pleat_fold_panel_get_can_fold (f->panel));
  g_assert_cmpuint (can_fold, ==, 7);

  /* Dropping a running job gives Fold back too. */
  pleat_fold_panel_set_job (f->panel, NULL);
  g_assert_true (pleat_fold_panel_get_can_fold (f->panel));
  {
    g_autoptr(PleatJob) running = new_job ();

    pleat_fold_panel_set_job (f->panel, running);
    _pleat_job_start (running);
    g_assert_false (pleat_fold_panel_get_can_fold (f->panel));
    pleat_fold_panel_set_job (f->panel, NULL);
    g_assert_true (pleat_fold_panel_get_can_fold (f->panel));
    g_assert_true (gtk_widget_get_sensitive (fold_button));
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->panel), "fold-panel.fold", NULL));
  g_assert_cmpuint (f->n_fold_requested, ==, 1);
}

static void
test_accessibility (Fixture       *f,
                    gconstpointer  data)
{
  gtk_test_accessible_assert_role (GTK_WIDGET (f->panel->text_view),
                                   GTK_ACCESSIBLE_ROLE_TEXT_BOX);
  gtk_test_accessible_assert_role (GTK_WIDGET (f->panel->progress_bar),
                                   GTK_ACCESSIBLE_ROLE_PROGRESS_BAR);
  gtk_test_accessible_assert_property (GTK_WIDGET (f->panel->progress_bar),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Folding progress");
  g_assert_true (gtk_test_accessible_has_relation (GTK_ACCESSIBLE (f->panel->text_view),
                                                   GTK_ACCESSIBLE_RELATION_LABELLED_BY));
}

static void
screenshot (Fixture    *f,
            const char *name)
{
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;

  pleat_test_spin (50);
  texture = ui_test_render_widget (GTK_WIDGET (f->window));
  path = ui_test_save_png (texture, name);
}

static void
test_screenshots (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(PleatJob) job = new_job ();
  g_autoptr(PleatStructure) result = pleat_structure_new ();

  /* An error in the second record. */
  pleat_fold_panel_set_text (f->panel, ">lysozyme\nKVFGRCELAAAMKRHGLDNYRGYSLGNWVCAAKFESNFNTQA\n"
                             ">bad\nMKTAYIAKQR1SHM\n");
  pleat_fold_panel_set_model_status (f->panel, PLEAT_MODEL_STATUS_NONE);
  pleat_fold_panel_set_model_message (f->panel, "Download facebook/esmfold_v1 into "
                                      "~/.local/share/pleat/models/esmfold_v1 to fold.");
  screenshot (f, "fold-panel-error.png");

  /* A long unwrapped sequence wraps without hyphens. */
  {
    GString *long_text = g_string_new (">long one line of 400 residues\n");
    GtkTextIter iter;
    int lines = 0;

    for (guint i = 0; i < 400; i++)
      g_string_append_c (long_text, "ACDEFGHIKLMNPQRSTVWY"[(i * 7) % 20]);
    pleat_fold_panel_set_text (f->panel, long_text->str);
    g_string_free (long_text, TRUE);
    screenshot (f, "fold-panel-long.png");
    gtk_text_buffer_get_iter_at_line (f->panel->buffer, &iter, 1);
    g_assert_true (gtk_text_iter_has_tag (&iter, f->panel->sequence_tag));
    /* It is displayed on several lines, and is still one valid record. */
    while (gtk_text_view_forward_display_line (f->panel->text_view, &iter))
      lines++;
    g_assert_cmpint (lines, >, 3);
    g_assert_true (pleat_fold_panel_get_valid (f->panel));
  }

  /* Folding the insulin example. */
  g_assert_true (pleat_fold_panel_load_example (f->panel, "insulin", NULL));
  pleat_fold_panel_set_model_message (f->panel, NULL);
  pleat_fold_panel_set_model_name (f->panel, "esmfold_v1");
  pleat_fold_panel_set_model_status (f->panel, PLEAT_MODEL_STATUS_READY);
  pleat_fold_panel_set_job (f->panel, job);
  _pleat_job_start (job);
  _pleat_job_update (job, &(PleatProgress) { .stage = PLEAT_STAGE_TRUNK, .pass = 2,
                                             .n_passes = 4, .block = 13, .n_blocks = 48,
                                             .fraction = 0.45 });
  screenshot (f, "fold-panel-running.png");

  pleat_structure_set_mean_plddt (result, 81.63);
  pleat_structure_set_ptm (result, 0.702);
  pleat_structure_set_iptm (result, 0.655);
  _pleat_job_finish (job, result, NULL);
  screenshot (f, "fold-panel-done.png");
}

int
main (int   argc,
      char *argv[])
{
  ui_test_init (&argc, &argv);

  g_test_add_func ("/pleat/ui/FoldPanel/properties", test_properties);
  g_test_add_func ("/pleat/ui/FoldPanel/notifications", test_notifications);
  g_test_add ("/pleat/ui/FoldPanel/validation", Fixture, NULL,
              fixture_set_up, test_validation, fixture_tear_down);
  g_test_add ("/pleat/ui/FoldPanel/fold-requested", Fixture, NULL,
              fixture_set_up, test_fold_requested, fixture_tear_down);
  g_test_add ("/pleat/ui/FoldPanel/examples", Fixture, NULL,
              fixture_set_up, test_examples, fixture_tear_down);
  g_test_add ("/pleat/ui/FoldPanel/model-status", Fixture, NULL,
              fixture_set_up, test_model_status, fixture_tear_down);
  g_test_add ("/pleat/ui/FoldPanel/job-progress", Fixture, NULL,
              fixture_set_up, test_job_progress, fixture_tear_down);
  g_test_add ("/pleat/ui/FoldPanel/job-failed-and-cancelled", Fixture, NULL,
              fixture_set_up, test_job_failed_and_cancelled, fixture_tear_down);
  g_test_add ("/pleat/ui/FoldPanel/fold-waits-for-job", Fixture, NULL,
              fixture_set_up, test_fold_waits_for_job, fixture_tear_down);
  g_test_add ("/pleat/ui/FoldPanel/accessibility", Fixture, NULL,
              fixture_set_up, test_accessibility, fixture_tear_down);
  g_test_add ("/pleat/ui/FoldPanel/screenshots", Fixture, NULL,
              fixture_set_up, test_screenshots, fixture_tear_down);

  return g_test_run ();
}
