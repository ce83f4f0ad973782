/* pleat-esmfold-heads.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pleat-engine"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "pleat-error.h"
#include "pleat-esmfold-heads.h"

/* nn.LayerNorm's default eps, which the lddt head's LayerNorm keeps. */
#define HEADS_LAYER_NORM_EPS 1e-5f
/* Rows of the pair tensor whose pTM logits are alive at once. */
#define TM_ROW_BLOCK 16

typedef struct
{
  const float *weight;
  const float *bias;
} HeadLinear;

struct _PleatEsmFoldHeads
{
  guint         c_s;          /* trunk sequence_state_dim */
  guint         c_z;          /* trunk pairwise_state_dim */
  guint         sm_c_s;       /* structure module sequence_dim */
  guint         lddt_hidden;

  /* Owned */
  PleatWeights *weights;

  /* Borrowed */
  HeadLinear    distogram;    /* c_z -> 64 */
  HeadLinear    ptm;          /* c_z -> 64 */
  HeadLinear    lm;           /* c_s -> 23 */
  HeadLinear    lddt_norm;    /* LayerNorm (sm_c_s) */
  HeadLinear    lddt_1;       /* sm_c_s -> hidden */
  HeadLinear    lddt_2;       /* hidden -> hidden */
  HeadLinear    lddt_3;       /* hidden -> 37 * 50 */
};

static gboolean
get_head (PleatWeights *weights,
          const char   *name,
          gint64        n_out,
          gint64        n_in,
          HeadLinear   *out,
          GError      **error)
{
  g_autofree char *w = g_strconcat (name, ".weight", NULL);
  g_autofree char *b = g_strconcat (name, ".bias", NULL);

  /* n_in == 0: a LayerNorm, whose weight is (n_out). */
  if (n_in > 0)
    out->weight = pleat_weights_get_f32 (weights, w, PLEAT_SHAPE (n_out, n_in), error);
  else
    out->weight = pleat_weights_get_f32 (weights, w, PLEAT_SHAPE (n_out), error);
  if (out->weight == NULL)
    return FALSE;
  out->bias = pleat_weights_get_f32 (weights, b, PLEAT_SHAPE (n_out), error);
  return out->bias != NULL;
}

PleatEsmFoldHeads *
pleat_esmfold_heads_new_from_weights (const PleatEsmFoldConfig  *config,
                                      PleatWeights              *weights,
                                      GError                   **error)
{
  PleatEsmFoldHeads *self;
  gint64 hid;

  g_return_val_if_fail (config != NULL, NULL);
  g_return_val_if_fail (weights != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (config->lddt_head_hid_dim == 0 || config->trunk.pairwise_state_dim == 0
      || config->trunk.sequence_state_dim == 0 || config->trunk.structure_module.sequence_dim == 0)
    {
      g_set_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_INVALID_CONFIG,
                   _("The ESMFold head configuration has a dimension of zero"));
      return NULL;
    }

  self = g_new0 (PleatEsmFoldHeads, 1);
  self->c_s = config->trunk.sequence_state_dim;
  self->c_z = config->trunk.pairwise_state_dim;
  self->sm_c_s = config->trunk.structure_module.sequence_dim;
  self->lddt_hidden = config->lddt_head_hid_dim;
  self->weights = pleat_weights_ref (weights);
  hid = self->lddt_hidden;

  if (!get_head (weights, "distogram_head", PLEAT_ESMFOLD_DISTOGRAM_BINS, self->c_z,
                 &self->distogram, error)
      || !get_head (weights, "ptm_head", PLEAT_ESMFOLD_DISTOGRAM_BINS, self->c_z, &self->ptm,
                    error)
      || !get_head (weights, "lm_head", PLEAT_ESMFOLD_LM_TOKENS, self->c_s, &self->lm, error)
      || !get_head (weights, "lddt_head.0", self->sm_c_s, 0, &self->lddt_norm, error)
      || !get_head (weights, "lddt_head.1", hid, self->sm_c_s, &self->lddt_1, error)
      || !get_head (weights, "lddt_head.2", hid, hid, &self->lddt_2, error)
      || !get_head (weights, "lddt_head.3", PLEAT_ESMFOLD_N_ATOM37 * PLEAT_ESMFOLD_LDDT_BINS,
                    hid, &self->lddt_3, error))
    {
      pleat_esmfold_heads_free (self);
      return NULL;
    }
  return self;
}

void
pleat_esmfold_heads_free (PleatEsmFoldHeads *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->weights, pleat_weights_unref);
  g_free (self);
}

typedef struct
{
  float  *logits;             /* (L, L, 64) */
  size_t  n_res;
} SymJob;

