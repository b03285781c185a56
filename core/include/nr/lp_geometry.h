#pragma once
// Exact 2-D geometry of penalized and constrained least squares, for the penalty-geometry picture: the point where
// a loss contour touches an Lp ball is computed, not guessed from the drawing.
//
// The loss is the quadratic ½(w − w*)ᵀA(w − w*). It is what (1/2n)‖y − Xw‖² becomes with A = XᵀX/n and w* the
// least-squares solution (up to a constant), so the penalized forms below use exactly the elastic-net conventions
// of nr/elastic_net.h:
//     penalized:    minimize ½(w − w*)ᵀA(w − w*) + λ·P_p(w)
//                   P_p(w) = (1/p)·Σ|w_i|^p for 0 < p < ∞   (p = 1: ‖w‖₁, the lasso; p = 2: ½‖w‖², ridge)
//                   P_∞(w) = ‖w‖_∞,   P_0(w) = ‖w‖₀ (the number of nonzeros)
//     elastic net:  minimize ½(w − w*)ᵀA(w − w*) + λ(α‖w‖₁ + (1−α)/2·‖w‖²)
//     constrained:  minimize ½(w − w*)ᵀA(w − w*) subject to ‖w‖_p ≤ t   (p = 0: at most ⌊t⌋ nonzeros)
//
// Methods: closed forms where they exist — L1 and elastic net by enumerating the 9 sign patterns of the KKT
// conditions, L2 by a linear solve (penalized) or the monotone secular equation in the multiplier (constrained),
// L1 and L∞ balls (polygons) by minimizing along each edge — and L0 by enumerating the 4 supports.
// Other p (numeric, global): the constrained optimum by dense sampling of the sphere ‖w‖_p = t (1024 points,
// 4096 for the non-convex p < 1) with golden-section refinement of every sampled local minimum, always comparing
// the four axis points where a p < 1 ball has its corners (returned exactly, so zeros are exact 0.0); the
// penalized optimum by rays: along each direction the 1-D problem has at most one interior local minimum besides
// 0 (solved by bisection), and the profile over 720 directions is refined the same way. L∞ penalized: golden-
// section search on the radius t, over which the objective is convex. For 1 < p < ∞ the ray result is then polished
// by Newton's method on the optimality condition, so every coordinate is accurate relative to itself (a coordinate
// of 4e-6 keeps its digits). Other numeric results are accurate to about 1e-8·scale (a few ms per call); closed
// forms to rounding (microseconds).

#include <Eigen/Dense>
#include <vector>

#include "nr/rng.h"

namespace nr::core {

/// ½(w − w*)ᵀA(w − w*) with A = R(angle)·diag(1/axis1², 1/axis2²)·R(angle)ᵀ: the contour at loss ½ is the ellipse
/// around w* with semi-axis axis1 along the direction `angle` (radians) and axis2 across it.
struct Quadratic2 {
  Eigen::Vector2d optimum{0.0, 0.0};
  double angle = 0.0;
  double axis1 = 1.0, axis2 = 1.0;

  Eigen::Matrix2d matrix() const;
  double value(const Eigen::Vector2d& w) const;
  /// From any symmetric positive definite A (angle and axes derived from its eigen-decomposition).
  static Quadratic2 fromMatrix(const Eigen::Vector2d& optimum, const Eigen::Matrix2d& a);
};

/// A random loss as penalty-geometry's Monte-Carlo count draws it: w* uniform in [−2, 2]², angle uniform in [0, π),
/// axis ratio uniform in [1, 6] (axes √ratio and 1/√ratio). The draws are made in that order, in named steps, so
/// every compiler (the desktop and the web edition) draws the same losses from the same seed.
Quadratic2 randomQuadratic(Rng& rng);

/// p = 0 means L0, p = +∞ (std::numeric_limits<double>::infinity()) means L∞.
struct GeometryResult {
  Eigen::Vector2d w{0.0, 0.0};
  double loss = 0.0;       ///< ½(w − w*)ᵀA(w − w*)
  double penalty = 0.0;    ///< P_p(w) (penalized forms) or ‖w‖_p (constrained forms)
  double objective = 0.0;  ///< loss + λ·penalty (penalized) or loss (constrained)
  bool closedForm = false; ///< true when computed in closed form (exact up to rounding)
};

/// ‖w‖_p (p = 0: nonzeros, p = ∞: max |w_i|; for p < 1 the quasi-norm (Σ|w_i|^p)^(1/p)).
double lpNorm(const Eigen::Vector2d& w, double p);
/// P_p(w) as defined at the top of this file.
double lpPenalty(const Eigen::Vector2d& w, double p);

/// minimize loss + λ·P_p(w); p in [0, ∞], λ ≥ 0.
GeometryResult penalizedOptimum(const Quadratic2& q, double p, double lambda);
/// minimize loss + λ(α‖w‖₁ + (1−α)/2‖w‖²); α in [0, 1] (closed form).
GeometryResult elasticNetOptimum(const Quadratic2& q, double lambda, double alpha);
/// minimize loss subject to ‖w‖_p ≤ t; p in [0, ∞], t ≥ 0 (p = 0: t is the number of nonzeros allowed).
GeometryResult constrainedOptimum(const Quadratic2& q, double p, double t);

/// `count` points on the unit sphere ‖w‖_p = 1, counter-clockwise from (1, 0), as a closed curve (the last point
/// connects to the first). Uses w = (sgn c·|c|^(2/p), sgn s·|s|^(2/p)) for (c, s) = (cos θ, sin θ), which puts the
/// points where the curve bends, so p < 1 stars keep sharp arms; the four axis points are exact. p = ∞ gives the
/// square, p = 0 the L0 "ball" ‖w‖₀ ≤ 1 drawn as the two axis segments (a polyline through the origin).
std::vector<Eigen::Vector2d> unitBallBoundary(double p, int count);

}  // namespace nr::core
