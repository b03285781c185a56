#include "nr/quadratic_descent.h"

#include <cmath>
#include <stdexcept>

#include "nr/weight_norm.h"

namespace nr::core {

Eigen::Matrix2d QuadraticBowl::hessian() const {
  Eigen::Matrix2d r;
  r << std::cos(angle), -std::sin(angle), std::sin(angle), std::cos(angle);
  return r * Eigen::Vector2d(a1, a2).asDiagonal() * r.transpose();
}

double QuadraticBowl::loss(const Eigen::Vector2d& w) const {
  const Eigen::Vector2d d = w - optimum;
  return 0.5 * d.dot(hessian() * d);
}

Eigen::Vector2d QuadraticBowl::grad(const Eigen::Vector2d& w) const { return hessian() * (w - optimum); }

std::vector<Eigen::Vector2d> QuadraticBowl::levelSet(double level, int count) const {
  // Along the principal axes the ellipse ½(a₁u² + a₂v²) = level has semi-axes √(2·level/a).
  const double ru = std::sqrt(2.0 * std::max(level, 0.0) / a1), rv = std::sqrt(2.0 * std::max(level, 0.0) / a2);
  const double c = std::cos(angle), s = std::sin(angle);
  std::vector<Eigen::Vector2d> pts(static_cast<size_t>(std::max(count, 3)));
  for (size_t i = 0; i < pts.size(); ++i) {
    const double t = 2.0 * M_PI * static_cast<double>(i) / static_cast<double>(pts.size() - 1);
    const double u = ru * std::cos(t), v = rv * std::sin(t);
    pts[i] = optimum + Eigen::Vector2d(c * u - s * v, s * u + c * v);
  }
  return pts;
}

std::vector<Eigen::Vector2d> descendPlain(const QuadraticBowl& q, const Eigen::Vector2d& w0, double lr, int steps,
                                          double decay) {
  std::vector<Eigen::Vector2d> path{w0};
  Eigen::Vector2d w = w0;
  for (int t = 0; t < steps; ++t) {
    w -= lr * (q.grad(w) + decay * w);
    path.push_back(w);
  }
  return path;
}

WeightNormPath descendWeightNorm(const QuadraticBowl& q, double g0, const Eigen::Vector2d& v0, double lr, int steps) {
  if (!(v0.norm() > 0)) throw std::invalid_argument("weight norm needs a non-zero v");
  WeightNormPath p;
  double g = g0;
  Eigen::VectorXd v = v0;
  for (int t = 0;; ++t) {
    const Eigen::Vector2d w = weightNorm(g, v);
    p.w.push_back(w);
    p.v.push_back(v);
    p.g.push_back(g);
    if (t == steps) break;
    double dg = 0.0;
    Eigen::VectorXd dv;
    weightNormBackward(g, v, q.grad(w), dg, dv);
    g -= lr * dg;
    v -= lr * dv;
    // The update is orthogonal to v, so ‖v‖ only grows: it cannot reach 0 and the path stays defined.
  }
  return p;
}

}  // namespace nr::core
