/* pleat-esmfold.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * PleatEsmFold: loading a checkpoint, the memory estimate and the PleatModel interface. The
 * forward pass is in pleat-esmfold-predict.c.
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

/* Tensors of an EsmForProteinFolding checkpoint that folding never reads: ESM-2's contact
 * head, the absolute position table EsmEmbeddings always creates (rotary models ignore it)
 * and the non-persistent position ids some exports carry. ESMFold's lm_head is read by the
 * heads for completeness. */
static const char *const known_unused_prefixes[] = {
  "esm.contact_head.",
  "esm.embeddings.position_embeddings.",
  "esm.embeddings.position_ids",
};

/* The AF2 residue order with X, as transformers' _af2_to_esm_from_vocab_list walks it. */
static const char restypes_with_x[] = "ARNDCQEGHILKMFPSTWYVX";

static void pleat_esmfold_model_iface_init (PleatModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PleatEsmFold, pleat_esmfold, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (PLEAT_TYPE_MODEL,
                                                      pleat_esmfold_model_iface_init))

static void
pleat_esmfold_finalize (GObject *object)
{
  PleatEsmFold *self = PLEAT_ESMFOLD (object);

  g_clear_pointer (&self->heads, pleat_esmfold_heads_free);
  g_clear_pointer (&self->sm, pleat_structure_module_free);
  g_clear_pointer (&self->trunk, pleat_folding_trunk_free);
  g_clear_pointer (&self->lm, pleat_esm2_free);
  g_clear_pointer (&self->weights, pleat_weights_unref);
  g_clear_pointer (&self->config, pleat_esm_config_free);
  g_clear_pointer (&self->unused, g_strfreev);
  g_clear_pointer (&self->combine_weights, g_free);
  g_clear_pointer (&self->name, g_free);

  G_OBJECT_CLASS (pleat_esmfold_parent_class)->finalize (object);
}

static void
pleat_esmfold_dispose (GObject *object)
{
  PleatEsmFold *self = PLEAT_ESMFOLD (object);

  g_clear_object (&self->compute);

  G_OBJECT_CLASS (pleat_esmfold_parent_class)->dispose (object);
}

static void
pleat_esmfold_class_init (PleatEsmFoldClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pleat_esmfold_dispose;
  object_class->finalize = pleat_esmfold_finalize;
}

static void
pleat_esmfold_init (PleatEsmFold *self)
{
}

static gboolean
vocab_index (const PleatEsmConfig  *config,
             const char            *token,
             gint64                *index,
             GError               **error)
{
  for (guint i = 0; config->vocab_list != NULL && config->vocab_list[i] != NULL; i++)
    if (g_str_equal (config->vocab_list[i], token))
      {
        *index = i;
        return TRUE;
      }
  g_set_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_INVALID_CONFIG,
               _("The vocabulary of config.json has no token “%s”"), token);
  return FALSE;
}

/* af2_to_esm: the checkpoint's buffer when it has one (the reference loads it over the one it
 * builds), else built from the vocabulary as EsmForProteinFolding.__init__ does. */
