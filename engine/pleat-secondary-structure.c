/* pleat-secondary-structure.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The numeric details follow mkdssp so that assignments agree residue for residue: distances in
 * single precision, energies rounded to 0.001 kcal/mol, only the two strongest acceptors and
 * donors kept per residue, and index arithmetic on unsigned integers where the reference
 * relies on it (bulge tests).
 */
#define G_LOG_DOMAIN "pleat-engine"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "pleat-secondary-structure.h"
#include "pleat-spatial-grid.h"

#define MIN_DISTANCE       0.5f
#define MAX_CA_DISTANCE    9.0f
#define MIN_HBOND_ENERGY   -9.9f
#define MAX_HBOND_ENERGY   -0.5f
#define COUPLING_CONSTANT  -27.888f   /* -332 * 0.42 * 0.2 */
#define MAX_PEPTIDE_BOND   2.5f

typedef struct
{
  gint   partner;   /* index into the DSSP residue list; -1 for none */
  double energy;
} HBond;

typedef enum
{
  HELIX_NONE,
  HELIX_START,
  HELIX_END,
  HELIX_START_AND_END,
  HELIX_MIDDLE,
} HelixFlag;

typedef struct
{
  float     n[3], ca[3], c[3], o[3], h[3];
  guint     residue;      /* index into the structure */
  guint     chain;
  gint      number;       /* increases by 2 across a break, as in mkdssp */
  gint      seq_id;       /* label_seq_id */
  gboolean  proline;
  HBond     acceptor[2];  /* this residue's N-H donates to these C=O */
  HBond     donor[2];
  HelixFlag helix[3];     /* 3-, 4- and 5-turns */
  gboolean  bend;
  char      ss;
} Res;

typedef struct
{
  gboolean parallel;
  GArray  *i;             /* of guint, kept as the reference's deque */
  GArray  *j;
  guint    order;         /* creation order, the tie-break of the sort */
  const char *chain_i;
} Bridge;

static inline float
distance (const float a[3],
          const float b[3])
{
  float dx = a[0] - b[0], dy = a[1] - b[1], dz = a[2] - b[2];

  return sqrtf (dx * dx + dy * dy + dz * dz);
}

static gboolean
no_break (const Res *r,
          guint      a,
          guint      b)
{
  if (r[a].chain != r[b].chain)
    return FALSE;
  return r[b].number - r[a].number == (gint) (b - a);
}

static void
hbond_update (HBond  pair[2],
              gint   partner,
              double energy)
{
  if (energy < pair[0].energy)
    {
      pair[1] = pair[0];
      pair[0].partner = partner;
      pair[0].energy = energy;
    }
  else if (energy < pair[1].energy)
    {
      pair[1].partner = partner;
      pair[1].energy = energy;
    }
}

static void
hbond_energy (Res  *r,
              guint donor,
              guint acceptor)
{
  Res *d = &r[donor], *a = &r[acceptor];
  double result = 0.0;

  if (!d->proline)
    {
      double ho = distance (d->h, a->o);
      double hc = distance (d->h, a->c);
      double nc = distance (d->n, a->c);
      double no = distance (d->n, a->o);

      if (ho < MIN_DISTANCE || hc < MIN_DISTANCE || nc < MIN_DISTANCE || no < MIN_DISTANCE)
        result = MIN_HBOND_ENERGY;
      else
        result = (double) COUPLING_CONSTANT / ho - (double) COUPLING_CONSTANT / hc
                 + (double) COUPLING_CONSTANT / nc - (double) COUPLING_CONSTANT / no;
      result = round (result * 1000) / 1000;
      if (result < MIN_HBOND_ENERGY)
        result = MIN_HBOND_ENERGY;
    }
  hbond_update (d->acceptor, (gint) acceptor, result);
  hbond_update (a->donor, (gint) donor, result);
}

/* Does the N-H of a bond to the C=O of b? */
static inline gboolean
test_bond (const Res *r,
           guint      a,
           guint      b)
{
  return (r[a].acceptor[0].partner == (gint) b && r[a].acceptor[0].energy < MAX_HBOND_ENERGY)
         || (r[a].acceptor[1].partner == (gint) b && r[a].acceptor[1].energy < MAX_HBOND_ENERGY);
}

