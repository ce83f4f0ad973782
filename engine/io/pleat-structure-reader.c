/* pleat-structure-reader.c
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
#include "pleat-mmcif-reader.h"
#include "pleat-npz.h"
#include "pleat-pae-json.h"
#include "pleat-pdb-reader.h"
#include "pleat-secondary-structure.h"
#include "pleat-structure-reader.h"

/* Larger files are refused before they are read: 2 GiB of text is millions of atoms more than
 * anything the viewer can show. */
#define MAX_FILE_SIZE (G_GUINT64_CONSTANT (2) << 30)

static gboolean
has_suffix_ci (const char *name,
               const char *suffix)
{
  gsize n = strlen (name), m = strlen (suffix);

  return n >= m && g_ascii_strcasecmp (name + n - m, suffix) == 0;
}

PleatStructureFormat
pleat_structure_format_guess (const char *name,
                              const char *data,
                              gsize       length)
{
  if (name != NULL)
    {
      g_autofree char *base = g_strdup (name);

      if (has_suffix_ci (base, ".gz"))
        base[strlen (base) - 3] = '\0';
      if (has_suffix_ci (base, ".cif") || has_suffix_ci (base, ".mmcif"))
        return PLEAT_STRUCTURE_FORMAT_MMCIF;
      if (has_suffix_ci (base, ".pdb") || has_suffix_ci (base, ".ent"))
        return PLEAT_STRUCTURE_FORMAT_PDB;
    }
  if (data == NULL)
    return PLEAT_STRUCTURE_FORMAT_UNKNOWN;

  /* The first word that is not a comment decides. */
  for (gsize i = 0; i < length;)
    {
      while (i < length && g_ascii_isspace (data[i]))
        i++;
      if (i < length && data[i] == '#')
        {
          while (i < length && data[i] != '\n')
            i++;
          continue;
        }
      if (length - i >= 5 && g_ascii_strncasecmp (data + i, "data_", 5) == 0)
        return PLEAT_STRUCTURE_FORMAT_MMCIF;
      if (length - i >= 6)
        {
          static const char * const records[] = {
            "HEADER", "ATOM  ", "HETATM", "MODEL ", "REMARK", "TITLE ", "CRYST1", "PARENT",
            "EXPDTA", "COMPND",
          };

          for (guint r = 0; r < G_N_ELEMENTS (records); r++)
            if (memcmp (data + i, records[r], 6) == 0)
              return PLEAT_STRUCTURE_FORMAT_PDB;
        }
      break;
    }
  return PLEAT_STRUCTURE_FORMAT_UNKNOWN;
}

GPtrArray *
pleat_structure_read_data (const char            *data,
                           gsize                  length,
                           PleatStructureFormat   format,
                           const char            *title,
                           GCancellable          *cancellable,
                           GError               **error)
{
  if (format == PLEAT_STRUCTURE_FORMAT_UNKNOWN)
    format = pleat_structure_format_guess (NULL, data, length);

  switch (format)
    {
    case PLEAT_STRUCTURE_FORMAT_MMCIF:
      return pleat_mmcif_read (data, length, title, cancellable, error);
    case PLEAT_STRUCTURE_FORMAT_PDB:
      return pleat_pdb_read (data, length, title, cancellable, error);
    case PLEAT_STRUCTURE_FORMAT_UNKNOWN:
    default:
      g_set_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_INVALID_FILE,
                   _("Line 1: neither an mmCIF nor a PDB file"));
      return NULL;
    }
}

/* The whole file, gunzipped when it starts with the gzip magic. */
static GBytes *
read_contents (GFile         *file,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(GFileInputStream) file_stream = NULL;
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  guint8 buffer[65536];
  gssize n;

  file_stream = g_file_read (file, cancellable, error);
  if (file_stream == NULL)
    return NULL;
  n = g_input_stream_read (G_INPUT_STREAM (file_stream), buffer, 2, cancellable, error);
  if (n < 0)
    return NULL;
  if (!g_seekable_seek (G_SEEKABLE (file_stream), 0, G_SEEK_SET, cancellable, error))
    return NULL;
  if (n == 2 && buffer[0] == 0x1f && buffer[1] == 0x8b)
    {
      g_autoptr(GZlibDecompressor) gunzip = g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP);

      stream = g_converter_input_stream_new (G_INPUT_STREAM (file_stream), G_CONVERTER (gunzip));
    }
  else
    stream = G_INPUT_STREAM (g_object_ref (file_stream));

  while ((n = g_input_stream_read (stream, buffer, sizeof buffer, cancellable, error)) > 0)
    {
      if (bytes->len + (guint64) n > MAX_FILE_SIZE)
        {
          g_set_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_UNSUPPORTED,
                       _("The file is larger than 2 GiB"));
          return NULL;
        }
      g_byte_array_append (bytes, buffer, (guint) n);
    }
  if (n < 0)
    return NULL;
  return g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
}

