/* test-esmfold-structure.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The structure module, the heads and the conversion to PleatStructure against the float64
 * reference runs of both fixture sets: the independent fair-esm one
 * ($PLEAT_SHARED_FIXTURES/esmfold_v1/tiny-a, README.md there) and transformers' (tests/fixtures/
 * esmfold, tiny-b). The structure module runs on the reference's own inputs
 * (trunk.{first,last}.sm_in.*, or trunk2sm of s_s / s_z when the pair input is not stored) and
 * the heads on the reference's s_s / s_z, so each comparison measures these modules alone.
 * Where a case stores neither (hf/b_mono12_r0, hf/b_dimer keep no pair tensors), the lDDT head
 * and the conversion run on the reference's own states and positions. The float32 reference
 * run's error is logged beside ours: the floor a float32 implementation can reach.
 */
#define G_LOG_DOMAIN "pleat-test"

#include "config.h"

#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "esmfold-test-util.h"
#include "pleat-esmfold-heads.h"
#include "pleat-esmfold-structure.h"
#include "pleat-residue-constants.h"
#include "pleat-structure-module.h"

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
  g_autofree char *dir = esm_fixture_set_dir (ESM_FIXTURE_FAIRESM);
  g_autofree char *path = g_build_filename (dir, file, NULL);
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


typedef struct
{
  EsmFixtureSet  set;
  const char    *name;
} Case;

typedef struct
{
  PleatCompute         *compute;
  const PleatLayerCtx  *ctx;
  PleatEsmConfig       *config;
  PleatWeights         *weights;
  PleatStructureModule *sm;
  PleatEsmFoldHeads    *heads;
  EsmFixture           *fx;            /* float64 run */
  EsmFixture           *fx32;          /* float32 run */
  const char           *label;
  gsize                 n;
  guint8               *aatype;        /* (L) */
  float                *mask;          /* (L) */
  guint8               *linker;        /* (L) 1 on linker positions */
  guint                *chain_index;   /* (L) */
  gboolean              multimer;
} Run;

static void
run_open (Run        *r,
          const Case *c)
{
  g_autoptr(GError) error = NULL;
  g_autofree double *aatype = NULL;
  g_autofree double *mask = NULL;
  g_autofree double *linker = NULL;
  g_autofree double *chain = NULL;

  r->compute = esm_test_compute_new ();
  r->ctx = pleat_compute_get_layer_ctx (r->compute);
  r->config = esm_fixture_set_load_config (c->set);
  r->weights = esm_fixture_set_open_weights (c->set);
  r->sm = pleat_structure_module_new_from_weights (&r->config->esmfold.trunk.structure_module,
                                                   r->weights, "trunk.structure_module.",
                                                   &error);
  g_assert_no_error (error);
  r->heads = pleat_esmfold_heads_new_from_weights (&r->config->esmfold, r->weights, &error);
  g_assert_no_error (error);

  r->fx = esm_fixture_open (c->set, c->name);
  r->fx32 = esm_fixture_open_f32 (c->set, c->name);
  r->label = esm_fixture_get_label (r->fx);
  aatype = esm_fixture_dup (r->fx, "input.aatype", &r->n);
  mask = esm_fixture_dup (r->fx, "input.mask", NULL);
  linker = esm_fixture_dup (r->fx, "input.linker_mask", NULL);
  chain = esm_fixture_dup (r->fx, "input.chain_index", NULL);
  r->aatype = g_new (guint8, r->n);
  r->mask = g_new (float, r->n);
  r->linker = g_new (guint8, r->n);
  r->chain_index = g_new (guint, r->n);
  for (gsize i = 0; i < r->n; i++)
    {
      r->aatype[i] = (guint8) aatype[i];
      r->mask[i] = (float) mask[i];
      r->linker[i] = linker[i] == 0.0;
      r->chain_index[i] = (guint) chain[i];
      r->multimer |= r->chain_index[i] != r->chain_index[0];
    }
}

