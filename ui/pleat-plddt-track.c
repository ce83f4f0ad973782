/* pleat-plddt-track.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * State, selection and input. Drawing is in pleat-plddt-track-draw.c.
 */
#define G_LOG_DOMAIN "pleat-ui"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "pleat-plddt-track-private.h"

G_DEFINE_FINAL_TYPE (PleatPlddtTrack, pleat_plddt_track, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STRUCTURE,
  PROP_SELECTION,
  PROP_CURSOR_RESIDUE,
  PROP_HOVER_TEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Positions and residues */

static void
clear_positions (PleatPlddtTrack *self)
{
  g_clear_pointer (&self->residues, g_free);
  g_clear_pointer (&self->position_chain, g_free);
  g_clear_pointer (&self->position_of, g_free);
  g_array_set_size (self->chains, 0);
  self->n_positions = 0;
  self->n_residues = 0;
}

static void
build_positions (PleatPlddtTrack *self)
{
  const PleatResidue *residues;
  const PleatChain *chains;
  guint n_chains;

  clear_positions (self);
  if (self->structure == NULL)
    return;

  residues = pleat_structure_get_residues (self->structure, &self->n_residues);
  chains = pleat_structure_get_chains (self->structure, &n_chains);
  self->residues = g_new (guint, self->n_residues);
  self->position_chain = g_new (guint, self->n_residues);
  self->position_of = g_new (int, self->n_residues);
  for (guint i = 0; i < self->n_residues; i++)
    self->position_of[i] = -1;

  for (guint c = 0; c < n_chains; c++)
    {
      TrackChain chain = { .first = self->n_positions, .structure_chain = c };

      for (guint r = chains[c].first_residue; r < chains[c].first_residue + chains[c].n_residues;
           r++)
        {
          if (residues[r].hetatm)
            continue;
          self->residues[self->n_positions] = r;
          self->position_chain[self->n_positions] = self->chains->len;
          self->position_of[r] = (int) self->n_positions;
          self->n_positions++;
        }
      chain.n = self->n_positions - chain.first;
      if (chain.n > 0)
        g_array_append_val (self->chains, chain);
    }
}

static int
residue_position (PleatPlddtTrack *self,
                  int              residue)
{
  if (residue < 0 || (guint) residue >= self->n_residues)
    return -1;
  return self->position_of[residue];
}

static void
update_content_width (PleatPlddtTrack *self)
{
  int width = 0;

  if (self->n_positions > 0)
    width = TRACK_GUTTER + 2 * TRACK_PAD + (int) self->n_positions * self->cell
            + ((int) self->chains->len - 1) * self->chain_gap;
  pleat_canvas_set_content_width (self->canvas, width);
}

/* Read-out */

static char *
describe_residue (PleatPlddtTrack *self,
                  int              residue)
{
  const PleatResidue *r = &pleat_structure_get_residues (self->structure, NULL)[residue];
  const PleatChain *chain = &pleat_structure_get_chains (self->structure, NULL)[r->chain];
  g_autofree char *number = NULL;

  number = r->ins_code != '\0' ? g_strdup_printf ("%d%c", r->seq_id, r->ins_code)
                               : g_strdup_printf ("%d", r->seq_id);
  if (isnan (r->plddt))
    /* Translators: the residue under the pointer: chain, residue name and number. */
    return g_strdup_printf (_("Chain %s · %s %s · no pLDDT"), chain->auth_id, r->name, number);
  /* Translators: the residue under the pointer: chain, residue name and number, confidence. */
  return g_strdup_printf (_("Chain %s · %s %s · pLDDT %.1f"), chain->auth_id, r->name, number,
                          r->plddt);
}

static char *
describe_structure (PleatPlddtTrack *self)
{
  const PleatResidue *residues;
  double sum = 0;
  guint n_scored = 0;
  g_autofree char *chains = NULL;
  g_autofree char *counts = NULL;

  if (self->n_positions == 0)
    return g_strdup (self->structure == NULL ? _("No structure") : _("No polymer residues"));

  residues = pleat_structure_get_residues (self->structure, NULL);
  for (guint p = 0; p < self->n_positions; p++)
    if (!isnan (residues[self->residues[p]].plddt))
      {
        sum += residues[self->residues[p]].plddt;
        n_scored++;
      }
  chains = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u chain", "%u chains",
                                         self->chains->len), self->chains->len);
  counts = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u residue", "%u residues",
                                         self->n_positions), self->n_positions);
  if (n_scored == 0)
    /* Translators: a summary such as "2 chains · 245 residues · no pLDDT". */
    return g_strdup_printf (_("%s · %s · no pLDDT"), chains, counts);
  /* Translators: a summary such as "2 chains · 245 residues · mean pLDDT 87.2". */
  return g_strdup_printf (_("%s · %s · mean pLDDT %.1f"), chains, counts, sum / n_scored);
}

