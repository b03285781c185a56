// augmentation — every augmentation drawn at its strength on one small image, and one small network trained
// twice in lock step on a few images: as they are, and augmented. The teaching choice: both runs on one plot, the
// training loss dashed and the validation loss solid in the run's colour, so the gap that augmentation closes is
// read off directly (and printed below). Training advances within a few milliseconds per frame.
//
// [SECTION] Model
// [SECTION] Grid
// [SECTION] Parameters
// [SECTION] Controls
// [SECTION] Canvas and formula

#include "lessons/augmentation.h"

#include <imgui.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>

#include "gfx/texture.h"
#include "lessons/controls.h"
#include "kit/latex.h"
#include "kit/text.h"

namespace nr::app {

// [SECTION] Model

namespace {

constexpr int kBatch = 8;
constexpr int kHidden = 32;
constexpr double kBudgetSeconds = 0.002;  // training time per frame for both runs together

const char* kOpKeys[AugmentationLesson::kOps] = {"augmentation.op0", "augmentation.op1", "augmentation.op2",
                                                 "augmentation.op3", "augmentation.op4", "augmentation.op5",
                                                 "augmentation.op6", "augmentation.op7"};

}  // namespace

AugmentationLesson::AugmentationLesson() { rebuild(); }
AugmentationLesson::~AugmentationLesson() = default;

core::AugmentSpec AugmentationLesson::spec() const {
  core::AugmentSpec s;
  s.flip = m_p.use[Flip];
  s.maxRotation = m_p.use[Rotation] ? m_p.rotation : 0.0;
  s.maxShift = m_p.use[Shift] ? m_p.shift : 0;
  s.noise = m_p.use[Noise] ? m_p.noise : 0.0;
  s.brightness = m_p.use[BrightnessContrast] ? m_p.brightness : 0.0;
  s.contrast = m_p.use[BrightnessContrast] ? m_p.contrast : 0.0;
  s.cutout = m_p.use[Cutout] ? m_p.cutout : 0;
  return s;
}

void AugmentationLesson::rebuild() {
  const uint64_t seed = static_cast<uint64_t>(m_p.seed);
  m_trainSet = core::makeShapeImages(m_p.perClass, seed);
  // Validation images come from another stream of the same generator: same classes, never trained on.
  m_valSet = core::makeShapeImages(kValidationPerClass, seed + 0x9e3779b9ULL);
  m_p.sample = std::clamp(m_p.sample, 0, m_trainSet.data.size() - 1);
  // Soft (one-hot) targets for both runs, so mixup and cutmix can be switched on at any time; for one-hot targets
  // the loss is the ordinary cross-entropy.
  core::MlpSpec net = core::MlpSpec::make(m_trainSet.width * m_trainSet.height, {kHidden}, 4, core::Activation::Relu,
                                          core::LossKind::SoftmaxCrossEntropy);
  net.softTargets = true;
  net.seed = seed;
  core::OptimizerSpec o;
  o.kind = core::OptimizerKind::Adam;
  o.lr = m_p.lr;
  core::TrainerSpec ts;
  ts.batchSize = kBatch;
  ts.seed = seed + 7;
  const core::LabeledData train = core::oneHot(m_trainSet.data), val = core::oneHot(m_valSet.data);
  for (auto& r : m_runs) r = std::make_unique<core::Trainer>(net, o, train, val, ts);
  applyHook();
  m_diverged = false;
  for (int i = 0; i < 2; ++i) {
    m_epoch[i].clear();
    m_trainLoss[i].clear();
    m_valLoss[i].clear();
    m_trainAcc[i].clear();
    m_valAcc[i].clear();
  }
  refreshGrid();
  m_pace.restart();
  // The lesson opens (and restarts) with its first epochs drawn, so a projector never shows empty plots.
  trainEpochs(kWarmEpochs);
}

void AugmentationLesson::applyHook() {
  const int w = m_trainSet.width, h = m_trainSet.height;
  const core::AugmentSpec s = spec();
  const bool anyImage = s.flip || s.maxRotation > 0 || s.maxShift > 0 || s.noise > 0 || s.brightness > 0 ||
                        s.contrast > 0 || s.cutout > 0;
  core::Trainer::Augment image = anyImage ? core::makeImageAugment(s, w, h) : core::Trainer::Augment();
  core::Trainer::Augment mixup, cutmix;
  if (m_p.use[Mixup]) mixup = core::makeMixAugment(core::MixKind::Mixup, w, h, 4, m_p.mixupAlpha);
  if (m_p.use[CutMix]) cutmix = core::makeMixAugment(core::MixKind::CutMix, w, h, 4, m_p.cutmixAlpha);
  if (!image && !mixup && !cutmix) {
    m_runs[1]->augment = nullptr;
    return;
  }
  // Per-image operations first, then mixing of the augmented images (as timm does); with both mixings checked,
  // each batch takes one of them with probability 1/2.
  m_runs[1]->augment = [image, mixup, cutmix](float* x, float* y, int n, core::Rng& rng) {
    if (image) image(x, y, n, rng);
    if (mixup && cutmix)
      (rng.uniform() < 0.5 ? mixup : cutmix)(x, y, n, rng);
    else if (mixup)
      mixup(x, y, n, rng);
    else if (cutmix)
      cutmix(x, y, n, rng);
  };
}

void AugmentationLesson::stepBoth() {
  // One step each: the runs see batches at the same pace and finish their epochs together.
  m_runs[0]->advance(1);
  m_runs[1]->advance(1);
}

void AugmentationLesson::checkDiverged() {
  // As in training-lab, with ln 4 the loss of guessing among four classes (on the clean training images).
  for (const auto& r : m_runs)
    if (r->blownUp(100.0, 3.0 * std::log(4.0))) {
      m_diverged = true;
      setPlaying(false);
    }
}

void AugmentationLesson::trainEpochs(int epochs) {
  for (int e = 0; e < epochs && !m_diverged; ++e) {
    const int target = m_runs[0]->epoch() + 1;
    while (m_runs[0]->epoch() < target && !m_diverged) {
      stepBoth();
      checkDiverged();
    }
  }
}

void AugmentationLesson::update(double dt) {
  if (m_diverged || m_runs[0]->epoch() >= kMaxEpochs) {
    setPlaying(false);
    return;
  }
  // At the chosen pace, and at most a few milliseconds of training per frame (checked after each pair of steps):
  // the frame stays well under 16 ms on a software renderer.
  using Clock = std::chrono::steady_clock;
  const auto start = Clock::now();
  const int steps = m_pace.steps(dt, (m_runs[0]->trainSet().size() + kBatch - 1) / kBatch);
  for (int i = 0; i < steps && !m_diverged && m_runs[0]->epoch() < kMaxEpochs; ++i) {
    stepBoth();
    checkDiverged();
    if (std::chrono::duration<double>(Clock::now() - start).count() >= kBudgetSeconds) break;
  }
}

void AugmentationLesson::reset() {
  // As in the training-lab: Reset starts both runs again with the current settings (the "Check shift again and
  // Reset" experiment), rather than throwing the chosen augmentations away.
  setPlaying(false);
  rebuild();
}

void AugmentationLesson::collectCurves() {
  if (m_diverged) return;  // a blown-up run is reported, not plotted
  for (int i = 0; i < 2; ++i) {
    const auto& epochs = m_runs[i]->epochs();
    while (m_epoch[i].size() < epochs.size()) {
      const core::EpochRecord& e = epochs[m_epoch[i].size()];
      m_epoch[i].push_back(e.epoch);
      m_trainLoss[i].push_back(e.train.data);
      m_valLoss[i].push_back(e.validation.data);
      m_trainAcc[i].push_back(e.trainAccuracy);
      m_valAcc[i].push_back(e.validationAccuracy);
    }
  }
}

// [SECTION] Grid

void AugmentationLesson::refreshGrid() {
  const int w = m_trainSet.width, h = m_trainSet.height, px = w * h;
  const int n = m_trainSet.data.size();
  const float* original = m_trainSet.data.row(m_p.sample);
  m_cells.assign(size_t(kOps) * (kDraws + 1), Cell{});
  std::vector<float> scratch(px);
  for (int row = 0; row < kOps; ++row) {
    // Each row has its own stream, so moving one row's slider leaves the other rows' draws where they were.
    core::Rng rng(static_cast<uint64_t>(m_p.seed) * 1000003ULL + 101ULL * row + 17ULL);
    core::AugmentSpec s;
    switch (row) {
      case Flip: s.flip = true; break;
      case Rotation: s.maxRotation = m_p.rotation; break;
      case Shift: s.maxShift = m_p.shift; break;
      case Noise: s.noise = m_p.noise; break;
      case BrightnessContrast: s.brightness = m_p.brightness, s.contrast = m_p.contrast; break;
      case Cutout: s.cutout = m_p.cutout; break;
      default: break;
    }
    for (int col = 0; col <= kDraws; ++col) {
      Cell& c = m_cells[size_t(row) * (kDraws + 1) + col];
      c.pixels.assign(original, original + px);
      if (col == 0) continue;
      if (row == Mixup || row == CutMix) {
        // The partner: any other training image (a batch partner in training is any image of the batch).
        c.partner = n > 1 ? int(rng.below(uint64_t(n - 1))) : 0;
        if (n > 1 && c.partner >= m_p.sample) ++c.partner;
        const float* b = m_trainSet.data.row(c.partner);
        c.lambda = core::sampleMixWeight(row == Mixup ? m_p.mixupAlpha : m_p.cutmixAlpha, rng);
        if (row == Mixup) {
          core::mixup(original, b, c.pixels.data(), px, c.lambda);
        } else {
          const int cx = int(rng.below(uint64_t(w))), cy = int(rng.below(uint64_t(h)));
          c.box = core::cutmixBox(c.lambda, w, h, cx, cy);
          c.lambda = core::cutmix(original, b, c.pixels.data(), w, h, c.box.x0, c.box.y0, c.box.bw, c.box.bh);
        }
      } else {
        core::augmentImage(s, original, c.pixels.data(), w, h, rng, scratch.data());
      }
    }
  }
  m_textureDirty = true;
}

// [SECTION] Parameters

namespace {

const char* kUseKeys[AugmentationLesson::kOps] = {"use_flip",   "use_rotation", "use_shift",  "use_noise",
                                                  "use_brightness_contrast", "use_cutout", "use_mixup", "use_cutmix"};

}  // namespace

nlohmann::json AugmentationLesson::params() const {
  nlohmann::json j;
  for (int i = 0; i < kOps; ++i) j[kUseKeys[i]] = m_p.use[i];
  j["rotation"] = m_p.rotation;
  j["shift"] = m_p.shift;
  j["noise"] = m_p.noise;
  j["brightness"] = m_p.brightness;
  j["contrast"] = m_p.contrast;
  j["cutout"] = m_p.cutout;
  j["mixup_alpha"] = m_p.mixupAlpha;
  j["cutmix_alpha"] = m_p.cutmixAlpha;
  j["per_class"] = m_p.perClass;
  j["lr"] = m_p.lr;
  j["sample"] = m_p.sample;
  j["seed"] = m_p.seed;
  j["log_scale"] = m_p.logScale;
  j["pretrain"] = m_p.pretrain;
  m_pace.write(j);
  return j;
}

void AugmentationLesson::setParams(const nlohmann::json& j, std::vector<std::string>& warnings,
                                   std::vector<std::string>& errors) {
  Params p = m_p;
  ParamReader r(j, warnings, errors);
  for (int i = 0; i < kOps; ++i) {
    bool on = p.use[i];
    r.read(kUseKeys[i], on);
    p.use[i] = on;
  }
  r.read("rotation", p.rotation, 0.0, 90.0);
  r.read("shift", p.shift, 0, 4);
  r.read("noise", p.noise, 0.0, 0.5);
  r.read("brightness", p.brightness, 0.0, 0.5);
  r.read("contrast", p.contrast, 0.0, 0.9);
  r.read("cutout", p.cutout, 0, 12);
  r.read("mixup_alpha", p.mixupAlpha, 0.1, 4.0);
  r.read("cutmix_alpha", p.cutmixAlpha, 0.1, 4.0);
  r.read("per_class", p.perClass, 2, 32);
  r.read("lr", p.lr, 1e-4, 10.0);
  r.read("sample", p.sample, 0, 127);
  r.read("seed", p.seed, 0, 1000000);
  r.read("log_scale", p.logScale);
  r.read("pretrain", p.pretrain, 0, kMaxEpochs);
  double speed = m_pace.epochsPerSecond();
  r.readSpeed("speed", speed, TrainingPace::kMin, TrainingPace::kMax);
  if (!r.finish()) return;
  m_pace.set(speed);
  setPlaying(false);
  m_p = p;
  rebuild();
  // The warm epochs of rebuild() count towards pretrain: a scene of 150 epochs opens at epoch 150.
  if (m_p.pretrain > kWarmEpochs) trainEpochs(m_p.pretrain - kWarmEpochs);
}

void AugmentationLesson::interact(int frame) {
  // The main parameter, the rotation strength, changes while both runs train.
  m_p.rotation = (frame / 10) % 2 ? 30.0 : 10.0;
  applyHook();
  refreshGrid();
  setPlaying(true);
}

void AugmentationLesson::applyExtreme(int step) {
  Params p;
  switch (step) {
    case 0:  // every control at its minimum
      p.use.fill(false);
      p.rotation = 0, p.shift = 0, p.noise = 0, p.brightness = 0, p.contrast = 0, p.cutout = 0;
      p.mixupAlpha = 0.1, p.cutmixAlpha = 0.1, p.perClass = 2, p.lr = 1e-4, p.sample = 0, p.seed = 0;
      p.logScale = false;
      m_pace.set(TrainingPace::kMin);
      break;
    case 1:  // every control at its maximum
      m_pace.set(0.0);
      p.use.fill(true);
      p.rotation = 90, p.shift = 4, p.noise = 0.5, p.brightness = 0.5, p.contrast = 0.9, p.cutout = 12;
      p.mixupAlpha = 4.0, p.cutmixAlpha = 4.0, p.perClass = 32, p.sample = 127, p.seed = 1000000;
      break;
    case 2: p.lr = 10.0; break;  // diverges: reported, not plotted
    case 3: p.use.fill(false), p.use[Mixup] = true; break;
    case 4: p.use.fill(false), p.use[CutMix] = true, p.cutmixAlpha = 0.1; break;
    default: p.perClass = 2, p.use.fill(true), p.lr = 1e-4; break;
  }
  setPlaying(false);
  m_p = p;
  rebuild();
  trainEpochs(step == 2 ? 60 : 8);
}

// [SECTION] Controls

void AugmentationLesson::drawControls(LessonContext& ctx) {
  if (button(ctx.tr("augmentation.step"))) trainEpochs(1);
  if (m_diverged) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.8f, 0.1f, 0.1f, 1));
    wrappedText(ctx.tr("augmentation.diverged"));
    ImGui::PopStyleColor();
    if (button(ctx.tr("augmentation.reset"))) rebuild();
  }
  bool rebuildNeeded = false, hook = false, grid = false;

  sectionHeader(ctx.tr("augmentation.grid"));
  const int maxSample = m_trainSet.data.size() - 1;
  grid |= sliderInt(ctx, ctx.tr("augmentation.sample"), m_p.sample, 0, maxSample);
  m_p.sample = std::clamp(m_p.sample, 0, maxSample);
  tip(ctx, "augmentation.sample.tip");

  sectionHeader(ctx.tr("augmentation.ops"));
  auto use = [&](Op op) {
    bool on = m_p.use[op];
    ImGui::PushID(op);
    if (checkbox(ctx.tr(kOpKeys[op]), &on)) m_p.use[op] = on, hook = true;
    ImGui::PopID();
    tip(ctx, op == Flip ? "augmentation.flip.tip" : "augmentation.use.tip");
  };
  auto changedBoth = [&](bool c) {
    hook |= c;
    grid |= c;
  };
  use(Flip);
  use(Rotation);
  changedBoth(sliderDouble(ctx, ctx.tr("augmentation.rotation"), m_p.rotation, 0.0, 90.0, "%.0f"));
  tip(ctx, "augmentation.rotation.tip");
  use(Shift);
  changedBoth(sliderInt(ctx, ctx.tr("augmentation.shift"), m_p.shift, 0, 4));
  tip(ctx, "augmentation.shift.tip");
  use(Noise);
  changedBoth(sliderDouble(ctx, ctx.tr("augmentation.noise"), m_p.noise, 0.0, 0.5, "%.2f"));
  tip(ctx, "augmentation.noise.tip");
  use(BrightnessContrast);
  changedBoth(sliderDouble(ctx, ctx.tr("augmentation.brightness"), m_p.brightness, 0.0, 0.5, "%.2f"));
  tip(ctx, "augmentation.brightness.tip");
  changedBoth(sliderDouble(ctx, ctx.tr("augmentation.contrast"), m_p.contrast, 0.0, 0.9, "%.2f"));
  tip(ctx, "augmentation.contrast.tip");
  use(Cutout);
  changedBoth(sliderInt(ctx, ctx.tr("augmentation.cutout"), m_p.cutout, 0, 12));
  tip(ctx, "augmentation.cutout.tip");
  use(Mixup);
  changedBoth(logSlider(ctx, ctx.tr("augmentation.mixup"), m_p.mixupAlpha, 0.1, 4.0));
  tip(ctx, "augmentation.mixup.tip");
  use(CutMix);
  changedBoth(logSlider(ctx, ctx.tr("augmentation.cutmix"), m_p.cutmixAlpha, 0.1, 4.0));
  tip(ctx, "augmentation.cutmix.tip");

  sectionHeader(ctx.tr("augmentation.training"));
  rebuildNeeded |= sliderInt(ctx, ctx.tr("augmentation.perclass"), m_p.perClass, 2, 32);
  m_p.perClass = std::clamp(m_p.perClass, 2, 32);
  tip(ctx, "augmentation.perclass.tip");
  rebuildNeeded |= logSlider(ctx, ctx.tr("augmentation.lr"), m_p.lr, 1e-4, 10.0);
  tip(ctx, "augmentation.lr.tip");
  m_pace.control(ctx);
  rebuildNeeded |= ImGui::InputInt(ctx.tr("augmentation.seed"), &m_p.seed);
  m_p.seed = std::clamp(m_p.seed, 0, 1000000);
  tip(ctx, "augmentation.seed.tip");
  checkbox(ctx.tr("augmentation.log"), &m_p.logScale);

  if (rebuildNeeded) {
    rebuild();  // also redraws the grid
  } else {
    if (hook) applyHook();
    if (grid) refreshGrid();
  }
}

}  // namespace nr::app
