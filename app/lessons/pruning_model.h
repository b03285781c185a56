#pragma once
// The numbers behind the pruning lesson, without any ImGui: a plain net and an L1-penalized net trained in lock step,
// the trained net pruned by magnitude at a sparsity (its report, accuracy and the weights split into kept and cut for
// the histogram), the accuracy-against-sparsity curves of both nets computed once per trained state, fine-tuning with
// the mask kept, the accuracy per epoch, and the current net's decision boundary on a grid. The lesson draws these;
// the tests check them against sorts, counts and a naive forward pass.

#include <array>
#include <cstdint>
#include <memory>
#include <vector>

#include "nr/pruning.h"
#include "nr/trainer.h"

namespace nr::app {

/// The lesson's settings (its parameter table's members).
struct PruningParams {
  int dataset = 4;  ///< circle, xor, gaussians, spiral, moons
  int width = 32;   ///< units in each of the two hidden layers
  double lr = 0.01;
  int epochs = 150;  ///< length of the training phase
  double l1 = 1e-3;  ///< λ₁ of the comparison net
  float sparsity = 0.8f;
  int scope = 0;  ///< global, per layer
  int fineTuneEpochs = 40;
  bool logHistogram = true;
  int seed = 1;
  bool pretrain = false;  ///< a scene opens with training done
  bool finetune = false;  ///< ... and fine-tuning done
};

class PruningModel {
 public:
  using Params = PruningParams;
  enum class Stage { Training, Pruned, FineTuning, FineTuned };
  /// Sparsities of the accuracy-against-sparsity curve.
  static std::vector<double> curveSparsities();
  /// |w| at or below this counts as "zero" for the L1 net (a subgradient method never lands on exactly 0).
  static constexpr double kZeroTolerance = 1e-2;
  /// The log-|w| histogram draws log₁₀|w| below this (exact zeros included) in its first bin.
  static constexpr double kLogFloor = -5.0;
  /// Side of the decision-boundary grid.
  static constexpr int kGrid = 48;

  explicit PruningModel(const Params& p = Params{});
  ~PruningModel();

  /// New data and nets for `p`, back to the start of training.
  void rebuild(const Params& p);
  /// The pruning settings of `p` (sparsity, scope, histogram scale, fine-tuning length) without retraining: prunes
  /// the trained weights again (the curve too when the scope changed) and drops a fine-tuned net.
  void reprune(const Params& p);
  /// Only the length of fine-tuning (a run in progress ends at the new length).
  void setFineTuneEpochs(int epochs) { m_p.fineTuneEpochs = epochs; }
  void setSparsity(double s);

  // Training. Each returns true when the run reached a point where playing stops: training finished, fine-tuning
  // finished, or a net diverged.
  /// Trains (or fine-tunes) for at most budgetSeconds, maxEpochs epochs and maxSteps steps.
  bool trainFor(double budgetSeconds, int maxEpochs, int maxSteps = 1 << 30);
  /// Trains both nets to the end of the training phase (then prunes at the current sparsity).
  bool finishTraining();
  /// Starts fine-tuning (from the pruned net) and runs `epochs` epochs of it now.
  bool fineTune(int epochs);
  /// Fine-tuning from the trained net pruned at the current sparsity (only in Stage::Pruned).
  void startFineTune();
  /// Prunes again: after training, the trained weights; while training, a preview of the weights so far.
  void prune();
  /// Steps per epoch of the run in progress (the pace's unit).
  int stepsPerEpoch() const;
  /// Copies new epochs of the runs into the per-epoch accuracy lists.
  void collectHistory();
  /// Recomputes the boundary grid if the net changed since; true when it did.
  bool refreshBoundary();

