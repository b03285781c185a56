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
#include "ui/latex.h"
#include "ui/text.h"

namespace nr::app {

// [SECTION] Text

const std::vector<TextEntry>& FeatureScalingLesson::strings() {
  static const std::vector<TextEntry> t = {
      {"feature-scaling.title", "Feature scaling", "特征缩放"},
      {"feature-scaling.tex.diverges", "\\text{diverges}", "\\text{发散}"},
      {"feature-scaling.tex.raw", "\\text{raw }", "\\text{原始 }"},
      {"feature-scaling.tex.scaled", "\\text{scaled }", "\\text{缩放后 }"},
      {"feature-scaling.tex.steps", "\\text{steps to } \\|w - w^*\\| \\le 10^{-3}\\|w^*\\|", "\\text{到 } \\|w - w^*\\| \\le 10^{-3}\\|w^*\\| \\text{ 的步数}"},
      {"feature-scaling.tex.standardized", "\\text{standardized }", "\\text{标准化后 }"},
      {"feature-scaling.heading", "Min-max vs standardization, and why scale matters",
       "最小-最大缩放与标准化，以及尺度为什么重要"},
      {"feature-scaling.what",
       "Two features measured on very different scales predict y by least squares. The top row shows the data "
       "raw and after scaling (equal axes, so shapes are true), and how an outlier changes the histogram of feature "
       "1 under min-max scaling (x − min)/(max − min) and under standardization (x − mean)/sd. The bottom row shows "
       "the loss over the two weights: for raw features its contours are a long thin valley, and gradient descent, "
       "whose step must stay below 2/λ_max to be stable, zig-zags across it and crawls along it; after scaling the "
       "contours are nearly round and it walks almost straight in. The bars show that one ridge λ weighs features by "
       "their units: a small-scale feature needs a large coefficient, which the penalty pulls hard, while a "
       "large-scale one is barely touched (with correlated features a coefficient can even grow), unless the "
       "features are standardized first. Both scalers only shift and stretch each feature: the shape of its "
       "distribution stays the same, so standardized data are not made normal.",
       "两个尺度相差很大的特征通过最小二乘预测 y。上面一行是原始数据和缩放后的数据（两轴等比例，形状是真实的），"
       "以及异常值如何改变特征 1 在最小-最大缩放 (x − min)/(max − min) 和标准化 (x − 均值)/标准差 下的直方图。"
       "下面一行是两个权重上的损失：原始特征的等高线是一条又长又窄的山谷，梯度下降的步长必须小于 2/λ_max 才稳定，"
       "于是它在山谷两侧来回折返，沿谷底缓慢前进；缩放之后等高线接近圆形，几乎一路直达。"
       "柱状图说明，同一个岭回归 λ 按特征的单位来衡量它们：小尺度特征需要大系数，惩罚把它拉得很厉害，"
       "而大尺度特征几乎不受影响（特征相关时某个系数甚至可能变大），除非先把特征标准化。"
       "两种缩放都只是平移和拉伸每个特征，分布的形状不变，所以标准化并不会把数据变成正态分布。"},
      {"feature-scaling.try",
       "1. Raise the scale ratio from 1 to 100: the raw valley gets thinner and the raw step count grows roughly "
       "with the condition number λ_max/λ_min, while the scaled count stays small.\n"
       "2. Turn on the outlier: min-max squeezes every other value of feature 1 into a narrow strip near 0, "
       "standardization less so, and the robust scaler (median and IQR) hardly notices it.\n"
       "3. Set η to 1.05 of the stable rate: both runs diverge. At 0.5 both are stable, but only the scaled one is "
       "fast. Then compare the ridge bars: with raw features λ shrinks feature 1 hard, "
       "while feature 2, correlated with it, takes over part of its effect and even grows; with standardized "
       "features both shrink alike.",
       "1. 把尺度比从 1 调到 100：原始特征的山谷越来越窄，原始步数大致随条件数 λ_max/λ_min 增长，"
       "而缩放后的步数一直很少。\n"
       "2. 打开异常值：最小-最大缩放把特征 1 的其余值都挤到 0 附近的一条窄带里，标准化好一些，"
       "稳健缩放（中位数和四分位距）几乎不受影响。\n"
       "3. 把 η 设为稳定上限的 1.05 倍：两次运行都发散。设为 0.5 倍时两者都稳定，但只有缩放后的很快。"
       "再看岭回归的柱状图：用原始特征时，λ 大幅收缩特征 1，而与它相关的特征 2 接过了它的一部分效应，反而变大；"
       "用标准化特征时，两者收缩得差不多。"},
      {"feature-scaling.data", "Data", "数据"},
      {"feature-scaling.ratio", "Scale ratio", "尺度比"},
      {"feature-scaling.ratio.tip", "How many times wider feature 2 is spread than feature 1 (log scale).",
       "特征 2 的尺度（标准差）是特征 1 的多少倍（对数刻度）。"},
      {"feature-scaling.outlier", "Add an outlier", "加入异常值"},
      {"feature-scaling.outlier.tip", "Moves one sample's feature 1 twelve standard deviations out.",
       "把一个样本的特征 1 移到 12 个标准差之外。"},
      {"feature-scaling.seed", "Seed", "随机种子"},
      {"feature-scaling.seed.tip", "The data are drawn from this seed.", "数据由这个种子生成。"},
      {"feature-scaling.method", "Scaling", "缩放方式"},
      {"feature-scaling.minmax", "min-max", "最小-最大"},
      {"feature-scaling.standard", "standardize", "标准化"},
      {"feature-scaling.robust", "robust", "稳健"},
      {"feature-scaling.minmax.tip", "(x − min)/(max − min): every value in [0, 1]; one extreme value sets the range.",
       "(x − min)/(max − min)：所有值都落在 [0, 1]；一个极端值就决定了范围。"},
      {"feature-scaling.standard.tip", "(x − mean)/sd: mean 0 and variance 1 (population sd, as scikit-learn).",
       "(x − 均值)/标准差：均值为 0、方差为 1（总体标准差，与 scikit-learn 一致）。"},
      {"feature-scaling.robust.tip", "(x − median)/IQR: the middle half of the data sets the scale; outliers barely "
       "matter.", "(x − 中位数)/四分位距：由中间一半的数据决定尺度；异常值几乎没有影响。"},
      {"feature-scaling.descent", "Gradient descent and ridge", "梯度下降与岭回归"},
      {"feature-scaling.lr", "η / (2/λ_max)", "η / (2/λ_max)"},
      {"feature-scaling.lr.tip",
       "The learning rate as a fraction of each problem's largest stable rate 2/λ_max (λ_max: largest eigenvalue of "
       "XᵀX/n). Above 1, descent diverges.",
       "学习率占各自最大稳定学习率 2/λ_max 的比例（λ_max 是 XᵀX/n 的最大特征值）。超过 1 时梯度下降发散。"},
      {"feature-scaling.lambda", "Ridge λ", "岭回归 λ"},
      {"feature-scaling.lambda.tip", "The same penalty (λ/2)‖w‖² applied to raw and to standardized features.",
       "对原始特征和标准化特征施加同一个惩罚 (λ/2)‖w‖²。"},
      {"feature-scaling.p.raw", "Raw features", "原始特征"},
      {"feature-scaling.p.scaled", "Scaled: %s", "缩放后：%s"},
      {"feature-scaling.p.hist", "Feature 1 after scaling", "缩放后的特征 1"},
      {"feature-scaling.p.rawloss", "Loss, raw: %s", "损失（原始）：%s"},
      {"feature-scaling.p.scaledloss", "Loss, scaled: %s", "损失（缩放后）：%s"},
      {"feature-scaling.p.ridge", "Ridge, same λ: effect of 1 sd", "同一 λ 的岭回归：每个标准差的效应"},
      {"feature-scaling.tab.rawloss", "Loss, raw", "损失（原始）"},
      {"feature-scaling.tab.scaledloss", "Loss, scaled", "损失（缩放后）"},
      {"feature-scaling.tab.rawdata", "Data, raw", "数据（原始）"},
      {"feature-scaling.tab.scaleddata", "Data, scaled", "数据（缩放后）"},
      {"feature-scaling.tab.hist", "Histogram", "直方图"},
      {"feature-scaling.tab.ridge", "Ridge", "岭回归"},
      {"feature-scaling.steps", "%d steps", "%d 步"},
      {"feature-scaling.diverged", "diverges", "发散"},
      {"feature-scaling.slow", "> %d steps", "超过 %d 步"},
      {"feature-scaling.x1", "feature 1", "特征 1"},
      {"feature-scaling.x2", "feature 2", "特征 2"},
      {"feature-scaling.w1", "w₁", "w₁"},
      {"feature-scaling.w2", "w₂", "w₂"},
      {"feature-scaling.value", "scaled value", "缩放后的值"},
      {"feature-scaling.s.data", "samples", "样本"},
      {"feature-scaling.s.outlier", "outlier", "异常值"},
      {"feature-scaling.s.path", "gradient descent", "梯度下降"},
      {"feature-scaling.s.opt", "optimum w*", "最优点 w*"},
      {"feature-scaling.s.ols", "no penalty", "无惩罚"},
      {"feature-scaling.s.ridgeraw", "ridge on raw", "原始特征上的岭回归"},
      {"feature-scaling.s.ridgestd", "ridge on standardized", "标准化特征上的岭回归"},
      {"feature-scaling.feature", "feature", "特征"},
      {"feature-scaling.f.scale", "x' = (x − shift)/scale", "x' = (x − 平移)/尺度"},
      {"feature-scaling.f.scale.n", "   feature 1: (x − %.3g)/%.3g,   feature 2: (x − %.3g)/%.3g",
       "   特征 1：(x − %.3g)/%.3g，  特征 2：(x − %.3g)/%.3g"},
      {"feature-scaling.f.eigraw", "eigenvalues of XᵀX/n, raw: %.3g and %.3g (ratio %.0f)",
       "XᵀX/n 的特征值（原始）：%.3g 和 %.3g（比值 %.0f）"},
      {"feature-scaling.f.eigscaled", "eigenvalues of XᵀX/n, scaled: %.3g and %.3g (ratio %.1f)",
       "XᵀX/n 的特征值（缩放后）：%.3g 和 %.3g（比值 %.1f）"},
      {"feature-scaling.f.rate", "stable if η < 2/λ_max:  raw %.3g,  scaled %.3g", "η < 2/λ_max 时稳定：原始 %.3g，缩放后 %.3g"},
      {"feature-scaling.f.lr", "   here η = %.2f × 2/λ_max for each", "   这里各自取 η = %.2f × 2/λ_max"},
      {"feature-scaling.f.steps", "steps until ‖w − w*‖ ≤ 0.001·‖w*‖:  raw %s,  scaled %s",
       "直到 ‖w − w*‖ ≤ 0.001·‖w*‖ 的步数：原始 %s，缩放后 %s"},
      {"feature-scaling.f.ridge", "ridge: w = (XᵀX/n + λI)⁻¹ Xᵀy/n,  λ = %.3g;  w × sd:",
       "岭回归：w = (XᵀX/n + λI)⁻¹ Xᵀy/n，λ = %.3g；w × 标准差："},
      {"feature-scaling.f.ridge.n", "   none (%.3f, %.3f),  raw (%.3f, %.3f),  standardized (%.3f, %.3f)",
       "   无惩罚 (%.3f, %.3f)，原始 (%.3f, %.3f)，标准化 (%.3f, %.3f)"},
  };
  return t;
}

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
