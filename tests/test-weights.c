/* test-weights.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The weights store on the fixtures of tests/reference/make_checkpoint_fixtures.py: every
 * format loads to the float32 values torch computes, bit for bit.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "pleat-error.h"
#include "pleat-torch-checkpoint.h"
#include "pleat-weights.h"

static char *
fixture_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "fixtures", "checkpoints", name, NULL);
}

static PleatWeights *
open_fixture (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = fixture_path (name);
  PleatWeights *weights = pleat_weights_open (path, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (weights);
  return weights;
}

/* Bit-exact: NaN payloads and signed zeros included. */
static void
assert_same_bits (const void *a,
                  const void *b,
                  gsize       n_bytes,
                  const char *name)
{
  if (memcmp (a, b, n_bytes) != 0)
    g_error ("tensor %s differs from the expected values", name);
}

/* Every tensor of got, read as float32 (or int64 for integers), equals the expected file's
 * tensor of the same name, or its '@f32' twin (torch's own conversion) for half tensors. */
static guint
compare_with_expected (PleatWeights *got,
                       PleatWeights *expected,
                       const char   *skip)
{
  g_auto(GStrv) names = pleat_weights_dup_names (got);
  guint n_compared = 0;

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *twin = g_strconcat (names[i], "@f32", NULL);
      PleatTensorInfo info, expected_info;
      const char *reference = names[i];

      if (skip != NULL && g_str_equal (names[i], skip))
        continue;
      g_assert_true (pleat_weights_lookup (got, names[i], &info));
      if (pleat_weights_contains (expected, twin))
        reference = twin;
      g_assert_true (pleat_weights_lookup (expected, reference, &expected_info));
      g_assert_cmpuint (info.n_dims, ==, expected_info.n_dims);
      g_assert_cmpmem (info.shape, info.n_dims * sizeof (gint64),
                       expected_info.shape, expected_info.n_dims * sizeof (gint64));

      if (pleat_dtype_is_float (info.dtype))
        {
          const float *a = pleat_weights_get_f32 (got, names[i], info.shape, info.n_dims, &error);
          const float *b;

          g_assert_no_error (error);
          b = pleat_weights_get_f32 (expected, reference, info.shape, info.n_dims, &error);
          g_assert_no_error (error);
          assert_same_bits (a, b, info.n_elements * sizeof (float), names[i]);
        }
      else
        {
          const gint64 *a = pleat_weights_get_i64 (got, names[i], info.shape, info.n_dims,
                                                   &error);
          const gint64 *b;

          g_assert_no_error (error);
          b = pleat_weights_get_i64 (expected, reference, info.shape, info.n_dims, &error);
          g_assert_no_error (error);
          assert_same_bits (a, b, info.n_elements * sizeof (gint64), names[i]);
        }
      n_compared++;
    }
  return n_compared;
}

/* The expected file itself: half tensors widen exactly to what torch's .float() gives,
 * including subnormals, infinities, NaN and signed zeros. */
static void
test_weights_half_conversion (void)
{
  g_autoptr(PleatWeights) w = open_fixture ("tensors-expected.safetensors");
  const char *half[] = { "f16", "f16_specials", "bf16", "bf16_specials", "transposed_f16" };

  for (guint i = 0; i < G_N_ELEMENTS (half); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *twin = g_strconcat (half[i], "@f32", NULL);
      PleatTensorInfo info;
      const float *a, *b;

      g_assert_true (pleat_weights_lookup (w, half[i], &info));
      g_assert_true (info.dtype == PLEAT_DTYPE_F16 || info.dtype == PLEAT_DTYPE_BF16);
      a = pleat_weights_get_f32 (w, half[i], info.shape, info.n_dims, &error);
      g_assert_no_error (error);
      b = pleat_weights_get_f32 (w, twin, info.shape, info.n_dims, &error);
      g_assert_no_error (error);
      assert_same_bits (a, b, info.n_elements * sizeof (float), half[i]);
    }
}

