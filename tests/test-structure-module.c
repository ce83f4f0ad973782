/* test-structure-module.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Properties of the structure module that the reference fixtures do not exercise: a masked
 * (padding) residue changes nothing for the others, cancellation, configuration and weight
 * errors, the arena size, and the residue geometry (backbone atoms sit at their literature
 * positions in the backbone frame, a global motion moves every atom rigidly, a torsion only
 * moves the atoms downstream of it).
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "esmfold-test-util.h"
#include "pleat-error.h"
#include "pleat-model-config.h"
#include "pleat-residue-constants.h"
#include "pleat-structure-module.h"

typedef struct
{
  PleatCompute         *compute;
  PleatEsmConfig       *config;
  PleatWeights         *weights;
  PleatStructureModule *sm;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->compute = esm_test_compute_new ();
  f->config = esm_fixture_set_load_config (ESM_FIXTURE_FAIRESM);
  f->weights = esm_fixture_set_open_weights (ESM_FIXTURE_FAIRESM);
  f->sm = pleat_structure_module_new_from_weights (&f->config->esmfold.trunk.structure_module,
                                                   f->weights, "trunk.structure_module.",
                                                   &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_pointer (&f->sm, pleat_structure_module_free);
  g_clear_pointer (&f->weights, pleat_weights_unref);
  g_clear_pointer (&f->config, pleat_esm_config_free);
  g_clear_object (&f->compute);
}

/* The a_unk9 case's structure-module inputs: (9, c_s) and (9, 9, c_z). */
static void
load_inputs (guint8 **aatype,
             float  **single,
             float  **pair,
             gsize   *n_res)
{
  g_autoptr(EsmFixture) fx = esm_fixture_open (ESM_FIXTURE_FAIRESM, "a_unk9");
  g_autofree double *aa = esm_fixture_dup (fx, "input.aatype", n_res);

  *aatype = g_new (guint8, *n_res);
  for (gsize i = 0; i < *n_res; i++)
    (*aatype)[i] = (guint8) aa[i];
  *single = esm_fixture_dup_f32 (fx, "trunk.first.sm_in.single", NULL);
  *pair = esm_fixture_dup_f32 (fx, "trunk.first.sm_in.pair", NULL);
}

static PleatStructureModuleOutput *
run (Fixture      *f,
     const float  *single,
     const float  *pair,
     const guint8 *aatype,
     const float  *mask,
     gsize         n)
{
  const PleatStructureModuleConfig *c = pleat_structure_module_get_config (f->sm);
  g_autoptr(GError) error = NULL;
  g_autoptr(PleatStructureModuleScratch) scratch = pleat_structure_module_scratch_new (f->sm, n,
                                                                                      &error);
  g_autofree float *pair_copy = g_memdup2 (pair, n * n * c->pairwise_dim * sizeof (float));
  PleatStructureModuleOutput *out = pleat_structure_module_output_new (f->sm, n);

  g_assert_no_error (error);
  g_assert_true (pleat_structure_module_run (f->sm, pleat_compute_get_layer_ctx (f->compute),
                                             single, pair_copy, aatype, mask, scratch, out, NULL,
                                             &error));
  g_assert_no_error (error);
  return out;
}

static double
max_diff (const float *a,
          const float *b,
          gsize        n)
{
  double m = 0;

  for (gsize i = 0; i < n; i++)
    m = MAX (m, fabs ((double) a[i] - b[i]));
  return m;
}

