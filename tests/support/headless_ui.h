#pragma once
// An ImGui context with the app's real font atlas (DejaVu + Noto CJK when installed) and no renderer, for tests
// that drive the App or a widget through ImGui's own input path: mouse, Ctrl, typed characters, Enter. Frames of
// the App are checked for what must never reach the screen (non-finite vertices, "nan" or "inf" in the text).

#include <gtest/gtest.h>
#include <imgui.h>

#include <cmath>
#include <functional>
#include <map>
#include <regex>
#include <string>
#include <utility>

#include "platform/font_files.h"
#include "support/headless_context.h"
#include "shell/app.h"
#include "kit/fonts.h"
#include "kit/i18n.h"

namespace nr::test {

class HeadlessUi {
 public:
  /// A context of `size` with the body and heading fonts at UI scale `scale` for the texts of `tr` (the heading
  /// font holds the characters of `headingText` only).
  explicit HeadlessUi(float scale, const app::Translator& tr, ImVec2 size = ImVec2(1600, 900),
                      const std::string& headingText = {})
      : m_context(size) {
    ImGuiIO& io = ImGui::GetIO();
    io.KeyMap[ImGuiKey_Enter] = kEnter;
    m_fonts.locate(app::findFontFiles());
    fonts = m_fonts.build(io.Fonts, std::round(app::kBaseFontPx * scale), tr, headingText);
    io.FontDefault = fonts.body;
    m_atlasHeight = HeadlessContext::buildAtlas().height;
  }
  HeadlessUi(const HeadlessUi&) = delete;
  HeadlessUi& operator=(const HeadlessUi&) = delete;

  /// The font atlas's height in pixels (a texture over 16384 would be a black screen).
  int atlasHeight() const { return m_atlasHeight; }
  bool hasCjk() const { return fonts.hasCjk; }

  /// One frame: NewFrame, `draw`, Render. Returns the number of vertices drawn.
  int frame(const std::function<void()>& draw) { return HeadlessContext::frame(draw); }

  /// One frame of the app; returns the number of vertices drawn. Every such frame is checked for what must never
  /// reach the screen: a vertex at a NaN or infinite position (a plot of garbage), or text reading nan or inf (a
  /// number printed from a diverged computation), read back from the draw lists by drawnText().
  int frame(app::App& app) {
    frame([&] { app.frame(1.0 / 60.0); });
    const ImDrawData* dd = ImGui::GetDrawData();
    int bad = 0;
    for (int l = 0; l < dd->CmdListsCount; ++l)
      for (const ImDrawVert& v : dd->CmdLists[l]->VtxBuffer) bad += !std::isfinite(v.pos.x) || !std::isfinite(v.pos.y);
    EXPECT_EQ(bad, 0) << "vertices at a non-finite position";
    const std::string text = drawnText(dd);
    static const std::regex nonFinite(R"((^|[^A-Za-z_])[-+]?(nan|inf)([^A-Za-z_]|$))", std::regex::icase);
    std::smatch m;
    EXPECT_FALSE(std::regex_search(text, m, nonFinite)) << "a non-finite number is shown: ..."
        << text.substr(m.position() > 60 ? m.position() - 60 : 0, 120) << "...";
    return dd->TotalVtxCount;
  }

  /// The characters of every glyph quad in the draw data (ASCII as is, anything else as '#'), lists separated by
  /// newlines. Every glyph quad starts with its glyph's atlas corner (U0, V0) and has (U1, V1) two vertices later,
  /// so all text drawn, widgets and plot labels alike, is recovered in drawing order (without spaces).
  std::string drawnText(const ImDrawData* dd) {
    ImFontAtlas* atlas = ImGui::GetIO().Fonts;
    if (m_glyphAtlas != atlas || m_glyphs.empty()) {
      m_glyphs.clear();
      for (const ImFont* font : atlas->Fonts)
        for (const ImFontGlyph& g : font->Glyphs)
          if (g.Visible) m_glyphs[{g.U0, g.V0}] = {g.Codepoint, g.U1, g.V1};
      m_glyphAtlas = atlas;
    }
    std::string text;
    for (int l = 0; l < dd->CmdListsCount; ++l) {
      const ImVector<ImDrawVert>& vb = dd->CmdLists[l]->VtxBuffer;
      for (int i = 0; i + 3 < vb.Size;) {
        auto it = m_glyphs.find({vb[i].uv.x, vb[i].uv.y});
        if (it != m_glyphs.end() && vb[i + 2].uv.x == it->second.u1 && vb[i + 2].uv.y == it->second.v1) {
          const unsigned c = it->second.codepoint;
          text += c < 128 ? static_cast<char>(c) : '#';
          i += 4;
        } else {
          ++i;
        }
      }
      text += '\n';
    }
    return text;
  }

  /// Ctrl+click at `at`, type `text` into the field that opens, press Enter: what a user does to type a value into
  /// a slider. `draw` draws the frame each time.
  void typeInto(ImVec2 at, const char* text, const std::function<void()>& draw) {
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = at;
    frame(draw);
    io.KeyCtrl = true;
    io.MouseDown[0] = true;
    frame(draw);
    io.MouseDown[0] = false;
    io.KeyCtrl = false;
    frame(draw);
    io.AddInputCharactersUTF8(text);
    frame(draw);
    io.KeysDown[kEnter] = true;
    frame(draw);
    io.KeysDown[kEnter] = false;
    frame(draw);
    io.MousePos = ImVec2(-1, -1);
    frame(draw);
  }

  app::FontSet fonts;

 private:
  struct GlyphEnd {
    unsigned codepoint;
    float u1, v1;
  };
  static constexpr int kEnter = 257;
  app::FontLibrary m_fonts;  // declared before the context: the atlas is destroyed first
  HeadlessContext m_context;
  int m_atlasHeight = 0;
  std::map<std::pair<float, float>, GlyphEnd> m_glyphs;  ///< glyph quads by their first vertex's atlas corner
  const ImFontAtlas* m_glyphAtlas = nullptr;
};

}  // namespace nr::test
