/* pleat-pdb-writer.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The fixed-column PDB format (wwPDB format 3.3): every record padded to 80 columns. What does
 * not fit the columns (more than 99,999 atoms, chain ids longer than one character, residue
 * numbers or coordinates out of range) is an error pointing at mmCIF rather than a file that
 * readers would misparse.
 */
#define G_LOG_DOMAIN "pleat-engine"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "pleat-error.h"
#include "pleat-result-writer.h"
#include "pleat-writer-private.h"

#define PDB_LINE 80

static void
end_record (GString *out,
            gsize    start)
{
  gsize len = out->len - start;

  if (len < PDB_LINE)
    {
      char pad[PDB_LINE];

      memset (pad, ' ', PDB_LINE - len);
      g_string_append_len (out, pad, (gssize) (PDB_LINE - len));
    }
  g_string_append_c (out, '\n');
}

static gboolean
unsupported (GError     **error,
             const char  *what)
{
  g_set_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_UNSUPPORTED,
               _("The structure does not fit the PDB format (%s); write mmCIF instead"), what);
  return FALSE;
}

/* PDB atom names: a one-letter element's name starts in column 14, others in column 13. */
static void
append_atom_name (GString         *out,
                  const PleatAtom *atom)
{
  char name[8];

  if (strlen (atom->name) < 4 && strlen (atom->element) == 1)
    g_snprintf (name, sizeof name, " %-3s", atom->name);
  else
    g_snprintf (name, sizeof name, "%-4s", atom->name);
  g_string_append (out, name);
}

static gboolean
check_fits (PleatStructure  *structure,
            GError         **error)
{
  const PleatChain *chains;
  const PleatResidue *residues;
  const PleatAtom *atoms;
  guint n_chains, n_residues, n_atoms;

  chains = pleat_structure_get_chains (structure, &n_chains);
  residues = pleat_structure_get_residues (structure, &n_residues);
  atoms = pleat_structure_get_atoms (structure, &n_atoms);
  if (n_atoms + n_chains > 99999)
    return unsupported (error, _("more than 99,999 atoms"));
  for (guint c = 0; c < n_chains; c++)
    if (strlen (chains[c].auth_id) != 1)
      return unsupported (error, _("a chain id longer than one character"));
  for (guint r = 0; r < n_residues; r++)
    if (residues[r].seq_id < -999 || residues[r].seq_id > 9999 || strlen (residues[r].name) > 3)
      return unsupported (error, _("a residue number or name out of range"));
  for (guint a = 0; a < n_atoms; a++)
    {
      const float xyz[3] = { atoms[a].x, atoms[a].y, atoms[a].z };

      for (guint k = 0; k < 3; k++)
        if (!(xyz[k] > -999.9995f && xyz[k] < 9999.9995f))
          return unsupported (error, _("a coordinate out of range"));
      if (strlen (atoms[a].name) > 4 || strlen (atoms[a].element) > 2)
        return unsupported (error, _("an atom name out of range"));
    }
  return TRUE;
}

char *
pleat_structure_to_pdb (PleatStructure         *structure,
                        const PleatResultInfo  *info,
                        GError                **error)
{
  const PleatChain *chains;
  const PleatResidue *residues;
  const PleatAtom *atoms;
  guint n_chains, n_residues, n_atoms;
  g_autoptr(GString) out = NULL;
  g_autofree char *title = NULL;
  guint serial = 1;
  gsize start;

  g_return_val_if_fail (PLEAT_IS_STRUCTURE (structure), NULL);
  g_return_val_if_fail (info != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_fits (structure, error))
    return NULL;
  chains = pleat_structure_get_chains (structure, &n_chains);
  residues = pleat_structure_get_residues (structure, &n_residues);
  atoms = pleat_structure_get_atoms (structure, &n_atoms);
  out = g_string_sized_new (1024 + (gsize) (n_atoms + n_chains) * (PDB_LINE + 1));

  /* TITLE holds 70 characters of ASCII text. */
  title = g_strdup_printf ("%s PREDICTION OF %s", info->model_name, info->id);
  for (char *p = title; *p != '\0'; p++)
    if ((guchar) *p < 0x20 || (guchar) *p >= 0x7f)
      *p = '_';
  start = out->len;
  g_string_append_printf (out, "TITLE     %.70s", title);
  end_record (out, start);

  for (guint c = 0; c < n_chains; c++)
    {
      const PleatChain *chain = &chains[c];

      for (guint r = 0, line = 1; r < chain->n_residues; line++)
        {
          start = out->len;
          g_string_append_printf (out, "SEQRES %3u %c %4u  ", line % 1000, chain->auth_id[0],
                                  chain->n_residues % 10000);
          for (guint k = 0; k < 13 && r < chain->n_residues; k++, r++)
            g_string_append_printf (out, "%3s ", residues[chain->first_residue + r].name);
          end_record (out, start);
        }
    }

  for (guint c = 0; c < n_chains; c++)
    {
      const PleatChain *chain = &chains[c];
      const PleatResidue *last = NULL;

      for (guint r = 0; r < chain->n_residues; r++)
        {
          const PleatResidue *res = &residues[chain->first_residue + r];

          for (guint a = 0; a < res->n_atoms; a++)
            {
              const PleatAtom *atom = &atoms[res->first_atom + a];
              g_autofree char *element = g_ascii_strup (atom->element, -1);

              start = out->len;
              g_string_append_printf (out, "%-6s%5u ", res->hetatm ? "HETATM" : "ATOM", serial++);
              append_atom_name (out, atom);
              g_string_append_printf (out, "%c%3s %c%4d%c   ",
                                      atom->alt_loc != '\0' ? atom->alt_loc : ' ', res->name,
                                      chain->auth_id[0], res->seq_id,
                                      res->ins_code != '\0' ? res->ins_code : ' ');
              _pleat_append_fixed_width (out, atom->x, 3, 8);
              _pleat_append_fixed_width (out, atom->y, 3, 8);
              _pleat_append_fixed_width (out, atom->z, 3, 8);
              _pleat_append_fixed_width (out, atom->occupancy, 2, 6);
              _pleat_append_fixed_width (out, _pleat_atom_b_value (atom), 2, 6);
              g_string_append_printf (out, "          %2s", element);
              end_record (out, start);
            }
          if (!res->hetatm)
            last = res;
        }
      if (last != NULL)
        {
          start = out->len;
          g_string_append_printf (out, "TER   %5u      %3s %c%4d%c", serial++, last->name,
                                  chain->auth_id[0], last->seq_id,
                                  last->ins_code != '\0' ? last->ins_code : ' ');
          end_record (out, start);
        }
    }
  start = out->len;
  g_string_append (out, "END");
  end_record (out, start);
  return g_string_free (g_steal_pointer (&out), FALSE);
}
