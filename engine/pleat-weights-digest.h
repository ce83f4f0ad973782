/* pleat-weights-digest.h
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The SHA-256 that identifies a model's weights in every result file. Hashing 8 GB takes a
 * while, so digests are kept in $XDG_CACHE_HOME/pleat/weights-digests.ini, keyed by path, size
 * and modification time: a file is hashed again only when it changed.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* One file: its SHA-256 in lower-case hex, as `sha256sum` prints it. Several (the shards of
 * a set): the SHA-256 of the `sha256sum`-style lines "<digest>  <base name>\n" of each, in
 * order. Returns (transfer full). */
char *pleat_weights_digest_compute (const char *const  *files,
                                    GCancellable       *cancellable,
                                    GError            **error);
/* The same on a worker thread: the first hash of 8 GB takes a minute. */
void  pleat_weights_digest_compute_async  (const char *const  *files,
                                           GCancellable       *cancellable,
                                           GAsyncReadyCallback callback,
                                           gpointer            user_data);
char *pleat_weights_digest_compute_finish (GAsyncResult       *result,
                                           GError            **error);

G_END_DECLS
