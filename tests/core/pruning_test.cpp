// nr::core::pruneByMagnitude: the smallest magnitudes go (checked against a sort), global vs per-layer counts,
// and the mask survives fine-tuning with exact zeros.
#include "nr/pruning.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "nr/mlp.h"
#include "nr/rng.h"

namespace {

using namespace nr::core;

std::vector<float> allWeights(const Mlp& net) {
  std::vector<float> w;
  for (int l = 0; l < net.layerCount(); ++l) {
    const ParamBlock b = net.weightBlock(l);
    w.insert(w.end(), net.parameters() + b.offset, net.parameters() + b.offset + b.count);
  }
  return w;
}

TEST(Pruning, GlobalPrunesTheSmallestMagnitudes) {
  Mlp net(MlpSpec::make(2, {16, 16}, 1, Activation::Tanh));
  const std::vector<float> before = allWeights(net);
  const PruneReport r = pruneByMagnitude(net, 0.6, PruneScope::Global);
  const int64_t expected = static_cast<int64_t>(std::floor(0.6 * before.size()));
  EXPECT_EQ(r.total, int64_t(before.size()));
  EXPECT_EQ(r.pruned, expected);
  // Reference: sort the magnitudes; the threshold is the expected-th smallest.
  std::vector<float> mags;
  for (float w : before) mags.push_back(std::abs(w));
  std::sort(mags.begin(), mags.end());
  EXPECT_EQ(r.threshold, mags[expected - 1]);
  const std::vector<float> after = allWeights(net);
  for (size_t i = 0; i < before.size(); ++i) {
    if (after[i] == 0.0f)
      EXPECT_LE(std::abs(before[i]), r.threshold);
    else
      EXPECT_EQ(after[i], before[i]);
  }
  EXPECT_NEAR(weightSparsity(net), double(expected) / before.size(), 1e-12);
  // Biases are untouched.
  for (int l = 0; l < net.layerCount(); ++l) EXPECT_GT(net.bias(l).cwiseAbs().minCoeff(), 0.0f);
}

TEST(Pruning, PerLayerGivesEveryLayerTheSameSparsity) {
  Mlp net(MlpSpec::make(2, {16, 16}, 1, Activation::Tanh));
  const PruneReport r = pruneByMagnitude(net, 0.5, PruneScope::PerLayer);
  ASSERT_EQ(r.layerSparsity.size(), 3u);
  EXPECT_DOUBLE_EQ(r.layerSparsity[0], 16.0 / 32.0);
  EXPECT_DOUBLE_EQ(r.layerSparsity[1], 128.0 / 256.0);
  EXPECT_DOUBLE_EQ(r.layerSparsity[2], 8.0 / 16.0);
  // Global on the same weights gives unequal layers (the first layer's 1/√2 init bound is the widest).
  Mlp g(MlpSpec::make(2, {16, 16}, 1, Activation::Tanh));
  const PruneReport rg = pruneByMagnitude(g, 0.5, PruneScope::Global);
  EXPECT_NE(rg.layerSparsity[0], rg.layerSparsity[1]);
  EXPECT_THROW(pruneByMagnitude(g, 1.5, PruneScope::Global), std::invalid_argument);
}

TEST(Pruning, MaskSurvivesFineTuningWithExactZeros) {
  MlpSpec spec = MlpSpec::make(2, {16, 16}, 1, Activation::Tanh);
  Mlp net(spec);
  Rng rng(4);
  std::vector<float> x(64 * 2), y(64);
  for (int i = 0; i < 64; ++i) {
    x[2 * i] = float(rng.normal());
    x[2 * i + 1] = float(rng.normal());
    y[i] = x[2 * i] * x[2 * i + 1] > 0 ? 1.f : 0.f;
  }
  OptimizerSpec os;
  os.kind = OptimizerKind::AdamW;
  os.lr = 0.01;
  os.weightDecay = 0.01;
  Optimizer<float> opt(os, net.parameterCount());
  for (int s = 0; s < 50; ++s) net.trainStep(x.data() + (s % 2) * 64, y.data() + (s % 2) * 32, 32, opt);
  pruneByMagnitude(net, 0.7, PruneScope::Global);
  const std::vector<float> pruned = allWeights(net);
  Regularization reg;
  reg.l1 = 1e-3;  // L1's sign(w) at a pruned weight is 0, but the mask must hold whatever the penalty
  reg.l2 = 1e-3;
  net.setRegularization(reg);
  for (int s = 0; s < 200; ++s) net.trainStep(x.data() + (s % 2) * 64, y.data() + (s % 2) * 32, 32, opt);
  const std::vector<float> tuned = allWeights(net);
  int moved = 0;
  for (size_t i = 0; i < pruned.size(); ++i) {
    if (pruned[i] == 0.0f)
      EXPECT_EQ(tuned[i], 0.0f) << "pruned weight " << i << " came back";
    else
      moved += tuned[i] != pruned[i];
  }
  EXPECT_GT(moved, 50) << "the kept weights fine-tune";
  // Without the mask, the same weights move again.
  net.clearPruning();
  for (int s = 0; s < 5; ++s) net.trainStep(x.data(), y.data(), 32, opt);
  int revived = 0;
  const std::vector<float> free = allWeights(net);
  for (size_t i = 0; i < pruned.size(); ++i) revived += pruned[i] == 0.0f && free[i] != 0.0f;
  EXPECT_GT(revived, 0);
}

}  // namespace
