// nr::core::Optimizer: each rule written out by hand for two steps on fixed gradients (PyTorch golden values for
// whole networks are in mlp_golden_test.cpp), the decay mask, live spec changes, and validation messages.
#include "nr/optimizer.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

namespace {

using namespace nr::core;

TEST(Optimizer, TwoStepsOfEachRuleByHand) {
  const std::vector<double> p0 = {1.0, -2.0, 0.5}, g1 = {0.1, -0.3, 0.0}, g2 = {-0.2, 0.4, 0.7};
  for (OptimizerKind kind : {OptimizerKind::Sgd, OptimizerKind::Momentum, OptimizerKind::Adam, OptimizerKind::AdamW}) {
    OptimizerSpec s;
    s.kind = kind;
    s.lr = 0.1;
    s.momentum = 0.8;
    s.weightDecay = kind == OptimizerKind::AdamW ? 0.5 : 0.0;
    Optimizer<double> opt(s, 3);
    std::vector<double> p = p0;
    opt.step(p.data(), g1.data(), nullptr);
    opt.step(p.data(), g2.data(), nullptr);
    for (int i = 0; i < 3; ++i) {
      double q = p0[i], expected = 0.0;
      switch (kind) {
        case OptimizerKind::Sgd:
          expected = q - 0.1 * g1[i] - 0.1 * g2[i];
          break;
        case OptimizerKind::Momentum: {
          const double b1 = g1[i], b2 = 0.8 * b1 + g2[i];
          expected = q - 0.1 * b1 - 0.1 * b2;
          break;
        }
        default: {
          double m = 0, v = 0;
          const double g[2] = {g1[i], g2[i]};
          for (int t = 1; t <= 2; ++t) {
            q *= 1.0 - 0.1 * s.weightDecay;
            m = 0.9 * m + 0.1 * g[t - 1];
            v = 0.999 * v + 0.001 * g[t - 1] * g[t - 1];
            const double mh = m / (1 - std::pow(0.9, t)), vh = v / (1 - std::pow(0.999, t));
            q -= 0.1 * mh / (std::sqrt(vh) + 1e-8);
          }
          expected = q;
          EXPECT_NEAR(opt.firstMoment()[i], m, 1e-15);
          EXPECT_NEAR(opt.secondMoment()[i], v, 1e-15);
        }
      }
      EXPECT_NEAR(p[i], expected, 1e-12) << toString(kind) << " parameter " << i;
    }
    EXPECT_EQ(opt.stepCount(), 2);
  }
}

TEST(Optimizer, DecayMaskSelectsWhatDecays) {
  OptimizerSpec s;
  s.kind = OptimizerKind::Sgd;
  s.lr = 0.1;
  s.weightDecay = 0.5;
  Optimizer<float> opt(s, 2);
  std::vector<float> p = {1.0f, 1.0f}, g = {0.0f, 0.0f}, mask = {1.0f, 0.0f};
  opt.step(p.data(), g.data(), mask.data());
  EXPECT_FLOAT_EQ(p[0], 0.95f);
  EXPECT_EQ(p[1], 1.0f);
}

TEST(Optimizer, LiveChangesKeepStateUnlessTheKindChanges) {
  OptimizerSpec s;
  s.kind = OptimizerKind::Adam;
  Optimizer<double> opt(s, 1);
  double p = 1.0, g = 0.5;
  opt.step(&p, &g, nullptr);
  s.lr = 0.01;
  opt.setSpec(s);
  EXPECT_EQ(opt.stepCount(), 1);
  EXPECT_NE(opt.firstMoment()[0], 0.0);
  s.kind = OptimizerKind::Momentum;
  opt.setSpec(s);
  EXPECT_EQ(opt.stepCount(), 0);
  EXPECT_EQ(opt.firstMoment()[0], 0.0);
}

TEST(Optimizer, BadSpecsSayWhatToDo) {
  OptimizerSpec s;
  s.lr = -0.1;
  EXPECT_NE(validate(s).find("learning rate must be"), std::string::npos);
  EXPECT_THROW(Optimizer<float>(s, 3), std::invalid_argument);
  s.lr = 0.1;
  s.momentum = 1.0;
  EXPECT_NE(validate(s).find("0.9 is the usual"), std::string::npos);
  s.momentum = 0.9;
  s.weightDecay = 20.0;
  EXPECT_NE(validate(s).find("lr*decay < 1"), std::string::npos);
  s.weightDecay = 0.01;
  EXPECT_EQ(validate(s), "");
}

}  // namespace
