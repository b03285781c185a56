// penalty-geometry's try-this steps: as λ grows the L1 optimum lands on an axis and stays there while the L2 one
// only shrinks; moving and rotating the loss finds L1 optima that keep both coefficients; the p = 0.5 star gives
// exact zeros more often than L1, and the Monte-Carlo bars count L1, L2 and the elastic net at the current α.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "claims/claims.h"
#include "lessons/penalty_geometry.h"
#include "nr/lp_geometry.h"
#include "nr/rng.h"

namespace nr::app {
namespace {

using claims::expectStepSays;
using claims::load;

bool hasZero(const Eigen::Vector2d& w) { return w.x() == 0.0 || w.y() == 0.0; }

TEST(PenaltyGeometryTry, Step1_L1LandsOnTheAxisAndStaysL2OnlyShrinks) {
  PenaltyGeometryLesson l;
  // The default loss; the third panel as the elastic net keeps each λ cheap (closed forms only).
  load(l, {{"third", "elasticnet"}});
  const Eigen::Vector2d wStar(l.params()["optimum_x"].get<double>(), l.params()["optimum_y"].get<double>());
  double firstZero = -1, lastL2Norm = INFINITY, w1AtLanding = 0;
  // λ dragged from the slider's left end (1e-3) to its right end (10).
  for (int i = 0; i <= 400; ++i) {
    const double lambda = 1e-3 * std::pow(1e4, i / 400.0);
    load(l, {{"lambda", lambda}});
    const Eigen::Vector2d w1 = l.model().optimum(0).w, w2 = l.model().optimum(1).w;
    if (i == 0) {
      EXPECT_FALSE(hasZero(w1)) << "at the left end the L1 optimum is off the axes";
    }
    if (firstZero < 0 && w1.y() == 0.0) firstZero = lambda, w1AtLanding = w1.x();
    if (firstZero >= 0) {
      EXPECT_EQ(w1.y(), 0.0) << "L1 left the axis again at λ = " << lambda;
    }
    // L2: never an exact zero, only a shorter vector.
    EXPECT_FALSE(hasZero(w2)) << lambda;
    EXPECT_LT(w2.norm(), lastL2Norm) << lambda;
    lastL2Norm = w2.norm();
  }
  std::printf("L1 lands on the w₁ axis at λ = %.4g with w₁ = %.3f; L2 norm at λ = 10: %.3g (w* norm %.3g)\n", firstZero,
              w1AtLanding, lastL2Norm, wStar.norm());
  ASSERT_GT(firstZero, 0.0) << "raising λ puts the L1 optimum on an axis";
  EXPECT_GT(std::abs(w1AtLanding), 0.2) << "it lands on the axis, not at the origin";
  EXPECT_LT(lastL2Norm, 0.1 * wStar.norm()) << "L2 shrinks towards the origin";
  expectStepSays(l, 1, "en", "w₂ = 0 exactly");
  expectStepSays(l, 1, "en", "left end");
  expectStepSays(l, 1, "zh", "最左端");
}

TEST(PenaltyGeometryTry, Step2_SomePositionsAndRotationsKeepBothL1Coefficients) {
  PenaltyGeometryLesson l;
  load(l, {{"third", "elasticnet"}});
  int both = 0, total = 0;
  for (double x = -2.5; x <= 2.5 + 1e-9; x += 0.5)
    for (double y = -2.5; y <= 2.5 + 1e-9; y += 0.5)
      for (double angle = -3.0; angle <= 3.0 + 1e-9; angle += 0.75) {
        load(l, {{"optimum_x", x}, {"optimum_y", y}, {"angle", angle}});
        ++total;
        both += !hasZero(l.model().optimum(0).w);
      }
  std::printf("L1 keeps both coefficients at %d of %d positions × rotations (λ = 0.4)\n", both, total);
  // Such positions exist, and they are not everywhere: elsewhere the diamond's corner wins.
  EXPECT_GT(both, total / 10);
  EXPECT_LT(both, total - total / 10);
}

TEST(PenaltyGeometryTry, Step3_StarIsSparserAndBarsCountL1L2AndTheElasticNet) {
  // The p = 0.5 panel against L1 over the Monte-Carlo's own random losses at the default λ.
  PenaltyGeometryLesson l;
  load(l, {{"third", "lp"}, {"p", 0.5}});
  EXPECT_EQ(l.model().optimum(2).w, core::penalizedOptimum([&] {
              core::Quadratic2 q;
              q.optimum = Eigen::Vector2d(1.6f, 0.7f);
              q.angle = 0.5f;
              q.axis1 = std::sqrt(2.5f), q.axis2 = 1 / std::sqrt(2.5f);
              return q;
            }(), 0.5, 0.4).w);
  // A star: the p = 0.5 ball lies inside the L1 diamond and meets it only at the corners on the axes.
  double inside = 0;
  for (const Eigen::Vector2d& b : core::unitBallBoundary(0.5, 256)) {
    EXPECT_LE(b.lpNorm<1>(), 1.0 + 1e-12);
    inside = std::max(inside, 1.0 - b.lpNorm<1>());
  }
  EXPECT_GT(inside, 0.4) << "on the diagonals the star is half-way in";
  core::Rng rng(99);
  int l1 = 0, star = 0;
  const int n = 150;
  for (int i = 0; i < n; ++i) {
    const core::Quadratic2 q = core::randomQuadratic(rng);
    l1 += hasZero(core::penalizedOptimum(q, 1.0, 0.4).w);
    star += hasZero(core::penalizedOptimum(q, 0.5, 0.4).w);
  }
  std::printf("exact zeros over %d random losses: L1 %d, p = 0.5 %d\n", n, l1, star);
  EXPECT_GT(star, l1);

  // Play: the bars. L2 never lands on an axis, L1 and the elastic net do.
  for (int f = 0; f < 5; ++f) l.update(1.0 / 60);
  const auto counts = l.model().sparseCounts();
  std::printf("bars after %lld losses: L1 %lld, L2 %lld, EN %lld\n", (long long)l.model().samples(), (long long)counts[0],
              (long long)counts[1], (long long)counts[2]);
  EXPECT_EQ(l.model().samples(), 300 + 5 * 400);
  EXPECT_GT(counts[0], 0);
  EXPECT_EQ(counts[1], 0);
  EXPECT_GT(counts[2], 0);
  EXPECT_LT(counts[2], counts[0]) << "α = 0.5: sparser than ridge, less than the lasso";
  // The third bar is the elastic net whatever the third panel shows ...
  PenaltyGeometryLesson en;
  load(en, {{"third", "elasticnet"}});
  for (int f = 0; f < 5; ++f) en.update(1.0 / 60);
  EXPECT_EQ(en.model().sparseCounts(), counts);
  // ... at the current α: α = 1 is the lasso, bar for bar.
  load(l, {{"alpha", 1.0}});
  for (int f = 0; f < 2; ++f) l.update(1.0 / 60);
  EXPECT_EQ(l.model().sparseCounts()[2], l.model().sparseCounts()[0]);
  EXPECT_GT(l.model().sparseCounts()[0], 0);
  expectStepSays(l, 3, "en", "p = 0.5");
  expectStepSays(l, 3, "zh", "p = 0.5");
}

}  // namespace
}  // namespace nr::app
