/* pleat-structure-view.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pleat-ui"

#include "config.h"

#include <epoxy/gl.h>
#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include <cglm/cglm.h>

#include "pleat-structure-view-private.h"

G_DEFINE_FINAL_TYPE (PleatStructureView, pleat_structure_view, GTK_TYPE_GL_AREA)

enum {
  PROP_0,
  PROP_STRUCTURE,
  PROP_REPRESENTATION,
  PROP_COLOR_SCHEME,
  PROP_HOVER_TEXT,
  PROP_BUSY,
  PROP_N_SELECTED,
  PROP_SELECTION,
  PROP_SCENE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The viewer's look: a near-white background like the AlphaFold DB pages, into which far
 * atoms fade a little, and softly darkened silhouettes. */
static const float background[4] = { 0.98f, 0.98f, 0.98f, 1.0f };
#define FOG_STRENGTH 0.35f
/* Adaptive resolution: while the user turns or zooms, a frame that took longer than
 * SLOW_FRAME_MS at full resolution is drawn at half resolution; at rest, a frame cheaper than
 * CHEAP_FRAME_MS is drawn at twice the resolution (antialiased). */
#define SLOW_FRAME_MS   45.0
#define CHEAP_FRAME_MS  20.0
#define SETTLE_MS       250
/* Slower still (a full frame above LOD_FRAME_MS, or a half-resolution one above
 * LOD_HALF_FRAME_MS: under 20 frames per second), turning and zooming draw the C-alpha trace of
 * a large structure, built beside the full geometry; the full picture returns when the input
 * stops. */
#define LOD_FRAME_MS      100.0
#define LOD_HALF_FRAME_MS 50.0
#define LOD_MIN_RESIDUES 1500

/* An arrow key turns the structure as a drag of this many pixels does. */
#define KEY_TURN     24.0
#define OUTLINE      0.45f

static void
set_busy (PleatStructureView *self,
          gboolean            busy)
{
  if (self->busy == !!busy)
    return;
  self->busy = !!busy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

typedef struct
{
  PleatScene *scene;
  PleatScene *lod;        /* trace of a large structure for fast interaction, or NULL */
} BuildJob;

static void
build_job_free (BuildJob *job)
{
  g_clear_object (&job->scene);
  g_clear_object (&job->lod);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BuildJob, build_job_free)

static void
build_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  BuildJob *job = task_data;
  BuildJob *result = g_new0 (BuildJob, 1);

  /* The scenes are new and private to this build until they are handed back. */
  pleat_scene_build (job->scene);
  if (job->lod != NULL && !g_cancellable_is_cancelled (cancellable))
    pleat_scene_build (job->lod);
  result->scene = g_object_ref (job->scene);
  result->lod = job->lod != NULL ? g_object_ref (job->lod) : NULL;
  g_task_return_pointer (task, result, (GDestroyNotify) build_job_free);
}

static void
build_done_cb (GObject      *source_object,
               GAsyncResult *result,
               gpointer      user_data)
{
  PleatStructureView *self = PLEAT_STRUCTURE_VIEW (source_object);
  guint serial = GPOINTER_TO_UINT (user_data);
  g_autoptr(BuildJob) job = NULL;
  g_autoptr(GError) error = NULL;

  job = g_task_propagate_pointer (G_TASK (result), &error);
  /* A newer build (or dispose) cancelled this one: its result is stale. */
  if (job == NULL || serial != self->build_serial)
    return;

  g_set_object (&self->scene, job->scene);
  g_set_object (&self->lod_scene, job->lod);
  self->needs_upload = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCENE]);
  if (self->needs_fit)
    {
      self->needs_fit = FALSE;
      pleat_structure_view_fit (self);
    }
  set_busy (self, FALSE);
  _pleat_structure_view_update_hover (self);
  _pleat_structure_view_queue_highlight (self);
  gtk_gl_area_queue_render (GTK_GL_AREA (self));
}

static PleatScene *
new_scene (PleatStructureView  *self,
           PleatRepresentation  representation)
{
  PleatScene *scene = pleat_scene_new ();

  pleat_scene_add_structure (scene, self->structure);
  pleat_scene_set_representation (scene, representation);
  pleat_scene_set_color_scheme (scene, self->color_scheme);
  pleat_scene_set_pae_reference (scene, 0, self->pae_residue);
  return scene;
}

/* Builds the geometry for the current structure, representation and color scheme in a worker
 * thread, into a new scene: the one shown stays untouched (and drawable, pickable) until the
 * new one is ready. */
