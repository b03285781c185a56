// regularized-fit as a lesson: scenes reach the model (λ_1se on diabetes, the λ buttons), sweeping λ does not
// recompute the path, and CSV loading (malformed and good files, off the frame loop, and the window's drop hook).
// The numbers themselves are checked against naive recomputations and core's solver in
// tests/lessons/regularized_fit_model_test.cpp.
#include <gtest/gtest.h>
#include <imgui.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>

#include "lessons/registry.h"
#include "lessons/regularized_fit.h"
#include "nr/file_io.h"
#include "shell/app.h"
#include "support/headless_context.h"
#include "support/temp_dir.h"

namespace nr::app {
namespace {

namespace fs = std::filesystem;

void apply(RegularizedFitLesson& l, const nlohmann::json& j) {
  std::vector<std::string> w, e;
  l.setParams(j, w, e);
  ASSERT_TRUE(e.empty()) << e[0];
  ASSERT_TRUE(w.empty()) << w[0];
}

TEST(RegularizedFitLesson, LassoOnDiabetesAt1seHasExactZerosButNotBmi) {
  RegularizedFitLesson l;
  apply(l, {{"source", "diabetes"}, {"penalty", "lasso"}, {"lambda_at", "1se"}});
  EXPECT_EQ(l.model().lambda(), l.model().cv().lambda1se);
  const Eigen::VectorXd& w = l.model().coef();
  EXPECT_GT((w.array() == 0.0).count(), 0);
  EXPECT_NE(w[2], 0.0) << "bmi";
  EXPECT_EQ(l.model().data().names[2], "bmi");
}

TEST(RegularizedFitLesson, LambdaButtonsSetLambdaExactly) {
  RegularizedFitLesson l;
  apply(l, {{"penalty", "lasso"}, {"degree", 12}, {"folds", 5}});
  const core::CrossValidation& cv = l.model().cv();
  ASSERT_TRUE(l.model().hasCv());
  l.jumpToLambdaMin();
  EXPECT_EQ(l.current().lambda, cv.lambdaMin);
  EXPECT_EQ(l.model().lambda(), cv.lambdaMin);
  l.jumpToLambda1se();
  EXPECT_EQ(l.current().lambda, cv.lambda1se);
  EXPECT_EQ(l.model().lambda(), cv.lambda1se);
  EXPECT_NE(cv.lambdaMin, cv.lambda1se) << "the two buttons must differ for this test to mean anything";
}

TEST(RegularizedFitLesson, MovingLambdaDoesNotRecomputeThePath) {
  RegularizedFitLesson l;
  apply(l, {{"penalty", "lasso"}});
  const int before = l.model().pathComputations();
  for (int f = 0; f < 20; ++f) l.interact(f);
  EXPECT_EQ(l.model().pathComputations(), before);
  apply(l, {{"degree", 7}});
  EXPECT_EQ(l.model().pathComputations(), before + 1);
  apply(l, {{"penalty", "ridge"}});
  EXPECT_EQ(l.model().pathComputations(), before + 2);
}

class CsvFiles : public ::testing::Test {
 protected:
  test::TempDir tmp{"nr_regfit"};
  const fs::path dir = tmp.path;
  std::string write(const std::string& name, const std::string& text) { return tmp.write(name, text); }
  /// A good table: 40 rows, y = 2a − b + noise, and a third column.
  std::string goodCsv() {
    std::string s = "a,b,c,y\n";
    for (int i = 0; i < 40; ++i) {
      const double a = std::sin(i * 1.3), b = std::cos(i * 0.7), c = (i % 7) - 3.0;
      s += std::to_string(a) + "," + std::to_string(b) + "," + std::to_string(c) + "," +
           std::to_string(2 * a - b + 0.05 * std::sin(i * 5.1)) + "\n";
    }
    return write("good.csv", s);
  }
};

TEST_F(CsvFiles, MalformedTablesGiveOneClearMessageAndKeepTheData) {
  RegularizedFitLesson l;
  std::string rows;
  for (int i = 0; i < 12; ++i) rows += std::to_string(i) + "," + std::to_string(i * i % 5) + "\n";
  std::string constant;
  for (int i = 0; i < 12; ++i) constant += std::to_string(i) + ",3\n";
  const struct {
    std::string path, expect;
  } bad[] = {
      {write("text.csv", "a,y\n1,2\n3,abc\n" + rows), "not a number"},
      {write("nan.csv", "a,y\n1,2\nnan,4\n" + rows), "not a finite number"},
      {write("constant.csv", "a,y\n" + constant), "constant"},
      {write("short.csv", "a,y\n1,2\n2,3\n3,5\n"), "at least 10"},
      {write("one.csv", "y\n1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n"), "feature"},
      {write("empty.csv", ""), "empty"},
      {(dir / "missing.csv").string(), "missing.csv"},
  };
  const nlohmann::json before = l.params();
  for (const auto& b : bad) {
    std::string error;
    EXPECT_FALSE(l.loadCsv(b.path, error)) << b.path;
    EXPECT_NE(error.find(b.expect), std::string::npos) << b.path << ": " << error;
    EXPECT_EQ(l.params(), before) << b.path;
    // Through the drop hook: exactly one message, no exception.
    std::vector<std::string> messages;
    LessonContext ctx;
    ctx.messages = &messages;
    ASSERT_TRUE(l.acceptsFileDrop(b.path));
    l.onFileDrop(b.path, ctx);
    EXPECT_EQ(messages.size(), 1u) << b.path;
  }
  EXPECT_FALSE(l.acceptsFileDrop("picture.png"));
}

TEST_F(CsvFiles, AGoodTableIsSplitStandardizedAndFitted) {
  RegularizedFitLesson l;
  std::string error;
  ASSERT_TRUE(l.loadCsv(goodCsv(), error)) << error;
  EXPECT_EQ(l.current().source, RegularizedFitLesson::Csv);
  EXPECT_EQ(l.csvTable().names[l.target()], "y");
  const FitData& d = l.model().data();
  EXPECT_FALSE(d.curve);
  EXPECT_EQ(d.names, (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(d.yTrain.size() + d.yTest.size(), 40);
  EXPECT_EQ(d.yTest.size(), 12);  // 30 % of 40
  for (int j = 0; j < 3; ++j) {
    EXPECT_NEAR(d.xTrain.col(j).mean(), 0.0, 1e-12);
    EXPECT_NEAR(std::sqrt(d.xTrain.col(j).array().square().mean()), 1.0, 1e-12);
  }
  apply(l, {{"penalty", "lasso"}, {"lambda_at", "min"}});
  EXPECT_LT(l.model().testMse(), 0.05);
  EXPECT_EQ(l.model().coef()[2], 0.0) << "c carries nothing";
  // Another target column.
  ASSERT_TRUE(l.setTarget(0, error)) << error;
  EXPECT_EQ(l.model().data().targetName, "a");
  EXPECT_EQ(l.model().data().names, (std::vector<std::string>{"b", "c", "y"}));
  // The scene names the file and the target, and reads back.
  const nlohmann::json saved = l.params();
  EXPECT_EQ(saved["target"], "a");
  RegularizedFitLesson other;
  apply(other, saved);
  EXPECT_EQ(other.params(), saved);
  EXPECT_EQ(other.model().coef(), l.model().coef());
}

// A dropped table over 1 MB is read and fitted by a worker: the lesson keeps its picture (and frames keep coming)
// until the result is ready, and the result is the same as reading it here and now. Beyond the stated limits a
// table is refused with a message that names them and points to nrlab fit.
TEST_F(CsvFiles, ALargeTableLoadsOffTheFrameLoopAndTooLargeIsRefused) {
  std::string big = "a,b,c,d,y\n";
  char buf[200];
  for (int i = 0; i < 30000; ++i) {
    const double a = std::sin(i * 1.3), b = std::cos(i * 0.7), c = std::sin(i * 0.31), d = std::cos(i * 2.9);
    std::snprintf(buf, sizeof buf, "%.9f,%.9f,%.9f,%.9f,%.9f\n", a, b, c, d, 2 * a - b + 0.1 * std::sin(i * 5.1));
    big += buf;
  }
  ASSERT_GT(big.size(), 1u << 20);
  const std::string path = write("big.csv", big);
  RegularizedFitLesson async, now;
  std::vector<std::string> messages;
  LessonContext ctx;
  ctx.messages = &messages;
  async.onFileDrop(path, ctx);
  EXPECT_TRUE(async.busy());
  EXPECT_TRUE(async.animating());
  EXPECT_EQ(async.current().source, RegularizedFitLesson::Polynomial);  // the old picture until the result is in
  async.finishWork();
  EXPECT_FALSE(async.busy());
  EXPECT_TRUE(messages.empty());
  std::string error;
  ASSERT_TRUE(now.loadCsv(path, error)) << error;
  EXPECT_EQ(async.current().source, RegularizedFitLesson::Csv);
  EXPECT_EQ(async.model().data().yTrain.size() + async.model().data().yTest.size(), 30000);
  EXPECT_EQ(async.model().coef(), now.model().coef());
  EXPECT_EQ(async.model().cv().mean, now.model().cv().mean);
  EXPECT_EQ(async.params(), now.params());
  // Over the row limit: refused, the data in use kept.
  std::string tooMany = "a,y\n";
  for (int i = 0; i <= kMaxTableRows; ++i) tooMany += std::to_string(i % 97) + "," + std::to_string(i % 13) + "\n";
  const std::string tooManyPath = write("too_many.csv", tooMany);
  messages.clear();
  async.onFileDrop(tooManyPath, ctx);
  async.finishWork();
  ASSERT_FALSE(async.busy());
  EXPECT_NE(async.current().source, RegularizedFitLesson::Polynomial);
  EXPECT_EQ(async.model().data().yTrain.size() + async.model().data().yTest.size(), 30000);
  EXPECT_NE(async.status().find("up to 200000 rows"), std::string::npos) << async.status();
  ASSERT_FALSE(now.loadCsv(tooManyPath, error));
  EXPECT_NE(error.find("up to 200000 rows"), std::string::npos) << error;
  EXPECT_NE(error.find("nrlab fit"), std::string::npos) << error;
}

TEST_F(CsvFiles, ACsvDroppedOnAnotherLessonOpensRegularizedFit) {
  const test::HeadlessContext imgui;
  {
    AppOptions o;
    o.persistent = false;
    o.hasGraphics = false;
    o.lesson = "norm-axes";
    App app(o);
    app.onFileDrop(goodCsv());
    EXPECT_STREQ(app.lesson().id(), "regularized-fit");
    EXPECT_EQ(static_cast<RegularizedFitLesson&>(app.lesson()).current().source, RegularizedFitLesson::Csv);
    const size_t logged = app.log().size();
    app.onFileDrop(write("bad.csv", "a,y\n1,x\n"));
    EXPECT_EQ(app.log().size(), logged + 1);
    app.selectLesson(findLesson("norm-axes"));
    app.onFileDrop((dir / "photo.png").string());
    EXPECT_STREQ(app.lesson().id(), "norm-axes");
    EXPECT_NE(app.log().back().find("photo.png"), std::string::npos);
  }
}

}  // namespace
}  // namespace nr::app
