/* pleat-export-dialog.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pleat-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "pleat-export-dialog.h"

struct _PleatExportDialog
{
  GtkWindow             parent_instance;

  /* Template widgets */
  GtkSpinButton        *width_spin;
  GtkSpinButton        *height_spin;
  GtkSwitch            *transparent_switch;
  GtkSpinner           *spinner;
  GtkLabel             *error_label;

  /* Owned */
  PleatStructureView   *view;
  GtkFileChooserNative *chooser;
  GCancellable         *cancellable;
  GFile                *file;            /* being written */
  char                 *title;
};

G_DEFINE_FINAL_TYPE (PleatExportDialog, pleat_export_dialog, GTK_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_WIDTH,
  PROP_HEIGHT,
  PROP_TRANSPARENT,
  N_PROPS
};

enum {
  SIGNAL_EXPORTED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
set_working (PleatExportDialog *self,
             gboolean           working)
{
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), working);
  gtk_spinner_set_spinning (self->spinner, working);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.choose-file", !working);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.preset", !working);
}

static void
export_done_cb (GObject      *source_object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(PleatExportDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!pleat_structure_view_export_png_finish (PLEAT_STRUCTURE_VIEW (source_object), result,
                                               &error))
    {
      g_autofree char *message = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      set_working (self, FALSE);
      message = g_strdup_printf (_("Could not export the image: %s"), error->message);
      gtk_label_set_label (self->error_label, message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return;
    }

  set_working (self, FALSE);
  g_signal_emit (self, signals[SIGNAL_EXPORTED], 0, self->file);
  gtk_window_destroy (GTK_WINDOW (self));
}

void
pleat_export_dialog_export_to_file (PleatExportDialog *self,
                                    GFile             *file)
{
  int width;
  int height;

  g_return_if_fail (PLEAT_IS_EXPORT_DIALOG (self));
  g_return_if_fail (G_IS_FILE (file));

  width = gtk_spin_button_get_value_as_int (self->width_spin);
  height = gtk_spin_button_get_value_as_int (self->height_spin);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  set_working (self, TRUE);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_set_object (&self->file, file);
  pleat_structure_view_export_png_async (self->view, file, width, height,
                                         gtk_switch_get_active (self->transparent_switch),
                                         self->cancellable, export_done_cb,
                                         g_object_ref (self));
}

static void
chooser_response_cb (GtkNativeDialog   *chooser,
                     int                response,
                     PleatExportDialog *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);
  if (file != NULL)
    pleat_export_dialog_export_to_file (self, file);
}

static void
choose_file_action_cb (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  PleatExportDialog *self = PLEAT_EXPORT_DIALOG (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;
  const char *dot;

  if (self->chooser != NULL)
    return;

  self->chooser = gtk_file_chooser_native_new (_("Export Image"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"),
                                               _("_Cancel"));
  gtk_file_filter_set_name (filter, _("PNG images"));
  gtk_file_filter_add_mime_type (filter, "image/png");
  gtk_file_filter_add_suffix (filter, "png");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);

  /* "1abc.cif" becomes "1abc.png". */
  dot = self->title != NULL ? strrchr (self->title, '.') : NULL;
  if (self->title == NULL || self->title[0] == '\0')
    name = g_strdup (_("structure.png"));
  else if (dot != NULL && dot != self->title)
    name = g_strdup_printf ("%.*s.png", (int) (dot - self->title), self->title);
  else
    name = g_strdup_printf ("%s.png", self->title);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);

  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
cancel_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  gtk_window_destroy (GTK_WINDOW (widget));
}

static void
preset_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  PleatExportDialog *self = PLEAT_EXPORT_DIALOG (widget);
  int factor = g_variant_get_int32 (parameter);
  int scale = gtk_widget_get_scale_factor (GTK_WIDGET (self->view));

  gtk_spin_button_set_value (self->width_spin,
                             gtk_widget_get_width (GTK_WIDGET (self->view)) * scale * factor);
  gtk_spin_button_set_value (self->height_spin,
                             gtk_widget_get_height (GTK_WIDGET (self->view)) * scale * factor);
}

