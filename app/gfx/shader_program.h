#pragma once
// ShaderProgram: one linked vertex + fragment program, move-only RAII. gfx is the only layer that calls OpenGL
// (see gfx/gfx.h).
//
// Failure is a value, not an exception: a program that did not compile or link has ok() == false and log() holds
// the driver's full info log, prefixed with the shader's name and origin and followed by the offending source
// lines, so nothing throws inside a frame loop. A failed program is inert: use() and set() do nothing.
//
//   auto prog = ShaderProgram::fromEmbedded("fullscreen.vert", "scalar_field.frag");
//   if (!prog.ok()) { report(prog.log()); return; }
//   prog.use();
//   prog.set("u_range", Vec2{lo, hi});

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "gfx/math_types.h"

namespace nr::gfx {

class ShaderProgram {
 public:
  ShaderProgram() = default;  ///< empty: ok() == false, log() == "", id() == 0
  ~ShaderProgram();
  ShaderProgram(const ShaderProgram&) = delete;
  ShaderProgram& operator=(const ShaderProgram&) = delete;
  ShaderProgram(ShaderProgram&& other) noexcept;
  ShaderProgram& operator=(ShaderProgram&& other) noexcept;

  /// Builds from two shader names (see embedded_shaders.h: disk override first, then the embedded copy).
  /// An unknown name is a failure with a log that lists the known names.
  static ShaderProgram fromEmbedded(std::string_view vertName, std::string_view fragName);

  /// Builds from source text. The names only label the log ("broken.frag: 0:4(3): error: ...").
  static ShaderProgram fromSource(std::string_view vertSource, std::string_view fragSource,
                                  std::string_view vertName = "inline.vert", std::string_view fragName = "inline.frag");

  /// Rebuilds from the same names (picks up edits on disk, see embedded_shaders.h). On success the new program
  /// replaces the old one; on failure the old program stays in use and log() holds the new error. Returns
  /// whether the rebuild succeeded. A program made by fromSource() cannot reload (returns false).
  bool reload();

  bool ok() const { return m_id != 0; }
  const std::string& log() const { return m_log; }  ///< the error log; warnings of a successful build too
  unsigned int id() const { return m_id; }
  const std::string& vertName() const { return m_vertName; }
  const std::string& fragName() const { return m_fragName; }

  /// glUseProgram(id). The setters below act on the program in use, so call use() first (checked in Debug).
  void use() const;

  /// Uniform setters. Locations are looked up once and cached. A name the driver does not know (misspelt, or
  /// optimized away because unused) is silently ignored, as GL does with location -1.
  void set(const char* uniform, float v) const;
  void set(const char* uniform, int v) const;
  void set(const char* uniform, bool v) const { set(uniform, v ? 1 : 0); }
  void set(const char* uniform, const Vec2& v) const;
  void set(const char* uniform, const Vec3& v) const;
  void set(const char* uniform, const Vec4& v) const;
  void set(const char* uniform, const Mat4& m) const;
  /// A float array uniform (`uniform float u_levels[16];`): sets elements 0..count-1.
  void setArray(const char* uniform, const float* values, int count) const;
  /// A vec4 array uniform (`uniform vec4 u_colors[16];`): `xyzw` holds 4*count floats.
  void setVec4Array(const char* uniform, const float* xyzw, int count) const;

  /// The cached location of a uniform (-1 if unknown). Exposed for tests and rare direct use.
  int uniformLocation(const char* uniform) const;

 private:
  void destroy();
  static ShaderProgram build(std::string_view vertSource, std::string_view vertOrigin, std::string_view fragSource,
                             std::string_view fragOrigin);

  unsigned int m_id = 0;
  std::string m_log;
  std::string m_vertName, m_fragName;  // set by fromEmbedded, for reload()
  // A handful of uniforms per program: a flat vector beats a hash map and keeps the strings together.
  mutable std::vector<std::pair<std::string, int>> m_locations;
};

}  // namespace nr::gfx
