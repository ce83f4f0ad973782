/* pleat-tensor-convert.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pleat-engine"

#include "config.h"

#include <string.h>

#include "pleat-tensor-convert.h"

/* Elements converted per step: the bounce buffers stay in L2. */
#define CHUNK 8192

typedef struct
{
  const PleatConvertFuncs *funcs;
  PleatDType               src_dtype;
  PleatDType               dst_dtype;
  gsize                    src_size;
  gsize                    dst_size;
  guint8                  *bounce;    /* (CHUNK * 8) aligned source elements */
  float                   *widened;   /* (CHUNK) half floats widened to float32 */
} Converter;

void
pleat_convert_funcs_init (PleatConvertFuncs  *funcs,
                          const PleatKernels *kernels)
{
  g_return_if_fail (funcs != NULL);

  funcs->f16_f32 = kernels != NULL && kernels->convert_f16_f32 != NULL
                   ? kernels->convert_f16_f32 : pleat_kern_convert_f16_f32_ref;
  funcs->bf16_f32 = kernels != NULL && kernels->convert_bf16_f32 != NULL
                    ? kernels->convert_bf16_f32 : pleat_kern_convert_bf16_f32_ref;
}

gboolean
pleat_dtype_converts_to (PleatDType src,
                         PleatDType dst)
{
  g_return_val_if_fail (src < PLEAT_DTYPE_N_TYPES && dst < PLEAT_DTYPE_N_TYPES, FALSE);

  if (src == dst || dst == PLEAT_DTYPE_F32 || dst == PLEAT_DTYPE_F64)
    return TRUE;
  return dst == PLEAT_DTYPE_I64 && !pleat_dtype_is_float (src);
}

/* Integer and bool elements, read from an aligned buffer. */
static gint64
load_int (const void *src,
          PleatDType  dtype,
          gsize       i)
{
  switch (dtype)
    {
    case PLEAT_DTYPE_I64:
      return ((const gint64 *) src)[i];
    case PLEAT_DTYPE_I32:
      return ((const gint32 *) src)[i];
    case PLEAT_DTYPE_I16:
      return ((const gint16 *) src)[i];
    case PLEAT_DTYPE_I8:
      return ((const gint8 *) src)[i];
    case PLEAT_DTYPE_U8:
      return ((const guint8 *) src)[i];
    case PLEAT_DTYPE_BOOL:
      return ((const guint8 *) src)[i] != 0;
    case PLEAT_DTYPE_F32:
    case PLEAT_DTYPE_F16:
    case PLEAT_DTYPE_BF16:
    case PLEAT_DTYPE_F64:
    case PLEAT_DTYPE_N_TYPES:
    default:
      g_assert_not_reached ();
    }
}

/* n aligned source elements to dst. The buffers are void: their element type is a runtime
 * value, and the callers guarantee its alignment. */
static void
convert_aligned (Converter  *c,
                 const void *src,
                 void       *dst,
                 gsize       n)
{
  PleatDType s = c->src_dtype;

  if (s == c->dst_dtype)
    {
      memcpy (dst, src, n * c->src_size);
      return;
    }

  if (c->dst_dtype == PLEAT_DTYPE_I64)
    {
      gint64 *out = dst;

      for (gsize i = 0; i < n; i++)
        out[i] = load_int (src, s, i);
      return;
    }

  if (c->dst_dtype == PLEAT_DTYPE_F32)
    {
      float *out = dst;

      if (s == PLEAT_DTYPE_F16)
        c->funcs->f16_f32 ((const guint16 *) src, out, n);
      else if (s == PLEAT_DTYPE_BF16)
        c->funcs->bf16_f32 ((const guint16 *) src, out, n);
      else if (s == PLEAT_DTYPE_F64)
        for (gsize i = 0; i < n; i++)
          out[i] = (float) ((const double *) src)[i];
      else
        for (gsize i = 0; i < n; i++)
          out[i] = (float) load_int (src, s, i);
      return;
    }

  g_assert (c->dst_dtype == PLEAT_DTYPE_F64);
  {
    double *out = dst;

    if (s == PLEAT_DTYPE_F16 || s == PLEAT_DTYPE_BF16)
      {
        /* Widened exactly to float32 first, then exactly to float64. */
        (s == PLEAT_DTYPE_F16 ? c->funcs->f16_f32 : c->funcs->bf16_f32)
          ((const guint16 *) src, c->widened, n);
        for (gsize i = 0; i < n; i++)
          out[i] = c->widened[i];
      }
    else if (s == PLEAT_DTYPE_F32)
      for (gsize i = 0; i < n; i++)
        out[i] = ((const float *) src)[i];
    else
      for (gsize i = 0; i < n; i++)
        out[i] = (double) load_int (src, s, i);
  }
}

