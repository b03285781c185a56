// early-stopping — a 1-64-64-1 tanh net trained full-batch with Adam on a dozen noisy samples of sin(3x). The
// teaching choices: the monitor (nr::core::EarlyStopping, Keras' rule) is replayed over the recorded validation
// curve, so moving the patience slider moves the stop at once; training may go on past the stop, drawn dashed, so
// the overfitting early stopping prevented stays visible; the fit shows the restored best model beside the latest
// one, and the weight norm shows what grew meanwhile.
//
// [SECTION] Text
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
#include "ui/latex.h"
#include "ui/text.h"

namespace nr::app {

// [SECTION] Text

const std::vector<TextEntry>& EarlyStoppingLesson::strings() {
  static const std::vector<TextEntry> t = {
      {"es.title", "Early stopping", "早停"},
      {"es.tex.delta", "\\text{(improving by more than } \\delta)", "\\text{（每次改进须超过 }\\delta\\text{）}"},
      {"es.heading", "Early stopping: stop when the validation loss stops improving, keep the best weights",
       "早停：验证损失不再改善时停止，保留最好的权重"},
      {"es.what",
       "A wide network learns a dozen noisy points. The training loss keeps falling as the curve bends through every "
       "point, but from some epoch on the validation loss (points it never trains on) rises: it is overfitting. Early "
       "stopping remembers the epoch with the lowest validation loss, waits 'patience' epochs (the shaded window) for "
       "a better one, then stops and restores the best weights. The dashed part shows what would have happened "
       "without stopping; the weight norm ‖W‖ keeps growing while the net fits the noise — early stopping limits it, "
       "much as L2 would. The validation loss at the chosen epoch is an optimistic estimate, since that epoch was "
       "picked by it: to report an error, keep a separate test set.",
       "一个很宽的网络学习十几个带噪声的点。训练损失一直下降，曲线弯过每一个点；但从某一轮起，验证损失（网络从不训练的点）"
       "开始上升：这就是过拟合。早停记住验证损失最低的那一轮，再等待“耐心值”轮（阴影窗口）看是否更好，然后停止并恢复最好的"
       "权重。虚线部分显示如果不停会怎样；网络拟合噪声时权重范数 ‖W‖ 一直增长——早停限制了它，和 L2 的作用相似。"
       "所选那一轮的验证损失是偏乐观的估计，因为这一轮正是按它挑出来的：要报告误差，请另留一个测试集。"},
      {"es.try",
       "1. Press Play: the window follows the best epoch; when it fills up the run stops and the fit jumps back to the "
       "smoother best curve. The dashed continuation shows the validation loss climbing.\n"
       "2. Drag the patience from 5 to 150: the stop moves right along the recorded curve, and a long patience only "
       "costs epochs — the restored model is the same unless a lower loss comes later.\n"
       "3. Turn restore-best off: the kept model is the one at the stop, with a higher validation loss and a larger "
       "‖W‖ (see the numbers below the picture).",
       "1. 按播放：窗口跟着最好的一轮移动；窗口填满时训练停止，拟合曲线跳回更平滑的最佳曲线。虚线的延续部分显示验证损失在上升。\n"
       "2. 把耐心值从 5 拖到 150：停止点沿着记录下的曲线右移；耐心值大只是多花几轮——除非后面出现更低的损失，恢复的模型不变。\n"
       "3. 关闭“恢复最佳”：保留的是停止时的模型，验证损失更高、‖W‖ 更大（见图下方的数字）。"},
      {"es.patience", "Patience (epochs)", "耐心值（轮）"},
      {"es.patience.tip", "Epochs in a row without a new best validation loss before training stops.",
       "连续多少轮验证损失没有创新低就停止训练。"},
      {"es.delta", "Min delta δ", "最小改善 δ"},
      {"es.delta.tip", "An epoch counts as better only if its validation loss is below the best by more than δ. 0 = any decrease.",
       "只有验证损失比最好值低出 δ 以上才算改善。0 = 任何下降都算。"},
      {"es.restore", "Restore best weights", "恢复最佳权重"},
      {"es.restore.tip", "At the stop, go back to the weights of the best epoch (else keep the weights of the stop epoch).",
       "停止时回到最佳那一轮的权重（否则保留停止那一轮的权重）。"},
      {"es.continue", "Keep training past the stop", "停止后继续训练"},
      {"es.continue.tip", "Train on after the stop (drawn dashed) to see what early stopping prevented.",
       "停止后继续训练（画成虚线），看看早停避免了什么。"},
      {"es.width", "Units per hidden layer", "每个隐藏层的单元数"},
      {"es.width.tip", "Width of both hidden layers: wider nets overfit more easily (restarts training).",
       "两个隐藏层的宽度：越宽越容易过拟合（修改后重新训练）。"},
      {"es.points", "Training points", "训练点数"},
      {"es.points.tip", "Noisy samples of sin(3x) the net trains on: few points overfit quickly (restarts training).",
       "网络训练所用的 sin(3x) 的带噪样本数：点越少越快过拟合（修改后重新训练）。"},
      {"es.noise", "Noise", "噪声"},
      {"es.noise.tip", "Standard deviation of the noise on the targets (restarts training).", "目标值上噪声的标准差（修改后重新训练）。"},
      {"es.lr", "Learning rate (Adam)", "学习率（Adam）"},
      {"es.lr.tip", "Step size of full-batch Adam. Too large and the loss explodes (the lesson stops and says so).",
       "全批量 Adam 的步长。太大时损失会发散（课程会停下并提示）。"},
      {"es.seed", "Seed", "种子"},
      {"es.seed.tip", "Seeds the data and the initial weights: same seed, same run.", "数据和初始权重由它决定：种子相同，训练过程就相同。"},
      {"es.step", "Step an epoch", "前进一轮"},
      {"es.step10", "Step 10 epochs", "前进十轮"},
      {"es.step.tip",
       "Full-batch training: one epoch is one step. Stops at the early stop unless 'Keep training past the stop' is on.",
       "全批量训练：一轮就是一步。除非打开“停止后继续训练”，否则在早停处停下。"},
      {"es.fit", "Fit: best and latest weights", "拟合：最佳与最新权重"},
      {"es.losses", "Loss per epoch", "每轮的损失"},
      {"es.norms", "Weight norm ‖W‖ per epoch", "每轮的权重范数 ‖W‖"},
      {"es.tab.loss", "Loss", "损失"},
      {"es.tab.fit", "Fit", "拟合"},
      {"es.tab.norm", "‖W‖", "‖W‖"},
      {"es.x", "x", "x"},
      {"es.y", "y", "y"},
      {"es.epoch", "epoch", "轮次"},
      {"es.loss", "MSE", "MSE"},
      {"es.norm", "‖W‖", "‖W‖"},
      {"es.train", "train", "训练"},
      {"es.val", "validation", "验证"},
      {"es.after", "after the stop", "停止之后"},
      {"es.window", "patience window", "耐心值窗口"},
      {"es.best", "best epoch", "最佳轮"},
      {"es.stop", "stop", "停止"},
      {"es.trainpts", "training points", "训练点"},
      {"es.valpts", "validation points", "验证点"},
      {"es.truth", "sin(3x)", "sin(3x)"},
      {"es.bestcurve", "best weights (restored)", "最佳权重（恢复）"},
      {"es.latest", "latest weights", "最新权重"},
      {"es.nodata", "Press Play or Step", "按播放或前进一轮"},
      {"es.diverged", "Training diverged: the loss exploded. Lower the learning rate and press Restart.",
       "训练发散：损失爆炸。请调低学习率后按重新开始。"},
      {"es.f.rule",
       "improved(t) ⇔ L_val(t) < L_best − δ;   stop at t = t_best + P;   P = %d, δ = %.3g. t_best is the last epoch "
       "that improved, so with δ > 0 it need not be the epoch of the lowest validation loss.",
       "改善(t) ⇔ L_val(t) < L_best − δ；   在 t = t_best + P 停止；   P = %d，δ = %.3g。t_best 是最后一次改善的轮次，"
       "所以 δ > 0 时它不一定是验证损失最低的那一轮。"},
      {"es.f.norm", "‖W‖ = √(Σ w²) over every weight matrix (biases not included).",
       "‖W‖ = √(Σ w²)，对所有权重矩阵求和（不含偏置）。"},
      {"es.limit", "Trained %d epochs (the lesson's limit); press Restart to start again.", "已训练 %d 轮（本课的上限）；按“重新开始”。"},
      {"es.waiting", "Epoch %d: best %d (validation %.4f), %d of %d epochs without improvement",
       "第 %d 轮：最佳为第 %d 轮（验证 %.4f），已连续 %d / %d 轮没有改善"},
      {"es.stopped", "Stopped at epoch %d = best %d + patience %d", "在第 %d 轮停止 = 最佳 %d + 耐心值 %d"},
      {"es.before", "Before restore (epoch %d): validation %.4f, ‖W‖ = %.3f", "恢复前（第 %d 轮）：验证 %.4f，‖W‖ = %.3f"},
      {"es.afterr", "After restore (epoch %d): validation %.4f, ‖W‖ = %.3f", "恢复后（第 %d 轮）：验证 %.4f，‖W‖ = %.3f"},
      {"es.kept", "Model kept: %s", "保留的模型：%s"},
      {"es.kept.best", "the best epoch's weights", "最佳那一轮的权重"},
      {"es.kept.stop", "the stop epoch's weights", "停止那一轮的权重"},
      {"es.rule", "Rule", "规则"},
  };
  return t;
}

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
  if (button(ctx.tr("es.step"))) train(1);
  tip(ctx, "es.step.tip");
  if (fitsOnThisLine(ctx.tr("es.step10"))) ImGui::SameLine();
  if (button(ctx.tr("es.step10"))) train(10);
  tip(ctx, "es.step.tip");
  m_pace.control(ctx);

