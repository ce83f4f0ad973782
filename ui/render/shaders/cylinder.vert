// cylinder.vert: one screen-aligned quad per cylinder impostor.
//
// Copyright 2026 The Pleat authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// The quad is the screen-space bounding rectangle of the cylinder's tight box, placed at the
// depth of the box's nearest corner, so cylinder.frag's ray-cast surface always lies behind it
// (conservative depth). Four vertices per cylinder rather than a 36-vertex box: software GL
// transforms vertices on one thread, and ball-and-stick scenes have many cylinders.

layout (location = 0) in vec2  a_corner;   // (+-1, +-1)
layout (location = 1) in vec4  a_start;    // a (model space), radius
layout (location = 2) in vec3  a_end;      // b (model space)
layout (location = 3) in vec4  a_color_a;
layout (location = 4) in vec4  a_color_b;
layout (location = 5) in uint  a_flags;

uniform mat4  u_view;
uniform mat4  u_projection;
uniform mat4  u_inverse_projection;
uniform float u_near;

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
  vec3 u = normalize (cross (w, ref)) * radius;
  vec3 v = cross (w, u);
  vec2 lo = vec2 (1e30);
  vec2 hi = vec2 (-1e30);
  float nearest = -1e30;
  bool behind = false;

  v_a = a;
  v_b = b;
  v_radius = radius;
  v_color_a = a_color_a;
  v_color_b = a_color_b;
  v_flags = a_flags;

  for (int i = 0; i < 8; i++)
    {
      vec3 corner = a + ((i & 1) != 0 ? u : -u) + ((i & 2) != 0 ? v : -v)
                    + ((i & 4) != 0 ? axis : vec3 (0.0));
      vec4 clip = u_projection * vec4 (corner, 1.0);

      nearest = max (nearest, corner.z);
      if (clip.w <= 1e-6)
        {
          behind = true;
          continue;
        }
      lo = min (lo, clip.xy / clip.w);
      hi = max (hi, clip.xy / clip.w);
    }

  // Partly behind the eye: the projection is unbounded, cover the whole viewport.
  if (behind)
    {
      lo = vec2 (-1.0);
      hi = vec2 (1.0);
    }

  // No nearer than the near plane, or the whole quad would be clipped away.
  nearest = min (nearest, -u_near * 1.0001);
  vec4 depth = u_projection * vec4 (0.0, 0.0, nearest, 1.0);
  vec2 ndc = mix (lo, hi, a_corner * 0.5 + 0.5);

  gl_Position = vec4 (ndc * depth.w, depth.z, depth.w);
  // The eye-space point on the quad's plane: the fragment shader's ray runs through it.
  vec4 eye = u_inverse_projection * gl_Position;
  v_eye_pos = eye.xyz / eye.w;
}
