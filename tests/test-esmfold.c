/* test-esmfold.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * ESMFold v1 end to end against both float64 references (ours from transformers and fair-esm's
 * shared one): from the sequence to the structure, for monomers, X, zero and one recycles and
 * complexes, with the tolerances: C-alpha RMSD after superposition < 0.01 A,
 * per-residue pLDDT within 0.05, PAE within 0.05 A, pTM (and ipTM) within 1e-3. Also: loading
 * (model.safetensors and the float16-stem pytorch_model.bin give the same fold), chunked and
 * unchunked folds agree, progress, previews, cancellation, the memory plan, and the PleatModel
 * interface.
 */
#define G_LOG_DOMAIN "pleat-test"

#include "config.h"

#include <math.h>
#include <string.h>

#include "esmfold-test-util.h"
#include "pleat-engine.h"
#include "pleat-error.h"
#include "pleat-esmfold-structure.h"
#include "pleat-esmfold.h"
#include "pleat-esmfold-private.h"
#include "pleat-model-loader.h"

#define TOL_CA_RMSD       0.01
#define TOL_PLDDT         0.05
#define TOL_PAE           0.05
#define TOL_PTM           1e-3

typedef struct
{
  EsmFixtureSet  set;
  const char    *case_name;
} FoldCase;

static PleatEsmFold *
load_model (EsmFixtureSet set)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PleatCompute) compute = esm_test_compute_new ();
  g_autofree char *config = esm_fixture_set_config_path (set);
  g_autofree char *weights = esm_fixture_set_weights_path (set);
  PleatEsmFold *model = pleat_esmfold_new_from_files (config, weights, compute, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (model);
  return model;
}

static PleatSequenceRecord *
record_for (EsmFixture *f)
{
  g_autoptr(GError) error = NULL;
  PleatSequenceRecord *record = pleat_sequence_record_new ("test", "",
                                                           esm_fixture_get_sequence (f), &error);

  g_assert_no_error (error);
  return record;
}

static PleatEsmFoldResult *
fold (PleatEsmFold *model,
      EsmFixture   *f,
      guint         chunk)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PleatSequenceRecord) record = record_for (f);
  PleatEsmFoldResult *result;

  result = pleat_esmfold_predict (model, record, esm_fixture_get_n_passes (f), chunk, 0,
                                  NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);
  return result;
}

/* C-alpha coordinates of the residues (linker excluded), as doubles. */
static double *
ca_of (const float  *atom14,
       const double *atom14_d,
       const guint8 *linker,
       guint         n_res,
       gsize        *n_ca)
{
  double *ca = g_new (double, 3 * (gsize) n_res);
  gsize k = 0;

  for (guint i = 0; i < n_res; i++)
    {
      if (linker != NULL && linker[i])
        continue;
      for (int x = 0; x < 3; x++)
        ca[3 * k + x] = atom14 != NULL ? atom14[i * 42 + 3 + x] : atom14_d[i * 42 + 3 + x];
      k++;
    }
  *n_ca = k;
  return ca;
}

