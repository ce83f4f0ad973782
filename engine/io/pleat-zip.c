/* pleat-zip.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The layout (APPNOTE.TXT 6.3): local headers with their data, the central directory, the
 * ZIP64 end of central directory record and its locator (when present), then the end of
 * central directory record with an optional comment.
 */
#define G_LOG_DOMAIN "pleat-engine"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "pleat-error.h"
#include "pleat-zip.h"

#define SIG_LOCAL        0x04034b50u
#define SIG_CENTRAL      0x02014b50u
#define SIG_EOCD         0x06054b50u
#define SIG_ZIP64_EOCD   0x06064b50u
#define SIG_ZIP64_LOC    0x07064b50u

#define EOCD_SIZE        22
#define ZIP64_EOCD_SIZE  56
#define ZIP64_LOC_SIZE   20
#define CENTRAL_SIZE     46
#define LOCAL_SIZE       30

#define FLAG_ENCRYPTED        0x0001u
#define FLAG_DATA_DESCRIPTOR  0x0008u
#define FLAG_STRONG_ENCRYPTED 0x0040u

/* DEFLATE expands at most about 1032:1 (a 258-byte match per 2 bits, RFC 1951): an entry that
 * declares more than this is a zip bomb or damaged, refused before anything is allocated. */
#define DEFLATE_MAX_RATIO     1032

struct _PleatZip
{
  gatomicrefcount  ref_count;

  /* Owned */
  GBytes          *bytes;
  char            *display_name;
  PleatZipEntry   *entries;     /* (n_entries) */
  guint            n_entries;
  GHashTable      *by_name;     /* name -> index + 1 */
  PleatZipFlags    flags;
};

/* Where an archive stands while it is read. */
typedef struct
{
  PleatZip     *zip;
  const guint8 *data;
  guint64       size;
  guint64       cd_offset;
  guint64       cd_size;
  guint64       n_entries;
} Reader;

static inline guint16
rd16 (const guint8 *p)
{
  return (guint16) (p[0] | (p[1] << 8));
}

static inline guint32
rd32 (const guint8 *p)
{
  return (guint32) p[0] | ((guint32) p[1] << 8) | ((guint32) p[2] << 16) |
         ((guint32) p[3] << 24);
}

static inline guint64
rd64 (const guint8 *p)
{
  return (guint64) rd32 (p) | ((guint64) rd32 (p + 4) << 32);
}

#define set_invalid(error, self, ...) \
  pleat_set_invalid_file_error ((error), (self)->display_name, _("zip archive"), \
                                __VA_ARGS__)

static void
pleat_zip_free (PleatZip *self)
{
  for (guint i = 0; i < self->n_entries; i++)
    g_free ((char *) self->entries[i].name);
  g_free (self->entries);
  g_clear_pointer (&self->by_name, g_hash_table_unref);
  g_clear_pointer (&self->bytes, g_bytes_unref);
  g_free (self->display_name);
  g_free (self);
}

