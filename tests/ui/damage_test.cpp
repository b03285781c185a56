// DamageTracker on real ImGui draw data (no GL): what it reports as changed between two frames. The pixel-level
// check (a partial redraw equals a whole one, every lesson) is in tests/gl/lesson_render_test.cpp.
#include "kit/damage.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <string>

#include "support/headless_context.h"

namespace nr::app {
namespace {

class DamageTest : public testing::Test {
 protected:
  void SetUp() override { test::HeadlessContext::buildAtlas(); }

  /// Two fixed windows: "left" at x 0..300 with a label, "right" at x 400..800 with `rightText` and an optional
  /// image (texture id 7) at a fixed place.
  DamageTracker::Result frame(const std::string& leftText, const std::string& rightText, bool image = false,
                              std::uint64_t generation = 0, bool third = false) {
    // ImGui needs a couple of frames to settle new windows' sizes; the tracker sees only the last.
    for (int settle = 0; settle < 3; ++settle) {
      ImGui::NewFrame();
      window("left", ImVec2(0, 0), [&] { ImGui::TextUnformatted(leftText.c_str()); });
      window("right", ImVec2(400, 0), [&] {
        ImGui::TextUnformatted("a line that stays");
        ImGui::TextUnformatted(rightText.c_str());
        if (image) ImGui::Image(reinterpret_cast<ImTextureID>(7), ImVec2(100, 80));
      });
      if (third) window("third", ImVec2(0, 400), [] { ImGui::TextUnformatted("new"); });
      ImGui::Render();
    }
    return m_tracker.update(*ImGui::GetDrawData(), generation);
  }

  static void window(const char* name, ImVec2 pos, const std::function<void()>& body) {
    ImGui::SetNextWindowPos(pos);
    ImGui::SetNextWindowSize(ImVec2(300, 300));
    ImGui::Begin(name, nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoSavedSettings);
    body();
    ImGui::End();
  }

  DamageTracker m_tracker;

