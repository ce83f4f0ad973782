/* pleat-structure-builder.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Conventions applied to every file, whatever its syntax:
 *
 * - Models: one PleatStructure per model number, in the order the file first names them.
 * - Residues: consecutive atoms with the same chain, residue number and insertion code. A
 *   residue whose atoms carry alternate locations keeps exactly one conformer: the one with the
 *   highest mean occupancy, the first in the file on a tie, plus the atoms without an altloc.
 *   So a residue never mixes conformers, and microheterogeneity (two residue names at one
 *   position) resolves to the name of the kept conformer.
 * - Polymer or not: label_seq_id decides when the file has that column (mmCIF); otherwise ATOM
 *   records, and HETATM groups with an N-CA-C backbone (MSE), are polymer. Waters never are.
 * - pLDDT: ModelCIF _ma_qa_metric_local rows win. Otherwise the B-factor column is pLDDT when the
 *   file says it is a prediction (ModelCIF categories, a predictor's header, a PARENT record, a
 *   THEORETICAL MODEL method), never when it names an experimental method, and when it says
 *   nothing, only if it has the predicted-model signature: no waters, no altlocs, every
 *   occupancy 1, every B within 0-100 and not all equal. The scale is 0-1 when no B exceeds 1
 *   (Hugging Face ESMFold, ESMFold2), else 0-100 (AFDB, ColabFold, fair-esm, Boltz). A deposited
 *   crystal structure thus keeps its B-factors as B-factors; the UI can override the decision
 *   with pleat_structure_set_plddt_from_b_factor().
 */
#define G_LOG_DOMAIN "pleat-engine"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "pleat-error.h"
#include "pleat-residues.h"
#include "pleat-structure-builder-private.h"

typedef struct
{
  gint  model;
  gint  seq_id;
  float value;
  char  asym_id[8];
} LocalValue;

typedef struct
{
  gint  model;
  gint  seq_id_1;
  gint  seq_id_2;
  float value;
  char  asym_id_1[8];
  char  asym_id_2[8];
} PairValue;

struct _PleatStructureBuilder
{
  GArray         *records;      /* of PleatAtomRecord */
  GArray         *segments;     /* of guint, one per record: bumped by TER */
  GArray         *local_plddt;  /* of LocalValue */
  GArray         *pae;          /* of PairValue */
  char           *title;
  guint           segment;
  PleatModelKind  kind;
  double          global_plddt;
  double          ptm;
  double          iptm;
};

PleatStructureBuilder *
pleat_structure_builder_new (const char *title)
{
  PleatStructureBuilder *self = g_new0 (PleatStructureBuilder, 1);

  self->records = g_array_new (FALSE, FALSE, sizeof (PleatAtomRecord));
  self->segments = g_array_new (FALSE, FALSE, sizeof (guint));
  self->local_plddt = g_array_new (FALSE, FALSE, sizeof (LocalValue));
  self->pae = g_array_new (FALSE, FALSE, sizeof (PairValue));
  self->title = g_strdup (title);
  self->global_plddt = NAN;
  self->ptm = NAN;
  self->iptm = NAN;
  return self;
}

void
pleat_structure_builder_free (PleatStructureBuilder *self)
{
  if (self == NULL)
    return;
  g_array_unref (self->records);
  g_array_unref (self->segments);
  g_array_unref (self->local_plddt);
  g_array_unref (self->pae);
  g_free (self->title);
  g_free (self);
}

void
pleat_structure_builder_add_atom (PleatStructureBuilder *self,
                                  const PleatAtomRecord *record)
{
  g_array_append_val (self->records, *record);
  g_array_append_val (self->segments, self->segment);
}

void
pleat_structure_builder_end_chain (PleatStructureBuilder *self)
{
  self->segment++;
}

void
pleat_structure_builder_set_kind (PleatStructureBuilder *self,
                                  PleatModelKind         kind)
{
  if (kind > self->kind)
    self->kind = kind;
}

