/* test-model-config.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * config.json reading against the reference: fixtures/config/expected.json holds what
 * transformers 4.37.2's EsmConfig makes of each fixture (tests/scripts/gen-config-expected.py),
 * flattened to key paths. This test maps each key path to a struct field with its own table,
 * so a field the reader skips or defaults differently shows up as a mismatch.
 */
#include "config.h"

#include <math.h>
#include <stddef.h>
#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "pleat-error.h"
#include "pleat-model-config.h"

typedef enum
{
  T_UINT,
  T_INT_OR_NULL,   /* -1 is null */
  T_CHUNK,         /* 0 is null */
  T_DOUBLE,
  T_BOOL,
  T_STRING_OR_NULL,
  T_STRV_OR_NULL,
} ExpectType;

typedef struct
{
  const char *path;
  ExpectType  type;
  gsize       offset;
} ExpectField;

#define F(path, type, member) { path, type, offsetof (PleatEsmConfig, member) }
static const ExpectField expect_fields[] = {
  F ("architectures", T_STRV_OR_NULL, architectures),
  F ("model_type", T_STRING_OR_NULL, model_type),
  F ("torch_dtype", T_STRING_OR_NULL, torch_dtype),
  F ("vocab_size", T_INT_OR_NULL, vocab_size),
  F ("vocab_list", T_STRV_OR_NULL, vocab_list),
  F ("mask_token_id", T_INT_OR_NULL, mask_token_id),
  F ("pad_token_id", T_INT_OR_NULL, pad_token_id),
  F ("hidden_size", T_UINT, hidden_size),
  F ("num_hidden_layers", T_UINT, num_hidden_layers),
  F ("num_attention_heads", T_UINT, num_attention_heads),
  F ("intermediate_size", T_UINT, intermediate_size),
  F ("hidden_dropout_prob", T_DOUBLE, hidden_dropout_prob),
  F ("attention_probs_dropout_prob", T_DOUBLE, attention_probs_dropout_prob),
  F ("max_position_embeddings", T_UINT, max_position_embeddings),
  F ("initializer_range", T_DOUBLE, initializer_range),
  F ("layer_norm_eps", T_DOUBLE, layer_norm_eps),
  F ("position_embedding_type", T_STRING_OR_NULL, position_embedding_type),
  F ("emb_layer_norm_before", T_BOOL, emb_layer_norm_before),
  F ("token_dropout", T_BOOL, token_dropout),
  F ("is_folding_model", T_BOOL, is_folding_model),
  F ("esmfold_config.esm_type", T_STRING_OR_NULL, esmfold.esm_type),
  F ("esmfold_config.fp16_esm", T_BOOL, esmfold.fp16_esm),
  F ("esmfold_config.use_esm_attn_map", T_BOOL, esmfold.use_esm_attn_map),
  F ("esmfold_config.esm_ablate_pairwise", T_BOOL, esmfold.esm_ablate_pairwise),
  F ("esmfold_config.esm_ablate_sequence", T_BOOL, esmfold.esm_ablate_sequence),
  F ("esmfold_config.esm_input_dropout", T_DOUBLE, esmfold.esm_input_dropout),
  F ("esmfold_config.embed_aa", T_BOOL, esmfold.embed_aa),
  F ("esmfold_config.bypass_lm", T_BOOL, esmfold.bypass_lm),
  F ("esmfold_config.lddt_head_hid_dim", T_UINT, esmfold.lddt_head_hid_dim),
  F ("esmfold_config.trunk.num_blocks", T_UINT, esmfold.trunk.num_blocks),
  F ("esmfold_config.trunk.sequence_state_dim", T_UINT, esmfold.trunk.sequence_state_dim),
  F ("esmfold_config.trunk.pairwise_state_dim", T_UINT, esmfold.trunk.pairwise_state_dim),
  F ("esmfold_config.trunk.sequence_head_width", T_UINT, esmfold.trunk.sequence_head_width),
  F ("esmfold_config.trunk.pairwise_head_width", T_UINT, esmfold.trunk.pairwise_head_width),
  F ("esmfold_config.trunk.position_bins", T_UINT, esmfold.trunk.position_bins),
  F ("esmfold_config.trunk.dropout", T_DOUBLE, esmfold.trunk.dropout),
  F ("esmfold_config.trunk.layer_drop", T_DOUBLE, esmfold.trunk.layer_drop),
  F ("esmfold_config.trunk.cpu_grad_checkpoint", T_BOOL, esmfold.trunk.cpu_grad_checkpoint),
  F ("esmfold_config.trunk.max_recycles", T_UINT, esmfold.trunk.max_recycles),
  F ("esmfold_config.trunk.chunk_size", T_CHUNK, esmfold.trunk.chunk_size),
#define SM(key, type, member) \
  F ("esmfold_config.trunk.structure_module." key, type, esmfold.trunk.structure_module.member)
  SM ("sequence_dim", T_UINT, sequence_dim),
  SM ("pairwise_dim", T_UINT, pairwise_dim),
  SM ("ipa_dim", T_UINT, ipa_dim),
  SM ("resnet_dim", T_UINT, resnet_dim),
  SM ("num_heads_ipa", T_UINT, num_heads_ipa),
  SM ("num_qk_points", T_UINT, num_qk_points),
  SM ("num_v_points", T_UINT, num_v_points),
  SM ("dropout_rate", T_DOUBLE, dropout_rate),
  SM ("num_blocks", T_UINT, num_blocks),
  SM ("num_transition_layers", T_UINT, num_transition_layers),
  SM ("num_resnet_blocks", T_UINT, num_resnet_blocks),
  SM ("num_angles", T_UINT, num_angles),
  SM ("trans_scale_factor", T_DOUBLE, trans_scale_factor),
  SM ("epsilon", T_DOUBLE, epsilon),
  SM ("inf", T_DOUBLE, inf),
#undef SM
};
#undef F

