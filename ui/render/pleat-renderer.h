/* pleat-renderer.h
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The OpenGL renderer of the structure viewer: it owns the buffers and programs, uploads the
 * scene's instance arrays when they changed, and draws spheres and cylinders as ray-cast
 * impostors (depth written from the fragment shader) plus the cartoon mesh. It needs a current
 * GL 3.3 core or GLES 3.0 context and nothing from GTK, so tests can drive it with a bare EGL
 * surfaceless context. Every function must be called with the context it was created in
 * current, on the thread that owns that context.
 */
#pragma once

#include <gio/gio.h>

#include "pleat-scene.h"

G_BEGIN_DECLS

#define PLEAT_RENDERER_ERROR (pleat_renderer_error_quark ())

/* GL failures, reported rather than crashed on. */
typedef enum
{
  PLEAT_RENDERER_ERROR_SHADER,        /* a shader failed to load, compile or link */
  PLEAT_RENDERER_ERROR_FRAMEBUFFER,   /* an offscreen framebuffer is incomplete */
  PLEAT_RENDERER_ERROR_GL,            /* glGetError() reported an error */
  PLEAT_RENDERER_ERROR_TOO_LARGE,     /* an image larger than we can allocate */
} PleatRendererError;

GQuark pleat_renderer_error_quark (void);

typedef struct _PleatRenderer PleatRenderer;

/* What one frame looks like. Matrices are column-major (cglm's mat4), the view matrix maps
 * model space to eye space and contains no scaling. */
typedef struct
{
  float view[16];
  float projection[16];
  int   width;              /* viewport, in framebuffer pixels */
  int   height;
  float background[4];      /* straight RGBA, 0-1; alpha 0 gives a transparent image */
  float fog_near;           /* eye-space distances of the depth cue; fog_far <= fog_near: none */
  float fog_far;
  float fog_strength;       /* 0-1: how far the farthest atoms fade into the background */
  float outline;            /* 0-1: darkening of silhouette edges */
} PleatRenderParams;

/* Per-instance highlight flags: a bit set that the shaders turn into a tint. */
typedef enum
{
  PLEAT_HIGHLIGHT_NONE     = 0,
  PLEAT_HIGHLIGHT_SELECTED = 1 << 0,
  PLEAT_HIGHLIGHT_HOVERED  = 1 << 1,
} PleatHighlight;

/* Called for every sphere, cylinder and mesh vertex with its pick id. */
typedef guint (*PleatHighlightFunc) (guint32  pick_id,
                                     gpointer user_data);

PleatRenderer *pleat_renderer_new              (gboolean                      use_es,
                                                GError                      **error);
void           pleat_renderer_free             (PleatRenderer                *self);

void           pleat_renderer_set_spheres      (PleatRenderer                *self,
                                                const PleatSphereInstance    *spheres,
                                                guint                         n_spheres);
void           pleat_renderer_set_cylinders    (PleatRenderer                *self,
                                                const PleatCylinderInstance  *cylinders,
                                                guint                         n_cylinders);
void           pleat_renderer_set_mesh         (PleatRenderer                *self,
                                                const PleatMeshVertex        *vertices,
                                                guint                         n_vertices,
                                                const guint32                *indices,
                                                guint                         n_indices);
/* Uploads all three arrays of a built scene. */
void           pleat_renderer_upload_scene     (PleatRenderer                *self,
                                                PleatScene                   *scene);
/* Recomputes the highlight flags of everything uploaded; func NULL clears them. */
void           pleat_renderer_update_highlight (PleatRenderer                *self,
                                                PleatHighlightFunc            func,
                                                gpointer                      user_data);

/* Draws into the framebuffer bound now, clearing it first. */
gboolean       pleat_renderer_draw             (PleatRenderer                *self,
                                                const PleatRenderParams      *params,
                                                GError                      **error);
/* Draws at scale times the resolution of params (0.5: a quarter of the pixels, for fast
 * interaction on slow GL; 2: four samples per pixel, antialiased) into an internal framebuffer
 * and scales the result into the framebuffer bound now. */
gboolean       pleat_renderer_draw_scaled      (PleatRenderer                *self,
                                                const PleatRenderParams      *params,
                                                float                         scale,
                                                GError                      **error);
/* Draws into an offscreen framebuffer of params->width x params->height pixels (tiled when
 * larger than the GL limits), supersampled by `supersample` in each direction, and returns
 * straight-alpha RGBA bytes, rows top to bottom, stride width * 4. The caller's framebuffer
 * and viewport bindings are restored. */
GBytes        *pleat_renderer_render_image     (PleatRenderer                *self,
                                                const PleatRenderParams      *params,
                                                guint                         supersample,
                                                GError                      **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PleatRenderer, pleat_renderer_free)

G_END_DECLS
