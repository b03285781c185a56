// nr::core::Trainer: learns the data sets, records histories, honours its time budget, applies setting changes
// without a reset, is reproducible, and keeps the training step's telemetry apart from evaluation.
#include "nr/trainer.h"

#include <gtest/gtest.h>

#include <cmath>

#include "nr/augment.h"
#include "nr/datasets.h"

namespace {

using namespace nr::core;

Trainer circleTrainer(OptimizerKind kind = OptimizerKind::AdamW, double dropout = 0.0) {
  DatasetSpec ds;
  ds.kind = DatasetKind::Circle;
  ds.count = 300;
  ds.noise = 0.05;
  const DataSplit split = splitDataset(makeDataset(ds), 0.3, 1);
  MlpSpec net = MlpSpec::make(2, {16, 16}, 1, Activation::Tanh);
  for (HiddenLayerSpec& h : net.hidden) h.dropout = dropout;
  OptimizerSpec os;
  os.kind = kind;
  os.lr = 0.01;
  os.weightDecay = 1e-3;
  return Trainer(net, os, split.train, split.validation, TrainerSpec{});
}

TEST(Trainer, LearnsTheCircleAndRecordsHistories) {
  Trainer t = circleTrainer();
  t.runEpochs(60);
  ASSERT_EQ(t.epochs().size(), 60u);
  EXPECT_EQ(t.epoch(), 60);
  // 210 training points, batch 32 → 7 steps per epoch (the last one has 18).
  EXPECT_EQ(t.stepCount(), 60 * 7);
  EXPECT_EQ(t.steps().size(), size_t(t.stepCount()));
  EXPECT_GT(t.epochs().back().validationAccuracy, 0.95);
  EXPECT_LT(t.epochs().back().validation.data, 0.5 * t.epochs().front().validation.data);
  EXPECT_GT(t.epochs().back().weightNorm, 0.0);
  EXPECT_GE(t.bestEpoch(), 0);
}

TEST(Trainer, ReproducibleAndResettable) {
  Trainer a = circleTrainer(OptimizerKind::Adam, 0.2), b = circleTrainer(OptimizerKind::Adam, 0.2);
  a.advance(25);
  b.advance(25);
  ASSERT_EQ(a.steps().size(), 25u);
  EXPECT_EQ(a.steps().back().loss.data, b.steps().back().loss.data);
  const double first = a.steps().front().loss.data;
  a.reset();
  EXPECT_EQ(a.stepCount(), 0);
  EXPECT_TRUE(a.steps().empty());
  a.advance(1);
  EXPECT_EQ(a.steps().front().loss.data, first);
}

TEST(Trainer, AdvanceStopsAtTheTimeBudget) {
  Trainer t = circleTrainer();
  EXPECT_EQ(t.advance(1000000, 0.0), 1) << "at least one step, then the budget is spent";
  const int done = t.advance(100000000, 0.02);
  EXPECT_GT(done, 1);
  EXPECT_LT(done, 100000000);
}

TEST(Trainer, SettingsChangeWithoutReset) {
  Trainer t = circleTrainer(OptimizerKind::Sgd);
  t.advance(20);
  const int64_t steps = t.stepCount();
  Regularization reg;
  reg.l1 = 1e-3;
  t.setRegularization(reg);
  t.setDropout(0, 0.5);
  OptimizerSpec os = t.optimizerSpec();
  os.lr = 0.05;
  t.setOptimizer(os);
  t.advance(5);
  EXPECT_EQ(t.stepCount(), steps + 5);
  EXPECT_GT(t.steps().back().loss.l1, 0.0);
  const auto mask = t.net().dropoutMask(0);
  EXPECT_LT(mask.sum(), 0.8f * mask.size()) << "dropout 0.5 now acts";
}

TEST(Trainer, EvaluationLeavesTheTrainingTelemetry) {
  Trainer t = circleTrainer(OptimizerKind::AdamW, 0.3);
  t.advance(6);  // the 7th step ends the epoch and evaluates; stop just before
  t.advance(1);
  ASSERT_EQ(t.epochs().size(), 1u);
  EXPECT_EQ(t.net().lastBatch(), 18) << "telemetry is the last training batch, not the evaluation set";
  EXPECT_LT(t.net().dropoutMask(0).sum(), float(t.net().dropoutMask(0).size()));
  std::vector<float> grid = {0.f, 0.f, 1.f, 1.f}, out(2);
  t.predict(grid.data(), 2, out.data());
  EXPECT_EQ(t.net().lastBatch(), 18);
}

TEST(Trainer, TrainsOnTheShapeImagesWithAugmentation) {
  const ImageSet set = makeShapeImages(40, 1);
  const DataSplit split = splitDataset(set.data, 0.25, 1);
  MlpSpec net = MlpSpec::make(144, {32}, 4, Activation::Relu, LossKind::SoftmaxCrossEntropy);
  OptimizerSpec os;
  os.kind = OptimizerKind::Adam;
  os.lr = 0.005;
  Trainer t(net, os, split.train, split.validation);
  AugmentSpec aug;
  aug.maxShift = 1;
  aug.noise = 0.03;
  t.augment = makeImageAugment(aug, 12, 12);
  t.runEpochs(40);
  EXPECT_GT(t.epochs().back().validationAccuracy, 0.8);
}

TEST(Trainer, TrainsWithMixupOnSoftLabels) {
  const ImageSet set = makeShapeImages(40, 2);
  const DataSplit split = splitDataset(oneHot(set.data), 0.25, 1);
  MlpSpec net = MlpSpec::make(144, {32}, 4, Activation::Relu, LossKind::SoftmaxCrossEntropy);
  net.softTargets = true;
  OptimizerSpec os;
  os.kind = OptimizerKind::Adam;
  os.lr = 0.005;
  Trainer t(net, os, split.train, split.validation);
  t.augment = makeMixAugment(MixKind::Mixup, 12, 12, 4);
  t.runEpochs(40);
  EXPECT_GT(t.epochs().back().validationAccuracy, 0.8);
  // Hard labels into a soft-target net are refused with a message.
  EXPECT_THROW(Trainer(net, os, set.data, set.data), std::invalid_argument);
}

TEST(Trainer, UsageExampleOfTheApi) {
  // The example given to the lessons: circle, 2-16-16-1 tanh, AdamW, dropout, early stopping, a frame at a time.
  DataSplit data = splitDataset(makeDataset({DatasetKind::Circle, 400, 0.15, /*seed*/ 1}), 0.3, 1);
  MlpSpec net = MlpSpec::make(2, {16, 16}, 1, Activation::Tanh);  // BCE with logits
  for (HiddenLayerSpec& h : net.hidden) h.dropout = 0.2;
  OptimizerSpec adamw{OptimizerKind::AdamW, /*lr*/ 1e-2};
  adamw.weightDecay = 1e-2;
  TrainerSpec ts;
  ts.earlyStopping = true;
  ts.stopping.patience = 20;
  Trainer t(net, adamw, data.train, data.validation, ts);
  while (!t.finished() && t.epoch() < 400) t.advance(/*maxSteps*/ 64, /*budgetSeconds*/ 0.004);  // one frame
  EXPECT_GT(t.epochs().back().validationAccuracy, 0.9);
  EXPECT_GE(t.earlyStopping().bestEpoch(), 0);
  EXPECT_EQ(t.net().dropoutMask(0).rows(), 16);
}

}  // namespace

