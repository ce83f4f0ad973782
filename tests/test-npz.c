/* test-npz.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * NumPy arrays and archives: the .npy header parser on hand-written headers (versions, dtypes,
 * Fortran order, and what it must refuse, down to every prefix of a valid file); .npz archives
 * as NumPy writes them, stored and deflated, and damaged ones (bad CRC, truncated stream,
 * absurd sizes), each a clear GError; and Boltz's pae_*.npz and plddt_*.npz beside a model.
 */
#include "config.h"

#include <string.h>

#include "pleat-error.h"
#include "pleat-npy.h"
#include "pleat-npz.h"
#include "pleat-structure-reader.h"
#include "pleat-zip.h"

static GBytes *
load_fixture (const char *folder,
              const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", folder, name, NULL);
  g_autoptr(GError) error = NULL;
  char *data = NULL;
  gsize length = 0;

  g_file_get_contents (path, &data, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (data, length);
}

/* A format 1.0 or 2.0/3.0 file: magic, version, header length, header, data. */
static GByteArray *
npy_build (guint        major,
           const char  *header,
           const void  *data,
           gsize        data_len)
{
  GByteArray *b = g_byte_array_new ();
  guint32 len = (guint32) strlen (header);
  guint8 prefix[12] = { 0x93, 'N', 'U', 'M', 'P', 'Y', (guint8) major, 0 };

  prefix[8] = len & 0xff;
  prefix[9] = (len >> 8) & 0xff;
  prefix[10] = (len >> 16) & 0xff;
  prefix[11] = (len >> 24) & 0xff;
  g_byte_array_append (b, prefix, major == 1 ? 10 : 12);
  g_byte_array_append (b, (const guint8 *) header, len);
  g_byte_array_append (b, data, data_len);
  return b;
}

static void
assert_npy_refused (GByteArray *b,
                    gint        code,
                    const char *needle)
{
  g_autoptr(GError) error = NULL;
  PleatTensorView view;

  g_assert_false (pleat_npy_parse (b->data, b->len, "t.npy", &view, &error));
  g_assert_error (error, PLEAT_ENGINE_ERROR, code);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, needle));
}

