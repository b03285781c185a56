#version 330 core
// Colours a scalar field with a colormap and draws anti-aliased iso-contours. Rendered once per change into a
// texture by FieldRenderer (app/gfx/field_renderer.cpp), never every frame: on a software rasterizer a full
// window of this costs tens of milliseconds.
//
// The field is a grid of samples at points x_0..x_{W-1}, y_0..y_{H-1} that span the output edge to edge (like
// numpy's linspace), so v_uv = (0,0) is sample (0,0) and v_uv = (1,1) is sample (W-1,H-1).

in vec2 v_uv;
out vec4 o_color;

uniform sampler2D u_field;       // R32F, W×H
uniform sampler2D u_colormaps;   // RGBA8, 256 × (number of maps), one map per row
uniform float u_colormapRow;     // (row + 0.5) / number of rows
uniform int u_bicubic;           // 1: Catmull-Rom between samples; 0: the texture's own (bi)linear filter
uniform vec2 u_range;            // field values at the low and high ends of the colormap
uniform int u_diverging;         // 1: u_center maps to the middle of the colormap
uniform float u_center;
uniform int u_levelCount;        // 0..16
uniform float u_levels[16];      // contour values, in field units
uniform float u_lineWidth;       // contour width in output pixels
uniform vec4 u_lineColors[16];   // per level: colour, alpha = strength (chosen on the CPU for contrast)
uniform vec4 u_nanColor;         // where the field is NaN

float fetch(int x, int y) { return texelFetch(u_field, ivec2(x, y), 0).r; }

#ifdef NR_GL_ES
// OpenGL ES 3.0 does not filter float textures (WebGL 2 only with an extension): bilinear by hand.
float fieldLinear(vec2 uv) {
  ivec2 size = textureSize(u_field, 0);
  vec2 g = clamp(uv, 0.0, 1.0) * vec2(size - 1);
  ivec2 i = clamp(ivec2(floor(g)), ivec2(0), max(size - 2, ivec2(0)));
  ivec2 j = min(i + 1, size - 1);
  vec2 f = g - vec2(i);
  return mix(mix(fetch(i.x, i.y), fetch(j.x, i.y), f.x), mix(fetch(i.x, j.y), fetch(j.x, j.y), f.x), f.y);
}
#else
float fieldLinear(vec2 uv) {
  vec2 size = vec2(textureSize(u_field, 0));
  return texture(u_field, (0.5 + uv * (size - 1.0)) / size).r;
}
#endif

// Catmull-Rom weights for the 4 samples around a point at fraction t between samples 1 and 2.
vec4 catmullRom(float t) {
  float t2 = t * t, t3 = t2 * t;
  return vec4(-0.5 * t3 + t2 - 0.5 * t, 1.5 * t3 - 2.5 * t2 + 1.0, -1.5 * t3 + 2.0 * t2 + 0.5 * t, 0.5 * t3 - 0.5 * t2);
}

// One row of the 4×4 neighbourhood, interpolated in x. Missing neighbours past an edge are extrapolated
// linearly (2 f(0) - f(1)), so a linear field stays exactly linear right up to the border.
float rowValue(int y, int i, int w, vec4 wx) {
  float a = fetch(i, y), b = fetch(i + 1, y);
  float before = i > 0 ? fetch(i - 1, y) : 2.0 * a - b;
  float after = i + 2 < w ? fetch(i + 2, y) : 2.0 * b - a;
  return dot(wx, vec4(before, a, b, after));
}

// Bicubic interpolation: smooth (C1) values between samples, so contours of a coarse grid come out as curves
// rather than the polylines bilinear filtering gives.
float fieldBicubic(vec2 uv) {
  ivec2 size = textureSize(u_field, 0);
  if (size.x < 2 || size.y < 2) return fieldLinear(uv);
  vec2 g = clamp(uv, 0.0, 1.0) * vec2(size - 1);
  ivec2 i = min(ivec2(floor(g)), size - 2);
  vec2 f = g - vec2(i);
  vec4 wx = catmullRom(f.x), wy = catmullRom(f.y);
  float a = rowValue(i.y, i.x, size.x, wx), b = rowValue(i.y + 1, i.x, size.x, wx);
  float before = i.y > 0 ? rowValue(i.y - 1, i.x, size.x, wx) : 2.0 * a - b;
  float after = i.y + 2 < size.y ? rowValue(i.y + 2, i.x, size.x, wx) : 2.0 * b - a;
  return dot(wy, vec4(before, a, b, after));
}

float colormapT(float v) {
  if (u_diverging != 0) {
    // Piecewise, so the centre value is the centre colour even when the range is lopsided (logits in [-3, 8]).
    float t = v < u_center ? 0.5 * (v - u_range.x) / max(u_center - u_range.x, 1e-30)
                           : 0.5 + 0.5 * (v - u_center) / max(u_range.y - u_center, 1e-30);
    return clamp(t, 0.0, 1.0);
  }
  float span = u_range.y - u_range.x;
  return clamp((v - u_range.x) / (abs(span) > 1e-30 ? span : 1e-30), 0.0, 1.0);
}

void main() {
  float v = u_bicubic != 0 ? fieldBicubic(v_uv) : fieldLinear(v_uv);

  // Derivatives first, in uniform control flow (they are undefined inside a branch that differs across a quad).
  // The length of the gradient, not fwidth (= |dx| + |dy|), so a diagonal line is as thin as a horizontal one.
  float pixelsPerUnit = 1.0 / max(length(vec2(dFdx(v), dFdy(v))), 1e-30);

  if (isnan(v)) {
    o_color = u_nanColor;
    return;
  }

  vec3 color = texture(u_colormaps, vec2((0.5 + colormapT(v) * 255.0) / 256.0, u_colormapRow)).rgb;

  // Distance to each level line in pixels, to first order |v - level| / |grad v|; a box-filtered line of width w
  // covers a pixel at distance d by clamp(w/2 + 1/2 - d, 0, 1).
  if (!isnan(pixelsPerUnit) && !isinf(pixelsPerUnit)) {
    for (int k = 0; k < u_levelCount; ++k) {
      float d = abs(v - u_levels[k]) * pixelsPerUnit;
      float coverage = clamp(0.5 * u_lineWidth + 0.5 - d, 0.0, 1.0);
      color = mix(color, u_lineColors[k].rgb, coverage * u_lineColors[k].a);
    }
  }
  o_color = vec4(color, 1.0);
}
