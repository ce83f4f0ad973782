/* test-residue-constants.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The generated residue-constant tables against the reference's own values
 * (tests/fixtures/residue-constants.json: OpenFold's structure-module buffers and
 * make_atom14_masks as transformers builds them), plus geometric invariants that would catch a
 * wrong table even if the dump were wrong too.
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <math.h>

#include "pleat-residue-constants.h"

static JsonObject *
load_reference (JsonParser **parser_out)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures",
                                                 "residue-constants.json", NULL);
  JsonParser *parser = json_parser_new ();

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  *parser_out = parser;
  return json_node_get_object (json_parser_get_root (parser));
}

/* Element (i, j, k, l) of a nested JSON array; unused trailing indices are -1. */
static JsonNode *
nested (JsonObject *ref,
        const char *name,
        gint        i,
        gint        j,
        gint        k,
        gint        l)
{
  JsonArray *a = json_object_get_array_member (ref, name);
  gint idx[4] = { i, j, k, l };
  JsonNode *node = NULL;

  for (guint d = 0; d < 4 && idx[d] >= 0; d++)
    {
      node = json_array_get_element (a, idx[d]);
      if (d + 1 < 4 && idx[d + 1] >= 0)
        a = json_node_get_array (node);
    }
  return node;
}

static double
num (JsonObject *ref,
     const char *name,
     gint        i,
     gint        j,
     gint        k,
     gint        l)
{
  return json_node_get_double (nested (ref, name, i, j, k, l));
}

static void
test_names (void)
{
  g_autoptr(JsonParser) parser = NULL;
  JsonObject *ref = load_reference (&parser);
  JsonArray *atoms = json_object_get_array_member (ref, "atom_types");

  g_assert_cmpstr (pleat_rc_restypes, ==, json_object_get_string_member (ref, "restypes"));
  g_assert_cmpuint (json_array_get_length (atoms), ==, PLEAT_RC_N_ATOM37);
  for (guint a = 0; a < PLEAT_RC_N_ATOM37; a++)
    {
      g_assert_cmpstr (pleat_rc_atom_types[a], ==, json_array_get_string_element (atoms, a));
      g_assert_cmpint (pleat_rc_atom_elements[a][0], ==, pleat_rc_atom_types[a][0]);
      g_assert_cmpint (pleat_rc_atom37_index (pleat_rc_atom_types[a]), ==, (gint) a);
    }
  g_assert_cmpint (pleat_rc_atom37_index ("CA"), ==, PLEAT_RC_ATOM_CA);
  g_assert_cmpint (pleat_rc_atom37_index ("CB"), ==, PLEAT_RC_ATOM_CB);
  g_assert_cmpint (pleat_rc_atom37_index ("SE"), ==, -1);

  g_assert_cmpuint (pleat_rc_restype_from_letter ('A'), ==, 0);
  g_assert_cmpuint (pleat_rc_restype_from_letter ('G'), ==, PLEAT_RC_GLY);
  g_assert_cmpuint (pleat_rc_restype_from_letter ('V'), ==, 19);
  g_assert_cmpuint (pleat_rc_restype_from_letter ('X'), ==, PLEAT_RC_UNK);
  g_assert_cmpuint (pleat_rc_restype_from_letter ('B'), ==, PLEAT_RC_UNK);
  g_assert_cmpuint (pleat_rc_restype_from_letter ('\0'), ==, PLEAT_RC_UNK);
  g_assert_cmpstr (pleat_rc_restype_names[PLEAT_RC_GLY], ==, "GLY");
  g_assert_cmpstr (pleat_rc_restype_names[PLEAT_RC_UNK], ==, "UNK");

  /* The atom14 names agree with the two index maps. */
  for (guint r = 0; r < PLEAT_RC_N_RESTYPES; r++)
    for (guint s = 0; s < PLEAT_RC_N_ATOM14; s++)
      {
        const char *name = pleat_rc_atom14_names[r][s];

        g_assert_cmpint (name[0] != '\0', ==, pleat_rc_atom14_mask[r][s]);
        if (name[0] == '\0')
          continue;
        g_assert_cmpstr (pleat_rc_atom_types[pleat_rc_atom14_to_atom37[r][s]], ==, name);
        g_assert_cmpint (pleat_rc_atom37_to_atom14[r][pleat_rc_atom14_to_atom37[r][s]], ==, s);
        g_assert_true (pleat_rc_atom37_mask[r][pleat_rc_atom14_to_atom37[r][s]]);
      }
}

