// shade.glsl: lighting shared by every fragment shader (prepended to each one).
//
// Copyright 2026 The Pleat authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// Blinn-Phong with a headlight: the light sits just above and left of the eye, so surfaces
// facing the viewer keep their own color (ambient + diffuse sum to one there) and the shape
// reads from the falloff towards the silhouette. Distance fades towards the background
// (depth cue), and silhouettes darken a little so overlapping atoms stay apart.

uniform vec3  u_light_dir;       // eye space, towards the light, normalized
uniform vec4  u_fog;             // near, far, strength, unused (eye-space distances)
uniform vec3  u_fog_color;
uniform float u_outline;         // 0-1
uniform vec3  u_select_color;

const float AMBIENT = 0.30;
const float SHININESS = 56.0;
const float SPECULAR = 0.30;

vec4
pleat_shade (vec4  base,
             vec3  normal,
             vec3  eye_pos,
             uint  flags)
{
  vec3 n = normalize (normal);
  vec3 v = normalize (-eye_pos);
  vec3 h = normalize (u_light_dir + v);
  float diffuse = max (dot (n, u_light_dir), 0.0);
  float specular = pow (max (dot (n, h), 0.0), SHININESS);
  float facing = max (dot (n, v), 0.0);
  vec3 color = base.rgb;

  // Selected residues get a tint of the selection color, hovered ones a light rim.
  if ((flags & 1u) != 0u)
    color = mix (color, u_select_color, 0.7);

  vec3 lit = color * (AMBIENT + (1.0 - AMBIENT) * diffuse) + vec3 (SPECULAR * specular);

  if ((flags & 2u) != 0u)
    lit = mix (lit, vec3 (1.0), 0.35 + 0.4 * pow (1.0 - facing, 2.0));

  lit *= 1.0 - u_outline * smoothstep (0.55, 0.0, facing);

  if (u_fog.y > u_fog.x)
    {
      float f = clamp ((-eye_pos.z - u_fog.x) / (u_fog.y - u_fog.x), 0.0, 1.0);
      lit = mix (lit, u_fog_color, f * f * u_fog.z);
    }

  return vec4 (clamp (lit, 0.0, 1.0), 1.0);
}

// Window depth of an eye-space point, for impostors that write gl_FragDepth. Below 0 when
// the point lies in front of the near plane: callers discard those fragments.
uniform mat4 u_projection;

float
pleat_depth (vec3 eye_pos)
{
  vec4 clip = u_projection * vec4 (eye_pos, 1.0);
  return 0.5 * (clip.z / clip.w) + 0.5;
}
