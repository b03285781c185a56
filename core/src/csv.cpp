#include "nr/csv.h"

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <unordered_set>

#include "nr/file_io.h"

namespace nr::core {

namespace {

/// Splits one line into cells; quotes may wrap a cell and "" inside quotes is a quote. Returns false on an
/// unterminated quote.
bool splitLine(const std::string& line, std::vector<std::string>& cells) {
  cells.clear();
  std::string cur;
  bool quoted = false, wasQuoted = false;
  for (size_t i = 0; i < line.size(); ++i) {
    const char ch = line[i];
    if (quoted) {
      if (ch == '"') {
        if (i + 1 < line.size() && line[i + 1] == '"') {
          cur += '"';
          ++i;
        } else {
          quoted = false;
        }
      } else {
        cur += ch;
      }
    } else if (ch == '"' && !wasQuoted && cur.find_first_not_of(" \t") == std::string::npos) {
      cur.clear();
      quoted = wasQuoted = true;
    } else if (ch == ',') {
      cells.push_back(cur);
      cur.clear();
      wasQuoted = false;
    } else {
      cur += ch;
    }
  }
  if (quoted) return false;
  cells.push_back(cur);
  return true;
}

std::string trim(const std::string& s) {
  const size_t a = s.find_first_not_of(" \t");
  if (a == std::string::npos) return {};
  const size_t b = s.find_last_not_of(" \t");
  return s.substr(a, b - a + 1);
}

std::string joinNames(const std::vector<std::string>& names) {
  std::string s;
  for (size_t i = 0; i < names.size(); ++i) s += (i ? ", " : "") + names[i];
  return s;
}

}  // namespace

int CsvTable::find(const std::string& name) const {
  for (size_t i = 0; i < names.size(); ++i)
    if (names[i] == name) return static_cast<int>(i);
  return -1;
}

int CsvTable::require(const std::string& name, const std::string& source) const {
  const int i = find(name);
  if (i < 0) throw CsvError("no column '" + name + "' in " + source + "; the columns are: " + joinNames(names));
  return i;
}

CsvTable parseCsv(const std::string& textIn, const std::string& source) {
  std::string text = textIn;
  if (text.compare(0, 3, "\xEF\xBB\xBF") == 0) text.erase(0, 3);
  std::vector<std::pair<int, std::string>> lines;  // (1-based line number, content)
  size_t pos = 0;
  int lineNo = 0;
  // Line ends: \n (Unix), \r\n (Windows) or a lone \r (classic Mac OS, some exports).
  while (pos < text.size()) {
    size_t end = text.find_first_of("\r\n", pos);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(pos, end - pos);
    ++lineNo;
    if (trim(line).size()) lines.emplace_back(lineNo, line);
    pos = end + (end + 1 < text.size() && text[end] == '\r' && text[end + 1] == '\n' ? 2 : 1);
  }
  if (lines.empty()) throw CsvError(source + " is empty; it needs a header row of column names and rows of numbers");

  CsvTable t;
  std::vector<std::string> cells;
  if (!splitLine(lines[0].second, cells)) throw CsvError(source + ": the header row has an unterminated quote");
  std::unordered_set<std::string> seen;
  for (size_t c = 0; c < cells.size(); ++c) {
    std::string name = trim(cells[c]);
    if (name.empty())
      throw CsvError(source + ": column " + std::to_string(c + 1) + " of the header has no name; name every column");
    if (!seen.insert(name).second)
      throw CsvError(source + ": the column name '" + shortText(name, 40) + "' appears twice in the header; make the names unique");
    t.names.push_back(name);
  }
  const size_t cols = t.names.size();
  if (lines.size() < 2) throw CsvError(source + " has a header but no rows of data");
  t.values.resize(static_cast<Eigen::Index>(lines.size() - 1), static_cast<Eigen::Index>(cols));
  for (size_t r = 1; r < lines.size(); ++r) {
    // Rows are numbered as a spreadsheet numbers them: the header is row 1 (and a blank line is a row too).
    const std::string row = "row " + std::to_string(lines[r].first);
    const std::string where = source + ": " + row;
    if (!splitLine(lines[r].second, cells)) throw CsvError(where + " has an unterminated quote");
    if (cells.size() != cols)
      throw CsvError(where + " has " + std::to_string(cells.size()) + (cells.size() == 1 ? " cell" : " cells") +
                     " but the header has " + std::to_string(cols) + "; every row needs one value per column");
    for (size_t c = 0; c < cols; ++c) {
      const std::string cell = trim(cells[c]);
      char* end = nullptr;
      errno = 0;
      const double v = cell.empty() ? 0.0 : std::strtod(cell.c_str(), &end);
      if (cell.empty() || end != cell.c_str() + cell.size())
        throw CsvError(where + ", column '" + shortText(t.names[c], 40) + "': '" + shortText(cell, 40) + "' is not a number; fix or remove that row");
      if (!std::isfinite(v))
        throw CsvError(where + ", column '" + shortText(t.names[c], 40) + "': '" + shortText(cell, 40) + "' is not a finite number; remove or impute it");
      t.values(static_cast<Eigen::Index>(r - 1), static_cast<Eigen::Index>(c)) = v;
    }
  }
  return t;
}

CsvTable readCsv(const std::string& path) {
  std::string text;
  try {
    text = readFile(path);
  } catch (const FileError& e) {
    throw CsvError(e.what());
  }
  return parseCsv(text, path);
}

std::string formatNumber(double v) {
  char buf[40];
  for (int prec = 15; prec <= 17; ++prec) {
    std::snprintf(buf, sizeof buf, "%.*g", prec, v);
    if (std::strtod(buf, nullptr) == v) break;
  }
  return buf;
}

}  // namespace nr::core