static void
test_weights_dtypes (void)
{
  g_autoptr(PleatWeights) w = open_fixture ("tensors-expected.safetensors");
  g_autoptr(GError) error = NULL;
  g_autofree gint64 *i64 = NULL;
  g_autofree gint64 *i32 = NULL;
  g_autofree gint64 *flags = NULL;
  g_autofree double *f64 = NULL;
  g_autofree double *f16_as_f64 = NULL;
  const float *f64_as_f32, *scalar, *empty, *f16;
  PleatTensorInfo info;

  /* arange(-5, 7).reshape(3, 4) * 1000000007: values beyond 32 bits. */
  i64 = pleat_weights_dup_i64 (w, "i64", &info, &error);
  g_assert_no_error (error);
  g_assert_cmpint (info.dtype, ==, PLEAT_DTYPE_I64);
  g_assert_cmpuint (info.n_dims, ==, 2);
  g_assert_cmpint (info.shape[0], ==, 3);
  g_assert_cmpint (info.shape[1], ==, 4);
  for (gint64 i = 0; i < 12; i++)
    g_assert_cmpint (i64[i], ==, (i - 5) * G_GINT64_CONSTANT (1000000007));

  i32 = pleat_weights_dup_i64 (w, "i32", &info, &error);
  g_assert_no_error (error);
  g_assert_cmpint (info.dtype, ==, PLEAT_DTYPE_I32);
  for (gint64 i = 0; i < 6; i++)
    g_assert_cmpint (i32[i], ==, i - 3);

  flags = pleat_weights_dup_i64 (w, "bool", &info, &error);
  g_assert_no_error (error);
  g_assert_cmpint (info.dtype, ==, PLEAT_DTYPE_BOOL);
  g_assert_cmpint (flags[0], ==, 1);
  g_assert_cmpint (flags[1], ==, 0);
  g_assert_cmpint (flags[2], ==, 1);

  /* float64 kept exact, and rounded once to float32. */
  f64 = pleat_weights_dup_f64 (w, "f64", &info, &error);
  g_assert_no_error (error);
  g_assert_cmpint (info.dtype, ==, PLEAT_DTYPE_F64);
  f64_as_f32 = pleat_weights_get_f32 (w, "f64", PLEAT_SHAPE (2, 3), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 6; i++)
    g_assert_true (f64_as_f32[i] == (float) f64[i]);

  /* Half to float64 goes through the exact float32 widening. */
  f16_as_f64 = pleat_weights_dup_f64 (w, "f16", &info, &error);
  g_assert_no_error (error);
  f16 = pleat_weights_get_f32 (w, "f16@f32", PLEAT_SHAPE (4, 6), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 24; i++)
    g_assert_true (f16_as_f64[i] == (double) f16[i]);

  scalar = pleat_weights_get_f32 (w, "scalar", NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (*scalar, ==, 3.5f);

  empty = pleat_weights_get_f32 (w, "empty", PLEAT_SHAPE (0, 4), &error);
  g_assert_no_error (error);
  g_assert_nonnull (empty);

  /* Floats never silently become integers. */
  g_assert_null (pleat_weights_dup_i64 (w, "f32", NULL, &error));
  g_assert_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_UNSUPPORTED);
}

static void
test_weights_safetensors_matches_expected (void)
{
  g_autoptr(PleatWeights) got = open_fixture ("hf-safetensors");
  g_autoptr(PleatWeights) expected = open_fixture ("hf-expected.safetensors");
  PleatTensorInfo info;

  g_assert_true (pleat_weights_lookup (got, "esm.embeddings.word_embeddings.weight", &info));
  g_assert_cmpint (info.dtype, ==, PLEAT_DTYPE_F16);
  g_assert_cmpuint (compare_with_expected (got, expected, NULL), ==,
                    pleat_weights_get_n_tensors (got));
  g_assert_cmpuint (pleat_weights_get_n_tensors (got), >, 20);
}

