// priors' canvas: the two posterior panels (the field, the prior's and the likelihood's contours, the MAP path
// and the marks), their numbers and legend, and the 1-D prior densities and penalties.

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "gfx/colormap.h"
#include "kit/text.h"
#include "lessons/controls.h"
#include "lessons/priors.h"

namespace nr::app {

namespace {
constexpr int kLaplace = PriorsModel::kLaplace, kGaussian = PriorsModel::kGaussian;
constexpr double kView = PriorsModel::kView;    // panels and 1-D plots show w in [−3, 3]
constexpr double kLevels[3] = {0.5, 2.0, 4.5};  // −log density below the peak: e^(−1/2), e^(−2), e^(−9/2)

// Colours: the likelihood and its MLE blue, each prior in its own colour (the same in the 1-D plots and in its
// panel), the posterior the red of the field, the MAP a white dot ringed in black so it shows on the dark red peak.
ImU32 likelihoodColor() { return plotColor(0); }
ImU32 priorColor(int prior) { return prior == kLaplace ? plotColor(4) : plotColor(2); }
ImU32 pathColor() { return plotColor(3); }
}  // namespace

void PriorsLesson::drawCanvas(LessonContext& ctx) {
  updateFields(ctx);
  // The two posterior panels and their legend are the lesson; the 1-D prior plots come after them.
  m_layout.begin(ctx.scale, ctx.probe);
  for (int k = 0; k < 2; ++k)
    m_layout.add({k == kLaplace ? "##laplace" : "##gauss", ctx.tr(k == kLaplace ? "priors.tab.l" : "priors.tab.g"), 8.5f,
                  10.0f, 0.75f, 1.5f, k},
                 [this, &ctx, k](ImVec2 s) { drawPanel(ctx, k, s); });
  m_layout.add({"##legend", ctx.tr("priors.tab.legend"), 14.0f, 2.5f, 6.0f, 0.3f, 2},
               [&](ImVec2 s) { drawLegend(ctx, s.x); });
  m_layout.add(plotPanel("##density", ctx.tr("priors.tab.density"), 3), [&](ImVec2 s) { drawDensityPlot(ctx, s); });
  m_layout.add(plotPanel("##penalty", ctx.tr("priors.tab.penalty"), 4), [&](ImVec2 s) { drawPenaltyPlot(ctx, s); });
  m_layout.end();
}

void PriorsLesson::drawDensityPlot(LessonContext& ctx, ImVec2 size) {
  PlotConfig cfg = plotConfig(ctx);
  cfg.title = ctx.tr("priors.density");
  cfg.x.min = -kView;
  cfg.x.max = kView;
  cfg.x.label = "w";
  cfg.y.label = ctx.tr("priors.dens.axis");
  cfg.y.min = 0.0;
  const int count = static_cast<int>(m_model.grid().size());
  const char* names[2] = {ctx.tr("priors.laplace"), ctx.tr("priors.gauss")};
  if (!m_densityPlot.begin("##densityplot", size, cfg)) return;
  for (int k = 0; k < 2; ++k) {
    SeriesStyle s;
    s.color = priorColor(k);
    m_densityPlot.line(names[k], m_model.grid().data(), m_model.density(k).data(), count, s);
  }
  m_densityPlot.end();
}

void PriorsLesson::drawPenaltyPlot(LessonContext& ctx, ImVec2 size) {
  PlotConfig cfg = plotConfig(ctx);
  cfg.title = ctx.tr("priors.neglog");
  cfg.x.min = -kView;
  cfg.x.max = kView;
  cfg.x.label = "w";
  cfg.y.label = ctx.tr("priors.pen.axis");
  cfg.y.min = 0.0;
  cfg.y.max = 6.0;
  const int count = static_cast<int>(m_model.grid().size());
  if (!m_penaltyPlot.begin("##penaltyplot", size, cfg)) return;
  char labels[2][64];  // borrowed by the plot until end()
  std::snprintf(labels[0], sizeof labels[0], "|w|/b, b = %.3g", m_model.estimate(kLaplace).width);
  std::snprintf(labels[1], sizeof labels[1], "w²/(2τ²), τ = %.3g", m_p.priorStd);
  for (int k = 0; k < 2; ++k) {
    SeriesStyle s;
    s.color = priorColor(k);
    m_penaltyPlot.line(labels[k], m_model.grid().data(), m_model.penalty(k).data(), count, s);
  }
  m_penaltyPlot.end();
}

void PriorsLesson::updateFields(LessonContext& ctx) {
  // The renderer and the two cached textures are made on first use (never in renderer-less tests); the fields are
  // recomputed and uploaded only after a change, and re-rendered by CachedField only then.
  if (ctx.hasGraphics && m_p.showPosterior && !m_renderer) {
    m_renderer = std::make_unique<gfx::FieldRenderer>();
    if (!m_renderer->init() && ctx.messages) ctx.messages->push_back(m_renderer->error());
    gfx::FieldStyle fs;
    // White where the posterior is negligible, deepening red towards its peak (the upper half of the diverging map).
    fs.colormap = gfx::Colormap::Diverging;
    fs.rangeMin = -1.0f;
    fs.rangeMax = 1.0f;
    fs.center = 0.0f;
    for (int i = 2; i >= 0; --i) fs.contourLevels.push_back(static_cast<float>(std::exp(-kLevels[i])));
    fs.contourWidth = 1.25f;
    fs.contourColor = gfx::Vec4{0.45f, 0.0f, 0.05f, 0.9f};  // dark red on the light part of the posterior
    for (auto& c : m_cached) {
      c = std::make_unique<gfx::CachedField>();
      c->setStyle(fs);
    }
    m_fieldsDirty = true;
  }
  if (m_renderer && m_fieldsDirty && m_p.showPosterior) {
    for (int k = 0; k < 2; ++k) {
      m_model.posteriorField(k, kField, m_field[k]);
      m_cached[k]->setField(kField, kField, m_field[k].data());
    }
    m_fieldsDirty = false;
  }
}

void PriorsLesson::drawPanel(LessonContext& ctx, int k, ImVec2 panel) {
  // Four lines of numbers below the picture, or two on a narrow panel (a large UI scale).
  m_compact = panel.x / ctx.scale < 330.0f;
  const float numbers = (m_compact ? 2.0f : 4.0f) * ImGui::GetTextLineHeightWithSpacing();
  const float side = pictureWithTitle(ctx.tr(k == kLaplace ? "priors.panel.l" : "priors.panel.g"),
                                      ImVec2(panel.x, panel.y - numbers));
  const ImVec2 size(side, side);
  const ImVec2 p0 = ImGui::GetCursorScreenPos(), p1(p0.x + side, p0.y + side);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  if (m_renderer && m_p.showPosterior) {
    // At most 200² texels: llvmpipe pays per rendered pixel, and the field is smooth (bicubic in the shader); a
    // narrow posterior (large n) still needs enough texels for its contour rings not to look jagged.
    const int res = std::min(200, static_cast<int>(side));
    m_cached[k]->update(*m_renderer, res, res);
    ImGui::Image(m_cached[k]->imTextureId(), size, ImVec2(0, 1), ImVec2(1, 0));
  } else {
    dl->AddRectFilled(p0, p1, IM_COL32(250, 250, 250, 255));
    ImGui::Dummy(size);
  }
  dl->PushClipRect(p0, p1, true);
  drawAxes(ctx, p0, side);
  drawContours(ctx, k, p0, side);
  drawMarks(ctx, k, p0, side);
  dl->PopClipRect();
  dl->AddRect(p0, p1, ImGui::GetColorU32(ImGuiCol_Border));
  ImGui::SetCursorScreenPos(ImVec2(ImGui::GetWindowPos().x, p1.y + ImGui::GetStyle().ItemSpacing.y));
  drawNumbers(ctx, k, panel.x);
}

/// The panel's screen position of w: [−kView, kView]² onto the square at p0 with sides `side`.
static ImVec2 toScreen(const Eigen::Vector2d& w, ImVec2 p0, float side) {
  return ImVec2(p0.x + float((w.x() + kView) / (2 * kView)) * side, p0.y + float((kView - w.y()) / (2 * kView)) * side);
}

static float lineWidth(const LessonContext& ctx) { return std::max(2.0f, std::round(1.5f * ctx.scale)); }

void PriorsLesson::drawAxes(const LessonContext& ctx, ImVec2 p0, float side) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float sc = ctx.scale;
  const ImU32 axisCol = IM_COL32(120, 120, 120, 200);
  auto at = [&](const Eigen::Vector2d& w) { return toScreen(w, p0, side); };
  dl->AddLine(at({-kView, 0}), at({kView, 0}), axisCol, 1.0f);
  dl->AddLine(at({0, -kView}), at({0, kView}), axisCol, 1.0f);
  for (int t = -2; t <= 2; ++t) {
    if (t == 0) continue;
    const float tl = 4.0f * sc;
    const ImVec2 a = at({double(t), 0}), b = at({0, double(t)});
    dl->AddLine(ImVec2(a.x, a.y - tl), ImVec2(a.x, a.y + tl), axisCol, 1.0f);
    dl->AddLine(ImVec2(b.x - tl, b.y), ImVec2(b.x + tl, b.y), axisCol, 1.0f);
    char num[8];
    std::snprintf(num, sizeof num, "%d", t);
    if (side / (2 * kView) > 2.5f * ImGui::CalcTextSize("-2").x || std::abs(t) == 2)
      dl->AddText(ImVec2(a.x - ImGui::CalcTextSize(num).x * 0.5f, a.y + tl), axisCol, num);
  }
  const float right = p0.x + side;
  dl->AddText(ImVec2(right - ImGui::CalcTextSize("w₁").x - 4 * sc, at({0, 0}).y - ImGui::GetTextLineHeight() - 2),
              axisCol, "w₁");
  dl->AddText(ImVec2(at({0, 0}).x + 5 * sc, p0.y + 2), axisCol, "w₂");
}

