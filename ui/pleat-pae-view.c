/* pleat-pae-view.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * State, selection and input. Drawing is in pleat-pae-view-draw.c.
 */
#define G_LOG_DOMAIN "pleat-ui"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "pleat-pae-view-private.h"

G_DEFINE_FINAL_TYPE (PleatPaeView, pleat_pae_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STRUCTURE,
  PROP_SELECTION,
  PROP_HOVER_TEXT,
  PROP_ZOOMED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The matrix and its residues */

static void
clear_map (PleatPaeView *self)
{
  g_cancellable_cancel (self->image_cancellable);
  g_clear_object (&self->image_cancellable);
  g_clear_pointer (&self->image, pleat_pae_image_free);
  g_clear_object (&self->texture);
  g_clear_pointer (&self->index_residue, g_free);
  g_clear_pointer (&self->residue_index, g_free);
  g_array_set_size (self->chains, 0);
  g_array_set_size (self->selected_runs, 0);
  g_clear_pointer (&self->highlight, g_free);
  self->runs_valid = FALSE;
  self->selection_serial++;
  self->n = 0;
  self->n_residues = 0;
}

/* Worker thread: the structure's matrix is immutable once attached. */
static void
build_image_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  guint n;
  const float *pae = pleat_structure_get_pae (PLEAT_STRUCTURE (task_data), &n, NULL);

  g_task_return_pointer (task, pleat_pae_image_new (pae, n),
                         (GDestroyNotify) pleat_pae_image_free);
}

static void
build_image_done_cb (GObject      *source_object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  PleatPaeView *self = PLEAT_PAE_VIEW (source_object);
  PleatPaeImage *image = g_task_propagate_pointer (G_TASK (result), NULL);

  /* NULL when cancelled: another structure (or none) is shown by now. */
  if (image == NULL)
    return;
  g_clear_object (&self->image_cancellable);
  self->image = image;
  g_clear_object (&self->texture);
  gtk_stack_set_visible_child_name (self->stack, "map");
  gtk_widget_queue_draw (GTK_WIDGET (self->canvas));
}

/* PAE rows and columns are the polymer residues in order (pleat-structure.h). */
static gboolean
build_map (PleatPaeView *self)
{
  const PleatResidue *residues;
  const PleatChain *chains;
  const float *pae;
  guint n_chains, n_pae = 0, k = 0;
  float max_pae;

  clear_map (self);
  if (self->structure == NULL)
    return FALSE;
  pae = pleat_structure_get_pae (self->structure, &n_pae, &max_pae);
  if (pae == NULL || n_pae == 0)
    return FALSE;

  residues = pleat_structure_get_residues (self->structure, &self->n_residues);
  chains = pleat_structure_get_chains (self->structure, &n_chains);
  self->index_residue = g_new (guint, n_pae);
  self->residue_index = g_new (int, self->n_residues);
  for (guint c = 0; c < n_chains; c++)
    {
      PaeChain chain = { .first = k, .structure_chain = c };

      for (guint r = chains[c].first_residue; r < chains[c].first_residue + chains[c].n_residues;
           r++)
        {
          self->residue_index[r] = -1;
          if (residues[r].hetatm)
            continue;
          if (k < n_pae)
            {
              self->index_residue[k] = r;
              self->residue_index[r] = (int) k;
            }
          k++;
        }
      chain.n = MIN (k, n_pae) - chain.first;
      if (chain.n > 0)
        g_array_append_val (self->chains, chain);
    }
  if (k != n_pae)
    {
      /* Readers and the engine guarantee this; a mismatch is shown as no map rather than a
       * map with the wrong residues. */
      g_debug ("PAE is %u x %u for %u polymer residues", n_pae, n_pae, k);
      clear_map (self);
      return FALSE;
    }
  self->n = n_pae;
  if ((guint64) n_pae * n_pae <= PAE_SYNC_CELLS)
    self->image = pleat_pae_image_new (pae, n_pae);
  else
    {
      /* A 5,000-residue map takes a few hundred milliseconds to colour: not on the main
       * thread. The "loading" page shows meanwhile. */
      g_autoptr(GTask) task = NULL;

      self->image_cancellable = g_cancellable_new ();
      task = g_task_new (self, self->image_cancellable, build_image_done_cb, NULL);
      g_task_set_source_tag (task, build_map);
      g_task_set_task_data (task, g_object_ref (self->structure), g_object_unref);
      g_task_run_in_thread (task, build_image_thread);
    }
  return TRUE;
}

