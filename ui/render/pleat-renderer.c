/* pleat-renderer.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pleat-render"

#include "config.h"

#include <epoxy/gl.h>
#include <glib/gi18n.h>
#include <string.h>

#include <cglm/cglm.h>

#include "pleat-render-resources.h"
#include "pleat-renderer.h"

#define SHADER_PATH PLEAT_RESOURCE_PREFIX "/render/shaders/"

/* The instance arrays are uploaded as they are: the attribute offsets below depend on it. */
G_STATIC_ASSERT (sizeof (PleatSphereInstance) == 24);
G_STATIC_ASSERT (sizeof (PleatCylinderInstance) == 40);
G_STATIC_ASSERT (sizeof (PleatMeshVertex) == 32);

/* The largest offscreen tile, in pixels per side; bigger images are drawn tile by tile. */
#define MAX_TILE 2048
/* The largest exported image, in pixels per side. */
#define MAX_IMAGE 16384

typedef struct
{
  GLuint program;
  GLint  u_view;
  GLint  u_projection;
  GLint  u_inverse_projection;
  GLint  u_near;
  GLint  u_light_dir;
  GLint  u_fog;
  GLint  u_fog_color;
  GLint  u_outline;
  GLint  u_select_color;
} Program;

typedef struct
{
  GLuint  vao;
  GLuint  instances;     /* the scene's array, as is */
  GLuint  flags;         /* guint32 highlight flags, one per instance or vertex */
  GArray *pick_ids;      /* guint32, a copy kept to recompute the flags */
} Batch;

struct _PleatRenderer
{
  gboolean use_es;

  Program  sphere_program;
  Program  cylinder_program;
  Program  mesh_program;

  GLuint   quad;          /* 4 corners of the impostor quads, a triangle strip */
  GLuint   mesh_indices;

  Batch    spheres;
  Batch    cylinders;
  Batch    mesh;
  guint    n_mesh_indices;

  /* The framebuffer of pleat_renderer_draw_scaled(), kept between frames. */
  GLuint   scaled_fbo;
  GLuint   scaled_renderbuffers[2];
  int      scaled_width;
  int      scaled_height;
};

G_DEFINE_QUARK (pleat-renderer-error-quark, pleat_renderer_error)

static void
ensure_resources (void)
{
  static gsize registered = 0;

  if (g_once_init_enter (&registered))
    {
      pleat_render_register_resource ();
      g_once_init_leave (&registered, 1);
    }
}

static GLuint
compile_shader (GLenum       type,
                gboolean     use_es,
                const char  *name,
                GError     **error)
{
  /* Conservative depth (impostors only ever push depth back from their proxy geometry) keeps
   * the early depth test, which writing gl_FragDepth otherwise turns off. */
  static const char desktop_header[] =
    "#version 330 core\n"
    "#ifdef GL_ARB_conservative_depth\n"
    "#extension GL_ARB_conservative_depth : enable\n"
    "#define PLEAT_CONSERVATIVE_DEPTH 1\n"
    "#endif\n";
  static const char es_header[] =
    "#version 300 es\n"
    "#ifdef GL_EXT_conservative_depth\n"
    "#extension GL_EXT_conservative_depth : enable\n"
    "#define PLEAT_CONSERVATIVE_DEPTH 1\n"
    "#endif\n"
    "precision highp float;\nprecision highp int;\n";
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GBytes) shade = NULL;
  g_autofree char *path = g_strconcat (SHADER_PATH, name, NULL);
  const char *sources[3];
  GLint lengths[3];
  GLint n_sources = 0;
  GLint ok = GL_FALSE;
  GLuint shader;
  gsize size;

  body = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (body == NULL)
    return 0;

  sources[n_sources] = use_es ? es_header : desktop_header;
  lengths[n_sources++] = -1;
  if (type == GL_FRAGMENT_SHADER)
    {
      shade = g_resources_lookup_data (SHADER_PATH "shade.glsl", G_RESOURCE_LOOKUP_FLAGS_NONE,
                                       error);
      if (shade == NULL)
        return 0;
      sources[n_sources] = g_bytes_get_data (shade, &size);
      lengths[n_sources++] = (GLint) size;
    }
  sources[n_sources] = g_bytes_get_data (body, &size);
  lengths[n_sources++] = (GLint) size;

  shader = glCreateShader (type);
  glShaderSource (shader, n_sources, sources, lengths);
  glCompileShader (shader);
  glGetShaderiv (shader, GL_COMPILE_STATUS, &ok);
  if (!ok)
    {
      char log[2048] = "";

      glGetShaderInfoLog (shader, sizeof log, NULL, log);
      g_set_error (error, PLEAT_RENDERER_ERROR, PLEAT_RENDERER_ERROR_SHADER,
                   _("Could not compile the shader %s: %s"), name, log);
      glDeleteShader (shader);
      return 0;
    }
  return shader;
}

