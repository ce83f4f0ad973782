/* pleat-fold-panel.h
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The point-and-click folding form: a sequence editor (a raw sequence or FASTA with any number
 * of records; ':' separates the chains of a complex) validated as the user types with the
 * engine's parser, the error shown under the editor and its character marked; the trunk
 * passes and chunk size; Fold and Cancel; the progress of the job being shown (fraction,
 * message, elapsed time and estimate, the outcome); and the model's status. The panel never
 * touches the engine: it asks with "fold-requested" and "cancel-requested", and the app
 * wires those to the engine and hands the job back with pleat_fold_panel_set_job().
 */
#pragma once

#include <gtk/gtk.h>

#include "pleat-job.h"

G_BEGIN_DECLS

/* What the app knows about the folding model. */
typedef enum
{
  PLEAT_MODEL_STATUS_NONE,      /* no model installed; model-message says how to get one */
  PLEAT_MODEL_STATUS_LOADING,
  PLEAT_MODEL_STATUS_READY,
  PLEAT_MODEL_STATUS_FAILED,    /* model-message holds the error */
} PleatModelStatus;

#define PLEAT_TYPE_MODEL_STATUS (pleat_model_status_get_type ())
GType pleat_model_status_get_type (void);

#define PLEAT_TYPE_FOLD_PANEL (pleat_fold_panel_get_type ())

G_DECLARE_FINAL_TYPE (PleatFoldPanel, pleat_fold_panel, PLEAT, FOLD_PANEL, GtkWidget)

GtkWidget        *pleat_fold_panel_new               (void);

/* The editor's text. (transfer full) */
char             *pleat_fold_panel_dup_text          (PleatFoldPanel    *self);
void              pleat_fold_panel_set_text          (PleatFoldPanel    *self,
                                                      const char        *text);
/* Fills the editor with one of the examples under data/examples ("ubiquitin", "insulin",
 * "fast-folders"); the "fold-panel.load-example" action does the same. */
gboolean          pleat_fold_panel_load_example      (PleatFoldPanel    *self,
                                                      const char        *name,
                                                      GError           **error);

/* Trunk passes, 1-12 (4 = 3 recycles, ESMFold's default). */
int               pleat_fold_panel_get_n_passes      (PleatFoldPanel    *self);
void              pleat_fold_panel_set_n_passes      (PleatFoldPanel    *self,
                                                      int                n_passes);
/* The pair-stack chunk: 0 for automatic, else 4 to 512 (a power of two; other values are
 * rounded down to one). */
guint             pleat_fold_panel_get_chunk_size    (PleatFoldPanel    *self);
void              pleat_fold_panel_set_chunk_size    (PleatFoldPanel    *self,
                                                      guint              chunk_size);

PleatModelStatus  pleat_fold_panel_get_model_status  (PleatFoldPanel    *self);
void              pleat_fold_panel_set_model_status  (PleatFoldPanel    *self,
                                                      PleatModelStatus   status);
/* "esmfold_v1", or NULL. */
const char       *pleat_fold_panel_get_model_name    (PleatFoldPanel    *self);
void              pleat_fold_panel_set_model_name    (PleatFoldPanel    *self,
                                                      const char        *name);
/* How to install a model (status none) or why loading failed (status failed); NULL for the
 * default hint. */
const char       *pleat_fold_panel_get_model_message (PleatFoldPanel    *self);
void              pleat_fold_panel_set_model_message (PleatFoldPanel    *self,
                                                      const char        *message);

/* The job whose progress the panel shows. (nullable) (transfer none) */
PleatJob         *pleat_fold_panel_get_job           (PleatFoldPanel    *self);
void              pleat_fold_panel_set_job           (PleatFoldPanel    *self,
                                                      PleatJob          *job);

/* TRUE when the text parses into at least one record. */
gboolean          pleat_fold_panel_get_valid         (PleatFoldPanel    *self);
/* TRUE when the text is valid, the model ready and the job shown (if any) no longer queued
 * or running: what the Fold button follows. */
gboolean          pleat_fold_panel_get_can_fold      (PleatFoldPanel    *self);
/* One request per record with the options filled in, or NULL when the text is not valid.
 * (transfer full) (element-type PleatFoldRequest) */
GPtrArray        *pleat_fold_panel_dup_requests      (PleatFoldPanel    *self);

G_END_DECLS
