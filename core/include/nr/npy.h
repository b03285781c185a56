#pragma once
// Reading and writing NumPy .npy files (format versions 1.0–3.0): float32 and float64, little-endian, C order.
// Anything else — big-endian, Fortran order, integer/object/complex arrays, a truncated file, a header whose
// shape disagrees with the data — is refused with a message that says what is wrong and what to do.

#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <string>
#include <vector>

namespace nr::core {

class NpyError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct NpyArray {
  std::vector<int64_t> shape;
  std::vector<double> values;  ///< converted to double whatever the stored type
  bool wasFloat64 = false;
};

/// The header of .npy bytes and where their data are, without copying them (for large arrays: the caller converts
/// the values straight into its own storage). Valid while the bytes live.
struct NpyView {
  std::vector<int64_t> shape;
  bool wasFloat64 = false;
  const char* data = nullptr;
  size_t count = 0;
  /// Element i as a double (the bytes are little-endian, as this machine).
  double at(size_t i) const {
    if (wasFloat64) {
      double d;
      std::memcpy(&d, data + 8 * i, 8);
      return d;
    }
    float f;
    std::memcpy(&f, data + 4 * i, 4);
    return f;
  }
};

/// Checks the header and the data size as parseNpy does. Throws NpyError.
NpyView viewNpy(const std::string& bytes, const std::string& name = "input");

/// Parses .npy bytes. `name` is used in messages. Throws NpyError.
NpyArray parseNpy(const std::string& bytes, const std::string& name = "input");
/// Reads a file. Throws NpyError (also for a missing or unreadable file).
NpyArray readNpy(const std::string& path);

/// Serializes float32 data with the given shape (product must equal data size).
std::string encodeNpyFloat32(const std::vector<int64_t>& shape, const float* data, size_t count);
std::string encodeNpyFloat64(const std::vector<int64_t>& shape, const double* data, size_t count);

}  // namespace nr::core
