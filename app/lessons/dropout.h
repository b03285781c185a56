#pragma once
// dropout — each training step trains a random sub-network: every hidden unit is kept with probability q. The
// lesson shows this step's mask on the network diagram, why the kept units are scaled (×1/q while training, or ×q
// at test time: the same expected activation), train vs eval output, the spread of an MC-dropout ensemble of K
// sampled sub-networks, and the loss curves of the same net trained with and without dropout.

#include <vector>

#include "lessons/dropout_model.h"
#include "lessons/lesson.h"
#include "lessons/training_pace.h"
#include "widgets/canvas_layout.h"
#include "widgets/plot.h"

namespace nr::app {

class DropoutLesson : public Lesson {
 public:
  using Params = DropoutModel::Params;

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
  const std::vector<ParamSpec>& paramSpecs() const override { return table().specs(); }

  /// The runs and everything computed from them (tests read it and train it directly).
  const DropoutModel& model() const { return m_model; }
  DropoutModel& model() { return m_model; }

 private:
  static const ParamTable<Params>& table();
  void rebuild(const Params& p);
  /// Trains `steps` steps and stops playing when the runs diverge.
  void train(int steps);
  void drawUnitTable(LessonContext& ctx);
  void drawNetworkPanel(LessonContext& ctx, ImVec2 size);
  void drawNetwork(LessonContext& ctx, ImVec2 size);
  void drawEdges(ImDrawList* dl, const float colX[4], float top, float bottom, float scale) const;
  void drawFit(LessonContext& ctx, ImVec2 size);
  void drawLoss(LessonContext& ctx, ImVec2 size);

  DropoutModel m_model;
  Params m_edit;  ///< what the controls edit, copied from the model each frame (the layout probe keeps its address)
  CanvasLayout m_layout;
  TrainingPace m_pace{20.0};  ///< epochs per second while playing
  int m_framesSinceRefresh = 0;
  Plot m_fitPlot, m_lossPlot;
};

}  // namespace nr::app
