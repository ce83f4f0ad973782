/* dispatch.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Fills a caller-owned kernel table: reference entries first, OpenBLAS for the matrix
 * products, then the ISA variants this build has and the CPU can run, up to the ISA asked for.
 */
#include "pleat-kernels-private.h"

#include <string.h>

static const char *const isa_names[] = {
  [PLEAT_KERNELS_ISA_REF] = "ref",
  [PLEAT_KERNELS_ISA_AVX2] = "avx2",
  [PLEAT_KERNELS_ISA_AVX512] = "avx512",
  [PLEAT_KERNELS_ISA_NEON] = "neon",
};

const char *
pleat_kernels_isa_name (PleatKernelsIsa isa)
{
  if ((size_t) isa < sizeof isa_names / sizeof isa_names[0])
    return isa_names[isa];
  return "unknown";
}

bool
pleat_kernels_isa_parse (const char      *name,
                         PleatKernelsIsa *isa)
{
  for (size_t i = 0; i < sizeof isa_names / sizeof isa_names[0]; i++)
    if (strcmp (name, isa_names[i]) == 0)
      {
        *isa = (PleatKernelsIsa) i;
        return true;
      }
  return false;
}

bool
pleat_kernels_isa_supported (PleatKernelsIsa         isa,
                             const PleatCpuFeatures *features)
{
  switch (isa)
    {
    case PLEAT_KERNELS_ISA_REF:
      return true;
    case PLEAT_KERNELS_ISA_AVX2:
#ifdef PLEAT_HAVE_AVX2
      return features->avx2 && features->fma && features->f16c;
#else
      return false;
#endif
    case PLEAT_KERNELS_ISA_AVX512:
#ifdef PLEAT_HAVE_AVX512
      return features->avx512f && features->avx2 && features->fma && features->f16c;
#else
      return false;
#endif
    case PLEAT_KERNELS_ISA_NEON:
    default:
      return false;
    }
}

static void
init_ref (PleatKernels *t)
{
  t->isa = PLEAT_KERNELS_ISA_REF;
  t->convert_f16_f32 = pleat_kern_convert_f16_f32_ref;
  t->convert_bf16_f32 = pleat_kern_convert_bf16_f32_ref;

  t->matmul = pleat_kern_matmul_f32_blas;
  t->matmul_batched = pleat_kern_matmul_batched_f32_blas;
  t->linear = pleat_kern_linear_f32_blas;

  t->layer_norm = pleat_kern_layer_norm_f32_ref;
  t->rms_norm = pleat_kern_rms_norm_f32_ref;
  t->softmax = pleat_kern_softmax_f32_ref;

  t->gelu = pleat_kern_gelu_f32_ref;
  t->relu = pleat_kern_relu_f32_ref;
  t->silu = pleat_kern_silu_f32_ref;
  t->sigmoid = pleat_kern_sigmoid_f32_ref;

  t->add = pleat_kern_add_f32_ref;
  t->mul = pleat_kern_mul_f32_ref;
  t->gate_sigmoid = pleat_kern_gate_sigmoid_f32_ref;
  t->swiglu = pleat_kern_swiglu_f32_ref;
  t->scale = pleat_kern_scale_f32_ref;
  t->axpy = pleat_kern_axpy_f32_ref;
  t->add_bias = pleat_kern_add_bias_f32_ref;
  t->transpose = pleat_kern_transpose_f32_ref;

  t->rope_tables = pleat_kern_rope_tables_f32_ref;
  t->rope_apply = pleat_kern_rope_apply_f32_ref;
}

bool
pleat_kernels_init (PleatKernels           *table,
                    const PleatCpuFeatures *features,
                    PleatKernelsIsa         max_isa)
{
  memset (table, 0, sizeof *table);
  init_ref (table);

#ifdef PLEAT_HAVE_AVX2
  if (max_isa >= PLEAT_KERNELS_ISA_AVX2 && max_isa != PLEAT_KERNELS_ISA_NEON
      && pleat_kernels_isa_supported (PLEAT_KERNELS_ISA_AVX2, features))
    pleat_kernels_init_avx2 (table);
#endif
#ifdef PLEAT_HAVE_AVX512
  if (max_isa >= PLEAT_KERNELS_ISA_AVX512 && max_isa != PLEAT_KERNELS_ISA_NEON
      && pleat_kernels_isa_supported (PLEAT_KERNELS_ISA_AVX512, features))
    pleat_kernels_init_avx512 (table);
#endif

  return pleat_kernels_isa_supported (max_isa, features);
}

uint64_t
pleat_kernels_fma_probe (PleatKernelsIsa isa,
                         uint64_t        n_iter)
{
  float sink = 0.0f;
  uint64_t flops = 0;

  switch (isa)
    {
#ifdef PLEAT_HAVE_AVX2
    case PLEAT_KERNELS_ISA_AVX2:
      flops = pleat_kern_fma_probe_f32_avx2 (n_iter, &sink);
      break;
#endif
#ifdef PLEAT_HAVE_AVX512
    case PLEAT_KERNELS_ISA_AVX512:
      flops = pleat_kern_fma_probe_f32_avx512 (n_iter, &sink);
      break;
#endif
    case PLEAT_KERNELS_ISA_REF:
    case PLEAT_KERNELS_ISA_NEON:
    default:
      break;
    }
  /* sink is what keeps the probe's loop alive; it is finite by construction. */
  return sink == sink ? flops : 0;
}

static void
serial_parallel_for (void          *pool,
                     size_t         n,
                     size_t         grain,
                     PleatRangeFunc fn,
                     void          *ctx)
{
  if (n > 0)
    fn (ctx, 0, n, 0);
}

PleatParallel
pleat_parallel_serial (void)
{
  PleatParallel par = { serial_parallel_for, NULL, 1 };

  return par;
}
