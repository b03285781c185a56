// The priors lesson's numbers against references that use nothing from nr::core: the negative log posterior summed
// row by row from the lesson's data, minimized by brute force (a grid, then ever finer grids around the best
// point), its optimality conditions (subgradient / gradient), and the λ ↔ prior-width mapping in closed form.
#include <gtest/gtest.h>

#include <cmath>
#include <memory>

#include "lessons/priors.h"
#include "nr/elastic_net.h"

namespace nr::app {
namespace {

/// −log p(w|y) + const, straight from the rows: Σ(yᵢ − xᵢᵀw)²/(2σ²) + ‖w‖₁/b (Laplace) or ‖w‖²/(2τ²) (Gaussian).
double naiveNegLogPosterior(const PriorsLesson& l, int prior, double w1, double w2) {
  const double sigma = l.current().noise, s = l.current().priorStd;
  double sum = 0;
  for (int i = 0; i < l.x().rows(); ++i) {
    const double r = l.y()(i) - l.x()(i, 0) * w1 - l.x()(i, 1) * w2;
    sum += r * r;
  }
  sum /= 2 * sigma * sigma;
  if (prior == PriorsLesson::kLaplace) return sum + (std::abs(w1) + std::abs(w2)) / (s / std::sqrt(2.0));
  return sum + (w1 * w1 + w2 * w2) / (2 * s * s);
}

/// Brute force: a 0.01 grid over [−4, 4]², then 20 rounds of a 41 × 41 grid spanning ±10 steps around the best
/// point with the step shrunk 4× each round.
std::pair<double, double> bruteForceMap(const PriorsLesson& l, int prior) {
  double best = INFINITY, b1 = 0, b2 = 0;
  for (int i = -400; i <= 400; ++i)
    for (int j = -400; j <= 400; ++j) {
      const double f = naiveNegLogPosterior(l, prior, i * 0.01, j * 0.01);
      if (f < best) best = f, b1 = i * 0.01, b2 = j * 0.01;
    }
  double step = 0.01;
  for (int round = 0; round < 20; ++round) {
    step /= 4;
    const double c1 = b1, c2 = b2;
    for (int i = -20; i <= 20; ++i)
      for (int j = -20; j <= 20; ++j) {
        // Always try the axes exactly: the Laplace MAP may sit on one.
        const double w1 = i == 0 && std::abs(c1) < 50 * step ? 0.0 : c1 + i * step;
        const double w2 = j == 0 && std::abs(c2) < 50 * step ? 0.0 : c2 + j * step;
        const double f = naiveNegLogPosterior(l, prior, w1, w2);
        if (f < best) best = f, b1 = w1, b2 = w2;
      }
  }
  return {b1, b2};
}

std::unique_ptr<PriorsLesson> make(const nlohmann::json& j) {
  auto l = std::make_unique<PriorsLesson>();
  std::vector<std::string> w, e;
  l->setParams(j, w, e);
  EXPECT_TRUE(e.empty()) << e[0];
  EXPECT_TRUE(w.empty()) << w[0];
  return l;
}

TEST(PriorsLesson, MapMatchesBruteForceMinimumOfTheNegativeLogPosterior) {
  for (const nlohmann::json& j : {nlohmann::json{{"prior_std", 0.5}}, nlohmann::json{{"prior_std", 0.12}},
                                  nlohmann::json{{"prior_std", 2.0}, {"n", 7}, {"correlation", -0.8}, {"seed", 3}},
                                  nlohmann::json{{"prior_std", 0.3}, {"noise", 2.5}, {"w1", -1.0}, {"w2", 2.0}}}) {
    const auto p_l = make(j);
    const PriorsLesson& l = *p_l;
    for (int k = 0; k < 2; ++k) {
      const auto [w1, w2] = bruteForceMap(l, k);
      const PriorsLesson::Estimate& e = l.estimate(k);
      EXPECT_NEAR(e.solver.x(), w1, 1e-6) << j << " prior " << k;
      EXPECT_NEAR(e.solver.y(), w2, 1e-6) << j << " prior " << k;
      // Neither estimate is worse than the brute-force point (beyond rounding of the sums).
      const double fb = naiveNegLogPosterior(l, k, w1, w2);
      EXPECT_LE(naiveNegLogPosterior(l, k, e.solver.x(), e.solver.y()), fb + 1e-12 * std::abs(fb) + 1e-13);
      EXPECT_LE(naiveNegLogPosterior(l, k, e.direct.x(), e.direct.y()), fb + 1e-12 * std::abs(fb) + 1e-13);
      // The two ways the lesson computes the MAP agree, as the screen says.
      EXPECT_LT(e.difference, 1e-9) << j << " prior " << k;
      EXPECT_EQ(e.difference, (e.solver - e.direct).cwiseAbs().maxCoeff());
    }
  }
}

TEST(PriorsLesson, MapSatisfiesTheOptimalityConditionsOfThePosterior) {
  // ∇ of the data term: −Xᵀ(y − Xw)/σ², summed row by row. Laplace: g_j + sign(w_j)/b = 0 where w_j ≠ 0 and
  // |g_j| ≤ 1/b where w_j = 0 (the subgradient condition, which is what makes zeros exact). Gaussian: g + w/τ² = 0.
  for (double s : {0.05, 0.12, 0.3, 1.0, 10.0}) {
    const auto p_l = make({{"prior_std", s}});
    const PriorsLesson& l = *p_l;
    const double sigma = l.current().noise, b = s / std::sqrt(2.0);
    for (int k = 0; k < 2; ++k) {
      for (const Eigen::Vector2d& w : {l.estimate(k).solver, l.estimate(k).direct}) {
        double g[2] = {0, 0};
        for (int i = 0; i < l.x().rows(); ++i) {
          const double r = l.y()(i) - l.x()(i, 0) * w.x() - l.x()(i, 1) * w.y();
          g[0] -= l.x()(i, 0) * r / (sigma * sigma);
          g[1] -= l.x()(i, 1) * r / (sigma * sigma);
        }
        for (int c = 0; c < 2; ++c) {
          if (k == PriorsLesson::kGaussian)
            EXPECT_NEAR(g[c] + w(c) / (s * s), 0.0, 1e-9) << "s " << s;
          else if (w(c) != 0.0)
            EXPECT_NEAR(g[c] + (w(c) > 0 ? 1.0 : -1.0) / b, 0.0, 1e-9) << "s " << s << " coord " << c;
          else
            EXPECT_LE(std::abs(g[c]), 1.0 / b + 1e-12) << "s " << s << " coord " << c;
        }
      }
    }
  }
}

TEST(PriorsLesson, LambdaIsTheNoiseOverSamplesTimesTheWidth) {
  // Closed forms: λ₁ = σ²/(n·b) with b = s/√2, λ₂ = σ²/(n·τ²) with τ = s.
  const auto p_l = make({{"prior_std", 0.4}, {"n", 25}, {"noise", 1.5}});
  const PriorsLesson& l = *p_l;
  EXPECT_NEAR(l.estimate(PriorsLesson::kLaplace).width, 0.4 / std::sqrt(2.0), 1e-15);
  EXPECT_NEAR(l.estimate(PriorsLesson::kLaplace).lambda, 2.25 / (25 * 0.4 / std::sqrt(2.0)), 1e-15);
  EXPECT_NEAR(l.estimate(PriorsLesson::kGaussian).lambda, 2.25 / (25 * 0.16), 1e-15);
  // With that λ, (n/σ²)·[(1/2n)‖y − Xw‖² + λ·P(w)] differs from −log p(w|y) by the same constant (here 0) at
  // every w: the two objectives have one argmin.
  const double n = 25, s2 = 2.25;
  for (const auto& w : {Eigen::Vector2d(0.3, -1.2), Eigen::Vector2d(-2, 0.5), Eigen::Vector2d(0, 0)}) {
    double rss = 0;
    for (int i = 0; i < l.x().rows(); ++i) {
      const double r = l.y()(i) - l.x().row(i).dot(w);
      rss += r * r;
    }
    const double lasso = rss / (2 * n) + l.estimate(PriorsLesson::kLaplace).lambda * w.lpNorm<1>();
    const double ridge = rss / (2 * n) + l.estimate(PriorsLesson::kGaussian).lambda * 0.5 * w.squaredNorm();
    EXPECT_NEAR(n / s2 * lasso, naiveNegLogPosterior(l, PriorsLesson::kLaplace, w.x(), w.y()), 1e-10);
    EXPECT_NEAR(n / s2 * ridge, naiveNegLogPosterior(l, PriorsLesson::kGaussian, w.x(), w.y()), 1e-10);
  }
  // The Laplace density with b = s/√2 has variance s², like the Gaussian with τ = s (trapezoid rule on ±40 s).
  const double s = 0.4, bb = s / std::sqrt(2.0), h = 1e-4;
  double mass = 0, var = 0;
  for (double w = -40 * s; w <= 40 * s; w += h) {
    const double p = std::exp(-std::abs(w) / bb) / (2 * bb);
    mass += p * h;
    var += w * w * p * h;
  }
  EXPECT_NEAR(mass, 1.0, 1e-4);
  EXPECT_NEAR(var, s * s, 1e-4);
}

TEST(PriorsLesson, LaplaceMapIsTheLassoOfTheRawDataAndGoesExactlyToZero) {
  // The bundled sparse preset's numbers: the Laplace MAP has w₂ = 0 exactly, the Gaussian MAP none.
  const auto p_l = make({{"prior_std", 0.15}});
  const PriorsLesson& l = *p_l;
  EXPECT_EQ(l.estimate(PriorsLesson::kLaplace).solver.y(), 0.0);
  EXPECT_EQ(l.estimate(PriorsLesson::kLaplace).direct.y(), 0.0);
  EXPECT_NE(l.estimate(PriorsLesson::kLaplace).solver.x(), 0.0);
  EXPECT_NE(l.estimate(PriorsLesson::kGaussian).solver.x(), 0.0);
  EXPECT_NE(l.estimate(PriorsLesson::kGaussian).solver.y(), 0.0);
  // Coordinate descent on the n × 2 data (nr::core's lasso, no intercept) at the same λ.
  core::ElasticNetOptions opt;
  opt.fitIntercept = false;
  opt.tol = 1e-12;
  const core::ElasticNetPath fit = core::fitElasticNet(l.x(), l.y(), l.estimate(PriorsLesson::kLaplace).lambda, opt);
  EXPECT_NEAR(fit.coefs(0, 0), l.estimate(PriorsLesson::kLaplace).solver.x(), 1e-9);
  EXPECT_EQ(fit.coefs(0, 1), 0.0);
}

TEST(PriorsLesson, WidePriorGivesTheMleAndNarrowingShrinksTheMap) {
  const auto p_wide = make({{"prior_std", 100.0}});
  const PriorsLesson& wide = *p_wide;
  // The MLE against the normal equations solved by hand (Cramer's rule on XᵀX).
  double a = 0, b = 0, d = 0, u = 0, v = 0;
  for (int i = 0; i < wide.x().rows(); ++i) {
    a += wide.x()(i, 0) * wide.x()(i, 0), b += wide.x()(i, 0) * wide.x()(i, 1), d += wide.x()(i, 1) * wide.x()(i, 1);
    u += wide.x()(i, 0) * wide.y()(i), v += wide.x()(i, 1) * wide.y()(i);
  }
  const double det = a * d - b * b;
  EXPECT_NEAR(wide.mle().x(), (d * u - b * v) / det, 1e-12);
  EXPECT_NEAR(wide.mle().y(), (a * v - b * u) / det, 1e-12);
  // λ is about 1e-3 here (σ²/(n·b) with b = 70.7): the MAP moves off the MLE by that order, no more.
  for (int k = 0; k < 2; ++k) EXPECT_LT((wide.estimate(k).solver - wide.mle()).norm(), 5e-3);
  // Narrowing the prior pulls the MAP towards 0 (its L1 and L2 norms fall), down to exactly 0 for Laplace.
  double last[2] = {INFINITY, INFINITY};
  for (double s : {10.0, 3.0, 1.0, 0.3, 0.1, 0.03, 0.01}) {
    const auto p_l = make({{"prior_std", s}});
    const PriorsLesson& l = *p_l;
    if (last[0] > 0)
      EXPECT_LT(l.estimate(0).solver.lpNorm<1>(), last[0]) << s;
    else
      EXPECT_EQ(l.estimate(0).solver.lpNorm<1>(), 0.0) << s;
    EXPECT_LT(l.estimate(1).solver.norm(), last[1]) << s;
    last[0] = l.estimate(0).solver.lpNorm<1>();
    last[1] = l.estimate(1).solver.norm();
  }
  EXPECT_EQ(last[0], 0.0);
}

TEST(PriorsLesson, BothWaysAgreeAtEveryExtreme) {
  // The ill-conditioned corners too (n = 3 with ρ = ±0.95, σ = 3, s = 100 or 0.01): the screen's |Δ| stays tiny.
  PriorsLesson l;
  for (int step = 0; step < l.extremeSteps(); ++step) {
    l.applyExtreme(step);
    for (int k = 0; k < 2; ++k) {
      const double scale = std::max(1.0, l.estimate(k).solver.cwiseAbs().maxCoeff());
      EXPECT_LT(l.estimate(k).difference, 1e-9 * scale) << "step " << step << " prior " << k;
    }
  }
}

}  // namespace
}  // namespace nr::app
