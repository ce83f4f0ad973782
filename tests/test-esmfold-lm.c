/* test-esmfold-lm.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The ESM-2 language model against the float64 references (ours from transformers, fair-esm's
 * shared one): every hidden state, the raw last-layer output and the softmax-weighted
 * combination ESMFold feeds its trunk. The model runs the reference's own tokens through all
 * its layers, so later layers also carry the rounding of earlier ones. Our fixture's weights
 * are also read from pytorch_model.bin, whose stem is float16 as on the Hub and stays so in
 * memory: the result must be bit-identical to model.safetensors (same values).
 */
#define G_LOG_DOMAIN "pleat-test"

#include "config.h"

#include <string.h>

#include "esmfold-test-util.h"
#include "pleat-esm2.h"
#include "pleat-model-memory.h"

/* max |ours - float64| per hidden state (|h| <= 7); the transformers float32 run reaches a few
 * 1e-6 (f32_vs_f64 in the fixture index), this float32 implementation about 1e-6. */
#define TOL_HIDDEN    1e-5
#define TOL_COMBINED  1e-5

typedef struct
{
  EsmFixtureSet  set;
  const char    *case_name;
} LmCase;

typedef struct
{
  EsmFixture *fixture;
  guint       n_layers;
  char       *label;
  guint       n_seen;
} HiddenCheck;

static void
hidden_cb (guint        index,
           const float *hidden,
           gpointer     user_data)
{
  HiddenCheck *c = user_data;
  g_autofree char *name = NULL;
  g_autofree double *want = NULL;
  gsize n;

  if (index == 0)
    name = g_strdup ("esm.embedding_out");
  else if (index == PLEAT_ESM2_RAW_LAST_LAYER)
    name = g_strdup_printf ("esm.layers.%u.out", c->n_layers - 1);
  else if (index == c->n_layers)
    name = g_strdup ("esm.emb_layer_norm_after.out");
  else
    name = g_strdup_printf ("esm.layers.%u.out", index - 1);

  want = esm_fixture_dup (c->fixture, name, &n);
  esm_assert_parity_f32 (c->label, name, hidden, want, n, TOL_HIDDEN);
  c->n_seen++;
}

static float *
run_lm (const PleatEsmConfig *config,
        PleatWeights         *weights,
        PleatCompute         *compute,
        EsmFixture           *f,
        HiddenCheck          *check,
        gsize                *n_out)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PleatEsm2) lm = pleat_esm2_new_from_weights (config, weights, "esm.", &error);
  gsize n_tokens, n_weights;
  g_autofree gint64 *tokens = NULL;
  g_autofree float *mix = NULL;
  float *combined;
  gpointer scratch;
  gboolean ok;

  g_assert_no_error (error);
  tokens = esm_fixture_dup_i64 (f, "esm.tokens", &n_tokens);
  mix = esm_fixture_dup_f32 (f, "esm_s_combine.weights", &n_weights);
  g_assert_cmpuint (n_weights, ==, pleat_esm2_get_n_layers (lm) + 1);

  *n_out = (n_tokens - 2) * pleat_esm2_get_d_model (lm);
  combined = g_new (float, *n_out);
  scratch = pleat_model_alloc (pleat_esm2_get_scratch_size (config, n_tokens, 2), &error);
  g_assert_no_error (error);
  ok = pleat_esm2_run (lm, pleat_compute_get_layer_ctx (compute), tokens, n_tokens, mix,
                       combined, check != NULL ? hidden_cb : NULL, check, scratch, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  pleat_model_free (scratch);
  return combined;
}

static void
test_lm (gconstpointer data)
{
  const LmCase *lc = data;
  g_autoptr(EsmFixture) f = esm_fixture_open (lc->set, lc->case_name);
  g_autoptr(PleatEsmConfig) config = esm_fixture_set_load_config (lc->set);
  g_autoptr(PleatWeights) weights = esm_fixture_set_open_weights (lc->set);
  g_autoptr(PleatCompute) compute = esm_test_compute_new ();
  HiddenCheck check = { f, config->num_hidden_layers, NULL, 0 };
  g_autofree float *combined = NULL;
  g_autofree double *want = NULL;
  gsize n;

  check.label = g_strdup (esm_fixture_get_label (f));
  combined = run_lm (config, weights, compute, f, &check, &n);
  /* nl + 1 hidden states and the raw last layer. */
  g_assert_cmpuint (check.n_seen, ==, config->num_hidden_layers + 2);
  want = esm_fixture_dup (f, "esm_s_combine.out", NULL);
  esm_assert_parity_f32 (check.label, "esm_s_combine.out", combined, want, n, TOL_COMBINED);
  g_free (check.label);
}

/* pytorch_model.bin (float16 stem) and model.safetensors (float32) carry the same values. The
 * stem's linear weights of the first stay float16 and are widened as each linear runs; at this
 * size every linear is one tile, the same sgemm on the same values, hence bit-identical. */
static void
test_bin_weights (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EsmFixture) f = esm_fixture_open (ESM_FIXTURE_HF, "b_dimer");
  g_autoptr(PleatEsmConfig) config = esm_fixture_set_load_config (ESM_FIXTURE_HF);
  g_autoptr(PleatWeights) st = esm_fixture_set_open_weights (ESM_FIXTURE_HF);
  g_autofree char *dir = esm_fixture_set_dir (ESM_FIXTURE_HF);
  g_autofree char *bin_path = g_build_filename (dir, "tiny-b", "pytorch_model.bin", NULL);
  g_autoptr(PleatWeights) bin = pleat_weights_open (bin_path, NULL, &error);
  g_autoptr(PleatCompute) compute = esm_test_compute_new ();
  PleatTensorInfo info;
  g_autofree float *a = NULL;
  g_autofree float *b = NULL;
  gsize n_a, n_b;

  g_assert_no_error (error);
  g_assert_true (pleat_weights_lookup (bin, "esm.encoder.layer.0.intermediate.dense.weight",
                                       &info));
  g_assert_cmpint (info.dtype, ==, PLEAT_DTYPE_F16);

  a = run_lm (config, st, compute, f, NULL, &n_a);
  b = run_lm (config, bin, compute, f, NULL, &n_b);
  g_assert_cmpuint (n_a, ==, n_b);
  g_assert_cmpmem (a, n_a * sizeof (float), b, n_b * sizeof (float));
}

static const LmCase cases[] = {
  { ESM_FIXTURE_HF, "b_mono12" },
  { ESM_FIXTURE_HF, "b_dimer" },
  { ESM_FIXTURE_FAIRESM, "a_mktay33" },
  { ESM_FIXTURE_FAIRESM, "a_unk9" },
  { ESM_FIXTURE_FAIRESM, "a_dimer" },
};

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/pleat/esmfold/lm/%s/%s",
                                               esm_fixture_set_name (cases[i].set),
                                               cases[i].case_name);

      g_test_add_data_func (path, &cases[i], test_lm);
    }
  g_test_add_func ("/pleat/esmfold/lm/pytorch-bin", test_bin_weights);
  return g_test_run ();
}
