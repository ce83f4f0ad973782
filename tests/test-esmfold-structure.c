/* test-esmfold-structure.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The structure module, the heads and the conversion to PleatStructure against the
 * independent fair-esm reference in ../shared/fixtures/esmfold_v1/tiny-a (README.md there):
 * for each case the structure module runs on the reference's own inputs
 * (trunk.{first,last}.sm_in.*, or trunk2sm of s_s / s_z where the pair input is not stored)
 * and the heads on the reference's s_s / s_z, and every output is compared with the float64
 * run. The float32 reference run is compared the same way and logged, to show the floor a
 * float32 implementation can reach.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "parity-util.h"
#include "pleat-compute.h"
#include "pleat-esmfold-heads.h"
#include "pleat-esmfold-structure.h"
#include "pleat-model-config.h"
#include "pleat-residue-constants.h"
#include "pleat-structure-module.h"
#include "pleat-weights.h"

/* Max-abs tolerances against the float64 reference (Angstrom for frame translations,
 * positions and PAE; pLDDT points; unitless otherwise). Each is about five times the largest
 * error this float32 implementation shows on these fixtures (in the comment), which is below
 * what the float32 reference run itself shows against float64; those the ESMFold issue sets
 * (C-alpha RMSD 0.01 A, residue pLDDT 0.05, PAE 0.05 A, pTM 1e-3) are far looser. */
#define TOL_FRAMES        1e-3    /* 2.0e-4; quaternions and translations together */
#define TOL_POSITIONS     1e-3    /* 2.0e-4 */
#define TOL_STATES        1e-4    /* 2.0e-5 */
#define TOL_ANGLES        2e-4    /* 3.6e-5 */
#define TOL_SIDECHAIN     1e-3    /* 2.0e-4 */
#define TOL_LOGITS        1e-4    /* 1.8e-5: lDDT, distogram, pTM and LM logits */
#define TOL_PLDDT         1e-3    /* 1.5e-4, per atom; per-residue and mean under the same */
#define TOL_PAE           1e-4    /* 1.5e-5 */
#define TOL_PTM           1e-5    /* < 1e-6 */
#define TOL_CA_RMSD       1e-3    /* 8.6e-5 */
/* The PDB file has 3 decimals for coordinates and 2 for B-factors: the bounds. */
#define TOL_PDB_XYZ       1e-3
#define TOL_PDB_B         0.05

typedef struct
{
  PleatCompute         *compute;
  PleatEsmConfig       *config;
  PleatWeights         *weights;
  PleatStructureModule *sm;
  PleatEsmFoldHeads    *heads;
  const float          *trunk2sm_s_w, *trunk2sm_s_b;
  const float          *trunk2sm_z_w, *trunk2sm_z_b;
} Model;

typedef struct
{
  Model      *model;
  const char *name;
} Case;

static void
model_init (Model *m)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = parity_shared_fixture_path ("esmfold_v1", "tiny-a", NULL);
  g_autofree char *config_path = g_build_filename (dir, "config.json", NULL);
  g_autofree char *weights_path = g_build_filename (dir, "weights.safetensors", NULL);
  const PleatTrunkConfig *t;

  m->compute = pleat_compute_new (2, &error);
  g_assert_no_error (error);
  m->config = pleat_esm_config_new_from_file (config_path, &error);
  g_assert_no_error (error);
  m->weights = pleat_weights_open (weights_path, pleat_compute_get_kernels (m->compute), &error);
  g_assert_no_error (error);
  t = &m->config->esmfold.trunk;
  m->sm = pleat_structure_module_new_from_weights (&t->structure_module, m->weights,
                                                   "trunk.structure_module.", &error);
  g_assert_no_error (error);
  m->heads = pleat_esmfold_heads_new_from_weights (&m->config->esmfold, m->weights, &error);
  g_assert_no_error (error);

  m->trunk2sm_s_w = pleat_weights_get_f32 (m->weights, "trunk.trunk2sm_s.weight",
                                           PLEAT_SHAPE (t->structure_module.sequence_dim,
                                                        t->sequence_state_dim), &error);
  g_assert_no_error (error);
  m->trunk2sm_s_b = pleat_weights_get_f32 (m->weights, "trunk.trunk2sm_s.bias",
                                           PLEAT_SHAPE (t->structure_module.sequence_dim), &error);
  g_assert_no_error (error);
  m->trunk2sm_z_w = pleat_weights_get_f32 (m->weights, "trunk.trunk2sm_z.weight",
                                           PLEAT_SHAPE (t->structure_module.pairwise_dim,
                                                        t->pairwise_state_dim), &error);
  g_assert_no_error (error);
  m->trunk2sm_z_b = pleat_weights_get_f32 (m->weights, "trunk.trunk2sm_z.bias",
                                           PLEAT_SHAPE (t->structure_module.pairwise_dim), &error);
  g_assert_no_error (error);
}

