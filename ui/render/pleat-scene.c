/* pleat-scene.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Threading: the setters run on the main thread, pleat_scene_build() may run on a worker. A
 * mutex guards the inputs (structures, representation, scheme, PAE reference, a snapshot of the
 * selection) and the generation counter that every change bumps. A build copies the inputs under
 * the lock, computes without it into fresh arrays, and swaps them in under the lock; the arrays
 * returned by the getters stay valid until the next build completes, so the renderer reads them
 * between builds (after the build's GTask returns). Two builds must not run at once.
 */
#define G_LOG_DOMAIN "pleat-ui"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "pleat-scene-private.h"
#include "pleat-secondary-structure.h"

struct _PleatScene
{
  GObject              parent_instance;

  GMutex               mutex;

  /* Inputs, guarded by mutex */
  GPtrArray           *structures;       /* of PleatStructure */
  GPtrArray           *selected;         /* of guint8 * (n_residues) or NULL, per structure */
  PleatRepresentation  representation;
  PleatColorScheme     scheme;
  guint                pae_structure;
  gint                 pae_residue;
  guint                subdivisions;
  guint                generation;
  guint                built_generation;
  gboolean             built_once;

  /* Owned, main thread */
  PleatSelection      *selection;
  gulong               selection_changed_id;

  /* Outputs, replaced by a build under mutex */
  GArray              *spheres;
  GArray              *cylinders;
  GArray              *vertices;
  GArray              *indices;
  GArray              *pick;
  PleatSpatialGrid    *pick_grid;
  float                pick_max_radius;
  float                center[3];
  float                radius;

  /* Build-thread cache: secondary structure of structures that came without it. */
  GHashTable          *ss_cache;         /* PleatStructure * -> char * */
};

G_DEFINE_FINAL_TYPE (PleatScene, pleat_scene, G_TYPE_OBJECT)

static void
free_mask (gpointer data)
{
  g_free (data);
}

static void
pleat_scene_dispose (GObject *object)
{
  PleatScene *self = PLEAT_SCENE (object);

  pleat_scene_set_selection (self, NULL);

  G_OBJECT_CLASS (pleat_scene_parent_class)->dispose (object);
}

static void
pleat_scene_finalize (GObject *object)
{
  PleatScene *self = PLEAT_SCENE (object);

  g_ptr_array_unref (self->structures);
  g_ptr_array_unref (self->selected);
  g_array_unref (self->spheres);
  g_array_unref (self->cylinders);
  g_array_unref (self->vertices);
  g_array_unref (self->indices);
  g_array_unref (self->pick);
  g_clear_pointer (&self->pick_grid, pleat_spatial_grid_free);
  g_hash_table_unref (self->ss_cache);
  g_mutex_clear (&self->mutex);

  G_OBJECT_CLASS (pleat_scene_parent_class)->finalize (object);
}

static void
pleat_scene_class_init (PleatSceneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pleat_scene_dispose;
  object_class->finalize = pleat_scene_finalize;
}

static void
pleat_scene_init (PleatScene *self)
{
  g_mutex_init (&self->mutex);
  self->structures = g_ptr_array_new_with_free_func (g_object_unref);
  self->selected = g_ptr_array_new_with_free_func (free_mask);
  self->representation = PLEAT_REPRESENTATION_CARTOON;
  self->scheme = PLEAT_COLOR_SCHEME_PLDDT;
  self->pae_residue = -1;
  self->spheres = g_array_new (FALSE, FALSE, sizeof (PleatSphereInstance));
  self->cylinders = g_array_new (FALSE, FALSE, sizeof (PleatCylinderInstance));
  self->vertices = g_array_new (FALSE, FALSE, sizeof (PleatMeshVertex));
  self->indices = g_array_new (FALSE, FALSE, sizeof (guint32));
  self->pick = g_array_new (FALSE, FALSE, sizeof (PleatSphereInstance));
  self->ss_cache = g_hash_table_new_full (NULL, NULL, g_object_unref, g_free);
  self->generation = 1;
}