static void
test_fold (gconstpointer data)
{
  const FoldCase *fc = data;
  g_autoptr(EsmFixture) f = esm_fixture_open (fc->set, fc->case_name);
  g_autoptr(PleatEsmFold) model = load_model (fc->set);
  g_autoptr(PleatEsmFoldResult) r = fold (model, f, 0);
  g_autoptr(PleatStructure) structure = NULL;
  const char *label = esm_fixture_get_label (f);
  guint n = r->n_res;
  gsize n_ca, n_ca_ref, n_pae;
  g_autofree double *want_pos = esm_fixture_dup (f, "final_atom14_positions", NULL);
  g_autofree double *want_res_plddt = esm_fixture_dup (f, "plddt_residue_mean", NULL);
  g_autofree double *want_plddt = esm_fixture_dup (f, "plddt", NULL);
  g_autofree double *want_pae = esm_fixture_dup (f, "predicted_aligned_error", &n_pae);
  g_autofree double *want_ptm = esm_fixture_dup (f, "ptm", NULL);
  g_autofree double *want_mean = esm_fixture_dup (f, "mean_plddt", NULL);
  g_autofree double *ca = ca_of (r->positions, NULL, r->linker, n, &n_ca);
  g_autofree double *ca_ref = ca_of (NULL, want_pos, r->linker, n, &n_ca_ref);
  g_autofree guint8 *exists = g_new (guint8, (gsize) n * 37);
  g_autofree double *res_plddt = g_new0 (double, n);
  g_autofree double *pae = g_new (double, n_pae);
  double rmsd, max_res_plddt = 0.0, max_pae = 0.0, max_atom_plddt = 0.0;
  const PleatResidue *residues;
  guint n_residues, k = 0;
  const float *s_pae;
  guint s_n_pae;
  float s_max_pae;

  g_assert_cmpuint (r->n_passes, ==, esm_fixture_get_n_passes (f));
  g_assert_cmpuint (n_pae, ==, (gsize) n * n);

  /* Structure: C-alpha RMSD after superposition, and the raw deviation for the record. */
  rmsd = esm_superposed_rmsd (ca, ca_ref, n_ca);
  g_test_message ("e2e %s ca_rmsd=%.3g A (tol %.3g) ca_max_abs=%.3g A", label, rmsd,
                  TOL_CA_RMSD, esm_max_abs (ca, ca_ref, 3 * n_ca));
  g_assert_cmpfloat (rmsd, <, TOL_CA_RMSD);

  /* pLDDT per atom (existing atoms) and per residue. */
  pleat_esmfold_atom37_exists (r->aatype, r->n_chains > 1 ? r->linker : NULL, n, exists);
  for (guint i = 0; i < n; i++)
    {
      guint count = 0;

      for (guint a = 0; a < 37; a++)
        if (exists[i * 37 + a])
          {
            res_plddt[i] += r->plddt[i * 37 + a];
            max_atom_plddt = MAX (max_atom_plddt,
                                  fabs (r->plddt[i * 37 + a] - want_plddt[i * 37 + a]));
            count++;
          }
      res_plddt[i] = count > 0 ? res_plddt[i] / count : 0.0;
      max_res_plddt = MAX (max_res_plddt, fabs (res_plddt[i] - want_res_plddt[i]));
    }
  for (gsize i = 0; i < n_pae; i++)
    pae[i] = r->pae[i];
  max_pae = esm_max_abs (pae, want_pae, n_pae);
  g_test_message ("e2e %s plddt_residue_max_abs=%.3g (tol %.3g) plddt_atom_max_abs=%.3g "
                  "pae_max_abs=%.3g A (tol %.3g) ptm=%.6f ref=%.6f",
                  label, max_res_plddt, TOL_PLDDT, max_atom_plddt, max_pae, TOL_PAE, r->ptm,
                  want_ptm[0]);
  g_assert_cmpfloat (max_res_plddt, <=, TOL_PLDDT);
  g_assert_cmpfloat (max_pae, <=, TOL_PAE);
  g_assert_cmpfloat (fabs (r->ptm - want_ptm[0]), <=, TOL_PTM);
  g_assert_cmpfloat (fabs (pleat_esmfold_mean_plddt (r->plddt, exists, n) - want_mean[0]), <=,
                     TOL_PLDDT);

  if (esm_fixture_has (f, "iptm"))
    {
      g_autofree double *want_iptm = esm_fixture_dup (f, "iptm", NULL);

      g_test_message ("e2e %s iptm=%.6f ref=%.6f", label, r->iptm, want_iptm[0]);
      g_assert_cmpfloat (fabs (r->iptm - want_iptm[0]), <=, TOL_PTM);
    }
  else if (r->n_chains == 1)
    {
      g_assert_true (isnan (r->iptm));
    }

  /* The structure: linker gone, residue pLDDT and PAE as above, chains kept. */
  structure = pleat_esmfold_result_to_structure (r, "test");
  residues = pleat_structure_get_residues (structure, &n_residues);
  g_assert_cmpuint (pleat_structure_get_n_chains (structure), ==, r->n_chains);
  s_pae = pleat_structure_get_pae (structure, &s_n_pae, &s_max_pae);
  g_assert_cmpuint (s_n_pae, ==, n_residues);
  g_assert_cmpfloat (s_max_pae, ==, 31.75f);
  for (guint i = 0; i < n; i++)
    {
      guint kk = 0;

      if (r->linker[i])
        continue;
      g_assert_cmpuint (k, <, n_residues);
      /* X has no atoms in OpenFold's tables (the reference writes none), so no pLDDT. */
      if (residues[k].n_atoms == 0)
        {
          g_assert_cmpuint (r->aatype[i], ==, 20);
          g_assert_true (isnan (residues[k].plddt));
          g_assert_cmpfloat (want_res_plddt[i], ==, 0.0);
        }
      else
        {
          g_assert_cmpfloat (fabs (residues[k].plddt - want_res_plddt[i]), <=, TOL_PLDDT);
        }
      for (guint j = 0; j < n; j++)
        {
          if (r->linker[j])
            continue;
          g_assert_cmpfloat (fabs (s_pae[(gsize) k * s_n_pae + kk] - want_pae[(gsize) i * n + j]),
                             <=, TOL_PAE);
          kk++;
        }
      k++;
    }
  g_assert_cmpuint (k, ==, n_residues);
  g_assert_cmpfloat (fabs (pleat_structure_get_ptm (structure) - want_ptm[0]), <=, TOL_PTM);
}

