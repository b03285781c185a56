#pragma once
// An ImGui context with the app's real font atlas (DejaVu + Noto CJK when installed) and no renderer, for tests
// that drive the App or a widget through ImGui's own input path: mouse, Ctrl, typed characters, Enter.

#include <imgui.h>

#include <cmath>
#include <functional>

#include "platform/font_files.h"
#include "ui/fonts.h"
#include "ui/i18n.h"

namespace nr::app::test {

class HeadlessUi {
 public:
  HeadlessUi(float scale, const Translator& tr, ImVec2 size, const std::string& headingText = {}) {
    m_context = ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = size;
    io.DeltaTime = 1.0f / 60.0f;
    io.KeyMap[ImGuiKey_Enter] = kEnter;
    m_fonts.locate(findFontFiles());
    fonts = m_fonts.build(io.Fonts, std::round(kBaseFontPx * scale), tr, headingText);
    io.FontDefault = fonts.body;
    unsigned char* px;
    int w, h;
    io.Fonts->GetTexDataAsRGBA32(&px, &w, &h);
  }
  ~HeadlessUi() { ImGui::DestroyContext(m_context); }
  HeadlessUi(const HeadlessUi&) = delete;
  HeadlessUi& operator=(const HeadlessUi&) = delete;

  /// One frame: NewFrame, `draw`, Render.
  void frame(const std::function<void()>& draw) {
    ImGui::NewFrame();
    draw();
    ImGui::Render();
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

  FontSet fonts;

 private:
  static constexpr int kEnter = 257;
  ImGuiContext* m_context = nullptr;
  FontLibrary m_fonts;
};

}  // namespace nr::app::test
