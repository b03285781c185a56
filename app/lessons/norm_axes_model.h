#pragma once
// The numbers behind the norm-axes lesson, without any ImGui: the N×C×H×W activations (generated from a seed with
// per-sample and per-channel offsets, or a dropped .npy), the normalization spec the settings describe (a preset or
// free axes), nr::core::normalize's result, and what the pictures show of it. The lesson draws these; the tests check
// them against naive loops over the groups.

#include <cstdint>
#include <string>
#include <vector>

#include "nr/normalization.h"
#include "nr/tensor.h"

namespace nr::app {

/// The parameters of the numbers (the lesson adds how they are shown).
struct NormAxesSettings {
  enum Mode { kBatch, kLayer, kInstance, kGroup, kCustom, kModeCount };

  int n = 4, c = 6, h = 4, w = 4;
  int mode = kBatch;
  int groups = 2;  ///< GroupNorm's G (a divisor of C)
  bool axisN = true, axisC = false, axisH = true, axisW = true;  ///< free choice (mode kCustom)
  float gamma = 1.0f, beta = 0.0f;
  double eps = 1e-5;
  int seed = 1;
};

/// One cell's way through the formula: its group, statistics, input, normalized input and output.
struct NormCellNumbers {
  int64_t group = 0, groupSize = 0;
  double x = 0, mean = 0, var = 0, xhat = 0, y = 0;
};

class NormAxesModel {
 public:
  /// Histogram bins of own activations: centres and densities (bars of one width).
  struct Bins {
    std::vector<double> centers, density;
    double width = 1.0;
  };
  /// Own activations are shown at most this large (the generated tensor's slider ranges).
  static constexpr int kMaxShown[4] = {8, 16, 8, 8};

  NormAxesModel() {
    NormAxesSettings s;
    update(s);
  }

  /// Makes `s` valid (G a divisor of the channel count, at least one free axis), regenerates the tensor if its
  /// seed or shape changed, and normalizes it.
  void update(NormAxesSettings& s);
  /// Shows `x` (read from the file `name`) instead of generated data, normalized with the current settings (G
  /// becomes the nearest lower divisor of its channel count).
  void useOwnData(core::Tensor x, const std::string& name, NormAxesSettings& s);
  /// Back to generated data.
  void useGeneratedData(NormAxesSettings& s);

  /// The spec `s` describes for this tensor's channel count.
  core::NormSpec spec(const NormAxesSettings& s) const;
  /// The channel count G must divide: the file's, or the generated tensor's C.
  int64_t channels(const NormAxesSettings& s) const { return m_fileName.empty() ? s.c : m_x.c(); }
  /// The numbers of cell (n, c, h, w) under the current result (x̂ with the last update's ε).
  NormCellNumbers cell(int n, int c, int h, int w) const;

  const core::Tensor& input() const { return m_x; }
  const core::NormResult& result() const { return m_result; }
  /// y as a flat array (generated data only: the histogram bins it each frame).
  const std::vector<float>& outputValues() const { return m_outputCopy; }
  /// max |x| (at least 1e-6), for colouring by input.
  double inputAbsMax() const { return m_xAbsMax; }
  /// The file whose activations are shown (empty: generated data).
  const std::string& dataFile() const { return m_fileName; }
  /// The extents the pictures show (N, C, H, W): all of the generated tensor, the first few of a file's.
  const int* shown() const { return m_show; }
  /// Whether the pictures show less than the whole tensor.
  bool partlyShown() const;
  /// Own activations: 40 fixed bins over each tensor's range, counted once per change.
  const Bins& inputBins() const { return m_binIn; }
  const Bins& outputBins() const { return m_binOut; }

 private:
  void regenerate(const NormAxesSettings& s);
  void binOwnData();
  void setAbsMax();

  core::Tensor m_x;
  core::NormResult m_result;
  std::vector<float> m_outputCopy;
  double m_xAbsMax = 1.0;
  double m_eps = 1e-5;
  int m_dataSeed = -1, m_dataShape[4] = {0, 0, 0, 0};
  std::string m_fileName;
  int m_show[4] = {4, 6, 4, 4};
  Bins m_binIn, m_binOut;
};

}  // namespace nr::app
