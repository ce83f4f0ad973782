/* bench-structure-module.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The structure module and the heads at esmfold_v1's real sizes (c_s 384, c_z 128, 12 IPA
 * heads, 8 blocks; trunk 1024 / 128), random weights, warm: one untimed run, then the mean of
 * the timed ones. A benchmark, not a test: `meson test --benchmark --suite bench` or run it with
 * the lengths to try: bench-structure-module [-t THREADS] [L ...].
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "pleat-compute.h"
#include "pleat-esmfold-heads.h"
#include "pleat-model-config.h"
#include "pleat-structure-module.h"
#include "pleat-weights.h"

typedef struct
{
  GString *header;
  GArray  *data;     /* of float */
  GRand   *rand;
} Blob;

static void
blob_add (Blob       *b,
          const char *name,
          gint64      d0,
          gint64      d1)
{
  gint64 n = d1 > 0 ? d0 * d1 : d0;
  gsize start = b->data->len * sizeof (float);
  double scale = d1 > 0 ? 1.0 / sqrt ((double) d1) : 0.1;

  for (gint64 i = 0; i < n; i++)
    {
      float v = (float) (g_rand_double_range (b->rand, -1, 1) * scale * 1.7);

      g_array_append_val (b->data, v);
    }
  if (b->header->len > 1)
    g_string_append_c (b->header, ',');
  if (d1 > 0)
    g_string_append_printf (b->header, "\"%s\":{\"dtype\":\"F32\",\"shape\":[%" G_GINT64_FORMAT
                            ",%" G_GINT64_FORMAT "],\"data_offsets\":[%" G_GSIZE_FORMAT ",%"
                            G_GSIZE_FORMAT "]}", name, d0, d1, start,
                            (gsize) (b->data->len * sizeof (float)));
  else
    g_string_append_printf (b->header, "\"%s\":{\"dtype\":\"F32\",\"shape\":[%" G_GINT64_FORMAT
                            "],\"data_offsets\":[%" G_GSIZE_FORMAT ",%" G_GSIZE_FORMAT "]}",
                            name, d0, start, (gsize) (b->data->len * sizeof (float)));
}

static void
add_linear (Blob       *b,
            const char *name,
            gint64      n_out,
            gint64      n_in)
{
  g_autofree char *w = g_strconcat (name, ".weight", NULL);
  g_autofree char *bias = g_strconcat (name, ".bias", NULL);

  blob_add (b, w, n_out, n_in);
  blob_add (b, bias, n_out, 0);
}

