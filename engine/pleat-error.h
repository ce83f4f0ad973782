/* pleat-error.h
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define PLEAT_ENGINE_ERROR (pleat_engine_error_quark ())

/* User and environment errors. Programmer errors are g_return_if_fail()s instead. */
typedef enum
{
  PLEAT_ENGINE_ERROR_FAILED,
  PLEAT_ENGINE_ERROR_INVALID_SEQUENCE,   /* bad residue, empty record, duplicate id */
  PLEAT_ENGINE_ERROR_INVALID_FILE,       /* malformed checkpoint, header, pickle, structure file */
  PLEAT_ENGINE_ERROR_UNSUPPORTED,        /* a valid file using a feature we do not read */
  PLEAT_ENGINE_ERROR_MISSING_TENSOR,     /* the model expects a tensor the weights lack */
  PLEAT_ENGINE_ERROR_SHAPE_MISMATCH,     /* a tensor has another shape than the config implies */
  PLEAT_ENGINE_ERROR_INVALID_CONFIG,     /* config.json has a wrong type or value */
  PLEAT_ENGINE_ERROR_OUT_OF_MEMORY,      /* a run cannot fit even with the smallest chunks */
  PLEAT_ENGINE_ERROR_TOO_LONG,           /* a sequence above the allowed length */
} PleatEngineError;

GQuark   pleat_engine_error_quark      (void);

/* Sets a PLEAT_ENGINE_ERROR_INVALID_FILE error "<display_name>: not a valid <kind>: <details>",
 * kind being a translated name of the format (_("zip archive")) and the details formatted from
 * format. Returns FALSE, so that parsers can `return pleat_set_invalid_file_error (...)`. */
G_GNUC_PRINTF (4, 5)
gboolean pleat_set_invalid_file_error  (GError     **error,
                                        const char  *display_name,
                                        const char  *kind,
                                        const char  *format,
                                        ...);

G_END_DECLS
