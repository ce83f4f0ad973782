/* pleat-unpickler.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The opcodes follow CPython's Lib/pickletools.py. Values are reference counted: the memo
 * shares them. A container is sealed as soon as it is put into another one and can no longer
 * change; together with the refusal to put a container into itself this rules out cycles, so
 * values are freed recursively with a bounded depth.
 */
#define G_LOG_DOMAIN "pleat-engine"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pleat-error.h"
#include "pleat-unpickler.h"
#include "pleat-unpickler-private.h"

/* Module and qualified names of allowed globals are short; longer lines are refused. */
#define MAX_GLOBAL_LINE 128

typedef struct
{
  const char        *module;
  const char        *name;
  PleatPickleGlobal  kind;
  PleatDType         dtype;
} AllowedGlobal;

static const AllowedGlobal allowed_globals[] = {
  { "collections", "OrderedDict", PLEAT_PICKLE_GLOBAL_ORDERED_DICT, 0 },
  { "torch._utils", "_rebuild_tensor_v2", PLEAT_PICKLE_GLOBAL_REBUILD_TENSOR_V2, 0 },
  { "torch._utils", "_rebuild_parameter", PLEAT_PICKLE_GLOBAL_REBUILD_PARAMETER, 0 },
  { "torch._utils", "_rebuild_parameter_with_state",
    PLEAT_PICKLE_GLOBAL_REBUILD_PARAMETER_WITH_STATE, 0 },
  { "torch", "FloatStorage", PLEAT_PICKLE_GLOBAL_STORAGE_TYPE, PLEAT_DTYPE_F32 },
  { "torch", "HalfStorage", PLEAT_PICKLE_GLOBAL_STORAGE_TYPE, PLEAT_DTYPE_F16 },
  { "torch", "BFloat16Storage", PLEAT_PICKLE_GLOBAL_STORAGE_TYPE, PLEAT_DTYPE_BF16 },
  { "torch", "DoubleStorage", PLEAT_PICKLE_GLOBAL_STORAGE_TYPE, PLEAT_DTYPE_F64 },
  { "torch", "LongStorage", PLEAT_PICKLE_GLOBAL_STORAGE_TYPE, PLEAT_DTYPE_I64 },
  { "torch", "IntStorage", PLEAT_PICKLE_GLOBAL_STORAGE_TYPE, PLEAT_DTYPE_I32 },
  { "torch", "ShortStorage", PLEAT_PICKLE_GLOBAL_STORAGE_TYPE, PLEAT_DTYPE_I16 },
  { "torch", "CharStorage", PLEAT_PICKLE_GLOBAL_STORAGE_TYPE, PLEAT_DTYPE_I8 },
  { "torch", "ByteStorage", PLEAT_PICKLE_GLOBAL_STORAGE_TYPE, PLEAT_DTYPE_U8 },
  { "torch", "BoolStorage", PLEAT_PICKLE_GLOBAL_STORAGE_TYPE, PLEAT_DTYPE_BOOL },
};

/* Opcodes we refuse, named for the error message. */
static const struct
{
  guint8      op;
  const char *name;
} refused_opcodes[] = {
  { 'i', "INST" }, { 'o', "OBJ" }, { 0x81, "NEWOBJ" }, { 0x92, "NEWOBJ_EX" },
  { 0x82, "EXT1" }, { 0x83, "EXT2" }, { 0x84, "EXT4" }, { 'P', "PERSID" }, { 'I', "INT" },
  { 'L', "LONG" }, { 0x8b, "LONG4" }, { 'S', "STRING" }, { 'V', "UNICODE" }, { 'F', "FLOAT" },
  { 'g', "GET" }, { 'p', "PUT" }, { 'T', "BINSTRING" }, { 'U', "SHORT_BINSTRING" },
  { 'B', "BINBYTES" }, { 'C', "SHORT_BINBYTES" }, { 0x8e, "BINBYTES8" },
  { 0x96, "BYTEARRAY8" }, { 0x97, "NEXT_BUFFER" }, { 0x98, "READONLY_BUFFER" },
  { 0x8f, "EMPTY_SET" }, { 0x90, "ADDITEMS" }, { 0x91, "FROZENSET" }, { '0', "POP" },
  { '1', "POP_MARK" }, { '2', "DUP" },
};