static gboolean
program_init (Program     *program,
              gboolean     use_es,
              const char  *vertex_name,
              const char  *fragment_name,
              GError     **error)
{
  GLuint vertex;
  GLuint fragment;
  GLint ok = GL_FALSE;

  vertex = compile_shader (GL_VERTEX_SHADER, use_es, vertex_name, error);
  if (vertex == 0)
    return FALSE;
  fragment = compile_shader (GL_FRAGMENT_SHADER, use_es, fragment_name, error);
  if (fragment == 0)
    {
      glDeleteShader (vertex);
      return FALSE;
    }

  program->program = glCreateProgram ();
  glAttachShader (program->program, vertex);
  glAttachShader (program->program, fragment);
  glLinkProgram (program->program);
  glDetachShader (program->program, vertex);
  glDetachShader (program->program, fragment);
  glDeleteShader (vertex);
  glDeleteShader (fragment);
  glGetProgramiv (program->program, GL_LINK_STATUS, &ok);
  if (!ok)
    {
      char log[2048] = "";

      glGetProgramInfoLog (program->program, sizeof log, NULL, log);
      g_set_error (error, PLEAT_RENDERER_ERROR, PLEAT_RENDERER_ERROR_SHADER,
                   _("Could not link the shaders %s and %s: %s"), vertex_name, fragment_name,
                   log);
      return FALSE;
    }

  program->u_view = glGetUniformLocation (program->program, "u_view");
  program->u_projection = glGetUniformLocation (program->program, "u_projection");
  program->u_inverse_projection = glGetUniformLocation (program->program,
                                                        "u_inverse_projection");
  program->u_near = glGetUniformLocation (program->program, "u_near");
  program->u_light_dir = glGetUniformLocation (program->program, "u_light_dir");
  program->u_fog = glGetUniformLocation (program->program, "u_fog");
  program->u_fog_color = glGetUniformLocation (program->program, "u_fog_color");
  program->u_outline = glGetUniformLocation (program->program, "u_outline");
  program->u_select_color = glGetUniformLocation (program->program, "u_select_color");
  return TRUE;
}

static void
batch_init (Batch *batch)
{
  glGenVertexArrays (1, &batch->vao);
  glGenBuffers (1, &batch->instances);
  glGenBuffers (1, &batch->flags);
  batch->pick_ids = g_array_new (FALSE, FALSE, sizeof (guint32));
}

static void
batch_clear (Batch *batch)
{
  if (batch->vao != 0)
    glDeleteVertexArrays (1, &batch->vao);
  if (batch->instances != 0)
    glDeleteBuffers (1, &batch->instances);
  if (batch->flags != 0)
    glDeleteBuffers (1, &batch->flags);
  batch->vao = batch->instances = batch->flags = 0;
  g_clear_pointer (&batch->pick_ids, g_array_unref);
}

static void
setup_sphere_batch (PleatRenderer *self)
{
  static const float quad[4][2] = { { -1, -1 }, { 1, -1 }, { -1, 1 }, { 1, 1 } };
  const GLsizei stride = sizeof (PleatSphereInstance);

  glGenBuffers (1, &self->quad);
  glBindBuffer (GL_ARRAY_BUFFER, self->quad);
  glBufferData (GL_ARRAY_BUFFER, sizeof quad, quad, GL_STATIC_DRAW);

  batch_init (&self->spheres);
  glBindVertexArray (self->spheres.vao);
  glEnableVertexAttribArray (0);
  glVertexAttribPointer (0, 2, GL_FLOAT, GL_FALSE, 0, NULL);

  glBindBuffer (GL_ARRAY_BUFFER, self->spheres.instances);
  glEnableVertexAttribArray (1);
  glVertexAttribPointer (1, 4, GL_FLOAT, GL_FALSE, stride,
                         GSIZE_TO_POINTER (G_STRUCT_OFFSET (PleatSphereInstance, center)));
  glVertexAttribDivisor (1, 1);
  glEnableVertexAttribArray (2);
  glVertexAttribPointer (2, 4, GL_UNSIGNED_BYTE, GL_TRUE, stride,
                         GSIZE_TO_POINTER (G_STRUCT_OFFSET (PleatSphereInstance, color)));
  glVertexAttribDivisor (2, 1);

  glBindBuffer (GL_ARRAY_BUFFER, self->spheres.flags);
  glEnableVertexAttribArray (3);
  glVertexAttribIPointer (3, 1, GL_UNSIGNED_INT, sizeof (guint32), NULL);
  glVertexAttribDivisor (3, 1);
  glBindVertexArray (0);
}