static void
update_readout (PleatPlddtTrack *self)
{
  g_autofree char *text = NULL;
  int position = residue_position (self, self->hover);

  if (position >= 0)
    text = describe_residue (self, self->hover);
  if (g_strcmp0 (text, self->hover_text) != 0)
    {
      g_free (self->hover_text);
      self->hover_text = g_strdup (text);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HOVER_TEXT]);
    }

  if (text != NULL)
    {
      gtk_label_set_text (self->readout, text);
      gtk_widget_remove_css_class (GTK_WIDGET (self->readout), "dim-label");
    }
  else
    {
      g_autofree char *summary = describe_structure (self);

      gtk_label_set_text (self->readout, summary);
      gtk_widget_add_css_class (GTK_WIDGET (self->readout), "dim-label");
    }
}

/* Screen readers hear the track as a slider over the residues; the value text is what a
 * sighted user reads in the read-out. */
static void
update_accessible (PleatPlddtTrack *self)
{
  int residue = self->cursor >= 0 ? self->cursor : self->hover;
  int position = residue_position (self, residue);
  g_autofree char *text = NULL;

  if (position >= 0)
    text = describe_residue (self, residue);
  else
    text = describe_structure (self);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->canvas),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_MIN, 1.0,
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_MAX,
                                  (double) MAX (self->n_positions, 1),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_NOW,
                                  (double) (position >= 0 ? position + 1 : 1),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, text,
                                  -1);
}

/* Selection */

static void
selection_changed_cb (PleatPlddtTrack *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self->canvas));
}

static void
selection_hover_changed_cb (PleatPlddtTrack *self)
{
  guint residue;
  PleatStructure *hover = pleat_selection_get_hover (self->selection, &residue);
  int value = hover != NULL && hover == self->structure ? (int) residue : -1;

  if (value == self->hover)
    return;
  self->hover = value;
  update_readout (self);
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self->canvas));
}

static void
set_hover (PleatPlddtTrack *self,
           int              residue)
{
  if (self->structure == NULL)
    return;
  if (residue >= 0)
    pleat_selection_set_hover (self->selection, self->structure, (guint) residue);
  else
    {
      guint hovered;

      /* Only take back what this structure owns: another view may hover another one. */
      if (pleat_selection_get_hover (self->selection, &hovered) == self->structure)
        pleat_selection_set_hover (self->selection, NULL, 0);
    }
}

/* Replaces the selection with positions first..last (in either order). */
static void
select_positions (PleatPlddtTrack *self,
                  int              from,
                  int              to,
                  gboolean         add)
{
  int first = MIN (from, to), last = MAX (from, to);

  if (add)
    {
      /* Runs of consecutive residue indices, so that ligands between chains stay out. */
      int run = first;

      for (int p = first + 1; p <= last + 1; p++)
        if (p > last || self->residues[p] != self->residues[p - 1] + 1)
          {
            pleat_selection_select_range (self->selection, self->structure,
                                          self->residues[run], self->residues[p - 1]);
            run = p;
          }
      return;
    }
  pleat_selection_set_residues (self->selection, self->structure, self->residues + first,
                                (guint) (last - first + 1));
}