static void
test_masks_and_maps (void)
{
  g_autoptr(JsonParser) parser = NULL;
  JsonObject *ref = load_reference (&parser);

  for (guint r = 0; r < PLEAT_RC_N_RESTYPES; r++)
    {
      for (guint s = 0; s < PLEAT_RC_N_ATOM14; s++)
        {
          g_assert_cmpfloat (pleat_rc_atom14_mask[r][s], ==,
                             num (ref, "atom14_atom_exists", r, s, -1, -1));
          g_assert_cmpfloat (pleat_rc_atom14_mask[r][s], ==, num (ref, "atom_mask", r, s, -1, -1));
          g_assert_cmpint (pleat_rc_atom14_to_atom37[r][s], ==,
                           (gint) num (ref, "residx_atom14_to_atom37", r, s, -1, -1));
          g_assert_cmpint (pleat_rc_atom14_to_group[r][s], ==,
                           (gint) num (ref, "group_idx", r, s, -1, -1));
          g_assert_cmpfloat (pleat_rc_atom14_ambiguous[r][s], ==,
                             num (ref, "ambiguous_atoms", r, s, -1, -1));
          g_assert_cmpint (pleat_rc_atom14_ambiguous_swap[r][s], ==,
                           (gint) num (ref, "ambiguous_swap", r, s, -1, -1));
          for (guint x = 0; x < 3; x++)
            g_assert_cmpfloat (pleat_rc_atom14_group_positions[r][s][x], ==,
                               (float) num (ref, "lit_positions", r, s, x, -1));
        }
      for (guint a = 0; a < PLEAT_RC_N_ATOM37; a++)
        {
          g_assert_cmpfloat (pleat_rc_atom37_mask[r][a], ==,
                             num (ref, "atom37_atom_exists", r, a, -1, -1));
          g_assert_cmpint (pleat_rc_atom37_to_atom14[r][a], ==,
                           (gint) num (ref, "residx_atom37_to_atom14", r, a, -1, -1));
          g_assert_cmpint (pleat_rc_atom37_to_group[r][a], ==,
                           (gint) num (ref, "atom37_group", r, a, -1, -1));
          for (guint x = 0; x < 3; x++)
            g_assert_cmpfloat (pleat_rc_atom37_group_positions[r][a][x], ==,
                               (float) num (ref, "atom37_group_positions", r, a, x, -1));
        }
      for (guint c = 0; c < 4; c++)
        {
          g_assert_cmpfloat (pleat_rc_chi_angles_mask[r][c], ==,
                             num (ref, "chi_angles_mask", r, c, -1, -1));
          g_assert_cmpfloat (pleat_rc_chi_pi_periodic[r][c], ==,
                             num (ref, "chi_pi_periodic", r, c, -1, -1));
          for (guint a = 0; a < 4; a++)
            g_assert_cmpint (pleat_rc_chi_angles_atoms[r][c][a], ==,
                             (gint) num (ref, "chi_angles_atoms", r, c, a, -1));
        }
      for (guint g = 0; g < PLEAT_RC_N_GROUPS; g++)
        for (guint i = 0; i < 4; i++)
          for (guint j = 0; j < 4; j++)
            g_assert_cmpfloat (pleat_rc_default_frames[r][g][i][j], ==,
                               (float) num (ref, "default_frames", r, g, i, j));
    }
}

/* Independent of the dump: each default frame that exists is a proper rotation whose origin
 * sits on the atom that ends its rotation axis, the chi atoms exist and the atom counts are the
 * textbook ones. */
static void
test_geometry (void)
{
  static const guint heavy_atoms[PLEAT_RC_N_RESTYPES] = {
    5, 11, 8, 8, 6, 9, 9, 4, 10, 8, 8, 9, 8, 11, 7, 6, 7, 14, 12, 7, 0,
  };

  for (guint r = 0; r < PLEAT_RC_N_RESTYPES; r++)
    {
      guint n14 = 0, n37 = 0;

      for (guint s = 0; s < PLEAT_RC_N_ATOM14; s++)
        n14 += pleat_rc_atom14_mask[r][s];
      for (guint a = 0; a < PLEAT_RC_N_ATOM37; a++)
        n37 += pleat_rc_atom37_mask[r][a];
      g_assert_cmpuint (n14, ==, heavy_atoms[r]);
      g_assert_cmpuint (n37, ==, heavy_atoms[r]);

      for (guint g = 0; g < PLEAT_RC_N_GROUPS; g++)
        {
          const float (*m)[4] = pleat_rc_default_frames[r][g];
          gboolean exists = r != PLEAT_RC_UNK
                            && (g < 4 || pleat_rc_chi_angles_mask[r][g - 4]);
          double det;

          if (!exists)
            {
              for (guint i = 0; i < 4; i++)
                for (guint j = 0; j < 4; j++)
                  g_assert_cmpfloat (m[i][j], ==, 0.0f);
              continue;
            }
          det = m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1])
                - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
                + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
          g_assert_cmpfloat_with_epsilon (det, 1.0, 1e-6);
          for (guint i = 0; i < 3; i++)
            for (guint j = 0; j < 3; j++)
              {
                double dot = 0;

                for (guint k = 0; k < 3; k++)
                  dot += m[k][i] * m[k][j];
                g_assert_cmpfloat_with_epsilon (dot, i == j ? 1.0 : 0.0, 1e-6);
              }
          g_assert_cmpfloat (m[3][3], ==, 1.0f);

          /* The chi1 frame's origin is the third atom of chi1 (CB->CG axis end: CB at
           * backbone-group coordinates); chi2-4 origins are the axis-end atom in the parent
           * group's frame, which the tables hold as that atom's group position. */
          if (g >= 4)
            {
              gint axis_end = pleat_rc_chi_angles_atoms[r][g - 4][2];

              g_assert_cmpint (axis_end, >=, 0);
              for (guint x = 0; x < 3; x++)
                g_assert_cmpfloat (m[x][3], ==, pleat_rc_atom37_group_positions[r][axis_end][x]);
              g_assert_true (pleat_rc_atom37_mask[r][pleat_rc_chi_angles_atoms[r][g - 4][3]]);
            }
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/pleat/model/ResidueConstants/names", test_names);
  g_test_add_func ("/pleat/model/ResidueConstants/masks-and-maps", test_masks_and_maps);
  g_test_add_func ("/pleat/model/ResidueConstants/geometry", test_geometry);

  return g_test_run ();
}