  if (sliderInt(ctx, ctx.tr("es.patience"), m_p.patience, 1, 200)) setPatience(m_p.patience, m_p.minDelta);
  tip(ctx, "es.patience.tip");
  if (logSlider(ctx, ctx.tr("es.delta"), m_p.minDelta, 1e-5, 0.1, true, ctx.tr("slider.off"))) setPatience(m_p.patience, m_p.minDelta);
  tip(ctx, "es.delta.tip");
  checkbox(ctx.tr("es.restore"), &m_p.restoreBest);
  tip(ctx, "es.restore.tip");
  checkbox(ctx.tr("es.continue"), &m_p.continueAfter);
  tip(ctx, "es.continue.tip");
  bool rebuildNeeded = false;
  if (logSlider(ctx, ctx.tr("es.lr"), m_p.lr, 1e-4, 10.0)) {
    core::OptimizerSpec o = m_trainer->optimizerSpec();
    o.lr = m_p.lr;
    m_trainer->setOptimizer(o);
  }
  tip(ctx, "es.lr.tip");
  rebuildNeeded |= sliderInt(ctx, ctx.tr("es.width"), m_p.width, 4, 64);
  tip(ctx, "es.width.tip");
  rebuildNeeded |= sliderInt(ctx, ctx.tr("es.points"), m_p.points, 4, 60);
  tip(ctx, "es.points.tip");
  rebuildNeeded |= sliderFloat(ctx, ctx.tr("es.noise"), m_p.noise, 0.0f, 1.0f, "%.2f");
  tip(ctx, "es.noise.tip");
  rebuildNeeded |= ImGui::InputInt(ctx.tr("es.seed"), &m_p.seed);
  m_p.seed = std::clamp(m_p.seed, 0, 1000000);
  tip(ctx, "es.seed.tip");
  if (rebuildNeeded) rebuild();
}