void
pleat_structure_builder_set_title (PleatStructureBuilder *self,
                                   const char            *title)
{
  if (title == NULL || *title == '\0')
    return;
  g_free (self->title);
  self->title = g_strdup (title);
}

void
pleat_structure_builder_add_local_plddt (PleatStructureBuilder *self,
                                         gint                   model,
                                         const char            *asym_id,
                                         gint                   label_seq_id,
                                         float                  value)
{
  LocalValue v = { model, label_seq_id, value, { 0 } };

  g_strlcpy (v.asym_id, asym_id, sizeof v.asym_id);
  g_array_append_val (self->local_plddt, v);
}

void
pleat_structure_builder_set_global_plddt (PleatStructureBuilder *self,
                                          double                 value)
{
  self->global_plddt = value;
}

void
pleat_structure_builder_set_ptm (PleatStructureBuilder *self,
                                 double                 ptm,
                                 double                 iptm)
{
  self->ptm = ptm;
  self->iptm = iptm;
}

void
pleat_structure_builder_add_pae (PleatStructureBuilder *self,
                                 gint                   model,
                                 const char            *asym_id_1,
                                 gint                   seq_id_1,
                                 const char            *asym_id_2,
                                 gint                   seq_id_2,
                                 float                  value)
{
  PairValue v = { model, seq_id_1, seq_id_2, value, { 0 }, { 0 } };

  g_strlcpy (v.asym_id_1, asym_id_1, sizeof v.asym_id_1);
  g_strlcpy (v.asym_id_2, asym_id_2, sizeof v.asym_id_2);
  g_array_append_val (self->pae, v);
}

guint
pleat_structure_builder_get_n_atoms (PleatStructureBuilder *self)
{
  return self->records->len;
}

void
pleat_guess_element (const char *padded_name,
                     gboolean    hetatm,
                     char        element[4])
{
  /* PDB aligns one-letter elements to column 14 (" CA " is carbon alpha) and two-letter ones to
   * column 13 ("FE  "), except that hydrogens with four-character names also start there. */
  const char *p = padded_name;
  char first, second;

  element[0] = element[1] = element[2] = element[3] = '\0';
  if (p[0] == ' ' || g_ascii_isdigit (p[0]))
    {
      p++;
      while (*p != '\0' && !g_ascii_isalpha (*p))
        p++;
      element[0] = g_ascii_toupper (*p != '\0' ? *p : 'X');
      return;
    }
  first = g_ascii_toupper (p[0]);
  second = g_ascii_toupper (p[1]);
  if (hetatm && g_ascii_isalpha (second) && strlen (padded_name) >= 4 && padded_name[3] == ' '
      && padded_name[2] == ' ')
    {
      element[0] = first;
      element[1] = second;
      return;
    }
  element[0] = first == 'H' || first == 'D' ? 'H' : first;
}

static gboolean
is_water (const char *name)
{
  return strcmp (name, "HOH") == 0 || strcmp (name, "WAT") == 0 || strcmp (name, "DOD") == 0
         || strcmp (name, "H2O") == 0;
}

typedef struct
{
  float    b_min;
  float    b_max;
  float    b_first;
  gboolean b_varies;
  gboolean b_any;
  gboolean has_water;
  gboolean has_altloc;
  gboolean occupancy_not_one;
} Stats;

static void
stats_add (Stats                 *stats,
           const PleatAtomRecord *r)
{
  if (!isnan (r->b_factor))
    {
      if (!stats->b_any)
        {
          stats->b_first = stats->b_min = stats->b_max = r->b_factor;
          stats->b_any = TRUE;
        }
      stats->b_min = MIN (stats->b_min, r->b_factor);
      stats->b_max = MAX (stats->b_max, r->b_factor);
      if (r->b_factor != stats->b_first)
        stats->b_varies = TRUE;
    }
  if (r->alt_loc != '\0')
    stats->has_altloc = TRUE;
  if (fabsf (r->occupancy - 1.0f) > 1e-4f)
    stats->occupancy_not_one = TRUE;
  if (is_water (r->res_name))
    stats->has_water = TRUE;
}

