/* checkpoint-writer.h
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  const char *name;
  const void *data;
  gsize       len;
  guint16     method;
  guint16     flags;
} ZipEntry;

typedef struct
{
  GByteArray *bytes;
  gsize       local[8];       /* local header offsets */
  gsize       central[8];     /* central directory header offsets */
  gsize       cd_offset;
  gsize       zip64_eocd;
  gsize       eocd;
} Zip;

/* Zips in torch's layout: stored entries, ZIP64 end records; with sentinels every size and
 * offset goes to ZIP64 extra fields, as in files above 4 GiB. */
void        put_le                (GByteArray     *b,
                                   guint64         v,
                                   guint           n);
void        patch_le              (GByteArray     *b,
                                   gsize           offset,
                                   guint64         v,
                                   guint           n);
void        zip_build             (const ZipEntry *entries,
                                   guint           n,
                                   gboolean        sentinels,
                                   Zip            *zip);
GBytes     *zip_steal_bytes       (Zip            *zip);

/* Pickles, opcode by opcode. */
void        pk_op                 (GByteArray     *p,
                                   guint8          op);
void        pk_str                (GByteArray     *p,
                                   const char     *s);
void        pk_int                (GByteArray     *p,
                                   gint32          v);
void        pk_global             (GByteArray     *p,
                                   const char     *module,
                                   const char     *name);
void        pk_int_tuple          (GByteArray     *p,
                                   const gint32   *v,
                                   guint           n);
void        pk_ordered_dict       (GByteArray     *p);
void        pk_tensor             (GByteArray     *p,
                                   const char     *storage_type,
                                   const char     *key,
                                   gint32          numel,
                                   gint32          offset,
                                   const gint32   *shape,
                                   const gint32   *strides,
                                   guint           n_dims);
GByteArray *pk_begin              (void);
GByteArray *pk_state_dict         (gint32          numel,
                                   gint32          offset,
                                   const gint32   *shape,
                                   const gint32   *strides,
                                   guint           n_dims);

/* The four floats of storage "0" in checkpoint_with(). */
extern const float storage_values[4];

/* (transfer full) The pickle (consumed) as archive/data.pkl beside archive/data/0. */
GBytes     *checkpoint_with       (GByteArray     *pickle);
/* Opens bytes as "test.pt" with the weights store and reads every tensor; returns the error
 * (transfer full), or NULL when everything loaded. */
GError     *load                  (GBytes         *bytes);
/* Loading must fail with code, naming the file, with needle (nullable) in the message. */
void        assert_refused        (GBytes         *bytes,
                                   int             code,
                                   const char     *needle);
void        assert_pickle_refused (GByteArray     *pickle,
                                   int             code,
                                   const char     *needle);

G_END_DECLS
