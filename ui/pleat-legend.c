/* pleat-legend.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pleat-ui"

#include "config.h"

#include "pleat-legend.h"

struct _PleatLegend
{
  GtkWidget  parent_instance;

  /* Template widgets */
  GtkLabel  *title_label;
  GtkBox    *content;

  /* Owned */
  GArray    *entries;        /* of PleatLegendEntry */
  gboolean   gradient;
};

G_DEFINE_FINAL_TYPE (PleatLegend, pleat_legend, GTK_TYPE_WIDGET)

#define SWATCH_SIZE  12
#define BAR_WIDTH    180
#define BAR_HEIGHT   10

static void
set_source_entry (cairo_t                *cr,
                  const PleatLegendEntry *entry)
{
  cairo_set_source_rgb (cr, entry->color[0] / 255.0, entry->color[1] / 255.0,
                        entry->color[2] / 255.0);
}

static void
rounded_rectangle (cairo_t *cr,
                   double   width,
                   double   height,
                   double   radius)
{
  cairo_new_sub_path (cr);
  cairo_arc (cr, width - radius, radius, radius, -G_PI / 2, 0);
  cairo_arc (cr, width - radius, height - radius, radius, 0, G_PI / 2);
  cairo_arc (cr, radius, height - radius, radius, G_PI / 2, G_PI);
  cairo_arc (cr, radius, radius, radius, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

static void
draw_swatch (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        user_data)
{
  const PleatLegendEntry *entry = user_data;

  rounded_rectangle (cr, width, height, 3);
  set_source_entry (cr, entry);
  cairo_fill_preserve (cr);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.25);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);
}

/* The stops sit at equal spacing along the bar, as the scene lays out its ramps. */
static void
draw_bar (GtkDrawingArea *area,
          cairo_t        *cr,
          int             width,
          int             height,
          gpointer        user_data)
{
  PleatLegend *self = user_data;
  cairo_pattern_t *pattern = cairo_pattern_create_linear (0, 0, width, 0);
  guint n = self->entries->len;

  for (guint i = 0; i < n; i++)
    {
      const PleatLegendEntry *entry = &g_array_index (self->entries, PleatLegendEntry, i);

      cairo_pattern_add_color_stop_rgb (pattern, n > 1 ? (double) i / (n - 1) : 0,
                                        entry->color[0] / 255.0, entry->color[1] / 255.0,
                                        entry->color[2] / 255.0);
    }
  rounded_rectangle (cr, width, height, 3);
  cairo_set_source (cr, pattern);
  cairo_pattern_destroy (pattern);
  cairo_fill_preserve (cr);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.25);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);
}

static void
clear_content (PleatLegend *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->content))) != NULL)
    gtk_box_remove (self->content, child);
}

static void
build_swatches (PleatLegend *self)
{
  for (guint i = 0; i < self->entries->len; i++)
    {
      PleatLegendEntry *entry = &g_array_index (self->entries, PleatLegendEntry, i);
      GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
      GtkWidget *swatch = gtk_drawing_area_new ();
      GtkWidget *label = gtk_label_new (entry->label);

      gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (swatch), SWATCH_SIZE);
      gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (swatch), SWATCH_SIZE);
      gtk_widget_set_valign (swatch, GTK_ALIGN_CENTER);
      /* The entries array outlives the rows: both are replaced together. */
      gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (swatch), draw_swatch, entry, NULL);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_box_append (GTK_BOX (row), swatch);
      gtk_box_append (GTK_BOX (row), label);
      gtk_box_append (self->content, row);
    }
}

static void
build_bar (PleatLegend *self)
{
  GtkWidget *bar = gtk_drawing_area_new ();
  GtkWidget *labels = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  guint n = self->entries->len;

  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (bar), BAR_WIDTH);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (bar), BAR_HEIGHT);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (bar), draw_bar, self, NULL);
  gtk_box_set_homogeneous (GTK_BOX (labels), TRUE);

  for (guint i = 0; i < n; i++)
    {
      const PleatLegendEntry *entry = &g_array_index (self->entries, PleatLegendEntry, i);
      GtkWidget *label = gtk_label_new (entry->label);

      /* Outer labels hug the ends of the bar, inner ones center under their stop. */
      gtk_label_set_xalign (GTK_LABEL (label), i == 0 ? 0.0f : i == n - 1 ? 1.0f : 0.5f);
      gtk_widget_add_css_class (label, "pleat-legend-tick");
      gtk_box_append (GTK_BOX (labels), label);
    }
  gtk_box_append (self->content, bar);
  gtk_box_append (self->content, labels);
}

static void
pleat_legend_dispose (GObject *object)
{
  PleatLegend *self = (PleatLegend *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), PLEAT_TYPE_LEGEND);

  G_OBJECT_CLASS (pleat_legend_parent_class)->dispose (object);
}

static void
pleat_legend_finalize (GObject *object)
{
  PleatLegend *self = (PleatLegend *) object;

  g_clear_pointer (&self->entries, g_array_unref);

  G_OBJECT_CLASS (pleat_legend_parent_class)->finalize (object);
}

static void
pleat_legend_class_init (PleatLegendClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pleat_legend_dispose;
  object_class->finalize = pleat_legend_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               PLEAT_RESOURCE_PREFIX "/pleat-legend.ui");
  gtk_widget_class_bind_template_child (widget_class, PleatLegend, title_label);
  gtk_widget_class_bind_template_child (widget_class, PleatLegend, content);
  gtk_widget_class_set_css_name (widget_class, "legend");
}

static void
pleat_legend_init (PleatLegend *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_add_css_class (GTK_WIDGET (self), "pleat-legend");
}

GtkWidget *
pleat_legend_new (void)
{
  return g_object_new (PLEAT_TYPE_LEGEND, NULL);
}

void
pleat_legend_set_scene (PleatLegend *self,
                        PleatScene  *scene)
{
  g_autofree char *title = NULL;
  gboolean gradient = FALSE;

  g_return_if_fail (PLEAT_IS_LEGEND (self));
  g_return_if_fail (scene == NULL || PLEAT_IS_SCENE (scene));

  clear_content (self);
  g_clear_pointer (&self->entries, g_array_unref);
  if (scene == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
      return;
    }

  self->entries = pleat_scene_dup_legend (scene, &title, &gradient);
  self->gradient = gradient;
  gtk_label_set_label (self->title_label, title != NULL ? title : "");
  if (gradient && self->entries->len >= 2)
    build_bar (self);
  else
    build_swatches (self);
  gtk_widget_set_visible (GTK_WIDGET (self), TRUE);
}

const char *
pleat_legend_get_title (PleatLegend *self)
{
  g_return_val_if_fail (PLEAT_IS_LEGEND (self), NULL);

  if (self->entries == NULL)
    return NULL;
  return gtk_label_get_label (self->title_label);
}

char **
pleat_legend_dup_labels (PleatLegend *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (PLEAT_IS_LEGEND (self), NULL);

  if (self->entries != NULL)
    for (guint i = 0; i < self->entries->len; i++)
      g_strv_builder_add (builder, g_array_index (self->entries, PleatLegendEntry, i).label);
  return g_strv_builder_end (builder);
}

gboolean
pleat_legend_get_gradient (PleatLegend *self)
{
  g_return_val_if_fail (PLEAT_IS_LEGEND (self), FALSE);

  return self->gradient;
}
