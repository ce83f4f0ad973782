/* pleat-application.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pleat"

#include "config.h"

#include <glib/gi18n.h>
#include <glib-unix.h>
#include <signal.h>
#include <string.h>

#include "pleat-application.h"
#include "pleat-fold-controller.h"
#include "pleat-structure-reader.h"
#include "pleat-ui.h"
#include "pleat-window.h"

struct _PleatApplication
{
  GtkApplication        parent_instance;

  /* Owned */
  GSettings            *settings;      /* NULL when the schema is not installed */
  GtkFileChooserNative *open_chooser;
  PleatFoldController  *fold_controller;

  guint                 sigterm_source;
  guint                 sigint_source;
};

G_DEFINE_FINAL_TYPE (PleatApplication, pleat_application, GTK_TYPE_APPLICATION)

/* Keys bound to a window property of the same purpose. */
static const struct
{
  const char *key;
  const char *property;
} window_settings[] = {
  { "window-width", "default-width" },
  { "window-height", "default-height" },
  { "window-maximized", "maximized" },
  { "representation", "representation" },
  { "color-scheme", "color-scheme" },
  { "export-width", "export-width" },
  { "export-height", "export-height" },
  { "export-transparent", "export-transparent" },
  { "fold-panel-visible", "fold-panel-visible" },
};

static PleatWindow *
ensure_window (PleatApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window != NULL)
    return PLEAT_WINDOW (window);

  window = GTK_WINDOW (pleat_window_new (GTK_APPLICATION (self)));
  /* One engine for the application, wired to its window: the model starts loading now. */
  if (self->fold_controller == NULL)
    self->fold_controller = pleat_fold_controller_new (PLEAT_WINDOW (window));

  if (self->settings != NULL)
    for (guint i = 0; i < G_N_ELEMENTS (window_settings); i++)
      g_settings_bind (self->settings, window_settings[i].key, window,
                       window_settings[i].property, G_SETTINGS_BIND_DEFAULT);

  return PLEAT_WINDOW (window);
}

static void
pleat_application_activate (GApplication *app)
{
  gtk_window_present (GTK_WINDOW (ensure_window (PLEAT_APPLICATION (app))));
}

typedef struct
{
  PleatWindow *window;
  GFile       *file;
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_clear_object (&data->window);
  g_clear_object (&data->file);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoadData, load_data_free)

static void
load_done_cb (GObject      *source_object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(LoadData) data = user_data;
  g_autoptr(GPtrArray) structures = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_file_get_basename (data->file);

  pleat_window_end_loading (data->window);
  structures = pleat_structure_load_finish (result, &error);

  if (structures == NULL || structures->len == 0)
    {
      g_autofree char *message = NULL;

      if (error == NULL)
        message = g_strdup_printf (_("“%s” holds no atoms"), name);
      else
        {
          const char *reason = error->message;

          /* The readers name the file already; say it once. */
          if (g_str_has_prefix (reason, name) && g_str_has_prefix (reason + strlen (name), ": "))
            reason += strlen (name) + 2;
          message = g_strdup_printf (_("Could not open “%s”: %s"), name, reason);
        }
      pleat_window_show_error (data->window, message);
      return;
    }

  /* An ensemble (NMR models, a predictor's samples) opens on its first model, as other viewers
   * do, with a selector for the others. */
  pleat_window_add_models (data->window, structures, data->file);
}

static void
pleat_application_open (GApplication  *app,
                        GFile        **files,
                        gint           n_files,
                        const char    *hint)
{
  PleatWindow *window = ensure_window (PLEAT_APPLICATION (app));

  gtk_window_present (GTK_WINDOW (window));

  /* Reading and parsing happen on a worker thread: the window stays responsive. */
  for (gint i = 0; i < n_files; i++)
    {
      LoadData *data = g_new0 (LoadData, 1);

      data->window = g_object_ref (window);
      data->file = g_object_ref (files[i]);
      pleat_window_begin_loading (window);
      pleat_structure_load_async (files[i], NULL, load_done_cb, data);
    }
}

static void
open_response_cb (GtkNativeDialog  *chooser,
                  int               response,
                  PleatApplication *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) list = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));
      g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint i = 0; i < g_list_model_get_n_items (list); i++)
        g_ptr_array_add (files, g_list_model_get_item (list, i));
      if (files->len > 0)
        g_application_open (G_APPLICATION (self), (GFile **) files->pdata, (gint) files->len,
                            "");
    }
  g_clear_object (&self->open_chooser);
}

