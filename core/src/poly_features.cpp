#include "nr/poly_features.h"

#include <cmath>
#include <stdexcept>
#include <string>

namespace nr::core {

PolyFeatures::PolyFeatures(const Eigen::VectorXd& x, int degree) : m_degree(degree) {
  if (degree < 1 || degree > 15)
    throw std::invalid_argument("the polynomial degree must be from 1 to 15, got " + std::to_string(degree));
  if (x.size() < 2) throw std::invalid_argument("polynomial features need at least 2 training inputs");
  if (!x.allFinite()) throw std::invalid_argument("the training inputs contain NaN or infinite values");
  const double lo = x.minCoeff(), hi = x.maxCoeff();
  if (!(hi > lo)) throw std::invalid_argument("all training inputs are equal; a curve needs at least 2 distinct x");
  m_centre = 0.5 * (lo + hi);
  m_halfRange = 0.5 * (hi - lo);
  const Eigen::MatrixXd p = powers(x);
  m_means = p.colwise().mean().transpose();
  m_scales.resize(degree);
  for (int k = 0; k < degree; ++k) {
    const double sd = std::sqrt((p.col(k).array() - m_means[k]).square().mean());
    // Only a constant column (e.g. u² when the inputs are ±1 only) has sd 0: leave it centred at 0, unscaled.
    m_scales[k] = sd > 0 ? sd : 1.0;
  }
}

Eigen::MatrixXd PolyFeatures::powers(const Eigen::VectorXd& x) const {
  Eigen::MatrixXd p(x.size(), m_degree);
  const Eigen::ArrayXd u = (x.array() - m_centre) / m_halfRange;
  Eigen::ArrayXd cur = u;
  for (int k = 0; k < m_degree; ++k) {
    p.col(k) = cur.matrix();
    cur *= u;
  }
  return p;
}

Eigen::MatrixXd PolyFeatures::transform(const Eigen::VectorXd& x) const {
  Eigen::MatrixXd p = powers(x);
  for (int k = 0; k < m_degree; ++k) p.col(k) = (p.col(k).array() - m_means[k]) / m_scales[k];
  return p;
}

}  // namespace nr::core
