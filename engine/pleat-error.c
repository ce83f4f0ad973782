/* pleat-error.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pleat-engine"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdarg.h>

#include "pleat-error.h"

G_DEFINE_QUARK (pleat-engine-error-quark, pleat_engine_error)

gboolean
pleat_set_invalid_file_error (GError     **error,
                              const char  *display_name,
                              const char  *kind,
                              const char  *format,
                              ...)
{
  g_autofree char *details = NULL;
  va_list args;

  va_start (args, format);
  details = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_INVALID_FILE,
               /* Translators: a file's name, the name of its format, what is wrong with it. */
               _("%s: not a valid %s: %s"), display_name, kind, details);
  return FALSE;
}
