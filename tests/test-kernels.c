/* test-kernels.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every kernel op × every variant this machine supports × odd shapes (n = 1, tails that are
 * not multiples of 8 or 16, padded leading dimensions), compared with the reference in ref/
 * by normalised error (max |got - want| / max (1, |want|), see test_max_error()) against
 * these per-op tolerances (the largest error seen on the development machine in brackets):
 *
 *   matmul, batched matmul, linear (OpenBLAS vs double loops)   1e-5   [1.9e-6]
 *   layer_norm, rms_norm                                        1e-6   [3.6e-7]
 *   softmax                                                     1e-6   [1.2e-7]
 *   gelu (erf as a rational approximation)                      2e-6   [6.7e-7]
 *   silu, sigmoid, gate_sigmoid, swiglu                         1e-6   [2.3e-7]
 *   rope tables                                                 1e-6   [6.0e-8] (vs double)
 *   relu, add, mul, scale, axpy, add_bias, transpose, convert,  exact
 *   rope_apply
 *
 * The references themselves are checked against double-precision formulas and a few known
 * values, so that a wrong reference cannot hide a wrong variant.
 */
#define G_LOG_DOMAIN "pleat-test"

#include "config.h"

#include <string.h>

#include "kernels-test-util.h"

typedef struct
{
  PleatKernelsIsa isa;
  PleatKernels    k;
} Variant;

static const size_t odd_sizes[] = { 1, 2, 3, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, 100,
                                    128, 257, 1027 };

static GRand *
new_rand (void)
{
  return g_rand_new_with_seed (20260101);
}

/* ---- Known values and double-precision checks of the references ---- */

static void
test_ref_known_values (void)
{
  float a[4] = { 1, 2, 3, 4 };
  float b[4] = { 5, 6, 7, 8 };
  float c[4];
  float x[3] = { 1, 2, 3 };
  float y[3];
  float g;
  float rows[2] = { 0, 0 };

  pleat_kern_matmul_f32_ref (false, false, 2, 2, 2, 1.0f, a, 2, b, 2, 0.0f, c, 2);
  g_assert_cmpfloat (c[0], ==, 19);
  g_assert_cmpfloat (c[1], ==, 22);
  g_assert_cmpfloat (c[2], ==, 43);
  g_assert_cmpfloat (c[3], ==, 50);

  /* nn.Linear with weight [[5, 6], [7, 8]] and bias [1, -1] on the row [1, 2]. */
  pleat_kern_linear_f32_ref (a, 2, b, (const float[]) { 1, -1 }, c, 2, 1, 2, 2, false);
  g_assert_cmpfloat (c[0], ==, 18);
  g_assert_cmpfloat (c[1], ==, 22);

  /* LayerNorm of [1, 2, 3]: mean 2, biased variance 2/3. */
  pleat_kern_layer_norm_f32_ref (x, 3, NULL, NULL, 0.0f, y, 3, 1, 3);
  g_assert_cmpfloat_with_epsilon (y[0], -1.2247449f, 1e-6);
  g_assert_cmpfloat_with_epsilon (y[1], 0.0f, 1e-7);
  g_assert_cmpfloat_with_epsilon (y[2], 1.2247449f, 1e-6);

  /* GELU (1) = Φ (1) = 0.8413447460685429; SiLU (1) = 1 / (1 + e^-1). */
  pleat_kern_gelu_f32_ref ((const float[]) { 1.0f }, &g, 1);
  g_assert_cmpfloat_with_epsilon (g, 0.84134474f, 1e-7);
  pleat_kern_silu_f32_ref ((const float[]) { 1.0f }, &g, 1);
  g_assert_cmpfloat_with_epsilon (g, 0.7310586f, 1e-7);
  pleat_kern_sigmoid_f32_ref ((const float[]) { 0.0f }, &g, 1);
  g_assert_cmpfloat (g, ==, 0.5f);

  /* Two equal logits, and a row with both keys masked by -inf: zeros, not NaN. */
  pleat_kern_softmax_f32_ref (rows, 2, NULL, 0, NULL, 0, 0.0f, 1, 2);
  g_assert_cmpfloat (rows[0], ==, 0.5f);
  g_assert_cmpfloat (rows[1], ==, 0.5f);
  pleat_kern_softmax_f32_ref (rows, 2, NULL, 0, (const uint8_t[]) { 0, 0 }, 0, -INFINITY, 1, 2);
  g_assert_cmpfloat (rows[0], ==, 0.0f);
  g_assert_cmpfloat (rows[1], ==, 0.0f);
}

