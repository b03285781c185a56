// weight-norm — weight normalization is a reparameterization, not a change of the loss: w = g·v/‖v‖ has length g
// and direction v/‖v‖. The teaching choice: draw v, w and the unit circle in the same plane as the loss contours,
// and split the gradient into the part along w (it changes g) and the part across v (it turns v), so the
// decoupling is visible; weight decay's path beside it shows the contrast (it moves the optimum, WN does not).
// All numbers come from the model (nr::core's weightNorm, weightNormBackward, descendPlain, descendWeightNorm).

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

WeightNormLesson::WeightNormLesson() {
  for (int i = 0; i <= 64; ++i) {
    m_circleX.push_back(std::cos(2 * M_PI * i / 64));
    m_circleY.push_back(std::sin(2 * M_PI * i / 64));
  }
  recompute();
}

const ParamTable<WeightNormLesson::Params>& WeightNormLesson::table() {
  static const auto t = ParamTable<Params>()
      .real("g", &Params::g, 0.1, 3.0).label("weight-norm.g").tip("weight-norm.g.tip")
      .real("vx", &Params::vx, -3.0, 3.0).label("weight-norm.vx").tip("weight-norm.v.tip")
      .real("vy", &Params::vy, -3.0, 3.0).label("weight-norm.vy").tip("weight-norm.v.tip")
      .real("opt_x", &Params::optX, -2.5, 2.5).label("weight-norm.optx").tip("weight-norm.opt.tip")
      .real("opt_y", &Params::optY, -2.5, 2.5).label("weight-norm.opty").tip("weight-norm.opt.tip")
      .real("elongation", &Params::elongation, 1.0, 10.0).log().format("%.1f").label("weight-norm.elong")
          .tip("weight-norm.elong.tip")
      .real("angle", &Params::angle, 0.0, 180.0).format("%.0f°").label("weight-norm.angle").tip("weight-norm.angle.tip")
      .real("lr", &Params::lr, 0.01, 0.9).log().format("%.2f").label("weight-norm.lr").tip("weight-norm.lr.tip")
      .integer("steps", &Params::steps, 0, 200).label("weight-norm.steps").tip("weight-norm.steps.tip")
      .real("decay", &Params::decay, 0.0, 2.0).label("weight-norm.decay").tip("weight-norm.decay.tip");
  return t;
}

void WeightNormLesson::reset() {
  m_p = Params();
  m_drag = 0;
  recompute();
}

nlohmann::json WeightNormLesson::params() const {
  nlohmann::json j;
  table().write(m_p, j);
  return j;
}

