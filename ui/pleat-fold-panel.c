/* pleat-fold-panel.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The form: editor, validation, options, model status, actions and signals. The progress
 * area is in pleat-fold-panel-progress.c.
 */
#define G_LOG_DOMAIN "pleat-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "pleat-fasta.h"
#include "pleat-fold-panel-private.h"

G_DEFINE_ENUM_TYPE (PleatModelStatus, pleat_model_status,
                    G_DEFINE_ENUM_VALUE (PLEAT_MODEL_STATUS_NONE, "none"),
                    G_DEFINE_ENUM_VALUE (PLEAT_MODEL_STATUS_LOADING, "loading"),
                    G_DEFINE_ENUM_VALUE (PLEAT_MODEL_STATUS_READY, "ready"),
                    G_DEFINE_ENUM_VALUE (PLEAT_MODEL_STATUS_FAILED, "failed"))

G_DEFINE_FINAL_TYPE (PleatFoldPanel, pleat_fold_panel, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TEXT,
  PROP_N_PASSES,
  PROP_CHUNK_SIZE,
  PROP_MODEL_STATUS,
  PROP_MODEL_NAME,
  PROP_MODEL_MESSAGE,
  PROP_JOB,
  PROP_VALID,
  PROP_CAN_FOLD,
  N_PROPS
};

enum {
  SIGNAL_FOLD_REQUESTED,
  SIGNAL_CANCEL_REQUESTED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* The chunk-size choices, in the drop-down's order; 0 is "Auto". */
static const guint chunk_sizes[] = { 0, 512, 256, 128, 64, 32, 16, 8, 4 };

/* The id a raw sequence (no '>' header) gets; it names the output files. */
#define RAW_SEQUENCE_ID "sequence"

/* g_set_str() is GLib 2.76; we build against 2.74. */
static gboolean
set_str (char       **slot,
         const char  *value)
{
  if (g_strcmp0 (*slot, value) == 0)
    return FALSE;
  g_free (*slot);
  *slot = g_strdup (value);
  return TRUE;
}

/* Validation */

static void
mark_error (PleatFoldPanel           *self,
            const PleatFastaPosition *where)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (self->buffer, &start, &end);
  gtk_text_buffer_remove_tag (self->buffer, self->error_tag, &start, &end);
  if (where == NULL || where->line == 0)
    return;
  if (!gtk_text_buffer_get_iter_at_line (self->buffer, &start, (int) where->line - 1))
    return;
  end = start;
  if (where->column > 0)
    {
      /* The parser counts bytes, as GtkTextBuffer's line index does. */
      if (!gtk_text_buffer_get_iter_at_line_index (self->buffer, &start, (int) where->line - 1,
                                                   (int) where->column - 1))
        return;
      end = start;
      gtk_text_iter_forward_char (&end);
    }
  else if (!gtk_text_iter_ends_line (&end))
    gtk_text_iter_forward_to_line_end (&end);
  gtk_text_buffer_apply_tag (self->buffer, self->error_tag, &start, &end);
}

static char *
summarize (GPtrArray *records)
{
  guint n_chains = 0, n_residues = 0;
  g_autofree char *chains = NULL;
  g_autofree char *residues = NULL;

  for (guint i = 0; i < records->len; i++)
    {
      const PleatSequenceRecord *record = g_ptr_array_index (records, i);

      n_chains += record->n_chains;
      n_residues += record->n_residues;
    }
  chains = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u chain", "%u chains", n_chains),
                            n_chains);
  residues = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u residue", "%u residues",
                                           n_residues), n_residues);
  if (records->len == 1)
    /* Translators: e.g. "2 chains, 245 residues". */
    return g_strdup_printf (_("%s, %s"), chains, residues);
  /* Translators: e.g. "3 sequences: 4 chains, 512 residues"; each sequence is one fold. */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u sequence: %s, %s",
                                       "%u sequences: %s, %s", records->len),
                          records->len, chains, residues);
}

/* A second press while a job is queued or running would only queue another fold behind it:
 * Fold waits until the job shown has ended. */
