#include "nr/activations.h"

#include <cmath>

#include "nr/csv.h"
#include "nr/file_io.h"

namespace nr::core {

namespace {

/// Throws ActivationError when element i (value v) is not finite or too large for float32.
void checkValue(double v, size_t i, const std::string& name) {
  constexpr double kFloatMax = 3.4028234663852886e38;
  if (std::isnan(v) || std::isinf(v))
    throw ActivationError(name + " contains " + (std::isnan(v) ? "NaN" : "an infinite value") +
                          std::string(" at element ") + std::to_string(i) + "; normalization needs finite numbers");
  if (std::fabs(v) > kFloatMax)
    throw ActivationError(name + " holds " + formatNumber(v) + " at element " + std::to_string(i) +
                          ", too large for float32; rescale the data");
}

/// Rank 2–4, every extent ≥ 1, at most kMaxActivationElements.
void checkShape(const std::vector<int64_t>& shape, const std::string& name) {
  if (shape.size() < 2 || shape.size() > 4)
    throw ActivationError(name + " has shape (" + shapeToString(shape) + "), rank " + std::to_string(shape.size()) +
                          "; give a rank 2 (N,C), 3 (N,C,L) or 4 (N,C,H,W) array");
  int64_t count = 1;
  for (int64_t e : shape) {
    if (e < 1) throw ActivationError(name + " has an empty dimension (shape " + shapeToString(shape) + ")");
    count = count > kMaxActivationElements ? count : count * e;
  }
  if (count > kMaxActivationElements)
    throw ActivationError(name + " has shape (" + shapeToString(shape) + "), more than " +
                          std::to_string(kMaxActivationElements) + " elements; save a slice of it (a few samples)");
}

}  // namespace

void requireFiniteFloat32(const NpyArray& a, const std::string& name) {
  for (size_t i = 0; i < a.values.size(); ++i) checkValue(a.values[i], i, name);
}

Tensor activationsFromNpy(const NpyArray& a, const std::string& name) {
  checkShape(a.shape, name);
  requireFiniteFloat32(a, name);
  Tensor x(a.shape);
  for (size_t i = 0; i < a.values.size(); ++i) x.values()[i] = static_cast<float>(a.values[i]);
  return x;
}

Tensor activationsFromBytes(const std::string& bytes, const std::string& name) {
  const NpyView view = viewNpy(bytes, name);
  checkShape(view.shape, name);
  // Straight from the file's bytes into the float tensor: no double copy of the whole array on the way.
  Tensor x(view.shape);
  float* out = x.data();
  for (size_t i = 0; i < view.count; ++i) {
    const double v = view.at(i);
    checkValue(v, i, name);
    out[i] = static_cast<float>(v);
  }
  return x;
}

Tensor readActivations(const std::string& path, const std::string& name) {
  try {
    return activationsFromBytes(readFile(path, kMaxActivationFileBytes), name);
  } catch (const FileError& e) {
    throw ActivationError(e.what());
  } catch (const NpyError& e) {
    throw ActivationError(e.what());
  }
}

}  // namespace nr::core
