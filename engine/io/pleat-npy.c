/* pleat-npy.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The header grammar is the one numpy.lib.format writes and reads with ast.literal_eval; this
 * parser takes the subset that can describe a plain numeric array: the three keys, in any
 * order, single- or double-quoted strings, True/False, and a tuple of non-negative integers.
 */
#define G_LOG_DOMAIN "pleat-engine"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pleat-error.h"
#include "pleat-npy.h"

#define MAGIC        "\x93NUMPY"
#define MAGIC_LEN    6
/* numpy pads headers to 64 bytes and never writes one near this size; a bound keeps a
 * damaged length from steering the parse. */
#define MAX_HEADER   (1u << 20)

typedef struct
{
  const char *p;
  const char *end;
} Cursor;

static void
skip_space (Cursor *c)
{
  while (c->p < c->end && (*c->p == ' ' || *c->p == '\t' || *c->p == '\n' || *c->p == '\r'))
    c->p++;
}

static gboolean
take_char (Cursor *c,
           char    ch)
{
  skip_space (c);
  if (c->p < c->end && *c->p == ch)
    {
      c->p++;
      return TRUE;
    }
  return FALSE;
}

/* A quoted string without escapes (numpy writes none in these keys and values). */
static char *
take_string (Cursor *c)
{
  const char *start;
  char quote;

  skip_space (c);
  if (c->p >= c->end || (*c->p != '\'' && *c->p != '"'))
    return NULL;
  quote = *c->p++;
  start = c->p;
  while (c->p < c->end && *c->p != quote && *c->p != '\\')
    c->p++;
  if (c->p >= c->end || *c->p != quote)
    return NULL;
  return g_strndup (start, c->p++ - start);
}

static gboolean
take_word (Cursor     *c,
           const char *word)
{
  gsize len = strlen (word);

  skip_space (c);
  if ((gsize) (c->end - c->p) >= len && memcmp (c->p, word, len) == 0)
    {
      c->p += len;
      return TRUE;
    }
  return FALSE;
}

static gboolean
take_dimension (Cursor *c,
                gint64 *value)
{
  guint64 v = 0;
  const char *start;

  skip_space (c);
  start = c->p;
  while (c->p < c->end && g_ascii_isdigit (*c->p))
    {
      if (v > (guint64) (G_MAXINT64 - 9) / 10)
        return FALSE;
      v = v * 10 + (guint64) (*c->p++ - '0');
    }
  /* Python 2 era files may write long integers as 3L. */
  if (c->p < c->end && *c->p == 'L')
    c->p++;
  *value = (gint64) v;
  return c->p > start;
}

/* (), (N,), (N, M) and (N, M, ) alike. */
static gboolean
take_shape (Cursor *c,
            gint64 *shape,
            guint  *n_dims)
{
  *n_dims = 0;
  if (!take_char (c, '('))
    return FALSE;
  if (take_char (c, ')'))
    return TRUE;
  for (;;)
    {
      if (*n_dims == PLEAT_TENSOR_MAX_DIMS || !take_dimension (c, &shape[*n_dims]))
        return FALSE;
      (*n_dims)++;
      if (take_char (c, ')'))
        return TRUE;
      if (!take_char (c, ','))
        return FALSE;
      if (take_char (c, ')'))
        return TRUE;
    }
}

