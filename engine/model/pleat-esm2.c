/* pleat-esm2.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pleat-engine"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "pleat-error.h"
#include "pleat-esm2.h"
#include "pleat-model-memory.h"
#include "pleat-model-params.h"

/* ESM-2 was trained masking 15% of tokens, 80% of those with <mask>; with token_dropout the
 * embeddings are scaled by (1 - 0.15 * 0.8) / (1 - observed mask ratio), and at inference no
 * token is <mask>. */
#define MASK_RATIO_TRAIN (0.15 * 0.8)

/* PLEAT_STEM_PRECISION=f32 widens the stem's linear weights to float32 at load (what Pleat did
 * before it kept them as stored), for comparisons and bug reports; "stored", the default,
 * keeps float16 and bfloat16 weights as they are. */
static gboolean
stem_keeps_half (GError **error)
{
  const char *precision = g_getenv ("PLEAT_STEM_PRECISION");

  if (precision == NULL || *precision == '\0' || g_str_equal (precision, "stored"))
    return TRUE;
  if (g_str_equal (precision, "f32"))
    return FALSE;
  g_set_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_INVALID_CONFIG,
               _("PLEAT_STEM_PRECISION is “%s”; it can be “stored” or “f32”"), precision);
  return FALSE;
}

typedef struct
{
  /* The big weights (all but ~0.1% of the stem) stay in the checkpoint's 16-bit dtype. */
  PleatTypedLinearParams q;
  PleatTypedLinearParams k;
  PleatTypedLinearParams v;
  PleatTypedLinearParams o;
  PleatNormParams        attn_ln;
  PleatNormParams        ffn_ln;
  PleatTypedLinearParams fc1;
  PleatTypedLinearParams fc2;
  const float           *inv_freq;    /* (head_dim / 2) */
} Esm2Layer;

struct _PleatEsm2
{
  guint            n_layers;
  guint            d_model;
  guint            n_heads;
  guint            head_dim;
  guint            d_ffn;
  guint            vocab_size;
  float            eps;
  float            embed_scale;  /* the token-dropout rescale, or 1 */

  /* Owned */
  PleatWeights    *weights;
  Esm2Layer       *layers;       /* (n_layers) */
  float           *computed_inv_freq; /* when the checkpoint has no inv_freq buffers */

  /* Borrowed from weights */
  const float     *embed;        /* (vocab_size, d_model) */
  PleatNormParams  final_ln;
};

