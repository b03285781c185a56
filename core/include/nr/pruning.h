#pragma once
// Magnitude pruning: zero the fraction `sparsity` of dense-layer weights with the smallest |w|, either over the
// whole network (global: one threshold, layers end up unequally sparse) or within each layer (per layer: every
// layer gets the same sparsity). Biases and norm parameters are never pruned. The result is installed as the
// net's pruning mask, so fine-tuning afterwards keeps the pruned weights at exactly 0.
//
// Pruning starts from the weights as they are; for a sparsity slider, restore the trained state first
// (BasicMlp::restoreState) and prune that, so moving the slider back brings weights back.

#include <cstdint>
#include <vector>

#include "nr/mlp.h"

namespace nr::core {

enum class PruneScope { Global, PerLayer };

struct PruneReport {
  int64_t pruned = 0, total = 0;        ///< dense weights zeroed, dense weights in all
  double threshold = 0.0;               ///< global: the largest pruned |w| (0 when nothing was pruned)
  std::vector<double> layerThresholds;  ///< per dense layer: the largest pruned |w| in it
  std::vector<double> layerSparsity;    ///< per dense layer: fraction of its weights now masked
  double sparsity() const { return total ? double(pruned) / double(total) : 0.0; }
};

/// Prunes floor(sparsity·n) weights (n = all dense weights, or each layer's count) of smallest magnitude; ties go
/// to the lower parameter index, so the result is deterministic. sparsity in [0, 1]; throws otherwise.
template <typename T>
PruneReport pruneByMagnitude(BasicMlp<T>& net, double sparsity, PruneScope scope);

/// Fraction of dense weights that are exactly 0 (also for comparing with the sparsity an L1 penalty gives), or
/// with |w| ≤ tolerance.
template <typename T>
double weightSparsity(const BasicMlp<T>& net, double tolerance = 0.0);

}  // namespace nr::core
