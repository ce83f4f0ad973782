/* pleat-model-config.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each struct is described by a table of (key, type, offset) rows: defaults are set in C, then
 * every key present in the JSON object overwrites its field after a type check. The tables
 * name every field once, so a key the reference knows cannot be silently skipped.
 */
#define G_LOG_DOMAIN "pleat-engine"

#include "config.h"

#include <math.h>
#include <stddef.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "pleat-error.h"
#include "pleat-model-config.h"

typedef enum
{
  FIELD_COUNT,           /* guint, >= 0 */
  FIELD_SIZE,            /* guint, > 0 */
  FIELD_CHUNK_SIZE,      /* guint, > 0, or null stored as 0 */
  FIELD_OPTIONAL_INDEX,  /* gint, >= 0, or null stored as -1 */
  FIELD_OPTIONAL_SIZE,   /* gint, > 0, or null stored as -1 */
  FIELD_DOUBLE,          /* double, from a JSON integer or float */
  FIELD_BOOLEAN,         /* gboolean */
  FIELD_OPTIONAL_BOOLEAN,/* gboolean, null stored as FALSE (the reference tests truthiness) */
  FIELD_STRING,          /* char *, never null */
  FIELD_OPTIONAL_STRING, /* char *, null stored as NULL */
  FIELD_OPTIONAL_STRV,   /* char **, NULL-terminated, null stored as NULL */
} FieldType;

typedef struct
{
  const char *key;
  FieldType   type;
  gsize       offset;
} Field;

/* Sizes above this are not a model anyone can run and would overflow later products. */
#define MAX_CONFIG_INT G_MAXINT32

#define TOP(f) G_STRUCT_OFFSET (PleatEsmConfig, f)
static const Field esm_fields[] = {
  { "architectures", FIELD_OPTIONAL_STRV, TOP (architectures) },
  { "model_type", FIELD_STRING, TOP (model_type) },
  { "torch_dtype", FIELD_OPTIONAL_STRING, TOP (torch_dtype) },
  { "vocab_size", FIELD_OPTIONAL_SIZE, TOP (vocab_size) },
  { "vocab_list", FIELD_OPTIONAL_STRV, TOP (vocab_list) },
  { "mask_token_id", FIELD_OPTIONAL_INDEX, TOP (mask_token_id) },
  { "pad_token_id", FIELD_OPTIONAL_INDEX, TOP (pad_token_id) },
  { "hidden_size", FIELD_SIZE, TOP (hidden_size) },
  { "num_hidden_layers", FIELD_COUNT, TOP (num_hidden_layers) },
  { "num_attention_heads", FIELD_SIZE, TOP (num_attention_heads) },
  { "intermediate_size", FIELD_SIZE, TOP (intermediate_size) },
  { "hidden_act", FIELD_STRING, TOP (hidden_act) },
  { "hidden_dropout_prob", FIELD_DOUBLE, TOP (hidden_dropout_prob) },
  { "attention_probs_dropout_prob", FIELD_DOUBLE, TOP (attention_probs_dropout_prob) },
  { "max_position_embeddings", FIELD_COUNT, TOP (max_position_embeddings) },
  { "initializer_range", FIELD_DOUBLE, TOP (initializer_range) },
  { "layer_norm_eps", FIELD_DOUBLE, TOP (layer_norm_eps) },
  { "position_embedding_type", FIELD_STRING, TOP (position_embedding_type) },
  { "emb_layer_norm_before", FIELD_OPTIONAL_BOOLEAN, TOP (emb_layer_norm_before) },
  { "token_dropout", FIELD_BOOLEAN, TOP (token_dropout) },
  { "is_folding_model", FIELD_BOOLEAN, TOP (is_folding_model) },
};
#undef TOP

