/* pleat-scene-private.h
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the scene's files share while building: a read-only view of one structure with its
 * per-residue colours and secondary structure, and the arrays being filled. Building touches
 * nothing else, which is what lets it run on a worker thread.
 */
#pragma once

#include "pleat-scene.h"
#include "pleat-spatial-grid.h"

G_BEGIN_DECLS

typedef struct
{
  PleatStructure     *structure;
  guint               index;            /* in the scene: the high byte of pick ids */
  const PleatAtom    *atoms;
  guint               n_atoms;
  const PleatResidue *residues;
  guint               n_residues;
  const PleatChain   *chains;
  guint               n_chains;
  const char         *ss;               /* (n_residues) DSSP codes */
  guint8            (*residue_colors)[4];  /* (n_residues) */
  guint8            (*atom_colors)[4];     /* (n_atoms) */
} SceneStructure;

typedef struct
{
  GArray *spheres;     /* of PleatSphereInstance */
  GArray *cylinders;   /* of PleatCylinderInstance */
  GArray *vertices;    /* of PleatMeshVertex */
  GArray *indices;     /* of guint32 */
  GArray *pick;        /* of PleatSphereInstance: what a ray can hit (not drawn) */
  guint   subdivisions;  /* spline samples per residue for cartoons */
} SceneGeometry;

typedef struct
{
  PleatColorScheme  scheme;
  guint             pae_structure;
  gint              pae_residue;
  GHashTable       *chain_index;        /* auth_id -> palette index + 1 */
} SceneColorParams;

static inline void
_pleat_scene_atom_position (const PleatAtom *atom,
                            float            p[3])
{
  p[0] = atom->x;
  p[1] = atom->y;
  p[2] = atom->z;
}

/* Ball-and-stick and spacefill sizes, Angstrom. */
#define PLEAT_SCENE_BALL_SCALE       0.28f
#define PLEAT_SCENE_STICK_RADIUS     0.15f
#define PLEAT_SCENE_TRACE_SPHERE     0.45f
#define PLEAT_SCENE_TRACE_CYLINDER   0.30f

/* pleat-scene-colors.c */
void     _pleat_scene_element_color      (const char             *element,
                                          guint8                  rgba[4]);
float    _pleat_scene_vdw_radius         (const char             *element);
float    _pleat_scene_covalent_radius    (const char             *element);
gboolean _pleat_scene_is_metal           (const char             *element);
gboolean _pleat_scene_is_water           (const PleatResidue     *residue);
void     _pleat_scene_plddt_band_color   (float                   plddt,
                                          guint8                  rgba[4]);
void     _pleat_scene_plddt_continuous_color (float               plddt,
                                              guint8              rgba[4]);
void     _pleat_scene_chain_color        (guint                   index,
                                          guint8                  rgba[4]);
void     _pleat_scene_pae_color          (float                   pae,
                                          guint8                  rgba[4]);
/* Fills s->residue_colors and s->atom_colors; selected (n_residues, may be NULL) tints. */
void     _pleat_scene_color_structure    (SceneStructure         *s,
                                          const SceneColorParams *params,
                                          const guint8           *selected);

/* pleat-scene-atoms.c */
void     _pleat_scene_add_spacefill      (const SceneStructure   *s,
                                          SceneGeometry          *g);
/* ligands_only: hetero groups other than water, for the cartoon and trace representations. */
void     _pleat_scene_add_ball_and_stick (const SceneStructure   *s,
                                          SceneGeometry          *g,
                                          gboolean                ligands_only);
void     _pleat_scene_add_trace          (const SceneStructure   *s,
                                          SceneGeometry          *g);

/* pleat-scene-cartoon.c */
void     _pleat_scene_add_cartoon        (const SceneStructure   *s,
                                          SceneGeometry          *g);

/* pleat-scene-pick.c */
gboolean _pleat_scene_pick_ray           (const PleatSpatialGrid *grid,
                                          GArray                 *pick,
                                          float                   max_radius,
                                          const float             origin[3],
                                          const float             direction[3],
                                          guint32                *pick_id);

G_END_DECLS
