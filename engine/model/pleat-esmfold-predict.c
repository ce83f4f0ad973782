/* pleat-esmfold-predict.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * ESMFold v1's forward pass (EsmForProteinFolding.forward and fair-esm's ESMFold.infer): the
 * input encoding, the language model, the trunk's input, the passes of trunk and structure
 * module, and the confidence heads, with progress, per-pass previews and cancellation.
 */
#define G_LOG_DOMAIN "pleat-engine"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "pleat-error.h"
#include "pleat-esmfold-private.h"
#include "pleat-esmfold-structure.h"
#include "pleat-model-memory.h"

/* torch.nn.LayerNorm's default eps (esm_s_mlp's LayerNorm). */
#define STEM_LAYER_NORM_EPS 1e-5f

EsmFoldInput *
_pleat_esmfold_input_new (const PleatSequenceRecord *record)
{
  EsmFoldInput *in = g_new0 (EsmFoldInput, 1);
  guint n = record->n_residues + (record->n_chains - 1) * PLEAT_ESMFOLD_LINKER_LENGTH;
  guint pos = 0;

  in->n_res = n;
  in->n_chains = record->n_chains;
  in->aatype = g_new (guint8, n);
  in->residue_index = g_new (gint64, n);
  in->chain_index = g_new (guint, n);
  in->linker = g_new0 (guint8, n);

  /* fair-esm's encode_sequence: chains joined by poly-G linkers; chain k and the linker after
   * it get residue_index + 512 k and chain_index k; only the linker mask tells them apart. */
  for (guint k = 0; k < record->n_chains; k++)
    {
      guint len = strlen (record->chains[k]);

      for (guint i = 0; i < len; i++, pos++)
        {
          in->aatype[pos] = record->aatype[k][i];
          in->residue_index[pos] = pos + (gint64) k * PLEAT_ESMFOLD_CHAIN_INDEX_OFFSET;
          in->chain_index[pos] = k;
        }
      if (k + 1 == record->n_chains)
        break;
      for (guint i = 0; i < PLEAT_ESMFOLD_LINKER_LENGTH; i++, pos++)
        {
          in->aatype[pos] = 7;     /* G */
          in->residue_index[pos] = pos + (gint64) k * PLEAT_ESMFOLD_CHAIN_INDEX_OFFSET;
          in->chain_index[pos] = k;
          in->linker[pos] = 1;
        }
    }
  g_assert (pos == n);
  return in;
}

void
_pleat_esmfold_input_free (EsmFoldInput *input)
{
  if (input == NULL)
    return;
  g_free (input->aatype);
  g_free (input->residue_index);
  g_free (input->chain_index);
  g_free (input->linker);
  g_free (input);
}

/* Relative costs of the stages in FLOPs (see research/performance.md section 5), so that the
 * reported fraction moves evenly with time; only the proportions matter. */
typedef struct
{
  double lm_layer;
  double block;
  double structure_module;
  double heads;
  double total;
} FoldCosts;

static FoldCosts
fold_costs (const PleatEsmConfig *c,
            guint                 n_res,
            guint                 n_passes)
{
  const PleatTrunkConfig *t = &c->esmfold.trunk;
  const PleatStructureModuleConfig *sm = &t->structure_module;
  double n = n_res, tok = n_res + 2;
  double e = c->hidden_size, f = c->intermediate_size;
  double cs = t->sequence_state_dim, cz = t->pairwise_state_dim;
  double hs = cs / t->sequence_head_width, hp = cz / t->pairwise_head_width;
  FoldCosts k;

  k.lm_layer = 2 * tok * (4 * e * e + 2 * e * f) + 4 * tok * tok * e;
  k.block = 2 * n * 13 * cs * cs
            + 2 * n * n * (cz * cz * (1 + 12 + 10 + 8) + cz * (hs + 2 * hp))
            + 12 * cz * n * n * n;
  k.structure_module = 2 * n * n * cz * sm->pairwise_dim
                       + sm->num_blocks * (2 * n * 12 * (double) sm->sequence_dim
                                           * sm->sequence_dim
                                           + 4 * n * n * sm->pairwise_dim * sm->num_heads_ipa);
  k.heads = 2 * n * n * cz * 64;
  k.total = c->num_hidden_layers * k.lm_layer
            + n_passes * (t->num_blocks * k.block + k.structure_module) + k.heads;
  return k;
}