PleatScene *
pleat_scene_new (void)
{
  return g_object_new (PLEAT_TYPE_SCENE, NULL);
}

/* Called with self->mutex held. */
static void
changed_locked (PleatScene *self)
{
  self->generation++;
}

/* Copies the selection's residues of every structure into per-structure masks. Main thread. */
static void
snapshot_selection (PleatScene *self)
{
  g_autoptr(GPtrArray) masks = g_ptr_array_new_with_free_func (free_mask);

  g_mutex_lock (&self->mutex);
  for (guint i = 0; i < self->structures->len; i++)
    {
      PleatStructure *structure = g_ptr_array_index (self->structures, i);
      g_autofree guint *residues = NULL;
      guint n = 0;
      guint8 *mask = NULL;

      if (self->selection != NULL)
        residues = pleat_selection_dup_residues (self->selection, structure, &n);
      if (n > 0)
        {
          mask = g_new0 (guint8, pleat_structure_get_n_residues (structure));
          for (guint k = 0; k < n; k++)
            mask[residues[k]] = 1;
        }
      g_ptr_array_add (masks, mask);
    }
  g_ptr_array_unref (self->selected);
  self->selected = g_steal_pointer (&masks);
  changed_locked (self);
  g_mutex_unlock (&self->mutex);
}

static void
selection_changed_cb (PleatSelection *selection,
                      PleatScene     *self)
{
  snapshot_selection (self);
}

void
pleat_scene_set_selection (PleatScene     *self,
                           PleatSelection *selection)
{
  g_return_if_fail (PLEAT_IS_SCENE (self));
  g_return_if_fail (selection == NULL || PLEAT_IS_SELECTION (selection));

  if (self->selection == selection)
    return;
  if (self->selection != NULL)
    g_clear_signal_handler (&self->selection_changed_id, self->selection);
  g_set_object (&self->selection, selection);
  if (selection != NULL)
    self->selection_changed_id = g_signal_connect (selection, "changed",
                                                   G_CALLBACK (selection_changed_cb), self);
  snapshot_selection (self);
}

PleatSelection *
pleat_scene_get_selection (PleatScene *self)
{
  g_return_val_if_fail (PLEAT_IS_SCENE (self), NULL);
  return self->selection;
}

guint
pleat_scene_add_structure (PleatScene     *self,
                           PleatStructure *structure)
{
  guint index;

  g_return_val_if_fail (PLEAT_IS_SCENE (self), 0);
  g_return_val_if_fail (PLEAT_IS_STRUCTURE (structure), 0);
  g_return_val_if_fail (self->structures->len < 256, 0);   /* 8 bits of pick id */

  g_mutex_lock (&self->mutex);
  g_ptr_array_add (self->structures, g_object_ref (structure));
  index = self->structures->len - 1;
  changed_locked (self);
  g_mutex_unlock (&self->mutex);
  snapshot_selection (self);
  return index;
}

void
pleat_scene_remove_all (PleatScene *self)
{
  g_return_if_fail (PLEAT_IS_SCENE (self));

  g_mutex_lock (&self->mutex);
  g_ptr_array_set_size (self->structures, 0);
  g_ptr_array_set_size (self->selected, 0);
  self->pae_residue = -1;
  changed_locked (self);
  g_mutex_unlock (&self->mutex);
}

guint
pleat_scene_get_n_structures (PleatScene *self)
{
  guint n;

  g_return_val_if_fail (PLEAT_IS_SCENE (self), 0);

  g_mutex_lock (&self->mutex);
  n = self->structures->len;
  g_mutex_unlock (&self->mutex);
  return n;
}

PleatStructure *
pleat_scene_get_structure (PleatScene *self,
                           guint       index)
{
  PleatStructure *structure = NULL;

  g_return_val_if_fail (PLEAT_IS_SCENE (self), NULL);

  g_mutex_lock (&self->mutex);
  if (index < self->structures->len)
    structure = g_ptr_array_index (self->structures, index);
  g_mutex_unlock (&self->mutex);
  return structure;
}

