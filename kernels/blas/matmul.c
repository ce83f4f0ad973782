/* matmul.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Matrix products through OpenBLAS, the entries every kernel table uses whatever the ISA:
 * OpenBLAS picks its own micro-kernels for the CPU, and beats anything we would write for the
 * well-shaped GEMMs of the models. This is the only file that includes cblas.h.
 */
#include "pleat-kernels-private.h"

#include <assert.h>
#include <cblas.h>
#include <limits.h>

/* Debian's OpenBLAS uses 32-bit integers for sizes. */
static inline blasint
to_blasint (size_t v)
{
  assert (v <= (size_t) INT_MAX);
  return (blasint) v;
}

/* C = beta * C, which BLAS does for k == 0 too; done here so that an empty inner dimension
 * never reaches OpenBLAS with a zero leading dimension. */
static void
scale_c (size_t  m,
         size_t  n,
         float   beta,
         float  *c,
         size_t  ldc)
{
  for (size_t i = 0; i < m; i++)
    for (size_t j = 0; j < n; j++)
      c[i * ldc + j] = beta == 0.0f ? 0.0f : beta * c[i * ldc + j];
}

void
pleat_kern_matmul_f32_blas (bool         trans_a,
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
  if (m == 0 || n == 0)
    return;
  if (k == 0)
    {
      scale_c (m, n, beta, c, ldc);
      return;
    }
  cblas_sgemm (CblasRowMajor,
               trans_a ? CblasTrans : CblasNoTrans,
               trans_b ? CblasTrans : CblasNoTrans,
               to_blasint (m), to_blasint (n), to_blasint (k),
               alpha, a, to_blasint (lda), b, to_blasint (ldb),
               beta, c, to_blasint (ldc));
}

void
pleat_kern_matmul_batched_f32_blas (size_t       n_batch,
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
  /* OpenBLAS 0.3.21 has no batched sgemm; a loop of calls costs little next to the L³ work
   * of each problem at the sizes the models batch (128 channels of L×L×L). */
  for (size_t i = 0; i < n_batch; i++)
    pleat_kern_matmul_f32_blas (trans_a, trans_b, m, n, k, alpha,
                                a + i * stride_a, lda, b + i * stride_b, ldb,
                                beta, c + i * stride_c, ldc);
}

void
pleat_kern_linear_f32_blas (const float *x,
                            size_t       ld_x,
                            const float *weight,
                            const float *bias,
                            float       *y,
                            size_t       ld_y,
                            size_t       n_rows,
                            size_t       n_in,
                            size_t       n_out,
                            bool         accumulate)
{
  float beta = accumulate ? 1.0f : 0.0f;

  if (n_rows == 0 || n_out == 0)
    return;

  if (n_in == 0)
    scale_c (n_rows, n_out, beta, y, ld_y);
  else if (n_rows == 1)
    cblas_sgemv (CblasRowMajor, CblasNoTrans, to_blasint (n_out), to_blasint (n_in),
                 1.0f, weight, to_blasint (n_in), x, 1, beta, y, 1);
  else
    cblas_sgemm (CblasRowMajor, CblasNoTrans, CblasTrans,
                 to_blasint (n_rows), to_blasint (n_out), to_blasint (n_in),
                 1.0f, x, to_blasint (ld_x), weight, to_blasint (n_in),
                 beta, y, to_blasint (ld_y));

  if (bias != NULL)
    pleat_kern_add_bias_f32_ref (y, ld_y, bias, n_rows, n_out);
}

void
pleat_kernels_set_blas_threads (int n_threads)
{
  openblas_set_num_threads (n_threads);
}

int
pleat_kernels_get_blas_threads (void)
{
  return openblas_get_num_threads ();
}
