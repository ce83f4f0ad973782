/* pleat-pair-layers.h
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The layers of a pair-representation trunk, shared by every model that has one (ESMFold v1's
 * folding trunk, ESMFold2's pairformer): triangle multiplication (outgoing and incoming),
 * triangle attention (around the starting and the ending node), the residual transition MLP and
 * the gated sequence attention biased by the pair representation. They are written once here on
 * top of pleat-layers.h and never copied into a model.
 *
 * Conventions: float32, row-major; a pair tensor z is (n_res, n_res, d_pair) with element
 * z[i, j, c] at z[(i * n_res + j) * d_pair + c]; weights are PyTorch's (out, in) Linear layout.
 * Every layer adds its update to its input in place (the residual connection of the reference:
 * z = z + layer (z)), so no second pair tensor is needed.
 *
 * Memory: the pair ops work on `chunk` rows of the pair tensor at a time (0: all rows at once),
 * the way the reference's chunk_size bounds its triangle attention. Chunked and unchunked runs
 * compute the same numbers up to float rounding. Each layer's _scratch_size() gives the bytes of
 * caller scratch (64-byte aligned) it needs for (n_res, chunk, n_threads); allocate the largest
 * once per fold and share it between layers.
 *
 * No masks: these layers serve single-sequence inference (batch 1, no padding), where the
 * reference's masks are all ones and every mask term vanishes exactly.
 */
#pragma once

#include "pleat-layers.h"

/* LayerNorm, Linear, activation, Linear, as a residual: x = x + mlp (x) (ESMFold's
 * ResidueMLP, the pair and sequence transitions). */
typedef enum
{
  PLEAT_ACTIVATION_RELU,
  PLEAT_ACTIVATION_GELU,
} PleatActivation;

typedef struct
{
  size_t          d;                /* d_model of the rows */
  size_t          d_hidden;         /* usually 4 * d */
  float           eps;              /* LayerNorm eps */
  PleatActivation activation;
  const float    *ln_weight;        /* (d) */
  const float    *ln_bias;          /* (d) */
  const float    *w1;               /* (d_hidden, d) */
  const float    *b1;               /* (d_hidden) */
  const float    *w2;               /* (d, d_hidden) */
  const float    *b2;               /* (d) */
} PleatTransitionWeights;

/* Triangle multiplicative update (AlphaFold 2 Algorithms 11 and 12, OpenFold's
 * TriangleMultiplicationOutgoing / Incoming):
 *   zn = LN_in (z); a = sigmoid (a_g (zn)) * a_p (zn); b likewise
 *   outgoing: x[i, j] = sum_k a[i, k] * b[j, k]     incoming: x[i, j] = sum_k a[k, i] * b[k, j]
 *   z += z_lin (LN_out (x)) * sigmoid (g_lin (zn)) */
typedef struct
{
  size_t       d_pair;              /* c_z */
  size_t       d_hidden;            /* channels of a and b (c_hidden; = c_z in ESMFold v1) */
  float        eps;
  const float *ln_in_weight;        /* (d_pair) */
  const float *ln_in_bias;          /* (d_pair) */
  const float *a_p_weight;          /* (d_hidden, d_pair) */
  const float *a_p_bias;            /* (d_hidden) */
  const float *a_g_weight;          /* (d_hidden, d_pair) */
  const float *a_g_bias;            /* (d_hidden) */
  const float *b_p_weight;          /* (d_hidden, d_pair) */
  const float *b_p_bias;            /* (d_hidden) */
  const float *b_g_weight;          /* (d_hidden, d_pair) */
  const float *b_g_bias;            /* (d_hidden) */
  const float *ln_out_weight;       /* (d_hidden) */
  const float *ln_out_bias;         /* (d_hidden) */
  const float *z_weight;            /* (d_pair, d_hidden) */
  const float *z_bias;              /* (d_pair) */
  const float *g_weight;            /* (d_pair, d_pair) */
  const float *g_bias;              /* (d_pair) */
} PleatTriangleMulWeights;

/* Triangle self-attention (AlphaFold 2 Algorithms 13 and 14, OpenFold's TriangleAttention).
 * Around the starting node, row i attends over its own row with a bias from the pair itself:
 *   zn = LN (z); b[h, j, k] = bias_lin (zn[j, k])[h]
 *   o[i, j] = sigmoid (g (zn[i, j])) * sum_k softmax_k (q[i, j] . k[i, k] / sqrt (head_dim)
 *                                                        + b[h, j, k]) v[i, k]
 *   z[i, j] += o_lin (o[i, j])
 * Around the ending node the same runs on z transposed (columns instead of rows). */