static void
model_clear (Model *m)
{
  g_clear_pointer (&m->heads, pleat_esmfold_heads_free);
  g_clear_pointer (&m->sm, pleat_structure_module_free);
  g_clear_pointer (&m->weights, pleat_weights_unref);
  g_clear_pointer (&m->config, pleat_esm_config_free);
  g_clear_object (&m->compute);
}

typedef struct
{
  PleatWeights *f64;
  PleatWeights *f32;
  guint         n_res;
  guint8       *aatype;        /* (L) */
  float        *mask;          /* (L) */
  guint8       *linker;        /* (L) 1 on linker positions */
  guint        *chain_index;   /* (L) */
} CaseData;

static void
case_data_clear (CaseData *d)
{
  g_clear_pointer (&d->f64, pleat_weights_unref);
  g_clear_pointer (&d->f32, pleat_weights_unref);
  g_clear_pointer (&d->aatype, g_free);
  g_clear_pointer (&d->mask, g_free);
  g_clear_pointer (&d->linker, g_free);
  g_clear_pointer (&d->chain_index, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CaseData, case_data_clear)

static void
case_data_load (CaseData   *d,
                const char *name)
{
  g_autofree char *f64_name = g_strdup_printf ("case_%s_f64.safetensors", name);
  g_autofree char *f32_name = g_strdup_printf ("case_%s_f32.safetensors", name);
  g_autofree char *f64_path = parity_shared_fixture_path ("esmfold_v1", "tiny-a", f64_name, NULL);
  g_autofree char *f32_path = parity_shared_fixture_path ("esmfold_v1", "tiny-a", f32_name, NULL);
  g_autofree double *aatype = NULL;
  g_autofree double *mask = NULL;
  g_autofree double *linker = NULL;
  g_autofree double *chain = NULL;
  gsize n;

  d->f64 = parity_open (f64_path);
  d->f32 = parity_open (f32_path);
  aatype = parity_dup_f64 (d->f64, "input.aatype", &n, NULL);
  mask = parity_dup_f64 (d->f64, "input.mask", NULL, NULL);
  linker = parity_dup_f64 (d->f64, "input.linker_mask", NULL, NULL);
  chain = parity_dup_f64 (d->f64, "input.chain_index", NULL, NULL);
  d->n_res = n;
  d->aatype = g_new (guint8, n);
  d->mask = g_new (float, n);
  d->linker = g_new (guint8, n);
  d->chain_index = g_new (guint, n);
  for (gsize i = 0; i < n; i++)
    {
      d->aatype[i] = (guint8) aatype[i];
      d->mask[i] = (float) mask[i];
      d->linker[i] = linker[i] == 0.0;
      d->chain_index[i] = (guint) chain[i];
    }
}

/* Checks one of our tensors against the float64 reference, and logs how the float32 reference
 * run itself compares, for scale. offset/n select a part of the reference tensor. */
static void
check_tensor (CaseData    *d,
              const char  *case_name,
              const char  *name,
              const float *ours,
              gsize        offset,
              gsize        n,
              double       tol)
{
  g_autofree char *what = g_strdup_printf ("%s %s", case_name, name);
  g_autofree double *ref = NULL;
  g_autofree float *ref32 = NULL;
  gsize n_ref;
  ParityStats floor;

  ref = parity_dup_f64 (d->f64, name, &n_ref, NULL);
  ref32 = parity_dup_f32 (d->f32, name, NULL);
  g_assert_cmpuint (offset + n, <=, n_ref);
  floor = parity_compare (ref32 + offset, ref + offset, n);
  g_test_message ("%-44s (float32 reference: max_abs %.3e)", what, floor.max_abs);
  parity_check (what, ours, ref + offset, n, tol);
}

/* trunk2sm_s / trunk2sm_z of the reference's trunk outputs, for the cases whose structure-module
 * pair input is not stored. */
static void
trunk_to_sm (Model     *m,
             CaseData  *d,
             float    **single,
             float    **pair)
{
  const PleatTrunkConfig *t = &m->config->esmfold.trunk;
  const PleatLayerCtx *ctx = pleat_compute_get_layer_ctx (m->compute);
  g_autofree float *s_s = parity_dup_f32 (d->f64, "s_s", NULL);
  g_autofree float *s_z = parity_dup_f32 (d->f64, "s_z", NULL);
  gsize n = d->n_res;

  *single = g_new (float, n * t->structure_module.sequence_dim);
  *pair = g_new (float, n * n * t->structure_module.pairwise_dim);
  pleat_layer_linear (ctx, s_s, t->sequence_state_dim, m->trunk2sm_s_w, m->trunk2sm_s_b, *single,
                      t->structure_module.sequence_dim, n, t->sequence_state_dim,
                      t->structure_module.sequence_dim, FALSE);
  pleat_layer_linear (ctx, s_z, t->pairwise_state_dim, m->trunk2sm_z_w, m->trunk2sm_z_b, *pair,
                      t->structure_module.pairwise_dim, n * n, t->pairwise_state_dim,
                      t->structure_module.pairwise_dim, FALSE);
}

static PleatStructureModuleOutput *
run_sm (Model       *m,
        CaseData    *d,
        const float *single,
        float       *pair)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PleatStructureModuleScratch) scratch = NULL;
  PleatStructureModuleOutput *out;
  gboolean ok;

  scratch = pleat_structure_module_scratch_new (m->sm, d->n_res, &error);
  g_assert_no_error (error);
  out = pleat_structure_module_output_new (m->sm, d->n_res);
  ok = pleat_structure_module_run (m->sm, pleat_compute_get_layer_ctx (m->compute), single, pair,
                                   d->aatype, d->mask, scratch, out, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  return out;
}

