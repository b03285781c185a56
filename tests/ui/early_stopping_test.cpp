// The early-stopping lesson around its model (the model's numbers are tested in
// tests/lessons/early_stopping_model_test.cpp): a scene's pretrain epochs are trained on load, Reset starts a fresh
// run with the current settings, and a run that diverges stops playing.
#include <gtest/gtest.h>

#include "lessons/early_stopping.h"

namespace nr::app {
namespace {

void load(EarlyStoppingLesson& l, const nlohmann::json& j) {
  std::vector<std::string> w, e;
  l.setParams(j, w, e);
  ASSERT_TRUE(e.empty()) << e[0];
  ASSERT_TRUE(w.empty()) << w[0];
}

TEST(EarlyStoppingLesson, ASceneOpensAtItsPretrainEpochAndResetStartsAgain) {
  EarlyStoppingLesson l;
  load(l, {{"pretrain", 150}, {"patience", 7}});
  EXPECT_EQ(int(l.model().validationCurve().size()), 150);
  EXPECT_EQ(l.model().trainer().epoch(), 150);
  l.reset();
  EXPECT_EQ(l.model().trainer().epoch(), kWarmEpochs);
  EXPECT_EQ(l.model().params().patience, 7);
}

TEST(EarlyStoppingLesson, ADivergingRunStopsPlaying) {
  EarlyStoppingLesson l;
  load(l, {{"lr", 10.0}});
  l.setPlaying(true);
  for (int frame = 0; frame < 600 && l.playing(); ++frame) l.update(1.0 / 60);
  EXPECT_TRUE(l.model().diverged());
  EXPECT_FALSE(l.playing());
}

}  // namespace
}  // namespace nr::app
