/* pleat-test-gl.h
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Test helpers for GL work without a display: an EGL surfaceless context (Mesa), and pixel
 * classification by the AlphaFold DB pLDDT band colors.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Makes a GL 3.3 core (use_es FALSE) or GLES 3.0 context current on this thread. The EGL
 * display is opened once per process and never terminated: terminating unloads Mesa's driver,
 * whose one-off allocations LeakSanitizer could then no longer attribute. Aborts the test with
 * a message when EGL or the context is not available. */
void pleat_test_gl_make_current  (gboolean use_es);
void pleat_test_gl_release       (void);

typedef enum
{
  PLEAT_TEST_BAND_NONE = -1,
  PLEAT_TEST_BAND_VERY_HIGH,     /* #0053D6, pLDDT > 90 */
  PLEAT_TEST_BAND_CONFIDENT,     /* #65CBF3, 70-90 */
  PLEAT_TEST_BAND_LOW,           /* #FFDB13, 50-70 */
  PLEAT_TEST_BAND_VERY_LOW,      /* #FF7D45, < 50 */
  PLEAT_TEST_N_BANDS
} PleatTestBand;

/* The band whose color, scaled by some shading factor in [0.25, 1.15], is within a small
 * distance of this pixel; PLEAT_TEST_BAND_NONE for background, highlights and edges. */
PleatTestBand pleat_test_classify_band (const guint8 rgb[3]);

/* Counts the pixels of each band in a rectangle of an RGBA image (rows top to bottom). */
void          pleat_test_count_bands   (const guint8 *rgba,
                                        int           stride,
                                        int           x,
                                        int           y,
                                        int           width,
                                        int           height,
                                        guint         counts[PLEAT_TEST_N_BANDS]);

G_END_DECLS