void PriorsLesson::drawContours(const LessonContext& ctx, int k, ImVec2 p0, float side) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float thick = lineWidth(ctx);
  auto at = [&](const Eigen::Vector2d& w) { return toScreen(w, p0, side); };
  ImVec2 pts[96];
  if (m_p.showPrior) {
    // −log p(w) − (−log p(0)) = Δ: the diamond ‖w‖₁ = bΔ, or the circle ‖w‖ = τ√(2Δ).
    for (double level : kLevels) {
      const double r = k == kLaplace ? m_model.estimate(kLaplace).width * level : m_p.priorStd * std::sqrt(2 * level);
      if (k == kLaplace) {
        const ImVec2 d[4] = {at({r, 0}), at({0, r}), at({-r, 0}), at({0, -r})};
        dl->AddPolyline(d, 4, priorColor(k), ImDrawFlags_Closed, thick);
      } else {
        dl->AddCircle(at({0, 0}), float(r / (2 * kView) * side), priorColor(k), 64, thick);
      }
    }
  }
  if (m_p.showLikelihood) {
    // (1/2σ²)(w − ŵ)ᵀG(w − ŵ) = Δ: an ellipse with semi-axes σ√(2Δ/eᵢ) along G's eigenvectors.
    const Eigen::SelfAdjointEigenSolver<Eigen::Matrix2d> eig(m_model.gram());
    const double sigma = m_p.noise;
    for (double level : kLevels) {
      for (int i = 0; i < 96; ++i) {
        const double th = 6.283185307179586 * i / 96;
        const Eigen::Vector2d u = eig.eigenvectors().col(0) * (std::cos(th) * sigma * std::sqrt(2 * level / eig.eigenvalues()(0))) +
                                  eig.eigenvectors().col(1) * (std::sin(th) * sigma * std::sqrt(2 * level / eig.eigenvalues()(1)));
        pts[i] = at(m_model.mle() + u);
      }
      dl->AddPolyline(pts, 96, likelihoodColor(), ImDrawFlags_Closed, thick);
    }
  }
}

