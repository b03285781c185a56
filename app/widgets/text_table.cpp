#include "widgets/text_table.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "widgets/text_wrap.h"

namespace nr::app {

namespace {

void wrapped(const char* text, bool dim) {
  if (dim) ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
  std::vector<TextLine> lines;
  wrapTextLines(ImGui::GetFont(), ImGui::GetFontSize(), text, nullptr, ImGui::GetContentRegionAvail().x, lines);
  for (const TextLine& l : lines) ImGui::TextUnformatted(l.begin, l.end);
  if (dim) ImGui::PopStyleColor();
}

void drawCards(const TextTableSpec& s) {
  if (s.scroll) ImGui::BeginChild(s.id, ImGui::GetContentRegionAvail(), false, ImGuiWindowFlags_NoBackground);
  else ImGui::PushID(s.id);
  for (int r = 0; r < s.rows; ++r) {
    if (r) ImGui::Separator();
    ImGui::PushID(r);
    if (r == s.highlightRow) {
      // The current row: a bar in the highlight colour down its left edge.
      const ImVec2 p = ImGui::GetCursorScreenPos();
      ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(p.x - 4.0f, p.y), ImVec2(p.x - 1.0f, p.y + ImGui::GetFontSize()),
                                                s.highlightColor);
    }
    wrapped(s.cell(r, 0), false);
    ImGui::Indent();
    for (int c = 1; c < s.columns; ++c) {
      wrapped(s.cell(-1, c), true);
      wrapped(s.cell(r, c), false);
    }
    if (s.extra) s.extra(r);
    ImGui::Unindent();
    ImGui::PopID();
    ImGui::Spacing();
  }
  if (s.scroll) ImGui::EndChild();
  else ImGui::PopID();
}

}  // namespace

void drawTextTable(const TextTableSpec& s) {
  const ImGuiStyle& st = ImGui::GetStyle();
  const float avail = ImGui::GetContentRegionAvail().x - (s.scroll ? st.ScrollbarSize : 0.0f);
  std::vector<float> minW(static_cast<std::size_t>(s.columns), 0.0f);
  // The borders between and around the columns take a pixel or two each: keep that much back.
  const int allColumns = s.columns + (s.extra ? 1 : 0);
  float total = (s.extra ? s.extraWidth + 2 * st.CellPadding.x : 0.0f) + 2.0f * float(allColumns + 1);
  for (int c = 0; c < s.columns; ++c) {
    float w = 0.0f;
    for (int r = -1; r < s.rows; ++r) w = std::max(w, widestWord(ImGui::GetFont(), ImGui::GetFontSize(), s.cell(r, c), nullptr));
    minW[std::size_t(c)] = std::ceil(w + 2 * st.CellPadding.x + 2);
    total += minW[std::size_t(c)];
  }
  if (total > avail) {
    drawCards(s);
    return;
  }
  float weights = 0.0f;
  for (int c = 0; c < s.columns; ++c) weights += c < static_cast<int>(s.weights.size()) ? s.weights[std::size_t(c)] : 1.0f;
  const ImGuiTableFlags flags = ImGuiTableFlags_BordersInner | ImGuiTableFlags_BordersOuter | ImGuiTableFlags_RowBg |
                                ImGuiTableFlags_SizingFixedFit | (s.scroll ? ImGuiTableFlags_ScrollY : 0);
  if (!ImGui::BeginTable(s.id, s.columns + (s.extra ? 1 : 0), flags,
                         s.scroll ? ImGui::GetContentRegionAvail() : ImVec2(0, 0)))
    return;
  if (s.scroll) ImGui::TableSetupScrollFreeze(0, 1);
  for (int c = 0; c < s.columns; ++c) {
    const float weight = c < static_cast<int>(s.weights.size()) ? s.weights[std::size_t(c)] : 1.0f;
    const float w = minW[std::size_t(c)] + (avail - total) * weight / weights - 2 * st.CellPadding.x;
    ImGui::TableSetupColumn(s.cell(-1, c), ImGuiTableColumnFlags_WidthFixed, std::floor(w));
  }
  if (s.extra) ImGui::TableSetupColumn("##extra", ImGuiTableColumnFlags_WidthFixed, s.extraWidth);
  // Headers wrap like the cells (ImGui's own header row would cut them).
  ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
  for (int c = 0; c < s.columns; ++c) {
    ImGui::TableNextColumn();
    wrapped(s.cell(-1, c), false);
  }
  if (s.extra) ImGui::TableNextColumn();
  for (int r = 0; r < s.rows; ++r) {
    ImGui::TableNextRow();
    if (r == s.highlightRow) ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg0, s.highlightColor);
    ImGui::PushID(r);
    for (int c = 0; c < s.columns; ++c) {
      ImGui::TableNextColumn();
      wrapped(s.cell(r, c), false);
    }
    if (s.extra) {
      ImGui::TableNextColumn();
      s.extra(r);
    }
    ImGui::PopID();
  }
  ImGui::EndTable();
}

}  // namespace nr::app