static void
test_ref_vs_double (void)
{
  g_autoptr(GRand) rand = new_rand ();

  for (size_t s = 0; s < G_N_ELEMENTS (odd_sizes); s++)
    {
      size_t d = odd_sizes[s];
      size_t n_rows = 3;
      g_autofree float *x = test_random_floats (rand, n_rows * d, 3.0);
      g_autofree float *gamma = test_random_floats (rand, d, 2.0);
      g_autofree float *beta = test_random_floats (rand, d, 1.0);
      g_autofree float *bias = test_random_floats (rand, n_rows * d, 2.0);
      g_autofree float *got = g_new (float, n_rows * d);
      g_autofree float *want = g_new (float, n_rows * d);

      /* Shift the rows so that the variance needs a two-pass sum to stay accurate. */
      for (size_t i = 0; i < n_rows * d; i++)
        x[i] += 10.0f;

      pleat_kern_layer_norm_f32_ref (x, d, gamma, beta, 1e-5f, got, d, n_rows, d);
      for (size_t r = 0; r < n_rows; r++)
        {
          double mean = 0, var = 0;

          for (size_t c = 0; c < d; c++)
            mean += x[r * d + c];
          mean /= d;
          for (size_t c = 0; c < d; c++)
            var += (x[r * d + c] - mean) * (x[r * d + c] - mean);
          var /= d;
          for (size_t c = 0; c < d; c++)
            want[r * d + c] = (float) ((x[r * d + c] - mean) / sqrt (var + 1e-5) * gamma[c]
                                       + beta[c]);
        }
      test_assert_close (got, want, n_rows * d, 1e-6, "layer_norm ref vs double");

      pleat_kern_rms_norm_f32_ref (x, d, gamma, 1e-6f, got, d, n_rows, d);
      for (size_t r = 0; r < n_rows; r++)
        {
          double ms = 0;

          for (size_t c = 0; c < d; c++)
            ms += (double) x[r * d + c] * x[r * d + c];
          for (size_t c = 0; c < d; c++)
            want[r * d + c] = (float) (x[r * d + c] / sqrt (ms / d + 1e-6) * gamma[c]);
        }
      test_assert_close (got, want, n_rows * d, 1e-6, "rms_norm ref vs double");

      memcpy (got, x, n_rows * d * sizeof (float));
      pleat_kern_softmax_f32_ref (got, d, bias, d, NULL, 0, 0.0f, n_rows, d);
      for (size_t r = 0; r < n_rows; r++)
        {
          double max = -INFINITY, sum = 0;

          for (size_t c = 0; c < d; c++)
            max = MAX (max, (double) x[r * d + c] + bias[r * d + c]);
          for (size_t c = 0; c < d; c++)
            sum += exp ((double) x[r * d + c] + bias[r * d + c] - max);
          for (size_t c = 0; c < d; c++)
            want[r * d + c] = (float) (exp ((double) x[r * d + c] + bias[r * d + c] - max) / sum);
        }
      test_assert_close (got, want, n_rows * d, 1e-6, "softmax ref vs double");

      pleat_kern_gelu_f32_ref (bias, got, n_rows * d);
      for (size_t i = 0; i < n_rows * d; i++)
        want[i] = (float) (0.5 * bias[i] * (1.0 + erf (bias[i] / sqrt (2.0))));
      test_assert_close (got, want, n_rows * d, 1e-6, "gelu ref vs double");

      pleat_kern_swiglu_f32_ref (bias, beta, got, d);
      for (size_t i = 0; i < d; i++)
        want[i] = (float) (bias[i] / (1.0 + exp (-(double) bias[i])) * beta[i]);
      test_assert_close (got, want, d, 1e-6, "swiglu ref vs double");

      pleat_kern_gate_sigmoid_f32_ref (beta, bias, got, d);
      for (size_t i = 0; i < d; i++)
        want[i] = (float) (beta[i] / (1.0 + exp (-(double) bias[i])));
      test_assert_close (got, want, d, 1e-6, "gate_sigmoid ref vs double");
    }
}

/* ---- Matrix products: the table's OpenBLAS entries against the reference loops ---- */

