#pragma once
// Feature scaling and why it matters for gradient descent and for penalties (the feature-scaling lesson).
//
// Scalings, column by column (x − shift)/scale, as scikit-learn's scalers: min-max (shift = min, scale = max − min),
// standardization (mean, population standard deviation, ddof = 0), robust (median, interquartile range with
// numpy's linear quantiles). A constant column keeps scale 1, as scikit-learn does.
//
// The least-squares problem is L(w) = (1/2n)‖y_c − X_c·w‖² on column-centred X and centred y: that is the loss with
// the intercept already at its best value, so the contours over the weights alone show the whole story. Its
// Hessian H = X_cᵀX_c/n decides gradient descent: it is stable for η < 2/λ_max(H) and slow when λ_max/λ_min is large.

#include <Eigen/Dense>
#include <vector>

namespace nr::core {

enum class Scaling { None, MinMax, Standard, Robust };

struct ColumnScaling {
  Eigen::VectorXd shift, scale;  ///< one per column: x' = (x − shift)/scale
};

/// numpy.quantile(values, q) with the default linear interpolation; q in [0, 1]; values must not be empty.
double quantile(std::vector<double> values, double q);

ColumnScaling fitScaling(const Eigen::MatrixXd& x, Scaling kind);
Eigen::MatrixXd applyScaling(const Eigen::MatrixXd& x, const ColumnScaling& s);

struct LeastSquares {
  Eigen::MatrixXd hessian;  ///< H = X_cᵀX_c/n
  Eigen::VectorXd b;        ///< X_cᵀy_c/n
  Eigen::VectorXd optimum;  ///< w* = H⁻¹b
  double minLoss = 0.0;     ///< L(w*)
  double yy = 0.0;          ///< y_cᵀy_c/(2n)

  double loss(const Eigen::VectorXd& w) const { return yy - b.dot(w) + 0.5 * w.dot(hessian * w); }
  Eigen::VectorXd grad(const Eigen::VectorXd& w) const { return hessian * w - b; }
};

/// The centred least-squares problem of (x, y). Throws std::invalid_argument on mismatched sizes or fewer than 2 rows.
LeastSquares centeredLeastSquares(const Eigen::MatrixXd& x, const Eigen::VectorXd& y);

/// 2/λ_max(H): gradient descent on a quadratic diverges at any larger step size.
double largestStableRate(const Eigen::MatrixXd& hessian);

struct DescentRun {
  std::vector<Eigen::VectorXd> path;  ///< w₀ … w_k, at most maxPath + 1 points (fewer if it converged or blew up)
  int stepsToConverge = -1;           ///< first t with ‖w_t − w*‖ ≤ tol·‖w₀ − w*‖; −1 if not within maxSteps
  bool diverged = false;              ///< ‖w_t − w*‖ grew past 1e6·‖w₀ − w*‖
};

/// Plain gradient descent w ← w − η∇L from w0.
DescentRun gradientDescent(const LeastSquares& ls, const Eigen::VectorXd& w0, double lr, int maxPath, double tol,
                           int maxSteps);

/// Ridge weights for (1/2n)‖y_c − X_c·w‖² + (λ/2)‖w‖²: (H + λI)⁻¹b.
Eigen::VectorXd ridge(const LeastSquares& ls, double lambda);

}  // namespace nr::core