typedef struct
{
  PleatEsmFold      *self;
  PleatProgressFunc  progress;
  gpointer           user_data;
  FoldCosts          costs;
  double             done;        /* cost completed so far */
  guint              n_passes;
  guint              n_blocks;
} Progress;

static void
report (Progress   *p,
        PleatStage  stage,
        guint       pass,
        guint       block)
{
  PleatProgress event = { stage, pass, p->n_passes, block, block > 0 ? p->n_blocks : 0, 0 };

  if (p->progress == NULL)
    return;
  event.fraction = CLAMP (p->done / p->costs.total, 0.0, 1.0);
  p->progress (&event, p->user_data);
}

static void
lm_layer_done_cb (guint        index,
                  const float *hidden,
                  gpointer     user_data)
{
  Progress *p = user_data;

  /* Hidden state i > 0 closes layer i; the raw last layer comes just before the last state. */
  if (index == 0 || index == PLEAT_ESM2_RAW_LAST_LAYER)
    return;
  p->done += p->costs.lm_layer;
  report (p, PLEAT_STAGE_LANGUAGE_MODEL, 0, 0);
}

void
_pleat_esmfold_tokens (PleatEsmFold       *self,
                       const EsmFoldInput *in,
                       gint64             *tokens)
{
  /* Slot 0 of af2_to_esm is padding, hence the + 1. */
  tokens[0] = self->cls_idx;
  for (guint i = 0; i < in->n_res; i++)
    tokens[i + 1] = self->af2_to_esm[in->aatype[i] + 1];
  tokens[in->n_res + 1] = self->eos_idx;
}

/* The language model's combined features (n_res, d_model) of the input. */
static float *
run_language_model (PleatEsmFold        *self,
                    const EsmFoldInput  *in,
                    Progress            *progress,
                    GCancellable        *cancellable,
                    GError             **error)
{
  const PleatLayerCtx *ctx = pleat_compute_get_layer_ctx (self->compute);
  int n_threads = pleat_compute_get_n_threads (self->compute);
  guint n_tokens = in->n_res + 2;
  g_autofree gint64 *tokens = g_new (gint64, n_tokens);
  gpointer scratch;
  float *combined;
  gboolean ok;

  _pleat_esmfold_tokens (self, in, tokens);

  combined = pleat_model_alloc (pleat_model_floats_bytes ((guint64) in->n_res
                                                          * self->config->hidden_size), error);
  if (combined == NULL)
    return NULL;
  scratch = pleat_model_alloc (pleat_esm2_get_scratch_size (self->config, n_tokens, n_threads),
                               error);
  if (scratch == NULL)
    {
      pleat_model_free (combined);
      return NULL;
    }

  ok = pleat_esm2_run (self->lm, ctx, tokens, n_tokens, self->combine_weights, combined,
                       lm_layer_done_cb, progress, scratch, cancellable, error);
  pleat_model_free (scratch);
  if (!ok)
    {
      pleat_model_free (combined);
      return NULL;
    }
  if (self->config->esmfold.esm_ablate_sequence)
    memset (combined, 0, (gsize) in->n_res * self->config->hidden_size * sizeof (float));
  return combined;
}

gboolean
_pleat_esmfold_build_trunk_input (PleatEsmFold        *self,
                                  const EsmFoldInput  *in,
                                  const float         *combined,
                                  PleatTrunkState     *state,
                                  GError             **error)
{
  const PleatLayerCtx *ctx = pleat_compute_get_layer_ctx (self->compute);
  gsize n = in->n_res;
  gsize e = self->config->hidden_size;
  gsize cs = self->config->esmfold.trunk.sequence_state_dim;
  guint64 normed_bytes = pleat_model_floats_bytes (n * e);
  char *tmp = pleat_model_alloc (normed_bytes + pleat_model_floats_bytes (n * cs), error);
  float *normed, *hidden;

  if (tmp == NULL)
    return FALSE;
  normed = (float *) (void *) tmp;
  hidden = (float *) (void *) (tmp + normed_bytes);

  /* LayerNorm, Linear, ReLU, Linear. */
  pleat_layer_layer_norm (ctx, combined, e, self->esm_s_norm.weight, self->esm_s_norm.bias,
                          STEM_LAYER_NORM_EPS, normed, e, n, e);
  pleat_layer_linear (ctx, normed, e, self->esm_s_fc1.weight, self->esm_s_fc1.bias, hidden, cs,
                      n, e, cs, false);
  pleat_layer_unary (ctx, ctx->k->relu, hidden, hidden, n * cs);
  pleat_layer_linear (ctx, hidden, cs, self->esm_s_fc2.weight, self->esm_s_fc2.bias, state->s0,
                      cs, n, cs, cs, false);
  pleat_model_free (tmp);

  /* ESMFold's own residue embedding is indexed by the AF2 type itself (its padding row 0 is
   * alanine's, as in the reference). */
  if (self->embedding != NULL)
    for (gsize i = 0; i < n; i++)
      ctx->k->add (state->s0 + i * cs, self->embedding + (gsize) in->aatype[i] * cs,
                   state->s0 + i * cs, cs);

  memcpy (state->residue_index, in->residue_index, n * sizeof (gint64));
  return TRUE;
}

