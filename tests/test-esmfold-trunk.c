/* test-esmfold-trunk.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The folding trunk and its shared pair layers against the float64 references, module by
 * module: every module gets the reference's own input, so each comparison measures that
 * module alone. Both fixture sets: ours (transformers, tiny-b), which also stores the
 * sub-modules inside a block, and fair-esm's (tiny-a). Every comparison asserts Pearson > 0.9999
 * and a max-abs tolerance stated below, and prints a "parity" line for the report.
 *
 * Tolerances (max |ours - float64 reference|) are set at about ten times what this float32
 * implementation reaches (2e-7 to 2e-6 on tensors of magnitude 1-15), so that another kernel
 * variant's rounding passes and a real mistake does not.
 */
#define G_LOG_DOMAIN "pleat-test"

#include "config.h"

#include <math.h>
#include <string.h>

#include "esmfold-test-util.h"
#include "pleat-folding-trunk.h"
#include "pleat-model-memory.h"
#include "pleat-pair-layers.h"

/* Per-module tolerances on max |diff|. */
#define TOL_SEQ_UPDATE   1e-5   /* sequence attention, MLP updates (|x| <= 8) */
#define TOL_PAIR_UPDATE  2e-5   /* pair updates (|x| <= 14) */
#define TOL_BLOCK        5e-5   /* a whole block's s and z (|x| <= 15) */
#define TOL_RECYCLE      5e-6   /* block-0 inputs (|x| <= 10) */
#define TOL_SM_INPUT     1e-5   /* trunk2sm linears (|x| <= 16) */
/* Chunked against unchunked: the same arithmetic split differently. */
#define TOL_CHUNKING     1e-5

typedef struct
{
  EsmFixtureSet       set;
  const char         *case_name;
} TrunkCase;

typedef struct
{
  PleatCompute       *compute;
  const PleatLayerCtx *ctx;
  PleatEsmConfig     *config;
  PleatWeights       *weights;
  PleatFoldingTrunk  *trunk;
} Trunk;

static void
trunk_open (Trunk         *t,
            EsmFixtureSet  set)
{
  g_autoptr(GError) error = NULL;

  t->compute = esm_test_compute_new ();
  t->ctx = pleat_compute_get_layer_ctx (t->compute);
  t->config = esm_fixture_set_load_config (set);
  t->weights = esm_fixture_set_open_weights (set);
  t->trunk = pleat_folding_trunk_new_from_weights (&t->config->esmfold.trunk, t->weights,
                                                   "trunk.", &error);
  g_assert_no_error (error);
}

static void
trunk_close (Trunk *t)
{
  g_clear_pointer (&t->trunk, pleat_folding_trunk_free);
  g_clear_pointer (&t->weights, pleat_weights_unref);
  g_clear_pointer (&t->config, pleat_esm_config_free);
  g_clear_object (&t->compute);
}

/* got - input, the update a layer added in place, in double. */
static double *
update_of (const float *after,
           const float *before,
           gsize        n)
{
  double *u = g_new (double, n);

  for (gsize i = 0; i < n; i++)
    u[i] = (double) after[i] - (double) before[i];
  return u;
}

static void
assert_chunking (const char  *label,
                 const char  *what,
                 const float *a,
                 const float *b,
                 gsize        n)
{
  double m = 0.0;

  for (gsize i = 0; i < n; i++)
    m = MAX (m, fabs ((double) a[i] - b[i]));
  g_test_message ("chunking %s %s max_abs=%.3g tol=%.3g", label, what, m, TOL_CHUNKING);
  g_assert_cmpfloat (m, <=, TOL_CHUNKING);
}

/* A pair layer run on a copy of z, unchunked and in bands of 5 rows; returns the unchunked
 * result (transfer full) after checking the two agree. */
typedef void (*PairLayerFunc) (const PleatLayerCtx *ctx,
                               gconstpointer        weights,
                               gboolean             flag,
                               float               *z,
                               gsize                n,
                               guint                chunk,
                               gpointer             scratch);

static void
tri_mul_cb (const PleatLayerCtx *ctx,
            gconstpointer        weights,
            gboolean             outgoing,
            float               *z,
            gsize                n,
            guint                chunk,
            gpointer             scratch)
{
  pleat_layer_triangle_mul (ctx, weights, outgoing, z, n, chunk, scratch);
}

static void
tri_att_cb (const PleatLayerCtx *ctx,
            gconstpointer        weights,
            gboolean             starting,
            float               *z,
            gsize                n,
            guint                chunk,
            gpointer             scratch)
{
  pleat_layer_triangle_attention (ctx, weights, starting, z, n, chunk, scratch);
}

