/* test-application.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The application around the viewer, under Xvfb: opening files (as `pleat FILE` does, and by
 * dropping them on the window), ensembles and their model selector, errors shown in the window,
 * tabs, the toolbar and GSettings driving every view, the legend, and the export dialog writing
 * a PNG.
 */
#include "config.h"

#include <dlfcn.h>
#include <math.h>
#include <glib/gstdio.h>

#include "pleat-application.h"
#include "pleat-export-dialog.h"
#include "pleat-legend.h"
#include "pleat-structure-page.h"
#include "pleat-test-ui.h"
#include "pleat-window.h"

typedef struct _Fixture Fixture;
typedef void (*TestBody) (Fixture *fixture);

struct _Fixture
{
  PleatApplication *app;
  GSettings        *settings;
  char             *tmpdir;
  TestBody          body;
};

static char *
fixture_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "fixtures", "viewer", name, NULL);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->app = pleat_application_new ();
  fixture->settings = g_settings_new (APP_ID);
  fixture->tmpdir = g_dir_make_tmp ("pleat-app-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->body = (TestBody) data;
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_settings_reset (fixture->settings, "representation");
  g_settings_reset (fixture->settings, "color-scheme");
  g_settings_reset (fixture->settings, "export-width");
  g_settings_reset (fixture->settings, "export-height");
  g_settings_reset (fixture->settings, "export-transparent");
  g_settings_reset (fixture->settings, "fold-panel-visible");
  g_clear_object (&fixture->settings);
  g_assert_finalize_object (fixture->app);
  g_assert_no_errno (g_rmdir (fixture->tmpdir));
  g_free (fixture->tmpdir);
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
  pleat_test_run_in_app (GTK_APPLICATION (fixture->app), FALSE,
                         run_body, fixture);
}

static PleatWindow *
get_window (Fixture *fixture)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (fixture->app));

  g_assert_true (PLEAT_IS_WINDOW (window));
  return PLEAT_WINDOW (window);
}

static void
open_paths (Fixture    *fixture,
            const char *first,
            ...)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  va_list args;

  va_start (args, first);
  for (const char *path = first; path != NULL; path = va_arg (args, const char *))
    g_ptr_array_add (files, g_file_new_for_path (path));
  va_end (args);
  g_application_open (G_APPLICATION (fixture->app), (GFile **) files->pdata,
                      (gint) files->len, "");
}

typedef struct
{
  PleatWindow *window;
  guint        n;
} CountWait;

static gboolean
has_n_structures (gpointer data)
{
  CountWait *wait = data;

  return !pleat_window_get_loading (wait->window) &&
         pleat_window_get_n_structures (wait->window) == wait->n;
}

static gboolean
error_shown (gpointer data)
{
  return !pleat_window_get_loading (data) && pleat_window_get_error (data) != NULL;
}

static gboolean
view_built (gpointer data)
{
  PleatStructureView *view = data;

  return pleat_structure_view_get_scene (view) != NULL && !pleat_structure_view_get_busy (view);
}

static PleatLegend *
current_legend (PleatWindow *window)
{
  GtkWidget *page = gtk_widget_get_ancestor (GTK_WIDGET (pleat_window_get_current_view (window)),
                                             PLEAT_TYPE_STRUCTURE_PAGE);

  g_assert_nonnull (page);
  return pleat_structure_page_get_legend (PLEAT_STRUCTURE_PAGE (page));
}

static gboolean
view_shown (gpointer data)
{
  return gtk_widget_get_mapped (data) && gtk_widget_get_width (data) > 0;
}

static gboolean
hover_text_set (gpointer data)
{
  return pleat_structure_view_get_hover_text (data) != NULL;
}

static GtkWidget *
find_label_with (GtkWidget  *root,
                 const char *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_LABEL (child) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (child)), text) == 0)
        return child;
      if ((found = find_label_with (child, text)) != NULL)
        return found;
    }
  return NULL;
}