typedef struct
{
  const guint8 *data;
  gsize         len;
  gsize         pos;
  const char   *display_name;
  GPtrArray    *stack;         /* PleatPickleValue, owned */
  GArray       *marks;         /* guint: stack lengths at MARK */
  GHashTable   *memo;          /* index -> PleatPickleValue, owned */
} Unpickler;

G_GNUC_PRINTF (3, 4) static gboolean
fail (Unpickler   *u,
      GError     **error,
      const char  *format,
      ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_INVALID_FILE,
               _("%s: refused pickle at byte %" G_GSIZE_FORMAT ": %s"),
               u->display_name, u->pos, message);
  return FALSE;
}

static gboolean
need (Unpickler  *u,
      gsize       n,
      GError    **error)
{
  if (u->len - u->pos < n)
    return fail (u, error, _("the pickle is truncated"));
  return TRUE;
}

static guint64
read_le (Unpickler *u,
         guint      n)
{
  guint64 v = 0;

  for (guint i = 0; i < n; i++)
    v |= (guint64) u->data[u->pos + i] << (8 * i);
  u->pos += n;
  return v;
}

/* The lowest stack index the current mark protects. */
static guint
fence (Unpickler *u)
{
  return u->marks->len > 0 ? g_array_index (u->marks, guint, u->marks->len - 1) : 0;
}

static gboolean
push (Unpickler         *u,
      PleatPickleValue  *value,
      GError           **error)
{
  if (u->stack->len >= PLEAT_PICKLE_MAX_STACK)
    {
      pleat_pickle_value_unref (value);
      return fail (u, error, _("the stack grows beyond %u items"), PLEAT_PICKLE_MAX_STACK);
    }
  g_ptr_array_add (u->stack, value);
  return TRUE;
}

/* (transfer full) */
static PleatPickleValue *
pop (Unpickler  *u,
     GError    **error)
{
  if (u->stack->len <= fence (u))
    {
      fail (u, error, _("the stack underflows"));
      return NULL;
    }
  return g_ptr_array_steal_index (u->stack, u->stack->len - 1);
}

/* (transfer none) */
static PleatPickleValue *
peek (Unpickler  *u,
      GError    **error)
{
  if (u->stack->len <= fence (u))
    {
      fail (u, error, _("the stack underflows"));
      return NULL;
    }
  return g_ptr_array_index (u->stack, u->stack->len - 1);
}

/* The items pushed since the last MARK, moved into a new array of n_items (transfer full),
 * and the mark dropped. */
static PleatPickleValue **
pop_mark (Unpickler  *u,
          guint      *n_items,
          GError    **error)
{
  PleatPickleValue **items;
  guint start;

  if (u->marks->len == 0)
    {
      fail (u, error, _("no MARK to pop to"));
      return NULL;
    }
  start = g_array_index (u->marks, guint, u->marks->len - 1);
  g_array_set_size (u->marks, u->marks->len - 1);
  *n_items = u->stack->len - start;
  items = g_new (PleatPickleValue *, MAX (*n_items, 1));
  for (guint i = 0; i < *n_items; i++)
    items[i] = g_ptr_array_index (u->stack, start + i);
  /* The stack's free function must not drop the moved references. */
  for (guint i = u->stack->len; i > start; i--)
    g_ptr_array_steal_index (u->stack, i - 1);
  return items;
}

static void
free_items (PleatPickleValue **items,
            guint              n_items)
{
  for (guint i = 0; i < n_items; i++)
    if (items[i] != NULL)
      pleat_pickle_value_unref (items[i]);
  g_free (items);
}

/* Checks that child may go into container (not itself, not too deep, container still open)
 * and seals the child. */
static gboolean
adopt (Unpickler         *u,
       PleatPickleValue  *container,
       PleatPickleValue  *child,
       GError           **error)
{
  if (container->sealed)
    return fail (u, error, _("a container is changed after it was stored in another"));
  if (child == container)
    return fail (u, error, _("a container is put into itself"));
  if (child->depth + 1 > PLEAT_PICKLE_MAX_DEPTH)
    return fail (u, error, _("values nest deeper than %u levels"), PLEAT_PICKLE_MAX_DEPTH);
  container->depth = MAX (container->depth, child->depth + 1);
  child->sealed = TRUE;
  return TRUE;
}

