#pragma once
// penalty-geometry — why L1 gives exact zeros and L2 does not. The same quadratic loss beside the L1 diamond, the
// L2 circle and a third ball (any Lp, L0, or the elastic net); in each, the exact penalized optimum where a loss
// contour touches the ball, and its path as λ grows. A Monte-Carlo count over random losses shows how often each
// penalty lands on an axis.

#include <array>
#include <vector>

#include "lessons/lesson.h"
#include "lessons/penalty_geometry_model.h"
#include "widgets/canvas_layout.h"
#include "widgets/plot.h"

namespace nr::app {

class PenaltyGeometryLesson : public Lesson {
 public:
  using Params = PenaltyGeometryModel::Params;

  PenaltyGeometryLesson();
  void drawControls(LessonContext& ctx) override;
  void drawCanvas(LessonContext& ctx) override;
  void drawFormula(LessonContext& ctx) override;
  std::string formulaLatex() const override;
  void update(double dt) override;
  bool canPlay() const override { return true; }
  void reset() override;
  nlohmann::json params() const override;
  bool noteShowsParam(const std::string& key) const override {
    if (key == "alpha") return m_p.third == 1;
    if (key == "p_infinity") return m_p.third == 0;
    if (key == "p") return m_p.third == 0 && !m_p.pInfinity;
    return true;
  }
  void setParams(const nlohmann::json& j, std::vector<std::string>& warnings, std::vector<std::string>& errors) override;
  void interact(int frame) override;
  const std::vector<ParamSpec>& paramSpecs() const override { return table().specs(); }

  const PenaltyGeometryModel& model() const { return m_model; }

 private:
  static const ParamTable<Params>& table();
  bool drawLossControls(LessonContext& ctx);
  bool drawThirdControls(LessonContext& ctx);
  void drawPanel(LessonContext& ctx, int k, ImVec2 size);
  void drawPlane(LessonContext& ctx, int k, const char* title, ImVec2 room);
  void dragOptimum(const PlotTransform& tf);
  void drawMonteCarlo(LessonContext& ctx, ImVec2 size);

  Params m_p;
  PenaltyGeometryModel m_model;
  std::vector<double> m_share;  ///< the Monte-Carlo bars (borrowed by the plot)
  Plot m_mcPlot;
  std::array<Plot, 3> m_plane;                           ///< L1, L2, the third ball
  std::array<std::vector<Eigen::Vector2d>, 7> m_contours;  ///< six loss levels and the touching one (borrowed)
  CanvasLayout m_layout;
};

}  // namespace nr::app
