/* pleat-structure-module-private.h
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared between the structure module's files: the weights, the scratch arena, and the pieces
 * each file implements (IPA in pleat-ipa.c, frames and atoms in pleat-structure-module-atoms.c).
 */
#pragma once

#include "pleat-rigid.h"
#include "pleat-structure-module.h"

G_BEGIN_DECLS

/* nn.Linear / nn.LayerNorm parameters, borrowed from the weights store. */
typedef struct
{
  const float *weight;         /* (n_out, n_in) */
  const float *bias;           /* (n_out) */
} PleatSmLinear;

typedef struct
{
  const float *weight;         /* (d) */
  const float *bias;           /* (d) */
} PleatSmNorm;

struct _PleatStructureModule
{
  PleatStructureModuleConfig config;

  /* Owned */
  PleatWeights   *weights;                   /* keeps every borrowed pointer below alive */
  PleatSmLinear  *transition;                /* (num_transition_layers * 3): linear_1..3 */
  PleatSmLinear  *resnet;                    /* (num_resnet_blocks * 2): linear_1, linear_2 */
  float          *head_weights;              /* (n_heads): softplus (head_weights) * the
                                              * point-attention scale, precomputed */

  /* Borrowed */
  PleatSmNorm     layer_norm_s;              /* c_s */
  PleatSmNorm     layer_norm_z;              /* c_z */
  PleatSmNorm     layer_norm_ipa;            /* c_s */
  PleatSmNorm     transition_norm;           /* c_s */
  PleatSmLinear   linear_in;                 /* c_s -> c_s */
  PleatSmLinear   ipa_q;                     /* c_s -> H * c_ipa */
  PleatSmLinear   ipa_kv;                    /* c_s -> 2 * H * c_ipa */
  PleatSmLinear   ipa_q_points;              /* c_s -> H * P_q * 3 */
  PleatSmLinear   ipa_kv_points;             /* c_s -> H * (P_q + P_v) * 3 */
  PleatSmLinear   ipa_b;                     /* c_z -> H */
  PleatSmLinear   ipa_out;                   /* H * (c_z + c_ipa + 4 P_v) -> c_s */
  PleatSmLinear   bb_update;                 /* c_s -> 6 */
  PleatSmLinear   resnet_in;                 /* c_s -> c_resnet */
  PleatSmLinear   resnet_initial;            /* c_s -> c_resnet */
  PleatSmLinear   resnet_out;                /* c_resnet -> 2 * num_angles */
};

/* One arena (64-byte aligned pieces of one allocation) for a fold of n_res residues. */
struct _PleatStructureModuleScratch
{
  guint           n_res;

  /* Owned */
  void           *arena;

  /* Views into arena */
  float          *s;                         /* (L, c_s) the running single state */
  float          *s_initial;                 /* (L, c_s) LayerNorm of the input */
  float          *resnet_initial;            /* (L, c_resnet) linear_initial (relu (s_initial)),
                                              * the same for every block */
  float          *tmp_s;                     /* (L, c_s) */
  float          *tmp_s2;                    /* (L, c_s) */
  float          *resnet_a;                  /* (L, c_resnet) */
  float          *resnet_tmp;                /* (L, c_resnet) */
  float          *resnet_tmp2;               /* (L, c_resnet) */
  float          *bb;                        /* (L, 6) backbone updates */
  float          *q;                         /* (L, H * c_ipa) */
  float          *kv;                        /* (L, H * 2 * c_ipa): per head k then v */
  float          *q_pts;                     /* (L, 3 * H * P_q): x block, y block, z block */
  float          *kv_pts;                    /* (L, 3 * H * (P_q + P_v)) */
  float          *q_glob;                    /* (L, H, P_q, 3) query points, global frame */
  float          *k_glob;                    /* (L, H, P_q, 3) */
  float          *v_glob;                    /* (L, H, P_v * 3) */
  float          *o_pt;                      /* (L, H, P_v * 3) attended value points */
  float          *pair_bias;                 /* (L, L, H) linear_b (LayerNorm (z)) */
  float          *attn;                      /* (H, L, L) logits, then weights */
  float          *cat;                       /* (L, H * (c_ipa + 4 P_v + c_z)) IPA output */
  PleatQuatRigid *frames;                    /* (L) backbone frames being updated */
  PleatRigid     *rigids;                    /* (L) the same as matrices, unscaled (IPA) */
};

/* One IPA step: scratch->s += ipa (scratch->s, pair, frames). pair is the LayerNorm'd pair
 * (L, L, c_z); scratch->pair_bias must hold linear_b of it. */
void     _pleat_ipa_forward            (PleatStructureModule        *self,
                                        const PleatLayerCtx         *ctx,
                                        const float                 *pair,
                                        const float                 *mask,
                                        PleatStructureModuleScratch *scratch);

G_END_DECLS
