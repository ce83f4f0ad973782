/* pleat-pae-view-draw.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Drawing the map. The heat map is one texture of the visible region at one texel per device
 * pixel (pleat-pae-image.h), made again only when the view or the size changes; hovering,
 * boxes and highlights are a handful of rectangles on top, so a frame costs the same for a
 * 20- and a 5,000-residue map.
 */
#define G_LOG_DOMAIN "pleat-ui"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "pleat-colors.h"
#include "pleat-pae-view-private.h"

/* The selection colour of every view (pleat-colors.h). */
static const GdkRGBA selection_color = { ((PLEAT_COLOR_SELECTION >> 16) & 0xff) / 255.f,
                                         ((PLEAT_COLOR_SELECTION >> 8) & 0xff) / 255.f,
                                         (PLEAT_COLOR_SELECTION & 0xff) / 255.f, 1.f };

typedef struct
{
  GtkSnapshot *snapshot;
  PaeLayout    layout;
  PangoLayout *small;
  PangoLayout *text;
  GdkRGBA      fg;
} Ctx;

static GdkRGBA
with_alpha (const GdkRGBA *color,
            float          alpha)
{
  return (GdkRGBA) { color->red, color->green, color->blue, color->alpha * alpha };
}

static PangoLayout *
make_layout (GtkWidget *widget,
             gboolean   bold,
             double     scale)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (widget, NULL);
  PangoFontDescription *font;

  font = pango_font_description_copy (pango_context_get_font_description
                                        (pango_layout_get_context (layout)));
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_font_description_set_size (font,
                                    (int) (pango_font_description_get_size (font) * scale));
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  return layout;
}

/* Text anchored at x, y: ax and ay are 0 (left/top), 0.5 (centre) or 1 (right/bottom). */
static void
draw_text (Ctx         *ctx,
           PangoLayout *layout,
           const char  *text,
           double       x,
           double       y,
           double       ax,
           double       ay,
           gboolean     vertical)
{
  int width, height;

  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_size (layout, &width, &height);
  gtk_snapshot_save (ctx->snapshot);
  gtk_snapshot_translate (ctx->snapshot, &GRAPHENE_POINT_INIT ((float) x, (float) y));
  if (vertical)
    gtk_snapshot_rotate (ctx->snapshot, -90);
  gtk_snapshot_translate (ctx->snapshot,
                          &GRAPHENE_POINT_INIT ((float) (-ax * width), (float) (-ay * height)));
  gtk_snapshot_append_layout (ctx->snapshot, layout, &ctx->fg);
  gtk_snapshot_restore (ctx->snapshot);
}

static double
column_x (PleatPaeView    *self,
          const PaeLayout *layout,
          double           column)
{
  return layout->x + (column - self->view_x) / self->view_span * layout->size;
}

static double
row_y (PleatPaeView    *self,
       const PaeLayout *layout,
       double           row)
{
  return layout->y + (row - self->view_y) / self->view_span * layout->size;
}

static void
append_rect (GtkSnapshot   *snapshot,
             const GdkRGBA *color,
             double         x,
             double         y,
             double         width,
             double         height)
{
  gtk_snapshot_append_color (snapshot, color,
                             &GRAPHENE_RECT_INIT ((float) x, (float) y,
                                                  (float) width, (float) height));
}

/* A line that shows on dark green and on white alike: white underneath, dark dashes on top. */
static void
two_tone_line (GtkSnapshot *snapshot,
               double       x,
               double       y,
               double       width,
               double       height)
{
  graphene_rect_t bounds = GRAPHENE_RECT_INIT ((float) x, (float) y, (float) width,
                                               (float) height);
  gboolean horizontal = width > height;

  gtk_snapshot_append_color (snapshot, &(GdkRGBA) { 1, 1, 1, 0.8f }, &bounds);
  gtk_snapshot_push_repeat (snapshot, &bounds,
                            &GRAPHENE_RECT_INIT ((float) x, (float) y,
                                                 horizontal ? 8 : (float) width,
                                                 horizontal ? (float) height : 8));
  gtk_snapshot_append_color (snapshot, &(GdkRGBA) { 0.1f, 0.1f, 0.1f, 0.9f },
                             &GRAPHENE_RECT_INIT ((float) x, (float) y,
                                                  horizontal ? 4 : (float) width,
                                                  horizontal ? (float) height : 4));
  gtk_snapshot_pop (snapshot);
}

static void
outline (GtkSnapshot   *snapshot,
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
                                   0);
  gtk_snapshot_append_border (snapshot, &rect, widths, colors);
}