static void
setup_cylinder_batch (PleatRenderer *self)
{
  const GLsizei stride = sizeof (PleatCylinderInstance);

  /* The same corner quad as the spheres', set up by setup_sphere_batch(). */
  batch_init (&self->cylinders);
  glBindVertexArray (self->cylinders.vao);
  glBindBuffer (GL_ARRAY_BUFFER, self->quad);
  glEnableVertexAttribArray (0);
  glVertexAttribPointer (0, 2, GL_FLOAT, GL_FALSE, 0, NULL);

  glBindBuffer (GL_ARRAY_BUFFER, self->cylinders.instances);
  glEnableVertexAttribArray (1);
  glVertexAttribPointer (1, 4, GL_FLOAT, GL_FALSE, stride,
                         GSIZE_TO_POINTER (G_STRUCT_OFFSET (PleatCylinderInstance, a)));
  glVertexAttribDivisor (1, 1);
  glEnableVertexAttribArray (2);
  glVertexAttribPointer (2, 3, GL_FLOAT, GL_FALSE, stride,
                         GSIZE_TO_POINTER (G_STRUCT_OFFSET (PleatCylinderInstance, b)));
  glVertexAttribDivisor (2, 1);
  glEnableVertexAttribArray (3);
  glVertexAttribPointer (3, 4, GL_UNSIGNED_BYTE, GL_TRUE, stride,
                         GSIZE_TO_POINTER (G_STRUCT_OFFSET (PleatCylinderInstance, color_a)));
  glVertexAttribDivisor (3, 1);
  glEnableVertexAttribArray (4);
  glVertexAttribPointer (4, 4, GL_UNSIGNED_BYTE, GL_TRUE, stride,
                         GSIZE_TO_POINTER (G_STRUCT_OFFSET (PleatCylinderInstance, color_b)));
  glVertexAttribDivisor (4, 1);

  glBindBuffer (GL_ARRAY_BUFFER, self->cylinders.flags);
  glEnableVertexAttribArray (5);
  glVertexAttribIPointer (5, 1, GL_UNSIGNED_INT, sizeof (guint32), NULL);
  glVertexAttribDivisor (5, 1);
  glBindVertexArray (0);
}

static void
setup_mesh_batch (PleatRenderer *self)
{
  const GLsizei stride = sizeof (PleatMeshVertex);

  batch_init (&self->mesh);
  glGenBuffers (1, &self->mesh_indices);
  glBindVertexArray (self->mesh.vao);

  glBindBuffer (GL_ARRAY_BUFFER, self->mesh.instances);
  glEnableVertexAttribArray (0);
  glVertexAttribPointer (0, 3, GL_FLOAT, GL_FALSE, stride,
                         GSIZE_TO_POINTER (G_STRUCT_OFFSET (PleatMeshVertex, position)));
  glEnableVertexAttribArray (1);
  glVertexAttribPointer (1, 3, GL_FLOAT, GL_FALSE, stride,
                         GSIZE_TO_POINTER (G_STRUCT_OFFSET (PleatMeshVertex, normal)));
  glEnableVertexAttribArray (2);
  glVertexAttribPointer (2, 4, GL_UNSIGNED_BYTE, GL_TRUE, stride,
                         GSIZE_TO_POINTER (G_STRUCT_OFFSET (PleatMeshVertex, color)));

  glBindBuffer (GL_ARRAY_BUFFER, self->mesh.flags);
  glEnableVertexAttribArray (3);
  glVertexAttribIPointer (3, 1, GL_UNSIGNED_INT, sizeof (guint32), NULL);

  /* The element buffer binding is part of the vertex array state. */
  glBindBuffer (GL_ELEMENT_ARRAY_BUFFER, self->mesh_indices);
  glBindVertexArray (0);
}

