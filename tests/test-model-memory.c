/* test-model-memory.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * How much memory a fold may plan for: MemAvailable, or less under a control group's limit
 * (a container, a cluster job), read from fake /proc and /sys/fs/cgroup trees.
 */
#include "config.h"

#include "pleat-model-memory.h"
#include "pleat-test-util.h"

#define GiB (G_GUINT64_CONSTANT (1) << 30)
#define MiB (G_GUINT64_CONSTANT (1) << 20)

typedef struct
{
  char *root;
  char *proc;
  char *cgroup;
} Fixture;

static void
put (const char *dir,
     const char *relative,
     const char *contents)
{
  g_autofree char *path = g_build_filename (dir, relative, NULL);
  g_autofree char *parent = g_path_get_dirname (path);

  g_assert_cmpint (g_mkdir_with_parents (parent, 0755), ==, 0);
  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->root = pleat_test_make_tmp_dir ("pleat-memory-XXXXXX");
  f->proc = g_build_filename (f->root, "proc", NULL);
  f->cgroup = g_build_filename (f->root, "cgroup", NULL);
  /* 8 GiB available to the system. */
  put (f->proc, "meminfo", "MemTotal:       16000000 kB\nMemFree:  100 kB\n"
                           "MemAvailable:    8388608 kB\n");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  pleat_test_remove_tree (f->root);
  g_free (f->root);
  g_free (f->proc);
  g_free (f->cgroup);
}

static void
test_no_cgroup (Fixture       *f,
                gconstpointer  data)
{
  g_assert_cmpuint (_pleat_model_available_memory_at (f->proc, f->cgroup), ==, 8 * GiB);

  /* A root group without limits changes nothing. */
  put (f->proc, "self/cgroup", "0::/\n");
  put (f->cgroup, "memory.max", "max\n");
  g_assert_cmpuint (_pleat_model_available_memory_at (f->proc, f->cgroup), ==, 8 * GiB);
}

static void
test_cgroup_v2 (Fixture       *f,
                gconstpointer  data)
{
  put (f->proc, "self/cgroup", "0::/job/step\n");
  put (f->cgroup, "job/memory.max", "2147483648\n");
  put (f->cgroup, "job/memory.current", "536870912\n");
  put (f->cgroup, "job/step/memory.max", "max\n");
  put (f->cgroup, "job/step/memory.current", "104857600\n");

  /* The job's allocation (2 GiB, 512 MiB used) binds, not the step's "max". */
  g_assert_cmpuint (_pleat_model_available_memory_at (f->proc, f->cgroup), ==, 1536 * MiB);

  /* A tighter inner limit wins. */
  put (f->cgroup, "job/step/memory.max", "1073741824\n");
  g_assert_cmpuint (_pleat_model_available_memory_at (f->proc, f->cgroup), ==, 924 * MiB);

  /* A full group leaves nothing, rather than wrapping around. */
  put (f->cgroup, "job/memory.current", "4294967296\n");
  g_assert_cmpuint (_pleat_model_available_memory_at (f->proc, f->cgroup), ==, 0);
}

static void
test_cgroup_v1 (Fixture       *f,
                gconstpointer  data)
{
  put (f->proc, "self/cgroup", "9:name=systemd:/\n4:cpu,memory:/slurm/job7\n1:cpu:/\n");
  put (f->cgroup, "memory/memory.limit_in_bytes", "9223372036854771712\n");
  put (f->cgroup, "memory/slurm/job7/memory.limit_in_bytes", "3221225472\n");
  put (f->cgroup, "memory/slurm/job7/memory.usage_in_bytes", "1073741824\n");

  g_assert_cmpuint (_pleat_model_available_memory_at (f->proc, f->cgroup), ==, 2 * GiB);

  /* A limit above what the system has leaves MemAvailable in charge. */
  put (f->cgroup, "memory/slurm/job7/memory.limit_in_bytes", "68719476736\n");
  g_assert_cmpuint (_pleat_model_available_memory_at (f->proc, f->cgroup), ==, 8 * GiB);
}

static void
test_unreadable (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *nowhere = g_build_filename (f->root, "nowhere", NULL);

  g_assert_cmpuint (_pleat_model_available_memory_at (nowhere, f->cgroup), ==, 0);
  put (f->proc, "meminfo", "MemTotal: 100 kB\n");
  g_assert_cmpuint (_pleat_model_available_memory_at (f->proc, f->cgroup), ==, 0);
  /* The real machine answers something. */
  g_assert_cmpuint (pleat_model_available_memory (), >, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/pleat/engine/ModelMemory/no-cgroup", test_no_cgroup);
  ADD ("/pleat/engine/ModelMemory/cgroup-v2", test_cgroup_v2);
  ADD ("/pleat/engine/ModelMemory/cgroup-v1", test_cgroup_v1);
  ADD ("/pleat/engine/ModelMemory/unreadable", test_unreadable);
#undef ADD

  return g_test_run ();
}
