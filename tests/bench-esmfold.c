/* bench-esmfold.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * ESMFold v1 benchmark and smoke run (a meson benchmark(), never a test): writes a model with
 * random weights for a configuration (tiny = the test fixture's shape, mid, or the real
 * facebook/esmfold_v1 shape with its 3.5 B parameters) to a temporary folder, loads it the way
 * the app does, folds a random sequence once cold and then warm, and reports the time of each
 * stage, the peak RSS, and whether any output is not finite (which fails the run).
 *
 *   bench-esmfold [--config tiny|mid|real] [--length L] [--passes P] [--repeat R]
 *                 [--threads T] [--chunk C] [--layers] [--layers-only] [--keep DIR]
 *
 * --layers also times every layer of one trunk block on its own at this length, to show
 * where a block's time goes (the O(L^3) triangle products and attention against the rest);
 * --layers-only times just that, without folding.
 *
 * Weights are written as float16 (as the Hub stores ESM-2) so that the real configuration
 * takes 7 GB on disk and, once loaded, 8 GB: the language model's linear weights stay float16,
 * everything else becomes float32 (PLEAT_STEM_PRECISION=f32 widens those too, 14 GB in all);
 * values are uniform with the variance of the fixtures' init (Linear 1/fan_in, LayerNorm
 * 1 +- 0.1, biases 0.1).
 */
#define G_LOG_DOMAIN "pleat-bench"

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "pleat-esmfold.h"
#include "pleat-folding-trunk.h"
#include "pleat-model-memory.h"
#include "pleat-pair-layers.h"

typedef struct
{
  const char *name;
  guint       esm_layers, esm_dim, esm_heads, esm_ffn;
  guint       blocks, c_s, c_z, seq_head_width, pair_head_width;
  guint       sm_c_s, sm_c_z, sm_ipa, sm_resnet, sm_heads;
  guint       lddt_hidden;
} BenchConfig;

static const BenchConfig configs[] = {
  /* tests/fixtures/esmfold/tiny-b */
  { "tiny", 3, 64, 4, 256, 2, 64, 32, 16, 16, 32, 16, 8, 16, 2, 16 },
  /* ESM-2 35M and an 8-block trunk of the real widths */
  { "mid", 12, 480, 20, 1920, 8, 1024, 128, 32, 32, 384, 128, 16, 128, 12, 128 },
  /* facebook/esmfold_v1 */
  { "real", 36, 2560, 40, 10240, 48, 1024, 128, 32, 32, 384, 128, 16, 128, 12, 128 },
};

static const char *const esm_vocab[] = {
  "<cls>", "<pad>", "<eos>", "<unk>", "L", "A", "G", "V", "S", "E", "R", "T", "I", "D", "P",
  "K", "Q", "N", "F", "Y", "M", "H", "W", "C", "X", "B", "U", "Z", "O", ".", "-", "<null_1>",
  "<mask>",
};

/* ---- A safetensors writer for random weights ---- */

typedef enum
{
  INIT_LINEAR,    /* uniform with variance 1 / fan_in (shape[1]) */
  INIT_BIAS,      /* variance 0.01 */
  INIT_NORM,      /* 1 + variance 0.01 */
  INIT_UNIT,      /* variance 1: embeddings, esm_s_combine, head_weights */
  INIT_INV_FREQ,  /* the rotary formula, float32 */
  INIT_AF2_TO_ESM,
} Init;

typedef struct
{
  char   *name;
  gint64  shape[2];
  guint   n_dims;
  Init    init;
} Tensor;

typedef struct
{
  GPtrArray *tensors;
  guint64    state;   /* xorshift64* */
  guint      head_dim;
} Writer;

static void
tensor_free (gpointer data)
{
  Tensor *t = data;

  g_free (t->name);
  g_free (t);
}

static void
add (Writer     *w,
     Init        init,
     gint64      d0,
     gint64      d1,
     const char *format,
     ...) G_GNUC_PRINTF (5, 6);

static void
add (Writer     *w,
     Init        init,
     gint64      d0,
     gint64      d1,
     const char *format,
     ...)
{
  Tensor *t = g_new0 (Tensor, 1);
  va_list args;

  va_start (args, format);
  t->name = g_strdup_vprintf (format, args);
  va_end (args);
  t->shape[0] = d0;
  t->shape[1] = d1;
  t->n_dims = d1 > 0 ? 2 : 1;
  t->init = init;
  g_ptr_array_add (w->tensors, t);
}

static void
add_linear (Writer     *w,
            const char *name,
            gint64      n_out,
            gint64      n_in,
            gboolean    bias)
{
  add (w, INIT_LINEAR, n_out, n_in, "%s.weight", name);
  if (bias)
    add (w, INIT_BIAS, n_out, 0, "%s.bias", name);
}