void
_pleat_pae_view_set_view (PleatPaeView *self,
                          double        x,
                          double        y,
                          double        span)
{
  gboolean zoomed;

  span = CLAMP (span, MIN (PAE_MIN_SPAN, (double) self->n), (double) self->n);
  self->view_span = span;
  self->view_x = CLAMP (x, 0, self->n - span);
  self->view_y = CLAMP (y, 0, self->n - span);
  zoomed = self->n > 0 && span < self->n;
  if (zoomed != self->zoomed)
    {
      self->zoomed = zoomed;
      gtk_widget_set_sensitive (self->reset_zoom_button, zoomed);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOMED]);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self->canvas));
}

/* Read-out */

static char *
describe_residue (PleatPaeView *self,
                  guint         index)
{
  const PleatResidue *r = &pleat_structure_get_residues (self->structure, NULL)
                             [self->index_residue[index]];
  const PleatChain *chain = &pleat_structure_get_chains (self->structure, NULL)[r->chain];

  if (r->ins_code != '\0')
    return g_strdup_printf ("%s %s %d%c", chain->auth_id, r->name, r->seq_id, r->ins_code);
  return g_strdup_printf ("%s %s %d", chain->auth_id, r->name, r->seq_id);
}

static void
update_readout (PleatPaeView *self)
{
  g_autofree char *text = NULL;

  if (self->n > 0 && self->hover_row >= 0 && self->hover_column >= 0)
    {
      g_autofree char *aligned = describe_residue (self, (guint) self->hover_row);
      g_autofree char *scored = describe_residue (self, (guint) self->hover_column);
      const float *pae = pleat_structure_get_pae (self->structure, NULL, NULL);

      /* Translators: the PAE cell under the pointer: the residue aligned on (row), the
       * residue scored (column) and the expected position error of the latter. */
      text = g_strdup_printf (_("Aligned %s · Scored %s · PAE %.1f Å"), aligned, scored,
                              pae[(gsize) self->hover_row * self->n + self->hover_column]);
    }

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
      gtk_label_set_text (self->readout, self->n > 0
                          ? _("Rows: aligned residue · columns: scored residue · "
                              "drag a box to select")
                          : "");
      gtk_widget_add_css_class (GTK_WIDGET (self->readout), "dim-label");
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->canvas),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  text != NULL ? text : "",
                                  -1);
}

/* Selection */

static void
selection_changed_cb (PleatPaeView *self)
{
  self->runs_valid = FALSE;
  self->selection_serial++;
  /* The box stays while it shows the selection it made. */
  if (!self->committing)
    self->box_visible = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self->canvas));
}

static void
selection_hover_changed_cb (PleatPaeView *self)
{
  guint residue;
  PleatStructure *hover = pleat_selection_get_hover (self->selection, &residue);
  int index = -1;

  if (hover != NULL && hover == self->structure && self->n > 0 && residue < self->n_residues)
    index = self->residue_index[residue];
  if (index == self->other_hover)
    return;
  self->other_hover = index;
  gtk_widget_queue_draw (GTK_WIDGET (self->canvas));
}

void
_pleat_pae_view_set_hover_cell (PleatPaeView *self,
                                int           row,
                                int           column)
{
  if (row == self->hover_row && column == self->hover_column)
    return;
  self->hover_row = row;
  self->hover_column = column;
  if (row >= 0)
    /* One residue can be the hover: the scored one, whose error the cell shows. */
    pleat_selection_set_hover (self->selection, self->structure,
                               self->index_residue[column]);
  else if (pleat_selection_get_hover (self->selection, NULL) == self->structure
           && self->structure != NULL)
    pleat_selection_set_hover (self->selection, NULL, 0);
  update_readout (self);
  gtk_widget_queue_draw (GTK_WIDGET (self->canvas));
}

