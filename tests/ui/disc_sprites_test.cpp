// Disc sprites: the baked discs have the area of a disc of their radius with an anti-aliased edge, drawDisc()
// draws one as a single quad, and falls back to a polygon when it has no sprite of that radius.
#include "widgets/disc_sprites.h"

#include <gtest/gtest.h>

#include <cmath>

#include "support/headless_context.h"

namespace nr::app {
namespace {

class DiscSprites : public testing::Test {
 protected:
  void SetUp() override {
    ImFontAtlas* fonts = ImGui::GetIO().Fonts;
    fonts->AddFontDefault();
    addDiscSprites(fonts);
    fonts->Build();
    bakeDiscSprites(fonts);
    const test::HeadlessContext::Atlas atlas = test::HeadlessContext::buildAtlas();
    m_pixels = atlas.pixels;
    m_width = atlas.width;
    m_height = atlas.height;
  }

  /// Draws one disc in a frame; returns the vertices it added and keeps them.
  int draw(float radius) {
    ImGui::NewFrame();
    ImGui::Begin("w");
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const int before = dl->VtxBuffer.Size;
    drawDisc(dl, ImVec2(100.25f, 80.5f), radius, IM_COL32(10, 20, 30, 255));
    m_added.assign(dl->VtxBuffer.Data + before, dl->VtxBuffer.Data + dl->VtxBuffer.Size);
    ImGui::End();
    ImGui::EndFrame();
    return static_cast<int>(m_added.size());
  }

  std::vector<ImDrawVert> m_added;
  unsigned char* m_pixels = nullptr;
  int m_width = 0, m_height = 0;

 private:
  test::HeadlessContext m_imgui{ImVec2(400, 300)};
};

TEST_F(DiscSprites, ADiscIsOneQuadCentredWhereAsked) {
  for (float r : {1.0f, 3.5f, 4.0f, 7.5f, 16.0f}) {
    SCOPED_TRACE(r);
    ASSERT_EQ(draw(r), 4);
    const ImVec2 a = m_added[0].pos, c = m_added[2].pos;
    EXPECT_FLOAT_EQ(0.5f * (a.x + c.x), 100.25f);
    EXPECT_FLOAT_EQ(0.5f * (a.y + c.y), 80.5f);
    EXPECT_GT(c.x - a.x, 2.0f * r);  // the cell holds the disc and its edge
    EXPECT_EQ(m_added[0].col, IM_COL32(10, 20, 30, 255));
  }
}

TEST_F(DiscSprites, TheBakedDiscHasTheAreaOfItsRadiusAndASoftEdge) {
  for (float r : {2.0f, 4.5f, 12.0f}) {
    SCOPED_TRACE(r);
    ASSERT_EQ(draw(r), 4);
    // The sprite's texels, from the quad's texture coordinates.
    const int x0 = static_cast<int>(std::lround(m_added[0].uv.x * m_width));
    const int y0 = static_cast<int>(std::lround(m_added[0].uv.y * m_height));
    const int x1 = static_cast<int>(std::lround(m_added[2].uv.x * m_width));
    const int y1 = static_cast<int>(std::lround(m_added[2].uv.y * m_height));
    double area = 0;
    int partial = 0;
    for (int y = y0; y < y1; ++y)
      for (int x = x0; x < x1; ++x) {
        const unsigned char a = m_pixels[(static_cast<size_t>(y) * m_width + x) * 4 + 3];
        area += a / 255.0;
        partial += a > 0 && a < 255;
      }
    EXPECT_NEAR(area, M_PI * r * r, 0.02 * M_PI * r * r + 0.5);
    EXPECT_GT(partial, 0) << "an anti-aliased edge";
    // Clear at the cell's border (nothing bleeds into neighbours), opaque at the centre.
    for (int x = x0; x < x1; ++x) EXPECT_EQ(m_pixels[(static_cast<size_t>(y0) * m_width + x) * 4 + 3], 0);
    EXPECT_EQ(m_pixels[(static_cast<size_t>((y0 + y1) / 2) * m_width + (x0 + x1) / 2) * 4 + 3], 255);
  }
}

TEST_F(DiscSprites, RadiiWithoutASpriteAreDrawnAsPolygons) {
  EXPECT_GT(draw(40.0f), 4);  // beyond the largest sprite
  EXPECT_GT(draw(0.4f), 4);   // below the smallest
}

}  // namespace
}  // namespace nr::app
