#pragma once
// A float32 activation tensor of rank 2 (N,C), 3 (N,C,L) or 4 (N,C,H,W) in C order.
// Every tensor is also seen through a canonical 4-D view (N,C,H,W): rank 3 maps L to H with W = 1, rank 2 has
// H = W = 1. The normalization code works on that view, so one loop nest serves all three ranks.

#include <cstdint>
#include <string>
#include <vector>

namespace nr::core {

class Tensor {
 public:
  Tensor() = default;
  /// @param[in] shape  2, 3 or 4 extents, each ≥ 1; throws std::invalid_argument otherwise.
  explicit Tensor(std::vector<int64_t> shape, float fill = 0.0f);

  int rank() const { return static_cast<int>(m_shape.size()); }
  const std::vector<int64_t>& shape() const { return m_shape; }
  int64_t size() const { return static_cast<int64_t>(m_data.size()); }
  bool empty() const { return m_data.empty(); }

  // Canonical 4-D extents.
  int64_t n() const { return m_dims[0]; }
  int64_t c() const { return m_dims[1]; }
  int64_t h() const { return m_dims[2]; }
  int64_t w() const { return m_dims[3]; }

  float* data() { return m_data.data(); }
  const float* data() const { return m_data.data(); }
  std::vector<float>& values() { return m_data; }
  const std::vector<float>& values() const { return m_data; }

  int64_t offset(int64_t n, int64_t c, int64_t h = 0, int64_t w = 0) const {
    return ((n * m_dims[1] + c) * m_dims[2] + h) * m_dims[3] + w;
  }
  float& at(int64_t n, int64_t c, int64_t h = 0, int64_t w = 0) { return m_data[offset(n, c, h, w)]; }
  float at(int64_t n, int64_t c, int64_t h = 0, int64_t w = 0) const { return m_data[offset(n, c, h, w)]; }

  /// "2x3x4x5" — for messages.
  std::string shapeString() const;

 private:
  std::vector<int64_t> m_shape;
  int64_t m_dims[4] = {0, 0, 0, 0};
  std::vector<float> m_data;
};

/// "2x3x4x5" for any extent list.
std::string shapeToString(const std::vector<int64_t>& shape);

}  // namespace nr::core
