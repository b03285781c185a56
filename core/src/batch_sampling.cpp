#include "nr/batch_sampling.h"

#include <cmath>
#include <stdexcept>

#include "nr/normalization.h"

namespace nr::core {

Tensor drawBatch(const Population& pop, int64_t batch, Rng& rng, const std::vector<float>& probe) {
  const int64_t c = pop.channels();
  if (c < 1 || static_cast<int64_t>(pop.sd.size()) != c)
    throw std::invalid_argument("the population needs one mean and one standard deviation per channel");
  if (batch < 1) throw std::invalid_argument("a batch needs at least one row, got " + std::to_string(batch));
  if (!probe.empty() && static_cast<int64_t>(probe.size()) != c)
    throw std::invalid_argument("the probe has " + std::to_string(probe.size()) + " values but the population has " +
                                std::to_string(c) + " channels");
  Tensor x({batch, c});
  for (int64_t n = 0; n < batch; ++n)
    for (int64_t k = 0; k < c; ++k) {
      // Draw even for the probe row, so that the random rows of a batch do not depend on whether there is a probe.
      const double v = rng.normal(pop.mean[k], pop.sd[k]);
      x.at(n, k) = static_cast<float>(n == 0 && !probe.empty() ? probe[k] : v);
    }
  return x;
}

BatchSpread batchSpread(double sd, int64_t batch) {
  BatchSpread s;
  const double b = static_cast<double>(std::max<int64_t>(batch, 1));
  const double var = sd * sd;
  s.meanSd = sd / std::sqrt(b);
  s.varMean = var * (b - 1.0) / b;
  s.varSd = var * std::sqrt(2.0 * (b - 1.0)) / b;
  return s;
}

namespace {

std::vector<float> filled(int64_t c, float v) { return std::vector<float>(static_cast<size_t>(c), v); }

/// LayerNorm and GroupNorm of the probe alone: they never look at the other rows of the batch.
void perSampleOutputs(const BatchSimConfig& cfg, std::vector<double>& layer, std::vector<double>& group) {
  const int64_t c = cfg.pop.channels();
  Tensor probe({1, c});
  for (int64_t k = 0; k < c; ++k) probe.at(0, k) = cfg.probe[k];
  NormSpec ln = NormSpec::preset(NormKind::Layer, 1, cfg.eps);
  ln.gamma = filled(c, cfg.gamma);
  ln.beta = filled(c, cfg.beta);
  NormSpec gn = NormSpec::preset(NormKind::Group, cfg.groups, cfg.eps);
  gn.gamma = ln.gamma;
  gn.beta = ln.beta;
  const NormResult l = normalize(probe, ln), g = normalize(probe, gn);
  layer.assign(l.output.values().begin(), l.output.values().end());
  group.assign(g.output.values().begin(), g.output.values().end());
}

}  // namespace

std::vector<BatchStep> simulateBatches(const BatchSimConfig& cfg, int steps) {
  const int64_t c = cfg.pop.channels();
  if (static_cast<int64_t>(cfg.probe.size()) != c) throw std::invalid_argument("the probe needs one value per channel");
  Rng rng(cfg.seed);
  RunningStats running(c, cfg.momentum);
  const std::vector<float> gamma = filled(c, cfg.gamma), beta = filled(c, cfg.beta);
  NormSpec bn = NormSpec::preset(NormKind::Batch, 1, cfg.eps);
  bn.gamma = gamma;
  bn.beta = beta;
  std::vector<double> layer, group;
  perSampleOutputs(cfg, layer, group);
  Tensor probe({1, c});
  for (int64_t k = 0; k < c; ++k) probe.at(0, k) = cfg.probe[k];

  std::vector<BatchStep> out(static_cast<size_t>(std::max(steps, 0)));
  NormResult r, rp;
  for (BatchStep& s : out) {
    Tensor x = drawBatch(cfg.pop, cfg.batch, rng);
    normalizeInto(x, bn, r);
    for (int64_t k = 0; k < c; ++k) x.at(0, k) = cfg.probe[k];  // the probe's batch: it replaces row 0
    normalizeInto(x, bn, rp);
    // B = 1: the batch variance is 0 and the output is β; PyTorch refuses to train on it, so the estimate stays.
    s.updated = cfg.batch >= 2;
    if (s.updated) running.update(r);
    const Tensor eval = running.normalizeEval(probe, gamma, beta, cfg.eps);
    s.batchMean = r.mean;
    s.batchVar = r.var;
    s.runningMean = running.mean;
    s.runningVar = running.var;
    s.probeMean = rp.mean;
    s.probeVar = rp.var;
    s.probeTrain.resize(static_cast<size_t>(c));
    s.probeEval.resize(static_cast<size_t>(c));
    for (int64_t k = 0; k < c; ++k) {
      s.probeTrain[k] = rp.output.at(0, k);
      s.probeEval[k] = eval.at(0, k);
    }
    s.probeLayer = layer;
    s.probeGroup = group;
  }
  return out;
}

double trainEvalMismatch(const BatchSimConfig& cfg, int64_t batch, int channel, int batches) {
  const int64_t c = cfg.pop.channels();
  if (channel < 0 || channel >= c) throw std::invalid_argument("channel out of range");
  if (batch < 1) throw std::invalid_argument("a batch needs at least one row, got " + std::to_string(batch));
  // A seed per batch size, so the curve over B is made of independent estimates that do not move when B changes.
  // Only the shown channel is drawn: BatchNorm treats channels independently, and the curve must stay cheap
  // enough to redraw while a slider is dragged.
  Rng rng(cfg.seed * 1000003u + static_cast<uint64_t>(batch));
  NormSpec bn = NormSpec::preset(NormKind::Batch, 1, cfg.eps);
  bn.gamma = {cfg.gamma};
  bn.beta = {cfg.beta};
  const double mu = cfg.pop.mean[channel], sd = cfg.pop.sd[channel];
  const double yPop = cfg.gamma * (cfg.probe[channel] - mu) / std::sqrt(sd * sd + cfg.eps) + cfg.beta;
  Tensor x({batch, 1});
  NormResult r;
  double sum = 0.0;
  for (int i = 0; i < batches; ++i) {
    x.at(0, 0) = cfg.probe[channel];
    for (int64_t n = 1; n < batch; ++n) x.at(n, 0) = static_cast<float>(rng.normal(mu, sd));
    normalizeInto(x, bn, r);
    sum += std::fabs(r.output.at(0, 0) - yPop);
  }
  return batches > 0 ? sum / batches : 0.0;
}

}  // namespace nr::core
