/* pleat-test-structures.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "pleat-residues.h"
#include "pleat-test-structures.h"

typedef struct
{
  const char *name;
  const char *element;
  double      radius;  /* A from the helix axis */
  double      phase;   /* degrees relative to CA */
  double      rise;    /* A along the axis relative to CA */
} HelixAtom;

/* An ideal alpha-helix (3.6 residues per turn, 1.5 A rise) in cylindrical coordinates. */
static const HelixAtom helix_atoms[] = {
  { "N", "N", 1.55, -28.0, -0.95 },
  { "CA", "C", 2.30, 0.0, 0.0 },
  { "C", "C", 1.63, 26.0, 0.95 },
  { "O", "O", 1.95, 45.0, 2.10 },
  { "CB", "C", 3.30, -10.0, -0.60 },
};

static void
add_helix_chain (PleatStructure *s,
                 const char     *id,
                 const char     *sequence,
                 guint           offset,
                 float           shift_x)
{
  pleat_structure_add_chain (s, id, id);
  for (guint i = 0; sequence[i] != '\0'; i++)
    {
      const char *name = pleat_residue_three_letter (sequence[i]);
      guint k = offset + i;

      pleat_structure_add_residue (s, name, (gint) i + 1, '\0');
      for (guint a = 0; a < G_N_ELEMENTS (helix_atoms); a++)
        {
          const HelixAtom *h = &helix_atoms[a];
          double phi = (k * 100.0 + h->phase) * G_PI / 180.0;

          /* Glycine has no CB; unknown residues only their backbone (as ESMFold builds X). */
          if (strcmp (h->name, "CB") == 0 && (sequence[i] == 'G' || strcmp (name, "UNK") == 0))
            continue;
          pleat_structure_add_atom (s, h->name, h->element,
                                    (float) (h->radius * cos (phi)) + shift_x,
                                    (float) (h->radius * sin (phi)),
                                    (float) (k * 1.5 + h->rise) - 20.0f);
          /* Varied pLDDT with decimals, between about 40 and 95. */
          pleat_structure_get_last_atom (s)->plddt =
            (float) (67.5 + 27.5 * sin (k * 0.7 + a * 0.9) + 0.013 * a);
        }
    }
}

static void
finish (PleatStructure *s,
        guint           n_a)
{
  guint n = pleat_structure_get_n_residues (s);
  const PleatAtom *atoms;
  guint n_atoms;
  float *pae = g_new (float, (gsize) n * n);
  double sum = 0;

  for (guint i = 0; i < n; i++)
    for (guint j = 0; j < n; j++)
      {
        /* Asymmetric (depends on i % 3), larger between chains, capped as ESMFold's bins. */
        double v = 0.25 + 0.9 * fabs ((double) i - j) + 0.3 * (i % 3) + 0.001 * j;

        if ((i < n_a) != (j < n_a))
          v += 8.0;
        pae[(gsize) i * n + j] = (float) MIN (v, 31.75);
      }
  pleat_structure_take_pae (s, n, pae, 31.75f);
  pleat_structure_compute_residue_plddt (s);
  atoms = pleat_structure_get_atoms (s, &n_atoms);
  for (guint a = 0; a < n_atoms; a++)
    sum += atoms[a].plddt;
  pleat_structure_set_mean_plddt (s, sum / n_atoms);
  pleat_structure_set_ptm (s, 0.81234);
}

PleatStructure *
pleat_test_structure_new_helix (const char *sequence)
{
  PleatStructure *s = pleat_structure_new ();

  pleat_structure_set_title (s, "helix");
  add_helix_chain (s, "A", sequence, 0, 0.0f);
  finish (s, (guint) strlen (sequence));
  return s;
}

PleatStructure *
pleat_test_structure_new_complex (const char *sequence_a,
                                  const char *sequence_b)
{
  PleatStructure *s = pleat_structure_new ();
  guint n_a = (guint) strlen (sequence_a);

  pleat_structure_set_title (s, "complex");
  add_helix_chain (s, "A", sequence_a, 0, 0.0f);
  add_helix_chain (s, "B", sequence_b, n_a, 12.0f);
  finish (s, n_a);
  pleat_structure_set_iptm (s, 0.63456);
  return s;
}

PleatResultInfo *
pleat_test_result_info_new (const char *id)
{
  PleatResultInfo *info = pleat_result_info_new (id, "ESMFold v1");

  info->description = g_strdup ("test structure built in code");
  info->model_source = g_strdup ("facebook/esmfold_v1");
  pleat_result_info_set_weights (info, "/models/esmfold_v1/pytorch_model.bin",
                                 "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
  pleat_result_info_add_integer (info, "num_recycles", 3);
  pleat_result_info_add_string (info, "chunk_size", "none");
  pleat_result_info_add_float (info, "lm_dropout", 0.25);
  pleat_result_info_add_boolean (info, "fp16_esm", FALSE);
  info->seconds = 12.5;
  return info;
}