static const ExpectField *
find_expect_field (const char *path)
{
  for (guint i = 0; i < G_N_ELEMENTS (expect_fields); i++)
    if (strcmp (expect_fields[i].path, path) == 0)
      return &expect_fields[i];
  return NULL;
}

static void
assert_field (const PleatEsmConfig *config,
              const ExpectField    *field,
              JsonNode             *expected,
              const char           *case_name)
{
  gconstpointer where = G_STRUCT_MEMBER_P (config, field->offset);
  gboolean is_null = JSON_NODE_HOLDS_NULL (expected);

  g_test_message ("%s: %s", case_name, field->path);
  switch (field->type)
    {
    case T_UINT:
      g_assert_false (is_null);
      g_assert_cmpint (*(const guint *) where, ==, json_node_get_int (expected));
      break;
    case T_INT_OR_NULL:
      g_assert_cmpint (*(const gint *) where, ==, is_null ? -1 : json_node_get_int (expected));
      break;
    case T_CHUNK:
      g_assert_cmpint (*(const guint *) where, ==, is_null ? 0 : json_node_get_int (expected));
      break;
    case T_DOUBLE:
      /* Both sides parse the same decimal text, so they agree to the last bit. */
      g_assert_cmpfloat (*(const double *) where, ==, json_node_get_double (expected));
      break;
    case T_BOOL:
      g_assert_cmpint (*(const gboolean *) where, ==, json_node_get_boolean (expected));
      break;
    case T_STRING_OR_NULL:
      g_assert_cmpstr (*(char * const *) where, ==, is_null ? NULL : json_node_get_string (expected));
      break;
    case T_STRV_OR_NULL:
      {
        char * const *strv = *(char * const * const *) where;

        if (is_null)
          {
            g_assert_null (strv);
            break;
          }
        g_assert_nonnull (strv);
        JsonArray *array = json_node_get_array (expected);
        g_assert_cmpuint (g_strv_length ((char **) strv), ==, json_array_get_length (array));
        for (guint i = 0; strv[i] != NULL; i++)
          g_assert_cmpstr (strv[i], ==, json_array_get_string_element (array, i));
      }
      break;
    default:
      g_assert_not_reached ();
    }
}

