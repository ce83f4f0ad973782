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

typedef struct
{
  char *dir;
  char *stem;
  char *dest_dir;
} CopyData;

static void
copy_data_free (CopyData *data)
{
  g_free (data->dir);
  g_free (data->stem);
  g_free (data->dest_dir);
  g_free (data);
}

/* A worker thread: a large prediction's PAE JSON is tens of megabytes. */
static void
copy_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  CopyData *data = task_data;
  GError *error = NULL;

  if (pleat_result_copy (data->dir, data->stem, data->dest_dir, PLEAT_RESULT_FORMAT_ALL,
                         cancellable, &error))
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
  PleatStructurePage *page;
  CopyData *data;

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
  data = g_new0 (CopyData, 1);
  data->dir = g_file_get_path (pleat_structure_page_get_results_dir (page));
  data->stem = g_strdup (pleat_structure_page_get_results_stem (page));
  data->dest_dir = g_file_get_path (folder);
  g_task_set_task_data (task, data, (GDestroyNotify) copy_data_free);
  g_task_run_in_thread (task, copy_thread);
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
