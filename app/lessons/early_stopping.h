#pragma once
// early-stopping — a wide net overfits a dozen noisy points: the training loss keeps falling, the validation loss
// turns up. Early stopping watches the validation loss, waits `patience` epochs after the best one, stops, and goes
// back to the best weights. The lesson draws the patience window on the curve, the best and the stop epochs, the
// weight norm growing while the net overfits, and optionally keeps training past the stop ("what if we had not
// stopped").

#include <vector>

#include "lessons/early_stopping_model.h"
#include "lessons/lesson.h"
#include "lessons/training_pace.h"
#include "widgets/canvas_layout.h"
#include "widgets/plot.h"

namespace nr::app {

class EarlyStoppingLesson : public Lesson {
 public:
  using Params = EarlyStoppingModel::Params;

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
  const std::vector<ParamSpec>& paramSpecs() const override { return table().specs(); }

  /// The run, its curves and the monitor (tests read it and train it directly).
  const EarlyStoppingModel& model() const { return m_model; }
  EarlyStoppingModel& model() { return m_model; }

 private:
  static const ParamTable<Params>& table();
  void rebuild(const Params& p);
  /// Trains up to `epochs` epochs and stops playing when the run diverges.
  void train(int epochs);
  void drawFit(LessonContext& ctx, ImVec2 size);
  void drawLoss(LessonContext& ctx, ImVec2 size);
  void drawPatienceWindow(LessonContext& ctx, int n);
  void drawNorm(LessonContext& ctx, ImVec2 size);

  EarlyStoppingModel m_model;
  Params m_edit;  ///< what the controls edit, copied from the model each frame (the layout probe keeps its address)
  CanvasLayout m_layout;
  TrainingPace m_pace{30.0};  ///< epochs per second while playing
  double m_window[2] = {0, 0}, m_windowLo[2] = {0, 0}, m_windowHi[2] = {0, 0};  ///< the patience band
  Plot m_fitPlot, m_lossPlot, m_normPlot;
};

}  // namespace nr::app