static void
add_norm (Writer     *w,
          const char *name,
          gint64      d)
{
  add (w, INIT_NORM, d, 0, "%s.weight", name);
  add (w, INIT_BIAS, d, 0, "%s.bias", name);
}

/* Every tensor of EsmForProteinFolding.state_dict () for this configuration. */
static void
list_tensors (Writer            *w,
              const BenchConfig *c)
{
  gint64 e = c->esm_dim, cs = c->c_s, cz = c->c_z;
  gint64 hs = cs / c->seq_head_width, hp = cz / c->pair_head_width;

  add (w, INIT_AF2_TO_ESM, 22, 0, "af2_to_esm");
  add (w, INIT_UNIT, G_N_ELEMENTS (esm_vocab), e, "esm.embeddings.word_embeddings.weight");
  for (guint i = 0; i < c->esm_layers; i++)
    {
      g_autofree char *p = g_strdup_printf ("esm.encoder.layer.%u.", i);
      g_autofree char *q = g_strconcat (p, "attention.self.query", NULL);
      g_autofree char *k = g_strconcat (p, "attention.self.key", NULL);
      g_autofree char *v = g_strconcat (p, "attention.self.value", NULL);
      g_autofree char *o = g_strconcat (p, "attention.output.dense", NULL);
      g_autofree char *ln1 = g_strconcat (p, "attention.LayerNorm", NULL);
      g_autofree char *fc1 = g_strconcat (p, "intermediate.dense", NULL);
      g_autofree char *fc2 = g_strconcat (p, "output.dense", NULL);
      g_autofree char *ln2 = g_strconcat (p, "LayerNorm", NULL);

      add_linear (w, q, e, e, TRUE);
      add_linear (w, k, e, e, TRUE);
      add_linear (w, v, e, e, TRUE);
      add (w, INIT_INV_FREQ, e / c->esm_heads / 2, 0,
           "%sattention.self.rotary_embeddings.inv_freq", p);
      add_linear (w, o, e, e, TRUE);
      add_norm (w, ln1, e);
      add_linear (w, fc1, c->esm_ffn, e, TRUE);
      add_linear (w, fc2, e, c->esm_ffn, TRUE);
      add_norm (w, ln2, e);
    }
  add_norm (w, "esm.encoder.emb_layer_norm_after", e);
  add_linear (w, "esm.contact_head.regression", 1, (gint64) c->esm_layers * c->esm_heads, TRUE);

  add (w, INIT_UNIT, c->esm_layers + 1, 0, "esm_s_combine");
  add_norm (w, "esm_s_mlp.0", e);
  add_linear (w, "esm_s_mlp.1", cs, e, TRUE);
  add_linear (w, "esm_s_mlp.3", cs, cs, TRUE);
  add (w, INIT_UNIT, 23, cs, "embedding.weight");

  add (w, INIT_UNIT, 66, cz, "trunk.pairwise_positional_embedding.embedding.weight");
  for (guint b = 0; b < c->blocks; b++)
    {
      static const char *const tri_mul[] = { "tri_mul_out", "tri_mul_in" };
      static const char *const tri_att[] = { "tri_att_start", "tri_att_end" };
      static const char *const lin[] = { "linear_a_p", "linear_a_g", "linear_b_p",
                                         "linear_b_g", "linear_z", "linear_g" };
      g_autofree char *p = g_strdup_printf ("trunk.blocks.%u.", b);
      char name[256];

#define N(suffix) (g_snprintf (name, sizeof name, "%s%s", p, suffix), name)
      add_norm (w, N ("layernorm_1"), cs);
      add_norm (w, N ("pair_to_sequence.layernorm"), cz);
      add_linear (w, N ("pair_to_sequence.linear"), hs, cz, FALSE);
      add_linear (w, N ("seq_attention.proj"), 3 * cs, cs, FALSE);
      add_linear (w, N ("seq_attention.o_proj"), cs, cs, TRUE);
      add_linear (w, N ("seq_attention.g_proj"), cs, cs, TRUE);
      add_norm (w, N ("sequence_to_pair.layernorm"), cs);
      add_linear (w, N ("sequence_to_pair.proj"), cz, cs, TRUE);
      add_linear (w, N ("sequence_to_pair.o_proj"), cz, cz, TRUE);
      for (guint m = 0; m < 2; m++)
        {
          g_autofree char *tm = g_strconcat (p, tri_mul[m], ".", NULL);
          g_autofree char *ta = g_strconcat (p, tri_att[m], ".", NULL);

          for (guint l = 0; l < G_N_ELEMENTS (lin); l++)
            add_linear (w, (g_snprintf (name, sizeof name, "%s%s", tm, lin[l]), name), cz, cz,
                        TRUE);
          add_norm (w, (g_snprintf (name, sizeof name, "%slayer_norm_in", tm), name), cz);
          add_norm (w, (g_snprintf (name, sizeof name, "%slayer_norm_out", tm), name), cz);
          add_norm (w, (g_snprintf (name, sizeof name, "%slayer_norm", ta), name), cz);
          add_linear (w, (g_snprintf (name, sizeof name, "%slinear", ta), name), hp, cz, FALSE);
          add_linear (w, (g_snprintf (name, sizeof name, "%smha.linear_q", ta), name), cz, cz,
                      FALSE);
          add_linear (w, (g_snprintf (name, sizeof name, "%smha.linear_k", ta), name), cz, cz,
                      FALSE);
          add_linear (w, (g_snprintf (name, sizeof name, "%smha.linear_v", ta), name), cz, cz,
                      FALSE);
          add_linear (w, (g_snprintf (name, sizeof name, "%smha.linear_g", ta), name), cz, cz,
                      TRUE);
          add_linear (w, (g_snprintf (name, sizeof name, "%smha.linear_o", ta), name), cz, cz,
                      TRUE);
        }
      add_norm (w, N ("mlp_seq.mlp.0"), cs);
      add_linear (w, N ("mlp_seq.mlp.1"), 4 * cs, cs, TRUE);
      add_linear (w, N ("mlp_seq.mlp.3"), cs, 4 * cs, TRUE);
      add_norm (w, N ("mlp_pair.mlp.0"), cz);
      add_linear (w, N ("mlp_pair.mlp.1"), 4 * cz, cz, TRUE);
      add_linear (w, N ("mlp_pair.mlp.3"), cz, 4 * cz, TRUE);
#undef N
    }
  add_norm (w, "trunk.recycle_s_norm", cs);
  add_norm (w, "trunk.recycle_z_norm", cz);
  add (w, INIT_UNIT, 15, cz, "trunk.recycle_disto.weight");
  add_linear (w, "trunk.trunk2sm_s", c->sm_c_s, cs, TRUE);
  add_linear (w, "trunk.trunk2sm_z", c->sm_c_z, cz, TRUE);

  {
    gint64 s = c->sm_c_s, z = c->sm_c_z, h = c->sm_heads, hc = h * c->sm_ipa, r = c->sm_resnet;

    add_norm (w, "trunk.structure_module.layer_norm_s", s);
    add_norm (w, "trunk.structure_module.layer_norm_z", z);
    add_norm (w, "trunk.structure_module.layer_norm_ipa", s);
    add_norm (w, "trunk.structure_module.transition.layer_norm", s);
    add_linear (w, "trunk.structure_module.linear_in", s, s, TRUE);
    add_linear (w, "trunk.structure_module.ipa.linear_q", hc, s, TRUE);
    add_linear (w, "trunk.structure_module.ipa.linear_kv", 2 * hc, s, TRUE);
    add_linear (w, "trunk.structure_module.ipa.linear_q_points", h * 4 * 3, s, TRUE);
    add_linear (w, "trunk.structure_module.ipa.linear_kv_points", h * (4 + 8) * 3, s, TRUE);
    add_linear (w, "trunk.structure_module.ipa.linear_b", h, z, TRUE);
    add (w, INIT_UNIT, h, 0, "trunk.structure_module.ipa.head_weights");
    add_linear (w, "trunk.structure_module.ipa.linear_out", s, h * (z + c->sm_ipa + 4 * 8), TRUE);
    for (guint j = 1; j <= 3; j++)
      {
        g_autofree char *n = g_strdup_printf ("trunk.structure_module.transition.layers.0.linear_%u",
                                              j);
        add_linear (w, n, s, s, TRUE);
      }
    add_linear (w, "trunk.structure_module.bb_update.linear", 6, s, TRUE);
    add_linear (w, "trunk.structure_module.angle_resnet.linear_in", r, s, TRUE);
    add_linear (w, "trunk.structure_module.angle_resnet.linear_initial", r, s, TRUE);
    for (guint l = 0; l < 2; l++)
      for (guint j = 1; j <= 2; j++)
        {
          g_autofree char *n = g_strdup_printf (
            "trunk.structure_module.angle_resnet.layers.%u.linear_%u", l, j);
          add_linear (w, n, r, r, TRUE);
        }
    add_linear (w, "trunk.structure_module.angle_resnet.linear_out", 14, r, TRUE);
  }

  add_linear (w, "distogram_head", 64, cz, TRUE);
  add_linear (w, "ptm_head", 64, cz, TRUE);
  add_linear (w, "lm_head", 23, cs, TRUE);
  add_norm (w, "lddt_head.0", c->sm_c_s);
  add_linear (w, "lddt_head.1", c->lddt_hidden, c->sm_c_s, TRUE);
  add_linear (w, "lddt_head.2", c->lddt_hidden, c->lddt_hidden, TRUE);
  add_linear (w, "lddt_head.3", 37 * 50, c->lddt_hidden, TRUE);
}

