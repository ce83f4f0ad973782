/* simd-avx512.h
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The vector vocabulary of simd-avx2.h for AVX-512F: 16 float lanes, tails and predicates
 * through mask registers. Include only from the x86 -avx512.c files.
 */
#pragma once

/* GCC 12's AVX-512 headers seed max/min/reduce/etc. with _mm512_undefined_ps (), which its
 * own -W(maybe-)uninitialized then reports at every use (GCC bug 105593, fixed in GCC 13). */
#if defined(__GNUC__) && !defined(__clang__) && __GNUC__ < 13
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#pragma GCC diagnostic ignored "-Wuninitialized"
#endif

#include <immintrin.h>

#include "pleat-kernels-private.h"

#define PLEAT_SIMD_FN(op) pleat_kern_##op##_f32_avx512
#define VLEN 16

typedef __m512 vfloat;
typedef __mmask16 vmask;

static inline __mmask16
tail_bits (size_t n)   /* the first n lanes set, n < VLEN */
{
  return (__mmask16) ((1u << n) - 1u);
}

static inline vfloat v_set1 (float f) { return _mm512_set1_ps (f); }
static inline vfloat v_load (const float *p) { return _mm512_loadu_ps (p); }
static inline void v_store (float *p, vfloat v) { _mm512_storeu_ps (p, v); }
static inline vfloat v_add (vfloat a, vfloat b) { return _mm512_add_ps (a, b); }
static inline vfloat v_sub (vfloat a, vfloat b) { return _mm512_sub_ps (a, b); }
static inline vfloat v_mul (vfloat a, vfloat b) { return _mm512_mul_ps (a, b); }
static inline vfloat v_div (vfloat a, vfloat b) { return _mm512_div_ps (a, b); }
static inline vfloat v_max (vfloat a, vfloat b) { return _mm512_max_ps (a, b); }
static inline vfloat v_min (vfloat a, vfloat b) { return _mm512_min_ps (a, b); }
static inline vfloat v_fmadd (vfloat a, vfloat b, vfloat c) { return _mm512_fmadd_ps (a, b, c); }
static inline vfloat v_fnmadd (vfloat a, vfloat b, vfloat c) { return _mm512_fnmadd_ps (a, b, c); }

static inline vfloat
v_load_tail (const float *p,
             size_t       n,
             float        fill)
{
  return _mm512_mask_loadu_ps (_mm512_set1_ps (fill), tail_bits (n), p);
}

static inline void
v_store_tail (float  *p,
              vfloat  v,
              size_t  n)
{
  _mm512_mask_storeu_ps (p, tail_bits (n), v);
}

static inline float v_hsum (vfloat v) { return _mm512_reduce_add_ps (v); }
static inline float v_hmax (vfloat v) { return _mm512_reduce_max_ps (v); }

static inline vmask
v_mask_is_zero (const uint8_t *m,
                size_t         n)
{
  uint8_t buf[16] = { 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1 };
  __m512i wide;

  for (size_t i = 0; i < n; i++)
    buf[i] = m[i];
  wide = _mm512_cvtepu8_epi32 (_mm_loadu_si128 ((const void *) buf));
  return _mm512_cmpeq_epi32_mask (wide, _mm512_setzero_si512 ());
}

static inline vmask v_less (vfloat a, vfloat b) { return _mm512_cmp_ps_mask (a, b, _CMP_LT_OQ); }
static inline vmask v_greater (vfloat a, vfloat b) { return _mm512_cmp_ps_mask (a, b, _CMP_GT_OQ); }
static inline vfloat
v_select (vmask m, vfloat a, vfloat b)
{
  return _mm512_mask_blend_ps (m, a, b);
}

static inline vfloat
v_exp2_int (vfloat n)
{
  __m512i e = _mm512_add_epi32 (_mm512_cvtps_epi32 (n), _mm512_set1_epi32 (127));

  return _mm512_castsi512_ps (_mm512_slli_epi32 (e, 23));
}

static inline vfloat
v_round (vfloat x)
{
  return _mm512_roundscale_ps (x, _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
}

#include "simd-math.h"
