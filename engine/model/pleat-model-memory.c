/* pleat-model-memory.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pleat-engine"

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "pleat-error.h"
#include "pleat-model-memory.h"

guint64
pleat_model_floats_bytes (guint64 n_floats)
{
  guint64 bytes = n_floats * sizeof (float);

  return (bytes + PLEAT_MODEL_ALIGN - 1) / PLEAT_MODEL_ALIGN * PLEAT_MODEL_ALIGN;
}

gpointer
pleat_model_alloc (guint64   n_bytes,
                   GError  **error)
{
  void *mem = NULL;

  if (n_bytes > G_MAXSIZE
      || posix_memalign (&mem, PLEAT_MODEL_ALIGN, MAX ((gsize) n_bytes, PLEAT_MODEL_ALIGN)) != 0)
    {
      g_autofree char *size = g_format_size (n_bytes);

      g_set_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_OUT_OF_MEMORY,
                   _("Could not allocate %s of working memory"), size);
      return NULL;
    }
  return mem;
}

void
pleat_model_free (gpointer mem)
{
  free (mem);
}

guint64
pleat_model_available_memory (void)
{
  g_autofree char *meminfo = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/meminfo", &meminfo, NULL, NULL))
    return 0;
  line = strstr (meminfo, "MemAvailable:");
  if (line == NULL)
    return 0;
  return g_ascii_strtoull (line + strlen ("MemAvailable:"), NULL, 10) * 1024;
}
