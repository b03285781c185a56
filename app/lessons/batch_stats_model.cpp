// The numbers behind batch-stats. Every number comes from nr::core::simulateBatches and trainEvalMismatch
// (normalize + RunningStats, PyTorch's semantics); this file only replays, slices and caches them.

#include "lessons/batch_stats_model.h"

#include <algorithm>

namespace nr::app {

using Params = BatchStatsModel::Params;

// The members of each channel, in channel order.
static float Params::* const kMean[] = {&Params::mean0, &Params::mean1, &Params::mean2, &Params::mean3};
static float Params::* const kSd[] = {&Params::sd0, &Params::sd1, &Params::sd2, &Params::sd3};
static float Params::* const kProbe[] = {&Params::probe0, &Params::probe1, &Params::probe2, &Params::probe3};

float Params::mean(int k) const { return this->*kMean[k]; }
float Params::sd(int k) const { return this->*kSd[k]; }
float Params::probe(int k) const { return this->*kProbe[k]; }
float& Params::mean(int k) { return this->*kMean[k]; }
float& Params::sd(int k) { return this->*kSd[k]; }
float& Params::probe(int k) { return this->*kProbe[k]; }

const std::vector<double>& BatchStatsModel::mismatchBatchSizes() {
  static const std::vector<double> b = {1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64, 96, 128, 192, 256};
  return b;
}

core::BatchSimConfig BatchStatsModel::config() const {
  core::BatchSimConfig c;
  for (int k = 0; k < kChannels; ++k) {
    c.pop.mean.push_back(m_p.mean(k));
    c.pop.sd.push_back(m_p.sd(k));
    c.probe.push_back(m_p.probe(k));
  }
  c.batch = m_p.batch;
  c.momentum = m_p.momentum;
  c.gamma = m_p.gamma;
  c.beta = m_p.beta;
  c.groups = 2;
  c.seed = static_cast<uint64_t>(m_p.seed) * 2654435761u + 5u;
  return c;
}

// Whether the mismatch curve of `a` is that of `b`: everything but B, the momentum and the step count counts.
static bool sameMismatchInputs(const Params& a, const Params& b) {
  if (a.channel != b.channel || a.gamma != b.gamma || a.beta != b.beta || a.seed != b.seed) return false;
  for (int k = 0; k < BatchStatsModel::kChannels; ++k)
    if (a.mean(k) != b.mean(k) || a.sd(k) != b.sd(k) || a.probe(k) != b.probe(k)) return false;
  return true;
}

void BatchStatsModel::recomputeMismatch() {
  // Cached so dragging B stays cheap.
  if (m_mismatchComputations > 0 && sameMismatchInputs(m_p, m_mismatchFor)) return;
  m_mismatchFor = m_p;
  ++m_mismatchComputations;
  const core::BatchSimConfig c = config();
  m_mismatch.clear();
  // Large batches vary little from batch to batch, so they need fewer samples for the same smooth curve.
  for (double b : mismatchBatchSizes())
    m_mismatch.push_back(core::trainEvalMismatch(c, static_cast<int64_t>(b), m_p.channel,
                                                 std::clamp(static_cast<int>(12000 / b), 50, 200)));
}

void BatchStatsModel::set(const Params& p) {
  m_p = p;
  m_steps = core::simulateBatches(config(), m_p.steps);
  const int c = m_p.channel;
  Series& s = m_series;
  for (auto* v : {&s.batchMean, &s.batchVar, &s.runningMean, &s.runningVar, &s.train, &s.eval, &s.layer, &s.group})
    v->clear();
  for (const core::BatchStep& st : m_steps) {
    s.batchMean.push_back(st.batchMean[c]);
    s.batchVar.push_back(st.batchVar[c]);
    s.runningMean.push_back(st.runningMean[c]);
    s.runningVar.push_back(st.runningVar[c]);
    s.train.push_back(st.probeTrain[c]);
    s.eval.push_back(st.probeEval[c]);
    s.layer.push_back(st.probeLayer[c]);
    s.group.push_back(st.probeGroup[c]);
  }
  recomputeMismatch();
}

double BatchStatsModel::previousRunningMean() const {
  const size_t n = m_steps.size();
  return n >= 2 ? m_steps[n - 2].runningMean[m_p.channel] : 0.0;
}

double BatchStatsModel::previousRunningVar() const {
  const size_t n = m_steps.size();
  return n >= 2 ? m_steps[n - 2].runningVar[m_p.channel] : 1.0;
}

}  // namespace nr::app