static gboolean
seq_append (Unpickler         *u,
            PleatPickleValue  *seq,
            PleatPickleValue  *item,
            GError           **error)
{
  if (!adopt (u, seq, item, error))
    return FALSE;
  if (seq->seq.n_items == seq->seq.allocated)
    {
      seq->seq.allocated = MAX (4, seq->seq.allocated * 2);
      seq->seq.items = g_renew (PleatPickleValue *, seq->seq.items, seq->seq.allocated);
    }
  seq->seq.items[seq->seq.n_items++] = pleat_pickle_value_ref (item);
  return TRUE;
}

static gboolean
dict_set (Unpickler         *u,
          PleatPickleValue  *dict,
          PleatPickleValue  *key,
          PleatPickleValue  *value,
          GError           **error)
{
  if (key->type != PLEAT_PICKLE_STRING && key->type != PLEAT_PICKLE_INT &&
      key->type != PLEAT_PICKLE_BOOL && key->type != PLEAT_PICKLE_NONE)
    return fail (u, error, _("a dict key is not a string or a number"));
  if (!adopt (u, dict, key, error) || !adopt (u, dict, value, error))
    return FALSE;
  /* Duplicate keys are kept here; the checkpoint reader refuses them. */
  if (dict->dict.n_items == dict->dict.allocated)
    {
      dict->dict.allocated = MAX (4, dict->dict.allocated * 2);
      dict->dict.keys = g_renew (PleatPickleValue *, dict->dict.keys, dict->dict.allocated);
      dict->dict.values = g_renew (PleatPickleValue *, dict->dict.values, dict->dict.allocated);
    }
  dict->dict.keys[dict->dict.n_items] = pleat_pickle_value_ref (key);
  dict->dict.values[dict->dict.n_items] = pleat_pickle_value_ref (value);
  dict->dict.n_items++;
  return TRUE;
}

/* A new TUPLE of items (transfer full of the tuple; items' references are taken). */
static PleatPickleValue *
make_tuple (Unpickler         *u,
            PleatPickleValue **items,
            guint              n_items,
            GError           **error)
{
  g_autoptr(PleatPickleValue) tuple = _pleat_pickle_value_new (PLEAT_PICKLE_TUPLE);
  gboolean ok = TRUE;

  for (guint i = 0; i < n_items; i++)
    {
      if (ok)
        ok = seq_append (u, tuple, items[i], error);
      pleat_pickle_value_unref (items[i]);
    }
  return ok ? g_steal_pointer (&tuple) : NULL;
}

static gboolean
push_tuple_of (Unpickler  *u,
               guint       n,
               GError    **error)
{
  PleatPickleValue *items[3] = { NULL, NULL, NULL };
  PleatPickleValue *tuple;

  for (guint i = n; i-- > 0;)
    {
      items[i] = pop (u, error);
      if (items[i] == NULL)
        {
          for (guint j = i + 1; j < n; j++)
            pleat_pickle_value_unref (items[j]);
          return FALSE;
        }
    }
  tuple = make_tuple (u, items, n, error);
  return tuple != NULL && push (u, tuple, error);
}

static gboolean
read_global (Unpickler         *u,
             const char        *module,
             const char        *name,
             GError           **error)
{
  PleatPickleValue *value;

  for (guint i = 0; i < G_N_ELEMENTS (allowed_globals); i++)
    {
      if (g_str_equal (module, allowed_globals[i].module) &&
          g_str_equal (name, allowed_globals[i].name))
        {
          value = _pleat_pickle_value_new (PLEAT_PICKLE_GLOBAL);
          value->global.kind = allowed_globals[i].kind;
          value->global.dtype = allowed_globals[i].dtype;
          return push (u, value, error);
        }
    }
  return fail (u, error, _("it refers to %s.%s, which a state dict never needs (the file may "
                           "be malicious)"), module, name);
}

/* One "module\n" or "name\n" line of GLOBAL: printable ASCII, bounded. */
static char *
read_line (Unpickler  *u,
           GError    **error)
{
  gsize end = u->pos;
  char *line;

  while (end < u->len && end - u->pos < MAX_GLOBAL_LINE && u->data[end] != '\n')
    {
      if (u->data[end] < 0x20 || u->data[end] > 0x7e)
        {
          fail (u, error, _("a GLOBAL name is not printable text"));
          return NULL;
        }
      end++;
    }
  if (end >= u->len || u->data[end] != '\n')
    {
      fail (u, error, _("a GLOBAL name is too long or unterminated"));
      return NULL;
    }
  line = g_strndup ((const char *) u->data + u->pos, end - u->pos);
  u->pos = end + 1;
  return line;
}

