/* pleat-pae-view-input.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Where the pointer is on the map, and what pointer, wheel and keys do to it.
 */
#define G_LOG_DOMAIN "pleat-ui"

#include "config.h"

#include <math.h>

#include "pleat-pae-view-private.h"

/* Geometry */

PaeLayout
_pleat_pae_view_layout (PleatPaeView *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self->canvas));
  int height = gtk_widget_get_height (GTK_WIDGET (self->canvas));
  double size = floor (MIN (width - PAE_MARGIN_LEFT - PAE_MARGIN_RIGHT,
                            height - PAE_MARGIN_TOP - PAE_MARGIN_BOTTOM));

  return (PaeLayout) { PAE_MARGIN_LEFT, PAE_MARGIN_TOP, MAX (size, 0) };
}

static gboolean
cell_at (PleatPaeView *self,
         double        x,
         double        y,
         gboolean      clamp,
         int          *row,
         int          *column)
{
  PaeLayout layout = _pleat_pae_view_layout (self);
  double fx, fy;

  if (self->n == 0 || layout.size < 1)
    return FALSE;
  fx = (x - layout.x) / layout.size;
  fy = (y - layout.y) / layout.size;
  if (!clamp && (fx < 0 || fx >= 1 || fy < 0 || fy >= 1))
    return FALSE;
  *column = (int) CLAMP (floor (self->view_x + CLAMP (fx, 0, 1) * self->view_span), 0,
                         self->n - 1);
  *row = (int) CLAMP (floor (self->view_y + CLAMP (fy, 0, 1) * self->view_span), 0,
                      self->n - 1);
  return TRUE;
}

gboolean
_pleat_pae_view_cell_at (PleatPaeView *self,
                         double        x,
                         double        y,
                         int          *row,
                         int          *column)
{
  g_return_val_if_fail (PLEAT_IS_PAE_VIEW (self), FALSE);
  return cell_at (self, x, y, FALSE, row, column);
}

gboolean
_pleat_pae_view_cell_center (PleatPaeView *self,
                             guint         row,
                             guint         column,
                             double       *x,
                             double       *y)
{
  PaeLayout layout;

  g_return_val_if_fail (PLEAT_IS_PAE_VIEW (self), FALSE);

  layout = _pleat_pae_view_layout (self);
  if (row >= self->n || column >= self->n || layout.size < 1)
    return FALSE;
  *x = layout.x + (column + 0.5 - self->view_x) / self->view_span * layout.size;
  *y = layout.y + (row + 0.5 - self->view_y) / self->view_span * layout.size;
  return *x >= layout.x && *x < layout.x + layout.size
         && *y >= layout.y && *y < layout.y + layout.size;
}

PleatCanvas *
_pleat_pae_view_get_canvas (PleatPaeView *self)
{
  g_return_val_if_fail (PLEAT_IS_PAE_VIEW (self), NULL);
  return self->canvas;
}

GdkTexture *
_pleat_pae_view_get_texture (PleatPaeView *self)
{
  g_return_val_if_fail (PLEAT_IS_PAE_VIEW (self), NULL);
  return self->texture;
}

/* Input */

void
_pleat_pae_view_motion (PleatPaeView *self,
                        double        x,
                        double        y)
{
  int row, column;

  g_return_if_fail (PLEAT_IS_PAE_VIEW (self));

  if (cell_at (self, x, y, FALSE, &row, &column))
    _pleat_pae_view_set_hover_cell (self, row, column);
  else
    _pleat_pae_view_set_hover_cell (self, -1, -1);
}

void
_pleat_pae_view_leave (PleatPaeView *self)
{
  g_return_if_fail (PLEAT_IS_PAE_VIEW (self));
  _pleat_pae_view_set_hover_cell (self, -1, -1);
}

void
_pleat_pae_view_drag_begin (PleatPaeView    *self,
                            guint            button,
                            double           x,
                            double           y,
                            GdkModifierType  state)
{
  int row, column;

  g_return_if_fail (PLEAT_IS_PAE_VIEW (self));

  self->selecting = self->panning = FALSE;
  if (!cell_at (self, x, y, FALSE, &row, &column))
    return;
  gtk_widget_grab_focus (GTK_WIDGET (self->canvas));
  if (button == GDK_BUTTON_PRIMARY)
    {
      self->selecting = TRUE;
      self->drag_adds = (state & (GDK_SHIFT_MASK | GDK_CONTROL_MASK)) != 0;
      self->drag_row = row;
      self->drag_column = column;
      self->box_row0 = self->box_row1 = (guint) row;
      self->box_column0 = self->box_column1 = (guint) column;
      self->box_visible = TRUE;
    }
  else
    {
      self->panning = TRUE;
      self->pan_start_x = x;
      self->pan_start_y = y;
      self->pan_view_x = self->view_x;
      self->pan_view_y = self->view_y;
    }
  gtk_widget_queue_draw (GTK_WIDGET (self->canvas));
}

