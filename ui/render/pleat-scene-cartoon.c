/* pleat-scene-cartoon.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The cartoon: a Catmull-Rom spline through the C-alpha atoms of each unbroken stretch of a
 * chain, with a frame whose side vector follows the peptide plane (the C=O direction made
 * perpendicular to the curve and flipped to avoid twisting, Carson & Bugg 1986). So helices lie
 * as ribbons around their axis and strands flat in their sheet. Each residue owns the curve from
 * half-way before it to half-way after it; runs of one kind become pieces extruded along the
 * curve, closed with caps:
 *
 *   loop (also turns, bends, isolated bridges)  round tube
 *   helix (H, G, I)                             flat elliptical ribbon
 *   strand (E, two residues or more)            flat slab, and over its last residue an
 *                                               arrowhead that narrows to the C-terminal end
 *
 * Strand control points are smoothed over their neighbours, which irons out the pleat.
 * Nucleotides (P atoms, no CA) get the tube only.
 */
#define G_LOG_DOMAIN "pleat-ui"

#include "config.h"

#include <math.h>
#include <string.h>

#include "pleat-scene-private.h"

#define TUBE_RADIUS        0.30f
#define TUBE_SIDES         8
#define HELIX_HALF_WIDTH   1.30f
#define HELIX_HALF_HEIGHT  0.25f
#define HELIX_SIDES        16
#define STRAND_HALF_WIDTH  1.10f
#define STRAND_HALF_HEIGHT 0.30f
#define ARROW_HALF_WIDTH   1.70f
#define ARROW_TIP          0.05f
#define MAX_CA_LINK        4.3f
#define MAX_P_LINK         8.0f

typedef enum
{
  KIND_LOOP,
  KIND_HELIX,
  KIND_STRAND,
  KIND_ARROW,
} Kind;

typedef struct
{
  float  ca[3];        /* control point */
  float  side[3];      /* unit, roughly the C=O direction */
  guint  residue;
  guint  ca_atom;
  Kind   kind;
} Node;

static inline void
sub3 (const float a[3], const float b[3], float out[3])
{
  out[0] = a[0] - b[0];
  out[1] = a[1] - b[1];
  out[2] = a[2] - b[2];
}

static inline float
dot3 (const float a[3], const float b[3])
{
  return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}

static inline void
cross3 (const float a[3], const float b[3], float out[3])
{
  float x = a[1] * b[2] - a[2] * b[1];
  float y = a[2] * b[0] - a[0] * b[2];
  float z = a[0] * b[1] - a[1] * b[0];

  out[0] = x;
  out[1] = y;
  out[2] = z;
}

static inline gboolean
normalize3 (float v[3])
{
  float n = sqrtf (dot3 (v, v));

  if (n < 1e-8f)
    return FALSE;
  v[0] /= n;
  v[1] /= n;
  v[2] /= n;
  return TRUE;
}

static inline float
distance_squared (const float a[3], const float b[3])
{
  float d[3];

  sub3 (a, b, d);
  return dot3 (d, d);
}

static inline float
atom_distance_squared (const PleatAtom *atom,
                       const float      b[3])
{
  float a[3];

  _pleat_scene_atom_position (atom, a);
  return distance_squared (a, b);
}

/* Any unit vector perpendicular to t. */
static void
perpendicular (const float t[3], float out[3])
{
  float axis[3] = { 1.0f, 0.0f, 0.0f };

  if (fabsf (t[0]) > 0.9f)
    {
      axis[0] = 0.0f;
      axis[1] = 1.0f;
    }
  cross3 (t, axis, out);
  normalize3 (out);
}

static gint
find_atom (const SceneStructure *s,
           guint                 residue,
           const char           *name)
{
  const PleatResidue *r = &s->residues[residue];

  for (guint a = 0; a < r->n_atoms; a++)
    if (strcmp (s->atoms[r->first_atom + a].name, name) == 0)
      return (gint) (r->first_atom + a);
  return -1;
}

