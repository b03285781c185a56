// nr::core::BasicMlp against independent references: central finite differences (in double) for every layer type,
// activation, loss and penalty; binomial statistics of the dropout masks and the expectation its scaling keeps;
// the SGD+L2 = SGD+decoupled-decay identity and the Adam+L2 ≠ AdamW difference; no heap allocation in a step.
// PyTorch golden values are in mlp_golden_test.cpp.

#include "nr/mlp.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdlib>
#include <string>
#include <vector>

#include "nr/optimizer.h"
#include "nr/rng.h"
#include "nr/running_stats.h"
#include "nr/tensor.h"

// [SECTION] Heap-allocation counter. Interposing malloc (glibc exports the real one as __libc_malloc) sees both
// operator new and Eigen's aligned_malloc, which calls std::malloc directly. Not under AddressSanitizer, which
// owns malloc itself.
// GCC defines __SANITIZE_ADDRESS__; clang 14 only answers __has_feature(address_sanitizer).
#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define NR_ASAN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__)
#define NR_ASAN 1
#endif
#if defined(__GLIBC__) && !defined(NR_ASAN)
#define NR_COUNT_MALLOC 1
extern "C" void* __libc_malloc(size_t size);
namespace {
std::atomic<bool> g_countMalloc{false};
std::atomic<long> g_mallocCount{0};
}  // namespace
extern "C" void* malloc(size_t size) {
  if (g_countMalloc.load(std::memory_order_relaxed)) g_mallocCount.fetch_add(1, std::memory_order_relaxed);
  return __libc_malloc(size);
}
#endif

