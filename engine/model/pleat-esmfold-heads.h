/* pleat-esmfold-heads.h
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The heads ESMFold v1 puts on the trunk and the structure module (fair-esm
 * esm/esmfold/v1/esmfold.py, transformers' EsmForProteinFolding.forward): the distogram, the
 * ESMFold amino-acid LM head, the lDDT head giving pLDDT, and the pTM head giving the
 * predicted aligned error, pTM and, for complexes, ipTM.
 *
 * pLDDT is on 0-100 as fair-esm returns it (transformers' port leaves it on 0-1).
 */
#pragma once

#include <gio/gio.h>

#include "pleat-layers.h"
#include "pleat-model-config.h"
#include "pleat-weights.h"

G_BEGIN_DECLS

#define PLEAT_ESMFOLD_DISTOGRAM_BINS 64   /* distogram and pTM/PAE bins */
#define PLEAT_ESMFOLD_LDDT_BINS      50
#define PLEAT_ESMFOLD_N_ATOM37       37
#define PLEAT_ESMFOLD_LM_TOKENS      23   /* padding + 20 + X + mask (the ESMFold embedding) */
/* The centre of the last PAE bin: OpenFold's bins are 0.25 + 0.5 b, b = 0..63. */
#define PLEAT_ESMFOLD_MAX_PAE        31.75f

typedef struct _PleatEsmFoldHeads PleatEsmFoldHeads;

/* Reads distogram_head, ptm_head, lm_head and lddt_head (HF names, no prefix) with the shapes
 * config implies. The weights store stays referenced. */
PleatEsmFoldHeads *
pleat_esmfold_heads_new_from_weights (const PleatEsmFoldConfig  *config,
                                      PleatWeights              *weights,
                                      GError                   **error);
void
pleat_esmfold_heads_free             (PleatEsmFoldHeads         *self);

/* Distogram logits, symmetrised as the reference: (head (z_ij) + head (z_ji)) / 2.
 * s_z: (n_res, n_res, c_z) the trunk's pair output; logits: (n_res, n_res, 64). */
void
pleat_esmfold_heads_distogram        (PleatEsmFoldHeads         *self,
                                      const PleatLayerCtx       *ctx,
                                      const float               *s_z,
                                      guint                      n_res,
                                      float                     *logits);

/* The pTM head's logits, (n_res, n_res, 64), from s_z (n_res, n_res, c_z). Only for tests and
 * inspection: pleat_esmfold_heads_aligned_error() never holds all of them. */
void
pleat_esmfold_heads_ptm_logits       (PleatEsmFoldHeads         *self,
                                      const PleatLayerCtx       *ctx,
                                      const float               *s_z,
                                      guint                      n_res,
                                      float                     *logits);

/* ESMFold's lm_head over s_s (n_res, c_s): logits (n_res, 23). Unused by folding; the
 * reference computes it, so it is here for completeness. */
void
pleat_esmfold_heads_lm               (PleatEsmFoldHeads         *self,
                                      const PleatLayerCtx       *ctx,
                                      const float               *s_s,
                                      guint                      n_res,
                                      float                     *logits);

/* The lDDT head on the LAST structure-module block's states (n_res, sm_c_s):
 * logits (n_res, 37, 50) (nullable: not kept), plddt (n_res, 37) per-atom pLDDT on 0-100
 * = 100 Σ_b softmax (logits)_b (b + 0.5) / 50. Defined for every atom37 slot; only the atoms
 * a residue type has are meaningful. */
void
pleat_esmfold_heads_plddt            (PleatEsmFoldHeads         *self,
                                      const PleatLayerCtx       *ctx,
                                      const float               *states,
                                      guint                      n_res,
                                      float                     *logits,
                                      float                     *plddt);

/* Predicted aligned error and TM scores from the pTM head, row block by row block so the
 * (L, L, 64) logits never exist.
 *
 * s_z:        (n_res, n_res, c_z) the trunk's pair output.
 * asym_id:    (n_res) chain of each position (the linker after chain k counts as chain k), or
 *             NULL for a single chain: ipTM is then NAN.
 * linker:     (n_res) 1 on the poly-G linker positions of a complex, or NULL when there are
 *             none. Only ipTM uses it (see below).
 * pae:        (n_res, n_res) out, Angstrom: Σ_b softmax (logits_ij)_b centre_b.
 * ptm:        out: OpenFold's compute_tm over all n_res positions, the linker included, as
 *             fair-esm reports it.
 * iptm:       out (nullable): AlphaFold-Multimer's interface pTM over the residues, the linker
 *             left out (weight 0): pairs (i, j) of different chains only, d0 from the number
 *             of residues, the best aligned residue's score; NAN for a single chain. */
gboolean
pleat_esmfold_heads_aligned_error    (PleatEsmFoldHeads         *self,
                                      const PleatLayerCtx       *ctx,
                                      const float               *s_z,
                                      guint                      n_res,
                                      const guint               *asym_id,
                                      const guint8              *linker,
                                      float                     *pae,
                                      double                    *ptm,
                                      double                    *iptm,
                                      GError                   **error);

/* The same from logits already computed, (n_res, n_res, 64) (tests, and callers that keep
 * them). Same outputs as pleat_esmfold_heads_aligned_error(). */
void
pleat_esmfold_aligned_error_from_logits (const PleatLayerCtx    *ctx,
                                         const float            *logits,
                                         guint                   n_res,
                                         const guint            *asym_id,
                                         const guint8           *linker,
                                         float                  *pae,
                                         double                 *ptm,
                                         double                 *iptm);

G_END_DECLS
