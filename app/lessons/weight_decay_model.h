#pragma once
// The numbers behind the weight-decay lesson, without any ImGui: four runs trained in lock step from one start on one
// data set — SGD+L2, SGD+decay, Adam+L2, AdamW — their loss and weight-norm curves, how far apart each pair has
// moved, and Adam+L2's effective decay per weight, ηλ/(√v̂ + ε), against AdamW's single ηλ.

#include <array>
#include <cstdint>
#include <memory>
#include <vector>

#include "nr/trainer.h"

namespace nr::app {

class WeightDecayModel {
 public:
  struct Params {
    double lambda = 1e-2;  ///< the same λ for the L2 penalty and for the decay
    double sgdLr = 0.1, adamLr = 0.01;
    int seed = 1;
    int pretrain = 0;  ///< epochs trained at once when a scene is loaded
  };
  /// The runs, in this order everywhere.
  enum Run { kSgdL2, kSgdDecay, kAdamL2, kAdamW, kRuns };

  WeightDecayModel();
  ~WeightDecayModel();
  /// Four fresh runs for `p`, untrained.
  void rebuild(const Params& p);
  const Params& params() const { return m_p; }
  /// A new λ for all four runs, without a restart (the penalty and the decay change in place).
  void setLambda(double lambda);

  /// Trains every run one epoch at a time, in lock step.
  void trainEpochs(int epochs);
  const core::Trainer& run(int i) const { return *m_runs[i]; }
  /// max |w_SGD+L2 − w_SGD+decay| over all parameters.
  double sgdDifference() const;
  /// max |w_Adam+L2 − w_AdamW|.
  double adamDifference() const;
  /// log10 of Adam+L2's effective decay per step of every decayed weight, brought up to date.
  const std::vector<float>& effectiveDecay();

  /// Copies the runs' new epoch records into the curves below (and the decay above): once a frame.
  void syncHistory();
  /// Run i's curves as of the last syncHistory(): epoch, training data loss, weight norm.
  const std::vector<double>& epochs(int i) const { return m_epoch[i]; }
  const std::vector<double>& losses(int i) const { return m_loss[i]; }
  const std::vector<double>& norms(int i) const { return m_norm[i]; }

 private:
  void collectDecay();

  Params m_p;
  std::array<std::unique_ptr<core::Trainer>, kRuns> m_runs;
  std::array<std::vector<double>, kRuns> m_epoch, m_loss, m_norm;
  std::array<int64_t, kRuns> m_mirrorGeneration = {-1, -1, -1, -1};  ///< trainer history generation copied above
  std::vector<float> m_effectiveDecay;
  int64_t m_decayStep = -1;
};

}  // namespace nr::app