static void
check_sm_outputs (CaseData                         *d,
                  const char                       *case_name,
                  const char                       *prefix,
                  const PleatStructureModuleOutput *out)
{
  gsize n = d->n_res, nb = out->n_blocks;
  g_autofree char *frames = g_strconcat (prefix, "frames", NULL);
  g_autofree char *positions = g_strconcat (prefix, "positions", NULL);
  g_autofree char *states = g_strconcat (prefix, "states", NULL);
  g_autofree char *angles = g_strconcat (prefix, "angles", NULL);
  g_autofree char *unnorm = g_strconcat (prefix, "unnormalized_angles", NULL);

  check_tensor (d, case_name, frames, out->frames, 0, nb * n * 7, TOL_FRAMES);
  check_tensor (d, case_name, positions, out->positions, 0, nb * n * 14 * 3, TOL_POSITIONS);
  check_tensor (d, case_name, states, out->states, 0, nb * n * out->c_s, TOL_STATES);
  check_tensor (d, case_name, angles, out->angles, 0, nb * n * 7 * 2, TOL_ANGLES);
  check_tensor (d, case_name, unnorm, out->unnormalized_angles, 0, nb * n * 7 * 2, TOL_ANGLES);
}

/* Cα RMSD without superposition: both sit in the same frame, and this bounds the RMSD after
 * optimal superposition from above. */
static double
ca_rmsd (const float  *ours14,
         const double *ref14,
         const guint8 *linker,
         gsize         n)
{
  double sum = 0;
  gsize count = 0;

  for (gsize i = 0; i < n; i++)
    {
      if (linker[i])
        continue;
      for (guint x = 0; x < 3; x++)
        {
          double dd = ours14[(i * 14 + 1) * 3 + x] - ref14[(i * 14 + 1) * 3 + x];

          sum += dd * dd;
        }
      count++;
    }
  return sqrt (sum / MAX (count, 1));
}

