/* convert-avx2.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * float16 → float32 with F16C (every AVX2 CPU has it), for loading the ESM-2 stem's 2.8 G
 * half-precision weights: vcvtph2ps converts 8 values per instruction, exactly, where the
 * reference decodes bit fields one value at a time. The tail goes through the reference.
 * (bfloat16 is a shift, which the compiler already vectorises in the reference.)
 */
#include "simd-avx2.h"

void
pleat_kern_convert_f16_f32_avx2 (const uint16_t *src,
                                 float          *dst,
                                 size_t          n)
{
  size_t i = 0;

  for (; i + 32 <= n; i += 32)
    {
      __m128i h0 = _mm_loadu_si128 ((const void *) (src + i));
      __m128i h1 = _mm_loadu_si128 ((const void *) (src + i + 8));
      __m128i h2 = _mm_loadu_si128 ((const void *) (src + i + 16));
      __m128i h3 = _mm_loadu_si128 ((const void *) (src + i + 24));

      _mm256_storeu_ps (dst + i, _mm256_cvtph_ps (h0));
      _mm256_storeu_ps (dst + i + 8, _mm256_cvtph_ps (h1));
      _mm256_storeu_ps (dst + i + 16, _mm256_cvtph_ps (h2));
      _mm256_storeu_ps (dst + i + 24, _mm256_cvtph_ps (h3));
    }
  for (; i + 8 <= n; i += 8)
    _mm256_storeu_ps (dst + i, _mm256_cvtph_ps (_mm_loadu_si128 ((const void *) (src + i))));
  pleat_kern_convert_f16_f32_ref (src + i, dst + i, n - i);
}