namespace {

using namespace nr::core;

// [SECTION] Helpers

template <typename T>
struct Batch {
  std::vector<T> x, y;
  int n = 0;
};

/// Random inputs and targets that suit the spec's loss.
template <typename T>
Batch<T> randomBatch(const MlpSpec& spec, int n, uint64_t seed) {
  Rng rng(seed);
  Batch<T> b;
  b.n = n;
  for (int i = 0; i < n * spec.inputs; ++i) b.x.push_back(static_cast<T>(rng.normal()));
  if (spec.loss == LossKind::SoftmaxCrossEntropy) {
    for (int i = 0; i < n; ++i) b.y.push_back(static_cast<T>(rng.below(spec.outputs)));
  } else {
    for (int i = 0; i < n * spec.outputs; ++i)
      b.y.push_back(static_cast<T>(spec.loss == LossKind::Mse ? rng.normal() : rng.uniform()));
  }
  return b;
}

/// Largest relative disagreement between the analytic gradient and a central difference of the total loss, each
/// forward run with the same dropout masks (the generator reseeded).
double worstGradientError(BasicMlp<double>& net, const Batch<double>& b,
                          std::vector<double>* analyticOverride = nullptr) {
  net.reseedDropout(77);
  net.computeGradients(b.x.data(), b.y.data(), b.n);
  std::vector<double> analytic(net.gradients(), net.gradients() + net.parameterCount());
  if (analyticOverride) analytic = *analyticOverride;
  const double h = 1e-6;
  double worst = 0.0;
  for (int64_t i = 0; i < net.parameterCount(); ++i) {
    double* p = net.parameters() + i;
    const double saved = *p;
    *p = saved + h;
    net.reseedDropout(77);
    const double up = net.computeGradients(b.x.data(), b.y.data(), b.n).total();
    *p = saved - h;
    net.reseedDropout(77);
    const double down = net.computeGradients(b.x.data(), b.y.data(), b.n).total();
    *p = saved;
    const double numeric = (up - down) / (2.0 * h);
    const double err = std::abs(numeric - analytic[i]) / std::max(1.0, std::abs(numeric));
    worst = std::max(worst, err);
  }
  return worst;
}

MlpSpec smallSpec(Activation act, NormLayer norm, LossKind loss, double dropout = 0.0) {
  MlpSpec s = MlpSpec::make(3, {5, 4}, loss == LossKind::SoftmaxCrossEntropy ? 3 : 2, act, loss);
  for (HiddenLayerSpec& h : s.hidden) {
    h.norm = norm;
    h.dropout = dropout;
  }
  s.seed = 5;
  return s;
}

// [SECTION] Gradients against finite differences

struct GradCase {
  Activation act;
  NormLayer norm;
  LossKind loss;
  double dropout;
};

class MlpGradient : public ::testing::TestWithParam<GradCase> {};

TEST_P(MlpGradient, MatchesCentralDifferences) {
  const GradCase c = GetParam();
  MlpSpec spec = smallSpec(c.act, c.norm, c.loss, c.dropout);
  spec.dropoutMode = DropoutMode::Inverted;
  BasicMlp<double> net(spec);
  // Nonzero γ, β so the norm layers' affine part is exercised too.
  for (int l = 0; l + 1 < net.layerCount(); ++l)
    if (c.norm != NormLayer::None) {
      net.gamma(l).setLinSpaced(0.5, 1.5);
      net.beta(l).setLinSpaced(-0.2, 0.3);
    }
  const Batch<double> b = randomBatch<double>(spec, 6, 11);
  EXPECT_LT(worstGradientError(net, b), 1e-6) << toString(c.act) << " " << toString(c.norm) << " " << toString(c.loss);
}

std::vector<GradCase> gradCases() {
  std::vector<GradCase> cases;
  for (Activation a : {Activation::Linear, Activation::Relu, Activation::Tanh, Activation::Sigmoid})
    for (NormLayer n : {NormLayer::None, NormLayer::Batch, NormLayer::Layer})
      for (LossKind l : {LossKind::Mse, LossKind::BceWithLogits, LossKind::SoftmaxCrossEntropy})
        cases.push_back({a, n, l, 0.0});
  cases.push_back({Activation::Tanh, NormLayer::None, LossKind::BceWithLogits, 0.4});
  cases.push_back({Activation::Relu, NormLayer::Batch, LossKind::SoftmaxCrossEntropy, 0.3});
  return cases;
}

INSTANTIATE_TEST_SUITE_P(AllLayersAndLosses, MlpGradient, ::testing::ValuesIn(gradCases()),
                         [](const ::testing::TestParamInfo<GradCase>& info) {
                           std::string name = std::string(toString(info.param.act)) + "_" + toString(info.param.norm) +
                                              "_" + toString(info.param.loss) +
                                              (info.param.dropout > 0 ? "_dropout" : "");
                           std::replace(name.begin(), name.end(), '-', '_');
                           return name;
                         });

TEST(MlpGradient, PenaltiesMatchCentralDifferences) {
  BasicMlp<double> net(smallSpec(Activation::Tanh, NormLayer::Layer, LossKind::BceWithLogits));
  Regularization reg;
  reg.l1 = 0.03;
  reg.l2 = 0.2;
  reg.includeBiases = true;
  net.setRegularization(reg);
  const Batch<double> b = randomBatch<double>(net.spec(), 6, 12);
  EXPECT_LT(worstGradientError(net, b), 1e-6);
  // Only the weights are penalized by default: the penalty is then exactly λ₁Σ|W| + (λ₂/2)Σ W².
  reg.includeBiases = false;
  net.setRegularization(reg);
  double s1 = 0, s2 = 0;
  for (int l = 0; l < net.layerCount(); ++l) {
    s1 += net.weights(l).cwiseAbs().sum();
    s2 += net.weights(l).squaredNorm();
  }
  const LossParts parts = net.computeGradients(b.x.data(), b.y.data(), b.n);
  EXPECT_NEAR(parts.l1, 0.03 * s1, 1e-12);
  EXPECT_NEAR(parts.l2, 0.1 * s2, 1e-12);
  EXPECT_NEAR(parts.total(), parts.data + parts.l1 + parts.l2, 1e-15);
  EXPECT_LT(worstGradientError(net, b), 1e-6);
}

TEST(MlpGradient, SoftTargetCrossEntropyMatchesCentralDifferences) {
  MlpSpec spec = smallSpec(Activation::Tanh, NormLayer::None, LossKind::SoftmaxCrossEntropy);
  spec.softTargets = true;
  BasicMlp<double> net(spec);
  Batch<double> b = randomBatch<double>(spec, 6, 14);
  b.y.assign(6 * 3, 0.0);
  Rng rng(3);
  for (int i = 0; i < 6; ++i) {
    const double l = rng.uniform();
    b.y[i * 3 + i % 3] += l;
    b.y[i * 3 + (i + 1) % 3] += 1 - l;
  }
  EXPECT_LT(worstGradientError(net, b), 1e-6);
  // One-hot soft targets give the hard-label loss.
  MlpSpec hard = spec;
  hard.softTargets = false;
  BasicMlp<double> h(hard);
  std::vector<double> labels = {0, 2, 1, 1, 0, 2}, onehot(18, 0.0);
  for (int i = 0; i < 6; ++i) onehot[i * 3 + int(labels[i])] = 1.0;
  EXPECT_NEAR(net.evaluate(b.x.data(), onehot.data(), 6).data, h.evaluate(b.x.data(), labels.data(), 6).data, 1e-14);
  EXPECT_EQ(net.accuracy(b.x.data(), onehot.data(), 6), h.accuracy(b.x.data(), labels.data(), 6));
}

TEST(MlpGradient, CheckerDetectsAWrongGradient) {
  BasicMlp<double> net(smallSpec(Activation::Tanh, NormLayer::None, LossKind::Mse));
  const Batch<double> b = randomBatch<double>(net.spec(), 6, 13);
  net.computeGradients(b.x.data(), b.y.data(), b.n);
  std::vector<double> wrong(net.gradients(), net.gradients() + net.parameterCount());
  wrong[3] += 1e-4;
  EXPECT_GT(worstGradientError(net, b, &wrong), 1e-5);
}

// [SECTION] Losses at known points

TEST(MlpLoss, ClosedFormsAtZeroLogits) {
  // All weights 0 → logits = bias = 0: BCE = log 2, softmax CE over K classes = log K, MSE = mean y².
  for (LossKind loss : {LossKind::BceWithLogits, LossKind::SoftmaxCrossEntropy, LossKind::Mse}) {
    MlpSpec spec = MlpSpec::make(2, {3}, loss == LossKind::SoftmaxCrossEntropy ? 4 : 1, Activation::Tanh, loss);
    BasicMlp<double> net(spec);
    std::fill(net.parameters(), net.parameters() + net.parameterCount(), 0.0);
    const Batch<double> b = randomBatch<double>(spec, 8, 3);
    const double got = net.evaluate(b.x.data(), b.y.data(), b.n).data;
    double expected = 0.0;
    if (loss == LossKind::BceWithLogits) expected = std::log(2.0);
    if (loss == LossKind::SoftmaxCrossEntropy) expected = std::log(4.0);
    if (loss == LossKind::Mse) {
      for (double y : b.y) expected += y * y / b.y.size();
    }
    EXPECT_NEAR(got, expected, 1e-12) << toString(loss);
  }
}

TEST(MlpLoss, BceIsStableForHugeLogits) {
  MlpSpec spec = MlpSpec::make(1, {1}, 1, Activation::Linear, LossKind::BceWithLogits);
  BasicMlp<double> net(spec);
  std::fill(net.parameters(), net.parameters() + net.parameterCount(), 0.0);
  net.bias(1)(0) = 800.0;  // e^800 overflows a double
  const std::vector<double> x = {0.0}, y0 = {0.0}, y1 = {1.0};
  EXPECT_NEAR(net.evaluate(x.data(), y0.data(), 1).data, 800.0, 1e-9);
  EXPECT_NEAR(net.evaluate(x.data(), y1.data(), 1).data, 0.0, 1e-12);
}

TEST(MlpLoss, SoftmaxRejectsBadClassIndexWithAMessage) {
  MlpSpec spec = MlpSpec::make(2, {3}, 3, Activation::Tanh, LossKind::SoftmaxCrossEntropy);
  Mlp net(spec);
  const std::vector<float> x = {0.f, 1.f}, y = {3.f};
  try {
    net.computeGradients(x.data(), y.data(), 1);
    FAIL() << "expected an exception";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("class indices 0..2"), std::string::npos) << e.what();
  }
}