/* Which alternate location a residue keeps: highest mean occupancy, the first on a tie. */
static char
choose_alt_loc (const PleatAtomRecord *records,
                const guint           *index,
                guint                  n)
{
  char alts[16];
  float sum[16];
  guint count[16];
  guint n_alts = 0;
  char best;
  float best_mean;

  for (guint i = 0; i < n; i++)
    {
      const PleatAtomRecord *r = &records[index[i]];
      guint a;

      if (r->alt_loc == '\0')
        continue;
      for (a = 0; a < n_alts; a++)
        if (alts[a] == r->alt_loc)
          break;
      if (a == n_alts)
        {
          if (n_alts == G_N_ELEMENTS (alts))
            continue;
          alts[a] = r->alt_loc;
          sum[a] = 0.0f;
          count[a] = 0;
          n_alts++;
        }
      sum[a] += r->occupancy;
      count[a]++;
    }
  if (n_alts == 0)
    return '\0';
  /* The first conformer unless another is clearly better: occupancies that are negative or not
   * numbers (a damaged file) still leave the residue one conformer. */
  best = alts[0];
  best_mean = sum[0] / count[0];
  for (guint a = 1; a < n_alts; a++)
    {
      float mean = sum[a] / count[a];

      if (mean > best_mean + 1e-6f || (isnan (best_mean) && !isnan (mean)))
        {
          best_mean = mean;
          best = alts[a];
        }
    }
  return best;
}

static gboolean
same_residue (const PleatAtomRecord *a,
              guint                  segment_a,
              const PleatAtomRecord *b,
              guint                  segment_b)
{
  return segment_a == segment_b
         && a->auth_seq_id == b->auth_seq_id
         && a->ins_code == b->ins_code
         && strcmp (a->label_asym_id, b->label_asym_id) == 0
         && (!a->has_label_seq || a->label_seq_id == b->label_seq_id);
}


/* Adds one residue group (indices into records) to the structure being built. */
static void
add_residue (PleatStructure        *structure,
             const PleatAtomRecord *records,
             const guint           *index,
             guint                  n,
             guint                 *polymer_counter)
{
  char keep = choose_alt_loc (records, index, n);
  const PleatAtomRecord *first = NULL;
  gboolean any_atom_record = FALSE;
  gboolean has_n = FALSE, has_ca = FALSE, has_c = FALSE;
  gboolean polymer;
  PleatResidue *residue;

  for (guint i = 0; i < n; i++)
    {
      const PleatAtomRecord *r = &records[index[i]];

      if (r->alt_loc != '\0' && r->alt_loc != keep)
        continue;
      if (first == NULL)
        first = r;
      if (!r->hetatm)
        any_atom_record = TRUE;
      has_n |= strcmp (r->atom_name, "N") == 0;
      has_ca |= strcmp (r->atom_name, "CA") == 0;
      has_c |= strcmp (r->atom_name, "C") == 0;
    }
  g_assert (first != NULL);

  /* The kept conformer names the residue (microheterogeneity). */
  for (guint i = 0; i < n; i++)
    if (records[index[i]].alt_loc == keep && keep != '\0')
      {
        first = &records[index[i]];
        break;
      }

  if (is_water (first->res_name))
    polymer = FALSE;
  else if (first->has_label_seq)
    polymer = first->label_seq_id > 0;
  else
    polymer = any_atom_record || (has_n && has_ca && has_c);

  pleat_structure_add_residue (structure, first->res_name, first->auth_seq_id, first->ins_code);
  residue = pleat_structure_get_last_residue (structure);
  residue->hetatm = !polymer;
  if (first->has_label_seq)
    residue->label_seq_id = polymer ? first->label_seq_id : 0;
  else
    residue->label_seq_id = polymer ? (gint) ++(*polymer_counter) : 0;

  for (guint i = 0; i < n; i++)
    {
      const PleatAtomRecord *r = &records[index[i]];
      PleatAtom *atom;

      if (r->alt_loc != '\0' && r->alt_loc != keep)
        continue;
      pleat_structure_add_atom (structure, r->atom_name, r->element, r->x, r->y, r->z);
      atom = pleat_structure_get_last_atom (structure);
      atom->b_factor = r->b_factor;
      atom->occupancy = r->occupancy;
      atom->alt_loc = r->alt_loc;
    }
}

