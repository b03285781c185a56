#pragma once
// The numbers behind the feature-scaling lesson, without any ImGui: two correlated features of very different
// spread, the chosen scaling of them, the least-squares problem before and after (its eigenvalues, contours and a
// gradient-descent run at a fraction of its own largest stable rate), and one ridge λ on raw and on standardized
// features. The lesson draws these; the tests check them against closed forms and naive loops.

#include <Eigen/Dense>
#include <cstdint>
#include <vector>

#include "nr/feature_scaling.h"
#include "nr/quadratic_descent.h"

namespace nr::app {

class FeatureScalingModel {
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
    std::vector<double> px, py;               ///< the descent path, cut where it leaves the picture
  };

  /// Samples in the data set; row 0 is the outlier when it is on.
  static constexpr int kSamples = 60;
  /// Steps a descent run may take before it counts as "too slow" (the lesson says "> 200000").
  static constexpr int kMaxSteps = 200000;

  FeatureScalingModel() { set(Params{}); }
  /// New parameters: everything is recomputed.
  void set(const Params& p);
  const Params& params() const { return m_p; }

  /// The features (n × 2) before and after the chosen scaling, and the target.
  const Eigen::MatrixXd& rawFeatures() const { return m_x; }
  const Eigen::MatrixXd& scaledFeatures() const { return m_xs; }
  const Eigen::VectorXd& target() const { return m_y; }
  /// The chosen scaling (shift and scale per column) and standardization, fitted on the raw features.
  const core::ColumnScaling& scaling() const { return m_scaling; }
  const core::ColumnScaling& standardization() const { return m_std; }
  const View& rawView() const { return m_raw; }
  const View& scaledView() const { return m_scaled; }
  /// The ridge bars (effect of one sd of each feature): no penalty, ridge on raw, ridge on standardized features.
  const Eigen::VectorXd& olsEffects() const { return m_ols; }
  const Eigen::VectorXd& ridgeRawEffects() const { return m_ridgeRaw; }
  const Eigen::VectorXd& ridgeStdEffects() const { return m_ridgeStd; }
  /// Feature 1 after min-max scaling and after standardization (the histogram compares them).
  const std::vector<double>& minMaxFeature1() const { return m_histMinMax; }
  const std::vector<double>& standardFeature1() const { return m_histStd; }

 private:
  void makeData();
  void buildView(const Eigen::MatrixXd& x, View& v) const;

  Params m_p;
  Eigen::MatrixXd m_x, m_xs;  ///< raw and scaled features (n × 2)
  Eigen::VectorXd m_y;
  core::ColumnScaling m_scaling, m_std;
  View m_raw, m_scaled;
  Eigen::VectorXd m_ols, m_ridgeRaw, m_ridgeStd;  ///< in units of "effect of one standard deviation"
  std::vector<double> m_histMinMax, m_histStd;
};

}  // namespace nr::app
