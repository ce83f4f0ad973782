/* test-pair-layers.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The triangle layers of kernels/layers/pleat-pair-layers.h against direct loops in double
 * precision, at a length whose rows split into several pieces of positions (see
 * PleatPairPieces: 260 positions are two pieces of 130), in both orientations, unchunked and
 * in bands of 7 rows (the last band short), on two threads. The model fixtures
 * (test-esmfold-trunk.c) check the same layers at real widths but short lengths, where every
 * row is one piece. Channel widths are small and odd on purpose, and the attention's
 * n_heads · head_dim differs from d_pair.
 */
#define G_LOG_DOMAIN "pleat-test"

#include "config.h"

#include <math.h>

#include "kernels-test-util.h"
#include "pleat-compute.h"
#include "pleat-pair-layers.h"

#define N_RES 260
#define D_PAIR 5
#define D_HIDDEN 3
#define N_HEADS 2
#define HEAD_DIM 3
#define EPS 1e-5f
/* Normalised error against double precision (see test_max_error): float sums of up to 260
 * terms, as in test-esmfold-trunk.c's layer tolerances. */
#define TOL 2e-5

static GRand *
new_rand (void)
{
  return g_rand_new_with_seed (20260412);
}

/* A weight (n_out, n_in) with variance about 1 / n_in, or a bias / LayerNorm vector. */
static float *
random_weight (GRand  *rand,
               size_t  n_out,
               size_t  n_in)
{
  return test_random_floats (rand, n_out * n_in, sqrt (3.0 / (double) n_in));
}

static float *
random_norm (GRand  *rand,
             size_t  d)
{
  float *v = test_random_floats (rand, d, 0.2);

  for (size_t i = 0; i < d; i++)
    v[i] += 1.0f;
  return v;
}

static void
layer_norm_d (const double *x,
              size_t        d,
              const float  *gamma,
              const float  *beta,
              double       *y)
{
  double mean = 0, var = 0;

  for (size_t c = 0; c < d; c++)
    mean += x[c];
  mean /= (double) d;
  for (size_t c = 0; c < d; c++)
    var += (x[c] - mean) * (x[c] - mean);
  var /= (double) d;
  for (size_t c = 0; c < d; c++)
    y[c] = (x[c] - mean) / sqrt (var + EPS) * gamma[c] + beta[c];
}

/* The float input widened first, so that both normalise the same way. */
static void
layer_norm (const float *x,
            size_t       d,
            const float *gamma,
            const float *beta,
            double      *y)
{
  g_autofree double *xd = g_new (double, d);

  for (size_t c = 0; c < d; c++)
    xd[c] = x[c];
  layer_norm_d (xd, d, gamma, beta, y);
}

/* y[o] = w[o] · x + b[o] (b may be NULL). */
static double
linear (const float  *w,
        const float  *b,
        const double *x,
        size_t        n_in,
        size_t        o)
{
  double acc = b != NULL ? b[o] : 0.0;

  for (size_t i = 0; i < n_in; i++)
    acc += (double) w[o * n_in + i] * x[i];
  return acc;
}

static double
sigmoid (double x)
{
  return 1.0 / (1.0 + exp (-x));
}

/* Z'[i, j] of z: z[i, j] for rows, z[j, i] for columns. */
static size_t
at (size_t i,
    size_t j,
    bool   columns)
{
  return (columns ? j * N_RES + i : i * N_RES + j) * D_PAIR;
}

/* z += the triangle multiplicative update, AlphaFold 2 Algorithms 11 and 12 as written. */
static void
triangle_mul_direct (const PleatTriangleMulWeights *w,
                     bool                           outgoing,
                     float                         *z)
{
  const size_t n = N_RES, dp = D_PAIR, dh = D_HIDDEN;
  g_autofree double *zn = g_new (double, n * n * dp);
  g_autofree double *a = g_new (double, n * n * dh);
  g_autofree double *b = g_new (double, n * n * dh);
  g_autofree double *update = g_new (double, n * n * dp);

  for (size_t p = 0; p < n * n; p++)
    {
      layer_norm (z + p * dp, dp, w->ln_in_weight, w->ln_in_bias, zn + p * dp);
      for (size_t c = 0; c < dh; c++)
        {
          a[p * dh + c] = sigmoid (linear (w->a_g_weight, w->a_g_bias, zn + p * dp, dp, c))
                          * linear (w->a_p_weight, w->a_p_bias, zn + p * dp, dp, c);
          b[p * dh + c] = sigmoid (linear (w->b_g_weight, w->b_g_bias, zn + p * dp, dp, c))
                          * linear (w->b_p_weight, w->b_p_bias, zn + p * dp, dp, c);
        }
    }
  for (size_t i = 0; i < n; i++)
    for (size_t j = 0; j < n; j++)
      {
        double x[D_HIDDEN] = { 0 }, xn[D_HIDDEN];
        size_t p = i * n + j;

        for (size_t k = 0; k < n; k++)
          for (size_t c = 0; c < dh; c++)
            x[c] += outgoing ? a[(i * n + k) * dh + c] * b[(j * n + k) * dh + c]
                             : a[(k * n + i) * dh + c] * b[(k * n + j) * dh + c];
        layer_norm_d (x, dh, w->ln_out_weight, w->ln_out_bias, xn);
        for (size_t c = 0; c < dp; c++)
          update[p * dp + c] = linear (w->z_weight, w->z_bias, xn, dh, c)
                               * sigmoid (linear (w->g_weight, w->g_bias, zn + p * dp, dp, c));
      }
  for (size_t e = 0; e < n * n * dp; e++)
    z[e] = (float) (z[e] + update[e]);
}