static gint64
n_elements (const Tensor *t)
{
  return t->shape[0] * (t->n_dims == 2 ? t->shape[1] : 1);
}

/* Bytes of a loaded model of n_params parameters (0 when unknown: a kept model is not
 * counted), all float32 under PLEAT_STEM_PRECISION=f32. */
static guint64
weights_bytes (const BenchConfig *c,
               guint64            n_params)
{
  guint64 d = c->esm_dim;
  guint64 stem_linears = (guint64) c->esm_layers * (4 * d * d + 2 * d * c->esm_ffn);
  gboolean widened = g_strcmp0 (g_getenv ("PLEAT_STEM_PRECISION"), "f32") == 0;

  if (n_params < stem_linears)
    return 0;
  return widened ? n_params * sizeof (float)
                 : (n_params - stem_linears) * sizeof (float) + stem_linears * 2;
}

static guint
element_size (const Tensor *t)
{
  return t->init == INIT_AF2_TO_ESM ? 8 : t->init == INIT_INV_FREQ ? 4 : 2;
}

static const char *
dtype_name (const Tensor *t)
{
  return t->init == INIT_AF2_TO_ESM ? "I64" : t->init == INIT_INV_FREQ ? "F32" : "F16";
}

/* Uniform in [-1, 1). */
static inline float
next_uniform (Writer *w)
{
  w->state ^= w->state >> 12;
  w->state ^= w->state << 25;
  w->state ^= w->state >> 27;
  return (float) ((w->state * 0x2545F4914F6CDD1DULL) >> 40) * (2.0f / 16777216.0f) - 1.0f;
}