/* The model's input (fair-esm's encoding), the language-model tokens, the layer weights and
 * the trunk input (esm_s_mlp + embedding) from the reference's own combined features. */
static void
test_stem (gconstpointer data)
{
  const FoldCase *fc = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(EsmFixture) f = esm_fixture_open (fc->set, fc->case_name);
  g_autoptr(PleatEsmFold) model = load_model (fc->set);
  g_autoptr(PleatSequenceRecord) record = record_for (f);
  g_autoptr(EsmFoldInput) in = _pleat_esmfold_input_new (record);
  g_autoptr(PleatTrunkState) state = NULL;
  const char *label = esm_fixture_get_label (f);
  gsize n, n_tok, n_w, n_s;
  g_autofree gint64 *aatype = esm_fixture_dup_i64 (f, "input.aatype", &n);
  g_autofree gint64 *residx = esm_fixture_dup_i64 (f, "input.residue_index", NULL);
  g_autofree gint64 *chain = esm_fixture_dup_i64 (f, "input.chain_index", NULL);
  g_autofree double *linker_mask = esm_fixture_dup (f, "input.linker_mask", NULL);
  g_autofree gint64 *want_tokens = esm_fixture_dup_i64 (f, "esm.tokens", &n_tok);
  g_autofree gint64 *tokens = NULL;
  g_autofree double *want_w = esm_fixture_dup (f, "esm_s_combine.weights", &n_w);
  g_autofree float *combined = esm_fixture_dup_f32 (f, "esm_s_combine.out", NULL);
  g_autofree double *want_s0 = esm_fixture_dup (f, "trunk.in.s", &n_s);

  g_assert_cmpuint (in->n_res, ==, n);
  for (gsize i = 0; i < n; i++)
    {
      g_assert_cmpint (in->aatype[i], ==, aatype[i]);
      g_assert_cmpint (in->residue_index[i], ==, residx[i]);
      g_assert_cmpint (in->chain_index[i], ==, chain[i]);
      g_assert_cmpint (in->linker[i], ==, linker_mask[i] == 0.0);
    }

  g_assert_cmpuint (n_tok, ==, n + 2);
  tokens = g_new (gint64, n_tok);
  _pleat_esmfold_tokens (model, in, tokens);
  g_assert_cmpmem (tokens, n_tok * sizeof (gint64), want_tokens, n_tok * sizeof (gint64));

  esm_assert_parity_f32 (label, "esm_s_combine.weights", model->combine_weights, want_w, n_w,
                         1e-7);

  state = pleat_trunk_state_new (model->trunk, n, 0, 2, &error);
  g_assert_no_error (error);
  g_assert_true (_pleat_esmfold_build_trunk_input (model, in, combined, state, &error));
  g_assert_no_error (error);
  esm_assert_parity_f32 (label, "trunk.in.s", state->s0, want_s0, n_s, 1e-5);
}

