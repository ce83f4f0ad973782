/* pleat-spatial-grid.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pleat-engine"

#include "config.h"

#include <math.h>
#include <stdlib.h>

#include "pleat-spatial-grid.h"

/* Enough cells for a few points each on dense structures, never gigabytes on sparse ones. */
#define MAX_CELLS_PER_POINT 8
#define MIN_CELLS 4096

static inline const float *
point_at (const float *positions,
          gsize        stride,
          guint        i)
{
  return (const float *) (gconstpointer) ((const char *) positions + (gsize) i * stride);
}

PleatSpatialGrid *
pleat_spatial_grid_new (const float *positions,
                        gsize        stride,
                        guint        n,
                        float        cell_size)
{
  PleatSpatialGrid *self = g_new0 (PleatSpatialGrid, 1);
  float lo[3] = { 0, 0, 0 }, hi[3] = { 0, 0, 0 };
  guint64 n_cells;
  guint *cell_of;

  g_return_val_if_fail (cell_size > 0.0f, NULL);

  for (guint i = 0; i < n; i++)
    {
      const float *p = point_at (positions, stride, i);

      for (guint k = 0; k < 3; k++)
        {
          if (i == 0 || p[k] < lo[k])
            lo[k] = p[k];
          if (i == 0 || p[k] > hi[k])
            hi[k] = p[k];
        }
    }

  /* In double precision: coordinates from a hostile file may span 1e38 Å. */
  for (;;)
    {
      double cells = 1.0;

      for (guint k = 0; k < 3; k++)
        cells *= floor (((double) hi[k] - (double) lo[k]) / cell_size) + 1.0;
      if (cells <= (double) MAX ((guint64) n * MAX_CELLS_PER_POINT, MIN_CELLS))
        break;
      cell_size *= 1.5f;
    }
  for (guint k = 0; k < 3; k++)
    self->dims[k] = (guint) floor (((double) hi[k] - (double) lo[k]) / cell_size) + 1;
  n_cells = (guint64) self->dims[0] * self->dims[1] * self->dims[2];
  for (guint k = 0; k < 3; k++)
    self->origin[k] = lo[k];
  self->cell = cell_size;
  self->n = n;
  self->cell_start = g_new0 (guint, n_cells + 1);
  self->items = g_new (guint, MAX (n, 1));
  cell_of = g_new (guint, MAX (n, 1));

  for (guint i = 0; i < n; i++)
    {
      gint c[3];

      pleat_spatial_grid_cell_of (self, point_at (positions, stride, i), c);
      cell_of[i] = ((guint) c[2] * self->dims[1] + (guint) c[1]) * self->dims[0] + (guint) c[0];
      self->cell_start[cell_of[i] + 1]++;
    }
  for (guint64 c = 0; c < n_cells; c++)
    self->cell_start[c + 1] += self->cell_start[c];
  {
    g_autofree guint *fill = g_memdup2 (self->cell_start, n_cells * sizeof (guint));

    for (guint i = 0; i < n; i++)
      self->items[fill[cell_of[i]]++] = i;
  }
  g_free (cell_of);
  return self;
}

void
pleat_spatial_grid_free (PleatSpatialGrid *self)
{
  if (self == NULL)
    return;
  g_free (self->cell_start);
  g_free (self->items);
  g_free (self);
}

void
pleat_spatial_grid_cell_of (const PleatSpatialGrid *self,
                            const float             point[3],
                            gint                    cell[3])
{
  for (guint k = 0; k < 3; k++)
    {
      double f = floor (((double) point[k] - (double) self->origin[k]) / self->cell);

      /* Also catches NaN, which compares false. */
      if (!(f >= 0.0))
        f = 0.0;
      if (f > (double) (self->dims[k] - 1))
        f = (double) (self->dims[k] - 1);
      cell[k] = (gint) f;
    }
}

static int
compare_guint (const void *a,
               const void *b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return x < y ? -1 : x > y;
}

guint
pleat_spatial_grid_query (const PleatSpatialGrid *self,
                          const float            *positions,
                          gsize                   stride,
                          const float             point[3],
                          float                   radius,
                          gboolean                sorted,
                          GArray                 *out)
{
  float lo[3], hi[3];
  gint c0[3], c1[3];
  float r2 = radius * radius;
  guint before = out->len;

  for (guint k = 0; k < 3; k++)
    {
      lo[k] = point[k] - radius;
      hi[k] = point[k] + radius;
    }
  pleat_spatial_grid_cell_of (self, lo, c0);
  pleat_spatial_grid_cell_of (self, hi, c1);
  for (gint z = c0[2]; z <= c1[2]; z++)
    for (gint y = c0[1]; y <= c1[1]; y++)
      for (gint x = c0[0]; x <= c1[0]; x++)
        {
          guint c = ((guint) z * self->dims[1] + (guint) y) * self->dims[0] + (guint) x;

          for (guint s = self->cell_start[c]; s < self->cell_start[c + 1]; s++)
            {
              guint i = self->items[s];
              const float *p = point_at (positions, stride, i);
              float dx = p[0] - point[0], dy = p[1] - point[1], dz = p[2] - point[2];

              if (dx * dx + dy * dy + dz * dz <= r2)
                g_array_append_val (out, i);
            }
        }
  if (sorted && out->len - before > 1)
    qsort (&g_array_index (out, guint, before), out->len - before, sizeof (guint), compare_guint);
  return out->len - before;
}
