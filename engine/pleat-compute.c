/* pleat-compute.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pleat-engine"

#include "config.h"

#include <glib/gi18n.h>

#include "pleat-compute.h"
#include "pleat-error.h"
#include "pleat-parallel.h"

struct _PleatCompute
{
  GObject            parent_instance;

  /* Owned */
  PleatParallelPool *pool;
  PleatKernels       kernels;
  PleatCpuFeatures   features;
  PleatLayerCtx      layer_ctx;
};

G_DEFINE_FINAL_TYPE (PleatCompute, pleat_compute, G_TYPE_OBJECT)

static void
pleat_compute_finalize (GObject *object)
{
  PleatCompute *self = PLEAT_COMPUTE (object);

  g_clear_pointer (&self->pool, pleat_parallel_pool_free);

  G_OBJECT_CLASS (pleat_compute_parent_class)->finalize (object);
}

static void
pleat_compute_class_init (PleatComputeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pleat_compute_finalize;
}

static void
pleat_compute_init (PleatCompute *self)
{
}

static PleatKernelsIsa
best_isa (const PleatCpuFeatures *features)
{
  static const PleatKernelsIsa order[] = {
    PLEAT_KERNELS_ISA_AVX512, PLEAT_KERNELS_ISA_AVX2, PLEAT_KERNELS_ISA_NEON,
  };

  for (size_t i = 0; i < G_N_ELEMENTS (order); i++)
    if (pleat_kernels_isa_supported (order[i], features))
      return order[i];
  return PLEAT_KERNELS_ISA_REF;
}

PleatCompute *
pleat_compute_new_for_isa (int          n_threads,
                           const char  *isa,
                           GError     **error)
{
  g_autoptr(PleatCompute) self = NULL;
  PleatCpuFeatures features;
  PleatKernelsIsa chosen;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  pleat_cpu_features_detect (&features);

  if (isa == NULL || isa[0] == '\0')
    chosen = best_isa (&features);
  else if (!pleat_kernels_isa_parse (isa, &chosen))
    {
      g_set_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_UNSUPPORTED,
                   _("Unknown kernel variant “%s” (expected ref, avx2, avx512 or neon)"), isa);
      return NULL;
    }
  else if (!pleat_kernels_isa_supported (chosen, &features))
    {
      g_set_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_UNSUPPORTED,
                   _("The %s kernels cannot run here: this processor or build lacks them"),
                   isa);
      return NULL;
    }

  if (n_threads <= 0)
    n_threads = (int) g_get_num_processors ();

  self = g_object_new (PLEAT_TYPE_COMPUTE, NULL);
  self->features = features;
  if (!pleat_kernels_init (&self->kernels, &features, chosen))
    g_assert_not_reached ();   /* checked just above */
  self->pool = pleat_parallel_pool_new (n_threads);
  self->layer_ctx.k = &self->kernels;
  self->layer_ctx.par = pleat_parallel_pool_get_parallel (self->pool);

  /* Our pool splits every op and calls OpenBLAS from each of its threads, so OpenBLAS's own
   * threads would only oversubscribe the cores (see the measurements in
   * tests/bench-kernels.c). This is a process-wide OpenBLAS setting. */
  pleat_kernels_set_blas_threads (1);

  g_debug ("Compute: %s kernels, %d threads", pleat_kernels_isa_name (chosen), n_threads);

  return g_steal_pointer (&self);
}

PleatCompute *
pleat_compute_new (int      n_threads,
                   GError **error)
{
  return pleat_compute_new_for_isa (n_threads, g_getenv ("PLEAT_KERNELS"), error);
}

const PleatKernels *
pleat_compute_get_kernels (PleatCompute *self)
{
  g_return_val_if_fail (PLEAT_IS_COMPUTE (self), NULL);

  return &self->kernels;
}

const PleatLayerCtx *
pleat_compute_get_layer_ctx (PleatCompute *self)
{
  g_return_val_if_fail (PLEAT_IS_COMPUTE (self), NULL);

  return &self->layer_ctx;
}

PleatParallel
pleat_compute_get_parallel (PleatCompute *self)
{
  g_return_val_if_fail (PLEAT_IS_COMPUTE (self), pleat_parallel_serial ());

  return self->layer_ctx.par;
}

int
pleat_compute_get_n_threads (PleatCompute *self)
{
  g_return_val_if_fail (PLEAT_IS_COMPUTE (self), 1);

  return pleat_parallel_pool_get_n_threads (self->pool);
}

PleatKernelsIsa
pleat_compute_get_isa (PleatCompute *self)
{
  g_return_val_if_fail (PLEAT_IS_COMPUTE (self), PLEAT_KERNELS_ISA_REF);

  return self->kernels.isa;
}

const PleatCpuFeatures *
pleat_compute_get_cpu_features (PleatCompute *self)
{
  g_return_val_if_fail (PLEAT_IS_COMPUTE (self), NULL);

  return &self->features;
}
