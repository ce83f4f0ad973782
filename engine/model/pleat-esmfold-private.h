/* pleat-esmfold-private.h
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * PleatEsmFold's instance, shared by pleat-esmfold.c (loading, memory) and
 * pleat-esmfold-predict.c (the forward pass).
 */
#pragma once

#include "pleat-esm2.h"
#include "pleat-esmfold-heads.h"
#include "pleat-esmfold.h"
#include "pleat-folding-trunk.h"
#include "pleat-model-params.h"
#include "pleat-structure-module.h"
#include "pleat-weights.h"

/* AF2 residue types with X, plus the padding slot 0 of af2_to_esm. */
#define ESMFOLD_N_AF2_TOKENS 22

struct _PleatEsmFold
{
  GObject               parent_instance;

  /* Owned */
  char                 *name;
  PleatEsmConfig       *config;
  PleatCompute         *compute;
  PleatWeights         *weights;
  PleatEsm2            *lm;
  PleatFoldingTrunk    *trunk;
  PleatStructureModule *sm;
  PleatEsmFoldHeads    *heads;
  char                **unused;
  float                *combine_weights;  /* (nl + 1) softmax (esm_s_combine) */

  gint64                af2_to_esm[ESMFOLD_N_AF2_TOKENS];
  gint64                cls_idx;
  gint64                eos_idx;

  /* Borrowed from weights */
  PleatNormParams       esm_s_norm;       /* esm_s_mlp.0 */
  PleatLinearParams     esm_s_fc1;        /* esm_s_mlp.1 */
  PleatLinearParams     esm_s_fc2;        /* esm_s_mlp.3 */
  const float          *embedding;        /* (23, c_s), or NULL without embed_aa */
};

/* The model's input for a record, as fair-esm's encode_sequence() builds it. */
typedef struct
{
  guint    n_res;
  guint    n_chains;
  guint8  *aatype;
  gint64  *residue_index;
  guint   *chain_index;
  guint8  *linker;
} EsmFoldInput;

EsmFoldInput *_pleat_esmfold_input_new         (const PleatSequenceRecord *record);
void          _pleat_esmfold_input_free        (EsmFoldInput              *input);
/* <cls> + af2_to_esm[aatype + 1] + <eos>: tokens (input->n_res + 2). */
void          _pleat_esmfold_tokens            (PleatEsmFold              *self,
                                                const EsmFoldInput        *input,
                                                gint64                    *tokens);
/* state->s0 = esm_s_mlp (combined) + embedding (aatype) and state->residue_index. */
gboolean      _pleat_esmfold_build_trunk_input (PleatEsmFold              *self,
                                                const EsmFoldInput        *input,
                                                const float               *combined,
                                                PleatTrunkState           *state,
                                                GError                   **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EsmFoldInput, _pleat_esmfold_input_free)
