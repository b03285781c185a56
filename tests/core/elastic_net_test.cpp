// nr::core elastic net against independent references: the tightly converged scikit-learn paths on diabetes
// (tests/data/reference), a ridge solve by QR of the augmented system, KKT conditions recomputed here with plain
// loops, and scikit-learn LassoCV on the same folds (tests/data/golden/fit, from tools/golden/make_fit_golden.py).
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "nr/csv.h"
#include "nr/elastic_net.h"
#include "nr/poly_features.h"
#include "nr/rng.h"

namespace {

using Eigen::MatrixXd;
using Eigen::VectorXd;
using namespace nr::core;

const std::string kData = std::string(NR_TEST_DATA_DIR);

struct Diabetes {
  MatrixXd x;
  VectorXd y;
};

const Diabetes& diabetes() {
  static const Diabetes d = [] {
    Diabetes r;
    r.x = readCsv(kData + "/../../assets/data/diabetes_X.csv").values;
    r.y = readCsv(kData + "/../../assets/data/diabetes_y.csv").values.col(0);
    return r;
  }();
  return d;
}

/// The KKT violation of (b, w) computed from scratch with plain loops (no Eigen products), including the
/// intercept's condition Σ residual = 0 when fitted.
double independentKkt(const MatrixXd& x, const VectorXd& y, double b, const VectorXd& w, double lambda, double alpha,
                      bool intercept = true) {
  const int n = static_cast<int>(x.rows()), p = static_cast<int>(x.cols());
  std::vector<long double> r(n);
  long double rsum = 0;
  for (int i = 0; i < n; ++i) {
    long double s = y[i] - b;
    for (int j = 0; j < p; ++j) s -= static_cast<long double>(x(i, j)) * w[j];
    r[i] = s;
    rsum += s;
  }
  double v = intercept ? std::fabs(static_cast<double>(rsum / n)) : 0.0;
  for (int j = 0; j < p; ++j) {
    long double g = 0;
    for (int i = 0; i < n; ++i) g += x(i, j) * r[i];
    const double gj = static_cast<double>(g / n);
    const double l1 = lambda * alpha, l2 = lambda * (1 - alpha);
    if (w[j] != 0.0)
      v = std::max(v, std::fabs(-gj + l2 * w[j] + (w[j] > 0 ? l1 : -l1)));
    else
      v = std::max(v, std::fabs(gj) - l1);
  }
  return v;
}

struct Reference {
  std::vector<double> alphas, objective;
  MatrixXd coefs;
};

Reference loadReference(const std::string& stem) {
  Reference r;
  const CsvTable a = readCsv(kData + "/reference/" + stem + "_alphas_tight.csv");
  const CsvTable o = readCsv(kData + "/reference/" + stem + "_objective_tight.csv");
  r.coefs = readCsv(kData + "/reference/" + stem + "_coefs_tight.csv").values;
  for (int i = 0; i < a.values.rows(); ++i) r.alphas.push_back(a.values(i, a.require("alpha")));
  for (int i = 0; i < o.values.rows(); ++i) r.objective.push_back(o.values(i, o.require("objective")));
  return r;
}

void checkAgainstReference(const std::string& stem, double alpha) {
  const Diabetes& d = diabetes();
  const Reference ref = loadReference(stem);
  ASSERT_EQ(ref.alphas.size(), 100u);
  // Our grid is the reference grid.
  const std::vector<double> grid = lambdaGrid(lambdaMax(d.x, d.y, alpha), 100, 1e-3);
  for (size_t i = 0; i < grid.size(); ++i) EXPECT_NEAR(grid[i], ref.alphas[i], 1e-14 * ref.alphas[i]) << i;

  ElasticNetOptions opt;
  opt.alpha = alpha;
  const ElasticNetPath path = fitElasticNetPath(d.x, d.y, ref.alphas, opt);
  ASSERT_TRUE(path.converged);
  double coefErr = 0, objErr = 0, objErrOurs = 0, kkt = 0;
  for (int i = 0; i < 100; ++i) {
    for (int j = 0; j < 10; ++j) {
      coefErr = std::max(coefErr, std::fabs(path.coefs(i, j) - ref.coefs(i, j)));
      // Zeros of the reference (converged to 1e-13) are exact zeros here.
      if (ref.coefs(i, j) == 0.0) {
        EXPECT_EQ(path.coefs(i, j), 0.0) << "row " << i << " w" << j;
      }
    }
    const VectorXd w = path.coefs.row(i).transpose();
    const double f = elasticNetObjective(d.x, d.y, path.intercepts[i], w, ref.alphas[i], alpha);
    objErr = std::max(objErr, std::fabs(f - ref.objective[i]));
    objErrOurs = std::max(objErrOurs, std::fabs(path.objective[i] - ref.objective[i]));
    kkt = std::max(kkt, independentKkt(d.x, d.y, path.intercepts[i], w, ref.alphas[i], alpha));
    EXPECT_LE(path.kktViolation[i], 1e-9);
  }
  std::printf("[ %s ] max |w - w_ref| = %.3g, max |f - f_ref| = %.3g (reported f: %.3g), max KKT = %.3g\n",
              stem.c_str(), coefErr, objErr, objErrOurs, kkt);
  ::testing::Test::RecordProperty("max_coef_error", std::to_string(coefErr));
  ::testing::Test::RecordProperty("max_objective_error", std::to_string(objErr));
  EXPECT_LE(coefErr, 1e-6);
  EXPECT_LE(objErr, 1e-9);
  EXPECT_LE(objErrOurs, 1e-9);
  EXPECT_LE(kkt, 1e-9);
  EXPECT_EQ(path.intercepts.cwiseAbs().maxCoeff() < 1e-12, true);  // centred data
  EXPECT_EQ(path.nonzeros[0], 0);
}

TEST(ElasticNet, DiabetesLassoPathMatchesTightReference) { checkAgainstReference("sk_lasso", 1.0); }
TEST(ElasticNet, DiabetesElasticNetPathMatchesTightReference) { checkAgainstReference("sk_enet05", 0.5); }

TEST(ElasticNet, KktCheckerCanFail) {
  const Diabetes& d = diabetes();
  ElasticNetOptions opt;
  const double lambda = 0.05;
  ElasticNetPath p = fitElasticNet(d.x, d.y, lambda, opt);
  VectorXd w = p.coefs.row(0).transpose();
  EXPECT_LE(independentKkt(d.x, d.y, p.intercepts[0], w, lambda, 1.0), 1e-9);
  w[2] += 1e-6;
  EXPECT_GT(independentKkt(d.x, d.y, p.intercepts[0], w, lambda, 1.0), 1e-8);
  w[2] -= 1e-6;
  EXPECT_GT(independentKkt(d.x, d.y, p.intercepts[0] + 1e-7, w, lambda, 1.0), 1e-8);
}

/// Data with offsets (so the intercept matters), n × p, a few true nonzeros.
void makeData(int n, int p, uint64_t seed, MatrixXd& x, VectorXd& y) {
  Rng rng(seed);
  x.resize(n, p);
  for (int j = 0; j < p; ++j) {
    const double off = rng.uniform(-5, 5), sc = rng.uniform(0.5, 3);
    for (int i = 0; i < n; ++i) x(i, j) = off + sc * rng.normal();
  }
  VectorXd beta = VectorXd::Zero(p);
  for (int k = 0; k < std::min(p, 5); ++k) beta[(k * 7) % p] = rng.normal(0, 2);
  y = x * beta;
  for (int i = 0; i < n; ++i) y[i] += 3.0 + rng.normal();
}

TEST(ElasticNet, KktHoldsWithInterceptForBothShapes) {
  for (auto [n, p] : {std::pair{80, 12}, std::pair{30, 60}}) {
    MatrixXd x;
    VectorXd y;
    makeData(n, p, 7 + p, x, y);
    for (double alpha : {1.0, 0.5, 0.1}) {
      ElasticNetOptions opt;
      opt.alpha = alpha;
      const std::vector<double> grid = lambdaGrid(lambdaMax(x, y, alpha), 30, 1e-2);
      const ElasticNetPath path = fitElasticNetPath(x, y, grid, opt);
      ASSERT_TRUE(path.converged);
      const double scale = std::max(1.0, lambdaMax(x, y, alpha) * alpha);
      for (size_t i = 0; i < grid.size(); ++i) {
        const VectorXd w = path.coefs.row(i).transpose();
        EXPECT_LE(independentKkt(x, y, path.intercepts[i], w, grid[i], alpha), 1e-9 * scale * 1.01)
            << n << "x" << p << " alpha " << alpha << " i " << i;
      }
      EXPECT_EQ(path.coefs.row(0).cwiseAbs().maxCoeff(), 0.0);
      // Screening changes the work, not the answer.
      opt.strongRules = false;
      const ElasticNetPath plain = fitElasticNetPath(x, y, grid, opt);
      EXPECT_LE((plain.coefs - path.coefs).cwiseAbs().maxCoeff(), 1e-7);
    }
  }
}

/// Ridge by QR of the augmented least-squares system [Xc; √(nλ)·I] w = [yc; 0] (no normal equations, no SVD).
VectorXd ridgeByQr(const MatrixXd& x, const VectorXd& y, double lambda) {
  const int n = static_cast<int>(x.rows()), p = static_cast<int>(x.cols());
  MatrixXd xc = x.rowwise() - x.colwise().mean();
  VectorXd yc = y.array() - y.mean();
  MatrixXd a(n + p, p);
  a << xc, std::sqrt(n * lambda) * MatrixXd::Identity(p, p);
  VectorXd b(n + p);
  b << yc, VectorXd::Zero(p);
  return a.colPivHouseholderQr().solve(b);
}

TEST(ElasticNet, RidgeMatchesClosedForm) {
  for (auto [n, p] : {std::pair{60, 8}, std::pair{15, 40}}) {
    MatrixXd x;
    VectorXd y;
    makeData(n, p, 3, x, y);
    ElasticNetOptions opt;
    opt.alpha = 0.0;
    const std::vector<double> grid = lambdaGrid(pathTop(x, y, 0.0), 20, 1e-4);
    const ElasticNetPath path = fitElasticNetPath(x, y, grid, opt);
    for (size_t i = 0; i < grid.size(); ++i) {
      const VectorXd ref = ridgeByQr(x, y, grid[i]);
      const VectorXd w = path.coefs.row(i).transpose();
      EXPECT_LE((w - ref).cwiseAbs().maxCoeff(), 1e-9 * std::max(1.0, ref.cwiseAbs().maxCoeff())) << n << "x" << p;
      EXPECT_NEAR(path.intercepts[i], y.mean() - x.colwise().mean().dot(w), 1e-12);
      EXPECT_LE(independentKkt(x, y, path.intercepts[i], w, grid[i], 0.0), 1e-9);
    }
  }
}

TEST(ElasticNet, OrdinaryLeastSquaresAtLambdaZero) {
  MatrixXd x;
  VectorXd y;
  makeData(50, 6, 11, x, y);
  ElasticNetPath p = fitElasticNet(x, y, 0.0);
  MatrixXd a(50, 7);
  a << VectorXd::Ones(50), x;
  const VectorXd ref = a.colPivHouseholderQr().solve(y);
  EXPECT_NEAR(p.intercepts[0], ref[0], 1e-9);
  for (int j = 0; j < 6; ++j) EXPECT_NEAR(p.coefs(0, j), ref[j + 1], 1e-9);
}

TEST(ElasticNet, ConstantColumnStaysExactlyZero) {
  // A column that is constant (as a binary feature can be within one CV fold) must not give 0/0.
  MatrixXd x;
  VectorXd y;
  makeData(40, 5, 13, x, y);
  x.col(2).setConstant(4.0);
  for (ElasticNetMode mode : {ElasticNetMode::Covariance, ElasticNetMode::Naive}) {
    for (double alpha : {1.0, 0.5}) {
      ElasticNetOptions opt;
      opt.alpha = alpha;
      opt.mode = mode;
      opt.strongRules = false;  // screening would hide the column; without it every variable gets updated
      const ElasticNetPath p = fitElasticNetPath(x, y, lambdaGrid(lambdaMax(x, y, alpha), 20, 1e-3), opt);
      EXPECT_TRUE(p.coefs.allFinite());
      EXPECT_EQ(p.coefs.col(2).cwiseAbs().maxCoeff(), 0.0);
      EXPECT_TRUE(p.converged);
    }
  }
}

// [SECTION] More variables than rows (naive mode, an active set close to n, a singular Gram block)

/// Checks every λ of a path with the independent KKT (scaled as the solver's tolerance) and returns the path.
ElasticNetPath checkedPath(const MatrixXd& x, const VectorXd& y, double alpha, ElasticNetMode mode, double ratio,
                           const std::string& what) {
  ElasticNetOptions opt;
  opt.alpha = alpha;
  opt.mode = mode;
  const std::vector<double> grid = lambdaGrid(lambdaMax(x, y, alpha), 60, ratio);
  const ElasticNetPath path = fitElasticNetPath(x, y, grid, opt);
  EXPECT_TRUE(path.converged) << what;
  const double scale = std::max(1.0, lambdaMax(x, y, alpha) * alpha);
  for (size_t i = 0; i < grid.size(); ++i) {
    const VectorXd w = path.coefs.row(i).transpose();
    EXPECT_LE(independentKkt(x, y, path.intercepts[i], w, grid[i], alpha), 1e-9 * scale * 1.01) << what << " i " << i;
    EXPECT_LE(path.kktViolation[i], 1e-9 * scale) << what << " i " << i;
    const VectorXd res = (y - x * w).array() - path.intercepts[i];
    const double f =
        0.5 * res.squaredNorm() / x.rows() + grid[i] * (alpha * w.lpNorm<1>() + 0.5 * (1 - alpha) * w.squaredNorm());
    EXPECT_NEAR(path.objective[i], f, 1e-12 * std::max(1.0, f)) << what << " i " << i;
  }
  EXPECT_EQ(path.coefs.row(0).cwiseAbs().maxCoeff(), 0.0) << what;
  return path;
}

TEST(ElasticNet, MoreVariablesThanRowsMeetsKktAtEveryLambda) {
  // 50 × 300 down to 1e-3·λ_max: the lasso active set grows to close to n − 1 = 49 (the most a centred lasso
  // solution can have), where the active Gram block is nearly singular.
  MatrixXd x;
  VectorXd y;
  makeData(50, 300, 21, x, y);
  for (double alpha : {1.0, 0.5}) {
    const ElasticNetPath path = checkedPath(x, y, alpha, ElasticNetMode::Auto, 1e-3, "alpha " + std::to_string(alpha));
    if (alpha == 1.0) {
      EXPECT_GE(path.nonzeros.back(), 40);
      EXPECT_LE(path.nonzeros.back(), 49);
    }
  }
}

TEST(ElasticNet, WideDataScreenedInFloat32MeetsKktExactly) {
  // p ≫ n: the KKT check of every λ reads a float32 copy of X and skips columns whose gradient bound (float32
  // rounding, plus how far the residual moved since they were last read) clears λα, computing in double only the
  // rest. The answer must still meet the KKT conditions to the tolerance, checked here independently, and the
  // reported violation must be the exact one, not a bound. Columns span 2⁻¹⁰..2⁹ in scale and sit at offsets, so
  // the float32 error bounds differ from column to column.
  MatrixXd x;
  VectorXd y;
  makeData(40, 1500, 77, x, y);
  for (int j = 0; j < x.cols(); ++j) x.col(j) = x.col(j) * std::ldexp(1.0, j % 20 - 10) + VectorXd::Constant(40, j % 7);
  const ElasticNetPath path = checkedPath(x, y, 1.0, ElasticNetMode::Auto, 1e-3, "wide");
  const double scale = std::max(1.0, lambdaMax(x, y, 1.0));
  for (size_t i = 0; i < path.lambdas.size(); ++i) {
    const VectorXd w = path.coefs.row(i).transpose();
    EXPECT_NEAR(path.kktViolation[i], independentKkt(x, y, path.intercepts[i], w, path.lambdas[i], 1.0),
                1e-12 * scale)
        << "i " << i;
  }
  EXPECT_GE(path.nonzeros.back(), 25);
}

TEST(ElasticNet, NaiveAndCovarianceModesAgree) {
  // Two ways of keeping the gradient, one answer: both are driven to KKT ≤ 1e-9 and the Newton steps land on the
  // exact solution of the active set, so the coefficients agree far below the tolerance and the zeros are the same.
  for (auto [n, p] : {std::pair{60, 25}, std::pair{30, 90}}) {
    MatrixXd x;
    VectorXd y;
    makeData(n, p, 5 + n, x, y);
    for (double alpha : {1.0, 0.5}) {
      const std::string what = std::to_string(n) + "x" + std::to_string(p) + " alpha " + std::to_string(alpha);
      const ElasticNetPath naive = checkedPath(x, y, alpha, ElasticNetMode::Naive, 1e-2, what + " naive");
      const ElasticNetPath cov = checkedPath(x, y, alpha, ElasticNetMode::Covariance, 1e-2, what + " covariance");
      EXPECT_LE((naive.coefs - cov.coefs).cwiseAbs().maxCoeff(), 1e-9) << what;
      EXPECT_TRUE(((naive.coefs.array() == 0.0) == (cov.coefs.array() == 0.0)).all()) << what;
      EXPECT_LE((naive.intercepts - cov.intercepts).cwiseAbs().maxCoeff(), 1e-9) << what;
    }
  }
}

TEST(ElasticNet, DegenerateSupportAtTinyLambdaConverges) {
  // Down to 1e-5·λ_max with p > n the lasso fits the data almost exactly and its support fills up to rank(Xc) =
  // n − 1 columns, beyond which the active Gram block is singular; the polynomial features of the regularized-fit
  // lesson (degree 15, few points) are nearly dependent long before that. The solver must leave such supports
  // rather than crawl (an earlier version hit the epoch limit here, taking seconds).
  for (int n : {6, 10, 12}) {
    Rng rng(n);
    VectorXd u(n), y(n);
    for (int i = 0; i < n; ++i) {
      u[i] = (i + rng.uniform()) / n;
      y[i] = std::sin(6 * u[i]) + 0.3 * rng.normal();
    }
    const MatrixXd x = PolyFeatures(u, 15).transform(u);
    for (double alpha : {1.0, 0.5}) {
      const std::string what = "poly n " + std::to_string(n) + " alpha " + std::to_string(alpha);
      const ElasticNetPath path = checkedPath(x, y, alpha, ElasticNetMode::Auto, 1e-5, what);
      if (alpha == 1.0) {  // (the ridge part lets the elastic net use more)
        EXPECT_LE(path.nonzeros.back(), n - 1) << what;
      }
      // A cold fit at the smallest λ (what the lesson does when the slider moves) converges too.
      ElasticNetOptions opt;
      opt.alpha = alpha;
      const double lambda = lambdaMax(x, y, alpha) * 1e-5;
      const ElasticNetPath one = fitElasticNet(x, y, lambda, opt);
      EXPECT_TRUE(one.converged) << what;
      const VectorXd w = one.coefs.row(0).transpose();
      EXPECT_LE(independentKkt(x, y, one.intercepts[0], w, lambda, alpha), 1e-9 * std::max(1.0, lambda * 1e5 * alpha))
          << what;
    }
  }
  MatrixXd x;
  VectorXd y;
  makeData(30, 100, 23, x, y);
  const ElasticNetPath path = checkedPath(x, y, 1.0, ElasticNetMode::Naive, 1e-5, "30x100");
  EXPECT_EQ(path.nonzeros.back(), 29);
  checkedPath(x, y, 1.0, ElasticNetMode::Covariance, 1e-5, "30x100 covariance");
}

TEST(ElasticNet, DuplicatedColumnsStillConverge) {
  // Copies of a column make the active Gram block exactly singular once two copies are active (the lasso splits
  // the weight among them in any proportion): the Cholesky update refuses the copy, and the solver must still
  // reach the KKT tolerance, in both modes.
  MatrixXd x0;
  VectorXd y;
  makeData(30, 40, 17, x0, y);
  MatrixXd x(30, 46);
  x << x0, x0.col(0), x0.col(0), x0.col(7), x0.col(7), x0.col(14), 2.0 * x0.col(21);
  for (ElasticNetMode mode : {ElasticNetMode::Covariance, ElasticNetMode::Naive})
    for (double alpha : {1.0, 0.7}) checkedPath(x, y, alpha, mode, 1e-3, "duplicates alpha " + std::to_string(alpha));
}

TEST(ElasticNet, RejectsBadInput) {
  MatrixXd x = MatrixXd::Ones(4, 2);
  VectorXd y = VectorXd::Ones(3);
  EXPECT_THROW(fitElasticNet(x, y, 0.1), std::invalid_argument);
  y = VectorXd::Ones(4);
  ElasticNetOptions opt;
  opt.alpha = 1.5;
  EXPECT_THROW(fitElasticNet(x, y, 0.1, opt), std::invalid_argument);
  EXPECT_THROW(fitElasticNet(x, y, -1.0), std::invalid_argument);
}

TEST(ElasticNet, FoldIdsAreBalancedAndSeeded) {
  const std::vector<int> a = foldIds(442, 5, 0), b = foldIds(442, 5, 0), c = foldIds(442, 5, 1);
  EXPECT_EQ(a, b);
  EXPECT_NE(a, c);
  std::vector<int> sizes(5, 0);
  for (int f : a) ++sizes[f];
  for (int s : sizes) EXPECT_TRUE(s == 88 || s == 89) << s;
}

}  // namespace

