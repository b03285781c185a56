#pragma once
// training-lab — a 2-D classification playground: train a small MLP live and switch regularizers on and off while
// it trains. The decision boundary, the train/validation curves and kept "ghost" runs show what each regularizer
// does to the fit and to the gap between training and validation loss.

#include <memory>
#include <vector>

#include "lessons/boundary_image.h"
#include "lessons/lesson.h"
#include "nr/trainer.h"
#include "lessons/training_pace.h"
#include "widgets/canvas_layout.h"
#include "widgets/plot.h"

namespace nr::app {

class TrainingLabLesson : public Lesson {
 public:
  struct Params {
    int dataset = 4;  ///< circle, xor, gaussians, spiral, moons
    float noise = 0.3f;
    int samples = 120;
    float validation = 0.3f;  ///< share of the samples held out
    int layers = 3, width = 16;
    int activation = 1;  ///< relu, tanh, sigmoid
    int optimizer = 3;   ///< sgd, momentum, adam, adamw
    double lr = 0.01;
    int batch = 16;
    double l1 = 0.0, l2 = 0.0, weightDecay = 0.0;
    float dropout = 0.0f;
    bool batchNorm = false;
    bool earlyStopping = false;
    int patience = 20;
    float inputNoise = 0.0f;
    int seed = 1;
    bool logScale = true;
    int pretrain = 0;  ///< epochs trained at once when a scene is loaded (a preset can open already trained)
  };

  TrainingLabLesson();
  ~TrainingLabLesson() override;
  void drawControls(LessonContext& ctx) override;
  void drawCanvas(LessonContext& ctx) override;
  void drawFormula(LessonContext& ctx) override;
  std::string formulaLatex() const override;
  void update(double dt) override;
  bool canPlay() const override { return true; }
  void reset() override;
  bool resetKeepsSettings() const override { return true; }
  nlohmann::json params() const override;
  bool noteShowsParam(const std::string& key) const override { return key != "patience" || m_p.earlyStopping; }
  void setParams(const nlohmann::json& j, std::vector<std::string>& warnings, std::vector<std::string>& errors) override;
  nlohmann::json benchStats() const override;
  void interact(int frame) override;
  int extremeSteps() const override { return 10; }
  void applyExtreme(int step) override;

  // For tests.
  const core::Trainer& trainer() const { return *m_trainer; }
  bool diverged() const { return m_diverged; }
  /// Trains `steps` steps now (tests, and the Step button runs one epoch).
  void train(int steps);
  /// The Keep button: the current run's curves become a dashed ghost (at most 4 are kept; Restart keeps them).
  void keepRun();
  /// The validation curve of kept run k (the ghost drawn on the loss plot), and how many are kept.
  const std::vector<double>& keptValidation(int k) const { return m_kept[k].validation; }
  int keptCount() const { return static_cast<int>(m_kept.size()); }

 private:
  struct AddedPoint {
    float x, y, label;
  };
  void mirrorHistory();
  void drawBoundary(LessonContext& ctx, ImVec2 size);
  void drawLoss(LessonContext& ctx, ImVec2 size);
  void drawAccuracy(LessonContext& ctx, ImVec2 size);
  void addPoint(float x, float y, float label);
  void clearPoints();
  nlohmann::json addedPointsJson() const;
  static bool readAddedPoints(const nlohmann::json& a, std::vector<AddedPoint>& out, std::vector<std::string>& errors);
  std::vector<AddedPoint> m_added;       ///< points clicked in: kept through Restart
  CanvasLayout m_layout;
  TrainingPace m_pace{15.0};             ///< epochs per second: the validation loss turns after a few seconds
  void rebuild();         ///< new data and a new network (data, architecture or seed changed)
  void applyLive();       ///< optimizer, penalties, dropout, early stopping: applied without a reset
  void refreshBoundary(); ///< the decision function on the grid
  void checkDiverged();
  core::MlpSpec netSpec() const;
  core::OptimizerSpec optimizerSpec() const;
  core::TrainerSpec trainerSpec() const;
  std::string runLabel() const;

  Params m_p;
  std::unique_ptr<core::Trainer> m_trainer;
  bool m_diverged = false;
  // The decision boundary: probabilities on a grid, drawn through a cached texture.
  static constexpr int kGrid = 64;
  std::vector<float> m_gridX, m_grid;
  double m_view[4] = {-1.5, 1.5, -1.5, 1.5};  ///< xmin, xmax, ymin, ymax of the picture
  int64_t m_boundaryStep = -1;
  BoundaryImage m_boundary;
  // Curves: the current run (per epoch) and kept runs drawn as ghosts.
  struct Run {
    std::string label;
    std::vector<double> epoch, train, validation;
  };
  std::vector<Run> m_kept;
  Run m_current;
  Plot m_lossPlot, m_accPlot;
  std::vector<double> m_accTrain, m_accVal;
  int64_t m_mirrorGeneration = -1;  ///< the trainer's history generation the curves above were copied from
  int m_framesSinceRefresh = 0;
};

}  // namespace nr::app
