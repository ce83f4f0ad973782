/* pleat-structure.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pleat-engine"

#include "config.h"

#include <math.h>
#include <string.h>

#include "pleat-residues.h"
#include "pleat-structure.h"

struct _PleatStructure
{
  GObject  parent_instance;

  /* Owned */
  GArray  *chains;    /* of PleatChain */
  GArray  *residues;  /* of PleatResidue */
  GArray  *atoms;     /* of PleatAtom */
  float   *pae;       /* (n_pae, n_pae) */
  char    *title;

  guint    n_pae;
  float    max_pae;
  double   mean_plddt;
  double   ptm;
  double   iptm;
  PleatPlddtSource plddt_source;
  gboolean has_ss;
};

G_DEFINE_FINAL_TYPE (PleatStructure, pleat_structure, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_MEAN_PLDDT,
  PROP_PTM,
  PROP_IPTM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
pleat_structure_finalize (GObject *object)
{
  PleatStructure *self = (PleatStructure *) object;

  g_clear_pointer (&self->chains, g_array_unref);
  g_clear_pointer (&self->residues, g_array_unref);
  g_clear_pointer (&self->atoms, g_array_unref);
  g_clear_pointer (&self->pae, g_free);
  g_clear_pointer (&self->title, g_free);

  G_OBJECT_CLASS (pleat_structure_parent_class)->finalize (object);
}

static void
pleat_structure_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  PleatStructure *self = PLEAT_STRUCTURE (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_MEAN_PLDDT:
      g_value_set_double (value, self->mean_plddt);
      break;
    case PROP_PTM:
      g_value_set_double (value, self->ptm);
      break;
    case PROP_IPTM:
      g_value_set_double (value, self->iptm);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pleat_structure_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  PleatStructure *self = PLEAT_STRUCTURE (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      pleat_structure_set_title (self, g_value_get_string (value));
      break;
    case PROP_MEAN_PLDDT:
      pleat_structure_set_mean_plddt (self, g_value_get_double (value));
      break;
    case PROP_PTM:
      pleat_structure_set_ptm (self, g_value_get_double (value));
      break;
    case PROP_IPTM:
      pleat_structure_set_iptm (self, g_value_get_double (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pleat_structure_class_init (PleatStructureClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pleat_structure_finalize;
  object_class->get_property = pleat_structure_get_property;
  object_class->set_property = pleat_structure_set_property;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MEAN_PLDDT] =
    g_param_spec_double ("mean-plddt", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PTM] =
    g_param_spec_double ("ptm", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_IPTM] =
    g_param_spec_double ("iptm", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pleat_structure_init (PleatStructure *self)
{
  self->chains = g_array_new (FALSE, TRUE, sizeof (PleatChain));
  self->residues = g_array_new (FALSE, TRUE, sizeof (PleatResidue));
  self->atoms = g_array_new (FALSE, TRUE, sizeof (PleatAtom));
  self->mean_plddt = NAN;
  self->ptm = NAN;
  self->iptm = NAN;
}

PleatStructure *
pleat_structure_new (void)
{
  return g_object_new (PLEAT_TYPE_STRUCTURE, NULL);
}

guint
pleat_structure_add_chain (PleatStructure *self,
                           const char     *id,
                           const char     *auth_id)
{
  PleatChain chain = { 0 };

  g_return_val_if_fail (PLEAT_IS_STRUCTURE (self), 0);
  g_return_val_if_fail (id != NULL, 0);

  g_strlcpy (chain.id, id, sizeof chain.id);
  g_strlcpy (chain.auth_id, auth_id != NULL ? auth_id : id, sizeof chain.auth_id);
  chain.first_residue = self->residues->len;
  g_array_append_val (self->chains, chain);
  return self->chains->len - 1;
}

guint
pleat_structure_add_residue (PleatStructure *self,
                             const char     *name,
                             gint            seq_id,
                             char            ins_code)
{
  PleatResidue residue = { 0 };
  PleatChain *chain;

  g_return_val_if_fail (PLEAT_IS_STRUCTURE (self), 0);
  g_return_val_if_fail (name != NULL, 0);
  g_return_val_if_fail (self->chains->len > 0, 0);

  chain = &g_array_index (self->chains, PleatChain, self->chains->len - 1);
  g_strlcpy (residue.name, name, sizeof residue.name);
  residue.one_letter = pleat_residue_one_letter (name);
  residue.ins_code = ins_code == ' ' ? '\0' : ins_code;
  residue.seq_id = seq_id;
  residue.chain = self->chains->len - 1;
  residue.first_atom = self->atoms->len;
  residue.plddt = NAN;
  g_array_append_val (self->residues, residue);
  chain->n_residues++;
  return self->residues->len - 1;
}

guint
pleat_structure_add_atom (PleatStructure *self,
                          const char     *name,
                          const char     *element,
                          float           x,
                          float           y,
                          float           z)
{
  PleatAtom atom = { 0 };
  PleatResidue *residue;

  g_return_val_if_fail (PLEAT_IS_STRUCTURE (self), 0);
  g_return_val_if_fail (name != NULL && element != NULL, 0);
  g_return_val_if_fail (self->residues->len > 0, 0);

  residue = &g_array_index (self->residues, PleatResidue, self->residues->len - 1);
  g_strlcpy (atom.name, name, sizeof atom.name);
  g_strlcpy (atom.element, element, sizeof atom.element);
  atom.x = x;
  atom.y = y;
  atom.z = z;
  atom.occupancy = 1.0f;
  atom.plddt = NAN;
  atom.residue = self->residues->len - 1;
  g_array_append_val (self->atoms, atom);
  residue->n_atoms++;
  return self->atoms->len - 1;
}

PleatChain *
pleat_structure_get_last_chain (PleatStructure *self)
{
  g_return_val_if_fail (PLEAT_IS_STRUCTURE (self), NULL);
  g_return_val_if_fail (self->chains->len > 0, NULL);

  return &g_array_index (self->chains, PleatChain, self->chains->len - 1);
}

PleatResidue *
pleat_structure_get_last_residue (PleatStructure *self)
{
  g_return_val_if_fail (PLEAT_IS_STRUCTURE (self), NULL);
  g_return_val_if_fail (self->residues->len > 0, NULL);

  return &g_array_index (self->residues, PleatResidue, self->residues->len - 1);
}

PleatAtom *
pleat_structure_get_last_atom (PleatStructure *self)
{
  g_return_val_if_fail (PLEAT_IS_STRUCTURE (self), NULL);
  g_return_val_if_fail (self->atoms->len > 0, NULL);

  return &g_array_index (self->atoms, PleatAtom, self->atoms->len - 1);
}

PleatResidue *
pleat_structure_get_residues_mutable (PleatStructure *self,
                                      guint          *n_residues)
{
  g_return_val_if_fail (PLEAT_IS_STRUCTURE (self), NULL);

  if (n_residues != NULL)
    *n_residues = self->residues->len;
  return (PleatResidue *) (gpointer) self->residues->data;
}

PleatAtom *
pleat_structure_get_atoms_mutable (PleatStructure *self,
                                   guint          *n_atoms)
{
  g_return_val_if_fail (PLEAT_IS_STRUCTURE (self), NULL);

  if (n_atoms != NULL)
    *n_atoms = self->atoms->len;
  return (PleatAtom *) (gpointer) self->atoms->data;
}

const PleatChain *
pleat_structure_get_chains (PleatStructure *self,
                            guint          *n_chains)
{
  g_return_val_if_fail (PLEAT_IS_STRUCTURE (self), NULL);

  if (n_chains != NULL)
    *n_chains = self->chains->len;
  return (const PleatChain *) (gpointer) self->chains->data;
}

const PleatResidue *
pleat_structure_get_residues (PleatStructure *self,
                              guint          *n_residues)
{
  g_return_val_if_fail (PLEAT_IS_STRUCTURE (self), NULL);

  if (n_residues != NULL)
    *n_residues = self->residues->len;
  return (const PleatResidue *) (gpointer) self->residues->data;
}

const PleatAtom *
pleat_structure_get_atoms (PleatStructure *self,
                           guint          *n_atoms)
{
  g_return_val_if_fail (PLEAT_IS_STRUCTURE (self), NULL);

  if (n_atoms != NULL)
    *n_atoms = self->atoms->len;
  return (const PleatAtom *) (gpointer) self->atoms->data;
}

guint
pleat_structure_get_n_chains (PleatStructure *self)
{
  g_return_val_if_fail (PLEAT_IS_STRUCTURE (self), 0);
  return self->chains->len;
}

guint
pleat_structure_get_n_residues (PleatStructure *self)
{
  g_return_val_if_fail (PLEAT_IS_STRUCTURE (self), 0);
  return self->residues->len;
}

guint
pleat_structure_get_n_atoms (PleatStructure *self)
{
  g_return_val_if_fail (PLEAT_IS_STRUCTURE (self), 0);
  return self->atoms->len;
}

char *
pleat_structure_dup_chain_sequence (PleatStructure *self,
                                    guint           chain)
{
  const PleatChain *c;
  GString *sequence;

  g_return_val_if_fail (PLEAT_IS_STRUCTURE (self), NULL);
  g_return_val_if_fail (chain < self->chains->len, NULL);

  c = &g_array_index (self->chains, PleatChain, chain);
  sequence = g_string_sized_new (c->n_residues);
  for (guint i = 0; i < c->n_residues; i++)
    {
      const PleatResidue *r = &g_array_index (self->residues, PleatResidue, c->first_residue + i);

      if (!r->hetatm)
        g_string_append_c (sequence, r->one_letter);
    }
  return g_string_free (sequence, FALSE);
}

gint
pleat_structure_find_atom (PleatStructure *self,
                           guint           residue,
                           const char     *name)
{
  const PleatResidue *r;

  g_return_val_if_fail (PLEAT_IS_STRUCTURE (self), -1);
  g_return_val_if_fail (residue < self->residues->len, -1);

  r = &g_array_index (self->residues, PleatResidue, residue);
  for (guint i = 0; i < r->n_atoms; i++)
    if (strcmp (g_array_index (self->atoms, PleatAtom, r->first_atom + i).name, name) == 0)
      return (gint) (r->first_atom + i);
  return -1;
}

void
pleat_structure_compute_residue_plddt (PleatStructure *self)
{
  g_return_if_fail (PLEAT_IS_STRUCTURE (self));

  for (guint i = 0; i < self->residues->len; i++)
    {
      PleatResidue *r = &g_array_index (self->residues, PleatResidue, i);
      double sum = 0.0;
      guint n = 0;

      for (guint a = 0; a < r->n_atoms; a++)
        {
          float plddt = g_array_index (self->atoms, PleatAtom, r->first_atom + a).plddt;

          if (!isnan (plddt))
            {
              sum += plddt;
              n++;
            }
        }
      r->plddt = n > 0 ? (float) (sum / n) : NAN;
    }
}

void
pleat_structure_take_pae (PleatStructure *self,
                          guint           n,
                          float          *pae,
                          float           max_pae)
{
  g_return_if_fail (PLEAT_IS_STRUCTURE (self));
  g_return_if_fail (pae != NULL || n == 0);

  g_free (self->pae);
  self->pae = pae;
  self->n_pae = n;
  self->max_pae = max_pae;
}

const float *
pleat_structure_get_pae (PleatStructure *self,
                         guint          *n,
                         float          *max_pae)
{
  g_return_val_if_fail (PLEAT_IS_STRUCTURE (self), NULL);

  if (n != NULL)
    *n = self->n_pae;
  if (max_pae != NULL)
    *max_pae = self->max_pae;
  return self->pae;
}

const char *
pleat_structure_get_title (PleatStructure *self)
{
  g_return_val_if_fail (PLEAT_IS_STRUCTURE (self), NULL);
  return self->title;
}

void
pleat_structure_set_title (PleatStructure *self,
                           const char     *title)
{
  g_return_if_fail (PLEAT_IS_STRUCTURE (self));

  if (g_strcmp0 (self->title, title) == 0)
    return;
  g_free (self->title);
  self->title = g_strdup (title);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

static void
set_double (PleatStructure *self,
            double         *field,
            double          value,
            guint           prop)
{
  /* NAN != NAN, so compare the bits' meaning, not the values. */
  if (*field == value || (isnan (*field) && isnan (value)))
    return;
  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

double
pleat_structure_get_mean_plddt (PleatStructure *self)
{
  g_return_val_if_fail (PLEAT_IS_STRUCTURE (self), NAN);
  return self->mean_plddt;
}

void
pleat_structure_set_mean_plddt (PleatStructure *self,
                                double          mean_plddt)
{
  g_return_if_fail (PLEAT_IS_STRUCTURE (self));
  set_double (self, &self->mean_plddt, mean_plddt, PROP_MEAN_PLDDT);
}

double
pleat_structure_get_ptm (PleatStructure *self)
{
  g_return_val_if_fail (PLEAT_IS_STRUCTURE (self), NAN);
  return self->ptm;
}

void
pleat_structure_set_ptm (PleatStructure *self,
                         double          ptm)
{
  g_return_if_fail (PLEAT_IS_STRUCTURE (self));
  set_double (self, &self->ptm, ptm, PROP_PTM);
}

double
pleat_structure_get_iptm (PleatStructure *self)
{
  g_return_val_if_fail (PLEAT_IS_STRUCTURE (self), NAN);
  return self->iptm;
}

void
pleat_structure_set_iptm (PleatStructure *self,
                          double          iptm)
{
  g_return_if_fail (PLEAT_IS_STRUCTURE (self));
  set_double (self, &self->iptm, iptm, PROP_IPTM);
}

gboolean
pleat_structure_has_plddt (PleatStructure *self)
{
  g_return_val_if_fail (PLEAT_IS_STRUCTURE (self), FALSE);

  for (guint i = 0; i < self->residues->len; i++)
    if (!isnan (g_array_index (self->residues, PleatResidue, i).plddt))
      return TRUE;
  return FALSE;
}

PleatPlddtSource
pleat_structure_get_plddt_source (PleatStructure *self)
{
  g_return_val_if_fail (PLEAT_IS_STRUCTURE (self), PLEAT_PLDDT_SOURCE_NONE);
  return self->plddt_source;
}

void
pleat_structure_set_plddt_source (PleatStructure   *self,
                                  PleatPlddtSource  source)
{
  g_return_if_fail (PLEAT_IS_STRUCTURE (self));
  self->plddt_source = source;
}

void
pleat_structure_set_plddt_from_b_factor (PleatStructure *self,
                                         float           scale)
{
  g_return_if_fail (PLEAT_IS_STRUCTURE (self));
  g_return_if_fail (scale == 0.0f || scale == 1.0f || scale == 100.0f);

  for (guint i = 0; i < self->atoms->len; i++)
    {
      PleatAtom *atom = &g_array_index (self->atoms, PleatAtom, i);

      if (scale == 0.0f)
        atom->plddt = NAN;
      else
        atom->plddt = scale == 1.0f ? atom->b_factor * 100.0f : atom->b_factor;
    }
  pleat_structure_compute_residue_plddt (self);
  if (scale == 0.0f)
    self->plddt_source = PLEAT_PLDDT_SOURCE_NONE;
  else
    self->plddt_source = scale == 1.0f ? PLEAT_PLDDT_SOURCE_B_FACTOR_1
                                       : PLEAT_PLDDT_SOURCE_B_FACTOR_100;
}

gboolean
pleat_structure_has_secondary_structure (PleatStructure *self)
{
  g_return_val_if_fail (PLEAT_IS_STRUCTURE (self), FALSE);
  return self->has_ss;
}

void
pleat_structure_set_has_secondary_structure (PleatStructure *self,
                                             gboolean        has)
{
  g_return_if_fail (PLEAT_IS_STRUCTURE (self));
  self->has_ss = !!has;
}
