/* pleat-scene.h
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The scene: pure data, no GL. It turns structures, a representation and a color scheme into
 * instance arrays the renderer uploads as they are: spheres and cylinders drawn as ray-cast
 * impostors, and a triangle mesh for cartoons. Building runs off the UI thread for large
 * structures (pleat_scene_build() touches nothing but the scene), and the dirty flag tells the
 * renderer when to upload again. Contract between ui/render/pleat-scene.c (geometry) and
 * ui/render/pleat-renderer.c (GL): keep these structs tightly packed and in this order.
 */
#pragma once

#include <glib-object.h>

#include "pleat-selection.h"
#include "pleat-structure.h"

G_BEGIN_DECLS

typedef struct
{
  float   center[3];     /* Angstrom, model space */
  float   radius;
  guint8  color[4];      /* sRGB + alpha */
  guint32 pick_id;       /* pleat_scene_pick_id_*(): which structure and atom */
} PleatSphereInstance;

typedef struct
{
  float   a[3];          /* Angstrom, model space */
  float   radius;
  float   b[3];
  guint32 pick_id;
  guint8  color_a[4];    /* color of the half at a */
  guint8  color_b[4];    /* color of the half at b */
} PleatCylinderInstance;

typedef struct
{
  float   position[3];
  float   normal[3];
  guint8  color[4];
  guint32 pick_id;
} PleatMeshVertex;

typedef enum
{
  PLEAT_REPRESENTATION_CARTOON,
  PLEAT_REPRESENTATION_TRACE,           /* C-alpha trace */
  PLEAT_REPRESENTATION_BALL_AND_STICK,
  PLEAT_REPRESENTATION_SPACEFILL,
} PleatRepresentation;

typedef enum
{
  PLEAT_COLOR_SCHEME_PLDDT,             /* AlphaFold DB bands: >90, 70-90, 50-70, <50 */
  PLEAT_COLOR_SCHEME_PLDDT_CONTINUOUS,
  PLEAT_COLOR_SCHEME_CHAIN,
  PLEAT_COLOR_SCHEME_RAINBOW,           /* N -> C per chain */
  PLEAT_COLOR_SCHEME_PAE,               /* PAE relative to the reference residue */
} PleatColorScheme;

/* One line of the legend overlay. */
typedef struct
{
  char    label[64];     /* translated, UTF-8 */
  guint8  color[4];      /* sRGB + alpha */
} PleatLegendEntry;

#define PLEAT_TYPE_SCENE (pleat_scene_get_type ())

G_DECLARE_FINAL_TYPE (PleatScene, pleat_scene, PLEAT, SCENE, GObject)

PleatScene                  *pleat_scene_new                    (void);

/* Structures shown, each with its own transform-free model coordinates. */
guint                        pleat_scene_add_structure          (PleatScene          *self,
                                                                 PleatStructure      *structure);
void                         pleat_scene_remove_all             (PleatScene          *self);
guint                        pleat_scene_get_n_structures       (PleatScene          *self);
PleatStructure              *pleat_scene_get_structure          (PleatScene          *self,
                                                                 guint                index);

void                         pleat_scene_set_representation     (PleatScene          *self,
                                                                 PleatRepresentation  representation);
PleatRepresentation          pleat_scene_get_representation     (PleatScene          *self);
void                         pleat_scene_set_color_scheme       (PleatScene          *self,
                                                                 PleatColorScheme     scheme);
PleatColorScheme             pleat_scene_get_color_scheme       (PleatScene          *self);
/* The residue PAE coloring is relative to (structure, residue); -1 for none. */
void                         pleat_scene_set_pae_reference      (PleatScene          *self,
                                                                 guint                structure,
                                                                 gint                 residue);

/* Rebuilds the geometry if anything changed. Safe to call from a worker thread while the UI
 * thread does not touch this scene. Returns TRUE when the arrays changed. */
gboolean                     pleat_scene_build                  (PleatScene          *self);
gboolean                     pleat_scene_is_dirty               (PleatScene          *self);

const PleatSphereInstance   *pleat_scene_get_spheres            (PleatScene          *self,
                                                                 guint               *n_spheres);
const PleatCylinderInstance *pleat_scene_get_cylinders          (PleatScene          *self,
                                                                 guint               *n_cylinders);
const PleatMeshVertex       *pleat_scene_get_mesh               (PleatScene          *self,
                                                                 guint               *n_vertices,
                                                                 const guint32      **indices,
                                                                 guint               *n_indices);
/* Bounding sphere of everything shown, for fit-to-view. */
void                         pleat_scene_get_bounds             (PleatScene          *self,
                                                                 float                center[3],
                                                                 float               *radius);

/* Picking on the CPU: the nearest atom hit by a ray in model space, or FALSE. */
gboolean                     pleat_scene_pick                   (PleatScene          *self,
                                                                 const float          origin[3],
                                                                 const float          direction[3],
                                                                 guint               *structure,
                                                                 guint               *atom);

/* Additions after the first contract (viewer-data). */

/* Selected residues are drawn tinted; the scene follows the selection's "changed" signal. */
void                         pleat_scene_set_selection          (PleatScene          *self,
                                                                 PleatSelection      *selection);
PleatSelection              *pleat_scene_get_selection          (PleatScene          *self);
/* The legend of the active scheme for the current structures: a GArray of PleatLegendEntry
 * (transfer full); title (transfer full) names the scheme; gradient is TRUE when the entries
 * are stops of a continuous ramp (draw a bar) rather than discrete swatches. */
GArray                      *pleat_scene_dup_legend             (PleatScene          *self,
                                                                 char               **title,
                                                                 gboolean            *gradient);
/* The colour of a residue under the active scheme (for the sequence track and PAE map), without
 * the selection tint. */
void                         pleat_scene_get_residue_color      (PleatScene          *self,
                                                                 guint                structure,
                                                                 guint                residue,
                                                                 guint8               rgba[4]);
/* Bounding sphere of the selected residues' atoms, for "center on selection"; FALSE when
 * nothing is selected. */
gboolean                     pleat_scene_get_selection_bounds   (PleatScene          *self,
                                                                 float                center[3],
                                                                 float               *radius);
/* Marks the scene dirty after a structure it shows changed in place (for example the user's
 * pLDDT override, pleat_structure_set_plddt_from_b_factor()). */
void                         pleat_scene_invalidate             (PleatScene          *self);
/* Spline samples per residue in cartoons; 0 (the default) picks one by structure size. */
void                         pleat_scene_set_cartoon_quality    (PleatScene          *self,
                                                                 guint                subdivisions);

static inline guint
pleat_scene_pick_id_get_structure (guint32 pick_id)
{
  return pick_id >> 24;
}

static inline guint
pleat_scene_pick_id_get_atom (guint32 pick_id)
{
  return pick_id & 0xffffffu;
}

/* pick_id packing: 8 bits of structure index, 24 bits of atom index. */
static inline guint32
pleat_scene_pick_id (guint structure,
                     guint atom)
{
  return ((guint32) structure << 24) | (atom & 0xffffffu);
}

G_END_DECLS
