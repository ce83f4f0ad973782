/* pleat-safetensors.h
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A reader for one safetensors file (https://github.com/huggingface/safetensors): an 8-byte
 * little-endian header length, a JSON header, then the tensors' bytes. Every header field is
 * validated when the file is opened, as strictly as the reference implementation does, so
 * that the views handed out can be read without further checks. Sharded sets are assembled
 * by the weights store (pleat-weights.h).
 */
#pragma once

#include <gio/gio.h>

#include "pleat-dtype.h"

G_BEGIN_DECLS

/* Headers above this size are refused before they are parsed. */
#define PLEAT_SAFETENSORS_MAX_HEADER_SIZE (100u * 1024u * 1024u)

typedef struct _PleatSafetensors PleatSafetensors;

/* Maps path read-only and parses it. */
PleatSafetensors      *pleat_safetensors_open             (const char        *path,
                                                           GError           **error);
/* Parses bytes (kept referenced: the views point into them). display_name names the file in
 * error messages. */
PleatSafetensors      *pleat_safetensors_new_from_bytes   (GBytes            *bytes,
                                                           const char        *display_name,
                                                           GError           **error);
PleatSafetensors      *pleat_safetensors_ref              (PleatSafetensors  *self);
void                   pleat_safetensors_unref            (PleatSafetensors  *self);

const char            *pleat_safetensors_get_display_name (PleatSafetensors  *self);
/* (transfer none) The whole file. */
GBytes                *pleat_safetensors_get_bytes        (PleatSafetensors  *self);
guint                  pleat_safetensors_get_n_tensors    (PleatSafetensors  *self);
/* (transfer none) Tensors in the order of their data in the file. */
const PleatTensorView *pleat_safetensors_get_tensor       (PleatSafetensors  *self,
                                                           guint              index);
/* (transfer none) (nullable) */
const PleatTensorView *pleat_safetensors_lookup           (PleatSafetensors  *self,
                                                           const char        *name);
/* (transfer none) (nullable) A value of the header's "__metadata__" object. */
const char            *pleat_safetensors_get_metadata     (PleatSafetensors  *self,
                                                           const char        *key);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PleatSafetensors, pleat_safetensors_unref)

G_END_DECLS