PleatZip *
pleat_zip_ref (PleatZip *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
pleat_zip_unref (PleatZip *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    pleat_zip_free (self);
}

/* Finds the end of central directory record: the last signature whose comment runs exactly
 * to the end of the file. */
static gboolean
find_eocd (Reader   *r,
           guint64  *eocd,
           GError  **error)
{
  guint64 lowest;

  if (r->size >= EOCD_SIZE)
    {
      lowest = r->size > EOCD_SIZE + 0xffff ? r->size - EOCD_SIZE - 0xffff : 0;
      for (guint64 pos = r->size - EOCD_SIZE + 1; pos-- > lowest;)
        {
          if (rd32 (r->data + pos) == SIG_EOCD &&
              pos + EOCD_SIZE + rd16 (r->data + pos + 20) == r->size)
            {
              *eocd = pos;
              return TRUE;
            }
        }
    }
  set_invalid (error, r->zip, _("no end of central directory record (truncated?)"));
  return FALSE;
}

/* A 32-bit field of the classic record agrees with its ZIP64 twin, or says "see ZIP64". */
static gboolean
agrees (guint64 classic,
        guint64 sentinel,
        guint64 zip64)
{
  return classic == sentinel || classic == zip64;
}

static gboolean
read_end_records (Reader   *r,
                  GError  **error)
{
  const guint8 *e;
  guint64 eocd, limit;
  guint16 disk, cd_disk, n_disk, n_total;
  guint32 cd_size, cd_offset;

  if (!find_eocd (r, &eocd, error))
    return FALSE;
  e = r->data + eocd;
  disk = rd16 (e + 4);
  cd_disk = rd16 (e + 6);
  n_disk = rd16 (e + 8);
  n_total = rd16 (e + 10);
  cd_size = rd32 (e + 12);
  cd_offset = rd32 (e + 16);
  r->n_entries = n_total;
  r->cd_size = cd_size;
  r->cd_offset = cd_offset;
  limit = eocd;

  if (eocd >= ZIP64_LOC_SIZE && rd32 (e - ZIP64_LOC_SIZE) == SIG_ZIP64_LOC)
    {
      const guint8 *loc = e - ZIP64_LOC_SIZE;
      const guint8 *z;
      guint64 z_offset = rd64 (loc + 8);
      guint64 z_n_disk, z_n_total;

      if (rd32 (loc + 4) != 0 || rd32 (loc + 16) > 1)
        {
          g_set_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_UNSUPPORTED,
                       _("%s: multi-disk zip archives are not supported"),
                       r->zip->display_name);
          return FALSE;
        }
      if (z_offset > eocd - ZIP64_LOC_SIZE ||
          eocd - ZIP64_LOC_SIZE - z_offset < ZIP64_EOCD_SIZE)
        {
          set_invalid (error, r->zip, _("the ZIP64 end record lies outside the archive"));
          return FALSE;
        }
      z = r->data + z_offset;
      if (rd32 (z) != SIG_ZIP64_EOCD || rd64 (z + 4) < ZIP64_EOCD_SIZE - 12)
        {
          set_invalid (error, r->zip, _("no ZIP64 end record where the locator points"));
          return FALSE;
        }
      z_n_disk = rd64 (z + 24);
      z_n_total = rd64 (z + 32);
      if (rd32 (z + 16) != 0 || rd32 (z + 20) != 0 || z_n_disk != z_n_total)
        {
          g_set_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_UNSUPPORTED,
                       _("%s: multi-disk zip archives are not supported"),
                       r->zip->display_name);
          return FALSE;
        }
      if (!agrees (n_total, 0xffff, z_n_total) || !agrees (n_disk, 0xffff, z_n_disk) ||
          !agrees (cd_size, 0xffffffff, rd64 (z + 40)) ||
          !agrees (cd_offset, 0xffffffff, rd64 (z + 48)))
        {
          set_invalid (error, r->zip, _("the end record and the ZIP64 end record disagree"));
          return FALSE;
        }
      r->n_entries = z_n_total;
      r->cd_size = rd64 (z + 40);
      r->cd_offset = rd64 (z + 48);
      limit = z_offset;
    }
  else if (disk != 0 || cd_disk != 0 || n_disk != n_total)
    {
      g_set_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_UNSUPPORTED,
                   _("%s: multi-disk zip archives are not supported"), r->zip->display_name);
      return FALSE;
    }

  if (r->cd_offset > limit || r->cd_size > limit - r->cd_offset)
    {
      set_invalid (error, r->zip, _("the central directory lies outside the archive"));
      return FALSE;
    }
  /* Every entry takes at least CENTRAL_SIZE bytes: this bounds the allocation below. */
  if (r->n_entries > r->cd_size / CENTRAL_SIZE)
    {
      set_invalid (error, r->zip, _("%" G_GUINT64_FORMAT " entries cannot fit in a central "
                                    "directory of %" G_GUINT64_FORMAT " bytes"),
                   r->n_entries, r->cd_size);
      return FALSE;
    }
  return TRUE;
}

/* The ZIP64 extended information extra field (id 1): the 64-bit values of the fields that
 * hold their sentinel, in this order. need_* say which are expected. */
