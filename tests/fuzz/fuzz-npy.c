/* fuzz-npy.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libFuzzer target: the .npy header parser, then every accepted array converted to float32,
 * which touches each element the view describes.
 */
#include "config.h"

#include <stdint.h>

#include "pleat-npy.h"
#include "pleat-tensor-convert.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autofree float *values = NULL;
  PleatTensorView view;
  PleatConvertFuncs funcs;
  gint64 n;

  if (!pleat_npy_parse (data, size, "fuzz.npy", &view, &error))
    {
      g_assert (error != NULL);
      return 0;
    }
  n = pleat_tensor_view_get_n_elements (&view);
  /* The parser promised the elements lie in the input. */
  g_assert (n >= 0 && (guint64) n * pleat_dtype_get_size (view.dtype) <= size);
  g_assert (n == 0 || (view.data >= data && view.data < data + size));
  values = g_new (float, MAX (n, 1));
  pleat_convert_funcs_init (&funcs, NULL);
  pleat_tensor_view_convert (&view, PLEAT_DTYPE_F32, values, &funcs);
  return 0;
}
