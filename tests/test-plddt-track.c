/* test-plddt-track.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "pleat-colors.h"
#include "pleat-plddt-track-private.h"
#include "ui-test-util.h"

/* Two chains; the pLDDT values sit on and around Mol*'s band edges. */
static const char *const two_chains[] = { "MKTAYIAKQR", "GSHMLEDPV", NULL };
static const int two_chains_numbers[] = { 1, 549 };
static const float two_chains_plddt[] = {
  95.0f, 90.0f, 89.9f, 70.0f, 69.5f, 50.0f, 49.0f, 10.0f, NAN, 90.1f,
  75.0f, 75.0f, 75.0f, 75.0f, 75.0f, 75.0f, 75.0f, 75.0f, 75.0f,
};

typedef struct
{
  PleatStructure  *structure;
  PleatSelection  *selection;
  PleatPlddtTrack *track;
  GtkWindow       *window;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->structure = ui_test_structure_new (two_chains, two_chains_numbers, two_chains_plddt);
  f->selection = pleat_selection_new ();
  f->track = PLEAT_PLDDT_TRACK (pleat_plddt_track_new ());
  pleat_plddt_track_set_selection (f->track, f->selection);
  pleat_plddt_track_set_structure (f->track, f->structure);
  f->window = ui_test_window_new (GTK_WIDGET (f->track), 600, 240);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (f->window);
  pleat_test_spin (20);
  g_assert_finalize_object (f->selection);
  g_assert_finalize_object (f->structure);
}

static void
center_of (Fixture *f,
           guint    residue,
           double  *x,
           double  *y)
{
  g_assert_true (_pleat_plddt_track_residue_center (f->track, residue, x, y));
}

static void
notify_count_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

static void
test_properties (void)
{
  PleatPlddtTrack *track = PLEAT_PLDDT_TRACK (g_object_ref_sink (pleat_plddt_track_new ()));
  g_autoptr(PleatStructure) structure = ui_test_structure_new (two_chains, two_chains_numbers,
                                                                two_chains_plddt);
  g_autoptr(PleatSelection) selection = pleat_selection_new ();
  PleatSelection *own;
  guint notified = 0;

  /* Never without a selection: a private one until a shared one is set. */
  own = pleat_plddt_track_get_selection (track);
  g_assert_true (PLEAT_IS_SELECTION (own));
  g_assert_null (pleat_plddt_track_get_structure (track));
  g_assert_cmpint (pleat_plddt_track_get_cursor_residue (track), ==, -1);
  g_assert_null (pleat_plddt_track_get_hover_text (track));

  g_signal_connect (track, "notify::structure", G_CALLBACK (notify_count_cb), &notified);
  g_object_set (track, "structure", structure, "selection", selection, NULL);
  g_assert_true (pleat_plddt_track_get_structure (track) == structure);
  g_assert_true (pleat_plddt_track_get_selection (track) == selection);
  pleat_plddt_track_set_structure (track, structure);
  g_assert_cmpuint (notified, ==, 1);

  /* Setting NULL falls back to a private selection again. */
  pleat_plddt_track_set_selection (track, NULL);
  g_assert_true (pleat_plddt_track_get_selection (track) != selection);
  pleat_plddt_track_set_selection (track, selection);

  /* The cursor accepts residues of the structure only. */
  pleat_plddt_track_set_cursor_residue (track, 12);
  g_assert_cmpint (pleat_plddt_track_get_cursor_residue (track), ==, 12);
  pleat_plddt_track_set_cursor_residue (track, 500);
  g_assert_cmpint (pleat_plddt_track_get_cursor_residue (track), ==, -1);

  /* A new structure drops the cursor. */
  pleat_plddt_track_set_cursor_residue (track, 3);
  pleat_plddt_track_set_structure (track, NULL);
  g_assert_cmpint (pleat_plddt_track_get_cursor_residue (track), ==, -1);
  g_assert_cmpuint (notified, ==, 2);

  g_assert_finalize_object (track);
}