static gboolean
read_zip64_extra (const guint8 *extra,
                  guint         extra_len,
                  gboolean      need_uncompressed,
                  gboolean      need_compressed,
                  gboolean      need_offset,
                  guint64      *uncompressed,
                  guint64      *compressed,
                  guint64      *offset)
{
  const guint8 *end = extra + extra_len;
  const guint8 *p = extra;

  while (end - p >= 4)
    {
      guint16 id = rd16 (p);
      guint16 len = rd16 (p + 2);
      const guint8 *field = p + 4;
      const guint8 *field_end;

      if (len > end - field)
        return FALSE;
      field_end = field + len;
      if (id == 0x0001)
        {
          if (need_uncompressed)
            {
              if (field_end - field < 8)
                return FALSE;
              *uncompressed = rd64 (field);
              field += 8;
            }
          if (need_compressed)
            {
              if (field_end - field < 8)
                return FALSE;
              *compressed = rd64 (field);
              field += 8;
            }
          if (need_offset)
            {
              if (field_end - field < 8)
                return FALSE;
              *offset = rd64 (field);
            }
          return TRUE;
        }
      p = field_end;
    }
  /* Trailing bytes shorter than a field header are tolerated (some writers pad). */
  return !need_uncompressed && !need_compressed && !need_offset;
}

static const char *
method_name (guint method)
{
  switch (method)
    {
    case 8:
      return "deflate";
    case 9:
      return "deflate64";
    case 12:
      return "bzip2";
    case 14:
      return "lzma";
    case 93:
      return "zstd";
    case 95:
      return "xz";
    default:
      return "unknown";
    }
}

/* Cross-checks the local header of an entry with what the central directory said, and sets
 * the entry's data. */
static gboolean
read_local_header (Reader        *r,
                   PleatZipEntry *entry,
                   guint64        local_offset,
                   guint16        flags,
                   guint16        method,
                   guint32        crc,
                   GError       **error)
{
  const guint8 *l;
  guint16 l_flags, name_len, extra_len;
  guint64 data_offset;
  gsize cd_name_len = strlen (entry->name);

  if (local_offset > r->cd_offset || r->cd_offset - local_offset < LOCAL_SIZE)
    {
      set_invalid (error, r->zip, _("the local header of “%s” lies outside the archive"),
                   entry->name);
      return FALSE;
    }
  l = r->data + local_offset;
  l_flags = rd16 (l + 6);
  name_len = rd16 (l + 26);
  extra_len = rd16 (l + 28);
  if (rd32 (l) != SIG_LOCAL)
    {
      set_invalid (error, r->zip, _("no local header where the central directory places “%s”"),
                   entry->name);
      return FALSE;
    }
  data_offset = local_offset + LOCAL_SIZE + name_len + extra_len;
  if (data_offset > r->cd_offset)
    {
      set_invalid (error, r->zip, _("the local header of “%s” runs into the central directory"),
                   entry->name);
      return FALSE;
    }
  if (name_len != cd_name_len || memcmp (l + LOCAL_SIZE, entry->name, name_len) != 0 ||
      rd16 (l + 8) != method ||
      (l_flags & (FLAG_ENCRYPTED | FLAG_DATA_DESCRIPTOR)) !=
      (flags & (FLAG_ENCRYPTED | FLAG_DATA_DESCRIPTOR)))
    {
      set_invalid (error, r->zip, _("the local header of “%s” disagrees with the central "
                                    "directory"), entry->name);
      return FALSE;
    }
  if (!(l_flags & FLAG_DATA_DESCRIPTOR))
    {
      guint64 compressed = rd32 (l + 18);
      guint64 uncompressed = rd32 (l + 22);
      gboolean need_u = uncompressed == 0xffffffff, need_c = compressed == 0xffffffff;

      if ((need_u || need_c) &&
          !read_zip64_extra (l + LOCAL_SIZE + name_len, extra_len, need_u, need_c, FALSE,
                             &uncompressed, &compressed, NULL))
        {
          set_invalid (error, r->zip, _("the local ZIP64 field of “%s” is malformed"),
                       entry->name);
          return FALSE;
        }
      if (rd32 (l + 14) != crc || compressed != entry->compressed_size ||
          uncompressed != entry->size)
        {
          set_invalid (error, r->zip, _("the local header of “%s” disagrees with the central "
                                        "directory"), entry->name);
          return FALSE;
        }
    }
  if (entry->compressed_size > r->cd_offset - data_offset)
    {
      set_invalid (error, r->zip, _("the data of “%s” runs past the start of the central "
                                    "directory (truncated?)"), entry->name);
      return FALSE;
    }
  entry->offset = data_offset;
  entry->data = r->data + data_offset;
  return TRUE;
}