static void
mlp_pair_cb (const PleatLayerCtx *ctx,
             gconstpointer        weights,
             gboolean             unused,
             float               *z,
             gsize                n,
             guint                chunk,
             gpointer             scratch)
{
  pleat_layer_transition (ctx, weights, z, n * n, (gsize) chunk * n, scratch);
}

static void
check_pair_layer (Trunk         *t,
                  EsmFixture    *f,
                  const char    *prefix,
                  const char    *sub,
                  PairLayerFunc  func,
                  gconstpointer  weights,
                  gboolean       flag,
                  gsize          n_res,
                  gsize          scratch_size)
{
  g_autofree char *in_name = g_strdup_printf ("%s%s.in", prefix, sub);
  g_autofree char *out_name = g_strdup_printf ("%s%s.out", prefix, sub);
  g_autofree char *label = g_strdup_printf ("%s %s", esm_fixture_get_label (f), sub);
  gsize n;
  g_autofree float *in = esm_fixture_dup_f32 (f, in_name, &n);
  g_autofree double *want = esm_fixture_dup (f, out_name, NULL);
  g_autofree float *z = g_memdup2 (in, n * sizeof (float));
  g_autofree float *z_chunked = g_memdup2 (in, n * sizeof (float));
  g_autofree double *update = NULL;
  gpointer scratch = pleat_model_alloc (scratch_size, NULL);

  func (t->ctx, weights, flag, z, n_res, 0, scratch);
  func (t->ctx, weights, flag, z_chunked, n_res, 5, scratch);
  pleat_model_free (scratch);

  /* mlp_pair.out includes its residual (it is the block's output z). */
  if (g_str_equal (sub, "mlp_pair"))
    {
      esm_assert_parity_f32 (label, out_name, z, want, n, TOL_PAIR_UPDATE);
    }
  else
    {
      update = update_of (z, in, n);
      esm_assert_parity (label, out_name, update, want, n, TOL_PAIR_UPDATE);
    }
  assert_chunking (label, "chunk=5", z, z_chunked, n);
}

