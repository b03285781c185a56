// The pruning lesson's model. The teaching choices that live here: the accuracy curve is computed once per trained
// state over the whole sparsity range (so the slider only moves a marker on it), both nets step in lock step (they
// always have seen the same batches), and while training the pruning previews what the threshold would cut from the
// weights so far.

#include "lessons/pruning_model.h"

#include <algorithm>
#include <chrono>
#include <cmath>

namespace nr::app {

namespace {

double seconds(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

std::vector<double> PruningModel::curveSparsities() {
  std::vector<double> s;
  for (int i = 0; i < 50; ++i) s.push_back(i / 50.0);
  for (double v : {0.99}) s.push_back(v);  // the slider's end
  return s;
}

PruningModel::PruningModel(const Params& p) { rebuild(p); }
PruningModel::~PruningModel() = default;

core::OptimizerSpec PruningModel::optimizerSpec() const {
  core::OptimizerSpec o;
  o.kind = core::OptimizerKind::Adam;
  o.lr = m_p.lr;
  return o;
}

void PruningModel::rebuild(const Params& p) {
  m_p = p;
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
  m_view = {lo - pad, hi + pad};
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
  for (auto* v : {&m_curveS, &m_curveDense, &m_curveL1, &m_tunedS, &m_tunedAccs, &m_histEpoch, &m_histDense, &m_histL1,
                  &m_tuneEpoch, &m_tuneAcc})
    v->clear();
  m_tunedAcc = -1.0;
  m_l1Sparsity = m_l1Exact = m_l1Acc = m_l1PrunedAcc = 0.0;
  m_denseSeen = m_tuneSeen = 0;
  prune();
}

void PruningModel::reprune(const Params& p) {
  const bool scopeChanged = p.scope != m_p.scope;
  m_p.sparsity = p.sparsity;
  m_p.scope = p.scope;
  m_p.logHistogram = p.logHistogram;
  m_p.fineTuneEpochs = p.fineTuneEpochs;
  if (m_stage != Stage::Training && scopeChanged) computeCurves();  // the curve depends on the scope, not the slider
  prune();
}

void PruningModel::setSparsity(double s) {
  m_p.sparsity = static_cast<float>(std::clamp(s, 0.0, 0.99));
  prune();
}

double PruningModel::accuracyOf(core::Mlp& net, const core::MlpState<float>& state, double sparsity,
                                core::PruneReport* report) {
  net.restoreState(state);
  core::PruneReport r = core::pruneByMagnitude(net, sparsity, scope());
  if (report) *report = r;
  const core::LabeledData& v = m_dense->validationSet();
  return net.accuracy(v.x.data(), v.y.data(), v.size());
}

bool PruningModel::checkDiverged(const core::Trainer& t) {
  // As in training-lab: cross-entropy above 100, or an epoch at three times the loss of guessing (ln 2).
  if (!t.blownUp(100.0, 3.0 * std::log(2.0))) return false;
  m_diverged = true;
  return true;
}

bool PruningModel::trainFor(double budgetSeconds, int maxEpochs, int maxSteps) {
  if (m_diverged) return false;
  const auto start = std::chrono::steady_clock::now();
  int steps = 0;
  bool stop = false;
  if (m_stage == Stage::Training) {
    const int target = std::min(m_p.epochs, m_dense->epoch() + maxEpochs);
    while (m_dense->epoch() < target && !m_diverged && steps++ < maxSteps) {
      m_dense->advance(1);
      m_l1->advance(1);
      if (m_dense->epoch() != m_l1->epoch() || m_dense->steps().size() % 10 == 0) {
        stop |= checkDiverged(*m_dense);
        stop |= checkDiverged(*m_l1);
      }
      if (seconds(start) >= budgetSeconds) break;
    }
    stop |= checkDiverged(*m_dense);
    stop |= checkDiverged(*m_l1);
    collectHistory();
    if (!m_diverged && m_dense->epoch() >= m_p.epochs) {
      endTraining();
      stop = true;
    }
  } else if (m_stage == Stage::FineTuning && m_tune) {
    const int target = std::min(m_p.fineTuneEpochs, m_tune->epoch() + maxEpochs);
    while (m_tune->epoch() < target && steps++ < maxSteps) {
      m_tune->advance(1);
      if (seconds(start) >= budgetSeconds) break;
    }
    stop |= checkDiverged(*m_tune);
    collectHistory();
    m_boundaryDirty = true;
    if (!m_diverged && m_tune->epoch() >= m_p.fineTuneEpochs) {
      m_stage = Stage::FineTuned;
      const core::LabeledData& v = m_tune->validationSet();
      m_tunedAcc = m_tune->net().accuracy(v.x.data(), v.y.data(), v.size());
      m_tunedS.push_back(m_report.sparsity());
      m_tunedAccs.push_back(m_tunedAcc);
      stop = true;
    }
  }
  return stop;
}

bool PruningModel::finishTraining() {
  bool stop = false;
  while (m_stage == Stage::Training && !m_diverged) stop |= trainFor(1e30, 1 << 20);
  return stop;
}

bool PruningModel::fineTune(int epochs) {
  if (m_stage == Stage::Pruned) startFineTune();
  return m_stage == Stage::FineTuning && trainFor(1e30, epochs);
}

int PruningModel::stepsPerEpoch() const {
  const core::Trainer& running = m_stage == Stage::FineTuning && m_tune ? *m_tune : *m_dense;
  return std::max(1, (running.trainSet().size() + running.spec().batchSize - 1) / running.spec().batchSize);
}

void PruningModel::endTraining() {
  m_trained = m_dense->net().saveState();
  m_l1Trained = m_l1->net().saveState();
  m_stage = Stage::Pruned;
  m_tunedS.clear();
  m_tunedAccs.clear();
  computeCurves();
  prune();
}

void PruningModel::computeCurves() {
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

void PruningModel::prune() {
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

void PruningModel::startFineTune() {
  if (m_stage != Stage::Pruned || m_diverged) return;
  core::TrainerSpec ts = m_dense->spec();
  m_tune = std::make_unique<core::Trainer>(m_spec, optimizerSpec(), m_dense->trainSet(), m_dense->validationSet(), ts);
  // The same deterministic pruning of the same trained state gives the same mask as the one shown.
  m_tune->net().restoreState(m_trained);
  core::pruneByMagnitude(m_tune->net(), m_p.sparsity, scope());
  m_stage = Stage::FineTuning;
  m_tuneEpoch.assign(1, double(m_p.epochs));
  m_tuneAcc.assign(1, 100.0 * m_prunedAcc);
  m_tuneSeen = 0;
}

void PruningModel::collectHistory() {
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

const core::Mlp& PruningModel::currentNet() const {
  if (m_stage == Stage::Training) return *m_eval;
  if (m_tune) return m_tune->net();
  return *m_eval;
}

bool PruningModel::refreshBoundary() {
  if (!m_boundaryDirty) return false;
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
  return true;
}

}  // namespace nr::app
