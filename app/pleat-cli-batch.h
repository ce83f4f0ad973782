/* pleat-cli-batch.h
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The records of a `pleat-cli fold` run: read from every input, named, sharded, and sorted
 * into what to fold, what is already done and what is refused, before the model loads.
 */
#pragma once

#include <stdio.h>

#include "pleat-cli-options.h"
#include "pleat-fasta.h"

G_BEGIN_DECLS

typedef struct
{
  PleatSequenceRecord *record;  /* owned */
  char                *stem;    /* output file stem, unique over the whole input */
  char                *source;  /* the input it came from, for messages */
  guint                index;   /* 0-based, over all inputs in order */
} PleatCliRecord;

typedef struct
{
  GPtrArray *todo;      /* of PleatCliRecord: to fold, in input order */
  GPtrArray *done;      /* of PleatCliRecord: outputs already there (no --overwrite) */
  GPtrArray *refused;   /* of GError: bad records, records above --max-length */
  guint      n_records; /* valid records over all inputs, before sharding */
} PleatCliBatch;

/* Reads every input ("-" is standard input, read once). Errors of an input as a whole (an
 * unreadable file, no sequence in it) are refused entries like bad records, so one bad file
 * does not stop the others. */
PleatCliBatch *pleat_cli_batch_new  (const PleatCliOptions *options,
                                     FILE                  *stdin_stream);
void           pleat_cli_batch_free (PleatCliBatch         *batch);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PleatCliBatch, pleat_cli_batch_free)

G_END_DECLS
