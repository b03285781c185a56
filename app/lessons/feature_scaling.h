#pragma once
// feature-scaling — min-max vs standardization vs robust scaling, and why scale matters: the least-squares contours
// of raw features are long thin valleys where gradient descent zig-zags and crawls, those of scaled features are
// nearly round; and the same ridge λ penalizes a small-scale feature far more than a large-scale one.

#include <vector>

#include "lessons/feature_scaling_model.h"
#include "lessons/lesson.h"
#include "widgets/canvas_layout.h"
#include "widgets/plot.h"

namespace nr::app {

class FeatureScalingLesson : public Lesson {
 public:
  using Params = FeatureScalingModel::Params;
  using View = FeatureScalingModel::View;

  FeatureScalingLesson();
  void drawControls(LessonContext& ctx) override;
  void drawCanvas(LessonContext& ctx) override;
  void drawFormula(LessonContext& ctx) override;
  std::string formulaLatex() const override;
  void reset() override;
  nlohmann::json params() const override;
  void setParams(const nlohmann::json& j, std::vector<std::string>& warnings, std::vector<std::string>& errors) override;
  void interact(int frame) override;
  const std::vector<ParamSpec>& paramSpecs() const override { return table().specs(); }

  const FeatureScalingModel& model() const { return m_model; }

 private:
  static const ParamTable<Params>& table();
  /// The model at m_p, and the plot buffers drawn from it.
  void recompute();
  bool drawMethodChoice(LessonContext& ctx);
  void drawScatter(LessonContext& ctx, ImVec2 size, bool scaled);
  void drawHistogram(LessonContext& ctx, ImVec2 size);
  void drawContours(LessonContext& ctx, ImVec2 size, bool scaled);
  void drawRidge(LessonContext& ctx, ImVec2 size);

  Params m_p;
  FeatureScalingModel m_model;
  std::vector<double> m_rawX1, m_rawX2, m_sX1, m_sX2;  ///< the features' columns, for the scatter plots
  double m_outX[2] = {0, 0}, m_outY[2] = {0, 0};      ///< the outlier, raw and scaled
  Plot m_rawScatter, m_scaledScatter, m_hist, m_rawContour, m_scaledContour, m_ridgePlot;
  CanvasLayout m_layout;
};

}  // namespace nr::app
