/* simd-avx2.h
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The vector vocabulary the x86 op bodies (the -body.h files) are written in, for AVX2 +
 * FMA: 8 float lanes, tails through maskload/maskstore. simd-avx512.h defines the same names
 * for 16 lanes, so each op is written once and compiled once per ISA. Include only from the
 * x86 -avx2.c files.
 */
#pragma once

#include <immintrin.h>

#include "pleat-kernels-private.h"

#define PLEAT_SIMD_FN(op) pleat_kern_##op##_f32_avx2
#define VLEN 8

typedef __m256 vfloat;
typedef __m256 vmask;   /* all-ones lanes are true */

static inline __m256i
tail_bits (size_t n)   /* the first n lanes set, n <= VLEN */
{
  static const int32_t bits[16] = { -1, -1, -1, -1, -1, -1, -1, -1, 0, 0, 0, 0, 0, 0, 0, 0 };

  return _mm256_loadu_si256 ((const void *) (bits + 8 - n));
}

static inline vfloat v_set1 (float f) { return _mm256_set1_ps (f); }
static inline vfloat v_load (const float *p) { return _mm256_loadu_ps (p); }
static inline void v_store (float *p, vfloat v) { _mm256_storeu_ps (p, v); }
static inline vfloat v_add (vfloat a, vfloat b) { return _mm256_add_ps (a, b); }
static inline vfloat v_sub (vfloat a, vfloat b) { return _mm256_sub_ps (a, b); }
static inline vfloat v_mul (vfloat a, vfloat b) { return _mm256_mul_ps (a, b); }
static inline vfloat v_div (vfloat a, vfloat b) { return _mm256_div_ps (a, b); }
static inline vfloat v_max (vfloat a, vfloat b) { return _mm256_max_ps (a, b); }
static inline vfloat v_min (vfloat a, vfloat b) { return _mm256_min_ps (a, b); }
/* a * b + c, and c - a * b, each with one rounding. */
static inline vfloat v_fmadd (vfloat a, vfloat b, vfloat c) { return _mm256_fmadd_ps (a, b, c); }
static inline vfloat v_fnmadd (vfloat a, vfloat b, vfloat c) { return _mm256_fnmadd_ps (a, b, c); }

/* The first n lanes (n < VLEN) of p; the others read as fill, and memory past p + n is never
 * touched. */
static inline vfloat
v_load_tail (const float *p,
             size_t       n,
             float        fill)
{
  __m256i bits = tail_bits (n);

  return _mm256_blendv_ps (_mm256_set1_ps (fill), _mm256_maskload_ps (p, bits),
                           _mm256_castsi256_ps (bits));
}

static inline void
v_store_tail (float  *p,
              vfloat  v,
              size_t  n)
{
  _mm256_maskstore_ps (p, tail_bits (n), v);
}

static inline float
v_hsum (vfloat v)
{
  __m128 s = _mm_add_ps (_mm256_castps256_ps128 (v), _mm256_extractf128_ps (v, 1));

  s = _mm_add_ps (s, _mm_movehl_ps (s, s));
  s = _mm_add_ss (s, _mm_movehdup_ps (s));
  return _mm_cvtss_f32 (s);
}

static inline float
v_hmax (vfloat v)
{
  __m128 s = _mm_max_ps (_mm256_castps256_ps128 (v), _mm256_extractf128_ps (v, 1));

  s = _mm_max_ps (s, _mm_movehl_ps (s, s));
  s = _mm_max_ss (s, _mm_movehdup_ps (s));
  return _mm_cvtss_f32 (s);
}

/* Lanes whose mask byte (of the first n <= VLEN) is 0; lanes past n are false. */
static inline vmask
v_mask_is_zero (const uint8_t *m,
                size_t         n)
{
  uint8_t buf[8] = { 1, 1, 1, 1, 1, 1, 1, 1 };
  __m256i wide;

  for (size_t i = 0; i < n; i++)
    buf[i] = m[i];
  wide = _mm256_cvtepu8_epi32 (_mm_loadl_epi64 ((const void *) buf));
  return _mm256_castsi256_ps (_mm256_cmpeq_epi32 (wide, _mm256_setzero_si256 ()));
}

static inline vmask v_less (vfloat a, vfloat b) { return _mm256_cmp_ps (a, b, _CMP_LT_OQ); }
static inline vmask v_greater (vfloat a, vfloat b) { return _mm256_cmp_ps (a, b, _CMP_GT_OQ); }
/* mask ? b : a */
static inline vfloat v_select (vmask m, vfloat a, vfloat b) { return _mm256_blendv_ps (a, b, m); }

static inline vfloat
v_exp2_int (vfloat n)   /* 2^n for integral n in [-126, 127] */
{
  __m256i e = _mm256_add_epi32 (_mm256_cvtps_epi32 (n), _mm256_set1_epi32 (127));

  return _mm256_castsi256_ps (_mm256_slli_epi32 (e, 23));
}

static inline vfloat
v_round (vfloat x)
{
  return _mm256_round_ps (x, _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
}

#include "simd-math.h"
