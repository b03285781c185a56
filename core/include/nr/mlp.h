#pragma once
// A small multilayer perceptron with everything the training lessons switch on and off, and everything they show.
//
// Layers: dense → [BatchNorm | LayerNorm] → activation → [dropout], repeated for each hidden layer, then a dense
// output layer that gives logits. Losses: MSE, binary cross-entropy with logits, softmax cross-entropy. Penalties
// L1 (λ₁Σ|w|) and coupled L2 ((λ₂/2)Σw²) are added to the gradient and reported apart from the data loss;
// decoupled weight decay belongs to the optimizer (nr/optimizer.h). Magnitude-pruning masks (nr/pruning.h) are
// applied after every step, so pruned weights stay exactly 0 while the rest fine-tune.
//
// Why a template: the app and the benchmark use float — PyTorch's default dtype, twice the SIMD width, and Eigen's
// vectorized tanh/logistic exist for float only — while the finite-difference tests need double, where a central
// difference is accurate to ~1e-8 instead of ~1e-3. Both are instantiated in mlp.cpp; `Mlp` is the float one.
//
// Layout: activations are stored feature-major, a (features × batch) column-major matrix, which is the same memory
// as the usual row-major (batch × features) array: inputs and targets are passed as row-major (n × features)
// pointers. All buffers are allocated at construction (and grown by reserveBatch); a training step does not touch
// the heap.
//
// BatchNorm follows PyTorch (and nr/running_stats.h): the batch is normalized with its biased variance, the
// running variance is updated with the unbiased one, eval mode uses the running estimates. LayerNorm normalizes
// each sample over its features, the same in train and eval mode.

#include <Eigen/Core>
#include <cstdint>
#include <string>
#include <vector>

#include "nr/optimizer.h"
#include "nr/rng.h"

namespace nr::core {

enum class Activation { Linear, Relu, Tanh, Sigmoid };
enum class LossKind { Mse, BceWithLogits, SoftmaxCrossEntropy };
enum class NormLayer { None, Batch, Layer };
/// Inverted: scale kept units by 1/q while training, identity at test time (what frameworks do).
/// ScaleAtTest: no scaling while training, multiply by q at test time (the original paper's formulation).
/// Both keep E[output] equal between train and test; q is the keep probability.
enum class DropoutMode { Inverted, ScaleAtTest };

const char* toString(Activation a);
const char* toString(LossKind l);
const char* toString(NormLayer n);

struct HiddenLayerSpec {
  int units = 16;
  Activation activation = Activation::Tanh;
  NormLayer norm = NormLayer::None;
  double dropout = 0.0;  ///< drop probability p in [0, 1); keep probability q = 1 − p
};

struct MlpSpec {
  int inputs = 2;
  std::vector<HiddenLayerSpec> hidden;
  /// Output units. For softmax cross-entropy, the number of classes (≥ 2).
  int outputs = 1;
  LossKind loss = LossKind::BceWithLogits;
  /// Softmax cross-entropy only: targets are per-class probabilities (batch × outputs; mixup and cutmix labels)
  /// instead of class indices.
  bool softTargets = false;
  DropoutMode dropoutMode = DropoutMode::Inverted;
  double normEps = 1e-5;
  double bnMomentum = 0.1;  ///< PyTorch's BatchNorm momentum
  uint64_t seed = 1;        ///< initial weights and dropout masks
  int maxBatch = 32;        ///< buffers are sized for this; larger batches grow them once (outside the step)

