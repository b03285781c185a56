// deep-activations — why deep nets need care (Glorot & Bengio 2010; Ioffe & Szegedy 2015). The teaching choices:
// every layer's activation histogram is one row of a heat strip, so "the distribution drifts and collapses with
// depth" is read top to bottom at a glance, and the gradient norms are on a log axis, where vanishing (a slope across
// layers) and exploding look alike in size. The probe is one pass over the whole training set on a copy of the net,
// recomputed every few steps: stable pictures that do not flicker with each mini-batch.
//
// [SECTION] Text
// [SECTION] Model
// [SECTION] Scenes and tests
// [SECTION] Controls
// [SECTION] Canvas and formula

#include "lessons/deep_activations.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "gfx/colormap.h"
#include "lessons/controls.h"
#include "ui/latex.h"
#include "ui/text.h"

namespace nr::app {

// [SECTION] Text

const std::vector<TextEntry>& DeepActivationsLesson::strings() {
  static const std::vector<TextEntry> t = {
      {"da.title", "Deep activations", "深层激活"},
      {"da.heading", "Activations and gradients layer by layer in a deep network", "深层网络中逐层的激活与梯度"},
      {"da.what",
       "A deep network (8 hidden layers of 32 units) learns a 2-D problem with plain SGD. Each row of the heat strip "
       "is the histogram of one layer's activations over the whole training set, layer 1 at the top. Without "
       "normalization the rows drift with depth: sigmoid shifts and squeezes, tanh shrinks towards 0 or saturates "
       "at ±1, ReLU spreads or dies, depending on the scale of the initial weights. The bars show ‖∂L/∂W‖ of each "
       "layer on a log scale: when they fall from the last layer to the first, the early layers barely learn "
       "(vanishing gradients). BatchNorm or LayerNorm re-centre and re-scale every layer, and the rows and bars even out. Why BatchNorm helps "
       "is still debated: Ioffe & Szegedy (2015) proposed that it reduces 'internal covariate shift'; Santurkar et al. "
       "(2018) found that it makes the loss landscape smoother instead.",
       "一个深层网络（8 个隐藏层，每层 32 个单元）用普通 SGD 学习一个二维问题。热力条的每一行是某一层在整个训练集上的"
       "激活直方图，第 1 层在最上面。没有归一化时，各行随深度漂移：sigmoid 偏移并变窄，tanh 向 0 收缩或在 ±1 饱和，"
       "ReLU 变宽或“死亡”，取决于初始权重的尺度。柱状图以对数刻度显示每层的 ‖∂L/∂W‖：如果它从最后一层到第一层不断"
       "减小，前面的层几乎学不动（梯度消失）。批归一化或层归一化把每一层重新居中、缩放，各行与各柱就变得整齐。"
       "批归一化为什么有效仍有争议：Ioffe 与 Szegedy（2015）认为它减少了“内部协变量偏移”；Santurkar 等（2018）则发现，"
       "它的作用主要在于让损失曲面更平滑。"},
      {"da.try",
       "1. Sigmoid, no normalization (the start): the gradient bars fall by about seven orders of magnitude from the output "
       "to layer 1, and the loss stays at ln 2 = 0.693 when you press Play. Switch to BatchNorm: the bars level, "
       "every row keeps its spread and the loss falls.\n"
       "2. Tanh at init scale 1: the rows narrow towards 0 with depth and training stalls; at 2.45 the spread holds "
       "and the loss falls; at 4 a tenth or more of the values sit at ±1 from layer 3 on (the bright edges; saturated, "
       "right-hand column).\n"
       "3. ReLU at init scale 1: σ shrinks layer by layer to about a fifth of layer 1's and nothing learns; at 2.45 "
       "(He, √6) it stays about level.",
       "1. sigmoid、无归一化（初始设置）：梯度柱从输出层到第 1 层下降约七个数量级，按播放后损失一直停在 ln 2 = 0.693。"
       "换成批归一化：各柱变齐，每一行保持自己的宽度，损失开始下降。\n"
       "2. tanh、初始化尺度 1：各行随深度向 0 收窄，训练停滞；调到 2.45 时宽度保持，损失下降；调到 4 时，从第 3 层起有一成以上的值落在 ±1"
       "（两侧的亮边；饱和，见右侧一栏）。\n"
       "3. ReLU、初始化尺度 1：σ 逐层变小，降到第 1 层的五分之一左右，什么也学不到；调到 2.45（He 初始化，√6）时各层大致持平。"},
      {"da.step", "Step 10", "前进 10 步"},
      {"da.step.tip", "Ten SGD steps now.", "立即做 10 步 SGD。"},
      {"da.net", "Network", "网络"},
      {"da.activation", "Activation φ", "激活函数 φ"},
      {"da.activation.tip", "The nonlinearity of every hidden layer. Changing it starts again.",
       "每个隐藏层的非线性函数。修改后重新开始。"},
      {"da.sigmoid", "sigmoid", "sigmoid"},
      {"da.tanh", "tanh", "tanh"},
      {"da.relu", "ReLU", "ReLU"},
      {"da.norm", "Normalization", "归一化"},
      {"da.norm.tip", "None, BatchNorm (over the batch, per unit) or LayerNorm (over the units, per sample), between "
                      "each dense layer and its activation.",
       "无、批归一化（按单元在批内归一化）或层归一化（按样本在单元间归一化），放在每个全连接层与激活之间。"},
      {"da.none", "none", "无"},
      {"da.bn", "BatchNorm", "批归一化"},
      {"da.ln", "LayerNorm", "层归一化"},
      {"da.init", "Init scale g", "初始化尺度 g"},
      {"da.init.tip",
       "Initial weights are g·U(±1/√n) with n the fan-in, so n·Var(w) = g²/3. g = 1 is PyTorch's default, g = √3 ≈ 1.73 "
       "LeCun (n·Var = 1; with tanh the rows here still narrow slowly with depth), g = √6 ≈ 2.45 He (n·Var = 2, for "
       "ReLU; here it also keeps tanh's spread level).",
       "初始权重为 g·U(±1/√n)，n 为扇入，所以 n·Var(w) = g²/3。g = 1 是 PyTorch 的默认值，g = √3 ≈ 1.73 是 LeCun "
       "初始化（n·Var = 1；这里用 tanh 时各行仍随深度缓慢收窄），g = √6 ≈ 2.45 是 He 初始化（n·Var = 2，适合 ReLU；"
       "这里它也让 tanh 的宽度保持不变）。"},
      {"da.depth", "Hidden layers", "隐藏层数"},
      {"da.depth.tip", "Depth of the network. Changing it starts again.", "网络的深度。修改后重新开始。"},
      {"da.width", "Units per layer", "每层单元数"},
      {"da.width.tip", "Width of every hidden layer. Changing it starts again.", "每个隐藏层的宽度。修改后重新开始。"},
      {"da.training", "Training", "训练"},
      {"da.lr", "Learning rate", "学习率"},
      {"da.lr.tip", "SGD step size η (plain SGD: it shows the gradients' sizes as they are). Too large diverges.",
       "SGD 步长 η（普通 SGD：如实反映梯度的大小）。太大会发散。"},
      {"da.dataset", "Data set", "数据集"},
      {"da.dataset.tip", "Two classes of points in the plane.", "平面上的两类点。"},
      {"da.ds.circle", "circle", "圆环"},
      {"da.ds.xor", "xor", "异或"},
      {"da.ds.gaussians", "gaussians", "高斯团"},
      {"da.ds.spiral", "spiral", "螺旋"},
      {"da.ds.moons", "moons", "双月"},
      {"da.pre", "Show pre-activations z", "显示激活前的 z"},
      {"da.pre.tip", "Histogram z (after the norm layer, before φ) instead of the activations h = φ(z).",
       "直方图显示 z（归一化层之后、φ 之前），而不是激活值 h = φ(z)。"},
      {"da.seed", "Seed", "种子"},
      {"da.seed.tip", "Seeds the data, the initial weights and the batch order: same seed, same run.",
       "数据、初始权重和批次顺序都由它决定：种子相同，结果就相同。"},
      {"da.diverged", "Training diverged: the loss is not finite. Lower the learning rate and press Reset.",
       "训练发散：损失已不是有限值。请调低学习率后按重置。"},
      {"da.reset", "Reset", "重置"},
      {"da.status", "step %lld, epoch %d", "第 %lld 步，第 %d 轮"},
      {"da.strip", "h = φ(z) per layer (rows scaled to their peak)", "每层的 h = φ(z)（每行按自身峰值缩放）"},
      {"da.strip.relu", "h = φ(z) > 0 per layer (rows scaled to their peak)", "每层 h = φ(z) > 0 的部分（每行按自身峰值缩放）"},
      {"da.strip.pre", "z per layer (rows scaled to their peak)", "每层的 z（每行按自身峰值缩放）"},
      {"da.layer", "layer", "层"},
      {"da.tab.strip", "Activations", "激活值"},
      {"da.tab.bars", "Gradients", "梯度"},
      {"da.tab.norms", "Gradient history", "梯度历史"},
      {"da.tab.loss", "Loss", "损失"},
      {"da.sat", "saturated", "饱和"},
      {"da.dead", "exactly 0", "恰为 0"},
      {"da.bars", "‖∂L/∂W‖ per layer (log scale)", "每层的 ‖∂L/∂W‖（对数刻度）"},
      {"da.barsx", "layer (last = output)", "层（最后一个 = 输出层）"},
      {"da.norms", "‖∂L/∂W‖ during training", "训练中的 ‖∂L/∂W‖"},
      {"da.step.axis", "step", "步"},
      {"da.loss", "Loss on the training set", "训练集上的损失"},
      {"da.lossaxis", "loss", "损失"},
      {"da.nodata", "Press Play to train", "按播放开始训练"},
      {"da.f.forward", "Forward: z_l = W_l·h_(l−1) + b_l (then BN/LN), h_l = φ(z_l)",
       "前向：z_l = W_l·h_(l−1) + b_l（再经 BN/LN），h_l = φ(z_l)"},
      {"da.f.backward", "Backward: δ_l = φ′(z_l) ⊙ (W_(l+1)ᵀ δ_(l+1)),  ∂L/∂W_l = δ_l·h_(l−1)ᵀ: one factor per layer",
       "反向：δ_l = φ′(z_l) ⊙ (W_(l+1)ᵀ δ_(l+1))，∂L/∂W_l = δ_l·h_(l−1)ᵀ：每层乘一个因子"},
      {"da.f.ratio", "‖∂L/∂W_1‖ / ‖∂L/∂W_%d‖ = %.3g / %.3g = %.3g", "‖∂L/∂W_1‖ / ‖∂L/∂W_%d‖ = %.3g / %.3g = %.3g"},
      {"da.f.init", "Init: n·Var(w) = g²/3 = %.3g;  layer 1: μ = %.3g, σ = %.3g;  layer %d: μ = %.3g, σ = %.3g",
       "初始化：n·Var(w) = g²/3 = %.3g；第 1 层：μ = %.3g，σ = %.3g；第 %d 层：μ = %.3g，σ = %.3g"},
  };
  return t;
}

// [SECTION] Model

namespace {

const char* kActivations[] = {"sigmoid", "tanh", "relu"};
const char* kNorms[] = {"none", "batch", "layer"};
const char* kDatasets[] = {"circle", "xor", "gaussians", "spiral", "moons"};

core::Activation activationOf(int i) {
  return i == 0 ? core::Activation::Sigmoid : i == 1 ? core::Activation::Tanh : core::Activation::Relu;
}

}  // namespace

DeepActivationsLesson::DeepActivationsLesson() { rebuild(); }
DeepActivationsLesson::~DeepActivationsLesson() = default;

void DeepActivationsLesson::rebuild() {
  core::DatasetSpec d;
  d.kind = static_cast<core::DatasetKind>(m_p.dataset);
  d.count = 256;
  d.noise = 0.1;
  d.seed = static_cast<uint64_t>(m_p.seed);
  core::DataSplit split = core::splitDataset(core::makeDataset(d), 0.25, static_cast<uint64_t>(m_p.seed) + 3);
  m_spec = core::MlpSpec{};
  m_spec.inputs = 2;
  m_spec.outputs = 1;
  m_spec.loss = core::LossKind::BceWithLogits;
  for (int i = 0; i < m_p.depth; ++i) {
    core::HiddenLayerSpec h;
    h.units = m_p.width;
    h.activation = activationOf(m_p.activation);
    h.norm = static_cast<core::NormLayer>(m_p.norm);
    m_spec.hidden.push_back(h);
  }
  m_spec.seed = static_cast<uint64_t>(m_p.seed);
  m_spec.maxBatch = 32;
  core::OptimizerSpec o;
  o.kind = core::OptimizerKind::Sgd;
  o.lr = m_p.lr;
  core::TrainerSpec ts;
  ts.batchSize = 32;
  ts.seed = static_cast<uint64_t>(m_p.seed) + 7;
  m_trainer = std::make_unique<core::Trainer>(m_spec, o, std::move(split.train), std::move(split.validation), ts);
  // The init scale multiplies PyTorch's default U(±1/√fan_in) weights (biases keep theirs).
  core::Mlp& net = m_trainer->net();
  for (int l = 0; l < net.layerCount(); ++l) net.weights(l) *= m_p.initScale;
  m_probe = std::make_unique<core::Mlp>(m_spec);
  m_probe->reserveBatch(m_trainer->trainSet().size());
  m_diverged = false;
  m_histStep.clear();
  m_histLoss.clear();
  m_histNorm.assign(net.layerCount(), {});
  m_layerIndex.clear();
  for (int l = 0; l < net.layerCount(); ++l) m_layerIndex.push_back(l + 1);
  m_probeStep = -1;
  m_pace.restart();
  probe();
}

void DeepActivationsLesson::probe() {
  if (m_probeStep == m_trainer->stepCount() && !m_stats.empty()) return;
  m_probeStep = m_trainer->stepCount();
  m_probe->copyStateFrom(m_trainer->net());
  const core::LabeledData& data = m_trainer->trainSet();
  const int n = data.size();
  const core::LossParts loss = m_probe->computeGradients(data.x.data(), data.y.data(), n);
  // A blown-up net keeps the picture of its last finite probe: NaN statistics would only be garbage.
  if (!std::isfinite(loss.data) && !m_stats.empty()) return;
  const int layers = m_probe->layerCount();
  m_gradNorms.assign(layers, 0.0);
  for (int l = 0; l < layers; ++l) m_gradNorms[l] = m_probe->gradientNorm(l);
  // The histogram range: the activation's own range when it is bounded, else symmetric (from 0 for ReLU) to the
  // 99.5th percentile of |value| over all layers, so the rows share one axis and a few outliers do not squeeze the
  // rest into one bin (values beyond go into the end bins). ReLU's exact zeros are left out of its histogram: they
  // would fill the first bin of every row; their share is the right-hand column.
  const int hidden = layers - 1;
  const bool pre = m_p.preActivation, reluPost = !pre && m_p.activation == 2;
  m_values.clear();
  for (int l = 0; l < hidden; ++l) {
    const auto v = pre ? m_probe->preActivations(l) : m_probe->activations(l);
    for (Eigen::Index i = 0; i < v.size(); ++i)
      if (std::isfinite(v.data()[i]) && !(reluPost && v.data()[i] == 0.0f)) m_values.push_back(std::fabs(v.data()[i]));
  }
  double extent = 1.0;
  if (!m_values.empty()) {
    const size_t q = std::min(m_values.size() - 1, static_cast<size_t>(0.995 * double(m_values.size())));
    std::nth_element(m_values.begin(), m_values.begin() + static_cast<std::ptrdiff_t>(q), m_values.end());
    extent = m_values[q] > 0 ? double(m_values[q]) : 1.0;
  }
  if (!pre && m_p.activation == 0) m_histLo = 0.0, m_histHi = 1.0;
  else if (!pre && m_p.activation == 1) m_histLo = -1.0, m_histHi = 1.0;
  else if (reluPost) m_histLo = 0.0, m_histHi = extent;
  else m_histLo = -extent, m_histHi = extent;
  m_stats.assign(hidden, {});
  for (int l = 0; l < hidden; ++l) {
    LayerStats& s = m_stats[l];
    const auto v = pre ? m_probe->preActivations(l) : m_probe->activations(l);
    const auto h = m_probe->activations(l);
    const Eigen::Index count = v.size();
    s.counts.assign(kBins, 0);
    double sum = 0.0;
    for (Eigen::Index i = 0; i < count; ++i) {
      const double x = v.data()[i];
      sum += x;
      const double t = (x - m_histLo) / (m_histHi - m_histLo) * kBins;
      if (std::isfinite(t) && !(reluPost && x == 0.0)) ++s.counts[std::clamp(static_cast<int>(std::floor(t)), 0, kBins - 1)];
    }
    // Two passes in double: the statistics of a saturated layer sit far from 0 with a tiny spread.
    s.mean = count ? sum / double(count) : 0.0;
    double ss = 0.0;
    int64_t sat = 0;
    for (Eigen::Index i = 0; i < count; ++i) {
      const double x = v.data()[i];
      ss += (x - s.mean) * (x - s.mean);
      const double a = h.data()[i];
      sat += m_p.activation == 0 ? (a < 0.01 || a > 0.99) : m_p.activation == 1 ? std::fabs(a) > 0.99 : a == 0.0;
    }
    s.stddev = count ? std::sqrt(ss / double(count)) : 0.0;
    s.saturated = count ? double(sat) / double(count) : 0.0;
  }
  if (std::isfinite(loss.data)) {
    m_histStep.push_back(double(m_probeStep));
    m_histLoss.push_back(loss.data);
    for (int l = 0; l < layers; ++l) m_histNorm[l].push_back(m_gradNorms[l]);
  }
}

void DeepActivationsLesson::checkDiverged() {
  // As in training-lab: a non-finite or huge loss, or an epoch three times worse than guessing, is a blown-up run.
  if (m_trainer->blownUp(100.0, 3.0 * std::log(2.0))) {
    m_diverged = true;
    setPlaying(false);
  }
}

void DeepActivationsLesson::train(int steps) {
  if (m_diverged) return;
  m_trainer->advance(steps);
  checkDiverged();
  probe();
}

void DeepActivationsLesson::update(double dt) {
  if (m_diverged) {
    setPlaying(false);
    return;
  }
  // At the chosen pace, within about 3 ms of work per frame: SGD steps, and every eighth frame a probe (a forward
  // and backward pass over the whole training set, about as much as a dozen steps), which then takes its share.
  const bool probeNow = ++m_framesSinceProbe >= 8;
  const int perEpoch = (m_trainer->trainSet().size() + 31) / 32;
  m_trainer->advance(m_pace.steps(dt, perEpoch), probeNow ? 0.0015 : 0.003);
  checkDiverged();
  if (probeNow || m_diverged) {
    m_framesSinceProbe = 0;
    probe();
  }
}

void DeepActivationsLesson::reset() {
  setPlaying(false);
  m_p = Params{};
  m_pace.set(m_pace.defaultValue());
  rebuild();
}

// [SECTION] Scenes and tests

nlohmann::json DeepActivationsLesson::params() const {
  return {{"activation", kActivations[m_p.activation]},
          {"norm", kNorms[m_p.norm]},
          {"init_scale", m_p.initScale},
          {"depth", m_p.depth},
          {"width", m_p.width},
          {"lr", m_p.lr},
          {"dataset", kDatasets[m_p.dataset]},
          {"pre_activation", m_p.preActivation},
          {"seed", m_p.seed},
          {"pretrain", m_p.pretrain},
          {"speed", m_pace.unlimited() ? nlohmann::json("max") : nlohmann::json(m_pace.epochsPerSecond())}};
}

void DeepActivationsLesson::setParams(const nlohmann::json& j, std::vector<std::string>& warnings,
                                      std::vector<std::string>& errors) {
  Params p = m_p;
  ParamReader r(j, warnings, errors);
  r.readChoice("activation", p.activation, {kActivations[0], kActivations[1], kActivations[2]});
  r.readChoice("norm", p.norm, {kNorms[0], kNorms[1], kNorms[2]});
  r.read("init_scale", p.initScale, 0.25f, 4.0f);
  r.read("depth", p.depth, 2, 12);
  r.read("width", p.width, 8, 64);
  r.read("lr", p.lr, 1e-3, 10.0);
  r.readChoice("dataset", p.dataset, {kDatasets[0], kDatasets[1], kDatasets[2], kDatasets[3], kDatasets[4]});
  r.read("pre_activation", p.preActivation);
  r.read("seed", p.seed, 0, 1000000);
  r.read("pretrain", p.pretrain, 0, 500);
  double speed = m_pace.epochsPerSecond();
  r.readSpeed("speed", speed, TrainingPace::kMin, TrainingPace::kMax);
  if (!r.finish()) return;
  setPlaying(false);
  m_p = p;
  m_pace.set(speed);
  rebuild();
  if (m_p.pretrain > 0) {
    const int perEpoch = (m_trainer->trainSet().size() + 31) / 32;
    for (int e = 0; e < m_p.pretrain && !m_diverged; ++e) train(perEpoch);
  }
}

void DeepActivationsLesson::interact(int frame) {
  // The main parameter, the init scale, changes every tenth frame (a rebuild); training runs in between.
  const float scales[] = {1.0f, 2.45f, 0.5f};
  const float s = scales[(frame / 10) % 3];
  if (s != m_p.initScale) {
    m_p.initScale = s;
    rebuild();
  }
  setPlaying(true);
}

void DeepActivationsLesson::applyExtreme(int step) {
  Params p;
  switch (step) {
    case 0:
      p.activation = 0, p.initScale = 0.25f, p.depth = 2, p.width = 8, p.lr = 1e-3, p.seed = 0;
      m_pace.set(TrainingPace::kMin);
      break;
    case 1:  // diverges
      p.activation = 2, p.initScale = 4.0f, p.depth = 12, p.width = 64, p.lr = 10.0;
      m_pace.set(0.0);
      break;
    case 2: p.activation = 1, p.norm = 1, p.preActivation = true, p.dataset = 3, p.seed = 1000000; break;
    case 3: p.activation = 0, p.norm = 2, p.dataset = 4; break;
    case 4: p.activation = 2, p.norm = 1, p.preActivation = true, p.dataset = 1; break;
    default: p.activation = 1, p.initScale = 4.0f, p.dataset = 2; break;
  }
  setPlaying(false);
  m_p = p;
  rebuild();
  train(60);
}

// [SECTION] Controls

void DeepActivationsLesson::drawControls(LessonContext& ctx) {
  if (m_diverged) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.8f, 0.1f, 0.1f, 1));
    wrappedText(ctx.tr("da.diverged"));
    ImGui::PopStyleColor();
    if (button(ctx.tr("da.reset"))) reset();
  }
  ImGui::BeginDisabled(m_diverged);
  if (button(ctx.tr("da.step"))) train(10);
  ImGui::EndDisabled();
  tip(ctx, "da.step.tip");
  m_pace.control(ctx);
  char status[96];
  std::snprintf(status, sizeof status, ctx.tr("da.status"), static_cast<long long>(m_trainer->stepCount()),
                m_trainer->epoch());
  wrappedTextDisabled(status);

  bool rebuildNeeded = false;
  sectionHeader(ctx.tr("da.net"));
  rebuildNeeded |= translatedCombo(ctx, ctx.tr("da.activation"), m_p.activation, {"da.sigmoid", "da.tanh", "da.relu"});
  tip(ctx, "da.activation.tip");
  rebuildNeeded |= translatedCombo(ctx, ctx.tr("da.norm"), m_p.norm, {"da.none", "da.bn", "da.ln"});
  tip(ctx, "da.norm.tip");
  rebuildNeeded |= sliderFloat(ctx, ctx.tr("da.init"), m_p.initScale, 0.25f, 4.0f, "%.2f", true);
  tip(ctx, "da.init.tip");
  rebuildNeeded |= sliderInt(ctx, ctx.tr("da.depth"), m_p.depth, 2, 12);
  tip(ctx, "da.depth.tip");
  rebuildNeeded |= sliderInt(ctx, ctx.tr("da.width"), m_p.width, 8, 64);
  tip(ctx, "da.width.tip");

  sectionHeader(ctx.tr("da.training"));
  rebuildNeeded |= logSlider(ctx, ctx.tr("da.lr"), m_p.lr, 1e-3, 10.0);
  tip(ctx, "da.lr.tip");
  rebuildNeeded |= translatedCombo(ctx, ctx.tr("da.dataset"), m_p.dataset,
                                   {"da.ds.circle", "da.ds.xor", "da.ds.gaussians", "da.ds.spiral", "da.ds.moons"});
  tip(ctx, "da.dataset.tip");
  rebuildNeeded |= ImGui::InputInt(ctx.tr("da.seed"), &m_p.seed);
  m_p.seed = std::clamp(m_p.seed, 0, 1000000);
  tip(ctx, "da.seed.tip");
  ImGui::Spacing();
  if (checkbox(ctx.tr("da.pre"), &m_p.preActivation)) {
    m_probeStep = -1;
    m_stats.clear();
    // Only the histograms change; the gradient history is kept (re-probing at the same step adds no point).
    const int64_t step = m_trainer->stepCount();
    probe();
    if (!m_histStep.empty() && m_histStep.size() >= 2 && m_histStep[m_histStep.size() - 2] == double(step)) {
      m_histStep.pop_back();
      m_histLoss.pop_back();
      for (auto& h : m_histNorm) h.pop_back();
    }
  }
  tip(ctx, "da.pre.tip");
  if (rebuildNeeded) {
    setPlaying(false);
    rebuild();
  }
}

