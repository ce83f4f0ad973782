/* pleat-kernels-private.h
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The non-reference entries dispatch.c puts into the tables: OpenBLAS (blas/) and the ISA
 * variants (x86/). Callers go through the table, never through these names.
 */
#pragma once

#include "pleat-kernels.h"

void pleat_kern_matmul_f32_blas         (bool         trans_a,
                                         bool         trans_b,
                                         size_t       m,
                                         size_t       n,
                                         size_t       k,
                                         float        alpha,
                                         const float *a,
                                         size_t       lda,
                                         const float *b,
                                         size_t       ldb,
                                         float        beta,
                                         float       *c,
                                         size_t       ldc);
void pleat_kern_matmul_batched_f32_blas (size_t       n_batch,
                                         bool         trans_a,
                                         bool         trans_b,
                                         size_t       m,
                                         size_t       n,
                                         size_t       k,
                                         float        alpha,
                                         const float *a,
                                         size_t       lda,
                                         size_t       stride_a,
                                         const float *b,
                                         size_t       ldb,
                                         size_t       stride_b,
                                         float        beta,
                                         float       *c,
                                         size_t       ldc,
                                         size_t       stride_c);
void pleat_kern_linear_f32_blas         (const float *x,
                                         size_t       ld_x,
                                         const float *weight,
                                         const float *bias,
                                         float       *y,
                                         size_t       ld_y,
                                         size_t       n_rows,
                                         size_t       n_in,
                                         size_t       n_out,
                                         bool         accumulate);

/* Each ISA library overrides the entries it has variants for (x86/init-<isa>.c). */
void pleat_kernels_init_avx2   (PleatKernels *table);
void pleat_kernels_init_avx512 (PleatKernels *table);

/* The ops each x86 ISA has variants of, with the signatures of the reference ones. */
#define PLEAT_DECLARE_X86_KERNELS(isa) \
  void pleat_kern_layer_norm_f32_##isa   (const float *x, size_t ld_x, const float *gamma, \
                                          const float *beta, float eps, float *y, \
                                          size_t ld_y, size_t n_rows, size_t d); \
  void pleat_kern_rms_norm_f32_##isa     (const float *x, size_t ld_x, const float *gamma, \
                                          float eps, float *y, size_t ld_y, size_t n_rows, \
                                          size_t d); \
  void pleat_kern_softmax_f32_##isa      (float *x, size_t ld_x, const float *bias, \
                                          size_t ld_bias, const uint8_t *mask, \
                                          size_t ld_mask, float mask_bias, size_t n_rows, \
                                          size_t n_cols); \
  void pleat_kern_gelu_f32_##isa         (const float *x, float *y, size_t n); \
  void pleat_kern_silu_f32_##isa         (const float *x, float *y, size_t n); \
  void pleat_kern_sigmoid_f32_##isa      (const float *x, float *y, size_t n); \
  void pleat_kern_gate_sigmoid_f32_##isa (const float *a, const float *b, float *y, size_t n); \
  void pleat_kern_swiglu_f32_##isa       (const float *a, const float *b, float *y, size_t n); \
  uint64_t pleat_kern_fma_probe_f32_##isa (uint64_t n_iter, float *sink);

PLEAT_DECLARE_X86_KERNELS (avx2)
PLEAT_DECLARE_X86_KERNELS (avx512)

void pleat_kern_convert_f16_f32_avx2 (const uint16_t *src,
                                      float          *dst,
                                      size_t          n);
