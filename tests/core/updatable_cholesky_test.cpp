// nr::core::UpdatableCholesky against Eigen's LLT of the same matrix, refactorized from scratch after every change.
#include "nr/updatable_cholesky.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

#include "nr/rng.h"

namespace {

using Eigen::MatrixXd;
using Eigen::VectorXd;
using nr::core::UpdatableCholesky;

/// A random SPD matrix BᵀB/m + 0.1·I of order k.
MatrixXd randomSpd(int k, uint64_t seed) {
  nr::core::Rng rng(seed);
  MatrixXd b(k + 5, k);
  for (int j = 0; j < k; ++j)
    for (int i = 0; i < k + 5; ++i) b(i, j) = rng.normal();
  MatrixXd m = b.transpose() * b / (k + 5);
  m.diagonal().array() += 0.1;
  return m;
}

MatrixXd sub(const MatrixXd& m, const std::vector<int>& idx) {
  MatrixXd s(idx.size(), idx.size());
  for (size_t a = 0; a < idx.size(); ++a)
    for (size_t b = 0; b < idx.size(); ++b) s(a, b) = m(idx[a], idx[b]);
  return s;
}

void appendIndex(UpdatableCholesky& chol, const MatrixXd& m, std::vector<int>& idx, int j) {
  VectorXd col(idx.size());
  for (size_t a = 0; a < idx.size(); ++a) col[a] = m(idx[a], j);
  ASSERT_TRUE(chol.append(col, m(j, j)));
  idx.push_back(j);
}

TEST(UpdatableCholesky, FollowsAppendsAndRemovalsAnywhere) {
  const MatrixXd m = randomSpd(40, 3);
  UpdatableCholesky chol;
  std::vector<int> idx;
  nr::core::Rng rng(9);
  // Grow past the initial capacity (16), then mix removals (first, last, middle) with appends of any index not in
  // the set (also ones that left before, as variables re-enter an active set).
  for (int step = 0; step < 160; ++step) {
    const bool grow = idx.empty() || (idx.size() < 40 && (step < 30 || rng.uniform(0, 1) < 0.5));
    if (grow) {
      int j = static_cast<int>(rng.below(40));
      while (std::find(idx.begin(), idx.end(), j) != idx.end()) j = (j + 1) % 40;
      appendIndex(chol, m, idx, j);
    } else {
      const int at = step % 3 == 0   ? 0
                     : step % 3 == 1 ? static_cast<int>(idx.size()) - 1
                                     : static_cast<int>(rng.below(idx.size()));
      chol.remove(at);
      idx.erase(idx.begin() + at);
    }
    ASSERT_EQ(chol.size(), static_cast<int>(idx.size()));
    if (idx.empty()) continue;
    const MatrixXd s = sub(m, idx);
    const MatrixXd ref = s.llt().matrixL();
    const MatrixXd l = chol.factor();
    // The factor is unique (positive diagonal), so it matches a fresh one, not just reproduces the matrix.
    EXPECT_LE((l - ref).cwiseAbs().maxCoeff(), 1e-12) << "step " << step;
    VectorXd b = VectorXd::LinSpaced(idx.size(), -1.0, 2.0);
    const VectorXd x = s.llt().solve(b);
    chol.solveInPlace(b);
    EXPECT_LE((b - x).cwiseAbs().maxCoeff(), 1e-10) << "step " << step;
  }
}

TEST(UpdatableCholesky, RefusesADependentColumn) {
  // Columns 0, 1 and 0 + 1 of a Gram matrix: the third is a combination of the first two.
  MatrixXd x(6, 3);
  x << 1, 0, 1, 2, 1, 3, 0, 1, 1, -1, 2, 1, 3, 0, 3, 1, 1, 2;
  const MatrixXd g = x.transpose() * x;
  UpdatableCholesky chol;
  ASSERT_TRUE(chol.append(VectorXd(0), g(0, 0)));
  ASSERT_TRUE(chol.append(g.col(1).head(1), g(1, 1)));
  EXPECT_FALSE(chol.append(g.col(2).head(2), g(2, 2)));
  EXPECT_EQ(chol.size(), 2);  // unchanged
  // With a ridge on the diagonal it is no longer singular.
  EXPECT_TRUE(chol.append(g.col(2).head(2), g(2, 2) + 1e-3));
  EXPECT_EQ(chol.size(), 3);
}

}  // namespace