static gboolean
read_string (Unpickler  *u,
             guint       len_bytes,
             GError    **error)
{
  PleatPickleValue *value;
  guint64 len;

  if (!need (u, len_bytes, error))
    return FALSE;
  len = read_le (u, len_bytes);
  if (len > u->len - u->pos)
    return fail (u, error, _("a string runs past the end of the pickle"));
  /* Also refuses NUL bytes: names are C strings from here on. */
  if (!g_utf8_validate_len ((const char *) u->data + u->pos, len, NULL))
    return fail (u, error, _("a string is not UTF-8 text"));
  value = _pleat_pickle_value_new (PLEAT_PICKLE_STRING);
  value->string.text = g_strndup ((const char *) u->data + u->pos, len);
  value->string.len = len;
  u->pos += len;
  return push (u, value, error);
}

static gboolean
push_int (Unpickler  *u,
          gint64      v,
          GError    **error)
{
  PleatPickleValue *value = _pleat_pickle_value_new (PLEAT_PICKLE_INT);

  value->integer = v;
  return push (u, value, error);
}

static gboolean
memo_put (Unpickler  *u,
          guint64     index,
          GError    **error)
{
  PleatPickleValue *top = peek (u, error);
  gpointer key = GUINT_TO_POINTER ((guint) index);

  if (top == NULL)
    return FALSE;
  if (!g_hash_table_contains (u->memo, key) &&
      g_hash_table_size (u->memo) >= PLEAT_PICKLE_MAX_MEMO)
    return fail (u, error, _("the memo grows beyond %u entries"), PLEAT_PICKLE_MAX_MEMO);
  g_hash_table_insert (u->memo, key, pleat_pickle_value_ref (top));
  return TRUE;
}

static gboolean
memo_get (Unpickler  *u,
          guint64     index,
          GError    **error)
{
  PleatPickleValue *value = g_hash_table_lookup (u->memo, GUINT_TO_POINTER ((guint) index));

  if (value == NULL)
    return fail (u, error, _("memo entry %" G_GUINT64_FORMAT " was never stored"), index);
  return push (u, pleat_pickle_value_ref (value), error);
}

static gboolean
is_int (const PleatPickleValue *v)
{
  return v->type == PLEAT_PICKLE_INT;
}

static gboolean
read_int_tuple (Unpickler              *u,
                const PleatPickleValue *tuple,
                gint64                 *out,
                guint                  *n_out,
                GError                **error)
{
  if (tuple->type != PLEAT_PICKLE_TUPLE)
    return fail (u, error, _("a tensor size or stride is not a tuple"));
  if (tuple->seq.n_items > PLEAT_TENSOR_MAX_DIMS)
    {
      g_set_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_UNSUPPORTED,
                   _("%s: a tensor has %u dimensions, more than the %u supported"),
                   u->display_name, tuple->seq.n_items, PLEAT_TENSOR_MAX_DIMS);
      return FALSE;
    }
  for (guint i = 0; i < tuple->seq.n_items; i++)
    {
      const PleatPickleValue *item = tuple->seq.items[i];

      if (!is_int (item) || item->integer < 0)
        return fail (u, error, _("a tensor size or stride is not a non-negative integer"));
      out[i] = item->integer;
    }
  *n_out = tuple->seq.n_items;
  return TRUE;
}

/* _rebuild_tensor_v2 (storage, storage_offset, size, stride, requires_grad, backward_hooks
 * [, metadata]). */
