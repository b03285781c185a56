#include "nr/augment.h"

#include <algorithm>
#include <cmath>
#include <memory>
#include <stdexcept>

namespace nr::core {

namespace {

constexpr double kPi = 3.14159265358979323846;

float clamp01(double v) { return static_cast<float>(std::min(1.0, std::max(0.0, v))); }

/// Coverage of one shape at a sub-pixel point; u, v relative to the shape centre, s the half size, t the stroke.
bool insideShape(int cls, double u, double v, double s, double t) {
  switch (cls) {
    case 0:  // square outline
      return std::max(std::abs(u), std::abs(v)) <= s && std::max(std::abs(u), std::abs(v)) >= s - t;
    case 1:  // filled disc
      return u * u + v * v <= s * s;
    case 2:  // filled triangle, apex up: |u| ≤ s·(v + s)/(2s) for v in [−s, s]
      return v >= -s && v <= s && std::abs(u) <= 0.5 * (v + s);
    default:  // plus sign
      return (std::abs(u) <= t / 2 && std::abs(v) <= s) || (std::abs(v) <= t / 2 && std::abs(u) <= s);
  }
}

}  // namespace

ImageSet makeShapeImages(int perClass, uint64_t seed, int size) {
  if (perClass < 1) throw std::invalid_argument("the image set needs at least one image per class");
  if (size < 8)
    throw std::invalid_argument("images must be at least 8x8 to draw the shapes, got " + std::to_string(size));
  ImageSet set;
  set.width = set.height = size;
  set.classNames = {"square", "disc", "triangle", "plus"};
  set.data.features = size * size;
  set.data.classes = 4;
  Rng rng(seed);
  std::vector<float> img(size_t(size) * size);
  for (int i = 0; i < 4 * perClass; ++i) {
    const int cls = i % 4;
    const double half = rng.uniform(0.28, 0.40) * size;   // half size of the shape
    const double stroke = rng.uniform(0.12, 0.2) * size;  // outline / bar thickness
    const double room = 0.5 * size - half - 0.5;
    const double cx = 0.5 * size + rng.uniform(-room, room), cy = 0.5 * size + rng.uniform(-room, room);
    const double ink = rng.uniform(0.7, 1.0);
    for (int y = 0; y < size; ++y)
      for (int x = 0; x < size; ++x) {
        int hits = 0;
        for (int sy = 0; sy < 4; ++sy)
          for (int sx = 0; sx < 4; ++sx)
            hits += insideShape(cls, x + (sx + 0.5) / 4 - cx, y + (sy + 0.5) / 4 - cy, half, stroke);
        img[size_t(y) * size + x] = static_cast<float>(ink * hits / 16.0);
      }
    set.data.add(img.data(), static_cast<float>(cls));
  }
  return set;
}

void flipHorizontal(const float* in, float* out, int w, int h) {
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) out[y * w + x] = in[y * w + (w - 1 - x)];
}

void flipVertical(const float* in, float* out, int w, int h) {
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) out[y * w + x] = in[(h - 1 - y) * w + x];
}

void rotate(const float* in, float* out, int w, int h, double degrees) {
  const double t = degrees * kPi / 180.0, c = std::cos(t), s = std::sin(t);
  const double cx = 0.5 * (w - 1), cy = 0.5 * (h - 1);
  auto pixel = [&](int x, int y) -> double { return x < 0 || y < 0 || x >= w || y >= h ? 0.0 : in[y * w + x]; };
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      const double dx = x - cx, dy = y - cy;
      // Counter-clockwise on screen with y down is the inverse map below (source of each output pixel).
      const double sx = cx + c * dx + s * dy, sy = cy - s * dx + c * dy;
      // Snap coordinates within 1e-9 of an integer so exact quarter turns copy pixels exactly.
      const double rx = std::abs(sx - std::round(sx)) < 1e-9 ? std::round(sx) : sx;
      const double ry = std::abs(sy - std::round(sy)) < 1e-9 ? std::round(sy) : sy;
      const int x0 = static_cast<int>(std::floor(rx)), y0 = static_cast<int>(std::floor(ry));
      const double fx = rx - x0, fy = ry - y0;
      const double v = (1 - fy) * ((1 - fx) * pixel(x0, y0) + fx * pixel(x0 + 1, y0)) +
                       fy * ((1 - fx) * pixel(x0, y0 + 1) + fx * pixel(x0 + 1, y0 + 1));
      out[y * w + x] = static_cast<float>(v);
    }
}

