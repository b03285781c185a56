// Exported notes: every parameter of every lesson (at its defaults, at every extreme and in every bundled preset)
// appears under a label in the note's language, never as an internal key; and a Chinese note has no English words
// outside formulas, symbols and proper names (the allow-lists below; a word in a formula's \text{} counts as prose).
#include <gtest/gtest.h>

#include <filesystem>
#include <regex>
#include <set>

#include "lessons/note_params.h"
#include "lessons/registry.h"
#include "nr/file_io.h"
#include "support/app_options.h"
#include "support/headless_ui.h"
#include "shell/app.h"
#include "shell/scene.h"

namespace nr::app {
namespace {

namespace fs = std::filesystem;

AppOptions options(const Lang& lang, const std::string& lesson) { return test::appTestOptions(lang, 1.0f, lesson); }

// Proper names, method names used as such in Chinese writing, units and symbols.
const std::set<std::string> kProperNames = {
    "NR",      "Lab",   "BatchNorm", "LayerNorm", "InstanceNorm", "GroupNorm", "Dropout", "dropout", "inverted",
    "SGD",     "Adam",  "AdamW",     "ReLU",      "sigmoid",      "tanh",      "lasso",   "mixup",   "cutmix",
    "cutout",  "Beta",  "CSV",       "MAP",       "Lp",           "L1",        "L2",      "L0",      "MC",
    "bmi",     "bp",    "s5",        "IQR",       "He",           "Xavier",    "moons",   "spiral",  "xor",
    "circle",  "gaussians", "png", "log", "BN", "LN", "IN", "GN"};
// Words a formula may use as a symbol's name (a subscript such as L_val, κ_raw, ŵ_MAP) or a function.
const std::set<std::string> kFormulaWords = {"train", "eval", "val", "best", "stop", "raw",  "scaled", "ridge", "MAP",
                                             "Adam",  "SGD",  "AdamW", "L2",  "EN",   "Lp",  "L1",     "L0",    "mixup",
                                             "cutmix", "MSE", "BCE",  "Var", "Bernoulli", "Beta", "clamp", "softmax",
                                             "sgn",   "max",  "min",  "arg", "diag"};

// The English words of a Chinese note that are neither allowed names nor inside a formula's symbols.
std::vector<std::string> englishWords(const std::string& md) {
  std::vector<std::string> found;
  std::string prose = md;
  // Formulas: only the words in \text{...} are prose; everything else is symbols.
  static const std::regex display(R"(\$\$[\s\S]*?\$\$)");
  static const std::regex text(R"(\\text\{([^}]*)\})");
  static const std::regex word(R"([A-Za-z][A-Za-z0-9]*)");
  for (std::sregex_iterator it(md.begin(), md.end(), display), end; it != end; ++it) {
    const std::string f = it->str();
    for (std::sregex_iterator t(f.begin(), f.end(), text); t != end; ++t) {
      const std::string inner = (*t)[1];
      for (std::sregex_iterator w(inner.begin(), inner.end(), word); w != end; ++w)
        if (!kFormulaWords.count(w->str()) && !kProperNames.count(w->str())) found.push_back("\\text{" + inner + "}");
    }
  }
  prose = std::regex_replace(prose, display, " ");
  prose = std::regex_replace(prose, std::regex(R"(`[^`]*`)"), " ");         // code: the lesson id in the footer
  prose = std::regex_replace(prose, std::regex(R"(\]\([^)]*\))"), "]");     // the image's file name
  for (std::sregex_iterator w(prose.begin(), prose.end(), word), end; w != end; ++w) {
    const std::string s = w->str();
    if (s.size() == 1 || kProperNames.count(s)) continue;  // one letter: a symbol (B, q, N, C, H, W)
    found.push_back(s);
  }
  return found;
}

TEST(EnglishWords, TheCheckFindsProseButNotSymbols) {
  EXPECT_EQ(englishWords("批次 B = 8，SGD 与 Adam"), std::vector<std::string>{});
  EXPECT_EQ(englishWords("| step | 8 |"), std::vector<std::string>{"step"});
  EXPECT_EQ(englishWords("$$\nL_{\\text{val}} = 1,\\ \\text{step } 3\n$$"), std::vector<std::string>{"\\text{step }"});
  EXPECT_EQ(englishWords("导出自 NR Lab，课程 `batch-stats`。"), std::vector<std::string>{});
}

void expectLabelled(const Lesson& l, const Translator& tr, const std::string& where) {
  for (const NoteParamRow& row : noteParamRows(l, tr, "zh")) {
    EXPECT_TRUE(row.labelled) << l.id() << " " << where << ": parameter '" << row.label << "' has no label";
  }
  // Every choice (a string value that is not the user's own file or column name) is translated.
  const nlohmann::json params = l.params();
  for (const NoteParamRow& row : noteParamRows(l, tr, "zh"))
    for (auto it = params.begin(); it != params.end(); ++it)
      if (it->is_string() && it.key() != "csv_path" && it.key() != "target" &&
          row.label == tr.get((std::string(l.id()) + ".param." + it.key()).c_str(), "zh")) {
        EXPECT_TRUE(row.valueLabelled) << l.id() << " " << where << ": value '" << it->get<std::string>() << "' of "
                                       << it.key() << " is not translated";
      }
}

TEST(Notes, EveryParameterHasALabelAtDefaultsExtremesAndPresets) {
  Translator tr;
  for (const LessonInfo& info : lessonCatalog()) {
    auto l = info.make();
    expectLabelled(*l, tr, "defaults");
    for (int step = 0; step < l->extremeSteps(); ++step) {
      l->applyExtreme(step);
      expectLabelled(*l, tr, "extreme " + std::to_string(step));
    }
  }
  for (const auto& entry : fs::directory_iterator(fs::path(NR_SOURCE_DIR) / "assets" / "scenes")) {
    const SceneParse parsed = parseScene(core::readFile(entry.path().string()), entry.path().string());
    ASSERT_TRUE(parsed.ok) << entry.path();
    auto l = lessonCatalog()[size_t(findLesson(parsed.scene.lesson))].make();
    std::vector<std::string> w, e;
    l->setParams(parsed.scene.params, w, e);
    expectLabelled(*l, tr, entry.path().filename().string());
  }
}

TEST(Notes, ChineseNotesHaveNoEnglishOutsideFormulasSymbolsAndNames) {
  Translator tr;
  test::HeadlessUi ui(1.0f, tr, ImVec2(1600, 900));
  auto check = [&](App& app, const std::string& where) {
    for (int i = 0; i < 3; ++i) ui.frame([&] { app.frame(1.0 / 60.0); });
    app.lesson().finishWork();
    ui.frame([&] { app.frame(1.0 / 60.0); });
    const std::string md = app.noteMarkdown("picture.png");
    for (const std::string& w : englishWords(md)) ADD_FAILURE() << where << ": English \"" << w << "\" in\n" << md;
  };
  for (const LessonInfo& info : lessonCatalog()) {
    App app(options("zh", info.id));
    check(app, info.id);
  }
  // The presets reach states the defaults do not (a pruned and fine-tuned net, a trained run, the diabetes data).
  for (const auto& entry : fs::directory_iterator(fs::path(NR_SOURCE_DIR) / "assets" / "scenes")) {
    const SceneParse parsed = parseScene(core::readFile(entry.path().string()), entry.path().string());
    App app(options("zh", parsed.scene.lesson));
    ASSERT_TRUE(app.loadScene(entry.path().string()));
    app.setLang("zh");
    check(app, entry.path().filename().string());
  }
}

}  // namespace
}  // namespace nr::app