void
pleat_scene_set_representation (PleatScene          *self,
                                PleatRepresentation  representation)
{
  g_return_if_fail (PLEAT_IS_SCENE (self));
  g_return_if_fail (representation <= PLEAT_REPRESENTATION_SPACEFILL);

  g_mutex_lock (&self->mutex);
  if (self->representation != representation)
    {
      self->representation = representation;
      changed_locked (self);
    }
  g_mutex_unlock (&self->mutex);
}

PleatRepresentation
pleat_scene_get_representation (PleatScene *self)
{
  g_return_val_if_fail (PLEAT_IS_SCENE (self), PLEAT_REPRESENTATION_CARTOON);
  return self->representation;
}

void
pleat_scene_set_color_scheme (PleatScene       *self,
                              PleatColorScheme  scheme)
{
  g_return_if_fail (PLEAT_IS_SCENE (self));
  g_return_if_fail (scheme <= PLEAT_COLOR_SCHEME_PAE);

  g_mutex_lock (&self->mutex);
  if (self->scheme != scheme)
    {
      self->scheme = scheme;
      changed_locked (self);
    }
  g_mutex_unlock (&self->mutex);
}

PleatColorScheme
pleat_scene_get_color_scheme (PleatScene *self)
{
  g_return_val_if_fail (PLEAT_IS_SCENE (self), PLEAT_COLOR_SCHEME_PLDDT);
  return self->scheme;
}

void
pleat_scene_set_pae_reference (PleatScene *self,
                               guint       structure,
                               gint        residue)
{
  g_return_if_fail (PLEAT_IS_SCENE (self));

  g_mutex_lock (&self->mutex);
  if (self->pae_structure != structure || self->pae_residue != residue)
    {
      self->pae_structure = structure;
      self->pae_residue = residue;
      if (self->scheme == PLEAT_COLOR_SCHEME_PAE)
        changed_locked (self);
    }
  g_mutex_unlock (&self->mutex);
}

void
pleat_scene_set_cartoon_quality (PleatScene *self,
                                 guint       subdivisions)
{
  g_return_if_fail (PLEAT_IS_SCENE (self));
  g_return_if_fail (subdivisions <= 32);

  g_mutex_lock (&self->mutex);
  if (self->subdivisions != subdivisions)
    {
      self->subdivisions = subdivisions;
      changed_locked (self);
    }
  g_mutex_unlock (&self->mutex);
}

void
pleat_scene_invalidate (PleatScene *self)
{
  g_return_if_fail (PLEAT_IS_SCENE (self));

  g_mutex_lock (&self->mutex);
  changed_locked (self);
  g_mutex_unlock (&self->mutex);
}

gboolean
pleat_scene_is_dirty (PleatScene *self)
{
  gboolean dirty;

  g_return_val_if_fail (PLEAT_IS_SCENE (self), FALSE);

  g_mutex_lock (&self->mutex);
  dirty = !self->built_once || self->generation != self->built_generation;
  g_mutex_unlock (&self->mutex);
  return dirty;
}

/* Auth chain ids in order of first appearance over all structures: the same chain letter gets
 * the same colour in every model shown. */
static GHashTable *
chain_index_new (GPtrArray *structures)
{
  GHashTable *index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < structures->len; i++)
    {
      guint n_chains;
      const PleatChain *chains = pleat_structure_get_chains (g_ptr_array_index (structures, i),
                                                             &n_chains);

      for (guint c = 0; c < n_chains; c++)
        if (!g_hash_table_contains (index, chains[c].auth_id))
          g_hash_table_insert (index, g_strdup (chains[c].auth_id),
                               GUINT_TO_POINTER (g_hash_table_size (index) + 1));
    }
  return index;
}

