/* pleat-ui.h
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Registers the UI's GResource (templates, CSS, shaders). Call once before creating widgets;
 * later calls do nothing. A static library's resource constructor would be dropped by the
 * linker, hence the explicit call. */
void pleat_ui_init       (void);
/* Adds Pleat's style sheet (style.css in the GResource) to a display; GtkApplication, unlike
 * libadwaita's, does not load it by itself. */
void pleat_ui_load_style (GdkDisplay *display);

G_END_DECLS