/* pytorch_model.bin with its float16 stem folds exactly like model.safetensors. */
static void
test_weight_files (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EsmFixture) f = esm_fixture_open (ESM_FIXTURE_HF, "b_unk10");
  g_autoptr(PleatCompute) compute = esm_test_compute_new ();
  g_autofree char *dir = esm_fixture_set_dir (ESM_FIXTURE_HF);
  g_autofree char *model_dir = g_build_filename (dir, "tiny-b", NULL);
  g_autofree char *config = g_build_filename (model_dir, "config.json", NULL);
  g_autofree char *bin = g_build_filename (model_dir, "pytorch_model.bin", NULL);
  g_autoptr(PleatEsmFold) from_dir = pleat_esmfold_new (model_dir, compute, NULL, &error);
  g_autoptr(PleatEsmFold) from_bin = NULL;
  g_autoptr(PleatEsmFoldResult) a = NULL;
  g_autoptr(PleatEsmFoldResult) b = NULL;

  g_assert_no_error (error);
  /* Every tensor of our checkpoint is used. */
  g_assert_cmpuint (g_strv_length ((char **) pleat_esmfold_get_unused_tensors (from_dir)), ==, 0);
  g_assert_cmpstr (pleat_model_get_name (PLEAT_MODEL (from_dir)), ==, "tiny-b");
  g_assert_cmpuint (pleat_esmfold_get_default_n_passes (from_dir), ==, 4);

  from_bin = pleat_esmfold_new_from_files (config, bin, compute, NULL, &error);
  g_assert_no_error (error);

  a = fold (from_dir, f, 0);
  b = fold (from_bin, f, 0);
  g_assert_cmpmem (a->positions, (gsize) a->n_res * 42 * sizeof (float),
                   b->positions, (gsize) b->n_res * 42 * sizeof (float));
  g_assert_cmpmem (a->pae, (gsize) a->n_res * a->n_res * sizeof (float),
                   b->pae, (gsize) b->n_res * b->n_res * sizeof (float));
  g_assert_cmpfloat (a->ptm, ==, b->ptm);
}

/* The float16 stem of pytorch_model.bin kept as stored (the default) against the same file
 * widened at load (PLEAT_STEM_PRECISION=f32): the weight values are the same, so the folds
 * agree to float32 rounding (max-abs 1e-5 on positions in Å, pLDDT, PAE and pTM; at this
 * size each linear is one tile, so in practice they are identical), while the half stem
 * holds its linear weights in half the bytes. An unknown precision is refused. */
static void
test_half_stem (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EsmFixture) f = esm_fixture_open (ESM_FIXTURE_HF, "b_mono12");
  g_autoptr(PleatCompute) compute = esm_test_compute_new ();
  g_autoptr(PleatEsmConfig) config = esm_fixture_set_load_config (ESM_FIXTURE_HF);
  g_autofree char *dir = esm_fixture_set_dir (ESM_FIXTURE_HF);
  g_autofree char *config_path = g_build_filename (dir, "tiny-b", "config.json", NULL);
  g_autofree char *bin = g_build_filename (dir, "tiny-b", "pytorch_model.bin", NULL);
  g_autoptr(PleatEsmFold) half = NULL;
  g_autoptr(PleatEsmFold) full = NULL;
  g_autoptr(PleatEsmFoldResult) a = NULL;
  g_autoptr(PleatEsmFoldResult) b = NULL;
  g_autoptr(PleatEsmFold) refused = NULL;
  guint64 d = config->hidden_size, nl = config->num_hidden_layers;
  /* q, k, v, o (d × d) and fc1, fc2 (d × d_ffn) of every layer. */
  guint64 linear_elements = nl * (4 * d * d + 2 * d * (guint64) config->intermediate_size);

  g_unsetenv ("PLEAT_STEM_PRECISION");
  half = pleat_esmfold_new_from_files (config_path, bin, compute, NULL, &error);
  g_assert_no_error (error);
  g_setenv ("PLEAT_STEM_PRECISION", "f32", TRUE);
  full = pleat_esmfold_new_from_files (config_path, bin, compute, NULL, &error);
  g_assert_no_error (error);
  g_setenv ("PLEAT_STEM_PRECISION", "f8", TRUE);
  refused = pleat_esmfold_new_from_files (config_path, bin, compute, NULL, &error);
  g_assert_null (refused);
  g_assert_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_INVALID_CONFIG);
  g_clear_error (&error);
  g_unsetenv ("PLEAT_STEM_PRECISION");

  g_assert_cmpuint (pleat_esmfold_get_weights_size (full) - pleat_esmfold_get_weights_size (half),
                    ==, linear_elements * 2);

  a = fold (half, f, 0);
  b = fold (full, f, 0);
  g_assert_cmpuint (a->n_res, ==, b->n_res);
  {
    gsize n_pos = (gsize) a->n_res * 42, n_pae = (gsize) a->n_res * a->n_res;
    g_autofree double *pos = g_new (double, n_pos);
    g_autofree double *pae = g_new (double, n_pae);
    g_autofree double *plddt = g_new (double, (gsize) a->n_res * 37);

    for (gsize i = 0; i < n_pos; i++)
      pos[i] = b->positions[i];
    for (gsize i = 0; i < n_pae; i++)
      pae[i] = b->pae[i];
    for (gsize i = 0; i < (gsize) a->n_res * 37; i++)
      plddt[i] = b->plddt[i];
    esm_assert_parity_f32 ("half stem", "positions", a->positions, pos, n_pos, 1e-5);
    esm_assert_parity_f32 ("half stem", "pae", a->pae, pae, n_pae, 1e-5);
    esm_assert_parity_f32 ("half stem", "plddt", a->plddt, plddt, (gsize) a->n_res * 37, 1e-5);
  }
  g_assert_cmpfloat_with_epsilon (a->ptm, b->ptm, 1e-5);
}

