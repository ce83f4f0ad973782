/* load-weights.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A manual tool, not a test: opens a model folder or weights file with the weights store,
 * loads every floating-point tensor as float32 (integers as int64), and prints the time to
 * open and to load, the loaded size and the peak resident memory. Use it on a real checkpoint:
 *   build/tests/load-weights ~/.local/share/pleat/models/esmfold_v1
 */
#include "config.h"

#include <stdio.h>
#include <sys/resource.h>

#include "pleat-weights.h"

static double
peak_rss_gib (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss / (1024.0 * 1024.0);   /* ru_maxrss is in KiB on Linux */
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PleatWeights) weights = NULL;
  g_auto(GStrv) names = NULL;
  g_autoptr(GTimer) timer = g_timer_new ();
  double t_open, t_load;
  GHashTable *dtypes = g_hash_table_new (g_str_hash, g_str_equal);

  if (argc != 2)
    {
      g_printerr ("Usage: %s MODEL-FOLDER-OR-FILE\n", argv[0]);
      return 2;
    }
  weights = pleat_weights_open (argv[1], NULL, &error);
  if (weights == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  t_open = g_timer_elapsed (timer, NULL);
  g_print ("opened %s: %u tensors in %.3f s, peak RSS %.2f GiB\n", argv[1],
           pleat_weights_get_n_tensors (weights), t_open, peak_rss_gib ());

  g_timer_start (timer);
  names = pleat_weights_dup_names (weights);
  for (guint i = 0; names[i] != NULL; i++)
    {
      PleatTensorInfo info;
      gconstpointer data;
      guint count;

      pleat_weights_lookup (weights, names[i], &info);
      if (pleat_dtype_is_float (info.dtype))
        data = pleat_weights_get_f32 (weights, names[i], info.shape, info.n_dims, &error);
      else
        data = pleat_weights_get_i64 (weights, names[i], info.shape, info.n_dims, &error);
      if (data == NULL)
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      count = GPOINTER_TO_UINT (g_hash_table_lookup (dtypes, pleat_dtype_get_name (info.dtype)));
      g_hash_table_insert (dtypes, (gpointer) pleat_dtype_get_name (info.dtype),
                           GUINT_TO_POINTER (count + 1));
    }
  t_load = g_timer_elapsed (timer, NULL);
  pleat_weights_release_files (weights);
  {
    g_autofree char *size = g_format_size (pleat_weights_get_loaded_size (weights));
    GHashTableIter iter;
    gpointer key, value;

    g_print ("loaded %s in %.3f s (%.2f GB/s of float32), peak RSS %.2f GiB; stored dtypes:",
             size, t_load, pleat_weights_get_loaded_size (weights) / t_load / 1e9,
             peak_rss_gib ());
    g_hash_table_iter_init (&iter, dtypes);
    while (g_hash_table_iter_next (&iter, &key, &value))
      g_print (" %s×%u", (const char *) key, GPOINTER_TO_UINT (value));
    g_print ("\n");
  }
  g_hash_table_unref (dtypes);
  return 0;
}