/* IEEE binary16, round to nearest even; our values are far from its range limits. */
static guint16
half_from_float (float f)
{
  guint32 x;
  guint32 sign, mant;
  gint32 exp;

  memcpy (&x, &f, sizeof x);
  sign = (x >> 16) & 0x8000;
  exp = (gint32) ((x >> 23) & 0xff) - 127 + 15;
  mant = x & 0x7fffff;
  if (exp <= 0)
    return (guint16) sign;      /* below 6e-5: flush to zero, irrelevant for weights */
  if (exp >= 31)
    return (guint16) (sign | 0x7c00);
  {
    guint32 h = sign | ((guint32) exp << 10) | (mant >> 13);
    guint32 rest = mant & 0x1fff;

    if (rest > 0x1000 || (rest == 0x1000 && (h & 1)))
      h++;
    return (guint16) h;
  }
}

static gboolean
write_tensor (Writer       *w,
              const Tensor *t,
              FILE         *out)
{
  gint64 n = n_elements (t);
  /* Uniform [-a, a] has variance a^2 / 3. */
  double scale = t->init == INIT_LINEAR ? sqrt (3.0 / (double) t->shape[1])
                 : t->init == INIT_UNIT ? sqrt (3.0) : 0.1 * sqrt (3.0);
  guint16 buf[4096];

  if (t->init == INIT_AF2_TO_ESM)
    {
      static const char restypes[] = "ARNDCQEGHILKMFPSTWYVX";
      gint64 map[22];

      map[0] = 1;   /* <pad> */
      for (guint i = 0; i < 21; i++)
        for (guint v = 0; v < G_N_ELEMENTS (esm_vocab); v++)
          if (esm_vocab[v][0] == restypes[i] && esm_vocab[v][1] == '\0')
            map[i + 1] = v;
      return fwrite (map, sizeof map, 1, out) == 1;
    }
  if (t->init == INIT_INV_FREQ)
    {
      for (gint64 j = 0; j < n; j++)
        {
          float v = 1.0f / powf (10000.0f, (float) (2 * j) / (float) (2 * n));

          if (fwrite (&v, sizeof v, 1, out) != 1)
            return FALSE;
        }
      return TRUE;
    }
  for (gint64 i = 0; i < n; i += G_N_ELEMENTS (buf))
    {
      gint64 m = MIN ((gint64) G_N_ELEMENTS (buf), n - i);

      for (gint64 j = 0; j < m; j++)
        {
          float v = (float) (scale * next_uniform (w));

          buf[j] = half_from_float (t->init == INIT_NORM ? 1.0f + v : v);
        }
      if (fwrite (buf, 2, m, out) != (size_t) m)
        return FALSE;
    }
  return TRUE;
}

