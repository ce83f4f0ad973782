/* pleat-result-writer.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pleat-engine"

#include "config.h"

#include <string.h>

#include "pleat-result-writer.h"
#include "pleat-writer-private.h"

static const struct
{
  PleatResultFormat format;
  const char       *suffix;
} formats_table[] = {
  { PLEAT_RESULT_FORMAT_CIF, ".cif" },
  { PLEAT_RESULT_FORMAT_PDB, ".pdb" },
  { PLEAT_RESULT_FORMAT_PAE, "_pae.json" },
  { PLEAT_RESULT_FORMAT_CONFIDENCE, "_confidence.json" },
};

char *
pleat_result_dup_path (const char        *dir,
                       const char        *stem,
                       PleatResultFormat  format)
{
  g_return_val_if_fail (dir != NULL && stem != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (formats_table); i++)
    if (formats_table[i].format == format)
      {
        g_autofree char *name = g_strconcat (stem, formats_table[i].suffix, NULL);

        return g_build_filename (dir, name, NULL);
      }
  g_return_val_if_reached (NULL);
}

gboolean
pleat_result_exists (const char        *dir,
                     const char        *stem,
                     PleatResultFormat  formats)
{
  g_return_val_if_fail (dir != NULL && stem != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (formats_table); i++)
    if (formats & formats_table[i].format)
      {
        g_autofree char *path = pleat_result_dup_path (dir, stem, formats_table[i].format);

        if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
          return FALSE;
      }
  return TRUE;
}

gboolean
pleat_result_write (PleatStructure         *structure,
                    const PleatResultInfo  *info,
                    const char             *dir,
                    const char             *stem,
                    PleatResultFormat       formats,
                    GError                **error)
{
  g_return_val_if_fail (PLEAT_IS_STRUCTURE (structure), FALSE);
  g_return_val_if_fail (info != NULL && dir != NULL && stem != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* The confidence file goes last: readers that watch for it see a complete set. */
  for (guint i = 0; i < G_N_ELEMENTS (formats_table); i++)
    {
      PleatResultFormat format = formats_table[i].format;
      g_autofree char *path = NULL;
      g_autofree char *contents = NULL;

      if (!(formats & format))
        continue;
      path = pleat_result_dup_path (dir, stem, format);
      switch (format)
        {
        case PLEAT_RESULT_FORMAT_CIF:
          contents = pleat_structure_to_mmcif (structure, info, error);
          break;
        case PLEAT_RESULT_FORMAT_PDB:
          contents = pleat_structure_to_pdb (structure, info, error);
          break;
        case PLEAT_RESULT_FORMAT_PAE:
          contents = pleat_structure_to_pae_json (structure, error);
          break;
        case PLEAT_RESULT_FORMAT_CONFIDENCE:
          contents = pleat_structure_to_confidence_json (structure, info, error);
          break;
        case PLEAT_RESULT_FORMAT_ALL:
        default:
          g_assert_not_reached ();
        }
      if (contents == NULL)
        {
          g_prefix_error (error, "%s: ", path);
          return FALSE;
        }
      if (!_pleat_write_file (path, contents, strlen (contents), error))
        return FALSE;
    }
  return TRUE;
}
