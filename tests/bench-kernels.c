/* bench-kernels.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The kernel microbenchmark (a meson benchmark(), never a test): GFLOP/s of the matrix
 * products ESMFold runs, at L = 64, 128, 256, as a fraction of this machine's fp32 peak, under
 * the threading schemes we could pick; the language model's linears with float32 against
 * float16 weights (widened tile by tile); then the memory- and exp-bound row ops per kernel
 * variant in GB/s and elements/s.
 *
 *   bench-kernels [--lengths 64,128,256] [--threads N] [--quick]
 *
 * Peak. Nominal: cores × FLOP/cycle of the best ISA (AVX-512 with two FMA units: 2 × 16 lanes
 * × 2 = 64; AVX2: 32) × the clock /proc/cpuinfo reports ("cpu MHz", the base clock; a VM
 * shows no turbo). Measured: an FMA-throughput probe (pleat_kernels_fma_probe()) on one
 * thread gives the FLOP/s a core really sustains at the clock it runs; dividing it by the
 * FLOP/cycle gives the effective clock, also printed. Fractions are of threads × that.
 *
 * Threading schemes for the products (see the OpenBLAS note in engine/pleat-compute.c):
 *   pool      our pool splits the op, OpenBLAS single-threaded on each piece (what we ship)
 *   blas-mt   one OpenBLAS call on the calling thread, OpenBLAS using N threads
 *   nested    our pool splits the op and OpenBLAS also uses N threads (oversubscribed)
 *   1-thread  one OpenBLAS call, one thread: the per-core baseline
 */
#define G_LOG_DOMAIN "pleat-bench"

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "pleat-compute.h"
#include "pleat-layers.h"

typedef enum
{
  SCHEME_POOL,
  SCHEME_BLAS_MT,
  SCHEME_NESTED,
  SCHEME_SINGLE,
  N_SCHEMES
} Scheme;

typedef struct
{
  PleatCompute        *compute;
  const PleatKernels  *k;
  const PleatLayerCtx *ctx;
  int                  n_threads;
  double               peak_gflops;   /* measured, all threads */
  double               core_gflops;   /* measured, one thread */
  gboolean             quick;
} Bench;


/* Seconds per call: the best of several timed runs of at least min_seconds in total, after
 * one warm-up call (the machine is shared, so the best run is the least disturbed one). */
static double
time_op (void      (*op) (void *),
         void       *data,
         double      min_seconds)
{
  double best = INFINITY;
  double total = 0;
  int runs = 0;

  op (data);
  while (runs < 3 || (total < min_seconds && runs < 50))
    {
      gint64 t0 = g_get_monotonic_time ();
      double dt;

      op (data);
      dt = (g_get_monotonic_time () - t0) / 1e6;
      best = MIN (best, dt);
      total += dt;
      runs++;
    }
  return best;
}

/* ---- Peak ---- */

typedef struct
{
  PleatKernelsIsa isa;
  uint64_t        n_iter;
  GMutex          mutex;
  double          flops;   /* under mutex */
} ProbeJob;

static void
probe_cb (void   *data,
          size_t  begin,
          size_t  end,
          int     ith)
{
  ProbeJob *job = data;

  for (size_t i = begin; i < end; i++)
    {
      double flops = (double) pleat_kernels_fma_probe (job->isa, job->n_iter);

      g_mutex_lock (&job->mutex);
      job->flops += flops;
      g_mutex_unlock (&job->mutex);
    }
}

static double
nominal_mhz (void)
{
  g_autofree char *cpuinfo = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/cpuinfo", &cpuinfo, NULL, NULL))
    return 0;
  line = strstr (cpuinfo, "cpu MHz");
  if (line == NULL || (line = strchr (line, ':')) == NULL)
    return 0;
  return g_ascii_strtod (line + 1, NULL);
}