static void
test_app_open_file (Fixture *fixture)
{
  g_autofree char *path = fixture_path ("predicted-1tii-a.cif");
  g_auto(GStrv) labels = NULL;
  PleatWindow *window;
  PleatStructureView *view;
  CountWait wait;

  open_paths (fixture, path, NULL);
  window = get_window (fixture);
  /* Parsing runs on a worker thread: the window is up and says it is loading. */
  g_assert_true (pleat_window_get_loading (window));
  g_assert_cmpuint (pleat_window_get_n_structures (window), ==, 0);

  wait = (CountWait) { window, 1 };
  g_assert_true (pleat_test_wait_until (has_n_structures, &wait, 10000));
  view = pleat_window_get_current_view (window);
  g_assert_nonnull (view);
  g_assert_cmpuint (pleat_structure_get_n_residues (pleat_structure_view_get_structure (view)),
                    ==, 186);
  g_assert_true (pleat_test_wait_until (view_built, view, 10000));
  g_assert_null (pleat_window_get_error (window));

  /* The legend of the default scheme: the four AlphaFold DB bands. */
  g_assert_cmpstr (pleat_legend_get_title (current_legend (window)), ==,
                   "Model confidence (pLDDT)");
  labels = pleat_legend_dup_labels (current_legend (window));
  g_assert_cmpuint (g_strv_length (labels), ==, 4);
  g_assert_true (g_str_has_prefix (labels[0], "Very high"));
  g_assert_true (g_str_has_prefix (labels[3], "Very low"));
  g_assert_false (pleat_legend_get_gradient (current_legend (window)));

  /* Pointing at a residue names it in a label over the view. */
  {
    g_autoptr(GBytes) shot = NULL;
    PleatStructure *structure = pleat_structure_view_get_structure (view);
    gint ca = pleat_structure_find_atom (structure, 100, "CA");
    GtkWidget *label;
    int width;
    int height;
    double x;
    double y;

    g_assert_true (pleat_test_wait_until (view_shown, view, 5000));
    pleat_test_spin (200);
    g_assert_true (pleat_structure_view_project_atom (view, ca, &x, &y));
    pleat_test_pointer_move (GTK_WIDGET (view), x, y);
    g_assert_true (pleat_test_wait_until (hover_text_set, view, 5000));
    label = find_label_with (GTK_WIDGET (window), pleat_structure_view_get_hover_text (view));
    g_assert_nonnull (label);
    g_assert_true (gtk_widget_get_mapped (label));
    g_assert_true (g_str_has_prefix (pleat_structure_view_get_hover_text (view), "Chain A · "));
    pleat_test_spin (300);
    shot = pleat_test_snapshot (GTK_WIDGET (window), &width, &height, NULL);
    pleat_test_save_png (shot, width, height, "app-hover.png");
  }
}

static void
test_app_open_errors (Fixture *fixture)
{
  g_autofree char *bad = g_build_filename (fixture->tmpdir, "broken.pdb", NULL);
  g_autofree char *missing = g_build_filename (fixture->tmpdir, "missing.cif", NULL);
  g_autofree char *good = fixture_path ("predicted-1tii-a.cif");
  PleatWindow *window;
  CountWait wait;
  const char *message;

  g_assert_true (g_file_set_contents (bad, "ATOM      1  CA  ALA A   1      1.000  x.000\n", -1,
                                      NULL));

  /* A malformed file: the banner names it and the reader's reason, nothing opens. */
  open_paths (fixture, bad, NULL);
  window = get_window (fixture);
  g_assert_true (pleat_test_wait_until (error_shown, window, 10000));
  pleat_test_spin (400);
  {
    g_autoptr(GBytes) shot = NULL;
    int width;
    int height;

    shot = pleat_test_snapshot (GTK_WIDGET (window), &width, &height, NULL);
    pleat_test_save_png (shot, width, height, "app-error.png");
  }
  message = pleat_window_get_error (window);
  g_test_message ("banner: %s", message);
  g_assert_nonnull (strstr (message, "broken.pdb"));
  g_assert_nonnull (strstr (message, "Line 1"));
  g_assert_cmpuint (pleat_window_get_n_structures (window), ==, 0);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.dismiss-error", NULL));
  g_assert_null (pleat_window_get_error (window));

  /* A missing one next to a good one: the good one opens, the banner names the other. */
  open_paths (fixture, missing, good, NULL);
  wait = (CountWait) { window, 1 };
  g_assert_true (pleat_test_wait_until (has_n_structures, &wait, 10000));
  g_assert_true (pleat_test_wait_until (error_shown, window, 10000));
  g_assert_nonnull (strstr (pleat_window_get_error (window), "missing.cif"));

  g_assert_no_errno (g_unlink (bad));
}

