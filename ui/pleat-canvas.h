/* pleat-canvas.h
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A drawing surface for the views that paint their own content (the pLDDT track, the PAE map):
 * GtkDrawingArea's idea with a GtkSnapshot instead of cairo, so that a view can append
 * textures, cached render nodes and text without rasterising through cairo. It holds no
 * state of its own beyond its size request and, as a GtkScrollable inside a
 * GtkScrolledWindow, a horizontal scroll range of content-width pixels: the owner draws only
 * what is visible, at pleat_canvas_get_scroll_x(). A leaf widget with no children, hence no
 * template; the views that use it have one.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define PLEAT_TYPE_CANVAS (pleat_canvas_get_type ())

G_DECLARE_FINAL_TYPE (PleatCanvas, pleat_canvas, PLEAT, CANVAS, GtkWidget)

/* Called from the canvas's snapshot vfunc with its current size. */
typedef void (*PleatCanvasDrawFunc) (PleatCanvas *canvas,
                                     GtkSnapshot *snapshot,
                                     int          width,
                                     int          height,
                                     gpointer     user_data);

GtkWidget *pleat_canvas_new               (void);
void       pleat_canvas_set_draw_func     (PleatCanvas         *self,
                                           PleatCanvasDrawFunc  draw_func,
                                           gpointer             user_data,
                                           GDestroyNotify       destroy);

/* The width of everything there is to draw; when it is wider than the canvas, a
 * GtkScrolledWindow around the canvas scrolls it. 0 (the default) for no scrolling. */
int        pleat_canvas_get_content_width (PleatCanvas         *self);
void       pleat_canvas_set_content_width (PleatCanvas         *self,
                                           int                  content_width);
/* The height the canvas asks for (minimum and natural). */
int        pleat_canvas_get_content_height (PleatCanvas        *self);
void       pleat_canvas_set_content_height (PleatCanvas        *self,
                                            int                 content_height);

/* The horizontal scroll position in pixels (0 without a scrolled window). */
double     pleat_canvas_get_scroll_x      (PleatCanvas         *self);
/* Scrolls as little as possible so that [x, x + width) of the content is visible. */
void       pleat_canvas_scroll_to         (PleatCanvas         *self,
                                           double               x,
                                           double               width);

G_END_DECLS