static PleatPickleValue *
rebuild_tensor (Unpickler         *u,
                PleatPickleValue  *args,
                GError           **error)
{
  g_autoptr(PleatPickleValue) tensor = NULL;
  PleatPickleValue **a = args->seq.items;
  guint n = args->seq.n_items, n_strides;

  if ((n != 6 && n != 7) || a[0]->type != PLEAT_PICKLE_STORAGE || !is_int (a[1]) ||
      a[1]->integer < 0 || a[4]->type != PLEAT_PICKLE_BOOL || a[5]->type != PLEAT_PICKLE_DICT ||
      (n == 7 && a[6]->type != PLEAT_PICKLE_NONE && a[6]->type != PLEAT_PICKLE_DICT))
    {
      fail (u, error, _("_rebuild_tensor_v2 has unexpected arguments"));
      return NULL;
    }
  tensor = _pleat_pickle_value_new (PLEAT_PICKLE_TENSOR);
  if (!read_int_tuple (u, a[2], tensor->tensor.shape, &tensor->tensor.n_dims, error) ||
      !read_int_tuple (u, a[3], tensor->tensor.strides, &n_strides, error))
    return NULL;
  if (n_strides != tensor->tensor.n_dims)
    {
      fail (u, error, _("a tensor has %u sizes but %u strides"), tensor->tensor.n_dims,
            n_strides);
      return NULL;
    }
  if (!adopt (u, tensor, a[0], error))
    return NULL;
  tensor->tensor.storage = pleat_pickle_value_ref (a[0]);
  tensor->tensor.offset = a[1]->integer;
  return g_steal_pointer (&tensor);
}

static gboolean
op_reduce (Unpickler  *u,
           GError    **error)
{
  g_autoptr(PleatPickleValue) args = pop (u, error);
  g_autoptr(PleatPickleValue) callable = NULL;
  PleatPickleValue *result = NULL;
  PleatPickleValue **a;
  guint n;

  if (args == NULL || (callable = pop (u, error)) == NULL)
    return FALSE;
  if (callable->type != PLEAT_PICKLE_GLOBAL ||
      callable->global.kind == PLEAT_PICKLE_GLOBAL_STORAGE_TYPE)
    return fail (u, error, _("REDUCE calls something that is not an allowed function"));
  if (args->type != PLEAT_PICKLE_TUPLE)
    return fail (u, error, _("REDUCE arguments are not a tuple"));
  a = args->seq.items;
  n = args->seq.n_items;

  switch (callable->global.kind)
    {
    case PLEAT_PICKLE_GLOBAL_ORDERED_DICT:
      if (n != 0)
        return fail (u, error, _("OrderedDict is called with arguments"));
      result = _pleat_pickle_value_new (PLEAT_PICKLE_DICT);
      break;
    case PLEAT_PICKLE_GLOBAL_REBUILD_TENSOR_V2:
      result = rebuild_tensor (u, args, error);
      if (result == NULL)
        return FALSE;
      break;
    case PLEAT_PICKLE_GLOBAL_REBUILD_PARAMETER:
    case PLEAT_PICKLE_GLOBAL_REBUILD_PARAMETER_WITH_STATE:
      if (n != (callable->global.kind == PLEAT_PICKLE_GLOBAL_REBUILD_PARAMETER ? 3u : 4u) ||
          a[0]->type != PLEAT_PICKLE_TENSOR || a[1]->type != PLEAT_PICKLE_BOOL ||
          a[2]->type != PLEAT_PICKLE_DICT)
        return fail (u, error, _("_rebuild_parameter has unexpected arguments"));
      /* A parameter is its tensor; requires_grad and hooks mean nothing at inference. */
      result = pleat_pickle_value_ref (a[0]);
      break;
    case PLEAT_PICKLE_GLOBAL_STORAGE_TYPE:
    default:
      g_assert_not_reached ();
    }
  return push (u, result, error);
}

/* BINPERSID: ('storage', torch.<Type>Storage, key, location, numel). */
static gboolean
op_persistent_id (Unpickler  *u,
                  GError    **error)
{
  g_autoptr(PleatPickleValue) pid = pop (u, error);
  PleatPickleValue *storage, **a;

  if (pid == NULL)
    return FALSE;
  if (pid->type != PLEAT_PICKLE_TUPLE || pid->seq.n_items != 5)
    return fail (u, error, _("a persistent id is not a storage record"));
  a = pid->seq.items;
  if (a[0]->type != PLEAT_PICKLE_STRING || !g_str_equal (a[0]->string.text, "storage") ||
      a[1]->type != PLEAT_PICKLE_GLOBAL ||
      a[1]->global.kind != PLEAT_PICKLE_GLOBAL_STORAGE_TYPE ||
      a[2]->type != PLEAT_PICKLE_STRING || a[3]->type != PLEAT_PICKLE_STRING ||
      !is_int (a[4]) || a[4]->integer < 0)
    return fail (u, error, _("a persistent id is not a storage record"));
  storage = _pleat_pickle_value_new (PLEAT_PICKLE_STORAGE);
  storage->storage.dtype = a[1]->global.dtype;
  storage->storage.key = g_strdup (a[2]->string.text);
  storage->storage.numel = a[4]->integer;
  return push (u, storage, error);
}