/* The DSSP codes of a structure: its own, or computed once and cached. Build thread. */
static const char *
secondary_structure (PleatScene     *self,
                     PleatStructure *structure,
                     char           *scratch)
{
  guint n_residues;
  const PleatResidue *residues = pleat_structure_get_residues (structure, &n_residues);
  char *cached;

  if (pleat_structure_has_secondary_structure (structure))
    {
      for (guint i = 0; i < n_residues; i++)
        scratch[i] = residues[i].ss != '\0' ? residues[i].ss : ' ';
      return scratch;
    }
  cached = g_hash_table_lookup (self->ss_cache, structure);
  if (cached == NULL)
    {
      cached = g_malloc (MAX (n_residues, 1));
      pleat_secondary_structure_compute (structure, cached);
      g_hash_table_insert (self->ss_cache, g_object_ref (structure), cached);
    }
  return cached;
}

static void
scene_structure_init (SceneStructure *s,
                      PleatStructure *structure,
                      guint           index)
{
  s->structure = structure;
  s->index = index;
  s->atoms = pleat_structure_get_atoms (structure, &s->n_atoms);
  s->residues = pleat_structure_get_residues (structure, &s->n_residues);
  s->chains = pleat_structure_get_chains (structure, &s->n_chains);
  s->residue_colors = g_malloc (sizeof *s->residue_colors * MAX (s->n_residues, 1));
  s->atom_colors = g_malloc (sizeof *s->atom_colors * MAX (s->n_atoms, 1));
}

static void
scene_structure_clear (SceneStructure *s)
{
  g_free (s->residue_colors);
  g_free (s->atom_colors);
}

/* Cartoon detail: fine for a domain, coarser for a large complex so builds stay fast. */
static guint
auto_subdivisions (guint n_residues)
{
  if (n_residues <= 5000)
    return 8;
  if (n_residues <= 20000)
    return 6;
  return 4;
}

