// pruning — the picture and the formula of the pruning lesson (the controls are in pruning.cpp, the numbers in
// pruning_model.cpp): the weight histogram split at the threshold, the accuracy-against-sparsity curve with the L1
// net and fine-tuned points, the accuracy per epoch, and the current net's decision boundary from a cached texture.

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "lessons/controls.h"
#include "lessons/pruning.h"
#include "kit/latex.h"
#include "kit/text.h"
#include "widgets/disc_sprites.h"

namespace nr::app {

void PruningLesson::drawCanvas(LessonContext& ctx) {
  m_model.collectHistory();
  m_layout.begin(ctx.scale, ctx.probe);
  m_layout.add(plotPanel("##hist", ctx.tr("pruning.tab.hist"), 0, 1.8f, 1.5f),
               [&](ImVec2 size) { drawHistogram(ctx, size); });
  m_layout.add(picturePanel("##boundary", ctx.tr("pruning.tab.boundary"), 1),
               [&](ImVec2 size) { drawBoundary(ctx, size); });
  m_layout.add(plotPanel("##curve", ctx.tr("pruning.tab.curve"), 2), [&](ImVec2 size) { drawCurve(ctx, size); });
  m_layout.add(plotPanel("##history", ctx.tr("pruning.tab.history"), 3), [&](ImVec2 size) { drawHistory(ctx, size); });
  m_layout.end();
}

void PruningLesson::drawHistogram(LessonContext& ctx, ImVec2 size) {
  const Params& p = m_model.params();
  PlotConfig cfg = plotConfig(ctx);
  const bool training = m_model.stage() == Stage::Training;
  cfg.title = ctx.tr(training ? (p.logHistogram ? "pruning.hist.now" : "pruning.hist.nowlin")
                              : (p.logHistogram ? "pruning.hist" : "pruning.hist.lin"));
  cfg.x.label = ctx.tr(p.logHistogram ? "pruning.logw" : "pruning.w");
  cfg.y.label = ctx.tr("pruning.count");
  cfg.emptyText = ctx.tr(m_model.diverged() ? "pruning.diverged.short" : "pruning.nodata");
  if (!m_histPlot.begin("##hist", size, cfg)) return;
  if (m_model.diverged()) {  // the weights of a blown-up run are not worth a histogram
    m_histPlot.end();
    return;
  }
  const std::vector<float>&kept = m_model.keptWeights(), &pruned = m_model.prunedWeights(),
                            &l1Weights = m_model.l1Weights();
  // One set of bins for all three series, so the kept and pruned parts of a bin stack up to the whole.
  double lo = PruningModel::kLogFloor, hi = PruningModel::kLogFloor + 1;
  if (!p.logHistogram) lo = -1e-3, hi = 1e-3;
  for (const auto* v : {&kept, &pruned, &l1Weights})
    for (float x : *v) lo = std::min(lo, double(x)), hi = std::max(hi, double(x));
  if (!p.logHistogram) lo = -std::max(-lo, hi), hi = -lo;  // symmetric, so ±τ sit alike
  HistogramBins bins;
  bins.count = 50;
  bins.lo = lo;
  bins.hi = hi;
  SeriesStyle keptStyle, cut, l1;
  keptStyle.color = plotColor(0);
  cut.color = plotColor(7);
  l1.color = plotColor(1);
  l1.fillAlpha = 0.25f;
  m_histPlot.histogram(ctx.tr("pruning.l1net"), l1Weights.data(), static_cast<int>(l1Weights.size()), bins, l1);
  m_histPlot.histogram(ctx.tr("pruning.kept"), kept.data(), static_cast<int>(kept.size()), bins, keptStyle);
  m_histPlot.histogram(ctx.tr("pruning.cut"), pruned.data(), static_cast<int>(pruned.size()), bins, cut);
  drawHistogramThresholds(ctx);
  m_histPlot.end();
}

/// τ (or one τ per layer) on the histogram, and on the log axis the L1 net's "zero" tolerance.
void PruningLesson::drawHistogramThresholds(LessonContext& ctx) {
  const Params& p = m_model.params();
  const core::PruneReport& report = m_model.report();
  SeriesStyle line;
  line.dashed = true;
  line.color = plotColor(7);
  auto mark = [&](const char* label, double tau, ImU32 color) {
    if (!(tau > 0)) return;
    line.color = color;
    if (p.logHistogram) {
      m_histPlot.vline(label, std::max(PruningModel::kLogFloor, std::log10(tau)), line);
    } else {
      m_histPlot.vline(label, tau, line);
      m_histPlot.vline(label, -tau, line);
    }
  };
  if (p.scope == 0) {
    mark(ctx.tr("pruning.tau"), report.threshold, plotColor(3));
  } else {
    // Per layer: one threshold per layer, each in its own colour.
    static const char* labels[] = {"τ₀##t", "τ₁##t", "τ₂##t"};
    for (size_t l = 0; l < report.layerThresholds.size() && l < 3; ++l)
      mark(labels[l], report.layerThresholds[l], plotColor(l == 0 ? 3 : l == 1 ? 2 : 5));
  }
  if (p.logHistogram) {
    SeriesStyle tol;
    tol.dashed = true;
    tol.color = plotColor(1, 0.7f);
    m_histPlot.vline(ctx.tr("pruning.tol"), std::log10(PruningModel::kZeroTolerance), tol);
  }
}

static void toPercent(const std::vector<double>& from, std::vector<double>& to) {
  to.resize(from.size());
  for (size_t i = 0; i < from.size(); ++i) to[i] = 100.0 * from[i];
}

void PruningLesson::drawCurve(LessonContext& ctx, ImVec2 size) {
  PlotConfig cfg = plotConfig(ctx);
  cfg.title = ctx.tr("pruning.curve");
  cfg.x.label = ctx.tr("pruning.sparsityaxis");
  cfg.y.label = ctx.tr("pruning.accaxis");
  cfg.x.min = 0.0;
  cfg.x.max = 100.0;
  cfg.y.max = 102.0;  // 100 % curves stay visible above the frame's edge
  cfg.emptyText = ctx.tr("pruning.curve.empty");
  if (!m_curvePlot.begin("##curve", size, cfg)) return;
  // The plot borrows these until end(): they live in this scope, not in the block below.
  double nx = 0, ny = 0, cx = 0, cy = 0;
  if (!m_model.curveSparsity().empty() && !m_model.diverged()) {
    toPercent(m_model.curveSparsity(), m_pct);
    toPercent(m_model.curveAccuracy(false), m_pctDense);
    toPercent(m_model.curveAccuracy(true), m_pctL1);
    const int n = static_cast<int>(m_pct.size());
    SeriesStyle dense, l1, natural, tuned, now;
    dense.color = plotColor(0);
    l1.color = plotColor(1);
    l1.dashed = true;
    natural.color = plotColor(1);
    natural.marker = 6.0f;
    tuned.color = plotColor(2);
    tuned.marker = 6.0f;
    now.color = plotColor(7);
    now.dashed = true;
    m_curvePlot.line(ctx.tr("pruning.nopenalty"), m_pct.data(), m_pctDense.data(), n, dense);
    m_curvePlot.line(ctx.tr("pruning.l1pruned"), m_pct.data(), m_pctL1.data(), n, l1);
    nx = 100.0 * m_model.l1Sparsity(), ny = 100.0 * m_model.l1PrunedAccuracy();
    m_curvePlot.scatter(ctx.tr("pruning.l1natural"), &nx, &ny, 1, natural);
    toPercent(m_model.tunedSparsities(), m_tunedPct);
    toPercent(m_model.tunedAccuracies(), m_tunedAccPct);
    m_curvePlot.scatter(ctx.tr("pruning.tuned"), m_tunedPct.data(), m_tunedAccPct.data(),
                        static_cast<int>(m_tunedPct.size()), tuned);
    m_curvePlot.vline(ctx.tr("pruning.now"), 100.0 * m_model.report().sparsity(), now);
    cx = 100.0 * m_model.report().sparsity(), cy = 100.0 * m_model.prunedAccuracy();
    SeriesStyle cur;
    cur.color = plotColor(0);
    cur.marker = 5.0f;
    m_curvePlot.scatter("##current", &cx, &cy, 1, cur);
  }
  m_curvePlot.end();
}

void PruningLesson::drawHistory(LessonContext& ctx, ImVec2 size) {
  PlotConfig cfg = plotConfig(ctx);
  cfg.title = ctx.tr("pruning.history");
  cfg.x.label = ctx.tr("pruning.epoch");
  cfg.x.integer = true;
  cfg.y.label = ctx.tr("pruning.accaxis");
  cfg.y.max = 102.0;
  cfg.emptyText = ctx.tr("pruning.nodata");
  if (!m_historyPlot.begin("##history", size, cfg)) return;
  if (!m_model.diverged()) {
    const std::vector<double>&epochs = m_model.historyEpochs(), &tuneEpochs = m_model.tuneEpochs();
    SeriesStyle dense, l1, tune;
    dense.color = plotColor(0);
    l1.color = plotColor(1);
    l1.dashed = true;
    tune.color = plotColor(2);
    tune.markers = tuneEpochs.size() < 30;
    const int n = static_cast<int>(epochs.size());
    m_historyPlot.line(ctx.tr("pruning.plain"), epochs.data(), m_model.historyDense().data(), n, dense);
    m_historyPlot.line(ctx.tr("pruning.l1net"), epochs.data(), m_model.historyL1().data(), n, l1);
    m_historyPlot.line(ctx.tr("pruning.fine"), tuneEpochs.data(), m_model.tuneAccuracy().data(),
                       static_cast<int>(tuneEpochs.size()), tune);
  }
  m_historyPlot.end();
}

void PruningLesson::drawBoundary(LessonContext& ctx, ImVec2 size) {
  const float side = pictureWithTitle(ctx.tr("pruning.boundary"), size);
  const ImVec2 p0 = ImGui::GetCursorScreenPos();
  if (m_model.refreshBoundary()) m_boundary.setField(PruningModel::kGrid, m_model.boundaryGrid().data());
  if (m_model.diverged()) {
    ImGui::Dummy(ImVec2(side, side));
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRect(p0, ImVec2(p0.x + side, p0.y + side), ImGui::GetColorU32(ImGuiCol_Border));
    const char* msg = ctx.tr("pruning.diverged.short");
    const ImVec2 ts = ImGui::CalcTextSize(msg);
    dl->AddText(ImVec2(p0.x + (side - ts.x) / 2, p0.y + (side - ts.y) / 2), ImGui::GetColorU32(ImGuiCol_TextDisabled), msg);
    return;
  }
  m_boundary.draw(ctx, side, 160);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 p1(p0.x + side, p0.y + side);
  dl->AddRect(p0, p1, ImGui::GetColorU32(ImGuiCol_Border));
  // Validation points (what the accuracy is measured on), in the field's two hues.
  const ImU32 colors[2] = {IM_COL32(33, 102, 172, 255), IM_COL32(214, 96, 77, 255)};
  const core::LabeledData& v = m_model.validationSet();
  const std::array<double, 2>& view = m_model.viewRange();
  const double span = view[1] - view[0];
  const float r = 2.5f * ctx.scale;
  dl->PushClipRect(p0, p1, true);
  for (int i = 0; i < v.size(); ++i) {
    const ImVec2 c(p0.x + float((v.row(i)[0] - view[0]) / span) * side,
                   p1.y - float((v.row(i)[1] - view[0]) / span) * side);
    drawDisc(dl, c, r, colors[v.y[i] > 0.5f]);
  }
  dl->PopClipRect();
}

/// The pruning rule with this net's numbers: k, n and τ (one per layer with per-layer scope), and the sparsity.
void PruningLesson::drawRuleLines(LessonContext& ctx) {
  const Params& p = m_model.params();
  const core::PruneReport& report = m_model.report();
  const int64_t n = report.total, k = report.pruned;
  if (p.scope == 0) {
    char line[128];
    std::snprintf(line, sizeof line, "k = ⌊s·n⌋ = ⌊%.2f × %lld⌋ = %lld,   τ = %.4g", double(p.sparsity),
                  static_cast<long long>(n), static_cast<long long>(k), report.threshold);
    wrappedText(line);
  } else {
    std::string line = "k_l = ⌊s·n_l⌋:";
    char buf[96];
    const core::Mlp& net = m_model.prunedNet();
    for (int l = 0; l < net.layerCount(); ++l) {
      const int64_t nl = net.weightBlock(l).count;
      std::snprintf(buf, sizeof buf, "  %lld → %lld (τ = %.3g)", static_cast<long long>(nl),
                    static_cast<long long>(std::llround(report.layerSparsity[l] * double(nl))), report.layerThresholds[l]);
      line += buf;
    }
    wrappedText(line.c_str());
  }
  char line[160];
  std::snprintf(line, sizeof line, ctx.tr("pruning.f.sparsity"), static_cast<long long>(k), static_cast<long long>(n),
                100.0 * report.sparsity());
  wrappedText(line);
}

void PruningLesson::drawFormula(LessonContext& ctx) {
  if (m_model.diverged()) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.8f, 0.1f, 0.1f, 1));
    wrappedText(ctx.tr("pruning.diverged"));
    ImGui::PopStyleColor();
    return;
  }
  wrappedText(ctx.tr("pruning.f.rule"));
  drawRuleLines(ctx);
  if (m_model.stage() == Stage::Training) return;
  char buf[320];
  std::snprintf(buf, sizeof buf, ctx.tr("pruning.f.acc"), 100.0 * m_model.trainedAccuracy(),
                100.0 * m_model.prunedAccuracy());
  std::string acc = buf;
  if (m_model.tunedAccuracy() >= 0) {
    std::snprintf(buf, sizeof buf, ctx.tr("pruning.f.tuned"), 100.0 * m_model.tunedAccuracy());
    acc += buf;
  }
  wrappedText(acc.c_str());
  std::snprintf(buf, sizeof buf, ctx.tr("pruning.f.l1"), m_model.params().l1, 100.0 * m_model.l1Sparsity(),
                100.0 * m_model.l1ExactSparsity(), 100.0 * m_model.l1Accuracy(), 100.0 * m_model.l1PrunedAccuracy());
  wrappedText(buf);
}