namespace {

// [SECTION] Cross-validation against scikit-learn LassoCV / ElasticNetCV on the same folds and grid.

void checkCv(const std::string& name, double alpha) {
  const Diabetes& d = diabetes();
  const std::string dir = kData + "/golden/fit/";
  const CsvTable foldTable = readCsv(dir + "folds_seed0_k5.csv");
  const std::vector<int> folds = foldIds(442, 5, 0);
  ASSERT_EQ(foldTable.values.rows(), 442);
  for (int i = 0; i < 442; ++i) ASSERT_EQ(folds[i], static_cast<int>(foldTable.values(i, 0))) << "row " << i;

  const CsvTable gold = readCsv(dir + "cv_" + name + "_seed0_k5.csv");
  const std::vector<double> grid = lambdaGrid(lambdaMax(d.x, d.y, alpha), 100, 1e-3);
  ElasticNetOptions opt;
  opt.alpha = alpha;
  const CrossValidation cv = crossValidate(d.x, d.y, grid, folds, opt);
  double meanErr = 0, foldErr = 0;
  int goldMin = 0;
  for (int i = 0; i < 100; ++i) {
    EXPECT_NEAR(grid[i], gold.values(i, 0), 1e-14 * grid[i]);
    meanErr = std::max(meanErr, std::fabs(cv.mean[i] - gold.values(i, 1)));
    for (int f = 0; f < 5; ++f) foldErr = std::max(foldErr, std::fabs(cv.foldMse(i, f) - gold.values(i, 2 + f)));
    if (gold.values(i, 1) < gold.values(goldMin, 1)) goldMin = i;
  }
  std::printf("[ cv %s ] max |mean - sklearn| = %.3g, max |fold mse - sklearn| = %.3g, lambda_min %.6g (sklearn %.6g)\n",
              name.c_str(), meanErr, foldErr, cv.lambdaMin, gold.values(goldMin, 0));
  EXPECT_LE(meanErr, 1e-9);
  EXPECT_LE(foldErr, 1e-9);
  EXPECT_EQ(cv.indexMin, goldMin);
  // λ_1se and the standard error recomputed here from scikit-learn's per-fold errors.
  std::vector<double> se(100);
  for (int i = 0; i < 100; ++i) {
    double m = gold.values(i, 1), v = 0;
    for (int f = 0; f < 5; ++f) v += (gold.values(i, 2 + f) - m) * (gold.values(i, 2 + f) - m);
    se[i] = std::sqrt(v / 4 / 5);
    EXPECT_NEAR(cv.se[i], se[i], 1e-9);
  }
  int one = goldMin;
  while (one > 0 && gold.values(one - 1, 1) <= gold.values(goldMin, 1) + se[goldMin]) --one;
  EXPECT_EQ(cv.index1se, one);
  EXPECT_GT(cv.lambda1se, cv.lambdaMin);
}

TEST(CrossValidation, LassoMatchesScikitLearnLassoCV) { checkCv("lasso", 1.0); }
TEST(CrossValidation, ElasticNetMatchesScikitLearnElasticNetCV) { checkCv("enet05", 0.5); }

TEST(CrossValidation, RejectsTooFewRows) {
  MatrixXd x = MatrixXd::Random(3, 2);
  VectorXd y = VectorXd::Random(3);
  EXPECT_NO_THROW(crossValidate(x, y, {0.1}, {0, 1, 2}, {}));                  // leave-one-out
  EXPECT_THROW(crossValidate(x, y, {0.1}, {0, 1, 5}, {}), std::invalid_argument);  // 6 folds, 3 rows
  EXPECT_THROW(crossValidate(x, y, {0.1}, {0, 0, 0}, {}), std::invalid_argument);
}

}  // namespace
