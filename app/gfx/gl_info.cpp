#include "gfx/gl_info.h"

#include "gfx/gl.h"

namespace nr::gfx {
namespace {

std::string glString(GLenum name) {
  const GLubyte* s = glGetString(name);
  return s ? std::string(reinterpret_cast<const char*>(s)) : std::string();
}

const char* errorName(GLenum e) {
  switch (e) {
    case GL_INVALID_ENUM:
      return "GL_INVALID_ENUM";
    case GL_INVALID_VALUE:
      return "GL_INVALID_VALUE";
    case GL_INVALID_OPERATION:
      return "GL_INVALID_OPERATION";
    case GL_INVALID_FRAMEBUFFER_OPERATION:
      return "GL_INVALID_FRAMEBUFFER_OPERATION";
    case GL_OUT_OF_MEMORY:
      return "GL_OUT_OF_MEMORY";
    default:
      return "GL error";
  }
}

}  // namespace

GlInfo glInfo() {
  GlInfo info;
  info.renderer = glString(GL_RENDERER);
  info.version = glString(GL_VERSION);
  info.vendor = glString(GL_VENDOR);
  info.glslVersion = glString(GL_SHADING_LANGUAGE_VERSION);
  return info;
}

std::string drainGlErrors(const char* where) {
  std::string out;
  // Bounded: without a context glGetError can keep returning an error forever on some drivers.
  for (int i = 0; i < 32; ++i) {
    GLenum e = glGetError();
    if (e == GL_NO_ERROR) break;
    if (!out.empty()) out += ", ";
    out += errorName(e);
  }
  if (!out.empty() && where && *where) out = std::string(where) + ": " + out;
  return out;
}

}  // namespace nr::gfx