// [SECTION] Canvas and formula

void EarlyStoppingLesson::drawCanvas(LessonContext& ctx) {
  record();
  refreshBest();
  refreshLatest();
  // The losses with the patience window tell the story; the fit and ‖W‖ show what it means.
  m_layout.begin(ctx.scale, ctx.probe);
  m_layout.add(plotPanel("##loss", ctx.tr("es.tab.loss"), 0, 1.5f, 1.5f), [&](ImVec2 s) { drawLoss(ctx, s); });
  m_layout.add(plotPanel("##fit", ctx.tr("es.tab.fit"), 1, 1.2f), [&](ImVec2 s) { drawFit(ctx, s); });
  m_layout.add(plotPanel("##norm", ctx.tr("es.tab.norm"), 2), [&](ImVec2 s) { drawNorm(ctx, s); });
  m_layout.end();
}

void EarlyStoppingLesson::drawFit(LessonContext& ctx, ImVec2 size) {
  const int stop = m_monitor.stopEpoch();
  PlotConfig fit = plotConfig(ctx);
  fit.title = ctx.tr("es.fit");
  fit.x.label = ctx.tr("es.x");
  fit.y.label = ctx.tr("es.y");
  fit.x.min = -1.0, fit.x.max = 1.0;
  fit.y.min = -2.5, fit.y.max = 2.5;
  if (m_fitPlot.begin("##fitplot", size, fit)) {
    SeriesStyle truth;
    truth.color = plotColor(7, 0.8f);
    truth.weight = 1.0f;
    m_fitPlot.line(ctx.tr("es.truth"), m_gridX.data(), m_truth.data(), kGrid, truth);
    // The kept model is drawn solid and bold; the other dashed.
    const bool keepBest = m_p.restoreBest;
    SeriesStyle latest, bestS;
    latest.color = plotColor(3);
    bestS.color = plotColor(2);
    latest.dashed = keepBest && stop >= 0;
    bestS.dashed = !keepBest;
    latest.weight = latest.dashed ? 1.5f : 2.5f;
    bestS.weight = bestS.dashed ? 1.5f : 2.5f;
    m_fitPlot.line(ctx.tr("es.latest"), m_gridX.data(), m_latestCurve.data(), static_cast<int>(m_latestCurve.size()), latest);
    m_fitPlot.line(ctx.tr("es.bestcurve"), m_gridX.data(), m_bestCurve.data(), static_cast<int>(m_bestCurve.size()), bestS);
    const core::LabeledData& tr = m_trainer->trainSet();
    const core::LabeledData& va = m_trainer->validationSet();
    SeriesStyle vp;
    vp.color = plotColor(1, 0.6f);
    vp.marker = 2.5f;
    m_fitPlot.scatter(ctx.tr("es.valpts"), va.x.data(), va.y.data(), va.size(), vp);
    SeriesStyle tp;
    tp.color = plotColor(0);
    tp.marker = 4.5f;
    m_fitPlot.scatter(ctx.tr("es.trainpts"), tr.x.data(), tr.y.data(), tr.size(), tp);
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
  lc.title = ctx.tr("es.losses");
  lc.x.label = ctx.tr("es.epoch");
  lc.x.integer = true;
  lc.y.label = ctx.tr("es.loss");
  lc.y.log = true;
  // The training loss heads for 0 once the net interpolates the points; below 1e-3 it leaves the picture, so the
  // decades that matter (the validation loss and the window) keep their room.
  lc.y.min = 1e-3;
  lc.emptyText = ctx.tr("es.nodata");
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
        m_lossPlot.band(ctx.tr("es.window"), m_window, m_windowLo, m_windowHi, 2, w);
      }
    }
    SeriesStyle trS, vaS;
    trS.color = plotColor(0);
    vaS.color = plotColor(1);
    m_lossPlot.line(ctx.tr("es.train"), m_epoch.data(), m_train.data(), solidN, trS);
    m_lossPlot.line(ctx.tr("es.val"), m_epoch.data(), m_val.data(), solidN, vaS);
    if (afterN > 1) {
      SeriesStyle a = trS, b = vaS;
      a.dashed = b.dashed = true;
      a.color = plotColor(0, 0.6f);
      b.color = plotColor(1, 0.6f);
      m_lossPlot.line("##trainafter", m_epoch.data() + afterStart, m_train.data() + afterStart, afterN, a);
      m_lossPlot.line(ctx.tr("es.after"), m_epoch.data() + afterStart, m_val.data() + afterStart, afterN, b);
    }
    if (best >= 0) {
      SeriesStyle bs;
      bs.color = plotColor(2);
      m_lossPlot.vline(ctx.tr("es.best"), best, bs);
    }
    if (stop >= 0) {
      SeriesStyle ss;
      ss.color = plotColor(3);
      ss.dashed = true;
      m_lossPlot.vline(ctx.tr("es.stop"), stop, ss);
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
  nc.title = ctx.tr("es.norms");
  nc.x.label = ctx.tr("es.epoch");
  nc.x.integer = true;
  nc.y.label = ctx.tr("es.norm");
  nc.emptyText = ctx.tr("es.nodata");
  if (m_normPlot.begin("##normplot", size, nc)) {
    SeriesStyle s;
    s.color = plotColor(5);
    m_normPlot.line(ctx.tr("es.norm"), m_epoch.data(), m_norm.data(), solidN, s);
    if (afterN > 1) {
      SeriesStyle a = s;
      a.dashed = true;
      a.color = plotColor(5, 0.6f);
      m_normPlot.line(ctx.tr("es.after"), m_epoch.data() + afterStart, m_norm.data() + afterStart, afterN, a);
    }
    if (best >= 0) {
      SeriesStyle bs;
      bs.color = plotColor(2);
      m_normPlot.vline(ctx.tr("es.best"), best, bs);
    }
    if (stop >= 0) {
      SeriesStyle ss;
      ss.color = plotColor(3);
      ss.dashed = true;
      m_normPlot.vline(ctx.tr("es.stop"), stop, ss);
    }
    m_normPlot.end();
  }
}

