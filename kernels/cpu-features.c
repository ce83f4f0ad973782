/* cpu-features.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pleat-kernels.h"

#include <string.h>

#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>
#endif

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
  {
    /* F16C is CPUID.1:ECX bit 29 (not every compiler's __builtin_cpu_supports knows it); it
     * uses the AVX register state, which the avx2 check above already requires. */
    unsigned int eax, ebx, ecx, edx;

    if (__get_cpuid (1, &eax, &ebx, &ecx, &edx))
      features->f16c = (ecx & (1u << 29)) != 0;
  }
#elif defined(__aarch64__)
  features->neon = true;
#endif
}
