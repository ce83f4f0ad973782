/* pleat-structure-module.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The block loop of OpenFold's StructureModule.forward (the version fair-esm pins,
 * 4b41059694619831a7db195b7e0988fc4ff3a307, which transformers copies as
 * EsmFoldStructureModule), weights loading and the scratch arena.
 */
#define G_LOG_DOMAIN "pleat-engine"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "pleat-error.h"
#include "pleat-residue-constants.h"
#include "pleat-structure-module-private.h"

/* OpenFold's LayerNorm eps (torch's default). */
#define SM_LAYER_NORM_EPS 1e-5f
#define ARENA_ALIGN       64

static gboolean
get_linear (PleatWeights  *weights,
            const char    *prefix,
            const char    *name,
            gint64         n_out,
            gint64         n_in,
            PleatSmLinear *out,
            GError       **error)
{
  g_autofree char *w = g_strconcat (prefix, name, ".weight", NULL);
  g_autofree char *b = g_strconcat (prefix, name, ".bias", NULL);

  out->weight = pleat_weights_get_f32 (weights, w, PLEAT_SHAPE (n_out, n_in), error);
  if (out->weight == NULL)
    return FALSE;
  out->bias = pleat_weights_get_f32 (weights, b, PLEAT_SHAPE (n_out), error);
  return out->bias != NULL;
}

static gboolean
get_norm (PleatWeights *weights,
          const char   *prefix,
          const char   *name,
          gint64        d,
          PleatSmNorm  *out,
          GError      **error)
{
  g_autofree char *w = g_strconcat (prefix, name, ".weight", NULL);
  g_autofree char *b = g_strconcat (prefix, name, ".bias", NULL);

  out->weight = pleat_weights_get_f32 (weights, w, PLEAT_SHAPE (d), error);
  if (out->weight == NULL)
    return FALSE;
  out->bias = pleat_weights_get_f32 (weights, b, PLEAT_SHAPE (d), error);
  return out->bias != NULL;
}

static gboolean
check_config (const PleatStructureModuleConfig  *c,
              GError                           **error)
{
  if (c->sequence_dim == 0 || c->pairwise_dim == 0 || c->ipa_dim == 0 || c->resnet_dim == 0
      || c->num_heads_ipa == 0 || c->num_qk_points == 0 || c->num_v_points == 0
      || c->num_blocks == 0 || c->num_transition_layers == 0)
    {
      g_set_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_INVALID_CONFIG,
                   _("The structure module configuration has a dimension of zero"));
      return FALSE;
    }
  /* The torsions map one to one onto the rigid groups 1..7. */
  if (c->num_angles != PLEAT_SM_N_GROUPS - 1)
    {
      g_set_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_INVALID_CONFIG,
                   _("The structure module predicts %u torsion angles; only 7 are supported"),
                   c->num_angles);
      return FALSE;
    }
  if (!(c->trans_scale_factor > 0) || !(c->epsilon >= 0) || !(c->inf > 0))
    {
      g_set_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_INVALID_CONFIG,
                   _("The structure module configuration has an invalid scale, epsilon or inf"));
      return FALSE;
    }
  return TRUE;
}

