#include "gfx/framebuffer.h"

#include "gfx/gl.h"

#include <algorithm>
#include <utility>

#include "gfx/frame_ops.h"

namespace nr::gfx {
namespace {

// glReadPixels with tight packing, restoring the caller's pack state.
void readRGBA(int width, int height, std::vector<std::uint8_t>& rgba) {
  GLint alignment = 4, rowLength = 0, skipRows = 0, skipPixels = 0, packBuffer = 0;
  glGetIntegerv(GL_PACK_ALIGNMENT, &alignment);
  glGetIntegerv(GL_PACK_ROW_LENGTH, &rowLength);
  glGetIntegerv(GL_PACK_SKIP_ROWS, &skipRows);
  glGetIntegerv(GL_PACK_SKIP_PIXELS, &skipPixels);
  glGetIntegerv(GL_PIXEL_PACK_BUFFER_BINDING, &packBuffer);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glPixelStorei(GL_PACK_ROW_LENGTH, 0);
  glPixelStorei(GL_PACK_SKIP_ROWS, 0);
  glPixelStorei(GL_PACK_SKIP_PIXELS, 0);
  glBindBuffer(GL_PIXEL_PACK_BUFFER, 0);  // a bound pack buffer would turn the pointer into an offset
  rgba.resize(static_cast<std::size_t>(width) * static_cast<std::size_t>(height) * 4);
  glReadPixels(0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE, rgba.data());
  glBindBuffer(GL_PIXEL_PACK_BUFFER, static_cast<GLuint>(packBuffer));
  glPixelStorei(GL_PACK_ALIGNMENT, alignment);
  glPixelStorei(GL_PACK_ROW_LENGTH, rowLength);
  glPixelStorei(GL_PACK_SKIP_ROWS, skipRows);
  glPixelStorei(GL_PACK_SKIP_PIXELS, skipPixels);
}

const char* statusText(GLenum status) {
  switch (status) {
    case GL_FRAMEBUFFER_INCOMPLETE_ATTACHMENT:
      return "incomplete attachment";
    case GL_FRAMEBUFFER_INCOMPLETE_MISSING_ATTACHMENT:
      return "missing attachment";
    case GL_FRAMEBUFFER_UNSUPPORTED:
      return "unsupported format combination";
    case GL_FRAMEBUFFER_INCOMPLETE_MULTISAMPLE:
      return "incomplete multisample";
    default:
      return "incomplete";
  }
}

}  // namespace

void flipRowsInPlace(std::vector<std::uint8_t>& pixels, int rowBytes, int rows) {
  const auto stride = static_cast<std::size_t>(rowBytes);
  for (int top = 0, bottom = rows - 1; top < bottom; ++top, --bottom) {
    std::swap_ranges(pixels.begin() + static_cast<std::ptrdiff_t>(top * stride),
                     pixels.begin() + static_cast<std::ptrdiff_t>((top + 1) * stride),
                     pixels.begin() + static_cast<std::ptrdiff_t>(bottom * stride));
  }
}

Framebuffer::~Framebuffer() { reset(); }

Framebuffer::Framebuffer(Framebuffer&& other) noexcept
    : m_fbo(std::exchange(other.m_fbo, 0)),
      m_depth(std::exchange(other.m_depth, 0)),
      m_color(std::move(other.m_color)),
      m_width(std::exchange(other.m_width, 0)),
      m_height(std::exchange(other.m_height, 0)),
      m_withDepth(other.m_withDepth),
      m_error(std::move(other.m_error)),
      m_shownAsTexture(other.m_shownAsTexture) {}

Framebuffer& Framebuffer::operator=(Framebuffer&& other) noexcept {
  if (this != &other) {
    reset();
    m_fbo = std::exchange(other.m_fbo, 0);
    m_depth = std::exchange(other.m_depth, 0);
    m_color = std::move(other.m_color);
    m_width = std::exchange(other.m_width, 0);
    m_height = std::exchange(other.m_height, 0);
    m_withDepth = other.m_withDepth;
    m_error = std::move(other.m_error);
    m_shownAsTexture = other.m_shownAsTexture;
  }
  return *this;
}

void Framebuffer::reset() {
  if (m_fbo != 0) glDeleteFramebuffers(1, &m_fbo);
  if (m_depth != 0) glDeleteRenderbuffers(1, &m_depth);
  m_fbo = m_depth = 0;
  m_color.reset();
  m_width = m_height = 0;
}

bool Framebuffer::create(int width, int height, bool withDepth) {
  m_error.clear();
  GLint maxSize = 0;
  glGetIntegerv(GL_MAX_RENDERBUFFER_SIZE, &maxSize);
  if (width <= 0 || height <= 0 || width > maxSize || height > maxSize) {
    m_error = "framebuffer size " + std::to_string(width) + "x" + std::to_string(height) +
              " is not supported; use 1.." + std::to_string(maxSize) + " in each direction";
    return false;
  }
  if (m_fbo == 0) glGenFramebuffers(1, &m_fbo);
  if (!m_color.uploadRGBA8(width, height, nullptr)) {
    m_error = "could not allocate the colour texture";
    return false;
  }
  m_withDepth = withDepth;
  if (withDepth && m_depth == 0) glGenRenderbuffers(1, &m_depth);
  if (!withDepth && m_depth != 0) {
    glDeleteRenderbuffers(1, &m_depth);
    m_depth = 0;
  }

  GLint previousFbo = 0, previousRbo = 0;
  glGetIntegerv(GL_FRAMEBUFFER_BINDING, &previousFbo);
  glGetIntegerv(GL_RENDERBUFFER_BINDING, &previousRbo);
  glBindFramebuffer(GL_FRAMEBUFFER, m_fbo);
  glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, m_color.id(), 0);
  if (m_depth != 0) {
    glBindRenderbuffer(GL_RENDERBUFFER, m_depth);
    glRenderbufferStorage(GL_RENDERBUFFER, GL_DEPTH24_STENCIL8, width, height);
    glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_DEPTH_STENCIL_ATTACHMENT, GL_RENDERBUFFER, m_depth);
  } else {
    glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_DEPTH_STENCIL_ATTACHMENT, GL_RENDERBUFFER, 0);
  }
  const GLenum status = glCheckFramebufferStatus(GL_FRAMEBUFFER);
  glBindRenderbuffer(GL_RENDERBUFFER, static_cast<GLuint>(previousRbo));
  glBindFramebuffer(GL_FRAMEBUFFER, static_cast<GLuint>(previousFbo));
  if (status != GL_FRAMEBUFFER_COMPLETE) {
    m_error = std::string("framebuffer is ") + statusText(status);
    reset();
    return false;
  }
  m_width = width;
  m_height = height;
  return true;
}