static JsonObject *
load_expected (JsonParser *parser)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "config",
                                                 "expected.json", NULL);

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  return json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)),
                                        "cases");
}

static char *
case_path (const char *case_name)
{
  if (g_str_has_prefix (case_name, "shared:"))
    {
      const char *shared = g_getenv ("PLEAT_SHARED_FIXTURES");

      g_assert_nonnull (shared);
      return g_build_filename (shared, case_name + strlen ("shared:"), NULL);
    }
  return g_test_build_filename (G_TEST_DIST, "fixtures", "config", case_name, NULL);
}

/* Every fixture, every key the reference reports, compared with the C reader's struct. */
static void
test_config_matches_reference (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *cases = load_expected (parser);
  g_autoptr(GList) names = json_object_get_members (cases);
  guint n_cases = 0;

  for (const GList *l = names; l != NULL; l = l->next)
    {
      const char *case_name = l->data;
      JsonObject *expected = json_object_get_object_member (cases, case_name);
      g_autofree char *path = case_path (case_name);
      g_autoptr(GError) error = NULL;
      g_autoptr(PleatEsmConfig) config = pleat_esm_config_new_from_file (path, &error);
      g_autoptr(GList) keys = json_object_get_members (expected);
      guint n_keys = 0;

      g_assert_no_error (error);
      g_assert_nonnull (config);
      for (const GList *k = keys; k != NULL; k = k->next)
        {
          const char *key = k->data;
          const ExpectField *field;

          if (strcmp (key, "esmfold_config") == 0)
            {
              /* Not a folding model: the reference keeps no esmfold_config. */
              g_assert_false (config->is_folding_model);
              continue;
            }
          field = find_expect_field (key);
          if (field == NULL)
            g_error ("%s: the reference reports %s, which the test does not map", case_name, key);
          assert_field (config, field, json_object_get_member (expected, key), case_name);
          n_keys++;
        }
      /* A folding model is compared on every field of every struct. */
      if (config->is_folding_model)
        g_assert_cmpuint (n_keys, ==, G_N_ELEMENTS (expect_fields));
      n_cases++;
    }
  g_assert_cmpuint (n_cases, >=, 8);
}

static void
test_config_esmfold_v1 (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "config",
                                                 "esmfold_v1.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PleatEsmConfig) config = pleat_esm_config_new_from_file (path, &error);

  g_assert_no_error (error);
  g_assert_true (config->is_folding_model);
  g_assert_cmpstr (config->architectures[0], ==, "EsmForProteinFolding");
  g_assert_cmpuint (config->hidden_size, ==, 2560);
  g_assert_cmpuint (config->num_hidden_layers, ==, 36);
  g_assert_cmpuint (config->num_attention_heads, ==, 40);
  g_assert_cmpstr (config->position_embedding_type, ==, "rotary");
  g_assert_true (config->token_dropout);
  g_assert_cmpint (config->mask_token_id, ==, 32);
  g_assert_cmpint (config->pad_token_id, ==, 1);
  g_assert_cmpuint (g_strv_length (config->vocab_list), ==, 33);
  g_assert_cmpstr (config->vocab_list[4], ==, "L");
  g_assert_false (config->esmfold.fp16_esm);
  g_assert_cmpstr (config->esmfold.esm_type, ==, "esm2_3B");
  g_assert_cmpuint (config->esmfold.trunk.num_blocks, ==, 48);
  g_assert_cmpuint (config->esmfold.trunk.chunk_size, ==, 0);   /* null: no chunking */
  g_assert_cmpuint (config->esmfold.trunk.structure_module.sequence_dim, ==, 384);
  g_assert_cmpfloat (config->esmfold.trunk.structure_module.inf, ==, 1e5);
}

