// weight-norm — weight normalization is a reparameterization, not a change of the loss: w = g·v/‖v‖ has length g
// and direction v/‖v‖. The teaching choice: draw v, w and the unit circle in the same plane as the loss contours,
// and split the gradient into the part along w (it changes g) and the part across v (it turns v), so the
// decoupling is visible; weight decay's path beside it shows the contrast (it moves the optimum, WN does not).
// All numbers come from nr::core (weightNorm, weightNormBackward, descendPlain, descendWeightNorm).

#include "lessons/weight_norm.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "lessons/controls.h"
#include "kit/latex.h"
#include "kit/text.h"
#include "widgets/text_table.h"

namespace nr::app {

// [SECTION] State

WeightNormLesson::WeightNormLesson() { recompute(); }

void WeightNormLesson::recompute() {
  // v must not be 0 (its direction is undefined): keep it at least 0.05 long.
  Eigen::Vector2d v(m_p.vx, m_p.vy);
  if (v.norm() < 0.05) v = Eigen::Vector2d(0.05, 0.0);
  m_v = v;
  m_q.optimum = {m_p.optX, m_p.optY};
  m_q.a1 = 2.0;
  m_q.a2 = 2.0 / m_p.elongation;
  m_q.angle = m_p.angle * M_PI / 180.0;
  m_w = core::weightNorm(m_p.g, m_v);
  m_gradW = m_q.grad(m_w);
  Eigen::VectorXd gv;
  core::weightNormBackward(m_p.g, m_v, m_gradW, m_gradG, gv);
  m_gradV = gv;

  m_plain = core::descendPlain(m_q, m_w, m_p.lr, m_p.steps);
  m_decayPath = core::descendPlain(m_q, m_w, m_p.lr, m_p.steps, m_p.decay);
  m_wn = core::descendWeightNorm(m_q, m_p.g, m_v, m_p.lr, m_p.steps);
  // A path that diverges (a step too large for the curvature, e.g. η(λ_max + decay) > 2) is drawn until it has
  // clearly left the picture (‖w‖ > 10, the view is ±3), never on to infinity.
  auto split = [](const std::vector<Eigen::Vector2d>& p, std::vector<double>& x, std::vector<double>& y,
                  std::vector<double>& len) {
    x.clear(), y.clear(), len.clear();
    for (const Eigen::Vector2d& q : p) {
      const bool out = !q.allFinite() || q.norm() > 10.0;
      x.push_back(q.x()), y.push_back(q.y()), len.push_back(q.norm());
      if (out) {
        if (!q.allFinite()) x.pop_back(), y.pop_back(), len.pop_back();
        return true;
      }
    }
    return false;
  };
  m_pathDiverged[0] = split(m_plain, m_plainX, m_plainY, m_plainLen);
  m_pathDiverged[1] = split(m_wn.w, m_wnX, m_wnY, m_wnLen);
  m_pathDiverged[2] = split(m_decayPath, m_decayX, m_decayY, m_decayLen);
  m_diverged = m_pathDiverged[0] || m_pathDiverged[1] || m_pathDiverged[2];

  // Contours at losses spaced geometrically from the optimum outwards, and the unit circle.
  m_contourX.assign(6, {});
  m_contourY.assign(6, {});
  for (int k = 0; k < 6; ++k)
    for (const Eigen::Vector2d& p : m_q.levelSet(0.05 * std::pow(2.6, k), 64)) {
      m_contourX[k].push_back(p.x());
      m_contourY[k].push_back(p.y());
    }
  m_circleX.clear(), m_circleY.clear();
  for (int i = 0; i <= 64; ++i) {
    m_circleX.push_back(std::cos(2 * M_PI * i / 64));
    m_circleY.push_back(std::sin(2 * M_PI * i / 64));
  }
}

void WeightNormLesson::reset() {
  m_p = Params();
  m_drag = 0;
  recompute();
}

nlohmann::json WeightNormLesson::params() const {
  return {{"g", m_p.g},         {"vx", m_p.vx},       {"vy", m_p.vy},       {"opt_x", m_p.optX},
          {"opt_y", m_p.optY},  {"elongation", m_p.elongation},           {"angle", m_p.angle},
          {"lr", m_p.lr},       {"steps", m_p.steps}, {"decay", m_p.decay}};
}

void WeightNormLesson::setParams(const nlohmann::json& j, std::vector<std::string>& warnings,
                                 std::vector<std::string>& errors) {
  Params p = m_p;
  ParamReader r(j, warnings, errors);
  r.read("g", p.g, 0.1f, 3.0f);
  r.read("vx", p.vx, -3.0f, 3.0f);
  r.read("vy", p.vy, -3.0f, 3.0f);
  r.read("opt_x", p.optX, -2.5f, 2.5f);
  r.read("opt_y", p.optY, -2.5f, 2.5f);
  r.read("elongation", p.elongation, 1.0f, 10.0f);
  r.read("angle", p.angle, 0.0f, 180.0f);
  r.read("lr", p.lr, 0.01f, 0.9f);
  r.read("steps", p.steps, 0, 200);
  r.read("decay", p.decay, 0.0f, 2.0f);
  if (!r.finish()) return;
  m_p = p;
  recompute();
}

void WeightNormLesson::interact(int frame) {
  // The main parameter: the direction of v, turned a little every frame.
  const double a = 0.05 * frame, len = std::hypot(double(m_p.vx), double(m_p.vy));
  m_p.vx = static_cast<float>(len * std::cos(a));
  m_p.vy = static_cast<float>(len * std::sin(a));
  recompute();
}

void WeightNormLesson::applyExtreme(int step) {
  Params p;
  switch (step) {
    case 0: p.g = 0.1f, p.vx = -3, p.vy = -3, p.optX = -2.5f, p.optY = -2.5f; break;
    case 1: p.g = 3.0f, p.vx = 3, p.vy = 3, p.optX = 2.5f, p.optY = 2.5f; break;
    case 2: p.vx = 0, p.vy = 0, p.elongation = 1, p.angle = 0, p.steps = 0; break;  // v = 0 is kept away from 0
    case 3: p.elongation = 10, p.angle = 180, p.lr = 0.9f, p.steps = 200, p.decay = 2.0f; break;
    case 4: p.lr = 0.01f, p.decay = 0.0f, p.steps = 1; break;
    default: p.optX = 0, p.optY = 0; break;  // the optimum at the origin
  }
  m_p = p;
  recompute();
}

// [SECTION] Controls


void WeightNormLesson::drawControls(LessonContext& ctx) {
  bool changed = false;
  sectionHeader(ctx.tr("weight-norm.params"));
  changed |= sliderFloat(ctx, ctx.tr("weight-norm.g"), m_p.g, 0.1f, 3.0f, "%.2f");
  tip(ctx, "weight-norm.g.tip");
  changed |= sliderFloat(ctx, ctx.tr("weight-norm.vx"), m_p.vx, -3.0f, 3.0f, "%.2f");
  tip(ctx, "weight-norm.v.tip");
  changed |= sliderFloat(ctx, ctx.tr("weight-norm.vy"), m_p.vy, -3.0f, 3.0f, "%.2f");
  tip(ctx, "weight-norm.v.tip");

  sectionHeader(ctx.tr("weight-norm.loss"));
  changed |= sliderFloat(ctx, ctx.tr("weight-norm.optx"), m_p.optX, -2.5f, 2.5f, "%.2f");
  tip(ctx, "weight-norm.opt.tip");
  changed |= sliderFloat(ctx, ctx.tr("weight-norm.opty"), m_p.optY, -2.5f, 2.5f, "%.2f");
  tip(ctx, "weight-norm.opt.tip");
  changed |= sliderFloat(ctx, ctx.tr("weight-norm.elong"), m_p.elongation, 1.0f, 10.0f, "%.1f", true);
  tip(ctx, "weight-norm.elong.tip");
  changed |= sliderFloat(ctx, ctx.tr("weight-norm.angle"), m_p.angle, 0.0f, 180.0f, "%.0f°");
  tip(ctx, "weight-norm.angle.tip");

  sectionHeader(ctx.tr("weight-norm.descent"));
  changed |= sliderFloat(ctx, ctx.tr("weight-norm.lr"), m_p.lr, 0.01f, 0.9f, "%.2f", true);
  tip(ctx, "weight-norm.lr.tip");
  changed |= sliderInt(ctx, ctx.tr("weight-norm.steps"), m_p.steps, 0, 200);
  tip(ctx, "weight-norm.steps.tip");
  changed |= sliderFloat(ctx, ctx.tr("weight-norm.decay"), m_p.decay, 0.0f, 2.0f, "%.2f");
  tip(ctx, "weight-norm.decay.tip");
  if (changed) {
    m_p.steps = std::clamp(m_p.steps, 0, 200);
    recompute();
  }
}

// [SECTION] Canvas

static SeriesStyle styled(int color, float weight = 0.0f, bool dashed = false) {
  SeriesStyle s;
  s.color = plotColor(color);
  s.weight = weight;
  s.dashed = dashed;
  return s;
}

/// An arrowhead at `to` pointing away from `from` (pixels).
static void arrowHead(ImDrawList* dl, ImVec2 from, ImVec2 to, ImU32 color, float size) {
  const float dx = to.x - from.x, dy = to.y - from.y, len = std::sqrt(dx * dx + dy * dy);
  if (len < 1.0f) return;
  const float ux = dx / len, uy = dy / len, s = std::min(size, len * 0.6f);
  dl->AddTriangleFilled(to, ImVec2(to.x - ux * s - uy * s * 0.5f, to.y - uy * s + ux * s * 0.5f),
                        ImVec2(to.x - ux * s + uy * s * 0.5f, to.y - uy * s - ux * s * 0.5f), color);
}

void WeightNormLesson::drawSpaceLegend(LessonContext& ctx, float width) {
  // The plane's legend has a panel of its own: in the plot it would take the rows the picture needs.
  using M = LegendItem::Mark;
  const LegendItem items[] = {
      {ctx.tr("weight-norm.s.plain"), plotColor(5)},  {ctx.tr("weight-norm.s.decay"), plotColor(4)},
      {ctx.tr("weight-norm.s.wn"), plotColor(2)},     {ctx.tr("weight-norm.s.grad"), plotColor(1)},
      {ctx.tr("weight-norm.s.along"), plotColor(3)},  {ctx.tr("weight-norm.s.across"), plotColor(3), M::Line, true},
      {ctx.tr("weight-norm.s.opt"), plotColor(1), M::Dot}};
  legendBlock(items, static_cast<int>(std::size(items)), width, ctx.scale);
}

void WeightNormLesson::drawWeightSpace(LessonContext& ctx, ImVec2 size) {
  // Gradient arrows are drawn to scale unless they would leave the picture: the factor is in the title.
  const double k = std::min(1.0, 1.5 / std::max(1e-9, m_gradW.norm()));
  char title[160];
  std::snprintf(title, sizeof title, ctx.tr("weight-norm.space.title"), k);
  PlotConfig cfg = plotConfig(ctx);
  cfg.title = title;
  cfg.legend = false;  // in the legend panel
  cfg.x.min = cfg.y.min = -3.0;
  cfg.x.max = cfg.y.max = 3.0;
  cfg.equalAspect = true;
  const Eigen::Vector2d u = m_w.normalized();
  const Eigen::Vector2d along = m_gradG * u * (m_p.g >= 0 ? 1.0 : -1.0);
  const double ax[2] = {0, m_v.x()}, ay[2] = {0, m_v.y()}, wx[2] = {0, m_w.x()}, wy[2] = {0, m_w.y()};
  const double gx[2] = {m_w.x(), m_w.x() + k * m_gradW.x()}, gy[2] = {m_w.y(), m_w.y() + k * m_gradW.y()};
  const double lx[2] = {m_w.x(), m_w.x() + k * along.x()}, ly[2] = {m_w.y(), m_w.y() + k * along.y()};
  const double vx[2] = {m_v.x(), m_v.x() + k * m_gradV.x()}, vy[2] = {m_v.y(), m_v.y() + k * m_gradV.y()};
  const double ox = m_q.optimum.x(), oy = m_q.optimum.y();
  const float below = (m_diverged ? 2.0f : 0.0f) * ImGui::GetTextLineHeightWithSpacing();
  if (!m_space.begin("##spaceplot", ImVec2(size.x, size.y - below), cfg)) return;
  for (int c = 0; c < 6; ++c)
    m_space.line("##contour", m_contourX[c].data(), m_contourY[c].data(), static_cast<int>(m_contourX[c].size()),
                 styled(7, 1.0f));
  m_space.line("##circle", m_circleX.data(), m_circleY.data(), 65, styled(7, 1.5f, true));
  m_space.text(-0.71, 0.71, ctx.tr("weight-norm.s.circle"), ImVec2(1.0f, 1.0f), plotColor(7));
  auto count = [](const std::vector<double>& v) { return static_cast<int>(v.size()); };
  m_space.line(ctx.tr("weight-norm.s.plain"), m_plainX.data(), m_plainY.data(), count(m_plainX), styled(5, 2.0f));
  m_space.line(ctx.tr("weight-norm.s.decay"), m_decayX.data(), m_decayY.data(), count(m_decayX), styled(4, 2.0f));
  m_space.line(ctx.tr("weight-norm.s.wn"), m_wnX.data(), m_wnY.data(), count(m_wnX), styled(2, 2.0f));
  m_space.line("##v", ax, ay, 2, styled(7, 2.5f));
  m_space.line("##w", wx, wy, 2, styled(0, 3.5f));
  m_space.text(m_v.x(), m_v.y(), ctx.tr("weight-norm.s.v"), ImVec2(-0.3f, 0.5f), plotColor(7));
  m_space.text(0.5 * m_w.x(), 0.5 * m_w.y(), ctx.tr("weight-norm.s.w"), ImVec2(-0.05f, 1.1f), plotColor(0));
  m_space.line(ctx.tr("weight-norm.s.grad"), gx, gy, 2, styled(1, 2.5f));
  m_space.line(ctx.tr("weight-norm.s.along"), lx, ly, 2, styled(3, 2.5f));
  m_space.line(ctx.tr("weight-norm.s.across"), vx, vy, 2, styled(3, 2.5f, true));
  SeriesStyle opt = styled(1);
  opt.marker = 6.0f;
  m_space.scatter(ctx.tr("weight-norm.s.opt"), &ox, &oy, 1, opt);
  m_space.end();
  // Below the plane, not over it: the divergence, when it happened.
  if (m_diverged) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(plotColor(1)));
    wrappedText(ctx.tr("weight-norm.diverged"), size.x);
    ImGui::PopStyleColor();
  }

  // Arrowheads on top, in pixels of the transform just used.
  const PlotTransform& tf = m_space.transform();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float head = 11.0f * ctx.scale;
  arrowHead(dl, tf.toPixel(0, 0), tf.toPixel(m_v.x(), m_v.y()), plotColor(7), head);
  arrowHead(dl, tf.toPixel(0, 0), tf.toPixel(m_w.x(), m_w.y()), plotColor(0), head * 1.2f);
  arrowHead(dl, tf.toPixel(gx[0], gy[0]), tf.toPixel(gx[1], gy[1]), plotColor(1), head);
  arrowHead(dl, tf.toPixel(lx[0], ly[0]), tf.toPixel(lx[1], ly[1]), plotColor(3), head);
  arrowHead(dl, tf.toPixel(vx[0], vy[0]), tf.toPixel(vx[1], vy[1]), plotColor(3), head);

  // Dragging: grab the tip of v or the optimum (whichever is within reach of the press), then follow the mouse.
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  auto near = [&](double x, double y) {
    const ImVec2 p = tf.toPixel(x, y);
    return (p.x - mouse.x) * (p.x - mouse.x) + (p.y - mouse.y) * (p.y - mouse.y) < 400.0f * ctx.scale * ctx.scale;
  };
  if (m_space.clicked()) m_drag = near(m_v.x(), m_v.y()) ? 1 : near(ox, oy) ? 2 : 0;
  if (!ImGui::IsMouseDown(ImGuiMouseButton_Left)) m_drag = 0;
  if (m_drag && m_space.held()) {
    const float x = static_cast<float>(std::clamp(tf.toDataX(mouse.x), -3.0, 3.0));
    const float y = static_cast<float>(std::clamp(tf.toDataY(mouse.y), -3.0, 3.0));
    if (m_drag == 1) m_p.vx = x, m_p.vy = y;
    else m_p.optX = std::clamp(x, -2.5f, 2.5f), m_p.optY = std::clamp(y, -2.5f, 2.5f);
    recompute();
  }
}

