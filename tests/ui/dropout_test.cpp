// The dropout lesson around its model (the model's numbers are tested in tests/lessons/dropout_model_test.cpp): a
// scene's pretrain epochs are trained on load, Reset starts a fresh run with the current settings, and a run that
// diverges stops playing.
#include <gtest/gtest.h>

#include "lessons/dropout.h"

namespace nr::app {
namespace {

void load(DropoutLesson& l, const nlohmann::json& j) {
  std::vector<std::string> w, e;
  l.setParams(j, w, e);
  ASSERT_TRUE(e.empty()) << e[0];
  ASSERT_TRUE(w.empty()) << w[0];
}

TEST(DropoutLesson, ASceneOpensAtItsPretrainEpoch) {
  DropoutLesson l;
  load(l, {{"pretrain", 37}, {"points", 20}});
  EXPECT_EQ(l.model().run(0).epoch(), 37);
  EXPECT_EQ(l.model().run(1).epoch(), 37);
  EXPECT_EQ(l.model().run(0).stepCount(), 37 * 3) << "20 points in batches of 8: 3 steps an epoch";
}

TEST(DropoutLesson, ResetStartsAFreshRunWithTheCurrentSettings) {
  DropoutLesson l;
  load(l, {{"keep", 0.3}, {"width", 8}, {"pretrain", 10}});
  ASSERT_GT(l.model().run(0).stepCount(), 0);
  l.reset();  // a fresh run: only the warm epochs every (re)build trains
  EXPECT_EQ(l.model().run(0).epoch(), kWarmEpochs);
  EXPECT_EQ(l.model().run(1).epoch(), kWarmEpochs);
  EXPECT_FLOAT_EQ(l.model().params().keep, 0.3f);
  EXPECT_EQ(l.model().params().width, 8);
}

TEST(DropoutLesson, ADivergingRunStopsPlaying) {
  DropoutLesson l;
  load(l, {{"lr", 10.0}});
  l.setPlaying(true);
  for (int frame = 0; frame < 600 && l.playing(); ++frame) l.update(1.0 / 60);
  EXPECT_TRUE(l.model().diverged());
  EXPECT_FALSE(l.playing());
}

}  // namespace
}  // namespace nr::app
