#pragma once
// The numbers behind the early-stopping lesson, without any ImGui: a 1-64-64-1 tanh net trained full-batch with Adam
// on a dozen noisy points, its per-epoch curves, the early-stopping monitor replayed over the recorded validation
// curve, and the restored best net (its curve, validation loss and ‖W‖). The lesson draws these; the tests check
// them against a naive re-implementation of the rule and a re-evaluation of the kept weights.

#include <memory>
#include <vector>

#include "nr/early_stopping.h"
#include "nr/trainer.h"

namespace nr::app {

class EarlyStoppingModel {
 public:
  struct Params {
    int patience = 40;         ///< epochs without improvement before stopping
    double minDelta = 0.0;     ///< an improvement must beat the best by more than this
    bool restoreBest = true;   ///< the model kept at the stop: the best epoch's weights (else the stop epoch's)
    bool continueAfter = true; ///< keep training past the stop to show what would have happened
    int width = 64;            ///< units in each of the two hidden layers
    int points = 12;           ///< training points (few: easy to overfit)
    float noise = 0.35f;
    double lr = 0.01;          ///< Adam, full batch
    int seed = 1;
    int pretrain = 0;          ///< the lesson's: epochs trained at once when a scene is loaded
  };

  static constexpr int kMaxEpochs = 800;  ///< the story is told by then; later Adam only polishes noise
  static constexpr int kGrid = 121;

  /// A fresh, untrained run for `p` (the lesson trains its warm epochs).
  void rebuild(const Params& p);
  /// Moves the stop along the recorded curve: no retraining.
  void setPatience(int patience, double minDelta);
  /// Changes that keep the run: which weights are kept at the stop, training past it, the learning rate.
  void setRestoreBest(bool restoreBest) { m_p.restoreBest = restoreBest; }
  void setContinueAfter(bool continueAfter) { m_p.continueAfter = continueAfter; }
  void setLr(double lr);
  const Params& params() const { return m_p; }

  /// Trains up to `epochs` epochs (stops at the early stop unless continueAfter, at divergence, at kMaxEpochs).
  void train(int epochs) { advance(epochs, 1e30); }
  /// Like train(), but stops after the epoch that passes `budgetSeconds` of wall time.
  void advance(int epochs, double budgetSeconds);
  /// Nothing more to train.
  bool halted() const;
  bool diverged() const { return m_diverged; }
  /// Brings the curves, the best net and the latest curve up to date with the trainer (a no-op when they are).
  void refresh();

  const core::Trainer& trainer() const { return *m_trainer; }
  const core::EarlyStopping& monitor() const { return m_monitor; }
  /// Per epoch: the epoch, the training and validation data loss, ‖W‖.
  const std::vector<double>& epochAxis() const { return m_epoch; }
  const std::vector<double>& trainCurve() const { return m_train; }
  const std::vector<double>& validationCurve() const { return m_val; }
  const std::vector<double>& normCurve() const { return m_norm; }
  /// The grid x values, sin(3x) on it, the best net's and the current net's outputs (empty before there are any).
  const std::vector<float>& gridX() const { return m_gridX; }
  const std::vector<double>& truth() const { return m_truth; }
  const std::vector<double>& bestCurve() const { return m_bestCurve; }
  const std::vector<double>& latestCurve() const { return m_latestCurve; }
  /// The net with the best epoch's weights (what restore-best gives), and its validation loss and ‖W‖ evaluated
  /// now.
  core::Mlp& bestNet() { return *m_bestNet; }
  double restoredValidationLoss() const { return m_restoredVal; }
  double restoredWeightNorm() const { return m_restoredNorm; }

 private:
  void record();          ///< new epochs → curves, running-minimum snapshots, the monitor
  void replayMonitor();   ///< the monitor from the recorded curve (patience or min delta changed)
  void refreshBest();     ///< the best net from its snapshot, its curve and numbers
  void refreshLatest();   ///< the current net's curve
  void checkDiverged();

  Params m_p;
  std::unique_ptr<core::Trainer> m_trainer;
  std::unique_ptr<core::Mlp> m_bestNet;
  core::EarlyStopping m_monitor;
  bool m_diverged = false;
  double m_targetVar = 1.0;
  // Every epoch that set a new strict minimum of the validation loss keeps its weights: whatever the patience and
  // min delta, the best epoch of early stopping is one of them (an improvement beats the best by more than δ ≥ 0,
  // so it is below every earlier loss), so changing them never needs retraining.
  std::vector<int> m_snapEpoch;
  std::vector<std::vector<float>> m_snapParams;
  double m_runningMin = 0.0;
  int m_bestShown = -2;
  int64_t m_latestStep = -1;
  double m_restoredVal = 0.0, m_restoredNorm = 0.0;
  std::vector<float> m_gridX, m_out;
  std::vector<double> m_truth, m_bestCurve, m_latestCurve;
  std::vector<double> m_epoch, m_train, m_val, m_norm;
};

}  // namespace nr::app