PleatStructureModule *
pleat_structure_module_new_from_weights (const PleatStructureModuleConfig  *config,
                                         PleatWeights                      *weights,
                                         const char                        *prefix,
                                         GError                           **error)
{
  g_autoptr(PleatStructureModule) self = NULL;
  g_autofree char *ipa = NULL;
  g_autofree char *resnet = NULL;
  g_autofree char *hw_name = NULL;
  const float *head_weights;
  gint64 c_s, c_z, n_heads, hc, n_qk, n_v, c_r;

  g_return_val_if_fail (config != NULL, NULL);
  g_return_val_if_fail (weights != NULL, NULL);
  g_return_val_if_fail (prefix != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_config (config, error))
    return NULL;

  self = g_new0 (PleatStructureModule, 1);
  self->config = *config;
  self->weights = pleat_weights_ref (weights);
  c_s = config->sequence_dim;
  c_z = config->pairwise_dim;
  n_heads = config->num_heads_ipa;
  hc = n_heads * config->ipa_dim;
  n_qk = config->num_qk_points;
  n_v = config->num_v_points;
  c_r = config->resnet_dim;
  ipa = g_strconcat (prefix, "ipa.", NULL);
  resnet = g_strconcat (prefix, "angle_resnet.", NULL);

  if (!get_norm (weights, prefix, "layer_norm_s", c_s, &self->layer_norm_s, error)
      || !get_norm (weights, prefix, "layer_norm_z", c_z, &self->layer_norm_z, error)
      || !get_norm (weights, prefix, "layer_norm_ipa", c_s, &self->layer_norm_ipa, error)
      || !get_norm (weights, prefix, "transition.layer_norm", c_s, &self->transition_norm, error)
      || !get_linear (weights, prefix, "linear_in", c_s, c_s, &self->linear_in, error)
      || !get_linear (weights, ipa, "linear_q", hc, c_s, &self->ipa_q, error)
      || !get_linear (weights, ipa, "linear_kv", 2 * hc, c_s, &self->ipa_kv, error)
      || !get_linear (weights, ipa, "linear_q_points", n_heads * n_qk * 3, c_s,
                      &self->ipa_q_points, error)
      || !get_linear (weights, ipa, "linear_kv_points", n_heads * (n_qk + n_v) * 3, c_s,
                      &self->ipa_kv_points, error)
      || !get_linear (weights, ipa, "linear_b", n_heads, c_z, &self->ipa_b, error)
      || !get_linear (weights, ipa, "linear_out", c_s, n_heads * (c_z + config->ipa_dim + 4 * n_v),
                      &self->ipa_out, error)
      || !get_linear (weights, prefix, "bb_update.linear", 6, c_s, &self->bb_update, error)
      || !get_linear (weights, resnet, "linear_in", c_r, c_s, &self->resnet_in, error)
      || !get_linear (weights, resnet, "linear_initial", c_r, c_s, &self->resnet_initial, error)
      || !get_linear (weights, resnet, "linear_out", 2 * (gint64) config->num_angles, c_r,
                      &self->resnet_out, error))
    return NULL;

  self->transition = g_new0 (PleatSmLinear, config->num_transition_layers * 3);
  for (guint l = 0; l < config->num_transition_layers; l++)
    for (guint j = 0; j < 3; j++)
      {
        g_autofree char *name = g_strdup_printf ("transition.layers.%u.linear_%u", l, j + 1);

        if (!get_linear (weights, prefix, name, c_s, c_s, &self->transition[l * 3 + j], error))
          return NULL;
      }

  self->resnet = g_new0 (PleatSmLinear, MAX (config->num_resnet_blocks, 1) * 2);
  for (guint l = 0; l < config->num_resnet_blocks; l++)
    for (guint j = 0; j < 2; j++)
      {
        g_autofree char *name = g_strdup_printf ("layers.%u.linear_%u", l, j + 1);

        if (!get_linear (weights, resnet, name, c_r, c_r, &self->resnet[l * 2 + j], error))
          return NULL;
      }

  hw_name = g_strconcat (ipa, "head_weights", NULL);
  head_weights = pleat_weights_get_f32 (weights, hw_name, PLEAT_SHAPE (n_heads), error);
  if (head_weights == NULL)
    return NULL;
  self->head_weights = g_new (float, n_heads);
  for (gint64 h = 0; h < n_heads; h++)
    {
      /* torch's Softplus (beta 1, threshold 20), then OpenFold's sqrt(1 / (3 P_q 9 / 2)). */
      float x = head_weights[h];
      float sp = x > 20.0f ? x : log1pf (expf (x));

      self->head_weights[h] = sp * (float) sqrt (1.0 / (3.0 * (n_qk * 9.0 / 2.0)));
    }

  return g_steal_pointer (&self);
}

void
pleat_structure_module_free (PleatStructureModule *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->weights, pleat_weights_unref);
  g_free (self->transition);
  g_free (self->resnet);
  g_free (self->head_weights);
  g_free (self);
}

const PleatStructureModuleConfig *
pleat_structure_module_get_config (PleatStructureModule *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return &self->config;
}

/* The arena's pieces in order: sizes in bytes, each rounded up to ARENA_ALIGN. Filling the
 * views and counting the size walk the same list, so they cannot disagree. */
typedef struct
{
  guint64 offset;
  guint8 *base;                   /* NULL while only counting */
} ArenaWalk;

static void *
arena_take (ArenaWalk *walk,
            guint64    bytes)
{
  void *p = walk->base != NULL ? walk->base + walk->offset : NULL;

  walk->offset += (bytes + ARENA_ALIGN - 1) / ARENA_ALIGN * ARENA_ALIGN;
  return p;
}

