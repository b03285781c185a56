#pragma once
// A table of wrapped text that never breaks a word: every column is at least as wide as its widest word (its header
// included; Chinese breaks between characters), the rest of the width goes to the columns by weight. When the
// columns cannot all have that much (a narrow canvas, a large UI scale), each row becomes a card instead: the first
// cell as its heading, every other cell under its column's name. Cheat-sheet tables, comparison tables.

#include <functional>
#include <vector>

namespace nr::app {

struct TextTableSpec {
  const char* id = "##table";
  int columns = 0;
  int rows = 0;
  /// The text of a cell; row −1 is the header.
  std::function<const char*(int row, int column)> cell;
  std::vector<float> weights;  ///< share of the spare width per column (default 1 each)
  /// Optional: a last cell per row drawn by the caller (a button), `extraWidth` pixels wide.
  float extraWidth = 0.0f;
  std::function<void(int row)> extra;
  int highlightRow = -1;       ///< a row drawn on a tinted background (the current choice), −1 none
  unsigned int highlightColor = 0;
  bool scroll = true;          ///< the table scrolls in the rest of the window (else it takes the height it needs)
};

/// Draws the table (or the cards) in the rest of the current window, scrolling vertically.
void drawTextTable(const TextTableSpec& spec);

}  // namespace nr::app
