/* test-layers.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The layer composites (kernels/layers/) against direct loops in double precision or the
 * reference kernels, run serially and on the engine's pool with 1 and 2 threads; the pool
 * itself (every index covered exactly once, many small jobs); and PleatCompute's choice of
 * kernels. Tolerance for the composites: normalised error 1e-5 (attention, linear with float32
 * or 16-bit weights, matmul), 1e-6 (row-wise ops) and 2e-6 (GELU), as in test-kernels.c.
 */
#define G_LOG_DOMAIN "pleat-test"

#include "config.h"

#include <string.h>

#include "kernels-test-util.h"
#include "pleat-compute.h"
#include "pleat-error.h"
#include "pleat-layers.h"
#include "pleat-parallel.h"

/* How a test runs its composites: without a pool, or on a PleatCompute of n threads. */
typedef struct
{
  int           n_threads;   /* 0: pleat_parallel_serial () */
  PleatCompute *compute;
  PleatKernels  serial_table;
  PleatLayerCtx ctx;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->n_threads = GPOINTER_TO_INT (data);
  if (f->n_threads == 0)
    {
      PleatCpuFeatures features;
      PleatKernelsIsa isa = PLEAT_KERNELS_ISA_REF;
      const char *forced = g_getenv ("PLEAT_KERNELS");

      pleat_cpu_features_detect (&features);
      if (forced != NULL && forced[0] != '\0')
        g_assert_true (pleat_kernels_isa_parse (forced, &isa));
      pleat_kernels_init (&f->serial_table, &features, isa);
      f->ctx.k = &f->serial_table;
      f->ctx.par = pleat_parallel_serial ();
      return;
    }

  f->compute = pleat_compute_new (f->n_threads, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pleat_compute_get_n_threads (f->compute), ==, f->n_threads);
  f->ctx = *pleat_compute_get_layer_ctx (f->compute);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->compute != NULL)
    g_assert_finalize_object (f->compute);
}

static GRand *
new_rand (void)
{
  return g_rand_new_with_seed (42);
}

/* ---- Attention ---- */

/* The formula of PleatAttention as a direct loop in double precision. */
static void
naive_attention (const PleatAttention *a,
                 float                *out)   /* same layout as a->out */
{
  double *logits = g_new (double, a->n_k);

  for (size_t b = 0; b < a->n_batch; b++)
    for (size_t h = 0; h < a->n_heads; h++)
      for (size_t i = 0; i < a->n_q; i++)
        {
          const float *q = a->q.data + b * a->q.stride_batch + i * a->q.stride_token
                           + h * a->q.stride_head;
          float *o = out + b * a->out_stride_batch + i * a->out_stride_token
                     + h * a->out_stride_head;
          double max = -INFINITY, sum = 0;

          for (size_t j = 0; j < a->n_k; j++)
            {
              const float *k = a->k.data + b * a->k.stride_batch + j * a->k.stride_token
                               + h * a->k.stride_head;
              double dot = 0;

              for (size_t c = 0; c < a->head_dim; c++)
                dot += (double) q[c] * k[c];
              logits[j] = a->scale * dot;
              if (a->bias != NULL)
                logits[j] += a->bias[b * a->bias_stride_batch + h * a->bias_stride_head
                                     + i * a->bias_stride_q
                                     + j * MAX (a->bias_stride_k, 1)];
              if (a->mask != NULL
                  && a->mask[b * a->mask_stride_batch + i * a->mask_stride_q
                             + j * MAX (a->mask_stride_k, 1)] == 0)
                logits[j] += a->mask_bias;
              max = MAX (max, logits[j]);
            }

          for (size_t c = 0; c < a->head_dim; c++)
            o[c] = 0.0f;
          if (max == -INFINITY)
            continue;

          for (size_t j = 0; j < a->n_k; j++)
            {
              logits[j] = exp (logits[j] - max);
              sum += logits[j];
            }
          for (size_t c = 0; c < a->head_dim; c++)
            {
              double acc = 0;

              for (size_t j = 0; j < a->n_k; j++)
                acc += logits[j] / sum * a->v.data[b * a->v.stride_batch + j * a->v.stride_token
                                                   + h * a->v.stride_head + c];
              if (a->gate.data != NULL)
                acc /= 1.0 + exp (-(double) a->gate.data[b * a->gate.stride_batch
                                                         + i * a->gate.stride_token
                                                         + h * a->gate.stride_head + c]);
              o[c] = (float) acc;
            }
        }

  g_free (logits);
}