static void
queue_build (PleatStructureView *self)
{
  g_autoptr(GTask) task = NULL;
  BuildJob *job;

  g_cancellable_cancel (self->build_cancellable);
  g_clear_object (&self->build_cancellable);
  self->build_serial++;

  if (self->structure == NULL)
    {
      g_clear_object (&self->lod_scene);
      if (self->scene != NULL)
        {
          g_clear_object (&self->scene);
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCENE]);
        }
      self->needs_upload = TRUE;
      set_busy (self, FALSE);
      _pleat_structure_view_set_hover (self, -1);
      gtk_gl_area_queue_render (GTK_GL_AREA (self));
      return;
    }

  job = g_new0 (BuildJob, 1);
  job->scene = new_scene (self, self->representation);
  if (self->representation != PLEAT_REPRESENTATION_TRACE &&
      pleat_structure_get_n_residues (self->structure) >= LOD_MIN_RESIDUES)
    job->lod = new_scene (self, PLEAT_REPRESENTATION_TRACE);

  self->build_cancellable = g_cancellable_new ();
  task = g_task_new (self, self->build_cancellable, build_done_cb,
                     GUINT_TO_POINTER (self->build_serial));
  g_task_set_source_tag (task, queue_build);
  g_task_set_name (task, "[pleat] build scene");
  g_task_set_task_data (task, job, (GDestroyNotify) build_job_free);
  g_task_run_in_thread (task, build_thread);
  set_busy (self, TRUE);
}

static void
camera_params (PleatStructureView *self,
               const PleatCamera  *camera,
               int                 width,
               int                 height,
               PleatRenderParams  *params)
{
  mat4 view;
  float center[3] = { 0, 0, 0 };
  float radius = 0;

  memset (params, 0, sizeof *params);
  pleat_camera_get_view (camera, params->view);
  pleat_camera_get_projection (camera, params->projection);
  params->width = width;
  params->height = height;
  memcpy (params->background, background, sizeof background);
  params->outline = OUTLINE;

  /* Depth cue from just before the middle of the structure to its far side. */
  if (self->scene != NULL)
    {
      vec4 eye;

      pleat_scene_get_bounds (self->scene, center, &radius);
      memcpy (view, params->view, sizeof view);
      glm_mat4_mulv (view, (vec4) { center[0], center[1], center[2], 1.0f }, eye);
      params->fog_near = -eye[2] - 0.2f * radius;
      params->fog_far = -eye[2] + radius;
      params->fog_strength = FOG_STRENGTH;
    }
}

static guint
highlight_cb (guint32  pick_id,
              gpointer user_data)
{
  PleatStructureView *self = user_data;
  const PleatAtom *atoms;
  guint atom = pleat_scene_pick_id_get_atom (pick_id);
  guint n_atoms;
  guint flags = PLEAT_HIGHLIGHT_NONE;
  guint residue;

  /* One structure per view: the structure bits of the pick id are always 0. */
  atoms = pleat_structure_get_atoms (self->structure, &n_atoms);
  if (atom >= n_atoms)
    return flags;

  residue = atoms[atom].residue;
  if (self->selected_mask != NULL && self->selected_mask[residue])
    flags |= PLEAT_HIGHLIGHT_SELECTED;
  if ((gint) residue == self->hover_residue && self->frame_ms < HOVER_REDRAW_FRAME_MS)
    flags |= PLEAT_HIGHLIGHT_HOVERED;
  return flags;
}

static void
upload (PleatRenderer *renderer,
        PleatScene    *scene)
{
  if (scene != NULL)
    pleat_renderer_upload_scene (renderer, scene);
  else
    {
      pleat_renderer_set_spheres (renderer, NULL, 0);
      pleat_renderer_set_cylinders (renderer, NULL, 0);
      pleat_renderer_set_mesh (renderer, NULL, 0, NULL, 0);
    }
}

/* Brings the renderers' buffers up to date; the GL context must be current. */
static gboolean
sync_renderer (PleatStructureView  *self,
               GError             **error)
{
  if (self->needs_upload)
    {
      upload (self->renderer, self->scene);
      if (self->lod_scene != NULL && self->lod_renderer == NULL)
        {
          self->lod_renderer = pleat_renderer_new (self->use_es, error);
          if (self->lod_renderer == NULL)
            return FALSE;
        }
      if (self->lod_renderer != NULL)
        upload (self->lod_renderer, self->lod_scene);
      self->needs_upload = FALSE;
      self->needs_highlight = TRUE;
    }

  if (self->needs_highlight)
    {
      gboolean any = self->selected_mask != NULL || self->hover_residue >= 0;
      PleatHighlightFunc func = any && self->structure != NULL ? highlight_cb : NULL;

      pleat_renderer_update_highlight (self->renderer, func, self);
      if (self->lod_renderer != NULL && self->lod_scene != NULL)
        pleat_renderer_update_highlight (self->lod_renderer, func, self);
      self->needs_highlight = FALSE;
    }
  return TRUE;
}

