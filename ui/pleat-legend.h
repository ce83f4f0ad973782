/* pleat-legend.h
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The legend of a color scheme, drawn over the structure view: a title and either one swatch
 * per category (pLDDT bands, chains) or a color bar with labelled stops (continuous pLDDT,
 * rainbow, PAE), as the scene describes it (pleat_scene_dup_legend()).
 */
#pragma once

#include <gtk/gtk.h>

#include "pleat-scene.h"

G_BEGIN_DECLS

#define PLEAT_TYPE_LEGEND (pleat_legend_get_type ())

G_DECLARE_FINAL_TYPE (PleatLegend, pleat_legend, PLEAT, LEGEND, GtkWidget)

GtkWidget  *pleat_legend_new         (void);
/* Shows the legend of the scene's active scheme; NULL hides the legend. */
void        pleat_legend_set_scene   (PleatLegend *self,
                                      PleatScene  *scene);
/* The title shown, or NULL when hidden. */
const char *pleat_legend_get_title   (PleatLegend *self);
/* The entry labels shown, in order (transfer full; NULL-terminated). */
char      **pleat_legend_dup_labels  (PleatLegend *self);
gboolean    pleat_legend_get_gradient (PleatLegend *self);

G_END_DECLS
