// regularized-fit's model without a GUI: the errors it shows are the naive ones, the lasso is exactly zero above
// λ_max (closed form), the coefficients meet the elastic net's KKT conditions, λ_min and λ_1se are a naive scan of
// the CV curve, moving λ refits without recomputing the path, tables are standardized on training rows (also tiny
// and huge columns), a large table's QR-reduced refit is the full fit, and a load job reads, checks and refuses.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>

#include "lessons/regularized_fit_model.h"
#include "nr/elastic_net.h"
#include "support/temp_dir.h"

namespace nr::app {
namespace {

FitModel polynomialModel(FitPenalty penalty) {
  FitModel m;
  m.setData(makePolynomialData(PolySpec{}));
  FitSettings s;
  s.penalty = penalty;
  m.setSettings(s);
  m.updatePath();
  return m;
}

double naiveMse(const Eigen::MatrixXd& x, const Eigen::VectorXd& y, const Eigen::VectorXd& w, double b) {
  double sum = 0.0;
  for (int i = 0; i < x.rows(); ++i) {
    double pred = b;
    for (int j = 0; j < x.cols(); ++j) pred += x(i, j) * w[j];
    sum += (y[i] - pred) * (y[i] - pred);
  }
  return sum / x.rows();
}

TEST(RegularizedFitModel, ShownErrorsAreTheNaiveMeanSquaredErrors) {
  for (FitPenalty penalty : {FitPenalty::None, FitPenalty::Ridge, FitPenalty::Lasso, FitPenalty::ElasticNet}) {
    FitModel m = polynomialModel(penalty);
    m.fitAt(penalty == FitPenalty::None ? 0.0 : 1e-3);
    const FitData& d = m.data();
    EXPECT_NEAR(m.trainMse(), naiveMse(d.xTrain, d.yTrain, m.coef(), m.intercept()), 1e-12 * (1 + m.trainMse()));
    EXPECT_NEAR(m.testMse(), naiveMse(d.xTest, d.yTest, m.coef(), m.intercept()), 1e-12 * (1 + m.testMse()));
  }
}

FitModel polynomialModel(FitPenalty penalty, const PolySpec& spec, double l1Ratio = 0.5, bool intercept = true) {
  FitModel m;
  m.setData(makePolynomialData(spec));
  FitSettings s;
  s.penalty = penalty;
  s.l1Ratio = l1Ratio;
  s.intercept = intercept;
  m.setSettings(s);
  m.updatePath();
  return m;
}

TEST(RegularizedFitModel, TheCurveIsTheFittedModelAndAnUnpenalizedDegree15Overfits) {
  PolySpec spec;
  spec.degree = 9;
  spec.samples = 25;
  for (FitPenalty penalty : {FitPenalty::None, FitPenalty::Ridge, FitPenalty::Lasso, FitPenalty::ElasticNet}) {
    FitModel m = polynomialModel(penalty, spec);
    m.fitAt(0.01);
    const FitData& d = m.data();
    EXPECT_EQ(d.yTest.size(), 200);
    // The curve is the same model as the dots' predictions: b + Σ_j x_j(u) w_j at every grid point, by a loop.
    ASSERT_EQ(m.gridFit().size(), d.gridU.size());
    for (int g = 0; g < d.gridU.size(); ++g) {
      double f = m.intercept();
      for (int j = 0; j < d.gridX.cols(); ++j) f += d.gridX(g, j) * m.coef()[j];
      EXPECT_NEAR(m.gridFit()[g], f, 1e-9 * (1 + std::fabs(f))) << "grid point " << g;
    }
  }
  spec.degree = 15;
  spec.samples = 20;
  FitModel wild = polynomialModel(FitPenalty::None, spec);
  wild.fitAt(0.0);
  EXPECT_LT(wild.trainMse() * 10, wild.testMse());
}

TEST(RegularizedFitModel, CoefficientsAreCoreSolutionsMeetingTheKktConditions) {
  for (FitPenalty penalty : {FitPenalty::Ridge, FitPenalty::Lasso, FitPenalty::ElasticNet}) {
    for (bool intercept : {true, false}) {
      FitModel m = polynomialModel(penalty, PolySpec{}, 0.4, intercept);
      m.fitAt(0.004);
      const FitData& d = m.data();
      core::ElasticNetOptions opt;
      opt.alpha = m.alpha();
      opt.fitIntercept = intercept;
      const core::ElasticNetPath ref = core::fitElasticNet(d.xTrain, d.yTrain, m.lambda(), opt);
      ASSERT_EQ(m.coef().size(), ref.coefs.cols());
      for (int j = 0; j < m.coef().size(); ++j) EXPECT_EQ(m.coef()[j], ref.coefs(0, j)) << j;
      EXPECT_EQ(m.intercept(), ref.intercepts[0]);
      if (!intercept) {
        EXPECT_EQ(m.intercept(), 0.0);
      }
      // Independently: the KKT conditions of the elastic net at the shown coefficients.
      const int n = static_cast<int>(d.xTrain.rows());
      Eigen::MatrixXd xc = d.xTrain;
      Eigen::VectorXd yc = d.yTrain;
      if (intercept) {
        xc = xc.rowwise() - xc.colwise().mean();
        yc = yc.array() - yc.mean();
      }
      const Eigen::VectorXd g = xc.transpose() * (yc - xc * m.coef()) / n;
      const double l1 = m.lambda() * m.alpha(), l2 = m.lambda() * (1 - m.alpha());
      for (int j = 0; j < g.size(); ++j) {
        const double wj = m.coef()[j];
        const double v = wj != 0.0 ? std::fabs(-g[j] + l2 * wj + (wj > 0 ? l1 : -l1)) : std::max(0.0, std::fabs(g[j]) - l1);
        EXPECT_LT(v, 1e-7) << "coefficient " << j << ", intercept " << intercept;
      }
    }
  }
}

TEST(RegularizedFitModel, LambdaMinAnd1seAreANaiveScanOfTheCvCurve) {
  FitModel m = polynomialModel(FitPenalty::Lasso);
  ASSERT_TRUE(m.hasCv());
  const core::CrossValidation& cv = m.cv();
  int best = 0;
  for (size_t i = 0; i < cv.mean.size(); ++i)
    if (cv.mean[i] < cv.mean[best]) best = static_cast<int>(i);
  double oneSe = cv.lambdas[best];
  for (size_t i = 0; i < cv.mean.size(); ++i)
    if (cv.mean[i] <= cv.mean[best] + cv.se[best]) oneSe = std::max(oneSe, cv.lambdas[i]);
  EXPECT_EQ(cv.lambdaMin, cv.lambdas[best]);
  EXPECT_EQ(cv.lambda1se, oneSe);
  EXPECT_GE(cv.lambda1se, cv.lambdaMin);
  // The fold standard error is sd(ddof = 1)/√k of the per-fold errors.
  const int k = static_cast<int>(cv.foldMse.cols());
  const double mean = cv.foldMse.row(best).mean();
  const double sd = std::sqrt((cv.foldMse.row(best).array() - mean).square().sum() / (k - 1));
  EXPECT_NEAR(cv.se[best], sd / std::sqrt(double(k)), 1e-12);
  // The fit at λ_1se is the path's own solution at that grid point.
  m.fitAt(cv.lambda1se);
  for (int j = 0; j < m.coef().size(); ++j) EXPECT_NEAR(m.coef()[j], m.path().coefs(cv.index1se, j), 1e-7);
}

// Columns of 1e-200 (squares underflow) and 1e300 (differences overflow) are not constant: they are standardized
// as any other column, and the fit is the same as on the unscaled table.
TEST(RegularizedFitModel, TinyAndHugeColumnsAreStandardizedNotCalledConstant) {
  std::string plain = "a,b,y\n", scaled = "a,b,y\n";
  char buf[200];
  for (int i = 0; i < 40; ++i) {
    const double a = std::sin(i * 1.3), b = std::cos(i * 0.7), y = 2 * a - b + 0.05 * std::sin(i * 5.1);
    std::snprintf(buf, sizeof buf, "%.17g,%.17g,%.17g\n", a, b, y);
    plain += buf;
    std::snprintf(buf, sizeof buf, "%.17ge-200,%.17ge300,%.17g\n", a, b, y);
    scaled += buf;
  }
  const core::CsvTable tp = core::parseCsv(plain), ts = core::parseCsv(scaled);
  ASSERT_EQ(checkTable(ts), "");
  FitModel p, s;
  p.setData(makeTableData(tp, 2, 0.3, 1));
  s.setData(makeTableData(ts, 2, 0.3, 1));
  for (FitModel* m : {&p, &s}) {
    m->updatePath();
    m->fitAt(3e-3);
  }
  for (int j = 0; j < 2; ++j) {
    EXPECT_NEAR(std::sqrt(s.data().xTrain.col(j).array().square().mean()), 1.0, 1e-12);
    EXPECT_NEAR((s.data().xTrain.col(j) - p.data().xTrain.col(j)).cwiseAbs().maxCoeff(), 0.0, 1e-9);
  }
  EXPECT_NEAR((s.coef() - p.coef()).cwiseAbs().maxCoeff(), 0.0, 1e-8);
}

// A table this large is refitted at each λ on its p × p QR reduction: the same minimizer as on every row.
TEST(RegularizedFitModel, ALargeTableRefitOnItsQrReductionIsTheFullFit) {
  core::CsvTable t;
  t.names = {"a", "b", "c", "d", "y"};
  t.values.resize(30000, 5);
  for (int i = 0; i < 30000; ++i) {
    const double a = std::sin(i * 1.3), b = std::cos(i * 0.7), c = std::sin(i * 0.31), d = std::cos(i * 2.9);
    t.values.row(i) << a, b, c, d, 2 * a - b + 0.1 * std::sin(i * 5.1);
  }
  FitModel m;
  m.setData(makeTableData(t, 4, 0.3, 1));
  m.updatePath();
  for (double lambda : {1e-4, 3e-3, 0.05, 0.3}) {
    m.fitAt(lambda);
    const FitData& d = m.data();
    const core::ElasticNetPath full = core::fitElasticNet(d.xTrain, d.yTrain, m.lambda());
    const Eigen::VectorXd w = full.coefs.row(0).transpose();
    for (int j = 0; j < w.size(); ++j) {
      EXPECT_NEAR(m.coef()[j], w[j], 1e-8) << "λ = " << lambda << ", w" << j;
      EXPECT_EQ(m.coef()[j] == 0.0, w[j] == 0.0) << "λ = " << lambda << ": the same exact zeros";
    }
    EXPECT_NEAR(m.intercept(), full.intercepts[0], 1e-8);
  }
}

TEST(RegularizedFitModel, ALoadJobPicksTheTargetFitsAndRefusesBeyondTheLimits) {
  test::TempDir tmp("nr_regfit_model");
  std::string good = "a,Target,c\n";
  for (int i = 0; i < 40; ++i)
    good += std::to_string(std::sin(i * 1.3)) + "," + std::to_string(2 * std::sin(i * 1.3) + 0.01 * (i % 3)) + "," +
            std::to_string((i % 7) - 3.0) + "\n";
  FitJob job;
  job.kind = FitJob::Load;
  job.path = tmp.write("good.csv", good);
  job.name = "good.csv";
  job.settings.penalty = FitPenalty::Lasso;
  job.lambda = 1e9;  // clamped into the path's range
  job.run();
  ASSERT_EQ(job.error, "");
  EXPECT_EQ(job.target, 1) << "a column called target, whatever its case";
  EXPECT_EQ(job.model.data().names, (std::vector<std::string>{"a", "c"}));
  EXPECT_EQ(job.lambda, job.model.lambdaHi());
  EXPECT_EQ(job.model.nonzeros(), 0) << "at the top of the path every lasso coefficient is 0";
  EXPECT_EQ(job.stage, 2);

  std::string tooMany = "a,y\n";
  for (int i = 0; i <= kMaxTableRows; ++i) tooMany += std::to_string(i % 97) + "," + std::to_string(i % 13) + "\n";
  FitJob refused;
  refused.kind = FitJob::Load;
  refused.path = tmp.write("too_many.csv", tooMany);
  refused.name = "too_many.csv";
  refused.run();
  EXPECT_NE(refused.error.find("too_many.csv"), std::string::npos) << refused.error;
  EXPECT_NE(refused.error.find("up to 200000 rows"), std::string::npos) << refused.error;
  EXPECT_NE(refused.error.find("nrlab fit"), std::string::npos) << refused.error;

  FitJob missing;
  missing.kind = FitJob::Load;
  missing.path = tmp.file("missing.csv");
  missing.name = "missing.csv";
  missing.run();
  EXPECT_NE(missing.error.find("missing.csv: cannot be read"), std::string::npos) << missing.error;
}

TEST(RegularizedFitModel, LassoIsExactlyZeroFromLambdaMaxUp) {
  FitModel m = polynomialModel(FitPenalty::Lasso);
  const FitData& d = m.data();
  // λ_max = max_j |x_jᵀ(y − ȳ)| / n for centred features (they are standardized on the training rows).
  const Eigen::VectorXd yc = d.yTrain.array() - d.yTrain.mean();
  const double lambdaMax = (d.xTrain.transpose() * yc).cwiseAbs().maxCoeff() / d.xTrain.rows();
  m.fitAt(lambdaMax * 1.0001);
  EXPECT_EQ(m.nonzeros(), 0);
  EXPECT_DOUBLE_EQ(m.intercept(), d.yTrain.mean());
  m.fitAt(lambdaMax * 0.99);
  EXPECT_GE(m.nonzeros(), 1);
}

TEST(RegularizedFitModel, MovingLambdaRefitsWithoutRecomputingThePath) {
  FitModel m = polynomialModel(FitPenalty::ElasticNet);
  const int computed = m.pathComputations();
  for (double lambda : {1e-4, 1e-3, 1e-2, 1e-1}) {
    m.fitAt(lambda);
    EXPECT_FALSE(m.updatePath());
  }
  EXPECT_EQ(m.pathComputations(), computed);
  FitSettings s = m.settings();
  s.l1Ratio = 0.8;
  m.setSettings(s);
  EXPECT_TRUE(m.updatePath());
  EXPECT_EQ(m.pathComputations(), computed + 1);
}

TEST(RegularizedFitModel, TablesAreStandardizedOnTheTrainingRows) {
  core::CsvTable t;
  t.names = {"a", "b", "y"};
  t.values.resize(40, 3);
  for (int i = 0; i < 40; ++i) t.values.row(i) << 1e6 + i * 3.0, std::sin(i) * 1e-4, 2.0 * i + std::cos(i);
  ASSERT_EQ(checkTable(t), "");
  const FitData d = makeTableData(t, 2, 0.25, 7);
  EXPECT_EQ(d.xTrain.rows() + d.xTest.rows(), 40);
  for (int j = 0; j < 2; ++j) {
    const double mean = d.xTrain.col(j).mean();
    const double var = (d.xTrain.col(j).array() - mean).square().mean();
    EXPECT_NEAR(mean, 0.0, 1e-9);
    EXPECT_NEAR(var, 1.0, 1e-9);
  }
}

}  // namespace
}  // namespace nr::app
