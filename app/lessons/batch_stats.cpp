// batch-stats — BatchNorm normalizes with the statistics of the batch it is given, so its output depends on the
// batch size and on the batch-mates; at inference it switches to running averages. The teaching choice: follow one
// fixed input (the "probe") through every step, so the jitter of BN in train mode, the smooth eval curve and the
// flat LN/GN lines sit in one plot. All numbers come from nr::core::simulateBatches (normalize + RunningStats).

#include "lessons/batch_stats.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "lessons/controls.h"
#include "kit/latex.h"
#include "kit/text.h"

namespace nr::app {

// [SECTION] State

BatchStatsLesson::BatchStatsLesson() { recompute(); }

const std::vector<double>& BatchStatsLesson::mismatchBatchSizes() {
  static const std::vector<double> b = {1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64, 96, 128, 192, 256};
  return b;
}

core::BatchSimConfig BatchStatsLesson::config() const {
  core::BatchSimConfig c;
  for (int k = 0; k < kChannels; ++k) {
    c.pop.mean.push_back(m_p.mean[k]);
    c.pop.sd.push_back(m_p.sd[k]);
    c.probe.push_back(m_p.probe[k]);
  }
  c.batch = m_p.batch;
  c.momentum = m_p.momentum;
  c.gamma = m_p.gamma;
  c.beta = m_p.beta;
  c.groups = 2;
  c.seed = static_cast<uint64_t>(m_p.seed) * 2654435761u + 5u;
  return c;
}

void BatchStatsLesson::recomputeMismatch() {
  // Depends on everything but B, the momentum and the step count: cached so dragging B stays cheap.
  nlohmann::json key = params();
  key.erase("batch");
  key.erase("momentum");
  key.erase("steps");
  if (key == m_mismatchKey) return;
  m_mismatchKey = key;
  const core::BatchSimConfig c = config();
  m_mismatch.clear();
  // Large batches vary little from batch to batch, so they need fewer samples for the same smooth curve.
  for (double b : mismatchBatchSizes())
    m_mismatch.push_back(core::trainEvalMismatch(c, static_cast<int64_t>(b), m_p.channel,
                                                 std::clamp(static_cast<int>(12000 / b), 50, 200)));
}

void BatchStatsLesson::recompute() {
  // The whole run is replayed from the seed: a scene (or a reset) then gives exactly the same picture.
  m_steps = core::simulateBatches(config(), m_p.steps);
  const int c = m_p.channel;
  for (auto* v : {&m_bMean, &m_bVar, &m_rMean, &m_rVar, &m_train, &m_eval, &m_layer, &m_group}) v->clear();
  for (const core::BatchStep& s : m_steps) {
    m_bMean.push_back(s.batchMean[c]);
    m_bVar.push_back(s.batchVar[c]);
    m_rMean.push_back(s.runningMean[c]);
    m_rVar.push_back(s.runningVar[c]);
    m_train.push_back(s.probeTrain[c]);
    m_eval.push_back(s.probeEval[c]);
    m_layer.push_back(s.probeLayer[c]);
    m_group.push_back(s.probeGroup[c]);
  }
  recomputeMismatch();
}

void BatchStatsLesson::step() {
  if (m_p.steps >= kMaxSteps) {
    setPlaying(false);
    return;
  }
  ++m_p.steps;
  recompute();
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
  recompute();
}

nlohmann::json BatchStatsLesson::params() const {
  nlohmann::json j = {{"batch", m_p.batch}, {"momentum", m_p.momentum}, {"steps", m_p.steps},
                      {"channel", m_p.channel}, {"gamma", m_p.gamma}, {"beta", m_p.beta}, {"seed", m_p.seed}};
  for (int k = 0; k < kChannels; ++k) {
    const std::string s = std::to_string(k);
    j["mean" + s] = m_p.mean[k];
    j["sd" + s] = m_p.sd[k];
    j["probe" + s] = m_p.probe[k];
  }
  return j;
}

void BatchStatsLesson::setParams(const nlohmann::json& j, std::vector<std::string>& warnings,
                                 std::vector<std::string>& errors) {
  Params p = m_p;
  ParamReader r(j, warnings, errors);
  r.read("batch", p.batch, 1, 256);
  r.read("momentum", p.momentum, 0.01f, 1.0f);
  r.read("steps", p.steps, 1, kMaxSteps);
  r.read("channel", p.channel, 0, kChannels - 1);
  r.read("gamma", p.gamma, 0.1f, 3.0f);
  r.read("beta", p.beta, -2.0f, 2.0f);
  r.read("seed", p.seed, 0, 1000000);
  std::string keys[3 * kChannels];
  for (int k = 0; k < kChannels; ++k) {
    keys[3 * k] = "mean" + std::to_string(k);
    keys[3 * k + 1] = "sd" + std::to_string(k);
    keys[3 * k + 2] = "probe" + std::to_string(k);
    r.read(keys[3 * k].c_str(), p.mean[k], -3.0f, 3.0f);
    r.read(keys[3 * k + 1].c_str(), p.sd[k], 0.1f, 3.0f);
    r.read(keys[3 * k + 2].c_str(), p.probe[k], -5.0f, 5.0f);
  }
  if (!r.finish()) return;
  m_p = p;
  recompute();
}

void BatchStatsLesson::interact(int frame) {
  // The main parameter: the batch size, swept over its log range.
  static const int sizes[] = {2, 4, 8, 16, 32, 64, 128, 256, 128, 64, 32, 16, 8, 4, 2, 1};
  m_p.batch = sizes[frame % 16];
  recompute();
}

void BatchStatsLesson::applyExtreme(int step) {
  Params p;
  switch (step) {
    case 0: p.batch = 1, p.momentum = 0.01f, p.steps = 1; break;
    case 1: p.batch = 256, p.momentum = 1.0f, p.steps = kMaxSteps; break;
    case 2: p.channel = kChannels - 1, p.gamma = 0.1f, p.beta = -2.0f, p.seed = 0; break;
    case 3: p.channel = 1, p.gamma = 3.0f, p.beta = 2.0f, p.seed = 1000000; break;
    case 4:
      for (int k = 0; k < kChannels; ++k) p.mean[k] = -3, p.sd[k] = 0.1f, p.probe[k] = -5;
      break;
    case 5:
      for (int k = 0; k < kChannels; ++k) p.mean[k] = 3, p.sd[k] = 3, p.probe[k] = 5;
      p.batch = 2;
      break;
    case 6:
      // Every channel equal: LayerNorm's variance of the probe is 0.
      for (int k = 0; k < kChannels; ++k) p.probe[k] = 1.0f;
      break;
    default: p.batch = 256, p.steps = kMaxSteps, p.channel = 2; break;
  }
  m_p = p;
  recompute();
}

// [SECTION] Controls


void BatchStatsLesson::drawControls(LessonContext& ctx) {
  bool changed = false;
  if (button(ctx.tr("batch-stats.step"))) step();
  tip(ctx, "batch-stats.step.tip");
  changed |= sliderInt(ctx, ctx.tr("batch-stats.batch"), m_p.batch, 1, 256, true);
  tip(ctx, "batch-stats.batch.tip");
  changed |= sliderFloat(ctx, ctx.tr("batch-stats.momentum"), m_p.momentum, 0.01f, 1.0f, "%.2f", true);
  tip(ctx, "batch-stats.momentum.tip");
  changed |= sliderInt(ctx, ctx.tr("batch-stats.steps"), m_p.steps, 1, kMaxSteps);
  tip(ctx, "batch-stats.steps.tip");

  sectionHeader(ctx.tr("batch-stats.population"));
  wrappedText(ctx.tr("batch-stats.channel"));
  for (int k = 0; k < kChannels; ++k) {
    char label[8];
    std::snprintf(label, sizeof label, "%d", k);
    sameLineIfRoom(label);
    changed |= radioButton(label, &m_p.channel, k);
    tip(ctx, "batch-stats.channel.tip");
  }
  const int c = m_p.channel;
  changed |= sliderFloat(ctx, ctx.tr("batch-stats.mu"), m_p.mean[c], -3.0f, 3.0f, "%.2f");
  tip(ctx, "batch-stats.mu.tip");
  changed |= sliderFloat(ctx, ctx.tr("batch-stats.sigma"), m_p.sd[c], 0.1f, 3.0f, "%.2f");
  tip(ctx, "batch-stats.sigma.tip");
  changed |= sliderFloat(ctx, ctx.tr("batch-stats.probe"), m_p.probe[c], -5.0f, 5.0f, "%.2f");
  tip(ctx, "batch-stats.probe.tip");

  sectionHeader(ctx.tr("batch-stats.affine"));
  changed |= sliderFloat(ctx, ctx.tr("batch-stats.gamma"), m_p.gamma, 0.1f, 3.0f, "%.2f");
  tip(ctx, "batch-stats.gamma.tip");
  changed |= sliderFloat(ctx, ctx.tr("batch-stats.beta"), m_p.beta, -2.0f, 2.0f, "%.2f");
  tip(ctx, "batch-stats.beta.tip");
  changed |= ImGui::InputInt(ctx.tr("batch-stats.seed"), &m_p.seed);
  m_p.seed = std::clamp(m_p.seed, 0, 1000000);
  tip(ctx, "batch-stats.seed.tip");

  if (changed) {
    m_p.batch = std::clamp(m_p.batch, 1, 256);
    m_p.steps = std::clamp(m_p.steps, 1, kMaxSteps);
    recompute();
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
  char title[128];
  std::snprintf(title, sizeof title, ctx.tr("batch-stats.plot.mean"), m_p.channel);
  PlotConfig cfg = baseConfig(ctx, title, ctx.tr("batch-stats.step.axis"));
  const int n = static_cast<int>(m_bMean.size());
  const double mu = m_p.mean[m_p.channel];
  const core::BatchSpread s = core::batchSpread(m_p.sd[m_p.channel], m_p.batch);
  const double bx[2] = {0.5, n + 0.5}, lo[2] = {mu - 2 * s.meanSd, mu - 2 * s.meanSd},
               hi[2] = {mu + 2 * s.meanSd, mu + 2 * s.meanSd};
  if (!m_meanPlot.begin("##mean", size, cfg)) return;
  m_meanPlot.band(ctx.tr("batch-stats.s.band"), bx, lo, hi, 2, styled(2));
  m_meanPlot.hline(ctx.tr("batch-stats.s.pop"), mu, styled(7, true));
  m_meanPlot.scatter(ctx.tr("batch-stats.s.batch"), PlotData::sequence(1), m_bMean.data(), n, styled(0, false, 2.5f));
  m_meanPlot.line(ctx.tr("batch-stats.s.running"), PlotData::sequence(1), m_rMean.data(), n, styled(1));
  m_meanPlot.end();
}

void BatchStatsLesson::drawVarPlot(LessonContext& ctx, ImVec2 size) {
  char title[128];
  std::snprintf(title, sizeof title, ctx.tr("batch-stats.plot.var"), m_p.channel);
  PlotConfig cfg = baseConfig(ctx, title, ctx.tr("batch-stats.step.axis"));
  cfg.y.min = 0.0;
  const int n = static_cast<int>(m_bVar.size());
  const double sd = m_p.sd[m_p.channel];
  const core::BatchSpread s = core::batchSpread(sd, m_p.batch);
  const double l = std::max(0.0, s.varMean - 2 * s.varSd), h = s.varMean + 2 * s.varSd;
  const double bx[2] = {0.5, n + 0.5}, lo[2] = {l, l}, hi[2] = {h, h};
  if (!m_varPlot.begin("##var", size, cfg)) return;
  m_varPlot.band(ctx.tr("batch-stats.s.band"), bx, lo, hi, 2, styled(2));
  m_varPlot.hline(ctx.tr("batch-stats.s.pop"), sd * sd, styled(7, true));
  m_varPlot.scatter(ctx.tr("batch-stats.s.batch"), PlotData::sequence(1), m_bVar.data(), n, styled(0, false, 2.5f));
  m_varPlot.line(ctx.tr("batch-stats.s.running"), PlotData::sequence(1), m_rVar.data(), n, styled(1));
  m_varPlot.end();
}

void BatchStatsLesson::drawProbePlot(LessonContext& ctx, ImVec2 size) {
  char title[128];
  std::snprintf(title, sizeof title, ctx.tr("batch-stats.plot.probe"), m_p.probe[m_p.channel]);
  PlotConfig cfg = baseConfig(ctx, title, ctx.tr("batch-stats.step.axis"));
  const int n = static_cast<int>(m_train.size());
  if (!m_probePlot.begin("##probe", size, cfg)) return;
  SeriesStyle train = styled(0, false, 2.5f);
  train.markers = true;
  train.weight = 1.0f;
  m_probePlot.line(ctx.tr("batch-stats.s.train"), PlotData::sequence(1), m_train.data(), n, train);
  m_probePlot.line(ctx.tr("batch-stats.s.eval"), PlotData::sequence(1), m_eval.data(), n, styled(1));
  m_probePlot.line(ctx.tr("batch-stats.s.ln"), PlotData::sequence(1), m_layer.data(), n, styled(2));
  m_probePlot.line(ctx.tr("batch-stats.s.gn"), PlotData::sequence(1), m_group.data(), n, styled(3, true));
  m_probePlot.end();
}

void BatchStatsLesson::drawMismatchPlot(LessonContext& ctx, ImVec2 size) {
  PlotConfig cfg = baseConfig(ctx, ctx.tr("batch-stats.plot.mismatch"), ctx.tr("batch-stats.b.axis"));
  cfg.x.log = true;
  cfg.y.min = 0.0;
  const std::vector<double>& b = mismatchBatchSizes();
  if (!m_mismatchPlot.begin("##mismatch", size, cfg)) return;
  SeriesStyle s = styled(0);
  s.markers = true;
  m_mismatchPlot.line(ctx.tr("batch-stats.s.mismatch"), b.data(), m_mismatch.data(), static_cast<int>(b.size()), s);
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
  if (m_steps.empty()) return {};
  const int c = m_p.channel, n = static_cast<int>(m_steps.size()), B = m_p.batch;
  const core::BatchStep& s = m_steps.back();
  const double prevMean = n >= 2 ? m_steps[n - 2].runningMean[c] : 0.0;
  const double prevVar = n >= 2 ? m_steps[n - 2].runningVar[c] : 1.0;
  const double m = m_p.momentum, x = m_p.probe[c];
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
  if (m_steps.empty()) return;
  const int c = m_p.channel, n = static_cast<int>(m_steps.size()), B = m_p.batch;
  const core::BatchStep& s = m_steps.back();
  const double prevMean = n >= 2 ? m_steps[n - 2].runningMean[c] : 0.0;
  const double prevVar = n >= 2 ? m_steps[n - 2].runningVar[c] : 1.0;
  const double m = m_p.momentum, x = m_p.probe[c], sd = m_p.sd[c];
  formulaText(ctx.tr("batch-stats.f.step"), n, c, B);
  formulaText(ctx.tr("batch-stats.f.pop"), double(m_p.mean[c]), sd * sd, sd / std::sqrt(double(B)));
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