static void
ensure_runs (PleatPaeView *self)
{
  g_autofree guint *residues = NULL;
  guint n = 0;

  if (self->runs_valid)
    return;
  self->runs_valid = TRUE;
  g_array_set_size (self->selected_runs, 0);
  g_clear_pointer (&self->highlight, g_free);
  residues = pleat_selection_dup_residues (self->selection, self->structure, &n);
  for (guint i = 0; i < n; i++)
    {
      int index = residues[i] < self->n_residues ? self->residue_index[residues[i]] : -1;
      guint *last = self->selected_runs->len > 0
                    ? &g_array_index (self->selected_runs, guint,
                                      2 * (self->selected_runs->len - 1))
                    : NULL;

      if (index < 0)
        continue;
      if (self->highlight == NULL)
        self->highlight = g_new0 (guint8, self->n);
      self->highlight[index] = 1;
      /* Residues come in increasing order, and so do their PAE indices. */
      if (last != NULL && last[1] + 1 == (guint) index)
        last[1] = (guint) index;
      else
        {
          guint run[2] = { (guint) index, (guint) index };

          g_array_append_vals (self->selected_runs, run, 1);
        }
    }
}

static void
ensure_texture (PleatPaeView    *self,
                const PaeLayout *layout)
{
  int scale = gtk_widget_get_scale_factor (GTK_WIDGET (self->canvas));
  int pixels = (int) layout->size * scale;

  ensure_runs (self);
  if (self->texture != NULL && self->texture_pixels == pixels
      && self->texture_x == self->view_x && self->texture_y == self->view_y
      && self->texture_span == self->view_span && self->texture_serial == self->selection_serial)
    return;
  g_clear_object (&self->texture);
  self->texture = pleat_pae_image_render (self->image, self->view_x, self->view_y,
                                          self->view_span, self->view_span, pixels, pixels,
                                          self->highlight);
  self->texture_pixels = pixels;
  self->texture_x = self->view_x;
  self->texture_y = self->view_y;
  self->texture_span = self->view_span;
  self->texture_serial = self->selection_serial;
}

/* The selected residues' rows and columns keep their colours in the texture while the rest
 * turns grey (a tint would read as a different error); a bar beside each axis marks them
 * too, in the selection colour of the other views. */
static void
draw_selection (PleatPaeView *self,
                Ctx          *ctx)
{
  const PaeLayout *l = &ctx->layout;

  ensure_runs (self);
  for (guint i = 0; i < self->selected_runs->len; i++)
    {
      guint *run = &g_array_index (self->selected_runs, guint, 2 * i);
      double x0 = MAX (column_x (self, l, run[0]), l->x);
      double x1 = MIN (column_x (self, l, run[1] + 1), l->x + l->size);
      double y0 = MAX (row_y (self, l, run[0]), l->y);
      double y1 = MIN (row_y (self, l, run[1] + 1), l->y + l->size);

      /* At least a pixel, so that one residue of 5,000 still shows. */
      if (x1 > l->x && x0 < l->x + l->size)
        append_rect (ctx->snapshot, &selection_color, x0, l->y - 5, MAX (x1 - x0, 1), 4);
      if (y1 > l->y && y0 < l->y + l->size)
        append_rect (ctx->snapshot, &selection_color, l->x - 5, y0, 4, MAX (y1 - y0, 1));
    }
}

static void
draw_chains (PleatPaeView *self,
             Ctx          *ctx,
             const PleatChain *chains)
{
  const PaeLayout *l = &ctx->layout;

  for (guint c = 0; c < self->chains->len; c++)
    {
      const PaeChain *chain = &g_array_index (self->chains, PaeChain, c);
      double x0 = column_x (self, l, chain->first);
      double x1 = column_x (self, l, chain->first + chain->n);
      double y0 = row_y (self, l, chain->first), y1 = row_y (self, l, chain->first + chain->n);
      const char *id = chains[chain->structure_chain].auth_id;

      if (c > 0 && x0 > l->x && x0 < l->x + l->size)
        two_tone_line (ctx->snapshot, floor (x0), l->y, 1, l->size);
      if (c > 0 && y0 > l->y && y0 < l->y + l->size)
        two_tone_line (ctx->snapshot, l->x, floor (y0), l->size, 1);
      /* Labels over the visible part of each chain: columns above, rows on the right. */
      if (self->chains->len > 1)
        {
          double cx0 = MAX (x0, l->x), cx1 = MIN (x1, l->x + l->size);
          double cy0 = MAX (y0, l->y), cy1 = MIN (y1, l->y + l->size);

          if (cx1 - cx0 >= 10)
            draw_text (ctx, ctx->text, id, (cx0 + cx1) / 2, l->y - 7, 0.5, 1, FALSE);
          if (cy1 - cy0 >= 10)
            draw_text (ctx, ctx->text, id, l->x + l->size + 7, (cy0 + cy1) / 2, 0, 0.5, FALSE);
        }
    }
}