static void
test_hover_round_trip (Fixture       *f,
                       gconstpointer  data)
{
  PleatStructure *hovered;
  guint residue = 99;
  double x, y;

  /* Pointer over residue 3 (THR 4... no: ALA 4) of chain A. */
  center_of (f, 3, &x, &y);
  _pleat_plddt_track_motion (f->track, x, y);
  hovered = pleat_selection_get_hover (f->selection, &residue);
  g_assert_true (hovered == f->structure);
  g_assert_cmpuint (residue, ==, 3);
  g_assert_cmpstr (pleat_plddt_track_get_hover_text (f->track), ==,
                   "Chain A · ALA 4 · pLDDT 70.0");

  /* The same over the plot, far below the letters: a column is one residue. */
  _pleat_plddt_track_motion (f->track, x, TRACK_PLOT_Y + TRACK_PLOT_H - 2);
  pleat_selection_get_hover (f->selection, &residue);
  g_assert_cmpuint (residue, ==, 3);

  /* Chain B starts after a gap, with its own numbering. */
  center_of (f, 10, &x, &y);
  _pleat_plddt_track_motion (f->track, x, y);
  pleat_selection_get_hover (f->selection, &residue);
  g_assert_cmpuint (residue, ==, 10);
  g_assert_cmpstr (pleat_plddt_track_get_hover_text (f->track), ==,
                   "Chain B · GLY 549 · pLDDT 75.0");

  /* The gap between the chains and the gutter are no residue. */
  {
    double last_a, first_b, unused;

    center_of (f, 9, &last_a, &unused);
    center_of (f, 10, &first_b, &unused);
    g_assert_cmpint (_pleat_plddt_track_residue_at (f->track, (last_a + first_b) / 2, y), ==, -1);
    g_assert_cmpint (_pleat_plddt_track_residue_at (f->track, 3, y), ==, -1);
    _pleat_plddt_track_motion (f->track, (last_a + first_b) / 2, y);
    g_assert_null (pleat_selection_get_hover (f->selection, NULL));
    g_assert_null (pleat_plddt_track_get_hover_text (f->track));
  }

  /* A residue without pLDDT says so. */
  center_of (f, 8, &x, &y);
  _pleat_plddt_track_motion (f->track, x, y);
  g_assert_cmpstr (pleat_plddt_track_get_hover_text (f->track), ==,
                   "Chain A · GLN 9 · no pLDDT");

  /* Hovering in another view (the 3D view) shows here too. */
  pleat_selection_set_hover (f->selection, f->structure, 0);
  g_assert_cmpstr (pleat_plddt_track_get_hover_text (f->track), ==,
                   "Chain A · MET 1 · pLDDT 95.0");

  /* Leaving clears the hover this structure owns... */
  _pleat_plddt_track_leave (f->track);
  g_assert_null (pleat_selection_get_hover (f->selection, NULL));

  /* ...but not another structure's. */
  {
    g_autoptr(PleatStructure) other = ui_test_structure_new (two_chains, two_chains_numbers, NULL);

    pleat_selection_set_hover (f->selection, other, 2);
    g_assert_null (pleat_plddt_track_get_hover_text (f->track));
    _pleat_plddt_track_leave (f->track);
    g_assert_true (pleat_selection_get_hover (f->selection, NULL) == other);
    pleat_selection_set_hover (f->selection, NULL, 0);
  }
}

static void
assert_selected (Fixture    *f,
                 const char *expected)
{
  GString *got = g_string_new (NULL);

  for (guint r = 0; r < pleat_structure_get_n_residues (f->structure); r++)
    g_string_append_c (got, pleat_selection_contains (f->selection, f->structure, r) ? 'x' : '.');
  g_assert_cmpstr (got->str, ==, expected);
  g_string_free (got, TRUE);
}

