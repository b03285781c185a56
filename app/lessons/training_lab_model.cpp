// The numbers behind training-lab. The numerical choices: the picture's extent is square and covers every point
// with a margin (circles look round, no point is cut off); the decision function is evaluated on the grid only when
// the network changed (a step count), and a non-finite logit stays NaN instead of becoming a colour; decoupled
// weight decay is capped below ηλ = 1, where every step would flip the sign of every weight.

#include "lessons/training_lab_model.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace nr::app {

const std::array<const char*, 5> TrainingLabModel::kDatasets = {"circle", "xor", "gaussians", "spiral", "moons"};
const std::array<const char*, 3> TrainingLabModel::kActivations = {"relu", "tanh", "sigmoid"};
const std::array<const char*, 4> TrainingLabModel::kOptimizers = {"sgd", "momentum", "adam", "adamw"};

namespace {

core::Activation activationOf(int i) {
  return i == 0 ? core::Activation::Relu : i == 1 ? core::Activation::Tanh : core::Activation::Sigmoid;
}

}  // namespace

core::MlpSpec TrainingLabModel::netSpec(const Params& p) {
  core::MlpSpec s;
  s.inputs = 2;
  s.outputs = 1;
  s.loss = core::LossKind::BceWithLogits;
  for (int i = 0; i < p.layers; ++i) {
    core::HiddenLayerSpec h;
    h.units = p.width;
    h.activation = activationOf(p.activation);
    h.norm = p.batchNorm ? core::NormLayer::Batch : core::NormLayer::None;
    h.dropout = p.dropout;
    s.hidden.push_back(h);
  }
  s.seed = static_cast<uint64_t>(p.seed);
  s.maxBatch = std::max(p.batch, 32);
  return s;
}

core::OptimizerSpec TrainingLabModel::optimizerSpec(const Params& p) {
  core::OptimizerSpec o;
  o.kind = static_cast<core::OptimizerKind>(p.optimizer);
  o.lr = p.lr;
  // Decoupled decay shrinks w by ηλw each step: with ηλ ≥ 1 every weight would flip sign. Cap it just below.
  o.weightDecay = std::min(p.weightDecay, 0.99 / p.lr);
  return o;
}

core::TrainerSpec TrainingLabModel::trainerSpec(const Params& p) {
  core::TrainerSpec t;
  t.batchSize = p.batch;
  t.seed = static_cast<uint64_t>(p.seed) + 7;
  t.earlyStopping = p.earlyStopping;
  t.stopping.patience = p.patience;
  t.stopping.restoreBest = true;
  t.inputNoise = p.inputNoise;
  return t;
}

void TrainingLabModel::rebuild(const Params& p, int warmEpochs) {
  core::DatasetSpec d;
  d.kind = static_cast<core::DatasetKind>(p.dataset);
  d.count = p.samples;
  d.noise = p.noise;
  d.seed = static_cast<uint64_t>(p.seed);
  core::DataSplit split = core::splitDataset(core::makeDataset(d), p.validation, static_cast<uint64_t>(p.seed) + 3);
  // The picture's extent: the data with a margin, square so that circles look round.
  double lo = -1.0, hi = 1.0;
  for (const core::LabeledData* set : {&split.train, &split.validation})
    for (float v : set->x) lo = std::min(lo, double(v)), hi = std::max(hi, double(v));
  const double pad = 0.08 * (hi - lo);
  m_view[0] = m_view[2] = lo - pad;
  m_view[1] = m_view[3] = hi + pad;
  // Points the user clicked in stay through Restart and new settings (Clear points removes them).
  for (const AddedPoint& a : m_added) {
    const float pt[2] = {a.x, a.y};
    split.train.add(pt, a.label);
  }
  m_trainer = std::make_unique<core::Trainer>(netSpec(p), optimizerSpec(p), std::move(split.train),
                                              std::move(split.validation), trainerSpec(p));
  applyLive(p);
  m_diverged = false;
  m_current = Run{};
  m_accTrain.clear();
  m_accVal.clear();
  m_boundaryStep = -1;
  m_trainer->runEpochs(warmEpochs);
  checkDiverged();
}

void TrainingLabModel::applyLive(const Params& p) {
  m_trainer->setOptimizer(optimizerSpec(p));
  core::Regularization r;
  r.l1 = p.l1;
  r.l2 = p.l2;
  m_trainer->setRegularization(r);
  for (int i = 0; i < p.layers; ++i) m_trainer->setDropout(i, p.dropout);
  m_trainer->setSpec(trainerSpec(p));
  m_batch = p.batch;
}

