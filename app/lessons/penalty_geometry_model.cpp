// The numbers behind penalty-geometry. Every optimum comes from nr::core's exact 2-D solvers, so an optimum on an
// axis has a coordinate of exactly 0.0 and the lesson (and its Monte-Carlo count) can test for it with ==.

#include "lessons/penalty_geometry_model.h"

#include <cmath>
#include <limits>

#include "nr/rng.h"

namespace nr::app {

core::Quadratic2 PenaltyGeometryModel::quadratic() const {
  core::Quadratic2 q;
  q.optimum = Eigen::Vector2d(m_p.optimumX, m_p.optimumY);
  q.angle = m_p.angle;
  q.axis1 = 1.0 * std::sqrt(m_p.axisRatio);
  q.axis2 = 1.0 / std::sqrt(m_p.axisRatio);
  return q;
}

double PenaltyGeometryModel::thirdP() const {
  return m_p.pInfinity ? std::numeric_limits<double>::infinity() : double(m_p.p);
}

bool PenaltyGeometryModel::thirdConvex() const { return m_p.third == kElasticNet || m_p.pInfinity || m_p.p >= 1.0f; }

core::GeometryResult PenaltyGeometryModel::solve(const core::Quadratic2& q, int panel, double lambda) const {
  if (panel == 0) return core::penalizedOptimum(q, 1.0, lambda);
  if (panel == 1) return core::penalizedOptimum(q, 2.0, lambda);
  if (m_p.third == kElasticNet) return core::elasticNetOptimum(q, lambda, m_p.alpha);
  return core::penalizedOptimum(q, thirdP(), lambda);
}

void PenaltyGeometryModel::set(const Params& p) {
  m_p = p;
  // The Monte-Carlo shares hold for one λ and α: start counting again when either changes.
  if (m_mcLambda != m_p.lambda || m_mcAlpha != m_p.alpha) {
    m_mcLambda = m_p.lambda;
    m_mcAlpha = m_p.alpha;
    clearCounts();
    sampleMonteCarlo(kFirstSamples);
  }
  const core::Quadratic2 q = quadratic();
  const PathKey key{m_p.optimumX, m_p.optimumY, m_p.angle, m_p.axisRatio, m_p.p, m_p.alpha, m_p.third, m_p.pInfinity};
  if (!(key == m_pathKey)) {
    m_pathKey = key;
    computePaths(q);
  }
  for (int k = 0; k < 3; ++k) {
    m_opt[k] = solve(q, k, m_p.lambda);
    computeBall(k);
  }
}

void PenaltyGeometryModel::computePaths(const core::Quadratic2& q) {
  ++m_pathComputations;
  for (int k = 0; k < 3; ++k) {
    // The path as λ grows: cheap closed forms for L1, L2 and the elastic net; a coarser one for general p
    // (a numeric search per point). It does not depend on the current λ, so moving λ reuses it.
    const bool closed = k < 2 || m_p.third == kElasticNet || m_p.pInfinity || m_p.p == 1.0f || m_p.p == 2.0f ||
                        m_p.p == 0.0f;
    const int points = closed ? 80 : 24;
    m_path[k].clear();
    m_path[k].push_back(q.optimum);
    for (int i = 0; i < points; ++i) m_path[k].push_back(solve(q, k, 1e-3 * std::pow(1e4, double(i) / (points - 1))).w);
  }
}

void PenaltyGeometryModel::computeBall(int k) {
  // The ball through the optimum: {w : ‖w‖ ≤ ‖ŵ‖} in the panel's own norm.
  const double p = k == 0 ? 1.0 : k == 1 ? 2.0 : thirdP();
  m_ball[k].clear();
  if (k == 2 && m_p.third == kElasticNet) {
    // Elastic-net ball through ŵ: α|w|₁ + (1−α)/2‖w‖² = c, drawn along rays.
    const Eigen::Vector2d& w = m_opt[k].w;
    const double a = m_p.alpha, c = a * w.lpNorm<1>() + 0.5 * (1 - a) * w.squaredNorm();
    for (int i = 0; i <= 128; ++i) {
      const double th = 6.283185307179586 * i / 128;
      const Eigen::Vector2d u(std::cos(th), std::sin(th));
      const double l1 = u.lpNorm<1>(), l2 = 1.0;
      // a·l1·r + (1−a)/2·l2·r² = c
      const double r = (1 - a) > 1e-12 ? (-a * l1 + std::sqrt(a * a * l1 * l1 + 2 * (1 - a) * l2 * c)) / ((1 - a) * l2)
                                       : c / (a * l1);
      m_ball[k].push_back(r * u);
    }
  } else if (p > 0) {
    const double radius = core::lpNorm(m_opt[k].w, p);
    for (const Eigen::Vector2d& b : core::unitBallBoundary(p, 256)) m_ball[k].push_back(radius * b);
  }
}

void PenaltyGeometryModel::sampleMonteCarlo(int count) {
  core::Rng rng(m_mcState);
  for (int i = 0; i < count; ++i) {
    const core::Quadratic2 q = core::randomQuadratic(rng);
    const Eigen::Vector2d w1 = core::penalizedOptimum(q, 1.0, m_p.lambda).w;
    const Eigen::Vector2d w2 = core::penalizedOptimum(q, 2.0, m_p.lambda).w;
    const Eigen::Vector2d we = core::elasticNetOptimum(q, m_p.lambda, m_p.alpha).w;
    m_sparse[0] += (w1.x() == 0.0 || w1.y() == 0.0);
    m_sparse[1] += (w2.x() == 0.0 || w2.y() == 0.0);
    m_sparse[2] += (we.x() == 0.0 || we.y() == 0.0);
    ++m_samples;
  }
  m_mcState = rng.next();
}

void PenaltyGeometryModel::clearCounts() {
  m_samples = 0;
  m_sparse = {0, 0, 0};
}

}  // namespace nr::app
