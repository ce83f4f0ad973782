/* pleat-model-config.h
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * config.json of a Hugging Face EsmForProteinFolding checkpoint as typed structs. Field names
 * follow transformers' EsmConfig / EsmFoldConfig / TrunkConfig / StructureModuleConfig, and
 * every default is the reference's (transformers/models/esm/configuration_esm.py, 4.37.2).
 *
 * Reading is stricter than the reference about types: a value of the wrong JSON type, a
 * negative or non-integer number where a count is expected, or an unknown key inside
 * esmfold_config, trunk or structure_module (the reference's dataclasses raise TypeError on
 * those) is a PLEAT_ENGINE_ERROR_INVALID_CONFIG naming the key path, for example
 * "esmfold_config.trunk.num_blocks". The reference's own checks (TrunkConfig.__post_init__,
 * use_esm_attn_map) are errors too. Unknown top-level keys are ignored, as PretrainedConfig
 * keeps them without looking at them.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  guint    sequence_dim;          /* c_s, 384 */
  guint    pairwise_dim;          /* c_z, 128 */
  guint    ipa_dim;               /* c_ipa, 16 */
  guint    resnet_dim;            /* c_resnet, 128 */
  guint    num_heads_ipa;         /* 12 */
  guint    num_qk_points;         /* 4 */
  guint    num_v_points;          /* 8 */
  double   dropout_rate;          /* 0.1, unused at inference */
  guint    num_blocks;            /* 8 */
  guint    num_transition_layers; /* 1 */
  guint    num_resnet_blocks;     /* 2 */
  guint    num_angles;            /* 7 */
  double   trans_scale_factor;    /* 10 */
  double   epsilon;               /* 1e-8 */
  double   inf;                   /* 1e5 */
} PleatStructureModuleConfig;

typedef struct
{
  guint    num_blocks;            /* 48 */
  guint    sequence_state_dim;    /* 1024 */
  guint    pairwise_state_dim;    /* 128 */
  guint    sequence_head_width;   /* 32 */
  guint    pairwise_head_width;   /* 32 */
  guint    position_bins;         /* 32 */
  double   dropout;               /* 0 */
  double   layer_drop;            /* 0 */
  gboolean cpu_grad_checkpoint;   /* FALSE */
  guint    max_recycles;          /* 4; must be > 0 */
  guint    chunk_size;            /* 128; 0 when null (no chunking); an explicit 0 is an error */
  PleatStructureModuleConfig structure_module;
} PleatTrunkConfig;

typedef struct
{
  char    *esm_type;              /* (nullable) */
  gboolean fp16_esm;              /* TRUE */
  gboolean use_esm_attn_map;      /* FALSE */
  gboolean esm_ablate_pairwise;   /* FALSE */
  gboolean esm_ablate_sequence;   /* FALSE */
  double   esm_input_dropout;     /* 0 */
  gboolean embed_aa;              /* TRUE */
  gboolean bypass_lm;             /* FALSE */
  guint    lddt_head_hid_dim;     /* 128 */
  PleatTrunkConfig trunk;
} PleatEsmFoldConfig;

typedef struct
{
  char   **architectures;         /* (nullable) NULL-terminated */
  char    *model_type;            /* "esm" */
  char    *torch_dtype;           /* (nullable) e.g. "float32": the dtype the weights were saved in */
  gint     vocab_size;            /* -1 when null (the reference's default) */
  char   **vocab_list;            /* (nullable) NULL-terminated; the ESM-2 vocabulary when absent or
                                   * null in a folding model; always NULL for other models, as in
                                   * the reference */
  gint     mask_token_id;         /* -1 when null */
  gint     pad_token_id;          /* -1 when null */
  guint    hidden_size;           /* 768 */
  guint    num_hidden_layers;     /* 12 */
  guint    num_attention_heads;   /* 12 */
  guint    intermediate_size;     /* 3072 */
  char    *hidden_act;            /* "gelu" when absent (the reference keeps no default and its
                                   * ESM-2 layers always use the erf GELU) */
  double   hidden_dropout_prob;   /* 0.1 */
  double   attention_probs_dropout_prob; /* 0.1 */
  guint    max_position_embeddings; /* 1026 */
  double   initializer_range;     /* 0.02 */
  double   layer_norm_eps;        /* 1e-12 */
  char    *position_embedding_type; /* "absolute" */
  gboolean emb_layer_norm_before; /* FALSE when null */
  gboolean token_dropout;         /* FALSE */
  gboolean is_folding_model;      /* FALSE */
  PleatEsmFoldConfig esmfold;     /* read when is_folding_model; EsmFoldConfig() defaults
                                   * otherwise, as the reference ignores esmfold_config then */
} PleatEsmConfig;

/* The reference's EsmConfig() defaults: not a folding model, no vocabulary. */
PleatEsmConfig *pleat_esm_config_new_default (void);
PleatEsmConfig *pleat_esm_config_new_from_file (const char  *path,
                                                GError     **error);
PleatEsmConfig *pleat_esm_config_new_from_data (const char  *json,
                                                gssize       length,
                                                GError     **error);
void            pleat_esm_config_free        (PleatEsmConfig *config);
/* The ESM-2 token list transformers assumes when a folding model's config has none. */
const char * const *pleat_esm_config_get_default_vocab_list (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PleatEsmConfig, pleat_esm_config_free)

G_END_DECLS
