// sphere.frag: ray-sphere intersection, exact normal and depth.
//
// Copyright 2026 The Pleat authors
// SPDX-License-Identifier: GPL-3.0-or-later

in vec3       v_eye_pos;
flat in vec3  v_center;
flat in float v_radius;
flat in vec4  v_color;
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
  float along = dot (ray, v_center);
  // Measured from the closest point of the ray to the center: no cancellation at distance.
  vec3 offset = v_center - along * ray;
  float disc = v_radius * v_radius - dot (offset, offset);

  if (disc < 0.0)
    discard;

  vec3 hit = ray * (along - sqrt (disc));
  vec3 normal = (hit - v_center) / v_radius;

  float depth = pleat_depth (hit);

  if (depth < 0.0)
    discard;

  gl_FragDepth = depth;
  frag_color = pleat_shade (v_color, normal, hit, v_flags);
}
