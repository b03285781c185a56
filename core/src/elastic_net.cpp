#include "nr/elastic_net.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "nr/rng.h"

namespace nr::core {

namespace {

using Eigen::MatrixXd;
using Eigen::VectorXd;

/// The centred problem: b drops out of f once X and y are centred, and comes back as ȳ − x̄ᵀw.
struct Centered {
  MatrixXd xc;
  VectorXd yc, xmean;
  double ymean = 0.0;
  VectorXd c;  ///< xcᵀyc / n: the gradient at w = 0
  VectorXd d;  ///< ‖x_j‖²/n: the diagonal of the Gram matrix
  double yy = 0.0;  ///< ‖yc‖²/n
  int n = 0, p = 0;
};

Centered center(const MatrixXd& x, const VectorXd& y, bool fitIntercept) {
  Centered c;
  c.n = static_cast<int>(x.rows());
  c.p = static_cast<int>(x.cols());
  if (fitIntercept) {
    c.xmean = x.colwise().mean().transpose();
    c.ymean = y.mean();
    c.xc = x.rowwise() - c.xmean.transpose();
    c.yc = y.array() - c.ymean;
  } else {
    c.xmean = VectorXd::Zero(c.p);
    c.xc = x;
    c.yc = y;
  }
  const double invN = 1.0 / c.n;
  c.c = (c.xc.transpose() * c.yc) * invN;
  c.d = c.xc.colwise().squaredNorm().transpose() * invN;
  c.yy = c.yc.squaredNorm() * invN;
  return c;
}

/// S(z, t) = sign(z)·max(|z| − t, 0), and exactly 0 when |z| exceeds t only by rounding noise (1e-12·t): at
/// λ = λ_max the leading |x_jᵀy|/n and λ·α agree to a few ulps, and the coefficient must be 0.0 there, not 4e-16.
/// The KKT violation this can leave is at most 1e-12·λα, far below the tolerance.
double softThreshold(double z, double t) {
  const double slack = t * (1.0 + 1e-12);
  if (z > slack) return z - t;
  if (z < -slack) return z + t;
  return 0.0;
}

/// Gram columns x_jᵀx_k/n, computed for a variable only when it enters the working set (all at once when n ≥ p,
/// where one symmetric product is cheaper than many matrix-vector products).
class GramCache {
 public:
  explicit GramCache(const Centered& c) : m_c(c), m_slot(c.p, -1) {
    if (c.n >= c.p) {
      m_cols.resize(c.p, c.p);
      m_cols.setZero();
      m_cols.selfadjointView<Eigen::Lower>().rankUpdate(c.xc.transpose(), 1.0 / c.n);
      m_cols.triangularView<Eigen::StrictlyUpper>() = m_cols.transpose();
      for (int j = 0; j < c.p; ++j) m_slot[j] = j;
      m_used = c.p;
    }
  }
  /// Makes sure every variable in `vars` has its column.
  void ensure(const std::vector<int>& vars) {
    std::vector<int> missing;
    for (int j : vars)
      if (m_slot[j] < 0) missing.push_back(j);
    if (missing.empty()) return;
    const int m = static_cast<int>(missing.size());
    if (m_used + m > m_cols.cols()) {
      const int cap = std::min(m_c.p, std::max<int>(m_used + m, 2 * static_cast<int>(m_cols.cols()) + 8));
      m_cols.conservativeResize(m_c.p, cap);
    }
    if (m <= 8) {  // matrix-vector products: a matrix product would repack all of X for a few columns
      for (int i = 0; i < m; ++i)
        m_cols.col(m_used + i).noalias() = m_c.xc.transpose() * m_c.xc.col(missing[i]) * (1.0 / m_c.n);
    } else {
      MatrixXd sub(m_c.n, m);
      for (int i = 0; i < m; ++i) sub.col(i) = m_c.xc.col(missing[i]);
      m_cols.middleCols(m_used, m).noalias() = m_c.xc.transpose() * sub * (1.0 / m_c.n);
    }
    for (int i = 0; i < m; ++i) m_slot[missing[i]] = m_used + i;
    m_used += m;
  }
  bool has(int j) const { return m_slot[j] >= 0; }
  Eigen::Ref<const VectorXd> col(int j) const { return m_cols.col(m_slot[j]); }
  double at(int i, int j) const { return m_cols(i, m_slot[j]); }

