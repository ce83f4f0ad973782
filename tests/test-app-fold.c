/* test-app-fold.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Point-and-click folding in the application, under Xvfb, on the tiny-b random-weight model
 * (tests/fixtures/esmfold/tiny-b, found through $PLEAT_MODELS_DIR): the model loads at
 * startup; Fold opens a tab that follows the fold and ends with the result, its pLDDT track and
 * PAE map; the result files are saved and read back; Save As copies them; Cancel and quitting
 * stop a fold cleanly; without a model (or with a broken one) the panel says so and Fold stays
 * off.
 */
#include "config.h"

#include <dlfcn.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "pleat-application.h"
#include "pleat-fold-controller.h"
#include "pleat-fold-panel.h"
#include "pleat-structure-page.h"
#include "pleat-structure-reader.h"
#include "pleat-test-ui.h"
#include "pleat-window.h"

/* Generous: ASan builds fold many times slower. */
#define FOLD_TIMEOUT_MS 120000

typedef struct _Fixture Fixture;
typedef void (*TestBody) (Fixture *fixture);

struct _Fixture
{
  PleatApplication *app;
  char             *tmpdir;
  TestBody          body;
  PleatJob         *job;        /* the job a test follows, checked after the app quit */
  guint             n_frames;
  guint             n_tabs_at_first_frame;
  gboolean          cancel_on_first_frame;
};

typedef struct
{
  const char *models;   /* "fixture", "empty" or "broken" */
  TestBody    body;
} TestCase;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  const TestCase *test_case = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *models = NULL;
  g_autofree char *hub = NULL;
  g_autofree char *results = NULL;

  fixture->tmpdir = g_dir_make_tmp ("pleat-app-fold-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->body = test_case->body;

  if (g_str_equal (test_case->models, "fixture"))
    models = g_test_build_filename (G_TEST_DIST, "fixtures", "esmfold", NULL);
  else
    {
      models = g_build_filename (fixture->tmpdir, "models", NULL);
      g_assert_no_errno (g_mkdir (models, 0755));
    }
  if (g_str_equal (test_case->models, "broken"))
    {
      g_autofree char *dir = g_build_filename (models, "broken", NULL);
      g_autofree char *config = g_build_filename (dir, "config.json", NULL);

      g_assert_no_errno (g_mkdir (dir, 0755));
      g_file_set_contents (config, "{ \"model_type\": ", -1, &error);
      g_assert_no_error (error);
    }
  /* No model from a Hugging Face cache of the machine running the tests. */
  hub = g_build_filename (fixture->tmpdir, "hub", NULL);
  g_setenv ("PLEAT_MODELS_DIR", models, TRUE);
  g_setenv ("HF_HUB_CACHE", hub, TRUE);
  /* A fresh results folder per test. */
  results = g_build_filename (fixture->tmpdir, "results", NULL);
  g_setenv ("PLEAT_RESULTS_DIR", results, TRUE);

  fixture->app = pleat_application_new ();
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_assert_no_errno (g_unlink (child));
    }
  g_assert_no_errno (g_rmdir (path));
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_assert_finalize_object (fixture->app);
  g_clear_object (&fixture->job);
  remove_tree (fixture->tmpdir);
  g_free (fixture->tmpdir);
  g_unsetenv ("PLEAT_MODELS_DIR");
  g_unsetenv ("HF_HUB_CACHE");
  g_unsetenv ("PLEAT_RESULTS_DIR");
}

static void
run_body (gpointer data)
{
  Fixture *fixture = data;

  fixture->body (fixture);
}

static void
test_in_app (Fixture       *fixture,
             gconstpointer  data)
{
  pleat_test_run_in_app (GTK_APPLICATION (fixture->app), TRUE,
                         run_body, fixture);
}

static PleatWindow *
get_window (Fixture *fixture)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (fixture->app));

  g_assert_true (PLEAT_IS_WINDOW (window));
  return PLEAT_WINDOW (window);
}

static GtkWidget *
find_button_with_action (GtkWidget  *root,
                         const char *action)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_BUTTON (child) &&
          g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (child)), action) == 0)
        return child;
      if ((found = find_button_with_action (child, action)) != NULL)
        return found;
    }
  return NULL;
}