static void
test_matmul (gconstpointer data)
{
  const Variant *v = data;
  static const size_t shapes[][3] = {
    { 1, 1, 1 }, { 1, 7, 3 }, { 5, 1, 9 }, { 17, 13, 33 }, { 64, 48, 32 }, { 3, 130, 70 },
    { 4, 5, 0 },
  };
  g_autoptr(GRand) rand = new_rand ();

  for (size_t s = 0; s < G_N_ELEMENTS (shapes); s++)
    for (int t = 0; t < 4; t++)
      for (int with_beta = 0; with_beta < 2; with_beta++)
        {
          size_t m = shapes[s][0], n = shapes[s][1], k = shapes[s][2];
          bool ta = t & 1, tb = t & 2;
          size_t lda = (ta ? m : k) + 3, ldb = (tb ? k : n) + 2, ldc = n + 1;
          size_t rows_a = ta ? k : m, rows_b = tb ? n : k;
          g_autofree float *a = test_random_floats (rand, rows_a * lda, 1.0);
          g_autofree float *b = test_random_floats (rand, rows_b * ldb, 1.0);
          g_autofree float *c = test_random_floats (rand, m * ldc, 1.0);
          g_autofree float *want = test_copy_floats (c, m * ldc);
          float beta = with_beta ? 1.5f : 0.0f;

          /* beta == 0 must ignore whatever c held, NaN included. */
          if (!with_beta)
            for (size_t i = 0; i < m * ldc; i++)
              c[i] = want[i] = NAN;

          v->k.matmul (ta, tb, m, n, k, 0.5f, a, lda, b, ldb, beta, c, ldc);
          pleat_kern_matmul_f32_ref (ta, tb, m, n, k, 0.5f, a, lda, b, ldb, beta, want, ldc);
          for (size_t i = 0; i < m; i++)   /* the padding columns stay untouched */
            for (size_t j = n; j < ldc; j++)
              g_assert_true (memcmp (&c[i * ldc + j], &want[i * ldc + j], sizeof (float)) == 0);
          for (size_t i = 0; i < m; i++)
            test_assert_close (c + i * ldc, want + i * ldc, n, 1e-5, "matmul");
        }
}

static void
test_matmul_batched (gconstpointer data)
{
  const Variant *v = data;
  g_autoptr(GRand) rand = new_rand ();
  size_t n_batch = 3, m = 9, n = 11, k = 17;

  for (int shared_b = 0; shared_b < 2; shared_b++)
    {
      size_t stride_a = m * k + 5, stride_b = shared_b ? 0 : k * n + 3, stride_c = m * n + 7;
      g_autofree float *a = test_random_floats (rand, n_batch * stride_a, 1.0);
      g_autofree float *b = test_random_floats (rand, n_batch * (k * n + 3), 1.0);
      g_autofree float *c = test_random_floats (rand, n_batch * stride_c, 1.0);
      g_autofree float *want = test_copy_floats (c, n_batch * stride_c);

      v->k.matmul_batched (n_batch, false, true, m, n, k, 1.0f, a, k, stride_a, b, k, stride_b,
                           0.25f, c, n, stride_c);
      pleat_kern_matmul_batched_f32_ref (n_batch, false, true, m, n, k, 1.0f, a, k, stride_a,
                                         b, k, stride_b, 0.25f, want, n, stride_c);
      test_assert_close (c, want, n_batch * stride_c, 1e-5, "matmul_batched");
    }
}

static void
test_linear (gconstpointer data)
{
  const Variant *v = data;
  static const size_t rows[] = { 1, 2, 7, 65 };
  static const size_t ins[] = { 1, 5, 128 };
  static const size_t outs[] = { 1, 3, 129 };
  g_autoptr(GRand) rand = new_rand ();

  for (size_t ri = 0; ri < G_N_ELEMENTS (rows); ri++)
    for (size_t ii = 0; ii < G_N_ELEMENTS (ins); ii++)
      for (size_t oi = 0; oi < G_N_ELEMENTS (outs); oi++)
        for (int variant = 0; variant < 3; variant++)
          {
            size_t n_rows = rows[ri], n_in = ins[ii], n_out = outs[oi];
            size_t ld_x = n_in + 2, ld_y = n_out + 3;
            bool with_bias = variant != 1, accumulate = variant == 2;
            g_autofree float *x = test_random_floats (rand, n_rows * ld_x, 1.0);
            g_autofree float *w = test_random_floats (rand, n_out * n_in, 0.5);
            g_autofree float *bias = test_random_floats (rand, n_out, 1.0);
            g_autofree float *y = test_random_floats (rand, n_rows * ld_y, 1.0);
            g_autofree float *want = test_copy_floats (y, n_rows * ld_y);
            g_autofree float *check = test_copy_floats (y, n_rows * ld_y);

            v->k.linear (x, ld_x, w, with_bias ? bias : NULL, y, ld_y, n_rows, n_in, n_out,
                         accumulate);
            pleat_kern_linear_f32_ref (x, ld_x, w, with_bias ? bias : NULL, want, ld_y,
                                       n_rows, n_in, n_out, accumulate);
            for (size_t r = 0; r < n_rows; r++)
              test_assert_close (y + r * ld_y, want + r * ld_y, ld_y, 1e-5, "linear");

            /* The reference linear is x · Wᵀ (+ b) (+ y): check it with the reference matmul. */
            pleat_kern_matmul_f32_ref (false, true, n_rows, n_out, n_in, 1.0f, x, ld_x, w, n_in,
                                       accumulate ? 1.0f : 0.0f, check, ld_y);
            if (with_bias)
              pleat_kern_add_bias_f32_ref (check, ld_y, bias, n_rows, n_out);
            for (size_t r = 0; r < n_rows; r++)
              test_assert_close (check + r * ld_y, want + r * ld_y, n_out, 1e-6,
                                 "linear ref vs matmul ref");
          }
}

