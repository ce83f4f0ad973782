/* pleat-scene-colors.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Colour schemes and element tables. The pLDDT bands are AlphaFold DB's as its Mol* viewer
 * draws them: Very high > 90, Confident 70 < x <= 90, Low 50 < x <= 70, Very low <= 50, and
 * #AAAAAA where a residue has no score. The continuous palette is ChimeraX's "alphafold" ramp
 * (0 red, 50 orange, 70 yellow, 90 cornflower blue, 100 blue). PAE uses ChimeraX's "paegreen"
 * (dark green at 0 Å to white at 30 Å), the ramp of the PAE plots users know.
 */
#define G_LOG_DOMAIN "pleat-ui"

#include "config.h"

#include <math.h>
#include <string.h>

#include "pleat-scene-private.h"

typedef struct
{
  const char *symbol;
  guint32     color;      /* 0xRRGGBB, Jmol's CPK colours */
  float       vdw;        /* Bondi / Alvarez van der Waals radius */
  float       covalent;   /* Cordero et al. 2008 */
  gboolean    metal;
} Element;

static const Element elements[] = {
  { "H",  0xFFFFFF, 1.20f, 0.31f, FALSE }, { "C",  0x909090, 1.70f, 0.76f, FALSE },
  { "N",  0x3050F8, 1.55f, 0.71f, FALSE }, { "O",  0xFF0D0D, 1.52f, 0.66f, FALSE },
  { "S",  0xFFFF30, 1.80f, 1.05f, FALSE }, { "P",  0xFF8000, 1.80f, 1.07f, FALSE },
  { "SE", 0xFFA100, 1.90f, 1.20f, FALSE }, { "F",  0x90E050, 1.47f, 0.57f, FALSE },
  { "CL", 0x1FF01F, 1.75f, 1.02f, FALSE }, { "BR", 0xA62929, 1.85f, 1.20f, FALSE },
  { "I",  0x940094, 1.98f, 1.39f, FALSE }, { "B",  0xFFB5B5, 1.92f, 0.84f, FALSE },
  { "SI", 0xF0C8A0, 2.10f, 1.11f, FALSE }, { "D",  0xFFFFC0, 1.20f, 0.31f, FALSE },
  { "FE", 0xE06633, 1.94f, 1.32f, TRUE },  { "ZN", 0x7D80B0, 1.39f, 1.22f, TRUE },
  { "MG", 0x8AFF00, 1.73f, 1.41f, TRUE },  { "CA", 0x3DFF00, 2.31f, 1.76f, TRUE },
  { "NA", 0xAB5CF2, 2.27f, 1.66f, TRUE },  { "K",  0x8F40D4, 2.75f, 2.03f, TRUE },
  { "MN", 0x9C7AC7, 1.97f, 1.39f, TRUE },  { "CU", 0xC88033, 1.40f, 1.32f, TRUE },
  { "CO", 0xF090A0, 1.92f, 1.26f, TRUE },  { "NI", 0x50D050, 1.63f, 1.24f, TRUE },
  { "CD", 0xFFD98F, 1.58f, 1.44f, TRUE },  { "HG", 0xB8B8D0, 1.55f, 1.32f, TRUE },
};

static const Element unknown_element = { "X", 0xFF1493, 1.70f, 0.77f, FALSE };

static const Element *
lookup (const char *symbol)
{
  for (guint i = 0; i < G_N_ELEMENTS (elements); i++)
    if (strcmp (elements[i].symbol, symbol) == 0)
      return &elements[i];
  return &unknown_element;
}

static void
unpack (guint32 rgb,
        guint8  rgba[4])
{
  rgba[0] = (rgb >> 16) & 0xff;
  rgba[1] = (rgb >> 8) & 0xff;
  rgba[2] = rgb & 0xff;
  rgba[3] = 0xff;
}

void
_pleat_scene_element_color (const char *element,
                            guint8      rgba[4])
{
  unpack (lookup (element)->color, rgba);
}

float
_pleat_scene_vdw_radius (const char *element)
{
  return lookup (element)->vdw;
}

float
_pleat_scene_covalent_radius (const char *element)
{
  return lookup (element)->covalent;
}

gboolean
_pleat_scene_is_metal (const char *element)
{
  return lookup (element)->metal;
}

gboolean
_pleat_scene_is_water (const PleatResidue *residue)
{
  return strcmp (residue->name, "HOH") == 0 || strcmp (residue->name, "WAT") == 0
         || strcmp (residue->name, "DOD") == 0;
}