/* The sub-modules of the last block of the final pass (stored in our fixture only). */
static void
test_block_layers (void)
{
  Trunk t = { 0 };
  g_autoptr(EsmFixture) f = esm_fixture_open (ESM_FIXTURE_HF, "b_mono12");
  const char *prefix = "trunk.last.blocks.1.";
  const PleatTrunkBlockLayers *b;
  gsize n_res, n_s, n_z;
  guint64 scratch_size;
  g_autofree gint64 *aatype = NULL;
  g_autofree float *s_in = NULL;
  g_autofree float *z_in = NULL;
  g_autofree float *s = NULL;
  g_autofree float *z = NULL;
  g_autofree double *want = NULL;
  g_autofree double *update = NULL;
  g_autofree char *label = NULL;
  gpointer scratch;

  trunk_open (&t, ESM_FIXTURE_HF);
  b = pleat_folding_trunk_get_block (t.trunk, 1);
  aatype = esm_fixture_dup_i64 (f, "input.aatype", &n_res);
  scratch_size = pleat_folding_trunk_get_memory_size (&t.config->esmfold.trunk, n_res, 0, 2);
  scratch = pleat_model_alloc (scratch_size, NULL);

  /* Sequence attention with pair bias: input s and z are block 0's outputs. */
  s_in = esm_fixture_dup_f32 (f, "trunk.last.blocks.1.layernorm_1.in", &n_s);
  z_in = esm_fixture_dup_f32 (f, "trunk.last.blocks.1.pair_to_sequence.in", &n_z);
  s = g_memdup2 (s_in, n_s * sizeof (float));
  pleat_layer_seq_attention (t.ctx, &b->seq_attention, s, z_in, n_res, 0, scratch);
  want = esm_fixture_dup (f, "trunk.last.blocks.1.seq_attention.out", NULL);
  update = update_of (s, s_in, n_s);
  label = g_strdup_printf ("%s seq_attention", esm_fixture_get_label (f));
  esm_assert_parity (label, "seq_attention.out", update, want, n_s, TOL_SEQ_UPDATE);
  {
    g_autofree float *s_chunked = g_memdup2 (s_in, n_s * sizeof (float));

    pleat_layer_seq_attention (t.ctx, &b->seq_attention, s_chunked, z_in, n_res, 5, scratch);
    assert_chunking (label, "chunk=5", s, s_chunked, n_s);
  }
  g_clear_pointer (&want, g_free);
  g_clear_pointer (&update, g_free);
  g_clear_pointer (&label, g_free);
  g_clear_pointer (&s, g_free);
  g_clear_pointer (&s_in, g_free);

  /* The sequence MLP, residual included. */
  s_in = esm_fixture_dup_f32 (f, "trunk.last.blocks.1.mlp_seq.in", NULL);
  s = g_memdup2 (s_in, n_s * sizeof (float));
  pleat_layer_transition (t.ctx, &b->mlp_seq, s, n_res, 0, scratch);
  want = esm_fixture_dup (f, "trunk.last.blocks.1.mlp_seq.out", NULL);
  label = g_strdup_printf ("%s mlp_seq", esm_fixture_get_label (f));
  esm_assert_parity_f32 (label, "mlp_seq.out", s, want, n_s, TOL_SEQ_UPDATE);
  g_clear_pointer (&want, g_free);
  g_clear_pointer (&label, g_free);

  /* Sequence -> pair, from the block's output s onto block 0's z. */
  z = g_memdup2 (z_in, n_z * sizeof (float));
  pleat_folding_trunk_sequence_to_pair (b, t.ctx, s, z, n_res, 0, scratch);
  want = esm_fixture_dup (f, "trunk.last.blocks.1.sequence_to_pair.out", NULL);
  update = update_of (z, z_in, n_z);
  label = g_strdup_printf ("%s sequence_to_pair", esm_fixture_get_label (f));
  esm_assert_parity (label, "sequence_to_pair.out", update, want, n_z, TOL_PAIR_UPDATE);
  {
    g_autofree float *z_chunked = g_memdup2 (z_in, n_z * sizeof (float));

    pleat_folding_trunk_sequence_to_pair (b, t.ctx, s, z_chunked, n_res, 5, scratch);
    assert_chunking (label, "chunk=5", z, z_chunked, n_z);
  }
  pleat_model_free (scratch);

  check_pair_layer (&t, f, prefix, "tri_mul_out", tri_mul_cb, &b->tri_mul_out, TRUE, n_res,
                    scratch_size);
  check_pair_layer (&t, f, prefix, "tri_mul_in", tri_mul_cb, &b->tri_mul_in, FALSE, n_res,
                    scratch_size);
  check_pair_layer (&t, f, prefix, "tri_att_start", tri_att_cb, &b->tri_att_start, TRUE, n_res,
                    scratch_size);
  check_pair_layer (&t, f, prefix, "tri_att_end", tri_att_cb, &b->tri_att_end, FALSE, n_res,
                    scratch_size);
  check_pair_layer (&t, f, prefix, "mlp_pair", mlp_pair_cb, &b->mlp_pair, FALSE, n_res,
                    scratch_size);

  trunk_close (&t);
}

/* Loads the reference's s and z into the state. */
static void
state_load (PleatTrunkState *state,
            EsmFixture      *f,
            const char      *s_name,
            const char      *z_name)
{
  gsize n_s, n_z;
  g_autofree float *s = esm_fixture_dup_f32 (f, s_name, &n_s);
  g_autofree float *z = esm_fixture_dup_f32 (f, z_name, &n_z);

  memcpy (state->s, s, n_s * sizeof (float));
  memcpy (state->z, z, n_z * sizeof (float));
}

/* a + b of two reference tensors, in double. */
static double *
fixture_sum (EsmFixture *f,
             const char *a_name,
             const char *b_name,
             gsize      *n)
{
  g_autofree double *b = esm_fixture_dup (f, b_name, NULL);
  double *a = esm_fixture_dup (f, a_name, n);

  for (gsize i = 0; i < *n; i++)
    a[i] += b[i];
  return a;
}

static PleatTrunkState *
state_new (Trunk      *t,
           EsmFixture *f,
           guint       chunk)
{
  g_autoptr(GError) error = NULL;
  gsize n_res, n_s0;
  g_autofree gint64 *residx = esm_fixture_dup_i64 (f, "input.residue_index", &n_res);
  g_autofree float *s0 = esm_fixture_dup_f32 (f, "trunk.in.s", &n_s0);
  PleatTrunkState *state = pleat_trunk_state_new (t->trunk, n_res, chunk, 2, &error);

  g_assert_no_error (error);
  memcpy (state->residue_index, residx, n_res * sizeof (gint64));
  memcpy (state->s0, s0, n_s0 * sizeof (float));
  return state;
}

