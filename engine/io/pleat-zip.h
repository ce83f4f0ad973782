/* pleat-zip.h
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A read-only zip reader over bytes in memory or an mmap, for PyTorch checkpoints (torch.save's
 * zip format) and NumPy .npz files. It reads stored (uncompressed) entries, data descriptors,
 * and ZIP64 records, which torch always writes and which files above 4 GiB need; with
 * PLEAT_ZIP_ALLOW_DEFLATE also DEFLATE entries (np.savez_compressed). Every local header is
 * cross-checked against the central directory and every entry's data must lie inside the
 * file, before the central directory and apart from the others. Other compression methods,
 * encrypted and multi-disk archives are refused with a clear error.
 *
 * Entries handed out through pleat_zip_dup_entry_bytes() are CRC-checked, and deflated ones
 * inflated under a size cap. The checkpoint path reads stored entries in place (entry->data,
 * possibly from an mmap of several GiB) without a CRC pass: the checks above catch truncation
 * and misplaced data, and a bad CRC on a stored entry would only mean flipped bits within it.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum
{
  PLEAT_ZIP_METHOD_STORED = 0,
  PLEAT_ZIP_METHOD_DEFLATE = 8,
} PleatZipMethod;

typedef enum
{
  PLEAT_ZIP_FLAGS_NONE = 0,
  /* Accept DEFLATE entries; read their contents with pleat_zip_dup_entry_bytes(). */
  PLEAT_ZIP_ALLOW_DEFLATE = 1 << 0,
} PleatZipFlags;

typedef struct
{
  const char     *name;
  const guint8   *data;            /* the entry's bytes inside the archive (compressed_size) */
  guint64         size;            /* of the contents: for a stored entry, data holds them */
  guint64         compressed_size; /* of data; equals size for a stored entry */
  guint64         offset;          /* of data from the start of the archive */
  PleatZipMethod  method;
  guint32         crc32;           /* of the contents, as the central directory says */
} PleatZipEntry;

typedef struct _PleatZip PleatZip;

/* display_name names the archive in error messages. bytes is kept referenced. Refuses
 * compressed entries, as a checkpoint's must be stored to be read in place. */
PleatZip            *pleat_zip_new_from_bytes (GBytes      *bytes,
                                               const char  *display_name,
                                               GError     **error);
PleatZip            *pleat_zip_new_from_bytes_full (GBytes        *bytes,
                                                    const char    *display_name,
                                                    PleatZipFlags  flags,
                                                    GError       **error);
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

/* The contents of an entry of this archive, inflated if deflated, with their CRC-32 checked.
 * Fails without allocating when the entry says it holds more than max_size bytes, or more than
 * DEFLATE can expand its compressed bytes to (a zip bomb), and when the stream is damaged or
 * inflates to another size than declared. (transfer full) */
GBytes              *pleat_zip_dup_entry_bytes (PleatZip            *self,
                                                const PleatZipEntry *entry,
                                                guint64              max_size,
                                                GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PleatZip, pleat_zip_unref)

G_END_DECLS
