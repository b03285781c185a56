// augmentation — every augmentation drawn at its strength on one small image, and one small network trained
// twice in lock step on a few images: as they are, and augmented. The teaching choice: both runs on one plot, the
// training loss dashed and the validation loss solid in the run's colour, so the gap that augmentation closes is
// read off directly (and printed below). Training advances within a few milliseconds per frame.
//
// [SECTION] Playing
// [SECTION] Parameters
// [SECTION] Controls
// (The numbers: augmentation_model.cpp; the canvas and formula: augmentation_canvas.cpp)

#include "lessons/augmentation.h"

#include <imgui.h>

#include <algorithm>

#include "gfx/texture.h"
#include "lessons/controls.h"
#include "kit/text.h"

namespace nr::app {

// [SECTION] Playing

namespace {

constexpr double kBudgetSeconds = 0.002;  // training time per frame for both runs together

}  // namespace

AugmentationLesson::AugmentationLesson() { rebuild(Params{}); }
AugmentationLesson::~AugmentationLesson() = default;

void AugmentationLesson::rebuild(const Params& p) {
  m_model.rebuild(p);
  m_pace.restart();
  // The lesson opens (and restarts) with its first epochs drawn, so a projector never shows empty plots.
  trainEpochs(kWarmEpochs);
}

void AugmentationLesson::trainEpochs(int epochs) {
  m_model.trainEpochs(epochs);
  if (m_model.diverged()) setPlaying(false);
}

void AugmentationLesson::update(double dt) {
  if (m_model.diverged() || m_model.run(0).epoch() >= AugmentationModel::kMaxEpochs) {
    setPlaying(false);
    return;
  }
  // At the chosen pace, and at most a few milliseconds of training per frame.
  m_model.advance(m_pace.steps(dt, m_model.stepsPerEpoch()), kBudgetSeconds);
  if (m_model.diverged()) setPlaying(false);
}

void AugmentationLesson::reset() {
  // As in the training-lab: Reset starts both runs again with the current settings (the "Check shift again and
  // Reset" experiment), rather than throwing the chosen augmentations away.
  setPlaying(false);
  rebuild(m_model.params());
}

// [SECTION] Parameters

const ParamTable<AugmentationLesson::Params>& AugmentationLesson::table() {
  using P = Params;
  // The sample's slider ends at the last training image (the count depends on per_class): drawn by the lesson.
  static const auto t = ParamTable<P>()
      .boolean("use_flip", &P::useFlip).label("augmentation.op0").tip("augmentation.flip.tip")
      .boolean("use_rotation", &P::useRotation).label("augmentation.op1").tip("augmentation.use.tip")
      .boolean("use_shift", &P::useShift).label("augmentation.op2").tip("augmentation.use.tip")
      .boolean("use_noise", &P::useNoise).label("augmentation.op3").tip("augmentation.use.tip")
      .boolean("use_brightness_contrast", &P::useBrightnessContrast).label("augmentation.op4")
          .tip("augmentation.use.tip")
      .boolean("use_cutout", &P::useCutout).label("augmentation.op5").tip("augmentation.use.tip")
      .boolean("use_mixup", &P::useMixup).label("augmentation.op6").tip("augmentation.use.tip")
      .boolean("use_cutmix", &P::useCutmix).label("augmentation.op7").tip("augmentation.use.tip")
      .real("rotation", &P::rotation, 0.0, 90.0).format("%.0f").label("augmentation.rotation")
          .tip("augmentation.rotation.tip")
      .integer("shift", &P::shift, 0, 4).label("augmentation.shift").tip("augmentation.shift.tip")
      .real("noise", &P::noise, 0.0, 0.5).format("%.2f").label("augmentation.noise").tip("augmentation.noise.tip")
      .real("brightness", &P::brightness, 0.0, 0.5).format("%.2f").label("augmentation.brightness")
          .tip("augmentation.brightness.tip")
      .real("contrast", &P::contrast, 0.0, 0.9).format("%.2f").label("augmentation.contrast")
          .tip("augmentation.contrast.tip")
      .integer("cutout", &P::cutout, 0, 12).label("augmentation.cutout").tip("augmentation.cutout.tip")
      .real("mixup_alpha", &P::mixupAlpha, 0.1, 4.0).log().label("augmentation.mixup").tip("augmentation.mixup.tip")
      .real("cutmix_alpha", &P::cutmixAlpha, 0.1, 4.0).log().label("augmentation.cutmix")
          .tip("augmentation.cutmix.tip")
      .integer("per_class", &P::perClass, 2, 32).label("augmentation.perclass").tip("augmentation.perclass.tip")
      .real("lr", &P::lr, 1e-4, 10.0).log().label("augmentation.lr").tip("augmentation.lr.tip")
      .integer("sample", &P::sample, 0, 127).hidden().label("augmentation.sample").tip("augmentation.sample.tip")
      .integer("seed", &P::seed, 0, 1000000).input().label("augmentation.seed").tip("augmentation.seed.tip")
      .boolean("log_scale", &P::logScale).label("augmentation.log").tip("augmentation.log.tip")
      // Scenes only: epochs trained on load. 60 is enough to see lr = 10 diverge, and quick.
      .integer("pretrain", &P::pretrain, 0, AugmentationModel::kMaxEpochs).hidden().extremes({0, 60});
  return t;
}

nlohmann::json AugmentationLesson::params() const {
  nlohmann::json j;
  table().write(m_model.params(), j);
  m_pace.write(j);
  return j;
}

void AugmentationLesson::setParams(const nlohmann::json& j, std::vector<std::string>& warnings,
                                   std::vector<std::string>& errors) {
  Params p = m_model.params();
  ParamReader r(j, warnings, errors);
  table().read(r, p);
  double speed = m_pace.epochsPerSecond();
  r.readSpeed("speed", speed, TrainingPace::kMin, TrainingPace::kMax);
  if (!r.finish()) return;
  m_pace.set(speed);
  setPlaying(false);
  rebuild(p);
  // The warm epochs of rebuild() count towards pretrain: a scene of 150 epochs opens at epoch 150.
  if (p.pretrain > kWarmEpochs) trainEpochs(p.pretrain - kWarmEpochs);
}

void AugmentationLesson::interact(int frame) {
  // The main parameter, the rotation strength, changes while both runs train.
  Params p = m_model.params();
  p.rotation = (frame / 10) % 2 ? 30.0 : 10.0;
  m_model.apply(p, true, true);
  setPlaying(true);
}

// [SECTION] Controls

void AugmentationLesson::drawControls(LessonContext& ctx) {
  if (button(ctx.tr("augmentation.step"))) trainEpochs(1);
  if (m_model.diverged()) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.8f, 0.1f, 0.1f, 1));
    wrappedText(ctx.tr("augmentation.diverged"));
    ImGui::PopStyleColor();
    if (button(ctx.tr("augmentation.reset"))) rebuild(m_model.params());
  }
  m_p = m_model.params();
  Params& p = m_p;
  bool hook = false, grid = false;

  sectionHeader(ctx.tr("augmentation.grid"));
  const ParamSpec& sample = table().spec("sample");
  const int maxSample = m_model.trainImages().data.size() - 1;
  grid |= sliderInt(ctx, ctx.tr(sample.label), p.sample, static_cast<int>(sample.lo), maxSample);
  p.sample = std::clamp(p.sample, static_cast<int>(sample.lo), maxSample);
  tip(ctx, sample.tip);

  drawOperationControls(ctx, p, hook, grid);
  if (drawTrainingControls(ctx, p))
    rebuild(p);  // also redraws the grid
  else
    m_model.apply(p, hook, grid);
}

