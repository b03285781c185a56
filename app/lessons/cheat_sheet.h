#pragma once
// cheat-sheet — the comparison tables: normalization methods, regularization methods, and weight normalization vs
// weight decay. Each row opens the lesson that shows it. Checked against the primary sources listed in
// shared/notes/README.md (Ioffe & Szegedy 2015, Ba et al. 2016, Ulyanov et al. 2016, Wu & He 2018, Salimans &
// Kingma 2016, Tibshirani 1996, Zou & Hastie 2005, Srivastava et al. 2014, Loshchilov & Hutter 2019, Han et al. 2015).

#include <string>
#include <vector>

#include "lessons/lesson.h"

namespace nr::app {

class CheatSheetLesson : public Lesson {
 public:
  void drawControls(LessonContext& ctx) override;
  void drawCanvas(LessonContext& ctx) override;
  void drawFormula(LessonContext& ctx) override;
  std::string formulaLatex() const override;
  void reset() override { m_table = 0; }
  nlohmann::json params() const override;
  void setParams(const nlohmann::json& j, std::vector<std::string>& warnings, std::vector<std::string>& errors) override;
  void interact(int frame) override { m_table = frame % 4; }
  int extremeSteps() const override { return 4; }
  void applyExtreme(int step) override { m_table = step % 4; }

  /// The lesson id row `row` of table `table` opens, nullptr past the last row.
  static const char* rowLesson(int table, int row);
  static int tableCount();
  static int columnCount(int table);
  /// The catalog key of a cell: "cheat-sheet.t<table>.r<row>.c<column>", or of a header with row -1
  /// ("cheat-sheet.t<table>.h.c<column>").
  static std::string cellKey(int table, int row, int column);

 private:
  int m_table = 0;  ///< 0 normalization, 1 regularization, 2 weight norm vs weight decay, 3 glossary
};

}  // namespace nr::app
