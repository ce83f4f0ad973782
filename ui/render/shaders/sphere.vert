// sphere.vert: one camera-facing quad per sphere impostor.
//
// Copyright 2026 The Pleat authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// The quad sits in front of the sphere, perpendicular to the ray from the eye to the center,
// and is just large enough to cover the sphere's silhouette cone; sphere.frag then casts the
// ray through each fragment.

layout (location = 0) in vec2  a_corner;   // (+-1, +-1)
layout (location = 1) in vec4  a_sphere;   // center (model space), radius
layout (location = 2) in vec4  a_color;
layout (location = 3) in uint  a_flags;

uniform mat4  u_view;
uniform mat4  u_projection;
uniform float u_near;

out vec3       v_eye_pos;
flat out vec3  v_center;
flat out float v_radius;
flat out vec4  v_color;
flat out uint  v_flags;

void
main ()
{
  vec3 center = (u_view * vec4 (a_sphere.xyz, 1.0)).xyz;
  float radius = a_sphere.w;
  float dist = length (center);

  v_center = center;
  v_radius = radius;
  v_color = a_color;
  v_flags = a_flags;

  if (dist <= radius * 1.001)
    {
      // The eye is inside the sphere: nothing sensible to draw.
      v_eye_pos = vec3 (0.0);
      gl_Position = vec4 (2.0, 2.0, 2.0, 1.0);
      return;
    }

  vec3 dir = center / dist;
  vec3 up = abs (dir.y) < 0.99 ? vec3 (0.0, 1.0, 0.0) : vec3 (1.0, 0.0, 0.0);
  vec3 u = normalize (cross (up, dir));
  vec3 v = cross (dir, u);

  // At distance d from the eye the silhouette cone has half-angle asin (r / dist).
  float d = max (dist - radius, u_near * 1.0001);
  float half_size = d * radius / sqrt (dist * dist - radius * radius);
  vec3 pos = dir * d + (a_corner.x * u + a_corner.y * v) * half_size;

  v_eye_pos = pos;
  gl_Position = u_projection * vec4 (pos, 1.0);
}
