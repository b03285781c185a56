// feature-scaling — the same data and the same least-squares fit, before and after scaling the features. The
// teaching choice: equal-aspect axes everywhere, so a feature that is 20 times wider really looks 20 times wider
// and the loss valley really looks thin; the learning rate is set as a fraction of each problem's own largest
// stable rate, so the comparison is fair and the difference in steps comes from the shape of the contours alone.
// All numbers come from nr/feature_scaling.h.

#include "lessons/feature_scaling.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "nr/rng.h"
#include "lessons/controls.h"
#include "kit/latex.h"
#include "kit/text.h"

namespace nr::app {

// [SECTION] State

static const char* methodKey(int m) {
  static const char* keys[] = {"feature-scaling.minmax", "feature-scaling.standard", "feature-scaling.robust"};
  return keys[std::clamp(m, 0, 2)];
}

static core::Scaling toScaling(int m) {
  return m == FeatureScalingLesson::kMinMax   ? core::Scaling::MinMax
         : m == FeatureScalingLesson::kRobust ? core::Scaling::Robust
                                              : core::Scaling::Standard;
}

FeatureScalingLesson::FeatureScalingLesson() { recompute(); }

void FeatureScalingLesson::buildView(const Eigen::MatrixXd& x, View& v) const {
  v.ls = core::centeredLeastSquares(x, m_y);
  Eigen::SelfAdjointEigenSolver<Eigen::Matrix2d> es(Eigen::Matrix2d(v.ls.hessian));
  v.lambdaMin = es.eigenvalues()(0);
  v.lambdaMax = es.eigenvalues()(1);
  v.stableRate = core::largestStableRate(v.ls.hessian);
  v.lr = m_p.lrFraction * v.stableRate;
  v.run = core::gradientDescent(v.ls, Eigen::VectorXd::Zero(2), v.lr, 400, 1e-3, 200000);
  // The same loss as a bowl around w*: L(w) − L* = ½(w − w*)ᵀH(w − w*), with H's eigenvectors as its axes.
  v.bowl.optimum = v.ls.optimum;
  v.bowl.a1 = std::max(v.lambdaMin, 1e-12);
  v.bowl.a2 = std::max(v.lambdaMax, 1e-12);
  v.bowl.angle = std::atan2(es.eigenvectors()(1, 0), es.eigenvectors()(0, 0));
  const double top = v.ls.loss(Eigen::VectorXd::Zero(2)) - v.ls.minLoss;
  v.cx.assign(7, {});
  v.cy.assign(7, {});
  for (int k = 0; k < 7; ++k)
    for (const Eigen::Vector2d& p : v.bowl.levelSet(top * std::pow(0.4, k), 96)) {
      v.cx[k].push_back(p.x());
      v.cy[k].push_back(p.y());
    }
  v.px.clear(), v.py.clear();
  for (const Eigen::VectorXd& w : v.run.path) {
    // A diverging path is cut where it leaves the picture, so the contours stay readable.
    if ((w - v.ls.optimum).norm() > 3.0 * v.ls.optimum.norm() + 1e-9) break;
    v.px.push_back(w(0));
    v.py.push_back(w(1));
  }
}

void FeatureScalingLesson::recompute() {
  // Feature 1 has sd 1, feature 2 sd = ratio, correlated 0.6 (the valley is tilted); y depends on both equally per sd.
  core::Rng rng(static_cast<uint64_t>(m_p.seed) * 40503u + 3u);
  const int n = 60;
  m_x.resize(n, 2);
  m_y.resize(n);
  for (int i = 0; i < n; ++i) {
    const double z1 = rng.normal(), z2 = 0.6 * z1 + 0.8 * rng.normal();
    m_x(i, 0) = 2.0 + z1;
    m_x(i, 1) = 50.0 + m_p.ratio * z2;
    m_y(i) = 3.0 + 1.0 * z1 + 1.0 * z2 + 0.4 * rng.normal();
  }
  if (m_p.outlier) {
    m_x(0, 0) = 2.0 + 12.0;  // a high-leverage point that still follows the model
    m_y(0) = 3.0 + 12.0 + (m_x(0, 1) - 50.0) / m_p.ratio;
  }
  m_scaling = core::fitScaling(m_x, toScaling(m_p.method));
  m_xs = core::applyScaling(m_x, m_scaling);
  m_std = core::fitScaling(m_x, core::Scaling::Standard);
  buildView(m_x, m_raw);
  buildView(m_xs, m_scaled);

  // Ridge with one λ on raw and on standardized features, both reported as "effect of one sd" (w_j·sd_j).
  const Eigen::MatrixXd xstd = core::applyScaling(m_x, m_std);
  const core::LeastSquares lsStd = core::centeredLeastSquares(xstd, m_y);
  m_ols = m_raw.ls.optimum.cwiseProduct(m_std.scale);
  m_ridgeRaw = core::ridge(m_raw.ls, m_p.lambda).cwiseProduct(m_std.scale);
  m_ridgeStd = core::ridge(lsStd, m_p.lambda);

  m_rawX1.assign(m_x.col(0).data(), m_x.col(0).data() + n);
  m_rawX2.assign(m_x.col(1).data(), m_x.col(1).data() + n);
  m_sX1.assign(m_xs.col(0).data(), m_xs.col(0).data() + n);
  m_sX2.assign(m_xs.col(1).data(), m_xs.col(1).data() + n);
  const Eigen::MatrixXd mm = core::applyScaling(m_x, core::fitScaling(m_x, core::Scaling::MinMax));
  m_histMinMax.assign(mm.col(0).data(), mm.col(0).data() + n);
  m_histStd.assign(xstd.col(0).data(), xstd.col(0).data() + n);
  m_outX[0] = m_x(0, 0), m_outY[0] = m_x(0, 1), m_outX[1] = m_xs(0, 0), m_outY[1] = m_xs(0, 1);
}

void FeatureScalingLesson::reset() {
  m_p = Params();
  recompute();
}

nlohmann::json FeatureScalingLesson::params() const {
  static const char* methods[] = {"minmax", "standard", "robust"};
  return {{"ratio", m_p.ratio},           {"outlier", m_p.outlier}, {"method", methods[m_p.method]},
          {"lr_fraction", m_p.lrFraction}, {"lambda", m_p.lambda},   {"seed", m_p.seed}};
}

void FeatureScalingLesson::setParams(const nlohmann::json& j, std::vector<std::string>& warnings,
                                     std::vector<std::string>& errors) {
  Params p = m_p;
  ParamReader r(j, warnings, errors);
  r.read("ratio", p.ratio, 1.0f, 100.0f);
  r.read("outlier", p.outlier);
  r.readChoice("method", p.method, {"minmax", "standard", "robust"});
  r.read("lr_fraction", p.lrFraction, 0.05f, 1.2f);
  r.read("lambda", p.lambda, 0.001f, 10.0f);
  r.read("seed", p.seed, 0, 1000000);
  if (!r.finish()) return;
  m_p = p;
  recompute();
}

void FeatureScalingLesson::interact(int frame) {
  // The main parameter: the scale ratio, swept over its log range.
  m_p.ratio = static_cast<float>(std::pow(10.0, 2.0 * ((frame % 40) / 39.0)));
  recompute();
}

void FeatureScalingLesson::applyExtreme(int step) {
  Params p;
  switch (step) {
    case 0: p.ratio = 1.0f, p.lrFraction = 0.05f, p.lambda = 0.001f, p.seed = 0; break;
    case 1: p.ratio = 100.0f, p.lrFraction = 1.2f, p.lambda = 10.0f, p.seed = 1000000; break;
    case 2: p.outlier = true, p.method = kMinMax; break;
    case 3: p.outlier = true, p.method = kRobust, p.ratio = 100.0f; break;
    case 4: p.lrFraction = 1.0f; break;  // exactly at the edge: oscillates without shrinking along λ_max
    default: p.method = kMinMax, p.ratio = 1.0f; break;
  }
  m_p = p;
  recompute();
}

// [SECTION] Controls


void FeatureScalingLesson::drawControls(LessonContext& ctx) {
  bool changed = false;
  sectionHeader(ctx.tr("feature-scaling.data"));
  changed |= sliderFloat(ctx, ctx.tr("feature-scaling.ratio"), m_p.ratio, 1.0f, 100.0f, "%.1f", true);
  tip(ctx, "feature-scaling.ratio.tip");
  changed |= checkbox(ctx.tr("feature-scaling.outlier"), &m_p.outlier);
  tip(ctx, "feature-scaling.outlier.tip");
  changed |= ImGui::InputInt(ctx.tr("feature-scaling.seed"), &m_p.seed);
  m_p.seed = std::clamp(m_p.seed, 0, 1000000);
  tip(ctx, "feature-scaling.seed.tip");

  sectionHeader(ctx.tr("feature-scaling.method"));
  static const char* tips[] = {"feature-scaling.minmax.tip", "feature-scaling.standard.tip",
                               "feature-scaling.robust.tip"};
  // One row when the three choices fit the panel, else one per line (long labels at a large UI scale).
  float rowW = 0.0f;
  for (int m = 0; m < kMethodCount; ++m)
    rowW += ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x + ImGui::CalcTextSize(ctx.tr(methodKey(m))).x +
            ImGui::GetStyle().ItemSpacing.x;
  const bool oneRow = rowW <= ImGui::GetContentRegionAvail().x;
  for (int m = 0; m < kMethodCount; ++m) {
    if (m && oneRow) ImGui::SameLine();
    changed |= radioButton(ctx.tr(methodKey(m)), &m_p.method, m);
    tip(ctx, tips[m]);
  }

  sectionHeader(ctx.tr("feature-scaling.descent"));
  changed |= sliderFloat(ctx, ctx.tr("feature-scaling.lr"), m_p.lrFraction, 0.05f, 1.2f, "%.2f");
  tip(ctx, "feature-scaling.lr.tip");
  changed |= sliderFloat(ctx, ctx.tr("feature-scaling.lambda"), m_p.lambda, 0.001f, 10.0f, "%.3f", true);
  tip(ctx, "feature-scaling.lambda.tip");
  if (changed) recompute();
}

// [SECTION] Canvas

static SeriesStyle styled(int color, float weight = 0.0f, bool dashed = false) {
  SeriesStyle s;
  s.color = plotColor(color);
  s.weight = weight;
  s.dashed = dashed;
  return s;
}

void FeatureScalingLesson::drawScatter(LessonContext& ctx, ImVec2 size, bool scaled) {
  char title[96];
  std::snprintf(title, sizeof title, ctx.tr("feature-scaling.p.scaled"), ctx.tr(methodKey(m_p.method)));
  PlotConfig cfg = plotConfig(ctx);
  cfg.title = scaled ? title : ctx.tr("feature-scaling.p.raw");
  cfg.x.label = ctx.tr("feature-scaling.x1");
  cfg.y.label = ctx.tr("feature-scaling.x2");
  cfg.equalAspect = true;  // shapes are true: a feature 20 times wider looks 20 times wider
  cfg.legend = m_p.outlier;
  Plot& plot = scaled ? m_scaledScatter : m_rawScatter;
  if (!plot.begin(scaled ? "##sscatter" : "##rscatter", size, cfg)) return;
  SeriesStyle dots = styled(0);
  dots.marker = 2.5f;
  const std::vector<double>& xs = scaled ? m_sX1 : m_rawX1;
  const std::vector<double>& ys = scaled ? m_sX2 : m_rawX2;
  plot.scatter(ctx.tr("feature-scaling.s.data"), xs.data(), ys.data(), static_cast<int>(xs.size()), dots);
  if (m_p.outlier) {
    SeriesStyle o = styled(1);
    o.marker = 5.0f;
    plot.scatter(ctx.tr("feature-scaling.s.outlier"), &m_outX[scaled ? 1 : 0], &m_outY[scaled ? 1 : 0], 1, o);
  }
  plot.end();
}

void FeatureScalingLesson::drawHistogram(LessonContext& ctx, ImVec2 size) {
  PlotConfig cfg = plotConfig(ctx);
  cfg.title = ctx.tr("feature-scaling.p.hist");
  cfg.x.label = ctx.tr("feature-scaling.value");
  cfg.y.min = 0.0;
  if (!m_hist.begin("##hist", size, cfg)) return;
  HistogramBins bins;
  bins.count = 20;
  bins.density = true;
  const int n = static_cast<int>(m_histMinMax.size());
  m_hist.histogram(ctx.tr("feature-scaling.minmax"), m_histMinMax.data(), n, bins, styled(1));
  m_hist.histogram(ctx.tr("feature-scaling.standard"), m_histStd.data(), n, bins, styled(0));
  m_hist.end();
}

void FeatureScalingLesson::drawContours(LessonContext& ctx, ImVec2 size, bool scaled) {
  const View& v = scaled ? m_scaled : m_raw;
  char result[48], title[128];
  if (v.run.diverged) std::snprintf(result, sizeof result, "%s", ctx.tr("feature-scaling.diverged"));
  else if (v.run.stepsToConverge < 0) std::snprintf(result, sizeof result, ctx.tr("feature-scaling.slow"), 200000);
  else std::snprintf(result, sizeof result, ctx.tr("feature-scaling.steps"), v.run.stepsToConverge);
  std::snprintf(title, sizeof title, ctx.tr(scaled ? "feature-scaling.p.scaledloss" : "feature-scaling.p.rawloss"),
                result);
  PlotConfig cfg = plotConfig(ctx);
  cfg.title = title;
  cfg.x.label = ctx.tr("feature-scaling.w1");
  cfg.y.label = ctx.tr("feature-scaling.w2");
  cfg.equalAspect = true;  // the valley's true shape: its thinness is the whole point
  Plot& plot = scaled ? m_scaledContour : m_rawContour;
  if (!plot.begin(scaled ? "##scont" : "##rcont", size, cfg)) return;
  for (size_t k = 0; k < v.cx.size(); ++k)
    plot.line("##level", v.cx[k].data(), v.cy[k].data(), static_cast<int>(v.cx[k].size()), styled(7, 1.0f));
  SeriesStyle path = styled(1, 1.5f);
  path.markers = v.px.size() < 60;
  plot.line(ctx.tr("feature-scaling.s.path"), v.px.data(), v.py.data(), static_cast<int>(v.px.size()), path);
  SeriesStyle opt = styled(0);
  opt.marker = 5.0f;
  plot.scatter(ctx.tr("feature-scaling.s.opt"), &v.ls.optimum(0), &v.ls.optimum(1), 1, opt);
  plot.end();
}

void FeatureScalingLesson::drawRidge(LessonContext& ctx, ImVec2 size) {
  PlotConfig cfg = plotConfig(ctx);
  cfg.title = ctx.tr("feature-scaling.p.ridge");
  cfg.x.label = ctx.tr("feature-scaling.feature");
  cfg.x.min = 0.5;
  cfg.x.max = 2.5;
  cfg.x.format = "%.0f";
  if (!m_ridgePlot.begin("##ridge", size, cfg)) return;
  const double x0[2] = {0.75, 1.75}, x1[2] = {1.0, 2.0}, x2[2] = {1.25, 2.25};
  m_ridgePlot.bars(ctx.tr("feature-scaling.s.ols"), x0, m_ols.data(), 2, 0.22, styled(7));
  m_ridgePlot.bars(ctx.tr("feature-scaling.s.ridgeraw"), x1, m_ridgeRaw.data(), 2, 0.22, styled(1));
  m_ridgePlot.bars(ctx.tr("feature-scaling.s.ridgestd"), x2, m_ridgeStd.data(), 2, 0.22, styled(2));
  m_ridgePlot.end();
}

void FeatureScalingLesson::drawCanvas(LessonContext& ctx) {
  // The two loss views side by side are the lesson's core contrast: they come first and stay together longest.
  m_layout.begin(ctx.scale, ctx.probe);
  m_layout.add(plotPanel("##rawloss", ctx.tr("feature-scaling.tab.rawloss"), 0, 1.2f, 1.5f),
               [&](ImVec2 s) { drawContours(ctx, s, false); });
  m_layout.add(plotPanel("##scaledloss", ctx.tr("feature-scaling.tab.scaledloss"), 1, 1.2f, 1.5f),
               [&](ImVec2 s) { drawContours(ctx, s, true); });
  m_layout.add(plotPanel("##rawdata", ctx.tr("feature-scaling.tab.rawdata"), 2, 1.2f),
               [&](ImVec2 s) { drawScatter(ctx, s, false); });
  m_layout.add(plotPanel("##scaleddata", ctx.tr("feature-scaling.tab.scaleddata"), 3, 1.2f),
               [&](ImVec2 s) { drawScatter(ctx, s, true); });
  m_layout.add(plotPanel("##hist", ctx.tr("feature-scaling.tab.hist"), 4), [&](ImVec2 s) { drawHistogram(ctx, s); });
  m_layout.add(plotPanel("##ridge", ctx.tr("feature-scaling.tab.ridge"), 5), [&](ImVec2 s) { drawRidge(ctx, s); });
  m_layout.end();
}

// [SECTION] Formula

std::string FeatureScalingLesson::formulaLatex() const {
  auto L = [](double v) { return latexNumber(v); };
  auto P = [](double v) { return v < 0 ? "(" + latexNumber(v) + ")" : latexNumber(v); };
  const std::string raw = latexText("feature-scaling.tex.raw"), scaled = latexText("feature-scaling.tex.scaled");
  auto steps = [this](const View& v) -> std::string {
    if (v.run.diverged) return latexText("feature-scaling.tex.diverges");
    if (v.run.stepsToConverge < 0) return R"(> 200000)";
    return std::to_string(v.run.stepsToConverge);
  };
  std::string t = R"(\begin{aligned})" "\n";
  t += R"(x'_1 &= \frac{x_1 - )" + P(m_scaling.shift(0)) + "}{" + L(m_scaling.scale(0)) + R"(},\quad x'_2 = \frac{x_2 - )" +
       P(m_scaling.shift(1)) + "}{" + L(m_scaling.scale(1)) + R"(}\\)" "\n";
  t += R"(\kappa_{\text{raw}} &= \frac{\lambda_{\max}}{\lambda_{\min}}\left(\tfrac{1}{n}X^\top X\right) = \frac{)" +
       L(m_raw.lambdaMax) + "}{" + L(m_raw.lambdaMin) + "} = " + L(m_raw.lambdaMax / m_raw.lambdaMin) +
       R"(,\quad \kappa_{\text{scaled}} = )" + L(m_scaled.lambdaMax / m_scaled.lambdaMin) + R"(\\)" "\n";
  t += R"(\eta &< \frac{2}{\lambda_{\max}}:\ \ )" + raw + L(m_raw.stableRate) + R"(,\ )" + scaled +
       L(m_scaled.stableRate) + R"(,\quad \eta = )" + L(m_p.lrFraction) + R"(\cdot\frac{2}{\lambda_{\max}}\\)" "\n";
  t += latexText("feature-scaling.tex.steps") + std::string(R"( &:\ \ )") + raw + steps(m_raw) + R"(,\ )" + scaled +
       steps(m_scaled) + R"(\\)" "\n";
  t += R"(w_{\text{ridge}} &= \left(\tfrac{1}{n}X^\top X + \lambda I\right)^{-1}\tfrac{1}{n}X^\top y,\quad \lambda = )" +
       L(m_p.lambda) + R"(;\ \ w_j s_j\!:\ )" + raw + "(" + L(m_ridgeRaw(0)) + ", " + L(m_ridgeRaw(1)) +
       R"(),\ )" + latexText("feature-scaling.tex.standardized") + "(" + L(m_ridgeStd(0)) + ", " + L(m_ridgeStd(1)) + ")\n";
  t += R"(\end{aligned})";
  return t;
}

void FeatureScalingLesson::drawFormula(LessonContext& ctx) {
  wrappedText(ctx.tr("feature-scaling.f.scale"));
  formulaText(ctx.tr("feature-scaling.f.scale.n"), m_scaling.shift(0), m_scaling.scale(0), m_scaling.shift(1),
              m_scaling.scale(1));
  formulaText(ctx.tr("feature-scaling.f.eigraw"), m_raw.lambdaMin, m_raw.lambdaMax, m_raw.lambdaMax / m_raw.lambdaMin);
  formulaText(ctx.tr("feature-scaling.f.eigscaled"), m_scaled.lambdaMin, m_scaled.lambdaMax,
              m_scaled.lambdaMax / m_scaled.lambdaMin);
  formulaText(ctx.tr("feature-scaling.f.rate"), m_raw.stableRate, m_scaled.stableRate);
  formulaText(ctx.tr("feature-scaling.f.lr"), double(m_p.lrFraction));
  char a[48], b[48];
  for (auto [v, buf] : {std::pair<const View*, char*>{&m_raw, a}, {&m_scaled, b}}) {
    if (v->run.diverged) std::snprintf(buf, 48, "%s", ctx.tr("feature-scaling.diverged"));
    else if (v->run.stepsToConverge < 0) std::snprintf(buf, 48, ctx.tr("feature-scaling.slow"), 200000);
    else std::snprintf(buf, 48, "%d", v->run.stepsToConverge);
  }
  formulaText(ctx.tr("feature-scaling.f.steps"), a, b);
  formulaText(ctx.tr("feature-scaling.f.ridge"), double(m_p.lambda));
  formulaText(ctx.tr("feature-scaling.f.ridge.n"), m_ols(0), m_ols(1), m_ridgeRaw(0), m_ridgeRaw(1), m_ridgeStd(0),
              m_ridgeStd(1));
}

}  // namespace nr::app
