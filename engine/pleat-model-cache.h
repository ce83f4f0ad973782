/* pleat-model-cache.h
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Where installed models live. Pleat's own cache is $PLEAT_MODELS_DIR, else
 * $XDG_DATA_HOME/pleat/models: a model there is a folder with config.json and its weights,
 * named after the model ("esmfold_v1"). Models a user already downloaded with the Hugging Face
 * tools are found too, under their repository id ("facebook/esmfold_v1"), in the hub cache
 * ($HF_HUB_CACHE, else $HF_HOME/hub, else ~/.cache/huggingface/hub).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char  *pleat_model_cache_dup_dir     (void);
char  *pleat_model_cache_dup_hub_dir (void);
/* Names of the installed models: Pleat's cache first, then hub repository ids; sorted within
 * each; an empty vector when there are none. */
char **pleat_model_cache_list_models (void);
/* A folder holding config.json (returned as is), the name of a model in Pleat's cache, or a
 * hub repository id: the folder of its current snapshot. */
char  *pleat_model_cache_resolve     (const char  *name_or_path,
                                      GError     **error);

G_END_DECLS
