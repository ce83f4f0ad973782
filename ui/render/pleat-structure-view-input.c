/* pleat-structure-view-input.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pointer and touch input of the structure view: rotation, panning and zoom move the camera;
 * hovering and clicking pick residues with a CPU ray test against the scene.
 */
#define G_LOG_DOMAIN "pleat-ui"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "pleat-structure-view-private.h"

/* Pointer travel, in pixels, below which a press and release count as a click. */
#define CLICK_SLOP 4.0
/* Zoom per scroll step (one wheel notch). */
#define SCROLL_ZOOM 1.15

/* The residue under a point of the widget, or -1. */
static gint
pick_residue (PleatStructureView *self,
              double              x,
              double              y)
{
  const PleatAtom *atoms;
  float origin[3];
  float direction[3];
  guint structure;
  guint atom;
  guint n_atoms;

  if (self->scene == NULL || self->structure == NULL)
    return -1;

  pleat_camera_unproject (&self->camera, x, y, origin, direction);
  if (!pleat_scene_pick (self->scene, origin, direction, &structure, &atom))
    return -1;

  atoms = pleat_structure_get_atoms (self->structure, &n_atoms);
  if (structure != 0 || atom >= n_atoms)
    return -1;
  return atoms[atom].residue;
}

static char *
describe_residue (PleatStructure *structure,
                  guint           index)
{
  const PleatResidue *residue = pleat_structure_get_residues (structure, NULL) + index;
  const PleatChain *chain = pleat_structure_get_chains (structure, NULL) + residue->chain;
  const char *chain_id = chain->auth_id[0] != '\0' ? chain->auth_id : chain->id;
  g_autofree char *number = NULL;

  if (residue->ins_code != '\0' && residue->ins_code != ' ')
    number = g_strdup_printf ("%d%c", residue->seq_id, residue->ins_code);
  else
    number = g_strdup_printf ("%d", residue->seq_id);

  /* Translators: hover text in the structure view: chain, residue name and number, and the
   * residue's predicted confidence, e.g. "Chain A · LYS 42 · pLDDT 87.3". */
  if (!isnan (residue->plddt))
    return g_strdup_printf (_("Chain %s · %s %s · pLDDT %.1f"), chain_id, residue->name,
                            number, residue->plddt);
  return g_strdup_printf (_("Chain %s · %s %s"), chain_id, residue->name, number);
}

void
_pleat_structure_view_show_hover (PleatStructureView *self,
                                  gint                residue)
{
  g_autofree char *text = NULL;

  if (self->hover_residue == residue)
    return;

  self->hover_residue = residue;
  if (residue >= 0 && self->structure != NULL)
    text = describe_residue (self->structure, residue);
  if (g_strcmp0 (self->hover_text, text) != 0)
    {
      g_free (self->hover_text);
      self->hover_text = g_steal_pointer (&text);
      _pleat_structure_view_notify_hover_text (self);
    }
  /* Redrawing a slow scene for every residue the pointer crosses would make hovering stutter:
   * there the label alone follows the pointer. */
  if (self->frame_ms < HOVER_REDRAW_FRAME_MS)
    _pleat_structure_view_queue_highlight (self);
}

void
_pleat_structure_view_set_hover (PleatStructureView *self,
                                 gint                residue)
{
  guint hover_residue = 0;
  PleatStructure *hover = pleat_selection_get_hover (self->selection, &hover_residue);

  if (residue >= 0 && self->structure != NULL)
    pleat_selection_set_hover (self->selection, self->structure, residue);
  else if (hover == NULL || hover == self->structure)
    /* Leaving this view clears the hover, unless another view has set its own since. */
    pleat_selection_set_hover (self->selection, NULL, 0);
  else
    _pleat_structure_view_show_hover (self, -1);
}

void
_pleat_structure_view_update_hover (PleatStructureView *self)
{
  if (self->pointer_inside)
    _pleat_structure_view_set_hover (self, pick_residue (self, self->pointer_x,
                                                         self->pointer_y));
  else
    _pleat_structure_view_set_hover (self, -1);
}

/* Picking once per frame at most, however many motion events arrive. */
static gboolean
hover_tick_cb (GtkWidget     *widget,
               GdkFrameClock *frame_clock,
               gpointer       user_data)
{
  PleatStructureView *self = PLEAT_STRUCTURE_VIEW (widget);

  self->hover_source = 0;
  _pleat_structure_view_update_hover (self);
  return G_SOURCE_REMOVE;
}

static void
queue_hover (PleatStructureView *self)
{
  if (self->hover_source == 0)
    self->hover_source = gtk_widget_add_tick_callback (GTK_WIDGET (self), hover_tick_cb,
                                                       NULL, NULL);
}

static void
motion_cb (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           PleatStructureView       *self)
{
  self->pointer_x = x;
  self->pointer_y = y;
  self->pointer_inside = TRUE;
  queue_hover (self);
}

