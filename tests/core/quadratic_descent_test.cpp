// nr/quadratic_descent.h against closed forms and finite differences: the gradient by central differences, plain
// descent by (I − ηA)ᵗ, weight decay's fixed point (A + λI)⁻¹A·w*, and the weight-norm step by finite differences
// of L(g·v/‖v‖) with respect to g and v (independent of weightNormBackward).
#include "nr/quadratic_descent.h"

#include <gtest/gtest.h>

#include <cmath>

namespace {

using namespace nr::core;
using Eigen::Vector2d;

QuadraticBowl bowl() {
  QuadraticBowl q;
  q.optimum = {1.5, -0.5};
  q.a1 = 3.0;
  q.a2 = 0.4;
  q.angle = 0.6;
  return q;
}

TEST(QuadraticDescent, GradientMatchesFiniteDifferences) {
  const QuadraticBowl q = bowl();
  const Vector2d w(-0.7, 2.1);
  const double h = 1e-6;
  for (int i = 0; i < 2; ++i) {
    Vector2d e = Vector2d::Zero();
    e(i) = h;
    EXPECT_NEAR(q.grad(w)(i), (q.loss(w + e) - q.loss(w - e)) / (2 * h), 1e-7);
  }
  EXPECT_NEAR(q.hessian().eigenvalues().real().minCoeff(), 0.4, 1e-12);
  EXPECT_NEAR(q.hessian().eigenvalues().real().maxCoeff(), 3.0, 1e-12);
}

TEST(QuadraticDescent, LevelSetLiesOnTheLevel) {
  const QuadraticBowl q = bowl();
  for (const Vector2d& p : q.levelSet(0.8, 40)) EXPECT_NEAR(q.loss(p), 0.8, 1e-12);
}

TEST(QuadraticDescent, PlainDescentMatchesTheClosedForm) {
  const QuadraticBowl q = bowl();
  const Vector2d w0(-1.0, 2.0);
  const double lr = 0.3;
  const auto path = descendPlain(q, w0, lr, 12);
  ASSERT_EQ(path.size(), 13u);
  Eigen::Matrix2d m = Eigen::Matrix2d::Identity();
  const Eigen::Matrix2d step = Eigen::Matrix2d::Identity() - lr * q.hessian();
  for (int t = 0; t <= 12; ++t) {
    EXPECT_LT((path[t] - (q.optimum + m * (w0 - q.optimum))).norm(), 1e-12) << t;
    m = step * m;
  }
}

TEST(QuadraticDescent, WeightDecayConvergesToTheShrunkOptimum) {
  const QuadraticBowl q = bowl();
  const double lambda = 0.5;
  const auto path = descendPlain(q, Vector2d(2, 2), 0.2, 2000, lambda);
  const Eigen::Matrix2d a = q.hessian();
  const Vector2d fixed = (a + lambda * Eigen::Matrix2d::Identity()).ldlt().solve(a * q.optimum);
  EXPECT_LT((path.back() - fixed).norm(), 1e-9);
  EXPECT_LT(fixed.norm(), q.optimum.norm());
}

TEST(QuadraticDescent, WeightNormStepMatchesFiniteDifferences) {
  const QuadraticBowl q = bowl();
  const double g0 = 1.3, lr = 0.1, h = 1e-6;
  const Vector2d v0(0.8, 1.9);
  auto lossOf = [&](double g, const Vector2d& v) { return q.loss(g * v / v.norm()); };
  const double dg = (lossOf(g0 + h, v0) - lossOf(g0 - h, v0)) / (2 * h);
  Vector2d dv;
  for (int i = 0; i < 2; ++i) {
    Vector2d e = Vector2d::Zero();
    e(i) = h;
    dv(i) = (lossOf(g0, v0 + e) - lossOf(g0, v0 - e)) / (2 * h);
  }
  const WeightNormPath p = descendWeightNorm(q, g0, v0, lr, 3);
  ASSERT_EQ(p.w.size(), 4u);
  EXPECT_NEAR(p.g[1], g0 - lr * dg, 1e-8);
  EXPECT_LT((p.v[1] - (v0 - lr * dv)).norm(), 1e-8);
  EXPECT_NEAR(dv.dot(v0), 0.0, 1e-8) << "∂L/∂v is orthogonal to v";
  EXPECT_LT((p.w[0] - g0 * v0 / v0.norm()).norm(), 1e-15);
  EXPECT_NEAR(p.w[2].norm(), std::fabs(p.g[2]), 1e-12) << "the length of w is |g|";
  // ‖v‖ never shrinks under gradient steps (the update is orthogonal to v).
  const WeightNormPath long_ = descendWeightNorm(q, g0, v0, lr, 3000);
  for (size_t t = 1; t < long_.v.size(); ++t) EXPECT_GE(long_.v[t].norm(), long_.v[t - 1].norm() - 1e-12);
  EXPECT_LT((long_.w.back() - q.optimum).norm(), 1e-3) << "it still finds the optimum";
}

}  // namespace