static void
run_clear (Run *r)
{
  g_clear_pointer (&r->fx, esm_fixture_free);
  g_clear_pointer (&r->fx32, esm_fixture_free);
  g_clear_pointer (&r->heads, pleat_esmfold_heads_free);
  g_clear_pointer (&r->sm, pleat_structure_module_free);
  g_clear_pointer (&r->weights, pleat_weights_unref);
  g_clear_pointer (&r->config, pleat_esm_config_free);
  g_clear_object (&r->compute);
  g_clear_pointer (&r->aatype, g_free);
  g_clear_pointer (&r->mask, g_free);
  g_clear_pointer (&r->linker, g_free);
  g_clear_pointer (&r->chain_index, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

/* One of our tensors against the float64 reference (asserted), with the float32 reference
 * run's error logged beside it when that run stores the tensor. */
static void
check (Run         *r,
       const char  *name,
       const float *ours,
       gsize        n,
       double       tol)
{
  gsize n_ref;
  g_autofree double *ref = esm_fixture_dup (r->fx, name, &n_ref);

  g_assert_cmpuint (n, ==, n_ref);
  if (esm_fixture_has (r->fx32, name))
    {
      g_autofree double *ref32 = esm_fixture_dup (r->fx32, name, NULL);

      g_test_message ("floor %s %s float32-reference max_abs=%.3g", r->label, name,
                      esm_max_abs (ref32, ref, n));
    }
  esm_assert_parity_f32 (r->label, name, ours, ref, n, tol);
}

static PleatStructureModuleOutput *
run_sm (Run         *r,
        const float *single,
        float       *pair)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PleatStructureModuleScratch) scratch = NULL;
  PleatStructureModuleOutput *out;

  scratch = pleat_structure_module_scratch_new (r->sm, r->n, &error);
  g_assert_no_error (error);
  out = pleat_structure_module_output_new (r->sm, r->n);
  g_assert_true (pleat_structure_module_run (r->sm, r->ctx, single, pair, r->aatype, r->mask,
                                             scratch, out, NULL, &error));
  g_assert_no_error (error);
  return out;
}

static void
check_sm (Run                              *r,
          const char                       *prefix,
          const PleatStructureModuleOutput *out)
{
  gsize n = r->n, nb = out->n_blocks;
  g_autofree char *frames = g_strconcat (prefix, "frames", NULL);
  g_autofree char *positions = g_strconcat (prefix, "positions", NULL);
  g_autofree char *states = g_strconcat (prefix, "states", NULL);
  g_autofree char *angles = g_strconcat (prefix, "angles", NULL);
  g_autofree char *unnorm = g_strconcat (prefix, "unnormalized_angles", NULL);

  check (r, frames, out->frames, nb * n * 7, TOL_FRAMES);
  check (r, positions, out->positions, nb * n * 14 * 3, TOL_POSITIONS);
  check (r, states, out->states, nb * n * out->c_s, TOL_STATES);
  check (r, angles, out->angles, nb * n * 7 * 2, TOL_ANGLES);
  check (r, unnorm, out->unnormalized_angles, nb * n * 7 * 2, TOL_ANGLES);
}

/* trunk2sm_s / trunk2sm_z of the reference's final trunk outputs. */
static void
trunk_to_sm (Run    *r,
             float **single,
             float **pair)
{
  const PleatTrunkConfig *t = &r->config->esmfold.trunk;
  guint cs = t->sequence_state_dim, cz = t->pairwise_state_dim;
  guint sm_cs = t->structure_module.sequence_dim, sm_cz = t->structure_module.pairwise_dim;
  g_autoptr(GError) error = NULL;
  g_autofree float *s_s = esm_fixture_dup_f32 (r->fx, "s_s", NULL);
  g_autofree float *s_z = esm_fixture_dup_f32 (r->fx, "s_z", NULL);
  const float *ws, *bs, *wz, *bz;
  gsize n = r->n;

  ws = pleat_weights_get_f32 (r->weights, "trunk.trunk2sm_s.weight", PLEAT_SHAPE (sm_cs, cs),
                              &error);
  g_assert_no_error (error);
  bs = pleat_weights_get_f32 (r->weights, "trunk.trunk2sm_s.bias", PLEAT_SHAPE (sm_cs), &error);
  g_assert_no_error (error);
  wz = pleat_weights_get_f32 (r->weights, "trunk.trunk2sm_z.weight", PLEAT_SHAPE (sm_cz, cz),
                              &error);
  g_assert_no_error (error);
  bz = pleat_weights_get_f32 (r->weights, "trunk.trunk2sm_z.bias", PLEAT_SHAPE (sm_cz), &error);
  g_assert_no_error (error);

  *single = g_new (float, n * sm_cs);
  *pair = g_new (float, n * n * sm_cz);
  pleat_layer_linear (r->ctx, s_s, cs, ws, bs, *single, sm_cs, n, cs, sm_cs, FALSE);
  pleat_layer_linear (r->ctx, s_z, cz, wz, bz, *pair, sm_cz, n * n, cz, sm_cz, FALSE);
}

static double
reference_iptm (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "iptm-reference.json",
                                                 NULL);

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  return json_object_get_double_member (json_node_get_object (json_parser_get_root (parser)),
                                        "iptm");
}