static void
test_click_and_drag (Fixture       *f,
                     gconstpointer  data)
{
  double x, y, x2, y2;

  /* A click selects one residue. */
  center_of (f, 2, &x, &y);
  _pleat_plddt_track_drag_begin (f->track, x, y, 0);
  _pleat_plddt_track_drag_end (f->track);
  assert_selected (f, "..x................");
  g_assert_cmpint (pleat_plddt_track_get_cursor_residue (f->track), ==, 2);

  /* A drag selects the range, following the pointer both ways. */
  center_of (f, 5, &x2, &y2);
  _pleat_plddt_track_drag_begin (f->track, x2, y2, 0);
  center_of (f, 7, &x, &y);
  _pleat_plddt_track_drag_update (f->track, x, y + 60);
  assert_selected (f, ".....xxx...........");
  center_of (f, 1, &x, &y);
  _pleat_plddt_track_drag_update (f->track, x, y);
  _pleat_plddt_track_drag_end (f->track);
  assert_selected (f, ".xxxxx.............");

  /* Shift extends from where the last selection started (5) and keeps what was there. */
  center_of (f, 12, &x, &y);
  _pleat_plddt_track_drag_begin (f->track, x, y, GDK_SHIFT_MASK);
  _pleat_plddt_track_drag_end (f->track);
  assert_selected (f, ".xxxxxxxxxxxx......");

  /* Control toggles one residue. */
  center_of (f, 3, &x, &y);
  _pleat_plddt_track_drag_begin (f->track, x, y, GDK_CONTROL_MASK);
  _pleat_plddt_track_drag_end (f->track);
  assert_selected (f, ".xx.xxxxxxxxx......");

  /* Dragging past the end clamps to the last residue. */
  center_of (f, 16, &x, &y);
  _pleat_plddt_track_drag_begin (f->track, x, y, 0);
  _pleat_plddt_track_drag_update (f->track, x + 5000, y);
  _pleat_plddt_track_drag_end (f->track);
  assert_selected (f, "................xxx");

  /* A click on nothing (the chain gap) clears. */
  {
    double last_a, first_b;

    center_of (f, 9, &last_a, &y);
    center_of (f, 10, &first_b, &y);
    _pleat_plddt_track_drag_begin (f->track, (last_a + first_b) / 2, y, 0);
    _pleat_plddt_track_drag_end (f->track);
    g_assert_true (pleat_selection_is_empty (f->selection));
  }
}

static void
test_keyboard (Fixture       *f,
               gconstpointer  data)
{
  guint residue;

  gtk_widget_grab_focus (GTK_WIDGET (_pleat_plddt_track_get_canvas (f->track)));
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (_pleat_plddt_track_get_canvas (f->track))));

  /* The first arrow press puts the cursor on the first residue in view. */
  g_assert_true (_pleat_plddt_track_key_pressed (f->track, GDK_KEY_Right, 0));
  g_assert_cmpint (pleat_plddt_track_get_cursor_residue (f->track), ==, 0);
  g_assert_true (_pleat_plddt_track_key_pressed (f->track, GDK_KEY_Right, 0));
  g_assert_true (_pleat_plddt_track_key_pressed (f->track, GDK_KEY_Right, 0));
  g_assert_cmpint (pleat_plddt_track_get_cursor_residue (f->track), ==, 2);
  /* The cursor is the hover every view shows. */
  g_assert_true (pleat_selection_get_hover (f->selection, &residue) == f->structure);
  g_assert_cmpuint (residue, ==, 2);
  g_assert_cmpstr (pleat_plddt_track_get_hover_text (f->track), ==,
                   "Chain A · THR 3 · pLDDT 89.9");

  /* Space selects, shift + arrows extend from there, across the chain boundary. */
  g_assert_true (_pleat_plddt_track_key_pressed (f->track, GDK_KEY_space, 0));
  assert_selected (f, "..x................");
  for (int i = 0; i < 9; i++)
    g_assert_true (_pleat_plddt_track_key_pressed (f->track, GDK_KEY_Right, GDK_SHIFT_MASK));
  assert_selected (f, "..xxxxxxxxxx.......");
  g_assert_true (_pleat_plddt_track_key_pressed (f->track, GDK_KEY_Left, GDK_SHIFT_MASK));
  assert_selected (f, "..xxxxxxxxx........");

  /* Control + arrow jumps ten, End and Home go to the ends and stop there. */
  g_assert_true (_pleat_plddt_track_key_pressed (f->track, GDK_KEY_Left, GDK_CONTROL_MASK));
  g_assert_cmpint (pleat_plddt_track_get_cursor_residue (f->track), ==, 0);
  g_assert_true (_pleat_plddt_track_key_pressed (f->track, GDK_KEY_End, 0));
  g_assert_cmpint (pleat_plddt_track_get_cursor_residue (f->track), ==, 18);
  g_assert_true (_pleat_plddt_track_key_pressed (f->track, GDK_KEY_Right, 0));
  g_assert_cmpint (pleat_plddt_track_get_cursor_residue (f->track), ==, 18);
  g_assert_true (_pleat_plddt_track_key_pressed (f->track, GDK_KEY_Home, 0));
  g_assert_cmpint (pleat_plddt_track_get_cursor_residue (f->track), ==, 0);

  /* Control + space toggles; Escape clears, and is not eaten when there is nothing. */
  g_assert_true (_pleat_plddt_track_key_pressed (f->track, GDK_KEY_space, GDK_CONTROL_MASK));
  assert_selected (f, "x.xxxxxxxxx........");
  g_assert_true (_pleat_plddt_track_key_pressed (f->track, GDK_KEY_Escape, 0));
  g_assert_true (pleat_selection_is_empty (f->selection));
  g_assert_false (_pleat_plddt_track_key_pressed (f->track, GDK_KEY_Escape, 0));
  g_assert_false (_pleat_plddt_track_key_pressed (f->track, GDK_KEY_a, 0));
}

