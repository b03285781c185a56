// The priors lesson at every extreme of its parameter table: the two ways it computes the MAP agree even in the
// ill-conditioned corners. The model's numbers on their own are checked in tests/lessons/priors_model_test.cpp.
#include <gtest/gtest.h>

#include <algorithm>

#include "lessons/priors.h"

namespace nr::app {
namespace {

TEST(PriorsLesson, BothWaysAgreeAtEveryExtreme) {
  // The ill-conditioned corners too (n = 3 with ρ = ±0.95, σ = 3, s = 100 or 0.01): the screen's |Δ| stays tiny.
  PriorsLesson l;
  ASSERT_GT(l.extremeSteps(), 2);
  for (int step = 0; step < l.extremeSteps(); ++step) {
    l.applyExtreme(step);
    for (int k = 0; k < 2; ++k) {
      const PriorsModel::Estimate& e = l.model().estimate(k);
      const double scale = std::max(1.0, e.solver.cwiseAbs().maxCoeff());
      EXPECT_LT(e.difference, 1e-9 * scale) << "step " << step << " prior " << k;
    }
  }
}

}  // namespace
}  // namespace nr::app
