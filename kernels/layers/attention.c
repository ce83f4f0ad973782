/* attention.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Multi-head scaled-dot-product attention with optional pair bias, mask and sigmoid gate, the
 * one implementation behind ESM-2 self-attention, the folding trunk's sequence attention and
 * triangle attention (see PleatAttention for how each maps onto it).
 *
 * The work unit is a tile of queries of one head of one batch: its logits (tile × n_k) live
 * in the thread's scratch, so memory stays O(threads · tile · n_k) however long the sequence,
 * instead of the O(n_batch · n_heads · n_q · n_k) the reference materialises. q, k and v are
 * read in place through their strides (OpenBLAS takes the token stride as leading dimension),
 * so nothing is packed or permuted. The bias and mask are gathered into the logits first,
 * through any strides, and the q kᵀ product is accumulated onto them: for an unmasked logit
 * that is the one rounding of q·k + bias the reference does too.
 */
#include "pleat-layers.h"

#include <assert.h>
#include <string.h>

/* Queries per unit: as many as keep the tile's logits near 256 KiB (in L2 with room for k
 * and v), between 16 and 256 rows. Short keys get tall tiles, so that each OpenBLAS call (which
 * packs its operands) has work enough: at n_k = 128 one tile holds all queries. */
#define TILE_LOGITS (64 * 1024)
#define TILE_MIN_ROWS 16
#define TILE_MAX_ROWS 256

static size_t
q_tile (const PleatAttention *attn)
{
  size_t rows = TILE_LOGITS / (attn->n_k > 0 ? attn->n_k : 1);

  rows = rows < TILE_MIN_ROWS ? TILE_MIN_ROWS : rows > TILE_MAX_ROWS ? TILE_MAX_ROWS : rows;
  return attn->n_q < rows ? attn->n_q : rows;
}

/* Per-thread logits, rounded up to whole cache lines so threads never share one. */
static size_t
thread_floats (const PleatAttention *attn)
{
  size_t floats = q_tile (attn) * attn->n_k;

  return (floats + 15) & ~(size_t) 15;
}

size_t
pleat_layer_attention_scratch_size (const PleatAttention *attn,
                                    int                   n_threads)
{
  return (size_t) (n_threads > 0 ? n_threads : 1) * thread_floats (attn) * sizeof (float);
}

/* logits[i, j] = bias[b, h, i0 + i, j] + masked[b, i0 + i, j] · mask_bias, for the tile. */
static void
gather_bias_mask (const PleatAttention *a,
                  size_t                b,
                  size_t                h,
                  size_t                i0,
                  size_t                n_rows,
                  float                *logits)   /* (n_rows, n_k) */
{
  size_t bias_k = a->bias_stride_k > 0 ? a->bias_stride_k : 1;
  size_t mask_k = a->mask_stride_k > 0 ? a->mask_stride_k : 1;

  for (size_t i = 0; i < n_rows; i++)
    {
      float *row = logits + i * a->n_k;

      if (a->bias != NULL)
        {
          const float *br = a->bias + b * a->bias_stride_batch + h * a->bias_stride_head
                            + (i0 + i) * a->bias_stride_q;

          if (bias_k == 1)
            memcpy (row, br, a->n_k * sizeof (float));
          else
            for (size_t j = 0; j < a->n_k; j++)
              row[j] = br[j * bias_k];
        }
      else
        memset (row, 0, a->n_k * sizeof (float));

      if (a->mask != NULL)
        {
          const uint8_t *mr = a->mask + b * a->mask_stride_batch + (i0 + i) * a->mask_stride_q;

          for (size_t j = 0; j < a->n_k; j++)
            if (mr[j * mask_k] == 0)
              row[j] += a->mask_bias;
        }
    }
}

typedef struct
{
  const PleatKernels   *k;
  const PleatAttention *attn;
  float                *scratch;
  size_t                n_tiles;
} AttentionJob;

static void
attention_cb (void   *data,
              size_t  begin,
              size_t  end,
              int     ith)
{
  const AttentionJob *j = data;
  const PleatAttention *a = j->attn;
  const PleatKernels *k = j->k;
  float *logits = j->scratch + (size_t) ith * thread_floats (a);
  size_t tile = q_tile (a);

  for (size_t unit = begin; unit < end; unit++)
    {
      /* Tiles innermost, so consecutive units of a thread reuse the same k and v. */
      size_t t = unit % j->n_tiles;
      size_t h = (unit / j->n_tiles) % a->n_heads;
      size_t b = unit / j->n_tiles / a->n_heads;
      size_t i0 = t * tile;
      size_t n_rows = i0 + tile <= a->n_q ? tile : a->n_q - i0;
      const float *q = a->q.data + b * a->q.stride_batch + h * a->q.stride_head
                       + i0 * a->q.stride_token;
      const float *kk = a->k.data + b * a->k.stride_batch + h * a->k.stride_head;
      const float *v = a->v.data + b * a->v.stride_batch + h * a->v.stride_head;
      float *out = a->out + b * a->out_stride_batch + h * a->out_stride_head
                   + i0 * a->out_stride_token;
      bool has_prior = a->bias != NULL || a->mask != NULL;

      if (has_prior)
        gather_bias_mask (a, b, h, i0, n_rows, logits);

      /* logits = scale · q kᵀ (+ bias + mask): (n_rows, n_k). */
      k->matmul (false, true, n_rows, a->n_k, a->head_dim, a->scale,
                 q, a->q.stride_token, kk, a->k.stride_token, has_prior ? 1.0f : 0.0f,
                 logits, a->n_k);
      k->softmax (logits, a->n_k, NULL, 0, NULL, 0, 0.0f, n_rows, a->n_k);
      /* out = p v: (n_rows, head_dim). */
      k->matmul (false, false, n_rows, a->head_dim, a->n_k, 1.0f,
                 logits, a->n_k, v, a->v.stride_token, 0.0f, out, a->out_stride_token);

      if (a->gate.data != NULL)
        {
          const float *g = a->gate.data + b * a->gate.stride_batch + h * a->gate.stride_head
                           + i0 * a->gate.stride_token;

          for (size_t i = 0; i < n_rows; i++)
            k->gate_sigmoid (out + i * a->out_stride_token, g + i * a->gate.stride_token,
                             out + i * a->out_stride_token, a->head_dim);
        }
    }
}

void
pleat_layer_attention (const PleatLayerCtx  *ctx,
                       const PleatAttention *attn,
                       void                 *scratch)
{
  AttentionJob job;
  size_t n_units;

  if (attn->n_batch == 0 || attn->n_heads == 0 || attn->n_q == 0 || attn->head_dim == 0)
    return;
  if (attn->n_k == 0)   /* nothing to attend to: no contribution */
    {
      for (size_t b = 0; b < attn->n_batch; b++)
        for (size_t i = 0; i < attn->n_q; i++)
          for (size_t h = 0; h < attn->n_heads; h++)
            memset (attn->out + b * attn->out_stride_batch + i * attn->out_stride_token
                    + h * attn->out_stride_head, 0, attn->head_dim * sizeof (float));
      return;
    }
  assert (((uintptr_t) scratch & 63) == 0);

  job.k = ctx->k;
  job.attn = attn;
  job.scratch = scratch;
  job.n_tiles = (attn->n_q + q_tile (attn) - 1) / q_tile (attn);
  n_units = attn->n_batch * attn->n_heads * job.n_tiles;

  ctx->par.parallel_for (ctx->par.pool, n_units, 1, attention_cb, &job);
}
