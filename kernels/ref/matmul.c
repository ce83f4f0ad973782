/* matmul.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Matrix products as plain loops: the ground truth the OpenBLAS entries are tested against.
 * The kernel tables never use these: their matmul entries call OpenBLAS (see blas/).
 */
#include "pleat-kernels.h"

static inline float
element (const float *m,
         size_t       ld,
         bool         trans,
         size_t       row,
         size_t       col)
{
  return trans ? m[col * ld + row] : m[row * ld + col];
}

void
pleat_kern_matmul_f32_ref (bool         trans_a,
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
                           size_t       ldc)
{
  for (size_t i = 0; i < m; i++)
    for (size_t j = 0; j < n; j++)
      {
        double acc = 0.0;
        double old;

        for (size_t p = 0; p < k; p++)
          acc += (double) element (a, lda, trans_a, i, p) * element (b, ldb, trans_b, p, j);
        /* beta == 0 must ignore c entirely, NaN included, as BLAS does. */
        old = beta == 0.0f ? 0.0 : (double) beta * c[i * ldc + j];
        c[i * ldc + j] = (float) (alpha * acc + old);
      }
}

void
pleat_kern_matmul_batched_f32_ref (size_t       n_batch,
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
                                   size_t       stride_c)
{
  for (size_t i = 0; i < n_batch; i++)
    pleat_kern_matmul_f32_ref (trans_a, trans_b, m, n, k, alpha,
                               a + i * stride_a, lda, b + i * stride_b, ldb,
                               beta, c + i * stride_c, ldc);
}