TEST(MlpSpec, ValidationMessagesSayWhatToDo) {
  MlpSpec s = MlpSpec::make(2, {4}, 1, Activation::Tanh, LossKind::SoftmaxCrossEntropy);
  EXPECT_NE(validate(s).find("binary cross-entropy"), std::string::npos);
  s = MlpSpec::make(2, {4}, 1, Activation::Tanh);
  s.hidden[0].dropout = 1.0;
  EXPECT_NE(validate(s).find("[0, 1)"), std::string::npos);
  EXPECT_THROW(Mlp{s}, std::invalid_argument);
  s.hidden[0].dropout = 0.5;
  EXPECT_EQ(validate(s), "");
  MlpSpec bn = MlpSpec::make(2, {4}, 1, Activation::Tanh);
  bn.hidden[0].norm = NormLayer::Batch;
  Mlp net(bn);
  const std::vector<float> x = {0.f, 1.f}, y = {1.f};
  EXPECT_THROW(net.computeGradients(x.data(), y.data(), 1), std::invalid_argument);
}

// [SECTION] Dropout

TEST(MlpDropout, KeepRateWithinBinomialToleranceAndMaskChangesEveryStep) {
  MlpSpec spec = MlpSpec::make(4, {64}, 1, Activation::Relu);
  spec.hidden[0].dropout = 0.3;
  spec.maxBatch = 100;
  Mlp net(spec);
  const Batch<float> b = randomBatch<float>(spec, 100, 4);
  OptimizerSpec os;
  Optimizer<float> opt(os, net.parameterCount());
  std::vector<float> previous;
  for (int step = 0; step < 5; ++step) {
    net.trainStep(b.x.data(), b.y.data(), b.n, opt);
    const auto mask = net.dropoutMask(0);
    ASSERT_EQ(mask.rows(), 64);
    ASSERT_EQ(mask.cols(), 100);
    const double kept = mask.sum(), total = double(mask.size());
    EXPECT_EQ(kept, (mask.array() == 1.0f).count()) << "mask values are 0 or 1";
    const double q = 0.7, sd = std::sqrt(q * (1 - q) / total);
    EXPECT_NEAR(kept / total, q, 4.5 * sd) << "step " << step;
    std::vector<float> now(mask.data(), mask.data() + mask.size());
    if (!previous.empty()) {
      EXPECT_NE(now, previous) << "the mask must change every step";
    }
    previous = now;
  }
  // Eval mode: no units dropped.
  std::vector<float> out(100);
  net.predict(b.x.data(), b.n, out.data());
  EXPECT_EQ(net.dropoutMask(0).sum(), 64.0f * 100.0f);
}