/* The first pass: block-0 inputs, every block on the reference's input, the structure-module
 * inputs; chunked like the reference's chunk_size and not. */
static void
test_first_pass (gconstpointer data)
{
  const TrunkCase *tc = data;
  Trunk t = { 0 };
  g_autoptr(EsmFixture) f = esm_fixture_open (tc->set, tc->case_name);
  const char *label = esm_fixture_get_label (f);
  guint n_blocks;

  trunk_open (&t, tc->set);
  n_blocks = pleat_folding_trunk_get_n_blocks (t.trunk);

  for (guint chunk = 0; chunk <= 4; chunk += 4)
    {
      g_autoptr(PleatTrunkState) state = state_new (&t, f, chunk);
      g_autofree char *lbl = g_strdup_printf ("%s chunk=%u", label, chunk);
      gsize n_s, n_z;
      g_autofree double *want_s = fixture_sum (f, "trunk.in.s", "trunk.first.recycle_s", &n_s);
      g_autofree double *want_z = fixture_sum (f, "trunk.first.recycle_z", "trunk.relpos", &n_z);

      pleat_folding_trunk_begin_pass (t.trunk, t.ctx, state, TRUE);
      esm_assert_parity_f32 (lbl, "block0.in.s", state->s, want_s, n_s, TOL_RECYCLE);
      esm_assert_parity_f32 (lbl, "block0.in.z", state->z, want_z, n_z, TOL_RECYCLE);

      for (guint b = 0; b < n_blocks; b++)
        {
          g_autofree char *s_name = g_strdup_printf ("trunk.first.blocks.%u.s", b);
          g_autofree char *z_name = g_strdup_printf ("trunk.first.blocks.%u.z", b);
          g_autofree double *ws = esm_fixture_dup (f, s_name, NULL);
          g_autofree double *wz = esm_fixture_dup (f, z_name, NULL);

          if (b > 0)
            {
              g_autofree char *ps = g_strdup_printf ("trunk.first.blocks.%u.s", b - 1);
              g_autofree char *pz = g_strdup_printf ("trunk.first.blocks.%u.z", b - 1);

              state_load (state, f, ps, pz);
            }
          pleat_folding_trunk_run_block (t.trunk, t.ctx, state, b);
          esm_assert_parity_f32 (lbl, s_name, state->s, ws, n_s, TOL_BLOCK);
          esm_assert_parity_f32 (lbl, z_name, state->z, wz, n_z, TOL_BLOCK);
        }

      {
        g_autofree char *s_name = g_strdup_printf ("trunk.first.blocks.%u.s", n_blocks - 1);
        g_autofree char *z_name = g_strdup_printf ("trunk.first.blocks.%u.z", n_blocks - 1);
        gsize n_ss, n_sz;
        g_autofree double *wss = esm_fixture_dup (f, "trunk.first.sm_in.single", &n_ss);
        g_autofree double *wsz = esm_fixture_dup (f, "trunk.first.sm_in.pair", &n_sz);

        state_load (state, f, s_name, z_name);
        pleat_folding_trunk_to_structure_module (t.trunk, t.ctx, state);
        esm_assert_parity_f32 (lbl, "sm_in.single", state->sm_single, wss, n_ss, TOL_SM_INPUT);
        esm_assert_parity_f32 (lbl, "sm_in.pair", state->sm_pair, wsz, n_sz, TOL_SM_INPUT);
      }
    }
  trunk_close (&t);
}

