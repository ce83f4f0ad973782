/* pleat-tensor-convert.h
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Copies a tensor view (any dtype, any strides, possibly unaligned) into a contiguous
 * row-major buffer of another dtype. Half-precision floats go through the kernel table's
 * convert functions: this file only moves bytes around them.
 */
#pragma once

#include <glib.h>

#include "pleat-dtype.h"
#include "pleat-kernels.h"

G_BEGIN_DECLS

typedef struct
{
  PleatKernConvertFunc f16_f32;
  PleatKernConvertFunc bf16_f32;
} PleatConvertFuncs;

/* Fills funcs from kernels, or with the reference kernels when kernels is NULL. */
void     pleat_convert_funcs_init      (PleatConvertFuncs     *funcs,
                                        const PleatKernels    *kernels);
/* Whether src converts to dst: any dtype to itself; any float, integer or bool to F32 and
 * F64; integers and bool to I64. Floats never become integers. */
gboolean pleat_dtype_converts_to       (PleatDType             src,
                                        PleatDType             dst);
/* dst holds n_elements (view) elements of dst_dtype. The conversion must be supported. */
void     pleat_tensor_view_convert     (const PleatTensorView *view,
                                        PleatDType             dst_dtype,
                                        void                  *dst,
                                        const PleatConvertFuncs *funcs);

G_END_DECLS