static char *
strip_extensions (const char *base)
{
  char *name = g_strdup (base);
  char *dot;

  if (has_suffix_ci (name, ".gz"))
    name[strlen (name) - 3] = '\0';
  dot = strrchr (name, '.');
  if (dot != NULL && dot != name)
    *dot = '\0';
  return name;
}

static char *
replace_once (const char *text,
              const char *what,
              const char *with)
{
  const char *at = strstr (text, what);

  if (at == NULL)
    return NULL;
  return g_strdup_printf ("%.*s%s%s", (int) (at - text), text, with, at + strlen (what));
}

GPtrArray *
pleat_structure_dup_pae_candidates (GFile *file)
{
  g_autoptr(GPtrArray) candidates = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GFile) parent = g_file_get_parent (file);
  g_autofree char *base = g_file_get_basename (file);
  g_autofree char *stem = NULL;
  g_autofree char *afdb = NULL;
  g_autofree char *colabfold = NULL;

  if (parent == NULL || base == NULL)
    return g_steal_pointer (&candidates);
  stem = strip_extensions (base);

  /* AlphaFold DB: AF-P12345-F1-model_v4.cif -> AF-P12345-F1-predicted_aligned_error_v4.json */
  afdb = replace_once (stem, "-model_v", "-predicted_aligned_error_v");
  if (afdb != NULL)
    {
      g_autofree char *name = g_strconcat (afdb, ".json", NULL);

      g_ptr_array_add (candidates, g_file_get_child (parent, name));
    }
  /* ColabFold: X_unrelaxed_rank_001_... .pdb -> X_scores_rank_001_... .json */
  colabfold = replace_once (stem, "_unrelaxed_", "_scores_");
  if (colabfold == NULL)
    colabfold = replace_once (stem, "_relaxed_", "_scores_");
  if (colabfold != NULL)
    {
      g_autofree char *name = g_strconcat (colabfold, ".json", NULL);

      g_ptr_array_add (candidates, g_file_get_child (parent, name));
    }
  {
    g_autofree char *pae = g_strconcat (stem, "_pae.json", NULL);
    g_autofree char *json = g_strconcat (stem, ".json", NULL);

    g_ptr_array_add (candidates, g_file_get_child (parent, pae));
    g_ptr_array_add (candidates, g_file_get_child (parent, json));
  }
  return g_steal_pointer (&candidates);
}

/* Boltz writes pTM and ipTM into confidence_NAME.json beside NAME.cif, without a matrix. */
static void
attach_sibling_scores (GFile        *file,
                       GPtrArray    *structures,
                       GCancellable *cancellable)
{
  g_autoptr(GFile) parent = g_file_get_parent (file);
  g_autofree char *base = g_file_get_basename (file);
  g_autofree char *stem = strip_extensions (base);
  g_autofree char *name = g_strconcat ("confidence_", stem, ".json", NULL);
  g_autoptr(GFile) candidate = NULL;
  g_autofree char *data = NULL;
  gsize length;
  double ptm, iptm;

  if (parent == NULL)
    return;
  candidate = g_file_get_child (parent, name);
  if (!g_file_load_contents (candidate, cancellable, &data, &length, NULL, NULL)
      || !pleat_scores_json_parse (data, length, &ptm, &iptm, NULL))
    return;
  for (guint s = 0; s < structures->len; s++)
    {
      PleatStructure *structure = g_ptr_array_index (structures, s);

      if (isnan (pleat_structure_get_ptm (structure)) && !isnan (ptm))
        pleat_structure_set_ptm (structure, ptm);
      if (isnan (pleat_structure_get_iptm (structure)) && !isnan (iptm))
        pleat_structure_set_iptm (structure, iptm);
    }
}