/* BUILD sets an object's state. Only OrderedDict's is allowed (state_dict() carries a
 * _metadata attribute), and it is dropped: nothing is ever set from a pickle. */
static gboolean
op_build (Unpickler  *u,
          GError    **error)
{
  g_autoptr(PleatPickleValue) state = pop (u, error);
  PleatPickleValue *target;

  if (state == NULL || (target = peek (u, error)) == NULL)
    return FALSE;
  if (target->type != PLEAT_PICKLE_DICT ||
      (state->type != PLEAT_PICKLE_DICT && state->type != PLEAT_PICKLE_NONE))
    return fail (u, error, _("BUILD sets the state of something other than a dict"));
  return TRUE;
}

static gboolean
op_setitems (Unpickler  *u,
             gboolean    marked,
             GError    **error)
{
  PleatPickleValue **items;
  PleatPickleValue *dict;
  gboolean ok = TRUE;
  guint n;

  if (marked)
    {
      items = pop_mark (u, &n, error);
      if (items == NULL)
        return FALSE;
    }
  else
    {
      items = g_new0 (PleatPickleValue *, 2);
      n = 2;
      if ((items[1] = pop (u, error)) == NULL || (items[0] = pop (u, error)) == NULL)
        {
          free_items (items, n);
          return FALSE;
        }
    }
  dict = peek (u, error);
  if (dict == NULL)
    ok = FALSE;
  else if (dict->type != PLEAT_PICKLE_DICT)
    ok = fail (u, error, _("SETITEM on something that is not a dict"));
  else if (n % 2 != 0)
    ok = fail (u, error, _("SETITEMS with an odd number of items"));
  for (guint i = 0; ok && i + 1 < n; i += 2)
    ok = dict_set (u, dict, items[i], items[i + 1], error);
  free_items (items, n);
  return ok;
}

static gboolean
op_appends (Unpickler  *u,
            gboolean    marked,
            GError    **error)
{
  PleatPickleValue **items;
  PleatPickleValue *list;
  gboolean ok = TRUE;
  guint n;

  if (marked)
    {
      items = pop_mark (u, &n, error);
      if (items == NULL)
        return FALSE;
    }
  else
    {
      items = g_new0 (PleatPickleValue *, 1);
      n = 1;
      if ((items[0] = pop (u, error)) == NULL)
        {
          free_items (items, n);
          return FALSE;
        }
    }
  list = peek (u, error);
  if (list == NULL)
    ok = FALSE;
  else if (list->type != PLEAT_PICKLE_LIST)
    ok = fail (u, error, _("APPEND on something that is not a list"));
  for (guint i = 0; ok && i < n; i++)
    ok = seq_append (u, list, items[i], error);
  free_items (items, n);
  return ok;
}

static gboolean
op_mark_container (Unpickler        *u,
                   PleatPickleType   type,
                   GError          **error)
{
  g_autoptr(PleatPickleValue) container = NULL;
  PleatPickleValue **items;
  gboolean ok = TRUE;
  guint n;

  items = pop_mark (u, &n, error);
  if (items == NULL)
    return FALSE;
  if (type == PLEAT_PICKLE_TUPLE)
    {
      PleatPickleValue *tuple = make_tuple (u, items, n, error);

      g_free (items);
      return tuple != NULL && push (u, tuple, error);
    }
  container = _pleat_pickle_value_new (type);
  if (type == PLEAT_PICKLE_DICT && n % 2 != 0)
    ok = fail (u, error, _("DICT with an odd number of items"));
  for (guint i = 0; ok && i < n; i += type == PLEAT_PICKLE_DICT ? 2 : 1)
    ok = type == PLEAT_PICKLE_DICT ? dict_set (u, container, items[i], items[i + 1], error)
                                   : seq_append (u, container, items[i], error);
  free_items (items, n);
  return ok && push (u, g_steal_pointer (&container), error);
}

