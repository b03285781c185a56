// The early-stopping lesson's maths. The monitor (nr::core::EarlyStopping, Keras' rule) is replayed over the
// recorded validation curve, so a new patience moves the stop at once; full-batch training makes one step one epoch,
// so every epoch's weights can be kept exactly.

#include "lessons/early_stopping_model.h"

#include <algorithm>
#include <chrono>
#include <cmath>

#include "lessons/curve_data_model.h"

namespace nr::app {

namespace {

constexpr int kValidationPoints = 60;

}  // namespace

void EarlyStoppingModel::rebuild(const Params& p) {
  m_p = p;
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
}

void EarlyStoppingModel::setPatience(int patience, double minDelta) {
  m_p.patience = patience;
  m_p.minDelta = minDelta;
  replayMonitor();
}

void EarlyStoppingModel::setLr(double lr) {
  m_p.lr = lr;
  core::OptimizerSpec o = m_trainer->optimizerSpec();
  o.lr = lr;
  m_trainer->setOptimizer(o);
}

void EarlyStoppingModel::replayMonitor() {
  core::EarlyStoppingSpec s;
  s.patience = m_p.patience;
  s.minDelta = m_p.minDelta;
  s.restoreBest = m_p.restoreBest;
  m_monitor = core::EarlyStopping(s);
  for (double v : m_val) m_monitor.update(v);
  refreshBest();
}

void EarlyStoppingModel::record() {
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

void EarlyStoppingModel::refreshBest() {
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

void EarlyStoppingModel::refreshLatest() {
  if (m_latestStep == m_trainer->stepCount()) return;
  m_latestStep = m_trainer->stepCount();
  m_trainer->predict(m_gridX.data(), kGrid, m_out.data());
  m_latestCurve.assign(m_out.begin(), m_out.end());
}

void EarlyStoppingModel::refresh() {
  record();
  refreshBest();
  refreshLatest();
}

void EarlyStoppingModel::checkDiverged() {
  // Ten times the loss of predicting the targets' mean: the steps are too large to settle anywhere.
  if (m_trainer->blownUp(1e4, 10.0 * std::max(m_targetVar, 0.01))) m_diverged = true;
}

bool EarlyStoppingModel::halted() const {
  return m_diverged || m_trainer->epoch() >= kMaxEpochs || (m_monitor.stopped() && !m_p.continueAfter);
}

void EarlyStoppingModel::advance(int epochs, double budgetSeconds) {
  using Clock = std::chrono::steady_clock;
  const auto start = Clock::now();
  for (int i = 0; i < epochs && !halted(); ++i) {
    m_trainer->advance(1);
    record();
    checkDiverged();
    if (std::chrono::duration<double>(Clock::now() - start).count() > budgetSeconds) break;
  }
  refreshBest();
  refreshLatest();
}

}  // namespace nr::app
