// nr::core 2-D Lp geometry against brute-force minimization on a fine grid (with a local polish), closed forms for
// A = I (soft-thresholding, projection onto the L1 and L2 balls), and exact zeros at the L1 corners.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <limits>

#include "nr/lp_geometry.h"
#include "nr/rng.h"

namespace {

using Eigen::Vector2d;
using namespace nr::core;

const double kInf = std::numeric_limits<double>::infinity();

/// The best point of a (2m+1)² grid over [−R, R]² for f, feasibility given by ok.
template <typename F, typename Ok>
Vector2d gridMin(F f, Ok ok, double R, int m, double& best) {
  best = kInf;
  Vector2d arg(0, 0);
  for (int i = -m; i <= m; ++i)
    for (int j = -m; j <= m; ++j) {
      const Vector2d w(R * i / m, R * j / m);
      if (!ok(w)) continue;
      const double v = f(w);
      if (v < best) {
        best = v;
        arg = w;
      }
    }
  return arg;
}

std::vector<Quadratic2> randomLosses(int count) {
  nr::core::Rng rng(5);
  std::vector<Quadratic2> qs;
  for (int i = 0; i < count; ++i) {
    Quadratic2 q;
    q.optimum = Vector2d(rng.uniform(-2, 2), rng.uniform(-2, 2));
    q.angle = rng.uniform(0, 3.14159);
    q.axis1 = rng.uniform(0.3, 2.0);
    q.axis2 = rng.uniform(0.3, 2.0);
    qs.push_back(q);
  }
  return qs;
}

TEST(LpGeometry, PenalizedMatchesBruteForceGrid) {
  const double R = 2.5;
  const int m = 250;  // step 0.01
  for (const Quadratic2& q : randomLosses(5))
    for (double p : {0.0, 0.5, 1.0, 1.5, 2.0, 3.0, kInf})
      for (double lambda : {0.1, 0.6}) {
        const GeometryResult r = penalizedOptimum(q, p, lambda);
        auto f = [&](const Vector2d& w) { return q.value(w) + lambda * lpPenalty(w, p); };
        double best;
        // The grid holds the axes (and 0) exactly, where the L0 and p < 1 optima often lie.
        const Vector2d g = gridMin(f, [](const Vector2d&) { return true; }, R, m, best);
        EXPECT_NEAR(r.objective, f(r.w), 1e-12);
        // Never worse than brute force, and not better by more than the grid's resolution allows.
        EXPECT_LE(r.objective, best + 1e-12) << "p " << p << " lambda " << lambda;
        // The grid covers [−R, R]²: an optimum outside it can legitimately beat every grid point.
        if (r.w.cwiseAbs().maxCoeff() <= R) {
          EXPECT_GE(r.objective, best - 1e-2) << "p " << p << " lambda " << lambda;
        }
        if (p >= 1) {
          EXPECT_LE((r.w - g).norm(), 0.05) << "p " << p;  // unique optimum
        }
      }
}

TEST(LpGeometry, ConstrainedMatchesBruteForceGrid) {
  const double R = 2.5;
  const int m = 250;
  for (const Quadratic2& q : randomLosses(5))
    for (double p : {0.0, 0.5, 1.0, 1.5, 2.0, 3.0, kInf})
      for (double t : {0.4, 1.0}) {
        const double tt = p == 0 ? 1.0 : t;
        const GeometryResult r = constrainedOptimum(q, p, tt);
        EXPECT_LE(lpNorm(r.w, p), tt * (1 + 1e-12)) << "infeasible, p " << p;
        double best;
        gridMin([&](const Vector2d& w) { return q.value(w); }, [&](const Vector2d& w) { return lpNorm(w, p) <= tt; }, R,
                m, best);
        EXPECT_LE(r.loss, best + 1e-12) << "p " << p << " t " << tt;
        // The grid covers [−R, R]²: an optimum outside it (e.g. far out on an axis for L0) can beat every grid point.
        if (r.w.cwiseAbs().maxCoeff() <= R) {
          EXPECT_GE(r.loss, best - 2e-2) << "p " << p << " t " << tt << " w " << r.w.transpose();
        }
      }
}

TEST(LpGeometry, GridCheckCanFail) {
  // A deliberately wrong answer (the unconstrained optimum scaled into the ball) is worse than the grid.
  Quadratic2 q;
  q.optimum = Vector2d(2, 1);
  q.angle = 0.7;
  q.axis1 = 2.0;
  q.axis2 = 0.4;
  const Vector2d wrong = q.optimum / lpNorm(q.optimum, 1.0) * 1.0;
  double best;
  gridMin([&](const Vector2d& w) { return q.value(w); }, [](const Vector2d& w) { return w.lpNorm<1>() <= 1.0; }, 2.5,
          500, best);
  EXPECT_GT(q.value(wrong), best + 1e-3);
  EXPECT_LE(constrainedOptimum(q, 1.0, 1.0).loss, best + 1e-12);
}

TEST(LpGeometry, ClosedFormsForIdentityLoss) {
  Quadratic2 q;  // A = I
  q.optimum = Vector2d(3.0, -0.5);
  // L1 penalty: soft-thresholding, with an exact zero.
  GeometryResult l1 = penalizedOptimum(q, 1.0, 1.0);
  EXPECT_EQ(l1.w[0], 2.0);
  EXPECT_EQ(l1.w[1], 0.0);
  EXPECT_TRUE(l1.closedForm);
  // L2 penalty ½‖w‖²: w*/(1 + λ).
  GeometryResult l2 = penalizedOptimum(q, 2.0, 0.5);
  EXPECT_NEAR(l2.w[0], 2.0, 1e-15);
  EXPECT_NEAR(l2.w[1], -0.5 / 1.5, 1e-15);
  // Elastic net: S(w*, λα)/(1 + λ(1−α)).
  GeometryResult en = elasticNetOptimum(q, 1.0, 0.5);
  EXPECT_NEAR(en.w[0], 2.5 / 1.5, 1e-15);
  EXPECT_EQ(en.w[1], 0.0);
  // L2 ball: radial projection.
  GeometryResult b2 = constrainedOptimum(q, 2.0, 1.0);
  EXPECT_NEAR(b2.w[0], 3.0 / std::sqrt(9.25), 1e-12);
  EXPECT_NEAR(b2.w[1], -0.5 / std::sqrt(9.25), 1e-12);
  // L1 ball: Euclidean projection = soft-thresholding at θ with ‖S(w*, θ)‖₁ = t; here θ = 2 zeroes w₂: a corner.
  GeometryResult b1 = constrainedOptimum(q, 1.0, 1.0);
  EXPECT_EQ(b1.w[0], 1.0);
  EXPECT_EQ(b1.w[1], 0.0);
  // Not a corner: w* = (1, 0.6), t = 1 → θ = 0.3, w = (0.7, 0.3).
  q.optimum = Vector2d(1.0, 0.6);
  GeometryResult e1 = constrainedOptimum(q, 1.0, 1.0);
  EXPECT_NEAR(e1.w[0], 0.7, 1e-15);
  EXPECT_NEAR(e1.w[1], 0.3, 1e-15);
  // L∞ ball: clipping.
  q.optimum = Vector2d(3.0, -0.5);
  GeometryResult bi = constrainedOptimum(q, kInf, 1.0);
  EXPECT_EQ(bi.w[0], 1.0);
  EXPECT_NEAR(bi.w[1], -0.5, 1e-15);
  // Inside the ball: w*.
  EXPECT_EQ(constrainedOptimum(q, 1.5, 10.0).w, q.optimum);
}

TEST(LpGeometry, ExactZerosAtCornersForRotatedLosses) {
  // Independently: the minimum over a fine sampling of the diamond's four edges. Where it sits at a corner, the
  // solver's answer must be that corner exactly (a zero that is 0.0, not 1e-17); elsewhere on an edge, near it.
  Quadratic2 q;
  q.optimum = Vector2d(2.0, 0.3);
  q.axis1 = 1.0;
  q.axis2 = 0.5;
  int corners = 0, edges = 0;
  for (double angle : {0.4, 1.2, -0.6, 2.0}) {
    q.angle = angle;
    for (double t : {0.2, 0.5, 1.0, 1.5}) {
      SCOPED_TRACE("angle " + std::to_string(angle) + ", t " + std::to_string(t));
      const GeometryResult r = constrainedOptimum(q, 1.0, t);
      EXPECT_NEAR(r.w.lpNorm<1>(), t, 1e-14);
      const Vector2d c[4] = {{t, 0}, {0, t}, {-t, 0}, {0, -t}};
      Vector2d sampled = c[0];
      for (int e = 0; e < 4; ++e)
        for (int k = 0; k <= 200000; ++k) {
          const Vector2d w = c[e] + (c[(e + 1) % 4] - c[e]) * (k / 200000.0);
          if (q.value(w) < q.value(sampled)) sampled = w;
        }
      EXPECT_NEAR((r.w - sampled).norm(), 0.0, 1e-4);
      bool atCorner = false;
      for (const Vector2d& corner : c)
        if ((sampled - corner).norm() < 1e-9) {
          atCorner = true;
          EXPECT_EQ(r.w, corner);  // every coordinate exactly, the zero one included
        }
      if (atCorner) ++corners;
      else ++edges;
    }
  }
  // The sampled optima, not the solver, decide which case is which: 14 of the 16 scenes have their optimum at a
  // corner, 2 on an edge. Fewer corners would leave the exact-zero check with little to check.
  EXPECT_EQ(corners, 14);
  EXPECT_EQ(edges, 2);
  // A p < 1 ball has corners on the axes: an optimum there is the exact axis point.
  q.optimum = Vector2d(2.0, 0.1);
  q.angle = 0.0;
  q.axis1 = q.axis2 = 1.0;
  const GeometryResult h = constrainedOptimum(q, 0.5, 1.0);
  EXPECT_EQ(h.w[0], 1.0);
  EXPECT_EQ(h.w[1], 0.0);
  // Large λ: the lasso gives exactly 0.
  const GeometryResult z = penalizedOptimum(q, 1.0, 10.0);
  EXPECT_EQ(z.w, Vector2d(0, 0));
}

TEST(LpGeometry, L0Enumeration) {
  Quadratic2 q;
  q.optimum = Vector2d(1.0, 0.2);
  const GeometryResult k1 = constrainedOptimum(q, 0.0, 1.0);
  EXPECT_EQ(k1.w, Vector2d(1.0, 0.0));
  EXPECT_EQ(constrainedOptimum(q, 0.0, 0.0).w, Vector2d(0, 0));
  EXPECT_EQ(constrainedOptimum(q, 0.0, 2.0).w, q.optimum);
  // λ‖w‖₀: dropping w₂ saves λ = 0.1 and costs ½·0.04 = 0.02.
  EXPECT_EQ(penalizedOptimum(q, 0.0, 0.1).w, Vector2d(1.0, 0.0));
  EXPECT_EQ(penalizedOptimum(q, 0.0, 0.01).w, q.optimum);
  EXPECT_EQ(penalizedOptimum(q, 0.0, 1.0).w, Vector2d(0, 0));
}

TEST(LpGeometry, QuadraticFromMatrixRoundTrips) {
  Quadratic2 q;
  q.angle = 0.3;
  q.axis1 = 2.0;
  q.axis2 = 0.5;
  const Quadratic2 r = Quadratic2::fromMatrix(Vector2d(1, 2), q.matrix());
  EXPECT_LE((r.matrix() - q.matrix()).cwiseAbs().maxCoeff(), 1e-14);
  // The contour at loss ½ passes through optimum ± axis1·(cos, sin).
  EXPECT_NEAR(q.value(Vector2d(2.0 * std::cos(0.3), 2.0 * std::sin(0.3))), 0.5, 1e-14);
}

TEST(LpGeometry, UnitBallBoundaries) {
  for (double p : {0.3, 0.5, 1.0, 1.5, 2.0, 7.0}) {
    const auto pts = unitBallBoundary(p, 400);
    ASSERT_EQ(pts.size(), 400u);
    for (const Vector2d& w : pts) EXPECT_NEAR(lpNorm(w, p), 1.0, 1e-12) << p;
    EXPECT_EQ(pts[0], Vector2d(1, 0));
    EXPECT_EQ(pts[100], Vector2d(0, 1));
    EXPECT_EQ(pts[200], Vector2d(-1, 0));
  }
  // p < 1: a concave star — the midpoint of two axis tips lies outside.
  EXPECT_GT(lpNorm(Vector2d(0.5, 0.5), 0.5), 1.0);
  const auto sq = unitBallBoundary(kInf, 400);
  for (const Vector2d& w : sq) EXPECT_NEAR(w.cwiseAbs().maxCoeff(), 1.0, 1e-15);
  EXPECT_EQ(sq[0], Vector2d(1, 0));
  EXPECT_EQ(sq[50], Vector2d(1, 1));
}

// p < 1: an optimum next to an axis is on it (the penalty's slope is infinite at 0). Over random scenes, every
// coordinate of the penalized optimum is either exactly 0 or clearly not small (it was −3.4e-58, −4.7e-31, 1.2e-224
// in about a quarter of the scenes whose optimum lies on an axis), and the exact axis point is never beaten.
TEST(LpGeometry, ConcavePenaltyZerosAreExact) {
  Rng rng(2024);
  int onAxis = 0;
  for (int s = 0; s < 300; ++s) {
    const Quadratic2 q = randomQuadratic(rng);
    const double p = rng.uniform(0.05, 0.95);
    const double lambda = rng.uniform(0.01, 1.0);
    const GeometryResult r = penalizedOptimum(q, p, lambda);
    const double big = r.w.cwiseAbs().maxCoeff();
    for (int i = 0; i < 2; ++i)
      EXPECT_TRUE(r.w[i] == 0.0 || std::fabs(r.w[i]) > 1e-6 * big)
          << "scene " << s << ": p = " << p << ", λ = " << lambda << ", w = (" << r.w[0] << ", " << r.w[1] << ")";
    onAxis += big > 0 && (r.w[0] == 0.0 || r.w[1] == 0.0);
  }
  EXPECT_GT(onAxis, 30) << "scenes with an optimum on an axis are what this checks";
}

// The penalized optimum for p > 1 in long double by nested bisection, a method independent of the library's: for a
// fixed w₂ the first optimality condition is increasing in w₁ (one root); the second, taken at that root, is the
// derivative of the partially minimized objective, convex in w₂, hence increasing too.
Vector2d nestedBisection(const Quadratic2& q, double p, double lambda) {
  using LD = long double;
  const auto A = q.matrix();
  auto pen = [&](LD x) { return LD(lambda) * (x < 0 ? -1 : (x > 0 ? 1 : 0)) * std::pow(std::fabs(x), LD(p) - 1); };
  auto g = [&](int i, LD w1, LD w2) {
    return LD(A(i, 0)) * (w1 - LD(q.optimum[0])) + LD(A(i, 1)) * (w2 - LD(q.optimum[1])) + pen(i == 0 ? w1 : w2);
  };
  const LD R = 4 * (std::fabs(q.optimum[0]) + std::fabs(q.optimum[1])) + 1;
  auto root = [&](auto f) {
    LD lo = -R, hi = R;
    for (int it = 0; it < 200 && lo < hi; ++it) {
      const LD mid = (lo + hi) / 2;
      if (mid == lo || mid == hi) break;
      (f(mid) < 0 ? lo : hi) = mid;
    }
    return (lo + hi) / 2;
  };
  auto w1Of = [&](LD w2) { return root([&](LD w1) { return g(0, w1, w2); }); };
  const LD w2 = root([&](LD w2) { return g(1, w1Of(w2), w2); });
  return Vector2d(double(w1Of(w2)), double(w2));
}

// Issue 18: a coordinate like 4.384e-6 was printed with a wrong last digit because the ray search is accurate to
// about 1e-8 in absolute terms. Every coordinate must now be right relative to itself.
TEST(LpGeometry, SmoothPenaltyCoordinatesAreAccurateRelativeToThemselves) {
  Rng rng(77);
  int tiny = 0;
  for (int s = 0; s < 150; ++s) {
    Quadratic2 q = randomQuadratic(rng);
    if (s % 2) q.optimum.y() *= 1e-3;  // every other w* next to an axis
    const double u = rng.uniform(0, 1);
    const double p = u < 0.7 ? 1.02 + 0.97 * u / 0.7 : 2.05 + 2 * (u - 0.7) / 0.3;  // mostly 1 < p < 2
    const double lambda = std::pow(10.0, rng.uniform(-6, 0.5));
    const Vector2d ref = nestedBisection(q, p, lambda);
    const Vector2d w = penalizedOptimum(q, p, lambda).w;
    for (int i = 0; i < 2; ++i) {
      EXPECT_LE(std::fabs(w[i] - ref[i]), 1e-9 * std::fabs(ref[i]) + 1e-300)
          << "scene " << s << ": p = " << p << ", λ = " << lambda << ", w" << i + 1 << " = " << w[i]
          << ", reference " << ref[i];
      char a[32], b[32];  // what the lesson prints
      std::snprintf(a, sizeof a, "%.4g", w[i]);
      std::snprintf(b, sizeof b, "%.4g", ref[i]);
      EXPECT_STREQ(a, b) << "scene " << s;
      tiny += std::fabs(ref[i]) < 1e-4 * ref.cwiseAbs().maxCoeff();
    }
  }
  EXPECT_GE(tiny, 5) << "small coordinates next to large ones are what this checks";
}

}  // namespace