static void
arena_layout (const PleatStructureModuleConfig *c,
              guint64                           n_res,
              ArenaWalk                        *walk,
              PleatStructureModuleScratch      *sc)
{
  guint64 f = sizeof (float);
  guint64 n_heads = c->num_heads_ipa, hc = n_heads * c->ipa_dim;
  guint64 n_qk = c->num_qk_points, n_v = c->num_v_points;
  guint64 c_s = c->sequence_dim, c_r = c->resnet_dim;
  guint64 d_cat = n_heads * (c->pairwise_dim + c->ipa_dim + 4 * n_v);
  PleatStructureModuleScratch dummy;

  if (sc == NULL)
    sc = &dummy;
  sc->s = arena_take (walk, n_res * c_s * f);
  sc->s_initial = arena_take (walk, n_res * c_s * f);
  sc->resnet_initial = arena_take (walk, n_res * c_r * f);
  sc->tmp_s = arena_take (walk, n_res * c_s * f);
  sc->tmp_s2 = arena_take (walk, n_res * c_s * f);
  sc->resnet_a = arena_take (walk, n_res * c_r * f);
  sc->resnet_tmp = arena_take (walk, n_res * c_r * f);
  sc->resnet_tmp2 = arena_take (walk, n_res * c_r * f);
  sc->bb = arena_take (walk, n_res * 6 * f);
  sc->q = arena_take (walk, n_res * hc * f);
  sc->kv = arena_take (walk, n_res * 2 * hc * f);
  sc->q_pts = arena_take (walk, n_res * 3 * n_heads * n_qk * f);
  sc->kv_pts = arena_take (walk, n_res * 3 * n_heads * (n_qk + n_v) * f);
  sc->q_glob = arena_take (walk, n_res * n_heads * n_qk * 3 * f);
  sc->k_glob = arena_take (walk, n_res * n_heads * n_qk * 3 * f);
  sc->v_glob = arena_take (walk, n_res * n_heads * n_v * 3 * f);
  sc->o_pt = arena_take (walk, n_res * n_heads * n_v * 3 * f);
  sc->pair_bias = arena_take (walk, n_res * n_res * n_heads * f);
  sc->attn = arena_take (walk, n_heads * n_res * n_res * f);
  sc->cat = arena_take (walk, n_res * d_cat * f);
  sc->frames = arena_take (walk, n_res * sizeof (PleatQuatRigid));
  sc->rigids = arena_take (walk, n_res * sizeof (PleatRigid));
}

guint64
pleat_structure_module_get_scratch_size (const PleatStructureModuleConfig *config,
                                         guint                             n_res)
{
  ArenaWalk walk = { 0, NULL };

  g_return_val_if_fail (config != NULL, 0);

  arena_layout (config, n_res, &walk, NULL);
  return walk.offset + sizeof (PleatStructureModuleScratch);
}

guint64
pleat_structure_module_get_output_size (const PleatStructureModuleConfig *config,
                                        guint                             n_res)
{
  guint64 per_block;

  g_return_val_if_fail (config != NULL, 0);

  per_block = 7 + PLEAT_SM_N_ATOM14 * 3 + config->sequence_dim + 4 * (guint64) config->num_angles;
  return sizeof (float) * (n_res * (per_block * config->num_blocks + PLEAT_SM_N_GROUPS * 16))
         + sizeof (PleatStructureModuleOutput);
}

PleatStructureModuleScratch *
pleat_structure_module_scratch_new (PleatStructureModule  *self,
                                    guint                  n_res,
                                    GError               **error)
{
  g_autoptr(PleatStructureModuleScratch) sc = NULL;
  ArenaWalk walk = { 0, NULL };
  g_autofree char *size = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (n_res > 0, NULL);

  arena_layout (&self->config, n_res, &walk, NULL);
  sc = g_new0 (PleatStructureModuleScratch, 1);
  sc->n_res = n_res;
  sc->arena = g_try_malloc (walk.offset + ARENA_ALIGN);
  if (sc->arena == NULL)
    {
      size = g_format_size (walk.offset);
      g_set_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_OUT_OF_MEMORY,
                   _("Not enough memory for the structure module (%s for %u residues)"),
                   size, n_res);
      return NULL;
    }
  walk.base = (guint8 *) (((guintptr) sc->arena + ARENA_ALIGN - 1)
                          & ~(guintptr) (ARENA_ALIGN - 1));
  walk.offset = 0;
  arena_layout (&self->config, n_res, &walk, sc);
  return g_steal_pointer (&sc);
}

