/* pleat-pdb-reader.h
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reads the fixed-column PDB format: ATOM/HETATM, MODEL/ENDMDL, TER, and the header records that
 * say whether the B-factor column holds pLDDT (EXPDTA, TITLE, REMARK, PARENT).
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* (element-type PleatStructure) (transfer full): one structure per model. A malformed record
 * gives PLEAT_ENGINE_ERROR_INVALID_FILE with its line number in the message. */
GPtrArray *pleat_pdb_read (const char    *data,
                           gsize          length,
                           const char    *title,
                           GCancellable  *cancellable,
                           GError       **error);

G_END_DECLS