static void
assert_pixel_color (GdkTexture *texture,
                    double      x,
                    double      y,
                    guint8      r,
                    guint8      g,
                    guint8      b)
{
  guint8 rgba[4];

  ui_test_texture_pixel (texture, (int) x, (int) y, rgba);
  if (abs (rgba[0] - r) > 2 || abs (rgba[1] - g) > 2 || abs (rgba[2] - b) > 2)
    g_error ("pixel %d,%d is #%02X%02X%02X, expected #%02X%02X%02X", (int) x, (int) y,
             rgba[0], rgba[1], rgba[2], r, g, b);
}

/* The sequence cells carry the AFDB band colours with Mol*'s edges (<= 50, <= 70, <= 90). */
static void
test_band_colors (Fixture       *f,
                  gconstpointer  data)
{
  PleatCanvas *canvas = _pleat_plddt_track_get_canvas (f->track);
  g_autoptr(GdkTexture) texture = NULL;
  static const struct { guint residue; guint32 rgb; } expected[] = {
    { 0, 0x0053D6 },   /* 95 */
    { 1, 0x65CBF3 },   /* 90: Confident, not Very high */
    { 2, 0x65CBF3 },   /* 89.9 */
    { 3, 0xFFDB13 },   /* 70: Low */
    { 4, 0xFFDB13 },   /* 69.5 */
    { 5, 0xFF7D45 },   /* 50: Very low */
    { 6, 0xFF7D45 },   /* 49 */
    { 8, 0xAAAAAA },   /* no score */
    { 9, 0x0053D6 },   /* 90.1 */
  };

  texture = ui_test_render_widget (GTK_WIDGET (canvas));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      double x, y;

      center_of (f, expected[i].residue, &x, &y);
      /* The cell's top row, above the letter. */
      assert_pixel_color (texture, x, TRACK_SEQUENCE_Y + 1, expected[i].rgb >> 16,
                          (expected[i].rgb >> 8) & 0xff, expected[i].rgb & 0xff);
    }
  /* Bars: a 95 bar reaches high, a 10 bar does not. */
  {
    double x95, x10, y;

    center_of (f, 0, &x95, &y);
    center_of (f, 7, &x10, &y);
    assert_pixel_color (texture, x95, TRACK_PLOT_Y + 10, 0x00, 0x53, 0xD6);
    assert_pixel_color (texture, x10, TRACK_PLOT_Y + TRACK_PLOT_H - 5, 0xFF, 0x7D, 0x45);
    {
      guint8 rgba[4];

      ui_test_texture_pixel (texture, (int) x10, TRACK_PLOT_Y + 10, rgba);
      g_assert_false (rgba[0] == 0xFF && rgba[1] == 0x7D && rgba[2] == 0x45);
    }
  }
}

/* The selection colour, PLEAT_COLOR_SELECTION (magenta). */
static gboolean
is_selection_color (const guint8 rgba[4])
{
  return abs (rgba[0] - 0xFF) <= 2 && abs (rgba[1] - 0x26) <= 2 && abs (rgba[2] - 0xD9) <= 2;
}

/* Residues selected in another view are marked under their letters. */
static void
test_selection_highlight (Fixture       *f,
                          gconstpointer  data)
{
  PleatCanvas *canvas = _pleat_plddt_track_get_canvas (f->track);
  g_autoptr(GdkTexture) before = NULL;
  g_autoptr(GdkTexture) after = NULL;
  double x4, x6, y;
  guint8 rgba[4];
  int mark_y = TRACK_SEQUENCE_Y + TRACK_SEQUENCE_H + 2;

  center_of (f, 4, &x4, &y);
  center_of (f, 6, &x6, &y);
  before = ui_test_render_widget (GTK_WIDGET (canvas));
  ui_test_texture_pixel (before, (int) x4, mark_y, rgba);
  g_assert_false (is_selection_color (rgba));

  pleat_selection_select (f->selection, f->structure, 4);
  after = ui_test_render_widget (GTK_WIDGET (canvas));
  ui_test_texture_pixel (after, (int) x4, mark_y, rgba);
  g_assert_true (is_selection_color (rgba));
  ui_test_texture_pixel (after, (int) x6, mark_y, rgba);
  g_assert_false (is_selection_color (rgba));
}