typedef struct
{
  size_t       d_pair;              /* c_z */
  size_t       n_heads;
  size_t       head_dim;            /* n_heads * head_dim need not equal d_pair */
  float        eps;
  const float *ln_weight;           /* (d_pair) */
  const float *ln_bias;             /* (d_pair) */
  const float *bias_weight;         /* (n_heads, d_pair), no bias */
  const float *q_weight;            /* (n_heads * head_dim, d_pair), no bias */
  const float *k_weight;            /* (n_heads * head_dim, d_pair), no bias */
  const float *v_weight;            /* (n_heads * head_dim, d_pair), no bias */
  const float *g_weight;            /* (n_heads * head_dim, d_pair) */
  const float *g_bias;              /* (n_heads * head_dim) */
  const float *o_weight;            /* (d_pair, n_heads * head_dim) */
  const float *o_bias;              /* (d_pair) */
} PleatTriangleAttentionWeights;

/* Gated multi-head self-attention over the sequence with a bias from the pair representation
 * (ESMFold's PairToSequence + Attention(gated=True) + layernorm_1):
 *   b[h, i, j] = bias_lin (LN_pair (z[i, j]))[h]
 *   y = LN_seq (s); (q | k | v) per head = proj (y)
 *   o[i] = sigmoid (g (y))[i] * sum_j softmax_j (q[i] . k[j] / sqrt (head_dim) + b[h, i, j]) v[j]
 *   s += o_lin (o) */
typedef struct
{
  size_t       d_seq;               /* = n_heads * head_dim */
  size_t       d_pair;
  size_t       n_heads;
  size_t       head_dim;
  float        eps;
  const float *ln_pair_weight;      /* (d_pair) */
  const float *ln_pair_bias;        /* (d_pair) */
  const float *pair_bias_weight;    /* (n_heads, d_pair), no bias */
  const float *ln_seq_weight;       /* (d_seq) */
  const float *ln_seq_bias;         /* (d_seq) */
  const float *proj_weight;         /* (3 * d_seq, d_seq), no bias; per head q, k, v of
                                     * head_dim each, heads one after the other */
  const float *g_weight;            /* (d_seq, d_seq) */
  const float *g_bias;              /* (d_seq) */
  const float *o_weight;            /* (d_seq, d_seq) */
  const float *o_bias;              /* (d_seq) */
} PleatSeqAttentionWeights;

/* x += mlp (x) over n_rows rows of (n_rows, d), chunk_rows rows at a time (0: all). */
size_t pleat_layer_transition_scratch_size         (const PleatTransitionWeights        *w,
                                                    size_t                               n_rows,
                                                    size_t                               chunk_rows);
void   pleat_layer_transition                      (const PleatLayerCtx                 *ctx,
                                                    const PleatTransitionWeights        *w,
                                                    float                               *x,
                                                    size_t                               n_rows,
                                                    size_t                               chunk_rows,
                                                    void                                *scratch);

/* z (n_res, n_res, d_pair) += the outgoing (or incoming) triangle multiplicative update. */
size_t pleat_layer_triangle_mul_scratch_size       (const PleatTriangleMulWeights       *w,
                                                    size_t                               n_res,
                                                    size_t                               chunk);
void   pleat_layer_triangle_mul                    (const PleatLayerCtx                 *ctx,
                                                    const PleatTriangleMulWeights       *w,
                                                    bool                                 outgoing,
                                                    float                               *z,
                                                    size_t                               n_res,
                                                    size_t                               chunk,
                                                    void                                *scratch);

/* z (n_res, n_res, d_pair) += triangle attention around the starting (or ending) node. */
size_t pleat_layer_triangle_attention_scratch_size (const PleatTriangleAttentionWeights *w,
                                                    size_t                               n_res,
                                                    size_t                               chunk,
                                                    int                                  n_threads);
void   pleat_layer_triangle_attention              (const PleatLayerCtx                 *ctx,
                                                    const PleatTriangleAttentionWeights *w,
                                                    bool                                 starting,
                                                    float                               *z,
                                                    size_t                               n_res,
                                                    size_t                               chunk,
                                                    void                                *scratch);

/* s (n_res, d_seq) += gated sequence attention biased by z (n_res, n_res, d_pair), which is
 * only read. chunk bounds the rows of z normalised at a time. */
size_t pleat_layer_seq_attention_scratch_size      (const PleatSeqAttentionWeights      *w,
                                                    size_t                               n_res,
                                                    size_t                               chunk,
                                                    int                                  n_threads);
void   pleat_layer_seq_attention                   (const PleatLayerCtx                 *ctx,
                                                    const PleatSeqAttentionWeights      *w,
                                                    float                               *s,
                                                    const float                         *z,
                                                    size_t                               n_res,
                                                    size_t                               chunk,
                                                    void                                *scratch);