/* z += triangle attention around the starting (rows) or ending (columns) node. */
static void
triangle_attention_direct (const PleatTriangleAttentionWeights *w,
                           bool                                 starting,
                           float                               *z)
{
  const size_t n = N_RES, dp = D_PAIR, hd = N_HEADS * HEAD_DIM;
  const bool columns = !starting;
  g_autofree double *zn = g_new (double, n * n * dp);     /* Z' order */
  g_autofree double *q = g_new (double, n * n * hd);
  g_autofree double *k = g_new (double, n * n * hd);
  g_autofree double *v = g_new (double, n * n * hd);
  g_autofree double *g = g_new (double, n * n * hd);
  g_autofree double *bias = g_new (double, N_HEADS * n * n);
  g_autofree double *update = g_new (double, n * n * dp);  /* Z' order */
  g_autofree double *logits = g_new (double, n);
  double scale = 1.0 / sqrt ((double) HEAD_DIM);

  for (size_t i = 0; i < n; i++)
    for (size_t j = 0; j < n; j++)
      {
        size_t p = i * n + j;
        double *x = zn + p * dp;

        layer_norm (z + at (i, j, columns), dp, w->ln_weight, w->ln_bias, x);
        for (size_t c = 0; c < hd; c++)
          {
            q[p * hd + c] = linear (w->q_weight, NULL, x, dp, c);
            k[p * hd + c] = linear (w->k_weight, NULL, x, dp, c);
            v[p * hd + c] = linear (w->v_weight, NULL, x, dp, c);
            g[p * hd + c] = linear (w->g_weight, w->g_bias, x, dp, c);
          }
        for (size_t h = 0; h < N_HEADS; h++)
          bias[h * n * n + p] = linear (w->bias_weight, NULL, x, dp, h);
      }
  for (size_t i = 0; i < n; i++)
    for (size_t j = 0; j < n; j++)
      {
        double o[N_HEADS * HEAD_DIM] = { 0 };
        size_t p = i * n + j;

        for (size_t h = 0; h < N_HEADS; h++)
          {
            double max = -INFINITY, sum = 0;

            for (size_t kk = 0; kk < n; kk++)
              {
                double dot = 0;

                for (size_t c = 0; c < HEAD_DIM; c++)
                  dot += q[p * hd + h * HEAD_DIM + c] * k[(i * n + kk) * hd + h * HEAD_DIM + c];
                logits[kk] = scale * dot + bias[h * n * n + j * n + kk];
                max = fmax (max, logits[kk]);
              }
            for (size_t kk = 0; kk < n; kk++)
              sum += logits[kk] = exp (logits[kk] - max);
            for (size_t kk = 0; kk < n; kk++)
              for (size_t c = 0; c < HEAD_DIM; c++)
                o[h * HEAD_DIM + c] += logits[kk] / sum * v[(i * n + kk) * hd + h * HEAD_DIM + c];
          }
        for (size_t c = 0; c < hd; c++)
          o[c] *= sigmoid (g[p * hd + c]);
        for (size_t c = 0; c < dp; c++)
          update[p * dp + c] = linear (w->o_weight, w->o_bias, o, hd, c);
      }
  for (size_t i = 0; i < n; i++)
    for (size_t j = 0; j < n; j++)
      for (size_t c = 0; c < dp; c++)
        {
          float *e = z + at (i, j, columns) + c;

          *e = (float) (*e + update[(i * n + j) * dp + c]);
        }
}

static PleatCompute *
two_threads (void)
{
  g_autoptr(GError) error = NULL;
  PleatCompute *compute = pleat_compute_new (2, &error);

  g_assert_no_error (error);
  return compute;
}

