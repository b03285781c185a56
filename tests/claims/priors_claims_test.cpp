// priors' try-this steps: narrowing the prior moves both MAPs along the drawn paths to 0, the Laplace one onto an
// axis (w₂ exactly 0) while w₁ is still large, the Gaussian one shrinking w₁ more; the solver's MAP and the
// posterior's own maximum agree to rounding; more data (n 10 → 200) brings the MAP back to the least-squares estimate.
#include <cmath>
#include <cstdio>

#include "claims/claims.h"
#include "lessons/priors.h"

namespace nr::app {
namespace {

using claims::expectStepSays;
using claims::load;

constexpr int L = PriorsModel::kLaplace, G = PriorsModel::kGaussian;

TEST(PriorsTry, Step1_NarrowingMovesBothMapsToZeroLaplaceHitsTheAxisFirst) {
  PriorsLesson l;
  load(l, {{"prior_std", 10.0}});
  const Eigen::Vector2d mle = l.model().mle();
  for (int k : {L, G}) EXPECT_LT((l.model().estimate(k).solver - mle).norm(), 0.01 * mle.norm()) << "s = 10: at the MLE";
  double zeroAt = -1, w1AtZero = 0, gaussianMoreFrom = 0, gaussianMoreTo = 0;
  // s from 10 down to 0.05 through the path's own prior stds (100·10^(−4i/160)), so each MAP is a drawn path point.
  for (int i = 40; i <= 132; ++i) {
    const double s = 100.0 * std::pow(0.01 / 100.0, double(i) / 160);
    load(l, {{"prior_std", s}});
    for (int k : {L, G}) {
      ASSERT_EQ(l.model().path(k).size(), 162u);
      EXPECT_LT((l.model().estimate(k).solver - l.model().path(k)[i + 1]).norm(), 1e-12) << "s = " << s << ": the MAP is on its path";
    }
    const Eigen::Vector2d wl = l.model().estimate(L).solver, wg = l.model().estimate(G).solver;
    if (zeroAt < 0 && wl.y() == 0.0) zeroAt = s, w1AtZero = wl.x();
    if (zeroAt > 0) {
      EXPECT_EQ(wl.y(), 0.0) << "s = " << s << ": the Laplace MAP stays on the axis";
    }
    EXPECT_FALSE(wg.x() == 0.0 || wg.y() == 0.0) << "s = " << s << ": the Gaussian MAP only shrinks";
    // Where the Gaussian MAP's w₁ is the smaller one: one stretch of s.
    if (std::abs(wg.x()) < std::abs(wl.x())) {
      if (gaussianMoreFrom == 0) gaussianMoreFrom = s;
      EXPECT_EQ(gaussianMoreTo, 0.0) << "a second stretch at s = " << s;
    } else if (gaussianMoreFrom > 0 && gaussianMoreTo == 0) {
      gaussianMoreTo = s;
    }
  }
  load(l, {{"prior_std", 0.05}});
  std::printf("MLE (%.3f, %.3f); Laplace w₂ = 0 from s = %.3g with w₁ = %.3f; Gaussian w₁ smaller from s = %.3g until "
              "s = %.3g; at s = 0.05: Laplace (%.3g, %.3g), Gaussian (%.3g, %.3g)\n",
              mle.x(), mle.y(), zeroAt, w1AtZero, gaussianMoreFrom, gaussianMoreTo, l.model().estimate(L).solver.x(),
              l.model().estimate(L).solver.y(), l.model().estimate(G).solver.x(), l.model().estimate(G).solver.y());
  ASSERT_GT(zeroAt, 0.05) << "the Laplace MAP reaches the axis within the sweep";
  EXPECT_GT(std::abs(w1AtZero), 0.5 * std::abs(mle.x())) << "w₁ is still large when w₂ becomes 0";
  // "From s ≈ 1.6 down to 0.07": the first s (on the path's grid, steps of 6 %) where the Gaussian w₁ is smaller,
  // and the first where it no longer is.
  EXPECT_NEAR(gaussianMoreFrom, 1.6, 0.1);
  EXPECT_NEAR(gaussianMoreTo, 0.07, 0.01);
  for (int k : {L, G}) EXPECT_LT(l.model().estimate(k).solver.norm(), 0.1 * mle.norm()) << "s = 0.05: near 0";
  EXPECT_EQ(l.model().estimate(L).solver, Eigen::Vector2d(0, 0));
  expectStepSays(l, 1, "en", "from 10 down to 0.05");
  expectStepSays(l, 1, "zh", "从 10 拖到 0.05");
  expectStepSays(l, 1, "en", "from s ≈ 1.6 down to 0.07");
  expectStepSays(l, 1, "zh", "从约 1.6 降到 0.07");
}

TEST(PriorsTry, Step2_SolverAndPosteriorMaximumAgreeToRounding) {
  PriorsLesson l;
  double worst = 0;
  for (double s : {10.0, 3.0, 1.0, 0.3, 0.15, 0.05}) {
    load(l, {{"prior_std", s}});
    for (int k : {L, G}) {
      const auto& e = l.model().estimate(k);
      const double scale = std::max(1.0, e.solver.cwiseAbs().maxCoeff());
      worst = std::max(worst, e.difference / scale);
      EXPECT_EQ(e.difference, (e.solver - e.direct).cwiseAbs().maxCoeff());
    }
  }
  std::printf("largest |Δ| over the slider: %.2g\n", worst);
  // "about 1e-15": a few units of double rounding, no more.
  EXPECT_LT(worst, 1e-14);
  expectStepSays(l, 2, "en", "1e-15");
  expectStepSays(l, 2, "zh", "1e-15");
}

TEST(PriorsTry, Step3_MoreDataLowersLambdaNarrowsTheLikelihoodAndTheMapReturnsToTheMle) {
  PriorsLesson l;
  load(l, {{"prior_std", 0.3}, {"n", 10}});
  auto widestAxis = [&] {  // the likelihood's widest semi-axis: σ/√(smallest eigenvalue of XᵀX)
    const Eigen::Matrix2d g = l.model().x().transpose() * l.model().x();
    return l.model().params().noise / std::sqrt(Eigen::SelfAdjointEigenSolver<Eigen::Matrix2d>(g).eigenvalues().minCoeff());
  };
  const double lambda10 = l.model().estimate(L).lambda, axis10 = widestAxis();
  double gap10[2], gap200[2];
  for (int k : {L, G}) gap10[k] = (l.model().estimate(k).solver - l.model().mle()).norm() / l.model().mle().norm();
  load(l, {{"n", 200}});
  EXPECT_DOUBLE_EQ(l.model().estimate(L).lambda, lambda10 / 20) << "λ = σ²/(n·b)";
  const double axis200 = widestAxis();
  EXPECT_LT(axis200, 0.5 * axis10);
  for (int k : {L, G}) gap200[k] = (l.model().estimate(k).solver - l.model().mle()).norm() / l.model().mle().norm();
  std::printf("likelihood axis %.3f → %.3f; |MAP − MLE|/|MLE|: Laplace %.3f → %.3f, Gaussian %.3f → %.3f\n", axis10,
              axis200, gap10[L], gap200[L], gap10[G], gap200[G]);
  for (int k : {L, G}) {
    EXPECT_LT(gap200[k], 0.5 * gap10[k]) << k;
    EXPECT_LT(gap200[k], 0.1) << "with 200 points the prior hardly matters";
  }
  expectStepSays(l, 3, "en", "from 10 to 200");
  expectStepSays(l, 3, "zh", "从 10 增大到 200");
}

}  // namespace
}  // namespace nr::app
