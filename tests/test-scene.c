/* test-scene.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The scene without GL or a display: instance and vertex counts, normals, colours of residues
 * with known pLDDT, strand arrowheads, bonds, bounds, picking against a brute-force reference,
 * the legend and building on a worker thread.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "pleat-scene.h"
#include "pleat-secondary-structure.h"
#include "pleat-structure-reader.h"

static PleatStructure *
load (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "structures", name,
                                                 NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) structures = pleat_structure_load (file, NULL, &error);

  g_assert_no_error (error);
  return g_object_ref (g_ptr_array_index (structures, 0));
}

static void
assert_rgb (const guint8 rgba[4],
            guint32      rgb)
{
  guint32 got = ((guint32) rgba[0] << 16) | ((guint32) rgba[1] << 8) | rgba[2];

  if (got != rgb)
    g_error ("colour #%06X, expected #%06X", got, rgb);
  g_assert_cmpuint (rgba[3], ==, 0xff);
}

static void
test_trace_plddt_bands (void)
{
  g_autoptr(PleatStructure) s = load ("AF-TEST-F1-model_v4.cif");
  g_autoptr(PleatScene) scene = pleat_scene_new ();
  const PleatSphereInstance *spheres;
  const PleatAtom *atoms = pleat_structure_get_atoms (s, NULL);
  guint n_spheres, n_cylinders;
  /* make-fixtures.py: 95.5 90 85.2 70 65.3 50 45.1 30.2 91 72.4 55.5 20; the band edges are
   * AlphaFold DB's: exactly 90 is Confident, exactly 70 Low, exactly 50 Very low. */
  static const guint32 expected[12] = {
    0x0053D6, 0x65CBF3, 0x65CBF3, 0xFFDB13, 0xFFDB13, 0xFF7D45, 0xFF7D45, 0xFF7D45,
    0x0053D6, 0x65CBF3, 0xFFDB13, 0xFF7D45,
  };

  pleat_scene_add_structure (scene, s);
  pleat_scene_set_representation (scene, PLEAT_REPRESENTATION_TRACE);
  g_assert_true (pleat_scene_is_dirty (scene));
  g_assert_true (pleat_scene_build (scene));
  g_assert_false (pleat_scene_is_dirty (scene));
  g_assert_false (pleat_scene_build (scene));   /* nothing changed */
  pleat_scene_invalidate (scene);
  g_assert_true (pleat_scene_is_dirty (scene));
  g_assert_true (pleat_scene_build (scene));

  spheres = pleat_scene_get_spheres (scene, &n_spheres);
  pleat_scene_get_cylinders (scene, &n_cylinders);
  g_assert_cmpuint (n_spheres, ==, 12);
  g_assert_cmpuint (n_cylinders, ==, 11);
  for (guint i = 0; i < 12; i++)
    {
      guint atom = pleat_scene_pick_id_get_atom (spheres[i].pick_id);

      g_assert_cmpuint (pleat_scene_pick_id_get_structure (spheres[i].pick_id), ==, 0);
      g_assert_cmpstr (atoms[atom].name, ==, "CA");
      g_assert_cmpuint (atoms[atom].residue, ==, i);
      g_assert_cmpfloat (spheres[i].center[0], ==, atoms[atom].x);
      assert_rgb (spheres[i].color, expected[i]);
    }
}

static void
test_continuous_and_rainbow (void)
{
  g_autoptr(PleatStructure) s = load ("AF-TEST-F1-model_v4.cif");
  g_autoptr(PleatScene) scene = pleat_scene_new ();
  guint8 rgba[4], first[4], last[4];

  pleat_scene_add_structure (scene, s);
  pleat_scene_set_color_scheme (scene, PLEAT_COLOR_SCHEME_PLDDT_CONTINUOUS);
  pleat_scene_get_residue_color (scene, 0, 1, rgba);   /* 90: cornflower blue stop */
  assert_rgb (rgba, 0x6495ED);
  pleat_scene_get_residue_color (scene, 0, 5, rgba);   /* 50: orange stop */
  assert_rgb (rgba, 0xFFA500);
  pleat_scene_get_residue_color (scene, 0, 2, rgba);   /* 85.2: between yellow and blue */
  g_assert_cmpuint (rgba[2], >, 150);
  g_assert_cmpuint (rgba[2], <, 237);

  pleat_scene_set_color_scheme (scene, PLEAT_COLOR_SCHEME_RAINBOW);
  pleat_scene_get_residue_color (scene, 0, 0, first);
  pleat_scene_get_residue_color (scene, 0, 11, last);
  assert_rgb (first, 0x0000FF);
  assert_rgb (last, 0xFF0000);
}

