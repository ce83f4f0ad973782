/* pleat-unpickler.h
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A restricted unpickler for the data.pkl of PyTorch checkpoints (pickle protocol 2, as
 * torch.save writes it; the few protocol 4 framing opcodes are understood too). It builds
 * plain values and never calls anything: the only "callables" are a fixed list of globals
 * a state dict needs, whose effect is computed here from their arguments:
 *
 *   collections.OrderedDict           () -> an empty dict
 *   torch._utils._rebuild_tensor_v2   (storage, offset, size, stride, requires_grad,
 *                                      backward_hooks[, metadata]) -> a tensor
 *   torch._utils._rebuild_parameter   (tensor, requires_grad, backward_hooks) -> the tensor
 *   torch._utils._rebuild_parameter_with_state (tensor, requires_grad, hooks, state)
 *   torch.<Type>Storage               only inside a persistent id:
 *                                      ('storage', torch.FloatStorage, key, location, numel)
 *
 * Every other global, opcode or argument shape is an error (PLEAT_ENGINE_ERROR_INVALID_FILE,
 * or _UNSUPPORTED for well-formed pickles that are not state dicts). The stack, the marks,
 * the memo and the nesting depth are bounded, containers cannot become cyclic, and a
 * crafted file can only produce an error.
 */
#pragma once

#include <glib.h>

#include "pleat-dtype.h"

G_BEGIN_DECLS

typedef enum
{
  PLEAT_PICKLE_NONE,
  PLEAT_PICKLE_BOOL,
  PLEAT_PICKLE_INT,
  PLEAT_PICKLE_FLOAT,
  PLEAT_PICKLE_STRING,
  PLEAT_PICKLE_TUPLE,
  PLEAT_PICKLE_LIST,
  PLEAT_PICKLE_DICT,
  PLEAT_PICKLE_GLOBAL,
  PLEAT_PICKLE_STORAGE,
  PLEAT_PICKLE_TENSOR,
} PleatPickleType;

/* The allowed globals. */
typedef enum
{
  PLEAT_PICKLE_GLOBAL_ORDERED_DICT,
  PLEAT_PICKLE_GLOBAL_REBUILD_TENSOR_V2,
  PLEAT_PICKLE_GLOBAL_REBUILD_PARAMETER,
  PLEAT_PICKLE_GLOBAL_REBUILD_PARAMETER_WITH_STATE,
  PLEAT_PICKLE_GLOBAL_STORAGE_TYPE,
} PleatPickleGlobal;

typedef struct _PleatPickleValue PleatPickleValue;

struct _PleatPickleValue
{
  /* Private */
  guint             ref_count;
  guint             depth;          /* 0 for scalars; 1 + the deepest child for containers */
  gboolean          sealed;         /* inside another container: no longer mutable */

  /* Public, read-only */
  PleatPickleType   type;
  union
  {
    gboolean        boolean;
    gint64          integer;
    double          real;
    struct
    {
      char         *text;           /* UTF-8, NUL-terminated, no inner NUL */
      gsize         len;
    } string;
    struct
    {
      PleatPickleValue **items;
      guint              n_items;
      guint              allocated;
    } seq;                          /* TUPLE, LIST */
    struct
    {
      PleatPickleValue **keys;
      PleatPickleValue **values;
      guint              n_items;
      guint              allocated;
    } dict;
    struct
    {
      PleatPickleGlobal  kind;
      PleatDType         dtype;     /* for STORAGE_TYPE */
    } global;
    struct
    {
      PleatDType         dtype;
      char              *key;
      gint64             numel;
    } storage;
    struct
    {
      PleatPickleValue  *storage;   /* a STORAGE */
      gint64             offset;    /* in elements */
      guint              n_dims;
      gint64             shape[PLEAT_TENSOR_MAX_DIMS];
      gint64             strides[PLEAT_TENSOR_MAX_DIMS];
    } tensor;
  };
};

/* Bounds on what a pickle may build. */
#define PLEAT_PICKLE_MAX_STACK  (1u << 20)
#define PLEAT_PICKLE_MAX_MARKS  64u
#define PLEAT_PICKLE_MAX_MEMO   (1u << 20)
#define PLEAT_PICKLE_MAX_DEPTH  32u

/* (transfer full) The object the pickle describes. display_name names it in errors. */
PleatPickleValue *pleat_unpickle            (const guint8      *data,
                                             gsize              len,
                                             const char        *display_name,
                                             GError           **error);
PleatPickleValue *pleat_pickle_value_ref    (PleatPickleValue  *value);
void              pleat_pickle_value_unref  (PleatPickleValue  *value);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PleatPickleValue, pleat_pickle_value_unref)

G_END_DECLS
