/* pleat-folding-trunk.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The folding trunk of ESMFold v1: weights, the per-fold arena, recycling and the block. The
 * block's layers are the shared primitives of kernels/layers/pleat-pair-layers.h; only the
 * sequence->pair update and the recycling embeddings are ESMFold's own and live here.
 */
#define G_LOG_DOMAIN "pleat-engine"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pleat-error.h"
#include "pleat-folding-trunk.h"
#include "pleat-model-memory.h"
#include "pleat-model-params.h"

/* torch.nn.LayerNorm's default, used by every LayerNorm of the trunk. */
#define TRUNK_LAYER_NORM_EPS 1e-5f

/* torch.linspace (3.375, 21.375, 14) ** 2 as the reference computes it, in float32 even in a
 * float64 run (both fixtures store it as const.recycle_distogram_boundaries_sq). */
static const float recycle_edges_sq[PLEAT_TRUNK_RECYCLE_BINS - 1] = {
  0x1.6c8p+3f, 0x1.6a7688p+4f, 0x1.2e0338p+5f, 0x1.c577dcp+5f, 0x1.3dcc98p+6f,
  0x1.a83398p+6f, 0x1.10f87ap+7f, 0x1.558252p+7f, 0x1.a1b758p+7f, 0x1.f59786p+7f,
  0x1.28917p+8f, 0x1.5a2cb8p+8f, 0x1.8f9d92p+8f, 0x1.c8e4p+8f,
};

struct _PleatFoldingTrunk
{
  PleatTrunkConfig       config;
  guint                  c_s;
  guint                  c_z;
  guint                  sm_c_s;
  guint                  sm_c_z;

  /* Owned */
  PleatWeights          *weights;      /* holds every pointer below */
  PleatTrunkBlockLayers *blocks;       /* (num_blocks) */

  /* Borrowed from weights */
  const float           *relpos;       /* (2 * position_bins + 2, c_z) */
  PleatNormParams        recycle_s_norm;
  PleatNormParams        recycle_z_norm;
  const float           *recycle_disto; /* (15, c_z) */
  PleatLinearParams      trunk2sm_s;
  PleatLinearParams      trunk2sm_z;
};