static GtkWidget *
find_dropdown (GtkWidget  *root,
               const char *tooltip)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_DROP_DOWN (child) &&
          g_strcmp0 (gtk_widget_get_tooltip_text (child), tooltip) == 0)
        return child;
      if ((found = find_dropdown (child, tooltip)) != NULL)
        return found;
    }
  return NULL;
}

static gboolean
legend_title_is (gpointer data)
{
  PleatWindow *window = data;
  const char *title = pleat_legend_get_title (current_legend (window));

  return g_strcmp0 (title, "Chains") == 0;
}

static void
test_app_settings_drive_views (Fixture *fixture)
{
  g_autofree char *path = fixture_path ("predicted-1tii-a.cif");
  PleatWindow *window;
  PleatStructureView *first;
  PleatStructureView *second;
  CountWait wait;
  GtkWidget *dropdown;

  open_paths (fixture, path, path, NULL);
  window = get_window (fixture);
  wait = (CountWait) { window, 2 };
  g_assert_true (pleat_test_wait_until (has_n_structures, &wait, 10000));
  second = pleat_window_get_current_view (window);

  /* A saved preference reaches every open view. */
  g_settings_set_string (fixture->settings, "representation", "spacefill");
  g_settings_set_string (fixture->settings, "color-scheme", "chain");
  g_assert_cmpint (pleat_structure_view_get_representation (second), ==,
                   PLEAT_REPRESENTATION_SPACEFILL);
  g_assert_cmpint (pleat_structure_view_get_color_scheme (second), ==, PLEAT_COLOR_SCHEME_CHAIN);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.close-tab", NULL));
  first = pleat_window_get_current_view (window);
  g_assert_true (first != second);
  g_assert_cmpint (pleat_structure_view_get_representation (first), ==,
                   PLEAT_REPRESENTATION_SPACEFILL);
  g_assert_true (pleat_test_wait_until (legend_title_is, window, 10000));

  /* The toolbar's drop-down shows the preference and edits it. */
  dropdown = find_dropdown (GTK_WIDGET (window), "Representation");
  g_assert_nonnull (dropdown);
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (dropdown)), ==,
                    PLEAT_REPRESENTATION_SPACEFILL);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), PLEAT_REPRESENTATION_TRACE);
  {
    g_autofree char *saved = g_settings_get_string (fixture->settings, "representation");

    g_assert_cmpstr (saved, ==, "trace");
  }
  g_assert_cmpint (pleat_structure_view_get_representation (first), ==,
                   PLEAT_REPRESENTATION_TRACE);

  /* Hiding the fold pane (F9, the header bar's toggle) is kept, and the key shows it. */
  g_assert_true (g_settings_get_boolean (fixture->settings, "fold-panel-visible"));
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (pleat_window_get_fold_panel (window))));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-fold-panel", NULL));
  g_assert_false (g_settings_get_boolean (fixture->settings, "fold-panel-visible"));
  g_assert_false (gtk_widget_is_visible (GTK_WIDGET (pleat_window_get_fold_panel (window))));
  g_settings_set_boolean (fixture->settings, "fold-panel-visible", TRUE);
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (pleat_window_get_fold_panel (window))));

  /* Closing the last tab goes back to the welcome page. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.close-tab", NULL));
  g_assert_cmpuint (pleat_window_get_n_structures (window), ==, 0);
  g_assert_null (pleat_window_get_current_view (window));
}

static GtkWidget *
find_spin_button (GtkWidget *root)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_SPIN_BUTTON (child))
        return child;
      if ((found = find_spin_button (child)) != NULL)
        return found;
    }
  return NULL;
}

/* An ensemble opens as one tab that says how many models it holds; the selector over the view
 * switches the model in the 3D view and the pLDDT track, keeping the camera. */