void WeightNormLesson::drawNormPlot(LessonContext& ctx, ImVec2 size) {
  PlotConfig cfg = plotConfig(ctx);
  cfg.title = ctx.tr("weight-norm.norms");
  cfg.x.label = ctx.tr("weight-norm.step");
  cfg.y.min = 0.0;
  if (!m_norms.begin("##normsplot", size, cfg)) return;
  auto count = [](const std::vector<double>& v) { return static_cast<int>(v.size()); };
  m_norms.hline(ctx.tr("weight-norm.s.optlen"), m_q.optimum.norm(), styled(7, 1.5f, true));
  m_norms.line(ctx.tr("weight-norm.s.plain"), m_plainLen.data(), count(m_plainLen), styled(5));
  m_norms.line(ctx.tr("weight-norm.s.decay"), m_decayLen.data(), count(m_decayLen), styled(4));
  m_norms.line(ctx.tr("weight-norm.s.wn"), m_wnLen.data(), count(m_wnLen), styled(2));
  m_norms.end();
}

void WeightNormLesson::drawComparison(LessonContext& ctx) {
  wrappedTextDisabled(ctx.tr("weight-norm.cmp"));
  static const char* headers[] = {"weight-norm.cmp.method", "weight-norm.cmp.does", "weight-norm.cmp.note"};
  static const char* cells[3][3] = {{"weight-norm.cmp.wn", "weight-norm.cmp.wn.does", "weight-norm.cmp.wn.note"},
                                    {"weight-norm.cmp.wd", "weight-norm.cmp.wd.does", "weight-norm.cmp.wd.note"},
                                    {"weight-norm.cmp.bn", "weight-norm.cmp.bn.does", "weight-norm.cmp.bn.note"}};
  TextTableSpec spec;
  spec.id = "##cmp";
  spec.columns = 3;
  spec.rows = 3;
  spec.weights = {0.7f, 1.4f, 1.2f};
  spec.cell = [&](int r, int c) { return ctx.tr(r < 0 ? headers[c] : cells[r][c]); };
  drawTextTable(spec);
}

