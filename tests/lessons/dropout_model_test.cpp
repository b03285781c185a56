// dropout's model without a GUI: the MC-dropout ensemble (band, members, probe numbers) against a naive recomputation
// with the same masks, its own forward pass against the core's eval mode, the keep fraction of the shown mask, the
// equality of the expected activation in training and at test time under both scalings (closed form and Monte
// Carlo), and the toy curve data it trains on.
#include <gtest/gtest.h>

#include <cmath>
#include <numeric>

#include "lessons/curve_data_model.h"
#include "lessons/dropout_model.h"
#include "nr/rng.h"

namespace nr::app {
namespace {

using Params = DropoutModel::Params;

// Fresh runs of `p` trained `epochs` epochs (what the lesson does on loading a scene of that many epochs).
void build(DropoutModel& m, const Params& p, int epochs) {
  m.rebuild(p);
  m.train(epochs * m.stepsPerEpoch());
  m.refresh();
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

// The mean and population standard deviation of the ensemble at x, by the textbook two-pass formula.
std::pair<double, double> naiveEnsemble(const DropoutModel& m, double x, double q, bool inverted) {
  std::vector<double> ys;
  for (int k = 0; k < m.params().samples; ++k)
    ys.push_back(naiveOutput(m.run(0).net(), x, m.ensembleMask(k), q, inverted));
  double mean = 0, var = 0;
  for (double y : ys) mean += y / ys.size();
  for (double y : ys) var += (y - mean) * (y - mean) / ys.size();
  return {mean, std::sqrt(var)};
}

TEST(DropoutModel, EnsembleMeanAndSpreadMatchANaiveRecomputation) {
  for (int mode : {0, 1}) {
    DropoutModel m;
    Params p;
    p.keep = 0.6f, p.width = 8, p.samples = 20, p.mode = mode;
    build(m, p, 30);
    const double q = 1.0 - (1.0 - double(m.params().keep));
    int dropped = 0;
    for (int g = 0; g < DropoutModel::kGrid; g += 7) {
      const auto [mean, sd] = naiveEnsemble(m, m.gridX()[g], q, mode == 0);
      EXPECT_NEAR(m.ensembleMean()[g], mean, 1e-9) << mode << " g=" << g;
      EXPECT_NEAR(m.ensembleStd()[g], sd, 1e-7) << mode << " g=" << g;
      EXPECT_DOUBLE_EQ(m.bandLo()[g], m.ensembleMean()[g] - m.ensembleStd()[g]);
      EXPECT_DOUBLE_EQ(m.bandHi()[g], m.ensembleMean()[g] + m.ensembleStd()[g]);
    }
    for (int k = 0; k < 20; ++k)
      for (float v : m.ensembleMask(k)) dropped += v == 0.0f;
    EXPECT_GT(dropped, 0) << "masks of q = 0.6 drop some units";
    EXPECT_GT(m.ensembleStd()[60], 0.0);
  }
}

TEST(DropoutModel, MembersAndProbeNumbersAreThoseOfTheSameMasks) {
  for (int mode : {0, 1}) {
    DropoutModel m;
    Params p;
    p.keep = 0.5f, p.width = 12, p.samples = 9, p.mode = mode, p.probe = -0.4f;
    build(m, p, 25);
    const double q = 0.5;
    const core::Mlp& net = m.run(0).net();
    ASSERT_EQ(m.members().size(), size_t(DropoutModel::kMembersDrawn));
    for (int k = 0; k < DropoutModel::kMembersDrawn; ++k)
      for (int g = 0; g < DropoutModel::kGrid; g += 12)
        EXPECT_NEAR(m.members()[k][g], naiveOutput(net, m.gridX()[g], m.ensembleMask(k), q, mode == 0), 1e-9);
    const double x = m.params().probe;
    const auto [mean, sd] = naiveEnsemble(m, x, q, mode == 0);
    EXPECT_NEAR(m.probeMean(), mean, 1e-9) << mode;
    EXPECT_NEAR(m.probeStd(), sd, 1e-7) << mode;
    EXPECT_NEAR(m.probeTrainOutput(), naiveOutput(net, x, m.shownMask(), q, mode == 0), 1e-9) << mode;
    // The unit's sample mean is the mean of m·kept over the same masks.
    const DropoutModel::UnitNumbers& u = m.unitNumbers();
    double s = 0;
    for (int k = 0; k < 9; ++k) s += m.ensembleMask(k)[u.unit] * u.kept;
    EXPECT_NEAR(u.sampleMean, s / 9, 1e-12);
  }
}

TEST(DropoutModel, FewerMembersThanDrawnAreAllDrawn) {
  DropoutModel m;
  Params p;
  p.samples = 2;
  build(m, p, 2);
  EXPECT_EQ(m.members().size(), 2u);
}

TEST(DropoutModel, OwnForwardMatchesTheCoreEvalMode) {
  for (int mode : {0, 1})
    for (float keep : {0.3f, 1.0f}) {
      DropoutModel m;
      Params p;
      p.keep = keep, p.mode = mode;
      build(m, p, 20);
      for (int g = 0; g < DropoutModel::kGrid; g += 10)
        EXPECT_NEAR(m.forward(m.gridX()[g], nullptr), m.evalCurve(0)[g], 2e-5) << mode << " q=" << keep;
    }
}

TEST(DropoutModel, ShownKeepFractionIsTheMasksAndAboutQ) {
  DropoutModel m;
  Params p;
  p.keep = 0.3f, p.width = 16;
  build(m, p, 2);
  EXPECT_GT(m.maskSize(), 0) << "the warm epochs' last step";
  double kept = 0, total = 0;
  std::vector<float> previous;
  int changes = 0;
  for (int s = 0; s < 200; ++s) {
    m.train(1);
    const core::Mlp& net = m.run(0).net();
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
    EXPECT_EQ(m.keptCount(), count);
    EXPECT_EQ(m.maskSize(), int(mask.size()));
    if (!previous.empty() && previous != mask) ++changes;
    previous = mask;
    kept += count, total += mask.size();
    // The shown mask is the batch's first sample of this step.
    m.refresh();
    for (int layer = 0; layer < 2; ++layer)
      for (int i = 0; i < 16; ++i) ASSERT_EQ(m.shownMask()[layer * 16 + i], net.dropoutMask(layer)(i, 0));
  }
  EXPECT_EQ(changes, 199) << "the mask changes at every step";
  // 200 steps of ≥ 2·16·6 Bernoulli(0.3) draws: the share's standard deviation is about 0.002.
  EXPECT_NEAR(kept / total, 0.3, 0.012);
}

TEST(DropoutModel, InvertedAndTestTimeScalingHaveTheSameExpectation) {
  for (int mode : {0, 1}) {
    DropoutModel m;
    Params p;
    p.keep = 0.4f, p.mode = mode, p.probe = 0.3f;
    build(m, p, 10);
    const auto& u = m.unitNumbers();
    const double q = 0.4;
    ASSERT_GE(u.unit, 0);
    // Closed form: E[m·kept] = q·kept equals the eval value in both conventions.
    EXPECT_NEAR(u.trainMean, u.eval, 1e-6) << mode;
    if (mode == 0) {
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
    // The unit's h is the net's own activation at the probe, and the largest in magnitude of its layer.
    const core::Mlp& net = m.run(0).net();
    auto h = [&](int i) {
      return std::tanh(double(net.weights(0)(i, 0)) * 0.3 + double(net.parameters()[net.biasBlock(0).offset + i]));
    };
    EXPECT_NEAR(u.h, h(u.unit), 1e-6);
    for (int i = 0; i < m.params().width; ++i) EXPECT_LE(std::fabs(h(i)), std::fabs(u.h) + 1e-12) << i;
  }
}

TEST(DropoutModel, KeepOneTrainsBothRunsIdentically) {
  DropoutModel m;
  Params p;
  p.keep = 1.0f;
  build(m, p, 15);
  const core::Mlp& a = m.run(0).net();
  const core::Mlp& b = m.run(1).net();
  for (int64_t i = 0; i < a.parameterCount(); ++i) ASSERT_EQ(a.parameters()[i], b.parameters()[i]) << i;
  for (int g = 0; g < DropoutModel::kGrid; ++g) EXPECT_EQ(m.ensembleStd()[g], 0.0);  // no dropout, no spread
}

TEST(DropoutModel, ChangingKeepOrTheProbeRefreshesWithoutRetraining) {
  DropoutModel m;
  build(m, Params(), 10);
  const int64_t steps = m.run(0).stepCount();
  const double before = m.ensembleStd()[60];
  m.setKeep(1.0f);
  m.refresh();
  EXPECT_EQ(m.run(0).stepCount(), steps);
  EXPECT_EQ(m.ensembleStd()[60], 0.0) << "q = 1: every member is the eval net";
  EXPECT_GT(before, 0.0);
  m.setProbe(-0.9f);
  m.refresh();
  const core::Mlp& net = m.run(0).net();
  EXPECT_NEAR(m.unitNumbers().h, std::tanh(double(net.weights(0)(m.unitNumbers().unit, 0)) * -0.9f +
                                           double(net.parameters()[net.biasBlock(0).offset + m.unitNumbers().unit])),
              1e-9);
  m.setSamples(5);
  m.refresh();
  EXPECT_EQ(m.params().samples, 5);
  EXPECT_NO_THROW(m.ensembleMask(4));
}

TEST(DropoutModel, LossCurvesAreTheRunsHistory) {
  DropoutModel m;
  build(m, Params(), 12);
  m.collectCurves();
  const auto& e0 = m.run(0).epochs();
  ASSERT_EQ(m.epochAxis().size(), e0.size());
  for (size_t i = 0; i < e0.size(); ++i) {
    EXPECT_EQ(m.epochAxis()[i], e0[i].epoch);
    EXPECT_EQ(m.trainLoss(0)[i], e0[i].train.data);
    EXPECT_EQ(m.validationLoss(0)[i], e0[i].validation.data);
    EXPECT_EQ(m.trainLoss(1)[i], m.run(1).epochs()[i].train.data);
    EXPECT_EQ(m.validationLoss(1)[i], m.run(1).epochs()[i].validation.data);
  }
}

TEST(DropoutModel, DivergenceIsReportedAndStopsTraining) {
  DropoutModel m;
  Params p;
  p.lr = 10.0;
  build(m, p, 2);
  for (int i = 0; i < 100 && !m.diverged(); ++i) m.train(20);
  EXPECT_TRUE(m.diverged());
  EXPECT_TRUE(m.finished());
  const int64_t steps = m.run(0).stepCount();
  m.train(10);
  EXPECT_EQ(m.run(0).stepCount(), steps);
  // A sensible learning rate does not diverge over the whole default run length.
  DropoutModel ok;
  build(ok, Params(), 400);
  EXPECT_FALSE(ok.diverged());
  EXPECT_LT(ok.run(1).epochs().back().train.data, ok.run(1).epochs().front().train.data);
}

TEST(CurveData, StratifiedPointsAroundTheTarget) {
  const core::LabeledData d = makeCurveSet(10, 0.0, 5);
  ASSERT_EQ(d.size(), 10);
  for (int i = 0; i < 10; ++i) {
    // One point in each of ten equal cells of [−1, 1]; without noise y is the target.
    EXPECT_GE(d.x[i], -1.0 + 0.2 * i - 1e-6);
    EXPECT_LE(d.x[i], -1.0 + 0.2 * (i + 1) + 1e-6);
    EXPECT_NEAR(d.y[i], std::sin(3.0 * double(d.x[i])), 1e-6);
  }
  const std::vector<float> g = curveGrid(5, -1.5, 1.5);
  const std::vector<float> expected = {-1.5f, -0.75f, 0.0f, 0.75f, 1.5f};
  EXPECT_EQ(g, expected);
  core::LabeledData t;
  t.y = {1.0f, 2.0f, 3.0f, 6.0f};  // mean 3: (4 + 1 + 0 + 9)/4
  EXPECT_DOUBLE_EQ(targetVariance(t), 3.5);
}

}  // namespace
}  // namespace nr::app
