#pragma once
// batch-stats — why BatchNorm depends on the batch, and why train and eval differ. Mini-batches drawn from a known
// population: their μ_B and σ²_B scatter around the population values inside the 1/√B band, the running averages
// track them with momentum, and one fixed input's BN output jumps with its batch-mates while LN and GN stay put.

#include <vector>

#include "lessons/lesson.h"
#include "nr/batch_sampling.h"
#include "widgets/canvas_layout.h"
#include "widgets/plot.h"

namespace nr::app {

class BatchStatsLesson : public Lesson {
 public:
  static constexpr int kChannels = 4;
  static constexpr int kMaxSteps = 300;

  struct Params {
    int batch = 8;
    float momentum = 0.1f;
    int steps = 80;    ///< training steps taken so far (the simulation is replayed from the seed)
    int channel = 0;   ///< the channel the plots show
    float mean[kChannels] = {1.5f, -0.5f, 3.0f, 0.0f};
    float sd[kChannels] = {1.0f, 0.5f, 2.0f, 1.5f};
    float probe[kChannels] = {3.5f, -1.0f, 1.0f, 0.5f};  ///< the fixed input followed through the layers
    float gamma = 1.0f, beta = 0.0f;
    int seed = 1;
  };

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
  int extremeSteps() const override { return 8; }
  void applyExtreme(int step) override;

  // For tests.
  const Params& current() const { return m_p; }
  const std::vector<core::BatchStep>& history() const { return m_steps; }
  const std::vector<double>& mismatch() const { return m_mismatch; }
  static const std::vector<double>& mismatchBatchSizes();

 private:
  core::BatchSimConfig config() const;
  void recompute();
  void recomputeMismatch();
  void step();
  void drawMeanPlot(LessonContext& ctx, ImVec2 size);
  void drawVarPlot(LessonContext& ctx, ImVec2 size);
  void drawProbePlot(LessonContext& ctx, ImVec2 size);
  void drawMismatchPlot(LessonContext& ctx, ImVec2 size);

  Params m_p;
  double m_clock = 0.0;  ///< time since the last automatic step
  std::vector<core::BatchStep> m_steps;
  // Series of the shown channel, one value per step (borrowed by the plots).
  std::vector<double> m_bMean, m_bVar, m_rMean, m_rVar, m_train, m_eval, m_layer, m_group;
  std::vector<double> m_mismatch;
  nlohmann::json m_mismatchKey;  ///< the inputs m_mismatch was computed for
  Plot m_meanPlot, m_varPlot, m_probePlot, m_mismatchPlot;
  CanvasLayout m_layout;
};

}  // namespace nr::app