void EarlyStoppingLesson::drawFormula(LessonContext& ctx) {
  char buf[256];
  if (m_diverged) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.8f, 0.1f, 0.1f, 1));
    wrappedText(ctx.tr("es.diverged"));
    ImGui::PopStyleColor();
  } else if (m_trainer->epoch() >= kMaxEpochs) {
    std::snprintf(buf, sizeof buf, ctx.tr("es.limit"), kMaxEpochs);
    wrappedText(buf);
  }
  std::snprintf(buf, sizeof buf, ctx.tr("es.f.rule"),
                m_p.patience, m_p.minDelta);
  wrappedText(buf);
  wrappedTextDisabled(ctx.tr("es.f.norm"));
  const int best = m_monitor.bestEpoch(), stop = m_monitor.stopEpoch();
  if (best < 0) return;
  if (stop < 0) {
    std::snprintf(buf, sizeof buf, ctx.tr("es.waiting"), m_trainer->epoch(), best, m_monitor.bestLoss(),
                  m_monitor.epochsSinceBest(), m_p.patience);
    wrappedText(buf);
    return;
  }
  std::snprintf(buf, sizeof buf, ctx.tr("es.stopped"), stop, best, m_p.patience);
  wrappedText(buf);
  std::snprintf(buf, sizeof buf, ctx.tr("es.before"), stop, m_val[stop], m_norm[stop]);
  wrappedText(buf);
  std::snprintf(buf, sizeof buf, ctx.tr("es.afterr"), best, m_restoredVal, m_restoredNorm);
  wrappedText(buf);
  std::snprintf(buf, sizeof buf, ctx.tr("es.kept"), ctx.tr(m_p.restoreBest ? "es.kept.best" : "es.kept.stop"));
  wrappedTextDisabled(buf);
}

std::string EarlyStoppingLesson::formulaLatex() const {
  const int best = m_monitor.bestEpoch(), stop = m_monitor.stopEpoch();
  std::string s = "t_{\\text{stop}} = t_{\\text{best}} + P,\\quad t_{\\text{best}} = \\arg\\min_t L_{\\text{val}}(t)"
                  "\\ " + std::string(latexText("es.tex.delta")) + ",\\quad P = " +
                  std::to_string(m_p.patience) + ",\\ \\delta = " + latexNumber(m_p.minDelta);
  if (best >= 0)
    s += ",\\quad t_{\\text{best}} = " + std::to_string(best) + ",\\ L_{\\text{val}}(t_{\\text{best}}) = " +
         latexNumber(m_monitor.bestLoss());
  if (stop >= 0)
    s += ",\\ t_{\\text{stop}} = " + std::to_string(stop) + ",\\ L_{\\text{val}}(t_{\\text{stop}}) = " +
         latexNumber(m_val[stop]);
  return s;
}

}  // namespace nr::app
