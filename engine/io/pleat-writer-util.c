/* pleat-writer-util.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pleat-engine"

#include "config.h"

#include <math.h>
#include <string.h>

#include "pleat-writer-private.h"

void
_pleat_append_fixed (GString *out,
                     double   value,
                     guint    decimals)
{
  static const char * const formats[] = { "%.0f", "%.1f", "%.2f", "%.3f", "%.4f", "%.5f", "%.6f" };
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  g_assert (decimals < G_N_ELEMENTS (formats));

  if (!isfinite (value))
    {
      g_string_append_c (out, '?');
      return;
    }
  /* printf's correctly rounded "%.3f" (what the reference's Python writer produces too), with
   * a '.' whatever the locale. */
  g_string_append (out, g_ascii_formatd (buffer, sizeof buffer, formats[decimals], value));
}

void
_pleat_append_fixed_width (GString *out,
                           double   value,
                           guint    decimals,
                           guint    width)
{
  gsize start = out->len;
  gsize written;

  _pleat_append_fixed (out, value, decimals);
  written = out->len - start;
  if (written < width)
    {
      char pad[32];
      gsize n = MIN (width - written, sizeof pad);

      memset (pad, ' ', n);
      g_string_insert_len (out, (gssize) start, pad, (gssize) n);
    }
}

static gboolean
needs_quotes (const char *value)
{
  const char *first_chars = "_#$'\"[];";

  if (strchr (first_chars, value[0]) != NULL)
    return TRUE;
  if (strcmp (value, ".") == 0 || strcmp (value, "?") == 0)
    return TRUE;
  /* Reserved words of STAR/CIF, case-insensitively. */
  if (g_ascii_strncasecmp (value, "data_", 5) == 0 || g_ascii_strncasecmp (value, "save_", 5) == 0 ||
      g_ascii_strcasecmp (value, "loop_") == 0 || g_ascii_strcasecmp (value, "stop_") == 0 ||
      g_ascii_strcasecmp (value, "global_") == 0)
    return TRUE;
  for (const char *p = value; *p != '\0'; p++)
    if (g_ascii_isspace (*p))
      return TRUE;
  return FALSE;
}

void
_pleat_append_cif_value (GString    *out,
                         const char *value)
{
  if (value == NULL)
    {
      g_string_append_c (out, '?');
      return;
    }
  if (value[0] == '\0')
    {
      g_string_append_c (out, '.');
      return;
    }
  if (!needs_quotes (value))
    {
      g_string_append (out, value);
      return;
    }
  /* A quote only closes a quoted value when followed by a blank, so 'it's' is fine unless a
   * quote is followed by a blank; a line break needs a text field. */
  if (strchr (value, '\n') == NULL)
    {
      const char quotes[] = { '\'', '"' };

      for (guint q = 0; q < G_N_ELEMENTS (quotes); q++)
        {
          gboolean ok = TRUE;

          for (const char *p = value; *p != '\0' && ok; p++)
            if (*p == quotes[q] && (p[1] == '\0' || g_ascii_isspace (p[1])))
              ok = FALSE;
          if (ok)
            {
              g_string_append_c (out, quotes[q]);
              g_string_append (out, value);
              g_string_append_c (out, quotes[q]);
              return;
            }
        }
    }
  /* A text field; a line starting with ';' would end it, so such lines get a leading blank. */
  g_string_append (out, "\n;");
  for (const char *p = value; *p != '\0'; p++)
    {
      g_string_append_c (out, *p);
      if (*p == '\n' && p[1] == ';')
        g_string_append_c (out, ' ');
    }
  g_string_append (out, "\n;\n");
}

void
_pleat_append_json_string (GString    *out,
                           const char *value)
{
  g_string_append_c (out, '"');
  for (const char *p = value; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      if (c == '"' || c == '\\')
        {
          g_string_append_c (out, '\\');
          g_string_append_c (out, (char) c);
        }
      else if (c < 0x20)
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_c (out, (char) c);
    }
  g_string_append_c (out, '"');
}

gboolean
_pleat_write_file (const char  *path,
                   const char  *contents,
                   gsize        length,
                   GError     **error)
{
  /* CONSISTENT: write a temporary file, fsync it, rename it over @path. */
  if (!g_file_set_contents_full (path, contents, (gssize) length,
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0666, error))
    {
      g_prefix_error (error, "%s: ", path);
      return FALSE;
    }
  return TRUE;
}

float
_pleat_atom_b_value (const PleatAtom *atom)
{
  return isnan (atom->plddt) ? atom->b_factor : atom->plddt;
}

double
_pleat_mean_atom_plddt (PleatStructure *structure,
                        guint           first,
                        guint           n)
{
  const PleatAtom *atoms = pleat_structure_get_atoms (structure, NULL);
  double sum = 0;
  guint count = 0;

  for (guint a = first; a < first + n; a++)
    if (!isnan (atoms[a].plddt))
      {
        sum += atoms[a].plddt;
        count++;
      }
  return count > 0 ? sum / count : NAN;
}

double
_pleat_residue_plddt (PleatStructure *structure,
                      guint           residue)
{
  const PleatResidue *r = &pleat_structure_get_residues (structure, NULL)[residue];

  if (!isnan (r->plddt))
    return r->plddt;
  return _pleat_mean_atom_plddt (structure, r->first_atom, r->n_atoms);
}

double
_pleat_global_plddt (PleatStructure *structure)
{
  double mean = pleat_structure_get_mean_plddt (structure);

  if (!isnan (mean))
    return mean;
  return _pleat_mean_atom_plddt (structure, 0, pleat_structure_get_n_atoms (structure));
}