/* Coordinates */

double
_pleat_plddt_track_position_x (PleatPlddtTrack *self,
                               guint            position)
{
  g_assert (position < self->n_positions);
  return TRACK_GUTTER + TRACK_PAD + (double) position * self->cell
         + (double) self->position_chain[position] * self->chain_gap
         - pleat_canvas_get_scroll_x (self->canvas);
}

/* The position under x, or the nearest one when clamp is set; -1 over nothing. */
static int
position_at (PleatPlddtTrack *self,
             double           x,
             gboolean         clamp)
{
  guint lo = 0, hi = self->n_positions;

  if (self->n_positions == 0)
    return -1;
  /* The last position whose left edge is at or before x. */
  while (hi - lo > 1)
    {
      guint mid = (lo + hi) / 2;

      if (_pleat_plddt_track_position_x (self, mid) <= x)
        lo = mid;
      else
        hi = mid;
    }
  if (x >= _pleat_plddt_track_position_x (self, lo)
      && x < _pleat_plddt_track_position_x (self, lo) + self->cell)
    return (int) lo;
  if (!clamp)
    return -1;
  /* In a chain gap or beyond an end: the nearer neighbour. */
  if (x < _pleat_plddt_track_position_x (self, lo))
    return (int) lo;
  if (lo + 1 < self->n_positions
      && _pleat_plddt_track_position_x (self, lo + 1) - x
         < x - (_pleat_plddt_track_position_x (self, lo) + self->cell))
    return (int) lo + 1;
  return (int) lo;
}

int
_pleat_plddt_track_residue_at (PleatPlddtTrack *self,
                               double           x,
                               double           y)
{
  int position;

  g_return_val_if_fail (PLEAT_IS_PLDDT_TRACK (self), -1);

  if (x < TRACK_GUTTER || y < 0 || y >= TRACK_HEIGHT)
    return -1;
  position = position_at (self, x, FALSE);
  return position >= 0 ? (int) self->residues[position] : -1;
}

gboolean
_pleat_plddt_track_residue_center (PleatPlddtTrack *self,
                                   guint            residue,
                                   double          *x,
                                   double          *y)
{
  int position;

  g_return_val_if_fail (PLEAT_IS_PLDDT_TRACK (self), FALSE);

  position = residue_position (self, (int) residue);
  if (position < 0)
    return FALSE;
  *x = _pleat_plddt_track_position_x (self, (guint) position) + self->cell / 2.0;
  *y = TRACK_SEQUENCE_Y + TRACK_SEQUENCE_H / 2.0;
  return TRUE;
}

PleatCanvas *
_pleat_plddt_track_get_canvas (PleatPlddtTrack *self)
{
  g_return_val_if_fail (PLEAT_IS_PLDDT_TRACK (self), NULL);
  return self->canvas;
}

/* Input */

void
_pleat_plddt_track_motion (PleatPlddtTrack *self,
                           double           x,
                           double           y)
{
  g_return_if_fail (PLEAT_IS_PLDDT_TRACK (self));
  set_hover (self, _pleat_plddt_track_residue_at (self, x, y));
}

void
_pleat_plddt_track_leave (PleatPlddtTrack *self)
{
  g_return_if_fail (PLEAT_IS_PLDDT_TRACK (self));
  set_hover (self, -1);
}

