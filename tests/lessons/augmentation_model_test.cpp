// The augmentation lesson's model: its grid is drawn with the seeded generator (same seed, same grid; each row's
// draws independent of the other rows' strengths), every cell against the core operation it shows, mixed labels,
// the checkboxes against the augmented run's spec, and the two runs (same start, lock step, the augmented one
// generalizing better; the curves are the trainers' epoch records).
#include "lessons/augmentation_model.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "nr/augment.h"

namespace nr::app {
namespace {

using Op = AugmentationModel::Op;
using Params = AugmentationModel::Params;
constexpr int kCols = AugmentationModel::kDraws + 1;

std::vector<std::vector<float>> grid(const AugmentationModel& l) {
  std::vector<std::vector<float>> g;
  for (int r = 0; r < AugmentationModel::kOps; ++r)
    for (int c = 0; c < kCols; ++c) g.push_back(l.cell(r, c).pixels);
  return g;
}

Params seeded(int seed) {
  Params p;
  p.seed = seed;
  return p;
}

TEST(AugmentationModel, SameSeedSameGridOtherSeedOtherGrid) {
  AugmentationModel a(seeded(5)), b(seeded(5));
  EXPECT_EQ(grid(a), grid(b));
  b.rebuild(seeded(6));
  EXPECT_NE(grid(a), grid(b));
  // Back to the same seed after a detour: the same picture again.
  b.rebuild(seeded(5));
  EXPECT_EQ(grid(a), grid(b));
  // A row's draws do not depend on the other rows' strengths (the slider's path: no rebuild).
  Params p = b.params();
  p.rotation = 40.0;
  const int version = b.gridVersion();
  b.apply(p, true, true);
  EXPECT_EQ(b.gridVersion(), version + 1);
  for (int r = 0; r < AugmentationModel::kOps; ++r)
    for (int c = 0; c < kCols; ++c)
      if (r == Op::Rotation && c > 0) {
        EXPECT_NE(a.cell(r, c).pixels, b.cell(r, c).pixels) << c;
      } else {
        EXPECT_EQ(a.cell(r, c).pixels, b.cell(r, c).pixels) << r << "," << c;
      }
}

TEST(AugmentationModel, ZeroStrengthDrawsAreTheOriginal) {
  Params p;
  p.rotation = 0, p.shift = 0, p.noise = 0, p.brightness = 0, p.contrast = 0, p.cutout = 0, p.sample = 3;
  AugmentationModel l(p);
  const float* img = l.trainImages().data.row(3);
  const std::vector<float> original(img, img + 144);
  for (int r : {Op::Rotation, Op::Shift, Op::Noise, Op::BrightnessContrast, Op::Cutout})
    for (int c = 0; c < kCols; ++c) EXPECT_EQ(l.cell(r, c).pixels, original) << r << "," << c;
}

TEST(AugmentationModel, CellsAreTheCoreOperations) {
  Params p;
  p.sample = 2, p.cutout = 5, p.brightness = 0.3, p.contrast = 0.5;
  AugmentationModel l(p);
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
    const AugmentationModel::Cell& m = l.cell(Op::Mixup, c);
    ASSERT_GE(m.partner, 0);
    EXPECT_NE(m.partner, 2);
    EXPECT_GE(m.lambda, 0.0);
    EXPECT_LE(m.lambda, 1.0);
    const float* b = set.data.row(m.partner);
    for (int p = 0; p < 144; ++p) EXPECT_NEAR(m.pixels[p], m.lambda * a[p] + (1 - m.lambda) * b[p], 1e-6);
    // CutMix: pixels inside the (clipped) box come from B, the rest from A, and λ is the share kept from A.
    const AugmentationModel::Cell& x = l.cell(Op::CutMix, c);
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

TEST(AugmentationModel, BothRunsStartAlikeAndAugmentationNarrowsTheGap) {
  AugmentationModel l;
  l.trainEpochs(150);
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
  Params off;
  off.useFlip = off.useRotation = off.useShift = off.useNoise = off.useBrightnessContrast = off.useCutout = false;
  l.rebuild(off);
  l.trainEpochs(5);
  EXPECT_EQ(l.run(0).epochs().back().validation.data, l.run(1).epochs().back().validation.data);
}

TEST(AugmentationModel, MixupTrainsOnSoftLabels) {
  Params p;
  p.useMixup = p.useCutmix = true;
  AugmentationModel l(p);
  l.trainEpochs(20);
  EXPECT_FALSE(l.diverged());
  EXPECT_TRUE(std::isfinite(l.run(1).epochs().back().validation.data));
}

TEST(AugmentationModel, EachCheckboxSwitchesItsOwnOperationInTheSpec) {
  Params p;
  for (int op = 0; op < AugmentationModel::kOps; ++op) p.setUse(op, false);
  const AugmentationModel none(p);
  const core::AugmentSpec s0 = none.spec();
  EXPECT_FALSE(s0.flip);
  EXPECT_EQ(s0.maxRotation, 0.0);
  EXPECT_EQ(s0.maxShift, 0);
  EXPECT_EQ(s0.noise, 0.0);
  EXPECT_EQ(s0.brightness, 0.0);
  EXPECT_EQ(s0.contrast, 0.0);
  EXPECT_EQ(s0.cutout, 0);
  for (int op = 0; op < AugmentationModel::kOps; ++op) {
    SCOPED_TRACE(op);
    Params q = p;
    q.setUse(op, true);
    for (int other = 0; other < AugmentationModel::kOps; ++other) EXPECT_EQ(q.uses(other), other == op);
    AugmentationModel m(q);
    const core::AugmentSpec s = m.spec();
    EXPECT_EQ(s.flip, op == Op::Flip);
    EXPECT_EQ(s.maxRotation, op == Op::Rotation ? q.rotation : 0.0);
    EXPECT_EQ(s.maxShift, op == Op::Shift ? q.shift : 0);
    EXPECT_EQ(s.noise, op == Op::Noise ? q.noise : 0.0);
    EXPECT_EQ(s.brightness, op == Op::BrightnessContrast ? q.brightness : 0.0);
    EXPECT_EQ(s.contrast, op == Op::BrightnessContrast ? q.contrast : 0.0);
    EXPECT_EQ(s.cutout, op == Op::Cutout ? q.cutout : 0);
    // Only an augmentation in use makes the second run differ from the first.
    m.trainEpochs(1);
    EXPECT_NE(m.run(0).epochs().back().train.data, m.run(1).epochs().back().train.data);
  }
  AugmentationModel same(p);
  same.trainEpochs(1);
  EXPECT_EQ(same.run(0).epochs().back().train.data, same.run(1).epochs().back().train.data);
}

TEST(AugmentationModel, AdvanceKeepsLockStepAndTheCurvesAreTheEpochRecords) {
  AugmentationModel l;
  l.advance(3 * l.stepsPerEpoch() + 1, 1e30);
  EXPECT_EQ(l.run(0).stepCount(), 3 * l.stepsPerEpoch() + 1);
  EXPECT_EQ(l.run(1).stepCount(), l.run(0).stepCount());
  EXPECT_EQ(l.stepsPerEpoch(), (4 * l.params().perClass + AugmentationModel::kBatch - 1) / AugmentationModel::kBatch);
  l.collectCurves();
  for (int i = 0; i < 2; ++i) {
    const auto& records = l.run(i).epochs();
    ASSERT_EQ(l.epochs(i).size(), records.size());
    ASSERT_EQ(records.size(), 3u);
    for (size_t e = 0; e < records.size(); ++e) {
      EXPECT_EQ(l.epochs(i)[e], records[e].epoch);
      EXPECT_EQ(l.trainLoss(i)[e], records[e].train.data);
      EXPECT_EQ(l.validationLoss(i)[e], records[e].validation.data);
      EXPECT_EQ(l.trainAccuracy(i)[e], records[e].trainAccuracy);
      EXPECT_EQ(l.validationAccuracy(i)[e], records[e].validationAccuracy);
    }
  }
  EXPECT_EQ(l.validationImages().data.size(), 4 * AugmentationModel::kValidationPerClass);
}

}  // namespace
}  // namespace nr::app