static void
write_config (const BenchConfig *c,
              const char        *dir)
{
  g_autoptr(GString) s = g_string_new ("{\n  \"architectures\": [\"EsmForProteinFolding\"],\n");
  g_autofree char *path = g_build_filename (dir, "config.json", NULL);
  g_autoptr(GError) error = NULL;

  g_string_append (s, "  \"model_type\": \"esm\",\n  \"is_folding_model\": true,\n");
  g_string_append (s, "  \"vocab_list\": [");
  for (guint i = 0; i < G_N_ELEMENTS (esm_vocab); i++)
    g_string_append_printf (s, "%s\"%s\"", i ? ", " : "", esm_vocab[i]);
  g_string_append_printf (s, "],\n  \"vocab_size\": %u,\n  \"mask_token_id\": 32,\n"
                          "  \"pad_token_id\": 1,\n", (guint) G_N_ELEMENTS (esm_vocab));
  g_string_append_printf (s, "  \"hidden_size\": %u,\n  \"num_hidden_layers\": %u,\n"
                          "  \"num_attention_heads\": %u,\n  \"intermediate_size\": %u,\n",
                          c->esm_dim, c->esm_layers, c->esm_heads, c->esm_ffn);
  g_string_append (s, "  \"layer_norm_eps\": 1e-05,\n  \"position_embedding_type\": \"rotary\",\n"
                   "  \"emb_layer_norm_before\": false,\n  \"token_dropout\": true,\n");
  g_string_append_printf (s, "  \"esmfold_config\": {\n    \"fp16_esm\": false,\n"
                          "    \"lddt_head_hid_dim\": %u,\n    \"trunk\": {\n", c->lddt_hidden);
  g_string_append_printf (s, "      \"num_blocks\": %u,\n      \"sequence_state_dim\": %u,\n"
                          "      \"pairwise_state_dim\": %u,\n"
                          "      \"sequence_head_width\": %u,\n"
                          "      \"pairwise_head_width\": %u,\n      \"max_recycles\": 4,\n"
                          "      \"chunk_size\": null,\n",
                          c->blocks, c->c_s, c->c_z, c->seq_head_width, c->pair_head_width);
  g_string_append_printf (s, "      \"structure_module\": {\n        \"sequence_dim\": %u,\n"
                          "        \"pairwise_dim\": %u,\n        \"ipa_dim\": %u,\n"
                          "        \"resnet_dim\": %u,\n        \"num_heads_ipa\": %u\n"
                          "      }\n    }\n  }\n}\n",
                          c->sm_c_s, c->sm_c_z, c->sm_ipa, c->sm_resnet, c->sm_heads);
  if (!g_file_set_contents (path, s->str, s->len, &error))
    g_error ("%s", error->message);
}

/* config.json and model.safetensors for c in dir. Returns the number of parameters. */
static guint64
write_model (const BenchConfig *c,
             const char        *dir)
{
  Writer w = { g_ptr_array_new_with_free_func (tensor_free), 0x9E3779B97F4A7C15ULL, 0 };
  g_autoptr(GString) header = g_string_new ("{\"__metadata__\":{\"format\":\"pt\"}");
  g_autofree char *path = g_build_filename (dir, "model.safetensors", NULL);
  guint64 offset = 0, n_params = 0, header_len;
  FILE *out;

  write_config (c, dir);
  list_tensors (&w, c);
  for (guint i = 0; i < w.tensors->len; i++)
    {
      const Tensor *t = g_ptr_array_index (w.tensors, i);
      guint64 bytes = (guint64) n_elements (t) * element_size (t);

      g_string_append_printf (header, ",\"%s\":{\"dtype\":\"%s\",\"shape\":[%" G_GINT64_FORMAT,
                              t->name, dtype_name (t), t->shape[0]);
      if (t->n_dims == 2)
        g_string_append_printf (header, ",%" G_GINT64_FORMAT, t->shape[1]);
      g_string_append_printf (header, "],\"data_offsets\":[%" G_GUINT64_FORMAT ",%"
                              G_GUINT64_FORMAT "]}", offset, offset + bytes);
      offset += bytes;
      n_params += n_elements (t);
    }
  g_string_append_c (header, '}');
  while (header->len % 8 != 0)
    g_string_append_c (header, ' ');

  out = fopen (path, "wb");
  if (out == NULL)
    g_error ("Cannot write %s", path);
  header_len = GUINT64_TO_LE (header->len);
  if (fwrite (&header_len, 8, 1, out) != 1 || fwrite (header->str, header->len, 1, out) != 1)
    g_error ("Cannot write %s", path);
  for (guint i = 0; i < w.tensors->len; i++)
    if (!write_tensor (&w, g_ptr_array_index (w.tensors, i), out))
      g_error ("Cannot write %s", path);
  if (fclose (out) != 0)
    g_error ("Cannot write %s", path);
  g_ptr_array_unref (w.tensors);
  return n_params;
}

/* ---- Running ---- */

static double
now (void)
{
  return g_get_monotonic_time () / 1e6;
}

static double
peak_rss_gib (void)
{
  struct rusage ru;

  getrusage (RUSAGE_SELF, &ru);
  return ru.ru_maxrss / (1024.0 * 1024.0);
}