#define FOLD(f) G_STRUCT_OFFSET (PleatEsmFoldConfig, f)
static const Field esmfold_fields[] = {
  { "esm_type", FIELD_OPTIONAL_STRING, FOLD (esm_type) },
  { "fp16_esm", FIELD_BOOLEAN, FOLD (fp16_esm) },
  { "use_esm_attn_map", FIELD_BOOLEAN, FOLD (use_esm_attn_map) },
  { "esm_ablate_pairwise", FIELD_BOOLEAN, FOLD (esm_ablate_pairwise) },
  { "esm_ablate_sequence", FIELD_BOOLEAN, FOLD (esm_ablate_sequence) },
  { "esm_input_dropout", FIELD_DOUBLE, FOLD (esm_input_dropout) },
  { "embed_aa", FIELD_BOOLEAN, FOLD (embed_aa) },
  { "bypass_lm", FIELD_BOOLEAN, FOLD (bypass_lm) },
  { "lddt_head_hid_dim", FIELD_SIZE, FOLD (lddt_head_hid_dim) },
};
#undef FOLD

#define TRUNK(f) G_STRUCT_OFFSET (PleatTrunkConfig, f)
static const Field trunk_fields[] = {
  { "num_blocks", FIELD_COUNT, TRUNK (num_blocks) },
  { "sequence_state_dim", FIELD_SIZE, TRUNK (sequence_state_dim) },
  { "pairwise_state_dim", FIELD_SIZE, TRUNK (pairwise_state_dim) },
  { "sequence_head_width", FIELD_SIZE, TRUNK (sequence_head_width) },
  { "pairwise_head_width", FIELD_SIZE, TRUNK (pairwise_head_width) },
  { "position_bins", FIELD_SIZE, TRUNK (position_bins) },
  { "dropout", FIELD_DOUBLE, TRUNK (dropout) },
  { "layer_drop", FIELD_DOUBLE, TRUNK (layer_drop) },
  { "cpu_grad_checkpoint", FIELD_BOOLEAN, TRUNK (cpu_grad_checkpoint) },
  { "max_recycles", FIELD_SIZE, TRUNK (max_recycles) },
  { "chunk_size", FIELD_CHUNK_SIZE, TRUNK (chunk_size) },
};
#undef TRUNK

#define SM(f) G_STRUCT_OFFSET (PleatStructureModuleConfig, f)
static const Field structure_module_fields[] = {
  { "sequence_dim", FIELD_SIZE, SM (sequence_dim) },
  { "pairwise_dim", FIELD_SIZE, SM (pairwise_dim) },
  { "ipa_dim", FIELD_SIZE, SM (ipa_dim) },
  { "resnet_dim", FIELD_SIZE, SM (resnet_dim) },
  { "num_heads_ipa", FIELD_SIZE, SM (num_heads_ipa) },
  { "num_qk_points", FIELD_SIZE, SM (num_qk_points) },
  { "num_v_points", FIELD_SIZE, SM (num_v_points) },
  { "dropout_rate", FIELD_DOUBLE, SM (dropout_rate) },
  { "num_blocks", FIELD_SIZE, SM (num_blocks) },
  { "num_transition_layers", FIELD_COUNT, SM (num_transition_layers) },
  { "num_resnet_blocks", FIELD_COUNT, SM (num_resnet_blocks) },
  { "num_angles", FIELD_SIZE, SM (num_angles) },
  { "trans_scale_factor", FIELD_DOUBLE, SM (trans_scale_factor) },
  { "epsilon", FIELD_DOUBLE, SM (epsilon) },
  { "inf", FIELD_DOUBLE, SM (inf) },
};
#undef SM

/* transformers.models.esm.configuration_esm.get_default_vocab_list(). */
static const char * const esm2_vocab_list[] = {
  "<cls>", "<pad>", "<eos>", "<unk>",
  "L", "A", "G", "V", "S", "E", "R", "T", "I", "D", "P", "K", "Q", "N", "F", "Y", "M", "H",
  "W", "C", "X", "B", "U", "Z", "O", ".", "-", "<null_1>", "<mask>",
  NULL
};

const char * const *
pleat_esm_config_get_default_vocab_list (void)
{
  return esm2_vocab_list;
}