void WeightNormLesson::setParams(const nlohmann::json& j, std::vector<std::string>& warnings,
                                 std::vector<std::string>& errors) {
  Params p = m_p;
  ParamReader r(j, warnings, errors);
  table().read(r, p);
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

// [SECTION] Controls

void WeightNormLesson::drawControls(LessonContext& ctx) {
  bool changed = false;
  sectionHeader(ctx.tr("weight-norm.params"));
  for (const char* key : {"g", "vx", "vy"}) changed |= table().control(ctx, m_p, key);

  sectionHeader(ctx.tr("weight-norm.loss"));
  for (const char* key : {"opt_x", "opt_y"}) changed |= table().control(ctx, m_p, key);
  for (const char* key : {"elongation", "angle"}) changed |= table().control(ctx, m_p, key);

  sectionHeader(ctx.tr("weight-norm.descent"));
  for (const char* key : {"lr", "steps", "decay"}) changed |= table().control(ctx, m_p, key);
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
  const WeightNormModel& m = m_model;
  const Eigen::Vector2d &v = m.v(), &w = m.weight(), &gradW = m.gradW(), &gradV = m.gradV();
  // Gradient arrows are drawn to scale unless they would leave the picture: the factor is in the title.
  const double k = std::min(1.0, 1.5 / std::max(1e-9, gradW.norm()));
  char title[160];
  std::snprintf(title, sizeof title, ctx.tr("weight-norm.space.title"), k);
  PlotConfig cfg = plotConfig(ctx);
  cfg.title = title;
  cfg.legend = false;  // in the legend panel
  cfg.x.min = cfg.y.min = -3.0;
  cfg.x.max = cfg.y.max = 3.0;
  cfg.equalAspect = true;
  const Eigen::Vector2d along = m.gradG() * w.normalized() * (m_p.g >= 0 ? 1.0 : -1.0);
  const double ax[2] = {0, v.x()}, ay[2] = {0, v.y()}, wx[2] = {0, w.x()}, wy[2] = {0, w.y()};
  const double gx[2] = {w.x(), w.x() + k * gradW.x()}, gy[2] = {w.y(), w.y() + k * gradW.y()};
  const double lx[2] = {w.x(), w.x() + k * along.x()}, ly[2] = {w.y(), w.y() + k * along.y()};
  const double vx[2] = {v.x(), v.x() + k * gradV.x()}, vy[2] = {v.y(), v.y() + k * gradV.y()};
  const double ox = m.bowl().optimum.x(), oy = m.bowl().optimum.y();
  const float below = (m.diverged() ? 2.0f : 0.0f) * ImGui::GetTextLineHeightWithSpacing();
  if (!m_space.begin("##spaceplot", ImVec2(size.x, size.y - below), cfg)) return;
  for (int c = 0; c < WeightNormModel::kContourCount; ++c)
    m_space.line("##contour", m.contourX(c).data(), m.contourY(c).data(), static_cast<int>(m.contourX(c).size()),
                 styled(7, 1.0f));
  m_space.line("##circle", m_circleX.data(), m_circleY.data(), 65, styled(7, 1.5f, true));
  m_space.text(-0.71, 0.71, ctx.tr("weight-norm.s.circle"), ImVec2(1.0f, 1.0f), plotColor(7));
  auto path = [&](const char* key, const WeightNormModel::DrawnPath& p, int color) {
    m_space.line(ctx.tr(key), p.x.data(), p.y.data(), static_cast<int>(p.x.size()), styled(color, 2.0f));
  };
  path("weight-norm.s.plain", m.drawnPlain(), 5);
  path("weight-norm.s.decay", m.drawnDecay(), 4);
  path("weight-norm.s.wn", m.drawnWeightNorm(), 2);
  m_space.line("##v", ax, ay, 2, styled(7, 2.5f));
  m_space.line("##w", wx, wy, 2, styled(0, 3.5f));
  m_space.text(v.x(), v.y(), ctx.tr("weight-norm.s.v"), ImVec2(-0.3f, 0.5f), plotColor(7));
  m_space.text(0.5 * w.x(), 0.5 * w.y(), ctx.tr("weight-norm.s.w"), ImVec2(-0.05f, 1.1f), plotColor(0));
  m_space.line(ctx.tr("weight-norm.s.grad"), gx, gy, 2, styled(1, 2.5f));
  m_space.line(ctx.tr("weight-norm.s.along"), lx, ly, 2, styled(3, 2.5f));
  m_space.line(ctx.tr("weight-norm.s.across"), vx, vy, 2, styled(3, 2.5f, true));
  SeriesStyle opt = styled(1);
  opt.marker = 6.0f;
  m_space.scatter(ctx.tr("weight-norm.s.opt"), &ox, &oy, 1, opt);
  m_space.end();
  // Below the plane, not over it: the divergence, when it happened.
  if (m.diverged()) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(plotColor(1)));
    wrappedText(ctx.tr("weight-norm.diverged"), size.x);
    ImGui::PopStyleColor();
  }

  // Arrowheads on top, in pixels of the transform just used.
  const PlotTransform& tf = m_space.transform();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float head = 11.0f * ctx.scale;
  arrowHead(dl, tf.toPixel(0, 0), tf.toPixel(v.x(), v.y()), plotColor(7), head);
  arrowHead(dl, tf.toPixel(0, 0), tf.toPixel(w.x(), w.y()), plotColor(0), head * 1.2f);
  arrowHead(dl, tf.toPixel(gx[0], gy[0]), tf.toPixel(gx[1], gy[1]), plotColor(1), head);
  arrowHead(dl, tf.toPixel(lx[0], ly[0]), tf.toPixel(lx[1], ly[1]), plotColor(3), head);
  arrowHead(dl, tf.toPixel(vx[0], vy[0]), tf.toPixel(vx[1], vy[1]), plotColor(3), head);
  dragPoints(ctx);
}

