/* test-zip.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Malformed zips: compressed or encrypted entries, central directories that disagree with
 * the local headers or the end records, overlapping and truncated entries, ZIP64 records;
 * and every prefix and thousands of single-byte changes of real checkpoints. Each gives a
 * clear GError or a good load; nothing crashes (this suite also runs under ASan/UBSan).
 */
#include "config.h"

#include <string.h>

#include "checkpoint-writer.h"
#include "pleat-error.h"
#include "pleat-torch-checkpoint.h"
#include "pleat-unpickler.h"
#include "pleat-weights.h"
#include "pleat-zip.h"

static const gint32 shape_2x2[] = { 2, 2 };
static const gint32 strides_2x2[] = { 2, 1 };

static GByteArray *
valid_pickle (void)
{
  return pk_state_dict (4, 0, shape_2x2, strides_2x2, 2);
}

static void
build_checkpoint_zip (Zip        *zip,
                      GByteArray *pickle,
                      guint16     method,
                      guint16     flags,
                      gboolean    sentinels)
{
  ZipEntry entries[] = {
    { "archive/data.pkl", pickle->data, pickle->len, 0, 0 },
    { "archive/data/0", storage_values, sizeof storage_values, method, flags },
  };

  zip_build (entries, G_N_ELEMENTS (entries), sentinels, zip);
}

static void
test_zip_zip64 (void)
{
  g_autoptr(GByteArray) pickle = valid_pickle ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PleatZip) archive = NULL;
  const PleatZipEntry *entry;
  Zip zip;

  /* Every size and offset in ZIP64 extra fields, as torch writes files above 4 GiB. */
  build_checkpoint_zip (&zip, pickle, 0, 0, TRUE);
  bytes = zip_steal_bytes (&zip);
  archive = pleat_zip_new_from_bytes (bytes, "z64.zip", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pleat_zip_get_n_entries (archive), ==, 2);
  entry = pleat_zip_lookup (archive, "archive/data/0");
  g_assert_nonnull (entry);
  g_assert_cmpuint (entry->size, ==, sizeof storage_values);
  g_assert_cmpmem (entry->data, entry->size, storage_values, sizeof storage_values);
  g_assert_null (load (bytes));
}

static void
test_zip_compressed_encrypted (void)
{
  g_autoptr(GByteArray) pickle = valid_pickle ();
  Zip zip;

  build_checkpoint_zip (&zip, pickle, 8, 0, FALSE);
  {
    g_autoptr(GBytes) bytes = zip_steal_bytes (&zip);

    assert_refused (bytes, PLEAT_ENGINE_ERROR_UNSUPPORTED, "compressed (deflate)");
  }
  build_checkpoint_zip (&zip, pickle, 0, 1, FALSE);
  {
    g_autoptr(GBytes) bytes = zip_steal_bytes (&zip);

    assert_refused (bytes, PLEAT_ENGINE_ERROR_UNSUPPORTED, "encrypted");
  }
  build_checkpoint_zip (&zip, pickle, 93, 0, TRUE);
  {
    g_autoptr(GBytes) bytes = zip_steal_bytes (&zip);

    assert_refused (bytes, PLEAT_ENGINE_ERROR_UNSUPPORTED, "zstd");
  }
}

typedef void (*ZipDamage) (Zip *zip);

static void
damage_cd_name (Zip *zip)
{
  /* "archive/data/0" -> "archive/data/1" in the central directory only. */
  zip->bytes->data[zip->central[1] + 46 + 13] = '1';
}

static void
damage_local_name (Zip *zip)
{
  zip->bytes->data[zip->local[1] + 30 + 13] = '9';
}

static void
damage_local_offset (Zip *zip)
{
  patch_le (zip->bytes, zip->central[1] + 42, zip->local[1] + 3, 4);
}

static void
damage_offset_past_end (Zip *zip)
{
  patch_le (zip->bytes, zip->central[1] + 42, 0xfffffff0, 4);
}

static void
damage_local_method (Zip *zip)
{
  patch_le (zip->bytes, zip->local[1] + 8, 8, 2);
}

static void
damage_local_size (Zip *zip)
{
  patch_le (zip->bytes, zip->local[1] + 22, 12, 4);
}

static void
damage_sizes_overlap (Zip *zip)
{
  /* The pickle's entry claims bytes up to and past the storage's local header. */
  gsize len = zip->local[1] - zip->local[0] - 30 - 16 + 8;

  patch_le (zip->bytes, zip->central[0] + 20, len, 4);
  patch_le (zip->bytes, zip->central[0] + 24, len, 4);
  patch_le (zip->bytes, zip->local[0] + 18, len, 4);
  patch_le (zip->bytes, zip->local[0] + 22, len, 4);
}

