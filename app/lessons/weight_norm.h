#pragma once
// weight-norm — w = g·v/‖v‖ (Salimans & Kingma 2016). Drag v and slide g: the direction of w follows v on the unit
// circle and its length is g. The gradient on a quadratic bowl splits into ∂L/∂g (along w) and ∂L/∂v (orthogonal
// to v, scaled by g/‖v‖), and descent paths in w, in (g, v) and with weight decay are drawn side by side.

#include <Eigen/Dense>
#include <vector>

#include "lessons/lesson.h"
#include "nr/quadratic_descent.h"
#include "nr/weight_norm.h"
#include "widgets/canvas_layout.h"
#include "widgets/plot.h"

namespace nr::app {

class WeightNormLesson : public Lesson {
 public:
  struct Params {
    float g = 0.8f;
    float vx = 2.0f, vy = -1.0f;
    float optX = 1.6f, optY = 1.2f;  ///< the bowl's optimum w*
    float elongation = 4.0f;         ///< a₁/a₂ of the bowl
    float angle = 30.0f;             ///< degrees
    float lr = 0.15f;
    int steps = 30;
    float decay = 0.3f;  ///< λ of the weight-decay path
  };

  WeightNormLesson();
  void drawControls(LessonContext& ctx) override;
  void drawCanvas(LessonContext& ctx) override;
  void drawFormula(LessonContext& ctx) override;
  std::string formulaLatex() const override;
  void reset() override;
  nlohmann::json params() const override;
  void setParams(const nlohmann::json& j, std::vector<std::string>& warnings, std::vector<std::string>& errors) override;
  void interact(int frame) override;
  int extremeSteps() const override { return 6; }
  void applyExtreme(int step) override;

  // For tests.
  const Params& current() const { return m_p; }
  const core::WeightNormPath& weightNormPath() const { return m_wn; }
  /// w = g·v/‖v‖, ∂L/∂g (the pink arrow is ∂L/∂g along w/‖w‖) and ∂L/∂v at the start, as drawn.
  const Eigen::Vector2d& weight() const { return m_w; }
  double gradG() const { return m_gradG; }
  const Eigen::Vector2d& gradV() const { return m_gradV; }
  /// The plain and the weight-decay descent paths, steps + 1 points each.
  const std::vector<Eigen::Vector2d>& plainPath() const { return m_plain; }
  const std::vector<Eigen::Vector2d>& decayPath() const { return m_decayPath; }
  const PlotTransform& spaceTransform() const { return m_space.transform(); }

 private:
  void recompute();
  void drawWeightSpace(LessonContext& ctx, ImVec2 size);
  void drawNormPlot(LessonContext& ctx, ImVec2 size);
  void drawComparison(LessonContext& ctx);

  Params m_p;
  core::QuadraticBowl m_q;
  Eigen::Vector2d m_v, m_w, m_gradW, m_gradV;
  double m_gradG = 0.0;
  std::vector<Eigen::Vector2d> m_plain, m_decayPath;
  core::WeightNormPath m_wn;
  // Plot buffers (borrowed by the plots): x/y of contours, paths and arrows; lengths over steps.
  std::vector<std::vector<double>> m_contourX, m_contourY;
  std::vector<double> m_circleX, m_circleY;
  std::vector<double> m_plainX, m_plainY, m_decayX, m_decayY, m_wnX, m_wnY;
  std::vector<double> m_plainLen, m_decayLen, m_wnLen;
  bool m_diverged = false;  ///< a descent path left the picture (drawn only until it did)
  bool m_pathDiverged[3] = {false, false, false};  ///< GD on w, GD on (g, v), GD with decay
  int m_drag = 0;  ///< 0 none, 1 the tip of v, 2 the optimum
  Plot m_space, m_norms;
  CanvasLayout m_layout;
  void drawSpaceLegend(LessonContext& ctx, float width);
};

}  // namespace nr::app