typedef struct
{
  char   name[5];
  char   res_name[4];
  char   chain;
  gint   res_seq;
  double x, y, z, b;
  char   element[3];
} PdbAtom;

static GArray *
read_pdb_atoms (const char *case_name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *file = g_strdup_printf ("case_%s.pdb", case_name);
  g_autofree char *path = parity_shared_fixture_path ("esmfold_v1", "tiny-a", file, NULL);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  GArray *atoms = g_array_new (FALSE, TRUE, sizeof (PdbAtom));

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (text, "\n", -1);
  for (guint l = 0; lines[l] != NULL; l++)
    {
      const char *s = lines[l];
      PdbAtom a = { 0 };
      char field[16];

      if (!g_str_has_prefix (s, "ATOM  "))
        continue;
      g_assert_cmpuint (strlen (s), >=, 78);
      memcpy (field, s + 12, 4);
      field[4] = '\0';
      g_strlcpy (a.name, g_strstrip (field), sizeof a.name);
      memcpy (a.res_name, s + 17, 3);
      a.chain = s[21];
      memcpy (field, s + 22, 4);
      field[4] = '\0';
      a.res_seq = atoi (field);
      a.x = g_ascii_strtod (s + 30, NULL);
      memcpy (field, s + 38, 8);
      field[8] = '\0';
      a.y = g_ascii_strtod (field, NULL);
      memcpy (field, s + 46, 8);
      field[8] = '\0';
      a.z = g_ascii_strtod (field, NULL);
      memcpy (field, s + 60, 6);
      field[6] = '\0';
      a.b = g_ascii_strtod (field, NULL);
      memcpy (field, s + 76, 2);
      field[2] = '\0';
      g_strlcpy (a.element, g_strstrip (field), sizeof a.element);
      /* x is the first 8 columns from 30; strtod read on into y only if they touch, which a
       * fixed-width writer with %8.3f never makes: re-read it bounded to be sure. */
      memcpy (field, s + 30, 8);
      field[8] = '\0';
      a.x = g_ascii_strtod (field, NULL);
      g_array_append_val (atoms, a);
    }
  return atoms;
}

/* Our PleatStructure against the PDB file fair-esm wrote for the float64 run: the same atoms in
 * the same order, names, residues, chains, elements, coordinates and B-factors. */
static void
check_structure_against_pdb (PleatStructure *structure,
                             const char     *case_name)
{
  g_autoptr(GArray) pdb = read_pdb_atoms (case_name);
  const PleatAtom *atoms;
  const PleatResidue *residues;
  const PleatChain *chains;
  guint n_atoms;
  double max_xyz = 0, max_b = 0;
  gint first_seq = 0;
  char prev_chain = 0;

  atoms = pleat_structure_get_atoms (structure, &n_atoms);
  residues = pleat_structure_get_residues (structure, NULL);
  chains = pleat_structure_get_chains (structure, NULL);
  g_assert_cmpuint (n_atoms, ==, pdb->len);

  for (guint i = 0; i < n_atoms; i++)
    {
      const PdbAtom *p = &g_array_index (pdb, PdbAtom, i);
      const PleatAtom *a = &atoms[i];
      const PleatResidue *r = &residues[a->residue];

      if (p->chain != prev_chain)
        {
          /* The reference numbers residue_index + 1 (chain k offset by 512 k plus the linkers);
           * we number each chain from 1. */
          first_seq = p->res_seq;
          prev_chain = p->chain;
        }
      g_assert_cmpstr (a->name, ==, p->name);
      g_assert_cmpstr (a->element, ==, p->element);
      g_assert_cmpstr (r->name, ==, p->res_name);
      g_assert_cmpint (chains[r->chain].auth_id[0], ==, p->chain);
      g_assert_cmpint (r->seq_id, ==, p->res_seq - first_seq + 1);
      max_xyz = MAX (max_xyz, fabs (a->x - p->x));
      max_xyz = MAX (max_xyz, fabs (a->y - p->y));
      max_xyz = MAX (max_xyz, fabs (a->z - p->z));
      max_b = MAX (max_b, fabs (a->b_factor - p->b));
    }
  g_test_message ("%-44s max |xyz - pdb| %.2e A (tol %.0e), max |B - pdb| %.3f (tol %.2f)",
                  case_name, max_xyz, TOL_PDB_XYZ, max_b, TOL_PDB_B);
  g_assert_cmpfloat (max_xyz, <=, TOL_PDB_XYZ);
  g_assert_cmpfloat (max_b, <=, TOL_PDB_B);
}

