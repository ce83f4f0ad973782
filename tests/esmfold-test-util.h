/* esmfold-test-util.h
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reading the ESMFold v1 reference fixtures and comparing against them, shared by the ESMFold
 * tests. Two fixture sets use the same tensor names: ours (tests/fixtures/esmfold/, made with
 * transformers by tests/reference/generate_esmfold_fixtures.py) and the independent fair-esm
 * one ($PLEAT_SHARED_FIXTURES/esmfold_v1/tiny-a/). Both index every case in case_<name>.json,
 * whose "aliases" map names stored once to their target.
 */
#pragma once

#include <glib.h>

#include "pleat-compute.h"
#include "pleat-model-config.h"
#include "pleat-weights.h"

G_BEGIN_DECLS

typedef enum
{
  ESM_FIXTURE_HF,       /* tiny-b, transformers */
  ESM_FIXTURE_FAIRESM,  /* tiny-a, fair-esm */
} EsmFixtureSet;

typedef struct _EsmFixture EsmFixture;

/* Folder of a fixture set and the weights file / config of its model. */
char           *esm_fixture_set_dir          (EsmFixtureSet  set);
char           *esm_fixture_set_weights_path (EsmFixtureSet  set);
char           *esm_fixture_set_config_path  (EsmFixtureSet  set);
const char     *esm_fixture_set_name         (EsmFixtureSet  set);
PleatEsmConfig *esm_fixture_set_load_config  (EsmFixtureSet  set);
PleatWeights   *esm_fixture_set_open_weights (EsmFixtureSet  set);

/* case_<name>_f64.safetensors with its index; asserts that both exist. */
EsmFixture     *esm_fixture_open             (EsmFixtureSet  set,
                                              const char    *case_name);
/* The same case's float32 reference run (case_<name>_f32.safetensors, same index): the floor
 * a float32 implementation can reach. It stores fewer tensors: check esm_fixture_has(). */
EsmFixture     *esm_fixture_open_f32         (EsmFixtureSet  set,
                                              const char    *case_name);
void            esm_fixture_free             (EsmFixture    *f);
const char     *esm_fixture_get_label        (EsmFixture    *f);
const char     *esm_fixture_get_sequence     (EsmFixture    *f);
guint           esm_fixture_get_n_passes     (EsmFixture    *f);
/* TRUE when the tensor (or the target of its alias) is stored. */
gboolean        esm_fixture_has              (EsmFixture    *f,
                                              const char    *name);
/* (transfer full) The tensor widened to double / narrowed to float; n (nullable) gets its
 * number of elements. Asserts that it exists. */
double         *esm_fixture_dup              (EsmFixture    *f,
                                              const char    *name,
                                              gsize         *n);
float          *esm_fixture_dup_f32          (EsmFixture    *f,
                                              const char    *name,
                                              gsize         *n);
gint64         *esm_fixture_dup_i64          (EsmFixture    *f,
                                              const char    *name,
                                              gsize         *n);

/* Pearson correlation and max |got - want| of got against the float64 reference. */
double          esm_pearson                  (const double  *got,
                                              const double  *want,
                                              gsize          n);
double          esm_max_abs                  (const double  *got,
                                              const double  *want,
                                              gsize          n);
/* Asserts Pearson > 0.9999 (unless want is constant) and max-abs <= max_abs_tol, and prints
 * one row of the parity table ("# parity <label> <tensor> pearson max_abs tol"). */
void            esm_assert_parity            (const char    *label,
                                              const char    *tensor,
                                              const double  *got,
                                              const double  *want,
                                              gsize          n,
                                              double         max_abs_tol);
/* The same for float results. */
void            esm_assert_parity_f32        (const char    *label,
                                              const char    *tensor,
                                              const float   *got,
                                              const double  *want,
                                              gsize          n,
                                              double         max_abs_tol);

/* RMSD (Angstrom) of two sets of n points (n, 3) after optimal superposition (Horn's
 * quaternion method, in double). */
double          esm_superposed_rmsd          (const double  *a,
                                              const double  *b,
                                              gsize          n);

/* The compute object the tests run on: 2 threads (the test machines have 2 cores). */
PleatCompute   *esm_test_compute_new         (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EsmFixture, esm_fixture_free)

G_END_DECLS
