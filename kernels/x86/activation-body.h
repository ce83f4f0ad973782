/* activation-body.h
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The exp- and erf-bound element-wise ops (GELU, SiLU, sigmoid, sigmoid gating, SwiGLU),
 * written once in the vocabulary of simd-<isa>.h. Each applies one vector function to a
 * whole vector or to the tail.
 */

static inline vfloat
gelu (vfloat x)
{
  vfloat half_x = v_mul (x, v_set1 (0.5f));

  return v_fmadd (half_x, v_erf (v_mul (x, v_set1 (0.70710678118654752f))), half_x);
}

static inline vfloat
silu (vfloat x)
{
  return v_div (x, v_add (v_set1 (1.0f), v_exp (v_sub (v_set1 (0.0f), x))));
}

#define UNARY_OP(name, f) \
  void \
  PLEAT_SIMD_FN (name) (const float *x, \
                        float       *y, \
                        size_t       n) \
  { \
    size_t i = 0; \
    for (; i + VLEN <= n; i += VLEN) \
      v_store (y + i, f (v_load (x + i))); \
    if (i < n) \
      v_store_tail (y + i, f (v_load_tail (x + i, n - i, 0.0f)), n - i); \
  }

#define BINARY_OP(name, f) \
  void \
  PLEAT_SIMD_FN (name) (const float *a, \
                        const float *b, \
                        float       *y, \
                        size_t       n) \
  { \
    size_t i = 0; \
    for (; i + VLEN <= n; i += VLEN) \
      v_store (y + i, f (v_load (a + i), v_load (b + i))); \
    if (i < n) \
      v_store_tail (y + i, f (v_load_tail (a + i, n - i, 0.0f), \
                              v_load_tail (b + i, n - i, 0.0f)), n - i); \
  }

static inline vfloat
gate_sigmoid (vfloat a,
              vfloat g)
{
  return v_div (a, v_add (v_set1 (1.0f), v_exp (v_sub (v_set1 (0.0f), g))));
}

static inline vfloat
swiglu (vfloat a,
        vfloat b)
{
  return v_mul (silu (a), b);
}

UNARY_OP (gelu, gelu)
UNARY_OP (silu, silu)
UNARY_OP (sigmoid, v_sigmoid)
BINARY_OP (gate_sigmoid, gate_sigmoid)
BINARY_OP (swiglu, swiglu)