static void
test_app_open_ensemble (Fixture *fixture)
{
  g_autofree char *path = fixture_path ("ensemble-1tii-a.pdb");
  g_autofree char *single = fixture_path ("predicted-1tii-a.cif");
  PleatStructurePage *page;
  PleatStructureView *view;
  PleatStructure *first;
  PleatStructure *second;
  PleatWindow *window;
  GtkWidget *spin;
  CountWait wait;
  const PleatAtom *atoms_first;
  const PleatAtom *atoms_second;
  gint ca;
  double x0, y0, x1, y1;

  open_paths (fixture, path, NULL);
  window = get_window (fixture);
  wait = (CountWait) { window, 1 };
  g_assert_true (pleat_test_wait_until (has_n_structures, &wait, 10000));
  view = pleat_window_get_current_view (window);
  page = PLEAT_STRUCTURE_PAGE (gtk_widget_get_ancestor (GTK_WIDGET (view),
                                                        PLEAT_TYPE_STRUCTURE_PAGE));
  g_assert_cmpuint (pleat_structure_page_get_n_models (page), ==, 3);
  g_assert_cmpuint (pleat_structure_page_get_model (page), ==, 0);
  g_assert_cmpstr (pleat_structure_page_get_title (page), ==, "ensemble-1tii-a.pdb (3 models)");
  g_assert_true (pleat_test_label_shown (GTK_WIDGET (window), "ensemble-1tii-a.pdb (3 models)"));
  first = pleat_structure_page_get_nth_model (page, 0);
  second = pleat_structure_page_get_nth_model (page, 1);
  g_assert_true (pleat_structure_view_get_structure (view) == first);
  g_assert_true (pleat_plddt_track_get_structure (pleat_structure_page_get_plddt_track (page))
                 == first);

  spin = find_spin_button (GTK_WIDGET (page));
  g_assert_nonnull (spin);
  g_assert_true (pleat_test_wait_until (view_shown, view, 5000));
  g_assert_true (pleat_test_wait_until (view_built, view, 10000));
  pleat_test_spin (200);
  g_assert_true (gtk_widget_get_mapped (spin));
  g_assert_true (pleat_test_label_shown (GTK_WIDGET (page), "of 3"));
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (spin)), ==, 1);

  ca = pleat_structure_find_atom (first, 20, "CA");
  g_assert_cmpint (ca, >=, 0);
  g_assert_true (pleat_structure_view_project_atom (view, ca, &x0, &y0));

  /* The user steps the selector to model 2, as its "+" button does. */
  gtk_spin_button_spin (GTK_SPIN_BUTTON (spin), GTK_SPIN_STEP_FORWARD, 1);
  g_assert_cmpuint (pleat_structure_page_get_model (page), ==, 1);
  g_assert_true (pleat_structure_view_get_structure (view) == second);
  g_assert_true (pleat_structure_page_get_structure (page) == second);
  g_assert_true (pleat_plddt_track_get_structure (pleat_structure_page_get_plddt_track (page))
                 == second);
  atoms_first = pleat_structure_get_atoms (first, NULL);
  atoms_second = pleat_structure_get_atoms (second, NULL);
  g_assert_cmpfloat_with_epsilon (atoms_second[ca].x - atoms_first[ca].x, 4.0, 1e-3);
  g_assert_cmpfloat_with_epsilon (atoms_second[ca].y, atoms_first[ca].y, 1e-6);
  g_assert_cmpfloat (atoms_first[ca].b_factor, !=, atoms_second[ca].b_factor);

  /* The camera stayed: the same atom, 4 Å further along x, now projects elsewhere. A refit
   * would have centered the moved model and put it back where it was. */
  g_assert_true (pleat_test_wait_until (view_built, view, 10000));
  pleat_test_spin (200);
  g_assert_true (pleat_structure_view_project_atom (view, ca, &x1, &y1));
  g_test_message ("CA 21: (%.1f, %.1f) -> (%.1f, %.1f)", x0, y0, x1, y1);
  g_assert_cmpfloat (hypot (x1 - x0, y1 - y0), >, 5.0);
  {
    g_autoptr(GBytes) shot = NULL;
    int width;
    int height;

    shot = pleat_test_snapshot (GTK_WIDGET (window), &width, &height, NULL);
    pleat_test_save_png (shot, width, height, "app-ensemble.png");
  }

  /* The property drives the selector back. */
  pleat_structure_page_set_model (page, 2);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (spin)), ==, 3);
  g_assert_true (pleat_structure_view_get_structure (view) ==
                 pleat_structure_page_get_nth_model (page, 2));

  /* A single model has no selector and a plain title. */
  open_paths (fixture, single, NULL);
  wait = (CountWait) { window, 2 };
  g_assert_true (pleat_test_wait_until (has_n_structures, &wait, 10000));
  page = PLEAT_STRUCTURE_PAGE (gtk_widget_get_ancestor (
                                 GTK_WIDGET (pleat_window_get_current_view (window)),
                                 PLEAT_TYPE_STRUCTURE_PAGE));
  g_assert_cmpuint (pleat_structure_page_get_n_models (page), ==, 1);
  g_assert_cmpstr (pleat_structure_page_get_title (page), ==, "predicted-1tii-a.cif");
  g_assert_false (gtk_widget_get_visible (gtk_widget_get_parent (find_spin_button (
                                                                   GTK_WIDGET (page)))));
}