static gboolean
read_central_entry (Reader        *r,
                    const guint8 **cursor,
                    const guint8  *cd_end,
                    PleatZipEntry *entry,
                    guint64       *local_offset,
                    GError       **error)
{
  const guint8 *c = *cursor;
  guint16 flags, method, name_len, extra_len, comment_len, disk;
  guint32 crc;
  guint64 compressed, uncompressed, offset;
  gboolean need_u, need_c, need_o;

  if (cd_end - c < CENTRAL_SIZE || rd32 (c) != SIG_CENTRAL)
    {
      set_invalid (error, r->zip, _("the central directory is damaged"));
      return FALSE;
    }
  flags = rd16 (c + 8);
  method = rd16 (c + 10);
  crc = rd32 (c + 16);
  compressed = rd32 (c + 20);
  uncompressed = rd32 (c + 24);
  name_len = rd16 (c + 28);
  extra_len = rd16 (c + 30);
  comment_len = rd16 (c + 32);
  disk = rd16 (c + 34);
  offset = rd32 (c + 42);
  if ((gsize) (cd_end - c) - CENTRAL_SIZE < (gsize) name_len + extra_len + comment_len)
    {
      set_invalid (error, r->zip, _("the central directory is damaged"));
      return FALSE;
    }
  if (name_len == 0 || memchr (c + CENTRAL_SIZE, 0, name_len) != NULL ||
      !g_utf8_validate_len ((const char *) c + CENTRAL_SIZE, name_len, NULL))
    {
      set_invalid (error, r->zip, _("an entry name is empty or not UTF-8"));
      return FALSE;
    }
  entry->name = g_strndup ((const char *) c + CENTRAL_SIZE, name_len);

  need_u = uncompressed == 0xffffffff;
  need_c = compressed == 0xffffffff;
  need_o = offset == 0xffffffff;
  if ((need_u || need_c || need_o) &&
      !read_zip64_extra (c + CENTRAL_SIZE + name_len, extra_len, need_u, need_c, need_o,
                         &uncompressed, &compressed, &offset))
    {
      set_invalid (error, r->zip, _("the ZIP64 field of “%s” is malformed"), entry->name);
      return FALSE;
    }
  if (disk != 0 && disk != 0xffff)
    {
      g_set_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_UNSUPPORTED,
                   _("%s: multi-disk zip archives are not supported"), r->zip->display_name);
      return FALSE;
    }
  if (flags & (FLAG_ENCRYPTED | FLAG_STRONG_ENCRYPTED))
    {
      g_set_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_UNSUPPORTED,
                   _("%s: entry “%s” is encrypted; checkpoints must not be"),
                   r->zip->display_name, entry->name);
      return FALSE;
    }
  if (method == PLEAT_ZIP_METHOD_DEFLATE && !(r->zip->flags & PLEAT_ZIP_ALLOW_DEFLATE))
    {
      g_set_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_UNSUPPORTED,
                   _("%s: entry “%s” is compressed (%s); only stored entries, as torch.save "
                     "writes them, are supported — was the file re-zipped?"),
                   r->zip->display_name, entry->name, method_name (method));
      return FALSE;
    }
  if (method != PLEAT_ZIP_METHOD_STORED && method != PLEAT_ZIP_METHOD_DEFLATE)
    {
      g_set_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_UNSUPPORTED,
                   _("%s: entry “%s” is compressed with %s; only stored and deflated entries "
                     "are supported"),
                   r->zip->display_name, entry->name, method_name (method));
      return FALSE;
    }
  if (method == PLEAT_ZIP_METHOD_STORED && compressed != uncompressed)
    {
      set_invalid (error, r->zip, _("the stored entry “%s” has two different sizes"),
                   entry->name);
      return FALSE;
    }
  entry->method = method;
  entry->crc32 = crc;
  entry->size = uncompressed;
  entry->compressed_size = compressed;
  *local_offset = offset;
  *cursor = c + CENTRAL_SIZE + name_len + extra_len + comment_len;
  return read_local_header (r, entry, offset, flags, method, crc, error);
}