gboolean
pleat_scene_build (PleatScene *self)
{
  g_autoptr(GPtrArray) structures = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) selected = g_ptr_array_new_with_free_func (free_mask);
  g_autoptr(GHashTable) chain_index = NULL;
  SceneGeometry g;
  SceneColorParams params;
  PleatRepresentation representation;
  guint generation, subdivisions, total_residues = 0;
  float lo[3] = { 0, 0, 0 }, hi[3] = { 0, 0, 0 }, center[3] = { 0, 0, 0 }, radius = 0;
  float max_pick = 0.0f;
  gboolean any = FALSE;
  PleatSpatialGrid *grid = NULL;

  g_return_val_if_fail (PLEAT_IS_SCENE (self), FALSE);

  g_mutex_lock (&self->mutex);
  if (self->built_once && self->generation == self->built_generation)
    {
      g_mutex_unlock (&self->mutex);
      return FALSE;
    }
  for (guint i = 0; i < self->structures->len; i++)
    {
      const guint8 *mask = i < self->selected->len ? g_ptr_array_index (self->selected, i) : NULL;
      PleatStructure *structure = g_ptr_array_index (self->structures, i);

      g_ptr_array_add (structures, g_object_ref (structure));
      g_ptr_array_add (selected, mask != NULL
                                 ? g_memdup2 (mask, pleat_structure_get_n_residues (structure))
                                 : NULL);
    }
  representation = self->representation;
  params.scheme = self->scheme;
  params.pae_structure = self->pae_structure;
  params.pae_residue = self->pae_residue;
  subdivisions = self->subdivisions;
  generation = self->generation;
  g_mutex_unlock (&self->mutex);

  chain_index = chain_index_new (structures);
  params.chain_index = chain_index;
  g.spheres = g_array_new (FALSE, FALSE, sizeof (PleatSphereInstance));
  g.cylinders = g_array_new (FALSE, FALSE, sizeof (PleatCylinderInstance));
  g.vertices = g_array_new (FALSE, FALSE, sizeof (PleatMeshVertex));
  g.indices = g_array_new (FALSE, FALSE, sizeof (guint32));
  g.pick = g_array_new (FALSE, FALSE, sizeof (PleatSphereInstance));
  for (guint i = 0; i < structures->len; i++)
    total_residues += pleat_structure_get_n_residues (g_ptr_array_index (structures, i));
  g.subdivisions = subdivisions != 0 ? subdivisions : auto_subdivisions (total_residues);

  for (guint i = 0; i < structures->len; i++)
    {
      PleatStructure *structure = g_ptr_array_index (structures, i);
      SceneStructure s;
      g_autofree char *scratch = g_malloc (MAX (pleat_structure_get_n_residues (structure), 1));

      scene_structure_init (&s, structure, i);
      s.ss = secondary_structure (self, structure, scratch);
      _pleat_scene_color_structure (&s, &params, g_ptr_array_index (selected, i));

      switch (representation)
        {
        case PLEAT_REPRESENTATION_CARTOON:
          _pleat_scene_add_cartoon (&s, &g);
          break;
        case PLEAT_REPRESENTATION_TRACE:
          _pleat_scene_add_trace (&s, &g);
          break;
        case PLEAT_REPRESENTATION_BALL_AND_STICK:
          _pleat_scene_add_ball_and_stick (&s, &g, FALSE);
          break;
        case PLEAT_REPRESENTATION_SPACEFILL:
        default:
          _pleat_scene_add_spacefill (&s, &g);
          break;
        }

      for (guint a = 0; a < s.n_atoms; a++)
        {
          float p[3];

          _pleat_scene_atom_position (&s.atoms[a], p);
          for (guint k = 0; k < 3; k++)
            {
              if (!any || p[k] < lo[k])
                lo[k] = p[k];
              if (!any || p[k] > hi[k])
                hi[k] = p[k];
            }
          any = TRUE;
        }
      scene_structure_clear (&s);
    }

  /* Bounds: the box centre and the farthest atom from it, plus the largest radius drawn. */
  if (any)
    {
      float margin = representation == PLEAT_REPRESENTATION_SPACEFILL ? 2.0f : 1.5f;

      for (guint k = 0; k < 3; k++)
        center[k] = 0.5f * (lo[k] + hi[k]);
      for (guint i = 0; i < structures->len; i++)
        {
          guint n_atoms;
          const PleatAtom *atoms = pleat_structure_get_atoms (g_ptr_array_index (structures, i),
                                                              &n_atoms);

          for (guint a = 0; a < n_atoms; a++)
            {
              float dx = atoms[a].x - center[0], dy = atoms[a].y - center[1];
              float dz = atoms[a].z - center[2];

              radius = MAX (radius, dx * dx + dy * dy + dz * dz);
            }
        }
      radius = sqrtf (radius) + margin;
    }

  for (guint i = 0; i < g.pick->len; i++)
    max_pick = MAX (max_pick, g_array_index (g.pick, PleatSphereInstance, i).radius);
  if (g.pick->len > 0)
    grid = pleat_spatial_grid_new (g_array_index (g.pick, PleatSphereInstance, 0).center,
                                   sizeof (PleatSphereInstance), g.pick->len,
                                   MAX (2.0f * max_pick, 4.0f));

  g_mutex_lock (&self->mutex);
  g_array_unref (self->spheres);
  g_array_unref (self->cylinders);
  g_array_unref (self->vertices);
  g_array_unref (self->indices);
  g_array_unref (self->pick);
  g_clear_pointer (&self->pick_grid, pleat_spatial_grid_free);
  self->spheres = g.spheres;
  self->cylinders = g.cylinders;
  self->vertices = g.vertices;
  self->indices = g.indices;
  self->pick = g.pick;
  self->pick_grid = grid;
  self->pick_max_radius = max_pick;
  memcpy (self->center, center, sizeof center);
  self->radius = radius;
  self->built_generation = generation;
  self->built_once = TRUE;
  g_mutex_unlock (&self->mutex);

  /* Forget cached secondary structure of structures no longer shown. */
  {
    GHashTableIter iter;
    gpointer key;

    g_hash_table_iter_init (&iter, self->ss_cache);
    while (g_hash_table_iter_next (&iter, &key, NULL))
      {
        gboolean shown = FALSE;

        for (guint i = 0; i < structures->len && !shown; i++)
          shown = g_ptr_array_index (structures, i) == key;
        if (!shown)
          g_hash_table_iter_remove (&iter);
      }
  }
  return TRUE;
}

