#pragma once
// early-stopping — a wide net overfits a dozen noisy points: the training loss keeps falling, the validation loss
// turns up. Early stopping watches the validation loss, waits `patience` epochs after the best one, stops, and goes
// back to the best weights. The lesson draws the patience window on the curve, the best and the stop epochs, the
// weight norm growing while the net overfits, and optionally keeps training past the stop ("what if we had not
// stopped").

#include <memory>
#include <vector>

#include "lessons/lesson.h"
#include "nr/early_stopping.h"
#include "nr/trainer.h"
#include "lessons/training_pace.h"
#include "widgets/canvas_layout.h"
#include "widgets/plot.h"

namespace nr::app {

class EarlyStoppingLesson : public Lesson {
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
    int pretrain = 0;          ///< epochs trained at once when a scene is loaded
  };

  static constexpr int kMaxEpochs = 800;  ///< the story is told by then; later Adam only polishes noise
  static constexpr int kGrid = 121;

  EarlyStoppingLesson();
  ~EarlyStoppingLesson() override;
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
  int extremeSteps() const override { return 7; }
  void applyExtreme(int step) override;

  // For tests (and the Step buttons).
  const Params& p() const { return m_p; }
  void setPatience(int patience, double minDelta);
  /// Trains up to `epochs` epochs (stops at the early stop unless continueAfter, at divergence, at kMaxEpochs).
  void train(int epochs);
  bool diverged() const { return m_diverged; }
  const core::Trainer& trainer() const { return *m_trainer; }
  const core::EarlyStopping& monitor() const { return m_monitor; }
  /// The validation data loss of every epoch so far.
  const std::vector<double>& validationCurve() const { return m_val; }
  /// The net with the best epoch's weights (what restore-best gives), and its validation loss and ‖W‖ evaluated now.
  core::Mlp& bestNet() { return *m_bestNet; }
  double restoredValidationLoss() const { return m_restoredVal; }
  double restoredWeightNorm() const { return m_restoredNorm; }

 private:
  void drawFit(LessonContext& ctx, ImVec2 size);
  void drawLoss(LessonContext& ctx, ImVec2 size);
  void drawNorm(LessonContext& ctx, ImVec2 size);
  CanvasLayout m_layout;
  TrainingPace m_pace{30.0};             ///< epochs per second while playing
  void rebuild();
  void record();          ///< new epochs → curves, running-minimum snapshots, the monitor
  void replayMonitor();   ///< the monitor from the recorded curve (patience or min delta changed)
  void refreshBest();     ///< the best net from its snapshot, its curve and numbers
  void refreshLatest();   ///< the current net's curve
  void checkDiverged();
  bool halted() const;    ///< nothing more to train

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
  double m_window[2] = {0, 0}, m_windowLo[2] = {0, 0}, m_windowHi[2] = {0, 0};  ///< the patience band
  Plot m_fitPlot, m_lossPlot, m_normPlot;
};

}  // namespace nr::app