namespace {

// Long runs keep bounded histories: past the limit every other record is dropped and the stride doubles, so the
// kept records are exactly the multiples of the stride; the newest step and epoch are always at hand; the
// generation changes whenever kept records move. Checked against a run that keeps everything (the records are
// the same numbers: thinning only chooses which ones are kept).
TEST(Trainer, LongRunsKeepBoundedThinnedHistories) {
  DatasetSpec ds;
  ds.kind = DatasetKind::Gaussians;
  ds.count = 40;
  const DataSplit split = splitDataset(makeDataset(ds), 0.5, 1);
  MlpSpec net = MlpSpec::make(2, {4}, 1, Activation::Tanh);
  OptimizerSpec os;
  os.kind = OptimizerKind::Sgd;
  os.lr = 0.01;
  TrainerSpec spec;
  spec.batchSize = 8;  // 20 training points: 3 steps per epoch
  Trainer t(net, os, split.train, split.validation, spec);
  std::vector<StepRecord> allSteps;
  std::vector<EpochRecord> allEpochs;
  int64_t generation = t.historyGeneration(), changes = 0;
  const int64_t total = 3 * 10000;
  for (int64_t s = 0; s < total; ++s) {
    t.advance(1);
    allSteps.push_back(t.lastStep());
    if (t.lastEpoch().step == t.stepCount() && (allEpochs.empty() || allEpochs.back().epoch != t.lastEpoch().epoch))
      allEpochs.push_back(t.lastEpoch());
    if (t.historyGeneration() != generation) ++changes, generation = t.historyGeneration();
    ASSERT_LE(t.steps().size(), Trainer::kHistoryLimit);
    ASSERT_LE(t.epochs().size(), Trainer::kHistoryLimit);
  }
  ASSERT_EQ(t.stepCount(), total);
  ASSERT_EQ(allEpochs.size(), 10000u);
  EXPECT_EQ(t.lastStep().step, total - 1);
  EXPECT_EQ(t.lastEpoch().epoch, 9999);
  // Thinning happens at 4097 records: steps 4096, 8192 and 16384 (stride 8 keeps the 3750 multiples of 8 below
  // 30000); epochs 4096 and 8192 (stride 4 keeps 2500).
  EXPECT_EQ(t.steps().size(), 3750u);
  EXPECT_EQ(t.epochs().size(), 2500u);
  for (size_t i = 0; i < t.steps().size(); ++i) {
    const StepRecord& r = t.steps()[i];
    ASSERT_EQ(r.step, int64_t(i) * 8);
    ASSERT_EQ(r.loss.data, allSteps[size_t(r.step)].loss.data);
  }
  for (size_t i = 0; i < t.epochs().size(); ++i) {
    const EpochRecord& e = t.epochs()[i];
    ASSERT_EQ(e.epoch, int(i) * 4);
    ASSERT_EQ(e.validation.data, allEpochs[size_t(e.epoch)].validation.data);
  }
  EXPECT_EQ(changes, 3 + 2);
  t.reset();
  EXPECT_NE(t.historyGeneration(), generation);
  EXPECT_TRUE(t.steps().empty());
  EXPECT_EQ(t.lastStep().step, 0);
}

}  // namespace

