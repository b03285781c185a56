#include "widgets/text_wrap.h"

#include <imgui_internal.h>

#include "widgets/layout_probe.h"

#include <algorithm>
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

bool isCjk(unsigned int c) {
  return (c >= 0x2E80 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFF00 && c <= 0xFFEF);
}

bool noBreakBefore(unsigned int c) {
  static const unsigned int closing[] = {0xFF0C, 0x3002, 0x3001, 0xFF1B, 0xFF1A, 0xFF01, 0xFF1F, 0xFF09, 0x201D, 0x2019,
                                         0x300B, 0x3009, 0x300D, ',',    '.',    ';',    ':',    ')',    '!',    '?'};
  for (unsigned int x : closing)
    if (c == x) return true;
  return false;
}

bool noBreakAfter(unsigned int c) {
  return c == 0xFF08 || c == 0x201C || c == 0x2018 || c == 0x300A || c == 0x3008 || c == 0x300C || c == '(';
}

/// Whether a line may break before character c (after prev), besides at a space: between two CJK characters, or
/// after a slash ("brightness/|contrast"), never before closing or after opening punctuation.
bool canBreakBefore(unsigned int prev, unsigned int c) {
  if (noBreakBefore(c) || noBreakAfter(prev)) return false;
  return isCjk(c) || isCjk(prev) || (prev == '/' && c != '/');
}

}  // namespace

void wrapTextLines(const ImFont* font, float size, const char* text, const char* end, float width,
                   std::vector<TextLine>& out) {
  out.clear();
  if (!end) end = text + std::strlen(text);
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
      if (charStart > lineStart && canBreakBefore(prev, c)) {
        lastBreak = charStart;
        resume = charStart;
      }
      if (c == ' ') {
        lastBreak = charStart;
        resume = p;
      }
      lineW += font->CalcTextSizeA(size, FLT_MAX, 0.0f, charStart, p).x;
      if (lineW > width && charStart > lineStart && c != ' ') {
        if (lastBreak && lastBreak > lineStart) {
          cut = lastBreak;
          next = resume;
        } else {
          // No place to break: the word is wider than the line and is cut (the layout check reports it).
          cut = charStart;
          next = charStart;
          if (ImGui::GetCurrentContext())
            if (auto* probe = static_cast<LayoutProbe*>(ImGui::GetIO().UserData)) {
              const char* wordEnd = charStart;
              while (wordEnd < end && *wordEnd != ' ' && *wordEnd != '\n') ++wordEnd;
              probe->brokenWords.emplace_back(lineStart, wordEnd);
            }
        }
        break;
      }
      prev = c;
    }
    // Trailing spaces of a line take no room.
    const char* trimmed = cut;
    while (trimmed > lineStart && trimmed[-1] == ' ') --trimmed;
    out.push_back({lineStart, trimmed});
    if (next >= end && cut >= end) break;
    lineStart = next;
    while (lineStart < end && *lineStart == ' ') ++lineStart;
  }
}

namespace {
/// Where `text` must be cut for it and an ellipsis to fit `maxW` pixels (trailing spaces dropped); `end` when the
/// whole text fits.
const char* ellipsisCut(const char* text, const char* end, float maxW) {
  const ImFont* font = ImGui::GetFont();
  const float size = ImGui::GetFontSize();
  if (font->CalcTextSizeA(size, FLT_MAX, 0.0f, text, end).x <= maxW) return end;
  const float ellipsisW = font->CalcTextSizeA(size, FLT_MAX, 0.0f, "…").x;
  const char* cut = text;
  for (const char* p = text; p < end;) {
    const char* next = p;
    decode(next, end);
    if (font->CalcTextSizeA(size, FLT_MAX, 0.0f, text, next).x + ellipsisW > maxW) break;
    cut = p = next;
  }
  while (cut > text && cut[-1] == ' ') --cut;  // "Adam…", not "Adam …"
  return cut;
}
}  // namespace

void drawEllipsized(ImDrawList* dl, ImVec2 pos, float maxX, const char* text, const char* end) {
  // Drawn whole glyph by glyph, never clipped (ImGui's RenderTextEllipsis clips, and cuts glyphs at its edges).
  if (!end) end = text + std::strlen(text);
  const ImU32 col = ImGui::GetColorU32(ImGuiCol_Text);
  const char* cut = ellipsisCut(text, end, maxX - pos.x);
  dl->AddText(pos, col, text, cut);
  if (cut == end) return;
  dl->AddText(ImVec2(pos.x + ImGui::GetFont()->CalcTextSizeA(ImGui::GetFontSize(), FLT_MAX, 0.0f, text, cut).x, pos.y),
              col, "…");
}

std::string ellipsized(const char* text, float maxW) {
  const char* end = text + std::strlen(text);
  const char* cut = ellipsisCut(text, end, maxW);
  return cut == end ? std::string(text) : std::string(text, cut) + "…";
}

float widestWord(const ImFont* font, float size, const char* text, const char* end) {
  // The widest piece between two places wrapTextLines may break: below this width it must cut inside a word.
  if (!end) end = text + std::strlen(text);
  float widest = 0, w = 0;
  const char* p = text;
  unsigned int prev = 0;
  while (p < end) {
    const char* charStart = p;
    const unsigned int c = decode(p, end);
    if (c == ' ' || c == '\n') {
      w = 0;
    } else {
      if (prev != 0 && prev != ' ' && prev != '\n' && canBreakBefore(prev, c)) w = 0;
      w += font->CalcTextSizeA(size, FLT_MAX, 0.0f, charStart, p).x;
      widest = std::max(widest, w);
    }
    prev = c;
  }
  return widest;
}

}  // namespace nr::app