/**
 * pleat_renderer_new:
 * @use_es: whether the current context is GLES 3 rather than desktop GL 3.3 core
 * @error: return location for a #GError
 *
 * Compiles the shaders and creates the buffers in the current context.
 *
 * Returns: (transfer full) (nullable): the renderer, or %NULL with @error set
 */
PleatRenderer *
pleat_renderer_new (gboolean   use_es,
                    GError   **error)
{
  g_autoptr(PleatRenderer) self = g_new0 (PleatRenderer, 1);

  ensure_resources ();
  self->use_es = use_es;

  if (!program_init (&self->sphere_program, use_es, "sphere.vert", "sphere.frag", error) ||
      !program_init (&self->cylinder_program, use_es, "cylinder.vert", "cylinder.frag", error) ||
      !program_init (&self->mesh_program, use_es, "mesh.vert", "mesh.frag", error))
    return NULL;

  setup_sphere_batch (self);
  setup_cylinder_batch (self);
  setup_mesh_batch (self);
  glBindBuffer (GL_ARRAY_BUFFER, 0);

  return g_steal_pointer (&self);
}

/**
 * pleat_renderer_free:
 * @self: a #PleatRenderer
 *
 * Deletes every GL object; the context the renderer was created in must be current.
 */
void
pleat_renderer_free (PleatRenderer *self)
{
  if (self == NULL)
    return;

  if (self->sphere_program.program != 0)
    glDeleteProgram (self->sphere_program.program);
  if (self->cylinder_program.program != 0)
    glDeleteProgram (self->cylinder_program.program);
  if (self->mesh_program.program != 0)
    glDeleteProgram (self->mesh_program.program);
  if (self->quad != 0)
    glDeleteBuffers (1, &self->quad);
  if (self->mesh_indices != 0)
    glDeleteBuffers (1, &self->mesh_indices);
  batch_clear (&self->spheres);
  batch_clear (&self->cylinders);
  batch_clear (&self->mesh);
  if (self->scaled_fbo != 0)
    {
      glDeleteFramebuffers (1, &self->scaled_fbo);
      glDeleteRenderbuffers (2, self->scaled_renderbuffers);
    }
  g_free (self);
}

/* Uploads an instance array and resets its highlight flags; the pick ids sit at
 * id_offset within each element of element_size bytes. */
static void
batch_upload (Batch      *batch,
              const void *elements,
              guint       n_elements,
              gsize       element_size,
              gsize       id_offset)
{
  g_autofree guint32 *zeros = g_new0 (guint32, MAX (n_elements, 1));

  g_array_set_size (batch->pick_ids, n_elements);
  for (guint i = 0; i < n_elements; i++)
    {
      const guint8 *element = (const guint8 *) elements + i * element_size;

      memcpy (&g_array_index (batch->pick_ids, guint32, i), element + id_offset,
              sizeof (guint32));
    }

  glBindBuffer (GL_ARRAY_BUFFER, batch->instances);
  glBufferData (GL_ARRAY_BUFFER, (GLsizeiptr) (n_elements * element_size), elements,
                GL_STATIC_DRAW);
  glBindBuffer (GL_ARRAY_BUFFER, batch->flags);
  glBufferData (GL_ARRAY_BUFFER, (GLsizeiptr) (n_elements * sizeof (guint32)), zeros,
                GL_DYNAMIC_DRAW);
  glBindBuffer (GL_ARRAY_BUFFER, 0);
}

void
pleat_renderer_set_spheres (PleatRenderer             *self,
                            const PleatSphereInstance *spheres,
                            guint                      n_spheres)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (spheres != NULL || n_spheres == 0);

  batch_upload (&self->spheres, spheres, n_spheres, sizeof (PleatSphereInstance),
                G_STRUCT_OFFSET (PleatSphereInstance, pick_id));
}

void
pleat_renderer_set_cylinders (PleatRenderer               *self,
                              const PleatCylinderInstance *cylinders,
                              guint                        n_cylinders)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (cylinders != NULL || n_cylinders == 0);

  batch_upload (&self->cylinders, cylinders, n_cylinders, sizeof (PleatCylinderInstance),
                G_STRUCT_OFFSET (PleatCylinderInstance, pick_id));
}