static gboolean
op_long1 (Unpickler  *u,
          GError    **error)
{
  guint n;
  guint64 v;

  if (!need (u, 1, error))
    return FALSE;
  n = u->data[u->pos++];
  if (n > 8)
    return fail (u, error, _("an integer of %u bytes is too large"), n);
  if (!need (u, n, error))
    return FALSE;
  v = read_le (u, n);
  /* Two's complement of n bytes: sign-extend. */
  if (n > 0 && n < 8 && (v >> (8 * n - 1)) & 1)
    v |= ~G_GUINT64_CONSTANT (0) << (8 * n);
  return push_int (u, (gint64) v, error);
}

static gboolean
op_binfloat (Unpickler  *u,
             GError    **error)
{
  PleatPickleValue *value;
  guint64 bits = 0;

  if (!need (u, 8, error))
    return FALSE;
  /* Big-endian, unlike everything else. */
  for (guint i = 0; i < 8; i++)
    bits = (bits << 8) | u->data[u->pos + i];
  u->pos += 8;
  value = _pleat_pickle_value_new (PLEAT_PICKLE_FLOAT);
  memcpy (&value->real, &bits, sizeof value->real);
  return push (u, value, error);
}

static gboolean
op_global (Unpickler  *u,
           GError    **error)
{
  g_autofree char *module = read_line (u, error);
  g_autofree char *name = NULL;

  if (module == NULL || (name = read_line (u, error)) == NULL)
    return FALSE;
  return read_global (u, module, name, error);
}

static gboolean
op_stack_global (Unpickler  *u,
                 GError    **error)
{
  g_autoptr(PleatPickleValue) name = pop (u, error);
  g_autoptr(PleatPickleValue) module = NULL;

  if (name == NULL || (module = pop (u, error)) == NULL)
    return FALSE;
  if (name->type != PLEAT_PICKLE_STRING || module->type != PLEAT_PICKLE_STRING)
    return fail (u, error, _("STACK_GLOBAL names are not strings"));
  return read_global (u, module->string.text, name->string.text, error);
}

static gboolean
op_simple (Unpickler        *u,
           PleatPickleType   type,
           gboolean          boolean,
           GError          **error)
{
  PleatPickleValue *value = _pleat_pickle_value_new (type);

  value->boolean = boolean;
  return push (u, value, error);
}

static gboolean
refuse_opcode (Unpickler  *u,
               guint8      op,
               GError    **error)
{
  const char *name = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (refused_opcodes); i++)
    if (refused_opcodes[i].op == op)
      name = refused_opcodes[i].name;
  if (name != NULL)
    return fail (u, error, _("opcode %s is not allowed in a state dict (the file may be "
                             "malicious)"), name);
  return fail (u, error, _("unknown opcode 0x%02x"), op);
}

