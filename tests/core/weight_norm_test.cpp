// Weight normalization against its definition and against central finite differences.
#include "nr/weight_norm.h"

#include <gtest/gtest.h>

#include <cmath>

namespace nr::core {
namespace {

// A smooth non-quadratic loss with a known gradient.
double loss(const Eigen::MatrixXd& w, const Eigen::MatrixXd& t) {
  return 0.5 * (w - t).squaredNorm() + w.array().sin().sum();
}
Eigen::MatrixXd lossGrad(const Eigen::MatrixXd& w, const Eigen::MatrixXd& t) { return (w - t) + w.array().cos().matrix(); }

TEST(WeightNorm, LengthIsGAndDirectionIsV) {
  Eigen::MatrixXd v(2, 3);
  v << 3, 0, 4, -1, 2, 2;
  Eigen::VectorXd g(2);
  g << 2.5, -0.5;
  Eigen::MatrixXd w = weightNorm(g, v);
  EXPECT_NEAR(w.row(0).norm(), 2.5, 1e-15);
  EXPECT_NEAR(w.row(1).norm(), 0.5, 1e-15);
  EXPECT_NEAR(w(0, 0), 2.5 * 3 / 5, 1e-15);
  EXPECT_NEAR(w(1, 2), -0.5 * 2 / 3, 1e-15);
  EXPECT_THROW(weightNorm(g, Eigen::MatrixXd::Zero(2, 3)), std::invalid_argument);
}

TEST(WeightNorm, GradientsMatchFiniteDifferences) {
  std::srand(3);
  Eigen::MatrixXd v = Eigen::MatrixXd::Random(3, 4), t = Eigen::MatrixXd::Random(3, 4);
  Eigen::VectorXd g = Eigen::VectorXd::Random(3) * 2;
  WeightNormGrad grad = weightNormBackward(g, v, lossGrad(weightNorm(g, v), t));
  const double h = 1e-6;
  for (int r = 0; r < 3; ++r) {
    Eigen::VectorXd gp = g, gm = g;
    gp(r) += h;
    gm(r) -= h;
    const double fd = (loss(weightNorm(gp, v), t) - loss(weightNorm(gm, v), t)) / (2 * h);
    EXPECT_NEAR(grad.g(r), fd, 1e-8);
    for (int c = 0; c < 4; ++c) {
      Eigen::MatrixXd vp = v, vm = v;
      vp(r, c) += h;
      vm(r, c) -= h;
      const double fdv = (loss(weightNorm(g, vp), t) - loss(weightNorm(g, vm), t)) / (2 * h);
      EXPECT_NEAR(grad.v(r, c), fdv, 1e-8) << r << "," << c;
    }
    // The v-gradient is orthogonal to v: v's length cannot change w.
    EXPECT_NEAR(grad.v.row(r).dot(v.row(r)), 0.0, 1e-12);
  }
}

TEST(WeightNorm, VectorFormAgreesWithMatrixForm) {
  Eigen::VectorXd v(2), gw(2), gradV;
  v << 0.6, -0.8;
  gw << 1.0, 2.0;
  double gradG = 0;
  weightNormBackward(1.5, v, gw, gradG, gradV);
  EXPECT_NEAR(gradG, 0.6 * 1.0 - 0.8 * 2.0, 1e-15);  // ∇w · v/‖v‖ with ‖v‖ = 1
  Eigen::VectorXd w = weightNorm(1.5, v);
  EXPECT_NEAR(w(0), 0.9, 1e-15);
  EXPECT_NEAR(w(1), -1.2, 1e-15);
  // ∇v = g/‖v‖ (∇w − (∇w·u) u)
  EXPECT_NEAR(gradV(0), 1.5 * (1.0 - gradG * 0.6), 1e-14);
  EXPECT_NEAR(gradV(1), 1.5 * (2.0 + gradG * 0.8), 1e-14);
}

}  // namespace
}  // namespace nr::core