static void
check_attention (Fixture        *f,
                 PleatAttention *a,
                 size_t          out_floats,
                 const char     *what)
{
  size_t size = pleat_layer_attention_scratch_size (a, f->ctx.par.n_threads);
  void *scratch = g_aligned_alloc (1, size, 64);
  g_autofree float *want = g_new (float, out_floats);

  /* Untouched output elements (strides with gaps) must stay as they were: start equal. */
  for (size_t i = 0; i < out_floats; i++)
    a->out[i] = want[i] = -7.0f;

  pleat_layer_attention (&f->ctx, a, scratch);
  naive_attention (a, want);
  test_assert_close (a->out, want, out_floats, 1e-5, what);
  g_aligned_free (scratch);
}

/* Separate q, k, v tensors, no bias, mask or gate; odd sizes. */
static void
test_attention_plain (Fixture       *f,
                      gconstpointer  data)
{
  static const size_t shapes[][5] = {   /* n_batch, n_heads, n_q, n_k, head_dim */
    { 1, 1, 1, 1, 1 }, { 2, 3, 5, 7, 4 }, { 1, 2, 3, 130, 5 }, { 3, 1, 65, 9, 3 },
    { 1, 4, 129, 129, 16 }, { 2, 2, 3, 0, 4 },
  };
  g_autoptr(GRand) rand = new_rand ();

  for (size_t s = 0; s < G_N_ELEMENTS (shapes); s++)
    {
      size_t nb = shapes[s][0], nh = shapes[s][1], nq = shapes[s][2], nk = shapes[s][3];
      size_t d = shapes[s][4], width = nh * d;
      g_autofree float *q = test_random_floats (rand, nb * nq * width, 1.0);
      g_autofree float *k = test_random_floats (rand, nb * nk * width, 1.0);
      g_autofree float *v = test_random_floats (rand, nb * nk * width, 1.0);
      g_autofree float *out = g_new (float, nb * nq * width);
      PleatAttention a = {
        .n_batch = nb, .n_heads = nh, .n_q = nq, .n_k = nk, .head_dim = d,
        .scale = 1.0f / sqrtf ((float) d),
        .q = { q, nq * width, width, d },
        .k = { k, nk * width, width, d },
        .v = { v, nk * width, width, d },
        .out = out, .out_stride_batch = nq * width, .out_stride_token = width,
        .out_stride_head = d,
      };

      check_attention (f, &a, nb * nq * width, "attention (plain)");
    }
}

/* Triangle attention as the trunk runs it: batch = the L rows of a pair tensor, q/k/v/gate
 * read in place from one fused (L, L, 4 · H · d) projection, the bias read in place from the
 * (L, L, H) output of its linear and shared by every row, the row's own key mask with
 * openfold's -1e9. L = 70 spans two query tiles. The ending node reads all of it transposed
 * (batch = column), through strides only. */
static void
test_attention_triangle (Fixture       *f,
                         gconstpointer  data)
{
  size_t L = 70, H = 4, d = 32, width = 4 * H * d;
  g_autoptr(GRand) rand = new_rand ();
  g_autofree float *fused = test_random_floats (rand, L * L * width, 1.0);
  g_autofree float *bias = test_random_floats (rand, L * L * H, 2.0);
  g_autofree uint8_t *mask = g_new (uint8_t, L * L);
  g_autofree float *out = g_new (float, L * L * H * d);
  PleatAttention starting = {
    .n_batch = L, .n_heads = H, .n_q = L, .n_k = L, .head_dim = d,
    .scale = 1.0f / sqrtf ((float) d),
    /* Per token: [q heads | k heads | v heads | gate heads], each head d wide. */
    .q = { fused, L * width, width, d },
    .k = { fused + H * d, L * width, width, d },
    .v = { fused + 2 * H * d, L * width, width, d },
    .gate = { fused + 3 * H * d, L * width, width, d },
    .out = out, .out_stride_batch = L * H * d, .out_stride_token = H * d, .out_stride_head = d,
    .bias = bias, .bias_stride_batch = 0, .bias_stride_head = 1, .bias_stride_q = L * H,
    .bias_stride_k = H,
    .mask = mask, .mask_stride_batch = L, .mask_stride_q = 0, .mask_bias = -1e9f,
  };
  PleatAttention ending = starting;

  for (size_t i = 0; i < L * L; i++)
    mask[i] = g_rand_int_range (rand, 0, 5) != 0 || i % L == i / L;

  check_attention (f, &starting, L * L * H * d, "attention (triangle, starting node)");

  /* Batch b = column b: token t of it is pair (t, b). */
  ending.q.stride_batch = ending.k.stride_batch = ending.v.stride_batch = width;
  ending.gate.stride_batch = width;
  ending.q.stride_token = ending.k.stride_token = ending.v.stride_token = L * width;
  ending.gate.stride_token = L * width;
  ending.out_stride_batch = H * d;
  ending.out_stride_token = L * H * d;
  ending.bias_stride_q = H;
  ending.bias_stride_k = L * H;
  ending.mask_stride_batch = 1;
  ending.mask_stride_k = L;
  check_attention (f, &ending, L * L * H * d, "attention (triangle, ending node)");
}

