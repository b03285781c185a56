// weight-decay's model. The four runs share data, start and batch order, so any difference between two of them comes
// from the update rule alone.

#include "lessons/weight_decay_model.h"

#include <algorithm>
#include <cmath>

namespace nr::app {

namespace {

double maxDifference(const core::Trainer& a, const core::Trainer& b) {
  const core::Mlp& na = a.net();
  const core::Mlp& nb = b.net();
  double worst = 0;
  for (int64_t i = 0; i < na.parameterCount(); ++i)
    worst = std::max(worst, std::fabs(double(na.parameters()[i]) - double(nb.parameters()[i])));
  return worst;
}

bool decoupled(int run) { return run % 2 == 1; }

}  // namespace

WeightDecayModel::WeightDecayModel() { rebuild(Params{}); }
WeightDecayModel::~WeightDecayModel() = default;

void WeightDecayModel::rebuild(const Params& p) {
  m_p = p;
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
  for (int i = 0; i < kRuns; ++i) {
    core::OptimizerSpec o;
    const bool adam = i >= kAdamL2;
    o.kind = adam ? (decoupled(i) ? core::OptimizerKind::AdamW : core::OptimizerKind::Adam) : core::OptimizerKind::Sgd;
    o.lr = adam ? m_p.adamLr : m_p.sgdLr;
    o.weightDecay = decoupled(i) ? m_p.lambda : 0.0;
    m_runs[i] = std::make_unique<core::Trainer>(net, o, split.train, split.validation, ts);
    core::Regularization r;
    r.l2 = decoupled(i) ? 0.0 : m_p.lambda;
    m_runs[i]->setRegularization(r);
    m_epoch[i].clear();
    m_loss[i].clear();
    m_norm[i].clear();
  }
  m_effectiveDecay.clear();
  m_decayStep = -1;
}

void WeightDecayModel::setLambda(double lambda) {
  m_p.lambda = lambda;
  for (int i = 0; i < kRuns; ++i) {
    core::OptimizerSpec o = m_runs[i]->optimizerSpec();
    o.weightDecay = decoupled(i) ? lambda : 0.0;
    m_runs[i]->setOptimizer(o);
    core::Regularization r;
    r.l2 = decoupled(i) ? 0.0 : lambda;
    m_runs[i]->setRegularization(r);
  }
}

void WeightDecayModel::trainEpochs(int epochs) {
  for (auto& r : m_runs) r->runEpochs(epochs);
}

double WeightDecayModel::sgdDifference() const { return maxDifference(*m_runs[kSgdL2], *m_runs[kSgdDecay]); }
double WeightDecayModel::adamDifference() const { return maxDifference(*m_runs[kAdamL2], *m_runs[kAdamW]); }

const std::vector<float>& WeightDecayModel::effectiveDecay() {
  collectDecay();
  return m_effectiveDecay;
}

void WeightDecayModel::collectDecay() {
  const core::Trainer& adam = *m_runs[kAdamL2];
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

void WeightDecayModel::syncHistory() {
  for (int i = 0; i < kRuns; ++i) {
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

}  // namespace nr::app
