// `nrlab fit` run as a process: a path with CV round trip against the core library and the tight reference, and
// every error case (exit status 2, one line on stderr, an existing output file untouched, no temporary left).
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "nr/csv.h"
#include "nr/elastic_net.h"
#include "nr/file_io.h"
#include "support/run_nrlab.h"
#include "support/temp_dir.h"

namespace fs = std::filesystem;
using namespace nr::core;

namespace {

using Outcome = nr::test::RunResult;

class FitCli : public ::testing::Test {
 protected:
  nr::test::TempDir tmp{"nr_fit"};
  const fs::path dir = tmp.path;
  void SetUp() override {
    // diabetes as one file with the target last.
    const CsvTable x = readCsv(std::string(NR_TEST_DATA_DIR) + "/../../assets/data/diabetes_X.csv");
    const CsvTable y = readCsv(std::string(NR_TEST_DATA_DIR) + "/../../assets/data/diabetes_y.csv");
    std::string csv = "x0,x1,x2,x3,x4,x5,x6,x7,x8,x9,y\r\n";
    for (int i = 0; i < x.values.rows(); ++i) {
      for (int j = 0; j < 10; ++j) csv += formatNumber(x.values(i, j)) + ",";
      csv += formatNumber(y.values(i, 0)) + "\r\n";
    }
    writeFileAtomic(path("d.csv"), csv);
  }
  std::string path(const std::string& name) const { return tmp.file(name); }

  Outcome run(const std::string& args) const { return nr::test::runNrlab(args, dir); }

  void expectFailure(const std::string& args, const std::string& expect) {
    writeFileAtomic(path("out.csv"), "previous output");
    Outcome r = run("fit " + args + " --out " + path("out.csv"));
    EXPECT_EQ(r.status, 2) << args << "\n" << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
    EXPECT_NE(r.err.find(expect), std::string::npos) << "stderr: " << r.err << "\nexpected: " << expect;
    EXPECT_EQ(r.err.rfind("nrlab fit: error: ", 0), 0u) << r.err;
    EXPECT_EQ(readFile(path("out.csv")), "previous output");
    for (const auto& e : fs::directory_iterator(dir))
      EXPECT_EQ(e.path().filename().string().find(".nrlab-"), std::string::npos) << "temporary left: " << e.path();
  }
};

TEST_F(FitCli, LassoPathWithCvMatchesCoreAndReference) {
  Outcome r = run("fit --data " + path("d.csv") + " --target y --penalty lasso --path 100 --cv 5 --seed 0 --out " +
                  path("o.csv"));
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.err, "");
  const CsvTable o = readCsv(path("o.csv"));
  EXPECT_EQ(o.names, (std::vector<std::string>{"lambda", "intercept", "x0", "x1", "x2", "x3", "x4", "x5", "x6", "x7",
                                               "x8", "x9", "cv_mean", "cv_se"}));
  ASSERT_EQ(o.values.rows(), 100);
  const Eigen::MatrixXd ref = readCsv(std::string(NR_TEST_DATA_DIR) + "/reference/sk_lasso_coefs_tight.csv").values;
  const Eigen::MatrixXd gold = readCsv(std::string(NR_TEST_DATA_DIR) + "/golden/fit/cv_lasso_seed0_k5.csv").values;
  double err = 0, cvErr = 0;
  for (int i = 0; i < 100; ++i) {
    for (int j = 0; j < 10; ++j) err = std::max(err, std::fabs(o.values(i, 2 + j) - ref(i, j)));
    cvErr = std::max(cvErr, std::fabs(o.values(i, 12) - gold(i, 1)));
    EXPECT_NEAR(o.values(i, 0), gold(i, 0), 1e-14);
  }
  EXPECT_LE(err, 1e-6);
  EXPECT_LE(cvErr, 1e-9);
  EXPECT_EQ(o.values.row(0).segment(2, 10).cwiseAbs().maxCoeff(), 0.0);
}

