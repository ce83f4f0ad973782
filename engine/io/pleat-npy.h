/* pleat-npy.h
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * NumPy's .npy format (format versions 1.0, 2.0 and 3.0): a magic string, a header that is a
 * Python dict literal ({'descr': '<f4', 'fortran_order': False, 'shape': (N, N), }), then the
 * raw elements. Only little-endian float16, float32 and float64 arrays are read, in C or
 * Fortran order: what predictors save their confidences as. Object arrays (pickles) and
 * structured dtypes are refused.
 */
#pragma once

#include <glib.h>

#include "pleat-dtype.h"

G_BEGIN_DECLS

/* Fills view with a strided view of the array in data (view->data points into data; view->name
 * is NULL). display_name names the file in error messages. */
gboolean pleat_npy_parse (const guint8     *data,
                          gsize             size,
                          const char       *display_name,
                          PleatTensorView  *view,
                          GError          **error);

G_END_DECLS
