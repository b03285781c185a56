#include "nr/lp_geometry.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <stdexcept>

namespace nr::core {

namespace {

using Eigen::Matrix2d;
using Eigen::Vector2d;

constexpr double kPi = 3.14159265358979323846;
constexpr double kInf = std::numeric_limits<double>::infinity();

double sgn(double v) { return v > 0 ? 1.0 : (v < 0 ? -1.0 : 0.0); }

/// Golden-section search for a minimum of f on [a, b]; returns the argument.
double goldenMin(const std::function<double(double)>& f, double a, double b, int iters = 100) {
  const double r = 0.6180339887498949;
  double x1 = b - r * (b - a), x2 = a + r * (b - a);
  double f1 = f(x1), f2 = f(x2);
  for (int i = 0; i < iters && b - a > 1e-15 * (1 + std::fabs(a) + std::fabs(b)); ++i) {
    if (f1 <= f2) {
      b = x2;
      x2 = x1;
      f2 = f1;
      x1 = b - r * (b - a);
      f1 = f(x1);
    } else {
      a = x1;
      x1 = x2;
      f1 = f2;
      x2 = a + r * (b - a);
      f2 = f(x2);
    }
  }
  return f1 <= f2 ? x1 : x2;
}

/// The point of the sphere ‖w‖_p = t at parameter θ (superellipse form; exact on the axes at multiples of π/2).
Vector2d spherePoint(double p, double t, double theta) {
  double c = std::cos(theta), s = std::sin(theta);
  if (std::fabs(c) < 1e-15) c = 0.0;
  if (std::fabs(s) < 1e-15) s = 0.0;
  if (std::isinf(p)) {
    // Radial projection onto the square.
    const double m = std::max(std::fabs(c), std::fabs(s));
    return Vector2d(t * c / m, t * s / m);
  }
  const double e = 2.0 / p;
  return Vector2d(t * sgn(c) * std::pow(std::fabs(c), e), t * sgn(s) * std::pow(std::fabs(s), e));
}

/// Minimum of the quadratic on the segment from a to b (exact; an endpoint is returned exactly when clamped).
Vector2d segmentMin(const Quadratic2& q, const Matrix2d& A, const Vector2d& a, const Vector2d& b) {
  const Vector2d d = b - a;
  const double curv = d.dot(A * d);
  if (curv <= 0) return q.value(a) <= q.value(b) ? a : b;
  const double s = -d.dot(A * (a - q.optimum)) / curv;
  if (s <= 0) return a;
  if (s >= 1) return b;
  return a + s * d;
}

GeometryResult finishConstrained(const Quadratic2& q, double p, const Vector2d& w, bool closed) {
  GeometryResult r;
  r.w = w;
  r.loss = q.value(w);
  r.penalty = lpNorm(w, p);
  r.objective = r.loss;
  r.closedForm = closed;
  return r;
}

GeometryResult finishPenalized(const Quadratic2& q, double p, double lambda, const Vector2d& w, bool closed) {
  GeometryResult r;
  r.w = w;
  r.loss = q.value(w);
  r.penalty = lpPenalty(w, p);
  r.objective = r.loss + lambda * r.penalty;
  r.closedForm = closed;
  return r;
}

/// Constrained optimum on the boundary of a polygon ball (L1 or L∞), edge by edge.
Vector2d polygonMin(const Quadratic2& q, const std::vector<Vector2d>& corners) {
  const Matrix2d A = q.matrix();
  Vector2d best = corners[0];
  double bestF = q.value(best);
  for (size_t i = 0; i < corners.size(); ++i) {
    const Vector2d w = segmentMin(q, A, corners[i], corners[(i + 1) % corners.size()]);
    const double f = q.value(w);
    if (f < bestF) {
      bestF = f;
      best = w;
    }
  }
  return best;
}

/// Constrained optimum on the sphere ‖w‖_p = t for a general p by sampling θ and refining every sampled local
/// minimum (one for p ≥ 1 in practice, possibly several for p < 1); the axis points are candidates too.
Vector2d sphereSearch(const Quadratic2& q, double p, double t) {
  const int n = p < 1 ? 4096 : 1024;
  std::vector<double> f(n);
  const double step = 2 * kPi / n;
  for (int i = 0; i < n; ++i) f[i] = q.value(spherePoint(p, t, i * step));
  Vector2d best(t, 0.0);
  double bestF = q.value(best);
  for (const Vector2d& axis : {Vector2d(0.0, t), Vector2d(-t, 0.0), Vector2d(0.0, -t)})
    if (q.value(axis) < bestF) {
      bestF = q.value(axis);
      best = axis;
    }
  for (int i = 0; i < n; ++i) {
    const double prev = f[(i + n - 1) % n], next = f[(i + 1) % n];
    if (!(f[i] <= prev && f[i] <= next)) continue;
    const double th = goldenMin([&](double a) { return q.value(spherePoint(p, t, a)); }, (i - 1) * step, (i + 1) * step);
    const Vector2d w = spherePoint(p, t, th);
    if (q.value(w) < bestF) {  // strict: an axis point found by sampling stays the exact axis point
      bestF = q.value(w);
      best = w;
    }
  }
  return best;
}

/// L2 ball: w(μ) = (A + μI)⁻¹A·w*, ‖w(μ)‖ decreases in μ ≥ 0; bisection on μ to ‖w(μ)‖ = t.
Vector2d l2BallMin(const Quadratic2& q, double t) {
  const Matrix2d A = q.matrix();
  const Vector2d b = A * q.optimum;
  auto wOf = [&](double mu) { return Vector2d((A + mu * Matrix2d::Identity()).ldlt().solve(b)); };
  double lo = 0.0, hi = 1.0;
  while (wOf(hi).norm() > t) hi *= 2;
  for (int i = 0; i < 200 && hi - lo > 1e-16 * hi; ++i) {
    const double mid = 0.5 * (lo + hi);
    (wOf(mid).norm() > t ? lo : hi) = mid;
  }
  return wOf(hi);
}

/// The best point with support {i}: w_i = w*_i + (A_ij/A_ii)·w*_j.
Vector2d axisOptimum(const Quadratic2& q, int i) {
  const Matrix2d A = q.matrix();
  const int j = 1 - i;
  Vector2d w = Vector2d::Zero();
  w[i] = q.optimum[i] + A(i, j) / A(i, i) * q.optimum[j];
  return w;
}

/// Penalized optimum for 0 < p < ∞, p ≠ 1, by rays: along w = s·u(θ) with ‖u‖_p = 1 the objective is
/// φ(s) = ½a·s² − b·s + (λ/p)·s^p (+ const), a = uᵀAu, b = uᵀA·w*. For p > 1 φ is convex (one root of φ′ on
/// s > 0 when b > 0); for p < 1, φ″ increases in s, so besides s = 0 there is at most one local minimum, at the root
/// of φ′ beyond the inflection point s₀. Either way each ray is solved by bisection; the profile over θ is sampled
/// and every sampled local minimum refined by golden-section search. Axis rays (θ = k·π/2) are sampled exactly.
Vector2d rayPenalized(const Quadratic2& q, double p, double lambda) {
  const Matrix2d A = q.matrix();
  const Vector2d Aw = A * q.optimum;
  const double kappa = lambda / p;
  auto rayBest = [&](double theta, double& value) {
    const Vector2d u = spherePoint(p, 1.0, theta);
    const double a = u.dot(A * u), b = u.dot(Aw);
    auto dphi = [&](double s) { return a * s - b + kappa * p * std::pow(s, p - 1.0); };
    auto phi = [&](double s) { return 0.5 * a * s * s - b * s + kappa * std::pow(s, p); };
    double lo;
    if (p > 1) {
      if (b <= 0) {
        value = 0.0;
        return Vector2d(Vector2d::Zero());
      }
      lo = 0.0;
    } else {
      lo = std::pow(kappa * p * (1.0 - p) / a, 1.0 / (2.0 - p));  // φ″(s₀) = 0
      if (dphi(lo) >= 0) {
        value = 0.0;
        return Vector2d(Vector2d::Zero());
      }
    }
    double hi = std::max(lo, std::max(b, 0.0) / a) * 2 + 1e-300;
    while (dphi(hi) < 0) hi *= 2;
    for (int i = 0; i < 100 && hi - lo > 1e-16 * hi; ++i) {
      const double mid = 0.5 * (lo + hi);
      (dphi(mid) < 0 ? lo : hi) = mid;
    }
    const double s = 0.5 * (lo + hi);
    value = phi(s);
    if (value >= 0.0) {
      value = 0.0;
      return Vector2d(Vector2d::Zero());
    }
    return Vector2d(s * u);
  };
  const int n = 720;
  const double step = 2 * kPi / n;
  std::vector<double> f(n);
  Vector2d best = Vector2d::Zero();
  double bestF = 0.0;  // w = 0 (values are relative to it)
  Vector2d bestAxis = Vector2d::Zero();  // the best of the four exact axis rays (n is a multiple of 4)
  double bestAxisF = 0.0;
  for (int i = 0; i < n; ++i) {
    const Vector2d w = rayBest(i * step, f[i]);
    if (f[i] < bestF) {
      bestF = f[i];
      best = w;
    }
    if (i % (n / 4) == 0 && f[i] < bestAxisF) {
      bestAxisF = f[i];
      bestAxis = w;
    }
  }
  for (int i = 0; i < n; ++i) {
    const double prev = f[(i + n - 1) % n], next = f[(i + 1) % n];
    if (!(f[i] < 0 && f[i] <= prev && f[i] <= next)) continue;
    const double th = goldenMin(
        [&](double t) {
          double v;
          rayBest(t, v);
          return v;
        },
        (i - 1) * step, (i + 1) * step);
    double v;
    const Vector2d w = rayBest(th, v);
    if (v < bestF) {
      bestF = v;
      best = w;
    }
  }
  // p < 1: the penalty's slope is infinite at 0, so an optimum next to an axis is on it. A search point a hair off
  // the axis (a coordinate like 1e-58) can tie with the axis point at rounding level and win the tie; in exact
  // arithmetic the axis point is strictly lower. Keep the exact axis point on such ties: its zero is exactly 0.
  if (p < 1 && bestAxis != Vector2d::Zero() && best.cwiseAbs().minCoeff() <= 1e-6 * best.cwiseAbs().maxCoeff() &&
      bestAxisF <= bestF + 1e-12 * std::fabs(bestF))
    best = bestAxis;
  return best;
}

/// The nonzero coordinates of a penalized optimum (0 < p < ∞, p ≠ 1) solve
///     g(w) = A(w − w*) + λ·sgn(w)·|w|^(p−1) = 0.
/// The ray search leaves an absolute error of about 1e-8, which is most of the digits of a coordinate like 4e-6.
/// Newton's method on g makes every coordinate accurate relative to itself. For 1 < p < 2 it works in
/// v = sgn(w)|w|^(p−1), where the Jacobian A·diag(dw/dv) + λI stays finite at 0; otherwise in w, where the Hessian
/// A + λ(p−1)·diag(|w|^(p−2)) is finite away from 0 (p < 1: a zero coordinate is exact and stays 0; the others
/// are bounded away from 0). Each step is backtracked on ‖g‖; it stops when ‖g‖ no longer falls, and a result
/// whose objective is not at least as low as the start's (beyond rounding) is not taken.
Vector2d newtonPolish(const Quadratic2& q, double p, double lambda, const Vector2d& start) {
  const Matrix2d A = q.matrix();
  const Eigen::Array2d free(p > 1 || start[0] != 0 ? 1.0 : 0.0, p > 1 || start[1] != 0 ? 1.0 : 0.0);
  if (!free.any()) return start;
  auto grad = [&](const Vector2d& x) {
    Vector2d g = A * (x - q.optimum);
    for (int i = 0; i < 2; ++i) g[i] += lambda * sgn(x[i]) * std::pow(std::fabs(x[i]), p - 1.0);
    return Vector2d(g.array() * free);
  };
  auto objective = [&](const Vector2d& x) { return q.value(x) + lambda * lpPenalty(x, p); };
  Vector2d w = start;
  const bool inV = p > 1 && p < 2;
  auto toV = [&](const Vector2d& x) {
    return Vector2d(sgn(x[0]) * std::pow(std::fabs(x[0]), p - 1.0), sgn(x[1]) * std::pow(std::fabs(x[1]), p - 1.0));
  };
  auto fromV = [&](const Vector2d& v) {
    const double e = 1.0 / (p - 1.0);
    return Vector2d(sgn(v[0]) * std::pow(std::fabs(v[0]), e), sgn(v[1]) * std::pow(std::fabs(v[1]), e));
  };
  Vector2d g = grad(w);
  double r = g.norm();
  for (int it = 0; it < 60 && r > 0; ++it) {
    Vector2d dir;  // the full Newton step, in v (p < 2) or in w
    if (inV) {
      const Vector2d v = toV(w);
      Matrix2d J = A;
      for (int j = 0; j < 2; ++j)
        J.col(j) *= std::pow(std::fabs(v[j]), (2.0 - p) / (p - 1.0)) / (p - 1.0);  // dw_j/dv_j
      J.diagonal().array() += lambda;
      dir = J.partialPivLu().solve(-g);
    } else {
      Matrix2d H = A;
      for (int j = 0; j < 2; ++j) {
        if (free[j] == 0) {
          H.row(j).setZero();
          H.col(j).setZero();
          H(j, j) = 1.0;  // the fixed coordinate: a zero step
        } else {
          H(j, j) += lambda * (p - 1.0) * std::pow(std::fabs(w[j]), p - 2.0);
        }
      }
      dir = H.partialPivLu().solve(-g);
    }
    if (!dir.allFinite()) break;
    bool improved = false;
    for (double t = 1.0; t > 1e-6; t *= 0.5) {
      const Vector2d next = inV ? fromV(toV(w) + t * dir) : Vector2d(w + t * dir);
      const Vector2d gn = grad(next);
      if (gn.allFinite() && gn.norm() < r) {
        w = next;
        g = gn;
        r = gn.norm();
        improved = true;
        break;
      }
    }
    if (!improved) break;
  }
  const double f0 = objective(start);
  return objective(w) <= f0 + 1e-13 * (std::fabs(f0) + q.value(Vector2d::Zero())) ? w : start;
}

}  // namespace

Quadratic2 randomQuadratic(Rng& rng) {
  Quadratic2 q;
  const double x = rng.uniform(-2, 2);
  const double y = rng.uniform(-2, 2);
  q.optimum = Vector2d(x, y);
  q.angle = rng.uniform(0, kPi);
  const double ratio = rng.uniform(1, 6);
  q.axis1 = std::sqrt(ratio);
  q.axis2 = 1 / std::sqrt(ratio);
  return q;
}

Matrix2d Quadratic2::matrix() const {
  const double c = std::cos(angle), s = std::sin(angle);
  Matrix2d r;
  r << c, -s, s, c;
  const Vector2d d(1.0 / (axis1 * axis1), 1.0 / (axis2 * axis2));
  return r * d.asDiagonal() * r.transpose();
}

double Quadratic2::value(const Vector2d& w) const {
  const Vector2d d = w - optimum;
  return 0.5 * d.dot(matrix() * d);
}

Quadratic2 Quadratic2::fromMatrix(const Vector2d& optimum, const Matrix2d& a) {
  Eigen::SelfAdjointEigenSolver<Matrix2d> es(a);
  if (es.info() != Eigen::Success || !(es.eigenvalues()[0] > 0))
    throw std::invalid_argument("the loss matrix must be symmetric positive definite");
  Quadratic2 q;
  q.optimum = optimum;
  q.axis1 = 1.0 / std::sqrt(es.eigenvalues()[0]);
  q.axis2 = 1.0 / std::sqrt(es.eigenvalues()[1]);
  q.angle = std::atan2(es.eigenvectors()(1, 0), es.eigenvectors()(0, 0));
  return q;
}

double lpNorm(const Vector2d& w, double p) {
  if (p == 0) return (w[0] != 0.0) + (w[1] != 0.0);
  if (std::isinf(p)) return w.cwiseAbs().maxCoeff();
  return std::pow(std::pow(std::fabs(w[0]), p) + std::pow(std::fabs(w[1]), p), 1.0 / p);
}

double lpPenalty(const Vector2d& w, double p) {
  if (p == 0 || std::isinf(p)) return lpNorm(w, p);
  return (std::pow(std::fabs(w[0]), p) + std::pow(std::fabs(w[1]), p)) / p;
}

GeometryResult elasticNetOptimum(const Quadratic2& q, double lambda, double alpha) {
  // ½wᵀMw − bᵀw + λα‖w‖₁ with M = A + λ(1−α)I, b = A·w*. The minimizer is one of the 9 sign-pattern candidates
  // (its own pattern's KKT solution); every candidate is a real point, so the smallest objective wins.
  const Matrix2d A = q.matrix();
  const Vector2d b = A * q.optimum;
  const double l1 = lambda * alpha, l2 = lambda * (1.0 - alpha);
  const Matrix2d M = A + l2 * Matrix2d::Identity();
  auto objective = [&](const Vector2d& w) {
    return q.value(w) + lambda * (alpha * w.lpNorm<1>() + 0.5 * (1.0 - alpha) * w.squaredNorm());
  };
  Vector2d best = Vector2d::Zero();
  double bestF = objective(best);
  auto consider = [&](const Vector2d& w) {
    const double f = objective(w);
    if (f < bestF) {
      bestF = f;
      best = w;
    }
  };
  for (int i = 0; i < 2; ++i) {
    const double z = b[i];
    Vector2d w = Vector2d::Zero();
    w[i] = (z > l1 ? z - l1 : (z < -l1 ? z + l1 : 0.0)) / M(i, i);
    consider(w);
  }
  for (double s0 : {-1.0, 1.0})
    for (double s1 : {-1.0, 1.0}) {
      const Vector2d w = M.ldlt().solve(b - l1 * Vector2d(s0, s1));
      if (w[0] * s0 > 0 && w[1] * s1 > 0) consider(w);
    }
  GeometryResult r;
  r.w = best;
  r.loss = q.value(best);
  r.penalty = alpha * best.lpNorm<1>() + 0.5 * (1.0 - alpha) * best.squaredNorm();
  r.objective = bestF;
  r.closedForm = true;
  return r;
}

GeometryResult constrainedOptimum(const Quadratic2& q, double p, double t) {
  if (!(p >= 0) || !(t >= 0)) throw std::invalid_argument("p must be in [0, ∞] and the budget t must be ≥ 0");
  if (p == 0) {
    const int k = static_cast<int>(std::floor(t));
    if (k >= 2) return finishConstrained(q, p, q.optimum, true);
    if (k == 0) return finishConstrained(q, p, Vector2d::Zero(), true);
    const Vector2d a = axisOptimum(q, 0), b = axisOptimum(q, 1);
    return finishConstrained(q, p, q.value(a) <= q.value(b) ? a : b, true);
  }
  if (lpNorm(q.optimum, p) <= t) return finishConstrained(q, p, q.optimum, true);
  if (t == 0) return finishConstrained(q, p, Vector2d::Zero(), true);
  if (p == 1)
    return finishConstrained(q, p, polygonMin(q, {{t, 0.0}, {0.0, t}, {-t, 0.0}, {0.0, -t}}), true);
  if (std::isinf(p))
    return finishConstrained(q, p, polygonMin(q, {{t, t}, {-t, t}, {-t, -t}, {t, -t}}), true);
  if (p == 2) return finishConstrained(q, p, l2BallMin(q, t), true);
  return finishConstrained(q, p, sphereSearch(q, p, t), false);
}

GeometryResult penalizedOptimum(const Quadratic2& q, double p, double lambda) {
  if (!(p >= 0) || !(lambda >= 0)) throw std::invalid_argument("p must be in [0, ∞] and λ must be ≥ 0");
  if (lambda == 0) return finishPenalized(q, p, lambda, q.optimum, true);
  if (p == 1) return elasticNetOptimum(q, lambda, 1.0);
  if (p == 2) {
    GeometryResult r = elasticNetOptimum(q, lambda, 0.0);
    return finishPenalized(q, p, lambda, r.w, true);
  }
  if (p == 0) {
    Vector2d best = Vector2d::Zero();
    double bestF = q.value(best);
    for (const Vector2d& w : {axisOptimum(q, 0), axisOptimum(q, 1), Vector2d(q.optimum)}) {
      const double f = q.value(w) + lambda * lpNorm(w, 0);
      if (f < bestF) {
        bestF = f;
        best = w;
      }
    }
    return finishPenalized(q, p, lambda, best, true);
  }
  if (!std::isinf(p)) {
    const Vector2d w = newtonPolish(q, p, lambda, rayPenalized(q, p, lambda));
    return finishPenalized(q, p, lambda, w, false);
  }
  // L∞: over the radius t = ‖w‖_∞, F(t) = V(t) + λt with V(t) the (exact, polygon) constrained loss. Every w has
  // F(w) ≥ F(‖w‖_∞), and F is convex in t, so a golden-section search on t finds the optimum.
  const double top = lpNorm(q.optimum, p);
  auto F = [&](double t) { return constrainedOptimum(q, p, t).loss + lambda * t; };
  double bestT = goldenMin(F, 0.0, top, 100);
  if (F(0.0) <= F(bestT)) bestT = 0.0;
  const Vector2d w = bestT == 0.0 ? Vector2d::Zero() : constrainedOptimum(q, p, bestT).w;
  return finishPenalized(q, p, lambda, w, false);
}

std::vector<Vector2d> unitBallBoundary(double p, int count) {
  std::vector<Vector2d> pts;
  if (count < 4) count = 4;
  if (p == 0) return {{1, 0}, {0, 0}, {0, 1}, {0, 0}, {-1, 0}, {0, 0}, {0, -1}, {0, 0}};
  if (std::isinf(p)) {
    // Walk the square's perimeter evenly (length 8), corners included.
    const Vector2d c[4] = {{1, 1}, {-1, 1}, {-1, -1}, {1, -1}};
    for (int i = 0; i < count; ++i) {
      const double s = 8.0 * i / count + 1.0;  // start at (1, 0)
      const int e = static_cast<int>(std::floor(s / 2.0)) % 4;
      const double f = std::fmod(s, 2.0) / 2.0;
      const Vector2d a = c[(e + 3) % 4], b = c[e];
      pts.push_back(a + f * (b - a));
    }
    return pts;
  }
  for (int i = 0; i < count; ++i) pts.push_back(spherePoint(p, 1.0, 2 * kPi * i / count));
  return pts;
}

}  // namespace nr::core
