#include "nr/elastic_net.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <stdexcept>

#include "elastic_net_kernels.h"
#include "nr/rng.h"
#include "nr/updatable_cholesky.h"

namespace nr::core {

namespace {

using Eigen::MatrixXd;
using Eigen::VectorXd;

/// 2^−e with 2^(e−1) ≤ m < 2^e: multiplying by it is exact (barring underflow) and brings m into [0.5, 1). 1 for
/// m = 0 or a non-finite m.
double powerOfTwoScale(double m) {
  if (!(m > 0.0) || !std::isfinite(m)) return 1.0;
  int e = 0;
  std::frexp(m, &e);
  return std::ldexp(1.0, -e);
}

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

/// Centres kx·X and ky·y (kx, ky powers of two: exact), without a scaled copy in between.
Centered center(const MatrixXd& x, const VectorXd& y, bool fitIntercept, double kx, double ky) {
  Centered c;
  c.n = static_cast<int>(x.rows());
  c.p = static_cast<int>(x.cols());
  if (fitIntercept) {
    c.xmean = (x * kx).colwise().mean().transpose();
    c.ymean = (y * ky).mean();
    c.xc = (x * kx).rowwise() - c.xmean.transpose();
    c.yc = (y * ky).array() - c.ymean;
  } else {
    c.xmean = VectorXd::Zero(c.p);
    c.xc = x * kx;
    c.yc = y * ky;
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

/// Naive mode from this many variables on even when n ≥ p (glmnet's rule): the p × p Gram matrix costs more than
/// it saves there.
constexpr int kNaiveFromVariables = 500;

/// Gram columns x_jᵀx_k/n, computed for a variable only when it enters the working set (all at once when n ≥ p,
/// where one symmetric product is cheaper than many matrix-vector products).
class GramCache {
 public:
  /// `enabled` false (naive mode): no columns are ever asked for, and none are computed up front.
  GramCache(const Centered& c, bool enabled) : m_c(c), m_slot(c.p, -1) {
    if (enabled && c.n >= c.p) {
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
        enet::columnDots(m_c.xc.data(), m_c.n, m_c.n, m_c.p, m_c.xc.col(missing[i]).data(), 1.0 / m_c.n,
                         m_cols.col(m_used + i).data());
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

/// Coordinate descent for one α along a sequence of λ, keeping w between calls (warm starts). The gradient
/// g = Xcᵀ(yc − Xc·w)/n is kept in one of glmnet's two ways (see the header): through Gram columns (covariance) or
/// through the residual r = yc − Xc·w (naive). Either way the active set's Gram block G_AA and a Cholesky factor of
/// G_AA + λ(1−α)I follow the active set as variables enter and leave, for the Newton steps.
class CdSolver {
 public:
  CdSolver(const Centered& c, double alpha, const ElasticNetOptions& opt, double tolAbs, bool naive)
      : m_c(c), m_naive(naive), m_gram(c, !naive), m_alpha(alpha), m_opt(opt), m_tol(tolAbs),
        m_w(VectorXd::Zero(c.p)), m_g(c.c), m_inSet(c.p, 0), m_pos(c.p, -1) {
    if (naive) {
      m_r = c.yc;
      m_xf = c.xc.cast<float>();
      m_colNorm = (c.d * c.n).cwiseSqrt();
      // g = c at w = 0 (r = yc), computed in double.
      m_rPrev = c.yc;
      m_gErr = m_colNorm * (0x1p-40 * c.yc.norm() / c.n);
      m_gDrift = VectorXd::Zero(c.p);
    }
    // Room for an active set of up to min(n, p) variables (the most a lasso solution needs), allocated once: growing
    // these blocks along the path costs copies and fresh pages.
    const int cap = std::max(1, std::min(c.n, c.p));
    m_gaa.resize(cap, cap);
    if (naive) m_xa.resize(c.n, cap);
    m_chol.reserve(cap);
  }

  const VectorXd& w() const { return m_w; }

  /// Solves at λ starting from the current w; lambdaPrev is the λ of the current w (for the strong rule).
  /// Returns the epochs used; sets violation to the final max KKT violation (fresh gradient).
  int solve(double lambda, double lambdaPrev, double& violation, bool& ok) {
    m_l1 = lambda * m_alpha;
    if (lambda * (1.0 - m_alpha) != m_l2) {
      m_l2 = lambda * (1.0 - m_alpha);
      m_chol.clear();  // the factor is of G_AA + λ(1−α)I: rebuilt when next needed
    }
    // Working set: everything nonzero plus the sequential strong set |g_j| ≥ α(2λ − λ_prev). g is from the previous
    // λ's final check (exact, or within 1e-7 relative where the check did not need more; see fullGradient), or c at
    // w = 0.
    const double thr = m_opt.strongRules ? m_alpha * (2.0 * lambda - lambdaPrev) : -1.0;
    m_set.resize(m_c.p);
    size_t count = 0;
    for (int j = 0; j < m_c.p; ++j) {  // without a branch: for p ≫ n who is in is unpredictable
      const bool in = m_w[j] != 0.0 || std::fabs(m_g[j]) >= thr;
      m_inSet[j] = in;
      m_set[count] = j;
      count += in;
    }
    m_set.resize(count);
    if (!m_naive) m_gram.ensure(m_set);
    ok = true;
    // Predictor: the previous active set with its signs, solved exactly at the new λ (the lasso path is linear in
    // λ while the signs hold). Then coordinate descent finds who enters and leaves, each pass followed by a Newton
    // step on the active set it leaves, until a pass changes nothing beyond the tolerance.
    syncActive();
    int epochs = newton();
    for (;;) {
      for (;;) {
        const double v = epoch();
        ++epochs;
        if (v <= m_tol || epochs >= m_opt.maxEpochs) break;
        syncActive();
        epochs += newton();
      }
      fullGradient();
      m_entering.clear();
      violation = 0.0;  // over every variable, with the fresh g
      for (int j = 0; j < m_c.p; ++j) {
        const double v = violation1(j);
        violation = std::max(violation, v);
        if (!m_inSet[j] && v > m_tol) m_entering.push_back(j);
      }
      if (violation <= m_tol) break;
      if (epochs >= m_opt.maxEpochs) {
        ok = false;
        break;
      }
      for (int j : m_entering) add(j);
      if (!m_naive) m_gram.ensure(m_entering);
    }
    return epochs;
  }

  /// f without the intercept term: ½‖r‖²/n + penalty with the fresh residual (naive), or from the Gram form
  /// ½‖yc‖²/n − cᵀw + ½wᵀGw + penalty (covariance; O(nnz²), no pass over X).
  double objective(double lambda) const {
    double quad = 0.0, lin = 0.0, l1 = 0.0, l2 = 0.0;
    for (int j = 0; j < m_c.p; ++j) {
      if (m_w[j] == 0.0) continue;
      lin += m_c.c[j] * m_w[j];
      l1 += std::fabs(m_w[j]);
      l2 += m_w[j] * m_w[j];
      if (m_naive) continue;
      for (int k = 0; k < m_c.p; ++k)
        if (m_w[k] != 0.0) quad += m_w[j] * m_gram.at(k, j) * m_w[k];
    }
    const double fit = m_naive ? 0.5 * m_r.squaredNorm() / m_c.n : 0.5 * m_c.yy - lin + 0.5 * quad;
    return fit + lambda * (m_alpha * l1 + 0.5 * (1.0 - m_alpha) * l2);
  }

 private:
  void add(int j) {
    if (!m_inSet[j]) {
      m_inSet[j] = 1;
      m_set.push_back(j);
    }
  }

  /// One coordinate-descent pass over the working set. Returns the largest KKT violation met (each coordinate's,
  /// just before its update): at most the tolerance means the pass found nothing to do.
  double epoch() {
    const double invN = 1.0 / m_c.n;
    double v = 0.0;
    for (int j : m_set) {
      const double dj = m_c.d[j];
      if (dj + m_l2 <= 0.0) continue;  // a constant column (e.g. within a CV fold) stays exactly 0
      const double old = m_w[j];
      const double gj = m_naive ? enet::dot(m_c.xc.col(j).data(), m_r.data(), m_c.n) * invN : m_g[j];
      const double vj = kkt(old, gj);
      v = std::max(v, vj);
      // A coordinate that already meets its KKT condition to the tolerance is left alone: after a Newton step the
      // update would only move it by rounding noise, at the cost of an O(n) or O(p) gradient update.
      if (vj <= m_tol) continue;
      const double nw = softThreshold(gj + dj * old, m_l1) / (dj + m_l2);
      if (nw != old) {
        m_w[j] = nw;
        m_residualFresh = false;
        if (m_naive)
          enet::axpy(old - nw, m_c.xc.col(j).data(), m_r.data(), m_c.n);
        else
          enet::axpy(old - nw, m_gram.col(j).data(), m_g.data(), m_c.p);
      }
    }
    return v;
  }

  /// Makes the active list (and G_AA) match the nonzeros of the working set; the factor follows in factor().
  void syncActive() {
    for (int a = static_cast<int>(m_act.size()) - 1; a >= 0; --a)
      if (m_w[m_act[a]] == 0.0) removeActive(a);
    for (int j : m_set)
      if (m_w[j] != 0.0 && m_pos[j] < 0) appendActive(j);
  }

  /// Adds j (nonzero) to the end of the active list and its row and column to G_AA.
  void appendActive(int j) {
    const int k = static_cast<int>(m_act.size());
    if (k + 1 > m_gaa.rows()) {
      const int cap = std::min(m_c.p, 2 * (k + 1));
      MatrixXd bigger(cap, cap);
      bigger.topLeftCorner(k, k) = m_gaa.topLeftCorner(k, k);
      m_gaa.swap(bigger);
    }
    if (m_naive) {  // a contiguous copy of X_A makes the new Gram column one matrix-vector product
      if (k + 1 > m_xa.cols()) m_xa.conservativeResize(m_c.n, m_gaa.rows());
      m_xa.col(k) = m_c.xc.col(j);
      enet::columnDots(m_xa.data(), m_c.n, m_c.n, k, m_xa.col(k).data(), 1.0 / m_c.n, m_gaa.col(k).data());
    } else {
      for (int b = 0; b < k; ++b) m_gaa(b, k) = m_gram.at(m_act[b], j);
    }
    m_gaa.row(k).head(k) = m_gaa.col(k).head(k).transpose();
    m_gaa(k, k) = m_c.d[j];
    m_act.push_back(j);
    m_pos[j] = k;
    ++m_setVersion;
  }

  /// Extends the factor (which covers a leading part of the active list) to the whole list, O(k²) per variable.
  /// A variable whose column is (numerically) a combination of the ones before it cannot be factored: then the
  /// support is degenerate and nullMove leaves it. False when that fails too (the factor stays partial).
  bool extendFactor() {
    while (m_chol.size() < static_cast<int>(m_act.size())) {
      const int a = m_chol.size();
      if (m_chol.append(m_gaa.col(a).head(a), m_gaa(a, a) + m_l2)) continue;
      const int j = m_act[a];
      if (!nullMove(a)) return false;
      if (m_w[j] == 0.0) removeActive(m_pos[j]);  // else a variable before it left, and it may fit now
    }
    return true;
  }

  /// A degenerate support: x_j ≈ X_A·β (lasso with p > n, where at most n − 1 centred columns can be independent;
  /// or exact copies). Along d = (−β on A, 1 on j) the fit hardly changes, so f is nearly linear in t there (its
  /// slope is mostly λα·sᵀd) and moving in the downhill sense until the first coefficient reaches zero shrinks the
  /// support without increasing f. The step is taken only when f (computed exactly on this segment) decreases.
  /// Without this, the Newton steps of a singular block fail and coordinate descent crawls (p > n, small λ).
  bool nullMove(int pos) {
    const int m = pos, j = m_act[pos];  // the leading m variables are factored; j comes next
    m_dir = -m_gaa.col(m).head(m);  // becomes −β
    m_chol.solveInPlace(m_dir);
    const double curv = m_c.d[j] + m_l2 + m_gaa.col(m).head(m).dot(m_dir);  // dᵀ(G + λ(1−α)I)d
    const double invN = 1.0 / m_c.n;
    auto grad = [&](int k) { return m_naive ? enet::dot(m_c.xc.col(k).data(), m_r.data(), m_c.n) * invN : m_g[k]; };
    auto slopeOf = [&](int k, double dk) {
      const double wk = m_w[k];
      return (-grad(k) + m_l2 * wk + (wk > 0 ? m_l1 : -m_l1)) * dk;
    };
    double slope = slopeOf(j, 1.0);
    for (int a = 0; a < m; ++a) slope += slopeOf(m_act[a], m_dir[a]);
    // Downhill sense σ; the step t > 0 ends where the first coefficient (j or one of A) reaches zero.
    const double sigma = slope > 0 ? -1.0 : slope < 0 ? 1.0 : (m_w[j] > 0 ? -1.0 : 1.0);
    double t = std::fabs(m_w[j]);
    int hit = -1;  // −1: j
    if (sigma * m_w[j] > 0) t = std::numeric_limits<double>::infinity();
    for (int a = 0; a < m; ++a) {
      const double step = sigma * m_dir[a], wa = m_w[m_act[a]];
      if (step * wa < 0 && std::fabs(wa / step) < t) {
        t = std::fabs(wa / step);
        hit = a;
      }
    }
    if (!std::isfinite(t) || !(-std::fabs(slope) * t + 0.5 * curv * t * t < 0.0)) return false;
    // Move, keeping the gradient (covariance) or the residual (naive) current.
    auto moveBy = [&](int k, double delta) {
      m_w[k] += delta;
      if (m_naive)
        enet::axpy(-delta, m_c.xc.col(k).data(), m_r.data(), m_c.n);
      else
        enet::axpy(-delta, m_gram.col(k).data(), m_g.data(), m_c.p);
    };
    moveBy(j, sigma * t);
    for (int a = 0; a < m; ++a) moveBy(m_act[a], sigma * t * m_dir[a]);
    m_residualFresh = false;
    if (hit < 0) {
      m_w[j] = 0.0;  // the caller removes j
    } else {
      m_w[m_act[hit]] = 0.0;
      removeActive(hit);
    }
    return true;
  }

  void removeActive(int a) {
    const int k = static_cast<int>(m_act.size());
    for (int c = a; c + 1 < k; ++c) m_gaa.col(c).head(k) = m_gaa.col(c + 1).head(k);
    for (int c = 0; c + 1 < k; ++c)
      for (int r = a; r + 1 < k; ++r) m_gaa(r, c) = m_gaa(r + 1, c);
    if (m_naive)
      for (int c = a; c + 1 < k; ++c) m_xa.col(c) = m_xa.col(c + 1);
    if (a < m_chol.size()) m_chol.remove(a);
    m_pos[m_act[a]] = -1;
    m_act.erase(m_act.begin() + a);
    for (int b = a; b + 1 < k; ++b) m_pos[m_act[b]] = b;
    ++m_setVersion;
  }

  /// Newton steps on the active set (as in feature-sign search): with the signs s of the active coefficients
  /// fixed, f is a quadratic whose minimizer solves (G_AA + λ(1−α)I)·u = c_A − λα·s. Move from w_A towards u,
  /// stopping where the first coefficient reaches zero (it becomes exactly 0.0 and leaves the active set), and
  /// repeat. Along each segment f is this quadratic, so f decreases (with the LDLT of a singular block a step is
  /// kept only if it really does). Coordinate descent alone crawls when the active Gram block is ill-conditioned
  /// (p > n, small λ). Returns the number of solves.
  int newton() {
    int solves = 0;
    for (int it = 0; it < 16 && !m_act.empty(); ++it) {
      if (!factor()) break;  // (may shrink a degenerate active set first)
      const int m = static_cast<int>(m_act.size());
      if (m == 0) break;
      m_rhs.resize(m);
      m_saved.resize(m);
      for (int a = 0; a < m; ++a) {
        m_saved[a] = m_w[m_act[a]];
        m_rhs[a] = m_c.c[m_act[a]] - (m_saved[a] > 0 ? m_l1 : -m_l1);
      }
      m_sol = m_rhs;
      if (m_chol.size() == m)
        m_chol.solveInPlace(m_sol);
      else
        m_sol = m_ldlt.solve(m_rhs);
      ++solves;
      if (!m_sol.allFinite()) break;
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
      const VectorXd next = m_saved + t * (m_sol - m_saved);
      if (m_chol.size() != m) {  // LDLT: keep the step only if f on the orthant of s really decreases
        // f there, up to a constant: −r_Aᵀw + ½wᵀ(G_AA + λ(1−α)I)w with r = c_A − λα·s.
        const auto gaa = m_gaa.topLeftCorner(m, m);
        auto quad = [&](const VectorXd& w) {
          return -m_rhs.dot(w) + 0.5 * w.dot(gaa * w) + 0.5 * m_l2 * w.squaredNorm();
        };
        if (!(quad(next) <= quad(m_saved))) break;
      }
      for (int a = 0; a < m; ++a) m_w[m_act[a]] = next[a];
      m_residualFresh = false;
      if (hit < 0) break;  // the exact solution for these signs
      m_w[m_act[hit]] = 0.0;
      removeActive(hit);
    }
    if (solves > 0) m_naive ? refreshResidual() : refreshGradient();
    return solves;
  }

  /// Makes a factor of G_AA + λ(1−α)I available: the updatable Cholesky factor, extended to the whole active set
  /// (leaving a degenerate support on the way); LDLT when that fails (a singular block that nullMove could not
  /// resolve), computed once per active set. False when neither works.
  bool factor() {
    if (extendFactor()) return true;
    if (m_triedVersion == m_setVersion && m_triedL2 == m_l2) return m_ldltOk;
    m_triedVersion = m_setVersion;
    m_triedL2 = m_l2;
    const int m = static_cast<int>(m_act.size());
    MatrixXd sys = m_gaa.topLeftCorner(m, m);
    sys.diagonal().array() += m_l2;
    m_ldlt.compute(sys);
    m_ldltOk = m_ldlt.info() == Eigen::Success;
    return m_ldltOk;
  }

  static double violationOf(double wj, double gj, double l1, double l2) {
    if (wj != 0.0) return std::fabs(-gj + l2 * wj + (wj > 0 ? l1 : -l1));
    return std::max(0.0, std::fabs(gj) - l1);
  }
  double kkt(double wj, double gj) const { return violationOf(wj, gj, m_l1, m_l2); }
  double violation1(int j) const { return kkt(m_w[j], m_g[j]); }

  /// g for every variable from scratch, so rounding drift in the running updates cannot hide a violation.
  ///
  /// Naive mode, where this pass over all of X is most of the work for p ≫ n and memory sets its pace: a variable
  /// with w_j = 0 needs only |g_j| ≤ λα for its KKT condition to hold exactly (violation 0), and a bound on |g_j|
  /// settles that without the exact value. Each g_j is kept with a bound on its error:
  ///  - from the float32 copy of X (half the bytes; double sums): within (2⁻²²·‖x_j‖₂ + 2⁻¹⁴⁹·√n)·‖r‖₂/n, since
  ///    rounding x to float32 moves it by at most 2⁻²⁴|x| (or half the least subnormal), with a factor 4 to spare;
  ///  - since then the residual moved: |x_jᵀr − x_jᵀr′| ≤ ‖x_j‖₂·‖r − r′‖₂, summed over the checks in between.
  /// Only a g_j whose bound does not clear λα is read again (from the float32 copy, or all of them in one pass when
  /// that is most), and only those still unsettled, and every active one, are computed in double. The violations
  /// reported are therefore exact, and the rest only feed the strong rule at the next λ.
  void fullGradient() {
    if (!m_naive) {
      refreshGradient();
      return;
    }
    syncActive();
    refreshResidual();
    const double invN = 1.0 / m_c.n;
    m_drift += (m_r - m_rPrev).norm() * invN * (1.0 + 1e-12);
    m_rPrev = m_r;
    const double rn = m_r.norm() * invN, tiny = 0x1p-149 * std::sqrt(static_cast<double>(m_c.n)) * rn;
    auto settled = [&](int j) {
      return m_w[j] == 0.0 && std::fabs(m_g[j]) + m_gErr[j] + m_colNorm[j] * (m_drift - m_gDrift[j]) <= m_l1;
    };
    m_stale.resize(m_c.p);
    size_t stale = 0;
    for (int j = 0; j < m_c.p; ++j) {  // without a branch: which variables are stale is unpredictable
      m_stale[stale] = j;
      stale += !settled(j);
    }
    m_stale.resize(stale);
    if (2 * m_stale.size() > static_cast<size_t>(m_c.p)) {
      enet::columnDots(m_xf.data(), m_c.n, m_c.n, m_c.p, m_r.data(), invN, m_g.data());
      m_stale.resize(m_c.p);
      for (int j = 0; j < m_c.p; ++j) m_stale[j] = j;
    } else {
      enet::columnDotsAt(m_xf.data(), m_c.n, m_c.n, m_stale.data(), static_cast<int64_t>(m_stale.size()),
                         m_r.data(), invN, m_g.data());
    }
    for (int j : m_stale) {
      m_gErr[j] = 0x1p-22 * m_colNorm[j] * rn + tiny;
      m_gDrift[j] = m_drift;
      if (m_w[j] != 0.0 || !settled(j)) {
        m_g[j] = enet::dot(m_c.xc.col(j).data(), m_r.data(), m_c.n) * invN;
        m_gErr[j] = 0x1p-40 * m_colNorm[j] * rn;  // the rounding of a double dot product, generously
      }
    }
  }

  /// r = yc − X_A·w_A from scratch (naive mode; callers have synced the active set with the nonzeros).
  void refreshResidual() {
    if (m_residualFresh) return;
    m_residualFresh = true;
    const int m = static_cast<int>(m_act.size());
    m_wa.resize(m);
    for (int a = 0; a < m; ++a) m_wa[a] = m_w[m_act[a]];
    m_r = m_c.yc;
    enet::subtractColumns(m_xa.data(), m_c.n, m_c.n, m_act.size(), m_wa.data(), m_r.data());
  }

  /// g = c − Σ_k G[:,k]·w_k from scratch (covariance mode).
  void refreshGradient() {
    m_g = m_c.c;
    for (int k : m_set)
      if (m_w[k] != 0.0) enet::axpy(-m_w[k], m_gram.col(k).data(), m_g.data(), m_c.p);
  }

  const Centered& m_c;
  bool m_naive;
  bool m_residualFresh = true;  ///< naive mode: m_r is yc − Xc·w computed from scratch since w last changed
  GramCache m_gram;
  double m_alpha;
  const ElasticNetOptions& m_opt;
  double m_tol;
  VectorXd m_w, m_g, m_r;
  std::vector<char> m_inSet;
  std::vector<int> m_set;
  std::vector<int> m_act;  ///< the active set, in the order of the rows of m_gaa and of the factor
  std::vector<int> m_pos;  ///< position of each variable in m_act, −1 if absent
  std::vector<int> m_entering;
  MatrixXd m_gaa;          ///< G_AA in its leading m × m block (capacity grows geometrically)
  MatrixXd m_xa;           ///< naive mode: the columns of X_A, in the order of m_act
  Eigen::MatrixXf m_xf;    ///< naive mode: X in float32, for the screening part of fullGradient
  VectorXd m_colNorm;      ///< naive mode: ‖x_j‖₂
  // Naive mode, the error bounds of m_g (see fullGradient): |g_j − m_g[j]| ≤ m_gErr[j] + m_colNorm[j]·(m_drift −
  // m_gDrift[j]), where m_drift sums ‖r − r_prev‖₂ over the checks so far.
  VectorXd m_gErr, m_gDrift, m_rPrev;
  double m_drift = 0.0;
  std::vector<int> m_stale;
  UpdatableCholesky m_chol;
  int m_setVersion = 0, m_triedVersion = -1;
  double m_triedL2 = -1.0;
  Eigen::LDLT<MatrixXd> m_ldlt;
  bool m_ldltOk = false;
  VectorXd m_rhs, m_sol, m_saved, m_wa, m_dir;
  double m_l1 = 0.0, m_l2 = -1.0;
};

/// α = 0 or λ = 0: (XᵀX/n + λ(1−α)I) w = Xᵀy/n, by LDLT when p ≤ n and by the SVD of X when p > n (which also gives
/// the minimum-norm solution when the system is singular). Only valid when λα = 0.
class DirectSolver {
 public:
  explicit DirectSolver(const Centered& c) : m_c(c) {}
  VectorXd solve(double ridge) {
    if (m_c.p <= m_c.n) {
      // Each column scaled by a power of two (exact) to a largest magnitude in [0.5, 1): features 10¹⁰ apart in
      // scale give a well-conditioned Gram matrix Ĝ = SGS, and (G + ρI)w = c becomes (Ĝ + ρS²)u = Sc, w = Su.
      if (m_gram.size() == 0) {
        m_scale.resize(m_c.p);
        for (int j = 0; j < m_c.p; ++j) m_scale[j] = powerOfTwoScale(m_c.xc.col(j).cwiseAbs().maxCoeff());
        const MatrixXd xs = m_c.xc * m_scale.asDiagonal();
        m_gram.resize(m_c.p, m_c.p);
        m_gram.setZero();
        m_gram.selfadjointView<Eigen::Lower>().rankUpdate(xs.transpose(), 1.0 / m_c.n);
        m_gram.triangularView<Eigen::StrictlyUpper>() = m_gram.transpose();
        m_cs = (xs.transpose() * m_c.yc) / m_c.n;
      }
      MatrixXd a = m_gram;
      if (ridge > 0.0) a.diagonal().array() += ridge * m_scale.array().square();  // (s² may be +∞: then the SVD)
      Eigen::LDLT<MatrixXd> ldlt(a);
      if (ldlt.info() == Eigen::Success && ldlt.isPositive() && ldlt.rcond() > 1e-13)
        return (ldlt.solve(m_cs).array() * m_scale.array()).matrix();
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
  MatrixXd m_gram;  ///< Ĝ = SGS
  VectorXd m_scale, m_cs;  ///< S's diagonal; Sc
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
  // On data scaled by powers of two (exact) so that nothing overflows; the answer is unscaled at the end (and is
  // +∞ only when λ_max itself is beyond the range of double).
  const double kx = powerOfTwoScale(x.cwiseAbs().maxCoeff()), ky = powerOfTwoScale(y.cwiseAbs().maxCoeff());
  double m = 0.0;
  const double ym = fitIntercept ? (y * ky).mean() : 0.0;
  for (int j = 0; j < x.cols(); ++j) {
    const double xm = fitIntercept ? (x.col(j) * kx).mean() : 0.0;
    m = std::max(m, std::fabs(((x.col(j).array() * kx - xm) * (y.array() * ky - ym)).sum()));
  }
  return m / (n * alpha) / kx / ky;
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

namespace {

/// The path on kx·X and ky·y, whose magnitudes are at most 1 (see fitElasticNetPath). `tolFloor` is what 1 in the
/// original units is there (the floor of the relative tolerance).
ElasticNetPath fitPrescaled(const MatrixXd& x, const VectorXd& y, double kx, double ky,
                            const std::vector<double>& lambdas, const ElasticNetOptions& opt, double tolFloor) {
  const Centered c = center(x, y, opt.fitIntercept, kx, ky);
  ElasticNetPath r;
  r.alpha = opt.alpha;
  r.lambdaMax = opt.alpha > 0 ? c.c.cwiseAbs().maxCoeff() / opt.alpha : std::numeric_limits<double>::infinity();
  r.lambdas = lambdas;
  const int k = static_cast<int>(lambdas.size());
  r.coefs.setZero(k, c.p);
  r.intercepts.resize(k);
  r.epochs.assign(k, 0);
  r.kktViolation.assign(k, 0.0);
  r.objective.assign(k, 0.0);
  r.nonzeros.assign(k, 0);
  const double tolAbs =
      opt.tol * std::max({tolFloor, c.c.cwiseAbs().maxCoeff(), std::numeric_limits<double>::min()});

  const bool naive = opt.mode == ElasticNetMode::Naive ||
                     (opt.mode == ElasticNetMode::Auto && (c.p > c.n || c.p >= kNaiveFromVariables));
  CdSolver cd(c, opt.alpha, opt, tolAbs, naive);
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
    for (int j = 0; j < c.p; ++j)  // a row of a column-major matrix is strided: write the nonzeros only
      if (w[j] != 0.0) r.coefs(i, j) = w[j];
    r.intercepts[i] = opt.fitIntercept ? c.ymean - c.xmean.dot(w) : 0.0;
    r.nonzeros[i] = static_cast<int>((w.array() != 0.0).count());
  }
  return r;
}

}  // namespace

ElasticNetPath fitElasticNetPath(const MatrixXd& x, const VectorXd& y, const std::vector<double>& lambdas,
                                 const ElasticNetOptions& opt) {
  if (std::string err = validateElasticNet(x, y, lambdas, opt); !err.empty()) throw std::invalid_argument(err);
  // X and y are each multiplied by a power of two (exact) that brings their largest magnitude into [0.5, 1), so
  // that centring, Gram entries and squared norms cannot overflow (cells near 1e308); y also comes up from tiny
  // magnitudes. X is only ever scaled down: small columns are scaled one by one where it matters (DirectSolver),
  // and scaling X up would overflow λ̃ for ridge.
  // With X̃ = kx·X and ỹ = ky·y the objective becomes ky²·f̃ where f̃ is an elastic net on (X̃, ỹ) with
  //   λ̃α̃ = λα·kx·ky,   λ̃(1−α̃) = λ(1−α)·kx²,   w = w̃·kx/ky,   b = b̃/ky,
  // and α̃ = α·ky / (α·ky + (1−α)·kx) is the same for every λ of the path.
  const double kx = std::min(1.0, powerOfTwoScale(x.cwiseAbs().maxCoeff()));
  const double ky = powerOfTwoScale(y.cwiseAbs().maxCoeff());
  if (kx == 1.0 && ky == 1.0) return fitPrescaled(x, y, 1.0, 1.0, lambdas, opt, 1.0);
  const double a = opt.alpha;
  const double factor = a == 1.0 ? kx * ky : a == 0.0 ? kx * kx : a * kx * ky + (1.0 - a) * kx * kx;
  ElasticNetOptions scaled = opt;
  scaled.alpha = a == 1.0 || a == 0.0 ? a : a * ky / (a * ky + (1.0 - a) * kx);
  std::vector<double> lam(lambdas.size());
  for (size_t i = 0; i < lambdas.size(); ++i) lam[i] = lambdas[i] == 0.0 ? 0.0 : lambdas[i] * factor;
  ElasticNetPath r = fitPrescaled(x, y, kx, ky, lam, scaled, kx * ky);
  r.alpha = a;
  r.lambdas = lambdas;
  r.lambdaMax = std::isfinite(r.lambdaMax) ? r.lambdaMax / factor : r.lambdaMax;
  r.coefs *= kx / ky;
  r.intercepts /= ky;
  for (double& v : r.kktViolation) v /= kx * ky;
  for (double& f : r.objective) f /= ky * ky;
  return r;
}

ElasticNetPath fitElasticNet(const MatrixXd& x, const VectorXd& y, double lambda, const ElasticNetOptions& opt) {
  return fitElasticNetPath(x, y, std::vector<double>{lambda}, opt);
}

std::string checkTrust(const MatrixXd& x, const VectorXd& y, const ElasticNetPath& path, bool fitIntercept,
                       double limit) {
  const int n = static_cast<int>(x.rows()), p = static_cast<int>(x.cols());
  for (Eigen::Index i = 0; i < path.coefs.rows(); ++i) {
    if (!path.coefs.row(i).allFinite() || !std::isfinite(path.intercepts[i]))
      return "the coefficients are beyond the range of double; divide the columns by a constant (e.g. 1e100) and fit again";
  }
  // Everything on data scaled by powers of two, column by column (exact), so nothing overflows or underflows.
  const double ky = powerOfTwoScale(y.cwiseAbs().maxCoeff());
  VectorXd s(p);
  for (int j = 0; j < p; ++j) s[j] = powerOfTwoScale(x.col(j).cwiseAbs().maxCoeff());
  MatrixXd xs = x * s.asDiagonal();
  VectorXd ys = y * ky;
  if (fitIntercept) {
    xs.rowwise() -= xs.colwise().mean();
    ys.array() -= ys.mean();
  }
  const VectorXd colNorm = xs.colwise().norm().transpose();
  const double yNorm = ys.norm();
  for (Eigen::Index i = 0; i < path.coefs.rows(); ++i) {
    // ws = w/s·ky: the coefficients for the scaled columns and target.
    const VectorXd ws = (path.coefs.row(i).transpose().array() / s.array() * ky).matrix();
    const VectorXd r = ys - xs * ws;
    const VectorXd g = xs.transpose() * r;  // n·g_j of the scaled problem
    const double l1 = path.lambdas[i] * path.alpha, l2 = path.lambdas[i] * (1.0 - path.alpha);
    for (int j = 0; j < p; ++j) {
      // The same KKT violation as the solver's, for column j scaled to magnitude 1 and measured against the most
      // x_jᵀr can be (‖x_j‖·‖y‖): a small column whose coefficient the solver's tolerance cannot see shows here.
      const double scale = colNorm[j] * yNorm;
      if (!(scale > 0.0)) continue;
      const double l1s = l1 * n * s[j] * ky;  // n·λα in the scaled units of g_j
      const double wj = path.coefs(i, j);
      const double pen = l2 * n * ky * wj * s[j];  // n·λ(1−α)w_j in the scaled units of g_j
      double v;
      if (wj != 0.0)
        v = std::fabs(-g[j] + pen + (wj > 0 ? l1s : -l1s));
      else
        v = std::max(0.0, std::fabs(g[j]) - l1s);
      if (!(v <= limit * scale)) {
        char buf[64];
        std::snprintf(buf, sizeof buf, "%.1e", v / scale);
        return "the answer cannot be trusted: the optimality conditions fail by " + std::string(buf) +
               " (relative) for column " + std::to_string(j + 1) +
               ", whose scale differs too much from the others for this penalty; standardize the columns (or drop "
               "column " + std::to_string(j + 1) + ") and fit again";
      }
    }
  }
  return {};
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