void
pleat_structure_module_scratch_free (PleatStructureModuleScratch *scratch)
{
  if (scratch == NULL)
    return;
  g_free (scratch->arena);
  g_free (scratch);
}

PleatStructureModuleOutput *
pleat_structure_module_output_new (PleatStructureModule *self,
                                   guint                 n_res)
{
  PleatStructureModuleOutput *out;
  const PleatStructureModuleConfig *c;
  gsize nb, l;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (n_res > 0, NULL);

  c = &self->config;
  nb = c->num_blocks;
  l = n_res;
  out = g_new0 (PleatStructureModuleOutput, 1);
  out->n_res = n_res;
  out->n_blocks = c->num_blocks;
  out->c_s = c->sequence_dim;
  out->n_angles = c->num_angles;
  out->frames = g_new0 (float, nb * l * 7);
  out->positions = g_new0 (float, nb * l * PLEAT_SM_N_ATOM14 * 3);
  out->states = g_new0 (float, nb * l * c->sequence_dim);
  out->angles = g_new0 (float, nb * l * c->num_angles * 2);
  out->unnormalized_angles = g_new0 (float, nb * l * c->num_angles * 2);
  out->sidechain_frames = g_new0 (float, l * PLEAT_SM_N_GROUPS * 16);
  return out;
}

void
pleat_structure_module_output_free (PleatStructureModuleOutput *out)
{
  if (out == NULL)
    return;
  g_free (out->frames);
  g_free (out->positions);
  g_free (out->states);
  g_free (out->angles);
  g_free (out->unnormalized_angles);
  g_free (out->sidechain_frames);
  g_free (out);
}

const float *
pleat_structure_module_output_get_final_positions (const PleatStructureModuleOutput *out)
{
  g_return_val_if_fail (out != NULL, NULL);
  return out->positions + (gsize) (out->n_blocks - 1) * out->n_res * PLEAT_SM_N_ATOM14 * 3;
}

/* The transition (dropout-free): s = LayerNorm (s + lin3 (relu (lin2 (relu (lin1 (s)))))) per
 * layer. */
static void
transition (PleatStructureModule        *self,
            const PleatLayerCtx         *ctx,
            PleatStructureModuleScratch *sc)
{
  size_t n = sc->n_res, c_s = self->config.sequence_dim;

  for (guint l = 0; l < self->config.num_transition_layers; l++)
    {
      const PleatSmLinear *lin = &self->transition[l * 3];

      pleat_layer_linear (ctx, sc->s, c_s, lin[0].weight, lin[0].bias, sc->tmp_s, c_s,
                          n, c_s, c_s, FALSE);
      pleat_layer_unary (ctx, ctx->k->relu, sc->tmp_s, sc->tmp_s, n * c_s);
      pleat_layer_linear (ctx, sc->tmp_s, c_s, lin[1].weight, lin[1].bias, sc->tmp_s2, c_s,
                          n, c_s, c_s, FALSE);
      pleat_layer_unary (ctx, ctx->k->relu, sc->tmp_s2, sc->tmp_s2, n * c_s);
      pleat_layer_linear (ctx, sc->tmp_s2, c_s, lin[2].weight, lin[2].bias, sc->s, c_s,
                          n, c_s, c_s, TRUE);
    }
  pleat_layer_layer_norm (ctx, sc->s, c_s, self->transition_norm.weight,
                          self->transition_norm.bias, SM_LAYER_NORM_EPS, sc->s, c_s, n, c_s);
}

/* The angle resnet (Algorithm 20 lines 11-14 as OpenFold's AngleResnet): the unnormalised
 * (sin, cos) pairs into unnorm, the normalised ones into norm, both (L, n_angles, 2). */
