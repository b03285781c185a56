// cheat-sheet's tables without a GUI, against the text catalogs (assets/i18n/*.json): every table has a title, a
// header per column and a text in every cell, in both languages, and the catalogs hold no cell of the cheat-sheet
// outside the tables' shape; every row opens a lesson.
#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "lessons/cheat_sheet_model.h"

namespace nr::app {
namespace {

nlohmann::json catalog(const std::string& lang) {
  std::ifstream in(std::string(NR_TEST_DATA_DIR) + "/../../assets/i18n/" + lang + ".json");
  EXPECT_TRUE(in.good()) << lang;
  return nlohmann::json::parse(in).at("strings");
}

TEST(CheatSheetModel, KeysNameEachCellAndHeader) {
  EXPECT_EQ(CheatSheetModel::cellKey(1, 8, 2), "cheat-sheet.t1.r8.c2");
  EXPECT_EQ(CheatSheetModel::cellKey(3, -1, 0), "cheat-sheet.t3.h.c0");
  EXPECT_EQ(CheatSheetModel::rowLesson(0, CheatSheetModel::rowCount(0)), nullptr);
  EXPECT_EQ(CheatSheetModel::rowLesson(CheatSheetModel::tableCount(), 0), nullptr);
  EXPECT_EQ(CheatSheetModel::columnCount(-1), 0);
}

TEST(CheatSheetModel, TheCatalogsHoldExactlyTheTablesCells) {
  for (const char* lang : {"en", "zh"}) {
    SCOPED_TRACE(lang);
    const nlohmann::json strings = catalog(lang);
    std::set<std::string> expected;
    for (int t = 0; t < CheatSheetModel::tableCount(); ++t) {
      expected.insert("cheat-sheet.t" + std::to_string(t) + ".title");
      ASSERT_GT(CheatSheetModel::rowCount(t), 0);
      for (int c = 0; c < CheatSheetModel::columnCount(t); ++c)
        for (int r = -1; r < CheatSheetModel::rowCount(t); ++r) expected.insert(CheatSheetModel::cellKey(t, r, c));
    }
    const std::regex cell(R"(cheat-sheet\.t\d+\..*)");
    std::set<std::string> present;
    for (auto it = strings.begin(); it != strings.end(); ++it)
      if (std::regex_match(it.key(), cell)) present.insert(it.key());
    for (const std::string& k : expected) EXPECT_TRUE(present.count(k)) << "missing " << k;
    for (const std::string& k : present) EXPECT_TRUE(expected.count(k)) << "outside the tables: " << k;
  }
}

TEST(CheatSheetModel, EveryRowOpensALessonOfTheCatalog) {
  const nlohmann::json strings = catalog("en");
  for (int t = 0; t < CheatSheetModel::tableCount(); ++t)
    for (int r = 0; r < CheatSheetModel::rowCount(t); ++r) {
      const std::string id = CheatSheetModel::rowLesson(t, r);
      EXPECT_TRUE(strings.contains(id + ".title"))
          << "table " << t << " row " << r << " opens '" << id << "', a lesson without a title";
    }
}

}  // namespace
}  // namespace nr::app
