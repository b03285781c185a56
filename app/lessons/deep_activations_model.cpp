// deep-activations' model. The probe is one pass over the whole training set on a copy of the net, recomputed every
// few steps: stable pictures that do not flicker with each mini-batch, and a trainer whose telemetry the probe does
// not disturb.

#include "lessons/deep_activations_model.h"

#include <algorithm>
#include <cmath>

namespace nr::app {

namespace {

core::Activation activationOf(int i) {
  return i == DeepActivationsModel::kSigmoid ? core::Activation::Sigmoid
         : i == DeepActivationsModel::kTanh  ? core::Activation::Tanh
                                             : core::Activation::Relu;
}

}  // namespace

DeepActivationsModel::DeepActivationsModel() { rebuild(Params{}); }
DeepActivationsModel::~DeepActivationsModel() = default;

void DeepActivationsModel::rebuild(const Params& p) {
  m_p = p;
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
  m_spec.maxBatch = kBatch;
  core::OptimizerSpec o;
  o.kind = core::OptimizerKind::Sgd;
  o.lr = m_p.lr;
  core::TrainerSpec ts;
  ts.batchSize = kBatch;
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
  probe();
}

void DeepActivationsModel::chooseHistRange() {
  // The activation's own range when it is bounded, else symmetric (from 0 for ReLU) to the 99.5th percentile of
  // |value| over all layers, so the rows share one axis and a few outliers do not squeeze the rest into one bin
  // (values beyond go into the end bins). ReLU's exact zeros are left out of its histogram: they would fill the first
  // bin of every row; their share is the right-hand column.
  const int hidden = m_probe->layerCount() - 1;
  const bool pre = m_p.preActivation, reluPost = !pre && m_p.activation == kRelu;
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
  if (!pre && m_p.activation == kSigmoid) m_histLo = 0.0, m_histHi = 1.0;
  else if (!pre && m_p.activation == kTanh) m_histLo = -1.0, m_histHi = 1.0;
  else if (reluPost) m_histLo = 0.0, m_histHi = extent;
  else m_histLo = -extent, m_histHi = extent;
}

void DeepActivationsModel::layerStatistics(int l, LayerStats& s) const {
  const bool pre = m_p.preActivation, reluPost = !pre && m_p.activation == kRelu;
  const auto v = pre ? m_probe->preActivations(l) : m_probe->activations(l);
  const auto h = m_probe->activations(l);
  const Eigen::Index count = v.size();
  s.counts.assign(kBins, 0);
  double sum = 0.0;
  for (Eigen::Index i = 0; i < count; ++i) {
    const double x = v.data()[i];
    sum += x;
    const double t = (x - m_histLo) / (m_histHi - m_histLo) * kBins;
    if (std::isfinite(t) && !(reluPost && x == 0.0))
      ++s.counts[std::clamp(static_cast<int>(std::floor(t)), 0, kBins - 1)];
  }
  // Two passes in double: the statistics of a saturated layer sit far from 0 with a tiny spread.
  s.mean = count ? sum / double(count) : 0.0;
  double ss = 0.0;
  int64_t sat = 0;
  for (Eigen::Index i = 0; i < count; ++i) {
    const double x = v.data()[i];
    ss += (x - s.mean) * (x - s.mean);
    const double a = h.data()[i];
    sat += m_p.activation == kSigmoid ? (a < 0.01 || a > 0.99)
           : m_p.activation == kTanh  ? std::fabs(a) > 0.99
                                      : a == 0.0;
  }
  s.stddev = count ? std::sqrt(ss / double(count)) : 0.0;
  s.saturated = count ? double(sat) / double(count) : 0.0;
}

void DeepActivationsModel::probe() {
  if (m_probeStep == m_trainer->stepCount() && !m_stats.empty()) return;
  m_probeStep = m_trainer->stepCount();
  m_probe->copyStateFrom(m_trainer->net());
  const core::LabeledData& data = m_trainer->trainSet();
  const core::LossParts loss = m_probe->computeGradients(data.x.data(), data.y.data(), data.size());
  // A blown-up net keeps the picture of its last finite probe: NaN statistics would only be garbage.
  if (!std::isfinite(loss.data) && !m_stats.empty()) return;
  const int layers = m_probe->layerCount();
  m_gradNorms.assign(layers, 0.0);
  for (int l = 0; l < layers; ++l) m_gradNorms[l] = m_probe->gradientNorm(l);
  chooseHistRange();
  m_stats.assign(layers - 1, {});
  for (int l = 0; l < layers - 1; ++l) layerStatistics(l, m_stats[l]);
  if (std::isfinite(loss.data)) {
    m_histStep.push_back(double(m_probeStep));
    m_histLoss.push_back(loss.data);
    for (int l = 0; l < layers; ++l) m_histNorm[l].push_back(m_gradNorms[l]);
  }
}

void DeepActivationsModel::setPreActivation(bool pre) {
  m_p.preActivation = pre;
  m_probeStep = -1;
  m_stats.clear();
  // Only the histograms change; the gradient history is kept (re-probing at the same step adds no point).
  const int64_t step = m_trainer->stepCount();
  probe();
  if (m_histStep.size() >= 2 && m_histStep[m_histStep.size() - 2] == double(step)) {
    m_histStep.pop_back();
    m_histLoss.pop_back();
    for (auto& h : m_histNorm) h.pop_back();
  }
}

void DeepActivationsModel::checkDiverged() {
  // As in training-lab: a non-finite or huge loss, or an epoch three times worse than guessing, is a blown-up run.
  if (m_trainer->blownUp(100.0, 3.0 * std::log(2.0))) m_diverged = true;
}

void DeepActivationsModel::train(int steps) {
  if (m_diverged) return;
  m_trainer->advance(steps);
  checkDiverged();
  probe();
}

void DeepActivationsModel::pretrain() {
  for (int e = 0; e < m_p.pretrain && !m_diverged; ++e) train(stepsPerEpoch());
}

void DeepActivationsModel::advance(int maxSteps, double budgetSeconds) {
  if (m_diverged) return;
  m_trainer->advance(maxSteps, budgetSeconds);
  checkDiverged();
}

}  // namespace nr::app