static double
nice_step (double at_least)
{
  double magnitude = pow (10, floor (log10 (MAX (at_least, 1))));

  for (int i = 0; i < 3; i++)
    {
      static const double factors[] = { 1, 2, 5 };

      if (factors[i] * magnitude >= at_least)
        return factors[i] * magnitude;
    }
  return 10 * magnitude;
}

/* Ticks at round 1-based residue positions along both axes, and the axis titles. */
static void
draw_axes (PleatPaeView *self,
           Ctx          *ctx)
{
  const PaeLayout *l = &ctx->layout;
  GdkRGBA tick = with_alpha (&ctx->fg, 0.6f);
  double step = nice_step (self->view_span * 50 / MAX (l->size, 1));
  double first = ceil ((self->view_x + 0.5) / step) * step;

  for (double t = first; t - 1 < self->view_x + self->view_span; t += step)
    {
      char label[16];
      double x = column_x (self, l, t - 0.5);

      if (x < l->x || x > l->x + l->size)
        continue;
      g_snprintf (label, sizeof label, "%.0f", t);
      append_rect (ctx->snapshot, &tick, floor (x), l->y + l->size, 1, 4);
      draw_text (ctx, ctx->small, label, x, l->y + l->size + 5, 0.5, 0, FALSE);
    }
  first = ceil ((self->view_y + 0.5) / step) * step;
  for (double t = first; t - 1 < self->view_y + self->view_span; t += step)
    {
      char label[16];
      double y = row_y (self, l, t - 0.5);

      if (y < l->y || y > l->y + l->size)
        continue;
      g_snprintf (label, sizeof label, "%.0f", t);
      append_rect (ctx->snapshot, &tick, l->x - 11, floor (y), 4, 1);
      draw_text (ctx, ctx->small, label, l->x - 13, y, 1, 0.5, FALSE);
    }

  /* The AFDB convention, said on the plot itself: rows aligned, columns scored. */
  draw_text (ctx, ctx->text, _("Scored residue"), l->x + l->size / 2, l->y + l->size + 22,
             0.5, 0, FALSE);
  draw_text (ctx, ctx->text, _("Aligned residue"), 4, l->y + l->size / 2, 0.5, 0, TRUE);
}

static void
draw_legend (Ctx *ctx)
{
  const PaeLayout *l = &ctx->layout;
  double x = l->x + l->size + 24, height = MIN (l->size, 260), y = l->y + (l->size - height) / 2;
  GskColorStop stops[7];
  GdkRGBA tick = with_alpha (&ctx->fg, 0.6f);

  for (guint i = 0; i < G_N_ELEMENTS (stops); i++)
    {
      guint8 rgba[4];

      pleat_color_pae (PLEAT_COLOR_PAE_MAX * i / 6, rgba);
      stops[i].offset = i / 6.0f;
      stops[i].color = (GdkRGBA) { rgba[0] / 255.f, rgba[1] / 255.f, rgba[2] / 255.f, 1 };
    }
  /* 0 at the bottom, 30 at the top. */
  gtk_snapshot_append_linear_gradient (ctx->snapshot,
                                       &GRAPHENE_RECT_INIT ((float) x, (float) y, 12,
                                                            (float) height),
                                       &GRAPHENE_POINT_INIT ((float) x, (float) (y + height)),
                                       &GRAPHENE_POINT_INIT ((float) x, (float) y),
                                       stops, G_N_ELEMENTS (stops));
  outline (ctx->snapshot, x, y, 12, height, 1, &tick);
  for (int v = 0; v <= (int) PLEAT_COLOR_PAE_MAX; v += 5)
    {
      char label[8];
      double ty = y + height - v / PLEAT_COLOR_PAE_MAX * height;

      g_snprintf (label, sizeof label, "%d", v);
      append_rect (ctx->snapshot, &tick, x + 12, floor (MIN (ty, y + height - 1)), 3, 1);
      draw_text (ctx, ctx->small, label, x + 17, ty, 0, 0.5, FALSE);
    }
  /* Translators: title of the PAE colour bar; Å is the unit. */
  draw_text (ctx, ctx->small, _("Expected position error (Å)"), x + 38, y + height / 2, 0.5, 0,
             TRUE);
}