void
pleat_renderer_set_mesh (PleatRenderer         *self,
                         const PleatMeshVertex *vertices,
                         guint                  n_vertices,
                         const guint32         *indices,
                         guint                  n_indices)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (vertices != NULL || n_vertices == 0);
  g_return_if_fail (indices != NULL || n_indices == 0);

  batch_upload (&self->mesh, vertices, n_vertices, sizeof (PleatMeshVertex),
                G_STRUCT_OFFSET (PleatMeshVertex, pick_id));
  /* Binding the vertex array first keeps the element binding where it belongs. */
  glBindVertexArray (self->mesh.vao);
  glBufferData (GL_ELEMENT_ARRAY_BUFFER, (GLsizeiptr) (n_indices * sizeof (guint32)), indices,
                GL_STATIC_DRAW);
  glBindVertexArray (0);
  self->n_mesh_indices = n_indices;
}

void
pleat_renderer_upload_scene (PleatRenderer *self,
                             PleatScene    *scene)
{
  const PleatSphereInstance *spheres;
  const PleatCylinderInstance *cylinders;
  const PleatMeshVertex *vertices;
  const guint32 *indices;
  guint n_spheres;
  guint n_cylinders;
  guint n_vertices;
  guint n_indices;

  g_return_if_fail (self != NULL);
  g_return_if_fail (PLEAT_IS_SCENE (scene));

  spheres = pleat_scene_get_spheres (scene, &n_spheres);
  cylinders = pleat_scene_get_cylinders (scene, &n_cylinders);
  vertices = pleat_scene_get_mesh (scene, &n_vertices, &indices, &n_indices);
  pleat_renderer_set_spheres (self, spheres, n_spheres);
  pleat_renderer_set_cylinders (self, cylinders, n_cylinders);
  pleat_renderer_set_mesh (self, vertices, n_vertices, indices, n_indices);
}

static void
batch_update_highlight (Batch              *batch,
                        PleatHighlightFunc  func,
                        gpointer            user_data)
{
  guint n = batch->pick_ids->len;
  g_autofree guint32 *flags = g_new0 (guint32, MAX (n, 1));

  if (func != NULL)
    for (guint i = 0; i < n; i++)
      flags[i] = func (g_array_index (batch->pick_ids, guint32, i), user_data);

  glBindBuffer (GL_ARRAY_BUFFER, batch->flags);
  glBufferSubData (GL_ARRAY_BUFFER, 0, (GLsizeiptr) (n * sizeof (guint32)), flags);
  glBindBuffer (GL_ARRAY_BUFFER, 0);
}

void
pleat_renderer_update_highlight (PleatRenderer      *self,
                                 PleatHighlightFunc  func,
                                 gpointer            user_data)
{
  g_return_if_fail (self != NULL);

  batch_update_highlight (&self->spheres, func, user_data);
  batch_update_highlight (&self->cylinders, func, user_data);
  batch_update_highlight (&self->mesh, func, user_data);
}

static void
program_use (const Program           *program,
             const PleatRenderParams *params)
{
  /* A headlight a little above and to the left of the eye. */
  vec3 light = { -0.3f, 0.4f, 1.0f };
  mat4 inverse_projection;
  /* The near plane of a GL perspective matrix: m[3][2] / (m[2][2] - 1). */
  float near = params->projection[14] / (params->projection[10] - 1.0f);

  glm_vec3_normalize (light);
  memcpy (inverse_projection, params->projection, sizeof inverse_projection);
  glm_mat4_inv (inverse_projection, inverse_projection);
  glUseProgram (program->program);
  glUniformMatrix4fv (program->u_view, 1, GL_FALSE, params->view);
  glUniformMatrix4fv (program->u_projection, 1, GL_FALSE, params->projection);
  glUniformMatrix4fv (program->u_inverse_projection, 1, GL_FALSE, (float *) inverse_projection);
  glUniform1f (program->u_near, near);
  glUniform3fv (program->u_light_dir, 1, light);
  glUniform4f (program->u_fog, params->fog_near, params->fog_far, params->fog_strength, 0.0f);
  glUniform3fv (program->u_fog_color, 1, params->background);
  glUniform1f (program->u_outline, params->outline);
  /* Magenta: no color scheme uses it, so selected residues stand out in every one. */
  glUniform3f (program->u_select_color, 1.0f, 0.15f, 0.85f);
}

