// batch-stats — BatchNorm normalizes with the statistics of the batch it is given, so its output depends on the
// batch size and on the batch-mates; at inference it switches to running averages. The teaching choice: follow one
// fixed input (the "probe") through every step, so the jitter of BN in train mode, the smooth eval curve and the
// flat LN/GN lines sit in one plot. All numbers come from nr::core::simulateBatches (normalize + RunningStats).

#include "lessons/batch_stats.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "lessons/controls.h"
#include "ui/latex.h"
#include "ui/text.h"

namespace nr::app {

// [SECTION] Text

const std::vector<TextEntry>& BatchStatsLesson::strings() {
  static const std::vector<TextEntry> t = {
      {"batch-stats.title", "Batch statistics", "批次统计量"},
      {"batch-stats.tex.step", "\\text{step } %d", "\\text{第 } %d\\text{ 步}"},
      {"batch-stats.heading", "BatchNorm: batch size, running averages, train vs eval",
       "批归一化：批次大小、滑动平均、训练与推理"},
      {"batch-stats.what",
       "Each step draws a mini-batch of B samples from a population whose mean μ and spread σ per channel you set. "
       "BatchNorm normalizes with the batch's own mean μ_B and variance σ²_B, which scatter around the population "
       "values: the shaded band is ±2 standard deviations, and it narrows like 1/√B. The running averages (lines) "
       "follow these noisy estimates with momentum and are what the layer uses at inference. One fixed input, the "
       "probe, joins every batch in place of one sample: in training mode its output changes with its batch-mates, "
       "in eval mode it "
       "follows the running averages, and LayerNorm and GroupNorm, which only look at the sample itself, give the "
       "same output at every step and every B.",
       "每一步从一个总体中抽取 B 个样本组成小批次，每个通道的均值 μ 和标准差 σ 由你设定。"
       "批归一化用这个批次自己的均值 μ_B 和方差 σ²_B 做归一化，它们围绕总体值上下散布：阴影带是 ±2 倍标准差，"
       "宽度按 1/√B 缩小。滑动平均（实线）以动量 m 对这些有噪声的估计做指数加权平均，推理时层用的就是它们。"
       "有一个固定的输入（探针）在每个批次里替换掉一个样本：训练模式下它的输出随同批的其他样本而变，推理模式下它跟随滑动平均，"
       "而层归一化和组归一化只看样本自身，所以在每一步、每个 B 下输出都相同。"},
      {"batch-stats.try",
       "1. Slide B from 256 down to 8: the band (±2σ/√B) widens, the dots spread with it, and the probe's BN output starts to "
       "jump from step to step, while the LN and GN lines do not move. Go on to B = 2: a batch of two standardizes to "
       "−1 and +1 (ε pulls them in only when the two values almost coincide), so the BN output is nearly always "
       "β − γ or β + γ. The 'Train vs eval' panel (BN's training output against the population's, mean |Δy|) "
       "shows the same trend for every B at once.\n"
       "2. Set B = 1: the batch variance is 0, so the output is exactly β whatever the input. PyTorch's BatchNorm1d "
       "refuses such a batch in training mode, and here, as there, the running averages stay where they started.\n"
       "3. Compare momentum 0.01 and 0.5: a small momentum gives a smooth but slow running average (it starts at "
       "mean 0, variance 1), a large one tracks fast but copies the noise of each batch.",
       "1. 把 B 从 256 调到 8：阴影带（±2σ/√B）变宽，点也随之散开，探针的 BN 输出开始每一步都跳动，而 LN 和 GN 的线纹丝不动。"
       "再调到 B = 2：两个值的批次标准化后就是 −1 和 +1（只有两个值几乎相同时，ε 才会把它们往里拉），"
       "所以 BN 输出几乎总是 β − γ 或 β + γ。"
       "“训练与推理”面板（BN 的训练输出与总体的偏差，平均 |Δy|）一次就展示了所有 B 下的同一趋势。\n"
       "2. 把 B 设为 1：批次方差为 0，无论输入是什么，输出都恰好是 β。PyTorch 的 BatchNorm1d 在训练模式下拒绝这样的批次，"
       "这里也一样，滑动平均停在初始值。\n"
       "3. 比较动量 0.01 和 0.5：动量小时滑动平均平滑但跟得慢（它从均值 0、方差 1 出发），"
       "动量大时跟得快，却把每个批次的噪声也照搬过来。"},
      {"batch-stats.batch", "Batch size B", "批次大小 B"},
      {"batch-stats.batch.tip",
       "Samples per mini-batch (log scale). Smaller batches give noisier μ_B and σ²_B; B = 1 leaves nothing to "
       "average over.",
       "每个小批次的样本数（对数刻度）。批次越小，μ_B 和 σ²_B 的噪声越大；B = 1 时没有可以平均的东西。"},
      {"batch-stats.momentum", "Momentum", "动量"},
      {"batch-stats.momentum.tip",
       "PyTorch's momentum m: running ← (1 − m)·running + m·batch value. Large m tracks fast and noisily, small m "
       "slowly and smoothly. (Some other libraries call 1 − m the momentum.)",
       "PyTorch 的动量 m：滑动值 ← (1 − m)·滑动值 + m·批次值。m 大时跟得快但噪声大，m 小时慢而平滑。"
       "（有些库把 1 − m 叫作动量。）"},
      {"batch-stats.steps", "Training steps", "训练步数"},
      {"batch-stats.steps.tip", "How many batches have been drawn. Play adds ten per second; Step adds one.",
       "已经抽取了多少个批次。播放时每秒增加十步；单步按钮每次加一步。"},
      {"batch-stats.step", "Step", "单步"},
      {"batch-stats.step.tip", "Draw one more batch (one training step).", "再抽取一个批次（训练一步）。"},
      {"batch-stats.population", "Population of the shown channel", "所示通道的总体"},
      {"batch-stats.channel", "Channel", "通道"},
      {"batch-stats.channel.tip",
       "The plots show this channel. Each channel has its own μ and σ, and BatchNorm keeps separate statistics per "
       "channel.",
       "图中显示这个通道。每个通道有自己的 μ 和 σ，批归一化也为每个通道分别保存统计量。"},
      {"batch-stats.mu", "μ (population mean)", "μ（总体均值）"},
      {"batch-stats.mu.tip", "The true mean of this channel's activations.", "该通道激活值的真实均值。"},
      {"batch-stats.sigma", "σ (population spread)", "σ（总体标准差）"},
      {"batch-stats.sigma.tip", "The true standard deviation of this channel's activations.", "该通道激活值的真实标准差。"},
      {"batch-stats.probe", "Probe input x", "探针输入 x"},
      {"batch-stats.probe.tip",
       "The value of the fixed input in this channel. It is row 0 of every batch; the other rows are random.",
       "固定输入在这个通道上的取值。它是每个批次的第 0 行，其余各行是随机的。"},
      {"batch-stats.affine", "Scale and shift", "缩放与平移"},
      {"batch-stats.gamma", "γ (scale)", "γ（缩放）"},
      {"batch-stats.gamma.tip", "Multiplies the standardized value (the same for every channel here).",
       "乘在标准化后的值上（这里所有通道相同）。"},
      {"batch-stats.beta", "β (shift)", "β（平移）"},
      {"batch-stats.beta.tip", "Added last. At B = 1 every training output equals β.",
       "最后加上。B = 1 时训练模式的每个输出都等于 β。"},
      {"batch-stats.seed", "Seed", "随机种子"},
      {"batch-stats.seed.tip", "The batches are drawn from this seed: the same seed gives the same batches.",
       "批次由这个种子抽取：种子相同，批次就相同。"},
      {"batch-stats.plot.mean", "Batch mean μ_B, channel %d", "批次均值 μ_B，通道 %d"},
      {"batch-stats.plot.var", "Batch variance σ²_B, channel %d", "批次方差 σ²_B，通道 %d"},
      {"batch-stats.plot.probe", "Output for the same input x = %.2f", "同一输入 x = %.2f 的输出"},
      {"batch-stats.plot.mismatch", "BN train output vs population: mean |Δy|", "BN 训练输出与总体的偏差：平均 |Δy|"},
      {"batch-stats.step.axis", "step", "步"},
      {"batch-stats.b.axis", "batch size B", "批次大小 B"},
      {"batch-stats.s.batch", "this batch", "本批次"},
      {"batch-stats.s.band", "±2 sd for this B", "当前 B 的 ±2 标准差"},
      {"batch-stats.s.pop", "population", "总体"},
      {"batch-stats.s.running", "running average", "滑动平均"},
      {"batch-stats.s.train", "BN, train (batch stats)", "BN 训练（批次统计量）"},
      {"batch-stats.s.eval", "BN, eval (running stats)", "BN 推理（滑动统计量）"},
      {"batch-stats.s.ln", "LayerNorm", "层归一化"},
      {"batch-stats.s.gn", "GroupNorm (G = 2)", "组归一化（G = 2）"},
      {"batch-stats.s.mismatch", "BN train", "BN 训练"},
      {"batch-stats.s.zero", "LN, GN: 0", "LN、GN：0"},
      {"batch-stats.s.now", "current B", "当前 B"},
      {"batch-stats.tab.mean", "Batch means", "批均值"},
      {"batch-stats.tab.var", "Batch variances", "批方差"},
      {"batch-stats.tab.probe", "Probe output", "探针输出"},
      {"batch-stats.tab.mismatch", "Train vs eval", "训练与推理"},
      {"batch-stats.b1",
       "B = 1: σ²_B = 0, so every training output is β. PyTorch's BatchNorm1d refuses such a batch in training mode "
       "(BatchNorm2d accepts N = 1 and then averages over H×W only, as InstanceNorm); here, as in BatchNorm1d, the "
       "running averages are not updated.",
       "B = 1：σ²_B = 0，所以训练模式的每个输出都是 β。PyTorch 的 BatchNorm1d 在训练模式下拒绝这样的批次"
       "（BatchNorm2d 接受 N = 1，此时只在 H×W 上求平均，与实例归一化相同）；这里与 BatchNorm1d 一样，滑动平均不会更新。"},
      {"batch-stats.f.step", "Step %d, channel %d, B = %d:", "第 %d 步，通道 %d，B = %d："},
      {"batch-stats.f.pop", "population: μ = %.3f, σ² = %.3f, σ/√B = %.4f", "总体：μ = %.3f，σ² = %.3f，σ/√B = %.4f"},
      {"batch-stats.f.mean", "μ_B = (1/B) Σ x = %.4f   (this step's batch)", "μ_B = (1/B) Σ x = %.4f   （这一步的批次）"},
      {"batch-stats.f.var", "σ²_B = (1/B) Σ (x − μ_B)² = %.4f", "σ²_B = (1/B) Σ (x − μ_B)² = %.4f"},
      {"batch-stats.f.rmean", "running μ ← (1 − m)·running μ + m·μ_B", "滑动 μ ← (1 − m)·滑动 μ + m·μ_B"},
      {"batch-stats.f.rmean.n", "   = %.2f × %.4f + %.2f × %.4f = %.4f", "   = %.2f × %.4f + %.2f × %.4f = %.4f"},
      {"batch-stats.f.rvar", "running σ² ← (1 − m)·running σ² + m·σ²_B·B/(B − 1)",
       "滑动 σ² ← (1 − m)·滑动 σ² + m·σ²_B·B/(B − 1)"},
      {"batch-stats.f.rvar.n", "   = %.2f × %.4f + %.2f × %.4f × %d/%d = %.4f   (unbiased)",
       "   = %.2f × %.4f + %.2f × %.4f × %d/%d = %.4f   （无偏）"},
      {"batch-stats.f.noupdate", "running μ, σ² unchanged (B = 1): %.4f, %.4f", "滑动 μ、σ² 不变（B = 1）：%.4f, %.4f"},
      {"batch-stats.f.train",
       "train: y = γ·(x − μ)/√(σ² + ε) + β, with μ, σ² of the probe's batch (this batch with the probe in place of "
       "one sample, so μ differs from μ_B above)",
       "训练：y = γ·(x − μ)/√(σ² + ε) + β，其中 μ、σ² 取自探针所在的批次（即用探针替换这一批中的一个样本，所以 μ 与上面的 μ_B 不同）"},
      {"batch-stats.f.eval", "eval: y = γ·(x − running μ)/√(running σ² + ε) + β",
       "推理：y = γ·(x − 滑动 μ)/√(滑动 σ² + ε) + β"},
      {"batch-stats.f.num", "   = %.2f × (%.3f − %.4f)/√(%.4f + 1e-5) + %.2f = %.4f",
       "   = %.2f × (%.3f − %.4f)/√(%.4f + 1e-5) + %.2f = %.4f"},
      {"batch-stats.f.ln", "LayerNorm: %.4f    GroupNorm: %.4f    (the same at every step and every B)",
       "层归一化：%.4f    组归一化：%.4f    （每一步、每个 B 都一样）"},
  };
  return t;
}

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
  t += "y_{\\text{train}} &= \\gamma \\frac{x - \\mu}{\\sqrt{\\sigma^2 + \\epsilon}} + \\beta = " + L(m_p.gamma) +
       " \\times \\frac{" + L(x) + " - " + P(s.probeMean[c]) + "}{\\sqrt{" + L(s.probeVar[c]) + " + 10^{-5}}} + " +
       P(m_p.beta) + " = " + L(s.probeTrain[c]) + "\\\\\n";
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
