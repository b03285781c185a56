#include "nr/feature_scaling.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace nr::core {

double quantile(std::vector<double> v, double q) {
  if (v.empty()) throw std::invalid_argument("quantile of an empty set");
  std::sort(v.begin(), v.end());
  const double pos = std::clamp(q, 0.0, 1.0) * static_cast<double>(v.size() - 1);
  const size_t lo = static_cast<size_t>(std::floor(pos));
  const size_t hi = std::min(lo + 1, v.size() - 1);
  return v[lo] + (pos - static_cast<double>(lo)) * (v[hi] - v[lo]);
}

ColumnScaling fitScaling(const Eigen::MatrixXd& x, Scaling kind) {
  const Eigen::Index d = x.cols();
  ColumnScaling s{Eigen::VectorXd::Zero(d), Eigen::VectorXd::Ones(d)};
  if (x.rows() < 1 || kind == Scaling::None) return s;
  for (Eigen::Index j = 0; j < d; ++j) {
    const Eigen::VectorXd col = x.col(j);
    double shift = 0.0, scale = 1.0;
    switch (kind) {
      case Scaling::MinMax:
        shift = col.minCoeff();
        scale = col.maxCoeff() - shift;
        break;
      case Scaling::Standard:
        shift = col.mean();
        scale = std::sqrt((col.array() - shift).square().mean());
        break;
      case Scaling::Robust: {
        const std::vector<double> v(col.data(), col.data() + col.size());
        shift = quantile(v, 0.5);
        scale = quantile(v, 0.75) - quantile(v, 0.25);
        break;
      }
      case Scaling::None: break;
    }
    s.shift(j) = shift;
    s.scale(j) = scale > 0.0 ? scale : 1.0;  // a constant column is only shifted
  }
  return s;
}

Eigen::MatrixXd applyScaling(const Eigen::MatrixXd& x, const ColumnScaling& s) {
  Eigen::MatrixXd out(x.rows(), x.cols());
  for (Eigen::Index j = 0; j < x.cols(); ++j) out.col(j) = (x.col(j).array() - s.shift(j)) / s.scale(j);
  return out;
}

LeastSquares centeredLeastSquares(const Eigen::MatrixXd& x, const Eigen::VectorXd& y) {
  if (x.rows() != y.size()) throw std::invalid_argument("x and y need the same number of rows");
  if (x.rows() < 2) throw std::invalid_argument("least squares needs at least 2 rows");
  const double n = static_cast<double>(x.rows());
  const Eigen::MatrixXd xc = x.rowwise() - x.colwise().mean();
  const Eigen::VectorXd yc = y.array() - y.mean();
  LeastSquares ls;
  ls.hessian = xc.transpose() * xc / n;
  ls.b = xc.transpose() * yc / n;
  ls.yy = yc.squaredNorm() / (2.0 * n);
  ls.optimum = ls.hessian.ldlt().solve(ls.b);
  ls.minLoss = ls.loss(ls.optimum);
  return ls;
}

double largestStableRate(const Eigen::MatrixXd& hessian) {
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> es(hessian, Eigen::EigenvaluesOnly);
  return 2.0 / es.eigenvalues().maxCoeff();
}

DescentRun gradientDescent(const LeastSquares& ls, const Eigen::VectorXd& w0, double lr, int maxPath, double tol,
                           int maxSteps) {
  DescentRun run;
  Eigen::VectorXd w = w0;
  const double e0 = (w0 - ls.optimum).norm();
  run.path.push_back(w);
  if (e0 == 0.0) {
    run.stepsToConverge = 0;
    return run;
  }
  for (int t = 1; t <= maxSteps; ++t) {
    w -= lr * ls.grad(w);
    const double e = (w - ls.optimum).norm();
    if (t <= maxPath) run.path.push_back(w);
    if (e <= tol * e0) {
      run.stepsToConverge = t;
      break;
    }
    if (!(e < 1e6 * e0)) {
      run.diverged = true;
      break;
    }
  }
  return run;
}

Eigen::VectorXd ridge(const LeastSquares& ls, double lambda) {
  const Eigen::MatrixXd a = ls.hessian + lambda * Eigen::MatrixXd::Identity(ls.hessian.rows(), ls.hessian.cols());
  return a.ldlt().solve(ls.b);
}

}  // namespace nr::core