void
_pleat_scene_plddt_band_color (float  plddt,
                               guint8 rgba[4])
{
  if (isnan (plddt) || plddt < 0.0f)
    unpack (0xAAAAAA, rgba);
  else if (plddt <= 50.0f)
    unpack (0xFF7D45, rgba);
  else if (plddt <= 70.0f)
    unpack (0xFFDB13, rgba);
  else if (plddt <= 90.0f)
    unpack (0x65CBF3, rgba);
  else
    unpack (0x0053D6, rgba);
}

typedef struct
{
  float   at;
  guint32 color;
} Stop;

static void
ramp (const Stop *stops,
      guint       n_stops,
      float       value,
      guint8      rgba[4])
{
  guint8 a[4], b[4];
  float t;
  guint i;

  if (value <= stops[0].at)
    {
      unpack (stops[0].color, rgba);
      return;
    }
  for (i = 1; i < n_stops && value > stops[i].at; i++)
    ;
  if (i == n_stops)
    {
      unpack (stops[n_stops - 1].color, rgba);
      return;
    }
  unpack (stops[i - 1].color, a);
  unpack (stops[i].color, b);
  t = (value - stops[i - 1].at) / (stops[i].at - stops[i - 1].at);
  for (guint k = 0; k < 3; k++)
    rgba[k] = (guint8) lroundf ((float) a[k] + t * ((float) b[k] - (float) a[k]));
  rgba[3] = 0xff;
}

static const Stop plddt_stops[] = {
  { 0.0f, 0xFF0000 }, { 50.0f, 0xFFA500 }, { 70.0f, 0xFFFF00 }, { 90.0f, 0x6495ED },
  { 100.0f, 0x0000FF },
};

static const Stop pae_stops[] = {
  { 0.0f, 0x1E461E }, { 5.0f, 0x249224 }, { 10.0f, 0x37B137 }, { 15.0f, 0x56C956 },
  { 20.0f, 0x82DD82 }, { 25.0f, 0xBAEFBA }, { 30.0f, 0xFFFFFF },
};

void
_pleat_scene_plddt_continuous_color (float  plddt,
                                     guint8 rgba[4])
{
  if (isnan (plddt) || plddt < 0.0f)
    unpack (0xAAAAAA, rgba);
  else
    ramp (plddt_stops, G_N_ELEMENTS (plddt_stops), plddt, rgba);
}

void
_pleat_scene_pae_color (float  pae,
                        guint8 rgba[4])
{
  ramp (pae_stops, G_N_ELEMENTS (pae_stops), pae, rgba);
}

/* Tableau 10: distinct, colour-blind aware, and none of them a pLDDT band colour. */
static const guint32 chain_palette[] = {
  0x4E79A7, 0xF28E2B, 0xE15759, 0x76B7B2, 0x59A14F, 0xEDC948, 0xB07AA1, 0xFF9DA7, 0x9C755F,
  0xBAB0AC,
};

void
_pleat_scene_chain_color (guint  index,
                          guint8 rgba[4])
{
  unpack (chain_palette[index % G_N_ELEMENTS (chain_palette)], rgba);
}

static void
hsv_to_rgb (float  hue,
            guint8 rgba[4])
{
  float h = fmodf (hue, 360.0f) / 60.0f;
  float x = 1.0f - fabsf (fmodf (h, 2.0f) - 1.0f);
  float r = 0, g = 0, b = 0;

  switch ((int) h)
    {
    case 0: r = 1; g = x; break;
    case 1: r = x; g = 1; break;
    case 2: g = 1; b = x; break;
    case 3: g = x; b = 1; break;
    case 4: r = x; b = 1; break;
    default: r = 1; b = x; break;
    }
  rgba[0] = (guint8) lroundf (r * 255);
  rgba[1] = (guint8) lroundf (g * 255);
  rgba[2] = (guint8) lroundf (b * 255);
  rgba[3] = 0xff;
}

/* Selected residues are tinted toward this green (Mol*'s selection colour). */
#define SELECTION_COLOR 0x33FF19
#define SELECTION_MIX   0.6f

static void
mix (guint8       color[4],
     const guint8 tint[4])
{
  for (guint k = 0; k < 3; k++)
    color[k] = (guint8) lroundf (color[k] * (1 - SELECTION_MIX) + tint[k] * SELECTION_MIX);
}

