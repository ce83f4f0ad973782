/* test-torch-checkpoint.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Malformed and hostile PyTorch checkpoints, built here byte by byte: zips with compressed or
 * encrypted entries, inconsistent central directories, overlapping or truncated entries, and
 * pickles that try to call anything, nest without bound, abuse the memo or reach outside their
 * storages. Each gives a clear GError; nothing crashes (this suite also runs under ASan/UBSan).
 */
#include "config.h"

#include <string.h>

#include "pleat-error.h"
#include "pleat-torch-checkpoint.h"
#include "pleat-unpickler.h"
#include "pleat-weights.h"
#include "pleat-zip.h"

/* ---- A zip writer, torch's layout: stored entries, ZIP64 end records. ---- */

typedef struct
{
  const char *name;
  const void *data;
  gsize       len;
  guint16     method;
  guint16     flags;
} ZipEntry;

typedef struct
{
  GByteArray *bytes;
  gsize       local[8];       /* local header offsets */
  gsize       central[8];     /* central directory header offsets */
  gsize       cd_offset;
  gsize       zip64_eocd;
  gsize       eocd;
} Zip;

static void
put_le (GByteArray *b,
        guint64     v,
        guint       n)
{
  for (guint i = 0; i < n; i++)
    {
      guint8 byte = (v >> (8 * i)) & 0xff;

      g_byte_array_append (b, &byte, 1);
    }
}

static void
patch_le (GByteArray *b,
          gsize       offset,
          guint64     v,
          guint       n)
{
  g_assert_cmpuint (offset + n, <=, b->len);
  for (guint i = 0; i < n; i++)
    b->data[offset + i] = (v >> (8 * i)) & 0xff;
}

/* With sentinels, every size and offset goes to ZIP64 extra fields, as in files > 4 GiB. */
static void
zip_build (const ZipEntry *entries,
           guint           n,
           gboolean        sentinels,
           Zip            *zip)
{
  GByteArray *b = g_byte_array_new ();
  gsize cd_size;

  g_assert_cmpuint (n, <=, G_N_ELEMENTS (zip->local));
  for (guint i = 0; i < n; i++)
    {
      gsize name_len = strlen (entries[i].name);

      zip->local[i] = b->len;
      put_le (b, 0x04034b50, 4);
      put_le (b, 45, 2);
      put_le (b, entries[i].flags, 2);
      put_le (b, entries[i].method, 2);
      put_le (b, 0, 4);                                     /* time, date */
      put_le (b, 0x12345678, 4);                            /* crc, not checked */
      put_le (b, sentinels ? 0xffffffff : entries[i].len, 4);
      put_le (b, sentinels ? 0xffffffff : entries[i].len, 4);
      put_le (b, name_len, 2);
      put_le (b, sentinels ? 20 : 0, 2);
      g_byte_array_append (b, (const guint8 *) entries[i].name, name_len);
      if (sentinels)
        {
          put_le (b, 1, 2);
          put_le (b, 16, 2);
          put_le (b, entries[i].len, 8);
          put_le (b, entries[i].len, 8);
        }
      g_byte_array_append (b, entries[i].data, entries[i].len);
    }
  zip->cd_offset = b->len;
  for (guint i = 0; i < n; i++)
    {
      gsize name_len = strlen (entries[i].name);

      zip->central[i] = b->len;
      put_le (b, 0x02014b50, 4);
      put_le (b, 45, 2);
      put_le (b, 45, 2);
      put_le (b, entries[i].flags, 2);
      put_le (b, entries[i].method, 2);
      put_le (b, 0, 4);
      put_le (b, 0x12345678, 4);
      put_le (b, sentinels ? 0xffffffff : entries[i].len, 4);
      put_le (b, sentinels ? 0xffffffff : entries[i].len, 4);
      put_le (b, name_len, 2);
      put_le (b, sentinels ? 28 : 0, 2);
      put_le (b, 0, 2);                                     /* comment */
      put_le (b, 0, 2);                                     /* disk */
      put_le (b, 0, 2);
      put_le (b, 0, 4);
      put_le (b, sentinels ? 0xffffffff : zip->local[i], 4);
      g_byte_array_append (b, (const guint8 *) entries[i].name, name_len);
      if (sentinels)
        {
          put_le (b, 1, 2);
          put_le (b, 24, 2);
          put_le (b, entries[i].len, 8);
          put_le (b, entries[i].len, 8);
          put_le (b, zip->local[i], 8);
        }
    }
  cd_size = b->len - zip->cd_offset;

  zip->zip64_eocd = b->len;
  put_le (b, 0x06064b50, 4);
  put_le (b, 44, 8);
  put_le (b, 45, 2);
  put_le (b, 45, 2);
  put_le (b, 0, 4);
  put_le (b, 0, 4);
  put_le (b, n, 8);
  put_le (b, n, 8);
  put_le (b, cd_size, 8);
  put_le (b, zip->cd_offset, 8);
  put_le (b, 0x07064b50, 4);                                /* locator */
  put_le (b, 0, 4);
  put_le (b, zip->zip64_eocd, 8);
  put_le (b, 1, 4);

  zip->eocd = b->len;
  put_le (b, 0x06054b50, 4);
  put_le (b, 0, 2);
  put_le (b, 0, 2);
  put_le (b, sentinels ? 0xffff : n, 2);
  put_le (b, sentinels ? 0xffff : n, 2);
  put_le (b, sentinels ? 0xffffffff : cd_size, 4);
  put_le (b, sentinels ? 0xffffffff : zip->cd_offset, 4);
  put_le (b, 0, 2);
  zip->bytes = b;
}

