/* test-pae-view.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "pleat-colors.h"
#include "pleat-pae-view-private.h"
#include "pleat-plddt-track-private.h"
#include "ui-test-util.h"

static const char *const two_chains[] = { "MKTAYIAKQR", "GSHMLEDP", NULL };
static const int two_chains_numbers[] = { 1, 549 };

/* A map that is asymmetric and different in every cell, so that a swapped axis, an off-by-one
 * or a wrong cell shows: low inside a chain, high between chains, plus a row term. */
static float
synthetic_pae (guint row,
               guint column,
               guint split)
{
  gboolean same = (row < split) == (column < split);

  return (same ? 1.0f + 1.5f * fabsf ((float) row - (float) column) : 22.0f)
         + 0.25f * (float) row;
}

static PleatStructure *
structure_with_pae (const char *const *chains,
                    const int         *numbers,
                    guint              split)
{
  PleatStructure *structure = ui_test_structure_new (chains, numbers, NULL);
  guint n = pleat_structure_get_n_residues (structure);
  float *pae = g_new (float, (gsize) n * n);

  for (guint i = 0; i < n; i++)
    for (guint j = 0; j < n; j++)
      pae[(gsize) i * n + j] = synthetic_pae (i, j, split);
  pleat_structure_take_pae (structure, n, pae, 31.75f);
  return structure;
}

static void
expected_color (float  pae,
                guint8 rgb[3])
{
  guint8 rgba[4];

  pleat_color_pae (pae, rgba);
  memcpy (rgb, rgba, 3);
}

static void
assert_rgb_near (const guint8 *got,
                 const guint8 *want,
                 int           tolerance,
                 const char   *what)
{
  if (abs (got[0] - want[0]) > tolerance || abs (got[1] - want[1]) > tolerance
      || abs (got[2] - want[2]) > tolerance)
    g_error ("%s: #%02X%02X%02X, expected #%02X%02X%02X", what, got[0], got[1], got[2],
             want[0], want[1], want[2]);
}

/* Pixel of an RGB memory texture. */
static void
texture_rgb (GdkTexture *texture,
             int         x,
             int         y,
             guint8      rgb[3])
{
  guint8 rgba[4];

  ui_test_texture_pixel (texture, x, y, rgba);
  memcpy (rgb, rgba, 3);
}

/* The image: colours, nearest-neighbour magnification, averaging reduction. */
static void
test_image (void)
{
  static const float pae[] = { 0, 5, 10, 15, 20, 25, 30, 40, NAN };
  g_autoptr(PleatPaeImage) image = pleat_pae_image_new (pae, 3);
  g_autoptr(GdkTexture) same = NULL;
  g_autoptr(GdkTexture) big = NULL;
  g_autoptr(GdkTexture) part = NULL;
  guint8 got[3], want[3];

  g_assert_cmpuint (pleat_pae_image_get_size (image), ==, 3);
  /* The paegreen stops exactly, white at and above 30, Mol*'s grey for no value. */
  for (guint i = 0; i < 8; i++)
    {
      pleat_pae_image_get_cell (image, i / 3, i % 3, got);
      expected_color (pae[i], want);
      assert_rgb_near (got, want, 0, "cell");
    }
  pleat_pae_image_get_cell (image, 0, 0, got);
  assert_rgb_near (got, (guint8[]) { 0x1E, 0x46, 0x1E }, 0, "0 Å");
  pleat_pae_image_get_cell (image, 2, 1, got);
  assert_rgb_near (got, (guint8[]) { 0xFF, 0xFF, 0xFF }, 0, "40 Å");
  pleat_pae_image_get_cell (image, 2, 2, got);
  assert_rgb_near (got, (guint8[]) { 0xAA, 0xAA, 0xAA }, 0, "NaN");

  /* One texel per cell. */
  same = pleat_pae_image_render (image, 0, 0, 3, 3, 3, 3, NULL);
  for (guint i = 0; i < 9; i++)
    {
      guint8 cell[3];

      texture_rgb (same, i % 3, i / 3, got);
      pleat_pae_image_get_cell (image, i / 3, i % 3, cell);
      assert_rgb_near (got, cell, 0, "1:1");
    }

  /* Ten pixels per cell: each pixel takes its cell, edges stay sharp. */
  big = pleat_pae_image_render (image, 0, 0, 3, 3, 30, 30, NULL);
  texture_rgb (big, 9, 0, got);
  pleat_pae_image_get_cell (image, 0, 0, want);
  assert_rgb_near (got, want, 0, "x 9");
  texture_rgb (big, 10, 0, got);
  pleat_pae_image_get_cell (image, 0, 1, want);
  assert_rgb_near (got, want, 0, "x 10");
  texture_rgb (big, 29, 19, got);
  pleat_pae_image_get_cell (image, 1, 2, want);
  assert_rgb_near (got, want, 0, "row 1 column 2");

  /* A zoomed region: rows and columns 1-2. */
  part = pleat_pae_image_render (image, 1, 1, 2, 2, 20, 20, NULL);
  texture_rgb (part, 0, 0, got);
  pleat_pae_image_get_cell (image, 1, 1, want);
  assert_rgb_near (got, want, 0, "zoomed 1,1");
  texture_rgb (part, 19, 0, got);
  pleat_pae_image_get_cell (image, 1, 2, want);
  assert_rgb_near (got, want, 0, "zoomed 1,2");

  /* Highlighting residue 1: its row and column keep their colours, the rest is grey. */
  {
    static const guint8 flags[] = { 0, 1, 0 };
    g_autoptr(GdkTexture) lit = pleat_pae_image_render (image, 0, 0, 3, 3, 3, 3, flags);

    for (guint i = 0; i < 9; i++)
      {
        guint row = i / 3, column = i % 3;

        texture_rgb (lit, column, row, got);
        pleat_pae_image_get_cell (image, row, column, want);
        if (row == 1 || column == 1)
          assert_rgb_near (got, want, 0, "highlighted");
        else
          {
            guint8 luma = (guint8) ((want[0] * 77 + want[1] * 150 + want[2] * 29 + 128) >> 8);

            assert_rgb_near (got, (guint8[]) { luma, luma, luma }, 0, "grey");
          }
      }
  }
}