static void
structure_module_config_init (PleatStructureModuleConfig *sm)
{
  sm->sequence_dim = 384;
  sm->pairwise_dim = 128;
  sm->ipa_dim = 16;
  sm->resnet_dim = 128;
  sm->num_heads_ipa = 12;
  sm->num_qk_points = 4;
  sm->num_v_points = 8;
  sm->dropout_rate = 0.1;
  sm->num_blocks = 8;
  sm->num_transition_layers = 1;
  sm->num_resnet_blocks = 2;
  sm->num_angles = 7;
  sm->trans_scale_factor = 10;
  sm->epsilon = 1e-8;
  sm->inf = 1e5;
}

static void
trunk_config_init (PleatTrunkConfig *trunk)
{
  trunk->num_blocks = 48;
  trunk->sequence_state_dim = 1024;
  trunk->pairwise_state_dim = 128;
  trunk->sequence_head_width = 32;
  trunk->pairwise_head_width = 32;
  trunk->position_bins = 32;
  trunk->dropout = 0;
  trunk->layer_drop = 0;
  trunk->cpu_grad_checkpoint = FALSE;
  trunk->max_recycles = 4;
  trunk->chunk_size = 128;
  structure_module_config_init (&trunk->structure_module);
}

static void
esmfold_config_init (PleatEsmFoldConfig *fold)
{
  fold->esm_type = NULL;
  fold->fp16_esm = TRUE;
  fold->use_esm_attn_map = FALSE;
  fold->esm_ablate_pairwise = FALSE;
  fold->esm_ablate_sequence = FALSE;
  fold->esm_input_dropout = 0;
  fold->embed_aa = TRUE;
  fold->bypass_lm = FALSE;
  fold->lddt_head_hid_dim = 128;
  trunk_config_init (&fold->trunk);
}

PleatEsmConfig *
pleat_esm_config_new_default (void)
{
  PleatEsmConfig *config = g_new0 (PleatEsmConfig, 1);

  config->model_type = g_strdup ("esm");
  config->vocab_size = -1;
  config->mask_token_id = -1;
  config->pad_token_id = -1;
  config->hidden_size = 768;
  config->num_hidden_layers = 12;
  config->num_attention_heads = 12;
  config->intermediate_size = 3072;
  config->hidden_act = g_strdup ("gelu");
  config->hidden_dropout_prob = 0.1;
  config->attention_probs_dropout_prob = 0.1;
  config->max_position_embeddings = 1026;
  config->initializer_range = 0.02;
  config->layer_norm_eps = 1e-12;
  config->position_embedding_type = g_strdup ("absolute");
  config->emb_layer_norm_before = FALSE;
  config->token_dropout = FALSE;
  config->is_folding_model = FALSE;
  esmfold_config_init (&config->esmfold);
  return config;
}

void
pleat_esm_config_free (PleatEsmConfig *config)
{
  if (config == NULL)
    return;
  g_strfreev (config->architectures);
  g_free (config->model_type);
  g_free (config->torch_dtype);
  g_strfreev (config->vocab_list);
  g_free (config->hidden_act);
  g_free (config->position_embedding_type);
  g_free (config->esmfold.esm_type);
  g_free (config);
}

static const char *
describe_node (JsonNode *node)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      return "an object";
    case JSON_NODE_ARRAY:
      return "an array";
    case JSON_NODE_NULL:
      return "null";
    case JSON_NODE_VALUE:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_BOOLEAN:
          return "a boolean";
        case G_TYPE_STRING:
          return "a string";
        case G_TYPE_DOUBLE:
          return "a non-integer number";
        case G_TYPE_INT64:
          return "an integer";
        default:
          return "a value";
        }
    default:
      return "a value";
    }
}

static gboolean
is_value_of_type (JsonNode *node,
                  GType     type)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == type;
}

static gboolean
type_error (GError     **error,
            const char  *path,
            const char  *expected,
            JsonNode    *node)
{
  g_set_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_INVALID_CONFIG,
               _("%s must be %s, not %s"), path, expected, describe_node (node));
  return FALSE;
}