static void
test_scrolling (void)
{
  g_autofree char *sequence = g_malloc (601);
  g_autofree float *plddt = g_new (float, 600);
  const char *chains[] = { sequence, NULL };
  const int numbers[] = { 1 };
  g_autoptr(PleatStructure) structure = NULL;
  PleatPlddtTrack *track;
  GtkWindow *window;
  PleatCanvas *canvas;
  double x, y;

  for (guint i = 0; i < 600; i++)
    {
      sequence[i] = "ACDEFGHIKLMNPQRSTVWY"[i % 20];
      plddt[i] = 50.0f + 45.0f * sinf ((float) i / 30.0f);
    }
  sequence[600] = '\0';
  structure = ui_test_structure_new (chains, numbers, plddt);
  track = PLEAT_PLDDT_TRACK (pleat_plddt_track_new ());
  pleat_plddt_track_set_structure (track, structure);
  window = ui_test_window_new (GTK_WIDGET (track), 500, 240);
  canvas = _pleat_plddt_track_get_canvas (track);

  /* 600 residues do not fit in 500 pixels: the content is wider and scrolls. */
  g_assert_cmpint (pleat_canvas_get_content_width (canvas), >, 600 * 10);
  g_assert_cmpfloat (pleat_canvas_get_scroll_x (canvas), ==, 0);
  g_assert_true (_pleat_plddt_track_residue_center (track, 599, &x, &y));
  g_assert_cmpfloat (x, >, gtk_widget_get_width (GTK_WIDGET (canvas)));

  /* Moving the cursor to the end brings the end into view. */
  pleat_plddt_track_set_cursor_residue (track, 599);
  pleat_test_spin (50);
  g_assert_cmpfloat (pleat_canvas_get_scroll_x (canvas), >, 0);
  g_assert_true (_pleat_plddt_track_residue_center (track, 599, &x, &y));
  g_assert_cmpfloat (x, >, TRACK_GUTTER);
  g_assert_cmpfloat (x, <, gtk_widget_get_width (GTK_WIDGET (canvas)));
  /* Hit testing follows the scrolled content. */
  g_assert_cmpint (_pleat_plddt_track_residue_at (track, x, y), ==, 599);

  gtk_window_destroy (window);
  pleat_test_spin (20);
}