/* torch.save of every dtype, non-contiguous views and a shared storage. */
static void
test_weights_torch_save (gconstpointer data)
{
  g_autoptr(PleatWeights) got = open_fixture (data);
  g_autoptr(PleatWeights) expected = open_fixture ("tensors-expected.safetensors");
  g_auto(GStrv) names = pleat_weights_dup_names (got);
  g_auto(GStrv) expected_names = pleat_weights_dup_names (expected);
  guint n_plain = 0;

  for (guint i = 0; expected_names[i] != NULL; i++)
    n_plain += !g_str_has_suffix (expected_names[i], "@f32");
  g_assert_cmpuint (g_strv_length (names), ==, n_plain);
  g_assert_cmpuint (compare_with_expected (got, expected, NULL), ==, n_plain);
}

/* pleat_weights_get_compact() on every float tensor of a file: 16-bit ones come back in their
 * stored dtype with the file's bits (checked by widening them with the reference: the same
 * bits as the float32 copy), everything else as that float32 copy itself; integers are
 * refused. On the safetensors fixture, torch.save's zips (a non-contiguous float16 view among
 * them) and the float16-stem pytorch_model.bin of save_pretrained. */
static void
test_weights_compact (gconstpointer data)
{
  g_autoptr(PleatWeights) w = open_fixture (data);
  g_auto(GStrv) names = pleat_weights_dup_names (w);
  guint n_half = 0;

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      PleatTensorInfo info;
      PleatDType dtype = PLEAT_DTYPE_N_TYPES;
      gconstpointer compact;
      const float *f32;

      g_assert_true (pleat_weights_lookup (w, names[i], &info));
      compact = pleat_weights_get_compact (w, names[i], info.shape, info.n_dims, &dtype,
                                           &error);
      if (!pleat_dtype_is_float (info.dtype))
        {
          g_assert_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_UNSUPPORTED);
          g_assert_null (compact);
          g_assert_cmpint (dtype, ==, PLEAT_DTYPE_N_TYPES);
          continue;
        }
      g_assert_no_error (error);
      g_assert_nonnull (compact);
      g_assert_cmpuint ((guintptr) compact % 64, ==, 0);
      f32 = pleat_weights_get_f32 (w, names[i], info.shape, info.n_dims, &error);
      g_assert_no_error (error);

      if (info.dtype == PLEAT_DTYPE_F16 || info.dtype == PLEAT_DTYPE_BF16)
        {
          g_autofree float *widened = g_new (float, MAX (info.n_elements, 1));

          g_assert_cmpint (dtype, ==, info.dtype);
          (info.dtype == PLEAT_DTYPE_F16 ? pleat_kern_convert_f16_f32_ref
                                         : pleat_kern_convert_bf16_f32_ref) (compact, widened,
                                                                             info.n_elements);
          assert_same_bits (widened, f32, info.n_elements * sizeof (float), names[i]);
          n_half++;
        }
      else
        {
          g_assert_cmpint (dtype, ==, PLEAT_DTYPE_F32);
          g_assert_true (compact == (gconstpointer) f32);
        }
    }
  g_assert_cmpuint (n_half, >, 0);

  /* Shapes are checked as by every getter. */
  {
    g_autoptr(GError) error = NULL;
    PleatDType dtype;

    g_assert_null (pleat_weights_get_compact (w, names[0], PLEAT_SHAPE (12345), &dtype, &error));
    g_assert_true (g_error_matches (error, PLEAT_ENGINE_ERROR,
                                    PLEAT_ENGINE_ERROR_SHAPE_MISMATCH)
                   || g_error_matches (error, PLEAT_ENGINE_ERROR,
                                       PLEAT_ENGINE_ERROR_UNSUPPORTED));
    g_clear_error (&error);
    g_assert_null (pleat_weights_get_compact (w, "no such tensor", NULL, 0, &dtype, &error));
    g_assert_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_MISSING_TENSOR);
  }
}