static gboolean
check_gl_error (const char  *what,
                GError     **error)
{
  GLenum err = glGetError ();

  if (err == GL_NO_ERROR)
    return TRUE;

  /* Drain the remaining flags so the next check starts clean. */
  while (glGetError () != GL_NO_ERROR)
    ;
  g_set_error (error, PLEAT_RENDERER_ERROR, PLEAT_RENDERER_ERROR_GL,
               _("OpenGL error 0x%04x while %s"), err, what);
  return FALSE;
}

gboolean
pleat_renderer_draw (PleatRenderer            *self,
                     const PleatRenderParams  *params,
                     GError                  **error)
{
  const float *bg;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (params != NULL, FALSE);
  g_return_val_if_fail (params->width > 0 && params->height > 0, FALSE);

  bg = params->background;
  glViewport (0, 0, params->width, params->height);
  /* Premultiplied, which is how GTK composites the GL area. */
  glClearColor (bg[0] * bg[3], bg[1] * bg[3], bg[2] * bg[3], bg[3]);
  glDepthMask (GL_TRUE);
  glClear (GL_COLOR_BUFFER_BIT | GL_DEPTH_BUFFER_BIT);
  glEnable (GL_DEPTH_TEST);
  glDepthFunc (GL_LESS);
  glDisable (GL_BLEND);

  glDisable (GL_CULL_FACE);
  if (self->n_mesh_indices > 0)
    {
      program_use (&self->mesh_program, params);
      glBindVertexArray (self->mesh.vao);
      glDrawElements (GL_TRIANGLES, (GLsizei) self->n_mesh_indices, GL_UNSIGNED_INT, NULL);
    }

  if (self->cylinders.pick_ids->len > 0)
    {
      program_use (&self->cylinder_program, params);
      glBindVertexArray (self->cylinders.vao);
      glDrawArraysInstanced (GL_TRIANGLE_STRIP, 0, 4, (GLsizei) self->cylinders.pick_ids->len);
    }

  if (self->spheres.pick_ids->len > 0)
    {
      program_use (&self->sphere_program, params);
      glBindVertexArray (self->spheres.vao);
      glDrawArraysInstanced (GL_TRIANGLE_STRIP, 0, 4, (GLsizei) self->spheres.pick_ids->len);
    }

  glBindVertexArray (0);
  glUseProgram (0);

  return check_gl_error ("drawing the structure", error);
}

/* Creates (or resizes) an offscreen framebuffer with color and depth; leaves it bound. */
static gboolean
ensure_framebuffer (GLuint  *fbo,
                    GLuint   renderbuffers[2],
                    int      width,
                    int      height,
                    GError **error)
{
  if (*fbo == 0)
    {
      glGenFramebuffers (1, fbo);
      glGenRenderbuffers (2, renderbuffers);
    }
  glBindRenderbuffer (GL_RENDERBUFFER, renderbuffers[0]);
  glRenderbufferStorage (GL_RENDERBUFFER, GL_RGBA8, width, height);
  glBindRenderbuffer (GL_RENDERBUFFER, renderbuffers[1]);
  glRenderbufferStorage (GL_RENDERBUFFER, GL_DEPTH_COMPONENT24, width, height);
  glBindRenderbuffer (GL_RENDERBUFFER, 0);
  glBindFramebuffer (GL_FRAMEBUFFER, *fbo);
  glFramebufferRenderbuffer (GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER,
                             renderbuffers[0]);
  glFramebufferRenderbuffer (GL_FRAMEBUFFER, GL_DEPTH_ATTACHMENT, GL_RENDERBUFFER,
                             renderbuffers[1]);

  if (glCheckFramebufferStatus (GL_FRAMEBUFFER) != GL_FRAMEBUFFER_COMPLETE)
    {
      g_set_error (error, PLEAT_RENDERER_ERROR, PLEAT_RENDERER_ERROR_FRAMEBUFFER,
                   _("Could not create an offscreen framebuffer of %d × %d pixels"),
                   width, height);
      return FALSE;
    }
  return TRUE;
}

