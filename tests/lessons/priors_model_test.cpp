// priors' model without a GUI, against references that use nothing from nr::core: the negative log posterior summed
// row by row from the model's data, minimized by brute force (a grid, then ever finer grids around the best point),
// its optimality conditions (subgradient / gradient), the λ ↔ prior-width mapping in closed form, the drawn curves
// and posterior field recomputed point by point.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "lessons/priors_model.h"
#include "nr/elastic_net.h"

namespace nr::app {
namespace {

/// −log p(w|y) + const, straight from the rows: Σ(yᵢ − xᵢᵀw)²/(2σ²) + ‖w‖₁/b (Laplace) or ‖w‖²/(2τ²) (Gaussian).
double naiveNegLogPosterior(const PriorsModel& l, int prior, double w1, double w2) {
  const double sigma = l.params().noise, s = l.params().priorStd;
  double sum = 0;
  for (int i = 0; i < l.x().rows(); ++i) {
    const double r = l.y()(i) - l.x()(i, 0) * w1 - l.x()(i, 1) * w2;
    sum += r * r;
  }
  sum /= 2 * sigma * sigma;
  if (prior == PriorsModel::kLaplace) return sum + (std::abs(w1) + std::abs(w2)) / (s / std::sqrt(2.0));
  return sum + (w1 * w1 + w2 * w2) / (2 * s * s);
}

/// Brute force: a 0.01 grid over [−4, 4]², then 20 rounds of a 41 × 41 grid spanning ±10 steps around the best
/// point with the step shrunk 4× each round.
std::pair<double, double> bruteForceMap(const PriorsModel& l, int prior) {
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

using Params = PriorsModel::Params;

PriorsModel make(const Params& p) {
  PriorsModel m;
  m.set(p);
  return m;
}

/// The defaults with the prior std s.
Params withStd(double s) {
  Params p;
  p.priorStd = s;
  return p;
}

TEST(PriorsModel, MapMatchesBruteForceMinimumOfTheNegativeLogPosterior) {
  std::vector<Params> cases = {withStd(0.5), withStd(0.12), withStd(2.0), withStd(0.3)};
  cases[2].n = 7, cases[2].correlation = -0.8f, cases[2].seed = 3;
  cases[3].noise = 2.5f, cases[3].w1 = -1.0f, cases[3].w2 = 2.0f;
  for (size_t c = 0; c < cases.size(); ++c) {
    const PriorsModel l = make(cases[c]);
    const int j = static_cast<int>(c);  // for the messages
    for (int k = 0; k < 2; ++k) {
      const auto [w1, w2] = bruteForceMap(l, k);
      const PriorsModel::Estimate& e = l.estimate(k);
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

TEST(PriorsModel, MapSatisfiesTheOptimalityConditionsOfThePosterior) {
  // ∇ of the data term: −Xᵀ(y − Xw)/σ², summed row by row. Laplace: g_j + sign(w_j)/b = 0 where w_j ≠ 0 and
  // |g_j| ≤ 1/b where w_j = 0 (the subgradient condition, which is what makes zeros exact). Gaussian: g + w/τ² = 0.
  for (double s : {0.05, 0.12, 0.3, 1.0, 10.0}) {
    const PriorsModel l = make(withStd(s));
    const double sigma = l.params().noise, b = s / std::sqrt(2.0);
    for (int k = 0; k < 2; ++k) {
      for (const Eigen::Vector2d& w : {l.estimate(k).solver, l.estimate(k).direct}) {
        double g[2] = {0, 0};
        for (int i = 0; i < l.x().rows(); ++i) {
          const double r = l.y()(i) - l.x()(i, 0) * w.x() - l.x()(i, 1) * w.y();
          g[0] -= l.x()(i, 0) * r / (sigma * sigma);
          g[1] -= l.x()(i, 1) * r / (sigma * sigma);
        }
        for (int c = 0; c < 2; ++c) {
          if (k == PriorsModel::kGaussian)
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

TEST(PriorsModel, LambdaIsTheNoiseOverSamplesTimesTheWidth) {
  // Closed forms: λ₁ = σ²/(n·b) with b = s/√2, λ₂ = σ²/(n·τ²) with τ = s.
  Params p = withStd(0.4);
  p.n = 25, p.noise = 1.5f;
  const PriorsModel l = make(p);
  EXPECT_NEAR(l.estimate(PriorsModel::kLaplace).width, 0.4 / std::sqrt(2.0), 1e-15);
  EXPECT_NEAR(l.estimate(PriorsModel::kLaplace).lambda, 2.25 / (25 * 0.4 / std::sqrt(2.0)), 1e-15);
  EXPECT_NEAR(l.estimate(PriorsModel::kGaussian).lambda, 2.25 / (25 * 0.16), 1e-15);
  // With that λ, (n/σ²)·[(1/2n)‖y − Xw‖² + λ·P(w)] differs from −log p(w|y) by the same constant (here 0) at
  // every w: the two objectives have one argmin.
  const double n = 25, s2 = 2.25;
  for (const auto& w : {Eigen::Vector2d(0.3, -1.2), Eigen::Vector2d(-2, 0.5), Eigen::Vector2d(0, 0)}) {
    double rss = 0;
    for (int i = 0; i < l.x().rows(); ++i) {
      const double r = l.y()(i) - l.x().row(i).dot(w);
      rss += r * r;
    }
    const double lasso = rss / (2 * n) + l.estimate(PriorsModel::kLaplace).lambda * w.lpNorm<1>();
    const double ridge = rss / (2 * n) + l.estimate(PriorsModel::kGaussian).lambda * 0.5 * w.squaredNorm();
    EXPECT_NEAR(n / s2 * lasso, naiveNegLogPosterior(l, PriorsModel::kLaplace, w.x(), w.y()), 1e-10);
    EXPECT_NEAR(n / s2 * ridge, naiveNegLogPosterior(l, PriorsModel::kGaussian, w.x(), w.y()), 1e-10);
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

TEST(PriorsModel, LaplaceMapIsTheLassoOfTheRawDataAndGoesExactlyToZero) {
  // The bundled sparse preset's numbers: the Laplace MAP has w₂ = 0 exactly, the Gaussian MAP none.
  const PriorsModel l = make(withStd(0.15));
  EXPECT_EQ(l.estimate(PriorsModel::kLaplace).solver.y(), 0.0);
  EXPECT_EQ(l.estimate(PriorsModel::kLaplace).direct.y(), 0.0);
  EXPECT_NE(l.estimate(PriorsModel::kLaplace).solver.x(), 0.0);
  EXPECT_NE(l.estimate(PriorsModel::kGaussian).solver.x(), 0.0);
  EXPECT_NE(l.estimate(PriorsModel::kGaussian).solver.y(), 0.0);
  // Coordinate descent on the n × 2 data (nr::core's lasso, no intercept) at the same λ.
  core::ElasticNetOptions opt;
  opt.fitIntercept = false;
  opt.tol = 1e-12;
  const core::ElasticNetPath fit = core::fitElasticNet(l.x(), l.y(), l.estimate(PriorsModel::kLaplace).lambda, opt);
  EXPECT_NEAR(fit.coefs(0, 0), l.estimate(PriorsModel::kLaplace).solver.x(), 1e-9);
  EXPECT_EQ(fit.coefs(0, 1), 0.0);
}

TEST(PriorsModel, WidePriorGivesTheMleAndNarrowingShrinksTheMap) {
  const PriorsModel wide = make(withStd(100.0));
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
    const PriorsModel l = make(withStd(s));
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

TEST(PriorsModel, CurvesAreThePriorDensitiesAndTheirNegativeLogs) {
  // Point by point: Laplace e^(−|w|/b)/(2b) with b = s/√2, Gaussian e^(−w²/2τ²)/(τ√(2π)) with τ = s, and the
  // penalties −log p(w) + log p(0). The grid has w = 0 exactly and spans [−3, 3].
  const double s = 0.7, b = s / std::sqrt(2.0);
  const PriorsModel m = make(withStd(s));
  const std::vector<double>& w = m.grid();
  ASSERT_EQ(w.size(), size_t(PriorsModel::kCurvePoints));
  EXPECT_EQ(w.front(), -3.0);
  EXPECT_EQ(w.back(), 3.0);
  EXPECT_EQ(w[w.size() / 2], 0.0);
  double mass[2] = {0, 0};
  for (size_t i = 0; i < w.size(); ++i) {
    const double lap = std::exp(-std::abs(w[i]) / b) / (2 * b);
    const double gau = std::exp(-w[i] * w[i] / (2 * s * s)) / (s * std::sqrt(2 * 3.141592653589793));
    EXPECT_NEAR(m.density(PriorsModel::kLaplace)[i], lap, 1e-14);
    EXPECT_NEAR(m.density(PriorsModel::kGaussian)[i], gau, 1e-14);
    EXPECT_NEAR(m.penalty(PriorsModel::kLaplace)[i], std::log(1 / (2 * b)) - std::log(lap), 1e-12);
    EXPECT_NEAR(m.penalty(PriorsModel::kGaussian)[i], std::log(1 / (s * std::sqrt(2 * 3.141592653589793))) - std::log(gau),
                1e-12);
    if (i > 0)
      for (int k = 0; k < 2; ++k) mass[k] += 0.5 * (m.density(k)[i] + m.density(k)[i - 1]) * (w[i] - w[i - 1]);
  }
  // The mass within ±3 (trapezoid rule) against the closed forms 1 − e^(−3/b) and erf(3/(s√2)).
  EXPECT_NEAR(mass[PriorsModel::kLaplace], 1.0 - std::exp(-3.0 / b), 1e-5);
  EXPECT_NEAR(mass[PriorsModel::kGaussian], std::erf(3.0 / (s * std::sqrt(2.0))), 1e-5);
}

TEST(PriorsModel, PosteriorFieldIsTheDensityRelativeToThePeak) {
  // exp(−(U(w) − U(MAP))) with U summed row by row; 1 at the MAP, below 1 everywhere on the grid.
  const PriorsModel m = make(withStd(0.4));
  const int size = 31;
  for (int k = 0; k < 2; ++k) {
    std::vector<float> field;
    m.posteriorField(k, size, field);
    ASSERT_EQ(field.size(), size_t(size * size));
    const Eigen::Vector2d map = m.estimate(k).solver;
    const double peak = naiveNegLogPosterior(m, k, map.x(), map.y());
    for (int j = 0; j < size; ++j)
      for (int i = 0; i < size; ++i) {
        const double x = -3.0 + 6.0 * i / (size - 1), y = -3.0 + 6.0 * j / (size - 1);  // row 0 at the bottom
        const double d = naiveNegLogPosterior(m, k, x, y) - peak;
        const double want = d > 27.6 ? 0.0 : std::exp(-std::max(0.0, d));
        EXPECT_NEAR(field[j * size + i], want, 1e-6 * want + 1e-30) << k << " " << i << " " << j;
        EXPECT_LE(field[j * size + i], 1.0f);
      }
  }
}

TEST(PriorsModel, PathPointsAreTheMapAtTheirPriorStd) {
  // The path's point i + 1 is the MAP at s = 100·(0.01/100)^(i/160); the first is the MLE.
  PriorsModel m;
  const std::vector<Eigen::Vector2d> path[2] = {m.path(0), m.path(1)};
  for (int k = 0; k < 2; ++k) {
    ASSERT_EQ(path[k].size(), size_t(PriorsModel::kPathPoints + 1));
    EXPECT_EQ(path[k][0], m.mle());
  }
  for (int i : {0, 37, 80, 121, 160}) {
    Params p;
    p.priorStd = 100.0 * std::pow(1e-4, i / 160.0);
    m.set(p);
    for (int k = 0; k < 2; ++k) EXPECT_LT((m.estimate(k).solver - path[k][i + 1]).norm(), 1e-12) << i << " " << k;
  }
}

TEST(PriorsModel, MoreSamplesKeepTheFirstRowsAndWidthAloneKeepsTheData) {
  Params p;
  const PriorsModel ten = make(p);
  p.n = 50;
  PriorsModel fifty = make(p);
  EXPECT_EQ(fifty.x().topRows(10), ten.x());
  EXPECT_EQ(fifty.y().head(10), ten.y());
  // The rows follow y = Xw + σε with the true w: the residual's variance is about σ² = 1.
  const Eigen::VectorXd r = fifty.y() - fifty.x() * Eigen::Vector2d(1.5, 0.3);
  EXPECT_NEAR(r.squaredNorm() / 50, 1.0, 0.5);
  const Eigen::MatrixXd before = fifty.x();
  p.priorStd = 2.0;
  fifty.set(p);
  EXPECT_EQ(fifty.x(), before);
  EXPECT_EQ(fifty.estimate(PriorsModel::kGaussian).width, 2.0);
}

}  // namespace
}  // namespace nr::app
