/* pleat-ui.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pleat-ui"

#include "config.h"

#include <gio/gio.h>

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