/* Long key ranges split the queries into several tiles (here 65, 65 and 20): a bias of its
 * own per batch and query, a per-query mask (e.g. a window) with -inf, and a gate. */
static void
test_attention_tiled (Fixture       *f,
                      gconstpointer  data)
{
  size_t nb = 2, H = 2, nq = 150, nk = 1000, d = 8, width = H * d;
  g_autoptr(GRand) rand = new_rand ();
  g_autofree float *q = test_random_floats (rand, nb * nq * width, 1.0);
  g_autofree float *k = test_random_floats (rand, nb * nk * width, 1.0);
  g_autofree float *v = test_random_floats (rand, nb * nk * width, 1.0);
  g_autofree float *g = test_random_floats (rand, nb * nq * width, 3.0);
  g_autofree float *bias = test_random_floats (rand, nb * H * nq * nk, 2.0);
  g_autofree uint8_t *mask = g_new (uint8_t, nb * nq * nk);
  g_autofree float *out = g_new (float, nb * nq * width);
  PleatAttention a = {
    .n_batch = nb, .n_heads = H, .n_q = nq, .n_k = nk, .head_dim = d, .scale = 0.3f,
    .q = { q, nq * width, width, d },
    .k = { k, nk * width, width, d },
    .v = { v, nk * width, width, d },
    .gate = { g, nq * width, width, d },
    .out = out, .out_stride_batch = nq * width, .out_stride_token = width, .out_stride_head = d,
    .bias = bias, .bias_stride_batch = H * nq * nk, .bias_stride_head = nq * nk,
    .bias_stride_q = nk,
    .mask = mask, .mask_stride_batch = nq * nk, .mask_stride_q = nk, .mask_bias = -INFINITY,
  };

  /* Query i sees the keys within 300 of 6 i. */
  for (size_t b = 0; b < nb; b++)
    for (size_t i = 0; i < nq; i++)
      for (size_t j = 0; j < nk; j++)
        mask[(b * nq + i) * nk + j] = (j + 300 >= 6 * i) && (j <= 6 * i + 300);

  check_attention (f, &a, nb * nq * width, "attention (tiled)");
}

/* ESM-2 style: one sequence, per-head (H, L, L) bias, a -inf padding mask; a second batch
 * whose keys are all masked must give zeros, never NaN. Output with padded strides. */
static void
test_attention_masked (Fixture       *f,
                       gconstpointer  data)
{
  size_t nb = 2, H = 5, L = 33, d = 16, ld_out = H * (d + 1) + 3;
  g_autoptr(GRand) rand = new_rand ();
  g_autofree float *q = test_random_floats (rand, nb * L * H * d, 1.0);
  g_autofree float *k = test_random_floats (rand, nb * L * H * d, 1.0);
  g_autofree float *v = test_random_floats (rand, nb * L * H * d, 1.0);
  g_autofree float *bias = test_random_floats (rand, H * L * L, 1.0);
  g_autofree uint8_t *mask = g_new0 (uint8_t, nb * L);
  g_autofree float *out = g_new (float, nb * L * ld_out);
  PleatAttention a = {
    .n_batch = nb, .n_heads = H, .n_q = L, .n_k = L, .head_dim = d, .scale = 1.0f,
    .q = { q, L * H * d, H * d, d },
    .k = { k, L * H * d, H * d, d },
    .v = { v, L * H * d, H * d, d },
    .out = out, .out_stride_batch = L * ld_out, .out_stride_token = ld_out,
    .out_stride_head = d + 1,
    .bias = bias, .bias_stride_batch = 0, .bias_stride_head = L * L, .bias_stride_q = L,
    .mask = mask, .mask_stride_batch = L, .mask_stride_q = 0, .mask_bias = -INFINITY,
  };

  for (size_t j = 0; j < L - 4; j++)   /* batch 0: the last 4 keys are padding */
    mask[j] = 1;

  check_attention (f, &a, nb * L * ld_out, "attention (masked)");
  for (size_t i = 0; i < L; i++)
    for (size_t c = 0; c < H * (d + 1); c++)
      if (c % (d + 1) != d)
        g_assert_cmpfloat (out[L * ld_out + i * ld_out + c], ==, 0.0f);
}