static GtkDropTarget *
find_drop_target (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        return GTK_DROP_TARGET (controller);
    }
  return NULL;
}

static void
test_app_drop_files (Fixture *fixture)
{
  g_autofree char *path = fixture_path ("predicted-1tii-a.cif");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GValue value = G_VALUE_INIT;
  GtkDropTarget *target;
  PleatWindow *window;
  gboolean accepted = FALSE;
  CountWait wait;

  window = get_window (fixture);
  target = find_drop_target (GTK_WIDGET (window));
  g_assert_nonnull (target);
  g_assert_true (g_type_is_a (GDK_TYPE_FILE_LIST,
                              gdk_content_formats_get_gtypes (
                                gtk_drop_target_get_formats (target), NULL)[0]));

  /* What GTK hands the target when files from a file manager are dropped. */
  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, gdk_file_list_new_from_array (&file, 1));
  g_signal_emit_by_name (target, "drop", &value, 100.0, 100.0, &accepted);
  g_value_unset (&value);
  g_assert_true (accepted);

  wait = (CountWait) { window, 1 };
  g_assert_true (pleat_test_wait_until (has_n_structures, &wait, 10000));
}

static GtkWindow *
find_export_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (PLEAT_IS_EXPORT_DIALOG (window))
        return GTK_WINDOW (window);
    }
  return NULL;
}

static void
exported_cb (PleatExportDialog *dialog,
             GFile             *file,
             GFile            **out)
{
  *out = g_object_ref (file);
}

static gboolean
file_set (gpointer data)
{
  return *(GFile **) data != NULL;
}

