#pragma once
// pruning — magnitude pruning of a trained network (train → prune → fine-tune). A sparsity slider zeroes the
// smallest |w|; the weight histogram shows the threshold, the accuracy-against-sparsity curve shows how much can go,
// fine-tuning with the mask kept wins accuracy back, and a second net trained with an L1 penalty shows the sparsity
// a penalty gives on its own.

#include <memory>
#include <vector>

#include "lessons/boundary_image.h"
#include "lessons/lesson.h"
#include "nr/pruning.h"
#include "nr/trainer.h"
#include "lessons/training_pace.h"
#include "widgets/canvas_layout.h"
#include "widgets/plot.h"

namespace nr::app {

class PruningLesson : public Lesson {
 public:
  struct Params {
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
  enum class Stage { Training, Pruned, FineTuning, FineTuned };
  /// Sparsities of the accuracy-against-sparsity curve.
  static std::vector<double> curveSparsities();
  /// |w| at or below this counts as "zero" for the L1 net (a subgradient method never lands on exactly 0).
  static constexpr double kZeroTolerance = 1e-2;
  /// The log-|w| histogram draws log₁₀|w| below this (exact zeros included) in its first bin.
  static constexpr double kLogFloor = -5.0;

  PruningLesson();
  ~PruningLesson() override;
  void drawControls(LessonContext& ctx) override;
  void drawCanvas(LessonContext& ctx) override;
  void drawFormula(LessonContext& ctx) override;
  std::string formulaLatex() const override;
  void update(double dt) override;
  bool canPlay() const override { return true; }
  void reset() override;
  nlohmann::json params() const override;
  void setParams(const nlohmann::json& j, std::vector<std::string>& warnings, std::vector<std::string>& errors) override;
  void interact(int frame) override;
  int extremeSteps() const override { return 6; }
  void applyExtreme(int step) override;

  // For tests and the Step button.
  /// Trains both nets to the end of the training phase (then prunes at the current sparsity).
  void finishTraining();
  /// Starts fine-tuning (from the pruned net) and runs `epochs` epochs of it now.
  void fineTune(int epochs);
  void setSparsity(double s);
  Stage stage() const { return m_stage; }
  bool diverged() const { return m_diverged; }
  const core::MlpState<float>& trainedState() const { return m_trained; }
  const core::LabeledData& validationSet() const { return m_dense->validationSet(); }
  const core::MlpSpec& netSpec() const { return m_spec; }
  /// The net as it is now: the trained net pruned at the slider's sparsity, or fine-tuned from it.
  const core::Mlp& currentNet() const;
  const core::PruneReport& report() const { return m_report; }
  const std::vector<double>& curveAccuracy(bool l1Net) const { return l1Net ? m_curveL1 : m_curveDense; }
  double l1Sparsity() const { return m_l1Sparsity; }
  /// Validation accuracy after fine-tuning (−1 before), and of the trained and the pruned net.
  double tunedAccuracy() const { return m_tunedAcc; }
  double prunedAccuracy() const { return m_prunedAcc; }
  double l1PrunedAccuracy() const { return m_l1PrunedAcc; }

 private:
  void rebuild();
  void trainFor(double budgetSeconds, int maxEpochs, int maxSteps = 1 << 30);
  void endTraining();
  void prune();  ///< the trained (or, while training, the current) weights at the slider's sparsity
  void computeCurves();
  void checkDiverged(const core::Trainer& t);
  void collectHistory();
  void refreshBoundary();
  core::OptimizerSpec optimizerSpec() const;
  double accuracyOf(core::Mlp& net, const core::MlpState<float>& state, double sparsity, core::PruneReport* report);
  void startFineTune();
  void drawHistogram(LessonContext& ctx, ImVec2 size);
  void drawCurve(LessonContext& ctx, ImVec2 size);
  void drawBoundary(LessonContext& ctx, ImVec2 size);
  void drawHistory(LessonContext& ctx, ImVec2 size);

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
  std::vector<double> m_tunedS, m_tunedAccs;  ///< fine-tuned results kept for this trained state
  std::vector<double> m_pct, m_pctDense, m_pctL1, m_tunedPct, m_tunedAccPct;  ///< the same in percent, for plots
  // Histogram inputs (log10|w| or w): the weights pruning acts on, split into kept and pruned, and the L1 net's.
  std::vector<float> m_kept, m_pruned, m_l1Weights;
  // Validation accuracy per epoch: training (both nets), then fine-tuning.
  std::vector<double> m_histEpoch, m_histDense, m_histL1, m_tuneEpoch, m_tuneAcc;
  size_t m_denseSeen = 0, m_tuneSeen = 0;
  // Decision boundary of the current net.
  static constexpr int kGrid = 48;
  std::vector<float> m_gridX, m_grid;
  double m_view[2] = {-1.5, 1.5};
  bool m_boundaryDirty = true;
  int m_framesSinceRefresh = 0;
  BoundaryImage m_boundary;
  Plot m_histPlot, m_curvePlot, m_historyPlot;
  CanvasLayout m_layout;
  TrainingPace m_pace{20.0};  ///< epochs per second while playing
};

}  // namespace nr::app
