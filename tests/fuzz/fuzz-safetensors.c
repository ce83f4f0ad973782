/* fuzz-safetensors.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libFuzzer target: the safetensors header parser, then every tensor it accepts converted to
 * float32 and float64 (a view that passed validation must be readable in full).
 */
#include "config.h"

#include <stdint.h>

#include "pleat-safetensors.h"
#include "pleat-tensor-convert.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (data, size);
  g_autoptr(PleatSafetensors) st = NULL;
  PleatConvertFuncs funcs;

  st = pleat_safetensors_new_from_bytes (bytes, "fuzz.safetensors", NULL);
  if (st == NULL)
    return 0;
  pleat_convert_funcs_init (&funcs, NULL);
  (void) pleat_safetensors_get_metadata (st, "format");
  for (guint i = 0; i < pleat_safetensors_get_n_tensors (st); i++)
    {
      const PleatTensorView *view = pleat_safetensors_get_tensor (st, i);
      gint64 n = pleat_tensor_view_get_n_elements (view);
      g_autofree float *f32 = g_new (float, MAX (n, 1));
      g_autofree double *f64 = g_new (double, MAX (n, 1));

      g_assert (pleat_safetensors_lookup (st, view->name) == view);
      /* Validation ties every tensor to its bytes: no more elements than the input has. */
      g_assert ((gsize) n * pleat_dtype_get_size (view->dtype) <= size);
      pleat_tensor_view_convert (view, PLEAT_DTYPE_F32, f32, &funcs);
      pleat_tensor_view_convert (view, PLEAT_DTYPE_F64, f64, &funcs);
    }
  return 0;
}