typedef struct
{
  guint64 begin;     /* local header */
  guint64 end;       /* end of data */
  guint   index;
} Span;

static int
compare_spans (gconstpointer a,
               gconstpointer b)
{
  const Span *sa = a, *sb = b;

  if (sa->begin != sb->begin)
    return sa->begin < sb->begin ? -1 : 1;
  return 0;
}

static gboolean
read_archive (PleatZip  *self,
              GError   **error)
{
  g_autofree Span *spans = NULL;
  const guint8 *cursor, *cd_end;
  gsize size;
  Reader r = { .zip = self };

  r.data = g_bytes_get_data (self->bytes, &size);
  r.size = size;
  if (!read_end_records (&r, error))
    return FALSE;

  self->entries = g_new0 (PleatZipEntry, MAX (r.n_entries, 1));
  spans = g_new0 (Span, MAX (r.n_entries, 1));
  cursor = r.data + r.cd_offset;
  cd_end = cursor + r.cd_size;
  for (guint i = 0; i < r.n_entries; i++)
    {
      PleatZipEntry *entry = &self->entries[i];
      guint64 local_offset = 0;

      self->n_entries = i + 1;
      if (!read_central_entry (&r, &cursor, cd_end, entry, &local_offset, error))
        return FALSE;
      if (!g_hash_table_insert (self->by_name, (gpointer) entry->name, GUINT_TO_POINTER (i + 1)))
        {
          set_invalid (error, self, _("entry “%s” appears twice"), entry->name);
          return FALSE;
        }
      spans[i] = (Span) { local_offset, entry->offset + entry->compressed_size, i };
    }
  if (cursor != cd_end)
    {
      set_invalid (error, self, _("the central directory is longer than its entries"));
      return FALSE;
    }

  qsort (spans, self->n_entries, sizeof *spans, compare_spans);
  for (guint i = 1; i < self->n_entries; i++)
    {
      if (spans[i].begin < spans[i - 1].end)
        {
          set_invalid (error, self, _("entries “%s” and “%s” overlap"),
                       self->entries[spans[i - 1].index].name,
                       self->entries[spans[i].index].name);
          return FALSE;
        }
    }
  return TRUE;
}

PleatZip *
pleat_zip_new_from_bytes (GBytes      *bytes,
                          const char  *display_name,
                          GError     **error)
{
  return pleat_zip_new_from_bytes_full (bytes, display_name, PLEAT_ZIP_FLAGS_NONE, error);
}