/* Bands of 3 rows against one band: the same numbers up to float rounding. */
static void
test_chunked (void)
{
  g_autoptr(EsmFixture) f = esm_fixture_open (ESM_FIXTURE_HF, "b_dimer");
  g_autoptr(PleatEsmFold) model = load_model (ESM_FIXTURE_HF);
  g_autoptr(PleatEsmFoldResult) a = fold (model, f, 0);
  g_autoptr(PleatEsmFoldResult) b = fold (model, f, 3);
  gsize n_ca;
  g_autofree double *ca_a = ca_of (a->positions, NULL, NULL, a->n_res, &n_ca);
  g_autofree double *ca_b = ca_of (b->positions, NULL, NULL, b->n_res, &n_ca);
  double d = esm_max_abs (ca_a, ca_b, 3 * n_ca);

  g_assert_cmpuint (a->chunk, ==, 0);
  g_assert_cmpuint (b->chunk, ==, 3);
  g_test_message ("chunking b_dimer chunk=3 vs unchunked: ca_max_abs=%.3g A ptm %.3g", d,
                  fabs (a->ptm - b->ptm));
  g_assert_cmpfloat (d, <, 1e-3);
  g_assert_cmpfloat (fabs (a->ptm - b->ptm), <, 1e-5);
}

typedef struct
{
  GArray       *events;       /* of PleatProgress */
  guint         n_previews;
  guint         last_preview_pass;
  guint         preview_residues;
  GCancellable *cancel_at;    /* cancelled when the trunk reaches pass 2, block 1 */
} Watch;

static void
progress_cb (const PleatProgress *progress,
             gpointer             user_data)
{
  Watch *w = user_data;

  g_array_append_val (w->events, *progress);
  if (w->cancel_at != NULL && progress->stage == PLEAT_STAGE_TRUNK && progress->pass == 2
      && progress->block == 1)
    g_cancellable_cancel (w->cancel_at);
}

static void
preview_cb (PleatStructure *preview,
            guint           pass,
            gpointer        user_data)
{
  Watch *w = user_data;

  g_assert_true (PLEAT_IS_STRUCTURE (preview));
  g_assert_cmpuint (pass, ==, w->last_preview_pass + 1);
  w->last_preview_pass = pass;
  w->n_previews++;
  w->preview_residues = pleat_structure_get_n_residues (preview);
  /* Previews carry pLDDT but no PAE. */
  g_assert_true (pleat_structure_has_plddt (preview));
  g_assert_null (pleat_structure_get_pae (preview, NULL, NULL));
}

