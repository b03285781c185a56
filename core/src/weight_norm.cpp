#include "nr/weight_norm.h"

#include <stdexcept>

namespace nr::core {

Eigen::MatrixXd weightNorm(const Eigen::VectorXd& g, const Eigen::MatrixXd& v) {
  if (g.size() != v.rows()) throw std::invalid_argument("weight norm needs one gain g per row of v");
  Eigen::MatrixXd w(v.rows(), v.cols());
  for (Eigen::Index r = 0; r < v.rows(); ++r) {
    const double norm = v.row(r).norm();
    if (!(norm > 0)) throw std::invalid_argument("weight norm: row " + std::to_string(r) + " of v is zero");
    w.row(r) = g(r) / norm * v.row(r);
  }
  return w;
}

WeightNormGrad weightNormBackward(const Eigen::VectorXd& g, const Eigen::MatrixXd& v, const Eigen::MatrixXd& gradW) {
  if (g.size() != v.rows() || gradW.rows() != v.rows() || gradW.cols() != v.cols())
    throw std::invalid_argument("weight norm backward: g, v and dL/dw shapes disagree");
  WeightNormGrad out{Eigen::VectorXd(v.rows()), Eigen::MatrixXd(v.rows(), v.cols())};
  for (Eigen::Index r = 0; r < v.rows(); ++r) {
    const double norm = v.row(r).norm();
    if (!(norm > 0)) throw std::invalid_argument("weight norm: row " + std::to_string(r) + " of v is zero");
    const Eigen::RowVectorXd u = v.row(r) / norm;  // direction of w
    const double along = gradW.row(r).dot(u);
    out.g(r) = along;
    // Project out the component along v: v's length cannot change the loss, only its direction can.
    out.v.row(r) = g(r) / norm * (gradW.row(r) - along * u);
  }
  return out;
}

Eigen::VectorXd weightNorm(double g, const Eigen::VectorXd& v) {
  Eigen::VectorXd gv(1);
  gv(0) = g;
  return weightNorm(gv, Eigen::MatrixXd(v.transpose())).row(0).transpose();
}

void weightNormBackward(double g, const Eigen::VectorXd& v, const Eigen::VectorXd& gradW, double& gradG,
                        Eigen::VectorXd& gradV) {
  Eigen::VectorXd gv(1);
  gv(0) = g;
  WeightNormGrad r = weightNormBackward(gv, Eigen::MatrixXd(v.transpose()), Eigen::MatrixXd(gradW.transpose()));
  gradG = r.g(0);
  gradV = r.v.row(0).transpose();
}

}  // namespace nr::core
