#pragma once
// feature-scaling — min-max vs standardization vs robust scaling, and why scale matters: the least-squares contours
// of raw features are long thin valleys where gradient descent zig-zags and crawls, those of scaled features are
// nearly round; and the same ridge λ penalizes a small-scale feature far more than a large-scale one.

#include <Eigen/Dense>
#include <vector>

#include "lessons/lesson.h"
#include "nr/feature_scaling.h"
#include "nr/quadratic_descent.h"
#include "widgets/canvas_layout.h"
#include "widgets/plot.h"

namespace nr::app {

class FeatureScalingLesson : public Lesson {
 public:
  enum Method { kMinMax, kStandard, kRobust, kMethodCount };

  struct Params {
    float ratio = 20.0f;  ///< spread of feature 2 relative to feature 1
    bool outlier = false;
    int method = kStandard;
    float lrFraction = 0.9f;  ///< η as a fraction of each problem's largest stable rate 2/λ_max
    float lambda = 1.0f;      ///< ridge λ, the same for raw and standardized features
    int seed = 1;
  };

  /// One least-squares view (raw or scaled): the problem, its contours and a descent run from w = 0.
  struct View {
    core::LeastSquares ls;
    core::QuadraticBowl bowl;  ///< the same loss as a bowl, for its level sets
    core::DescentRun run;
    double stableRate = 0.0, lr = 0.0, lambdaMin = 0.0, lambdaMax = 0.0;
    std::vector<std::vector<double>> cx, cy;  ///< contour polylines
    std::vector<double> px, py;               ///< the descent path
  };

  FeatureScalingLesson();
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
  const View& rawView() const { return m_raw; }
  const View& scaledView() const { return m_scaled; }
  /// The features (n × 2) before and after the chosen scaling; row 0 is the outlier when it is on.
  const Eigen::MatrixXd& rawFeatures() const { return m_x; }
  const Eigen::MatrixXd& scaledFeatures() const { return m_xs; }
  /// The ridge bars (effect of one sd of each feature): no penalty, ridge on raw, ridge on standardized features.
  const Eigen::VectorXd& olsEffects() const { return m_ols; }
  const Eigen::VectorXd& ridgeRawEffects() const { return m_ridgeRaw; }
  const Eigen::VectorXd& ridgeStdEffects() const { return m_ridgeStd; }

 private:
  void recompute();
  void buildView(const Eigen::MatrixXd& x, View& v) const;
  void drawScatter(LessonContext& ctx, ImVec2 size, bool scaled);
  void drawHistogram(LessonContext& ctx, ImVec2 size);
  void drawContours(LessonContext& ctx, ImVec2 size, bool scaled);
  void drawRidge(LessonContext& ctx, ImVec2 size);

  Params m_p;
  Eigen::MatrixXd m_x, m_xs;  ///< raw and scaled features (n × 2)
  Eigen::VectorXd m_y;
  core::ColumnScaling m_scaling, m_std;
  View m_raw, m_scaled;
  Eigen::VectorXd m_ols, m_ridgeRaw, m_ridgeStd;  ///< in units of "effect of one standard deviation"
  std::vector<double> m_rawX1, m_rawX2, m_sX1, m_sX2, m_histMinMax, m_histStd;
  double m_outX[2] = {0, 0}, m_outY[2] = {0, 0};  ///< the outlier, raw and scaled
  Plot m_rawScatter, m_scaledScatter, m_hist, m_rawContour, m_scaledContour, m_ridgePlot;
  CanvasLayout m_layout;
};

}  // namespace nr::app
