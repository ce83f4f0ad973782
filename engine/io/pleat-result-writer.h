/* pleat-result-writer.h
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The files a prediction is saved as, named STEM.cif, STEM.pdb, STEM_pae.json and
 * STEM_confidence.json (STEM from pleat_sequence_id_to_file_stem()):
 *
 * - mmCIF (PDBx with ModelCIF quality records): entity, entity_poly, entity_poly_seq,
 *   struct_asym, chem_comp, atom_type, atom_site with every column strict readers need
 *   (B_iso_or_equiv = per-atom pLDDT 0-100), software and ma_software_group /
 *   ma_software_parameter (model, options, weights file and SHA-256), ma_protocol_step,
 *   ma_model_list, ma_qa_metric with global pLDDT (mean over atoms, as the reference's
 *   mean_plddt), pTM, ipTM (complexes, when known), local pLDDT (per residue: mean over its
 *   atoms) and the PAE as ma_qa_metric_local_pairwise (label_seq_id_1 = aligned residue,
 *   label_seq_id_2 = scored residue).
 * - PDB: ATOM/HETATM/TER/END in the fixed columns of the PDB format, B-factor = per-atom
 *   pLDDT, the structure's chain ids and residue numbers (ESMFold results number each chain
 *   from 1), element symbols in columns 77-78.
 * - STEM_pae.json: the AlphaFold DB format [{"predicted_aligned_error": [[...]],
 *   "max_predicted_aligned_error": M}] with rows = aligned residue and columns = scored
 *   residue, values in Angstrom with 2 decimals (the PAE bins are 0.5 A wide).
 * - STEM_confidence.json: id, model, options, weights, mean pLDDT, pTM, ipTM (complexes),
 *   per-chain mean pLDDT, per-residue pLDDT, seconds taken.
 *
 * Structures with hetero groups (ligands, water) are written as PDB but refused as mmCIF
 * for now (PLEAT_ENGINE_ERROR_UNSUPPORTED): the models we run produce none.
 */
#pragma once

#include <gio/gio.h>

#include "pleat-result-info.h"
#include "pleat-structure.h"

G_BEGIN_DECLS

typedef enum
{
  PLEAT_RESULT_FORMAT_CIF        = 1 << 0,
  PLEAT_RESULT_FORMAT_PDB        = 1 << 1,
  PLEAT_RESULT_FORMAT_PAE        = 1 << 2,
  PLEAT_RESULT_FORMAT_CONFIDENCE = 1 << 3,
  PLEAT_RESULT_FORMAT_ALL        = 0xf,
} PleatResultFormat;

/* Each returns the whole file as a string, (transfer full), or NULL with @error set. */
char     *pleat_structure_to_mmcif           (PleatStructure         *structure,
                                              const PleatResultInfo  *info,
                                              GError                **error);
char     *pleat_structure_to_pdb             (PleatStructure         *structure,
                                              const PleatResultInfo  *info,
                                              GError                **error);
char     *pleat_structure_to_pae_json        (PleatStructure         *structure,
                                              GError                **error);
char     *pleat_structure_to_confidence_json (PleatStructure         *structure,
                                              const PleatResultInfo  *info,
                                              GError                **error);

/* DIR/STEM.cif and so on for one format. Returns (transfer full). */
char     *pleat_result_dup_path              (const char             *dir,
                                              const char             *stem,
                                              PleatResultFormat       format);
/* TRUE when every file of @formats exists in @dir (a finished record, for resuming). */
gboolean  pleat_result_exists                (const char             *dir,
                                              const char             *stem,
                                              PleatResultFormat       formats);
/* Writes the files of @formats atomically (temporary file + rename). On error, files already
 * written stay and the error names the file that failed. */
gboolean  pleat_result_write                 (PleatStructure         *structure,
                                              const PleatResultInfo  *info,
                                              const char             *dir,
                                              const char             *stem,
                                              PleatResultFormat       formats,
                                              GError                **error);
/* pleat_result_write() on a worker thread; @info is taken (transfer full), @structure is
 * referenced and must not change until the write completes. */
void      pleat_result_write_async           (PleatStructure         *structure,
                                              PleatResultInfo        *info,
                                              const char             *dir,
                                              const char             *stem,
                                              PleatResultFormat       formats,
                                              GCancellable           *cancellable,
                                              GAsyncReadyCallback     callback,
                                              gpointer                user_data);
gboolean  pleat_result_write_finish          (GAsyncResult           *result,
                                              GError                **error);
/* Copies the files of @formats written in @dir into @dest_dir (a "Save As" of a finished
 * prediction), each atomically, replacing files of the same names. */
gboolean  pleat_result_copy                  (const char             *dir,
                                              const char             *stem,
                                              const char             *dest_dir,
                                              PleatResultFormat       formats,
                                              GCancellable           *cancellable,
                                              GError                **error);
/* pleat_result_copy() on a worker thread: a large prediction's PAE JSON is tens of
 * megabytes. */
void      pleat_result_copy_async            (const char             *dir,
                                              const char             *stem,
                                              const char             *dest_dir,
                                              PleatResultFormat       formats,
                                              GCancellable           *cancellable,
                                              GAsyncReadyCallback     callback,
                                              gpointer                user_data);
gboolean  pleat_result_copy_finish           (GAsyncResult           *result,
                                              GError                **error);

G_END_DECLS
