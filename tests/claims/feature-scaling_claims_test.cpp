// The feature-scaling try-this steps: a larger scale ratio thins the raw valley and the raw step count grows with
// the condition number while the scaled count stays small; the outlier squeezes min-max most, standardization less,
// robust scaling hardly; η above the stable rate diverges both, at half of it only the scaled run is fast, and the
// same ridge λ on raw features shrinks feature 1 hard while the correlated feature 2 grows.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "claims/claims.h"
#include "lessons/feature_scaling.h"

namespace nr::app {
namespace {

using claims::load;

TEST(FeatureScalingTry, Step1_RawStepsGrowWithTheConditionNumberScaledStaySmall) {
  FeatureScalingLesson l;
  std::vector<double> kappa, raw, scaled;
  for (const double ratio : {1.0, 3.0, 10.0, 30.0, 100.0}) {
    load(l, {{"ratio", ratio}});
    const auto& r = l.model().rawView();
    const auto& s = l.model().scaledView();
    ASSERT_GT(r.run.stepsToConverge, 0) << "ratio " << ratio;
    ASSERT_GT(s.run.stepsToConverge, 0) << "ratio " << ratio;
    kappa.push_back(r.lambdaMax / r.lambdaMin);
    raw.push_back(r.run.stepsToConverge);
    scaled.push_back(s.run.stepsToConverge);
    std::printf("[ measured ] ratio %5.1f: κ_raw = %8.1f, raw steps %6.0f, κ_scaled = %.2f, scaled steps %.0f\n", ratio,
                kappa.back(), raw.back(), s.lambdaMax / s.lambdaMin, scaled.back());
  }
  for (size_t i = 1; i < kappa.size(); ++i) {
    EXPECT_GT(kappa[i], kappa[i - 1]) << "the raw valley gets thinner";
    EXPECT_GT(raw[i], raw[i - 1]) << "the raw step count grows";
  }
  // Roughly with κ: over the whole range the step count grows like κ to a power near 1, and once the valley is
  // thin (ratio ≥ 10) the steps per unit of κ hardly change.
  const double slope = std::log(raw.back() / raw.front()) / std::log(kappa.back() / kappa.front());
  EXPECT_GT(slope, 0.8) << "log-log slope of steps against κ";
  EXPECT_LT(slope, 1.2) << "log-log slope of steps against κ";
  for (size_t i = 2; i < kappa.size(); ++i) EXPECT_NEAR((raw[i] / kappa[i]) / (raw.back() / kappa.back()), 1.0, 0.2);
  EXPECT_GT(kappa.back() / kappa.front(), 1000.0);
  // The scaled count stays small (and does not change at all: standardizing removes the ratio).
  for (double s : scaled) {
    EXPECT_LE(s, 40.0);
    EXPECT_EQ(s, scaled.front());
  }
  EXPECT_GT(raw.back(), 100 * scaled.back());
  for (Lang lang : {"en", "zh"}) claims::expectStepSays(l, 1, lang, "100");
}

TEST(FeatureScalingTry, Step2_TheOutlierSqueezesMinMaxMostStandardizationLessRobustHardly) {
  FeatureScalingLesson l;
  // The other samples' feature 1 after scaling: its spread with the outlier over its spread without.
  auto squeeze = [&](const char* method, double* othersMax) {
    double spread[2];
    for (const bool outlier : {false, true}) {
      load(l, {{"method", method}, {"outlier", outlier}});
      const Eigen::VectorXd others = l.model().scaledFeatures().col(0).tail(l.model().scaledFeatures().rows() - 1);
      spread[outlier] = others.maxCoeff() - others.minCoeff();
      if (outlier) *othersMax = others.maxCoeff();
    }
    return spread[1] / spread[0];
  };
  double maxMinMax, maxStd, maxRobust;
  const double minmax = squeeze("minmax", &maxMinMax), standard = squeeze("standard", &maxStd),
               robust = squeeze("robust", &maxRobust);
  std::printf(
      "[ measured ] spread of the other values with / without the outlier: min-max %.3f, standardize %.3f, "
      "robust %.3f; min-max puts them in [0, %.3f]\n",
      minmax, standard, robust, maxMinMax);
  // Min-max: a narrow strip near 0 (the outlier is 1, the rest fit below 0.4).
  EXPECT_LT(minmax, 0.45);
  EXPECT_LT(maxMinMax, 0.4);
  // Standardization: squeezed too, but less.
  EXPECT_GT(standard, minmax + 0.1);
  EXPECT_LT(standard, 0.85);
  // Robust (median and IQR): hardly changes.
  EXPECT_GT(robust, 0.93);
  EXPECT_LT(robust, 1.07);
}

TEST(FeatureScalingTry, Step3_AboveTheStableRateBothDivergeAtHalfOnlyScaledIsFast) {
  FeatureScalingLesson l;
  load(l, {{"lr_fraction", 1.05}});
  EXPECT_TRUE(l.model().rawView().run.diverged);
  EXPECT_TRUE(l.model().scaledView().run.diverged);
  load(l, {{"lr_fraction", 0.5}});
  const auto& raw = l.model().rawView().run;
  const auto& scaled = l.model().scaledView().run;
  EXPECT_FALSE(raw.diverged);
  EXPECT_FALSE(scaled.diverged);
  ASSERT_GT(scaled.stepsToConverge, 0);
  ASSERT_NE(raw.stepsToConverge, 0);
  const double rawSteps = raw.stepsToConverge < 0 ? 200000 : raw.stepsToConverge;
  std::printf("[ measured ] η = 0.5 × 2/λ_max: raw %.0f steps, scaled %d steps\n", rawSteps, scaled.stepsToConverge);
  EXPECT_LE(scaled.stepsToConverge, 30) << "the scaled run is fast";
  EXPECT_GT(rawSteps, 20.0 * scaled.stepsToConverge) << "the raw one is not";
  // The ridge bars (default λ = 1): on raw features λ shrinks feature 1 (sd 1) hard, and feature 2 (sd 20,
  // correlated 0.6 with it) takes over part of its effect and grows; on standardized features both shrink alike.
  const FeatureScalingModel& m = l.model();
  const Eigen::VectorXd ols = m.olsEffects(), ridge = m.ridgeRawEffects(), onStd = m.ridgeStdEffects();
  const double raw1 = 1.0 - ridge(0) / ols(0), raw2 = 1.0 - ridge(1) / ols(1);
  const double std1 = 1.0 - onStd(0) / ols(0), std2 = 1.0 - onStd(1) / ols(1);
  std::printf(
      "[ measured ] λ = %.2f: raw features shrink feature 1 by %.1f %%, feature 2 by %.1f %%; "
      "standardized: %.1f %%, %.1f %%\n",
      l.model().params().lambda, 100 * raw1, 100 * raw2, 100 * std1, 100 * std2);
  EXPECT_GT(raw1, 0.5) << "feature 1 shrinks hard";
  EXPECT_GT(ridge(1), ols(1) * 1.05) << "feature 2 grows";
  EXPECT_GT(std1, 0.2);
  EXPECT_GT(std2, 0.2);
  EXPECT_NEAR(std1, std2, 0.1) << "standardized: both shrink alike";
  for (Lang lang : {"en", "zh"}) {
    claims::expectStepSays(l, 3, lang, "1.05");
    claims::expectStepSays(l, 3, lang, "0.5");
  }
}

}  // namespace
}  // namespace nr::app
