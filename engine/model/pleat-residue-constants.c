/* pleat-residue-constants.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Look-ups over the generated tables in pleat-residue-constants-data.c.
 */
#define G_LOG_DOMAIN "pleat-engine"

#include "config.h"

#include <string.h>

#include "pleat-residue-constants.h"

guint
pleat_rc_restype_from_letter (char one_letter)
{
  const char *p;

  /* Only the 20 standard letters have an index of their own; 'X' is found by the search too,
   * which is the same answer as the fallback. */
  if (one_letter == '\0')
    return PLEAT_RC_UNK;
  p = strchr (pleat_rc_restypes, one_letter);
  return p != NULL ? (guint) (p - pleat_rc_restypes) : PLEAT_RC_UNK;
}

gint
pleat_rc_atom37_index (const char *name)
{
  g_return_val_if_fail (name != NULL, -1);

  for (guint i = 0; i < PLEAT_RC_N_ATOM37; i++)
    if (strcmp (pleat_rc_atom_types[i], name) == 0)
      return (gint) i;
  return -1;
}