static void
test_progress (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PleatEsmFold) model = load_model (ESM_FIXTURE_HF);
  g_autoptr(PleatSequenceRecord) record = pleat_sequence_record_new ("p", "", "MKTAY:GSH",
                                                                     &error);
  g_autoptr(PleatEsmFoldResult) r = NULL;
  Watch w = { g_array_new (FALSE, FALSE, sizeof (PleatProgress)), 0, 0, 0, NULL };
  const PleatProgress *ev;
  double last = 0.0;
  guint n_trunk = 0, n_sm = 0, n_lm = 0;

  g_assert_no_error (error);
  r = pleat_esmfold_predict (model, record, 3, 0, 0, progress_cb, preview_cb, &w, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (r->n_passes, ==, 3);

  ev = (const PleatProgress *) (void *) w.events->data;
  g_assert_cmpint (ev[0].stage, ==, PLEAT_STAGE_LANGUAGE_MODEL);
  for (guint i = 0; i < w.events->len; i++)
    {
      g_assert_cmpfloat (ev[i].fraction, >=, last);
      last = ev[i].fraction;
      g_assert_cmpuint (ev[i].n_passes, ==, 3);
      n_lm += ev[i].stage == PLEAT_STAGE_LANGUAGE_MODEL;
      if (ev[i].stage == PLEAT_STAGE_TRUNK)
        {
          g_assert_cmpuint (ev[i].n_blocks, ==, 2);
          g_assert_cmpuint (ev[i].block, ==, n_trunk % 2 + 1);
          g_assert_cmpuint (ev[i].pass, ==, n_trunk / 2 + 1);
          n_trunk++;
        }
      n_sm += ev[i].stage == PLEAT_STAGE_STRUCTURE_MODULE;
    }
  /* Start and one per language-model layer; 3 passes x 2 blocks; a structure module per pass
   * and the heads. */
  g_assert_cmpuint (n_lm, ==, 1 + 3);
  g_assert_cmpuint (n_trunk, ==, 6);
  g_assert_cmpuint (n_sm, ==, 3 + 1);
  g_assert_cmpfloat (last, ==, 1.0);
  g_assert_cmpuint (w.n_previews, ==, 3);
  /* The linker is not part of the preview either. */
  g_assert_cmpuint (w.preview_residues, ==, 8);
  g_array_unref (w.events);
}

static void
test_cancel (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PleatEsmFold) model = load_model (ESM_FIXTURE_HF);
  g_autoptr(PleatSequenceRecord) record = pleat_sequence_record_new ("c", "", "MKTAYIAKQ",
                                                                     &error);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Watch w = { g_array_new (FALSE, FALSE, sizeof (PleatProgress)), 0, 0, 0, cancellable };
  PleatEsmFoldResult *r;
  const PleatProgress *last;

  g_assert_no_error (error);
  r = pleat_esmfold_predict (model, record, 0, 0, 0, progress_cb, preview_cb, &w, cancellable,
                             &error);
  g_assert_null (r);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  /* Stopped before running the block it was cancelled at. */
  last = &g_array_index (w.events, PleatProgress, w.events->len - 1);
  g_assert_cmpuint (last->pass, ==, 2);
  g_assert_cmpuint (last->block, ==, 1);
  g_assert_cmpuint (w.n_previews, ==, 1);
  g_array_unref (w.events);
}

