/* test-structure-view.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * PleatStructureView in a real window under Xvfb: what it draws, its properties and actions,
 * and input sent through the X server (hover, click selection, drag, scroll), checked on the
 * pixels and on the view's state.
 */
#include "config.h"

#include <dlfcn.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "pleat-structure-view.h"
#include "pleat-test-gl.h"
#include "pleat-test-backbone.h"
#include "pleat-test-ui.h"
#include "pleat-ui.h"

#define N_RESIDUES 40
#define N_STRAND   24

typedef struct
{
  GtkWindow          *window;
  PleatStructureView *view;
  PleatStructure     *structure;
  guint               frames;
} Fixture;

static gboolean
render_cb (GtkGLArea    *area,
           GdkGLContext *context,
           Fixture      *fixture)
{
  fixture->frames++;
  return FALSE;
}

static gboolean
view_ready (gpointer data)
{
  Fixture *fixture = data;

  return !pleat_structure_view_get_busy (fixture->view) &&
         pleat_structure_view_get_scene (fixture->view) != NULL &&
         fixture->frames > 0;
}

static void
wait_for_frame (Fixture *fixture)
{
  guint before = fixture->frames;

  gtk_widget_queue_draw (GTK_WIDGET (fixture->view));
  for (int i = 0; i < 5000 && fixture->frames == before; i++)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
  g_assert_cmpuint (fixture->frames, >, before);
}

/* The view draws fast frames while the camera moves and one at rest quality (antialiased when
 * cheap) after it stops: wait until no frame came for a while. */
static void
wait_until_settled (Fixture *fixture)
{
  guint frames = fixture->frames;
  gint64 quiet_since = g_get_monotonic_time ();
  gint64 end = quiet_since + 10 * G_USEC_PER_SEC;

  while (g_get_monotonic_time () - quiet_since < 400 * 1000)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
      if (fixture->frames != frames)
        {
          frames = fixture->frames;
          quiet_since = g_get_monotonic_time ();
        }
    }
}

static void
wait_until_built (Fixture *fixture)
{
  g_assert_true (pleat_test_wait_until (view_ready, fixture, 20000));
  wait_for_frame (fixture);
  wait_until_settled (fixture);
}

static void
fixture_setup_structure (Fixture        *fixture,
                         PleatStructure *structure)
{
  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 480, 360);
  fixture->view = PLEAT_STRUCTURE_VIEW (pleat_structure_view_new ());
  g_signal_connect (fixture->view, "render", G_CALLBACK (render_cb), fixture);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->view));
  fixture->structure = structure;
  pleat_structure_view_set_structure (fixture->view, fixture->structure);
  gtk_window_present (fixture->window);
  wait_until_built (fixture);
}

/* An alpha helix: compact, its residues overlap on screen. */
static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  fixture_setup_structure (fixture,
                           pleat_test_structure_backbone (N_RESIDUES, TRUE, 95.0f, 40.0f));
}

/* An extended strand seen from the side: every residue can be pointed at on its own. */
static void
fixture_setup_strand (Fixture       *fixture,
                      gconstpointer  data)
{
  fixture_setup_structure (fixture,
                           pleat_test_structure_backbone (N_STRAND, FALSE, 95.0f, 40.0f));
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  pleat_test_spin (20);
  g_assert_finalize_object (fixture->structure);
}

static gint
ca_atom (PleatStructure *structure,
         guint           residue)
{
  gint atom = pleat_structure_find_atom (structure, residue, "CA");

  g_assert_cmpint (atom, >=, 0);
  return atom;
}

