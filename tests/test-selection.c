/* test-selection.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pleat-selection.h"

static PleatStructure *
make_structure (guint n)
{
  PleatStructure *s = pleat_structure_new ();

  pleat_structure_add_chain (s, "A", "A");
  for (guint i = 0; i < n; i++)
    {
      pleat_structure_add_residue (s, "ALA", (gint) i + 1, '\0');
      pleat_structure_add_atom (s, "CA", "C", (float) i * 3.8f, 0, 0);
    }
  return s;
}

static void
count_cb (PleatSelection *selection,
          guint          *count)
{
  (*count)++;
}

static void
test_selection (void)
{
  g_autoptr(PleatSelection) selection = pleat_selection_new ();
  g_autoptr(PleatStructure) a = make_structure (20);
  g_autoptr(PleatStructure) b = make_structure (5);
  g_autofree guint *residues = NULL;
  g_autoptr(GPtrArray) structures = NULL;
  guint changed = 0, n = 0;

  g_signal_connect (selection, "changed", G_CALLBACK (count_cb), &changed);
  g_assert_true (pleat_selection_is_empty (selection));

  pleat_selection_select (selection, a, 3);
  pleat_selection_select (selection, a, 3);           /* no change, no signal */
  g_assert_cmpuint (changed, ==, 1);
  g_assert_true (pleat_selection_contains (selection, a, 3));
  g_assert_false (pleat_selection_contains (selection, a, 4));
  g_assert_false (pleat_selection_contains (selection, b, 3));

  pleat_selection_select_range (selection, a, 10, 12);
  pleat_selection_toggle (selection, b, 0);
  g_assert_cmpuint (changed, ==, 3);
  g_assert_cmpuint (pleat_selection_get_n_selected (selection, a), ==, 4);
  g_assert_cmpuint (pleat_selection_get_n_selected (selection, NULL), ==, 5);
  residues = pleat_selection_dup_residues (selection, a, &n);
  g_assert_cmpuint (n, ==, 4);
  g_assert_cmpuint (residues[0], ==, 3);
  g_assert_cmpuint (residues[3], ==, 12);
  structures = pleat_selection_dup_structures (selection);
  g_assert_cmpuint (structures->len, ==, 2);

  pleat_selection_toggle (selection, b, 0);
  pleat_selection_unselect (selection, a, 11);
  pleat_selection_unselect (selection, a, 11);        /* no change */
  g_assert_cmpuint (changed, ==, 5);
  g_assert_cmpuint (pleat_selection_get_n_selected (selection, b), ==, 0);

  /* A plain click replaces everything with one residue; repeating it changes nothing. */
  {
    guint one[] = { 7 };

    pleat_selection_set_residues (selection, b, one, 0);
    g_assert_cmpuint (changed, ==, 6);
    g_assert_true (pleat_selection_is_empty (selection));
    pleat_selection_set_residues (selection, a, one, 1);
    pleat_selection_set_residues (selection, a, one, 1);
    g_assert_cmpuint (changed, ==, 7);
    g_assert_cmpuint (pleat_selection_get_n_selected (selection, NULL), ==, 1);
    g_assert_true (pleat_selection_contains (selection, a, 7));
  }

  pleat_selection_clear (selection);
  pleat_selection_clear (selection);
  g_assert_cmpuint (changed, ==, 8);
  g_assert_true (pleat_selection_is_empty (selection));
  g_assert_null (pleat_selection_dup_residues (selection, a, &n));
  g_assert_cmpuint (n, ==, 0);
}

static void
test_hover (void)
{
  g_autoptr(PleatSelection) selection = pleat_selection_new ();
  g_autoptr(PleatStructure) a = make_structure (4);
  guint hovered = 0, residue = 99;

  g_signal_connect (selection, "hover-changed", G_CALLBACK (count_cb), &hovered);
  g_assert_null (pleat_selection_get_hover (selection, NULL));
  pleat_selection_set_hover (selection, a, 2);
  pleat_selection_set_hover (selection, a, 2);
  g_assert_cmpuint (hovered, ==, 1);
  g_assert_true (pleat_selection_get_hover (selection, &residue) == a);
  g_assert_cmpuint (residue, ==, 2);
  pleat_selection_set_hover (selection, NULL, 0);
  g_assert_cmpuint (hovered, ==, 2);
  g_assert_null (pleat_selection_get_hover (selection, NULL));

  g_assert_finalize_object (g_steal_pointer (&selection));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/pleat/ui/Selection/changes", test_selection);
  g_test_add_func ("/pleat/ui/Selection/hover", test_hover);

  return g_test_run ();
}
