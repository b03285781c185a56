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
  EXPECT_EQ(l.model().history().size(), 17u);
  const double last = l.model().history().back().runningMean[2];
  l.reset();
  std::vector<std::string> w, e;
  l.setParams({{"batch", 3}, {"momentum", 0.5}, {"steps", 17}, {"channel", 2}, {"mean2", -1.0}, {"probe2", 4.0}}, w, e);
  EXPECT_EQ(l.model().history().back().runningMean[2], last) << "the run is replayed from the seed";
  const nlohmann::json before = l.params();
  l.setParams({{"batch", 0}}, w, e);
  ASSERT_FALSE(e.empty());
  EXPECT_NE(e[0].find("'batch'"), std::string::npos) << e[0];
  EXPECT_EQ(l.params(), before);
}

TEST(BatchStatsLesson, PlayingAddsSteps) {
  BatchStatsLesson l;
  const size_t before = l.model().history().size();
  l.setPlaying(true);
  for (int i = 0; i < 12; ++i) l.update(1.0 / 60.0);
  EXPECT_EQ(l.model().history().size(), before + 1);
}

TEST(WeightNormLesson, ScenesRoundTripAndTheModelFollows) {
  WeightNormLesson l;
  expectRoundTrip(l, {{"g", 2.5}, {"vx", -1.0}, {"vy", 0.5}, {"decay", 0.0}, {"steps", 10}});
  EXPECT_EQ(l.model().params().g, 2.5f) << "the model follows the scene (its numbers: tests/lessons)";
  EXPECT_EQ(l.model().weightNormPath().w.size(), 11u);
  std::vector<std::string> w, e;
  l.setParams({{"g", 5.0}}, w, e);
  EXPECT_FALSE(e.empty());
}

TEST(FeatureScalingLesson, ScenesRoundTripAndAnUnknownMethodIsRefused) {
  FeatureScalingLesson l;
  expectRoundTrip(l, {{"ratio", 50.0}, {"outlier", true}, {"method", "robust"}, {"lambda", 0.1}});
  EXPECT_EQ(l.model().params().method, FeatureScalingModel::kRobust) << "the model follows the scene";
  std::vector<std::string> w, e;
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
  EXPECT_NEAR(l.model().weightNormPath().w[0].norm(), l.current().g, 1e-6) << "the length stays g";
  // A press away from v and the optimum moves nothing.
  const nlohmann::json before = l.params();
  frame(tf.toPixel(-2.5, -2.5), true);
  frame(tf.toPixel(-2.0, -2.0), true);
  frame(tf.toPixel(-2.0, -2.0), false);
  EXPECT_EQ(l.params(), before);
}

}  // namespace
}  // namespace nr::app