static void
test_triangle_mul (void)
{
  g_autoptr(GRand) rand = new_rand ();
  g_autoptr(PleatCompute) compute = two_threads ();
  const PleatLayerCtx *ctx = pleat_compute_get_layer_ctx (compute);
  const size_t n_z = (size_t) N_RES * N_RES * D_PAIR;
  g_autofree float *z = test_random_floats (rand, n_z, 1.0);
  g_autofree float *ln_in_w = random_norm (rand, D_PAIR), *ln_in_b = random_norm (rand, D_PAIR);
  g_autofree float *ln_out_w = random_norm (rand, D_HIDDEN);
  g_autofree float *ln_out_b = random_norm (rand, D_HIDDEN);
  g_autofree float *a_p = random_weight (rand, D_HIDDEN, D_PAIR);
  g_autofree float *a_g = random_weight (rand, D_HIDDEN, D_PAIR);
  g_autofree float *b_p = random_weight (rand, D_HIDDEN, D_PAIR);
  g_autofree float *b_g = random_weight (rand, D_HIDDEN, D_PAIR);
  g_autofree float *hidden_biases = test_random_floats (rand, 4 * D_HIDDEN, 0.3);
  g_autofree float *z_w = random_weight (rand, D_PAIR, D_HIDDEN);
  g_autofree float *g_w = random_weight (rand, D_PAIR, D_PAIR);
  g_autofree float *pair_biases = test_random_floats (rand, 2 * D_PAIR, 0.3);
  PleatTriangleMulWeights w = {
    D_PAIR, D_HIDDEN, EPS, ln_in_w, ln_in_b,
    a_p, hidden_biases, a_g, hidden_biases + D_HIDDEN,
    b_p, hidden_biases + 2 * D_HIDDEN, b_g, hidden_biases + 3 * D_HIDDEN,
    ln_out_w, ln_out_b, z_w, pair_biases, g_w, pair_biases + D_PAIR,
  };

  for (int outgoing = 0; outgoing < 2; outgoing++)
    {
      g_autofree float *want = test_copy_floats (z, n_z);

      triangle_mul_direct (&w, outgoing, want);
      for (size_t chunk = 0; chunk <= 7; chunk += 7)
        {
          size_t size = pleat_layer_triangle_mul_scratch_size (&w, N_RES, chunk);
          float *scratch = g_aligned_alloc (size, 1, 64);
          g_autofree float *got = test_copy_floats (z, n_z);
          g_autofree char *what = g_strdup_printf ("triangle mul %s chunk %zu",
                                                   outgoing ? "outgoing" : "incoming", chunk);

          pleat_layer_triangle_mul (ctx, &w, outgoing, got, N_RES, chunk, scratch);
          g_aligned_free (scratch);
          test_assert_close (got, want, n_z, TOL, what);
        }
    }
}

static void
test_triangle_attention (void)
{
  g_autoptr(GRand) rand = new_rand ();
  g_autoptr(PleatCompute) compute = two_threads ();
  const PleatLayerCtx *ctx = pleat_compute_get_layer_ctx (compute);
  const size_t n_z = (size_t) N_RES * N_RES * D_PAIR, hd = N_HEADS * HEAD_DIM;
  g_autofree float *z = test_random_floats (rand, n_z, 1.0);
  g_autofree float *ln_w = random_norm (rand, D_PAIR), *ln_b = random_norm (rand, D_PAIR);
  g_autofree float *bias_w = random_weight (rand, N_HEADS, D_PAIR);
  g_autofree float *q_w = random_weight (rand, hd, D_PAIR);
  g_autofree float *k_w = random_weight (rand, hd, D_PAIR);
  g_autofree float *v_w = random_weight (rand, hd, D_PAIR);
  g_autofree float *g_w = random_weight (rand, hd, D_PAIR);
  g_autofree float *g_b = test_random_floats (rand, hd, 0.3);
  g_autofree float *o_w = random_weight (rand, D_PAIR, hd);
  g_autofree float *o_b = test_random_floats (rand, D_PAIR, 0.3);
  PleatTriangleAttentionWeights w = {
    D_PAIR, N_HEADS, HEAD_DIM, EPS, ln_w, ln_b, bias_w, q_w, k_w, v_w, g_w, g_b, o_w, o_b,
  };

  for (int starting = 0; starting < 2; starting++)
    {
      g_autofree float *want = test_copy_floats (z, n_z);

      triangle_attention_direct (&w, starting, want);
      for (size_t chunk = 0; chunk <= 7; chunk += 7)
        {
          size_t size = pleat_layer_triangle_attention_scratch_size (&w, N_RES, chunk, 2);
          float *scratch = g_aligned_alloc (size, 1, 64);
          g_autofree float *got = test_copy_floats (z, n_z);
          g_autofree char *what = g_strdup_printf ("triangle attention %s chunk %zu",
                                                   starting ? "starting" : "ending", chunk);

          pleat_layer_triangle_attention (ctx, &w, starting, got, N_RES, chunk, scratch);
          g_aligned_free (scratch);
          test_assert_close (got, want, n_z, TOL, what);
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/pleat/kernels/pair-layers/triangle-mul", test_triangle_mul);
  g_test_add_func ("/pleat/kernels/pair-layers/triangle-attention", test_triangle_attention);
  return g_test_run ();
}
