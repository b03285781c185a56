#include "nr/running_stats.h"

#include <cmath>
#include <stdexcept>
#include <string>

namespace nr::core {

RunningStats::RunningStats(int64_t channels, double momentum_)
    : mean(static_cast<size_t>(channels), 0.0), var(static_cast<size_t>(channels), 1.0), momentum(momentum_) {
  if (channels < 1) throw std::invalid_argument("running statistics need at least one channel");
  if (!(momentum_ >= 0.0 && momentum_ <= 1.0))
    throw std::invalid_argument("momentum must lie in [0, 1], got " + std::to_string(momentum_));
}

NormResult RunningStats::trainStep(const Tensor& x, const std::vector<float>& gamma, const std::vector<float>& beta,
                                   double eps) {
  NormSpec spec = NormSpec::preset(NormKind::Batch, 1, eps);
  spec.gamma = gamma;
  spec.beta = beta;
  if (x.c() != static_cast<int64_t>(mean.size()))
    throw std::invalid_argument("the batch has " + std::to_string(x.c()) + " channels but the running statistics have " +
                                std::to_string(mean.size()));
  if (x.size() / x.c() < 2)
    throw std::invalid_argument(
        "a training batch needs more than one value per channel (the unbiased variance of one value is undefined); "
        "use a batch of at least 2");
  NormResult r = normalize(x, spec);
  update(r);
  return r;
}

void RunningStats::update(const NormResult& batch) {
  if (batch.mean.size() != mean.size())
    throw std::invalid_argument("batch statistics have " + std::to_string(batch.mean.size()) +
                                " groups but the running statistics have " + std::to_string(mean.size()) + " channels");
  const double m = static_cast<double>(batch.groups.groupSize());
  if (m < 2) throw std::invalid_argument("a training batch needs more than one value per channel");
  const double unbiased = m / (m - 1.0);
  for (size_t c = 0; c < mean.size(); ++c) {
    mean[c] = (1.0 - momentum) * mean[c] + momentum * batch.mean[c];
    var[c] = (1.0 - momentum) * var[c] + momentum * batch.var[c] * unbiased;
  }
  ++batchesTracked;
}

Tensor RunningStats::normalizeEval(const Tensor& x, const std::vector<float>& gamma, const std::vector<float>& beta,
                                   double eps) const {
  NormSpec spec = NormSpec::preset(NormKind::Batch, 1, eps);
  spec.gamma = gamma;
  spec.beta = beta;
  if (std::string err = validate(x, spec); !err.empty()) throw std::invalid_argument(err);
  if (x.c() != static_cast<int64_t>(mean.size()))
    throw std::invalid_argument("the input has " + std::to_string(x.c()) + " channels but the running statistics have " +
                                std::to_string(mean.size()));
  Tensor y(x.shape());
  const int64_t plane = x.h() * x.w();
  for (int64_t n = 0; n < x.n(); ++n)
    for (int64_t c = 0; c < x.c(); ++c) {
      const double scale = (gamma.empty() ? 1.0 : gamma[c]) / std::sqrt(var[c] + eps);
      const double shift = beta.empty() ? 0.0 : beta[c];
      const float* xp = x.data() + x.offset(n, c);
      float* yp = y.data() + y.offset(n, c);
      for (int64_t i = 0; i < plane; ++i) yp[i] = static_cast<float>((xp[i] - mean[c]) * scale + shift);
    }
  return y;
}

}  // namespace nr::core
