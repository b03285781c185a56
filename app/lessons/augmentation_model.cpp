// The augmentation lesson's model. The teaching choices that live here: both runs start from the same weights and
// step in lock step (the only difference is the augmentation), soft one-hot targets for both so mixup and cutmix
// can be switched on at any time, and one seeded stream per grid row so moving one row's slider leaves the other
// rows' draws where they were.

#include "lessons/augmentation_model.h"

#include <algorithm>
#include <chrono>
#include <cmath>

namespace nr::app {

namespace {

constexpr int kHidden = 32;

constexpr bool AugmentationParams::*kUse[AugmentationModel::kOps] = {
    &AugmentationParams::useFlip,   &AugmentationParams::useRotation,
    &AugmentationParams::useShift,  &AugmentationParams::useNoise,
    &AugmentationParams::useBrightnessContrast, &AugmentationParams::useCutout,
    &AugmentationParams::useMixup,  &AugmentationParams::useCutmix};

}  // namespace

bool AugmentationParams::uses(int op) const { return this->*kUse[op]; }
void AugmentationParams::setUse(int op, bool on) { this->*kUse[op] = on; }

AugmentationModel::AugmentationModel(const Params& p) { rebuild(p); }
AugmentationModel::~AugmentationModel() = default;

core::AugmentSpec AugmentationModel::spec() const {
  core::AugmentSpec s;
  s.flip = m_p.useFlip;
  s.maxRotation = m_p.useRotation ? m_p.rotation : 0.0;
  s.maxShift = m_p.useShift ? m_p.shift : 0;
  s.noise = m_p.useNoise ? m_p.noise : 0.0;
  s.brightness = m_p.useBrightnessContrast ? m_p.brightness : 0.0;
  s.contrast = m_p.useBrightnessContrast ? m_p.contrast : 0.0;
  s.cutout = m_p.useCutout ? m_p.cutout : 0;
  return s;
}

void AugmentationModel::rebuild(const Params& p) {
  m_p = p;
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
}

void AugmentationModel::apply(const Params& p, bool hook, bool grid) {
  m_p = p;
  if (hook) applyHook();
  if (grid) refreshGrid();
}

void AugmentationModel::applyHook() {
  const int w = m_trainSet.width, h = m_trainSet.height;
  const core::AugmentSpec s = spec();
  const bool anyImage = s.flip || s.maxRotation > 0 || s.maxShift > 0 || s.noise > 0 || s.brightness > 0 ||
                        s.contrast > 0 || s.cutout > 0;
  core::Trainer::Augment image = anyImage ? core::makeImageAugment(s, w, h) : core::Trainer::Augment();
  core::Trainer::Augment mixup, cutmix;
  if (m_p.useMixup) mixup = core::makeMixAugment(core::MixKind::Mixup, w, h, 4, m_p.mixupAlpha);
  if (m_p.useCutmix) cutmix = core::makeMixAugment(core::MixKind::CutMix, w, h, 4, m_p.cutmixAlpha);
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

void AugmentationModel::stepBoth() {
  // One step each: the runs see batches at the same pace and finish their epochs together.
  m_runs[0]->advance(1);
  m_runs[1]->advance(1);
}

void AugmentationModel::checkDiverged() {
  // As in training-lab, with ln 4 the loss of guessing among four classes (on the clean training images).
  for (const auto& r : m_runs)
    if (r->blownUp(100.0, 3.0 * std::log(4.0))) m_diverged = true;
}

void AugmentationModel::trainEpochs(int epochs) {
  for (int e = 0; e < epochs && !m_diverged; ++e) {
    const int target = m_runs[0]->epoch() + 1;
    while (m_runs[0]->epoch() < target && !m_diverged) {
      stepBoth();
      checkDiverged();
    }
  }
}

void AugmentationModel::advance(int steps, double budgetSeconds) {
  // Checked after each pair of steps: the frame stays well under 16 ms on a software renderer.
  using Clock = std::chrono::steady_clock;
  const auto start = Clock::now();
  for (int i = 0; i < steps && !m_diverged && m_runs[0]->epoch() < kMaxEpochs; ++i) {
    stepBoth();
    checkDiverged();
    if (std::chrono::duration<double>(Clock::now() - start).count() >= budgetSeconds) break;
  }
}

void AugmentationModel::collectCurves() {
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

void AugmentationModel::refreshGrid() {
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
  ++m_gridVersion;
}

}  // namespace nr::app