static void
pleat_structure_view_realize (GtkWidget *widget)
{
  PleatStructureView *self = PLEAT_STRUCTURE_VIEW (widget);
  GtkGLArea *area = GTK_GL_AREA (widget);
  g_autoptr(GError) error = NULL;
  GdkGLContext *context;
  gboolean use_es;
  int major;
  int minor;

  GTK_WIDGET_CLASS (pleat_structure_view_parent_class)->realize (widget);

  gtk_gl_area_make_current (area);
  if (gtk_gl_area_get_error (area) != NULL)
    return;

  context = gtk_gl_area_get_context (area);
  use_es = gdk_gl_context_get_use_es (context);
  gdk_gl_context_get_version (context, &major, &minor);
  g_debug ("GL context: %s %d.%d, %s", use_es ? "OpenGL ES" : "OpenGL", major, minor,
           (const char *) glGetString (GL_RENDERER));

  if (use_es ? major < 3 : (major < 3 || (major == 3 && minor < 3)))
    {
      g_autoptr(GError) version_error =
        g_error_new (PLEAT_RENDERER_ERROR, PLEAT_RENDERER_ERROR_GL,
                     _("The structure viewer needs OpenGL 3.3 or OpenGL ES 3.0; "
                       "this system offers %s %d.%d"),
                     use_es ? "OpenGL ES" : "OpenGL", major, minor);

      gtk_gl_area_set_error (area, version_error);
      return;
    }

  self->use_es = use_es;
  self->renderer = pleat_renderer_new (use_es, &error);
  if (self->renderer == NULL)
    {
      gtk_gl_area_set_error (area, error);
      return;
    }

  /* A new context has none of the old buffers. */
  self->needs_upload = TRUE;
}

static void
pleat_structure_view_unrealize (GtkWidget *widget)
{
  PleatStructureView *self = PLEAT_STRUCTURE_VIEW (widget);
  GtkGLArea *area = GTK_GL_AREA (widget);

  if (self->renderer != NULL)
    {
      gtk_gl_area_make_current (area);
      /* Without a usable context the GL names are gone with it; free the memory only. */
      if (gtk_gl_area_get_error (area) == NULL)
        {
          g_clear_pointer (&self->renderer, pleat_renderer_free);
          g_clear_pointer (&self->lod_renderer, pleat_renderer_free);
        }
      else
        {
          g_clear_pointer (&self->renderer, g_free);
          g_clear_pointer (&self->lod_renderer, g_free);
        }
    }

  GTK_WIDGET_CLASS (pleat_structure_view_parent_class)->unrealize (widget);
}

static gboolean
settle_cb (gpointer user_data)
{
  PleatStructureView *self = user_data;

  self->settle_source = 0;
  gtk_gl_area_queue_render (GTK_GL_AREA (self));
  return G_SOURCE_REMOVE;
}

void
_pleat_structure_view_interacted (PleatStructureView *self)
{
  self->last_interaction = g_get_monotonic_time ();
  g_clear_handle_id (&self->settle_source, g_source_remove);
  self->settle_source = g_timeout_add (SETTLE_MS, settle_cb, self);
  gtk_gl_area_queue_render (GTK_GL_AREA (self));
}

static gboolean
interacting (PleatStructureView *self)
{
  return g_get_monotonic_time () - self->last_interaction < SETTLE_MS * (gint64) 1000;
}

static float
choose_scale (PleatStructureView *self)
{
  if (self->frame_ms <= 0)
    return 1.0f;
  if (interacting (self))
    return self->frame_ms > SLOW_FRAME_MS ? 0.5f : 1.0f;
  /* Hysteresis: a frame cost near the threshold must not flip antialiasing on and off. */
  if (self->rest_antialiased)
    self->rest_antialiased = self->frame_ms < 2 * CHEAP_FRAME_MS;
  else
    self->rest_antialiased = self->frame_ms < CHEAP_FRAME_MS;
  return self->rest_antialiased ? 2.0f : 1.0f;
}