static void
angle_resnet (PleatStructureModule        *self,
              const PleatLayerCtx         *ctx,
              PleatStructureModuleScratch *sc,
              float                       *unnorm,
              float                       *norm)
{
  size_t n = sc->n_res, c_s = self->config.sequence_dim, c_r = self->config.resnet_dim;
  size_t n_out = 2 * self->config.num_angles;
  double eps = self->config.epsilon;

  pleat_layer_unary (ctx, ctx->k->relu, sc->s, sc->tmp_s, n * c_s);
  memcpy (sc->resnet_a, sc->resnet_initial, n * c_r * sizeof (float));
  pleat_layer_linear (ctx, sc->tmp_s, c_s, self->resnet_in.weight, self->resnet_in.bias,
                      sc->resnet_a, c_r, n, c_s, c_r, TRUE);

  for (guint l = 0; l < self->config.num_resnet_blocks; l++)
    {
      const PleatSmLinear *lin = &self->resnet[l * 2];

      pleat_layer_unary (ctx, ctx->k->relu, sc->resnet_a, sc->resnet_tmp, n * c_r);
      pleat_layer_linear (ctx, sc->resnet_tmp, c_r, lin[0].weight, lin[0].bias,
                          sc->resnet_tmp2, c_r, n, c_r, c_r, FALSE);
      pleat_layer_unary (ctx, ctx->k->relu, sc->resnet_tmp2, sc->resnet_tmp2, n * c_r);
      pleat_layer_linear (ctx, sc->resnet_tmp2, c_r, lin[1].weight, lin[1].bias,
                          sc->resnet_a, c_r, n, c_r, c_r, TRUE);
    }

  pleat_layer_unary (ctx, ctx->k->relu, sc->resnet_a, sc->resnet_tmp, n * c_r);
  pleat_layer_linear (ctx, sc->resnet_tmp, c_r, self->resnet_out.weight, self->resnet_out.bias,
                      unnorm, n_out, n, c_r, n_out, FALSE);

  for (size_t i = 0; i < n * self->config.num_angles; i++)
    {
      float a = unnorm[i * 2], b = unnorm[i * 2 + 1];
      float denom = sqrtf (MAX (a * a + b * b, (float) eps));

      norm[i * 2] = a / denom;
      norm[i * 2 + 1] = b / denom;
    }
}

typedef struct
{
  PleatStructureModule        *self;
  PleatStructureModuleScratch *scratch;
  const guint8                *aatype;
  const float                 *angles;         /* (L, 7, 2) of this block */
  float                       *positions;      /* (L, 14, 3) of this block */
  float                       *frames7;        /* (L, 7) of this block */
  float                       *sidechain;      /* (L, 8, 4, 4) or NULL */
} AtomsJob;

static void
atoms_cb (void   *data,
          size_t  begin,
          size_t  end,
          int     ith)
{
  const AtomsJob *job = data;
  PleatStructureModuleScratch *sc = job->scratch;
  double scale = job->self->config.trans_scale_factor;
  guint n_angles = job->self->config.num_angles;

  for (size_t i = begin; i < end; i++)
    {
      const PleatQuatRigid *f = &sc->frames[i];
      PleatRigid backbone, groups[PLEAT_SM_N_GROUPS];
      float *f7 = job->frames7 + i * 7;

      /* The reference turns the quaternion frame into matrices before scaling to Angstrom. */
      pleat_quat_rigid_to_rigid (f, scale, &backbone);
      pleat_structure_module_residue_atoms (&backbone, job->angles + i * n_angles * 2,
                                            job->aatype[i], groups,
                                            job->positions + i * PLEAT_SM_N_ATOM14 * 3);

      memcpy (f7, f->q, 4 * sizeof (float));
      for (guint x = 0; x < 3; x++)
        f7[4 + x] = (float) (f->t[x] * scale);

      if (job->sidechain != NULL)
        for (guint g = 0; g < PLEAT_SM_N_GROUPS; g++)
          pleat_rigid_to_4x4 (&groups[g],
                              (float (*)[4]) (job->sidechain + (i * PLEAT_SM_N_GROUPS + g) * 16));
    }
}

typedef struct
{
  PleatStructureModuleScratch *scratch;
} FramesJob;

/* Backbone update: compose each frame with its update and refresh the matrix form. */
static void
frames_cb (void   *data,
           size_t  begin,
           size_t  end,
           int     ith)
{
  const FramesJob *job = data;
  PleatStructureModuleScratch *sc = job->scratch;

  for (size_t i = begin; i < end; i++)
    {
      pleat_quat_rigid_compose_update (&sc->frames[i], sc->bb + i * 6);
      pleat_quat_rigid_to_rigid (&sc->frames[i], 1.0, &sc->rigids[i]);
    }
}

