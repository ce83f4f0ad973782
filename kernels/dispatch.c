/* dispatch.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pleat-kernels.h"

#include <string.h>

static const char *const isa_names[] = {
  [PLEAT_KERNELS_ISA_REF] = "ref",
  [PLEAT_KERNELS_ISA_AVX2] = "avx2",
  [PLEAT_KERNELS_ISA_AVX512] = "avx512",
  [PLEAT_KERNELS_ISA_NEON] = "neon",
};

const char *
pleat_kernels_isa_name (PleatKernelsIsa isa)
{
  if ((size_t) isa < sizeof isa_names / sizeof isa_names[0])
    return isa_names[isa];
  return "unknown";
}

bool
pleat_kernels_isa_parse (const char      *name,
                         PleatKernelsIsa *isa)
{
  for (size_t i = 0; i < sizeof isa_names / sizeof isa_names[0]; i++)
    if (strcmp (name, isa_names[i]) == 0)
      {
        *isa = (PleatKernelsIsa) i;
        return true;
      }
  return false;
}

bool
pleat_kernels_init (PleatKernels           *table,
                    const PleatCpuFeatures *features,
                    PleatKernelsIsa         max_isa)
{
  (void) features;
  memset (table, 0, sizeof *table);
  table->isa = PLEAT_KERNELS_ISA_REF;
  table->convert_f16_f32 = pleat_kern_convert_f16_f32_ref;
  table->convert_bf16_f32 = pleat_kern_convert_bf16_f32_ref;
  return max_isa == PLEAT_KERNELS_ISA_REF;
}
