/* init-avx2.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The table entries the avx2 variants override. Only these ops have variants: the ones the
 * benchmark shows bound by our own loops (exp, erf and row reductions); the rest are memory-
 * bound, or OpenBLAS, and keep their reference or shared entries.
 */
#include "simd-avx2.h"

void
pleat_kernels_init_avx2 (PleatKernels *table)
{
  table->isa = PLEAT_KERNELS_ISA_AVX2;
  table->convert_f16_f32 = pleat_kern_convert_f16_f32_avx2;
  table->layer_norm = pleat_kern_layer_norm_f32_avx2;
  table->rms_norm = pleat_kern_rms_norm_f32_avx2;
  table->softmax = pleat_kern_softmax_f32_avx2;
  table->gelu = pleat_kern_gelu_f32_avx2;
  table->silu = pleat_kern_silu_f32_avx2;
  table->sigmoid = pleat_kern_sigmoid_f32_avx2;
  table->gate_sigmoid = pleat_kern_gate_sigmoid_f32_avx2;
  table->swiglu = pleat_kern_swiglu_f32_avx2;
}