/// y = mean_j(a_j) of 1000 linear hidden units that all carry x: the mean of y over many sampled masks estimates
/// E[train output]; the eval output must equal it (to the Monte-Carlo error).
void expectDropoutKeepsExpectation(DropoutMode mode) {
  const int units = 1000;
  MlpSpec spec = MlpSpec::make(1, {units}, 1, Activation::Linear, LossKind::Mse);
  spec.hidden[0].dropout = 0.4;
  spec.dropoutMode = mode;
  BasicMlp<double> net(spec);
  net.weights(0).setOnes();
  net.bias(0).setZero();
  net.weights(1).setConstant(1.0 / units);
  net.bias(1).setZero();
  const double x = 2.0, q = 0.6;
  double eval = 0.0;
  net.predict(&x, 1, &eval);
  const int draws = 400;
  double sum = 0.0;
  for (int i = 0; i < draws; ++i) {
    double y = 0.0;
    net.predict(&x, 1, &y, /*sampleDropout=*/true);
    sum += y;
  }
  const double expected = mode == DropoutMode::Inverted ? x : q * x;
  EXPECT_NEAR(eval, expected, 1e-12);
  // sd of one draw: x·s·√(q(1−q)/units) with s = 1/q (inverted) or 1; 5 sd of the mean of the draws.
  const double s = mode == DropoutMode::Inverted ? 1.0 / q : 1.0;
  const double tol = 5.0 * x * s * std::sqrt(q * (1 - q) / units) / std::sqrt(double(draws));
  EXPECT_NEAR(sum / draws, expected, tol);
}

