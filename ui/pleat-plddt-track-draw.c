/* pleat-plddt-track-draw.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Drawing the track. Only the residues in view are drawn, so a frame costs the same for 50
 * residues as for 5,000.
 */
#define G_LOG_DOMAIN "pleat-ui"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "pleat-colors.h"
#include "pleat-plddt-track-private.h"

/* The selection colour of every view (pleat-colors.h). */
static const GdkRGBA selection_color = { ((PLEAT_COLOR_SELECTION >> 16) & 0xff) / 255.f,
                                         ((PLEAT_COLOR_SELECTION >> 8) & 0xff) / 255.f,
                                         (PLEAT_COLOR_SELECTION & 0xff) / 255.f, 1.f };

static GdkRGBA
band_color (float plddt)
{
  guint8 rgba[4];

  pleat_color_plddt_band (plddt, rgba);
  return (GdkRGBA) { rgba[0] / 255.f, rgba[1] / 255.f, rgba[2] / 255.f, 1.f };
}

static GdkRGBA
with_alpha (const GdkRGBA *color,
            float          alpha)
{
  return (GdkRGBA) { color->red, color->green, color->blue, color->alpha * alpha };
}

static double
plot_y (float plddt)
{
  return TRACK_PLOT_Y + TRACK_PLOT_H - CLAMP (plddt, 0.f, 100.f) * (TRACK_PLOT_H / 100.0);
}

static PangoLayout *
make_layout (GtkWidget *widget,
             gboolean   monospace,
             gboolean   bold,
             double     scale)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (widget, NULL);
  PangoFontDescription *font;

  font = pango_font_description_copy (pango_context_get_font_description
                                        (pango_layout_get_context (layout)));
  if (monospace)
    pango_font_description_set_family (font, "Monospace");
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_font_description_set_size (font,
                                    (int) (pango_font_description_get_size (font) * scale));
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  return layout;
}

void
_pleat_plddt_track_update_metrics (PleatPlddtTrack *self)
{
  g_autoptr(PangoLayout) layout = make_layout (GTK_WIDGET (self->canvas), TRUE, TRUE, 1.0);
  int width, height;

  /* The widest letter plus a little air, so that letters never touch. */
  pango_layout_set_text (layout, "W", -1);
  pango_layout_get_pixel_size (layout, &width, &height);
  self->cell = MAX (width + 4, 12);
  self->chain_gap = self->cell;
}

/* Draws text with its top-left corner at x, y. */
static void
draw_text (GtkSnapshot   *snapshot,
           PangoLayout   *layout,
           const char    *text,
           double         x,
           double         y,
           const GdkRGBA *color)
{
  pango_layout_set_text (layout, text, -1);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT ((float) x, (float) y));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

static void
draw_dashed_line (GtkSnapshot   *snapshot,
                  double         x0,
                  double         x1,
                  double         y,
                  const GdkRGBA *color)
{
  if (x1 <= x0)
    return;
  /* One dash repeated across, instead of a node per dash. */
  gtk_snapshot_push_repeat (snapshot, &GRAPHENE_RECT_INIT ((float) x0, (float) y,
                                                           (float) (x1 - x0), 1),
                            &GRAPHENE_RECT_INIT ((float) x0, (float) y, 6, 1));
  gtk_snapshot_append_color (snapshot, color, &GRAPHENE_RECT_INIT ((float) x0, (float) y, 3, 1));
  gtk_snapshot_pop (snapshot);
}

static void
draw_outline (GtkSnapshot   *snapshot,
              double         x,
              double         y,
              double         width,
              double         height,
              float          line,
              const GdkRGBA *color)
{
  GskRoundedRect rect;
  const float widths[4] = { line, line, line, line };
  const GdkRGBA colors[4] = { *color, *color, *color, *color };

  gsk_rounded_rect_init_from_rect (&rect, &GRAPHENE_RECT_INIT ((float) x, (float) y,
                                                               (float) width, (float) height),
                                   2);
  gtk_snapshot_append_border (snapshot, &rect, widths, colors);
}

static void
draw_axis (PleatPlddtTrack *self,
           GtkSnapshot     *snapshot,
           PangoLayout     *small,
           const GdkRGBA   *fg)
{
  static const int guides[] = { 90, 70, 50 };
  GdkRGBA dim = with_alpha (fg, 0.7f);

  for (guint i = 0; i < G_N_ELEMENTS (guides); i++)
    {
      char text[8];
      int width, height;

      g_snprintf (text, sizeof text, "%d", guides[i]);
      pango_layout_set_text (small, text, -1);
      pango_layout_get_pixel_size (small, &width, &height);
      draw_text (snapshot, small, text, TRACK_GUTTER - 4 - width,
                 plot_y ((float) guides[i]) - height / 2.0, &dim);
    }
}

