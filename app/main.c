/* main.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pleat"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "pleat-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(PleatApplication) app = NULL;

  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = pleat_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