static void
open_activated_cb (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  PleatApplication *self = PLEAT_APPLICATION (user_data);
  PleatWindow *window = ensure_window (self);
  g_autoptr(GtkFileFilter) structures = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();
  static const char *const suffixes[] = {
    "cif", "mmcif", "pdb", "ent", "cif.gz", "mmcif.gz", "pdb.gz", "ent.gz",
  };

  if (self->open_chooser != NULL)
    {
      gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->open_chooser));
      return;
    }

  self->open_chooser = gtk_file_chooser_native_new (_("Open Structure"), GTK_WINDOW (window),
                                                    GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"),
                                                    _("_Cancel"));
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (self->open_chooser), TRUE);
  gtk_file_filter_set_name (structures, _("Structure files (mmCIF, PDB)"));
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    gtk_file_filter_add_suffix (structures, suffixes[i]);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->open_chooser), structures);
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->open_chooser), all);

  g_signal_connect (self->open_chooser, "response", G_CALLBACK (open_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->open_chooser));
}

static void
quit_activated_cb (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static const GActionEntry app_actions[] = {
  { .name = "open", .activate = open_activated_cb },
  { .name = "quit", .activate = quit_activated_cb },
};

/* SIGTERM (session end, `kill`) and SIGINT (Ctrl+C in a terminal) quit cleanly, as the
 * Quit action does, rather than dying mid-write. */
static gboolean
quit_signal_cb (gpointer user_data)
{
  g_application_quit (G_APPLICATION (user_data));
  return G_SOURCE_CONTINUE;
}

static void
pleat_application_startup (GApplication *app)
{
  PleatApplication *self = PLEAT_APPLICATION (app);

  G_APPLICATION_CLASS (pleat_application_parent_class)->startup (app);

  pleat_ui_load_style (gdk_display_get_default ());

  self->sigterm_source = g_unix_signal_add (SIGTERM, quit_signal_cb, self);
  self->sigint_source = g_unix_signal_add (SIGINT, quit_signal_cb, self);
}

/* Quitting during a fold stops it at its next block and joins the engine thread; finished
 * results still being written are waited for. */
static void
pleat_application_shutdown (GApplication *app)
{
  PleatApplication *self = PLEAT_APPLICATION (app);

  if (self->fold_controller != NULL)
    pleat_fold_controller_shutdown (self->fold_controller);

  G_APPLICATION_CLASS (pleat_application_parent_class)->shutdown (app);
}

static void
pleat_application_dispose (GObject *object)
{
  PleatApplication *self = (PleatApplication *) object;

  g_clear_handle_id (&self->sigterm_source, g_source_remove);
  g_clear_handle_id (&self->sigint_source, g_source_remove);

  if (self->open_chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->open_chooser));
  g_clear_object (&self->open_chooser);
  g_clear_object (&self->fold_controller);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (pleat_application_parent_class)->dispose (object);
}

static void
pleat_application_class_init (PleatApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = pleat_application_dispose;
  app_class->startup = pleat_application_startup;
  app_class->shutdown = pleat_application_shutdown;
  app_class->activate = pleat_application_activate;
  app_class->open = pleat_application_open;
}

static void
pleat_application_init (PleatApplication *self)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  pleat_ui_init ();

  /* Running from the build tree without GSETTINGS_SCHEMA_DIR must not abort: settings are
   * then simply not kept. */
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema != NULL)
    self->settings = g_settings_new (APP_ID);
  else
    g_debug ("GSettings schema %s is not installed; settings are not kept", APP_ID);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.open",
                                         (const char *[]) { "<Control>o", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit",
                                         (const char *[]) { "<Control>q", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.close-tab",
                                         (const char *[]) { "<Control>w", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.export-image",
                                         (const char *[]) { "<Control>e", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.save-results",
                                         (const char *[]) { "<Control>s", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.toggle-fold-panel",
                                         (const char *[]) { "F9", NULL });
}

PleatApplication *
pleat_application_new (void)
{
  /* resource-base-path makes GtkApplication find the icons in our GResource. */
  return g_object_new (PLEAT_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE,
                       "resource-base-path", PLEAT_RESOURCE_PREFIX,
                       NULL);
}