// [SECTION] Canvas and formula

void DeepActivationsLesson::drawCanvas(LessonContext& ctx) {
  m_layout.begin(ctx.scale, ctx.probe);
  m_layout.add({"##strip", ctx.tr("da.tab.strip"), 15, 10, 1.3f, 1.5f, 0}, [&](ImVec2 s) { drawHeatStrip(ctx, s); });
  m_layout.add(plotPanel("##bars", ctx.tr("da.tab.bars"), 1), [&](ImVec2 s) { drawGradientBars(ctx, s); });
  m_layout.add(plotPanel("##norms", ctx.tr("da.tab.norms"), 2), [&](ImVec2 s) { drawGradientHistory(ctx, s); });
  m_layout.add(plotPanel("##loss", ctx.tr("da.tab.loss"), 3), [&](ImVec2 s) { drawLossPlot(ctx, s); });
  m_layout.end();
}

ImU32 DeepActivationsLesson::layerColor(int l) const {
  // Layer colours run from dark blue (first layer) to orange (output), so depth reads as a gradient.
  const int layers = static_cast<int>(m_gradNorms.size());
  const float t = layers > 1 ? float(l) / float(layers - 1) : 0.0f;
  return IM_COL32(int(30 + t * 200), int(80 + t * 60), int(200 - t * 170), 255);
}

