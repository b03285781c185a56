// augmentation's try-this steps, over whole runs (Play stops at the lesson's 600 epochs, a minute at its pace):
// without augmentation the training loss goes to 0 and the validation loss turns up, with the preset's
// augmentations the two stay close and the validation accuracy ends higher; noise alone leaves the gap open and
// shift closes it; rotation 90° with noise 0.4 underfits (and each of the two alone already keeps the loss up).
#include <algorithm>
#include <cmath>
#include <vector>

#include "claims/claims.h"
#include "lessons/augmentation.h"

namespace nr::app {
namespace {

using Op = AugmentationModel::Op;

double gap(const core::EpochRecord& e) { return e.validation.data - e.train.data; }

/// Every operation off except those listed (then Restart, as the step says).
nlohmann::json onlyOps(std::initializer_list<const char*> keep) {
  nlohmann::json j;
  for (const char* k : {"use_flip", "use_rotation", "use_shift", "use_noise", "use_brightness_contrast", "use_cutout",
                        "use_mixup", "use_cutmix"})
    j[k] = false;
  for (const char* k : keep) j[k] = true;
  return j;
}

void playTo(AugmentationLesson& l, int epochs) {
  l.trainEpochs(epochs - l.model().run(0).epoch());
  ASSERT_FALSE(l.model().diverged());
  ASSERT_EQ(l.model().run(0).epoch(), epochs);
}

TEST(AugmentationTry, Step1_WithoutAugmentationOverfitsWithItCurvesStayCloseAndAccuracyEndsHigher) {
  AugmentationLesson l;
  claims::load(l, nlohmann::json::object());
  playTo(l, AugmentationModel::kMaxEpochs);
  const auto& plain = l.model().run(0).epochs();
  const auto& aug = l.model().run(1).epochs();
  // Without: the training loss heads for 0, the validation loss has its minimum early and then climbs.
  EXPECT_LT(plain.back().train.data, 0.01);
  int best = 0;
  for (size_t e = 0; e < plain.size(); ++e)
    if (plain[e].validation.data < plain[best].validation.data) best = int(e);
  EXPECT_LT(best, AugmentationModel::kMaxEpochs / 4);
  EXPECT_GT(plain.back().validation.data, 1.3 * plain[best].validation.data);
  // With: training and validation loss close all along (from 5 s in), far closer than the run without.
  double widest = 0;
  for (size_t e = 50; e < aug.size(); ++e) widest = std::max(widest, std::fabs(gap(aug[e])));
  EXPECT_LT(widest, 0.25);
  EXPECT_LT(widest, gap(plain.back()) / 3);
  // And the validation accuracy ends higher: by at least 5 % of the 240 validation images.
  EXPECT_GT(aug.back().validationAccuracy, plain.back().validationAccuracy + 0.05)
      << aug.back().validationAccuracy << " vs " << plain.back().validationAccuracy;
}

TEST(AugmentationTry, Step2_NoiseAloneLeavesTheGapShiftClosesIt) {
  AugmentationLesson l;
  // Noise only (and Restart): the augmented run's gap stays as wide as the plain run's.
  claims::load(l, onlyOps({"use_noise"}));
  l.reset();
  playTo(l, 300);  // 30 s of Play
  const double plainGap = gap(l.model().run(0).epochs().back());
  EXPECT_GT(plainGap, 0.3);
  EXPECT_GT(gap(l.model().run(1).epochs().back()), 0.8 * plainGap);
  EXPECT_LT(l.model().run(1).epochs().back().validationAccuracy, l.model().run(0).epochs().back().validationAccuracy + 0.03)
      << "no better on the validation images";
  // Shift checked again, Restart: the gap closes.
  claims::load(l, onlyOps({"use_noise", "use_shift"}));
  l.reset();
  playTo(l, 300);
  EXPECT_EQ(gap(l.model().run(0).epochs().back()), plainGap) << "the run without augmentation is the same run";
  EXPECT_LT(std::fabs(gap(l.model().run(1).epochs().back())), 0.25 * plainGap);
}

TEST(AugmentationTry, Step3_Rotation90AndNoise04Underfit) {
  AugmentationLesson l;
  for (Lang lang : {"en", "zh"})
    for (const char* n : {"90°", "0.4"}) claims::expectStepSays(l, 3, lang, n);
  claims::load(l, {{"rotation", 90.0}, {"noise", 0.4}});
  ASSERT_TRUE(l.model().params().uses(Op::Cutout)) << "the preset's cutout is on";
  playTo(l, AugmentationModel::kMaxEpochs);
  const auto& aug = l.model().run(1).epochs();
  const auto& plain = l.model().run(0).epochs();
  // Its training loss (on the training images themselves) stays high all run, where the plain run's reaches ~0.
  double lowest = aug[0].train.data;
  for (const core::EpochRecord& e : aug) lowest = std::min(lowest, e.train.data);
  EXPECT_GT(lowest, 0.4);
  EXPECT_LT(aug.back().trainAccuracy, 0.9);
  EXPECT_EQ(plain.back().trainAccuracy, 1.0);
  // Too strong: it now does worse on the validation images than no augmentation at all.
  EXPECT_LT(aug.back().validationAccuracy, plain.back().validationAccuracy);
  // Each of the two alone already keeps the training loss up (30 s of Play each).
  for (const nlohmann::json& one :
       {nlohmann::json{{"rotation", 90.0}, {"noise", 0.05}}, nlohmann::json{{"rotation", 15.0}, {"noise", 0.4}}}) {
    SCOPED_TRACE(one.dump());
    claims::load(l, one);
    playTo(l, 300);
    EXPECT_GT(l.model().run(1).epochs().back().train.data, 0.3);
    EXPECT_LT(l.model().run(1).epochs().back().trainAccuracy, 0.9);
  }
}

}  // namespace
}  // namespace nr::app
