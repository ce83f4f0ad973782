/* pleat-application.h
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define PLEAT_TYPE_APPLICATION (pleat_application_get_type ())

G_DECLARE_FINAL_TYPE (PleatApplication, pleat_application, PLEAT, APPLICATION, GtkApplication)

PleatApplication *pleat_application_new (void);

G_END_DECLS