/* ---- Row-wise ---- */

static void
test_layer_norm (gconstpointer data)
{
  const Variant *v = data;
  g_autoptr(GRand) rand = new_rand ();
  size_t sizes[G_N_ELEMENTS (odd_sizes) + 1];

  memcpy (sizes, odd_sizes, sizeof odd_sizes);
  sizes[G_N_ELEMENTS (odd_sizes)] = 2563;   /* ESM-2 3B's d_model, plus a tail */

  for (size_t s = 0; s < G_N_ELEMENTS (sizes); s++)
    for (int affine = 0; affine < 4; affine++)
      {
        size_t d = sizes[s], n_rows = 5, ld = d + 3;
        g_autofree float *x = test_random_floats (rand, n_rows * ld, 2.0);
        g_autofree float *gamma = test_random_floats (rand, d, 2.0);
        g_autofree float *beta = test_random_floats (rand, d, 1.0);
        g_autofree float *y = g_new0 (float, n_rows * ld);
        g_autofree float *want = g_new0 (float, n_rows * ld);
        const float *gm = affine & 1 ? gamma : NULL, *bt = affine & 2 ? beta : NULL;

        for (size_t i = 0; i < n_rows * ld; i++)
          x[i] += 3.0f;
        /* A constant row: variance 0, the output is beta (eps keeps it finite). */
        for (size_t c = 0; c < d; c++)
          x[c] = 0.25f;

        v->k.layer_norm (x, ld, gm, bt, 1e-5f, y, ld, n_rows, d);
        pleat_kern_layer_norm_f32_ref (x, ld, gm, bt, 1e-5f, want, ld, n_rows, d);
        test_assert_close (y, want, n_rows * ld, 1e-6, "layer_norm");

        /* In place, on packed rows. */
        for (size_t r = 0; r < n_rows; r++)
          memmove (x + r * d, x + r * ld, d * sizeof (float));
        v->k.layer_norm (x, d, gm, bt, 1e-5f, x, d, n_rows, d);
        for (size_t r = 0; r < n_rows; r++)
          test_assert_close (x + r * d, y + r * ld, d, 1e-6, "layer_norm in place");

        v->k.rms_norm (y, ld, gm, 1e-6f, want, ld, n_rows, d);
        pleat_kern_rms_norm_f32_ref (y, ld, gm, 1e-6f, x, ld, n_rows, d);
        for (size_t r = 0; r < n_rows; r++)
          test_assert_close (want + r * ld, x + r * ld, d, 1e-6, "rms_norm");
      }
}

