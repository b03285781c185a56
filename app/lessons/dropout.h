#pragma once
// dropout — each training step trains a random sub-network: every hidden unit is kept with probability q. The
// lesson shows this step's mask on the network diagram, why the kept units are scaled (×1/q while training, or ×q
// at test time: the same expected activation), train vs eval output, the spread of an MC-dropout ensemble of K
// sampled sub-networks, and the loss curves of the same net trained with and without dropout.

#include <array>
#include <memory>
#include <vector>

#include "lessons/lesson.h"
#include "nr/trainer.h"
#include "lessons/training_pace.h"
#include "widgets/canvas_layout.h"
#include "widgets/plot.h"

namespace nr::app {

class DropoutLesson : public Lesson {
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
    int pretrain = 0;   ///< epochs trained at once when a scene is loaded
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

  DropoutLesson();
  ~DropoutLesson() override;
  void drawControls(LessonContext& ctx) override;
  void drawCanvas(LessonContext& ctx) override;
  void drawFormula(LessonContext& ctx) override;
  std::string formulaLatex() const override;
  void update(double dt) override;
  bool canPlay() const override { return true; }
  void reset() override;
  bool resetKeepsSettings() const override { return true; }
  nlohmann::json params() const override;
  void setParams(const nlohmann::json& j, std::vector<std::string>& warnings, std::vector<std::string>& errors) override;
  void interact(int frame) override;
  int extremeSteps() const override { return 8; }
  void applyExtreme(int step) override;

  // For tests (and the Step buttons).
  const Params& p() const { return m_p; }
  /// Trains both runs `steps` steps in lock step (stops at divergence or kMaxEpochs).
  void train(int steps);
  bool diverged() const { return m_diverged; }
  const core::Trainer& run(int i) const { return *m_runs[i]; }
  /// Recomputes the curves, the ensemble and the probe numbers from the current weights (done when drawn).
  void refresh();
  /// The grid x values, the eval curves (0: with dropout, 1: without), the ensemble's mean and standard deviation.
  const std::vector<float>& gridX() const { return m_gridX; }
  const std::vector<double>& evalCurve(int run) const { return m_eval[run]; }
  const std::vector<double>& ensembleMean() const { return m_mean; }
  const std::vector<double>& ensembleStd() const { return m_std; }
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
  /// The mask the diagram shows (as of the last refresh()): the last step's first sample, layer 0 then 1.
  const std::vector<float>& shownMask() const { return m_stepMask; }

 private:
  void drawNetworkPanel(LessonContext& ctx, ImVec2 size);
  void drawFit(LessonContext& ctx, ImVec2 size);
  void drawLoss(LessonContext& ctx, ImVec2 size);
  CanvasLayout m_layout;
  TrainingPace m_pace{20.0};             ///< epochs per second while playing
  void rebuild();
  void applyKeep();
  void checkDiverged();
  void collectCurves();
  void drawNetwork(LessonContext& ctx, ImVec2 size);

  Params m_p;
  std::array<std::unique_ptr<core::Trainer>, 2> m_runs;  ///< with dropout, without
  bool m_diverged = false;
  double m_targetVar = 1.0;  ///< variance of the training targets: the loss of predicting their mean
  int64_t m_refreshedStep = -1;
  int m_framesSinceRefresh = 0;
  std::vector<float> m_gridX;
  std::vector<double> m_truth;  ///< sin(3x) on the grid
  std::array<std::vector<double>, 2> m_eval;
  std::vector<double> m_mean, m_std, m_lo, m_hi;
  std::vector<std::vector<float>> m_masks;        ///< K ensemble masks
  std::vector<std::vector<double>> m_members;     ///< the first few members' curves, drawn thin
  std::vector<float> m_stepMask;                  ///< last step's mask of the batch's first sample (layers 0, 1)
  UnitNumbers m_unit;
  double m_probeTrain = 0.0, m_probeMean = 0.0, m_probeStd = 0.0;
  // Curves per epoch: train and validation data loss, run 0 and run 1.
  std::vector<double> m_epoch;
  std::array<std::vector<double>, 2> m_trainLoss, m_valLoss;
  Plot m_fitPlot, m_lossPlot;
};

}  // namespace nr::app