/* ---- Linear, matmul, row-wise and element-wise layers ---- */

static void
test_linear_layer (Fixture       *f,
                   gconstpointer  data)
{
  static const size_t shapes[][3] = {   /* n_rows, n_in, n_out */
    { 1, 7, 300 }, { 5, 64, 257 }, { 130, 33, 17 }, { 1000, 128, 128 }, { 3, 2, 1 },
  };
  g_autoptr(GRand) rand = new_rand ();

  for (size_t s = 0; s < G_N_ELEMENTS (shapes); s++)
    for (int accumulate = 0; accumulate < 2; accumulate++)
      {
        size_t n_rows = shapes[s][0], n_in = shapes[s][1], n_out = shapes[s][2];
        size_t ld_x = n_in + 1, ld_y = n_out + 2;
        g_autofree float *x = test_random_floats (rand, n_rows * ld_x, 1.0);
        g_autofree float *w = test_random_floats (rand, n_out * n_in, 0.3);
        g_autofree float *bias = test_random_floats (rand, n_out, 1.0);
        g_autofree float *y = test_random_floats (rand, n_rows * ld_y, 1.0);
        g_autofree float *want = test_copy_floats (y, n_rows * ld_y);

        pleat_layer_linear (&f->ctx, x, ld_x, w, accumulate ? NULL : bias, y, ld_y,
                            n_rows, n_in, n_out, accumulate);
        pleat_kern_linear_f32_ref (x, ld_x, w, accumulate ? NULL : bias, want, ld_y,
                                   n_rows, n_in, n_out, accumulate);
        test_assert_close (y, want, n_rows * ld_y, 1e-5, "linear layer");
      }
}

/* n random 16-bit floats of format, finite, of magnitude below 1, subnormals and zeros
 * included (IEEE half: exponents 0–14; bfloat16: 0 and 118–126). */
static uint16_t *
random_half (GRand             *rand,
             PleatWeightFormat  format,
             size_t             n)
{
  uint16_t *v = g_new (uint16_t, n > 0 ? n : 1);

  for (size_t i = 0; i < n; i++)
    {
      uint16_t sign = (uint16_t) (g_rand_int_range (rand, 0, 2) << 15);

      if (format == PLEAT_WEIGHT_F16)
        v[i] = sign | (uint16_t) (g_rand_int_range (rand, 0, 15) << 10)
               | (uint16_t) g_rand_int_range (rand, 0, 1 << 10);
      else
        {
          int e = g_rand_int_range (rand, 117, 127);

          v[i] = sign | (uint16_t) ((e == 117 ? 0 : e) << 7)
                 | (uint16_t) g_rand_int_range (rand, 0, 1 << 7);
        }
    }
  return v;
}

/* 16-bit weights, widened tile by tile, against the float32 path (itself checked against the
 * reference above) on the same values widened by the reference. Tiles are 4 MiB of float32 rows,
 * 32 to 512 rows. The shapes reach both splits with several tiles per piece and a short last
 * one: the column split (few rows, a weight above L2) with tiles of 400 rows (n_in = 2600;
 * 1700 outputs make pieces of 448 or more with 1 or 2 threads) and of the minimum 32
 * (n_in = 33000), the row split (1030 rows, a 585 KiB weight) with tiles of 512, 512 and 76,
 * and one tile for small weights, n_rows = 1 and n_out = 1. Tolerance 1e-5 as for float32,
 * though the values multiplied are the same and only sgemm's blocking may differ with the
 * tile. */