/* One opcode; *result is set at STOP. */
static gboolean
step (Unpickler         *u,
      PleatPickleValue **result,
      GError           **error)
{
  guint8 op = u->data[u->pos++];

  switch (op)
    {
    case 0x80:  /* PROTO */
      if (!need (u, 1, error))
        return FALSE;
      if (u->data[u->pos] > 5)
        return fail (u, error, _("pickle protocol %u is unknown"), u->data[u->pos]);
      u->pos++;
      return TRUE;
    case 0x95:  /* FRAME: advisory only */
      {
        guint64 frame_len;

        if (!need (u, 8, error))
          return FALSE;
        frame_len = read_le (u, 8);
        if (frame_len > u->len - u->pos)
          return fail (u, error, _("a frame runs past the end of the pickle"));
        return TRUE;
      }
    case '.':   /* STOP */
      *result = pop (u, error);
      return *result != NULL;
    case '(':   /* MARK */
      if (u->marks->len >= PLEAT_PICKLE_MAX_MARKS)
        return fail (u, error, _("more than %u nested MARKs"), PLEAT_PICKLE_MAX_MARKS);
      g_array_append_val (u->marks, u->stack->len);
      return TRUE;
    case ')':   /* EMPTY_TUPLE */
      return push (u, _pleat_pickle_value_new (PLEAT_PICKLE_TUPLE), error);
    case ']':   /* EMPTY_LIST */
      return push (u, _pleat_pickle_value_new (PLEAT_PICKLE_LIST), error);
    case '}':   /* EMPTY_DICT */
      return push (u, _pleat_pickle_value_new (PLEAT_PICKLE_DICT), error);
    case 't':   /* TUPLE */
      return op_mark_container (u, PLEAT_PICKLE_TUPLE, error);
    case 'l':   /* LIST */
      return op_mark_container (u, PLEAT_PICKLE_LIST, error);
    case 'd':   /* DICT */
      return op_mark_container (u, PLEAT_PICKLE_DICT, error);
    case 0x85:  /* TUPLE1 */
      return push_tuple_of (u, 1, error);
    case 0x86:  /* TUPLE2 */
      return push_tuple_of (u, 2, error);
    case 0x87:  /* TUPLE3 */
      return push_tuple_of (u, 3, error);
    case 'a':   /* APPEND */
      return op_appends (u, FALSE, error);
    case 'e':   /* APPENDS */
      return op_appends (u, TRUE, error);
    case 's':   /* SETITEM */
      return op_setitems (u, FALSE, error);
    case 'u':   /* SETITEMS */
      return op_setitems (u, TRUE, error);
    case 'q':   /* BINPUT */
      return need (u, 1, error) && memo_put (u, read_le (u, 1), error);
    case 'r':   /* LONG_BINPUT */
      return need (u, 4, error) && memo_put (u, read_le (u, 4), error);
    case 0x94:  /* MEMOIZE */
      return memo_put (u, g_hash_table_size (u->memo), error);
    case 'h':   /* BINGET */
      return need (u, 1, error) && memo_get (u, read_le (u, 1), error);
    case 'j':   /* LONG_BINGET */
      return need (u, 4, error) && memo_get (u, read_le (u, 4), error);
    case 'K':   /* BININT1 */
      return need (u, 1, error) && push_int (u, (gint64) read_le (u, 1), error);
    case 'M':   /* BININT2 */
      return need (u, 2, error) && push_int (u, (gint64) read_le (u, 2), error);
    case 'J':   /* BININT */
      return need (u, 4, error) && push_int (u, (gint32) (guint32) read_le (u, 4), error);
    case 0x8a:  /* LONG1 */
      return op_long1 (u, error);
    case 'G':   /* BINFLOAT */
      return op_binfloat (u, error);
    case 0x88:  /* NEWTRUE */
      return op_simple (u, PLEAT_PICKLE_BOOL, TRUE, error);
    case 0x89:  /* NEWFALSE */
      return op_simple (u, PLEAT_PICKLE_BOOL, FALSE, error);
    case 'N':   /* NONE */
      return op_simple (u, PLEAT_PICKLE_NONE, FALSE, error);
    case 'X':   /* BINUNICODE */
      return read_string (u, 4, error);
    case 0x8c:  /* SHORT_BINUNICODE */
      return read_string (u, 1, error);
    case 0x8d:  /* BINUNICODE8 */
      return read_string (u, 8, error);
    case 'c':   /* GLOBAL */
      return op_global (u, error);
    case 0x93:  /* STACK_GLOBAL */
      return op_stack_global (u, error);
    case 'R':   /* REDUCE */
      return op_reduce (u, error);
    case 'Q':   /* BINPERSID */
      return op_persistent_id (u, error);
    case 'b':   /* BUILD */
      return op_build (u, error);
    default:
      u->pos--;
      return refuse_opcode (u, op, error);
    }
}

PleatPickleValue *
pleat_unpickle (const guint8  *data,
                gsize          len,
                const char    *display_name,
                GError       **error)
{
  PleatPickleValue *result = NULL;
  Unpickler u = {
    .data = data,
    .len = len,
    .display_name = display_name,
  };

  g_return_val_if_fail (data != NULL || len == 0, NULL);
  g_return_val_if_fail (display_name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  u.stack = g_ptr_array_new_with_free_func ((GDestroyNotify) pleat_pickle_value_unref);
  u.marks = g_array_new (FALSE, FALSE, sizeof (guint));
  u.memo = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL,
                                  (GDestroyNotify) pleat_pickle_value_unref);
  while (result == NULL)
    {
      if (u.pos >= u.len)
        {
          fail (&u, error, _("the pickle ends without STOP"));
          break;
        }
      if (!step (&u, &result, error))
        break;
    }
  g_ptr_array_unref (u.stack);
  g_array_unref (u.marks);
  g_hash_table_unref (u.memo);
  return result;
}