void shift(const float* in, float* out, int w, int h, int dx, int dy) {
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      const int sx = x - dx, sy = y - dy;
      out[y * w + x] = sx < 0 || sy < 0 || sx >= w || sy >= h ? 0.0f : in[sy * w + sx];
    }
}

void addNoise(const float* in, float* out, int count, double sd, Rng& rng) {
  for (int i = 0; i < count; ++i) out[i] = clamp01(in[i] + sd * rng.normal());
}

void brightnessContrast(const float* in, float* out, int count, double brightness, double contrast) {
  double mean = 0.0;
  for (int i = 0; i < count; ++i) mean += in[i];
  mean /= std::max(1, count);
  for (int i = 0; i < count; ++i) out[i] = clamp01((in[i] - mean) * contrast + mean + brightness);
}

void cutout(const float* in, float* out, int w, int h, int x0, int y0, int size) {
  if (out != in) std::copy(in, in + size_t(w) * h, out);
  for (int y = std::max(0, y0); y < std::min(h, y0 + size); ++y)
    for (int x = std::max(0, x0); x < std::min(w, x0 + size); ++x) out[y * w + x] = 0.0f;
}

void mixup(const float* a, const float* b, float* out, int count, double lambda) {
  for (int i = 0; i < count; ++i) out[i] = static_cast<float>(lambda * a[i] + (1.0 - lambda) * b[i]);
}

double cutmix(const float* a, const float* b, float* out, int w, int h, int x0, int y0, int bw, int bh) {
  if (out != a) std::copy(a, a + size_t(w) * h, out);
  const int xa = std::max(0, x0), xb = std::min(w, x0 + bw), ya = std::max(0, y0), yb = std::min(h, y0 + bh);
  int area = 0;
  for (int y = ya; y < yb; ++y)
    for (int x = xa; x < xb; ++x, ++area) out[y * w + x] = b[y * w + x];
  return 1.0 - double(area) / (double(w) * h);
}

void augmentImage(const AugmentSpec& s, const float* in, float* out, int w, int h, Rng& rng, float* scratch) {
  const int n = w * h;
  if (out != in) std::copy(in, in + n, out);
  if (s.flip && rng.uniform() < 0.5) {
    flipHorizontal(out, scratch, w, h);
    std::copy(scratch, scratch + n, out);
  }
  if (s.maxRotation > 0.0) {
    rotate(out, scratch, w, h, rng.uniform(-s.maxRotation, s.maxRotation));
    std::copy(scratch, scratch + n, out);
  }
  if (s.maxShift > 0) {
    const int span = 2 * s.maxShift + 1;
    const int dx = int(rng.below(span)) - s.maxShift, dy = int(rng.below(span)) - s.maxShift;
    shift(out, scratch, w, h, dx, dy);
    std::copy(scratch, scratch + n, out);
  }
  if (s.brightness > 0.0 || s.contrast > 0.0)
    brightnessContrast(out, out, n, rng.uniform(-s.brightness, s.brightness),
                       rng.uniform(1.0 - s.contrast, 1.0 + s.contrast));
  if (s.noise > 0.0) addNoise(out, out, n, s.noise, rng);
  if (s.cutout > 0) {
    // The square may hang over the border, as in the paper (its centre is uniform over the image).
    const int cx = int(rng.below(w)), cy = int(rng.below(h));
    cutout(out, out, w, h, cx - s.cutout / 2, cy - s.cutout / 2, s.cutout);
  }
}