static void
test_linear_typed_layer (Fixture       *f,
                         gconstpointer  data)
{
  static const size_t shapes[][3] = {   /* n_rows, n_in, n_out */
    { 3, 2600, 1700 }, { 2, 33000, 130 }, { 1030, 136, 1100 }, { 130, 33, 17 }, { 3, 2, 1 },
    { 1, 7, 300 },
  };
  static const PleatWeightFormat formats[] = { PLEAT_WEIGHT_F16, PLEAT_WEIGHT_BF16 };
  g_autoptr(GRand) rand = new_rand ();
  /* One buffer for all, sized for the widest weight, as the models use it: every narrower one
   * must fit (its tiles have more rows; ASan catches an overflow). */
  size_t size = pleat_layer_linear_scratch_size (PLEAT_WEIGHT_BF16, 33000, f->ctx.par.n_threads);
  void *scratch = g_aligned_alloc (1, size, 64);

  for (size_t n_in = 1, last = 0; n_in <= 40000; n_in += 1 + n_in / 8)
    {
      size_t one = pleat_layer_linear_scratch_size (PLEAT_WEIGHT_F16, n_in, 1);

      g_assert_cmpuint (one, >=, last);
      g_assert_cmpuint (one % 64, ==, 0);
      last = one;
    }

  for (size_t s = 0; s < G_N_ELEMENTS (shapes); s++)
    for (size_t fi = 0; fi < G_N_ELEMENTS (formats); fi++)
      for (int accumulate = 0; accumulate < 2; accumulate++)
        {
          size_t n_rows = shapes[s][0], n_in = shapes[s][1], n_out = shapes[s][2];
          size_t ld_x = n_in + 1, ld_y = n_out + 2;
          PleatWeightFormat format = formats[fi];
          g_autofree uint16_t *half = random_half (rand, format, n_out * n_in);
          g_autofree float *w = g_new (float, n_out * n_in);
          g_autofree float *x = test_random_floats (rand, n_rows * ld_x, 1.0);
          /* Without a bias when accumulating: both cases are what the models do. */
          g_autofree float *bias = accumulate ? NULL : test_random_floats (rand, n_out, 1.0);
          g_autofree float *y = test_random_floats (rand, n_rows * ld_y, 1.0);
          g_autofree float *want = test_copy_floats (y, n_rows * ld_y);
          PleatLayerWeight weight = { half, format };

          (format == PLEAT_WEIGHT_F16 ? pleat_kern_convert_f16_f32_ref
                                      : pleat_kern_convert_bf16_f32_ref) (half, w, n_out * n_in);
          pleat_layer_linear_typed (&f->ctx, x, ld_x, weight, bias, y, ld_y, n_rows, n_in, n_out,
                                    accumulate, scratch);
          pleat_layer_linear (&f->ctx, x, ld_x, w, bias, want, ld_y, n_rows, n_in, n_out,
                              accumulate);
          test_assert_close (y, want, n_rows * ld_y, 1e-5,
                             format == PLEAT_WEIGHT_F16 ? "linear f16" : "linear bf16");
        }
  g_aligned_free (scratch);

  /* Float32 through the same entry needs no scratch. */
  g_assert_cmpuint (pleat_layer_linear_scratch_size (PLEAT_WEIGHT_F32, 2048, 4), ==, 0);
  {
    size_t n_rows = 3, n_in = 2048, n_out = 300;
    g_autofree float *x = test_random_floats (rand, n_rows * n_in, 1.0);
    g_autofree float *w = test_random_floats (rand, n_out * n_in, 0.3);
    g_autofree float *y = g_new (float, n_rows * n_out);
    g_autofree float *want = g_new (float, n_rows * n_out);
    PleatLayerWeight weight = { w, PLEAT_WEIGHT_F32 };

    pleat_layer_linear_typed (&f->ctx, x, n_in, weight, NULL, y, n_out, n_rows, n_in, n_out,
                              false, NULL);
    pleat_kern_linear_f32_ref (x, n_in, w, NULL, want, n_out, n_rows, n_in, n_out, false);
    test_assert_close (y, want, n_rows * n_out, 1e-5, "linear typed f32");
  }
}