/* Catmull-Rom through the control points; phantom points extend the ends linearly. */
static void
spline (const Node *nodes,
        guint       n,
        float       u,
        float       position[3],
        float       tangent[3])
{
  guint i = MIN ((guint) floorf (u), n - 2);
  float t = u - (float) i;
  float t2 = t * t, t3 = t2 * t;

  for (guint k = 0; k < 3; k++)
    {
      float p1 = nodes[i].ca[k], p2 = nodes[i + 1].ca[k];
      float p0 = i > 0 ? nodes[i - 1].ca[k] : 2 * p1 - p2;
      float p3 = i + 2 < n ? nodes[i + 2].ca[k] : 2 * p2 - p1;

      position[k] = 0.5f * ((2 * p1) + (-p0 + p2) * t + (2 * p0 - 5 * p1 + 4 * p2 - p3) * t2
                            + (-p0 + 3 * p1 - 3 * p2 + p3) * t3);
      tangent[k] = 0.5f * ((-p0 + p2) + 2 * (2 * p0 - 5 * p1 + 4 * p2 - p3) * t
                           + 3 * (-p0 + 3 * p1 - 3 * p2 + p3) * t2);
    }
  if (!normalize3 (tangent))
    {
      sub3 (nodes[i + 1].ca, nodes[i].ca, tangent);
      if (!normalize3 (tangent))
        tangent[0] = 1.0f, tangent[1] = tangent[2] = 0.0f;
    }
}

/* A closed cross-section in the (side, normal) plane, counter-clockwise. Flat-sided profiles
 * duplicate corners so that each face has its own normal. */
typedef struct
{
  float xy[32][2];
  float normal[32][2];
  guint n;
} Profile;

static void
profile_ellipse (Profile *p,
                 float    a,
                 float    b,
                 guint    sides)
{
  p->n = sides;
  for (guint i = 0; i < sides; i++)
    {
      float angle = 2.0f * (float) G_PI * (float) i / (float) sides;
      float c = cosf (angle), s = sinf (angle);
      float nx = c / a, ny = s / b, len = sqrtf (nx * nx + ny * ny);

      p->xy[i][0] = a * c;
      p->xy[i][1] = b * s;
      p->normal[i][0] = nx / len;
      p->normal[i][1] = ny / len;
    }
}

static void
profile_rectangle (Profile *p,
                   float    a,
                   float    b)
{
  static const float corners[4][2] = { { 1, -1 }, { 1, 1 }, { -1, 1 }, { -1, -1 } };
  static const float normals[4][2] = { { 1, 0 }, { 0, 1 }, { -1, 0 }, { 0, -1 } };

  p->n = 8;
  for (guint f = 0; f < 4; f++)
    for (guint v = 0; v < 2; v++)
      {
        const float *c = corners[(f + v) % 4];

        p->xy[2 * f + v][0] = c[0] * a;
        p->xy[2 * f + v][1] = c[1] * b;
        p->normal[2 * f + v][0] = normals[f][0];
        p->normal[2 * f + v][1] = normals[f][1];
      }
}

static guint32
emit_vertex (SceneGeometry *g,
             const float    position[3],
             const float    normal[3],
             const guint8   color[4],
             guint32        pick_id)
{
  PleatMeshVertex v;

  memcpy (v.position, position, sizeof v.position);
  memcpy (v.normal, normal, sizeof v.normal);
  memcpy (v.color, color, 4);
  v.pick_id = pick_id;
  g_array_append_val (g->vertices, v);
  return g->vertices->len - 1;
}

static void
emit_triangle (SceneGeometry *g,
               guint32        a,
               guint32        b,
               guint32        c)
{
  guint32 t[3] = { a, b, c };

  g_array_append_vals (g->indices, t, 3);
}