/* (d + dᵀ) / 2 over the (i, j) plane, each unordered pair once. */
static void
symmetrise_cb (void   *data,
               size_t  begin,
               size_t  end,
               int     ith)
{
  const SymJob *job = data;
  size_t n = job->n_res, nb = PLEAT_ESMFOLD_DISTOGRAM_BINS;

  for (size_t i = begin; i < end; i++)
    for (size_t j = i; j < n; j++)
      {
        float *a = job->logits + (i * n + j) * nb;
        float *b = job->logits + (j * n + i) * nb;

        for (size_t k = 0; k < nb; k++)
          {
            float v = (a[k] + b[k]) / 2.0f;

            a[k] = v;
            b[k] = v;
          }
      }
}

void
pleat_esmfold_heads_distogram (PleatEsmFoldHeads   *self,
                               const PleatLayerCtx *ctx,
                               const float         *s_z,
                               guint                n_res,
                               float               *logits)
{
  SymJob job = { logits, n_res };
  size_t nb = PLEAT_ESMFOLD_DISTOGRAM_BINS;

  g_return_if_fail (self != NULL && ctx != NULL && s_z != NULL && logits != NULL);

  pleat_layer_linear (ctx, s_z, self->c_z, self->distogram.weight, self->distogram.bias,
                      logits, nb, (size_t) n_res * n_res, self->c_z, nb, FALSE);
  ctx->par.parallel_for (ctx->par.pool, n_res, 4, symmetrise_cb, &job);
}

void
pleat_esmfold_heads_ptm_logits (PleatEsmFoldHeads   *self,
                                const PleatLayerCtx *ctx,
                                const float         *s_z,
                                guint                n_res,
                                float               *logits)
{
  size_t nb = PLEAT_ESMFOLD_DISTOGRAM_BINS;

  g_return_if_fail (self != NULL && ctx != NULL && s_z != NULL && logits != NULL);

  pleat_layer_linear (ctx, s_z, self->c_z, self->ptm.weight, self->ptm.bias,
                      logits, nb, (size_t) n_res * n_res, self->c_z, nb, FALSE);
}

void
pleat_esmfold_heads_lm (PleatEsmFoldHeads   *self,
                        const PleatLayerCtx *ctx,
                        const float         *s_s,
                        guint                n_res,
                        float               *logits)
{
  g_return_if_fail (self != NULL && ctx != NULL && s_s != NULL && logits != NULL);

  pleat_layer_linear (ctx, s_s, self->c_s, self->lm.weight, self->lm.bias,
                      logits, PLEAT_ESMFOLD_LM_TOKENS, n_res, self->c_s,
                      PLEAT_ESMFOLD_LM_TOKENS, FALSE);
}

typedef struct
{
  const float *probs;         /* (n_rows, 50) */
  float       *plddt;         /* (n_rows) */
} LddtJob;

static void
lddt_mean_cb (void   *data,
              size_t  begin,
              size_t  end,
              int     ith)
{
  const LddtJob *job = data;

  for (size_t r = begin; r < end; r++)
    {
      const float *p = job->probs + r * PLEAT_ESMFOLD_LDDT_BINS;
      double acc = 0;

      /* EsmCategoricalMixture: bin centres (b + 0.5) / 50 on [0, 1], scaled to 0-100. */
      for (guint b = 0; b < PLEAT_ESMFOLD_LDDT_BINS; b++)
        acc += p[b] * ((b + 0.5) / PLEAT_ESMFOLD_LDDT_BINS);
      job->plddt[r] = (float) (100.0 * acc);
    }
}

void
pleat_esmfold_heads_plddt (PleatEsmFoldHeads   *self,
                           const PleatLayerCtx *ctx,
                           const float         *states,
                           guint                n_res,
                           float               *logits,
                           float               *plddt)
{
  size_t n = n_res, c = self->sm_c_s, hid = self->lddt_hidden;
  size_t n_out = PLEAT_ESMFOLD_N_ATOM37 * PLEAT_ESMFOLD_LDDT_BINS;
  g_autofree float *x = NULL;
  g_autofree float *h1 = NULL;
  g_autofree float *h2 = NULL;
  g_autofree float *own_logits = NULL;
  LddtJob job;

  g_return_if_fail (self != NULL && ctx != NULL && states != NULL && plddt != NULL);

  /* Once per fold and small (L x (c + 2 hidden)), so allocated here. */
  x = g_new (float, n * c);
  h1 = g_new (float, n * hid);
  h2 = g_new (float, n * hid);
  if (logits == NULL)
    logits = own_logits = g_new (float, n * n_out);

  /* LayerNorm -> Linear -> Linear -> Linear: no activations, as in the reference. */
  pleat_layer_layer_norm (ctx, states, c, self->lddt_norm.weight, self->lddt_norm.bias,
                          HEADS_LAYER_NORM_EPS, x, c, n, c);
  pleat_layer_linear (ctx, x, c, self->lddt_1.weight, self->lddt_1.bias, h1, hid, n, c, hid,
                      FALSE);
  pleat_layer_linear (ctx, h1, hid, self->lddt_2.weight, self->lddt_2.bias, h2, hid, n, hid,
                      hid, FALSE);
  pleat_layer_linear (ctx, h2, hid, self->lddt_3.weight, self->lddt_3.bias, logits, n_out, n,
                      hid, n_out, FALSE);

  /* The softmax goes into a copy so that the caller's logits stay logits. */
  g_clear_pointer (&h1, g_free);
  h1 = g_new (float, n * n_out);
  memcpy (h1, logits, n * n_out * sizeof (float));
  pleat_layer_softmax (ctx, h1, PLEAT_ESMFOLD_LDDT_BINS, NULL, 0, NULL, 0, 0.0f,
                       n * PLEAT_ESMFOLD_N_ATOM37, PLEAT_ESMFOLD_LDDT_BINS);
  job.probs = h1;
  job.plddt = plddt;
  ctx->par.parallel_for (ctx->par.pool, n * PLEAT_ESMFOLD_N_ATOM37, 256, lddt_mean_cb, &job);
}