typedef struct
{
  double start;
  double stage_start[PLEAT_STAGE_DONE + 1];
  double stage_time[PLEAT_STAGE_DONE + 1];
  PleatStage stage;
} Timing;

static void
progress_cb (const PleatProgress *p,
             gpointer             user_data)
{
  Timing *t = user_data;
  double n = now ();

  if (p->stage != t->stage)
    {
      t->stage_time[t->stage] += n - t->stage_start[t->stage];
      t->stage = p->stage;
      t->stage_start[p->stage] = n;
    }
}

static gboolean
all_finite (const PleatEsmFoldResult *r)
{
  for (gsize i = 0; i < (gsize) r->n_res * 42; i++)
    if (!isfinite (r->positions[i]))
      return FALSE;
  for (gsize i = 0; i < (gsize) r->n_res * 37; i++)
    if (!isfinite (r->plddt[i]))
      return FALSE;
  for (gsize i = 0; i < (gsize) r->n_res * r->n_res; i++)
    if (!isfinite (r->pae[i]))
      return FALSE;
  return isfinite (r->ptm);
}

static double
time_call (void (*fn) (gpointer),
           gpointer data)
{
  double t0 = now ();

  fn (data);
  return now () - t0;
}

typedef struct
{
  const PleatLayerCtx         *ctx;
  const PleatTrunkBlockLayers *b;
  PleatTrunkState             *st;
  int                          which;
} LayerRun;

static void
run_layer (gpointer data)
{
  LayerRun *r = data;
  guint n = r->st->n_res, chunk = r->st->chunk;
  guint band = chunk == 0 ? n : chunk;

  switch (r->which)
    {
    case 0:
      pleat_layer_seq_attention (r->ctx, &r->b->seq_attention, r->st->s, r->st->z, n, chunk,
                                 r->st->scratch);
      break;
    case 1:
      pleat_layer_transition (r->ctx, &r->b->mlp_seq, r->st->s, n, 0, r->st->scratch);
      break;
    case 2:
      pleat_folding_trunk_sequence_to_pair (r->b, r->ctx, r->st->s, r->st->z, n, chunk,
                                            r->st->scratch);
      break;
    case 3:
      pleat_layer_triangle_mul (r->ctx, &r->b->tri_mul_out, TRUE, r->st->z, n, chunk,
                                r->st->scratch);
      break;
    case 4:
      pleat_layer_triangle_mul (r->ctx, &r->b->tri_mul_in, FALSE, r->st->z, n, chunk,
                                r->st->scratch);
      break;
    case 5:
      pleat_layer_triangle_attention (r->ctx, &r->b->tri_att_start, TRUE, r->st->z, n, chunk,
                                      r->st->scratch);
      break;
    case 6:
      pleat_layer_triangle_attention (r->ctx, &r->b->tri_att_end, FALSE, r->st->z, n, chunk,
                                      r->st->scratch);
      break;
    case 7:
      pleat_layer_transition (r->ctx, &r->b->mlp_pair, r->st->z, (gsize) n * n,
                              (gsize) band * n, r->st->scratch);
      break;
    default:
      g_assert_not_reached ();
    }
}

/* Each layer of trunk block 0 on its own at n_res, best of 5 after a warm-up block, with its
 * FLOPs (research/performance.md section 5) split into the O(L^3) part and the rest. */