void
_pleat_plddt_track_drag_begin (PleatPlddtTrack *self,
                               double           x,
                               double           y,
                               GdkModifierType  state)
{
  int residue;
  int position;

  g_return_if_fail (PLEAT_IS_PLDDT_TRACK (self));

  self->dragging = FALSE;
  residue = _pleat_plddt_track_residue_at (self, x, y);
  if (residue < 0)
    {
      /* A click on nothing clears, as in the 3D view; a drag from nothing does nothing. */
      if (x >= TRACK_GUTTER && (state & (GDK_SHIFT_MASK | GDK_CONTROL_MASK)) == 0)
        pleat_selection_clear (self->selection);
      return;
    }
  position = residue_position (self, residue);
  self->dragging = TRUE;
  self->drag_x = x;
  self->drag_adds = (state & (GDK_SHIFT_MASK | GDK_CONTROL_MASK)) != 0;
  gtk_widget_grab_focus (GTK_WIDGET (self->canvas));

  if ((state & GDK_SHIFT_MASK) != 0 && residue_position (self, self->anchor) >= 0)
    {
      /* Shift extends from where the last selection started. */
      self->drag_anchor = residue_position (self, self->anchor);
      select_positions (self, self->drag_anchor, position, TRUE);
    }
  else if ((state & GDK_CONTROL_MASK) != 0)
    {
      self->drag_anchor = position;
      self->anchor = residue;
      pleat_selection_toggle (self->selection, self->structure, (guint) residue);
    }
  else
    {
      self->drag_anchor = position;
      self->anchor = residue;
      select_positions (self, position, position, FALSE);
    }
  self->cursor = residue;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURSOR_RESIDUE]);
  update_accessible (self);
}

void
_pleat_plddt_track_drag_update (PleatPlddtTrack *self,
                                double           x,
                                double           y)
{
  int position;

  g_return_if_fail (PLEAT_IS_PLDDT_TRACK (self));

  if (!self->dragging)
    return;
  /* Past the ends or in a chain gap the range still follows the pointer to the nearest
   * residue. */
  position = position_at (self, MAX (x, TRACK_GUTTER), TRUE);
  if (position < 0)
    return;
  select_positions (self, self->drag_anchor, position, self->drag_adds);
  set_hover (self, (int) self->residues[position]);
}

void
_pleat_plddt_track_drag_end (PleatPlddtTrack *self)
{
  g_return_if_fail (PLEAT_IS_PLDDT_TRACK (self));
  self->dragging = FALSE;
}

static void
move_cursor (PleatPlddtTrack *self,
             int              delta,
             gboolean         extend)
{
  int position = residue_position (self, self->cursor);
  int target;

  if (position < 0)
    position = residue_position (self, self->hover);
  if (position < 0)
    /* Start where the user looks: the first residue in view. */
    target = MAX (position_at (self, TRACK_GUTTER + TRACK_PAD, TRUE), 0);
  else
    target = CLAMP (position + delta, 0, (int) self->n_positions - 1);

  if (extend)
    {
      int anchor = residue_position (self, self->anchor);

      if (anchor < 0)
        {
          anchor = position >= 0 ? position : target;
          self->anchor = (int) self->residues[anchor];
        }
      select_positions (self, anchor, target, FALSE);
    }
  pleat_plddt_track_set_cursor_residue (self, (int) self->residues[target]);
}