static gboolean
compute_can_fold (PleatFoldPanel *self)
{
  return self->records != NULL && self->model_status == PLEAT_MODEL_STATUS_READY &&
         !_pleat_fold_panel_job_is_active (self);
}

void
_pleat_fold_panel_update_actions (PleatFoldPanel *self)
{
  gboolean can_fold = compute_can_fold (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "fold-panel.fold", can_fold);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "fold-panel.cancel",
                                 _pleat_fold_panel_job_is_active (self));
  if (self->can_fold == can_fold)
    return;
  self->can_fold = can_fold;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_FOLD]);
}

/* Runs body, then notifies valid (and, through the actions, can-fold) if they changed. */
#define WITH_DERIVED_NOTIFY(self, body)                                       \
  G_STMT_START {                                                              \
    gboolean valid_before = (self)->records != NULL;                          \
    body;                                                                     \
    if (valid_before != ((self)->records != NULL))                            \
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALID]);     \
    _pleat_fold_panel_update_actions (self);                                  \
  } G_STMT_END

static void
validate (PleatFoldPanel *self)
{
  g_autofree char *text = pleat_fold_panel_dup_text (self);
  g_autoptr(GError) error = NULL;
  PleatFastaPosition where = { 0, 0 };
  gboolean blank = TRUE;

  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      {
        blank = FALSE;
        break;
      }
  gtk_widget_set_visible (self->placeholder, *text == '\0');

  g_clear_pointer (&self->records, g_ptr_array_unref);
  if (blank)
    {
      mark_error (self, NULL);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
      gtk_label_set_text (self->summary_label, _("Paste a sequence or FASTA records"));
      return;
    }

  self->records = pleat_fasta_parse_at (text, strlen (text), RAW_SEQUENCE_ID, &where, &error);
  mark_error (self, self->records == NULL ? &where : NULL);
  if (self->records == NULL)
    {
      gtk_label_set_text (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      gtk_label_set_text (self->summary_label, "");
      gtk_accessible_update_state (GTK_ACCESSIBLE (self->text_view),
                                   GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE,
                                   -1);
      return;
    }
  {
    g_autofree char *summary = summarize (self->records);

    gtk_label_set_text (self->summary_label, summary);
  }
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->text_view),
                               GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_FALSE,
                               -1);
}

static void
buffer_changed_cb (PleatFoldPanel *self)
{
  GtkTextIter start, end;

  /* set_text() deletes, then inserts: validate once, after both. */
  if (self->setting_text)
    return;
  /* Pango hyphenates words it breaks, and a '-' inside a wrapped sequence would read as a
   * gap: no hyphens anywhere (a tag, as GtkTextView has no view-wide attribute). */
  gtk_text_buffer_get_bounds (self->buffer, &start, &end);
  gtk_text_buffer_apply_tag (self->buffer, self->sequence_tag, &start, &end);
  WITH_DERIVED_NOTIFY (self, validate (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
}

/* Options */

static void
update_passes_note (PleatFoldPanel *self)
{
  int passes = pleat_fold_panel_get_n_passes (self);
  int recycles = passes - 1;
  g_autofree char *note = NULL;

  if (recycles == 0)
    note = g_strdup (_("= no recycling"));
  else if (passes == 4)
    /* Translators: the trunk runs once plus this many recycles. */
    note = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "= %d recycle, the ESMFold default",
                                         "= %d recycles, the ESMFold default", recycles),
                            recycles);
  else
    note = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "= %d recycle", "= %d recycles",
                                         recycles), recycles);
  gtk_label_set_text (self->passes_note, note);
}

static void
passes_changed_cb (PleatFoldPanel *self)
{
  update_passes_note (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PASSES]);
}

static void
chunk_changed_cb (PleatFoldPanel *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHUNK_SIZE]);
}

/* Model status */

