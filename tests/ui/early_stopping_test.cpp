// The early-stopping lesson's numbers: the best epoch is the argmin of the recorded validation curve, the stop is
// best + patience (Keras' rule, recomputed here by a naive loop for many patience and min-delta values), and the
// restored weights reproduce the best epoch's validation loss and weight norm.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "lessons/early_stopping.h"

namespace nr::app {
namespace {

void load(EarlyStoppingLesson& l, const nlohmann::json& j) {
  std::vector<std::string> w, e;
  l.setParams(j, w, e);
  ASSERT_TRUE(e.empty()) << e[0];
  ASSERT_TRUE(w.empty()) << w[0];
}

struct Naive {
  int best = -1, stop = -1;
};

Naive naiveStopping(const std::vector<double>& v, int patience, double delta) {
  Naive r;
  double bestLoss = 0;
  int wait = 0;
  for (int t = 0; t < int(v.size()); ++t) {
    if (r.best < 0 || v[t] < bestLoss - delta) {
      r.best = t, bestLoss = v[t], wait = 0;
    } else if (++wait >= patience) {
      r.stop = t;
      break;
    }
  }
  return r;
}

TEST(EarlyStoppingLesson, OverfitsStopsAtBestPlusPatienceAndRestoresTheBest) {
  EarlyStoppingLesson l;
  load(l, {{"patience", 30}, {"continue", false}, {"pretrain", 800}});
  ASSERT_FALSE(l.diverged());
  const auto& m = l.monitor();
  ASSERT_TRUE(m.stopped()) << "the default net overfits within the epoch limit";
  const std::vector<double>& v = l.validationCurve();
  const int best = m.bestEpoch(), stop = m.stopEpoch();
  EXPECT_EQ(stop, best + 30);
  EXPECT_EQ(int(v.size()), stop + 1) << "without 'continue' training halts at the stop";
  EXPECT_EQ(best, int(std::min_element(v.begin(), v.end()) - v.begin()));
  EXPECT_GT(best, 5);
  // Overfitting: at the stop the training loss is lower and the validation loss higher than at the best epoch.
  const auto& epochs = l.trainer().epochs();
  EXPECT_LT(epochs[stop].train.data, epochs[best].train.data);
  EXPECT_GT(v[stop], v[best]);
  // Restore-best: the kept weights give back the best epoch's validation loss and norm.
  EXPECT_NEAR(l.restoredValidationLoss(), v[best], 1e-6 * std::max(1.0, v[best]));
  EXPECT_NEAR(l.restoredWeightNorm(), epochs[best].weightNorm, 1e-4 * epochs[best].weightNorm);
  EXPECT_LT(l.restoredWeightNorm(), epochs[stop].weightNorm) << "the norm grew while overfitting";
}

TEST(EarlyStoppingLesson, PatienceAndDeltaReplayOverTheRecordedCurve) {
  EarlyStoppingLesson l;
  load(l, {{"continue", true}, {"pretrain", 800}});
  const std::vector<double> v = l.validationCurve();
  ASSERT_EQ(v.size(), 800u);
  int stoppedCases = 0;
  for (int patience : {1, 3, 10, 40, 120, 200})
    for (double delta : {0.0, 1e-4, 1e-3, 1e-2}) {
      l.setPatience(patience, delta);
      const Naive n = naiveStopping(v, patience, delta);
      EXPECT_EQ(l.monitor().bestEpoch(), n.best) << patience << " " << delta;
      EXPECT_EQ(l.monitor().stopEpoch(), n.stop) << patience << " " << delta;
      if (n.stop >= 0) {
        ++stoppedCases;
        EXPECT_EQ(n.stop, n.best + patience);
        // The restored weights are the best epoch's, whichever epoch that is now.
        EXPECT_NEAR(l.restoredValidationLoss(), v[n.best], 1e-6 * std::max(1.0, v[n.best]));
      }
    }
  EXPECT_GT(stoppedCases, 5);
}

TEST(EarlyStoppingLesson, ContinuingShowsTheOverfittingAfterTheStop) {
  EarlyStoppingLesson l;
  load(l, {{"patience", 20}, {"continue", true}, {"pretrain", 700}});
  ASSERT_TRUE(l.monitor().stopped());
  EXPECT_EQ(l.validationCurve().size(), 700u);
  const int stop = l.monitor().stopEpoch();
  const auto& epochs = l.trainer().epochs();
  EXPECT_GT(epochs.back().validation.data, epochs[l.monitor().bestEpoch()].validation.data);
  EXPECT_GT(epochs.back().weightNorm, epochs[stop].weightNorm);
}

TEST(EarlyStoppingLesson, DivergenceIsReportedAndStopsTraining) {
  EarlyStoppingLesson l;
  load(l, {{"lr", 10.0}});
  l.train(200);
  EXPECT_TRUE(l.diverged());
  const int64_t steps = l.trainer().stepCount();
  l.train(10);
  EXPECT_EQ(l.trainer().stepCount(), steps);
}

}  // namespace
}  // namespace nr::app
