/* pleat-npz.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pleat-engine"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "pleat-error.h"
#include "pleat-npy.h"
#include "pleat-npz.h"
#include "pleat-tensor-convert.h"
#include "pleat-zip.h"

/* The most an array may inflate to: a float32 PAE of 16,000 tokens, well past what a predictor
 * runs; a declared size above it is refused before anything is allocated. */
#define NPZ_MAX_ENTRY ((guint64) 1 << 30)

float *
pleat_npz_read_floats (GBytes      *npz,
                       const char  *display_name,
                       const char  *key,
                       gint64      *shape,
                       guint       *n_dims,
                       GError     **error)
{
  g_autoptr(PleatZip) zip = NULL;
  g_autoptr(GBytes) contents = NULL;
  g_autofree char *entry_name = NULL;
  g_autofree float *values = NULL;
  const PleatZipEntry *entry;
  PleatTensorView view;
  PleatConvertFuncs funcs;
  const guint8 *data;
  gsize size;

  g_return_val_if_fail (npz != NULL, NULL);
  g_return_val_if_fail (display_name != NULL && key != NULL, NULL);
  g_return_val_if_fail (shape != NULL && n_dims != NULL, NULL);

  zip = pleat_zip_new_from_bytes_full (npz, display_name, PLEAT_ZIP_ALLOW_DEFLATE, error);
  if (zip == NULL)
    return NULL;
  entry_name = g_strconcat (key, ".npy", NULL);
  entry = pleat_zip_lookup (zip, entry_name);
  if (entry == NULL)
    {
      g_set_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_INVALID_FILE,
                   _("%s: no array “%s” in the archive"), display_name, key);
      return NULL;
    }
  contents = pleat_zip_dup_entry_bytes (zip, entry, NPZ_MAX_ENTRY, error);
  if (contents == NULL)
    return NULL;
  data = g_bytes_get_data (contents, &size);
  if (!pleat_npy_parse (data, size, display_name, &view, error))
    return NULL;

  /* The parser bounded the element count by the bytes present, which the cap above bounds. */
  values = g_new (float, MAX (pleat_tensor_view_get_n_elements (&view), 1));
  pleat_convert_funcs_init (&funcs, NULL);
  pleat_tensor_view_convert (&view, PLEAT_DTYPE_F32, values, &funcs);
  *n_dims = view.n_dims;
  for (guint i = 0; i < view.n_dims; i++)
    shape[i] = view.shape[i];
  return g_steal_pointer (&values);
}

/* Boltz's tokens in structure order: one per polymer residue, one per heavy atom of anything
 * else. polymer_token (n_residues) gets each polymer residue's token, or -1; atom_token (n_atoms)
 * each atom's token. Returns the number of tokens. */
static guint
map_boltz_tokens (PleatStructure *structure,
                  guint          *n_polymer,
                  gint           *atom_token)
{
  const PleatResidue *residues;
  const PleatAtom *atoms;
  guint n_residues, n_tokens = 0;

  residues = pleat_structure_get_residues (structure, &n_residues);
  atoms = pleat_structure_get_atoms (structure, NULL);
  *n_polymer = 0;
  for (guint r = 0; r < n_residues; r++)
    {
      const PleatResidue *residue = &residues[r];

      if (!residue->hetatm)
        {
          (*n_polymer)++;
          for (guint a = 0; a < residue->n_atoms; a++)
            atom_token[residue->first_atom + a] = (gint) n_tokens;
          n_tokens++;
          continue;
        }
      for (guint a = 0; a < residue->n_atoms; a++)
        {
          const char *element = atoms[residue->first_atom + a].element;
          gboolean hydrogen = g_str_equal (element, "H") || g_str_equal (element, "D");

          atom_token[residue->first_atom + a] = hydrogen ? -1 : (gint) n_tokens;
          n_tokens += !hydrogen;
        }
    }
  return n_tokens;
}

static gboolean
all_finite (const float *values,
            guint64      n)
{
  for (guint64 i = 0; i < n; i++)
    if (!isfinite (values[i]))
      return FALSE;
  return TRUE;
}

