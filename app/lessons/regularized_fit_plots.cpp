// regularized-fit — the four pictures: the fit (a curve over train and test points, or predicted vs actual for
// several features), the coefficients at λ, the coefficient path against λ and the cross-validation curve. Everything
// drawn here is already computed by FitModel; a frame only lays out and strokes it.

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "lessons/regularized_fit.h"

#include "lessons/controls.h"
#include "kit/text.h"

namespace nr::app {

/// A note above a plot, grey and wrapped to its width. Returns the height used.
static float noteLines(const char* text, float width) {
  const float y0 = ImGui::GetCursorPosY();
  wrappedTextDisabled(text, width);
  return ImGui::GetCursorPosY() - y0;
}

/// y from a little below the smallest to a little above the largest coefficient, 0 always in view.
static void coefficientRange(PlotConfig& cfg, const Eigen::VectorXd& w) {
  double lo = std::min(0.0, w.size() ? w.minCoeff() : 0.0), hi = std::max(0.0, w.size() ? w.maxCoeff() : 0.0);
  if (hi - lo <= 0) hi = 1.0, lo = -1.0;
  cfg.y.min = lo - 0.08 * (hi - lo);
  cfg.y.max = hi + 0.12 * (hi - lo);
}

void RegularizedFitLesson::drawCanvas(LessonContext& ctx) {
  pollJob(&ctx);
  // In this order of importance: the fit, the coefficients, the path, the CV curve.
  m_layout.begin(ctx.scale, ctx.probe);
  m_layout.add(plotPanel("##fit", ctx.tr("regularized-fit.tab.fit"), 0, 1.5f, 1.5f),
               [&](ImVec2 s) { drawFit(ctx, s); });
  m_layout.add(plotPanel("##coef", ctx.tr("regularized-fit.tab.coef"), 1), [&](ImVec2 s) { drawCoefficients(ctx, s); });
  m_layout.add(plotPanel("##path", ctx.tr("regularized-fit.tab.path"), 2), [&](ImVec2 s) { drawPath(ctx, s); });
  m_layout.add(plotPanel("##cv", ctx.tr("regularized-fit.tab.cv"), 3), [&](ImVec2 s) { drawCv(ctx, s); });
  m_layout.end();
  drawProgress(ctx);
}


namespace {

/// The fit plot's series: training dots, smaller test dots, the dashed truth (or ideal diagonal), the fitted curve.
struct FitStyles {
  SeriesStyle train, test, truth, fit;
  FitStyles() {
    train.color = plotColor(0);
    test.color = plotColor(4, 0.75f);
    test.marker = 2.5f;
    truth.color = plotColor(7);
    truth.dashed = true;
    fit.color = plotColor(1);
    fit.weight = 2.5f;
  }
};

}  // namespace

void RegularizedFitLesson::drawFit(LessonContext& ctx, ImVec2 size) {
  PlotConfig cfg = plotConfig(ctx);
  cfg.emptyText = ctx.tr("regularized-fit.empty");
  if (m_model.data().curve)
    drawFitCurve(ctx, size, cfg);
  else
    drawPredictedVsActual(ctx, size, cfg);
}

void RegularizedFitLesson::drawFitCurve(LessonContext& ctx, ImVec2 size, PlotConfig cfg) {
  const FitData& d = m_model.data();
  const FitStyles st;
  char title[200];
  std::snprintf(title, sizeof title, ctx.tr("regularized-fit.fit.title"), m_model.trainMse(), m_model.testMse());
  cfg.title = title;
  cfg.x.label = "x";
  cfg.y.label = "y";
  cfg.x.min = 0.0;
  cfg.x.max = 1.0;
  // The y range of the data and the true curve, not of the fit: an overfitted curve leaves the picture.
  double lo = std::min({d.yTrain.minCoeff(), d.yTest.minCoeff(), d.gridTrue.minCoeff()});
  double hi = std::max({d.yTrain.maxCoeff(), d.yTest.maxCoeff(), d.gridTrue.maxCoeff()});
  const double pad = 0.12 * (hi - lo) + 1e-9;
  cfg.y.min = lo - pad;
  cfg.y.max = hi + pad;
  if (m_fitPlot.begin("##fitplot", size, cfg)) {
    const int nt = static_cast<int>(d.uTest.size()), n = static_cast<int>(d.uTrain.size());
    const int g = static_cast<int>(d.gridU.size());
    m_fitPlot.scatter(ctx.tr("regularized-fit.testpts"), d.uTest.data(), d.yTest.data(), nt, st.test);
    m_fitPlot.line(ctx.tr("regularized-fit.truth"), d.gridU.data(), d.gridTrue.data(), g, st.truth);
    m_fitPlot.line(ctx.tr("regularized-fit.fitted"), d.gridU.data(), m_model.gridFit().data(), g, st.fit);
    m_fitPlot.scatter(ctx.tr("regularized-fit.train"), d.uTrain.data(), d.yTrain.data(), n, st.train);
    m_fitPlot.end();
  }
}

void RegularizedFitLesson::drawPredictedVsActual(LessonContext& ctx, ImVec2 size, PlotConfig cfg) {
  const FitData& d = m_model.data();
  const FitStyles st;
  char title[200];
  std::snprintf(title, sizeof title, ctx.tr("regularized-fit.pva.title"), m_model.trainMse(), m_model.testMse());
  cfg.title = title;
  // A large table: at most kShownPoints dots per set (evenly spaced rows), said in the note; the errors in the title
  // are over every row. Drawing 100,000 dots took 190 ms a frame on a software renderer.
  const int nTrain = static_cast<int>(d.yTrain.size()), nTest = static_cast<int>(d.yTest.size());
  const bool sampled = nTrain > kShownPoints || nTest > kShownPoints;
  char note[400];
  int len = std::snprintf(note, sizeof note, ctx.tr("regularized-fit.pva.note"), static_cast<int>(d.names.size()));
  if (sampled && len > 0 && len < static_cast<int>(sizeof note))
    std::snprintf(note + len, sizeof note - len, ctx.tr("regularized-fit.pva.sampled"),
                  std::min(nTrain, kShownPoints) + std::min(nTest, kShownPoints), nTrain + nTest);
  size.y -= noteLines(note, size.x);
  char xLabel[96];
  std::snprintf(xLabel, sizeof xLabel, ctx.tr("regularized-fit.actual"), d.targetName.c_str());
  cfg.x.label = xLabel;
  cfg.y.label = ctx.tr("regularized-fit.predicted");
  const double lo = std::min(d.yTrain.minCoeff(), d.yTest.minCoeff());
  const double hi = std::max(d.yTrain.maxCoeff(), d.yTest.maxCoeff());
  const double pad = 0.08 * (hi - lo) + 1e-9;
  cfg.x.min = cfg.y.min = lo - pad;
  cfg.x.max = cfg.y.max = hi + pad;
  if (m_fitPlot.begin("##fitplot", size, cfg)) {
    const double diag[2] = {lo - pad, hi + pad};
    m_fitPlot.line(ctx.tr("regularized-fit.ideal"), diag, diag, 2, st.truth);
    auto dots = [&](const char* label, const Eigen::VectorXd& actual, const Eigen::VectorXd& predicted,
                    const SeriesStyle& style) {
      const int n = static_cast<int>(actual.size());
      if (n <= kShownPoints) {
        m_fitPlot.scatter(label, actual.data(), predicted.data(), n, style);
        return;
      }
      m_scratchX.resize(kShownPoints);
      m_scratchY.resize(kShownPoints);
      for (int i = 0; i < kShownPoints; ++i) {
        const int row = static_cast<int>(static_cast<int64_t>(i) * n / kShownPoints);
        m_scratchX[i] = actual[row];
        m_scratchY[i] = predicted[row];
      }
      m_fitPlot.scatter(label, m_scratchX.data(), m_scratchY.data(), kShownPoints, style);
    };
    dots(ctx.tr("regularized-fit.testpts"), d.yTest, m_model.predTest(), st.test);
    dots(ctx.tr("regularized-fit.train"), d.yTrain, m_model.predTrain(), st.train);
    m_fitPlot.end();
  }
}

void RegularizedFitLesson::drawCoefficients(LessonContext& ctx, ImVec2 size) {
  const FitData& d = m_model.data();
  const Eigen::VectorXd& w = m_model.coef();
  const int p = static_cast<int>(w.size());
  // More coefficients than bars the width can show (one per 6 px): groups of consecutive features, one bar each
  // from the group's smallest to its largest w; the axis label says so.
  const int fit = std::max(8, static_cast<int>(size.x / (6.0f * ctx.scale)));
  if (!d.curve && p > fit) {
    drawCoefficientGroups(ctx, size, (p + fit - 1) / fit);
    return;
  }
  // One category per coefficient: the feature's name (shortened under a narrow bar, whole on hover), or its power.
  m_index.resize(p);
  m_categoryNames.resize(p);
  m_categories.resize(p);
  const bool named = !d.curve;
  for (int j = 0; j < p; ++j) {
    m_index[j] = j;
    m_categoryNames[j] = named ? d.names[j] : std::to_string(j + 1);
    m_categories[j] = m_categoryNames[j].c_str();
  }
  char title[200];
  std::snprintf(title, sizeof title, ctx.tr("regularized-fit.coef.title"), m_model.nonzeros(), p);
  PlotConfig cfg = plotConfig(ctx);
  cfg.title = title;
  cfg.legend = false;
  cfg.emptyText = ctx.tr("regularized-fit.empty");
  cfg.x.categories = m_categories.data();
  cfg.x.categoryCount = p;
  cfg.y.label = "w";
  if (!named) cfg.x.label = ctx.tr("regularized-fit.power");
  coefficientRange(cfg, w);  // 0 in view, and some height when every coefficient is 0
  if (!m_coefPlot.begin("##coefplot", size, cfg)) return;
  SeriesStyle bars;
  bars.color = plotColor(0);
  m_coefPlot.bars("w", m_index.data(), w.data(), p, 0.7, bars);
  m_coefPlot.hline("##zero", 0.0, {ImGui::GetColorU32(ImGuiCol_TextDisabled), 1.0f});
  m_coefPlot.end();
  // Exact zeros: a hollow grey bar with a "0" above it, so they never look like small coefficients.
  drawZeroMarks(ctx, [&](int j) { return w[j] == 0.0; }, p, 0.35, true);
}

void RegularizedFitLesson::drawZeroMarks(LessonContext& ctx, const std::function<bool(int)>& isZero, int count,
                                         double halfWidth, bool label) {
  const PlotTransform& tf = m_coefPlot.transform();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImU32 grey = ImGui::GetColorU32(ImGuiCol_TextDisabled);
  const float h = 0.8f * ImGui::GetFontSize();
  const ImVec2 ts = ImGui::CalcTextSize("0");
  dl->PushClipRect(tf.min, tf.max, true);
  for (int j = 0; j < count; ++j) {
    if (!isZero(j)) continue;
    const ImVec2 a = tf.toPixel(m_index[j] - halfWidth, 0.0), b = tf.toPixel(m_index[j] + halfWidth, 0.0);
    dl->AddRect(ImVec2(a.x, a.y - h), ImVec2(b.x, b.y), grey, 0.0f, 0, std::max(1.0f, ctx.scale));
    // The label only where it fits over its bar and inside the plot.
    if (label && b.x - a.x >= ts.x && a.y - h - ts.y >= tf.min.y)
      dl->AddText(ImVec2(0.5f * (a.x + b.x) - 0.5f * ts.x, a.y - h - ts.y), grey, "0");
  }
  dl->PopClipRect();
}


void RegularizedFitLesson::drawCoefficientGroups(LessonContext& ctx, ImVec2 size, int group) {
  const Eigen::VectorXd& w = m_model.coef();
  const int p = static_cast<int>(w.size());
  const int bins = (p + group - 1) / group;
  m_index.resize(bins);
  m_scratchX.resize(bins);  // the most negative w of each group (0 if none)
  m_scratchY.resize(bins);  // the most positive
  std::vector<char> allZero(bins, 1);
  for (int b = 0; b < bins; ++b) {
    const int j0 = b * group, j1 = std::min(p, j0 + group);
    m_index[b] = 0.5 * (j0 + 1 + j1);  // centre, in feature numbers from 1
    m_scratchX[b] = m_scratchY[b] = 0.0;
    for (int j = j0; j < j1; ++j) {
      m_scratchX[b] = std::min(m_scratchX[b], w[j]);
      m_scratchY[b] = std::max(m_scratchY[b], w[j]);
      if (w[j] != 0.0) allZero[b] = 0;
    }
  }
  char title[200], xLabel[200];
  std::snprintf(title, sizeof title, ctx.tr("regularized-fit.coef.title"), m_model.nonzeros(), p);
  std::snprintf(xLabel, sizeof xLabel, ctx.tr("regularized-fit.coef.grouped"), group);
  PlotConfig cfg = plotConfig(ctx);
  cfg.title = title;
  cfg.legend = false;
  cfg.x.label = xLabel;
  cfg.x.min = 0.5;
  cfg.x.max = p + 0.5;
  cfg.y.label = "w";
  coefficientRange(cfg, w);
  if (!m_coefPlot.begin("##coefplot", size, cfg)) return;
  SeriesStyle bars;
  bars.color = plotColor(0);
  m_coefPlot.bars("w", m_index.data(), m_scratchY.data(), bins, 0.8 * group, bars);
  m_coefPlot.bars("##neg", m_index.data(), m_scratchX.data(), bins, 0.8 * group, bars);
  m_coefPlot.hline("##zero", 0.0, {ImGui::GetColorU32(ImGuiCol_TextDisabled), 1.0f});
  m_coefPlot.end();
  // Groups whose every coefficient is exactly 0: hollow, as single zeros are (no "0": the bars are narrow).
  drawZeroMarks(ctx, [&](int b) { return allZero[b] != 0; }, bins, 0.4 * group, false);
}

void RegularizedFitLesson::drawPath(LessonContext& ctx, ImVec2 size) {
  // At most kPathLines paths: the ones that grow largest along λ (more lines than that are a smear, and slow to
  // draw on a software renderer); the title says how many of how many.
  const int p = static_cast<int>(m_model.data().names.size());
  std::vector<int> shown(p);
  for (int j = 0; j < p; ++j) shown[j] = j;
  char title[200];
  PlotConfig cfg = plotConfig(ctx);
  cfg.title = ctx.tr("regularized-fit.path.title");
  if (m_model.hasPath() && p > kPathLines) {  // the ranking is the model's, made once per path
    shown.assign(m_model.pathsByPeak().begin(), m_model.pathsByPeak().begin() + kPathLines);
    std::sort(shown.begin(), shown.end());
    std::snprintf(title, sizeof title, ctx.tr("regularized-fit.path.some"), kPathLines, p);
    cfg.title = title;
  }
  cfg.legend = false;
  cfg.emptyText = ctx.tr("regularized-fit.nocv");
  cfg.x.label = "λ";
  cfg.x.log = true;
  cfg.y.label = "w_j";
  if (m_model.hasPath()) {
    cfg.x.min = m_model.lambdaLo();
    cfg.x.max = m_model.lambdaHi();
  }
  if (!m_pathPlot.begin("##pathplot", size, cfg)) return;
  if (m_model.hasPath()) {
    const core::ElasticNetPath& path = m_model.path();
    const int k = static_cast<int>(path.lambdas.size());
    const FitData& d = m_model.data();
    for (int j : shown) {
      SeriesStyle s;
      s.color = plotColor(j);
      s.weight = 1.6f;
      s.dashed = j >= kPlotColorCount;  // the palette repeats after 8: the second round is dashed
      m_pathPlot.line(d.names[j].c_str(), path.lambdas.data(), m_model.pathCoef(j).data(), k, s);
    }
    m_pathPlot.vline(ctx.tr("regularized-fit.now"), m_model.lambda(), {ImGui::GetColorU32(ImGuiCol_Text), 1.5f});
  }
  m_pathPlot.end();
}

void RegularizedFitLesson::drawCv(LessonContext& ctx, ImVec2 size) {
  char title[160];
  std::snprintf(title, sizeof title, ctx.tr("regularized-fit.cv.title"), m_model.cvFolds());
  PlotConfig cfg = plotConfig(ctx);
  cfg.title = m_model.hasCv() ? title : ctx.tr("regularized-fit.cv");
  cfg.emptyText = ctx.tr("regularized-fit.nocv");
  cfg.x.label = "λ";
  cfg.x.log = true;
  cfg.y.label = ctx.tr("regularized-fit.cvmse");
  if (m_model.hasCv()) {
    const core::CrossValidation& cv = m_model.cv();
    cfg.x.min = m_model.lambdaLo();
    cfg.x.max = m_model.lambdaHi();
    // From 0 to a little above the error of the (nearly) empty model at the top of the path: the overfitted end
    // of a degree-15 curve can be 100 times larger and would flatten the interesting part into the floor.
    const double ceiling = std::max(cv.mean.front(), cv.mean[cv.indexMin] + 2 * cv.se[cv.indexMin]);
    cfg.y.min = 0.0;
    cfg.y.max = 1.5 * ceiling;
  }
  if (!m_cvPlot.begin("##cvplot", size, cfg)) return;
  if (m_model.hasCv()) {
    const core::CrossValidation& cv = m_model.cv();
    const int k = static_cast<int>(cv.lambdas.size());
    SeriesStyle band, mean, lmin, l1se;
    band.color = mean.color = plotColor(0);
    m_cvPlot.band("CV MSE ± se", cv.lambdas.data(), m_model.cvLo().data(), m_model.cvHi().data(), k, band);
    m_cvPlot.line("CV MSE ± se", cv.lambdas.data(), cv.mean.data(), k, mean);
    lmin.color = plotColor(2);
    lmin.dashed = true;
    l1se.color = plotColor(3);
    l1se.dashed = true;
    // The current λ first, so the dashed λ_min / λ_1se markers stay visible when λ sits exactly on one of them.
    m_cvPlot.vline(ctx.tr("regularized-fit.now"), m_model.lambda(), {ImGui::GetColorU32(ImGuiCol_Text), 1.5f});
    m_cvPlot.vline("λ_min", cv.lambdaMin, lmin);
    m_cvPlot.vline("λ_1se", cv.lambda1se, l1se);
  }
  m_cvPlot.end();
}

}  // namespace nr::app