/* Frame at curve parameter u: position, tangent, side and normal. */
static void
frame_at (const Node *nodes,
          guint       n,
          float       u,
          float       position[3],
          float       tangent[3],
          float       side[3],
          float       normal[3])
{
  guint i = MIN ((guint) floorf (u), n - 2);
  float t = u - (float) i;

  spline (nodes, n, u, position, tangent);
  for (guint k = 0; k < 3; k++)
    side[k] = (1 - t) * nodes[i].side[k] + t * nodes[i + 1].side[k];
  {
    float d = dot3 (side, tangent);

    for (guint k = 0; k < 3; k++)
      side[k] -= d * tangent[k];
  }
  if (!normalize3 (side))
    perpendicular (tangent, side);
  cross3 (tangent, side, normal);
  normalize3 (normal);
}

static void
emit_cap (SceneGeometry *g,
          const float    centre[3],
          const float    ring[][3],
          guint          n,
          const float    normal[3],
          const guint8   color[4],
          guint32        pick_id,
          gboolean       facing_back)
{
  guint32 c = emit_vertex (g, centre, normal, color, pick_id);
  guint32 first = g->vertices->len;

  for (guint v = 0; v < n; v++)
    emit_vertex (g, ring[v], normal, color, pick_id);
  for (guint v = 0; v < n; v++)
    {
      guint w = (v + 1) % n;

      if (facing_back)
        emit_triangle (g, c, first + w, first + v);
      else
        emit_triangle (g, c, first + v, first + w);
    }
}

/* Extrudes one piece over [u0, u1] for residues first..last (colour and pick id come from the
 * nearest of them); arrow pieces narrow from ARROW_HALF_WIDTH to the tip. */
static void
extrude (const SceneStructure *s,
         SceneGeometry        *g,
         const Node           *nodes,
         guint                 n,
         Kind                  kind,
         float                 u0,
         float                 u1,
         guint                 first,
         guint                 last)
{
  guint steps = MAX ((guint) lroundf ((u1 - u0) * (float) g->subdivisions), 1);
  gboolean flat = kind == KIND_STRAND || kind == KIND_ARROW;
  guint32 previous = 0;
  Profile profile;

  if (kind == KIND_LOOP)
    profile_ellipse (&profile, TUBE_RADIUS, TUBE_RADIUS, TUBE_SIDES);
  else if (kind == KIND_HELIX)
    profile_ellipse (&profile, HELIX_HALF_WIDTH, HELIX_HALF_HEIGHT, HELIX_SIDES);
  else
    profile_rectangle (&profile, 1.0f, STRAND_HALF_HEIGHT);

  for (guint step = 0; step <= steps; step++)
    {
      float u = u0 + (u1 - u0) * (float) step / (float) steps;
      guint owner = CLAMP ((guint) lroundf (u), first, last);
      const guint8 *color = s->residue_colors[nodes[owner].residue];
      guint32 pick_id = pleat_scene_pick_id (s->index, nodes[owner].ca_atom);
      float position[3], tangent[3], side[3], normal[3];
      float ring[32][3], ring_normal[32][3];
      float width = 1.0f;
      guint32 base;

      if (kind == KIND_STRAND)
        width = STRAND_HALF_WIDTH;
      else if (kind == KIND_ARROW)
        width = ARROW_HALF_WIDTH + (ARROW_TIP - ARROW_HALF_WIDTH) * (float) step / (float) steps;

      frame_at (nodes, n, u, position, tangent, side, normal);
      for (guint v = 0; v < profile.n; v++)
        {
          float x = profile.xy[v][0] * (flat ? width : 1.0f);
          float y = profile.xy[v][1];

          for (guint k = 0; k < 3; k++)
            {
              ring[v][k] = position[k] + x * side[k] + y * normal[k];
              ring_normal[v][k] = profile.normal[v][0] * side[k] + profile.normal[v][1] * normal[k];
            }
          normalize3 (ring_normal[v]);
        }

      if (step == 0)
        {
          float back[3] = { -tangent[0], -tangent[1], -tangent[2] };

          emit_cap (g, position, (const float (*)[3]) ring, profile.n, back, color, pick_id, TRUE);
        }

      base = g->vertices->len;
      for (guint v = 0; v < profile.n; v++)
        emit_vertex (g, ring[v], ring_normal[v], color, pick_id);
      if (step > 0)
        for (guint v = 0; v < profile.n; v++)
          {
            guint w = (v + 1) % profile.n;

            /* A flat face joins only its own two vertices: corners are not smoothed. */
            if (flat && v % 2 == 1)
              continue;
            emit_triangle (g, previous + v, previous + w, base + w);
            emit_triangle (g, previous + v, base + w, base + v);
          }
      previous = base;

      if (step == steps)
        emit_cap (g, position, (const float (*)[3]) ring, profile.n, tangent, color, pick_id,
                  FALSE);
    }
}

