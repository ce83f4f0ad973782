// cylinder.frag: ray-cylinder intersection with flat caps, exact normal and depth.
//
// Copyright 2026 The Pleat authors
// SPDX-License-Identifier: GPL-3.0-or-later

in vec3       v_eye_pos;
flat in vec3  v_a;
flat in vec3  v_b;
flat in float v_radius;
flat in vec4  v_color_a;
flat in vec4  v_color_b;
flat in uint  v_flags;

out vec4 frag_color;

#ifdef PLEAT_CONSERVATIVE_DEPTH
// The surface lies behind the proxy geometry this fragment belongs to.
layout (depth_greater) out float gl_FragDepth;
#endif

void
main ()
{
  vec3 ray = normalize (v_eye_pos);
  vec3 axis = v_b - v_a;
  float len = length (axis);
  vec3 w = axis / max (len, 1e-6);
  float r2 = v_radius * v_radius;

  // Start the ray next to the cylinder (level with its middle) so that the quadratic works
  // with small numbers: far cylinders lose no precision.
  float t0 = dot (ray, 0.5 * (v_a + v_b));
  vec3 ao = t0 * ray - v_a;
  float dw = dot (ray, w);
  float aow = dot (ao, w);
  vec3 d_perp = ray - dw * w;
  vec3 ao_perp = ao - aow * w;
  float qa = dot (d_perp, d_perp);
  float qb = dot (d_perp, ao_perp);
  float qc = dot (ao_perp, ao_perp) - r2;
  float disc = qb * qb - qa * qc;
  float t = -1.0;
  float s = 0.0;
  vec3 normal = vec3 (0.0);

  if (disc >= 0.0 && qa > 1e-8)
    {
      float ts = (-qb - sqrt (disc)) / qa;

      s = aow + ts * dw;
      if (s >= 0.0 && s <= len)
        {
          t = ts;
          normal = (ao_perp + ts * d_perp) / v_radius;
        }
    }

  if (t == -1.0)
    {
      // The side missed: the cap that faces the eye, if the ray passes through its disk.
      if (abs (dw) < 1e-6)
        discard;

      float cap = dw > 0.0 ? 0.0 : len;
      float tc = (cap - aow) / dw;
      vec3 q = ao + tc * ray - cap * w;

      if (dot (q, q) > r2)
        discard;

      t = tc;
      s = cap;
      normal = dw > 0.0 ? -w : w;
    }

  vec3 hit = (t0 + t) * ray;
  float depth = pleat_depth (hit);

  if (depth < 0.0)
    discard;

  gl_FragDepth = depth;
  frag_color = pleat_shade (s < 0.5 * len ? v_color_a : v_color_b, normal, hit, v_flags);
}
