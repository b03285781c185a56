#include "gfx/field_renderer.h"

#include "gfx/gl.h"

#include <algorithm>
#include <cmath>
#include <utility>

namespace nr::gfx {
namespace {

constexpr int kFieldUnit = 0;
constexpr int kColormapUnit = 1;

// The GL state render() changes, saved on entry and put back on exit, so a lesson may render a field in the
// middle of building its ImGui frame (or inside another framebuffer) without disturbing anything.
class SavedState {
 public:
  SavedState() {
    glGetIntegerv(GL_CURRENT_PROGRAM, &m_program);
    glGetIntegerv(GL_VERTEX_ARRAY_BINDING, &m_vao);
    glGetIntegerv(GL_ACTIVE_TEXTURE, &m_activeTexture);
    for (int unit = 0; unit < 2; ++unit) {
      glActiveTexture(static_cast<GLenum>(GL_TEXTURE0 + unit));
      glGetIntegerv(GL_TEXTURE_BINDING_2D, &m_textures[unit]);
      glGetIntegerv(GL_SAMPLER_BINDING, &m_samplers[unit]);
    }
    m_blend = glIsEnabled(GL_BLEND);
    m_depth = glIsEnabled(GL_DEPTH_TEST);
    m_scissor = glIsEnabled(GL_SCISSOR_TEST);
    m_cull = glIsEnabled(GL_CULL_FACE);
    m_stencil = glIsEnabled(GL_STENCIL_TEST);
    glGetBooleanv(GL_COLOR_WRITEMASK, m_colorMask);
#if !NR_GL_ES
    m_srgb = glIsEnabled(GL_FRAMEBUFFER_SRGB);
    glGetIntegerv(GL_POLYGON_MODE, m_polygonMode);
#endif
  }
  ~SavedState() {
    glUseProgram(static_cast<GLuint>(m_program));
    glBindVertexArray(static_cast<GLuint>(m_vao));
    for (int unit = 0; unit < 2; ++unit) {
      glActiveTexture(static_cast<GLenum>(GL_TEXTURE0 + unit));
      glBindTexture(GL_TEXTURE_2D, static_cast<GLuint>(m_textures[unit]));
      glBindSampler(static_cast<GLuint>(unit), static_cast<GLuint>(m_samplers[unit]));
    }
    glActiveTexture(static_cast<GLenum>(m_activeTexture));
    enable(GL_BLEND, m_blend);
    enable(GL_DEPTH_TEST, m_depth);
    enable(GL_SCISSOR_TEST, m_scissor);
    enable(GL_CULL_FACE, m_cull);
    enable(GL_STENCIL_TEST, m_stencil);
    glColorMask(m_colorMask[0], m_colorMask[1], m_colorMask[2], m_colorMask[3]);
#if !NR_GL_ES
    enable(GL_FRAMEBUFFER_SRGB, m_srgb);
    glPolygonMode(GL_FRONT_AND_BACK, static_cast<GLenum>(m_polygonMode[0]));
#endif
  }
  SavedState(const SavedState&) = delete;
  SavedState& operator=(const SavedState&) = delete;

 private:
  static void enable(GLenum cap, GLboolean on) { on ? glEnable(cap) : glDisable(cap); }