static gboolean
pleat_structure_view_render (GtkGLArea    *area,
                             GdkGLContext *context)
{
  PleatStructureView *self = PLEAT_STRUCTURE_VIEW (area);
  g_autoptr(GError) error = NULL;
  PleatRenderParams params;
  int scale_factor = gtk_widget_get_scale_factor (GTK_WIDGET (area));
  int width = gtk_widget_get_width (GTK_WIDGET (area)) * scale_factor;
  int height = gtk_widget_get_height (GTK_WIDGET (area)) * scale_factor;
  gboolean upload = self->needs_upload;
  float scale;
  gint64 start;
  double ms;

  if (gtk_gl_area_get_error (area) != NULL || self->renderer == NULL)
    return FALSE;
  if (width <= 0 || height <= 0)
    return TRUE;

  if (!sync_renderer (self, &error))
    {
      gtk_gl_area_set_error (area, error);
      return FALSE;
    }
  if (upload)
    {
      self->frame_ms = 0;
      self->half_frame_ms = 0;
      self->rest_antialiased = FALSE;
    }
  camera_params (self, &self->camera, width, height, &params);

  if (interacting (self) && self->lod_renderer != NULL && self->lod_scene != NULL &&
      (self->frame_ms > LOD_FRAME_MS || self->half_frame_ms > LOD_HALF_FRAME_MS))
    {
      /* The trace stands in while the camera moves; its cost is not the full picture's. */
      if (!pleat_renderer_draw (self->lod_renderer, &params, &error))
        {
          gtk_gl_area_set_error (area, error);
          return FALSE;
        }
      return TRUE;
    }

  scale = choose_scale (self);
  start = g_get_monotonic_time ();
  if (!pleat_renderer_draw_scaled (self->renderer, &params, scale, &error))
    {
      gtk_gl_area_set_error (area, error);
      return FALSE;
    }
  /* GTK composites the frame right after; waiting here costs nothing and measures it. */
  glFinish ();
  ms = (g_get_monotonic_time () - start) / 1000.0;

  /* Full-resolution cost; a supersampled frame shades four times the pixels. */
  if (scale == 1.0f)
    {
      gboolean was_unknown = self->frame_ms <= 0;

      self->frame_ms = ms;
      /* Cheap enough for antialiasing: redraw at rest quality now. */
      if (was_unknown && choose_scale (self) > 1.0f)
        gtk_gl_area_queue_render (area);
    }
  else if (scale > 1.0f)
    self->frame_ms = ms / (scale * scale);
  else
    self->half_frame_ms = ms;
  return TRUE;
}

static void
pleat_structure_view_resize (GtkGLArea *area,
                             int        width,
                             int        height)
{
  PleatStructureView *self = PLEAT_STRUCTURE_VIEW (area);
  int scale = gtk_widget_get_scale_factor (GTK_WIDGET (area));

  /* The camera works in widget coordinates, where the pointer events arrive. */
  pleat_camera_set_viewport (&self->camera, width / scale, height / scale);
  if (self->needs_fit && self->scene != NULL)
    {
      self->needs_fit = FALSE;
      pleat_structure_view_fit (self);
    }
}

static void
pleat_structure_view_dispose (GObject *object)
{
  PleatStructureView *self = (PleatStructureView *) object;

  g_cancellable_cancel (self->build_cancellable);
  g_clear_object (&self->build_cancellable);
  g_clear_handle_id (&self->settle_source, g_source_remove);
  _pleat_structure_view_dispose_input (self);
  g_clear_signal_handler (&self->selection_changed_id, self->selection);
  g_clear_signal_handler (&self->hover_changed_id, self->selection);
  g_clear_object (&self->selection);
  g_clear_object (&self->scene);
  g_clear_object (&self->lod_scene);
  g_clear_object (&self->structure);

  G_OBJECT_CLASS (pleat_structure_view_parent_class)->dispose (object);
}

static void
pleat_structure_view_finalize (GObject *object)
{
  PleatStructureView *self = (PleatStructureView *) object;

  g_clear_pointer (&self->selected_mask, g_free);
  g_clear_pointer (&self->hover_text, g_free);

  G_OBJECT_CLASS (pleat_structure_view_parent_class)->finalize (object);
}

static void
pleat_structure_view_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  PleatStructureView *self = PLEAT_STRUCTURE_VIEW (object);

  switch (prop_id)
    {
    case PROP_STRUCTURE:
      g_value_set_object (value, self->structure);
      break;
    case PROP_REPRESENTATION:
      g_value_set_enum (value, self->representation);
      break;
    case PROP_COLOR_SCHEME:
      g_value_set_enum (value, self->color_scheme);
      break;
    case PROP_HOVER_TEXT:
      g_value_set_string (value, self->hover_text);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    case PROP_N_SELECTED:
      g_value_set_uint (value, pleat_structure_view_get_n_selected (self));
      break;
    case PROP_SELECTION:
      g_value_set_object (value, self->selection);
      break;
    case PROP_SCENE:
      g_value_set_object (value, self->scene);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pleat_structure_view_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  PleatStructureView *self = PLEAT_STRUCTURE_VIEW (object);

  switch (prop_id)
    {
    case PROP_STRUCTURE:
      pleat_structure_view_set_structure (self, g_value_get_object (value));
      break;
    case PROP_REPRESENTATION:
      pleat_structure_view_set_representation (self, g_value_get_enum (value));
      break;
    case PROP_COLOR_SCHEME:
      pleat_structure_view_set_color_scheme (self, g_value_get_enum (value));
      break;
    case PROP_SELECTION:
      pleat_structure_view_set_selection (self, g_value_get_object (value));
      break;
    case PROP_HOVER_TEXT:
    case PROP_BUSY:
    case PROP_N_SELECTED:
    case PROP_SCENE:
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fit_action_cb (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  pleat_structure_view_fit (PLEAT_STRUCTURE_VIEW (widget));
}

static void
reset_action_cb (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  pleat_structure_view_reset (PLEAT_STRUCTURE_VIEW (widget));
}

static void
center_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  pleat_structure_view_center_on_selection (PLEAT_STRUCTURE_VIEW (widget));
}

static void
turn_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  double dx;
  double dy;

  g_variant_get (parameter, "(dd)", &dx, &dy);
  pleat_structure_view_turn (PLEAT_STRUCTURE_VIEW (widget), dx, dy);
}

