// The batch-stats try-this steps: B = 8 widens the ±2σ/√B band, spreads the batch means and makes the probe's BN
// train output jump while LN and GN stay put, B = 2 gives β ± γ; B = 1 gives exactly β and freezes the running
// averages; momentum 0.01 gives a smooth but slow running average from (0, 1), momentum 0.5 a fast one that copies the
// noise.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "claims/claims.h"
#include "lessons/batch_stats.h"

namespace nr::app {
namespace {

using claims::load;

double sd(const std::vector<double>& v, size_t from = 0) {
  double m = 0.0, s = 0.0;
  for (size_t i = from; i < v.size(); ++i) m += v[i];
  m /= double(v.size() - from);
  for (size_t i = from; i < v.size(); ++i) s += (v[i] - m) * (v[i] - m);
  return std::sqrt(s / double(v.size() - from));
}

// Mean |v[t] − v[t−1]| from step `from` on: how much a line jumps from step to step.
double meanJump(const std::vector<double>& v, size_t from = 1) {
  double s = 0.0;
  for (size_t i = std::max<size_t>(from, 1); i < v.size(); ++i) s += std::fabs(v[i] - v[i - 1]);
  return s / double(v.size() - std::max<size_t>(from, 1));
}

struct Series {
  std::vector<double> batchMean, runningMean, train, layer, group;
};

Series series(const BatchStatsLesson& l, int c) {
  Series s;
  for (const core::BatchStep& st : l.model().history()) {
    s.batchMean.push_back(st.batchMean[c]);
    s.runningMean.push_back(st.runningMean[c]);
    s.train.push_back(st.probeTrain[c]);
    s.layer.push_back(st.probeLayer[c]);
    s.group.push_back(st.probeGroup[c]);
  }
  return s;
}

TEST(BatchStatsTry, Step1_SmallBatchesWidenTheBandAndMoveOnlyBatchNorm) {
  BatchStatsLesson l;
  const int c = l.model().params().channel;
  const double sigma = l.model().params().sd(c);
  const float gamma = l.model().params().gamma, beta = l.model().params().beta;
  load(l, {{"batch", 256}});
  const Series big = series(l, c);
  load(l, {{"batch", 8}});
  const Series small = series(l, c);
  ASSERT_EQ(big.batchMean.size(), small.batchMean.size());

  // The band ±2σ/√B (drawn from core::batchSpread) is √32 ≈ 5.7 times wider at B = 8...
  const double band256 = 2 * core::batchSpread(sigma, 256).meanSd, band8 = 2 * core::batchSpread(sigma, 8).meanSd;
  EXPECT_NEAR(band8, 2 * sigma / std::sqrt(8.0), 1e-12);
  EXPECT_NEAR(band8 / band256, std::sqrt(32.0), 1e-9);
  // ...and the dots (the batch means) spread with it, by about the same factor.
  const double spread256 = sd(big.batchMean), spread8 = sd(small.batchMean);
  EXPECT_GT(spread8 / spread256, 3.5) << "spread of μ_B: " << spread256 << " at B = 256, " << spread8 << " at B = 8";
  EXPECT_LT(spread8 / spread256, 9.0);
  std::printf("[ measured ] band ratio %.2f, spread of μ_B %.4f (B = 256) vs %.4f (B = 8)\n", band8 / band256,
              spread256, spread8);
  // The probe's BN train output jumps from step to step at B = 8, far more than at B = 256 (in every channel).
  for (int k = 0; k < BatchStatsModel::kChannels; ++k) {
    load(l, {{"batch", 256}, {"channel", k}});
    const double jump256 = meanJump(series(l, k).train);
    load(l, {{"batch", 8}, {"channel", k}});
    const double jump8 = meanJump(series(l, k).train);
    std::printf("[ measured ] channel %d: mean |Δy| per step %.3f (B = 256), %.3f (B = 8)\n", k, jump256, jump8);
    EXPECT_GT(jump8 / jump256, 2.5) << "channel " << k << ", mean |Δy| per step: " << jump256 << " at B = 256, "
                                    << jump8 << " at B = 8";
  }
  // LN and GN do not move: the same value at every step and at both batch sizes.
  for (const Series* s : {&big, &small})
    for (size_t t = 0; t < s->layer.size(); ++t) {
      EXPECT_EQ(s->layer[t], big.layer[0]);
      EXPECT_EQ(s->group[t], big.group[0]);
    }
  // B = 2: a batch of two standardizes to −1 and +1, so the output is β ± γ, nearly always to 1e-3; ε pulls
  // |y − β| below γ only where the two values almost coincide (their variance σ²_B is within a few hundred ε).
  for (int k = 0; k < BatchStatsModel::kChannels; ++k) {
    load(l, {{"batch", 2}, {"channel", k}});
    int exact = 0;
    for (const core::BatchStep& s : l.model().history()) {
      const double y = s.probeTrain[k], off = gamma - std::fabs(y - beta);
      EXPECT_GE(off, -1e-6) << "channel " << k << ": |y − β| never exceeds γ";
      if (off < 1e-3)
        ++exact;
      else
        EXPECT_LT(s.probeVar[k], 500 * 1e-5) << "channel " << k << ": y = " << y << " though σ²_B = " << s.probeVar[k];
    }
    std::printf("[ measured ] B = 2, channel %d: %d of %zu steps at β ± γ to 1e-3\n", k, exact,
                l.model().history().size());
    EXPECT_GE(exact, 0.8 * double(l.model().history().size())) << "channel " << k << ": nearly always β ± γ";
    if (k == c) {
      EXPECT_GE(exact, 0.95 * double(l.model().history().size())) << "the shown channel";
    }
  }
  // The mismatch curve: BN's train-mode error grows as B falls, from B = 256 to B = 2 (B = 1 is the special
  // case of step 2: the output is β).
  const std::vector<double>& m = l.model().mismatch();
  const std::vector<double>& b = BatchStatsModel::mismatchBatchSizes();
  ASSERT_EQ(b[1], 2.0);
  std::printf("[ measured ] mismatch %.3f at B = 2, %.3f at B = 256\n", m[1], m.back());
  EXPECT_GT(m[1] / m.back(), 6.0) << "mismatch " << m[1] << " at B = 2, " << m.back() << " at B = 256";
  for (size_t i = 2; i < m.size(); ++i) EXPECT_LT(m[i], m[i - 1] * 1.05) << "B = " << b[i] << " vs " << b[i - 1];
  for (Lang lang : {"en", "zh"}) {
    claims::expectStepSays(l, 1, lang, "256");
    claims::expectStepSays(l, 1, lang, lang == "en" ? "down to 8" : "调到 8");
    claims::expectStepSays(l, 1, lang, "B = 2");
    claims::expectStepSays(l, 1, lang, "β − γ");
    claims::expectStepSays(l, 1, lang, "β + γ");
  }
}

TEST(BatchStatsTry, Step2_BatchOfOneGivesExactlyBetaAndFreezesTheRunningAverages) {
  BatchStatsLesson l;
  for (const float beta : {0.0f, 0.75f, -1.5f}) {
    load(l, {{"batch", 1}, {"beta", beta}, {"gamma", 2.0}, {"probe0", 4.2}, {"probe1", -3.0}, {"steps", 40}});
    for (const core::BatchStep& s : l.model().history())
      for (int c = 0; c < BatchStatsModel::kChannels; ++c) {
        EXPECT_EQ(s.batchVar[c], 0.0);
        EXPECT_EQ(s.probeTrain[c], double(beta)) << "exactly β, whatever the input (channel " << c << ")";
        EXPECT_FALSE(s.updated);
        EXPECT_EQ(s.runningMean[c], 0.0) << "the running mean stays at its start";
        EXPECT_EQ(s.runningVar[c], 1.0) << "the running variance stays at its start";
      }
  }
  // B = 2 does update them (the comparison above can fail).
  load(l, {{"batch", 2}});
  EXPECT_TRUE(l.model().history().back().updated);
  EXPECT_NE(l.model().history().back().runningMean[0], 0.0);
  for (Lang lang : {"en", "zh"})
    claims::expectStepSays(l, 2, lang, lang == "en" ? "Set B = 1" : "把 B 设为 1");
}

TEST(BatchStatsTry, Step3_SmallMomentumSmoothButSlowLargeMomentumFastButNoisy) {
  BatchStatsLesson l;
  const int c = l.model().params().channel;
  const double mu = l.model().params().mean(c);
  ASSERT_GT(std::fabs(mu), 1.0) << "the shown channel's mean must be away from the start 0";
  load(l, {{"momentum", 0.01}});
  const Series slow = series(l, c);
  const core::BatchStep first = l.model().history().front();
  const int B = l.model().params().batch;
  // It starts at mean 0, variance 1: the first update is (1 − m)·0 + m·μ_B and (1 − m)·1 + m·σ²_B·B/(B − 1).
  EXPECT_NEAR(first.runningMean[c], 0.01 * first.batchMean[c], 1e-9);
  EXPECT_NEAR(first.runningVar[c], 0.99 + 0.01 * first.batchVar[c] * B / (B - 1), 1e-9);
  load(l, {{"momentum", 0.5}});
  const Series fast = series(l, c);
  const size_t n = slow.runningMean.size(), tail = n / 2;

  // Slow: after all the steps shown, momentum 0.01 has not covered even two thirds of the way from 0 to μ;
  // momentum 0.5 is within a quarter of μ after five steps.
  EXPECT_LT(slow.runningMean.back() / mu, 2.0 / 3.0) << "momentum 0.01 after " << n << " steps";
  EXPECT_GT(slow.runningMean.back() / mu, 0.2) << "but it does move towards μ";
  for (size_t t = 4; t < n; ++t) EXPECT_NEAR(fast.runningMean[t], mu, 0.25 * std::fabs(mu) + 0.5) << "step " << t + 1;
  // Smooth vs noisy: the running mean's step-to-step changes in the second half of the run.
  const double jSlow = meanJump(slow.runningMean, tail), jFast = meanJump(fast.runningMean, tail);
  const double jBatch = meanJump(fast.batchMean, tail);
  EXPECT_GT(jFast / jSlow, 10.0) << "mean |Δ running μ|: " << jSlow << " at 0.01, " << jFast << " at 0.5";
  // Copying the noise: at 0.5 the running mean moves by a large share of the batch means' own jumps, and
  // scatters around μ by a large share of their spread; at 0.01 by little of either.
  EXPECT_GT(jFast / jBatch, 0.3) << "momentum 0.5 copies the batch noise";
  EXPECT_LT(jSlow / jBatch, 0.05) << "momentum 0.01 smooths it";
  EXPECT_GT(sd(fast.runningMean, tail) / sd(fast.batchMean, tail), 0.4);
  for (Lang lang : {"en", "zh"}) {
    claims::expectStepSays(l, 3, lang, "0.01");
    claims::expectStepSays(l, 3, lang, "0.5");
  }
  std::printf(
      "[ measured ] running μ after %zu steps: %.3f (m = 0.01), %.3f (m = 0.5), μ = %.2f; "
      "mean |Δ|: %.4f, %.4f, batch means %.4f\n",
      n, slow.runningMean.back(), fast.runningMean.back(), mu, jSlow, jFast, jBatch);
}

}  // namespace
}  // namespace nr::app
