/* pleat-parallel.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Workers sleep on a condition variable between jobs, after spinning briefly: the models issue
 * thousands of short jobs per fold (one per layer op), and waking a sleeping thread costs
 * tens of microseconds, while a job that follows within the spin window starts at once.
 */
#define G_LOG_DOMAIN "pleat-engine"

#include "config.h"

#include "pleat-parallel.h"

/* Spin iterations (each a pause instruction, ~10–40 ns) before a worker sleeps. */
#define SPIN_ITERATIONS 4000
/* Ranges per thread a job is cut into, for balance when pieces cost different amounts. */
#define RANGES_PER_THREAD 4

struct _PleatParallelPool
{
  int             n_threads;
  GThread       **workers;        /* (n_threads - 1) */

  GMutex          mutex;
  GCond           work_cond;      /* a new job or shutdown */
  GCond           done_cond;      /* the last worker left the job */

  /* The current job. Written by the caller under mutex before bumping generation; read-only
   * for workers while they are counted in n_active. */
  PleatRangeFunc  fn;
  void           *ctx;
  gsize           n;
  gsize           chunk;
  gsize           next;           /* atomic: the start of the next range to hand out */

  int             generation;     /* atomic; written under mutex */
  int             n_active;       /* atomic; workers that have not finished the job */
  gboolean        shutdown;       /* under mutex */
  int             busy;           /* atomic: a job is running (reentrancy check) */
};

typedef struct
{
  PleatParallelPool *pool;
  int                ith;
} WorkerData;

static inline void
cpu_relax (void)
{
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause ();
#endif
}

/* Worker ith takes ranges until none are left. */
static void
run_ranges (PleatParallelPool *self,
            int                ith)
{
  for (;;)
    {
      gsize begin = (gsize) g_atomic_pointer_add (&self->next, self->chunk);
      gsize end;

      if (begin >= self->n)
        break;
      end = begin + self->chunk < self->n ? begin + self->chunk : self->n;
      self->fn (self->ctx, begin, end, ith);
    }
}

static gpointer
worker_main (gpointer user_data)
{
  WorkerData *data = user_data;
  PleatParallelPool *self = data->pool;
  int ith = data->ith;
  int seen = 0;

  g_free (data);

  for (;;)
    {
      gboolean stop;

      for (int spin = 0; spin < SPIN_ITERATIONS; spin++)
        {
          if (g_atomic_int_get (&self->generation) != seen)
            break;
          cpu_relax ();
        }

      g_mutex_lock (&self->mutex);
      while (g_atomic_int_get (&self->generation) == seen && !self->shutdown)
        g_cond_wait (&self->work_cond, &self->mutex);
      stop = self->shutdown;
      seen = g_atomic_int_get (&self->generation);
      g_mutex_unlock (&self->mutex);

      if (stop)
        break;

      run_ranges (self, ith);

      if (g_atomic_int_dec_and_test (&self->n_active))
        {
          g_mutex_lock (&self->mutex);
          g_cond_signal (&self->done_cond);
          g_mutex_unlock (&self->mutex);
        }
    }

  return NULL;
}

PleatParallelPool *
pleat_parallel_pool_new (int n_threads)
{
  PleatParallelPool *self;

  g_return_val_if_fail (n_threads >= 1, NULL);

  self = g_new0 (PleatParallelPool, 1);
  self->n_threads = n_threads;
  g_mutex_init (&self->mutex);
  g_cond_init (&self->work_cond);
  g_cond_init (&self->done_cond);

  self->workers = g_new0 (GThread *, n_threads);
  for (int i = 1; i < n_threads; i++)
    {
      WorkerData *data = g_new (WorkerData, 1);
      g_autofree char *name = g_strdup_printf ("pleat-worker-%d", i);

      data->pool = self;
      data->ith = i;
      self->workers[i - 1] = g_thread_new (name, worker_main, data);
    }

  return self;
}

void
pleat_parallel_pool_free (PleatParallelPool *self)
{
  if (self == NULL)
    return;

  g_return_if_fail (g_atomic_int_get (&self->busy) == 0);

  g_mutex_lock (&self->mutex);
  self->shutdown = TRUE;
  g_cond_broadcast (&self->work_cond);
  g_mutex_unlock (&self->mutex);

  for (int i = 0; i < self->n_threads - 1; i++)
    g_thread_join (self->workers[i]);

  g_free (self->workers);
  g_mutex_clear (&self->mutex);
  g_cond_clear (&self->work_cond);
  g_cond_clear (&self->done_cond);
  g_free (self);
}

int
pleat_parallel_pool_get_n_threads (PleatParallelPool *self)
{
  g_return_val_if_fail (self != NULL, 1);

  return self->n_threads;
}

void
pleat_parallel_pool_run (PleatParallelPool *self,
                         size_t             n,
                         size_t             grain,
                         PleatRangeFunc     fn,
                         void              *ctx)
{
  size_t chunk;

  g_return_if_fail (self != NULL);
  g_return_if_fail (fn != NULL);

  if (n == 0)
    return;
  if (grain == 0)
    grain = 1;

  /* Ranges of at least grain items, and about RANGES_PER_THREAD of them per thread. */
  chunk = (n + (size_t) self->n_threads * RANGES_PER_THREAD - 1)
          / ((size_t) self->n_threads * RANGES_PER_THREAD);
  if (chunk < grain)
    chunk = grain;

  if (self->n_threads == 1 || chunk >= n)
    {
      fn (ctx, 0, n, 0);
      return;
    }

  /* A nested job would deadlock (the workers are all inside the outer one). */
  if (!g_atomic_int_compare_and_exchange (&self->busy, 0, 1))
    g_error ("pleat_parallel_pool_run() called while the pool runs a job");

  g_mutex_lock (&self->mutex);
  self->fn = fn;
  self->ctx = ctx;
  self->n = n;
  self->chunk = chunk;
  self->next = 0;
  g_atomic_int_set (&self->n_active, self->n_threads - 1);
  g_atomic_int_inc (&self->generation);
  g_cond_broadcast (&self->work_cond);
  g_mutex_unlock (&self->mutex);

  run_ranges (self, 0);

  /* The workers may still be finishing their last range: spin a little, then sleep. */
  for (int spin = 0; spin < SPIN_ITERATIONS && g_atomic_int_get (&self->n_active) > 0; spin++)
    cpu_relax ();
  g_mutex_lock (&self->mutex);
  while (g_atomic_int_get (&self->n_active) > 0)
    g_cond_wait (&self->done_cond, &self->mutex);
  g_mutex_unlock (&self->mutex);

  g_atomic_int_set (&self->busy, 0);
}

static void
parallel_for (void          *pool,
              size_t         n,
              size_t         grain,
              PleatRangeFunc fn,
              void          *ctx)
{
  pleat_parallel_pool_run (pool, n, grain, fn, ctx);
}

PleatParallel
pleat_parallel_pool_get_parallel (PleatParallelPool *self)
{
  PleatParallel par = { parallel_for, self, self->n_threads };

  return par;
}
