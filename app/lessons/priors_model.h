#pragma once
// The numbers behind the priors lesson, without any ImGui: a small linear regression y = Xw + ε with two correlated
// features, its least-squares estimate, and for a Laplace and a Gaussian prior of one standard deviation the MAP
// computed two independent ways (penalty-geometry's exact solver at the matching λ, and the posterior minimized in
// its own units), the MAP paths as the prior narrows, the 1-D prior curves and the posterior density on a grid. The
// lesson draws these; the tests check them against brute force, optimality conditions and closed forms.

#include <Eigen/Dense>
#include <array>
#include <vector>

namespace nr::app {

class PriorsModel {
 public:
  enum Prior { kLaplace = 0, kGaussian = 1 };

  struct Params {
    double priorStd = 0.3;     ///< the standard deviation s shared by both priors: τ = s, b = s/√2
    int n = 10;                ///< samples of the regression
    float noise = 1.0f;        ///< σ of y = Xw + ε (and the σ the likelihood assumes)
    float correlation = 0.6f;  ///< correlation of the two features
    float w1 = 1.5f, w2 = 0.3f;  ///< the true weights that generate y
    int seed = 1;
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

  static constexpr double kView = 3.0;                      ///< the curves and the field cover w in [−3, 3]
  static constexpr double kStdMin = 0.01, kStdMax = 100.0;  ///< the prior std's range
  static constexpr int kPathPoints = 161;
  static constexpr int kCurvePoints = 1201;  ///< step 0.005, with w = 0 exactly on the grid (the Laplace peak)

  // The λ ↔ width mapping (σ the noise, n the samples), from −log p(w|y) = (1/2σ²)‖y − Xw‖² − log p(w) + const
  // multiplied by σ²/n.
  static double laplaceScale(double priorStd) { return priorStd / 1.4142135623730951; }  ///< Var = 2b²
  static double laplaceLambda(double sigma, int n, double b) { return sigma * sigma / (n * b); }
  static double gaussianLambda(double sigma, int n, double tau) { return sigma * sigma / (n * tau * tau); }

  PriorsModel() { set(Params{}); }
  /// New parameters: new data (and paths) when n, σ, ρ, the true w or the seed changed; the estimates and curves
  /// always.
  void set(const Params& p);
  const Params& params() const { return m_p; }

  const Eigen::MatrixXd& x() const { return m_x; }  ///< n × 2
  const Eigen::VectorXd& y() const { return m_y; }
  const Eigen::Matrix2d& gram() const { return m_gram; }  ///< XᵀX
  const Eigen::Vector2d& mle() const { return m_mle; }
  const Estimate& estimate(int prior) const { return m_est[prior]; }
  /// The MAP path: the MLE, then the MAP at kPathPoints prior stds from 100 down to 0.01 (log-spaced).
  const std::vector<Eigen::Vector2d>& path(int prior) const { return m_path[prior]; }
  /// −log p(w | y) up to a constant: (1/2σ²)‖y − Xw‖² + |w|₁/b (Laplace) or ‖w‖²/(2τ²) (Gaussian).
  double negLogPosterior(int prior, const Eigen::Vector2d& w) const;

  /// The 1-D curves over w in [−kView, kView]: the prior densities and their −log (the penalties).
  const std::vector<double>& grid() const { return m_grid1d; }
  const std::vector<double>& density(int prior) const { return m_density[prior]; }
  const std::vector<double>& penalty(int prior) const { return m_penalty[prior]; }

  /// The posterior density relative to its peak, exp(−(U(w) − U(MAP))), on a size × size grid over [−kView, kView]²
  /// (row 0 at the bottom), into `out`. Not kept: the lesson computes it only when a picture needs it.
  void posteriorField(int prior, int size, std::vector<float>& out) const;

 private:
  void regenerate();  ///< new data, MLE and paths
  void recompute();   ///< estimates and curves at the current prior std
  void computePaths();
  void computeCurves();
  Eigen::Vector2d proximalMap(double b, int& iterations) const;

  Params m_p;
  bool m_hasData = false;
  // Data and its sufficient statistics.
  Eigen::MatrixXd m_x;
  Eigen::VectorXd m_y;
  Eigen::Matrix2d m_gram;  ///< XᵀX
  Eigen::Vector2d m_xty;   ///< Xᵀy
  Eigen::Vector2d m_mle{0, 0};
  std::array<Estimate, 2> m_est;
  std::array<std::vector<Eigen::Vector2d>, 2> m_path;  ///< MAP as the prior std runs from wide to narrow
  std::vector<double> m_grid1d, m_density[2], m_penalty[2];
};

}  // namespace nr::app
