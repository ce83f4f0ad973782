/* pleat-compute.h
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the models compute with: the kernel table chosen for this CPU (or forced by
 * PLEAT_KERNELS=ref|avx2|avx512) and the fork/join pool that splits work across cores. The
 * engine creates one and hands it to every model; it is used from one thread at a time.
 */
#pragma once

#include <glib-object.h>

#include "pleat-kernels.h"
#include "pleat-layers.h"

G_BEGIN_DECLS

#define PLEAT_TYPE_COMPUTE (pleat_compute_get_type ())

G_DECLARE_FINAL_TYPE (PleatCompute, pleat_compute, PLEAT, COMPUTE, GObject)

/* n_threads <= 0: one per processor. The kernel variant comes from $PLEAT_KERNELS when set,
 * else the best this CPU runs. Fails with PLEAT_ENGINE_ERROR_UNSUPPORTED when PLEAT_KERNELS
 * names an unknown variant or one this CPU or build cannot run. */
PleatCompute           *pleat_compute_new              (int            n_threads,
                                                        GError       **error);
/* Like pleat_compute_new() with the variant given (NULL or "": the best), ignoring the
 * environment. */
PleatCompute           *pleat_compute_new_for_isa      (int            n_threads,
                                                        const char    *isa,
                                                        GError       **error);

/* (transfer none) */
const PleatKernels     *pleat_compute_get_kernels      (PleatCompute  *self);
/* (transfer none): the table plus the pool, what pleat_layer_*() take. */
const PleatLayerCtx    *pleat_compute_get_layer_ctx    (PleatCompute  *self);
PleatParallel           pleat_compute_get_parallel     (PleatCompute  *self);
int                     pleat_compute_get_n_threads    (PleatCompute  *self);
PleatKernelsIsa         pleat_compute_get_isa          (PleatCompute  *self);
/* (transfer none) */
const PleatCpuFeatures *pleat_compute_get_cpu_features (PleatCompute  *self);

G_END_DECLS