std::string PruningLesson::formulaLatex() const {
  const Params& p = m_model.params();
  const core::PruneReport& report = m_model.report();
  std::string s;
  if (p.scope == 0) {
    s = "\\begin{aligned}\n&w'_i = w_i\\,\\mathbb{1}[|w_i| > \\tau],\\quad \\tau = |w|_{(k)},\\quad k = \\lfloor s\\,n \\rfloor = \\lfloor " +
        latexNumber(p.sparsity) + " \\cdot " + std::to_string(report.total) + " \\rfloor = " +
        std::to_string(report.pruned) + ",\\ \\tau = " + latexNumber(report.threshold) + "\\\\\n";
  } else {
    // Per layer: one threshold per layer, τ_l = the k_l-th smallest |w| of layer l with k_l = ⌊s·n_l⌋.
    s = "\\begin{aligned}\n&w'_i = w_i\\,\\mathbb{1}[|w_i| > \\tau_l],\\quad \\tau_l = |w^{(l)}|_{(k_l)},\\quad k_l = "
        "\\lfloor s\\,n_l \\rfloor,\\ s = " + latexNumber(p.sparsity) + ":";
    for (size_t l = 0; l < report.layerThresholds.size(); ++l)
      s += "\\ \\tau_" + std::to_string(l) + " = " + latexNumber(report.layerThresholds[l]);
    s += ",\\ k/n = " + std::to_string(report.pruned) + "/" + std::to_string(report.total) + "\\\\\n";
  }
  const double tuned = m_model.tunedAccuracy();
  if (m_model.stage() != Stage::Training)
    s += "&" + std::string(latexText("pruning.tex.accuracy")) + latexNumber(100.0 * m_model.trainedAccuracy()) +
         "\\% \\to " + latexNumber(100.0 * m_model.prunedAccuracy()) + "\\%" +
         (tuned >= 0 ? " \\to " + latexNumber(100.0 * tuned) + "\\%\\ " + latexText("pruning.tex.finetuned")
                     : std::string()) +
         "\\\\\n&" + latexText("pruning.tex.l1net") + "(\\lambda_1 = " + latexNumber(p.l1) + "):\\ " +
         latexText("pruning.tex.share") + " = " + latexNumber(100.0 * m_model.l1Sparsity()) + "\\%,\\ " +
         latexText("pruning.tex.accuracy") + latexNumber(100.0 * m_model.l1PrunedAccuracy()) + "\\%\\\\\n";
  return s + "\\end{aligned}";
}

}  // namespace nr::app
