// The pruning lesson's numbers against independent computations: a full sort for the threshold, a count of exact
// zeros for the sparsity, and a plain double-precision forward pass for the accuracy-against-sparsity curve.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "lessons/pruning.h"

namespace nr::app {
namespace {

/// |w| of every dense weight of the trained state, in parameter order.
std::vector<double> trainedMagnitudes(const PruningLesson& l, int layer = -1) {
  const core::Mlp& net = l.currentNet();
  std::vector<double> m;
  for (int k = 0; k < net.layerCount(); ++k) {
    if (layer >= 0 && k != layer) continue;
    const core::ParamBlock b = net.weightBlock(k);
    for (int64_t j = b.offset; j < b.offset + b.count; ++j) m.push_back(std::fabs(double(l.trainedState().params[j])));
  }
  return m;
}

int64_t exactZeros(const core::Mlp& net, int layer = -1) {
  int64_t z = 0;
  for (int k = 0; k < net.layerCount(); ++k) {
    if (layer >= 0 && k != layer) continue;
    const core::ParamBlock b = net.weightBlock(k);
    for (int64_t j = b.offset; j < b.offset + b.count; ++j) z += net.parameters()[j] == 0.0f;
  }
  return z;
}

PruningLesson& trained(PruningLesson& l, const nlohmann::json& extra = {}) {
  std::vector<std::string> w, e;
  nlohmann::json j = {{"epochs", 40}, {"pretrain", true}};
  for (auto it = extra.begin(); it != extra.end(); ++it) j[it.key()] = it.value();
  l.setParams(j, w, e);
  EXPECT_TRUE(e.empty()) << (e.empty() ? "" : e[0]);
  EXPECT_EQ(l.stage(), PruningLesson::Stage::Pruned);
  return l;
}

TEST(PruningLesson, GlobalThresholdIsTheKthSmallestMagnitudeAndSparsityIsTheSlider) {
  PruningLesson l;
  trained(l);
  std::vector<double> sorted = trainedMagnitudes(l);
  const int64_t n = static_cast<int64_t>(sorted.size());
  std::sort(sorted.begin(), sorted.end());
  ASSERT_GT(sorted[0], 0.0) << "a trained weight is exactly 0: the zero count below would be ambiguous";
  for (double s : {0.0, 0.05, 0.37, 0.5, 0.8, 0.93, 0.99}) {
    SCOPED_TRACE(s);
    l.setSparsity(s);
    const int64_t k = static_cast<int64_t>(std::floor(double(float(s)) * double(n) + 1e-9));
    EXPECT_EQ(l.report().pruned, k);
    EXPECT_EQ(l.report().total, n);
    EXPECT_EQ(l.report().threshold, k > 0 ? sorted[k - 1] : 0.0);
    // Measured: the net really has k exact zeros, and k/n is the slider to within one weight.
    EXPECT_EQ(exactZeros(l.currentNet()), k);
    EXPECT_LE(std::fabs(double(k) / double(n) - s), 1.0 / double(n));
    // Everything strictly below τ is gone, everything strictly above it kept unchanged.
    const core::Mlp& net = l.currentNet();
    for (int layer = 0; layer < net.layerCount(); ++layer) {
      const core::ParamBlock b = net.weightBlock(layer);
      for (int64_t j = b.offset; j < b.offset + b.count; ++j) {
        const double a = std::fabs(double(l.trainedState().params[j]));
        if (a < l.report().threshold) {
          EXPECT_EQ(net.parameters()[j], 0.0f);
        } else if (a > l.report().threshold) {
          EXPECT_EQ(net.parameters()[j], l.trainedState().params[j]);
        }
      }
    }
  }
}

TEST(PruningLesson, PerLayerThresholdsAreEachLayersKthSmallest) {
  PruningLesson l;
  trained(l, {{"scope", "per_layer"}});
  l.setSparsity(0.75);
  const core::Mlp& net = l.currentNet();
  for (int layer = 0; layer < net.layerCount(); ++layer) {
    std::vector<double> sorted = trainedMagnitudes(l, layer);
    std::sort(sorted.begin(), sorted.end());
    const int64_t k = static_cast<int64_t>(std::floor(double(0.75f) * double(sorted.size()) + 1e-9));
    EXPECT_EQ(l.report().layerThresholds[layer], sorted[k - 1]) << layer;
    EXPECT_EQ(exactZeros(net, layer), k) << layer;
  }
}

TEST(PruningLesson, PrunedWeightsStayExactlyZeroWhileFineTuning) {
  PruningLesson l;
  trained(l, {{"finetune_epochs", 30}});
  l.setSparsity(0.9);
  const std::vector<float> before(l.currentNet().parameters(), l.currentNet().parameters() + l.currentNet().parameterCount());
  l.fineTune(30);
  ASSERT_EQ(l.stage(), PruningLesson::Stage::FineTuned);
  const core::Mlp& net = l.currentNet();
  int changed = 0;
  for (int layer = 0; layer < net.layerCount(); ++layer) {
    const core::ParamBlock b = net.weightBlock(layer);
    for (int64_t j = b.offset; j < b.offset + b.count; ++j) {
      if (before[j] == 0.0f) {
        EXPECT_EQ(net.parameters()[j], 0.0f) << "weight " << j << " came back";
      }
      changed += before[j] != 0.0f && net.parameters()[j] != before[j];
    }
  }
  EXPECT_GT(changed, 0) << "fine-tuning moved none of the kept weights";
  EXPECT_EQ(exactZeros(net), l.report().pruned);
}

/// Accuracy of the net whose dense parameters are `params` (the lesson's 2 → w → w → 1 tanh layout) with the k
/// smallest |w| zeroed (ties: lower index first), by a plain forward pass in double.
double naiveAccuracy(const PruningLesson& l, std::vector<float> params, double sparsity) {
  const core::Mlp& net = l.currentNet();
  std::vector<int64_t> idx;
  for (int layer = 0; layer < net.layerCount(); ++layer) {
    const core::ParamBlock b = net.weightBlock(layer);
    for (int64_t j = b.offset; j < b.offset + b.count; ++j) idx.push_back(j);
  }
  std::stable_sort(idx.begin(), idx.end(), [&](int64_t a, int64_t b) { return std::fabs(params[a]) < std::fabs(params[b]); });
  const int64_t k = static_cast<int64_t>(std::floor(sparsity * double(idx.size()) + 1e-9));
  for (int64_t i = 0; i < k; ++i) params[idx[i]] = 0.0f;
  const core::LabeledData& v = l.validationSet();
  int right = 0;
  for (int s = 0; s < v.size(); ++s) {
    std::vector<double> h = {v.row(s)[0], v.row(s)[1]};
    for (int layer = 0; layer < net.layerCount(); ++layer) {
      const int in = net.width(layer - 1), out = net.width(layer);
      const core::ParamBlock w = net.weightBlock(layer), b = net.biasBlock(layer);
      std::vector<double> z(out);
      for (int i = 0; i < out; ++i) {
        double acc = params[b.offset + i];
        for (int j = 0; j < in; ++j) acc += double(params[w.offset + i + int64_t(j) * out]) * h[j];  // column-major
        z[i] = layer + 1 < net.layerCount() ? std::tanh(acc) : acc;
      }
      h = z;
    }
    right += (h[0] > 0) == (v.y[s] > 0.5f);
  }
  return double(right) / double(v.size());
}

TEST(PruningLesson, AccuracyCurveMatchesANaiveForwardPass) {
  PruningLesson l;
  trained(l);
  const std::vector<double> s = PruningLesson::curveSparsities();
  const std::vector<double>& acc = l.curveAccuracy(false);
  ASSERT_EQ(acc.size(), s.size());
  const double oneSample = 1.0 / l.validationSet().size();
  for (size_t i : {size_t(0), size_t(10), size_t(25), size_t(40), size_t(45), s.size() - 1}) {
    // Float against double logits may differ in sign only for a point on the boundary itself: at most one sample.
    EXPECT_NEAR(acc[i], naiveAccuracy(l, l.trainedState().params, s[i]), oneSample + 1e-12) << "s = " << s[i];
  }
  EXPECT_GT(acc[0], 0.9) << "the trained net should fit the data";
  EXPECT_LT(acc.back(), acc[0]) << "99 % sparsity should cost accuracy";
}

TEST(PruningLesson, L1NetHasMoreNearZeroWeightsAndZeroingThemIsConsistent) {
  PruningLesson l;
  trained(l);
  std::vector<double> dense = trainedMagnitudes(l);
  const double denseNearZero =
      double(std::count_if(dense.begin(), dense.end(), [](double a) { return a <= PruningLesson::kZeroTolerance; })) /
      double(dense.size());
  EXPECT_GT(l.l1Sparsity(), denseNearZero);
  EXPECT_GE(l.l1PrunedAccuracy(), 0.0);
  EXPECT_LE(l.l1PrunedAccuracy(), 1.0);
}

TEST(PruningLesson, DivergenceIsReportedAndNothingIsPlotted) {
  PruningLesson l;
  std::vector<std::string> w, e;
  l.setParams({{"lr", 10.0}, {"epochs", 60}, {"pretrain", true}}, w, e);
  ASSERT_TRUE(e.empty());
  EXPECT_TRUE(l.diverged());
  EXPECT_EQ(l.stage(), PruningLesson::Stage::Training);
  EXPECT_TRUE(l.curveAccuracy(false).empty());
}

}  // namespace
}  // namespace nr::app
