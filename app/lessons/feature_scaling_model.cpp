// feature-scaling's model. All numbers come from nr/feature_scaling.h; what is chosen here is the data (one feature
// 20 times wider than the other and correlated with it, so the raw valley is thin and tilted) and how a run is
// compared: η as a fraction of each problem's own largest stable rate, so the difference in steps comes from the shape
// of the contours alone.

#include "lessons/feature_scaling_model.h"

#include <algorithm>
#include <cmath>

#include "nr/rng.h"

namespace nr::app {

namespace {

core::Scaling toScaling(int m) {
  return m == FeatureScalingModel::kMinMax   ? core::Scaling::MinMax
         : m == FeatureScalingModel::kRobust ? core::Scaling::Robust
                                             : core::Scaling::Standard;
}

}  // namespace

void FeatureScalingModel::buildView(const Eigen::MatrixXd& x, View& v) const {
  v.ls = core::centeredLeastSquares(x, m_y);
  Eigen::SelfAdjointEigenSolver<Eigen::Matrix2d> es(Eigen::Matrix2d(v.ls.hessian));
  v.lambdaMin = es.eigenvalues()(0);
  v.lambdaMax = es.eigenvalues()(1);
  v.stableRate = core::largestStableRate(v.ls.hessian);
  v.lr = m_p.lrFraction * v.stableRate;
  v.run = core::gradientDescent(v.ls, Eigen::VectorXd::Zero(2), v.lr, 400, 1e-3, kMaxSteps);
  // The same loss as a bowl around w*: L(w) − L* = ½(w − w*)ᵀH(w − w*), with H's eigenvectors as its axes.
  v.bowl.optimum = v.ls.optimum;
  v.bowl.a1 = std::max(v.lambdaMin, 1e-12);
  v.bowl.a2 = std::max(v.lambdaMax, 1e-12);
  v.bowl.angle = std::atan2(es.eigenvectors()(1, 0), es.eigenvectors()(0, 0));
  const double top = v.ls.loss(Eigen::VectorXd::Zero(2)) - v.ls.minLoss;
  v.cx.assign(7, {});
  v.cy.assign(7, {});
  for (int k = 0; k < 7; ++k)
    for (const Eigen::Vector2d& p : v.bowl.levelSet(top * std::pow(0.4, k), 96)) {
      v.cx[k].push_back(p.x());
      v.cy[k].push_back(p.y());
    }
  v.px.clear(), v.py.clear();
  for (const Eigen::VectorXd& w : v.run.path) {
    // A diverging path is cut where it leaves the picture, so the contours stay readable.
    if ((w - v.ls.optimum).norm() > 3.0 * v.ls.optimum.norm() + 1e-9) break;
    v.px.push_back(w(0));
    v.py.push_back(w(1));
  }
}

void FeatureScalingModel::makeData() {
  // Feature 1 has sd 1, feature 2 sd = ratio, correlated 0.6 (the valley is tilted); y depends on both equally per sd.
  core::Rng rng(static_cast<uint64_t>(m_p.seed) * 40503u + 3u);
  const int n = kSamples;
  m_x.resize(n, 2);
  m_y.resize(n);
  for (int i = 0; i < n; ++i) {
    const double z1 = rng.normal(), z2 = 0.6 * z1 + 0.8 * rng.normal();
    m_x(i, 0) = 2.0 + z1;
    m_x(i, 1) = 50.0 + m_p.ratio * z2;
    m_y(i) = 3.0 + 1.0 * z1 + 1.0 * z2 + 0.4 * rng.normal();
  }
  if (m_p.outlier) {
    m_x(0, 0) = 2.0 + 12.0;  // a high-leverage point that still follows the model
    m_y(0) = 3.0 + 12.0 + (m_x(0, 1) - 50.0) / m_p.ratio;
  }
}

void FeatureScalingModel::set(const Params& p) {
  m_p = p;
  makeData();
  m_scaling = core::fitScaling(m_x, toScaling(m_p.method));
  m_xs = core::applyScaling(m_x, m_scaling);
  m_std = core::fitScaling(m_x, core::Scaling::Standard);
  buildView(m_x, m_raw);
  buildView(m_xs, m_scaled);

  // Ridge with one λ on raw and on standardized features, both reported as "effect of one sd" (w_j·sd_j).
  const Eigen::MatrixXd xstd = core::applyScaling(m_x, m_std);
  const core::LeastSquares lsStd = core::centeredLeastSquares(xstd, m_y);
  m_ols = m_raw.ls.optimum.cwiseProduct(m_std.scale);
  m_ridgeRaw = core::ridge(m_raw.ls, m_p.lambda).cwiseProduct(m_std.scale);
  m_ridgeStd = core::ridge(lsStd, m_p.lambda);

  const Eigen::Index n = m_x.rows();
  const Eigen::MatrixXd mm = core::applyScaling(m_x, core::fitScaling(m_x, core::Scaling::MinMax));
  m_histMinMax.assign(mm.col(0).data(), mm.col(0).data() + n);
  m_histStd.assign(xstd.col(0).data(), xstd.col(0).data() + n);
}

}  // namespace nr::app