gboolean
pleat_structure_module_run (PleatStructureModule         *self,
                            const PleatLayerCtx          *ctx,
                            const float                  *single,
                            float                        *pair,
                            const guint8                 *aatype,
                            const float                  *mask,
                            PleatStructureModuleScratch  *sc,
                            PleatStructureModuleOutput   *out,
                            GCancellable                 *cancellable,
                            GError                      **error)
{
  const PleatStructureModuleConfig *c;
  size_t n, c_s, c_z, n_heads, c_r, n_ang;
  FramesJob frames_job = { sc };

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (ctx != NULL && ctx->k != NULL, FALSE);
  g_return_val_if_fail (single != NULL && pair != NULL && aatype != NULL, FALSE);
  g_return_val_if_fail (sc != NULL && out != NULL, FALSE);
  g_return_val_if_fail (sc->n_res == out->n_res, FALSE);
  g_return_val_if_fail (out->n_blocks == self->config.num_blocks, FALSE);

  c = &self->config;
  n = sc->n_res;
  c_s = c->sequence_dim;
  c_z = c->pairwise_dim;
  n_heads = c->num_heads_ipa;
  c_r = c->resnet_dim;
  n_ang = c->num_angles;

  for (size_t i = 0; i < n; i++)
    g_return_val_if_fail (aatype[i] < PLEAT_RC_N_RESTYPES, FALSE);

  /* Inputs: LayerNorms, the pair bias every block shares, s = linear_in (s_initial). */
  pleat_layer_layer_norm (ctx, single, c_s, self->layer_norm_s.weight, self->layer_norm_s.bias,
                          SM_LAYER_NORM_EPS, sc->s_initial, c_s, n, c_s);
  pleat_layer_layer_norm (ctx, pair, c_z, self->layer_norm_z.weight, self->layer_norm_z.bias,
                          SM_LAYER_NORM_EPS, pair, c_z, n * n, c_z);
  pleat_layer_linear (ctx, pair, c_z, self->ipa_b.weight, self->ipa_b.bias,
                      sc->pair_bias, n_heads, n * n, c_z, n_heads, FALSE);
  pleat_layer_linear (ctx, sc->s_initial, c_s, self->linear_in.weight, self->linear_in.bias,
                      sc->s, c_s, n, c_s, c_s, FALSE);
  /* The angle resnet's s_initial branch does not change between blocks. */
  pleat_layer_unary (ctx, ctx->k->relu, sc->s_initial, sc->tmp_s, n * c_s);
  pleat_layer_linear (ctx, sc->tmp_s, c_s, self->resnet_initial.weight,
                      self->resnet_initial.bias, sc->resnet_initial, c_r, n, c_s, c_r, FALSE);

  for (size_t i = 0; i < n; i++)
    {
      pleat_quat_rigid_identity (&sc->frames[i]);
      pleat_rigid_identity (&sc->rigids[i]);
    }

  for (guint b = 0; b < c->num_blocks; b++)
    {
      AtomsJob atoms = { self, sc, aatype, NULL, NULL, NULL, NULL };
      float *angles = out->angles + (size_t) b * n * n_ang * 2;
      float *unnorm = out->unnormalized_angles + (size_t) b * n * n_ang * 2;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      _pleat_ipa_forward (self, ctx, pair, mask, sc);
      pleat_layer_layer_norm (ctx, sc->s, c_s, self->layer_norm_ipa.weight,
                              self->layer_norm_ipa.bias, SM_LAYER_NORM_EPS, sc->s, c_s, n, c_s);
      transition (self, ctx, sc);

      pleat_layer_linear (ctx, sc->s, c_s, self->bb_update.weight, self->bb_update.bias,
                          sc->bb, 6, n, c_s, 6, FALSE);
      ctx->par.parallel_for (ctx->par.pool, n, 64, frames_cb, &frames_job);

      angle_resnet (self, ctx, sc, unnorm, angles);

      atoms.angles = angles;
      atoms.positions = out->positions + (size_t) b * n * PLEAT_SM_N_ATOM14 * 3;
      atoms.frames7 = out->frames + (size_t) b * n * 7;
      atoms.sidechain = b + 1 == c->num_blocks ? out->sidechain_frames : NULL;
      ctx->par.parallel_for (ctx->par.pool, n, 16, atoms_cb, &atoms);

      memcpy (out->states + (size_t) b * n * c_s, sc->s, n * c_s * sizeof (float));
    }

  return TRUE;
}
