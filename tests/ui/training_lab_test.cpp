// training-lab through its view, without a renderer (its model: tests/lessons/training_lab_model_test.cpp).
#include <gtest/gtest.h>

#include <array>
#include <cmath>

#include "lessons/training_lab.h"

namespace nr::app {
namespace {

TEST(TrainingLabLesson, ADivergedRunStopsPlayAndTraining) {
  // The model's learning and divergence check: tests/lessons/training_lab_model_test.cpp. Here: Play stops.
  TrainingLabLesson l;
  std::vector<std::string> w, e;
  l.setParams({{"optimizer", "sgd"}, {"lr", 10.0}, {"width", 16}, {"activation", "tanh"}}, w, e);
  ASSERT_TRUE(e.empty()) << e[0];
  for (int i = 0; i < 50 && !l.model().diverged(); ++i) l.train(50);
  ASSERT_TRUE(l.model().diverged());
  const int64_t steps = l.model().trainer().stepCount();
  l.setPlaying(true);
  l.update(1.0 / 60);
  EXPECT_FALSE(l.playing());
  EXPECT_EQ(l.model().trainer().stepCount(), steps) << "a diverged run does not keep training";
}

}  // namespace
}  // namespace nr::app
