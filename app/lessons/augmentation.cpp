// augmentation — every augmentation drawn at its strength on one small image, and one small network trained
// twice in lock step on a few images: as they are, and augmented. The teaching choice: both runs on one plot, the
// training loss dashed and the validation loss solid in the run's colour, so the gap that augmentation closes is
// read off directly (and printed below). Training advances within a few milliseconds per frame.
//
// [SECTION] Text
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
#include "ui/latex.h"
#include "ui/text.h"

namespace nr::app {

// [SECTION] Text

const std::vector<TextEntry>& AugmentationLesson::strings() {
  static const std::vector<TextEntry> t = {
      {"au.title", "Data augmentation", "数据增强"},
      {"au.tex.brightness", "\\text{brightness/contrast:}", "\\text{亮度/对比度：}"},
      {"au.heading", "Augment a few images: the network sees more, and overfits less",
       "增强少量图像：网络见得更多，过拟合更少"},
      {"au.what",
       "Each row of the grid is one augmentation: the first image is a training image as it is, the others are "
       "random draws at the row's strength, as the network sees them during training. Mixup and cutmix also mix the "
       "labels in the same proportions λ and 1 − λ, e.g. 0.72 of one class and 0.28 of another. On the right, the same small network (144 pixels, 32 hidden "
       "units, 4 classes) trains twice from the same start on the same few images: without augmentation (orange) "
       "and with the checked augmentations (blue). Dashed is the loss on the training images, solid on held-out "
       "validation images: the distance between them is the generalization gap.",
       "网格的每一行是一种增强：第一张是原样的训练图像，其余是按该行强度随机抽取的结果，也就是训练时网络看到的样子。"
       "Mixup 和 CutMix 还会按同样的比例 λ 与 1 − λ 混合标签，例如 0.72 属于一类、0.28 属于另一类。右边是同一个小网络（144 个像素、32 个隐藏单元、"
       "4 类），从同一个起点、在同样几张图像上训练两次：不增强（橙色）和使用勾选的增强（蓝色）。虚线是训练图像上的损失，"
       "实线是留出的验证图像上的损失：两者之间的距离就是泛化差距。"},
      {"au.try",
       "1. Press Play: without augmentation the training loss falls towards 0 while the validation loss turns up "
       "(overfitting); with augmentation both stay close and the validation accuracy ends higher.\n"
       "2. Uncheck everything except noise and Restart: noise alone does not close the gap, because the shapes move "
       "around and noise does not teach that. Check shift again and Restart: the gap closes.\n"
       "3. Push rotation to 90° and noise to 0.4: the augmented run now underfits, its training loss stays high. "
       "Rotation does not change these shapes' classes, but noise this strong (and the preset's cutout) erases them, "
       "and rotations this large ask for an invariance a small network cannot learn from so few images: too strong.",
       "1. 按播放：不增强时训练损失降向 0，验证损失却开始上升（过拟合）；增强时两者保持接近，验证准确率最终更高。\n"
       "2. 只保留噪声并重新开始：单靠噪声缩小不了差距，因为图形的位置在变化，而噪声教不会这一点。重新勾选平移并重新开始：差距缩小了。\n"
       "3. 把旋转调到 90°、噪声调到 0.4：增强的那次训练欠拟合了，训练损失一直很高。旋转不会改变这些图形的类别，"
       "但这么强的噪声（以及预设里的遮挡）会把它们抹掉，而大角度旋转要求一个小网络从这么少的图像中学会它学不会的不变性：增强太强了。"},
      {"au.op0", "Flip", "翻转"},
      {"au.op1", "Rotation", "旋转"},
      {"au.op2", "Shift / crop", "平移 / 裁剪"},
      {"au.op3", "Noise", "噪声"},
      {"au.op4", "Brightness / contrast", "亮度 / 对比度"},
      {"au.op5", "Cutout", "Cutout 遮挡"},
      {"au.op6", "Mixup", "Mixup 混合"},
      {"au.op7", "CutMix", "CutMix 拼贴"},
      {"au.use.tip", "Checked: the blue run trains with this augmentation (applies while training). The grid row "
       "shows it either way.",
       "勾选：蓝色那次训练使用这种增强（训练中即时生效）。不论是否勾选，网格中都显示这一行。"},
      {"au.flip.tip", "Mirror the image left to right with probability 1/2. A shape keeps its class when mirrored.",
       "以 1/2 的概率左右镜像图像。图形镜像后类别不变。"},
      {"au.rotation", "Max angle (°)", "最大角度（°）"},
      {"au.rotation.tip", "Rotate about the centre by an angle uniform in ±this, bilinear; corners fill with black.",
       "绕中心旋转，角度在 ±该值内均匀抽取，双线性插值；角落补黑。"},
      {"au.shift", "Max shift (px)", "最大平移（像素）"},
      {"au.shift.tip", "Move the image by a whole number of pixels uniform in ±this on each axis, black shifted in: the "
       "same as a random crop of the image padded by this many pixels.",
       "在每个方向上把图像平移 ±该值内均匀抽取的整数个像素，移入的部分为黑：等同于对四周补这么多像素后随机裁剪。"},
      {"au.noise", "Noise sd", "噪声标准差"},
      {"au.noise.tip", "Add Gaussian noise of this standard deviation to every pixel (then clamp to [0, 1]).",
       "给每个像素加上这个标准差的高斯噪声（再截断到 [0, 1]）。"},
      {"au.brightness", "Brightness ±", "亮度 ±"},
      {"au.brightness.tip", "Move the image's mean by b, uniform in ±this.", "把图像的均值移动 b，b 在 ±该值内均匀抽取。"},
      {"au.contrast", "Contrast ±", "对比度 ±"},
      {"au.contrast.tip", "Scale the spread about the mean by c, uniform in [1 − this, 1 + this].",
       "把每个像素与均值之差乘以 c，c 在 [1 − 该值, 1 + 该值] 内均匀抽取。"},
      {"au.cutout", "Square side (px)", "方块边长（像素）"},
      {"au.cutout.tip", "Black out a square of this side at a random centre (it may hang over the border). 0 = nothing.",
       "在随机位置（中心均匀抽取，可以超出边界）把这个边长的方块涂黑。0 = 不遮挡。"},
      {"au.mixup", "Mixup α", "Mixup α"},
      {"au.mixup.tip", "Blend with another training image: λ·A + (1 − λ)·B, and the labels alike, with λ ~ Beta(α, α). "
       "Small α: mostly one image; α = 1: λ uniform; large α: near half and half.",
       "与另一张训练图像混合：λ·A + (1 − λ)·B，标签也同样混合，λ ~ Beta(α, α)。α 小：大多接近某一张图像；"
       "α = 1：λ 均匀；α 大：接近一半一半。"},
      {"au.cutmix", "CutMix α", "CutMix α"},
      {"au.cutmix.tip", "Paste a box of another image B, of area (1 − λ) of the image, λ ~ Beta(α, α); the label is "
       "λ·A + (1 − λ)·B with λ the area actually kept. If mixup is also checked, each batch uses one of the two.",
       "把另一张图像 B 的一个方框贴进来，面积为图像的 (1 − λ)，λ ~ Beta(α, α)；标签是 λ·A + (1 − λ)·B，λ 取实际保留的"
       "面积比例。若同时勾选了 Mixup，每个批次随机使用其中一种。"},
      {"au.grid", "Grid", "网格"},
      {"au.sample", "Image shown", "显示的图像"},
      {"au.sample.tip", "Which training image the grid augments (the first column).", "网格增强的是哪一张训练图像（第一列）。"},
      {"au.ops", "Augmentations of the blue run", "蓝色那次训练的增强"},
      {"au.training", "Training", "训练"},
      {"au.perclass", "Images per class", "每类训练图像数"},
      {"au.perclass.tip", "Few images overfit easily; the validation set has 60 per class. Changing it starts again.",
       "图像越少越容易过拟合；验证集每类 60 张。修改后重新开始训练。"},
      {"au.lr", "Learning rate", "学习率"},
      {"au.lr.tip", "Adam's step size η for both runs. Too large and the loss explodes (training stops and says so).",
       "两次训练共用的 Adam 步长 η。太大时损失会发散（训练会停下并提示）。"},
      {"au.seed", "Seed", "种子"},
      {"au.seed.tip", "Seeds the images, the initial weights (the same for both runs), the batch order and every "
       "random draw of the grid: same seed, same picture.",
       "图像、初始权重（两次训练相同）、批次顺序以及网格里的每一次随机抽取都由它决定：种子相同，画面就相同。"},
      {"au.log", "Log-scale loss", "损失取对数坐标"},
      {"au.step", "Step an epoch", "前进一轮"},
      {"au.original", "original", "原图"},
      {"au.draws", "random draws at this strength", "按此强度的随机抽取"},
      {"au.without", "without", "不增强"},
      {"au.with", "with", "增强"},
      {"au.train", "train", "训练"},
      {"au.val", "validation", "验证"},
      {"au.losses", "Loss per epoch", "每轮的损失"},
      {"au.accs", "Accuracy per epoch", "每轮的准确率"},
      {"au.tab.grid1", "Shape draws", "形状变换"},
      {"au.tab.grid2", "Pixel and mixing draws", "像素与混合"},
      {"au.tab.loss", "Loss", "损失"},
      {"au.tab.acc", "Accuracy", "准确率"},
      {"au.epoch", "epoch", "轮次"},
      {"au.loss", "loss", "损失"},
      {"au.accuracy", "accuracy", "准确率"},
      {"au.nodata", "Press Play to train both runs", "按播放开始两次训练"},
      {"au.diverged", "Training diverged: the loss is not finite. Lower the learning rate and press Restart.",
       "训练发散：损失已不是有限值。请调低学习率后按重新开始。"},
      {"au.diverged.short", "Training diverged", "训练发散"},
      {"au.reset", "Restart both runs", "两次训练都重新开始"},
      {"au.done", "Stopped after %d epochs: press Restart to start again.", "已训练 %d 轮并停止：按“重新开始”。"},
      {"au.status", "epoch %d (%d images, batch 8)", "第 %d 轮（%d 张图像，批大小 8）"},
      {"au.gap", "gap = validation − training loss:  without %.3f,  with %.3f", "差距 = 验证损失 − 训练损失：不增强 %.3f，增强 %.3f"},
      {"au.valacc", "validation accuracy:  without %.1f%%,  with %.1f%%", "验证准确率：不增强 %.1f%%，增强 %.1f%%"},
      {"au.cell.tip", "label = %.2f·%s + %.2f·%s", "标签 = %.2f·%s + %.2f·%s"},
      {"au.f.mixup",
       "mixup: x' = λ·x_A + (1 − λ)·x_B,  y' = λ·y_A + (1 − λ)·y_B,  λ ~ Beta(α, α), α = %.2g;  first draw: "
       "λ = %.2f → y' = %.2f·%s + %.2f·%s",
       "mixup：x' = λ·x_A + (1 − λ)·x_B，y' = λ·y_A + (1 − λ)·y_B，λ ~ Beta(α, α)，α = %.2g；第一次抽取："
       "λ = %.2f → y' = %.2f·%s + %.2f·%s"},
      {"au.f.cutmix", "cutmix: x' = M⊙x_A + (1 − M)⊙x_B,  λ = 1 − box/(W·H) = 1 − %d/%d = %.3f",
       "cutmix：x' = M⊙x_A + (1 − M)⊙x_B，λ = 1 − 方框面积/(W·H) = 1 − %d/%d = %.3f"},
      {"au.f.bc",
       "brightness/contrast: x' = clamp((x − m)·c + m + b),  m = mean of x,  b ∈ [−%.2f, %.2f],  c ∈ [%.2f, %.2f]",
       "亮度/对比度：x' = clamp((x − m)·c + m + b)，m = x 的均值，b ∈ [−%.2f, %.2f]，c ∈ [%.2f, %.2f]"},
      {"au.f.loss", "L = −(1/B) Σᵢ Σₖ y'ᵢₖ log softmax(f(x'ᵢ))ₖ   (x', y': the augmented batch)",
       "L = −(1/B) Σᵢ Σₖ y'ᵢₖ log softmax(f(x'ᵢ))ₖ   （x', y'：增强后的批次）"},
      {"au.class0", "square", "方框"},
      {"au.class1", "disc", "圆盘"},
      {"au.class2", "triangle", "三角形"},
      {"au.class3", "plus", "十字"},
  };
  return t;
}

// [SECTION] Model

namespace {

constexpr int kBatch = 8;
constexpr int kHidden = 32;
constexpr double kBudgetSeconds = 0.002;  // training time per frame for both runs together

const char* kOpKeys[AugmentationLesson::kOps] = {"au.op0", "au.op1", "au.op2", "au.op3",
                                                "au.op4", "au.op5", "au.op6", "au.op7"};

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
  if (button(ctx.tr("au.step"))) trainEpochs(1);
  if (m_diverged) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.8f, 0.1f, 0.1f, 1));
    wrappedText(ctx.tr("au.diverged"));
    ImGui::PopStyleColor();
    if (button(ctx.tr("au.reset"))) rebuild();
  }
  bool rebuildNeeded = false, hook = false, grid = false;

  sectionHeader(ctx.tr("au.grid"));
  const int maxSample = m_trainSet.data.size() - 1;
  grid |= sliderInt(ctx, ctx.tr("au.sample"), m_p.sample, 0, maxSample);
  m_p.sample = std::clamp(m_p.sample, 0, maxSample);
  tip(ctx, "au.sample.tip");

  sectionHeader(ctx.tr("au.ops"));
  auto use = [&](Op op) {
    bool on = m_p.use[op];
    ImGui::PushID(op);
    if (checkbox(ctx.tr(kOpKeys[op]), &on)) m_p.use[op] = on, hook = true;
    ImGui::PopID();
    tip(ctx, op == Flip ? "au.flip.tip" : "au.use.tip");
  };
  auto changedBoth = [&](bool c) {
    hook |= c;
    grid |= c;
  };
  use(Flip);
  use(Rotation);
  changedBoth(sliderDouble(ctx, ctx.tr("au.rotation"), m_p.rotation, 0.0, 90.0, "%.0f"));
  tip(ctx, "au.rotation.tip");
  use(Shift);
  changedBoth(sliderInt(ctx, ctx.tr("au.shift"), m_p.shift, 0, 4));
  tip(ctx, "au.shift.tip");
  use(Noise);
  changedBoth(sliderDouble(ctx, ctx.tr("au.noise"), m_p.noise, 0.0, 0.5, "%.2f"));
  tip(ctx, "au.noise.tip");
  use(BrightnessContrast);
  changedBoth(sliderDouble(ctx, ctx.tr("au.brightness"), m_p.brightness, 0.0, 0.5, "%.2f"));
  tip(ctx, "au.brightness.tip");
  changedBoth(sliderDouble(ctx, ctx.tr("au.contrast"), m_p.contrast, 0.0, 0.9, "%.2f"));
  tip(ctx, "au.contrast.tip");
  use(Cutout);
  changedBoth(sliderInt(ctx, ctx.tr("au.cutout"), m_p.cutout, 0, 12));
  tip(ctx, "au.cutout.tip");
  use(Mixup);
  changedBoth(logSlider(ctx, ctx.tr("au.mixup"), m_p.mixupAlpha, 0.1, 4.0));
  tip(ctx, "au.mixup.tip");
  use(CutMix);
  changedBoth(logSlider(ctx, ctx.tr("au.cutmix"), m_p.cutmixAlpha, 0.1, 4.0));
  tip(ctx, "au.cutmix.tip");

  sectionHeader(ctx.tr("au.training"));
  rebuildNeeded |= sliderInt(ctx, ctx.tr("au.perclass"), m_p.perClass, 2, 32);
  m_p.perClass = std::clamp(m_p.perClass, 2, 32);
  tip(ctx, "au.perclass.tip");
  rebuildNeeded |= logSlider(ctx, ctx.tr("au.lr"), m_p.lr, 1e-4, 10.0);
  tip(ctx, "au.lr.tip");
  m_pace.control(ctx);
  rebuildNeeded |= ImGui::InputInt(ctx.tr("au.seed"), &m_p.seed);
  m_p.seed = std::clamp(m_p.seed, 0, 1000000);
  tip(ctx, "au.seed.tip");
  checkbox(ctx.tr("au.log"), &m_p.logScale);

  if (rebuildNeeded) {
    rebuild();  // also redraws the grid
  } else {
    if (hook) applyHook();
    if (grid) refreshGrid();
  }
}

}  // namespace nr::app
