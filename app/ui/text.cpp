#include "ui/text.h"

#include <imgui_internal.h>

#include <cfloat>
#include <cstring>

namespace nr::app {

namespace {

unsigned int decode(const char*& p, const char* end) {
  unsigned int c = 0;
  const int n = ImTextCharFromUtf8(&c, p, end);
  p += n > 0 ? n : 1;
  return c;
}

bool isCjk(unsigned int c) { return (c >= 0x2E80 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFF00 && c <= 0xFFEF); }

bool noBreakBefore(unsigned int c) {
  static const unsigned int closing[] = {0xFF0C, 0x3002, 0x3001, 0xFF1B, 0xFF1A, 0xFF01, 0xFF1F, 0xFF09,
                                         0x201D, 0x2019, 0x300B, 0x3009, 0x300D, ',', '.', ';', ':', ')', '!', '?'};
  for (unsigned int x : closing)
    if (c == x) return true;
  return false;
}

bool noBreakAfter(unsigned int c) {
  return c == 0xFF08 || c == 0x201C || c == 0x2018 || c == 0x300A || c == 0x3008 || c == 0x300C || c == '(';
}

}  // namespace

void wrappedText(const char* text, float width) {
  if (width <= 0) width = ImGui::GetContentRegionAvail().x;
  ImFont* font = ImGui::GetFont();
  const float size = ImGui::GetFontSize();
  const char* end = text + std::strlen(text);
  const char* lineStart = text;
  while (lineStart < end) {
    const char* p = lineStart;
    const char* lastBreak = nullptr;  // a line may end just before this position
    const char* resume = nullptr;     // and the next line starts here
    float lineW = 0;
    unsigned int prev = 0;
    const char* cut = end;
    const char* next = end;
    while (p < end) {
      const char* charStart = p;
      const unsigned int c = decode(p, end);
      if (c == '\n') {
        cut = charStart;
        next = p;
        break;
      }
      if (charStart > lineStart && !noBreakBefore(c) && !noBreakAfter(prev) && (isCjk(c) || isCjk(prev))) {
        lastBreak = charStart;
        resume = charStart;
      }
      if (c == ' ') {
        lastBreak = charStart;
        resume = p;
      }
      lineW += font->CalcTextSizeA(size, FLT_MAX, 0.0f, charStart, p).x;
      if (lineW > width && charStart > lineStart) {
        if (lastBreak && lastBreak > lineStart) {
          cut = lastBreak;
          next = resume;
        } else {
          cut = charStart;
          next = charStart;
        }
        break;
      }
      prev = c;
    }
    ImGui::TextUnformatted(lineStart, cut);
    if (next >= end && cut >= end) break;
    lineStart = next;
    while (lineStart < end && *lineStart == ' ') ++lineStart;
  }
}

void clippedText(const char* text, float width) {
  const ImVec2 size = ImGui::CalcTextSize(text);
  const ImVec2 pos = ImGui::GetCursorScreenPos();
  ImGui::Dummy(ImVec2(width, size.y));
  if (size.x <= width) {
    ImGui::GetWindowDrawList()->AddText(pos, ImGui::GetColorU32(ImGuiCol_Text), text);
    return;
  }
  ImGui::RenderTextEllipsis(ImGui::GetWindowDrawList(), pos, ImVec2(pos.x + width, pos.y + size.y), pos.x + width,
                            pos.x + width, text, nullptr, &size);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", text);
}

void wrappedTextDisabled(const char* text, float width) {
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
  wrappedText(text, width);
  ImGui::PopStyleColor();
}

void itemTooltip(const char* text) {
  if (!ImGui::IsItemHovered()) return;
  ImGui::BeginTooltip();
  wrappedText(text, ImGui::GetFontSize() * 26.0f);
  ImGui::EndTooltip();
}

}  // namespace nr::app