TEST_F(FitCli, SingleLambdaRidgeAndNone) {
  Outcome r = run("fit --data " + path("d.csv") + " --target x0 --penalty ridge --lambda 0.1 --out " + path("o.csv"));
  ASSERT_EQ(r.status, 0) << r.err;
  const CsvTable d = readCsv(path("d.csv"));
  Eigen::MatrixXd x = d.values.rightCols(10);
  Eigen::VectorXd y = d.values.col(0);
  ElasticNetOptions opt;
  opt.alpha = 0;
  const ElasticNetPath p = fitElasticNet(x, y, 0.1, opt);
  const CsvTable o = readCsv(path("o.csv"));
  EXPECT_EQ(o.names[2], "x1");
  EXPECT_EQ(o.names[11], "y");
  ASSERT_EQ(o.values.rows(), 1);
  for (int j = 0; j < 10; ++j) EXPECT_EQ(o.values(0, 2 + j), p.coefs(0, j));
  Outcome n = run("fit --data " + path("d.csv") + " --target y --penalty none --out " + path("n.csv"));
  ASSERT_EQ(n.status, 0) << n.err;
  EXPECT_EQ(readCsv(path("n.csv")).values(0, 0), 0.0);
  Outcome e = run("fit --data " + path("d.csv") + " --target y --penalty elasticnet --l1-ratio 0.5 --path 3 "
                  "--lambda-min-ratio 0.01 --out " + path("e.csv"));
  ASSERT_EQ(e.status, 0) << e.err;
  EXPECT_EQ(readCsv(path("e.csv")).values.rows(), 3);
}

TEST_F(FitCli, EveryErrorExitsTwoAndWritesNothing) {
  const std::string d = "--data " + path("d.csv") + " --target y ";
  expectFailure("--data " + path("missing.csv") + " --target y --penalty lasso --lambda 0.1", "no such file");
  writeFileAtomic(path("bad.csv"), "a,bmi\n1,2\n3,abc\n");
  expectFailure("--data " + path("bad.csv") + " --target a --penalty lasso --lambda 0.1",
                "row 3, column 'bmi': 'abc' is not a number");
  writeFileAtomic(path("ragged.csv"), "a,b\n1,2\n3\n");
  expectFailure("--data " + path("ragged.csv") + " --target a --penalty lasso --lambda 0.1", "has 1 cell but the header has 2");
  writeFileAtomic(path("empty.csv"), "");
  expectFailure("--data " + path("empty.csv") + " --target a --penalty lasso --lambda 0.1", "is empty");
  expectFailure("--data " + path("d.csv") + " --target q --penalty lasso --lambda 0.1", "no column 'q'");
  writeFileAtomic(path("dup.csv"), "a,a,y\n1,2,3\n");
  expectFailure("--data " + path("dup.csv") + " --target y --penalty lasso --lambda 0.1", "appears twice");
  writeFileAtomic(path("small.csv"), "a,y\n1,2\n2,1\n3,5\n");
  expectFailure("--data " + path("small.csv") + " --target y --penalty lasso --lambda 0.1 --cv 5",
                "fewer than the 5 folds");
  writeFileAtomic(path("one.csv"), "a,y\n1,2\n");  // one row: not "column 'a' is constant"
  expectFailure("--data " + path("one.csv") + " --target y --penalty none", "has only 1 data row; a fit needs at least 2");
  writeFileAtomic(path("const.csv"), "a,c,y\n1,7,2\n2,7,1\n3,7,5\n");
  expectFailure("--data " + path("const.csv") + " --target y --penalty lasso --lambda 0.1", "column 'c' is constant");
  expectFailure(d + "--penalty lasso --lambda -1", "--lambda must be a finite number ≥ 0");
  expectFailure(d + "--penalty elasticnet --l1-ratio 1.5 --lambda 0.1", "--l1-ratio must be between 0 and 1");
  expectFailure(d + "--penalty elasticnet --l1-ratio -0.1 --lambda 0.1", "--l1-ratio must be between 0 and 1");
  expectFailure(d + "--penalty lasso --l1-ratio 0.5 --lambda 0.1", "--l1-ratio applies only");
  expectFailure(d + "--penalty lasso --lambda 0.1 --path 10", "not both or neither");
  expectFailure(d + "--penalty lasso", "not both or neither");
  expectFailure(d + "--penalty none --path 10", "--penalty none fits ordinary least squares");
  expectFailure(d + "--penalty lasso --lambda 0.1 --lambda-min-ratio 0.1", "--lambda-min-ratio applies only with --path");
  expectFailure(d + "--penalty lasso --path 10 --lambda-min-ratio 2", "--lambda-min-ratio must be between 0 and 1");
  expectFailure(d + "--penalty lasso --path 0", "--path must be");
  expectFailure(d + "--penalty lasso --lambda 0.1 --cv 1", "--cv must be at least 2");
  expectFailure(d + "--penalty lars --lambda 0.1", "--penalty 'lars' is not known");
  expectFailure(d + "--penalty lasso --lambda abc", "--lambda");
  Outcome r = run("fit " + d + "--penalty lasso --lambda 0.1 --out " + path("nofolder/o.csv"));
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("does not exist"), std::string::npos) << r.err;
}