/* The band most pixels in a 7 x 7 window around (x, y) of the view fall into. */
static PleatTestBand
band_near (const guint8          *rgba,
           int                    stride,
           const graphene_rect_t *bounds,
           double                 x,
           double                 y)
{
  guint counts[PLEAT_TEST_N_BANDS];
  PleatTestBand best = PLEAT_TEST_BAND_NONE;
  guint best_count = 0;

  pleat_test_count_bands (rgba, stride, (int) (bounds->origin.x + x) - 3,
                          (int) (bounds->origin.y + y) - 3, 7, 7, counts);
  for (int band = 0; band < PLEAT_TEST_N_BANDS; band++)
    if (counts[band] > best_count)
      {
        best = band;
        best_count = counts[band];
      }
  return best;
}

static void
check_bands_at_residues (Fixture    *fixture,
                         const char *png_name)
{
  g_autoptr(GBytes) image = NULL;
  graphene_rect_t bounds;
  int width;
  int height;
  guint agree = 0;
  guint checked = 0;
  guint counts[PLEAT_TEST_N_BANDS];

  image = pleat_test_snapshot (GTK_WIDGET (fixture->view), &width, &height, &bounds);
  pleat_test_save_png (image, width, height, png_name);

  /* Both bands are on screen in quantity. */
  pleat_test_count_bands (g_bytes_get_data (image, NULL), width * 4, (int) bounds.origin.x,
                          (int) bounds.origin.y, (int) bounds.size.width,
                          (int) bounds.size.height, counts);
  g_test_message ("%s: very high %u, confident %u, low %u, very low %u", png_name,
                  counts[0], counts[1], counts[2], counts[3]);
  g_assert_cmpuint (counts[PLEAT_TEST_BAND_VERY_HIGH], >, 400);
  g_assert_cmpuint (counts[PLEAT_TEST_BAND_VERY_LOW], >, 400);
  g_assert_cmpuint (counts[PLEAT_TEST_BAND_CONFIDENT] + counts[PLEAT_TEST_BAND_LOW], <,
                    counts[PLEAT_TEST_BAND_VERY_HIGH] / 10);

  /* And each where its residues are: wherever a residue's C-alpha projects, the pixels
   * around it have that residue's band (or belong to nearer residues of the same half). */
  for (guint r = 2; r < N_RESIDUES - 2; r++)
    {
      PleatTestBand expected = r < N_RESIDUES / 2 ? PLEAT_TEST_BAND_VERY_HIGH
                                                  : PLEAT_TEST_BAND_VERY_LOW;
      PleatTestBand found;
      double x;
      double y;

      if (r >= N_RESIDUES / 2 - 2 && r < N_RESIDUES / 2 + 2)
        continue;
      g_assert_true (pleat_structure_view_project_atom (fixture->view,
                                                        ca_atom (fixture->structure, r),
                                                        &x, &y));
      found = band_near (g_bytes_get_data (image, NULL), width * 4, &bounds, x, y);
      checked++;
      if (found == expected)
        agree++;
    }
  g_test_message ("%u of %u residues show their band", agree, checked);
  g_assert_cmpuint (agree, >=, checked * 8 / 10);
}

static void
test_view_draws_bands (Fixture       *fixture,
                       gconstpointer  data)
{
  PleatRepresentation representation = GPOINTER_TO_INT (data);
  g_autofree char *name = NULL;
  GEnumClass *enum_class = g_type_class_ref (PLEAT_TYPE_REPRESENTATION);

  pleat_structure_view_set_representation (fixture->view, representation);
  wait_until_built (fixture);
  name = g_strdup_printf ("view-%s.png",
                          g_enum_get_value (enum_class, representation)->value_nick);
  check_bands_at_residues (fixture, name);
  g_type_class_unref (enum_class);
}

static void
notify_count_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

