// early-stopping's model without a GUI: the best epoch is the argmin of the recorded validation curve, the stop is
// best + patience (Keras' rule, recomputed here by a naive loop for many patience and min-delta values), the restored
// weights reproduce the best epoch's validation loss and weight norm (re-evaluated here), and the drawn curves are
// the nets' outputs on the grid.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "lessons/early_stopping_model.h"

namespace nr::app {
namespace {

using Params = EarlyStoppingModel::Params;

void build(EarlyStoppingModel& m, const Params& p, int epochs) {
  m.rebuild(p);
  m.train(epochs);
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

TEST(EarlyStoppingModel, OverfitsStopsAtBestPlusPatienceAndRestoresTheBest) {
  EarlyStoppingModel model;
  Params p;
  p.patience = 30, p.continueAfter = false;
  build(model, p, 800);
  ASSERT_FALSE(model.diverged());
  const auto& m = model.monitor();
  ASSERT_TRUE(m.stopped()) << "the default net overfits within the epoch limit";
  EXPECT_TRUE(model.halted());
  const std::vector<double>& v = model.validationCurve();
  const int best = m.bestEpoch(), stop = m.stopEpoch();
  EXPECT_EQ(stop, best + 30);
  EXPECT_EQ(int(v.size()), stop + 1) << "without 'continue' training halts at the stop";
  EXPECT_EQ(best, int(std::min_element(v.begin(), v.end()) - v.begin()));
  EXPECT_GT(best, 5);
  // Overfitting: at the stop the training loss is lower and the validation loss higher than at the best epoch.
  const auto& epochs = model.trainer().epochs();
  EXPECT_LT(epochs[stop].train.data, epochs[best].train.data);
  EXPECT_GT(v[stop], v[best]);
  // Restore-best: the kept weights give back the best epoch's validation loss and norm.
  EXPECT_NEAR(model.restoredValidationLoss(), v[best], 1e-6 * std::max(1.0, v[best]));
  EXPECT_NEAR(model.restoredWeightNorm(), epochs[best].weightNorm, 1e-4 * epochs[best].weightNorm);
  EXPECT_LT(model.restoredWeightNorm(), epochs[stop].weightNorm) << "the norm grew while overfitting";
  // Re-evaluated here: the best net on the validation set.
  core::Mlp& net = model.bestNet();
  const core::LabeledData& val = model.trainer().validationSet();
  EXPECT_NEAR(net.evaluate(val.x.data(), val.y.data(), val.size()).data, v[best], 1e-6 * std::max(1.0, v[best]));
}

TEST(EarlyStoppingModel, PatienceAndDeltaReplayOverTheRecordedCurve) {
  EarlyStoppingModel model;
  build(model, Params(), 800);
  const std::vector<double> v = model.validationCurve();
  ASSERT_EQ(v.size(), 800u);
  const int64_t steps = model.trainer().stepCount();
  int stoppedCases = 0;
  for (int patience : {1, 3, 10, 40, 120, 200})
    for (double delta : {0.0, 1e-4, 1e-3, 1e-2}) {
      model.setPatience(patience, delta);
      const Naive n = naiveStopping(v, patience, delta);
      EXPECT_EQ(model.monitor().bestEpoch(), n.best) << patience << " " << delta;
      EXPECT_EQ(model.monitor().stopEpoch(), n.stop) << patience << " " << delta;
      if (n.stop >= 0) {
        ++stoppedCases;
        EXPECT_EQ(n.stop, n.best + patience);
        // The restored weights are the best epoch's, whichever epoch that is now.
        EXPECT_NEAR(model.restoredValidationLoss(), v[n.best], 1e-6 * std::max(1.0, v[n.best]));
      }
    }
  EXPECT_GT(stoppedCases, 5);
  EXPECT_EQ(model.trainer().stepCount(), steps) << "replaying never retrains";
}

TEST(EarlyStoppingModel, ContinuingShowsTheOverfittingAfterTheStop) {
  EarlyStoppingModel model;
  Params p;
  p.patience = 20;
  build(model, p, 700);
  ASSERT_TRUE(model.monitor().stopped());
  EXPECT_FALSE(model.halted()) << "continue: training goes on past the stop";
  EXPECT_EQ(model.validationCurve().size(), 700u);
  const int stop = model.monitor().stopEpoch();
  const auto& epochs = model.trainer().epochs();
  EXPECT_GT(epochs.back().validation.data, epochs[model.monitor().bestEpoch()].validation.data);
  EXPECT_GT(epochs.back().weightNorm, epochs[stop].weightNorm);
  // Stopping training past the stop halts it at once.
  model.setContinueAfter(false);
  EXPECT_TRUE(model.halted());
  model.train(5);
  EXPECT_EQ(model.validationCurve().size(), 700u);
}

TEST(EarlyStoppingModel, CurvesAreTheRunsHistoryAndTheNetsOnTheGrid) {
  EarlyStoppingModel model;
  build(model, Params(), 60);
  const auto& epochs = model.trainer().epochs();
  ASSERT_EQ(model.epochAxis().size(), epochs.size());
  for (size_t i = 0; i < epochs.size(); ++i) {
    EXPECT_EQ(model.epochAxis()[i], epochs[i].epoch);
    EXPECT_EQ(model.trainCurve()[i], epochs[i].train.data);
    EXPECT_EQ(model.validationCurve()[i], epochs[i].validation.data);
    EXPECT_EQ(model.normCurve()[i], epochs[i].weightNorm);
  }
  ASSERT_EQ(model.gridX().size(), size_t(EarlyStoppingModel::kGrid));
  EXPECT_FLOAT_EQ(model.gridX().front(), -1.0f);
  EXPECT_FLOAT_EQ(model.gridX().back(), 1.0f);
  for (int g = 0; g < EarlyStoppingModel::kGrid; g += 10)
    EXPECT_NEAR(model.truth()[g], std::sin(3.0 * double(model.gridX()[g])), 1e-12);
  // The latest curve is the trainer's net now, the best curve the best net's (a copy: predicting needs its buffers).
  core::Mlp latest = model.trainer().net();
  core::Mlp best = model.bestNet();
  std::vector<float> y(EarlyStoppingModel::kGrid), yb(EarlyStoppingModel::kGrid);
  latest.predict(model.gridX().data(), EarlyStoppingModel::kGrid, y.data());
  best.predict(model.gridX().data(), EarlyStoppingModel::kGrid, yb.data());
  ASSERT_EQ(model.latestCurve().size(), y.size());
  ASSERT_EQ(model.bestCurve().size(), yb.size());
  for (int g = 0; g < EarlyStoppingModel::kGrid; ++g) {
    EXPECT_EQ(model.latestCurve()[g], y[g]);
    EXPECT_EQ(model.bestCurve()[g], yb[g]);
  }
}

TEST(EarlyStoppingModel, DivergenceIsReportedAndStopsTraining) {
  EarlyStoppingModel model;
  Params p;
  p.lr = 10.0;
  build(model, p, 200);
  EXPECT_TRUE(model.diverged());
  EXPECT_TRUE(model.halted());
  const int64_t steps = model.trainer().stepCount();
  model.train(10);
  EXPECT_EQ(model.trainer().stepCount(), steps);
}

}  // namespace
}  // namespace nr::app
