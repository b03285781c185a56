// pruning's try-this steps, on the default training (moons, 2 → 32 → 32 → 1, 150 epochs, trained once and shared):
// the unpenalized net keeps its accuracy to about 40 % sparsity and then collapses (its boundary leaves the moons)
// while the L1 net holds to about 95 %; fine-tuning at 80 % keeps the zeros and climbs back to about 99 %; per-layer
// thresholds prune the small layers as much as the big one and cost accuracy at 50 %.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <memory>
#include <vector>

#include "claims/claims.h"
#include "lessons/pruning.h"

namespace nr::app {
namespace {

using claims::expectStepSays;
using claims::load;

/// The default lesson after "Play … wait for training to finish" (trained once for all steps; each step sets the
/// sparsity it needs, and moving the sparsity re-prunes the trained weights).
PruningLesson& trainedDefault() {
  static std::unique_ptr<PruningLesson> l = [] {
    auto p = std::make_unique<PruningLesson>();
    p->finishTraining();  // about 0.07 s in a Release build
    return p;
  }();
  return *l;
}

/// The largest sparsity of the curve up to which the accuracy stays within `drop` of the unpruned net's.
double holdsTo(const std::vector<double>& acc, double drop) {
  const std::vector<double> s = PruningModel::curveSparsities();
  double last = 0;
  for (size_t i = 0; i < s.size() && acc[i] >= acc[0] - drop; ++i) last = s[i];
  return last;
}

/// Predicted class of the current net on a 48 × 48 grid over the square holding the validation points.
std::vector<int> classes(const PruningLesson& l) {
  core::Mlp net(l.model().netSpec());
  net.copyStateFrom(l.model().currentNet());
  const std::vector<float>& v = l.model().validationSet().x;
  const float lo = *std::min_element(v.begin(), v.end()), hi = *std::max_element(v.begin(), v.end());
  const int k = 48;
  std::vector<float> x(2 * k * k), y(k * k);
  for (int r = 0; r < k; ++r)
    for (int c = 0; c < k; ++c)
      x[2 * (r * k + c)] = lo + (hi - lo) * c / (k - 1), x[2 * (r * k + c) + 1] = lo + (hi - lo) * r / (k - 1);
  net.predict(x.data(), k * k, y.data());
  std::vector<int> cls(k * k);
  for (int i = 0; i < k * k; ++i) cls[i] = y[i] > 0;
  return cls;
}

TEST(PruningTry, Step1_DenseNetHoldsToAbout40PercentL1NetToAbout95) {
  PruningLesson& l = trainedDefault();
  ASSERT_EQ(l.model().stage(), PruningModel::Stage::Pruned);
  const std::vector<double> s = PruningModel::curveSparsities();
  const std::vector<double>& dense = l.model().curveAccuracy(false);
  const std::vector<double>& l1 = l.model().curveAccuracy(true);
  // "Keeps its accuracy": within 2 points of the unpruned net's.
  const double denseHolds = holdsTo(dense, 0.02), l1Holds = holdsTo(l1, 0.02);
  std::printf("unpruned %.3f / %.3f; within 2 points up to s = %.2f (no penalty), %.2f (L1 net)\n", dense[0], l1[0],
              denseHolds, l1Holds);
  EXPECT_GE(denseHolds, 0.3);
  EXPECT_LE(denseHolds, 0.5);
  EXPECT_GE(l1Holds, 0.9);
  EXPECT_LE(l1Holds, 0.98);
  // "Then collapses": down to about chance (50 %) within 20 points of sparsity more.
  double collapsed = 1;
  for (size_t i = 0; i < s.size(); ++i)
    if (s[i] <= denseHolds + 0.2) collapsed = std::min(collapsed, dense[i]);
  std::printf("no-penalty accuracy by s = %.2f: %.3f\n", denseHolds + 0.2, collapsed);
  EXPECT_LT(collapsed, 0.6);
  // The boundary on the right (the current net's prediction) no longer follows the moons: past the collapse a large
  // share of the plane changes class.
  l.setSparsity(0.0);
  const std::vector<int> base = classes(l);
  l.setSparsity(denseHolds + 0.2);
  const std::vector<int> after = classes(l);
  int changed = 0;
  for (size_t i = 0; i < base.size(); ++i) changed += base[i] != after[i];
  std::printf("share of the plane that changed class at s = %.2f: %.3f\n", denseHolds + 0.2, changed / double(base.size()));
  EXPECT_GT(changed, int(0.2 * base.size()));
  l.setSparsity(0.8);
  expectStepSays(l, 1, "en", "about 40 %");
  expectStepSays(l, 1, "zh", "约 40 %");
  expectStepSays(l, 1, "en", "about 95 %");
  expectStepSays(l, 1, "zh", "约 95 %");
}

TEST(PruningTry, Step2_FineTuningAt80PercentKeepsTheZerosAndClimbsBackTo99) {
  PruningLesson& l = trainedDefault();
  l.setSparsity(0.8);
  const double pruned = l.model().prunedAccuracy();
  const core::Mlp& before = l.model().currentNet();
  std::vector<bool> zero;
  for (int k = 0; k < before.layerCount(); ++k) {
    const core::ParamBlock b = before.weightBlock(k);
    for (int64_t j = b.offset; j < b.offset + b.count; ++j) zero.push_back(before.parameters()[j] == 0.0f);
  }
  const int64_t zeros = std::count(zero.begin(), zero.end(), true);
  EXPECT_EQ(zeros, l.model().report().pruned);
  l.fineTune(l.params()["finetune_epochs"].get<int>());  // the Fine-tune button runs the default 40 epochs
  ASSERT_EQ(l.model().stage(), PruningModel::Stage::FineTuned);
  const core::Mlp& net = l.model().currentNet();
  size_t i = 0;
  int stayed = 0;
  for (int k = 0; k < net.layerCount(); ++k) {
    const core::ParamBlock b = net.weightBlock(k);
    for (int64_t j = b.offset; j < b.offset + b.count; ++j, ++i) stayed += zero[i] && net.parameters()[j] == 0.0f;
  }
  std::printf("s = 80 %%: %lld zeros, %d still 0 after fine-tuning; accuracy %.3f pruned → %.3f fine-tuned\n",
              (long long)zeros, stayed, pruned, l.model().tunedAccuracy());
  EXPECT_EQ(stayed, zeros);
  EXPECT_LT(pruned, 0.6);
  EXPECT_GE(l.model().tunedAccuracy(), 0.97);
  EXPECT_LE(l.model().tunedAccuracy(), 1.0);
  l.setSparsity(0.8);  // back to the trained net pruned at 80 % for the other steps
  expectStepSays(l, 2, "en", "about 99 %");
  expectStepSays(l, 2, "zh", "约 99 %");
}

TEST(PruningTry, Step3_PerLayerPrunesSmallLayersEquallyAndCostsAccuracyAt50) {
  PruningLesson& global = trainedDefault();
  global.setSparsity(0.5);
  const core::PruneReport g = global.model().report();
  const double globalAcc = global.model().prunedAccuracy();
  PruningLesson perLayer;
  load(perLayer, {{"scope", "per_layer"}, {"pretrain", true}, {"sparsity", 0.5}});
  ASSERT_EQ(perLayer.model().stage(), PruningModel::Stage::Pruned);
  const core::PruneReport p = perLayer.model().report();
  ASSERT_EQ(g.layerSparsity.size(), 3u);
  ASSERT_EQ(p.layerSparsity.size(), 3u);
  std::printf("layer shares pruned at 50 %%: global %.3f %.3f %.3f, per layer %.3f %.3f %.3f; accuracy global %.3f, per "
              "layer %.3f\n",
              g.layerSparsity[0], g.layerSparsity[1], g.layerSparsity[2], p.layerSparsity[0], p.layerSparsity[1],
              p.layerSparsity[2], globalAcc, perLayer.model().prunedAccuracy());
  // The first (2 × 32) and last (32 × 1) layers are small, the middle one (32 × 32) big.
  const core::Mlp& net = perLayer.model().currentNet();
  EXPECT_EQ(net.weightBlock(0).count, 2 * 32);
  EXPECT_EQ(net.weightBlock(1).count, 32 * 32);
  EXPECT_EQ(net.weightBlock(2).count, 32 * 1);
  for (int k = 0; k < 3; ++k) EXPECT_NEAR(p.layerSparsity[k], 0.5, 1e-9) << k;
  // With one global threshold the small layers lose less than the middle one.
  EXPECT_LT(g.layerSparsity[0], g.layerSparsity[1]);
  EXPECT_LT(g.layerSparsity[2], g.layerSparsity[1]);
  EXPECT_LT(perLayer.model().prunedAccuracy(), globalAcc);
  expectStepSays(perLayer, 3, "en", "at 50 %");
  expectStepSays(perLayer, 3, "zh", "在 50 % 时");
}

}  // namespace
}  // namespace nr::app