static GBytes *
zip_steal_bytes (Zip *zip)
{
  return g_byte_array_free_to_bytes (g_steal_pointer (&zip->bytes));
}

/* ---- A pickle writer. ---- */

static void
pk_op (GByteArray *p,
       guint8      op)
{
  g_byte_array_append (p, &op, 1);
}

static void
pk_str (GByteArray *p,
        const char *s)
{
  pk_op (p, 'X');
  put_le (p, strlen (s), 4);
  g_byte_array_append (p, (const guint8 *) s, strlen (s));
}

static void
pk_int (GByteArray *p,
        gint32      v)
{
  pk_op (p, 'J');
  put_le (p, (guint32) v, 4);
}

static void
pk_global (GByteArray *p,
           const char *module,
           const char *name)
{
  pk_op (p, 'c');
  g_byte_array_append (p, (const guint8 *) module, strlen (module));
  pk_op (p, '\n');
  g_byte_array_append (p, (const guint8 *) name, strlen (name));
  pk_op (p, '\n');
}

static void
pk_int_tuple (GByteArray   *p,
              const gint32 *v,
              guint         n)
{
  pk_op (p, '(');
  for (guint i = 0; i < n; i++)
    pk_int (p, v[i]);
  pk_op (p, 't');
}

static void
pk_ordered_dict (GByteArray *p)
{
  pk_global (p, "collections", "OrderedDict");
  pk_op (p, ')');
  pk_op (p, 'R');
}

/* _rebuild_tensor_v2 (storage, offset, size, stride, False, OrderedDict ()) */
static void
pk_tensor (GByteArray   *p,
           const char   *storage_type,
           const char   *key,
           gint32        numel,
           gint32        offset,
           const gint32 *shape,
           const gint32 *strides,
           guint         n_dims)
{
  pk_global (p, "torch._utils", "_rebuild_tensor_v2");
  pk_op (p, '(');
  pk_op (p, '(');
  pk_str (p, "storage");
  pk_global (p, "torch", storage_type);
  pk_str (p, key);
  pk_str (p, "cpu");
  pk_int (p, numel);
  pk_op (p, 't');
  pk_op (p, 'Q');
  pk_int (p, offset);
  pk_int_tuple (p, shape, n_dims);
  pk_int_tuple (p, strides, n_dims);
  pk_op (p, 0x89);
  pk_ordered_dict (p);
  pk_op (p, 't');
  pk_op (p, 'R');
}

static GByteArray *
pk_begin (void)
{
  GByteArray *p = g_byte_array_new ();

  pk_op (p, 0x80);
  pk_op (p, 2);
  return p;
}

/* {"w": a (2, 2) float tensor on storage "0" of 4 elements, laid out as given}. */
static GByteArray *
pk_state_dict (gint32        numel,
               gint32        offset,
               const gint32 *shape,
               const gint32 *strides,
               guint         n_dims)
{
  GByteArray *p = pk_begin ();

  pk_ordered_dict (p);
  pk_op (p, '(');
  pk_str (p, "w");
  pk_tensor (p, "FloatStorage", "0", numel, offset, shape, strides, n_dims);
  pk_op (p, 'u');
  pk_op (p, '.');
  return p;
}

static const float storage_values[4] = { 1.0f, -2.0f, 3.5f, 0.25f };

/* The pickle as archive/data.pkl beside archive/data/0 (storage_values). */
static GBytes *
checkpoint_with (GByteArray *pickle)
{
  Zip zip;
  ZipEntry entries[] = {
    { "archive/data.pkl", pickle->data, pickle->len, 0, 0 },
    { "archive/data/0", storage_values, sizeof storage_values, 0, 0 },
    { "archive/version", "3\n", 2, 0, 0 },
  };

  zip_build (entries, G_N_ELEMENTS (entries), FALSE, &zip);
  g_byte_array_unref (pickle);
  return zip_steal_bytes (&zip);
}

/* Opens bytes with the weights store; returns the error (transfer full), or NULL when the
 * file loads, in which case every tensor is also read. */
static GError *
load (GBytes *bytes)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PleatWeights) w = pleat_weights_new_from_bytes (bytes, "test.pt", NULL, &error);
  g_auto(GStrv) names = NULL;

  if (w == NULL)
    {
      g_assert_nonnull (error);
      g_test_message ("%s", error->message);
      return g_steal_pointer (&error);
    }
  names = pleat_weights_dup_names (w);
  for (guint i = 0; names[i] != NULL; i++)
    {
      PleatTensorInfo info;

      g_assert_true (pleat_weights_lookup (w, names[i], &info));
      if (pleat_dtype_is_float (info.dtype))
        g_assert_nonnull (pleat_weights_get_f32 (w, names[i], info.shape, info.n_dims, &error));
      else
        g_assert_nonnull (pleat_weights_get_i64 (w, names[i], info.shape, info.n_dims, &error));
      g_assert_no_error (error);
    }
  return NULL;
}

static void
assert_refused (GBytes     *bytes,
                int         code,
                const char *needle)
{
  g_autoptr(GError) error = load (bytes);

  g_assert_nonnull (error);
  g_assert_error (error, PLEAT_ENGINE_ERROR, code);
  g_assert_nonnull (strstr (error->message, "test.pt"));
  if (needle != NULL && strstr (error->message, needle) == NULL)
    g_error ("“%s” is not in the message “%s”", needle, error->message);
}

static void
assert_pickle_refused (GByteArray *pickle,
                       int         code,
                       const char *needle)
{
  g_autoptr(GBytes) bytes = checkpoint_with (pickle);

  assert_refused (bytes, code, needle);
}

static const gint32 shape_2x2[] = { 2, 2 };
static const gint32 strides_2x2[] = { 2, 1 };