static PleatStructure *
build_model (PleatStructureBuilder *self,
             gint                   model,
             Stats                 *stats)
{
  const PleatAtomRecord *records = (const PleatAtomRecord *) (gpointer) self->records->data;
  const guint *segments = (const guint *) (gpointer) self->segments->data;
  g_autoptr(PleatStructure) structure = pleat_structure_new ();
  g_autoptr(GArray) group = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GHashTable) used_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const PleatAtomRecord *chain_first = NULL;
  guint chain_segment = 0;
  guint polymer_counter = 0;
  guint last = G_MAXUINT;

  for (guint i = 0; i <= self->records->len; i++)
    {
      const PleatAtomRecord *r = i < self->records->len ? &records[i] : NULL;

      if (r != NULL && r->model != model)
        continue;
      if (r != NULL)
        stats_add (stats, r);

      /* Close the pending residue when this record starts another one (or at the end). */
      if (group->len > 0
          && (r == NULL || !same_residue (&records[last], segments[last], r, segments[i])))
        {
          const PleatAtomRecord *g = &records[g_array_index (group, guint, 0)];
          guint g_segment = segments[g_array_index (group, guint, 0)];

          if (chain_first == NULL || chain_segment != g_segment
              || strcmp (chain_first->label_asym_id, g->label_asym_id) != 0)
            {
              char id[8];

              g_strlcpy (id, g->label_asym_id[0] != '\0' ? g->label_asym_id : "A", sizeof id);
              /* PDB files reuse a chain letter after TER (ligands, waters): keep ids unique. */
              for (guint k = 2; g_hash_table_contains (used_ids, id) && k < 100000; k++)
                g_snprintf (id, sizeof id, "%.2s%u", g->label_asym_id, k);
              g_hash_table_add (used_ids, g_strdup (id));
              pleat_structure_add_chain (structure, id, g->auth_asym_id);
              pleat_structure_get_last_chain (structure)->entity_id = g->entity_id;
              chain_first = g;
              chain_segment = g_segment;
              polymer_counter = 0;
            }
          add_residue (structure, records, (const guint *) (gpointer) group->data, group->len,
                       &polymer_counter);
          g_array_set_size (group, 0);
        }
      if (r != NULL)
        {
          g_array_append_val (group, i);
          last = i;
        }
    }
  return g_steal_pointer (&structure);
}

/* With ModelCIF scores, the residue's pLDDT is the local metric; its atoms keep their own
 * B-factor as pLDDT when the file's B-factors are on the same scale (AFDB, Boltz and our writer
 * put per-atom pLDDT there), else take the residue's value. */