  const Params& params() const { return m_p; }
  Stage stage() const { return m_stage; }
  bool diverged() const { return m_diverged; }
  const core::MlpState<float>& trainedState() const { return m_trained; }
  const core::MlpState<float>& l1TrainedState() const { return m_l1Trained; }
  const core::LabeledData& validationSet() const { return m_dense->validationSet(); }
  const core::MlpSpec& netSpec() const { return m_spec; }
  /// The net as it is now: the trained net pruned at the slider's sparsity, or fine-tuned from it.
  const core::Mlp& currentNet() const;
  /// The trained (or, while training, the current) net pruned at the slider's sparsity.
  const core::Mlp& prunedNet() const { return *m_eval; }
  int trainingEpoch() const { return m_dense->epoch(); }
  int fineTuneEpoch() const { return m_tune ? m_tune->epoch() : 0; }
  const core::PruneReport& report() const { return m_report; }
  /// The curve's sparsities (empty before training ends) and the accuracy of either net at each.
  const std::vector<double>& curveSparsity() const { return m_curveS; }
  const std::vector<double>& curveAccuracy(bool l1Net) const { return l1Net ? m_curveL1 : m_curveDense; }
  /// Share of the L1 net's weights at or below kZeroTolerance, and exactly 0.
  double l1Sparsity() const { return m_l1Sparsity; }
  double l1ExactSparsity() const { return m_l1Exact; }
  /// Validation accuracy of the trained, the pruned and the fine-tuned net (−1 before), and of the L1 net as
  /// trained and with its near-zero weights cut.
  double trainedAccuracy() const { return m_trainedAcc; }
  double prunedAccuracy() const { return m_prunedAcc; }
  double tunedAccuracy() const { return m_tunedAcc; }
  double l1Accuracy() const { return m_l1Acc; }
  double l1PrunedAccuracy() const { return m_l1PrunedAcc; }
  /// Fine-tuned results kept for this trained state: sparsity and accuracy.
  const std::vector<double>& tunedSparsities() const { return m_tunedS; }
  const std::vector<double>& tunedAccuracies() const { return m_tunedAccs; }
  /// Histogram inputs (log10|w| floored at kLogFloor, or w): the weights pruning acts on, kept and cut, and the L1
  /// net's.
  const std::vector<float>& keptWeights() const { return m_kept; }
  const std::vector<float>& prunedWeights() const { return m_pruned; }
  const std::vector<float>& l1Weights() const { return m_l1Weights; }
  /// Validation accuracy (%) per epoch: training (both nets), then fine-tuning (from the pruned net's accuracy at
  /// the last training epoch).
  const std::vector<double>& historyEpochs() const { return m_histEpoch; }
  const std::vector<double>& historyDense() const { return m_histDense; }
  const std::vector<double>& historyL1() const { return m_histL1; }
  const std::vector<double>& tuneEpochs() const { return m_tuneEpoch; }
  const std::vector<double>& tuneAccuracy() const { return m_tuneAcc; }
  /// The square [lo, hi]² shown: the data with a margin.
  const std::array<double, 2>& viewRange() const { return m_view; }
  /// P(class 1) on kGrid × kGrid points of viewRange(), row 0 at the bottom (NaN where the net is not finite).
  const std::vector<float>& boundaryGrid() const { return m_grid; }

 private:
  void endTraining();
  void computeCurves();
  bool checkDiverged(const core::Trainer& t);
  core::OptimizerSpec optimizerSpec() const;
  core::PruneScope scope() const { return m_p.scope ? core::PruneScope::PerLayer : core::PruneScope::Global; }
  double accuracyOf(core::Mlp& net, const core::MlpState<float>& state, double sparsity, core::PruneReport* report);

  Params m_p;
  Stage m_stage = Stage::Training;
  bool m_diverged = false;
  core::MlpSpec m_spec;
  std::unique_ptr<core::Trainer> m_dense, m_l1, m_tune;
  std::unique_ptr<core::Mlp> m_eval;     ///< the trained net pruned at the slider's sparsity
  std::unique_ptr<core::Mlp> m_scratch;  ///< for the curve and the boundary grid
  core::MlpState<float> m_trained, m_l1Trained;
  core::PruneReport m_report;
  double m_prunedAcc = 0.0, m_trainedAcc = 0.0, m_tunedAcc = -1.0;
  // The curve: computed once per trained state and scope.
  std::vector<double> m_curveS, m_curveDense, m_curveL1;
  double m_l1Sparsity = 0.0, m_l1Exact = 0.0, m_l1Acc = 0.0, m_l1PrunedAcc = 0.0;
  std::vector<double> m_tunedS, m_tunedAccs;
  std::vector<float> m_kept, m_pruned, m_l1Weights;
  std::vector<double> m_histEpoch, m_histDense, m_histL1, m_tuneEpoch, m_tuneAcc;
  size_t m_denseSeen = 0, m_tuneSeen = 0;
  std::vector<float> m_gridX, m_grid;
  std::array<double, 2> m_view = {-1.5, 1.5};
  bool m_boundaryDirty = true;
};

}  // namespace nr::app
