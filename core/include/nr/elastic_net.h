#pragma once
// Elastic-net regression with an unpenalized intercept: for one λ, along a path of λ, and with k-fold
// cross-validation. It minimizes
//     f(b, w) = 1/(2n)·‖y − b − Xw‖² + λ·(α‖w‖₁ + (1−α)/2·‖w‖²)
// (the scaling of scikit-learn's ElasticNet and of glmnet with standardize = FALSE). Ridge is α = 0, lasso α = 1,
// ordinary least squares λ = 0.
//
// Method: coordinate descent with active sets, as glmnet, plus Newton steps on the active set. X and y are centred
// (so b drops out and is recovered as b = ȳ − x̄ᵀw). The gradient g_j = x_jᵀ(y − Xw)/n is kept in one of glmnet's
// two ways: "covariance" keeps g for every variable up to date through Gram columns x_jᵀx_k/n, computed only for
// variables that enter the working set (all at once when n ≥ p); "naive" keeps the residual r = y − Xw instead, so
// g_j = x_jᵀr/n and an update cost O(n) and no Gram columns are needed for screening. Auto picks naive when p > n or
// p ≥ 500 (ElasticNetOptions::mode). At each λ, warm-started from the previous one:
//   1. the working set is everything nonzero plus the sequential strong set |g_j| ≥ α(2λ − λ_prev);
//   2. a Newton step on the active set A with its signs s fixed: the minimizer of f on that orthant solves
//      (G_AA + λ(1−α)I)·u = c_A − λα·s; w_A moves towards u and stops where a coefficient reaches zero (it becomes
//      exactly 0.0 and leaves A; repeat). G_AA and its Cholesky factor follow A as variables enter and leave
//      (O(|A|²) per change; refactorized only when λ(1−α) changes). A variable whose column is numerically a
//      combination of the active ones (p > n at small λ: at most n − 1 centred columns are independent) is met by
//      a step along that null direction, which keeps the fit, lowers f and ends when a coefficient reaches zero;
//      LDLT of the singular block only if that step would not lower f;
//   3. coordinate-descent passes over the working set, each followed by the Newton step of 2, until a pass finds
//      every coordinate within the tolerance (such coordinates are not updated);
//   4. the KKT conditions are checked on every variable with a fresh g; violators join the working set and 3
//      repeats.
// α = 0 (and λ = 0) is a direct solve instead: LDLT of XᵀX/n + λ·I when p ≤ n, the SVD of X when p > n
// (minimum-norm solution at λ = 0).
//
// Convergence is measured by the KKT violation, the distance of 0 from the subdifferential of f in w:
//     v_j = |−g_j + λ(1−α)w_j + λα·sign(w_j)|    if w_j ≠ 0
//     v_j = max(0, |g_j| − λα)                    if w_j = 0
// and a solution is accepted when max_j v_j ≤ tol·max(1, max_j |x_jᵀ(y − ȳ)|/n) (the scale factor is λ_max·α, so
// the bound is absolute for standardized data). g is recomputed from scratch for the final check, so drift in
// the running updates cannot hide a violation. Coefficients that are zero are exactly 0.0.

#include <Eigen/Dense>
#include <cstdint>
#include <string>
#include <vector>

