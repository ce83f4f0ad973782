/* peak-avx512.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The FMA throughput probe (peak-body.h) for avx512.
 */
#include "simd-avx512.h"

#include "peak-body.h"
