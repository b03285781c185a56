// libFuzzer target: the --axes parser and normalize() on a small tensor with the parsed axes and groups.
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>

#include "nr/normalization.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 2) return 0;
  const int groups = data[0] % 9;
  std::string text(reinterpret_cast<const char*>(data + 1), size - 1);
  std::string error;
  auto axes = nr::core::AxisSet::parse(text, &error);
  if (!axes) {
    if (error.empty()) __builtin_trap();  // a refusal always says why
    return 0;
  }
  nr::core::Tensor x({2, 6, 3, 2});
  for (int64_t i = 0; i < x.size(); ++i) x.values()[i] = static_cast<float>((i * 37) % 11) - 5.0f;
  nr::core::NormSpec spec;
  spec.axes = *axes;
  spec.groups = groups;
  if (!nr::core::validate(x, spec).empty()) return 0;
  nr::core::NormResult r = nr::core::normalize(x, spec);
  for (float v : r.output.values())
    if (!(v == v)) __builtin_trap();  // no NaN from valid input
  return 0;
}
