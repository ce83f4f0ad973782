/* pleat-xshot.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Screenshots the X display ($DISPLAY) as a person would see it, saves it as PNG and checks
 * that it shows a structure colored by pLDDT: every AlphaFold DB band present in quantity.
 * Exit status 0 when it does, 1 when not (yet), 2 on errors. Used by app-screenshot.sh, which
 * retries until the application has drawn its first frame.
 * Usage: pleat-xshot OUT.png [MIN_PIXELS_PER_BAND]
 */
#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <X11/Xlib.h>
#include <X11/Xutil.h>

#include "pleat-test-gl.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GError) error = NULL;
  guint counts[PLEAT_TEST_N_BANDS];
  guint min_pixels = argc > 2 ? (guint) g_ascii_strtoull (argv[2], NULL, 10) : 150;
  Display *display;
  XImage *image;
  XWindowAttributes attributes;
  Window root;
  guint8 *rgba;
  gboolean ok = TRUE;

  if (argc < 2)
    {
      g_printerr ("usage: %s OUT.png [MIN_PIXELS_PER_BAND]\n", argv[0]);
      return 2;
    }

  display = XOpenDisplay (NULL);
  if (display == NULL)
    {
      g_printerr ("cannot open display %s\n", g_getenv ("DISPLAY"));
      return 2;
    }
  root = DefaultRootWindow (display);
  XGetWindowAttributes (display, root, &attributes);
  image = XGetImage (display, root, 0, 0, attributes.width, attributes.height, AllPlanes,
                     ZPixmap);
  if (image == NULL)
    {
      g_printerr ("XGetImage failed\n");
      XCloseDisplay (display);
      return 2;
    }

  rgba = g_malloc ((gsize) image->width * image->height * 4);
  for (int y = 0; y < image->height; y++)
    for (int x = 0; x < image->width; x++)
      {
        unsigned long pixel = XGetPixel (image, x, y);
        guint8 *p = rgba + ((gsize) y * image->width + x) * 4;

        /* Xvfb's 24-bit TrueColor visual: 0xRRGGBB. */
        p[0] = (pixel >> 16) & 0xff;
        p[1] = (pixel >> 8) & 0xff;
        p[2] = pixel & 0xff;
        p[3] = 0xff;
      }

  pleat_test_count_bands (rgba, image->width * 4, 0, 0, image->width, image->height, counts);
  g_print ("very high %u, confident %u, low %u, very low %u\n", counts[0], counts[1],
           counts[2], counts[3]);
  for (int band = 0; band < PLEAT_TEST_N_BANDS; band++)
    if (counts[band] < min_pixels)
      ok = FALSE;

  pixbuf = gdk_pixbuf_new_from_data (rgba, GDK_COLORSPACE_RGB, TRUE, 8, image->width,
                                     image->height, image->width * 4, NULL, NULL);
  if (!gdk_pixbuf_save (pixbuf, argv[1], "png", &error, NULL))
    {
      g_printerr ("%s\n", error->message);
      ok = FALSE;
    }

  g_clear_object (&pixbuf);
  g_free (rgba);
  XDestroyImage (image);
  XCloseDisplay (display);
  return ok ? 0 : 1;
}
