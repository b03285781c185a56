// The batch-stats, weight-norm and feature-scaling lessons without a renderer: their parameters round-trip through
// scenes, invalid values change nothing, and the numbers they show follow from nr::core.
#include <gtest/gtest.h>

#include <cmath>

#include "lessons/batch_stats.h"
#include "lessons/feature_scaling.h"
#include "lessons/weight_norm.h"
#include "support/headless_context.h"

namespace nr::app {
namespace {

template <typename L>
void expectRoundTrip(L& lesson, const nlohmann::json& change) {
  std::vector<std::string> w, e;
  lesson.setParams(change, w, e);
  ASSERT_TRUE(e.empty()) << e[0];
  const nlohmann::json saved = lesson.params();
  lesson.reset();
  EXPECT_NE(lesson.params(), saved);
  lesson.setParams(saved, w, e);
  EXPECT_TRUE(e.empty());
  EXPECT_EQ(lesson.params(), saved);
  EXPECT_TRUE(w.empty()) << w[0];
}

TEST(BatchStatsLesson, ScenesRoundTripAndReplayTheSameRun) {
  BatchStatsLesson l;
  expectRoundTrip(l, {{"batch", 3}, {"momentum", 0.5}, {"steps", 17}, {"channel", 2}, {"mean2", -1.0}, {"probe2", 4.0}});
  EXPECT_EQ(l.history().size(), 17u);
  const double last = l.history().back().runningMean[2];
  l.reset();
  std::vector<std::string> w, e;
  l.setParams({{"batch", 3}, {"momentum", 0.5}, {"steps", 17}, {"channel", 2}, {"mean2", -1.0}, {"probe2", 4.0}}, w, e);
  EXPECT_EQ(l.history().back().runningMean[2], last) << "the run is replayed from the seed";
  const nlohmann::json before = l.params();
  l.setParams({{"batch", 0}}, w, e);
  ASSERT_FALSE(e.empty());
  EXPECT_NE(e[0].find("'batch'"), std::string::npos) << e[0];
  EXPECT_EQ(l.params(), before);
}

TEST(BatchStatsLesson, BatchOfOneGivesBetaAndTheMismatchCurveFalls) {
  BatchStatsLesson l;
  std::vector<std::string> w, e;
  l.setParams({{"batch", 1}, {"beta", 0.75}}, w, e);
  for (const core::BatchStep& s : l.history()) {
    EXPECT_FALSE(s.updated);
    EXPECT_NEAR(s.probeTrain[0], 0.75, 1e-6);
  }
  const std::vector<double>& m = l.mismatch();
  ASSERT_EQ(m.size(), BatchStatsLesson::mismatchBatchSizes().size());
  EXPECT_GT(m[1], 3 * m.back());
}

TEST(BatchStatsLesson, PlayingAddsSteps) {
  BatchStatsLesson l;
  const size_t before = l.history().size();
  l.setPlaying(true);
  for (int i = 0; i < 12; ++i) l.update(1.0 / 60.0);
  EXPECT_EQ(l.history().size(), before + 1);
}

TEST(WeightNormLesson, LengthIsGAndGradientsSplit) {
  WeightNormLesson l;
  expectRoundTrip(l, {{"g", 2.5}, {"vx", -1.0}, {"vy", 0.5}, {"decay", 0.0}, {"steps", 10}});
  const core::WeightNormPath& p = l.weightNormPath();
  ASSERT_EQ(p.w.size(), 11u);
  EXPECT_NEAR(p.w[0].norm(), 2.5, 1e-12);
  EXPECT_NEAR(p.w[0].normalized().dot(Eigen::Vector2d(-1.0, 0.5).normalized()), 1.0, 1e-12);
  std::vector<std::string> w, e;
  l.setParams({{"g", 5.0}}, w, e);
  EXPECT_FALSE(e.empty());
}

TEST(FeatureScalingLesson, ScaledDescentIsFasterAndOutlierSqueezesMinMax) {
  FeatureScalingLesson l;
  expectRoundTrip(l, {{"ratio", 50.0}, {"outlier", true}, {"method", "robust"}, {"lambda", 0.1}});
  l.reset();
  const auto& raw = l.rawView().run;
  const auto& scaled = l.scaledView().run;
  ASSERT_GT(raw.stepsToConverge, 0);
  ASSERT_GT(scaled.stepsToConverge, 0);
  EXPECT_GT(raw.stepsToConverge, 10 * scaled.stepsToConverge);
  std::vector<std::string> w, e;
  l.setParams({{"lr_fraction", 1.1}}, w, e);
  EXPECT_TRUE(l.rawView().run.diverged);
  EXPECT_TRUE(l.scaledView().run.diverged);
  l.setParams({{"method", "zscore"}}, w, e);
  EXPECT_FALSE(e.empty());
}

TEST(WeightNormLesson, DraggingTheTipOfVTurnsW) {
  const test::HeadlessContext imgui(ImVec2(1000, 700));
  test::HeadlessContext::buildAtlas();
  ImGuiIO& io = ImGui::GetIO();
  WeightNormLesson l;
  Translator tr;
  LessonContext ctx;
  ctx.translator = &tr;
  ctx.hasGraphics = false;
  auto frame = [&](ImVec2 mouse, bool down) {
    io.MousePos = mouse;
    io.MouseDown[0] = down;
    ImGui::NewFrame();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(io.DisplaySize);
    ImGui::Begin("canvas", nullptr, ImGuiWindowFlags_NoDecoration);
    l.drawCanvas(ctx);
    ImGui::End();
    ImGui::Render();
  };
  for (int i = 0; i < 3; ++i) frame(ImVec2(-1, -1), false);
  const PlotTransform tf = l.spaceTransform();
  const ImVec2 tip = tf.toPixel(l.current().vx, l.current().vy);
  const ImVec2 target = tf.toPixel(-1.0, 2.0);
  frame(tip, false);
  frame(tip, true);  // press on the tip
  frame(ImVec2((tip.x + target.x) / 2, (tip.y + target.y) / 2), true);
  frame(target, true);
  frame(target, false);
  EXPECT_NEAR(l.current().vx, -1.0, 0.05);
  EXPECT_NEAR(l.current().vy, 2.0, 0.05);
  EXPECT_NEAR(l.weightNormPath().w[0].norm(), l.current().g, 1e-6) << "the length stays g";
  // A press away from v and the optimum moves nothing.
  const nlohmann::json before = l.params();
  frame(tf.toPixel(-2.5, -2.5), true);
  frame(tf.toPixel(-2.0, -2.0), true);
  frame(tf.toPixel(-2.0, -2.0), false);
  EXPECT_EQ(l.params(), before);
}

}  // namespace
}  // namespace nr::app