/* Padding: with the last residue masked, the first n - 1 come out as if it were not there. */
static void
test_mask (Fixture       *f,
           gconstpointer  data)
{
  const PleatStructureModuleConfig *c = pleat_structure_module_get_config (f->sm);
  g_autofree guint8 *aatype = NULL;
  g_autofree float *single = NULL;
  g_autofree float *pair = NULL;
  g_autofree float *mask = NULL;
  g_autofree float *sub_pair = NULL;
  g_autoptr(PleatStructureModuleOutput) full = NULL;
  g_autoptr(PleatStructureModuleOutput) ones = NULL;
  g_autoptr(PleatStructureModuleOutput) masked = NULL;
  g_autoptr(PleatStructureModuleOutput) shorter = NULL;
  gsize n, m, cz = c->pairwise_dim;

  load_inputs (&aatype, &single, &pair, &n);
  m = n - 1;
  mask = g_new (float, n);
  for (gsize i = 0; i < n; i++)
    mask[i] = 1.0f;

  /* An all-ones mask is the same as none. */
  full = run (f, single, pair, aatype, NULL, n);
  ones = run (f, single, pair, aatype, mask, n);
  g_assert_cmpmem (full->positions, n * 8 * 42 * sizeof (float),
                   ones->positions, n * 8 * 42 * sizeof (float));

  mask[m] = 0.0f;
  masked = run (f, single, pair, aatype, mask, n);
  sub_pair = g_new (float, m * m * cz);
  for (gsize i = 0; i < m; i++)
    memcpy (sub_pair + i * m * cz, pair + i * n * cz, m * cz * sizeof (float));
  shorter = run (f, single, sub_pair, aatype, NULL, m);

  for (guint b = 0; b < c->num_blocks; b++)
    {
      g_assert_cmpfloat (max_diff (masked->positions + b * n * 42, shorter->positions + b * m * 42,
                                   m * 42), <, 1e-4);
      g_assert_cmpfloat (max_diff (masked->states + b * n * c->sequence_dim,
                                   shorter->states + b * m * c->sequence_dim,
                                   m * c->sequence_dim), <, 1e-5);
    }
  /* ... and it does change them when it is not masked. */
  g_assert_cmpfloat (max_diff (full->positions, masked->positions, m * 42), >, 1e-3);
}

static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree guint8 *aatype = NULL;
  g_autofree float *single = NULL;
  g_autofree float *pair = NULL;
  g_autoptr(PleatStructureModuleScratch) scratch = NULL;
  g_autoptr(PleatStructureModuleOutput) out = NULL;
  gsize n;

  load_inputs (&aatype, &single, &pair, &n);
  scratch = pleat_structure_module_scratch_new (f->sm, n, &error);
  g_assert_no_error (error);
  out = pleat_structure_module_output_new (f->sm, n);
  g_cancellable_cancel (cancellable);
  g_assert_false (pleat_structure_module_run (f->sm, pleat_compute_get_layer_ctx (f->compute),
                                              single, pair, aatype, NULL, scratch, out,
                                              cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
test_errors (Fixture       *f,
             gconstpointer  data)
{
  PleatStructureModuleConfig c = f->config->esmfold.trunk.structure_module;
  PleatStructureModule *sm;
  g_autoptr(GError) error = NULL;

  sm = pleat_structure_module_new_from_weights (&c, f->weights, "nope.", &error);
  g_assert_null (sm);
  g_assert_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_MISSING_TENSOR);
  g_clear_error (&error);

  c.sequence_dim += 1;
  sm = pleat_structure_module_new_from_weights (&c, f->weights, "trunk.structure_module.", &error);
  g_assert_null (sm);
  g_assert_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_SHAPE_MISMATCH);
  g_clear_error (&error);

  c = f->config->esmfold.trunk.structure_module;
  c.num_angles = 6;
  sm = pleat_structure_module_new_from_weights (&c, f->weights, "trunk.structure_module.", &error);
  g_assert_null (sm);
  g_assert_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_INVALID_CONFIG);
  g_clear_error (&error);

  c = f->config->esmfold.trunk.structure_module;
  c.num_heads_ipa = 0;
  sm = pleat_structure_module_new_from_weights (&c, f->weights, "trunk.structure_module.", &error);
  g_assert_null (sm);
  g_assert_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_INVALID_CONFIG);
}

static void
test_sizes (Fixture       *f,
            gconstpointer  data)
{
  const PleatStructureModuleConfig *c = pleat_structure_module_get_config (f->sm);
  guint64 s100 = pleat_structure_module_get_scratch_size (c, 100);
  guint64 s200 = pleat_structure_module_get_scratch_size (c, 200);
  guint64 pair_terms = 2ull * c->num_heads_ipa * 100 * 100 * sizeof (float);

  /* The (L, L, H) pair bias and the (H, L, L) attention dominate and grow as L². */
  g_assert_cmpuint (s100, >, pair_terms);
  g_assert_cmpuint (s200, >, 4 * pair_terms);
  g_assert_cmpuint (s200, <, 4 * s100);
  g_assert_cmpuint (pleat_structure_module_get_output_size (c, 10), >=,
                    10ull * c->num_blocks * (7 + 42 + c->sequence_dim) * sizeof (float));
}

