// cheat-sheet — the comparison tables. The teaching choice: one row per method with the same columns, so the
// differences line up; each row opens its lesson. The facts follow the primary sources, not folklore (for
// example: dropout is not limited to fully connected layers, and LayerNorm is not costlier than BatchNorm).

#include "lessons/cheat_sheet.h"
#include "lessons/controls.h"

#include <imgui.h>

#include <string>

#include "lessons/registry.h"
#include "kit/text.h"
#include "widgets/text_table.h"

namespace nr::app {

namespace {

// A table's texts are in the catalogs: "cheat-sheet.t<table>.title", the header "cheat-sheet.t<table>.h.c<column>",
// the cells "cheat-sheet.t<table>.r<row>.c<column>". Here is only its shape and what each row opens.
struct Table {
  int columns;
  std::vector<const char*> rowLessons;  ///< the lesson id each row opens (it may not be registered yet)
};

const std::vector<Table>& tables() {
  static const std::vector<Table> t = {
      // t0: normalization methods
      {6, {"norm-axes", "batch-stats", "norm-axes", "norm-axes", "weight-norm", "feature-scaling"}},
      // t1: regularization methods
      {5,
       {"penalty-geometry", "penalty-geometry", "regularized-fit", "penalty-geometry", "priors", "dropout",
        "early-stopping", "augmentation", "weight-decay", "pruning"}},
      // t2: weight normalization vs weight decay
      {3, {"weight-norm", "weight-norm", "weight-norm", "weight-norm", "weight-decay"}},
      // t3: the glossary (term, the term in the other language, meaning)
      {3, {"norm-axes",        "norm-axes",        "norm-axes",        "norm-axes",        "batch-stats",
           "weight-norm",      "feature-scaling",  "feature-scaling",  "regularized-fit",  "regularized-fit",
           "penalty-geometry", "penalty-geometry", "penalty-geometry", "penalty-geometry", "regularized-fit",
           "priors",           "weight-decay",     "weight-decay",     "dropout",          "early-stopping",
           "pruning",          "augmentation",     "training-lab",     "deep-activations"}},
  };
  return t;
}

std::string tableTitleKey(int t) { return "cheat-sheet.t" + std::to_string(t) + ".title"; }

}  // namespace

std::string CheatSheetLesson::cellKey(int t, int r, int c) {
  return "cheat-sheet.t" + std::to_string(t) + (r < 0 ? ".h" : ".r" + std::to_string(r)) + ".c" + std::to_string(c);
}

int CheatSheetLesson::tableCount() { return static_cast<int>(tables().size()); }

int CheatSheetLesson::columnCount(int table) {
  return table >= 0 && table < tableCount() ? tables()[std::size_t(table)].columns : 0;
}

const char* CheatSheetLesson::rowLesson(int table, int row) {
  if (table < 0 || table >= tableCount()) return nullptr;
  const auto& rows = tables()[std::size_t(table)].rowLessons;
  return row >= 0 && row < static_cast<int>(rows.size()) ? rows[std::size_t(row)] : nullptr;
}

namespace {

void openButton(LessonContext& ctx, const Table& table, std::size_t r) {
  if (findLesson(table.rowLessons[r]) >= 0) {
    if (button(ctx.tr("cheat-sheet.open")) && ctx.navigate) *ctx.navigate = table.rowLessons[r];
    itemTooltip(ctx.tr("cheat-sheet.open.tip"));
  } else {
    ImGui::TextDisabled("·");
    itemTooltip(ctx.tr("cheat-sheet.soon"));
  }
}

}  // namespace

void CheatSheetLesson::drawControls(LessonContext& ctx) {
  wrappedTextDisabled(ctx.tr("cheat-sheet.table"));
  for (int i = 0; i < tableCount(); ++i) radioButton(ctx.tr(tableTitleKey(i).c_str()), &m_table, i);
}

void CheatSheetLesson::drawCanvas(LessonContext& ctx) {
  const Table& table = tables()[m_table];
  wrappedText(ctx.tr(tableTitleKey(m_table).c_str()));
  const bool glossary = m_table == 3;  // two short term columns and a wide meaning
  TextTableSpec spec;
  spec.id = "##cheat";
  spec.columns = table.columns;
  spec.rows = static_cast<int>(table.rowLessons.size());
  for (int c = 0; c < spec.columns; ++c) spec.weights.push_back(glossary ? (c == 2 ? 3.2f : 1.1f) : (c == 0 ? 1.3f : 1.5f));
  spec.cell = [&](int r, int c) { return ctx.tr(cellKey(m_table, r, c).c_str()); };
  const ImGuiStyle& st = ImGui::GetStyle();
  spec.extraWidth = std::ceil(ImGui::CalcTextSize(ctx.tr("cheat-sheet.open")).x + 2 * st.FramePadding.x) + 2.0f;
  spec.extra = [&](int r) { openButton(ctx, table, static_cast<std::size_t>(r)); };
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
  static const char* names[] = {"normalization", "regularization", "weightnorm-vs-decay", "glossary"};
  return {{"table", names[m_table]}};
}

void CheatSheetLesson::setParams(const nlohmann::json& j, std::vector<std::string>& warnings,
                                 std::vector<std::string>& errors) {
  int table = m_table;
  ParamReader r(j, warnings, errors);
  r.readChoice("table", table, {"normalization", "regularization", "weightnorm-vs-decay", "glossary"});
  if (r.finish()) m_table = table;
}

}  // namespace nr::app
