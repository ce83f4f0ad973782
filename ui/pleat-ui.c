/* pleat-ui.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pleat-ui"

#include "config.h"


#include "pleat-ui.h"
#include "pleat-ui-resources.h"

void
pleat_ui_init (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      pleat_ui_register_resource ();
      g_once_init_leave (&initialized, 1);
    }
}

void
pleat_ui_load_style (GdkDisplay *display)
{
  g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();

  g_return_if_fail (GDK_IS_DISPLAY (display));

  pleat_ui_init ();
  gtk_css_provider_load_from_resource (provider, PLEAT_RESOURCE_PREFIX "/style.css");
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}