static void
pleat_export_dialog_dispose (GObject *object)
{
  PleatExportDialog *self = (PleatExportDialog *) object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_object (&self->view);
  g_clear_object (&self->file);

  G_OBJECT_CLASS (pleat_export_dialog_parent_class)->dispose (object);
}

static void
pleat_export_dialog_finalize (GObject *object)
{
  PleatExportDialog *self = (PleatExportDialog *) object;

  g_clear_pointer (&self->title, g_free);

  G_OBJECT_CLASS (pleat_export_dialog_parent_class)->finalize (object);
}

static void
pleat_export_dialog_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  PleatExportDialog *self = PLEAT_EXPORT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_WIDTH:
      g_value_set_int (value, gtk_spin_button_get_value_as_int (self->width_spin));
      break;
    case PROP_HEIGHT:
      g_value_set_int (value, gtk_spin_button_get_value_as_int (self->height_spin));
      break;
    case PROP_TRANSPARENT:
      g_value_set_boolean (value, gtk_switch_get_active (self->transparent_switch));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pleat_export_dialog_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  PleatExportDialog *self = PLEAT_EXPORT_DIALOG (object);

  /* The widgets notify, which forwards to these properties. */
  switch (prop_id)
    {
    case PROP_WIDTH:
      gtk_spin_button_set_value (self->width_spin, g_value_get_int (value));
      break;
    case PROP_HEIGHT:
      gtk_spin_button_set_value (self->height_spin, g_value_get_int (value));
      break;
    case PROP_TRANSPARENT:
      gtk_switch_set_active (self->transparent_switch, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
width_changed_cb (PleatExportDialog *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WIDTH]);
}

static void
height_changed_cb (PleatExportDialog *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HEIGHT]);
}

static void
transparent_changed_cb (PleatExportDialog *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TRANSPARENT]);
}

static void
pleat_export_dialog_class_init (PleatExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pleat_export_dialog_dispose;
  object_class->finalize = pleat_export_dialog_finalize;
  object_class->get_property = pleat_export_dialog_get_property;
  object_class->set_property = pleat_export_dialog_set_property;

  properties[PROP_WIDTH] =
    g_param_spec_int ("width", NULL, NULL, 16, 16384, 2400,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HEIGHT] =
    g_param_spec_int ("height", NULL, NULL, 16, 16384, 1800,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TRANSPARENT] =
    g_param_spec_boolean ("transparent", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Emitted with the GFile written, just before the dialog closes. */
  signals[SIGNAL_EXPORTED] =
    g_signal_new ("exported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_FILE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               PLEAT_RESOURCE_PREFIX "/pleat-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PleatExportDialog, width_spin);
  gtk_widget_class_bind_template_child (widget_class, PleatExportDialog, height_spin);
  gtk_widget_class_bind_template_child (widget_class, PleatExportDialog, transparent_switch);
  gtk_widget_class_bind_template_child (widget_class, PleatExportDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, PleatExportDialog, error_label);

  gtk_widget_class_install_action (widget_class, "export.choose-file", NULL,
                                   choose_file_action_cb);
  gtk_widget_class_install_action (widget_class, "export.cancel", NULL, cancel_action_cb);
  gtk_widget_class_install_action (widget_class, "export.preset", "i", preset_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "export.cancel", NULL);
}

static void
pleat_export_dialog_init (PleatExportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_spin_button_set_value (self->width_spin, 2400);
  gtk_spin_button_set_value (self->height_spin, 1800);
  g_signal_connect_swapped (self->width_spin, "value-changed", G_CALLBACK (width_changed_cb),
                            self);
  g_signal_connect_swapped (self->height_spin, "value-changed", G_CALLBACK (height_changed_cb),
                            self);
  g_signal_connect_swapped (self->transparent_switch, "notify::active",
                            G_CALLBACK (transparent_changed_cb), self);
}

PleatExportDialog *
pleat_export_dialog_new (GtkWindow          *parent,
                         PleatStructureView *view,
                         const char         *title)
{
  PleatExportDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (PLEAT_IS_STRUCTURE_VIEW (view), NULL);

  self = g_object_new (PLEAT_TYPE_EXPORT_DIALOG, "transient-for", parent, NULL);
  self->view = g_object_ref (view);
  self->title = g_strdup (title);
  return self;
}
