// The pruning lesson's model against independent computations: a full sort for the threshold, a count of exact
// zeros for the sparsity, a plain double-precision forward pass for the accuracy-against-sparsity curve, and naive
// counts for the histogram's split and the L1 net's share of near-zero weights.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <vector>

#include "lessons/pruning_model.h"

namespace nr::app {
namespace {

/// |w| of every dense weight of the trained state, in parameter order.
std::vector<double> trainedMagnitudes(const PruningModel& l, int layer = -1) {
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

/// A model trained for 40 epochs with `p` (its other settings), then pruned.
PruningModel& trained(PruningModel& l, PruningModel::Params p = {}) {
  p.epochs = 40;
  l.rebuild(p);
  EXPECT_TRUE(l.finishTraining());
  EXPECT_EQ(l.stage(), PruningModel::Stage::Pruned);
  return l;
}

TEST(PruningModel, GlobalThresholdIsTheKthSmallestMagnitudeAndSparsityIsTheSlider) {
  PruningModel l;
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

TEST(PruningModel, PerLayerThresholdsAreEachLayersKthSmallest) {
  PruningModel l;
  PruningModel::Params p;
  p.scope = 1;  // per layer
  trained(l, p);
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

TEST(PruningModel, PrunedWeightsStayExactlyZeroWhileFineTuning) {
  PruningModel l;
  PruningModel::Params p;
  p.fineTuneEpochs = 30;
  trained(l, p);
  l.setSparsity(0.9);
  const std::vector<float> before(l.currentNet().parameters(), l.currentNet().parameters() + l.currentNet().parameterCount());
  EXPECT_TRUE(l.fineTune(30));
  ASSERT_EQ(l.stage(), PruningModel::Stage::FineTuned);
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

/// The logit of the lesson's 2 → w → w → 1 tanh net with parameters `params` at (x0, x1), by a plain forward pass
/// in double.
double naiveLogit(const core::Mlp& net, const std::vector<float>& params, double x0, double x1) {
  std::vector<double> h = {x0, x1};
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
  return h[0];
}

/// Accuracy of the net whose dense parameters are `params` with the k smallest |w| zeroed (ties: lower index first).
double naiveAccuracy(const PruningModel& l, std::vector<float> params, double sparsity) {
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
  for (int s = 0; s < v.size(); ++s) right += (naiveLogit(net, params, v.row(s)[0], v.row(s)[1]) > 0) == (v.y[s] > 0.5f);
  return double(right) / double(v.size());
}

TEST(PruningModel, AccuracyCurveMatchesANaiveForwardPass) {
  PruningModel l;
  trained(l);
  const std::vector<double> s = PruningModel::curveSparsities();
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

TEST(PruningModel, L1NetHasMoreNearZeroWeightsAndZeroingThemIsConsistent) {
  PruningModel l;
  trained(l);
  std::vector<double> dense = trainedMagnitudes(l);
  const double denseNearZero =
      double(std::count_if(dense.begin(), dense.end(), [](double a) { return a <= PruningModel::kZeroTolerance; })) /
      double(dense.size());
  EXPECT_GT(l.l1Sparsity(), denseNearZero);
  EXPECT_GE(l.l1PrunedAccuracy(), 0.0);
  EXPECT_LE(l.l1PrunedAccuracy(), 1.0);
}

TEST(PruningModel, DivergenceIsReportedAndNothingIsPlotted) {
  PruningModel l;
  PruningModel::Params p;
  p.lr = 10.0;
  p.epochs = 60;
  l.rebuild(p);
  EXPECT_TRUE(l.finishTraining()) << "a divergence stops playing";
  EXPECT_TRUE(l.diverged());
  EXPECT_EQ(l.stage(), PruningModel::Stage::Training);
  EXPECT_TRUE(l.curveAccuracy(false).empty());
}

TEST(PruningModel, HistogramSplitsTheTrainedWeightsAtTheThreshold) {
  PruningModel::Params p;
  p.logHistogram = false;
  PruningModel l;
  trained(l, p);
  l.setSparsity(0.6);
  const core::PruneReport& r = l.report();
  ASSERT_EQ(int64_t(l.prunedWeights().size()), r.pruned);
  ASSERT_EQ(int64_t(l.keptWeights().size()), r.total - r.pruned);
  EXPECT_EQ(int64_t(l.l1Weights().size()), r.total);
  for (float w : l.prunedWeights()) EXPECT_LE(std::fabs(double(w)), r.threshold);
  for (float w : l.keptWeights()) EXPECT_GE(std::fabs(double(w)), r.threshold);
  // The same split on the log axis: log10|w| floored at kLogFloor, the same counts.
  PruningModel::Params q = l.params();
  q.logHistogram = true;
  l.reprune(q);
  ASSERT_EQ(int64_t(l.keptWeights().size()), r.total - r.pruned);
  for (float v : l.keptWeights()) EXPECT_GE(double(v), std::log10(r.threshold) - 1e-6);
  std::vector<double> logs;
  for (double a : trainedMagnitudes(l)) logs.push_back(std::max(PruningModel::kLogFloor, std::log10(a)));
  std::vector<double> drawn(l.keptWeights().begin(), l.keptWeights().end());
  drawn.insert(drawn.end(), l.prunedWeights().begin(), l.prunedWeights().end());
  std::sort(logs.begin(), logs.end());
  std::sort(drawn.begin(), drawn.end());
  ASSERT_EQ(drawn.size(), logs.size());
  for (size_t i = 0; i < logs.size(); ++i) EXPECT_NEAR(drawn[i], logs[i], 1e-6) << i;
}

TEST(PruningModel, L1SparsityIsTheShareOfNearZeroWeightsAndItsAccuracyThatOfCuttingThem) {
  PruningModel l;
  trained(l);
  const core::Mlp& net = l.currentNet();
  const std::vector<float>& w = l.l1TrainedState().params;
  int64_t near = 0, exact = 0, n = 0;
  for (int layer = 0; layer < net.layerCount(); ++layer) {
    const core::ParamBlock b = net.weightBlock(layer);
    for (int64_t j = b.offset; j < b.offset + b.count; ++j, ++n) {
      near += std::fabs(double(w[j])) <= PruningModel::kZeroTolerance;
      exact += w[j] == 0.0f;
    }
  }
  EXPECT_DOUBLE_EQ(l.l1Sparsity(), double(near) / double(n));
  EXPECT_DOUBLE_EQ(l.l1ExactSparsity(), double(exact) / double(n));
  const double oneSample = 1.0 / l.validationSet().size();
  EXPECT_NEAR(l.l1PrunedAccuracy(), naiveAccuracy(l, w, l.l1Sparsity()), oneSample + 1e-12);
  EXPECT_NEAR(l.l1Accuracy(), naiveAccuracy(l, w, 0.0), oneSample + 1e-12);
}

TEST(PruningModel, BoundaryGridIsTheSigmoidOfTheCurrentNetsLogit) {
  PruningModel l;
  trained(l);
  l.setSparsity(0.5);
  ASSERT_TRUE(l.refreshBoundary());
  EXPECT_FALSE(l.refreshBoundary()) << "nothing changed: no recomputation";
  const int k = PruningModel::kGrid;
  ASSERT_EQ(int(l.boundaryGrid().size()), k * k);
  const std::array<double, 2> view = l.viewRange();
  const core::Mlp& net = l.currentNet();
  const std::vector<float> params(net.parameters(), net.parameters() + net.parameterCount());
  for (int r : {0, 7, k - 1})
    for (int c : {0, 30, k - 1}) {
      const double x0 = float(view[0] + (view[1] - view[0]) * c / (k - 1));
      const double x1 = float(view[0] + (view[1] - view[0]) * r / (k - 1));
      const double want = 1.0 / (1.0 + std::exp(-naiveLogit(net, params, x0, x1)));
      EXPECT_NEAR(l.boundaryGrid()[r * k + c], want, 1e-4) << r << ", " << c;  // float against double
    }
  l.setSparsity(0.9);
  EXPECT_TRUE(l.refreshBoundary()) << "a new sparsity is a new net";
}

}  // namespace
}  // namespace nr::app
