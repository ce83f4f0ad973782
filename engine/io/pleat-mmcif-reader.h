/* pleat-mmcif-reader.h
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reads PDBx/mmCIF and ModelCIF: _atom_site (every optional column optional, '.' and '?'
 * honoured), ModelCIF _ma_qa_metric, _ma_qa_metric_global, _ma_qa_metric_local (pLDDT) and
 * _ma_qa_metric_local_pairwise (PAE), and the categories that tell a prediction from a deposited
 * experimental structure (_exptl, _refine, _software, _ma_*). Only the first data block is read.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* (element-type PleatStructure) (transfer full): one structure per model. A malformed file gives
 * PLEAT_ENGINE_ERROR_INVALID_FILE with the line number in the message. */
GPtrArray *pleat_mmcif_read (const char    *data,
                             gsize          length,
                             const char    *title,
                             GCancellable  *cancellable,
                             GError       **error);

G_END_DECLS
