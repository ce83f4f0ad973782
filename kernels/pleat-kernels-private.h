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