/* 0 none, 1 parallel, 2 antiparallel. */
static int
test_bridge (const Res *r,
             guint      n,
             guint      i,
             guint      j)
{
  guint a = i - 1, b = i, c = i + 1, d = j - 1, e = j, f = j + 1;

  if (i == 0 || j == 0 || i + 1 >= n || j + 1 >= n)
    return 0;
  if (!no_break (r, a, c) || !no_break (r, d, f))
    return 0;
  if ((test_bond (r, c, e) && test_bond (r, e, a)) || (test_bond (r, f, b) && test_bond (r, b, d)))
    return 1;
  if ((test_bond (r, c, d) && test_bond (r, f, a)) || (test_bond (r, e, b) && test_bond (r, b, e)))
    return 2;
  return 0;
}

static int
compare_guint (const void *a,
               const void *b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return x < y ? -1 : x > y;
}

static inline guint
front (GArray *a)
{
  return g_array_index (a, guint, 0);
}

static inline guint
back (GArray *a)
{
  return g_array_index (a, guint, a->len - 1);
}

static int
compare_bridges (gconstpointer pa,
                 gconstpointer pb)
{
  const Bridge *a = *(Bridge * const *) pa, *b = *(Bridge * const *) pb;
  int c = strcmp (a->chain_i, b->chain_i);

  if (c != 0)
    return c;
  if (front (a->i) != front (b->i))
    return front (a->i) < front (b->i) ? -1 : 1;
  return a->order < b->order ? -1 : a->order > b->order;
}

static void
bridge_free (gpointer data)
{
  Bridge *b = data;

  g_array_unref (b->i);
  g_array_unref (b->j);
  g_free (b);
}

static void
assign_sheets (Res                *r,
               guint               n,
               const PleatChain   *chains)
{
  g_autoptr(GPtrArray) bridges = g_ptr_array_new_with_free_func (bridge_free);

  for (guint i = 1; i + 4 < n; i++)
    {
      /* Every bridge pattern needs a bond from i or i + 1 to j or j - 1, and only the two
       * strongest acceptors count: j is among at most eight candidates, not all residues. That
       * makes this O(n) instead of the reference's O(n^2), visiting j in the same order. */
      guint candidates[8];
      guint n_candidates = 0;

      for (guint k = 0; k < 2; k++)
        {
          gint a_i = r[i].acceptor[k].partner, a_next = r[i + 1].acceptor[k].partner;

          if (a_i >= 0)
            {
              candidates[n_candidates++] = (guint) a_i;
              candidates[n_candidates++] = (guint) a_i + 1;
            }
          if (a_next >= 0)
            {
              candidates[n_candidates++] = (guint) a_next;
              candidates[n_candidates++] = (guint) a_next + 1;
            }
        }
      qsort (candidates, n_candidates, sizeof (guint), compare_guint);

      for (guint c = 0; c < n_candidates; c++)
      {
        guint j = candidates[c];
        int type;
        gboolean found = FALSE;

        if ((c > 0 && candidates[c - 1] == j) || j < i + 3 || j + 1 >= n)
          continue;
        type = test_bridge (r, n, i, j);
        if (type == 0)
          continue;
        for (guint k = 0; k < bridges->len && !found; k++)
          {
            Bridge *bridge = g_ptr_array_index (bridges, k);

            if ((type == 1) != bridge->parallel || i != back (bridge->i) + 1)
              continue;
            if (type == 1 && back (bridge->j) + 1 == j)
              {
                g_array_append_val (bridge->i, i);
                g_array_append_val (bridge->j, j);
                found = TRUE;
              }
            else if (type == 2 && front (bridge->j) - 1 == j)
              {
                g_array_append_val (bridge->i, i);
                g_array_prepend_val (bridge->j, j);
                found = TRUE;
              }
          }
        if (!found)
          {
            Bridge *bridge = g_new0 (Bridge, 1);

            bridge->parallel = type == 1;
            bridge->i = g_array_new (FALSE, FALSE, sizeof (guint));
            bridge->j = g_array_new (FALSE, FALSE, sizeof (guint));
            g_array_append_val (bridge->i, i);
            g_array_append_val (bridge->j, j);
            bridge->order = bridges->len;
            bridge->chain_i = chains[r[i].chain].id;
            g_ptr_array_add (bridges, bridge);
          }
      }
    }

  g_ptr_array_sort (bridges, compare_bridges);

  /* Extend ladders across bulges. */
  for (guint a = 0; a < bridges->len; a++)
    for (guint b = a + 1; b < bridges->len; b++)
      {
        Bridge *x = g_ptr_array_index (bridges, a), *y = g_ptr_array_index (bridges, b);
        guint ibi = front (x->i), iei = back (x->i), jbi = front (x->j), jei = back (x->j);
        guint ibj = front (y->i), iej = back (y->i), jbj = front (y->j), jej = back (y->j);
        gboolean bulge;

        if (x->parallel != y->parallel
            || !no_break (r, MIN (ibi, ibj), MAX (iei, iej))
            || !no_break (r, MIN (jbi, jbj), MAX (jei, jej))
            || ibj - iei >= 6
            || (iei >= ibj && ibi <= iej))
          continue;
        if (x->parallel)
          bulge = (jbj - jei < 6 && ibj - iei < 3) || jbj - jei < 3;
        else
          bulge = (jbi - jej < 6 && ibj - iei < 3) || jbi - jej < 3;
        if (!bulge)
          continue;
        g_array_append_vals (x->i, y->i->data, y->i->len);
        if (x->parallel)
          g_array_append_vals (x->j, y->j->data, y->j->len);
        else
          g_array_prepend_vals (x->j, y->j->data, y->j->len);
        g_ptr_array_remove_index (bridges, b);
        b--;
      }

  for (guint k = 0; k < bridges->len; k++)
    {
      Bridge *bridge = g_ptr_array_index (bridges, k);
      char ss = bridge->i->len > 1 ? 'E' : 'B';

      for (guint i = front (bridge->i); i <= back (bridge->i); i++)
        if (r[i].ss != 'E')
          r[i].ss = ss;
      for (guint j = front (bridge->j); j <= back (bridge->j); j++)
        if (r[j].ss != 'E')
          r[j].ss = ss;
    }
}