static void
damage_size_into_cd (Zip *zip)
{
  patch_le (zip->bytes, zip->central[1] + 20, 400, 4);
  patch_le (zip->bytes, zip->central[1] + 24, 400, 4);
  patch_le (zip->bytes, zip->local[1] + 18, 400, 4);
  patch_le (zip->bytes, zip->local[1] + 22, 400, 4);
}

static void
damage_two_sizes (Zip *zip)
{
  patch_le (zip->bytes, zip->central[1] + 20, 8, 4);
}

static void
damage_entry_count (Zip *zip)
{
  patch_le (zip->bytes, zip->eocd + 8, 3, 2);
  patch_le (zip->bytes, zip->eocd + 10, 3, 2);
  patch_le (zip->bytes, zip->zip64_eocd + 24, 3, 8);
  patch_le (zip->bytes, zip->zip64_eocd + 32, 3, 8);
}

static void
damage_entry_count_huge (Zip *zip)
{
  patch_le (zip->bytes, zip->eocd + 8, 0xffff, 2);
  patch_le (zip->bytes, zip->eocd + 10, 0xffff, 2);
  patch_le (zip->bytes, zip->zip64_eocd + 24, G_MAXUINT64 / 2, 8);
  patch_le (zip->bytes, zip->zip64_eocd + 32, G_MAXUINT64 / 2, 8);
}

static void
damage_eocd_disagrees (Zip *zip)
{
  patch_le (zip->bytes, zip->eocd + 16, zip->cd_offset + 1, 4);
}

static void
damage_cd_offset (Zip *zip)
{
  patch_le (zip->bytes, zip->eocd + 16, 0xffffffff, 4);
  patch_le (zip->bytes, zip->zip64_eocd + 48, G_MAXUINT64 - 8, 8);
}

static void
damage_cd_size (Zip *zip)
{
  patch_le (zip->bytes, zip->eocd + 12, 0xffffffff, 4);
  patch_le (zip->bytes, zip->zip64_eocd + 40, zip->zip64_eocd - zip->cd_offset - 1, 8);
}

static void
damage_locator (Zip *zip)
{
  patch_le (zip->bytes, zip->eocd - 20 + 8, zip->bytes->len * 2, 8);
}

static void
damage_zip64_signature (Zip *zip)
{
  zip->bytes->data[zip->zip64_eocd] = 'X';
}

static void
damage_multi_disk (Zip *zip)
{
  patch_le (zip->bytes, zip->zip64_eocd + 16, 1, 4);
}

static void
damage_eocd_signature (Zip *zip)
{
  zip->bytes->data[zip->eocd] = 'X';
}

static void
damage_comment_length (Zip *zip)
{
  patch_le (zip->bytes, zip->eocd + 20, 5, 2);
}

static void
damage_name_nul (Zip *zip)
{
  zip->bytes->data[zip->central[1] + 46 + 3] = '\0';
  zip->bytes->data[zip->local[1] + 30 + 3] = '\0';
}

static void
damage_zip64_extra (Zip *zip)
{
  /* The ZIP64 field of entry 1 claims more bytes than the extra field has. */
  patch_le (zip->bytes, zip->central[1] + 46 + 14 + 2, 200, 2);
}

static void
test_zip_damaged (void)
{
  struct
  {
    ZipDamage   damage;
    gboolean    sentinels;
    int         code;
    const char *needle;
  } cases[] = {
    { damage_cd_name, FALSE, PLEAT_ENGINE_ERROR_INVALID_FILE, "disagrees" },
    { damage_local_name, FALSE, PLEAT_ENGINE_ERROR_INVALID_FILE, "disagrees" },
    { damage_local_offset, FALSE, PLEAT_ENGINE_ERROR_INVALID_FILE, "no local header" },
    { damage_offset_past_end, FALSE, PLEAT_ENGINE_ERROR_INVALID_FILE, "outside" },
    { damage_local_method, FALSE, PLEAT_ENGINE_ERROR_INVALID_FILE, "disagrees" },
    { damage_local_size, FALSE, PLEAT_ENGINE_ERROR_INVALID_FILE, "disagrees" },
    { damage_sizes_overlap, FALSE, PLEAT_ENGINE_ERROR_INVALID_FILE, "overlap" },
    { damage_size_into_cd, FALSE, PLEAT_ENGINE_ERROR_INVALID_FILE, "central directory" },
    { damage_two_sizes, FALSE, PLEAT_ENGINE_ERROR_INVALID_FILE, "two different sizes" },
    { damage_entry_count, FALSE, PLEAT_ENGINE_ERROR_INVALID_FILE, NULL },
    { damage_entry_count_huge, FALSE, PLEAT_ENGINE_ERROR_INVALID_FILE, "cannot fit" },
    { damage_eocd_disagrees, FALSE, PLEAT_ENGINE_ERROR_INVALID_FILE, "disagree" },
    { damage_cd_offset, FALSE, PLEAT_ENGINE_ERROR_INVALID_FILE, "outside" },
    { damage_cd_size, FALSE, PLEAT_ENGINE_ERROR_INVALID_FILE, NULL },
    { damage_locator, FALSE, PLEAT_ENGINE_ERROR_INVALID_FILE, "ZIP64" },
    { damage_zip64_signature, FALSE, PLEAT_ENGINE_ERROR_INVALID_FILE, "ZIP64" },
    { damage_multi_disk, FALSE, PLEAT_ENGINE_ERROR_UNSUPPORTED, "multi-disk" },
    { damage_eocd_signature, FALSE, PLEAT_ENGINE_ERROR_INVALID_FILE, "end of central" },
    { damage_comment_length, FALSE, PLEAT_ENGINE_ERROR_INVALID_FILE, "end of central" },
    { damage_name_nul, FALSE, PLEAT_ENGINE_ERROR_INVALID_FILE, "UTF-8" },
    { damage_zip64_extra, TRUE, PLEAT_ENGINE_ERROR_INVALID_FILE, "ZIP64" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GByteArray) pickle = valid_pickle ();
      g_autoptr(GBytes) bytes = NULL;
      Zip zip;

      g_test_message ("case %u", i);
      build_checkpoint_zip (&zip, pickle, 0, 0, cases[i].sentinels);
      cases[i].damage (&zip);
      bytes = zip_steal_bytes (&zip);
      assert_refused (bytes, cases[i].code, cases[i].needle);
    }
}