void DeepActivationsLesson::drawGradientBars(LessonContext& ctx, ImVec2 size) {
  const int layers = static_cast<int>(m_gradNorms.size());
  PlotConfig bars = plotConfig(ctx);
  bars.title = ctx.tr("da.bars");
  bars.x.label = ctx.tr("da.barsx");
  bars.x.format = "%.0f";
  bars.x.integer = true;
  bars.y.log = true;
  bars.legend = false;
  bars.emptyText = ctx.tr("da.nodata");
  // One hidden label per layer (its own colour); the plot borrows them until end(), so they live in the lesson and
  // are all made before the first is lent (a growing vector would move them).
  while (static_cast<int>(m_barLabels.size()) < layers) m_barLabels.push_back("##l" + std::to_string(m_barLabels.size() + 1));
  if (!m_barPlot.begin("##barsplot", size, bars)) return;
  for (int l = 0; l < layers; ++l) {
    SeriesStyle s;
    s.color = layerColor(l);
    m_barPlot.bars(m_barLabels[std::size_t(l)].c_str(), &m_layerIndex[l], &m_gradNorms[l], 1, 0.8, s);
  }
  m_barPlot.end();
}

void DeepActivationsLesson::drawGradientHistory(LessonContext& ctx, ImVec2 size) {
  const int layers = static_cast<int>(m_gradNorms.size());
  PlotConfig hist = plotConfig(ctx);
  hist.title = ctx.tr("da.norms");
  hist.x.label = ctx.tr("da.step.axis");
  hist.y.log = true;
  hist.emptyText = ctx.tr("da.nodata");
  if (!m_normPlot.begin("##normsplot", size, hist)) return;
  // Label only the first and the last layer: the colours in between interpolate.
  m_labels.resize(layers);
  for (int l = 0; l < layers; ++l) {
    char label[48];
    if (l == 0 || l == layers - 1)
      std::snprintf(label, sizeof label, "%s %d", ctx.tr("da.layer"), l + 1);
    else
      std::snprintf(label, sizeof label, "##l%d", l + 1);
    m_labels[l] = label;
    SeriesStyle s;
    s.color = layerColor(l);
    s.markers = m_histStep.size() == 1;  // the first probe, before any training: one dot per layer
    m_normPlot.line(m_labels[l].c_str(), m_histStep.data(), m_histNorm[l].data(), static_cast<int>(m_histStep.size()), s);
  }
  m_normPlot.end();
}