 private:
  const Centered& m_c;
  MatrixXd m_cols;
  std::vector<int> m_slot;
  int m_used = 0;
};

/// Coordinate descent for one α along a sequence of λ, keeping w and g = c − Gw between calls (warm starts).
class CdSolver {
 public:
  CdSolver(const Centered& c, double alpha, const ElasticNetOptions& opt, double tolAbs)
      : m_c(c), m_gram(c), m_alpha(alpha), m_opt(opt), m_tol(tolAbs), m_w(VectorXd::Zero(c.p)), m_g(c.c),
        m_inSet(c.p, 0) {}

  const VectorXd& w() const { return m_w; }

  /// Solves at λ starting from the current w; lambdaPrev is the λ of the current w (for the strong rule).
  /// Returns the epochs used; sets violation to the final max KKT violation (fresh gradient).
  int solve(double lambda, double lambdaPrev, double& violation, bool& ok) {
    m_l1 = lambda * m_alpha;
    m_l2 = lambda * (1.0 - m_alpha);
    // Working set: everything nonzero plus the sequential strong set |g_j| ≥ α(2λ − λ_prev).
    const double thr = m_opt.strongRules ? m_alpha * (2.0 * lambda - lambdaPrev) : -1.0;
    std::fill(m_inSet.begin(), m_inSet.end(), 0);
    m_set.clear();
    for (int j = 0; j < m_c.p; ++j)
      if (m_w[j] != 0.0 || std::fabs(m_g[j]) >= thr) add(j);
    m_gram.ensure(m_set);
    int epochs = 0;
    ok = true;
    for (;;) {
      for (;;) {
        epoch(m_set);
        ++epochs;
        m_active.clear();
        for (int j : m_set)
          if (m_w[j] != 0.0) m_active.push_back(j);
        // Converge on the active set, updating g only there (the rest is refreshed below). When coordinate
        // descent crawls (ill-conditioned active Gram block), jump to the exact solution for the current signs.
        int stalled = 0;
        gatherActive();
        while (maxViolationActive() > m_tol && epochs < m_opt.maxEpochs) {
          ++epochs;
          if (++stalled % 4 == 0) {
            scatterActive();
            if (newtonStep()) {
              m_active.erase(std::remove_if(m_active.begin(), m_active.end(), [&](int j) { return m_w[j] == 0.0; }),
                             m_active.end());
              gatherActive();
              continue;
            }
          }
          epochActive();
        }
        scatterActive();
        refreshGradient();
        if (maxViolation(m_set) <= m_tol || epochs >= m_opt.maxEpochs) break;
      }
      refreshGradient();
      std::vector<int> entering;
      bool setOk = maxViolation(m_set) <= m_tol;
      for (int j = 0; j < m_c.p; ++j)
        if (!m_inSet[j] && violation1(j) > m_tol) entering.push_back(j);
      if (entering.empty() && setOk) break;
      if (epochs >= m_opt.maxEpochs) {
        ok = false;
        break;
      }
      for (int j : entering) add(j);
      m_gram.ensure(entering);
    }
    violation = 0.0;
    for (int j = 0; j < m_c.p; ++j) violation = std::max(violation, violation1(j));
    return epochs;
  }