static void
test_checkpoint_minimal (void)
{
  g_autoptr(GBytes) bytes = checkpoint_with (pk_state_dict (4, 0, shape_2x2, strides_2x2, 2));
  g_autoptr(GError) error = NULL;
  g_autoptr(PleatWeights) w = pleat_weights_new_from_bytes (bytes, "ok.pt", NULL, &error);
  const float *data;

  g_assert_no_error (error);
  data = pleat_weights_get_f32 (w, "w", PLEAT_SHAPE (2, 2), &error);
  g_assert_no_error (error);
  g_assert_cmpmem (data, sizeof storage_values, storage_values, sizeof storage_values);
}

/* Transposed, and with an offset: the view is materialised in row-major order. */
static void
test_checkpoint_strided (void)
{
  const gint32 transposed[] = { 1, 2 };
  const gint32 shape_2[] = { 2 };
  const gint32 stride_2[] = { 2 };
  g_autoptr(GBytes) t = checkpoint_with (pk_state_dict (4, 0, shape_2x2, transposed, 2));
  g_autoptr(GBytes) s = checkpoint_with (pk_state_dict (4, 1, shape_2, stride_2, 1));
  g_autoptr(GError) error = NULL;
  g_autoptr(PleatWeights) wt = pleat_weights_new_from_bytes (t, "t.pt", NULL, &error);
  g_autoptr(PleatWeights) ws = pleat_weights_new_from_bytes (s, "s.pt", NULL, &error);
  const float *data;

  g_assert_no_error (error);
  data = pleat_weights_get_f32 (wt, "w", PLEAT_SHAPE (2, 2), &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (data[0], ==, 1.0f);
  g_assert_cmpfloat (data[1], ==, 3.5f);
  g_assert_cmpfloat (data[2], ==, -2.0f);
  g_assert_cmpfloat (data[3], ==, 0.25f);
  data = pleat_weights_get_f32 (ws, "w", PLEAT_SHAPE (2), &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (data[0], ==, -2.0f);
  g_assert_cmpfloat (data[1], ==, 0.25f);
}

/* Globals that would run code. */
static void
test_checkpoint_hostile_globals (void)
{
  const char *globals[][2] = {
    { "os", "system" }, { "posix", "system" }, { "builtins", "eval" }, { "builtins", "exec" },
    { "__builtin__", "eval" }, { "subprocess", "Popen" }, { "subprocess", "check_output" },
    { "torch", "load" }, { "collections", "defaultdict" }, { "torch._utils", "_rebuild_qtensor" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (globals); i++)
    {
      GByteArray *p = pk_begin ();
      g_autofree char *needle = g_strdup_printf ("%s.%s", globals[i][0], globals[i][1]);

      pk_global (p, globals[i][0], globals[i][1]);
      pk_op (p, '(');
      pk_str (p, "touch /tmp/pwned");
      pk_op (p, 't');
      pk_op (p, 'R');
      pk_op (p, '.');
      assert_pickle_refused (p, PLEAT_ENGINE_ERROR_INVALID_FILE, needle);
    }

  /* The same through protocol 4's STACK_GLOBAL. */
  {
    GByteArray *p = pk_begin ();

    pk_str (p, "os");
    pk_str (p, "system");
    pk_op (p, 0x93);
    pk_op (p, '.');
    assert_pickle_refused (p, PLEAT_ENGINE_ERROR_INVALID_FILE, "os.system");
  }
  /* Non-printable and unterminated GLOBAL lines. */
  {
    GByteArray *p = pk_begin ();

    pk_global (p, "os\x01", "system");
    assert_pickle_refused (p, PLEAT_ENGINE_ERROR_INVALID_FILE, "printable");
    p = pk_begin ();
    pk_op (p, 'c');
    pk_str (p, "collections");
    assert_pickle_refused (p, PLEAT_ENGINE_ERROR_INVALID_FILE, "GLOBAL");
  }
}

static void
test_checkpoint_hostile_reduce (void)
{
  GByteArray *p;

  /* A storage class is not a callable. */
  p = pk_begin ();
  pk_global (p, "torch", "FloatStorage");
  pk_op (p, ')');
  pk_op (p, 'R');
  pk_op (p, '.');
  assert_pickle_refused (p, PLEAT_ENGINE_ERROR_INVALID_FILE, "REDUCE");

  /* Nor is a string or a dict. */
  p = pk_begin ();
  pk_str (p, "os.system");
  pk_op (p, ')');
  pk_op (p, 'R');
  pk_op (p, '.');
  assert_pickle_refused (p, PLEAT_ENGINE_ERROR_INVALID_FILE, "REDUCE");

  /* OrderedDict with arguments, _rebuild_tensor_v2 with the wrong ones. */
  p = pk_begin ();
  pk_global (p, "collections", "OrderedDict");
  pk_op (p, ']');
  pk_op (p, 0x85);
  pk_op (p, 'R');
  pk_op (p, '.');
  assert_pickle_refused (p, PLEAT_ENGINE_ERROR_INVALID_FILE, "OrderedDict");
  p = pk_begin ();
  pk_global (p, "torch._utils", "_rebuild_tensor_v2");
  pk_op (p, '(');
  pk_str (p, "not a storage");
  pk_int (p, 0);
  pk_op (p, ')');
  pk_op (p, ')');
  pk_op (p, 0x89);
  pk_op (p, '}');
  pk_op (p, 't');
  pk_op (p, 'R');
  pk_op (p, '.');
  assert_pickle_refused (p, PLEAT_ENGINE_ERROR_INVALID_FILE, "_rebuild_tensor_v2");
  /* REDUCE arguments that are not a tuple. */
  p = pk_begin ();
  pk_global (p, "collections", "OrderedDict");
  pk_op (p, ']');
  pk_op (p, 'R');
  pk_op (p, '.');
  assert_pickle_refused (p, PLEAT_ENGINE_ERROR_INVALID_FILE, "tuple");
  /* A persistent id that is not a storage record. */
  p = pk_begin ();
  pk_str (p, "os.system");
  pk_op (p, 'Q');
  pk_op (p, '.');
  assert_pickle_refused (p, PLEAT_ENGINE_ERROR_INVALID_FILE, "persistent id");
}

static void
test_checkpoint_hostile_opcodes (void)
{
  GByteArray *p;
  struct
  {
    guint8      op;
    const char *name;
  } refused[] = {
    { 'i', "INST" }, { 'o', "OBJ" }, { 0x81, "NEWOBJ" }, { 0x92, "NEWOBJ_EX" },
    { 0x82, "EXT1" }, { 'P', "PERSID" }, { 'S', "STRING" }, { 'B', "BINBYTES" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      p = pk_begin ();
      pk_op (p, refused[i].op);
      g_byte_array_append (p, (const guint8 *) "os\nsystem\n", 10);
      pk_op (p, '.');
      assert_pickle_refused (p, PLEAT_ENGINE_ERROR_INVALID_FILE, refused[i].name);
    }

  /* INST the way pickle writes it: MARK, args, INST module name. */
  p = pk_begin ();
  pk_op (p, '(');
  pk_str (p, "id");
  pk_op (p, 'i');
  g_byte_array_append (p, (const guint8 *) "subprocess\ncheck_output\n", 24);
  pk_op (p, '.');
  assert_pickle_refused (p, PLEAT_ENGINE_ERROR_INVALID_FILE, "INST");

  p = pk_begin ();
  pk_op (p, 0xff);
  assert_pickle_refused (p, PLEAT_ENGINE_ERROR_INVALID_FILE, "unknown opcode 0xff");
  p = pk_begin ();
  pk_op (p, 0x80);
  pk_op (p, 9);
  assert_pickle_refused (p, PLEAT_ENGINE_ERROR_INVALID_FILE, "protocol");
}

static void
test_checkpoint_hostile_build (void)
{
  GByteArray *p;

  /* BUILD on a tensor (setting attributes is how pickles reach __setstate__). */
  p = pk_begin ();
  pk_tensor (p, "FloatStorage", "0", 4, 0, shape_2x2, strides_2x2, 2);
  pk_op (p, '}');
  pk_op (p, 'b');
  pk_op (p, '.');
  assert_pickle_refused (p, PLEAT_ENGINE_ERROR_INVALID_FILE, "BUILD");
  /* BUILD on a dict with a non-dict state. */
  p = pk_begin ();
  pk_ordered_dict (p);
  pk_op (p, ']');
  pk_op (p, 'b');
  pk_op (p, '.');
  assert_pickle_refused (p, PLEAT_ENGINE_ERROR_INVALID_FILE, "BUILD");
  /* BUILD on an empty stack. */
  p = pk_begin ();
  pk_op (p, '}');
  pk_op (p, 'b');
  pk_op (p, '.');
  assert_pickle_refused (p, PLEAT_ENGINE_ERROR_INVALID_FILE, "underflow");
}

static void
test_checkpoint_nesting (void)
{
  GByteArray *p;

  /* Tuples nested 1000 deep. */
  p = pk_begin ();
  pk_op (p, ')');
  for (guint i = 0; i < 1000; i++)
    pk_op (p, 0x85);
  pk_op (p, '.');
  assert_pickle_refused (p, PLEAT_ENGINE_ERROR_INVALID_FILE, "deeper");

  /* Lists appended into each other, through the memo. */
  p = pk_begin ();
  for (guint i = 0; i < 100; i++)
    pk_op (p, ']');
  for (guint i = 0; i < 99; i++)
    pk_op (p, 'a');
  pk_op (p, '.');
  assert_pickle_refused (p, PLEAT_ENGINE_ERROR_INVALID_FILE, "deeper");

  /* A million MARKs. */
  p = pk_begin ();
  for (guint i = 0; i < 100000; i++)
    pk_op (p, '(');
  assert_pickle_refused (p, PLEAT_ENGINE_ERROR_INVALID_FILE, "MARK");

  /* A stack of two million Nones. */
  p = pk_begin ();
  for (guint i = 0; i < 2 * PLEAT_PICKLE_MAX_STACK; i++)
    pk_op (p, 'N');
  assert_pickle_refused (p, PLEAT_ENGINE_ERROR_INVALID_FILE, "stack");

  /* Cycles: a list into itself, and a sealed list changed afterwards. */
  p = pk_begin ();
  pk_op (p, ']');
  pk_op (p, 'q');
  pk_op (p, 0);
  pk_op (p, 'h');
  pk_op (p, 0);
  pk_op (p, 'a');
  pk_op (p, '.');
  assert_pickle_refused (p, PLEAT_ENGINE_ERROR_INVALID_FILE, "itself");
  p = pk_begin ();
  pk_op (p, ']');
  pk_op (p, 'q');
  pk_op (p, 0);
  pk_op (p, 0x85);                       /* (L,) */
  pk_op (p, 'h');
  pk_op (p, 0);
  pk_op (p, 'h');
  pk_op (p, 0);
  pk_op (p, 'a');                        /* L.append (L) after L went into a tuple */
  pk_op (p, '.');
  assert_pickle_refused (p, PLEAT_ENGINE_ERROR_INVALID_FILE, "changed");
  /* A dict whose value is the tuple holding it. */
  p = pk_begin ();
  pk_op (p, '}');
  pk_op (p, 'q');
  pk_op (p, 1);
  pk_op (p, 0x85);
  pk_op (p, 'q');
  pk_op (p, 2);
  pk_op (p, 'h');
  pk_op (p, 1);
  pk_str (p, "k");
  pk_op (p, 'h');
  pk_op (p, 2);
  pk_op (p, 's');
  pk_op (p, '.');
  assert_pickle_refused (p, PLEAT_ENGINE_ERROR_INVALID_FILE, "changed");
}

static void
test_checkpoint_memo (void)
{
  GByteArray *p;

  p = pk_begin ();
  pk_op (p, 'h');
  pk_op (p, 7);
  pk_op (p, '.');
  assert_pickle_refused (p, PLEAT_ENGINE_ERROR_INVALID_FILE, "memo entry 7");
  p = pk_begin ();
  pk_op (p, 'j');
  put_le (p, 0xffffffff, 4);
  pk_op (p, '.');
  assert_pickle_refused (p, PLEAT_ENGINE_ERROR_INVALID_FILE, "memo entry 4294967295");
  /* BINPUT with an empty stack. */
  p = pk_begin ();
  pk_op (p, 'q');
  pk_op (p, 0);
  assert_pickle_refused (p, PLEAT_ENGINE_ERROR_INVALID_FILE, "underflow");
  /* More memo entries than allowed, each at a new index. */
  p = pk_begin ();
  pk_op (p, 'N');
  for (guint i = 0; i <= PLEAT_PICKLE_MAX_MEMO; i++)
    {
      pk_op (p, 'r');
      put_le (p, i * 4099u, 4);
    }
  pk_op (p, '.');
  assert_pickle_refused (p, PLEAT_ENGINE_ERROR_INVALID_FILE, "memo");
}

static void
test_checkpoint_truncated_pickle (void)
{
  GByteArray *full = pk_state_dict (4, 0, shape_2x2, strides_2x2, 2);

  for (guint cut = 0; cut < full->len; cut++)
    {
      GByteArray *p = g_byte_array_new ();

      g_byte_array_append (p, full->data, cut);
      assert_pickle_refused (p, PLEAT_ENGINE_ERROR_INVALID_FILE, NULL);
    }
  g_byte_array_unref (full);

  {
    GByteArray *p = pk_begin ();

    pk_op (p, 'X');
    put_le (p, 0x7fffffff, 4);
    pk_op (p, '.');
    assert_pickle_refused (p, PLEAT_ENGINE_ERROR_INVALID_FILE, "string");
    p = pk_begin ();
    pk_op (p, 0x8a);
    pk_op (p, 9);
    put_le (p, 1, 8);
    put_le (p, 1, 1);
    assert_pickle_refused (p, PLEAT_ENGINE_ERROR_INVALID_FILE, "9 bytes");
    p = pk_begin ();
    pk_op (p, 'X');
    put_le (p, 2, 4);
    pk_op (p, 0xc3);
    pk_op (p, 0x28);
    pk_op (p, '.');
    assert_pickle_refused (p, PLEAT_ENGINE_ERROR_INVALID_FILE, "UTF-8");
  }
}

static void
test_checkpoint_bad_tensors (void)
{
  const gint32 shape_3x2[] = { 3, 2 };
  const gint32 huge_stride[] = { 0x7fffffff, 0x7fffffff };
  const gint32 negative[] = { -1, 2 };
  const gint32 nine[] = { 1, 1, 1, 1, 1, 1, 1, 1, 1 };
  GByteArray *p;

  /* Reaching past the storage, through the shape, the offset or the strides. */
  assert_pickle_refused (pk_state_dict (4, 0, shape_3x2, strides_2x2, 2),
                         PLEAT_ENGINE_ERROR_INVALID_FILE, "outside its storage");
  assert_pickle_refused (pk_state_dict (4, 1, shape_2x2, strides_2x2, 2),
                         PLEAT_ENGINE_ERROR_INVALID_FILE, "outside its storage");
  assert_pickle_refused (pk_state_dict (4, 0, shape_2x2, huge_stride, 2),
                         PLEAT_ENGINE_ERROR_INVALID_FILE, "outside its storage");
  assert_pickle_refused (pk_state_dict (4, 0x7fffffff, shape_2x2, strides_2x2, 2),
                         PLEAT_ENGINE_ERROR_INVALID_FILE, "outside its storage");
  assert_pickle_refused (pk_state_dict (4, 0, negative, strides_2x2, 2),
                         PLEAT_ENGINE_ERROR_INVALID_FILE, "non-negative");
  assert_pickle_refused (pk_state_dict (4, 0, nine, nine, 9),
                         PLEAT_ENGINE_ERROR_UNSUPPORTED, "9 dimensions");
  /* The storage record says 5 elements; the entry holds 4. */
  assert_pickle_refused (pk_state_dict (5, 0, shape_2x2, strides_2x2, 2),
                         PLEAT_ENGINE_ERROR_INVALID_FILE, "declares");
  assert_pickle_refused (pk_state_dict (-1, 0, shape_2x2, strides_2x2, 2),
                         PLEAT_ENGINE_ERROR_INVALID_FILE, "storage record");

  /* A storage that is not in the archive, or named like a path. */
  p = pk_begin ();
  pk_ordered_dict (p);
  pk_str (p, "w");
  pk_tensor (p, "FloatStorage", "7", 4, 0, shape_2x2, strides_2x2, 2);
  pk_op (p, 's');
  pk_op (p, '.');
  assert_pickle_refused (p, PLEAT_ENGINE_ERROR_INVALID_FILE, "archive/data/7");
  p = pk_begin ();
  pk_ordered_dict (p);
  pk_str (p, "w");
  pk_tensor (p, "FloatStorage", "../data.pkl", 4, 0, shape_2x2, strides_2x2, 2);
  pk_op (p, 's');
  pk_op (p, '.');
  assert_pickle_refused (p, PLEAT_ENGINE_ERROR_INVALID_FILE, "../data.pkl");

  /* Not a state dict; a value that is not a tensor; a name twice; a key not a string. */
  p = pk_begin ();
  pk_op (p, ']');
  pk_op (p, '.');
  assert_pickle_refused (p, PLEAT_ENGINE_ERROR_UNSUPPORTED, "state dict");
  p = pk_begin ();
  pk_op (p, '}');
  pk_str (p, "epoch");
  pk_int (p, 3);
  pk_op (p, 's');
  pk_op (p, '.');
  assert_pickle_refused (p, PLEAT_ENGINE_ERROR_UNSUPPORTED, "“epoch”");
  p = pk_begin ();
  pk_op (p, '}');
  pk_op (p, '(');
  pk_str (p, "w");
  pk_tensor (p, "FloatStorage", "0", 4, 0, shape_2x2, strides_2x2, 2);
  pk_str (p, "w");
  pk_tensor (p, "FloatStorage", "0", 4, 0, shape_2x2, strides_2x2, 2);
  pk_op (p, 'u');
  pk_op (p, '.');
  assert_pickle_refused (p, PLEAT_ENGINE_ERROR_INVALID_FILE, "“w” appears twice");
  p = pk_begin ();
  pk_op (p, '}');
  pk_int (p, 1);
  pk_tensor (p, "FloatStorage", "0", 4, 0, shape_2x2, strides_2x2, 2);
  pk_op (p, 's');
  pk_op (p, '.');
  assert_pickle_refused (p, PLEAT_ENGINE_ERROR_INVALID_FILE, "not a string");
}

/* ---- Zips. ---- */

static GByteArray *
valid_pickle (void)
{
  return pk_state_dict (4, 0, shape_2x2, strides_2x2, 2);
}

static void
build_checkpoint_zip (Zip        *zip,
                      GByteArray *pickle,
                      guint16     method,
                      guint16     flags,
                      gboolean    sentinels)
{
  ZipEntry entries[] = {
    { "archive/data.pkl", pickle->data, pickle->len, 0, 0 },
    { "archive/data/0", storage_values, sizeof storage_values, method, flags },
  };

  zip_build (entries, G_N_ELEMENTS (entries), sentinels, zip);
}

static void
test_zip_zip64 (void)
{
  g_autoptr(GByteArray) pickle = valid_pickle ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PleatZip) archive = NULL;
  const PleatZipEntry *entry;
  Zip zip;

  /* Every size and offset in ZIP64 extra fields, as torch writes files above 4 GiB. */
  build_checkpoint_zip (&zip, pickle, 0, 0, TRUE);
  bytes = zip_steal_bytes (&zip);
  archive = pleat_zip_new_from_bytes (bytes, "z64.zip", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pleat_zip_get_n_entries (archive), ==, 2);
  entry = pleat_zip_lookup (archive, "archive/data/0");
  g_assert_nonnull (entry);
  g_assert_cmpuint (entry->size, ==, sizeof storage_values);
  g_assert_cmpmem (entry->data, entry->size, storage_values, sizeof storage_values);
  g_assert_null (load (bytes));
}

static void
test_zip_compressed_encrypted (void)
{
  g_autoptr(GByteArray) pickle = valid_pickle ();
  Zip zip;

  build_checkpoint_zip (&zip, pickle, 8, 0, FALSE);
  {
    g_autoptr(GBytes) bytes = zip_steal_bytes (&zip);

    assert_refused (bytes, PLEAT_ENGINE_ERROR_UNSUPPORTED, "compressed (deflate)");
  }
  build_checkpoint_zip (&zip, pickle, 0, 1, FALSE);
  {
    g_autoptr(GBytes) bytes = zip_steal_bytes (&zip);

    assert_refused (bytes, PLEAT_ENGINE_ERROR_UNSUPPORTED, "encrypted");
  }
  build_checkpoint_zip (&zip, pickle, 93, 0, TRUE);
  {
    g_autoptr(GBytes) bytes = zip_steal_bytes (&zip);

    assert_refused (bytes, PLEAT_ENGINE_ERROR_UNSUPPORTED, "zstd");
  }
}

typedef void (*ZipDamage) (Zip *zip);

static void
damage_cd_name (Zip *zip)
{
  /* "archive/data/0" -> "archive/data/1" in the central directory only. */
  zip->bytes->data[zip->central[1] + 46 + 13] = '1';
}

static void
damage_local_name (Zip *zip)
{
  zip->bytes->data[zip->local[1] + 30 + 13] = '9';
}

static void
damage_local_offset (Zip *zip)
{
  patch_le (zip->bytes, zip->central[1] + 42, zip->local[1] + 3, 4);
}

static void
damage_offset_past_end (Zip *zip)
{
  patch_le (zip->bytes, zip->central[1] + 42, 0xfffffff0, 4);
}

static void
damage_local_method (Zip *zip)
{
  patch_le (zip->bytes, zip->local[1] + 8, 8, 2);
}

static void
damage_local_size (Zip *zip)
{
  patch_le (zip->bytes, zip->local[1] + 22, 12, 4);
}

static void
damage_sizes_overlap (Zip *zip)
{
  /* The pickle's entry claims bytes up to and past the storage's local header. */
  gsize len = zip->local[1] - zip->local[0] - 30 - 16 + 8;

  patch_le (zip->bytes, zip->central[0] + 20, len, 4);
  patch_le (zip->bytes, zip->central[0] + 24, len, 4);
  patch_le (zip->bytes, zip->local[0] + 18, len, 4);
  patch_le (zip->bytes, zip->local[0] + 22, len, 4);
}

static void
damage_size_into_cd (Zip *zip)
{
  patch_le (zip->bytes, zip->central[1] + 20, 400, 4);
  patch_le (zip->bytes, zip->central[1] + 24, 400, 4);
  patch_le (zip->bytes, zip->local[1] + 18, 400, 4);
  patch_le (zip->bytes, zip->local[1] + 22, 400, 4);
}

static void
damage_two_sizes (Zip *zip)
{
  patch_le (zip->bytes, zip->central[1] + 20, 8, 4);
}

static void
damage_entry_count (Zip *zip)
{
  patch_le (zip->bytes, zip->eocd + 8, 3, 2);
  patch_le (zip->bytes, zip->eocd + 10, 3, 2);
  patch_le (zip->bytes, zip->zip64_eocd + 24, 3, 8);
  patch_le (zip->bytes, zip->zip64_eocd + 32, 3, 8);
}

static void
damage_entry_count_huge (Zip *zip)
{
  patch_le (zip->bytes, zip->eocd + 8, 0xffff, 2);
  patch_le (zip->bytes, zip->eocd + 10, 0xffff, 2);
  patch_le (zip->bytes, zip->zip64_eocd + 24, G_MAXUINT64 / 2, 8);
  patch_le (zip->bytes, zip->zip64_eocd + 32, G_MAXUINT64 / 2, 8);
}

static void
damage_eocd_disagrees (Zip *zip)
{
  patch_le (zip->bytes, zip->eocd + 16, zip->cd_offset + 1, 4);
}

static void
damage_cd_offset (Zip *zip)
{
  patch_le (zip->bytes, zip->eocd + 16, 0xffffffff, 4);
  patch_le (zip->bytes, zip->zip64_eocd + 48, G_MAXUINT64 - 8, 8);
}

static void
damage_cd_size (Zip *zip)
{
  patch_le (zip->bytes, zip->eocd + 12, 0xffffffff, 4);
  patch_le (zip->bytes, zip->zip64_eocd + 40, zip->zip64_eocd - zip->cd_offset - 1, 8);
}

static void
damage_locator (Zip *zip)
{
  patch_le (zip->bytes, zip->eocd - 20 + 8, zip->bytes->len * 2, 8);
}

static void
damage_zip64_signature (Zip *zip)
{
  zip->bytes->data[zip->zip64_eocd] = 'X';
}

static void
damage_multi_disk (Zip *zip)
{
  patch_le (zip->bytes, zip->zip64_eocd + 16, 1, 4);
}

static void
damage_eocd_signature (Zip *zip)
{
  zip->bytes->data[zip->eocd] = 'X';
}

static void
damage_comment_length (Zip *zip)
{
  patch_le (zip->bytes, zip->eocd + 20, 5, 2);
}

static void
damage_name_nul (Zip *zip)
{
  zip->bytes->data[zip->central[1] + 46 + 3] = '\0';
  zip->bytes->data[zip->local[1] + 30 + 3] = '\0';
}

static void
damage_zip64_extra (Zip *zip)
{
  /* The ZIP64 field of entry 1 claims more bytes than the extra field has. */
  patch_le (zip->bytes, zip->central[1] + 46 + 14 + 2, 200, 2);
}

static void
test_zip_damaged (void)
{
  struct
  {
    ZipDamage   damage;
    gboolean    sentinels;
    int         code;
    const char *needle;
  } cases[] = {
    { damage_cd_name, FALSE, PLEAT_ENGINE_ERROR_INVALID_FILE, "disagrees" },
    { damage_local_name, FALSE, PLEAT_ENGINE_ERROR_INVALID_FILE, "disagrees" },
    { damage_local_offset, FALSE, PLEAT_ENGINE_ERROR_INVALID_FILE, "no local header" },
    { damage_offset_past_end, FALSE, PLEAT_ENGINE_ERROR_INVALID_FILE, "outside" },
    { damage_local_method, FALSE, PLEAT_ENGINE_ERROR_INVALID_FILE, "disagrees" },
    { damage_local_size, FALSE, PLEAT_ENGINE_ERROR_INVALID_FILE, "disagrees" },
    { damage_sizes_overlap, FALSE, PLEAT_ENGINE_ERROR_INVALID_FILE, "overlap" },
    { damage_size_into_cd, FALSE, PLEAT_ENGINE_ERROR_INVALID_FILE, "central directory" },
    { damage_two_sizes, FALSE, PLEAT_ENGINE_ERROR_INVALID_FILE, "two different sizes" },
    { damage_entry_count, FALSE, PLEAT_ENGINE_ERROR_INVALID_FILE, NULL },
    { damage_entry_count_huge, FALSE, PLEAT_ENGINE_ERROR_INVALID_FILE, "cannot fit" },
    { damage_eocd_disagrees, FALSE, PLEAT_ENGINE_ERROR_INVALID_FILE, "disagree" },
    { damage_cd_offset, FALSE, PLEAT_ENGINE_ERROR_INVALID_FILE, "outside" },
    { damage_cd_size, FALSE, PLEAT_ENGINE_ERROR_INVALID_FILE, NULL },
    { damage_locator, FALSE, PLEAT_ENGINE_ERROR_INVALID_FILE, "ZIP64" },
    { damage_zip64_signature, FALSE, PLEAT_ENGINE_ERROR_INVALID_FILE, "ZIP64" },
    { damage_multi_disk, FALSE, PLEAT_ENGINE_ERROR_UNSUPPORTED, "multi-disk" },
    { damage_eocd_signature, FALSE, PLEAT_ENGINE_ERROR_INVALID_FILE, "end of central" },
    { damage_comment_length, FALSE, PLEAT_ENGINE_ERROR_INVALID_FILE, "end of central" },
    { damage_name_nul, FALSE, PLEAT_ENGINE_ERROR_INVALID_FILE, "UTF-8" },
    { damage_zip64_extra, TRUE, PLEAT_ENGINE_ERROR_INVALID_FILE, "ZIP64" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GByteArray) pickle = valid_pickle ();
      g_autoptr(GBytes) bytes = NULL;
      Zip zip;

      g_test_message ("case %u", i);
      build_checkpoint_zip (&zip, pickle, 0, 0, cases[i].sentinels);
      cases[i].damage (&zip);
      bytes = zip_steal_bytes (&zip);
      assert_refused (bytes, cases[i].code, cases[i].needle);
    }
}

/* fixtures/checkpoints/dir/name, or fixtures/checkpoints/dir when name is NULL. */
static void
test_zip_duplicate_name (void)
{
  g_autoptr(GByteArray) pickle = valid_pickle ();
  g_autoptr(GBytes) bytes = NULL;
  ZipEntry entries[] = {
    { "archive/data.pkl", pickle->data, pickle->len, 0, 0 },
    { "archive/data/0", storage_values, sizeof storage_values, 0, 0 },
    { "archive/data/0", storage_values, 8, 0, 0 },
  };
  Zip zip;

  zip_build (entries, G_N_ELEMENTS (entries), FALSE, &zip);
  bytes = zip_steal_bytes (&zip);
  assert_refused (bytes, PLEAT_ENGINE_ERROR_INVALID_FILE, "“archive/data/0” appears twice");
}

static GBytes *
read_fixture (const char *dir,
              const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "checkpoints", dir,
                                                 name, NULL);
  g_autofree char *contents = NULL;
  gsize len;

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (g_steal_pointer (&contents), len);
}

/* Every prefix of a real checkpoint is refused. */
static void
test_zip_truncated (void)
{
  g_autoptr(GBytes) full = read_fixture ("tensors.pt", NULL);
  gsize len = g_bytes_get_size (full);

  for (gsize cut = 0; cut < len; cut++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_from_bytes (full, 0, cut);
      g_autoptr(GError) error = load (bytes);

      g_assert_nonnull (error);
    }
}

/* Any single byte of real files overwritten: an error or a good load, never a crash. */
static void
test_byte_flips (void)
{
  const char *files[][2] = {
    { "tensors.pt", NULL },
    { "hf-safetensors", "model.safetensors" },
  };

  for (guint f = 0; f < G_N_ELEMENTS (files); f++)
    {
      g_autoptr(GBytes) full = read_fixture (files[f][0], files[f][1]);
      gsize len = MIN (g_bytes_get_size (full), 8192);
      guint n_refused = 0;

      for (gsize i = 0; i < len; i++)
        {
          const guint8 values[] = { 0x00, 0xff, 0x7f, 0x80 };

          for (guint v = 0; v < G_N_ELEMENTS (values); v++)
            {
              guint8 *copy = g_memdup2 (g_bytes_get_data (full, NULL), g_bytes_get_size (full));
              g_autoptr(GBytes) bytes = NULL;
              g_autoptr(GError) error = NULL;

              copy[i] = values[v];
              bytes = g_bytes_new_take (copy, g_bytes_get_size (full));
              error = load (bytes);
              n_refused += error != NULL;
            }
        }
      /* Most damage is caught (flips inside tensor data are not damage we can see). */
      g_assert_cmpuint (n_refused, >, len / 2);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/pleat/engine/TorchCheckpoint/minimal", test_checkpoint_minimal);
  g_test_add_func ("/pleat/engine/TorchCheckpoint/strided", test_checkpoint_strided);
  g_test_add_func ("/pleat/engine/TorchCheckpoint/hostile-globals",
                   test_checkpoint_hostile_globals);
  g_test_add_func ("/pleat/engine/TorchCheckpoint/hostile-reduce",
                   test_checkpoint_hostile_reduce);
  g_test_add_func ("/pleat/engine/TorchCheckpoint/hostile-opcodes",
                   test_checkpoint_hostile_opcodes);
  g_test_add_func ("/pleat/engine/TorchCheckpoint/hostile-build", test_checkpoint_hostile_build);
  g_test_add_func ("/pleat/engine/TorchCheckpoint/nesting", test_checkpoint_nesting);
  g_test_add_func ("/pleat/engine/TorchCheckpoint/memo", test_checkpoint_memo);
  g_test_add_func ("/pleat/engine/TorchCheckpoint/truncated-pickle",
                   test_checkpoint_truncated_pickle);
  g_test_add_func ("/pleat/engine/TorchCheckpoint/bad-tensors", test_checkpoint_bad_tensors);
  g_test_add_func ("/pleat/engine/Zip/zip64", test_zip_zip64);
  g_test_add_func ("/pleat/engine/Zip/compressed-encrypted", test_zip_compressed_encrypted);
  g_test_add_func ("/pleat/engine/Zip/damaged", test_zip_damaged);
  g_test_add_func ("/pleat/engine/Zip/duplicate-name", test_zip_duplicate_name);
  g_test_add_func ("/pleat/engine/Zip/truncated", test_zip_truncated);
  g_test_add_func ("/pleat/engine/Zip/byte-flips", test_byte_flips);

  return g_test_run ();
}
