#pragma once
// `nrlab normalize`: normalize a tensor stored as .npy, as DESIGN.md specifies.

#include <optional>
#include <stdexcept>
#include <string>

namespace nr::app {

/// A usage or input error: exit status 2 and this one-line message.
class CliError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct NormalizeOptions {
  std::string in, out;
  std::string kind;  ///< batch|layer|instance|group, or empty when axes is given
  std::string axes;  ///< e.g. "N,H,W", or empty when kind is given
  std::optional<long long> groups;
  double eps = 1e-5;
  std::string gamma, beta, stats;
};

/// Reads, normalizes, writes. Throws CliError; writes nothing unless everything succeeded.
void runNormalize(const NormalizeOptions& opt);

}  // namespace nr::app