gboolean
_pleat_plddt_track_key_pressed (PleatPlddtTrack *self,
                                guint            keyval,
                                GdkModifierType  state)
{
  gboolean shift = (state & GDK_SHIFT_MASK) != 0;
  gboolean control = (state & GDK_CONTROL_MASK) != 0;
  int page;

  g_return_val_if_fail (PLEAT_IS_PLDDT_TRACK (self), FALSE);

  if (self->n_positions == 0)
    return FALSE;
  page = MAX (1, (gtk_widget_get_width (GTK_WIDGET (self->canvas)) - TRACK_GUTTER) / self->cell
                   - 1);

  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      move_cursor (self, control ? -10 : -1, shift);
      return TRUE;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      move_cursor (self, control ? 10 : 1, shift);
      return TRUE;
    case GDK_KEY_Page_Up:
    case GDK_KEY_KP_Page_Up:
      move_cursor (self, -page, shift);
      return TRUE;
    case GDK_KEY_Page_Down:
    case GDK_KEY_KP_Page_Down:
      move_cursor (self, page, shift);
      return TRUE;
    case GDK_KEY_Home:
    case GDK_KEY_KP_Home:
      move_cursor (self, -(int) self->n_positions, shift);
      return TRUE;
    case GDK_KEY_End:
    case GDK_KEY_KP_End:
      move_cursor (self, (int) self->n_positions, shift);
      return TRUE;
    case GDK_KEY_space:
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
      if (residue_position (self, self->cursor) < 0)
        return FALSE;
      if (control)
        pleat_selection_toggle (self->selection, self->structure, (guint) self->cursor);
      else if (shift && residue_position (self, self->anchor) >= 0)
        select_positions (self, residue_position (self, self->anchor),
                          residue_position (self, self->cursor), TRUE);
      else
        {
          self->anchor = self->cursor;
          pleat_selection_set_residues (self->selection, self->structure,
                                        (const guint *) &self->cursor, 1);
        }
      return TRUE;
    case GDK_KEY_Escape:
      if (pleat_selection_is_empty (self->selection))
        return FALSE;
      pleat_selection_clear (self->selection);
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
           PleatPlddtTrack          *self)
{
  _pleat_plddt_track_motion (self, x, y);
}

static void
leave_cb (GtkEventControllerMotion *controller,
          PleatPlddtTrack          *self)
{
  _pleat_plddt_track_leave (self);
}

static void
drag_begin_cb (GtkGestureDrag  *gesture,
               double           x,
               double           y,
               PleatPlddtTrack *self)
{
  GdkModifierType state =
    gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));

  _pleat_plddt_track_drag_begin (self, x, y, state);
}

static void
drag_update_cb (GtkGestureDrag  *gesture,
                double           offset_x,
                double           offset_y,
                PleatPlddtTrack *self)
{
  double x, y;

  gtk_gesture_drag_get_start_point (gesture, &x, &y);
  _pleat_plddt_track_drag_update (self, x + offset_x, y + offset_y);
}

static void
drag_end_cb (GtkGestureDrag  *gesture,
             double           offset_x,
             double           offset_y,
             PleatPlddtTrack *self)
{
  _pleat_plddt_track_drag_end (self);
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                PleatPlddtTrack       *self)
{
  return _pleat_plddt_track_key_pressed (self, keyval, state);
}

/* A mouse wheel scrolls the track sideways: there is nothing to scroll vertically. */
static gboolean
scroll_cb (GtkEventControllerScroll *controller,
           double                    dx,
           double                    dy,
           PleatPlddtTrack          *self)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_hadjustment (self->scroller);
  double step;

  if (dy == 0 || dx != 0)
    return FALSE;
  step = gtk_event_controller_scroll_get_unit (controller) == GDK_SCROLL_UNIT_WHEEL
         ? 4.0 * self->cell : 1.0;
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) + dy * step);
  return TRUE;
}

static void
focus_changed_cb (PleatPlddtTrack *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self->canvas));
}

static void
scroll_changed_cb (PleatPlddtTrack *self)
{
  /* The pointer stays put while the content moves under it. */
  gtk_widget_queue_draw (GTK_WIDGET (self->canvas));
}

/* GObject */

static void
pleat_plddt_track_dispose (GObject *object)
{
  PleatPlddtTrack *self = PLEAT_PLDDT_TRACK (object);

  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  g_clear_object (&self->selection);
  g_clear_object (&self->structure);
  gtk_widget_dispose_template (GTK_WIDGET (self), PLEAT_TYPE_PLDDT_TRACK);
  /* The template's unnamed children (the header) are ours to unparent. */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (pleat_plddt_track_parent_class)->dispose (object);
}