void WeightNormLesson::drawCanvas(LessonContext& ctx) {
  // The weight plane is the lesson; the norms over the descent and the comparison table follow.
  m_layout.begin(ctx.scale, ctx.probe);
  m_layout.add({"##space", ctx.tr("weight-norm.tab.space"), 12.0f, 10.0f, 1.0f, 2.0f, 0},
               [&](ImVec2 s) { drawWeightSpace(ctx, s); });
  m_layout.add({"##legend", ctx.tr("weight-norm.tab.legend"), 12.0f, 3.5f, 4.0f, 0.3f, 1},
               [&](ImVec2 s) { drawSpaceLegend(ctx, s.x); });
  m_layout.add(plotPanel("##norms", ctx.tr("weight-norm.tab.norms"), 2), [&](ImVec2 s) { drawNormPlot(ctx, s); });
  PanelSpec table{"##cmp", ctx.tr("weight-norm.tab.cmp"), 14.0f, 8.0f, 1.4f, 1.0f, 3};
  table.scroll = true;
  m_layout.add(table, [&](ImVec2) { drawComparison(ctx); });
  m_layout.end();
}

// [SECTION] Formula

std::string WeightNormLesson::formulaLatex() const {
  auto L = [](double v) { return latexNumber(v); };
  auto vec = [&](const Eigen::Vector2d& v) { return "(" + L(v.x()) + ", " + L(v.y()) + ")"; };
  std::string t = R"(\begin{aligned})" "\n";
  t += R"(w &= g\,\frac{v}{\|v\|} = )" + L(m_p.g) + R"( \times \frac{)" + vec(m_v) + "}{" + L(m_v.norm()) + "} = " +
       vec(m_w) + R"(,\quad \|w\| = g\\)" "\n";
  t += R"(\nabla_w L &= A(w - w^*) = )" + vec(m_gradW) + R"(,\quad L = )" + L(m_q.loss(m_w)) + R"(\\)" "\n";
  t += R"(\frac{\partial L}{\partial g} &= \nabla_w L \cdot \frac{v}{\|v\|} = )" + L(m_gradG) + R"(\\)" "\n";
  t += R"(\nabla_v L &= \frac{g}{\|v\|}\left(I - \frac{v v^\top}{\|v\|^2}\right)\nabla_w L = )" + vec(m_gradV) +
       R"(,\quad v \cdot \nabla_v L = )" + L(m_v.dot(m_gradV)) + "\n";
  t += R"(\end{aligned})";
  return t;
}

