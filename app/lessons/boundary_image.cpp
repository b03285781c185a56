#include "lessons/boundary_image.h"

#include <algorithm>

namespace nr::app {

void BoundaryImage::setField(int grid, const float* probabilities) {
  m_grid = grid;
  m_values = probabilities;
  if (m_field && m_values) m_field->setField(m_grid, m_grid, m_values);
}

void BoundaryImage::draw(LessonContext& ctx, float side, int maxTexels) {
  if (!ctx.hasGraphics) {
    ImGui::Dummy(ImVec2(side, side));
    return;
  }
  if (!m_renderer) {  // made on first use: never in renderer-less tests
    m_renderer = std::make_unique<gfx::FieldRenderer>();
    if (!m_renderer->init() && ctx.messages) ctx.messages->push_back(m_renderer->error());
    m_field = std::make_unique<gfx::CachedField>();
    gfx::FieldStyle style;
    style.colormap = gfx::Colormap::Diverging;
    style.rangeMin = 0.0f;
    style.rangeMax = 1.0f;
    style.center = 0.5f;
    style.contourLevels = {0.5f};
    style.contourWidth = 2.0f;
    m_field->setStyle(style);
    if (m_values) m_field->setField(m_grid, m_grid, m_values);
  }
  const int res = std::min(maxTexels, static_cast<int>(side));
  m_field->update(*m_renderer, res, res);
  ImGui::Image(m_field->imTextureId(), ImVec2(side, side), ImVec2(0, 1), ImVec2(1, 0));
}

}  // namespace nr::app
