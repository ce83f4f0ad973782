/* pleat-canvas.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pleat-ui"

#include "config.h"

#include "pleat-canvas.h"

struct _PleatCanvas
{
  GtkWidget            parent_instance;

  /* Owned */
  GtkAdjustment       *hadjustment;
  GtkAdjustment       *vadjustment;
  gpointer             draw_data;
  GDestroyNotify       draw_data_destroy;

  PleatCanvasDrawFunc  draw_func;
  int                  content_width;
  int                  content_height;
  guint                hscroll_policy : 1;
  guint                vscroll_policy : 1;
};

static void pleat_canvas_scrollable_init (GtkScrollableInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PleatCanvas, pleat_canvas, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SCROLLABLE,
                                                      pleat_canvas_scrollable_init))

enum {
  PROP_0,
  PROP_CONTENT_WIDTH,
  PROP_CONTENT_HEIGHT,
  N_PROPS,
  /* GtkScrollable */
  PROP_HADJUSTMENT = N_PROPS,
  PROP_VADJUSTMENT,
  PROP_HSCROLL_POLICY,
  PROP_VSCROLL_POLICY,
};

static GParamSpec *properties[N_PROPS];

static void
pleat_canvas_scrollable_init (GtkScrollableInterface *iface)
{
}

static void
configure_adjustments (PleatCanvas *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));

  if (self->hadjustment != NULL)
    {
      double upper = MAX (self->content_width, width);

      gtk_adjustment_configure (self->hadjustment,
                                CLAMP (gtk_adjustment_get_value (self->hadjustment),
                                       0, upper - width),
                                0, upper, 24, width * 0.9, width);
    }
  if (self->vadjustment != NULL)
    gtk_adjustment_configure (self->vadjustment, 0, 0, height, 24, height * 0.9, height);
}

