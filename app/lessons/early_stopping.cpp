// early-stopping — a 1-64-64-1 tanh net trained full-batch with Adam on a dozen noisy samples of sin(3x). The
// teaching choices: the monitor (nr::core::EarlyStopping, Keras' rule) is replayed over the recorded validation
// curve, so moving the patience slider moves the stop at once; training may go on past the stop, drawn dashed, so
// the overfitting early stopping prevented stays visible; the fit shows the restored best model beside the latest
// one, and the weight norm shows what grew meanwhile.
//
// [SECTION] Lesson
// [SECTION] Controls
// [SECTION] Canvas and formula

#include "lessons/early_stopping.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "lessons/controls.h"
#include "kit/latex.h"
#include "kit/text.h"

namespace nr::app {

// [SECTION] Lesson

namespace {

constexpr int kEpochsPerFrame = 5;

}  // namespace

EarlyStoppingLesson::EarlyStoppingLesson() { rebuild(Params()); }
EarlyStoppingLesson::~EarlyStoppingLesson() = default;

void EarlyStoppingLesson::rebuild(const Params& p) {
  m_model.rebuild(p);
  m_pace.restart();
  // The lesson opens (and restarts) with its first epochs drawn, so a projector never shows empty plots.
  train(kWarmEpochs);
}

void EarlyStoppingLesson::train(int epochs) {
  m_model.train(epochs);
  if (m_model.diverged()) setPlaying(false);
}

void EarlyStoppingLesson::update(double dt) {
  if (m_model.halted()) {
    setPlaying(false);
    return;
  }
  // At the chosen pace (an epoch is one full-batch step), and at most 2 ms per frame: the frame stays far under
  // 16 ms on llvmpipe.
  m_model.advance(m_pace.unlimited() ? kEpochsPerFrame : m_pace.epochs(dt), 0.002);
  if (m_model.diverged()) setPlaying(false);
}

// Like the other training lessons: a fresh run with the current settings (the seed included), so "lower the
// learning rate and press Reset" works.
void EarlyStoppingLesson::reset() {
  setPlaying(false);
  rebuild(m_model.params());
}

const ParamTable<EarlyStoppingLesson::Params>& EarlyStoppingLesson::table() {
  static const auto t = ParamTable<Params>()
      .integer("patience", &Params::patience, 1, 200).label("early-stopping.patience")
          .tip("early-stopping.patience.tip")
      .real("min_delta", &Params::minDelta, 1e-5, 0.1).logOrZero("slider.off").label("early-stopping.delta")
          .tip("early-stopping.delta.tip")
      .boolean("restore_best", &Params::restoreBest).label("early-stopping.restore").tip("early-stopping.restore.tip")
      .boolean("continue", &Params::continueAfter).label("early-stopping.continue").tip("early-stopping.continue.tip")
      .real("lr", &Params::lr, 1e-4, 10.0).log().label("early-stopping.lr").tip("early-stopping.lr.tip")
      .integer("width", &Params::width, 4, 64).label("early-stopping.width").tip("early-stopping.width.tip")
      .integer("points", &Params::points, 4, 60).label("early-stopping.points").tip("early-stopping.points.tip")
      .real("noise", &Params::noise, 0.0, 1.0).label("early-stopping.noise").tip("early-stopping.noise.tip")
      .integer("seed", &Params::seed, 0, 1000000).input().label("early-stopping.seed").tip("early-stopping.seed.tip")
      // Scenes only: epochs trained on load. 300 epochs overfit and stop; the whole 800 would make a slow test.
      .integer("pretrain", &Params::pretrain, 0, EarlyStoppingModel::kMaxEpochs).hidden().extremes({0, 300});
  return t;
}

nlohmann::json EarlyStoppingLesson::params() const {
  nlohmann::json j;
  table().write(m_model.params(), j);
  m_pace.write(j);
  return j;
}

void EarlyStoppingLesson::setParams(const nlohmann::json& j, std::vector<std::string>& warnings,
                                    std::vector<std::string>& errors) {
  Params p = m_model.params();
  ParamReader r(j, warnings, errors);
  table().read(r, p);
  double speed = m_pace.epochsPerSecond();
  r.readSpeed("speed", speed, TrainingPace::kMin, TrainingPace::kMax);
  if (!r.finish()) return;
  setPlaying(false);
  m_pace.set(speed);
  rebuild(p);
  // The warm epochs of rebuild() count towards pretrain: a scene of 150 epochs opens at epoch 150.
  if (p.pretrain > kWarmEpochs) train(p.pretrain - kWarmEpochs);
}

void EarlyStoppingLesson::interact(int frame) {
  // The main parameter, the patience, moves while training runs (the stop moves along the recorded curve).
  m_model.setPatience((frame / 10) % 2 ? 60 : 20, m_model.params().minDelta);
  m_model.setContinueAfter(true);
  setPlaying(true);
}

// [SECTION] Controls

void EarlyStoppingLesson::drawControls(LessonContext& ctx) {
  if (button(ctx.tr("early-stopping.step"))) train(1);
  tip(ctx, "early-stopping.step.tip");
  if (fitsOnThisLine(ctx.tr("early-stopping.step10"))) ImGui::SameLine();
  if (button(ctx.tr("early-stopping.step10"))) train(10);
  tip(ctx, "early-stopping.step.tip");
  m_pace.control(ctx);

  // The patience and min delta replay the monitor, the checkboxes and η keep the run; the others start a new one.
  Params& p = m_edit;
  p = m_model.params();
  bool replay = table().control(ctx, p, "patience");
  replay |= table().control(ctx, p, "min_delta");
  if (replay) m_model.setPatience(p.patience, p.minDelta);
  if (table().control(ctx, p, "restore_best")) m_model.setRestoreBest(p.restoreBest);
  if (table().control(ctx, p, "continue")) m_model.setContinueAfter(p.continueAfter);
  if (table().control(ctx, p, "lr")) m_model.setLr(p.lr);
  bool rebuildNeeded = false;
  for (const char* key : {"width", "points", "noise", "seed"}) rebuildNeeded |= table().control(ctx, p, key);
  if (rebuildNeeded) rebuild(p);
}

// [SECTION] Canvas and formula

void EarlyStoppingLesson::drawCanvas(LessonContext& ctx) {
  m_model.refresh();
  // The losses with the patience window tell the story; the fit and ‖W‖ show what it means.
  m_layout.begin(ctx.scale, ctx.probe);
  m_layout.add(plotPanel("##loss", ctx.tr("early-stopping.tab.loss"), 0, 1.5f, 1.5f),
               [&](ImVec2 s) { drawLoss(ctx, s); });
  m_layout.add(plotPanel("##fit", ctx.tr("early-stopping.tab.fit"), 1, 1.2f), [&](ImVec2 s) { drawFit(ctx, s); });
  m_layout.add(plotPanel("##norm", ctx.tr("early-stopping.tab.norm"), 2), [&](ImVec2 s) { drawNorm(ctx, s); });
  m_layout.end();
}

void EarlyStoppingLesson::drawFit(LessonContext& ctx, ImVec2 size) {
  const EarlyStoppingModel& m = m_model;
  const int stop = m.monitor().stopEpoch();
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
    m_fitPlot.line(ctx.tr("early-stopping.truth"), m.gridX().data(), m.truth().data(), EarlyStoppingModel::kGrid,
                   truth);
    // The kept model is drawn solid and bold; the other dashed.
    const bool keepBest = m.params().restoreBest;
    SeriesStyle latest, bestS;
    latest.color = plotColor(3);
    bestS.color = plotColor(2);
    latest.dashed = keepBest && stop >= 0;
    bestS.dashed = !keepBest;
    latest.weight = latest.dashed ? 1.5f : 2.5f;
    bestS.weight = bestS.dashed ? 1.5f : 2.5f;
    m_fitPlot.line(ctx.tr("early-stopping.latest"), m.gridX().data(), m.latestCurve().data(),
                   static_cast<int>(m.latestCurve().size()), latest);
    m_fitPlot.line(ctx.tr("early-stopping.bestcurve"), m.gridX().data(), m.bestCurve().data(),
                   static_cast<int>(m.bestCurve().size()), bestS);
    const core::LabeledData& tr = m.trainer().trainSet();
    const core::LabeledData& va = m.trainer().validationSet();
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
  const EarlyStoppingModel& m = m_model;
  const std::vector<double>&epoch = m.epochAxis(), &train = m.trainCurve(), &val = m.validationCurve();
  const int n = static_cast<int>(epoch.size());
  const int best = m.monitor().bestEpoch(), stop = m.monitor().stopEpoch();
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
    if (best >= 0 && n > 0) drawPatienceWindow(ctx, n);
    SeriesStyle trS, vaS;
    trS.color = plotColor(0);
    vaS.color = plotColor(1);
    m_lossPlot.line(ctx.tr("early-stopping.train"), epoch.data(), train.data(), solidN, trS);
    m_lossPlot.line(ctx.tr("early-stopping.val"), epoch.data(), val.data(), solidN, vaS);
    if (afterN > 1) {
      SeriesStyle a = trS, b = vaS;
      a.dashed = b.dashed = true;
      a.color = plotColor(0, 0.6f);
      b.color = plotColor(1, 0.6f);
      m_lossPlot.line("##trainafter", epoch.data() + afterStart, train.data() + afterStart, afterN, a);
      m_lossPlot.line(ctx.tr("early-stopping.after"), epoch.data() + afterStart, val.data() + afterStart, afterN, b);
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

void EarlyStoppingLesson::drawPatienceWindow(LessonContext& ctx, int n) {
  // The patience window: from the best epoch to where the stop falls if nothing improves.
  const EarlyStoppingModel& m = m_model;
  double lo = 1e300, hi = 0;
  for (int i = 0; i < n; ++i)
    for (double v : {m.trainCurve()[i], m.validationCurve()[i]})
      if (v > 0 && std::isfinite(v)) lo = std::min(lo, v), hi = std::max(hi, v);
  if (hi <= 0) return;
  m_window[0] = m.monitor().bestEpoch(), m_window[1] = m.monitor().bestEpoch() + m.params().patience;
  m_windowLo[0] = m_windowLo[1] = lo;
  m_windowHi[0] = m_windowHi[1] = hi;
  SeriesStyle w;
  w.color = plotColor(4);
  w.fillAlpha = 0.18f;
  m_lossPlot.band(ctx.tr("early-stopping.window"), m_window, m_windowLo, m_windowHi, 2, w);
}

void EarlyStoppingLesson::drawNorm(LessonContext& ctx, ImVec2 size) {
  const EarlyStoppingModel& m = m_model;
  const std::vector<double>&epoch = m.epochAxis(), &norm = m.normCurve();
  const int n = static_cast<int>(epoch.size());
  const int best = m.monitor().bestEpoch(), stop = m.monitor().stopEpoch();
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
    m_normPlot.line(ctx.tr("early-stopping.norm"), epoch.data(), norm.data(), solidN, s);
    if (afterN > 1) {
      SeriesStyle a = s;
      a.dashed = true;
      a.color = plotColor(5, 0.6f);
      m_normPlot.line(ctx.tr("early-stopping.after"), epoch.data() + afterStart, norm.data() + afterStart, afterN, a);
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
  const EarlyStoppingModel& m = m_model;
  const Params& p = m.params();
  char buf[256];
  if (m.diverged()) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.8f, 0.1f, 0.1f, 1));
    wrappedText(ctx.tr("early-stopping.diverged"));
    ImGui::PopStyleColor();
  } else if (m.trainer().epoch() >= EarlyStoppingModel::kMaxEpochs) {
    std::snprintf(buf, sizeof buf, ctx.tr("early-stopping.limit"), EarlyStoppingModel::kMaxEpochs);
    wrappedText(buf);
  }
  std::snprintf(buf, sizeof buf, ctx.tr("early-stopping.f.rule"), p.patience, p.minDelta);
  wrappedText(buf);
  wrappedTextDisabled(ctx.tr("early-stopping.f.norm"));
  const int best = m.monitor().bestEpoch(), stop = m.monitor().stopEpoch();
  if (best < 0) return;
  if (stop < 0) {
    std::snprintf(buf, sizeof buf, ctx.tr("early-stopping.waiting"), m.trainer().epoch(), best,
                  m.monitor().bestLoss(), m.monitor().epochsSinceBest(), p.patience);
    wrappedText(buf);
    return;
  }
  std::snprintf(buf, sizeof buf, ctx.tr("early-stopping.stopped"), stop, best, p.patience);
  wrappedText(buf);
  std::snprintf(buf, sizeof buf, ctx.tr("early-stopping.before"), stop, m.validationCurve()[stop],
                m.normCurve()[stop]);
  wrappedText(buf);
  std::snprintf(buf, sizeof buf, ctx.tr("early-stopping.afterr"), best, m.restoredValidationLoss(),
                m.restoredWeightNorm());
  wrappedText(buf);
  std::snprintf(buf, sizeof buf, ctx.tr("early-stopping.kept"),
                ctx.tr(p.restoreBest ? "early-stopping.kept.best" : "early-stopping.kept.stop"));
  wrappedTextDisabled(buf);
}

std::string EarlyStoppingLesson::formulaLatex() const {
  const EarlyStoppingModel& m = m_model;
  const Params& p = m.params();
  const int best = m.monitor().bestEpoch(), stop = m.monitor().stopEpoch();
  std::string s =
      "t_{\\text{stop}} = t_{\\text{best}} + P,\\quad t_{\\text{best}} = " +
      std::string(latexText("early-stopping.tex.delta")) + ",\\quad P = " + std::to_string(p.patience) +
      ",\\ \\delta = " + latexNumber(p.minDelta);
  if (best >= 0)
    s += ",\\quad t_{\\text{best}} = " + std::to_string(best) + ",\\ L_{\\text{val}}(t_{\\text{best}}) = " +
         latexNumber(m.monitor().bestLoss());
  if (stop >= 0)
    s += ",\\ t_{\\text{stop}} = " + std::to_string(stop) + ",\\ L_{\\text{val}}(t_{\\text{stop}}) = " +
         latexNumber(m.validationCurve()[stop]);
  return s;
}

}  // namespace nr::app