gboolean
pleat_structure_attach_pae_npz (PleatStructure  *structure,
                                GBytes          *npz,
                                const char      *display_name,
                                GError         **error)
{
  g_autofree float *matrix = NULL;
  g_autofree float *pae = NULL;
  g_autofree gint *atom_token = NULL;
  g_autofree guint *rows = NULL;
  gint64 shape[PLEAT_TENSOR_MAX_DIMS];
  const PleatResidue *residues;
  guint n_dims, n_polymer, n_tokens, n_residues, n;
  float max_pae = 0.0f;

  g_return_val_if_fail (PLEAT_IS_STRUCTURE (structure), FALSE);

  matrix = pleat_npz_read_floats (npz, display_name, "pae", shape, &n_dims, error);
  if (matrix == NULL)
    return FALSE;
  if (n_dims != 2 || shape[0] != shape[1] || shape[0] > G_MAXUINT)
    {
      g_autofree char *text = pleat_shape_to_string (shape, n_dims);

      g_set_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_INVALID_FILE,
                   _("%s: the PAE array has shape %s, not a square matrix"), display_name, text);
      return FALSE;
    }
  n = (guint) shape[0];
  if (!all_finite (matrix, (guint64) n * n))
    {
      g_set_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_INVALID_FILE,
                   _("%s: the PAE matrix holds values that are not numbers"), display_name);
      return FALSE;
    }

  atom_token = g_new (gint, MAX (pleat_structure_get_n_atoms (structure), 1));
  n_tokens = map_boltz_tokens (structure, &n_polymer, atom_token);
  if (n != n_polymer && n != n_tokens)
    {
      g_set_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_INVALID_FILE,
                   _("The PAE matrix has %u rows but the structure has %u residues (%u tokens)"),
                   n, n_polymer, n_tokens);
      return FALSE;
    }

  /* The polymer residues' rows and columns, in order: all of them when n == n_polymer. */
  residues = pleat_structure_get_residues (structure, &n_residues);
  rows = g_new (guint, MAX (n_polymer, 1));
  for (guint r = 0, k = 0; r < n_residues; r++)
    {
      if (residues[r].hetatm)
        continue;
      rows[k] = n == n_polymer ? k : (guint) atom_token[residues[r].first_atom];
      k++;
    }
  pae = g_new (float, MAX ((gsize) n_polymer * n_polymer, 1));
  for (guint i = 0; i < n_polymer; i++)
    for (guint j = 0; j < n_polymer; j++)
      {
        float value = matrix[(gsize) rows[i] * n + rows[j]];

        pae[(gsize) i * n_polymer + j] = value;
        max_pae = MAX (max_pae, value);
      }
  pleat_structure_take_pae (structure, n_polymer, g_steal_pointer (&pae), max_pae);
  return TRUE;
}

gboolean
pleat_structure_attach_plddt_npz (PleatStructure  *structure,
                                  GBytes          *npz,
                                  const char      *display_name,
                                  GError         **error)
{
  g_autofree float *plddt = NULL;
  g_autofree gint *atom_token = NULL;
  gint64 shape[PLEAT_TENSOR_MAX_DIMS];
  PleatAtom *atoms;
  guint n_dims, n_polymer, n_tokens, n_atoms;

  g_return_val_if_fail (PLEAT_IS_STRUCTURE (structure), FALSE);

  plddt = pleat_npz_read_floats (npz, display_name, "plddt", shape, &n_dims, error);
  if (plddt == NULL)
    return FALSE;
  atoms = pleat_structure_get_atoms_mutable (structure, &n_atoms);
  atom_token = g_new (gint, MAX (n_atoms, 1));
  n_tokens = map_boltz_tokens (structure, &n_polymer, atom_token);
  if (n_dims != 1 || shape[0] != n_tokens)
    {
      g_autofree char *text = pleat_shape_to_string (shape, n_dims);

      g_set_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_INVALID_FILE,
                   _("%s: the pLDDT array has shape %s but the structure has %u tokens"),
                   display_name, text, n_tokens);
      return FALSE;
    }
  for (guint t = 0; t < n_tokens; t++)
    {
      if (!isfinite (plddt[t]) || plddt[t] < 0.0f || plddt[t] > 1.0f)
        {
          g_set_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_INVALID_FILE,
                       _("%s: pLDDT values must lie between 0 and 1"), display_name);
          return FALSE;
        }
    }
  for (guint a = 0; a < n_atoms; a++)
    atoms[a].plddt = atom_token[a] >= 0 ? plddt[atom_token[a]] * 100.0f : NAN;
  pleat_structure_compute_residue_plddt (structure);
  pleat_structure_set_plddt_source (structure, PLEAT_PLDDT_SOURCE_NPZ);
  return TRUE;
}
