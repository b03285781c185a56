#pragma once
// Mini-batches drawn from a known population, for the batch-stats lesson: what BatchNorm sees at training time
// (the statistics of one small batch) against what it uses at inference (running averages), step by step.
//
// The population is C independent normal channels N(μ_c, σ_c²). Every step draws a batch of B random rows: its
// statistics feed the running averages. Alongside, one fixed "probe" input takes the place of row 0 of that batch,
// so the lesson can follow one and the same input through BatchNorm in train mode (its output depends on the
// B − 1 batch-mates it happens to get), BatchNorm in eval mode (running statistics), and LayerNorm / GroupNorm
// (per-sample statistics: the batch does not matter). The probe is kept out of the running statistics so that
// they estimate the population, not the population pulled towards one repeated input. All normalization goes through nr::core::normalize and
// RunningStats, with PyTorch's semantics.

#include <cstdint>
#include <vector>

#include "nr/rng.h"
#include "nr/running_stats.h"
#include "nr/tensor.h"

namespace nr::core {

struct Population {
  std::vector<double> mean;  ///< μ_c per channel
  std::vector<double> sd;    ///< σ_c per channel (≥ 0)
  int64_t channels() const { return static_cast<int64_t>(mean.size()); }
};

/// A (B, C) batch: row 0 is `probe` (if not empty, length C), the other rows are drawn from the population.
Tensor drawBatch(const Population& pop, int64_t batch, Rng& rng, const std::vector<float>& probe = {});

/// Closed forms for a normal population with standard deviation σ and batches of B independent values:
/// sd(μ_B) = σ/√B; E[σ²_B] = σ²(B−1)/B for the biased batch variance, sd(σ²_B) = σ²·√(2(B−1))/B
/// (σ²_B·B/σ² is χ² with B−1 degrees of freedom).
struct BatchSpread {
  double meanSd = 0.0;
  double varMean = 0.0;
  double varSd = 0.0;
};
BatchSpread batchSpread(double sd, int64_t batch);

/// One training step as the lesson shows it. Per channel c.
struct BatchStep {
  std::vector<double> batchMean, batchVar;      ///< μ_B, biased σ²_B of this batch
  std::vector<double> runningMean, runningVar;  ///< after this step's update (unchanged when B = 1)
  std::vector<double> probeMean, probeVar;  ///< μ, biased σ² of the probe's batch (probe + B − 1 batch rows)
  std::vector<double> probeTrain;  ///< BN train-mode output of the probe (normalized with probeMean, probeVar)
  std::vector<double> probeEval;   ///< BN eval-mode output of the probe (running statistics after the update)
  std::vector<double> probeLayer;  ///< LayerNorm of the probe alone (over its C channels)
  std::vector<double> probeGroup;  ///< GroupNorm of the probe alone (`groups` groups of C/G channels)
  bool updated = true;             ///< false at B = 1: PyTorch refuses such a training batch, the estimate stays
};

struct BatchSimConfig {
  Population pop;
  std::vector<float> probe;  ///< length C
  int64_t batch = 16;
  double momentum = 0.1;
  double eps = 1e-5;
  float gamma = 1.0f, beta = 0.0f;  ///< the same γ, β for every channel
  int64_t groups = 2;               ///< GroupNorm's G; must divide C
  uint64_t seed = 1;
};

/// Runs `steps` training steps from fresh running statistics (mean 0, var 1, as PyTorch initializes them).
std::vector<BatchStep> simulateBatches(const BatchSimConfig& config, int steps);

/// Mean over `batches` random batches of |y_train − y_pop| for the probe in `channel`: how far BatchNorm's
/// training output lies from its output with the exact population statistics (what eval mode tends to once the
/// running averages have converged). The probe's B − 1 batch-mates in that channel are drawn fresh for every batch
/// size from a seed derived from `config.seed` and B.
double trainEvalMismatch(const BatchSimConfig& config, int64_t batch, int channel, int batches);

}  // namespace nr::core
