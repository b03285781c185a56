#pragma once
// batch-stats — why BatchNorm depends on the batch, and why train and eval differ. Mini-batches drawn from a known
// population: their μ_B and σ²_B scatter around the population values inside the 1/√B band, the running averages
// track them with momentum, and one fixed input's BN output jumps with its batch-mates while LN and GN stay put.

#include <vector>

#include "lessons/batch_stats_model.h"
#include "lessons/lesson.h"
#include "widgets/canvas_layout.h"
#include "widgets/plot.h"

namespace nr::app {

class BatchStatsLesson : public Lesson {
 public:
  using Params = BatchStatsModel::Params;

  BatchStatsLesson();
  void drawControls(LessonContext& ctx) override;
  void drawCanvas(LessonContext& ctx) override;
  void drawFormula(LessonContext& ctx) override;
  std::string formulaLatex() const override;
  bool canPlay() const override { return true; }
  void update(double dt) override;
  void reset() override;
  nlohmann::json params() const override;
  void setParams(const nlohmann::json& j, std::vector<std::string>& warnings, std::vector<std::string>& errors) override;
  void interact(int frame) override;
  const std::vector<ParamSpec>& paramSpecs() const override { return table().specs(); }

  const BatchStatsModel& model() const { return m_model; }

 private:
  static const ParamTable<Params>& table();
  void step();
  void drawMeanPlot(LessonContext& ctx, ImVec2 size);
  void drawVarPlot(LessonContext& ctx, ImVec2 size);
  void drawProbePlot(LessonContext& ctx, ImVec2 size);
  void drawMismatchPlot(LessonContext& ctx, ImVec2 size);

  Params m_p;
  BatchStatsModel m_model;
  double m_clock = 0.0;  ///< time since the last automatic step
  Plot m_meanPlot, m_varPlot, m_probePlot, m_mismatchPlot;
  CanvasLayout m_layout;
};

}  // namespace nr::app
