#pragma once
// The numbers behind the batch-stats lesson, without any ImGui: the run of training steps replayed from the seed
// (nr::core::simulateBatches), the shown channel's series of batch and running statistics and of the probe's
// outputs, and the train/eval mismatch over batch sizes (cached: it does not depend on B, the momentum or the step
// count). The lesson draws these; the tests check them against closed forms and naive recomputations.

#include <vector>

#include "nr/batch_sampling.h"

namespace nr::app {

class BatchStatsModel {
 public:
  static constexpr int kChannels = 4;
  static constexpr int kMaxSteps = 300;

  /// One member per value (a scene key each: mean0 … probe3); mean(k), sd(k), probe(k) index them by channel.
  struct Params {
    int batch = 8;
    float momentum = 0.1f;
    int steps = 80;   ///< training steps taken so far (the simulation is replayed from the seed)
    int channel = 0;  ///< the channel the plots show
    float mean0 = 1.5f, mean1 = -0.5f, mean2 = 3.0f, mean3 = 0.0f;
    float sd0 = 1.0f, sd1 = 0.5f, sd2 = 2.0f, sd3 = 1.5f;
    float probe0 = 3.5f, probe1 = -1.0f, probe2 = 1.0f, probe3 = 0.5f;  ///< the fixed input followed through
    float gamma = 1.0f, beta = 0.0f;
    int seed = 1;

    float mean(int k) const;
    float sd(int k) const;
    float probe(int k) const;
    float& mean(int k);
    float& sd(int k);
    float& probe(int k);
  };

  /// Series of the shown channel, one value per step.
  struct Series {
    std::vector<double> batchMean, batchVar, runningMean, runningVar;
    std::vector<double> train, eval, layer, group;  ///< the probe's BN train/eval, LN and GN outputs
  };

  BatchStatsModel() { set(Params{}); }
  /// New parameters: the run is replayed from the seed (a scene or a reset gives exactly the same picture); the
  /// mismatch curve is recomputed only if its inputs changed.
  void set(const Params& p);
  const Params& params() const { return m_p; }
  /// The simulation the parameters describe.
  core::BatchSimConfig config() const;

  const std::vector<core::BatchStep>& history() const { return m_steps; }
  const Series& series() const { return m_series; }
  /// The running mean and variance before the last step (PyTorch's start 0 and 1 when there is only one).
  double previousRunningMean() const;
  double previousRunningVar() const;

  /// Mean |y_train − y_pop| of the probe in the shown channel, at each of mismatchBatchSizes().
  const std::vector<double>& mismatch() const { return m_mismatch; }
  static const std::vector<double>& mismatchBatchSizes();
  /// How many times the mismatch curve was computed (tests: moving B must not recompute it).
  int mismatchComputations() const { return m_mismatchComputations; }

 private:
  void recomputeMismatch();

  Params m_p;
  std::vector<core::BatchStep> m_steps;
  Series m_series;
  std::vector<double> m_mismatch;
  Params m_mismatchFor;  ///< the inputs m_mismatch was computed for (batch, momentum and steps ignored)
  int m_mismatchComputations = 0;
};

}  // namespace nr::app
