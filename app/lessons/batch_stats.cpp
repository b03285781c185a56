// batch-stats — BatchNorm normalizes with the statistics of the batch it is given, so its output depends on the
// batch size and on the batch-mates; at inference it switches to running averages. The teaching choice: follow one
// fixed input (the "probe") through every step, so the jitter of BN in train mode, the smooth eval curve and the
// flat LN/GN lines sit in one plot. All numbers come from the model (nr::core::simulateBatches).

#include "lessons/batch_stats.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "lessons/controls.h"
#include "kit/latex.h"
#include "kit/text.h"

namespace nr::app {

// [SECTION] State

BatchStatsLesson::BatchStatsLesson() { m_model.set(m_p); }

const ParamTable<BatchStatsLesson::Params>& BatchStatsLesson::table() {
  // The population and probe of every channel are scene keys; the panel shows the sliders of the chosen channel.
  static const auto t = ParamTable<Params>()
      .integer("batch", &Params::batch, 1, 256).log().label("batch-stats.batch").tip("batch-stats.batch.tip")
      .real("momentum", &Params::momentum, 0.01, 1.0).log().format("%.2f").label("batch-stats.momentum")
          .tip("batch-stats.momentum.tip")
      .integer("steps", &Params::steps, 1, BatchStatsModel::kMaxSteps).label("batch-stats.steps")
      .tip("batch-stats.steps.tip")
      .integer("channel", &Params::channel, 0, BatchStatsModel::kChannels - 1).hidden()  // radio buttons
      .real("mean0", &Params::mean0, -3.0, 3.0).label("batch-stats.mu").tip("batch-stats.mu.tip")
      .real("mean1", &Params::mean1, -3.0, 3.0).label("batch-stats.mu").tip("batch-stats.mu.tip")
      .real("mean2", &Params::mean2, -3.0, 3.0).label("batch-stats.mu").tip("batch-stats.mu.tip")
      .real("mean3", &Params::mean3, -3.0, 3.0).label("batch-stats.mu").tip("batch-stats.mu.tip")
      .real("sd0", &Params::sd0, 0.1, 3.0).label("batch-stats.sigma").tip("batch-stats.sigma.tip")
      .real("sd1", &Params::sd1, 0.1, 3.0).label("batch-stats.sigma").tip("batch-stats.sigma.tip")
      .real("sd2", &Params::sd2, 0.1, 3.0).label("batch-stats.sigma").tip("batch-stats.sigma.tip")
      .real("sd3", &Params::sd3, 0.1, 3.0).label("batch-stats.sigma").tip("batch-stats.sigma.tip")
      .real("probe0", &Params::probe0, -5.0, 5.0).label("batch-stats.probe").tip("batch-stats.probe.tip")
      .real("probe1", &Params::probe1, -5.0, 5.0).label("batch-stats.probe").tip("batch-stats.probe.tip")
      .real("probe2", &Params::probe2, -5.0, 5.0).label("batch-stats.probe").tip("batch-stats.probe.tip")
      .real("probe3", &Params::probe3, -5.0, 5.0).label("batch-stats.probe").tip("batch-stats.probe.tip")
      .real("gamma", &Params::gamma, 0.1, 3.0).label("batch-stats.gamma").tip("batch-stats.gamma.tip")
      .real("beta", &Params::beta, -2.0, 2.0).label("batch-stats.beta").tip("batch-stats.beta.tip")
      .integer("seed", &Params::seed, 0, 1000000).input().label("batch-stats.seed").tip("batch-stats.seed.tip");
  return t;
}

void BatchStatsLesson::step() {
  if (m_p.steps >= BatchStatsModel::kMaxSteps) {
    setPlaying(false);
    return;
  }
  ++m_p.steps;
  m_model.set(m_p);
}

void BatchStatsLesson::update(double dt) {
  m_clock += dt;
  if (m_clock < 0.1) return;
  m_clock = 0.0;
  step();
}

void BatchStatsLesson::reset() {
  m_p = Params();
  m_clock = 0.0;
  setPlaying(false);
  m_model.set(m_p);
}

nlohmann::json BatchStatsLesson::params() const {
  nlohmann::json j;
  table().write(m_p, j);
  return j;
}

void BatchStatsLesson::setParams(const nlohmann::json& j, std::vector<std::string>& warnings,
                                 std::vector<std::string>& errors) {
  Params p = m_p;
  ParamReader r(j, warnings, errors);
  table().read(r, p);
  if (!r.finish()) return;
  m_p = p;
  m_model.set(m_p);
}

void BatchStatsLesson::interact(int frame) {
  // The main parameter: the batch size, swept over its log range.
  static const int sizes[] = {2, 4, 8, 16, 32, 64, 128, 256, 128, 64, 32, 16, 8, 4, 2, 1};
  m_p.batch = sizes[frame % 16];
  m_model.set(m_p);
}

// [SECTION] Controls

void BatchStatsLesson::drawControls(LessonContext& ctx) {
  bool changed = false;
  if (button(ctx.tr("batch-stats.step"))) step();
  tip(ctx, "batch-stats.step.tip");
  changed |= table().control(ctx, m_p, "batch");
  changed |= table().control(ctx, m_p, "momentum");
  changed |= table().control(ctx, m_p, "steps");

  sectionHeader(ctx.tr("batch-stats.population"));
  wrappedText(ctx.tr("batch-stats.channel"));
  for (int k = 0; k < BatchStatsModel::kChannels; ++k) {
    char label[8];
    std::snprintf(label, sizeof label, "%d", k);
    sameLineIfRoom(label);
    changed |= radioButton(label, &m_p.channel, k);
    tip(ctx, "batch-stats.channel.tip");
  }
  const std::string c = std::to_string(m_p.channel);
  for (const char* key : {"mean", "sd", "probe"}) changed |= table().control(ctx, m_p, (key + c).c_str());

  sectionHeader(ctx.tr("batch-stats.affine"));
  for (const char* key : {"gamma", "beta", "seed"}) changed |= table().control(ctx, m_p, key);

  if (changed) {
    m_p.batch = std::clamp(m_p.batch, 1, 256);
    m_p.steps = std::clamp(m_p.steps, 1, BatchStatsModel::kMaxSteps);
    m_model.set(m_p);
  }
}

// [SECTION] Canvas

static PlotConfig baseConfig(const LessonContext& ctx, const char* title, const char* xLabel) {
  PlotConfig cfg = plotConfig(ctx);
  cfg.title = title;
  cfg.x.label = xLabel;
  return cfg;
}

static SeriesStyle styled(int color, bool dashed = false, float marker = 0.0f) {
  SeriesStyle s;
  s.color = plotColor(color);
  s.dashed = dashed;
  s.marker = marker;
  return s;
}

void BatchStatsLesson::drawMeanPlot(LessonContext& ctx, ImVec2 size) {
  const BatchStatsModel::Series& series = m_model.series();
  char title[128];
  std::snprintf(title, sizeof title, ctx.tr("batch-stats.plot.mean"), m_p.channel);
  PlotConfig cfg = baseConfig(ctx, title, ctx.tr("batch-stats.step.axis"));
  const int n = static_cast<int>(series.batchMean.size());
  const double mu = m_p.mean(m_p.channel);
  const core::BatchSpread s = core::batchSpread(m_p.sd(m_p.channel), m_p.batch);
  const double bx[2] = {0.5, n + 0.5}, lo[2] = {mu - 2 * s.meanSd, mu - 2 * s.meanSd},
               hi[2] = {mu + 2 * s.meanSd, mu + 2 * s.meanSd};
  if (!m_meanPlot.begin("##mean", size, cfg)) return;
  m_meanPlot.band(ctx.tr("batch-stats.s.band"), bx, lo, hi, 2, styled(2));
  m_meanPlot.hline(ctx.tr("batch-stats.s.pop"), mu, styled(7, true));
  m_meanPlot.scatter(ctx.tr("batch-stats.s.batch"), PlotData::sequence(1), series.batchMean.data(), n, styled(0, false, 2.5f));
  m_meanPlot.line(ctx.tr("batch-stats.s.running"), PlotData::sequence(1), series.runningMean.data(), n, styled(1));
  m_meanPlot.end();
}

void BatchStatsLesson::drawVarPlot(LessonContext& ctx, ImVec2 size) {
  const BatchStatsModel::Series& series = m_model.series();
  char title[128];
  std::snprintf(title, sizeof title, ctx.tr("batch-stats.plot.var"), m_p.channel);
  PlotConfig cfg = baseConfig(ctx, title, ctx.tr("batch-stats.step.axis"));
  cfg.y.min = 0.0;
  const int n = static_cast<int>(series.batchVar.size());
  const double sd = m_p.sd(m_p.channel);
  const core::BatchSpread s = core::batchSpread(sd, m_p.batch);
  const double l = std::max(0.0, s.varMean - 2 * s.varSd), h = s.varMean + 2 * s.varSd;
  const double bx[2] = {0.5, n + 0.5}, lo[2] = {l, l}, hi[2] = {h, h};
  if (!m_varPlot.begin("##var", size, cfg)) return;
  m_varPlot.band(ctx.tr("batch-stats.s.band"), bx, lo, hi, 2, styled(2));
  m_varPlot.hline(ctx.tr("batch-stats.s.pop"), sd * sd, styled(7, true));
  m_varPlot.scatter(ctx.tr("batch-stats.s.batch"), PlotData::sequence(1), series.batchVar.data(), n, styled(0, false, 2.5f));
  m_varPlot.line(ctx.tr("batch-stats.s.running"), PlotData::sequence(1), series.runningVar.data(), n, styled(1));
  m_varPlot.end();
}

void BatchStatsLesson::drawProbePlot(LessonContext& ctx, ImVec2 size) {
  const BatchStatsModel::Series& series = m_model.series();
  char title[128];
  std::snprintf(title, sizeof title, ctx.tr("batch-stats.plot.probe"), m_p.probe(m_p.channel));
  PlotConfig cfg = baseConfig(ctx, title, ctx.tr("batch-stats.step.axis"));
  const int n = static_cast<int>(series.train.size());
  if (!m_probePlot.begin("##probe", size, cfg)) return;
  SeriesStyle train = styled(0, false, 2.5f);
  train.markers = true;
  train.weight = 1.0f;
  m_probePlot.line(ctx.tr("batch-stats.s.train"), PlotData::sequence(1), series.train.data(), n, train);
  m_probePlot.line(ctx.tr("batch-stats.s.eval"), PlotData::sequence(1), series.eval.data(), n, styled(1));
  m_probePlot.line(ctx.tr("batch-stats.s.ln"), PlotData::sequence(1), series.layer.data(), n, styled(2));
  m_probePlot.line(ctx.tr("batch-stats.s.gn"), PlotData::sequence(1), series.group.data(), n, styled(3, true));
  m_probePlot.end();
}

void BatchStatsLesson::drawMismatchPlot(LessonContext& ctx, ImVec2 size) {
  PlotConfig cfg = baseConfig(ctx, ctx.tr("batch-stats.plot.mismatch"), ctx.tr("batch-stats.b.axis"));
  cfg.x.log = true;
  cfg.y.min = 0.0;
  const std::vector<double>& b = BatchStatsModel::mismatchBatchSizes();
  if (!m_mismatchPlot.begin("##mismatch", size, cfg)) return;
  SeriesStyle s = styled(0);
  s.markers = true;
  m_mismatchPlot.line(ctx.tr("batch-stats.s.mismatch"), b.data(), m_model.mismatch().data(), static_cast<int>(b.size()),
                      s);
  m_mismatchPlot.hline(ctx.tr("batch-stats.s.zero"), 0.0, styled(2));
  m_mismatchPlot.vline(ctx.tr("batch-stats.s.now"), m_p.batch, styled(1, true));
  m_mismatchPlot.end();
}

void BatchStatsLesson::drawCanvas(LessonContext& ctx) {
  if (m_p.batch == 1) {
    ImGui::PushStyleColor(ImGuiCol_Text, plotColor(1));
    wrappedText(ctx.tr("batch-stats.b1"));
    ImGui::PopStyleColor();
  }
  // The scatter of batch means and the probe's outputs carry the idea; the variances and the mismatch come next.
  m_layout.begin(ctx.scale, ctx.probe);
  m_layout.add(plotPanel("##mean", ctx.tr("batch-stats.tab.mean"), 0), [&](ImVec2 s) { drawMeanPlot(ctx, s); });
  m_layout.add(plotPanel("##var", ctx.tr("batch-stats.tab.var"), 2), [&](ImVec2 s) { drawVarPlot(ctx, s); });
  m_layout.add(plotPanel("##probe", ctx.tr("batch-stats.tab.probe"), 1), [&](ImVec2 s) { drawProbePlot(ctx, s); });
  m_layout.add(plotPanel("##mismatch", ctx.tr("batch-stats.tab.mismatch"), 3), [&](ImVec2 s) { drawMismatchPlot(ctx, s); });
  m_layout.end();
}

// [SECTION] Formula

std::string BatchStatsLesson::formulaLatex() const {
  const std::vector<core::BatchStep>& steps = m_model.history();
  if (steps.empty()) return {};
  const int c = m_p.channel, n = static_cast<int>(steps.size()), B = m_p.batch;
  const core::BatchStep& s = steps.back();
  const double prevMean = m_model.previousRunningMean(), prevVar = m_model.previousRunningVar();
  const double m = m_p.momentum, x = m_p.probe(c);
  auto L = [](double v) { return latexNumber(v); };
  auto P = [](double v) { return v < 0 ? "(" + latexNumber(v) + ")" : latexNumber(v); };  // after − or ×
  std::string t = "\\begin{aligned}\n";
  char step[64];
  std::snprintf(step, sizeof step, latexText("batch-stats.tex.step"), n);
  t += "\\mu_B &= \\frac{1}{B}\\sum_{i=1}^{B} x_i = " + L(s.batchMean[c]) + " \\qquad (B = " + std::to_string(B) +
       ",\\ " + step + ")\\\\\n";
  t += "\\sigma_B^2 &= \\frac{1}{B}\\sum_{i=1}^{B} (x_i - \\mu_B)^2 = " + L(s.batchVar[c]) + "\\\\\n";
  if (s.updated) {
    t += "\\hat\\mu &\\leftarrow (1 - m)\\,\\hat\\mu + m\\,\\mu_B = " + L(1 - m) + " \\times " + P(prevMean) + " + " +
         L(m) + " \\times " + P(s.batchMean[c]) + " = " + L(s.runningMean[c]) + "\\\\\n";
    t += "\\hat\\sigma^2 &\\leftarrow (1 - m)\\,\\hat\\sigma^2 + m\\,\\sigma_B^2 \\tfrac{B}{B-1} = " + L(1 - m) +
         " \\times " + P(prevVar) + " + " + L(m) + " \\times " + P(s.batchVar[c]) + " \\times \\tfrac{" +
         std::to_string(B) + "}{" + std::to_string(B - 1) + "} = " + L(s.runningVar[c]) + "\\\\\n";
  }
  t += "y_{\\text{train}} &= \\gamma \\frac{x - \\mu_{B'}}{\\sqrt{\\sigma^2_{B'} + \\epsilon}} + \\beta = " + L(m_p.gamma) +
       " \\times \\frac{" + L(x) + " - " + P(s.probeMean[c]) + "}{\\sqrt{" + L(s.probeVar[c]) + " + 10^{-5}}} + " +
       P(m_p.beta) + " = " + L(s.probeTrain[c]) + "\\qquad (B' = " + latexText("batch-stats.tex.bprime") + ")\\\\\n";
  t += "y_{\\text{eval}} &= \\gamma \\frac{x - \\hat\\mu}{\\sqrt{\\hat\\sigma^2 + \\epsilon}} + \\beta = " +
       L(m_p.gamma) + " \\times \\frac{" + L(x) + " - " + P(s.runningMean[c]) + "}{\\sqrt{" + L(s.runningVar[c]) +
       " + 10^{-5}}} + " + P(m_p.beta) + " = " + L(s.probeEval[c]) + "\n";
  t += "\\end{aligned}";
  return t;
}

void BatchStatsLesson::drawFormula(LessonContext& ctx) {
  const std::vector<core::BatchStep>& steps = m_model.history();
  if (steps.empty()) return;
  const int c = m_p.channel, n = static_cast<int>(steps.size()), B = m_p.batch;
  const core::BatchStep& s = steps.back();
  const double prevMean = m_model.previousRunningMean(), prevVar = m_model.previousRunningVar();
  const double m = m_p.momentum, x = m_p.probe(c), sd = m_p.sd(c);
  formulaText(ctx.tr("batch-stats.f.step"), n, c, B);
  formulaText(ctx.tr("batch-stats.f.pop"), double(m_p.mean(c)), sd * sd, sd / std::sqrt(double(B)));
  formulaText(ctx.tr("batch-stats.f.mean"), s.batchMean[c]);
  formulaText(ctx.tr("batch-stats.f.var"), s.batchVar[c]);
  if (s.updated) {
    wrappedText(ctx.tr("batch-stats.f.rmean"));
    formulaText(ctx.tr("batch-stats.f.rmean.n"), 1 - m, prevMean, m, s.batchMean[c], s.runningMean[c]);
    wrappedText(ctx.tr("batch-stats.f.rvar"));
    formulaText(ctx.tr("batch-stats.f.rvar.n"), 1 - m, prevVar, m, s.batchVar[c], B, B - 1, s.runningVar[c]);
  } else {
    formulaText(ctx.tr("batch-stats.f.noupdate"), s.runningMean[c], s.runningVar[c]);
  }
  wrappedText(ctx.tr("batch-stats.f.train"));
  formulaText(ctx.tr("batch-stats.f.num"), double(m_p.gamma), x, s.probeMean[c], s.probeVar[c], double(m_p.beta),
              s.probeTrain[c]);
  wrappedText(ctx.tr("batch-stats.f.eval"));
  formulaText(ctx.tr("batch-stats.f.num"), double(m_p.gamma), x, s.runningMean[c], s.runningVar[c],
              double(m_p.beta), s.probeEval[c]);
  formulaText(ctx.tr("batch-stats.f.ln"), s.probeLayer[c], s.probeGroup[c]);
}

}  // namespace nr::app