static void
update_model_status (PleatFoldPanel *self)
{
  g_autofree char *title = NULL;
  const char *hint = self->model_message;
  const char *icon = NULL;

  switch (self->model_status)
    {
    case PLEAT_MODEL_STATUS_NONE:
      title = g_strdup (_("No model installed"));
      if (hint == NULL)
        hint = _("Download the esmfold_v1 weights to fold sequences.");
      icon = "dialog-information-symbolic";
      break;
    case PLEAT_MODEL_STATUS_LOADING:
      title = self->model_name != NULL
              /* Translators: %s is a model name such as esmfold_v1. */
              ? g_strdup_printf (_("Loading %s…"), self->model_name)
              : g_strdup (_("Loading the model…"));
      hint = NULL;
      break;
    case PLEAT_MODEL_STATUS_READY:
      title = self->model_name != NULL
              /* Translators: %s is a model name such as esmfold_v1. */
              ? g_strdup_printf (_("Ready: %s"), self->model_name)
              : g_strdup (_("Ready"));
      hint = NULL;
      icon = "emblem-ok-symbolic";
      break;
    case PLEAT_MODEL_STATUS_FAILED:
      title = g_strdup (_("The model could not be loaded"));
      icon = "dialog-error-symbolic";
      break;
    default:
      g_assert_not_reached ();
    }
  gtk_label_set_text (self->model_label, title);
  gtk_label_set_text (self->model_hint, hint != NULL ? hint : "");
  gtk_widget_set_visible (GTK_WIDGET (self->model_hint), hint != NULL);
  gtk_widget_set_visible (self->model_spinner, self->model_status == PLEAT_MODEL_STATUS_LOADING);
  gtk_widget_set_visible (GTK_WIDGET (self->model_icon), icon != NULL);
  if (icon != NULL)
    gtk_image_set_from_icon_name (self->model_icon, icon);
  if (self->model_status == PLEAT_MODEL_STATUS_FAILED)
    gtk_widget_add_css_class (GTK_WIDGET (self->model_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->model_label), "error");
}

/* Actions */

static void
fold_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PleatFoldPanel *self = PLEAT_FOLD_PANEL (widget);
  g_autoptr(GPtrArray) requests = NULL;

  if (!compute_can_fold (self))
    return;
  requests = pleat_fold_panel_dup_requests (self);
  g_signal_emit (self, signals[SIGNAL_FOLD_REQUESTED], 0, requests);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  g_signal_emit (widget, signals[SIGNAL_CANCEL_REQUESTED], 0);
}

static void
load_example_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  g_autoptr(GError) error = NULL;

  /* Only the names the menu offers reach here, and they are all in the resource. */
  if (!pleat_fold_panel_load_example (PLEAT_FOLD_PANEL (widget),
                                      g_variant_get_string (parameter, NULL), &error))
    g_critical ("%s", error->message);
}

/* GObject */

static void
pleat_fold_panel_dispose (GObject *object)
{
  PleatFoldPanel *self = PLEAT_FOLD_PANEL (object);

  _pleat_fold_panel_unbind_job (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), PLEAT_TYPE_FOLD_PANEL);
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (pleat_fold_panel_parent_class)->dispose (object);
}

static void
pleat_fold_panel_finalize (GObject *object)
{
  PleatFoldPanel *self = PLEAT_FOLD_PANEL (object);

  g_clear_pointer (&self->records, g_ptr_array_unref);
  g_free (self->model_name);
  g_free (self->model_message);

  G_OBJECT_CLASS (pleat_fold_panel_parent_class)->finalize (object);
}

