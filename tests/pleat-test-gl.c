/* pleat-test-gl.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <epoxy/egl.h>
#include <math.h>

#include "pleat-test-gl.h"

/* One display and one context of each kind per process, deliberately kept until exit. */
typedef struct
{
  EGLDisplay display;
  EGLContext contexts[2];
} TestEgl;

static TestEgl *
test_egl_get (void)
{
  static TestEgl egl = { EGL_NO_DISPLAY, { EGL_NO_CONTEXT, EGL_NO_CONTEXT } };

  if (egl.display == EGL_NO_DISPLAY)
    {
      EGLint major = 0;
      EGLint minor = 0;

      egl.display = eglGetPlatformDisplayEXT (EGL_PLATFORM_SURFACELESS_MESA, EGL_DEFAULT_DISPLAY,
                                              NULL);
      if (egl.display == EGL_NO_DISPLAY || !eglInitialize (egl.display, &major, &minor))
        g_error ("No EGL surfaceless display (Mesa's EGL): 0x%x", eglGetError ());
    }
  return &egl;
}

void
pleat_test_gl_make_current (gboolean use_es)
{
  TestEgl *egl = test_egl_get ();
  EGLContext *context = &egl->contexts[use_es ? 1 : 0];

  if (*context == EGL_NO_CONTEXT)
    {
      const EGLint config_attribs[] = {
        EGL_RENDERABLE_TYPE, use_es ? EGL_OPENGL_ES3_BIT : EGL_OPENGL_BIT,
        EGL_SURFACE_TYPE, EGL_PBUFFER_BIT,
        EGL_RED_SIZE, 8, EGL_GREEN_SIZE, 8, EGL_BLUE_SIZE, 8,
        EGL_NONE
      };
      const EGLint desktop_attribs[] = {
        EGL_CONTEXT_MAJOR_VERSION, 3, EGL_CONTEXT_MINOR_VERSION, 3,
        EGL_CONTEXT_OPENGL_PROFILE_MASK, EGL_CONTEXT_OPENGL_CORE_PROFILE_BIT,
        EGL_NONE
      };
      const EGLint es_attribs[] = {
        EGL_CONTEXT_MAJOR_VERSION, 3, EGL_CONTEXT_MINOR_VERSION, 0,
        EGL_NONE
      };
      EGLConfig config;
      EGLint n_configs = 0;

      if (!eglBindAPI (use_es ? EGL_OPENGL_ES_API : EGL_OPENGL_API) ||
          !eglChooseConfig (egl->display, config_attribs, &config, 1, &n_configs) ||
          n_configs < 1)
        g_error ("No EGL config for %s: 0x%x", use_es ? "GLES 3" : "GL 3.3", eglGetError ());

      *context = eglCreateContext (egl->display, config, EGL_NO_CONTEXT,
                                   use_es ? es_attribs : desktop_attribs);
      if (*context == EGL_NO_CONTEXT)
        g_error ("No %s context: 0x%x", use_es ? "GLES 3" : "GL 3.3", eglGetError ());
    }

  eglBindAPI (use_es ? EGL_OPENGL_ES_API : EGL_OPENGL_API);
  if (!eglMakeCurrent (egl->display, EGL_NO_SURFACE, EGL_NO_SURFACE, *context))
    g_error ("eglMakeCurrent failed: 0x%x", eglGetError ());
}

void
pleat_test_gl_release (void)
{
  TestEgl *egl = test_egl_get ();

  eglMakeCurrent (egl->display, EGL_NO_SURFACE, EGL_NO_SURFACE, EGL_NO_CONTEXT);
}

static const guint8 band_colors[PLEAT_TEST_N_BANDS][3] = {
  { 0x00, 0x53, 0xd6 },
  { 0x65, 0xcb, 0xf3 },
  { 0xff, 0xdb, 0x13 },
  { 0xff, 0x7d, 0x45 },
};

PleatTestBand
pleat_test_classify_band (const guint8 rgb[3])
{
  for (int band = 0; band < PLEAT_TEST_N_BANDS; band++)
    {
      const guint8 *c = band_colors[band];
      double dot = 0;
      double norm = 0;
      double residual = 0;
      double k;

      for (int i = 0; i < 3; i++)
        {
          dot += (double) rgb[i] * c[i];
          norm += (double) c[i] * c[i];
        }
      k = dot / norm;
      if (k < 0.25 || k > 1.15)
        continue;
      for (int i = 0; i < 3; i++)
        residual += (rgb[i] - k * c[i]) * (rgb[i] - k * c[i]);
      /* Shading scales a color; a small distance from the scaled band color is that band. */
      if (sqrt (residual) < 14.0 + 10.0 * k)
        return band;
    }
  return PLEAT_TEST_BAND_NONE;
}

void
pleat_test_count_bands (const guint8 *rgba,
                        int           stride,
                        int           x,
                        int           y,
                        int           width,
                        int           height,
                        guint         counts[PLEAT_TEST_N_BANDS])
{
  for (int band = 0; band < PLEAT_TEST_N_BANDS; band++)
    counts[band] = 0;

  for (int row = y; row < y + height; row++)
    for (int col = x; col < x + width; col++)
      {
        PleatTestBand band = pleat_test_classify_band (rgba + (gsize) row * stride + col * 4);

        if (band != PLEAT_TEST_BAND_NONE)
          counts[band]++;
      }
}