/* The second pass of a 2-pass fold: recycling the first pass's s, z and C-beta bins. */
static void
test_recycling (void)
{
  Trunk t = { 0 };
  g_autoptr(EsmFixture) f = esm_fixture_open (ESM_FIXTURE_HF, "b_unk10");
  const char *label = esm_fixture_get_label (f);
  g_autoptr(PleatTrunkState) state = NULL;
  gsize n_s, n_z, n_pos, n_bins;
  g_autofree double *positions = esm_fixture_dup (f, "trunk.first.sm.positions", &n_pos);
  g_autofree gint64 *want_bins = esm_fixture_dup_i64 (f, "trunk.last.recycle_bins", &n_bins);
  g_autofree float *last_positions = NULL;
  g_autofree double *want_s = NULL;
  g_autofree double *want_z = NULL;
  gsize per_block;
  guint n_differ = 0;

  g_assert_cmpuint (esm_fixture_get_n_passes (f), ==, 2);
  trunk_open (&t, ESM_FIXTURE_HF);
  state = state_new (&t, f, 0);

  /* Bins from the first pass's last structure-module block: exact. */
  per_block = n_pos / t.config->esmfold.trunk.structure_module.num_blocks;
  last_positions = g_new (float, per_block);
  for (gsize i = 0; i < per_block; i++)
    last_positions[i] = (float) positions[n_pos - per_block + i];
  pleat_folding_trunk_set_recycle_bins (state, last_positions);
  g_assert_cmpuint (n_bins, ==, (gsize) state->n_res * state->n_res);
  for (gsize i = 0; i < n_bins; i++)
    n_differ += state->recycle_bins[i] != want_bins[i];
  g_test_message ("parity %s recycle_bins differing=%u of %" G_GSIZE_FORMAT, label, n_differ,
                  n_bins);
  g_assert_cmpuint (n_differ, ==, 0);

  want_s = fixture_sum (f, "trunk.in.s", "trunk.last.recycle_s", &n_s);
  want_z = fixture_sum (f, "trunk.last.recycle_z", "trunk.relpos", &n_z);
  state_load (state, f, "trunk.first.blocks.1.s", "trunk.first.blocks.1.z");
  pleat_folding_trunk_begin_pass (t.trunk, t.ctx, state, FALSE);
  esm_assert_parity_f32 (label, "pass2.block0.in.s", state->s, want_s, n_s, TOL_RECYCLE);
  esm_assert_parity_f32 (label, "pass2.block0.in.z", state->z, want_z, n_z, TOL_RECYCLE);

  trunk_close (&t);
}

/* The float32 squared bin edges equal what both references computed. */
static void
test_recycle_edges (gconstpointer data)
{
  const TrunkCase *tc = data;
  g_autoptr(EsmFixture) f = esm_fixture_open (tc->set, tc->case_name);
  g_autoptr(PleatTrunkState) state = NULL;
  Trunk t = { 0 };
  gsize n;
  g_autofree double *edges = esm_fixture_dup (f, "const.recycle_distogram_boundaries_sq", &n);
  float positions[2 * 14 * 3] = { 0 };

  g_assert_cmpuint (n, ==, PLEAT_TRUNK_RECYCLE_BINS - 1);
  trunk_open (&t, tc->set);
  state = pleat_trunk_state_new (t.trunk, 2, 0, 1, NULL);
  g_assert_nonnull (state);

  /* Two residues whose C-beta atoms lie exactly at distance^2 = edge (then in the bin below)
   * and just above it: N, CA, C placed so that CB = CA, i.e. a = b = c = 0. */
  for (gsize e = 0; e < n; e++)
    {
      for (int above = 0; above <= 1; above++)
        {
          double d2 = above ? nextafterf ((float) edges[e], INFINITY) : edges[e];

          for (int r = 0; r < 2; r++)
            for (int a = 0; a < 3; a++)
              for (int x = 0; x < 3; x++)
                positions[r * 42 + a * 3 + x] = (x == 0 && r == 1) ? (float) sqrt (d2) : 0.0f;
          pleat_folding_trunk_set_recycle_bins (state, positions);
          /* sqrt then squaring in double may move d2 by an ulp of the float edge: compare with
           * what the positions really give. */
          {
            double x = (float) sqrt (d2);
            guint want = 0;

            for (gsize k = 0; k < n; k++)
              want += x * x > edges[k];
            g_assert_cmpuint (state->recycle_bins[1], ==, want);
          }
        }
    }
  trunk_close (&t);
}

static const TrunkCase first_pass_cases[] = {
  { ESM_FIXTURE_HF, "b_mono12" },
  { ESM_FIXTURE_HF, "b_unk10" },
  { ESM_FIXTURE_FAIRESM, "a_acdef20" },
  { ESM_FIXTURE_FAIRESM, "a_unk9" },
};

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/pleat/esmfold/trunk/block-layers", test_block_layers);
  for (gsize i = 0; i < G_N_ELEMENTS (first_pass_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/pleat/esmfold/trunk/first-pass/%s/%s",
                                               esm_fixture_set_name (first_pass_cases[i].set),
                                               first_pass_cases[i].case_name);

      g_test_add_data_func (path, &first_pass_cases[i], test_first_pass);
    }
  g_test_add_func ("/pleat/esmfold/trunk/recycling", test_recycling);
  g_test_add_data_func ("/pleat/esmfold/trunk/recycle-edges/hf", &first_pass_cases[0],
                        test_recycle_edges);
  g_test_add_data_func ("/pleat/esmfold/trunk/recycle-edges/fair-esm", &first_pass_cases[2],
                        test_recycle_edges);
  return g_test_run ();
}