static void
save_screenshot (GtkWidget  *widget,
                 const char *name)
{
  g_autoptr(GBytes) shot = NULL;
  int width;
  int height;

  shot = pleat_test_snapshot (widget, &width, &height, NULL);
  pleat_test_save_png (shot, width, height, name);
}

static gboolean
model_settled (gpointer data)
{
  PleatModelStatus status = pleat_fold_panel_get_model_status (data);

  return status == PLEAT_MODEL_STATUS_READY || status == PLEAT_MODEL_STATUS_FAILED;
}

static gboolean
job_ended (gpointer data)
{
  PleatJobState state = pleat_job_get_state (data);

  return state != PLEAT_JOB_STATE_QUEUED && state != PLEAT_JOB_STATE_RUNNING;
}

static gboolean
view_built (gpointer data)
{
  PleatStructureView *view = data;

  return gtk_widget_get_mapped (data) && pleat_structure_view_get_scene (view) != NULL &&
         !pleat_structure_view_get_busy (view);
}

static gboolean
results_saved (gpointer data)
{
  return pleat_structure_page_get_results_dir (data) != NULL;
}

static gboolean
has_frame (gpointer data)
{
  return pleat_job_get_structure (data) != NULL;
}

static void
store_result_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static gboolean
result_stored (gpointer data)
{
  return *(GAsyncResult **) data != NULL;
}

static PleatStructurePage *
current_page (PleatWindow *window)
{
  PleatStructureView *view = pleat_window_get_current_view (window);

  g_assert_nonnull (view);
  return PLEAT_STRUCTURE_PAGE (gtk_widget_get_ancestor (GTK_WIDGET (view),
                                                        PLEAT_TYPE_STRUCTURE_PAGE));
}

static void
frame_cb (PleatJob   *job,
          GParamSpec *pspec,
          Fixture    *fixture)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (fixture->app));

  if (fixture->n_frames++ > 0)
    return;
  /* The controller, connected first, has opened the tab already. */
  fixture->n_tabs_at_first_frame = pleat_window_get_n_structures (PLEAT_WINDOW (window));
  if (fixture->cancel_on_first_frame)
    g_assert_true (gtk_widget_activate_action (
      GTK_WIDGET (pleat_window_get_fold_panel (PLEAT_WINDOW (window))), "fold-panel.cancel",
      NULL));
}

/* Waits for the model, types text and presses Fold; returns the panel's job. */
static PleatJob *
start_fold (Fixture    *fixture,
            const char *text,
            int         n_passes)
{
  PleatWindow *window = get_window (fixture);
  PleatFoldPanel *panel = pleat_window_get_fold_panel (window);

  g_assert_true (pleat_test_wait_until (model_settled, panel, FOLD_TIMEOUT_MS));
  g_assert_cmpint (pleat_fold_panel_get_model_status (panel), ==, PLEAT_MODEL_STATUS_READY);
  g_assert_cmpstr (pleat_fold_panel_get_model_name (panel), ==, "tiny-b");

  pleat_fold_panel_set_text (panel, text);
  pleat_fold_panel_set_n_passes (panel, n_passes);
  g_assert_true (pleat_fold_panel_get_can_fold (panel));
  g_assert_null (pleat_fold_panel_get_job (panel));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (panel), "fold-panel.fold", NULL));

  g_assert_nonnull (pleat_fold_panel_get_job (panel));
  /* Fold is off until this job ends: a second press would queue another fold. */
  g_assert_false (pleat_fold_panel_get_can_fold (panel));
  g_assert_false (gtk_widget_is_sensitive (find_button_with_action (GTK_WIDGET (panel),
                                                                    "fold-panel.fold")));
  fixture->job = g_object_ref (pleat_fold_panel_get_job (panel));
  g_signal_connect (fixture->job, "notify::structure", G_CALLBACK (frame_cb), fixture);
  return fixture->job;
}

