/* pleat-zip.h
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A read-only zip reader for PyTorch checkpoints (torch.save's zip format), over bytes in
 * memory or an mmap. It reads what torch writes: stored (uncompressed) entries, data
 * descriptors, and ZIP64 records, which torch always writes and which files above 4 GiB
 * need. Every local header is cross-checked against the central directory and every entry's
 * data must lie inside the file, before the central directory and apart from the others.
 * Compressed, encrypted and multi-disk archives are refused with a clear error. CRCs are
 * not verified: the checks above catch truncation and misplaced data, and a bad CRC on a
 * stored entry would only mean flipped bits within it.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct
{
  const char   *name;
  const guint8 *data;       /* the entry's bytes inside the archive */
  guint64       size;
  guint64       offset;     /* of data from the start of the archive */
} PleatZipEntry;

typedef struct _PleatZip PleatZip;

/* display_name names the archive in error messages. bytes is kept referenced. */
PleatZip            *pleat_zip_new_from_bytes (GBytes      *bytes,
                                               const char  *display_name,
                                               GError     **error);
PleatZip            *pleat_zip_ref            (PleatZip    *self);
void                 pleat_zip_unref          (PleatZip    *self);

const char          *pleat_zip_get_display_name (PleatZip  *self);
guint                pleat_zip_get_n_entries  (PleatZip    *self);
/* (transfer none) In central directory order. */
const PleatZipEntry *pleat_zip_get_entry      (PleatZip    *self,
                                               guint        index);
/* (transfer none) (nullable) */
const PleatZipEntry *pleat_zip_lookup         (PleatZip    *self,
                                               const char  *name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PleatZip, pleat_zip_unref)

G_END_DECLS