static void
test_memory (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PleatEsmConfig) config = esm_fixture_set_load_config (ESM_FIXTURE_HF);
  g_autoptr(PleatEsmFold) model = load_model (ESM_FIXTURE_HF);
  g_autoptr(PleatSequenceRecord) record = pleat_sequence_record_new ("m", "", "MKTAYIAKQRQW",
                                                                     &error);
  guint64 full = pleat_esmfold_estimate_memory (config, 200, 0, 2);
  guint64 half = pleat_esmfold_estimate_memory (config, 200, 100, 2);
  guint64 small = pleat_esmfold_estimate_memory (config, 200, 8, 2);
  guint64 one = pleat_esmfold_estimate_memory (config, 200, 1, 2);
  PleatEsmFoldResult *r;
  guint chunk = 12345;

  g_assert_no_error (error);
  /* Chunking bounds what grows with the band; the pair tensor stays. */
  g_assert_cmpuint (full, >, half);
  g_assert_cmpuint (half, >, small);
  g_assert_cmpuint (small, >=, one);
  g_assert_cmpuint (one, >=, 200 * 200 * 32 * sizeof (float));
  g_assert_cmpuint (pleat_esmfold_estimate_memory (config, 400, 0, 2), >, 4 * full / 2);
  /* The language model's stage counts the tiles its linears widen 16-bit weights into. */
  g_assert_cmpuint (pleat_esm2_get_scratch_size (config, 14, 2), >,
                    pleat_layer_linear_scratch_size (PLEAT_WEIGHT_F16,
                                                     config->intermediate_size, 2));

  g_assert_true (pleat_esmfold_choose_chunk (config, 200, full, 2, &chunk, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (chunk, ==, 0);
  g_assert_true (pleat_esmfold_choose_chunk (config, 200, half, 2, &chunk, &error));
  g_assert_cmpuint (chunk, ==, 100);
  g_assert_true (pleat_esmfold_choose_chunk (config, 200, small, 2, &chunk, &error));
  g_assert_cmpuint (chunk, <=, 8);
  g_assert_cmpuint (chunk, >, 0);
  g_assert_false (pleat_esmfold_choose_chunk (config, 200, one - 1, 2, &chunk, &error));
  g_assert_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_OUT_OF_MEMORY);
  g_assert_nonnull (strstr (error->message, "200 residues"));
  g_clear_error (&error);

  /* A fold refuses a budget it cannot fit, for a chosen or an explicit chunk. */
  r = pleat_esmfold_predict (model, record, 1, 0, 1024, NULL, NULL, NULL, NULL, &error);
  g_assert_null (r);
  g_assert_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_OUT_OF_MEMORY);
  g_clear_error (&error);
  r = pleat_esmfold_predict (model, record, 1, 4, 1024, NULL, NULL, NULL, NULL, &error);
  g_assert_null (r);
  g_assert_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_OUT_OF_MEMORY);
}

/* The engine's view: PleatModel.fold() from a request. */
static void
test_model_interface (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PleatEsmFold) model = load_model (ESM_FIXTURE_FAIRESM);
  const char *chains[] = { "MKTAYIAKQRQ", "GSHMLEDPVAG", NULL };
  g_autoptr(PleatFoldRequest) request = pleat_fold_request_new ("complex", chains);
  g_autoptr(PleatStructure) structure = NULL;
  g_autoptr(EsmFixture) f = esm_fixture_open (ESM_FIXTURE_FAIRESM, "a_dimer");
  g_autofree double *want_ptm = esm_fixture_dup (f, "ptm", NULL);
  const PleatChain *c;
  guint n_chains;

  request->n_passes = 4;
  structure = pleat_model_fold (PLEAT_MODEL (model), request, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pleat_structure_get_title (structure), ==, "complex");
  c = pleat_structure_get_chains (structure, &n_chains);
  g_assert_cmpuint (n_chains, ==, 2);
  g_assert_cmpstr (c[0].id, ==, "A");
  g_assert_cmpstr (c[1].id, ==, "B");
  g_assert_cmpuint (c[0].n_residues, ==, 11);
  g_assert_cmpuint (c[1].n_residues, ==, 11);
  g_assert_cmpfloat (fabs (pleat_structure_get_ptm (structure) - want_ptm[0]), <=, TOL_PTM);
  g_assert_false (isnan (pleat_structure_get_iptm (structure)));

  /* A bad residue is the user's error, not a crash. */
  g_clear_object (&structure);
  chains[0] = "MK1TAY";
  g_clear_pointer (&request, pleat_fold_request_free);
  request = pleat_fold_request_new ("bad", chains);
  structure = pleat_model_fold (PLEAT_MODEL (model), request, NULL, NULL, NULL, NULL, &error);
  g_assert_null (structure);
  g_assert_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_INVALID_SEQUENCE);
}

/* A checkpoint that does not match its config is refused, naming the tensor. */
static void
test_mismatched_checkpoint (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PleatCompute) compute = esm_test_compute_new ();
  g_autofree char *config_a = esm_fixture_set_config_path (ESM_FIXTURE_FAIRESM);
  g_autofree char *config_b = esm_fixture_set_config_path (ESM_FIXTURE_HF);
  g_autofree char *weights_a = esm_fixture_set_weights_path (ESM_FIXTURE_FAIRESM);
  g_autofree char *weights_b = esm_fixture_set_weights_path (ESM_FIXTURE_HF);
  PleatEsmFold *model;

  /* tiny-a's 2-layer stem under tiny-b's 3-layer config: layer 2 is missing. */
  model = pleat_esmfold_new_from_files (config_b, weights_a, compute, NULL, &error);
  g_assert_null (model);
  g_assert_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_MISSING_TENSOR);
  g_assert_nonnull (strstr (error->message, "esm.encoder.layer.2."));
  g_clear_error (&error);

  /* tiny-b's under tiny-a's: same names, a combination of 4 states instead of 3. */
  model = pleat_esmfold_new_from_files (config_a, weights_b, compute, NULL, &error);
  g_assert_null (model);
  g_assert_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_SHAPE_MISMATCH);
  g_assert_nonnull (strstr (error->message, "esm_s_combine"));
}

