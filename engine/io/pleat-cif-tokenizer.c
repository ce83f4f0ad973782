/* pleat-cif-tokenizer.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pleat-engine"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pleat-cif-tokenizer-private.h"
#include "pleat-error.h"

void
pleat_cif_tokenizer_init (PleatCifTokenizer *self,
                          const char        *data,
                          gsize              length)
{
  self->begin = data;
  self->p = data;
  self->end = data + length;
  self->line = 1;
}

static inline gboolean
is_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Consumes one line terminator (\n, \r\n or \r) at self->p. */
static inline void
newline (PleatCifTokenizer *self)
{
  if (*self->p == '\r' && self->p + 1 < self->end && self->p[1] == '\n')
    self->p++;
  self->p++;
  self->line++;
}

static gboolean
at_line_start (PleatCifTokenizer *self)
{
  return self->p == self->begin || self->p[-1] == '\n' || self->p[-1] == '\r';
}

static gboolean
keyword (const char *text,
         gsize       length,
         const char *word)
{
  gsize n = strlen (word);

  return length >= n && g_ascii_strncasecmp (text, word, n) == 0;
}

gboolean
pleat_cif_tokenizer_next (PleatCifTokenizer *self,
                          PleatCifToken     *token,
                          GError           **error)
{
  const char *start;

  memset (token, 0, sizeof *token);
  for (;;)
    {
      while (self->p < self->end && is_space (*self->p))
        {
          if (*self->p == '\n' || *self->p == '\r')
            newline (self);
          else
            self->p++;
        }
      if (self->p >= self->end)
        {
          token->type = PLEAT_CIF_TOKEN_EOF;
          token->line = self->line;
          return TRUE;
        }
      if (*self->p != '#')
        break;
      while (self->p < self->end && *self->p != '\n' && *self->p != '\r')
        self->p++;
    }

  token->line = self->line;
  start = self->p;

  if (*start == ';' && at_line_start (self))
    {
      /* A text field: everything up to the next line that starts with ';'. */
      const char *content = start + 1;
      const char *q = content;

      for (;;)
        {
          while (q < self->end && *q != '\n' && *q != '\r')
            q++;
          if (q >= self->end)
            {
              g_set_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_INVALID_FILE,
                           _("Line %u: text field not closed by a line starting with “;”"),
                           token->line);
              return FALSE;
            }
          self->p = q;
          newline (self);
          q = self->p;
          if (q < self->end && *q == ';')
            {
              const char *content_end = q - 1;

              if (*content_end == '\n' && content_end > content && content_end[-1] == '\r')
                content_end--;
              token->type = PLEAT_CIF_TOKEN_VALUE;
              token->text = content;
              token->length = (gsize) (content_end - content);
              token->quoted = TRUE;
              self->p = q + 1;
              return TRUE;
            }
        }
    }

  if (*start == '\'' || *start == '"')
    {
      char quote = *start;
      const char *q = start + 1;

      for (;;)
        {
          if (q >= self->end || *q == '\n' || *q == '\r')
            {
              g_set_error (error, PLEAT_ENGINE_ERROR, PLEAT_ENGINE_ERROR_INVALID_FILE,
                           _("Line %u: quoted string not closed on its line"), token->line);
              return FALSE;
            }
          /* CIF 1.1: a quote closes the string only when whitespace (or the end) follows. */
          if (*q == quote && (q + 1 >= self->end || is_space (q[1])))
            break;
          q++;
        }
      token->type = PLEAT_CIF_TOKEN_VALUE;
      token->text = start + 1;
      token->length = (gsize) (q - start - 1);
      token->quoted = TRUE;
      self->p = q + 1;
      return TRUE;
    }

  while (self->p < self->end && !is_space (*self->p))
    self->p++;
  token->text = start;
  token->length = (gsize) (self->p - start);

  if (*start == '_')
    token->type = PLEAT_CIF_TOKEN_TAG;
  else if (keyword (start, token->length, "data_"))
    {
      token->type = PLEAT_CIF_TOKEN_DATA;
      token->text += 5;
      token->length -= 5;
    }
  else if (token->length == 5 && keyword (start, token->length, "loop_"))
    token->type = PLEAT_CIF_TOKEN_LOOP;
  else if (keyword (start, token->length, "save_"))
    token->type = PLEAT_CIF_TOKEN_SAVE;
  else if ((token->length == 7 && keyword (start, token->length, "global_"))
           || (token->length == 5 && keyword (start, token->length, "stop_")))
    token->type = PLEAT_CIF_TOKEN_GLOBAL;
  else
    token->type = PLEAT_CIF_TOKEN_VALUE;
  return TRUE;
}