/* ---- Aligned error and TM scores ---- */

typedef struct
{
  const PleatKernels *k;
  const float        *logits;        /* (n_rows, L, 64) for rows row0 .. row0 + n_rows */
  size_t              row0;
  size_t              n_res;
  const guint        *asym_id;       /* (L) or NULL */
  const guint8       *linker;        /* (L) or NULL */
  double              tm_ptm[PLEAT_ESMFOLD_DISTOGRAM_BINS];
  double              tm_iptm[PLEAT_ESMFOLD_DISTOGRAM_BINS];
  float              *pae;           /* (L, L) */
  double             *row_ptm;       /* (L): Σ_j tm term, all positions */
  double             *row_iptm_num;  /* (L): Σ_j over residues of other chains */
  double             *row_iptm_den;  /* (L): how many such j */
} TmJob;

/* OpenFold's bin centres: linspace (0, 31, 63) breaks, + half a step, + one more bin. Exact in
 * float32, so computing them in double changes nothing. */
static double
pae_bin_centre (guint b)
{
  return 0.25 + 0.5 * b;
}

/* TM-score d0 for n residues (Yang & Skolnick 2004 eq. 5), n clipped to 19 as OpenFold and
 * AlphaFold do. */
static double
tm_d0 (double n)
{
  double clipped = MAX (n, 19.0);

  return 1.24 * cbrt (clipped - 15.0) - 1.8;
}

static void
tm_rows_cb (void   *data,
            size_t  begin,
            size_t  end,
            int     ith)
{
  const TmJob *job = data;
  size_t n = job->n_res, nb = PLEAT_ESMFOLD_DISTOGRAM_BINS;
  float p[PLEAT_ESMFOLD_DISTOGRAM_BINS];

  for (size_t r = begin; r < end; r++)
    {
      size_t i = job->row0 + r;
      double sum_ptm = 0, num = 0, den = 0;
      gboolean i_counts = job->linker == NULL || !job->linker[i];

      for (size_t j = 0; j < n; j++)
        {
          double pae = 0, tp = 0, ti = 0;

          memcpy (p, job->logits + (r * n + j) * nb, sizeof p);
          job->k->softmax (p, nb, NULL, 0, NULL, 0, 0.0f, 1, nb);
          for (size_t b = 0; b < nb; b++)
            {
              pae += p[b] * pae_bin_centre (b);
              tp += p[b] * job->tm_ptm[b];
              ti += p[b] * job->tm_iptm[b];
            }
          job->pae[i * n + j] = (float) pae;
          sum_ptm += tp;

          /* AF-multimer's interface pair mask: other chains only, residues only. */
          if (job->asym_id != NULL && i_counts && job->asym_id[i] != job->asym_id[j]
              && (job->linker == NULL || !job->linker[j]))
            {
              num += ti;
              den += 1;
            }
        }
      job->row_ptm[i] = sum_ptm;
      job->row_iptm_num[i] = num;
      job->row_iptm_den[i] = den;
    }
}