static void
clear_selection_action_cb (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  pleat_structure_view_clear_selection (PLEAT_STRUCTURE_VIEW (widget));
}

static void
pleat_structure_view_class_init (PleatStructureViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkGLAreaClass *area_class = GTK_GL_AREA_CLASS (klass);

  object_class->dispose = pleat_structure_view_dispose;
  object_class->finalize = pleat_structure_view_finalize;
  object_class->get_property = pleat_structure_view_get_property;
  object_class->set_property = pleat_structure_view_set_property;

  widget_class->realize = pleat_structure_view_realize;
  widget_class->unrealize = pleat_structure_view_unrealize;

  area_class->render = pleat_structure_view_render;
  area_class->resize = pleat_structure_view_resize;

  properties[PROP_STRUCTURE] =
    g_param_spec_object ("structure", NULL, NULL, PLEAT_TYPE_STRUCTURE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REPRESENTATION] =
    g_param_spec_enum ("representation", NULL, NULL, PLEAT_TYPE_REPRESENTATION,
                       PLEAT_REPRESENTATION_CARTOON,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COLOR_SCHEME] =
    g_param_spec_enum ("color-scheme", NULL, NULL, PLEAT_TYPE_COLOR_SCHEME,
                       PLEAT_COLOR_SCHEME_PLDDT,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HOVER_TEXT] =
    g_param_spec_string ("hover-text", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_SELECTED] =
    g_param_spec_uint ("n-selected", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTION] =
    g_param_spec_object ("selection", NULL, NULL, PLEAT_TYPE_SELECTION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SCENE] =
    g_param_spec_object ("scene", NULL, NULL, PLEAT_TYPE_SCENE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "view.fit", NULL, fit_action_cb);
  gtk_widget_class_install_action (widget_class, "view.reset", NULL, reset_action_cb);
  gtk_widget_class_install_action (widget_class, "view.center-selection", NULL,
                                   center_action_cb);
  gtk_widget_class_install_action (widget_class, "view.clear-selection", NULL,
                                   clear_selection_action_cb);
  gtk_widget_class_install_action (widget_class, "view.turn", "(dd)", turn_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Home, 0, "view.fit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, 0, "view.fit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, 0, "view.reset", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, 0, "view.center-selection",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0,
                                       "view.clear-selection", NULL);
  /* The arrow keys turn the structure, for people who cannot drag. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, 0, "view.turn", "(dd)",
                                       -KEY_TURN, 0.0);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, 0, "view.turn", "(dd)",
                                       KEY_TURN, 0.0);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, 0, "view.turn", "(dd)",
                                       0.0, -KEY_TURN);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, 0, "view.turn", "(dd)",
                                       0.0, KEY_TURN);

  gtk_widget_class_set_css_name (widget_class, "structureview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
pleat_structure_view_init (PleatStructureView *self)
{
  pleat_camera_init (&self->camera);
  self->hover_residue = -1;
  self->pae_residue = -1;
  self->representation = PLEAT_REPRESENTATION_CARTOON;
  self->color_scheme = PLEAT_COLOR_SCHEME_PLDDT;

  gtk_gl_area_set_has_depth_buffer (GTK_GL_AREA (self), TRUE);
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_focus_on_click (GTK_WIDGET (self), TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Structure view"),
                                  -1);

  _pleat_structure_view_init_input (self);
  pleat_structure_view_set_selection (self, NULL);
}

GtkWidget *
pleat_structure_view_new (void)
{
  return g_object_new (PLEAT_TYPE_STRUCTURE_VIEW, NULL);
}

PleatStructure *
pleat_structure_view_get_structure (PleatStructureView *self)
{
  g_return_val_if_fail (PLEAT_IS_STRUCTURE_VIEW (self), NULL);

  return self->structure;
}

void
pleat_structure_view_set_structure (PleatStructureView *self,
                                    PleatStructure     *structure)
{
  g_return_if_fail (PLEAT_IS_STRUCTURE_VIEW (self));
  g_return_if_fail (structure == NULL || PLEAT_IS_STRUCTURE (structure));

  if (!g_set_object (&self->structure, structure))
    return;

  self->pae_residue = -1;
  _pleat_structure_view_set_hover (self, -1);
  _pleat_structure_view_selection_changed (self);
  self->needs_fit = TRUE;
  queue_build (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STRUCTURE]);
}

void
pleat_structure_view_replace_structure (PleatStructureView *self,
                                        PleatStructure     *structure)
{
  gboolean keep_camera;

  g_return_if_fail (PLEAT_IS_STRUCTURE_VIEW (self));
  g_return_if_fail (PLEAT_IS_STRUCTURE (structure));

  /* A fit still pending (the first structure is not built yet) must still happen. */
  keep_camera = self->structure != NULL && !self->needs_fit;
  pleat_structure_view_set_structure (self, structure);
  if (keep_camera)
    self->needs_fit = FALSE;
}