  /// f without the intercept term, from the Gram form ½‖yc‖²/n − cᵀw + ½wᵀGw + penalty (O(nnz²), no pass over X).
  double objective(double lambda) const {
    double quad = 0.0, lin = 0.0, l1 = 0.0, l2 = 0.0;
    for (int j = 0; j < m_c.p; ++j) {
      if (m_w[j] == 0.0) continue;
      lin += m_c.c[j] * m_w[j];
      l1 += std::fabs(m_w[j]);
      l2 += m_w[j] * m_w[j];
      for (int k = 0; k < m_c.p; ++k)
        if (m_w[k] != 0.0) quad += m_w[j] * m_gram.at(k, j) * m_w[k];
    }
    return 0.5 * m_c.yy - lin + 0.5 * quad + lambda * (m_alpha * l1 + 0.5 * (1.0 - m_alpha) * l2);
  }

 private:
  void add(int j) {
    if (!m_inSet[j]) {
      m_inSet[j] = 1;
      m_set.push_back(j);
    }
  }

  void epoch(const std::vector<int>& vars) {
    for (int j : vars) {
      if (m_c.d[j] + m_l2 <= 0.0) continue;  // a constant column (e.g. within a CV fold) stays exactly 0
      const double old = m_w[j];
      const double z = m_g[j] + m_c.d[j] * old;
      const double nw = softThreshold(z, m_l1) / (m_c.d[j] + m_l2);
      if (nw != old) {
        m_w[j] = nw;
        m_g.noalias() -= (nw - old) * m_gram.col(j);
      }
    }
  }

  /// The active set's Gram block, weights and gradient as contiguous copies: the inner coordinate-descent passes
  /// then update g_A with one vectorized axpy per changed weight instead of a gather through the Gram cache.
  void gatherActive() {
    const int m = static_cast<int>(m_active.size());
    if (m_gaaFor != m_active) {  // the block depends only on the set (the ridge term is added where it is used)
      m_gaa.resize(m, m);
      for (int b = 0; b < m; ++b)
        for (int a = 0; a < m; ++a) m_gaa(a, b) = m_gram.at(m_active[a], m_active[b]);
      m_gaaFor = m_active;
      m_factorFor = -1.0;  // the Cholesky factor of the previous block no longer applies
    }
    m_wa.resize(m);
    m_ga.resize(m);
    m_da.resize(m);
    for (int a = 0; a < m; ++a) {
      m_wa[a] = m_w[m_active[a]];
      m_ga[a] = m_g[m_active[a]];
      m_da[a] = m_c.d[m_active[a]];
    }
  }

  void scatterActive() {
    for (size_t a = 0; a < m_active.size(); ++a) {
      m_w[m_active[a]] = m_wa[static_cast<Eigen::Index>(a)];
      m_g[m_active[a]] = m_ga[static_cast<Eigen::Index>(a)];
    }
  }

  double maxViolationActive() const {
    double v = 0.0;
    for (Eigen::Index a = 0; a < m_wa.size(); ++a) {
      const double wj = m_wa[a], gj = m_ga[a];
      v = std::max(v, wj != 0.0 ? std::fabs(-gj + m_l2 * wj + (wj > 0 ? m_l1 : -m_l1))
                                : std::max(0.0, std::fabs(gj) - m_l1));
    }
    return v;
  }

  /// A coordinate-descent pass over the active set that keeps g current only on the active set (compact copies).
  void epochActive() {
    const Eigen::Index m = m_wa.size();
    for (Eigen::Index a = 0; a < m; ++a) {
      if (m_da[a] + m_l2 <= 0.0) continue;
      const double old = m_wa[a];
      const double z = m_ga[a] + m_da[a] * old;
      const double nw = softThreshold(z, m_l1) / (m_da[a] + m_l2);
      if (nw != old) {
        m_wa[a] = nw;
        m_ga.noalias() -= (nw - old) * m_gaa.col(a);
      }
    }
  }

