/* pleat-pae-image.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pleat-ui"

#include "config.h"

#include <math.h>
#include <string.h>

#include "pleat-colors.h"
#include "pleat-pae-image.h"

/* Colouring 25 M cells through the ramp's stop search would take a second; a table with
 * 1/128 Angstrom steps is indistinguishable from it (under a quarter of a colour unit). */
#define LUT_STEPS 128
#define LUT_SIZE  ((guint) (PLEAT_COLOR_PAE_MAX * LUT_STEPS) + 1)
#define MAX_LEVELS 32

struct _PleatPaeImage
{
  guint   n;
  guint   n_levels;
  guint   size[MAX_LEVELS];
  guint8 *levels[MAX_LEVELS];   /* (size[k], size[k], 3) RGB; level 0 is the matrix */
};

static void
build_level0 (PleatPaeImage *self,
              const float   *pae)
{
  g_autofree guint8 *lut = g_malloc (LUT_SIZE * 3);
  guint8 *out;
  gsize n_cells = (gsize) self->n * self->n;

  for (guint i = 0; i < LUT_SIZE; i++)
    {
      guint8 rgba[4];

      pleat_color_pae ((float) i / LUT_STEPS, rgba);
      memcpy (lut + i * 3, rgba, 3);
    }

  out = self->levels[0] = g_malloc (n_cells * 3);
  for (gsize i = 0; i < n_cells; i++, out += 3)
    {
      float v = pae[i];

      if (isnan (v))
        {
          /* Mol*'s "no score" grey. */
          out[0] = out[1] = out[2] = 0xAA;
          continue;
        }
      v = CLAMP (v, 0.0f, PLEAT_COLOR_PAE_MAX);
      memcpy (out, lut + (guint) (v * LUT_STEPS + 0.5f) * 3, 3);
    }
}

/* Each texel of level k is the mean of the (up to) 2 x 2 texels of level k - 1 it covers. */
static void
build_level (PleatPaeImage *self,
             guint          k)
{
  guint src_size = self->size[k - 1];
  guint size = (src_size + 1) / 2;
  const guint8 *src = self->levels[k - 1];
  guint8 *dst = g_malloc ((gsize) size * size * 3);

  for (guint y = 0; y < size; y++)
    for (guint x = 0; x < size; x++)
      {
        guint sum[3] = { 0, 0, 0 }, count = 0;

        for (guint sy = 2 * y; sy < MIN (2 * y + 2, src_size); sy++)
          for (guint sx = 2 * x; sx < MIN (2 * x + 2, src_size); sx++)
            {
              const guint8 *p = src + ((gsize) sy * src_size + sx) * 3;

              sum[0] += p[0];
              sum[1] += p[1];
              sum[2] += p[2];
              count++;
            }
        for (guint c = 0; c < 3; c++)
          dst[((gsize) y * size + x) * 3 + c] = (guint8) ((sum[c] + count / 2) / count);
      }
  self->size[k] = size;
  self->levels[k] = dst;
}

PleatPaeImage *
pleat_pae_image_new (const float *pae,
                     guint        n)
{
  PleatPaeImage *self;

  g_return_val_if_fail (pae != NULL, NULL);
  g_return_val_if_fail (n > 0, NULL);

  self = g_new0 (PleatPaeImage, 1);
  self->n = n;
  self->size[0] = n;
  build_level0 (self, pae);
  self->n_levels = 1;
  while (self->size[self->n_levels - 1] > 1 && self->n_levels < MAX_LEVELS)
    {
      build_level (self, self->n_levels);
      self->n_levels++;
    }
  return self;
}

void
pleat_pae_image_free (PleatPaeImage *image)
{
  if (image == NULL)
    return;
  for (guint k = 0; k < image->n_levels; k++)
    g_free (image->levels[k]);
  g_free (image);
}

guint
pleat_pae_image_get_size (PleatPaeImage *image)
{
  g_return_val_if_fail (image != NULL, 0);
  return image->n;
}

void
pleat_pae_image_get_cell (PleatPaeImage *image,
                          guint          row,
                          guint          column,
                          guint8         rgb[3])
{
  g_return_if_fail (image != NULL);
  g_return_if_fail (row < image->n && column < image->n);

  memcpy (rgb, image->levels[0] + ((gsize) row * image->n + column) * 3, 3);
}

/* For each output pixel along one axis, the texels [first, last] of a level of this size it
 * takes: the one under its centre when a pixel is narrower than a texel, else those whose
 * centres it covers. */