static void
test_softmax (gconstpointer data)
{
  const Variant *v = data;
  g_autoptr(GRand) rand = new_rand ();
  static const float mask_biases[] = { -1e9f, -INFINITY };

  for (size_t s = 0; s < G_N_ELEMENTS (odd_sizes); s++)
    for (int kind = 0; kind < 6; kind++)
      {
        size_t n_cols = odd_sizes[s], n_rows = 4, ld = n_cols + 5;
        g_autofree float *x = test_random_floats (rand, n_rows * ld, kind == 5 ? 40.0 : 4.0);
        g_autofree float *bias = test_random_floats (rand, n_rows * n_cols, 2.0);
        g_autofree uint8_t *mask = g_new (uint8_t, n_rows * n_cols);
        g_autofree float *want = NULL;
        float mask_bias = mask_biases[kind & 1];
        /* kinds: 0/1 bias per row + mask per row, 2/3 shared bias + shared key mask,
         * 4 neither, 5 large logits. */
        const float *b = kind < 4 ? bias : NULL;
        size_t ld_bias = kind < 2 ? n_cols : 0;
        const uint8_t *m = kind < 4 ? mask : NULL;
        size_t ld_mask = kind < 2 ? n_cols : 0;

        /* A random quarter of the keys masked, never the first (so a row sums to one)… */
        for (size_t i = 0; i < n_rows * n_cols; i++)
          mask[i] = g_rand_int_range (rand, 0, 4) != 0 || i % n_cols == 0;
        /* …except in row 1, fully masked (row 0 is the shared one for the shared kinds). */
        if (kind < 2)
          memset (mask + n_cols, 0, n_cols);
        want = test_copy_floats (x, n_rows * ld);

        v->k.softmax (x, ld, b, ld_bias, m, ld_mask, mask_bias, n_rows, n_cols);
        pleat_kern_softmax_f32_ref (want, ld, b, ld_bias, m, ld_mask, mask_bias, n_rows, n_cols);
        test_assert_close (x, want, n_rows * ld, 1e-6, "softmax");

        for (size_t r = 0; r < n_rows; r++)
          {
            double sum = 0;

            for (size_t c = 0; c < n_cols; c++)
              {
                g_assert_false (isnan (x[r * ld + c]));
                sum += x[r * ld + c];
              }
            /* Rows sum to one, except a fully -inf-masked row, which is all zeros. */
            if (kind == 1 && r == 1)
              g_assert_cmpfloat (sum, ==, 0.0);
            else
              g_assert_cmpfloat_with_epsilon (sum, 1.0, 1e-5);
          }
      }
}

/* ---- Element-wise ---- */

static float *
activation_inputs (GRand  *rand,
                   size_t  n)
{
  static const float specials[] = { 0.0f, -0.0f, 1e-30f, -1e-30f, 100.0f, -100.0f, 1e4f, -1e4f,
                                    88.0f, -88.0f, 90.0f, -90.0f, 5.0f, -5.0f };
  float *x = test_random_floats (rand, n, 10.0);

  /* Large and tiny values where exp over- or underflows, at varying positions. */
  for (size_t i = 0; i < n && i < G_N_ELEMENTS (specials); i++)
    x[(i * 7) % n] = specials[i];
  return x;
}

static void
test_unary (gconstpointer data)
{
  const Variant *v = data;
  g_autoptr(GRand) rand = new_rand ();
  struct { const char *name; PleatKernUnaryFunc got, want; double tol; } ops[] = {
    { "gelu", v->k.gelu, pleat_kern_gelu_f32_ref, 2e-6 },
    { "relu", v->k.relu, pleat_kern_relu_f32_ref, 0 },
    { "silu", v->k.silu, pleat_kern_silu_f32_ref, 1e-6 },
    { "sigmoid", v->k.sigmoid, pleat_kern_sigmoid_f32_ref, 1e-6 },
  };

  for (size_t o = 0; o < G_N_ELEMENTS (ops); o++)
    for (size_t s = 0; s < G_N_ELEMENTS (odd_sizes); s++)
      {
        size_t n = odd_sizes[s];
        g_autofree float *x = activation_inputs (rand, n);
        g_autofree float *y = g_new (float, n);
        g_autofree float *want = g_new (float, n);

        ops[o].got (x, y, n);
        ops[o].want (x, want, n);
        test_assert_close (y, want, n, ops[o].tol, ops[o].name);
        ops[o].got (x, x, n);   /* in place */
        test_assert_close (x, want, n, ops[o].tol, ops[o].name);
      }
}