static void
test_pae_scheme (void)
{
  g_autoptr(PleatStructure) s = load ("AF-TEST-F1-model_v4.cif");
  g_autoptr(PleatScene) scene = pleat_scene_new ();
  g_autofree char *title = NULL;
  g_autoptr(GArray) legend = NULL;
  gboolean gradient = FALSE;
  guint8 rgba[4];

  pleat_scene_add_structure (scene, s);
  pleat_scene_set_color_scheme (scene, PLEAT_COLOR_SCHEME_PAE);
  pleat_scene_get_residue_color (scene, 0, 3, rgba);   /* no reference residue yet: grey */
  assert_rgb (rgba, 0xAAAAAA);

  pleat_scene_set_pae_reference (scene, 0, 0);
  pleat_scene_get_residue_color (scene, 0, 0, rgba);   /* the reference itself */
  assert_rgb (rgba, 0xFF00FF);
  pleat_scene_get_residue_color (scene, 0, 5, rgba);   /* PAE[0][5] = 10 Å: a ramp stop */
  assert_rgb (rgba, 0x37B137);
  pleat_scene_get_residue_color (scene, 0, 11, rgba);  /* PAE[0][11] = 22 Å */
  assert_rgb (rgba, 0x98E498);

  legend = pleat_scene_dup_legend (scene, &title, &gradient);
  g_assert_true (gradient);
  g_assert_cmpuint (legend->len, ==, 7);
  g_assert_nonnull (strstr (title, "A 1"));
  assert_rgb (g_array_index (legend, PleatLegendEntry, 0).color, 0x1E461E);
  g_assert_cmpstr (g_array_index (legend, PleatLegendEntry, 6).label, ==, "30");
}

static void
test_legend (void)
{
  g_autoptr(PleatStructure) predicted = load ("AF-TEST-F1-model_v4.cif");
  g_autoptr(PleatStructure) complex = load ("colabfold_unrelaxed_rank_001_alphafold2_multimer_"
                                            "v3_model_1_seed_000.pdb");
  g_autoptr(PleatStructure) crystal = load ("edge.pdb");
  g_autoptr(PleatScene) scene = pleat_scene_new ();
  g_autoptr(GArray) bands = NULL;
  g_autoptr(GArray) with_missing = NULL;
  g_autoptr(GArray) chains = NULL;
  g_autofree char *title = NULL;
  gboolean gradient = TRUE;

  pleat_scene_add_structure (scene, predicted);
  bands = pleat_scene_dup_legend (scene, &title, &gradient);
  g_assert_false (gradient);
  g_assert_cmpuint (bands->len, ==, 4);
  assert_rgb (g_array_index (bands, PleatLegendEntry, 0).color, 0x0053D6);
  assert_rgb (g_array_index (bands, PleatLegendEntry, 3).color, 0xFF7D45);
  g_assert_nonnull (strstr (g_array_index (bands, PleatLegendEntry, 0).label, "90"));
  g_assert_nonnull (strstr (title, "pLDDT"));

  /* A structure without pLDDT adds the "no score" swatch. */
  pleat_scene_add_structure (scene, crystal);
  with_missing = pleat_scene_dup_legend (scene, NULL, NULL);
  g_assert_cmpuint (with_missing->len, ==, 5);
  assert_rgb (g_array_index (with_missing, PleatLegendEntry, 4).color, 0xAAAAAA);

  pleat_scene_remove_all (scene);
  pleat_scene_add_structure (scene, complex);
  pleat_scene_set_color_scheme (scene, PLEAT_COLOR_SCHEME_CHAIN);
  chains = pleat_scene_dup_legend (scene, NULL, NULL);
  g_assert_cmpuint (chains->len, ==, 2);
  g_assert_cmpstr (g_array_index (chains, PleatLegendEntry, 1).label, ==, "Chain B");
  {
    guint8 a[4], b[4];

    pleat_scene_get_residue_color (scene, 0, 0, a);
    pleat_scene_get_residue_color (scene, 0, 15, b);
    g_assert_cmpmem (a, 4, g_array_index (chains, PleatLegendEntry, 0).color, 4);
    g_assert_cmpmem (b, 4, g_array_index (chains, PleatLegendEntry, 1).color, 4);
  }
}

