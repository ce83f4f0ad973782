// cylinder.vert: one box per cylinder impostor.
//
// Copyright 2026 The Pleat authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// The unit box [-1,1] x [-1,1] x [0,1] becomes the tight box around the cylinder, in a
// right-handed frame so that back-face culling keeps working; cylinder.frag casts the ray.

layout (location = 0) in vec3  a_corner;
layout (location = 1) in vec4  a_start;    // a (model space), radius
layout (location = 2) in vec3  a_end;      // b (model space)
layout (location = 3) in vec4  a_color_a;
layout (location = 4) in vec4  a_color_b;
layout (location = 5) in uint  a_flags;

uniform mat4 u_view;
uniform mat4 u_projection;

out vec3       v_eye_pos;
flat out vec3  v_a;
flat out vec3  v_b;
flat out float v_radius;
flat out vec4  v_color_a;
flat out vec4  v_color_b;
flat out uint  v_flags;

void
main ()
{
  vec3 a = (u_view * vec4 (a_start.xyz, 1.0)).xyz;
  vec3 b = (u_view * vec4 (a_end, 1.0)).xyz;
  float radius = a_start.w;
  vec3 axis = b - a;
  float len = length (axis);
  vec3 w = len > 1e-6 ? axis / len : vec3 (0.0, 0.0, 1.0);
  vec3 ref = abs (w.x) < 0.9 ? vec3 (1.0, 0.0, 0.0) : vec3 (0.0, 1.0, 0.0);
  vec3 u = normalize (cross (w, ref));
  vec3 v = cross (w, u);
  vec3 pos = a + (a_corner.x * u + a_corner.y * v) * radius + w * (a_corner.z * len);

  v_eye_pos = pos;
  v_a = a;
  v_b = b;
  v_radius = radius;
  v_color_a = a_color_a;
  v_color_b = a_color_b;
  v_flags = a_flags;
  gl_Position = u_projection * vec4 (pos, 1.0);
}
