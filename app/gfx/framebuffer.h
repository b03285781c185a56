#pragma once
// Framebuffer: an off-screen render target with an RGBA8 colour texture and an optional depth(+stencil)
// renderbuffer, move-only RAII; and readBackBuffer(), the screenshot path. gfx is the only layer that calls
// OpenGL (see gfx/gfx.h).
//
// Orientation, once and for all: GL puts row 0 at the *bottom*. So
//   - to show the colour texture with ImGui::Image, flip v:
//       ImGui::Image(fb.imTextureId(), size, ImVec2(0, 1), ImVec2(1, 0));
//     (uv0 = (0,1) is the texture's top-left, uv1 = (1,0) its bottom-right);
//   - readPixels(rgba, /*flipRows=*/true) gives rows top first, as PNG writers (stbi_write_png) expect;
//     flipRows = false gives GL's order, bottom row first.

#include <cstdint>
#include <string>
#include <vector>

#include "gfx/texture.h"

namespace nr::gfx {

class Framebuffer {
 public:
  Framebuffer() = default;
  ~Framebuffer();
  Framebuffer(const Framebuffer&) = delete;
  Framebuffer& operator=(const Framebuffer&) = delete;
  Framebuffer(Framebuffer&& other) noexcept;
  Framebuffer& operator=(Framebuffer&& other) noexcept;

  /// Creates (or re-creates) the target at width×height. Returns false, with error() saying why, if the size is
  /// not positive, exceeds GL_MAX_RENDERBUFFER_SIZE, or the driver reports the FBO incomplete.
  bool create(int width, int height, bool withDepth = false);

  /// Changes the size (contents become undefined); does nothing if the size is unchanged. Keeps the GL names.
  bool resize(int width, int height);

  /// Renders into this target: remembers the current draw/read framebuffers and viewport, binds this FBO and sets
  /// the viewport to the whole target. Pair with unbind(), which restores exactly what was there (so binding
  /// inside another target, or inside ImGui's frame, is safe). Do not bind the same object twice without unbind.
  /// bind() also moves gfx::contentGeneration() (pictures showing this texture must be redrawn), unless this
  /// target is never shown as a texture (setShownAsTexture(false): a check's scratch copy of the window).
  void bind();
  void unbind();
  void setShownAsTexture(bool shown) { m_shownAsTexture = shown; }

  /// Copies the colour attachment into `rgba` (resized to width*height*4; GL_PACK_ALIGNMENT 1).
  /// flipRows = true: top row first (for PNG). Returns false if the target is not valid.
  bool readPixels(std::vector<std::uint8_t>& rgba, bool flipRows) const;

  bool valid() const { return m_fbo != 0; }
  int width() const { return m_width; }
  int height() const { return m_height; }
  bool hasDepth() const { return m_depth != 0; }
  const std::string& error() const { return m_error; }

  const Texture2D& colorTexture() const { return m_color; }
  unsigned int colorTextureId() const { return m_color.id(); }
  /// For ImGui::Image — remember uv0 = (0,1), uv1 = (1,0) (see the top of this file).
  void* imTextureId() const { return m_color.imTextureId(); }
  unsigned int id() const { return m_fbo; }

  void reset();

 private:
  unsigned int m_fbo = 0;
  unsigned int m_depth = 0;
  Texture2D m_color;
  int m_width = 0, m_height = 0;
  bool m_withDepth = false;
  std::string m_error;
  // Saved by bind(), restored by unbind().
  int m_savedDraw = 0, m_savedRead = 0;
  int m_savedViewport[4] = {0, 0, 0, 0};
  bool m_bound = false;
  bool m_shownAsTexture = true;
};

/// Binds a Framebuffer for the lifetime of the guard: { ScopedFramebuffer on(fb); draw(); }.
class ScopedFramebuffer {
 public:
  explicit ScopedFramebuffer(Framebuffer& fb) : m_fb(fb) { m_fb.bind(); }
  ~ScopedFramebuffer() { m_fb.unbind(); }
  ScopedFramebuffer(const ScopedFramebuffer&) = delete;
  ScopedFramebuffer& operator=(const ScopedFramebuffer&) = delete;

 private:
  Framebuffer& m_fb;
};

/// Reads the default framebuffer's back buffer (call after rendering, before the swap) into `rgba`,
/// width*height*4 bytes with GL_PACK_ALIGNMENT 1; flipRows = true gives top row first for a PNG. width and height
/// are the framebuffer size in pixels (glfwGetFramebufferSize, not the window size on HiDPI). Restores the read
/// binding. Returns false on a non-positive size or a GL error.
bool readBackBuffer(int width, int height, std::vector<std::uint8_t>& rgba, bool flipRows);

/// Reverses the row order of a tightly packed image in place (rows of `rowBytes` bytes).
void flipRowsInPlace(std::vector<std::uint8_t>& pixels, int rowBytes, int rows);

}  // namespace nr::gfx
