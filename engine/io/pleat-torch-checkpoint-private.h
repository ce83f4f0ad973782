/* pleat-torch-checkpoint-private.h
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pleat-torch-checkpoint.h"

G_BEGIN_DECLS

/* Where the bytes of storage key (numel elements of dtype, as its record declares) live:
 * n_bytes of them at the returned address, or NULL with error set (a plain message: the
 * caller names the file and the tensor). The caller checks n_bytes against the record. */
typedef const guint8 *(*PleatTorchStorageFunc) (const char  *key,
                                                PleatDType   dtype,
                                                gint64       numel,
                                                gsize       *n_bytes,
                                                gpointer     user_data,
                                                GError     **error);

/* A checkpoint from a data.pkl alone, storages found through storage_func: the zip-free core,
 * for the unpickler's fuzz target. The bytes must outlive the checkpoint. */
PleatTorchCheckpoint *_pleat_torch_checkpoint_new_from_pickle (const guint8          *pickle,
                                                               gsize                  len,
                                                               const char            *display_name,
                                                               PleatTorchStorageFunc  storage_func,
                                                               gpointer               user_data,
                                                               GError               **error);

G_END_DECLS
