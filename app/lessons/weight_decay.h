#pragma once
// weight-decay — L2 in the loss versus decoupled weight decay (Loshchilov & Hutter 2019). Four runs from the same
// start on the same data: SGD+L2 and SGD+decay move identically; Adam+L2 and AdamW do not, because Adam divides
// the L2 gradient by √v̂, so weights with large gradients decay less. The lesson shows both curves and that
// per-weight effective decay.

#include <vector>

#include "lessons/lesson.h"
#include "lessons/training_pace.h"
#include "lessons/weight_decay_model.h"
#include "widgets/canvas_layout.h"
#include "widgets/plot.h"

namespace nr::app {

class WeightDecayLesson : public Lesson {
 public:
  using Params = WeightDecayModel::Params;

  WeightDecayLesson();
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
  void trainEpochs(int epochs) { m_model.trainEpochs(epochs); }
  const WeightDecayModel& model() const { return m_model; }
  WeightDecayModel& model() { return m_model; }  ///< effectiveDecay() brings its cache up to date

 private:
  static const ParamTable<Params>& table();
  void rebuild();
  /// One of the model's curves of run i (its losses or its norms).
  using Curve = const std::vector<double>& (WeightDecayModel::*)(int) const;
  void drawCurves(LessonContext& ctx, Plot& plot, const char* id, const char* title, const char* yLabel, Curve ys,
                  ImVec2 size, bool logY);
  void drawDecay(LessonContext& ctx, ImVec2 size);
  static ImU32 runColor(int i);

  Params m_p;
  WeightDecayModel m_model;
  Plot m_lossPlot, m_normPlot, m_decayPlot;
  CanvasLayout m_layout;
  TrainingPace m_pace{5.0};  ///< epochs per second while playing
};

}  // namespace nr::app
