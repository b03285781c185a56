// nr::core CSV reader: the accepted forms (quotes, CRLF, BOM, blank lines) and one clear message per failure.
#include <gtest/gtest.h>

#include <filesystem>

#include "nr/csv.h"
#include "nr/file_io.h"

namespace {

using namespace nr::core;

std::string errorOf(const std::string& text) {
  try {
    parseCsv(text, "d.csv");
  } catch (const CsvError& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(Csv, ParsesNumbersQuotedHeadersAndCrlf) {
  const CsvTable t = parseCsv("\xEF\xBB\xBF\"a, b\",\"say \"\"hi\"\"\", c \r\n1,2.5,-3e-2\r\n\r\n \"4\" ,5,6\r\n7,8,9", "d.csv");
  ASSERT_EQ(t.names, (std::vector<std::string>{"a, b", "say \"hi\"", "c"}));
  ASSERT_EQ(t.values.rows(), 3);
  EXPECT_EQ(t.values(0, 1), 2.5);
  EXPECT_EQ(t.values(0, 2), -0.03);
  EXPECT_EQ(t.values(1, 0), 4.0);
  EXPECT_EQ(t.values(2, 2), 9.0);
  EXPECT_EQ(t.find("c"), 2);
  EXPECT_EQ(t.find("z"), -1);
}

TEST(Csv, ErrorsSayWhereAndWhat) {
  EXPECT_EQ(errorOf(""), "d.csv is empty; it needs a header row of column names and rows of numbers");
  EXPECT_EQ(errorOf("\n\n"), "d.csv is empty; it needs a header row of column names and rows of numbers");
  EXPECT_EQ(errorOf("a,b\n"), "d.csv has a header but no rows of data");
  std::string rows = "age,bmi\n";
  for (int i = 1; i <= 11; ++i) rows += "1,2\n";
  // Rows as a spreadsheet numbers them: the header is row 1, so the 12th row of numbers is row 13.
  EXPECT_EQ(errorOf(rows + "3,abc\n"), "d.csv: row 13, column 'bmi': 'abc' is not a number; fix or remove that row");
  EXPECT_EQ(errorOf("a,b\n1,\n"), "d.csv: row 2, column 'b': '' is not a number; fix or remove that row");
  EXPECT_EQ(errorOf("a,b\n1,nan\n"), "d.csv: row 2, column 'b': 'nan' is not a finite number; remove or impute it");
  EXPECT_EQ(errorOf("a,b\n1,2\n1,2,3\n"),
            "d.csv: row 3 has 3 cells but the header has 2; every row needs one value per column");
  EXPECT_EQ(errorOf("a,b\n1\n"), "d.csv: row 2 has 1 cell but the header has 2; every row needs one value per column");
  // A blank line is a row of the spreadsheet too: the numbering does not shift after it.
  EXPECT_EQ(errorOf("a,b\n1,2\n\n1,x\n"), "d.csv: row 4, column 'b': 'x' is not a number; fix or remove that row");
  EXPECT_EQ(errorOf("a,a\n1,2\n"), "d.csv: the column name 'a' appears twice in the header; make the names unique");
  EXPECT_EQ(errorOf("a,,c\n1,2,3\n"), "d.csv: column 2 of the header has no name; name every column");
  EXPECT_EQ(errorOf("\"a,b\n1,2\n"), "d.csv: the header row has an unterminated quote");
  // A NUL or other control character in a cell is shown, not left to cut the line; a long cell is cut.
  EXPECT_EQ(errorOf(std::string("a,b\n1,x\0y\n", 11)),
            "d.csv: row 2, column 'b': 'x\\x00y' is not a number; fix or remove that row");
  EXPECT_EQ(errorOf("a,b\n1," + std::string(5000, 'z') + "\n"),
            "d.csv: row 2, column 'b': '" + std::string(40, 'z') + "…' is not a number; fix or remove that row");
  // Line ends of every kind: \r alone (classic Mac OS exports) is a line end too.
  const CsvTable cr = parseCsv("a,b\r1,2\r3,4\r", "d.csv");
  EXPECT_EQ(cr.values.rows(), 2);
  EXPECT_EQ(cr.values(1, 1), 4.0);
  EXPECT_EQ(errorOf("a,b\r1,2\r\r1,x\r"), "d.csv: row 4, column 'b': 'x' is not a number; fix or remove that row");
  const CsvTable t = parseCsv("a,b\n1,2\n", "d.csv");
  try {
    t.require("y", "d.csv");
    FAIL();
  } catch (const CsvError& e) {
    EXPECT_STREQ(e.what(), "no column 'y' in d.csv; the columns are: a, b");
  }
}

TEST(Csv, MissingFileNamesThePath) {
  try {
    readCsv("/nonexistent/x.csv");
    FAIL();
  } catch (const CsvError& e) {
    EXPECT_NE(std::string(e.what()).find("/nonexistent/x.csv"), std::string::npos);
    EXPECT_NE(std::string(e.what()).find("no such file"), std::string::npos);
  }
}

TEST(Csv, FormatNumberRoundTrips) {
  for (double v : {0.1, 1.0 / 3.0, -2.5e-300, 0.0, 123456789.125, 0.58645013447468819}) {
    const std::string s = formatNumber(v);
    EXPECT_EQ(std::strtod(s.c_str(), nullptr), v) << s;
  }
  EXPECT_EQ(formatNumber(0.1), "0.1");
}

}  // namespace
