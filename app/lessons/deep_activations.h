#pragma once
// deep-activations — a deep MLP (8 hidden layers by default) trained with plain SGD, watched layer by layer: the
// distribution of every layer's activations and the norm of every layer's weight gradient as it trains. Without
// normalization, sigmoid and tanh activations shrink or saturate with depth and the early layers' gradients vanish;
// BatchNorm or LayerNorm keep every layer's distribution in place and the gradient norms level.

#include <memory>
#include <string>
#include <vector>

#include "lessons/lesson.h"
#include "nr/trainer.h"
#include "lessons/training_pace.h"
#include "widgets/canvas_layout.h"
#include "widgets/plot.h"

namespace nr::app {

class DeepActivationsLesson : public Lesson {
 public:
  struct Params {
    int activation = 0;  ///< sigmoid, tanh, relu
    int norm = 0;        ///< none, batch, layer
    float initScale = 1.0f;  ///< multiplies PyTorch's default init U(±1/√fan_in)
    int depth = 8, width = 32;
    double lr = 0.1;
    int dataset = 0;  ///< circle, xor, gaussians, spiral, moons
    bool preActivation = false;  ///< histogram z (before φ) instead of h = φ(z)
    int seed = 1;
    int pretrain = 0;  ///< epochs trained at once when a scene is loaded
  };
  static constexpr int kBins = 40;

  /// What the picture shows of one hidden layer, from one probe pass over the whole training set.
  struct LayerStats {
    double mean = 0.0, stddev = 0.0;  ///< of all the layer's values (units × samples)
    double saturated = 0.0;           ///< sigmoid: h < 0.01 or > 0.99; tanh: |h| > 0.99; relu: h = 0 exactly
    std::vector<int> counts;  ///< kBins bins over [histLo, histHi]; values beyond go into the end bins; ReLU's h = 0 not counted
  };

  DeepActivationsLesson();
  ~DeepActivationsLesson() override;
  void drawControls(LessonContext& ctx) override;
  void drawCanvas(LessonContext& ctx) override;
  void drawFormula(LessonContext& ctx) override;
  std::string formulaLatex() const override;
  void update(double dt) override;
  bool canPlay() const override { return true; }
  void reset() override;
  nlohmann::json params() const override;
  void setParams(const nlohmann::json& j, std::vector<std::string>& warnings, std::vector<std::string>& errors) override;
  void interact(int frame) override;
  int extremeSteps() const override { return 6; }
  void applyExtreme(int step) override;

  // For tests and the Step button.
  void train(int steps);
  bool diverged() const { return m_diverged; }
  const core::Trainer& trainer() const { return *m_trainer; }
  const core::MlpSpec& netSpec() const { return m_spec; }
  /// The probe batch: the whole training set, in training mode (BatchNorm uses its statistics).
  const core::LabeledData& probeSet() const { return m_trainer->trainSet(); }
  const std::vector<LayerStats>& layerStats() const { return m_stats; }
  /// ‖∂L/∂W_l‖_F for every dense layer (hidden layers, then the output layer) on the probe batch.
  const std::vector<double>& gradientNorms() const { return m_gradNorms; }
  /// The loss plot: the probe loss on the training set at each probe.
  const std::vector<double>& lossHistory() const { return m_histLoss; }
  double histLo() const { return m_histLo; }
  double histHi() const { return m_histHi; }
  /// Recomputes the probe now (normally every few steps).
  void probe();

 private:
  void rebuild();
  void checkDiverged();
  void drawHeatStrip(LessonContext& ctx, ImVec2 size);
  void drawLossPlot(LessonContext& ctx, ImVec2 size);
  void drawGradientBars(LessonContext& ctx, ImVec2 size);
  void drawGradientHistory(LessonContext& ctx, ImVec2 size);
  ImU32 layerColor(int layer) const;

  Params m_p;
  core::MlpSpec m_spec;
  std::unique_ptr<core::Trainer> m_trainer;
  std::unique_ptr<core::Mlp> m_probe;  ///< a copy of the net, so the probe leaves the trainer's telemetry alone
  bool m_diverged = false;
  int64_t m_probeStep = -1;
  int m_framesSinceProbe = 0;
  std::vector<LayerStats> m_stats;
  std::vector<double> m_gradNorms;
  double m_histLo = -1.0, m_histHi = 1.0;
  std::vector<float> m_values;  ///< scratch: one layer's values
  // Histories per probe: the step, the norms of every layer, the probe loss.
  std::vector<double> m_histStep, m_histLoss;
  std::vector<std::vector<double>> m_histNorm;
  std::vector<double> m_layerIndex;
  std::vector<std::string> m_labels;  ///< legend labels of the norm history, kept alive until Plot::end()
  Plot m_barPlot, m_normPlot, m_lossPlot;
  std::vector<std::string> m_barLabels;  // "##l1", "##l2", ...: borrowed by m_barPlot until its end()
  CanvasLayout m_layout;
  TrainingPace m_pace{4.0};  ///< epochs per second while playing
};

}  // namespace nr::app