static void
store_result_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static PleatModel *
load_model_cb (const char    *path,
               gpointer       user_data,
               GCancellable  *cancellable,
               GError       **error)
{
  return pleat_model_load (path, PLEAT_COMPUTE (user_data), cancellable, error);
}

/* The whole stack: the engine thread loads the model folder (the loader picks ESMFold from
 * config.json) and folds a complex. */
static void
test_engine (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(PleatCompute) compute = esm_test_compute_new ();
  g_autofree char *dir = esm_fixture_set_dir (ESM_FIXTURE_HF);
  g_autofree char *model_dir = g_build_filename (dir, "tiny-b", NULL);
  g_autoptr(PleatEngine) engine = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(PleatJob) job = NULL;
  g_autoptr(PleatStructure) structure = NULL;
  const char *chains[] = { "MKWAY", "GSHMLR", NULL };
  g_autoptr(PleatFoldRequest) request = pleat_fold_request_new ("engine", chains);

  g_main_context_push_thread_default (context);
  engine = pleat_engine_new (load_model_cb, g_object_ref (compute), g_object_unref);
  pleat_engine_load_model_async (engine, model_dir, NULL, store_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (context, TRUE);
  g_assert_true (pleat_engine_load_model_finish (engine, result, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (pleat_engine_get_model_name (engine), ==, "tiny-b");
  g_clear_object (&result);

  job = pleat_engine_predict_async (engine, request, NULL, store_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (context, TRUE);
  structure = pleat_engine_predict_finish (engine, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pleat_structure_get_n_chains (structure), ==, 2);
  g_assert_cmpuint (pleat_structure_get_n_residues (structure), ==, 11);
  g_assert_cmpfloat (pleat_job_get_fraction (job), ==, 1.0);

  pleat_engine_shutdown (engine);
  g_clear_object (&engine);
  while (g_main_context_iteration (context, FALSE))
    ;
  g_main_context_pop_thread_default (context);
}

static const FoldCase cases[] = {
  { ESM_FIXTURE_HF, "b_mono12" },
  { ESM_FIXTURE_HF, "b_mono12_r0" },
  { ESM_FIXTURE_HF, "b_unk10" },
  { ESM_FIXTURE_HF, "b_dimer" },
  { ESM_FIXTURE_FAIRESM, "a_mktay33" },
  { ESM_FIXTURE_FAIRESM, "a_acdef20" },
  { ESM_FIXTURE_FAIRESM, "a_acdef20_r0" },
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
      g_autofree char *path = g_strdup_printf ("/pleat/esmfold/fold/%s/%s",
                                               esm_fixture_set_name (cases[i].set),
                                               cases[i].case_name);

      g_autofree char *stem_path = g_strdup_printf ("/pleat/esmfold/stem/%s/%s",
                                                    esm_fixture_set_name (cases[i].set),
                                                    cases[i].case_name);

      g_test_add_data_func (path, &cases[i], test_fold);
      g_test_add_data_func (stem_path, &cases[i], test_stem);
    }
  g_test_add_func ("/pleat/esmfold/weight-files", test_weight_files);
  g_test_add_func ("/pleat/esmfold/half-stem", test_half_stem);
  g_test_add_func ("/pleat/esmfold/chunked", test_chunked);
  g_test_add_func ("/pleat/esmfold/progress", test_progress);
  g_test_add_func ("/pleat/esmfold/cancel", test_cancel);
  g_test_add_func ("/pleat/esmfold/memory", test_memory);
  g_test_add_func ("/pleat/esmfold/model-interface", test_model_interface);
  g_test_add_func ("/pleat/esmfold/mismatched-checkpoint", test_mismatched_checkpoint);
  g_test_add_func ("/pleat/esmfold/engine", test_engine);
  return g_test_run ();
}