std::function<void(float*, float*, int, Rng&)> makeImageAugment(const AugmentSpec& spec, int w, int h) {
  auto scratch = std::make_shared<std::vector<float>>(size_t(w) * h);
  return [spec, w, h, scratch](float* x, float*, int n, Rng& rng) {
    for (int i = 0; i < n; ++i) {
      float* img = x + size_t(i) * w * h;
      augmentImage(spec, img, img, w, h, rng, scratch->data());
    }
  };
}

namespace {

/// Gamma(a, 1) by Marsaglia & Tsang (2000); for a < 1 through Gamma(a + 1)·U^(1/a).
double sampleGamma(double a, Rng& rng) {
  if (a < 1.0) {
    const double g = sampleGamma(a + 1.0, rng);
    double u = rng.uniform();
    if (u < 1e-300) u = 1e-300;
    return g * std::pow(u, 1.0 / a);
  }
  const double d = a - 1.0 / 3.0, c = 1.0 / std::sqrt(9.0 * d);
  for (;;) {
    const double x = rng.normal();
    double v = 1.0 + c * x;
    if (v <= 0.0) continue;
    v = v * v * v;
    const double u = rng.uniform();
    if (u < 1.0 - 0.0331 * x * x * x * x) return d * v;
    if (std::log(std::max(u, 1e-300)) < 0.5 * x * x + d * (1.0 - v + std::log(v))) return d * v;
  }
}

}  // namespace

double sampleMixWeight(double alpha, Rng& rng) {
  if (!(alpha > 0.0)) throw std::invalid_argument("the mixing parameter alpha must be > 0, got " + std::to_string(alpha));
  if (alpha == 1.0) return rng.uniform();  // Beta(1, 1) is uniform: one draw, and the sequence stays simple
  const double x = sampleGamma(alpha, rng), y = sampleGamma(alpha, rng);
  return x + y > 0.0 ? x / (x + y) : 0.5;  // both underflow only for tiny α: either end is as likely
}

CutBox cutmixBox(double lambda, int w, int h, int cx, int cy) {
  const double side = std::sqrt(std::max(0.0, 1.0 - lambda));
  CutBox b;
  b.bw = static_cast<int>(std::lround(side * w));
  b.bh = static_cast<int>(std::lround(side * h));
  b.x0 = cx - b.bw / 2;
  b.y0 = cy - b.bh / 2;
  return b;
}

std::function<void(float*, float*, int, Rng&)> makeMixAugment(MixKind kind, int w, int h, int classes, double alpha) {
  if (!(alpha > 0.0)) throw std::invalid_argument("the mixing parameter alpha must be > 0, got " + std::to_string(alpha));
  // Originals of the batch, so a partner mixed earlier in the loop is read unmixed; grown once to the batch size.
  struct Buffers {
    std::vector<float> x, y;
  };
  auto buf = std::make_shared<Buffers>();
  return [kind, w, h, classes, alpha, buf](float* x, float* y, int n, Rng& rng) {
    const size_t px = size_t(w) * h;
    buf->x.assign(x, x + px * n);
    buf->y.assign(y, y + size_t(classes) * n);
    for (int i = 0; i < n; ++i) {
      const int j = static_cast<int>(rng.below(uint64_t(n)));
      double lambda = sampleMixWeight(alpha, rng);
      const float* a = buf->x.data() + px * i;
      const float* b = buf->x.data() + px * j;
      float* out = x + px * i;
      if (kind == MixKind::Mixup) {
        mixup(a, b, out, int(px), lambda);
      } else {
        // A box of area (1 − λ)·w·h centred uniformly, clipped; λ then follows the area actually pasted.
        const int cx = int(rng.below(uint64_t(w))), cy = int(rng.below(uint64_t(h)));
        const CutBox box = cutmixBox(lambda, w, h, cx, cy);
        lambda = cutmix(a, b, out, w, h, box.x0, box.y0, box.bw, box.bh);
      }
      const float* ya = buf->y.data() + size_t(classes) * i;
      const float* yb = buf->y.data() + size_t(classes) * j;
      for (int c = 0; c < classes; ++c)
        y[size_t(classes) * i + c] = static_cast<float>(lambda * ya[c] + (1.0 - lambda) * yb[c]);
    }
  };
}

}  // namespace nr::core
