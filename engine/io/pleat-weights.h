/* pleat-weights.h
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The weights store every model loads its parameters from: name -> tensor, over a model
 * folder (model.safetensors, a sharded model.safetensors.index.json set, or a PyTorch
 * pytorch_model.bin, in that order of preference) or a single file.
 *
 * Opening only reads and validates the headers; the files stay memory-mapped. A model then
 * asks for each tensor by name, with the shape it expects and the dtype it computes in
 * (float32, or the file's own 16-bit float for weights the kernels widen as they go): the
 * tensor is converted (or copied) once into an owned, 64-byte aligned buffer, its pages of
 * the file are dropped from memory, and the buffer stays read-only until the store is freed.
 * When the model has everything, pleat_weights_dup_unused_names() lists what it never asked
 * for and pleat_weights_release_files() unmaps the files.
 *
 * The store is safe to use from several threads; a model normally loads on the engine
 * thread and shares the result read-only with the workers.
 */
#pragma once

#include <gio/gio.h>

#include "pleat-dtype.h"
#include "pleat-kernels.h"

G_BEGIN_DECLS

typedef struct _PleatWeights PleatWeights;

/* What the store knows of a tensor without loading it. */
typedef struct
{
  const char *name;
  const char *file;                             /* the file it comes from, for messages */
  PleatDType  dtype;                            /* as stored in the file */
  guint       n_dims;
  gint64      shape[PLEAT_TENSOR_MAX_DIMS];
  gint64      n_elements;
} PleatTensorInfo;

/* Expands to the two arguments (const gint64 *shape, guint n_dims) of the getters below:
 * pleat_weights_get_f32 (w, "lm_head.weight", PLEAT_SHAPE (n_vocab, d_model), &error). */
#define PLEAT_SHAPE(...) \
  ((const gint64[]) { __VA_ARGS__ }), \
  ((guint) (sizeof ((const gint64[]) { __VA_ARGS__ }) / sizeof (gint64)))

/* In an expected shape: any size is accepted for this dimension. */
#define PLEAT_ANY_DIM ((gint64) -1)

/* path is a model folder or one weights file (.safetensors, a *.index.json, or a PyTorch zip
 * checkpoint). kernels (nullable) provides the dtype conversions; NULL uses the reference
 * ones. Errors: G_IO_ERROR_NOT_FOUND when a folder holds no weights file,
 * PLEAT_ENGINE_ERROR_INVALID_FILE for anything malformed, PLEAT_ENGINE_ERROR_UNSUPPORTED for
 * valid files using what we do not read. */
PleatWeights   *pleat_weights_open             (const char          *path,
                                                const PleatKernels  *kernels,
                                                GError             **error);
/* One file held in memory (tests, fuzzing): safetensors or a PyTorch zip checkpoint,
 * recognised by content. display_name names it in errors. */
PleatWeights   *pleat_weights_new_from_bytes   (GBytes              *bytes,
                                                const char          *display_name,
                                                const PleatKernels  *kernels,
                                                GError             **error);
PleatWeights   *pleat_weights_ref              (PleatWeights        *self);
void            pleat_weights_unref            (PleatWeights        *self);

/* The folder or file the store was opened on. */
const char     *pleat_weights_get_path         (PleatWeights        *self);
/* The files the tensors come from, in the order they were opened (the shards of a sharded
 * set; not the index, not data held in memory). */
char          **pleat_weights_dup_files        (PleatWeights        *self);
guint           pleat_weights_get_n_tensors    (PleatWeights        *self);
/* (transfer full) Every tensor name, sorted. */
char          **pleat_weights_dup_names        (PleatWeights        *self);
gboolean        pleat_weights_contains         (PleatWeights        *self,
                                                const char          *name);
/* Fills info (its strings stay owned by the store); FALSE when there is no such tensor.
 * Does not count as asking for the tensor. */
gboolean        pleat_weights_lookup           (PleatWeights        *self,
                                                const char          *name,
                                                PleatTensorInfo     *info);

/* (transfer none) The tensor converted to dtype, contiguous row-major, 64-byte aligned and
 * read-only, valid as long as the store. Loaded on the first request, shared afterwards.
 * shape/n_dims is what the model expects (PLEAT_ANY_DIM matches any size).
 * Errors: PLEAT_ENGINE_ERROR_MISSING_TENSOR, PLEAT_ENGINE_ERROR_SHAPE_MISMATCH (naming
 * the tensor, the expected and the actual shape), PLEAT_ENGINE_ERROR_UNSUPPORTED when the
 * stored dtype does not convert to dtype (floats never become integers). */
gconstpointer   pleat_weights_get              (PleatWeights        *self,
                                                const char          *name,
                                                PleatDType           dtype,
                                                const gint64        *shape,
                                                guint                n_dims,
                                                GError             **error);
const float    *pleat_weights_get_f32          (PleatWeights        *self,
                                                const char          *name,
                                                const gint64        *shape,
                                                guint                n_dims,
                                                GError             **error);
const gint64   *pleat_weights_get_i64          (PleatWeights        *self,
                                                const char          *name,
                                                const gint64        *shape,
                                                guint                n_dims,
                                                GError             **error);

/* (transfer none) A float tensor kept in its stored 16-bit dtype (F16 or BF16), or converted
 * to float32 when it is stored in any other float dtype; *dtype says which. For weights the
 * kernels widen as they use them (PleatLayerWeight): that halves their memory without changing
 * a value. Otherwise as pleat_weights_get(); the copy is its own (the file can be released).
 * Errors: as pleat_weights_get(), and PLEAT_ENGINE_ERROR_UNSUPPORTED for an integer tensor. */
gconstpointer   pleat_weights_get_compact      (PleatWeights        *self,
                                                const char          *name,
                                                const gint64        *shape,
                                                guint                n_dims,
                                                PleatDType          *dtype,
                                                GError             **error);

/* (transfer full) Any tensor, of any stored dtype, as float64 / int64 (integers only), with
 * no shape check; info (nullable) receives its description. For tests and fixtures: the
 * copy is not cached, and reading does count as asking for the tensor. */
double         *pleat_weights_dup_f64          (PleatWeights        *self,
                                                const char          *name,
                                                PleatTensorInfo     *info,
                                                GError             **error);
gint64         *pleat_weights_dup_i64          (PleatWeights        *self,
                                                const char          *name,
                                                PleatTensorInfo     *info,
                                                GError             **error);

/* (transfer full) The names no one has asked for yet (through get or dup), sorted; an empty
 * array when the model used everything. */
char          **pleat_weights_dup_unused_names (PleatWeights        *self);
/* Bytes held by the loaded (converted) tensors. */
guint64         pleat_weights_get_loaded_size  (PleatWeights        *self);
/* Unmaps the files. Tensors already loaded stay valid; asking for another one afterwards is
 * a PLEAT_ENGINE_ERROR_FAILED error. */
void            pleat_weights_release_files    (PleatWeights        *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PleatWeights, pleat_weights_unref)

G_END_DECLS
