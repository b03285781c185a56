// weight-decay's model without a GUI: SGD+L2 and SGD+decay are one update (w ← (1 − ηλ)w − η∇L) while Adam+L2 and
// AdamW part; the effective-decay histogram has one value per decayed weight, recomputed here from Adam's second
// moments in a plain loop; the curves mirror the trainers' records; a new λ reaches all four runs in place.
#include <gtest/gtest.h>

#include <cmath>

#include "lessons/weight_decay_model.h"

namespace nr::app {
namespace {

using Model = WeightDecayModel;

TEST(WeightDecayModel, SgdRunsCoincideAdamRunsPart) {
  Model m;
  m.trainEpochs(20);
  EXPECT_LT(m.sgdDifference(), 1e-5);  // the same update up to float rounding
  EXPECT_GT(m.adamDifference(), 1e-2);
  EXPECT_EQ(m.run(Model::kSgdL2).stepCount(), m.run(Model::kAdamW).stepCount());
  // The differences are the naive max over all parameters.
  const core::Mlp& a = m.run(Model::kAdamL2).net();
  const core::Mlp& b = m.run(Model::kAdamW).net();
  double worst = 0.0;
  for (int64_t i = 0; i < a.parameterCount(); ++i)
    worst = std::max(worst, std::fabs(double(a.parameters()[i]) - double(b.parameters()[i])));
  EXPECT_EQ(m.adamDifference(), worst);
}

TEST(WeightDecayModel, WithALargeLambdaTheSgdRunsStillCoincide) {
  // Step by step on the same batches, (1 − ηλ)w − η∇L_data = w − η(∇L_data + λw): after an epoch with a large λ the
  // two SGD runs agree to float rounding, while they have moved from the start by far more than that.
  Model::Params p;
  p.lambda = 0.3;
  Model m;
  m.rebuild(p);
  const std::vector<float> start(m.run(Model::kSgdL2).net().parameters(),
                                 m.run(Model::kSgdL2).net().parameters() + m.run(Model::kSgdL2).net().parameterCount());
  m.trainEpochs(1);
  double moved = 0.0;
  for (size_t i = 0; i < start.size(); ++i)
    moved = std::max(moved, std::fabs(double(m.run(Model::kSgdDecay).net().parameters()[i]) - start[i]));
  EXPECT_GT(moved, 1e-3);
  EXPECT_LT(m.sgdDifference(), 1e-6);
}

TEST(WeightDecayModel, EffectiveDecayIsOneValuePerWeightFromAdamsMoments) {
  Model m;
  EXPECT_TRUE(m.effectiveDecay().empty()) << "no step yet: no second moments";
  m.trainEpochs(3);
  const std::vector<float> d = m.effectiveDecay();
  // 2→16→16→1: 2·16 + 16·16 + 16·1 weights; the 33 biases are not decayed.
  ASSERT_EQ(d.size(), 2u * 16 + 16 * 16 + 16 * 1);
  const core::Trainer& adam = m.run(Model::kAdamL2);
  const auto& opt = adam.optimizer();
  const double b2 = opt.spec().beta2, eps = opt.spec().eps, lr = opt.spec().lr;
  double correction = 1.0;  // 1 − β₂^t, by repeated multiplication
  for (int64_t t = 0; t < opt.stepCount(); ++t) correction *= b2;
  correction = 1.0 - correction;
  size_t k = 0;
  for (int l = 0; l < adam.net().layerCount(); ++l) {
    const core::ParamBlock w = adam.net().weightBlock(l);
    for (int64_t i = w.offset; i < w.offset + w.count; ++i, ++k) {
      const double rate = lr * m.params().lambda / (std::sqrt(opt.secondMoment()[i] / correction) + eps);
      ASSERT_NEAR(d[k], std::log10(rate), 1e-5) << "weight " << i;
    }
  }
  EXPECT_EQ(k, d.size()) << "the weight blocks are the decayed parameters, in order";
}

TEST(WeightDecayModel, CurvesMirrorTheTrainersAndRestartWithThem) {
  Model m;
  m.trainEpochs(4);
  m.syncHistory();
  for (int i = 0; i < Model::kRuns; ++i) {
    const auto& records = m.run(i).epochs();
    ASSERT_EQ(m.epochs(i).size(), records.size());
    for (size_t e = 0; e < records.size(); ++e) {
      EXPECT_EQ(m.epochs(i)[e], records[e].epoch);
      EXPECT_EQ(m.losses(i)[e], records[e].train.data);
      EXPECT_EQ(m.norms(i)[e], records[e].weightNorm);
    }
  }
  m.rebuild(m.params());
  m.syncHistory();
  for (int i = 0; i < Model::kRuns; ++i) EXPECT_EQ(m.epochs(i).size(), m.run(i).epochs().size());
}

TEST(WeightDecayModel, ANewLambdaReachesEveryRunInPlace) {
  Model m;
  m.trainEpochs(2);
  const int64_t steps = m.run(0).stepCount();
  m.setLambda(0.2);
  EXPECT_EQ(m.run(0).stepCount(), steps) << "no restart";
  EXPECT_EQ(m.run(Model::kSgdL2).net().regularization().l2, 0.2);
  EXPECT_EQ(m.run(Model::kAdamL2).net().regularization().l2, 0.2);
  EXPECT_EQ(m.run(Model::kSgdDecay).optimizerSpec().weightDecay, 0.2);
  EXPECT_EQ(m.run(Model::kAdamW).optimizerSpec().weightDecay, 0.2);
  EXPECT_EQ(m.run(Model::kSgdDecay).net().regularization().l2, 0.0);
  EXPECT_EQ(m.run(Model::kAdamL2).optimizerSpec().weightDecay, 0.0);
}

}  // namespace
}  // namespace nr::app
