#pragma once
// First-order optimizers over one flat parameter buffer, with PyTorch's update rules (torch.optim, 1.13):
//   SGD       p ← p − lr·g
//   Momentum  b ← μ·b + g (b = g on the first step);  p ← p − lr·b
//   Adam      m ← β₁m + (1−β₁)g;  v ← β₂v + (1−β₂)g²;  p ← p − lr·(m/(1−β₁ᵗ)) / (√(v/(1−β₂ᵗ)) + ε)
//   AdamW     Adam, after the decoupled decay below
// `weightDecay` λ is always *decoupled* (Loshchilov & Hutter): p ← p − lr·λ·p, applied before the gradient step,
// exactly PyTorch's AdamW. The coupled kind — a penalty (λ/2)‖w‖² whose gradient λw enters g and so also enters
// Adam's moments — is Regularization::l2 in nr/mlp.h, reported as part of the loss. The weight-decay lesson
// contrasts the two: for SGD they coincide (p − lr(g + λp) = (1 − lr·λ)p − lr·g), for Adam they do not.
//
// Adam with weightDecay > 0 behaves as AdamW: there is one decoupled decay, the two names exist for the menu.

#include <cstdint>
#include <string>
#include <vector>

namespace nr::core {

enum class OptimizerKind { Sgd, Momentum, Adam, AdamW };

const char* toString(OptimizerKind kind);

struct OptimizerSpec {
  OptimizerKind kind = OptimizerKind::Sgd;
  double lr = 0.1;
  double momentum = 0.9;                          ///< Momentum only (PyTorch's dampening 0, no Nesterov)
  double beta1 = 0.9, beta2 = 0.999, eps = 1e-8;  ///< Adam, AdamW
  double weightDecay = 0.0;                       ///< decoupled decay λ (see above); 0 = none
};

/// Holds the optimizer state (momentum buffer, Adam moments, step count) for `count` parameters.
template <typename T>
class Optimizer {
 public:
  Optimizer() = default;
  /// Throws std::invalid_argument on a non-positive lr or an out-of-range β, momentum or decay.
  Optimizer(const OptimizerSpec& spec, int64_t count);

  /// One update of params[0..count). `decayMask[i]` (1 or 0) selects the parameters that decay (weights, and
  /// biases/γ/β only when asked); nullptr = all. Allocation-free.
  void step(T* params, const T* grads, const T* decayMask);

  /// Changes lr, momentum, β, decay between steps (the lesson's sliders) without losing the state. Changing the
  /// kind resets the state. Throws like the constructor.
  void setSpec(const OptimizerSpec& spec);
  const OptimizerSpec& spec() const { return m_spec; }
  int64_t stepCount() const { return m_t; }
  /// Number of parameters this optimizer holds state for.
  int64_t count() const { return m_count; }
  void reset();

  /// Momentum buffer (Momentum) or Adam's first moment m; Adam's second moment v (zeros for SGD). The
  /// weight-decay lesson's "effective per-weight decay" of Adam+L2 is lr·λ/(√(v/(1−β₂ᵗ)) + ε) per weight, against
  /// AdamW's lr·λ for all weights.
  const std::vector<T>& firstMoment() const { return m_m; }
  const std::vector<T>& secondMoment() const { return m_v; }

 private:
  OptimizerSpec m_spec;
  int64_t m_count = 0, m_t = 0;
  std::vector<T> m_m, m_v;  // momentum buffer / Adam first moment; Adam second moment
};

/// Message for a bad spec ("learning rate must be > 0, got -0.1"), empty when valid.
std::string validate(const OptimizerSpec& spec);

extern template class Optimizer<float>;
extern template class Optimizer<double>;

}  // namespace nr::core