static void
bench_peak (Bench *b)
{
  PleatKernelsIsa isa = pleat_compute_get_isa (b->compute);
  int flop_per_cycle = isa == PLEAT_KERNELS_ISA_AVX512 ? 64
                       : isa == PLEAT_KERNELS_ISA_AVX2 ? 32 : 0;
  double mhz = nominal_mhz ();
  double nominal = b->n_threads * flop_per_cycle * mhz / 1e3;
  /* Short probes (a few ms each), best of many: on a shared machine some of them run
   * undisturbed, and the best is the core's real rate. */
  ProbeJob job = { .isa = isa, .n_iter = 2000000 };
  PleatParallel par = pleat_compute_get_parallel (b->compute);
  double single = 0, all = 0;

  for (int round = 0; round < 40; round++)
    {
      gint64 t0 = g_get_monotonic_time ();
      double flops = (double) pleat_kernels_fma_probe (isa, job.n_iter);

      single = MAX (single, flops / ((g_get_monotonic_time () - t0) / 1e6) / 1e9);

      job.flops = 0;
      t0 = g_get_monotonic_time ();
      par.parallel_for (par.pool, (size_t) b->n_threads, 1, probe_cb, &job);
      all = MAX (all, job.flops / ((g_get_monotonic_time () - t0) / 1e6) / 1e9);
    }

  g_mutex_clear (&job.mutex);
  /* The per-core probe times the cores: all threads probing at once shows only how busy the
   * shared machine was while it ran (printed, not used). */
  b->peak_gflops = single > 0 ? single * b->n_threads : nominal;
  b->core_gflops = single > 0 ? single : nominal / MAX (b->n_threads, 1);

  printf ("## Machine\n\n");
  printf ("- threads: %d (of %u processors); kernels: %s; OpenBLAS %s\n", b->n_threads,
          g_get_num_processors (), pleat_kernels_isa_name (isa), "0.3.21 (pthread build)");
  printf ("- nominal peak: %d cores x %d FLOP/cycle x %.0f MHz (/proc/cpuinfo) = %.1f GFLOP/s\n",
          b->n_threads, flop_per_cycle, mhz, nominal);
  printf ("- measured peak (FMA probe): %.1f GFLOP/s on 1 thread, %.1f GFLOP/s on %d "
          "(effective clock %.2f GHz)\n", single, all, b->n_threads,
          flop_per_cycle > 0 ? single / flop_per_cycle : 0.0);
  printf ("- peak used below: %d x the 1-thread probe = %.1f GFLOP/s\n\n",
          b->n_threads, b->peak_gflops);
}

/* ---- Matrix products ---- */

typedef struct
{
  Bench       *b;
  Scheme       scheme;
  /* linear: y (m, n) = x (m, k) · w (n, k)ᵀ; batched: n_batch of c (m, n) = a (m, k) bᵀ */
  size_t       n_batch;
  size_t       m;
  size_t       n;
  size_t       k;
  float       *x;
  float       *w;
  float       *y;
} GemmJob;

static void
gemm_op (void *data)
{
  GemmJob *j = data;
  const PleatKernels *k = j->b->k;
  bool split = j->scheme == SCHEME_POOL || j->scheme == SCHEME_NESTED;

  if (j->n_batch == 0)
    {
      if (split)
        pleat_layer_linear (j->b->ctx, j->x, j->k, j->w, NULL, j->y, j->n, j->m, j->k, j->n,
                            false);
      else
        k->linear (j->x, j->k, j->w, NULL, j->y, j->n, j->m, j->k, j->n, false);
    }
  else
    {
      if (split)
        pleat_layer_matmul_batched (j->b->ctx, j->n_batch, false, true, j->m, j->n, j->k, 1.0f,
                                    j->x, j->k, j->m * j->k, j->w, j->k, j->n * j->k,
                                    0.0f, j->y, j->n, j->m * j->n);
      else
        k->matmul_batched (j->n_batch, false, true, j->m, j->n, j->k, 1.0f,
                           j->x, j->k, j->m * j->k, j->w, j->k, j->n * j->k,
                           0.0f, j->y, j->n, j->m * j->n);
    }
}

static void
set_scheme (Bench  *b,
            Scheme  scheme)
{
  switch (scheme)
    {
    case SCHEME_POOL:
    case SCHEME_SINGLE:
      pleat_kernels_set_blas_threads (1);
      break;
    case SCHEME_BLAS_MT:
    case SCHEME_NESTED:
    case N_SCHEMES:
    default:
      pleat_kernels_set_blas_threads (b->n_threads);
      break;
    }
}

