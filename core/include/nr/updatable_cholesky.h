#pragma once
// A Cholesky factor M = L·Lᵀ of a symmetric positive definite matrix that follows M as rows and columns are added
// at the end or removed anywhere, in O(k²) per change instead of the O(k³) of refactorizing. The elastic-net
// solver keeps one for the Gram block of its active set, whose members come and go a few at a time along a path.

#include <Eigen/Dense>

namespace nr::core {

class UpdatableCholesky {
 public:
  /// Order k of the factored matrix.
  int size() const { return m_k; }
  void clear() { m_k = 0; }
  /// Room for an order up to `capacity` without reallocating (it grows by itself past that).
  void reserve(int capacity);

  /// Borders M with a new last row and column: `col` = M(0..k−1, k) (k entries), `diag` = M(k, k). Returns false
  /// and leaves the factor unchanged when the new pivot is not safely positive: its square would be at most
  /// `relPivot`·diag, i.e. the new column is (numerically) a combination of the others.
  bool append(const Eigen::Ref<const Eigen::VectorXd>& col, double diag, double relPivot = 1e-10);

  /// Removes row and column `index` of M (later ones move up by one): Givens rotations restore the triangle.
  void remove(int index);

  /// Solves M·x = b in place (b has size() entries).
  void solveInPlace(Eigen::Ref<Eigen::VectorXd> b) const;

  /// L (size() × size(), lower triangular; for tests).
  Eigen::MatrixXd factor() const;

 private:
  Eigen::MatrixXd m_l;  ///< capacity × capacity; the leading k × k lower triangle is L
  Eigen::VectorXd m_tmp;
  int m_k = 0;
};

}  // namespace nr::core