/* Selects the residues of rows [row0, row1] and columns [column0, column1]. */
void
_pleat_pae_view_select_box (PleatPaeView *self,
                            guint         row0,
                            guint         row1,
                            guint         column0,
                            guint         column1,
                            gboolean      add)
{
  g_autofree guint8 *wanted = g_new0 (guint8, self->n);
  g_autoptr(GArray) residues = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = MIN (row0, row1); i <= MAX (row0, row1); i++)
    wanted[i] = 1;
  for (guint i = MIN (column0, column1); i <= MAX (column0, column1); i++)
    wanted[i] = 1;
  for (guint i = 0; i < self->n; i++)
    if (wanted[i])
      g_array_append_val (residues, self->index_residue[i]);

  self->committing = TRUE;
  if (!add)
    pleat_selection_set_residues (self->selection, self->structure,
                                  (const guint *) (gpointer) residues->data, residues->len);
  else
    {
      /* Runs of consecutive residue indices: one "changed" each, and no ligand in between. */
      guint run = 0;

      for (guint i = 1; i <= residues->len; i++)
        if (i == residues->len
            || g_array_index (residues, guint, i) != g_array_index (residues, guint, i - 1) + 1)
          {
            pleat_selection_select_range (self->selection, self->structure,
                                          g_array_index (residues, guint, run),
                                          g_array_index (residues, guint, i - 1));
            run = i;
          }
    }
  self->committing = FALSE;
}

static void
focus_changed_cb (PleatPaeView *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self->canvas));
}

static void
reset_zoom_clicked_cb (PleatPaeView *self)
{
  pleat_pae_view_reset_zoom (self);
}

/* Everything that follows from the structure: the map, the page, a fresh view. */
static void
reload (PleatPaeView *self)
{
  self->hover_row = self->hover_column = -1;
  self->cursor_row = self->cursor_column = -1;
  self->box_visible = self->selecting = self->panning = FALSE;
  if (build_map (self))
    gtk_stack_set_visible_child_name (self->stack, self->image != NULL ? "map" : "loading");
  else
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      gtk_label_set_text (self->empty_title, self->structure != NULL ? _("No PAE in this file")
                                                                     : _("No Structure"));
      gtk_label_set_text (self->empty_description,
                          self->structure != NULL
                          ? _("Predicted aligned error comes from the predictor with the "
                              "model: in its mmCIF file or in a JSON file beside it.")
                          : _("Open or fold a structure to see its predicted aligned error."));
    }
  _pleat_pae_view_set_view (self, 0, 0, self->n);
  self->other_hover = -2;
  selection_hover_changed_cb (self);
  update_readout (self);
  gtk_widget_queue_draw (GTK_WIDGET (self->canvas));
}

/* GObject */

static void
pleat_pae_view_dispose (GObject *object)
{
  PleatPaeView *self = PLEAT_PAE_VIEW (object);

  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  g_clear_object (&self->selection);
  g_clear_object (&self->structure);
  clear_map (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), PLEAT_TYPE_PAE_VIEW);
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (pleat_pae_view_parent_class)->dispose (object);
}

static void
pleat_pae_view_finalize (GObject *object)
{
  PleatPaeView *self = PLEAT_PAE_VIEW (object);

  g_array_unref (self->chains);
  g_array_unref (self->selected_runs);
  g_free (self->hover_text);

  G_OBJECT_CLASS (pleat_pae_view_parent_class)->finalize (object);
}

