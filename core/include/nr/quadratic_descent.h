#pragma once
// Gradient descent on a 2-D quadratic bowl, in three parameterizations the weight-norm lesson compares:
//   plain          w ← w − η·∇L(w)
//   weight decay   w ← w − η·(∇L(w) + λ·w)             (shrinks w towards 0 every step)
//   weight norm    g ← g − η·∂L/∂g,  v ← v − η·∂L/∂v,  w = g·v/‖v‖   (Salimans & Kingma 2016)
// The bowl is L(w) = ½ (w − w*)ᵀ A (w − w*), A = R(θ)·diag(a₁, a₂)·R(θ)ᵀ: its contours are ellipses with axes
// along θ and θ + 90°, which the lesson draws as lines (no texture needed).

#include <Eigen/Dense>
#include <vector>

namespace nr::core {

struct QuadraticBowl {
  Eigen::Vector2d optimum{1.0, 1.0};  ///< w*
  double a1 = 1.0, a2 = 1.0;          ///< curvatures along θ and θ + 90° (> 0)
  double angle = 0.0;                 ///< θ, radians

  Eigen::Matrix2d hessian() const;
  double loss(const Eigen::Vector2d& w) const;
  Eigen::Vector2d grad(const Eigen::Vector2d& w) const;
  /// The points of the level set L(w) = level, as a closed polyline of `count` points (count ≥ 3).
  std::vector<Eigen::Vector2d> levelSet(double level, int count) const;
};

/// Plain gradient descent with optional L2 weight decay λ: the path w₀, w₁, ..., w_steps.
std::vector<Eigen::Vector2d> descendPlain(const QuadraticBowl& q, const Eigen::Vector2d& w0, double lr, int steps,
                                          double decay = 0.0);

struct WeightNormPath {
  std::vector<Eigen::Vector2d> w, v;  ///< steps + 1 points each
  std::vector<double> g;
};

/// Gradient descent on (g, v) with w = g·v/‖v‖, from g0 and v0 (v0 ≠ 0). The gradients come from
/// nr::core::weightNormBackward.
WeightNormPath descendWeightNorm(const QuadraticBowl& q, double g0, const Eigen::Vector2d& v0, double lr, int steps);

}  // namespace nr::core
