// The augmentation lesson as a student drives it: a diverging learning rate is reported and stops playing, Play
// advances both runs in lock step, Reset keeps the settings, and scenes round-trip. The model's numbers are checked
// in tests/lessons/augmentation_model_test.cpp.
#include "lessons/augmentation.h"

#include <gtest/gtest.h>

#include <vector>

namespace nr::app {
namespace {

using Op = AugmentationModel::Op;
constexpr int kCols = AugmentationModel::kDraws + 1;

std::vector<std::vector<float>> grid(const AugmentationLesson& l) {
  std::vector<std::vector<float>> g;
  for (int r = 0; r < AugmentationModel::kOps; ++r)
    for (int c = 0; c < kCols; ++c) g.push_back(l.model().cell(r, c).pixels);
  return g;
}

TEST(AugmentationLesson, LearningRateTenIsReportedAsDiverged) {
  AugmentationLesson l;
  std::vector<std::string> w, e;
  l.setParams({{"lr", 10.0}}, w, e);
  l.trainEpochs(100);
  EXPECT_TRUE(l.model().diverged());
  const int64_t steps = l.model().run(0).stepCount();
  l.trainEpochs(5);
  l.update(0.016);
  EXPECT_EQ(l.model().run(0).stepCount(), steps) << "a diverged run does not keep training";
  EXPECT_FALSE(l.playing());
  l.reset();  // a fresh run with the same settings: at most its warm epochs
  EXPECT_LE(l.model().run(0).epochs().size(), static_cast<size_t>(kWarmEpochs));
}

TEST(AugmentationLesson, PlayAdvancesBothRunsInLockStepAndResetKeepsTheSettings) {
  AugmentationLesson l;
  std::vector<std::string> w, e;
  l.setParams({{"use_noise", false}, {"shift", 3}}, w, e);
  l.setPlaying(true);
  for (int f = 0; f < 5; ++f) l.update(1.0 / 60);
  EXPECT_GT(l.model().run(0).stepCount(), 0);
  EXPECT_EQ(l.model().run(0).stepCount(), l.model().run(1).stepCount());
  l.reset();
  EXPECT_FALSE(l.playing());
  // A fresh run: only the warm epochs every (re)build trains, so the plots are never empty.
  EXPECT_EQ(l.model().run(0).epochs().size(), static_cast<size_t>(kWarmEpochs));
  EXPECT_EQ(l.model().run(1).epochs().size(), static_cast<size_t>(kWarmEpochs));
  EXPECT_EQ(l.model().params().shift, 3);
  EXPECT_FALSE(l.model().params().uses(Op::Noise));
}

TEST(AugmentationLesson, ScenesRoundTrip) {
  AugmentationLesson l;
  std::vector<std::string> w, e;
  l.setParams({{"use_mixup", true}, {"mixup_alpha", 0.2}, {"shift", 3}, {"seed", 9}, {"sample", 5}}, w, e);
  const nlohmann::json saved = l.params();
  AugmentationLesson m;
  m.setParams(saved, w, e);
  EXPECT_TRUE(e.empty());
  EXPECT_EQ(m.params(), saved);
  EXPECT_EQ(grid(m), grid(l));
  m.setParams({{"shift", 9}}, w, e);
  EXPECT_FALSE(e.empty()) << "out of range";
  EXPECT_EQ(m.model().params().shift, 3);
}

}  // namespace
}  // namespace nr::app
