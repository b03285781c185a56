#version 330 core
// One triangle that covers the whole viewport, made from gl_VertexID alone: draw 3 vertices with an empty VAO
// bound and no vertex buffer. v_uv runs from (0,0) at the bottom-left to (1,1) at the top-right of the viewport.
// (A single triangle instead of two: no diagonal seam where the two halves' 2x2 pixel quads meet, which matters
// for the derivatives scalar_field.frag takes.)

out vec2 v_uv;

void main() {
  vec2 p = vec2(float((gl_VertexID << 1) & 2), float(gl_VertexID & 2));  // (0,0), (2,0), (0,2)
  v_uv = p;
  gl_Position = vec4(p * 2.0 - 1.0, 0.0, 1.0);
}