PleatEsm2 *
pleat_esm2_new_from_weights (const PleatEsmConfig  *config,
                             PleatWeights          *weights,
                             const char            *prefix,
                             GError               **error)
{
  g_autoptr(PleatEsm2) self = NULL;
  g_autofree char *enc = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean keep_half;
  gint64 d, f;

  g_return_val_if_fail (config != NULL, NULL);
  g_return_val_if_fail (weights != NULL, NULL);

  if (g_strcmp0 (config->position_embedding_type, "rotary") != 0 || config->emb_layer_norm_before)
    {
      g_set_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_UNSUPPORTED,
                   _("Only ESM-2 language models (rotary positions, no embedding LayerNorm) "
                     "are supported"));
      return NULL;
    }
  if (config->num_hidden_layers == 0 || config->num_attention_heads == 0
      || config->hidden_size % config->num_attention_heads != 0
      || (config->hidden_size / config->num_attention_heads) % 2 != 0
      || config->vocab_size <= 0)
    {
      g_set_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_INVALID_CONFIG,
                   _("The language model configuration has inconsistent dimensions"));
      return NULL;
    }

  keep_half = stem_keeps_half (&local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  self = g_new0 (PleatEsm2, 1);
  self->n_layers = config->num_hidden_layers;
  self->d_model = d = config->hidden_size;
  self->n_heads = config->num_attention_heads;
  self->head_dim = self->d_model / self->n_heads;
  self->d_ffn = f = config->intermediate_size;
  self->vocab_size = config->vocab_size;
  self->eps = (float) config->layer_norm_eps;
  /* Computed as the reference does, in double, then applied to float32 activations. */
  self->embed_scale = config->token_dropout ? (float) (1.0 - MASK_RATIO_TRAIN) : 1.0f;
  self->weights = pleat_weights_ref (weights);
  self->layers = g_new0 (Esm2Layer, self->n_layers);

  self->embed = pleat_model_params_get (weights, prefix, "embeddings.word_embeddings.weight",
                                        PLEAT_SHAPE (self->vocab_size, d), error);
  if (self->embed == NULL)
    return NULL;
  enc = g_strconcat (prefix, "encoder.", NULL);
  if (!pleat_model_params_get_norm (weights, enc, "emb_layer_norm_after", d, &self->final_ln,
                                    error))
    return NULL;

  for (guint i = 0; i < self->n_layers; i++)
    {
      Esm2Layer *l = &self->layers[i];
      g_autofree char *lp = g_strdup_printf ("%slayer.%u.", enc, i);
      g_autofree char *inv_freq = g_strconcat (lp, "attention.self.rotary_embeddings.inv_freq",
                                               NULL);

      if (!pleat_model_params_get_typed_linear (weights, lp, "attention.self.query", d, d,
                                                TRUE, keep_half, &l->q, error)
          || !pleat_model_params_get_typed_linear (weights, lp, "attention.self.key", d, d,
                                                   TRUE, keep_half, &l->k, error)
          || !pleat_model_params_get_typed_linear (weights, lp, "attention.self.value", d, d,
                                                   TRUE, keep_half, &l->v, error)
          || !pleat_model_params_get_typed_linear (weights, lp, "attention.output.dense", d, d,
                                                   TRUE, keep_half, &l->o, error)
          || !pleat_model_params_get_norm (weights, lp, "attention.LayerNorm", d, &l->attn_ln,
                                           error)
          || !pleat_model_params_get_norm (weights, lp, "LayerNorm", d, &l->ffn_ln, error)
          || !pleat_model_params_get_typed_linear (weights, lp, "intermediate.dense", f, d,
                                                   TRUE, keep_half, &l->fc1, error)
          || !pleat_model_params_get_typed_linear (weights, lp, "output.dense", d, f, TRUE,
                                                   keep_half, &l->fc2, error))
        return NULL;

      /* transformers saves the rotary buffer with the weights (the Hub file has it, rounded
       * to float16 with the rest of the stem); the values there are what the reference runs
       * with, so they win over the formula. */
      if (pleat_weights_contains (weights, inv_freq))
        {
          l->inv_freq = pleat_weights_get_f32 (weights, inv_freq,
                                               PLEAT_SHAPE (self->head_dim / 2), error);
          if (l->inv_freq == NULL)
            return NULL;
        }
      else
        {
          if (self->computed_inv_freq == NULL)
            {
              /* RotaryEmbedding.__init__, in float32 as torch computes it:
               * 1 / 10000 ** (arange (0, dim, 2).float () / dim). */
              self->computed_inv_freq = g_new (float, self->head_dim / 2);
              for (guint j = 0; j < self->head_dim / 2; j++)
                self->computed_inv_freq[j] =
                  1.0f / powf (10000.0f, (float) (2 * j) / (float) self->head_dim);
            }
          l->inv_freq = self->computed_inv_freq;
        }
    }

  return g_steal_pointer (&self);
}

void
pleat_esm2_free (PleatEsm2 *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->weights, pleat_weights_unref);
  g_free (self->layers);
  g_free (self->computed_inv_freq);
  g_free (self);
}

guint
pleat_esm2_get_n_layers (PleatEsm2 *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_layers;
}

guint
pleat_esm2_get_d_model (PleatEsm2 *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->d_model;
}

static PleatAttention
self_attention (guint        n_tokens,
                guint        n_heads,
                guint        head_dim,
                const float *q,
                const float *k,
                const float *v,
                float       *out)
{
  guint d = n_heads * head_dim;
  PleatAttention a = { 0 };

  a.n_batch = 1;
  a.n_heads = n_heads;
  a.n_q = n_tokens;
  a.n_k = n_tokens;
  a.head_dim = head_dim;
  a.scale = 1.0f;                     /* q is scaled before the rotation, as ESM-2 does */
  a.q = (PleatHeads) { q, 0, d, head_dim };
  a.k = (PleatHeads) { k, 0, d, head_dim };
  a.v = (PleatHeads) { v, 0, d, head_dim };
  a.out = out;
  a.out_stride_token = d;
  a.out_stride_head = head_dim;
  return a;
}