static void
test_binary (gconstpointer data)
{
  const Variant *v = data;
  g_autoptr(GRand) rand = new_rand ();
  struct { const char *name; PleatKernBinaryFunc got, want; double tol; } ops[] = {
    { "add", v->k.add, pleat_kern_add_f32_ref, 0 },
    { "mul", v->k.mul, pleat_kern_mul_f32_ref, 0 },
    { "gate_sigmoid", v->k.gate_sigmoid, pleat_kern_gate_sigmoid_f32_ref, 1e-6 },
    { "swiglu", v->k.swiglu, pleat_kern_swiglu_f32_ref, 1e-6 },
  };

  for (size_t o = 0; o < G_N_ELEMENTS (ops); o++)
    for (size_t s = 0; s < G_N_ELEMENTS (odd_sizes); s++)
      {
        size_t n = odd_sizes[s];
        g_autofree float *a = activation_inputs (rand, n);
        g_autofree float *b = test_random_floats (rand, n, 10.0);
        g_autofree float *y = g_new (float, n);
        g_autofree float *want = g_new (float, n);

        ops[o].got (a, b, y, n);
        ops[o].want (a, b, want, n);
        test_assert_close (y, want, n, ops[o].tol, ops[o].name);
        memcpy (y, b, n * sizeof (float));
        ops[o].got (a, y, y, n);   /* y aliases b */
        test_assert_close (y, want, n, ops[o].tol, ops[o].name);
        ops[o].got (a, b, a, n);   /* y aliases a */
        test_assert_close (a, want, n, ops[o].tol, ops[o].name);
      }
}

static void
test_elementwise (gconstpointer data)
{
  const Variant *v = data;
  g_autoptr(GRand) rand = new_rand ();

  for (size_t s = 0; s < G_N_ELEMENTS (odd_sizes); s++)
    {
      size_t n = odd_sizes[s], n_rows = 3, ld = n + 2;
      g_autofree float *x = test_random_floats (rand, n_rows * ld, 3.0);
      g_autofree float *y = test_random_floats (rand, n_rows * ld, 3.0);
      g_autofree float *bias = test_random_floats (rand, n, 3.0);
      g_autofree float *got = test_copy_floats (y, n_rows * ld);
      g_autofree float *t = g_new (float, n * (n_rows + 1));

      v->k.scale (x, -1.5f, got, n);
      for (size_t i = 0; i < n; i++)
        g_assert_cmpfloat (got[i], ==, -1.5f * x[i]);

      memcpy (got, y, n * sizeof (float));
      v->k.axpy (0.5f, x, got, n);
      for (size_t i = 0; i < n; i++)
        g_assert_cmpfloat (got[i], ==, y[i] + 0.5f * x[i]);

      memcpy (got, y, n_rows * ld * sizeof (float));
      v->k.add_bias (got, ld, bias, n_rows, n);
      for (size_t r = 0; r < n_rows; r++)
        for (size_t c = 0; c < ld; c++)
          g_assert_cmpfloat (got[r * ld + c], ==, y[r * ld + c] + (c < n ? bias[c] : 0.0f));

      /* (n_rows, n) → (n, n_rows + 1), then back. */
      v->k.transpose (x, ld, t, n_rows + 1, n_rows, n);
      for (size_t r = 0; r < n_rows; r++)
        for (size_t c = 0; c < n; c++)
          g_assert_cmpfloat (t[c * (n_rows + 1) + r], ==, x[r * ld + c]);
      v->k.transpose (t, n_rows + 1, got, ld, n, n_rows);
      for (size_t r = 0; r < n_rows; r++)
        for (size_t c = 0; c < n; c++)
          g_assert_cmpfloat (got[r * ld + c], ==, x[r * ld + c]);
    }
}