void WeightNormLesson::drawFormula(LessonContext& ctx) {
  const double vn = m_v.norm();
  formulaText(ctx.tr("weight-norm.f.w"), double(m_p.g), m_v.x(), m_v.y(), vn, m_w.x(), m_w.y());
  formulaText(ctx.tr("weight-norm.f.len"), m_w.norm(), vn);
  formulaText(ctx.tr("weight-norm.f.grad"), m_gradW.x(), m_gradW.y(), m_q.loss(m_w));
  formulaText(ctx.tr("weight-norm.f.g"), m_gradG);
  formulaText(ctx.tr("weight-norm.f.v"), m_gradV.x(), m_gradV.y());
  formulaText(ctx.tr("weight-norm.f.perp"), m_v.dot(m_gradV));
  formulaText(ctx.tr("weight-norm.f.end"), m_p.steps);
  // A diverged path has no final loss worth printing (it may be 1e300 or inf): say so instead.
  char loss[3][32];
  const Eigen::Vector2d ends[3] = {m_plain.back(), m_wn.w.back(), m_decayPath.back()};
  for (int i = 0; i < 3; ++i) {
    if (m_pathDiverged[i])
      std::snprintf(loss[i], sizeof loss[i], "%s", ctx.tr("weight-norm.div"));
    else
      std::snprintf(loss[i], sizeof loss[i], "%.4f", m_q.loss(ends[i]));
  }
  formulaText(ctx.tr("weight-norm.f.end.n"), loss[0], loss[1], loss[2]);
}

}  // namespace nr::app
