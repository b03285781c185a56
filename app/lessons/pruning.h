#pragma once
// pruning — magnitude pruning of a trained network (train → prune → fine-tune). A sparsity slider zeroes the
// smallest |w|; the weight histogram shows the threshold, the accuracy-against-sparsity curve shows how much can go,
// fine-tuning with the mask kept wins accuracy back, and a second net trained with an L1 penalty shows the sparsity
// a penalty gives on its own.

#include <vector>

#include "lessons/boundary_image.h"
#include "lessons/lesson.h"
#include "lessons/pruning_model.h"
#include "lessons/training_pace.h"
#include "widgets/canvas_layout.h"
#include "widgets/plot.h"

namespace nr::app {

class PruningLesson : public Lesson {
 public:
  using Params = PruningModel::Params;
  using Stage = PruningModel::Stage;

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
  const std::vector<ParamSpec>& paramSpecs() const override { return table().specs(); }

  /// The Finish button: trains both nets to the end of the training phase (then prunes at the current sparsity).
  void finishTraining();
  /// Starts fine-tuning (from the pruned net) and runs `epochs` epochs of it now.
  void fineTune(int epochs);
  void setSparsity(double s);
  const PruningModel& model() const { return m_model; }

 private:
  static const ParamTable<Params>& table();
  /// Stops playing when a model call reports the end of a phase or a divergence.
  void stopIf(bool stop);
  void drawRunControls(LessonContext& ctx);
  void drawSettings(LessonContext& ctx);
  void drawHistogram(LessonContext& ctx, ImVec2 size);
  void drawHistogramThresholds(LessonContext& ctx);
  void drawCurve(LessonContext& ctx, ImVec2 size);
  void drawBoundary(LessonContext& ctx, ImVec2 size);
  void drawHistory(LessonContext& ctx, ImVec2 size);
  void drawRuleLines(LessonContext& ctx);

  PruningModel m_model;
  /// The controls' copy of the model's settings: a member, as the layout probe reads a slider's value after the frame.
  Params m_p;
  int m_framesSinceRefresh = 0;
  std::vector<double> m_pct, m_pctDense, m_pctL1, m_tunedPct, m_tunedAccPct;  ///< the model's curves in percent
  BoundaryImage m_boundary;
  Plot m_histPlot, m_curvePlot, m_historyPlot;
  CanvasLayout m_layout;
  TrainingPace m_pace{20.0};  ///< epochs per second while playing
};

}  // namespace nr::app