static void
test_case (gconstpointer data)
{
  const Case *c = data;
  Model *m = c->model;
  const PleatLayerCtx *ctx = pleat_compute_get_layer_ctx (m->compute);
  g_auto(CaseData) d = { 0 };
  g_autoptr(PleatStructureModuleOutput) out = NULL;
  g_autoptr(PleatStructure) structure = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree float *single = NULL;
  g_autofree float *pair = NULL;
  g_autofree float *s_s = NULL;
  g_autofree float *s_z = NULL;
  g_autofree float *lddt_logits = NULL;
  g_autofree float *plddt = NULL;
  g_autofree float *logits = NULL;
  g_autofree float *pae = NULL;
  g_autofree float *atom37 = NULL;
  g_autofree float *residue_plddt = NULL;
  g_autofree guint8 *exists = NULL;
  g_autofree double *ref_final14 = NULL;
  g_autofree double *ref_ptm = NULL;
  g_autofree double *ref_mean = NULL;
  gsize n, nb, c_sm;
  double ptm, iptm, rmsd;
  gboolean multimer = FALSE;

  case_data_load (&d, c->name);
  n = d.n_res;
  nb = pleat_structure_module_get_config (m->sm)->num_blocks;
  c_sm = pleat_structure_module_get_config (m->sm)->sequence_dim;
  for (gsize i = 0; i < n; i++)
    multimer |= d.chain_index[i] != d.chain_index[0];

  /* The first trunk pass, where its structure-module inputs and outputs are stored. */
  if (parity_has (d.f64, "trunk.first.sm_in.pair") && parity_has (d.f64, "trunk.first.sm.frames"))
    {
      g_autoptr(PleatStructureModuleOutput) first = NULL;
      g_autofree float *first_single = parity_dup_f32 (d.f64, "trunk.first.sm_in.single", NULL);
      g_autofree float *first_pair = parity_dup_f32 (d.f64, "trunk.first.sm_in.pair", NULL);

      first = run_sm (m, &d, first_single, first_pair);
      check_sm_outputs (&d, c->name, "trunk.first.sm.", first);
    }

  /* The final pass: its inputs (stored under trunk.first.* when there is only one pass), or
   * trunk2sm of the trunk outputs. */
  if (parity_has (d.f64, "trunk.last.sm_in.pair"))
    {
      single = parity_dup_f32 (d.f64, "trunk.last.sm_in.single", NULL);
      pair = parity_dup_f32 (d.f64, "trunk.last.sm_in.pair", NULL);
    }
  else if (parity_has (d.f64, "trunk.first.sm_in.pair")
           && !parity_has (d.f64, "trunk.last.recycle_s"))
    {
      single = parity_dup_f32 (d.f64, "trunk.first.sm_in.single", NULL);
      pair = parity_dup_f32 (d.f64, "trunk.first.sm_in.pair", NULL);
    }
  else
    trunk_to_sm (m, &d, &single, &pair);
  out = run_sm (m, &d, single, pair);
  check_sm_outputs (&d, c->name, "", out);

  check_tensor (&d, c->name, "final_sidechain_frames", out->sidechain_frames, 0, n * 8 * 16,
                TOL_SIDECHAIN);
  check_tensor (&d, c->name, "final_atom14_positions",
                pleat_structure_module_output_get_final_positions (out), 0, n * 14 * 3,
                TOL_POSITIONS);
  ref_final14 = parity_dup_f64 (d.f64, "final_atom14_positions", NULL, NULL);
  rmsd = ca_rmsd (pleat_structure_module_output_get_final_positions (out), ref_final14, d.linker,
                  n);
  g_test_message ("%-44s C-alpha RMSD %.2e A (tol %.0e)", c->name, rmsd, TOL_CA_RMSD);
  g_assert_cmpfloat (rmsd, <, TOL_CA_RMSD);

  /* atom37 and its masks. */
  exists = g_new (guint8, n * 37);
  atom37 = g_new (float, n * 37 * 3);
  pleat_esmfold_atom37_exists (d.aatype, d.linker, n, exists);
  pleat_esmfold_atom14_to_atom37 (d.aatype, exists,
                                  pleat_structure_module_output_get_final_positions (out), n,
                                  atom37);
  check_tensor (&d, c->name, "final_atom37_positions", atom37, 0, n * 37 * 3, TOL_POSITIONS);
  {
    g_autofree double *ref_exists = parity_dup_f64 (d.f64, "atom37_atom_exists", NULL, NULL);
    g_autofree double *ref14 = parity_dup_f64 (d.f64, "atom14_atom_exists", NULL, NULL);
    g_autofree double *map14 = parity_dup_f64 (d.f64, "residx_atom14_to_atom37", NULL, NULL);
    g_autofree double *map37 = parity_dup_f64 (d.f64, "residx_atom37_to_atom14", NULL, NULL);

    for (gsize i = 0; i < n; i++)
      {
        for (guint a = 0; a < 37; a++)
          {
            g_assert_cmpfloat (exists[i * 37 + a], ==, ref_exists[i * 37 + a]);
            g_assert_cmpint (pleat_rc_atom37_to_atom14[d.aatype[i]][a], ==, map37[i * 37 + a]);
          }
        for (guint a = 0; a < 14; a++)
          {
            g_assert_cmpfloat (pleat_rc_atom14_mask[d.aatype[i]][a], ==, ref14[i * 14 + a]);
            g_assert_cmpint (pleat_rc_atom14_to_atom37[d.aatype[i]][a], ==, map14[i * 14 + a]);
          }
      }
  }

  /* pLDDT from our last block's states. */
  lddt_logits = g_new (float, n * 37 * 50);
  plddt = g_new (float, n * 37);
  pleat_esmfold_heads_plddt (m->heads, ctx, out->states + (nb - 1) * n * c_sm, n, lddt_logits,
                             plddt);
  check_tensor (&d, c->name, "lddt_logits", lddt_logits, 0, n * 37 * 50, TOL_LOGITS);
  check_tensor (&d, c->name, "plddt", plddt, 0, n * 37, TOL_PLDDT);

  /* The trunk-side heads on the reference's s_s / s_z. */
  s_s = parity_dup_f32 (d.f64, "s_s", NULL);
  s_z = parity_dup_f32 (d.f64, "s_z", NULL);
  logits = g_new (float, n * n * PLEAT_ESMFOLD_DISTOGRAM_BINS);
  pleat_esmfold_heads_distogram (m->heads, ctx, s_z, n, logits);
  check_tensor (&d, c->name, "distogram_logits", logits, 0, n * n * 64, TOL_LOGITS);
  pleat_esmfold_heads_ptm_logits (m->heads, ctx, s_z, n, logits);
  check_tensor (&d, c->name, "ptm_logits", logits, 0, n * n * 64, TOL_LOGITS);
  pleat_esmfold_heads_lm (m->heads, ctx, s_s, n, logits);
  check_tensor (&d, c->name, "lm_logits", logits, 0, n * PLEAT_ESMFOLD_LM_TOKENS, TOL_LOGITS);

  pae = g_new (float, n * n);
  g_assert_true (pleat_esmfold_heads_aligned_error (m->heads, ctx, s_z, n,
                                                    multimer ? d.chain_index : NULL, d.linker,
                                                    pae, &ptm, &iptm, &error));
  g_assert_no_error (error);
  check_tensor (&d, c->name, "predicted_aligned_error", pae, 0, n * n, TOL_PAE);
  ref_ptm = parity_dup_f64 (d.f64, "ptm", NULL, NULL);
  g_test_message ("%-44s pTM %.6f, reference %.6f (tol %.0e); ipTM %.6f", c->name, ptm,
                  ref_ptm[0], TOL_PTM, iptm);
  g_assert_cmpfloat_with_epsilon (ptm, ref_ptm[0], TOL_PTM);
  if (multimer)
    g_assert_true (iptm >= 0.0 && iptm <= 1.0);
  else
    g_assert_true (isnan (iptm));

  /* The structure users get, against the reference's per-residue means and its PDB file. */
  {
    PleatEsmFoldStructureInput in = {
      .n_res = n,
      .aatype = d.aatype,
      .chain_index = d.chain_index,
      .linker = d.linker,
      .positions = pleat_structure_module_output_get_final_positions (out),
      .plddt = plddt,
      .pae = pae,
      .max_pae = PLEAT_ESMFOLD_MAX_PAE,
      .ptm = ptm,
      .iptm = iptm,
    };
    g_autofree double *ref_res = parity_dup_f64 (d.f64, "plddt_residue_mean", NULL, NULL);
    g_autofree double *ref_res_kept = g_new (double, n);
    g_autofree double *ref_pae = parity_dup_f64 (d.f64, "predicted_aligned_error", NULL, NULL);
    g_autofree double *ref_pae_kept = g_new (double, n * n);
    g_autofree float *pae_kept = NULL;
    const PleatResidue *residues;
    const float *our_pae;
    guint n_kept = 0, n_pae, n_scored = 0;
    float max_pae;

    structure = pleat_esmfold_build_structure (&in);
    residues = pleat_structure_get_residues (structure, &n_kept);
    residue_plddt = g_new (float, MAX (n_kept, 1));
    g_assert_cmpuint (n_kept, <=, n);
    for (guint r = 0, i = 0; i < n; i++)
      {
        if (d.linker[i])
          continue;
        /* A residue without atoms (X) has no pLDDT: NAN for us, 0 in the reference's mean. */
        g_assert_cmpint (residues[r].n_atoms == 0, ==, d.aatype[i] == PLEAT_RC_UNK);
        if (residues[r].n_atoms == 0)
          {
            g_assert_true (isnan (residues[r].plddt));
            g_assert_cmpfloat (ref_res[i], ==, 0.0);
            r++;
            continue;
          }
        ref_res_kept[n_scored] = ref_res[i];
        residue_plddt[n_scored] = residues[r].plddt;
        n_scored++;
        r++;
      }
    parity_check ("per-residue pLDDT", residue_plddt, ref_res_kept, n_scored, TOL_PLDDT);

    ref_mean = parity_dup_f64 (d.f64, "mean_plddt", NULL, NULL);
    g_test_message ("%-44s mean pLDDT %.4f, reference %.4f", c->name,
                    pleat_structure_get_mean_plddt (structure), ref_mean[0]);
    g_assert_cmpfloat_with_epsilon (pleat_structure_get_mean_plddt (structure), ref_mean[0],
                                    TOL_PLDDT);

    /* The PAE without linker rows and columns. */
    our_pae = pleat_structure_get_pae (structure, &n_pae, &max_pae);
    g_assert_cmpuint (n_pae, ==, n_kept);
    g_assert_cmpfloat (max_pae, ==, 31.75f);
    pae_kept = g_memdup2 (our_pae, sizeof (float) * n_pae * n_pae);
    for (guint r = 0, i = 0; i < n; i++)
      {
        if (d.linker[i])
          continue;
        for (guint q = 0, j = 0; j < n; j++)
          if (!d.linker[j])
            ref_pae_kept[r * n_kept + q++] = ref_pae[i * n + j];
        r++;
      }
    parity_check ("PAE without linker", pae_kept, ref_pae_kept, (gsize) n_kept * n_kept, TOL_PAE);
    g_assert_cmpuint (pleat_structure_get_n_chains (structure), ==, multimer ? 2 : 1);
    g_assert_cmpfloat (pleat_structure_get_ptm (structure), ==, ptm);

    check_structure_against_pdb (structure, c->name);
  }
}

int
main (int   argc,
      char *argv[])
{
  static const char *const cases[] = {
    "a_mktay33", "a_acdef20", "a_acdef20_r0", "a_unk9", "a_dimer",
  };
  Model model = { 0 };
  Case data[G_N_ELEMENTS (cases)];
  int ret;

  g_test_init (&argc, &argv, NULL);
  model_init (&model);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/pleat/model/EsmFoldStructure/fair-esm/%s",
                                               cases[i]);

      data[i].model = &model;
      data[i].name = cases[i];
      g_test_add_data_func (path, &data[i], test_case);
    }

  ret = g_test_run ();
  model_clear (&model);
  return ret;
}