void PriorsLesson::drawMarks(const LessonContext& ctx, int k, ImVec2 p0, float side) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float sc = ctx.scale, thick = lineWidth(ctx);
  auto at = [&](const Eigen::Vector2d& w) { return toScreen(w, p0, side); };
  if (m_p.showPath) {
    std::vector<ImVec2> path;
    path.reserve(m_model.path(k).size());
    for (const Eigen::Vector2d& w : m_model.path(k)) path.push_back(at(w));
    dl->AddPolyline(path.data(), static_cast<int>(path.size()), pathColor(), 0, thick * 1.4f);
  }
  // The true w (grey cross), the MLE (blue ring), the MAP (white dot ringed in black).
  const ImVec2 tw = at({m_p.w1, m_p.w2});
  const float cr = 5.0f * sc;
  dl->AddLine(ImVec2(tw.x - cr, tw.y - cr), ImVec2(tw.x + cr, tw.y + cr), IM_COL32(90, 90, 90, 255), thick);
  dl->AddLine(ImVec2(tw.x - cr, tw.y + cr), ImVec2(tw.x + cr, tw.y - cr), IM_COL32(90, 90, 90, 255), thick);
  dl->AddCircle(at(m_model.mle()), 6.0f * sc, likelihoodColor(), 20, thick * 1.3f);
  const ImVec2 mp = at(m_model.estimate(k).solver);
  dl->AddCircleFilled(mp, 5.5f * sc, IM_COL32(255, 255, 255, 255), 20);
  dl->AddCircle(mp, 5.5f * sc, IM_COL32(20, 20, 20, 255), 20, thick);
}

