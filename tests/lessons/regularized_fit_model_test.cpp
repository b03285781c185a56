// regularized-fit's model without a GUI: the errors it shows are the naive ones, the lasso is exactly zero above
// λ_max (closed form), moving λ refits without recomputing the path, tables are standardized on training rows.
#include <gtest/gtest.h>

#include <cmath>

#include "lessons/regularized_fit_model.h"

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
