/* pleat-structure-reader.h
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Opening a structure file: format detection (mmCIF or PDB, gzip-compressed or not), parsing
 * into one PleatStructure per model, the PAE JSON file that predictors write beside the model,
 * and secondary structure. The async pair runs all of it on a GTask worker thread so the UI
 * never blocks on a large file.
 */
#pragma once

#include <gio/gio.h>

#include "pleat-structure.h"

G_BEGIN_DECLS

typedef enum
{
  PLEAT_STRUCTURE_FORMAT_UNKNOWN,
  PLEAT_STRUCTURE_FORMAT_MMCIF,
  PLEAT_STRUCTURE_FORMAT_PDB,
} PleatStructureFormat;

/* From the name's extension (.cif, .mmcif, .pdb, .ent, also with .gz), else from the content. */
PleatStructureFormat pleat_structure_format_guess (const char           *name,
                                                   const char           *data,
                                                   gsize                 length);

/* Parses uncompressed text. (element-type PleatStructure) (transfer full). */
GPtrArray           *pleat_structure_read_data    (const char           *data,
                                                   gsize                 length,
                                                   PleatStructureFormat  format,
                                                   const char           *title,
                                                   GCancellable         *cancellable,
                                                   GError              **error);

/* Reads a file (gzip allowed), attaches a PAE JSON found beside it (AlphaFold DB
 * "*-predicted_aligned_error_v*.json", ColabFold "*_scores_*.json", or NAME.json /
 * NAME_pae.json), pTM and ipTM from Boltz's confidence_NAME.json, when they fit, and assigns
 * secondary structure. Blocking: call it from
 * a worker thread or the CLI. (element-type PleatStructure) (transfer full). */
GPtrArray           *pleat_structure_load         (GFile                *file,
                                                   GCancellable         *cancellable,
                                                   GError              **error);
void                 pleat_structure_load_async   (GFile                *file,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
GPtrArray           *pleat_structure_load_finish  (GAsyncResult         *result,
                                                   GError              **error);

/* The PAE files that may sit beside a structure file, most specific first. (transfer full) */
GPtrArray           *pleat_structure_dup_pae_candidates (GFile          *file);

G_END_DECLS
