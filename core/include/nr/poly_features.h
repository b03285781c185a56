#pragma once
// Polynomial features of one input for the curve-fitting lesson: the columns u, u², …, u^d, each standardized.
//
// Why two steps (the numerical trap avoided): raw powers of x in a small range are useless at degree 15 — for
// x in [0, 0.1], x^15 is about 1e-15 and the columns are nearly parallel, so XᵀX has a condition number beyond
// 1e30 and any solver returns noise. We first map the training inputs affinely onto [−1, 1]
// (u = (x − centre)/half-range), where every power stays O(1), and then standardize each column with its training
// mean and population standard deviation, so every coefficient is penalized on the same scale (what λ means in a
// lasso or ridge fit). For 30 uniform inputs on [0, 0.1] at degree 15 this takes the condition number of the
// feature matrix from 6e23 (raw powers) to 4e5 (tests/core/poly_features_test.cpp); what remains (powers of one
// variable stay correlated) the penalty, or the direct solve at λ = 0, copes with.
//
// The scaling is learned from the training inputs once; transform() applies that same scaling to test inputs and
// to the points of a plotted curve (never refit on them).

#include <Eigen/Dense>

namespace nr::core {

class PolyFeatures {
 public:
  /// Learns the scaling from training inputs. Throws std::invalid_argument for a degree outside 1..15, fewer than
  /// 2 inputs, non-finite inputs, or inputs that are all equal.
  PolyFeatures(const Eigen::VectorXd& trainingX, int degree);

  /// n × degree standardized features of x (column k−1 holds the power k).
  Eigen::MatrixXd transform(const Eigen::VectorXd& x) const;

  int degree() const { return m_degree; }
  /// u = (x − centre())/halfRange() maps the training inputs onto [−1, 1].
  double centre() const { return m_centre; }
  double halfRange() const { return m_halfRange; }
  /// Training mean and standard deviation of each power of u (length degree).
  const Eigen::VectorXd& means() const { return m_means; }
  const Eigen::VectorXd& scales() const { return m_scales; }

 private:
  Eigen::MatrixXd powers(const Eigen::VectorXd& x) const;

  int m_degree = 1;
  double m_centre = 0.0, m_halfRange = 1.0;
  Eigen::VectorXd m_means, m_scales;
};

}  // namespace nr::core
