// penalty-geometry's model without a GUI: its optima against the optimality conditions written out by hand (A built
// here from the angle and axes, not taken from core), the general-p optimum against brute force, the balls through
// the optima, the λ paths and their cache, and the Monte-Carlo count replayed loss by loss.
#include <gtest/gtest.h>

#include <array>
#include <cmath>

#include "lessons/penalty_geometry_model.h"
#include "nr/lp_geometry.h"
#include "nr/rng.h"

namespace nr::app {
namespace {

using Params = PenaltyGeometryModel::Params;

PenaltyGeometryModel modelAt(const Params& p) {
  PenaltyGeometryModel m;
  m.set(p);
  return m;
}

/// A = R·diag(1/a₁², 1/a₂²)·Rᵀ from the lesson's sliders: axes √ratio and 1/√ratio, rotated by the angle.
Eigen::Matrix2d lossMatrix(const Params& p) {
  const double c = std::cos(double(p.angle)), s = std::sin(double(p.angle));
  Eigen::Matrix2d r;
  r << c, -s, s, c;
  const Eigen::Vector2d inv(1.0 / p.axisRatio, double(p.axisRatio));
  return r * inv.asDiagonal() * r.transpose();
}

Eigen::Vector2d wStar(const Params& p) { return Eigen::Vector2d(p.optimumX, p.optimumY); }

double loss(const Params& p, const Eigen::Vector2d& w) {
  const Eigen::Vector2d d = w - wStar(p);
  return 0.5 * d.dot(lossMatrix(p) * d);
}

TEST(PenaltyGeometryModel, L1GivesAnExactZeroWhereL2DoesNot) {
  PenaltyGeometryModel m;  // the defaults: λ 0.4, w* (1.6, 0.7), angle 0.5, ratio 2.5
  EXPECT_EQ(m.optimum(0).w.y(), 0.0);  // exactly
  EXPECT_GT(m.optimum(0).w.x(), 0.0);
  EXPECT_NE(m.optimum(1).w.x(), 0.0);
  EXPECT_NE(m.optimum(1).w.y(), 0.0);
  // λ = 0: every penalty returns w*.
  Params p;
  p.lambda = 0.0;
  m.set(p);
  for (int k = 0; k < 3; ++k) EXPECT_NEAR((m.optimum(k).w - Eigen::Vector2d(1.6, 0.7)).norm(), 0.0, 1e-6) << k;
}

TEST(PenaltyGeometryModel, OptimaSatisfyTheirOptimalityConditions) {
  // ∇loss = A(w − w*). L1: ∇loss_j + λ·sign(w_j) = 0 where w_j ≠ 0, |∇loss_j| ≤ λ where w_j = 0. L2 (P = ½‖w‖²):
  // ∇loss + λw = 0. Elastic net: ∇loss_j + λ(α·s_j + (1−α)w_j) = 0 with s_j the subgradient of |w_j|.
  for (const double lambda : {0.05, 0.4, 1.3, 4.0})
    for (const float angle : {-2.0f, 0.5f, 1.2f})
      for (const float alpha : {0.0f, 0.3f, 1.0f}) {
        Params p;
        p.lambda = lambda, p.angle = angle, p.alpha = alpha, p.third = PenaltyGeometryModel::kElasticNet;
        p.optimumX = -1.1f, p.optimumY = 1.9f, p.axisRatio = 4.0f;
        const PenaltyGeometryModel m = modelAt(p);
        const Eigen::Matrix2d a = lossMatrix(p);
        for (int k : {0, 2}) {
          const double l1 = k == 0 ? 1.0 : alpha, l2 = k == 0 ? 0.0 : 1.0 - alpha;
          const Eigen::Vector2d w = m.optimum(k).w;
          const Eigen::Vector2d g = a * (w - wStar(p)) + lambda * l2 * w;
          for (int j = 0; j < 2; ++j) {
            if (w(j) != 0.0)
              EXPECT_NEAR(g(j) + lambda * l1 * (w(j) > 0 ? 1.0 : -1.0), 0.0, 1e-9) << lambda << " " << k << " " << j;
            else
              EXPECT_LE(std::abs(g(j)), lambda * l1 + 1e-12) << lambda << " " << k << " " << j;
          }
        }
        // L2: one linear solve, (A + λI)w = Aw*.
        const Eigen::Vector2d ridge = (a + lambda * Eigen::Matrix2d::Identity()).inverse() * (a * wStar(p));
        EXPECT_NEAR((m.optimum(1).w - ridge).norm(), 0.0, 1e-12);
        EXPECT_NEAR(m.optimum(1).loss, loss(p, ridge), 1e-12);
      }
}

TEST(PenaltyGeometryModel, GeneralPOptimumIsTheBruteForceMinimum) {
  // loss + λ(1/p)Σ|w_i|^p on a 0.01 grid over [−3, 3]², refined 12 times around the best point, with the axes tried
  // exactly (a p < 1 optimum sits on one).
  for (const float pp : {0.5f, 1.5f, 3.0f}) {
    Params p;
    p.p = pp;
    p.lambda = 0.8;
    const PenaltyGeometryModel m = modelAt(p);
    auto objective = [&](double x, double y) {
      return loss(p, Eigen::Vector2d(x, y)) + p.lambda * (std::pow(std::abs(x), pp) + std::pow(std::abs(y), pp)) / pp;
    };
    double best = INFINITY, bx = 0, by = 0;
    for (int i = -300; i <= 300; ++i)
      for (int j = -300; j <= 300; ++j)
        if (const double f = objective(i * 0.01, j * 0.01); f < best) best = f, bx = i * 0.01, by = j * 0.01;
    double step = 0.01;
    for (int round = 0; round < 12; ++round) {
      step /= 4;
      const double cx = bx, cy = by;
      for (int i = -20; i <= 20; ++i)
        for (int j = -20; j <= 20; ++j) {
          const double x = i == 0 && std::abs(cx) < 50 * step ? 0.0 : cx + i * step;
          const double y = j == 0 && std::abs(cy) < 50 * step ? 0.0 : cy + j * step;
          if (const double f = objective(x, y); f < best) best = f, bx = x, by = y;
        }
    }
    const Eigen::Vector2d w = m.optimum(2).w;
    EXPECT_NEAR(w.x(), bx, 1e-6) << "p " << pp;
    EXPECT_NEAR(w.y(), by, 1e-6) << "p " << pp;
    EXPECT_LE(objective(w.x(), w.y()), best + 1e-10) << "p " << pp;
  }
}

TEST(PenaltyGeometryModel, EachBallPassesThroughItsOptimum) {
  // Every drawn point of the ball has the optimum's penalty: ‖b‖₁ = ‖ŵ‖₁, ‖b‖₂ = ‖ŵ‖₂, ‖b‖_p = ‖ŵ‖_p, and for the
  // elastic net α‖b‖₁ + (1−α)/2‖b‖² = the same at ŵ.
  for (const float pp : {0.6f, 3.0f}) {
    Params p;
    p.p = pp;
    const PenaltyGeometryModel m = modelAt(p);
    auto norm = [](const Eigen::Vector2d& w, double q) {
      return std::pow(std::pow(std::abs(w.x()), q) + std::pow(std::abs(w.y()), q), 1.0 / q);
    };
    const double qs[3] = {1.0, 2.0, pp};
    for (int k = 0; k < 3; ++k) {
      ASSERT_FALSE(m.ball(k).empty());
      const double r = norm(m.optimum(k).w, qs[k]);
      for (const Eigen::Vector2d& b : m.ball(k)) EXPECT_NEAR(norm(b, qs[k]), r, 1e-9 * (1 + r)) << k;
    }
  }
  Params p;
  p.third = PenaltyGeometryModel::kElasticNet;
  p.alpha = 0.3f;
  const PenaltyGeometryModel m = modelAt(p);
  auto en = [&](const Eigen::Vector2d& w) { return p.alpha * w.lpNorm<1>() + 0.5 * (1 - p.alpha) * w.squaredNorm(); };
  ASSERT_EQ(m.ball(2).size(), 129u);
  for (const Eigen::Vector2d& b : m.ball(2)) EXPECT_NEAR(en(b), en(m.optimum(2).w), 1e-12);
  // L0: no ball to draw (the panel draws the axes).
  p.third = PenaltyGeometryModel::kLp;
  p.p = 0.0f;
  EXPECT_TRUE(modelAt(p).ball(2).empty());
}

TEST(PenaltyGeometryModel, PathsRunFromTheLossOptimumAndAreKeptWhileOnlyLambdaMoves) {
  Params p;
  p.third = PenaltyGeometryModel::kElasticNet;
  PenaltyGeometryModel m = modelAt(p);
  const int before = m.pathComputations();
  for (int k = 0; k < 3; ++k) {
    ASSERT_EQ(m.path(k).size(), 81u);
    EXPECT_EQ(m.path(k)[0], wStar(p));
    // The last point is the optimum at λ = 10, the right end of the slider.
    Params end = p;
    end.lambda = 10.0;
    EXPECT_NEAR((m.path(k).back() - modelAt(end).optimum(k).w).norm(), 0.0, 1e-12) << k;
  }
  // L1's path ends on an axis and stays there; L2's only shrinks.
  EXPECT_EQ(m.path(0).back().y(), 0.0);
  EXPECT_NE(m.path(1).back().y(), 0.0);
  for (double lambda : {0.01, 0.3, 2.0}) {
    p.lambda = lambda;
    m.set(p);
  }
  EXPECT_EQ(m.pathComputations(), before) << "moving λ reuses the paths";
  p.angle = 1.0f;
  m.set(p);
  EXPECT_EQ(m.pathComputations(), before + 1);
  p.third = PenaltyGeometryModel::kLp;
  p.p = 0.7f;
  m.set(p);
  EXPECT_EQ(m.path(2).size(), 25u) << "a general p: a coarser path";
}

TEST(PenaltyGeometryModel, MonteCarloShowsL1SparserThanElasticNetSparserThanL2) {
  Params p;
  p.lambda = 0.5, p.third = PenaltyGeometryModel::kElasticNet, p.alpha = 0.5f;
  PenaltyGeometryModel m;
  m.set(p);
  // Changing λ restarted the count (with a first 300 samples at the new λ); moving w* does not.
  EXPECT_EQ(m.samples(), 300);
  p.optimumX = -1.0f;
  m.set(p);
  EXPECT_EQ(m.samples(), 300);
  m.sampleMonteCarlo(2000);
  EXPECT_EQ(m.samples(), 2300);
  const auto& s = m.sparseCounts();
  EXPECT_GT(s[0], s[2]);
  EXPECT_GT(s[2], s[1]);
  EXPECT_LT(s[1], 20);  // L2 lands on an axis only by accident
  EXPECT_DOUBLE_EQ(m.share(0), double(s[0]) / 2300);
  m.clearCounts();
  EXPECT_EQ(m.samples(), 0);
  EXPECT_EQ(m.share(0), 0.0);
}

// The first count is the same on every compiler (GCC for the desktop, clang for the web edition): replayed here
// with the draws in their documented order — the optimum's x, then y, then the angle and the elongation.
TEST(PenaltyGeometryModel, MonteCarloIsTheSameOnEveryCompiler) {
  const PenaltyGeometryModel m;
  const double lambda = m.params().lambda, alpha = m.params().alpha;
  core::Rng rng(12345);
  std::array<int64_t, 3> sparse{0, 0, 0};
  for (int i = 0; i < 300; ++i) {
    core::Quadratic2 q;
    const double x = rng.uniform(-2, 2);
    const double y = rng.uniform(-2, 2);
    q.optimum = Eigen::Vector2d(x, y);
    q.angle = rng.uniform(0, 3.141592653589793);
    const double ratio = rng.uniform(1, 6);
    q.axis1 = std::sqrt(ratio);
    q.axis2 = 1 / std::sqrt(ratio);
    const Eigen::Vector2d w1 = core::penalizedOptimum(q, 1.0, lambda).w;
    const Eigen::Vector2d w2 = core::penalizedOptimum(q, 2.0, lambda).w;
    const Eigen::Vector2d we = core::elasticNetOptimum(q, lambda, alpha).w;
    sparse[0] += (w1.x() == 0.0 || w1.y() == 0.0);
    sparse[1] += (w2.x() == 0.0 || w2.y() == 0.0);
    sparse[2] += (we.x() == 0.0 || we.y() == 0.0);
  }
  EXPECT_EQ(m.samples(), 300);
  EXPECT_EQ(m.sparseCounts(), sparse);
}

}  // namespace
}  // namespace nr::app
