#pragma once
// cheat-sheet — the comparison tables: normalization methods, regularization methods, and weight normalization vs
// weight decay. Each row opens the lesson that shows it. Checked against the primary sources listed in
// shared/notes/README.md (Ioffe & Szegedy 2015, Ba et al. 2016, Ulyanov et al. 2016, Wu & He 2018, Salimans &
// Kingma 2016, Tibshirani 1996, Zou & Hastie 2005, Srivastava et al. 2014, Loshchilov & Hutter 2019, Han et al. 2015).

#include <string>
#include <vector>

#include "lessons/cheat_sheet_model.h"
#include "lessons/lesson.h"

namespace nr::app {

class CheatSheetLesson : public Lesson {
 public:
  void drawControls(LessonContext& ctx) override;
  void drawCanvas(LessonContext& ctx) override;
  void drawFormula(LessonContext& ctx) override;
  std::string formulaLatex() const override;
  void reset() override { m_p = Params{}; }
  nlohmann::json params() const override;
  void setParams(const nlohmann::json& j, std::vector<std::string>& warnings, std::vector<std::string>& errors) override;
  void interact(int frame) override { m_p.table = frame % 4; }
  const std::vector<ParamSpec>& paramSpecs() const override { return table().specs(); }

  /// The tables' shape and catalog keys (CheatSheetModel), by the names the catalog and claims tests use.
  static const char* rowLesson(int table, int row) { return CheatSheetModel::rowLesson(table, row); }
  static int tableCount() { return CheatSheetModel::tableCount(); }
  static int columnCount(int table) { return CheatSheetModel::columnCount(table); }
  static std::string cellKey(int table, int row, int column) { return CheatSheetModel::cellKey(table, row, column); }

 private:
  struct Params {
    int table = 0;  ///< 0 normalization, 1 regularization, 2 weight norm vs weight decay, 3 glossary
  };
  static const ParamTable<Params>& table();

  Params m_p;
};

}  // namespace nr::app
