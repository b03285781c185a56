#include "nr/pruning.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace nr::core {

namespace {

/// Marks in `mask` the k entries of `indices` with the smallest |params[i]| (ties: lower index first); returns the
/// largest pruned magnitude.
template <typename T>
double pruneSmallest(const T* params, std::vector<int64_t>& indices, int64_t k, std::vector<T>& mask) {
  if (k <= 0) return 0.0;
  auto less = [params](int64_t a, int64_t b) {
    const T ma = std::abs(params[a]), mb = std::abs(params[b]);
    return ma < mb || (ma == mb && a < b);
  };
  std::nth_element(indices.begin(), indices.begin() + (k - 1), indices.end(), less);
  double threshold = 0.0;
  for (int64_t j = 0; j < k; ++j) {
    mask[indices[j]] = T(0);
    threshold = std::max(threshold, double(std::abs(params[indices[j]])));
  }
  return threshold;
}

}  // namespace

template <typename T>
PruneReport pruneByMagnitude(BasicMlp<T>& net, double sparsity, PruneScope scope) {
  if (!(sparsity >= 0.0 && sparsity <= 1.0))
    throw std::invalid_argument("sparsity must lie in [0, 1] (the fraction of weights to remove), got " +
                                std::to_string(sparsity));
  std::vector<T> mask(net.parameterCount(), T(1));
  PruneReport r;
  const int layers = net.layerCount();
  r.layerThresholds.assign(layers, 0.0);
  r.layerSparsity.assign(layers, 0.0);
  const T* p = net.parameters();
  std::vector<int64_t> all;
  for (int l = 0; l < layers; ++l) {
    const ParamBlock w = net.weightBlock(l);
    r.total += w.count;
    std::vector<int64_t> idx(w.count);
    for (int64_t j = 0; j < w.count; ++j) idx[j] = w.offset + j;
    if (scope == PruneScope::PerLayer) {
      const int64_t k = static_cast<int64_t>(std::floor(sparsity * double(w.count) + 1e-9));
      r.layerThresholds[l] = pruneSmallest(p, idx, k, mask);
      r.threshold = std::max(r.threshold, r.layerThresholds[l]);
    } else {
      all.insert(all.end(), idx.begin(), idx.end());
    }
  }
  if (scope == PruneScope::Global)
    r.threshold = pruneSmallest(p, all, static_cast<int64_t>(std::floor(sparsity * double(r.total) + 1e-9)), mask);
  for (int l = 0; l < layers; ++l) {
    const ParamBlock w = net.weightBlock(l);
    int64_t zeros = 0;
    for (int64_t j = 0; j < w.count; ++j) {
      if (mask[w.offset + j] == T(0)) {
        ++zeros;
        if (scope == PruneScope::Global)
          r.layerThresholds[l] = std::max(r.layerThresholds[l], double(std::abs(p[w.offset + j])));
      }
    }
    r.layerSparsity[l] = w.count ? double(zeros) / double(w.count) : 0.0;
    r.pruned += zeros;
  }
  net.setPruneMask(mask);
  return r;
}

template <typename T>
double weightSparsity(const BasicMlp<T>& net, double tolerance) {
  int64_t zeros = 0, total = 0;
  for (int l = 0; l < net.layerCount(); ++l) {
    const ParamBlock w = net.weightBlock(l);
    for (int64_t j = 0; j < w.count; ++j) zeros += std::abs(double(net.parameters()[w.offset + j])) <= tolerance;
    total += w.count;
  }
  return total ? double(zeros) / double(total) : 0.0;
}

template PruneReport pruneByMagnitude<float>(BasicMlp<float>&, double, PruneScope);
template PruneReport pruneByMagnitude<double>(BasicMlp<double>&, double, PruneScope);
template double weightSparsity<float>(const BasicMlp<float>&, double);
template double weightSparsity<double>(const BasicMlp<double>&, double);

}  // namespace nr::core
