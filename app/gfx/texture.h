#pragma once
// Texture2D: a GL 2-D texture, move-only RAII. gfx is the only layer that calls OpenGL (see gfx/gfx.h).
//
// Two formats: RGBA8 for images (shown with ImGui::Image) and R32F for scalar fields (a loss surface, decision
// logits on a grid) that a shader colours, see field_renderer.h. Uploading again with the same size and format
// updates the texture in place (glTexSubImage2D; same GL name, no reallocation), which is what per-change
// updates of a field want.
//
// Rows: row 0 of the data is the texture's t = 0 row, which GL treats as the *bottom*. For fields that is the
// natural "y grows upward" order (row j holds y_j). An RGBA image stored top row first shows upside down unless
// drawn with ImGui::Image(id, size, ImVec2(0, 1), ImVec2(1, 0)) — the same flip as for framebuffer textures.

#include <cstdint>

namespace nr::gfx {

enum class TextureFormat { None, RGBA8, R32F };
enum class TextureFilter { Linear, Nearest };

class Texture2D {
 public:
  Texture2D() = default;
  ~Texture2D();
  Texture2D(const Texture2D&) = delete;
  Texture2D& operator=(const Texture2D&) = delete;
  Texture2D(Texture2D&& other) noexcept;
  Texture2D& operator=(Texture2D&& other) noexcept;

  /// Uploads width×height RGBA8 pixels (4 bytes each, rows packed, row 0 = bottom), or only allocates if `rgba`
  /// is null. Creates the texture on first use. Returns false (and leaves the texture as it was) on a bad size.
  bool uploadRGBA8(int width, int height, const std::uint8_t* rgba);

  /// Uploads width×height floats as R32F (row 0 = bottom), or only allocates if `values` is null.
  /// NaN is stored as is (FieldRenderer draws it as its `nanColor`).
  bool uploadR32F(int width, int height, const float* values);

  /// Magnification/minification filter; Linear by default. Linear interpolates a field between samples, which
  /// is what keeps contours straight; Nearest shows the grid cells (a pixelated look for small images).
  void setFilter(TextureFilter filter);
  TextureFilter filter() const { return m_filter; }

  /// Binds to texture unit `unit` (glActiveTexture(GL_TEXTURE0 + unit)). Leaves that unit active.
  void bind(int unit) const;

  bool valid() const { return m_id != 0; }
  unsigned int id() const { return m_id; }
  int width() const { return m_width; }
  int height() const { return m_height; }
  TextureFormat format() const { return m_format; }

  /// The GL name as an ImTextureID (ImGui 1.86 uses void*): pass straight to ImGui::Image.
  void* imTextureId() const { return reinterpret_cast<void*>(static_cast<std::intptr_t>(m_id)); }

  /// Deletes the GL texture (also done by the destructor; needs the context to be current).
  void reset();

 private:
  bool upload(int width, int height, TextureFormat format, const void* data);

  unsigned int m_id = 0;
  int m_width = 0, m_height = 0;
  TextureFormat m_format = TextureFormat::None;
  TextureFilter m_filter = TextureFilter::Linear;
};

}  // namespace nr::gfx
