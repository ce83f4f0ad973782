/* pleat-structure-page.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pleat-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "pleat-legend.h"
#include "pleat-structure-page.h"

struct _PleatStructurePage
{
  GtkWidget           parent_instance;

  /* Template widgets */
  GtkPaned           *paned;
  GtkOverlay         *overlay;
  PleatStructureView *view;
  GtkLabel           *hover_label;
  PleatLegend        *legend;
  GtkSpinner         *spinner;
  PleatPaeView       *pae_view;
  GtkWidget          *track_separator;
  PleatPlddtTrack    *plddt_track;
  GtkWidget          *model_bar;
  GtkSpinButton      *model_spin;
  GtkLabel           *model_count;

  /* Owned */
  GPtrArray          *models;       /* (element-type PleatStructure): every model of the file */
  guint               model;        /* the one shown */
  GFile              *file;
  char               *title;
  GFile              *results_dir;
  char               *results_stem;
};

G_DEFINE_FINAL_TYPE (PleatStructurePage, pleat_structure_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_VIEW,
  PROP_FILE,
  PROP_TITLE,
  PROP_RESULTS_DIR,
  PROP_MODEL,
  PROP_N_MODELS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
string_to_visible (GBinding     *binding,
                   const GValue *from_value,
                   GValue       *to_value,
                   gpointer      user_data)
{
  g_value_set_boolean (to_value, g_value_get_string (from_value) != NULL);
  return TRUE;
}

/* A new scene may have a new scheme, or chains: the legend follows each one that lands. */
static void
scene_changed_cb (PleatStructureView *view,
                  GParamSpec         *pspec,
                  PleatStructurePage *self)
{
  pleat_legend_set_scene (self->legend, pleat_structure_view_get_scene (view));
}

static void
pleat_structure_page_dispose (GObject *object)
{
  PleatStructurePage *self = (PleatStructurePage *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), PLEAT_TYPE_STRUCTURE_PAGE);
  g_clear_object (&self->file);
  g_clear_object (&self->results_dir);
  g_clear_pointer (&self->models, g_ptr_array_unref);

  G_OBJECT_CLASS (pleat_structure_page_parent_class)->dispose (object);
}

static void
pleat_structure_page_finalize (GObject *object)
{
  PleatStructurePage *self = (PleatStructurePage *) object;

  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->results_stem, g_free);

  G_OBJECT_CLASS (pleat_structure_page_parent_class)->finalize (object);
}

