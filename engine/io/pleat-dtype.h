/* pleat-dtype.h
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Element types of tensors in model files, and the strided view through which the readers
 * (safetensors, PyTorch checkpoints) hand a tensor's bytes to the weights store.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Most dimensions a tensor may have; checkpoints we read have at most 5. */
#define PLEAT_TENSOR_MAX_DIMS 8

typedef enum
{
  PLEAT_DTYPE_F32,
  PLEAT_DTYPE_F16,
  PLEAT_DTYPE_BF16,
  PLEAT_DTYPE_F64,
  PLEAT_DTYPE_I64,
  PLEAT_DTYPE_I32,
  PLEAT_DTYPE_I16,
  PLEAT_DTYPE_I8,
  PLEAT_DTYPE_U8,
  PLEAT_DTYPE_BOOL,
  PLEAT_DTYPE_N_TYPES,
} PleatDType;

/* Bytes per element. */
gsize       pleat_dtype_get_size          (PleatDType  dtype);
/* The safetensors spelling: "F32", "BF16", "BOOL". */
const char *pleat_dtype_get_name          (PleatDType  dtype);
/* Parses a safetensors dtype name; FALSE for names we do not know. */
gboolean    pleat_dtype_parse             (const char *name,
                                           PleatDType *dtype);
gboolean    pleat_dtype_is_float          (PleatDType  dtype);

/* A tensor as it lies in a file: element [i0, i1, ...] is at
 * data + (i0 * strides[0] + i1 * strides[1] + ...) * size (dtype). The readers validate that
 * every element lies inside the file before they hand a view out. data may be unaligned. */
typedef struct
{
  const char   *name;
  PleatDType    dtype;
  guint         n_dims;
  gint64        shape[PLEAT_TENSOR_MAX_DIMS];
  gint64        strides[PLEAT_TENSOR_MAX_DIMS];   /* in elements, >= 0 */
  const guint8 *data;                             /* element [0, 0, ...] */
} PleatTensorView;

/* The number of elements (the product of the shape; 1 for a scalar). The readers check
 * that it does not overflow. */
gint64   pleat_tensor_view_get_n_elements  (const PleatTensorView *view);
/* TRUE when the elements lie in row-major order with no gaps. */
gboolean pleat_tensor_view_is_contiguous   (const PleatTensorView *view);
/* The number of elements of a shape in *n_elements; FALSE when a dimension is negative or
 * the product overflows (then *n_elements is untouched). */
gboolean pleat_shape_get_n_elements        (const gint64          *shape,
                                            guint                  n_dims,
                                            guint64               *n_elements);
/* One more than the highest element index a strided layout reaches (0 for an empty tensor),
 * in *n_span; FALSE when a size or stride is negative or the arithmetic overflows. */
gboolean pleat_layout_get_span             (const gint64          *shape,
                                            const gint64          *strides,
                                            guint                  n_dims,
                                            guint64               *n_span);
/* "[2, 3, 4]"; "[]" for a scalar. */
char    *pleat_shape_to_string             (const gint64          *shape,
                                            guint                  n_dims);

G_END_DECLS
