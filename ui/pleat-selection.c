/* pleat-selection.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pleat-ui"

#include "config.h"

#include <string.h>

#include "pleat-selection.h"

/* One bit per residue of a structure; the structure is kept alive while it has a selection. */
typedef struct
{
  PleatStructure *structure;
  guint8         *bits;
  guint           n_residues;
  guint           n_selected;
} Entry;

struct _PleatSelection
{
  GObject         parent_instance;

  /* Owned */
  GPtrArray      *entries;        /* of Entry *, in the order structures were first selected */
  PleatStructure *hover;
  guint           hover_residue;
};

G_DEFINE_FINAL_TYPE (PleatSelection, pleat_selection, G_TYPE_OBJECT)

enum {
  SIGNAL_CHANGED,
  SIGNAL_HOVER_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  g_object_unref (entry->structure);
  g_free (entry->bits);
  g_free (entry);
}

static void
pleat_selection_dispose (GObject *object)
{
  PleatSelection *self = PLEAT_SELECTION (object);

  g_ptr_array_set_size (self->entries, 0);
  g_clear_object (&self->hover);

  G_OBJECT_CLASS (pleat_selection_parent_class)->dispose (object);
}

static void
pleat_selection_finalize (GObject *object)
{
  PleatSelection *self = PLEAT_SELECTION (object);

  g_ptr_array_unref (self->entries);

  G_OBJECT_CLASS (pleat_selection_parent_class)->finalize (object);
}

static void
pleat_selection_class_init (PleatSelectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pleat_selection_dispose;
  object_class->finalize = pleat_selection_finalize;

  /**
   * PleatSelection::changed:
   *
   * The set of selected residues changed.
   */
  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
  /**
   * PleatSelection::hover-changed:
   *
   * Another residue (or none) is under the pointer.
   */
  signals[SIGNAL_HOVER_CHANGED] =
    g_signal_new ("hover-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 0);
}

static void
pleat_selection_init (PleatSelection *self)
{
  self->entries = g_ptr_array_new_with_free_func (entry_free);
}

PleatSelection *
pleat_selection_new (void)
{
  return g_object_new (PLEAT_TYPE_SELECTION, NULL);
}

static Entry *
find_entry (PleatSelection *self,
            PleatStructure *structure,
            gboolean        create)
{
  Entry *entry;

  for (guint i = 0; i < self->entries->len; i++)
    {
      entry = g_ptr_array_index (self->entries, i);
      if (entry->structure == structure)
        return entry;
    }
  if (!create)
    return NULL;
  entry = g_new0 (Entry, 1);
  entry->structure = g_object_ref (structure);
  entry->n_residues = pleat_structure_get_n_residues (structure);
  entry->bits = g_new0 (guint8, (entry->n_residues + 7) / 8 + 1);
  g_ptr_array_add (self->entries, entry);
  return entry;
}

static inline gboolean
entry_get (const Entry *entry,
           guint        residue)
{
  return (entry->bits[residue / 8] >> (residue % 8)) & 1;
}

/* Returns TRUE when the bit changed. */
static gboolean
entry_set (Entry    *entry,
           guint     residue,
           gboolean  value)
{
  guint8 mask = (guint8) (1u << (residue % 8));

  if (entry_get (entry, residue) == !!value)
    return FALSE;
  if (value)
    {
      entry->bits[residue / 8] |= mask;
      entry->n_selected++;
    }
  else
    {
      entry->bits[residue / 8] &= (guint8) ~mask;
      entry->n_selected--;
    }
  return TRUE;
}

static void
drop_empty (PleatSelection *self)
{
  for (guint i = self->entries->len; i > 0; i--)
    if (((Entry *) g_ptr_array_index (self->entries, i - 1))->n_selected == 0)
      g_ptr_array_remove_index (self->entries, i - 1);
}

gboolean
pleat_selection_contains (PleatSelection *self,
                          PleatStructure *structure,
                          guint           residue)
{
  Entry *entry;

  g_return_val_if_fail (PLEAT_IS_SELECTION (self), FALSE);

  entry = find_entry (self, structure, FALSE);
  return entry != NULL && residue < entry->n_residues && entry_get (entry, residue);
}

gboolean
pleat_selection_is_empty (PleatSelection *self)
{
  g_return_val_if_fail (PLEAT_IS_SELECTION (self), TRUE);
  return self->entries->len == 0;
}

guint
pleat_selection_get_n_selected (PleatSelection *self,
                                PleatStructure *structure)
{
  guint n = 0;

  g_return_val_if_fail (PLEAT_IS_SELECTION (self), 0);

  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);

      if (structure == NULL || entry->structure == structure)
        n += entry->n_selected;
    }
  return n;
}

guint *
pleat_selection_dup_residues (PleatSelection *self,
                              PleatStructure *structure,
                              guint          *n_residues)
{
  Entry *entry;
  guint *residues;
  guint n = 0;

  g_return_val_if_fail (PLEAT_IS_SELECTION (self), NULL);
  g_return_val_if_fail (n_residues != NULL, NULL);

  *n_residues = 0;
  entry = find_entry (self, structure, FALSE);
  if (entry == NULL || entry->n_selected == 0)
    return NULL;
  residues = g_new (guint, entry->n_selected);
  for (guint r = 0; r < entry->n_residues; r++)
    if (entry_get (entry, r))
      residues[n++] = r;
  *n_residues = n;
  return residues;
}