void
_pleat_pae_view_drag_update (PleatPaeView *self,
                             double        x,
                             double        y)
{
  int row, column;

  g_return_if_fail (PLEAT_IS_PAE_VIEW (self));

  if (self->selecting && cell_at (self, x, y, TRUE, &row, &column))
    {
      self->box_row0 = (guint) MIN (row, self->drag_row);
      self->box_row1 = (guint) MAX (row, self->drag_row);
      self->box_column0 = (guint) MIN (column, self->drag_column);
      self->box_column1 = (guint) MAX (column, self->drag_column);
      _pleat_pae_view_set_hover_cell (self, row, column);
      gtk_widget_queue_draw (GTK_WIDGET (self->canvas));
    }
  else if (self->panning)
    {
      PaeLayout layout = _pleat_pae_view_layout (self);
      double cells_per_pixel = layout.size > 0 ? self->view_span / layout.size : 0;

      _pleat_pae_view_set_view (self,
                                self->pan_view_x - (x - self->pan_start_x) * cells_per_pixel,
                                self->pan_view_y - (y - self->pan_start_y) * cells_per_pixel,
                                self->view_span);
    }
}

void
_pleat_pae_view_drag_end (PleatPaeView *self,
                          double        x,
                          double        y)
{
  g_return_if_fail (PLEAT_IS_PAE_VIEW (self));

  _pleat_pae_view_drag_update (self, x, y);
  /* The selection follows on release: selecting thousands of residues on every motion
   * would make the 3D view recolour continuously. */
  if (self->selecting)
    _pleat_pae_view_select_box (self, self->box_row0, self->box_row1, self->box_column0,
                                self->box_column1, self->drag_adds);
  self->selecting = self->panning = FALSE;
}

void
_pleat_pae_view_zoom (PleatPaeView *self,
                      double        factor,
                      double        x,
                      double        y)
{
  PaeLayout layout;
  double fx, fy, span;

  g_return_if_fail (PLEAT_IS_PAE_VIEW (self));
  g_return_if_fail (factor > 0);

  layout = _pleat_pae_view_layout (self);
  if (self->n == 0 || layout.size < 1)
    return;
  fx = CLAMP ((x - layout.x) / layout.size, 0, 1);
  fy = CLAMP ((y - layout.y) / layout.size, 0, 1);
  span = CLAMP (self->view_span / factor, MIN (PAE_MIN_SPAN, (double) self->n), (double) self->n);
  _pleat_pae_view_set_view (self, self->view_x + fx * (self->view_span - span),
                            self->view_y + fy * (self->view_span - span), span);
}

static void
move_cursor (PleatPaeView *self,
             int           d_row,
             int           d_column)
{
  int row = self->cursor_row, column = self->cursor_column;

  if (row < 0 || column < 0)
    {
      /* Start at the cell under the pointer, else at the top-left cell in view. */
      row = self->hover_row >= 0 ? self->hover_row : (int) ceil (self->view_y);
      column = self->hover_column >= 0 ? self->hover_column : (int) ceil (self->view_x);
    }
  else
    {
      row = CLAMP (row + d_row, 0, (int) self->n - 1);
      column = CLAMP (column + d_column, 0, (int) self->n - 1);
    }
  self->cursor_row = row;
  self->cursor_column = column;
  /* Keep it in view. */
  _pleat_pae_view_set_view (self,
                            CLAMP (self->view_x, column + 1 - self->view_span, (double) column),
                            CLAMP (self->view_y, row + 1 - self->view_span, (double) row),
                            self->view_span);
  _pleat_pae_view_set_hover_cell (self, row, column);
}