static gboolean
check_config (const PleatTrunkConfig  *c,
              GError                 **error)
{
  if (c->num_blocks == 0 || c->sequence_state_dim == 0 || c->pairwise_state_dim == 0
      || c->sequence_head_width == 0 || c->pairwise_head_width == 0
      || c->sequence_state_dim % c->sequence_head_width != 0
      || c->pairwise_state_dim % c->pairwise_head_width != 0
      || c->pairwise_state_dim % 2 != 0
      || c->structure_module.sequence_dim == 0 || c->structure_module.pairwise_dim == 0)
    {
      g_set_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_INVALID_CONFIG,
                   _("The folding trunk configuration has inconsistent dimensions"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
load_transition (PleatWeights            *w,
                 const char              *prefix,
                 gint64                   d,
                 PleatTransitionWeights  *out,
                 GError                 **error)
{
  PleatNormParams ln;
  PleatLinearParams l1;
  PleatLinearParams l2;

  if (!pleat_model_params_get_norm (w, prefix, "mlp.0", d, &ln, error)
      || !pleat_model_params_get_linear (w, prefix, "mlp.1", 4 * d, d, TRUE, &l1, error)
      || !pleat_model_params_get_linear (w, prefix, "mlp.3", d, 4 * d, TRUE, &l2, error))
    return FALSE;
  *out = (PleatTransitionWeights) {
    .d = d, .d_hidden = 4 * d, .eps = TRUNK_LAYER_NORM_EPS,
    .activation = PLEAT_ACTIVATION_RELU,
    .ln_weight = ln.weight, .ln_bias = ln.bias,
    .w1 = l1.weight, .b1 = l1.bias, .w2 = l2.weight, .b2 = l2.bias,
  };
  return TRUE;
}

static gboolean
load_tri_mul (PleatWeights             *w,
              const char               *prefix,
              gint64                    c_z,
              PleatTriangleMulWeights  *out,
              GError                  **error)
{
  PleatNormParams ln_in, ln_out;
  PleatLinearParams a_p, a_g, b_p, b_g, lz, lg;

  if (!pleat_model_params_get_norm (w, prefix, "layer_norm_in", c_z, &ln_in, error)
      || !pleat_model_params_get_norm (w, prefix, "layer_norm_out", c_z, &ln_out, error)
      || !pleat_model_params_get_linear (w, prefix, "linear_a_p", c_z, c_z, TRUE, &a_p, error)
      || !pleat_model_params_get_linear (w, prefix, "linear_a_g", c_z, c_z, TRUE, &a_g, error)
      || !pleat_model_params_get_linear (w, prefix, "linear_b_p", c_z, c_z, TRUE, &b_p, error)
      || !pleat_model_params_get_linear (w, prefix, "linear_b_g", c_z, c_z, TRUE, &b_g, error)
      || !pleat_model_params_get_linear (w, prefix, "linear_z", c_z, c_z, TRUE, &lz, error)
      || !pleat_model_params_get_linear (w, prefix, "linear_g", c_z, c_z, TRUE, &lg, error))
    return FALSE;
  *out = (PleatTriangleMulWeights) {
    .d_pair = c_z, .d_hidden = c_z, .eps = TRUNK_LAYER_NORM_EPS,
    .ln_in_weight = ln_in.weight, .ln_in_bias = ln_in.bias,
    .a_p_weight = a_p.weight, .a_p_bias = a_p.bias,
    .a_g_weight = a_g.weight, .a_g_bias = a_g.bias,
    .b_p_weight = b_p.weight, .b_p_bias = b_p.bias,
    .b_g_weight = b_g.weight, .b_g_bias = b_g.bias,
    .ln_out_weight = ln_out.weight, .ln_out_bias = ln_out.bias,
    .z_weight = lz.weight, .z_bias = lz.bias,
    .g_weight = lg.weight, .g_bias = lg.bias,
  };
  return TRUE;
}

static gboolean
load_tri_att (PleatWeights                   *w,
              const char                     *prefix,
              gint64                          c_z,
              gint64                          n_heads,
              gint64                          head_dim,
              PleatTriangleAttentionWeights  *out,
              GError                        **error)
{
  gint64 hd = n_heads * head_dim;
  PleatNormParams ln;
  PleatLinearParams bias, q, k, v, g, o;

  if (!pleat_model_params_get_norm (w, prefix, "layer_norm", c_z, &ln, error)
      || !pleat_model_params_get_linear (w, prefix, "linear", n_heads, c_z, FALSE, &bias, error)
      || !pleat_model_params_get_linear (w, prefix, "mha.linear_q", hd, c_z, FALSE, &q, error)
      || !pleat_model_params_get_linear (w, prefix, "mha.linear_k", hd, c_z, FALSE, &k, error)
      || !pleat_model_params_get_linear (w, prefix, "mha.linear_v", hd, c_z, FALSE, &v, error)
      || !pleat_model_params_get_linear (w, prefix, "mha.linear_g", hd, c_z, TRUE, &g, error)
      || !pleat_model_params_get_linear (w, prefix, "mha.linear_o", c_z, hd, TRUE, &o, error))
    return FALSE;
  *out = (PleatTriangleAttentionWeights) {
    .d_pair = c_z, .n_heads = n_heads, .head_dim = head_dim, .eps = TRUNK_LAYER_NORM_EPS,
    .ln_weight = ln.weight, .ln_bias = ln.bias,
    .bias_weight = bias.weight,
    .q_weight = q.weight, .k_weight = k.weight, .v_weight = v.weight,
    .g_weight = g.weight, .g_bias = g.bias,
    .o_weight = o.weight, .o_bias = o.bias,
  };
  return TRUE;
}

static gboolean
load_block (PleatWeights           *w,
            const PleatTrunkConfig *c,
            const char             *trunk_prefix,
            guint                   index,
            PleatTrunkBlockLayers  *b,
            GError                **error)
{
  g_autofree char *blk = g_strdup_printf ("%sblocks.%u.", trunk_prefix, index);
  g_autofree char *p2s = g_strconcat (blk, "pair_to_sequence.", NULL);
  g_autofree char *att = g_strconcat (blk, "seq_attention.", NULL);
  g_autofree char *mlp_seq = g_strconcat (blk, "mlp_seq.", NULL);
  g_autofree char *s2p = g_strconcat (blk, "sequence_to_pair.", NULL);
  g_autofree char *tmo = g_strconcat (blk, "tri_mul_out.", NULL);
  g_autofree char *tmi = g_strconcat (blk, "tri_mul_in.", NULL);
  g_autofree char *tas = g_strconcat (blk, "tri_att_start.", NULL);
  g_autofree char *tae = g_strconcat (blk, "tri_att_end.", NULL);
  g_autofree char *mlp_pair = g_strconcat (blk, "mlp_pair.", NULL);
  gint64 c_s = c->sequence_state_dim;
  gint64 c_z = c->pairwise_state_dim;
  gint64 seq_heads = c_s / c->sequence_head_width;
  gint64 pair_heads = c_z / c->pairwise_head_width;
  gint64 inner = c_z / 2;
  PleatNormParams ln_pair, ln_1, s2p_ln;
  PleatLinearParams pair_bias, proj, g_proj, o_proj, s2p_proj, s2p_o;

  if (!pleat_model_params_get_norm (w, p2s, "layernorm", c_z, &ln_pair, error)
      || !pleat_model_params_get_linear (w, p2s, "linear", seq_heads, c_z, FALSE, &pair_bias,
                                         error)
      || !pleat_model_params_get_norm (w, blk, "layernorm_1", c_s, &ln_1, error)
      || !pleat_model_params_get_linear (w, att, "proj", 3 * c_s, c_s, FALSE, &proj, error)
      || !pleat_model_params_get_linear (w, att, "g_proj", c_s, c_s, TRUE, &g_proj, error)
      || !pleat_model_params_get_linear (w, att, "o_proj", c_s, c_s, TRUE, &o_proj, error)
      || !load_transition (w, mlp_seq, c_s, &b->mlp_seq, error)
      || !pleat_model_params_get_norm (w, s2p, "layernorm", c_s, &s2p_ln, error)
      || !pleat_model_params_get_linear (w, s2p, "proj", 2 * inner, c_s, TRUE, &s2p_proj, error)
      || !pleat_model_params_get_linear (w, s2p, "o_proj", c_z, 2 * inner, TRUE, &s2p_o, error)
      || !load_tri_mul (w, tmo, c_z, &b->tri_mul_out, error)
      || !load_tri_mul (w, tmi, c_z, &b->tri_mul_in, error)
      || !load_tri_att (w, tas, c_z, pair_heads, c->pairwise_head_width, &b->tri_att_start,
                        error)
      || !load_tri_att (w, tae, c_z, pair_heads, c->pairwise_head_width, &b->tri_att_end, error)
      || !load_transition (w, mlp_pair, c_z, &b->mlp_pair, error))
    return FALSE;

  b->seq_attention = (PleatSeqAttentionWeights) {
    .d_seq = c_s, .d_pair = c_z, .n_heads = seq_heads, .head_dim = c->sequence_head_width,
    .eps = TRUNK_LAYER_NORM_EPS,
    .ln_pair_weight = ln_pair.weight, .ln_pair_bias = ln_pair.bias,
    .pair_bias_weight = pair_bias.weight,
    .ln_seq_weight = ln_1.weight, .ln_seq_bias = ln_1.bias,
    .proj_weight = proj.weight,
    .g_weight = g_proj.weight, .g_bias = g_proj.bias,
    .o_weight = o_proj.weight, .o_bias = o_proj.bias,
  };
  b->s2p_inner = inner;
  b->s2p_ln_weight = s2p_ln.weight;
  b->s2p_ln_bias = s2p_ln.bias;
  b->s2p_proj_weight = s2p_proj.weight;
  b->s2p_proj_bias = s2p_proj.bias;
  b->s2p_o_weight = s2p_o.weight;
  b->s2p_o_bias = s2p_o.bias;
  return TRUE;
}

PleatFoldingTrunk *
pleat_folding_trunk_new_from_weights (const PleatTrunkConfig  *config,
                                      PleatWeights            *weights,
                                      const char              *prefix,
                                      GError                 **error)
{
  g_autoptr(PleatFoldingTrunk) self = NULL;
  g_autofree char *sm_prefix = NULL;
  gint64 c_s, c_z;

  g_return_val_if_fail (config != NULL, NULL);
  g_return_val_if_fail (weights != NULL, NULL);
  g_return_val_if_fail (prefix != NULL, NULL);

  if (!check_config (config, error))
    return NULL;

  self = g_new0 (PleatFoldingTrunk, 1);
  self->config = *config;
  self->c_s = c_s = config->sequence_state_dim;
  self->c_z = c_z = config->pairwise_state_dim;
  self->sm_c_s = config->structure_module.sequence_dim;
  self->sm_c_z = config->structure_module.pairwise_dim;
  self->weights = pleat_weights_ref (weights);
  self->blocks = g_new0 (PleatTrunkBlockLayers, config->num_blocks);

  for (guint b = 0; b < config->num_blocks; b++)
    if (!load_block (weights, config, prefix, b, &self->blocks[b], error))
      return NULL;

  self->relpos = pleat_model_params_get (weights, prefix,
                                         "pairwise_positional_embedding.embedding.weight",
                                         PLEAT_SHAPE (2 * (gint64) config->position_bins + 2, c_z),
                                         error);
  if (self->relpos == NULL
      || !pleat_model_params_get_norm (weights, prefix, "recycle_s_norm", c_s,
                                       &self->recycle_s_norm, error)
      || !pleat_model_params_get_norm (weights, prefix, "recycle_z_norm", c_z,
                                       &self->recycle_z_norm, error)
      || !pleat_model_params_get_linear (weights, prefix, "trunk2sm_s", self->sm_c_s, c_s, TRUE,
                                         &self->trunk2sm_s, error)
      || !pleat_model_params_get_linear (weights, prefix, "trunk2sm_z", self->sm_c_z, c_z, TRUE,
                                         &self->trunk2sm_z, error))
    return NULL;
  self->recycle_disto = pleat_model_params_get (weights, prefix, "recycle_disto.weight",
                                                PLEAT_SHAPE (PLEAT_TRUNK_RECYCLE_BINS, c_z),
                                                error);
  if (self->recycle_disto == NULL)
    return NULL;

  return g_steal_pointer (&self);
}

void
pleat_folding_trunk_free (PleatFoldingTrunk *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->weights, pleat_weights_unref);
  g_free (self->blocks);
  g_free (self);
}

const PleatTrunkConfig *
pleat_folding_trunk_get_config (PleatFoldingTrunk *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return &self->config;
}

guint
pleat_folding_trunk_get_n_blocks (PleatFoldingTrunk *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->config.num_blocks;
}

const PleatTrunkBlockLayers *
pleat_folding_trunk_get_block (PleatFoldingTrunk *self,
                               guint              block)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (block < self->config.num_blocks, NULL);
  return &self->blocks[block];
}

static guint
band_rows (guint chunk,
           guint n_res)
{
  return chunk == 0 || chunk > n_res ? n_res : chunk;
}

/* The arena's layout: every buffer of PleatTrunkState but the scratch. */
static guint64
arena_size (const PleatTrunkConfig *c,
            guint                   n_res)
{
  guint64 n = n_res;

  return 2 * pleat_model_floats_bytes (n * c->sequence_state_dim)       /* s0, s */
         + pleat_model_floats_bytes (n * n * c->pairwise_state_dim)     /* z */
         + pleat_model_floats_bytes (2 * n)                             /* residue_index */
         + pleat_model_floats_bytes ((n * n + 3) / 4)                   /* recycle_bins */
         + pleat_model_floats_bytes (n * c->structure_module.sequence_dim); /* sm_single */
}

/* The largest of what the block's layers, recycling and the structure-module pair input need
 * at any one time: they run one after the other and share one scratch buffer. */
static guint64
scratch_size (const PleatTrunkConfig *c,
              guint                   n_res,
              guint                   chunk,
              int                     n_threads)
{
  guint64 n = n_res;
  guint64 band = band_rows (chunk, n_res);
  size_t c_s = c->sequence_state_dim;
  size_t c_z = c->pairwise_state_dim;
  PleatSeqAttentionWeights sa = {
    .d_seq = c_s, .d_pair = c_z, .n_heads = c_s / c->sequence_head_width,
    .head_dim = c->sequence_head_width,
  };
  PleatTransitionWeights ts = { .d = c_s, .d_hidden = 4 * c_s };
  PleatTransitionWeights tp = { .d = c_z, .d_hidden = 4 * c_z };
  PleatTriangleMulWeights tm = { .d_pair = c_z, .d_hidden = c_z };
  PleatTriangleAttentionWeights ta = {
    .d_pair = c_z, .n_heads = c_z / c->pairwise_head_width, .head_dim = c->pairwise_head_width,
  };
  guint64 sizes[] = {
    pleat_layer_seq_attention_scratch_size (&sa, n_res, chunk, n_threads),
    pleat_layer_transition_scratch_size (&ts, n_res, 0),
    pleat_layer_transition_scratch_size (&tp, n * n, band * n),
    pleat_layer_triangle_mul_scratch_size (&tm, n_res, chunk),
    pleat_layer_triangle_attention_scratch_size (&ta, n_res, chunk, n_threads),
    /* sequence_to_pair: LN (s), (q | k), one band of cat (q * k, q - k) */
    pleat_model_floats_bytes (n * c_s) + pleat_model_floats_bytes (n * c_z)
    + pleat_model_floats_bytes (band * n * c_z),
    /* begin_pass: LN (s), one band of LN (z) */
    pleat_model_floats_bytes (n * c_s) + pleat_model_floats_bytes (band * n * c_z),
    /* the structure module's pair input */
    pleat_model_floats_bytes (n * n * c->structure_module.pairwise_dim),
  };
  guint64 max = 0;

  for (gsize i = 0; i < G_N_ELEMENTS (sizes); i++)
    max = MAX (max, sizes[i]);
  return max;
}

guint64
pleat_folding_trunk_get_memory_size (const PleatTrunkConfig *config,
                                     guint                   n_res,
                                     guint                   chunk,
                                     int                     n_threads)
{
  g_return_val_if_fail (config != NULL, 0);
  return arena_size (config, n_res) + scratch_size (config, n_res, chunk, n_threads);
}

PleatTrunkState *
pleat_trunk_state_new (PleatFoldingTrunk  *self,
                       guint               n_res,
                       guint               chunk,
                       int                 n_threads,
                       GError            **error)
{
  g_autoptr(PleatTrunkState) state = NULL;
  const PleatTrunkConfig *c;
  guint64 n = n_res;
  char *p;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (n_res > 0, NULL);

  c = &self->config;
  state = g_new0 (PleatTrunkState, 1);
  state->n_res = n_res;
  state->chunk = chunk;
  state->arena = pleat_model_alloc (arena_size (c, n_res), error);
  if (state->arena == NULL)
    return NULL;
  state->scratch_size = scratch_size (c, n_res, chunk, n_threads);
  state->scratch = pleat_model_alloc (state->scratch_size, error);
  if (state->scratch == NULL)
    return NULL;

  p = state->arena;
  state->s0 = (float *) (void *) p;
  p += pleat_model_floats_bytes (n * c->sequence_state_dim);
  state->s = (float *) (void *) p;
  p += pleat_model_floats_bytes (n * c->sequence_state_dim);
  state->z = (float *) (void *) p;
  p += pleat_model_floats_bytes (n * n * c->pairwise_state_dim);
  state->residue_index = (gint64 *) (void *) p;
  p += pleat_model_floats_bytes (2 * n);
  state->recycle_bins = (guint8 *) p;
  p += pleat_model_floats_bytes ((n * n + 3) / 4);
  state->sm_single = (float *) (void *) p;
  state->sm_pair = state->scratch;

  memset (state->s0, 0, n * c->sequence_state_dim * sizeof (float));
  memset (state->residue_index, 0, n * sizeof (gint64));
  memset (state->recycle_bins, 0, n * n);
  return g_steal_pointer (&state);
}

void
pleat_trunk_state_free (PleatTrunkState *state)
{
  if (state == NULL)
    return;
  pleat_model_free (state->arena);
  pleat_model_free (state->scratch);
  g_free (state);
}

typedef struct
{
  const PleatFoldingTrunk *trunk;
  PleatTrunkState         *state;
  const float             *normed;   /* (band, n, c_z): recycle_z_norm of the band's rows */
  guint                    r0;
} RecycleJob;

/* Rows [begin, end) of the band: z = (recycle_z_norm (z) + recycle_disto (bins)) + relpos,
 * in the reference's order of additions. */
static void
recycle_rows_cb (void   *data,
                 size_t  begin,
                 size_t  end,
                 int     ith)
{
  const RecycleJob *j = data;
  const PleatFoldingTrunk *t = j->trunk;
  PleatTrunkState *st = j->state;
  guint n = st->n_res;
  guint c_z = t->c_z;
  gint64 bins = t->config.position_bins;

  for (size_t r = begin; r < end; r++)
    {
      guint i = j->r0 + r;

      for (guint jj = 0; jj < n; jj++)
        {
          const float *src = j->normed + ((gsize) r * n + jj) * c_z;
          const float *disto = t->recycle_disto + (gsize) st->recycle_bins[(gsize) i * n + jj] * c_z;
          gint64 diff = CLAMP (st->residue_index[jj] - st->residue_index[i], -bins, bins);
          const float *rel = t->relpos + (gsize) (diff + bins + 1) * c_z;
          float *dst = st->z + ((gsize) i * n + jj) * c_z;

          for (guint c = 0; c < c_z; c++)
            dst[c] = (src[c] + disto[c]) + rel[c];
        }
    }
}

void
pleat_folding_trunk_begin_pass (PleatFoldingTrunk   *self,
                                const PleatLayerCtx *ctx,
                                PleatTrunkState     *state,
                                gboolean             first)
{
  guint n, band;
  float *normed_s, *normed_z;

  g_return_if_fail (self != NULL);
  g_return_if_fail (state != NULL);

  n = state->n_res;
  band = band_rows (state->chunk, n);
  normed_s = state->scratch;
  normed_z = (float *) (void *) ((char *) state->scratch
                                 + pleat_model_floats_bytes ((guint64) n * self->c_s));

  /* The reference recycles zeros into the first pass (whose LayerNorms then give their
   * biases) and bins of 0. */
  if (first)
    {
      memset (state->s, 0, (gsize) n * self->c_s * sizeof (float));
      memset (state->z, 0, (gsize) n * n * self->c_z * sizeof (float));
      memset (state->recycle_bins, 0, (gsize) n * n);
    }

  pleat_layer_layer_norm (ctx, state->s, self->c_s, self->recycle_s_norm.weight,
                          self->recycle_s_norm.bias, TRUNK_LAYER_NORM_EPS,
                          normed_s, self->c_s, n, self->c_s);
  pleat_layer_binary (ctx, ctx->k->add, state->s0, normed_s, state->s, (gsize) n * self->c_s);

  /* Band by band, so the normalised copy of z stays one band large; each band reads only its
   * own rows before overwriting them. */
  for (guint r0 = 0; r0 < n; r0 += band)
    {
      guint rows = MIN (band, n - r0);
      RecycleJob job = { self, state, normed_z, r0 };

      pleat_layer_layer_norm (ctx, state->z + (gsize) r0 * n * self->c_z, self->c_z,
                              self->recycle_z_norm.weight, self->recycle_z_norm.bias,
                              TRUNK_LAYER_NORM_EPS, normed_z, self->c_z, (gsize) rows * n,
                              self->c_z);
      ctx->par.parallel_for (ctx->par.pool, rows, 1, recycle_rows_cb, &job);
    }
}

typedef struct
{
  const float *qk;       /* (n, 2 * inner) */
  float       *x;        /* (band, n, 2 * inner) */
  guint        n;
  guint        inner;
  guint        r0;
} OuterJob;

/* x[i, j] = cat (q[j] * k[i], q[j] - k[i]) for the band's rows i. */
static void
outer_rows_cb (void   *data,
               size_t  begin,
               size_t  end,
               int     ith)
{
  const OuterJob *j = data;
  gsize w = 2 * j->inner;

  for (size_t r = begin; r < end; r++)
    {
      const float *k = j->qk + (gsize) (j->r0 + r) * w + j->inner;

      for (guint jj = 0; jj < j->n; jj++)
        {
          const float *q = j->qk + (gsize) jj * w;
          float *dst = j->x + ((gsize) r * j->n + jj) * w;

          for (guint c = 0; c < j->inner; c++)
            {
              dst[c] = q[c] * k[c];
              dst[j->inner + c] = q[c] - k[c];
            }
        }
    }
}

void
pleat_folding_trunk_sequence_to_pair (const PleatTrunkBlockLayers *layers,
                                      const PleatLayerCtx         *ctx,
                                      const float                 *s,
                                      float                       *z,
                                      guint                        n_res,
                                      guint                        chunk,
                                      gpointer                     scratch)
{
  const PleatSeqAttentionWeights *sa = &layers->seq_attention;
  guint n = n_res;
  guint band = band_rows (chunk, n);
  gsize c_s = sa->d_seq;
  gsize c_z = sa->d_pair;
  gsize w = 2 * layers->s2p_inner;
  char *p = scratch;
  float *sn = (float *) (void *) p;
  float *qk = (float *) (void *) (p += pleat_model_floats_bytes ((guint64) n * c_s));
  float *x = (float *) (void *) (p += pleat_model_floats_bytes ((guint64) n * c_z));

  pleat_layer_layer_norm (ctx, s, c_s, layers->s2p_ln_weight, layers->s2p_ln_bias,
                          TRUNK_LAYER_NORM_EPS, sn, c_s, n, c_s);
  pleat_layer_linear (ctx, sn, c_s, layers->s2p_proj_weight, layers->s2p_proj_bias, qk, w, n,
                      c_s, w, false);

  for (guint r0 = 0; r0 < n; r0 += band)
    {
      guint rows = MIN (band, n - r0);
      OuterJob job = { qk, x, n, layers->s2p_inner, r0 };

      ctx->par.parallel_for (ctx->par.pool, rows, 1, outer_rows_cb, &job);
      /* z = z + o_proj (x), the residual fused into the linear. */
      pleat_layer_linear (ctx, x, w, layers->s2p_o_weight, layers->s2p_o_bias,
                          z + (gsize) r0 * n * c_z, c_z, (gsize) rows * n, w, c_z, true);
    }
}

void
pleat_folding_trunk_run_block (PleatFoldingTrunk   *self,
                               const PleatLayerCtx *ctx,
                               PleatTrunkState     *state,
                               guint                block)
{
  const PleatTrunkBlockLayers *b;
  guint n = state->n_res;
  guint chunk = state->chunk;
  guint band = band_rows (chunk, n);

  g_return_if_fail (self != NULL);
  g_return_if_fail (block < self->config.num_blocks);

  b = &self->blocks[block];
  pleat_layer_seq_attention (ctx, &b->seq_attention, state->s, state->z, n, chunk,
                             state->scratch);
  pleat_layer_transition (ctx, &b->mlp_seq, state->s, n, 0, state->scratch);
  pleat_folding_trunk_sequence_to_pair (b, ctx, state->s, state->z, n, chunk, state->scratch);
  pleat_layer_triangle_mul (ctx, &b->tri_mul_out, TRUE, state->z, n, chunk, state->scratch);
  pleat_layer_triangle_mul (ctx, &b->tri_mul_in, FALSE, state->z, n, chunk, state->scratch);
  pleat_layer_triangle_attention (ctx, &b->tri_att_start, TRUE, state->z, n, chunk,
                                  state->scratch);
  pleat_layer_triangle_attention (ctx, &b->tri_att_end, FALSE, state->z, n, chunk,
                                  state->scratch);
  pleat_layer_transition (ctx, &b->mlp_pair, state->z, (gsize) n * n, (gsize) band * n,
                          state->scratch);
}

void
pleat_folding_trunk_to_structure_module (PleatFoldingTrunk   *self,
                                         const PleatLayerCtx *ctx,
                                         PleatTrunkState     *state)
{
  guint n = state->n_res;

  g_return_if_fail (self != NULL);

  pleat_layer_linear (ctx, state->s, self->c_s, self->trunk2sm_s.weight, self->trunk2sm_s.bias,
                      state->sm_single, self->sm_c_s, n, self->c_s, self->sm_c_s, false);
  pleat_layer_linear (ctx, state->z, self->c_z, self->trunk2sm_z.weight, self->trunk2sm_z.bias,
                      state->sm_pair, self->sm_c_z, (gsize) n * n, self->c_z, self->sm_c_z,
                      false);
}

void
pleat_folding_trunk_set_recycle_bins (PleatTrunkState *state,
                                      const float     *positions)
{
  guint n = state->n_res;
  g_autofree double *cb = g_new (double, 3 * (gsize) n);

  /* The virtual C-beta of AlphaFold from N, CA and C (atom14 slots 0, 1, 2), in double: the
   * float64 reference's arithmetic, which float32 positions only round. */
  for (guint r = 0; r < n; r++)
    {
      const float *at = positions + (gsize) r * 14 * 3;
      double b[3], c[3], a[3];

      for (int x = 0; x < 3; x++)
        {
          b[x] = (double) at[3 + x] - at[x];
          c[x] = (double) at[6 + x] - at[3 + x];
        }
      a[0] = b[1] * c[2] - b[2] * c[1];
      a[1] = b[2] * c[0] - b[0] * c[2];
      a[2] = b[0] * c[1] - b[1] * c[0];
      for (int x = 0; x < 3; x++)
        cb[3 * r + x] = -0.58273431 * a[x] + 0.56802827 * b[x] - 0.54067466 * c[x] + at[3 + x];
    }

  for (guint i = 0; i < n; i++)
    for (guint j = 0; j < n; j++)
      {
        double d2 = 0.0;
        guint8 bin = 0;

        for (int x = 0; x < 3; x++)
          {
            double d = cb[3 * j + x] - cb[3 * i + x];

            d2 += d * d;
          }
        for (gsize e = 0; e < G_N_ELEMENTS (recycle_edges_sq); e++)
          bin += d2 > recycle_edges_sq[e];
        state->recycle_bins[(gsize) i * n + j] = bin;
      }
}
