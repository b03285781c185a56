// BasicMlp's accessors: parameter views and settings, what the lessons show (telemetry), pruning masks, and
// state snapshots. The computation (forward, losses, backward, steps) is in mlp.cpp.
//
// mlp.cpp holds the class's explicit instantiation; the members defined here are instantiated one by one at the
// end (a second `template class` of the same specialization would be ill-formed).
#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include "nr/mlp.h"

namespace nr::core {

// [SECTION] Parameter views

template <typename T>
typename BasicMlp<T>::MatrixMap BasicMlp<T>::weights(int l) {
  const Layer& L = m_layers[l];
  return MatrixMap(m_params.data() + L.w.offset, L.out, L.in);
}
template <typename T>
typename BasicMlp<T>::ConstMatrixMap BasicMlp<T>::weights(int l) const {
  const Layer& L = m_layers[l];
  return ConstMatrixMap(m_params.data() + L.w.offset, L.out, L.in);
}
template <typename T>
typename BasicMlp<T>::VectorMap BasicMlp<T>::bias(int l) {
  return VectorMap(m_params.data() + m_layers[l].b.offset, m_layers[l].b.count);
}
template <typename T>
typename BasicMlp<T>::VectorMap BasicMlp<T>::gamma(int l) {
  return VectorMap(m_params.data() + m_layers[l].gamma.offset, m_layers[l].gamma.count);
}
template <typename T>
typename BasicMlp<T>::VectorMap BasicMlp<T>::beta(int l) {
  return VectorMap(m_params.data() + m_layers[l].beta.offset, m_layers[l].beta.count);
}
template <typename T>
typename BasicMlp<T>::ConstMatrixMap BasicMlp<T>::weightGradient(int l) const {
  const Layer& L = m_layers[l];
  return ConstMatrixMap(m_grads.data() + L.w.offset, L.out, L.in);
}

template <typename T>
void BasicMlp<T>::setRunningStats(int l, const std::vector<double>& mean, const std::vector<double>& var) {
  Layer& L = m_layers[l];
  if (L.norm != NormLayer::Batch) throw std::invalid_argument("layer " + std::to_string(l) + " has no BatchNorm");
  if (mean.size() != L.runMean.size() || var.size() != L.runVar.size())
    throw std::invalid_argument("running statistics of layer " + std::to_string(l) + " need " + std::to_string(L.out) +
                                " values each");
  L.runMean = mean;
  L.runVar = var;
}

template <typename T>
void BasicMlp<T>::setRegularization(const Regularization& reg) {
  if (!(reg.l1 >= 0.0) || !(reg.l2 >= 0.0))
    throw std::invalid_argument("L1 and L2 strengths must be >= 0 (0 switches the penalty off)");
  m_reg = reg;
  std::fill(m_decayMask.begin(), m_decayMask.end(), reg.includeBiases ? T(1) : T(0));
  for (const Layer& L : m_layers) std::fill_n(m_decayMask.begin() + L.w.offset, L.w.count, T(1));
}

template <typename T>
void BasicMlp<T>::setDropout(int l, double p) {
  if (l < 0 || l + 1 >= layerCount())
    throw std::invalid_argument("dropout belongs to hidden layers 0.." + std::to_string(layerCount() - 2));
  if (!(p >= 0.0 && p < 1.0)) throw std::invalid_argument("dropout must lie in [0, 1), got " + std::to_string(p));
  Layer& L = m_layers[l];
  L.dropout = p;
  m_spec.hidden[l].dropout = p;
  if (p > 0.0 && L.a.size() != L.h.size()) L.a.assign(L.h.size(), T(0));
}

// [SECTION] Telemetry

template <typename T>
typename BasicMlp<T>::ConstMatrixMap BasicMlp<T>::preActivations(int l) const {
  return ConstMatrixMap(m_layers[l].z.data(), m_layers[l].out, m_lastBatch);
}
template <typename T>
typename BasicMlp<T>::ConstMatrixMap BasicMlp<T>::activations(int l) const {
  return ConstMatrixMap(m_layers[l].h.data(), m_layers[l].h.empty() ? 0 : m_layers[l].out, m_lastBatch);
}
template <typename T>
typename BasicMlp<T>::ConstMatrixMap BasicMlp<T>::dropoutMask(int l) const {
  return ConstMatrixMap(m_layers[l].mask.data(), m_layers[l].mask.empty() ? 0 : m_layers[l].out, m_lastBatch);
}
template <typename T>
typename BasicMlp<T>::ConstMatrixMap BasicMlp<T>::logits() const {
  return ConstMatrixMap(m_layers.back().z.data(), m_spec.outputs, m_lastBatch);
}
template <typename T>
double BasicMlp<T>::gradientNorm(int l) const {
  return static_cast<double>(weightGradient(l).norm());
}
template <typename T>
double BasicMlp<T>::weightNorm(int l) const {
  if (l >= 0) return static_cast<double>(weights(l).norm());
  double s = 0.0;
  for (int i = 0; i < layerCount(); ++i) s += double(weights(i).squaredNorm());
  return std::sqrt(s);
}

// [SECTION] Pruning masks

template <typename T>
void BasicMlp<T>::setPruneMask(const std::vector<T>& mask) {
  if (static_cast<int64_t>(mask.size()) != parameterCount())
    throw std::invalid_argument("a pruning mask needs one value per parameter (" + std::to_string(parameterCount()) +
                                "), got " + std::to_string(mask.size()));
  m_hasPruning = false;
  for (size_t i = 0; i < mask.size(); ++i) {
    m_pruneMask[i] = mask[i] != T(0) ? T(1) : T(0);
    m_hasPruning |= m_pruneMask[i] == T(0);
    m_params[i] *= m_pruneMask[i];
  }
}

template <typename T>
void BasicMlp<T>::clearPruning() {
  std::fill(m_pruneMask.begin(), m_pruneMask.end(), T(1));
  m_hasPruning = false;
}

// [SECTION] State

template <typename T>
MlpState<T> BasicMlp<T>::saveState() const {
  MlpState<T> s;
  s.params = m_params;
  s.pruneMask = m_pruneMask;
  for (const Layer& L : m_layers) {
    s.runningMean.push_back(L.runMean);
    s.runningVar.push_back(L.runVar);
  }
  return s;
}

template <typename T>
void BasicMlp<T>::restoreState(const MlpState<T>& s) {
  if (s.params.size() != m_params.size() || s.runningMean.size() != m_layers.size())
    throw std::invalid_argument("the saved state belongs to a different architecture (" +
                                std::to_string(s.params.size()) + " parameters, this net has " +
                                std::to_string(m_params.size()) + ")");
  m_params = s.params;
  setPruneMask(s.pruneMask.empty() ? std::vector<T>(m_params.size(), T(1)) : s.pruneMask);
  for (size_t i = 0; i < m_layers.size(); ++i) {
    m_layers[i].runMean = s.runningMean[i];
    m_layers[i].runVar = s.runningVar[i];
  }
}

template <typename T>
void BasicMlp<T>::copyStateFrom(const BasicMlp& o) {
  if (o.m_params.size() != m_params.size() || o.m_layers.size() != m_layers.size())
    throw std::invalid_argument("copyStateFrom needs a net of the same architecture");
  std::copy(o.m_params.begin(), o.m_params.end(), m_params.begin());
  std::copy(o.m_pruneMask.begin(), o.m_pruneMask.end(), m_pruneMask.begin());
  m_hasPruning = o.m_hasPruning;
  m_spec.dropoutMode = o.m_spec.dropoutMode;
  for (size_t i = 0; i < m_layers.size(); ++i) {
    std::copy(o.m_layers[i].runMean.begin(), o.m_layers[i].runMean.end(), m_layers[i].runMean.begin());
    std::copy(o.m_layers[i].runVar.begin(), o.m_layers[i].runVar.end(), m_layers[i].runVar.begin());
    if (m_layers[i].hidden && m_layers[i].dropout != o.m_layers[i].dropout) setDropout(int(i), o.m_layers[i].dropout);
  }
  m_reg = o.m_reg;
  std::copy(o.m_decayMask.begin(), o.m_decayMask.end(), m_decayMask.begin());
}

// [SECTION] Explicit instantiations of the members above

template typename BasicMlp<float>::MatrixMap BasicMlp<float>::weights(int);
template typename BasicMlp<float>::ConstMatrixMap BasicMlp<float>::weights(int) const;
template typename BasicMlp<float>::VectorMap BasicMlp<float>::bias(int);
template typename BasicMlp<float>::VectorMap BasicMlp<float>::gamma(int);
template typename BasicMlp<float>::VectorMap BasicMlp<float>::beta(int);
template typename BasicMlp<float>::ConstMatrixMap BasicMlp<float>::weightGradient(int) const;
template void BasicMlp<float>::setRunningStats(int, const std::vector<double>&, const std::vector<double>&);
template void BasicMlp<float>::setRegularization(const Regularization&);
template void BasicMlp<float>::setDropout(int, double);
template typename BasicMlp<float>::ConstMatrixMap BasicMlp<float>::preActivations(int) const;
template typename BasicMlp<float>::ConstMatrixMap BasicMlp<float>::activations(int) const;
template typename BasicMlp<float>::ConstMatrixMap BasicMlp<float>::dropoutMask(int) const;
template typename BasicMlp<float>::ConstMatrixMap BasicMlp<float>::logits() const;
template double BasicMlp<float>::gradientNorm(int) const;
template double BasicMlp<float>::weightNorm(int) const;
template void BasicMlp<float>::setPruneMask(const std::vector<float>&);
template void BasicMlp<float>::clearPruning();
template MlpState<float> BasicMlp<float>::saveState() const;
template void BasicMlp<float>::restoreState(const MlpState<float>&);
template void BasicMlp<float>::copyStateFrom(const BasicMlp<float>&);
template typename BasicMlp<double>::MatrixMap BasicMlp<double>::weights(int);
template typename BasicMlp<double>::ConstMatrixMap BasicMlp<double>::weights(int) const;
template typename BasicMlp<double>::VectorMap BasicMlp<double>::bias(int);
template typename BasicMlp<double>::VectorMap BasicMlp<double>::gamma(int);
template typename BasicMlp<double>::VectorMap BasicMlp<double>::beta(int);
template typename BasicMlp<double>::ConstMatrixMap BasicMlp<double>::weightGradient(int) const;
template void BasicMlp<double>::setRunningStats(int, const std::vector<double>&, const std::vector<double>&);
template void BasicMlp<double>::setRegularization(const Regularization&);
template void BasicMlp<double>::setDropout(int, double);
template typename BasicMlp<double>::ConstMatrixMap BasicMlp<double>::preActivations(int) const;
template typename BasicMlp<double>::ConstMatrixMap BasicMlp<double>::activations(int) const;
template typename BasicMlp<double>::ConstMatrixMap BasicMlp<double>::dropoutMask(int) const;
template typename BasicMlp<double>::ConstMatrixMap BasicMlp<double>::logits() const;
template double BasicMlp<double>::gradientNorm(int) const;
template double BasicMlp<double>::weightNorm(int) const;
template void BasicMlp<double>::setPruneMask(const std::vector<double>&);
template void BasicMlp<double>::clearPruning();
template MlpState<double> BasicMlp<double>::saveState() const;
template void BasicMlp<double>::restoreState(const MlpState<double>&);
template void BasicMlp<double>::copyStateFrom(const BasicMlp<double>&);

}  // namespace nr::core