static void
test_rope (gconstpointer data)
{
  const Variant *v = data;
  g_autoptr(GRand) rand = new_rand ();
  static const size_t halves[] = { 1, 3, 8, 16, 32 };

  for (size_t s = 0; s < G_N_ELEMENTS (halves); s++)
    {
      size_t half = halves[s], head_dim = 2 * half, n_heads = 3, n_tokens = 37, pos0 = 5;
      size_t ld_head = head_dim + 1, ld_token = n_heads * ld_head + 2;
      g_autofree float *inv_freq = g_new (float, half);
      g_autofree float *cos_t = g_new (float, n_tokens * half);
      g_autofree float *sin_t = g_new (float, n_tokens * half);
      g_autofree float *want_cos = g_new (float, n_tokens * half);
      g_autofree float *want_sin = g_new (float, n_tokens * half);
      g_autofree float *x = test_random_floats (rand, n_tokens * ld_token, 2.0);
      g_autofree float *got = test_copy_floats (x, n_tokens * ld_token);
      g_autofree float *want = test_copy_floats (x, n_tokens * ld_token);
      g_autofree float *naive = test_copy_floats (x, n_tokens * ld_token);

      /* ESM-2's inv_freq = 1 / 10000^(2j / dim). */
      for (size_t j = 0; j < half; j++)
        inv_freq[j] = (float) (1.0 / pow (10000.0, (double) (2 * j) / (double) head_dim));

      v->k.rope_tables (inv_freq, half, pos0, n_tokens, cos_t, sin_t);
      for (size_t p = 0; p < n_tokens; p++)
        for (size_t j = 0; j < half; j++)
          {
            float angle = (float) (pos0 + p) * inv_freq[j];

            want_cos[p * half + j] = (float) cos (angle);
            want_sin[p * half + j] = (float) sin (angle);
          }
      test_assert_close (cos_t, want_cos, n_tokens * half, 1e-6, "rope cos");
      test_assert_close (sin_t, want_sin, n_tokens * half, 1e-6, "rope sin");

      v->k.rope_apply (got, ld_token, ld_head, n_tokens, n_heads, cos_t, sin_t, half);
      pleat_kern_rope_apply_f32_ref (want, ld_token, ld_head, n_tokens, n_heads, cos_t, sin_t,
                                     half);
      g_assert_true (memcmp (got, want, n_tokens * ld_token * sizeof (float)) == 0);

      /* The HF formula: x * cat (cos, cos) + rotate_half (x) * cat (sin, sin), with
       * rotate_half (x) = cat (-x2, x1). */
      for (size_t t = 0; t < n_tokens; t++)
        for (size_t h = 0; h < n_heads; h++)
          {
            float *xh = x + t * ld_token + h * ld_head;
            float *nh = naive + t * ld_token + h * ld_head;

            for (size_t c = 0; c < head_dim; c++)
              {
                size_t j = c % half;
                double rot = c < half ? -xh[c + half] : xh[c - half];

                nh[c] = (float) (xh[c] * (double) cos_t[t * half + j]
                                 + rot * (double) sin_t[t * half + j]);
              }
          }
      test_assert_close (got, naive, n_tokens * ld_token, 1e-6, "rope vs rotate_half");
    }
}

static void
test_convert (gconstpointer data)
{
  const Variant *v = data;
  g_autofree uint16_t *src = g_new (uint16_t, 65536);
  g_autofree float *got = g_new (float, 65536);
  g_autofree float *want = g_new (float, 65536);

  for (size_t i = 0; i < 65536; i++)
    src[i] = (uint16_t) i;

  /* Every value at once and from every offset, so that vector bodies and tails both see all
   * of them; bit-exact, except that a NaN only has to stay a NaN of the same sign (F16C
   * quiets signalling NaNs, the reference keeps their payload; weights hold no NaN). */
  for (size_t offset = 0; offset < 9; offset++)
    {
      v->k.convert_f16_f32 (src + offset, got, 65536 - offset);
      pleat_kern_convert_f16_f32_ref (src + offset, want, 65536 - offset);
      for (size_t i = 0; i < 65536 - offset; i++)
        if (isnan (want[i]))
          g_assert_true (isnan (got[i]) && signbit (got[i]) == signbit (want[i]));
        else
          g_assert_true (memcmp (&got[i], &want[i], sizeof (float)) == 0);
    }
  v->k.convert_f16_f32 (src, got, 65536);
  /* 1.0 and the largest half, 65504. */
  g_assert_cmpfloat (got[0x3c00], ==, 1.0f);
  g_assert_cmpfloat (got[0x7bff], ==, 65504.0f);

  v->k.convert_bf16_f32 (src, got, 65536);
  pleat_kern_convert_bf16_f32_ref (src, want, 65536);
  g_assert_true (memcmp (got, want, 65536 * sizeof (float)) == 0);
  g_assert_cmpfloat (got[0x3f80], ==, 1.0f);
}

