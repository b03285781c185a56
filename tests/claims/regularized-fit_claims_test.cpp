// regularized-fit's try-this steps: degree 15 without a penalty chases the points and explodes past the last one,
// ridge at λ_1se calms it; the lasso's coefficients leave 0 one at a time as λ falls (some return), and only a few
// powers remain at λ_1se; on diabetes the lasso at λ_1se keeps only a few of the 10 variables, bmi, s5 and bp too.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "claims/claims.h"
#include "lessons/regularized_fit.h"

namespace nr::app {
namespace {

using claims::expectStepSays;
using claims::load;

/// The largest |fitted − true| over the drawn curve's grid.
double worstCurveError(const FitModel& m) {
  return (m.gridFit() - m.data().gridTrue).cwiseAbs().maxCoeff();
}

TEST(RegularizedFitTry, Step1_NoPenaltyDegree15OverfitsRidgeAt1seCalmsIt) {
  RegularizedFitLesson l;
  load(l, {{"penalty", "none"}, {"degree", 15}});
  const FitModel& m = l.model();
  const FitData& d = m.data();
  const double noise2 = l.current().noise * l.current().noise;
  const double trainNone = m.trainMse(), testNone = m.testMse(), wildNone = worstCurveError(m);
  const double yRange = d.yTrain.maxCoeff() - d.yTrain.minCoeff();
  // Past the last training point (towards u = 1) the curve is free: how far it leaves the true curve there.
  double past = 0;
  for (int g = 0; g < d.gridU.size(); ++g)
    if (d.gridU[g] > d.uTrain.maxCoeff()) past = std::max(past, std::abs(m.gridFit()[g] - d.gridTrue[g]));
  std::printf("none, degree 15: train %.4f, test %.4f (%.1f×), noise² %.4f, max |fit − true| %.3g overall, %.3g past the "
              "last training point (u > %.3f); y range %.2f\n",
              trainNone, testNone, testNone / trainNone, noise2, wildNone, past, d.uTrain.maxCoeff(), yRange);
  EXPECT_LT(trainNone, 0.5 * noise2) << "the curve chases the training points: it fits well below the noise";
  EXPECT_GT(past, 2 * yRange) << "and explodes past the last of them";
  EXPECT_GE(testNone / trainNone, 4.0) << "about five times";
  EXPECT_LE(testNone / trainNone, 7.0) << "about five times";
  load(l, {{"penalty", "ridge"}, {"lambda_at", "1se"}});
  EXPECT_EQ(l.current().lambda, m.cv().lambda1se);
  std::printf("ridge at λ_1se = %.3g: train %.4f, test %.4f, max |fit − true| %.3g\n", l.current().lambda,
              m.trainMse(), m.testMse(), worstCurveError(m));
  EXPECT_LT(worstCurveError(m), 0.1 * wildNone) << "the curve calms down";
  EXPECT_LT(m.testMse(), 0.8 * testNone) << "the test error drops";
  expectStepSays(l, 1, "en", "degree to 15");
  expectStepSays(l, 1, "zh", "次数调到 15");
  expectStepSays(l, 1, "en", "explodes past the last of them");
  expectStepSays(l, 1, "zh", "过了最后一个训练点就暴涨");
  expectStepSays(l, 1, "en", "about five times");
  expectStepSays(l, 1, "zh", "约为训练误差的五倍");
}

/// The zero pattern of the fit at λ.
std::vector<bool> zeros(RegularizedFitLesson& l, double lambda) {
  l.setLambda(lambda);
  std::vector<bool> z;
  for (int j = 0; j < l.model().coef().size(); ++j) z.push_back(l.model().coef()[j] == 0.0);
  return z;
}

int flips(const std::vector<bool>& a, const std::vector<bool>& b) {
  int n = 0;
  for (size_t j = 0; j < a.size(); ++j) n += a[j] != b[j];
  return n;
}

/// Between λ hi > lo, splits (in log λ) until every change of the zero pattern is one coefficient; counts the
/// coefficients that leave 0 and those that return to it. False if some change never separates.
bool singleEvents(RegularizedFitLesson& l, double hi, const std::vector<bool>& zhi, double lo,
                  const std::vector<bool>& zlo, int& leave, int& back, int depth = 0) {
  const int f = flips(zhi, zlo);
  if (f == 0) return true;
  if (f == 1) {
    for (size_t j = 0; j < zhi.size(); ++j)
      if (zhi[j] != zlo[j]) (zhi[j] ? leave : back) += 1;
    return true;
  }
  if (depth > 40) return false;
  const double mid = std::sqrt(hi * lo);
  const std::vector<bool> zmid = zeros(l, mid);
  return singleEvents(l, hi, zhi, mid, zmid, leave, back, depth + 1) &&
         singleEvents(l, mid, zmid, lo, zlo, leave, back, depth + 1);
}

TEST(RegularizedFitTry, Step2_LassoCoefficientsLeaveZeroOneAtATime) {
  RegularizedFitLesson l;
  load(l, {{"penalty", "lasso"}, {"degree", 15}});  // degree 15 as step 1 left it
  const FitModel& m = l.model();
  const double hi = m.lambdaHi(), lambda1se = m.cv().lambda1se;
  // Slide λ from the right end down to λ_1se and on to the left end.
  int leave = 0, back = 0, leaveTo1se = 0, backTo1se = 0;
  bool separate = true;
  const int steps = 200;
  double prev = hi;
  std::vector<bool> zprev = zeros(l, prev);
  EXPECT_EQ(std::count(zprev.begin(), zprev.end(), false), 0) << "at the right end every coefficient is 0";
  for (int i = 1; i <= steps; ++i) {
    const double lambda = hi * std::pow(m.lambdaLo() / hi, double(i) / steps);
    const std::vector<bool> z = zeros(l, lambda);
    separate &= singleEvents(l, prev, zprev, lambda, z, leave, back);
    if (lambda >= lambda1se) leaveTo1se = leave, backTo1se = back;
    prev = lambda, zprev = z;
  }
  std::printf("lasso, degree 15: %d coefficients leave 0 and %d return to it (down to λ_1se: %d and %d)\n", leave,
              back, leaveTo1se, backTo1se);
  EXPECT_TRUE(separate) << "every change of the zero pattern is one coefficient at a time";
  EXPECT_GT(leave, 10);
  EXPECT_GT(backTo1se, 0) << "some return to 0 on the way";
  l.jumpToLambda1se();
  std::printf("λ_1se = %.3g: %d of %d powers non-zero\n", l.current().lambda, m.nonzeros(), int(m.coef().size()));
  EXPECT_GE(m.nonzeros(), 1);
  EXPECT_LE(m.nonzeros(), 5) << "only a few powers remain";
  expectStepSays(l, 2, "en", "some return to it");
  expectStepSays(l, 2, "zh", "有的又回到 0");
}

TEST(RegularizedFitTry, Step3_DiabetesLassoAt1seKeepsAFewVariablesBmiS5Bp) {
  RegularizedFitLesson l;
  load(l, {{"source", "diabetes"}, {"penalty", "lasso"}, {"lambda_at", "1se"}});
  const FitModel& m = l.model();
  ASSERT_EQ(m.coef().size(), 10);
  std::string kept;
  for (int j = 0; j < 10; ++j)
    if (m.coef()[j] != 0.0) kept += m.data().names[j] + " ";
  std::printf("diabetes, lasso at λ_1se = %.3g: %d non-zero: %s\n", l.current().lambda, m.nonzeros(), kept.c_str());
  EXPECT_GE(m.nonzeros(), 3);
  EXPECT_LE(m.nonzeros(), 5) << "only a few of the 10";
  for (const char* name : {"bmi", "s5", "bp"}) {
    const auto& names = m.data().names;
    const int j = int(std::find(names.begin(), names.end(), name) - names.begin());
    ASSERT_LT(j, 10) << name;
    EXPECT_NE(m.coef()[j], 0.0) << name;
  }
  expectStepSays(l, 3, "en", "10 variables (bmi, s5, bp");
  expectStepSays(l, 3, "zh", "10 个变量中只有几个（bmi、s5、bp");
}

}  // namespace
}  // namespace nr::app