static void
pleat_fold_panel_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  PleatFoldPanel *self = PLEAT_FOLD_PANEL (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      g_value_take_string (value, pleat_fold_panel_dup_text (self));
      break;
    case PROP_N_PASSES:
      g_value_set_int (value, pleat_fold_panel_get_n_passes (self));
      break;
    case PROP_CHUNK_SIZE:
      g_value_set_uint (value, pleat_fold_panel_get_chunk_size (self));
      break;
    case PROP_MODEL_STATUS:
      g_value_set_enum (value, self->model_status);
      break;
    case PROP_MODEL_NAME:
      g_value_set_string (value, self->model_name);
      break;
    case PROP_MODEL_MESSAGE:
      g_value_set_string (value, self->model_message);
      break;
    case PROP_JOB:
      g_value_set_object (value, self->job);
      break;
    case PROP_VALID:
      g_value_set_boolean (value, pleat_fold_panel_get_valid (self));
      break;
    case PROP_CAN_FOLD:
      g_value_set_boolean (value, pleat_fold_panel_get_can_fold (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pleat_fold_panel_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  PleatFoldPanel *self = PLEAT_FOLD_PANEL (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      pleat_fold_panel_set_text (self, g_value_get_string (value));
      break;
    case PROP_N_PASSES:
      pleat_fold_panel_set_n_passes (self, g_value_get_int (value));
      break;
    case PROP_CHUNK_SIZE:
      pleat_fold_panel_set_chunk_size (self, g_value_get_uint (value));
      break;
    case PROP_MODEL_STATUS:
      pleat_fold_panel_set_model_status (self, g_value_get_enum (value));
      break;
    case PROP_MODEL_NAME:
      pleat_fold_panel_set_model_name (self, g_value_get_string (value));
      break;
    case PROP_MODEL_MESSAGE:
      pleat_fold_panel_set_model_message (self, g_value_get_string (value));
      break;
    case PROP_JOB:
      pleat_fold_panel_set_job (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pleat_fold_panel_class_init (PleatFoldPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pleat_fold_panel_dispose;
  object_class->finalize = pleat_fold_panel_finalize;
  object_class->get_property = pleat_fold_panel_get_property;
  object_class->set_property = pleat_fold_panel_set_property;

  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_PASSES] =
    g_param_spec_int ("n-passes", NULL, NULL, 1, 12, 4,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CHUNK_SIZE] =
    g_param_spec_uint ("chunk-size", NULL, NULL, 0, 512, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MODEL_STATUS] =
    g_param_spec_enum ("model-status", NULL, NULL, PLEAT_TYPE_MODEL_STATUS,
                       PLEAT_MODEL_STATUS_NONE,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MODEL_NAME] =
    g_param_spec_string ("model-name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MODEL_MESSAGE] =
    g_param_spec_string ("model-message", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_JOB] =
    g_param_spec_object ("job", NULL, NULL, PLEAT_TYPE_JOB,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_VALID] =
    g_param_spec_boolean ("valid", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_FOLD] =
    g_param_spec_boolean ("can-fold", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PleatFoldPanel::fold-requested:
   * @requests: (element-type PleatFoldRequest): one per record, options filled in; ref it to
   *   keep it
   *
   * The user asked to fold what the editor holds.
   */
  signals[SIGNAL_FOLD_REQUESTED] =
    g_signal_new ("fold-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_PTR_ARRAY);
  /**
   * PleatFoldPanel::cancel-requested:
   *
   * The user asked to stop the job the panel shows.
   */
  signals[SIGNAL_CANCEL_REQUESTED] =
    g_signal_new ("cancel-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "fold-panel.fold", NULL, fold_action);
  gtk_widget_class_install_action (widget_class, "fold-panel.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "fold-panel.load-example", "s",
                                   load_example_action);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               PLEAT_RESOURCE_PREFIX "/pleat-fold-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, PleatFoldPanel, model_spinner);
  gtk_widget_class_bind_template_child (widget_class, PleatFoldPanel, model_icon);
  gtk_widget_class_bind_template_child (widget_class, PleatFoldPanel, model_label);
  gtk_widget_class_bind_template_child (widget_class, PleatFoldPanel, model_hint);
  gtk_widget_class_bind_template_child (widget_class, PleatFoldPanel, text_view);
  gtk_widget_class_bind_template_child (widget_class, PleatFoldPanel, buffer);
  gtk_widget_class_bind_template_child (widget_class, PleatFoldPanel, sequence_tag);
  gtk_widget_class_bind_template_child (widget_class, PleatFoldPanel, error_tag);
  gtk_widget_class_bind_template_child (widget_class, PleatFoldPanel, placeholder);
  gtk_widget_class_bind_template_child (widget_class, PleatFoldPanel, error_label);
  gtk_widget_class_bind_template_child (widget_class, PleatFoldPanel, summary_label);
  gtk_widget_class_bind_template_child (widget_class, PleatFoldPanel, passes_spin);
  gtk_widget_class_bind_template_child (widget_class, PleatFoldPanel, passes_note);
  gtk_widget_class_bind_template_child (widget_class, PleatFoldPanel, chunk_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PleatFoldPanel, progress_box);
  gtk_widget_class_bind_template_child (widget_class, PleatFoldPanel, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, PleatFoldPanel, job_message_label);
  gtk_widget_class_bind_template_child (widget_class, PleatFoldPanel, job_time_label);
  gtk_widget_class_bind_template_child (widget_class, PleatFoldPanel, job_result_label);
  gtk_widget_class_bind_template_callback (widget_class, buffer_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, passes_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, chunk_changed_cb);

  gtk_widget_class_set_css_name (widget_class, "pleat-fold-panel");
}

static void
pleat_fold_panel_init (PleatFoldPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update_passes_note (self);
  update_model_status (self);
  validate (self);
  _pleat_fold_panel_update_actions (self);
}

GtkWidget *
pleat_fold_panel_new (void)
{
  return g_object_new (PLEAT_TYPE_FOLD_PANEL, NULL);
}

char *
pleat_fold_panel_dup_text (PleatFoldPanel *self)
{
  GtkTextIter start, end;

  g_return_val_if_fail (PLEAT_IS_FOLD_PANEL (self), NULL);

  gtk_text_buffer_get_bounds (self->buffer, &start, &end);
  return gtk_text_buffer_get_text (self->buffer, &start, &end, TRUE);
}

void
pleat_fold_panel_set_text (PleatFoldPanel *self,
                           const char     *text)
{
  g_autofree char *current = NULL;

  g_return_if_fail (PLEAT_IS_FOLD_PANEL (self));

  current = pleat_fold_panel_dup_text (self);
  if (g_strcmp0 (current, text != NULL ? text : "") == 0)
    return;
  self->setting_text = TRUE;
  gtk_text_buffer_set_text (self->buffer, text != NULL ? text : "", -1);
  self->setting_text = FALSE;
  buffer_changed_cb (self);
}

gboolean
pleat_fold_panel_load_example (PleatFoldPanel  *self,
                               const char      *name,
                               GError         **error)
{
  g_autofree char *path = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (PLEAT_IS_FOLD_PANEL (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  path = g_strdup_printf (PLEAT_RESOURCE_PREFIX "/examples/%s.fasta", name);
  bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (bytes == NULL)
    return FALSE;
  text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  pleat_fold_panel_set_text (self, text);
  return TRUE;
}

int
pleat_fold_panel_get_n_passes (PleatFoldPanel *self)
{
  g_return_val_if_fail (PLEAT_IS_FOLD_PANEL (self), 4);
  return gtk_spin_button_get_value_as_int (self->passes_spin);
}

void
pleat_fold_panel_set_n_passes (PleatFoldPanel *self,
                               int             n_passes)
{
  g_return_if_fail (PLEAT_IS_FOLD_PANEL (self));
  g_return_if_fail (n_passes >= 1 && n_passes <= 12);

  /* "value-changed" notifies. */
  gtk_spin_button_set_value (self->passes_spin, n_passes);
}

guint
pleat_fold_panel_get_chunk_size (PleatFoldPanel *self)
{
  guint selected;

  g_return_val_if_fail (PLEAT_IS_FOLD_PANEL (self), 0);

  selected = gtk_drop_down_get_selected (self->chunk_dropdown);
  return selected < G_N_ELEMENTS (chunk_sizes) ? chunk_sizes[selected] : 0;
}

void
pleat_fold_panel_set_chunk_size (PleatFoldPanel *self,
                                 guint           chunk_size)
{
  guint selected = 0;

  g_return_if_fail (PLEAT_IS_FOLD_PANEL (self));
  g_return_if_fail (chunk_size <= 512);

  if (chunk_size > 0)
    {
      /* The largest listed size that is not larger. */
      selected = G_N_ELEMENTS (chunk_sizes) - 1;
      for (guint i = 1; i < G_N_ELEMENTS (chunk_sizes); i++)
        if (chunk_sizes[i] <= chunk_size)
          {
            selected = i;
            break;
          }
    }
  /* "notify::selected" notifies. */
  gtk_drop_down_set_selected (self->chunk_dropdown, selected);
}

PleatModelStatus
pleat_fold_panel_get_model_status (PleatFoldPanel *self)
{
  g_return_val_if_fail (PLEAT_IS_FOLD_PANEL (self), PLEAT_MODEL_STATUS_NONE);
  return self->model_status;
}

void
pleat_fold_panel_set_model_status (PleatFoldPanel   *self,
                                   PleatModelStatus  status)
{
  g_return_if_fail (PLEAT_IS_FOLD_PANEL (self));
  g_return_if_fail (status <= PLEAT_MODEL_STATUS_FAILED);

  if (self->model_status == status)
    return;
  WITH_DERIVED_NOTIFY (self, self->model_status = status);
  update_model_status (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL_STATUS]);
}

const char *
pleat_fold_panel_get_model_name (PleatFoldPanel *self)
{
  g_return_val_if_fail (PLEAT_IS_FOLD_PANEL (self), NULL);
  return self->model_name;
}

void
pleat_fold_panel_set_model_name (PleatFoldPanel *self,
                                 const char     *name)
{
  g_return_if_fail (PLEAT_IS_FOLD_PANEL (self));

  if (!set_str (&self->model_name, name))
    return;
  update_model_status (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL_NAME]);
}

const char *
pleat_fold_panel_get_model_message (PleatFoldPanel *self)
{
  g_return_val_if_fail (PLEAT_IS_FOLD_PANEL (self), NULL);
  return self->model_message;
}

void
pleat_fold_panel_set_model_message (PleatFoldPanel *self,
                                    const char     *message)
{
  g_return_if_fail (PLEAT_IS_FOLD_PANEL (self));

  if (!set_str (&self->model_message, message))
    return;
  update_model_status (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL_MESSAGE]);
}

PleatJob *
pleat_fold_panel_get_job (PleatFoldPanel *self)
{
  g_return_val_if_fail (PLEAT_IS_FOLD_PANEL (self), NULL);
  return self->job;
}

void
pleat_fold_panel_set_job (PleatFoldPanel *self,
                          PleatJob       *job)
{
  g_return_if_fail (PLEAT_IS_FOLD_PANEL (self));
  g_return_if_fail (job == NULL || PLEAT_IS_JOB (job));

  if (self->job == job)
    return;
  _pleat_fold_panel_unbind_job (self);
  if (job != NULL)
    _pleat_fold_panel_bind_job (self, job);
  _pleat_fold_panel_update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_JOB]);
}

gboolean
pleat_fold_panel_get_valid (PleatFoldPanel *self)
{
  g_return_val_if_fail (PLEAT_IS_FOLD_PANEL (self), FALSE);
  return self->records != NULL;
}

gboolean
pleat_fold_panel_get_can_fold (PleatFoldPanel *self)
{
  g_return_val_if_fail (PLEAT_IS_FOLD_PANEL (self), FALSE);
  return self->can_fold;
}

GPtrArray *
pleat_fold_panel_dup_requests (PleatFoldPanel *self)
{
  GPtrArray *requests;

  g_return_val_if_fail (PLEAT_IS_FOLD_PANEL (self), NULL);

  if (self->records == NULL)
    return NULL;
  requests = g_ptr_array_new_with_free_func ((GDestroyNotify) pleat_fold_request_free);
  for (guint i = 0; i < self->records->len; i++)
    {
      const PleatSequenceRecord *record = g_ptr_array_index (self->records, i);
      PleatFoldRequest *request = pleat_fold_request_new (record->id,
                                                          (const char *const *) record->chains);

      request->n_passes = pleat_fold_panel_get_n_passes (self);
      request->chunk_size = pleat_fold_panel_get_chunk_size (self);
      g_ptr_array_add (requests, request);
    }
  return requests;
}