static float *
filled (size_t n)
{
  float *v = g_malloc (MAX (n, 1) * sizeof (float));

  for (size_t i = 0; i < n; i++)
    v[i] = (float) ((i * 2654435761u) % 1000) / 1000.0f - 0.5f;
  return v;
}

static void
bench_gemm (Bench      *b,
            const char *name,
            size_t      L,
            size_t      n_batch,
            size_t      m,
            size_t      n,
            size_t      k)
{
  size_t batches = MAX (n_batch, 1);
  g_autofree float *x = filled (batches * m * k);
  g_autofree float *w = filled (batches * n * k);
  g_autofree float *y = filled (batches * m * n);
  double flops = 2.0 * batches * m * n * k;
  double gflops[N_SCHEMES];
  double budget = b->quick ? 0.2 : 1.0;
  double spent = 0;

  /* The schemes take turns, one call each per round, and each keeps its best call: on a
   * shared machine a burst of other work then penalises all of them alike, not whichever
   * happened to be running. They run in two phases, those with OpenBLAS on one thread first:
   * once OpenBLAS has used its own threads, those keep spinning for a while after each call
   * and would slow down whatever runs next. */
  for (int s = 0; s < N_SCHEMES; s++)
    gflops[s] = b->n_threads == 1 && s != SCHEME_SINGLE ? NAN : 0.0;
  for (int phase = 0; phase < 2; phase++)
    {
      const Scheme schemes[2][2] = { { SCHEME_POOL, SCHEME_SINGLE },
                                     { SCHEME_BLAS_MT, SCHEME_NESTED } };

      spent = 0;
      for (int round = 0; round < 2 || (spent < budget / 2 && round < 40); round++)
        for (int i = 0; i < 2; i++)
          {
            Scheme sc = schemes[phase][i];
            GemmJob job = { b, sc, n_batch, m, n, k, x, w, y };
            gint64 t0;
            double dt;

            if (isnan (gflops[sc]))   /* one thread: only the baseline */
              continue;
            set_scheme (b, sc);
            if (round == 0)
              gemm_op (&job);   /* warm-up: OpenBLAS buffers, pages of y */
            t0 = g_get_monotonic_time ();
            gemm_op (&job);
            dt = (g_get_monotonic_time () - t0) / 1e6;
            spent += dt;
            gflops[sc] = MAX (gflops[sc], flops / dt / 1e9);
          }
    }
  /* Let OpenBLAS's threads go back to sleep before anything else is measured. */
  pleat_kernels_set_blas_threads (1);
  if (b->n_threads > 1)
    g_usleep (200000);

  printf ("| %4zu | %-28s | %6zu | %5zu | %5zu | %6.1f | %7.1f | %7.1f | %7.1f | %7.1f "
          "| %4.0f %% | %4.0f %% |\n", L, name, m, n, k, flops / 1e9, gflops[SCHEME_POOL],
          gflops[SCHEME_BLAS_MT], gflops[SCHEME_NESTED], gflops[SCHEME_SINGLE],
          100.0 * gflops[SCHEME_POOL] / b->peak_gflops,
          100.0 * gflops[SCHEME_SINGLE] / b->core_gflops);
  fflush (stdout);
}

/* The language model's linears with float32 weights against float16 ones widened tile by
 * tile (pleat_layer_linear_typed()), both split by our pool; the two take turns, each keeping
 * its best call. */