static void
test_npy_headers (void)
{
  static const float values[6] = { 1, 2, 3, 4, 5, 6 };
  g_autoptr(GError) error = NULL;
  PleatTensorView view;

  /* Double quotes, keys in another order, no trailing comma, format 2.0. */
  {
    g_autoptr(GByteArray) b = npy_build (2, "{\"shape\": (2, 3), \"fortran_order\": False, "
                                         "\"descr\": \"<f4\"}\n", values, sizeof values);

    g_assert_true (pleat_npy_parse (b->data, b->len, "t.npy", &view, &error));
    g_assert_no_error (error);
    g_assert_cmpint (view.dtype, ==, PLEAT_DTYPE_F32);
    g_assert_cmpuint (view.n_dims, ==, 2);
    g_assert_cmpint (view.shape[0], ==, 2);
    g_assert_cmpint (view.shape[1], ==, 3);
    g_assert_cmpint (view.strides[0], ==, 3);
    g_assert_cmpint (view.strides[1], ==, 1);
    g_assert_true (view.data == b->data + b->len - sizeof values);
  }
  /* Fortran order: the first index varies fastest. */
  {
    g_autoptr(GByteArray) b = npy_build (1, "{'descr': '<f4', 'fortran_order': True, "
                                         "'shape': (2, 3), }", values, sizeof values);

    g_assert_true (pleat_npy_parse (b->data, b->len, "t.npy", &view, &error));
    g_assert_cmpint (view.strides[0], ==, 1);
    g_assert_cmpint (view.strides[1], ==, 2);
  }
  /* A 1-tuple, a scalar, an empty array. */
  {
    g_autoptr(GByteArray) one = npy_build (1, "{'descr': '<f2', 'fortran_order': False, "
                                           "'shape': (3,), }", values, 6);
    g_autoptr(GByteArray) scalar = npy_build (3, "{'descr': '<f8', 'fortran_order': False, "
                                              "'shape': (), }", values, 8);
    g_autoptr(GByteArray) empty = npy_build (1, "{'descr': '<f4', 'fortran_order': False, "
                                             "'shape': (0, 4611686018427387904), }", NULL, 0);

    g_assert_true (pleat_npy_parse (one->data, one->len, "t.npy", &view, &error));
    g_assert_cmpint (view.dtype, ==, PLEAT_DTYPE_F16);
    g_assert_cmpuint (view.n_dims, ==, 1);
    g_assert_true (pleat_npy_parse (scalar->data, scalar->len, "t.npy", &view, &error));
    g_assert_cmpuint (view.n_dims, ==, 0);
    g_assert_true (pleat_npy_parse (empty->data, empty->len, "t.npy", &view, &error));
    g_assert_no_error (error);
  }

  /* What must be refused. */
  {
    g_autoptr(GByteArray) b = npy_build (4, "{}", NULL, 0);

    assert_npy_refused (b, PLEAT_ENGINE_ERROR_UNSUPPORTED, "version 4");
  }
  {
    g_autoptr(GByteArray) b = npy_build (1, "{'descr': '>f4', 'fortran_order': False, "
                                         "'shape': (1,), }", values, 4);

    assert_npy_refused (b, PLEAT_ENGINE_ERROR_UNSUPPORTED, "“>f4”");
  }
  {
    g_autoptr(GByteArray) b = npy_build (1, "{'descr': '|O', 'fortran_order': False, "
                                         "'shape': (1,), }", values, 8);

    assert_npy_refused (b, PLEAT_ENGINE_ERROR_UNSUPPORTED, "“|O”");
  }
  {
    g_autoptr(GByteArray) b = npy_build (1, "{'descr': '<f4', 'shape': (6,), }", values,
                                         sizeof values);

    assert_npy_refused (b, PLEAT_ENGINE_ERROR_INVALID_FILE, "lacks");
  }
  {
    g_autoptr(GByteArray) b = npy_build (1, "{'descr': '<f4', 'descr': '<f4', "
                                         "'fortran_order': False, 'shape': (6,), }", values,
                                         sizeof values);

    assert_npy_refused (b, PLEAT_ENGINE_ERROR_INVALID_FILE, "repeated");
  }
  {
    g_autoptr(GByteArray) b = npy_build (1, "{'descr': '<f4', 'fortran_order': False, "
                                         "'shape': (7,), }", values, sizeof values);

    assert_npy_refused (b, PLEAT_ENGINE_ERROR_INVALID_FILE, "needs 28 bytes");
  }
  {
    g_autoptr(GByteArray) b = npy_build (1, "{'descr': '<f4', 'fortran_order': False, "
                                         "'shape': (1,1,1,1,1,1,1,1,6), }", values,
                                         sizeof values);

    assert_npy_refused (b, PLEAT_ENGINE_ERROR_INVALID_FILE, "at most 8");
  }
  {
    g_autoptr(GByteArray) b = npy_build (1, "{'descr': '<f4', 'fortran_order': False, "
                                         "'shape': (4294967296, 4294967296, 4294967296), }",
                                         NULL, 0);

    assert_npy_refused (b, PLEAT_ENGINE_ERROR_INVALID_FILE, "too large");
  }
  {
    g_autoptr(GByteArray) b = npy_build (1, "{'descr': '<f4', 'fortran_order': 0, "
                                         "'shape': (6,), }", values, sizeof values);

    assert_npy_refused (b, PLEAT_ENGINE_ERROR_INVALID_FILE, "fortran_order");
  }
  {
    g_autoptr(GByteArray) b = npy_build (1, "{'descr': '<f4', 'fortran_order': False, "
                                         "'shape': (6,), } x", values, sizeof values);

    assert_npy_refused (b, PLEAT_ENGINE_ERROR_INVALID_FILE, "after the dictionary");
  }
  {
    g_autoptr(GByteArray) b = npy_build (1, "{}", NULL, 0);

    b->data[1] = 'n';
    assert_npy_refused (b, PLEAT_ENGINE_ERROR_INVALID_FILE, "magic");
  }
}

/* Every prefix of a valid file is refused with an error; nothing reads past the end (ASan). */
static void
test_npy_prefixes (void)
{
  static const float values[4] = { 1, 2, 3, 4 };
  g_autoptr(GByteArray) b = npy_build (1, "{'descr': '<f4', 'fortran_order': False, "
                                       "'shape': (2, 2), }", values, sizeof values);

  for (guint len = 0; len < b->len; len++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree guint8 *copy = g_memdup2 (b->data, len);
      PleatTensorView view;

      g_assert_false (pleat_npy_parse (copy, len, "t.npy", &view, &error));
      g_assert_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_INVALID_FILE);
    }
}