static void
test_case (gconstpointer data)
{
  const Case *c = data;
  g_auto(Run) r = { 0 };
  g_autoptr(PleatStructureModuleOutput) out = NULL;
  g_autoptr(PleatStructure) structure = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree float *single = NULL;
  g_autofree float *pair = NULL;
  g_autofree float *final14 = NULL;
  g_autofree float *states = NULL;
  g_autofree float *plddt = NULL;
  g_autofree float *pae = NULL;
  g_autofree float *s_s = NULL;
  g_autofree float *logits = NULL;
  g_autofree float *atom37 = NULL;
  g_autofree guint8 *exists = NULL;
  g_autofree double *ref_ptm = NULL;
  gsize n, nb, c_sm;
  double ptm = NAN, iptm = NAN;

  run_open (&r, c);
  n = r.n;
  nb = pleat_structure_module_get_config (r.sm)->num_blocks;
  c_sm = pleat_structure_module_get_config (r.sm)->sequence_dim;

  /* The first trunk pass, where its structure-module inputs and outputs are stored. */
  if (esm_fixture_has (r.fx, "trunk.first.sm_in.pair")
      && esm_fixture_has (r.fx, "trunk.first.sm.frames"))
    {
      g_autoptr(PleatStructureModuleOutput) first = NULL;
      g_autofree float *s1 = esm_fixture_dup_f32 (r.fx, "trunk.first.sm_in.single", NULL);
      g_autofree float *p1 = esm_fixture_dup_f32 (r.fx, "trunk.first.sm_in.pair", NULL);

      first = run_sm (&r, s1, p1);
      check_sm (&r, "trunk.first.sm.", first);
    }

  /* The final pass: its stored inputs, else trunk2sm of s_s and s_z, else nothing to run on. */
  if (esm_fixture_has (r.fx, "trunk.last.sm_in.pair"))
    {
      single = esm_fixture_dup_f32 (r.fx, "trunk.last.sm_in.single", NULL);
      pair = esm_fixture_dup_f32 (r.fx, "trunk.last.sm_in.pair", NULL);
    }
  else if (esm_fixture_has (r.fx, "s_z"))
    trunk_to_sm (&r, &single, &pair);

  if (pair != NULL)
    {
      g_autofree double *ref14 = esm_fixture_dup (r.fx, "final_atom14_positions", NULL);
      double rmsd;

      out = run_sm (&r, single, pair);
      check_sm (&r, "", out);
      check (&r, "final_sidechain_frames", out->sidechain_frames, n * 8 * 16, TOL_SIDECHAIN);
      final14 = g_memdup2 (pleat_structure_module_output_get_final_positions (out),
                           n * 14 * 3 * sizeof (float));
      check (&r, "final_atom14_positions", final14, n * 14 * 3, TOL_POSITIONS);
      rmsd = ca_rmsd (final14, ref14, r.linker, n);
      g_test_message ("parity %s C-alpha-RMSD %.3g A (tol %.0e)", r.label, rmsd, TOL_CA_RMSD);
      g_assert_cmpfloat (rmsd, <, TOL_CA_RMSD);
      states = g_memdup2 (out->states + (nb - 1) * n * c_sm, n * c_sm * sizeof (float));
    }
  else
    {
      g_autofree float *all_states = esm_fixture_dup_f32 (r.fx, "states", NULL);

      g_test_message ("%s: no structure-module input stored; heads and conversion run on the "
                      "reference's states and positions", r.label);
      final14 = esm_fixture_dup_f32 (r.fx, "final_atom14_positions", NULL);
      states = g_memdup2 (all_states + (nb - 1) * n * c_sm, n * c_sm * sizeof (float));
    }

  /* atom37 and OpenFold's masks and maps. */
  exists = g_new (guint8, n * 37);
  atom37 = g_new (float, n * 37 * 3);
  pleat_esmfold_atom37_exists (r.aatype, r.linker, n, exists);
  pleat_esmfold_atom14_to_atom37 (r.aatype, exists, final14, n, atom37);
  check (&r, "final_atom37_positions", atom37, n * 37 * 3, TOL_POSITIONS);
  {
    g_autofree double *ref_exists = esm_fixture_dup (r.fx, "atom37_atom_exists", NULL);
    g_autofree double *ref14 = esm_fixture_dup (r.fx, "atom14_atom_exists", NULL);
    g_autofree double *map14 = esm_fixture_dup (r.fx, "residx_atom14_to_atom37", NULL);
    g_autofree double *map37 = esm_fixture_dup (r.fx, "residx_atom37_to_atom14", NULL);

    for (gsize i = 0; i < n; i++)
      {
        for (guint a = 0; a < 37; a++)
          {
            g_assert_cmpfloat (exists[i * 37 + a], ==, ref_exists[i * 37 + a]);
            g_assert_cmpint (pleat_rc_atom37_to_atom14[r.aatype[i]][a], ==, map37[i * 37 + a]);
          }
        for (guint a = 0; a < 14; a++)
          {
            g_assert_cmpfloat (pleat_rc_atom14_mask[r.aatype[i]][a], ==, ref14[i * 14 + a]);
            g_assert_cmpint (pleat_rc_atom14_to_atom37[r.aatype[i]][a], ==, map14[i * 14 + a]);
          }
      }
  }

  /* pLDDT from the last block's states. */
  {
    g_autofree float *lddt_logits = g_new (float, n * 37 * 50);

    plddt = g_new (float, n * 37);
    pleat_esmfold_heads_plddt (r.heads, r.ctx, states, n, lddt_logits, plddt);
    if (esm_fixture_has (r.fx, "lddt_logits"))
      check (&r, "lddt_logits", lddt_logits, n * 37 * 50, TOL_LOGITS);
    check (&r, "plddt", plddt, n * 37, TOL_PLDDT);
  }

  /* The LM head on s_s; the pair heads on s_z where it is stored. */
  s_s = esm_fixture_dup_f32 (r.fx, "s_s", NULL);
  logits = g_new (float, MAX (n * n * PLEAT_ESMFOLD_DISTOGRAM_BINS, n * PLEAT_ESMFOLD_LM_TOKENS));
  pleat_esmfold_heads_lm (r.heads, r.ctx, s_s, n, logits);
  check (&r, "lm_logits", logits, n * PLEAT_ESMFOLD_LM_TOKENS, TOL_LOGITS);

  pae = g_new (float, n * n);
  ref_ptm = esm_fixture_dup (r.fx, "ptm", NULL);
  if (esm_fixture_has (r.fx, "s_z"))
    {
      g_autofree float *s_z = esm_fixture_dup_f32 (r.fx, "s_z", NULL);

      pleat_esmfold_heads_distogram (r.heads, r.ctx, s_z, n, logits);
      check (&r, "distogram_logits", logits, n * n * 64, TOL_LOGITS);
      pleat_esmfold_heads_ptm_logits (r.heads, r.ctx, s_z, n, logits);
      check (&r, "ptm_logits", logits, n * n * 64, TOL_LOGITS);
      g_assert_true (pleat_esmfold_heads_aligned_error (r.heads, r.ctx, s_z, n,
                                                        r.multimer ? r.chain_index : NULL,
                                                        r.linker, pae, &ptm, &iptm, &error));
      g_assert_no_error (error);
      check (&r, "predicted_aligned_error", pae, n * n, TOL_PAE);
      g_test_message ("parity %s ptm ours=%.9f ref=%.9f (tol %.0e)", r.label, ptm, ref_ptm[0],
                      TOL_PTM);
      g_assert_cmpfloat_with_epsilon (ptm, ref_ptm[0], TOL_PTM);
    }
  else
    {
      g_autofree float *ref_pae = esm_fixture_dup_f32 (r.fx, "predicted_aligned_error", NULL);

      memcpy (pae, ref_pae, n * n * sizeof (float));
      ptm = ref_ptm[0];
    }

  /* ipTM: against the HF fixture's value, or (fair-esm stores no ipTM) against the
   * AlphaFold-Multimer transcription in tests/fixtures/iptm-reference.json, from the stored
   * ptm_logits alone (exact formula) and from s_z through the fused head. */
  if (r.multimer && esm_fixture_has (r.fx, "ptm_logits"))
    {
      g_autofree float *ref_logits = esm_fixture_dup_f32 (r.fx, "ptm_logits", NULL);
      g_autofree float *pae2 = g_new (float, n * n);
      double want, ptm2, iptm2;

      want = esm_fixture_has (r.fx, "iptm") ? esm_fixture_dup (r.fx, "iptm", NULL)[0]
                                             : reference_iptm ();
      pleat_esmfold_aligned_error_from_logits (r.ctx, ref_logits, n, r.chain_index, r.linker,
                                               pae2, &ptm2, &iptm2);
      g_test_message ("parity %s iptm ours=%.9f from-logits=%.9f ref=%.9f (tol %.0e)", r.label,
                      iptm, iptm2, want, TOL_PTM);
      g_assert_cmpfloat_with_epsilon (iptm2, want, 1e-6);
      g_assert_cmpfloat_with_epsilon (iptm, want, TOL_PTM);
    }
  if (!r.multimer)
    g_assert_true (isnan (iptm));

  /* The structure users get. */
  {
    PleatEsmFoldStructureInput in = {
      .n_res = n,
      .aatype = r.aatype,
      .chain_index = r.chain_index,
      .linker = r.linker,
      .positions = final14,
      .plddt = plddt,
      .pae = pae,
      .max_pae = PLEAT_ESMFOLD_MAX_PAE,
      .ptm = ptm,
      .iptm = iptm,
    };
    g_autofree double *ref_res = esm_fixture_dup (r.fx, "plddt_residue_mean", NULL);
    g_autofree double *ref_mean = esm_fixture_dup (r.fx, "mean_plddt", NULL);
    g_autofree double *ref_pae = esm_fixture_dup (r.fx, "predicted_aligned_error", NULL);
    g_autofree double *ref_res_kept = g_new (double, n);
    g_autofree double *ref_pae_kept = g_new (double, n * n);
    g_autofree float *res_plddt = g_new (float, n);
    const PleatResidue *residues;
    const float *our_pae;
    guint n_kept, n_pae, n_scored = 0;
    float max_pae;

    structure = pleat_esmfold_build_structure (&in);
    residues = pleat_structure_get_residues (structure, &n_kept);
    g_assert_cmpuint (pleat_structure_get_n_chains (structure), ==, r.multimer ? 2 : 1);
    for (guint k = 0, i = 0; i < n; i++)
      {
        if (r.linker[i])
          continue;
        /* A residue without atoms (X) has no pLDDT: NAN for us, 0 in the reference's mean. */
        g_assert_cmpint (residues[k].n_atoms == 0, ==, r.aatype[i] == PLEAT_RC_UNK);
        if (residues[k].n_atoms == 0)
          {
            g_assert_true (isnan (residues[k].plddt));
            g_assert_cmpfloat (ref_res[i], ==, 0.0);
          }
        else
          {
            ref_res_kept[n_scored] = ref_res[i];
            res_plddt[n_scored++] = residues[k].plddt;
          }
        k++;
      }
    esm_assert_parity_f32 (r.label, "plddt_residue_mean (residues with atoms)", res_plddt,
                           ref_res_kept, n_scored, TOL_PLDDT);
    g_test_message ("parity %s mean_plddt ours=%.6f ref=%.6f", r.label,
                    pleat_structure_get_mean_plddt (structure), ref_mean[0]);
    g_assert_cmpfloat_with_epsilon (pleat_structure_get_mean_plddt (structure), ref_mean[0],
                                    TOL_PLDDT);

    our_pae = pleat_structure_get_pae (structure, &n_pae, &max_pae);
    g_assert_cmpuint (n_pae, ==, n_kept);
    g_assert_cmpfloat (max_pae, ==, PLEAT_ESMFOLD_MAX_PAE);
    for (guint k = 0, i = 0; i < n; i++)
      {
        if (r.linker[i])
          continue;
        for (guint q = 0, j = 0; j < n; j++)
          if (!r.linker[j])
            ref_pae_kept[k * n_kept + q++] = ref_pae[i * n + j];
        k++;
      }
    esm_assert_parity_f32 (r.label, "PAE without linker", our_pae, ref_pae_kept,
                           (gsize) n_kept * n_kept, TOL_PAE);
    g_assert_cmpfloat (pleat_structure_get_ptm (structure), ==, ptm);

    if (c->set == ESM_FIXTURE_FAIRESM)
      check_structure_against_pdb (structure, c->name);
  }
}

int
main (int   argc,
      char *argv[])
{
  static const Case cases[] = {
    { ESM_FIXTURE_FAIRESM, "a_mktay33" },
    { ESM_FIXTURE_FAIRESM, "a_acdef20" },
    { ESM_FIXTURE_FAIRESM, "a_acdef20_r0" },
    { ESM_FIXTURE_FAIRESM, "a_unk9" },
    { ESM_FIXTURE_FAIRESM, "a_dimer" },
    { ESM_FIXTURE_HF, "b_mono12" },
    { ESM_FIXTURE_HF, "b_mono12_r0" },
    { ESM_FIXTURE_HF, "b_unk10" },
    { ESM_FIXTURE_HF, "b_dimer" },
  };

  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/pleat/model/EsmFoldStructure/%s/%s",
                                               esm_fixture_set_name (cases[i].set),
                                               cases[i].name);

      g_test_add_data_func (path, &cases[i], test_case);
    }
  return g_test_run ();
}
