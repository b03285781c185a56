// nr::core::PolyFeatures: standardized training columns, the same scaling applied to new inputs, sane conditioning
// at degree 15 on a small range (against the raw Vandermonde matrix), and usable fits there.
#include <gtest/gtest.h>

#include <cmath>

#include "nr/elastic_net.h"
#include "nr/poly_features.h"
#include "nr/rng.h"

namespace {

using Eigen::MatrixXd;
using Eigen::VectorXd;
using namespace nr::core;

double conditionNumber(const MatrixXd& m) {
  Eigen::JacobiSVD<MatrixXd> svd(m);
  const VectorXd& s = svd.singularValues();
  return s[0] / s[s.size() - 1];
}

VectorXd inputs(int n, double lo, double hi, uint64_t seed) {
  Rng rng(seed);
  VectorXd x(n);
  for (int i = 0; i < n; ++i) x[i] = rng.uniform(lo, hi);
  return x;
}

TEST(PolyFeatures, TrainingColumnsAreStandardized) {
  const VectorXd x = inputs(40, 2.0, 5.0, 1);
  const PolyFeatures pf(x, 6);
  const MatrixXd f = pf.transform(x);
  ASSERT_EQ(f.rows(), 40);
  ASSERT_EQ(f.cols(), 6);
  for (int k = 0; k < 6; ++k) {
    EXPECT_NEAR(f.col(k).mean(), 0.0, 1e-13);
    EXPECT_NEAR(std::sqrt(f.col(k).array().square().mean()), 1.0, 1e-13);
  }
  // Column k holds the standardized power k+1 of u = (x − 3.5)/1.5 (here checked against a naive pow).
  const double u = (x[3] - pf.centre()) / pf.halfRange();
  EXPECT_NEAR(pf.centre(), 0.5 * (x.minCoeff() + x.maxCoeff()), 1e-15);
  EXPECT_NEAR(f(3, 4), (std::pow(u, 5) - pf.means()[4]) / pf.scales()[4], 1e-12);
}

TEST(PolyFeatures, NewInputsUseTheTrainingScaling) {
  const VectorXd x = inputs(20, -1.0, 1.0, 2);
  const PolyFeatures pf(x, 3);
  VectorXd t(2);
  t << x[0], 10.0;
  const MatrixXd f = pf.transform(t);
  EXPECT_EQ(f.row(0), pf.transform(x).row(0));
  const double u = (10.0 - pf.centre()) / pf.halfRange();
  EXPECT_NEAR(f(1, 2), (u * u * u - pf.means()[2]) / pf.scales()[2], 1e-10);
}

TEST(PolyFeatures, Degree15OnASmallRangeIsWellConditioned) {
  const VectorXd x = inputs(30, 0.0, 0.1, 3);
  MatrixXd raw(30, 15);
  for (int k = 0; k < 15; ++k) raw.col(k) = x.array().pow(k + 1).matrix();
  const MatrixXd f = PolyFeatures(x, 15).transform(x);
  const double condRaw = conditionNumber(raw), condOurs = conditionNumber(f);
  std::printf("[ degree 15, x in [0, 0.1] ] cond(raw powers) = %.3g, cond(standardized) = %.3g\n", condRaw, condOurs);
  EXPECT_GT(condRaw, 1e20);
  EXPECT_LT(condOurs, 1e12);
  // A lesson-like fit: noisy sin curve, a lasso path and ridge converge with the KKT conditions met.
  Rng rng(4);
  VectorXd y(30);
  for (int i = 0; i < 30; ++i) y[i] = std::sin(60.0 * x[i]) + 0.1 * rng.normal();
  for (double alpha : {1.0, 0.5}) {
    ElasticNetOptions opt;
    opt.alpha = alpha;
    const ElasticNetPath path = fitElasticNetPath(f, y, lambdaGrid(lambdaMax(f, y, alpha), 50, 1e-4), opt);
    EXPECT_TRUE(path.converged);
    for (double v : path.kktViolation) EXPECT_LE(v, 1e-9 * std::max(1.0, lambdaMax(f, y, alpha) * alpha));
  }
  ElasticNetOptions ridge;
  ridge.alpha = 0;
  const ElasticNetPath r = fitElasticNet(f, y, 1e-3, ridge);
  const VectorXd fitted = (f * r.coefs.row(0).transpose()).array() + r.intercepts[0];
  EXPECT_LT((fitted - y).norm() / std::sqrt(30.0), 0.2);
}

TEST(PolyFeatures, RejectsBadInput) {
  const VectorXd x = inputs(10, 0, 1, 5);
  EXPECT_THROW(PolyFeatures(x, 0), std::invalid_argument);
  EXPECT_THROW(PolyFeatures(x, 16), std::invalid_argument);
  EXPECT_THROW(PolyFeatures(VectorXd::Constant(5, 2.0), 3), std::invalid_argument);
  EXPECT_THROW(PolyFeatures(VectorXd::Constant(1, 2.0), 3), std::invalid_argument);
}

}  // namespace