static void
test_config_defaults (void)
{
  g_autoptr(PleatEsmConfig) config = pleat_esm_config_new_default ();
  g_autoptr(GError) error = NULL;
  g_autoptr(PleatEsmConfig) folding = pleat_esm_config_new_from_data ("{\"is_folding_model\":true}",
                                                                      -1, &error);
  const char * const *vocab = pleat_esm_config_get_default_vocab_list ();

  g_assert_false (config->is_folding_model);
  g_assert_null (config->vocab_list);
  g_assert_cmpint (config->vocab_size, ==, -1);
  g_assert_cmpuint (config->hidden_size, ==, 768);
  g_assert_cmpfloat (config->layer_norm_eps, ==, 1e-12);
  g_assert_cmpstr (config->hidden_act, ==, "gelu");

  /* A folding model without vocab_list gets ESM-2's, without esmfold_config the defaults. */
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (folding->vocab_list), ==, 33);
  for (guint i = 0; vocab[i] != NULL; i++)
    g_assert_cmpstr (folding->vocab_list[i], ==, vocab[i]);
  g_assert_cmpstr (vocab[32], ==, "<mask>");
  g_assert_cmpuint (folding->esmfold.trunk.chunk_size, ==, 128);
  g_assert_cmpuint (folding->esmfold.trunk.structure_module.num_heads_ipa, ==, 12);
}

typedef struct
{
  const char *json;
  const char *needle;  /* must appear in the message: the key path or the rule */
} BadCase;

static const BadCase bad_cases[] = {
  { "{\"hidden_size\": \"768\"}", "hidden_size must be a positive integer, not a string" },
  { "{\"hidden_size\": -1}", "hidden_size must be a positive integer, not -1" },
  { "{\"hidden_size\": 0}", "hidden_size" },
  { "{\"hidden_size\": 12.5}", "hidden_size must be a positive integer, not a non-integer" },
  { "{\"hidden_size\": 768.0}", "hidden_size" },
  { "{\"hidden_size\": 99999999999}", "hidden_size" },
  { "{\"num_hidden_layers\": null}", "num_hidden_layers" },
  { "{\"layer_norm_eps\": \"1e-5\"}", "layer_norm_eps must be a number" },
  { "{\"token_dropout\": 1}", "token_dropout must be true or false" },
  { "{\"mask_token_id\": -1}", "mask_token_id" },
  { "{\"vocab_size\": 0}", "vocab_size" },
  { "{\"position_embedding_type\": 3}", "position_embedding_type must be a string" },
  { "{\"architectures\": \"EsmForProteinFolding\"}", "architectures must be a list" },
  { "{\"is_folding_model\": true, \"vocab_list\": [\"A\", 3]}", "vocab_list[1] must be a string" },
  { "{\"hidden_size\": 100, \"num_attention_heads\": 12}", "num_attention_heads" },
  { "{\"is_folding_model\": true, \"esmfold_config\": []}", "esmfold_config must be an object" },
  { "{\"is_folding_model\": true, \"esmfold_config\": {\"trunk\": 5}}", "esmfold_config.trunk" },
  { "{\"is_folding_model\": true, \"esmfold_config\": {\"trunk\": {\"num_blocks\": \"48\"}}}",
    "esmfold_config.trunk.num_blocks must be a non-negative integer, not a string" },
  { "{\"is_folding_model\": true, \"esmfold_config\": {\"trunk\": {\"num_blocks\": -2}}}",
    "esmfold_config.trunk.num_blocks" },
  { "{\"is_folding_model\": true, \"esmfold_config\": {\"trunk\": {\"max_recycles\": 0}}}",
    "esmfold_config.trunk.max_recycles" },
  { "{\"is_folding_model\": true, \"esmfold_config\": {\"trunk\": {\"chunk_size\": 0}}}",
    "esmfold_config.trunk.chunk_size" },
  { "{\"is_folding_model\": true, \"esmfold_config\": {\"trunk\": {\"chunk_size\": true}}}",
    "esmfold_config.trunk.chunk_size" },
  { "{\"is_folding_model\": true, \"esmfold_config\": {\"trunk\": {\"dropout\": 0.4}}}",
    "esmfold_config.trunk.dropout" },
  { "{\"is_folding_model\": true, \"esmfold_config\": {\"trunk\": {\"sequence_head_width\": 48}}}",
    "sequence_head_width" },
  { "{\"is_folding_model\": true, \"esmfold_config\": {\"trunk\": {\"pairwise_state_dim\": 100,"
    "\"pairwise_head_width\": 32}}}", "pairwise_state_dim" },
  { "{\"is_folding_model\": true, \"esmfold_config\": {\"trunk\": {\"pairwise_state_dim\": 33,"
    "\"pairwise_head_width\": 1}}}", "must be even" },
  { "{\"is_folding_model\": true, \"esmfold_config\": {\"trunk\": {\"nm_blocks\": 2}}}",
    "esmfold_config.trunk.nm_blocks is not a known setting" },
  { "{\"is_folding_model\": true, \"esmfold_config\": {\"use_esm_attn_map\": true}}",
    "use_esm_attn_map" },
  { "{\"is_folding_model\": true, \"esmfold_config\": {\"fp16_esm\": \"no\"}}",
    "esmfold_config.fp16_esm" },
  { "{\"is_folding_model\": true, \"esmfold_config\": {\"trunk\": {\"structure_module\": "
    "{\"num_heads_ipa\": 0}}}}", "esmfold_config.trunk.structure_module.num_heads_ipa" },
  { "{\"is_folding_model\": true, \"esmfold_config\": {\"trunk\": {\"structure_module\": "
    "{\"epsilon\": null}}}}", "esmfold_config.trunk.structure_module.epsilon" },
  { "{\"is_folding_model\": true, \"esmfold_config\": {\"trunk\": {\"structure_module\": "
    "{\"c_s\": 384}}}}", "esmfold_config.trunk.structure_module.c_s" },
  { "[1, 2]", "must be a JSON object" },
  { "{\"hidden_size\": ", "Not valid JSON" },
  { "", "" },
};