void PriorsLesson::drawNumbers(LessonContext& ctx, int k, float side) {
  // λ, the MAP both ways, their difference, exact zeros. Compact: the MAP once (the two agree, and |Δ| says by how
  // much) and λ with |Δ| on one line.
  const PriorsModel::Estimate& e = m_model.estimate(k);
  const bool z1 = e.solver.x() == 0.0, z2 = e.solver.y() == 0.0;
  char zero[96] = "";
  if (z1 || z2)
    std::snprintf(zero, sizeof zero, "%s%s%s %s", z1 ? "w₁" : "", z1 && z2 ? ", " : "", z2 ? "w₂" : "", ctx.tr("priors.zero"));
  const float zeroW = zero[0] ? ImGui::CalcTextSize(zero).x + ImGui::GetStyle().ItemSpacing.x : 0.0f;
  // The red "exactly 0" follows the text; the text is cut (full text in a tooltip) only when both do not fit.
  auto lineWithFlag = [&](const char* text) {
    if (ImGui::CalcTextSize(text).x + zeroW <= side)
      ImGui::TextUnformatted(text);
    else
      clippedText(text, std::max(side * 0.4f, side - zeroW));
    if (!zero[0]) return;
    ImGui::SameLine();
    ImGui::TextColored(ImVec4(0.8f, 0.1f, 0.1f, 1.0f), "%s", zero);
  };
  char line[160];
  if (m_compact) {
    std::snprintf(line, sizeof line, "MAP %s", formatPoint(e.solver, 3).c_str());
    lineWithFlag(line);
    std::snprintf(line, sizeof line, "λ = %.3g, |Δ| = %s", e.lambda, formatDiff(e.difference).c_str());
    clippedText(line, side);
    return;
  }
  if (k == kLaplace)
    std::snprintf(line, sizeof line, "λ = σ²/(n·b) = %.4g", e.lambda);
  else
    std::snprintf(line, sizeof line, "λ = σ²/(n·τ²) = %.4g", e.lambda);
  clippedText(line, side);
  std::snprintf(line, sizeof line, "%s %s", ctx.tr(k == kLaplace ? "priors.solver.l" : "priors.solver.g"),
                formatPoint(e.solver, 6).c_str());
  clippedText(line, side);
  std::snprintf(line, sizeof line, "%s %s", ctx.tr("priors.direct"), formatPoint(e.direct, 6).c_str());
  clippedText(line, side);
  std::snprintf(line, sizeof line, "%s |Δ| = %s", ctx.tr("priors.diff"), formatDiff(e.difference).c_str());
  lineWithFlag(line);
}