// Badly scaled and extreme data against exact answers (tools/golden/make_hostile_fit.py: rational arithmetic on
// the very doubles in the files): ordinary least squares and ridge must give them, and where a penalty cannot be
// trusted the program says so with exit 2 instead of printing a wrong number.
TEST_F(FitCli, BadlyScaledDataGiveTheExactAnswerOrExitTwo) {
  const std::string dir = std::string(NR_TEST_DATA_DIR) + "/reference/hostile_fit/";
  const nlohmann::json cases = nlohmann::json::parse(readFile(dir + "cases.json"));
  ASSERT_GE(cases.size(), 4u);
  for (const auto& c : cases) {
    const std::string data = dir + c["name"].get<std::string>() + ".csv";
    for (const auto& f : c["fits"]) {
      const std::string pen = f["penalty"];
      const double lambda = f["lambda"];
      const std::string args = "fit --data " + data + " --target y --penalty " + pen +
                               (pen == "none" ? std::string() : " --lambda " + formatNumber(lambda)) + " --out " + path("o.csv");
      const Outcome r = run(args);
      ASSERT_EQ(r.status, 0) << args << "\n" << r.err;
      const CsvTable out = readCsv(path("o.csv"));
      const auto& coefs = f["coefs"];
      ASSERT_EQ(out.values.cols(), static_cast<Eigen::Index>(2 + coefs.size()));
      auto close = [](double got, double want) { return std::fabs(got - want) <= 1e-9 * std::fabs(want); };
      EXPECT_TRUE(close(out.values(0, 1), f["intercept"].get<double>()))
          << c["name"] << " " << pen << " intercept " << out.values(0, 1) << " vs exact " << f["intercept"];
      for (size_t j = 0; j < coefs.size(); ++j)
        EXPECT_TRUE(close(out.values(0, 2 + j), coefs[j].get<double>()))
            << c["name"] << " " << pen << " w" << j << " " << out.values(0, 2 + j) << " vs exact " << coefs[j];
    }
  }
  // The lasso: a column 10¹⁰ (or 10¹⁰⁰) times smaller than another is below the solver's tolerance: exit 2, said.
  for (const char* name : {"scales_1e10_apart", "one_cell_1e100"}) {
    writeFileAtomic(path("o.csv"), "previous output");
    const Outcome r = run("fit --data " + dir + name + ".csv --target y --penalty lasso --lambda 0.001 --out " + path("o.csv"));
    EXPECT_EQ(r.status, 2) << name;
    EXPECT_NE(r.err.find("cannot be trusted"), std::string::npos) << r.err;
    EXPECT_EQ(readFile(path("o.csv")), "previous output");
  }
  // Near 1e308 λ = 0.001 is nothing next to a Gram matrix of 1e615: the lasso's answer is the exact OLS one.
  {
    const Outcome r = run("fit --data " + dir + "near_1e308.csv --target y --penalty lasso --lambda 0.001 --out " + path("o.csv"));
    ASSERT_EQ(r.status, 0) << r.err;
    const CsvTable out = readCsv(path("o.csv"));
    const auto& ols = cases[2]["fits"][0];
    for (size_t j = 0; j < 2; ++j)
      EXPECT_NEAR(out.values(0, 2 + j), ols["coefs"][j].get<double>(), 1e-9 * std::fabs(ols["coefs"][j].get<double>()));
  }
  // Features of 1e-200: |x_jᵀ(y − ȳ)|/n is far below λ = 0.001, so w = 0 is the exact lasso optimum.
  {
    const Outcome r = run("fit --data " + dir + "tiny_1e-200.csv --target y --penalty lasso --lambda 0.001 --out " + path("o.csv"));
    ASSERT_EQ(r.status, 0) << r.err;
    const CsvTable out = readCsv(path("o.csv"));
    EXPECT_EQ(out.values(0, 2), 0.0);
    EXPECT_EQ(out.values(0, 3), 0.0);
  }
  // A λ path on data whose λ_max is beyond double: refused, not a complaint about a λ nobody gave.
  const Outcome r = run("fit --data " + dir + "near_1e308.csv --target y --penalty lasso --path 5 --out " + path("o.csv"));
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("beyond the range of double"), std::string::npos) << r.err;
}

}  // namespace
