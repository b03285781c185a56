// nr::core::EarlyStopping on scripted loss sequences, against the rule written out by hand, and the Trainer's
// restore-best on a real run.
#include "nr/early_stopping.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <vector>

#include "nr/datasets.h"
#include "nr/trainer.h"

namespace {

using namespace nr::core;
using V = EarlyStopping::Verdict;

TEST(EarlyStopping, ScriptedSequenceGivesBestAndStopEpoch) {
  // Improves to epoch 3 (0.5), then 0.52, 0.51, 0.55 fail to beat it: with patience 3 the stop is at epoch 6.
  EarlyStoppingSpec spec;
  spec.patience = 3;
  EarlyStopping es(spec);
  const std::vector<double> losses = {1.0, 0.8, 0.6, 0.5, 0.52, 0.51, 0.55, 0.3};
  const std::vector<V> expected = {V::Improved, V::Improved, V::Improved, V::Improved,
                                   V::Waiting,  V::Waiting,  V::Stop,     V::Stop};
  for (size_t i = 0; i < losses.size(); ++i) EXPECT_EQ(es.update(losses[i]), expected[i]) << "epoch " << i;
  EXPECT_EQ(es.bestEpoch(), 3);
  EXPECT_DOUBLE_EQ(es.bestLoss(), 0.5);
  EXPECT_EQ(es.stopEpoch(), 6);
  EXPECT_TRUE(es.stopped());
  EXPECT_EQ(es.epochs(), 7) << "updates after the stop are ignored";
}

TEST(EarlyStopping, MinDeltaIgnoresTinyImprovements) {
  EarlyStoppingSpec spec;
  spec.patience = 2;
  spec.minDelta = 0.01;
  EarlyStopping es(spec);
  EXPECT_EQ(es.update(1.0), V::Improved);
  EXPECT_EQ(es.update(0.995), V::Waiting);   // better, but by less than minDelta
  EXPECT_EQ(es.update(0.985), V::Improved);  // 0.985 < 1.0 − 0.01
  EXPECT_EQ(es.epochsSinceBest(), 0);
  EXPECT_EQ(es.update(0.98), V::Waiting);
  EXPECT_EQ(es.epochsSinceBest(), 1);
  EXPECT_EQ(es.update(0.979), V::Stop);
  EXPECT_EQ(es.bestEpoch(), 2);
  EXPECT_EQ(es.stopEpoch(), 4);
}

TEST(EarlyStopping, NanNeverImprovesAndBadSpecsSayWhy) {
  EarlyStoppingSpec spec;
  spec.patience = 1;
  EarlyStopping es(spec);
  EXPECT_EQ(es.update(std::numeric_limits<double>::quiet_NaN()), V::Stop);
  EXPECT_EQ(es.bestEpoch(), -1);
  spec.patience = 0;
  EXPECT_THROW(EarlyStopping{spec}, std::invalid_argument);
  es.reset();
  EXPECT_FALSE(es.stopped());
}

TEST(EarlyStopping, TrainerStopsAndRestoresTheBestEpoch) {
  // A wide net on 30 noisy points overfits: the validation loss turns up and early stopping must fire.
  DatasetSpec ds;
  ds.kind = DatasetKind::Circle;
  ds.count = 60;
  ds.noise = 0.35;
  ds.seed = 3;
  DataSplit split = splitDataset(makeDataset(ds), 0.5, 3);
  OptimizerSpec os;
  os.kind = OptimizerKind::Adam;
  os.lr = 0.02;
  TrainerSpec ts;
  ts.batchSize = 10;
  ts.earlyStopping = true;
  ts.stopping.patience = 15;
  Trainer t(MlpSpec::make(2, {64, 64}, 1, Activation::Relu), os, split.train, split.validation, ts);
  t.runEpochs(2000);
  ASSERT_TRUE(t.finished()) << "the run should have overfitted and stopped";
  const EarlyStopping& es = t.earlyStopping();
  ASSERT_EQ(int(t.epochs().size()), es.stopEpoch() + 1);
  // The best epoch is the arg-min of the recorded validation losses, and the stop came `patience` epochs later.
  int argmin = 0;
  for (const EpochRecord& e : t.epochs())
    if (e.validation.data < t.epochs()[argmin].validation.data) argmin = e.epoch;
  EXPECT_EQ(es.bestEpoch(), argmin);
  EXPECT_EQ(es.stopEpoch(), argmin + 15);
  // Restored: the net's validation loss is the best epoch's again (bit-for-bit the same weights).
  Mlp probe(t.net().spec());
  probe.restoreState(t.bestState());
  const LabeledData& v = t.validationSet();
  EXPECT_EQ(t.net().evaluate(v.x.data(), v.y.data(), v.size()).data,
            probe.evaluate(v.x.data(), v.y.data(), v.size()).data);
  EXPECT_NEAR(t.net().evaluate(v.x.data(), v.y.data(), v.size()).data, t.epochs()[argmin].validation.data, 1e-6);
  EXPECT_EQ(t.advance(10), 0) << "a stopped run does not step";
}

}  // namespace
