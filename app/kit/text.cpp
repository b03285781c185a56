#include "kit/text.h"

#include <imgui_internal.h>

#include <cstdarg>
#include <cstdio>
#include <vector>

#include "widgets/text_wrap.h"

namespace nr::app {

void wrappedText(const char* text, float width) {
  if (width <= 0) width = ImGui::GetContentRegionAvail().x;
  std::vector<TextLine> lines;
  wrapTextLines(ImGui::GetFont(), ImGui::GetFontSize(), text, nullptr, width, lines);
  for (const TextLine& l : lines) ImGui::TextUnformatted(l.begin, l.end);
}

void formulaText(const char* format, ...) {
  char buf[1024];
  va_list args;
  va_start(args, format);
  std::vsnprintf(buf, sizeof buf, format, args);
  va_end(args);
  wrappedText(buf);
}

void disabledText(const char* format, ...) {
  char buf[1024];
  va_list args;
  va_start(args, format);
  std::vsnprintf(buf, sizeof buf, format, args);
  va_end(args);
  wrappedTextDisabled(buf);
}

void clippedText(const char* text, float width) {
  const ImVec2 size = ImGui::CalcTextSize(text);
  const ImVec2 pos = ImGui::GetCursorScreenPos();
  ImGui::Dummy(ImVec2(width, size.y));
  if (size.x <= width) {
    ImGui::GetWindowDrawList()->AddText(pos, ImGui::GetColorU32(ImGuiCol_Text), text);
    return;
  }
  drawEllipsized(ImGui::GetWindowDrawList(), pos, pos.x + width, text);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", text);
}

void wrappedTextDisabled(const char* text, float width) {
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
  wrappedText(text, width);
  ImGui::PopStyleColor();
}

void itemTooltip(const char* text) { hoverTooltip(ImGui::IsItemHovered(), ImGui::IsItemActive(), text); }

void hoverTooltip(bool hovered, bool held, const char* text) {
  // Not while the item is being dragged: the tooltip would cover the controls below it.
  if (!hovered || held) return;
  ImGui::BeginTooltip();
  wrappedText(text, ImGui::GetFontSize() * 26.0f);
  ImGui::EndTooltip();
}

}  // namespace nr::app
