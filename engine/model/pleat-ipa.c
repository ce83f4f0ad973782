/* pleat-ipa.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Invariant point attention (AlphaFold 2 supplement, Algorithm 22) as OpenFold's
 * InvariantPointAttention computes it at inference, with the layer library's linears, matmuls
 * and softmax. The (n_heads, L, L) attention matrix is kept whole so that the three weighted
 * sums that share it (values, value points, pair rows) run as matrix products; it is n_heads /
 * c_z the size of the pair input the caller already holds.
 */
#define G_LOG_DOMAIN "pleat-engine"

#include "config.h"

#include <math.h>

#include "pleat-structure-module-private.h"

typedef struct
{
  PleatStructureModule        *self;
  PleatStructureModuleScratch *scratch;
  const float                 *mask;
} IpaJob;

/* Query and key/value points from each residue's local frame into the global one. */
static void
points_to_global_cb (void   *data,
                     size_t  begin,
                     size_t  end,
                     int     ith)
{
  const IpaJob *job = data;
  const PleatStructureModuleConfig *c = &job->self->config;
  PleatStructureModuleScratch *sc = job->scratch;
  guint n_heads = c->num_heads_ipa, n_qk = c->num_qk_points, n_v = c->num_v_points;
  guint n_q = n_heads * n_qk, n_kv = n_heads * (n_qk + n_v);

  for (size_t i = begin; i < end; i++)
    {
      const PleatRigid *r = &sc->rigids[i];
      const float *qp = sc->q_pts + i * 3 * n_q;
      const float *kvp = sc->kv_pts + i * 3 * n_kv;

      /* The linear's output is three blocks (x, y, z) of n_heads * n_points each, as the
       * reference's split + stack reads it. */
      for (guint hp = 0; hp < n_q; hp++)
        {
          double p[3] = { qp[hp], qp[n_q + hp], qp[2 * n_q + hp] };
          double g[3];
          float *dst = sc->q_glob + (i * n_q + hp) * 3;

          pleat_rigid_apply (r, p, g);
          dst[0] = (float) g[0];
          dst[1] = (float) g[1];
          dst[2] = (float) g[2];
        }
      for (guint h = 0; h < n_heads; h++)
        for (guint p = 0; p < n_qk + n_v; p++)
          {
            guint hp = h * (n_qk + n_v) + p;
            double v[3] = { kvp[hp], kvp[n_kv + hp], kvp[2 * n_kv + hp] };
            double g[3];
            float *dst;

            pleat_rigid_apply (r, v, g);
            if (p < n_qk)
              dst = sc->k_glob + ((i * n_heads + h) * n_qk + p) * 3;
            else
              dst = sc->v_glob + ((i * n_heads + h) * n_v + (p - n_qk)) * 3;
            dst[0] = (float) g[0];
            dst[1] = (float) g[1];
            dst[2] = (float) g[2];
          }
    }
}

/* Rows (h, i) of the logits, which hold q·k * sqrt(1/(3 c)) on entry: add the pair bias, the
 * point-distance term and the mask, in the reference's order. */
static void
logits_cb (void   *data,
           size_t  begin,
           size_t  end,
           int     ith)
{
  const IpaJob *job = data;
  const PleatStructureModuleConfig *c = &job->self->config;
  PleatStructureModuleScratch *sc = job->scratch;
  const float *head_weights = job->self->head_weights;
  size_t n_res = sc->n_res;
  guint n_heads = c->num_heads_ipa, n_qk = c->num_qk_points;
  const float sqrt_third = (float) sqrt (1.0 / 3.0);
  const float inf = (float) c->inf;

  for (size_t row = begin; row < end; row++)
    {
      size_t h = row / n_res, i = row % n_res;
      float *a = sc->attn + row * n_res;
      const float *qg = sc->q_glob + (i * n_heads + h) * n_qk * 3;
      float hw = head_weights[h];
      float mask_i = job->mask != NULL ? job->mask[i] : 1.0f;

      for (size_t j = 0; j < n_res; j++)
        {
          const float *kg = sc->k_glob + (j * n_heads + h) * n_qk * 3;
          float pt = 0.0f;
          float mask_j = job->mask != NULL ? job->mask[j] : 1.0f;

          for (guint p = 0; p < n_qk; p++)
            {
              float dx = qg[p * 3 + 0] - kg[p * 3 + 0];
              float dy = qg[p * 3 + 1] - kg[p * 3 + 1];
              float dz = qg[p * 3 + 2] - kg[p * 3 + 2];

              pt += (dx * dx + dy * dy + dz * dz) * hw;
            }
          a[j] += sqrt_third * sc->pair_bias[(i * n_res + j) * n_heads + h];
          a[j] += pt * -0.5f;
          /* inf * (mask_i mask_j - 1): 0 for real pairs, -inf (1e5) for padding. */
          a[j] += inf * (mask_i * mask_j - 1.0f);
        }
    }
}