void DeepActivationsLesson::drawLossPlot(LessonContext& ctx, ImVec2 size) {
  PlotConfig loss = plotConfig(ctx);
  loss.title = ctx.tr("da.loss");
  loss.x.label = ctx.tr("da.step.axis");
  loss.y.label = ctx.tr("da.lossaxis");
  loss.y.min = 0.0;  // BCE starts near ln 2 = 0.693 (guessing); a linear axis from 0 shows how far it fell
  loss.legend = false;
  loss.emptyText = ctx.tr("da.nodata");
  if (m_lossPlot.begin("##lossplot", size, loss)) {
    SeriesStyle s;
    s.markers = m_histStep.size() == 1;
    m_lossPlot.line(ctx.tr("da.lossaxis"), m_histStep.data(), m_histLoss.data(), static_cast<int>(m_histStep.size()), s);
    m_lossPlot.end();
  }
}

void DeepActivationsLesson::drawHeatStrip(LessonContext& ctx, ImVec2 size) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 p0 = ImGui::GetCursorScreenPos();
  wrappedText(ctx.tr(m_p.preActivation ? "da.strip.pre" : m_p.activation == 2 ? "da.strip.relu" : "da.strip"), size.x);
  const float titleH = ImGui::GetCursorScreenPos().y - p0.y;
  const float lineH = ImGui::GetTextLineHeight();
  const ImU32 text = ImGui::GetColorU32(ImGuiCol_Text), dim = ImGui::GetColorU32(ImGuiCol_TextDisabled);
  dl->PushClipRect(p0, ImVec2(p0.x + size.x, p0.y + size.y), true);
  struct PopClip {
    ImDrawList* dl;
    ~PopClip() { dl->PopClipRect(); }
  } popClip{dl};
  const int rows = static_cast<int>(m_stats.size());
  if (rows == 0) return;
  // Left: "layer l"; right: μ, σ and the saturated (or dead) share.
  char buf[96];
  std::snprintf(buf, sizeof buf, "%s 12", ctx.tr("da.layer"));
  const float labelW = ImGui::CalcTextSize(buf).x + 6 * ctx.scale;
  // The statistics columns only when they leave the strip at least a third of the width (a big UI scale drops them; the
  // formula below still gives μ and σ of the first and the last layer).
  const char* satKey = m_p.activation == 2 ? "da.dead" : "da.sat";
  const float colW = ImGui::CalcTextSize("-0.00000 ").x, cx0 = 6 * ctx.scale;
  const float wantStats = 2 * colW + std::max(ImGui::CalcTextSize(ctx.tr(satKey)).x, ImGui::CalcTextSize("100%").x) + cx0;
  const bool showStats = size.x - labelW - wantStats >= 0.35f * size.x;
  const float statsW = showStats ? wantStats : 0.0f;
  const float x0 = p0.x + labelW, x1 = p0.x + size.x - statsW;
  const float y0 = p0.y + titleH + lineH * 1.4f, y1 = p0.y + size.y - lineH * 1.4f;
  if (x1 - x0 < 20 || y1 - y0 < rows * 2) return;
  const float rowH = (y1 - y0) / rows, binW = (x1 - x0) / kBins;
  // Three aligned columns right of the strip: μ, σ and the saturated (or exactly-0) share.
  const float cx = x1 + cx0;
  if (showStats) {
    dl->AddText(ImVec2(cx, y0 - lineH - 2), dim, "μ");
    dl->AddText(ImVec2(cx + colW, y0 - lineH - 2), dim, "σ");
    dl->AddText(ImVec2(cx + 2 * colW, y0 - lineH - 2), dim, ctx.tr(satKey));
  }
  for (int l = 0; l < rows; ++l) {
    const LayerStats& s = m_stats[l];
    const float ry = y0 + l * rowH;
    const int peak = std::max(1, *std::max_element(s.counts.begin(), s.counts.end()));
    for (int b = 0; b < kBins; ++b) {
      // √ of the share of the peak: a thin tail stays visible next to a tall peak.
      const float t = std::sqrt(float(s.counts[b]) / float(peak));
      const auto c = gfx::colormapColor(gfx::Colormap::Viridis, t);
      dl->AddRectFilled(ImVec2(x0 + b * binW, ry), ImVec2(x0 + (b + 1) * binW, ry + rowH - 1), IM_COL32(c[0], c[1], c[2], 255));
    }
    std::snprintf(buf, sizeof buf, "%s %d", ctx.tr("da.layer"), l + 1);
    const float ty = ry + (rowH - lineH) * 0.5f;
    if (rowH >= lineH * 0.9f || l == 0 || l == rows - 1) dl->AddText(ImVec2(p0.x, ty), text, buf);
    if (showStats && (rowH >= lineH * 0.9f || l == 0 || l == rows - 1)) {
      std::snprintf(buf, sizeof buf, "%.3g", s.mean);
      dl->AddText(ImVec2(cx, ty), text, buf);
      std::snprintf(buf, sizeof buf, "%.3g", s.stddev);
      dl->AddText(ImVec2(cx + colW, ty), text, buf);
      std::snprintf(buf, sizeof buf, "%.0f%%", 100.0 * s.saturated);
      dl->AddText(ImVec2(cx + 2 * colW, ty), text, buf);
    }
  }
  dl->AddRect(ImVec2(x0, y0), ImVec2(x1, y1), ImGui::GetColorU32(ImGuiCol_Border));
  // The value axis below: both ends and 0 when inside.
  auto tick = [&](double v) {
    const float x = x0 + float((v - m_histLo) / (m_histHi - m_histLo)) * (x1 - x0);
    char t[32];
    std::snprintf(t, sizeof t, "%.3g", v);
    const float w = ImGui::CalcTextSize(t).x;
    dl->AddLine(ImVec2(x, y1), ImVec2(x, y1 + 4 * ctx.scale), text);
    dl->AddText(ImVec2(std::clamp(x - w / 2, x0 - labelW, x1 + statsW - w), y1 + 4 * ctx.scale), text, t);
  };
  tick(m_histLo);
  tick(m_histHi);
  if (m_histLo < 0 && m_histHi > 0) tick(0.0);
}

