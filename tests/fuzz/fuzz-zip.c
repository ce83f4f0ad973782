/* fuzz-zip.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libFuzzer target: the zip reader (every accepted entry's bytes are read), then the same with
 * deflated entries allowed (every entry inflated and CRC-checked, as .npz files are read), then
 * the whole PyTorch checkpoint path on the same bytes: the data.pkl, the storages and every
 * tensor converted to float32.
 */
#include "config.h"

#include <stdint.h>

#include "pleat-tensor-convert.h"
#include "pleat-torch-checkpoint.h"
#include "pleat-zip.h"

/* Views may repeat elements (stride 0): bound the work per tensor. */
#define MAX_ELEMENTS (1 << 20)
/* What an entry may inflate to here: DEFLATE's ratio bound keeps small inputs below it anyway. */
#define MAX_INFLATED (1 << 24)

static guint
read_deflated (GBytes *bytes)
{
  g_autoptr(PleatZip) zip = pleat_zip_new_from_bytes_full (bytes, "fuzz.npz",
                                                           PLEAT_ZIP_ALLOW_DEFLATE, NULL);
  guint sum = 0;

  if (zip == NULL)
    return 0;
  for (guint i = 0; i < pleat_zip_get_n_entries (zip); i++)
    {
      const PleatZipEntry *entry = pleat_zip_get_entry (zip, i);
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) contents = pleat_zip_dup_entry_bytes (zip, entry, MAX_INFLATED, &error);
      const guint8 *data;
      gsize size;

      g_assert ((contents == NULL) == (error != NULL));
      if (contents == NULL)
        continue;
      data = g_bytes_get_data (contents, &size);
      g_assert (size == entry->size);
      for (gsize k = 0; k < size; k++)
        sum += data[k];
    }
  return sum;
}

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (data, size);
  g_autoptr(PleatZip) zip = NULL;
  g_autoptr(PleatTorchCheckpoint) ckpt = NULL;
  PleatConvertFuncs funcs;
  guint sum = 0;

  sum += read_deflated (bytes);
  zip = pleat_zip_new_from_bytes (bytes, "fuzz.zip", NULL);
  if (zip == NULL)
    return sum == 0xdeadbeef;
  for (guint i = 0; i < pleat_zip_get_n_entries (zip); i++)
    {
      const PleatZipEntry *entry = pleat_zip_get_entry (zip, i);

      g_assert (pleat_zip_lookup (zip, entry->name) == entry);
      g_assert (entry->method == PLEAT_ZIP_METHOD_STORED);
      g_assert (entry->data >= data && entry->size <= size &&
                (gsize) (entry->data - data) <= size - entry->size);
      for (guint64 k = 0; k < entry->size; k++)
        sum += entry->data[k];
    }

  ckpt = pleat_torch_checkpoint_new_from_bytes (bytes, "fuzz.pt", NULL);
  if (ckpt == NULL)
    return sum == 0xdeadbeef;
  pleat_convert_funcs_init (&funcs, NULL);
  for (guint i = 0; i < pleat_torch_checkpoint_get_n_tensors (ckpt); i++)
    {
      const PleatTensorView *view = pleat_torch_checkpoint_get_tensor (ckpt, i);
      gint64 n = pleat_tensor_view_get_n_elements (view);
      g_autofree float *f32 = NULL;

      if (n > MAX_ELEMENTS)
        continue;
      f32 = g_new (float, MAX (n, 1));
      pleat_tensor_view_convert (view, PLEAT_DTYPE_F32, f32, &funcs);
    }
  return 0;
}