static gboolean
read_integer (JsonNode    *node,
              const char  *path,
              gint64       min,
              const char  *expected,
              gint64      *out,
              GError     **error)
{
  gint64 value;

  if (!is_value_of_type (node, G_TYPE_INT64))
    return type_error (error, path, expected, node);
  value = json_node_get_int (node);
  if (value < min || value > MAX_CONFIG_INT)
    {
      g_set_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_INVALID_CONFIG,
                   _("%s must be %s, not %" G_GINT64_FORMAT), path, expected, value);
      return FALSE;
    }
  *out = value;
  return TRUE;
}

static gboolean
read_strv (JsonNode    *node,
           const char  *path,
           char      ***out,
           GError     **error)
{
  JsonArray *array;
  g_autoptr(GStrvBuilder) builder = NULL;
  guint n;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    return type_error (error, path, _("a list of strings"), node);
  array = json_node_get_array (node);
  n = json_array_get_length (array);
  builder = g_strv_builder_new ();
  for (guint i = 0; i < n; i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (!is_value_of_type (element, G_TYPE_STRING))
        {
          g_autofree char *element_path = g_strdup_printf ("%s[%u]", path, i);

          return type_error (error, element_path, _("a string"), element);
        }
      g_strv_builder_add (builder, json_node_get_string (element));
    }
  g_strfreev (*out);
  *out = g_strv_builder_end (builder);
  return TRUE;
}

static gboolean
read_field (const Field  *field,
            JsonNode     *node,
            const char   *path,
            gpointer      base,
            GError      **error)
{
  gpointer where = G_STRUCT_MEMBER_P (base, field->offset);
  gboolean is_null = JSON_NODE_HOLDS_NULL (node);
  gint64 value;

  switch (field->type)
    {
    case FIELD_COUNT:
      if (!read_integer (node, path, 0, _("a non-negative integer"), &value, error))
        return FALSE;
      *(guint *) where = (guint) value;
      return TRUE;

    case FIELD_SIZE:
      if (!read_integer (node, path, 1, _("a positive integer"), &value, error))
        return FALSE;
      *(guint *) where = (guint) value;
      return TRUE;

    case FIELD_CHUNK_SIZE:
      if (is_null)
        {
          *(guint *) where = 0;
          return TRUE;
        }
      if (!read_integer (node, path, 1, _("a positive integer or null"), &value, error))
        return FALSE;
      *(guint *) where = (guint) value;
      return TRUE;

    case FIELD_OPTIONAL_INDEX:
      if (is_null)
        {
          *(gint *) where = -1;
          return TRUE;
        }
      if (!read_integer (node, path, 0, _("a non-negative integer or null"), &value, error))
        return FALSE;
      *(gint *) where = (gint) value;
      return TRUE;

    case FIELD_OPTIONAL_SIZE:
      if (is_null)
        {
          *(gint *) where = -1;
          return TRUE;
        }
      if (!read_integer (node, path, 1, _("a positive integer or null"), &value, error))
        return FALSE;
      *(gint *) where = (gint) value;
      return TRUE;

    case FIELD_DOUBLE:
      if (is_value_of_type (node, G_TYPE_INT64))
        *(double *) where = (double) json_node_get_int (node);
      else if (is_value_of_type (node, G_TYPE_DOUBLE))
        *(double *) where = json_node_get_double (node);
      else
        return type_error (error, path, _("a number"), node);
      return TRUE;

    case FIELD_OPTIONAL_BOOLEAN:
      if (is_null)
        {
          *(gboolean *) where = FALSE;
          return TRUE;
        }
      G_GNUC_FALLTHROUGH;
    case FIELD_BOOLEAN:
      if (!is_value_of_type (node, G_TYPE_BOOLEAN))
        return type_error (error, path, _("true or false"), node);
      *(gboolean *) where = json_node_get_boolean (node);
      return TRUE;

    case FIELD_OPTIONAL_STRING:
      if (is_null)
        {
          g_clear_pointer ((char **) where, g_free);
          return TRUE;
        }
      G_GNUC_FALLTHROUGH;
    case FIELD_STRING:
      if (!is_value_of_type (node, G_TYPE_STRING))
        return type_error (error, path, _("a string"), node);
      g_free (*(char **) where);
      *(char **) where = g_strdup (json_node_get_string (node));
      return TRUE;

    case FIELD_OPTIONAL_STRV:
      if (is_null)
        {
          g_clear_pointer ((char ***) where, g_strfreev);
          return TRUE;
        }
      return read_strv (node, path, (char ***) where, error);

    default:
      g_assert_not_reached ();
    }
}