static void
bench_linear_half (Bench      *b,
                   const char *name,
                   size_t      L,
                   size_t      m,
                   size_t      n,
                   size_t      k)
{
  g_autofree float *x = filled (m * k);
  g_autofree float *w = filled (n * k);
  g_autofree float *y = filled (m * n);
  g_autofree uint16_t *half = g_malloc (MAX (n * k, 1) * sizeof (uint16_t));
  size_t size = pleat_layer_linear_scratch_size (PLEAT_WEIGHT_F16, k, b->n_threads);
  void *scratch = g_aligned_alloc (1, size, 64);
  PleatLayerWeight weights[2] = { { w, PLEAT_WEIGHT_F32 }, { half, PLEAT_WEIGHT_F16 } };
  double flops = 2.0 * m * n * k;
  double gflops[2] = { 0, 0 };
  double budget = b->quick ? 0.4 : 2.0, spent = 0;

  /* Multiples of 1/1024 in [-0.5, 0.5): exact in float16. */
  for (size_t i = 0; i < n * k; i++)
    half[i] = (uint16_t) (((i * 2654435761u) % 1000) < 500 ? 0x3c00 : 0xbc00);
  pleat_kernels_set_blas_threads (1);
  for (int round = 0; round < 2 || (spent < budget && round < 40); round++)
    for (int f = 0; f < 2; f++)
      {
        gint64 t0;
        double dt;

        if (round == 0)
          pleat_layer_linear_typed (b->ctx, x, k, weights[f], NULL, y, n, m, k, n, false,
                                    scratch);
        t0 = g_get_monotonic_time ();
        pleat_layer_linear_typed (b->ctx, x, k, weights[f], NULL, y, n, m, k, n, false,
                                  scratch);
        dt = (g_get_monotonic_time () - t0) / 1e6;
        spent += dt;
        gflops[f] = MAX (gflops[f], flops / dt / 1e9);
      }
  g_aligned_free (scratch);
  printf ("| %4zu | %-28s | %6zu | %5zu | %5zu | %7.1f | %7.1f | %5.2f |\n", L, name, m, n, k,
          gflops[0], gflops[1], gflops[1] / gflops[0]);
  fflush (stdout);
}

/* ---- Attention ---- */

typedef struct
{
  Bench          *b;
  PleatAttention  attn;
  void           *scratch;
} AttnJob;

static void
attention_op (void *data)
{
  AttnJob *j = data;

  pleat_layer_attention (j->b->ctx, &j->attn, j->scratch);
}

static void
bench_attention (Bench      *b,
                 const char *name,
                 size_t      L,
                 size_t      n_batch,
                 size_t      n_heads,
                 size_t      n_tok,
                 size_t      head_dim,
                 bool        with_bias)
{
  size_t width = n_heads * head_dim;
  g_autofree float *q = filled (n_batch * n_tok * width);
  g_autofree float *kv = filled (n_batch * n_tok * width);
  g_autofree float *out = filled (n_batch * n_tok * width);
  g_autofree float *bias = filled (n_heads * n_tok * n_tok);
  AttnJob job = { b, {
    .n_batch = n_batch, .n_heads = n_heads, .n_q = n_tok, .n_k = n_tok, .head_dim = head_dim,
    .scale = 1.0f / sqrtf ((float) head_dim),
    .q = { q, n_tok * width, width, head_dim },
    .k = { kv, n_tok * width, width, head_dim },
    .v = { kv, n_tok * width, width, head_dim },
    .out = out, .out_stride_batch = n_tok * width, .out_stride_token = width,
    .out_stride_head = head_dim,
    .bias = with_bias ? bias : NULL, .bias_stride_head = n_tok * n_tok, .bias_stride_q = n_tok,
  }, NULL };
  double flops = 4.0 * n_batch * n_heads * n_tok * n_tok * head_dim;
  double seconds;

  job.scratch = g_aligned_alloc (1, pleat_layer_attention_scratch_size (&job.attn,
                                                                        b->n_threads), 64);
  pleat_kernels_set_blas_threads (1);
  seconds = time_op (attention_op, &job, b->quick ? 0.05 : 0.3);
  g_aligned_free (job.scratch);
  printf ("| %4zu | %-28s | %6zu | %5zu | %5zu | %6.1f | %7.1f | %7s | %7s | %7s "
          "| %4.0f %% | %6s |\n", L, name, n_batch * n_heads, n_tok, head_dim, flops / 1e9,
          flops / seconds / 1e9, "", "", "", 100.0 * flops / seconds / 1e9 / b->peak_gflops,
          "");
  fflush (stdout);
}

/* ---- Row ops per variant ---- */

typedef struct
{
  const PleatKernels *k;
  const char         *op;
  size_t              n_rows;
  size_t              d;
  float              *x;
  float              *y;
  float              *g;
} RowJob;