static void
test_spacefill (void)
{
  g_autoptr(PleatStructure) s = load ("edge.pdb");
  g_autoptr(PleatScene) scene = pleat_scene_new ();
  const PleatSphereInstance *spheres;
  const PleatAtom *atoms;
  guint n_spheres, n_atoms;

  atoms = pleat_structure_get_atoms (s, &n_atoms);
  pleat_scene_add_structure (scene, s);
  pleat_scene_set_representation (scene, PLEAT_REPRESENTATION_SPACEFILL);
  pleat_scene_build (scene);
  spheres = pleat_scene_get_spheres (scene, &n_spheres);
  g_assert_cmpuint (n_spheres, ==, n_atoms);
  for (guint i = 0; i < n_spheres; i++)
    {
      guint a = pleat_scene_pick_id_get_atom (spheres[i].pick_id);

      if (strcmp (atoms[a].element, "C") == 0)
        g_assert_cmpfloat (spheres[i].radius, ==, 1.70f);
      else if (strcmp (atoms[a].element, "O") == 0)
        g_assert_cmpfloat (spheres[i].radius, ==, 1.52f);
      else if (strcmp (atoms[a].element, "SE") == 0)
        g_assert_cmpfloat (spheres[i].radius, ==, 1.90f);
    }
}

static gboolean
has_bond (const PleatCylinderInstance *cylinders,
          guint                        n,
          const PleatAtom             *a,
          const PleatAtom             *b)
{
  for (guint i = 0; i < n; i++)
    {
      const PleatCylinderInstance *c = &cylinders[i];

      if ((c->a[0] == a->x && c->a[1] == a->y && c->b[0] == b->x && c->b[1] == b->y)
          || (c->a[0] == b->x && c->a[1] == b->y && c->b[0] == a->x && c->b[1] == a->y))
        return TRUE;
    }
  return FALSE;
}

static void
test_bonds (void)
{
  g_autoptr(PleatStructure) s = load ("AF-TEST-F1-model_v4.cif");
  g_autoptr(PleatScene) scene = pleat_scene_new ();
  const PleatCylinderInstance *cylinders;
  const PleatAtom *atoms = pleat_structure_get_atoms (s, NULL);
  guint n, n_atoms, in_first = 0;
  static const char * const ring[][2] = {
    { "N", "CA" }, { "CA", "C" }, { "C", "O" }, { "CA", "CB" }, { "CB", "CG" }, { "CG", "CD" },
    { "CD", "N" },
  };

  pleat_structure_get_atoms (s, &n_atoms);
  pleat_scene_add_structure (scene, s);
  pleat_scene_set_representation (scene, PLEAT_REPRESENTATION_BALL_AND_STICK);
  pleat_scene_build (scene);
  cylinders = pleat_scene_get_cylinders (scene, &n);

  /* Residue 1 is a proline: seven bonds including the ring closure CD-N, and no N-C bond. */
  for (guint i = 0; i < G_N_ELEMENTS (ring); i++)
    g_assert_true (has_bond (cylinders, n, &atoms[pleat_structure_find_atom (s, 0, ring[i][0])],
                             &atoms[pleat_structure_find_atom (s, 0, ring[i][1])]));
  g_assert_false (has_bond (cylinders, n, &atoms[pleat_structure_find_atom (s, 0, "N")],
                            &atoms[pleat_structure_find_atom (s, 0, "C")]));
  for (guint i = 0; i < n; i++)
    {
      guint a = pleat_scene_pick_id_get_atom (cylinders[i].pick_id);

      if (atoms[a].residue == 0)
        in_first++;
    }
  /* The seven, plus the peptide bond to residue 2 (a bond's pick id is its first atom's). */
  g_assert_cmpuint (in_first, ==, 8);
  /* Every peptide bond C(i)-N(i+1). */
  for (guint r = 0; r + 1 < 12; r++)
    g_assert_true (has_bond (cylinders, n, &atoms[pleat_structure_find_atom (s, r, "C")],
                             &atoms[pleat_structure_find_atom (s, r + 1, "N")]));
  /* A heavy-atom protein has about as many bonds as atoms (chains plus rings). */
  g_assert_cmpuint (n, >=, n_atoms - 1);
  g_assert_cmpuint (n, <=, n_atoms + 12);
}