static void
tm_job_init (TmJob              *job,
             const PleatKernels *k,
             guint               n_res,
             const guint        *asym_id,
             const guint8       *linker,
             float              *pae,
             double             *rows)
{
  double n_residues = 0;
  double d0_ptm, d0_iptm;

  memset (job, 0, sizeof *job);
  job->k = k;
  job->n_res = n_res;
  job->asym_id = asym_id;
  job->linker = linker;
  job->pae = pae;
  job->row_ptm = rows;
  job->row_iptm_num = rows + n_res;
  job->row_iptm_den = rows + 2 * (gsize) n_res;

  for (guint i = 0; i < n_res; i++)
    n_residues += linker == NULL || !linker[i] ? 1 : 0;
  /* pTM: d0 from all positions, as compute_tm sees the whole (linker-joined) input. ipTM:
   * from the residues, as AlphaFold's predicted_tm_score takes num_res = Σ residue_weights. */
  d0_ptm = tm_d0 (n_res);
  d0_iptm = tm_d0 (n_residues);
  for (guint b = 0; b < PLEAT_ESMFOLD_DISTOGRAM_BINS; b++)
    {
      double c = pae_bin_centre (b);

      job->tm_ptm[b] = 1.0 / (1.0 + c * c / (d0_ptm * d0_ptm));
      job->tm_iptm[b] = 1.0 / (1.0 + c * c / (d0_iptm * d0_iptm));
    }
}

/* The reductions of OpenFold's compute_tm and AlphaFold's predicted_tm_score over the row
 * sums: per-alignment scores, then the value at the best-scoring aligned residue. */
static void
tm_job_finish (const TmJob *job,
               double      *ptm,
               double      *iptm)
{
  size_t n = job->n_res;
  double best = -G_MAXDOUBLE, best_i = -G_MAXDOUBLE;
  gboolean interface = FALSE;

  for (size_t i = 0; i < n; i++)
    {
      /* normed_residue_mask = 1 / (eps + Σ weights) with every weight 1. */
      double per = job->row_ptm[i] / (1e-8 + (double) n);

      best = MAX (best, per);
    }
  *ptm = best;

  if (iptm == NULL)
    return;
  for (size_t i = 0; i < n; i++)
    {
      double w = job->linker == NULL || !job->linker[i] ? 1.0 : 0.0;
      double per = job->row_iptm_num[i] / (1e-8 + job->row_iptm_den[i]);

      if (job->row_iptm_den[i] > 0)
        interface = TRUE;
      /* argmax of per_alignment * residue_weights, and the per_alignment there. */
      if (per * w > best_i)
        best_i = per * w;
    }
  *iptm = job->asym_id != NULL && interface ? best_i : NAN;
}

void
pleat_esmfold_aligned_error_from_logits (const PleatLayerCtx *ctx,
                                         const float         *logits,
                                         guint                n_res,
                                         const guint         *asym_id,
                                         const guint8        *linker,
                                         float               *pae,
                                         double              *ptm,
                                         double              *iptm)
{
  g_autofree double *rows = NULL;
  TmJob job;

  g_return_if_fail (ctx != NULL && logits != NULL && pae != NULL && ptm != NULL);

  rows = g_new0 (double, 3 * (gsize) n_res);
  tm_job_init (&job, ctx->k, n_res, asym_id, linker, pae, rows);
  job.logits = logits;
  job.row0 = 0;
  ctx->par.parallel_for (ctx->par.pool, n_res, 1, tm_rows_cb, &job);
  tm_job_finish (&job, ptm, iptm);
}

gboolean
pleat_esmfold_heads_aligned_error (PleatEsmFoldHeads    *self,
                                   const PleatLayerCtx  *ctx,
                                   const float          *s_z,
                                   guint                 n_res,
                                   const guint          *asym_id,
                                   const guint8         *linker,
                                   float                *pae,
                                   double               *ptm,
                                   double               *iptm,
                                   GError              **error)
{
  g_autofree double *rows = NULL;
  g_autofree float *block = NULL;
  size_t n = n_res, nb = PLEAT_ESMFOLD_DISTOGRAM_BINS;
  size_t block_rows = MIN ((size_t) TM_ROW_BLOCK, n);
  TmJob job;

  g_return_val_if_fail (self != NULL && ctx != NULL && s_z != NULL, FALSE);
  g_return_val_if_fail (pae != NULL && ptm != NULL, FALSE);

  rows = g_try_new0 (double, 3 * n);
  block = g_try_new (float, block_rows * n * nb);
  if (rows == NULL || block == NULL)
    {
      g_set_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_OUT_OF_MEMORY,
                   _("Not enough memory for the predicted aligned error of %u residues"), n_res);
      return FALSE;
    }

  tm_job_init (&job, ctx->k, n_res, asym_id, linker, pae, rows);
  job.logits = block;
  for (size_t row0 = 0; row0 < n; row0 += block_rows)
    {
      size_t rows_here = MIN (block_rows, n - row0);

      pleat_layer_linear (ctx, s_z + row0 * n * self->c_z, self->c_z, self->ptm.weight,
                          self->ptm.bias, block, nb, rows_here * n, self->c_z, nb, FALSE);
      job.row0 = row0;
      ctx->par.parallel_for (ctx->par.pool, rows_here, 1, tm_rows_cb, &job);
    }
  tm_job_finish (&job, ptm, iptm);
  return TRUE;
}