/* The views behind it: strides, offsets and one storage for two tensors. */
static void
test_weights_torch_views (void)
{
  g_autofree char *path = fixture_path ("tensors.pt");
  g_autoptr(GError) error = NULL;
  g_autoptr(PleatTorchCheckpoint) ckpt = pleat_torch_checkpoint_open (path, &error);
  const PleatTensorView *transposed, *strided, *a, *b, *expanded, *f16;

  g_assert_no_error (error);
  transposed = pleat_torch_checkpoint_lookup (ckpt, "transposed");
  g_assert_nonnull (transposed);
  g_assert_false (pleat_tensor_view_is_contiguous (transposed));
  g_assert_cmpint (transposed->shape[0], ==, 7);
  g_assert_cmpint (transposed->strides[0], ==, 1);
  g_assert_cmpint (transposed->strides[1], ==, 7);

  /* randn (6, 8)[::2, 1::3]: strides (16, 3), offset 1. */
  strided = pleat_torch_checkpoint_lookup (ckpt, "strided");
  g_assert_cmpint (strided->shape[0], ==, 3);
  g_assert_cmpint (strided->shape[1], ==, 3);
  g_assert_cmpint (strided->strides[0], ==, 16);
  g_assert_cmpint (strided->strides[1], ==, 3);

  expanded = pleat_torch_checkpoint_lookup (ckpt, "expanded");
  g_assert_cmpint (expanded->strides[1], ==, 0);

  f16 = pleat_torch_checkpoint_lookup (ckpt, "transposed_f16");
  g_assert_cmpint (f16->dtype, ==, PLEAT_DTYPE_F16);
  g_assert_false (pleat_tensor_view_is_contiguous (f16));

  /* base[2:8] and base[10:18] of one storage: 8 floats apart. */
  a = pleat_torch_checkpoint_lookup (ckpt, "shared_a");
  b = pleat_torch_checkpoint_lookup (ckpt, "shared_b");
  g_assert_true (b->data - a->data == 8 * sizeof (float));
  g_assert_cmpuint (pleat_torch_checkpoint_get_n_tensors (ckpt), ==, 18);
  g_assert_cmpstr (pleat_torch_checkpoint_get_tensor (ckpt, 0)->name, ==, "f32");
}

/* save_pretrained (safe_serialization=False): half tensors, and the tied LM head stored as
 * a second name for the embedding's storage. */
static void
test_weights_pytorch_model_bin (void)
{
  g_autoptr(PleatWeights) got = open_fixture ("hf-bin");
  g_autoptr(PleatWeights) safe = open_fixture ("hf-safetensors");
  g_autoptr(PleatWeights) expected = open_fixture ("hf-expected.safetensors");
  g_autoptr(GError) error = NULL;
  const char *tied = "lm_head.decoder.weight";
  const char *embedding = "esm.embeddings.word_embeddings.weight";
  const float *a, *b;

  g_assert_true (g_str_has_suffix (pleat_weights_get_path (got), "hf-bin"));
  g_assert_cmpuint (compare_with_expected (got, expected, NULL), ==,
                    pleat_weights_get_n_tensors (got));
  /* The safetensors file drops the tied copy; everything else is the same. */
  g_assert_true (pleat_weights_contains (got, tied));
  g_assert_false (pleat_weights_contains (safe, tied));
  g_assert_cmpuint (pleat_weights_get_n_tensors (got), ==,
                    pleat_weights_get_n_tensors (safe) + 1);
  g_assert_cmpuint (compare_with_expected (safe, got, NULL), ==,
                    pleat_weights_get_n_tensors (safe));
  a = pleat_weights_get_f32 (got, tied, PLEAT_SHAPE (33, 16), &error);
  g_assert_no_error (error);
  b = pleat_weights_get_f32 (got, embedding, PLEAT_SHAPE (33, 16), &error);
  g_assert_no_error (error);
  assert_same_bits (a, b, 33 * 16 * sizeof (float), tied);
}

static void
test_weights_sharded_bin (void)
{
  g_autoptr(PleatWeights) got = open_fixture ("hf-sharded-bin");
  g_autoptr(PleatWeights) expected = open_fixture ("hf-expected.safetensors");

  g_assert_cmpuint (compare_with_expected (got, expected, NULL), ==,
                    pleat_weights_get_n_tensors (got));
  g_assert_true (pleat_weights_contains (got, "lm_head.decoder.weight"));
}

