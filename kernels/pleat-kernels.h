/* pleat-kernels.h
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The kernel table: every compute op the models need, as function pointers filled with the
 * reference implementation first and then overridden by the best ISA variant the CPU has.
 * Kernels are pure: they never allocate, never create threads and keep no state. Work is
 * split by the caller through PleatParallel (the engine's pool implements it); the layer-level
 * composites in layers/pleat-layers.h do that splitting for the common cases.
 *
 * Conventions for every op below:
 * - Tensors are float32, row-major. A matrix argument `x` with a leading dimension `ld_x` has
 *   element (r, c) at x[r * ld_x + c]; ld_x >= its number of columns. Shapes are given in the
 *   comment after each argument, e.g. x: (n_rows, ld_x).
 * - Unless an op says otherwise the output may alias the input exactly (y == x: in place), but
 *   must not partially overlap it.
 * - Sizes of 0 are allowed and do nothing.
 * - Matrix products use OpenBLAS (cblas_sgemm) in every table: OpenBLAS does its own CPU
 *   dispatch, so the ISA only selects our own element-wise and row-wise loops. OpenBLAS must be
 *   set to one thread when these ops are called from several threads at once (PleatCompute does
 *   that; see pleat_kernels_set_blas_threads()).
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
 * them and returns when all are done (a barrier). Kernels never create threads themselves.
 * Every index in [0, n) is passed to fn exactly once. Not reentrant: fn must not call
 * parallel_for on the same pool. */
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

/* ---- Function types (one per op family; the table below says which op is which) ---- */

typedef void (*PleatKernConvertFunc) (const uint16_t *src,
                                      float          *dst,
                                      size_t          n);

/* c = alpha * op(a) · op(b) + beta * c, exactly cblas_sgemm in row-major order. op(a) is
 * (m, k): a is (m, lda) or, when trans_a, (k, lda). op(b) is (k, n): b is (k, ldb) or, when
 * trans_b, (n, ldb). c is (m, ldc). beta == 0 ignores the old contents of c (even NaN). */
