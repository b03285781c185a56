// [SECTION] index: names and spec checks · construction and buffers · forward · norm layers · losses · backward ·
// penalties · training and inference entry points. Accessors, telemetry, pruning masks and state: mlp_access.cpp.
#include "nr/mlp.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <stdexcept>

namespace nr::core {

// [SECTION] Names and spec checks

const char* toString(Activation a) {
  switch (a) {
    case Activation::Linear:
      return "linear";
    case Activation::Relu:
      return "relu";
    case Activation::Tanh:
      return "tanh";
    case Activation::Sigmoid:
      return "sigmoid";
  }
  return "?";
}

const char* toString(LossKind l) {
  switch (l) {
    case LossKind::Mse:
      return "mse";
    case LossKind::BceWithLogits:
      return "bce-with-logits";
    case LossKind::SoftmaxCrossEntropy:
      return "softmax-cross-entropy";
  }
  return "?";
}

const char* toString(NormLayer n) {
  switch (n) {
    case NormLayer::None:
      return "none";
    case NormLayer::Batch:
      return "batch";
    case NormLayer::Layer:
      return "layer";
  }
  return "?";
}

MlpSpec MlpSpec::make(int inputs, const std::vector<int>& widths, int outputs, Activation act, LossKind loss) {
  MlpSpec s;
  s.inputs = inputs;
  s.outputs = outputs;
  s.loss = loss;
  for (int w : widths) {
    HiddenLayerSpec h;
    h.units = w;
    h.activation = act;
    s.hidden.push_back(h);
  }
  return s;
}

std::string validate(const MlpSpec& s) {
  if (s.inputs < 1) return "the network needs at least one input, got " + std::to_string(s.inputs);
  if (s.outputs < 1) return "the network needs at least one output, got " + std::to_string(s.outputs);
  if (s.loss == LossKind::SoftmaxCrossEntropy && s.outputs < 2)
    return "softmax cross-entropy needs one output per class (at least 2); for two classes with one output use "
           "binary cross-entropy with logits";
  for (size_t i = 0; i < s.hidden.size(); ++i) {
    const HiddenLayerSpec& h = s.hidden[i];
    if (h.units < 1)
      return "hidden layer " + std::to_string(i + 1) + " needs at least one unit, got " + std::to_string(h.units);
    if (!(h.dropout >= 0.0 && h.dropout < 1.0))
      return "dropout of hidden layer " + std::to_string(i + 1) +
             " must lie in [0, 1) (it is the drop probability), got " + std::to_string(h.dropout);
  }
  if (!(s.normEps > 0.0)) return "the norm layers' eps must be > 0; the usual value is 1e-5";
  if (!(s.bnMomentum >= 0.0 && s.bnMomentum <= 1.0))
    return "BatchNorm momentum must lie in [0, 1] (PyTorch's default is 0.1), got " + std::to_string(s.bnMomentum);
  if (s.maxBatch < 1) return "maxBatch must be >= 1, got " + std::to_string(s.maxBatch);
  return {};
}

// [SECTION] Construction and buffers

template <typename T>
BasicMlp<T>::BasicMlp(const MlpSpec& spec) : m_spec(spec), m_rng(spec.seed ^ 0xd1b54a32d192ed03ULL) {
  if (std::string err = validate(spec); !err.empty()) throw std::invalid_argument(err);
  int64_t offset = 0;
  int in = spec.inputs;
  const size_t nLayers = spec.hidden.size() + 1;
  m_layers.resize(nLayers);
  for (size_t i = 0; i < nLayers; ++i) {
    Layer& L = m_layers[i];
    L.hidden = i + 1 < nLayers;
    L.in = in;
    L.out = L.hidden ? spec.hidden[i].units : spec.outputs;
    if (L.hidden) {
      L.act = spec.hidden[i].activation;
      L.norm = spec.hidden[i].norm;
      L.dropout = spec.hidden[i].dropout;
    }
    L.w = {offset, int64_t(L.out) * L.in};
    offset += L.w.count;
    L.b = {offset, L.out};
    offset += L.out;
    if (L.norm != NormLayer::None) {
      L.gamma = {offset, L.out};
      offset += L.out;
      L.beta = {offset, L.out};
      offset += L.out;
    }
    if (L.norm == NormLayer::Batch) {
      L.runMean.assign(L.out, 0.0);
      L.runVar.assign(L.out, 1.0);
    }
    in = L.out;
  }
  m_params.assign(offset, T(0));
  m_grads.assign(offset, T(0));
  m_pruneMask.assign(offset, T(1));
  m_decayMask.assign(offset, T(0));
  // torch.nn.Linear's default init (kaiming_uniform with a = √5 gives the same bound as the bias).
  Rng init(spec.seed);
  for (Layer& L : m_layers) {
    const double bound = 1.0 / std::sqrt(static_cast<double>(L.in));
    for (int64_t k = 0; k < L.w.count; ++k) m_params[L.w.offset + k] = static_cast<T>(init.uniform(-bound, bound));
    for (int64_t k = 0; k < L.b.count; ++k) m_params[L.b.offset + k] = static_cast<T>(init.uniform(-bound, bound));
    for (int64_t k = 0; k < L.gamma.count; ++k) m_params[L.gamma.offset + k] = T(1);
  }
  setRegularization(m_reg);
  resizeBuffers(spec.maxBatch);
}

template <typename T>
void BasicMlp<T>::resizeBuffers(int capacity) {
  int widest = 1;
  for (Layer& L : m_layers) {
    const size_t size = size_t(L.out) * capacity;
    L.z.assign(size, T(0));
    L.xhat.assign(L.norm != NormLayer::None ? size : 0, T(0));
    L.invStd.assign(L.norm != NormLayer::None ? std::max(L.out, capacity) : 0, T(0));
    L.h.assign(L.hidden ? size : 0, T(0));
    L.mask.assign(L.hidden ? size : 0, T(1));
    L.a.assign(L.hidden && L.dropout > 0.0 ? size : 0, T(0));
    L.maskActive = false;
    L.readsA = false;
    widest = std::max(widest, L.out);
  }
  m_scratchA.assign(size_t(widest) * capacity, T(0));
  m_scratchB.assign(size_t(widest) * capacity, T(0));
  m_outGrad.assign(size_t(m_spec.outputs) * capacity, T(0));
  m_capacity = capacity;
  m_lastBatch = 0;
}

template <typename T>
void BasicMlp<T>::reserveBatch(int n) {
  if (n > m_capacity) resizeBuffers(n);
}

// [SECTION] Forward

template <typename T>
void BasicMlp<T>::forward(const T* x, int n, bool train, bool sampleDropout) {
  const T* in = x;
  for (Layer& L : m_layers) {
    ConstMatrixMap A(in, L.in, n);
    ConstMatrixMap W(m_params.data() + L.w.offset, L.out, L.in);
    ConstVectorMap b(m_params.data() + L.b.offset, L.out);
    MatrixMap Z(L.z.data(), L.out, n);
    Z.noalias() = W * A;
    Z.colwise() += b;
    if (!L.hidden) break;
    if (L.norm != NormLayer::None) normForward(L, n, train);
    MatrixMap H(L.h.data(), L.out, n);
    switch (L.act) {
      case Activation::Linear:
        H = Z;
        break;
      case Activation::Relu:
        H = Z.cwiseMax(T(0));
        break;
      case Activation::Tanh:
        H.array() = Z.array().tanh();
        break;
      case Activation::Sigmoid:
        H.array() = Z.array().logistic();
        break;
    }
    L.readsA = false;
    const bool drop = L.dropout > 0.0 && (train || sampleDropout);
    const size_t count = size_t(L.out) * n;
    if (drop) {
      const double q = 1.0 - L.dropout;
      // keep ⇔ 53 random bits < q·2⁵³: the same test as Rng::uniform() < q, without the conversion.
      const uint64_t threshold = static_cast<uint64_t>(q * 9007199254740992.0);
      const T scale = m_spec.dropoutMode == DropoutMode::Inverted ? static_cast<T>(1.0 / q) : T(1);
      T* mask = L.mask.data();
      T* a = L.a.data();
      const T* h = L.h.data();
      for (size_t k = 0; k < count; ++k) {
        mask[k] = (m_rng.next() >> 11) < threshold ? T(1) : T(0);
        a[k] = h[k] * mask[k] * scale;
      }
      L.maskActive = true;
      L.readsA = true;
    } else {
      if (L.maskActive) std::fill(L.mask.begin(), L.mask.end(), T(1));
      L.maskActive = false;
      if (L.dropout > 0.0 && m_spec.dropoutMode == DropoutMode::ScaleAtTest) {
        const T q = static_cast<T>(1.0 - L.dropout);
        for (size_t k = 0; k < count; ++k) L.a[k] = L.h[k] * q;
        L.readsA = true;
      }
    }
    in = L.output();
  }
  m_lastBatch = n;
}

// [SECTION] Norm layers. Statistics are accumulated in double (the project's rule since the 1e4-offset cases).

template <typename T>
void BasicMlp<T>::normForward(Layer& L, int n, bool train) {
  MatrixMap Z(L.z.data(), L.out, n);
  MatrixMap X(L.xhat.data(), L.out, n);
  const T* g = m_params.data() + L.gamma.offset;
  const T* be = m_params.data() + L.beta.offset;
  const double eps = m_spec.normEps;
  if (L.norm == NormLayer::Batch) {
    const double mom = m_spec.bnMomentum;
    for (int r = 0; r < L.out; ++r) {
      double mean, var;
      if (train) {
        double s = 0.0;
        for (int c = 0; c < n; ++c) s += Z(r, c);
        mean = s / n;
        double ss = 0.0;
        for (int c = 0; c < n; ++c) ss += (Z(r, c) - mean) * (Z(r, c) - mean);
        var = ss / n;
        L.runMean[r] = (1.0 - mom) * L.runMean[r] + mom * mean;
        L.runVar[r] = (1.0 - mom) * L.runVar[r] + mom * var * n / (n - 1.0);
      } else {
        mean = L.runMean[r];
        var = L.runVar[r];
      }
      const double inv = 1.0 / std::sqrt(var + eps);
      L.invStd[r] = static_cast<T>(inv);
      for (int c = 0; c < n; ++c) {
        X(r, c) = static_cast<T>((Z(r, c) - mean) * inv);
        Z(r, c) = g[r] * X(r, c) + be[r];
      }
    }
  } else {  // LayerNorm: per sample over its features, the same in train and eval mode
    for (int c = 0; c < n; ++c) {
      double s = 0.0;
      for (int r = 0; r < L.out; ++r) s += Z(r, c);
      const double mean = s / L.out;
      double ss = 0.0;
      for (int r = 0; r < L.out; ++r) ss += (Z(r, c) - mean) * (Z(r, c) - mean);
      const double inv = 1.0 / std::sqrt(ss / L.out + eps);
      L.invStd[c] = static_cast<T>(inv);
      for (int r = 0; r < L.out; ++r) {
        X(r, c) = static_cast<T>((Z(r, c) - mean) * inv);
        Z(r, c) = g[r] * X(r, c) + be[r];
      }
    }
  }
}

// d holds ∂L/∂(γx̂ + β) on entry and ∂L/∂z on return. With m elements per statistic:
//   ∂L/∂z = (1/σ)·(∂L/∂x̂ − mean(∂L/∂x̂) − x̂·mean(∂L/∂x̂ · x̂))
template <typename T>
void BasicMlp<T>::normBackward(Layer& L, T* dPtr, int n) {
  MatrixMap D(dPtr, L.out, n);
  ConstMatrixMap X(L.xhat.data(), L.out, n);
  const T* g = m_params.data() + L.gamma.offset;
  T* dg = m_grads.data() + L.gamma.offset;
  T* db = m_grads.data() + L.beta.offset;
  for (int r = 0; r < L.out; ++r) {
    double sg = 0.0, sb = 0.0;
    for (int c = 0; c < n; ++c) {
      sg += double(D(r, c)) * X(r, c);
      sb += D(r, c);
    }
    dg[r] = static_cast<T>(sg);
    db[r] = static_cast<T>(sb);
  }
  if (L.norm == NormLayer::Batch) {
    for (int r = 0; r < L.out; ++r) {
      double s1 = 0.0, s2 = 0.0;
      for (int c = 0; c < n; ++c) {
        const double dx = double(D(r, c)) * g[r];
        s1 += dx;
        s2 += dx * X(r, c);
      }
      s1 /= n;
      s2 /= n;
      for (int c = 0; c < n; ++c) D(r, c) = static_cast<T>(L.invStd[r] * (double(D(r, c)) * g[r] - s1 - X(r, c) * s2));
    }
  } else {
    for (int c = 0; c < n; ++c) {
      double s1 = 0.0, s2 = 0.0;
      for (int r = 0; r < L.out; ++r) {
        const double dx = double(D(r, c)) * g[r];
        s1 += dx;
        s2 += dx * X(r, c);
      }
      s1 /= L.out;
      s2 /= L.out;
      for (int r = 0; r < L.out; ++r)
        D(r, c) = static_cast<T>(L.invStd[c] * (double(D(r, c)) * g[r] - s1 - X(r, c) * s2));
    }
  }
}

// [SECTION] Losses: the mean over the batch (and over outputs for MSE and BCE, as PyTorch's reduction='mean').

template <typename T>
double BasicMlp<T>::dataLossAndGradient(const T* y, int n, bool wantGradient) {
  const Layer& out = m_layers.back();
  const int k = out.out;
  const T* z = out.z.data();
  T* d = m_outGrad.data();
  double loss = 0.0;
  switch (m_spec.loss) {
    case LossKind::Mse: {
      const double inv = 1.0 / (double(n) * k);
      for (int i = 0; i < n * k; ++i) {
        const double diff = double(z[i]) - y[i];
        loss += diff * diff;
        if (wantGradient) d[i] = static_cast<T>(2.0 * diff * inv);
      }
      return loss * inv;
    }
    case LossKind::BceWithLogits: {
      // max(z, 0) − z·y + log(1 + e^−|z|): no overflow for any z (PyTorch's formulation).
      const double inv = 1.0 / (double(n) * k);
      for (int i = 0; i < n * k; ++i) {
        const double zi = z[i], yi = y[i];
        loss += std::max(zi, 0.0) - zi * yi + std::log1p(std::exp(-std::abs(zi)));
        if (wantGradient) d[i] = static_cast<T>((1.0 / (1.0 + std::exp(-zi)) - yi) * inv);
      }
      return loss * inv;
    }
    case LossKind::SoftmaxCrossEntropy: {
      for (int c = 0; c < n; ++c) {
        const T* zc = z + size_t(c) * k;
        double mx = zc[0];
        for (int r = 1; r < k; ++r) mx = std::max(mx, double(zc[r]));
        double s = 0.0;
        for (int r = 0; r < k; ++r) s += std::exp(zc[r] - mx);
        const double lse = mx + std::log(s);
        T* dc = d + size_t(c) * k;
        if (m_spec.softTargets) {
          // −Σ_r y_r·log softmax_r = lse·Σy − Σ y_r z_r; gradient softmax·Σy − y (Σy = 1 for a distribution).
          const T* yc = y + size_t(c) * k;
          double sumY = 0.0;
          for (int r = 0; r < k; ++r) {
            sumY += yc[r];
            loss -= double(yc[r]) * zc[r];
          }
          loss += lse * sumY;
          if (wantGradient)
            for (int r = 0; r < k; ++r) dc[r] = static_cast<T>((std::exp(zc[r] - lse) * sumY - yc[r]) / n);
          continue;
        }
        const int label = static_cast<int>(y[c]);
        if (label < 0 || label >= k || double(label) != double(y[c]))
          throw std::invalid_argument("softmax cross-entropy needs class indices 0.." + std::to_string(k - 1) +
                                      " as targets (or set softTargets for per-class probabilities); sample " +
                                      std::to_string(c) + " has " + std::to_string(double(y[c])));
        loss += lse - zc[label];
        if (wantGradient)
          for (int r = 0; r < k; ++r) dc[r] = static_cast<T>((std::exp(zc[r] - lse) - (r == label ? 1.0 : 0.0)) / n);
      }
      return loss / n;
    }
  }
  return loss;
}

// [SECTION] Backward

template <typename T>
void BasicMlp<T>::backward(const T* x, int n) {
  T* d = m_outGrad.data();
  for (int i = layerCount() - 1; i >= 0; --i) {
    const Layer& L = m_layers[i];
    ConstMatrixMap A(i == 0 ? x : m_layers[i - 1].output(), L.in, n);
    ConstMatrixMap D(d, L.out, n);
    MatrixMap dW(m_grads.data() + L.w.offset, L.out, L.in);
    VectorMap db(m_grads.data() + L.b.offset, L.out);
    dW.noalias() = D * A.transpose();
    db.noalias() = D.rowwise().sum();
    if (i == 0) break;
    Layer& P = m_layers[i - 1];
    T* dPrev = d == m_scratchA.data() ? m_scratchB.data() : m_scratchA.data();
    MatrixMap dA(dPrev, P.out, n);
    dA.noalias() = ConstMatrixMap(m_params.data() + L.w.offset, L.out, L.in).transpose() * D;
    if (P.maskActive) {
      const T scale = m_spec.dropoutMode == DropoutMode::Inverted ? static_cast<T>(1.0 / (1.0 - P.dropout)) : T(1);
      dA.array() *= ConstMatrixMap(P.mask.data(), P.out, n).array() * scale;
    }
    ConstMatrixMap H(P.h.data(), P.out, n);
    switch (P.act) {
      case Activation::Linear:
        break;
      case Activation::Relu:
        dA.array() *= (H.array() > T(0)).template cast<T>();
        break;
      case Activation::Tanh:
        dA.array() *= T(1) - H.array().square();
        break;
      case Activation::Sigmoid:
        dA.array() *= H.array() * (T(1) - H.array());
        break;
    }
    if (P.norm != NormLayer::None) normBackward(P, dPrev, n);
    d = dPrev;
  }
}

// [SECTION] Penalties: λ₁Σ|w| and (λ₂/2)Σw² over the decay mask; sign(0) = 0 (the subgradient that keeps 0 at 0).

template <typename T>
void BasicMlp<T>::addPenalties(LossParts& parts, bool wantGradient) {
  if (m_reg.l1 == 0.0 && m_reg.l2 == 0.0) return;
  const T l1 = static_cast<T>(m_reg.l1), l2 = static_cast<T>(m_reg.l2);
  double s1 = 0.0, s2 = 0.0;
  const int64_t count = parameterCount();
  for (int64_t i = 0; i < count; ++i) {
    const T p = m_params[i], m = m_decayMask[i];
    s1 += double(m) * std::abs(double(p));
    s2 += double(m) * double(p) * p;
    if (wantGradient) m_grads[i] += m * (l1 * T((p > T(0)) - (p < T(0))) + l2 * p);
  }
  parts.l1 = m_reg.l1 * s1;
  parts.l2 = 0.5 * m_reg.l2 * s2;
}

// [SECTION] Training and inference entry points

template <typename T>
LossParts BasicMlp<T>::computeGradients(const T* x, const T* y, int batch) {
  if (batch < 1) throw std::invalid_argument("a training batch needs at least one sample");
  for (const Layer& L : m_layers)
    if (L.norm == NormLayer::Batch && batch < 2)
      throw std::invalid_argument(
          "BatchNorm needs a batch of at least 2 in training mode (the variance of one "
          "sample is 0); raise the batch size or switch to LayerNorm");
  reserveBatch(batch);
  forward(x, batch, true, false);
  LossParts parts;
  parts.data = dataLossAndGradient(y, batch, true);
  backward(x, batch);
  addPenalties(parts, true);
  if (m_hasPruning)
    for (size_t i = 0; i < m_grads.size(); ++i) m_grads[i] *= m_pruneMask[i];
  return parts;
}

template <typename T>
LossParts BasicMlp<T>::trainStep(const T* x, const T* y, int batch, Optimizer<T>& optimizer) {
  if (optimizer.count() != parameterCount())
    throw std::invalid_argument("the optimizer was made for " + std::to_string(optimizer.count()) +
                                " parameters but the network has " + std::to_string(parameterCount()) +
                                "; construct it with Optimizer(spec, mlp.parameterCount())");
  const LossParts parts = computeGradients(x, y, batch);
  optimizer.step(m_params.data(), m_grads.data(), m_decayMask.data());
  // The optimizer may move a masked weight (decay of 0 is 0, but Adam's old moments are not): re-apply the mask.
  if (m_hasPruning)
    for (size_t i = 0; i < m_params.size(); ++i) m_params[i] *= m_pruneMask[i];
  return parts;
}

template <typename T>
void BasicMlp<T>::predict(const T* x, int n, T* out, bool sampleDropout) {
  if (n < 1) return;
  reserveBatch(n);
  forward(x, n, false, sampleDropout);
  std::memcpy(out, m_layers.back().z.data(), sizeof(T) * size_t(n) * m_spec.outputs);
}

template <typename T>
LossParts BasicMlp<T>::evaluate(const T* x, const T* y, int n) {
  LossParts parts;
  if (n < 1) return parts;
  reserveBatch(n);
  forward(x, n, false, false);
  parts.data = dataLossAndGradient(y, n, false);
  addPenalties(parts, false);
  return parts;
}

template <typename T>
double BasicMlp<T>::accuracy(const T* x, const T* y, int n) {
  if (m_spec.loss == LossKind::Mse) return std::numeric_limits<double>::quiet_NaN();
  if (n < 1) return 0.0;
  reserveBatch(n);
  forward(x, n, false, false);
  const int k = m_spec.outputs;
  const T* z = m_layers.back().z.data();
  int64_t right = 0, total = 0;
  if (m_spec.loss == LossKind::BceWithLogits) {
    for (int i = 0; i < n * k; ++i, ++total) right += (z[i] > T(0)) == (y[i] > T(0.5));
  } else {
    for (int c = 0; c < n; ++c, ++total) {
      const T* zc = z + size_t(c) * k;
      const int label = m_spec.softTargets
                            ? int(std::max_element(y + size_t(c) * k, y + size_t(c + 1) * k) - (y + size_t(c) * k))
                            : static_cast<int>(y[c]);
      right += (std::max_element(zc, zc + k) - zc) == label;
    }
  }
  return double(right) / double(total);
}

template class BasicMlp<float>;
template class BasicMlp<double>;

}  // namespace nr::core
