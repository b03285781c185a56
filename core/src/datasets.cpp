#include "nr/datasets.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <numeric>
#include <stdexcept>

#include "nr/rng.h"

namespace nr::core {

namespace {
constexpr double kPi = 3.14159265358979323846;
}

void LabeledData::add(const float* point, float label) {
  if (labelWidth != 1)
    throw std::invalid_argument("this data set has " + std::to_string(labelWidth) +
                                " label values per sample; pass them all");
  x.insert(x.end(), point, point + features);
  y.push_back(label);
}

void LabeledData::add(const float* point, const float* labelValues) {
  x.insert(x.end(), point, point + features);
  y.insert(y.end(), labelValues, labelValues + labelWidth);
}

LabeledData oneHot(const LabeledData& data) {
  if (data.labelWidth != 1) throw std::invalid_argument("oneHot needs one class index per sample");
  LabeledData d = data;
  d.labelWidth = data.classes;
  d.y.assign(size_t(data.size()) * data.classes, 0.0f);
  for (int i = 0; i < data.size(); ++i) {
    const int c = static_cast<int>(data.y[i]);
    if (c < 0 || c >= data.classes)
      throw std::invalid_argument("sample " + std::to_string(i) + " has class " + std::to_string(c) + ", outside 0.." +
                                  std::to_string(data.classes - 1));
    d.y[size_t(i) * data.classes + c] = 1.0f;
  }
  return d;
}

const char* toString(DatasetKind kind) {
  switch (kind) {
    case DatasetKind::Circle:
      return "circle";
    case DatasetKind::Xor:
      return "xor";
    case DatasetKind::Gaussians:
      return "gaussians";
    case DatasetKind::Spiral:
      return "spiral";
    case DatasetKind::Moons:
      return "moons";
  }
  return "?";
}

std::optional<DatasetKind> parseDatasetKind(const std::string& text) {
  std::string t = text;
  for (char& ch : t) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  for (DatasetKind k :
       {DatasetKind::Circle, DatasetKind::Xor, DatasetKind::Gaussians, DatasetKind::Spiral, DatasetKind::Moons})
    if (t == toString(k)) return k;
  return std::nullopt;
}

LabeledData makeDataset(const DatasetSpec& spec) {
  if (spec.count < 2)
    throw std::invalid_argument("a data set needs at least 2 samples (one per class), got " +
                                std::to_string(spec.count));
  if (!(spec.noise >= 0.0))
    throw std::invalid_argument("noise must be >= 0 (0 = clean data), got " + std::to_string(spec.noise));
  // Mixing the kind into the seed keeps, say, circle and xor of seed 1 from sharing their random draws.
  Rng rng(spec.seed * 0x9e3779b97f4a7c15ULL + static_cast<uint64_t>(spec.kind) + 1);
  LabeledData d;
  d.features = 2;
  d.classes = 2;
  d.x.reserve(size_t(spec.count) * 2);
  d.y.reserve(spec.count);
  for (int i = 0; i < spec.count; ++i) {
    const int label = i % 2;  // alternate, so both classes have half (±1) whatever the count
    double px = 0.0, py = 0.0;
    switch (spec.kind) {
      case DatasetKind::Circle: {
        // class 0: a disc of radius 0.5; class 1: a ring from 0.7 to 1.0 (the TensorFlow playground's picture)
        const double r = label == 0 ? 0.5 * std::sqrt(rng.uniform()) : rng.uniform(0.7, 1.0);
        const double t = rng.uniform(0.0, 2.0 * kPi);
        px = r * std::cos(t);
        py = r * std::sin(t);
        break;
      }
      case DatasetKind::Xor: {
        // quadrants; a margin of 0.05 keeps clean points off the axes, so noise is what blurs the boundary
        double a = rng.uniform(0.05, 1.0), b = rng.uniform(0.05, 1.0);
        const bool flipA = rng.uniform() < 0.5;
        if (flipA) a = -a;
        if (label == 1)
          b = flipA ? b : -b;  // label 1: opposite signs
        else
          b = flipA ? -b : b;  // label 0: same signs
        px = a;
        py = b;
        break;
      }
      case DatasetKind::Gaussians: {
        const double c = label == 0 ? -0.5 : 0.5;
        px = rng.normal(c, 0.25);
        py = rng.normal(c, 0.25);
        break;
      }
      case DatasetKind::Spiral: {
        // two interleaved arms, 1.75 turns each, radius growing from 0.05 to 1
        const double t = rng.uniform();
        const double r = 0.05 + 0.95 * t;
        const double angle = 1.75 * 2.0 * kPi * t + (label == 1 ? kPi : 0.0);
        px = r * std::cos(angle);
        py = r * std::sin(angle);
        break;
      }
      case DatasetKind::Moons: {
        // scikit-learn's make_moons, centred at the origin
        const double t = rng.uniform(0.0, kPi);
        if (label == 0) {
          px = std::cos(t);
          py = std::sin(t);
        } else {
          px = 1.0 - std::cos(t);
          py = 0.5 - std::sin(t);
        }
        px -= 0.5;
        py -= 0.25;
        break;
      }
    }
    const float p[2] = {static_cast<float>(px + spec.noise * rng.normal()),
                        static_cast<float>(py + spec.noise * rng.normal())};
    d.add(p, static_cast<float>(label));
  }
  return d;
}

DataSplit splitDataset(const LabeledData& data, double validationFraction, uint64_t seed) {
  if (!(validationFraction >= 0.0 && validationFraction < 1.0))
    throw std::invalid_argument("the validation fraction must lie in [0, 1), e.g. 0.3, got " +
                                std::to_string(validationFraction));
  const int n = data.size();
  std::vector<int> order(n);
  std::iota(order.begin(), order.end(), 0);
  Rng rng(seed);
  for (int i = n - 1; i > 0; --i) std::swap(order[i], order[rng.below(uint64_t(i) + 1)]);  // Fisher–Yates
  const int nVal = static_cast<int>(std::lround(validationFraction * n));
  DataSplit s;
  s.train.features = s.validation.features = data.features;
  s.train.classes = s.validation.classes = data.classes;
  s.train.labelWidth = s.validation.labelWidth = data.labelWidth;
  for (int k = 0; k < n; ++k) (k < nVal ? s.validation : s.train).add(data.row(order[k]), data.labels(order[k]));
  return s;
}

}  // namespace nr::core
