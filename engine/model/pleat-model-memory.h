/* pleat-model-memory.h
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Large activation buffers for a fold: allocated once per fold, 64-byte aligned for the
 * kernels, and failing with a GError (PLEAT_ENGINE_ERROR_OUT_OF_MEMORY naming the size) instead
 * of aborting, because their size depends on what the user asks to fold.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define PLEAT_MODEL_ALIGN 64

/* Bytes of n floats rounded up to PLEAT_MODEL_ALIGN, the unit every estimate counts in. */
guint64  pleat_model_floats_bytes      (guint64   n_floats);
/* (transfer full) n_bytes of aligned memory, released with pleat_model_free(); NULL with an
 * error when the allocation fails. */
gpointer pleat_model_alloc             (guint64   n_bytes,
                                        GError  **error);
void     pleat_model_free              (gpointer  mem);
/* Memory the system could give this process now (MemAvailable), in bytes; 0 if unknown. */
guint64  pleat_model_available_memory  (void);

G_END_DECLS