static char *
read_file (const char *dir,
           const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

/* The four files read back: both structures with 22 residues and pLDDT, the PAE beside the
 * mmCIF found and attached by the reader, the confidence JSON naming the record. */
static void
assert_result_files (const char *dir)
{
  g_autofree char *cif_path = g_build_filename (dir, "mini.cif", NULL);
  g_autofree char *pdb_path = g_build_filename (dir, "mini.pdb", NULL);
  g_autoptr(GFile) cif = g_file_new_for_path (cif_path);
  g_autoptr(GFile) pdb = g_file_new_for_path (pdb_path);
  g_autoptr(GPtrArray) from_cif = NULL;
  g_autoptr(GPtrArray) from_pdb = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *confidence = read_file (dir, "mini_confidence.json");
  g_autoptr(GError) error = NULL;
  PleatStructure *structure;
  JsonObject *object;
  guint n_pae = 0;

  from_cif = pleat_structure_load (cif, NULL, &error);
  g_assert_no_error (error);
  structure = g_ptr_array_index (from_cif, 0);
  g_assert_cmpuint (pleat_structure_get_n_residues (structure), ==, 22);
  g_assert_true (pleat_structure_has_plddt (structure));
  g_assert_nonnull (pleat_structure_get_pae (structure, &n_pae, NULL));
  g_assert_cmpuint (n_pae, ==, 22);

  from_pdb = pleat_structure_load (pdb, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pleat_structure_get_n_residues (g_ptr_array_index (from_pdb, 0)), ==, 22);

  json_parser_load_from_data (parser, confidence, -1, &error);
  g_assert_no_error (error);
  object = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (object, "id"), ==, "mini");
}

#define MINI ">mini a small test protein\nMKTAYIAKQRQISFVKSHFSRQ\n"

/* 396 residues folded in 12 passes: on tiny-b a pass takes a good fraction of a second, so
 * the fold is still running when its first frame arrives. */
static char *
dup_long_record (void)
{
  GString *text = g_string_new (">long\n");

  for (guint i = 0; i < 12; i++)
    g_string_append (text, "MKTAYIAKQRQISFVKSHFSRQLEERLGLIEVQ");
  return g_string_free (text, FALSE);
}

static void
test_fold (Fixture *fixture)
{
  PleatWindow *window = get_window (fixture);
  PleatJob *job = start_fold (fixture, MINI, 3);
  g_autofree char *results_root = pleat_fold_controller_dup_results_dir ();
  g_autofree char *save_dir = g_build_filename (fixture->tmpdir, "saved", NULL);
  g_autoptr(GFile) save_folder = g_file_new_for_path (save_dir);
  g_autoptr(GAsyncResult) saved = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *results_dir = NULL;
  PleatStructurePage *page;
  PleatStructure *result;

  g_assert_true (pleat_test_wait_until (job_ended, job, FOLD_TIMEOUT_MS));
  g_assert_cmpint (pleat_job_get_state (job), ==, PLEAT_JOB_STATE_SUCCEEDED);
  g_assert_null (pleat_window_get_error (window));

  /* Three trunk passes, each a frame, then the result: the tab opened on the first frame and
   * stayed the only one. */
  g_assert_cmpuint (fixture->n_frames, >=, 2);
  g_assert_cmpuint (fixture->n_tabs_at_first_frame, ==, 1);
  g_assert_cmpuint (pleat_window_get_n_structures (window), ==, 1);

  result = pleat_job_get_structure (job);
  g_assert_cmpuint (pleat_structure_get_n_residues (result), ==, 22);
  g_assert_nonnull (pleat_structure_get_pae (result, NULL, NULL));
  page = current_page (window);
  g_assert_true (pleat_structure_page_get_structure (page) == result);
  g_assert_true (pleat_plddt_track_get_structure (pleat_structure_page_get_plddt_track (page)) ==
                 result);
  g_assert_true (pleat_pae_view_get_structure (pleat_structure_page_get_pae_view (page)) ==
                 result);
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (pleat_structure_page_get_plddt_track (page))));
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (pleat_structure_page_get_pae_view (page))));

  /* Saved without asking, in a folder of its own under the results folder. */
  g_assert_true (pleat_test_wait_until (results_saved,
                                        page, FOLD_TIMEOUT_MS));
  results_dir = g_file_get_path (pleat_structure_page_get_results_dir (page));
  g_assert_true (g_str_has_prefix (results_dir, results_root));
  g_assert_true (g_str_has_suffix (results_dir, "_mini"));
  g_assert_cmpstr (pleat_structure_page_get_results_stem (page), ==, "mini");
  assert_result_files (results_dir);
  g_assert_true (gtk_widget_is_sensitive (find_button_with_action (GTK_WIDGET (window),
                                                                   "win.save-results")));

  /* Save As copies the same files into the folder the user picks. */
  g_assert_no_errno (g_mkdir (save_dir, 0755));
  pleat_window_save_results_async (window, save_folder, NULL, store_result_cb,
                                   &saved);
  g_assert_true (pleat_test_wait_until (result_stored, &saved, FOLD_TIMEOUT_MS));
  g_assert_true (pleat_window_save_results_finish (window, saved, &error));
  g_assert_no_error (error);
  assert_result_files (save_dir);
  {
    g_autofree char *original = read_file (results_dir, "mini.cif");
    g_autofree char *copy = read_file (save_dir, "mini.cif");

    g_assert_cmpstr (original, ==, copy);
  }

  /* The panel is ready for the next fold and reports this one's outcome. */
  g_assert_true (pleat_fold_panel_get_can_fold (pleat_window_get_fold_panel (window)));
  g_assert_true (pleat_test_label_shown (GTK_WIDGET (window), "mean pLDDT"));
  g_assert_true (pleat_test_wait_until (view_built, pleat_structure_page_get_view (page),
                                        FOLD_TIMEOUT_MS));
  pleat_test_spin (300);
  save_screenshot (GTK_WIDGET (window), "app-fold-done.png");
}

