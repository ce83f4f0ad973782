/* cpu-features.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pleat-kernels.h"

#include <string.h>

void
pleat_cpu_features_detect (PleatCpuFeatures *features)
{
  memset (features, 0, sizeof *features);
#if defined(__x86_64__) || defined(__i386__)
  __builtin_cpu_init ();
  features->avx2 = __builtin_cpu_supports ("avx2");
  features->fma = __builtin_cpu_supports ("fma");
  features->avx512f = __builtin_cpu_supports ("avx512f");
  features->avx512bw = __builtin_cpu_supports ("avx512bw");
  features->avx512vl = __builtin_cpu_supports ("avx512vl");
#elif defined(__aarch64__)
  features->neon = true;
#endif
}
