/* pleat-window.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pleat-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "pleat-export-dialog.h"
#include "pleat-render-enums.h"
#include "pleat-structure-page.h"
#include "pleat-window-private.h"

struct _PleatWindow
{
  GtkApplicationWindow  parent_instance;

  /* Template widgets */
  GtkStack             *stack;
  GtkLabel             *model_title;
  GtkLabel             *model_description;
  GtkLabel             *model_command;
  GtkButton            *welcome_open_button;
  GtkRevealer          *error_revealer;
  GtkLabel             *error_label;
  GtkSpinner           *loading_spinner;
  GtkDropDown          *representation_dropdown;
  GtkDropDown          *color_scheme_dropdown;
  GtkNotebook          *notebook;
  GtkLabel             *selection_label;
  GtkToggleButton      *fold_toggle;
  PleatFoldPanel       *fold_panel;

  /* Borrowed */
  PleatStructureView   *current_view;
  gulong                selection_handler;
  PleatStructurePage   *current_page;
  gulong                results_handler;

  PleatRepresentation   representation;
  PleatColorScheme      color_scheme;
  int                   export_width;
  int                   export_height;
  gboolean              export_transparent;
  gboolean              fold_panel_visible;
  guint                 n_loading;
};

G_DEFINE_FINAL_TYPE (PleatWindow, pleat_window, GTK_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_REPRESENTATION,
  PROP_COLOR_SCHEME,
  PROP_EXPORT_WIDTH,
  PROP_EXPORT_HEIGHT,
  PROP_EXPORT_TRANSPARENT,
  PROP_FOLD_PANEL_VISIBLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_selection_label (PleatWindow *self)
{
  guint n = self->current_view != NULL
            ? pleat_structure_view_get_n_selected (self->current_view) : 0;
  g_autofree char *text = NULL;

  if (n > 0)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u residue selected",
                                         "%u residues selected", n), n);
  gtk_label_set_label (self->selection_label, text != NULL ? text : "");
}

static void
selection_changed_cb (PleatStructureView *view,
                      GParamSpec         *pspec,
                      PleatWindow        *self)
{
  update_selection_label (self);
}

static void
update_actions (PleatWindow *self)
{
  gboolean has_view = self->current_view != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.fit-view", has_view);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.reset-view", has_view);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-image", has_view);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.close-tab", has_view);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-results",
                                 self->current_page != NULL &&
                                 pleat_structure_page_get_results_dir (self->current_page) != NULL);
}

static void
results_changed_cb (PleatStructurePage *page,
                    GParamSpec         *pspec,
                    PleatWindow        *self)
{
  update_actions (self);
}

static void
set_current_page (PleatWindow        *self,
                  PleatStructurePage *page)
{
  PleatStructureView *view = page != NULL ? pleat_structure_page_get_view (page) : NULL;

  if (self->current_page == page)
    return;

  if (self->current_view != NULL)
    g_clear_signal_handler (&self->selection_handler, self->current_view);
  if (self->current_page != NULL)
    g_clear_signal_handler (&self->results_handler, self->current_page);
  self->current_page = page;
  self->current_view = view;
  if (view != NULL)
    self->selection_handler = g_signal_connect (view, "notify::n-selected",
                                                G_CALLBACK (selection_changed_cb), self);
  if (page != NULL)
    self->results_handler = g_signal_connect (page, "notify::results-dir",
                                              G_CALLBACK (results_changed_cb), self);
  update_selection_label (self);
  update_actions (self);
}

static void
switch_page_cb (GtkNotebook *notebook,
                GtkWidget   *page,
                guint        page_num,
                PleatWindow *self)
{
  set_current_page (self, PLEAT_STRUCTURE_PAGE (page));
}

static void
page_removed_cb (GtkNotebook *notebook,
                 GtkWidget   *page,
                 guint        page_num,
                 PleatWindow *self)
{
  if (self->current_page == PLEAT_STRUCTURE_PAGE (page))
    set_current_page (self, NULL);
  if (gtk_notebook_get_n_pages (notebook) == 0)
    gtk_stack_set_visible_child_name (self->stack, "welcome");
}

static void
remove_page (PleatWindow *self,
             GtkWidget   *page)
{
  int num = gtk_notebook_page_num (self->notebook, page);

  if (num >= 0)
    gtk_notebook_remove_page (self->notebook, num);
}

