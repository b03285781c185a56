// nr/batch_sampling.h against independent computations: naive double loops over the same drawn batch, PyTorch's
// running-statistics recurrence written out by hand, the χ² closed forms checked by Monte Carlo.
#include "nr/batch_sampling.h"

#include <gtest/gtest.h>

#include <cmath>

namespace {

using namespace nr::core;

BatchSimConfig config(int64_t batch) {
  BatchSimConfig c;
  c.pop.mean = {1.5, -0.5, 3.0, 0.0};
  c.pop.sd = {1.0, 0.5, 2.0, 1.5};
  c.probe = {2.0f, -1.0f, 1.0f, 0.5f};
  c.batch = batch;
  c.momentum = 0.2;
  c.gamma = 1.5f;
  c.beta = 0.25f;
  c.seed = 7;
  return c;
}

TEST(BatchSampling, ProbeIsRowZeroAndOtherRowsDoNotDependOnIt) {
  const BatchSimConfig c = config(5);
  Rng a(3), b(3);
  const Tensor with = drawBatch(c.pop, 5, a, c.probe), without = drawBatch(c.pop, 5, b);
  for (int k = 0; k < 4; ++k) EXPECT_EQ(with.at(0, k), c.probe[k]);
  for (int n = 1; n < 5; ++n)
    for (int k = 0; k < 4; ++k) EXPECT_EQ(with.at(n, k), without.at(n, k));
  EXPECT_THROW(drawBatch(c.pop, 0, a), std::invalid_argument);
}

TEST(BatchSampling, StepsMatchNaiveLoopsAndTheRunningRecurrence) {
  for (int64_t B : {2, 3, 16}) {
    const BatchSimConfig c = config(B);
    const std::vector<BatchStep> steps = simulateBatches(c, 6);
    Rng rng(c.seed);
    std::vector<double> rm(4, 0.0), rv(4, 1.0);  // PyTorch's initial running statistics
    for (const BatchStep& s : steps) {
      const Tensor x = drawBatch(c.pop, B, rng);
      for (int k = 0; k < 4; ++k) {
        double mu = 0, var = 0;
        for (int n = 0; n < B; ++n) mu += x.at(n, k);
        mu /= B;
        for (int n = 0; n < B; ++n) var += (x.at(n, k) - mu) * (x.at(n, k) - mu);
        var /= B;  // biased, as BatchNorm normalizes with
        EXPECT_NEAR(s.batchMean[k], mu, 1e-12);
        EXPECT_NEAR(s.batchVar[k], var, 1e-12);
        rm[k] = 0.8 * rm[k] + 0.2 * mu;
        rv[k] = 0.8 * rv[k] + 0.2 * var * B / (B - 1.0);  // unbiased into the running estimate
        EXPECT_NEAR(s.runningMean[k], rm[k], 1e-12);
        EXPECT_NEAR(s.runningVar[k], rv[k], 1e-12);
        // The probe's batch: the probe in place of row 0.
        double pm = c.probe[k], pv = 0;
        for (int n = 1; n < B; ++n) pm += x.at(n, k);
        pm /= B;
        pv = (c.probe[k] - pm) * (c.probe[k] - pm);
        for (int n = 1; n < B; ++n) pv += (x.at(n, k) - pm) * (x.at(n, k) - pm);
        pv /= B;
        EXPECT_NEAR(s.probeMean[k], pm, 1e-6);
        EXPECT_NEAR(s.probeVar[k], pv, 1e-6);
        const double train = 1.5 * (c.probe[k] - pm) / std::sqrt(pv + 1e-5) + 0.25;
        const double eval = 1.5 * (c.probe[k] - rm[k]) / std::sqrt(rv[k] + 1e-5) + 0.25;
        EXPECT_NEAR(s.probeTrain[k], train, 2e-6 * std::max(1.0, std::fabs(train)));
        EXPECT_NEAR(s.probeEval[k], eval, 2e-6 * std::max(1.0, std::fabs(eval)));
      }
      EXPECT_TRUE(s.updated);
    }
  }
}

TEST(BatchSampling, LayerAndGroupNormOfTheProbeIgnoreTheBatch) {
  const std::vector<BatchStep> small = simulateBatches(config(2), 3), large = simulateBatches(config(128), 3);
  const BatchSimConfig c = config(2);
  double mu = 0, var = 0;
  for (float v : c.probe) mu += v;
  mu /= 4;
  for (float v : c.probe) var += (v - mu) * (v - mu);
  var /= 4;
  for (int k = 0; k < 4; ++k) {
    EXPECT_EQ(small[0].probeLayer[k], large[2].probeLayer[k]);
    EXPECT_EQ(small[1].probeGroup[k], large[0].probeGroup[k]);
    EXPECT_NEAR(small[0].probeLayer[k], 1.5 * (c.probe[k] - mu) / std::sqrt(var + 1e-5) + 0.25, 1e-5);
    // G = 2: channels {0, 1} and {2, 3}.
    const int g0 = k < 2 ? 0 : 2;
    const double gm = 0.5 * (c.probe[g0] + c.probe[g0 + 1]);
    const double gv = 0.25 * (c.probe[g0] - c.probe[g0 + 1]) * (c.probe[g0] - c.probe[g0 + 1]);
    EXPECT_NEAR(small[0].probeGroup[k], 1.5 * (c.probe[k] - gm) / std::sqrt(gv + 1e-5) + 0.25, 1e-5);
  }
}

TEST(BatchSampling, BatchOfOneCollapsesToBetaAndKeepsTheEstimate) {
  const std::vector<BatchStep> steps = simulateBatches(config(1), 4);
  for (const BatchStep& s : steps) {
    EXPECT_FALSE(s.updated);
    for (int k = 0; k < 4; ++k) {
      EXPECT_EQ(s.batchVar[k], 0.0);
      EXPECT_NEAR(s.probeTrain[k], 0.25, 1e-6);
      EXPECT_EQ(s.runningMean[k], 0.0);
      EXPECT_EQ(s.runningVar[k], 1.0);
    }
  }
}

TEST(BatchSampling, ClosedFormSpreadAgreesWithMonteCarlo) {
  for (int64_t B : {2, 4, 32}) {
    const BatchSpread s = batchSpread(2.0, B);
    EXPECT_DOUBLE_EQ(s.meanSd, 2.0 / std::sqrt(double(B)));
    Population pop{{1.0}, {2.0}};
    Rng rng(11);
    const int trials = 40000;
    double sm = 0, smm = 0, sv = 0, svv = 0;
    for (int t = 0; t < trials; ++t) {
      const Tensor x = drawBatch(pop, B, rng);
      double mu = 0, var = 0;
      for (int n = 0; n < B; ++n) mu += x.at(n, 0);
      mu /= B;
      for (int n = 0; n < B; ++n) var += (x.at(n, 0) - mu) * (x.at(n, 0) - mu);
      var /= B;
      sm += mu, smm += mu * mu, sv += var, svv += var * var;
    }
    const double mMean = sm / trials, vMean = sv / trials;
    const double mSd = std::sqrt(smm / trials - mMean * mMean), vSd = std::sqrt(svv / trials - vMean * vMean);
    EXPECT_NEAR(mSd, s.meanSd, 0.02 * s.meanSd);
    EXPECT_NEAR(vMean, s.varMean, 0.02 * 4.0);
    EXPECT_NEAR(vSd, s.varSd, 0.04 * s.varSd);
  }
  EXPECT_EQ(batchSpread(1.0, 1).varSd, 0.0);
}

TEST(BatchSampling, MismatchMatchesANaiveLoopAndShrinksWithTheBatch) {
  const BatchSimConfig c = config(8);
  // Naive: the same batches (same seed rule), the probe normalized by hand.
  Rng rng(c.seed * 1000003u + 8u);
  const double yPop = 1.5 * (c.probe[2] - 3.0) / std::sqrt(4.0 + 1e-5) + 0.25;
  double sum = 0;
  for (int i = 0; i < 50; ++i) {
    float x[8] = {c.probe[2]};
    for (int n = 1; n < 8; ++n) x[n] = static_cast<float>(rng.normal(3.0, 2.0));
    double mu = 0, var = 0;
    for (int n = 0; n < 8; ++n) mu += x[n];
    mu /= 8;
    for (int n = 0; n < 8; ++n) var += (x[n] - mu) * (x[n] - mu);
    var /= 8;
    sum += std::fabs(1.5 * (c.probe[2] - mu) / std::sqrt(var + 1e-5) + 0.25 - yPop);
  }
  EXPECT_NEAR(trainEvalMismatch(c, 8, 2, 50), sum / 50, 1e-5);
  EXPECT_GT(trainEvalMismatch(c, 2, 0, 400), 2.0 * trainEvalMismatch(c, 128, 0, 400));
  EXPECT_NEAR(trainEvalMismatch(c, 1, 1, 3), std::fabs(0.25 - (1.5 * (-1.0 + 0.5) / std::sqrt(0.25 + 1e-5) + 0.25)),
              1e-6);
}

}  // namespace