static void
test_weights_sharded (void)
{
  g_autoptr(PleatWeights) sharded = open_fixture ("hf-sharded");
  g_autoptr(PleatWeights) single = open_fixture ("hf-safetensors");
  g_autoptr(PleatWeights) expected = open_fixture ("hf-expected.safetensors");
  g_auto(GStrv) sharded_names = pleat_weights_dup_names (sharded);
  g_auto(GStrv) single_names = pleat_weights_dup_names (single);
  g_autoptr(GHashTable) files = g_hash_table_new (g_str_hash, g_str_equal);

  /* The same tensors as the single file, spread over more than one shard. */
  g_assert_true (g_strv_equal ((const char * const *) sharded_names,
                               (const char * const *) single_names));
  for (guint i = 0; sharded_names[i] != NULL; i++)
    {
      PleatTensorInfo info;

      g_assert_true (pleat_weights_lookup (sharded, sharded_names[i], &info));
      g_hash_table_add (files, (gpointer) info.file);
    }
  g_assert_cmpuint (g_hash_table_size (files), >=, 2);
  g_assert_cmpuint (compare_with_expected (sharded, expected, NULL), ==,
                    pleat_weights_get_n_tensors (sharded));

  /* The files behind it are the shards, not the index. */
  {
    g_auto(GStrv) shard_files = pleat_weights_dup_files (sharded);
    g_auto(GStrv) single_files = pleat_weights_dup_files (single);

    g_assert_cmpuint (g_strv_length (shard_files), ==, g_hash_table_size (files));
    for (guint i = 0; shard_files[i] != NULL; i++)
      {
        g_assert_true (g_hash_table_contains (files, shard_files[i]));
        g_assert_true (g_str_has_suffix (shard_files[i], ".safetensors"));
      }
    g_assert_cmpuint (g_strv_length (single_files), ==, 1);
    g_assert_true (g_str_has_suffix (single_files[0], "/model.safetensors"));
  }
}

static void
test_weights_shape_check (void)
{
  g_autoptr(PleatWeights) w = open_fixture ("tensors-expected.safetensors");
  g_autoptr(GError) error = NULL;
  const float *data;

  data = pleat_weights_get_f32 (w, "f32", PLEAT_SHAPE (5, 3), &error);
  g_assert_null (data);
  g_assert_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_SHAPE_MISMATCH);
  g_assert_nonnull (strstr (error->message, "“f32”"));
  g_assert_nonnull (strstr (error->message, "[3, 5]"));
  g_assert_nonnull (strstr (error->message, "[5, 3]"));
  g_clear_error (&error);

  data = pleat_weights_get_f32 (w, "f32", PLEAT_SHAPE (3), &error);
  g_assert_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_SHAPE_MISMATCH);
  g_clear_error (&error);

  data = pleat_weights_get_f32 (w, "no.such.weight", PLEAT_SHAPE (3), &error);
  g_assert_null (data);
  g_assert_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_MISSING_TENSOR);
  g_assert_nonnull (strstr (error->message, "no.such.weight"));
  g_clear_error (&error);

  /* A wildcard dimension, and the same buffer on the second request. */
  data = pleat_weights_get_f32 (w, "f32", PLEAT_SHAPE (PLEAT_ANY_DIM, 5), &error);
  g_assert_no_error (error);
  g_assert_true (data == pleat_weights_get_f32 (w, "f32", PLEAT_SHAPE (3, 5), &error));
  g_assert_no_error (error);
  g_assert_cmpuint ((guintptr) data % 64, ==, 0);
  g_assert_cmpuint (pleat_weights_get_loaded_size (w), ==, 15 * sizeof (float));
}