void DeepActivationsLesson::drawFormula(LessonContext& ctx) {
  if (m_diverged) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.8f, 0.1f, 0.1f, 1));
    wrappedText(ctx.tr("da.diverged"));
    ImGui::PopStyleColor();
  }
  wrappedText(ctx.tr("da.f.forward"));
  wrappedText(ctx.tr("da.f.backward"));
  if (m_gradNorms.empty() || m_stats.empty()) return;
  const int last = static_cast<int>(m_gradNorms.size());
  char buf[256];
  const double g1 = m_gradNorms.front(), gL = m_gradNorms.back();
  std::snprintf(buf, sizeof buf, ctx.tr("da.f.ratio"), last, g1, gL, gL > 0 ? g1 / gL : 0.0);
  wrappedText(buf);
  const LayerStats& a = m_stats.front();
  const LayerStats& b = m_stats.back();
  std::snprintf(buf, sizeof buf, ctx.tr("da.f.init"), double(m_p.initScale) * m_p.initScale / 3.0, a.mean, a.stddev,
                static_cast<int>(m_stats.size()), b.mean, b.stddev);
  wrappedText(buf);
}

std::string DeepActivationsLesson::formulaLatex() const {
  std::string s = "\\begin{aligned}\n&h_l = \\varphi(z_l),\\ z_l = W_l h_{l-1} + b_l,\\quad "
                  "\\delta_l = \\varphi'(z_l) \\odot W_{l+1}^\\top \\delta_{l+1},\\quad "
                  "\\frac{\\partial L}{\\partial W_l} = \\delta_l h_{l-1}^\\top\\\\\n";
  if (!m_gradNorms.empty()) {
    const double g1 = m_gradNorms.front(), gL = m_gradNorms.back();
    s += "&\\frac{\\|\\partial L/\\partial W_1\\|}{\\|\\partial L/\\partial W_{" + std::to_string(m_gradNorms.size()) +
         "}\\|} = \\frac{" + latexNumber(g1) + "}{" + latexNumber(gL) + "} = " + latexNumber(gL > 0 ? g1 / gL : 0.0) +
         ",\\quad n\\,\\mathrm{Var}(w) = g^2/3 = " + latexNumber(double(m_p.initScale) * m_p.initScale / 3.0) + "\\\\\n";
  }
  return s + "\\end{aligned}";
}

}  // namespace nr::app
