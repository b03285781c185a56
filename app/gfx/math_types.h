#pragma once
// Small value types for shader uniforms. gfx is the only layer that calls OpenGL (see gfx/gfx.h); these types
// carry no GL and no Eigen, so any layer can fill them.

namespace nr::gfx {

struct Vec2 {
  float x = 0.0f, y = 0.0f;
};
struct Vec3 {
  float x = 0.0f, y = 0.0f, z = 0.0f;
};
struct Vec4 {
  float x = 0.0f, y = 0.0f, z = 0.0f, w = 0.0f;
};

/// A 4×4 matrix stored column-major (m[col * 4 + row]), the layout glUniformMatrix4fv expects untransposed.
/// An Eigen::Matrix4f (column-major by default) can be copied in with std::copy_n(mat.data(), 16, m.m).
struct Mat4 {
  float m[16] = {1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1};  // identity

  static Mat4 identity() { return Mat4{}; }
  float& at(int row, int col) { return m[col * 4 + row]; }
  float at(int row, int col) const { return m[col * 4 + row]; }
};

}  // namespace nr::gfx
