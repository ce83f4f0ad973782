/* pleat-parallel.h
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The engine's fork/join pool, the implementation of the kernels' PleatParallel contract:
 * n_threads - 1 worker threads created once, plus the calling thread as worker 0. A job
 * splits [0, n) into ranges handed out dynamically (so uneven pieces balance out) and returns
 * when every range is done. One job at a time: a pool belongs to one PleatCompute, used from
 * one thread (the engine thread).
 */
#pragma once

#include <glib.h>

#include "pleat-kernels.h"

G_BEGIN_DECLS

typedef struct _PleatParallelPool PleatParallelPool;

/* n_threads >= 1 (1: no worker threads, everything runs on the caller). */
PleatParallelPool *pleat_parallel_pool_new           (int                n_threads);
void               pleat_parallel_pool_free          (PleatParallelPool *self);
int                pleat_parallel_pool_get_n_threads (PleatParallelPool *self);
/* The PleatParallel to hand to kernels and layers; it borrows self. */
PleatParallel      pleat_parallel_pool_get_parallel  (PleatParallelPool *self);
/* Runs fn over [0, n) in ranges of at least grain items and waits for all of them. Calling
 * thread only; fn must not call back into the same pool. */
void               pleat_parallel_pool_run           (PleatParallelPool *self,
                                                      size_t             n,
                                                      size_t             grain,
                                                      PleatRangeFunc     fn,
                                                      void              *ctx);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PleatParallelPool, pleat_parallel_pool_free)

G_END_DECLS