gboolean
pleat_renderer_draw_scaled (PleatRenderer            *self,
                            const PleatRenderParams  *params,
                            float                     scale,
                            GError                  **error)
{
  PleatRenderParams scaled;
  GLint target = 0;
  GLint max_size = 0;
  gboolean ok;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (params != NULL, FALSE);
  g_return_val_if_fail (scale > 0.0f, FALSE);

  scaled = *params;
  glGetIntegerv (GL_MAX_RENDERBUFFER_SIZE, &max_size);
  scaled.width = CLAMP ((int) (params->width * scale + 0.5f), 1, max_size);
  scaled.height = CLAMP ((int) (params->height * scale + 0.5f), 1, max_size);
  if (scaled.width == params->width && scaled.height == params->height)
    return pleat_renderer_draw (self, params, error);

  glGetIntegerv (GL_DRAW_FRAMEBUFFER_BINDING, &target);
  if (scaled.width != self->scaled_width || scaled.height != self->scaled_height)
    {
      if (!ensure_framebuffer (&self->scaled_fbo, self->scaled_renderbuffers, scaled.width,
                               scaled.height, error))
        {
          glBindFramebuffer (GL_FRAMEBUFFER, (GLuint) target);
          return FALSE;
        }
      self->scaled_width = scaled.width;
      self->scaled_height = scaled.height;
    }

  glBindFramebuffer (GL_FRAMEBUFFER, self->scaled_fbo);
  ok = pleat_renderer_draw (self, &scaled, error);

  /* Linear filtering: exactly a 2 x 2 box filter at scale 2, a smooth upscale below 1. */
  glBindFramebuffer (GL_READ_FRAMEBUFFER, self->scaled_fbo);
  glBindFramebuffer (GL_DRAW_FRAMEBUFFER, (GLuint) target);
  glBlitFramebuffer (0, 0, scaled.width, scaled.height, 0, 0, params->width, params->height,
                     GL_COLOR_BUFFER_BIT, GL_LINEAR);
  glBindFramebuffer (GL_FRAMEBUFFER, (GLuint) target);
  glViewport (0, 0, params->width, params->height);

  return ok && check_gl_error ("scaling the frame", error);
}

/* Restricts a projection to the tile [x, x + w) x [y, y + h) of a width x height image,
 * stretching that part of normalized device space to all of it. */
static void
tile_projection (const float  projection[16],
                 int          width,
                 int          height,
                 int          x,
                 int          y,
                 int          w,
                 int          h,
                 float        out[16])
{
  mat4 crop = GLM_MAT4_IDENTITY_INIT;
  mat4 proj;
  float cx = (2.0f * x + w) / width - 1.0f;
  float cy = (2.0f * y + h) / height - 1.0f;

  crop[0][0] = (float) width / w;
  crop[1][1] = (float) height / h;
  crop[3][0] = -cx * crop[0][0];
  crop[3][1] = -cy * crop[1][1];
  memcpy (proj, projection, sizeof proj);
  glm_mat4_mul (crop, proj, proj);
  memcpy (out, proj, sizeof proj);
}

/* Averages ss x ss blocks of a bottom-up tile into the top-down image, in premultiplied
 * alpha so that transparent background pixels do not darken the edges. */
static void
downsample_tile (const guint8 *tile,
                 int           tile_w,
                 int           tile_h,
                 guint         ss,
                 guint8       *image,
                 int           image_w,
                 int           image_h,
                 int           out_x,
                 int           out_y_bottom)
{
  int out_w = tile_w / (int) ss;
  int out_h = tile_h / (int) ss;

  for (int oy = 0; oy < out_h; oy++)
    {
      /* Image rows run top to bottom, GL rows bottom to top. */
      guint8 *row = image + (gsize) (image_h - 1 - (out_y_bottom + oy)) * image_w * 4;

      for (int ox = 0; ox < out_w; ox++)
        {
          guint sum[4] = { 0, 0, 0, 0 };
          guint8 *out = row + (gsize) (out_x + ox) * 4;

          for (guint sy = 0; sy < ss; sy++)
            for (guint sx = 0; sx < ss; sx++)
              {
                const guint8 *p = tile + ((gsize) (oy * ss + sy) * tile_w + ox * ss + sx) * 4;

                /* The framebuffer holds premultiplied color already. */
                for (guint c = 0; c < 4; c++)
                  sum[c] += p[c];
              }

          out[3] = (guint8) ((sum[3] + ss * ss / 2) / (ss * ss));
          for (guint c = 0; c < 3; c++)
            out[c] = sum[3] == 0 ? 0 : (guint8) MIN (255u, (sum[c] * 255 + sum[3] / 2) / sum[3]);
        }
    }
}

