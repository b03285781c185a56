// training-lab's model without a GUI: it learns an easy set and reports a blown-up run (which then stops), the
// boundary is the sigmoid of the network on the picture's grid (a naive loop over the same points), the picture's
// extent covers every point, the curves mirror the trainer's epochs, kept runs are capped, clicked-in points join
// the training set and survive a rebuild, and decoupled decay is capped below ηλ = 1.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "lessons/training_lab_model.h"

namespace nr::app {
namespace {

using Params = TrainingLabModel::Params;

TEST(TrainingLabModel, LearnsAnEasySetAndReportsDivergence) {
  Params p;
  p.dataset = 0;  // circle
  p.noise = 0.05f;
  p.samples = 200;
  TrainingLabModel m;
  m.rebuild(p, 2);
  m.trainEpochs(58);
  ASSERT_FALSE(m.trainer().epochs().empty());
  EXPECT_GT(m.trainer().epochs().back().trainAccuracy, 0.9);
  EXPECT_FALSE(m.diverged());
  // Learning rate 10 with plain SGD (tanh) blows up: reported as diverged, training stops.
  p.optimizer = 0;
  p.lr = 10.0;
  p.activation = 1;
  m.rebuild(p, 2);
  for (int i = 0; i < 50 && !m.diverged(); ++i) m.train(50);
  EXPECT_TRUE(m.diverged());
  EXPECT_TRUE(m.halted());
  const int64_t steps = m.trainer().stepCount();
  m.train(10);
  EXPECT_EQ(m.trainer().stepCount(), steps) << "a diverged run does not keep training";
}

TEST(TrainingLabModel, TheBoundaryIsTheNetsProbabilityOnTheGridOverEveryPoint) {
  Params p;
  p.dataset = 3;  // spiral
  TrainingLabModel m;
  m.rebuild(p, 2);
  m.trainEpochs(5);
  ASSERT_TRUE(m.refreshBoundary());
  EXPECT_FALSE(m.refreshBoundary()) << "no step since: nothing to recompute";
  const std::array<double, 4>& v = m.view();
  EXPECT_EQ(v[0], v[2]);
  EXPECT_EQ(v[1], v[3]);
  const core::Trainer& t = m.trainer();
  for (const core::LabeledData* set : {&t.trainSet(), &t.validationSet()})
    for (float x : set->x) {
      EXPECT_GT(x, v[0]);
      EXPECT_LT(x, v[1]);
    }
  const int n = TrainingLabModel::kGrid;
  core::Mlp net = t.net();  // a copy, one point at a time
  ASSERT_EQ(m.boundary().size(), size_t(n) * n);
  for (int r = 0; r < n; r += 9)
    for (int c = 0; c < n; c += 7) {
      const float pt[2] = {float(v[0] + (v[1] - v[0]) * c / (n - 1)), float(v[2] + (v[3] - v[2]) * r / (n - 1))};
      float logit = 0;
      net.predict(pt, 1, &logit);
      EXPECT_NEAR(m.boundary()[r * n + c], 1.0 / (1.0 + std::exp(-double(logit))), 1e-5) << r << ", " << c;
    }
}

TEST(TrainingLabModel, CurvesMirrorTheTrainersEpochsAndAtMostFourRunsAreKept) {
  TrainingLabModel m;
  m.rebuild(Params{}, 2);
  m.trainEpochs(6);
  m.mirrorHistory();
  const auto& epochs = m.trainer().epochs();
  ASSERT_EQ(m.current().epoch.size(), epochs.size());
  for (size_t i = 0; i < epochs.size(); ++i) {
    EXPECT_EQ(m.current().epoch[i], epochs[i].epoch);
    EXPECT_EQ(m.current().validation[i], epochs[i].validation.total());
    EXPECT_EQ(m.trainAccuracy()[i], epochs[i].trainAccuracy);
  }
  for (int k = 0; k < 6; ++k) m.keepRun("run " + std::to_string(k));
  ASSERT_EQ(m.kept().size(), size_t(TrainingLabModel::kMaxKept));
  EXPECT_EQ(m.kept().front().label, "run 2") << "the oldest go first";
  EXPECT_EQ(m.kept().back().validation, m.current().validation);
}

TEST(TrainingLabModel, ClickedPointsJoinTheTrainingSetAndSurviveARebuild) {
  Params p;
  TrainingLabModel m;
  m.rebuild(p, 2);
  const int before = m.trainer().trainSet().size();
  m.addPoint(0.25f, -0.5f, 1.0f);
  ASSERT_EQ(m.trainer().trainSet().size(), before + 1);
  const float* last = m.trainer().trainSet().row(before);
  EXPECT_EQ(last[0], 0.25f);
  EXPECT_EQ(last[1], -0.5f);
  EXPECT_EQ(m.trainer().trainSet().y[before], 1.0f);
  m.rebuild(p, 2);
  EXPECT_EQ(m.trainer().trainSet().size(), before + 1);
  m.clearPoints();
  m.rebuild(p, 2);
  EXPECT_EQ(m.trainer().trainSet().size(), before);
  // One epoch is ⌈n / batch⌉ steps.
  EXPECT_EQ(m.stepsPerEpoch(), (before + p.batch - 1) / p.batch);
}

TEST(TrainingLabModel, DecoupledDecayIsCappedBelowOneStepFlippingEveryWeight) {
  Params p;
  p.weightDecay = 0.5;
  p.lr = 0.01;
  EXPECT_EQ(TrainingLabModel::optimizerSpec(p).weightDecay, 0.5);
  p.lr = 10.0;
  EXPECT_NEAR(TrainingLabModel::optimizerSpec(p).weightDecay * p.lr, 0.99, 1e-12);
  p.l2 = 1e-3;
  p.dropout = 0.25f;
  p.earlyStopping = true;
  EXPECT_EQ(TrainingLabModel::runLabel(p), "adamw L2=0.001 wd=0.5 drop=0.25 ES");
}

}  // namespace
}  // namespace nr::app