PleatZip *
pleat_zip_new_from_bytes_full (GBytes         *bytes,
                               const char     *display_name,
                               PleatZipFlags   flags,
                               GError        **error)
{
  PleatZip *self;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (display_name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_new0 (PleatZip, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->bytes = g_bytes_ref (bytes);
  self->display_name = g_strdup (display_name);
  self->flags = flags;
  self->by_name = g_hash_table_new (g_str_hash, g_str_equal);
  if (!read_archive (self, error))
    {
      pleat_zip_free (self);
      return NULL;
    }
  return self;
}

const char *
pleat_zip_get_display_name (PleatZip *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->display_name;
}

guint
pleat_zip_get_n_entries (PleatZip *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_entries;
}

const PleatZipEntry *
pleat_zip_get_entry (PleatZip *self,
                     guint     index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->n_entries, NULL);

  return &self->entries[index];
}

const PleatZipEntry *
pleat_zip_lookup (PleatZip   *self,
                  const char *name)
{
  guint index;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  index = GPOINTER_TO_UINT (g_hash_table_lookup (self->by_name, name));
  return index > 0 ? &self->entries[index - 1] : NULL;
}

/* zlib's crc32() takes a uInt length: feed large entries in pieces. */
static guint32
crc32_of (const guint8 *data,
          guint64       size)
{
  uLong crc = crc32 (0L, Z_NULL, 0);

  while (size > 0)
    {
      uInt n = (uInt) MIN (size, (guint64) G_MAXUINT32);

      crc = crc32 (crc, data, n);
      data += n;
      size -= n;
    }
  return (guint32) crc;
}

/* Inflates the raw DEFLATE stream of entry into exactly entry->size bytes. One spare byte in
 * the output tells a stream that inflates to more than declared from one that fits. */
static guint8 *
inflate_entry (PleatZip             *self,
               const PleatZipEntry  *entry,
               GError              **error)
{
  g_autoptr(GZlibDecompressor) decompressor =
    g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_RAW);
  g_autofree guint8 *out = g_try_malloc (entry->size + 1);
  gsize in_done = 0, out_done = 0;

  if (out == NULL)
    {
      g_set_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_OUT_OF_MEMORY,
                   _("%s: not enough memory to inflate “%s” (%" G_GUINT64_FORMAT " bytes)"),
                   self->display_name, entry->name, entry->size);
      return NULL;
    }
  for (;;)
    {
      g_autoptr(GError) local_error = NULL;
      gsize n_read = 0, n_written = 0;
      GConverterResult result;

      result = g_converter_convert (G_CONVERTER (decompressor),
                                    entry->data + in_done, entry->compressed_size - in_done,
                                    out + out_done, entry->size + 1 - out_done,
                                    G_CONVERTER_INPUT_AT_END, &n_read, &n_written,
                                    &local_error);
      if (result == G_CONVERTER_ERROR)
        {
          set_invalid (error, self, _("the compressed data of “%s” is damaged: %s"),
                       entry->name, local_error->message);
          return NULL;
        }
      in_done += n_read;
      out_done += n_written;
      if (out_done > entry->size)
        {
          set_invalid (error, self, _("“%s” inflates to more than its declared %"
                                      G_GUINT64_FORMAT " bytes"), entry->name, entry->size);
          return NULL;
        }
      if (result == G_CONVERTER_FINISHED)
        break;
      if (n_read == 0 && n_written == 0)
        {
          set_invalid (error, self, _("the compressed data of “%s” ends early"), entry->name);
          return NULL;
        }
    }
  if (out_done != entry->size)
    {
      set_invalid (error, self, _("“%s” inflates to %" G_GSIZE_FORMAT " bytes, not its declared %"
                                  G_GUINT64_FORMAT), entry->name, out_done, entry->size);
      return NULL;
    }
  if (in_done != entry->compressed_size)
    {
      set_invalid (error, self, _("“%s” has data after the end of its compressed stream"),
                   entry->name);
      return NULL;
    }
  return g_steal_pointer (&out);
}

GBytes *
pleat_zip_dup_entry_bytes (PleatZip             *self,
                           const PleatZipEntry  *entry,
                           guint64               max_size,
                           GError              **error)
{
  g_autoptr(GBytes) contents = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (entry >= self->entries && entry < self->entries + self->n_entries, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (entry->size > max_size)
    {
      g_set_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_UNSUPPORTED,
                   _("%s: entry “%s” holds %" G_GUINT64_FORMAT " bytes, more than the limit "
                     "of %" G_GUINT64_FORMAT),
                   self->display_name, entry->name, entry->size, max_size);
      return NULL;
    }
  if (entry->method == PLEAT_ZIP_METHOD_DEFLATE)
    {
      guint8 *out;

      if (entry->size / DEFLATE_MAX_RATIO > entry->compressed_size)
        {
          set_invalid (error, self, _("“%s” claims %" G_GUINT64_FORMAT " bytes from %"
                                      G_GUINT64_FORMAT " compressed, more than DEFLATE can "
                                      "hold"), entry->name, entry->size,
                       entry->compressed_size);
          return NULL;
        }
      out = inflate_entry (self, entry, error);
      if (out == NULL)
        return NULL;
      contents = g_bytes_new_take (out, entry->size);
    }
  else
    contents = g_bytes_new_from_bytes (self->bytes, entry->offset, entry->size);

  if (crc32_of (g_bytes_get_data (contents, NULL), entry->size) != entry->crc32)
    {
      set_invalid (error, self, _("the CRC-32 of “%s” does not match its contents"),
                   entry->name);
      return NULL;
    }
  return g_steal_pointer (&contents);
}
