/* pleat-folding-trunk.h
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * ESMFold v1's folding trunk (fair-esm esm/esmfold/v1/trunk.py, transformers'
 * EsmFoldingTrunk): the relative-position embedding, recycling of the previous pass's s, z and
 * C-beta distogram, the N triangular self-attention blocks and the linears into the structure
 * module. The per-pass loop (and the structure module between passes) belongs to the caller,
 * pleat-esmfold.c, so that it can report progress and hand out every pass's structure.
 *
 * Usage, once per model:   trunk = pleat_folding_trunk_new_from_weights (...)
 * once per fold:           state = pleat_trunk_state_new (trunk, n_res, chunk, ...)
 *                          fill state->s0 and state->residue_index
 * once per pass:           pleat_folding_trunk_begin_pass (), then every block with
 *                          pleat_folding_trunk_run_block (), then
 *                          pleat_folding_trunk_to_structure_module (); after the structure
 *                          module, pleat_folding_trunk_set_recycle_bins ()
 * Nothing is allocated after pleat_trunk_state_new().
 */
#pragma once

#include <gio/gio.h>

#include "pleat-layers.h"
#include "pleat-model-config.h"
#include "pleat-pair-layers.h"
#include "pleat-weights.h"

G_BEGIN_DECLS

/* The recycled distogram: 15 bins of the C-beta distance with edges linspace (3.375, 21.375,
 * 14), as the reference. */
#define PLEAT_TRUNK_RECYCLE_BINS 15

typedef struct _PleatFoldingTrunk PleatFoldingTrunk;

/* The activations of one fold, owned by the caller between the calls above. */
typedef struct
{
  guint   n_res;
  guint   chunk;           /* rows of the pair tensor per band; 0: unchunked */
  float  *s0;              /* (n_res, c_s): the trunk input esm_s_mlp (esm_s) + embedding (aa) */
  float  *s;               /* (n_res, c_s): the sequence state */
  float  *z;               /* (n_res, n_res, c_z): the pair state */
  gint64 *residue_index;   /* (n_res) */
  guint8 *recycle_bins;    /* (n_res, n_res): distogram bins of the previous pass */
  float  *sm_single;       /* (n_res, sm_c_s): trunk2sm_s (s) */
  float  *sm_pair;         /* (n_res, n_res, sm_c_z): trunk2sm_z (z); shares the scratch arena,
                            * valid from to_structure_module () to the next block */
  /* Owned */
  gpointer arena;
  gpointer scratch;
  guint64  scratch_size;
} PleatTrunkState;

PleatFoldingTrunk      *pleat_folding_trunk_new_from_weights (const PleatTrunkConfig  *config,
                                                              PleatWeights            *weights,
                                                              const char              *prefix,
                                                              GError                 **error);
void                    pleat_folding_trunk_free             (PleatFoldingTrunk       *self);
const PleatTrunkConfig *pleat_folding_trunk_get_config       (PleatFoldingTrunk       *self);

/* Bytes of a PleatTrunkState for n_res residues with this chunk (0: unchunked) on n_threads
 * threads: the states, the pair tensor and the largest layer's scratch. */
guint64                 pleat_folding_trunk_get_memory_size  (const PleatTrunkConfig  *config,
                                                              guint                    n_res,
                                                              guint                    chunk,
                                                              int                      n_threads);

/* NULL with PLEAT_ENGINE_ERROR_OUT_OF_MEMORY when it cannot be allocated. s0 and
 * residue_index are the caller's to fill; recycle_bins start at 0. */
PleatTrunkState        *pleat_trunk_state_new                (PleatFoldingTrunk       *self,
                                                              guint                    n_res,
                                                              guint                    chunk,
                                                              int                      n_threads,
                                                              GError                 **error);
void                    pleat_trunk_state_free               (PleatTrunkState         *state);

/* The input of block 0 of a pass: s = s0 + recycle_s_norm (s), z = recycle_z_norm (z) +
 * recycle_disto (bins) + relpos (residue_index), where on the first pass the recycled s and z
 * are zero (the reference recycles zeros) and the bins 0. */
void                    pleat_folding_trunk_begin_pass       (PleatFoldingTrunk       *self,
                                                              const PleatLayerCtx     *ctx,
                                                              PleatTrunkState         *state,
                                                              gboolean                 first);
guint                   pleat_folding_trunk_get_n_blocks     (PleatFoldingTrunk       *self);
/* One triangular self-attention block on state->s and state->z, in place. */
void                    pleat_folding_trunk_run_block        (PleatFoldingTrunk       *self,
                                                              const PleatLayerCtx     *ctx,
                                                              PleatTrunkState         *state,
                                                              guint                    block);
/* state->sm_single and state->sm_pair from the pass's s and z. */
void                    pleat_folding_trunk_to_structure_module (PleatFoldingTrunk    *self,
                                                              const PleatLayerCtx     *ctx,
                                                              PleatTrunkState         *state);
/* state->recycle_bins from the structure module's atom14 positions (n_res, 14, 3) of its last
 * block: C-beta from N, CA and C, squared distances against the float32 squared edges. */
void                    pleat_folding_trunk_set_recycle_bins (PleatTrunkState         *state,
                                                              const float             *positions);

/* The layers of one block, as the shared kernels/layers primitives take them; public so that
 * tests can check each against the reference. */
typedef struct
{
  PleatSeqAttentionWeights      seq_attention;  /* pair_to_sequence + layernorm_1 + attention */
  PleatTransitionWeights        mlp_seq;
  /* sequence_to_pair: LN, proj (2 * inner, c_s), o_proj (c_z, 2 * inner) */
  size_t                        s2p_inner;
  const float                  *s2p_ln_weight;
  const float                  *s2p_ln_bias;
  const float                  *s2p_proj_weight;
  const float                  *s2p_proj_bias;
  const float                  *s2p_o_weight;
  const float                  *s2p_o_bias;
  PleatTriangleMulWeights       tri_mul_out;
  PleatTriangleMulWeights       tri_mul_in;
  PleatTriangleAttentionWeights tri_att_start;
  PleatTriangleAttentionWeights tri_att_end;
  PleatTransitionWeights        mlp_pair;
} PleatTrunkBlockLayers;

const PleatTrunkBlockLayers *pleat_folding_trunk_get_block   (PleatFoldingTrunk       *self,
                                                              guint                    block);
/* ESMFold's sequence->pair update: z[i, j] += o_proj (cat (q[j] * k[i], q[j] - k[i])) with
 * (q | k) = proj (LN (s)). scratch: pleat_folding_trunk_get_memory_size()'s arena suffices. */
void                    pleat_folding_trunk_sequence_to_pair (const PleatTrunkBlockLayers *layers,
                                                              const PleatLayerCtx     *ctx,
                                                              const float             *s,
                                                              float                   *z,
                                                              guint                    n_res,
                                                              guint                    chunk,
                                                              gpointer                 scratch);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PleatFoldingTrunk, pleat_folding_trunk_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PleatTrunkState, pleat_trunk_state_free)

G_END_DECLS
