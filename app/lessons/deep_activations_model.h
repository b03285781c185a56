#pragma once
// The numbers behind the deep-activations lesson, without any ImGui: a deep MLP trained with plain SGD, and a probe
// of it — one forward and backward pass over the whole training set on a copy of the net — giving every hidden
// layer's activation histogram and statistics and every dense layer's weight-gradient norm, with their history over
// the probes. The lesson draws these; the tests check them against a naive double-precision pass.

#include <cstdint>
#include <memory>
#include <vector>

#include "nr/trainer.h"

namespace nr::app {

class DeepActivationsModel {
 public:
  enum ActivationChoice { kSigmoid, kTanh, kRelu };

  struct Params {
    int activation = kSigmoid;  ///< sigmoid, tanh, relu
    int norm = 0;               ///< none, batch, layer (as core::NormLayer)
    float initScale = 1.0f;     ///< multiplies PyTorch's default init U(±1/√fan_in)
    int depth = 8, width = 32;
    double lr = 0.1;
    int dataset = 0;             ///< circle, xor, gaussians, spiral, moons (as core::DatasetKind)
    bool preActivation = false;  ///< histogram z (before φ) instead of h = φ(z)
    int seed = 1;
    int pretrain = 0;  ///< epochs trained at once when a scene is loaded
  };
  static constexpr int kBins = 40;
  static constexpr int kBatch = 32;

  /// What the picture shows of one hidden layer, from one probe pass over the whole training set.
  struct LayerStats {
    double mean = 0.0, stddev = 0.0;  ///< of all the layer's values (units × samples)
    double saturated = 0.0;           ///< sigmoid: h < 0.01 or > 0.99; tanh: |h| > 0.99; relu: h = 0 exactly
    std::vector<int> counts;  ///< kBins bins over [histLo, histHi]; values beyond go into the end bins; ReLU's h = 0 not counted
  };

  DeepActivationsModel();
  ~DeepActivationsModel();
  /// A fresh net, data and trainer for `p` (pretrain is not trained here: see pretrain()), probed once.
  void rebuild(const Params& p);
  const Params& params() const { return m_p; }

  /// `steps` SGD steps and a probe, unless the run has diverged.
  void train(int steps);
  /// p.pretrain epochs, stopping early if the run diverges.
  void pretrain();
  /// Up to `maxSteps` steps within `budgetSeconds` of wall-clock time (no probe: the caller decides when).
  void advance(int maxSteps, double budgetSeconds);
  /// Recomputes the probe if the net changed since the last one (normally every few steps).
  void probe();
  /// Histograms of z instead of h, or back: re-probes at the same step without adding a point to the histories.
  void setPreActivation(bool pre);

  bool diverged() const { return m_diverged; }
  int stepsPerEpoch() const { return (m_trainer->trainSet().size() + kBatch - 1) / kBatch; }
  const core::Trainer& trainer() const { return *m_trainer; }
  const core::MlpSpec& netSpec() const { return m_spec; }
  /// The probe batch: the whole training set, in training mode (BatchNorm uses its statistics).
  const core::LabeledData& probeSet() const { return m_trainer->trainSet(); }
  const std::vector<LayerStats>& layerStats() const { return m_stats; }
  /// ‖∂L/∂W_l‖_F for every dense layer (hidden layers, then the output layer) on the probe batch.
  const std::vector<double>& gradientNorms() const { return m_gradNorms; }
  /// 1, 2, …: the x of each layer's gradient bar.
  const std::vector<double>& layerIndex() const { return m_layerIndex; }
  /// The histories, one entry per finite probe: its step, its loss on the training set, layer l's gradient norm.
  const std::vector<double>& stepHistory() const { return m_histStep; }
  const std::vector<double>& lossHistory() const { return m_histLoss; }
  const std::vector<double>& normHistory(int layer) const { return m_histNorm[layer]; }
  /// The histograms' common value range.
  double histLo() const { return m_histLo; }
  double histHi() const { return m_histHi; }

 private:
  void checkDiverged();
  /// The histogram range from the probe's values (see probe()).
  void chooseHistRange();
  void layerStatistics(int layer, LayerStats& s) const;

  Params m_p;
  core::MlpSpec m_spec;
  std::unique_ptr<core::Trainer> m_trainer;
  std::unique_ptr<core::Mlp> m_probe;  ///< a copy of the net, so the probe leaves the trainer's telemetry alone
  bool m_diverged = false;
  int64_t m_probeStep = -1;
  std::vector<LayerStats> m_stats;
  std::vector<double> m_gradNorms;
  double m_histLo = -1.0, m_histHi = 1.0;
  std::vector<float> m_values;  ///< scratch: |value| of every layer, for the range's percentile
  std::vector<double> m_histStep, m_histLoss;
  std::vector<std::vector<double>> m_histNorm;
  std::vector<double> m_layerIndex;
};

}  // namespace nr::app