static void
adjustment_value_changed_cb (PleatCanvas *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
set_adjustment (PleatCanvas    *self,
                GtkAdjustment **slot,
                GtkAdjustment  *adjustment,
                guint           prop_id)
{
  if (*slot == adjustment && adjustment != NULL)
    return;
  if (*slot != NULL)
    {
      g_signal_handlers_disconnect_by_func (*slot, adjustment_value_changed_cb, self);
      g_clear_object (slot);
    }
  if (adjustment == NULL)
    adjustment = gtk_adjustment_new (0, 0, 0, 0, 0, 0);
  *slot = g_object_ref_sink (adjustment);
  g_signal_connect_swapped (adjustment, "value-changed",
                            G_CALLBACK (adjustment_value_changed_cb), self);
  configure_adjustments (self);
  g_object_notify (G_OBJECT (self), prop_id == PROP_HADJUSTMENT ? "hadjustment" : "vadjustment");
}

static void
pleat_canvas_snapshot (GtkWidget   *widget,
                       GtkSnapshot *snapshot)
{
  PleatCanvas *self = PLEAT_CANVAS (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  if (self->draw_func == NULL || width <= 0 || height <= 0)
    return;
  /* Owners draw their own content only; clip so that nothing leaks over the neighbours. */
  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  self->draw_func (self, snapshot, width, height, self->draw_data);
  gtk_snapshot_pop (snapshot);
}

static void
pleat_canvas_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  PleatCanvas *self = PLEAT_CANVAS (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 0;
      *natural = self->content_width;
    }
  else
    *minimum = *natural = self->content_height;
}

static void
pleat_canvas_size_allocate (GtkWidget *widget,
                            int        width,
                            int        height,
                            int        baseline)
{
  configure_adjustments (PLEAT_CANVAS (widget));
}

static void
pleat_canvas_dispose (GObject *object)
{
  PleatCanvas *self = PLEAT_CANVAS (object);

  pleat_canvas_set_draw_func (self, NULL, NULL, NULL);
  if (self->hadjustment != NULL)
    g_signal_handlers_disconnect_by_func (self->hadjustment, adjustment_value_changed_cb, self);
  if (self->vadjustment != NULL)
    g_signal_handlers_disconnect_by_func (self->vadjustment, adjustment_value_changed_cb, self);
  g_clear_object (&self->hadjustment);
  g_clear_object (&self->vadjustment);

  G_OBJECT_CLASS (pleat_canvas_parent_class)->dispose (object);
}

static void
pleat_canvas_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  PleatCanvas *self = PLEAT_CANVAS (object);

  switch (prop_id)
    {
    case PROP_CONTENT_WIDTH:
      g_value_set_int (value, self->content_width);
      break;
    case PROP_CONTENT_HEIGHT:
      g_value_set_int (value, self->content_height);
      break;
    case PROP_HADJUSTMENT:
      g_value_set_object (value, self->hadjustment);
      break;
    case PROP_VADJUSTMENT:
      g_value_set_object (value, self->vadjustment);
      break;
    case PROP_HSCROLL_POLICY:
      g_value_set_enum (value, self->hscroll_policy);
      break;
    case PROP_VSCROLL_POLICY:
      g_value_set_enum (value, self->vscroll_policy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pleat_canvas_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  PleatCanvas *self = PLEAT_CANVAS (object);

  switch (prop_id)
    {
    case PROP_CONTENT_WIDTH:
      pleat_canvas_set_content_width (self, g_value_get_int (value));
      break;
    case PROP_CONTENT_HEIGHT:
      pleat_canvas_set_content_height (self, g_value_get_int (value));
      break;
    case PROP_HADJUSTMENT:
      set_adjustment (self, &self->hadjustment, g_value_get_object (value), prop_id);
      break;
    case PROP_VADJUSTMENT:
      set_adjustment (self, &self->vadjustment, g_value_get_object (value), prop_id);
      break;
    case PROP_HSCROLL_POLICY:
      if (self->hscroll_policy != (guint) g_value_get_enum (value))
        {
          self->hscroll_policy = g_value_get_enum (value);
          gtk_widget_queue_resize (GTK_WIDGET (self));
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_VSCROLL_POLICY:
      if (self->vscroll_policy != (guint) g_value_get_enum (value))
        {
          self->vscroll_policy = g_value_get_enum (value);
          gtk_widget_queue_resize (GTK_WIDGET (self));
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pleat_canvas_class_init (PleatCanvasClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pleat_canvas_dispose;
  object_class->get_property = pleat_canvas_get_property;
  object_class->set_property = pleat_canvas_set_property;

  widget_class->snapshot = pleat_canvas_snapshot;
  widget_class->measure = pleat_canvas_measure;
  widget_class->size_allocate = pleat_canvas_size_allocate;

  properties[PROP_CONTENT_WIDTH] =
    g_param_spec_int ("content-width", NULL, NULL, 0, G_MAXINT, 0,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CONTENT_HEIGHT] =
    g_param_spec_int ("content-height", NULL, NULL, 0, G_MAXINT, 0,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_object_class_override_property (object_class, PROP_HADJUSTMENT, "hadjustment");
  g_object_class_override_property (object_class, PROP_VADJUSTMENT, "vadjustment");
  g_object_class_override_property (object_class, PROP_HSCROLL_POLICY, "hscroll-policy");
  g_object_class_override_property (object_class, PROP_VSCROLL_POLICY, "vscroll-policy");

  gtk_widget_class_set_css_name (widget_class, "pleat-canvas");
}

static void
pleat_canvas_init (PleatCanvas *self)
{
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
}

GtkWidget *
pleat_canvas_new (void)
{
  return g_object_new (PLEAT_TYPE_CANVAS, NULL);
}

void
pleat_canvas_set_draw_func (PleatCanvas         *self,
                            PleatCanvasDrawFunc  draw_func,
                            gpointer             user_data,
                            GDestroyNotify       destroy)
{
  g_return_if_fail (PLEAT_IS_CANVAS (self));

  if (self->draw_data_destroy != NULL)
    self->draw_data_destroy (self->draw_data);
  self->draw_func = draw_func;
  self->draw_data = user_data;
  self->draw_data_destroy = destroy;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

int
pleat_canvas_get_content_width (PleatCanvas *self)
{
  g_return_val_if_fail (PLEAT_IS_CANVAS (self), 0);
  return self->content_width;
}

void
pleat_canvas_set_content_width (PleatCanvas *self,
                                int          content_width)
{
  g_return_if_fail (PLEAT_IS_CANVAS (self));
  g_return_if_fail (content_width >= 0);

  if (self->content_width == content_width)
    return;
  self->content_width = content_width;
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTENT_WIDTH]);
}

int
pleat_canvas_get_content_height (PleatCanvas *self)
{
  g_return_val_if_fail (PLEAT_IS_CANVAS (self), 0);
  return self->content_height;
}

void
pleat_canvas_set_content_height (PleatCanvas *self,
                                 int          content_height)
{
  g_return_if_fail (PLEAT_IS_CANVAS (self));
  g_return_if_fail (content_height >= 0);

  if (self->content_height == content_height)
    return;
  self->content_height = content_height;
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTENT_HEIGHT]);
}

double
pleat_canvas_get_scroll_x (PleatCanvas *self)
{
  g_return_val_if_fail (PLEAT_IS_CANVAS (self), 0.0);
  return self->hadjustment != NULL ? gtk_adjustment_get_value (self->hadjustment) : 0.0;
}

void
pleat_canvas_scroll_to (PleatCanvas *self,
                        double       x,
                        double       width)
{
  g_return_if_fail (PLEAT_IS_CANVAS (self));

  if (self->hadjustment == NULL)
    return;
  gtk_adjustment_clamp_page (self->hadjustment, x, x + width);
}