static void
close_tab_clicked_cb (GtkButton *button,
                      GtkWidget *page)
{
  PleatWindow *self = PLEAT_WINDOW (gtk_widget_get_root (GTK_WIDGET (button)));

  remove_page (self, page);
}

static GtkWidget *
make_tab_label (PleatStructurePage *page)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (pleat_structure_page_get_title (page));
  GtkWidget *close = gtk_button_new_from_icon_name ("window-close-symbolic");
  GFile *file = pleat_structure_page_get_file (page);

  /* Long names are shortened in the middle, where run numbers and suffixes are least
   * telling; short ones keep their full width. */
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
  gtk_label_set_width_chars (GTK_LABEL (label),
                             MIN (24, (int) g_utf8_strlen (pleat_structure_page_get_title (page),
                                                           -1)));
  gtk_label_set_max_width_chars (GTK_LABEL (label), 32);
  if (file != NULL)
    {
      g_autofree char *where = g_file_get_parse_name (file);

      gtk_widget_set_tooltip_text (label, where);
    }
  gtk_widget_add_css_class (close, "flat");
  gtk_widget_add_css_class (close, "circular");
  gtk_widget_set_tooltip_text (close, _("Close"));
  g_signal_connect (close, "clicked", G_CALLBACK (close_tab_clicked_cb), page);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), close);
  return box;
}

static void
fit_view_action_cb (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  PleatWindow *self = PLEAT_WINDOW (widget);

  if (self->current_view != NULL)
    pleat_structure_view_fit (self->current_view);
}

static void
reset_view_action_cb (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  PleatWindow *self = PLEAT_WINDOW (widget);

  if (self->current_view != NULL)
    pleat_structure_view_reset (self->current_view);
}

static void
close_tab_action_cb (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  PleatWindow *self = PLEAT_WINDOW (widget);
  int num = gtk_notebook_get_current_page (self->notebook);

  if (num >= 0)
    gtk_notebook_remove_page (self->notebook, num);
}

static void
dismiss_error_action_cb (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  gtk_revealer_set_reveal_child (PLEAT_WINDOW (widget)->error_revealer, FALSE);
}