void WeightNormLesson::dragPoints(LessonContext& ctx) {
  // Grab the tip of v or the optimum (whichever is within reach of the press), then follow the mouse.
  const PlotTransform& tf = m_space.transform();
  const Eigen::Vector2d v = m_model.v(), opt = m_model.bowl().optimum;
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  auto near = [&](double x, double y) {
    const ImVec2 p = tf.toPixel(x, y);
    return (p.x - mouse.x) * (p.x - mouse.x) + (p.y - mouse.y) * (p.y - mouse.y) < 400.0f * ctx.scale * ctx.scale;
  };
  if (m_space.clicked()) m_drag = near(v.x(), v.y()) ? 1 : near(opt.x(), opt.y()) ? 2 : 0;
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
  auto lengths = [&](const char* key, const WeightNormModel::DrawnPath& p, int color) {
    m_norms.line(ctx.tr(key), p.len.data(), static_cast<int>(p.len.size()), styled(color));
  };
  m_norms.hline(ctx.tr("weight-norm.s.optlen"), m_model.bowl().optimum.norm(), styled(7, 1.5f, true));
  lengths("weight-norm.s.plain", m_model.drawnPlain(), 5);
  lengths("weight-norm.s.decay", m_model.drawnDecay(), 4);
  lengths("weight-norm.s.wn", m_model.drawnWeightNorm(), 2);
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
  const WeightNormModel& m = m_model;
  const Eigen::Vector2d &v = m.v(), &w = m.weight();
  auto L = [](double x) { return latexNumber(x); };
  auto vec = [&](const Eigen::Vector2d& x) { return "(" + L(x.x()) + ", " + L(x.y()) + ")"; };
  std::string t = R"(\begin{aligned})" "\n";
  t += R"(w &= g\,\frac{v}{\|v\|} = )" + L(m_p.g) + R"( \times \frac{)" + vec(v) + "}{" + L(v.norm()) + "} = " +
       vec(w) + R"(,\quad \|w\| = g\\)" "\n";
  t += R"(\nabla_w L &= A(w - w^*) = )" + vec(m.gradW()) + R"(,\quad L = )" + L(m.bowl().loss(w)) + R"(\\)" "\n";
  t += R"(\frac{\partial L}{\partial g} &= \nabla_w L \cdot \frac{v}{\|v\|} = )" + L(m.gradG()) + R"(\\)" "\n";
  t += R"(\nabla_v L &= \frac{g}{\|v\|}\left(I - \frac{v v^\top}{\|v\|^2}\right)\nabla_w L = )" + vec(m.gradV()) +
       R"(,\quad v \cdot \nabla_v L = )" + L(v.dot(m.gradV())) + "\n";
  t += R"(\end{aligned})";
  return t;
}

void WeightNormLesson::drawFormula(LessonContext& ctx) {
  const WeightNormModel& m = m_model;
  const Eigen::Vector2d &v = m.v(), &w = m.weight();
  const double vn = v.norm();
  formulaText(ctx.tr("weight-norm.f.w"), double(m_p.g), v.x(), v.y(), vn, w.x(), w.y());
  formulaText(ctx.tr("weight-norm.f.len"), w.norm(), vn);
  formulaText(ctx.tr("weight-norm.f.grad"), m.gradW().x(), m.gradW().y(), m.bowl().loss(w));
  formulaText(ctx.tr("weight-norm.f.g"), m.gradG());
  formulaText(ctx.tr("weight-norm.f.v"), m.gradV().x(), m.gradV().y());
  formulaText(ctx.tr("weight-norm.f.perp"), v.dot(m.gradV()));
  formulaText(ctx.tr("weight-norm.f.end"), m_p.steps);
  // A diverged path has no final loss worth printing (it may be 1e300 or inf): say so instead.
  char loss[3][32];
  const Eigen::Vector2d ends[3] = {m.plainPath().back(), m.weightNormPath().w.back(), m.decayPath().back()};
  const bool diverged[3] = {m.drawnPlain().diverged, m.drawnWeightNorm().diverged, m.drawnDecay().diverged};
  for (int i = 0; i < 3; ++i) {
    if (diverged[i])
      std::snprintf(loss[i], sizeof loss[i], "%s", ctx.tr("weight-norm.div"));
    else
      std::snprintf(loss[i], sizeof loss[i], "%.4f", m.bowl().loss(ends[i]));
  }
  formulaText(ctx.tr("weight-norm.f.end.n"), loss[0], loss[1], loss[2]);
}

}  // namespace nr::app
