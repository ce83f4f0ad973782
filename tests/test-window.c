/* test-window.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gtk/gtk.h>

#include "pleat-ui.h"
#include "pleat-window.h"

static gboolean
label_shown_with (GtkWidget  *root,
                  const char *needle)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child) && gtk_widget_get_visible (child) &&
          strstr (gtk_label_get_label (GTK_LABEL (child)), needle) != NULL)
        return TRUE;
      if (label_shown_with (child, needle))
        return TRUE;
    }
  return FALSE;
}

static void
test_window_without_model (void)
{
  PleatWindow *window = pleat_window_new (NULL);

  pleat_window_set_model_info (window, NULL, "/tmp/models");
  gtk_window_present (GTK_WINDOW (window));

  /* A user without a model is told how to get one, with a command naming the folder. */
  g_assert_true (label_shown_with (GTK_WIDGET (window), "No Model Installed"));
  g_assert_true (label_shown_with (GTK_WIDGET (window),
                                   "huggingface-cli download facebook/esmfold_v1"));
  g_assert_true (label_shown_with (GTK_WIDGET (window), "/tmp/models/esmfold_v1"));

  pleat_window_set_model_info (window, "esmfold_v1", "/tmp/models");
  g_assert_true (label_shown_with (GTK_WIDGET (window), "esmfold_v1"));
  g_assert_false (label_shown_with (GTK_WIDGET (window), "huggingface-cli"));

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
