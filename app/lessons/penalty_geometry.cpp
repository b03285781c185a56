// penalty-geometry — the L1 diamond and the L2 circle over the same loss. The teaching choice: draw the ball that
// passes through the exact penalized optimum and the loss contour through the same point, so the tangency is
// visible, and show the optimum's path as λ grows: the L1 path runs into an axis and stays there (an exact zero),
// the L2 path only approaches 0. All optima come from nr::core's exact 2-D solvers.

#include "lessons/penalty_geometry.h"

#include <imgui.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>

#include "lessons/controls.h"
#include "kit/latex.h"
#include "kit/text.h"

namespace nr::app {

namespace {
constexpr double kHalf = 3.0;  // each panel shows [-3, 3]²
/// The penalized optimum and the note that one of its coordinates is exactly 0: vermillion.
ImU32 optimumColor() { return plotColor(1); }
// λ's log slider starts at 1e-3, though a scene may hold 0 (no penalty at all).
constexpr double kLambdaSliderMin = 1e-3;
}  // namespace

PenaltyGeometryLesson::PenaltyGeometryLesson() = default;  // the model starts at the default Params, as m_p

void PenaltyGeometryLesson::update(double /*dt*/) { m_model.sampleMonteCarlo(400); }

void PenaltyGeometryLesson::reset() {
  m_p = Params();
  m_model = PenaltyGeometryModel();  // the first stream of random losses again
  setPlaying(false);
}

const ParamTable<PenaltyGeometryLesson::Params>& PenaltyGeometryLesson::table() {
  // λ, the angle, the third ball and p have their own controls: λ's log slider starts above the 0 a scene may hold,
  // the angle slider spans one turn in degrees while scenes may hold up to ±3.2 radians, the third ball is a pair of
  // radio buttons, and p's slider names its left end "0 (L0)". p also visits 0.05, the nearly-L0 star.
  static const auto t = ParamTable<Params>()
      .real("lambda", &Params::lambda, 0.0, 10.0).hidden()
      .real("optimum_x", &Params::optimumX, -2.5, 2.5).format("%.2f")
          .label("penalty-geometry.wx").tip("penalty-geometry.w.tip")
      .real("optimum_y", &Params::optimumY, -2.5, 2.5).format("%.2f")
          .label("penalty-geometry.wy").tip("penalty-geometry.w.tip")
      .real("angle", &Params::angle, -3.2, 3.2).hidden()
      .real("axis_ratio", &Params::axisRatio, 1.0, 10.0).format("%.1f")
          .label("penalty-geometry.ratio").tip("penalty-geometry.ratio.tip")
      .choice("third", &Params::third, {"lp", "elasticnet"}, {"penalty-geometry.lp", "penalty-geometry.enet"}).hidden()
      .real("p", &Params::p, 0.0, 4.0).hidden().extremes({0.0, 0.05, 4.0})
      .boolean("p_infinity", &Params::pInfinity).label("penalty-geometry.inf").tip("penalty-geometry.inf.tip")
      .real("alpha", &Params::alpha, 0.0, 1.0).format("%.2f")
          .label("penalty-geometry.alpha").tip("penalty-geometry.alpha.tip");
  return t;
}

nlohmann::json PenaltyGeometryLesson::params() const {
  nlohmann::json j;
  table().write(m_p, j);
  return j;
}

void PenaltyGeometryLesson::setParams(const nlohmann::json& j, std::vector<std::string>& warnings,
                                      std::vector<std::string>& errors) {
  Params p = m_p;
  ParamReader r(j, warnings, errors);
  table().read(r, p);
  if (!r.finish()) return;
  m_p = p;
  m_model.set(m_p);
}

void PenaltyGeometryLesson::interact(int frame) {
  m_p.lambda = 0.05 + 1.5 * (0.5 + 0.5 * std::sin(frame * 0.1));
  m_model.set(m_p);
}

void PenaltyGeometryLesson::drawControls(LessonContext& ctx) {
  bool changed = false;
  changed |= logSlider(ctx, ctx.tr("penalty-geometry.lambda"), m_p.lambda, kLambdaSliderMin, table().spec("lambda").hi);
  itemTooltip(ctx.tr("penalty-geometry.lambda.tip"));
  ImGui::Spacing();
  wrappedTextDisabled(ctx.tr("penalty-geometry.loss"));
  ImGui::Separator();
  changed |= drawLossControls(ctx);
  ImGui::Spacing();
  wrappedTextDisabled(ctx.tr("penalty-geometry.third"));
  ImGui::Separator();
  changed |= drawThirdControls(ctx);
  if (changed) m_model.set(m_p);
  ImGui::Spacing();
  wrappedTextDisabled(ctx.tr("penalty-geometry.mc"));
  ImGui::Separator();
  if (button(ctx.tr("penalty-geometry.mc.reset"))) m_model.clearCounts();
  itemTooltip(ctx.tr("penalty-geometry.mc.tip"));
}

bool PenaltyGeometryLesson::drawLossControls(LessonContext& ctx) {
  bool changed = false;
  changed |= table().control(ctx, m_p, "optimum_x");
  changed |= table().control(ctx, m_p, "optimum_y");
  changed |= sliderAngle(ctx, ctx.tr("penalty-geometry.angle"), m_p.angle, -180.0f, 180.0f);
  itemTooltip(ctx.tr("penalty-geometry.angle.tip"));
  changed |= table().control(ctx, m_p, "axis_ratio");
  return changed;
}

bool PenaltyGeometryLesson::drawThirdControls(LessonContext& ctx) {
  bool changed = false;
  changed |= radioButton(ctx.tr("penalty-geometry.lp"), &m_p.third, PenaltyGeometryModel::kLp);
  sameLineIfRoom(ctx.tr("penalty-geometry.enet"));
  changed |= radioButton(ctx.tr("penalty-geometry.enet"), &m_p.third, PenaltyGeometryModel::kElasticNet);
  if (m_p.third == PenaltyGeometryModel::kElasticNet) return changed | table().control(ctx, m_p, "alpha");
  const ParamSpec& p = table().spec("p");
  ImGui::BeginDisabled(m_p.pInfinity);
  changed |= sliderFloat(ctx, ctx.tr("penalty-geometry.p"), m_p.p, float(p.lo), float(p.hi),
                         m_p.p == 0.0f ? "0 (L0)" : "%.2f");
  ImGui::EndDisabled();
  itemTooltip(ctx.tr("penalty-geometry.p.tip"));
  changed |= table().control(ctx, m_p, "p_infinity");
  return changed;
}

void PenaltyGeometryLesson::drawCanvas(LessonContext& ctx) {
  // The three balls side by side are the lesson: they come first; the Monte-Carlo count follows.
  m_layout.begin(ctx.scale, ctx.probe);
  for (int k = 0; k < 3; ++k) {
    static const char* ids[] = {"##l1", "##l2", "##third"};
    static const char* tabs[] = {"penalty-geometry.l1", "penalty-geometry.l2", "penalty-geometry.tab.third"};
    m_layout.add({ids[k], ctx.tr(tabs[k]), 8.0f, 10.0f, 0.8f, 1.5f, k}, [this, &ctx, k](ImVec2 s) { drawPanel(ctx, k, s); });
  }
  m_layout.add(plotPanel("##mc", ctx.tr("penalty-geometry.tab.mc"), 3, 2.0f),
               [&](ImVec2 s) { drawMonteCarlo(ctx, s); });
  m_layout.end();
}

static void panelTitle(LessonContext& ctx, int k, const PenaltyGeometryModel::Params& p, char* title, size_t size) {
  if (k == 0) std::snprintf(title, size, "%s", ctx.tr("penalty-geometry.l1"));
  if (k == 1) std::snprintf(title, size, "%s", ctx.tr("penalty-geometry.l2"));
  if (k == 2) {
    if (p.third == 1)
      std::snprintf(title, size, "%s, α = %.2f", ctx.tr("penalty-geometry.enet"), p.alpha);
    else if (p.pInfinity) std::snprintf(title, size, "L∞");
    else if (p.p == 0.0f) std::snprintf(title, size, "L0");
    else std::snprintf(title, size, "Lp, p = %.2f", p.p);
  }
}

void PenaltyGeometryLesson::drawPanel(LessonContext& ctx, int k, ImVec2 size) {
  char title[96];
  panelTitle(ctx, k, m_p, title, sizeof title);
  // Below the picture, never over it: the optimum's coordinates and, where one is exactly 0, a note.
  const float line = ImGui::GetTextLineHeightWithSpacing();
  Plot& plane = m_plane[std::size_t(k)];
  const float top = ImGui::GetCursorScreenPos().y;
  drawPlane(ctx, k, title, ImVec2(size.x, size.y - 2.25f * line));
  if (plane.held()) dragOptimum(plane.transform());
  hoverTooltip(plane.hovered(), plane.held(), ctx.tr("penalty-geometry.drag"));
  const core::GeometryResult& opt = m_model.optimum(k);
  char label[96];
  std::snprintf(label, sizeof label, "ŵ = (%.3g, %.3g)", opt.w.x(), opt.w.y());
  ImGui::SetCursorScreenPos(ImVec2(ImGui::GetWindowPos().x, std::max(ImGui::GetCursorScreenPos().y, top)));
  clippedText(label, size.x);
  if (opt.w.x() == 0.0 || opt.w.y() == 0.0) {
    ImGui::PushStyleColor(ImGuiCol_Text, optimumColor());
    clippedText(ctx.tr("penalty-geometry.zero"), size.x);
    ImGui::PopStyleColor();
  }
}

void PenaltyGeometryLesson::dragOptimum(const PlotTransform& tf) {
  // w* follows the mouse anywhere on the plane (held after pressing on it), kept where the sliders can reach.
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  m_p.optimumX = std::clamp(float(tf.toDataX(mouse.x)), -2.5f, 2.5f);
  m_p.optimumY = std::clamp(float(tf.toDataY(mouse.y)), -2.5f, 2.5f);
  m_model.set(m_p);
}

/// The loss contour ½(w − w*)ᵀA(w − w*) = level: the ellipse around w* with semi-axes axisᵢ·√(2·level).
static void lossContour(const core::Quadratic2& q, double level, std::vector<Eigen::Vector2d>& out) {
  out.clear();
  if (!(level > 0)) return;
  const double s = std::sqrt(2 * level), c = std::cos(q.angle), sn = std::sin(q.angle);
  for (int i = 0; i < 72; ++i) {
    const double th = 6.283185307179586 * i / 72;
    const double a = q.axis1 * s * std::cos(th), b = q.axis2 * s * std::sin(th);
    out.push_back(q.optimum + Eigen::Vector2d(c * a - sn * b, sn * a + c * b));
  }
}

void PenaltyGeometryLesson::drawPlane(LessonContext& ctx, int k, const char* title, ImVec2 room) {
  const core::Quadratic2 q = m_model.quadratic();
  const core::GeometryResult& opt = m_model.optimum(k);
  const std::vector<Eigen::Vector2d>& ball = m_model.ball(k);
  static constexpr double kLevels[6] = {0.05, 0.2, 0.5, 1.0, 2.0, 3.5};
  for (int i = 0; i < 6; ++i) lossContour(q, kLevels[i], m_contours[std::size_t(i)]);
  lossContour(q, opt.loss, m_contours[6]);  // the contour that touches the ball at the optimum
  Plot& plane = m_plane[std::size_t(k)];
  // As tall as a square picture needs at this width, at most the room there is (the text below follows it).
  const ImVec2 size(room.x, plane.heightForSquare(room.x, room.y));
  const char* id = k == 0 ? "##plane0" : k == 1 ? "##plane1" : "##plane2";
  if (!plane.begin(id, size, weightPlaneConfig(plotConfig(ctx), kHalf, title, room))) return;
  weightPlaneAxes(plane, kHalf);
  SeriesStyle contour{plotColor(0, 0.55f), 1.0f};
  for (int i = 0; i < 6; ++i) {
    const std::vector<Eigen::Vector2d>& c = m_contours[std::size_t(i)];
    plane.polygon("##contour", xsOf(c), ysOf(c), int(c.size()), contour);
  }
  // The ball through the optimum (filled where it is convex), or for L0 with one non-zero the two axes.
  SeriesStyle ballStyle{plotColor(4), 1.5f};
  ballStyle.fillAlpha = k < 2 || m_model.thirdConvex() ? 0.25f : -1.0f;
  if (!ball.empty()) {
    plane.polygon("##ball", xsOf(ball), ysOf(ball), int(ball.size()), ballStyle);
  } else if (k == 2) {
    ballStyle.weight = 2.25f;
    plane.vline("##ball-x", 0.0, ballStyle);
    plane.hline("##ball-y", 0.0, ballStyle);
  }
  plane.polygon("##touch", xsOf(m_contours[6]), ysOf(m_contours[6]), int(m_contours[6].size()), SeriesStyle{plotColor(0), 1.5f});
  // The path as λ grows, w* (a ring) and the optimum (a dot).
  const std::vector<Eigen::Vector2d>& path = m_model.path(k);
  plane.line("##path", xsOf(path), ysOf(path), int(path.size()), SeriesStyle{plotColor(2), 1.5f});
  SeriesStyle ring{ImGui::GetColorU32(ImGuiCol_Text), 1.5f, 6.0f};
  ring.shape = SeriesStyle::Marker::Ring;
  plane.scatter("##wstar", &q.optimum.x(), &q.optimum.y(), 1, ring);
  plane.scatter("##optimum", &opt.w.x(), &opt.w.y(), 1, SeriesStyle{optimumColor(), 1.5f, 5.0f});
  plane.end();
}

void PenaltyGeometryLesson::drawMonteCarlo(LessonContext& ctx, ImVec2 size) {
  m_share.assign(3, 0.0);
  for (int i = 0; i < 3; ++i) m_share[i] = m_model.share(i);
  static const double xs[3] = {0, 1, 2};
  char mcTitle[160];
  std::snprintf(mcTitle, sizeof mcTitle, ctx.tr("penalty-geometry.mc.title"), static_cast<long long>(m_model.samples()));
  // The penalties' names on the category axis, the shares as numbers over the bars.
  const char* names[3] = {ctx.tr("penalty-geometry.l1"), ctx.tr("penalty-geometry.l2"),
                          ctx.tr("penalty-geometry.enet")};
  PlotConfig cfg = plotConfig(ctx);
  cfg.title = mcTitle;
  cfg.y.label = ctx.tr("penalty-geometry.share");
  cfg.y.min = 0.0;
  cfg.y.max = 1.15;  // room above a full bar for its number
  cfg.x.categories = names;
  cfg.x.categoryCount = 3;
  cfg.legend = false;
  if (!m_mcPlot.begin("##mcplot", size, cfg)) return;
  SeriesStyle s;
  s.color = plotColor(0);
  m_mcPlot.bars("##share", xs, m_share.data(), 3, 0.6, s);
  char bufs[3][32];  // the plot borrows each label until end()
  for (int i = 0; i < 3; ++i) {
    std::snprintf(bufs[i], sizeof bufs[i], "%.1f%%", 100.0 * m_share[i]);
    m_mcPlot.text(xs[i], m_share[i] + 0.02, bufs[i], ImVec2(0.5f, 1.0f));
  }
  m_mcPlot.end();
}

void PenaltyGeometryLesson::drawFormula(LessonContext& /*ctx*/) {
  const core::Quadratic2 q = m_model.quadratic();
  const std::array<Eigen::Vector2d, 3> w = {m_model.optimum(0).w, m_model.optimum(1).w, m_model.optimum(2).w};
  wrappedText("ŵ = argmin_w  ½(w − w*)ᵀA(w − w*) + λ·P(w)");
  formulaText("   w* = (%.2f, %.2f),  λ = %.3g", q.optimum.x(), q.optimum.y(), m_p.lambda);
  formulaText("L1:  P = ‖w‖₁          ŵ = (%.4g, %.4g)", w[0].x(), w[0].y());
  formulaText("L2:  P = ½‖w‖²₂         ŵ = (%.4g, %.4g)", w[1].x(), w[1].y());
  if (m_p.third == 1)
    formulaText("EN:  P = α‖w‖₁ + (1−α)/2‖w‖²,  α = %.2f   ŵ = (%.4g, %.4g)", m_p.alpha, w[2].x(), w[2].y());
  else if (m_p.pInfinity)  // the penalties the solver uses at the ends of the slider, printed as what they are
    formulaText("L∞:  P = max|wᵢ|         ŵ = (%.4g, %.4g)", w[2].x(), w[2].y());
  else if (m_p.p == 0.0f)
    formulaText("L0:  P = ‖w‖₀ = #{i : wᵢ ≠ 0}   ŵ = (%.4g, %.4g)", w[2].x(), w[2].y());
  else
    formulaText("Lp:  P = (1/p)Σ|wᵢ|ᵖ,  p = %.2f   ŵ = (%.4g, %.4g)", m_p.p, w[2].x(), w[2].y());
}

std::string PenaltyGeometryLesson::formulaLatex() const {
  // Every panel's P and its optimum, the third as the panel shows it (elastic net, Lp, L0 or L∞).
  auto point = [](const Eigen::Vector2d& w) { return "(" + latexNumber(w.x()) + ", " + latexNumber(w.y()) + ")"; };
  std::string third;
  if (m_p.third == 1)
    third = "\\text{EN: } P = \\alpha\\|w\\|_1 + \\tfrac{1-\\alpha}{2}\\|w\\|_2^2,\\ \\alpha = " + latexNumber(m_p.alpha, 2) +
            ",\\ \\hat w = ";
  else if (m_p.pInfinity)
    third = "\\text{L}\\infty\\text{: } P = \\max_i |w_i|,\\ \\hat w = ";
  else if (m_p.p == 0.0f)
    third = "\\text{L0: } P = \\|w\\|_0 = \\#\\{i : w_i \\ne 0\\},\\ \\hat w = ";
  else
    third = "\\text{Lp: } P = \\tfrac{1}{p}\\textstyle\\sum_i |w_i|^p,\\ p = " + latexNumber(m_p.p, 2) + ",\\ \\hat w = ";
  return "\\begin{aligned}\n"
         "\\hat w &= \\arg\\min_w \\tfrac12 (w - w^*)^\\top A (w - w^*) + \\lambda P(w),\\quad \\lambda = " +
         latexNumber(m_p.lambda) + "\\\\\n"
         "& \\text{L1: } P = \\|w\\|_1,\\ \\hat w = " + point(m_model.optimum(0).w) + "\\\\\n"
         "& \\text{L2: } P = \\tfrac12\\|w\\|_2^2,\\ \\hat w = " + point(m_model.optimum(1).w) + "\\\\\n"
         "& " + third + point(m_model.optimum(2).w) + "\n"
         "\\end{aligned}";
}

}  // namespace nr::app
