// pruning — train a small MLP, then zero its smallest weights. The teaching choices: the histogram shows the
// trained weights split at the threshold (everything left of τ on the log-|w| axis is cut), the accuracy curve is
// computed once per trained state over the whole sparsity range so the slider only moves a marker on it, and an L1
// net trained beside it shows that a penalty piles weights near 0 but (under a subgradient optimizer) not at 0 —
// the magnitude threshold still has to do the cutting, and it costs the L1 net less accuracy.
//
// [SECTION] Text
// [SECTION] Model
// [SECTION] Scenes and tests
// [SECTION] Controls
// (Canvas and formula: pruning_canvas.cpp)

#include "lessons/pruning.h"

#include <imgui.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>

#include "lessons/controls.h"
#include "ui/latex.h"
#include "ui/text.h"

namespace nr::app {

// [SECTION] Text

const std::vector<TextEntry>& PruningLesson::strings() {
  static const std::vector<TextEntry> t = {
      {"pr.title", "Pruning", "剪枝"},
      {"pr.tex.accuracy", "\\text{accuracy }", "\\text{准确率 }"},
      {"pr.tex.finetuned", "\\text{(fine-tuned)}", "\\text{（微调后）}"},
      {"pr.tex.l1net", "\\text{L1 net }", "\\text{L1 网络 }"},
      {"pr.tex.share", "\\text{share with } |w| \\le 0.01", "|w| \\le 0.01 \\text{ 的比例}"},
      {"pr.heading", "Magnitude pruning: remove the smallest weights, then fine-tune",
       "幅值剪枝：去掉最小的权重，再微调"},
      {"pr.what",
       "A network with two hidden layers is trained, then pruned: the fraction s of its weights with the smallest "
       "|w| is set to exactly 0. The histogram shows the trained weights on a log scale; everything left of the "
       "threshold line is cut. The accuracy curve shows the validation accuracy of the trained net pruned at every "
       "sparsity: it holds while the weights that matter are kept, then falls. Fine-tuning trains the kept weights again while the pruned "
       "ones stay at 0. A second net trained with an L1 penalty shows what the penalty alone does: it piles its "
       "weights near 0 (orange), and pruning it costs less accuracy.",
       "先训练一个有两个隐藏层的网络，再剪枝：把 |w| 最小的那部分权重（比例 s）设为恰好 0。直方图以对数刻度显示训练后的"
       "权重，阈值线左边的全部剪掉。准确率曲线给出训练好的网络在各个稀疏度下剪枝后的验证准确率：重要的权重还在时它保持不变，之后下降。"
       "微调会继续训练保留下来的权重，被剪掉的始终为 0。另一个用 L1 惩罚训练的网络显示惩罚本身的作用：它把权重堆到 0 附近"
       "（橙色），剪枝时损失的准确率也更少。"},
      {"pr.try",
       "1. Press Play and wait for training to finish. Drag the sparsity: the unpenalized net keeps its accuracy to "
       "about 40 % and then collapses, and the boundary on the right no longer follows the moons. The L1 net's curve "
       "(orange, dashed) holds to about 95 %.\n"
       "2. Set 80 % and press Fine-tune: the pruned weights stay at 0 while the accuracy climbs back to about 99 % "
       "(the green point on the curve).\n"
       "3. Switch the threshold to per layer: the small first and last layers lose as large a share as the big middle "
       "one, and at 50 % the accuracy is lower than with one global threshold.",
       "1. 按播放，等训练结束。拖动稀疏度：无惩罚的网络在约 40 % 之前保持准确率，之后急剧下降，右边的决策边界也不再贴合两个月牙。"
       "L1 网络的曲线（橙色虚线）能坚持到约 95 %。\n"
       "2. 设为 80 % 再按“微调”：被剪掉的权重一直是 0，准确率却回升到约 99 %（曲线上的绿色点）。\n"
       "3. 把阈值切换为“逐层”：很小的第一层和最后一层也被剪掉同样的比例，在 50 % 时准确率比用一个全局阈值时更低。"},
      {"pr.step", "Step an epoch", "前进一轮"},
      {"pr.step.tip", "Train (or fine-tune) one more epoch now.", "立即多训练（或微调）一轮。"},
      {"pr.finetune", "Fine-tune", "微调"},
      {"pr.finetune.tip", "Train the pruned net again with its mask kept: pruned weights stay exactly 0.",
       "保留剪枝掩码，继续训练剪枝后的网络：被剪掉的权重始终恰好为 0。"},
      {"pr.finish", "Finish training", "完成训练"},
      {"pr.finish.tip", "Train all remaining epochs of the training phase at once.", "一次性跑完训练阶段剩下的所有轮。"},
      {"pr.data", "Data and network", "数据与网络"},
      {"pr.dataset", "Data set", "数据集"},
      {"pr.dataset.tip", "Two classes of points in the plane; half of them are held out for validation.",
       "平面上的两类点；一半留作验证集。"},
      {"pr.ds.circle", "circle", "圆环"},
      {"pr.ds.xor", "xor", "异或"},
      {"pr.ds.gaussians", "gaussians", "高斯团"},
      {"pr.ds.spiral", "spiral", "螺旋"},
      {"pr.ds.moons", "moons", "双月"},
      {"pr.width", "Units per layer", "每层单元数"},
      {"pr.width.tip", "Width of both hidden layers (2 → w → w → 1, tanh). Changing it trains again.",
       "两个隐藏层的宽度（2 → w → w → 1，tanh）。修改后重新训练。"},
      {"pr.seed", "Seed", "种子"},
      {"pr.seed.tip", "Seeds the data, the initial weights and the batch order: same seed, same run.",
       "数据、初始权重和批次顺序都由它决定：种子相同，结果就相同。"},
      {"pr.training", "Training", "训练"},
      {"pr.lr", "Learning rate", "学习率"},
      {"pr.lr.tip", "Adam's step size for training and fine-tuning. Too large and training diverges (reported).",
       "训练和微调时 Adam 的步长。太大会发散（会提示）。"},
      {"pr.epochs", "Training epochs", "训练轮数"},
      {"pr.epochs.tip", "Length of the training phase before pruning. Changing it trains again.",
       "剪枝前训练阶段的长度。修改后重新训练。"},
      {"pr.l1", "λ₁ of the L1 net", "L1 网络的 λ₁"},
      {"pr.l1.tip", "The second net is trained with λ₁·Σ|w| added to its loss. Changing it trains again.",
       "第二个网络的损失中加上 λ₁·Σ|w|。修改后重新训练。"},
      {"pr.pruning", "Pruning", "剪枝"},
      {"pr.sparsity", "Sparsity s", "稀疏度 s"},
      {"pr.sparsity.tip",
       "Fraction of the dense weights set to 0, smallest |w| first (biases are kept). Moving it prunes the trained "
       "weights again, so moving it back brings weights back.",
       "设为 0 的权重比例，从 |w| 最小的开始（偏置保留）。移动它会重新对训练好的权重剪枝，所以移回来权重也会回来。"},
      {"pr.scope", "Threshold", "阈值"},
      {"pr.global", "global", "全局"},
      {"pr.perlayer", "per layer", "逐层"},
      {"pr.scope.tip",
       "Global: one threshold for all weights, so layers end up unequally sparse. Per layer: each layer loses the "
       "same share.",
       "全局：所有权重共用一个阈值，各层的稀疏度不同。逐层：每一层剪掉同样的比例。"},
      {"pr.ftepochs", "Fine-tune epochs", "微调轮数"},
      {"pr.ftepochs.tip", "How long fine-tuning runs after pruning.", "剪枝后微调的轮数。"},
      {"pr.loghist", "Histogram of log₁₀|w|", "直方图用 log₁₀|w|"},
      {"pr.loghist.tip", "Off: the histogram shows w itself, with the threshold at ±τ.",
       "关闭时直方图显示 w 本身，阈值在 ±τ。"},
      {"pr.stage.train", "Training: epoch %d of %d", "训练中：第 %d / %d 轮"},
      {"pr.stage.pruned", "Trained and pruned. Press Fine-tune (or Play) to fine-tune.", "已训练并剪枝。按“微调”（或播放）开始微调。"},
      {"pr.stage.tuning", "Fine-tuning: epoch %d of %d", "微调中：第 %d / %d 轮"},
      {"pr.stage.tuned", "Fine-tuned. Move the sparsity to prune the trained net again.", "微调完成。移动稀疏度会重新对训练好的网络剪枝。"},
      {"pr.diverged", "Training diverged: the loss is not finite. Lower the learning rate and press Reset.",
       "训练发散：损失已不是有限值。请调低学习率后按重置。"},
      {"pr.reset", "Reset", "重置"},
      {"pr.diverged.short", "Diverged: nothing to show", "已发散：没有可显示的内容"},
      {"pr.hist", "Trained weights (left of τ: pruned)", "训练后的权重（τ 左边的被剪掉）"},
      {"pr.hist.lin", "Trained weights (inside ±τ: pruned)", "训练后的权重（±τ 之间的被剪掉）"},
      {"pr.hist.now", "Weights so far (left of τ: would be pruned)", "目前的权重（τ 左边的将被剪掉）"},
      {"pr.hist.nowlin", "Weights so far (inside ±τ: would be pruned)", "目前的权重（±τ 之间的将被剪掉）"},
      {"pr.kept", "kept", "保留"},
      {"pr.cut", "pruned", "剪掉"},
      {"pr.l1net", "L1 net", "L1 网络"},
      {"pr.tau", "threshold τ", "阈值 τ"},
      {"pr.tol", "|w| = 0.01", "|w| = 0.01"},
      {"pr.count", "weights", "权重数"},
      {"pr.logw", "log₁₀|w|  (first bin: also |w| < 10⁻⁵ and 0)", "log₁₀|w|（第一格也含 |w| < 10⁻⁵ 与 0）"},
      {"pr.w", "w", "w"},
      {"pr.curve", "Accuracy of the pruned net", "剪枝后网络的准确率"},
      {"pr.curve.empty", "Finish training to see the curve", "训练完成后显示曲线"},
      {"pr.sparsityaxis", "sparsity (%)", "稀疏度（%）"},
      {"pr.accaxis", "validation accuracy (%)", "验证准确率（%）"},
      {"pr.nopenalty", "no penalty, pruned", "无惩罚，剪枝"},
      {"pr.plain", "no penalty", "无惩罚"},
      {"pr.l1pruned", "L1 net, pruned", "L1 网络，剪枝"},
      {"pr.l1natural", "L1 net, |w| ≤ 0.01 → 0", "L1 网络，|w| ≤ 0.01 → 0"},
      {"pr.tuned", "fine-tuned", "微调后"},
      {"pr.now", "current s", "当前 s"},
      {"pr.history", "Accuracy per epoch", "每轮的准确率"},
      {"pr.epoch", "epoch", "轮次"},
      {"pr.fine", "fine-tuning (mask kept)", "微调（保留掩码）"},
      {"pr.nodata", "Press Play to train", "按播放开始训练"},
      {"pr.boundary", "Prediction of the current net", "当前网络的预测"},
      {"pr.tab.hist", "Weights", "权重"},
      {"pr.tab.boundary", "Prediction", "预测"},
      {"pr.tab.curve", "Accuracy vs sparsity", "准确率与稀疏度"},
      {"pr.tab.history", "Accuracy per epoch", "每轮准确率"},
      {"pr.f.rule",
       "Prune the k smallest |w| (τ = the k-th smallest; among weights equal to τ the lower index goes first), keep "
       "the rest",
       "剪掉 |w| 最小的 k 个（τ 为第 k 小的 |w|；与 τ 相等的权重中下标小的先剪），其余保留"},
      {"pr.f.acc", "Validation accuracy: trained %.1f %% → pruned %.1f %%", "验证准确率：训练后 %.1f %% → 剪枝后 %.1f %%"},
      {"pr.f.sparsity", "sparsity = k / n = %lld / %lld = %.1f %%", "稀疏度 = k / n = %lld / %lld = %.1f %%"},
      {"pr.f.tuned", " → fine-tuned %.1f %%", " → 微调后 %.1f %%"},
      {"pr.f.l1", "L1 net (λ₁ = %.3g): %.1f %% of its weights have |w| ≤ 0.01, %.1f %% exactly 0; accuracy %.1f %%, "
                  "%.1f %% with those set to 0",
       "L1 网络（λ₁ = %.3g）：%.1f %% 的权重 |w| ≤ 0.01，%.1f %% 恰好为 0；准确率 %.1f %%，把它们设为 0 后 %.1f %%"},
  };
  return t;
}

// [SECTION] Model

namespace {

const char* kDatasets[] = {"circle", "xor", "gaussians", "spiral", "moons"};
const char* kScopes[] = {"global", "per_layer"};

double seconds(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

std::vector<double> PruningLesson::curveSparsities() {
  std::vector<double> s;
  for (int i = 0; i < 50; ++i) s.push_back(i / 50.0);
  for (double v : {0.99}) s.push_back(v);  // the slider's end
  return s;
}

PruningLesson::PruningLesson() { rebuild(); }
PruningLesson::~PruningLesson() = default;

core::OptimizerSpec PruningLesson::optimizerSpec() const {
  core::OptimizerSpec o;
  o.kind = core::OptimizerKind::Adam;
  o.lr = m_p.lr;
  return o;
}

void PruningLesson::rebuild() {
  core::DatasetSpec d;
  d.kind = static_cast<core::DatasetKind>(m_p.dataset);
  d.count = 400;
  d.noise = 0.1;
  d.seed = static_cast<uint64_t>(m_p.seed);
  core::DataSplit split = core::splitDataset(core::makeDataset(d), 0.5, static_cast<uint64_t>(m_p.seed) + 3);
  double lo = -1.0, hi = 1.0;
  for (const core::LabeledData* set : {&split.train, &split.validation})
    for (float v : set->x) lo = std::min(lo, double(v)), hi = std::max(hi, double(v));
  const double pad = 0.08 * (hi - lo);
  m_view[0] = lo - pad;
  m_view[1] = hi + pad;
  m_spec = core::MlpSpec::make(2, {m_p.width, m_p.width}, 1, core::Activation::Tanh);
  m_spec.seed = static_cast<uint64_t>(m_p.seed);
  core::TrainerSpec ts;
  ts.batchSize = 20;
  ts.seed = static_cast<uint64_t>(m_p.seed) + 7;
  m_dense = std::make_unique<core::Trainer>(m_spec, optimizerSpec(), split.train, split.validation, ts);
  m_l1 = std::make_unique<core::Trainer>(m_spec, optimizerSpec(), std::move(split.train), std::move(split.validation), ts);
  core::Regularization r;
  r.l1 = m_p.l1;
  m_l1->setRegularization(r);
  m_tune.reset();
  m_eval = std::make_unique<core::Mlp>(m_spec);
  m_scratch = std::make_unique<core::Mlp>(m_spec);
  m_stage = Stage::Training;
  m_diverged = false;
  m_trained = {};
  m_l1Trained = {};
  m_curveS.clear();
  m_curveDense.clear();
  m_curveL1.clear();
  m_tunedS.clear();
  m_tunedAccs.clear();
  m_histEpoch.clear();
  m_histDense.clear();
  m_histL1.clear();
  m_tuneEpoch.clear();
  m_tuneAcc.clear();
  m_tunedAcc = -1.0;
  m_l1Sparsity = m_l1Exact = m_l1Acc = m_l1PrunedAcc = 0.0;
  m_denseSeen = m_tuneSeen = 0;
  prune();
}

double PruningLesson::accuracyOf(core::Mlp& net, const core::MlpState<float>& state, double sparsity,
                                 core::PruneReport* report) {
  net.restoreState(state);
  core::PruneReport r = core::pruneByMagnitude(net, sparsity, m_p.scope ? core::PruneScope::PerLayer : core::PruneScope::Global);
  if (report) *report = r;
  const core::LabeledData& v = m_dense->validationSet();
  return net.accuracy(v.x.data(), v.y.data(), v.size());
}

void PruningLesson::checkDiverged(const core::Trainer& t) {
  // As in training-lab: cross-entropy above 100, or an epoch at three times the loss of guessing (ln 2).
  if (t.blownUp(100.0, 3.0 * std::log(2.0))) {
    m_diverged = true;
    setPlaying(false);
  }
}

void PruningLesson::trainFor(double budgetSeconds, int maxEpochs, int maxSteps) {
  if (m_diverged) return;
  const auto start = std::chrono::steady_clock::now();
  int steps = 0;
  if (m_stage == Stage::Training) {
    const int target = std::min(m_p.epochs, m_dense->epoch() + maxEpochs);
    // Both nets step in lock step, so they have always seen the same batches.
    while (m_dense->epoch() < target && !m_diverged && steps++ < maxSteps) {
      m_dense->advance(1);
      m_l1->advance(1);
      if (m_dense->epoch() != m_l1->epoch() || m_dense->steps().size() % 10 == 0) {
        checkDiverged(*m_dense);
        checkDiverged(*m_l1);
      }
      if (seconds(start) >= budgetSeconds) break;
    }
    checkDiverged(*m_dense);
    checkDiverged(*m_l1);
    collectHistory();
    if (!m_diverged && m_dense->epoch() >= m_p.epochs) endTraining();
  } else if (m_stage == Stage::FineTuning && m_tune) {
    const int target = std::min(m_p.fineTuneEpochs, m_tune->epoch() + maxEpochs);
    while (m_tune->epoch() < target && steps++ < maxSteps) {
      m_tune->advance(1);
      if (seconds(start) >= budgetSeconds) break;
    }
    checkDiverged(*m_tune);
    collectHistory();
    m_boundaryDirty = true;
    if (!m_diverged && m_tune->epoch() >= m_p.fineTuneEpochs) {
      m_stage = Stage::FineTuned;
      const core::LabeledData& v = m_tune->validationSet();
      m_tunedAcc = m_tune->net().accuracy(v.x.data(), v.y.data(), v.size());
      m_tunedS.push_back(m_report.sparsity());
      m_tunedAccs.push_back(m_tunedAcc);
      setPlaying(false);
    }
  }
}

void PruningLesson::endTraining() {
  m_trained = m_dense->net().saveState();
  m_l1Trained = m_l1->net().saveState();
  m_stage = Stage::Pruned;
  setPlaying(false);
  m_tunedS.clear();
  m_tunedAccs.clear();
  computeCurves();
  prune();
}

void PruningLesson::computeCurves() {
  m_curveS = curveSparsities();
  m_curveDense.assign(m_curveS.size(), 0.0);
  m_curveL1.assign(m_curveS.size(), 0.0);
  for (size_t i = 0; i < m_curveS.size(); ++i) {
    m_curveDense[i] = accuracyOf(*m_scratch, m_trained, m_curveS[i], nullptr);
    m_curveL1[i] = accuracyOf(*m_scratch, m_l1Trained, m_curveS[i], nullptr);
  }
  // The L1 net's own sparsity: weights the penalty drove to (near) zero. Zeroing exactly those is magnitude pruning
  // of the L1 net at that sparsity, with one global threshold.
  m_scratch->restoreState(m_l1Trained);
  m_l1Sparsity = core::weightSparsity(*m_scratch, kZeroTolerance);
  m_l1Exact = core::weightSparsity(*m_scratch);
  const core::LabeledData& v = m_dense->validationSet();
  m_l1Acc = m_scratch->accuracy(v.x.data(), v.y.data(), v.size());
  core::pruneByMagnitude(*m_scratch, m_l1Sparsity, core::PruneScope::Global);
  m_l1PrunedAcc = m_scratch->accuracy(v.x.data(), v.y.data(), v.size());
  m_trainedAcc = m_curveDense[0];
}

void PruningLesson::prune() {
  // While training, pruning previews what the threshold would cut from the weights so far.
  const bool training = m_stage == Stage::Training;
  const core::MlpState<float> source = training ? m_dense->net().saveState() : m_trained;
  m_prunedAcc = accuracyOf(*m_eval, source, m_p.sparsity, &m_report);
  if (!training) {
    m_stage = Stage::Pruned;
    m_tune.reset();
    m_tunedAcc = -1.0;
    m_tuneEpoch.clear();
    m_tuneAcc.clear();
  }
  // Histogram inputs: the same weights, split by the mask pruning just made.
  auto value = [&](float w) {
    if (!m_p.logHistogram) return w;
    const double a = std::fabs(double(w));
    return float(a > 0 ? std::max(kLogFloor, std::log10(a)) : kLogFloor);
  };
  m_kept.clear();
  m_pruned.clear();
  m_l1Weights.clear();
  const float* mask = m_eval->pruneMask();
  const core::MlpState<float> l1 = training ? m_l1->net().saveState() : m_l1Trained;
  for (int l = 0; l < m_eval->layerCount(); ++l) {
    const core::ParamBlock b = m_eval->weightBlock(l);
    for (int64_t j = b.offset; j < b.offset + b.count; ++j) {
      (mask[j] == 0.0f ? m_pruned : m_kept).push_back(value(source.params[j]));
      m_l1Weights.push_back(value(l1.params[j]));
    }
  }
  m_boundaryDirty = true;
}

void PruningLesson::startFineTune() {
  if (m_stage != Stage::Pruned || m_diverged) return;
  core::TrainerSpec ts = m_dense->spec();
  m_tune = std::make_unique<core::Trainer>(m_spec, optimizerSpec(), m_dense->trainSet(), m_dense->validationSet(), ts);
  // The same deterministic pruning of the same trained state gives the same mask as the one shown.
  m_tune->net().restoreState(m_trained);
  core::pruneByMagnitude(m_tune->net(), m_p.sparsity, m_p.scope ? core::PruneScope::PerLayer : core::PruneScope::Global);
  m_stage = Stage::FineTuning;
  m_tuneEpoch.assign(1, double(m_p.epochs));
  m_tuneAcc.assign(1, 100.0 * m_prunedAcc);
  m_tuneSeen = 0;
}

void PruningLesson::collectHistory() {
  const auto& de = m_dense->epochs();
  const auto& le = m_l1->epochs();
  while (m_denseSeen < std::min(de.size(), le.size())) {
    m_histEpoch.push_back(de[m_denseSeen].epoch);
    m_histDense.push_back(100.0 * de[m_denseSeen].validationAccuracy);
    m_histL1.push_back(100.0 * le[m_denseSeen].validationAccuracy);
    ++m_denseSeen;
  }
  if (!m_tune) return;
  const auto& te = m_tune->epochs();
  while (m_tuneSeen < te.size()) {
    m_tuneEpoch.push_back(double(m_p.epochs + te[m_tuneSeen].epoch));
    m_tuneAcc.push_back(100.0 * te[m_tuneSeen].validationAccuracy);
    ++m_tuneSeen;
  }
}

const core::Mlp& PruningLesson::currentNet() const {
  if (m_stage == Stage::Training) return *m_eval;
  if (m_tune) return m_tune->net();
  return *m_eval;
}

void PruningLesson::refreshBoundary() {
  if (!m_boundaryDirty) return;
  m_boundaryDirty = false;
  const int n = kGrid * kGrid;
  m_gridX.resize(static_cast<size_t>(n) * 2);
  const double span = m_view[1] - m_view[0];
  for (int r = 0; r < kGrid; ++r)  // row 0 is the bottom, as the field texture expects
    for (int c = 0; c < kGrid; ++c) {
      m_gridX[(r * kGrid + c) * 2] = float(m_view[0] + span * c / (kGrid - 1));
      m_gridX[(r * kGrid + c) * 2 + 1] = float(m_view[0] + span * r / (kGrid - 1));
    }
  m_grid.resize(n);
  // While training, the boundary is the training net's own (unpruned) one.
  m_scratch->copyStateFrom(m_stage == Stage::Training ? m_dense->net() : currentNet());
  m_scratch->predict(m_gridX.data(), n, m_grid.data());
  for (float& v : m_grid) v = std::isfinite(v) ? 1.0f / (1.0f + std::exp(-v)) : NAN;
  m_boundary.setField(kGrid, m_grid.data());
}

void PruningLesson::update(double dt) {
  if (m_diverged || m_stage == Stage::FineTuned) {
    setPlaying(false);
    return;
  }
  if (m_stage == Stage::Pruned) startFineTune();
  // At the chosen pace, and at most a few milliseconds of training per frame: the frame stays well under 16 ms on a
  // software renderer.
  const core::Trainer& running = m_stage == Stage::FineTuning && m_tune ? *m_tune : *m_dense;
  const int perEpoch = std::max(1, (running.trainSet().size() + running.spec().batchSize - 1) / running.spec().batchSize);
  trainFor(0.002, 1 << 20, m_pace.steps(dt, perEpoch));
  if (++m_framesSinceRefresh >= 10 && m_stage == Stage::Training) {
    m_framesSinceRefresh = 0;
    prune();  // the histogram and threshold follow the training weights a few times a second
  }
}

void PruningLesson::finishTraining() {
  while (m_stage == Stage::Training && !m_diverged) trainFor(1e30, 1 << 20);
}

void PruningLesson::fineTune(int epochs) {
  if (m_stage == Stage::Pruned) startFineTune();
  if (m_stage == Stage::FineTuning) trainFor(1e30, epochs);
}

void PruningLesson::setSparsity(double s) {
  m_p.sparsity = static_cast<float>(std::clamp(s, 0.0, 0.99));
  prune();
}

void PruningLesson::reset() {
  setPlaying(false);
  m_p = Params{};
  m_pace.set(m_pace.defaultValue());
  rebuild();
}

// [SECTION] Scenes and tests

nlohmann::json PruningLesson::params() const {
  return {{"dataset", kDatasets[m_p.dataset]}, {"width", m_p.width},
          {"lr", m_p.lr},                      {"epochs", m_p.epochs},
          {"l1", m_p.l1},                      {"sparsity", m_p.sparsity},
          {"scope", kScopes[m_p.scope]},       {"finetune_epochs", m_p.fineTuneEpochs},
          {"log_histogram", m_p.logHistogram}, {"seed", m_p.seed},
          {"pretrain", m_p.pretrain},          {"finetune", m_p.finetune},
          {"speed", m_pace.unlimited() ? nlohmann::json("max") : nlohmann::json(m_pace.epochsPerSecond())}};
}

void PruningLesson::setParams(const nlohmann::json& j, std::vector<std::string>& warnings,
                              std::vector<std::string>& errors) {
  Params p = m_p;
  ParamReader r(j, warnings, errors);
  r.readChoice("dataset", p.dataset, {kDatasets[0], kDatasets[1], kDatasets[2], kDatasets[3], kDatasets[4]});
  r.read("width", p.width, 8, 64);
  r.read("lr", p.lr, 1e-4, 10.0);
  r.read("epochs", p.epochs, 20, 400);
  r.read("l1", p.l1, 1e-5, 0.1);
  r.read("sparsity", p.sparsity, 0.0f, 0.99f);
  r.readChoice("scope", p.scope, {kScopes[0], kScopes[1]});
  r.read("finetune_epochs", p.fineTuneEpochs, 5, 200);
  r.read("log_histogram", p.logHistogram);
  r.read("seed", p.seed, 0, 1000000);
  r.read("pretrain", p.pretrain);
  r.read("finetune", p.finetune);
  double speed = m_pace.epochsPerSecond();
  r.readSpeed("speed", speed, TrainingPace::kMin, TrainingPace::kMax);
  if (!r.finish()) return;
  setPlaying(false);
  m_p = p;
  m_pace.set(speed);
  rebuild();
  if (m_p.pretrain || m_p.finetune) finishTraining();
  if (m_p.finetune) fineTune(m_p.fineTuneEpochs);
}

void PruningLesson::interact(int frame) {
  // The main parameter, the sparsity, sweeps while training (then fine-tuning) runs.
  setSparsity(0.99 * ((frame * 7) % 100) / 100.0);
  setPlaying(true);
}

void PruningLesson::applyExtreme(int step) {
  Params p;
  switch (step) {
    case 0: p.width = 8, p.lr = 1e-4, p.epochs = 20, p.l1 = 1e-5, p.sparsity = 0.0f, p.fineTuneEpochs = 5,
            p.logHistogram = false, p.seed = 0, m_pace.set(TrainingPace::kMin); break;
    case 1: p.width = 64, p.lr = 10.0, p.epochs = 400, m_pace.set(0.0); break;  // diverges: reported, not plotted
    case 2: p.sparsity = 0.99f, p.scope = 1, p.l1 = 0.1, p.fineTuneEpochs = 200, p.dataset = 0, p.epochs = 20; break;
    case 3: p.dataset = 4, p.seed = 1000000, p.epochs = 20; break;
    case 4: p.dataset = 1, p.sparsity = 0.0f, p.scope = 1, p.epochs = 20; break;
    default: p.dataset = 2, p.sparsity = 0.99f; break;  // untrained: the threshold previews the initial weights
  }
  setPlaying(false);
  m_p = p;
  rebuild();
  if (step < 5) finishTraining();
  if (step == 0 || step == 2) fineTune(p.fineTuneEpochs);
}

// [SECTION] Controls

void PruningLesson::drawControls(LessonContext& ctx) {
  if (m_diverged) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.8f, 0.1f, 0.1f, 1));
    wrappedText(ctx.tr("pr.diverged"));
    ImGui::PopStyleColor();
    if (button(ctx.tr("pr.reset"))) reset();
  }
  const bool trained = m_stage != Stage::Training;
  ImGui::BeginDisabled(m_diverged || m_stage == Stage::FineTuned);
  if (button(ctx.tr("pr.step"))) {
    if (m_stage == Stage::Training) {
      trainFor(1e30, 1);
      if (m_stage == Stage::Training && !m_diverged) prune();  // the histogram and threshold follow the step
    } else {
      fineTune(1);  // after training, a step is one epoch of fine-tuning
    }
  }
  ImGui::EndDisabled();
  tip(ctx, "pr.step.tip");
  if (!trained) {
    if (fitsOnThisLine(ctx.tr("pr.finish"))) ImGui::SameLine();
    ImGui::BeginDisabled(m_diverged);
    if (button(ctx.tr("pr.finish"))) finishTraining();
    ImGui::EndDisabled();
    tip(ctx, "pr.finish.tip");
  } else {
    if (fitsOnThisLine(ctx.tr("pr.finetune"))) ImGui::SameLine();
    ImGui::BeginDisabled(m_diverged || m_stage == Stage::FineTuning);
    if (button(ctx.tr("pr.finetune"))) {
      if (m_stage == Stage::FineTuned) prune();
      startFineTune();
      setPlaying(true);
    }
    ImGui::EndDisabled();
    tip(ctx, "pr.finetune.tip");
  }
  m_pace.control(ctx);
  char status[160];
  if (m_stage == Stage::Training)
    std::snprintf(status, sizeof status, ctx.tr("pr.stage.train"), m_dense->epoch(), m_p.epochs);
  else if (m_stage == Stage::FineTuning)
    std::snprintf(status, sizeof status, ctx.tr("pr.stage.tuning"), m_tune ? m_tune->epoch() : 0, m_p.fineTuneEpochs);
  else
    std::snprintf(status, sizeof status, "%s", ctx.tr(m_stage == Stage::Pruned ? "pr.stage.pruned" : "pr.stage.tuned"));
  wrappedTextDisabled(status);

