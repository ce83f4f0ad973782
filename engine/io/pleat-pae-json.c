/* pleat-pae-json.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pleat-engine"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <math.h>

#include "pleat-error.h"
#include "pleat-pae-json.h"

static gboolean
node_number (JsonNode *node,
             double   *value)
{
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  type = json_node_get_value_type (node);
  if (type == G_TYPE_DOUBLE)
    *value = json_node_get_double (node);
  else if (type == G_TYPE_INT64)
    *value = (double) json_node_get_int (node);
  else
    return FALSE;
  return isfinite ((float) *value);
}

static gboolean
invalid (GError     **error,
         const char  *what)
{
  g_set_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_INVALID_FILE,
               _("Not a PAE file: %s"), what);
  return FALSE;
}

static gboolean
parse_matrix (JsonArray  *rows,
              guint      *n_out,
              float     **pae_out,
              GError    **error)
{
  guint n = json_array_get_length (rows);
  g_autofree float *pae = NULL;

  if (n == 0 || n > 100000)
    return invalid (error, _("the matrix is empty or too large"));
  pae = g_new (float, (gsize) n * n);
  for (guint i = 0; i < n; i++)
    {
      JsonNode *row_node = json_array_get_element (rows, i);
      JsonArray *row;

      if (!JSON_NODE_HOLDS_ARRAY (row_node)
          || json_array_get_length (row = json_node_get_array (row_node)) != n)
        return invalid (error, _("the matrix is not square"));
      for (guint j = 0; j < n; j++)
        {
          double v;

          if (!node_number (json_array_get_element (row, j), &v))
            return invalid (error, _("a matrix element is not a number"));
          pae[(gsize) i * n + j] = (float) v;
        }
    }
  *n_out = n;
  *pae_out = g_steal_pointer (&pae);
  return TRUE;
}

/* AlphaFold DB v1: three flat arrays over all pairs, residue numbers 1-based. */
static gboolean
parse_flat (JsonObject  *object,
            guint       *n_out,
            float      **pae_out,
            GError     **error)
{
  JsonArray *r1 = json_object_get_array_member (object, "residue1");
  JsonArray *r2 = json_object_get_array_member (object, "residue2");
  JsonArray *d = json_object_get_array_member (object, "distance");
  guint count = json_array_get_length (d);
  guint n = (guint) llround (sqrt ((double) count));
  g_autofree float *pae = NULL;

  if (json_array_get_length (r1) != count || json_array_get_length (r2) != count
      || n == 0 || (guint64) n * n != count || n > 100000)
    return invalid (error, _("residue1, residue2 and distance do not form a square matrix"));
  pae = g_new (float, (gsize) n * n);
  for (guint k = 0; k < count; k++)
    {
      double i, j, v;

      if (!node_number (json_array_get_element (r1, k), &i)
          || !node_number (json_array_get_element (r2, k), &j)
          || !node_number (json_array_get_element (d, k), &v)
          || i < 1 || j < 1 || i > n || j > n)
        return invalid (error, _("a residue number is out of range"));
      pae[(gsize) (i - 1) * n + (gsize) (j - 1)] = (float) v;
    }
  *n_out = n;
  *pae_out = g_steal_pointer (&pae);
  return TRUE;
}

gboolean
pleat_pae_json_parse (const char  *data,
                      gsize        length,
                      guint       *n,
                      float      **pae,
                      float       *max_pae,
                      double      *ptm,
                      double      *iptm,
                      GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;
  JsonObject *object;
  double value;

  g_return_val_if_fail (n != NULL && pae != NULL && max_pae != NULL, FALSE);

  *ptm = *iptm = NAN;
  if (!json_parser_load_from_data (parser, data, (gssize) length, error))
    {
      g_prefix_error (error, _("Invalid PAE JSON: "));
      return FALSE;
    }
  root = json_parser_get_root (parser);
  /* AlphaFold DB wraps the object in a one-element list. */
  if (root != NULL && JSON_NODE_HOLDS_ARRAY (root)
      && json_array_get_length (json_node_get_array (root)) > 0)
    root = json_array_get_element (json_node_get_array (root), 0);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return invalid (error, _("expected an object"));
  object = json_node_get_object (root);

  if (json_object_has_member (object, "predicted_aligned_error")
      && JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, "predicted_aligned_error")))
    {
      if (!parse_matrix (json_object_get_array_member (object, "predicted_aligned_error"),
                         n, pae, error))
        return FALSE;
    }
  else if (json_object_has_member (object, "pae")
           && JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, "pae")))
    {
      if (!parse_matrix (json_object_get_array_member (object, "pae"), n, pae, error))
        return FALSE;
    }
  else if (json_object_has_member (object, "distance")
           && JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, "distance"))
           && JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, "residue1"))
           && JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, "residue2")))
    {
      if (!parse_flat (object, n, pae, error))
        return FALSE;
    }
  else
    return invalid (error, _("no “predicted_aligned_error” or “pae” member"));

  *max_pae = 0.0f;
  if (node_number (json_object_get_member (object, "max_predicted_aligned_error"), &value)
      || node_number (json_object_get_member (object, "max_pae"), &value))
    *max_pae = (float) value;
  else
    for (gsize i = 0; i < (gsize) *n * *n; i++)
      *max_pae = MAX (*max_pae, (*pae)[i]);
  if (node_number (json_object_get_member (object, "ptm"), &value))
    *ptm = value;
  if (node_number (json_object_get_member (object, "iptm"), &value))
    *iptm = value;
  return TRUE;
}

gboolean
pleat_scores_json_parse (const char  *data,
                         gsize        length,
                         double      *ptm,
                         double      *iptm,
                         GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;
  JsonObject *object;
  double value;

  *ptm = *iptm = NAN;
  if (!json_parser_load_from_data (parser, data, (gssize) length, error))
    {
      g_prefix_error (error, _("Invalid confidence JSON: "));
      return FALSE;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return invalid (error, _("expected an object"));
  object = json_node_get_object (root);
  if (node_number (json_object_get_member (object, "ptm"), &value))
    *ptm = value;
  if (node_number (json_object_get_member (object, "iptm"), &value))
    *iptm = value;
  return TRUE;
}

gboolean
pleat_structure_attach_pae_json (PleatStructure  *structure,
                                 const char      *data,
                                 gsize            length,
                                 GError         **error)
{
  g_autofree float *pae = NULL;
  float max_pae;
  double ptm, iptm;
  guint n, n_residues, n_polymer = 0;
  const PleatResidue *residues;

  g_return_val_if_fail (PLEAT_IS_STRUCTURE (structure), FALSE);

  if (!pleat_pae_json_parse (data, length, &n, &pae, &max_pae, &ptm, &iptm, error))
    return FALSE;
  residues = pleat_structure_get_residues (structure, &n_residues);
  for (guint i = 0; i < n_residues; i++)
    n_polymer += !residues[i].hetatm;
  if (n != n_polymer)
    {
      g_set_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_INVALID_FILE,
                   _("The PAE matrix has %u rows but the structure has %u residues"), n,
                   n_polymer);
      return FALSE;
    }
  pleat_structure_take_pae (structure, n, g_steal_pointer (&pae), max_pae);
  if (!isnan (ptm))
    pleat_structure_set_ptm (structure, ptm);
  if (!isnan (iptm))
    pleat_structure_set_iptm (structure, iptm);
  return TRUE;
}
