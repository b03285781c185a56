// penalty-geometry — the L1 diamond and the L2 circle over the same loss. The teaching choice: draw the ball that
// passes through the exact penalized optimum and the loss contour through the same point, so the tangency is
// visible, and show the optimum's path as λ grows: the L1 path runs into an axis and stays there (an exact zero),
// the L2 path only approaches 0. All optima come from nr::core's exact 2-D solvers.

#include "lessons/penalty_geometry.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

#include "nr/rng.h"
#include "lessons/controls.h"
#include "kit/latex.h"
#include "kit/text.h"

namespace nr::app {

PenaltyGeometryLesson::PenaltyGeometryLesson() {
  recompute();
  sampleMonteCarlo(300);  // a first count, so the bars say something before Play
}

core::Quadratic2 PenaltyGeometryLesson::quadratic() const {
  core::Quadratic2 q;
  q.optimum = Eigen::Vector2d(m_p.optimumX, m_p.optimumY);
  q.angle = m_p.angle;
  q.axis1 = 1.0 * std::sqrt(m_p.axisRatio);
  q.axis2 = 1.0 / std::sqrt(m_p.axisRatio);
  return q;
}

double PenaltyGeometryLesson::thirdP() const {
  return m_p.pInfinity ? std::numeric_limits<double>::infinity() : double(m_p.p);
}

void PenaltyGeometryLesson::recompute() {
  // The Monte-Carlo shares hold for one λ and α: start counting again when either changes.
  if (m_mcLambda != m_p.lambda || m_mcAlpha != m_p.alpha) {
    m_mcLambda = m_p.lambda;
    m_mcAlpha = m_p.alpha;
    m_samples = 0;
    m_sparse = {0, 0, 0};
    if (m_mcLambda >= 0 && m_samples == 0 && m_started) sampleMonteCarlo(300);
  }
  m_started = true;
  const core::Quadratic2 q = quadratic();
  auto solve = [&](int panel, double lambda) {
    if (panel == 0) return core::penalizedOptimum(q, 1.0, lambda);
    if (panel == 1) return core::penalizedOptimum(q, 2.0, lambda);
    if (m_p.third == 1) return core::elasticNetOptimum(q, lambda, m_p.alpha);
    return core::penalizedOptimum(q, thirdP(), lambda);
  };
  const PathKey key{m_p.optimumX, m_p.optimumY, m_p.angle, m_p.axisRatio, m_p.p, m_p.alpha, m_p.third, m_p.pInfinity};
  const bool pathsValid = key == m_pathKey;
  m_pathKey = key;
  for (int k = 0; k < 3; ++k) {
    m_opt[k] = solve(k, m_p.lambda);
    // The path as λ grows: cheap closed forms for L1, L2 and the elastic net; a coarser one for general p
    // (a numeric search per point). It does not depend on the current λ, so moving λ reuses it.
    const bool closed = k < 2 || m_p.third == 1 || m_p.pInfinity || m_p.p == 1.0f || m_p.p == 2.0f || m_p.p == 0.0f;
    const int points = closed ? 80 : 24;
    if (!pathsValid) {
      m_path[k].clear();
      m_path[k].push_back(q.optimum);
      for (int i = 0; i < points; ++i) m_path[k].push_back(solve(k, 1e-3 * std::pow(1e4, double(i) / (points - 1))).w);
    }
    // The ball through the optimum: {w : ‖w‖ ≤ ‖ŵ‖} in the panel's own norm.
    const double p = k == 0 ? 1.0 : k == 1 ? 2.0 : thirdP();
    m_ball[k].clear();
    if (k == 2 && m_p.third == 1) {
      // Elastic-net ball through ŵ: α|w|₁ + (1−α)/2‖w‖² = c, drawn along rays.
      const Eigen::Vector2d& w = m_opt[k].w;
      const double a = m_p.alpha, c = a * w.lpNorm<1>() + 0.5 * (1 - a) * w.squaredNorm();
      for (int i = 0; i <= 128; ++i) {
        const double th = 6.283185307179586 * i / 128;
        const Eigen::Vector2d u(std::cos(th), std::sin(th));
        const double l1 = u.lpNorm<1>(), l2 = 1.0;
        // a·l1·r + (1−a)/2·l2·r² = c
        const double r = (1 - a) > 1e-12 ? (-a * l1 + std::sqrt(a * a * l1 * l1 + 2 * (1 - a) * l2 * c)) / ((1 - a) * l2)
                                         : c / (a * l1);
        m_ball[k].push_back(r * u);
      }
    } else if (p > 0) {
      const double radius = core::lpNorm(m_opt[k].w, p);
      for (const Eigen::Vector2d& b : core::unitBallBoundary(p, 256)) m_ball[k].push_back(radius * b);
    }
  }
}

void PenaltyGeometryLesson::sampleMonteCarlo(int count) {
  core::Rng rng(m_mcState);
  for (int i = 0; i < count; ++i) {
    const core::Quadratic2 q = core::randomQuadratic(rng);
    const Eigen::Vector2d w1 = core::penalizedOptimum(q, 1.0, m_p.lambda).w;
    const Eigen::Vector2d w2 = core::penalizedOptimum(q, 2.0, m_p.lambda).w;
    const Eigen::Vector2d we = core::elasticNetOptimum(q, m_p.lambda, m_p.alpha).w;
    m_sparse[0] += (w1.x() == 0.0 || w1.y() == 0.0);
    m_sparse[1] += (w2.x() == 0.0 || w2.y() == 0.0);
    m_sparse[2] += (we.x() == 0.0 || we.y() == 0.0);
    ++m_samples;
  }
  m_mcState = rng.next();
}

void PenaltyGeometryLesson::update(double /*dt*/) { sampleMonteCarlo(400); }

void PenaltyGeometryLesson::reset() {
  m_p = Params();
  m_mcState = 12345;
  m_mcLambda = -1;
  setPlaying(false);
  recompute();
}

nlohmann::json PenaltyGeometryLesson::params() const {
  return {{"lambda", m_p.lambda}, {"optimum_x", m_p.optimumX}, {"optimum_y", m_p.optimumY}, {"angle", m_p.angle},
          {"axis_ratio", m_p.axisRatio}, {"third", m_p.third == 1 ? "elasticnet" : "lp"}, {"p", m_p.p},
          {"p_infinity", m_p.pInfinity}, {"alpha", m_p.alpha}};
}

void PenaltyGeometryLesson::setParams(const nlohmann::json& j, std::vector<std::string>& warnings,
                                      std::vector<std::string>& errors) {
  Params p = m_p;
  ParamReader r(j, warnings, errors);
  r.read("lambda", p.lambda, 0.0, 10.0);
  r.read("optimum_x", p.optimumX, -2.5f, 2.5f);
  r.read("optimum_y", p.optimumY, -2.5f, 2.5f);
  r.read("angle", p.angle, -3.2f, 3.2f);
  r.read("axis_ratio", p.axisRatio, 1.0f, 10.0f);
  r.readChoice("third", p.third, {"lp", "elasticnet"});
  r.read("p", p.p, 0.0f, 4.0f);
  r.read("p_infinity", p.pInfinity);
  r.read("alpha", p.alpha, 0.0f, 1.0f);
  if (!r.finish()) return;
  m_p = p;
  recompute();
}

void PenaltyGeometryLesson::interact(int frame) {
  m_p.lambda = 0.05 + 1.5 * (0.5 + 0.5 * std::sin(frame * 0.1));
  recompute();
}

void PenaltyGeometryLesson::applyExtreme(int step) {
  Params p;
  switch (step) {
    case 0: p.lambda = 0.0, p.p = 0.0f, p.axisRatio = 1.0f; break;
    case 1: p.lambda = 10.0, p.pInfinity = true, p.axisRatio = 10.0f; break;
    case 2: p.optimumX = -2.5f, p.optimumY = 2.5f, p.angle = -3.2f, p.p = 4.0f; break;
    case 3: p.third = 1, p.alpha = 0.0f, p.optimumX = 0.0f, p.optimumY = 0.0f; break;
    case 4: p.third = 1, p.alpha = 1.0f, p.angle = 3.2f; break;
    default: p.p = 0.05f, p.lambda = 2.0; break;
  }
  m_p = p;
  recompute();
  sampleMonteCarlo(50);
}

void PenaltyGeometryLesson::drawControls(LessonContext& ctx) {
  bool changed = false;
  changed |= logSlider(ctx, ctx.tr("penalty-geometry.lambda"), m_p.lambda, 1e-3, 10.0);
  itemTooltip(ctx.tr("penalty-geometry.lambda.tip"));
  ImGui::Spacing();
  wrappedTextDisabled(ctx.tr("penalty-geometry.loss"));
  ImGui::Separator();
  changed |= sliderFloat(ctx, ctx.tr("penalty-geometry.wx"), m_p.optimumX, -2.5f, 2.5f, "%.2f");
  itemTooltip(ctx.tr("penalty-geometry.w.tip"));
  changed |= sliderFloat(ctx, ctx.tr("penalty-geometry.wy"), m_p.optimumY, -2.5f, 2.5f, "%.2f");
  itemTooltip(ctx.tr("penalty-geometry.w.tip"));
  changed |= sliderAngle(ctx, ctx.tr("penalty-geometry.angle"), m_p.angle, -180.0f, 180.0f);
  itemTooltip(ctx.tr("penalty-geometry.angle.tip"));
  changed |= sliderFloat(ctx, ctx.tr("penalty-geometry.ratio"), m_p.axisRatio, 1.0f, 10.0f, "%.1f");
  itemTooltip(ctx.tr("penalty-geometry.ratio.tip"));
  ImGui::Spacing();
  wrappedTextDisabled(ctx.tr("penalty-geometry.third"));
  ImGui::Separator();
  changed |= radioButton(ctx.tr("penalty-geometry.lp"), &m_p.third, 0);
  sameLineIfRoom(ctx.tr("penalty-geometry.enet"));
  changed |= radioButton(ctx.tr("penalty-geometry.enet"), &m_p.third, 1);
  if (m_p.third == 0) {
    ImGui::BeginDisabled(m_p.pInfinity);
    changed |= sliderFloat(ctx, ctx.tr("penalty-geometry.p"), m_p.p, 0.0f, 4.0f, m_p.p == 0.0f ? "0 (L0)" : "%.2f");
    ImGui::EndDisabled();
    itemTooltip(ctx.tr("penalty-geometry.p.tip"));
    changed |= checkbox(ctx.tr("penalty-geometry.inf"), &m_p.pInfinity);
    itemTooltip(ctx.tr("penalty-geometry.inf.tip"));
  } else {
    changed |= sliderFloat(ctx, ctx.tr("penalty-geometry.alpha"), m_p.alpha, 0.0f, 1.0f, "%.2f");
    itemTooltip(ctx.tr("penalty-geometry.alpha.tip"));
  }
  if (changed) recompute();
  ImGui::Spacing();
  wrappedTextDisabled(ctx.tr("penalty-geometry.mc"));
  ImGui::Separator();
  if (button(ctx.tr("penalty-geometry.mc.reset"))) {
    m_samples = 0;
    m_sparse = {0, 0, 0};
  }
  itemTooltip(ctx.tr("penalty-geometry.mc.tip"));
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

void PenaltyGeometryLesson::drawPanel(LessonContext& ctx, int k, ImVec2 size) {
  const double half = 3.0;  // each panel shows [-3, 3]²
  const core::Quadratic2 q = quadratic();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImU32 textCol = ImGui::GetColorU32(ImGuiCol_Text);
  const ImU32 axisCol = ImGui::GetColorU32(ImGuiCol_Border);
  const ImU32 contourCol = IM_COL32(90, 110, 160, 160), touchCol = IM_COL32(30, 60, 140, 255);
  const ImU32 ballFill = IM_COL32(230, 159, 0, 60), ballLine = IM_COL32(200, 120, 0, 255);
  const ImU32 pathCol = plotColor(2), optCol = IM_COL32(200, 30, 30, 255);
  const float thick = std::max(2.0f, std::round(1.5f * ctx.scale * (ctx.highContrast ? 1.5f : 1.0f)));
  char title[96];
  if (k == 0) std::snprintf(title, sizeof title, "%s", ctx.tr("penalty-geometry.l1"));
  if (k == 1) std::snprintf(title, sizeof title, "%s", ctx.tr("penalty-geometry.l2"));
  if (k == 2) {
    if (m_p.third == 1)
      std::snprintf(title, sizeof title, "%s, α = %.2f", ctx.tr("penalty-geometry.enet"), m_p.alpha);
    else if (m_p.pInfinity) std::snprintf(title, sizeof title, "L∞");
    else if (m_p.p == 0.0f) std::snprintf(title, sizeof title, "L0");
    else std::snprintf(title, sizeof title, "Lp, p = %.2f", m_p.p);
  }
  // Below the picture, never over it: the optimum's coordinates and, where one is exactly 0, a note.
  const float line = ImGui::GetTextLineHeightWithSpacing();
  const float side = pictureWithTitle(title, ImVec2(size.x, size.y - 2.0f * line));
  const ImVec2 p0 = ImGui::GetCursorScreenPos();
  ImGui::InvisibleButton("##plane", ImVec2(side, side));
  const bool hovered = ImGui::IsItemHovered(), active = ImGui::IsItemActive();
  auto toScreen = [&](const Eigen::Vector2d& w) {
    return ImVec2(p0.x + float((w.x() + half) / (2 * half)) * side, p0.y + float((half - w.y()) / (2 * half)) * side);
  };
  const ImVec2 p1(p0.x + side, p0.y + side);
  dl->PushClipRect(p0, p1, true);
  dl->AddRectFilled(p0, p1, ImGui::GetColorU32(ImGuiCol_FrameBg));
  dl->AddLine(toScreen({-half, 0}), toScreen({half, 0}), axisCol, 1.0f);
  dl->AddLine(toScreen({0, -half}), toScreen({0, half}), axisCol, 1.0f);
  // Loss contours: ½zᵀAz = L is the ellipse with semi-axes axis·√(2L).
  auto ellipse = [&](double level, ImU32 col, float width) {
    if (!(level > 0)) return;
    const double s = std::sqrt(2 * level), c = std::cos(q.angle), sn = std::sin(q.angle);
    ImVec2 pts[72];
    for (int i = 0; i < 72; ++i) {
      const double th = 6.283185307179586 * i / 72;
      const double a = q.axis1 * s * std::cos(th), b = q.axis2 * s * std::sin(th);
      pts[i] = toScreen(q.optimum + Eigen::Vector2d(c * a - sn * b, sn * a + c * b));
    }
    dl->AddPolyline(pts, 72, col, ImDrawFlags_Closed, width);
  };
  for (double level : {0.05, 0.2, 0.5, 1.0, 2.0, 3.5}) ellipse(level, contourCol, 1.0f);
  // The ball through the optimum, and the contour that touches it there.
  if (!m_ball[k].empty()) {
    std::vector<ImVec2> pts;
    pts.reserve(m_ball[k].size());
    for (const Eigen::Vector2d& b : m_ball[k]) pts.push_back(toScreen(b));
    if (k < 2 || m_p.third == 1 || m_p.pInfinity || m_p.p >= 1.0f)
      dl->AddConvexPolyFilled(pts.data(), static_cast<int>(pts.size()), ballFill);
    dl->AddPolyline(pts.data(), static_cast<int>(pts.size()), ballLine, ImDrawFlags_Closed, thick);
  } else if (k == 2) {
    // L0 with one non-zero: the two axes.
    dl->AddLine(toScreen({-half, 0}), toScreen({half, 0}), ballLine, thick * 1.5f);
    dl->AddLine(toScreen({0, -half}), toScreen({0, half}), ballLine, thick * 1.5f);
  }
  ellipse(m_opt[k].loss, touchCol, thick);
  // The path as λ grows, w*, and the optimum.
  std::vector<ImVec2> path;
  for (const Eigen::Vector2d& w : m_path[k]) path.push_back(toScreen(w));
  dl->AddPolyline(path.data(), static_cast<int>(path.size()), pathCol, 0, thick);
  dl->AddCircle(toScreen(q.optimum), 6.0f * ctx.scale, textCol, 16, thick);
  dl->AddCircleFilled(toScreen(m_opt[k].w), 5.0f * ctx.scale, optCol, 16);
  dl->PopClipRect();
  dl->AddRect(p0, p1, axisCol);
  // Drag w*.
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  if (active && (ImGui::IsMouseDragging(ImGuiMouseButton_Left, 0.0f) || ImGui::IsMouseClicked(ImGuiMouseButton_Left))) {
    m_p.optimumX = std::clamp(float((mouse.x - p0.x) / side * 2 * half - half), -2.5f, 2.5f);
    m_p.optimumY = std::clamp(float(half - (mouse.y - p0.y) / side * 2 * half), -2.5f, 2.5f);
    recompute();
  }
  if (hovered) itemTooltip(ctx.tr("penalty-geometry.drag"));
  char label[96];
  std::snprintf(label, sizeof label, "ŵ = (%.3g, %.3g)", m_opt[k].w.x(), m_opt[k].w.y());
  ImGui::SetCursorScreenPos(ImVec2(ImGui::GetWindowPos().x, p1.y + 0.25f * line));
  clippedText(label, size.x);
  if (m_opt[k].w.x() == 0.0 || m_opt[k].w.y() == 0.0) {
    ImGui::PushStyleColor(ImGuiCol_Text, optCol);
    clippedText(ctx.tr("penalty-geometry.zero"), size.x);
    ImGui::PopStyleColor();
  }
}

void PenaltyGeometryLesson::drawMonteCarlo(LessonContext& ctx, ImVec2 size) {
  m_share.assign(3, 0.0);
  for (int i = 0; i < 3; ++i) m_share[i] = m_samples ? double(m_sparse[i]) / double(m_samples) : 0.0;
  static const double xs[3] = {0, 1, 2};
  char mcTitle[160];
  std::snprintf(mcTitle, sizeof mcTitle, ctx.tr("penalty-geometry.mc.title"), static_cast<long long>(m_samples));
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
  const core::Quadratic2 q = quadratic();
  wrappedText("ŵ = argmin_w  ½(w − w*)ᵀA(w − w*) + λ·P(w)");
  formulaText("   w* = (%.2f, %.2f),  λ = %.3g", q.optimum.x(), q.optimum.y(), m_p.lambda);
  formulaText("L1:  P = ‖w‖₁          ŵ = (%.4g, %.4g)", m_opt[0].w.x(), m_opt[0].w.y());
  formulaText("L2:  P = ½‖w‖²₂         ŵ = (%.4g, %.4g)", m_opt[1].w.x(), m_opt[1].w.y());
  if (m_p.third == 1)
    formulaText("EN:  P = α‖w‖₁ + (1−α)/2‖w‖²,  α = %.2f   ŵ = (%.4g, %.4g)", m_p.alpha, m_opt[2].w.x(), m_opt[2].w.y());
  else if (m_p.pInfinity)  // the penalties the solver uses at the ends of the slider, printed as what they are
    formulaText("L∞:  P = max|wᵢ|         ŵ = (%.4g, %.4g)", m_opt[2].w.x(), m_opt[2].w.y());
  else if (m_p.p == 0.0f)
    formulaText("L0:  P = ‖w‖₀ = #{i : wᵢ ≠ 0}   ŵ = (%.4g, %.4g)", m_opt[2].w.x(), m_opt[2].w.y());
  else
    formulaText("Lp:  P = (1/p)Σ|wᵢ|ᵖ,  p = %.2f   ŵ = (%.4g, %.4g)", m_p.p, m_opt[2].w.x(), m_opt[2].w.y());
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
         "& \\text{L1: } P = \\|w\\|_1,\\ \\hat w = " + point(m_opt[0].w) + "\\\\\n"
         "& \\text{L2: } P = \\tfrac12\\|w\\|_2^2,\\ \\hat w = " + point(m_opt[1].w) + "\\\\\n"
         "& " + third + point(m_opt[2].w) + "\n"
         "\\end{aligned}";
}

}  // namespace nr::app
