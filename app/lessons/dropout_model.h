#pragma once
// The numbers behind the dropout lesson, without any ImGui: the same 1-32-32-1 tanh net trained twice from one start
// on one noisy curve (with dropout on both hidden layers, and without), the eval curves, an MC-dropout ensemble of K
// fixed masks (mean, spread, a few members), the mask of the last training step, and one unit's numbers under both
// scalings. The lesson draws these; the tests check them against naive loops and closed forms.

#include <array>
#include <cstdint>
#include <memory>
#include <vector>

#include "nr/trainer.h"

namespace nr::app {

class DropoutModel {
 public:
  struct Params {
    float keep = 0.8f;  ///< keep probability q of every hidden unit (drop probability p = 1 − q)
    int mode = 0;       ///< 0: inverted (train ×1/q), 1: scale at test time (eval ×q)
    int width = 32;     ///< units in each of the two hidden layers
    int samples = 30;   ///< K sub-networks of the MC-dropout ensemble
    float probe = 0.5f; ///< the input x whose numbers are shown
    double lr = 0.01;   ///< Adam's learning rate
    int points = 15;    ///< training points (few: the net without dropout overfits)
    float noise = 0.3f;
    int seed = 1;
    int pretrain = 0;   ///< the lesson's: epochs trained at once when a scene is loaded
  };

  /// What one unit does under dropout at the probe input: the expected activation in training and at test time.
  struct UnitNumbers {
    int unit = -1;            ///< the unit of hidden layer 1 shown (largest |h| at the probe)
    double h = 0.0;           ///< its activation before dropout
    double kept = 0.0;        ///< its training-time output when kept (h/q inverted, h at-test)
    double trainMean = 0.0;   ///< E[m·kept] = q·kept
    double eval = 0.0;        ///< its eval output (h inverted, q·h at-test)
    double sampleMean = 0.0;  ///< the mean of m·kept over the K ensemble masks
  };

  static constexpr int kGrid = 121;  ///< x points of the drawn curves
  static constexpr int kMaxEpochs = 2000;
  static constexpr int kBatch = 8;
  static constexpr int kMembersDrawn = 4;  ///< a few thin curves show what the band summarizes; each costs vertices

  /// Fresh runs for `p` (untrained: the lesson trains its warm epochs).
  void rebuild(const Params& p);
  /// Changes that keep the weights: the keep probability, the learning rate, the probe, K.
  void setKeep(float keep);
  void setLr(double lr);
  void setProbe(float probe);
  void setSamples(int samples);
  const Params& params() const { return m_p; }

  /// Trains both runs `steps` steps in lock step (stops at divergence or kMaxEpochs).
  void train(int steps);
  /// Up to `steps` steps of both runs within about `budgetSeconds` (the first run's clock); the steps done.
  int advance(int steps, double budgetSeconds);
  int stepsPerEpoch() const { return (m_p.points + kBatch - 1) / kBatch; }
  bool diverged() const { return m_diverged; }
  /// Nothing more to train: diverged, or at kMaxEpochs.
  bool finished() const;
  const core::Trainer& run(int i) const { return *m_runs[i]; }

  /// Recomputes the curves, the ensemble and the probe numbers from the current weights (a no-op when nothing
  /// changed since the last call).
  void refresh();
  /// Brings the per-epoch loss curves up to date with the runs' history.
  void collectCurves();

  /// The grid x values, sin(3x) on it, the eval curves (0: with dropout, 1: without).
  const std::vector<float>& gridX() const { return m_gridX; }
  const std::vector<double>& truth() const { return m_truth; }
  const std::vector<double>& evalCurve(int run) const { return m_eval[run]; }
  /// The ensemble's mean, population standard deviation, mean ∓ σ, and the first kMembersDrawn members' curves.
  const std::vector<double>& ensembleMean() const { return m_mean; }
  const std::vector<double>& ensembleStd() const { return m_std; }
  const std::vector<double>& bandLo() const { return m_lo; }
  const std::vector<double>& bandHi() const { return m_hi; }
  const std::vector<std::vector<double>>& members() const { return m_members; }
  /// Keep masks of ensemble member k: layer 0 then layer 1, width values each (1 kept, 0 dropped).
  const std::vector<float>& ensembleMask(int k) const { return m_masks[k]; }
  /// Output of the dropout run at x with the given keep masks (layer 0 then 1, width each); nullptr = eval mode.
  double forward(double x, const float* masks) const;
  /// Kept units in the last training step's mask over the whole batch, and the mask's size.
  int keptCount() const;
  int maskSize() const;
  const UnitNumbers& unitNumbers() const { return m_unit; }
  /// Train-mode output at the probe with the last step's mask of the batch's first sample.
  double probeTrainOutput() const { return m_probeTrain; }
  /// The ensemble's mean and standard deviation at the probe.
  double probeMean() const { return m_probeMean; }
  double probeStd() const { return m_probeStd; }
  /// The mask the diagram shows (as of the last refresh()): the last step's first sample, layer 0 then 1.
  const std::vector<float>& shownMask() const { return m_stepMask; }
  /// Per epoch (as of the last collectCurves()): the epoch, and train and validation data loss of run r.
  const std::vector<double>& epochAxis() const { return m_epoch; }
  const std::vector<double>& trainLoss(int r) const { return m_trainLoss[r]; }
  const std::vector<double>& validationLoss(int r) const { return m_valLoss[r]; }

 private:
  void applyKeep();
  void checkDiverged();
  void drawMasks();
  void computeEnsemble();
  void computeProbe();

  Params m_p;
  std::array<std::unique_ptr<core::Trainer>, 2> m_runs;  ///< with dropout, without
  bool m_diverged = false;
  double m_targetVar = 1.0;  ///< variance of the training targets: the loss of predicting their mean
  int64_t m_refreshedStep = -1;
  std::vector<float> m_gridX;
  std::vector<double> m_truth;  ///< sin(3x) on the grid
  std::array<std::vector<double>, 2> m_eval;
  std::vector<double> m_mean, m_std, m_lo, m_hi;
  std::vector<std::vector<float>> m_masks;        ///< K ensemble masks
  std::vector<std::vector<double>> m_members;     ///< the first few members' curves, drawn thin
  std::vector<float> m_stepMask;                  ///< last step's mask of the batch's first sample (layers 0, 1)
  UnitNumbers m_unit;
  double m_probeTrain = 0.0, m_probeMean = 0.0, m_probeStd = 0.0;
  std::vector<double> m_epoch;
  std::array<std::vector<double>, 2> m_trainLoss, m_valLoss;
};

}  // namespace nr::app