static void
random_rigid (GRand      *rand,
              PleatRigid *r)
{
  float q[4];
  double n = 0;

  for (guint i = 0; i < 4; i++)
    {
      q[i] = (float) g_rand_double_range (rand, -1, 1);
      n += (double) q[i] * q[i];
    }
  for (guint i = 0; i < 4; i++)
    q[i] = (float) (q[i] / sqrt (n));
  pleat_quat_to_rot (q, r->r);
  for (guint i = 0; i < 3; i++)
    r->t[i] = (float) g_rand_double_range (rand, -30, 30);
}

static void
test_residue_atoms (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (5);
  PleatRigid id, moved, groups[8];
  float angles[14], pos[14 * 3], pos_moved[14 * 3], pos_turned[14 * 3];

  pleat_rigid_identity (&id);
  for (guint a = 0; a < 7; a++)
    {
      angles[a * 2] = 0.0f;
      angles[a * 2 + 1] = 1.0f;
    }

  for (guint r = 0; r < PLEAT_RC_N_RESTYPES; r++)
    {
      /* Backbone-group atoms (N, CA, C, CB) sit at their literature positions. */
      pleat_structure_module_residue_atoms (&id, angles, r, groups, pos);
      for (guint s = 0; s < 14; s++)
        {
          if (!pleat_rc_atom14_mask[r][s])
            {
              g_assert_cmpfloat (pos[s * 3], ==, 0.0f);
              continue;
            }
          if (pleat_rc_atom14_to_group[r][s] == 0)
            for (guint x = 0; x < 3; x++)
              g_assert_cmpfloat (pos[s * 3 + x], ==, pleat_rc_atom14_group_positions[r][s][x]);
        }
      /* The backbone group is the backbone frame itself; X has no groups at all (OpenFold
       * leaves its default frames zero, rotation included). */
      if (r != PLEAT_RC_UNK)
        g_assert_cmpmem (&groups[0], sizeof groups[0], &id, sizeof id);
      else
        g_assert_cmpfloat (groups[0].r[0][0], ==, 0.0f);

      /* A rigid motion of the backbone moves every atom with it. */
      random_rigid (rand, &moved);
      pleat_structure_module_residue_atoms (&moved, angles, r, groups, pos_moved);
      for (guint s = 0; s < 14; s++)
        if (pleat_rc_atom14_mask[r][s])
          {
            double p[3] = { pos[s * 3], pos[s * 3 + 1], pos[s * 3 + 2] }, q[3];

            pleat_rigid_apply (&moved, p, q);
            for (guint x = 0; x < 3; x++)
              g_assert_cmpfloat_with_epsilon (pos_moved[s * 3 + x], q[x], 1e-4);
          }

      /* Turning chi3 (torsion 5, rigid group 6) moves the atoms of groups 6 and 7 (chi4 hangs
       * off chi3) and nothing upstream. */
      angles[5 * 2] = 0.6f;
      angles[5 * 2 + 1] = 0.8f;
      pleat_structure_module_residue_atoms (&id, angles, r, groups, pos_turned);
      for (guint s = 0; s < 14; s++)
        {
          gboolean downstream = pleat_rc_atom14_to_group[r][s] >= 6;
          double d = 0;

          for (guint x = 0; x < 3; x++)
            d = MAX (d, fabs (pos_turned[s * 3 + x] - pos[s * 3 + x]));
          if (!downstream)
            g_assert_cmpfloat (d, ==, 0.0);
          else if (pleat_rc_atom14_mask[r][s])
            g_assert_cmpfloat (d, >, 1e-3);
        }
      angles[5 * 2] = 0.0f;
      angles[5 * 2 + 1] = 1.0f;
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/pleat/model/StructureModule/mask", Fixture, NULL,
              fixture_setup, test_mask, fixture_teardown);
  g_test_add ("/pleat/model/StructureModule/cancel", Fixture, NULL,
              fixture_setup, test_cancel, fixture_teardown);
  g_test_add ("/pleat/model/StructureModule/errors", Fixture, NULL,
              fixture_setup, test_errors, fixture_teardown);
  g_test_add ("/pleat/model/StructureModule/sizes", Fixture, NULL,
              fixture_setup, test_sizes, fixture_teardown);
  g_test_add_func ("/pleat/model/StructureModule/residue-atoms", test_residue_atoms);

  return g_test_run ();
}
