/* pleat-dtype.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pleat-engine"

#include "config.h"

#include "pleat-dtype.h"

typedef struct
{
  const char *name;
  gsize       size;
  gboolean    is_float;
} DTypeInfo;

/* Indexed by PleatDType. */
static const DTypeInfo dtype_info[PLEAT_DTYPE_N_TYPES] = {
  [PLEAT_DTYPE_F32]  = { "F32",  4, TRUE },
  [PLEAT_DTYPE_F16]  = { "F16",  2, TRUE },
  [PLEAT_DTYPE_BF16] = { "BF16", 2, TRUE },
  [PLEAT_DTYPE_F64]  = { "F64",  8, TRUE },
  [PLEAT_DTYPE_I64]  = { "I64",  8, FALSE },
  [PLEAT_DTYPE_I32]  = { "I32",  4, FALSE },
  [PLEAT_DTYPE_I16]  = { "I16",  2, FALSE },
  [PLEAT_DTYPE_I8]   = { "I8",   1, FALSE },
  [PLEAT_DTYPE_U8]   = { "U8",   1, FALSE },
  [PLEAT_DTYPE_BOOL] = { "BOOL", 1, FALSE },
};

gsize
pleat_dtype_get_size (PleatDType dtype)
{
  g_return_val_if_fail (dtype < PLEAT_DTYPE_N_TYPES, 0);

  return dtype_info[dtype].size;
}

const char *
pleat_dtype_get_name (PleatDType dtype)
{
  g_return_val_if_fail (dtype < PLEAT_DTYPE_N_TYPES, NULL);

  return dtype_info[dtype].name;
}

gboolean
pleat_dtype_is_float (PleatDType dtype)
{
  g_return_val_if_fail (dtype < PLEAT_DTYPE_N_TYPES, FALSE);

  return dtype_info[dtype].is_float;
}

gboolean
pleat_dtype_parse (const char *name,
                   PleatDType *dtype)
{
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (dtype != NULL, FALSE);

  for (guint i = 0; i < PLEAT_DTYPE_N_TYPES; i++)
    {
      if (g_str_equal (name, dtype_info[i].name))
        {
          *dtype = (PleatDType) i;
          return TRUE;
        }
    }
  return FALSE;
}

gboolean
pleat_shape_get_n_elements (const gint64 *shape,
                            guint         n_dims,
                            guint64      *n_elements)
{
  guint64 n = 1;

  g_return_val_if_fail (n_dims == 0 || shape != NULL, FALSE);
  g_return_val_if_fail (n_elements != NULL, FALSE);

  for (guint i = 0; i < n_dims; i++)
    {
      if (shape[i] < 0 || !g_uint64_checked_mul (&n, n, (guint64) shape[i]))
        return FALSE;
    }
  /* Element counts must also fit the signed sizes the rest of the engine uses. */
  if (n > G_MAXINT64)
    return FALSE;
  *n_elements = n;
  return TRUE;
}

gboolean
pleat_layout_get_span (const gint64 *shape,
                       const gint64 *strides,
                       guint         n_dims,
                       guint64      *n_span)
{
  guint64 last = 0;

  g_return_val_if_fail (n_dims == 0 || (shape != NULL && strides != NULL), FALSE);
  g_return_val_if_fail (n_span != NULL, FALSE);

  for (guint i = 0; i < n_dims; i++)
    {
      if (shape[i] < 0 || strides[i] < 0)
        return FALSE;
      if (shape[i] == 0)
        {
          *n_span = 0;
          return TRUE;
        }
    }
  for (guint i = 0; i < n_dims; i++)
    {
      guint64 step;

      if (!g_uint64_checked_mul (&step, (guint64) (shape[i] - 1), (guint64) strides[i]) ||
          !g_uint64_checked_add (&last, last, step))
        return FALSE;
    }
  if (last >= G_MAXINT64)
    return FALSE;
  *n_span = last + 1;
  return TRUE;
}

gint64
pleat_tensor_view_get_n_elements (const PleatTensorView *view)
{
  gint64 n = 1;

  g_return_val_if_fail (view != NULL, 0);

  for (guint i = 0; i < view->n_dims; i++)
    n *= view->shape[i];
  return n;
}

gboolean
pleat_tensor_view_is_contiguous (const PleatTensorView *view)
{
  gint64 expected = 1;

  g_return_val_if_fail (view != NULL, FALSE);

  if (pleat_tensor_view_get_n_elements (view) == 0)
    return TRUE;
  for (guint i = view->n_dims; i-- > 0;)
    {
      /* A dimension of size 1 may carry any stride (torch writes such views). */
      if (view->shape[i] != 1 && view->strides[i] != expected)
        return FALSE;
      expected *= view->shape[i];
    }
  return TRUE;
}

char *
pleat_shape_to_string (const gint64 *shape,
                       guint         n_dims)
{
  GString *s = g_string_new ("[");

  for (guint i = 0; i < n_dims; i++)
    g_string_append_printf (s, "%s%" G_GINT64_FORMAT, i ? ", " : "", shape[i]);
  g_string_append_c (s, ']');
  return g_string_free (s, FALSE);
}