void PriorsLesson::drawLegend(LessonContext& ctx, float width) {
  // Swatches for every mark in the panels, wrapped inside `width` (the panels' column, not the whole canvas).
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float sc = ctx.scale, h = ImGui::GetTextLineHeight(), sw = 22.0f * sc, thick = std::max(2.0f, std::round(1.5f * sc));
  const float inner = ImGui::GetStyle().ItemInnerSpacing.x, sep = 14.0f * sc, lineH = ImGui::GetTextLineHeightWithSpacing();
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  ImVec2 p = origin;
  const ImU32 textCol = ImGui::GetColorU32(ImGuiCol_Text);
  auto item = [&](int kind, ImU32 col, const char* label) {
    const float w = std::min(sw + inner + ImGui::CalcTextSize(label).x, width);
    if (p.x > origin.x && p.x + w > origin.x + width) p = ImVec2(origin.x, p.y + lineH);
    const ImVec2 c(p.x + sw / 2, p.y + h / 2);
    switch (kind) {
      case 0: dl->AddLine(ImVec2(p.x, c.y), ImVec2(p.x + sw, c.y), col, thick * 1.4f); break;
      case 1: dl->AddRectFilled(ImVec2(p.x + 2, p.y + 2), ImVec2(p.x + sw - 2, p.y + h - 2), col); break;
      case 2: dl->AddCircle(c, 6.0f * sc, col, 20, thick * 1.3f); break;
      case 3:
        dl->AddCircleFilled(c, 5.5f * sc, IM_COL32(255, 255, 255, 255), 20);
        dl->AddCircle(c, 5.5f * sc, col, 20, thick);
        break;
      default: {
        const float r = 5.0f * sc;
        dl->AddLine(ImVec2(c.x - r, c.y - r), ImVec2(c.x + r, c.y + r), col, thick);
        dl->AddLine(ImVec2(c.x - r, c.y + r), ImVec2(c.x + r, c.y - r), col, thick);
      }
    }
    if (sw + inner + ImGui::CalcTextSize(label).x <= width)
      dl->AddText(ImVec2(p.x + sw + inner, p.y), textCol, label);
    else
      drawEllipsized(dl, ImVec2(p.x + sw + inner, p.y), p.x + w, label);  // a very narrow panel only
    p.x += w + sep;
  };
  const auto red = gfx::colormapColor(gfx::Colormap::Diverging, 0.85f);
  item(0, likelihoodColor(), ctx.tr("priors.lik"));
  item(0, priorColor(kLaplace), ctx.tr("priors.laplace"));
  item(0, priorColor(kGaussian), ctx.tr("priors.gauss"));
  item(1, IM_COL32(red[0], red[1], red[2], 255), ctx.tr("priors.post"));
  item(0, pathColor(), ctx.tr("priors.path"));
  item(2, likelihoodColor(), ctx.tr("priors.lg.mle"));
  item(3, IM_COL32(20, 20, 20, 255), ctx.tr("priors.lg.map"));
  item(4, IM_COL32(90, 90, 90, 255), ctx.tr("priors.lg.true"));
  ImGui::Dummy(ImVec2(width, p.y - origin.y + h));
}

}  // namespace nr::app
