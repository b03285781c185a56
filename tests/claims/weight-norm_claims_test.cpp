// The weight-norm try-this steps: g moves w along the ray of v with ‖w‖ = g and ∂L/∂g lies along w, turning v keeps
// the length; a long v shrinks ∂L/∂v as g/‖v‖, turns the (g, v) path more slowly, and ‖v‖ only grows; weight decay
// stops the amber path at (A + λI)⁻¹A·w* while the others head on to w* (there at 80 steps), and λ = 0 puts it on
// the blue path.
#include <cmath>
#include <cstdio>

#include "claims/claims.h"
#include "lessons/weight_norm.h"

namespace nr::app {
namespace {

using claims::load;

// The lesson's bowl, built here from its parameters: L = ½(w − w*)ᵀA(w − w*), A = R·diag(2, 2/e)·Rᵀ.
Eigen::Matrix2d hessianOf(const WeightNormLesson::Params& p) {
  const double a = p.angle * M_PI / 180.0;
  Eigen::Matrix2d r;
  r << std::cos(a), -std::sin(a), std::sin(a), std::cos(a);
  return r * Eigen::Vector2d(2.0, 2.0 / p.elongation).asDiagonal() * r.transpose();
}

double cross(const Eigen::Vector2d& a, const Eigen::Vector2d& b) { return a.x() * b.y() - a.y() * b.x(); }

TEST(WeightNormTry, Step1_GSlidesWAlongTheRayOfVAndDraggingVKeepsTheLength) {
  WeightNormLesson l;
  const Eigen::Vector2d v(l.current().vx, l.current().vy);
  for (const double g : {0.3, 0.8, 1.7, 2.9}) {
    load(l, {{"g", g}});
    const Eigen::Vector2d w = l.model().weight();
    EXPECT_NEAR(w.norm(), g, 1e-6) << "‖w‖ = g";
    EXPECT_NEAR(w.normalized().dot(v.normalized()), 1.0, 1e-12) << "w on the ray of v, g = " << g;
    // The pink arrow ∂L/∂g·w/‖w‖ is the part of ∇L along w: parallel to w, and ∂L/∂g = ∇L·w/‖w‖.
    const Eigen::Vector2d opt(l.current().optX, l.current().optY);
    const Eigen::Vector2d grad = hessianOf(l.current()) * (w - opt);
    EXPECT_NEAR(l.model().gradG(), grad.dot(w.normalized()), 1e-9);
    const Eigen::Vector2d pink = l.model().gradG() * w.normalized();
    EXPECT_NEAR(cross(pink, w), 0.0, 1e-12);
    EXPECT_GT(std::fabs(cross(grad.normalized(), w.normalized())), 0.05) << "∇L itself is not along w here";
  }
  // Dragging the tip of v: w turns with v, and its length stays g.
  load(l, {{"g", 1.3}});
  for (const auto& [x, y] : {std::pair{-1.0, 2.0}, {0.5, 0.5}, {-2.5, -0.4}}) {
    load(l, {{"vx", x}, {"vy", y}});
    const Eigen::Vector2d w = l.model().weight();
    EXPECT_NEAR(w.norm(), 1.3, 1e-6);
    EXPECT_NEAR(w.normalized().dot(Eigen::Vector2d(x, y).normalized()), 1.0, 1e-12) << "w turns with v";
  }
}

// The angle turned by the direction of v over the first k steps of the (g, v) path.
double turned(const core::WeightNormPath& p, int k) {
  double a = 0.0;
  for (int i = 1; i <= k; ++i) a += std::fabs(std::atan2(cross(p.v[i - 1], p.v[i]), p.v[i - 1].dot(p.v[i])));
  return a;
}

TEST(WeightNormTry, Step2_ALongVShrinksItsGradientTurnsSlowlyAndOnlyGrows) {
  WeightNormLesson l;
  const Eigen::Vector2d dir = Eigen::Vector2d(l.current().vx, l.current().vy).normalized();
  const double shortLen = 0.5, longLen = 3.0;  // ‖v‖ can reach 3 in this direction within the ±3 box
  load(l, {{"vx", shortLen * dir.x()}, {"vy", shortLen * dir.y()}});
  const core::WeightNormPath shortPath = l.model().weightNormPath();
  const double gradShort = l.model().gradV().norm();
  load(l, {{"vx", longLen * dir.x()}, {"vy", longLen * dir.y()}});
  const core::WeightNormPath longPath = l.model().weightNormPath();
  const double gradLong = l.model().gradV().norm();
  // ∂L/∂v shrinks as g/‖v‖: six times longer, six times smaller (w, and so ∇L, are the same).
  EXPECT_NEAR(gradLong / gradShort, shortLen / longLen, 1e-6);
  // The (g, v) path turns more slowly: a step turns v by tan⁻¹(‖Δv‖/‖v‖), and ‖Δv‖/‖v‖ ∝ 1/‖v‖², 36 times less
  // here; over the first five steps the long v turns less than a third as far.
  auto firstTurn = [](const core::WeightNormPath& p) { return (p.v[1] - p.v[0]).norm() / p.v[0].norm(); };
  EXPECT_NEAR(firstTurn(longPath) / firstTurn(shortPath), std::pow(shortLen / longLen, 2), 1e-6);
  const double turnShort = turned(shortPath, 5), turnLong = turned(longPath, 5);
  std::printf("[ measured ] ‖∂L/∂v‖ %.4f (‖v‖ = 0.5), %.4f (‖v‖ = 3); angle turned in 5 steps %.3f, %.3f rad\n",
              gradShort, gradLong, turnShort, turnLong);
  EXPECT_LT(turnLong, turnShort / 3) << "angle turned in 5 steps";
  EXPECT_GT(turnLong, 0.0);
  // Every step is perpendicular to v, so ‖v‖² grows by exactly ‖Δv‖² = η²‖∂L/∂v‖²: v only grows.
  for (const double len : {shortLen, 2.0, longLen}) {
    load(l, {{"vx", len * dir.x()}, {"vy", len * dir.y()}});
    const core::WeightNormPath& p = l.model().weightNormPath();
    const double eta = l.current().lr;
    EXPECT_NEAR((p.v[1] - p.v[0]).norm(), eta * l.model().gradV().norm(), 1e-6) << "the first step is η·∂L/∂v";
    for (size_t i = 1; i < p.v.size(); ++i) {
      const Eigen::Vector2d dv = p.v[i] - p.v[i - 1];
      EXPECT_NEAR(dv.dot(p.v[i - 1]), 0.0, 1e-9 * p.v[i - 1].norm()) << "step " << i << " ⊥ v";
      EXPECT_NEAR(p.v[i].squaredNorm() - p.v[i - 1].squaredNorm(), dv.squaredNorm(), 1e-9) << "step " << i;
      EXPECT_GE(p.v[i].norm(), p.v[i - 1].norm()) << "‖v‖ never shrinks (step " << i << ")";
    }
  }
}

TEST(WeightNormTry, Step3_WeightDecayStopsShortOfTheOptimumAndLambdaZeroIsPlainDescent) {
  WeightNormLesson l;
  const int shownSteps = l.current().steps;
  for (const double lambda : {0.3, 1.0}) {
    SCOPED_TRACE("λ = " + std::to_string(lambda));
    load(l, {{"decay", lambda}, {"steps", shownSteps}});
    const Eigen::Matrix2d a = hessianOf(l.current());
    const Eigen::Vector2d opt(l.current().optX, l.current().optY);
    const Eigen::Vector2d ridge = (a + lambda * Eigen::Matrix2d::Identity()).ldlt().solve(a * opt);
    const Eigen::Vector2d end = l.model().decayPath().back();
    const double plain30 = (l.model().plainPath().back() - opt).norm();
    const double wn30 = (l.model().weightNormPath().w.back() - opt).norm();
    // The amber path stops (already at the default steps) at (A + λI)⁻¹A·w*, short of w* and nearer 0.
    EXPECT_LT((end - ridge).norm(), 0.02 * opt.norm()) << "the amber path ends at (A + λI)⁻¹A·w*";
    EXPECT_GT((end - opt).norm(), 0.1 * opt.norm()) << "...which is short of w*";
    EXPECT_LT(end.norm(), opt.norm()) << "before w*, nearer the origin";
    // The other two head on to w*, and at 80 steps both are there; the amber one has not moved on.
    load(l, {{"steps", 80}});
    const double plain80 = (l.model().plainPath().back() - opt).norm();
    const double wn80 = (l.model().weightNormPath().w.back() - opt).norm();
    std::printf(
        "[ measured ] λ = %.1f: amber ends %.4f from (A+λI)⁻¹Aw*, %.3f from w*; distance to w* after %d / 80 "
        "steps: GD on w %.4f / %.4f, GD on (g, v) %.4f / %.4f (‖w*‖ = %.2f)\n",
        lambda, (end - ridge).norm(), (end - opt).norm(), shownSteps, plain30, plain80, wn30, wn80, opt.norm());
    EXPECT_LT(plain80, 0.01 * opt.norm()) << "GD on w reaches w*";
    EXPECT_LT(wn80, 0.01 * opt.norm()) << "GD on (g, v) reaches w*";
    EXPECT_LT(plain80, plain30);
    EXPECT_LT(wn80, wn30);
    EXPECT_LT((l.model().decayPath().back() - end).norm(), 0.02 * opt.norm())
        << "the amber path stays where it stopped";
    EXPECT_LT((l.model().decayPath().back() - ridge).norm(), 1e-3 * opt.norm());
  }
  load(l, {{"decay", 0.0}, {"steps", shownSteps}});
  ASSERT_EQ(l.model().decayPath().size(), l.model().plainPath().size());
  for (size_t i = 0; i < l.model().plainPath().size(); ++i)
    EXPECT_EQ(l.model().decayPath()[i], l.model().plainPath()[i]) << "point " << i;
  for (Lang lang : {"en", "zh"}) claims::expectStepSays(l, 3, lang, "80");
}

}  // namespace
}  // namespace nr::app