static void
assert_pae_5x5 (const char *name,
                float       tolerance)
{
  g_autoptr(GBytes) bytes = load_fixture ("npz", name);
  g_autoptr(GError) error = NULL;
  g_autofree float *values = NULL;
  gint64 shape[8];
  guint n_dims;

  values = pleat_npz_read_floats (bytes, name, "pae", shape, &n_dims, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_dims, ==, 2);
  g_assert_cmpint (shape[0], ==, 5);
  g_assert_cmpint (shape[1], ==, 5);
  /* Entry (i, j) = i + 10 j / 8, row-major whatever the file's order. */
  for (guint i = 0; i < 5; i++)
    for (guint j = 0; j < 5; j++)
      g_assert_cmpfloat_with_epsilon (values[i * 5 + j], i + 10.0 * j / 8.0, tolerance);
}

static void
test_npz_good (void)
{
  assert_pae_5x5 ("pae-deflated.npz", 1e-6);
  assert_pae_5x5 ("pae-stored-f8.npz", 1e-6);
  assert_pae_5x5 ("pae-f2-v3.npz", 1e-2);

  /* The checkpoint reader still refuses what it cannot read in place. */
  {
    g_autoptr(GBytes) bytes = load_fixture ("npz", "pae-deflated.npz");
    g_autoptr(GError) error = NULL;
    g_autoptr(PleatZip) zip = pleat_zip_new_from_bytes (bytes, "pae-deflated.npz", &error);

    g_assert_null (zip);
    g_assert_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_UNSUPPORTED);
    g_assert_nonnull (strstr (error->message, "compressed (deflate)"));
  }
  /* An archive without the key. */
  {
    g_autoptr(GBytes) bytes = load_fixture ("npz", "pae-deflated.npz");
    g_autoptr(GError) error = NULL;
    gint64 shape[8];
    guint n_dims;

    g_assert_null (pleat_npz_read_floats (bytes, "x.npz", "plddt", shape, &n_dims, &error));
    g_assert_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_INVALID_FILE);
    g_assert_nonnull (strstr (error->message, "no array “plddt”"));
  }
}

static void
test_npz_damaged (void)
{
  static const struct
  {
    const char *name;
    gint        code;
    const char *needle;
  } cases[] = {
    { "bad-crc.npz", PLEAT_ENGINE_ERROR_INVALID_FILE, "CRC-32" },
    { "truncated.npz", PLEAT_ENGINE_ERROR_INVALID_FILE, "compressed data of “pae.npy”" },
    { "absurd-size.npz", PLEAT_ENGINE_ERROR_UNSUPPORTED, "4294967280 bytes" },
    { "bomb.npz", PLEAT_ENGINE_ERROR_INVALID_FILE, "more than DEFLATE can hold" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) bytes = load_fixture ("npz", cases[i].name);
      g_autoptr(GError) error = NULL;
      gint64 shape[8];
      guint n_dims;

      g_assert_null (pleat_npz_read_floats (bytes, cases[i].name, "pae", shape, &n_dims,
                                            &error));
      g_assert_error (error, PLEAT_ENGINE_ERROR, cases[i].code);
      g_test_message ("%s: %s", cases[i].name, error->message);
      g_assert_nonnull (strstr (error->message, cases[i].needle));
    }
}

/* Every prefix and thousands of single-byte changes of a deflated archive: an error or a good
 * read, never a crash (this suite also runs under ASan/UBSan). */
static void
test_npz_mutations (void)
{
  g_autoptr(GBytes) bytes = load_fixture ("npz", "pae-deflated.npz");
  gsize size;
  const guint8 *data = g_bytes_get_data (bytes, &size);
  guint n_ok = 0;

  for (gsize len = 0; len <= size; len++)
    {
      g_autoptr(GBytes) prefix = g_bytes_new (data, len);
      g_autoptr(GError) error = NULL;
      g_autofree float *values = NULL;
      gint64 shape[8];
      guint n_dims;

      values = pleat_npz_read_floats (prefix, "p.npz", "pae", shape, &n_dims, &error);
      g_assert_true ((values == NULL) == (error != NULL));
      n_ok += values != NULL;
    }
  g_assert_cmpuint (n_ok, ==, 1);

  for (gsize pos = 0; pos < size; pos++)
    for (guint bit = 0; bit < 8; bit++)
      {
        g_autofree guint8 *copy = g_memdup2 (data, size);
        g_autoptr(GBytes) changed = NULL;
        g_autoptr(GError) error = NULL;
        g_autofree float *values = NULL;
        gint64 shape[8];
        guint n_dims;

        copy[pos] ^= 1u << bit;
        changed = g_bytes_new_take (g_steal_pointer (&copy), size);
        values = pleat_npz_read_floats (changed, "m.npz", "pae", shape, &n_dims, &error);
        g_assert_true ((values == NULL) == (error != NULL));
      }
}

