/* test-torch-checkpoint.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Malformed and hostile pickles in PyTorch checkpoints, written byte by byte: globals that
 * would run code, REDUCE of what is not an allowed function, BUILD, INST/OBJ, unbounded
 * nesting, memo abuse, truncation, and tensors that reach outside their storages. Each gives
 * a clear GError; nothing crashes (this suite also runs under ASan/UBSan).
 */
#include "config.h"

#include <string.h>

#include "checkpoint-writer.h"
#include "pleat-error.h"
#include "pleat-torch-checkpoint.h"
#include "pleat-unpickler.h"
#include "pleat-weights.h"
#include "pleat-zip.h"

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

  return g_test_run ();
}
