/* pleat-model-config.h
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * config.json of a Hugging Face EsmForProteinFolding checkpoint as typed structs. Field names
 * follow transformers' EsmConfig / EsmFoldConfig / TrunkConfig / StructureModuleConfig, and
 * every default is the reference's (transformers/models/esm/configuration_esm.py).
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
  guint    max_recycles;          /* 4 */
  guint    chunk_size;            /* 128; 0 when null (no chunking) */
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
  guint    vocab_size;
  char   **vocab_list;            /* NULL-terminated; ESM-2's when absent in a folding model */
  guint    mask_token_id;
  guint    pad_token_id;
  guint    hidden_size;           /* 768 */
  guint    num_hidden_layers;     /* 12 */
  guint    num_attention_heads;   /* 12 */
  guint    intermediate_size;     /* 3072 */
  char    *hidden_act;            /* "gelu" */
  double   hidden_dropout_prob;   /* 0.1 */
  double   attention_probs_dropout_prob; /* 0.1 */
  guint    max_position_embeddings; /* 1026 */
  double   initializer_range;     /* 0.02 */
  double   layer_norm_eps;        /* 1e-12 */
  char    *position_embedding_type; /* "absolute" */
  gboolean emb_layer_norm_before; /* FALSE when null */
  gboolean token_dropout;         /* FALSE */
  gboolean is_folding_model;      /* FALSE */
  PleatEsmFoldConfig esmfold;     /* valid when is_folding_model */
} PleatEsmConfig;

PleatEsmConfig *pleat_esm_config_new_default (void);
PleatEsmConfig *pleat_esm_config_new_from_file (const char  *path,
                                                GError     **error);
PleatEsmConfig *pleat_esm_config_new_from_data (const char  *json,
                                                gssize       length,
                                                GError     **error);
void            pleat_esm_config_free        (PleatEsmConfig *config);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PleatEsmConfig, pleat_esm_config_free)

G_END_DECLS