static void
test_accessibility (Fixture       *f,
                    gconstpointer  data)
{
  GtkWidget *canvas = GTK_WIDGET (_pleat_plddt_track_get_canvas (f->track));

  gtk_test_accessible_assert_role (canvas, GTK_ACCESSIBLE_ROLE_SLIDER);
  gtk_test_accessible_assert_property (canvas, GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Sequence and per-residue confidence (pLDDT)");
  g_assert_true (gtk_widget_get_focusable (canvas));
  gtk_test_accessible_assert_property (canvas, GTK_ACCESSIBLE_PROPERTY_VALUE_MAX, 19.0);
  pleat_plddt_track_set_cursor_residue (f->track, 11);
  gtk_test_accessible_assert_property (canvas, GTK_ACCESSIBLE_PROPERTY_VALUE_NOW, 12.0);
  gtk_test_accessible_assert_property (canvas, GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT,
                                       "Chain B · SER 550 · pLDDT 75.0");
}

static void
test_screenshot (void)
{
  g_autoptr(PleatStructure) dimer = ui_test_load_dimer ();
  g_autoptr(PleatSelection) selection = pleat_selection_new ();
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  PleatPlddtTrack *track;
  GtkWindow *window;

  g_assert_nonnull (dimer);
  track = PLEAT_PLDDT_TRACK (pleat_plddt_track_new ());
  pleat_plddt_track_set_selection (track, selection);
  pleat_plddt_track_set_structure (track, dimer);
  gtk_widget_set_margin_start (GTK_WIDGET (track), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (track), 12);
  gtk_widget_set_margin_top (GTK_WIDGET (track), 12);
  gtk_widget_set_margin_bottom (GTK_WIDGET (track), 12);
  window = ui_test_window_new (GTK_WIDGET (track), 720, 260);
  pleat_selection_select_range (selection, dimer, 3, 6);
  pleat_selection_set_hover (selection, dimer, 14);
  pleat_test_spin (50);

  texture = ui_test_render_widget (GTK_WIDGET (window));
  path = ui_test_save_png (texture, "plddt-track-dimer.png");
  gtk_window_destroy (window);
  pleat_test_spin (20);
}

static void
test_screenshot_long (void)
{
  g_autofree char *a = g_malloc (181);
  g_autofree char *b = g_malloc (121);
  g_autofree float *plddt = g_new (float, 300);
  const char *chains[] = { a, b, NULL };
  const int numbers[] = { 1, 1 };
  g_autoptr(PleatStructure) structure = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  PleatPlddtTrack *track;
  GtkWindow *window;

  for (guint i = 0; i < 300; i++)
    {
      if (i < 180)
        a[i] = "MKTAYIAKQRQISFVKSHFSRQLEERLGLIEVQAPILSRVGDGTQDNLSGAEK"[i % 53];
      else
        b[i - 180] = "GSHMASLKDEVLKAAQEFLDRSGHPYLNTVVGK"[(i - 180) % 33];
      /* A folded core, a floppy linker and a loosely placed second chain. */
      plddt[i] = i < 12 ? 40.0f + 4.0f * i
                 : i < 150 ? 88.0f + 8.0f * sinf ((float) i / 6.0f)
                 : i < 180 ? 35.0f + 10.0f * sinf ((float) i)
                 : 62.0f + 14.0f * sinf ((float) i / 9.0f);
    }
  a[180] = '\0';
  b[120] = '\0';
  structure = ui_test_structure_new (chains, numbers, plddt);
  track = PLEAT_PLDDT_TRACK (pleat_plddt_track_new ());
  pleat_plddt_track_set_structure (track, structure);
  gtk_widget_set_margin_start (GTK_WIDGET (track), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (track), 12);
  gtk_widget_set_margin_top (GTK_WIDGET (track), 12);
  gtk_widget_set_margin_bottom (GTK_WIDGET (track), 12);
  window = ui_test_window_new (GTK_WIDGET (track), 900, 260);
  /* Scrolled to the chain boundary, with the cursor there and a selection across it. */
  pleat_selection_select_range (pleat_plddt_track_get_selection (track), structure, 176, 184);
  gtk_widget_grab_focus (GTK_WIDGET (_pleat_plddt_track_get_canvas (track)));
  pleat_plddt_track_set_cursor_residue (track, 190);
  pleat_test_spin (50);

  texture = ui_test_render_widget (GTK_WIDGET (window));
  path = ui_test_save_png (texture, "plddt-track-long.png");
  gtk_window_destroy (window);
  pleat_test_spin (20);
}

int
main (int   argc,
      char *argv[])
{
  ui_test_init (&argc, &argv);

  g_test_add_func ("/pleat/ui/PlddtTrack/properties", test_properties);
  g_test_add ("/pleat/ui/PlddtTrack/hover-round-trip", Fixture, NULL,
              fixture_set_up, test_hover_round_trip, fixture_tear_down);
  g_test_add ("/pleat/ui/PlddtTrack/click-and-drag", Fixture, NULL,
              fixture_set_up, test_click_and_drag, fixture_tear_down);
  g_test_add ("/pleat/ui/PlddtTrack/keyboard", Fixture, NULL,
              fixture_set_up, test_keyboard, fixture_tear_down);
  g_test_add ("/pleat/ui/PlddtTrack/band-colors", Fixture, NULL,
              fixture_set_up, test_band_colors, fixture_tear_down);
  g_test_add ("/pleat/ui/PlddtTrack/selection-highlight", Fixture, NULL,
              fixture_set_up, test_selection_highlight, fixture_tear_down);
  g_test_add ("/pleat/ui/PlddtTrack/accessibility", Fixture, NULL,
              fixture_set_up, test_accessibility, fixture_tear_down);
  g_test_add_func ("/pleat/ui/PlddtTrack/scrolling", test_scrolling);
  g_test_add_func ("/pleat/ui/PlddtTrack/screenshot", test_screenshot);
  g_test_add_func ("/pleat/ui/PlddtTrack/screenshot-long", test_screenshot_long);

  return g_test_run ();
}
