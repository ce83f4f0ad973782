/* pleat-unpickler-private.h
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pleat-unpickler.h"

G_BEGIN_DECLS

/* (transfer full) A zeroed value of type with one reference. */
PleatPickleValue *_pleat_pickle_value_new (PleatPickleType type);

G_END_DECLS