static void
test_matmul_layer (Fixture       *f,
                   gconstpointer  data)
{
  static const size_t shapes[][4] = {   /* n_batch, m, n, k */
    { 1, 37, 19, 23 }, { 1, 1, 5, 3 }, { 5, 17, 17, 17 }, { 2, 70, 9, 4 },
  };
  g_autoptr(GRand) rand = new_rand ();

  for (size_t s = 0; s < G_N_ELEMENTS (shapes); s++)
    for (int t = 0; t < 4; t++)
      {
        size_t nb = shapes[s][0], m = shapes[s][1], n = shapes[s][2], k = shapes[s][3];
        bool ta = t & 1, tb = t & 2;
        size_t lda = ta ? m : k, ldb = tb ? k : n;
        size_t sa = m * k, sb = k * n, sc = m * n;
        g_autofree float *a = test_random_floats (rand, nb * sa, 1.0);
        g_autofree float *b = test_random_floats (rand, nb * sb, 1.0);
        g_autofree float *c = test_random_floats (rand, nb * sc, 1.0);
        g_autofree float *want = test_copy_floats (c, nb * sc);

        if (nb == 1)
          pleat_layer_matmul (&f->ctx, ta, tb, m, n, k, 2.0f, a, lda, b, ldb, 0.5f, c, n);
        else
          pleat_layer_matmul_batched (&f->ctx, nb, ta, tb, m, n, k, 2.0f, a, lda, sa,
                                      b, ldb, sb, 0.5f, c, n, sc);
        pleat_kern_matmul_batched_f32_ref (nb, ta, tb, m, n, k, 2.0f, a, lda, sa, b, ldb, sb,
                                           0.5f, want, n, sc);
        test_assert_close (c, want, nb * sc, 1e-5, "matmul layer");
      }
}

static void
test_row_layers (Fixture       *f,
                 gconstpointer  data)
{
  static const size_t shapes[][2] = { { 1, 1 }, { 3, 17 }, { 1000, 128 }, { 70, 2563 } };
  g_autoptr(GRand) rand = new_rand ();

  for (size_t s = 0; s < G_N_ELEMENTS (shapes); s++)
    {
      size_t n_rows = shapes[s][0], d = shapes[s][1], ld = d + 1, n = n_rows * ld;
      g_autofree float *x = test_random_floats (rand, n, 3.0);
      g_autofree float *g = test_random_floats (rand, d, 1.0);
      g_autofree float *b = test_random_floats (rand, n, 1.0);
      g_autofree uint8_t *mask = g_new (uint8_t, d);
      g_autofree float *y = g_new0 (float, n);
      g_autofree float *want = g_new0 (float, n);
      size_t half = d / 2 > 0 ? d / 2 : 1, n_heads = d / (2 * half);
      g_autofree float *cos_t = test_random_floats (rand, n_rows * half, 1.0);
      g_autofree float *sin_t = test_random_floats (rand, n_rows * half, 1.0);

      for (size_t c = 0; c < d; c++)
        mask[c] = c % 3 != 1;

      pleat_layer_layer_norm (&f->ctx, x, ld, g, b, 1e-5f, y, ld, n_rows, d);
      pleat_kern_layer_norm_f32_ref (x, ld, g, b, 1e-5f, want, ld, n_rows, d);
      test_assert_close (y, want, n, 1e-6, "layer_norm layer");

      pleat_layer_rms_norm (&f->ctx, x, ld, g, 1e-5f, y, ld, n_rows, d);
      pleat_kern_rms_norm_f32_ref (x, ld, g, 1e-5f, want, ld, n_rows, d);
      test_assert_close (y, want, n, 1e-6, "rms_norm layer");

      memcpy (y, x, n * sizeof (float));
      memcpy (want, x, n * sizeof (float));
      pleat_layer_softmax (&f->ctx, y, ld, b, ld, mask, 0, -1e9f, n_rows, d);
      pleat_kern_softmax_f32_ref (want, ld, b, ld, mask, 0, -1e9f, n_rows, d);
      test_assert_close (y, want, n, 1e-6, "softmax layer");

      pleat_layer_unary (&f->ctx, f->ctx.k->gelu, x, y, n);
      pleat_kern_gelu_f32_ref (x, want, n);
      test_assert_close (y, want, n, 2e-6, "unary layer");

      pleat_layer_binary (&f->ctx, f->ctx.k->swiglu, x, b, y, n);
      pleat_kern_swiglu_f32_ref (x, b, want, n);
      test_assert_close (y, want, n, 1e-6, "binary layer");

      /* Packed SwiGLU: the two halves of each row of (n_rows, ld) with d = 2 · half. */
      pleat_layer_binary_rows (&f->ctx, f->ctx.k->swiglu, x, ld, x + half, ld, y, ld, n_rows,
                               d / 2);
      for (size_t r = 0; r < n_rows; r++)
        {
          pleat_kern_swiglu_f32_ref (x + r * ld, x + r * ld + half, want + r * ld, d / 2);
          test_assert_close (y + r * ld, want + r * ld, d / 2, 1e-6, "binary rows layer");
        }

      /* (n_rows, d) with ld → (d, n_rows + 3). */
      {
        g_autofree float *t = g_new0 (float, d * (n_rows + 3));

        pleat_layer_transpose (&f->ctx, x, ld, t, n_rows + 3, n_rows, d);
        for (size_t r = 0; r < n_rows; r++)
          for (size_t c = 0; c < d; c++)
            g_assert_cmpfloat (t[c * (n_rows + 3) + r], ==, x[r * ld + c]);
      }

      if (n_heads > 0)
        {
          memcpy (y, x, n * sizeof (float));
          memcpy (want, x, n * sizeof (float));
          pleat_layer_rope_apply (&f->ctx, y, ld, 2 * half, n_rows, n_heads, cos_t, sin_t,
                                  half);
          pleat_kern_rope_apply_f32_ref (want, ld, 2 * half, n_rows, n_heads, cos_t, sin_t,
                                         half);
          g_assert_true (memcmp (y, want, n * sizeof (float)) == 0);
        }
    }
}