static void
test_view_properties (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GObject) source = NULL;
  guint representation_notifies = 0;
  guint scheme_notifies = 0;
  PleatRepresentation representation;
  PleatColorScheme scheme;

  g_signal_connect (fixture->view, "notify::representation", G_CALLBACK (notify_count_cb),
                    &representation_notifies);
  g_signal_connect (fixture->view, "notify::color-scheme", G_CALLBACK (notify_count_cb),
                    &scheme_notifies);

  g_object_set (fixture->view, "representation", PLEAT_REPRESENTATION_SPACEFILL, NULL);
  g_assert_cmpint (pleat_structure_view_get_representation (fixture->view), ==,
                   PLEAT_REPRESENTATION_SPACEFILL);
  /* Geometry is built in the background: busy until it lands. */
  g_assert_true (pleat_structure_view_get_busy (fixture->view));
  g_object_set (fixture->view, "representation", PLEAT_REPRESENTATION_SPACEFILL, NULL);
  g_assert_cmpuint (representation_notifies, ==, 1);
  wait_until_built (fixture);
  g_assert_false (pleat_structure_view_get_busy (fixture->view));

  pleat_structure_view_set_color_scheme (fixture->view, PLEAT_COLOR_SCHEME_CHAIN);
  g_object_get (fixture->view, "color-scheme", &scheme, "representation", &representation,
                NULL);
  g_assert_cmpint (scheme, ==, PLEAT_COLOR_SCHEME_CHAIN);
  g_assert_cmpint (representation, ==, PLEAT_REPRESENTATION_SPACEFILL);
  g_assert_cmpuint (scheme_notifies, ==, 1);

  /* Bindable: a second view follows the first. */
  source = g_object_ref_sink (G_OBJECT (pleat_structure_view_new ()));
  g_object_bind_property (source, "representation", fixture->view, "representation",
                          G_BINDING_DEFAULT);
  g_object_set (source, "representation", PLEAT_REPRESENTATION_TRACE, NULL);
  g_assert_cmpint (pleat_structure_view_get_representation (fixture->view), ==,
                   PLEAT_REPRESENTATION_TRACE);
  g_assert_cmpuint (representation_notifies, ==, 2);

  /* The representation changed three times in a row: only the last build lands. */
  pleat_structure_view_set_representation (fixture->view, PLEAT_REPRESENTATION_CARTOON);
  pleat_structure_view_set_representation (fixture->view, PLEAT_REPRESENTATION_BALL_AND_STICK);
  wait_until_built (fixture);
  g_assert_cmpint (pleat_scene_get_representation (pleat_structure_view_get_scene (fixture->view)),
                   ==, PLEAT_REPRESENTATION_BALL_AND_STICK);
}

static gboolean
hover_text_set (gpointer data)
{
  return pleat_structure_view_get_hover_text (data) != NULL;
}

static gboolean
hover_text_unset (gpointer data)
{
  return pleat_structure_view_get_hover_text (data) == NULL;
}

static void
test_view_hover (Fixture       *fixture,
                 gconstpointer  data)
{
  double x;
  double y;

  g_assert_null (pleat_structure_view_get_hover_text (fixture->view));
  g_assert_true (pleat_structure_view_project_atom (fixture->view,
                                                    ca_atom (fixture->structure, 5), &x, &y));
  pleat_test_pointer_move (GTK_WIDGET (fixture->view), x, y);
  g_assert_true (pleat_test_wait_until (hover_text_set, fixture->view, 5000));
  g_test_message ("hover: %s", pleat_structure_view_get_hover_text (fixture->view));
  g_assert_cmpstr (pleat_structure_view_get_hover_text (fixture->view), ==,
                   "Chain A · ALA 6 · pLDDT 95.0");

  g_assert_true (pleat_structure_view_project_atom (fixture->view,
                                                    ca_atom (fixture->structure, 19), &x, &y));
  pleat_test_pointer_move (GTK_WIDGET (fixture->view), x, y);
  pleat_test_spin (50);
  g_assert_cmpstr (pleat_structure_view_get_hover_text (fixture->view), ==,
                   "Chain A · ALA 20 · pLDDT 40.0");

  /* Empty space: nothing. */
  pleat_test_pointer_move (GTK_WIDGET (fixture->view), 2, 2);
  g_assert_true (pleat_test_wait_until (hover_text_unset, fixture->view, 5000));
}

