/* pleat-structure.h
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One model of a macromolecular structure with its confidences: what a fold produces, what the
 * writers serialise, what the readers parse and what the viewer draws. Flat arrays of chains,
 * residues and atoms, each residue pointing at its chain and each atom at its residue, built
 * in order with the pleat_structure_add_*() functions.
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef struct
{
  char     id[8];          /* label_asym_id, e.g. "A" */
  char     auth_id[8];     /* auth_asym_id, the PDB chain letter users see */
  guint    entity_id;      /* 1-based entity id; 0 when unknown */
  guint    first_residue;  /* index into the residue array */
  guint    n_residues;
} PleatChain;

typedef struct
{
  char     name[8];        /* residue name: "ALA", or a ligand component id */
  char     one_letter;     /* 'A'; 'X' for anything that is not a standard amino acid */
  char     ins_code;       /* insertion code, '\0' when none */
  char     ss;             /* DSSP code (H G I E B T S, ' ' loop); '\0' until assigned */
  gboolean hetatm;         /* a HETATM group (ligand, water) rather than a polymer residue */
  gint     seq_id;         /* auth_seq_id: the residue number users see */
  gint     label_seq_id;   /* 1-based position in the chain's polymer sequence; 0 if none */
  guint    chain;          /* index into the chain array */
  guint    first_atom;     /* index into the atom array */
  guint    n_atoms;
  float    plddt;          /* per-residue pLDDT on 0-100; NAN when the file has none */
} PleatResidue;

typedef struct
{
  float    x, y, z;        /* Angstrom */
  float    b_factor;       /* B_iso as read or written (per-atom pLDDT 0-100 for our folds) */
  float    occupancy;
  float    plddt;          /* per-atom pLDDT on 0-100; NAN when unknown */
  guint    residue;        /* index into the residue array */
  char     name[6];        /* "CA", "OXT" */
  char     element[4];     /* "C", "SE" */
  char     alt_loc;        /* alternate location id, '\0' when none */
} PleatAtom;

/* Where the per-residue and per-atom pLDDT of a structure read from a file came from. */
typedef enum
{
  PLEAT_PLDDT_SOURCE_NONE,            /* no pLDDT: computed here, or B-factors are real B-factors */
  PLEAT_PLDDT_SOURCE_PREDICTION,      /* set by the engine that predicted the structure */
  PLEAT_PLDDT_SOURCE_MODELCIF,        /* ModelCIF _ma_qa_metric_local pLDDT rows */
  PLEAT_PLDDT_SOURCE_B_FACTOR_100,    /* B-factor column on the 0-100 scale */
  PLEAT_PLDDT_SOURCE_B_FACTOR_1,      /* B-factor column on the 0-1 scale, multiplied by 100 */
  PLEAT_PLDDT_SOURCE_NPZ,             /* a predictor's per-token file (Boltz plddt_*.npz) */
} PleatPlddtSource;

#define PLEAT_TYPE_STRUCTURE (pleat_structure_get_type ())

G_DECLARE_FINAL_TYPE (PleatStructure, pleat_structure, PLEAT, STRUCTURE, GObject)

PleatStructure     *pleat_structure_new                  (void);

/* Building, in order: a chain, then its residues, each followed by its atoms. */
guint               pleat_structure_add_chain            (PleatStructure *self,
                                                          const char     *id,
                                                          const char     *auth_id);
guint               pleat_structure_add_residue          (PleatStructure *self,
                                                          const char     *name,
                                                          gint            seq_id,
                                                          char            ins_code);
guint               pleat_structure_add_atom             (PleatStructure *self,
                                                          const char     *name,
                                                          const char     *element,
                                                          float           x,
                                                          float           y,
                                                          float           z);

/* Mutable access while building (the last added element). */
PleatChain         *pleat_structure_get_last_chain       (PleatStructure *self);
PleatResidue       *pleat_structure_get_last_residue     (PleatStructure *self);
PleatAtom          *pleat_structure_get_last_atom        (PleatStructure *self);

/* Mutable access for readers and analyses that fill in fields after building (pLDDT, secondary
 * structure). Not for use while another thread reads the structure. */
PleatResidue       *pleat_structure_get_residues_mutable (PleatStructure *self,
                                                          guint          *n_residues);
PleatAtom          *pleat_structure_get_atoms_mutable    (PleatStructure *self,
                                                          guint          *n_atoms);

const PleatChain   *pleat_structure_get_chains           (PleatStructure *self,
                                                          guint          *n_chains);
const PleatResidue *pleat_structure_get_residues         (PleatStructure *self,
                                                          guint          *n_residues);
const PleatAtom    *pleat_structure_get_atoms            (PleatStructure *self,
                                                          guint          *n_atoms);
guint               pleat_structure_get_n_chains         (PleatStructure *self);
guint               pleat_structure_get_n_residues       (PleatStructure *self);
guint               pleat_structure_get_n_atoms          (PleatStructure *self);
/* The one-letter sequence of a chain (polymer residues only). */
char               *pleat_structure_dup_chain_sequence   (PleatStructure *self,
                                                          guint           chain);
/* Index of the atom of a residue with this name, or -1. */
gint                pleat_structure_find_atom            (PleatStructure *self,
                                                          guint           residue,
                                                          const char     *name);

/* Per-residue pLDDT as the reference computes it: the mean of its atoms' pLDDT. */
void                pleat_structure_compute_residue_plddt (PleatStructure *self);

/* Predicted aligned error, n x n in Angstrom with rows = aligned residue and columns = scored
 * residue; n equals the number of polymer residues. */
void                pleat_structure_take_pae             (PleatStructure *self,
                                                          guint           n,
                                                          float          *pae,
                                                          float           max_pae);
const float        *pleat_structure_get_pae              (PleatStructure *self,
                                                          guint          *n,
                                                          float          *max_pae);

const char         *pleat_structure_get_title            (PleatStructure *self);
void                pleat_structure_set_title            (PleatStructure *self,
                                                          const char     *title);
/* Global confidences; NAN when unknown. */
double              pleat_structure_get_mean_plddt       (PleatStructure *self);
void                pleat_structure_set_mean_plddt       (PleatStructure *self,
                                                          double          mean_plddt);
double              pleat_structure_get_ptm              (PleatStructure *self);
void                pleat_structure_set_ptm              (PleatStructure *self,
                                                          double          ptm);
double              pleat_structure_get_iptm             (PleatStructure *self);
void                pleat_structure_set_iptm             (PleatStructure *self,
                                                          double          iptm);
gboolean            pleat_structure_has_plddt            (PleatStructure *self);
PleatPlddtSource    pleat_structure_get_plddt_source     (PleatStructure *self);
void                pleat_structure_set_plddt_source     (PleatStructure *self,
                                                          PleatPlddtSource source);
/* Treats the B-factor column as pLDDT on the given scale (100 or 1), or clears the pLDDT when
 * scale is 0: the user's override of what the reader decided. Recomputes per-residue means. */
void                pleat_structure_set_plddt_from_b_factor (PleatStructure *self,
                                                             float           scale);
/* TRUE once every residue's ss field holds an assignment (pleat_secondary_structure_assign()). */
gboolean            pleat_structure_has_secondary_structure (PleatStructure *self);
void                pleat_structure_set_has_secondary_structure (PleatStructure *self,
                                                                 gboolean        has);

G_END_DECLS
