/* pleat-esmfold.h
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * ESMFold v1 (fair-esm esm.esmfold.v1, transformers' EsmForProteinFolding) as a PleatModel:
 * loaded once from a Hugging Face model folder (config.json and model.safetensors or
 * pytorch_model.bin, read straight into float32), then folding any number of sequences, single
 * chains or complexes, on the engine thread.
 *
 * A fold: the sequence in the reference's encoding (chains joined by a 25-residue poly-G
 * linker, residue index +512 per chain), ESM-2, the folding trunk for the requested number of
 * passes with the structure module after each, then the pLDDT, PAE, pTM and (complexes) ipTM
 * heads. The result drops the linker and keeps the chain ids.
 *
 * Trunk passes: the reference's num_recycles = N runs N + 1 passes, while its default
 * (num_recycles = None) runs max_recycles (4) passes. Here the number of passes is what is
 * asked for; the default is the reference's default, pleat_esmfold_get_default_n_passes().
 *
 * Memory: every fold first estimates its working memory (weights excluded, they are already
 * resident) and runs the pair stack in bands (the reference's chunk_size) small enough to fit
 * the budget, or refuses with PLEAT_ENGINE_ERROR_OUT_OF_MEMORY naming what it would need.
 */
#pragma once

#include <gio/gio.h>

#include "pleat-compute.h"
#include "pleat-fasta.h"
#include "pleat-model-config.h"
#include "pleat-model.h"

G_BEGIN_DECLS

/* The reference's multimer convention (fair-esm infer()). */
#define PLEAT_ESMFOLD_LINKER_LENGTH      25
#define PLEAT_ESMFOLD_CHAIN_INDEX_OFFSET 512

#define PLEAT_TYPE_ESMFOLD (pleat_esmfold_get_type ())

G_DECLARE_FINAL_TYPE (PleatEsmFold, pleat_esmfold, PLEAT, ESMFOLD, GObject)

/* path: a model folder (config.json beside model.safetensors, a sharded safetensors set or
 * pytorch_model.bin). compute (nullable): what to run on; NULL creates one with a thread per
 * processor. Checks that every tensor the configuration implies exists with its shape
 * (PLEAT_ENGINE_ERROR_MISSING_TENSOR / _SHAPE_MISMATCH naming it); tensors the model does not
 * use are listed by pleat_esmfold_get_unused_tensors(). Cancellable between modules. */
PleatEsmFold         *pleat_esmfold_new                   (const char            *path,
                                                           PleatCompute          *compute,
                                                           GCancellable          *cancellable,
                                                           GError               **error);
/* The same with the config and the weights file (or folder) named separately. */
PleatEsmFold         *pleat_esmfold_new_from_files        (const char            *config_path,
                                                           const char            *weights_path,
                                                           PleatCompute          *compute,
                                                           GCancellable          *cancellable,
                                                           GError               **error);

/* (transfer none) */
const PleatEsmConfig *pleat_esmfold_get_config            (PleatEsmFold          *self);
/* (transfer none) NULL-terminated, sorted: tensors of the checkpoint the model never reads,
 * besides those known to be unused by folding (ESM-2's contact head and absolute position
 * table). Normally empty. */
const char *const    *pleat_esmfold_get_unused_tensors    (PleatEsmFold          *self);
/* Bytes of the loaded weights (float32, and the language model's linear weights as the file
 * stores them when that is float16 or bfloat16). */
guint64               pleat_esmfold_get_weights_size      (PleatEsmFold          *self);
/* max_recycles of the configuration: the reference's number of passes for num_recycles=None. */
guint                 pleat_esmfold_get_default_n_passes  (PleatEsmFold          *self);

/* Working memory in bytes of a fold of n_res positions (linker included) with this chunk
 * (0: unchunked) on n_threads threads: the largest of the language-model stage and the trunk
 * stage, weights excluded. */
guint64               pleat_esmfold_estimate_memory       (const PleatEsmConfig  *config,
                                                           guint                  n_res,
                                                           guint                  chunk,
                                                           int                    n_threads);
/* The largest chunk (0 = unchunked first, then n_res / 2, ... down to 1) whose estimate fits
 * budget bytes. PLEAT_ENGINE_ERROR_OUT_OF_MEMORY, naming the smallest need and the budget,
 * when none does. */
gboolean              pleat_esmfold_choose_chunk          (const PleatEsmConfig  *config,
                                                           guint                  n_res,
                                                           guint64                budget,
                                                           int                    n_threads,
                                                           guint                 *chunk,
                                                           GError               **error);

/* What a fold computes, in the model's coordinates: n_res positions, linker included. */
typedef struct
{
  guint    n_res;
  guint    n_chains;
  guint    n_passes;
  guint    chunk;               /* the chunk the pair stack ran with (0: unchunked) */
  guint8  *aatype;              /* (n_res) AF2 residue types 0..20 */
  gint64  *residue_index;       /* (n_res) */
  guint   *chain_index;         /* (n_res) */
  guint8  *linker;              /* (n_res) 1 on linker positions */
  float   *positions;           /* (n_res, 14, 3) atom14, Angstrom: the last structure-module
                                 * block of the last pass */
  float   *plddt;               /* (n_res, 37) per-atom pLDDT 0-100 */
  float   *pae;                 /* (n_res, n_res) Angstrom */
  float    max_pae;
  double   ptm;                 /* over all n_res positions, as the reference */
  double   iptm;                /* NAN for a single chain */
} PleatEsmFoldResult;

void                  pleat_esmfold_result_free           (PleatEsmFoldResult    *result);
/* (transfer full) The structure of a result: linker removed, chain ids A, B, ..., per-atom and
 * per-residue pLDDT, PAE, pTM, ipTM. */
PleatStructure       *pleat_esmfold_result_to_structure   (const PleatEsmFoldResult *result,
                                                           const char            *title);

/* One fold of record (chains as parsed by pleat-fasta.h). n_passes <= 0: the default. chunk 0:
 * chosen for memory_budget (0: the memory available now). progress and preview (nullable) are
 * called on this thread: progress at every stage and block, preview with the structure after
 * every trunk pass (without PAE). Cancellable between layers and blocks
 * (G_IO_ERROR_CANCELLED). Engine thread only: a model runs one fold at a time. */
PleatEsmFoldResult   *pleat_esmfold_predict               (PleatEsmFold          *self,
                                                           const PleatSequenceRecord *record,
                                                           gint                   n_passes,
                                                           guint                  chunk,
                                                           guint64                memory_budget,
                                                           PleatProgressFunc      progress,
                                                           PleatPreviewFunc       preview,
                                                           gpointer               user_data,
                                                           GCancellable          *cancellable,
                                                           GError               **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PleatEsmFoldResult, pleat_esmfold_result_free)

G_END_DECLS