int TrainingLabModel::stepsPerEpoch() const {
  return std::max(1, (m_trainer->trainSet().size() + m_batch - 1) / m_batch);
}

void TrainingLabModel::checkDiverged() {
  // A mean cross-entropy above 100 means logits of hundreds on the wrong side; an epoch at three times the loss of
  // guessing (ln 2 for two balanced classes) is confidently wrong: the steps are too large to settle.
  if (m_trainer->blownUp(100.0, 3.0 * std::log(2.0))) m_diverged = true;
}

void TrainingLabModel::train(int steps, double budgetSeconds) {
  if (halted()) return;
  m_trainer->advance(steps, budgetSeconds);
  checkDiverged();
}

void TrainingLabModel::trainEpochs(int epochs) {
  m_trainer->runEpochs(epochs);
  checkDiverged();
}

bool TrainingLabModel::refreshBoundary() {
  if (m_boundaryStep == m_trainer->stepCount()) return false;
  m_boundaryStep = m_trainer->stepCount();
  const int n = kGrid * kGrid;
  m_gridX.resize(static_cast<size_t>(n) * 2);
  for (int r = 0; r < kGrid; ++r)  // row 0 is the bottom (smallest y), as the field texture expects
    for (int c = 0; c < kGrid; ++c) {
      m_gridX[(r * kGrid + c) * 2] = float(m_view[0] + (m_view[1] - m_view[0]) * c / (kGrid - 1));
      m_gridX[(r * kGrid + c) * 2 + 1] = float(m_view[2] + (m_view[3] - m_view[2]) * r / (kGrid - 1));
    }
  m_grid.resize(n);
  m_trainer->predict(m_gridX.data(), n, m_grid.data());
  for (float& v : m_grid) v = std::isfinite(v) ? 1.0f / (1.0f + std::exp(-v)) : NAN;  // logit → probability
  return true;
}

void TrainingLabModel::mirrorHistory() {
  const auto& epochs = m_trainer->epochs();
  if (m_trainer->historyGeneration() != m_mirrorGeneration) {  // reset, or the history was thinned: copy anew
    m_mirrorGeneration = m_trainer->historyGeneration();
    m_current.epoch.clear(), m_current.train.clear(), m_current.validation.clear();
    m_accTrain.clear(), m_accVal.clear();
  }
  while (m_current.epoch.size() < epochs.size()) {
    const core::EpochRecord& e = epochs[m_current.epoch.size()];
    m_current.epoch.push_back(e.epoch);
    m_current.train.push_back(e.train.total());
    m_current.validation.push_back(e.validation.total());
    m_accTrain.push_back(e.trainAccuracy);
    m_accVal.push_back(e.validationAccuracy);
  }
}

void TrainingLabModel::keepRun(const std::string& label) {
  mirrorHistory();
  if (m_current.epoch.empty()) return;
  m_current.label = label;
  m_kept.push_back(m_current);
  if (static_cast<int>(m_kept.size()) > kMaxKept) m_kept.erase(m_kept.begin());
}

std::string TrainingLabModel::runLabel(const Params& p) {
  std::string s = kOptimizers[p.optimizer];
  char buf[64];
  if (p.l1 > 0) std::snprintf(buf, sizeof buf, " L1=%g", p.l1), s += buf;
  if (p.l2 > 0) std::snprintf(buf, sizeof buf, " L2=%g", p.l2), s += buf;
  if (p.weightDecay > 0) std::snprintf(buf, sizeof buf, " wd=%g", p.weightDecay), s += buf;
  if (p.dropout > 0) std::snprintf(buf, sizeof buf, " drop=%.2g", p.dropout), s += buf;
  if (p.batchNorm) s += " BN";
  if (p.earlyStopping) s += " ES";
  if (p.inputNoise > 0) std::snprintf(buf, sizeof buf, " noise=%.2g", p.inputNoise), s += buf;
  return s;
}

void TrainingLabModel::addPoint(float x, float y, float label) {
  m_added.push_back({x, y, label});
  core::LabeledData t = m_trainer->trainSet(), v = m_trainer->validationSet();
  const float pt[2] = {x, y};
  t.add(pt, label);
  m_trainer->setData(std::move(t), std::move(v));
  m_boundaryStep = -1;
}

}  // namespace nr::app