static void
pleat_structure_page_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  PleatStructurePage *self = PLEAT_STRUCTURE_PAGE (object);

  switch (prop_id)
    {
    case PROP_VIEW:
      g_value_set_object (value, self->view);
      break;
    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_RESULTS_DIR:
      g_value_set_object (value, self->results_dir);
      break;
    case PROP_MODEL:
      g_value_set_uint (value, self->model);
      break;
    case PROP_N_MODELS:
      g_value_set_uint (value, self->models->len);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pleat_structure_page_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  PleatStructurePage *self = PLEAT_STRUCTURE_PAGE (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      pleat_structure_page_set_model (self, g_value_get_uint (value));
      break;
    case PROP_VIEW:
    case PROP_FILE:
    case PROP_TITLE:
    case PROP_RESULTS_DIR:
    case PROP_N_MODELS:
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* The spin button counts from 1, as "Model 1 of 20" reads; the property from 0. */
static void
model_spin_value_changed_cb (PleatStructurePage *self,
                             GtkSpinButton      *spin)
{
  pleat_structure_page_set_model (self, (guint) gtk_spin_button_get_value_as_int (spin) - 1);
}

static void
pleat_structure_page_class_init (PleatStructurePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pleat_structure_page_dispose;
  object_class->finalize = pleat_structure_page_finalize;
  object_class->get_property = pleat_structure_page_get_property;
  object_class->set_property = pleat_structure_page_set_property;

  properties[PROP_VIEW] =
    g_param_spec_object ("view", NULL, NULL, PLEAT_TYPE_STRUCTURE_VIEW,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_RESULTS_DIR] =
    g_param_spec_object ("results-dir", NULL, NULL, G_TYPE_FILE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Which model of an ensemble (NMR models, a predictor's samples) is shown, from 0. */
  properties[PROP_MODEL] =
    g_param_spec_uint ("model", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_MODELS] =
    g_param_spec_uint ("n-models", NULL, NULL, 1, G_MAXUINT, 1,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (PLEAT_TYPE_STRUCTURE_VIEW);
  g_type_ensure (PLEAT_TYPE_LEGEND);
  g_type_ensure (PLEAT_TYPE_PAE_VIEW);
  g_type_ensure (PLEAT_TYPE_PLDDT_TRACK);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               PLEAT_RESOURCE_PREFIX "/pleat-structure-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PleatStructurePage, paned);
  gtk_widget_class_bind_template_child (widget_class, PleatStructurePage, overlay);
  gtk_widget_class_bind_template_child (widget_class, PleatStructurePage, view);
  gtk_widget_class_bind_template_child (widget_class, PleatStructurePage, hover_label);
  gtk_widget_class_bind_template_child (widget_class, PleatStructurePage, legend);
  gtk_widget_class_bind_template_child (widget_class, PleatStructurePage, spinner);
  gtk_widget_class_bind_template_child (widget_class, PleatStructurePage, pae_view);
  gtk_widget_class_bind_template_child (widget_class, PleatStructurePage, track_separator);
  gtk_widget_class_bind_template_child (widget_class, PleatStructurePage, plddt_track);
  gtk_widget_class_bind_template_child (widget_class, PleatStructurePage, model_bar);
  gtk_widget_class_bind_template_child (widget_class, PleatStructurePage, model_spin);
  gtk_widget_class_bind_template_child (widget_class, PleatStructurePage, model_count);
  gtk_widget_class_bind_template_callback (widget_class, model_spin_value_changed_cb);
  gtk_widget_class_set_css_name (widget_class, "structurepage");
}

static void
pleat_structure_page_init (PleatStructurePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_object_bind_property (self->view, "hover-text", self->hover_label, "label",
                          G_BINDING_SYNC_CREATE);
  g_object_bind_property_full (self->view, "hover-text", self->hover_label, "visible",
                               G_BINDING_SYNC_CREATE, string_to_visible, NULL, NULL, NULL);
  g_object_bind_property (self->view, "busy", self->spinner, "spinning",
                          G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->view, "busy", self->spinner, "visible",
                          G_BINDING_SYNC_CREATE);
  g_signal_connect_object (self->view, "notify::scene", G_CALLBACK (scene_changed_cb), self,
                           G_CONNECT_DEFAULT);

  /* One selection: a residue picked in any view lights up in the others. */
  pleat_plddt_track_set_selection (self->plddt_track,
                                   pleat_structure_view_get_selection (self->view));
  pleat_pae_view_set_selection (self->pae_view, pleat_structure_view_get_selection (self->view));
}

/* The confidence views follow the structure; each shows only when it has something to show
 * (a fold's frames carry pLDDT, only the result carries PAE). */
static void
update_confidence_views (PleatStructurePage *self,
                         PleatStructure     *structure)
{
  gboolean has_plddt = pleat_structure_has_plddt (structure);
  gboolean has_pae = pleat_structure_get_pae (structure, NULL, NULL) != NULL;

  pleat_plddt_track_set_structure (self->plddt_track, has_plddt ? structure : NULL);
  pleat_pae_view_set_structure (self->pae_view, has_pae ? structure : NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->plddt_track), has_plddt);
  gtk_widget_set_visible (self->track_separator, has_plddt);
  gtk_widget_set_visible (GTK_WIDGET (self->pae_view), has_pae);
}

GtkWidget *
pleat_structure_page_new (PleatStructure *structure,
                          GFile          *file)
{
  g_autoptr(GPtrArray) models = g_ptr_array_new ();

  g_return_val_if_fail (PLEAT_IS_STRUCTURE (structure), NULL);

  g_ptr_array_add (models, structure);
  return pleat_structure_page_new_for_models (models, file);
}

GtkWidget *
pleat_structure_page_new_for_models (GPtrArray *models,
                                     GFile     *file)
{
  PleatStructurePage *self;
  PleatStructure *first;
  const char *title;
  g_autofree char *name = NULL;

  g_return_val_if_fail (models != NULL && models->len > 0, NULL);
  g_return_val_if_fail (file == NULL || G_IS_FILE (file), NULL);
  for (guint i = 0; i < models->len; i++)
    g_return_val_if_fail (PLEAT_IS_STRUCTURE (g_ptr_array_index (models, i)), NULL);

  self = g_object_new (PLEAT_TYPE_STRUCTURE_PAGE, NULL);
  /* A copy: a fold's page replaces its one model frame by frame, never the caller's array. */
  self->models = g_ptr_array_new_full (models->len, g_object_unref);
  for (guint i = 0; i < models->len; i++)
    g_ptr_array_add (self->models, g_object_ref (g_ptr_array_index (models, i)));
  self->file = file != NULL ? g_object_ref (file) : NULL;
  first = g_ptr_array_index (models, 0);
  title = pleat_structure_get_title (first);
  if (file != NULL)
    name = g_file_get_basename (file);
  else if (title != NULL && title[0] != '\0')
    name = g_strdup (title);
  else
    name = g_strdup (_("Untitled Structure"));
  if (models->len > 1)
    /* Translators: a tab's title: the file name, then how many models it holds. */
    self->title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s (%u model)",
                                                "%s (%u models)", models->len),
                                   name, models->len);
  else
    self->title = g_steal_pointer (&name);

  /* The selector shows only for an ensemble; a single model has nothing to choose. */
  if (models->len > 1)
    {
      g_autofree char *count = g_strdup_printf (_("of %u"), models->len);

      gtk_spin_button_set_range (self->model_spin, 1, models->len);
      gtk_label_set_label (self->model_count, count);
      gtk_widget_set_visible (self->model_bar, TRUE);
    }
  pleat_structure_view_set_structure (self->view, first);
  update_confidence_views (self, first);
  return GTK_WIDGET (self);
}

PleatLegend *
pleat_structure_page_get_legend (PleatStructurePage *self)
{
  g_return_val_if_fail (PLEAT_IS_STRUCTURE_PAGE (self), NULL);

  return self->legend;
}

PleatStructureView *
pleat_structure_page_get_view (PleatStructurePage *self)
{
  g_return_val_if_fail (PLEAT_IS_STRUCTURE_PAGE (self), NULL);

  return self->view;
}

GFile *
pleat_structure_page_get_file (PleatStructurePage *self)
{
  g_return_val_if_fail (PLEAT_IS_STRUCTURE_PAGE (self), NULL);

  return self->file;
}

const char *
pleat_structure_page_get_title (PleatStructurePage *self)
{
  g_return_val_if_fail (PLEAT_IS_STRUCTURE_PAGE (self), NULL);

  return self->title;
}

PleatPlddtTrack *
pleat_structure_page_get_plddt_track (PleatStructurePage *self)
{
  g_return_val_if_fail (PLEAT_IS_STRUCTURE_PAGE (self), NULL);

  return self->plddt_track;
}

PleatPaeView *
pleat_structure_page_get_pae_view (PleatStructurePage *self)
{
  g_return_val_if_fail (PLEAT_IS_STRUCTURE_PAGE (self), NULL);

  return self->pae_view;
}

PleatStructure *
pleat_structure_page_get_structure (PleatStructurePage *self)
{
  g_return_val_if_fail (PLEAT_IS_STRUCTURE_PAGE (self), NULL);

  return pleat_structure_view_get_structure (self->view);
}

/* Shows structure without moving the camera, so that the eye can compare. */
static void
show_structure (PleatStructurePage *self,
                PleatStructure     *structure)
{
  pleat_structure_view_replace_structure (self->view, structure);
  update_confidence_views (self, structure);
}

void
pleat_structure_page_set_structure (PleatStructurePage *self,
                                    PleatStructure     *structure)
{
  g_return_if_fail (PLEAT_IS_STRUCTURE_PAGE (self));
  g_return_if_fail (PLEAT_IS_STRUCTURE (structure));

  g_set_object ((PleatStructure **) &g_ptr_array_index (self->models, self->model), structure);
  show_structure (self, structure);
}

guint
pleat_structure_page_get_model (PleatStructurePage *self)
{
  g_return_val_if_fail (PLEAT_IS_STRUCTURE_PAGE (self), 0);

  return self->model;
}

void
pleat_structure_page_set_model (PleatStructurePage *self,
                                guint               model)
{
  g_return_if_fail (PLEAT_IS_STRUCTURE_PAGE (self));
  g_return_if_fail (model < self->models->len);

  if (self->model == model)
    return;
  self->model = model;
  show_structure (self, g_ptr_array_index (self->models, model));
  gtk_spin_button_set_value (self->model_spin, model + 1);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
}

guint
pleat_structure_page_get_n_models (PleatStructurePage *self)
{
  g_return_val_if_fail (PLEAT_IS_STRUCTURE_PAGE (self), 0);

  return self->models->len;
}

PleatStructure *
pleat_structure_page_get_nth_model (PleatStructurePage *self,
                                    guint               model)
{
  g_return_val_if_fail (PLEAT_IS_STRUCTURE_PAGE (self), NULL);
  g_return_val_if_fail (model < self->models->len, NULL);

  return g_ptr_array_index (self->models, model);
}

GFile *
pleat_structure_page_get_results_dir (PleatStructurePage *self)
{
  g_return_val_if_fail (PLEAT_IS_STRUCTURE_PAGE (self), NULL);

  return self->results_dir;
}

const char *
pleat_structure_page_get_results_stem (PleatStructurePage *self)
{
  g_return_val_if_fail (PLEAT_IS_STRUCTURE_PAGE (self), NULL);

  return self->results_stem;
}

void
pleat_structure_page_set_results (PleatStructurePage *self,
                                  GFile              *dir,
                                  const char         *stem)
{
  g_return_if_fail (PLEAT_IS_STRUCTURE_PAGE (self));
  g_return_if_fail ((dir == NULL) == (stem == NULL));

  g_free (self->results_stem);
  self->results_stem = g_strdup (stem);
  if (g_set_object (&self->results_dir, dir))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RESULTS_DIR]);
}