static gboolean
apply_local_plddt (PleatStructureBuilder *self,
                   PleatStructure        *structure,
                   gint                   model,
                   gboolean               b_is_plddt)
{
  g_autoptr(GHashTable) lookup = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n_residues, n_atoms;
  PleatResidue *residues = pleat_structure_get_residues_mutable (structure, &n_residues);
  PleatAtom *atoms = pleat_structure_get_atoms_mutable (structure, &n_atoms);
  const PleatChain *chains = pleat_structure_get_chains (structure, NULL);
  gboolean any = FALSE;

  for (guint i = 0; i < self->local_plddt->len; i++)
    {
      const LocalValue *v = &g_array_index (self->local_plddt, LocalValue, i);

      if (v->model == 0 || v->model == model)
        g_hash_table_insert (lookup, g_strdup_printf ("%s\x1f%d", v->asym_id, v->seq_id),
                             GUINT_TO_POINTER (i + 1));
    }
  for (guint i = 0; i < n_residues; i++)
    {
      const PleatChain *chain = &chains[residues[i].chain];
      g_autofree char *key = g_strdup_printf ("%s\x1f%d", chain->id, residues[i].label_seq_id);
      guint found = GPOINTER_TO_UINT (g_hash_table_lookup (lookup, key));

      /* A non-polymer has no label_seq_id ('.'), yet python-modelcif (Boltz, Chai) writes its
       * local score with seq id 1: accept that for a one-residue chain. */
      if (found == 0 && residues[i].hetatm && chain->n_residues == 1)
        {
          g_free (key);
          key = g_strdup_printf ("%s\x1f%d", chain->id, 1);
          found = GPOINTER_TO_UINT (g_hash_table_lookup (lookup, key));
        }
      residues[i].plddt = NAN;
      if (found == 0)
        continue;
      residues[i].plddt = g_array_index (self->local_plddt, LocalValue, found - 1).value;
      for (guint a = 0; a < residues[i].n_atoms; a++)
        {
          PleatAtom *atom = &atoms[residues[i].first_atom + a];

          atom->plddt = b_is_plddt && !isnan (atom->b_factor) ? atom->b_factor
                                                               : residues[i].plddt;
        }
      any = TRUE;
    }
  return any;
}

static void
apply_pae (PleatStructureBuilder *self,
           PleatStructure        *structure,
           gint                   model)
{
  g_autoptr(GHashTable) index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n_residues;
  const PleatResidue *residues = pleat_structure_get_residues (structure, &n_residues);
  const PleatChain *chains = pleat_structure_get_chains (structure, NULL);
  g_autofree float *pae = NULL;
  guint n = 0;
  guint n_set = 0;
  float max_value = 0.0f;

  for (guint i = 0; i < n_residues; i++)
    if (!residues[i].hetatm)
      g_hash_table_insert (index, g_strdup_printf ("%s\x1f%d", chains[residues[i].chain].id,
                                                   residues[i].label_seq_id),
                           GUINT_TO_POINTER (++n));
  if (n == 0)
    return;

  pae = g_new (float, (gsize) n * n);
  for (gsize i = 0; i < (gsize) n * n; i++)
    pae[i] = NAN;
  for (guint i = 0; i < self->pae->len; i++)
    {
      const PairValue *v = &g_array_index (self->pae, PairValue, i);
      char key1[40], key2[40];
      guint row, column;

      if (v->model != 0 && v->model != model)
        continue;
      g_snprintf (key1, sizeof key1, "%s\x1f%d", v->asym_id_1, v->seq_id_1);
      g_snprintf (key2, sizeof key2, "%s\x1f%d", v->asym_id_2, v->seq_id_2);
      row = GPOINTER_TO_UINT (g_hash_table_lookup (index, key1));
      column = GPOINTER_TO_UINT (g_hash_table_lookup (index, key2));
      if (row == 0 || column == 0 || isnan (v->value))
        continue;
      pae[(gsize) (row - 1) * n + (column - 1)] = v->value;
      max_value = MAX (max_value, v->value);
      n_set++;
    }
  if (n_set == 0)
    return;

  /* Pairs the file leaves out count as the least confident value it has: never as 0 Å. The
   * predictors we know of bin PAE up to 31.75 Å, the scale the PAE map uses unless a file goes
   * beyond it. */
  max_value = MAX (max_value, 31.75f);
  for (gsize i = 0; i < (gsize) n * n; i++)
    if (isnan (pae[i]))
      pae[i] = max_value;
  pleat_structure_take_pae (structure, n, g_steal_pointer (&pae), max_value);
}

static double
mean_polymer_plddt (PleatStructure *structure)
{
  guint n_residues;
  const PleatResidue *residues = pleat_structure_get_residues (structure, &n_residues);
  double sum = 0.0;
  guint n = 0;

  for (guint i = 0; i < n_residues; i++)
    if (!residues[i].hetatm && !isnan (residues[i].plddt))
      {
        sum += residues[i].plddt;
        n++;
      }
  return n > 0 ? sum / n : NAN;
}

