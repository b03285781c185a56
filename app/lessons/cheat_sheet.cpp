// cheat-sheet — the comparison tables (their shape: cheat_sheet_model.h). The teaching choice: one row per method with
// the same columns, so the differences line up; each row opens its lesson. The facts follow the primary sources, not
// folklore (for example: dropout is not limited to fully connected layers, and LayerNorm is not costlier than
// BatchNorm).

#include "lessons/cheat_sheet.h"
#include "lessons/controls.h"

#include <imgui.h>

#include <string>

#include "lessons/registry.h"
#include "kit/text.h"
#include "widgets/text_table.h"

namespace nr::app {

namespace {

void openButton(LessonContext& ctx, const char* lesson) {
  if (findLesson(lesson) >= 0) {
    if (button(ctx.tr("cheat-sheet.open")) && ctx.navigate) *ctx.navigate = lesson;
    itemTooltip(ctx.tr("cheat-sheet.open.tip"));
  } else {
    ImGui::TextDisabled("·");
    itemTooltip(ctx.tr("cheat-sheet.soon"));
  }
}

}  // namespace

const ParamTable<CheatSheetLesson::Params>& CheatSheetLesson::table() {
  // Radio buttons (drawn by the lesson) under a heading, labelled with the tables' titles.
  static const auto t = ParamTable<Params>().choice(
      "table", &Params::table, {"normalization", "regularization", "weightnorm-vs-decay", "glossary"},
      {"cheat-sheet.t0.title", "cheat-sheet.t1.title", "cheat-sheet.t2.title", "cheat-sheet.t3.title"}).hidden();
  return t;
}

void CheatSheetLesson::drawControls(LessonContext& ctx) {
  wrappedTextDisabled(ctx.tr("cheat-sheet.table"));
  const std::vector<const char*>& titles = table().spec("table").choiceLabels;
  for (int i = 0; i < tableCount(); ++i) radioButton(ctx.tr(titles[std::size_t(i)]), &m_p.table, i);
}

void CheatSheetLesson::drawCanvas(LessonContext& ctx) {
  wrappedText(ctx.tr(table().spec("table").choiceLabels[std::size_t(m_p.table)]));
  const bool glossary = m_p.table == 3;  // two short term columns and a wide meaning
  TextTableSpec spec;
  spec.id = "##cheat";
  spec.columns = CheatSheetModel::columnCount(m_p.table);
  spec.rows = CheatSheetModel::rowCount(m_p.table);
  for (int c = 0; c < spec.columns; ++c) spec.weights.push_back(glossary ? (c == 2 ? 3.2f : 1.1f) : (c == 0 ? 1.3f : 1.5f));
  spec.cell = [&](int r, int c) { return ctx.tr(CheatSheetModel::cellKey(m_p.table, r, c).c_str()); };
  const ImGuiStyle& st = ImGui::GetStyle();
  spec.extraWidth = std::ceil(ImGui::CalcTextSize(ctx.tr("cheat-sheet.open")).x + 2 * st.FramePadding.x) + 2.0f;
  spec.extra = [&](int r) { openButton(ctx, CheatSheetModel::rowLesson(m_p.table, r)); };
  drawTextTable(spec);
}

std::string CheatSheetLesson::formulaLatex() const {
  return R"(\begin{aligned})" "\n"
         R"(y &= \gamma\,\frac{x - \mu}{\sqrt{\sigma^2 + \epsilon}} + \beta\\)" "\n"
         R"(\hat w &= \arg\min_w\ \tfrac{1}{2n}\|y - Xw\|_2^2 + \lambda\left(\alpha\|w\|_1 + \tfrac{1-\alpha}{2}\|w\|_2^2\right))" "\n"
         R"(\end{aligned})";
}

void CheatSheetLesson::drawFormula(LessonContext& ctx) { wrappedText(ctx.tr("cheat-sheet.formula")); }

nlohmann::json CheatSheetLesson::params() const {
  nlohmann::json j;
  table().write(m_p, j);
  return j;
}

void CheatSheetLesson::setParams(const nlohmann::json& j, std::vector<std::string>& warnings,
                                 std::vector<std::string>& errors) {
  Params p = m_p;
  ParamReader r(j, warnings, errors);
  table().read(r, p);
  if (r.finish()) m_p = p;
}

}  // namespace nr::app