static gboolean
helix_start (const Res *r,
             guint      i,
             guint      type)
{
  return r[i].helix[type] == HELIX_START || r[i].helix[type] == HELIX_START_AND_END;
}

static void
assign_helices (Res  *r,
                guint n)
{
  for (guint type = 0; type < 3; type++)
    {
      guint stride = type + 3;

      for (guint i = 0; i + stride < n; i++)
        if (no_break (r, i, i + stride) && test_bond (r, i + stride, i))
          {
            r[i + stride].helix[type] = HELIX_END;
            for (guint j = i + 1; j < i + stride; j++)
              if (r[j].helix[type] == HELIX_NONE)
                r[j].helix[type] = HELIX_MIDDLE;
            r[i].helix[type] = r[i].helix[type] == HELIX_END ? HELIX_START_AND_END : HELIX_START;
          }
    }

  /* Alpha helices first; 3-10 only where nothing else is; pi over alpha (DSSP >= 2.1). */
  for (guint i = 1; i + 4 < n; i++)
    if (helix_start (r, i, 1) && helix_start (r, i - 1, 1))
      for (guint j = i; j <= i + 3; j++)
        r[j].ss = 'H';
  for (guint i = 1; i + 3 < n; i++)
    if (helix_start (r, i, 0) && helix_start (r, i - 1, 0))
      {
        gboolean empty = TRUE;

        for (guint j = i; empty && j <= i + 2; j++)
          empty = r[j].ss == ' ' || r[j].ss == 'G';
        if (empty)
          for (guint j = i; j <= i + 2; j++)
            r[j].ss = 'G';
      }
  for (guint i = 1; i + 5 < n; i++)
    if (helix_start (r, i, 2) && helix_start (r, i - 1, 2))
      {
        gboolean empty = TRUE;

        for (guint j = i; empty && j <= i + 4; j++)
          empty = r[j].ss == ' ' || r[j].ss == 'I' || r[j].ss == 'H';
        if (empty)
          for (guint j = i; j <= i + 4; j++)
            r[j].ss = 'I';
      }

  for (guint i = 1; i + 1 < n; i++)
    if (r[i].ss == ' ')
      {
        gboolean turn = FALSE;

        for (guint type = 0; type < 3; type++)
          for (guint k = 1; k < type + 3 && !turn; k++)
            turn = i >= k && helix_start (r, i - k, type);
        if (turn)
          r[i].ss = 'T';
        else if (r[i].bend)
          r[i].ss = 'S';
      }
}

static gboolean
copy_atom (PleatStructure *structure,
           guint           residue,
           const char     *name,
           float           out[3])
{
  const PleatAtom *atoms = pleat_structure_get_atoms (structure, NULL);
  gint i = pleat_structure_find_atom (structure, residue, name);

  if (i < 0)
    return FALSE;
  out[0] = atoms[i].x;
  out[1] = atoms[i].y;
  out[2] = atoms[i].z;
  return TRUE;
}

