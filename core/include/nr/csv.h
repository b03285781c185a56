#pragma once
// A numeric CSV table: one header row of column names, then rows of numbers. Enough for the data sets a student
// drops on the window and for `nrlab fit`; not a general CSV library.
//
// Accepted: "," separators, CRLF or LF line ends, a UTF-8 byte-order mark, quoted header names ("a,b" and ""
// inside quotes), quoted numbers, surrounding spaces, and a final line without a newline. Blank lines are skipped.
// Rejected with a message that names the place and says what to do (CsvError): an empty file, a header without
// rows, duplicate or empty column names, a row with too few or too many cells, a cell that is not a number, NaN or
// infinite values.

#include <Eigen/Dense>
#include <stdexcept>
#include <string>
#include <vector>

namespace nr::core {

class CsvError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct CsvTable {
  std::vector<std::string> names;
  /// rows × columns, in file order.
  Eigen::MatrixXd values;

  /// Index of a column, or −1.
  int find(const std::string& name) const;
  /// Index of a column; throws CsvError "no column 'y' in data.csv; the columns are: a, b, c" when missing.
  int require(const std::string& name, const std::string& source = "the data") const;
};

/// Parses CSV text; `source` names it in messages (usually the path).
CsvTable parseCsv(const std::string& text, const std::string& source = "the data");
/// Reads and parses a file; a missing or unreadable file throws CsvError naming the path.
CsvTable readCsv(const std::string& path);

/// Formats a double so that it reads back exactly (shortest of %.17g round trip).
std::string formatNumber(double v);

}  // namespace nr::core