const PleatSphereInstance *
pleat_scene_get_spheres (PleatScene *self,
                         guint      *n_spheres)
{
  g_return_val_if_fail (PLEAT_IS_SCENE (self), NULL);

  *n_spheres = self->spheres->len;
  return (const PleatSphereInstance *) (gpointer) self->spheres->data;
}

const PleatCylinderInstance *
pleat_scene_get_cylinders (PleatScene *self,
                           guint      *n_cylinders)
{
  g_return_val_if_fail (PLEAT_IS_SCENE (self), NULL);

  *n_cylinders = self->cylinders->len;
  return (const PleatCylinderInstance *) (gpointer) self->cylinders->data;
}

const PleatMeshVertex *
pleat_scene_get_mesh (PleatScene     *self,
                      guint          *n_vertices,
                      const guint32 **indices,
                      guint          *n_indices)
{
  g_return_val_if_fail (PLEAT_IS_SCENE (self), NULL);

  *n_vertices = self->vertices->len;
  *indices = (const guint32 *) (gpointer) self->indices->data;
  *n_indices = self->indices->len;
  return (const PleatMeshVertex *) (gpointer) self->vertices->data;
}

void
pleat_scene_get_bounds (PleatScene *self,
                        float       center[3],
                        float      *radius)
{
  g_return_if_fail (PLEAT_IS_SCENE (self));

  g_mutex_lock (&self->mutex);
  memcpy (center, self->center, 3 * sizeof (float));
  *radius = self->radius;
  g_mutex_unlock (&self->mutex);
}

gboolean
pleat_scene_pick (PleatScene  *self,
                  const float  origin[3],
                  const float  direction[3],
                  guint       *structure,
                  guint       *atom)
{
  float d[3] = { direction[0], direction[1], direction[2] };
  float length = sqrtf (d[0] * d[0] + d[1] * d[1] + d[2] * d[2]);
  guint32 pick_id = 0;
  gboolean hit;

  g_return_val_if_fail (PLEAT_IS_SCENE (self), FALSE);

  if (!(length > 0.0f))
    return FALSE;
  for (guint k = 0; k < 3; k++)
    d[k] /= length;
  g_mutex_lock (&self->mutex);
  hit = _pleat_scene_pick_ray (self->pick_grid, self->pick, self->pick_max_radius, origin, d,
                               &pick_id);
  g_mutex_unlock (&self->mutex);
  if (!hit)
    return FALSE;
  if (structure != NULL)
    *structure = pleat_scene_pick_id_get_structure (pick_id);
  if (atom != NULL)
    *atom = pleat_scene_pick_id_get_atom (pick_id);
  return TRUE;
}

/* Visits every atom of a selected residue. Called with self->mutex held. */
static void
foreach_selected_atom (PleatScene *self,
                       void      (*func) (const float p[3], gpointer data),
                       gpointer    data)
{
  for (guint i = 0; i < self->structures->len && i < self->selected->len; i++)
    {
      const guint8 *mask = g_ptr_array_index (self->selected, i);
      guint n_atoms;
      const PleatAtom *atoms;

      if (mask == NULL)
        continue;
      atoms = pleat_structure_get_atoms (g_ptr_array_index (self->structures, i), &n_atoms);
      for (guint a = 0; a < n_atoms; a++)
        if (mask[atoms[a].residue])
          {
            float p[3];

            _pleat_scene_atom_position (&atoms[a], p);
            func (p, data);
          }
    }
}

typedef struct
{
  float    lo[3];
  float    hi[3];
  float    center[3];
  float    r2;
  gboolean any;
} BoundsData;

static void
grow_box (const float p[3],
          gpointer    data)
{
  BoundsData *b = data;

  for (guint k = 0; k < 3; k++)
    {
      if (!b->any || p[k] < b->lo[k])
        b->lo[k] = p[k];
      if (!b->any || p[k] > b->hi[k])
        b->hi[k] = p[k];
    }
  b->any = TRUE;
}