gboolean
_pleat_pae_view_key_pressed (PleatPaeView    *self,
                             guint            keyval,
                             GdkModifierType  state)
{
  int step = (state & GDK_SHIFT_MASK) != 0 ? 10 : 1;
  PaeLayout layout;

  g_return_val_if_fail (PLEAT_IS_PAE_VIEW (self), FALSE);

  if (self->n == 0)
    return FALSE;
  layout = _pleat_pae_view_layout (self);

  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      move_cursor (self, 0, -step);
      return TRUE;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      move_cursor (self, 0, step);
      return TRUE;
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      move_cursor (self, -step, 0);
      return TRUE;
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      move_cursor (self, step, 0);
      return TRUE;
    case GDK_KEY_plus:
    case GDK_KEY_equal:
    case GDK_KEY_KP_Add:
      _pleat_pae_view_zoom (self, 2, layout.x + layout.size / 2, layout.y + layout.size / 2);
      return TRUE;
    case GDK_KEY_minus:
    case GDK_KEY_KP_Subtract:
      _pleat_pae_view_zoom (self, 0.5, layout.x + layout.size / 2, layout.y + layout.size / 2);
      return TRUE;
    case GDK_KEY_Home:
    case GDK_KEY_KP_Home:
      pleat_pae_view_reset_zoom (self);
      return TRUE;
    case GDK_KEY_space:
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
      if (self->cursor_row < 0)
        return FALSE;
      _pleat_pae_view_select_box (self, (guint) self->cursor_row, (guint) self->cursor_row,
                                  (guint) self->cursor_column, (guint) self->cursor_column,
                                  (state & (GDK_SHIFT_MASK | GDK_CONTROL_MASK)) != 0);
      return TRUE;
    case GDK_KEY_Escape:
      if (pleat_selection_is_empty (self->selection) && !self->box_visible)
        return FALSE;
      self->box_visible = FALSE;
      pleat_selection_clear (self->selection);
      gtk_widget_queue_draw (GTK_WIDGET (self->canvas));
      return TRUE;
    default:
      return FALSE;
    }
}

/* Event controller callbacks */

static void
motion_cb (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           PleatPaeView             *self)
{
  self->pointer_x = x;
  self->pointer_y = y;
  _pleat_pae_view_motion (self, x, y);
}

static void
leave_cb (GtkEventControllerMotion *controller,
          PleatPaeView             *self)
{
  _pleat_pae_view_leave (self);
}

static void
drag_begin_cb (GtkGestureDrag *gesture,
               double          x,
               double          y,
               PleatPaeView   *self)
{
  GdkModifierType state =
    gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));

  _pleat_pae_view_drag_begin (self, gtk_gesture_single_get_current_button
                                      (GTK_GESTURE_SINGLE (gesture)), x, y, state);
}

static void
drag_update_cb (GtkGestureDrag *gesture,
                double          offset_x,
                double          offset_y,
                PleatPaeView   *self)
{
  double x, y;

  gtk_gesture_drag_get_start_point (gesture, &x, &y);
  _pleat_pae_view_drag_update (self, x + offset_x, y + offset_y);
}

static void
drag_end_cb (GtkGestureDrag *gesture,
             double          offset_x,
             double          offset_y,
             PleatPaeView   *self)
{
  double x, y;

  gtk_gesture_drag_get_start_point (gesture, &x, &y);
  _pleat_pae_view_drag_end (self, x + offset_x, y + offset_y);
}

static void
pressed_cb (GtkGestureClick *gesture,
            int              n_press,
            double           x,
            double           y,
            PleatPaeView    *self)
{
  if (n_press == 2)
    pleat_pae_view_reset_zoom (self);
}

static gboolean
scroll_cb (GtkEventControllerScroll *controller,
           double                    dx,
           double                    dy,
           PleatPaeView             *self)
{
  if (dy == 0 || self->n == 0)
    return FALSE;
  /* Around the pointer, as in maps. */
  _pleat_pae_view_zoom (self, pow (1.25, -dy), self->pointer_x, self->pointer_y);
  return TRUE;
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                PleatPaeView          *self)
{
  return _pleat_pae_view_key_pressed (self, keyval, state);
}

void
_pleat_pae_view_class_bind_input (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, motion_cb);
  gtk_widget_class_bind_template_callback (widget_class, leave_cb);
  gtk_widget_class_bind_template_callback (widget_class, drag_begin_cb);
  gtk_widget_class_bind_template_callback (widget_class, drag_update_cb);
  gtk_widget_class_bind_template_callback (widget_class, drag_end_cb);
  gtk_widget_class_bind_template_callback (widget_class, pressed_cb);
  gtk_widget_class_bind_template_callback (widget_class, scroll_cb);
  gtk_widget_class_bind_template_callback (widget_class, key_pressed_cb);
}
