/* pleat-result-info.h
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the result writers record about how a structure was made: the record id, the model,
 * the options it ran with, the weights file and its SHA-256 digest, Pleat's version and the
 * time taken. The mmCIF writer turns the options into ma_software_parameter rows and the
 * confidence JSON into its "options" object, in the order they were added.
 */
#pragma once

#include <gio/gio.h>

#include "pleat-model.h"

G_BEGIN_DECLS

typedef enum
{
  PLEAT_RESULT_OPTION_INTEGER,
  PLEAT_RESULT_OPTION_FLOAT,
  PLEAT_RESULT_OPTION_BOOLEAN,
  PLEAT_RESULT_OPTION_STRING,
} PleatResultOptionType;

typedef struct
{
  char                  *name;     /* e.g. "num_recycles" */
  PleatResultOptionType  type;
  gint64                 integer;
  double                 number;
  gboolean               boolean;
  char                  *string;
} PleatResultOption;

typedef struct
{
  char      *id;                /* the record id, as in the input */
  char      *description;       /* (nullable) the record's description */
  char      *model_name;        /* e.g. "ESMFold v1" */
  char      *model_source;      /* (nullable) e.g. "facebook/esmfold_v1" */
  char      *weights_file;      /* (nullable) base name, e.g. "pytorch_model.bin" */
  char      *weights_sha256;    /* (nullable) lower-case hex digest of the weights file */
  char      *software_name;     /* "Pleat" */
  char      *software_version;  /* PACKAGE_VERSION */
  double     seconds;           /* wall-clock seconds of the prediction; NAN when unknown */
  GPtrArray *options;           /* of PleatResultOption, in insertion order */
} PleatResultInfo;

PleatResultInfo *pleat_result_info_new          (const char       *id,
                                                 const char       *model_name);
void             pleat_result_info_free         (PleatResultInfo  *info);
void             pleat_result_info_add_integer  (PleatResultInfo  *info,
                                                 const char       *name,
                                                 gint64            value);
void             pleat_result_info_add_float    (PleatResultInfo  *info,
                                                 const char       *name,
                                                 double            value);
void             pleat_result_info_add_boolean  (PleatResultInfo  *info,
                                                 const char       *name,
                                                 gboolean          value);
void             pleat_result_info_add_string   (PleatResultInfo  *info,
                                                 const char       *name,
                                                 const char       *value);
/* Sets weights_file to @path's base name and weights_sha256 to @sha256 (nullable). */
void             pleat_result_info_set_weights  (PleatResultInfo  *info,
                                                 const char       *path,
                                                 const char       *sha256);

/* What every front end records of a finished fold: the request's id and options (recycles and
 * trunk_passes or "model default", chunk_size or "auto"), the model, where it was loaded from,
 * its weights file (nullable) and digest (nullable), and the seconds the fold took. */
PleatResultInfo *pleat_result_info_new_for_fold (const PleatFoldRequest *request,
                                                 const char             *model_name,
                                                 const char             *model_source,
                                                 const char             *weights_path,
                                                 const char             *weights_sha256,
                                                 double                  seconds);

/* The lower-case hex SHA-256 of a file, read in blocks (weights files are gigabytes: compute it
 * once per model load, not per record). Returns (transfer full), or NULL with @error set
 * (prefixed with @path) on failure or cancellation. */
char            *pleat_file_compute_sha256      (const char       *path,
                                                 GCancellable     *cancellable,
                                                 GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PleatResultInfo, pleat_result_info_free)

G_END_DECLS