  /// One active-set Newton step (as in feature-sign search): with the signs s of the active coefficients fixed,
  /// f is a quadratic whose minimizer solves (G_AA + λ(1−α)I)·u = c_A − λα·s. Move from w_A towards u, stopping
  /// where the first coefficient reaches zero (it becomes exactly 0.0 and leaves the active set). Along that segment
  /// f is this quadratic, so f decreases; the step is kept only if it really does (guards a singular G_AA).
  /// Coordinate descent alone crawls here when the active Gram block is ill-conditioned (p > n, small λ).
  bool newtonStep() {
    const int m = static_cast<int>(m_active.size());
    if (m == 0) return false;
    m_rhs.resize(m);
    m_saved.resize(m);
    for (int b = 0; b < m; ++b) {
      m_saved[b] = m_w[m_active[b]];
      m_rhs[b] = m_c.c[m_active[b]] - (m_saved[b] > 0 ? m_l1 : -m_l1);
    }
    // The system matrix G_AA + λ(1−α)I depends on the active set and the ridge term only, not on the signs: its
    // factor is kept while both stay (the set often survives several λ of a lasso path). Cholesky (blocked,
    // several times faster than LDLT at a few hundred variables); LDLT only when the block is singular to working
    // precision (p > n near the end of a path).
    if (m_factorFor != m_l2) {
      m_sys = m_gaa;
      m_sys.diagonal().array() += m_l2;
      m_llt.compute(m_sys);
      m_useLdlt = m_llt.info() != Eigen::Success;
      if (m_useLdlt) {
        m_ldlt.compute(m_sys);
        if (m_ldlt.info() != Eigen::Success) return false;
      }
      m_factorFor = m_l2;
    }
    m_sol = m_useLdlt ? VectorXd(m_ldlt.solve(m_rhs)) : VectorXd(m_llt.solve(m_rhs));
    if (!m_sol.allFinite()) return false;
    double t = 1.0;
    int hit = -1;
    for (int a = 0; a < m; ++a) {
      if (m_sol[a] * m_saved[a] > 0.0) continue;
      const double ta = m_saved[a] / (m_saved[a] - m_sol[a]);
      if (ta < t) {
        t = ta;
        hit = a;
      }
    }
    // f on the orthant of s, up to a constant: −r_Aᵀw + ½wᵀMw with r = c_A − λα·s.
    auto quad = [&](const VectorXd& w) { return -m_rhs.dot(w) + 0.5 * w.dot(m_sys.selfadjointView<Eigen::Lower>() * w); };
    const VectorXd next = m_saved + t * (m_sol - m_saved);
    if (!(quad(next) <= quad(m_saved))) return false;
    for (int a = 0; a < m; ++a) m_w[m_active[a]] = (a == hit) ? 0.0 : next[a];
    refreshGradient();
    return true;
  }

  double violation1(int j) const {
    const double wj = m_w[j], gj = m_g[j];
    if (wj != 0.0) return std::fabs(-gj + m_l2 * wj + (wj > 0 ? m_l1 : -m_l1));
    return std::max(0.0, std::fabs(gj) - m_l1);
  }

  double maxViolation(const std::vector<int>& vars) const {
    double v = 0.0;
    for (int j : vars) v = std::max(v, violation1(j));
    return v;
  }

  /// g = c − Σ_k G[:,k]·w_k from scratch, so rounding drift in the running updates cannot hide a violation.
  void refreshGradient() {
    m_g = m_c.c;
    for (int k = 0; k < m_c.p; ++k)
      if (m_w[k] != 0.0) m_g.noalias() -= m_w[k] * m_gram.col(k);
  }