PleatRepresentation
pleat_structure_view_get_representation (PleatStructureView *self)
{
  g_return_val_if_fail (PLEAT_IS_STRUCTURE_VIEW (self), PLEAT_REPRESENTATION_CARTOON);

  return self->representation;
}

void
pleat_structure_view_set_representation (PleatStructureView  *self,
                                         PleatRepresentation  representation)
{
  g_return_if_fail (PLEAT_IS_STRUCTURE_VIEW (self));

  if (self->representation == representation)
    return;
  self->representation = representation;
  queue_build (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REPRESENTATION]);
}

PleatColorScheme
pleat_structure_view_get_color_scheme (PleatStructureView *self)
{
  g_return_val_if_fail (PLEAT_IS_STRUCTURE_VIEW (self), PLEAT_COLOR_SCHEME_PLDDT);

  return self->color_scheme;
}

void
pleat_structure_view_set_color_scheme (PleatStructureView *self,
                                       PleatColorScheme    scheme)
{
  g_return_if_fail (PLEAT_IS_STRUCTURE_VIEW (self));

  if (self->color_scheme == scheme)
    return;
  self->color_scheme = scheme;
  queue_build (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COLOR_SCHEME]);
}

const char *
pleat_structure_view_get_hover_text (PleatStructureView *self)
{
  g_return_val_if_fail (PLEAT_IS_STRUCTURE_VIEW (self), NULL);

  return self->hover_text;
}

gboolean
pleat_structure_view_get_busy (PleatStructureView *self)
{
  g_return_val_if_fail (PLEAT_IS_STRUCTURE_VIEW (self), FALSE);

  return self->busy;
}

PleatScene *
pleat_structure_view_get_scene (PleatStructureView *self)
{
  g_return_val_if_fail (PLEAT_IS_STRUCTURE_VIEW (self), NULL);

  return self->scene;
}

void
pleat_structure_view_fit (PleatStructureView *self)
{
  float center[3];
  float radius;

  g_return_if_fail (PLEAT_IS_STRUCTURE_VIEW (self));

  if (self->scene == NULL)
    return;
  pleat_scene_get_bounds (self->scene, center, &radius);
  pleat_camera_fit (&self->camera, center, radius);
  gtk_gl_area_queue_render (GTK_GL_AREA (self));
}

void
pleat_structure_view_reset (PleatStructureView *self)
{
  g_return_if_fail (PLEAT_IS_STRUCTURE_VIEW (self));

  pleat_camera_reset_rotation (&self->camera);
  pleat_structure_view_fit (self);
}

void
pleat_structure_view_turn (PleatStructureView *self,
                           double              dx,
                           double              dy)
{
  float x = self->camera.width / 2.0f;
  float y = self->camera.height / 2.0f;

  g_return_if_fail (PLEAT_IS_STRUCTURE_VIEW (self));

  pleat_camera_arcball (&self->camera, x, y, x + (float) dx, y + (float) dy);
  _pleat_structure_view_interacted (self);
}

void
pleat_structure_view_center_on_selection (PleatStructureView *self)
{
  const PleatResidue *residues;
  const PleatAtom *atoms;
  g_autofree guint *selected = NULL;
  double sum[3] = { 0, 0, 0 };
  guint n_selected = 0;
  guint n = 0;

  g_return_if_fail (PLEAT_IS_STRUCTURE_VIEW (self));

  if (self->structure == NULL)
    return;
  selected = pleat_selection_dup_residues (self->selection, self->structure, &n_selected);
  if (n_selected == 0)
    return;

  residues = pleat_structure_get_residues (self->structure, NULL);
  atoms = pleat_structure_get_atoms (self->structure, NULL);
  for (guint k = 0; k < n_selected; k++)
    {
      const PleatResidue *residue = &residues[selected[k]];

      for (guint i = residue->first_atom; i < residue->first_atom + residue->n_atoms; i++)
        {
          sum[0] += atoms[i].x;
          sum[1] += atoms[i].y;
          sum[2] += atoms[i].z;
          n++;
        }
    }
  if (n == 0)
    return;

  pleat_camera_center_on (&self->camera,
                          (float[3]) { sum[0] / n, sum[1] / n, sum[2] / n });
  gtk_gl_area_queue_render (GTK_GL_AREA (self));
}