  /// Target values per sample: 1 (a class index) for softmax cross-entropy with hard labels, else outputs.
  int targetWidth() const { return loss == LossKind::SoftmaxCrossEntropy && !softTargets ? 1 : outputs; }
  /// `widths` hidden layers of the same activation, e.g. make(2, {16, 16}, 1, Activation::Tanh).
  static MlpSpec make(int inputs, const std::vector<int>& widths, int outputs, Activation act,
                      LossKind loss = LossKind::BceWithLogits);
};

/// Message for a bad spec (what is wrong and what to do), empty when valid.
std::string validate(const MlpSpec& spec);

/// Penalties added to the data loss. They apply to the weights of the dense layers, and also to biases and the
/// norm layers' γ, β when includeBiases is set (what PyTorch's weight_decay does). The same set decays under the
/// optimizer's decoupled decay.
struct Regularization {
  double l1 = 0.0;  ///< λ₁ in λ₁Σ|w|
  double l2 = 0.0;  ///< λ₂ in (λ₂/2)Σw²: gradient λ₂w, the same as PyTorch's (coupled) weight_decay = λ₂
  bool includeBiases = false;
};

/// The loss of one batch, split as the lessons show it.
struct LossParts {
  double data = 0.0;          ///< mean loss over the batch
  double l1 = 0.0, l2 = 0.0;  ///< penalty values
  double total() const { return data + l1 + l2; }
};

/// What restore-best and the trainer's evaluation copy need: parameters, BN running statistics, pruning mask.
template <typename T>
struct MlpState {
  std::vector<T> params, pruneMask;
  std::vector<std::vector<double>> runningMean, runningVar;
};

/// Offset and length of a block inside the flat parameter (and gradient) buffer.
struct ParamBlock {
  int64_t offset = 0, count = 0;
};

template <typename T>
class BasicMlp {
 public:
  using Matrix = Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic>;
  using Vector = Eigen::Matrix<T, Eigen::Dynamic, 1>;
  using MatrixMap = Eigen::Map<Matrix>;
  using ConstMatrixMap = Eigen::Map<const Matrix>;
  using VectorMap = Eigen::Map<Vector>;
  using ConstVectorMap = Eigen::Map<const Vector>;

  /// Initializes weights and biases as torch.nn.Linear does: U(−1/√fan_in, 1/√fan_in); γ = 1, β = 0.
  /// Throws std::invalid_argument with the message of validate() on a bad spec.
  explicit BasicMlp(const MlpSpec& spec);

  const MlpSpec& spec() const { return m_spec; }
  /// Dense layers: hidden layers + the output layer. Layer l maps width(l − 1) → width(l); width(−1) = inputs.
  int layerCount() const { return static_cast<int>(m_layers.size()); }
  int width(int layer) const { return layer < 0 ? m_spec.inputs : m_layers[layer].out; }

  // [SECTION] Parameters: one flat buffer (W₀, b₀, γ₀, β₀, W₁, ...), and the gradient beside it.
  int64_t parameterCount() const { return static_cast<int64_t>(m_params.size()); }
  T* parameters() { return m_params.data(); }
  const T* parameters() const { return m_params.data(); }
  const T* gradients() const { return m_grads.data(); }
  T* gradients() { return m_grads.data(); }
  /// 1 for the parameters that are penalized and decay (see Regularization::includeBiases), else 0.
  const T* decayMask() const { return m_decayMask.data(); }
  ParamBlock weightBlock(int layer) const { return m_layers[layer].w; }
  ParamBlock biasBlock(int layer) const { return m_layers[layer].b; }
  /// W of layer l, width(l) × width(l − 1); W(i, j) connects input j to unit i (torch's weight[i][j]).
  MatrixMap weights(int layer);
  ConstMatrixMap weights(int layer) const;
  VectorMap bias(int layer);
  /// γ and β of the norm layer after dense layer l (hidden layers with a norm only; empty maps otherwise).
  VectorMap gamma(int layer);
  VectorMap beta(int layer);
  ConstMatrixMap weightGradient(int layer) const;
  /// BatchNorm running estimates of hidden layer l (empty when that layer has no BatchNorm).
  const std::vector<double>& runningMean(int layer) const { return m_layers[layer].runMean; }
  const std::vector<double>& runningVar(int layer) const { return m_layers[layer].runVar; }
  void setRunningStats(int layer, const std::vector<double>& mean, const std::vector<double>& var);

  /// Snapshot and restore (restore-best, "keep this run"). restoreState throws when the architecture differs.
  MlpState<T> saveState() const;
  void restoreState(const MlpState<T>& state);
  /// Copies parameters, running statistics, pruning mask and dropout settings from a net of the same
  /// architecture into this net's storage (allocation-free unless a layer's dropout is newly switched on): an
  /// evaluation copy that leaves `other`'s telemetry of its last training step alone.
  void copyStateFrom(const BasicMlp& other);

  // [SECTION] Training
  void setRegularization(const Regularization& reg);
  const Regularization& regularization() const { return m_reg; }
  /// Changes a hidden layer's drop probability or the dropout mode without a reset (the lesson's slider).
  void setDropout(int layer, double p);
  void setDropoutMode(DropoutMode mode) { m_spec.dropoutMode = mode; }
  void reseedDropout(uint64_t seed) { m_rng = Rng(seed); }

