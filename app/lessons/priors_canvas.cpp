// priors' canvas: the two posterior panels (the field, the prior's and the likelihood's contours, the MAP path
// and the marks), their numbers and legend, and the 1-D prior densities and penalties.

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

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
ImU32 trueColor() { return plotColor(7); }  // the palette's mid grey, seen on both themes
}  // namespace

void PriorsLesson::drawCanvas(LessonContext& ctx) {
  updateFields(ctx);
  // The two posterior panels and their legend are the lesson; the 1-D prior plots come after them.
  m_layout.begin(ctx.scale, ctx.probe);
  for (int k = 0; k < 2; ++k)
    m_layout.add({k == kLaplace ? "##laplace" : "##gauss", ctx.tr(k == kLaplace ? "priors.tab.l" : "priors.tab.g"), 8.5f,
                  10.0f, 0.75f, 1.5f, k},
                 [this, &ctx, k](ImVec2 s) { drawPanel(ctx, k, s); });
  // The legend's panel is as tall as its rows at the width it gets (they flow onto more rows when narrower).
  LegendItem items[kLegendItems];
  const int count = legendItems(ctx, items);
  m_layout.add({"##legend", ctx.tr("priors.tab.legend"), 14.0f, 2.5f, 6.0f, 0.3f, 2},
               [&](ImVec2 s) { legendBlock(items, count, s.x, ctx.scale); },
               [&](float w) { return legendBlockHeight(items, count, w, ctx.scale); });
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
  // Four lines of numbers below the picture, or two on a narrow or short panel (a large UI scale), so the picture
  // keeps at least about eight lines of the panel.
  const float lineH = ImGui::GetTextLineHeightWithSpacing();
  m_compact = panel.x / ctx.scale < 330.0f || panel.y < 12.0f * lineH;
  const float numbers = (m_compact ? 2.0f : 4.0f) * lineH;
  Plot& plane = m_plane[std::size_t(k)];
  const ImVec2 room(panel.x, panel.y - numbers), size(room.x, plane.heightForSquare(room.x, room.y));
  if (m_renderer && m_p.showPosterior) {
    // At most 200² texels: llvmpipe pays per rendered pixel, and the field is smooth (bicubic in the shader); a
    // narrow posterior (large n) still needs enough texels for its contour rings not to look jagged.
    const int res = std::clamp(static_cast<int>(std::min(size.x, size.y)), 16, 200);
    m_cached[std::size_t(k)]->update(*m_renderer, res, res);
  }
  drawPlane(ctx, k, size, room);
  ImGui::SetCursorScreenPos(ImVec2(ImGui::GetWindowPos().x, ImGui::GetCursorScreenPos().y));
  drawNumbers(ctx, k, panel.x);
}

void PriorsLesson::drawPlane(LessonContext& ctx, int k, ImVec2 size, ImVec2 room) {
  Plot& plane = m_plane[std::size_t(k)];
  fillContours(k);
  const char* title = ctx.tr(k == kLaplace ? "priors.panel.l" : "priors.panel.g");
  if (!plane.begin(k == kLaplace ? "##plane-laplace" : "##plane-gauss", size, weightPlaneConfig(plotConfig(ctx), kView, title, room)))
    return;
  // The posterior as an image under everything (white where negligible, red towards its peak).
  const bool field = m_renderer && m_p.showPosterior;
  if (field) plane.image(m_cached[std::size_t(k)]->imTextureId(), -kView, kView, -kView, kView);
  // Over the field (white where the posterior is negligible) the axes are a dark grey in every theme.
  weightPlaneAxes(plane, kView, 0.45f, field ? IM_COL32(80, 80, 80, 200) : 0);
  const float weight = 1.5f;
  for (std::size_t i = 0; i < 3; ++i) {
    const std::vector<Eigen::Vector2d>& c = m_priorContour[i];
    plane.polygon("##prior", xsOf(c), ysOf(c), int(c.size()), SeriesStyle{priorColor(k), weight});
  }
  for (std::size_t i = 0; i < 3; ++i) {
    const std::vector<Eigen::Vector2d>& c = m_likelihoodContour[i];
    plane.polygon("##likelihood", xsOf(c), ysOf(c), int(c.size()), SeriesStyle{likelihoodColor(), weight});
  }
  if (m_p.showPath) {
    const std::vector<Eigen::Vector2d>& path = m_model.path(k);
    plane.line("##path", xsOf(path), ysOf(path), int(path.size()), SeriesStyle{pathColor(), weight * 1.4f});
  }
  // The true w (a cross), the MLE (a ring in the likelihood's colour), the MAP (a white dot ringed in black, which
  // shows on the dark red peak).
  SeriesStyle truth{trueColor(), weight, 5.0f};
  truth.shape = SeriesStyle::Marker::Cross;
  plane.scatter("##true", &m_p.w1, &m_p.w2, 1, truth);
  SeriesStyle mle{likelihoodColor(), weight * 1.3f, 6.0f};
  mle.shape = SeriesStyle::Marker::Ring;
  plane.scatter("##mle", &m_model.mle().x(), &m_model.mle().y(), 1, mle);
  const Eigen::Vector2d& map = m_model.estimate(k).solver;
  plane.scatter("##map", &map.x(), &map.y(), 1, SeriesStyle{IM_COL32(255, 255, 255, 255), weight, 5.5f});
  SeriesStyle ring{IM_COL32(20, 20, 20, 255), weight, 5.5f};
  ring.shape = SeriesStyle::Marker::Ring;
  plane.scatter("##map-ring", &map.x(), &map.y(), 1, ring);
  plane.end();
}

