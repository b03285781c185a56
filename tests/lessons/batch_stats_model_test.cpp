// batch-stats' model without a GUI: the run is replayed from the seed, the shown series are the history's column,
// the running averages follow PyTorch's recurrence (naive loop), batch means scatter by σ/√B (closed form), the
// probe's outputs are the BN / LN formulas by hand, B = 1 gives exactly β and no update, and the mismatch curve is
// cached against everything that does not change it.
#include <gtest/gtest.h>

#include <cmath>

#include "lessons/batch_stats_model.h"

namespace nr::app {
namespace {

using Params = BatchStatsModel::Params;

TEST(BatchStatsModel, TheRunIsReplayedFromTheSeedAndTheSeriesAreItsColumn) {
  Params p;
  p.steps = 40, p.channel = 2;
  BatchStatsModel a, b;
  a.set(p);
  b.set(p);
  ASSERT_EQ(a.history().size(), 40u);
  for (size_t t = 0; t < 40; ++t) EXPECT_EQ(a.history()[t].batchMean, b.history()[t].batchMean) << t;
  const BatchStatsModel::Series& s = a.series();
  ASSERT_EQ(s.batchMean.size(), 40u);
  for (size_t t = 0; t < 40; ++t) {
    const core::BatchStep& st = a.history()[t];
    EXPECT_EQ(s.batchMean[t], st.batchMean[2]);
    EXPECT_EQ(s.batchVar[t], st.batchVar[2]);
    EXPECT_EQ(s.runningMean[t], st.runningMean[2]);
    EXPECT_EQ(s.runningVar[t], st.runningVar[2]);
    EXPECT_EQ(s.train[t], st.probeTrain[2]);
    EXPECT_EQ(s.eval[t], st.probeEval[2]);
    EXPECT_EQ(s.layer[t], st.probeLayer[2]);
    EXPECT_EQ(s.group[t], st.probeGroup[2]);
  }
  p.seed = 2;
  b.set(p);
  EXPECT_NE(a.history().back().batchMean, b.history().back().batchMean);
  // A longer run starts as the shorter one did.
  p.seed = 1, p.steps = 41;
  b.set(p);
  EXPECT_EQ(b.history()[39].runningMean, a.history()[39].runningMean);
}

TEST(BatchStatsModel, RunningAveragesFollowTheMomentumRecurrence) {
  Params p;
  p.batch = 5, p.momentum = 0.3f, p.steps = 30;
  BatchStatsModel m;
  m.set(p);
  const double mom = double(p.momentum), B = p.batch;
  double mean[BatchStatsModel::kChannels] = {0, 0, 0, 0}, var[BatchStatsModel::kChannels] = {1, 1, 1, 1};
  for (const core::BatchStep& s : m.history())
    for (int c = 0; c < BatchStatsModel::kChannels; ++c) {
      mean[c] = (1 - mom) * mean[c] + mom * s.batchMean[c];
      var[c] = (1 - mom) * var[c] + mom * s.batchVar[c] * B / (B - 1);  // the unbiased batch variance
      EXPECT_NEAR(s.runningMean[c], mean[c], 1e-5 * (1 + std::fabs(mean[c])));
      EXPECT_NEAR(s.runningVar[c], var[c], 1e-5 * (1 + var[c]));
    }
  const size_t n = m.history().size();
  EXPECT_EQ(m.previousRunningMean(), m.history()[n - 2].runningMean[0]);
  EXPECT_EQ(m.previousRunningVar(), m.history()[n - 2].runningVar[0]);
  p.steps = 1;
  m.set(p);
  EXPECT_EQ(m.previousRunningMean(), 0.0) << "PyTorch's start";
  EXPECT_EQ(m.previousRunningVar(), 1.0);
}

TEST(BatchStatsModel, BatchMeansScatterBySigmaOverRootB) {
  for (int B : {4, 64}) {
    Params p;
    p.batch = B, p.steps = BatchStatsModel::kMaxSteps, p.channel = 2;
    BatchStatsModel m;
    m.set(p);
    const std::vector<double>& v = m.series().batchMean;
    double mean = 0, sq = 0;
    for (double x : v) mean += x / v.size();
    for (double x : v) sq += (x - mean) * (x - mean) / (v.size() - 1);
    const double expected = p.sd(2) / std::sqrt(double(B));  // 300 draws: the estimate is within ~4 % (1 sd)
    EXPECT_NEAR(std::sqrt(sq), expected, 0.2 * expected) << "B = " << B;
    EXPECT_NEAR(mean, p.mean(2), 4 * expected / std::sqrt(double(v.size()))) << "B = " << B;
  }
}

TEST(BatchStatsModel, TheProbesOutputsAreTheFormulas) {
  Params p;
  p.gamma = 1.7f, p.beta = -0.4f, p.steps = 12;
  BatchStatsModel m;
  m.set(p);
  // LayerNorm of the probe alone: over its four channels.
  double mu = 0, var = 0;
  for (int c = 0; c < 4; ++c) mu += p.probe(c) / 4.0;
  for (int c = 0; c < 4; ++c) var += (p.probe(c) - mu) * (p.probe(c) - mu) / 4.0;
  for (const core::BatchStep& s : m.history())
    for (int c = 0; c < 4; ++c) {
      const double x = p.probe(c), g = p.gamma, b = p.beta;
      EXPECT_NEAR(s.probeTrain[c], g * (x - s.probeMean[c]) / std::sqrt(s.probeVar[c] + 1e-5) + b, 1e-4);
      EXPECT_NEAR(s.probeEval[c], g * (x - s.runningMean[c]) / std::sqrt(s.runningVar[c] + 1e-5) + b, 1e-4);
      EXPECT_NEAR(s.probeLayer[c], g * (x - mu) / std::sqrt(var + 1e-5) + b, 1e-4);
    }
}

TEST(BatchStatsModel, BatchOfOneGivesBetaAndTheMismatchCurveFalls) {
  Params p;
  p.batch = 1, p.beta = 0.75f;
  BatchStatsModel m;
  m.set(p);
  for (const core::BatchStep& s : m.history()) {
    EXPECT_FALSE(s.updated);
    EXPECT_NEAR(s.probeTrain[0], 0.75, 1e-6);
  }
  const std::vector<double>& mis = m.mismatch();
  ASSERT_EQ(mis.size(), BatchStatsModel::mismatchBatchSizes().size());
  EXPECT_GT(mis[1], 3 * mis.back());
}

TEST(BatchStatsModel, TheMismatchCurveIsComputedOnlyWhenItsInputsChange) {
  BatchStatsModel m;
  Params p;
  m.set(p);
  const int first = m.mismatchComputations();
  const std::vector<double> before = m.mismatch();
  p.batch = 32, p.momentum = 0.5f, p.steps = 10;
  m.set(p);
  EXPECT_EQ(m.mismatchComputations(), first) << "B, the momentum and the steps do not change it";
  EXPECT_EQ(m.mismatch(), before);
  p.probe(0) = 4.0f;
  m.set(p);
  EXPECT_EQ(m.mismatchComputations(), first + 1);
  EXPECT_NE(m.mismatch(), before) << "the shown channel's probe moves the curve";
  p.channel = 1;
  m.set(p);
  EXPECT_EQ(m.mismatchComputations(), first + 2);
}

TEST(BatchStatsModel, ChannelAccessorsNameTheMembers) {
  Params p;
  EXPECT_EQ(&p.mean(2), &p.mean2);
  EXPECT_EQ(&p.sd(3), &p.sd3);
  EXPECT_EQ(&p.probe(0), &p.probe0);
  const Params& c = p;
  EXPECT_EQ(c.mean(1), -0.5f);
}

}  // namespace
}  // namespace nr::app