static void
test_cancel (Fixture *fixture)
{
  PleatWindow *window = get_window (fixture);
  g_autofree char *results_root = pleat_fold_controller_dup_results_dir ();
  g_autofree char *text = dup_long_record ();
  g_autoptr(GDir) dir = NULL;
  PleatJob *job;

  fixture->cancel_on_first_frame = TRUE;
  job = start_fold (fixture, text, 12);

  g_assert_true (pleat_test_wait_until (job_ended, job, FOLD_TIMEOUT_MS));
  g_assert_cmpint (pleat_job_get_state (job), ==, PLEAT_JOB_STATE_CANCELLED);
  g_assert_cmpuint (fixture->n_tabs_at_first_frame, ==, 1);
  /* A cancelled fold is no error and leaves no files, nor an empty folder. */
  pleat_test_spin (100);
  g_assert_null (pleat_window_get_error (window));
  g_assert_null (pleat_structure_page_get_results_dir (current_page (window)));
  dir = g_dir_open (results_root, 0, NULL);
  g_assert_cmpstr (dir != NULL ? g_dir_read_name (dir) : NULL, ==, NULL);
  g_assert_true (pleat_test_label_shown (GTK_WIDGET (window), "Cancelled after"));
  g_assert_true (pleat_fold_panel_get_can_fold (pleat_window_get_fold_panel (window)));
}

/* Closing the window while a fold runs quits the application: the fold is cancelled, the
 * engine thread joined, and g_application_run() returns (test_in_app checks it). */
static void
test_quit_during_fold (Fixture *fixture)
{
  g_autofree char *text = dup_long_record ();

  start_fold (fixture, text, 12);
  g_assert_true (pleat_test_wait_until (has_frame, fixture->job, FOLD_TIMEOUT_MS));
  g_assert_cmpint (pleat_job_get_state (fixture->job), ==, PLEAT_JOB_STATE_RUNNING);
  /* A picture of a fold in progress: the window needs a frame drawn to be snapshotted. */
  pleat_test_spin (200);
  save_screenshot (GTK_WIDGET (get_window (fixture)), "app-fold-running.png");
}

