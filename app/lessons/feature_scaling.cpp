// feature-scaling — the same data and the same least-squares fit, before and after scaling the features. The
// teaching choice: equal-aspect axes everywhere, so a feature that is 20 times wider really looks 20 times wider
// and the loss valley really looks thin; the learning rate is set as a fraction of each problem's own largest
// stable rate, so the comparison is fair and the difference in steps comes from the shape of the contours alone.
// The numbers come from the model (feature_scaling_model.h, over nr/feature_scaling.h).

#include "lessons/feature_scaling.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "lessons/controls.h"
#include "kit/latex.h"
#include "kit/text.h"

namespace nr::app {

// [SECTION] State

static const char* methodKey(int m) {
  static const char* keys[] = {"feature-scaling.minmax", "feature-scaling.standard", "feature-scaling.robust"};
  return keys[std::clamp(m, 0, 2)];
}

FeatureScalingLesson::FeatureScalingLesson() { recompute(); }

void FeatureScalingLesson::recompute() {
  m_model.set(m_p);
  const Eigen::MatrixXd& x = m_model.rawFeatures();
  const Eigen::MatrixXd& xs = m_model.scaledFeatures();
  const Eigen::Index n = x.rows();
  m_rawX1.assign(x.col(0).data(), x.col(0).data() + n);
  m_rawX2.assign(x.col(1).data(), x.col(1).data() + n);
  m_sX1.assign(xs.col(0).data(), xs.col(0).data() + n);
  m_sX2.assign(xs.col(1).data(), xs.col(1).data() + n);
  m_outX[0] = x(0, 0), m_outY[0] = x(0, 1), m_outX[1] = xs(0, 0), m_outY[1] = xs(0, 1);
}

void FeatureScalingLesson::reset() {
  m_p = Params();
  recompute();
}

const ParamTable<FeatureScalingLesson::Params>& FeatureScalingLesson::table() {
  // The ratio and λ sliders are log sliders with a fixed format (ImGui's own); the method is a row of radio
  // buttons. η visits 1.0 as well: exactly at the edge, the run oscillates without
  // shrinking along λ_max.
  static const auto t = ParamTable<Params>()
      .real("ratio", &Params::ratio, 1.0, 100.0).log().format("%.1f")
          .label("feature-scaling.ratio").tip("feature-scaling.ratio.tip")
      .boolean("outlier", &Params::outlier).label("feature-scaling.outlier").tip("feature-scaling.outlier.tip")
      .choice("method", &Params::method, {"minmax", "standard", "robust"},
              {"feature-scaling.minmax", "feature-scaling.standard", "feature-scaling.robust"}).hidden()
      .real("lr_fraction", &Params::lrFraction, 0.05, 1.2).format("%.2f").extremes({0.05, 1.0, 1.2})
          .label("feature-scaling.lr").tip("feature-scaling.lr.tip")
      .real("lambda", &Params::lambda, 0.001, 10.0).log().format("%.3f")
          .label("feature-scaling.lambda").tip("feature-scaling.lambda.tip")
      .integer("seed", &Params::seed, 0, 1000000).input().label("feature-scaling.seed").tip("feature-scaling.seed.tip");
  return t;
}

nlohmann::json FeatureScalingLesson::params() const {
  nlohmann::json j;
  table().write(m_p, j);
  return j;
}

void FeatureScalingLesson::setParams(const nlohmann::json& j, std::vector<std::string>& warnings,
                                     std::vector<std::string>& errors) {
  Params p = m_p;
  ParamReader r(j, warnings, errors);
  table().read(r, p);
  if (!r.finish()) return;
  m_p = p;
  recompute();
}

void FeatureScalingLesson::interact(int frame) {
  // The main parameter: the scale ratio, swept over its log range.
  m_p.ratio = static_cast<float>(std::pow(10.0, 2.0 * ((frame % 40) / 39.0)));
  recompute();
}

// [SECTION] Controls

bool FeatureScalingLesson::drawMethodChoice(LessonContext& ctx) {
  static const char* tips[] = {"feature-scaling.minmax.tip", "feature-scaling.standard.tip",
                               "feature-scaling.robust.tip"};
  // One row when the three choices fit the panel, else one per line (long labels at a large UI scale).
  const int count = FeatureScalingModel::kMethodCount;
  float rowW = 0.0f;
  for (int m = 0; m < count; ++m)
    rowW += ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x + ImGui::CalcTextSize(ctx.tr(methodKey(m))).x +
            ImGui::GetStyle().ItemSpacing.x;
  const bool oneRow = rowW <= ImGui::GetContentRegionAvail().x;
  bool changed = false;
  for (int m = 0; m < count; ++m) {
    if (m && oneRow) ImGui::SameLine();
    changed |= radioButton(ctx.tr(methodKey(m)), &m_p.method, m);
    tip(ctx, tips[m]);
  }
  return changed;
}

void FeatureScalingLesson::drawControls(LessonContext& ctx) {
  bool changed = false;
  sectionHeader(ctx.tr("feature-scaling.data"));
  changed |= table().control(ctx, m_p, "ratio");
  changed |= table().control(ctx, m_p, "outlier");
  changed |= table().control(ctx, m_p, "seed");
  sectionHeader(ctx.tr("feature-scaling.method"));
  changed |= drawMethodChoice(ctx);
  sectionHeader(ctx.tr("feature-scaling.descent"));
  changed |= table().control(ctx, m_p, "lr_fraction");
  changed |= table().control(ctx, m_p, "lambda");
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
  const int n = static_cast<int>(m_model.minMaxFeature1().size());
  m_hist.histogram(ctx.tr("feature-scaling.minmax"), m_model.minMaxFeature1().data(), n, bins, styled(1));
  m_hist.histogram(ctx.tr("feature-scaling.standard"), m_model.standardFeature1().data(), n, bins, styled(0));
  m_hist.end();
}

void FeatureScalingLesson::drawContours(LessonContext& ctx, ImVec2 size, bool scaled) {
  const View& v = scaled ? m_model.scaledView() : m_model.rawView();
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
  m_ridgePlot.bars(ctx.tr("feature-scaling.s.ols"), x0, m_model.olsEffects().data(), 2, 0.22, styled(7));
  m_ridgePlot.bars(ctx.tr("feature-scaling.s.ridgeraw"), x1, m_model.ridgeRawEffects().data(), 2, 0.22, styled(1));
  m_ridgePlot.bars(ctx.tr("feature-scaling.s.ridgestd"), x2, m_model.ridgeStdEffects().data(), 2, 0.22, styled(2));
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
  const core::ColumnScaling& sc = m_model.scaling();
  const View& rv = m_model.rawView();
  const View& sv = m_model.scaledView();
  const Eigen::VectorXd& onRaw = m_model.ridgeRawEffects();
  const Eigen::VectorXd& onStd = m_model.ridgeStdEffects();
  std::string t = R"(\begin{aligned})" "\n";
  t += R"(x'_1 &= \frac{x_1 - )" + P(sc.shift(0)) + "}{" + L(sc.scale(0)) + R"(},\quad x'_2 = \frac{x_2 - )" +
       P(sc.shift(1)) + "}{" + L(sc.scale(1)) + R"(}\\)" "\n";
  t += R"(\kappa_{\text{raw}} &= \frac{\lambda_{\max}}{\lambda_{\min}}\left(\tfrac{1}{n}X^\top X\right) = \frac{)" +
       L(rv.lambdaMax) + "}{" + L(rv.lambdaMin) + "} = " + L(rv.lambdaMax / rv.lambdaMin) +
       R"(,\quad \kappa_{\text{scaled}} = )" + L(sv.lambdaMax / sv.lambdaMin) + R"(\\)" "\n";
  t += R"(\eta &< \frac{2}{\lambda_{\max}}:\ \ )" + raw + L(rv.stableRate) + R"(,\ )" + scaled +
       L(sv.stableRate) + R"(,\quad \eta = )" + L(m_p.lrFraction) + R"(\cdot\frac{2}{\lambda_{\max}}\\)" "\n";
  t += latexText("feature-scaling.tex.steps") + std::string(R"( &:\ \ )") + raw + steps(rv) + R"(,\ )" + scaled +
       steps(sv) + R"(\\)" "\n";
  t += R"(w_{\text{ridge}} &= \left(\tfrac{1}{n}X^\top X + \lambda I\right)^{-1}\tfrac{1}{n}X^\top y,\quad \lambda = )" +
       L(m_p.lambda) + R"(;\ \ w_j s_j\!:\ )" + raw + "(" + L(onRaw(0)) + ", " + L(onRaw(1)) +
       R"(),\ )" + latexText("feature-scaling.tex.standardized") + "(" + L(onStd(0)) + ", " + L(onStd(1)) + ")\n";
  t += R"(\end{aligned})";
  return t;
}

void FeatureScalingLesson::drawFormula(LessonContext& ctx) {
  const core::ColumnScaling& sc = m_model.scaling();
  const View& rv = m_model.rawView();
  const View& sv = m_model.scaledView();
  wrappedText(ctx.tr("feature-scaling.f.scale"));
  formulaText(ctx.tr("feature-scaling.f.scale.n"), sc.shift(0), sc.scale(0), sc.shift(1), sc.scale(1));
  formulaText(ctx.tr("feature-scaling.f.eigraw"), rv.lambdaMin, rv.lambdaMax, rv.lambdaMax / rv.lambdaMin);
  formulaText(ctx.tr("feature-scaling.f.eigscaled"), sv.lambdaMin, sv.lambdaMax, sv.lambdaMax / sv.lambdaMin);
  formulaText(ctx.tr("feature-scaling.f.rate"), rv.stableRate, sv.stableRate);
  formulaText(ctx.tr("feature-scaling.f.lr"), double(m_p.lrFraction));
  char a[48], b[48];
  for (auto [v, buf] : {std::pair<const View*, char*>{&rv, a}, {&sv, b}}) {
    if (v->run.diverged) std::snprintf(buf, 48, "%s", ctx.tr("feature-scaling.diverged"));
    else if (v->run.stepsToConverge < 0) std::snprintf(buf, 48, ctx.tr("feature-scaling.slow"), 200000);
    else std::snprintf(buf, 48, "%d", v->run.stepsToConverge);
  }
  formulaText(ctx.tr("feature-scaling.f.steps"), a, b);
  formulaText(ctx.tr("feature-scaling.f.ridge"), double(m_p.lambda));
  const Eigen::VectorXd& ols = m_model.olsEffects();
  const Eigen::VectorXd& onRaw = m_model.ridgeRawEffects();
  const Eigen::VectorXd& onStd = m_model.ridgeStdEffects();
  formulaText(ctx.tr("feature-scaling.f.ridge.n"), ols(0), ols(1), onRaw(0), onRaw(1), onStd(0), onStd(1));
}

}  // namespace nr::app
