/* pleat-pickle-value.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The values the restricted unpickler builds. They are freed recursively: the unpickler
 * bounds their nesting and never lets them form cycles.
 */
#define G_LOG_DOMAIN "pleat-engine"

#include "config.h"

#include "pleat-unpickler.h"
#include "pleat-unpickler-private.h"

PleatPickleValue *
_pleat_pickle_value_new (PleatPickleType type)
{
  PleatPickleValue *value = g_new0 (PleatPickleValue, 1);

  value->ref_count = 1;
  value->type = type;
  return value;
}

PleatPickleValue *
pleat_pickle_value_ref (PleatPickleValue *value)
{
  g_return_val_if_fail (value != NULL, NULL);

  value->ref_count++;
  return value;
}

void
pleat_pickle_value_unref (PleatPickleValue *value)
{
  g_return_if_fail (value != NULL);

  if (--value->ref_count > 0)
    return;
  switch (value->type)
    {
    case PLEAT_PICKLE_STRING:
      g_free (value->string.text);
      break;
    case PLEAT_PICKLE_TUPLE:
    case PLEAT_PICKLE_LIST:
      for (guint i = 0; i < value->seq.n_items; i++)
        pleat_pickle_value_unref (value->seq.items[i]);
      g_free (value->seq.items);
      break;
    case PLEAT_PICKLE_DICT:
      for (guint i = 0; i < value->dict.n_items; i++)
        {
          pleat_pickle_value_unref (value->dict.keys[i]);
          pleat_pickle_value_unref (value->dict.values[i]);
        }
      g_free (value->dict.keys);
      g_free (value->dict.values);
      break;
    case PLEAT_PICKLE_STORAGE:
      g_free (value->storage.key);
      break;
    case PLEAT_PICKLE_TENSOR:
      /* NULL when building the tensor failed. */
      if (value->tensor.storage != NULL)
        pleat_pickle_value_unref (value->tensor.storage);
      break;
    case PLEAT_PICKLE_NONE:
    case PLEAT_PICKLE_BOOL:
    case PLEAT_PICKLE_INT:
    case PLEAT_PICKLE_FLOAT:
    case PLEAT_PICKLE_GLOBAL:
    default:
      break;
    }
  g_free (value);
}