TEST(MlpDropout, InvertedScalingKeepsTheExpectedOutput) { expectDropoutKeepsExpectation(DropoutMode::Inverted); }
TEST(MlpDropout, ScaleAtTestKeepsTheExpectedOutput) { expectDropoutKeepsExpectation(DropoutMode::ScaleAtTest); }

// [SECTION] Weight decay: coupled vs decoupled

/// Trains a copy of one net for `steps` on fixed data and returns its parameters.
template <typename T>
std::vector<T> trainCopy(const MlpSpec& spec, const Regularization& reg, const OptimizerSpec& os, int steps) {
  BasicMlp<T> net(spec);
  net.setRegularization(reg);
  Optimizer<T> opt(os, net.parameterCount());
  const Batch<T> b = randomBatch<T>(spec, 64, 9);
  for (int s = 0; s < steps; ++s)
    net.trainStep(b.x.data() + (s % 2) * 32 * spec.inputs, b.y.data() + (s % 2) * 32, 32, opt);
  return std::vector<T>(net.parameters(), net.parameters() + net.parameterCount());
}

template <typename T>
double maxAbsDiff(const std::vector<T>& a, const std::vector<T>& b) {
  double d = 0.0;
  for (size_t i = 0; i < a.size(); ++i) d = std::max(d, std::abs(double(a[i]) - double(b[i])));
  return d;
}

TEST(MlpWeightDecay, SgdWithL2EqualsSgdWithDecoupledDecay) {
  const MlpSpec spec = MlpSpec::make(2, {16, 16}, 1, Activation::Tanh);
  Regularization l2;
  l2.l2 = 0.05;
  OptimizerSpec sgd;
  sgd.kind = OptimizerKind::Sgd;
  sgd.lr = 0.2;
  OptimizerSpec sgdw = sgd;
  sgdw.weightDecay = 0.05;
  const auto a = trainCopy<double>(spec, l2, sgd, 300);
  const auto b = trainCopy<double>(spec, Regularization{}, sgdw, 300);
  const auto none = trainCopy<double>(spec, Regularization{}, sgd, 300);
  EXPECT_LT(maxAbsDiff(a, b), 1e-12) << "p − lr(g + λp) and (1 − lr·λ)p − lr·g are the same update";
  EXPECT_GT(maxAbsDiff(a, none), 1e-2) << "the decay must matter at all for the comparison to mean something";
  // float, as the lesson runs it: the same to rounding.
  const auto af = trainCopy<float>(spec, l2, sgd, 300);
  const auto bf = trainCopy<float>(spec, Regularization{}, sgdw, 300);
  EXPECT_LT(maxAbsDiff(af, bf), 1e-4);
}

TEST(MlpWeightDecay, AdamWithL2DiffersFromAdamW) {
  const MlpSpec spec = MlpSpec::make(2, {16, 16}, 1, Activation::Tanh);
  Regularization l2;
  l2.l2 = 0.05;
  OptimizerSpec adam;
  adam.kind = OptimizerKind::Adam;
  adam.lr = 0.01;
  OptimizerSpec adamw = adam;
  adamw.kind = OptimizerKind::AdamW;
  adamw.weightDecay = 0.05;
  const auto a = trainCopy<double>(spec, l2, adam, 300);
  const auto b = trainCopy<double>(spec, Regularization{}, adamw, 300);
  EXPECT_GT(maxAbsDiff(a, b), 1e-2) << "Adam divides the L2 gradient by √v; AdamW's decay is not divided";
}