static void
test_image_reduction (void)
{
  guint n = 64;
  g_autofree float *pae = g_new (float, n * n);
  g_autoptr(PleatPaeImage) image = NULL;
  g_autoptr(GdkTexture) small = NULL;
  g_autoptr(GdkTexture) checker = NULL;
  guint8 got[3], dark[3], white[3];

  /* Quadrants 0 / 30 / 30 / 0 with a one-cell checkerboard in the bottom-right one. */
  for (guint i = 0; i < n; i++)
    for (guint j = 0; j < n; j++)
      pae[i * n + j] = (i < 32) == (j < 32) ? ((i >= 32 && (i + j) % 2) ? 30.0f : 0.0f) : 30.0f;
  image = pleat_pae_image_new (pae, n);
  expected_color (0, dark);
  expected_color (30, white);

  /* 8 cells per pixel: whole quadrants keep their colour... */
  small = pleat_pae_image_render (image, 0, 0, n, n, 8, 8, NULL);
  texture_rgb (small, 1, 1, got);
  assert_rgb_near (got, dark, 0, "top-left quadrant");
  texture_rgb (small, 6, 1, got);
  assert_rgb_near (got, white, 0, "top-right quadrant");
  /* ...and the checkerboard averages to the midpoint instead of aliasing to either. */
  texture_rgb (small, 6, 6, got);
  for (guint c = 0; c < 3; c++)
    g_assert_cmpint (abs (got[c] - (dark[c] + white[c]) / 2), <=, 1);

  /* A non-power-of-two reduction (3 cells per pixel) of the checkerboard stays mid-grey too. */
  checker = pleat_pae_image_render (image, 32, 32, 30, 30, 10, 10, NULL);
  texture_rgb (checker, 5, 5, got);
  for (guint c = 0; c < 3; c++)
    g_assert_cmpint (abs (got[c] - (dark[c] + white[c]) / 2), <=, 2);
}

typedef struct
{
  PleatStructure *structure;
  PleatSelection *selection;
  PleatPaeView   *view;
  GtkWindow      *window;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->structure = structure_with_pae (two_chains, two_chains_numbers, 10);
  f->selection = pleat_selection_new ();
  f->view = PLEAT_PAE_VIEW (pleat_pae_view_new ());
  pleat_pae_view_set_selection (f->view, f->selection);
  pleat_pae_view_set_structure (f->view, f->structure);
  f->window = ui_test_window_new (GTK_WIDGET (f->view), 560, 480);
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
           guint    row,
           guint    column,
           double  *x,
           double  *y)
{
  g_assert_true (_pleat_pae_view_cell_center (f->view, row, column, x, y));
}

static void
test_properties_and_empty_state (void)
{
  PleatPaeView *view = PLEAT_PAE_VIEW (pleat_pae_view_new ());
  g_autoptr(PleatStructure) without = ui_test_structure_new (two_chains, two_chains_numbers,
                                                              NULL);
  g_autoptr(PleatStructure) with = structure_with_pae (two_chains, two_chains_numbers, 10);
  GtkWindow *window;

  g_assert_true (PLEAT_IS_SELECTION (pleat_pae_view_get_selection (view)));
  g_assert_null (pleat_pae_view_get_structure (view));
  g_assert_false (pleat_pae_view_get_zoomed (view));
  window = ui_test_window_new (GTK_WIDGET (view), 400, 400);

  g_assert_cmpstr (gtk_stack_get_visible_child_name (view->stack), ==, "empty");
  g_assert_cmpstr (gtk_label_get_text (view->empty_title), ==, "No Structure");

  g_object_set (view, "structure", without, NULL);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (view->stack), ==, "empty");
  g_assert_cmpstr (gtk_label_get_text (view->empty_title), ==, "No PAE in this file");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (view->empty_title)));

  pleat_pae_view_set_structure (view, with);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (view->stack), ==, "map");
  g_assert_true (pleat_pae_view_get_structure (view) == with);

  pleat_pae_view_set_structure (view, NULL);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (view->stack), ==, "empty");

  gtk_window_destroy (window);
  pleat_test_spin (20);
}