static void
row_op (void *data)
{
  RowJob *j = data;
  size_t n = j->n_rows * j->d;

  if (strcmp (j->op, "layer_norm") == 0)
    j->k->layer_norm (j->x, j->d, j->g, j->g, 1e-5f, j->y, j->d, j->n_rows, j->d);
  else if (strcmp (j->op, "rms_norm") == 0)
    j->k->rms_norm (j->x, j->d, j->g, 1e-5f, j->y, j->d, j->n_rows, j->d);
  else if (strcmp (j->op, "softmax") == 0)
    {
      memcpy (j->y, j->x, n * sizeof (float));
      j->k->softmax (j->y, j->d, NULL, 0, NULL, 0, 0.0f, j->n_rows, j->d);
    }
  else if (strcmp (j->op, "gelu") == 0)
    j->k->gelu (j->x, j->y, n);
  else if (strcmp (j->op, "silu") == 0)
    j->k->silu (j->x, j->y, n);
  else if (strcmp (j->op, "gate_sigmoid") == 0)
    j->k->gate_sigmoid (j->x, j->x, j->y, n);
  else if (strcmp (j->op, "convert_f16") == 0)
    j->k->convert_f16_f32 ((const uint16_t *) j->x, j->y, n);
  else
    g_assert_not_reached ();
}