// [SECTION] BatchNorm layer = the normalization core's RunningStats

TEST(MlpBatchNorm, RunningStatisticsAgreeWithRunningStats) {
  // The BN layer's running estimates must follow nr/running_stats.h (PyTorch's rule) batch after batch.
  MlpSpec spec = MlpSpec::make(3, {5}, 1, Activation::Tanh);
  spec.hidden[0].norm = NormLayer::Batch;
  spec.bnMomentum = 0.2;
  BasicMlp<double> net(spec);
  RunningStats reference(5, 0.2);
  OptimizerSpec os;
  Optimizer<double> opt(os, net.parameterCount());
  for (int step = 0; step < 4; ++step) {
    const Batch<double> b = randomBatch<double>(spec, 8, 20 + step);
    // The layer's input z = W·x + b, computed here from the weights before the step, as an (N, C) tensor.
    Tensor z({8, 5});
    for (int i = 0; i < 8; ++i)
      for (int c = 0; c < 5; ++c) {
        double v = net.bias(0)(c);
        for (int j = 0; j < 3; ++j) v += net.weights(0)(c, j) * b.x[i * 3 + j];
        z.at(i, c) = static_cast<float>(v);
      }
    reference.trainStep(z);
    net.trainStep(b.x.data(), b.y.data(), 8, opt);
    for (int c = 0; c < 5; ++c) {
      EXPECT_NEAR(net.runningMean(0)[c], reference.mean[c], 1e-6) << "step " << step << " channel " << c;
      EXPECT_NEAR(net.runningVar(0)[c], reference.var[c], 1e-6) << "step " << step << " channel " << c;
    }
  }
  // Eval mode then normalizes with those estimates: the pre-activation is γ(z − μ_run)/√(σ²_run + ε) + β.
  const Batch<double> b = randomBatch<double>(spec, 4, 99);
  std::vector<double> out(4);
  net.predict(b.x.data(), 4, out.data());
  for (int i = 0; i < 4; ++i)
    for (int c = 0; c < 5; ++c) {
      double z = net.bias(0)(c);
      for (int j = 0; j < 3; ++j) z += net.weights(0)(c, j) * b.x[i * 3 + j];
      const double u =
          net.gamma(0)(c) * (z - net.runningMean(0)[c]) / std::sqrt(net.runningVar(0)[c] + 1e-5) + net.beta(0)(c);
      EXPECT_NEAR(net.preActivations(0)(c, i), u, 1e-12);
    }
}

// [SECTION] Telemetry

TEST(MlpTelemetry, ActivationsGradientNormsAndWeightNorms) {
  MlpSpec spec = MlpSpec::make(2, {8, 8, 8}, 1, Activation::Sigmoid);
  BasicMlp<double> net(spec);
  const Batch<double> b = randomBatch<double>(spec, 10, 2);
  net.computeGradients(b.x.data(), b.y.data(), b.n);
  for (int l = 0; l < 3; ++l) {
    ASSERT_EQ(net.activations(l).rows(), 8);
    ASSERT_EQ(net.activations(l).cols(), 10);
    // activations are sigmoid of the pre-activations
    EXPECT_NEAR((net.activations(l).array() - net.preActivations(l).array().logistic()).abs().maxCoeff(), 0.0, 1e-15);
    EXPECT_NEAR(net.gradientNorm(l), net.weightGradient(l).norm(), 1e-15);
    EXPECT_GT(net.gradientNorm(l), 0.0);
  }
  double s = 0;
  for (int l = 0; l < net.layerCount(); ++l) s += net.weights(l).squaredNorm();
  EXPECT_NEAR(net.weightNorm(), std::sqrt(s), 1e-12);
}