/* fixtures/checkpoints/dir/name, or fixtures/checkpoints/dir when name is NULL. */
static void
test_zip_duplicate_name (void)
{
  g_autoptr(GByteArray) pickle = valid_pickle ();
  g_autoptr(GBytes) bytes = NULL;
  ZipEntry entries[] = {
    { "archive/data.pkl", pickle->data, pickle->len, 0, 0 },
    { "archive/data/0", storage_values, sizeof storage_values, 0, 0 },
    { "archive/data/0", storage_values, 8, 0, 0 },
  };
  Zip zip;

  zip_build (entries, G_N_ELEMENTS (entries), FALSE, &zip);
  bytes = zip_steal_bytes (&zip);
  assert_refused (bytes, PLEAT_ENGINE_ERROR_INVALID_FILE, "“archive/data/0” appears twice");
}

static GBytes *
read_fixture (const char *dir,
              const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "checkpoints", dir,
                                                 name, NULL);
  g_autofree char *contents = NULL;
  gsize len;

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (g_steal_pointer (&contents), len);
}

/* Every prefix of a real checkpoint is refused. */
static void
test_zip_truncated (void)
{
  g_autoptr(GBytes) full = read_fixture ("tensors.pt", NULL);
  gsize len = g_bytes_get_size (full);

  for (gsize cut = 0; cut < len; cut++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_from_bytes (full, 0, cut);
      g_autoptr(GError) error = load (bytes);

      g_assert_nonnull (error);
    }
}

/* Any single byte of real files overwritten: an error or a good load, never a crash. */
static void
test_byte_flips (void)
{
  const char *files[][2] = {
    { "tensors.pt", NULL },
    { "hf-safetensors", "model.safetensors" },
  };

  for (guint f = 0; f < G_N_ELEMENTS (files); f++)
    {
      g_autoptr(GBytes) full = read_fixture (files[f][0], files[f][1]);
      gsize len = MIN (g_bytes_get_size (full), 8192);
      guint n_refused = 0;

      for (gsize i = 0; i < len; i++)
        {
          const guint8 values[] = { 0x00, 0xff, 0x7f, 0x80 };

          for (guint v = 0; v < G_N_ELEMENTS (values); v++)
            {
              guint8 *copy = g_memdup2 (g_bytes_get_data (full, NULL), g_bytes_get_size (full));
              g_autoptr(GBytes) bytes = NULL;
              g_autoptr(GError) error = NULL;

              copy[i] = values[v];
              bytes = g_bytes_new_take (copy, g_bytes_get_size (full));
              error = load (bytes);
              n_refused += error != NULL;
            }
        }
      /* Most damage is caught (flips inside tensor data are not damage we can see). */
      g_assert_cmpuint (n_refused, >, len / 2);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/pleat/engine/Zip/zip64", test_zip_zip64);
  g_test_add_func ("/pleat/engine/Zip/compressed-encrypted", test_zip_compressed_encrypted);
  g_test_add_func ("/pleat/engine/Zip/damaged", test_zip_damaged);
  g_test_add_func ("/pleat/engine/Zip/duplicate-name", test_zip_duplicate_name);
  g_test_add_func ("/pleat/engine/Zip/truncated", test_zip_truncated);
  g_test_add_func ("/pleat/engine/Zip/byte-flips", test_byte_flips);

  return g_test_run ();
}
