/* pleat-torch-checkpoint.h
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A PyTorch zip checkpoint (torch.save of a state dict since PyTorch 1.6, what
 * save_pretrained (safe_serialization=False) writes as pytorch_model.bin) as tensor views:
 * <archive>/data.pkl is read by the restricted unpickler, and each tensor's storage is the
 * zip entry <archive>/data/<key>. Storage offsets and strides are kept in the views (the
 * weights store materialises them contiguous), several tensors may share one storage, and
 * every view is checked to lie inside its storage.
 */
#pragma once

#include <gio/gio.h>

#include "pleat-dtype.h"

G_BEGIN_DECLS

typedef struct _PleatTorchCheckpoint PleatTorchCheckpoint;

/* Maps path read-only and reads it. */
PleatTorchCheckpoint  *pleat_torch_checkpoint_open             (const char            *path,
                                                                GError               **error);
/* bytes is kept referenced. display_name names the file in errors. */
PleatTorchCheckpoint  *pleat_torch_checkpoint_new_from_bytes   (GBytes                *bytes,
                                                                const char            *display_name,
                                                                GError               **error);
PleatTorchCheckpoint  *pleat_torch_checkpoint_ref              (PleatTorchCheckpoint  *self);
void                   pleat_torch_checkpoint_unref            (PleatTorchCheckpoint  *self);

guint                  pleat_torch_checkpoint_get_n_tensors    (PleatTorchCheckpoint  *self);
/* (transfer none) In the order of the state dict. */
const PleatTensorView *pleat_torch_checkpoint_get_tensor       (PleatTorchCheckpoint  *self,
                                                                guint                  index);
/* (transfer none) (nullable) */
const PleatTensorView *pleat_torch_checkpoint_lookup           (PleatTorchCheckpoint  *self,
                                                                const char            *name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PleatTorchCheckpoint, pleat_torch_checkpoint_unref)

G_END_DECLS
