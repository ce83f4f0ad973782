// mesh.frag: two-sided lighting for ribbons, whose back faces show. The normal is turned
// towards the eye rather than trusted to the winding, which a mesh need not keep consistent.
//
// Copyright 2026 The Pleat authors
// SPDX-License-Identifier: GPL-3.0-or-later

in vec3      v_eye_pos;
in vec3      v_normal;
in vec4      v_color;
flat in uint v_flags;

out vec4 frag_color;

void
main ()
{
  vec3 normal = dot (v_normal, v_eye_pos) > 0.0 ? -v_normal : v_normal;

  frag_color = pleat_shade (v_color, normal, v_eye_pos, v_flags);
}