static void
map_axis (double  origin,
          double  cells_per_pixel,
          double  scale,
          guint   size,
          int     n_pixels,
          guint  *first,
          guint  *last)
{
  double texels_per_pixel = cells_per_pixel / scale;

  for (int p = 0; p < n_pixels; p++)
    {
      double a = (origin + p * cells_per_pixel) / scale;
      double b = (origin + (p + 1) * cells_per_pixel) / scale;
      double lo = floor ((a + b) / 2), hi = lo;

      if (texels_per_pixel > 1.0)
        {
          double ca = ceil (a - 0.5), cb = ceil (b - 0.5) - 1;

          if (cb >= ca)
            {
              lo = ca;
              hi = cb;
            }
        }
      first[p] = (guint) CLAMP (lo, 0, size - 1);
      last[p] = (guint) CLAMP (hi, 0, size - 1);
    }
}

/* For each pixel along one axis, whether any cell it shows is flagged; prefix holds the
 * running count of flags (n + 1 entries). */
static void
map_highlight (const guint  *prefix,
               guint         n,
               double        origin,
               double        cells_per_pixel,
               int           n_pixels,
               guint8       *flagged)
{
  for (int p = 0; p < n_pixels; p++)
    {
      double a = origin + p * cells_per_pixel, b = a + cells_per_pixel;
      double first, end;

      if (cells_per_pixel <= 1.0)
        /* Zoomed in: the one cell drawn (map_axis's nearest). */
        end = (first = floor ((a + b) / 2)) + 1;
      else
        {
          first = floor (a);
          end = MAX (ceil (b), first + 1);
        }
      first = CLAMP (first, 0, n - 1);
      end = CLAMP (end, first + 1, n);
      flagged[p] = prefix[(guint) end] > prefix[(guint) first];
    }
}

GdkTexture *
pleat_pae_image_render (PleatPaeImage *image,
                        double         x,
                        double         y,
                        double         span_x,
                        double         span_y,
                        int            width,
                        int            height,
                        const guint8  *highlight)
{
  g_autofree guint8 *column_flagged = NULL;
  g_autofree guint8 *row_flagged = NULL;
  g_autofree guint *x_first = NULL;
  g_autofree guint *x_last = NULL;
  g_autofree guint *y_first = NULL;
  g_autofree guint *y_last = NULL;
  g_autoptr(GBytes) bytes = NULL;
  double kx, ky, scale = 1;
  guint level = 0, size;
  const guint8 *src;
  guint8 *pixels, *out;
  gsize stride;

  g_return_val_if_fail (image != NULL, NULL);
  g_return_val_if_fail (width > 0 && height > 0, NULL);
  g_return_val_if_fail (span_x > 0 && span_y > 0, NULL);

  kx = span_x / width;
  ky = span_y / height;
  /* The coarsest level whose texels are still no larger than a pixel. */
  while (level + 1 < image->n_levels && MIN (kx, ky) >= 2 * scale)
    {
      level++;
      scale *= 2;
    }
  size = image->size[level];
  src = image->levels[level];

  x_first = g_new (guint, width);
  x_last = g_new (guint, width);
  y_first = g_new (guint, height);
  y_last = g_new (guint, height);
  map_axis (x, kx, scale, size, width, x_first, x_last);
  map_axis (y, ky, scale, size, height, y_first, y_last);

  if (highlight != NULL)
    {
      g_autofree guint *prefix = g_new (guint, image->n + 1);

      prefix[0] = 0;
      for (guint i = 0; i < image->n; i++)
        prefix[i + 1] = prefix[i] + (highlight[i] != 0);
      column_flagged = g_new (guint8, width);
      row_flagged = g_new (guint8, height);
      map_highlight (prefix, image->n, x, kx, width, column_flagged);
      map_highlight (prefix, image->n, y, ky, height, row_flagged);
    }

  stride = (gsize) width * 3;
  out = pixels = g_malloc (stride * height);
  for (int py = 0; py < height; py++)
    for (int px = 0; px < width; px++, out += 3)
      {
        guint sum[3] = { 0, 0, 0 }, count = 0;

        if (y_first[py] == y_last[py] && x_first[px] == x_last[px])
          memcpy (out, src + ((gsize) y_first[py] * size + x_first[px]) * 3, 3);
        else
          {
            for (guint ty = y_first[py]; ty <= y_last[py]; ty++)
              for (guint tx = x_first[px]; tx <= x_last[px]; tx++)
                {
                  const guint8 *p = src + ((gsize) ty * size + tx) * 3;

                  sum[0] += p[0];
                  sum[1] += p[1];
                  sum[2] += p[2];
                  count++;
                }
            for (guint c = 0; c < 3; c++)
              out[c] = (guint8) ((sum[c] + count / 2) / count);
          }
        if (highlight != NULL && !row_flagged[py] && !column_flagged[px])
          /* Rec. 601 luma: the grey keeps the value's lightness. */
          out[0] = out[1] = out[2] = (guint8) ((out[0] * 77 + out[1] * 150 + out[2] * 29
                                                + 128) >> 8);
      }

  bytes = g_bytes_new_take (pixels, stride * height);
  return gdk_memory_texture_new (width, height, GDK_MEMORY_R8G8B8, bytes, stride);
}