/* An ideal flat strand along x with alternating C=O along y, then a short loop. */
static PleatStructure *
ideal_strand (void)
{
  PleatStructure *s = pleat_structure_new ();
  PleatResidue *residues;
  guint n;

  pleat_structure_add_chain (s, "A", "A");
  for (guint i = 0; i < 9; i++)
    {
      float x = 3.3f * (float) i;
      float sign = i % 2 == 0 ? 1.0f : -1.0f;

      pleat_structure_add_residue (s, "VAL", (gint) i + 1, '\0');
      pleat_structure_add_atom (s, "N", "N", x - 1.0f, 0.0f, 0.0f);
      pleat_structure_add_atom (s, "CA", "C", x, 0.0f, 0.0f);
      pleat_structure_add_atom (s, "C", "C", x + 1.2f, 0.0f, 0.0f);
      pleat_structure_add_atom (s, "O", "O", x + 1.2f, 1.23f * sign, 0.0f);
    }
  residues = pleat_structure_get_residues_mutable (s, &n);
  for (guint i = 0; i < n; i++)
    residues[i].ss = i <= 5 ? 'E' : ' ';
  pleat_structure_set_has_secondary_structure (s, TRUE);
  return s;
}

static void
test_cartoon_arrow (void)
{
  g_autoptr(PleatStructure) s = ideal_strand ();
  g_autoptr(PleatScene) scene = pleat_scene_new ();
  const PleatMeshVertex *vertices;
  const guint32 *indices;
  guint n_vertices, n_indices;
  float max_width[9] = { 0 };
  float arrow_widest_x = 0.0f, tip_width = G_MAXFLOAT;

  pleat_scene_add_structure (scene, s);
  pleat_scene_build (scene);
  vertices = pleat_scene_get_mesh (scene, &n_vertices, &indices, &n_indices);
  g_assert_cmpuint (n_vertices, >, 0);
  g_assert_cmpuint (n_indices % 3, ==, 0);

  for (guint v = 0; v < n_vertices; v++)
    {
      const PleatMeshVertex *m = &vertices[v];
      guint residue = pleat_scene_pick_id_get_atom (m->pick_id) / 4;
      float width = fabsf (m->position[1]);

      g_assert_cmpfloat (fabsf (m->position[2]), <=, 0.31f);   /* flat in the sheet plane */
      if (width > max_width[residue])
        max_width[residue] = width;
      if (residue == 5 && width > 1.6f)
        arrow_widest_x = m->position[0];
      if (residue == 5 && m->position[0] > 3.3f * 5 + 1.6f)
        tip_width = MIN (tip_width, width);
    }
  /* Strand body 1.1 Å half-width, arrowhead 1.7 Å over the last strand residue (5), pointing
   * to the C-terminus: widest at its N-terminal side, narrowing to a tip; loop tube 0.3 Å. */
  for (guint r = 0; r < 5; r++)
    g_assert_cmpfloat_with_epsilon (max_width[r], 1.1f, 0.01f);
  g_assert_cmpfloat_with_epsilon (max_width[5], 1.7f, 0.01f);
  g_assert_cmpfloat_with_epsilon (arrow_widest_x, 3.3f * 4.5f, 0.05f);
  g_assert_cmpfloat (tip_width, <, 0.2f);
  for (guint r = 7; r < 9; r++)
    g_assert_cmpfloat (max_width[r], <=, 0.31f);
}