namespace {

// blownUp: false before any step and for a healthy run; true once a learning rate of 10 has sent the loss past the
// limits (or to NaN, which must count as blown up too).
TEST(Trainer, BlownUpFlagsADivergingRunOnly) {
  Trainer healthy = circleTrainer(OptimizerKind::Sgd);
  EXPECT_FALSE(healthy.blownUp(100.0, 3.0 * std::log(2.0)));
  healthy.runEpochs(5);
  EXPECT_FALSE(healthy.blownUp(100.0, 3.0 * std::log(2.0)));
  EXPECT_TRUE(healthy.blownUp(100.0, 0.0)) << "an epoch limit below the loss must trip";
  EXPECT_TRUE(healthy.blownUp(0.0, 100.0)) << "a step limit below the loss must trip";
  DatasetSpec ds;
  ds.kind = DatasetKind::Circle;
  ds.count = 200;
  const DataSplit split = splitDataset(makeDataset(ds), 0.3, 1);
  OptimizerSpec os;
  os.kind = OptimizerKind::Sgd;
  os.lr = 10.0;
  Trainer wild(MlpSpec::make(2, {16, 16}, 1, Activation::Tanh), os, split.train, split.validation, TrainerSpec{});
  wild.runEpochs(20);
  EXPECT_TRUE(wild.blownUp(100.0, 3.0 * std::log(2.0)));
}

}  // namespace