static void
leave_cb (GtkEventControllerMotion *controller,
          PleatStructureView       *self)
{
  self->pointer_inside = FALSE;
  _pleat_structure_view_set_hover (self, -1);
}

static void
drag_begin_cb (GtkGestureDrag     *gesture,
               double              x,
               double              y,
               PleatStructureView *self)
{
  guint button = gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture));
  GdkModifierType state =
    gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));

  self->drag_last_x = x;
  self->drag_last_y = y;
  self->drag_moved = FALSE;
  self->drag_pan = button == GDK_BUTTON_MIDDLE || button == GDK_BUTTON_SECONDARY ||
                   (state & GDK_SHIFT_MASK) != 0;
}

static void
drag_update_cb (GtkGestureDrag     *gesture,
                double              offset_x,
                double              offset_y,
                PleatStructureView *self)
{
  double start_x;
  double start_y;
  double x;
  double y;

  if (!self->drag_moved && hypot (offset_x, offset_y) < CLICK_SLOP)
    return;
  self->drag_moved = TRUE;

  gtk_gesture_drag_get_start_point (gesture, &start_x, &start_y);
  x = start_x + offset_x;
  y = start_y + offset_y;
  if (self->drag_pan)
    pleat_camera_pan (&self->camera, x - self->drag_last_x, y - self->drag_last_y);
  else
    pleat_camera_arcball (&self->camera, self->drag_last_x, self->drag_last_y, x, y);
  self->drag_last_x = x;
  self->drag_last_y = y;

  /* Whatever was under the pointer has moved. */
  self->pointer_x = x;
  self->pointer_y = y;
  queue_hover (self);
  _pleat_structure_view_interacted (self);
}

static void
click_pressed_cb (GtkGestureClick    *gesture,
                  int                 n_press,
                  double              x,
                  double              y,
                  PleatStructureView *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self));

  /* The first click of a double click selected already; the second centers. */
  if (n_press == 2)
    {
      if (pleat_structure_view_get_n_selected (self) > 0)
        pleat_structure_view_center_on_selection (self);
      else
        pleat_structure_view_fit (self);
    }
}

static void
click_released_cb (GtkGestureClick    *gesture,
                   int                 n_press,
                   double              x,
                   double              y,
                   PleatStructureView *self)
{
  GdkModifierType state =
    gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));
  gboolean extend = (state & (GDK_SHIFT_MASK | GDK_CONTROL_MASK)) != 0;
  gint residue;

  if (n_press != 1 || self->drag_moved)
    return;

  residue = pick_residue (self, x, y);
  _pleat_structure_view_click_residue (self, residue, extend);
}

static gboolean
scroll_cb (GtkEventControllerScroll *controller,
           double                    dx,
           double                    dy,
           PleatStructureView       *self)
{
  if (dy == 0)
    return FALSE;
  pleat_camera_zoom (&self->camera, pow (SCROLL_ZOOM, -dy));
  queue_hover (self);
  _pleat_structure_view_interacted (self);
  return TRUE;
}

static void
zoom_begin_cb (GtkGesture         *gesture,
               GdkEventSequence   *sequence,
               PleatStructureView *self)
{
  self->zoom_last_scale = 1.0;
}

static void
zoom_scale_changed_cb (GtkGestureZoom     *gesture,
                       double              scale,
                       PleatStructureView *self)
{
  if (scale <= 0 || self->zoom_last_scale <= 0)
    return;
  pleat_camera_zoom (&self->camera, scale / self->zoom_last_scale);
  self->zoom_last_scale = scale;
  _pleat_structure_view_interacted (self);
}

/* Two fingers twisting turn the structure about the line of sight. */
static void
rotate_angle_changed_cb (GtkGestureRotate   *gesture,
                         double              angle,
                         double              angle_delta,
                         PleatStructureView *self)
{
  pleat_camera_roll (&self->camera, (float) -angle_delta);
  _pleat_structure_view_interacted (self);
}

void
_pleat_structure_view_init_input (PleatStructureView *self)
{
  GtkEventController *controller;
  GtkGesture *gesture;

  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect (controller, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  gesture = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), 0);
  g_signal_connect (gesture, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect (gesture, "drag-update", G_CALLBACK (drag_update_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_PRIMARY);
  g_signal_connect (gesture, "pressed", G_CALLBACK (click_pressed_cb), self);
  g_signal_connect (gesture, "released", G_CALLBACK (click_released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
  g_signal_connect (controller, "scroll", G_CALLBACK (scroll_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  gesture = gtk_gesture_zoom_new ();
  g_signal_connect (gesture, "begin", G_CALLBACK (zoom_begin_cb), self);
  g_signal_connect (gesture, "scale-changed", G_CALLBACK (zoom_scale_changed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_rotate_new ();
  g_signal_connect (gesture, "angle-changed", G_CALLBACK (rotate_angle_changed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));
}

void
_pleat_structure_view_dispose_input (PleatStructureView *self)
{
  if (self->hover_source != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->hover_source);
      self->hover_source = 0;
    }
}
