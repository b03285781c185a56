#include "nr/activations.h"

#include <cmath>

#include "nr/csv.h"
#include "nr/file_io.h"

namespace nr::core {

void requireFiniteFloat32(const NpyArray& a, const std::string& name) {
  constexpr double kFloatMax = 3.4028234663852886e38;
  for (size_t i = 0; i < a.values.size(); ++i) {
    const double v = a.values[i];
    if (std::isnan(v) || std::isinf(v))
      throw ActivationError(name + " contains " + (std::isnan(v) ? "NaN" : "an infinite value") +
                            std::string(" at element ") + std::to_string(i) + "; normalization needs finite numbers");
    if (std::fabs(v) > kFloatMax)
      throw ActivationError(name + " holds " + formatNumber(v) + " at element " + std::to_string(i) +
                            ", too large for float32; rescale the data");
  }
}

Tensor activationsFromNpy(const NpyArray& a, const std::string& name) {
  if (a.shape.size() < 2 || a.shape.size() > 4)
    throw ActivationError(name + " has shape (" + shapeToString(a.shape) + "), rank " + std::to_string(a.shape.size()) +
                          "; give a rank 2 (N,C), 3 (N,C,L) or 4 (N,C,H,W) array");
  int64_t count = 1;
  for (int64_t e : a.shape) {
    if (e < 1) throw ActivationError(name + " has an empty dimension (shape " + shapeToString(a.shape) + ")");
    count = count > kMaxActivationElements ? count : count * e;
  }
  if (count > kMaxActivationElements)
    throw ActivationError(name + " has shape (" + shapeToString(a.shape) + "), more than " +
                          std::to_string(kMaxActivationElements) + " elements; save a slice of it (a few samples)");
  requireFiniteFloat32(a, name);
  Tensor x(a.shape);
  for (size_t i = 0; i < a.values.size(); ++i) x.values()[i] = static_cast<float>(a.values[i]);
  return x;
}

Tensor readActivations(const std::string& path, const std::string& name) {
  NpyArray a;
  try {
    a = parseNpy(readFile(path), name);  // messages name the file as the caller does
  } catch (const FileError& e) {
    throw ActivationError(e.what());
  } catch (const NpyError& e) {
    throw ActivationError(e.what());
  }
  return activationsFromNpy(a, name);
}

}  // namespace nr::core
