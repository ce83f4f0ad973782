/* pleat-scene-atoms.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Sphere and cylinder representations. Bonds come from distances: two atoms bond when
 * 0.4 Å < d < r_cov(a) + r_cov(b) + 0.45 Å (the tolerance Open Babel and Jmol use), found with a
 * spatial grid so a structure of n atoms costs O(n). Hydrogens never bond to each other, waters
 * only within themselves, and metal ions not at all: their coordination distances would
 * otherwise read as covalent bonds.
 */
#define G_LOG_DOMAIN "pleat-ui"

#include "config.h"

#include <math.h>
#include <string.h>

#include "pleat-scene-private.h"

#define BOND_TOLERANCE   0.45f
#define BOND_MIN         0.4f
#define MAX_COVALENT     2.03f   /* the largest covalent radius in the table (K) */
#define PICK_MIN_RADIUS  0.5f

static void
add_sphere (GArray          *array,
            const PleatAtom *atom,
            float            radius,
            const guint8     color[4],
            guint32          pick_id)
{
  PleatSphereInstance sphere;

  _pleat_scene_atom_position (atom, sphere.center);
  sphere.radius = radius;
  memcpy (sphere.color, color, 4);
  sphere.pick_id = pick_id;
  g_array_append_val (array, sphere);
}

static void
add_cylinder (GArray          *array,
              const PleatAtom *a,
              const PleatAtom *b,
              float            radius,
              const guint8     color_a[4],
              const guint8     color_b[4],
              guint32          pick_id)
{
  PleatCylinderInstance cylinder;

  _pleat_scene_atom_position (a, cylinder.a);
  _pleat_scene_atom_position (b, cylinder.b);
  cylinder.radius = radius;
  cylinder.pick_id = pick_id;
  memcpy (cylinder.color_a, color_a, 4);
  memcpy (cylinder.color_b, color_b, 4);
  g_array_append_val (array, cylinder);
}

void
_pleat_scene_add_spacefill (const SceneStructure *s,
                            SceneGeometry        *g)
{
  for (guint a = 0; a < s->n_atoms; a++)
    {
      const PleatAtom *atom = &s->atoms[a];
      float radius = _pleat_scene_vdw_radius (atom->element);

      add_sphere (g->spheres, atom, radius, s->atom_colors[a],
                  pleat_scene_pick_id (s->index, a));
      add_sphere (g->pick, atom, radius, s->atom_colors[a],
                  pleat_scene_pick_id (s->index, a));
    }
}

static gboolean
is_ligand (const PleatResidue *residue)
{
  return residue->hetatm && !_pleat_scene_is_water (residue);
}