/// Each operation's checkbox (the augmented run's hook) and its strength (the hook and the grid).
void AugmentationLesson::drawOperationControls(LessonContext& ctx, Params& p, bool& hook, bool& grid) {
  static const char* useKeys[AugmentationModel::kOps] = {"use_flip",   "use_rotation", "use_shift",
                                                         "use_noise",  "use_brightness_contrast",
                                                         "use_cutout", "use_mixup",    "use_cutmix"};
  // The strengths shown under each operation's checkbox.
  static const std::vector<const char*> strengths[AugmentationModel::kOps] = {
      {}, {"rotation"}, {"shift"}, {"noise"}, {"brightness", "contrast"}, {"cutout"}, {"mixup_alpha"},
      {"cutmix_alpha"}};
  sectionHeader(ctx.tr("augmentation.ops"));
  for (int op = 0; op < AugmentationModel::kOps; ++op) {
    ImGui::PushID(op);
    hook |= table().control(ctx, p, useKeys[op]);
    ImGui::PopID();
    for (const char* key : strengths[op]) {
      const bool changed = table().control(ctx, p, key);
      hook |= changed;
      grid |= changed;
    }
  }
}

/// Images per class, learning rate, pace, seed and the loss axis; true when the runs must be built anew.
bool AugmentationLesson::drawTrainingControls(LessonContext& ctx, Params& p) {
  bool rebuildNeeded = false;
  sectionHeader(ctx.tr("augmentation.training"));
  for (const char* key : {"per_class", "lr"}) rebuildNeeded |= table().control(ctx, p, key);
  m_pace.control(ctx);
  rebuildNeeded |= table().control(ctx, p, "seed");
  table().control(ctx, p, "log_scale");
  return rebuildNeeded;
}

}  // namespace nr::app