static void
click_residue (Fixture *fixture,
               guint    residue)
{
  double x;
  double y;

  g_assert_true (pleat_structure_view_project_atom (fixture->view,
                                                    ca_atom (fixture->structure, residue),
                                                    &x, &y));
  pleat_test_click (GTK_WIDGET (fixture->view), 1, x, y);
  /* Past the double-click time: the next click is a new one. */
  pleat_test_spin (450);
}

static void
test_view_click_selects (Fixture       *fixture,
                         gconstpointer  data)
{
  guint notifies = 0;

  g_signal_connect (fixture->view, "notify::n-selected", G_CALLBACK (notify_count_cb),
                    &notifies);

  click_residue (fixture, 8);
  g_assert_cmpuint (pleat_structure_view_get_n_selected (fixture->view), ==, 1);
  g_assert_true (pleat_structure_view_is_residue_selected (fixture->view, 8));
  g_assert_cmpuint (notifies, ==, 1);

  /* A plain click replaces the selection, shift-click extends it. */
  click_residue (fixture, 18);
  g_assert_cmpuint (pleat_structure_view_get_n_selected (fixture->view), ==, 1);
  g_assert_true (pleat_structure_view_is_residue_selected (fixture->view, 18));

  pleat_test_key (GTK_WIDGET (fixture->view), GDK_KEY_Shift_L, TRUE);
  click_residue (fixture, 12);
  pleat_test_key (GTK_WIDGET (fixture->view), GDK_KEY_Shift_L, FALSE);
  g_assert_cmpuint (pleat_structure_view_get_n_selected (fixture->view), ==, 2);
  g_assert_true (pleat_structure_view_is_residue_selected (fixture->view, 12));
  g_assert_true (pleat_structure_view_is_residue_selected (fixture->view, 18));

  /* A click into empty space clears it. */
  pleat_test_click (GTK_WIDGET (fixture->view), 1, 3, 3);
  pleat_test_spin (50);
  g_assert_cmpuint (pleat_structure_view_get_n_selected (fixture->view), ==, 0);
}

static guint
band_count_near (GBytes                *image,
                 int                    width,
                 const graphene_rect_t *bounds,
                 double                 x,
                 double                 y,
                 int                    radius,
                 PleatTestBand          band)
{
  guint counts[PLEAT_TEST_N_BANDS];

  pleat_test_count_bands (g_bytes_get_data (image, NULL), width * 4,
                          (int) (bounds->origin.x + x) - radius,
                          (int) (bounds->origin.y + y) - radius,
                          2 * radius + 1, 2 * radius + 1, counts);
  return counts[band];
}

static void
test_view_selection_drawn (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  graphene_rect_t bounds;
  int width;
  int height;
  double x;
  double y;
  double far_x;
  double far_y;
  guint blue_before;
  guint blue_after;

  /* A point of residue 6 under any representation: a quarter of the way from its C-alpha
   * towards the previous one (C-alpha joints themselves are shared by two segments). */
  g_assert_true (pleat_structure_view_project_atom (fixture->view,
                                                    ca_atom (fixture->structure, 6), &x, &y));
  g_assert_true (pleat_structure_view_project_atom (fixture->view,
                                                    ca_atom (fixture->structure, 5),
                                                    &far_x, &far_y));
  x += 0.25 * (far_x - x);
  y += 0.25 * (far_y - y);
  g_assert_true (pleat_structure_view_project_atom (fixture->view,
                                                    ca_atom (fixture->structure, 20),
                                                    &far_x, &far_y));
  before = pleat_test_snapshot (GTK_WIDGET (fixture->view), &width, &height, &bounds);
  blue_before = band_count_near (before, width, &bounds, x, y, 1, PLEAT_TEST_BAND_VERY_HIGH);

  pleat_structure_view_select_residue (fixture->view, 6, FALSE);
  wait_for_frame (fixture);
  wait_until_settled (fixture);
  after = pleat_test_snapshot (GTK_WIDGET (fixture->view), &width, &height, &bounds);
  pleat_test_save_png (after, width, height, "view-selection.png");

  /* The selected residue is tinted out of its band; a residue far from it keeps its band. */
  blue_after = band_count_near (after, width, &bounds, x, y, 1, PLEAT_TEST_BAND_VERY_HIGH);
  g_test_message ("very high pixels at residue 6 (3 x 3): %u before, %u selected",
                  blue_before, blue_after);
  g_assert_cmpuint (blue_before, >=, 5);
  g_assert_cmpuint (blue_after, <=, 1);
  g_assert_cmpuint (band_count_near (before, width, &bounds, far_x, far_y, 4,
                                     PLEAT_TEST_BAND_VERY_LOW), >=, 10);
  g_assert_cmpuint (band_count_near (after, width, &bounds, far_x, far_y, 4,
                                     PLEAT_TEST_BAND_VERY_LOW), >=, 10);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view),
                                             "view.clear-selection", NULL));
  g_assert_cmpuint (pleat_structure_view_get_n_selected (fixture->view), ==, 0);
}

