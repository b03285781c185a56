#pragma once
// Seeded toy data sets for the training lessons: the 2-D classification sets of the training-lab (circle, xor,
// gaussians, spiral, moons, all two classes in roughly [−1.5, 1.5]²), with noise, and a seeded train/validation
// split. Deterministic for a seed on every platform (nr/rng.h), different across seeds.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace nr::core {

/// Samples as rows: x is size() × features (row-major), y one label per sample (0/1 for two classes, or a class
/// index stored as float), the layout BasicMlp<float> takes.
struct Dataset {
  int features = 2;
  int classes = 2;
  std::vector<float> x, y;

  int size() const { return static_cast<int>(y.size()); }
  /// Appends one sample (the training-lab's click-to-add). `point` has `features` values.
  void add(const float* point, float label);
  const float* row(int i) const { return x.data() + static_cast<size_t>(i) * features; }
};

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
Dataset makeDataset(const DatasetSpec& spec);

struct DataSplit {
  Dataset train, validation;
};

/// Shuffles the samples with `seed` and puts round(validationFraction·n) of them in the validation set.
/// validationFraction in [0, 1).
DataSplit splitDataset(const Dataset& data, double validationFraction, uint64_t seed);

}  // namespace nr::core