static void
grow_radius (const float p[3],
             gpointer    data)
{
  BoundsData *b = data;
  float dx = p[0] - b->center[0], dy = p[1] - b->center[1], dz = p[2] - b->center[2];

  b->r2 = MAX (b->r2, dx * dx + dy * dy + dz * dz);
}

gboolean
pleat_scene_get_selection_bounds (PleatScene *self,
                                  float       center[3],
                                  float      *radius)
{
  BoundsData b = { { 0 }, { 0 }, { 0 }, 0.0f, FALSE };

  g_return_val_if_fail (PLEAT_IS_SCENE (self), FALSE);

  g_mutex_lock (&self->mutex);
  foreach_selected_atom (self, grow_box, &b);
  for (guint k = 0; k < 3; k++)
    b.center[k] = 0.5f * (b.lo[k] + b.hi[k]);
  foreach_selected_atom (self, grow_radius, &b);
  g_mutex_unlock (&self->mutex);
  if (!b.any)
    return FALSE;
  memcpy (center, b.center, sizeof b.center);
  *radius = sqrtf (b.r2) + 2.0f;
  return TRUE;
}

void
pleat_scene_get_residue_color (PleatScene *self,
                               guint       structure,
                               guint       residue,
                               guint8      rgba[4])
{
  g_autoptr(GHashTable) chain_index = NULL;
  SceneColorParams params;
  SceneStructure s;
  PleatStructure *st;

  g_return_if_fail (PLEAT_IS_SCENE (self));

  g_mutex_lock (&self->mutex);
  if (structure >= self->structures->len
      || residue >= pleat_structure_get_n_residues (g_ptr_array_index (self->structures,
                                                                       structure)))
    {
      g_mutex_unlock (&self->mutex);
      g_return_if_reached ();
    }
  st = g_object_ref (g_ptr_array_index (self->structures, structure));
  chain_index = chain_index_new (self->structures);
  params.scheme = self->scheme;
  params.pae_structure = self->pae_structure;
  params.pae_residue = self->pae_residue;
  params.chain_index = chain_index;
  g_mutex_unlock (&self->mutex);

  scene_structure_init (&s, st, structure);
  _pleat_scene_color_structure (&s, &params, NULL);
  memcpy (rgba, s.residue_colors[residue], 4);
  scene_structure_clear (&s);
  g_object_unref (st);
}

