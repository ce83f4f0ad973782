/* parity-util.h
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Helpers for the tests that compare a model part with reference tensors stored in
 * safetensors fixtures: reading a tensor as double or float, and Pearson / max-abs checks that
 * report their numbers in the TAP log.
 */
#pragma once

#include <glib.h>

#include "pleat-weights.h"

G_BEGIN_DECLS

typedef struct
{
  double pearson;
  double max_abs;       /* max |ours - ref| */
  double ref_absmax;    /* max |ref|, for scale */
  gsize  n;
} ParityStats;

/* The fixture directory under $PLEAT_SHARED_FIXTURES (the test fails when unset or absent:
 * CI has ../shared). */
char         *parity_shared_fixture_path (const char   *first_element,
                                          ...) G_GNUC_NULL_TERMINATED;

/* Opens a fixture file as a weights store; asserts on failure. */
PleatWeights *parity_open               (const char   *path);
gboolean      parity_has                (PleatWeights *fixture,
                                         const char   *name);
/* (transfer full) The tensor as double / float / int; n_elements receives its size and
 * shape (nullable) its dims. Asserts that it exists. */
double       *parity_dup_f64            (PleatWeights *fixture,
                                         const char   *name,
                                         gsize        *n_elements,
                                         PleatTensorInfo *info);
float        *parity_dup_f32            (PleatWeights *fixture,
                                         const char   *name,
                                         gsize        *n_elements);

ParityStats   parity_compare            (const float  *ours,
                                         const double *ref,
                                         gsize         n);
/* Compares, logs "name: pearson, max_abs (tolerance)" and asserts Pearson > 0.9999 (when the
 * reference is not constant) and max_abs <= tolerance. */
ParityStats   parity_check              (const char   *what,
                                         const float  *ours,
                                         const double *ref,
                                         gsize         n,
                                         double        tolerance);

G_END_DECLS
