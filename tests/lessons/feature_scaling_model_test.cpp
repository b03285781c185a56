// feature-scaling's model without a GUI, against independent computations: naive column loops for the scalings and
// the Hessian, the 2×2 eigenvalue closed form, the plain update w ← w − η(Hw − b) for the descent path, a 2×2 inverse
// for OLS and ridge, and the loss itself on every contour point.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "lessons/feature_scaling_model.h"

namespace nr::app {
namespace {

using Model = FeatureScalingModel;

Model::Params with(float ratio, int method, bool outlier = false) {
  Model::Params p;
  p.ratio = ratio;
  p.method = method;
  p.outlier = outlier;
  return p;
}

/// Naive centred second moments of columns (a, b) of x and y: H = X_cᵀX_c/n and g = X_cᵀy_c/n, in plain loops.
void naiveMoments(const Eigen::MatrixXd& x, const Eigen::VectorXd& y, double h[2][2], double g[2]) {
  const int n = static_cast<int>(x.rows());
  double mx[2] = {0, 0}, my = 0;
  for (int i = 0; i < n; ++i) mx[0] += x(i, 0), mx[1] += x(i, 1), my += y(i);
  mx[0] /= n, mx[1] /= n, my /= n;
  for (int a = 0; a < 2; ++a) {
    g[a] = 0;
    for (int b = 0; b < 2; ++b) {
      h[a][b] = 0;
      for (int i = 0; i < n; ++i) h[a][b] += (x(i, a) - mx[a]) * (x(i, b) - mx[b]) / n;
    }
    for (int i = 0; i < n; ++i) g[a] += (x(i, a) - mx[a]) * (y(i) - my) / n;
  }
}

/// (H + λI)⁻¹g by the 2×2 inverse.
Eigen::Vector2d solve2(const double h[2][2], const double g[2], double lambda) {
  const double a = h[0][0] + lambda, b = h[0][1], d = h[1][1] + lambda, det = a * d - b * b;
  return Eigen::Vector2d((d * g[0] - b * g[1]) / det, (a * g[1] - b * g[0]) / det);
}

TEST(FeatureScalingModel, ScalingsHaveTheirDefiningPropertiesByNaiveLoops) {
  for (const int method : {Model::kMinMax, Model::kStandard, Model::kRobust}) {
    SCOPED_TRACE(method);
    Model m;
    m.set(with(20.0f, method, true));
    const Eigen::MatrixXd& xs = m.scaledFeatures();
    ASSERT_EQ(xs.rows(), Model::kSamples);
    for (int c = 0; c < 2; ++c) {
      std::vector<double> col(xs.col(c).data(), xs.col(c).data() + xs.rows());
      double lo = col[0], hi = col[0], mean = 0, ss = 0;
      for (double v : col) lo = std::min(lo, v), hi = std::max(hi, v), mean += v;
      mean /= double(col.size());
      for (double v : col) ss += (v - mean) * (v - mean);
      if (method == Model::kMinMax) {
        EXPECT_NEAR(lo, 0.0, 1e-12);
        EXPECT_NEAR(hi, 1.0, 1e-12);
      } else if (method == Model::kStandard) {
        EXPECT_NEAR(mean, 0.0, 1e-12);
        EXPECT_NEAR(std::sqrt(ss / double(col.size())), 1.0, 1e-12);
      } else {  // median 0: as many values below as above (n even: the two middle ones straddle 0)
        int below = 0;
        for (double v : col) below += v < 0;
        EXPECT_EQ(below, Model::kSamples / 2);
      }
    }
  }
  // The outlier is row 0, 12 sd out on feature 1.
  Model m;
  m.set(with(20.0f, Model::kStandard, true));
  EXPECT_DOUBLE_EQ(m.rawFeatures()(0, 0), 14.0);
}

TEST(FeatureScalingModel, EigenvaluesStableRateAndDescentFollowTheNaiveProblem) {
  for (const bool scaled : {false, true}) {
    SCOPED_TRACE(scaled ? "scaled" : "raw");
    Model m;
    const Model::View& v = scaled ? m.scaledView() : m.rawView();
    double h[2][2], g[2];
    naiveMoments(scaled ? m.scaledFeatures() : m.rawFeatures(), m.target(), h, g);
    // λ = (tr ± √(tr² − 4 det))/2 of the symmetric 2×2 Hessian.
    const double tr = h[0][0] + h[1][1], det = h[0][0] * h[1][1] - h[0][1] * h[1][0];
    const double root = std::sqrt(tr * tr / 4 - det);
    EXPECT_NEAR(v.lambdaMax, tr / 2 + root, 1e-9 * (tr / 2 + root));
    EXPECT_NEAR(v.lambdaMin, tr / 2 - root, 1e-7 * (tr / 2 + root));
    EXPECT_NEAR(v.stableRate, 2.0 / (tr / 2 + root), 1e-9 * v.stableRate);
    EXPECT_NEAR(v.lr, 0.9 * v.stableRate, 1e-6 * v.stableRate);  // lrFraction is a float 0.9
    // The first steps of the path: w ← w − η(Hw − g) from 0, by hand.
    Eigen::Vector2d w(0, 0);
    ASSERT_GE(v.run.path.size(), 4u);
    for (size_t t = 0; t < 4; ++t) {
      EXPECT_NEAR((v.run.path[t] - w).norm(), 0.0, 1e-9 * (1 + w.norm())) << "step " << t;
      const Eigen::Vector2d grad(h[0][0] * w(0) + h[0][1] * w(1) - g[0], h[1][0] * w(0) + h[1][1] * w(1) - g[1]);
      w -= v.lr * grad;
    }
    const Eigen::Vector2d opt = solve2(h, g, 0.0);
    EXPECT_NEAR((v.ls.optimum - opt).norm(), 0.0, 1e-9 * opt.norm());
  }
}

TEST(FeatureScalingModel, ContoursAreLevelSetsOfTheLoss) {
  Model m;
  for (const Model::View* v : {&m.rawView(), &m.scaledView()}) {
    const double top = v->ls.loss(Eigen::VectorXd::Zero(2)) - v->ls.minLoss;
    ASSERT_EQ(v->cx.size(), 7u);
    for (size_t k = 0; k < v->cx.size(); ++k) {
      const double level = top * std::pow(0.4, double(k));
      ASSERT_FALSE(v->cx[k].empty());
      for (size_t i = 0; i < v->cx[k].size(); ++i) {
        const double above = v->ls.loss(Eigen::Vector2d(v->cx[k][i], v->cy[k][i])) - v->ls.minLoss;
        EXPECT_NEAR(above, level, 1e-6 * top) << "contour " << k << " point " << i;
      }
    }
  }
}

TEST(FeatureScalingModel, RidgeBarsAreTheTwoByTwoSolvesInUnitsOfOneSd) {
  Model::Params p;
  p.lambda = 0.7f;
  Model m;
  m.set(p);
  const Eigen::MatrixXd& x = m.rawFeatures();
  double h[2][2], g[2];
  naiveMoments(x, m.target(), h, g);
  double sd[2];
  for (int c = 0; c < 2; ++c) sd[c] = std::sqrt(h[c][c]);
  const Eigen::Vector2d ols = solve2(h, g, 0.0), raw = solve2(h, g, p.lambda);
  // Standardized features: H_jk/(sd_j sd_k), g_j/sd_j.
  double hs[2][2], gs[2];
  for (int a = 0; a < 2; ++a) {
    gs[a] = g[a] / sd[a];
    for (int b = 0; b < 2; ++b) hs[a][b] = h[a][b] / (sd[a] * sd[b]);
  }
  const Eigen::Vector2d onStd = solve2(hs, gs, p.lambda);
  for (int j = 0; j < 2; ++j) {
    EXPECT_NEAR(m.olsEffects()(j), ols(j) * sd[j], 1e-9 * (1 + std::fabs(ols(j) * sd[j])));
    EXPECT_NEAR(m.ridgeRawEffects()(j), raw(j) * sd[j], 1e-9 * (1 + std::fabs(raw(j) * sd[j])));
    EXPECT_NEAR(m.ridgeStdEffects()(j), onStd(j), 1e-9 * (1 + std::fabs(onStd(j))));
  }
}

TEST(FeatureScalingModel, ScaledDescentIsFasterAndAboveTheStableRateBothDiverge) {
  Model m;
  m.set(with(50.0f, Model::kRobust, true));
  m.set(Model::Params{});
  const auto& raw = m.rawView().run;
  const auto& scaled = m.scaledView().run;
  ASSERT_GT(raw.stepsToConverge, 0);
  ASSERT_GT(scaled.stepsToConverge, 0);
  EXPECT_GT(raw.stepsToConverge, 10 * scaled.stepsToConverge);
  Model::Params p;
  p.lrFraction = 1.1f;
  m.set(p);
  EXPECT_TRUE(m.rawView().run.diverged);
  EXPECT_TRUE(m.scaledView().run.diverged);
}

}  // namespace
}  // namespace nr::app
