/* pleat-test-util.h
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Small helpers the engine tests share.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A new private folder under the temporary directory; aborts the test on failure. */
char *pleat_test_make_tmp_dir (const char *template_name);
/* Deletes a folder and everything in it (symbolic links are removed, not followed). */
void  pleat_test_remove_tree  (const char *path);

G_END_DECLS