bool Framebuffer::resize(int width, int height) {
  if (valid() && width == m_width && height == m_height) return true;
  return create(width, height, m_withDepth);
}

void Framebuffer::bind() {
  if (m_fbo == 0) return;
  if (m_shownAsTexture) bumpContentGeneration();  // bound to be drawn into: its texture's pixels may change
  glGetIntegerv(GL_DRAW_FRAMEBUFFER_BINDING, &m_savedDraw);
  glGetIntegerv(GL_READ_FRAMEBUFFER_BINDING, &m_savedRead);
  glGetIntegerv(GL_VIEWPORT, m_savedViewport);
  glBindFramebuffer(GL_FRAMEBUFFER, m_fbo);
  glViewport(0, 0, m_width, m_height);
  m_bound = true;
}

void Framebuffer::unbind() {
  if (!m_bound) return;
  glBindFramebuffer(GL_DRAW_FRAMEBUFFER, static_cast<GLuint>(m_savedDraw));
  glBindFramebuffer(GL_READ_FRAMEBUFFER, static_cast<GLuint>(m_savedRead));
  glViewport(m_savedViewport[0], m_savedViewport[1], m_savedViewport[2], m_savedViewport[3]);
  m_bound = false;
}

bool Framebuffer::readPixels(std::vector<std::uint8_t>& rgba, bool flipRows) const {
  if (m_fbo == 0) return false;
  GLint previousRead = 0;
  glGetIntegerv(GL_READ_FRAMEBUFFER_BINDING, &previousRead);
  glBindFramebuffer(GL_READ_FRAMEBUFFER, m_fbo);
  glReadBuffer(GL_COLOR_ATTACHMENT0);
  readRGBA(m_width, m_height, rgba);
  glBindFramebuffer(GL_READ_FRAMEBUFFER, static_cast<GLuint>(previousRead));
  if (flipRows) flipRowsInPlace(rgba, m_width * 4, m_height);
  return true;
}

bool readBackBuffer(int width, int height, std::vector<std::uint8_t>& rgba, bool flipRows) {
  if (width <= 0 || height <= 0) return false;
  for (int i = 0; i < 32 && glGetError() != GL_NO_ERROR; ++i) {
  }  // clear stale errors (bounded: see drainGlErrors), so only our own are reported
  GLint previousRead = 0, previousReadBuffer = GL_BACK;
  glGetIntegerv(GL_READ_FRAMEBUFFER_BINDING, &previousRead);
  glBindFramebuffer(GL_READ_FRAMEBUFFER, 0);
  glGetIntegerv(GL_READ_BUFFER, &previousReadBuffer);
  glReadBuffer(GL_BACK);
  readRGBA(width, height, rgba);
  glReadBuffer(static_cast<GLenum>(previousReadBuffer));
  glBindFramebuffer(GL_READ_FRAMEBUFFER, static_cast<GLuint>(previousRead));
  if (glGetError() != GL_NO_ERROR) return false;
  if (flipRows) flipRowsInPlace(rgba, width * 4, height);
  return true;
}

}  // namespace nr::gfx