static void
pleat_plddt_track_finalize (GObject *object)
{
  PleatPlddtTrack *self = PLEAT_PLDDT_TRACK (object);

  clear_positions (self);
  g_array_unref (self->chains);
  g_free (self->hover_text);

  G_OBJECT_CLASS (pleat_plddt_track_parent_class)->finalize (object);
}

static void
pleat_plddt_track_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  PleatPlddtTrack *self = PLEAT_PLDDT_TRACK (object);

  switch (prop_id)
    {
    case PROP_STRUCTURE:
      g_value_set_object (value, self->structure);
      break;
    case PROP_SELECTION:
      g_value_set_object (value, self->selection);
      break;
    case PROP_CURSOR_RESIDUE:
      g_value_set_int (value, self->cursor);
      break;
    case PROP_HOVER_TEXT:
      g_value_set_string (value, self->hover_text);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pleat_plddt_track_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  PleatPlddtTrack *self = PLEAT_PLDDT_TRACK (object);

  switch (prop_id)
    {
    case PROP_STRUCTURE:
      pleat_plddt_track_set_structure (self, g_value_get_object (value));
      break;
    case PROP_SELECTION:
      pleat_plddt_track_set_selection (self, g_value_get_object (value));
      break;
    case PROP_CURSOR_RESIDUE:
      pleat_plddt_track_set_cursor_residue (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pleat_plddt_track_class_init (PleatPlddtTrackClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pleat_plddt_track_dispose;
  object_class->finalize = pleat_plddt_track_finalize;
  object_class->get_property = pleat_plddt_track_get_property;
  object_class->set_property = pleat_plddt_track_set_property;

  properties[PROP_STRUCTURE] =
    g_param_spec_object ("structure", NULL, NULL, PLEAT_TYPE_STRUCTURE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTION] =
    g_param_spec_object ("selection", NULL, NULL, PLEAT_TYPE_SELECTION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CURSOR_RESIDUE] =
    g_param_spec_int ("cursor-residue", NULL, NULL, -1, G_MAXINT, -1,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HOVER_TEXT] =
    g_param_spec_string ("hover-text", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (PLEAT_TYPE_CANVAS);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               PLEAT_RESOURCE_PREFIX "/pleat-plddt-track.ui");
  gtk_widget_class_bind_template_child (widget_class, PleatPlddtTrack, scroller);
  gtk_widget_class_bind_template_child (widget_class, PleatPlddtTrack, canvas);
  gtk_widget_class_bind_template_child (widget_class, PleatPlddtTrack, readout);
  gtk_widget_class_bind_template_callback (widget_class, motion_cb);
  gtk_widget_class_bind_template_callback (widget_class, leave_cb);
  gtk_widget_class_bind_template_callback (widget_class, drag_begin_cb);
  gtk_widget_class_bind_template_callback (widget_class, drag_update_cb);
  gtk_widget_class_bind_template_callback (widget_class, drag_end_cb);
  gtk_widget_class_bind_template_callback (widget_class, key_pressed_cb);
  gtk_widget_class_bind_template_callback (widget_class, scroll_cb);
  gtk_widget_class_bind_template_callback (widget_class, focus_changed_cb);

  gtk_widget_class_set_css_name (widget_class, "pleat-plddt-track");
}

static void
pleat_plddt_track_init (PleatPlddtTrack *self)
{
  self->chains = g_array_new (FALSE, FALSE, sizeof (TrackChain));
  self->cursor = -1;
  self->hover = -1;
  self->anchor = -1;

  gtk_widget_init_template (GTK_WIDGET (self));

  pleat_canvas_set_content_height (self->canvas, TRACK_HEIGHT);
  pleat_canvas_set_draw_func (self->canvas, _pleat_plddt_track_draw, self, NULL);
  g_signal_connect_object (gtk_scrolled_window_get_hadjustment (self->scroller), "value-changed",
                           G_CALLBACK (scroll_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->canvas),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Sequence and per-residue confidence (pLDDT)"),
                                  -1);

  pleat_plddt_track_set_selection (self, NULL);
  update_readout (self);
  update_accessible (self);
}

GtkWidget *
pleat_plddt_track_new (void)
{
  return g_object_new (PLEAT_TYPE_PLDDT_TRACK, NULL);
}

PleatStructure *
pleat_plddt_track_get_structure (PleatPlddtTrack *self)
{
  g_return_val_if_fail (PLEAT_IS_PLDDT_TRACK (self), NULL);
  return self->structure;
}

void
pleat_plddt_track_set_structure (PleatPlddtTrack *self,
                                 PleatStructure  *structure)
{
  g_return_if_fail (PLEAT_IS_PLDDT_TRACK (self));
  g_return_if_fail (structure == NULL || PLEAT_IS_STRUCTURE (structure));

  if (!g_set_object (&self->structure, structure))
    return;

  build_positions (self);
  _pleat_plddt_track_update_metrics (self);
  self->anchor = -1;
  self->dragging = FALSE;
  if (self->cursor != -1)
    {
      self->cursor = -1;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURSOR_RESIDUE]);
    }
  gtk_adjustment_set_value (gtk_scrolled_window_get_hadjustment (self->scroller), 0);
  update_content_width (self);
  /* Pick up a hover that is already on the new structure. */
  self->hover = -2;
  selection_hover_changed_cb (self);
  update_readout (self);
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self->canvas));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STRUCTURE]);
}

