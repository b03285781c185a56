#include "nr/updatable_cholesky.h"

#include <algorithm>
#include <cmath>

#include "elastic_net_kernels.h"

namespace nr::core {

void UpdatableCholesky::reserve(int capacity) {
  if (capacity <= m_l.rows()) return;
  Eigen::MatrixXd bigger(capacity, capacity);
  bigger.topLeftCorner(m_k, m_k) = m_l.topLeftCorner(m_k, m_k);
  m_l.swap(bigger);
}

bool UpdatableCholesky::append(const Eigen::Ref<const Eigen::VectorXd>& col, double diag, double relPivot) {
  const int k = m_k;
  if (k + 1 > m_l.rows()) reserve(std::max(16, 2 * (k + 1)));  // grow geometrically
  // New row ℓᵀ of L solves L·ℓ = col; the new pivot is √(diag − ‖ℓ‖²).
  m_tmp = col;
  enet::lowerSolve(m_l.data(), m_l.rows(), k, m_tmp.data());
  const double pivot2 = diag - m_tmp.squaredNorm();
  if (!(pivot2 > relPivot * diag) || !std::isfinite(pivot2)) return false;
  m_l.row(k).head(k) = m_tmp.transpose();
  m_l(k, k) = std::sqrt(pivot2);
  m_k = k + 1;
  return true;
}

void UpdatableCholesky::remove(int index) {
  const int k = m_k;
  // Drop row `index` of L: rows below move up, which leaves one entry above the diagonal in each of the columns
  // index+1..k−1 (a Hessenberg shape). M without row/column `index` is still (L without the row)·(same)ᵀ, and a
  // rotation of two columns from the right does not change that product, so rotate each extra entry away.
  for (int c = 0; c < k; ++c)
    for (int r = index; r + 1 < k; ++r) m_l(r, c) = m_l(r + 1, c);
  for (int i = index; i + 1 < k; ++i) {
    const double a = m_l(i, i), b = m_l(i, i + 1);
    const double h = std::hypot(a, b);
    const double c = a / h, s = b / h;
    enet::rotateColumns(&m_l(i, i), &m_l(i, i + 1), k - 1 - i, c, s);
    m_l(i, i + 1) = 0.0;
  }
  m_k = k - 1;
}

void UpdatableCholesky::solveInPlace(Eigen::Ref<Eigen::VectorXd> b) const {
  // Own loops rather than Eigen's: these run at the CPU's full vector width (see elastic_net_kernels.h).
  enet::lowerSolve(m_l.data(), m_l.rows(), m_k, b.data());
  enet::lowerTransposeSolve(m_l.data(), m_l.rows(), m_k, b.data());
}

Eigen::MatrixXd UpdatableCholesky::factor() const { return m_l.topLeftCorner(m_k, m_k).triangularView<Eigen::Lower>(); }

}  // namespace nr::core