typedef void (*PleatKernMatmulFunc) (bool         trans_a,
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

/* n_batch independent matmuls: problem i uses a + i * stride_a, b + i * stride_b and
 * c + i * stride_c (strides in floats; stride_a or stride_b may be 0 to share an operand). */
typedef void (*PleatKernMatmulBatchedFunc) (size_t       n_batch,
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

/* A PyTorch nn.Linear: y = x · weightᵀ + bias, or y += x · weightᵀ + bias when accumulate (a
 * fused residual add). y must not alias x. */
typedef void (*PleatKernLinearFunc) (const float *x,          /* (n_rows, ld_x), n_in used */
                                     size_t       ld_x,
                                     const float *weight,     /* (n_out, n_in) as stored */
                                     const float *bias,       /* (n_out) or NULL */
                                     float       *y,          /* (n_rows, ld_y), n_out used */
                                     size_t       ld_y,
                                     size_t       n_rows,
                                     size_t       n_in,
                                     size_t       n_out,
                                     bool         accumulate);

/* torch.nn.functional.layer_norm over the last dim (biased variance):
 * y = (x - mean) / sqrt(var + eps) * gamma + beta. gamma and beta are optional (NULL: 1 and 0),
 * which also covers the weight-only and no-affine LayerNorms of ESMFold2. */
typedef void (*PleatKernLayerNormFunc) (const float *x,       /* (n_rows, ld_x), d used */
                                        size_t       ld_x,
                                        const float *gamma,   /* (d) or NULL */
                                        const float *beta,    /* (d) or NULL */
                                        float        eps,
                                        float       *y,       /* (n_rows, ld_y) */
                                        size_t       ld_y,
                                        size_t       n_rows,
                                        size_t       d);

/* RMSNorm: y = x / sqrt(mean(x²) + eps) * gamma (gamma NULL: no weight). */
typedef void (*PleatKernRmsNormFunc) (const float *x,         /* (n_rows, ld_x), d used */
                                      size_t       ld_x,
                                      const float *gamma,     /* (d) or NULL */
                                      float        eps,
                                      float       *y,         /* (n_rows, ld_y) */
                                      size_t       ld_y,
                                      size_t       n_rows,
                                      size_t       d);

/* Softmax over each row, in place: x[r] = softmax (x[r] + bias[r] + masked[r] * mask_bias),
 * where masked[r][c] is (mask[r * ld_mask + c] == 0). bias and mask are optional; ld_bias == 0
 * or ld_mask == 0 shares one row among all rows (a key mask). mask_bias is what the reference
 * adds to masked logits: -1e9 for openfold's inf * (mask - 1), or -INFINITY for masked_fill.
 * A row in which every logit is -inf (fully masked with -INFINITY) becomes all zeros, never
 * NaN; with a finite mask_bias it becomes what the reference computes (near uniform). */
typedef void (*PleatKernSoftmaxFunc) (float         *x,       /* (n_rows, ld_x), n_cols used */
                                      size_t         ld_x,
                                      const float   *bias,    /* (n_rows, ld_bias) or NULL */
                                      size_t         ld_bias,
                                      const uint8_t *mask,    /* (n_rows, ld_mask) or NULL */
                                      size_t         ld_mask,
                                      float          mask_bias,
                                      size_t         n_rows,
                                      size_t         n_cols);

/* y = f (x) element-wise: GELU (erf form, = F.gelu), ReLU, SiLU, sigmoid. */
typedef void (*PleatKernUnaryFunc) (const float *x,           /* (n) */
                                    float       *y,           /* (n), may be x */
                                    size_t       n);

/* y = f (a, b) element-wise: add (a + b), mul (a * b), gate_sigmoid (a * sigmoid (b)) and
 * swiglu (silu (a) * b). y may be a or b. */
typedef void (*PleatKernBinaryFunc) (const float *a,          /* (n) */
                                     const float *b,          /* (n) */
                                     float       *y,          /* (n) */
                                     size_t       n);

/* y = alpha * x. */
typedef void (*PleatKernScaleFunc) (const float *x,           /* (n) */
                                    float        alpha,
                                    float       *y,           /* (n), may be x */
                                    size_t       n);

/* y += alpha * x (a residual add when alpha = 1). y must not alias x. */
typedef void (*PleatKernAxpyFunc) (float        alpha,
                                   const float *x,            /* (n) */
                                   float       *y,            /* (n) */
                                   size_t       n);

/* x[r, c] += bias[c] for every row. */
typedef void (*PleatKernAddBiasFunc) (float       *x,         /* (n_rows, ld_x), d used */
                                      size_t       ld_x,
                                      const float *bias,      /* (d) */
                                      size_t       n_rows,
                                      size_t       d);

/* dst[c, r] = src[r, c]. dst must not overlap src. */
typedef void (*PleatKernTransposeFunc) (const float *src,     /* (n_rows, ld_src), n_cols used */
                                        size_t       ld_src,
                                        float       *dst,     /* (n_cols, ld_dst), n_rows used */
                                        size_t       ld_dst,
                                        size_t       n_rows,
                                        size_t       n_cols);

/* Rotary tables, the way ESM-2 (HF RotaryEmbedding) builds them in float32:
 * angle = (float) (pos0 + p) * inv_freq[j]; cos_out[p, j] = cosf (angle), sin_out likewise.
 * inv_freq comes from the checkpoint's rotary_embeddings.inv_freq buffer. */
typedef void (*PleatKernRopeTablesFunc) (const float *inv_freq, /* (half_dim) */
                                         size_t       half_dim,
                                         size_t       pos0,
                                         size_t       n_pos,
                                         float       *cos_out,  /* (n_pos, half_dim) */
                                         float       *sin_out); /* (n_pos, half_dim) */

/* Rotary embedding, rotate_half convention (ESM-2, ESMFold2), in place on each head of each
 * token: with h = half_dim, x1 = x[0:h], x2 = x[h:2h],
 *   x[j]     = x1[j] * cos[t, j] - x2[j] * sin[t, j]
 *   x[j + h] = x2[j] * cos[t, j] + x1[j] * sin[t, j]
 * which is x * cat (cos, cos) + rotate_half (x) * cat (sin, sin). Head hd of token t starts at
 * x + t * ld_token + hd * ld_head. cos/sin may hold any angles (one row per token), so the
 * same op serves ESMFold2's 3D RoPE. ESM-2 scales q by head_dim^-0.5 before this; do it with
 * `scale` first to match its rounding. */
typedef void (*PleatKernRopeApplyFunc) (float       *x,       /* (n_tokens, ld_token) */
                                        size_t       ld_token,
                                        size_t       ld_head,
                                        size_t       n_tokens,
                                        size_t       n_heads,
                                        const float *cos,     /* (n_tokens, half_dim) */
                                        const float *sin,     /* (n_tokens, half_dim) */
                                        size_t       half_dim);

struct PleatKernels
{
  PleatKernelsIsa            isa;

  /* Half-precision weights widened to float32 (exact). src and dst: (n,) */
  PleatKernConvertFunc       convert_f16_f32;
  PleatKernConvertFunc       convert_bf16_f32;

  /* Dense linear algebra (OpenBLAS in every table). */
  PleatKernMatmulFunc        matmul;
  PleatKernMatmulBatchedFunc matmul_batched;
  PleatKernLinearFunc        linear;

  /* Row-wise. */
  PleatKernLayerNormFunc     layer_norm;
  PleatKernRmsNormFunc       rms_norm;
  PleatKernSoftmaxFunc       softmax;

  /* Activations. */
  PleatKernUnaryFunc         gelu;
  PleatKernUnaryFunc         relu;
  PleatKernUnaryFunc         silu;
  PleatKernUnaryFunc         sigmoid;

  /* Element-wise. */
  PleatKernBinaryFunc        add;
  PleatKernBinaryFunc        mul;
  PleatKernBinaryFunc        gate_sigmoid;
  PleatKernBinaryFunc        swiglu;
  PleatKernScaleFunc         scale;
  PleatKernAxpyFunc          axpy;
  PleatKernAddBiasFunc       add_bias;
  PleatKernTransposeFunc     transpose;

  /* Rotary position embedding. */
  PleatKernRopeTablesFunc    rope_tables;
  PleatKernRopeApplyFunc     rope_apply;
};

/* Reference implementations, callable directly (the ground truth for every variant): plain
 * loops, one op per file in ref/. Their signatures are the function types above. */
void pleat_kern_convert_f16_f32_ref    (const uint16_t *src,
                                        float          *dst,
                                        size_t          n);
void pleat_kern_convert_bf16_f32_ref   (const uint16_t *src,
                                        float          *dst,
                                        size_t          n);
void pleat_kern_matmul_f32_ref         (bool            trans_a,
                                        bool            trans_b,
                                        size_t          m,
                                        size_t          n,
                                        size_t          k,
                                        float           alpha,
                                        const float    *a,
                                        size_t          lda,
                                        const float    *b,
                                        size_t          ldb,
                                        float           beta,
                                        float          *c,
                                        size_t          ldc);
void pleat_kern_matmul_batched_f32_ref (size_t          n_batch,
                                        bool            trans_a,
                                        bool            trans_b,
                                        size_t          m,
                                        size_t          n,
                                        size_t          k,
                                        float           alpha,
                                        const float    *a,
                                        size_t          lda,
                                        size_t          stride_a,
                                        const float    *b,
                                        size_t          ldb,
                                        size_t          stride_b,
                                        float           beta,
                                        float          *c,
                                        size_t          ldc,
                                        size_t          stride_c);
void pleat_kern_linear_f32_ref         (const float    *x,
                                        size_t          ld_x,
                                        const float    *weight,
                                        const float    *bias,
                                        float          *y,
                                        size_t          ld_y,
                                        size_t          n_rows,
                                        size_t          n_in,
                                        size_t          n_out,
                                        bool            accumulate);
void pleat_kern_layer_norm_f32_ref     (const float    *x,
                                        size_t          ld_x,
                                        const float    *gamma,
                                        const float    *beta,
                                        float           eps,
                                        float          *y,
                                        size_t          ld_y,
                                        size_t          n_rows,
                                        size_t          d);
void pleat_kern_rms_norm_f32_ref       (const float    *x,
                                        size_t          ld_x,
                                        const float    *gamma,
                                        float           eps,
                                        float          *y,
                                        size_t          ld_y,
                                        size_t          n_rows,
                                        size_t          d);
void pleat_kern_softmax_f32_ref        (float          *x,
                                        size_t          ld_x,
                                        const float    *bias,
                                        size_t          ld_bias,
                                        const uint8_t  *mask,
                                        size_t          ld_mask,
                                        float           mask_bias,
                                        size_t          n_rows,
                                        size_t          n_cols);
void pleat_kern_gelu_f32_ref           (const float    *x,
                                        float          *y,
                                        size_t          n);
void pleat_kern_relu_f32_ref           (const float    *x,
                                        float          *y,
                                        size_t          n);
void pleat_kern_silu_f32_ref           (const float    *x,
                                        float          *y,
                                        size_t          n);
void pleat_kern_sigmoid_f32_ref        (const float    *x,
                                        float          *y,
                                        size_t          n);
void pleat_kern_add_f32_ref            (const float    *a,
                                        const float    *b,
                                        float          *y,
                                        size_t          n);
void pleat_kern_mul_f32_ref            (const float    *a,
                                        const float    *b,
                                        float          *y,
                                        size_t          n);
void pleat_kern_gate_sigmoid_f32_ref   (const float    *a,
                                        const float    *b,
                                        float          *y,
                                        size_t          n);
void pleat_kern_swiglu_f32_ref         (const float    *a,
                                        const float    *b,
                                        float          *y,
                                        size_t          n);
void pleat_kern_scale_f32_ref          (const float    *x,
                                        float           alpha,
                                        float          *y,
                                        size_t          n);
void pleat_kern_axpy_f32_ref           (float           alpha,
                                        const float    *x,
                                        float          *y,
                                        size_t          n);
void pleat_kern_add_bias_f32_ref       (float          *x,
                                        size_t          ld_x,
                                        const float    *bias,
                                        size_t          n_rows,
                                        size_t          d);
void pleat_kern_transpose_f32_ref      (const float    *src,
                                        size_t          ld_src,
                                        float          *dst,
                                        size_t          ld_dst,
                                        size_t          n_rows,
                                        size_t          n_cols);
void pleat_kern_rope_tables_f32_ref    (const float    *inv_freq,
                                        size_t          half_dim,
                                        size_t          pos0,
                                        size_t          n_pos,
                                        float          *cos_out,
                                        float          *sin_out);
void pleat_kern_rope_apply_f32_ref     (float          *x,
                                        size_t          ld_token,
                                        size_t          ld_head,
                                        size_t          n_tokens,
                                        size_t          n_heads,
                                        const float    *cos,
                                        const float    *sin,
                                        size_t          half_dim);

void        pleat_cpu_features_detect      (PleatCpuFeatures       *features);
const char *pleat_kernels_isa_name         (PleatKernelsIsa         isa);
bool        pleat_kernels_isa_parse        (const char             *name,
                                            PleatKernelsIsa        *isa);
/* Whether this build has the variants of isa and this CPU can run them. */
bool        pleat_kernels_isa_supported    (PleatKernelsIsa         isa,
                                            const PleatCpuFeatures *features);
/* Fills table with the best variants up to max_isa that features allow. Returns false when
 * max_isa is not supported by this CPU or build (the table then holds the best it can). */
bool        pleat_kernels_init             (PleatKernels           *table,
                                            const PleatCpuFeatures *features,
                                            PleatKernelsIsa         max_isa);

/* OpenBLAS's own thread count (process-wide, it is OpenBLAS's setting, not ours). */
void        pleat_kernels_set_blas_threads (int                     n_threads);
int         pleat_kernels_get_blas_threads (void);

/* Runs n_iter rounds of independent vector FMAs of isa on the calling thread and returns the
 * FLOPs done (0 when this build lacks isa; the caller checks that the CPU runs it). For the
 * benchmark's measured peak. */
uint64_t    pleat_kernels_fma_probe        (PleatKernelsIsa         isa,
                                            uint64_t                n_iter);

/* A PleatParallel that runs everything on the calling thread (ith = 0), for callers and tests
 * that have no pool. */
PleatParallel pleat_parallel_serial        (void);