static void
test_view_drag_and_scroll (Fixture       *fixture,
                           gconstpointer  data)
{
  gint first = ca_atom (fixture->structure, 0);
  gint last = ca_atom (fixture->structure, N_RESIDUES - 1);
  double x0;
  double y0;
  double x1;
  double y1;
  double start_x0;
  double start_y0;
  double distance;
  double zoomed;
  int width = gtk_widget_get_width (GTK_WIDGET (fixture->view));
  int height = gtk_widget_get_height (GTK_WIDGET (fixture->view));

  g_assert_true (pleat_structure_view_project_atom (fixture->view, first, &start_x0, &start_y0));
  g_assert_true (pleat_structure_view_project_atom (fixture->view, last, &x1, &y1));
  distance = hypot (x1 - start_x0, y1 - start_y0);

  /* Left drag rotates: the atoms move on screen. */
  pleat_test_pointer_move (GTK_WIDGET (fixture->view), width / 2.0, height / 2.0);
  pleat_test_pointer_button (GTK_WIDGET (fixture->view), 1, TRUE);
  for (int i = 1; i <= 10; i++)
    pleat_test_pointer_move (GTK_WIDGET (fixture->view), width / 2.0 + 8 * i, height / 2.0);
  pleat_test_pointer_button (GTK_WIDGET (fixture->view), 1, FALSE);
  g_assert_true (pleat_structure_view_project_atom (fixture->view, first, &x0, &y0));
  g_assert_cmpfloat (hypot (x0 - start_x0, y0 - start_y0), >, 5.0);
  /* A drag is no click: nothing got selected. */
  g_assert_cmpuint (pleat_structure_view_get_n_selected (fixture->view), ==, 0);

  /* The arrow keys turn it too (keyboard focus is on the view after the click). */
  {
    double before_x;
    double before_y;

    g_assert_true (gtk_widget_has_focus (GTK_WIDGET (fixture->view)));
    g_assert_true (pleat_structure_view_project_atom (fixture->view, first, &before_x,
                                                      &before_y));
    pleat_test_key (GTK_WIDGET (fixture->view), GDK_KEY_Right, TRUE);
    pleat_test_key (GTK_WIDGET (fixture->view), GDK_KEY_Right, FALSE);
    g_assert_true (pleat_structure_view_project_atom (fixture->view, first, &x0, &y0));
    g_assert_cmpfloat (hypot (x0 - before_x, y0 - before_y), >, 2.0);
  }

  /* Resetting the view restores the start. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "view.reset", NULL));
  g_assert_true (pleat_structure_view_project_atom (fixture->view, first, &x0, &y0));
  g_assert_cmpfloat (fabs (x0 - start_x0), <, 0.5);
  g_assert_cmpfloat (fabs (y0 - start_y0), <, 0.5);

  /* Scrolling up (button 4) zooms in: the helix gets longer on screen. */
  pleat_test_pointer_move (GTK_WIDGET (fixture->view), width / 2.0, height / 2.0);
  for (int i = 0; i < 3; i++)
    pleat_test_click (GTK_WIDGET (fixture->view), 4, width / 2.0, height / 2.0);
  g_assert_true (pleat_structure_view_project_atom (fixture->view, first, &x0, &y0));
  g_assert_true (pleat_structure_view_project_atom (fixture->view, last, &x1, &y1));
  zoomed = hypot (x1 - x0, y1 - y0);
  g_test_message ("helix length on screen: %.1f px, zoomed in %.1f px", distance, zoomed);
  g_assert_cmpfloat (zoomed, >, distance * 1.2);

  /* Right drag pans: everything shifts by the drag. */
  pleat_test_pointer_move (GTK_WIDGET (fixture->view), width / 2.0, height / 2.0);
  pleat_test_pointer_button (GTK_WIDGET (fixture->view), 3, TRUE);
  for (int i = 1; i <= 5; i++)
    pleat_test_pointer_move (GTK_WIDGET (fixture->view), width / 2.0, height / 2.0 + 6 * i);
  pleat_test_pointer_button (GTK_WIDGET (fixture->view), 3, FALSE);
  g_assert_true (pleat_structure_view_project_atom (fixture->view, last, &x0, &y0));
  /* Exactly 30 pixels on the plane through the center of rotation; nearer and farther atoms
   * move more and less under perspective. */
  g_test_message ("pan of 30 px moved the last atom by %.1f, %.1f px", x0 - x1, y0 - y1);
  g_assert_cmpfloat (fabs (x0 - x1), <, 3.0);
  g_assert_cmpfloat (y0 - y1, >, 15.0);
  g_assert_cmpfloat (y0 - y1, <, 45.0);
}

