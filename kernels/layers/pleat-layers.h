/* pleat-layers.h
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Layer-level composites built on the kernel table: each splits its work with the caller's
 * PleatParallel and calls table entries on the pieces. Like the kernels they never allocate;
 * those that need working memory take caller-provided scratch whose size in bytes
 * pleat_layer_<op>_scratch_size() gives (allocate it once per job, reuse it across layers).
 *
 * Shapes follow pleat-kernels.h: row-major float32, `ld_*` leading dimensions in floats.
 * The model-specific layers (triangle multiplication, triangle attention, transitions, IPA)
 * are written on top of these by the models, never as second copies of them.
 */
#pragma once

#include "pleat-kernels.h"

typedef struct
{
  const PleatKernels *k;    /* (transfer none) */
  PleatParallel       par;
} PleatLayerCtx;

/* y = x · weightᵀ + bias (or y += … when accumulate), over many rows. Splits rows across
 * threads when the weight is small or the rows many (the pair linears: n_rows = L²), output
 * columns when a large weight meets few rows (the language model: n_rows = L + 2, weights of
 * 2560 × 10240). */
void   pleat_layer_linear                 (const PleatLayerCtx *ctx,
                                           const float         *x,      /* (n_rows, ld_x) */
                                           size_t               ld_x,
                                           const float         *weight, /* (n_out, n_in) */
                                           const float         *bias,   /* (n_out) or NULL */
                                           float               *y,      /* (n_rows, ld_y) */
                                           size_t               ld_y,
                                           size_t               n_rows,
                                           size_t               n_in,
                                           size_t               n_out,
                                           bool                 accumulate);

/* How a linear layer's weight is stored: float32, or the 16-bit floats checkpoints keep (IEEE
 * half, bfloat16). Keeping those as stored halves a model's memory without changing a value:
 * the product widens them to float32 (exactly) a tile of rows at a time as it runs. */
typedef enum
{
  PLEAT_WEIGHT_F32,
  PLEAT_WEIGHT_F16,
  PLEAT_WEIGHT_BF16,
} PleatWeightFormat;

typedef struct
{
  const void        *data;    /* (n_out, n_in) elements of format */
  PleatWeightFormat  format;
} PleatLayerWeight;

/* Bytes of scratch pleat_layer_linear_typed() needs for weights of this format with up to
 * n_in inputs on n_threads threads (ctx->par.n_threads): 0 for float32, else one tile of
 * widened rows per thread (4 MiB each, more only past 32768 inputs). One buffer sized for the
 * widest weight serves every linear of a model. */
size_t pleat_layer_linear_scratch_size    (PleatWeightFormat    format,
                                           size_t               n_in,
                                           int                  n_threads);
/* pleat_layer_linear() with a weight of any PleatWeightFormat. scratch: at least
 * pleat_layer_linear_scratch_size() bytes, aligned to 64 bytes (may be NULL for float32).
 * The result is the float32 product with the widened weight, as pleat_layer_linear() computes
 * it (up to sgemm's summation order, which depends on the tile). */
void   pleat_layer_linear_typed           (const PleatLayerCtx *ctx,
                                           const float         *x,      /* (n_rows, ld_x) */
                                           size_t               ld_x,
                                           PleatLayerWeight     weight, /* (n_out, n_in) */
                                           const float         *bias,   /* (n_out) or NULL */
                                           float               *y,      /* (n_rows, ld_y) */
                                           size_t               ld_y,
                                           size_t               n_rows,
                                           size_t               n_in,
                                           size_t               n_out,
                                           bool                 accumulate,
                                           void                *scratch);

/* c = alpha * op(a) · op(b) + beta * c (see PleatKernMatmulFunc), split by rows of c. */
void   pleat_layer_matmul                 (const PleatLayerCtx *ctx,
                                           bool                 trans_a,
                                           bool                 trans_b,
                                           size_t               m,
                                           size_t               n,
                                           size_t               k,
                                           float                alpha,
                                           const float         *a,     /* op(a): (m, k) */
                                           size_t               lda,
                                           const float         *b,     /* op(b): (k, n) */
                                           size_t               ldb,
                                           float                beta,
                                           float               *c,     /* (m, ldc) */
                                           size_t               ldc);

/* n_batch matmuls at strides stride_a/b/c (see PleatKernMatmulBatchedFunc), e.g. the
 * triangle-multiplication einsum as 128 channel-major L×L×L products. Split by problem, and
 * also by rows of c when there are fewer problems than threads. */
