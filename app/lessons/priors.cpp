// priors — the MAP estimate of a small Bayesian linear regression is the L1 or L2 penalized solution. The teaching
// choice: compute the MAP twice, independently — (a) by penalty-geometry's exact solver at λ = σ²/(n·b) or
// σ²/(n·τ²), (b) from the posterior in its own units, without any λ — and print both with their difference, so
// "MAP = penalized optimum" is a number on the screen, not a claim. Both priors share one standard deviation, so
// the picture compares their shapes (Laplace: a sharper peak and heavier tails), not their widths.

#include "lessons/priors.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "gfx/colormap.h"
#include "lessons/controls.h"
#include "nr/lp_geometry.h"
#include "nr/rng.h"
#include "kit/latex.h"
#include "kit/text.h"

namespace nr::app {

namespace {
constexpr double kView = 3.0;                       // panels and 1-D plots show w in [−3, 3]
constexpr double kStdMin = 0.01, kStdMax = 100.0;   // range of the prior std slider
constexpr double kLevels[3] = {0.5, 2.0, 4.5};      // −log density below the peak: e^(−1/2), e^(−2), e^(−9/2)
constexpr int kPathPoints = 161;

/// A coordinate for display: exact zeros print as "0" (also −0.0).
void formatCoord(double v, int decimals, char* buf, int size) {
  if (v == 0.0)
    std::snprintf(buf, static_cast<size_t>(size), "0");
  else
    std::snprintf(buf, static_cast<size_t>(size), "%.*f", decimals, v);
}

std::string formatPoint(const Eigen::Vector2d& w, int decimals = 9) {
  char a[32], b[32], out[80];
  formatCoord(w.x(), decimals, a, sizeof a);
  formatCoord(w.y(), decimals, b, sizeof b);
  std::snprintf(out, sizeof out, "(%s, %s)", a, b);
  return out;
}

std::string formatDiff(double d) {
  char buf[32];
  if (d == 0.0)
    std::snprintf(buf, sizeof buf, "0");
  else
    std::snprintf(buf, sizeof buf, "%.1e", d);
  return buf;
}

double softThreshold(double z, double t) {
  // + 0.0 turns −0.0 into 0.0, so an exact zero is printed and compared as plain 0.
  return (z > t ? z - t : z < -t ? z + t : 0.0) + 0.0;
}

// Colours: the likelihood and its MLE blue, each prior in its own colour (the same in the 1-D plots and in its
// panel), the posterior the red of the field, the MAP a white dot ringed in black so it shows on the dark red peak.
ImU32 likelihoodColor() { return plotColor(0); }
ImU32 priorColor(int prior) { return prior == PriorsLesson::kLaplace ? plotColor(4) : plotColor(2); }
ImU32 pathColor() { return plotColor(3); }
}  // namespace

PriorsLesson::PriorsLesson() { regenerate(); }
PriorsLesson::~PriorsLesson() = default;

// [SECTION] Computation

void PriorsLesson::regenerate() {
  // One row at a time (x₁, x₂, ε), so raising n keeps the first rows and only adds points.
  core::Rng rng(static_cast<uint64_t>(m_p.seed) * 7919u + 17u);
  const double rho = m_p.correlation, c = std::sqrt(std::max(0.0, 1.0 - rho * rho)), sigma = m_p.noise;
  m_x.resize(m_p.n, 2);
  m_y.resize(m_p.n);
  for (int i = 0; i < m_p.n; ++i) {
    const double z1 = rng.normal(), z2 = rng.normal(), e = rng.normal();
    m_x(i, 0) = z1;
    m_x(i, 1) = rho * z1 + c * z2;
    m_y(i) = m_p.w1 * m_x(i, 0) + m_p.w2 * m_x(i, 1) + sigma * e;
  }
  m_gram = m_x.transpose() * m_x;
  m_xty = m_x.transpose() * m_y;
  m_mle = m_gram.ldlt().solve(m_xty);
  computePaths();
  recompute();
}

void PriorsLesson::computePaths() {
  // penalty-geometry's loss: (1/2n)‖y − Xw‖² = ½(w − ŵ)ᵀA(w − ŵ) + const with A = XᵀX/n and ŵ the MLE.
  const core::Quadratic2 q = core::Quadratic2::fromMatrix(m_mle, m_gram / m_p.n);
  for (int k = 0; k < 2; ++k) {
    m_path[k].clear();
    m_path[k].push_back(m_mle);
    for (int i = 0; i < kPathPoints; ++i) {
      const double s = kStdMax * std::pow(kStdMin / kStdMax, double(i) / (kPathPoints - 1));
      const double lambda = k == kLaplace ? laplaceLambda(m_p.noise, m_p.n, laplaceScale(s))
                                          : gaussianLambda(m_p.noise, m_p.n, s);
      m_path[k].push_back(core::penalizedOptimum(q, k == kLaplace ? 1.0 : 2.0, lambda).w);
    }
  }
}

Eigen::Vector2d PriorsLesson::proximalMap(double b, int& iterations) const {
  // Minimizes −log p(w|y) = (1/2σ²)(wᵀGw − 2cᵀw) + ‖w‖₁/b + const directly, in the posterior's own units (no λ):
  // accelerated proximal gradient (FISTA) with a gradient-based restart, step 1/L, L = λ_max(G)/σ². The prox of
  // ‖w‖₁/b is soft-thresholding, which puts exact zeros where the posterior's peak sits on an axis. A last run of
  // plain proximal steps (monotone) settles the final digits.
  const double s2 = double(m_p.noise) * m_p.noise;
  const double lipschitz = Eigen::SelfAdjointEigenSolver<Eigen::Matrix2d>(m_gram).eigenvalues().maxCoeff() / s2;
  const double t = 1.0 / lipschitz, thr = t / b;
  auto step = [&](const Eigen::Vector2d& z) {
    const Eigen::Vector2d g = (m_gram * z - m_xty) / s2;
    return Eigen::Vector2d(softThreshold(z.x() - t * g.x(), thr), softThreshold(z.y() - t * g.y(), thr));
  };
  Eigen::Vector2d w(0.0, 0.0), z = w;
  double theta = 1.0;
  iterations = 0;
  for (int it = 0; it < 200000; ++it) {
    const Eigen::Vector2d wn = step(z);
    ++iterations;
    const double change = (wn - w).cwiseAbs().maxCoeff();
    if ((z - wn).dot(wn - w) > 0) {  // momentum points uphill: restart
      theta = 1.0;
      z = wn;
    } else {
      const double thetaNext = 0.5 * (1.0 + std::sqrt(1.0 + 4.0 * theta * theta));
      z = wn + ((theta - 1.0) / thetaNext) * (wn - w);
      theta = thetaNext;
    }
    w = wn;
    if (change <= 1e-16 * std::max(1.0, w.cwiseAbs().maxCoeff())) break;
  }
  for (int it = 0; it < 200; ++it, ++iterations) {
    const Eigen::Vector2d wn = step(w);
    if (wn == w) break;
    w = wn;
  }
  return w;
}

void PriorsLesson::recompute() {
  const double s = m_p.priorStd, sigma = m_p.noise, s2 = sigma * sigma;
  const core::Quadratic2 q = core::Quadratic2::fromMatrix(m_mle, m_gram / m_p.n);
  Estimate& l = m_est[kLaplace];
  l.width = laplaceScale(s);
  l.lambda = laplaceLambda(sigma, m_p.n, l.width);
  l.solver = core::penalizedOptimum(q, 1.0, l.lambda).w;
  l.direct = proximalMap(l.width, l.iterations);
  Estimate& g = m_est[kGaussian];
  g.width = s;
  g.lambda = gaussianLambda(sigma, m_p.n, s);
  g.solver = core::penalizedOptimum(q, 2.0, g.lambda).w;
  // The Gaussian posterior is Gaussian: precision XᵀX/σ² + I/τ², mean = mode = precision⁻¹·Xᵀy/σ².
  g.direct = (m_gram / s2 + Eigen::Matrix2d::Identity() / (s * s)).ldlt().solve(m_xty / s2);
  g.iterations = 0;
  for (Estimate* e : {&l, &g}) e->difference = (e->solver - e->direct).cwiseAbs().maxCoeff();
  computeCurves();
  m_fieldsDirty = true;  // recomputed when next drawn (and only when drawn: tests and hidden posteriors skip it)
}

double PriorsLesson::negLogPosterior(int prior, const Eigen::Vector2d& w) const {
  const double s2 = double(m_p.noise) * m_p.noise;
  const double data = (w.dot(m_gram * w) - 2.0 * m_xty.dot(w)) / (2.0 * s2);
  if (prior == kLaplace) return data + w.lpNorm<1>() / m_est[kLaplace].width;
  return data + w.squaredNorm() / (2.0 * m_p.priorStd * m_p.priorStd);
}

void PriorsLesson::computeCurves() {
  const int count = 1201;  // step 0.005, with w = 0 exactly on the grid (the Laplace peak)
  m_grid1d.resize(count);
  for (auto& v : m_density) v.resize(count);
  for (auto& v : m_penalty) v.resize(count);
  const double b = m_est[kLaplace].width, tau = m_p.priorStd;
  for (int i = 0; i < count; ++i) {
    const double w = (i - (count - 1) / 2) * (2 * kView / (count - 1));
    m_grid1d[i] = w;
    m_density[kLaplace][i] = std::exp(-std::abs(w) / b) / (2 * b);
    m_density[kGaussian][i] = std::exp(-w * w / (2 * tau * tau)) / (tau * 2.5066282746310002);
    m_penalty[kLaplace][i] = std::abs(w) / b;
    m_penalty[kGaussian][i] = w * w / (2 * tau * tau);
  }
}

void PriorsLesson::computeFields() {
  // The posterior density relative to its peak, exp(−(U(w) − U(MAP))), on a kField² grid over [−3, 3]² (row 0 at the
  // bottom, as CachedField expects). U(MAP) uses the solver's MAP; any rounding there only scales the shading.
  // U is expanded into scalars (this runs every frame while the slider moves), and exp is skipped where the density
  // is below 1e-12 of the peak.
  const double s2 = double(m_p.noise) * m_p.noise;
  const double gxx = m_gram(0, 0) / (2 * s2), gxy = m_gram(0, 1) / s2, gyy = m_gram(1, 1) / (2 * s2);
  const double cx = m_xty.x() / s2, cy = m_xty.y() / s2;
  const double invB = 1.0 / m_est[kLaplace].width, invT = 1.0 / (2.0 * m_p.priorStd * m_p.priorStd);
  for (int k = 0; k < 2; ++k) {
    const double peak = negLogPosterior(k, m_est[k].solver);
    m_field[k].resize(kField * kField);
    for (int j = 0; j < kField; ++j) {
      const double y = -kView + 2 * kView * j / (kField - 1);
      for (int i = 0; i < kField; ++i) {
        const double x = -kView + 2 * kView * i / (kField - 1);
        const double data = gxx * x * x + gxy * x * y + gyy * y * y - cx * x - cy * y;
        const double prior = k == kLaplace ? (std::abs(x) + std::abs(y)) * invB : (x * x + y * y) * invT;
        const double d = data + prior - peak;
        m_field[k][j * kField + i] = d > 27.6 ? 0.0f : static_cast<float>(std::exp(-std::max(0.0, d)));
      }
    }
  }
}

// [SECTION] Parameters

void PriorsLesson::reset() {
  m_p = Params();
  regenerate();
}

nlohmann::json PriorsLesson::params() const {
  return {{"prior_std", m_p.priorStd},        {"n", m_p.n},
          {"noise", m_p.noise},               {"correlation", m_p.correlation},
          {"w1", m_p.w1},                     {"w2", m_p.w2},
          {"seed", m_p.seed},                 {"show_likelihood", m_p.showLikelihood},
          {"show_prior", m_p.showPrior},      {"show_posterior", m_p.showPosterior},
          {"show_path", m_p.showPath}};
}

void PriorsLesson::setParams(const nlohmann::json& j, std::vector<std::string>& warnings,
                             std::vector<std::string>& errors) {
  Params p = m_p;
  ParamReader r(j, warnings, errors);
  r.read("prior_std", p.priorStd, kStdMin, kStdMax);
  r.read("n", p.n, 3, 200);
  r.read("noise", p.noise, 0.1f, 3.0f);
  r.read("correlation", p.correlation, -0.95f, 0.95f);
  r.read("w1", p.w1, -2.5f, 2.5f);
  r.read("w2", p.w2, -2.5f, 2.5f);
  r.read("seed", p.seed, 0, 9999);
  r.read("show_likelihood", p.showLikelihood);
  r.read("show_prior", p.showPrior);
  r.read("show_posterior", p.showPosterior);
  r.read("show_path", p.showPath);
  if (!r.finish()) return;
  m_p = p;
  regenerate();
}

void PriorsLesson::interact(int frame) {
  // The prior narrows and widens between s = 0.03 and 3: the MAP runs along its path every frame.
  m_p.priorStd = std::pow(10.0, -0.5 + 1.0 * std::sin(frame * 0.05));
  recompute();
}

void PriorsLesson::applyExtreme(int step) {
  Params p;
  switch (step) {
    case 0: p.priorStd = kStdMin, p.n = 3, p.noise = 0.1f, p.correlation = -0.95f, p.w1 = -2.5f, p.w2 = -2.5f, p.seed = 0; break;
    case 1: p.priorStd = kStdMax, p.n = 200, p.noise = 3.0f, p.correlation = 0.95f, p.w1 = 2.5f, p.w2 = 2.5f, p.seed = 9999; break;
    case 2: p.priorStd = kStdMax, p.n = 3, p.noise = 3.0f, p.correlation = 0.95f; break;
    case 3: p.priorStd = kStdMin, p.n = 200, p.noise = 0.1f; break;
    case 4: p.showLikelihood = p.showPrior = p.showPosterior = p.showPath = false; break;
    default: p.priorStd = 0.2, p.w2 = 0.0f; break;
  }
  m_p = p;
  regenerate();
}

// [SECTION] Controls

void PriorsLesson::drawControls(LessonContext& ctx) {
  bool data = false, width = false;
  sectionHeader(ctx.tr("priors.prior"));
  {
    width |= logSlider(ctx, ctx.tr("priors.std"), m_p.priorStd, kStdMin, kStdMax);
    tip(ctx, "priors.std.tip");
    disabledText(ctx.tr("priors.widths"), m_est[kLaplace].width, m_p.priorStd);
  }
  sectionHeader(ctx.tr("priors.data"));
  data |= sliderInt(ctx, ctx.tr("priors.n"), m_p.n, 3, 200);
  tip(ctx, "priors.n.tip");
  data |= sliderFloat(ctx, ctx.tr("priors.noise"), m_p.noise, 0.1f, 3.0f, "%.2f");
  tip(ctx, "priors.noise.tip");
  data |= sliderFloat(ctx, ctx.tr("priors.rho"), m_p.correlation, -0.95f, 0.95f, "%.2f");
  tip(ctx, "priors.rho.tip");
  data |= sliderFloat(ctx, ctx.tr("priors.w1"), m_p.w1, -2.5f, 2.5f, "%.2f");
  tip(ctx, "priors.w.tip");
  data |= sliderFloat(ctx, ctx.tr("priors.w2"), m_p.w2, -2.5f, 2.5f, "%.2f");
  tip(ctx, "priors.w.tip");
  if (ImGui::InputInt(ctx.tr("priors.seed"), &m_p.seed)) {
    m_p.seed = std::clamp(m_p.seed, 0, 9999);
    data = true;
  }
  tip(ctx, "priors.seed.tip");
  sectionHeader(ctx.tr("priors.show"));
  checkbox(ctx.tr("priors.lik"), &m_p.showLikelihood);
  tip(ctx, "priors.lik.tip");
  sameLineIfRoom(ctx.tr("priors.pri"));
  checkbox(ctx.tr("priors.pri"), &m_p.showPrior);
  tip(ctx, "priors.pri.tip");
  checkbox(ctx.tr("priors.post"), &m_p.showPosterior);
  tip(ctx, "priors.post.tip");
  sameLineIfRoom(ctx.tr("priors.path"));
  checkbox(ctx.tr("priors.path"), &m_p.showPath);
  tip(ctx, "priors.path.tip");
  if (data)
    regenerate();
  else if (width)
    recompute();
}

// [SECTION] Canvas

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
  const int count = static_cast<int>(m_grid1d.size());
  const char* names[2] = {ctx.tr("priors.laplace"), ctx.tr("priors.gauss")};
  if (!m_densityPlot.begin("##densityplot", size, cfg)) return;
  for (int k = 0; k < 2; ++k) {
    SeriesStyle s;
    s.color = priorColor(k);
    m_densityPlot.line(names[k], m_grid1d.data(), m_density[k].data(), count, s);
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
  const int count = static_cast<int>(m_grid1d.size());
  if (!m_penaltyPlot.begin("##penaltyplot", size, cfg)) return;
  char labels[2][64];  // borrowed by the plot until end()
  std::snprintf(labels[0], sizeof labels[0], "|w|/b, b = %.3g", m_est[kLaplace].width);
  std::snprintf(labels[1], sizeof labels[1], "w²/(2τ²), τ = %.3g", m_p.priorStd);
  for (int k = 0; k < 2; ++k) {
    SeriesStyle s;
    s.color = priorColor(k);
    m_penaltyPlot.line(labels[k], m_grid1d.data(), m_penalty[k].data(), count, s);
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
    computeFields();
    for (int k = 0; k < 2; ++k) m_cached[k]->setField(kField, kField, m_field[k].data());
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
  const float sc = ctx.scale, thick = std::max(2.0f, std::round(1.5f * sc));
  auto toScreen = [&](const Eigen::Vector2d& w) {
    return ImVec2(p0.x + float((w.x() + kView) / (2 * kView)) * side, p0.y + float((kView - w.y()) / (2 * kView)) * side);
  };
  const ImU32 axisCol = IM_COL32(120, 120, 120, 200), dark = IM_COL32(20, 20, 20, 255);
  dl->PushClipRect(p0, p1, true);
  dl->AddLine(toScreen({-kView, 0}), toScreen({kView, 0}), axisCol, 1.0f);
  dl->AddLine(toScreen({0, -kView}), toScreen({0, kView}), axisCol, 1.0f);
  for (int t = -2; t <= 2; ++t) {
    if (t == 0) continue;
    const float tl = 4.0f * sc;
    const ImVec2 a = toScreen({double(t), 0}), b = toScreen({0, double(t)});
    dl->AddLine(ImVec2(a.x, a.y - tl), ImVec2(a.x, a.y + tl), axisCol, 1.0f);
    dl->AddLine(ImVec2(b.x - tl, b.y), ImVec2(b.x + tl, b.y), axisCol, 1.0f);
    char num[8];
    std::snprintf(num, sizeof num, "%d", t);
    if (side / (2 * kView) > 2.5f * ImGui::CalcTextSize("-2").x || std::abs(t) == 2)
      dl->AddText(ImVec2(a.x - ImGui::CalcTextSize(num).x * 0.5f, a.y + tl), axisCol, num);
  }
  dl->AddText(ImVec2(p1.x - ImGui::CalcTextSize("w₁").x - 4 * sc, toScreen({0, 0}).y - ImGui::GetTextLineHeight() - 2),
              axisCol, "w₁");
  dl->AddText(ImVec2(toScreen({0, 0}).x + 5 * sc, p0.y + 2), axisCol, "w₂");

  ImVec2 pts[96];
  if (m_p.showPrior) {
    // −log p(w) − (−log p(0)) = Δ: the diamond ‖w‖₁ = bΔ, or the circle ‖w‖ = τ√(2Δ).
    for (double level : kLevels) {
      const double r = k == kLaplace ? m_est[kLaplace].width * level : m_p.priorStd * std::sqrt(2 * level);
      if (k == kLaplace) {
        const ImVec2 d[4] = {toScreen({r, 0}), toScreen({0, r}), toScreen({-r, 0}), toScreen({0, -r})};
        dl->AddPolyline(d, 4, priorColor(k), ImDrawFlags_Closed, thick);
      } else {
        dl->AddCircle(toScreen({0, 0}), float(r / (2 * kView) * side), priorColor(k), 64, thick);
      }
    }
  }
  if (m_p.showLikelihood) {
    // (1/2σ²)(w − ŵ)ᵀG(w − ŵ) = Δ: an ellipse with semi-axes σ√(2Δ/eᵢ) along G's eigenvectors.
    const Eigen::SelfAdjointEigenSolver<Eigen::Matrix2d> eig(m_gram);
    const double sigma = m_p.noise;
    for (double level : kLevels) {
      for (int i = 0; i < 96; ++i) {
        const double th = 6.283185307179586 * i / 96;
        const Eigen::Vector2d u = eig.eigenvectors().col(0) * (std::cos(th) * sigma * std::sqrt(2 * level / eig.eigenvalues()(0))) +
                                  eig.eigenvectors().col(1) * (std::sin(th) * sigma * std::sqrt(2 * level / eig.eigenvalues()(1)));
        pts[i] = toScreen(m_mle + u);
      }
      dl->AddPolyline(pts, 96, likelihoodColor(), ImDrawFlags_Closed, thick);
    }
  }
  if (m_p.showPath) {
    std::vector<ImVec2> path;
    path.reserve(m_path[k].size());
    for (const Eigen::Vector2d& w : m_path[k]) path.push_back(toScreen(w));
    dl->AddPolyline(path.data(), static_cast<int>(path.size()), pathColor(), 0, thick * 1.4f);
  }
  // The true w (grey cross), the MLE (blue ring), the MAP (white dot ringed in black).
  const ImVec2 tw = toScreen({m_p.w1, m_p.w2});
  const float cr = 5.0f * sc;
  dl->AddLine(ImVec2(tw.x - cr, tw.y - cr), ImVec2(tw.x + cr, tw.y + cr), IM_COL32(90, 90, 90, 255), thick);
  dl->AddLine(ImVec2(tw.x - cr, tw.y + cr), ImVec2(tw.x + cr, tw.y - cr), IM_COL32(90, 90, 90, 255), thick);
  dl->AddCircle(toScreen(m_mle), 6.0f * sc, likelihoodColor(), 20, thick * 1.3f);
  const ImVec2 mp = toScreen(m_est[k].solver);
  dl->AddCircleFilled(mp, 5.5f * sc, IM_COL32(255, 255, 255, 255), 20);
  dl->AddCircle(mp, 5.5f * sc, dark, 20, thick);
  dl->PopClipRect();
  dl->AddRect(p0, p1, ImGui::GetColorU32(ImGuiCol_Border));
  ImGui::SetCursorScreenPos(ImVec2(ImGui::GetWindowPos().x, p1.y + ImGui::GetStyle().ItemSpacing.y));
  drawNumbers(ctx, k, panel.x);
}

void PriorsLesson::drawNumbers(LessonContext& ctx, int k, float side) {
  // λ, the MAP both ways, their difference, exact zeros. Compact: the MAP once (the two agree, and |Δ| says by how
  // much) and λ with |Δ| on one line.
  const Estimate& e = m_est[k];
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

// [SECTION] Formula

void PriorsLesson::drawFormula(LessonContext& ctx) {
  // Short lines: the formula column is about 55 characters wide at 1600×900.
  const Estimate& l = m_est[kLaplace];
  const Estimate& g = m_est[kGaussian];
  wrappedText("−log p(w|y) = (1/2σ²)‖y − Xw‖² − log p(w) + const");
  formulaText("  ×σ²/n → (1/2n)‖y − Xw‖² + λ·P(w),   σ = %.3g, n = %d", double(m_p.noise), m_p.n);
  formulaText("%s b = s/√2 = %.4g:  P = ‖w‖₁,  λ = σ²/(n·b) = %.6g", ctx.tr("priors.laplace"), l.width, l.lambda);
  formulaText("  MAP = %s   |Δ| = %s", formatPoint(l.solver).c_str(), formatDiff(l.difference).c_str());
  formulaText("%s τ = s = %.4g:  P = ½‖w‖²,  λ = σ²/(n·τ²) = %.6g", ctx.tr("priors.gauss"), m_p.priorStd, g.lambda);
  formulaText("  MAP = %s   |Δ| = %s", formatPoint(g.solver).c_str(), formatDiff(g.difference).c_str());
  formulaText("MLE = (XᵀX)⁻¹Xᵀy = %s", formatPoint(m_mle).c_str());
}

std::string PriorsLesson::formulaLatex() const {
  const Estimate& l = m_est[kLaplace];
  const Estimate& g = m_est[kGaussian];
  auto point = [](const Eigen::Vector2d& w) {
    return "(" + (w.x() == 0.0 ? std::string("0") : latexNumber(w.x(), 6)) + ", " +
           (w.y() == 0.0 ? std::string("0") : latexNumber(w.y(), 6)) + ")";
  };
  return "\\begin{aligned}\n"
         "-\\log p(w\\mid y) &= \\tfrac{1}{2\\sigma^2}\\|y - Xw\\|^2 - \\log p(w) + c,\\quad \\sigma = " +
         latexNumber(m_p.noise) + ",\\ n = " + std::to_string(m_p.n) +
         "\\\\\n" + latexText("priors.tex.laplace") + "(b = " + latexNumber(l.width) +
         "):\\ \\hat w_{\\text{MAP}} &= \\arg\\min_w \\tfrac{1}{2n}\\|y - Xw\\|^2 + \\lambda\\|w\\|_1,\\quad "
         "\\lambda = \\tfrac{\\sigma^2}{n b} = " + latexNumber(l.lambda) + ",\\quad \\hat w = " + point(l.solver) +
         "\\\\\n" + latexText("priors.tex.gaussian") + "(\\tau = " + latexNumber(m_p.priorStd) +
         "):\\ \\hat w_{\\text{MAP}} &= \\arg\\min_w \\tfrac{1}{2n}\\|y - Xw\\|^2 + \\tfrac{\\lambda}{2}\\|w\\|^2,\\quad "
         "\\lambda = \\tfrac{\\sigma^2}{n\\tau^2} = " + latexNumber(g.lambda) + ",\\quad \\hat w = " + point(g.solver) +
         "\n\\end{aligned}";
}

}  // namespace nr::app