static void
test_cartoon_mesh (void)
{
  g_autoptr(PleatStructure) s = load ("dssp/1hpv.pdb.gz");
  g_autoptr(PleatScene) scene = pleat_scene_new ();
  const PleatMeshVertex *vertices;
  const guint32 *indices;
  const PleatAtom *atoms = pleat_structure_get_atoms (s, NULL);
  guint n_vertices, n_indices, n_spheres, outward = 0, n_triangles;

  pleat_scene_add_structure (scene, s);
  pleat_scene_set_color_scheme (scene, PLEAT_COLOR_SCHEME_CHAIN);
  pleat_scene_build (scene);
  vertices = pleat_scene_get_mesh (scene, &n_vertices, &indices, &n_indices);
  g_assert_cmpuint (n_vertices, >, 10000);
  n_triangles = n_indices / 3;

  for (guint v = 0; v < n_vertices; v++)
    {
      const float *nrm = vertices[v].normal;
      float length = sqrtf (nrm[0] * nrm[0] + nrm[1] * nrm[1] + nrm[2] * nrm[2]);

      g_assert_cmpfloat_with_epsilon (length, 1.0f, 1e-4f);
      g_assert_cmpstr (atoms[pleat_scene_pick_id_get_atom (vertices[v].pick_id)].name, ==, "CA");
    }
  /* Counter-clockwise winding seen from outside: the face normal agrees with the vertices'. */
  for (guint t = 0; t < n_triangles; t++)
    {
      const float *a = vertices[indices[3 * t]].position;
      const float *b = vertices[indices[3 * t + 1]].position;
      const float *c = vertices[indices[3 * t + 2]].position;
      const float *nrm = vertices[indices[3 * t]].normal;
      float u[3] = { b[0] - a[0], b[1] - a[1], b[2] - a[2] };
      float w[3] = { c[0] - a[0], c[1] - a[1], c[2] - a[2] };
      float f[3] = { u[1] * w[2] - u[2] * w[1], u[2] * w[0] - u[0] * w[2],
                     u[0] * w[1] - u[1] * w[0] };

      g_assert_cmpuint (indices[3 * t], <, n_vertices);
      g_assert_cmpuint (indices[3 * t + 1], <, n_vertices);
      g_assert_cmpuint (indices[3 * t + 2], <, n_vertices);
      outward += f[0] * nrm[0] + f[1] * nrm[1] + f[2] * nrm[2] >= 0.0f;
    }
  g_test_message ("1hpv cartoon: %u vertices, %u triangles, %.2f%% wound outward", n_vertices,
                  n_triangles, 100.0 * outward / n_triangles);
  g_assert_cmpfloat ((double) outward / n_triangles, >, 0.98);

  /* The ligand (HETATM 478) is drawn as ball-and-stick next to the cartoon; waters are not. */
  pleat_scene_get_spheres (scene, &n_spheres);
  g_assert_cmpuint (n_spheres, ==, 35);
}

static gboolean
brute_force_pick (const PleatSphereInstance *spheres,
                  guint                      n,
                  const float                origin[3],
                  const float                direction[3],
                  guint32                   *pick_id)
{
  float best = G_MAXFLOAT;

  for (guint i = 0; i < n; i++)
    {
      const float *c = spheres[i].center;
      float oc[3] = { origin[0] - c[0], origin[1] - c[1], origin[2] - c[2] };
      float b = oc[0] * direction[0] + oc[1] * direction[1] + oc[2] * direction[2];
      float disc = b * b - (oc[0] * oc[0] + oc[1] * oc[1] + oc[2] * oc[2]
                            - spheres[i].radius * spheres[i].radius);
      float t;

      if (disc < 0)
        continue;
      t = -b - sqrtf (disc);
      if (t >= 0 && t < best)
        {
          best = t;
          *pick_id = spheres[i].pick_id;
        }
    }
  return best < G_MAXFLOAT;
}

static void
test_pick (void)
{
  g_autoptr(PleatStructure) s = load ("dssp/1tii.pdb.gz");
  g_autoptr(PleatScene) scene = pleat_scene_new ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  const PleatSphereInstance *spheres;
  float center[3], radius;
  guint n_spheres, hits = 0;

  pleat_scene_add_structure (scene, s);
  pleat_scene_set_representation (scene, PLEAT_REPRESENTATION_SPACEFILL);
  pleat_scene_build (scene);
  spheres = pleat_scene_get_spheres (scene, &n_spheres);
  pleat_scene_get_bounds (scene, center, &radius);

  for (guint i = 0; i < 300; i++)
    {
      /* Rays from outside the bounds toward a random atom, and some aimed at random points. */
      float direction[3], origin[3], target[3], length = 0;
      guint32 expected = 0;
      guint structure = 99, atom = 0;
      gboolean want, got;

      for (guint k = 0; k < 3; k++)
        {
          direction[k] = (float) g_rand_double_range (rand, -1, 1);
          length += direction[k] * direction[k];
        }
      length = sqrtf (length);
      if (i % 3 == 0)
        for (guint k = 0; k < 3; k++)
          target[k] = center[k] + (float) g_rand_double_range (rand, -radius, radius);
      else
        memcpy (target, spheres[g_rand_int_range (rand, 0, (gint32) n_spheres)].center,
                sizeof target);
      for (guint k = 0; k < 3; k++)
        {
          direction[k] /= length;
          origin[k] = target[k] - direction[k] * (2.0f * radius + 10.0f);
        }
      want = brute_force_pick (spheres, n_spheres, origin, direction, &expected);
      got = pleat_scene_pick (scene, origin, direction, &structure, &atom);
      g_assert_cmpint (got, ==, want);
      if (got)
        {
          g_assert_cmpuint (structure, ==, 0);
          g_assert_cmpuint (atom, ==, pleat_scene_pick_id_get_atom (expected));
          hits++;
        }
    }
  g_assert_cmpuint (hits, >, 200);

  {
    /* A ray that passes far away hits nothing. */
    float origin[3] = { center[0] + 10 * radius, center[1], center[2] };
    float direction[3] = { 0, 1, 0 };

    g_assert_false (pleat_scene_pick (scene, origin, direction, NULL, NULL));
  }
}