static char *
join_path (const char *prefix,
           const char *key)
{
  return prefix[0] != '\0' ? g_strconcat (prefix, ".", key, NULL) : g_strdup (key);
}

/* Reads the fields of one struct from @object. With @strict, a key that is neither a field
 * nor one of @sub_objects is an error, as it is for the reference's dataclasses. */
static gboolean
read_object (JsonObject         *object,
             const char         *prefix,
             const Field        *fields,
             guint               n_fields,
             const char * const *sub_objects,
             gboolean            strict,
             gpointer            base,
             GError            **error)
{
  for (guint i = 0; i < n_fields; i++)
    {
      JsonNode *node = json_object_get_member (object, fields[i].key);
      g_autofree char *path = NULL;

      if (node == NULL)
        continue;
      path = join_path (prefix, fields[i].key);
      if (!read_field (&fields[i], node, path, base, error))
        return FALSE;
    }

  if (strict)
    {
      g_autoptr(GList) members = json_object_get_members (object);

      for (const GList *l = members; l != NULL; l = l->next)
        {
          const char *key = l->data;
          gboolean known = sub_objects != NULL && g_strv_contains (sub_objects, key);

          for (guint i = 0; !known && i < n_fields; i++)
            known = strcmp (fields[i].key, key) == 0;
          if (!known)
            {
              g_autofree char *path = join_path (prefix, key);

              g_set_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_INVALID_CONFIG,
                           _("%s is not a known setting"), path);
              return FALSE;
            }
        }
    }
  return TRUE;
}

/* Returns the member @key of @object when it is an object, NULL when it is absent or null
 * (the reference then uses the defaults), and an error for anything else. */
static gboolean
get_sub_object (JsonObject  *object,
                const char  *key,
                const char  *path,
                JsonObject **out,
                GError     **error)
{
  JsonNode *node = json_object_get_member (object, key);

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return type_error (error, path, _("an object or null"), node);
  *out = json_node_get_object (node);
  return TRUE;
}

static gboolean
invalid (GError     **error,
         const char  *format,
         ...) G_GNUC_PRINTF (2, 3);

static gboolean
invalid (GError     **error,
         const char  *format,
         ...)
{
  va_list args;

  va_start (args, format);
  g_propagate_error (error, g_error_new_valist (PLEAT_ENGINE_ERROR,
                                                PLEAT_ENGINE_ERROR_INVALID_CONFIG,
                                                format, args));
  va_end (args);
  return FALSE;
}

/* The checks of TrunkConfig.__post_init__, in the same order. */
static gboolean
check_trunk (const PleatTrunkConfig  *trunk,
             GError                 **error)
{
  if (trunk->sequence_state_dim % trunk->sequence_head_width != 0)
    return invalid (error,
                    _("esmfold_config.trunk.sequence_state_dim (%u) must be a multiple of "
                      "sequence_head_width (%u)"),
                    trunk->sequence_state_dim, trunk->sequence_head_width);
  if (trunk->pairwise_state_dim % trunk->pairwise_head_width != 0)
    return invalid (error,
                    _("esmfold_config.trunk.pairwise_state_dim (%u) must be a multiple of "
                      "pairwise_head_width (%u)"),
                    trunk->pairwise_state_dim, trunk->pairwise_head_width);
  if (trunk->pairwise_state_dim % 2 != 0)
    return invalid (error, _("esmfold_config.trunk.pairwise_state_dim (%u) must be even"),
                    trunk->pairwise_state_dim);
  if (!(trunk->dropout < 0.4))
    return invalid (error, _("esmfold_config.trunk.dropout (%g) must be below 0.4"),
                    trunk->dropout);
  return TRUE;
}

