/* pleat-model.h
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the engine thread needs of a folding model, so that ESMFold v1 and ESMFold2 plug into
 * the same job queue: fold one request with progress and per-pass previews, cancellable.
 * Models are used from the engine thread only.
 */
#pragma once

#include <gio/gio.h>

#include "pleat-structure.h"

G_BEGIN_DECLS

typedef enum
{
  PLEAT_STAGE_QUEUED,
  PLEAT_STAGE_LOADING,
  PLEAT_STAGE_LANGUAGE_MODEL,
  PLEAT_STAGE_TRUNK,
  PLEAT_STAGE_STRUCTURE_MODULE,
  PLEAT_STAGE_DONE,
} PleatStage;

typedef struct
{
  PleatStage stage;
  guint      pass;       /* 1-based trunk pass in progress; 0 outside the trunk */
  guint      n_passes;
  guint      block;      /* 1-based block in progress; 0 outside the trunk */
  guint      n_blocks;
  double     fraction;   /* of the whole fold, 0..1, monotonic */
} PleatProgress;

/* One fold: a named input of one or more chains and the options for it. */
typedef struct
{
  char   *id;            /* the record id, e.g. from FASTA */
  char  **chains;        /* one-letter sequences, NULL-terminated, at least one */
  gint    n_passes;      /* trunk passes; <= 0 for the model's default */
  guint   chunk_size;    /* pair-stack chunk; 0 picks one that fits the memory budget */
  guint64 memory_budget; /* bytes; 0 for the machine's available memory */
} PleatFoldRequest;

PleatFoldRequest *pleat_fold_request_new  (const char              *id,
                                           const char *const       *chains);
PleatFoldRequest *pleat_fold_request_copy (const PleatFoldRequest  *request);
void              pleat_fold_request_free (PleatFoldRequest        *request);
/* Total residues without linkers. */
guint             pleat_fold_request_get_length (const PleatFoldRequest *request);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PleatFoldRequest, pleat_fold_request_free)

/* Called on the engine thread. The preview is the structure after a trunk pass. */
typedef void (*PleatProgressFunc) (const PleatProgress *progress,
                                   gpointer             user_data);
typedef void (*PleatPreviewFunc)  (PleatStructure      *preview,
                                   guint                pass,
                                   gpointer             user_data);

#define PLEAT_TYPE_MODEL (pleat_model_get_type ())

G_DECLARE_INTERFACE (PleatModel, pleat_model, PLEAT, MODEL, GObject)

struct _PleatModelInterface
{
  GTypeInterface parent_iface;

  const char     *(*get_name) (PleatModel              *self);
  /* The weights files the model was loaded from, for provenance. */
  char          **(*dup_weights_files) (PleatModel     *self);
  PleatStructure *(*fold)     (PleatModel              *self,
                               const PleatFoldRequest  *request,
                               PleatProgressFunc        progress,
                               PleatPreviewFunc         preview,
                               gpointer                 user_data,
                               GCancellable            *cancellable,
                               GError                 **error);
};

const char     *pleat_model_get_name (PleatModel              *self);
/* (transfer full): NULL-terminated, empty when the model does not say. */
char          **pleat_model_dup_weights_files (PleatModel     *self);
PleatStructure *pleat_model_fold     (PleatModel              *self,
                                      const PleatFoldRequest  *request,
                                      PleatProgressFunc        progress,
                                      PleatPreviewFunc         preview,
                                      gpointer                 user_data,
                                      GCancellable            *cancellable,
                                      GError                 **error);

G_END_DECLS
