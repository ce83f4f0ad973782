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

static gboolean
read_number (const char *dir,
             const char *name,
             guint64    *value)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *text = NULL;
  char *end;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return FALSE;
  *value = g_ascii_strtoull (text, &end, 10);
  /* "max" (v2) is no limit, and so is v1's page-rounded LONG_MAX. */
  return end != text && *value < G_MAXINT64 / 2;
}

/* Room left under the limits of the group at path and every group above it. */
static guint64
cgroup_room (const char *cgroup_root,
             const char *group,
             const char *limit_name,
             const char *usage_name)
{
  g_autofree char *dir = g_build_filename (cgroup_root, group, NULL);
  guint64 room = G_MAXUINT64;

  for (;;)
    {
      guint64 limit, usage;

      if (read_number (dir, limit_name, &limit))
        {
          if (!read_number (dir, usage_name, &usage))
            usage = 0;
          room = MIN (room, limit > usage ? limit - usage : 0);
        }
      if (strlen (dir) <= strlen (cgroup_root))
        break;
      {
        char *parent = g_path_get_dirname (dir);

        g_free (dir);
        dir = parent;
      }
    }
  return room;
}

/* The tightest cgroup limit on this process, from /proc/self/cgroup: "0::/path" for v2,
 * "N:memory:/path" (or "N:...,memory,...:/path") for v1's memory controller. */
static guint64
cgroup_available (const char *proc_root,
                  const char *cgroup_root)
{
  g_autofree char *self_path = g_build_filename (proc_root, "self", "cgroup", NULL);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  guint64 room = G_MAXUINT64;

  if (!g_file_get_contents (self_path, &text, NULL, NULL))
    return room;
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], ":", 3);
      g_auto(GStrv) controllers = NULL;

      if (g_strv_length (fields) != 3)
        continue;
      if (g_str_equal (fields[0], "0") && fields[1][0] == '\0')
        room = MIN (room, cgroup_room (cgroup_root, fields[2], "memory.max", "memory.current"));
      controllers = g_strsplit (fields[1], ",", -1);
      if (g_strv_contains ((const char *const *) controllers, "memory"))
        {
          g_autofree char *v1_root = g_build_filename (cgroup_root, "memory", NULL);

          room = MIN (room, cgroup_room (v1_root, fields[2], "memory.limit_in_bytes",
                                         "memory.usage_in_bytes"));
        }
    }
  return room;
}

guint64
_pleat_model_available_memory_at (const char *proc_root,
                                  const char *cgroup_root)
{
  g_autofree char *meminfo_path = g_build_filename (proc_root, "meminfo", NULL);
  g_autofree char *meminfo = NULL;
  const char *line;
  guint64 available, cgroup;

  if (!g_file_get_contents (meminfo_path, &meminfo, NULL, NULL))
    return 0;
  line = strstr (meminfo, "MemAvailable:");
  if (line == NULL)
    return 0;
  available = g_ascii_strtoull (line + strlen ("MemAvailable:"), NULL, 10) * 1024;
  cgroup = cgroup_available (proc_root, cgroup_root);
  return MIN (available, cgroup);
}

guint64
pleat_model_available_memory (void)
{
  return _pleat_model_available_memory_at ("/proc", "/sys/fs/cgroup");
}
