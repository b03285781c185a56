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
#include "ui/latex.h"
#include "ui/text.h"

namespace nr::app {

const std::vector<TextEntry>& WeightDecayLesson::strings() {
  static const std::vector<TextEntry> t = {
      {"wd.title", "Weight decay vs L2", "权重衰减与 L2"},
      {"wd.heading", "L2 in the loss or decay in the update: equal for SGD, not for Adam",
       "损失中的 L2 还是更新中的衰减：对 SGD 相同，对 Adam 不同"},
      {"wd.what",
       "Four copies of one network start from the same weights and see the same batches. Two use SGD: one adds "
       "(λ/2)‖w‖² to the loss, the other shrinks w by ηλw in every update; their curves coincide. Two use Adam: "
       "Adam+L2 and AdamW. Adam divides every gradient by √v̂, the L2 gradient λw included, so each weight decays at "
       "its own rate ηλ/(√v̂+ε): weights with large gradients decay less than weights with small ones, and where √v̂ "
       "is small, far more than AdamW's ηλ at the same λ. AdamW decays all weights by the same ηλ (PyTorch's "
       "convention; Loshchilov & Hutter scale the decay by the schedule factor, not by Adam's step size). Their "
       "curves part.",
       "同一个网络的四个副本从相同的权重出发、看到相同的批次。两个用 SGD：一个在损失里加 (λ/2)‖w‖²，另一个每次更新把 w "
       "减去 ηλw；它们的曲线完全重合。两个用 Adam：Adam+L2 与 AdamW。Adam 会把每个梯度（包括 L2 的梯度 λw）除以 √v̂，"
       "所以每个权重按各自的速率 ηλ/(√v̂+ε) 衰减：梯度大的权重比梯度小的衰减得少；√v̂ 很小时，在同一个 λ 下衰减远多于 "
       "AdamW 的 ηλ。AdamW 则对所有权重按同样的 ηλ 衰减（这是 PyTorch 的约定；Loshchilov 与 Hutter 按学习率调度因子而不是 "
       "Adam 的步长来缩放衰减）。它们的曲线会分开。"},
      {"wd.try",
       "1. Press Play: the two SGD curves stay on top of each other (the difference below stays at float rounding).\n"
       "2. Watch the weight norms: with the same λ, Adam+L2 and AdamW end at different norms and losses.\n"
       "3. Raise λ to 0.1: the histogram of Adam+L2's effective decay spreads over orders of magnitude, while AdamW's "
       "is the single dashed line.",
       "1. 按播放：两条 SGD 曲线一直重合（下面显示的差别只在浮点舍入的量级）。\n"
       "2. 看权重范数：λ 相同，Adam+L2 与 AdamW 最终的范数和损失却不同。\n"
       "3. 把 λ 调到 0.1：Adam+L2 的有效衰减直方图横跨几个数量级，而 AdamW 只有那一条虚线。"},
      {"wd.lambda", "λ (L2 and decay)", "λ（L2 与衰减）"},
      {"wd.lambda.tip", "The same λ for the penalty (λ/2)‖w‖² and for the decoupled decay w ← w − ηλw.",
       "惩罚项 (λ/2)‖w‖² 与解耦衰减 w ← w − ηλw 使用同一个 λ。"},
      {"wd.sgdlr", "SGD learning rate", "SGD 学习率"},
      {"wd.adamlr", "Adam learning rate", "Adam 学习率"},
      {"wd.lr.tip", "Step size η of these two runs.", "这两次运行的步长 η。"},
      {"wd.seed", "Seed", "种子"},
      {"wd.seed.tip", "Data, initial weights and batch order (shared by all four runs).", "数据、初始权重和批次顺序（四次运行共用）。"},
      {"wd.step", "Step an epoch", "前进一轮"},
      {"wd.run0", "SGD + L2", "SGD + L2"},
      {"wd.run1", "SGD + decay", "SGD + 衰减"},
      {"wd.run2", "Adam + L2", "Adam + L2"},
      {"wd.run3", "AdamW", "AdamW"},
      {"wd.loss", "Training loss (data part) per epoch", "每轮的训练损失（数据部分）"},
      {"wd.norm", "Weight norm ‖W‖ per epoch", "每轮的权重范数 ‖W‖"},
      {"wd.f.norm", "‖W‖ = √(Σ w²) over every weight matrix (biases not included).",
       "‖W‖ = √(Σ w²)，对所有权重矩阵求和（不含偏置）。"},
      {"wd.decay", "Adam+L2: effective decay per weight and step (dashed: AdamW's ηλ)", "Adam+L2：每个权重每步的有效衰减（虚线：AdamW 的 ηλ）"},
      {"wd.epoch", "epoch", "轮次"},
      {"wd.tab.loss", "Loss", "损失"},
      {"wd.tab.norm", "‖W‖", "‖W‖"},
      {"wd.tab.decay", "Effective decay", "有效衰减"},
      {"wd.value", "loss", "损失"},
      {"wd.normaxis", "‖W‖", "‖W‖"},
      {"wd.decayaxis", "log₁₀ of ηλ/(√v̂+ε)", "ηλ/(√v̂+ε) 的 log₁₀"},
      {"wd.count", "weights", "权重数"},
      {"wd.nodata", "Press Play or Step", "按播放或前进一轮"},
      {"wd.f.sgdl2", "SGD + L2:  w ← w − η(∇L + λw),   η = %.3g, λ = %.3g",
       "SGD + L2：w ← w − η(∇L + λw)，η = %.3g，λ = %.3g"},
      {"wd.f.sgddecay", "SGD + decay:  w ← w − η∇L − ηλw   (the same update)",
       "SGD + 衰减：w ← w − η∇L − ηλw（同一个更新）"},
      {"wd.f.adaml2", "Adam + L2:  w ← w − η m̂/(√v̂+ε) with g = ∇L + λw: each weight decays by ηλ/(√v̂+ε)",
       "Adam + L2：w ← w − η m̂/(√v̂+ε)，其中 g = ∇L + λw：每个权重按 ηλ/(√v̂+ε) 衰减"},
      {"wd.f.adamw", "AdamW:  w ← w − η m̂/(√v̂+ε) − ηλw: every weight decays by ηλ = %.3g",
       "AdamW：w ← w − η m̂/(√v̂+ε) − ηλw：每个权重都按 ηλ = %.3g 衰减"},
      {"wd.sgddiff", "SGD+L2 vs SGD+decay: max |Δw| = %.2g", "SGD+L2 与 SGD+衰减：max |Δw| = %.2g"},
      {"wd.adamdiff", "Adam+L2 vs AdamW: max |Δw| = %.2g", "Adam+L2 与 AdamW：max |Δw| = %.2g"},
  };
  return t;
}

WeightDecayLesson::WeightDecayLesson() { rebuild(); }
WeightDecayLesson::~WeightDecayLesson() = default;

void WeightDecayLesson::rebuild() {
  core::DatasetSpec d;
  d.kind = core::DatasetKind::Circle;
  d.count = 200;
  d.noise = 0.1;
  d.seed = static_cast<uint64_t>(m_p.seed);
  core::DataSplit split = core::splitDataset(core::makeDataset(d), 0.25, static_cast<uint64_t>(m_p.seed) + 3);
  core::MlpSpec net = core::MlpSpec::make(2, {16, 16}, 1, core::Activation::Tanh);
  net.seed = static_cast<uint64_t>(m_p.seed);
  core::TrainerSpec ts;
  ts.batchSize = 16;
  ts.seed = static_cast<uint64_t>(m_p.seed) + 11;
  for (int i = 0; i < 4; ++i) {
    core::OptimizerSpec o;
    const bool adam = i >= 2, decoupled = i % 2 == 1;
    o.kind = adam ? (decoupled ? core::OptimizerKind::AdamW : core::OptimizerKind::Adam) : core::OptimizerKind::Sgd;
    o.lr = adam ? m_p.adamLr : m_p.sgdLr;
    o.weightDecay = decoupled ? m_p.lambda : 0.0;
    m_runs[i] = std::make_unique<core::Trainer>(net, o, split.train, split.validation, ts);
    core::Regularization r;
    r.l2 = decoupled ? 0.0 : m_p.lambda;
    m_runs[i]->setRegularization(r);
    m_epoch[i].clear();
    m_loss[i].clear();
    m_norm[i].clear();
  }
  m_effectiveDecay.clear();
  m_decayStep = -1;
  m_pace.restart();
  // The lesson opens (and restarts) with its first epochs drawn, so a projector never shows empty plots.
  trainEpochs(kWarmEpochs);
}

void WeightDecayLesson::trainEpochs(int epochs) {
  for (auto& r : m_runs) r->runEpochs(epochs);
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

static double maxDifference(const core::Trainer& a, const core::Trainer& b) {
  const core::Mlp& na = a.net();
  const core::Mlp& nb = b.net();
  double worst = 0;
  for (int64_t i = 0; i < na.parameterCount(); ++i)
    worst = std::max(worst, std::fabs(double(na.parameters()[i]) - double(nb.parameters()[i])));
  return worst;
}

double WeightDecayLesson::sgdDifference() const { return maxDifference(*m_runs[0], *m_runs[1]); }
double WeightDecayLesson::adamDifference() const { return maxDifference(*m_runs[2], *m_runs[3]); }

void WeightDecayLesson::collectDecay() {
  const core::Trainer& adam = *m_runs[2];
  if (adam.stepCount() == m_decayStep) return;
  m_decayStep = adam.stepCount();
  m_effectiveDecay.clear();
  const auto& opt = adam.optimizer();
  const std::vector<float>& v = opt.secondMoment();
  if (v.empty() || opt.stepCount() == 0) return;
  const core::OptimizerSpec& s = opt.spec();
  const double correction = 1.0 - std::pow(s.beta2, double(opt.stepCount()));
  const float* mask = adam.net().decayMask();
  for (size_t i = 0; i < v.size(); ++i) {
    if (mask[i] == 0) continue;  // biases are not decayed
    // The L2 gradient λw reaches the update as η·λw/(√v̂+ε): a decay rate of ηλ/(√v̂+ε) per step.
    const double rate = s.lr * m_p.lambda / (std::sqrt(v[i] / correction) + s.eps);
    m_effectiveDecay.push_back(static_cast<float>(std::log10(std::max(rate, 1e-30))));
  }
}

nlohmann::json WeightDecayLesson::params() const {
  nlohmann::json j = {{"lambda", m_p.lambda}, {"sgd_lr", m_p.sgdLr}, {"adam_lr", m_p.adamLr}, {"seed", m_p.seed},
                      {"pretrain", m_p.pretrain}};
  m_pace.write(j);
  return j;
}

void WeightDecayLesson::setParams(const nlohmann::json& j, std::vector<std::string>& warnings,
                                  std::vector<std::string>& errors) {
  Params p = m_p;
  ParamReader r(j, warnings, errors);
  r.read("lambda", p.lambda, 1e-4, 0.5);
  r.read("sgd_lr", p.sgdLr, 1e-3, 1.0);
  r.read("adam_lr", p.adamLr, 1e-4, 0.1);
  r.read("seed", p.seed, 0, 1000000);
  r.read("pretrain", p.pretrain, 0, 500);
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
  for (int i = 0; i < 4; ++i) {
    core::OptimizerSpec o = m_runs[i]->optimizerSpec();
    o.weightDecay = i % 2 == 1 ? m_p.lambda : 0.0;
    m_runs[i]->setOptimizer(o);
    core::Regularization r;
    r.l2 = i % 2 == 1 ? 0.0 : m_p.lambda;
    m_runs[i]->setRegularization(r);
  }
  setPlaying(true);
}

void WeightDecayLesson::applyExtreme(int step) {
  Params p;
  switch (step) {
    case 0: p.lambda = 1e-4, p.sgdLr = 1e-3, p.adamLr = 1e-4, m_pace.set(TrainingPace::kMin); break;
    case 1: p.lambda = 0.5, p.sgdLr = 1.0, p.adamLr = 0.1, m_pace.set(0.0); break;
    case 2: p.seed = 1000000; break;
    default: p.seed = 0, p.lambda = 0.1; break;
  }
  m_p = p;
  rebuild();
  trainEpochs(3);
}

void WeightDecayLesson::drawControls(LessonContext& ctx) {
  if (button(ctx.tr("wd.step"))) trainEpochs(1);
  m_pace.control(ctx);
  bool changed = false;
  // λ ≤ 0.5 and η ≤ 1 keep ηλ < 1: a larger step would flip the sign of every weight.
  changed |= logSlider(ctx, ctx.tr("wd.lambda"), m_p.lambda, 1e-4, 0.5);
  tip(ctx, "wd.lambda.tip");
  changed |= logSlider(ctx, ctx.tr("wd.sgdlr"), m_p.sgdLr, 1e-3, 1.0);
  tip(ctx, "wd.lr.tip");
  changed |= logSlider(ctx, ctx.tr("wd.adamlr"), m_p.adamLr, 1e-4, 0.1);
  tip(ctx, "wd.lr.tip");
  changed |= ImGui::InputInt(ctx.tr("wd.seed"), &m_p.seed);
  m_p.seed = std::clamp(m_p.seed, 0, 1000000);
  itemTooltip(ctx.tr("wd.seed.tip"));
  if (changed) rebuild();
  ImGui::Spacing();
  char buf[160];
  std::snprintf(buf, sizeof buf, ctx.tr("wd.sgddiff"), sgdDifference());
  wrappedText(buf);
  std::snprintf(buf, sizeof buf, ctx.tr("wd.adamdiff"), adamDifference());
  wrappedText(buf);
}

void WeightDecayLesson::mirrorHistory() {
  for (int i = 0; i < 4; ++i) {
    const auto& epochs = m_runs[i]->epochs();
    if (m_runs[i]->historyGeneration() != m_mirrorGeneration[i]) {  // reset or thinned: copy anew
      m_mirrorGeneration[i] = m_runs[i]->historyGeneration();
      m_epoch[i].clear(), m_loss[i].clear(), m_norm[i].clear();
    }
    while (m_epoch[i].size() < epochs.size()) {
      const core::EpochRecord& e = epochs[m_epoch[i].size()];
      m_epoch[i].push_back(e.epoch);
      m_loss[i].push_back(e.train.data);
      m_norm[i].push_back(e.weightNorm);
    }
  }
  collectDecay();
}

void WeightDecayLesson::drawCurves(LessonContext& ctx, Plot& plot, const char* id, const char* title,
                                   const char* yLabel, const std::array<std::vector<double>, 4>& ys, ImVec2 size,
                                   bool logY) {
  static const char* names[] = {"wd.run0", "wd.run1", "wd.run2", "wd.run3"};
  PlotConfig cfg = plotConfig(ctx);
  cfg.title = ctx.tr(title);
  cfg.x.label = ctx.tr("wd.epoch");
  cfg.x.integer = true;
  cfg.y.label = ctx.tr(yLabel);
  cfg.y.log = logY;
  cfg.emptyText = ctx.tr("wd.nodata");
  if (!plot.begin(id, size, cfg)) return;
  for (int i = 0; i < 4; ++i) {
    SeriesStyle s;
    s.color = runColor(i);
    s.dashed = i == 1;
    s.weight = i == 1 ? 3.0f : 2.0f;
    plot.line(ctx.tr(names[i]), m_epoch[i].data(), ys[i].data(), static_cast<int>(ys[i].size()), s);
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
  cfg.title = ctx.tr("wd.decay");
  cfg.x.label = ctx.tr("wd.decayaxis");
  cfg.y.label = ctx.tr("wd.count");
  cfg.emptyText = ctx.tr("wd.nodata");
  if (!m_decayPlot.begin("##decay", size, cfg)) return;
  HistogramBins b;
  b.count = 40;
  SeriesStyle s;
  s.color = runColor(2);
  m_decayPlot.histogram(ctx.tr("wd.run2"), m_effectiveDecay.data(), static_cast<int>(m_effectiveDecay.size()), b, s);
  if (!m_effectiveDecay.empty()) {
    SeriesStyle line;
    line.dashed = true;
    line.color = runColor(3);
    m_decayPlot.vline(ctx.tr("wd.run3"), std::log10(m_p.adamLr * m_p.lambda), line);
  }
  m_decayPlot.end();
}

void WeightDecayLesson::drawCanvas(LessonContext& ctx) {
  mirrorHistory();
  m_layout.begin(ctx.scale, ctx.probe);
  m_layout.add(plotPanel("##loss", ctx.tr("wd.tab.loss"), 0, 1.5f, 1.5f), [&](ImVec2 size) {
    drawCurves(ctx, m_lossPlot, "##lossplot", "wd.loss", "wd.value", m_loss, size, true);
  });
  m_layout.add(plotPanel("##norm", ctx.tr("wd.tab.norm"), 1, 1.5f, 1.5f), [&](ImVec2 size) {
    drawCurves(ctx, m_normPlot, "##normplot", "wd.norm", "wd.normaxis", m_norm, size, false);
  });
  m_layout.add(plotPanel("##decay", ctx.tr("wd.tab.decay"), 2, 2.0f), [&](ImVec2 size) { drawDecay(ctx, size); });
  m_layout.end();
}

void WeightDecayLesson::drawFormula(LessonContext& ctx) {
  char buf[256];
  std::snprintf(buf, sizeof buf, ctx.tr("wd.f.sgdl2"), m_p.sgdLr, m_p.lambda);
  wrappedText(buf);
  wrappedText(ctx.tr("wd.f.sgddecay"));
  wrappedText(ctx.tr("wd.f.adaml2"));
  std::snprintf(buf, sizeof buf, ctx.tr("wd.f.adamw"), m_p.adamLr * m_p.lambda);
  wrappedText(buf);
  wrappedTextDisabled(ctx.tr("wd.f.norm"));
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
