#pragma once
// Data augmentation of small grayscale images, and the small image set the augmentation lesson trains on.
//
// The image set is generated, not downloaded: makeShapeImages() draws four shape classes — square outline, filled
// disc, triangle, plus sign — with random size, position, stroke and brightness, anti-aliased by 4×4 supersampling,
// on a black background. It is reproducible from its seed, so nothing is bundled and its provenance is this file.
//
// Images are row-major, width × height floats in [0, 1], pixel (x, y) at y·width + x, x to the right, y down. Every
// operation writes to `out` and leaves `in` alone; `out` must not alias `in` unless the function says so.
// Pixels that come from outside the image are 0 (black).

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "nr/datasets.h"
#include "nr/rng.h"

namespace nr::core {

// [SECTION] The generated image set

struct ImageSet {
  int width = 12, height = 12;
  std::vector<std::string> classNames;  ///< "square", "disc", "triangle", "plus"
  LabeledData data;                     ///< one image per row (width·height features), label = class index
};

/// perClass images of each of the 4 classes, interleaved (labels 0, 1, 2, 3, 0, ...). size ≥ 8.
ImageSet makeShapeImages(int perClass, uint64_t seed, int size = 12);

// [SECTION] Geometric operations

void flipHorizontal(const float* in, float* out, int w, int h);
void flipVertical(const float* in, float* out, int w, int h);
/// Rotation by `degrees` counter-clockwise as seen on screen (y down) about the image centre ((w−1)/2, (h−1)/2),
/// bilinear: out(p) = in(R⁻¹(p − c) + c). 90° on a square image is out(x, y) = in(y, w−1−x) up to rounding.
void rotate(const float* in, float* out, int w, int h, double degrees);
/// Integer translation: out(x, y) = in(x − dx, y − dy), zeros shifted in. A random crop of a zero-padded image
/// (pad p, crop offset o in [0, 2p]) is shift(p − o).
void shift(const float* in, float* out, int w, int h, int dx, int dy);

// [SECTION] Photometric operations (results clamped to [0, 1]; in-place allowed)

/// Adds N(0, sd²) to every pixel.
void addNoise(const float* in, float* out, int count, double sd, Rng& rng);
/// out = (in − m)·contrast + m + brightness, m the image mean: contrast scales the spread about the mean,
/// brightness moves the mean.
void brightnessContrast(const float* in, float* out, int count, double brightness, double contrast);

// [SECTION] Occlusion and mixing

/// Zeroes the size×size square whose top-left corner is (x0, y0), clipped to the image (DeVries & Taylor 2017).
void cutout(const float* in, float* out, int w, int h, int x0, int y0, int size);
/// out = λ·a + (1 − λ)·b (Zhang et al. 2018). The mixed label is λ·label(a) + (1 − λ)·label(b).
void mixup(const float* a, const float* b, float* out, int count, double lambda);
/// a with the box [x0, x0+bw) × [y0, y0+bh) (clipped) pasted from b (Yun et al. 2019). Returns λ, the area
/// fraction left from a: the mixed label is λ·label(a) + (1 − λ)·label(b).
double cutmix(const float* a, const float* b, float* out, int w, int h, int x0, int y0, int bw, int bh);

// [SECTION] Random augmentation for training

struct AugmentSpec {
  bool flip = false;         ///< horizontal flip with probability 1/2
  double maxRotation = 0.0;  ///< degrees, uniform in ±maxRotation
  int maxShift = 0;          ///< pixels, uniform in ±maxShift on each axis
  double noise = 0.0;        ///< Gaussian noise sd
  double brightness = 0.0;   ///< uniform in ±brightness
  double contrast = 0.0;     ///< factor uniform in [1 − contrast, 1 + contrast]
  int cutout = 0;            ///< square side, at a uniform position (0 = off)
};

/// Applies the enabled operations in the order flip, rotation, shift, brightness/contrast, noise, cutout.
/// `scratch` needs w·h floats. in and out may alias.
void augmentImage(const AugmentSpec& spec, const float* in, float* out, int w, int h, Rng& rng, float* scratch);

/// A Trainer::Augment-compatible hook (x: n images as rows) that augments each image of a batch in place.
std::function<void(float* x, float* y, int n, Rng& rng)> makeImageAugment(const AugmentSpec& spec, int w, int h);

enum class MixKind { Mixup, CutMix };

/// λ ~ Beta(α, α), the mixing weight of mixup and cutmix: α = 1 is uniform on [0, 1) (and draws exactly
/// rng.uniform()), small α puts λ near 0 or 1 (mostly one image), large α near 1/2. Gamma variates by Marsaglia &
/// Tsang (2000), λ = X/(X + Y) with X, Y ~ Gamma(α). Throws std::invalid_argument unless α > 0.
double sampleMixWeight(double alpha, Rng& rng);

/// A Trainer::Augment hook for soft-label training (MlpSpec::softTargets, labels from oneHot()): every image of
/// the batch is mixed with a partner drawn uniformly from the same batch (its original, unmixed copy) with
/// λ ~ Beta(α, α) (α = 1, uniform, is what the cutmix paper uses; mixup's uses 0.1–0.4 on ImageNet) and its
/// `classes` target values are mixed the same way (for cutmix, λ is the area fraction actually kept after clipping
/// the box). The box of cutmix has sides √(1 − λ)·(w, h), rounded, centred uniformly over the image.
std::function<void(float* x, float* y, int n, Rng& rng)> makeMixAugment(MixKind kind, int w, int h, int classes,
                                                                        double alpha = 1.0);

/// The cutmix box for a drawn λ, centre (cx, cy): sides √(1 − λ)·(w, h) rounded; top-left (x0, y0). What
/// makeMixAugment pastes, so a picture of the same draw shows the same box.
struct CutBox {
  int x0 = 0, y0 = 0, bw = 0, bh = 0;
};
CutBox cutmixBox(double lambda, int w, int h, int cx, int cy);

}  // namespace nr::core