/* A fold's next frame replaces the structure where the user left the camera; setting a
 * structure fits it into the view again. */
static void
test_view_replace_keeps_camera (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(PleatStructure) next = pleat_test_structure_backbone (N_RESIDUES, TRUE, 95.0f,
                                                                  40.0f);
  g_autoptr(PleatStructure) other = pleat_test_structure_backbone (N_RESIDUES, TRUE, 95.0f,
                                                                   40.0f);
  gint first = ca_atom (fixture->structure, 0);
  int width = gtk_widget_get_width (GTK_WIDGET (fixture->view));
  int height = gtk_widget_get_height (GTK_WIDGET (fixture->view));
  double fitted_x;
  double fitted_y;
  double x0;
  double y0;
  double x;
  double y;

  g_assert_true (pleat_structure_view_project_atom (fixture->view, first, &fitted_x,
                                                    &fitted_y));
  /* Zoom in, away from the fitted view. */
  pleat_test_pointer_move (GTK_WIDGET (fixture->view), width / 2.0, height / 2.0);
  for (int i = 0; i < 3; i++)
    pleat_test_click (GTK_WIDGET (fixture->view), 4, width / 2.0, height / 2.0);
  g_assert_true (pleat_structure_view_project_atom (fixture->view, first, &x0, &y0));
  g_assert_cmpfloat (hypot (x0 - fitted_x, y0 - fitted_y), >, 5.0);

  pleat_structure_view_replace_structure (fixture->view, next);
  g_assert_true (pleat_structure_view_get_structure (fixture->view) == next);
  wait_until_built (fixture);
  g_assert_true (pleat_structure_view_project_atom (fixture->view, first, &x, &y));
  g_assert_cmpfloat (fabs (x - x0), <, 0.5);
  g_assert_cmpfloat (fabs (y - y0), <, 0.5);

  pleat_structure_view_set_structure (fixture->view, other);
  wait_until_built (fixture);
  g_assert_true (pleat_structure_view_project_atom (fixture->view, first, &x, &y));
  g_assert_cmpfloat (fabs (x - fitted_x), <, 0.5);
  g_assert_cmpfloat (fabs (y - fitted_y), <, 0.5);
}