static void
test_weights_unused (void)
{
  g_autoptr(PleatWeights) w = open_fixture ("hf-safetensors");
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) all = pleat_weights_dup_names (w);
  g_auto(GStrv) unused_before = pleat_weights_dup_unused_names (w);
  g_auto(GStrv) unused_after = NULL;
  g_auto(GStrv) unused_end = NULL;
  PleatTensorInfo info;
  const float *data;

  g_assert_true (g_strv_equal ((const char * const *) all,
                               (const char * const *) unused_before));
  /* lookup is not a request; a failed request (wrong shape) is. */
  g_assert_true (pleat_weights_lookup (w, all[0], &info));
  data = pleat_weights_get_f32 (w, all[1], PLEAT_SHAPE (1, 2, 3), &error);
  g_assert_null (data);
  g_clear_error (&error);
  unused_after = pleat_weights_dup_unused_names (w);
  g_assert_cmpuint (g_strv_length (unused_after), ==, g_strv_length (all) - 1);
  g_assert_cmpstr (unused_after[0], ==, all[0]);
  g_assert_false (g_strv_contains ((const char * const *) unused_after, all[1]));

  for (guint i = 0; all[i] != NULL; i++)
    {
      g_assert_true (pleat_weights_lookup (w, all[i], &info));
      g_assert_nonnull (pleat_weights_get_f32 (w, all[i], info.shape, info.n_dims, &error));
      g_assert_no_error (error);
    }
  unused_end = pleat_weights_dup_unused_names (w);
  g_assert_cmpuint (g_strv_length (unused_end), ==, 0);
}

static void
test_weights_release_files (void)
{
  g_autoptr(PleatWeights) w = open_fixture ("hf-safetensors");
  g_autoptr(PleatWeights) expected = open_fixture ("hf-expected.safetensors");
  g_autoptr(GError) error = NULL;
  const char *name = "esm.encoder.layer.0.attention.self.query.weight";
  const float *data, *reference;

  data = pleat_weights_get_f32 (w, name, PLEAT_SHAPE (16, 16), &error);
  g_assert_no_error (error);
  pleat_weights_release_files (w);
  reference = pleat_weights_get_f32 (expected, "esm.encoder.layer.0.attention.self.query.weight@f32",
                                     PLEAT_SHAPE (16, 16), &error);
  g_assert_no_error (error);
  /* Loaded tensors survive; new requests fail clearly. */
  assert_same_bits (data, reference, 256 * sizeof (float), name);
  g_assert_true (data == pleat_weights_get_f32 (w, name, PLEAT_SHAPE (16, 16), &error));
  g_assert_null (pleat_weights_get_f32 (w, "esm.encoder.layer.1.attention.self.query.weight",
                                        PLEAT_SHAPE (16, 16), &error));
  g_assert_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_FAILED);
}

static void
test_weights_empty_folder (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("pleat-weights-XXXXXX", &error);
  PleatWeights *w;

  g_assert_no_error (error);
  w = pleat_weights_open (dir, NULL, &error);
  g_assert_null (w);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_rmdir (dir);
}

static char *
shared_fixture_path (const char *name)
{
  const char *dir = g_getenv ("PLEAT_SHARED_FIXTURES");

  g_assert_nonnull (dir);
  return g_build_filename (dir, "esmfold_v1", "tiny-a", name, NULL);
}

/* The independent fair-esm fixtures (written by the safetensors library): every tensor of
 * the weights and of a float64 case reads back, float32 values widen exactly to what
 * dup_f64 gives, and the two views of a case (float32 and float64 runs) agree in shape. */
