/* test-window.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gtk/gtk.h>

#include "pleat-ui.h"
#include "pleat-test-ui.h"
#include "pleat-window.h"

static void
test_window_without_model (void)
{
  PleatWindow *window = pleat_window_new (NULL);

  pleat_window_set_model_info (window, NULL, "/tmp/models");
  gtk_window_present (GTK_WINDOW (window));

  /* A user without a model is told how to get one, with a command naming the folder. */
  g_assert_true (pleat_test_label_shown (GTK_WIDGET (window), "No Model Installed"));
  g_assert_true (pleat_test_label_shown (GTK_WIDGET (window),
                                   "huggingface-cli download facebook/esmfold_v1"));
  g_assert_true (pleat_test_label_shown (GTK_WIDGET (window), "/tmp/models/esmfold_v1"));

  pleat_window_set_model_info (window, "esmfold_v1", "/tmp/models");
  g_assert_true (pleat_test_label_shown (GTK_WIDGET (window), "esmfold_v1"));
  g_assert_false (pleat_test_label_shown (GTK_WIDGET (window), "huggingface-cli"));

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  pleat_ui_init ();

  g_test_add_func ("/pleat/ui/Window/without-model", test_window_without_model);

  return g_test_run ();
}