static gboolean
parse_descr (const char *descr,
             PleatDType *dtype)
{
  static const struct
  {
    const char *descr;
    PleatDType  dtype;
  } types[] = {
    { "<f2", PLEAT_DTYPE_F16 },
    { "<f4", PLEAT_DTYPE_F32 },
    { "<f8", PLEAT_DTYPE_F64 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      if (strcmp (descr, types[i].descr) == 0)
        {
          *dtype = types[i].dtype;
          return TRUE;
        }
    }
  return FALSE;
}

#define invalid(error, display_name, ...) \
  pleat_set_invalid_file_error ((error), (display_name), _("NumPy array"), \
                                __VA_ARGS__)

static gboolean
parse_header (Cursor          *c,
              const char      *display_name,
              PleatTensorView *view,
              gboolean        *fortran_order,
              GError         **error)
{
  gboolean has_descr = FALSE, has_order = FALSE, has_shape = FALSE;

  if (!take_char (c, '{'))
    return invalid (error, display_name, _("the header is not a dictionary"));
  while (!take_char (c, '}'))
    {
      g_autofree char *key = take_string (c);

      if (key == NULL || !take_char (c, ':'))
        return invalid (error, display_name, _("the header is malformed"));
      if (strcmp (key, "descr") == 0 && !has_descr)
        {
          g_autofree char *descr = take_string (c);

          if (descr == NULL)
            return invalid (error, display_name, _("the dtype is not a string"));
          if (!parse_descr (descr, &view->dtype))
            {
              g_set_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_UNSUPPORTED,
                           _("%s: arrays of dtype “%s” are not supported (only little-endian "
                             "float16, float32 and float64)"), display_name, descr);
              return FALSE;
            }
          has_descr = TRUE;
        }
      else if (strcmp (key, "fortran_order") == 0 && !has_order)
        {
          if (take_word (c, "True"))
            *fortran_order = TRUE;
          else if (take_word (c, "False"))
            *fortran_order = FALSE;
          else
            return invalid (error, display_name, _("fortran_order is not True or False"));
          has_order = TRUE;
        }
      else if (strcmp (key, "shape") == 0 && !has_shape)
        {
          if (!take_shape (c, view->shape, &view->n_dims))
            return invalid (error, display_name, _("the shape is not a tuple of at most %d "
                                                   "sizes"), PLEAT_TENSOR_MAX_DIMS);
          has_shape = TRUE;
        }
      else
        return invalid (error, display_name, _("unexpected or repeated key “%s”"), key);
      if (!take_char (c, ',') && !(skip_space (c), c->p < c->end && *c->p == '}'))
        return invalid (error, display_name, _("the header is malformed"));
    }
  skip_space (c);
  if (c->p != c->end)
    return invalid (error, display_name, _("the header has text after the dictionary"));
  if (!has_descr || !has_order || !has_shape)
    return invalid (error, display_name, _("the header lacks descr, fortran_order or shape"));
  return TRUE;
}

gboolean
pleat_npy_parse (const guint8     *data,
                 gsize             size,
                 const char       *display_name,
                 PleatTensorView  *view,
                 GError          **error)
{
  guint major;
  gsize prefix, header_len;
  guint64 n_elements, n_bytes;
  gboolean fortran_order = FALSE;
  Cursor c;

  g_return_val_if_fail (data != NULL || size == 0, FALSE);
  g_return_val_if_fail (display_name != NULL, FALSE);
  g_return_val_if_fail (view != NULL, FALSE);

  memset (view, 0, sizeof *view);
  if (size < MAGIC_LEN + 4 || memcmp (data, MAGIC, MAGIC_LEN) != 0)
    return invalid (error, display_name, _("no NumPy magic string"));
  major = data[MAGIC_LEN];
  if (major == 1)
    {
      prefix = MAGIC_LEN + 4;
      header_len = data[8] | ((gsize) data[9] << 8);
    }
  else if (major == 2 || major == 3)
    {
      if (size < MAGIC_LEN + 6)
        return invalid (error, display_name, _("the header is truncated"));
      prefix = MAGIC_LEN + 6;
      header_len = data[8] | ((gsize) data[9] << 8) | ((gsize) data[10] << 16) |
                   ((gsize) data[11] << 24);
    }
  else
    {
      g_set_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_UNSUPPORTED,
                   _("%s: NumPy format version %u is not supported"), display_name, major);
      return FALSE;
    }
  if (header_len > MAX_HEADER || header_len > size - prefix)
    return invalid (error, display_name, _("the header is truncated"));

  c.p = (const char *) data + prefix;
  c.end = c.p + header_len;
  if (!parse_header (&c, display_name, view, &fortran_order, error))
    return FALSE;

  if (!pleat_shape_get_n_elements (view->shape, view->n_dims, &n_elements) ||
      n_elements > G_MAXUINT64 / pleat_dtype_get_size (view->dtype))
    return invalid (error, display_name, _("the shape is too large"));
  n_bytes = n_elements * pleat_dtype_get_size (view->dtype);
  if (n_bytes != size - prefix - header_len)
    return invalid (error, display_name, _("the shape needs %" G_GUINT64_FORMAT " bytes of "
                                           "data but the file holds %" G_GSIZE_FORMAT),
                    n_bytes, size - prefix - header_len);

  /* Fortran order is the transposed layout: the first index varies fastest. The product of
   * the sizes fits, so every partial product does. */
  if (n_elements == 0)
    for (guint i = 0; i < view->n_dims; i++)
      view->strides[i] = 1;
  else if (fortran_order)
    for (guint i = 0; i < view->n_dims; i++)
      view->strides[i] = i == 0 ? 1 : view->strides[i - 1] * view->shape[i - 1];
  else
    for (guint i = view->n_dims; i-- > 0;)
      view->strides[i] = i == view->n_dims - 1 ? 1 : view->strides[i + 1] * view->shape[i + 1];
  view->data = data + prefix + header_len;
  return TRUE;
}
