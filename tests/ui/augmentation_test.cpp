// The augmentation lesson's numbers: its grid is drawn with the seeded generator (same seed, same grid; each row's
// draws independent of the other rows' strengths), every cell against the core operation it shows, mixed labels,
// and the two runs (same start, the augmented one generalizing better; divergence reported, not plotted).
#include "lessons/augmentation.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "nr/augment.h"

namespace nr::app {
namespace {

using Op = AugmentationLesson::Op;
constexpr int kCols = AugmentationLesson::kDraws + 1;

std::vector<std::vector<float>> grid(const AugmentationLesson& l) {
  std::vector<std::vector<float>> g;
  for (int r = 0; r < AugmentationLesson::kOps; ++r)
    for (int c = 0; c < kCols; ++c) g.push_back(l.cell(r, c).pixels);
  return g;
}

TEST(AugmentationLesson, SameSeedSameGridOtherSeedOtherGrid) {
  AugmentationLesson a, b;
  std::vector<std::string> w, e;
  a.setParams({{"seed", 5}}, w, e);
  b.setParams({{"seed", 5}}, w, e);
  ASSERT_TRUE(e.empty());
  EXPECT_EQ(grid(a), grid(b));
  b.setParams({{"seed", 6}}, w, e);
  EXPECT_NE(grid(a), grid(b));
  // Back to the same seed after a detour: the same picture again.
  b.setParams({{"seed", 5}}, w, e);
  EXPECT_EQ(grid(a), grid(b));
  // A row's draws do not depend on the other rows' strengths.
  b.setParams({{"rotation", 40.0}}, w, e);
  for (int r = 0; r < AugmentationLesson::kOps; ++r)
    for (int c = 0; c < kCols; ++c)
      if (r == Op::Rotation && c > 0) {
        EXPECT_NE(a.cell(r, c).pixels, b.cell(r, c).pixels) << c;
      } else {
        EXPECT_EQ(a.cell(r, c).pixels, b.cell(r, c).pixels) << r << "," << c;
      }
}

TEST(AugmentationLesson, ZeroStrengthDrawsAreTheOriginal) {
  AugmentationLesson l;
  std::vector<std::string> w, e;
  l.setParams({{"rotation", 0.0}, {"shift", 0}, {"noise", 0.0}, {"brightness", 0.0}, {"contrast", 0.0}, {"cutout", 0},
               {"sample", 3}},
              w, e);
  ASSERT_TRUE(e.empty());
  const float* img = l.trainImages().data.row(3);
  const std::vector<float> original(img, img + 144);
  for (int r : {Op::Rotation, Op::Shift, Op::Noise, Op::BrightnessContrast, Op::Cutout})
    for (int c = 0; c < kCols; ++c) EXPECT_EQ(l.cell(r, c).pixels, original) << r << "," << c;
}

TEST(AugmentationLesson, CellsAreTheCoreOperations) {
  AugmentationLesson l;
  std::vector<std::string> w, e;
  l.setParams({{"sample", 2}, {"cutout", 5}, {"brightness", 0.3}, {"contrast", 0.5}}, w, e);
  const core::ImageSet& set = l.trainImages();
  const float* a = set.data.row(2);
  for (int c = 1; c < kCols; ++c) {
    // Flip: either the original or its mirror image.
    std::vector<float> mirror(144);
    core::flipHorizontal(a, mirror.data(), 12, 12);
    const auto& f = l.cell(Op::Flip, c).pixels;
    EXPECT_TRUE(f == mirror || f == std::vector<float>(a, a + 144)) << c;
    // Cutout: zeroes at most a 5×5 square and leaves every other pixel as it was.
    const auto& k = l.cell(Op::Cutout, c).pixels;
    int changed = 0;
    for (int p = 0; p < 144; ++p) {
      if (k[p] != a[p]) {
        EXPECT_EQ(k[p], 0.0f);
        ++changed;
      }
    }
    EXPECT_LE(changed, 25);
    // Brightness/contrast keeps the order of pixel values (an increasing affine map, then a clamp).
    const auto& bc = l.cell(Op::BrightnessContrast, c).pixels;
    for (int p = 1; p < 144; ++p) {
      if (a[p] > a[p - 1]) {
        EXPECT_GE(bc[p], bc[p - 1]);
      }
    }
    // Mixup: λ·A + (1 − λ)·B with the partner and λ the cell reports, λ in [0, 1], B not A itself.
    const AugmentationLesson::Cell& m = l.cell(Op::Mixup, c);
    ASSERT_GE(m.partner, 0);
    EXPECT_NE(m.partner, 2);
    EXPECT_GE(m.lambda, 0.0);
    EXPECT_LE(m.lambda, 1.0);
    const float* b = set.data.row(m.partner);
    for (int p = 0; p < 144; ++p) EXPECT_NEAR(m.pixels[p], m.lambda * a[p] + (1 - m.lambda) * b[p], 1e-6);
    // CutMix: pixels inside the (clipped) box come from B, the rest from A, and λ is the share kept from A.
    const AugmentationLesson::Cell& x = l.cell(Op::CutMix, c);
    const float* bx = set.data.row(x.partner);
    int inside = 0;
    for (int y = 0; y < 12; ++y)
      for (int xx = 0; xx < 12; ++xx) {
        const bool in = xx >= x.box.x0 && xx < x.box.x0 + x.box.bw && y >= x.box.y0 && y < x.box.y0 + x.box.bh;
        EXPECT_EQ(x.pixels[y * 12 + xx], in ? bx[y * 12 + xx] : a[y * 12 + xx]);
        inside += in;
      }
    EXPECT_DOUBLE_EQ(x.lambda, 1.0 - inside / 144.0);
  }
}

TEST(AugmentationLesson, BothRunsStartAlikeAndAugmentationNarrowsTheGap) {
  AugmentationLesson l;
  std::vector<std::string> w, e;
  l.setParams({{"pretrain", 150}}, w, e);
  ASSERT_TRUE(e.empty());
  ASSERT_FALSE(l.diverged());
  ASSERT_EQ(l.run(0).epochs().size(), 150u);
  ASSERT_EQ(l.run(1).epochs().size(), 150u);
  EXPECT_EQ(l.run(0).stepCount(), l.run(1).stepCount()) << "lock step";
  const core::EpochRecord& plain = l.run(0).epochs().back();
  const core::EpochRecord& aug = l.run(1).epochs().back();
  // Without augmentation the eight images per class are learnt by heart; with it the training loss stays up
  // and the validation loss is lower: the gap closes.
  EXPECT_EQ(plain.trainAccuracy, 1.0);
  EXPECT_LT(plain.train.data, 0.05);
  EXPECT_GT(plain.validation.data - plain.train.data, 3 * (aug.validation.data - aug.train.data));
  EXPECT_LT(aug.validation.data, plain.validation.data);
  // (Validation accuracy at 150 epochs is within two of 240 images for the default set, and which run is ahead
  // depends on the compiler's rounding: gcc and clang disagree. The loss gap above is the robust sign.)
  // With every augmentation off, the two runs are the same run.
  l.setParams({{"use_flip", false}, {"use_rotation", false}, {"use_shift", false}, {"use_noise", false},
               {"use_brightness_contrast", false}, {"use_cutout", false}, {"pretrain", 5}},
              w, e);
  EXPECT_EQ(l.run(0).epochs().back().validation.data, l.run(1).epochs().back().validation.data);
}

TEST(AugmentationLesson, MixupTrainsOnSoftLabels) {
  AugmentationLesson l;
  std::vector<std::string> w, e;
  l.setParams({{"use_mixup", true}, {"use_cutmix", true}, {"pretrain", 20}}, w, e);
  ASSERT_TRUE(e.empty());
  EXPECT_FALSE(l.diverged());
  EXPECT_TRUE(std::isfinite(l.run(1).epochs().back().validation.data));
}

TEST(AugmentationLesson, LearningRateTenIsReportedAsDiverged) {
  AugmentationLesson l;
  std::vector<std::string> w, e;
  l.setParams({{"lr", 10.0}}, w, e);
  l.trainEpochs(100);
  EXPECT_TRUE(l.diverged());
  const int64_t steps = l.run(0).stepCount();
  l.trainEpochs(5);
  l.update(0.016);
  EXPECT_EQ(l.run(0).stepCount(), steps) << "a diverged run does not keep training";
  EXPECT_FALSE(l.playing());
  l.reset();  // a fresh run with the same settings: at most its warm epochs
  EXPECT_LE(l.run(0).epochs().size(), static_cast<size_t>(kWarmEpochs));
}

TEST(AugmentationLesson, PlayAdvancesBothRunsInLockStepAndResetKeepsTheSettings) {
  AugmentationLesson l;
  std::vector<std::string> w, e;
  l.setParams({{"use_noise", false}, {"shift", 3}}, w, e);
  l.setPlaying(true);
  for (int f = 0; f < 5; ++f) l.update(1.0 / 60);
  EXPECT_GT(l.run(0).stepCount(), 0);
  EXPECT_EQ(l.run(0).stepCount(), l.run(1).stepCount());
  l.reset();
  EXPECT_FALSE(l.playing());
  // A fresh run: only the warm epochs every (re)build trains, so the plots are never empty.
  EXPECT_EQ(l.run(0).epochs().size(), static_cast<size_t>(kWarmEpochs));
  EXPECT_EQ(l.run(1).epochs().size(), static_cast<size_t>(kWarmEpochs));
  EXPECT_EQ(l.current().shift, 3);
  EXPECT_FALSE(l.current().use[Op::Noise]);
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
  EXPECT_EQ(m.current().shift, 3);
}

}  // namespace
}  // namespace nr::app