/* Boltz writes its confidences as NumPy archives beside NAME.cif: pae_NAME.npz, and
 * plddt_NAME.npz, used only when the model file carries no pLDDT. */
static void
attach_sibling_npz (GFile        *file,
                    GPtrArray    *structures,
                    GCancellable *cancellable)
{
  g_autoptr(GFile) parent = g_file_get_parent (file);
  g_autofree char *base = g_file_get_basename (file);
  g_autofree char *stem = strip_extensions (base);
  static const char *const prefixes[] = { "pae_", "plddt_" };

  if (parent == NULL)
    return;
  for (guint p = 0; p < G_N_ELEMENTS (prefixes); p++)
    {
      g_autofree char *name = g_strconcat (prefixes[p], stem, ".npz", NULL);
      g_autoptr(GFile) candidate = g_file_get_child (parent, name);
      g_autoptr(GBytes) bytes = NULL;
      char *data = NULL;
      gsize length = 0;

      if (!g_file_load_contents (candidate, cancellable, &data, &length, NULL, NULL))
        continue;
      bytes = g_bytes_new_take (data, length);
      for (guint s = 0; s < structures->len; s++)
        {
          PleatStructure *structure = g_ptr_array_index (structures, s);
          g_autoptr(GError) error = NULL;
          gboolean attached;

          if (p == 0)
            attached = pleat_structure_get_pae (structure, NULL, NULL) != NULL ||
                       pleat_structure_attach_pae_npz (structure, bytes, name, &error);
          else
            attached = pleat_structure_has_plddt (structure) ||
                       pleat_structure_attach_plddt_npz (structure, bytes, name, &error);
          if (!attached)
            g_debug ("Not attaching %s: %s", g_file_peek_path (candidate), error->message);
        }
    }
}

static void
attach_sibling_pae (GFile        *file,
                    GPtrArray    *structures,
                    GCancellable *cancellable)
{
  g_autoptr(GPtrArray) candidates = pleat_structure_dup_pae_candidates (file);

  for (guint c = 0; c < candidates->len; c++)
    {
      GFile *candidate = g_ptr_array_index (candidates, c);
      g_autoptr(GError) error = NULL;
      g_autofree char *data = NULL;
      gsize length = 0;
      gboolean attached = FALSE;

      if (!g_file_load_contents (candidate, cancellable, &data, &length, NULL, NULL))
        continue;
      for (guint s = 0; s < structures->len; s++)
        {
          PleatStructure *structure = g_ptr_array_index (structures, s);

          /* A matrix from the model file itself (ModelCIF) is never replaced. */
          if (pleat_structure_get_pae (structure, NULL, NULL) != NULL)
            continue;
          g_clear_error (&error);
          if (pleat_structure_attach_pae_json (structure, data, length, &error))
            attached = TRUE;
          else
            g_debug ("Not attaching %s: %s", g_file_peek_path (candidate), error->message);
        }
      if (attached)
        return;
    }
}

GPtrArray *
pleat_structure_load (GFile         *file,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) structures = NULL;
  g_autofree char *base = NULL;
  g_autofree char *stem = NULL;
  gconstpointer data;
  gsize length;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  bytes = read_contents (file, cancellable, error);
  if (bytes == NULL)
    return NULL;
  base = g_file_get_basename (file);
  stem = strip_extensions (base);
  data = g_bytes_get_data (bytes, &length);
  structures = pleat_structure_read_data (data, length,
                                          pleat_structure_format_guess (base, data, length),
                                          stem, cancellable, error);
  if (structures == NULL)
    {
      g_prefix_error (error, "%s: ", base);
      return NULL;
    }
  attach_sibling_pae (file, structures, cancellable);
  attach_sibling_npz (file, structures, cancellable);
  attach_sibling_scores (file, structures, cancellable);
  for (guint i = 0; i < structures->len; i++)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      pleat_secondary_structure_assign (g_ptr_array_index (structures, i));
    }
  return g_steal_pointer (&structures);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  GPtrArray *structures = pleat_structure_load (G_FILE (task_data), cancellable, &error);

  if (structures == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, structures, (GDestroyNotify) g_ptr_array_unref);
}

void
pleat_structure_load_async (GFile               *file,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, pleat_structure_load_async);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, load_thread);
}

GPtrArray *
pleat_structure_load_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == pleat_structure_load_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
