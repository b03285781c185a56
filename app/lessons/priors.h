#pragma once
// priors — the Bayesian view of L1 and L2: a Laplace prior on the weights is the L1 penalty, a Gaussian prior the
// L2 penalty, and the MAP estimate of a small linear regression is exactly the penalized solution for
// λ = σ²/(n·b) (Laplace, scale b) or λ = σ²/(n·τ²) (Gaussian, std τ). Narrow the prior and the MAP moves from the
// least-squares estimate towards 0; the Laplace MAP lands on an axis (an exact zero), the Gaussian MAP does not.

#include <array>
#include <memory>
#include <string>
#include <vector>

#include <Eigen/Dense>

#include "gfx/field_renderer.h"
#include "lessons/lesson.h"
#include "lessons/priors_model.h"
#include "widgets/canvas_layout.h"
#include "widgets/plot.h"

namespace nr::app {

class PriorsLesson : public Lesson {
 public:
  /// The model's parameters and what the panels show.
  struct Params : PriorsModel::Params {
    bool showLikelihood = true, showPrior = true, showPosterior = true, showPath = true;
  };

  PriorsLesson();
  ~PriorsLesson() override;
  void drawControls(LessonContext& ctx) override;
  void drawCanvas(LessonContext& ctx) override;
  void drawFormula(LessonContext& ctx) override;
  std::string formulaLatex() const override;
  void reset() override;
  nlohmann::json params() const override;
  void setParams(const nlohmann::json& j, std::vector<std::string>& warnings, std::vector<std::string>& errors) override;
  void interact(int frame) override;
  const std::vector<ParamSpec>& paramSpecs() const override { return table().specs(); }

  const PriorsModel& model() const { return m_model; }

 private:
  static const ParamTable<Params>& table();
  /// The model at m_p; the posterior fields are recomputed when next drawn.
  void apply();
  // Canvas (priors_canvas.cpp).
  void drawDensityPlot(LessonContext& ctx, ImVec2 size);
  void drawPenaltyPlot(LessonContext& ctx, ImVec2 size);
  void updateFields(LessonContext& ctx);
  void drawPanel(LessonContext& ctx, int prior, ImVec2 size);
  void drawPlane(LessonContext& ctx, int prior, ImVec2 size, ImVec2 room);
  void fillContours(int prior);
  void drawNumbers(LessonContext& ctx, int prior, float width);
  static constexpr int kLegendItems = 8;
  int legendItems(LessonContext& ctx, LegendItem* items) const;
  /// A point for display: exact zeros print as "0" (also −0.0).
  static std::string formatPoint(const Eigen::Vector2d& w, int decimals = 9);
  /// A difference for display: "0" or "1.2e-16".
  static std::string formatDiff(double d);

  Params m_p;
  PriorsModel m_model;
  Plot m_densityPlot, m_penaltyPlot;
  std::array<Plot, 2> m_plane;  ///< the Laplace and Gaussian posterior planes
  // The contours the plane being drawn borrows until its end(): three levels of the prior and of the likelihood.
  std::array<std::vector<Eigen::Vector2d>, 3> m_priorContour, m_likelihoodContour;
  CanvasLayout m_layout;
  // Posterior density fields, relative to the peak (1 at the MAP).
  static constexpr int kField = 240;
  std::array<std::vector<float>, 2> m_field;
  bool m_fieldsDirty = true;
  std::unique_ptr<gfx::FieldRenderer> m_renderer;
  std::array<std::unique_ptr<gfx::CachedField>, 2> m_cached;
  bool m_compact = false;  ///< narrow canvas: no 1-D plots, two lines of numbers per panel
};

}  // namespace nr::app
