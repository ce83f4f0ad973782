/* pleat-safetensors-private.h
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* FALSE when the JSON text nests objects and arrays deeper than max_depth (strings skipped):
 * checked before json-glib, whose parser recurses, sees a file. */
gboolean _pleat_json_check_depth (const char *text,
                                  gsize       len,
                                  guint       max_depth);

G_END_DECLS