  /// Forward (training mode: batch statistics, fresh dropout masks, BN running stats updated), loss, penalties
  /// and backward; the gradient is left in gradients(). x: batch × inputs, row-major. y: batch × outputs
  /// (MSE, BCE: targets; BCE targets in [0, 1]) or batch class indices stored as T (softmax cross-entropy), or
  /// batch × outputs class probabilities (softmax cross-entropy with softTargets).
  LossParts computeGradients(const T* x, const T* y, int batch);
  /// computeGradients, then one optimizer step, then the pruning mask. Allocation-free for batch ≤ capacity.
  LossParts trainStep(const T* x, const T* y, int batch, Optimizer<T>& optimizer);
  /// Makes room for batches of n (allocates; call outside the timed loop).
  void reserveBatch(int n);
  int batchCapacity() const { return m_capacity; }

  // [SECTION] Inference (eval mode: BN running statistics, dropout off — or sampled, for MC dropout)
  /// Logits (n × outputs, row-major). With sampleDropout, dropout stays on (MC dropout; BN still uses the
  /// running estimates). May grow the buffers when n > capacity.
  void predict(const T* x, int n, T* out, bool sampleDropout = false);
  /// Eval-mode loss on a whole set (data loss and the current penalty values), without touching gradients.
  LossParts evaluate(const T* x, const T* y, int n);
  /// Fraction classified right: BCE by logit > 0 against y > 0.5, softmax by argmax, MSE: NaN.
  double accuracy(const T* x, const T* y, int n);

  // [SECTION] What the lessons show, from the last forward pass (valid until the next one)
  int lastBatch() const { return m_lastBatch; }
  /// Hidden layer l after the norm layer, before the activation: width(l) × lastBatch.
  ConstMatrixMap preActivations(int layer) const;
  /// Hidden layer l after the activation, before dropout: width(l) × lastBatch.
  ConstMatrixMap activations(int layer) const;
  /// Dropout keep mask of hidden layer l at the last forward (1 kept, 0 dropped): width(l) × lastBatch. All ones
  /// when that layer has no dropout or the pass was in eval mode.
  ConstMatrixMap dropoutMask(int layer) const;
  /// The output logits of the last forward: outputs × lastBatch.
  ConstMatrixMap logits() const;
  /// ‖∂L/∂W_l‖_F of the last backward (data loss + penalties).
  double gradientNorm(int layer) const;
  /// ‖W_l‖_F, or over all dense weights with layer = −1.
  double weightNorm(int layer = -1) const;

  // [SECTION] Pruning masks (set through nr/pruning.h or directly): 1 keeps a parameter, 0 holds it at exactly 0.
  const T* pruneMask() const { return m_pruneMask.data(); }
  /// Sets the mask (parameterCount() values of 0/1) and zeroes the masked parameters now.
  void setPruneMask(const std::vector<T>& mask);
  void clearPruning();
  bool hasPruning() const { return m_hasPruning; }

 private:
  struct Layer {
    int in = 0, out = 0;
    bool hidden = false;
    Activation act = Activation::Linear;
    NormLayer norm = NormLayer::None;
    double dropout = 0.0;
    ParamBlock w, b, gamma, beta;
    std::vector<T> z;       // pre-activation (after the norm's affine map); logits for the output layer
    std::vector<T> xhat;    // normalized, before γ, β
    std::vector<T> invStd;  // BN: per unit; LN: per sample
    std::vector<T> h;       // after the activation
    std::vector<T> mask;    // dropout keep mask
    std::vector<T> a;       // after dropout (the next layer's input) when dropout is active
    bool readsA = false;    // the next layer reads a (dropout or test-time scaling acted), else h
    // An index rather than a pointer, so that copies of a net (kept runs, MC-dropout copies) stay self-contained.
    const T* output() const { return readsA ? a.data() : h.data(); }
    bool maskActive = false;
    std::vector<double> runMean, runVar;
  };

  void forward(const T* x, int n, bool train, bool sampleDropout);
  double dataLossAndGradient(const T* y, int n, bool wantGradient);
  void backward(const T* x, int n);
  void addPenalties(LossParts& parts, bool wantGradient);
  void normForward(Layer& L, int n, bool train);
  void normBackward(Layer& L, T* d, int n);
  void resizeBuffers(int capacity);

  MlpSpec m_spec;
  Regularization m_reg;
  std::vector<Layer> m_layers;
  std::vector<T> m_params, m_grads, m_decayMask, m_pruneMask;
  std::vector<T> m_scratchA, m_scratchB, m_outGrad;
  bool m_hasPruning = false;
  int m_capacity = 0, m_lastBatch = 0;
  Rng m_rng;
};

using Mlp = BasicMlp<float>;

extern template class BasicMlp<float>;
extern template class BasicMlp<double>;

}  // namespace nr::core