static void
test_bounds (void)
{
  g_autoptr(PleatStructure) s = load ("dssp/1hpv.pdb.gz");
  g_autoptr(PleatScene) scene = pleat_scene_new ();
  const PleatAtom *atoms;
  float center[3], radius;
  guint n_atoms;

  atoms = pleat_structure_get_atoms (s, &n_atoms);
  pleat_scene_add_structure (scene, s);
  pleat_scene_build (scene);
  pleat_scene_get_bounds (scene, center, &radius);
  g_assert_cmpfloat (radius, >, 10.0f);
  for (guint a = 0; a < n_atoms; a++)
    {
      float dx = atoms[a].x - center[0], dy = atoms[a].y - center[1], dz = atoms[a].z - center[2];

      g_assert_cmpfloat (sqrtf (dx * dx + dy * dy + dz * dz), <=, radius);
    }
}

static void
test_selection_tint (void)
{
  g_autoptr(PleatStructure) s = load ("AF-TEST-F1-model_v4.cif");
  g_autoptr(PleatScene) scene = pleat_scene_new ();
  g_autoptr(PleatSelection) selection = pleat_selection_new ();
  const PleatSphereInstance *spheres;
  float center[3], radius;
  guint n;

  pleat_scene_add_structure (scene, s);
  pleat_scene_set_representation (scene, PLEAT_REPRESENTATION_TRACE);
  pleat_scene_set_selection (scene, selection);
  pleat_scene_build (scene);
  g_assert_false (pleat_scene_get_selection_bounds (scene, center, &radius));

  pleat_selection_select (selection, s, 3);
  g_assert_true (pleat_scene_is_dirty (scene));
  pleat_scene_build (scene);
  spheres = pleat_scene_get_spheres (scene, &n);
  assert_rgb (spheres[2].color, 0x65CBF3);                /* unselected: its band */
  g_assert_cmpuint (spheres[3].color[1], >, 0xDB);        /* selected: tinted green */

  g_assert_true (pleat_scene_get_selection_bounds (scene, center, &radius));
  {
    const PleatAtom *ca = &pleat_structure_get_atoms (s, NULL)[pleat_structure_find_atom (s, 3,
                                                                                          "CA")];
    float dx = ca->x - center[0], dy = ca->y - center[1], dz = ca->z - center[2];

    g_assert_cmpfloat (sqrtf (dx * dx + dy * dy + dz * dz), <, radius);
    g_assert_cmpfloat (radius, <, 10.0f);
  }
  pleat_scene_set_selection (scene, NULL);
}

