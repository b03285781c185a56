#include "kit/theme.h"

#include <cstring>
#include <initializer_list>

namespace nr::app {

const char* themeCode(Theme t) {
  switch (t) {
    case Theme::Light: return "light";
    case Theme::Dark: return "dark";
    case Theme::HighContrast: return "high-contrast";
  }
  return "light";
}

bool parseTheme(const char* code, Theme& out) {
  for (Theme t : {Theme::Light, Theme::Dark, Theme::HighContrast})
    if (std::strcmp(code, themeCode(t)) == 0) {
      out = t;
      return true;
    }
  return false;
}

void applyTheme(Theme theme, float scale) {
  ImGuiStyle style;
  switch (theme) {
    case Theme::Light:
      ImGui::StyleColorsLight(&style);
      style.Colors[ImGuiCol_WindowBg] = ImVec4(0.97f, 0.97f, 0.96f, 1.0f);
      style.Colors[ImGuiCol_ChildBg] = ImVec4(1, 1, 1, 1);
      style.Colors[ImGuiCol_Text] = ImVec4(0.08f, 0.08f, 0.10f, 1.0f);
      break;
    case Theme::Dark:
      ImGui::StyleColorsDark(&style);
      style.Colors[ImGuiCol_ChildBg] = ImVec4(0.09f, 0.09f, 0.11f, 1.0f);
      break;
    case Theme::HighContrast:
      // Black on white with strong borders: for washed-out classroom projectors.
      ImGui::StyleColorsLight(&style);
      style.Colors[ImGuiCol_Text] = ImVec4(0, 0, 0, 1);
      // Section headings and hints too: near black (grey text washes out first on a projector). Disabled controls
      // are told apart by ImGui's DisabledAlpha, not by this colour.
      style.Colors[ImGuiCol_TextDisabled] = ImVec4(0.1f, 0.1f, 0.1f, 1);
      style.Colors[ImGuiCol_Separator] = ImVec4(0, 0, 0, 1);
      style.Colors[ImGuiCol_WindowBg] = ImVec4(1, 1, 1, 1);
      style.Colors[ImGuiCol_ChildBg] = ImVec4(1, 1, 1, 1);
      style.Colors[ImGuiCol_Border] = ImVec4(0, 0, 0, 1);
      style.Colors[ImGuiCol_FrameBg] = ImVec4(0.92f, 0.92f, 0.92f, 1);
      style.Colors[ImGuiCol_SliderGrab] = ImVec4(0, 0.2f, 0.6f, 1);
      style.Colors[ImGuiCol_Button] = ImVec4(0.85f, 0.88f, 0.95f, 1);
      style.Colors[ImGuiCol_Header] = ImVec4(0.75f, 0.82f, 0.95f, 1);
      style.Colors[ImGuiCol_CheckMark] = ImVec4(0, 0, 0, 1);
      style.FrameBorderSize = 1.0f;
      style.WindowBorderSize = 2.0f;
      break;
  }
  style.WindowRounding = 0.0f;
  style.FrameRounding = 3.0f;
  style.GrabMinSize = 12.0f;
  style.ScrollbarSize = 16.0f;
  style.ItemSpacing = ImVec2(8, 6);
  style.FramePadding = ImVec2(6, 4);
  style.ScaleAllSizes(scale);
  ImGui::GetStyle() = style;
}

}  // namespace nr::app
