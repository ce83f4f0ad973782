/* pleat-model-cache.h
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Where installed models live: $PLEAT_MODELS_DIR, else $XDG_DATA_HOME/pleat/models. A model is a
 * folder with config.json and its weights, named after the model (e.g. "esmfold_v1").
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char  *pleat_model_cache_dup_dir     (void);
/* Names of the installed models, sorted; an empty array when there are none. */
char **pleat_model_cache_list_models (void);
/* A folder holding config.json (returned as is) or the name of an installed model. */
char  *pleat_model_cache_resolve     (const char  *name_or_path,
                                      GError     **error);

G_END_DECLS