/* Every structure-module and head tensor of an EsmForProteinFolding with this config. */
static GBytes *
random_weights (const PleatEsmFoldConfig *c)
{
  const PleatStructureModuleConfig *sm = &c->trunk.structure_module;
  gint64 cs = sm->sequence_dim, cz = sm->pairwise_dim, h = sm->num_heads_ipa;
  gint64 hc = h * sm->ipa_dim, pq = sm->num_qk_points, pv = sm->num_v_points;
  gint64 cr = sm->resnet_dim, hid = c->lddt_head_hid_dim;
  Blob b = { g_string_new ("{"), g_array_new (FALSE, FALSE, sizeof (float)),
             g_rand_new_with_seed (1) };
  const char *p = "trunk.structure_module.";
  GByteArray *out;
  guint64 hlen;

#define L(name, o, i) \
  G_STMT_START { g_autofree char *n_ = g_strconcat (p, name, NULL); add_linear (&b, n_, o, i); } \
  G_STMT_END
  /* LayerNorms: weight and bias of one dimension (n_in = 0). */
  L ("layer_norm_s", cs, 0);
  L ("layer_norm_z", cz, 0);
  L ("layer_norm_ipa", cs, 0);
  L ("transition.layer_norm", cs, 0);
  L ("linear_in", cs, cs);
  L ("ipa.linear_q", hc, cs);
  L ("ipa.linear_kv", 2 * hc, cs);
  L ("ipa.linear_q_points", h * pq * 3, cs);
  L ("ipa.linear_kv_points", h * (pq + pv) * 3, cs);
  L ("ipa.linear_b", h, cz);
  L ("ipa.linear_out", cs, h * (cz + sm->ipa_dim + 4 * pv));
  L ("bb_update.linear", 6, cs);
  L ("angle_resnet.linear_in", cr, cs);
  L ("angle_resnet.linear_initial", cr, cs);
  L ("angle_resnet.linear_out", 2 * sm->num_angles, cr);
  for (guint l = 0; l < sm->num_transition_layers; l++)
    for (guint j = 1; j <= 3; j++)
      {
        g_autofree char *n = g_strdup_printf ("transition.layers.%u.linear_%u", l, j);

        L (n, cs, cs);
      }
  for (guint l = 0; l < sm->num_resnet_blocks; l++)
    for (guint j = 1; j <= 2; j++)
      {
        g_autofree char *n = g_strdup_printf ("angle_resnet.layers.%u.linear_%u", l, j);

        L (n, cr, cr);
      }
#undef L
  {
    g_autofree char *hw = g_strconcat (p, "ipa.head_weights", NULL);

    blob_add (&b, hw, h, 0);
  }
  add_linear (&b, "distogram_head", 64, c->trunk.pairwise_state_dim);
  add_linear (&b, "ptm_head", 64, c->trunk.pairwise_state_dim);
  add_linear (&b, "lm_head", 23, c->trunk.sequence_state_dim);
  add_linear (&b, "lddt_head.0", cs, 0);
  add_linear (&b, "lddt_head.1", hid, cs);
  add_linear (&b, "lddt_head.2", hid, hid);
  add_linear (&b, "lddt_head.3", 37 * 50, hid);
  g_string_append_c (b.header, '}');
  while (b.header->len % 8 != 0)
    g_string_append_c (b.header, ' ');

  hlen = GUINT64_TO_LE (b.header->len);
  out = g_byte_array_new ();
  g_byte_array_append (out, (const guint8 *) &hlen, 8);
  g_byte_array_append (out, (const guint8 *) b.header->str, b.header->len);
  g_byte_array_append (out, (const guint8 *) b.data->data, b.data->len * sizeof (float));
  g_string_free (b.header, TRUE);
  g_array_unref (b.data);
  g_rand_free (b.rand);
  return g_byte_array_free_to_bytes (out);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PleatEsmConfig) config = pleat_esm_config_new_default ();
  g_autoptr(PleatCompute) compute = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(PleatWeights) weights = NULL;
  g_autoptr(PleatStructureModule) sm = NULL;
  PleatEsmFoldHeads *heads;
  const PleatStructureModuleConfig *c = &config->esmfold.trunk.structure_module;
  const PleatLayerCtx *ctx;
  g_autoptr(GArray) lengths = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GRand) rand = g_rand_new_with_seed (2);
  int n_threads = 0;

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "-t") && i + 1 < argc)
        n_threads = atoi (argv[++i]);
      else
        {
          guint l = (guint) atoi (argv[i]);

          if (l > 0)
            g_array_append_val (lengths, l);
        }
    }
  if (lengths->len == 0)
    {
      guint def[] = { 64, 256 };

      g_array_append_vals (lengths, def, G_N_ELEMENTS (def));
    }

  compute = pleat_compute_new (n_threads, &error);
  g_assert_no_error (error);
  ctx = pleat_compute_get_layer_ctx (compute);
  bytes = random_weights (&config->esmfold);
  weights = pleat_weights_new_from_bytes (bytes, "random esmfold_v1 structure module", NULL,
                                          &error);
  g_assert_no_error (error);
  sm = pleat_structure_module_new_from_weights (c, weights, "trunk.structure_module.", &error);
  g_assert_no_error (error);
  heads = pleat_esmfold_heads_new_from_weights (&config->esmfold, weights, &error);
  g_assert_no_error (error);

  g_print ("# structure module + heads, esmfold_v1 sizes, %s kernels, %d threads\n",
           pleat_kernels_isa_name (pleat_compute_get_isa (compute)),
           pleat_compute_get_n_threads (compute));
  g_print ("# L  sm_ms  plddt_ms  pae_ptm_ms  scratch_MiB  output_MiB\n");
  for (guint li = 0; li < lengths->len; li++)
    {
      guint n = g_array_index (lengths, guint, li);
      gsize cz_t = config->esmfold.trunk.pairwise_state_dim;
      g_autofree float *single = g_new (float, (gsize) n * c->sequence_dim);
      g_autofree float *pair0 = g_new (float, (gsize) n * n * c->pairwise_dim);
      g_autofree float *pair = g_new (float, (gsize) n * n * c->pairwise_dim);
      g_autofree float *s_z = g_new (float, (gsize) n * n * cz_t);
      g_autofree guint8 *aatype = g_new (guint8, n);
      g_autofree float *plddt = g_new (float, (gsize) n * 37);
      g_autofree float *pae = g_new (float, (gsize) n * n);
      g_autoptr(PleatStructureModuleScratch) scratch = NULL;
      g_autoptr(PleatStructureModuleOutput) out = NULL;
      double t_sm = 0, t_plddt = 0, t_pae = 0, ptm, iptm;
      int reps = n <= 128 ? 5 : 2;

      for (gsize i = 0; i < (gsize) n * c->sequence_dim; i++)
        single[i] = (float) g_rand_double_range (rand, -2, 2);
      for (gsize i = 0; i < (gsize) n * n * c->pairwise_dim; i++)
        pair0[i] = (float) g_rand_double_range (rand, -2, 2);
      for (gsize i = 0; i < (gsize) n * n * cz_t; i++)
        s_z[i] = (float) g_rand_double_range (rand, -2, 2);
      for (guint i = 0; i < n; i++)
        aatype[i] = (guint8) g_rand_int_range (rand, 0, 20);

      scratch = pleat_structure_module_scratch_new (sm, n, &error);
      g_assert_no_error (error);
      out = pleat_structure_module_output_new (sm, n);

      for (int rep = 0; rep <= reps; rep++)
        {
          gint64 t0, t1, t2, t3;

          memcpy (pair, pair0, (gsize) n * n * c->pairwise_dim * sizeof (float));
          t0 = g_get_monotonic_time ();
          g_assert_true (pleat_structure_module_run (sm, ctx, single, pair, aatype, NULL, scratch,
                                                     out, NULL, &error));
          t1 = g_get_monotonic_time ();
          pleat_esmfold_heads_plddt (heads, ctx, out->states + (gsize) (c->num_blocks - 1) * n
                                     * c->sequence_dim, n, NULL, plddt);
          t2 = g_get_monotonic_time ();
          g_assert_true (pleat_esmfold_heads_aligned_error (heads, ctx, s_z, n, NULL, NULL, pae,
                                                            &ptm, &iptm, &error));
          t3 = g_get_monotonic_time ();
          if (rep == 0)
            continue;   /* warm-up */
          t_sm += (t1 - t0) / 1e3;
          t_plddt += (t2 - t1) / 1e3;
          t_pae += (t3 - t2) / 1e3;
        }
      g_print ("%u  %.1f  %.2f  %.1f  %.1f  %.2f\n", n, t_sm / reps, t_plddt / reps, t_pae / reps,
               pleat_structure_module_get_scratch_size (c, n) / 1048576.0,
               pleat_structure_module_get_output_size (c, n) / 1048576.0);
    }

  pleat_esmfold_heads_free (heads);
  return 0;
}
