/* pleat-error.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pleat-engine"

#include "config.h"

#include "pleat-error.h"

G_DEFINE_QUARK (pleat-engine-error-quark, pleat_engine_error)