  bool rebuildNeeded = false, reprune = false;
  sectionHeader(ctx.tr("pr.pruning"));
  reprune |= sliderPercent(ctx, ctx.tr("pr.sparsity"), m_p.sparsity, 0.0f, 0.99f);
  tip(ctx, "pr.sparsity.tip");
  const bool scopeChanged = translatedCombo(ctx, ctx.tr("pr.scope"), m_p.scope, {"pr.global", "pr.perlayer"});
  reprune |= scopeChanged;
  tip(ctx, "pr.scope.tip");
  sliderInt(ctx, ctx.tr("pr.ftepochs"), m_p.fineTuneEpochs, 5, 200);
  tip(ctx, "pr.ftepochs.tip");
  reprune |= checkbox(ctx.tr("pr.loghist"), &m_p.logHistogram);
  tip(ctx, "pr.loghist.tip");

  sectionHeader(ctx.tr("pr.training"));
  rebuildNeeded |= logSlider(ctx, ctx.tr("pr.lr"), m_p.lr, 1e-4, 10.0);
  tip(ctx, "pr.lr.tip");
  rebuildNeeded |= sliderInt(ctx, ctx.tr("pr.epochs"), m_p.epochs, 20, 400);
  tip(ctx, "pr.epochs.tip");
  rebuildNeeded |= logSlider(ctx, ctx.tr("pr.l1"), m_p.l1, 1e-5, 0.1);
  tip(ctx, "pr.l1.tip");

  sectionHeader(ctx.tr("pr.data"));
  rebuildNeeded |= translatedCombo(ctx, ctx.tr("pr.dataset"), m_p.dataset,
                                   {"pr.ds.circle", "pr.ds.xor", "pr.ds.gaussians", "pr.ds.spiral", "pr.ds.moons"});
  tip(ctx, "pr.dataset.tip");
  rebuildNeeded |= sliderInt(ctx, ctx.tr("pr.width"), m_p.width, 8, 64);
  tip(ctx, "pr.width.tip");
  rebuildNeeded |= ImGui::InputInt(ctx.tr("pr.seed"), &m_p.seed);
  m_p.seed = std::clamp(m_p.seed, 0, 1000000);
  tip(ctx, "pr.seed.tip");

  if (rebuildNeeded) {
    setPlaying(false);
    rebuild();
  } else if (reprune) {
    if (trained && scopeChanged) computeCurves();  // the curve depends on the scope, not on the slider
    prune();
  }
}

}  // namespace nr::app