static void
store_result_cb (GObject      *source_object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static void
test_view_export (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GdkTexture) loaded = NULL;
  g_autofree guint8 *pixels = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  guint counts[PLEAT_TEST_N_BANDS];

  texture = pleat_structure_view_render_texture (fixture->view, 800, 600, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, 800);
  g_assert_cmpint (gdk_texture_get_height (texture), ==, 600);

  /* Downloads are premultiplied BGRA: alpha is byte 3 either way. */
  pixels = g_malloc (800 * 600 * 4);
  gdk_texture_download (texture, pixels, 800 * 4);
  g_assert_cmpuint (pixels[3], ==, 0);
  g_assert_cmpuint (pixels[(600 * 800 - 1) * 4 + 3], ==, 0);

  /* Written as PNG in a worker thread, and read back. */
  dir = g_dir_make_tmp ("pleat-export-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "export.png", NULL);
  file = g_file_new_for_path (path);
  pleat_structure_view_export_png_async (fixture->view, file, 640, 400, FALSE, NULL,
                                         store_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (pleat_structure_view_export_png_finish (fixture->view, result, &error));
  g_assert_no_error (error);

  loaded = gdk_texture_new_from_filename (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (loaded), ==, 640);
  g_assert_cmpint (gdk_texture_get_height (loaded), ==, 400);
  g_clear_pointer (&pixels, g_free);
  pixels = g_malloc (640 * 400 * 4);
  gdk_texture_download (loaded, pixels, 640 * 4);
  /* BGRA to RGBA for the band classifier. */
  for (gsize i = 0; i < 640 * 400; i++)
    {
      guint8 b = pixels[i * 4];

      pixels[i * 4] = pixels[i * 4 + 2];
      pixels[i * 4 + 2] = b;
    }
  g_assert_cmpuint (pixels[3], ==, 255);
  pleat_test_count_bands (pixels, 640 * 4, 0, 0, 640, 400, counts);
  g_assert_cmpuint (counts[PLEAT_TEST_BAND_VERY_HIGH], >, 800);
  g_assert_cmpuint (counts[PLEAT_TEST_BAND_VERY_LOW], >, 800);

  g_assert_no_errno (g_unlink (path));
  g_assert_no_errno (g_rmdir (dir));
}

static gboolean
legend_names_residue (gpointer data)
{
  PleatScene *scene = pleat_structure_view_get_scene (data);
  g_autoptr(GArray) entries = NULL;
  g_autofree char *title = NULL;

  if (scene == NULL || pleat_structure_view_get_busy (data))
    return FALSE;
  entries = pleat_scene_dup_legend (scene, &title, NULL);
  return title != NULL && strstr (title, "A 12") != NULL;
}

/* PAE coloring is relative to the residue clicked last: a click picks it, the scene is rebuilt
 * around it, and the legend says which residue it is. */
static void
test_view_pae_reference (Fixture       *fixture,
                         gconstpointer  data)
{
  guint n = N_STRAND;
  float *pae = g_new (float, n * n);
  g_autoptr(GBytes) image = NULL;
  graphene_rect_t bounds;
  int width;
  int height;

  /* Low error near the diagonal, growing with sequence separation. */
  for (guint i = 0; i < n; i++)
    for (guint j = 0; j < n; j++)
      pae[i * n + j] = MIN (30.0f, 1.5f * ABS ((int) i - (int) j));
  pleat_structure_take_pae (fixture->structure, n, pae, 31.75f);

  pleat_structure_view_set_color_scheme (fixture->view, PLEAT_COLOR_SCHEME_PAE);
  wait_until_built (fixture);
  click_residue (fixture, 11);
  g_assert_true (pleat_structure_view_is_residue_selected (fixture->view, 11));
  g_assert_true (pleat_test_wait_until (legend_names_residue, fixture->view, 10000));
  wait_until_settled (fixture);

  image = pleat_test_snapshot (GTK_WIDGET (fixture->view), &width, &height, &bounds);
  pleat_test_save_png (image, width, height, "view-pae.png");
}

static gboolean
create_context_fails_cb (GtkGLArea *area,
                         gpointer   user_data)
{
  g_autoptr(GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                                                 "no GL for this test");

  gtk_gl_area_set_error (area, error);
  return FALSE;
}

static gboolean
widget_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

static void
test_view_gl_error (void)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  GtkWidget *view = pleat_structure_view_new ();
  g_autoptr(PleatStructure) structure = pleat_test_structure_backbone (10, TRUE, 90, 90);
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = NULL;

  /* A context that cannot be created: the view reports it and draws nothing, no crash. */
  g_signal_connect (view, "create-context", G_CALLBACK (create_context_fails_cb), NULL);
  gtk_window_set_child (window, view);
  pleat_structure_view_set_structure (PLEAT_STRUCTURE_VIEW (view), structure);
  gtk_window_present (window);
  g_assert_true (pleat_test_wait_until (widget_mapped, view, 5000));
  pleat_test_spin (100);
  g_assert_nonnull (gtk_gl_area_get_error (GTK_GL_AREA (view)));

  texture = pleat_structure_view_render_texture (PLEAT_STRUCTURE_VIEW (view), 64, 64, FALSE,
                                                 &error);
  g_assert_null (texture);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
  gtk_window_destroy (window);
  pleat_test_spin (20);
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
  pleat_ui_init ();

  g_test_add ("/pleat/ui/StructureView/cartoon", Fixture,
              GINT_TO_POINTER (PLEAT_REPRESENTATION_CARTOON),
              fixture_setup, test_view_draws_bands, fixture_teardown);
  g_test_add ("/pleat/ui/StructureView/trace", Fixture,
              GINT_TO_POINTER (PLEAT_REPRESENTATION_TRACE),
              fixture_setup, test_view_draws_bands, fixture_teardown);
  g_test_add ("/pleat/ui/StructureView/ball-and-stick", Fixture,
              GINT_TO_POINTER (PLEAT_REPRESENTATION_BALL_AND_STICK),
              fixture_setup, test_view_draws_bands, fixture_teardown);
  g_test_add ("/pleat/ui/StructureView/spacefill", Fixture,
              GINT_TO_POINTER (PLEAT_REPRESENTATION_SPACEFILL),
              fixture_setup, test_view_draws_bands, fixture_teardown);
  g_test_add ("/pleat/ui/StructureView/properties", Fixture, NULL,
              fixture_setup, test_view_properties, fixture_teardown);
  g_test_add ("/pleat/ui/StructureView/hover", Fixture, NULL,
              fixture_setup_strand, test_view_hover, fixture_teardown);
  g_test_add ("/pleat/ui/StructureView/click-selects", Fixture, NULL,
              fixture_setup_strand, test_view_click_selects, fixture_teardown);
  g_test_add ("/pleat/ui/StructureView/selection-drawn", Fixture, NULL,
              fixture_setup_strand, test_view_selection_drawn, fixture_teardown);
  g_test_add ("/pleat/ui/StructureView/drag-and-scroll", Fixture, NULL,
              fixture_setup, test_view_drag_and_scroll, fixture_teardown);
  g_test_add ("/pleat/ui/StructureView/replace-keeps-camera", Fixture, NULL,
              fixture_setup, test_view_replace_keeps_camera, fixture_teardown);
  g_test_add ("/pleat/ui/StructureView/export", Fixture, NULL,
              fixture_setup, test_view_export, fixture_teardown);
  g_test_add ("/pleat/ui/StructureView/pae-reference", Fixture, NULL,
              fixture_setup_strand, test_view_pae_reference, fixture_teardown);
  g_test_add_func ("/pleat/ui/StructureView/gl-error", test_view_gl_error);

  return g_test_run ();
}