static Kind
kind_of (char ss)
{
  switch (ss)
    {
    case 'H':
    case 'G':
    case 'I':
      return KIND_HELIX;
    case 'E':
      return KIND_STRAND;
    default:
      return KIND_LOOP;
    }
}

static void
add_segment (const SceneStructure *s,
             SceneGeometry        *g,
             Node                 *nodes,
             guint                 n,
             gboolean              nucleic)
{
  g_autofree float (*smoothed)[3] = NULL;
  guint start = 0;

  if (n == 1)
    {
      /* A lone residue: a dot the size of the tube, so it is visible and pickable. */
      PleatSphereInstance sphere;

      memcpy (sphere.center, nodes[0].ca, sizeof sphere.center);
      sphere.radius = TUBE_RADIUS * 1.5f;
      memcpy (sphere.color, s->residue_colors[nodes[0].residue], 4);
      sphere.pick_id = pleat_scene_pick_id (s->index, nodes[0].ca_atom);
      g_array_append_val (g->spheres, sphere);
      return;
    }

  for (guint i = 0; i < n; i++)
    nodes[i].kind = nucleic ? KIND_LOOP : kind_of (s->ss[nodes[i].residue]);
  /* A one-residue strand cannot carry an arrow: draw it as loop. */
  for (guint i = 0; i < n; i++)
    if (nodes[i].kind == KIND_STRAND
        && (i == 0 || nodes[i - 1].kind != KIND_STRAND)
        && (i + 1 == n || nodes[i + 1].kind != KIND_STRAND))
      nodes[i].kind = KIND_LOOP;

  /* Iron out the pleat of strands, keeping their ends where they are. */
  smoothed = g_malloc (sizeof *smoothed * n);
  for (guint i = 0; i < n; i++)
    for (guint k = 0; k < 3; k++)
      smoothed[i][k] = nodes[i].ca[k];
  for (guint i = 1; i + 1 < n; i++)
    if (nodes[i].kind == KIND_STRAND && nodes[i - 1].kind == KIND_STRAND
        && nodes[i + 1].kind == KIND_STRAND)
      for (guint k = 0; k < 3; k++)
        smoothed[i][k] = 0.25f * nodes[i - 1].ca[k] + 0.5f * nodes[i].ca[k]
                         + 0.25f * nodes[i + 1].ca[k];
  for (guint i = 0; i < n; i++)
    memcpy (nodes[i].ca, smoothed[i], sizeof nodes[i].ca);

  /* Side vectors: perpendicular to the curve, without flips between neighbours. */
  for (guint i = 0; i < n; i++)
    {
      float tangent[3], d;
      const float *prev = nodes[i > 0 ? i - 1 : i].ca, *next = nodes[i + 1 < n ? i + 1 : i].ca;

      sub3 (next, prev, tangent);
      normalize3 (tangent);
      d = dot3 (nodes[i].side, tangent);
      for (guint k = 0; k < 3; k++)
        nodes[i].side[k] -= d * tangent[k];
      if (!normalize3 (nodes[i].side))
        {
          if (i > 0)
            memcpy (nodes[i].side, nodes[i - 1].side, sizeof nodes[i].side);
          else
            perpendicular (tangent, nodes[i].side);
        }
      if (i > 0 && dot3 (nodes[i].side, nodes[i - 1].side) < 0.0f)
        for (guint k = 0; k < 3; k++)
          nodes[i].side[k] = -nodes[i].side[k];
    }

  /* Pieces: runs of one kind, each residue owning [i - 0.5, i + 0.5]. */
  while (start < n)
    {
      guint end = start;
      float u0, u1;

      while (end + 1 < n && nodes[end + 1].kind == nodes[start].kind)
        end++;
      u0 = MAX ((float) start - 0.5f, 0.0f);
      u1 = MIN ((float) end + 0.5f, (float) (n - 1));
      if (nodes[start].kind == KIND_STRAND)
        {
          float arrow = (float) end - 0.5f;

          if (arrow > u0)
            extrude (s, g, nodes, n, KIND_STRAND, u0, arrow, start, end - 1);
          if (u1 > arrow)
            extrude (s, g, nodes, n, KIND_ARROW, MAX (arrow, u0), u1, end, end);
        }
      else if (u1 > u0)
        extrude (s, g, nodes, n, nodes[start].kind, u0, u1, start, end);
      start = end + 1;
    }
}

