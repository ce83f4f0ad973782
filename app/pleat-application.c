/* pleat-application.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pleat"

#include "config.h"

#include <glib/gi18n.h>

#include "pleat-application.h"
#include "pleat-model-cache.h"
#include "pleat-ui.h"
#include "pleat-window.h"

struct _PleatApplication
{
  GtkApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (PleatApplication, pleat_application, GTK_TYPE_APPLICATION)

static void
pleat_application_activate (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    {
      g_autofree char *models_dir = pleat_model_cache_dup_dir ();
      g_auto(GStrv) models = pleat_model_cache_list_models ();

      window = GTK_WINDOW (pleat_window_new (GTK_APPLICATION (app)));
      pleat_window_set_model_info (PLEAT_WINDOW (window), models[0], models_dir);
    }
  gtk_window_present (window);
}

static void
quit_activated_cb (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static const GActionEntry app_actions[] = {
  { .name = "quit", .activate = quit_activated_cb },
};

static void
pleat_application_class_init (PleatApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->activate = pleat_application_activate;
}

static void
pleat_application_init (PleatApplication *self)
{
  pleat_ui_init ();
  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit",
                                         (const char *[]) { "<Control>q", NULL });
}

PleatApplication *
pleat_application_new (void)
{
  /* resource-base-path makes GtkApplication load style.css and the icons from our GResource. */
  return g_object_new (PLEAT_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE,
                       "resource-base-path", PLEAT_RESOURCE_PREFIX,
                       NULL);
}
