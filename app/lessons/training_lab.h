#pragma once
// training-lab — a 2-D classification playground: train a small MLP live and switch regularizers on and off while
// it trains. The decision boundary, the train/validation curves and kept "ghost" runs show what each regularizer
// does to the fit and to the gap between training and validation loss.

#include <vector>

#include "lessons/boundary_image.h"
#include "lessons/lesson.h"
#include "lessons/training_lab_model.h"
#include "lessons/training_pace.h"
#include "widgets/canvas_layout.h"
#include "widgets/plot.h"

namespace nr::app {

class TrainingLabLesson : public Lesson {
 public:
  using Params = TrainingLabModel::Params;

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
  const std::vector<ParamSpec>& paramSpecs() const override { return table().specs(); }

  const TrainingLabModel& model() const { return m_model; }
  /// Trains `steps` steps now (tests, and the Step button runs one epoch); a divergence stops Play.
  void train(int steps);
  /// The Keep button: the current run's curves become a dashed ghost (at most 4 are kept; Restart keeps them).
  void keepRun();

 private:
  static const ParamTable<Params>& table();
  static bool readAddedPoints(const nlohmann::json& a, std::vector<TrainingLabModel::AddedPoint>& out,
                              std::vector<std::string>& errors);
  nlohmann::json addedPointsJson() const;
  void rebuild();          ///< new data and a new network (data, architecture or seed changed)
  void applyLive();        ///< optimizer, penalties, dropout, early stopping: applied without a reset
  void refreshBoundary();  ///< the decision function on the grid, into the texture
  void stopIfDiverged();
  void clearPoints();

  void drawRunButtons(LessonContext& ctx);
  /// The data and network sections; true when the run must be rebuilt.
  bool drawDataAndNetControls(LessonContext& ctx);
  /// The optimizer and regularizer sections; true when they changed (applied live).
  bool drawTrainingControls(LessonContext& ctx);
  void drawBoundary(LessonContext& ctx, ImVec2 size);
  void drawLoss(LessonContext& ctx, ImVec2 size);
  void drawAccuracy(LessonContext& ctx, ImVec2 size);

  Params m_p;
  TrainingLabModel m_model;
  CanvasLayout m_layout;
  TrainingPace m_pace{15.0};  ///< epochs per second: the validation loss turns after a few seconds
  BoundaryImage m_boundary;   ///< the model's decision function, drawn through a cached texture
  Plot m_lossPlot, m_accPlot;
  int m_framesSinceRefresh = 0;
};

}  // namespace nr::app
