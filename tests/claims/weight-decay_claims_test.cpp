// weight-decay's try-this steps: SGD+L2 and SGD+decay stay equal up to float rounding for a minute of Play;
// Adam+L2 and AdamW, with the same λ, end at different weight norms and losses; at λ = 0.1 Adam+L2's effective
// decay per weight spreads over orders of magnitude while AdamW's is one value, ηλ.
#include <algorithm>
#include <cmath>
#include <vector>

#include "claims/claims.h"
#include "lessons/weight_decay.h"

namespace nr::app {
namespace {

double maxAbsWeight(const core::Trainer& t) {
  double m = 0;
  for (int64_t i = 0; i < t.net().parameterCount(); ++i) m = std::max(m, double(std::fabs(t.net().parameters()[i])));
  return m;
}

TEST(WeightDecayTry, Step1_SgdCurvesCoincideToFloatRounding) {
  WeightDecayLesson l;
  claims::load(l, nlohmann::json::object());
  // A minute of Play at the lesson's 5 epochs a second, checked after every epoch. float keeps about 7 digits; two
  // sums of the same terms in another order, over thousands of steps, part in the last few: relative 1e-4 at most.
  for (int e = l.model().run(0).epoch(); e < 300; ++e) {
    l.trainEpochs(1);
    ASSERT_LE(l.model().sgdDifference(), 1e-4 * maxAbsWeight(l.model().run(0))) << "epoch " << e;
    const double a = l.model().run(0).epochs().back().train.data, b = l.model().run(1).epochs().back().train.data;
    ASSERT_LE(std::fabs(a - b), 1e-4 * a) << "epoch " << e << ": the loss curves";
    ASSERT_LE(std::fabs(l.model().run(0).epochs().back().weightNorm - l.model().run(1).epochs().back().weightNorm),
              1e-4 * l.model().run(0).epochs().back().weightNorm)
        << "epoch " << e << ": the norm curves";
  }
  // The Adam pair, for scale: apart by the size of the weights themselves.
  EXPECT_GT(l.model().adamDifference(), 0.1 * maxAbsWeight(l.model().run(3)));
}

TEST(WeightDecayTry, Step2_AdamL2AndAdamWEndAtDifferentNormsAndLosses) {
  WeightDecayLesson l;
  claims::load(l, nlohmann::json::object());
  // The same λ: Adam+L2's penalty and AdamW's decay.
  ASSERT_EQ(l.model().run(2).net().regularization().l2, l.model().run(3).optimizerSpec().weightDecay);
  ASSERT_EQ(l.model().run(3).net().regularization().l2, 0.0);
  ASSERT_EQ(l.model().run(2).optimizerSpec().weightDecay, 0.0);
  l.trainEpochs(100 - l.model().run(0).epoch());  // 20 s of Play
  const core::EpochRecord& adamL2 = l.model().run(2).epochs().back();
  const core::EpochRecord& adamW = l.model().run(3).epochs().back();
  const double normRatio = adamW.weightNorm / adamL2.weightNorm, lossRatio = adamW.train.data / adamL2.train.data;
  EXPECT_GT(std::fabs(std::log(normRatio)), std::log(1.25)) << adamL2.weightNorm << " vs " << adamW.weightNorm;
  EXPECT_GT(std::fabs(std::log(lossRatio)), std::log(1.25)) << adamL2.train.data << " vs " << adamW.train.data;
}

TEST(WeightDecayTry, Step3_AtLambdaPointOneAdamL2DecaySpreadsOverOrdersAdamWIsOneLine) {
  WeightDecayLesson l;
  for (Lang lang : {"en", "zh"}) claims::expectStepSays(l, 3, lang, "0.1");
  claims::load(l, {{"lambda", 0.1}});
  l.trainEpochs(50 - l.model().run(0).epoch());              // 10 s of Play
  const std::vector<float>& d = l.model().effectiveDecay();  // log10 of ηλ/(√v̂ + ε), one per decayed weight
  ASSERT_GT(d.size(), 100u);
  const auto [lo, hi] = std::minmax_element(d.begin(), d.end());
  EXPECT_GE(*hi - *lo, 2.0) << "from 10^" << *lo << " to 10^" << *hi;
  // AdamW: every weight decays by the same ηλ per step (the dashed line, at log10(ηλ) = −3 here).
  const core::OptimizerSpec& w = l.model().run(3).optimizerSpec();
  EXPECT_EQ(w.kind, core::OptimizerKind::AdamW);
  EXPECT_NEAR(std::log10(w.lr * w.weightDecay), -3.0, 1e-12);
}

}  // namespace
}  // namespace nr::app