GPtrArray *
pleat_selection_dup_structures (PleatSelection *self)
{
  GPtrArray *structures = g_ptr_array_new ();

  g_return_val_if_fail (PLEAT_IS_SELECTION (self), structures);

  for (guint i = 0; i < self->entries->len; i++)
    g_ptr_array_add (structures, ((Entry *) g_ptr_array_index (self->entries, i))->structure);
  return structures;
}

void
pleat_selection_clear (PleatSelection *self)
{
  g_return_if_fail (PLEAT_IS_SELECTION (self));

  if (self->entries->len == 0)
    return;
  g_ptr_array_set_size (self->entries, 0);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

static void
set_one (PleatSelection *self,
         PleatStructure *structure,
         guint           residue,
         int             mode)  /* 1 select, 0 unselect, -1 toggle */
{
  Entry *entry;
  gboolean changed;

  g_return_if_fail (PLEAT_IS_SELECTION (self));
  g_return_if_fail (PLEAT_IS_STRUCTURE (structure));
  g_return_if_fail (residue < pleat_structure_get_n_residues (structure));

  entry = find_entry (self, structure, mode != 0);
  if (entry == NULL)
    return;
  if (mode < 0)
    changed = entry_set (entry, residue, !entry_get (entry, residue));
  else
    changed = entry_set (entry, residue, mode);
  drop_empty (self);
  if (changed)
    g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

void
pleat_selection_select (PleatSelection *self,
                        PleatStructure *structure,
                        guint           residue)
{
  set_one (self, structure, residue, 1);
}

void
pleat_selection_unselect (PleatSelection *self,
                          PleatStructure *structure,
                          guint           residue)
{
  set_one (self, structure, residue, 0);
}

void
pleat_selection_toggle (PleatSelection *self,
                        PleatStructure *structure,
                        guint           residue)
{
  set_one (self, structure, residue, -1);
}

void
pleat_selection_select_range (PleatSelection *self,
                              PleatStructure *structure,
                              guint           first,
                              guint           last)
{
  Entry *entry;
  gboolean changed = FALSE;

  g_return_if_fail (PLEAT_IS_SELECTION (self));
  g_return_if_fail (PLEAT_IS_STRUCTURE (structure));
  g_return_if_fail (first <= last && last < pleat_structure_get_n_residues (structure));

  entry = find_entry (self, structure, TRUE);
  for (guint r = first; r <= last; r++)
    changed |= entry_set (entry, r, TRUE);
  if (changed)
    g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

void
pleat_selection_set_residues (PleatSelection *self,
                              PleatStructure *structure,
                              const guint    *residues,
                              guint           n_residues)
{
  g_autoptr(PleatSelection) wanted = NULL;
  gboolean same;
  Entry *mine, *theirs;

  g_return_if_fail (PLEAT_IS_SELECTION (self));
  g_return_if_fail (PLEAT_IS_STRUCTURE (structure));
  g_return_if_fail (residues != NULL || n_residues == 0);

  /* Build the wanted state aside and compare, so that "changed" fires only on a change. */
  wanted = pleat_selection_new ();
  theirs = find_entry (wanted, structure, TRUE);
  for (guint i = 0; i < n_residues; i++)
    {
      g_return_if_fail (residues[i] < theirs->n_residues);
      entry_set (theirs, residues[i], TRUE);
    }
  drop_empty (wanted);

  mine = find_entry (self, structure, FALSE);
  same = self->entries->len == wanted->entries->len
         && (n_residues == 0
             || (mine != NULL && mine->n_selected == theirs->n_selected
                 && memcmp (mine->bits, theirs->bits, (mine->n_residues + 7) / 8) == 0));
  if (same)
    return;
  g_ptr_array_set_size (self->entries, 0);
  if (wanted->entries->len > 0)
    g_ptr_array_add (self->entries, g_ptr_array_steal_index (wanted->entries, 0));
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

void
pleat_selection_set_hover (PleatSelection *self,
                           PleatStructure *structure,
                           guint           residue)
{
  g_return_if_fail (PLEAT_IS_SELECTION (self));
  g_return_if_fail (structure == NULL || PLEAT_IS_STRUCTURE (structure));

  if (structure == NULL)
    residue = 0;
  if (self->hover == structure && self->hover_residue == residue)
    return;
  g_set_object (&self->hover, structure);
  self->hover_residue = residue;
  g_signal_emit (self, signals[SIGNAL_HOVER_CHANGED], 0);
}

PleatStructure *
pleat_selection_get_hover (PleatSelection *self,
                           guint          *residue)
{
  g_return_val_if_fail (PLEAT_IS_SELECTION (self), NULL);

  if (residue != NULL)
    *residue = self->hover_residue;
  return self->hover;
}
