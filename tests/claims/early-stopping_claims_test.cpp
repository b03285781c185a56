// early-stopping's try-this steps: while playing, the patience window follows the best epoch and the run stops when
// it is full, the restored best fit smoother than the latest (Σ|Δ²y| on the drawn grid) and the continuation climbing;
// patience 5 → 150 moves the stop right and changes the restored model only for a lower loss later; without
// restore-best the kept model is the stop's, with a higher validation loss and a larger ‖W‖.
#include <algorithm>
#include <cmath>
#include <vector>

#include "claims/claims.h"
#include "lessons/curve_data_model.h"
#include "lessons/early_stopping.h"

namespace nr::app {
namespace {

/// A fitted curve on the lesson's grid over the data, [−1, 1].
std::vector<float> curveOf(core::Mlp net) {
  const std::vector<float> x = curveGrid(EarlyStoppingModel::kGrid, -1.0, 1.0);
  std::vector<float> y(x.size());
  net.predict(x.data(), int(x.size()), y.data());
  return y;
}

/// Σ |y[i−1] − 2y[i] + y[i+1]|: how much a curve bends, summed over the grid (0 for a straight line).
double bending(const std::vector<float>& y) {
  double s = 0;
  for (size_t i = 2; i < y.size(); ++i) s += std::fabs(double(y[i]) - 2.0 * y[i - 1] + y[i - 2]);
  return s;
}

TEST(EarlyStoppingTry, Step1_WindowFollowsTheBestStopsWhenFullAndRestoresTheSmootherFit) {
  EarlyStoppingLesson l;
  claims::load(l, nlohmann::json::object());
  ASSERT_TRUE(l.model().params().continueAfter && l.model().params().restoreBest);
  const int patience = l.model().params().patience;
  // Play, epoch by epoch: the window [best, best + patience] moves with every new best and holds the current epoch.
  std::vector<int> bests;
  while (!l.model().monitor().stopped()) {
    ASSERT_LT(l.model().trainer().epoch(), EarlyStoppingModel::kMaxEpochs) << "no stop";
    l.model().train(1);
    const int t = int(l.model().validationCurve().size()) - 1, best = l.model().monitor().bestEpoch();
    if (bests.empty() || bests.back() != best) bests.push_back(best);
    if (!l.model().monitor().stopped()) {
      EXPECT_LT(t - best, patience) << "epoch " << t;
    }
  }
  EXPECT_GE(bests.size(), 5u) << "the window moved with the best epoch";
  const int best = l.model().monitor().bestEpoch(), stop = l.model().monitor().stopEpoch();
  EXPECT_EQ(stop, best + patience) << "stopped when the window was full";
  // The fit jumps back: the restored best curve, smoother than the latest one at the stop.
  const std::vector<float> bestCurve = curveOf(l.model().bestNet()), latest = curveOf(l.model().trainer().net());
  EXPECT_LT(bending(bestCurve), 0.8 * bending(latest));
  double jump = 0;
  for (size_t i = 0; i < bestCurve.size(); ++i) jump = std::max(jump, double(std::fabs(bestCurve[i] - latest[i])));
  EXPECT_GT(jump, 0.05);
  // The dashed continuation (to the lesson's epoch limit): the validation loss climbs past the stop.
  l.model().train(EarlyStoppingModel::kMaxEpochs);
  const std::vector<double>& v = l.model().validationCurve();
  ASSERT_EQ(v.size(), size_t(EarlyStoppingModel::kMaxEpochs));
  EXPECT_GT(v.back(), 1.1 * v[stop]);
  EXPECT_GT(v[stop], v[best]);
}

TEST(EarlyStoppingTry, Step2_LongerPatienceMovesTheStopRightAndKeepsTheModelUnlessALowerLossComesLater) {
  EarlyStoppingLesson l;
  for (Lang lang : {"en", "zh"})
    for (const char* n : {"5", "150"}) claims::expectStepSays(l, 2, lang, n);
  claims::load(l, {{"pretrain", EarlyStoppingModel::kMaxEpochs}});  // the recorded curve of a whole run
  const std::vector<double>& v = l.model().validationCurve();
  const int defaultPatience = l.model().params().patience;
  int lastBest = -1, lastStop = -1, bestAtDefault = -1, changes = 0;
  double lastLoss = 0;
  for (int p = 5; p <= 150; ++p) {
    l.model().setPatience(p, 0.0);
    const int best = l.model().monitor().bestEpoch(), stop = l.model().monitor().stopEpoch();
    ASSERT_GE(stop, 0) << "patience " << p << " stops within the recorded curve";
    EXPECT_EQ(stop, best + p);
    EXPECT_NEAR(l.model().restoredValidationLoss(), v[best], 1e-6 * v[best]);  // the restored model is the best epoch's
    if (p > 5) {
      EXPECT_GT(stop, lastStop) << "patience " << p;
      if (best != lastBest) {
        ++changes;
        EXPECT_LT(v[best], lastLoss) << "patience " << p << ": only a lower loss changes the model";
        EXPECT_GT(best, lastStop) << "patience " << p << ": found after the previous stop";
      }
    }
    if (p == defaultPatience) bestAtDefault = best;
    lastBest = best, lastStop = stop, lastLoss = v[best];
  }
  EXPECT_GE(changes, 1) << "short patience stops before a later, lower loss";
  // From the default patience on, a longer one only costs epochs.
  ASSERT_GE(bestAtDefault, 0);
  EXPECT_EQ(lastBest, bestAtDefault);
}

TEST(EarlyStoppingTry, Step3_WithoutRestoreBestTheStopModelHasHigherValidationLossAndLargerNorm) {
  // With the continuation on (the default) the numbers below the picture; without it, the model training left at.
  for (bool continueAfter : {true, false}) {
    SCOPED_TRACE(continueAfter ? "continue" : "halt at the stop");
    EarlyStoppingLesson l;
    claims::load(l,
                 {{"restore_best", false}, {"continue", continueAfter}, {"pretrain", EarlyStoppingModel::kMaxEpochs}});
    ASSERT_TRUE(l.model().monitor().stopped());
    const int best = l.model().monitor().bestEpoch(), stop = l.model().monitor().stopEpoch();
    const std::vector<double>& v = l.model().validationCurve();
    const core::EpochRecord& atStop = l.model().trainer().epochs()[stop];
    // Before restore (the stop) against after restore (the best): higher validation loss, larger ‖W‖.
    EXPECT_GT(v[stop], l.model().restoredValidationLoss());
    EXPECT_GT(atStop.weightNorm, l.model().restoredWeightNorm());
    EXPECT_NEAR(l.model().restoredValidationLoss(), v[best], 1e-6 * v[best]);
    if (!continueAfter) {
      // The kept model is the one at the stop: training halted there and nothing was restored.
      ASSERT_EQ(int(v.size()), stop + 1);
      core::Mlp net = l.model().trainer().net();
      const core::LabeledData& val = l.model().trainer().validationSet();
      EXPECT_NEAR(net.evaluate(val.x.data(), val.y.data(), val.size()).data, v[stop], 1e-6 * v[stop]);
      EXPECT_NEAR(net.weightNorm(), atStop.weightNorm, 1e-6 * atStop.weightNorm);
    }
  }
}

}  // namespace
}  // namespace nr::app
