/* pleat-structure-module.h
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * ESMFold v1's structure module (OpenFold's StructureModule as fair-esm and transformers'
 * EsmFoldStructureModule run it at inference): invariant point attention over the single and
 * pair representations, the transition, the backbone update, eight blocks with shared weights,
 * the angle resnet, and torsion angles -> rigid-group frames -> atom14 coordinates.
 *
 * Inputs are what the folding trunk hands over after its trunk2sm_s / trunk2sm_z linears
 * (EsmFoldingTrunk.forward applies them, not the structure module). Units follow the
 * reference: the frames iterate in nanometre-like units and every output translation and
 * coordinate is multiplied by trans_scale_factor (10) into Angstrom.
 *
 * Usage, once per model:   sm = pleat_structure_module_new_from_weights (...)
 * once per fold (from L):  scratch = pleat_structure_module_scratch_new (sm, L)
 *                          out = pleat_structure_module_output_new (sm, L)
 * once per trunk pass:     pleat_structure_module_run (sm, ctx, single, pair, ...)
 * Nothing is allocated inside run.
 */
#pragma once

#include <gio/gio.h>

#include "pleat-layers.h"
#include "pleat-model-config.h"
#include "pleat-rigid.h"
#include "pleat-weights.h"

G_BEGIN_DECLS

#define PLEAT_SM_N_GROUPS 8   /* rigid groups per residue: backbone, pre-omega, phi, psi, chi1-4 */
#define PLEAT_SM_N_ATOM14 14

typedef struct _PleatStructureModule        PleatStructureModule;
typedef struct _PleatStructureModuleScratch PleatStructureModuleScratch;

/* What one run produces, for every block b of the n_blocks (the reference's stacked outputs);
 * block n_blocks - 1 is the prediction. */
typedef struct
{
  guint  n_res;
  guint  n_blocks;
  guint  c_s;
  guint  n_angles;
  float *frames;               /* (n_blocks, n_res, 7): backbone quaternion (w, x, y, z) and
                                * translation in Angstrom (OpenFold's to_tensor_7) */
  float *positions;            /* (n_blocks, n_res, 14, 3): atom14 coordinates, Angstrom; absent
                                * atoms of a residue type are 0 */
  float *states;               /* (n_blocks, n_res, c_s): single state after each block, the
                                * input of the lDDT head */
  float *angles;               /* (n_blocks, n_res, n_angles, 2): (sin, cos), normalised */
  float *unnormalized_angles;  /* (n_blocks, n_res, n_angles, 2): the angle resnet's output */
  float *sidechain_frames;     /* (n_res, 8, 4, 4): the eight rigid-group frames of the last
                                * block, homogeneous row-major, translations in Angstrom */
} PleatStructureModuleOutput;

/* Reads the structure-module parameters under prefix (HF names: "trunk.structure_module.")
 * with the shapes config implies. The weights store stays referenced. Errors:
 * PLEAT_ENGINE_ERROR_MISSING_TENSOR, _SHAPE_MISMATCH, _INVALID_CONFIG (num_angles != 7, a zero
 * dimension). */
PleatStructureModule *
pleat_structure_module_new_from_weights (const PleatStructureModuleConfig  *config,
                                         PleatWeights                      *weights,
                                         const char                        *prefix,
                                         GError                           **error);
void
pleat_structure_module_free             (PleatStructureModule              *self);
const PleatStructureModuleConfig *
pleat_structure_module_get_config       (PleatStructureModule              *self);

/* Bytes of the scratch arena and of the outputs for a fold of n_res residues (the caller's
 * pair input, (n_res, n_res, c_z) floats, is not included). For the memory estimate before a
 * run. */
guint64
pleat_structure_module_get_scratch_size (const PleatStructureModuleConfig  *config,
                                         guint                              n_res);
guint64
pleat_structure_module_get_output_size  (const PleatStructureModuleConfig  *config,
                                         guint                              n_res);

/* One arena for a fold of n_res residues; NULL with PLEAT_ENGINE_ERROR_OUT_OF_MEMORY when it
 * cannot be allocated. */
PleatStructureModuleScratch *
pleat_structure_module_scratch_new      (PleatStructureModule              *self,
                                         guint                              n_res,
                                         GError                           **error);
void
pleat_structure_module_scratch_free     (PleatStructureModuleScratch       *scratch);
PleatStructureModuleOutput *
pleat_structure_module_output_new       (PleatStructureModule              *self,
                                         guint                              n_res);
void
pleat_structure_module_output_free      (PleatStructureModuleOutput        *out);

/* Runs all blocks. Engine thread only; the work is split over ctx->par.
 *
 * single:  (n_res, c_s)         trunk2sm_s(s); read only.
 * pair:    (n_res, n_res, c_z)  trunk2sm_z(z); CONSUMED: overwritten with its LayerNorm, so
 *                               that no second L x L x c_z buffer is needed.
 * aatype:  (n_res)              AF2 residue type 0..20 (ARNDCQEGHILKMFPSTWYV, X = 20).
 * mask:    (n_res) or NULL      1 for residues, 0 for padding (NULL: all 1); the linker of a
 *                               multimer is NOT masked here, as in the reference.
 * scratch: from pleat_structure_module_scratch_new() for the same n_res.
 * out:     from pleat_structure_module_output_new() for the same n_res; every field is
 *          overwritten.
 * cancellable is checked between blocks (G_IO_ERROR_CANCELLED). */
gboolean
pleat_structure_module_run              (PleatStructureModule              *self,
                                         const PleatLayerCtx               *ctx,
                                         const float                       *single,
                                         float                             *pair,
                                         const guint8                      *aatype,
                                         const float                       *mask,
                                         PleatStructureModuleScratch       *scratch,
                                         PleatStructureModuleOutput        *out,
                                         GCancellable                      *cancellable,
                                         GError                           **error);

/* (n_res, 14, 3) atom14 coordinates of the last block: a view into out->positions. */
const float *
pleat_structure_module_output_get_final_positions (const PleatStructureModuleOutput *out);

/* OpenFold's torsion_angles_to_frames + frames_and_literature_positions_to_atom14_pos for one
 * residue, as each block applies them:
 * backbone:  the backbone frame, translation in Angstrom.
 * angles:    (7, 2) normalised (sin, cos) of pre-omega, phi, psi, chi1..chi4.
 * aatype:    0..20.
 * groups:    (8) out: the rigid-group frames in the global frame.
 * positions: (14, 3) out: atom14 coordinates, 0 where the residue type has no atom. */
void
pleat_structure_module_residue_atoms (const PleatRigid *backbone,
                                      const float      *angles,
                                      guint             aatype,
                                      PleatRigid       *groups,
                                      float            *positions);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PleatStructureModule, pleat_structure_module_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PleatStructureModuleScratch, pleat_structure_module_scratch_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PleatStructureModuleOutput, pleat_structure_module_output_free)

G_END_DECLS