PleatSelection *
pleat_plddt_track_get_selection (PleatPlddtTrack *self)
{
  g_return_val_if_fail (PLEAT_IS_PLDDT_TRACK (self), NULL);
  return self->selection;
}

void
pleat_plddt_track_set_selection (PleatPlddtTrack *self,
                                 PleatSelection  *selection)
{
  g_autoptr(PleatSelection) own = NULL;

  g_return_if_fail (PLEAT_IS_PLDDT_TRACK (self));
  g_return_if_fail (selection == NULL || PLEAT_IS_SELECTION (selection));

  if (selection == NULL)
    selection = own = pleat_selection_new ();
  if (self->selection == selection)
    return;

  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  g_set_object (&self->selection, selection);
  g_signal_connect_swapped (selection, "changed", G_CALLBACK (selection_changed_cb), self);
  g_signal_connect_swapped (selection, "hover-changed",
                            G_CALLBACK (selection_hover_changed_cb), self);
  self->hover = -2;
  selection_hover_changed_cb (self);
  gtk_widget_queue_draw (GTK_WIDGET (self->canvas));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTION]);
}

int
pleat_plddt_track_get_cursor_residue (PleatPlddtTrack *self)
{
  g_return_val_if_fail (PLEAT_IS_PLDDT_TRACK (self), -1);
  return self->cursor;
}

void
pleat_plddt_track_set_cursor_residue (PleatPlddtTrack *self,
                                      int              residue)
{
  int position;

  g_return_if_fail (PLEAT_IS_PLDDT_TRACK (self));
  g_return_if_fail (residue >= -1);

  position = residue_position (self, residue);
  if (position < 0)
    residue = -1;
  if (position >= 0)
    {
      double x = _pleat_plddt_track_position_x (self, (guint) position)
                 + pleat_canvas_get_scroll_x (self->canvas);

      /* Keep a little context on either side of the cursor. */
      pleat_canvas_scroll_to (self->canvas, x - TRACK_GUTTER - 2 * self->cell,
                              TRACK_GUTTER + 5 * self->cell);
      set_hover (self, residue);
    }
  if (self->cursor == residue)
    return;
  self->cursor = residue;
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self->canvas));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURSOR_RESIDUE]);
}

const char *
pleat_plddt_track_get_hover_text (PleatPlddtTrack *self)
{
  g_return_val_if_fail (PLEAT_IS_PLDDT_TRACK (self), NULL);
  return self->hover_text;
}