void   pleat_layer_matmul_batched         (const PleatLayerCtx *ctx,
                                           size_t               n_batch,
                                           bool                 trans_a,
                                           bool                 trans_b,
                                           size_t               m,
                                           size_t               n,
                                           size_t               k,
                                           float                alpha,
                                           const float         *a,
                                           size_t               lda,
                                           size_t               stride_a,
                                           const float         *b,
                                           size_t               ldb,
                                           size_t               stride_b,
                                           float                beta,
                                           float               *c,
                                           size_t               ldc,
                                           size_t               stride_c);

/* LayerNorm / RMSNorm over rows (see the kernel types for the formulas). */
void   pleat_layer_layer_norm             (const PleatLayerCtx *ctx,
                                           const float         *x,     /* (n_rows, ld_x) */
                                           size_t               ld_x,
                                           const float         *gamma, /* (d) or NULL */
                                           const float         *beta,  /* (d) or NULL */
                                           float                eps,
                                           float               *y,     /* (n_rows, ld_y) */
                                           size_t               ld_y,
                                           size_t               n_rows,
                                           size_t               d);
void   pleat_layer_rms_norm               (const PleatLayerCtx *ctx,
                                           const float         *x,     /* (n_rows, ld_x) */
                                           size_t               ld_x,
                                           const float         *gamma, /* (d) or NULL */
                                           float                eps,
                                           float               *y,     /* (n_rows, ld_y) */
                                           size_t               ld_y,
                                           size_t               n_rows,
                                           size_t               d);

/* Row softmax with optional bias and mask (see PleatKernSoftmaxFunc), in place. */
void   pleat_layer_softmax                (const PleatLayerCtx *ctx,
                                           float               *x,     /* (n_rows, ld_x) */
                                           size_t               ld_x,
                                           const float         *bias,  /* (n_rows, ld_bias) */
                                           size_t               ld_bias,
                                           const uint8_t       *mask,  /* (n_rows, ld_mask) */
                                           size_t               ld_mask,
                                           float                mask_bias,
                                           size_t               n_rows,
                                           size_t               n_cols);

/* y = fn (x) or y = fn (a, b) over a long array, e.g. ctx->k->gelu or ctx->k->swiglu. */
void   pleat_layer_unary                  (const PleatLayerCtx *ctx,
                                           PleatKernUnaryFunc   fn,
                                           const float         *x,     /* (n) */
                                           float               *y,     /* (n) */
                                           size_t               n);
void   pleat_layer_binary                 (const PleatLayerCtx *ctx,
                                           PleatKernBinaryFunc  fn,
                                           const float         *a,     /* (n) */
                                           const float         *b,     /* (n) */
                                           float               *y,     /* (n) */
                                           size_t               n);

/* The same over rows with leading dimensions, e.g. ESMFold2's packed SwiGLU, where gate and
 * value are the two halves of each row of one projection: fn = ctx->k->swiglu, a = x,
 * b = x + d, ld_a = ld_b = 2 · d. */
void   pleat_layer_binary_rows            (const PleatLayerCtx *ctx,
                                           PleatKernBinaryFunc  fn,
                                           const float         *a,     /* (n_rows, ld_a) */
                                           size_t               ld_a,
                                           const float         *b,     /* (n_rows, ld_b) */
                                           size_t               ld_b,
                                           float               *y,     /* (n_rows, ld_y) */
                                           size_t               ld_y,
                                           size_t               n_rows,
                                           size_t               d);

/* dst[c, r] = src[r, c] over a large matrix, e.g. a (L², n_heads) bias into (n_heads, L²) or
 * a pair tensor into channel-major order; split by source rows. dst must not overlap src. */
void   pleat_layer_transpose              (const PleatLayerCtx *ctx,
                                           const float         *src,   /* (n_rows, ld_src) */
                                           size_t               ld_src,
                                           float               *dst,   /* (n_cols, ld_dst) */
                                           size_t               ld_dst,
                                           size_t               n_rows,
                                           size_t               n_cols);

/* Rotary embedding over tokens (see PleatKernRopeApplyFunc). */
void   pleat_layer_rope_apply             (const PleatLayerCtx *ctx,
                                           float               *x,     /* (n_tokens, ld_token) */
                                           size_t               ld_token,
                                           size_t               ld_head,
                                           size_t               n_tokens,
                                           size_t               n_heads,
                                           const float         *cos,   /* (n_tokens, half_dim) */
                                           const float         *sin,   /* (n_tokens, half_dim) */
                                           size_t               half_dim);

/* A (n_batch, n_tokens, n_heads, head_dim) view of a tensor: element (b, t, h, c) is
 * data[b * stride_batch + t * stride_token + h * stride_head + c]. The head_dim values of one
 * head are contiguous; everything else is a stride, so q, k and v can be read in place from
 * a fused qkv projection, from one row of a pair tensor, or from separate projections. A
 * stride_batch of 0 shares the tensor between batches. */