/* The positions at least partly in view, right of the gutter. */
static void
visible_range (PleatPlddtTrack *self,
               int              width,
               int             *first,
               int             *last)
{
  guint lo = 0, hi = self->n_positions;

  while (hi - lo > 1)
    {
      guint mid = (lo + hi) / 2;

      if (_pleat_plddt_track_position_x (self, mid) + self->cell <= TRACK_GUTTER)
        lo = mid;
      else
        hi = mid;
    }
  *first = (int) lo;
  hi = self->n_positions;
  while (hi - lo > 1)
    {
      guint mid = (lo + hi) / 2;

      if (_pleat_plddt_track_position_x (self, mid) < width)
        lo = mid;
      else
        hi = mid;
    }
  *last = (int) lo;
}

void
_pleat_plddt_track_draw (PleatCanvas *canvas,
                         GtkSnapshot *snapshot,
                         int          width,
                         int          height,
                         gpointer     user_data)
{
  PleatPlddtTrack *self = user_data;
  const PleatResidue *residues;
  const PleatChain *chains;
  g_autoptr(PangoLayout) letters = NULL;
  g_autoptr(PangoLayout) small = NULL;
  g_autoptr(PangoLayout) bold = NULL;
  GdkRGBA fg, faint, guide;
  double content_end;
  int first, last, hover_position, cursor_position;
  gboolean has_focus;

  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (canvas)), &fg);
  faint = with_alpha (&fg, 0.45f);
  guide = with_alpha (&fg, 0.35f);
  letters = make_layout (GTK_WIDGET (canvas), TRUE, TRUE, 1.0);
  small = make_layout (GTK_WIDGET (canvas), FALSE, FALSE, 0.8);
  bold = make_layout (GTK_WIDGET (canvas), FALSE, TRUE, 0.85);

  draw_axis (self, snapshot, small, &fg);
  if (self->n_positions == 0)
    {
      for (int v = 50; v <= 90; v += 20)
        draw_dashed_line (snapshot, TRACK_GUTTER, width, plot_y ((float) v), &guide);
      return;
    }

  residues = pleat_structure_get_residues (self->structure, NULL);
  chains = pleat_structure_get_chains (self->structure, NULL);
  visible_range (self, width, &first, &last);
  content_end = MIN (width, _pleat_plddt_track_position_x (self, self->n_positions - 1)
                            + self->cell);
  hover_position = self->hover >= 0 && (guint) self->hover < self->n_residues
                   ? self->position_of[self->hover] : -1;
  cursor_position = self->cursor >= 0 && (guint) self->cursor < self->n_residues
                    ? self->position_of[self->cursor] : -1;
  has_focus = gtk_widget_has_focus (GTK_WIDGET (canvas));

  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (TRACK_GUTTER, 0,
                                                         (float) (width - TRACK_GUTTER),
                                                         (float) height));

  /* Plot frame: the band edges as guides, the zero line solid. */
  for (int v = 50; v <= 90; v += 20)
    draw_dashed_line (snapshot, TRACK_GUTTER, content_end, plot_y ((float) v), &guide);
  gtk_snapshot_append_color (snapshot, &faint,
                             &GRAPHENE_RECT_INIT (TRACK_GUTTER, (float) plot_y (0),
                                                  (float) (content_end - TRACK_GUTTER), 1));

  for (int p = first; p <= last; p++)
    {
      const PleatResidue *r = &residues[self->residues[p]];
      double x = _pleat_plddt_track_position_x (self, (guint) p);
      GdkRGBA color = band_color (r->plddt);
      gboolean selected = pleat_selection_contains (self->selection, self->structure,
                                                    self->residues[p]);
      char letter[2] = { r->one_letter != '\0' ? r->one_letter : 'X', '\0' };
      int lw, lh;

      if (selected)
        {
          GdkRGBA band = with_alpha (&selection_color, 0.30f);

          gtk_snapshot_append_color (snapshot, &band,
                                     &GRAPHENE_RECT_INIT ((float) x, TRACK_PLOT_Y,
                                                          (float) self->cell, TRACK_PLOT_H));
        }
      if (!isnan (r->plddt))
        {
          double top = plot_y (r->plddt);

          gtk_snapshot_append_color (snapshot, &color,
                                     &GRAPHENE_RECT_INIT ((float) x + 1, (float) top,
                                                          (float) self->cell - 2,
                                                          (float) (plot_y (0) - top)));
        }

      /* The sequence cell, with a light letter on the dark blue band only. */
      gtk_snapshot_append_color (snapshot, &color,
                                 &GRAPHENE_RECT_INIT ((float) x, TRACK_SEQUENCE_Y,
                                                      (float) self->cell - 1,
                                                      TRACK_SEQUENCE_H));
      pango_layout_set_text (letters, letter, 1);
      pango_layout_get_pixel_size (letters, &lw, &lh);
      draw_text (snapshot, letters, letter, x + (self->cell - 1 - lw) / 2.0,
                 TRACK_SEQUENCE_Y + (TRACK_SEQUENCE_H - lh) / 2.0,
                 !isnan (r->plddt) && r->plddt > 90.f
                   ? &(GdkRGBA) { 1, 1, 1, 1 } : &(GdkRGBA) { 0, 0, 0, 1 });
      if (selected)
        gtk_snapshot_append_color (snapshot, &selection_color,
                                   &GRAPHENE_RECT_INIT ((float) x,
                                                        TRACK_SEQUENCE_Y + TRACK_SEQUENCE_H + 1,
                                                        (float) self->cell, 4));

      /* Residue numbers every ten, and at the start of each chain unless a round number
       * is about to follow. */
      if (r->seq_id % 10 == 0
          || (p == (int) g_array_index (self->chains, TrackChain,
                                        self->position_chain[p]).first
              && (r->seq_id % 10 + 10) % 10 < 7))
        {
          char number[16];
          int nw, nh;

          g_snprintf (number, sizeof number, "%d", r->seq_id);
          pango_layout_set_text (small, number, -1);
          pango_layout_get_pixel_size (small, &nw, &nh);
          draw_text (snapshot, small, number, x + self->cell / 2.0 - nw / 2.0,
                     TRACK_SEQUENCE_Y - 2 - nh, &fg);
        }
    }

  /* Chains: a boundary in each gap and a label that stays in view while its chain is. */
  for (guint c = 0; c < self->chains->len; c++)
    {
      const TrackChain *chain = &g_array_index (self->chains, TrackChain, c);
      const PleatChain *sc = &chains[chain->structure_chain];
      double start = _pleat_plddt_track_position_x (self, chain->first);
      double end = _pleat_plddt_track_position_x (self, chain->first + chain->n - 1) + self->cell;
      g_autofree char *label = g_strdup_printf (_("Chain %s"), sc->auth_id);
      int lw, lh;
      double lx;

      if (c > 0)
        gtk_snapshot_append_color (snapshot, &faint,
                                   &GRAPHENE_RECT_INIT ((float) (start - self->chain_gap / 2.0),
                                                        0, 1, TRACK_PLOT_Y + TRACK_PLOT_H));
      if (end < TRACK_GUTTER || start > width)
        continue;
      pango_layout_set_text (bold, label, -1);
      pango_layout_get_pixel_size (bold, &lw, &lh);
      lx = MIN (MAX (start, TRACK_GUTTER + 2.0), end - lw);
      if (lx >= start - 0.5)
        draw_text (snapshot, bold, label, lx, TRACK_CHAIN_Y, &fg);
    }

  /* The hovered residue, from any view: a frame on its cell and a line through the plot. */
  if (hover_position >= first && hover_position <= last)
    {
      double x = _pleat_plddt_track_position_x (self, (guint) hover_position);

      gtk_snapshot_append_color (snapshot, &faint,
                                 &GRAPHENE_RECT_INIT ((float) (x + self->cell / 2.0 - 0.5),
                                                      TRACK_PLOT_Y, 1, TRACK_PLOT_H));
      draw_outline (snapshot, x - 2, TRACK_SEQUENCE_Y - 2, self->cell + 3,
                    TRACK_SEQUENCE_H + 4, 2, &fg);
    }
  /* The keyboard cursor, while the track has focus. */
  if (has_focus && cursor_position >= first && cursor_position <= last)
    {
      double x = _pleat_plddt_track_position_x (self, (guint) cursor_position);
      GdkRGBA accent = { 0.21f, 0.52f, 0.89f, 1.f };

      draw_outline (snapshot, x - 3, TRACK_SEQUENCE_Y - 3, self->cell + 5,
                    TRACK_SEQUENCE_H + 6 + 4, 2, &accent);
    }

  gtk_snapshot_pop (snapshot);
}