namespace nr::core {

/// How coordinate descent keeps the gradient (see the top of this file). Auto: naive when p > n or p ≥ 500.
enum class ElasticNetMode { Auto, Covariance, Naive };

struct ElasticNetOptions {
  /// Mixing α in [0, 1]: 1 = lasso, 0 = ridge.
  double alpha = 1.0;
  /// Accepted KKT violation, relative to max(1, max_j |x_jᵀ(y − ȳ)|/n) (see the top of this file).
  double tol = 1e-9;
  /// Epochs (passes plus Newton solves, see ElasticNetPath::epochs) allowed per λ before giving up (the result then
  /// reports converged = false).
  int maxEpochs = 200000;
  /// Fit the unpenalized intercept (centre X and y). When false, b = 0 and X, y are used as given.
  bool fitIntercept = true;
  /// Sequential strong-rule screening (switch off only to compare epochs in a lesson; results are the same).
  bool strongRules = true;
  /// Covariance or naive updates (the same answer to the tolerance; Auto follows glmnet's rule of thumb).
  ElasticNetMode mode = ElasticNetMode::Auto;
};

/// A whole path (or a single λ: K = 1). Rows follow `lambdas`.
struct ElasticNetPath {
  double alpha = 1.0;
  /// λ_max for this α (the smallest λ with w = 0; +∞ for α = 0).
  double lambdaMax = 0.0;
  std::vector<double> lambdas;
  /// K × p coefficients, one row per λ; zeros are exactly 0.0.
  Eigen::MatrixXd coefs;
  /// K intercepts b = ȳ − x̄ᵀw.
  Eigen::VectorXd intercepts;
  /// Work per λ: coordinate-descent passes over the working set plus Newton solves on the active set (0 for direct
  /// solves).
  std::vector<int> epochs;
  /// Final KKT violation max_j v_j per λ (absolute, recomputed from scratch).
  std::vector<double> kktViolation;
  /// f(b, w) per λ.
  std::vector<double> objective;
  /// Nonzero coefficients per λ.
  std::vector<int> nonzeros;
  /// False when some λ hit maxEpochs.
  bool converged = true;
};

/// The smallest λ with w = 0: max_j |x_jᵀ(y − ȳ)| / (n·α). +∞ for α = 0.
double lambdaMax(const Eigen::MatrixXd& x, const Eigen::VectorXd& y, double alpha, bool fitIntercept = true);

/// K values from `top` down to top·ratio, log-spaced (decreasing). K = 1 gives {top}.
std::vector<double> lambdaGrid(double top, int count, double ratio = 1e-3);

/// The λ_max used to start a path: lambdaMax() for α > 0; for α = 0 (ridge, where w = 0 needs λ = ∞) the λ_max of
/// α = 0.001, as glmnet does.
double pathTop(const Eigen::MatrixXd& x, const Eigen::VectorXd& y, double alpha, bool fitIntercept = true);

/// Checks shapes and values; returns "" or a message saying what to do. Used by every entry point below, which
/// throw std::invalid_argument with it.
std::string validateElasticNet(const Eigen::MatrixXd& x, const Eigen::VectorXd& y, const std::vector<double>& lambdas,
                               const ElasticNetOptions& opt);

/// Fits every λ of `lambdas` (any order; warm starts work best decreasing). x is n × p, y has n entries.
ElasticNetPath fitElasticNetPath(const Eigen::MatrixXd& x, const Eigen::VectorXd& y, const std::vector<double>& lambdas,
                                 const ElasticNetOptions& opt = {});

/// One λ (a path of length 1).
ElasticNetPath fitElasticNet(const Eigen::MatrixXd& x, const Eigen::VectorXd& y, double lambda,
                             const ElasticNetOptions& opt = {});

/// Whether a path's answer can be trusted, checked column by column: every coefficient finite, and the optimality
/// (KKT) conditions of each column, scaled to magnitude 1, met to `limit` relative to ‖x_j‖·‖y‖ (centred). The
/// solver's own tolerance is relative to the largest gradient, so a column 10¹⁰⁰ times smaller than the others can
/// pass it with a wrong coefficient; this finds it. Returns "" or a message that says what to do. O(n·p) per λ.
std::string checkTrust(const Eigen::MatrixXd& x, const Eigen::VectorXd& y, const ElasticNetPath& path,
                       bool fitIntercept = true, double limit = 1e-6);

/// f(b, w) for the given data (a reference for tests and readouts).
double elasticNetObjective(const Eigen::MatrixXd& x, const Eigen::VectorXd& y, double intercept,
                           const Eigen::VectorXd& w, double lambda, double alpha);

// [SECTION] Cross-validation

/// Fold of each row, 0..k−1: a seeded Fisher–Yates permutation (nr::core::Rng, for i = n−1 down to 1 swap
/// perm[i] with perm[below(i+1)]) and fold(perm[i]) = i mod k. Fold sizes differ by at most one.
/// tools/golden/make_fit_golden.py re-implements exactly this.
std::vector<int> foldIds(int n, int k, uint64_t seed);

struct CrossValidation {
  std::vector<double> lambdas;
  /// K × folds held-out mean squared errors, mean over folds, and its standard error sd(ddof = 1)/√folds.
  Eigen::MatrixXd foldMse;
  std::vector<double> mean, se;
  int indexMin = 0, index1se = 0;
  /// λ with the smallest mean; the largest λ whose mean is ≤ mean[indexMin] + se[indexMin].
  double lambdaMin = 0.0, lambda1se = 0.0;
};

/// k-fold CV over the given λ grid: for each fold the path is fitted on the other rows (centred on them) and the
/// held-out MSE (1/m)‖y − b − Xw‖² recorded. Throws std::invalid_argument when there are fewer rows than folds,
/// fewer than 2 folds, or an empty fold's training set.
CrossValidation crossValidate(const Eigen::MatrixXd& x, const Eigen::VectorXd& y, const std::vector<double>& lambdas,
                              const std::vector<int>& folds, const ElasticNetOptions& opt = {});

}  // namespace nr::core