/* ---- The pool ---- */

typedef struct
{
  int      *counts;     /* (n) */
  size_t    n;
  size_t    grain;
  int       n_threads;
  gboolean  bad_range;  /* atomic */
} CoverJob;

static void
cover_cb (void   *data,
          size_t  begin,
          size_t  end,
          int     ith)
{
  CoverJob *job = data;

  /* Ranges are non-empty, inside [0, n), at least grain long unless they end the job, and
   * run by a worker the pool has. */
  if (begin >= end || end > job->n || (end - begin < job->grain && end != job->n)
      || ith < 0 || ith >= job->n_threads)
    g_atomic_int_set (&job->bad_range, TRUE);
  for (size_t i = begin; i < end; i++)
    g_atomic_int_inc (&job->counts[i]);
}

static void
test_pool_cover (void)
{
  static const size_t sizes[] = { 0, 1, 2, 3, 7, 64, 100, 1000, 12345 };
  static const size_t grains[] = { 0, 1, 3, 64, 100000 };

  for (int n_threads = 1; n_threads <= 4; n_threads++)
    {
      g_autoptr(PleatParallelPool) pool = pleat_parallel_pool_new (n_threads);
      PleatParallel par = pleat_parallel_pool_get_parallel (pool);

      g_assert_cmpint (par.n_threads, ==, n_threads);

      for (size_t s = 0; s < G_N_ELEMENTS (sizes); s++)
        for (size_t g = 0; g < G_N_ELEMENTS (grains); g++)
          {
            g_autofree int *counts = g_new0 (int, sizes[s] + 1);
            CoverJob job = { counts, sizes[s], grains[g], n_threads, FALSE };

            par.parallel_for (par.pool, sizes[s], grains[g], cover_cb, &job);
            g_assert_false (job.bad_range);
            for (size_t i = 0; i < sizes[s]; i++)
              g_assert_cmpint (counts[i], ==, 1);
          }
    }
}

typedef struct
{
  gint64 *sums;   /* (n_threads): per worker, no sharing */
} SumJob;

static void
sum_cb (void   *data,
        size_t  begin,
        size_t  end,
        int     ith)
{
  SumJob *job = data;

  for (size_t i = begin; i < end; i++)
    job->sums[ith] += (gint64) i;
}

/* Thousands of tiny jobs back to back, as a model issues them: each must see every index of
 * its own job, none of the previous one. */
static void
test_pool_many_jobs (void)
{
  g_autoptr(PleatParallelPool) pool = pleat_parallel_pool_new (3);

  for (int round = 0; round < 3000; round++)
    {
      gint64 sums[3] = { 0, 0, 0 };
      SumJob job = { sums };
      size_t n = 1 + (size_t) round % 97;

      pleat_parallel_pool_run (pool, n, 1, sum_cb, &job);
      g_assert_cmpint (sums[0] + sums[1] + sums[2], ==, (gint64) (n * (n - 1) / 2));
    }
}