/* The pixels at known cells are those cells' colours: rows aligned (y), columns scored (x). */
static void
test_texture_pixels (Fixture       *f,
                     gconstpointer  data)
{
  PleatCanvas *canvas = _pleat_pae_view_get_canvas (f->view);
  g_autoptr(GdkTexture) texture = NULL;
  static const guint cells[][2] = { { 0, 0 }, { 2, 12 }, { 12, 2 }, { 17, 17 }, { 5, 9 },
                                    { 9, 10 } };

  texture = ui_test_render_widget (GTK_WIDGET (canvas));
  for (guint i = 0; i < G_N_ELEMENTS (cells); i++)
    {
      guint8 got[3], want[3];
      double x, y;

      center_of (f, cells[i][0], cells[i][1], &x, &y);
      texture_rgb (texture, (int) x, (int) y, got);
      expected_color (synthetic_pae (cells[i][0], cells[i][1], 10), want);
      assert_rgb_near (got, want, 2, "cell centre");
    }
  /* The texture itself is at one texel per pixel of the map. */
  g_assert_nonnull (_pleat_pae_view_get_texture (f->view));
  g_assert_cmpint (gdk_texture_get_width (_pleat_pae_view_get_texture (f->view)), ==,
                   (int) _pleat_pae_view_layout (f->view).size);

  /* Zoomed in, cells stay flat squares: the pixels near a cell's corners have its colour. */
  _pleat_pae_view_zoom (f->view, 4, _pleat_pae_view_layout (f->view).x,
                        _pleat_pae_view_layout (f->view).y);
  g_assert_true (pleat_pae_view_get_zoomed (f->view));
  g_clear_object (&texture);
  texture = ui_test_render_widget (GTK_WIDGET (canvas));
  {
    PaeLayout l = _pleat_pae_view_layout (f->view);
    double cell = l.size / f->view->view_span;
    guint8 got[3], want[3];
    double x, y;

    center_of (f, 1, 2, &x, &y);
    expected_color (synthetic_pae (1, 2, 10), want);
    texture_rgb (texture, (int) (x - cell / 2 + 2), (int) (y - cell / 2 + 2), got);
    assert_rgb_near (got, want, 2, "zoomed corner");
    texture_rgb (texture, (int) (x + cell / 2 - 3), (int) (y + cell / 2 - 3), got);
    assert_rgb_near (got, want, 2, "zoomed opposite corner");
  }
}

