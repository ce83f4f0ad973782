/* pleat-window.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pleat-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "pleat-window.h"

struct _PleatWindow
{
  GtkApplicationWindow  parent_instance;

  /* Template widgets */
  GtkStack             *stack;
  GtkLabel             *model_title;
  GtkLabel             *model_description;
  GtkLabel             *model_command;
};

G_DEFINE_FINAL_TYPE (PleatWindow, pleat_window, GTK_TYPE_APPLICATION_WINDOW)

static void
pleat_window_class_init (PleatWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  /* No gtk_widget_dispose_template(): GtkWindow destroys its child itself, and on GTK 4.8
   * disposing the template as well unparents that child twice. */
  gtk_widget_class_set_template_from_resource (widget_class,
                                               PLEAT_RESOURCE_PREFIX "/pleat-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PleatWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, PleatWindow, model_title);
  gtk_widget_class_bind_template_child (widget_class, PleatWindow, model_description);
  gtk_widget_class_bind_template_child (widget_class, PleatWindow, model_command);
}

static void
pleat_window_init (PleatWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
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
      g_autofree char *title = g_strdup_printf (_("Model “%s” is ready"), model_name);

      gtk_label_set_label (self->model_title, title);
      gtk_label_set_label (self->model_description,
                           _("Open a structure file to inspect it, or fold a sequence."));
      gtk_widget_set_visible (GTK_WIDGET (self->model_command), FALSE);
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
}