void
_pleat_scene_add_cartoon (const SceneStructure *s,
                          SceneGeometry        *g)
{
  g_autofree Node *nodes = g_new0 (Node, MAX (s->n_residues, 1));

  for (guint c = 0; c < s->n_chains; c++)
    {
      const PleatChain *chain = &s->chains[c];
      guint n = 0;
      gboolean nucleic = FALSE;

      for (guint r = 0; r <= chain->n_residues; r++)
        {
          guint i = chain->first_residue + r;
          gint ca = -1, c_atom, o_atom;
          gboolean is_nucleic = FALSE;
          float max_link;

          if (r < chain->n_residues && !s->residues[i].hetatm)
            {
              ca = find_atom (s, i, "CA");
              if (ca < 0)
                {
                  ca = find_atom (s, i, "P");
                  is_nucleic = ca >= 0;
                }
            }
          max_link = is_nucleic || nucleic ? MAX_P_LINK : MAX_CA_LINK;

          /* Close the current segment at a gap, a change of polymer type or the chain end. */
          if (n > 0 && (ca < 0 || is_nucleic != nucleic
                        || atom_distance_squared (&s->atoms[ca], nodes[n - 1].ca)
                           > max_link * max_link))
            {
              add_segment (s, g, nodes, n, nucleic);
              n = 0;
            }
          if (ca < 0)
            continue;

          nucleic = is_nucleic;
          memset (&nodes[n], 0, sizeof nodes[n]);
          _pleat_scene_atom_position (&s->atoms[ca], nodes[n].ca);
          nodes[n].residue = i;
          nodes[n].ca_atom = (guint) ca;
          c_atom = find_atom (s, i, "C");
          o_atom = find_atom (s, i, "O");
          if (!is_nucleic && c_atom >= 0 && o_atom >= 0)
            {
              float c_pos[3], o_pos[3];

              _pleat_scene_atom_position (&s->atoms[c_atom], c_pos);
              _pleat_scene_atom_position (&s->atoms[o_atom], o_pos);
              sub3 (o_pos, c_pos, nodes[n].side);
            }
          n++;
        }
    }

  _pleat_scene_add_ball_and_stick (s, g, TRUE);

  /* Pick targets: one sphere per residue on the curve, as wide as the ribbon there. */
  for (guint i = 0; i < s->n_residues; i++)
    {
      gint ca;
      PleatSphereInstance sphere;

      if (s->residues[i].hetatm)
        continue;
      ca = find_atom (s, i, "CA");
      if (ca < 0)
        ca = find_atom (s, i, "P");
      if (ca < 0)
        continue;
      _pleat_scene_atom_position (&s->atoms[ca], sphere.center);
      sphere.radius = kind_of (s->ss[i]) == KIND_LOOP ? 1.0f : 1.6f;
      memcpy (sphere.color, s->residue_colors[i], 4);
      sphere.pick_id = pleat_scene_pick_id (s->index, (guint) ca);
      g_array_append_val (g->pick, sphere);
    }
}
