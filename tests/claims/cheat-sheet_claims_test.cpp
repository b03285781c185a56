// cheat-sheet's try-this steps point to other lessons: the 'Statistics over' cells name exactly the axes the
// norm-axes lesson groups together; the penalty rows that promise exact zeros are exactly those whose penalty gives
// exact zeros in penalty-geometry's solver; the weight decay row's SGD/Adam claim holds in the weight-decay lesson.
#include <cmath>
#include <cstdio>
#include <set>
#include <string>
#include <vector>

#include "claims/claims.h"
#include "lessons/cheat_sheet.h"
#include "lessons/norm_axes.h"
#include "lessons/penalty_geometry.h"
#include "lessons/weight_decay.h"
#include "nr/lp_geometry.h"
#include "nr/rng.h"

namespace nr::app {
namespace {

using claims::expectStepSays;
using claims::load;
using claims::translator;

std::string cell(int table, int row, int column, Lang lang) {
  const std::string key = CheatSheetLesson::cellKey(table, row, column);
  EXPECT_TRUE(translator().has(key)) << key;
  return translator().get(key.c_str(), lang);
}

/// The axes a cell lists before its colon: "N, H, W: …" (English) or "N、H、W：…" (Chinese).
std::set<std::string> listedAxes(const std::string& text, const std::string& colon, const std::string& comma) {
  std::set<std::string> axes;
  const std::string head = text.substr(0, text.find(colon));
  size_t a = 0;
  while (a <= head.size()) {
    size_t b = head.find(comma, a);
    if (b == std::string::npos) b = head.size();
    axes.insert(head.substr(a, b - a));
    a = b + comma.size();
  }
  return axes;
}

/// The axes one statistic spans in the norm-axes lesson's grouping: an axis is listed when changing only that
/// index never changes the group; C is "C/G" when channels share a group within blocks of C/G but not across.
std::set<std::string> groupedAxes(const NormAxesLesson& l) {
  const core::GroupIndexer& g = l.result().groups;
  const auto& p = l.current();
  std::set<std::string> axes;
  auto spans = [&](int axis, int block) {  // same group for indices i, j of `axis` whenever i / block == j / block
    for (int n = 0; n < p.n; ++n)
      for (int c = 0; c < p.c; ++c)
        for (int h = 0; h < p.h; ++h)
          for (int w = 0; w < p.w; ++w) {
            const int extent[4] = {p.n, p.c, p.h, p.w};
            for (int j = 0; j < extent[axis]; ++j) {
              int idx[4] = {n, c, h, w};
              const int i = idx[axis];
              idx[axis] = j;
              const bool same = g.groupOf(n, c, h, w) == g.groupOf(idx[0], idx[1], idx[2], idx[3]);
              if (same != (i / block == j / block)) return false;
            }
          }
    return true;
  };
  if (spans(0, p.n)) axes.insert("N");
  if (spans(1, p.c)) axes.insert("C");
  else if (p.groups > 1 && p.groups < p.c && spans(1, p.c / p.groups)) axes.insert("C/G");
  if (spans(2, p.h)) axes.insert("H");
  if (spans(3, p.w)) axes.insert("W");
  return axes;
}

TEST(CheatSheetTry, Step1_StatisticsOverColumnMatchesTheNormAxesCube) {
  CheatSheetLesson sheet;
  struct Kind {
    const char* name;  ///< how the row's method cell starts
    const char* mode;  ///< the norm-axes preset
  };
  // Rows 0–3 of the normalization table, in order.
  const Kind kinds[4] = {{"BatchNorm", "batch"}, {"LayerNorm", "layer"}, {"InstanceNorm", "instance"}, {"GroupNorm", "group"}};
  NormAxesLesson cube;
  for (int r = 0; r < 4; ++r) {
    SCOPED_TRACE(kinds[r].name);
    ASSERT_EQ(cell(0, r, 0, "en").rfind(kinds[r].name, 0), 0u);
    load(cube, {{"mode", kinds[r].mode}, {"n", 4}, {"c", 6}, {"h", 3}, {"w", 4}, {"groups", 2}});
    const std::set<std::string> measured = groupedAxes(cube);
    EXPECT_EQ(listedAxes(cell(0, r, 1, "en"), ":", ", "), measured) << cell(0, r, 1, "en");
    EXPECT_EQ(listedAxes(cell(0, r, 1, "zh"), "：", "、"), measured) << cell(0, r, 1, "zh");
    // "one μ, σ² per channel / sample / sample and channel / sample and channel group": the number of statistics.
    const int64_t expected[4] = {6, 4, 4 * 6, 4 * 2};
    EXPECT_EQ(cube.result().groups.groupCount(), expected[r]);
    EXPECT_EQ(cube.result().mean.size(), size_t(expected[r]));
  }
  // The three rows that open norm-axes are the ones it shows; LayerNorm opens batch-stats, which has it too.
  EXPECT_STREQ(CheatSheetLesson::rowLesson(0, 0), "norm-axes");
  EXPECT_STREQ(CheatSheetLesson::rowLesson(0, 2), "norm-axes");
  EXPECT_STREQ(CheatSheetLesson::rowLesson(0, 3), "norm-axes");
  expectStepSays(sheet, 1, "en", "'Statistics over'");
}

/// Share of exact zeros of a penalty in penalty-geometry's solver over the lesson's Monte-Carlo random losses.
double zeroShare(double p, double alpha, double lambda, int n) {
  core::Rng rng(4321);
  int zeros = 0;
  for (int i = 0; i < n; ++i) {
    const core::Quadratic2 q = core::randomQuadratic(rng);
    const Eigen::Vector2d w = alpha >= 0 ? core::elasticNetOptimum(q, lambda, alpha).w : core::penalizedOptimum(q, p, lambda).w;
    zeros += w.x() == 0.0 || w.y() == 0.0;
  }
  return double(zeros) / n;
}

TEST(CheatSheetTry, Step2_RowsPromisingExactZerosAreThePenaltiesThatGiveThem) {
  CheatSheetLesson sheet;
  // The regularization table's penalty rows, what their 'Effect' cell says, and the penalty in penalty-geometry.
  struct Row {
    int row;
    const char* method;
    const char* effectEn;
    const char* effectZh;
    bool zeros;
    double p, alpha;  ///< alpha ≥ 0: the elastic net
  };
  const Row rows[] = {
      {0, "L2 / ridge", "exactly 0 only by coincidence", "恰好为 0 只是巧合", false, 2.0, -1},
      {1, "L1 / lasso", "Exact zeros", "恰好为 0", true, 1.0, -1},
      {2, "Elastic net", "Sparse", "稀疏", true, 0, 0.5},
      {3, "L0, Lp with p < 1", "sparsest", "最稀疏", true, 0.5, -1},
      {3, "L0, Lp with p < 1", "sparsest", "最稀疏", true, 0.0, -1},
  };
  for (const Row& r : rows) {
    SCOPED_TRACE(r.method);
    ASSERT_EQ(cell(1, r.row, 0, "en").rfind(r.method, 0), 0u);
    EXPECT_NE(cell(1, r.row, 2, "en").find(r.effectEn), std::string::npos) << cell(1, r.row, 2, "en");
    EXPECT_NE(cell(1, r.row, 2, "zh").find(r.effectZh), std::string::npos) << cell(1, r.row, 2, "zh");
    // The numeric Lp solver costs milliseconds a loss: fewer losses there.
    const int n = (r.alpha < 0 && r.p != 1.0 && r.p != 2.0) ? 60 : 1000;
    const double share = zeroShare(r.p, r.alpha, 0.4, n);
    std::printf("%-18s p = %.2g α = %.2g: exact zeros in %.1f %% of %d random losses (λ = 0.4)\n", r.method, r.p,
                r.alpha, 100 * share, n);
    if (r.zeros)
      EXPECT_GT(share, 0.1);
    else
      EXPECT_EQ(share, 0.0);
  }
  // "The three rows": in the regularization table, the rows whose effect promises zeros or sparsity.
  std::vector<int> promising;
  for (int r = 0; CheatSheetLesson::rowLesson(1, r); ++r) {
    const std::string effect = cell(1, r, 2, "en");
    if (effect.find("zeros") != std::string::npos || effect.find("parse") != std::string::npos) promising.push_back(r);
  }
  EXPECT_EQ(promising, (std::vector<int>{1, 2, 3}));
  // The same solver is what the lesson's panels show.
  PenaltyGeometryLesson pg;
  load(pg, {{"third", "lp"}, {"p", 0.5}, {"lambda", 1.0}});
  EXPECT_EQ(pg.model().optimum(2).w.y(), 0.0) << "the default loss at λ = 1: the star's optimum on the w₁ axis";
  EXPECT_NE(pg.model().optimum(1).w.y(), 0.0);
  EXPECT_STREQ(CheatSheetLesson::rowLesson(1, 0), "penalty-geometry");
  EXPECT_STREQ(CheatSheetLesson::rowLesson(1, 1), "penalty-geometry");
  EXPECT_STREQ(CheatSheetLesson::rowLesson(1, 3), "penalty-geometry");
  expectStepSays(sheet, 2, "en", "three rows");
  expectStepSays(sheet, 2, "zh", "三行");
}

TEST(CheatSheetTry, Step3_AdamL2AndAdamWPartWaysSgdL2AndDecayDoNot) {
  CheatSheetLesson sheet;
  // The weight decay row.
  int row = 0;
  while (CheatSheetLesson::rowLesson(1, row) && std::string(CheatSheetLesson::rowLesson(1, row)) != "weight-decay") ++row;
  ASSERT_STREQ(CheatSheetLesson::rowLesson(1, row), "weight-decay");
  EXPECT_NE(cell(1, row, 2, "en").find("With plain SGD (no momentum) the two are the same; with Adam they differ"), std::string::npos);
  EXPECT_NE(cell(1, row, 2, "zh").find("用普通 SGD（无动量）时两者相同；用 Adam 时不同"), std::string::npos);
  WeightDecayLesson wd;
  load(wd, {{"pretrain", 40}});
  std::printf("after 40 epochs: SGD max |Δw| %.2g, Adam max |Δw| %.2g\n", wd.model().sgdDifference(),
              wd.model().adamDifference());
  EXPECT_LT(wd.model().sgdDifference(), 1e-5) << "SGD + L2 and SGD + decay: the same update, up to float rounding";
  EXPECT_GT(wd.model().adamDifference(), 1e-2) << "Adam + L2 and AdamW part ways";
  // The caveat: under Adam + L2 a weight decays by ηλ/(√v̂ + ε), so its decay depends on its gradient scale.
  const auto& opt = wd.model().run(2).optimizer();
  const float* mask = wd.model().run(2).net().decayMask();
  const double correction = 1.0 - std::pow(opt.spec().beta2, double(opt.stepCount()));
  double lo = INFINITY, hi = 0;
  for (size_t i = 0; i < opt.secondMoment().size(); ++i) {
    if (mask[i] == 0) continue;
    const double rate = 1.0 / (std::sqrt(opt.secondMoment()[i] / correction) + opt.spec().eps);
    lo = std::min(lo, rate), hi = std::max(hi, rate);
  }
  std::printf("Adam + L2 effective decay spans a factor %.3g across weights\n", hi / lo);
  EXPECT_GT(hi / lo, 10.0);
  expectStepSays(sheet, 3, "en", "Adam+L2 and AdamW part ways");
}

}  // namespace
}  // namespace nr::app
