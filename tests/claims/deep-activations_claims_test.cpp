// The deep-activations try-this steps, on the lesson's default net (8 × 32, circle data, seed 1) trained with the
// Step button's SGD steps: sigmoid without normalization loses about seven orders of gradient and stays at ln 2
// while BatchNorm levels the bars and rows and learns; tanh narrows at init scale 1, holds at 2.45, saturates at 4;
// ReLU shrinks at 1 and stays about level at 2.45 (He).
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "claims/claims.h"
#include "lessons/deep_activations.h"

namespace nr::app {
namespace {

using claims::load;

// 600 SGD steps = 100 epochs of the 192 training points in batches of 32: 25 s of Play at the default pace.
constexpr int kTrainSteps = 600;

std::vector<double> spreads(const DeepActivationsLesson& l) {
  std::vector<double> s;
  for (const auto& st : l.model().layerStats()) s.push_back(st.stddev);
  return s;
}

void print(const char* what, const std::vector<double>& v) {
  std::printf("[ measured ] %s:", what);
  for (double x : v) std::printf(" %.3g", x);
  std::printf("\n");
}

// Orders of magnitude between the largest and the smallest gradient bar.
double barOrders(const DeepActivationsLesson& l) {
  const auto [lo, hi] = std::minmax_element(l.model().gradientNorms().begin(), l.model().gradientNorms().end());
  return std::log10(*hi / *lo);
}

TEST(DeepActivationsTry, Step1_SigmoidLosesSevenOrdersAndStallsBatchNormLevelsAndLearns) {
  DeepActivationsLesson l;  // the start: sigmoid, no normalization
  ASSERT_EQ(l.params()["activation"], "sigmoid");
  ASSERT_EQ(l.params()["norm"], "none");
  const std::vector<double>& g = l.model().gradientNorms();
  const double orders = std::log10(g.back() / g.front());
  std::printf("[ measured ] sigmoid, none: the bars fall %.2f orders from the output to layer 1\n", orders);
  EXPECT_GT(orders, 7.0) << "seven to eight orders, output vs layer 1";
  EXPECT_LT(orders, 8.0) << "seven to eight orders, output vs layer 1";
  for (size_t k = 1; k < g.size(); ++k) EXPECT_GT(g[k], g[k - 1]) << "the bars fall layer by layer towards layer 1";
  const std::vector<double> plainSpread = spreads(l);
  l.train(kTrainSteps);
  const double plainLoss = l.model().lossHistory().back();
  EXPECT_NEAR(l.model().lossHistory().front(), std::log(2.0), 0.01);
  for (double loss : l.model().lossHistory())
    EXPECT_NEAR(loss, std::log(2.0), 0.01) << "the loss stays at ln 2 = 0.693";

  load(l, {{"norm", "batch"}});
  const double bnOrders = barOrders(l);
  const std::vector<double> bnSpread = spreads(l);
  print("sigmoid, none: σ per layer", plainSpread);
  print("sigmoid, BatchNorm: σ per layer", bnSpread);
  // The bars level: within one order of magnitude of each other (against 7.6 without).
  EXPECT_LT(bnOrders, 1.0) << "orders between the largest and the smallest bar with BatchNorm";
  // Every row keeps its spread: all as wide as layer 1's (without, they narrow to about half).
  for (double s : bnSpread) EXPECT_NEAR(s / bnSpread.front(), 1.0, 0.1);
  EXPECT_LT(*std::min_element(plainSpread.begin() + 1, plainSpread.end()), 0.6 * plainSpread.front());
  // The loss falls.
  l.train(kTrainSteps);
  std::printf(
      "[ measured ] loss after %d steps: %.4f without normalization, %.4f with BatchNorm; bars span %.2f "
      "orders with BatchNorm\n",
      kTrainSteps, plainLoss, l.model().lossHistory().back(), bnOrders);
  EXPECT_LT(l.model().lossHistory().back(), 0.3);
  for (Lang lang : {"en", "zh"}) {
    claims::expectStepSays(l, 1, lang, lang == "en" ? "seven to eight orders" : "七到八个数量级");
    claims::expectStepSays(l, 1, lang, "ln 2 = 0.693");
  }
}

TEST(DeepActivationsTry, Step2_TanhNarrowsAtOneHoldsAtTwoPointFourFiveSaturatesAtFour) {
  DeepActivationsLesson l;
  // Init scale 1: the rows narrow towards 0 with depth, and training stalls.
  load(l, {{"activation", "tanh"}, {"init_scale", 1.0}});
  const std::vector<double> s1 = spreads(l);
  for (const auto& st : l.model().layerStats()) EXPECT_LT(std::fabs(st.mean), 0.1) << "centred on 0";
  EXPECT_LT(s1.back(), 0.4 * s1.front());
  for (size_t k = 1; k < 5; ++k) EXPECT_LT(s1[k], s1[k - 1]) << "layer " << k + 1;
  l.train(kTrainSteps);
  const double loss1 = l.model().lossHistory().back();
  EXPECT_GT(loss1, 0.68) << "training stalls near ln 2";

  // 2.45: the spread holds, and the loss falls.
  load(l, {{"activation", "tanh"}, {"init_scale", 2.45}});
  const std::vector<double> s245 = spreads(l);
  double sat245 = 0.0;
  for (const auto& st : l.model().layerStats()) sat245 += st.saturated / double(l.model().layerStats().size());
  for (double s : s245) EXPECT_NEAR(s / s245.front(), 1.0, 0.25) << "the spread holds";
  l.train(kTrainSteps);
  const double loss245 = l.model().lossHistory().back();
  EXPECT_LT(loss245, 0.2) << "the loss falls";

  // 4: a tenth or more of the values sit at ±1 from layer 3 on: the saturated column, and the end bins of those
  // rows are bright (the strip's brightness is √(count/peak)).
  load(l, {{"activation", "tanh"}, {"init_scale", 4.0}});
  const auto& stats = l.model().layerStats();
  std::vector<double> sat4, edge4;
  for (const auto& st : stats) {
    sat4.push_back(st.saturated);
    const int peak = *std::max_element(st.counts.begin(), st.counts.end());
    edge4.push_back(std::sqrt(double(std::min(st.counts.front(), st.counts.back())) / peak));
  }
  print("tanh, init 1: σ per layer", s1);
  print("tanh, init 2.45: σ per layer", s245);
  print("tanh, init 4: saturated share per layer", sat4);
  print("tanh, init 4: brightness of the dimmer end bin per layer", edge4);
  std::printf("[ measured ] loss after %d steps: %.4f at init 1, %.4f at 2.45; mean saturated share %.4f at 2.45\n",
              kTrainSteps, loss1, loss245, sat245);
  for (size_t k = 2; k < stats.size(); ++k) {
    EXPECT_GE(sat4[k], 0.1) << "layer " << k + 1 << ": a tenth or more at ±1";
    EXPECT_GT(edge4[k], 0.6) << "layer " << k + 1 << ": bright edges";
  }
  EXPECT_GT(sat4[2], 2 * sat4[0]) << "more than in layer 1";
  EXPECT_LT(sat245, 0.02) << "at 2.45 hardly any";

  // The init-scale tooltip: at LeCun's √3 ≈ 1.73 the tanh rows still narrow slowly with depth (less than at 1);
  // 2.45 is the scale that keeps them level.
  load(l, {{"activation", "tanh"}, {"init_scale", 1.73}});
  const std::vector<double> s173 = spreads(l);
  print("tanh, init 1.73: σ per layer", s173);
  EXPECT_LT(s173.back(), 0.75 * s173.front());
  EXPECT_GT(s173.back() / s173.front(), s1.back() / s1.front());
  for (Lang lang : {"en", "zh"}) {
    claims::expectStepSays(l, 2, lang, "2.45");
    claims::expectStepSays(l, 2, lang, lang == "en" ? "at 4 a tenth or more" : "调到 4 时，从第 3 层起有一成以上");
    claims::expectStepSays(l, 2, lang, lang == "en" ? "from layer 3 on" : "第 3 层起");
  }
}

TEST(DeepActivationsTry, Step3_ReluShrinksAtOneAndStaysLevelAtHe) {
  DeepActivationsLesson l;
  load(l, {{"activation", "relu"}, {"init_scale", 1.0}});
  const std::vector<double> s1 = spreads(l);
  // σ shrinks layer by layer to about a fifth of layer 1's (then the biases hold it there)...
  for (size_t k = 1; k < 5; ++k) EXPECT_LT(s1[k], s1[k - 1]) << "layer " << k + 1;
  const double floor1 = *std::min_element(s1.begin(), s1.end()) / s1.front();
  EXPECT_GT(floor1, 0.15) << "about a fifth";
  EXPECT_LT(floor1, 0.27) << "about a fifth";
  for (size_t k = 4; k < s1.size(); ++k) EXPECT_LT(s1[k], 0.3 * s1.front()) << "layer " << k + 1;
  // ...and nothing learns.
  l.train(kTrainSteps);
  const double loss1 = l.model().lossHistory().back();
  EXPECT_NEAR(loss1, std::log(2.0), 0.01);
  // He (2.45 = √6): σ stays about level.
  load(l, {{"activation", "relu"}, {"init_scale", 2.45}});
  const std::vector<double> s245 = spreads(l);
  print("relu, init 1: σ per layer", s1);
  print("relu, init 2.45: σ per layer", s245);
  std::printf("[ measured ] relu, init 1: lowest σ %.3f of layer 1's, loss %.4f after %d steps\n", floor1, loss1,
              kTrainSteps);
  for (double s : s245) {
    EXPECT_GT(s / s245.front(), 0.6);
    EXPECT_LT(s / s245.front(), 1.5);
  }
  for (Lang lang : {"en", "zh"}) {
    claims::expectStepSays(l, 3, lang, "2.45");
    claims::expectStepSays(l, 3, lang, "√6");
    claims::expectStepSays(l, 3, lang, lang == "en" ? "about a fifth of layer 1's" : "第 1 层的五分之一左右");
  }
}

}  // namespace
}  // namespace nr::app