static void
test_dispatch (void)
{
  PleatCpuFeatures features;
  PleatCpuFeatures none = { 0 };
  PleatKernels table;
  PleatKernelsIsa isa;

  pleat_cpu_features_detect (&features);

  g_assert_true (pleat_kernels_isa_parse ("avx2", &isa));
  g_assert_cmpint (isa, ==, PLEAT_KERNELS_ISA_AVX2);
  g_assert_false (pleat_kernels_isa_parse ("sse", &isa));
  g_assert_cmpstr (pleat_kernels_isa_name (PLEAT_KERNELS_ISA_AVX512), ==, "avx512");

  /* ref always works and fills every entry. */
  g_assert_true (pleat_kernels_init (&table, &features, PLEAT_KERNELS_ISA_REF));
  g_assert_cmpint (table.isa, ==, PLEAT_KERNELS_ISA_REF);
  {
    void (*entries[]) (void) = {
      (void (*) (void)) table.convert_f16_f32, (void (*) (void)) table.convert_bf16_f32,
      (void (*) (void)) table.matmul, (void (*) (void)) table.matmul_batched,
      (void (*) (void)) table.linear, (void (*) (void)) table.layer_norm,
      (void (*) (void)) table.rms_norm, (void (*) (void)) table.softmax,
      (void (*) (void)) table.gelu, (void (*) (void)) table.relu,
      (void (*) (void)) table.silu, (void (*) (void)) table.sigmoid,
      (void (*) (void)) table.add, (void (*) (void)) table.mul,
      (void (*) (void)) table.gate_sigmoid, (void (*) (void)) table.swiglu,
      (void (*) (void)) table.scale, (void (*) (void)) table.axpy,
      (void (*) (void)) table.add_bias, (void (*) (void)) table.transpose,
      (void (*) (void)) table.rope_tables, (void (*) (void)) table.rope_apply,
    };

    for (size_t i = 0; i < G_N_ELEMENTS (entries); i++)
      g_assert_nonnull (entries[i]);
  }
  g_assert_true (table.layer_norm == pleat_kern_layer_norm_f32_ref);

  /* A CPU without AVX2 gets the reference for everything, and asking for more fails. */
  g_assert_false (pleat_kernels_init (&table, &none, PLEAT_KERNELS_ISA_AVX512));
  g_assert_cmpint (table.isa, ==, PLEAT_KERNELS_ISA_REF);
  g_assert_true (table.softmax == pleat_kern_softmax_f32_ref);

  /* An AVX2-only CPU (the CI machines) gets the AVX2 table when asked for AVX-512. */
  {
    PleatCpuFeatures avx2_only = { .avx2 = true, .fma = true, .f16c = true };
    bool built = pleat_kernels_isa_supported (PLEAT_KERNELS_ISA_AVX2, &avx2_only);

    g_assert_false (pleat_kernels_isa_supported (PLEAT_KERNELS_ISA_AVX512, &avx2_only));
    g_assert_false (pleat_kernels_init (&table, &avx2_only, PLEAT_KERNELS_ISA_AVX512));
    g_assert_cmpint (table.isa, ==, built ? PLEAT_KERNELS_ISA_AVX2 : PLEAT_KERNELS_ISA_REF);
  }

  /* On this CPU, the table holds the variant asked for when supported. */
  for (int i = PLEAT_KERNELS_ISA_AVX2; i <= PLEAT_KERNELS_ISA_AVX512; i++)
    if (pleat_kernels_isa_supported ((PleatKernelsIsa) i, &features))
      {
        g_assert_true (pleat_kernels_init (&table, &features, (PleatKernelsIsa) i));
        g_assert_cmpint (table.isa, ==, i);
        g_assert_true (table.softmax != pleat_kern_softmax_f32_ref);
      }
}

static void
add_variant_tests (const Variant *v)
{
  static const struct { const char *name; GTestDataFunc func; } tests[] = {
    { "matmul", test_matmul },
    { "matmul-batched", test_matmul_batched },
    { "linear", test_linear },
    { "layer-norm", test_layer_norm },
    { "softmax", test_softmax },
    { "unary", test_unary },
    { "binary", test_binary },
    { "elementwise", test_elementwise },
    { "rope", test_rope },
    { "convert", test_convert },
  };
  const char *isa = pleat_kernels_isa_name (v->isa);

  for (size_t i = 0; i < G_N_ELEMENTS (tests); i++)
    {
      g_autofree char *path = g_strdup_printf ("/pleat/kernels/%s/%s", isa, tests[i].name);

      g_test_add_data_func (path, v, tests[i].func);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GArray) isas = NULL;
  g_autofree Variant *variants = NULL;
  PleatCpuFeatures features;

  g_test_init (&argc, &argv, NULL);

  pleat_cpu_features_detect (&features);
  isas = test_kernel_variants ();
  variants = g_new0 (Variant, isas->len);

  g_test_add_func ("/pleat/kernels/ref/known-values", test_ref_known_values);
  g_test_add_func ("/pleat/kernels/ref/vs-double", test_ref_vs_double);
  g_test_add_func ("/pleat/kernels/dispatch", test_dispatch);

  for (guint i = 0; i < isas->len; i++)
    {
      variants[i].isa = g_array_index (isas, PleatKernelsIsa, i);
      g_assert_true (pleat_kernels_init (&variants[i].k, &features, variants[i].isa));
      add_variant_tests (&variants[i]);
    }

  return g_test_run ();
}