typedef struct
{
  const float *data;
  size_t       stride_batch;
  size_t       stride_token;
  size_t       stride_head;
} PleatHeads;

/* Multi-head scaled-dot-product attention, n_batch independent problems of n_heads heads:
 *
 *   out[b, i, h, :] = sigmoid (gate[b, i, h, :]) ⊙
 *                     Σ_j softmax_j (scale · q[b, i, h] · k[b, j, h]
 *                                    + bias[b, h, i, j] + masked[b, i, j] · mask_bias)
 *                         v[b, j, h, :]
 *
 * with masked[b, i, j] = (mask[b * mask_stride_batch + i * mask_stride_q + j * mask_stride_k]
 * == 0), and bias[b, h, i, j] at bias[b * bias_stride_batch + h * bias_stride_head +
 * i * bias_stride_q + j * bias_stride_k].
 * Optional parts are off when their pointer is NULL (gate.data, bias, mask). How the models
 * map onto it:
 * - ESM-2 self-attention: n_batch = 1, q/k/v from their own linears (stride_token = d_model,
 *   stride_head = head_dim), q pre-scaled and rotated by the caller (scale = 1), padding mask
 *   with mask_stride_q = 0.
 * - Folding-trunk sequence attention: q/k/v read in place from the fused projection
 *   (stride_token = 3 · n_heads · head_dim, stride_head = 3 · head_dim, k and v at offsets
 *   head_dim and 2 · head_dim), pair bias (n_heads, L, L), gate from g_proj.
 * - Triangle attention, starting node: n_batch = L rows of the pair tensor (stride_batch =
 *   L · width, stride_token = width), the bias (n_heads, L, L) shared by all rows
 *   (bias_stride_batch = 0) read in place from the (L, L, n_heads) linear output
 *   (bias_stride_q = L · n_heads, bias_stride_k = n_heads, bias_stride_head = 1), the mask of
 *   row b as mask_stride_batch = L, mask_stride_q = 0, mask_bias = -1e9 as openfold.
 * - Triangle attention, ending node: the same tensors read transposed, without copies:
 *   stride_batch = width, stride_token = L · width, and the bias and mask strides swapped.
 * out must not overlap q, k, v, gate or bias.
 */
typedef struct
{
  size_t         n_batch;
  size_t         n_heads;
  size_t         n_q;
  size_t         n_k;
  size_t         head_dim;
  float          scale;                 /* multiplies q · k; 1 when q is pre-scaled */

  PleatHeads     q;                     /* (n_batch, n_q, n_heads, head_dim) */
  PleatHeads     k;                     /* (n_batch, n_k, n_heads, head_dim) */
  PleatHeads     v;                     /* (n_batch, n_k, n_heads, head_dim) */
  PleatHeads     gate;                  /* (n_batch, n_q, n_heads, head_dim), data may be NULL */

  float         *out;                   /* (n_batch, n_q, n_heads, head_dim) */
  size_t         out_stride_batch;
  size_t         out_stride_token;
  size_t         out_stride_head;

  const float   *bias;                  /* (n_batch, n_heads, n_q, n_k) or NULL */
  size_t         bias_stride_batch;     /* 0: shared by all batches */
  size_t         bias_stride_head;
  size_t         bias_stride_q;         /* 0: one row shared by all queries */

  const uint8_t *mask;                  /* (n_batch, n_q, n_k), 0 = masked, or NULL */
  size_t         mask_stride_batch;
  size_t         mask_stride_q;         /* 0: a key mask shared by all queries */
  float          mask_bias;             /* -1e9 (openfold) or -INFINITY (masked_fill) */

  /* Added later, so that 0 (what designated initialisers leave) keeps the old meaning. */
  size_t         bias_stride_k;         /* floats between keys; 0 means 1 (contiguous) */
  size_t         mask_stride_k;         /* bytes between keys; 0 means 1 (contiguous) */
} PleatAttention;

/* Bytes of scratch pleat_layer_attention() needs with n_threads threads (pass
 * ctx->par.n_threads: each worker uses its own part). It depends on n_q and n_k only, so one
 * buffer sized for the longest call serves all. */
size_t pleat_layer_attention_scratch_size (const PleatAttention *attn,
                                           int                   n_threads);
/* scratch: at least pleat_layer_attention_scratch_size() bytes, aligned to 64 bytes. With
 * n_k = 0 the output is zeros. */
void   pleat_layer_attention              (const PleatLayerCtx  *ctx,
                                           const PleatAttention *attn,
                                           void                 *scratch);