typedef struct
{
  GLint draw_fbo;
  GLint read_fbo;
  GLint viewport[4];
} SavedState;

static void
save_state (SavedState *saved)
{
  glGetIntegerv (GL_DRAW_FRAMEBUFFER_BINDING, &saved->draw_fbo);
  glGetIntegerv (GL_READ_FRAMEBUFFER_BINDING, &saved->read_fbo);
  glGetIntegerv (GL_VIEWPORT, saved->viewport);
}

static void
restore_state (const SavedState *saved)
{
  glBindFramebuffer (GL_DRAW_FRAMEBUFFER, (GLuint) saved->draw_fbo);
  glBindFramebuffer (GL_READ_FRAMEBUFFER, (GLuint) saved->read_fbo);
  glViewport (saved->viewport[0], saved->viewport[1], saved->viewport[2], saved->viewport[3]);
}

GBytes *
pleat_renderer_render_image (PleatRenderer            *self,
                             const PleatRenderParams  *params,
                             guint                     supersample,
                             GError                  **error)
{
  PleatRenderParams tile_params;
  SavedState saved;
  GLint max_renderbuffer = 0;
  GLint max_viewport[2] = { 0, 0 };
  GLuint fbo = 0;
  GLuint renderbuffers[2] = { 0, 0 };
  g_autofree guint8 *tile = NULL;
  guint8 *image = NULL;
  gsize image_size;
  gboolean ok = TRUE;
  int full_w;
  int full_h;
  int tile_size;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (params != NULL, NULL);
  g_return_val_if_fail (params->width > 0 && params->height > 0, NULL);
  g_return_val_if_fail (supersample >= 1 && supersample <= 4, NULL);

  if (params->width > MAX_IMAGE || params->height > MAX_IMAGE)
    {
      g_set_error (error, PLEAT_RENDERER_ERROR, PLEAT_RENDERER_ERROR_TOO_LARGE,
                   _("Images can be at most %d × %d pixels"), MAX_IMAGE, MAX_IMAGE);
      return NULL;
    }

  image_size = (gsize) params->width * params->height * 4;
  image = g_try_malloc0 (image_size);
  if (image == NULL)
    {
      g_set_error (error, PLEAT_RENDERER_ERROR, PLEAT_RENDERER_ERROR_TOO_LARGE,
                   _("Not enough memory for an image of %d × %d pixels"),
                   params->width, params->height);
      return NULL;
    }

  glGetIntegerv (GL_MAX_RENDERBUFFER_SIZE, &max_renderbuffer);
  glGetIntegerv (GL_MAX_VIEWPORT_DIMS, max_viewport);
  tile_size = MIN (MAX_TILE, MIN (max_renderbuffer, MIN (max_viewport[0], max_viewport[1])));
  tile_size -= tile_size % (int) supersample;
  full_w = params->width * (int) supersample;
  full_h = params->height * (int) supersample;

  save_state (&saved);
  ok = ensure_framebuffer (&fbo, renderbuffers, MIN (tile_size, full_w), MIN (tile_size, full_h),
                           error);

  tile = g_malloc ((gsize) MIN (tile_size, full_w) * MIN (tile_size, full_h) * 4);
  tile_params = *params;

  for (int y = 0; ok && y < full_h; y += tile_size)
    for (int x = 0; ok && x < full_w; x += tile_size)
      {
        int w = MIN (tile_size, full_w - x);
        int h = MIN (tile_size, full_h - y);

        tile_params.width = w;
        tile_params.height = h;
        tile_projection (params->projection, full_w, full_h, x, y, w, h,
                         tile_params.projection);
        ok = pleat_renderer_draw (self, &tile_params, error);
        if (ok)
          {
            glPixelStorei (GL_PACK_ALIGNMENT, 4);
            glReadPixels (0, 0, w, h, GL_RGBA, GL_UNSIGNED_BYTE, tile);
            ok = check_gl_error ("reading the offscreen image", error);
          }
        if (ok)
          downsample_tile (tile, w, h, supersample, image, params->width, params->height,
                           x / (int) supersample, y / (int) supersample);
      }

  restore_state (&saved);
  glDeleteFramebuffers (1, &fbo);
  glDeleteRenderbuffers (2, renderbuffers);

  if (!ok)
    {
      g_free (image);
      return NULL;
    }
  return g_bytes_new_take (image, image_size);
}