GPtrArray *
pleat_structure_builder_finish (PleatStructureBuilder *self,
                                GError               **error)
{
  g_autoptr(GPtrArray) structures = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) models = g_array_new (FALSE, FALSE, sizeof (gint));
  PleatPlddtSource source = PLEAT_PLDDT_SOURCE_NONE;
  Stats stats = { 0 };
  gboolean signature;

  if (self->records->len == 0)
    {
      g_set_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_INVALID_FILE,
                   _("The file has no atoms"));
      return NULL;
    }

  for (guint i = 0; i < self->records->len; i++)
    {
      gint model = g_array_index (self->records, PleatAtomRecord, i).model;
      gboolean seen = FALSE;

      /* Records of one model are almost always contiguous: check the last one first. */
      if (models->len > 0 && g_array_index (models, gint, models->len - 1) == model)
        continue;
      for (guint m = 0; m < models->len && !seen; m++)
        seen = g_array_index (models, gint, m) == model;
      if (!seen)
        g_array_append_val (models, model);
    }

  for (guint m = 0; m < models->len; m++)
    {
      gint model = g_array_index (models, gint, m);
      PleatStructure *structure = build_model (self, model, &stats);

      if (models->len > 1)
        {
          g_autofree char *title = g_strdup_printf (_("%s (model %d)"),
                                                    self->title != NULL ? self->title : "",
                                                    model);
          pleat_structure_set_title (structure, title);
        }
      else
        pleat_structure_set_title (structure, self->title);
      g_ptr_array_add (structures, structure);
    }

  signature = !stats.has_water && !stats.has_altloc && !stats.occupancy_not_one;
  if (self->local_plddt->len > 0)
    source = PLEAT_PLDDT_SOURCE_MODELCIF;
  else if (self->kind != PLEAT_MODEL_KIND_EXPERIMENTAL && stats.b_any && stats.b_varies
           && stats.b_min >= 0.0f && stats.b_max <= 100.0f
           && (self->kind == PLEAT_MODEL_KIND_PREDICTED || signature))
    source = stats.b_max <= 1.0f ? PLEAT_PLDDT_SOURCE_B_FACTOR_1 : PLEAT_PLDDT_SOURCE_B_FACTOR_100;

  for (guint m = 0; m < structures->len; m++)
    {
      PleatStructure *structure = g_ptr_array_index (structures, m);
      gint model = g_array_index (models, gint, m);

      if (source == PLEAT_PLDDT_SOURCE_MODELCIF)
        {
          float local_max = 0.0f;

          for (guint i = 0; i < self->local_plddt->len; i++)
            local_max = MAX (local_max, g_array_index (self->local_plddt, LocalValue, i).value);
          if (apply_local_plddt (self, structure, model,
                                 stats.b_any && stats.b_min >= 0.0f && stats.b_max <= 100.0f
                                 && (stats.b_max > 1.0f) == (local_max > 1.0f)))
            pleat_structure_set_plddt_source (structure, source);
        }
      else if (source == PLEAT_PLDDT_SOURCE_B_FACTOR_1)
        pleat_structure_set_plddt_from_b_factor (structure, 1.0f);
      else if (source == PLEAT_PLDDT_SOURCE_B_FACTOR_100)
        pleat_structure_set_plddt_from_b_factor (structure, 100.0f);

      if (pleat_structure_get_plddt_source (structure) != PLEAT_PLDDT_SOURCE_NONE)
        pleat_structure_set_mean_plddt (structure, !isnan (self->global_plddt)
                                                   ? self->global_plddt
                                                   : mean_polymer_plddt (structure));
      if (self->pae->len > 0)
        apply_pae (self, structure, model);
      pleat_structure_set_ptm (structure, self->ptm);
      pleat_structure_set_iptm (structure, self->iptm);
    }

  return g_steal_pointer (&structures);
}