void PriorsLesson::fillContours(int k) {
  // The prior's levels −log p(w) + log p(0) = Δ: the diamond ‖w‖₁ = bΔ, or the circle ‖w‖ = τ√(2Δ); the
  // likelihood's (1/2σ²)(w − ŵ)ᵀG(w − ŵ) = Δ: an ellipse with semi-axes σ√(2Δ/eᵢ) along G's eigenvectors.
  const Eigen::SelfAdjointEigenSolver<Eigen::Matrix2d> eig(m_model.gram());
  for (std::size_t l = 0; l < 3; ++l) {
    const double level = kLevels[l];
    std::vector<Eigen::Vector2d>& prior = m_priorContour[l];
    std::vector<Eigen::Vector2d>& lik = m_likelihoodContour[l];
    prior.clear();
    lik.clear();
    if (m_p.showPrior && k == kLaplace) {
      const double r = m_model.estimate(kLaplace).width * level;
      prior = {{r, 0}, {0, r}, {-r, 0}, {0, -r}};
    } else if (m_p.showPrior) {
      const double r = m_p.priorStd * std::sqrt(2 * level);
      for (int i = 0; i < 64; ++i) prior.emplace_back(r * std::cos(6.283185307179586 * i / 64), r * std::sin(6.283185307179586 * i / 64));
    }
    if (!m_p.showLikelihood) continue;
    for (int i = 0; i < 96; ++i) {
      const double th = 6.283185307179586 * i / 96, s = m_p.noise * std::sqrt(2 * level);
      lik.push_back(m_model.mle() + eig.eigenvectors().col(0) * (std::cos(th) * s / std::sqrt(eig.eigenvalues()(0))) +
                    eig.eigenvectors().col(1) * (std::sin(th) * s / std::sqrt(eig.eigenvalues()(1))));
    }
  }
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
    // On a projector there is no hover for a cut part: tighter forms (then fewer digits; the formula panel has
    // them all) before a cut number.
    const std::string diff = formatDiff(e.difference);
    char shortDiff[32] = "0";
    if (e.difference != 0.0) std::snprintf(shortDiff, sizeof shortDiff, "%.0e", e.difference);
    std::snprintf(line, sizeof line, "λ = %.3g, |Δ| = %s", e.lambda, diff.c_str());
    if (ImGui::CalcTextSize(line).x > side) std::snprintf(line, sizeof line, "λ=%.3g |Δ|=%s", e.lambda, diff.c_str());
    if (ImGui::CalcTextSize(line).x > side) std::snprintf(line, sizeof line, "λ=%.2g |Δ|=%s", e.lambda, shortDiff);
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

int PriorsLesson::legendItems(LessonContext& ctx, LegendItem* items) const {
  // Every mark in the panels, named.
  using M = LegendItem::Mark;
  const auto red = gfx::colormapColor(gfx::Colormap::Diverging, 0.85f);
  const LegendItem all[] = {
      {ctx.tr("priors.lik"), likelihoodColor(), M::Line},
      {ctx.tr("priors.laplace"), priorColor(kLaplace), M::Line},
      {ctx.tr("priors.gauss"), priorColor(kGaussian), M::Line},
      {ctx.tr("priors.post"), IM_COL32(red[0], red[1], red[2], 255), M::Box},
      {ctx.tr("priors.path"), pathColor(), M::Line},
      {ctx.tr("priors.lg.mle"), likelihoodColor(), M::Ring},
      {ctx.tr("priors.lg.map"), IM_COL32(20, 20, 20, 255), M::Ring, false, IM_COL32(255, 255, 255, 255)},
      {ctx.tr("priors.lg.true"), trueColor(), M::Cross},
  };
  std::copy(std::begin(all), std::end(all), items);
  return static_cast<int>(std::size(all));
}

}  // namespace nr::app