/* The selection changed here or in another view: snapshot it for the highlight pass. */
void
_pleat_structure_view_selection_changed (PleatStructureView *self)
{
  g_autofree guint *selected = NULL;
  guint n_selected = 0;

  g_clear_pointer (&self->selected_mask, g_free);
  if (self->structure != NULL)
    selected = pleat_selection_dup_residues (self->selection, self->structure, &n_selected);
  if (n_selected > 0)
    {
      self->selected_mask = g_new0 (guint8, pleat_structure_get_n_residues (self->structure));
      for (guint k = 0; k < n_selected; k++)
        self->selected_mask[selected[k]] = 1;
    }
  _pleat_structure_view_queue_highlight (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_SELECTED]);
}

static void
selection_changed_cb (PleatSelection     *selection,
                      PleatStructureView *self)
{
  _pleat_structure_view_selection_changed (self);
}

static void
hover_changed_cb (PleatSelection     *selection,
                  PleatStructureView *self)
{
  guint residue = 0;
  PleatStructure *structure = pleat_selection_get_hover (selection, &residue);

  _pleat_structure_view_show_hover (self, structure != NULL && structure == self->structure
                                          ? (gint) residue : -1);
}

PleatSelection *
pleat_structure_view_get_selection (PleatStructureView *self)
{
  g_return_val_if_fail (PLEAT_IS_STRUCTURE_VIEW (self), NULL);

  return self->selection;
}

void
pleat_structure_view_set_selection (PleatStructureView *self,
                                    PleatSelection     *selection)
{
  g_autoptr(PleatSelection) own = NULL;

  g_return_if_fail (PLEAT_IS_STRUCTURE_VIEW (self));
  g_return_if_fail (selection == NULL || PLEAT_IS_SELECTION (selection));

  /* Never without one: a view on its own keeps a private selection. */
  if (selection == NULL)
    selection = own = pleat_selection_new ();
  if (self->selection == selection)
    return;

  if (self->selection != NULL)
    {
      g_clear_signal_handler (&self->selection_changed_id, self->selection);
      g_clear_signal_handler (&self->hover_changed_id, self->selection);
    }
  g_set_object (&self->selection, selection);
  self->selection_changed_id = g_signal_connect (selection, "changed",
                                                 G_CALLBACK (selection_changed_cb), self);
  self->hover_changed_id = g_signal_connect (selection, "hover-changed",
                                             G_CALLBACK (hover_changed_cb), self);
  _pleat_structure_view_selection_changed (self);
  hover_changed_cb (selection, self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTION]);
}

void
pleat_structure_view_select_residue (PleatStructureView *self,
                                     guint               residue,
                                     gboolean            extend)
{
  g_return_if_fail (PLEAT_IS_STRUCTURE_VIEW (self));
  g_return_if_fail (self->structure != NULL);
  g_return_if_fail (residue < pleat_structure_get_n_residues (self->structure));

  if (extend)
    pleat_selection_toggle (self->selection, self->structure, residue);
  else
    pleat_selection_set_residues (self->selection, self->structure, &residue, 1);
}

void
pleat_structure_view_clear_selection (PleatStructureView *self)
{
  g_return_if_fail (PLEAT_IS_STRUCTURE_VIEW (self));

  pleat_selection_clear (self->selection);
}

gboolean
pleat_structure_view_is_residue_selected (PleatStructureView *self,
                                          guint               residue)
{
  g_return_val_if_fail (PLEAT_IS_STRUCTURE_VIEW (self), FALSE);

  return self->structure != NULL &&
         pleat_selection_contains (self->selection, self->structure, residue);
}

guint
pleat_structure_view_get_n_selected (PleatStructureView *self)
{
  g_return_val_if_fail (PLEAT_IS_STRUCTURE_VIEW (self), 0);

  if (self->structure == NULL || self->selection == NULL)
    return 0;
  return pleat_selection_get_n_selected (self->selection, self->structure);
}

void
_pleat_structure_view_click_residue (PleatStructureView *self,
                                     gint                residue,
                                     gboolean            extend)
{
  if (residue < 0)
    {
      if (!extend)
        pleat_structure_view_clear_selection (self);
      return;
    }

  pleat_structure_view_select_residue (self, residue, extend);
  /* PAE coloring is relative to the residue clicked last. */
  if (self->color_scheme == PLEAT_COLOR_SCHEME_PAE && self->pae_residue != residue)
    {
      self->pae_residue = residue;
      queue_build (self);
    }
}

