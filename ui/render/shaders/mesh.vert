// mesh.vert: the cartoon mesh, lit per fragment.
//
// Copyright 2026 The Pleat authors
// SPDX-License-Identifier: GPL-3.0-or-later

layout (location = 0) in vec3  a_position;
layout (location = 1) in vec3  a_normal;
layout (location = 2) in vec4  a_color;
layout (location = 3) in uint  a_flags;

uniform mat4 u_view;
uniform mat4 u_projection;

out vec3      v_eye_pos;
out vec3      v_normal;
out vec4      v_color;
flat out uint v_flags;

void
main ()
{
  vec4 eye = u_view * vec4 (a_position, 1.0);

  v_eye_pos = eye.xyz;
  // The view matrix is a rotation and a translation: its upper 3x3 maps normals too.
  v_normal = mat3 (u_view) * a_normal;
  v_color = a_color;
  v_flags = a_flags;
  gl_Position = u_projection * eye;
}