static void
test_weights_shared_fixtures (void)
{
  g_autofree char *weights_path = shared_fixture_path ("weights.safetensors");
  g_autofree char *f64_path = shared_fixture_path ("case_a_acdef20_f64.safetensors");
  g_autofree char *f32_path = shared_fixture_path ("case_a_acdef20_f32.safetensors");
  g_autoptr(GError) error = NULL;
  g_autoptr(PleatWeights) weights = pleat_weights_open (weights_path, NULL, &error);
  g_autoptr(PleatWeights) f64 = NULL;
  g_autoptr(PleatWeights) f32 = NULL;
  g_auto(GStrv) names = NULL;
  g_autofree gint64 *af2_to_esm = NULL;
  PleatTensorInfo info;

  g_assert_no_error (error);
  names = pleat_weights_dup_names (weights);
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree double *wide = NULL;
      const float *data;

      g_assert_true (pleat_weights_lookup (weights, names[i], &info));
      if (info.dtype == PLEAT_DTYPE_I64)
        continue;
      g_assert_cmpint (info.dtype, ==, PLEAT_DTYPE_F32);
      data = pleat_weights_get_f32 (weights, names[i], info.shape, info.n_dims, &error);
      g_assert_no_error (error);
      wide = pleat_weights_dup_f64 (weights, names[i], NULL, &error);
      g_assert_no_error (error);
      for (gint64 k = 0; k < info.n_elements; k++)
        g_assert_true (wide[k] == (double) data[k]);
    }
  af2_to_esm = pleat_weights_dup_i64 (weights, "af2_to_esm", &info, &error);
  g_assert_no_error (error);
  g_assert_cmpint (info.shape[0], ==, 22);
  g_assert_cmpint (af2_to_esm[0], ==, 1);   /* the padding token */

  f64 = pleat_weights_open (f64_path, NULL, &error);
  g_assert_no_error (error);
  f32 = pleat_weights_open (f32_path, NULL, &error);
  g_assert_no_error (error);
  g_strfreev (names);
  names = pleat_weights_dup_names (f64);
  g_assert_cmpuint (g_strv_length (names), >, 50);
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree double *values = NULL;
      PleatTensorInfo info32;

      g_assert_true (pleat_weights_lookup (f64, names[i], &info));
      g_assert_true (pleat_weights_lookup (f32, names[i], &info32));
      g_assert_cmpmem (info.shape, info.n_dims * sizeof (gint64),
                       info32.shape, info32.n_dims * sizeof (gint64));
      if (pleat_dtype_is_float (info.dtype))
        {
          values = pleat_weights_dup_f64 (f64, names[i], NULL, &error);
          g_assert_no_error (error);
          for (gint64 k = 0; k < info.n_elements; k++)
            g_assert_true (isfinite (values[k]));
        }
    }
  g_assert_true (pleat_weights_lookup (f64, "positions", &info));
  g_assert_cmpint (info.dtype, ==, PLEAT_DTYPE_F64);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/pleat/engine/Weights/half-conversion", test_weights_half_conversion);
  g_test_add_func ("/pleat/engine/Weights/dtypes", test_weights_dtypes);
  g_test_add_func ("/pleat/engine/Weights/safetensors", test_weights_safetensors_matches_expected);
  g_test_add_func ("/pleat/engine/Weights/sharded", test_weights_sharded);
  /* torch.save's protocol 2, its protocol 4, and the same records re-zipped with ZIP64
   * fields by Python's zipfile. */
  g_test_add_data_func ("/pleat/engine/Weights/torch-save", "tensors.pt",
                        test_weights_torch_save);
  g_test_add_data_func ("/pleat/engine/Weights/torch-save-protocol-4", "tensors-p4.pt",
                        test_weights_torch_save);
  g_test_add_data_func ("/pleat/engine/Weights/torch-save-zip64", "tensors-zip64.pt",
                        test_weights_torch_save);
  g_test_add_func ("/pleat/engine/Weights/torch-views", test_weights_torch_views);
  g_test_add_data_func ("/pleat/engine/Weights/compact/safetensors",
                        "tensors-expected.safetensors", test_weights_compact);
  g_test_add_data_func ("/pleat/engine/Weights/compact/torch-save", "tensors.pt",
                        test_weights_compact);
  g_test_add_data_func ("/pleat/engine/Weights/compact/pytorch-model-bin", "hf-bin",
                        test_weights_compact);

  g_test_add_func ("/pleat/engine/Weights/pytorch-model-bin", test_weights_pytorch_model_bin);
  g_test_add_func ("/pleat/engine/Weights/sharded-bin", test_weights_sharded_bin);
  g_test_add_func ("/pleat/engine/Weights/shape-check", test_weights_shape_check);
  g_test_add_func ("/pleat/engine/Weights/unused", test_weights_unused);
  g_test_add_func ("/pleat/engine/Weights/release-files", test_weights_release_files);
  g_test_add_func ("/pleat/engine/Weights/empty-folder", test_weights_empty_folder);
  g_test_add_func ("/pleat/engine/Weights/shared-fixtures", test_weights_shared_fixtures);

  return g_test_run ();
}
