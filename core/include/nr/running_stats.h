#pragma once
// BatchNorm's running statistics and its inference (eval) mode, with PyTorch's BatchNorm semantics:
//   running_mean ← (1 − momentum)·running_mean + momentum·μ_batch
//   running_var  ← (1 − momentum)·running_var  + momentum·σ²_batch·m/(m − 1)
// where m is the number of elements per channel in the batch. The batch itself is normalized with the biased σ²,
// but the running estimate uses the unbiased one: that difference is one of the train/eval mismatches the
// batch-stats lesson shows.

#include <cstdint>
#include <vector>

#include "nr/normalization.h"
#include "nr/tensor.h"

namespace nr::core {

struct RunningStats {
  std::vector<double> mean;  ///< per channel, starts at 0
  std::vector<double> var;   ///< per channel, starts at 1
  double momentum = 0.1;
  int64_t batchesTracked = 0;

  RunningStats() = default;
  explicit RunningStats(int64_t channels, double momentum = 0.1);

  /// Normalizes a training batch with its own statistics (batch preset) and folds them into the running
  /// estimate. Throws std::invalid_argument when the channel count differs, or when a channel has one element
  /// (the unbiased variance is undefined; PyTorch refuses that batch too).
  NormResult trainStep(const Tensor& x, const std::vector<float>& gamma = {}, const std::vector<float>& beta = {},
                       double eps = 1e-5);

  /// Folds already computed batch statistics (from a batch-preset NormResult of a batch of x) into the estimate.
  void update(const NormResult& batch);

  /// Eval mode: y = γ_c·(x − running_mean_c)/√(running_var_c + ε) + β_c.
  Tensor normalizeEval(const Tensor& x, const std::vector<float>& gamma = {}, const std::vector<float>& beta = {},
                       double eps = 1e-5) const;
};

}  // namespace nr::core
