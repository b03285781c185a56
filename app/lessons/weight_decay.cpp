// weight-decay — four runs trained together from one start on one data set. The teaching choice: draw SGD+L2 and
// SGD+decay on top of each other (they coincide, and the number below says by how much), and Adam+L2 beside
// AdamW (they part), then show why: Adam+L2's effective decay per weight, ηλ/(√v̂ + ε), against AdamW's single ηλ.

#include "lessons/weight_decay.h"

#include <imgui.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>

#include "lessons/controls.h"
#include "kit/latex.h"
#include "kit/text.h"

namespace nr::app {

WeightDecayLesson::WeightDecayLesson() { rebuild(); }

void WeightDecayLesson::rebuild() {
  m_model.rebuild(m_p);
  m_pace.restart();
  // The lesson opens (and restarts) with its first epochs drawn, so a projector never shows empty plots.
  trainEpochs(kWarmEpochs);
}

void WeightDecayLesson::update(double dt) {
  // Whole epochs of every run keep the four in lock step (an epoch is a few dozen small steps). As fast as possible:
  // epochs for about 3 ms a frame.
  if (!m_pace.unlimited()) {
    trainEpochs(std::min(m_pace.epochs(dt), 50));
    return;
  }
  const auto start = std::chrono::steady_clock::now();
  do trainEpochs(1);
  while (std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() < 0.003);
}

void WeightDecayLesson::reset() {
  setPlaying(false);
  rebuild();
}

const ParamTable<WeightDecayLesson::Params>& WeightDecayLesson::table() {
  // λ ≤ 0.5 and η ≤ 1 keep ηλ < 1: a larger step would flip the sign of every weight.
  static const auto t = ParamTable<Params>()
      .real("lambda", &Params::lambda, 1e-4, 0.5).log().label("weight-decay.lambda").tip("weight-decay.lambda.tip")
      .real("sgd_lr", &Params::sgdLr, 1e-3, 1.0).log().label("weight-decay.sgdlr").tip("weight-decay.lr.tip")
      .real("adam_lr", &Params::adamLr, 1e-4, 0.1).log().label("weight-decay.adamlr").tip("weight-decay.lr.tip")
      .integer("seed", &Params::seed, 0, 1000000).input().label("weight-decay.seed").tip("weight-decay.seed.tip")
      .integer("pretrain", &Params::pretrain, 0, 500).hidden().extremes({0, 10});  // scenes only: epochs on load
  return t;
}

nlohmann::json WeightDecayLesson::params() const {
  nlohmann::json j;
  table().write(m_p, j);
  m_pace.write(j);
  return j;
}

void WeightDecayLesson::setParams(const nlohmann::json& j, std::vector<std::string>& warnings,
                                  std::vector<std::string>& errors) {
  Params p = m_p;
  ParamReader r(j, warnings, errors);
  table().read(r, p);
  double speed = m_pace.epochsPerSecond();
  r.readSpeed("speed", speed, TrainingPace::kMin, TrainingPace::kMax);
  if (!r.finish()) return;
  setPlaying(false);
  m_p = p;
  m_pace.set(speed);
  rebuild();
  // The warm epochs of rebuild() count towards pretrain: a scene of 150 epochs opens at epoch 150.
  if (m_p.pretrain > kWarmEpochs) trainEpochs(m_p.pretrain - kWarmEpochs);
}

void WeightDecayLesson::interact(int frame) {
  m_p.lambda = (frame / 10) % 2 ? 0.1 : 0.01;
  m_model.setLambda(m_p.lambda);
  setPlaying(true);
}

void WeightDecayLesson::drawControls(LessonContext& ctx) {
  if (button(ctx.tr("weight-decay.step"))) trainEpochs(1);
  m_pace.control(ctx);
  bool changed = false;
  for (const char* key : {"lambda", "sgd_lr", "adam_lr", "seed"}) changed |= table().control(ctx, m_p, key);
  if (changed) rebuild();
  ImGui::Spacing();
  char buf[160];
  std::snprintf(buf, sizeof buf, ctx.tr("weight-decay.sgddiff"), m_model.sgdDifference());
  wrappedText(buf);
  std::snprintf(buf, sizeof buf, ctx.tr("weight-decay.adamdiff"), m_model.adamDifference());
  wrappedText(buf);
}

void WeightDecayLesson::drawCurves(LessonContext& ctx, Plot& plot, const char* id, const char* title,
                                   const char* yLabel, Curve ys, ImVec2 size, bool logY) {
  static const char* names[] = {"weight-decay.run0", "weight-decay.run1", "weight-decay.run2", "weight-decay.run3"};
  PlotConfig cfg = plotConfig(ctx);
  cfg.title = ctx.tr(title);
  cfg.x.label = ctx.tr("weight-decay.epoch");
  cfg.x.integer = true;
  cfg.y.label = ctx.tr(yLabel);
  cfg.y.log = logY;
  cfg.emptyText = ctx.tr("weight-decay.nodata");
  if (!plot.begin(id, size, cfg)) return;
  for (int i = 0; i < WeightDecayModel::kRuns; ++i) {
    SeriesStyle s;
    s.color = runColor(i);
    s.dashed = i == WeightDecayModel::kSgdDecay;
    s.weight = i == WeightDecayModel::kSgdDecay ? 3.0f : 2.0f;
    const std::vector<double>& y = (m_model.*ys)(i);
    plot.line(ctx.tr(names[i]), m_model.epochs(i).data(), y.data(), static_cast<int>(y.size()), s);
  }
  plot.end();
}

ImU32 WeightDecayLesson::runColor(int i) {
  // SGD runs share blue (one solid, one dashed on top: they coincide); Adam runs are orange and green.
  const ImU32 colors[4] = {plotColor(0), plotColor(5), plotColor(1), plotColor(2)};
  return colors[i];
}

void WeightDecayLesson::drawDecay(LessonContext& ctx, ImVec2 size) {
  PlotConfig cfg = plotConfig(ctx);
  cfg.title = ctx.tr("weight-decay.decay");
  cfg.x.label = ctx.tr("weight-decay.decayaxis");
  cfg.y.label = ctx.tr("weight-decay.count");
  cfg.emptyText = ctx.tr("weight-decay.nodata");
  if (!m_decayPlot.begin("##decay", size, cfg)) return;
  HistogramBins b;
  b.count = 40;
  SeriesStyle s;
  s.color = runColor(2);
  const std::vector<float>& decay = m_model.effectiveDecay();
  m_decayPlot.histogram(ctx.tr("weight-decay.run2"), decay.data(), static_cast<int>(decay.size()), b, s);
  if (!decay.empty()) {
    SeriesStyle line;
    line.dashed = true;
    line.color = runColor(3);
    m_decayPlot.vline(ctx.tr("weight-decay.run3"), std::log10(m_p.adamLr * m_p.lambda), line);
  }
  m_decayPlot.end();
}

void WeightDecayLesson::drawCanvas(LessonContext& ctx) {
  m_model.syncHistory();
  m_layout.begin(ctx.scale, ctx.probe);
  m_layout.add(plotPanel("##loss", ctx.tr("weight-decay.tab.loss"), 0, 1.5f, 1.5f), [&](ImVec2 size) {
    drawCurves(ctx, m_lossPlot, "##lossplot", "weight-decay.loss", "weight-decay.value", &WeightDecayModel::losses,
               size, true);
  });
  m_layout.add(plotPanel("##norm", ctx.tr("weight-decay.tab.norm"), 1, 1.5f, 1.5f), [&](ImVec2 size) {
    drawCurves(ctx, m_normPlot, "##normplot", "weight-decay.norm", "weight-decay.normaxis", &WeightDecayModel::norms,
               size, false);
  });
  m_layout.add(plotPanel("##decay", ctx.tr("weight-decay.tab.decay"), 2, 2.0f),
               [&](ImVec2 size) { drawDecay(ctx, size); });
  m_layout.end();
}

void WeightDecayLesson::drawFormula(LessonContext& ctx) {
  char buf[256];
  std::snprintf(buf, sizeof buf, ctx.tr("weight-decay.f.sgdl2"), m_p.sgdLr, m_p.lambda);
  wrappedText(buf);
  wrappedText(ctx.tr("weight-decay.f.sgddecay"));
  wrappedText(ctx.tr("weight-decay.f.adaml2"));
  std::snprintf(buf, sizeof buf, ctx.tr("weight-decay.f.adamw"), m_p.adamLr * m_p.lambda);
  wrappedText(buf);
  wrappedTextDisabled(ctx.tr("weight-decay.f.norm"));
}

std::string WeightDecayLesson::formulaLatex() const {
  return "\\begin{aligned}\n"
         "\\text{SGD+L2:}\\ & w \\leftarrow w - \\eta(\\nabla L + \\lambda w) = w - \\eta\\nabla L - \\eta\\lambda w\\\\\n"
         "\\text{Adam+L2:}\\ & w \\leftarrow w - \\eta\\,\\hat m/(\\sqrt{\\hat v}+\\epsilon),\\quad g = \\nabla L + \\lambda w\\\\\n"
         "\\text{AdamW:}\\ & w \\leftarrow w - \\eta\\,\\hat m/(\\sqrt{\\hat v}+\\epsilon) - \\eta\\lambda w,\\quad "
         "\\eta_{\\text{Adam}}\\lambda = " +
         latexNumber(m_p.adamLr * m_p.lambda) + ",\\ \\lambda = " + latexNumber(m_p.lambda) + "\n\\end{aligned}";
}

}  // namespace nr::app
