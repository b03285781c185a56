#pragma once
// Activations from a .npy file as a tensor to normalize: the checks and messages the command line (nrlab
// normalize) and the norm-axes lesson share. float32/float64, rank 2 (N,C), 3 (N,C,L) or 4 (N,C,H,W), every
// extent at least 1, every value finite and within float32.

#include <cstdint>
#include <stdexcept>
#include <string>

#include "nr/npy.h"
#include "nr/tensor.h"

namespace nr::core {

class ActivationError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// The most elements an activation file may hold (256 MiB as float32): more is refused, not half-loaded.
constexpr int64_t kMaxActivationElements = int64_t(64) << 20;
/// The largest .npy file read for activations: that many float64 values and room for the header.
constexpr size_t kMaxActivationFileBytes = size_t(kMaxActivationElements) * 8 + 65536;

/// Checks a parsed array and copies it into a tensor. `name` starts every message. Throws ActivationError.
Tensor activationsFromNpy(const NpyArray& a, const std::string& name);
/// Checks .npy bytes and converts them into a tensor without an intermediate copy (peak memory: the bytes and the
/// tensor). Throws NpyError for the format, ActivationError for the contents.
Tensor activationsFromBytes(const std::string& bytes, const std::string& name);
/// Reads and checks a file; messages name it `name` (a file name where the path does not matter).
Tensor readActivations(const std::string& path, const std::string& name);
/// Values of a parsed array that are not finite or too large for float32: throws ActivationError naming the first.
void requireFiniteFloat32(const NpyArray& a, const std::string& name);

}  // namespace nr::core
