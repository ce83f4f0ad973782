/* pleat-kernels.h
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The kernel table: every compute op the models need, as function pointers filled with the
 * reference implementation first and then overridden by the best ISA variant the CPU has.
 * Kernels are pure: they never allocate, never create threads and keep no state. Work is
 * split by the caller through PleatParallel (the engine's pool implements it).
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct
{
  bool avx2;
  bool fma;
  bool f16c;
  bool avx512f;
  bool avx512bw;
  bool avx512vl;
  bool avx512_bf16;
  bool neon;
} PleatCpuFeatures;

typedef enum
{
  PLEAT_KERNELS_ISA_REF,
  PLEAT_KERNELS_ISA_AVX2,
  PLEAT_KERNELS_ISA_AVX512,
  PLEAT_KERNELS_ISA_NEON,
} PleatKernelsIsa;

/* A range of work [begin, end) run by worker ith (0 <= ith < n_threads), so that a kernel can
 * index per-thread scratch. */
typedef void (*PleatRangeFunc) (void       *ctx,
                                size_t      begin,
                                size_t      end,
                                int         ith);

/* The caller's fork/join: splits [0, n) into ranges of at least grain items, runs fn on
 * them and returns when all are done (a barrier). Kernels never create threads themselves. */
typedef struct
{
  void (*parallel_for) (void          *pool,
                        size_t         n,
                        size_t         grain,
                        PleatRangeFunc fn,
                        void          *ctx);
  void *pool;
  int   n_threads;
} PleatParallel;

typedef struct PleatKernels PleatKernels;

typedef void (*PleatKernConvertFunc) (const uint16_t *src,
                                      float          *dst,
                                      size_t          n);

struct PleatKernels
{
  PleatKernelsIsa      isa;

  /* Half-precision weights widened to float32 (exact). src and dst: (n,) */
  PleatKernConvertFunc convert_f16_f32;
  PleatKernConvertFunc convert_bf16_f32;
};

/* Reference implementations, callable directly (the ground truth for every variant). */
void pleat_kern_convert_f16_f32_ref  (const uint16_t *src,
                                      float          *dst,
                                      size_t          n);
void pleat_kern_convert_bf16_f32_ref (const uint16_t *src,
                                      float          *dst,
                                      size_t          n);

void        pleat_cpu_features_detect (PleatCpuFeatures *features);
const char *pleat_kernels_isa_name    (PleatKernelsIsa   isa);
bool        pleat_kernels_isa_parse   (const char       *name,
                                       PleatKernelsIsa  *isa);
/* Fills table with the best variants up to max_isa that features allow. Returns false when
 * max_isa is not supported by this CPU or build (the table then holds the best it can). */
bool        pleat_kernels_init        (PleatKernels           *table,
                                       const PleatCpuFeatures *features,
                                       PleatKernelsIsa         max_isa);