/* Buffers of a run, in the order they are carved from scratch. */
typedef struct
{
  float   *x;        /* (T, d): the residual stream */
  float   *h;        /* (T, d): LayerNorm output */
  float   *q;        /* (T, d) */
  float   *k;        /* (T, d) */
  float   *v;        /* (T, d) */
  float   *ctx;      /* (T, d) */
  float   *ffn;      /* (T, d_ffn) */
  float   *cos;      /* (T, head_dim / 2) */
  float   *sin;      /* (T, head_dim / 2) */
  gpointer linear;   /* the linears' tiles of widened 16-bit weight rows */
  gpointer attn;     /* attention scratch */
} Esm2Buffers;

static guint64
carve (guint64      d,
       guint64      d_ffn,
       guint64      head_dim,
       guint64      n_tokens,
       int          n_threads,
       char        *base,
       Esm2Buffers *b)
{
  guint64 used = 0;
  float **td[] = { b ? &b->x : NULL, b ? &b->h : NULL, b ? &b->q : NULL, b ? &b->k : NULL,
                   b ? &b->v : NULL, b ? &b->ctx : NULL };

  for (gsize i = 0; i < G_N_ELEMENTS (td); i++)
    {
      if (b != NULL)
        *td[i] = (float *) (void *) (base + used);
      used += pleat_model_floats_bytes (n_tokens * d);
    }
  if (b != NULL)
    b->ffn = (float *) (void *) (base + used);
  used += pleat_model_floats_bytes (n_tokens * d_ffn);
  if (b != NULL)
    b->cos = (float *) (void *) (base + used);
  used += pleat_model_floats_bytes (n_tokens * head_dim / 2);
  if (b != NULL)
    b->sin = (float *) (void *) (base + used);
  used += pleat_model_floats_bytes (n_tokens * head_dim / 2);
  if (b != NULL)
    b->linear = base + used;
  /* Counted whatever the weights are: it is small (4 MiB a thread), and the estimate of a
   * fold then needs no model. F16 and BF16 tiles are the same size; sized for the widest
   * weight (fc2's rows), it serves every linear. */
  used += pleat_layer_linear_scratch_size (PLEAT_WEIGHT_F16, MAX (d, d_ffn), n_threads);
  if (b != NULL)
    b->attn = base + used;
  return used;
}

guint64
pleat_esm2_get_scratch_size (const PleatEsmConfig *config,
                             guint                 n_tokens,
                             int                   n_threads)
{
  guint head_dim = config->hidden_size / MAX (config->num_attention_heads, 1);
  PleatAttention a = self_attention (n_tokens, config->num_attention_heads, head_dim,
                                     NULL, NULL, NULL, NULL);

  return carve (config->hidden_size, config->intermediate_size, head_dim, n_tokens, n_threads,
                NULL, NULL)
         + pleat_layer_attention_scratch_size (&a, n_threads);
}

/* combined += w * h[1 : T - 1]: the residue rows of one hidden state. */
static void
accumulate (const PleatLayerCtx *ctx,
            const float         *hidden,
            guint                n_tokens,
            guint                d,
            float                w,
            float               *combined)
{
  ctx->k->axpy (w, hidden + d, combined, (gsize) (n_tokens - 2) * d);
}