  const Centered& m_c;
  GramCache m_gram;
  double m_alpha;
  const ElasticNetOptions& m_opt;
  double m_tol;
  VectorXd m_w, m_g;
  std::vector<char> m_inSet;
  std::vector<int> m_set, m_active;
  MatrixXd m_sys, m_gaa;
  VectorXd m_rhs, m_sol, m_saved, m_wa, m_ga, m_da;
  std::vector<int> m_gaaFor;  ///< the active set m_gaa was gathered for
  double m_factorFor = -1.0;  ///< the ridge term of the factor in m_llt/m_ldlt (−1: none for this block)
  bool m_useLdlt = false;
  Eigen::LDLT<MatrixXd> m_ldlt;
  Eigen::LLT<MatrixXd> m_llt;
  double m_l1 = 0.0, m_l2 = 0.0;
};

/// α = 0 or λ = 0: (XᵀX/n + λ(1−α)I) w = Xᵀy/n, by LDLT when p ≤ n and by the SVD of X when p > n (which also gives
/// the minimum-norm solution when the system is singular). Only valid when λα = 0.
class DirectSolver {
 public:
  explicit DirectSolver(const Centered& c) : m_c(c) {}
  VectorXd solve(double ridge) {
    if (m_c.p <= m_c.n) {
      if (m_gram.size() == 0) {
        m_gram.resize(m_c.p, m_c.p);
        m_gram.setZero();
        m_gram.selfadjointView<Eigen::Lower>().rankUpdate(m_c.xc.transpose(), 1.0 / m_c.n);
        m_gram.triangularView<Eigen::StrictlyUpper>() = m_gram.transpose();
      }
      MatrixXd a = m_gram;
      a.diagonal().array() += ridge;
      Eigen::LDLT<MatrixXd> ldlt(a);
      if (ldlt.info() == Eigen::Success && ldlt.isPositive() && ldlt.rcond() > 1e-13) return ldlt.solve(m_c.c);
    }
    if (!m_svdDone) {
      m_svd.compute(m_c.xc, Eigen::ComputeThinU | Eigen::ComputeThinV);
      m_uty = m_svd.matrixU().transpose() * m_c.yc;
      m_svdDone = true;
    }
    const VectorXd& s = m_svd.singularValues();
    const double cut = s.size() ? s[0] * 1e-12 * std::max(m_c.n, m_c.p) : 0.0;
    VectorXd f(s.size());
    for (int i = 0; i < s.size(); ++i) f[i] = s[i] > cut ? s[i] / (s[i] * s[i] + m_c.n * ridge) * m_uty[i] : 0.0;
    return m_svd.matrixV() * f;
  }

