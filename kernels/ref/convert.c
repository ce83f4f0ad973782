/* convert.c
 *
 * Copyright 2026 The Pleat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Conversion of half-precision weights to float32, the compute precision. IEEE binary16 and
 * bfloat16 both widen to float32 exactly, so these are bit-exact.
 */
#include "pleat-kernels.h"

#include <string.h>

static inline float
f32_from_bits (uint32_t bits)
{
  float f;

  memcpy (&f, &bits, sizeof f);
  return f;
}

static inline float
f16_to_f32 (uint16_t h)
{
  uint32_t sign = (uint32_t) (h & 0x8000u) << 16;
  uint32_t exponent = (h >> 10) & 0x1fu;
  uint32_t mantissa = h & 0x3ffu;

  if (exponent == 0x1f)       /* infinity or NaN: keep the payload */
    return f32_from_bits (sign | 0x7f800000u | (mantissa << 13));
  if (exponent != 0)          /* normal */
    return f32_from_bits (sign | ((exponent + 112u) << 23) | (mantissa << 13));
  if (mantissa == 0)          /* signed zero */
    return f32_from_bits (sign);
  /* Subnormal half: a normal float after shifting the leading one into the hidden bit. */
  exponent = 113u;
  while ((mantissa & 0x400u) == 0)
    {
      mantissa <<= 1;
      exponent--;
    }
  return f32_from_bits (sign | (exponent << 23) | ((mantissa & 0x3ffu) << 13));
}

void
pleat_kern_convert_f16_f32_ref (const uint16_t *src,
                                float          *dst,
                                size_t          n)
{
  for (size_t i = 0; i < n; i++)
    dst[i] = f16_to_f32 (src[i]);
}

void
pleat_kern_convert_bf16_f32_ref (const uint16_t *src,
                                 float          *dst,
                                 size_t          n)
{
  for (size_t i = 0; i < n; i++)
    dst[i] = f32_from_bits ((uint32_t) src[i] << 16);
}