static PleatEsmFoldResult *
result_new (const EsmFoldInput *in,
            guint               n_passes,
            guint               chunk)
{
  PleatEsmFoldResult *r = g_new0 (PleatEsmFoldResult, 1);
  gsize n = in->n_res;

  r->n_res = in->n_res;
  r->n_chains = in->n_chains;
  r->n_passes = n_passes;
  r->chunk = chunk;
  r->aatype = g_memdup2 (in->aatype, n);
  r->residue_index = g_memdup2 (in->residue_index, n * sizeof (gint64));
  r->chain_index = g_memdup2 (in->chain_index, n * sizeof (guint));
  r->linker = g_memdup2 (in->linker, n);
  r->positions = g_new (float, n * 14 * 3);
  r->plddt = g_new (float, n * PLEAT_ESMFOLD_N_ATOM37);
  r->max_pae = PLEAT_ESMFOLD_MAX_PAE;
  r->ptm = NAN;
  r->iptm = NAN;
  return r;
}

static void
send_preview (PleatEsmFoldResult *result,
              const char         *title,
              guint               pass,
              PleatPreviewFunc    preview,
              gpointer            user_data)
{
  g_autoptr(PleatStructure) structure = NULL;
  float *pae = result->pae;

  /* A preview has coordinates and pLDDT; PAE and pTM come with the final structure. */
  result->pae = NULL;
  structure = pleat_esmfold_result_to_structure (result, title);
  result->pae = pae;
  preview (structure, pass, user_data);
}

/* Chunk and budget: an explicit chunk must fit, else the largest that fits is chosen. */
static gboolean
plan_memory (PleatEsmFold  *self,
             guint          n_res,
             guint          chunk,
             guint64        budget,
             guint         *chosen,
             GError       **error)
{
  int n_threads = pleat_compute_get_n_threads (self->compute);

  if (budget == 0)
    budget = pleat_model_available_memory ();
  if (budget == 0)
    budget = G_MAXUINT64;

  if (chunk == 0)
    return pleat_esmfold_choose_chunk (self->config, n_res, budget, n_threads, chosen, error);

  {
    guint64 need = pleat_esmfold_estimate_memory (self->config, n_res, chunk, n_threads);

    if (need > budget)
      {
        g_autofree char *need_str = g_format_size (need);
        g_autofree char *budget_str = g_format_size (budget);

        g_set_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_OUT_OF_MEMORY,
                     _("Folding %u residues in chunks of %u needs %s of working memory, but "
                       "only %s is available"), n_res, chunk, need_str, budget_str);
        return FALSE;
      }
    *chosen = chunk;
    return TRUE;
  }
}

