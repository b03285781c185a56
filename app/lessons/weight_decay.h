#pragma once
// weight-decay — L2 in the loss versus decoupled weight decay (Loshchilov & Hutter 2019). Four runs from the same
// start on the same data: SGD+L2 and SGD+decay move identically; Adam+L2 and AdamW do not, because Adam divides
// the L2 gradient by √v̂, so weights with large gradients decay less. The lesson shows both curves and that
// per-weight effective decay.

#include <array>
#include <memory>
#include <vector>

#include "lessons/lesson.h"
#include "lessons/training_pace.h"
#include "nr/trainer.h"
#include "widgets/canvas_layout.h"
#include "widgets/plot.h"

namespace nr::app {

class WeightDecayLesson : public Lesson {
 public:
  struct Params {
    double lambda = 1e-2;  ///< the same λ for the L2 penalty and for the decay
    double sgdLr = 0.1, adamLr = 0.01;
    int seed = 1;
    int pretrain = 0;  ///< epochs trained at once when a scene is loaded
  };

  WeightDecayLesson();
  ~WeightDecayLesson() override;
  void drawControls(LessonContext& ctx) override;
  void drawCanvas(LessonContext& ctx) override;
  void drawFormula(LessonContext& ctx) override;
  std::string formulaLatex() const override;
  void update(double dt) override;
  bool canPlay() const override { return true; }
  void reset() override;
  bool resetKeepsSettings() const override { return true; }
  nlohmann::json params() const override;
  void setParams(const nlohmann::json& j, std::vector<std::string>& warnings, std::vector<std::string>& errors) override;
  void interact(int frame) override;
  const std::vector<ParamSpec>& paramSpecs() const override { return table().specs(); }

  /// Trains every run one epoch at a time, in lock step (tests and the Step button).
  void trainEpochs(int epochs);
  /// max |w_SGD+L2 − w_SGD+decay| over all parameters.
  double sgdDifference() const;
  /// max |w_Adam+L2 − w_AdamW|.
  double adamDifference() const;
  const core::Trainer& run(int i) const { return *m_runs[i]; }
  /// The histogram's data: log10 of Adam+L2's effective decay per step of every decayed weight, brought up to date.
  const std::vector<float>& effectiveDecay() {
    collectDecay();
    return m_effectiveDecay;
  }

 private:
  static const ParamTable<Params>& table();
  void rebuild();
  void collectDecay();
  void mirrorHistory();
  void drawCurves(LessonContext& ctx, Plot& plot, const char* id, const char* title, const char* yLabel,
                  const std::array<std::vector<double>, 4>& ys, ImVec2 size, bool logY);
  void drawDecay(LessonContext& ctx, ImVec2 size);
  static ImU32 runColor(int i);

  Params m_p;
  std::array<std::unique_ptr<core::Trainer>, 4> m_runs;  ///< SGD+L2, SGD+decay, Adam+L2, AdamW
  Plot m_lossPlot, m_normPlot, m_decayPlot;
  CanvasLayout m_layout;
  TrainingPace m_pace{5.0};  ///< epochs per second while playing
  std::array<std::vector<double>, 4> m_epoch, m_loss, m_norm;
  std::array<int64_t, 4> m_mirrorGeneration = {-1, -1, -1, -1};  ///< trainer history generation copied above
  std::vector<float> m_effectiveDecay;  ///< log10 of Adam+L2's per-weight decay per step
  int64_t m_decayStep = -1;
};

}  // namespace nr::app