static void
pleat_pae_view_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  PleatPaeView *self = PLEAT_PAE_VIEW (object);

  switch (prop_id)
    {
    case PROP_STRUCTURE:
      g_value_set_object (value, self->structure);
      break;
    case PROP_SELECTION:
      g_value_set_object (value, self->selection);
      break;
    case PROP_HOVER_TEXT:
      g_value_set_string (value, self->hover_text);
      break;
    case PROP_ZOOMED:
      g_value_set_boolean (value, pleat_pae_view_get_zoomed (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pleat_pae_view_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  PleatPaeView *self = PLEAT_PAE_VIEW (object);

  switch (prop_id)
    {
    case PROP_STRUCTURE:
      pleat_pae_view_set_structure (self, g_value_get_object (value));
      break;
    case PROP_SELECTION:
      pleat_pae_view_set_selection (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pleat_pae_view_class_init (PleatPaeViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pleat_pae_view_dispose;
  object_class->finalize = pleat_pae_view_finalize;
  object_class->get_property = pleat_pae_view_get_property;
  object_class->set_property = pleat_pae_view_set_property;

  properties[PROP_STRUCTURE] =
    g_param_spec_object ("structure", NULL, NULL, PLEAT_TYPE_STRUCTURE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTION] =
    g_param_spec_object ("selection", NULL, NULL, PLEAT_TYPE_SELECTION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HOVER_TEXT] =
    g_param_spec_string ("hover-text", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ZOOMED] =
    g_param_spec_boolean ("zoomed", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (PLEAT_TYPE_CANVAS);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               PLEAT_RESOURCE_PREFIX "/pleat-pae-view.ui");
  gtk_widget_class_bind_template_child (widget_class, PleatPaeView, stack);
  gtk_widget_class_bind_template_child (widget_class, PleatPaeView, empty_title);
  gtk_widget_class_bind_template_child (widget_class, PleatPaeView, empty_description);
  gtk_widget_class_bind_template_child (widget_class, PleatPaeView, canvas);
  gtk_widget_class_bind_template_child (widget_class, PleatPaeView, readout);
  gtk_widget_class_bind_template_child (widget_class, PleatPaeView, reset_zoom_button);
  _pleat_pae_view_class_bind_input (widget_class);
  gtk_widget_class_bind_template_callback (widget_class, focus_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, reset_zoom_clicked_cb);

  gtk_widget_class_set_css_name (widget_class, "pleat-pae-view");
}

static void
pleat_pae_view_init (PleatPaeView *self)
{
  self->chains = g_array_new (FALSE, FALSE, sizeof (PaeChain));
  self->selected_runs = g_array_new (FALSE, FALSE, sizeof (guint) * 2);
  self->hover_row = self->hover_column = -1;
  self->cursor_row = self->cursor_column = -1;
  self->other_hover = -1;

  gtk_widget_init_template (GTK_WIDGET (self));
  pleat_canvas_set_draw_func (self->canvas, _pleat_pae_view_draw, self, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->canvas),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Predicted aligned error map"),
                                  -1);
  pleat_pae_view_set_selection (self, NULL);
  reload (self);
}

GtkWidget *
pleat_pae_view_new (void)
{
  return g_object_new (PLEAT_TYPE_PAE_VIEW, NULL);
}

PleatStructure *
pleat_pae_view_get_structure (PleatPaeView *self)
{
  g_return_val_if_fail (PLEAT_IS_PAE_VIEW (self), NULL);
  return self->structure;
}

void
pleat_pae_view_set_structure (PleatPaeView   *self,
                              PleatStructure *structure)
{
  g_return_if_fail (PLEAT_IS_PAE_VIEW (self));
  g_return_if_fail (structure == NULL || PLEAT_IS_STRUCTURE (structure));

  if (!g_set_object (&self->structure, structure))
    return;
  reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STRUCTURE]);
}

PleatSelection *
pleat_pae_view_get_selection (PleatPaeView *self)
{
  g_return_val_if_fail (PLEAT_IS_PAE_VIEW (self), NULL);
  return self->selection;
}

void
pleat_pae_view_set_selection (PleatPaeView   *self,
                              PleatSelection *selection)
{
  g_autoptr(PleatSelection) own = NULL;

  g_return_if_fail (PLEAT_IS_PAE_VIEW (self));
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
  self->runs_valid = FALSE;
  self->selection_serial++;
  self->box_visible = FALSE;
  self->other_hover = -2;
  selection_hover_changed_cb (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTION]);
}

const char *
pleat_pae_view_get_hover_text (PleatPaeView *self)
{
  g_return_val_if_fail (PLEAT_IS_PAE_VIEW (self), NULL);
  return self->hover_text;
}

gboolean
pleat_pae_view_get_zoomed (PleatPaeView *self)
{
  g_return_val_if_fail (PLEAT_IS_PAE_VIEW (self), FALSE);
  return self->zoomed;
}

void
pleat_pae_view_reset_zoom (PleatPaeView *self)
{
  g_return_if_fail (PLEAT_IS_PAE_VIEW (self));
  _pleat_pae_view_set_view (self, 0, 0, self->n);
}
