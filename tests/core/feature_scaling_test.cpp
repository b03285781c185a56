// nr/feature_scaling.h against independent computations: numpy's quantile values, naive column loops, least squares
// solved by QR (with an explicit intercept column and as an augmented ridge system), and gradient descent's error
// written in the eigenbasis of H, e_t = Σ (1 − ηλ_i)ᵗ (q_iᵀe₀) q_i.
#include "nr/feature_scaling.h"

#include <gtest/gtest.h>

#include <cmath>

#include "nr/rng.h"

namespace {

using namespace nr::core;

void makeData(Eigen::MatrixXd& x, Eigen::VectorXd& y, double scale2) {
  Rng rng(5);
  const int n = 40;
  x.resize(n, 2);
  y.resize(n);
  for (int i = 0; i < n; ++i) {
    const double z1 = rng.normal(), z2 = rng.normal();
    x(i, 0) = 2.0 + z1;
    x(i, 1) = 50.0 + scale2 * (0.6 * z1 + 0.8 * z2);
    y(i) = 3.0 + 2.0 * z1 - 1.0 * (0.6 * z1 + 0.8 * z2) + 0.3 * rng.normal();
  }
}

TEST(FeatureScaling, QuantileMatchesNumpy) {
  // numpy.quantile([1, 2, 3, 4], [0.25, 0.5, 0.75]) = [1.75, 2.5, 3.25]; [7, 1, 3] at 0.5 = 3.
  EXPECT_DOUBLE_EQ(quantile({4, 1, 3, 2}, 0.25), 1.75);
  EXPECT_DOUBLE_EQ(quantile({4, 1, 3, 2}, 0.5), 2.5);
  EXPECT_DOUBLE_EQ(quantile({4, 1, 3, 2}, 0.75), 3.25);
  EXPECT_DOUBLE_EQ(quantile({7, 1, 3}, 0.5), 3.0);
  EXPECT_DOUBLE_EQ(quantile({5}, 0.9), 5.0);
}

TEST(FeatureScaling, ScalersGiveTheirDefiningProperties) {
  Eigen::MatrixXd x;
  Eigen::VectorXd y;
  makeData(x, y, 20.0);
  x(0, 0) = 30.0;  // an outlier
  const Eigen::MatrixXd mm = applyScaling(x, fitScaling(x, Scaling::MinMax));
  const Eigen::MatrixXd st = applyScaling(x, fitScaling(x, Scaling::Standard));
  const Eigen::MatrixXd rb = applyScaling(x, fitScaling(x, Scaling::Robust));
  for (int j = 0; j < 2; ++j) {
    EXPECT_NEAR(mm.col(j).minCoeff(), 0.0, 1e-12);
    EXPECT_NEAR(mm.col(j).maxCoeff(), 1.0, 1e-12);
    double m = 0, v = 0;
    for (int i = 0; i < st.rows(); ++i) m += st(i, j);
    m /= st.rows();
    for (int i = 0; i < st.rows(); ++i) v += (st(i, j) - m) * (st(i, j) - m);
    EXPECT_NEAR(m, 0.0, 1e-12);
    EXPECT_NEAR(v / st.rows(), 1.0, 1e-12);  // population variance, ddof = 0
    std::vector<double> col(rb.rows());
    for (int i = 0; i < rb.rows(); ++i) col[i] = rb(i, j);
    EXPECT_NEAR(quantile(col, 0.5), 0.0, 1e-12);
    EXPECT_NEAR(quantile(col, 0.75) - quantile(col, 0.25), 1.0, 1e-12);
  }
  // The outlier squeezes the other min-max values into a sliver near 0; the robust scale ignores it.
  double mmRest = 0;
  for (int i = 1; i < mm.rows(); ++i) mmRest = std::max(mmRest, mm(i, 0));
  EXPECT_LT(mmRest, 0.3);
  Eigen::MatrixXd c(3, 1);
  c << 2, 2, 2;
  EXPECT_EQ(fitScaling(c, Scaling::Standard).scale(0), 1.0) << "a constant column keeps scale 1";
}

TEST(FeatureScaling, CenteredLeastSquaresEqualsAFitWithIntercept) {
  Eigen::MatrixXd x;
  Eigen::VectorXd y;
  makeData(x, y, 20.0);
  const LeastSquares ls = centeredLeastSquares(x, y);
  Eigen::MatrixXd a(x.rows(), 3);
  a << Eigen::VectorXd::Ones(x.rows()), x;
  const Eigen::VectorXd beta = a.colPivHouseholderQr().solve(y);
  EXPECT_LT((ls.optimum - beta.tail(2)).norm(), 1e-10);
  const double rss = (y - a * beta).squaredNorm() / (2.0 * x.rows());
  EXPECT_NEAR(ls.minLoss, rss, 1e-10);
  // The gradient by central differences.
  const Eigen::VectorXd w(Eigen::Vector2d(0.3, -0.2));
  for (int i = 0; i < 2; ++i) {
    Eigen::VectorXd e = Eigen::VectorXd::Zero(2);
    e(i) = 1e-6;
    EXPECT_NEAR(ls.grad(w)(i), (ls.loss(w + e) - ls.loss(w - e)) / 2e-6, 1e-5);
  }
}

TEST(FeatureScaling, DescentFollowsTheEigenbasisClosedForm) {
  Eigen::MatrixXd x;
  Eigen::VectorXd y;
  makeData(x, y, 5.0);
  const LeastSquares ls = centeredLeastSquares(x, y);
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> es(ls.hessian);
  const double lr = 0.8 * 2.0 / es.eigenvalues().maxCoeff();
  const Eigen::VectorXd w0 = Eigen::VectorXd::Zero(2);
  const DescentRun run = gradientDescent(ls, w0, lr, 50, 1e-3, 200000);
  const Eigen::VectorXd c0 = es.eigenvectors().transpose() * (w0 - ls.optimum);
  int expected = -1;
  for (int t = 0; t <= 200000; ++t) {
    Eigen::VectorXd ct(2);
    for (int i = 0; i < 2; ++i) ct(i) = std::pow(1.0 - lr * es.eigenvalues()(i), t) * c0(i);
    const Eigen::VectorXd et = es.eigenvectors() * ct;
    if (t < static_cast<int>(run.path.size())) {
      EXPECT_LT((run.path[t] - ls.optimum - et).norm(), 1e-9) << t;
    }
    if (t > 0 && et.norm() <= 1e-3 * c0.norm()) {
      expected = t;
      break;
    }
  }
  EXPECT_EQ(run.stepsToConverge, expected);
  EXPECT_FALSE(run.diverged);
}

TEST(FeatureScaling, StableRateIsTwoOverTheLargestEigenvalue) {
  Eigen::MatrixXd x;
  Eigen::VectorXd y;
  makeData(x, y, 20.0);
  const LeastSquares ls = centeredLeastSquares(x, y);
  const Eigen::Matrix2d h = ls.hessian;
  const double tr = h.trace(), det = h.determinant();
  const double lmax = tr / 2 + std::sqrt(tr * tr / 4 - det);  // 2×2 closed form
  EXPECT_NEAR(largestStableRate(ls.hessian), 2.0 / lmax, 1e-12 * (2.0 / lmax));
  const Eigen::VectorXd w0 = Eigen::VectorXd::Zero(2);
  EXPECT_FALSE(gradientDescent(ls, w0, 0.99 * 2.0 / lmax, 10, 1e-3, 2000000).diverged);
  EXPECT_TRUE(gradientDescent(ls, w0, 1.01 * 2.0 / lmax, 10, 1e-3, 2000000).diverged);
  // Standardizing makes the problem far better conditioned: fewer steps at the same fraction of the stable rate.
  const Eigen::MatrixXd xs = applyScaling(x, fitScaling(x, Scaling::Standard));
  const LeastSquares ss = centeredLeastSquares(xs, y);
  const int raw = gradientDescent(ls, w0, 0.9 * largestStableRate(ls.hessian), 0, 1e-3, 2000000).stepsToConverge;
  const int std_ = gradientDescent(ss, w0, 0.9 * largestStableRate(ss.hessian), 0, 1e-3, 2000000).stepsToConverge;
  EXPECT_GT(raw, 20 * std_);
}

TEST(FeatureScaling, RidgeMatchesTheAugmentedSystem) {
  Eigen::MatrixXd x;
  Eigen::VectorXd y;
  makeData(x, y, 20.0);
  const LeastSquares ls = centeredLeastSquares(x, y);
  const double lambda = 0.7, n = static_cast<double>(x.rows());
  // min ‖y_c − X_c w‖² + nλ‖w‖²  ⇔  least squares on [X_c; √(nλ) I], [y_c; 0].
  const Eigen::MatrixXd xc = x.rowwise() - x.colwise().mean();
  Eigen::MatrixXd a(x.rows() + 2, 2);
  a << xc, std::sqrt(n * lambda) * Eigen::MatrixXd::Identity(2, 2);
  Eigen::VectorXd b(x.rows() + 2);
  b << (y.array() - y.mean()).matrix(), Eigen::VectorXd::Zero(2);
  EXPECT_LT((ridge(ls, lambda) - a.colPivHouseholderQr().solve(b)).norm(), 1e-10);
  EXPECT_LT((ridge(ls, 0.0) - ls.optimum).norm(), 1e-10);
}

}  // namespace