static void
draw_hover (PleatPaeView *self,
            Ctx          *ctx)
{
  const PaeLayout *l = &ctx->layout;
  GdkRGBA line = { 0.05f, 0.05f, 0.05f, 0.55f };
  double cell = l->size / self->view_span;

  if (self->hover_row >= 0)
    {
      double x = column_x (self, l, self->hover_column), y = row_y (self, l, self->hover_row);

      /* A crosshair through the cell's centre, and its outline when cells are big enough. */
      append_rect (ctx->snapshot, &line, l->x, floor (y + cell / 2), l->size, 1);
      append_rect (ctx->snapshot, &line, floor (x + cell / 2), l->y, 1, l->size);
      if (cell >= 6)
        outline (ctx->snapshot, x - 1, y - 1, cell + 2, cell + 2, 2,
                 &(GdkRGBA) { 0, 0, 0, 0.9f });
    }
  else if (self->other_hover >= 0)
    {
      /* A residue hovered in another view: its row and its column, as a crosshair. */
      double x = column_x (self, l, self->other_hover), y = row_y (self, l, self->other_hover);

      if (x + cell > l->x && x < l->x + l->size)
        append_rect (ctx->snapshot, &line, floor (x + cell / 2), l->y, 1, l->size);
      if (y + cell > l->y && y < l->y + l->size)
        append_rect (ctx->snapshot, &line, l->x, floor (y + cell / 2), l->size, 1);
    }
}

static void
draw_box (PleatPaeView *self,
          Ctx          *ctx)
{
  const PaeLayout *l = &ctx->layout;
  double x0 = MAX (column_x (self, l, self->box_column0), l->x);
  double x1 = MIN (column_x (self, l, self->box_column1 + 1), l->x + l->size);
  double y0 = MAX (row_y (self, l, self->box_row0), l->y);
  double y1 = MIN (row_y (self, l, self->box_row1 + 1), l->y + l->size);

  if (x1 <= x0 || y1 <= y0)
    return;
  append_rect (ctx->snapshot, &(GdkRGBA) { 1, 1, 1, 0.15f }, x0, y0, x1 - x0, y1 - y0);
  outline (ctx->snapshot, x0 - 1, y0 - 1, x1 - x0 + 2, y1 - y0 + 2, 1,
           &(GdkRGBA) { 1, 1, 1, 0.9f });
  outline (ctx->snapshot, x0 - 2, y0 - 2, x1 - x0 + 4, y1 - y0 + 4, 1,
           &(GdkRGBA) { 0, 0, 0, 0.9f });
}

void
_pleat_pae_view_draw (PleatCanvas *canvas,
                      GtkSnapshot *snapshot,
                      int          width,
                      int          height,
                      gpointer     user_data)
{
  PleatPaeView *self = user_data;
  g_autoptr(PangoLayout) small = NULL;
  g_autoptr(PangoLayout) text = NULL;
  Ctx ctx = { .snapshot = snapshot };
  const PaeLayout *l = &ctx.layout;

  if (self->n == 0 || self->image == NULL)
    return;
  ctx.layout = _pleat_pae_view_layout (self);
  if (l->size < 8)
    return;
  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (canvas)), &ctx.fg);
  ctx.small = small = make_layout (GTK_WIDGET (canvas), FALSE, 0.8);
  ctx.text = text = make_layout (GTK_WIDGET (canvas), FALSE, 0.9);

  ensure_texture (self, l);
  gtk_snapshot_append_texture (snapshot, self->texture,
                               &GRAPHENE_RECT_INIT ((float) l->x, (float) l->y,
                                                    (float) l->size, (float) l->size));

  draw_selection (self, &ctx);
  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT ((float) l->x - 20, (float) l->y - 20,
                                                         (float) l->size + 40,
                                                         (float) l->size + 40));
  draw_chains (self, &ctx, pleat_structure_get_chains (self->structure, NULL));
  gtk_snapshot_pop (snapshot);
  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT ((float) l->x, (float) l->y,
                                                         (float) l->size, (float) l->size));
  draw_hover (self, &ctx);
  if (self->box_visible)
    draw_box (self, &ctx);
  if (gtk_widget_has_focus (GTK_WIDGET (canvas)) && self->cursor_row >= 0)
    {
      double cell = l->size / self->view_span;

      outline (snapshot, column_x (self, l, self->cursor_column) - 2,
               row_y (self, l, self->cursor_row) - 2, cell + 4, cell + 4, 2,
               &(GdkRGBA) { 0.21f, 0.52f, 0.89f, 1 });
    }
  gtk_snapshot_pop (snapshot);
  outline (snapshot, l->x - 1, l->y - 1, l->size + 2, l->size + 2, 1,
           &(GdkRGBA) { ctx.fg.red, ctx.fg.green, ctx.fg.blue, 0.5f });

  draw_axes (self, &ctx);
  draw_legend (&ctx);
}
