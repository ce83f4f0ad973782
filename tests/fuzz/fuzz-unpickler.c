/* fuzz-unpickler.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libFuzzer target: the restricted unpickler and the state-dict reading on top of it, with no
 * zip around: every storage a pickle names exists and has exactly the size its record
 * declares (up to a bound), so that the fuzzer reaches the tensor views, which are then read
 * in full.
 */
#include "config.h"

#include <stdint.h>

#include "pleat-tensor-convert.h"
#include "pleat-torch-checkpoint-private.h"

#define MAX_STORAGE_BYTES (1 << 20)
#define MAX_ELEMENTS (1 << 20)

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

/* Every storage shares one zeroed buffer: tensors only read it. */
static const guint8 *
storage_cb (const char  *key,
            PleatDType   dtype,
            gint64       numel,
            gsize       *n_bytes,
            gpointer     user_data,
            GError     **error)
{
  static const guint8 zeros[MAX_STORAGE_BYTES];
  gsize elsize = pleat_dtype_get_size (dtype);

  if (numel < 0 || (guint64) numel > MAX_STORAGE_BYTES / elsize)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "storage too large to fuzz");
      return NULL;
    }
  *n_bytes = (gsize) numel * elsize;
  return zeros;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(PleatTorchCheckpoint) ckpt = NULL;
  PleatConvertFuncs funcs;

  ckpt = _pleat_torch_checkpoint_new_from_pickle (data, size, "fuzz.pkl", storage_cb, NULL,
                                                  NULL);
  if (ckpt == NULL)
    return 0;
  pleat_convert_funcs_init (&funcs, NULL);
  for (guint i = 0; i < pleat_torch_checkpoint_get_n_tensors (ckpt); i++)
    {
      const PleatTensorView *view = pleat_torch_checkpoint_get_tensor (ckpt, i);
      gint64 n = pleat_tensor_view_get_n_elements (view);
      g_autofree double *f64 = NULL;

      g_assert (pleat_torch_checkpoint_lookup (ckpt, view->name) == view);
      if (n > MAX_ELEMENTS)
        continue;
      f64 = g_new (double, MAX (n, 1));
      pleat_tensor_view_convert (view, PLEAT_DTYPE_F64, f64, &funcs);
    }
  return 0;
}
