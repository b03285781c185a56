// The numbers behind priors. The numerical choices: the data are drawn one row at a time so more samples only add
// rows; the MAP is computed twice with nothing in common (penalty-geometry's exact 2-D solver on the loss rewritten
// as a quadratic, and accelerated proximal gradient on the posterior itself), so their difference on the screen is
// a real check; soft-thresholding returns exact zeros, so an MAP on an axis is exactly 0.0 both ways.

#include "lessons/priors_model.h"

#include <algorithm>
#include <cmath>

#include "nr/lp_geometry.h"
#include "nr/rng.h"

namespace nr::app {

namespace {
double softThreshold(double z, double t) {
  // + 0.0 turns −0.0 into 0.0, so an exact zero is printed and compared as plain 0.
  return (z > t ? z - t : z < -t ? z + t : 0.0) + 0.0;
}
}  // namespace

void PriorsModel::set(const Params& p) {
  const bool sameData = m_hasData && p.n == m_p.n && p.noise == m_p.noise && p.correlation == m_p.correlation &&
                        p.w1 == m_p.w1 && p.w2 == m_p.w2 && p.seed == m_p.seed;
  m_p = p;
  if (!sameData) regenerate();
  m_hasData = true;
  recompute();
}

void PriorsModel::regenerate() {
  // One row at a time (x₁, x₂, ε), so raising n keeps the first rows and only adds points.
  core::Rng rng(static_cast<uint64_t>(m_p.seed) * 7919u + 17u);
  const double rho = m_p.correlation, c = std::sqrt(std::max(0.0, 1.0 - rho * rho)), sigma = m_p.noise;
  m_x.resize(m_p.n, 2);
  m_y.resize(m_p.n);
  for (int i = 0; i < m_p.n; ++i) {
    const double z1 = rng.normal(), z2 = rng.normal(), e = rng.normal();
    m_x(i, 0) = z1;
    m_x(i, 1) = rho * z1 + c * z2;
    m_y(i) = m_p.w1 * m_x(i, 0) + m_p.w2 * m_x(i, 1) + sigma * e;
  }
  m_gram = m_x.transpose() * m_x;
  m_xty = m_x.transpose() * m_y;
  m_mle = m_gram.ldlt().solve(m_xty);
  computePaths();
}

void PriorsModel::computePaths() {
  // penalty-geometry's loss: (1/2n)‖y − Xw‖² = ½(w − ŵ)ᵀA(w − ŵ) + const with A = XᵀX/n and ŵ the MLE.
  const core::Quadratic2 q = core::Quadratic2::fromMatrix(m_mle, m_gram / m_p.n);
  for (int k = 0; k < 2; ++k) {
    m_path[k].clear();
    m_path[k].push_back(m_mle);
    for (int i = 0; i < kPathPoints; ++i) {
      const double s = kStdMax * std::pow(kStdMin / kStdMax, double(i) / (kPathPoints - 1));
      const double lambda = k == kLaplace ? laplaceLambda(m_p.noise, m_p.n, laplaceScale(s))
                                          : gaussianLambda(m_p.noise, m_p.n, s);
      m_path[k].push_back(core::penalizedOptimum(q, k == kLaplace ? 1.0 : 2.0, lambda).w);
    }
  }
}

Eigen::Vector2d PriorsModel::proximalMap(double b, int& iterations) const {
  // Minimizes −log p(w|y) = (1/2σ²)(wᵀGw − 2cᵀw) + ‖w‖₁/b + const directly, in the posterior's own units (no λ):
  // accelerated proximal gradient (FISTA) with a gradient-based restart, step 1/L, L = λ_max(G)/σ². The prox of
  // ‖w‖₁/b is soft-thresholding, which puts exact zeros where the posterior's peak sits on an axis. A last run of
  // plain proximal steps (monotone) settles the final digits.
  const double s2 = double(m_p.noise) * m_p.noise;
  const double lipschitz = Eigen::SelfAdjointEigenSolver<Eigen::Matrix2d>(m_gram).eigenvalues().maxCoeff() / s2;
  const double t = 1.0 / lipschitz, thr = t / b;
  auto step = [&](const Eigen::Vector2d& z) {
    const Eigen::Vector2d g = (m_gram * z - m_xty) / s2;
    return Eigen::Vector2d(softThreshold(z.x() - t * g.x(), thr), softThreshold(z.y() - t * g.y(), thr));
  };
  Eigen::Vector2d w(0.0, 0.0), z = w;
  double theta = 1.0;
  iterations = 0;
  for (int it = 0; it < 200000; ++it) {
    const Eigen::Vector2d wn = step(z);
    ++iterations;
    const double change = (wn - w).cwiseAbs().maxCoeff();
    if ((z - wn).dot(wn - w) > 0) {  // momentum points uphill: restart
      theta = 1.0;
      z = wn;
    } else {
      const double thetaNext = 0.5 * (1.0 + std::sqrt(1.0 + 4.0 * theta * theta));
      z = wn + ((theta - 1.0) / thetaNext) * (wn - w);
      theta = thetaNext;
    }
    w = wn;
    if (change <= 1e-16 * std::max(1.0, w.cwiseAbs().maxCoeff())) break;
  }
  for (int it = 0; it < 200; ++it, ++iterations) {
    const Eigen::Vector2d wn = step(w);
    if (wn == w) break;
    w = wn;
  }
  return w;
}

void PriorsModel::recompute() {
  const double s = m_p.priorStd, sigma = m_p.noise, s2 = sigma * sigma;
  const core::Quadratic2 q = core::Quadratic2::fromMatrix(m_mle, m_gram / m_p.n);
  Estimate& l = m_est[kLaplace];
  l.width = laplaceScale(s);
  l.lambda = laplaceLambda(sigma, m_p.n, l.width);
  l.solver = core::penalizedOptimum(q, 1.0, l.lambda).w;
  l.direct = proximalMap(l.width, l.iterations);
  Estimate& g = m_est[kGaussian];
  g.width = s;
  g.lambda = gaussianLambda(sigma, m_p.n, s);
  g.solver = core::penalizedOptimum(q, 2.0, g.lambda).w;
  // The Gaussian posterior is Gaussian: precision XᵀX/σ² + I/τ², mean = mode = precision⁻¹·Xᵀy/σ².
  g.direct = (m_gram / s2 + Eigen::Matrix2d::Identity() / (s * s)).ldlt().solve(m_xty / s2);
  g.iterations = 0;
  for (Estimate* e : {&l, &g}) e->difference = (e->solver - e->direct).cwiseAbs().maxCoeff();
  computeCurves();
}

double PriorsModel::negLogPosterior(int prior, const Eigen::Vector2d& w) const {
  const double s2 = double(m_p.noise) * m_p.noise;
  const double data = (w.dot(m_gram * w) - 2.0 * m_xty.dot(w)) / (2.0 * s2);
  if (prior == kLaplace) return data + w.lpNorm<1>() / m_est[kLaplace].width;
  return data + w.squaredNorm() / (2.0 * m_p.priorStd * m_p.priorStd);
}

void PriorsModel::computeCurves() {
  const int count = kCurvePoints;
  m_grid1d.resize(count);
  for (auto& v : m_density) v.resize(count);
  for (auto& v : m_penalty) v.resize(count);
  const double b = m_est[kLaplace].width, tau = m_p.priorStd;
  for (int i = 0; i < count; ++i) {
    const double w = (i - (count - 1) / 2) * (2 * kView / (count - 1));
    m_grid1d[i] = w;
    m_density[kLaplace][i] = std::exp(-std::abs(w) / b) / (2 * b);
    m_density[kGaussian][i] = std::exp(-w * w / (2 * tau * tau)) / (tau * 2.5066282746310002);
    m_penalty[kLaplace][i] = std::abs(w) / b;
    m_penalty[kGaussian][i] = w * w / (2 * tau * tau);
  }
}

void PriorsModel::posteriorField(int k, int size, std::vector<float>& out) const {
  // The posterior density relative to its peak, exp(−(U(w) − U(MAP))), on a size² grid over [−3, 3]² (row 0 at the
  // bottom, as CachedField expects). U(MAP) uses the solver's MAP; any rounding there only scales the shading.
  // U is expanded into scalars (this runs every frame while the slider moves), and exp is skipped where the density
  // is below 1e-12 of the peak.
  const double s2 = double(m_p.noise) * m_p.noise;
  const double gxx = m_gram(0, 0) / (2 * s2), gxy = m_gram(0, 1) / s2, gyy = m_gram(1, 1) / (2 * s2);
  const double cx = m_xty.x() / s2, cy = m_xty.y() / s2;
  const double invB = 1.0 / m_est[kLaplace].width, invT = 1.0 / (2.0 * m_p.priorStd * m_p.priorStd);
  const double peak = negLogPosterior(k, m_est[k].solver);
  out.resize(size_t(size) * size);
  for (int j = 0; j < size; ++j) {
    const double y = -kView + 2 * kView * j / (size - 1);
    for (int i = 0; i < size; ++i) {
      const double x = -kView + 2 * kView * i / (size - 1);
      const double data = gxx * x * x + gxy * x * y + gyy * y * y - cx * x - cy * y;
      const double prior = k == kLaplace ? (std::abs(x) + std::abs(y)) * invB : (x * x + y * y) * invT;
      const double d = data + prior - peak;
      out[j * size + i] = d > 27.6 ? 0.0f : static_cast<float>(std::exp(-std::max(0.0, d)));
    }
  }
}

}  // namespace nr::app
