#include "gfx/texture.h"

#include "gfx/gl.h"

#include <utility>

#include "gfx/frame_ops.h"

namespace nr::gfx {
namespace {

// Sets the unpack state our uploads assume (tightly packed rows) and puts back whatever was there: ImGui's
// backend and other code may leave GL_UNPACK_ROW_LENGTH or alignment set.
class UnpackState {
 public:
  UnpackState() {
    glGetIntegerv(GL_UNPACK_ALIGNMENT, &m_alignment);
    glGetIntegerv(GL_UNPACK_ROW_LENGTH, &m_rowLength);
    glGetIntegerv(GL_UNPACK_SKIP_ROWS, &m_skipRows);
    glGetIntegerv(GL_UNPACK_SKIP_PIXELS, &m_skipPixels);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    glPixelStorei(GL_UNPACK_ROW_LENGTH, 0);
    glPixelStorei(GL_UNPACK_SKIP_ROWS, 0);
    glPixelStorei(GL_UNPACK_SKIP_PIXELS, 0);
  }
  ~UnpackState() {
    glPixelStorei(GL_UNPACK_ALIGNMENT, m_alignment);
    glPixelStorei(GL_UNPACK_ROW_LENGTH, m_rowLength);
    glPixelStorei(GL_UNPACK_SKIP_ROWS, m_skipRows);
    glPixelStorei(GL_UNPACK_SKIP_PIXELS, m_skipPixels);
  }
  UnpackState(const UnpackState&) = delete;
  UnpackState& operator=(const UnpackState&) = delete;

 private:
  GLint m_alignment = 4, m_rowLength = 0, m_skipRows = 0, m_skipPixels = 0;
};

// Binds a texture to GL_TEXTURE_2D of the active unit for the scope, then restores the previous binding.
class ScopedTextureBinding {
 public:
  explicit ScopedTextureBinding(GLuint id) {
    glGetIntegerv(GL_TEXTURE_BINDING_2D, &m_previous);
    glBindTexture(GL_TEXTURE_2D, id);
  }
  ~ScopedTextureBinding() { glBindTexture(GL_TEXTURE_2D, static_cast<GLuint>(m_previous)); }
  ScopedTextureBinding(const ScopedTextureBinding&) = delete;
  ScopedTextureBinding& operator=(const ScopedTextureBinding&) = delete;

 private:
  GLint m_previous = 0;
};

// OpenGL ES 3.0 does not filter 32-bit float textures (sampling one set to linear gives zeros): nearest there,
// and the field shader interpolates by hand.
GLint glFilter(TextureFilter f, TextureFormat format) {
  if (NR_GL_ES && format == TextureFormat::R32F) return GL_NEAREST;
  return f == TextureFilter::Nearest ? GL_NEAREST : GL_LINEAR;
}

}  // namespace

Texture2D::~Texture2D() { reset(); }

Texture2D::Texture2D(Texture2D&& other) noexcept
    : m_id(std::exchange(other.m_id, 0)),
      m_width(std::exchange(other.m_width, 0)),
      m_height(std::exchange(other.m_height, 0)),
      m_format(std::exchange(other.m_format, TextureFormat::None)),
      m_filter(other.m_filter) {}

Texture2D& Texture2D::operator=(Texture2D&& other) noexcept {
  if (this != &other) {
    reset();
    m_id = std::exchange(other.m_id, 0);
    m_width = std::exchange(other.m_width, 0);
    m_height = std::exchange(other.m_height, 0);
    m_format = std::exchange(other.m_format, TextureFormat::None);
    m_filter = other.m_filter;
  }
  return *this;
}

void Texture2D::reset() {
  if (m_id != 0) glDeleteTextures(1, &m_id);
  m_id = 0;
  m_width = m_height = 0;
  m_format = TextureFormat::None;
}

bool Texture2D::uploadRGBA8(int width, int height, const std::uint8_t* rgba) {
  return upload(width, height, TextureFormat::RGBA8, rgba);
}

bool Texture2D::uploadR32F(int width, int height, const float* values) {
  return upload(width, height, TextureFormat::R32F, values);
}

bool Texture2D::upload(int width, int height, TextureFormat format, const void* data) {
  bumpContentGeneration();  // a picture showing this texture must be redrawn
  GLint maxSize = 0;
  glGetIntegerv(GL_MAX_TEXTURE_SIZE, &maxSize);
  if (width <= 0 || height <= 0 || width > maxSize || height > maxSize) return false;

  const GLenum internalFormat = format == TextureFormat::RGBA8 ? GL_RGBA8 : GL_R32F;
  const GLenum pixelFormat = format == TextureFormat::RGBA8 ? GL_RGBA : GL_RED;
  const GLenum pixelType = format == TextureFormat::RGBA8 ? GL_UNSIGNED_BYTE : GL_FLOAT;

  const bool created = m_id == 0;
  if (created) glGenTextures(1, &m_id);
  ScopedTextureBinding binding(m_id);
  UnpackState unpack;
  if (created || format != m_format) {
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, glFilter(m_filter, format));
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, glFilter(m_filter, format));
    // Clamp: a field or image has no meaning past its edge, and repeat would bleed the opposite edge in.
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    // No mipmaps are ever made: tell GL so the texture is complete with level 0 alone.
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAX_LEVEL, 0);
  }
  if (!created && width == m_width && height == m_height && format == m_format) {
    if (data) glTexSubImage2D(GL_TEXTURE_2D, 0, 0, 0, width, height, pixelFormat, pixelType, data);
  } else {
    glTexImage2D(GL_TEXTURE_2D, 0, static_cast<GLint>(internalFormat), width, height, 0, pixelFormat, pixelType, data);
  }
  m_width = width;
  m_height = height;
  m_format = format;
  return true;
}

void Texture2D::setFilter(TextureFilter filter) {
  m_filter = filter;
  if (m_id == 0) return;
  ScopedTextureBinding binding(m_id);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, glFilter(filter, m_format));
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, glFilter(filter, m_format));
  bumpContentGeneration();  // the same texels, sampled differently
}

void Texture2D::bind(int unit) const {
  glActiveTexture(static_cast<GLenum>(GL_TEXTURE0 + unit));
  glBindTexture(GL_TEXTURE_2D, m_id);
}

}  // namespace nr::gfx