static void
export_image_action_cb (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  PleatWindow *self = PLEAT_WINDOW (widget);
  PleatExportDialog *dialog;
  GtkWidget *page;

  if (self->current_view == NULL)
    return;

  page = gtk_notebook_get_nth_page (self->notebook,
                                    gtk_notebook_get_current_page (self->notebook));
  dialog = pleat_export_dialog_new (GTK_WINDOW (self), self->current_view,
                                    pleat_structure_page_get_title (PLEAT_STRUCTURE_PAGE (page)));
  /* The dialog edits the window's export settings, which the application keeps. */
  g_object_bind_property (self, "export-width", dialog, "width",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_object_bind_property (self, "export-height", dialog, "height",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_object_bind_property (self, "export-transparent", dialog, "transparent",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The header bar's toggle shows the pane (a binding in the template); F9 goes through it. */
static void
toggle_fold_panel_action_cb (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  PleatWindow *self = PLEAT_WINDOW (widget);

  gtk_toggle_button_set_active (self->fold_toggle,
                                !gtk_toggle_button_get_active (self->fold_toggle));
}

static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         PleatWindow   *self)
{
  GApplication *app = G_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  g_autoptr(GPtrArray) files = g_ptr_array_new ();

  if (app == NULL || !G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;

  for (GSList *l = gdk_file_list_get_files (g_value_get_boxed (value)); l != NULL; l = l->next)
    g_ptr_array_add (files, l->data);
  if (files->len == 0)
    return FALSE;

  /* The same path as `pleat FILE…` and the Open dialog. */
  g_application_open (app, (GFile **) files->pdata, (gint) files->len, "");
  return TRUE;
}

/* GtkDropDown positions follow the enums' order. */
static gboolean
uint_to_enum (GBinding     *binding,
              const GValue *from_value,
              GValue       *to_value,
              gpointer      user_data)
{
  guint position = g_value_get_uint (from_value);

  if (position == GTK_INVALID_LIST_POSITION)
    return FALSE;
  g_value_set_enum (to_value, (gint) position);
  return TRUE;
}

static gboolean
enum_to_uint (GBinding     *binding,
              const GValue *from_value,
              GValue       *to_value,
              gpointer      user_data)
{
  g_value_set_uint (to_value, (guint) g_value_get_enum (from_value));
  return TRUE;
}

static void
pleat_window_map (GtkWidget *widget)
{
  PleatWindow *self = PLEAT_WINDOW (widget);

  GTK_WIDGET_CLASS (pleat_window_parent_class)->map (widget);

  /* GTK focuses the first focusable widget, the selectable command label, which then shows
   * all its text selected: start on the welcome page's button instead. */
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "welcome") == 0)
    gtk_widget_grab_focus (GTK_WIDGET (self->welcome_open_button));
}

static void
pleat_window_dispose (GObject *object)
{
  PleatWindow *self = (PleatWindow *) object;

  /* The notebook removes its pages as it goes: no switching back to a welcome page that is
   * being torn down too. */
  if (self->notebook != NULL)
    g_signal_handlers_disconnect_by_data (self->notebook, self);
  set_current_page (self, NULL);

  G_OBJECT_CLASS (pleat_window_parent_class)->dispose (object);
}

static void
pleat_window_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  PleatWindow *self = PLEAT_WINDOW (object);

  switch (prop_id)
    {
    case PROP_REPRESENTATION:
      g_value_set_enum (value, self->representation);
      break;
    case PROP_COLOR_SCHEME:
      g_value_set_enum (value, self->color_scheme);
      break;
    case PROP_EXPORT_WIDTH:
      g_value_set_int (value, self->export_width);
      break;
    case PROP_EXPORT_HEIGHT:
      g_value_set_int (value, self->export_height);
      break;
    case PROP_EXPORT_TRANSPARENT:
      g_value_set_boolean (value, self->export_transparent);
      break;
    case PROP_FOLD_PANEL_VISIBLE:
      g_value_set_boolean (value, self->fold_panel_visible);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
set_int_property (PleatWindow *self,
                  int         *field,
                  int          value,
                  guint        prop_id)
{
  if (*field == value)
    return;
  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
pleat_window_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  PleatWindow *self = PLEAT_WINDOW (object);

  switch (prop_id)
    {
    case PROP_REPRESENTATION:
      set_int_property (self, (int *) &self->representation, g_value_get_enum (value), prop_id);
      break;
    case PROP_COLOR_SCHEME:
      set_int_property (self, (int *) &self->color_scheme, g_value_get_enum (value), prop_id);
      break;
    case PROP_EXPORT_WIDTH:
      set_int_property (self, &self->export_width, g_value_get_int (value), prop_id);
      break;
    case PROP_EXPORT_HEIGHT:
      set_int_property (self, &self->export_height, g_value_get_int (value), prop_id);
      break;
    case PROP_EXPORT_TRANSPARENT:
      set_int_property (self, &self->export_transparent, !!g_value_get_boolean (value),
                        prop_id);
      break;
    case PROP_FOLD_PANEL_VISIBLE:
      set_int_property (self, &self->fold_panel_visible, !!g_value_get_boolean (value),
                        prop_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pleat_window_class_init (PleatWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pleat_window_dispose;
  object_class->get_property = pleat_window_get_property;
  object_class->set_property = pleat_window_set_property;
  widget_class->map = pleat_window_map;

  properties[PROP_REPRESENTATION] =
    g_param_spec_enum ("representation", NULL, NULL, PLEAT_TYPE_REPRESENTATION,
                       PLEAT_REPRESENTATION_CARTOON,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COLOR_SCHEME] =
    g_param_spec_enum ("color-scheme", NULL, NULL, PLEAT_TYPE_COLOR_SCHEME,
                       PLEAT_COLOR_SCHEME_PLDDT,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_EXPORT_WIDTH] =
    g_param_spec_int ("export-width", NULL, NULL, 16, 16384, 2400,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_EXPORT_HEIGHT] =
    g_param_spec_int ("export-height", NULL, NULL, 16, 16384, 1800,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_EXPORT_TRANSPARENT] =
    g_param_spec_boolean ("export-transparent", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Whether the side pane with the fold panel is shown: the header bar's toggle and F9. */
  properties[PROP_FOLD_PANEL_VISIBLE] =
    g_param_spec_boolean ("fold-panel-visible", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* No gtk_widget_dispose_template(): GtkWindow destroys its child itself, and on GTK 4.8
   * disposing the template as well unparents that child twice. */
  gtk_widget_class_set_template_from_resource (widget_class,
                                               PLEAT_RESOURCE_PREFIX "/pleat-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PleatWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, PleatWindow, model_title);
  gtk_widget_class_bind_template_child (widget_class, PleatWindow, model_description);
  gtk_widget_class_bind_template_child (widget_class, PleatWindow, model_command);
  gtk_widget_class_bind_template_child (widget_class, PleatWindow, welcome_open_button);
  gtk_widget_class_bind_template_child (widget_class, PleatWindow, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, PleatWindow, error_label);
  gtk_widget_class_bind_template_child (widget_class, PleatWindow, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, PleatWindow, representation_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PleatWindow, color_scheme_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PleatWindow, notebook);
  gtk_widget_class_bind_template_child (widget_class, PleatWindow, selection_label);
  gtk_widget_class_bind_template_child (widget_class, PleatWindow, fold_toggle);
  gtk_widget_class_bind_template_child (widget_class, PleatWindow, fold_panel);

  gtk_widget_class_install_action (widget_class, "win.fit-view", NULL, fit_view_action_cb);
  gtk_widget_class_install_action (widget_class, "win.reset-view", NULL, reset_view_action_cb);
  gtk_widget_class_install_action (widget_class, "win.export-image", NULL,
                                   export_image_action_cb);
  gtk_widget_class_install_action (widget_class, "win.close-tab", NULL, close_tab_action_cb);
  gtk_widget_class_install_action (widget_class, "win.dismiss-error", NULL,
                                   dismiss_error_action_cb);
  gtk_widget_class_install_action (widget_class, "win.save-results", NULL,
                                   _pleat_window_save_results_action);
  gtk_widget_class_install_action (widget_class, "win.toggle-fold-panel", NULL,
                                   toggle_fold_panel_action_cb);

  g_type_ensure (PLEAT_TYPE_FOLD_PANEL);
}

static void
pleat_window_init (PleatWindow *self)
{
  GtkDropTarget *target;

  self->representation = PLEAT_REPRESENTATION_CARTOON;
  self->color_scheme = PLEAT_COLOR_SCHEME_PLDDT;
  self->export_width = 2400;
  self->export_height = 1800;
  self->fold_panel_visible = TRUE;

  gtk_widget_init_template (GTK_WIDGET (self));

  g_object_bind_property_full (self, "representation", self->representation_dropdown,
                               "selected", G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE,
                               enum_to_uint, uint_to_enum, NULL, NULL);
  g_object_bind_property_full (self, "color-scheme", self->color_scheme_dropdown,
                               "selected", G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE,
                               enum_to_uint, uint_to_enum, NULL, NULL);
  /* The toggle shows the pane (a binding in the template); the property lets the app keep
   * the choice. */
  g_object_bind_property (self, "fold-panel-visible", self->fold_toggle, "active",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_signal_connect (self->notebook, "switch-page", G_CALLBACK (switch_page_cb), self);
  g_signal_connect (self->notebook, "page-removed", G_CALLBACK (page_removed_cb), self);

  target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (target, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));

  update_actions (self);
}

PleatWindow *
pleat_window_new (GtkApplication *application)
{
  return g_object_new (PLEAT_TYPE_WINDOW, "application", application, NULL);
}

void
pleat_window_set_model_info (PleatWindow *self,
                             const char  *model_name,
                             const char  *models_dir)
{
  g_autofree char *command = NULL;
  g_autofree char *description = NULL;

  g_return_if_fail (PLEAT_IS_WINDOW (self));
  g_return_if_fail (models_dir != NULL);

  if (model_name != NULL)
    {
      g_autofree char *title = g_strdup_printf (_("Model “%s” is installed"), model_name);

      gtk_label_set_label (self->model_title, title);
      gtk_label_set_label (self->model_description,
                           _("Fold a sequence with the panel on the left, or open a structure "
                             "file to inspect it."));
      gtk_widget_set_visible (GTK_WIDGET (self->model_command), FALSE);
      pleat_fold_panel_set_model_message (self->fold_panel, NULL);
      return;
    }

  gtk_label_set_label (self->model_title, _("No Model Installed"));
  description = g_strdup_printf (_("Pleat folds proteins with ESMFold. Download the "
                                   "facebook/esmfold_v1 weights (8.4 GB) from the Hugging Face "
                                   "Hub into %s, for example with:"),
                                 models_dir);
  gtk_label_set_label (self->model_description, description);
  command = g_strdup_printf ("huggingface-cli download facebook/esmfold_v1 "
                             "config.json pytorch_model.bin --local-dir %s/esmfold_v1",
                             models_dir);
  gtk_label_set_label (self->model_command, command);
  gtk_widget_set_visible (GTK_WIDGET (self->model_command), TRUE);

  /* The fold panel says the same, as it stays in view when tabs cover the welcome page. */
  {
    g_autofree char *hint = g_strdup_printf ("%s\n\n%s", description, command);

    pleat_fold_panel_set_model_message (self->fold_panel, hint);
  }
}

PleatStructureView *
pleat_window_add_structure (PleatWindow    *self,
                            PleatStructure *structure,
                            GFile          *file)
{
  g_autoptr(GPtrArray) models = g_ptr_array_new ();

  g_return_val_if_fail (PLEAT_IS_WINDOW (self), NULL);
  g_return_val_if_fail (PLEAT_IS_STRUCTURE (structure), NULL);

  g_ptr_array_add (models, structure);
  return pleat_window_add_models (self, models, file);
}

PleatStructureView *
pleat_window_add_models (PleatWindow *self,
                         GPtrArray   *models,
                         GFile       *file)
{
  GtkWidget *page;
  PleatStructureView *view;
  int num;

  g_return_val_if_fail (PLEAT_IS_WINDOW (self), NULL);
  g_return_val_if_fail (models != NULL && models->len > 0, NULL);

  page = pleat_structure_page_new_for_models (models, file);
  view = pleat_structure_page_get_view (PLEAT_STRUCTURE_PAGE (page));
  g_object_bind_property (self, "representation", view, "representation",
                          G_BINDING_SYNC_CREATE);
  g_object_bind_property (self, "color-scheme", view, "color-scheme", G_BINDING_SYNC_CREATE);

  num = gtk_notebook_append_page (self->notebook, page,
                                  make_tab_label (PLEAT_STRUCTURE_PAGE (page)));
  gtk_notebook_set_tab_reorderable (self->notebook, page, TRUE);
  gtk_notebook_set_show_tabs (self->notebook, TRUE);
  gtk_stack_set_visible_child_name (self->stack, "viewer");
  gtk_notebook_set_current_page (self->notebook, num);
  set_current_page (self, PLEAT_STRUCTURE_PAGE (page));
  gtk_widget_grab_focus (GTK_WIDGET (view));
  return view;
}

PleatStructureView *
pleat_window_get_current_view (PleatWindow *self)
{
  g_return_val_if_fail (PLEAT_IS_WINDOW (self), NULL);

  return self->current_view;
}

PleatFoldPanel *
pleat_window_get_fold_panel (PleatWindow *self)
{
  g_return_val_if_fail (PLEAT_IS_WINDOW (self), NULL);

  return self->fold_panel;
}

PleatStructurePage *
_pleat_window_get_current_page (PleatWindow *self)
{
  return self->current_page;
}

guint
pleat_window_get_n_structures (PleatWindow *self)
{
  g_return_val_if_fail (PLEAT_IS_WINDOW (self), 0);

  return (guint) gtk_notebook_get_n_pages (self->notebook);
}

void
pleat_window_show_error (PleatWindow *self,
                         const char  *message)
{
  g_return_if_fail (PLEAT_IS_WINDOW (self));
  g_return_if_fail (message != NULL);

  gtk_label_set_label (self->error_label, message);
  gtk_revealer_set_reveal_child (self->error_revealer, TRUE);
}

const char *
pleat_window_get_error (PleatWindow *self)
{
  g_return_val_if_fail (PLEAT_IS_WINDOW (self), NULL);

  if (!gtk_revealer_get_reveal_child (self->error_revealer))
    return NULL;
  return gtk_label_get_label (self->error_label);
}

void
pleat_window_begin_loading (PleatWindow *self)
{
  g_return_if_fail (PLEAT_IS_WINDOW (self));

  if (self->n_loading++ == 0)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->loading_spinner), TRUE);
      gtk_spinner_start (self->loading_spinner);
    }
}

void
pleat_window_end_loading (PleatWindow *self)
{
  g_return_if_fail (PLEAT_IS_WINDOW (self));
  g_return_if_fail (self->n_loading > 0);

  if (--self->n_loading == 0)
    {
      gtk_spinner_stop (self->loading_spinner);
      gtk_widget_set_visible (GTK_WIDGET (self->loading_spinner), FALSE);
    }
}

gboolean
pleat_window_get_loading (PleatWindow *self)
{
  g_return_val_if_fail (PLEAT_IS_WINDOW (self), FALSE);

  return self->n_loading > 0;
}
