#pragma once
// deep-activations — a deep MLP (8 hidden layers by default) trained with plain SGD, watched layer by layer: the
// distribution of every layer's activations and the norm of every layer's weight gradient as it trains. Without
// normalization, sigmoid and tanh activations shrink or saturate with depth and the early layers' gradients vanish;
// BatchNorm or LayerNorm keep every layer's distribution in place and the gradient norms level.

#include <string>
#include <vector>

#include "lessons/deep_activations_model.h"
#include "lessons/lesson.h"
#include "lessons/training_pace.h"
#include "widgets/canvas_layout.h"
#include "widgets/plot.h"

namespace nr::app {

class DeepActivationsLesson : public Lesson {
 public:
  using Params = DeepActivationsModel::Params;

  DeepActivationsLesson();
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

  /// Trains `steps` SGD steps and probes (the Step button; tests); stops playing when the run diverges.
  void train(int steps);
  const DeepActivationsModel& model() const { return m_model; }

 private:
  static const ParamTable<Params>& table();
  void rebuild();
  /// Stops playing once the model reports a blown-up run.
  void stopIfDiverged();
  void drawRunControls(LessonContext& ctx);
  bool drawNetControls(LessonContext& ctx);
  void drawHeatStrip(LessonContext& ctx, ImVec2 size);
  void drawLossPlot(LessonContext& ctx, ImVec2 size);
  void drawGradientBars(LessonContext& ctx, ImVec2 size);
  void drawGradientHistory(LessonContext& ctx, ImVec2 size);
  ImU32 layerColor(int layer) const;

  Params m_p;
  DeepActivationsModel m_model;
  int m_framesSinceProbe = 0;
  std::vector<std::string> m_labels;  ///< legend labels of the norm history, kept alive until Plot::end()
  Plot m_barPlot, m_normPlot, m_lossPlot;
  std::vector<std::string> m_barLabels;  // "##l1", "##l2", ...: borrowed by m_barPlot until its end()
  CanvasLayout m_layout;
  TrainingPace m_pace{4.0};  ///< epochs per second while playing
};

}  // namespace nr::app