static void
profile_block (const char   *dir,
               PleatCompute *compute,
               guint         n_res,
               guint         chunk)
{
  static const char *const names[] = {
    "seq attention + pair bias", "sequence transition", "sequence->pair",
    "triangle mult. outgoing", "triangle mult. incoming", "triangle attn. starting",
    "triangle attn. ending", "pair transition",
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *config_path = g_build_filename (dir, "config.json", NULL);
  g_autoptr(PleatEsmConfig) config = pleat_esm_config_new_from_file (config_path, &error);
  g_autoptr(PleatWeights) weights = NULL;
  g_autoptr(PleatFoldingTrunk) trunk = NULL;
  g_autoptr(PleatTrunkState) st = NULL;
  const PleatLayerCtx *ctx = pleat_compute_get_layer_ctx (compute);
  const PleatTrunkConfig *t;
  double n = n_res, cs, cz, hs, hp;
  double flops[G_N_ELEMENTS (names)], cubic[G_N_ELEMENTS (names)];
  double times[G_N_ELEMENTS (names)], total = 0, total_cubic_time = 0, total_flops = 0;
  GRand *rand = g_rand_new_with_seed (7);

  if (config == NULL || (weights = pleat_weights_open (dir, NULL, &error)) == NULL)
    g_error ("%s", error->message);
  t = &config->esmfold.trunk;
  trunk = pleat_folding_trunk_new_from_weights (t, weights, "trunk.", &error);
  if (trunk == NULL)
    g_error ("%s", error->message);
  st = pleat_trunk_state_new (trunk, n_res, chunk, pleat_compute_get_n_threads (compute),
                              &error);
  if (st == NULL)
    g_error ("%s", error->message);

  cs = t->sequence_state_dim;
  cz = t->pairwise_state_dim;
  hs = cs / t->sequence_head_width;
  hp = cz / t->pairwise_head_width;
  flops[0] = 2 * n * cs * 5 * cs + 2 * n * n * cz * hs + 4 * n * n * cs;
  flops[1] = 16 * n * cs * cs;
  flops[2] = 2 * n * cs * cz + 2 * n * n * cz * cz;
  flops[3] = flops[4] = 12 * n * n * cz * cz + 2 * n * n * n * cz;
  flops[5] = flops[6] = 2 * n * n * cz * (5 * cz + hp) + 4 * n * n * n * cz;
  flops[7] = 16 * n * n * cz * cz;
  memset (cubic, 0, sizeof cubic);
  cubic[3] = cubic[4] = 2 * n * n * n * cz;
  cubic[5] = cubic[6] = 4 * n * n * n * cz;

  for (gsize i = 0; i < (gsize) n_res * t->sequence_state_dim; i++)
    st->s[i] = g_rand_double_range (rand, -1, 1);
  for (gsize i = 0; i < (gsize) n_res * n_res * t->pairwise_state_dim; i++)
    st->z[i] = g_rand_double_range (rand, -1, 1);
  g_rand_free (rand);
  pleat_folding_trunk_run_block (trunk, ctx, st, 0);

  for (gsize l = 0; l < G_N_ELEMENTS (names); l++)
    {
      LayerRun run = { ctx, pleat_folding_trunk_get_block (trunk, 0), st, (int) l };

      times[l] = G_MAXDOUBLE;
      for (int rep = 0; rep < 5; rep++)
        times[l] = MIN (times[l], time_call (run_layer, &run));
      total += times[l];
      total_flops += flops[l];
    }

  printf ("\nOne trunk block at L = %u, chunk %u, %d threads (best of 5):\n", n_res, chunk,
          pleat_compute_get_n_threads (compute));
  printf ("  %-28s %10s %7s %9s %9s\n", "layer", "ms", "share", "GFLOP/s", "L^3 FLOP");
  for (gsize l = 0; l < G_N_ELEMENTS (names); l++)
    {
      printf ("  %-28s %10.2f %6.1f%% %9.1f %8.0f%%\n", names[l], 1e3 * times[l],
              100 * times[l] / total, flops[l] / times[l] / 1e9, 100 * cubic[l] / flops[l]);
      if (cubic[l] > 0)
        total_cubic_time += times[l];
    }
  printf ("  %-28s %10.2f %6.1f%% %9.1f\n", "block", 1e3 * total, 100.0,
          total_flops / total / 1e9);
  printf ("  triangle ops (the O(L^3) layers): %.1f%% of the block's time\n",
          100 * total_cubic_time / total);
}

static void
usage (void)
{
  g_printerr ("usage: bench-esmfold [--config tiny|mid|real] [--length L] [--passes P]\n"
              "                     [--repeat R] [--threads T] [--chunk C] [--layers]\n"
              "                     [--layers-only] [--keep DIR]\n");
  exit (2);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  const BenchConfig *c = &configs[0];
  guint length = 64, passes = 0, repeat = 2, chunk = 0;
  int threads = 0;
  gboolean layers = FALSE, fold = TRUE;
  const char *keep = NULL;
  g_autofree char *dir = NULL;
  g_autoptr(PleatCompute) compute = NULL;
  g_autoptr(PleatEsmFold) model = NULL;
  g_autoptr(PleatSequenceRecord) record = NULL;
  g_autofree char *sequence = NULL;
  guint64 n_params;
  double t0, t_write, t_load;
  gboolean ok = TRUE;
  GRand *rand;

  for (int i = 1; i < argc; i++)
    {
      const char *a = argv[i];
      const char *v = i + 1 < argc ? argv[i + 1] : NULL;

      if (g_str_equal (a, "--layers") || g_str_equal (a, "--layers-only"))
        {
          layers = TRUE;
          fold = !g_str_equal (a, "--layers-only");
          continue;
        }
      if (v == NULL)
        usage ();
      i++;
      if (g_str_equal (a, "--config"))
        {
          c = NULL;
          for (gsize k = 0; k < G_N_ELEMENTS (configs); k++)
            if (g_str_equal (v, configs[k].name))
              c = &configs[k];
          if (c == NULL)
            usage ();
        }
      else if (g_str_equal (a, "--length"))
        length = atoi (v);
      else if (g_str_equal (a, "--passes"))
        passes = atoi (v);
      else if (g_str_equal (a, "--repeat"))
        repeat = atoi (v);
      else if (g_str_equal (a, "--threads"))
        threads = atoi (v);
      else if (g_str_equal (a, "--chunk"))
        chunk = atoi (v);
      else if (g_str_equal (a, "--keep"))
        keep = v;
      else
        usage ();
    }

  compute = pleat_compute_new (threads, &error);
  if (compute == NULL)
    g_error ("%s", error->message);

  if (keep != NULL)
    {
      dir = g_strdup (keep);
      g_mkdir_with_parents (dir, 0755);
    }
  else if ((dir = g_dir_make_tmp ("pleat-bench-XXXXXX", &error)) == NULL)
    {
      g_error ("%s", error->message);
    }

  {
    g_autofree char *st_path = g_build_filename (dir, "model.safetensors", NULL);

    t0 = now ();
    if (keep != NULL && g_file_test (st_path, G_FILE_TEST_EXISTS))
      n_params = 0;
    else
      n_params = write_model (c, dir);
    t_write = now () - t0;
  }

  /* The real model needs its 8 GB of weights resident (the language model's linears in
   * float16, the rest float32): refuse politely on a machine that has not got them free rather
   * than pushing everyone else into swap. */
  if (weights_bytes (c, n_params) * 1.1 > pleat_model_available_memory ()
      && pleat_model_available_memory () > 0)
    {
      g_autofree char *need = g_format_size (weights_bytes (c, n_params));
      g_autofree char *have = g_format_size (pleat_model_available_memory ());

      g_printerr ("bench-esmfold: %s weights need %s, only %s available\n", c->name, need, have);
      return 77;
    }

  t0 = now ();
  model = pleat_esmfold_new (dir, compute, NULL, &error);
  if (model == NULL)
    g_error ("%s", error->message);
  t_load = now () - t0;

  rand = g_rand_new_with_seed (1234);
  sequence = g_new0 (char, length + 1);
  for (guint i = 0; i < length; i++)
    sequence[i] = "ARNDCQEGHILKMFPSTWYV"[g_rand_int_range (rand, 0, 20)];
  g_rand_free (rand);
  record = pleat_sequence_record_new ("bench", "", sequence, &error);
  if (record == NULL)
    g_error ("%s", error->message);

  printf ("config %s: %" G_GUINT64_FORMAT " parameters, %d threads, kernels %s\n", c->name,
          n_params, pleat_compute_get_n_threads (compute),
          pleat_kernels_isa_name (pleat_compute_get_isa (compute)));
  {
    g_autofree char *size = g_format_size (pleat_esmfold_get_weights_size (model));

    printf ("write %.1f s, load %.1f s (weights %s, peak RSS so far %.2f GiB)\n", t_write,
            t_load, size, peak_rss_gib ());
  }

  for (guint r = 0; fold && r <= repeat; r++)
    {
      g_autoptr(PleatEsmFoldResult) result = NULL;
      Timing timing = { 0 };
      double total;

      timing.start = timing.stage_start[PLEAT_STAGE_QUEUED] = now ();
      result = pleat_esmfold_predict (model, record, passes, chunk, 0, progress_cb, NULL,
                                      &timing, NULL, &error);
      if (result == NULL)
        g_error ("%s", error->message);
      total = now () - timing.start;
      timing.stage_time[timing.stage] += now () - timing.stage_start[timing.stage];
      ok = ok && all_finite (result);
      printf ("%s fold L=%u passes=%u chunk=%u: %.3f s (language model %.3f, trunk %.3f, "
              "structure module + heads %.3f) finite=%s pTM=%.4f\n",
              r == 0 ? "cold" : "warm", length, result->n_passes, result->chunk, total,
              timing.stage_time[PLEAT_STAGE_LANGUAGE_MODEL], timing.stage_time[PLEAT_STAGE_TRUNK],
              timing.stage_time[PLEAT_STAGE_STRUCTURE_MODULE], all_finite (result) ? "yes" : "NO",
              result->ptm);
    }
  {
    g_autofree char *estimate = g_format_size (
      pleat_esmfold_estimate_memory (pleat_esmfold_get_config (model), length, chunk,
                                     pleat_compute_get_n_threads (compute)));

    printf ("peak RSS %.2f GiB; estimated working memory %s\n", peak_rss_gib (), estimate);
  }

  g_clear_object (&model);
  if (layers)
    profile_block (dir, compute, length, chunk);

  if (keep == NULL)
    {
      g_autofree char *st = g_build_filename (dir, "model.safetensors", NULL);
      g_autofree char *cf = g_build_filename (dir, "config.json", NULL);

      g_unlink (st);
      g_unlink (cf);
      g_rmdir (dir);
    }
  return ok ? 0 : 1;
}