static void
test_hover_round_trip (Fixture       *f,
                       gconstpointer  data)
{
  guint residue = 0;
  double x, y;
  int row, column;

  /* Row 3 (aligned, ALA 4 of A), column 12 (scored, HIS 551 of B). */
  center_of (f, 3, 12, &x, &y);
  g_assert_true (_pleat_pae_view_cell_at (f->view, x, y, &row, &column));
  g_assert_cmpint (row, ==, 3);
  g_assert_cmpint (column, ==, 12);
  _pleat_pae_view_motion (f->view, x, y);
  g_assert_true (pleat_selection_get_hover (f->selection, &residue) == f->structure);
  g_assert_cmpuint (residue, ==, 12);
  g_assert_cmpstr (pleat_pae_view_get_hover_text (f->view), ==,
                   "Aligned A ALA 4 · Scored B HIS 551 · PAE 22.8 Å");

  /* The transposed cell says the other thing. */
  center_of (f, 12, 3, &x, &y);
  _pleat_pae_view_motion (f->view, x, y);
  pleat_selection_get_hover (f->selection, &residue);
  g_assert_cmpuint (residue, ==, 3);
  g_assert_cmpstr (pleat_pae_view_get_hover_text (f->view), ==,
                   "Aligned B HIS 551 · Scored A ALA 4 · PAE 25.0 Å");

  /* Outside the map (the axis labels) is no cell. */
  g_assert_false (_pleat_pae_view_cell_at (f->view, 5, 5, &row, &column));
  _pleat_pae_view_motion (f->view, 5, 5);
  g_assert_null (pleat_pae_view_get_hover_text (f->view));
  g_assert_null (pleat_selection_get_hover (f->selection, NULL));

  /* A residue hovered in another view marks its row and column. */
  pleat_selection_set_hover (f->selection, f->structure, 15);
  g_assert_cmpint (f->view->other_hover, ==, 15);
  _pleat_pae_view_leave (f->view);
  pleat_selection_set_hover (f->selection, NULL, 0);
  g_assert_cmpint (f->view->other_hover, ==, -1);
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
test_box_select (Fixture       *f,
                 gconstpointer  data)
{
  double x0, y0, x1, y1;

  /* Rows 1-3 and columns 12-14. */
  center_of (f, 1, 14, &x0, &y0);
  center_of (f, 3, 12, &x1, &y1);
  _pleat_pae_view_drag_begin (f->view, GDK_BUTTON_PRIMARY, x0, y0, 0);
  _pleat_pae_view_drag_update (f->view, x1, y1);
  /* Nothing is selected until the button is released... */
  assert_selected (f, "..................");
  g_assert_true (f->view->box_visible);
  _pleat_pae_view_drag_end (f->view, x1, y1);
  /* ...then the box's rows and columns are. */
  assert_selected (f, ".xxx........xxx...");
  g_assert_true (f->view->box_visible);
  g_assert_cmpuint (f->view->box_row0, ==, 1);
  g_assert_cmpuint (f->view->box_row1, ==, 3);
  g_assert_cmpuint (f->view->box_column0, ==, 12);
  g_assert_cmpuint (f->view->box_column1, ==, 14);

  /* Shift adds a diagonal box (one range). */
  center_of (f, 6, 6, &x0, &y0);
  center_of (f, 7, 7, &x1, &y1);
  _pleat_pae_view_drag_begin (f->view, GDK_BUTTON_PRIMARY, x0, y0, GDK_SHIFT_MASK);
  _pleat_pae_view_drag_end (f->view, x1, y1);
  assert_selected (f, ".xxx..xx....xxx...");

  /* A click is a one-cell box: its two residues. */
  center_of (f, 0, 17, &x0, &y0);
  _pleat_pae_view_drag_begin (f->view, GDK_BUTTON_PRIMARY, x0, y0, 0);
  _pleat_pae_view_drag_end (f->view, x0, y0);
  assert_selected (f, "x................x");

  /* A selection made elsewhere takes the box away. */
  pleat_selection_select (f->selection, f->structure, 9);
  g_assert_false (f->view->box_visible);

  /* Escape clears. */
  g_assert_true (_pleat_pae_view_key_pressed (f->view, GDK_KEY_Escape, 0));
  g_assert_true (pleat_selection_is_empty (f->selection));
}

static gboolean
is_grey (const guint8 *rgb)
{
  return rgb[0] == rgb[1] && rgb[1] == rgb[2];
}

static void
test_selection_highlight (Fixture       *f,
                          gconstpointer  data)
{
  PleatCanvas *canvas = _pleat_pae_view_get_canvas (f->view);
  g_autoptr(GdkTexture) before = NULL;
  g_autoptr(GdkTexture) after = NULL;
  PaeLayout l;
  guint8 a[3], b[3];
  double x, y, xc, yc, xo, yo;

  center_of (f, 4, 16, &x, &y);      /* in row 4 */
  center_of (f, 13, 4, &xc, &yc);    /* in column 4 */
  center_of (f, 14, 15, &xo, &yo);   /* neither */
  before = ui_test_render_widget (GTK_WIDGET (canvas));
  pleat_selection_select (f->selection, f->structure, 4);
  after = ui_test_render_widget (GTK_WIDGET (canvas));
  l = _pleat_pae_view_layout (f->view);

  /* The selected residue's row and column keep their colours... */
  texture_rgb (before, (int) x, (int) y, b);
  texture_rgb (after, (int) x, (int) y, a);
  assert_rgb_near (a, b, 0, "selected row");
  g_assert_false (is_grey (a));
  texture_rgb (before, (int) xc, (int) yc, b);
  texture_rgb (after, (int) xc, (int) yc, a);
  assert_rgb_near (a, b, 0, "selected column");
  /* ...the rest turns grey... */
  texture_rgb (before, (int) xo, (int) yo, b);
  texture_rgb (after, (int) xo, (int) yo, a);
  g_assert_false (is_grey (b));
  g_assert_true (is_grey (a));
  /* ...and the bar beside the rows' axis has the selection colour of every view. */
  texture_rgb (after, (int) l.x - 3, (int) y, a);
  assert_rgb_near (a, (guint8[]) { 0xFF, 0x26, 0xD9 }, 2, "axis bar");

  /* Clearing brings the colours back. */
  pleat_selection_clear (f->selection);
  g_clear_object (&after);
  after = ui_test_render_widget (GTK_WIDGET (canvas));
  texture_rgb (before, (int) xo, (int) yo, b);
  texture_rgb (after, (int) xo, (int) yo, a);
  assert_rgb_near (a, b, 0, "cleared");
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

static void
test_zoom_and_pan (Fixture       *f,
                   gconstpointer  data)
{
  PaeLayout l = _pleat_pae_view_layout (f->view);
  double x, y, x2, y2;
  guint notified = 0;
  int row, column;

  g_signal_connect (f->view, "notify::zoomed", G_CALLBACK (count_notify_cb), &notified);
  /* Zooming keeps the cell under the pointer where it is. */
  center_of (f, 5, 7, &x, &y);
  _pleat_pae_view_zoom (f->view, 3, x, y);
  g_assert_true (pleat_pae_view_get_zoomed (f->view));
  g_assert_cmpuint (notified, ==, 1);
  g_assert_cmpfloat_with_epsilon (f->view->view_span, 6.0, 1e-9);
  g_assert_true (_pleat_pae_view_cell_at (f->view, x, y, &row, &column));
  g_assert_cmpint (row, ==, 5);
  g_assert_cmpint (column, ==, 7);
  /* Not beyond four cells. */
  _pleat_pae_view_zoom (f->view, 100, x, y);
  g_assert_cmpfloat (f->view->view_span, ==, PAE_MIN_SPAN);

  /* A right drag pans by whole pixels' worth of cells, and stops at the edges. */
  center_of (f, 5, 7, &x, &y);
  _pleat_pae_view_drag_begin (f->view, GDK_BUTTON_SECONDARY, x, y, 0);
  _pleat_pae_view_drag_update (f->view, x - l.size / 4, y);
  _pleat_pae_view_drag_end (f->view, x - l.size / 4, y);
  g_assert_true (_pleat_pae_view_cell_center (f->view, 5, 8, &x2, &y2));
  g_assert_cmpfloat_with_epsilon (x2, x, 1e-6);
  g_assert_true (pleat_selection_is_empty (f->selection));
  _pleat_pae_view_drag_begin (f->view, GDK_BUTTON_MIDDLE, x, y, 0);
  _pleat_pae_view_drag_end (f->view, x + 10 * l.size, y + 10 * l.size);
  g_assert_cmpfloat (f->view->view_x, ==, 0);
  g_assert_cmpfloat (f->view->view_y, ==, 0);

  /* Home (or double-click, or the header button) shows everything again. */
  g_assert_true (_pleat_pae_view_key_pressed (f->view, GDK_KEY_Home, 0));
  g_assert_false (pleat_pae_view_get_zoomed (f->view));
  g_assert_cmpuint (notified, ==, 2);
  g_assert_cmpfloat (f->view->view_span, ==, 18);
}

static void
test_keyboard (Fixture       *f,
               gconstpointer  data)
{
  guint residue;

  gtk_widget_grab_focus (GTK_WIDGET (_pleat_pae_view_get_canvas (f->view)));
  /* The first press puts the cursor on the top-left cell. */
  g_assert_true (_pleat_pae_view_key_pressed (f->view, GDK_KEY_Down, 0));
  g_assert_cmpint (f->view->cursor_row, ==, 0);
  g_assert_cmpint (f->view->cursor_column, ==, 0);
  g_assert_true (_pleat_pae_view_key_pressed (f->view, GDK_KEY_Right, GDK_SHIFT_MASK));
  g_assert_true (_pleat_pae_view_key_pressed (f->view, GDK_KEY_Down, 0));
  g_assert_cmpint (f->view->cursor_row, ==, 1);
  g_assert_cmpint (f->view->cursor_column, ==, 10);
  g_assert_cmpstr (pleat_pae_view_get_hover_text (f->view), ==,
                   "Aligned A LYS 2 · Scored B GLY 549 · PAE 22.2 Å");
  g_assert_true (pleat_selection_get_hover (f->selection, &residue) == f->structure);
  g_assert_cmpuint (residue, ==, 10);
  g_assert_true (_pleat_pae_view_key_pressed (f->view, GDK_KEY_Return, 0));
  assert_selected (f, ".x........x.......");
  /* The cursor stops at the edges. */
  for (int i = 0; i < 5; i++)
    g_assert_true (_pleat_pae_view_key_pressed (f->view, GDK_KEY_Right, GDK_SHIFT_MASK));
  g_assert_cmpint (f->view->cursor_column, ==, 17);
  /* Zoom keys. */
  g_assert_true (_pleat_pae_view_key_pressed (f->view, GDK_KEY_plus, 0));
  g_assert_true (pleat_pae_view_get_zoomed (f->view));
  g_assert_true (_pleat_pae_view_key_pressed (f->view, GDK_KEY_minus, 0));
  g_assert_false (pleat_pae_view_get_zoomed (f->view));
  g_assert_false (_pleat_pae_view_key_pressed (f->view, GDK_KEY_a, 0));
}

static void
test_accessibility (Fixture       *f,
                    gconstpointer  data)
{
  GtkWidget *canvas = GTK_WIDGET (_pleat_pae_view_get_canvas (f->view));
  double x, y;

  gtk_test_accessible_assert_role (canvas, GTK_ACCESSIBLE_ROLE_IMG);
  gtk_test_accessible_assert_property (canvas, GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Predicted aligned error map");
  center_of (f, 0, 1, &x, &y);
  _pleat_pae_view_motion (f->view, x, y);
  gtk_test_accessible_assert_property (canvas, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "Aligned A MET 1 · Scored A LYS 2 · PAE 2.5 Å");
}

static gboolean
page_is_map (gpointer view)
{
  return g_strcmp0 (gtk_stack_get_visible_child_name (PLEAT_PAE_VIEW (view)->stack), "map") == 0;
}

static PleatStructure *
big_structure (guint n)
{
  g_autofree char *a = g_malloc (n / 2 + 1);
  g_autofree char *b = g_malloc (n - n / 2 + 1);
  const char *chains[] = { a, b, NULL };
  const int numbers[] = { 1, 1 };

  memset (a, 'A', n / 2);
  a[n / 2] = '\0';
  memset (b, 'G', n - n / 2);
  b[n - n / 2] = '\0';
  return structure_with_pae (chains, numbers, n / 2);
}

/* Large maps are coloured in a thread; the view says so meanwhile, and a structure replaced
 * before its map is ready never shows it. */
static void
test_large_map_in_thread (void)
{
  g_autoptr(PleatStructure) big = big_structure (1200);
  g_autoptr(PleatStructure) small = structure_with_pae (two_chains, two_chains_numbers, 10);
  PleatPaeView *view = PLEAT_PAE_VIEW (pleat_pae_view_new ());
  GtkWindow *window = ui_test_window_new (GTK_WIDGET (view), 560, 480);
  g_autoptr(GdkTexture) texture = NULL;
  guint8 got[3], want[3];
  double x, y;

  pleat_pae_view_set_structure (view, big);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (view->stack), ==, "loading");
  g_assert_true (pleat_test_wait_until (page_is_map, view, 20000));
  g_assert_nonnull (view->image);
  /* The map page gets its size at the next layout. */
  pleat_test_spin (100);
  g_assert_cmpuint (pleat_pae_image_get_size (view->image), ==, 1200);

  /* A cell far into the second chain, magnified so that one cell is many pixels. */
  g_assert_true (_pleat_pae_view_cell_center (view, 1000, 1100, &x, &y));
  _pleat_pae_view_zoom (view, 200, x, y);
  g_assert_true (_pleat_pae_view_cell_center (view, 1000, 1100, &x, &y));
  texture = ui_test_render_widget (GTK_WIDGET (_pleat_pae_view_get_canvas (view)));
  texture_rgb (texture, (int) x, (int) y, got);
  expected_color (synthetic_pae (1000, 1100, 600), want);
  assert_rgb_near (got, want, 2, "cell of a large map");

  /* Replaced while colouring: the small one wins, whatever finishes later. */
  pleat_pae_view_set_structure (view, NULL);
  pleat_pae_view_set_structure (view, big);
  pleat_pae_view_set_structure (view, small);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (view->stack), ==, "map");
  pleat_test_spin (1500);
  g_assert_cmpuint (pleat_pae_image_get_size (view->image), ==, 18);
  g_assert_cmpuint (view->n, ==, 18);

  gtk_window_destroy (window);
  pleat_test_spin (20);
}

/* The fixture's dimer with a PAE shaped like a real two-chain prediction. */
static void
attach_realistic_pae (PleatStructure *structure)
{
  const PleatChain *chains;
  guint n = pleat_structure_get_n_residues (structure), n_chains;
  float *pae = g_new (float, (gsize) n * n);

  chains = pleat_structure_get_chains (structure, &n_chains);
  for (guint i = 0; i < n; i++)
    for (guint j = 0; j < n; j++)
      {
        gboolean same = (i < chains[0].n_residues) == (j < chains[0].n_residues);
        float d = fabsf ((float) i - (float) j);
        float v = same ? 0.8f + 1.1f * d + 2.0f * (i % 3 == 0) : 17.0f + 0.4f * (float) (i % 7)
                                                                 + 0.6f * (float) (j % 5);

        pae[(gsize) i * n + j] = MIN (v, 31.75f);
      }
  pleat_structure_take_pae (structure, n, pae, 31.75f);
}

static void
test_screenshot (void)
{
  g_autoptr(PleatStructure) dimer = ui_test_load_dimer ();
  g_autoptr(PleatSelection) selection = pleat_selection_new ();
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  PleatPaeView *view;
  GtkWindow *window;
  double x, y;

  g_assert_nonnull (dimer);
  attach_realistic_pae (dimer);
  view = PLEAT_PAE_VIEW (pleat_pae_view_new ());
  pleat_pae_view_set_selection (view, selection);
  pleat_pae_view_set_structure (view, dimer);
  gtk_widget_set_margin_start (GTK_WIDGET (view), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (view), 12);
  gtk_widget_set_margin_top (GTK_WIDGET (view), 12);
  gtk_widget_set_margin_bottom (GTK_WIDGET (view), 12);
  window = ui_test_window_new (GTK_WIDGET (view), 620, 560);

  /* A box over the interface (rows 2-4, columns 14-17), then the pointer on a cell. */
  g_assert_true (_pleat_pae_view_cell_center (view, 2, 14, &x, &y));
  _pleat_pae_view_drag_begin (view, GDK_BUTTON_PRIMARY, x, y, 0);
  g_assert_true (_pleat_pae_view_cell_center (view, 4, 17, &x, &y));
  _pleat_pae_view_drag_end (view, x, y);
  g_assert_true (_pleat_pae_view_cell_center (view, 8, 5, &x, &y));
  _pleat_pae_view_motion (view, x, y);
  pleat_test_spin (50);

  texture = ui_test_render_widget (GTK_WIDGET (window));
  path = ui_test_save_png (texture, "pae-view-dimer.png");
  gtk_window_destroy (window);
  pleat_test_spin (20);
}

static void
test_screenshot_large (void)
{
  g_autofree char *a = g_malloc (701);
  g_autofree char *b = g_malloc (501);
  const char *chains[] = { a, b, NULL };
  const int numbers[] = { 1, 1 };
  g_autoptr(PleatStructure) structure = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  float *pae;
  guint n = 1200;
  PleatPaeView *view;
  GtkWindow *window;

  for (guint i = 0; i < 700; i++)
    a[i] = "ACDEFGHIKLMNPQRSTVWY"[i % 20];
  for (guint i = 0; i < 500; i++)
    b[i] = "GSHMLEDPVK"[i % 10];
  a[700] = b[500] = '\0';
  structure = ui_test_structure_new (chains, numbers, NULL);
  /* Two domains in chain A (1-400, 401-700), chain B one domain, a flexible linker. */
  pae = g_new (float, (gsize) n * n);
  for (guint i = 0; i < n; i++)
    for (guint j = 0; j < n; j++)
      {
        int di = i < 400 ? 0 : i < 700 ? 1 : 2, dj = j < 400 ? 0 : j < 700 ? 1 : 2;
        float d = fabsf ((float) i - (float) j);
        float v = di == dj ? 1.5f + 0.02f * d + 3.0f * (float) ((i / 37) % 2)
                 : 14.0f + 6.0f * (float) ((di + dj) % 2) + 0.01f * (float) (j % 300);

        if ((i > 380 && i < 420) || (j > 380 && j < 420))
          v = MAX (v, 24.0f);
        pae[(gsize) i * n + j] = MIN (v, 31.75f);
      }
  pleat_structure_take_pae (structure, n, pae, 31.75f);
  view = PLEAT_PAE_VIEW (pleat_pae_view_new ());
  pleat_pae_view_set_structure (view, structure);
  gtk_widget_set_margin_start (GTK_WIDGET (view), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (view), 12);
  gtk_widget_set_margin_top (GTK_WIDGET (view), 12);
  gtk_widget_set_margin_bottom (GTK_WIDGET (view), 12);
  window = ui_test_window_new (GTK_WIDGET (view), 620, 560);
  pleat_selection_select_range (pleat_pae_view_get_selection (view), structure, 900, 950);
  pleat_selection_set_hover (pleat_pae_view_get_selection (view), structure, 200);
  pleat_test_spin (50);

  texture = ui_test_render_widget (GTK_WIDGET (window));
  path = ui_test_save_png (texture, "pae-view-large.png");
  gtk_window_destroy (window);
  pleat_test_spin (20);
}

/* The track and the map share one selection, as they will in the window: what one does the
 * other shows. */
static void
test_linked_with_track (void)
{
  g_autoptr(PleatStructure) dimer = ui_test_load_dimer ();
  g_autoptr(PleatSelection) selection = pleat_selection_new ();
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  PleatPlddtTrack *track;
  PleatPaeView *view;
  GtkWidget *box;
  GtkWindow *window;
  double x, y;

  g_assert_nonnull (dimer);
  attach_realistic_pae (dimer);
  track = PLEAT_PLDDT_TRACK (pleat_plddt_track_new ());
  view = PLEAT_PAE_VIEW (pleat_pae_view_new ());
  pleat_plddt_track_set_selection (track, selection);
  pleat_plddt_track_set_structure (track, dimer);
  pleat_pae_view_set_selection (view, selection);
  pleat_pae_view_set_structure (view, dimer);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (track));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (view));
  window = ui_test_window_new (box, 640, 760);

  /* A box on the map (rows 1-2 of chain A, columns 12-14 of chain B) selects in the track. */
  g_assert_true (_pleat_pae_view_cell_center (view, 1, 12, &x, &y));
  _pleat_pae_view_drag_begin (view, GDK_BUTTON_PRIMARY, x, y, 0);
  g_assert_true (_pleat_pae_view_cell_center (view, 2, 14, &x, &y));
  _pleat_pae_view_drag_end (view, x, y);
  for (guint r = 0; r < 22; r++)
    g_assert_cmpint (pleat_selection_contains (selection, dimer, r), ==,
                     (r >= 1 && r <= 2) || (r >= 12 && r <= 14));

  /* Hovering the track (the pointer left the map) crosses the map at that residue... */
  _pleat_pae_view_leave (view);
  g_assert_true (_pleat_plddt_track_residue_center (track, 16, &x, &y));
  _pleat_plddt_track_motion (track, x, y);
  g_assert_cmpint (view->other_hover, ==, 16);
  g_assert_null (pleat_pae_view_get_hover_text (view));

  /* ...and hovering the map names the scored residue in the track's read-out. */
  _pleat_plddt_track_leave (track);
  g_assert_true (_pleat_pae_view_cell_center (view, 5, 18, &x, &y));
  _pleat_pae_view_motion (view, x, y);
  {
    const PleatResidue *r = &pleat_structure_get_residues (dimer, NULL)[18];
    g_autofree char *expected = g_strdup_printf ("Chain B · PRO 556 · pLDDT %.1f", r->plddt);

    g_assert_cmpstr (r->name, ==, "PRO");
    g_assert_cmpint (r->seq_id, ==, 556);
    g_assert_cmpstr (pleat_plddt_track_get_hover_text (track), ==, expected);
  }

  /* A click in the track replaces the selection; the map drops its box. */
  g_assert_true (_pleat_plddt_track_residue_center (track, 7, &x, &y));
  _pleat_plddt_track_drag_begin (track, x, y, 0);
  _pleat_plddt_track_drag_end (track);
  g_assert_false (view->box_visible);
  g_assert_cmpuint (pleat_selection_get_n_selected (selection, dimer), ==, 1);

  /* Back to the state worth a picture: the box, and the track hovering chain B. */
  g_assert_true (_pleat_pae_view_cell_center (view, 1, 12, &x, &y));
  _pleat_pae_view_drag_begin (view, GDK_BUTTON_PRIMARY, x, y, 0);
  g_assert_true (_pleat_pae_view_cell_center (view, 2, 14, &x, &y));
  _pleat_pae_view_drag_end (view, x, y);
  _pleat_pae_view_leave (view);
  g_assert_true (_pleat_plddt_track_residue_center (track, 16, &x, &y));
  _pleat_plddt_track_motion (track, x, y);
  texture = ui_test_render_widget (GTK_WIDGET (window));
  path = ui_test_save_png (texture, "views-linked.png");

  gtk_window_destroy (window);
  pleat_test_spin (20);
}

