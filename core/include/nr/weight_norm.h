#pragma once
// Weight normalization (Salimans & Kingma 2016): w = g · v / ‖v‖.
// The length of w is g and its direction is v/‖v‖, so the two are learned separately. For a loss L(w):
//   ∂L/∂g = ∇_w L · v/‖v‖                       (the part of the gradient along w)
//   ∂L/∂v = (g/‖v‖) · (I − v vᵀ/‖v‖²) ∇_w L     (the part orthogonal to v, scaled by g/‖v‖)
// For a matrix, each row (output unit) has its own g, as PyTorch's weight_norm with dim = 0.

#include <Eigen/Dense>

namespace nr::core {

struct WeightNormGrad {
  Eigen::VectorXd g;  ///< ∂L/∂g, one per row
  Eigen::MatrixXd v;  ///< ∂L/∂v, shape of v
};

/// w = g ⊙ v/‖v‖ row-wise. @param g  one gain per row of v; every row of v must be non-zero.
Eigen::MatrixXd weightNorm(const Eigen::VectorXd& g, const Eigen::MatrixXd& v);

/// Gradients with respect to g and v, given ∂L/∂w (shape of v).
WeightNormGrad weightNormBackward(const Eigen::VectorXd& g, const Eigen::MatrixXd& v, const Eigen::MatrixXd& gradW);

/// The same for one vector (a single output unit).
Eigen::VectorXd weightNorm(double g, const Eigen::VectorXd& v);
void weightNormBackward(double g, const Eigen::VectorXd& v, const Eigen::VectorXd& gradW, double& gradG,
                        Eigen::VectorXd& gradV);

}  // namespace nr::core