void
pleat_secondary_structure_compute (PleatStructure *structure,
                                   char           *ss)
{
  guint n_residues;
  const PleatResidue *residues;
  const PleatChain *chains;
  g_autofree Res *r = NULL;
  g_autoptr(PleatSpatialGrid) grid = NULL;
  g_autoptr(GArray) near = NULL;
  guint n = 0;
  gint number = 0;

  g_return_if_fail (PLEAT_IS_STRUCTURE (structure));
  g_return_if_fail (ss != NULL);

  residues = pleat_structure_get_residues (structure, &n_residues);
  chains = pleat_structure_get_chains (structure, NULL);
  memset (ss, ' ', n_residues);
  r = g_new0 (Res, MAX (n_residues, 1));

  for (guint i = 0; i < n_residues; i++)
    {
      Res *x = &r[n];

      if (residues[i].hetatm
          || !copy_atom (structure, i, "N", x->n) || !copy_atom (structure, i, "CA", x->ca)
          || !copy_atom (structure, i, "C", x->c) || !copy_atom (structure, i, "O", x->o))
        continue;
      x->residue = i;
      x->chain = residues[i].chain;
      x->seq_id = residues[i].label_seq_id;
      x->proline = strcmp (residues[i].name, "PRO") == 0;
      x->ss = ' ';
      x->acceptor[0].partner = x->acceptor[1].partner = -1;
      x->donor[0].partner = x->donor[1].partner = -1;
      number++;
      if (n > 0 && distance (r[n - 1].c, x->n) > MAX_PEPTIDE_BOND)
        number++;
      x->number = number;
      n++;
    }
  if (n == 0)
    return;

  /* The amide hydrogen: N plus the unit vector from the previous O to C, as mkdssp places it
   * (from whatever residue precedes in the list). */
  for (guint i = 0; i < n; i++)
    {
      memcpy (r[i].h, r[i].n, sizeof r[i].h);
      if (i > 0 && !r[i].proline)
        {
          float co = distance (r[i - 1].c, r[i - 1].o);

          for (guint k = 0; k < 3; k++)
            r[i].h[k] += (r[i - 1].c[k] - r[i - 1].o[k]) / co;
        }
    }

  /* Bends: the C-alpha angle over i-2, i, i+2 above 70 degrees. */
  for (guint i = 2; i + 2 < n; i++)
    if (no_break (r, i - 2, i + 2) && r[i - 2].seq_id + 4 == r[i + 2].seq_id)
      {
        float v1[3], v2[3], dot = 0, l1 = 0, l2 = 0, cosine, kappa;

        for (guint k = 0; k < 3; k++)
          {
            v1[k] = r[i].ca[k] - r[i - 2].ca[k];
            v2[k] = r[i + 2].ca[k] - r[i].ca[k];
            dot += v1[k] * v2[k];
            l1 += v1[k] * v1[k];
            l2 += v2[k] * v2[k];
          }
        cosine = l1 * l2 > 0 ? dot / sqrtf (l1 * l2) : 0.0f;
        kappa = atan2f (sqrtf (MAX (0.0f, 1 - cosine * cosine)), cosine) * (float) (180.0 / G_PI);
        r[i].bend = kappa > 70.0f;
      }

  /* Hydrogen-bond energies between residues whose C-alpha atoms are closer than 9 Å, visited
   * in the reference's (i, j > i) order so that ties resolve alike. */
  grid = pleat_spatial_grid_new (r[0].ca, sizeof (Res), n, MAX_CA_DISTANCE);
  near = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; i + 1 < n; i++)
    {
      g_array_set_size (near, 0);
      pleat_spatial_grid_query (grid, r[0].ca, sizeof (Res), r[i].ca, MAX_CA_DISTANCE, TRUE,
                                near);
      for (guint k = 0; k < near->len; k++)
        {
          guint j = g_array_index (near, guint, k);

          if (j <= i || !(distance (r[i].ca, r[j].ca) < MAX_CA_DISTANCE))
            continue;
          hbond_energy (r, i, j);
          if (j != i + 1)
            hbond_energy (r, j, i);
        }
    }

  assign_sheets (r, n, chains);
  assign_helices (r, n);

  for (guint i = 0; i < n; i++)
    ss[r[i].residue] = r[i].ss;
}

void
pleat_secondary_structure_assign (PleatStructure *structure)
{
  guint n_residues;
  PleatResidue *residues = pleat_structure_get_residues_mutable (structure, &n_residues);
  g_autofree char *ss = g_malloc (MAX (n_residues, 1));

  pleat_secondary_structure_compute (structure, ss);
  for (guint i = 0; i < n_residues; i++)
    residues[i].ss = ss[i];
  pleat_structure_set_has_secondary_structure (structure, TRUE);
}