static gboolean
read_esmfold (JsonObject          *root,
              PleatEsmFoldConfig  *fold,
              GError             **error)
{
  static const char * const esmfold_subs[] = { "trunk", NULL };
  static const char * const trunk_subs[] = { "structure_module", NULL };
  JsonObject *object, *trunk, *sm;

  if (!get_sub_object (root, "esmfold_config", "esmfold_config", &object, error))
    return FALSE;
  if (object == NULL)
    return TRUE;
  if (!read_object (object, "esmfold_config", esmfold_fields, G_N_ELEMENTS (esmfold_fields),
                    esmfold_subs, TRUE, fold, error))
    return FALSE;

  if (!get_sub_object (object, "trunk", "esmfold_config.trunk", &trunk, error))
    return FALSE;
  if (trunk == NULL)
    return TRUE;
  if (!read_object (trunk, "esmfold_config.trunk", trunk_fields, G_N_ELEMENTS (trunk_fields),
                    trunk_subs, TRUE, &fold->trunk, error))
    return FALSE;

  if (!get_sub_object (trunk, "structure_module", "esmfold_config.trunk.structure_module",
                       &sm, error))
    return FALSE;
  if (sm == NULL)
    return TRUE;
  return read_object (sm, "esmfold_config.trunk.structure_module", structure_module_fields,
                      G_N_ELEMENTS (structure_module_fields), NULL, TRUE,
                      &fold->trunk.structure_module, error);
}

PleatEsmConfig *
pleat_esm_config_new_from_data (const char  *json,
                                gssize       length,
                                GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(PleatEsmConfig) config = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;
  JsonObject *object;

  g_return_val_if_fail (json != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!json_parser_load_from_data (parser, json, length, &local_error))
    {
      g_set_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_INVALID_CONFIG,
                   _("Not valid JSON: %s"), local_error->message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_INVALID_CONFIG,
                   _("The configuration must be a JSON object, not %s"),
                   root != NULL ? describe_node (root) : _("empty"));
      return NULL;
    }
  object = json_node_get_object (root);

  config = pleat_esm_config_new_default ();
  if (!read_object (object, "", esm_fields, G_N_ELEMENTS (esm_fields), NULL, FALSE, config,
                    error))
    return NULL;

  if (config->hidden_size % config->num_attention_heads != 0)
    {
      invalid (error, _("hidden_size (%u) must be a multiple of num_attention_heads (%u)"),
               config->hidden_size, config->num_attention_heads);
      return NULL;
    }

  if (!config->is_folding_model)
    {
      /* The reference drops both for models that do not fold. */
      g_clear_pointer (&config->vocab_list, g_strfreev);
      return g_steal_pointer (&config);
    }

  if (config->vocab_list == NULL)
    config->vocab_list = g_strdupv ((char **) esm2_vocab_list);
  if (!read_esmfold (object, &config->esmfold, error) ||
      !check_trunk (&config->esmfold.trunk, error))
    return NULL;
  if (config->esmfold.use_esm_attn_map)
    {
      g_set_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_INVALID_CONFIG,
                   _("esmfold_config.use_esm_attn_map is not supported (the reference "
                     "implementation refuses it too)"));
      return NULL;
    }
  return g_steal_pointer (&config);
}

PleatEsmConfig *
pleat_esm_config_new_from_file (const char  *path,
                                GError     **error)
{
  g_autofree char *contents = NULL;
  gsize length;
  PleatEsmConfig *config;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!g_file_get_contents (path, &contents, &length, error))
    return NULL;
  config = pleat_esm_config_new_from_data (contents, (gssize) length, error);
  if (config == NULL)
    g_prefix_error (error, "%s: ", path);
  return config;
}
