#pragma once
// Normalization of an activation tensor over any non-empty subset of its axes {N, C, H, W}.
//
// BatchNorm, LayerNorm, InstanceNorm and GroupNorm are one operation that differs only in which elements share a
// mean and a variance (Wu & He 2018, figure 2). We compute exactly that: the reduced axes define "groups" of
// elements; each group gets its own μ and biased σ², and every element is mapped to
//     y = γ_c · (x − μ_g) / √(σ²_g + ε) + β_c
// with per-channel γ and β. GroupNorm is "C reduced within channel groups": C splits into G kept blocks of C/G
// reduced channels, so it fits the same scheme.
//
// The result carries what the UI teaches with: the output, μ and σ² of every group, and which group each element
// belongs to.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "nr/tensor.h"

namespace nr::core {

/// Which of the canonical axes N, C, H, W are reduced (share statistics). For a rank-3 tensor the L axis is H;
/// W does not exist there (extent 1), and neither H nor W exist for rank 2: reducing a missing axis is allowed and
/// changes nothing.
struct AxisSet {
  bool n = false, c = false, h = false, w = false;

  bool any() const { return n || c || h || w; }
  bool operator==(const AxisSet& o) const { return n == o.n && c == o.c && h == o.h && w == o.w; }
  bool operator!=(const AxisSet& o) const { return !(*this == o); }
  /// "N,H,W"
  std::string toString() const;
  /// Parses "N,H,W" (any order, case-insensitive, no repeats); std::nullopt and a message on failure.
  static std::optional<AxisSet> parse(const std::string& text, std::string* error = nullptr);
};

enum class NormKind { Batch, Layer, Instance, Group };

const char* toString(NormKind kind);
std::optional<NormKind> parseNormKind(const std::string& text);

/// The reduced axes of a preset: batch (N,H,W), layer (C,H,W), instance (H,W), group (C/G,H,W).
AxisSet presetAxes(NormKind kind);

struct NormSpec {
  AxisSet axes;
  /// Channel groups G. Only meaningful when C is reduced: each statistic then covers C/G channels. Must divide C.
  int64_t groups = 1;
  double eps = 1e-5;
  /// Per-channel scale and shift (length C), or empty for γ = 1, β = 0.
  std::vector<float> gamma, beta;

  static NormSpec preset(NormKind kind, int64_t groups = 1, double eps = 1e-5);
};

/// Maps an element to its statistics group. Groups are numbered in row-major order over the kept axes
/// (N if kept, then the channel or channel group, then H, then W, each if kept).
class GroupIndexer {
 public:
  GroupIndexer() = default;
  GroupIndexer(const Tensor& x, const NormSpec& spec);

  int64_t groupCount() const { return m_count; }
  /// Elements that share one μ and σ².
  int64_t groupSize() const { return m_size; }
  int64_t groupOf(int64_t n, int64_t c, int64_t h = 0, int64_t w = 0) const {
    return n * m_strideN + (c / m_channelsPerGroup) * m_strideC + h * m_strideH + w * m_strideW;
  }
  /// Group of the element at a flat C-order offset.
  int64_t groupOfOffset(int64_t offset) const;
  /// One group id per element, in C order (for views that colour every cell).
  std::vector<int32_t> groupMap() const;

 private:
  int64_t m_dims[4] = {1, 1, 1, 1};
  int64_t m_strideN = 0, m_strideC = 0, m_strideH = 0, m_strideW = 0;
  int64_t m_channelsPerGroup = 1;
  int64_t m_count = 1, m_size = 1;
};

struct NormResult {
  Tensor output;
  /// μ and biased σ² of every group, indexed by GroupIndexer numbering. Accumulated in double precision.
  std::vector<double> mean, var;
  /// 1/√(σ² + ε) of every group: what x − μ was multiplied by (before γ).
  std::vector<double> rstd;
  GroupIndexer groups;
  /// How often the input was read from memory: 1 when the tensor was normalized in chunks of complete groups that
  /// fit the cache (statistics while reading a chunk in, output while it is still cached), 2 when a group is too
  /// large for that and each chunk is read again for the output.
  int passes = 1;
};

/// How normalize() walks through memory. The defaults suit every caller; tests and benchmarks set the budget to
/// reach both paths on small tensors.
struct NormTuning {
  /// Bytes of input a chunk of complete groups may hold and still be read twice from cache rather than memory.
  /// 0: from this machine's cache sizes (L2, and a quarter of L3 up to 8 MiB).
  int64_t cacheBytes = 0;
};

/// Checks a spec against a tensor; returns an empty string when valid, else a message that says what to do
/// (e.g. "groups (5) must divide channels (64); try 1, 2, 4, 8, 16, 32 or 64").
std::string validate(const Tensor& x, const NormSpec& spec);

/// Normalizes x. Throws std::invalid_argument with the message of validate() on a bad spec.
NormResult normalize(const Tensor& x, const NormSpec& spec, const NormTuning& tuning = {});

/// As normalize(), but writes into `out`, reusing its storage (allocation-free when the shape matches).
void normalizeInto(const Tensor& x, const NormSpec& spec, NormResult& out, const NormTuning& tuning = {});

/// float64 input (e.g. the values of a float64 .npy), C order, of the given shape (rank 2–4): the statistics are
/// of the float64 values, not of values rounded to float32 first; the output is float32 as above. Throws
/// std::invalid_argument for a bad shape or spec.
/// @param[in] x      shape[0]·…·shape[rank−1] values
void normalizeInto(const double* x, const std::vector<int64_t>& shape, const NormSpec& spec, NormResult& out,
                   const NormTuning& tuning = {});

/// Divisors of C, for "try ..." messages and the G slider.
std::vector<int64_t> divisors(int64_t c);

}  // namespace nr::core