int
main (int   argc,
      char *argv[])
{
  ui_test_init (&argc, &argv);

  g_test_add_func ("/pleat/ui/PaeImage/colors-and-magnification", test_image);
  g_test_add_func ("/pleat/ui/PaeImage/reduction", test_image_reduction);
  g_test_add_func ("/pleat/ui/PaeView/properties-and-empty-state",
                   test_properties_and_empty_state);
  g_test_add ("/pleat/ui/PaeView/texture-pixels", Fixture, NULL,
              fixture_set_up, test_texture_pixels, fixture_tear_down);
  g_test_add ("/pleat/ui/PaeView/hover-round-trip", Fixture, NULL,
              fixture_set_up, test_hover_round_trip, fixture_tear_down);
  g_test_add ("/pleat/ui/PaeView/box-select", Fixture, NULL,
              fixture_set_up, test_box_select, fixture_tear_down);
  g_test_add ("/pleat/ui/PaeView/selection-highlight", Fixture, NULL,
              fixture_set_up, test_selection_highlight, fixture_tear_down);
  g_test_add ("/pleat/ui/PaeView/zoom-and-pan", Fixture, NULL,
              fixture_set_up, test_zoom_and_pan, fixture_tear_down);
  g_test_add ("/pleat/ui/PaeView/keyboard", Fixture, NULL,
              fixture_set_up, test_keyboard, fixture_tear_down);
  g_test_add ("/pleat/ui/PaeView/accessibility", Fixture, NULL,
              fixture_set_up, test_accessibility, fixture_tear_down);
  g_test_add_func ("/pleat/ui/PaeView/large-map-in-thread", test_large_map_in_thread);
  g_test_add_func ("/pleat/ui/PaeView/linked-with-track", test_linked_with_track);
  g_test_add_func ("/pleat/ui/PaeView/screenshot", test_screenshot);
  g_test_add_func ("/pleat/ui/PaeView/screenshot-large", test_screenshot_large);

  return g_test_run ();
}
