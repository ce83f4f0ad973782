/* pleat-structure-builder-private.h
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the mmCIF and PDB readers share once a file is tokenised: atom records in file order go
 * in; models, chains, residues, one conformer per residue and the pLDDT decision come out. The
 * readers only translate syntax; every convention lives here, once.
 */
#pragma once

#include <glib.h>

#include "pleat-structure.h"

G_BEGIN_DECLS

typedef struct
{
  float    x, y, z;
  float    occupancy;        /* 1 when the file has none */
  float    b_factor;         /* NAN when the file has none */
  gint     auth_seq_id;
  gint     label_seq_id;     /* 1-based polymer position; 0 when none ('.', PDB) */
  gint     model;            /* model number as written; 1 when the file has none */
  guint    entity_id;        /* 0 when unknown */
  guint    line;             /* 1-based line of the record, for error messages */
  char     ins_code;         /* '\0' when none */
  char     alt_loc;          /* '\0' when none */
  gboolean hetatm;
  gboolean has_label_seq;    /* the file has a label_seq_id column: it decides polymer membership */
  char     atom_name[6];
  char     element[4];
  char     res_name[8];
  char     label_asym_id[8];
  char     auth_asym_id[8];
} PleatAtomRecord;

/* What the file says about its origin, before looking at the numbers. */
typedef enum
{
  PLEAT_MODEL_KIND_UNKNOWN,       /* no statement: decide from the predicted-model signature */
  PLEAT_MODEL_KIND_PREDICTED,     /* ModelCIF, a predictor's header or writer signature */
  PLEAT_MODEL_KIND_EXPERIMENTAL,  /* an experimental method, resolution or refinement record */
} PleatModelKind;

typedef struct _PleatStructureBuilder PleatStructureBuilder;

PleatStructureBuilder *pleat_structure_builder_new           (const char            *title);
void                   pleat_structure_builder_free          (PleatStructureBuilder *self);

void                   pleat_structure_builder_add_atom      (PleatStructureBuilder *self,
                                                              const PleatAtomRecord *record);
/* A PDB TER record: the next atom starts a new chain even with the same chain letter. */
void                   pleat_structure_builder_end_chain     (PleatStructureBuilder *self);
/* Raises the kind: EXPERIMENTAL wins over PREDICTED, which wins over UNKNOWN. */
void                   pleat_structure_builder_set_kind      (PleatStructureBuilder *self,
                                                              PleatModelKind         kind);
void                   pleat_structure_builder_set_title     (PleatStructureBuilder *self,
                                                              const char            *title);
/* ModelCIF local pLDDT of one residue (label_seq_id 0 for a non-polymer). model 0: any. */
void                   pleat_structure_builder_add_local_plddt (PleatStructureBuilder *self,
                                                                gint                   model,
                                                                const char            *asym_id,
                                                                gint                   label_seq_id,
                                                                float                  value);
void                   pleat_structure_builder_set_global_plddt (PleatStructureBuilder *self,
                                                                 double                 value);
void                   pleat_structure_builder_set_ptm       (PleatStructureBuilder *self,
                                                              double                 ptm,
                                                              double                 iptm);
/* One ModelCIF local-pairwise PAE value: row (aligned) residue 1, column (scored) residue 2. */
void                   pleat_structure_builder_add_pae       (PleatStructureBuilder *self,
                                                              gint                   model,
                                                              const char            *asym_id_1,
                                                              gint                   seq_id_1,
                                                              const char            *asym_id_2,
                                                              gint                   seq_id_2,
                                                              float                  value);
guint                  pleat_structure_builder_get_n_atoms   (PleatStructureBuilder *self);

/* (element-type PleatStructure) (transfer full): one structure per model, in file order. */
GPtrArray             *pleat_structure_builder_finish        (PleatStructureBuilder *self,
                                                              GError               **error);

/* The element of an atom whose file has no element column, from its name as PDB aligns it. */
void                   pleat_guess_element                   (const char            *padded_name,
                                                              gboolean               hetatm,
                                                              char                   element[4]);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PleatStructureBuilder, pleat_structure_builder_free)

G_END_DECLS
