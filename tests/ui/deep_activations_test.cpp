// The deep-activations lesson around its model (tests/lessons/deep_activations_model_test.cpp checks the numbers):
// a scene's pretrain trains the model, a scene round-trips, and a blown-up run stops playing.
#include <gtest/gtest.h>

#include "lessons/deep_activations.h"

namespace nr::app {
namespace {

TEST(DeepActivationsLesson, ScenesPretrainTheModelAndRoundTrip) {
  DeepActivationsLesson l;
  std::vector<std::string> w, e;
  l.setParams({{"activation", "tanh"}, {"norm", "layer"}, {"depth", 4}, {"pretrain", 3}, {"speed", "max"}}, w, e);
  ASSERT_TRUE(e.empty()) << e[0];
  EXPECT_EQ(l.model().trainer().stepCount(), 3 * l.model().stepsPerEpoch());
  EXPECT_EQ(l.model().layerStats().size(), 4u);
  const nlohmann::json saved = l.params();
  EXPECT_EQ(saved["speed"], "max");
  l.reset();
  EXPECT_NE(l.params(), saved);
  l.setParams(saved, w, e);
  EXPECT_TRUE(e.empty() && w.empty());
  EXPECT_EQ(l.params(), saved);
}

TEST(DeepActivationsLesson, DivergenceIsReportedAndStopsPlaying) {
  DeepActivationsLesson l;
  std::vector<std::string> w, e;
  l.setParams({{"activation", "relu"}, {"init_scale", 4.0}, {"lr", 10.0}}, w, e);
  l.setPlaying(true);
  for (int i = 0; i < 20 && !l.model().diverged(); ++i) l.train(20);
  EXPECT_TRUE(l.model().diverged());
  EXPECT_FALSE(l.playing());
  const int64_t steps = l.model().trainer().stepCount();
  l.train(10);
  l.update(0.1);
  EXPECT_EQ(l.model().trainer().stepCount(), steps);
}

}  // namespace
}  // namespace nr::app
