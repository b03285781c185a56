#include "nr/trainer.h"

#include <algorithm>
#include <chrono>
#include <numeric>
#include <stdexcept>
#include <string>

namespace nr::core {

Trainer::Trainer(const MlpSpec& net, const OptimizerSpec& optimizer, LabeledData train, LabeledData validation,
                 const TrainerSpec& spec)
    : m_netSpec(net),
      m_spec(spec),
      m_net(net),
      m_eval(net),
      m_opt(optimizer, m_net.parameterCount()),
      m_train(std::move(train)),
      m_val(std::move(validation)),
      m_stopping(spec.stopping),
      m_rng(spec.seed) {
  setSpec(spec);
  check();
  newEpoch();
}

void Trainer::check() const {
  if (m_train.size() < 1)
    throw std::invalid_argument("the training set is empty; add points or lower the validation fraction");
  for (const LabeledData* d : {&m_train, &m_val}) {
    if (d->features != m_netSpec.inputs)
      throw std::invalid_argument("the data have " + std::to_string(d->features) + " features but the network has " +
                                  std::to_string(m_netSpec.inputs) + " inputs");
    if (d->labelWidth != m_netSpec.targetWidth())
      throw std::invalid_argument(
          "the data have " + std::to_string(d->labelWidth) + " label values per sample but the network's loss takes " +
          std::to_string(m_netSpec.targetWidth()) + " (one-hot labels need MlpSpec::softTargets; see oneHot())");
  }
}

void Trainer::setSpec(const TrainerSpec& spec) {
  if (spec.batchSize < 1) throw std::invalid_argument("batch size must be >= 1, got " + std::to_string(spec.batchSize));
  if (!(spec.inputNoise >= 0.0)) throw std::invalid_argument("input noise must be >= 0");
  m_stopping.setSpec(spec.stopping);
  if (spec.earlyStopping && !m_spec.earlyStopping) m_stopping.reset();  // switched on: a fresh patience window
  m_spec = spec;
  m_net.reserveBatch(spec.batchSize);
  m_bx.resize(size_t(spec.batchSize) * m_netSpec.inputs);
  m_by.resize(size_t(spec.batchSize) * m_netSpec.targetWidth());
  if (!spec.earlyStopping) m_finished = false;
}

void Trainer::setData(LabeledData train, LabeledData validation) {
  m_train = std::move(train);
  m_val = std::move(validation);
  check();
  newEpoch();
}

void Trainer::reset() {
  const Regularization reg = m_net.regularization();
  m_net = Mlp(m_net.spec());  // the current dropout settings, the original seed
  m_net.setRegularization(reg);
  m_net.reserveBatch(m_spec.batchSize);
  m_opt.reset();
  m_stopping.reset();
  m_best = MlpState<float>{};
  m_bestEpoch = -1;
  m_bestLoss = 0.0;
  m_rng = Rng(m_spec.seed);
  m_steps.clear();
  m_epochs.clear();
  m_lastStep = StepRecord{};
  m_lastEpoch = EpochRecord{};
  m_stepStride = m_epochStride = 1;
  ++m_generation;
  m_epoch = 0;
  m_stepCount = 0;
  m_finished = false;
  newEpoch();
}

namespace {
int64_t historyKey(const StepRecord& r) { return r.step; }
int64_t historyKey(const EpochRecord& r) { return r.epoch; }

/// Appends r when its key is on the stride; past the limit keeps every other record and doubles the stride.
/// Returns true when records moved.
template <typename R>
bool recordThinned(std::vector<R>& history, const R& r, int64_t& stride, size_t limit) {
  if (historyKey(r) % stride == 0) history.push_back(r);
  if (history.size() <= limit) return false;
  stride *= 2;
  size_t kept = 0;
  for (const R& h : history)
    if (historyKey(h) % stride == 0) history[kept++] = h;
  history.resize(kept);
  return true;
}
}  // namespace

bool Trainer::blownUp(double stepLimit, double epochLimit) const {
  // Written as !(x < limit) so that NaN counts as blown up.
  const bool stepBad = !m_steps.empty() && !(m_lastStep.loss.data < stepLimit);
  const bool epochBad = !m_epochs.empty() && !(m_lastEpoch.train.data < epochLimit);
  return stepBad || epochBad;
}

void Trainer::newEpoch() {
  m_order.resize(m_train.size());
  std::iota(m_order.begin(), m_order.end(), 0);
  for (int i = int(m_order.size()) - 1; i > 0; --i) std::swap(m_order[i], m_order[m_rng.below(uint64_t(i) + 1)]);
  m_cursor = 0;
}

void Trainer::step() {
  const int features = m_netSpec.inputs;
  const int yPer = m_netSpec.targetWidth();
  const int n = std::min(m_spec.batchSize, m_train.size() - m_cursor);
  for (int k = 0; k < n; ++k) {
    const int i = m_order[m_cursor + k];
    std::copy_n(m_train.x.data() + size_t(i) * features, features, m_bx.data() + size_t(k) * features);
    std::copy_n(m_train.y.data() + size_t(i) * yPer, yPer, m_by.data() + size_t(k) * yPer);
  }
  if (m_spec.inputNoise > 0.0)
    for (int k = 0; k < n * features; ++k) m_bx[k] += static_cast<float>(m_spec.inputNoise * m_rng.normal());
  if (augment) augment(m_bx.data(), m_by.data(), n, m_rng);
  m_cursor += n;
  // A last batch of one sample cannot be BatchNorm-normalized; it is skipped (PyTorch users set drop_last).
  bool bn = false;
  for (const HiddenLayerSpec& h : m_netSpec.hidden) bn |= h.norm == NormLayer::Batch;
  if (!(bn && n < 2)) {
    StepRecord r;
    r.loss = m_net.trainStep(m_bx.data(), m_by.data(), n, m_opt);
    r.step = m_stepCount++;
    r.epoch = m_epoch;
    m_lastStep = r;
    if (recordThinned(m_steps, r, m_stepStride, kHistoryLimit)) ++m_generation;
  }
  if (m_cursor >= m_train.size()) endEpoch();
}

void Trainer::endEpoch() {
  m_eval.copyStateFrom(m_net);
  EpochRecord e;
  e.epoch = m_epoch;
  e.step = m_stepCount;
  e.train = m_eval.evaluate(m_train.x.data(), m_train.y.data(), m_train.size());
  e.trainAccuracy = m_eval.accuracy(m_train.x.data(), m_train.y.data(), m_train.size());
  if (m_val.size() > 0) {
    e.validation = m_eval.evaluate(m_val.x.data(), m_val.y.data(), m_val.size());
    e.validationAccuracy = m_eval.accuracy(m_val.x.data(), m_val.y.data(), m_val.size());
  }
  e.weightNorm = m_net.weightNorm();
  m_lastEpoch = e;
  if (recordThinned(m_epochs, e, m_epochStride, kHistoryLimit)) ++m_generation;
  // Early stopping watches the validation data loss (the penalty is not what generalization is judged by);
  // without a validation set, the training loss. The best epoch is kept even with early stopping off, so the
  // lesson can mark it and restore it by hand.
  const double watched = m_val.size() > 0 ? e.validation.data : e.train.data;
  if (m_spec.earlyStopping) {
    const EarlyStopping::Verdict v = m_stopping.update(watched);
    if (v == EarlyStopping::Verdict::Improved) m_best = m_net.saveState(), m_bestEpoch = m_epoch, m_bestLoss = watched;
    if (v == EarlyStopping::Verdict::Stop) {
      m_finished = true;
      if (m_spec.stopping.restoreBest) restoreBest();
    }
  } else if (m_bestEpoch < 0 || watched < m_bestLoss) {
    m_best = m_net.saveState();
    m_bestEpoch = m_epoch;
    m_bestLoss = watched;
  }
  ++m_epoch;
  newEpoch();
}

void Trainer::restoreBest() {
  if (!m_best.params.empty()) m_net.restoreState(m_best);
}

int Trainer::advance(int maxSteps, double budgetSeconds) {
  using Clock = std::chrono::steady_clock;
  const auto start = Clock::now();
  int done = 0;
  while (done < maxSteps && !m_finished) {
    step();
    ++done;
    if (std::chrono::duration<double>(Clock::now() - start).count() >= budgetSeconds) break;
  }
  return done;
}

void Trainer::runEpochs(int epochs) {
  const int target = m_epoch + epochs;
  while (m_epoch < target && !m_finished) step();
}

void Trainer::predict(const float* x, int n, float* out) {
  m_eval.copyStateFrom(m_net);
  m_eval.predict(x, n, out);
}

}  // namespace nr::core
