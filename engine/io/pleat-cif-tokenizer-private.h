/* pleat-cif-tokenizer-private.h
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A tokenizer for CIF 1.1 / STAR as mmCIF uses it: data_ blocks, loop_, tags, unquoted,
 * 'single'- and "double"-quoted values (a quote closes only when whitespace follows it), text
 * fields between lines that start with ';', and # comments. Tokens point into the caller's
 * buffer; nothing is copied. Debian 12 has no maintained C library for this worth depending on
 * (libcif 0.4 keeps everything in SQLite with ICU strings; gemmi and libcifpp are C++), and the
 * grammar is small.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  PLEAT_CIF_TOKEN_EOF,
  PLEAT_CIF_TOKEN_DATA,      /* data_NAME; text is NAME */
  PLEAT_CIF_TOKEN_LOOP,      /* loop_ */
  PLEAT_CIF_TOKEN_SAVE,      /* save_NAME or a bare save_ closing a frame */
  PLEAT_CIF_TOKEN_GLOBAL,    /* global_ or stop_, STAR keywords mmCIF never uses */
  PLEAT_CIF_TOKEN_TAG,       /* _category.item */
  PLEAT_CIF_TOKEN_VALUE,
} PleatCifTokenType;

typedef struct
{
  PleatCifTokenType  type;
  const char        *text;     /* not NUL-terminated */
  gsize              length;
  guint              line;     /* 1-based line where the token starts */
  gboolean           quoted;   /* a quoted string or text field: '.' and '?' are literal */
} PleatCifToken;

typedef struct
{
  const char *begin;
  const char *p;
  const char *end;
  guint       line;
} PleatCifTokenizer;

void     pleat_cif_tokenizer_init (PleatCifTokenizer *self,
                                   const char        *data,
                                   gsize              length);
/* FALSE with PLEAT_ENGINE_ERROR_INVALID_FILE on an unterminated quote or text field. */
gboolean pleat_cif_tokenizer_next (PleatCifTokenizer *self,
                                   PleatCifToken     *token,
                                   GError           **error);

/* TRUE for the unquoted '.' (inapplicable) and '?' (unknown). */
static inline gboolean
pleat_cif_token_is_null (const PleatCifToken *token)
{
  return !token->quoted && token->length == 1 && (token->text[0] == '.' || token->text[0] == '?');
}

G_END_DECLS
