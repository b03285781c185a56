#pragma once
// weight-norm — w = g·v/‖v‖ (Salimans & Kingma 2016). Drag v and slide g: the direction of w follows v on the unit
// circle and its length is g. The gradient on a quadratic bowl splits into ∂L/∂g (along w) and ∂L/∂v (orthogonal
// to v, scaled by g/‖v‖), and descent paths in w, in (g, v) and with weight decay are drawn side by side.

#include <vector>

#include "lessons/lesson.h"
#include "lessons/weight_norm_model.h"
#include "widgets/canvas_layout.h"
#include "widgets/plot.h"

namespace nr::app {

class WeightNormLesson : public Lesson {
 public:
  using Params = WeightNormModel::Params;

  WeightNormLesson();
  void drawControls(LessonContext& ctx) override;
  void drawCanvas(LessonContext& ctx) override;
  void drawFormula(LessonContext& ctx) override;
  std::string formulaLatex() const override;
  void reset() override;
  nlohmann::json params() const override;
  void setParams(const nlohmann::json& j, std::vector<std::string>& warnings, std::vector<std::string>& errors) override;
  void interact(int frame) override;
  const std::vector<ParamSpec>& paramSpecs() const override { return table().specs(); }

  const Params& current() const { return m_p; }
  const WeightNormModel& model() const { return m_model; }
  /// The weight plane's data ↔ pixel transform of the last frame (tests drag v with it).
  const PlotTransform& spaceTransform() const { return m_space.transform(); }

 private:
  static const ParamTable<Params>& table();
  void recompute() { m_model.set(m_p); }
  void drawWeightSpace(LessonContext& ctx, ImVec2 size);
  void dragPoints(LessonContext& ctx);
  void drawNormPlot(LessonContext& ctx, ImVec2 size);
  void drawComparison(LessonContext& ctx);
  void drawSpaceLegend(LessonContext& ctx, float width);

  Params m_p;
  WeightNormModel m_model;
  std::vector<double> m_circleX, m_circleY;  ///< the unit circle, drawn dashed
  int m_drag = 0;  ///< 0 none, 1 the tip of v, 2 the optimum
  Plot m_space, m_norms;
  CanvasLayout m_layout;
};

}  // namespace nr::app
