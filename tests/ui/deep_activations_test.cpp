// The deep-activations lesson's numbers against independent computations: a plain double-precision forward and
// backward pass (no normalization), finite differences along the gradient (BatchNorm, LayerNorm), and a naive
// count for the histograms.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "lessons/deep_activations.h"

namespace nr::app {
namespace {

DeepActivationsLesson& configured(DeepActivationsLesson& l, const char* act, const char* norm, int pretrain,
                                  bool pre = false) {
  std::vector<std::string> w, e;
  l.setParams({{"activation", act}, {"norm", norm}, {"pretrain", pretrain}, {"pre_activation", pre}}, w, e);
  EXPECT_TRUE(e.empty()) << (e.empty() ? "" : e[0]);
  EXPECT_FALSE(l.diverged());
  return l;
}

double phi(const std::string& act, double z) {
  if (act == "sigmoid") return 1.0 / (1.0 + std::exp(-z));
  if (act == "tanh") return std::tanh(z);
  return z > 0 ? z : 0.0;
}

double phiPrime(const std::string& act, double z) {
  if (act == "sigmoid") {
    const double s = 1.0 / (1.0 + std::exp(-z));
    return s * (1 - s);
  }
  if (act == "tanh") return 1.0 - std::tanh(z) * std::tanh(z);
  return z > 0 ? 1.0 : 0.0;
}

/// A plain forward and backward pass (no norm layers) over the probe set in double: per hidden layer the values
/// h (or z) of all units and samples, and per dense layer ‖∂L/∂W‖ of the mean BCE-with-logits loss.
struct Naive {
  std::vector<std::vector<double>> h, z;  // [layer][unit * n + sample]
  std::vector<double> gradNorm;
};

Naive naivePass(const DeepActivationsLesson& l, const std::string& act) {
  const core::Mlp& net = l.trainer().net();
  const float* p = net.parameters();
  const core::LabeledData& d = l.probeSet();
  const int n = d.size(), layers = net.layerCount();
  Naive r;
  r.h.resize(layers);
  r.z.resize(layers);
  std::vector<std::vector<double>> input(layers + 1);
  input[0].resize(2 * static_cast<size_t>(n));
  for (int s = 0; s < n; ++s) input[0][0 * n + s] = d.row(s)[0], input[0][1 * n + s] = d.row(s)[1];
  for (int k = 0; k < layers; ++k) {
    const int in = net.width(k - 1), out = net.width(k);
    const core::ParamBlock W = net.weightBlock(k), b = net.biasBlock(k);
    r.z[k].assign(static_cast<size_t>(out) * n, 0.0);
    r.h[k].assign(static_cast<size_t>(out) * n, 0.0);
    for (int i = 0; i < out; ++i)
      for (int s = 0; s < n; ++s) {
        double acc = p[b.offset + i];
        for (int j = 0; j < in; ++j) acc += double(p[W.offset + i + int64_t(j) * out]) * input[k][j * n + s];
        r.z[k][i * n + s] = acc;
        r.h[k][i * n + s] = k + 1 < layers ? phi(act, acc) : acc;
      }
    input[k + 1] = r.h[k];
  }
  // Backward: δ of the logits is (σ(z) − y)/n for the mean BCE with logits.
  std::vector<double> delta(n);
  for (int s = 0; s < n; ++s) delta[s] = (1.0 / (1.0 + std::exp(-r.z[layers - 1][s])) - d.y[s]) / n;
  r.gradNorm.assign(layers, 0.0);
  for (int k = layers - 1; k >= 0; --k) {
    const int in = net.width(k - 1), out = net.width(k);
    const core::ParamBlock W = net.weightBlock(k);
    double ss = 0.0;
    for (int i = 0; i < out; ++i)
      for (int j = 0; j < in; ++j) {
        double g = 0.0;
        for (int s = 0; s < n; ++s) g += delta[i * n + s] * input[k][j * n + s];
        ss += g * g;
      }
    r.gradNorm[k] = std::sqrt(ss);
    if (k == 0) break;
    std::vector<double> prev(static_cast<size_t>(in) * n, 0.0);
    for (int j = 0; j < in; ++j)
      for (int s = 0; s < n; ++s) {
        double acc = 0.0;
        for (int i = 0; i < out; ++i) acc += double(p[W.offset + i + int64_t(j) * out]) * delta[i * n + s];
        prev[j * n + s] = acc * phiPrime(act, r.z[k - 1][j * n + s]);
      }
    delta = prev;
  }
  return r;
}

TEST(DeepActivationsLesson, StatisticsAndGradientNormsMatchANaivePass) {
  for (const char* act : {"sigmoid", "tanh", "relu"}) {
    SCOPED_TRACE(act);
    DeepActivationsLesson l;
    configured(l, act, "none", 3);
    const Naive naive = naivePass(l, act);
    const auto& stats = l.layerStats();
    ASSERT_EQ(stats.size(), naive.h.size() - 1);
    for (size_t k = 0; k < stats.size(); ++k) {
      const std::vector<double>& v = naive.h[k];
      double mean = 0.0, ss = 0.0;
      for (double x : v) mean += x;
      mean /= double(v.size());
      for (double x : v) ss += (x - mean) * (x - mean);
      const double sd = std::sqrt(ss / double(v.size()));
      EXPECT_NEAR(stats[k].mean, mean, 1e-4 * (1 + std::fabs(mean))) << "layer " << k + 1;
      EXPECT_NEAR(stats[k].stddev, sd, 1e-4 * (1 + sd)) << "layer " << k + 1;
    }
    const auto& g = l.gradientNorms();
    ASSERT_EQ(g.size(), naive.gradNorm.size());
    for (size_t k = 0; k < g.size(); ++k)
      EXPECT_NEAR(g[k], naive.gradNorm[k], 2e-3 * naive.gradNorm[k] + 1e-9) << "layer " << k + 1;
  }
}

TEST(DeepActivationsLesson, GradientNormsWithNormalizationMatchFiniteDifferences) {
  for (const char* norm : {"batch", "layer"}) {
    SCOPED_TRACE(norm);
    DeepActivationsLesson l;
    configured(l, "tanh", norm, 2);
    // The same net in double. Along the unit direction d = g/‖g‖ of layer l's weight gradient, the directional
    // derivative of the loss is ‖g‖ itself: a central difference of the loss measures the norm the lesson shows.
    core::BasicMlp<double> net(l.netSpec());
    const core::Mlp& src = l.trainer().net();
    ASSERT_EQ(net.parameterCount(), src.parameterCount());
    for (int64_t i = 0; i < src.parameterCount(); ++i) net.parameters()[i] = src.parameters()[i];
    const core::LabeledData& d = l.probeSet();
    std::vector<double> x(d.x.begin(), d.x.end()), y(d.y.begin(), d.y.end());
    const int n = d.size();
    net.computeGradients(x.data(), y.data(), n);
    const std::vector<double> grad(net.gradients(), net.gradients() + net.parameterCount());
    const auto& shown = l.gradientNorms();
    for (int k = 0; k < net.layerCount(); ++k) {
      const core::ParamBlock b = net.weightBlock(k);
      double norm = 0.0;
      for (int64_t j = b.offset; j < b.offset + b.count; ++j) norm += grad[j] * grad[j];
      norm = std::sqrt(norm);
      const double eps = 1e-5;
      auto lossAt = [&](double t) {
        for (int64_t j = b.offset; j < b.offset + b.count; ++j) net.parameters()[j] = src.parameters()[j] + t * grad[j] / norm;
        return net.computeGradients(x.data(), y.data(), n).data;
      };
      const double fd = (lossAt(eps) - lossAt(-eps)) / (2 * eps);
      lossAt(0.0);
      EXPECT_NEAR(fd, norm, 1e-5 * norm + 1e-9) << "layer " << k + 1;
      EXPECT_NEAR(shown[k], norm, 2e-3 * norm + 1e-9) << "layer " << k + 1;
    }
  }
}

TEST(DeepActivationsLesson, HistogramCountsMatchANaiveCount) {
  for (bool pre : {false, true})
    for (const char* act : {"sigmoid", "relu"}) {
      SCOPED_TRACE(std::string(act) + (pre ? " pre" : " post"));
      DeepActivationsLesson l;
      configured(l, act, "none", 1, pre);
      const Naive naive = naivePass(l, act);
      const double lo = l.histLo(), hi = l.histHi();
      if (!pre && std::string(act) == "sigmoid") {
        EXPECT_EQ(lo, 0.0);
        EXPECT_EQ(hi, 1.0);
      }
      for (size_t k = 0; k < l.layerStats().size(); ++k) {
        // Bin b holds lo + (hi−lo)·b/B ≤ v < lo + (hi−lo)·(b+1)/B; the end bins also take what lies beyond.
        std::vector<int> counts(DeepActivationsLesson::kBins, 0);
        const std::vector<double>& v = pre ? naive.z[k] : naive.h[k];
        int total = 0;
        for (double x : v) {
          if (!pre && std::string(act) == "relu" && x == 0.0) continue;  // ReLU's zeros are its "exactly 0" share
          int bin = 0;
          while (bin + 1 < DeepActivationsLesson::kBins && x >= lo + (hi - lo) * (bin + 1) / DeepActivationsLesson::kBins)
            ++bin;
          ++counts[bin];
          ++total;
        }
        const std::vector<int>& shown = l.layerStats()[k].counts;
        int shownTotal = 0, moved = 0;
        for (int b = 0; b < DeepActivationsLesson::kBins; ++b) shownTotal += shown[b], moved += std::abs(shown[b] - counts[b]);
        EXPECT_EQ(shownTotal, total) << "layer " << k + 1;
        // The lesson bins float values; a value within float rounding of an edge may land one bin over.
        EXPECT_LE(moved, 2 * std::max(1, total / 1000)) << "layer " << k + 1;
      }
    }
}

TEST(DeepActivationsLesson, SigmoidGradientsVanishAndBatchNormLevelsThem) {
  DeepActivationsLesson plain, bn;
  configured(plain, "sigmoid", "none", 0);
  configured(bn, "sigmoid", "batch", 0);
  const auto& g = plain.gradientNorms();
  const auto& gb = bn.gradientNorms();
  EXPECT_LT(g.front() / g[g.size() - 2], 1e-2) << "first hidden layer vs the last hidden one, no normalization";
  EXPECT_GT(gb.front() / gb[gb.size() - 2], g.front() / g[g.size() - 2] * 10);
}

// The try-this text says: at the start (sigmoid, no normalization) the gradient bars fall by seven to eight orders of
// magnitude from the output to layer 1 (it said four; the lesson shows about 7.6).
TEST(DeepActivationsLesson, AtTheStartTheGradientFallsAboutSevenOrdersOfMagnitude) {
  DeepActivationsLesson l;
  const auto& g = l.gradientNorms();
  ASSERT_GE(g.size(), 3u);
  const double orders = std::log10(g.back() / g.front());
  EXPECT_GT(orders, 6.5) << "output vs layer 1";
  EXPECT_LT(orders, 8.5) << "output vs layer 1";
}

TEST(DeepActivationsLesson, DivergenceIsReported) {
  DeepActivationsLesson l;
  std::vector<std::string> w, e;
  l.setParams({{"activation", "relu"}, {"init_scale", 4.0}, {"lr", 10.0}}, w, e);
  for (int i = 0; i < 20 && !l.diverged(); ++i) l.train(20);
  EXPECT_TRUE(l.diverged());
  const int64_t steps = l.trainer().stepCount();
  l.train(10);
  EXPECT_EQ(l.trainer().stepCount(), steps);
}

}  // namespace
}  // namespace nr::app
