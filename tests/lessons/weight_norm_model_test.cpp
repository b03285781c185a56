// weight-norm's model without a GUI: the bowl is L = ½(w − w*)ᵀA(w − w*) with A = R·diag(2, 2/e)·Rᵀ (built here),
// w has length g along v, ∂L/∂g and ∂L/∂v are the finite differences of L(g·v/‖v‖) and ∂L/∂v ⟂ v, the descent paths
// are the naive loops w ← w − η(A(w − w*) + λw), a diverging path is cut where it leaves the picture, and every
// contour point lies on its level.
#include <gtest/gtest.h>

#include <cmath>

#include "lessons/weight_norm_model.h"

namespace nr::app {
namespace {

using Params = WeightNormModel::Params;

Eigen::Matrix2d hessianOf(const Params& p) {
  const double a = p.angle * M_PI / 180.0;
  Eigen::Matrix2d r;
  r << std::cos(a), -std::sin(a), std::sin(a), std::cos(a);
  return r * Eigen::Vector2d(2.0, 2.0 / p.elongation).asDiagonal() * r.transpose();
}

double lossOf(const Params& p, const Eigen::Vector2d& w) {
  const Eigen::Vector2d d = w - Eigen::Vector2d(p.optX, p.optY);
  return 0.5 * d.dot(hessianOf(p) * d);
}

TEST(WeightNormModel, WHasLengthGAlongV) {
  Params p;
  p.g = 2.5f, p.vx = -1.0f, p.vy = 0.5f, p.steps = 10;
  WeightNormModel m;
  m.set(p);
  EXPECT_NEAR(m.weight().norm(), 2.5, 1e-12);
  EXPECT_NEAR(m.weight().normalized().dot(Eigen::Vector2d(-1.0, 0.5).normalized()), 1.0, 1e-12);
  ASSERT_EQ(m.weightNormPath().w.size(), 11u);
  EXPECT_EQ(m.weightNormPath().w[0], m.weight());
  // v = 0 has no direction: the model keeps it 0.05 long along x.
  p.vx = p.vy = 0.0f;
  m.set(p);
  EXPECT_EQ(m.v(), Eigen::Vector2d(0.05, 0.0));
  EXPECT_NEAR(m.weight().x(), 2.5, 1e-12);
}

TEST(WeightNormModel, TheGradientSplitIsTheFiniteDifferenceOfTheLoss) {
  for (const Params& p : {Params{}, Params{1.7f, -0.4f, 2.2f, -1.0f, 0.5f, 8.0f, 115.0f, 0.1f, 5, 0.0f}}) {
    WeightNormModel m;
    m.set(p);
    const Eigen::Vector2d v(p.vx, p.vy);
    auto L = [&](double g, const Eigen::Vector2d& u) { return lossOf(p, g * u / u.norm()); };
    EXPECT_NEAR(m.bowl().loss(m.weight()), L(p.g, v), 1e-12) << "the bowl is ½(w − w*)ᵀA(w − w*)";
    const double h = 1e-6;
    EXPECT_NEAR(m.gradG(), (L(p.g + h, v) - L(p.g - h, v)) / (2 * h), 1e-6);
    for (int i = 0; i < 2; ++i) {
      Eigen::Vector2d e = Eigen::Vector2d::Zero();
      e[i] = h;
      EXPECT_NEAR(m.gradV()[i], (L(p.g, v + e) - L(p.g, v - e)) / (2 * h), 1e-6) << "component " << i;
    }
    EXPECT_NEAR(m.v().dot(m.gradV()), 0.0, 1e-12) << "∂L/∂v is orthogonal to v";
    EXPECT_NEAR((m.gradW() - hessianOf(p) * (m.weight() - Eigen::Vector2d(p.optX, p.optY))).norm(), 0.0, 1e-12);
  }
}

TEST(WeightNormModel, DescentPathsAreTheNaiveLoops) {
  Params p;
  p.steps = 25;
  WeightNormModel m;
  m.set(p);
  const Eigen::Matrix2d a = hessianOf(p);
  const Eigen::Vector2d opt(p.optX, p.optY);
  Eigen::Vector2d plain = m.weight(), decay = m.weight();
  ASSERT_EQ(m.plainPath().size(), 26u);
  ASSERT_EQ(m.decayPath().size(), 26u);
  for (int t = 0; t <= p.steps; ++t) {
    EXPECT_NEAR((m.plainPath()[t] - plain).norm(), 0.0, 1e-9) << t;
    EXPECT_NEAR((m.decayPath()[t] - decay).norm(), 0.0, 1e-9) << t;
    plain -= double(p.lr) * (a * (plain - opt));
    decay -= double(p.lr) * (a * (decay - opt) + double(p.decay) * decay);
  }
  // Drawn as computed while inside the picture.
  EXPECT_FALSE(m.diverged());
  ASSERT_EQ(m.drawnPlain().x.size(), 26u);
  for (int t = 0; t <= p.steps; ++t) {
    EXPECT_EQ(m.drawnPlain().x[t], m.plainPath()[t].x());
    EXPECT_EQ(m.drawnDecay().len[t], m.decayPath()[t].norm());
    EXPECT_EQ(m.drawnWeightNorm().y[t], m.weightNormPath().w[t].y());
  }
}

TEST(WeightNormModel, ADivergingPathIsCutWhereItLeavesThePicture) {
  Params p;
  p.lr = 0.9f, p.decay = 2.0f, p.steps = 200, p.elongation = 1.0f;  // η(λ_max + λ) = 3.6 > 2: the decay path explodes
  WeightNormModel m;
  m.set(p);
  const WeightNormModel::DrawnPath& d = m.drawnDecay();
  ASSERT_TRUE(d.diverged);
  EXPECT_TRUE(m.diverged());
  ASSERT_GE(d.len.size(), 2u);
  EXPECT_GT(d.len.back(), 10.0) << "the first point outside is drawn";
  for (size_t i = 0; i + 1 < d.len.size(); ++i) EXPECT_LE(d.len[i], 10.0) << i;
  EXPECT_LT(d.len.size(), m.decayPath().size());
  EXPECT_FALSE(m.drawnPlain().diverged) << "η·λ_max = 1.8 < 2: plain descent converges";
}

TEST(WeightNormModel, ContoursLieOnTheirLevels) {
  WeightNormModel m;
  for (int k = 0; k < WeightNormModel::kContourCount; ++k) {
    ASSERT_EQ(m.contourX(k).size(), 64u);
    for (size_t i = 0; i < m.contourX(k).size(); ++i)
      EXPECT_NEAR(lossOf(m.params(), {m.contourX(k)[i], m.contourY(k)[i]}), WeightNormModel::contourLoss(k),
                  1e-9 * (1 + WeightNormModel::contourLoss(k)));
  }
}

}  // namespace
}  // namespace nr::app