/* ---- PleatCompute ---- */

static void
test_compute_isa (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PleatCompute) compute = NULL;
  g_autofree char *saved = g_strdup (g_getenv ("PLEAT_KERNELS"));
  PleatCpuFeatures features;
  PleatKernelsIsa best = PLEAT_KERNELS_ISA_REF;

  pleat_cpu_features_detect (&features);
  for (int i = PLEAT_KERNELS_ISA_AVX2; i <= PLEAT_KERNELS_ISA_AVX512; i++)
    if (pleat_kernels_isa_supported ((PleatKernelsIsa) i, &features))
      best = (PleatKernelsIsa) i;

  compute = pleat_compute_new_for_isa (1, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pleat_compute_get_isa (compute), ==, best);
  g_assert_true (pleat_compute_get_kernels (compute)->isa == best);
  g_assert_finalize_object (g_steal_pointer (&compute));

  compute = pleat_compute_new_for_isa (2, "ref", &error);
  g_assert_no_error (error);
  g_assert_cmpint (pleat_compute_get_isa (compute), ==, PLEAT_KERNELS_ISA_REF);
  g_assert_cmpint (pleat_compute_get_n_threads (compute), ==, 2);
  g_assert_true (pleat_compute_get_layer_ctx (compute)->k == pleat_compute_get_kernels (compute));
  g_assert_finalize_object (g_steal_pointer (&compute));

  /* The default is one thread per processor. */
  compute = pleat_compute_new_for_isa (0, "ref", &error);
  g_assert_no_error (error);
  g_assert_cmpint (pleat_compute_get_n_threads (compute), ==, (int) g_get_num_processors ());
  g_assert_finalize_object (g_steal_pointer (&compute));

  compute = pleat_compute_new_for_isa (1, "sse9", &error);
  g_assert_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_UNSUPPORTED);
  g_assert_null (compute);
  g_clear_error (&error);

#if defined(__x86_64__)
  compute = pleat_compute_new_for_isa (1, "neon", &error);
  g_assert_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_UNSUPPORTED);
  g_assert_null (compute);
  g_clear_error (&error);
#endif

  /* PLEAT_KERNELS is what pleat_compute_new () reads. */
  g_setenv ("PLEAT_KERNELS", "bogus", TRUE);
  compute = pleat_compute_new (1, &error);
  g_assert_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_UNSUPPORTED);
  g_assert_null (compute);
  g_clear_error (&error);
  g_setenv ("PLEAT_KERNELS", "ref", TRUE);
  compute = pleat_compute_new (1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pleat_compute_get_isa (compute), ==, PLEAT_KERNELS_ISA_REF);
  g_assert_finalize_object (g_steal_pointer (&compute));

  if (saved != NULL)
    g_setenv ("PLEAT_KERNELS", saved, TRUE);
  else
    g_unsetenv ("PLEAT_KERNELS");
}

int
main (int   argc,
      char *argv[])
{
  static const struct { const char *name; void (*func) (Fixture *, gconstpointer); } tests[] = {
    { "attention-plain", test_attention_plain },
    { "attention-triangle", test_attention_triangle },
    { "attention-masked", test_attention_masked },
    { "attention-tiled", test_attention_tiled },
    { "linear", test_linear_layer },
    { "linear-typed", test_linear_typed_layer },
    { "matmul", test_matmul_layer },
    { "rows", test_row_layers },
  };

  g_test_init (&argc, &argv, NULL);

  for (size_t i = 0; i < G_N_ELEMENTS (tests); i++)
    for (int n_threads = 0; n_threads <= 2; n_threads++)
      {
        g_autofree char *path = NULL;

        if (n_threads == 0)
          path = g_strdup_printf ("/pleat/kernels/layers/%s/serial", tests[i].name);
        else
          path = g_strdup_printf ("/pleat/kernels/layers/%s/threads-%d", tests[i].name,
                                  n_threads);
        g_test_add (path, Fixture, GINT_TO_POINTER (n_threads),
                    fixture_set_up, tests[i].func, fixture_tear_down);
      }

  g_test_add_func ("/pleat/kernels/pool/cover", test_pool_cover);
  g_test_add_func ("/pleat/kernels/pool/many-jobs", test_pool_many_jobs);
  g_test_add_func ("/pleat/kernels/compute/isa", test_compute_isa);

  return g_test_run ();
}