static void
add_entry (GArray       *legend,
           const char   *label,
           guint32       rgb)
{
  PleatLegendEntry entry = { { 0 }, { (rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff, 0xff } };

  g_strlcpy (entry.label, label, sizeof entry.label);
  g_array_append_val (legend, entry);
}

static void
add_entry_rgba (GArray       *legend,
                const char   *label,
                const guint8  rgba[4])
{
  add_entry (legend, label, ((guint32) rgba[0] << 16) | ((guint32) rgba[1] << 8) | rgba[2]);
}

GArray *
pleat_scene_dup_legend (PleatScene  *self,
                        char       **title,
                        gboolean    *gradient)
{
  GArray *legend = g_array_new (FALSE, TRUE, sizeof (PleatLegendEntry));
  gboolean is_gradient = FALSE;
  g_autofree char *name = NULL;

  g_return_val_if_fail (PLEAT_IS_SCENE (self), legend);

  g_mutex_lock (&self->mutex);
  switch (self->scheme)
    {
    case PLEAT_COLOR_SCHEME_PLDDT:
      {
        gboolean missing = FALSE;

        name = g_strdup (_("Model confidence (pLDDT)"));
        add_entry (legend, _("Very high (pLDDT > 90)"), 0x0053D6);
        add_entry (legend, _("Confident (90 ≥ pLDDT > 70)"), 0x65CBF3);
        add_entry (legend, _("Low (70 ≥ pLDDT > 50)"), 0xFFDB13);
        add_entry (legend, _("Very low (pLDDT ≤ 50)"), 0xFF7D45);
        for (guint i = 0; i < self->structures->len && !missing; i++)
          {
            PleatStructure *st = g_ptr_array_index (self->structures, i);
            guint n;
            const PleatResidue *r = pleat_structure_get_residues (st, &n);

            for (guint k = 0; k < n && !missing; k++)
              missing = !r[k].hetatm && isnan (r[k].plddt);
          }
        if (missing)
          add_entry (legend, _("No pLDDT"), 0xAAAAAA);
      }
      break;

    case PLEAT_COLOR_SCHEME_PLDDT_CONTINUOUS:
      {
        static const float stops[] = { 0, 50, 70, 90, 100 };

        name = g_strdup (_("Model confidence (pLDDT)"));
        is_gradient = TRUE;
        for (guint i = 0; i < G_N_ELEMENTS (stops); i++)
          {
            guint8 rgba[4];
            char label[16];

            _pleat_scene_plddt_continuous_color (stops[i], rgba);
            g_snprintf (label, sizeof label, "%.0f", stops[i]);
            add_entry_rgba (legend, label, rgba);
          }
      }
      break;

    case PLEAT_COLOR_SCHEME_CHAIN:
      {
        g_autoptr(GHashTable) index = chain_index_new (self->structures);
        g_autoptr(GPtrArray) ids = g_ptr_array_new ();
        GHashTableIter iter;
        gpointer key, value;

        name = g_strdup (_("Chains"));
        g_ptr_array_set_size (ids, g_hash_table_size (index));
        g_hash_table_iter_init (&iter, index);
        while (g_hash_table_iter_next (&iter, &key, &value))
          g_ptr_array_index (ids, GPOINTER_TO_UINT (value) - 1) = key;
        for (guint i = 0; i < ids->len; i++)
          {
            g_autofree char *label = g_strdup_printf (_("Chain %s"),
                                                      *(char *) g_ptr_array_index (ids, i) != '\0'
                                                      ? (char *) g_ptr_array_index (ids, i) : "–");
            guint8 rgba[4];

            _pleat_scene_chain_color (i, rgba);
            add_entry_rgba (legend, label, rgba);
          }
      }
      break;

    case PLEAT_COLOR_SCHEME_RAINBOW:
      name = g_strdup (_("Sequence position"));
      is_gradient = TRUE;
      add_entry (legend, _("N-terminus"), 0x0000FF);
      add_entry (legend, "", 0x00FFFF);
      add_entry (legend, "", 0x00FF00);
      add_entry (legend, "", 0xFFFF00);
      add_entry (legend, _("C-terminus"), 0xFF0000);
      break;

    case PLEAT_COLOR_SCHEME_PAE:
    default:
      {
        PleatStructure *st = self->pae_structure < self->structures->len
                             ? g_ptr_array_index (self->structures, self->pae_structure) : NULL;

        if (st == NULL || pleat_structure_get_pae (st, NULL, NULL) == NULL)
          name = g_strdup (_("Predicted aligned error: none loaded"));
        else if (self->pae_residue < 0
                 || (guint) self->pae_residue >= pleat_structure_get_n_residues (st))
          name = g_strdup (_("Predicted aligned error: pick a residue"));
        else
          {
            const PleatResidue *r = &pleat_structure_get_residues (st, NULL)[self->pae_residue];
            const PleatChain *c = &pleat_structure_get_chains (st, NULL)[r->chain];
            char ins[2] = { r->ins_code, '\0' };

            /* Translators: PAE colouring relative to one residue, e.g. "… to A 42 (Å)". */
            name = g_strdup_printf (_("Predicted aligned error to %s %d%s (Å)"), c->auth_id,
                                    r->seq_id, ins);
          }
        is_gradient = TRUE;
        for (guint i = 0; i <= 6; i++)
          {
            guint8 rgba[4];
            char label[16];

            _pleat_scene_pae_color (5.0f * (float) i, rgba);
            g_snprintf (label, sizeof label, "%u", 5 * i);
            add_entry_rgba (legend, label, rgba);
          }
      }
      break;
    }
  g_mutex_unlock (&self->mutex);

  if (title != NULL)
    *title = g_steal_pointer (&name);
  if (gradient != NULL)
    *gradient = is_gradient;
  return legend;
}
