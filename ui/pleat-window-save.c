/* pleat-window-save.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "Save As…" for a prediction: the files it was saved as on completion (mmCIF, PDB, PAE and
 * confidence JSON) copied into a folder the user picks.
 */
#define G_LOG_DOMAIN "pleat-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "pleat-result-writer.h"
#include "pleat-window-private.h"

/* The window's task completes with the engine's copy, which runs on a worker thread. */
static void
copied_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (pleat_result_copy_finish (result, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
pleat_window_save_results_async (PleatWindow         *self,
                                 GFile               *folder,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *dest_dir = NULL;
  PleatStructurePage *page;

  g_return_if_fail (PLEAT_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (folder));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pleat_window_save_results_async);
  page = _pleat_window_get_current_page (self);
  if (page == NULL || pleat_structure_page_get_results_dir (page) == NULL ||
      g_file_peek_path (folder) == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               _("This tab has no saved prediction files"));
      return;
    }
  dir = g_file_get_path (pleat_structure_page_get_results_dir (page));
  dest_dir = g_file_get_path (folder);
  pleat_result_copy_async (dir, pleat_structure_page_get_results_stem (page), dest_dir,
                           PLEAT_RESULT_FORMAT_ALL, cancellable, copied_cb,
                           g_steal_pointer (&task));
}

gboolean
pleat_window_save_results_finish (PleatWindow   *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (PLEAT_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
saved_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  PleatWindow *self = PLEAT_WINDOW (source);
  g_autoptr(GError) error = NULL;

  if (!pleat_window_save_results_finish (self, result, &error))
    {
      g_autofree char *message = g_strdup_printf (_("Could not save the files: %s"),
                                                  error->message);

      pleat_window_show_error (self, message);
    }
}

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     PleatWindow     *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (folder != NULL)
        pleat_window_save_results_async (self, folder, NULL, saved_cb, NULL);
    }
  gtk_native_dialog_destroy (chooser);
  /* The reference taken when the dialog was shown. */
  g_object_unref (chooser);
}

void
_pleat_window_save_results_action (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *parameter)
{
  PleatWindow *self = PLEAT_WINDOW (widget);
  GtkFileChooserNative *chooser;

  if (_pleat_window_get_current_page (self) == NULL)
    return;

  /* A native dialog must be kept alive while it is shown: the response handler drops it. */
  chooser = gtk_file_chooser_native_new (_("Save the Prediction Files Into"),
                                         GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _("_Save"),
                                         _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (chooser_response_cb), self,
                           G_CONNECT_DEFAULT);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
