// The numbers behind regularized-fit. The numerical choices: polynomial features go through core::PolyFeatures
// (inputs mapped onto [−1, 1], then standardized), table features are standardized on the training rows only (the
// test rows must not leak into the scaling), and every fit comes from core's tightly converged elastic-net solver,
// so the exact zeros of the lasso are exactly 0.0 here too.

#include "lessons/regularized_fit_model.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <limits>
#include <numeric>
#include <stdexcept>

#include "nr/file_io.h"
#include "nr/poly_features.h"
#include "nr/rng.h"

namespace nr::app {

using Eigen::MatrixXd;
using Eigen::VectorXd;

// [SECTION] Data

double trueFunction(TrueFunction f, double x) {
  switch (f) {
    case TrueFunction::Sine: return 1.0 + std::sin(2.0 * 3.141592653589793 * x);
    case TrueFunction::Runge: {
      const double u = 2.0 * x - 1.0;
      return 1.0 / (1.0 + 25.0 * u * u);
    }
    case TrueFunction::Step: return x < 0.5 ? 0.5 : 1.5;
  }
  return 0.0;
}

FitData makePolynomialData(const PolySpec& s) {
  FitData d;
  d.curve = true;
  d.targetName = "y";
  // Train and test points come from separate streams of one seed, so more training points do not move the test set.
  // Training inputs are stratified (one uniform point in each of n equal cells) so that they cover [0, 1] at any n;
  // test inputs are uniform inside the training range: the test error measures interpolation, not the (always
  // terrible) extrapolation of a high-degree polynomial beyond the outermost training point.
  core::Rng train(s.seed * 2 + 1), test(s.seed * 2 + 2);
  const int n = s.samples;
  d.uTrain.resize(n);
  d.yTrain.resize(n);
  for (int i = 0; i < n; ++i) {
    d.uTrain[i] = (i + train.uniform()) / n;
    d.yTrain[i] = trueFunction(s.function, d.uTrain[i]) + s.noise * train.normal();
  }
  const double lo = d.uTrain.minCoeff(), hi = d.uTrain.maxCoeff();
  d.uTest.resize(s.testSamples);
  d.yTest.resize(s.testSamples);
  for (int i = 0; i < s.testSamples; ++i) {
    d.uTest[i] = test.uniform(lo, hi);
    d.yTest[i] = trueFunction(s.function, d.uTest[i]) + s.noise * test.normal();
  }
  const core::PolyFeatures poly(d.uTrain, s.degree);
  d.xTrain = poly.transform(d.uTrain);
  d.xTest = poly.transform(d.uTest);
  const int grid = 160;  // smooth at any canvas width; fewer vertices for llvmpipe
  d.gridU.resize(grid);
  d.gridTrue.resize(grid);
  for (int i = 0; i < grid; ++i) {
    d.gridU[i] = double(i) / (grid - 1);
    d.gridTrue[i] = trueFunction(s.function, d.gridU[i]);
  }
  d.gridX = poly.transform(d.gridU);
  for (int k = 1; k <= s.degree; ++k) d.names.push_back(k == 1 ? "x" : "x^" + std::to_string(k));
  return d;
}

static bool constantColumn(const MatrixXd& v, int col) {
  return v.rows() == 0 || (v.col(col).array() == v(0, col)).all();
}

std::string checkTable(const core::CsvTable& t) {
  const int rows = static_cast<int>(t.values.rows()), cols = static_cast<int>(t.values.cols());
  if (cols < 2)
    return "the table has " + std::to_string(cols) + (cols == 1 ? " column" : " columns") +
           "; it needs a target column and at least one feature column";
  if (rows < 10)
    return "the table has only " + std::to_string(rows) + (rows == 1 ? " row" : " rows") +
           " of numbers; it needs at least 10 (a training set for 5-fold cross-validation and a test set)";
  if (rows > kMaxTableRows || cols - 1 > kMaxTableFeatures || int64_t(rows) * cols > kMaxTableCells) {
    char buf[400];
    std::snprintf(buf, sizeof buf,
                  "the table has %d rows and %d columns; this lesson shows tables of up to %d rows, %d feature columns "
                  "and %lld cells. Fit larger tables with nrlab fit --data FILE --target COLUMN",
                  rows, cols, kMaxTableRows, kMaxTableFeatures, static_cast<long long>(kMaxTableCells));
    return buf;
  }
  if (!t.values.allFinite()) return "the table contains NaN or infinite values; remove or impute them";
  for (int j = 0; j < cols; ++j)
    if (constantColumn(t.values, j))
      return "column '" + t.names[j] + "' is constant (every value is the same); remove it, it carries no information";
  return {};
}

FitData makeTableData(const core::CsvTable& t, int target, double testShare, uint64_t seed) {
  const int rows = static_cast<int>(t.values.rows()), cols = static_cast<int>(t.values.cols());
  if (target < 0 || target >= cols) throw std::invalid_argument("no such target column");
  if (rows < 3) throw std::invalid_argument("the table needs at least 3 rows");
  // A seeded permutation; the first nTest rows of it are held out.
  std::vector<int> perm(rows);
  std::iota(perm.begin(), perm.end(), 0);
  core::Rng rng(seed * 7919 + 17);
  for (int i = rows - 1; i >= 1; --i) std::swap(perm[i], perm[rng.below(static_cast<uint64_t>(i) + 1)]);
  const int nTest = std::clamp(static_cast<int>(std::lround(testShare * rows)), 1, rows - 2);
  const int nTrain = rows - nTest;
  FitData d;
  d.targetName = t.names[target];
  for (int j = 0; j < cols; ++j)
    if (j != target) d.names.push_back(t.names[j]);
  const int p = cols - 1;
  d.xTrain.resize(nTrain, p);
  d.xTest.resize(nTest, p);
  d.yTrain.resize(nTrain);
  d.yTest.resize(nTest);
  for (int i = 0; i < rows; ++i) {
    const int r = perm[i];
    const bool isTest = i < nTest;
    const int row = isTest ? i : i - nTest;
    for (int j = 0, k = 0; j < cols; ++j) {
      if (j == target) continue;
      (isTest ? d.xTest : d.xTrain)(row, k++) = t.values(r, j);
    }
    (isTest ? d.yTest : d.yTrain)[row] = t.values(r, target);
  }
  if (constantColumn(d.yTrain, 0))
    throw std::invalid_argument("the target '" + d.targetName + "' is constant on the training rows; pick another");
  for (int k = 0; k < p; ++k) {
    // Standardized after dividing by the largest magnitude, so columns of 1e-200 (whose squares underflow) and of
    // 1e308 (whose differences overflow) are standardized like any other.
    const double m = d.xTrain.col(k).cwiseAbs().maxCoeff();
    const Eigen::ArrayXd u = d.xTrain.col(k).array() / (m > 0 ? m : 1.0);
    const double mean = u.mean();
    const double sd = std::sqrt((u - mean).square().mean());
    if (!(sd > 0))
      throw std::invalid_argument("column '" + d.names[k] +
                                  "' is constant on the training rows; remove it or use a smaller test share");
    d.xTrain.col(k) = (u - mean) / sd;
    d.xTest.col(k) = (d.xTest.col(k).array() / (m > 0 ? m : 1.0) - mean) / sd;
  }
  return d;
}

core::CsvTable loadDiabetes(const std::string& assetDir) {
  const core::CsvTable x = core::readCsv(assetDir + "/data/diabetes_X.csv");
  const core::CsvTable y = core::readCsv(assetDir + "/data/diabetes_y.csv");
  if (x.values.rows() != y.values.rows() || x.values.cols() != 10 || y.values.cols() != 1)
    throw core::CsvError("the bundled diabetes files do not have 442 × 10 and 442 × 1 values; reinstall NR Lab");
  core::CsvTable t;
  // The column order of scikit-learn's load_diabetes (assets/data/README.md).
  t.names = {"age", "sex", "bmi", "bp", "s1", "s2", "s3", "s4", "s5", "s6", "y"};
  t.values.resize(x.values.rows(), 11);
  t.values.leftCols(10) = x.values;
  t.values.col(10) = y.values.col(0);
  return t;
}

// [SECTION] Fits

void FitModel::setData(FitData data) {
  m_data = std::move(data);
  m_dirty = true;
  m_reducedFor = -1;
}

void FitModel::prepareReduced() {
  const int want = m_settings.intercept ? 1 : 0;
  if (m_reducedFor == want) return;
  // X = QR (centred when there is an intercept), z = Qᵀy: (1/2n)‖y − Xw‖² = (1/2n)‖z − Rw‖² + const, so the p × p
  // problem X' = √(p/n)·R, y' = √(p/n)·z (no intercept) has the very same minimizer, found in O(p³) per λ.
  const Eigen::MatrixXd& x = m_data.xTrain;
  const Eigen::VectorXd& y = m_data.yTrain;
  const double n = static_cast<double>(x.rows()), p = static_cast<double>(x.cols());
  if (want)
    m_xMean = x.colwise().mean().transpose();
  else
    m_xMean = Eigen::VectorXd::Zero(x.cols());
  m_yMean = want ? y.mean() : 0.0;
  const Eigen::MatrixXd xc = x.rowwise() - m_xMean.transpose();
  const Eigen::HouseholderQR<Eigen::MatrixXd> qr(xc);
  const Eigen::VectorXd qty = qr.householderQ().transpose() * (y.array() - m_yMean).matrix();
  const double k = std::sqrt(p / n);
  m_redX = k * qr.matrixQR().topRows(x.cols()).triangularView<Eigen::Upper>().toDenseMatrix();
  m_redY = k * qty.head(x.cols());
  m_reducedFor = want;
}

void FitModel::setSettings(const FitSettings& s) {
  if (s == m_settings) return;
  m_settings = s;
  m_dirty = true;
}

double FitModel::alpha() const {
  switch (m_settings.penalty) {
    case FitPenalty::None: return 1.0;
    case FitPenalty::Ridge: return 0.0;
    case FitPenalty::Lasso: return 1.0;
    case FitPenalty::ElasticNet: return m_settings.l1Ratio;
  }
  return 1.0;
}

core::ElasticNetOptions FitModel::options() const {
  core::ElasticNetOptions o;
  o.alpha = alpha();
  o.fitIntercept = m_settings.intercept;
  return o;
}

bool FitModel::updatePath() {
  if (!m_dirty) return false;
  m_dirty = false;
  ++m_pathComputations;
  m_error.clear();
  m_path = core::ElasticNetPath();
  m_cv = core::CrossValidation();
  m_logLambda.clear();
  m_cvLo.clear();
  m_cvHi.clear();
  m_pathCoefs.assign(m_data.xTrain.cols(), {});
  m_pathsByPeak.clear();
  const MatrixXd& x = m_data.xTrain;
  const VectorXd& y = m_data.yTrain;
  if (x.rows() == 0) return true;
  const core::ElasticNetOptions opt = options();
  // One λ range for every penalty: its bottom is where the lasso is nearly least squares (λ_max·1e-5), its top
  // where w = 0 (for ridge the glmnet convention, the λ_max of α = 0.001), so switching penalties keeps the slider.
  double bottom = core::lambdaMax(x, y, 1.0, opt.fitIntercept) * 1e-5;
  if (!(bottom > 0) || !std::isfinite(bottom)) bottom = 1e-8;
  double top = core::pathTop(x, y, opt.alpha, opt.fitIntercept);
  if (!(top > bottom * 10) || !std::isfinite(top)) top = bottom * 1e5;
  m_lambdaLo = bottom;
  m_lambdaHi = top;
  if (m_settings.penalty == FitPenalty::None) return true;
  try {
    const std::vector<double> grid = core::lambdaGrid(top, m_settings.pathCount, bottom / top);
    m_path = core::fitElasticNetPath(x, y, grid, opt);
    for (double l : grid) m_logLambda.push_back(std::log10(l));
    std::vector<double> peak(x.cols(), 0.0);
    for (int j = 0; j < x.cols(); ++j) {
      m_pathCoefs[j].resize(grid.size());
      for (size_t i = 0; i < grid.size(); ++i) {
        m_pathCoefs[j][i] = m_path.coefs(static_cast<int>(i), j);
        peak[j] = std::max(peak[j], std::fabs(m_pathCoefs[j][i]));
      }
    }
    m_pathsByPeak.resize(x.cols());
    std::iota(m_pathsByPeak.begin(), m_pathsByPeak.end(), 0);
    std::stable_sort(m_pathsByPeak.begin(), m_pathsByPeak.end(), [&](int a, int b) { return peak[a] > peak[b]; });
    m_cvFolds = std::min<int>(m_settings.folds, static_cast<int>(x.rows()));
    if (m_cvFolds >= 2) {
      const std::vector<int> folds = core::foldIds(static_cast<int>(x.rows()), m_cvFolds, m_settings.foldSeed);
      m_cv = core::crossValidate(x, y, grid, folds, opt);
      for (size_t i = 0; i < grid.size(); ++i) {
        m_cvLo.push_back(m_cv.mean[i] - m_cv.se[i]);
        m_cvHi.push_back(m_cv.mean[i] + m_cv.se[i]);
      }
    }
  } catch (const std::exception& e) {
    m_error = e.what();
    m_path = core::ElasticNetPath();
    m_cv = core::CrossValidation();
  }
  return true;
}

void FitModel::fitAt(double lambda) {
  m_lambda = m_settings.penalty == FitPenalty::None ? 0.0 : lambda;
  const MatrixXd& x = m_data.xTrain;
  const int p = static_cast<int>(x.cols());
  m_w = VectorXd::Zero(p);
  m_b = 0.0;
  m_converged = true;
  if (x.rows() > 0) {
    try {
      // A cold single-λ fit: with core's active-set Newton steps it takes at most 0.05 ms here (degree 15, n up to
      // 200, any λ of the range; measured), less than warm-starting it along the path prefix (0.15 ms).
      // A large table with many more rows than columns: the fit on its p × p QR reduction (the same minimizer), so
      // dragging λ costs O(p³), not O(n·p²) (2,100 × 200: a frame of 16 ms became one of ~12).
      const bool reduce = static_cast<int64_t>(x.rows()) * x.cols() > kAsyncCells && x.rows() > 2 * p;
      if (reduce) {
        prepareReduced();
        core::ElasticNetOptions o = options();
        o.fitIntercept = false;
        const core::ElasticNetPath fit = core::fitElasticNet(m_redX, m_redY, m_lambda, o);
        m_w = fit.coefs.row(0).transpose();
        m_b = m_settings.intercept ? m_yMean - m_xMean.dot(m_w) : 0.0;
        m_converged = fit.converged;
      } else {
        const core::ElasticNetPath fit = core::fitElasticNet(x, m_data.yTrain, m_lambda, options());
        m_w = fit.coefs.row(0).transpose();
        m_b = fit.intercepts[0];
        m_converged = fit.converged;
      }
    } catch (const std::exception& e) {
      m_error = e.what();
    }
  }
  auto predict = [&](const MatrixXd& f, VectorXd& out) { out = (f * m_w).array() + m_b; };
  predict(m_data.xTrain, m_predTrain);
  predict(m_data.xTest, m_predTest);
  if (m_data.curve) predict(m_data.gridX, m_gridFit);
  auto mse = [](const VectorXd& y, const VectorXd& pred) {
    return y.size() ? (y - pred).squaredNorm() / static_cast<double>(y.size()) : 0.0;
  };
  m_trainMse = mse(m_data.yTrain, m_predTrain);
  m_testMse = mse(m_data.yTest, m_predTest);
}

// [SECTION] Work off the frame loop

int defaultTarget(const core::CsvTable& table) {
  auto lower = [](std::string n) {
    std::transform(n.begin(), n.end(), n.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return n;
  };
  int target = static_cast<int>(table.names.size()) - 1;
  for (size_t j = 0; j < table.names.size(); ++j)
    if (lower(table.names[j]) == "y" || lower(table.names[j]) == "target") target = static_cast<int>(j);
  return target;
}

bool FitJob::load() {
  std::string text;
  try {
    text = core::readFile(path, kMaxTableBytes);
  } catch (const core::FileError&) {
    // Say why in terms the student can act on: not a file, too large (and what to use instead), or unreadable.
    std::error_code ec;
    const auto status = std::filesystem::status(path, ec);
    const auto size = !ec && std::filesystem::is_regular_file(status) ? std::filesystem::file_size(path, ec) : 0;
    if (!ec && std::filesystem::exists(status) && !std::filesystem::is_regular_file(status))
      error = name + ": not a regular file (a device, pipe or socket); save the table to a file and open that";
    else if (!ec && size > kMaxTableBytes)
      error = name + ": the file is " + core::formatBytes(size) + "; this lesson reads tables of up to " +
              core::formatBytes(kMaxTableBytes) + ". Fit larger tables with nrlab fit --data FILE --target COLUMN";
    else
      error = name + ": cannot be read; check that the file exists and that you may read it";
    return false;
  }
  stage = 1;
  table = core::parseCsv(text, name);
  text = std::string();
  if (std::string problem = checkTable(table); !problem.empty()) {
    error = name + ": " + problem;
    return false;
  }
  target = defaultTarget(table);
  try {
    model.setData(makeTableData(table, target, testShare, seed));
  } catch (const std::exception& e) {
    error = name + ": " + e.what();
    return false;
  }
  return true;
}

void FitJob::run() {
  try {
    if (kind == Load && !load()) return;
    stage = 2;
    model.setSettings(settings);
    model.updatePath();
    lambda = std::clamp(lambda, model.lambdaLo(), model.lambdaHi());
    model.fitAt(lambda);
  } catch (const std::exception& e) {
    error = e.what();
  }
}

}  // namespace nr::app
