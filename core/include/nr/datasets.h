#pragma once
// Seeded toy data sets for the training lessons: the 2-D classification sets of the training-lab (circle, xor,
// gaussians, spiral, moons, all two classes in roughly [−1.5, 1.5]²), with noise, and a seeded train/validation
// split. Deterministic for a seed on every platform (nr/rng.h), different across seeds.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace nr::core {

/// Samples as rows: x is size() × features (row-major), y is size() × labelWidth: one label per sample (0/1 for
/// two classes, or a class index stored as float), or per-class probabilities (labelWidth = classes, see oneHot),
/// the layouts BasicMlp<float> takes.
struct LabeledData {
  int features = 2;
  int classes = 2;
  int labelWidth = 1;
  std::vector<float> x, y;

  int size() const { return features > 0 ? static_cast<int>(x.size() / features) : 0; }
  /// Appends one sample (the training-lab's click-to-add). `point` has `features` values, `label` labelWidth.
  void add(const float* point, float label);
  void add(const float* point, const float* labels);
  const float* row(int i) const { return x.data() + static_cast<size_t>(i) * features; }
  const float* labels(int i) const { return y.data() + static_cast<size_t>(i) * labelWidth; }
};

/// Class indices → one-hot probability rows (labelWidth = classes), for soft-label training (mixup, cutmix).
LabeledData oneHot(const LabeledData& data);

enum class DatasetKind { Circle, Xor, Gaussians, Spiral, Moons };

const char* toString(DatasetKind kind);
std::optional<DatasetKind> parseDatasetKind(const std::string& text);

struct DatasetSpec {
  DatasetKind kind = DatasetKind::Circle;
  int count = 200;     ///< samples, half of each class
  double noise = 0.1;  ///< standard deviation of Gaussian noise added to both coordinates
  uint64_t seed = 1;
};

/// Throws std::invalid_argument on count < 2 or noise < 0, saying what to do.
LabeledData makeDataset(const DatasetSpec& spec);

struct DataSplit {
  LabeledData train, validation;
};

/// Shuffles the samples with `seed` and puts round(validationFraction·n) of them in the validation set.
/// validationFraction in [0, 1).
DataSplit splitDataset(const LabeledData& data, double validationFraction, uint64_t seed);

}  // namespace nr::core