 private:
  const Centered& m_c;
  MatrixXd m_gram;
  Eigen::BDCSVD<MatrixXd> m_svd;
  VectorXd m_uty;
  bool m_svdDone = false;
};

double kktViolationFresh(const Centered& c, const VectorXd& w, double lambda, double alpha) {
  const VectorXd g = (c.xc.transpose() * (c.yc - c.xc * w)) / c.n;
  const double l1 = lambda * alpha, l2 = lambda * (1 - alpha);
  double v = 0.0;
  for (int j = 0; j < c.p; ++j) {
    if (w[j] != 0.0)
      v = std::max(v, std::fabs(-g[j] + l2 * w[j] + (w[j] > 0 ? l1 : -l1)));
    else
      v = std::max(v, std::max(0.0, std::fabs(g[j]) - l1));
  }
  return v;
}

}  // namespace

double lambdaMax(const MatrixXd& x, const VectorXd& y, double alpha, bool fitIntercept) {
  if (alpha <= 0.0) return std::numeric_limits<double>::infinity();
  const int n = static_cast<int>(x.rows());
  double m = 0.0;
  const double ym = fitIntercept ? y.mean() : 0.0;
  for (int j = 0; j < x.cols(); ++j) {
    const double xm = fitIntercept ? x.col(j).mean() : 0.0;
    m = std::max(m, std::fabs(((x.col(j).array() - xm) * (y.array() - ym)).sum()));
  }
  return m / (n * alpha);
}

double pathTop(const MatrixXd& x, const VectorXd& y, double alpha, bool fitIntercept) {
  return lambdaMax(x, y, alpha > 0.0 ? alpha : 1e-3, fitIntercept);
}

std::vector<double> lambdaGrid(double top, int count, double ratio) {
  std::vector<double> g;
  if (count <= 0) return g;
  if (count == 1) return {top};
  const double lo = std::log10(top * ratio), hi = std::log10(top);
  for (int i = 0; i < count; ++i) g.push_back(std::pow(10.0, hi + (lo - hi) * i / (count - 1)));
  g.front() = top;  // exact: the first fit must be exactly w = 0
  return g;
}

std::string validateElasticNet(const MatrixXd& x, const VectorXd& y, const std::vector<double>& lambdas,
                               const ElasticNetOptions& opt) {
  if (x.rows() == 0 || x.cols() == 0) return "the data have no rows or no feature columns";
  if (x.rows() != y.size())
    return "X has " + std::to_string(x.rows()) + " rows but y has " + std::to_string(y.size()) + " values";
  if (!x.allFinite() || !y.allFinite()) return "the data contain NaN or infinite values; remove or impute them";
  if (!(opt.alpha >= 0.0 && opt.alpha <= 1.0))
    return "the l1 ratio α must be in [0, 1] (1 = lasso, 0 = ridge), got " + std::to_string(opt.alpha);
  if (!(opt.tol > 0.0)) return "the tolerance must be positive, e.g. 1e-9";
  if (lambdas.empty()) return "give at least one λ";
  for (double l : lambdas)
    if (!(l >= 0.0) || !std::isfinite(l)) return "λ must be a finite number ≥ 0, got " + std::to_string(l);
  return {};
}

ElasticNetPath fitElasticNetPath(const MatrixXd& x, const VectorXd& y, const std::vector<double>& lambdas,
                                 const ElasticNetOptions& opt) {
  if (std::string err = validateElasticNet(x, y, lambdas, opt); !err.empty()) throw std::invalid_argument(err);
  const Centered c = center(x, y, opt.fitIntercept);
  ElasticNetPath r;
  r.alpha = opt.alpha;
  r.lambdaMax = opt.alpha > 0 ? c.c.cwiseAbs().maxCoeff() / opt.alpha : std::numeric_limits<double>::infinity();
  r.lambdas = lambdas;
  const int k = static_cast<int>(lambdas.size());
  r.coefs.resize(k, c.p);
  r.intercepts.resize(k);
  r.epochs.assign(k, 0);
  r.kktViolation.assign(k, 0.0);
  r.objective.assign(k, 0.0);
  r.nonzeros.assign(k, 0);
  const double tolAbs = opt.tol * std::max(1.0, c.c.cwiseAbs().maxCoeff());

  CdSolver cd(c, opt.alpha, opt, tolAbs);
  DirectSolver direct(c);
  double prev = r.lambdaMax;
  for (int i = 0; i < k; ++i) {
    const double lambda = lambdas[i];
    VectorXd w;
    if (opt.alpha == 0.0 || lambda == 0.0) {
      w = direct.solve(lambda * (1.0 - opt.alpha));
      r.kktViolation[i] = kktViolationFresh(c, w, lambda, opt.alpha);
      const VectorXd res = c.yc - c.xc * w;
      r.objective[i] = 0.5 * res.squaredNorm() / c.n + 0.5 * lambda * w.squaredNorm();
    } else {
      bool ok = true;
      r.epochs[i] = cd.solve(lambda, std::isfinite(prev) ? std::max(prev, lambda) : lambda, r.kktViolation[i], ok);
      r.converged = r.converged && ok;
      w = cd.w();
      r.objective[i] = cd.objective(lambda);
      prev = lambda;
    }
    r.coefs.row(i) = w.transpose();
    r.intercepts[i] = opt.fitIntercept ? c.ymean - c.xmean.dot(w) : 0.0;
    r.nonzeros[i] = static_cast<int>((w.array() != 0.0).count());
  }
  return r;
}

ElasticNetPath fitElasticNet(const MatrixXd& x, const VectorXd& y, double lambda, const ElasticNetOptions& opt) {
  return fitElasticNetPath(x, y, std::vector<double>{lambda}, opt);
}

double elasticNetObjective(const MatrixXd& x, const VectorXd& y, double intercept, const VectorXd& w, double lambda,
                           double alpha) {
  const VectorXd r = (y - x * w).array() - intercept;
  return 0.5 * r.squaredNorm() / x.rows() + lambda * (alpha * w.lpNorm<1>() + 0.5 * (1 - alpha) * w.squaredNorm());
}

std::vector<int> foldIds(int n, int k, uint64_t seed) {
  std::vector<int> perm(n), fold(n);
  for (int i = 0; i < n; ++i) perm[i] = i;
  Rng rng(seed);
  for (int i = n - 1; i >= 1; --i) std::swap(perm[i], perm[rng.below(static_cast<uint64_t>(i) + 1)]);
  for (int i = 0; i < n; ++i) fold[perm[i]] = k > 0 ? i % k : 0;
  return fold;
}

CrossValidation crossValidate(const MatrixXd& x, const VectorXd& y, const std::vector<double>& lambdas,
                              const std::vector<int>& folds, const ElasticNetOptions& opt) {
  if (std::string err = validateElasticNet(x, y, lambdas, opt); !err.empty()) throw std::invalid_argument(err);
  const int n = static_cast<int>(x.rows());
  if (static_cast<int>(folds.size()) != n)
    throw std::invalid_argument("give one fold id per row (" + std::to_string(n) + "), got " +
                                std::to_string(folds.size()));
  const int k = folds.empty() ? 0 : *std::max_element(folds.begin(), folds.end()) + 1;
  if (k < 2) throw std::invalid_argument("cross-validation needs at least 2 folds");
  if (n < k)
    throw std::invalid_argument("there are fewer rows (" + std::to_string(n) + ") than folds (" + std::to_string(k) +
                                "); use at most " + std::to_string(n) + " folds");
  std::vector<int> sizes(k, 0);
  for (int f : folds) {
    if (f < 0) throw std::invalid_argument("fold ids must be 0..k-1");
    ++sizes[f];
  }
  for (int f = 0; f < k; ++f)
    if (sizes[f] == 0 || sizes[f] == n)
      throw std::invalid_argument("fold " + std::to_string(f) + " is empty or holds every row; use fewer folds");

  CrossValidation cv;
  cv.lambdas = lambdas;
  const int m = static_cast<int>(lambdas.size());
  cv.foldMse.resize(m, k);
  for (int f = 0; f < k; ++f) {
    MatrixXd xt(n - sizes[f], x.cols()), xv(sizes[f], x.cols());
    VectorXd yt(n - sizes[f]), yv(sizes[f]);
    for (int i = 0, a = 0, b = 0; i < n; ++i) {
      if (folds[i] == f) {
        xv.row(b) = x.row(i);
        yv[b++] = y[i];
      } else {
        xt.row(a) = x.row(i);
        yt[a++] = y[i];
      }
    }
    const ElasticNetPath path = fitElasticNetPath(xt, yt, lambdas, opt);
    for (int i = 0; i < m; ++i) {
      const VectorXd res = (yv - xv * path.coefs.row(i).transpose()).array() - path.intercepts[i];
      cv.foldMse(i, f) = res.squaredNorm() / sizes[f];
    }
  }
  cv.mean.resize(m);
  cv.se.resize(m);
  for (int i = 0; i < m; ++i) {
    const double mean = cv.foldMse.row(i).mean();
    const double var = (cv.foldMse.row(i).array() - mean).square().sum() / (k - 1);
    cv.mean[i] = mean;
    cv.se[i] = std::sqrt(var / k);
  }
  cv.indexMin = static_cast<int>(std::min_element(cv.mean.begin(), cv.mean.end()) - cv.mean.begin());
  const double bound = cv.mean[cv.indexMin] + cv.se[cv.indexMin];
  cv.index1se = cv.indexMin;
  for (int i = 0; i < m; ++i)
    if (cv.mean[i] <= bound && lambdas[i] > lambdas[cv.index1se]) cv.index1se = i;
  cv.lambdaMin = lambdas[cv.indexMin];
  cv.lambda1se = lambdas[cv.index1se];
  return cv;
}

}  // namespace nr::core