gboolean
pleat_structure_view_project_atom (PleatStructureView *self,
                                   guint               atom,
                                   double             *x,
                                   double             *y)
{
  const PleatAtom *atoms;
  guint n_atoms;
  float px;
  float py;

  g_return_val_if_fail (PLEAT_IS_STRUCTURE_VIEW (self), FALSE);

  if (self->structure == NULL || self->scene == NULL)
    return FALSE;
  atoms = pleat_structure_get_atoms (self->structure, &n_atoms);
  g_return_val_if_fail (atom < n_atoms, FALSE);

  if (!pleat_camera_project (&self->camera, (float[3]) { atoms[atom].x, atoms[atom].y,
                                                         atoms[atom].z }, &px, &py))
    return FALSE;
  *x = px;
  *y = py;
  return TRUE;
}

void
_pleat_structure_view_queue_highlight (PleatStructureView *self)
{
  self->needs_highlight = TRUE;
  gtk_gl_area_queue_render (GTK_GL_AREA (self));
}

void
_pleat_structure_view_notify_hover_text (PleatStructureView *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HOVER_TEXT]);
}

static GBytes *
render_image (PleatStructureView  *self,
              int                  width,
              int                  height,
              gboolean             transparent,
              GError             **error)
{
  GtkGLArea *area = GTK_GL_AREA (self);
  PleatRenderParams params;
  PleatCamera camera = self->camera;
  /* Four samples per pixel unless that would take hundreds of megabytes. */
  guint supersample = (gsize) width * height <= 4096 * 4096 ? 2 : 1;
  GBytes *bytes;

  if (self->renderer == NULL)
    {
      const GError *gl_error = gtk_gl_area_get_error (area);

      if (gl_error != NULL)
        g_propagate_error (error, g_error_copy (gl_error));
      else
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                     _("The structure view is not shown yet"));
      return NULL;
    }

  gtk_gl_area_make_current (area);
  if (!sync_renderer (self, error))
    return NULL;

  /* Same camera, the image's aspect ratio. */
  pleat_camera_set_viewport (&camera, width, height);
  camera_params (self, &camera, width, height, &params);
  if (transparent)
    {
      params.background[3] = 0.0f;
      params.fog_strength = 0.0f;
    }

  bytes = pleat_renderer_render_image (self->renderer, &params, supersample, error);
  return bytes;
}

GdkTexture *
pleat_structure_view_render_texture (PleatStructureView  *self,
                                     int                  width,
                                     int                  height,
                                     gboolean             transparent,
                                     GError             **error)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (PLEAT_IS_STRUCTURE_VIEW (self), NULL);
  g_return_val_if_fail (width > 0 && height > 0, NULL);

  bytes = render_image (self, width, height, transparent, error);
  if (bytes == NULL)
    return NULL;
  return gdk_memory_texture_new (width, height, GDK_MEMORY_R8G8B8A8, bytes, (gsize) width * 4);
}

typedef struct
{
  GFile  *file;
  GBytes *pixels;
  int     width;
  int     height;
} ExportData;

static void
export_data_free (ExportData *data)
{
  g_clear_object (&data->file);
  g_clear_pointer (&data->pixels, g_bytes_unref);
  g_free (data);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportData *data = task_data;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *png = NULL;
  gsize png_size = 0;

  pixbuf = gdk_pixbuf_new_from_bytes (data->pixels, GDK_COLORSPACE_RGB, TRUE, 8,
                                      data->width, data->height, data->width * 4);
  if (!gdk_pixbuf_save_to_buffer (pixbuf, &png, &png_size, "png", &error, NULL) ||
      !g_file_replace_contents (data->file, png, png_size, NULL, FALSE,
                                G_FILE_CREATE_REPLACE_DESTINATION, NULL, cancellable, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_boolean (task, TRUE);
}

void
pleat_structure_view_export_png_async (PleatStructureView  *self,
                                       GFile               *file,
                                       int                  width,
                                       int                  height,
                                       gboolean             transparent,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  ExportData *data;
  GBytes *pixels;

  g_return_if_fail (PLEAT_IS_STRUCTURE_VIEW (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (width > 0 && height > 0);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pleat_structure_view_export_png_async);

  /* Drawing needs the GL context, so it happens here; encoding and writing do not. */
  pixels = render_image (self, width, height, transparent, &error);
  if (pixels == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  data = g_new0 (ExportData, 1);
  data->file = g_object_ref (file);
  data->pixels = pixels;
  data->width = width;
  data->height = height;
  g_task_set_task_data (task, data, (GDestroyNotify) export_data_free);
  g_task_run_in_thread (task, export_thread);
}

gboolean
pleat_structure_view_export_png_finish (PleatStructureView  *self,
                                        GAsyncResult        *result,
                                        GError             **error)
{
  g_return_val_if_fail (PLEAT_IS_STRUCTURE_VIEW (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
