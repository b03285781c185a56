#pragma once
// The cheat-sheet's tables without any ImGui: their shape (columns, rows) and the lesson each row opens. The texts
// are in the catalogs, under keys made here: the title "cheat-sheet.t<table>.title", the header
// "cheat-sheet.t<table>.h.c<column>", the cells "cheat-sheet.t<table>.r<row>.c<column>".

#include <string>

namespace nr::app {

class CheatSheetModel {
 public:
  static int tableCount();
  /// 0 for a table that does not exist.
  static int columnCount(int table);
  static int rowCount(int table);
  /// The lesson id row `row` of table `table` opens (it may not be registered yet), nullptr past the last row.
  static const char* rowLesson(int table, int row);
  /// The catalog key of a cell, or of a header with row −1.
  static std::string cellKey(int table, int row, int column);
};

}  // namespace nr::app
