// nr::core::simulateBatches and descendWeightNorm against PyTorch (tests/data/golden/lessons/lessons.json, written
// by tools/golden/make_lesson_golden.py): scikit-learn's scalers, LinearRegression and Ridge; BatchNorm1d's running statistics, F.batch_norm in train and eval mode,
// F.layer_norm, F.group_norm, and autograd through torch._weight_norm.
//
// Statistics are double on both sides (1e-9); normalized outputs are our float32 against PyTorch's float64
// (2e-6·max(1, |y|)).
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cmath>

#include "nr/batch_sampling.h"
#include "nr/feature_scaling.h"
#include "nr/file_io.h"
#include "nr/quadratic_descent.h"
#include "nr/weight_norm.h"

namespace {

using nlohmann::json;
using namespace nr::core;

json golden() {
  return json::parse(readFile(std::string(NR_TEST_DATA_DIR) + "/golden/lessons/lessons.json"));
}

void expectClose(const std::vector<double>& got, const json& want, double tol, bool relative, const char* what) {
  ASSERT_EQ(got.size(), want.size()) << what;
  for (size_t i = 0; i < got.size(); ++i) {
    const double w = want[i].get<double>();
    EXPECT_NEAR(got[i], w, relative ? tol * std::max(1.0, std::fabs(w)) : tol) << what << "[" << i << "]";
  }
}

TEST(LessonGolden, BatchStatsMatchPyTorch) {
  const json cases = golden().at("batch_stats");
  ASSERT_FALSE(cases.empty());
  for (const json& c : cases) {
    BatchSimConfig cfg;
    cfg.pop.mean = c.at("mean").get<std::vector<double>>();
    cfg.pop.sd = c.at("sd").get<std::vector<double>>();
    cfg.probe = c.at("probe").get<std::vector<float>>();
    cfg.gamma = c.at("gamma").get<float>();
    cfg.beta = c.at("beta").get<float>();
    cfg.eps = c.at("eps").get<double>();
    cfg.batch = c.at("batch").get<int64_t>();
    cfg.momentum = c.at("momentum").get<double>();
    cfg.seed = c.at("seed").get<uint64_t>();
    cfg.groups = 2;
    const json& steps = c.at("steps");
    const std::vector<BatchStep> got = simulateBatches(cfg, static_cast<int>(steps.size()));
    SCOPED_TRACE("B = " + std::to_string(cfg.batch));
    for (size_t t = 0; t < got.size(); ++t) {
      SCOPED_TRACE("step " + std::to_string(t));
      const json& s = steps[t];
      expectClose(got[t].batchMean, s.at("batch_mean"), 1e-9, true, "batch mean");
      expectClose(got[t].batchVar, s.at("batch_var"), 1e-9, true, "batch var");
      expectClose(got[t].runningMean, s.at("running_mean"), 1e-9, true, "running mean");
      expectClose(got[t].runningVar, s.at("running_var"), 1e-9, true, "running var");
      expectClose(got[t].probeTrain, s.at("probe_train"), 2e-6, true, "train output");
      expectClose(got[t].probeEval, s.at("probe_eval"), 2e-6, true, "eval output");
      expectClose(got[t].probeLayer, s.at("probe_layer"), 2e-6, true, "layer norm");
      expectClose(got[t].probeGroup, s.at("probe_group"), 2e-6, true, "group norm");
    }
  }
}

TEST(LessonGolden, WeightNormDescentMatchesPyTorchAutograd) {
  const json cases = golden().at("weight_norm");
  ASSERT_FALSE(cases.empty());
  for (const json& c : cases) {
    QuadraticBowl q;
    q.optimum = {c["optimum"][0].get<double>(), c["optimum"][1].get<double>()};
    q.a1 = c.at("a1").get<double>();
    q.a2 = c.at("a2").get<double>();
    q.angle = c.at("angle").get<double>();
    const Eigen::Vector2d v0(c["v0"][0].get<double>(), c["v0"][1].get<double>());
    const json& path = c.at("path");
    const WeightNormPath p = descendWeightNorm(q, c.at("g0").get<double>(), v0, c.at("lr").get<double>(),
                                               static_cast<int>(path.size()) - 1);
    ASSERT_EQ(p.w.size(), path.size());
    for (size_t t = 0; t < path.size(); ++t) {
      SCOPED_TRACE("step " + std::to_string(t));
      EXPECT_NEAR(p.g[t], path[t].at("g").get<double>(), 1e-12);
      for (int i = 0; i < 2; ++i) {
        EXPECT_NEAR(p.v[t](i), path[t]["v"][i].get<double>(), 1e-12);
        EXPECT_NEAR(p.w[t](i), path[t]["w"][i].get<double>(), 1e-12);
      }
      EXPECT_NEAR(q.loss(p.w[t]), path[t].at("loss").get<double>(), 1e-12);
      // The gradients themselves, through the same core function the lesson draws them with.
      double gg = 0;
      Eigen::VectorXd gv;
      weightNormBackward(p.g[t], p.v[t], q.grad(p.w[t]), gg, gv);
      EXPECT_NEAR(gg, path[t].at("grad_g").get<double>(), 1e-12);
      for (int i = 0; i < 2; ++i) EXPECT_NEAR(gv(i), path[t]["grad_v"][i].get<double>(), 1e-12);
    }
  }
}

Eigen::MatrixXd matrixOf(const json& rows) {
  Eigen::MatrixXd m(rows.size(), rows[0].size());
  for (size_t i = 0; i < rows.size(); ++i)
    for (size_t j = 0; j < rows[i].size(); ++j) m(i, j) = rows[i][j].get<double>();
  return m;
}

TEST(LessonGolden, FeatureScalingMatchesScikitLearn) {
  const json c = golden().at("feature_scaling");
  const Eigen::MatrixXd x = matrixOf(c.at("x"));
  Eigen::VectorXd y(x.rows());
  for (Eigen::Index i = 0; i < y.size(); ++i) y(i) = c["y"][i].get<double>();
  const std::pair<const char*, Scaling> kinds[] = {
      {"minmax", Scaling::MinMax}, {"standard", Scaling::Standard}, {"robust", Scaling::Robust}};
  for (const auto& [name, kind] : kinds) {
    const Eigen::MatrixXd want = matrixOf(c.at(name));
    EXPECT_LT((applyScaling(x, fitScaling(x, kind)) - want).cwiseAbs().maxCoeff(), 1e-12) << name;
  }
  const LeastSquares raw = centeredLeastSquares(x, y);
  const double n = static_cast<double>(x.rows()), lambda = c.at("alpha").get<double>() / n;
  const LeastSquares std_ = centeredLeastSquares(applyScaling(x, fitScaling(x, Scaling::Standard)), y);
  const Eigen::VectorXd ridgeRaw = ridge(raw, lambda), ridgeStd = ridge(std_, lambda);
  for (int j = 0; j < 2; ++j) {
    EXPECT_NEAR(raw.optimum(j), c["ols"][j].get<double>(), 1e-9);
    EXPECT_NEAR(ridgeRaw(j), c["ridge_raw"][j].get<double>(), 1e-9);
    EXPECT_NEAR(ridgeStd(j), c["ridge_standard"][j].get<double>(), 1e-9);
  }
}

}  // namespace
