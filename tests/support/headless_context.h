#pragma once
// An ImGui context without a renderer, for tests that run frames: no ini or log file, a fixed display size, 60 Hz.
// Depends on ImGui alone (the plot widget's tests use it without the app). Fonts are the caller's: add them, then
// buildAtlas() as a renderer would before its first frame. For the app's real fonts, see headless_ui.h.

#include <imgui.h>

#include <functional>

namespace nr::test {

class HeadlessContext {
 public:
  /// Creates the context and makes it the current one.
  explicit HeadlessContext(ImVec2 displaySize = ImVec2(1280, 720)) {
    m_context = ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.LogFilename = nullptr;
    io.DisplaySize = displaySize;
    io.DeltaTime = 1.0f / 60.0f;
  }
  ~HeadlessContext() { ImGui::DestroyContext(m_context); }
  HeadlessContext(const HeadlessContext&) = delete;
  HeadlessContext& operator=(const HeadlessContext&) = delete;

  struct Atlas {
    unsigned char* pixels = nullptr;  ///< RGBA, owned by the atlas
    int width = 0, height = 0;
  };
  /// Builds the font atlas's RGBA pixels (ImGui's own font if none was added), which a frame needs.
  static Atlas buildAtlas() {
    Atlas a;
    ImGui::GetIO().Fonts->GetTexDataAsRGBA32(&a.pixels, &a.width, &a.height);
    return a;
  }

  /// One frame: NewFrame, `draw`, Render. Returns the number of vertices drawn.
  static int frame(const std::function<void()>& draw) {
    ImGui::NewFrame();
    draw();
    ImGui::Render();
    return ImGui::GetDrawData()->TotalVtxCount;
  }

  ImGuiContext* context() const { return m_context; }

 private:
  ImGuiContext* m_context = nullptr;
};

}  // namespace nr::test
