#include "nr/tensor.h"

#include <stdexcept>

namespace nr::core {

std::string shapeToString(const std::vector<int64_t>& shape) {
  std::string s;
  for (size_t i = 0; i < shape.size(); ++i) {
    if (i) s += 'x';
    s += std::to_string(shape[i]);
  }
  return s;
}

Tensor::Tensor(std::vector<int64_t> shape, float fill) : m_shape(std::move(shape)) {
  if (m_shape.size() < 2 || m_shape.size() > 4)
    throw std::invalid_argument("a tensor must have rank 2 (N,C), 3 (N,C,L) or 4 (N,C,H,W), not rank " +
                                std::to_string(m_shape.size()));
  int64_t total = 1;
  for (int64_t e : m_shape) {
    if (e < 1) throw std::invalid_argument("every extent must be at least 1, got shape " + shapeToString(m_shape));
    if (total > (int64_t(1) << 40) / e) throw std::invalid_argument("shape " + shapeToString(m_shape) + " is too large");
    total *= e;
  }
  for (int i = 0; i < 4; ++i) m_dims[i] = i < rank() ? m_shape[i] : 1;
  m_data.assign(static_cast<size_t>(total), fill);
}

std::string Tensor::shapeString() const { return shapeToString(m_shape); }

}  // namespace nr::core