/* The attended value points back into each residue's frame, and their norms. */
static void
points_to_local_cb (void   *data,
                    size_t  begin,
                    size_t  end,
                    int     ith)
{
  const IpaJob *job = data;
  const PleatStructureModuleConfig *c = &job->self->config;
  PleatStructureModuleScratch *sc = job->scratch;
  guint n_heads = c->num_heads_ipa, n_v = c->num_v_points;
  guint n_hv = n_heads * n_v;
  size_t d_cat = (size_t) n_heads * (c->pairwise_dim + c->ipa_dim + 4 * n_v);
  size_t off = (size_t) n_heads * c->ipa_dim;
  double eps = c->epsilon;

  for (size_t i = begin; i < end; i++)
    {
      float *cat = sc->cat + i * d_cat + off;

      for (guint hp = 0; hp < n_hv; hp++)
        {
          const float *g = sc->o_pt + (i * n_hv + hp) * 3;
          double pg[3] = { g[0], g[1], g[2] };
          double l[3];
          float x, y, z;

          pleat_rigid_invert_apply (&sc->rigids[i], pg, l);
          x = (float) l[0];
          y = (float) l[1];
          z = (float) l[2];
          cat[hp] = x;
          cat[n_hv + hp] = y;
          cat[2 * n_hv + hp] = z;
          cat[3 * n_hv + hp] = (float) sqrt ((double) (x * x + y * y + z * z) + eps);
        }
    }
}

void
_pleat_ipa_forward (PleatStructureModule        *self,
                    const PleatLayerCtx         *ctx,
                    const float                 *pair,
                    const float                 *mask,
                    PleatStructureModuleScratch *sc)
{
  const PleatStructureModuleConfig *c = &self->config;
  size_t n_res = sc->n_res;
  size_t n_heads = c->num_heads_ipa, c_ipa = c->ipa_dim, c_s = c->sequence_dim;
  size_t c_z = c->pairwise_dim, n_qk = c->num_qk_points, n_v = c->num_v_points;
  size_t d_cat = n_heads * (c_z + c_ipa + 4 * n_v);
  size_t hc = n_heads * c_ipa;
  IpaJob job = { self, sc, mask };

  /* Scalar and point projections of the single state. */
  pleat_layer_linear (ctx, sc->s, c_s, self->ipa_q.weight, self->ipa_q.bias,
                      sc->q, hc, n_res, c_s, hc, FALSE);
  pleat_layer_linear (ctx, sc->s, c_s, self->ipa_kv.weight, self->ipa_kv.bias,
                      sc->kv, 2 * hc, n_res, c_s, 2 * hc, FALSE);
  pleat_layer_linear (ctx, sc->s, c_s, self->ipa_q_points.weight, self->ipa_q_points.bias,
                      sc->q_pts, 3 * n_heads * n_qk, n_res, c_s, 3 * n_heads * n_qk, FALSE);
  pleat_layer_linear (ctx, sc->s, c_s, self->ipa_kv_points.weight, self->ipa_kv_points.bias,
                      sc->kv_pts, 3 * n_heads * (n_qk + n_v), n_res, c_s,
                      3 * n_heads * (n_qk + n_v), FALSE);
  ctx->par.parallel_for (ctx->par.pool, n_res, 16, points_to_global_cb, &job);

  /* logits[h] = q_h k_hᵀ * sqrt(1/(3 c_ipa)); k of head h sits at column 2 c h of kv. */
  pleat_layer_matmul_batched (ctx, n_heads, FALSE, TRUE, n_res, n_res, c_ipa,
                              (float) sqrt (1.0 / (3.0 * c_ipa)),
                              sc->q, hc, c_ipa,
                              sc->kv, 2 * hc, 2 * c_ipa,
                              0.0f, sc->attn, n_res, n_res * n_res);
  ctx->par.parallel_for (ctx->par.pool, n_heads * n_res, 4, logits_cb, &job);
  pleat_layer_softmax (ctx, sc->attn, n_res, NULL, 0, NULL, 0, 0.0f, n_heads * n_res, n_res);

  /* o[i, h] = Σ_j a[h, i, j] v[j, h]: v of head h at column 2 c h + c of kv. */
  pleat_layer_matmul_batched (ctx, n_heads, FALSE, FALSE, n_res, c_ipa, n_res, 1.0f,
                              sc->attn, n_res, n_res * n_res,
                              sc->kv + c_ipa, 2 * hc, 2 * c_ipa,
                              0.0f, sc->cat, d_cat, c_ipa);

  /* Value points in the global frame, then back into each residue's frame. */
  pleat_layer_matmul_batched (ctx, n_heads, FALSE, FALSE, n_res, 3 * n_v, n_res, 1.0f,
                              sc->attn, n_res, n_res * n_res,
                              sc->v_glob, n_heads * 3 * n_v, 3 * n_v,
                              0.0f, sc->o_pt, n_heads * 3 * n_v, 3 * n_v);
  ctx->par.parallel_for (ctx->par.pool, n_res, 16, points_to_local_cb, &job);

  /* o_pair[i, h] = Σ_j a[h, i, j] z[i, j]: one (n_heads, L) x (L, c_z) product per residue i,
   * the heads' rows of a being L² apart. */
  pleat_layer_matmul_batched (ctx, n_res, FALSE, FALSE, n_heads, c_z, n_res, 1.0f,
                              sc->attn, n_res * n_res, n_res,
                              pair, c_z, n_res * c_z,
                              0.0f, sc->cat + hc + 4 * n_heads * n_v, c_z, d_cat);

  /* s += linear_out (cat) */
  pleat_layer_linear (ctx, sc->cat, d_cat, self->ipa_out.weight, self->ipa_out.bias,
                      sc->s, c_s, n_res, d_cat, c_s, TRUE);
}