  GLint m_program = 0, m_vao = 0, m_activeTexture = GL_TEXTURE0;
  GLint m_textures[2] = {0, 0}, m_samplers[2] = {0, 0};
  GLboolean m_blend = GL_FALSE, m_depth = GL_FALSE, m_scissor = GL_FALSE, m_cull = GL_FALSE;
  GLboolean m_stencil = GL_FALSE, m_srgb = GL_FALSE;
  GLboolean m_colorMask[4] = {GL_TRUE, GL_TRUE, GL_TRUE, GL_TRUE};
#if !NR_GL_ES
  GLint m_polygonMode[2] = {GL_FILL, GL_FILL};
#endif
};

}  // namespace

float FieldStyle::colormapPosition(float v) const {
  // Mirrors colormapT() in shaders/scalar_field.frag.
  float t = 0.0f;
  if (colormap == Colormap::Diverging) {
    t = v < center ? 0.5f * (v - rangeMin) / std::max(center - rangeMin, 1e-30f)
                   : 0.5f + 0.5f * (v - center) / std::max(rangeMax - center, 1e-30f);
  } else {
    const float span = rangeMax - rangeMin;
    t = (v - rangeMin) / (std::abs(span) > 1e-30f ? span : 1e-30f);
  }
  return std::isnan(t) ? 0.0f : std::clamp(t, 0.0f, 1.0f);
}

std::array<std::uint8_t, 4> FieldStyle::colorOf(float value) const {
  return colormapColor(colormap, colormapPosition(value));
}

Vec4 FieldStyle::contourColorFor(float level) const {
  if (!contourAutoContrast) return contourColor;
  // Relative luminance of the colour under the line (sRGB decoded to linear). 0.18 is mid-grey (L* about 50):
  // above it a dark line contrasts more, below it a light one does.
  const auto c = colorOf(level);
  auto linear = [](std::uint8_t u) {
    const double s = u / 255.0;
    return s <= 0.04045 ? s / 12.92 : std::pow((s + 0.055) / 1.055, 2.4);
  };
  const double luminance = 0.2126 * linear(c[0]) + 0.7152 * linear(c[1]) + 0.0722 * linear(c[2]);
  return luminance > 0.18 ? contourColor : contourColorOnDark;
}

bool FieldStyle::operator==(const FieldStyle& o) const {
  auto same4 = [](const Vec4& a, const Vec4& b) { return a.x == b.x && a.y == b.y && a.z == b.z && a.w == b.w; };
  return colormap == o.colormap && rangeMin == o.rangeMin && rangeMax == o.rangeMax && center == o.center &&
         contourLevels == o.contourLevels && contourWidth == o.contourWidth && same4(contourColor, o.contourColor) &&
         same4(contourColorOnDark, o.contourColorOnDark) && contourAutoContrast == o.contourAutoContrast &&
         same4(nanColor, o.nanColor) && interpolation == o.interpolation;
}

std::vector<float> evenLevels(float lo, float hi, int count) {
  std::vector<float> levels;
  for (int k = 1; k <= count; ++k) levels.push_back(lo + (hi - lo) * static_cast<float>(k) / (count + 1));
  return levels;
}

std::vector<float> geometricLevels(float lo, float hi, int count) {
  std::vector<float> levels;
  if (!(lo > 0.0f) || !(hi > 0.0f) || count <= 0) return levels;
  if (count == 1) return {lo};
  const double ratio = std::log(static_cast<double>(hi) / lo) / (count - 1);
  for (int k = 0; k < count; ++k) levels.push_back(static_cast<float>(lo * std::exp(ratio * k)));
  return levels;
}

// ---- FieldRenderer ------------------------------------------------------------------------------------------

FieldRenderer::~FieldRenderer() { destroy(); }

FieldRenderer::FieldRenderer(FieldRenderer&& other) noexcept
    : m_program(std::move(other.m_program)),
      m_colormaps(std::move(other.m_colormaps)),
      m_vao(std::exchange(other.m_vao, 0)),
      m_error(std::move(other.m_error)) {}

FieldRenderer& FieldRenderer::operator=(FieldRenderer&& other) noexcept {
  if (this != &other) {
    destroy();
    m_program = std::move(other.m_program);
    m_colormaps = std::move(other.m_colormaps);
    m_vao = std::exchange(other.m_vao, 0);
    m_error = std::move(other.m_error);
  }
  return *this;
}

void FieldRenderer::destroy() {
  if (m_vao != 0) glDeleteVertexArrays(1, &m_vao);
  m_vao = 0;
}

bool FieldRenderer::init() {
  if (m_program.ok() && m_colormaps.valid() && m_vao != 0) return true;
  m_error.clear();
  if (!m_program.ok()) {
    m_program = ShaderProgram::fromEmbedded("fullscreen.vert", "scalar_field.frag");
    if (!m_program.ok()) {
      m_error = "the field shader failed to build:\n" + m_program.log();
      return false;
    }
  }
  if (!m_colormaps.valid()) {
    std::vector<std::uint8_t> rgba;
    rgba.reserve(static_cast<std::size_t>(kColormapSize) * kColormapCount * 4);
    for (Colormap map : {Colormap::Viridis, Colormap::Diverging}) {  // row order = enum order
      for (const auto& entry : colormapTable(map)) rgba.insert(rgba.end(), entry.begin(), entry.end());
    }
    m_colormaps.setFilter(TextureFilter::Linear);
    m_colormaps.uploadRGBA8(kColormapSize, kColormapCount, rgba.data());
  }
  // Core profile draws need a VAO bound, even with no vertex attributes (fullscreen.vert uses gl_VertexID).
  if (m_vao == 0) glGenVertexArrays(1, &m_vao);
  return true;
}

bool FieldRenderer::render(const Texture2D& field, const FieldStyle& style, Framebuffer& target, int width,
                           int height) {
  if (!init()) return false;
  if (!field.valid() || field.format() != TextureFormat::R32F) {
    m_error = "FieldRenderer::render needs an R32F texture (Texture2D::uploadR32F)";
    return false;
  }
  if (!target.resize(width, height)) {
    m_error = target.error();
    return false;
  }
  m_error.clear();

  SavedState saved;
  ScopedFramebuffer on(target);
  glDisable(GL_BLEND);  // the output is opaque colour (or nanColor) written as is, not blended over old content
  glDisable(GL_DEPTH_TEST);
  glDisable(GL_SCISSOR_TEST);
  glDisable(GL_CULL_FACE);
  glDisable(GL_STENCIL_TEST);
  glColorMask(GL_TRUE, GL_TRUE, GL_TRUE, GL_TRUE);
#if !NR_GL_ES
  glDisable(GL_FRAMEBUFFER_SRGB);
  glPolygonMode(GL_FRONT_AND_BACK, GL_FILL);
#endif

  m_program.use();
  field.bind(kFieldUnit);
  glBindSampler(kFieldUnit, 0);
  m_colormaps.bind(kColormapUnit);
  glBindSampler(kColormapUnit, 0);
  m_program.set("u_field", kFieldUnit);
  m_program.set("u_colormaps", kColormapUnit);
  m_program.set("u_colormapRow", (static_cast<float>(style.colormap) + 0.5f) / kColormapCount);
  m_program.set("u_bicubic", style.interpolation == FieldInterpolation::Bicubic ? 1 : 0);
  m_program.set("u_range", Vec2{style.rangeMin, style.rangeMax});
  m_program.set("u_diverging", style.colormap == Colormap::Diverging ? 1 : 0);
  m_program.set("u_center", style.center);
  const int levelCount =
      std::min(static_cast<int>(style.contourLevels.size()), static_cast<int>(FieldStyle::kMaxContourLevels));
  m_program.set("u_levelCount", levelCount);
  m_program.setArray("u_levels", style.contourLevels.data(), levelCount);
  m_program.set("u_lineWidth", style.contourWidth);
  float lineColors[FieldStyle::kMaxContourLevels * 4];
  for (int k = 0; k < levelCount; ++k) {
    const Vec4 c = style.contourColorFor(style.contourLevels[static_cast<std::size_t>(k)]);
    lineColors[4 * k + 0] = c.x;
    lineColors[4 * k + 1] = c.y;
    lineColors[4 * k + 2] = c.z;
    lineColors[4 * k + 3] = c.w;
  }
  m_program.setVec4Array("u_lineColors", lineColors, levelCount);
  m_program.set("u_nanColor", style.nanColor);

  glBindVertexArray(m_vao);
  glDrawArrays(GL_TRIANGLES, 0, 3);
  return true;
}

// ---- CachedField --------------------------------------------------------------------------------------------

bool CachedField::setField(int width, int height, const float* values) {
  if (!m_field.uploadR32F(width, height, values)) return false;
  m_dirty = true;
  return true;
}

void CachedField::setStyle(const FieldStyle& style) {
  if (style == m_style) return;
  m_style = style;
  m_dirty = true;
}

bool CachedField::update(FieldRenderer& renderer, int width, int height) {
  if (!m_field.valid() || width <= 0 || height <= 0) return false;
  const bool sizeChanged = !m_output.valid() || m_output.width() != width || m_output.height() != height;
  if (!m_dirty && !sizeChanged) return false;
  if (!renderer.render(m_field, m_style, m_output, width, height)) return false;
  m_dirty = false;
  ++m_renderCount;
  return true;
}

}  // namespace nr::gfx
