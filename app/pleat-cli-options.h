/* pleat-cli-options.h
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The options of `pleat-cli fold`, parsed and validated before anything is loaded, so that a
 * typo fails in a second rather than after the model has loaded.
 */
#pragma once

#include <glib.h>

#include "pleat-result-writer.h"

G_BEGIN_DECLS

typedef struct
{
  char              *model;         /* folder or installed model name */
  char              *output_dir;
  char             **inputs;        /* FASTA paths, "-" for standard input */
  gint               recycles;      /* -1: the model's default */
  guint              chunk_size;    /* 0: auto */
  guint              threads;       /* 0: all cores */
  guint              max_length;    /* 0: no limit */
  PleatResultFormat  formats;
  gboolean           overwrite;
  guint              shard_index;   /* 0-based: records i with i % shard_count == shard_index */
  guint              shard_count;   /* 1: no sharding */
  gint               verbosity;     /* -1 quiet, 0 normal, 1 verbose */
} PleatCliOptions;

/* Parses the arguments of "fold", a string vector the caller owns ((*args)[0] names the
 * command); parsed arguments are removed from it. --help prints the help and exits, as GOption
 * does. */
gboolean         pleat_cli_options_parse (char           ***args,
                                          PleatCliOptions **options,
                                          GError          **error);
void             pleat_cli_options_free  (PleatCliOptions  *options);
/* TRUE when the record at index (0-based, in input order) belongs to this shard. */
gboolean         pleat_cli_options_in_shard (const PleatCliOptions *options,
                                             guint                  record_index);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PleatCliOptions, pleat_cli_options_free)

G_END_DECLS
