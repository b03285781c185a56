#pragma once
// `nrlab fit`: a penalized linear regression (none, ridge, lasso, elastic net) on a numeric CSV, for one λ or a
// path of λ, optionally with k-fold cross-validation, as DESIGN.md specifies. See README.md for the options.

#include <optional>
#include <string>

#include "cli/normalize_command.h"  // CliError

namespace nr::app {

struct FitOptions {
  std::string data, target, penalty, out;
  std::optional<double> l1Ratio, lambda, lambdaMinRatio;
  std::optional<long long> path, cv;
  unsigned long long seed = 0;
};

/// Reads, fits, writes `lambda,intercept,<features>[,cv_mean,cv_se]`. Throws CliError with a one-line message and
/// writes nothing unless everything succeeded (the output replaces any old file atomically).
void runFit(const FitOptions& opt);

}  // namespace nr::app