 private:
  test::HeadlessContext m_imgui{ImVec2(800, 600)};
};

TEST_F(DamageTest, TheFirstFrameIsWholeAndAnUnchangedOneIsNothing) {
  DamageTracker::Result r = frame("left", "right");
  EXPECT_TRUE(r.full);
  EXPECT_EQ(r.fraction, 1.0);
  r = frame("left", "right");
  EXPECT_FALSE(r.full);
  EXPECT_TRUE(r.rects.empty());
  EXPECT_EQ(r.fraction, 0.0);
}

TEST_F(DamageTest, AChangedLabelDamagesOnlyItsLine) {
  frame("left", "value 1.25");
  const DamageTracker::Result r = frame("left", "value 1.75");
  ASSERT_FALSE(r.full);
  ASSERT_EQ(r.rects.size(), 1u);
  const DamageRect& d = r.rects[0];
  // Inside the right window, below its first line, one text line tall, and not the whole window.
  EXPECT_GE(d.x0, 400.0f);
  EXPECT_LE(d.x1, 700.0f);
  EXPECT_GT(d.y0, ImGui::GetTextLineHeight());
  EXPECT_LE(d.y1 - d.y0, ImGui::GetTextLineHeightWithSpacing() + 4.0f);
  EXPECT_LT(r.fraction, 0.01);
  // Whole pixels.
  EXPECT_EQ(d.x0, std::floor(d.x0));
  EXPECT_EQ(d.y1, std::floor(d.y1));
}

TEST_F(DamageTest, ALongerLabelDamagesWhereTheOldAndTheNewTextWere) {
  frame("short", "right");
  const DamageTracker::Result r = frame("a much longer label here", "right");
  ASSERT_FALSE(r.full);
  ASSERT_FALSE(r.rects.empty());
  float x1 = 0;
  for (const DamageRect& d : r.rects) {
    EXPECT_LE(d.x1, 301.0f) << "only the left window changed";
    x1 = std::max(x1, d.x1);
  }
  EXPECT_GT(x1, ImGui::CalcTextSize("a much longer label").x);
}

TEST_F(DamageTest, ATextureWhosePixelsChangedIsRedrawnEvenWithTheSameVertices) {
  frame("left", "right", true, 1);
  EXPECT_TRUE(frame("left", "right", true, 1).rects.empty());
  const DamageTracker::Result r = frame("left", "right", true, 2);
  ASSERT_FALSE(r.full);
  ASSERT_EQ(r.rects.size(), 1u);
  EXPECT_NEAR(r.rects[0].x1 - r.rects[0].x0, 100.0f, 3.0f);
  EXPECT_NEAR(r.rects[0].y1 - r.rects[0].y0, 80.0f, 3.0f);
}

TEST_F(DamageTest, ANewWindowTheDisplaySizeOrInvalidateRedrawsWhole) {
  frame("left", "right");
  EXPECT_TRUE(frame("left", "right", false, 0, true).full);
  EXPECT_FALSE(frame("left", "right", false, 0, true).full);
  ImGui::GetIO().DisplaySize = ImVec2(820, 600);
  EXPECT_TRUE(frame("left", "right", false, 0, true).full);
  m_tracker.invalidate();
  EXPECT_TRUE(frame("left", "right", false, 0, true).full);
  EXPECT_FALSE(frame("left", "right", false, 0, true).full);
}

TEST_F(DamageTest, ChangesOverMostOfTheWindowRedrawWhole) {
  // Left and right windows both change entirely: two rectangles, 2×300×300 of 800×600 at most, not whole.
  std::string before, after;
  for (int i = 0; i < 40; ++i) before += std::string(60, 'w') + "\n", after += std::string(60, 'm') + "\n";
  frame(before, before);
  DamageTracker::Result r = frame(after, after);
  ASSERT_FALSE(r.full);
  EXPECT_LE(r.rects.size(), static_cast<std::size_t>(DamageTracker::kMaxRects));
  EXPECT_GT(r.fraction, 0.2);
  EXPECT_LT(r.fraction, 0.375);
  // One window over the whole display whose text all changes: redrawn whole.
  auto page = [&](const std::string& text) {
    ImGui::NewFrame();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImGui::GetIO().DisplaySize);
    ImGui::Begin("page", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoSavedSettings);
    ImGui::TextUnformatted(text.c_str());
    ImGui::End();
    ImGui::Render();
    return m_tracker.update(*ImGui::GetDrawData(), 0);
  };
  std::string wideBefore, wideAfter;  // 150 characters: wider than the display
  for (int i = 0; i < 60; ++i) wideBefore += std::string(150, 'w') + "\n", wideAfter += std::string(150, 'm') + "\n";
  page(wideBefore);
  page(wideBefore);
  r = page(wideAfter);
  EXPECT_TRUE(r.full);
  EXPECT_TRUE(r.rects.empty());
  EXPECT_EQ(r.fraction, 1.0);
}


/// One frame of a single window over the display; `body` draws into its draw list.
DamageTracker::Result drawnFrame(DamageTracker& tracker, const std::function<void(ImDrawList*)>& body) {
  ImGui::NewFrame();
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(ImGui::GetIO().DisplaySize);
  ImGui::Begin("canvas", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoSavedSettings);
  body(ImGui::GetWindowDrawList());
  ImGui::End();
  ImGui::Render();
  return tracker.update(*ImGui::GetDrawData(), 0);
}

TEST_F(DamageTest, AShapeJustOutsideAFractionalClipIsStillDamaged) {
  // The backend truncates the clip rectangle (0, 0)–(100, 50.3) to a scissor box that includes row 50, so a
  // rectangle starting at y = 50.3 colours that row: its change must be reported.
  auto draw = [](ImU32 colour) {
    return [colour](ImDrawList* dl) {
      dl->PushClipRect(ImVec2(0, 0), ImVec2(100, 50.3f), false);
      dl->AddRectFilled(ImVec2(10, 50.3f), ImVec2(90, 60), colour);
      dl->PopClipRect();
    };
  };
  drawnFrame(m_tracker, draw(IM_COL32(255, 0, 0, 255)));
  drawnFrame(m_tracker, draw(IM_COL32(255, 0, 0, 255)));
  const DamageTracker::Result r = drawnFrame(m_tracker, draw(IM_COL32(0, 0, 255, 255)));
  ASSERT_FALSE(r.full);
  ASSERT_EQ(r.rects.size(), 1u);
  EXPECT_LE(r.rects[0].y0, 50.0f);
  EXPECT_GE(r.rects[0].y1, 51.0f);
}

TEST_F(DamageTest, ManyScatteredChangesAreUnitedAndADrawCallbackRedrawsWhole) {
  auto dots = [](int shift) {
    return [shift](ImDrawList* dl) {
      for (int i = 0; i < 400; ++i) {  // a scatter plot whose points all move
        const float x = float((i * 37) % 780) + float(shift), y = float((i * 53) % 580);
        dl->AddRectFilled(ImVec2(x, y), ImVec2(x + 4, y + 4), IM_COL32(0, 0, 0, 255));
      }
    };
  };
  drawnFrame(m_tracker, dots(0));
  drawnFrame(m_tracker, dots(0));
  const DamageTracker::Result r = drawnFrame(m_tracker, dots(1));
  EXPECT_TRUE(r.full || r.rects.size() == 1u);
  // A callback draws outside any triangle: never a partial redraw.
  auto withCallback = [](ImDrawList* dl) {
    dl->AddRectFilled(ImVec2(0, 0), ImVec2(10, 10), IM_COL32(0, 0, 0, 255));
    dl->AddCallback([](const ImDrawList*, const ImDrawCmd*) {}, nullptr);
  };
  drawnFrame(m_tracker, withCallback);
  EXPECT_TRUE(drawnFrame(m_tracker, withCallback).full);
  EXPECT_TRUE(drawnFrame(m_tracker, withCallback).full);
}

}  // namespace
}  // namespace nr::app
