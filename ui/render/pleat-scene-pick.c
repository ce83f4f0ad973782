/* pleat-scene-pick.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Ray picking on the CPU (Avogadro's hits(), accelerated): the pick spheres sit in a uniform
 * grid whose cells are at least as large as the largest sphere's diameter, so a sphere can only
 * reach into the 26 neighbours of its own cell. The ray walks the cells front to back
 * (Amanatides & Woo), tests each visited cell's neighbourhood, and stops once the next cell
 * starts beyond the nearest hit plus one cell.
 */
#define G_LOG_DOMAIN "pleat-ui"

#include "config.h"

#include <math.h>

#include "pleat-scene-private.h"

static gboolean
ray_sphere (const float  origin[3],
            const float  direction[3],
            const float  center[3],
            float        radius,
            float       *t)
{
  float oc[3] = { origin[0] - center[0], origin[1] - center[1], origin[2] - center[2] };
  float b = oc[0] * direction[0] + oc[1] * direction[1] + oc[2] * direction[2];
  float c = oc[0] * oc[0] + oc[1] * oc[1] + oc[2] * oc[2] - radius * radius;
  float disc = b * b - c;
  float s;

  if (disc < 0.0f)
    return FALSE;
  s = sqrtf (disc);
  *t = -b - s;
  if (*t < 0.0f)
    *t = -b + s;    /* the origin is inside the sphere */
  return *t >= 0.0f;
}

static void
test_neighbourhood (const PleatSpatialGrid *grid,
                    GArray                 *pick,
                    const gint              cell[3],
                    const float             origin[3],
                    const float             direction[3],
                    float                  *best_t,
                    guint32                *best_id)
{
  for (gint z = MAX (cell[2] - 1, 0); z <= MIN (cell[2] + 1, (gint) grid->dims[2] - 1); z++)
    for (gint y = MAX (cell[1] - 1, 0); y <= MIN (cell[1] + 1, (gint) grid->dims[1] - 1); y++)
      for (gint x = MAX (cell[0] - 1, 0); x <= MIN (cell[0] + 1, (gint) grid->dims[0] - 1); x++)
        {
          guint c = ((guint) z * grid->dims[1] + (guint) y) * grid->dims[0] + (guint) x;

          for (guint s = grid->cell_start[c]; s < grid->cell_start[c + 1]; s++)
            {
              const PleatSphereInstance *sphere =
                &g_array_index (pick, PleatSphereInstance, grid->items[s]);
              float t;

              if (ray_sphere (origin, direction, sphere->center, sphere->radius, &t)
                  && t < *best_t)
                {
                  *best_t = t;
                  *best_id = sphere->pick_id;
                }
            }
        }
}

gboolean
_pleat_scene_pick_ray (const PleatSpatialGrid *grid,
                       GArray                 *pick,
                       float                   max_radius,
                       const float             origin[3],
                       const float             direction[3],
                       guint32                *pick_id)
{
  float lo[3], hi[3], t_enter = 0.0f, t_exit = G_MAXFLOAT;
  float t_max[3], t_delta[3], best_t = G_MAXFLOAT;
  gint cell[3], step[3];
  float start[3];
  guint32 best_id = 0;

  if (grid == NULL || pick->len == 0)
    return FALSE;
  g_assert (grid->cell >= 2.0f * max_radius);

  /* Clip the ray to the grid's box, grown by one cell for spheres that overhang it. */
  for (guint k = 0; k < 3; k++)
    {
      lo[k] = grid->origin[k] - grid->cell;
      hi[k] = grid->origin[k] + (float) (grid->dims[k] + 1) * grid->cell;
      if (fabsf (direction[k]) < 1e-12f)
        {
          if (origin[k] < lo[k] || origin[k] > hi[k])
            return FALSE;
        }
      else
        {
          float t0 = (lo[k] - origin[k]) / direction[k];
          float t1 = (hi[k] - origin[k]) / direction[k];

          if (t0 > t1)
            {
              float tmp = t0;
              t0 = t1;
              t1 = tmp;
            }
          t_enter = MAX (t_enter, t0);
          t_exit = MIN (t_exit, t1);
        }
    }
  if (t_enter > t_exit)
    return FALSE;

  for (guint k = 0; k < 3; k++)
    start[k] = origin[k] + direction[k] * t_enter;
  pleat_spatial_grid_cell_of (grid, start, cell);
  for (guint k = 0; k < 3; k++)
    {
      float boundary;

      if (direction[k] > 0.0f)
        {
          step[k] = 1;
          boundary = grid->origin[k] + (float) (cell[k] + 1) * grid->cell;
        }
      else
        {
          step[k] = -1;
          boundary = grid->origin[k] + (float) cell[k] * grid->cell;
        }
      if (fabsf (direction[k]) < 1e-12f)
        {
          t_max[k] = G_MAXFLOAT;
          t_delta[k] = G_MAXFLOAT;
        }
      else
        {
          t_max[k] = MAX ((boundary - origin[k]) / direction[k], t_enter);
          t_delta[k] = grid->cell / fabsf (direction[k]);
        }
    }

  for (;;)
    {
      guint axis;
      float t_next;

      test_neighbourhood (grid, pick, cell, origin, direction, &best_t, &best_id);
      axis = t_max[0] < t_max[1] ? (t_max[0] < t_max[2] ? 0 : 2) : (t_max[1] < t_max[2] ? 1 : 2);
      t_next = t_max[axis];
      /* Spheres reach at most one cell: nothing beyond can be nearer than the best hit. */
      if (t_next > t_exit || t_next > best_t + 2.0f * grid->cell)
        break;
      cell[axis] += step[axis];
      if (cell[axis] < -1 || cell[axis] > (gint) grid->dims[axis])
        break;
      t_max[axis] += t_delta[axis];
    }

  if (best_t == G_MAXFLOAT)
    return FALSE;
  *pick_id = best_id;
  return TRUE;
}