static GPtrArray *
load_boltz (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "structures",
                                                 "boltz_model_0.cif", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  GPtrArray *structures = pleat_structure_load (file, NULL, &error);

  g_assert_no_error (error);
  return structures;
}

/* pae_boltz_model_0.npz has 18 tokens: 12 residues, then the ligand's 6 atoms. */
static void
test_boltz_pae (void)
{
  g_autoptr(GPtrArray) structures = load_boltz ();
  PleatStructure *s = g_ptr_array_index (structures, 0);
  const float *pae;
  float max_pae;
  guint n;

  pae = pleat_structure_get_pae (s, &n, &max_pae);
  g_assert_nonnull (pae);
  g_assert_cmpuint (n, ==, 12);
  for (guint i = 0; i < n; i++)
    for (guint j = 0; j < n; j++)
      g_assert_cmpfloat_with_epsilon (pae[i * n + j], i + 10.0 * j / 8.0, 1e-5);
  g_assert_cmpfloat_with_epsilon (max_pae, 11 + 110.0 / 8.0, 1e-5);

  /* A matrix that fits neither the residues nor the tokens is refused. */
  {
    g_autoptr(GBytes) other = load_fixture ("npz", "pae-deflated.npz");
    g_autoptr(GError) error = NULL;

    g_assert_false (pleat_structure_attach_pae_npz (s, other, "pae-deflated.npz", &error));
    g_assert_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_INVALID_FILE);
    g_assert_nonnull (strstr (error->message, "5 rows"));
    g_assert_nonnull (strstr (error->message, "18 tokens"));
  }
}

/* The model file carries pLDDT, which wins; without it, plddt_*.npz gives it per token. */
static void
test_boltz_plddt (void)
{
  g_autoptr(GPtrArray) structures = load_boltz ();
  g_autoptr(GBytes) npz = load_fixture ("structures", "plddt_boltz_model_0.npz");
  g_autoptr(GError) error = NULL;
  PleatStructure *s = g_ptr_array_index (structures, 0);
  const PleatResidue *residues;
  const PleatAtom *atoms;

  g_assert_cmpint (pleat_structure_get_plddt_source (s), ==, PLEAT_PLDDT_SOURCE_MODELCIF);
  pleat_structure_set_plddt_from_b_factor (s, 0.0f);
  g_assert_false (pleat_structure_has_plddt (s));

  g_assert_true (pleat_structure_attach_plddt_npz (s, npz, "plddt_boltz_model_0.npz", &error));
  g_assert_no_error (error);
  g_assert_cmpint (pleat_structure_get_plddt_source (s), ==, PLEAT_PLDDT_SOURCE_NPZ);
  residues = pleat_structure_get_residues (s, NULL);
  atoms = pleat_structure_get_atoms (s, NULL);
  /* Token t holds 0.30 + 0.04 t: residues 0-11, then one value per ligand atom. */
  g_assert_cmpfloat_with_epsilon (residues[0].plddt, 30.0, 1e-4);
  g_assert_cmpfloat_with_epsilon (residues[11].plddt, 74.0, 1e-4);
  g_assert_cmpfloat_with_epsilon (atoms[residues[12].first_atom].plddt, 78.0, 1e-4);
  g_assert_cmpfloat_with_epsilon (atoms[residues[12].first_atom + 5].plddt, 98.0, 1e-4);
  g_assert_cmpfloat_with_epsilon (residues[12].plddt, 88.0, 1e-4);

  /* A PAE archive has no "plddt" array. */
  {
    g_autoptr(GBytes) pae = load_fixture ("structures", "pae_boltz_model_0.npz");

    g_clear_error (&error);
    g_assert_false (pleat_structure_attach_plddt_npz (s, pae, "pae.npz", &error));
    g_assert_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_INVALID_FILE);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/pleat/engine/Npy/headers", test_npy_headers);
  g_test_add_func ("/pleat/engine/Npy/prefixes", test_npy_prefixes);
  g_test_add_func ("/pleat/engine/Npz/good", test_npz_good);
  g_test_add_func ("/pleat/engine/Npz/damaged", test_npz_damaged);
  g_test_add_func ("/pleat/engine/Npz/mutations", test_npz_mutations);
  g_test_add_func ("/pleat/engine/Npz/boltz-pae", test_boltz_pae);
  g_test_add_func ("/pleat/engine/Npz/boltz-plddt", test_boltz_plddt);

  return g_test_run ();
}