static gboolean
load_tokens (PleatEsmFold  *self,
             GError       **error)
{
  if (!vocab_index (self->config, "<cls>", &self->cls_idx, error)
      || !vocab_index (self->config, "<eos>", &self->eos_idx, error))
    return FALSE;

  if (pleat_weights_contains (self->weights, "af2_to_esm"))
    {
      const gint64 *map = pleat_weights_get_i64 (self->weights, "af2_to_esm",
                                                 PLEAT_SHAPE (ESMFOLD_N_AF2_TOKENS), error);

      if (map == NULL)
        return FALSE;
      memcpy (self->af2_to_esm, map, sizeof self->af2_to_esm);
      return TRUE;
    }

  if (!vocab_index (self->config, "<pad>", &self->af2_to_esm[0], error))
    return FALSE;
  for (guint i = 0; i < ESMFOLD_N_AF2_TOKENS - 1; i++)
    {
      char token[2] = { restypes_with_x[i], '\0' };

      if (!vocab_index (self->config, token, &self->af2_to_esm[i + 1], error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
load_stem (PleatEsmFold  *self,
           GError       **error)
{
  const PleatEsmConfig *c = self->config;
  gint64 e = c->hidden_size;
  gint64 c_s = c->esmfold.trunk.sequence_state_dim;
  guint nl = c->num_hidden_layers;
  const float *combine;
  double max = -INFINITY, sum = 0.0;

  combine = pleat_weights_get_f32 (self->weights, "esm_s_combine", PLEAT_SHAPE (nl + 1), error);
  if (combine == NULL
      || !pleat_model_params_get_norm (self->weights, "esm_s_mlp.", "0", e, &self->esm_s_norm,
                                       error)
      || !pleat_model_params_get_linear (self->weights, "esm_s_mlp.", "1", c_s, e, TRUE,
                                         &self->esm_s_fc1, error)
      || !pleat_model_params_get_linear (self->weights, "esm_s_mlp.", "3", c_s, c_s, TRUE,
                                         &self->esm_s_fc2, error))
    return FALSE;

  /* softmax (esm_s_combine), once: the weights are fixed. */
  self->combine_weights = g_new (float, nl + 1);
  for (guint l = 0; l <= nl; l++)
    max = MAX (max, combine[l]);
  for (guint l = 0; l <= nl; l++)
    sum += exp ((double) combine[l] - max);
  for (guint l = 0; l <= nl; l++)
    self->combine_weights[l] = (float) (exp ((double) combine[l] - max) / sum);

  if (c->esmfold.embed_aa)
    {
      /* 20 residue types, X, padding and mask: restype_num + 3 rows. */
      self->embedding = pleat_weights_get_f32 (self->weights, "embedding.weight",
                                               PLEAT_SHAPE (ESMFOLD_N_AF2_TOKENS + 1, c_s),
                                               error);
      if (self->embedding == NULL)
        return FALSE;
    }
  return TRUE;
}

static gboolean
is_known_unused (const char *name)
{
  for (gsize i = 0; i < G_N_ELEMENTS (known_unused_prefixes); i++)
    if (g_str_has_prefix (name, known_unused_prefixes[i]))
      return TRUE;
  return FALSE;
}

static void
collect_unused (PleatEsmFold *self)
{
  g_auto(GStrv) names = pleat_weights_dup_unused_names (self->weights);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  guint n = 0;

  for (guint i = 0; names[i] != NULL; i++)
    if (!is_known_unused (names[i]))
      {
        g_strv_builder_add (builder, names[i]);
        n++;
      }
  self->unused = g_strv_builder_end (builder);
  if (n > 0)
    {
      g_autofree char *list = g_strjoinv (", ", self->unused);

      g_message ("Model “%s”: %u tensors of the checkpoint are not used: %s", self->name, n,
                 list);
    }
}

static gboolean
check_config (const PleatEsmConfig  *config,
              GError               **error)
{
  if (!config->is_folding_model)
    {
      g_set_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_INVALID_CONFIG,
                   _("config.json does not describe a folding model (is_folding_model)"));
      return FALSE;
    }
  if (config->esmfold.bypass_lm || config->esmfold.use_esm_attn_map)
    {
      g_set_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_UNSUPPORTED,
                   _("ESMFold variants without the language model or with its attention maps "
                     "are not supported"));
      return FALSE;
    }
  return TRUE;
}

PleatEsmFold *
pleat_esmfold_new_from_files (const char    *config_path,
                              const char    *weights_path,
                              PleatCompute  *compute,
                              GCancellable  *cancellable,
                              GError       **error)
{
  g_autoptr(PleatEsmFold) self = NULL;
  g_autofree char *dir = NULL;

  g_return_val_if_fail (config_path != NULL, NULL);
  g_return_val_if_fail (weights_path != NULL, NULL);
  g_return_val_if_fail (compute == NULL || PLEAT_IS_COMPUTE (compute), NULL);

  self = g_object_new (PLEAT_TYPE_ESMFOLD, NULL);
  dir = g_path_get_dirname (config_path);
  self->name = g_path_get_basename (dir);
  if (compute != NULL)
    self->compute = g_object_ref (compute);
  else if ((self->compute = pleat_compute_new (0, error)) == NULL)
    return NULL;

  self->config = pleat_esm_config_new_from_file (config_path, error);
  if (self->config == NULL || !check_config (self->config, error))
    return NULL;

  self->weights = pleat_weights_open (weights_path, pleat_compute_get_kernels (self->compute),
                                      error);
  if (self->weights == NULL)
    return NULL;

  /* Every module checks the tensors it needs, by name and shape, as it loads them. */
  if (g_cancellable_set_error_if_cancelled (cancellable, error)
      || (self->lm = pleat_esm2_new_from_weights (self->config, self->weights, "esm.",
                                                  error)) == NULL
      || !load_tokens (self, error)
      || !load_stem (self, error)
      || g_cancellable_set_error_if_cancelled (cancellable, error)
      || (self->trunk = pleat_folding_trunk_new_from_weights (&self->config->esmfold.trunk,
                                                              self->weights, "trunk.",
                                                              error)) == NULL
      || (self->sm = pleat_structure_module_new_from_weights (
            &self->config->esmfold.trunk.structure_module, self->weights,
            "trunk.structure_module.", error)) == NULL
      || (self->heads = pleat_esmfold_heads_new_from_weights (&self->config->esmfold,
                                                              self->weights, error)) == NULL)
    return NULL;

  collect_unused (self);
  pleat_weights_release_files (self->weights);
  return g_steal_pointer (&self);
}

PleatEsmFold *
pleat_esmfold_new (const char    *path,
                   PleatCompute  *compute,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_autofree char *config_path = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  config_path = g_build_filename (path, "config.json", NULL);
  return pleat_esmfold_new_from_files (config_path, path, compute, cancellable, error);
}

const PleatEsmConfig *
pleat_esmfold_get_config (PleatEsmFold *self)
{
  g_return_val_if_fail (PLEAT_IS_ESMFOLD (self), NULL);
  return self->config;
}

const char *const *
pleat_esmfold_get_unused_tensors (PleatEsmFold *self)
{
  g_return_val_if_fail (PLEAT_IS_ESMFOLD (self), NULL);
  return (const char *const *) self->unused;
}

guint64
pleat_esmfold_get_weights_size (PleatEsmFold *self)
{
  g_return_val_if_fail (PLEAT_IS_ESMFOLD (self), 0);
  return pleat_weights_get_loaded_size (self->weights);
}

guint
pleat_esmfold_get_default_n_passes (PleatEsmFold *self)
{
  g_return_val_if_fail (PLEAT_IS_ESMFOLD (self), 0);
  return self->config->esmfold.trunk.max_recycles;
}

guint64
pleat_esmfold_estimate_memory (const PleatEsmConfig *config,
                               guint                 n_res,
                               guint                 chunk,
                               int                   n_threads)
{
  const PleatTrunkConfig *t;
  guint64 n = n_res;
  guint64 lm, trunk, heads, combined, stem;

  g_return_val_if_fail (config != NULL, 0);

  t = &config->esmfold.trunk;
  /* The combined language-model features live from the language model until the trunk's
   * input is built from them; everything else is one stage or the other. */
  combined = pleat_model_floats_bytes (n * config->hidden_size);
  lm = pleat_esm2_get_scratch_size (config, n_res + 2, n_threads);
  /* Per-atom pLDDT and the lDDT head's logits and probabilities, PAE, the pTM head's row
   * blocks (pleat-esmfold-heads.c), the structure's own copy. */
  heads = pleat_model_floats_bytes (n * 37 * (2 * 50 + 2))
          + 2 * pleat_model_floats_bytes (n * n)
          + pleat_model_floats_bytes (16 * n * 64);
  /* esm_s_mlp's LayerNorm and hidden layer while the trunk input is built. */
  stem = pleat_model_floats_bytes (n * config->hidden_size)
         + pleat_model_floats_bytes (n * t->sequence_state_dim);
  trunk = pleat_folding_trunk_get_memory_size (t, n_res, chunk, n_threads)
          + pleat_structure_module_get_scratch_size (&t->structure_module, n_res)
          + pleat_structure_module_get_output_size (&t->structure_module, n_res)
          + MAX (heads, stem);
  return combined + MAX (lm, trunk);
}

gboolean
pleat_esmfold_choose_chunk (const PleatEsmConfig  *config,
                            guint                  n_res,
                            guint64                budget,
                            int                    n_threads,
                            guint                 *chunk,
                            GError               **error)
{
  guint64 need = 0;
  g_autofree char *need_str = NULL;
  g_autofree char *budget_str = NULL;

  g_return_val_if_fail (config != NULL, FALSE);
  g_return_val_if_fail (chunk != NULL, FALSE);

  /* Unchunked first (fewest passes over the weights), then halving bands. */
  for (guint c = 0; ; c = c == 0 ? MAX (n_res / 2, 1) : c / 2)
    {
      need = pleat_esmfold_estimate_memory (config, n_res, c, n_threads);
      if (need <= budget)
        {
          *chunk = c;
          return TRUE;
        }
      if (c == 1)
        break;
    }

  need_str = g_format_size (need);
  budget_str = g_format_size (budget);
  g_set_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_OUT_OF_MEMORY,
               _("Folding %u residues needs at least %s of working memory, but only %s is "
                 "available"), n_res, need_str, budget_str);
  return FALSE;
}

void
pleat_esmfold_result_free (PleatEsmFoldResult *result)
{
  if (result == NULL)
    return;
  g_free (result->aatype);
  g_free (result->residue_index);
  g_free (result->chain_index);
  g_free (result->linker);
  g_free (result->positions);
  g_free (result->plddt);
  g_free (result->pae);
  g_free (result);
}

PleatStructure *
pleat_esmfold_result_to_structure (const PleatEsmFoldResult *result,
                                   const char               *title)
{
  PleatEsmFoldStructureInput in = { 0 };
  PleatStructure *structure;

  g_return_val_if_fail (result != NULL, NULL);

  in.n_res = result->n_res;
  in.aatype = result->aatype;
  in.chain_index = result->n_chains > 1 ? result->chain_index : NULL;
  in.linker = result->n_chains > 1 ? result->linker : NULL;
  in.positions = result->positions;
  in.plddt = result->plddt;
  in.pae = result->pae;
  in.max_pae = result->max_pae;
  in.ptm = result->ptm;
  in.iptm = result->iptm;
  structure = pleat_esmfold_build_structure (&in);
  if (title != NULL)
    pleat_structure_set_title (structure, title);
  return structure;
}

static const char *
pleat_esmfold_get_name (PleatModel *model)
{
  return PLEAT_ESMFOLD (model)->name;
}

static char **
pleat_esmfold_dup_weights_files (PleatModel *model)
{
  return pleat_weights_dup_files (PLEAT_ESMFOLD (model)->weights);
}

static PleatStructure *
pleat_esmfold_fold (PleatModel              *model,
                    const PleatFoldRequest  *request,
                    PleatProgressFunc        progress,
                    PleatPreviewFunc         preview,
                    gpointer                 user_data,
                    GCancellable            *cancellable,
                    GError                 **error)
{
  PleatEsmFold *self = PLEAT_ESMFOLD (model);
  g_autoptr(PleatSequenceRecord) record = NULL;
  g_autoptr(PleatEsmFoldResult) result = NULL;
  g_autofree char *joined = NULL;

  /* The request's chains are checked by the same rules as typed or FASTA input. */
  joined = g_strjoinv (":", request->chains);
  record = pleat_sequence_record_new (request->id, "", joined, error);
  if (record == NULL)
    return NULL;
  result = pleat_esmfold_predict (self, record, request->n_passes, request->chunk_size,
                                  request->memory_budget, progress, preview, user_data,
                                  cancellable, error);
  if (result == NULL)
    return NULL;
  return pleat_esmfold_result_to_structure (result, request->id);
}

static void
pleat_esmfold_model_iface_init (PleatModelInterface *iface)
{
  iface->get_name = pleat_esmfold_get_name;
  iface->dup_weights_files = pleat_esmfold_dup_weights_files;
  iface->fold = pleat_esmfold_fold;
}
