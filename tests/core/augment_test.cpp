// nr::core augmentations against naive implementations and identities (flip twice, four quarter turns, shift
// back), the label weights of mixup and cutmix, noise statistics, and the generated image set.
#include "nr/augment.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <vector>

#include "nr/rng.h"

namespace {

using namespace nr::core;

constexpr int W = 12, H = 12, N = W * H;

std::vector<float> randomImage(uint64_t seed) {
  Rng rng(seed);
  std::vector<float> img(N);
  for (float& v : img) v = static_cast<float>(rng.uniform());
  return img;
}

float maxDiff(const std::vector<float>& a, const std::vector<float>& b) {
  float d = 0;
  for (size_t i = 0; i < a.size(); ++i) d = std::max(d, std::abs(a[i] - b[i]));
  return d;
}

TEST(Augment, FlipsAgainstNaiveLoopsAndTwiceIsIdentity) {
  const auto img = randomImage(1);
  std::vector<float> f(N), ff(N);
  flipHorizontal(img.data(), f.data(), W, H);
  for (int y = 0; y < H; ++y)
    for (int x = 0; x < W; ++x) EXPECT_EQ(f[y * W + x], img[y * W + (W - 1 - x)]);
  flipHorizontal(f.data(), ff.data(), W, H);
  EXPECT_EQ(ff, img);
  EXPECT_NE(f, img);
  flipVertical(img.data(), f.data(), W, H);
  EXPECT_EQ(f[0], img[(H - 1) * W]);
  flipVertical(f.data(), ff.data(), W, H);
  EXPECT_EQ(ff, img);
}

TEST(Augment, RotationQuarterTurnsAndZero) {
  const auto img = randomImage(2);
  std::vector<float> r(N), t(N);
  rotate(img.data(), r.data(), W, H, 0.0);
  EXPECT_EQ(r, img);
  rotate(img.data(), r.data(), W, H, 90.0);
  for (int y = 0; y < H; ++y)
    for (int x = 0; x < W; ++x) EXPECT_NEAR(r[y * W + x], img[(W - 1 - x) * W + y], 1e-6) << x << "," << y;
  std::vector<float> cur = img;
  for (int k = 0; k < 4; ++k) {
    rotate(cur.data(), t.data(), W, H, 90.0);
    cur = t;
  }
  EXPECT_LT(maxDiff(cur, img), 1e-6f);
  // 45°: the corners come from outside the image (zeros); the centre pixel region keeps its mass roughly.
  rotate(img.data(), r.data(), W, H, 45.0);
  EXPECT_EQ(r[0], 0.0f);
  EXPECT_EQ(r[N - 1], 0.0f);
}

TEST(Augment, ShiftAgainstNaiveLoopAndBack) {
  const auto img = randomImage(3);
  std::vector<float> s(N), back(N);
  shift(img.data(), s.data(), W, H, 2, -3);
  for (int y = 0; y < H; ++y)
    for (int x = 0; x < W; ++x) {
      const bool inside = x - 2 >= 0 && y + 3 < H;
      EXPECT_EQ(s[y * W + x], inside ? img[(y + 3) * W + (x - 2)] : 0.0f);
    }
  shift(s.data(), back.data(), W, H, -2, 3);
  for (int y = 0; y < H; ++y)
    for (int x = 0; x < W; ++x) {
      const bool kept = x < W - 2 && y >= 3;
      EXPECT_EQ(back[y * W + x], kept ? img[y * W + x] : 0.0f);
    }
}

TEST(Augment, BrightnessContrastFormula) {
  std::vector<float> img(N);
  for (int i = 0; i < N; ++i) img[i] = 0.3f + 0.4f * float(i % 7) / 6.0f;  // within [0.3, 0.7]: no clamping below
  std::vector<float> out(N);
  brightnessContrast(img.data(), out.data(), N, 0.0, 1.0);
  EXPECT_LT(maxDiff(out, img), 1e-7f);
  double mean = 0;
  for (float v : img) mean += v;
  mean /= N;
  brightnessContrast(img.data(), out.data(), N, 0.1, 0.5);
  double outMean = 0;
  for (int i = 0; i < N; ++i) {
    EXPECT_NEAR(out[i], (img[i] - mean) * 0.5 + mean + 0.1, 1e-6);
    outMean += out[i];
  }
  EXPECT_NEAR(outMean / N, mean + 0.1, 1e-6);
  brightnessContrast(img.data(), out.data(), N, 5.0, 1.0);
  EXPECT_EQ(*std::min_element(out.begin(), out.end()), 1.0f) << "clamped to [0, 1]";
}

TEST(Augment, NoiseHasTheRequestedSpreadAndIsSeeded) {
  std::vector<float> img(64 * 64, 0.5f), out(img.size()), again(img.size());
  Rng a(5), b(5);
  addNoise(img.data(), out.data(), int(img.size()), 0.05, a);
  addNoise(img.data(), again.data(), int(img.size()), 0.05, b);
  EXPECT_EQ(out, again);
  double s = 0, ss = 0;
  for (size_t i = 0; i < img.size(); ++i) {
    s += out[i] - 0.5;
    ss += (out[i] - 0.5) * (out[i] - 0.5);
  }
  const double n = double(img.size()), mean = s / n, sd = std::sqrt(ss / n - mean * mean);
  EXPECT_NEAR(mean, 0.0, 5 * 0.05 / std::sqrt(n));
  EXPECT_NEAR(sd, 0.05, 0.05 * 5 / std::sqrt(2 * n));
}

TEST(Augment, CutoutZeroesExactlyTheClippedSquare) {
  std::vector<float> img(N, 1.0f), out(N);
  cutout(img.data(), out.data(), W, H, 9, -1, 4);  // x 9..11 (3 wide), y 0..2 (3 high) after clipping
  int zeros = 0;
  for (int y = 0; y < H; ++y)
    for (int x = 0; x < W; ++x) {
      const bool inBox = x >= 9 && y <= 2;
      EXPECT_EQ(out[y * W + x], inBox ? 0.0f : 1.0f);
      zeros += out[y * W + x] == 0.0f;
    }
  EXPECT_EQ(zeros, 9);
}

TEST(Augment, MixupAndCutmixLabelWeights) {
  const auto a = randomImage(6), b = randomImage(7);
  std::vector<float> out(N);
  mixup(a.data(), b.data(), out.data(), N, 1.0);
  EXPECT_EQ(out, a);
  mixup(a.data(), b.data(), out.data(), N, 0.0);
  EXPECT_EQ(out, b);
  mixup(a.data(), b.data(), out.data(), N, 0.3);
  for (int i = 0; i < N; ++i) EXPECT_NEAR(out[i], 0.3 * a[i] + 0.7 * b[i], 1e-6);
  const double lambda = cutmix(a.data(), b.data(), out.data(), W, H, 10, 4, 5, 6);  // clipped to 2 × 6
  EXPECT_DOUBLE_EQ(lambda, 1.0 - 12.0 / N);
  int fromB = 0;
  for (int y = 0; y < H; ++y)
    for (int x = 0; x < W; ++x) {
      const bool inBox = x >= 10 && y >= 4 && y < 10;
      EXPECT_EQ(out[y * W + x], inBox ? b[y * W + x] : a[y * W + x]);
      fromB += inBox;
    }
  EXPECT_EQ(fromB, 12);
}

TEST(Augment, ShapeImagesAreSeededBalancedAndDistinct) {
  const ImageSet s = makeShapeImages(10, 1), t = makeShapeImages(10, 1), u = makeShapeImages(10, 2);
  EXPECT_EQ(s.data.x, t.data.x);
  EXPECT_NE(s.data.x, u.data.x);
  ASSERT_EQ(s.data.size(), 40);
  EXPECT_EQ(s.data.features, 144);
  EXPECT_EQ(s.classNames.size(), 4u);
  for (float v : s.data.x) EXPECT_TRUE(v >= 0.0f && v <= 1.0f);
  // The class means differ: every pair of mean images is apart by more than a little.
  std::vector<std::vector<double>> mean(4, std::vector<double>(144, 0.0));
  for (int i = 0; i < s.data.size(); ++i)
    for (int p = 0; p < 144; ++p) mean[int(s.data.y[i])][p] += s.data.row(i)[p] / 10.0;
  for (int a = 0; a < 4; ++a)
    for (int b = a + 1; b < 4; ++b) {
      double d = 0;
      for (int p = 0; p < 144; ++p) d += std::abs(mean[a][p] - mean[b][p]);
      EXPECT_GT(d, 5.0) << s.classNames[a] << " vs " << s.classNames[b];
    }
  // Every image has ink.
  for (int i = 0; i < s.data.size(); ++i) EXPECT_GT(*std::max_element(s.data.row(i), s.data.row(i) + 144), 0.5f);
}

TEST(Augment, RandomAugmentIsSeededAndOffIsIdentity) {
  const auto img = randomImage(8);
  std::vector<float> out(N), again(N), scratch(N);
  Rng r1(3);
  augmentImage(AugmentSpec{}, img.data(), out.data(), W, H, r1, scratch.data());
  EXPECT_EQ(out, img);
  AugmentSpec spec;
  spec.flip = true;
  spec.maxRotation = 15;
  spec.maxShift = 2;
  spec.noise = 0.05;
  spec.brightness = 0.1;
  spec.contrast = 0.2;
  spec.cutout = 4;
  Rng a(9), b(9);
  augmentImage(spec, img.data(), out.data(), W, H, a, scratch.data());
  augmentImage(spec, img.data(), again.data(), W, H, b, scratch.data());
  EXPECT_EQ(out, again);
  EXPECT_GT(maxDiff(out, img), 0.05f);
}

TEST(Augment, MixHooksMixImagesAndLabelsWithTheSameLambda) {
  // Four images of four different classes: after mixing, row i's targets name its partner j and λ, and the
  // image must be λ·a_i + (1 − λ)·a_j (mixup) or a_i with a box of a_j whose area is (1 − λ) (cutmix).
  for (MixKind kind : {MixKind::Mixup, MixKind::CutMix}) {
    std::vector<float> x, y(16, 0.0f);
    for (int i = 0; i < 4; ++i) {
      const auto img = randomImage(30 + i);
      x.insert(x.end(), img.begin(), img.end());
      y[i * 4 + i] = 1.0f;
    }
    const std::vector<float> x0 = x;
    Rng rng(12);
    auto hook = makeMixAugment(kind, W, H, 4);
    hook(x.data(), y.data(), 4, rng);
    int mixed = 0;
    for (int i = 0; i < 4; ++i) {
      double sum = 0;
      int j = i;
      for (int c = 0; c < 4; ++c) {
        sum += y[i * 4 + c];
        if (c != i && y[i * 4 + c] > 0) j = c;
      }
      EXPECT_NEAR(sum, 1.0, 1e-6);
      if (j == i) continue;  // mixed with itself
      ++mixed;
      const double lambda = y[i * 4 + i];
      int fromB = 0;
      for (int p = 0; p < N; ++p) {
        const float a = x0[i * N + p], b = x0[j * N + p], got = x[i * N + p];
        if (kind == MixKind::Mixup)
          EXPECT_NEAR(got, lambda * a + (1 - lambda) * b, 1e-6);
        else {
          EXPECT_TRUE(got == a || got == b);
          fromB += got == b && got != a;
        }
      }
      if (kind == MixKind::CutMix) {
        EXPECT_EQ(fromB, static_cast<int>(std::lround((1 - lambda) * N)));
      }
    }
    EXPECT_GT(mixed, 0);
  }
}

TEST(Augment, MixWeightIsBetaAlphaAlpha) {
  // α = 1 is exactly the uniform draw.
  Rng a(21), b(21);
  for (int i = 0; i < 10; ++i) EXPECT_EQ(sampleMixWeight(1.0, a), b.uniform());
  // Against closed-form CDFs: Beta(2, 2) has F(x) = 3x² − 2x³; Beta(½, ½) is the arcsine law F(x) = (2/π)·asin(√x)
  // (the α < 1 branch of the gamma sampler). Mean ½ and variance 1/(4(2α + 1)) for both.
  const int n = 40000;
  for (double alpha : {2.0, 0.5}) {
    Rng rng(22);
    int below = 0;
    double s = 0, ss = 0;
    const double x = alpha == 2.0 ? 0.25 : 0.1;
    for (int i = 0; i < n; ++i) {
      const double l = sampleMixWeight(alpha, rng);
      ASSERT_TRUE(l >= 0.0 && l <= 1.0);
      below += l < x;
      s += l;
      ss += l * l;
    }
    const double cdf = alpha == 2.0 ? 3 * x * x - 2 * x * x * x : 2.0 / 3.14159265358979323846 * std::asin(std::sqrt(x));
    const double p = double(below) / n, mean = s / n, var = ss / n - mean * mean;
    EXPECT_NEAR(p, cdf, 5 * std::sqrt(cdf * (1 - cdf) / n)) << alpha;
    const double varTrue = 1.0 / (4 * (2 * alpha + 1));
    EXPECT_NEAR(mean, 0.5, 5 * std::sqrt(varTrue / n)) << alpha;
    EXPECT_NEAR(var, varTrue, 0.03 * varTrue) << alpha;
  }
  Rng rng(1);
  EXPECT_THROW(sampleMixWeight(0.0, rng), std::invalid_argument);
  EXPECT_THROW(makeMixAugment(MixKind::Mixup, W, H, 4, -1.0), std::invalid_argument);
}

TEST(Augment, CutmixBoxHasTheAreaOfOneMinusLambda) {
  // λ = 0.75: sides √0.25·12 = 6, centred at (6, 6) → top-left (3, 3); λ = 1: an empty box; λ = 0: the whole image.
  const CutBox b = cutmixBox(0.75, W, H, 6, 6);
  EXPECT_EQ(b.bw, 6);
  EXPECT_EQ(b.bh, 6);
  EXPECT_EQ(b.x0, 3);
  EXPECT_EQ(b.y0, 3);
  EXPECT_EQ(cutmixBox(1.0, W, H, 0, 0).bw, 0);
  const CutBox all = cutmixBox(0.0, W, H, 6, 6);
  EXPECT_EQ(all.bw, W);
  EXPECT_EQ(all.x0, 0);
}

TEST(Augment, SingleOperationSpecsMatchTheOperation) {
  // augmentImage with one operation switched on is that operation with the drawn parameter: replay the draws.
  const auto img = randomImage(40);
  std::vector<float> out(N), ref(N), scratch(N);
  AugmentSpec spec;
  spec.maxShift = 3;
  Rng a(41), b(41);
  augmentImage(spec, img.data(), out.data(), W, H, a, scratch.data());
  const int dx = int(b.below(7)) - 3, dy = int(b.below(7)) - 3;
  shift(img.data(), ref.data(), W, H, dx, dy);
  EXPECT_EQ(out, ref);
  spec = AugmentSpec{};
  spec.cutout = 5;
  Rng c(42), d(42);
  augmentImage(spec, img.data(), out.data(), W, H, c, scratch.data());
  const int cx = int(d.below(W)), cy = int(d.below(H));
  cutout(img.data(), ref.data(), W, H, cx - 2, cy - 2, 5);
  EXPECT_EQ(out, ref);
}

}  // namespace