void
_pleat_scene_color_structure (SceneStructure         *s,
                              const SceneColorParams *params,
                              const guint8           *selected)
{
  const float *pae = NULL;
  guint n_pae = 0;
  gint pae_row = -1;
  g_autofree gint *polymer_index = g_new (gint, MAX (s->n_residues, 1));
  guint n_polymer = 0;
  static const guint8 gray[4] = { 0xAA, 0xAA, 0xAA, 0xff };

  for (guint i = 0; i < s->n_residues; i++)
    polymer_index[i] = s->residues[i].hetatm ? -1 : (gint) n_polymer++;

  if (params->scheme == PLEAT_COLOR_SCHEME_PAE && params->pae_structure == s->index
      && params->pae_residue >= 0 && (guint) params->pae_residue < s->n_residues)
    {
      pae = pleat_structure_get_pae (s->structure, &n_pae, NULL);
      pae_row = polymer_index[params->pae_residue];
      if (pae == NULL || n_pae != n_polymer || pae_row < 0)
        pae = NULL;
    }

  for (guint c = 0; c < s->n_chains; c++)
    {
      const PleatChain *chain = &s->chains[c];
      guint n_chain_polymer = 0, k = 0;
      guint palette = GPOINTER_TO_UINT (g_hash_table_lookup (params->chain_index,
                                                             chain->auth_id));

      for (guint r = 0; r < chain->n_residues; r++)
        n_chain_polymer += !s->residues[chain->first_residue + r].hetatm;

      for (guint r = 0; r < chain->n_residues; r++)
        {
          guint i = chain->first_residue + r;
          const PleatResidue *res = &s->residues[i];
          guint8 *out = s->residue_colors[i];

          switch (params->scheme)
            {
            case PLEAT_COLOR_SCHEME_PLDDT:
              _pleat_scene_plddt_band_color (res->plddt, out);
              break;
            case PLEAT_COLOR_SCHEME_PLDDT_CONTINUOUS:
              _pleat_scene_plddt_continuous_color (res->plddt, out);
              break;
            case PLEAT_COLOR_SCHEME_CHAIN:
              _pleat_scene_chain_color (palette > 0 ? palette - 1 : 0, out);
              break;
            case PLEAT_COLOR_SCHEME_RAINBOW:
              if (res->hetatm)
                memcpy (out, gray, 4);
              else
                hsv_to_rgb (240.0f * (1.0f - (n_chain_polymer > 1
                                              ? (float) k / (float) (n_chain_polymer - 1)
                                              : 0.0f)), out);
              break;
            case PLEAT_COLOR_SCHEME_PAE:
              if (pae != NULL && (gint) i == params->pae_residue)
                unpack (0xFF00FF, out);
              else if (pae != NULL && polymer_index[i] >= 0)
                _pleat_scene_pae_color (pae[(gsize) pae_row * n_pae + (gsize) polymer_index[i]],
                                        out);
              else
                memcpy (out, gray, 4);
              break;
            default:
              memcpy (out, gray, 4);
              break;
            }
          if (!res->hetatm)
            k++;
        }
    }

  for (guint a = 0; a < s->n_atoms; a++)
    {
      const PleatAtom *atom = &s->atoms[a];
      const PleatResidue *res = &s->residues[atom->residue];
      guint8 *out = s->atom_colors[a];

      /* Hetero groups without a value of their own (no pLDDT, no PAE row) read best in element
       * colours with grey carbons, as every viewer draws ligands; by chain, their carbons take
       * the chain's colour and the other elements their own. */
      if (res->hetatm
          && (params->scheme == PLEAT_COLOR_SCHEME_RAINBOW
              || params->scheme == PLEAT_COLOR_SCHEME_PAE
              || ((params->scheme == PLEAT_COLOR_SCHEME_PLDDT
                   || params->scheme == PLEAT_COLOR_SCHEME_PLDDT_CONTINUOUS)
                  && isnan (res->plddt))
              || (params->scheme == PLEAT_COLOR_SCHEME_CHAIN && strcmp (atom->element, "C") != 0)))
        _pleat_scene_element_color (atom->element, out);
      else
        memcpy (out, s->residue_colors[atom->residue], 4);
    }

  if (selected != NULL)
    {
      guint8 tint[4];

      unpack (SELECTION_COLOR, tint);
      for (guint i = 0; i < s->n_residues; i++)
        if (selected[i])
          mix (s->residue_colors[i], tint);
      for (guint a = 0; a < s->n_atoms; a++)
        if (selected[s->atoms[a].residue])
          mix (s->atom_colors[a], tint);
    }
}
