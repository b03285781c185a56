// The dropout lesson's numbers: the MC-dropout ensemble against a naive recomputation with the same masks, its own
// forward pass against the core's eval mode, the keep fraction of the shown mask, and the equality of the expected
// activation in training and at test time under both scalings.
#include <gtest/gtest.h>

#include <cmath>

#include "lessons/dropout.h"
#include "nr/rng.h"

namespace nr::app {
namespace {

void load(DropoutLesson& l, const nlohmann::json& j) {
  std::vector<std::string> w, e;
  l.setParams(j, w, e);
  ASSERT_TRUE(e.empty()) << e[0];
  ASSERT_TRUE(w.empty()) << w[0];
}

// y(x) of the dropout run with keep masks m (layer 0 then 1), plain loops in double.
double naiveOutput(const core::Mlp& net, double x, const std::vector<float>& m, double q, bool inverted) {
  const int w = net.width(0);
  const float* p = net.parameters();
  std::vector<double> a(w), b(w);
  for (int i = 0; i < w; ++i) {
    a[i] = std::tanh(double(net.weights(0)(i, 0)) * x + double(p[net.biasBlock(0).offset + i]));
    a[i] *= m[i] * (inverted ? 1.0 / q : 1.0);
  }
  for (int i = 0; i < w; ++i) {
    double z = p[net.biasBlock(1).offset + i];
    for (int j = 0; j < w; ++j) z += double(net.weights(1)(i, j)) * a[j];
    b[i] = std::tanh(z) * m[w + i] * (inverted ? 1.0 / q : 1.0);
  }
  double y = p[net.biasBlock(2).offset];
  for (int j = 0; j < w; ++j) y += double(net.weights(2)(0, j)) * b[j];
  return y;
}

TEST(DropoutLesson, EnsembleMeanAndSpreadMatchANaiveRecomputation) {
  for (const char* mode : {"inverted", "test_time"}) {
    DropoutLesson l;
    load(l, {{"keep", 0.6}, {"width", 8}, {"samples", 20}, {"mode", mode}, {"pretrain", 30}});
    l.refresh();
    const core::Mlp& net = l.run(0).net();
    const double q = 1.0 - (1.0 - double(l.p().keep));
    const bool inverted = std::string(mode) == "inverted";
    int dropped = 0;
    for (int g = 0; g < DropoutLesson::kGrid; g += 7) {
      std::vector<double> ys;
      for (int k = 0; k < 20; ++k) ys.push_back(naiveOutput(net, l.gridX()[g], l.ensembleMask(k), q, inverted));
      double mean = 0, var = 0;
      for (double y : ys) mean += y / ys.size();
      for (double y : ys) var += (y - mean) * (y - mean) / ys.size();
      EXPECT_NEAR(l.ensembleMean()[g], mean, 1e-9) << mode << " g=" << g;
      EXPECT_NEAR(l.ensembleStd()[g], std::sqrt(var), 1e-7) << mode << " g=" << g;
    }
    for (int k = 0; k < 20; ++k)
      for (float v : l.ensembleMask(k)) dropped += v == 0.0f;
    EXPECT_GT(dropped, 0) << "masks of q = 0.6 drop some units";
    EXPECT_GT(l.ensembleStd()[60], 0.0);
  }
}

TEST(DropoutLesson, OwnForwardMatchesTheCoreEvalMode) {
  for (const char* mode : {"inverted", "test_time"})
    for (double keep : {0.3, 1.0}) {
      DropoutLesson l;
      load(l, {{"keep", keep}, {"mode", mode}, {"pretrain", 20}});
      l.refresh();
      for (int g = 0; g < DropoutLesson::kGrid; g += 10)
        EXPECT_NEAR(l.forward(l.gridX()[g], nullptr), l.evalCurve(0)[g], 2e-5) << mode << " q=" << keep;
    }
}

TEST(DropoutLesson, ShownKeepFractionIsTheMasksAndAboutQ) {
  DropoutLesson l;
  load(l, {{"keep", 0.3}, {"width", 16}});
  EXPECT_GT(l.maskSize(), 0) << "the warm epochs' last step";
  double kept = 0, total = 0;
  std::vector<float> previous;
  int changes = 0;
  for (int s = 0; s < 200; ++s) {
    l.train(1);
    const core::Mlp& net = l.run(0).net();
    int count = 0;
    std::vector<float> mask;
    for (int layer = 0; layer < 2; ++layer)
      for (int j = 0; j < net.lastBatch(); ++j)
        for (int i = 0; i < 16; ++i) {
          const float v = net.dropoutMask(layer)(i, j);
          ASSERT_TRUE(v == 0.0f || v == 1.0f);
          count += v == 1.0f;
          mask.push_back(v);
        }
    EXPECT_EQ(l.keptCount(), count);
    EXPECT_EQ(l.maskSize(), int(mask.size()));
    if (!previous.empty() && previous != mask) ++changes;
    previous = mask;
    kept += count, total += mask.size();
  }
  EXPECT_EQ(changes, 199) << "the mask changes at every step";
  // 200 steps of ≥ 2·16·6 Bernoulli(0.3) draws: the share's standard deviation is about 0.002.
  EXPECT_NEAR(kept / total, 0.3, 0.012);
}

TEST(DropoutLesson, InvertedAndTestTimeScalingHaveTheSameExpectation) {
  for (const char* mode : {"inverted", "test_time"}) {
    DropoutLesson l;
    load(l, {{"keep", 0.4}, {"mode", mode}, {"pretrain", 10}, {"probe", 0.3}});
    l.refresh();
    const auto& u = l.unitNumbers();
    const double q = 0.4;
    ASSERT_GE(u.unit, 0);
    // Closed form: E[m·kept] = q·kept equals the eval value in both conventions.
    EXPECT_NEAR(u.trainMean, u.eval, 1e-6) << mode;
    if (std::string(mode) == "inverted") {
      EXPECT_NEAR(u.kept, u.h / q, 1e-6);
      EXPECT_NEAR(u.eval, u.h, 1e-12);
    } else {
      EXPECT_NEAR(u.kept, u.h, 1e-12);
      EXPECT_NEAR(u.eval, q * u.h, 1e-6);
    }
    // Monte Carlo with independent dice: the mean of m·kept over 200 000 masks is the eval value.
    core::Rng rng(99);
    double s = 0;
    const int n = 200000;
    for (int i = 0; i < n; ++i) s += (rng.uniform() < q ? 1.0 : 0.0) * u.kept;
    const double sd = std::fabs(u.kept) * std::sqrt(q * (1 - q) / n);
    EXPECT_NEAR(s / n, u.eval, 4 * sd + 1e-12) << mode;
    // The unit's h is the net's own activation at the probe.
    const core::Mlp& net = l.run(0).net();
    const double h = std::tanh(double(net.weights(0)(u.unit, 0)) * 0.3 +
                               double(net.parameters()[net.biasBlock(0).offset + u.unit]));
    EXPECT_NEAR(u.h, h, 1e-6);
  }
}

TEST(DropoutLesson, KeepOneTrainsBothRunsIdentically) {
  DropoutLesson l;
  load(l, {{"keep", 1.0}, {"pretrain", 15}});
  const core::Mlp& a = l.run(0).net();
  const core::Mlp& b = l.run(1).net();
  for (int64_t i = 0; i < a.parameterCount(); ++i) ASSERT_EQ(a.parameters()[i], b.parameters()[i]) << i;
  l.refresh();
  for (int g = 0; g < DropoutLesson::kGrid; ++g) EXPECT_EQ(l.ensembleStd()[g], 0.0);  // no dropout, no spread
}

TEST(DropoutLesson, DivergenceIsReportedAndStopsTraining) {
  DropoutLesson l;
  load(l, {{"lr", 10.0}});
  for (int i = 0; i < 100 && !l.diverged(); ++i) l.train(20);
  EXPECT_TRUE(l.diverged());
  const int64_t steps = l.run(0).stepCount();
  l.train(10);
  EXPECT_EQ(l.run(0).stepCount(), steps);
  // A sensible learning rate does not diverge over the whole default run length.
  DropoutLesson ok;
  load(ok, {{"pretrain", 400}});
  EXPECT_FALSE(ok.diverged());
  EXPECT_LT(ok.run(1).epochs().back().train.data, ok.run(1).epochs().front().train.data);
}

}  // namespace
}  // namespace nr::app

namespace nr::app {
namespace {

TEST(DropoutLesson, ResetStartsAFreshRunWithTheCurrentSettings) {
  DropoutLesson l;
  load(l, {{"keep", 0.3}, {"width", 8}, {"pretrain", 10}});
  ASSERT_GT(l.run(0).stepCount(), 0);
  l.reset();  // a fresh run: only the warm epochs every (re)build trains
  EXPECT_EQ(l.run(0).epoch(), kWarmEpochs);
  EXPECT_EQ(l.run(1).epoch(), kWarmEpochs);
  EXPECT_FLOAT_EQ(l.p().keep, 0.3f);
  EXPECT_EQ(l.p().width, 8);
}

}  // namespace
}  // namespace nr::app
