/* pleat-cli-progress.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pleat-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "pleat-cli-progress.h"
#include "pleat-job.h"

/* A terminal line is rewritten at most this often. */
#define REFRESH_SECONDS 0.2

struct _PleatCliProgress
{
  FILE          *stream;    /* borrowed */
  char          *id;
  gboolean       is_terminal;
  gint           verbosity;
  guint          index;
  guint          n_records;
  guint          length;
  gboolean       line_shown;
  double         last_refresh;
  PleatProgress  last;      /* what the last plain line said */
};

PleatCliProgress *
pleat_cli_progress_new (FILE     *stream,
                        gboolean  is_terminal,
                        gint      verbosity)
{
  PleatCliProgress *self = g_new0 (PleatCliProgress, 1);

  self->stream = stream;
  self->is_terminal = is_terminal;
  self->verbosity = verbosity;
  self->last_refresh = -G_MAXDOUBLE;
  return self;
}

void
pleat_cli_progress_free (PleatCliProgress *self)
{
  if (self == NULL)
    return;
  pleat_cli_progress_clear (self);
  g_free (self->id);
  g_free (self);
}

char *
pleat_cli_format_duration (double seconds)
{
  guint64 s = seconds > 0 ? (guint64) (seconds + 0.5) : 0;

  if (s < 60)
    return g_strdup_printf ("%" G_GUINT64_FORMAT " s", s);
  if (s < 3600)
    return g_strdup_printf ("%" G_GUINT64_FORMAT ":%02" G_GUINT64_FORMAT, s / 60, s % 60);
  return g_strdup_printf ("%" G_GUINT64_FORMAT ":%02" G_GUINT64_FORMAT ":%02" G_GUINT64_FORMAT,
                          s / 3600, s / 60 % 60, s % 60);
}

void
pleat_cli_progress_clear (PleatCliProgress *self)
{
  g_return_if_fail (self != NULL);

  if (!self->line_shown)
    return;
  /* Carriage return, then erase to the end of the line. */
  fputs ("\r\033[K", self->stream);
  fflush (self->stream);
  self->line_shown = FALSE;
}

void
pleat_cli_progress_begin_record (PleatCliProgress *self,
                                 guint             index,
                                 guint             n_records,
                                 const char       *id,
                                 guint             length)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (id != NULL);

  g_free (self->id);
  self->id = g_strdup (id);
  self->index = index;
  self->n_records = n_records;
  self->length = length;
  self->last = (PleatProgress) { 0 };
  self->last_refresh = -G_MAXDOUBLE;
}

static char *
describe (const PleatProgress *progress)
{
  if (progress->stage == PLEAT_STAGE_TRUNK && progress->n_passes > 0)
    /* Translators: e.g. "trunk pass 2/4, block 13/48" */
    return g_strdup_printf (_("trunk pass %u/%u, block %u/%u"), progress->pass,
                            progress->n_passes, progress->block, progress->n_blocks);
  return g_utf8_strdown (pleat_stage_to_string (progress->stage), -1);
}

void
pleat_cli_progress_update (PleatCliProgress    *self,
                           const PleatProgress *progress,
                           double               elapsed,
                           double               now)
{
  g_autofree char *what = NULL;
  g_autofree char *elapsed_text = NULL;
  g_autofree char *eta_text = NULL;

  g_return_if_fail (self != NULL);
  g_return_if_fail (progress != NULL);

  if (self->verbosity < 0)
    return;

  if (!self->is_terminal)
    {
      /* Plain logs: a line per stage of the fold and per trunk pass; -v adds every block and
       * the structure module after each pass. The end is the record's own summary line. */
      gboolean changed = progress->stage != self->last.stage || progress->pass != self->last.pass;
      gboolean minor = progress->stage == PLEAT_STAGE_STRUCTURE_MODULE ||
                       progress->stage == PLEAT_STAGE_DONE;

      if (self->verbosity > 0 ? !changed && progress->block == self->last.block
                              : !changed || minor)
        {
          self->last.stage = progress->stage;
          return;
        }
    }
  else if (now - self->last_refresh < REFRESH_SECONDS && progress->stage == self->last.stage)
    return;

  self->last = *progress;
  self->last_refresh = now;
  what = describe (progress);
  elapsed_text = pleat_cli_format_duration (elapsed);
  if (progress->fraction >= 0.02 && progress->fraction < 1.0)
    eta_text = pleat_cli_format_duration (elapsed * (1.0 - progress->fraction) /
                                          progress->fraction);

  if (self->is_terminal)
    fputs ("\r\033[K", self->stream);
  fprintf (self->stream, "[%u/%u] %s (%u aa): %s, %3.0f%%, %s elapsed", self->index + 1,
           self->n_records, self->id, self->length, what, progress->fraction * 100.0,
           elapsed_text);
  if (eta_text != NULL)
    fprintf (self->stream, _(", about %s left"), eta_text);
  if (!self->is_terminal)
    fputc ('\n', self->stream);
  fflush (self->stream);
  self->line_shown = self->is_terminal;
}

static void
print_line (PleatCliProgress *self,
            const char       *format,
            va_list           args) G_GNUC_PRINTF (2, 0);

static void
print_line (PleatCliProgress *self,
            const char       *format,
            va_list           args)
{
  pleat_cli_progress_clear (self);
  vfprintf (self->stream, format, args);
  fputc ('\n', self->stream);
  fflush (self->stream);
}

void
pleat_cli_progress_print (PleatCliProgress *self,
                          const char       *format,
                          ...)
{
  va_list args;

  g_return_if_fail (self != NULL);

  if (self->verbosity < 0)
    return;
  va_start (args, format);
  print_line (self, format, args);
  va_end (args);
}

void
pleat_cli_progress_print_error (PleatCliProgress *self,
                                const char       *format,
                                ...)
{
  va_list args;

  g_return_if_fail (self != NULL);

  va_start (args, format);
  print_line (self, format, args);
  va_end (args);
}
