// deep-activations' model without a GUI, against independent computations: a plain double-precision forward and
// backward pass (no normalization), finite differences along the gradient (BatchNorm, LayerNorm), a naive count for
// the histograms and the saturated shares, and the histories' bookkeeping.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "lessons/deep_activations_model.h"

namespace nr::app {
namespace {

using Model = DeepActivationsModel;

/// A model with activation `act` (0 sigmoid, 1 tanh, 2 relu) and norm layer `norm` (0 none, 1 batch, 2 layer),
/// trained `pretrain` epochs as a scene would.
Model& configured(Model& m, int act, int norm, int pretrain, bool pre = false) {
  Model::Params p;
  p.activation = act;
  p.norm = norm;
  p.pretrain = pretrain;
  p.preActivation = pre;
  m.rebuild(p);
  m.pretrain();
  EXPECT_FALSE(m.diverged());
  return m;
}

const char* kActNames[] = {"sigmoid", "tanh", "relu"};

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

Naive naivePass(const Model& l, const std::string& act) {
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

TEST(DeepActivationsModel, StatisticsAndGradientNormsMatchANaivePass) {
  for (int a = 0; a < 3; ++a) {
    const std::string act = kActNames[a];
    SCOPED_TRACE(act);
    Model l;
    configured(l, a, 0, 3);
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

TEST(DeepActivationsModel, GradientNormsWithNormalizationMatchFiniteDifferences) {
  for (int norm : {1, 2}) {
    SCOPED_TRACE(norm == 1 ? "batch" : "layer");
    Model l;
    configured(l, Model::kTanh, norm, 2);
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

TEST(DeepActivationsModel, HistogramCountsMatchANaiveCount) {
  for (bool pre : {false, true})
    for (int a : {Model::kSigmoid, Model::kRelu}) {
      const std::string act = kActNames[a];
      SCOPED_TRACE(act + (pre ? " pre" : " post"));
      Model l;
      configured(l, a, 0, 1, pre);
      const Naive naive = naivePass(l, act);
      const double lo = l.histLo(), hi = l.histHi();
      if (!pre && act == "sigmoid") {
        EXPECT_EQ(lo, 0.0);
        EXPECT_EQ(hi, 1.0);
      }
      for (size_t k = 0; k < l.layerStats().size(); ++k) {
        // Bin b holds lo + (hi−lo)·b/B ≤ v < lo + (hi−lo)·(b+1)/B; the end bins also take what lies beyond.
        std::vector<int> counts(Model::kBins, 0);
        const std::vector<double>& v = pre ? naive.z[k] : naive.h[k];
        int total = 0;
        for (double x : v) {
          if (!pre && act == "relu" && x == 0.0) continue;  // ReLU's zeros are its "exactly 0" share
          int bin = 0;
          while (bin + 1 < Model::kBins && x >= lo + (hi - lo) * (bin + 1) / Model::kBins)
            ++bin;
          ++counts[bin];
          ++total;
        }
        const std::vector<int>& shown = l.layerStats()[k].counts;
        int shownTotal = 0, moved = 0;
        for (int b = 0; b < Model::kBins; ++b) shownTotal += shown[b], moved += std::abs(shown[b] - counts[b]);
        EXPECT_EQ(shownTotal, total) << "layer " << k + 1;
        // The lesson bins float values; a value within float rounding of an edge may land one bin over.
        EXPECT_LE(moved, 2 * std::max(1, total / 1000)) << "layer " << k + 1;
      }
    }
}

TEST(DeepActivationsModel, SaturatedSharesMatchANaiveCount) {
  for (int a = 0; a < 3; ++a) {
    const std::string act = kActNames[a];
    SCOPED_TRACE(act);
    Model::Params p;
    p.activation = a;
    p.initScale = 3.0f;  // saturates sigmoid and tanh layers, so the shares are not all 0
    Model l;
    l.rebuild(p);
    const Naive naive = naivePass(l, act);
    for (size_t k = 0; k < l.layerStats().size(); ++k) {
      // The naive h is in double; the model's in float: a value within rounding of 0.01 or 0.99 may count differently.
      int sat = 0;
      for (double h : naive.h[k])
        sat += a == 0 ? (h < 0.01 || h > 0.99) : a == 1 ? std::fabs(h) > 0.99 : h <= 0.0;
      const double share = double(sat) / double(naive.h[k].size());
      EXPECT_NEAR(l.layerStats()[k].saturated, share, 2e-3) << "layer " << k + 1;
    }
  }
}

TEST(DeepActivationsModel, SigmoidGradientsVanishAndBatchNormLevelsThem) {
  Model plain, bn;
  configured(plain, Model::kSigmoid, 0, 0);
  configured(bn, Model::kSigmoid, 1, 0);
  const auto& g = plain.gradientNorms();
  const auto& gb = bn.gradientNorms();
  EXPECT_LT(g.front() / g[g.size() - 2], 1e-2) << "first hidden layer vs the last hidden one, no normalization";
  EXPECT_GT(gb.front() / gb[gb.size() - 2], g.front() / g[g.size() - 2] * 10);
}

// The try-this text says: at the start (sigmoid, no normalization) the gradient bars fall by seven to eight orders of
// magnitude from the output to layer 1 (it said four; the lesson shows about 7.6).
TEST(DeepActivationsModel, AtTheStartTheGradientFallsAboutSevenOrdersOfMagnitude) {
  Model l;
  const auto& g = l.gradientNorms();
  ASSERT_GE(g.size(), 3u);
  const double orders = std::log10(g.back() / g.front());
  EXPECT_GT(orders, 6.5) << "output vs layer 1";
  EXPECT_LT(orders, 8.5) << "output vs layer 1";
}

TEST(DeepActivationsModel, EveryProbeAddsOnePointAndPreActivationAddsNone) {
  Model l;
  ASSERT_EQ(l.stepHistory().size(), 1u) << "the probe at step 0";
  l.train(6);
  l.train(6);
  ASSERT_EQ(l.stepHistory(), (std::vector<double>{0, 6, 12}));
  EXPECT_EQ(l.lossHistory().size(), 3u);
  for (int k = 0; k < static_cast<int>(l.gradientNorms().size()); ++k) {
    ASSERT_EQ(l.normHistory(k).size(), 3u);
    EXPECT_EQ(l.normHistory(k).back(), l.gradientNorms()[k]);
  }
  l.probe();
  EXPECT_EQ(l.stepHistory().size(), 3u) << "no new probe without a step";
  l.setPreActivation(true);
  EXPECT_EQ(l.stepHistory().size(), 3u) << "histograms of z: the histories are kept as they were";
  EXPECT_TRUE(l.params().preActivation);
  EXPECT_LT(l.histLo(), 0.0) << "z is not bounded to [0, 1]";
}

TEST(DeepActivationsModel, DivergenceStopsTraining) {
  Model::Params p;
  p.activation = Model::kRelu;
  p.initScale = 4.0f;
  p.lr = 10.0;
  Model l;
  l.rebuild(p);
  for (int i = 0; i < 20 && !l.diverged(); ++i) l.train(20);
  EXPECT_TRUE(l.diverged());
  const int64_t steps = l.trainer().stepCount();
  l.train(10);
  l.advance(10, 1.0);
  EXPECT_EQ(l.trainer().stepCount(), steps);
}

}  // namespace
}  // namespace nr::app
