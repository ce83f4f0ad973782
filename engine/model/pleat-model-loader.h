/* pleat-model-loader.h
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "pleat-compute.h"
#include "pleat-model.h"

G_BEGIN_DECLS

/* Loads the model in a folder (config.json beside its weights), choosing the implementation
 * from config.json. PLEAT_ENGINE_ERROR_UNSUPPORTED names what the folder holds when Pleat
 * cannot fold with it. compute (nullable): NULL runs on every core. */
PleatModel *pleat_model_load (const char    *path,
                              PleatCompute  *compute,
                              GCancellable  *cancellable,
                              GError       **error);
/* pleat_model_load() as the PleatModelLoadFunc that pleat_engine_new() takes: @compute is a
 * PleatCompute or NULL. */
PleatModel *pleat_model_load_func (const char    *path,
                                   gpointer       compute,
                                   GCancellable  *cancellable,
                                   GError       **error);

G_END_DECLS