static void
test_two_structures (void)
{
  g_autoptr(PleatStructure) first = load ("AF-TEST-F1-model_v4.cif");
  g_autoptr(PleatStructure) second = load ("colabfold_unrelaxed_rank_001_alphafold2_multimer_"
                                           "v3_model_1_seed_000.pdb");
  g_autoptr(PleatScene) scene = pleat_scene_new ();
  const PleatSphereInstance *spheres;
  guint n, structure = 0, atom = 0;
  guint8 a_first[4], a_second[4], b_second[4];

  g_assert_cmpuint (pleat_scene_add_structure (scene, first), ==, 0);
  g_assert_cmpuint (pleat_scene_add_structure (scene, second), ==, 1);
  g_assert_true (pleat_scene_get_structure (scene, 1) == second);
  pleat_scene_set_representation (scene, PLEAT_REPRESENTATION_TRACE);
  pleat_scene_set_color_scheme (scene, PLEAT_COLOR_SCHEME_CHAIN);
  pleat_scene_build (scene);
  spheres = pleat_scene_get_spheres (scene, &n);
  g_assert_cmpuint (n, ==, 12 + 20);
  g_assert_cmpuint (pleat_scene_pick_id_get_structure (spheres[12].pick_id), ==, 1);

  /* Chain A has one colour in both models, chain B another. */
  pleat_scene_get_residue_color (scene, 0, 0, a_first);
  pleat_scene_get_residue_color (scene, 1, 0, a_second);
  pleat_scene_get_residue_color (scene, 1, 19, b_second);
  g_assert_cmpmem (a_first, 4, a_second, 4);
  g_assert_true (memcmp (a_second, b_second, 4) != 0);

  /* A ray starting just outside a chain-B C-alpha of the second structure picks it (its chain
   * A shares coordinates with the first structure; chain B is its own). */
  {
    float origin[3] = { spheres[26].center[0], spheres[26].center[1],
                        spheres[26].center[2] + 1.05f };
    float direction[3] = { 0.0f, 0.0f, -1.0f };

    g_assert_true (pleat_scene_pick (scene, origin, direction, &structure, &atom));
    g_assert_cmpuint (structure, ==, 1);
    g_assert_cmpuint (atom, ==, pleat_scene_pick_id_get_atom (spheres[26].pick_id));
  }

  pleat_scene_remove_all (scene);
  g_assert_cmpuint (pleat_scene_get_n_structures (scene), ==, 0);
  pleat_scene_build (scene);
  pleat_scene_get_spheres (scene, &n);
  g_assert_cmpuint (n, ==, 0);
}

static void
build_thread (GTask        *task,
              gpointer      source,
              gpointer      data,
              GCancellable *cancellable)
{
  g_task_return_boolean (task, pleat_scene_build (PLEAT_SCENE (source)));
}

static void
built_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  *(gboolean *) user_data = g_task_propagate_boolean (G_TASK (result), NULL) ? 1 : 2;
}

static void
test_build_in_thread (void)
{
  g_autoptr(PleatStructure) s = load ("dssp/il2.pdb.gz");
  g_autoptr(PleatScene) scene = pleat_scene_new ();
  g_autoptr(PleatScene) reference = pleat_scene_new ();
  g_autoptr(GTask) task = NULL;
  const guint32 *indices;
  guint n_threaded, n_reference, n_indices;
  gboolean done = FALSE;

  pleat_scene_add_structure (scene, s);
  pleat_scene_add_structure (reference, s);
  task = g_task_new (scene, NULL, built_cb, &done);
  g_task_run_in_thread (task, build_thread);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (done, ==, 1);
  g_assert_false (pleat_scene_is_dirty (scene));
  pleat_scene_set_color_scheme (scene, PLEAT_COLOR_SCHEME_RAINBOW);
  g_assert_true (pleat_scene_is_dirty (scene));

  pleat_scene_build (reference);
  pleat_scene_get_mesh (scene, &n_threaded, &indices, &n_indices);
  pleat_scene_get_mesh (reference, &n_reference, &indices, &n_indices);
  g_assert_cmpuint (n_threaded, ==, n_reference);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/pleat/ui/Scene/trace-plddt-bands", test_trace_plddt_bands);
  g_test_add_func ("/pleat/ui/Scene/continuous-and-rainbow", test_continuous_and_rainbow);
  g_test_add_func ("/pleat/ui/Scene/pae", test_pae_scheme);
  g_test_add_func ("/pleat/ui/Scene/legend", test_legend);
  g_test_add_func ("/pleat/ui/Scene/spacefill", test_spacefill);
  g_test_add_func ("/pleat/ui/Scene/bonds", test_bonds);
  g_test_add_func ("/pleat/ui/Scene/cartoon-arrow", test_cartoon_arrow);
  g_test_add_func ("/pleat/ui/Scene/cartoon-mesh", test_cartoon_mesh);
  g_test_add_func ("/pleat/ui/Scene/pick", test_pick);
  g_test_add_func ("/pleat/ui/Scene/bounds", test_bounds);
  g_test_add_func ("/pleat/ui/Scene/selection", test_selection_tint);
  g_test_add_func ("/pleat/ui/Scene/two-structures", test_two_structures);
  g_test_add_func ("/pleat/ui/Scene/build-in-thread", test_build_in_thread);

  return g_test_run ();
}
