/* fuzz-pae-json.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libFuzzer target: the PAE JSON layouts (AlphaFold DB v1 and v2+, ColabFold, AlphaFold 3).
 */
#include "config.h"

#include <math.h>
#include <stdint.h>

#include "pleat-pae-json.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autofree float *pae = NULL;
  float max_pae;
  double ptm, iptm;
  guint n = 0;

  if (!pleat_pae_json_parse ((const char *) data, size, &n, &pae, &max_pae, &ptm, &iptm, &error))
    {
      g_assert (error != NULL);
      return 0;
    }
  g_assert (n > 0 && pae != NULL);
  /* Every element was written: reading them all is defined. */
  for (gsize i = 0; i < (gsize) n * n; i++)
    g_assert (!isnan (pae[i]) || isnan (pae[i]));
  return 0;
}