PleatEsmFoldResult *
pleat_esmfold_predict (PleatEsmFold               *self,
                       const PleatSequenceRecord  *record,
                       gint                        n_passes,
                       guint                       chunk,
                       guint64                     memory_budget,
                       PleatProgressFunc           progress,
                       PleatPreviewFunc            preview,
                       gpointer                    user_data,
                       GCancellable               *cancellable,
                       GError                    **error)
{
  const PleatLayerCtx *ctx;
  g_autoptr(EsmFoldInput) in = NULL;
  g_autoptr(PleatTrunkState) state = NULL;
  g_autoptr(PleatStructureModuleScratch) sm_scratch = NULL;
  g_autoptr(PleatStructureModuleOutput) sm_out = NULL;
  g_autoptr(PleatEsmFoldResult) result = NULL;
  const PleatStructureModuleConfig *smc;
  Progress prog = { 0 };
  float *combined;
  guint n_blocks, passes;
  gboolean ok;

  g_return_val_if_fail (PLEAT_IS_ESMFOLD (self), NULL);
  g_return_val_if_fail (record != NULL && record->n_chains > 0, NULL);

  ctx = pleat_compute_get_layer_ctx (self->compute);
  smc = &self->config->esmfold.trunk.structure_module;
  n_blocks = pleat_folding_trunk_get_n_blocks (self->trunk);
  passes = n_passes > 0 ? (guint) n_passes : pleat_esmfold_get_default_n_passes (self);
  in = _pleat_esmfold_input_new (record);

  if (!plan_memory (self, in->n_res, chunk, memory_budget, &chunk, error))
    return NULL;
  g_debug ("Folding %s: %u positions, %u passes, chunk %u", record->id, in->n_res, passes,
           chunk);

  prog.self = self;
  prog.progress = progress;
  prog.user_data = user_data;
  prog.costs = fold_costs (self->config, in->n_res, passes);
  prog.n_passes = passes;
  prog.n_blocks = n_blocks;
  report (&prog, PLEAT_STAGE_LANGUAGE_MODEL, 0, 0);

  combined = run_language_model (self, in, &prog, cancellable, error);
  if (combined == NULL)
    return NULL;

  state = pleat_trunk_state_new (self->trunk, in->n_res, chunk,
                                 pleat_compute_get_n_threads (self->compute), error);
  ok = state != NULL && _pleat_esmfold_build_trunk_input (self, in, combined, state, error);
  pleat_model_free (combined);
  if (!ok)
    return NULL;

  sm_scratch = pleat_structure_module_scratch_new (self->sm, in->n_res, error);
  if (sm_scratch == NULL)
    return NULL;
  sm_out = pleat_structure_module_output_new (self->sm, in->n_res);
  result = result_new (in, passes, chunk);

  for (guint p = 0; p < passes; p++)
    {
      const float *positions;

      pleat_folding_trunk_begin_pass (self->trunk, ctx, state, p == 0);
      for (guint b = 0; b < n_blocks; b++)
        {
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            return NULL;
          report (&prog, PLEAT_STAGE_TRUNK, p + 1, b + 1);
          pleat_folding_trunk_run_block (self->trunk, ctx, state, b);
          prog.done += prog.costs.block;
        }

      report (&prog, PLEAT_STAGE_STRUCTURE_MODULE, p + 1, 0);
      pleat_folding_trunk_to_structure_module (self->trunk, ctx, state);
      if (!pleat_structure_module_run (self->sm, ctx, state->sm_single, state->sm_pair,
                                       in->aatype, NULL, sm_scratch, sm_out, cancellable, error))
        return NULL;
      prog.done += prog.costs.structure_module;

      positions = pleat_structure_module_output_get_final_positions (sm_out);
      memcpy (result->positions, positions, (gsize) in->n_res * 14 * 3 * sizeof (float));
      /* The next pass recycles this pass's C-beta distogram. */
      if (p + 1 < passes)
        pleat_folding_trunk_set_recycle_bins (state, positions);

      /* pLDDT of this pass, from the last structure-module block's states: cheap, and what a
       * preview needs; the final pass's is the result's. */
      if (preview != NULL || p + 1 == passes)
        pleat_esmfold_heads_plddt (self->heads, ctx,
                                   sm_out->states + (gsize) (smc->num_blocks - 1) * in->n_res
                                                    * smc->sequence_dim,
                                   in->n_res, NULL, result->plddt);
      if (preview != NULL)
        send_preview (result, record->id, p + 1, preview, user_data);
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  result->pae = g_new (float, (gsize) in->n_res * in->n_res);
  /* ipTM counts residues only, never the linker. */
  if (!pleat_esmfold_heads_aligned_error (self->heads, ctx, state->z, in->n_res,
                                          in->n_chains > 1 ? in->chain_index : NULL,
                                          in->n_chains > 1 ? in->linker : NULL,
                                          result->pae, &result->ptm, &result->iptm, error))
    return NULL;
  prog.done += prog.costs.heads;
  report (&prog, PLEAT_STAGE_STRUCTURE_MODULE, passes, 0);

  return g_steal_pointer (&result);
}