static void
test_config_bad_types (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PleatEsmConfig) config = NULL;

      g_test_message ("%s", bad_cases[i].json);
      config = pleat_esm_config_new_from_data (bad_cases[i].json, -1, &error);
      g_assert_null (config);
      g_assert_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_INVALID_CONFIG);
      if (strstr (error->message, bad_cases[i].needle) == NULL)
        g_error ("case %u: \"%s\" does not mention \"%s\"", i, error->message,
                 bad_cases[i].needle);
    }
}

/* Keys a model that does not fold carries are ignored there, as in the reference. */
static void
test_config_not_folding_ignores_esmfold (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PleatEsmConfig) config = pleat_esm_config_new_from_data (
    "{\"esmfold_config\": {\"trunk\": {\"bogus\": 1}}, \"vocab_list\": [\"A\"]}", -1, &error);

  g_assert_no_error (error);
  g_assert_false (config->is_folding_model);
  g_assert_null (config->vocab_list);
  g_assert_cmpuint (config->esmfold.trunk.num_blocks, ==, 48);
}

static void
test_config_file_errors (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("pleat-config-XXXXXX", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing.json", NULL);
  g_autofree char *bad = g_build_filename (dir, "config.json", NULL);
  PleatEsmConfig *config;

  config = pleat_esm_config_new_from_file (missing, &error);
  g_assert_null (config);
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (bad, "{\"hidden_size\": true}", -1, NULL));
  config = pleat_esm_config_new_from_file (bad, &error);
  g_assert_null (config);
  g_assert_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_INVALID_CONFIG);
  g_assert_true (g_str_has_prefix (error->message, bad));
  g_assert_nonnull (strstr (error->message, "hidden_size"));

  g_unlink (bad);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/pleat/io/EsmConfig/matches-reference", test_config_matches_reference);
  g_test_add_func ("/pleat/io/EsmConfig/esmfold-v1", test_config_esmfold_v1);
  g_test_add_func ("/pleat/io/EsmConfig/defaults", test_config_defaults);
  g_test_add_func ("/pleat/io/EsmConfig/bad-types", test_config_bad_types);
  g_test_add_func ("/pleat/io/EsmConfig/not-folding", test_config_not_folding_ignores_esmfold);
  g_test_add_func ("/pleat/io/EsmConfig/file-errors", test_config_file_errors);

  return g_test_run ();
}
