#pragma once
// FieldRenderer: turns a scalar field (an R32F Texture2D — a loss surface, decision-boundary logits, a density,
// sampled on a grid) into a coloured RGBA texture with iso-contour lines, by drawing shaders/scalar_field.frag
// into a Framebuffer. CachedField wraps the rule that makes this affordable: render only when the data, the
// style or the size changed, and show the same texture every other frame. (On llvmpipe a full-window shader
// costs about 25 ms a frame; drawing a cached texture costs nothing.)
// gfx is the only layer that calls OpenGL (see gfx/gfx.h).
//
// Geometry: the field's W×H samples sit at grid points that span the output edge to edge (numpy.linspace
// style): sample (0,0) at the bottom-left corner, sample (W-1,H-1) at the top-right. Row j of the data is y_j,
// growing upward. So for a plot of [x0,x1]×[y0,y1], sample f(x0 + i·(x1−x0)/(W−1), y0 + j·(y1−y0)/(H−1)) into
// values[j*W + i], and show the result with ImGui::Image(id, size, ImVec2(0,1), ImVec2(1,0)).
//
//   CachedField m_loss;                                   // a member of the lesson or widget
//   ...
//   if (paramsChanged) m_loss.setField(W, H, values.data());
//   m_loss.setStyle(style);                               // cheap; marks dirty only if different
//   m_loss.update(renderer, int(size.x), int(size.y));    // renders only if something changed
//   ImGui::Image(m_loss.imTextureId(), size, ImVec2(0, 1), ImVec2(1, 0));

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "gfx/colormap.h"
#include "gfx/framebuffer.h"
#include "gfx/math_types.h"
#include "gfx/shader_program.h"
#include "gfx/texture.h"

namespace nr::gfx {

enum class FieldInterpolation {
  Bicubic,  ///< Catmull-Rom between samples: smooth contours even from a coarse grid (default)
  Linear,   ///< the field texture's own filter (bilinear, or the cells if the texture is set to Nearest)
};

struct FieldStyle {
  static constexpr int kMaxContourLevels = 16;

  Colormap colormap = Colormap::Viridis;
  float rangeMin = 0.0f;             ///< field value drawn with the colormap's first colour (values below clamp)
  float rangeMax = 1.0f;             ///< field value drawn with the colormap's last colour (values above clamp)
  float center = 0.0f;               ///< Diverging only: the value drawn in the middle (white) colour, e.g. logit 0
  std::vector<float> contourLevels;  ///< iso-lines, in field units; at most kMaxContourLevels (extra are ignored)
  float contourWidth = 1.25f;        ///< line width in output pixels
  /// Line colour, RGB in 0..1; alpha = how strongly it covers the field's colour. With contourAutoContrast, this is
  /// used only for lines over light colours, and contourColorOnDark for lines over dark ones.
  Vec4 contourColor{0.08f, 0.08f, 0.08f, 0.85f};
  Vec4 contourColorOnDark{0.96f, 0.96f, 0.96f, 0.85f};
  /// Teaching choice: a black line on viridis' dark purple all but vanishes on a projector. A contour has one
  /// value, hence one background colour along its whole length, so each line gets one colour (dark on light,
  /// light on dark) and never changes colour along the way.
  bool contourAutoContrast = true;
  Vec4 nanColor{0.0f, 0.0f, 0.0f, 0.0f};  ///< where the field is NaN (transparent by default)
  FieldInterpolation interpolation = FieldInterpolation::Bicubic;

  /// The colour the renderer gives a field value (before contour lines): for legends and colour bars.
  std::array<std::uint8_t, 4> colorOf(float value) const;
  /// Where a value falls on the colormap, 0..1 (clamped); the same mapping as the shader, including the
  /// piecewise centre of the diverging map.
  float colormapPosition(float value) const;
  /// The colour the line at `level` is drawn in (contourColor or contourColorOnDark, see contourAutoContrast).
  Vec4 contourColorFor(float level) const;

  bool operator==(const FieldStyle& o) const;
  bool operator!=(const FieldStyle& o) const { return !(*this == o); }
};

/// `count` levels evenly spaced strictly inside (lo, hi): lo + k·(hi−lo)/(count+1), k = 1..count.
std::vector<float> evenLevels(float lo, float hi, int count);
/// `count` levels spaced evenly in log between lo and hi inclusive (lo, hi > 0): for losses spanning decades.
std::vector<float> geometricLevels(float lo, float hi, int count);

class FieldRenderer {
 public:
  FieldRenderer() = default;
  ~FieldRenderer();
  FieldRenderer(const FieldRenderer&) = delete;
  FieldRenderer& operator=(const FieldRenderer&) = delete;
  FieldRenderer(FieldRenderer&& other) noexcept;
  FieldRenderer& operator=(FieldRenderer&& other) noexcept;

  /// Compiles the program and uploads the colormap table. Called by render() on first use; call it early to
  /// surface a shader error at start-up. Returns false with error() set on failure.
  bool init();

  /// Renders `field` (R32F) into `target`, (re)sizing the target to width×height first. Restores every GL state
  /// it touches. Returns false with error() set if the program failed, the field is not an R32F texture, or the
  /// size is invalid.
  bool render(const Texture2D& field, const FieldStyle& style, Framebuffer& target, int width, int height);

  const std::string& error() const { return m_error; }
  /// The program, e.g. to reload() it after editing scalar_field.frag on disk.
  ShaderProgram& program() { return m_program; }

 private:
  void destroy();

  ShaderProgram m_program;
  Texture2D m_colormaps;  // 256 × kColormapCount RGBA8, one map per row
  unsigned int m_vao = 0;
  std::string m_error;
};

/// One field shown every frame but re-rendered only when its data, style or size changes. Move-only.
class CachedField {
 public:
  /// Replaces the data: width×height floats, row 0 = bottom (see the top of this file). Marks dirty.
  bool setField(int width, int height, const float* values);
  /// Marks dirty only if the style differs from the last one set.
  void setStyle(const FieldStyle& style);
  /// Forces the next update() to render (e.g. after FieldRenderer::program().reload()).
  void markDirty() { m_dirty = true; }

  /// Renders if dirty or if the size changed; returns true if it rendered this call. False with nothing drawn if
  /// there is no field yet or the renderer failed (see renderer.error()).
  bool update(FieldRenderer& renderer, int width, int height);

  bool ready() const { return m_output.valid() && !m_dirty; }
  void* imTextureId() const { return m_output.imTextureId(); }  ///< uv0 = (0,1), uv1 = (1,0) with ImGui::Image
  const Framebuffer& output() const { return m_output; }
  Framebuffer& output() { return m_output; }
  const Texture2D& field() const { return m_field; }
  const FieldStyle& style() const { return m_style; }
  int renderCount() const { return m_renderCount; }  ///< how many times it has rendered (for tests and stats)

 private:
  Texture2D m_field;
  Framebuffer m_output;
  FieldStyle m_style;
  bool m_dirty = true;
  int m_renderCount = 0;
};

}  // namespace nr::gfx
