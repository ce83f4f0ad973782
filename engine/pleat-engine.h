/* pleat-engine.h
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The engine: one long-lived thread that loads a model once and folds requests one after the
 * other, streaming progress back to the thread that created the engine.
 *
 *   caller --commands--> GAsyncQueue --> engine thread    (LOAD_MODEL, PREDICT, SHUTDOWN)
 *   caller <--drain----- GAsyncQueue <-- engine thread    (PROGRESS, PREVIEW, DONE)
 *
 * Events reach the caller's main context (captured by pleat_engine_new()) through one
 * coalescing drain: many progress events become one property update. Completion is the last
 * event of a command, so "finished" never overtakes a late progress event.
 */
#pragma once

#include <gio/gio.h>

#include "pleat-job.h"
#include "pleat-model.h"

G_BEGIN_DECLS

/* Runs on the engine thread: loads the model at path. */
typedef PleatModel *(*PleatModelLoadFunc) (const char    *path,
                                           gpointer       user_data,
                                           GCancellable  *cancellable,
                                           GError       **error);

#define PLEAT_TYPE_ENGINE (pleat_engine_get_type ())

G_DECLARE_FINAL_TYPE (PleatEngine, pleat_engine, PLEAT, ENGINE, GObject)

PleatEngine    *pleat_engine_new                (PleatModelLoadFunc    loader,
                                                 gpointer              loader_data,
                                                 GDestroyNotify        loader_data_destroy);

void            pleat_engine_load_model_async   (PleatEngine          *self,
                                                 const char           *path,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
gboolean        pleat_engine_load_model_finish  (PleatEngine          *self,
                                                 GAsyncResult         *result,
                                                 GError              **error);
/* (nullable): the loaded model's name, once a load has finished. */
const char     *pleat_engine_get_model_name     (PleatEngine          *self);
/* (transfer full): the loaded model's weights files, for provenance; empty before a load. */
char          **pleat_engine_dup_weights_files  (PleatEngine          *self);

/* Queues a fold. The returned job (transfer full) carries its progress as properties. */
PleatJob       *pleat_engine_predict_async      (PleatEngine          *self,
                                                 const PleatFoldRequest *request,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
PleatStructure *pleat_engine_predict_finish     (PleatEngine          *self,
                                                 GAsyncResult         *result,
                                                 GError              **error);

/* Cancels what is queued or running and joins the engine thread; later calls do nothing.
 * Also done by dispose. */
void            pleat_engine_shutdown           (PleatEngine          *self);

G_END_DECLS
