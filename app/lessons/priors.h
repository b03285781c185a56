#pragma once
// priors — the Bayesian view of L1 and L2: a Laplace prior on the weights is the L1 penalty, a Gaussian prior the
// L2 penalty, and the MAP estimate of a small linear regression is exactly the penalized solution for
// λ = σ²/(n·b) (Laplace, scale b) or λ = σ²/(n·τ²) (Gaussian, std τ). Narrow the prior and the MAP moves from the
// least-squares estimate towards 0; the Laplace MAP lands on an axis (an exact zero), the Gaussian MAP does not.

#include <array>
#include <memory>
#include <vector>

#include <Eigen/Dense>

#include "gfx/field_renderer.h"
#include "lessons/lesson.h"
#include "widgets/canvas_layout.h"
#include "widgets/plot.h"

namespace nr::app {

class PriorsLesson : public Lesson {
 public:
  enum Prior { kLaplace = 0, kGaussian = 1 };

  struct Params {
    double priorStd = 0.3;    ///< the standard deviation s shared by both priors: τ = s, b = s/√2
    int n = 10;               ///< samples of the regression
    float noise = 1.0f;       ///< σ of y = Xw + ε (and the σ the likelihood assumes)
    float correlation = 0.6f; ///< correlation of the two features
    float w1 = 1.5f, w2 = 0.3f;  ///< the true weights that generate y
    int seed = 1;
    bool showLikelihood = true, showPrior = true, showPosterior = true, showPath = true;
  };

  /// The MAP of one prior, found two independent ways.
  struct Estimate {
    double width = 0.0;         ///< Laplace scale b or Gaussian std τ
    double lambda = 0.0;        ///< the matching λ in (1/2n)‖y − Xw‖² + λ·P(w), P = ‖w‖₁ or ½‖w‖²
    Eigen::Vector2d solver{0, 0};  ///< (a) nr::core::penalizedOptimum (penalty-geometry's solver) at that λ
    Eigen::Vector2d direct{0, 0};  ///< (b) from the posterior itself, in its own units (no λ)
    double difference = 0.0;    ///< max_i |solver_i − direct_i|
    int iterations = 0;         ///< (b): proximal-gradient iterations (Laplace); 0 for the closed form (Gaussian)
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
  int extremeSteps() const override { return 6; }
  void applyExtreme(int step) override;

  // The λ ↔ width mapping (σ the noise, n the samples), from −log p(w|y) = (1/2σ²)‖y − Xw‖² − log p(w) + const
  // multiplied by σ²/n.
  static double laplaceScale(double priorStd) { return priorStd / 1.4142135623730951; }  ///< Var = 2b²
  static double laplaceLambda(double sigma, int n, double b) { return sigma * sigma / (n * b); }
  static double gaussianLambda(double sigma, int n, double tau) { return sigma * sigma / (n * tau * tau); }

  const Params& current() const { return m_p; }
  const Eigen::MatrixXd& x() const { return m_x; }  ///< n × 2
  const Eigen::VectorXd& y() const { return m_y; }
  const Eigen::Vector2d& mle() const { return m_mle; }
  const Estimate& estimate(int prior) const { return m_est[prior]; }
  /// The drawn MAP path: the MLE, then the MAP at 161 prior stds from 100 down to 0.01 (log-spaced).
  const std::vector<Eigen::Vector2d>& path(int prior) const { return m_path[prior]; }
  /// −log p(w | y) up to a constant: (1/2σ²)‖y − Xw‖² + |w|₁/b (Laplace) or ‖w‖²/(2τ²) (Gaussian).
  double negLogPosterior(int prior, const Eigen::Vector2d& w) const;

 private:
  void regenerate();  ///< new data (n, σ, ρ, true w, seed), then recompute()
  void recompute();   ///< the prior width changed: estimates, fields, curves
  void computePaths();
  void computeCurves();
  void computeFields();
  Eigen::Vector2d proximalMap(double b, int& iterations) const;
  void drawDensityPlot(LessonContext& ctx, ImVec2 size);
  void drawPenaltyPlot(LessonContext& ctx, ImVec2 size);
  void updateFields(LessonContext& ctx);
  void drawPanel(LessonContext& ctx, int prior, ImVec2 size);
  void drawNumbers(LessonContext& ctx, int prior, float width);
  void drawLegend(LessonContext& ctx, float width);

  Params m_p;
  // Data and its sufficient statistics.
  Eigen::MatrixXd m_x;
  Eigen::VectorXd m_y;
  Eigen::Matrix2d m_gram;     ///< XᵀX
  Eigen::Vector2d m_xty;      ///< Xᵀy
  Eigen::Vector2d m_mle{0, 0};
  std::array<Estimate, 2> m_est;
  std::array<std::vector<Eigen::Vector2d>, 2> m_path;  ///< MAP as the prior std runs from wide to narrow
  // 1-D curves over w ∈ [−3, 3].
  std::vector<double> m_grid1d, m_density[2], m_penalty[2];
  Plot m_densityPlot, m_penaltyPlot;
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