TEST(MlpInit, SeededLikeTorchLinearAndReproducible) {
  MlpSpec spec = MlpSpec::make(4, {16}, 1, Activation::Tanh);
  Mlp a(spec), b(spec);
  spec.seed = 2;
  Mlp c(spec);
  const std::vector<float> pa(a.parameters(), a.parameters() + a.parameterCount());
  EXPECT_EQ(pa, std::vector<float>(b.parameters(), b.parameters() + b.parameterCount()));
  EXPECT_NE(pa, std::vector<float>(c.parameters(), c.parameters() + c.parameterCount()));
  EXPECT_LE(a.weights(0).cwiseAbs().maxCoeff(), 0.5f);   // 1/√4
  EXPECT_LE(a.weights(1).cwiseAbs().maxCoeff(), 0.25f);  // 1/√16
}

TEST(MlpCopy, CopiesTrainIndependentlyAndIdentically) {
  // Kept runs and MC-dropout ensembles copy nets: a copy must not read the original's buffers.
  MlpSpec spec = MlpSpec::make(2, {8, 8}, 1, Activation::Tanh);
  spec.hidden[0].dropout = 0.3;
  Mlp a(spec);
  const Batch<float> b = randomBatch<float>(spec, 16, 6);
  OptimizerSpec os;
  Optimizer<float> oa(os, a.parameterCount());
  a.trainStep(b.x.data(), b.y.data(), 16, oa);
  Mlp c = a;
  Optimizer<float> oc = oa;
  a = Mlp(spec);  // the original's buffers go away
  Mlp d = c;
  Optimizer<float> od = oc;
  for (int s = 0; s < 5; ++s) {
    const LossParts lc = c.trainStep(b.x.data(), b.y.data(), 16, oc);
    const LossParts ld = d.trainStep(b.x.data(), b.y.data(), 16, od);
    EXPECT_EQ(lc.data, ld.data);
  }
  EXPECT_EQ(std::vector<float>(c.parameters(), c.parameters() + c.parameterCount()),
            std::vector<float>(d.parameters(), d.parameters() + d.parameterCount()));
}

// [SECTION] No heap allocation inside a training step

#ifdef NR_COUNT_MALLOC
TEST(MlpAllocation, CounterSeesAnAllocation) {
  g_mallocCount = 0;
  g_countMalloc = true;
  std::vector<double>* v = new std::vector<double>(100);
  g_countMalloc = false;
  delete v;
  EXPECT_GE(g_mallocCount.load(), 2);
}

TEST(MlpAllocation, TrainStepDoesNotTouchTheHeap) {
  for (OptimizerKind kind : {OptimizerKind::Sgd, OptimizerKind::Momentum, OptimizerKind::Adam, OptimizerKind::AdamW}) {
    MlpSpec spec = MlpSpec::make(2, {16, 16}, 1, Activation::Tanh);
    spec.hidden[0].norm = NormLayer::Batch;
    spec.hidden[1].norm = NormLayer::Layer;
    spec.hidden[1].dropout = 0.2;
    Mlp net(spec);
    Regularization reg;
    reg.l1 = 1e-3;
    reg.l2 = 1e-3;
    net.setRegularization(reg);
    OptimizerSpec os;
    os.kind = kind;
    os.lr = 0.01;
    os.weightDecay = 0.01;
    Optimizer<float> opt(os, net.parameterCount());
    const Batch<float> b = randomBatch<float>(spec, 32, 1);
    net.trainStep(b.x.data(), b.y.data(), 32, opt);
    g_mallocCount = 0;
    g_countMalloc = true;
    for (int s = 0; s < 50; ++s) net.trainStep(b.x.data(), b.y.data(), 32 - (s % 3), opt);
    g_countMalloc = false;
    EXPECT_EQ(g_mallocCount.load(), 0) << toString(kind);
  }
}
#endif

}  // namespace
