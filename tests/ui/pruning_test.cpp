// The pruning lesson as a scene sees it: pretrain and finetune open the lesson trained (and fine-tuned), a
// diverging scene is reported and stops, and the parameters round-trip. Its numbers are checked against independent
// computations in tests/lessons/pruning_model_test.cpp.
#include <gtest/gtest.h>

#include "lessons/pruning.h"

namespace nr::app {
namespace {

void load(PruningLesson& l, const nlohmann::json& j) {
  std::vector<std::string> w, e;
  l.setParams(j, w, e);
  EXPECT_TRUE(e.empty()) << (e.empty() ? "" : e[0]);
  EXPECT_TRUE(w.empty()) << (w.empty() ? "" : w[0]);
}

TEST(PruningLesson, PretrainOpensPrunedAndFinetuneOpensFineTuned) {
  PruningLesson l;
  EXPECT_EQ(l.model().stage(), PruningModel::Stage::Training);
  load(l, {{"epochs", 30}, {"pretrain", true}, {"sparsity", 0.5}});
  EXPECT_EQ(l.model().stage(), PruningModel::Stage::Pruned);
  EXPECT_EQ(l.model().trainingEpoch(), 30);
  EXPECT_NEAR(l.model().report().sparsity(), 0.5, 0.01);
  load(l, {{"epochs", 30}, {"finetune", true}, {"finetune_epochs", 7}});
  EXPECT_EQ(l.model().stage(), PruningModel::Stage::FineTuned);
  EXPECT_EQ(l.model().fineTuneEpoch(), 7);
  EXPECT_GE(l.model().tunedAccuracy(), 0.0);
}

TEST(PruningLesson, DivergingSceneIsReportedAndNotPlaying) {
  PruningLesson l;
  l.setPlaying(true);
  load(l, {{"lr", 10.0}, {"epochs", 60}, {"pretrain", true}});
  EXPECT_TRUE(l.model().diverged());
  EXPECT_FALSE(l.playing());
  l.setPlaying(true);
  l.update(0.016);
  EXPECT_FALSE(l.playing()) << "a diverged run does not play";
}

TEST(PruningLesson, ParamsRoundTripThroughAScene) {
  PruningLesson a, b;
  load(a, {{"dataset", "xor"}, {"scope", "per_layer"}, {"width", 12}, {"lr", 0.003}, {"sparsity", 0.25},
           {"log_histogram", false}, {"seed", 42}, {"speed", "max"}});
  load(b, a.params());
  EXPECT_EQ(a.params(), b.params());
  EXPECT_EQ(b.params()["dataset"], "xor");
  EXPECT_EQ(b.params()["scope"], "per_layer");
  EXPECT_EQ(b.params()["speed"], "max");
  EXPECT_EQ(b.model().params().width, 12);
}

}  // namespace
}  // namespace nr::app