gboolean
pleat_esm2_run (PleatEsm2            *self,
                const PleatLayerCtx  *ctx,
                const gint64         *tokens,
                guint                 n_tokens,
                const float          *weights,
                float                *combined,
                PleatEsm2HiddenFunc   hidden_func,
                gpointer              user_data,
                gpointer              scratch,
                GCancellable         *cancellable,
                GError              **error)
{
  const gsize d = self->d_model;
  const gsize T = n_tokens;
  Esm2Buffers b;
  float q_scale;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (n_tokens >= 2, FALSE);
  g_return_val_if_fail (combined == NULL || weights != NULL, FALSE);

  carve (d, self->d_ffn, self->head_dim, T, ctx->par.n_threads, scratch, &b);
  q_scale = (float) pow ((double) self->head_dim, -0.5);

  for (gsize t = 0; t < T; t++)
    {
      if (tokens[t] < 0 || tokens[t] >= self->vocab_size)
        {
          g_set_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_INVALID_SEQUENCE,
                       _("Token %" G_GINT64_FORMAT " is not in the language model's vocabulary"),
                       tokens[t]);
          return FALSE;
        }
      ctx->k->scale (self->embed + tokens[t] * d, self->embed_scale, b.x + t * d, d);
    }

  if (combined != NULL)
    memset (combined, 0, (T - 2) * d * sizeof (float));
  if (hidden_func != NULL)
    hidden_func (0, b.x, user_data);
  if (combined != NULL)
    accumulate (ctx, b.x, n_tokens, d, weights[0], combined);

  for (guint i = 0; i < self->n_layers; i++)
    {
      const Esm2Layer *l = &self->layers[i];
      PleatAttention a = self_attention (n_tokens, self->n_heads, self->head_dim,
                                         b.q, b.k, b.v, b.ctx);

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      /* Self-attention block: x = x + o (attn (LN (x))). */
      pleat_layer_layer_norm (ctx, b.x, d, l->attn_ln.weight, l->attn_ln.bias, self->eps,
                              b.h, d, T, d);
      pleat_layer_linear_typed (ctx, b.h, d, l->q.weight, l->q.bias, b.q, d, T, d, d, false,
                                b.linear);
      pleat_layer_linear_typed (ctx, b.h, d, l->k.weight, l->k.bias, b.k, d, T, d, d, false,
                                b.linear);
      pleat_layer_linear_typed (ctx, b.h, d, l->v.weight, l->v.bias, b.v, d, T, d, d, false,
                                b.linear);
      ctx->k->scale (b.q, q_scale, b.q, T * d);
      ctx->k->rope_tables (l->inv_freq, self->head_dim / 2, 0, T, b.cos, b.sin);
      pleat_layer_rope_apply (ctx, b.q, d, self->head_dim, T, self->n_heads, b.cos, b.sin,
                              self->head_dim / 2);
      pleat_layer_rope_apply (ctx, b.k, d, self->head_dim, T, self->n_heads, b.cos, b.sin,
                              self->head_dim / 2);
      pleat_layer_attention (ctx, &a, b.attn);
      pleat_layer_linear_typed (ctx, b.ctx, d, l->o.weight, l->o.bias, b.x, d, T, d, d, true,
                                b.linear);

      /* Feed-forward block: x = x + fc2 (gelu (fc1 (LN (x)))). */
      pleat_layer_layer_norm (ctx, b.x, d, l->ffn_ln.weight, l->ffn_ln.bias, self->eps,
                              b.h, d, T, d);
      pleat_layer_linear_typed (ctx, b.h, d, l->fc1.weight, l->fc1.bias, b.ffn, self->d_ffn, T,
                                d, self->d_ffn, false, b.linear);
      pleat_layer_unary (ctx, ctx->k->gelu, b.ffn, b.ffn, T * self->d_ffn);
      pleat_layer_linear_typed (ctx, b.ffn, self->d_ffn, l->fc2.weight, l->fc2.bias, b.x, d, T,
                                self->d_ffn, d, true, b.linear);

      /* Hidden state i + 1 is the layer output, except the last, which is taken after the
       * final LayerNorm (the raw last-layer output is in no hidden state). */
      if (i + 1 < self->n_layers)
        {
          if (hidden_func != NULL)
            hidden_func (i + 1, b.x, user_data);
          if (combined != NULL)
            accumulate (ctx, b.x, n_tokens, d, weights[i + 1], combined);
        }
      else
        {
          pleat_layer_layer_norm (ctx, b.x, d, self->final_ln.weight, self->final_ln.bias,
                                  self->eps, b.h, d, T, d);
          if (hidden_func != NULL)
            {
              hidden_func (PLEAT_ESM2_RAW_LAST_LAYER, b.x, user_data);
              hidden_func (i + 1, b.h, user_data);
            }
          if (combined != NULL)
            accumulate (ctx, b.h, n_tokens, d, weights[i + 1], combined);
        }
    }

  return TRUE;
}
