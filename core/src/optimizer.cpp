#include "nr/optimizer.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace nr::core {

const char* toString(OptimizerKind kind) {
  switch (kind) {
    case OptimizerKind::Sgd:
      return "sgd";
    case OptimizerKind::Momentum:
      return "momentum";
    case OptimizerKind::Adam:
      return "adam";
    case OptimizerKind::AdamW:
      return "adamw";
  }
  return "?";
}

std::string validate(const OptimizerSpec& s) {
  if (!(s.lr > 0.0) || !std::isfinite(s.lr))
    return "learning rate must be a finite number > 0, got " + std::to_string(s.lr);
  if (!(s.momentum >= 0.0 && s.momentum < 1.0))
    return "momentum must lie in [0, 1), got " + std::to_string(s.momentum) + "; 0.9 is the usual choice";
  if (!(s.beta1 >= 0.0 && s.beta1 < 1.0) || !(s.beta2 >= 0.0 && s.beta2 < 1.0))
    return "Adam's beta1 and beta2 must lie in [0, 1); the usual values are 0.9 and 0.999";
  if (!(s.eps > 0.0)) return "Adam's eps must be > 0; the usual value is 1e-8";
  if (!(s.weightDecay >= 0.0) || s.lr * s.weightDecay >= 1.0)
    return "weight decay must be >= 0 with lr*decay < 1 (otherwise the weights flip sign each step), got decay " +
           std::to_string(s.weightDecay) + " at lr " + std::to_string(s.lr);
  return {};
}

template <typename T>
Optimizer<T>::Optimizer(const OptimizerSpec& spec, int64_t count) : m_count(count) {
  if (count < 0) throw std::invalid_argument("parameter count must be >= 0");
  setSpec(spec);
  m_m.assign(static_cast<size_t>(count), T(0));
  m_v.assign(static_cast<size_t>(count), T(0));
}

template <typename T>
void Optimizer<T>::setSpec(const OptimizerSpec& spec) {
  if (std::string err = validate(spec); !err.empty()) throw std::invalid_argument(err);
  const bool kindChanged = spec.kind != m_spec.kind;
  m_spec = spec;
  if (kindChanged) reset();
}

template <typename T>
void Optimizer<T>::reset() {
  m_t = 0;
  std::fill(m_m.begin(), m_m.end(), T(0));
  std::fill(m_v.begin(), m_v.end(), T(0));
}

template <typename T>
void Optimizer<T>::step(T* p, const T* g, const T* decayMask) {
  ++m_t;
  const T lr = static_cast<T>(m_spec.lr);
  const int64_t n = m_count;
  if (m_spec.weightDecay > 0.0) {
    // Decoupled: shrink first, then step on the data (+ penalty) gradient, as torch.optim.AdamW does.
    const T shrink = static_cast<T>(m_spec.lr * m_spec.weightDecay);
    if (decayMask)
      for (int64_t i = 0; i < n; ++i) p[i] -= shrink * decayMask[i] * p[i];
    else
      for (int64_t i = 0; i < n; ++i) p[i] -= shrink * p[i];
  }
  T* m = m_m.data();
  T* v = m_v.data();
  switch (m_spec.kind) {
    case OptimizerKind::Sgd:
      for (int64_t i = 0; i < n; ++i) p[i] -= lr * g[i];
      break;
    case OptimizerKind::Momentum: {
      const T mu = static_cast<T>(m_spec.momentum);
      if (m_t == 1)
        for (int64_t i = 0; i < n; ++i) m[i] = g[i];
      else
        for (int64_t i = 0; i < n; ++i) m[i] = mu * m[i] + g[i];
      for (int64_t i = 0; i < n; ++i) p[i] -= lr * m[i];
      break;
    }
    case OptimizerKind::Adam:
    case OptimizerKind::AdamW: {
      const T b1 = static_cast<T>(m_spec.beta1), b2 = static_cast<T>(m_spec.beta2);
      // Bias corrections in double (β₂ᵗ for large t), then the same arithmetic order as PyTorch's
      // _single_tensor_adam: denom = √v/√bc2 + ε, step = lr/bc1.
      const double bc1 = 1.0 - std::pow(m_spec.beta1, static_cast<double>(m_t));
      const double bc2 = 1.0 - std::pow(m_spec.beta2, static_cast<double>(m_t));
      const T stepSize = static_cast<T>(m_spec.lr / bc1);
      const T sqrtBc2 = static_cast<T>(std::sqrt(bc2));
      const T eps = static_cast<T>(m_spec.eps);
      for (int64_t i = 0; i < n; ++i) {
        m[i] = b1 * m[i] + (T(1) - b1) * g[i];
        v[i] = b2 * v[i] + (T(1) - b2) * g[i] * g[i];
        const T denom = std::sqrt(v[i]) / sqrtBc2 + eps;
        p[i] -= stepSize * m[i] / denom;
      }
      break;
    }
  }
}

template class Optimizer<float>;
template class Optimizer<double>;

}  // namespace nr::core
