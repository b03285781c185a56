// early-stopping — a 1-64-64-1 tanh net trained full-batch with Adam on a dozen noisy samples of sin(3x). The
// teaching choices: the monitor (nr::core::EarlyStopping, Keras' rule) is replayed over the recorded validation
// curve, so moving the patience slider moves the stop at once; training may go on past the stop, drawn dashed, so
// the overfitting early stopping prevented stays visible; the fit shows the restored best model beside the latest
// one, and the weight norm shows what grew meanwhile.
//
// [SECTION] Model
// [SECTION] Controls
// [SECTION] Canvas and formula

#include "lessons/early_stopping.h"

#include <imgui.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>

#include "lessons/controls.h"
#include "lessons/curve_data.h"
#include "kit/latex.h"
#include "kit/text.h"

namespace nr::app {

// [SECTION] Model

namespace {

constexpr int kValidationPoints = 60;
constexpr int kEpochsPerFrame = 5;

}  // namespace

EarlyStoppingLesson::EarlyStoppingLesson() { rebuild(); }
EarlyStoppingLesson::~EarlyStoppingLesson() = default;

void EarlyStoppingLesson::rebuild() {
  const uint64_t seed = static_cast<uint64_t>(m_p.seed);
  core::LabeledData train = makeCurveSet(m_p.points, m_p.noise, seed);
  core::LabeledData val = makeCurveSet(kValidationPoints, m_p.noise, seed + 1000003);
  m_targetVar = targetVariance(train);
  core::MlpSpec net = core::MlpSpec::make(1, {m_p.width, m_p.width}, 1, core::Activation::Tanh, core::LossKind::Mse);
  net.seed = seed;
  net.maxBatch = m_p.points;
  core::OptimizerSpec o;
  o.kind = core::OptimizerKind::Adam;
  o.lr = m_p.lr;
  core::TrainerSpec ts;
  ts.batchSize = m_p.points;  // full batch: one step is one epoch, so every epoch's weights can be kept exactly
  ts.seed = seed + 7;
  m_trainer = std::make_unique<core::Trainer>(net, o, std::move(train), std::move(val), ts);
  m_bestNet = std::make_unique<core::Mlp>(net);
  m_diverged = false;
  m_snapEpoch.clear();
  m_snapParams.clear();
  m_epoch.clear(), m_train.clear(), m_val.clear(), m_norm.clear();
  m_gridX = curveGrid(kGrid, -1.0, 1.0);
  m_out.resize(kGrid);
  m_truth.resize(kGrid);
  for (int g = 0; g < kGrid; ++g) m_truth[g] = curveTarget(m_gridX[g]);
  m_bestCurve.clear();
  m_latestCurve.clear();
  m_bestShown = -2;
  m_latestStep = -1;
  replayMonitor();
  m_pace.restart();
  // The lesson opens (and restarts) with its first epochs drawn, so a projector never shows empty plots.
  this->train(kWarmEpochs);
  refreshLatest();
}

void EarlyStoppingLesson::setPatience(int patience, double minDelta) {
  m_p.patience = patience;
  m_p.minDelta = minDelta;
  replayMonitor();
}

void EarlyStoppingLesson::replayMonitor() {
  core::EarlyStoppingSpec s;
  s.patience = m_p.patience;
  s.minDelta = m_p.minDelta;
  s.restoreBest = m_p.restoreBest;
  m_monitor = core::EarlyStopping(s);
  for (double v : m_val) m_monitor.update(v);
  refreshBest();
}

void EarlyStoppingLesson::record() {
  const auto& epochs = m_trainer->epochs();
  while (m_epoch.size() < epochs.size()) {
    const core::EpochRecord& e = epochs[m_epoch.size()];
    m_epoch.push_back(e.epoch);
    m_train.push_back(e.train.data);
    m_val.push_back(e.validation.data);
    m_norm.push_back(e.weightNorm);
    // Full batch: the net now holds exactly this epoch's weights (record() runs after every step).
    const double v = e.validation.data;
    if (std::isfinite(v) && (m_snapEpoch.empty() || v < m_runningMin)) {
      m_runningMin = v;
      m_snapEpoch.push_back(e.epoch);
      const core::Mlp& net = m_trainer->net();
      m_snapParams.emplace_back(net.parameters(), net.parameters() + net.parameterCount());
    }
    m_monitor.update(v);
  }
}

void EarlyStoppingLesson::refreshBest() {
  const int b = m_monitor.bestEpoch();
  if (b == m_bestShown) return;
  m_bestShown = b;
  const auto it = std::find(m_snapEpoch.begin(), m_snapEpoch.end(), b);
  if (b < 0 || it == m_snapEpoch.end()) {
    m_bestCurve.clear();
    return;
  }
  const std::vector<float>& params = m_snapParams[it - m_snapEpoch.begin()];
  std::copy(params.begin(), params.end(), m_bestNet->parameters());
  m_bestNet->predict(m_gridX.data(), kGrid, m_out.data());
  m_bestCurve.assign(m_out.begin(), m_out.end());
  const core::LabeledData& val = m_trainer->validationSet();
  m_restoredVal = m_bestNet->evaluate(val.x.data(), val.y.data(), val.size()).data;
  m_restoredNorm = m_bestNet->weightNorm();
}

void EarlyStoppingLesson::refreshLatest() {
  if (m_latestStep == m_trainer->stepCount()) return;
  m_latestStep = m_trainer->stepCount();
  m_trainer->predict(m_gridX.data(), kGrid, m_out.data());
  m_latestCurve.assign(m_out.begin(), m_out.end());
}

void EarlyStoppingLesson::checkDiverged() {
  // Ten times the loss of predicting the targets' mean: the steps are too large to settle anywhere.
  if (m_trainer->blownUp(1e4, 10.0 * std::max(m_targetVar, 0.01))) {
    m_diverged = true;
    setPlaying(false);
  }
}

bool EarlyStoppingLesson::halted() const {
  return m_diverged || m_trainer->epoch() >= kMaxEpochs || (m_monitor.stopped() && !m_p.continueAfter);
}

void EarlyStoppingLesson::train(int epochs) {
  for (int i = 0; i < epochs && !halted(); ++i) {
    m_trainer->advance(1);
    record();
    checkDiverged();
  }
  refreshBest();
  refreshLatest();
}

void EarlyStoppingLesson::update(double dt) {
  if (halted()) {
    setPlaying(false);
    return;
  }
  // At the chosen pace (an epoch is one full-batch step), and at most 2 ms per frame: the frame stays far under
  // 16 ms on llvmpipe.
  using Clock = std::chrono::steady_clock;
  const auto start = Clock::now();
  const int epochs = m_pace.unlimited() ? kEpochsPerFrame : m_pace.epochs(dt);
  for (int i = 0; i < epochs && !halted(); ++i) {
    m_trainer->advance(1);
    record();
    checkDiverged();
    if (std::chrono::duration<double>(Clock::now() - start).count() > 0.002) break;
  }
  refreshBest();
  refreshLatest();
}

// Like the other training lessons: a fresh run with the current settings (the seed included), so "lower the
// learning rate and press Reset" works.
void EarlyStoppingLesson::reset() {
  setPlaying(false);
  rebuild();
}

nlohmann::json EarlyStoppingLesson::params() const {
  return {{"patience", m_p.patience}, {"min_delta", m_p.minDelta}, {"restore_best", m_p.restoreBest},
          {"continue", m_p.continueAfter}, {"width", m_p.width}, {"points", m_p.points}, {"noise", m_p.noise},
          {"lr", m_p.lr}, {"seed", m_p.seed}, {"pretrain", m_p.pretrain},
          {"speed", m_pace.unlimited() ? nlohmann::json("max") : nlohmann::json(m_pace.epochsPerSecond())}};
}

void EarlyStoppingLesson::setParams(const nlohmann::json& j, std::vector<std::string>& warnings,
                                    std::vector<std::string>& errors) {
  Params p = m_p;
  ParamReader r(j, warnings, errors);
  r.read("patience", p.patience, 1, 200);
  r.read("min_delta", p.minDelta, 0.0, 0.1);
  r.read("restore_best", p.restoreBest);
  r.read("continue", p.continueAfter);
  r.read("width", p.width, 4, 64);
  r.read("points", p.points, 4, 60);
  r.read("noise", p.noise, 0.0f, 1.0f);
  r.read("lr", p.lr, 1e-4, 10.0);
  r.read("seed", p.seed, 0, 1000000);
  r.read("pretrain", p.pretrain, 0, kMaxEpochs);
  double speed = m_pace.epochsPerSecond();
  r.readSpeed("speed", speed, TrainingPace::kMin, TrainingPace::kMax);
  if (!r.finish()) return;
  setPlaying(false);
  m_p = p;
  m_pace.set(speed);
  rebuild();
  // The warm epochs of rebuild() count towards pretrain: a scene of 150 epochs opens at epoch 150.
  if (m_p.pretrain > kWarmEpochs) train(m_p.pretrain - kWarmEpochs);
}

void EarlyStoppingLesson::interact(int frame) {
  // The main parameter, the patience, moves while training runs (the stop moves along the recorded curve).
  setPatience((frame / 10) % 2 ? 60 : 20, m_p.minDelta);
  m_p.continueAfter = true;
  setPlaying(true);
}

void EarlyStoppingLesson::applyExtreme(int step) {
  Params p;
  switch (step) {
    case 0: p.patience = 1, p.minDelta = 0.0, p.width = 4, p.points = 4, p.noise = 0.0f, m_pace.set(TrainingPace::kMin); break;
    case 1: p.patience = 200, p.minDelta = 0.1, p.width = 64, p.points = 60, p.noise = 1.0f, m_pace.set(0.0); break;
    case 2: p.lr = 10.0; break;  // diverges: reported, not plotted
    case 3: p.lr = 1e-4, p.restoreBest = false, p.continueAfter = false; break;
    case 4: p.seed = 1000000, p.patience = 5; break;
    case 5: p.seed = 0, p.minDelta = 1e-5; break;
    default: p.pretrain = 300; break;
  }
  setPlaying(false);
  m_p = p;
  rebuild();
  train(std::max(p.pretrain, 120));
}

// [SECTION] Controls

void EarlyStoppingLesson::drawControls(LessonContext& ctx) {
  if (button(ctx.tr("early-stopping.step"))) train(1);
  tip(ctx, "early-stopping.step.tip");
  if (fitsOnThisLine(ctx.tr("early-stopping.step10"))) ImGui::SameLine();
  if (button(ctx.tr("early-stopping.step10"))) train(10);
  tip(ctx, "early-stopping.step.tip");
  m_pace.control(ctx);

  if (sliderInt(ctx, ctx.tr("early-stopping.patience"), m_p.patience, 1, 200)) setPatience(m_p.patience, m_p.minDelta);
  tip(ctx, "early-stopping.patience.tip");
  if (logSlider(ctx, ctx.tr("early-stopping.delta"), m_p.minDelta, 1e-5, 0.1, true, ctx.tr("slider.off")))
    setPatience(m_p.patience, m_p.minDelta);
  tip(ctx, "early-stopping.delta.tip");
  checkbox(ctx.tr("early-stopping.restore"), &m_p.restoreBest);
  tip(ctx, "early-stopping.restore.tip");
  checkbox(ctx.tr("early-stopping.continue"), &m_p.continueAfter);
  tip(ctx, "early-stopping.continue.tip");
  bool rebuildNeeded = false;
  if (logSlider(ctx, ctx.tr("early-stopping.lr"), m_p.lr, 1e-4, 10.0)) {
    core::OptimizerSpec o = m_trainer->optimizerSpec();
    o.lr = m_p.lr;
    m_trainer->setOptimizer(o);
  }
  tip(ctx, "early-stopping.lr.tip");
  rebuildNeeded |= sliderInt(ctx, ctx.tr("early-stopping.width"), m_p.width, 4, 64);
  tip(ctx, "early-stopping.width.tip");
  rebuildNeeded |= sliderInt(ctx, ctx.tr("early-stopping.points"), m_p.points, 4, 60);
  tip(ctx, "early-stopping.points.tip");
  rebuildNeeded |= sliderFloat(ctx, ctx.tr("early-stopping.noise"), m_p.noise, 0.0f, 1.0f, "%.2f");
  tip(ctx, "early-stopping.noise.tip");
  rebuildNeeded |= ImGui::InputInt(ctx.tr("early-stopping.seed"), &m_p.seed);
  m_p.seed = std::clamp(m_p.seed, 0, 1000000);
  tip(ctx, "early-stopping.seed.tip");
  if (rebuildNeeded) rebuild();
}

// [SECTION] Canvas and formula

void EarlyStoppingLesson::drawCanvas(LessonContext& ctx) {
  record();
  refreshBest();
  refreshLatest();
  // The losses with the patience window tell the story; the fit and ‖W‖ show what it means.
  m_layout.begin(ctx.scale, ctx.probe);
  m_layout.add(plotPanel("##loss", ctx.tr("early-stopping.tab.loss"), 0, 1.5f, 1.5f),
               [&](ImVec2 s) { drawLoss(ctx, s); });
  m_layout.add(plotPanel("##fit", ctx.tr("early-stopping.tab.fit"), 1, 1.2f), [&](ImVec2 s) { drawFit(ctx, s); });
  m_layout.add(plotPanel("##norm", ctx.tr("early-stopping.tab.norm"), 2), [&](ImVec2 s) { drawNorm(ctx, s); });
  m_layout.end();
}

void EarlyStoppingLesson::drawFit(LessonContext& ctx, ImVec2 size) {
  const int stop = m_monitor.stopEpoch();
  PlotConfig fit = plotConfig(ctx);
  fit.title = ctx.tr("early-stopping.fit");
  fit.x.label = ctx.tr("early-stopping.x");
  fit.y.label = ctx.tr("early-stopping.y");
  fit.x.min = -1.0, fit.x.max = 1.0;
  fit.y.min = -2.5, fit.y.max = 2.5;
  if (m_fitPlot.begin("##fitplot", size, fit)) {
    SeriesStyle truth;
    truth.color = plotColor(7, 0.8f);
    truth.weight = 1.0f;
    m_fitPlot.line(ctx.tr("early-stopping.truth"), m_gridX.data(), m_truth.data(), kGrid, truth);
    // The kept model is drawn solid and bold; the other dashed.
    const bool keepBest = m_p.restoreBest;
    SeriesStyle latest, bestS;
    latest.color = plotColor(3);
    bestS.color = plotColor(2);
    latest.dashed = keepBest && stop >= 0;
    bestS.dashed = !keepBest;
    latest.weight = latest.dashed ? 1.5f : 2.5f;
    bestS.weight = bestS.dashed ? 1.5f : 2.5f;
    m_fitPlot.line(ctx.tr("early-stopping.latest"), m_gridX.data(), m_latestCurve.data(),
                   static_cast<int>(m_latestCurve.size()), latest);
    m_fitPlot.line(ctx.tr("early-stopping.bestcurve"), m_gridX.data(), m_bestCurve.data(),
                   static_cast<int>(m_bestCurve.size()), bestS);
    const core::LabeledData& tr = m_trainer->trainSet();
    const core::LabeledData& va = m_trainer->validationSet();
    SeriesStyle vp;
    vp.color = plotColor(1, 0.6f);
    vp.marker = 2.5f;
    m_fitPlot.scatter(ctx.tr("early-stopping.valpts"), va.x.data(), va.y.data(), va.size(), vp);
    SeriesStyle tp;
    tp.color = plotColor(0);
    tp.marker = 4.5f;
    m_fitPlot.scatter(ctx.tr("early-stopping.trainpts"), tr.x.data(), tr.y.data(), tr.size(), tp);
    m_fitPlot.end();
  }

}

void EarlyStoppingLesson::drawLoss(LessonContext& ctx, ImVec2 size) {
  const int n = static_cast<int>(m_epoch.size());
  const int best = m_monitor.bestEpoch(), stop = m_monitor.stopEpoch();
  // Solid up to the stop, dashed after it (the run that was not stopped).
  const int solidN = stop >= 0 ? std::min(n, stop + 1) : n, afterStart = stop >= 0 ? stop : n;
  const int afterN = n - afterStart;
  PlotConfig lc = plotConfig(ctx);
  lc.title = ctx.tr("early-stopping.losses");
  lc.x.label = ctx.tr("early-stopping.epoch");
  lc.x.integer = true;
  lc.y.label = ctx.tr("early-stopping.loss");
  lc.y.log = true;
  // The training loss heads for 0 once the net interpolates the points; below 1e-3 it leaves the picture, so the
  // decades that matter (the validation loss and the window) keep their room.
  lc.y.min = 1e-3;
  lc.emptyText = ctx.tr("early-stopping.nodata");
  if (m_lossPlot.begin("##lossplot", size, lc)) {
    if (best >= 0 && n > 0) {
      // The patience window: from the best epoch to where the stop falls if nothing improves.
      double lo = 1e300, hi = 0;
      for (int i = 0; i < n; ++i)
        for (double v : {m_train[i], m_val[i]})
          if (v > 0 && std::isfinite(v)) lo = std::min(lo, v), hi = std::max(hi, v);
      if (hi > 0) {
        m_window[0] = best, m_window[1] = best + m_p.patience;
        m_windowLo[0] = m_windowLo[1] = lo;
        m_windowHi[0] = m_windowHi[1] = hi;
        SeriesStyle w;
        w.color = plotColor(4);
        w.fillAlpha = 0.18f;
        m_lossPlot.band(ctx.tr("early-stopping.window"), m_window, m_windowLo, m_windowHi, 2, w);
      }
    }
    SeriesStyle trS, vaS;
    trS.color = plotColor(0);
    vaS.color = plotColor(1);
    m_lossPlot.line(ctx.tr("early-stopping.train"), m_epoch.data(), m_train.data(), solidN, trS);
    m_lossPlot.line(ctx.tr("early-stopping.val"), m_epoch.data(), m_val.data(), solidN, vaS);
    if (afterN > 1) {
      SeriesStyle a = trS, b = vaS;
      a.dashed = b.dashed = true;
      a.color = plotColor(0, 0.6f);
      b.color = plotColor(1, 0.6f);
      m_lossPlot.line("##trainafter", m_epoch.data() + afterStart, m_train.data() + afterStart, afterN, a);
      m_lossPlot.line(ctx.tr("early-stopping.after"), m_epoch.data() + afterStart, m_val.data() + afterStart, afterN,
                      b);
    }
    if (best >= 0) {
      SeriesStyle bs;
      bs.color = plotColor(2);
      m_lossPlot.vline(ctx.tr("early-stopping.best"), best, bs);
    }
    if (stop >= 0) {
      SeriesStyle ss;
      ss.color = plotColor(3);
      ss.dashed = true;
      m_lossPlot.vline(ctx.tr("early-stopping.stop"), stop, ss);
    }
    m_lossPlot.end();
  }

}

void EarlyStoppingLesson::drawNorm(LessonContext& ctx, ImVec2 size) {
  const int n = static_cast<int>(m_epoch.size());
  const int best = m_monitor.bestEpoch(), stop = m_monitor.stopEpoch();
  // Solid up to the stop, dashed after it (the run that was not stopped).
  const int solidN = stop >= 0 ? std::min(n, stop + 1) : n, afterStart = stop >= 0 ? stop : n;
  const int afterN = n - afterStart;
  PlotConfig nc = plotConfig(ctx);
  nc.title = ctx.tr("early-stopping.norms");
  nc.x.label = ctx.tr("early-stopping.epoch");
  nc.x.integer = true;
  nc.y.label = ctx.tr("early-stopping.norm");
  nc.emptyText = ctx.tr("early-stopping.nodata");
  if (m_normPlot.begin("##normplot", size, nc)) {
    SeriesStyle s;
    s.color = plotColor(5);
    m_normPlot.line(ctx.tr("early-stopping.norm"), m_epoch.data(), m_norm.data(), solidN, s);
    if (afterN > 1) {
      SeriesStyle a = s;
      a.dashed = true;
      a.color = plotColor(5, 0.6f);
      m_normPlot.line(ctx.tr("early-stopping.after"), m_epoch.data() + afterStart, m_norm.data() + afterStart, afterN,
                      a);
    }
    if (best >= 0) {
      SeriesStyle bs;
      bs.color = plotColor(2);
      m_normPlot.vline(ctx.tr("early-stopping.best"), best, bs);
    }
    if (stop >= 0) {
      SeriesStyle ss;
      ss.color = plotColor(3);
      ss.dashed = true;
      m_normPlot.vline(ctx.tr("early-stopping.stop"), stop, ss);
    }
    m_normPlot.end();
  }
}

void EarlyStoppingLesson::drawFormula(LessonContext& ctx) {
  char buf[256];
  if (m_diverged) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.8f, 0.1f, 0.1f, 1));
    wrappedText(ctx.tr("early-stopping.diverged"));
    ImGui::PopStyleColor();
  } else if (m_trainer->epoch() >= kMaxEpochs) {
    std::snprintf(buf, sizeof buf, ctx.tr("early-stopping.limit"), kMaxEpochs);
    wrappedText(buf);
  }
  std::snprintf(buf, sizeof buf, ctx.tr("early-stopping.f.rule"), m_p.patience, m_p.minDelta);
  wrappedText(buf);
  wrappedTextDisabled(ctx.tr("early-stopping.f.norm"));
  const int best = m_monitor.bestEpoch(), stop = m_monitor.stopEpoch();
  if (best < 0) return;
  if (stop < 0) {
    std::snprintf(buf, sizeof buf, ctx.tr("early-stopping.waiting"), m_trainer->epoch(), best, m_monitor.bestLoss(),
                  m_monitor.epochsSinceBest(), m_p.patience);
    wrappedText(buf);
    return;
  }
  std::snprintf(buf, sizeof buf, ctx.tr("early-stopping.stopped"), stop, best, m_p.patience);
  wrappedText(buf);
  std::snprintf(buf, sizeof buf, ctx.tr("early-stopping.before"), stop, m_val[stop], m_norm[stop]);
  wrappedText(buf);
  std::snprintf(buf, sizeof buf, ctx.tr("early-stopping.afterr"), best, m_restoredVal, m_restoredNorm);
  wrappedText(buf);
  std::snprintf(buf, sizeof buf, ctx.tr("early-stopping.kept"),
                ctx.tr(m_p.restoreBest ? "early-stopping.kept.best" : "early-stopping.kept.stop"));
  wrappedTextDisabled(buf);
}

std::string EarlyStoppingLesson::formulaLatex() const {
  const int best = m_monitor.bestEpoch(), stop = m_monitor.stopEpoch();
  std::string s =
      "t_{\\text{stop}} = t_{\\text{best}} + P,\\quad t_{\\text{best}} = " +
      std::string(latexText("early-stopping.tex.delta")) + ",\\quad P = " + std::to_string(m_p.patience) +
      ",\\ \\delta = " + latexNumber(m_p.minDelta);
  if (best >= 0)
    s += ",\\quad t_{\\text{best}} = " + std::to_string(best) + ",\\ L_{\\text{val}}(t_{\\text{best}}) = " +
         latexNumber(m_monitor.bestLoss());
  if (stop >= 0)
    s += ",\\ t_{\\text{stop}} = " + std::to_string(stop) + ",\\ L_{\\text{val}}(t_{\\text{stop}}) = " +
         latexNumber(m_val[stop]);
  return s;
}

}  // namespace nr::app
