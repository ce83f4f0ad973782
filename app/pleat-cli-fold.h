/* pleat-cli-fold.h
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stdio.h>

#include "pleat-cli-options.h"
#include "pleat-cli-progress.h"

G_BEGIN_DECLS

/* Exit statuses of pleat-cli. */
#define PLEAT_CLI_EXIT_OK          0
#define PLEAT_CLI_EXIT_FAILED      1    /* a record, an input or the model failed */
#define PLEAT_CLI_EXIT_USAGE       2
#define PLEAT_CLI_EXIT_INTERRUPTED 130  /* Ctrl+C: what was done is kept */

/* Runs `pleat-cli fold`: reads the inputs, loads the model once, folds every record that is
 * not done yet and writes its outputs. A failed record is reported and the others go on. Runs
 * a main loop on the thread-default context; SIGINT and SIGTERM cancel between blocks.
 * Returns the exit status: 0 only when every record succeeded. */
int pleat_cli_fold (const PleatCliOptions *options,
                    PleatCliProgress      *progress,
                    FILE                  *stdin_stream);

G_END_DECLS
