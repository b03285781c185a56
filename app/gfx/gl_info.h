#pragma once
// What GL we run on (for the --bench-frames JSON line and bug reports), and GL error draining for tests and
// debug checks. gfx is the only layer that calls OpenGL (see gfx/gfx.h).

#include <string>

namespace nr::gfx {

struct GlInfo {
  std::string renderer;     ///< GL_RENDERER, e.g. "llvmpipe (LLVM 15.0.6, 256 bits)"
  std::string version;      ///< GL_VERSION, e.g. "4.5 (Core Profile) Mesa 22.3.6"
  std::string vendor;       ///< GL_VENDOR
  std::string glslVersion;  ///< GL_SHADING_LANGUAGE_VERSION
};

/// The strings of the current context (empty strings if there is none).
GlInfo glInfo();

/// Pops every pending glGetError() and returns them as text ("GL_INVALID_ENUM, GL_INVALID_VALUE"), or "" if none.
/// `where` is prefixed when not empty ("upload: GL_INVALID_VALUE").
std::string drainGlErrors(const char* where = "");

}  // namespace nr::gfx