/* A run of n source elements stride elements apart, converted chunk by chunk. */
static guint8 *
convert_run (Converter    *c,
             const guint8 *src,
             gint64        stride,
             gsize         n,
             guint8       *dst)
{
  gboolean aligned = ((guintptr) src % c->src_size) == 0;

  if (stride == 1 && aligned)
    {
      /* The common case, a contiguous aligned run: no bounce, the kernels read the file. */
      for (gsize done = 0; done < n;)
        {
          gsize m = MIN (n - done, CHUNK);

          convert_aligned (c, src + done * c->src_size, dst, m);
          dst += m * c->dst_size;
          done += m;
        }
      return dst;
    }

  for (gsize done = 0; done < n;)
    {
      gsize m = MIN (n - done, CHUNK);

      if (stride == 1)
        memcpy (c->bounce, src + done * c->src_size, m * c->src_size);
      else
        for (gsize i = 0; i < m; i++)
          memcpy (c->bounce + i * c->src_size,
                  src + (done + i) * (gsize) stride * c->src_size, c->src_size);
      convert_aligned (c, c->bounce, dst, m);
      dst += m * c->dst_size;
      done += m;
    }
  return dst;
}

void
pleat_tensor_view_convert (const PleatTensorView   *view,
                           PleatDType               dst_dtype,
                           void                    *dst,
                           const PleatConvertFuncs *funcs)
{
  g_autofree guint8 *bounce = NULL;
  g_autofree float *widened = NULL;
  gint64 index[PLEAT_TENSOR_MAX_DIMS] = { 0 };
  Converter c;
  guint8 *out = dst;
  gint64 n_elements, n_runs, run_len, run_stride;
  guint n_outer;

  g_return_if_fail (view != NULL);
  g_return_if_fail (funcs != NULL);
  g_return_if_fail (pleat_dtype_converts_to (view->dtype, dst_dtype));

  n_elements = pleat_tensor_view_get_n_elements (view);
  if (n_elements == 0)
    return;

  bounce = g_malloc (CHUNK * 8);
  widened = g_new (float, CHUNK);
  c = (Converter) {
    .funcs = funcs,
    .src_dtype = view->dtype,
    .dst_dtype = dst_dtype,
    .src_size = pleat_dtype_get_size (view->dtype),
    .dst_size = pleat_dtype_get_size (dst_dtype),
    .bounce = bounce,
    .widened = widened,
  };

  if (pleat_tensor_view_is_contiguous (view))
    {
      convert_run (&c, view->data, 1, n_elements, out);
      return;
    }

  /* Strided: one run along the last dimension per index of the outer ones. */
  g_assert (view->n_dims > 0);
  n_outer = view->n_dims - 1;
  run_len = view->shape[n_outer];
  run_stride = view->strides[n_outer];
  n_runs = n_elements / run_len;
  for (gint64 r = 0; r < n_runs; r++)
    {
      gint64 offset = 0;

      for (guint d = 0; d < n_outer; d++)
        offset += index[d] * view->strides[d];
      out = convert_run (&c, view->data + offset * (gint64) c.src_size, run_stride, run_len, out);

      for (guint d = n_outer; d-- > 0;)
        {
          if (++index[d] < view->shape[d])
            break;
          index[d] = 0;
        }
    }
}
