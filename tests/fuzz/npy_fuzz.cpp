// libFuzzer target: the .npy reader. Any input must give an NpyArray or an NpyError, never a crash, a hang or a
// read out of bounds (run under AddressSanitizer).
#include <cstddef>
#include <cstdint>
#include <string>

#include "nr/npy.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  try {
    nr::core::NpyArray a = nr::core::parseNpy(std::string(reinterpret_cast<const char*>(data), size), "fuzz.npy");
    size_t n = 1;
    for (int64_t e : a.shape) n *= static_cast<size_t>(e);
    if (n != a.values.size()) __builtin_trap();  // the reader promised shape and data agree
  } catch (const nr::core::NpyError&) {
  }
  return 0;
}