void
_pleat_scene_add_ball_and_stick (const SceneStructure *s,
                                 SceneGeometry        *g,
                                 gboolean              ligands_only)
{
  g_autofree guint *members = g_new (guint, MAX (s->n_atoms, 1));
  g_autofree float *positions = g_new (float, 3 * (gsize) MAX (s->n_atoms, 1));
  g_autoptr(PleatSpatialGrid) grid = NULL;
  g_autoptr(GArray) near = g_array_new (FALSE, FALSE, sizeof (guint));
  guint n = 0;

  for (guint a = 0; a < s->n_atoms; a++)
    {
      const PleatAtom *atom = &s->atoms[a];
      float radius = _pleat_scene_vdw_radius (atom->element) * PLEAT_SCENE_BALL_SCALE;

      if (ligands_only && !is_ligand (&s->residues[atom->residue]))
        continue;
      members[n] = a;
      _pleat_scene_atom_position (atom, &positions[3 * n]);
      n++;
      add_sphere (g->spheres, atom, radius, s->atom_colors[a],
                  pleat_scene_pick_id (s->index, a));
      add_sphere (g->pick, atom, MAX (radius, PICK_MIN_RADIUS), s->atom_colors[a],
                  pleat_scene_pick_id (s->index, a));
    }
  if (n < 2)
    return;

  grid = pleat_spatial_grid_new (positions, 3 * sizeof (float), n,
                                 2 * MAX_COVALENT + BOND_TOLERANCE);
  for (guint i = 0; i < n; i++)
    {
      const PleatAtom *ai = &s->atoms[members[i]];
      const PleatResidue *ri = &s->residues[ai->residue];
      float ci = _pleat_scene_covalent_radius (ai->element);

      if (_pleat_scene_is_metal (ai->element))
        continue;
      g_array_set_size (near, 0);
      pleat_spatial_grid_query (grid, positions, 3 * sizeof (float), &positions[3 * i],
                                ci + MAX_COVALENT + BOND_TOLERANCE, FALSE, near);
      for (guint k = 0; k < near->len; k++)
        {
          guint j = g_array_index (near, guint, k);
          const PleatAtom *aj;
          const PleatResidue *rj;
          float dx, dy, dz, d, cutoff;

          if (j <= i)
            continue;
          aj = &s->atoms[members[j]];
          rj = &s->residues[aj->residue];
          if (_pleat_scene_is_metal (aj->element)
              || (ai->element[0] == 'H' && ai->element[1] == '\0'
                  && aj->element[0] == 'H' && aj->element[1] == '\0')
              || (ai->residue != aj->residue
                  && (_pleat_scene_is_water (ri) || _pleat_scene_is_water (rj))))
            continue;
          dx = aj->x - ai->x;
          dy = aj->y - ai->y;
          dz = aj->z - ai->z;
          d = sqrtf (dx * dx + dy * dy + dz * dz);
          cutoff = ci + _pleat_scene_covalent_radius (aj->element) + BOND_TOLERANCE;
          if (d <= BOND_MIN || d >= cutoff)
            continue;
          /* One cylinder with a colour per half, not two half-bonds: half the instances. */
          add_cylinder (g->cylinders, ai, aj, PLEAT_SCENE_STICK_RADIUS,
                        s->atom_colors[members[i]], s->atom_colors[members[j]],
                        pleat_scene_pick_id (s->index, members[i]));
        }
    }
}

/* The atom that stands for a residue in a trace: CA for amino acids, P for nucleotides. */
static gint
trace_atom (const SceneStructure *s,
            guint                 residue,
            float                *max_link)
{
  const PleatResidue *r = &s->residues[residue];
  gint p = -1;

  for (guint a = 0; a < r->n_atoms; a++)
    {
      const char *name = s->atoms[r->first_atom + a].name;

      if (strcmp (name, "CA") == 0)
        {
          *max_link = 4.3f;   /* trans 3.8 Å, cis 2.9 Å: longer is a gap */
          return (gint) (r->first_atom + a);
        }
      if (strcmp (name, "P") == 0)
        p = (gint) (r->first_atom + a);
    }
  *max_link = 8.0f;
  return p;
}

void
_pleat_scene_add_trace (const SceneStructure *s,
                        SceneGeometry        *g)
{
  for (guint c = 0; c < s->n_chains; c++)
    {
      const PleatChain *chain = &s->chains[c];
      gint previous = -1;

      for (guint r = 0; r < chain->n_residues; r++)
        {
          guint i = chain->first_residue + r;
          float max_link;
          gint atom;

          if (s->residues[i].hetatm)
            continue;
          atom = trace_atom (s, i, &max_link);
          if (atom < 0)
            continue;
          add_sphere (g->spheres, &s->atoms[atom], PLEAT_SCENE_TRACE_SPHERE,
                      s->atom_colors[atom], pleat_scene_pick_id (s->index, (guint) atom));
          add_sphere (g->pick, &s->atoms[atom], 1.0f, s->atom_colors[atom],
                      pleat_scene_pick_id (s->index, (guint) atom));
          if (previous >= 0)
            {
              const PleatAtom *a = &s->atoms[previous], *b = &s->atoms[atom];
              float dx = b->x - a->x, dy = b->y - a->y, dz = b->z - a->z;

              if (dx * dx + dy * dy + dz * dz < max_link * max_link)
                add_cylinder (g->cylinders, a, b, PLEAT_SCENE_TRACE_CYLINDER,
                              s->atom_colors[previous], s->atom_colors[atom],
                              pleat_scene_pick_id (s->index, (guint) previous));
            }
          previous = atom;
        }
    }
  _pleat_scene_add_ball_and_stick (s, g, TRUE);
}
