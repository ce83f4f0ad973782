/* pleat-residues.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pleat-engine"

#include "config.h"

#include <string.h>

#include "pleat-residues.h"

typedef struct
{
  char        one;
  const char *three;
} ResidueName;

/* The standard residues first: pleat_residue_three_letter() searches only those. */
static const ResidueName residue_names[] = {
  { 'A', "ALA" }, { 'R', "ARG" }, { 'N', "ASN" }, { 'D', "ASP" }, { 'C', "CYS" },
  { 'Q', "GLN" }, { 'E', "GLU" }, { 'G', "GLY" }, { 'H', "HIS" }, { 'I', "ILE" },
  { 'L', "LEU" }, { 'K', "LYS" }, { 'M', "MET" }, { 'F', "PHE" }, { 'P', "PRO" },
  { 'S', "SER" }, { 'T', "THR" }, { 'W', "TRP" }, { 'Y', "TYR" }, { 'V', "VAL" },
  /* Non-standard names seen in deposited and predicted files. */
  { 'U', "SEC" }, { 'O', "PYL" }, { 'M', "MSE" }, { 'X', "UNK" },
  { 'H', "HID" }, { 'H', "HIE" }, { 'H', "HIP" }, { 'C', "CYX" },
};

#define N_STANDARD 20

char
pleat_residue_one_letter (const char *three_letter)
{
  g_return_val_if_fail (three_letter != NULL, 'X');

  for (guint i = 0; i < G_N_ELEMENTS (residue_names); i++)
    if (g_ascii_strcasecmp (three_letter, residue_names[i].three) == 0)
      return residue_names[i].one;
  return 'X';
}

const char *
pleat_residue_three_letter (char one_letter)
{
  char upper = g_ascii_toupper (one_letter);

  for (guint i = 0; i < N_STANDARD; i++)
    if (residue_names[i].one == upper)
      return residue_names[i].three;
  if (upper == 'U')
    return "SEC";
  if (upper == 'O')
    return "PYL";
  return "UNK";
}

gboolean
pleat_residue_is_standard (char one_letter)
{
  for (guint i = 0; i < N_STANDARD; i++)
    if (residue_names[i].one == one_letter)
      return TRUE;
  return FALSE;
}

guint8
pleat_residue_aatype (char one_letter)
{
  char upper = g_ascii_toupper (one_letter);

  /* residue_names starts with the standard residues in AlphaFold's restype order. */
  for (guint i = 0; i < N_STANDARD; i++)
    if (residue_names[i].one == upper)
      return (guint8) i;
  return PLEAT_RESIDUE_AATYPE_X;
}