static void
bench_rows (Bench      *b,
            const char *op,
            const char *shape,
            size_t      n_rows,
            size_t      d)
{
  PleatCpuFeatures features;
  g_autofree float *x = filled (n_rows * d);
  g_autofree float *y = filled (n_rows * d);
  g_autofree float *g = filled (d);
  /* Softmax also copies its input (the op is in place): count that traffic too. Half
   * floats read 2 bytes and write 4. */
  double bytes = (strcmp (op, "softmax") == 0 ? 4.0 : strcmp (op, "convert_f16") == 0 ? 1.5 : 2.0)
                 * n_rows * d * sizeof (float);

  pleat_cpu_features_detect (&features);
  printf ("| %-12s | %-22s |", op, shape);
  for (int i = PLEAT_KERNELS_ISA_REF; i <= PLEAT_KERNELS_ISA_AVX512; i++)
    {
      PleatKernels table;
      RowJob job = { &table, op, n_rows, d, x, y, g };
      double seconds;

      if (!pleat_kernels_isa_supported ((PleatKernelsIsa) i, &features))
        {
          printf (" %21s |", "n/a");
          continue;
        }
      pleat_kernels_init (&table, &features, (PleatKernelsIsa) i);
      seconds = time_op (row_op, &job, b->quick ? 0.02 : 0.1);
      printf (" %6.1f GB/s %5.0f Me/s |", bytes / seconds / 1e9, n_rows * d / seconds / 1e6);
    }
  printf ("\n");
  fflush (stdout);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PleatCompute) compute = NULL;
  g_autofree char *lengths_arg = NULL;
  g_auto(GStrv) lengths = NULL;
  int n_threads = 0;
  gboolean quick = FALSE;
  GOptionEntry entries[] = {
    { "lengths", 'L', 0, G_OPTION_ARG_STRING, &lengths_arg, "Sequence lengths", "64,128,256" },
    { "threads", 't', 0, G_OPTION_ARG_INT, &n_threads, "Threads (default: all)", "N" },
    { "quick", 'q', 0, G_OPTION_ARG_NONE, &quick, "Shorter timings", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("- Pleat kernel benchmark");
  Bench b = { 0 };

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  compute = pleat_compute_new (n_threads, &error);
  if (compute == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  b.compute = compute;
  b.k = pleat_compute_get_kernels (compute);
  b.ctx = pleat_compute_get_layer_ctx (compute);
  b.n_threads = pleat_compute_get_n_threads (compute);
  b.quick = quick;
  lengths = g_strsplit (lengths_arg != NULL ? lengths_arg : "64,128,256", ",", -1);

  printf ("# Pleat kernel benchmark\n\n");
  bench_peak (&b);

  printf ("## Matrix products (GFLOP/s; peak: pool vs all threads' peak, core: 1-thread vs "
          "one core's)\n\n");
  printf ("| L    | op                           | M      | N     | K     | GFLOP  | pool    "
          "| blas-mt | nested  | 1-thread | peak   | core   |\n");
  printf ("|------|------------------------------|--------|-------|-------|--------|---------"
          "|---------|---------|---------|--------|--------|\n");
  for (char **l = lengths; *l != NULL; l++)
    {
      size_t L = (size_t) g_ascii_strtoull (*l, NULL, 10);
      size_t M = L + 2;

      if (L == 0)
        continue;
      /* ESM-2 3B stem: M = L + 2 tokens. */
      bench_gemm (&b, "esm2 qkv/o 2560->2560", L, 0, M, 2560, 2560);
      bench_gemm (&b, "esm2 fused qkv 2560->7680", L, 0, M, 7680, 2560);
      bench_gemm (&b, "esm2 fc1 2560->10240", L, 0, M, 10240, 2560);
      bench_gemm (&b, "esm2 fc2 10240->2560", L, 0, M, 2560, 10240);
      /* Folding trunk, sequence track (d = 1024). */
      bench_gemm (&b, "trunk seq qkv 1024->3072", L, 0, L, 3072, 1024);
      bench_gemm (&b, "trunk seq mlp 1024->4096", L, 0, L, 4096, 1024);
      /* Pair track: M = L² rows of d_pair = 128. */
      bench_gemm (&b, "pair linear 128->128", L, 0, L * L, 128, 128);
      bench_gemm (&b, "pair mlp 128->512", L, 0, L * L, 512, 128);
      bench_gemm (&b, "pair mlp 512->128", L, 0, L * L, 128, 512);
      /* Triangle multiplication: 128 channels of L×L×L. */
      bench_gemm (&b, "tri-mult einsum 128 x LxLxL", L, 128, L, L, L);
      /* Attention composites (M = batch × heads, N = tokens, K = head_dim). */
      bench_attention (&b, "tri-attn L rows 4x32 +bias", L, L, 4, L, 32, true);
      bench_attention (&b, "esm2 self-attn 40x64", L, 1, 40, M, 64, false);
    }


  printf ("\n## ESM-2 3B linears, float32 vs float16 weights (GFLOP/s, pool)\n\n");
  printf ("| L    | op                           | M      | N     | K     | f32     | f16     "
          "| ratio |\n");
  printf ("|------|------------------------------|--------|-------|-------|---------|---------"
          "|-------|\n");
  for (char **l = lengths; *l != NULL; l++)
    {
      size_t L = (size_t) g_ascii_strtoull (*l, NULL, 10);

      if (L == 0)
        continue;
      bench_linear_half (&b, "esm2 qkv/o 2560->2560", L, L + 2, 2560, 2560);
      bench_linear_half (&b, "esm2 fc1 2560->10240", L, L + 2, 10240, 2560);
      bench_linear_half (&b, "esm2 fc2 10240->2560", L, L + 2, 2560, 10240);
    }

  printf ("\n## Row ops, single thread, per kernel variant\n\n");
  printf ("| op           | shape                  | %-21s | %-21s | %-21s |\n",
          "ref", "avx2", "avx512");
  printf ("|--------------|------------------------|-----------------------|"
          "-----------------------|-----------------------|\n");
  bench_rows (&b, "layer_norm", "pair 65536x128", 65536, 128);
  bench_rows (&b, "layer_norm", "esm2 258x2560", 258, 2560);
  bench_rows (&b, "rms_norm", "pair 65536x128", 65536, 128);
  bench_rows (&b, "softmax", "tri-attn 4096x256", 4096, 256);
  bench_rows (&b, "softmax", "esm2 10320x258", 10320, 258);
  bench_rows (&b, "gelu", "esm2 fc1 258x10240", 258, 10240);
  bench_rows (&b, "silu", "pair 65536x512", 65536, 512);
  bench_rows (&b, "gate_sigmoid", "pair 65536x128", 65536, 128);
  bench_rows (&b, "convert_f16", "esm2 fc1 weight", 10240, 2560);

  printf ("\nNote: timings are the best of several runs; on a machine shared with other work "
          "they still vary by 10-20 %%.\n");
  return 0;
}
