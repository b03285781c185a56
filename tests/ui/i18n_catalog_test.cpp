// The text catalogs (assets/i18n/<code>.json): every key in every catalog, no key twice, no key the code does not
// use, the same printf conversions in every language, no translation of an English text that has changed since
// (the "source" hashes), and an override folder (NR_TEXT_DIR) that adds a language without a rebuild.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>

#include "lessons/cheat_sheet.h"
#include "lessons/registry.h"
#include "nr/file_io.h"
#include "support/headless_ui.h"
#include "support/temp_dir.h"
#include "shell/app.h"
#include "kit/i18n.h"
#include "ui/pseudo_locale.h"
#include "kit/text_catalog.h"
#include "kit/theme.h"

namespace nr::app {
namespace {

namespace fs = std::filesystem;

const fs::path kCatalogDir = fs::path(NR_SOURCE_DIR) / "assets" / "i18n";

/// The catalogs as the repository holds them (the binary embeds the same files at build time).
std::map<std::string, TextCatalog> repositoryCatalogs() {
  std::map<std::string, TextCatalog> out;
  for (const auto& entry : fs::directory_iterator(kCatalogDir)) {
    if (entry.path().extension() != ".json") continue;
    TextCatalog c;
    std::string error;
    EXPECT_TRUE(parseTextCatalog(core::readFile(entry.path().string()), c, error)) << entry.path() << ": " << error;
    EXPECT_EQ(c.code, entry.path().stem().string()) << "a catalog's file is named after its code";
    EXPECT_FALSE(c.language.empty()) << entry.path() << " names its language";
    out[c.code] = c;
  }
  return out;
}

std::string joined(const std::vector<std::string>& v, std::size_t shown = 20) {
  std::string s;
  for (std::size_t i = 0; i < v.size() && i < shown; ++i) s += (i ? ", " : "") + v[i];
  if (v.size() > shown) s += " and " + std::to_string(v.size() - shown) + " more";
  return s;
}

TEST(Catalogs, EnglishAndChineseAreBuiltIn) {
  const TextCatalogs built = loadTextCatalogs("");
  EXPECT_TRUE(built.problems.empty()) << joined(built.problems);
  ASSERT_GE(built.languages.size(), 2u);
  EXPECT_EQ(built.languages[0].code, "en");
  ASSERT_NE(built.find("zh"), nullptr);
  EXPECT_TRUE(built.find("zh")->usesCjkFont());
  EXPECT_FALSE(built.find("en")->usesCjkFont());
  // What is compiled in is what the repository holds (a stale build would test old texts).
  for (const auto& [code, c] : repositoryCatalogs()) {
    ASSERT_NE(built.find(code), nullptr) << code;
    EXPECT_TRUE(built.find(code)->strings == c.strings) << code << ".json changed since the build";
  }
}

TEST(Catalogs, EveryKeyInEveryCatalog) {
  const auto all = repositoryCatalogs();
  ASSERT_TRUE(all.count("en"));
  const TextCatalog& en = all.at("en");
  for (const auto& [code, c] : all) {
    std::vector<std::string> missing, extra, empty;
    for (const auto& [key, text] : en.strings)
      if (!c.strings.count(key)) missing.push_back(key);
    for (const auto& [key, text] : c.strings) {
      if (!en.strings.count(key)) extra.push_back(key);
      if (text.empty()) empty.push_back(key);
    }
    EXPECT_TRUE(missing.empty()) << code << ".json lacks " << missing.size() << " keys: " << joined(missing);
    EXPECT_TRUE(extra.empty()) << code << ".json has keys English lacks: " << joined(extra);
    EXPECT_TRUE(empty.empty()) << code << ".json has empty texts: " << joined(empty);
  }
}

// JSON keeps the last of two equal keys without a word: a key written twice would lose a text silently.
TEST(Catalogs, NoKeyTwice) {
  for (const auto& entry : fs::directory_iterator(kCatalogDir)) {
    std::string section;
    std::map<std::string, std::set<std::string>> seen;
    std::vector<std::string> twice;
    const nlohmann::json whole =
        nlohmann::json::parse(core::readFile(entry.path().string()),
                              [&](int depth, nlohmann::json::parse_event_t event, nlohmann::json& parsed) {
                                if (event == nlohmann::json::parse_event_t::key) {
                                  const std::string k = parsed.get<std::string>();
                                  if (depth == 1) section = k;
                                  if (depth == 2 && !seen[section].insert(k).second) twice.push_back(section + "." + k);
                                }
                                return true;
                              });
    EXPECT_TRUE(whole.is_object()) << entry.path();
    EXPECT_TRUE(twice.empty()) << entry.path().filename() << " defines twice: " << joined(twice);
  }
}

/// Every string literal of the C++ sources under `dir` (comments, character literals and raw strings skipped).
std::set<std::string> stringLiterals(const fs::path& dir) {
  std::set<std::string> out;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    const std::string ext = entry.path().extension().string();
    if (ext != ".cpp" && ext != ".h") continue;
    const std::string s = core::readFile(entry.path().string());
    for (std::size_t i = 0; i < s.size(); ++i) {
      if (s.compare(i, 2, "//") == 0) {
        i = s.find('\n', i);
        if (i == std::string::npos) break;
      } else if (s.compare(i, 2, "/*") == 0) {
        i = s.find("*/", i + 2);
        if (i == std::string::npos) break;
        ++i;
      } else if (s[i] == '\'') {
        for (++i; i < s.size() && s[i] != '\''; ++i)
          if (s[i] == '\\') ++i;
      } else if (s.compare(i, 2, "R\"") == 0) {
        const std::size_t open = s.find('(', i + 2);
        const std::string close = ")" + s.substr(i + 2, open - i - 2) + "\"";
        i = s.find(close, open);
        if (i == std::string::npos) break;
        i += close.size() - 1;
      } else if (s[i] == '"') {
        std::string lit;
        for (++i; i < s.size() && s[i] != '"'; ++i) {
          if (s[i] == '\\') lit += s[i++];
          lit += s[i];
        }
        out.insert(lit);
      }
    }
  }
  return out;
}

/// Whether the key is one the code builds at run time, and what builds it still exists: a lesson parameter's note
/// label ("<lesson>.param.<key>[.<value>]", for a parameter the lesson reports or names), a preset's description
/// ("<lesson>.preset.<name>"), a cheat-sheet cell ("cheat-sheet.t<table>…"), a theme's name ("theme.<code>").
bool builtAtRunTime(const std::string& key, const std::map<std::string, std::set<std::string>>& params,
                    const std::set<std::string>& literals) {
  for (const auto& [lesson, keys] : params) {
    for (const char* part : {".title", ".heading", ".what", ".try"})  // the descriptor's keys (lessons/registry.h)
      if (key == lesson + part) return true;
    const std::string p = lesson + ".param.";
    if (key.rfind(p, 0) == 0) {
      const std::string param = key.substr(p.size(), key.find('.', p.size()) - p.size());
      return keys.count(param) != 0 || literals.count(param) != 0;  // "csv_path": only with the user's own table
    }
    const std::string preset = lesson + ".preset.";
    if (key.rfind(preset, 0) == 0)
      return fs::exists(fs::path(NR_SOURCE_DIR) / "assets" / "scenes" /
                        (lesson + "-" + key.substr(preset.size()) + ".json"));
  }
  for (int t = 0; t < CheatSheetLesson::tableCount(); ++t) {
    if (key == "cheat-sheet.t" + std::to_string(t) + ".title") return true;
    for (int c = 0; c < CheatSheetLesson::columnCount(t); ++c) {
      if (key == CheatSheetLesson::cellKey(t, -1, c)) return true;
      for (int r = 0; CheatSheetLesson::rowLesson(t, r); ++r)
        if (key == CheatSheetLesson::cellKey(t, r, c)) return true;
    }
  }
  for (Theme t : {Theme::Light, Theme::Dark, Theme::HighContrast})
    if (key == std::string("theme.") + themeCode(t)) return true;
  return false;
}

TEST(Catalogs, NoOrphanKeys) {
  const std::set<std::string> literals = stringLiterals(fs::path(NR_SOURCE_DIR) / "app");
  // Every parameter a lesson reports, at its defaults and at every extreme (their note labels).
  std::map<std::string, std::set<std::string>> params;
  for (const LessonInfo& info : lessonCatalog()) {
    std::unique_ptr<Lesson> l = info.make();
    std::set<std::string>& keys = params[info.id];
    for (int step = -1; step < l->extremeSteps(); ++step) {
      if (step >= 0) l->applyExtreme(step);
      const nlohmann::json p = l->params();
      for (auto it = p.begin(); it != p.end(); ++it) keys.insert(it.key());
    }
  }
  std::vector<std::string> orphans;
  const auto all = repositoryCatalogs();
  for (const auto& [key, text] : all.at("en").strings)
    if (!literals.count(key) && !builtAtRunTime(key, params, literals)) orphans.push_back(key);
  EXPECT_TRUE(orphans.empty()) << orphans.size()
                               << " keys no code uses (remove them from every catalog): " << joined(orphans, 40);
}

TEST(Catalogs, SamePrintfConversionsInEveryLanguage) {
  const auto all = repositoryCatalogs();
  const TextCatalog& en = all.at("en");
  for (const auto& [code, c] : all)
    for (const auto& [key, text] : c.strings) {
      auto it = en.strings.find(key);
      if (it == en.strings.end()) continue;
      EXPECT_EQ(printfSpecs(text), printfSpecs(it->second)) << code << ": " << key << ": " << text;
    }
  EXPECT_EQ(printfSpecs("kept %d of %d (%.0f%%), q = %.0f%%"),
            (std::vector<std::string>{"%d", "%d", "%.0f", "%%", "%.0f", "%%"}));
  EXPECT_TRUE(printfSpecs("about 40 % of the weights").empty());
}

// A translation records the hash of the English text it was made from; when the English changes, the translation
// is stale until a translator has looked at it (and refreshed the hash with tools/i18n/texts.py).
TEST(Catalogs, NoTranslationIsStale) {
  const auto all = repositoryCatalogs();
  const TextCatalog& en = all.at("en");
  for (const auto& [code, c] : all) {
    if (code == "en") continue;
    std::vector<std::string> stale, unrecorded;
    for (const auto& [key, text] : c.strings) {
      auto english = en.strings.find(key);
      auto hash = c.source.find(key);
      if (english == en.strings.end()) continue;
      if (hash == c.source.end())
        unrecorded.push_back(key);
      else if (hash->second != textHash(english->second))
        stale.push_back(key);
    }
    EXPECT_TRUE(stale.empty()) << code << ".json: " << stale.size()
                               << " translations of an English text that has changed since: " << joined(stale, 50)
                               << ". Update them, then: tools/i18n/texts.py refresh " << code << " KEY...";
    EXPECT_TRUE(unrecorded.empty()) << code << ".json: no \"source\" hash for " << joined(unrecorded)
                                    << " (tools/i18n/texts.py refresh " << code << " KEY... records it)";
  }
  EXPECT_EQ(textHash(""), "811c9dc5");
  EXPECT_EQ(textHash("a"), "e40c292c");  // FNV-1a 32, as in tools/i18n/texts.py
}

/// Sets NR_TEXT_DIR for the scope of a test.
class TextDirScope {
 public:
  explicit TextDirScope(const std::string& dir) { setenv("NR_TEXT_DIR", dir.c_str(), 1); }
  ~TextDirScope() { unsetenv("NR_TEXT_DIR"); }
};

TEST(Catalogs, AFolderAddsALanguageAndReplacesTextsWithoutARebuild) {
  test::TempDir dir("nr_texts");
  const Translator builtIn;
  dir.write("xx.json", test::pseudoCatalogJson(*builtIn.language("en")));
  // A teacher's own wording of one Chinese text; a text with the wrong conversions; a key nobody uses.
  dir.write("zh.json", R"({"code": "zh", "strings": {"dropout.title": "丢弃法", "dropout.kept": "保留 %s",
                              "no.such.key": "x"}})");
  dir.write("broken.json", "{\"code\": \"fr\", \"strings\": [");
  const TextDirScope scope(dir.path.string());
  const Translator tr;
  test::HeadlessUi ui(1.0f, tr);
  ASSERT_TRUE(tr.hasLanguage("xx"));
  EXPECT_EQ(tr.languageList(), "en, xx or zh");
  EXPECT_NE(std::string(tr.get("dropout.title", "xx")), "Dropout");
  EXPECT_EQ(std::string(tr.get("dropout.title", "zh")), "丢弃法");
  EXPECT_EQ(std::string(tr.get("dropout.kept", "zh")), builtIn.get("dropout.kept", "zh"));        // refused: %s for %d
  EXPECT_EQ(std::string(tr.get("dropout.heading", "zh")), builtIn.get("dropout.heading", "zh"));  // the rest stays
  const std::string problems = joined(tr.problems());
  EXPECT_NE(problems.find("'dropout.kept' must keep"), std::string::npos) << problems;
  EXPECT_NE(problems.find("no.such.key"), std::string::npos) << problems;
  EXPECT_NE(problems.find("broken.json: not valid JSON"), std::string::npos) << problems;

  // The app offers it (View → Language lists the catalogs), opens in it, and writes notes in it.
  AppOptions o;
  o.persistent = false, o.hasGraphics = false, o.lang = "xx", o.lesson = "dropout";
  App app(o);
  EXPECT_EQ(app.lang(), "xx");
  bool listed = false;
  for (const TextCatalog& c : app.translator().languages())
    listed |= c.code == "xx" && c.language.find("(xx)") != std::string::npos;
  EXPECT_TRUE(listed);
  const std::string note = app.noteMarkdown("dropout.png");
  EXPECT_NE(note.find(tr.get("dropout.title", "xx")), std::string::npos) << note;
  EXPECT_NE(note.find(tr.get("dropout.param.keep", "xx")), std::string::npos) << note;
  EXPECT_EQ(note.find("Keep probability"), std::string::npos) << note;
}

TEST(Catalogs, PseudoLocaleKeepsWhatTheCodeReads) {
  EXPECT_EQ(test::pseudoLocalize("Step"), "Šţéþ ẋ");
  const std::string s = test::pseudoLocalize("kept %d of %d (%.0f%%)\n2. Press Play");
  EXPECT_EQ(printfSpecs(s), printfSpecs("kept %d of %d (%.0f%%)"));
  EXPECT_NE(s.find("\n2. "), std::string::npos) << s;
  EXPECT_EQ(test::pseudoLocalize("\\text{step } %d").rfind("\\text{šţéþ ", 0), 0u);
}

}  // namespace
}  // namespace nr::app
