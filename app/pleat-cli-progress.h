/* pleat-cli-progress.h
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What `pleat-cli` prints while it works: on a terminal one live line, rewritten at most a few
 * times a second (record i/n, stage, pass and block, elapsed, ETA); elsewhere (a log file, a
 * cluster job) plain lines, one per stage or pass, so logs stay readable.
 */
#pragma once

#include <stdio.h>

#include "pleat-model.h"

G_BEGIN_DECLS

typedef struct _PleatCliProgress PleatCliProgress;

PleatCliProgress *pleat_cli_progress_new           (FILE                *stream,
                                                    gboolean             is_terminal,
                                                    gint                 verbosity);
void              pleat_cli_progress_free          (PleatCliProgress    *self);
void              pleat_cli_progress_begin_record  (PleatCliProgress    *self,
                                                    guint                index,
                                                    guint                n_records,
                                                    const char          *id,
                                                    guint                length);
/* now: monotonic seconds, so tests can drive the clock. */
void              pleat_cli_progress_update        (PleatCliProgress    *self,
                                                    const PleatProgress *progress,
                                                    double               elapsed,
                                                    double               now);
/* A line that stays (clears the live line first). Quiet mode drops it. */
void              pleat_cli_progress_print         (PleatCliProgress    *self,
                                                    const char          *format,
                                                    ...) G_GNUC_PRINTF (2, 3);
/* Errors are printed in every mode. */
void              pleat_cli_progress_print_error   (PleatCliProgress    *self,
                                                    const char          *format,
                                                    ...) G_GNUC_PRINTF (2, 3);
void              pleat_cli_progress_clear         (PleatCliProgress    *self);

/* "42 s", "3:05", "1:02:03" */
char             *pleat_cli_format_duration        (double               seconds);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PleatCliProgress, pleat_cli_progress_free)

G_END_DECLS