static void
test_no_model (Fixture *fixture)
{
  PleatWindow *window = get_window (fixture);
  PleatFoldPanel *panel = pleat_window_get_fold_panel (window);
  GtkWidget *fold_button = find_button_with_action (GTK_WIDGET (panel), "fold-panel.fold");

  g_assert_cmpint (pleat_fold_panel_get_model_status (panel), ==, PLEAT_MODEL_STATUS_NONE);
  /* The panel tells how to get a model, as the welcome page does. */
  g_assert_nonnull (strstr (pleat_fold_panel_get_model_message (panel),
                            "huggingface-cli download facebook/esmfold_v1"));
  g_assert_true (pleat_test_label_shown (GTK_WIDGET (panel), "huggingface-cli download"));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (panel)));

  /* A valid sequence is not enough: Fold stays off. */
  pleat_fold_panel_set_text (panel, MINI);
  g_assert_true (pleat_fold_panel_get_valid (panel));
  g_assert_false (pleat_fold_panel_get_can_fold (panel));
  g_assert_nonnull (fold_button);
  g_assert_false (gtk_widget_is_sensitive (fold_button));
  pleat_test_spin (300);
  save_screenshot (GTK_WIDGET (window), "app-fold-no-model.png");

  /* F9 hides the side pane and shows it again. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-fold-panel", NULL));
  g_assert_false (gtk_widget_is_visible (GTK_WIDGET (panel)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-fold-panel", NULL));
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (panel)));
  {
    g_auto(GStrv) accels = gtk_application_get_accels_for_action (
      GTK_APPLICATION (fixture->app), "win.toggle-fold-panel");

    g_assert_cmpstr (accels[0], ==, "F9");
  }
}

static void
test_broken_model (Fixture *fixture)
{
  PleatWindow *window = get_window (fixture);
  PleatFoldPanel *panel = pleat_window_get_fold_panel (window);

  g_assert_true (pleat_test_wait_until (model_settled, panel, FOLD_TIMEOUT_MS));
  g_assert_cmpint (pleat_fold_panel_get_model_status (panel), ==, PLEAT_MODEL_STATUS_FAILED);
  g_assert_nonnull (strstr (pleat_fold_panel_get_model_message (panel), "config.json"));
  pleat_fold_panel_set_text (panel, MINI);
  g_assert_false (pleat_fold_panel_get_can_fold (panel));
}

/* Results that cannot be saved are refused before any folding, in the banner. */
static void
test_results_dir_unwritable (Fixture *fixture)
{
  PleatWindow *window = get_window (fixture);
  PleatFoldPanel *panel = pleat_window_get_fold_panel (window);
  g_autofree char *blocker = g_build_filename (fixture->tmpdir, "results", NULL);
  g_autoptr(GError) error = NULL;
  const char *message;

  /* A file where the results folder should be: refused even for root. */
  g_file_set_contents (blocker, "", 0, &error);
  g_assert_no_error (error);
  g_assert_true (pleat_test_wait_until (model_settled, panel, FOLD_TIMEOUT_MS));
  pleat_fold_panel_set_text (panel, MINI);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (panel), "fold-panel.fold", NULL));

  message = pleat_window_get_error (window);
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, blocker));
  g_assert_null (pleat_fold_panel_get_job (panel));
  g_assert_cmpuint (pleat_window_get_n_structures (window), ==, 0);
  g_assert_true (pleat_fold_panel_get_can_fold (panel));
}

static void
check_quit_cancelled (Fixture       *fixture,
                      gconstpointer  data)
{
  test_in_app (fixture, data);
  /* The app answered the fold before run() returned. */
  g_assert_cmpint (pleat_job_get_state (fixture->job), ==, PLEAT_JOB_STATE_CANCELLED);
}

int
main (int   argc,
      char *argv[])
{
  static const TestCase fold = { "fixture", test_fold };
  static const TestCase cancel = { "fixture", test_cancel };
  static const TestCase quit = { "fixture", test_quit_during_fold };
  static const TestCase no_model = { "empty", test_no_model };
  static const TestCase broken = { "broken", test_broken_model };
  static const TestCase unwritable = { "fixture", test_results_dir_unwritable };

#if defined(__SANITIZE_ADDRESS__)
  /* Keep Mesa's driver loaded so that LeakSanitizer can name it for the suppressions. */
  dlopen ("/usr/lib/x86_64-linux-gnu/dri/swrast_dri.so", RTLD_LAZY | RTLD_NODELETE);
#endif
  gtk_test_init (&argc, &argv, NULL);

  g_test_add ("/pleat/ui/AppFold/fold", Fixture, &fold, fixture_setup, test_in_app,
              fixture_teardown);
  g_test_add ("/pleat/ui/AppFold/cancel", Fixture, &cancel, fixture_setup, test_in_app,
              fixture_teardown);
  g_test_add ("/pleat/ui/AppFold/quit-during-fold", Fixture, &quit, fixture_setup,
              check_quit_cancelled, fixture_teardown);
  g_test_add ("/pleat/ui/AppFold/results-dir-unwritable", Fixture, &unwritable, fixture_setup,
              test_in_app, fixture_teardown);
  g_test_add ("/pleat/ui/AppFold/no-model", Fixture, &no_model, fixture_setup, test_in_app,
              fixture_teardown);
  g_test_add ("/pleat/ui/AppFold/broken-model", Fixture, &broken, fixture_setup, test_in_app,
              fixture_teardown);

  return g_test_run ();
}