static void
test_app_export_dialog (Fixture *fixture)
{
  g_autofree char *path = fixture_path ("predicted-1tii-a.cif");
  g_autofree char *png = g_build_filename (fixture->tmpdir, "export.png", NULL);
  g_autoptr(GFile) target = g_file_new_for_path (png);
  g_autoptr(GFile) exported = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree guint8 *pixels = NULL;
  PleatWindow *window;
  GtkWindow *dialog;
  CountWait wait;
  int width;

  g_settings_set_int (fixture->settings, "export-width", 640);
  open_paths (fixture, path, NULL);
  window = get_window (fixture);
  wait = (CountWait) { window, 1 };
  g_assert_true (pleat_test_wait_until (has_n_structures, &wait, 10000));
  g_assert_true (pleat_test_wait_until (view_built, pleat_window_get_current_view (window),
                                        10000));
  pleat_test_spin (100);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export-image", NULL));
  dialog = find_export_dialog ();
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (dialog) == GTK_WINDOW (window));
  /* The saved size comes in; what the user types goes back to the settings. */
  g_object_get (dialog, "width", &width, NULL);
  g_assert_cmpint (width, ==, 640);
  g_object_set (dialog, "width", 320, "height", 200, "transparent", TRUE, NULL);
  pleat_test_spin (300);
  {
    g_autoptr(GBytes) shot = NULL;
    int shot_width;
    int shot_height;

    shot = pleat_test_snapshot (GTK_WIDGET (dialog), &shot_width, &shot_height, NULL);
    pleat_test_save_png (shot, shot_width, shot_height, "app-export-dialog.png");
  }
  g_assert_cmpint (g_settings_get_int (fixture->settings, "export-width"), ==, 320);
  g_assert_true (g_settings_get_boolean (fixture->settings, "export-transparent"));

  g_signal_connect (dialog, "exported", G_CALLBACK (exported_cb), &exported);
  pleat_export_dialog_export_to_file (PLEAT_EXPORT_DIALOG (dialog), target);
  g_assert_true (pleat_test_wait_until (file_set, &exported, 20000));
  g_assert_true (g_file_equal (exported, target));
  pleat_test_spin (50);
  g_assert_null (find_export_dialog ());

  texture = gdk_texture_new_from_filename (png, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, 320);
  g_assert_cmpint (gdk_texture_get_height (texture), ==, 200);
  pixels = g_malloc (320 * 200 * 4);
  gdk_texture_download (texture, pixels, 320 * 4);
  /* Transparent corners, an opaque structure in the middle. */
  g_assert_cmpuint (pixels[3], ==, 0);
  g_assert_cmpuint (pixels[(100 * 320 + 160) * 4 + 3], ==, 255);
  g_assert_no_errno (g_unlink (png));
}

int
main (int   argc,
      char *argv[])
{
#if defined(__SANITIZE_ADDRESS__)
  /* Keep Mesa's driver loaded so that LeakSanitizer can name it for the suppressions. */
  dlopen ("/usr/lib/x86_64-linux-gnu/dri/swrast_dri.so", RTLD_LAZY | RTLD_NODELETE);
#endif
  gtk_test_init (&argc, &argv, NULL);

  g_test_add ("/pleat/ui/Application/open-file", Fixture, test_app_open_file,
              fixture_setup, test_in_app, fixture_teardown);
  g_test_add ("/pleat/ui/Application/open-ensemble", Fixture, test_app_open_ensemble,
              fixture_setup, test_in_app, fixture_teardown);
  g_test_add ("/pleat/ui/Application/open-errors", Fixture, test_app_open_errors,
              fixture_setup, test_in_app, fixture_teardown);
  g_test_add ("/pleat/ui/Application/settings-drive-views", Fixture,
              test_app_settings_drive_views, fixture_setup, test_in_app, fixture_teardown);
  g_test_add ("/pleat/ui/Application/drop-files", Fixture, test_app_drop_files,
              fixture_setup, test_in_app, fixture_teardown);
  g_test_add ("/pleat/ui/Application/export-dialog", Fixture, test_app_export_dialog,
              fixture_setup, test_in_app, fixture_teardown);

  return g_test_run ();
}
